#include "app/desktop/startuptrace.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QThread>
#include <QTimer>
#include <QWindow>
#include <algorithm>

namespace gridhall::startup {

Q_LOGGING_CATEGORY(lcStartup, "gridhall.startup", QtWarningMsg)

namespace {
constexpr int kWatchMs = 5;
constexpr int kReportStallMs = 16; // a frame

struct Trace {
    QElapsedTimer sinceMain;
    QElapsedTimer sinceTick;
    QTimer* watch = nullptr;
    qint64 longestStallMs = 0; // since the window was on screen
    qint64 longestBeforeScreenMs = 0; // building the window and its first paint
    qint64 onScreenAtMs = -1;
    bool done = false;
};

Trace& trace()
{
    static Trace t;
    return t;
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
    QObject::connect(t.watch, &QTimer::timeout, qApp, [] {
        Trace& t = trace();
        const qint64 stall = t.sinceTick.restart() - kWatchMs;
        if (stall > kReportStallMs)
            qCInfo(lcStartup, "GUI-thread stall %lld ms ending after %lld ms", stall, t.sinceMain.elapsed());
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
    if (t.done)
        return;
    t.done = true;
    if (t.watch) {
        qint64& longest = t.onScreenAtMs < 0 ? t.longestBeforeScreenMs : t.longestStallMs;
        longest = std::max(longest, t.sinceTick.elapsed() - kWatchMs);
        delete t.watch;
        t.watch = nullptr;
    }
    qCInfo(lcStartup,
        "everything loaded after %lld ms; longest GUI-thread stall %lld ms since the window was on screen after %lld ms "
        "(before: %lld ms, building the window and painting it first)",
        t.sinceMain.elapsed(), t.longestStallMs, t.onScreenAtMs, t.longestBeforeScreenMs);
}

bool TracingApplication::notify(QObject* receiver, QEvent* event)
{
    // The thread first: other threads' events must not read the trace, which only the GUI
    // thread writes (and deletes its watch).
    if (QThread::currentThread() != thread() || m_depth > 0)
        return QApplication::notify(receiver, event);
    const Trace& t = trace();
    if (!t.watch)
        return QApplication::notify(receiver, event);
    // Named before the event is handled: a deferred delete ends its receiver.
    const int type = int(event->type());
    const char* cls = receiver->metaObject()->className();
    const QString name = receiver->objectName(); // shared, not copied
    ++m_depth;
    const qint64 start = t.sinceMain.nsecsElapsed();
    const bool handled = QApplication::notify(receiver, event);
    --m_depth;
    const qint64 end = t.sinceMain.nsecsElapsed();
    if (t.onScreenAtMs < 0 && type == QEvent::Expose && receiver->isWindowType()
        && static_cast<QWindow*>(receiver)->isExposed()) {
        // From here the user sees the window, and every hold-up counts: a stall before it
        // (building the window, its first paint) is part of the time to the first frame.
        Trace& on = trace();
        on.onScreenAtMs = end / 1'000'000;
        on.longestBeforeScreenMs = std::max(on.longestBeforeScreenMs, on.sinceTick.restart() - kWatchMs);
        qCInfo(lcStartup, "window on screen after %lld ms", on.onScreenAtMs);
    }
    if (end - start > kReportStallMs * 1'000'000LL)
        qCInfo(lcStartup, "event %d to %s '%s' took %.1f ms (ending after %lld ms)", type, cls, qPrintable(name),
            (end - start) / 1e6, end / 1'000'000);
    return handled;
}

Span::Span(const char* what)
    : m_what(what)
{
    if (lcStartup().isInfoEnabled() && !trace().done)
        m_startNs = trace().sinceMain.nsecsElapsed();
}

Span::~Span()
{
    if (m_startNs < 0)
        return;
    const qint64 end = trace().sinceMain.nsecsElapsed();
    if (end - m_startNs >= 1'000'000)
        qCInfo(lcStartup, "%s took %.1f ms (ending after %lld ms)", m_what, (end - m_startNs) / 1e6, end / 1'000'000);
}

} // namespace gridhall::startup
