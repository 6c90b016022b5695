#include "widgets/photoviewer.h"

#include "widgets/picturepool.h"

#include <QBuffer>
#include <QEvent>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QImageReader>
#include <QApplication>
#include <QThreadPool>
#include <QPointer>
#include <QKeyEvent>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QScreen>
#include <QVBoxLayout>

namespace gridhall {

namespace {
// Decodes at most `fit` (the screen's size): a 12-megapixel photo is not kept in full when
// the screen shows a quarter of it. Phones' EXIF turn is applied.
QImage decodeFitted(const QByteArray& data, QSize fit)
{
    QByteArray bytes = data;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    reader.setAutoTransform(true);
    QSize size = reader.size();
    if (reader.transformation().testFlag(QImageIOHandler::TransformationRotate90))
        size.transpose();
    if (size.isValid() && (size.width() > fit.width() || size.height() > fit.height())) {
        QSize scaled = size.scaled(fit, Qt::KeepAspectRatio);
        if (reader.transformation().testFlag(QImageIOHandler::TransformationRotate90))
            scaled.transpose(); // the reader scales before it turns
        reader.setScaledSize(scaled.expandedTo(QSize(1, 1)));
    }
    return reader.read();
}
} // namespace

PhotoViewer::PhotoViewer(QWidget* parent)
    : QDialog(parent)
    , m_image(new QLabel(this))
    , m_caption(new QLabel(this))
    , m_status(new QLabel(this))
    , m_previous(new QPushButton(this))
    , m_next(new QPushButton(this))
{
    setObjectName(QStringLiteral("photoViewer"));
    m_image->setAlignment(Qt::AlignCenter);
    m_image->setMinimumSize(320, 240);
    m_image->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Ignored);
    m_image->setStyleSheet(QStringLiteral("background: #202020;"));
    m_status->setWordWrap(true);
    m_status->setObjectName(QStringLiteral("photoStatus"));
    // The arrow keys belong to the viewer, not to the buttons' focus chain.
    for (QPushButton* b : { m_previous, m_next }) {
        b->setFocusPolicy(Qt::NoFocus);
        b->setAutoDefault(false);
    }
    connect(m_previous, &QPushButton::clicked, this, [this] { showIndex(m_current - 1); });
    connect(m_next, &QPushButton::clicked, this, [this] { showIndex(m_current + 1); });
    auto* bar = new QHBoxLayout;
    bar->addWidget(m_previous);
    bar->addWidget(m_caption, 1);
    bar->addWidget(m_next);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_image, 1);
    layout->addLayout(bar);
    layout->addWidget(m_status);
    m_timeout.setSingleShot(true);
    m_timeout.setInterval(45000);
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        const qint64 id = currentPhotoId();
        if (!m_asked.remove(id))
            return;
        m_failed.insert(id,
            tr("No answer came for this photo. Step to another photo and back, or open it "
               "again, to retry."));
        render();
    });
    setFocusPolicy(Qt::StrongFocus);
    // Fit the screen: most of it, leaving the taskbar and a margin.
    const QScreen* screen
        = parent && parent->screen() ? parent->screen() : QGuiApplication::primaryScreen();
    if (screen)
        resize(screen->availableGeometry().size() * 0.9);
    retranslate();
}

qint64 PhotoViewer::currentPhotoId() const
{
    return m_current >= 0 && m_current < m_photos.size() ? m_photos[m_current].id : 0;
}

void PhotoViewer::setPhotos(const QString& caseCode, const QList<CasePhoto>& photos, int current)
{
    m_caseCode = caseCode;
    m_photos = photos;
    m_full.clear();
    m_failed.clear();
    m_asked.clear();
    m_current = -1;
    showIndex(std::clamp(current, 0, std::max(0, int(photos.size()) - 1)));
}

void PhotoViewer::showIndex(int index)
{
    if (index < 0 || index >= m_photos.size())
        return;
    m_current = index;
    const qint64 id = m_photos[index].id;
    // A failure is asked again on the next visit: the link may be back.
    if (!m_full.contains(id) && !m_asked.contains(id)) {
        m_failed.remove(id);
        m_asked.insert(id);
        emit photoWanted(id);
    }
    if (m_asked.contains(id))
        m_timeout.start();
    render();
}

void PhotoViewer::showPhoto(qint64 photoId, const QByteArray& data)
{
    if (!m_asked.contains(photoId))
        return; // not this case's, or answered already
    // A phone's full photo takes longer to decode than a frame lasts: not on the GUI thread,
    // nor on Qt's global pool, which the GUI thread's own large paints wait for.
    QPointer<PhotoViewer> self(this);
    picturePool().start([self, photoId, data, fit = fitSize()] {
        const QImage image = decodeFitted(data, fit);
        QMetaObject::invokeMethod(qApp, [self, photoId, image] {
            if (self)
                self->photoDecoded(photoId, image);
        }, Qt::QueuedConnection);
    });
}

void PhotoViewer::photoDecoded(qint64 photoId, const QImage& image)
{
    if (!m_asked.remove(photoId))
        return; // a second answer for the same photo, or it failed meanwhile
    if (image.isNull())
        m_failed.insert(photoId,
            tr("The photo arrived but cannot be shown: it is not an image this computer can "
               "read."));
    else
        m_full.insert(photoId, image);
    if (photoId == currentPhotoId()) {
        m_timeout.stop();
        render();
    }
}

void PhotoViewer::showFailure(qint64 photoId, const QString& reason)
{
    if (!m_asked.remove(photoId))
        return;
    m_failed.insert(photoId, reason);
    if (photoId == currentPhotoId()) {
        m_timeout.stop();
        render();
    }
}

bool PhotoViewer::isLoading() const
{
    return m_asked.contains(currentPhotoId());
}

bool PhotoViewer::showsFullPhoto() const
{
    return m_full.contains(currentPhotoId());
}

QString PhotoViewer::statusText() const
{
    return m_status->text();
}

QSize PhotoViewer::fitSize() const
{
    const QScreen* s = screen() ? screen() : QGuiApplication::primaryScreen();
    return s ? s->availableGeometry().size() * s->devicePixelRatio() : QSize(1920, 1080);
}

void PhotoViewer::render()
{
    const qint64 id = currentPhotoId();
    if (!id) {
        m_shown = {};
        m_image->clear();
        m_caption->clear();
        m_status->clear();
        return;
    }
    const CasePhoto& p = m_photos[m_current];
    QString status;
    QString colour;
    if (m_full.contains(id)) {
        m_shown = m_full.value(id);
    } else {
        m_shown = QImage::fromData(p.thumbnail, "JPEG");
        if (m_asked.contains(id)) {
            status = tr("Loading the full-size photo… The thumbnail is shown meanwhile.");
        } else {
            status = m_failed.value(id);
            colour = QStringLiteral("#c62828");
        }
    }
    const QString when = p.takenAt.isValid()
        ? QLocale().toString(p.takenAt.toLocalTime(), QLocale::ShortFormat)
        : tr("unknown time");
    m_caption->setText(tr("Photo %1 of %2 · %3 · taken %4 · %5 × %6 px · %7")
                           .arg(m_current + 1)
                           .arg(m_photos.size())
                           .arg(m_caseCode, when)
                           .arg(p.width)
                           .arg(p.height)
                           .arg(QLocale().formattedDataSize(p.bytes, 0)));
    m_status->setText(status);
    m_status->setStyleSheet(
        colour.isEmpty() ? QString() : QStringLiteral("color: %1;").arg(colour));
    m_status->setVisible(!status.isEmpty());
    m_previous->setEnabled(m_current > 0);
    m_next->setEnabled(m_current + 1 < m_photos.size());
    setWindowTitle(tr("Photos of case %1").arg(m_caseCode));
    if (m_shown.isNull()) {
        m_image->setPixmap({});
        m_image->setText(tr("No picture to show"));
        return;
    }
    // Fitted to the viewer, which fits the screen; a thumbnail standing in is enlarged too.
    const QSize area = m_image->size().expandedTo(QSize(1, 1)) * m_image->devicePixelRatioF();
    QPixmap pixmap
        = QPixmap::fromImage(m_shown.scaled(area, Qt::KeepAspectRatio, Qt::SmoothTransformation));
    pixmap.setDevicePixelRatio(m_image->devicePixelRatioF());
    m_image->setPixmap(pixmap);
}

void PhotoViewer::keyPressEvent(QKeyEvent* event)
{
    switch (event->key()) {
    case Qt::Key_Left:
        showIndex(m_current - 1);
        return;
    case Qt::Key_Right:
        showIndex(m_current + 1);
        return;
    case Qt::Key_Home:
        showIndex(0);
        return;
    case Qt::Key_End:
        showIndex(int(m_photos.size()) - 1);
        return;
    default:
        QDialog::keyPressEvent(event); // Esc closes
    }
}

void PhotoViewer::resizeEvent(QResizeEvent* event)
{
    QDialog::resizeEvent(event);
    render();
}

void PhotoViewer::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

void PhotoViewer::retranslate()
{
    m_previous->setText(tr("◀ Previous"));
    m_next->setText(tr("Next ▶"));
    m_previous->setToolTip(tr("Previous photo (Left arrow)"));
    m_next->setToolTip(tr("Next photo (Right arrow)"));
    render();
}

} // namespace gridhall
