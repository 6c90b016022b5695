#include "app/desktop/startuptrace.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QThread>
#include <QTimer>
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
    qint64 longestStallMs = 0;
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
        t.longestStallMs = std::max(t.longestStallMs, stall);
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
        t.longestStallMs = std::max(t.longestStallMs, t.sinceTick.elapsed() - kWatchMs);
        delete t.watch;
        t.watch = nullptr;
    }
    qCInfo(lcStartup, "everything loaded after %lld ms; longest GUI-thread stall %lld ms", t.sinceMain.elapsed(),
        t.longestStallMs);
}

bool TracingApplication::notify(QObject* receiver, QEvent* event)
{
    const Trace& t = trace();
    if (!t.watch || m_depth > 0 || QThread::currentThread() != thread())
        return QApplication::notify(receiver, event);
    // Named before the event is handled: a deferred delete ends its receiver.
    const int type = int(event->type());
    const QByteArray what = QByteArray(receiver->metaObject()->className()) + " '" + receiver->objectName().toUtf8() + "'";
    ++m_depth;
    const qint64 start = t.sinceMain.nsecsElapsed();
    const bool handled = QApplication::notify(receiver, event);
    --m_depth;
    const qint64 end = t.sinceMain.nsecsElapsed();
    if (end - start > kReportStallMs * 1'000'000LL)
        qCInfo(lcStartup, "event %d to %s took %.1f ms (ending after %lld ms)", type, what.constData(), (end - start) / 1e6,
            end / 1'000'000);
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
