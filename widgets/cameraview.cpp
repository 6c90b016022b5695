#include "widgets/cameraview.h"

#include <QMediaPlayer>
#include <QShortcut>
#include <QPainter>
#include <QTimer>
#include <QVideoFrame>
#include <QVideoSink>

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
    connect(m_sink, &QVideoSink::videoFrameChanged, this, &CameraView::onFrame);
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

void CameraView::onFrame(const QVideoFrame& frame)
{
    if (!frame.isValid())
        return;
    m_frame = frame.toImage();
    if (m_frame.isNull())
        return;
    ++m_frames;
    m_sinceFrame.start();
    m_backoffMs = kFirstRetryMs;
    if (m_state != State::Live)
        setState(State::Live, QString());
    update();
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

void CameraView::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.fillRect(rect(), Qt::black);
    if (!m_frame.isNull()) {
        const QSize fitted = m_frame.size().scaled(size(), Qt::KeepAspectRatio);
        const QRect target(QPoint((width() - fitted.width()) / 2, (height() - fitted.height()) / 2), fitted);
        p.setRenderHint(QPainter::SmoothPixmapTransform);
        p.drawImage(target, m_frame);
        if (m_state != State::Live) // the last picture stays, dimmed, under the message
            p.fillRect(target, QColor(0, 0, 0, 150));
    }
    if (!m_status.isEmpty()) {
        p.setPen(m_state == State::Retrying ? QColor(255, 190, 90) : Qt::white);
        QFont f = font();
        f.setPointSizeF(f.pointSizeF() * 1.2);
        p.setFont(f);
        p.drawText(rect().adjusted(12, 12, -12, -12), Qt::AlignCenter | Qt::TextWordWrap, m_status);
    }
}

CameraView* openCameraWindow(QWidget* parent, const Camera& camera)
{
    auto* view = new CameraView(parent);
    view->setWindowFlag(Qt::Window);
    view->setAttribute(Qt::WA_DeleteOnClose);
    view->setWindowTitle(CameraView::tr("%1 (%2) — live").arg(camera.name, camera.code));
    view->resize(704, 576);
    auto* close = new QShortcut(QKeySequence(Qt::Key_Escape), view);
    QObject::connect(close, &QShortcut::activated, view, &QWidget::close);
    const QString url = !camera.mainUrl.isEmpty() ? camera.mainUrl : camera.subUrl;
    if (url.isEmpty())
        view->showMessage(CameraView::tr("%1: no stream for your role (stream addresses go to desk roles and leaders).").arg(camera.name));
    else
        view->play(QUrl(url), camera.name);
    view->show();
    view->raise();
    view->activateWindow();
    return view;
}

} // namespace gridhall
