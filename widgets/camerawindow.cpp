#include "widgets/camerawindow.h"

#include "widgets/cameraview.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QShortcut>
#include <QUrl>
#include <QVBoxLayout>

namespace gridhall {

CameraWindow::CameraWindow(const Camera& camera, QWidget* parent)
    : QWidget(parent)
    , m_camera(camera)
    , m_view(new CameraView(this))
    , m_save(new QPushButton(this))
    , m_status(new QLabel(this))
{
    setWindowFlag(Qt::Window);
    setAttribute(Qt::WA_DeleteOnClose);
    setObjectName(QStringLiteral("cameraWindow"));
    m_save->setObjectName(QStringLiteral("saveStill"));
    m_save->hide(); // until a case is given
    // The picture holds the keyboard focus, so that Ctrl+S and Esc work as the window opens.
    m_view->setFocusPolicy(Qt::StrongFocus);
    setFocusProxy(m_view);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* bar = new QHBoxLayout;
    bar->setContentsMargins(8, 4, 8, 6);
    bar->addWidget(m_status, 1);
    bar->addWidget(m_save);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_view, 1);
    layout->addLayout(bar);
    resize(704, 576 + m_save->sizeHint().height() + 10);

    auto* close = new QShortcut(QKeySequence(Qt::Key_Escape), this);
    connect(close, &QShortcut::activated, this, &QWidget::close);
    connect(m_save, &QPushButton::clicked, this, &CameraWindow::requestStill);
    // A shortcut of its own: a button's shortcut is reset by each setText (its mnemonic).
    auto* save = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_S), this);
    connect(save, &QShortcut::activated, this, [this] {
        if (m_save->isVisible() && m_save->isEnabled())
            requestStill();
    });
    // The button waits for a picture: there is nothing to save before the first one.
    connect(m_view, &CameraView::stateChanged, this, &CameraWindow::updateSave);
    connect(m_view, &CameraView::frameShown, this, [this] {
        if (!m_save->isEnabled())
            updateSave();
    });

    const QString url = !camera.mainUrl.isEmpty() ? camera.mainUrl : camera.subUrl;
    if (url.isEmpty())
        m_view->showMessage(CameraView::tr("%1: no stream for your role (stream addresses go to desk roles and leaders).").arg(camera.name));
    else
        m_view->play(QUrl(url), camera.name);
    retranslate();
}

void CameraWindow::setCase(qint64 caseId, const QString& caseCode)
{
    m_caseId = caseId;
    m_caseCode = caseCode;
    m_save->setVisible(caseId != 0);
    retranslate();
}

void CameraWindow::setStillStatus(const QString& text)
{
    m_status->setText(text);
}

QString CameraWindow::stillStatus() const
{
    return m_status->text();
}

void CameraWindow::updateSave()
{
    m_save->setEnabled(m_caseId != 0 && !m_view->currentFrame().isNull());
}

void CameraWindow::requestStill()
{
    const QImage frame = m_view->currentFrame();
    if (!m_caseId || frame.isNull())
        return;
    // The picture as it is now, even while the stream is being retried: the operator saw it.
    emit stillRequested(m_caseId, frame, m_camera);
}

void CameraWindow::retranslate()
{
    setWindowTitle(CameraView::tr("%1 (%2) — live").arg(m_camera.name, m_camera.code));
    m_save->setText(tr("Save still to case %1").arg(m_caseCode));
    m_save->setToolTip(tr("Saves the picture on screen into case %1 as a photo (Ctrl+S). Offline it waits in the outbox.")
                           .arg(m_caseCode));
    updateSave();
}

void CameraWindow::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

} // namespace gridhall
