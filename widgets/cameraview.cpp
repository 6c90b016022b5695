#include "widgets/cameraview.h"

#include "widgets/camerawindow.h"
#include "widgets/picturepool.h"

#include <QCoreApplication>
#include <QMediaPlayer>
#include <QMutex>
#include <QThreadPool>
#include <QShortcut>
#include <QPaintEvent>
#include <QPainter>
#include <QTimer>
#include <QVideoFrame>
#include <QVideoSink>

#include <utility>

namespace gridhall {

namespace {
constexpr int kFirstRetryMs = 1000;
constexpr int kMaxRetryMs = 10000;
constexpr int kWatchdogMs = 500;

QString withoutPassword(const QUrl& url)
{
    QUrl shown = url;
    if (!shown.password().isEmpty())
        shown.setPassword(QStringLiteral("***"));
    return shown.toString();
}
} // namespace

// Between a player's sink and the view. Qt 6.4 hands pictures over on the GUI thread; the
// conversion to an image and the scaling to the widget go to a pool thread, one at a time
// per view, newest first (a picture that waits is replaced by a newer one), and the view
// takes the result. The view lets go of the relay (view = nullptr) when it drops the
// player, so a picture converted late goes nowhere.
struct CameraView::FrameRelay {
    QMutex mutex;
    CameraView* view = nullptr;
    QSize target; // the widget's size, to scale pictures to
    QVideoFrame waiting; // handed over, not converted yet
    bool converting = false; // a pool thread works for this relay
    QImage frame; // the newest picture, whole
    QImage shown; // the same, scaled for the widget
    bool posted = false; // a takeFrame is on its way to the GUI thread

    void handOver(const std::shared_ptr<FrameRelay>& self, const QVideoFrame& videoFrame)
    {
        if (!videoFrame.isValid())
            return;
        QMutexLocker lock(&mutex);
        if (!view)
            return;
        waiting = videoFrame;
        if (converting)
            return;
        converting = true;
        picturePool().start([self] { self->convertWaiting(self); });
    }

    // On a pool thread, until no picture waits.
    void convertWaiting(const std::shared_ptr<FrameRelay>& self)
    {
        for (;;) {
            QVideoFrame next;
            QSize to;
            {
                QMutexLocker lock(&mutex);
                next = std::exchange(waiting, QVideoFrame());
                if (!view || !next.isValid()) {
                    converting = false;
                    return;
                }
                to = target;
            }
            QImage image = next.toImage();
            next = QVideoFrame(); // the decoder's buffer goes back to it now
            if (image.isNull())
                continue;
            // Video is opaque: drawn as RGB32 it is a plain copy, with no blending.
            if (image.format() == QImage::Format_ARGB32 || image.format() == QImage::Format_ARGB32_Premultiplied)
                image.reinterpretAsFormat(QImage::Format_RGB32);
            else if (image.format() != QImage::Format_RGB32)
                image.convertTo(QImage::Format_RGB32);
            const QSize fitted = image.size().scaled(to, Qt::KeepAspectRatio);
            const QImage scaled = !to.isEmpty() && fitted != image.size()
                ? image.scaled(fitted, Qt::IgnoreAspectRatio, Qt::SmoothTransformation)
                : image;
            QMutexLocker lock(&mutex);
            if (!view) {
                converting = false;
                return;
            }
            frame = image;
            shown = scaled;
            if (!posted) {
                posted = true;
                // The view cannot go while the lock is held: it lets go under the same lock.
                QMetaObject::invokeMethod(view, [v = view, self] { v->takeFrame(self); }, Qt::QueuedConnection);
            }
        }
    }
};

CameraView::CameraView(QWidget* parent)
    : QWidget(parent)
    , m_retry(new QTimer(this))
    , m_watchdog(new QTimer(this))
{
    setAttribute(Qt::WA_OpaquePaintEvent);
    setMinimumSize(176, 144);
    m_retry->setSingleShot(true);
    connect(m_retry, &QTimer::timeout, this, &CameraView::connectStream);
    m_watchdog->setInterval(kWatchdogMs);
    connect(m_watchdog, &QTimer::timeout, this, &CameraView::checkStall);
    picturePool(); // made here, on the GUI thread
}

CameraView::~CameraView()
{
    stop();
}

void CameraView::play(const QUrl& url, const QString& title)
{
    stop();
    m_url = url;
    m_title = title;
    m_backoffMs = kFirstRetryMs;
    connectStream();
}

void CameraView::stop()
{
    m_retry->stop();
    m_watchdog->stop();
    dropPlayer();
    if (m_state != State::Idle)
        setState(State::Idle, QString());
}

void CameraView::showMessage(const QString& text)
{
    stop();
    m_status = text;
    update();
}

void CameraView::dropPlayer()
{
    if (!m_player)
        return;
    // A player is dropped whole: GStreamer keeps no half-open connection across retries.
    {
        QMutexLocker lock(&m_relay->mutex);
        m_relay->view = nullptr;
    }
    m_relay.reset();
    m_player->disconnect(this);
    m_sink->disconnect(this);
    m_player->stop();
    m_player->deleteLater();
    m_sink->deleteLater();
    m_player = nullptr;
    m_sink = nullptr;
}

void CameraView::connectStream()
{
    dropPlayer();
    m_player = new QMediaPlayer(this);
    m_sink = new QVideoSink(this);
    m_player->setVideoSink(m_sink);
    m_relay = std::make_shared<FrameRelay>();
    m_relay->view = this;
    m_relay->target = pictureArea().size();
    // Direct: whichever thread the sink calls from, the picture goes to the pool at once.
    connect(m_sink, &QVideoSink::videoFrameChanged, m_sink,
        [relay = m_relay](const QVideoFrame& frame) { relay->handOver(relay, frame); }, Qt::DirectConnection);
    connect(m_player, &QMediaPlayer::errorOccurred, this, [this](QMediaPlayer::Error, const QString& message) { fail(message); });
    connect(m_player, &QMediaPlayer::mediaStatusChanged, this, [this](QMediaPlayer::MediaStatus status) {
        if (status == QMediaPlayer::EndOfMedia)
            fail(tr("the stream ended"));
        else if (status == QMediaPlayer::InvalidMedia)
            fail(tr("the stream cannot be played"));
    });
    setState(State::Connecting, tr("Connecting to %1…").arg(m_title));
    m_sinceFrame.start();
    m_watchdog->start();
    m_player->setSource(m_url);
    m_player->play();
}

void CameraView::takeFrame(const std::shared_ptr<FrameRelay>& relay)
{
    if (relay != m_relay)
        return; // from a player dropped since
    const QSize previousSize = m_frame.size();
    {
        QMutexLocker lock(&relay->mutex);
        relay->posted = false;
        m_frame = relay->frame;
        m_shown = relay->shown;
    }
    if (m_frame.isNull())
        return;
    ++m_frames;
    m_sinceFrame.start();
    m_backoffMs = kFirstRetryMs;
    if (m_state != State::Live)
        setState(State::Live, QString()); // repaints everything
    else if (m_frame.size() != previousSize)
        update();
    else
        update(pictureRect()); // only the picture moved: margins and what a subclass draws stay
    emit frameShown();
}

void CameraView::checkStall()
{
    if ((m_state == State::Live || m_state == State::Connecting) && m_sinceFrame.elapsed() > m_stallMs)
        fail(tr("no picture for %1 s").arg(m_stallMs / 1000));
}

void CameraView::fail(const QString& why)
{
    if (m_state == State::Retrying || m_state == State::Idle)
        return;
    m_watchdog->stop();
    const int seconds = (m_backoffMs + 999) / 1000;
    const QString detail = why.trimmed().isEmpty() ? tr("the stream failed") : why.trimmed();
    setState(State::Retrying,
        tr("%1: no live picture (%2). Trying again in %n s…", nullptr, seconds).arg(m_title, detail));
    m_retry->start(m_backoffMs);
    m_backoffMs = qMin(m_backoffMs * 2, kMaxRetryMs);
}

void CameraView::setState(State state, const QString& status)
{
    const bool changed = state != m_state;
    m_state = state;
    m_status = status;
    setToolTip(m_url.isEmpty() ? QString() : withoutPassword(m_url));
    update();
    if (changed)
        emit stateChanged(state);
}

void CameraView::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    if (m_relay) {
        QMutexLocker lock(&m_relay->mutex);
        m_relay->target = pictureArea().size();
    }
}

void CameraView::setReservedBottom(int pixels)
{
    m_reservedBottom = qMax(0, pixels);
    if (m_relay) {
        QMutexLocker lock(&m_relay->mutex);
        m_relay->target = pictureArea().size();
    }
    update();
}

QRect CameraView::pictureRect() const
{
    const QRect area = pictureArea();
    if (m_frame.isNull())
        return area;
    const QSize fitted = m_frame.size().scaled(area.size(), Qt::KeepAspectRatio);
    return QRect(QPoint((area.width() - fitted.width()) / 2, (area.height() - fitted.height()) / 2), fitted);
}

void CameraView::paintEvent(QPaintEvent* event)
{
    QPainter p(this);
    const QRect target = pictureRect();
    if (!m_frame.isNull()) {
        // Black only around the picture: a full fill under it would be painted twice.
        const QRegion margins = QRegion(event->rect()).subtracted(target);
        for (const QRect& r : margins)
            p.fillRect(r, Qt::black);
        if (m_shown.size() == target.size()) {
            p.drawImage(target.topLeft(), m_shown); // scaled already, off this thread
        } else { // resized since the picture came: until the next one
            p.setRenderHint(QPainter::SmoothPixmapTransform);
            p.drawImage(target, m_frame);
        }
        if (m_state != State::Live) // the last picture stays, dimmed, under the message
            p.fillRect(target, QColor(0, 0, 0, 150));
    } else {
        p.fillRect(rect(), Qt::black);
    }
    if (!m_status.isEmpty()) {
        p.setPen(m_state == State::Retrying ? QColor(255, 190, 90) : Qt::white);
        QFont f = font(); // a wall sets pixels, a desk points
        if (f.pixelSize() > 0)
            f.setPixelSize(f.pixelSize() * 6 / 5);
        else
            f.setPointSizeF(f.pointSizeF() * 1.2);
        p.setFont(f);
        p.drawText(rect().adjusted(12, 12, -12, -12), Qt::AlignCenter | Qt::TextWordWrap, m_status);
    }
}

CameraView* openCameraWindow(QWidget* parent, const Camera& camera)
{
    auto* window = new CameraWindow(camera, parent);
    window->show();
    window->raise();
    window->activateWindow();
    return window->view();
}

} // namespace gridhall
