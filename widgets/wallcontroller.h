#pragma once
// The video wall: one full-screen WallWindow per screen, each playing what the layout
// assigns to it; screens plugged in or out while running get or lose their window. It
// carries the wall-wide state to every window: active alerts (until a workstation
// acknowledges them) and whether the data is stale.
//
// Kiosk lock: while the wall runs, clicks, wheel, keys, context menus and drops on its
// windows are swallowed (actions come from workstations), and the mouse cursor hides
// after a few idle seconds. In demo mode Ctrl+Alt+A acknowledges the newest alert, since
// no workstation is there to do it.

#include "widgets/walllayout.h"
#include "widgets/wallview.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>
#include <memory>
#include <vector>

class QScreen;

namespace gridhall {

class WallWindow;

class WallController : public QObject {
    Q_OBJECT
public:
    explicit WallController(const WallViewRegistry& registry, QObject* parent = nullptr);
    ~WallController() override;

    void setLayout(const WallLayout& layout);
    const WallLayout& layout() const { return m_layout; }
    // Where the screens come from (QGuiApplication::screens() unless set): tests pretend
    // screens vanish with it.
    void setScreenProvider(std::function<QList<QScreen*>()> provider);
    // Milliseconds per dwell second; tests shorten the rotation with it.
    void setDwellScale(int msPerSecond);

    // Opens the windows and follows screens being added and removed.
    void start();
    // Matches the windows to the screens there are now.
    void syncScreens();
    // Windows in screen order.
    QList<WallWindow*> windows() const;
    WallWindow* windowFor(const QScreen* screen) const;

    // Shows an alert on every screen; an id already up is updated, not repeated.
    void raiseAlert(const WallAlert& alert);
    // A workstation acknowledged it: the banner goes when no alert is left.
    bool acknowledge(qint64 id);
    void acknowledgeNewest();
    const QList<WallAlert>& alerts() const { return m_alerts; }

    void setStale(bool stale, const QDateTime& asOf);
    bool isStale() const { return m_stale; }
    void setDataTime(const QDateTime& at);

    void setDemoShortcutsEnabled(bool enabled) { m_demoShortcuts = enabled; }
    void setCursorIdleMs(int ms);
    bool isCursorHidden() const { return m_cursorHidden; }

    // Every window's current view has finished drawing.
    bool allSettled() const;

signals:
    void windowsChanged();
    void alertsChanged();
    void acknowledged(qint64 id);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    struct Screen {
        QPointer<QScreen> screen;
        std::unique_ptr<WallWindow> window;
        QList<WallViewSpec> playlist;
    };
    void placeWindow(Screen& s);
    bool isWallWidget(QObject* object) const;
    void showCursor();
    void hideCursor();

    const WallViewRegistry& m_registry;
    WallLayout m_layout = WallLayout::defaultLayout();
    std::function<QList<QScreen*>()> m_provider;
    std::vector<Screen> m_screens;
    int m_msPerSecond = 1000;
    bool m_started = false;
    QList<WallAlert> m_alerts;
    bool m_stale = false;
    QDateTime m_staleAsOf;
    QDateTime m_dataAt;
    bool m_demoShortcuts = false;
    bool m_cursorHidden = false;
    QTimer m_cursorIdle;
};

} // namespace gridhall
