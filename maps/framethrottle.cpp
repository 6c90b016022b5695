#include "maps/framethrottle.h"

#include <algorithm>

namespace gridhall {

FrameThrottle::FrameThrottle(int intervalMs, std::function<void()> action, QObject* parent)
    : QObject(parent)
    , m_intervalMs(std::max(0, intervalMs))
    , m_action(std::move(action))
{
    m_due.setSingleShot(true);
    // A coarse timer may fire up to 5 % late: at 10 frames a second that is latency.
    m_due.setTimerType(Qt::PreciseTimer);
    connect(&m_due, &QTimer::timeout, this, &FrameThrottle::runNow);
}

void FrameThrottle::setInterval(int ms)
{
    m_intervalMs = std::max(0, ms);
    if (m_due.isActive())
        runNow(); // a request waiting under the old interval is not held longer
}

void FrameThrottle::request()
{
    if (m_due.isActive())
        return;
    if (m_intervalMs == 0) {
        runNow();
        return;
    }
    const qint64 since = m_lastRun.isValid() ? m_lastRun.elapsed() : m_intervalMs;
    m_due.start(int(std::max<qint64>(m_intervalMs - since, std::min(kGatherMs, m_intervalMs))));
}

void FrameThrottle::runNow()
{
    m_due.stop();
    m_lastRun.start();
    m_action();
}

} // namespace gridhall
