#pragma once
// Runs an action at most once per interval: soon when the last run is an interval or more
// ago (after a short gather, kGatherMs), otherwise once at the end of the interval, however
// many requests came in between. Live layers use it so that a stream of updates costs a
// bounded number of renders (a frame budget) instead of one per update.

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <functional>

namespace gridhall {

class FrameThrottle : public QObject {
    Q_OBJECT
public:
    // The first request after a quiet interval waits this long for the rest of its burst:
    // one server flush of 20,000 handhelds' fixes comes as several messages, read
    // milliseconds apart, and run at the first the others waited a whole interval.
    static constexpr int kGatherMs = 10;

    FrameThrottle(int intervalMs, std::function<void()> action, QObject* parent = nullptr);

    int interval() const { return m_intervalMs; }
    // 0 runs the action on every request, at once.
    void setInterval(int ms);
    void request();
    // Runs the action now (a change that must not wait) and starts a new interval.
    void runNow();
    // A request is waiting for the end of the interval.
    bool isPending() const { return m_due.isActive(); }

private:
    int m_intervalMs;
    std::function<void()> m_action;
    QTimer m_due;
    QElapsedTimer m_lastRun;
};

} // namespace gridhall
