#include "app/desktop/startuptrace.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QThread>
#include <QTimer>
#include <QWindow>
#include <algorithm>
#include <ctime>

namespace gridhall::startup {

Q_LOGGING_CATEGORY(lcStartup, "gridhall.startup", QtWarningMsg)

namespace {
constexpr int kWatchMs = 5;
constexpr int kReportStallMs = 16; // a frame
// The watch goes on this long after everything has loaded: the last handover's layout and
// repaint come in the events after it, and the user sees them too.
constexpr int kSettleMs = 1000;

// Events are named from this long: a frame, or GRIDHALL_STARTUP_EVENT_MS for a closer look,
// which also names the events handled inside others (a window's paint: each widget's).
struct EventReport {
    qint64 fromNs = kReportStallMs * 1'000'000LL;
    bool nested = false;
};
const EventReport& eventReport()
{
    static const EventReport report = [] {
        EventReport r;
        bool ok = false;
        const int ms = qEnvironmentVariableIntValue("GRIDHALL_STARTUP_EVENT_MS", &ok);
        if (ok && ms >= 0) {
            r.fromNs = ms * 1'000'000LL;
            r.nested = true;
        }
        return r;
    }();
    return report;
}

struct Trace {
    QElapsedTimer sinceMain;
    QElapsedTimer sinceTick;
    QTimer* watch = nullptr;
    qint64 longestStallMs = 0; // since the window was on screen
    qint64 longestBeforeScreenMs = 0; // building the window and its first paint
    qint64 onScreenAtMs = -1;
    qint64 loadedAtMs = -1; // finished() called
    qint64 cpuAtTickNs = 0; // the GUI thread's CPU time at the watch's last tick
    bool done = false; // the watch has stopped
};

Trace& trace()
{
    static Trace t;
    return t;
}

// The calling thread's CPU time: a hold-up that used little of it waited for a core (or a
// lock) rather than worked.
qint64 threadCpuNs()
{
    timespec ts {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

// Started with the program's static objects, before main().
[[maybe_unused]] const bool clockStarted = [] {
    trace().sinceMain.start();
    return true;
}();
} // namespace

void begin()
{
    Trace& t = trace();
    if (!lcStartup().isInfoEnabled() || t.watch || t.done || !qApp)
        return;
    t.watch = new QTimer(qApp);
    t.watch->setTimerType(Qt::PreciseTimer);
    t.watch->setInterval(kWatchMs);
    t.sinceTick.start();
    t.cpuAtTickNs = threadCpuNs();
    QObject::connect(t.watch, &QTimer::timeout, qApp, [] {
        Trace& t = trace();
        const qint64 stall = t.sinceTick.restart() - kWatchMs;
        const qint64 cpu = threadCpuNs();
        if (stall > kReportStallMs)
            qCInfo(lcStartup, "GUI-thread stall %lld ms (CPU %.1f ms) ending after %lld ms", stall,
                (cpu - t.cpuAtTickNs) / 1e6, t.sinceMain.elapsed());
        t.cpuAtTickNs = cpu;
        qint64& longest = t.onScreenAtMs < 0 ? t.longestBeforeScreenMs : t.longestStallMs;
        longest = std::max(longest, stall);
    });
    t.watch->start();
}

void mark(const char* what)
{
    qCInfo(lcStartup, "%s after %lld ms", what, trace().sinceMain.elapsed());
}

void finished()
{
    Trace& t = trace();
    if (t.done || t.loadedAtMs >= 0)
        return;
    t.loadedAtMs = t.sinceMain.elapsed();
    qCInfo(lcStartup, "everything loaded after %lld ms", t.loadedAtMs);
    const auto stop = [] {
        Trace& t = trace();
        t.done = true;
        if (t.watch) {
            qint64& longest = t.onScreenAtMs < 0 ? t.longestBeforeScreenMs : t.longestStallMs;
            longest = std::max(longest, t.sinceTick.elapsed() - kWatchMs);
            delete t.watch;
            t.watch = nullptr;
        }
        qCInfo(lcStartup,
            "settled %d ms after everything loaded: longest GUI-thread stall %lld ms since the window was on screen "
            "after %lld ms (before: %lld ms, building the window and painting it first)",
            kSettleMs, t.longestStallMs, t.onScreenAtMs, t.longestBeforeScreenMs);
    };
    if (t.watch)
        QTimer::singleShot(kSettleMs, qApp, stop);
    else
        stop();
}

bool TracingApplication::notify(QObject* receiver, QEvent* event)
{
    // The thread first: other threads' events must not read the trace, which only the GUI
    // thread writes (and deletes its watch).
    if (QThread::currentThread() != thread() || (m_depth > 0 && !eventReport().nested))
        return QApplication::notify(receiver, event);
    const Trace& t = trace();
    if (!t.watch)
        return QApplication::notify(receiver, event);
    // Named before the event is handled: a deferred delete ends its receiver.
    const int type = int(event->type());
    const char* cls = receiver->metaObject()->className();
    QString name = receiver->objectName(); // shared, not copied
    // A scroll area's viewport, a header: named by what they are part of.
    if (eventReport().nested) {
        const auto named = [](const QObject* o) {
            return !o->objectName().isEmpty() && !o->objectName().startsWith(QLatin1String("qt_"));
        };
        for (const QObject* up = named(receiver) ? nullptr : receiver->parent(); up; up = named(up) ? nullptr : up->parent())
            name += QStringLiteral(" in %1 '%2'").arg(QLatin1String(up->metaObject()->className()), up->objectName());
    }
    ++m_depth;
    const qint64 start = t.sinceMain.nsecsElapsed();
    const qint64 cpuStart = threadCpuNs();
    const bool handled = QApplication::notify(receiver, event);
    --m_depth;
    const qint64 end = t.sinceMain.nsecsElapsed();
    const qint64 cpu = threadCpuNs() - cpuStart;
    if (m_depth == 0 && t.onScreenAtMs < 0 && type == QEvent::Expose && receiver->isWindowType()
        && static_cast<QWindow*>(receiver)->isExposed()) {
        // From here the user sees the window, and every hold-up counts: a stall before it
        // (building the window, its first paint) is part of the time to the first frame.
        Trace& on = trace();
        on.onScreenAtMs = end / 1'000'000;
        on.longestBeforeScreenMs = std::max(on.longestBeforeScreenMs, on.sinceTick.restart() - kWatchMs);
        on.cpuAtTickNs = threadCpuNs();
        qCInfo(lcStartup, "window on screen after %lld ms", on.onScreenAtMs);
    }
    if (end - start > eventReport().fromNs)
        qCInfo(lcStartup, "%*sevent %d to %s '%s' took %.1f ms (CPU %.1f ms; ending after %lld ms)", 2 * m_depth, "",
            type, cls, qPrintable(name), (end - start) / 1e6, cpu / 1e6, end / 1'000'000);
    return handled;
}

Span::Span(const char* what)
    : m_what(what)
{
    if (lcStartup().isInfoEnabled() && !trace().done) {
        m_startNs = trace().sinceMain.nsecsElapsed();
        m_cpuStartNs = threadCpuNs();
    }
}

Span::~Span()
{
    if (m_startNs < 0)
        return;
    const qint64 end = trace().sinceMain.nsecsElapsed();
    if (end - m_startNs >= 1'000'000)
        qCInfo(lcStartup, "%s took %.1f ms (CPU %.1f ms; ending after %lld ms)", m_what, (end - m_startNs) / 1e6,
            (threadCpuNs() - m_cpuStartNs) / 1e6, end / 1'000'000);
}

} // namespace gridhall::startup
