#include "app/desktop/startuptrace.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QTimer>
#include <algorithm>

namespace gridhall::startup {

Q_LOGGING_CATEGORY(lcStartup, "gridhall.startup", QtWarningMsg)

namespace {
constexpr int kWatchMs = 5;

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
        t.longestStallMs = std::max(t.longestStallMs, t.sinceTick.restart() - kWatchMs);
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

} // namespace gridhall::startup
