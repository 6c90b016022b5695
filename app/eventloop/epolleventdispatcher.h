// An event dispatcher on Linux epoll, for the processes that hold thousands of sockets
// (gridhall-server, gridhall-sim). Qt's own loops ask the kernel about every socket on
// every pass (poll) or keep every socket in lists walked on each change (GLib); with
// 20,000 handhelds that walk was most of the server's time. epoll reports only the
// sockets that are ready, so a pass costs what it delivers.
//
// Semantics follow Qt's Unix dispatcher: level-triggered notifiers, each activated at
// most once per pass; posted events first; a timer never re-enters its own handler and
// fires at most once per pass; ExcludeSocketNotifiers and X11ExcludeTimers honoured.
// Timers are kept to the millisecond whatever their Qt::TimerType.
#pragma once

#include <QAbstractEventDispatcher>
#include <QHash>
#include <QMultiHash>

#include <atomic>
#include <set>
#include <utility>
#include <vector>

namespace gridhall {

class EpollEventDispatcher final : public QAbstractEventDispatcher {
    Q_OBJECT
public:
    explicit EpollEventDispatcher(QObject* parent = nullptr);
    ~EpollEventDispatcher() override;

    // False when the kernel refused the epoll or eventfd descriptor; do not install it then.
    bool isValid() const { return m_epoll >= 0 && m_wake >= 0; }

    bool processEvents(QEventLoop::ProcessEventsFlags flags) override;

    void registerSocketNotifier(QSocketNotifier* notifier) override;
    void unregisterSocketNotifier(QSocketNotifier* notifier) override;

    void registerTimer(int timerId, qint64 interval, Qt::TimerType timerType, QObject* object) override;
    bool unregisterTimer(int timerId) override;
    bool unregisterTimers(QObject* object) override;
    QList<TimerInfo> registeredTimers(QObject* object) const override;
    int remainingTime(int timerId) override;

    void wakeUp() override;
    void interrupt() override;

private:
    // One descriptor's notifiers, indexed by QSocketNotifier::Type (Read, Write, Exception).
    struct Watch {
        QSocketNotifier* notifiers[3] = {};
        quint32 events = 0;       // what epoll watches now
        quint8 pendingMask = 0;   // types queued for activation in m_pending
        bool alwaysReady = false; // epoll refused it (a regular file): ready every pass, as poll() says
    };
    struct Timer {
        int id = 0;
        qint64 intervalMs = 0;
        Qt::TimerType type = Qt::CoarseTimer;
        QObject* object = nullptr;
        qint64 deadlineNs = 0;
        bool firing = false;
    };

    void updateWatch(int fd, Watch& watch, bool force = false);
    void markPending(int fd, Watch& watch, int type);
    int activateSocketNotifiers();
    int activateTimers();
    int msUntilNextTimer() const; // -1 without timers
    void drainWakeUps();

    int m_epoll = -1;
    int m_wake = -1; // eventfd: wakeUp() from any thread
    std::atomic<int> m_wakeUpPending { 0 };
    std::atomic<bool> m_interrupted { false };

    QHash<int, Watch> m_watches;
    int m_alwaysReadyCount = 0;
    // (fd, type) to activate; a nested pass consumes from the same head, as Qt's loop does.
    std::vector<std::pair<int, int>> m_pending;
    size_t m_pendingHead = 0;

    QHash<int, Timer> m_timers;
    std::set<std::pair<qint64, int>> m_timerQueue; // (deadline, id), soonest first
    QMultiHash<QObject*, int> m_timersOf;
};

// Installs EpollEventDispatcher for the main thread; call before the application object.
// GRIDHALL_EVENT_LOOP=qt keeps Qt's own loop. Other threads get Qt's plain poll() loop
// rather than GLib's unless QT_NO_GLIB is set (set but empty brings GLib back).
void installEventLoopForManySockets();

} // namespace gridhall
