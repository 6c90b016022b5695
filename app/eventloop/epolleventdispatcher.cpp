#include "app/eventloop/epolleventdispatcher.h"

#include <QCoreApplication>
#include <QSocketNotifier>
#include <QTimerEvent>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <climits>
#include <cstring>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

namespace gridhall {

namespace {
constexpr int kMaxEventsPerWait = 4096;
constexpr quint32 kEventOf[3] = { EPOLLIN, EPOLLOUT, EPOLLPRI }; // by QSocketNotifier::Type

qint64 nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

const char* typeName(int type)
{
    return type == QSocketNotifier::Read ? "Read" : type == QSocketNotifier::Write ? "Write" : "Exception";
}
} // namespace

EpollEventDispatcher::EpollEventDispatcher(QObject* parent)
    : QAbstractEventDispatcher(parent)
{
    m_epoll = epoll_create1(EPOLL_CLOEXEC);
    m_wake = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    if (m_epoll < 0 || m_wake < 0) {
        qWarning("EpollEventDispatcher: %s", std::strerror(errno));
        return;
    }
    epoll_event e {};
    e.events = EPOLLIN;
    e.data.fd = m_wake;
    if (epoll_ctl(m_epoll, EPOLL_CTL_ADD, m_wake, &e) != 0) {
        qWarning("EpollEventDispatcher: %s", std::strerror(errno));
        close(m_wake);
        m_wake = -1;
    }
}

EpollEventDispatcher::~EpollEventDispatcher()
{
    if (m_wake >= 0)
        close(m_wake);
    if (m_epoll >= 0)
        close(m_epoll);
}

bool EpollEventDispatcher::processEvents(QEventLoop::ProcessEventsFlags flags)
{
    m_interrupted.store(false);
    emit awake();
    // Posted events first; one posted now calls wakeUp(), so the wait below returns at once.
    QCoreApplication::sendPostedEvents();

    const bool withTimers = !(flags & QEventLoop::X11ExcludeTimers);
    const bool withSockets = !(flags & QEventLoop::ExcludeSocketNotifiers);
    const bool canWait = (flags & QEventLoop::WaitForMoreEvents) && !m_interrupted.load();
    if (canWait)
        emit aboutToBlock();
    if (m_interrupted.load())
        return false;

    int timeoutMs = 0;
    if (canWait && !(withSockets && m_alwaysReadyCount > 0))
        timeoutMs = withTimers ? msUntilNextTimer() : -1;

    int handled = 0;
    if (withSockets) {
        epoll_event events[kMaxEventsPerWait];
        int n;
        do
            n = epoll_wait(m_epoll, events, kMaxEventsPerWait, timeoutMs);
        while (n < 0 && errno == EINTR);
        for (int i = 0; i < n; ++i) {
            const int fd = events[i].data.fd;
            if (fd == m_wake) {
                drainWakeUps();
                continue;
            }
            auto it = m_watches.find(fd);
            if (it == m_watches.end())
                continue;
            const quint32 ev = events[i].events;
            // A hang-up or error wakes every notifier of the socket, as poll() does in Qt's loop.
            const quint32 broken = ev & (EPOLLHUP | EPOLLERR);
            if (ev & (EPOLLIN | EPOLLRDHUP) || broken)
                markPending(fd, *it, QSocketNotifier::Read);
            if (ev & EPOLLOUT || broken)
                markPending(fd, *it, QSocketNotifier::Write);
            if (ev & EPOLLPRI || broken)
                markPending(fd, *it, QSocketNotifier::Exception);
        }
        if (m_alwaysReadyCount > 0) {
            for (auto it = m_watches.begin(); it != m_watches.end(); ++it) {
                if (!it->alwaysReady)
                    continue;
                for (int type = 0; type < 3; ++type)
                    markPending(it.key(), *it, type);
            }
        }
        handled += activateSocketNotifiers();
    } else {
        // Sockets stay ready while excluded; wait on the wake-up descriptor alone.
        pollfd p { m_wake, POLLIN, 0 };
        int n;
        do
            n = poll(&p, 1, timeoutMs);
        while (n < 0 && errno == EINTR);
        if (n > 0)
            drainWakeUps();
    }
    if (withTimers)
        handled += activateTimers();
    return handled > 0;
}

void EpollEventDispatcher::drainWakeUps()
{
    // Read first, then clear: a wakeUp() between the two then writes again rather than
    // being swallowed with the flag left set (which would silence every later wakeUp()).
    eventfd_t value;
    eventfd_read(m_wake, &value);
    m_wakeUpPending.store(0);
}

void EpollEventDispatcher::markPending(int fd, Watch& watch, int type)
{
    const quint8 bit = quint8(1u << type);
    if (!watch.notifiers[type] || (watch.pendingMask & bit))
        return;
    watch.pendingMask |= bit;
    m_pending.emplace_back(fd, type);
}

int EpollEventDispatcher::activateSocketNotifiers()
{
    int activated = 0;
    // Indexes, not iterators: a handler may queue more or run a nested pass that consumes ours.
    while (m_pendingHead < m_pending.size()) {
        const auto [fd, type] = m_pending[m_pendingHead++];
        auto it = m_watches.find(fd);
        const quint8 bit = quint8(1u << type);
        // Unregistering clears the bit, so a notifier removed (or replaced on a reused
        // descriptor) since it was queued is never activated.
        if (it == m_watches.end() || !(it->pendingMask & bit))
            continue;
        it->pendingMask &= quint8(~bit);
        QSocketNotifier* notifier = it->notifiers[type];
        QEvent event(QEvent::SockAct);
        QCoreApplication::sendEvent(notifier, &event);
        ++activated;
    }
    m_pending.clear();
    m_pendingHead = 0;
    return activated;
}

void EpollEventDispatcher::registerSocketNotifier(QSocketNotifier* notifier)
{
    const int fd = int(notifier->socket());
    const int type = int(notifier->type());
    if (fd < 0 || type < 0 || type > 2)
        return;
    Watch& watch = m_watches[fd];
    const bool replaced = watch.notifiers[type] && watch.notifiers[type] != notifier;
    if (replaced)
        qWarning("EpollEventDispatcher: a second %s notifier for socket %d replaces the first", typeName(type), fd);
    watch.notifiers[type] = notifier;
    // A replacement may sit on a descriptor closed and reopened under the old one, which
    // the kernel dropped from the set: tell it again even if the events look the same.
    updateWatch(fd, watch, replaced);
}

void EpollEventDispatcher::unregisterSocketNotifier(QSocketNotifier* notifier)
{
    const int fd = int(notifier->socket());
    const int type = int(notifier->type());
    auto it = m_watches.find(fd);
    if (it == m_watches.end() || type < 0 || type > 2 || it->notifiers[type] != notifier)
        return;
    it->notifiers[type] = nullptr;
    it->pendingMask &= quint8(~(1u << type));
    updateWatch(fd, *it);
    if (!it->notifiers[0] && !it->notifiers[1] && !it->notifiers[2])
        m_watches.erase(it);
}

void EpollEventDispatcher::updateWatch(int fd, Watch& watch, bool force)
{
    quint32 wanted = 0;
    for (int type = 0; type < 3; ++type)
        wanted |= watch.notifiers[type] ? kEventOf[type] : 0;
    if (watch.alwaysReady) {
        if (!wanted) {
            watch.alwaysReady = false;
            --m_alwaysReadyCount;
        }
        return;
    }
    if (wanted == watch.events && !force)
        return;
    epoll_event e {};
    e.events = wanted;
    e.data.fd = fd;
    if (!wanted) {
        // The descriptor may be closed already (the kernel then dropped it); nothing to undo.
        epoll_ctl(m_epoll, EPOLL_CTL_DEL, fd, &e);
        watch.events = 0;
        return;
    }
    int op = watch.events ? EPOLL_CTL_MOD : EPOLL_CTL_ADD;
    int rc = epoll_ctl(m_epoll, op, fd, &e);
    // A descriptor closed and reopened behind our back: the kernel's view wins.
    if (rc != 0 && errno == EEXIST)
        rc = epoll_ctl(m_epoll, op = EPOLL_CTL_MOD, fd, &e);
    else if (rc != 0 && errno == ENOENT)
        rc = epoll_ctl(m_epoll, op = EPOLL_CTL_ADD, fd, &e);
    if (rc != 0 && errno == EPERM) {
        // Regular files cannot be watched; poll() calls them always ready, and so do we.
        watch.alwaysReady = true;
        ++m_alwaysReadyCount;
        watch.events = 0;
        return;
    }
    if (rc != 0) {
        qWarning("EpollEventDispatcher: cannot watch socket %d: %s", fd, std::strerror(errno));
        return;
    }
    watch.events = wanted;
}

void EpollEventDispatcher::registerTimer(int timerId, qint64 interval, Qt::TimerType timerType, QObject* object)
{
    if (timerId < 1 || interval < 0 || !object)
        return;
    unregisterTimer(timerId); // an id is never registered twice
    Timer t;
    t.id = timerId;
    t.intervalMs = interval;
    t.type = timerType;
    t.object = object;
    t.deadlineNs = nowNs() + interval * 1000000;
    m_timers.insert(timerId, t);
    m_timerQueue.emplace(t.deadlineNs, timerId);
    m_timersOf.insert(object, timerId);
}

bool EpollEventDispatcher::unregisterTimer(int timerId)
{
    auto it = m_timers.find(timerId);
    if (it == m_timers.end())
        return false;
    m_timerQueue.erase({ it->deadlineNs, timerId });
    m_timersOf.remove(it->object, timerId);
    m_timers.erase(it);
    return true;
}

bool EpollEventDispatcher::unregisterTimers(QObject* object)
{
    const QList<int> ids = m_timersOf.values(object);
    for (int id : ids) {
        auto it = m_timers.find(id);
        if (it == m_timers.end())
            continue;
        m_timerQueue.erase({ it->deadlineNs, id });
        m_timers.erase(it);
    }
    m_timersOf.remove(object);
    return !ids.isEmpty();
}

QList<QAbstractEventDispatcher::TimerInfo> EpollEventDispatcher::registeredTimers(QObject* object) const
{
    QList<TimerInfo> out;
    for (auto it = m_timersOf.constFind(object); it != m_timersOf.cend() && it.key() == object; ++it) {
        const Timer& t = m_timers.value(it.value());
        out.append(TimerInfo(t.id, int(std::min<qint64>(t.intervalMs, INT_MAX)), t.type));
    }
    return out;
}

int EpollEventDispatcher::remainingTime(int timerId)
{
    auto it = m_timers.constFind(timerId);
    if (it == m_timers.cend())
        return -1;
    const qint64 leftNs = it->deadlineNs - nowNs();
    return leftNs <= 0 ? 0 : int(std::min<qint64>((leftNs + 999999) / 1000000, INT_MAX));
}

int EpollEventDispatcher::msUntilNextTimer() const
{
    // A timer whose handler is running (a nested loop inside it) is not due for the nested
    // passes; counting it would make every one of them spin.
    auto next = m_timerQueue.begin();
    while (next != m_timerQueue.end() && m_timers.value(next->second).firing)
        ++next;
    if (next == m_timerQueue.end())
        return -1;
    const qint64 leftNs = next->first - nowNs();
    // Round up: waking a fraction early would only spin until the deadline.
    return leftNs <= 0 ? 0 : int(std::min<qint64>((leftNs + 999999) / 1000000, INT_MAX));
}

int EpollEventDispatcher::activateTimers()
{
    if (m_timerQueue.empty())
        return 0;
    const qint64 now = nowNs();
    // Timers due at the start of the pass; those started or rescheduled meanwhile wait for the next.
    std::vector<int> due;
    for (auto it = m_timerQueue.begin(); it != m_timerQueue.end() && it->first <= now; ++it)
        due.push_back(it->second);
    int fired = 0;
    for (int id : due) {
        auto it = m_timers.find(id);
        if (it == m_timers.end() || it->firing || it->deadlineNs > now)
            continue;
        m_timerQueue.erase({ it->deadlineNs, id });
        // Keep the rhythm; after a stall, count the interval from now rather than catching up.
        it->deadlineNs += it->intervalMs * 1000000;
        if (it->deadlineNs <= now)
            it->deadlineNs = now + it->intervalMs * 1000000;
        m_timerQueue.emplace(it->deadlineNs, id);
        it->firing = true;
        QObject* object = it->object;
        QTimerEvent event(id);
        QCoreApplication::sendEvent(object, &event);
        ++fired;
        it = m_timers.find(id); // the handler may have stopped, restarted or added timers
        if (it != m_timers.end())
            it->firing = false;
    }
    return fired;
}

void EpollEventDispatcher::wakeUp()
{
    if (m_wakeUpPending.exchange(1) == 0)
        eventfd_write(m_wake, 1);
}

void EpollEventDispatcher::interrupt()
{
    m_interrupted.store(true);
    wakeUp();
}

void installEventLoopForManySockets()
{
    if (!qEnvironmentVariableIsSet("QT_NO_GLIB"))
        qputenv("QT_NO_GLIB", "1");
    if (qEnvironmentVariable("GRIDHALL_EVENT_LOOP") == QLatin1String("qt"))
        return;
    auto* dispatcher = new EpollEventDispatcher;
    if (!dispatcher->isValid()) {
        delete dispatcher;
        return;
    }
    QCoreApplication::setEventDispatcher(dispatcher);
}

} // namespace gridhall
