#include "widgets/wallcontroller.h"

#include "widgets/wallwindow.h"

#include <QApplication>
#include <QKeyEvent>
#include <QLoggingCategory>
#include <QScreen>

namespace gridhall {

Q_LOGGING_CATEGORY(lcWall, "gridhall.wall")

WallController::WallController(const WallViewRegistry& registry, QObject* parent)
    : QObject(parent)
    , m_registry(registry)
    , m_provider([] { return QGuiApplication::screens(); })
{
    m_cursorIdle.setSingleShot(true);
    m_cursorIdle.setInterval(3000);
    connect(&m_cursorIdle, &QTimer::timeout, this, &WallController::hideCursor);
}

WallController::~WallController()
{
    if (m_started)
        qApp->removeEventFilter(this);
    showCursor();
}

void WallController::setLayout(const WallLayout& layout)
{
    m_layout = layout;
    if (m_started)
        syncScreens();
}

void WallController::setScreenProvider(std::function<QList<QScreen*>()> provider)
{
    m_provider = std::move(provider);
}

void WallController::setDwellScale(int msPerSecond)
{
    m_msPerSecond = qMax(1, msPerSecond);
}

void WallController::start()
{
    if (m_started)
        return;
    m_started = true;
    qApp->installEventFilter(this);
    // Queued: the screen list is up to date only after the signal has been handled.
    connect(qApp, &QGuiApplication::screenAdded, this, [this] {
        QTimer::singleShot(0, this, &WallController::syncScreens);
    });
    connect(qApp, &QGuiApplication::screenRemoved, this, [this](QScreen* gone) {
        // Close its window now, before Qt moves it onto another screen.
        for (auto it = m_screens.begin(); it != m_screens.end(); ++it) {
            if (it->screen == gone) {
                m_screens.erase(it);
                break;
            }
        }
        QTimer::singleShot(0, this, &WallController::syncScreens);
        emit windowsChanged();
    });
    syncScreens();
    m_cursorIdle.start();
}

void WallController::syncScreens()
{
    const QList<QScreen*> now = m_provider();
    std::vector<Screen> next;
    for (int i = 0; i < now.size(); ++i) {
        QScreen* screen = now.at(i);
        const QList<WallViewSpec> playlist = m_layout.playlistFor(i, screen->name());
        Screen s;
        s.screen = screen;
        s.playlist = playlist;
        auto old = std::find_if(m_screens.begin(), m_screens.end(),
            [&](const Screen& o) { return o.screen == screen && o.window; });
        if (old != m_screens.end() && old->playlist == playlist) {
            s.window = std::move(old->window); // same screen, same assignment: keep it running
        } else {
            if (old != m_screens.end())
                old->window.reset();
            s.window = std::make_unique<WallWindow>(m_registry);
            s.window->setPlaylist(playlist, m_msPerSecond);
            s.window->setAlerts(m_alerts);
            s.window->setStale(m_stale, m_staleAsOf);
            s.window->setDataTime(m_dataAt);
            connect(screen, &QScreen::geometryChanged, s.window.get(), [this, screen] {
                for (Screen& o : m_screens)
                    if (o.screen == screen)
                        placeWindow(o);
            });
            qCInfo(lcWall) << "screen" << i + 1 << screen->name() << screen->geometry() << "plays"
                           << playlist.size() << "view(s)";
        }
        placeWindow(s);
        next.push_back(std::move(s));
    }
    m_screens = std::move(next); // windows of screens that are gone are deleted here
    emit windowsChanged();
}

void WallController::placeWindow(Screen& s)
{
    if (!s.screen || !s.window)
        return;
    WallWindow* w = s.window.get();
    w->setBodyPixelSize(WallWindow::bodyPixelSize(s.screen->size(), s.screen->physicalSize(),
        m_layout.viewingDistanceMetres));
    w->setScreen(s.screen);
    w->setGeometry(s.screen->geometry());
    w->showFullScreen();
}

QList<WallWindow*> WallController::windows() const
{
    QList<WallWindow*> list;
    for (const Screen& s : m_screens)
        list.append(s.window.get());
    return list;
}

WallWindow* WallController::windowFor(const QScreen* screen) const
{
    for (const Screen& s : m_screens)
        if (s.screen == screen)
            return s.window.get();
    return nullptr;
}

void WallController::raiseAlert(const WallAlert& alert)
{
    auto it = std::find_if(m_alerts.begin(), m_alerts.end(), [&](const WallAlert& a) { return a.id == alert.id; });
    if (it != m_alerts.end())
        *it = alert;
    else
        m_alerts.append(alert);
    for (const Screen& s : m_screens)
        s.window->setAlerts(m_alerts);
    emit alertsChanged();
}

bool WallController::acknowledge(qint64 id)
{
    const auto removed = m_alerts.removeIf([id](const WallAlert& a) { return a.id == id; });
    if (!removed)
        return false;
    for (const Screen& s : m_screens)
        s.window->setAlerts(m_alerts);
    emit acknowledged(id);
    emit alertsChanged();
    return true;
}

void WallController::acknowledgeNewest()
{
    if (!m_alerts.isEmpty())
        acknowledge(m_alerts.constLast().id);
}

void WallController::setStale(bool stale, const QDateTime& asOf)
{
    if (stale == m_stale && asOf == m_staleAsOf)
        return;
    m_stale = stale;
    m_staleAsOf = asOf;
    for (const Screen& s : m_screens)
        s.window->setStale(stale, asOf);
}

void WallController::setDataTime(const QDateTime& at)
{
    m_dataAt = at;
    for (const Screen& s : m_screens)
        s.window->setDataTime(at);
}

void WallController::setCursorIdleMs(int ms)
{
    m_cursorIdle.setInterval(ms);
    if (m_started)
        m_cursorIdle.start();
}

bool WallController::allSettled() const
{
    return std::all_of(m_screens.cbegin(), m_screens.cend(),
        [](const Screen& s) { return s.window->isSettled(); });
}

bool WallController::isWallWidget(QObject* object) const
{
    if (!object || !object->isWidgetType())
        return false;
    const QWidget* top = static_cast<QWidget*>(object)->window();
    return std::any_of(m_screens.cbegin(), m_screens.cend(),
        [top](const Screen& s) { return s.window.get() == top; });
}

void WallController::showCursor()
{
    if (m_cursorHidden) {
        QGuiApplication::restoreOverrideCursor();
        m_cursorHidden = false;
    }
}

void WallController::hideCursor()
{
    if (!m_cursorHidden) {
        QGuiApplication::setOverrideCursor(Qt::BlankCursor);
        m_cursorHidden = true;
    }
}

bool WallController::eventFilter(QObject* watched, QEvent* event)
{
    switch (event->type()) {
    case QEvent::MouseMove:
    case QEvent::HoverMove:
    case QEvent::TabletMove:
        if (isWallWidget(watched)) {
            showCursor();
            m_cursorIdle.start();
        }
        return false;
    case QEvent::KeyPress: {
        if (!isWallWidget(watched))
            return false;
        const auto* key = static_cast<QKeyEvent*>(event);
        const auto ctrlAlt = Qt::ControlModifier | Qt::AltModifier;
        if (m_demoShortcuts && key->key() == Qt::Key_A && (key->modifiers() & ctrlAlt) == ctrlAlt)
            acknowledgeNewest();
        return true;
    }
    case QEvent::MouseButtonPress:
    case QEvent::MouseButtonRelease:
    case QEvent::MouseButtonDblClick:
    case QEvent::Wheel:
    case QEvent::ContextMenu:
    case QEvent::KeyRelease:
    case QEvent::ShortcutOverride:
    case QEvent::DragEnter:
    case QEvent::DragMove:
    case QEvent::Drop:
    case QEvent::TouchBegin:
    case QEvent::TouchUpdate:
    case QEvent::TouchEnd:
    case QEvent::Gesture:
    case QEvent::NativeGesture:
        // Kiosk: nothing on the wall itself acts.
        return isWallWidget(watched);
    default:
        return false;
    }
}

} // namespace gridhall
