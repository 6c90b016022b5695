// bench change-burst: a burst of 2,000 changes through the one change path never holds the
// GUI thread up for more than 16 ms (issue 15). The real gridhall-server on the demo
// district (about 98,000 cases); in this process, as the app wires them, a workstation
// window (desk, map, area tree, overview) and a wall (map, queue board, overview), each
// with its own replica and sync link. Ten raw clients then report 2,000 cases at once
// (every twentieth a red dispute, so banners rise too). Every event the GUI thread handles
// while the burst arrives is timed (QApplication::notify, outermost calls on the GUI
// thread: deltas, paints, timers, socket reads); the longest and the 99th percentile are
// printed. GH_BENCH_CHANGES=N changes the size of the burst.
#include "app/desktop/casedesk.h"
#include "app/desktop/livesync.h"
#include "app/desktop/mainwindow.h"
#include "app/desktop/wallmode.h"
#include "models/itemmodels/casequeuemodel.h"
#include "models/store/storeservice.h"
#include "models/sync/protocol.h"
#include "tests/bench/benchprocess.h"

#include <QApplication>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSettings>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>
#include <QTimer>
#include <QWebSocket>
#include <algorithm>
#include <functional>
#include <time.h>

using namespace gridhall;
using namespace gridhall::bench;
using namespace gridhall::protocol;

namespace {
QTextStream out(stdout);

// Times every outermost event the GUI thread handles while `measuring` is on.
class TimedApplication : public QApplication {
public:
    using QApplication::QApplication;
    bool measuring = false;
    QList<double> eventMs;
    // The same events in the GUI thread's own CPU time: the wall-clock stall less the time
    // the thread waited for a core (2 cores, shared with the server, the replicas' threads,
    // the render workers and whatever else runs on the machine).
    QList<double> eventCpuMs;

    static double threadCpuMs()
    {
        timespec ts {};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
        return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
    }
    // The longest events, with what they were: the event type and the receiver's class.
    QList<QPair<double, QString>> longest;

    // GH_BENCH_DETAIL=1: each of the longest events also names the events inside it that
    // took 1 ms or more (the widgets a repaint painted, the handlers a delta ran).
    bool detail = qEnvironmentVariableIntValue("GH_BENCH_DETAIL") > 0;
    // GH_BENCH_LONGEST=N lists the N longest events instead of five.
    qsizetype keep = std::max(5, qEnvironmentVariableIntValue("GH_BENCH_LONGEST"));

    // Named before the event is handled: a deferred delete ends its receiver.
    static QString receiverName(QObject* receiver)
    {
        const QString name = receiver->objectName();
        return QLatin1String(receiver->metaObject()->className()) + (name.isEmpty() ? QString() : QStringLiteral(" ") + name);
    }
    static QString describe(const QString& receiver, int type, double ms)
    {
        return QStringLiteral("%1 ms (event %2 to %3)").arg(ms, 0, 'f', 1).arg(type).arg(receiver);
    }

    bool notify(QObject* receiver, QEvent* event) override
    {
        if (!measuring || QThread::currentThread() != thread())
            return QApplication::notify(receiver, event);
        if (m_depth > 0) {
            if (!detail)
                return QApplication::notify(receiver, event);
            ++m_depth;
            const int type = int(event->type());
            const QString what = receiverName(receiver);
            QElapsedTimer t;
            t.start();
            const bool handled = QApplication::notify(receiver, event);
            const double ms = t.nsecsElapsed() / 1e6;
            if (ms >= 1)
                m_inner.append(QString(m_depth - 1, QLatin1Char('>')) + describe(what, type, ms));
            --m_depth;
            return handled;
        }
        ++m_depth;
        m_inner.clear();
        const int type = int(event->type());
        const QString what = receiverName(receiver);
        const double cpu0 = threadCpuMs();
        QElapsedTimer t;
        t.start();
        const bool handled = QApplication::notify(receiver, event);
        const double ms = t.nsecsElapsed() / 1e6;
        eventMs.append(ms);
        eventCpuMs.append(threadCpuMs() - cpu0);
        if (longest.size() < keep || ms > longest.last().first) {
            QString text = describe(what, type, ms);
            if (detail && !m_inner.isEmpty())
                text += QStringLiteral(" [") + m_inner.join(QStringLiteral("; ")) + QStringLiteral("]");
            longest.append({ ms, text });
            std::sort(longest.begin(), longest.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
            if (longest.size() > keep)
                longest.removeLast();
        }
        --m_depth;
        return handled;
    }

private:
    int m_depth = 0;
    QStringList m_inner;
};

void runUntil(QDeadlineTimer deadline, const std::function<bool()>& done)
{
    QTimer tick;
    tick.start(20);
    while (!deadline.hasExpired() && !done())
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
}

// A raw client that logs in and, when told, sends its share of reports at once.
struct Reporter {
    QWebSocket socket;
    bool loggedIn = false;
    int answered = 0;
};
} // namespace

int main(int argc, char** argv)
{
    TimedApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("GridHallBench"));
    QCoreApplication::setApplicationName(QStringLiteral("bench_change_burst"));
    const int changes = qEnvironmentVariableIsSet("GH_BENCH_CHANGES") ? qgetenv("GH_BENCH_CHANGES").toInt() : 2000;
    constexpr int kClients = 10;
    constexpr double kLimitMs = 16;
    const QString server = QCoreApplication::applicationDirPath() + QStringLiteral("/../app/gridhall-server");
    QTemporaryDir dir;
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir.filePath("settings"));
    const QString db = dir.filePath("server.db");
    if (runProgram(server, { "demo-data", "--db", db }) != 0
        || runProgram(server, { "add-user", "--db", db, "--user", "bench", "--role", "district_operator", "--iterations", "1000" }, QByteArray(kBenchPassword) + "\n") != 0
        || runProgram(server, { "add-user", "--db", db, "--user", "wall", "--role", "district_operator", "--iterations", "1000" }, QByteArray(kBenchPassword) + "\n") != 0) {
        out << "bench change-burst: failed to prepare the database" << Qt::endl;
        return 1;
    }
    QString grid;
    {
        StoreStatus status;
        auto store = Store::open(db, &status);
        grid = store && !store->grids().isEmpty() ? store->grids().first().code : QString();
    }
    QProcess serve;
    const quint16 port = startServe(serve, server, { "--db", db, "--max-unauthenticated-per-address", "0" });
    if (!port) {
        out << "bench change-burst: the server did not start" << Qt::endl;
        return 1;
    }
    const QUrl url(QStringLiteral("ws://127.0.0.1:%1/").arg(port));
    const QString password = QString::fromLatin1(kBenchPassword);

    // The workstation and the wall, wired as the app wires them.
    StoreService deskStore, wallStore;
    MainWindow window(deskStore, dir.filePath("desk.sqlite"));
    window.resize(1920, 1080);
    auto* desk = window.findChild<CaseDesk*>();
    WallMode wall(wallStore);
    WallLayout layout;
    layout.screens = { { 0, QStringLiteral("*"),
        { { QStringLiteral("map"), {}, 60 }, { QStringLiteral("queue"), {}, 60 }, { QStringLiteral("overview"), {}, 60 } } } };
    wall.controller().setLayout(layout);
    QObject::connect(&wallStore, &StoreService::opened, &wall, [&] { wall.reload(); });
    deskStore.start(dir.filePath("desk.sqlite"));
    wallStore.start(dir.filePath("wall.sqlite"));
    wall.start();
    LiveSync deskSync(deskStore, url, QStringLiteral("bench"), password);
    LiveSync wallSync(wallStore, url, QStringLiteral("wall"), password);
    window.setLiveSync(&deskSync);
    wall.setLiveSync(&wallSync);
    window.show();
    QElapsedTimer setup;
    setup.start();
    runUntil(QDeadlineTimer(600000), [&] {
        return deskSync.status().state == SyncState::Online && wallSync.status().state == SyncState::Online
            && window.hasData() && !window.data().map.grids.isEmpty() && wall.hasData() && !wall.data().map.grids.isEmpty()
            && desk && desk->queueModel().table().rowCount() > 0;
    });
    if (!desk || desk->queueModel().table().rowCount() == 0 || wall.data().map.grids.isEmpty()) {
        out << "bench change-burst: the workstation and the wall did not load within 10 minutes" << Qt::endl;
        return 1;
    }
    runUntil(QDeadlineTimer(3000), [] { return false; }); // the first frames drawn
    const qint64 deskCases = window.data().figures.cases, wallCases = wall.figures().cases;
    const int deskReads = window.fullReads() + desk->fullReads(), wallReads = wall.fullReads();

    // The reporters log in before the clock starts.
    std::vector<std::unique_ptr<Reporter>> reporters;
    int ready = 0;
    for (int i = 0; i < kClients; ++i) {
        auto r = std::make_unique<Reporter>();
        Reporter* raw = r.get();
        QObject::connect(&r->socket, &QWebSocket::connected, &r->socket, [raw, i, password] {
            raw->socket.sendTextMessage(QString::fromUtf8(encode(Type::Login,
                { { "user", "bench" }, { "password", password }, { "clientId", QStringLiteral("burst-%1").arg(i) } })));
        });
        QObject::connect(&r->socket, &QWebSocket::textMessageReceived, &r->socket, [&ready, raw](const QString& text) {
            const QString type = QJsonDocument::fromJson(text.toUtf8()).object().value(QLatin1String("type")).toString();
            if (type == QLatin1String("welcome") && !raw->loggedIn) {
                raw->loggedIn = true;
                ++ready;
            } else if (type == QLatin1String("action_result")) {
                ++raw->answered;
            }
        });
        r->socket.open(url);
        reporters.push_back(std::move(r));
    }
    runUntil(QDeadlineTimer(60000), [&] { return ready == kClients; });
    if (ready < kClients) {
        out << "bench change-burst: the reporting clients did not log in" << Qt::endl;
        return 1;
    }

    const char* const levels[] = { "none", "yellow", "none", "orange" };
    app.measuring = true;
    QElapsedTimer burst;
    burst.start();
    for (int n = 0; n < changes; ++n) {
        Reporter& r = *reporters[size_t(n % kClients)];
        const int seq = n / kClients + 1;
        const char* level = n % 20 == 19 ? "red" : levels[n % 4];
        r.socket.sendTextMessage(QString::fromUtf8(encode(Type::Action,
            { { "clientSeq", seq }, { "key", QStringLiteral("burst-%1-%2").arg(n % kClients).arg(seq) }, { "action", "report" },
                { "case",
                    QJsonObject { { "categoryCode", "0101" }, { "description", QStringLiteral("burst %1").arg(n) }, { "lon", 113.3 },
                        { "lat", 23.1 }, { "gridCode", grid }, { "disputeLevel", QString::fromLatin1(level) } } } })));
    }
    const bool arrived = [&] {
        runUntil(QDeadlineTimer(300000), [&] {
            return window.data().figures.cases >= deskCases + changes && wall.figures().cases >= wallCases + changes;
        });
        return window.data().figures.cases >= deskCases + changes && wall.figures().cases >= wallCases + changes;
    }();
    const double burstSecs = burst.elapsed() / 1000.0;
    runUntil(QDeadlineTimer(1000), [] { return false; }); // the repaints that follow the last delta
    app.measuring = false;
    int answered = 0;
    for (const auto& r : reporters)
        answered += r->answered;
    serve.terminate();
    serve.waitForFinished(10000);
    if (!arrived) {
        out << QStringLiteral("bench change-burst: failed: %1 of %2 reports answered; the workstation got %3, the wall %4 new cases")
                   .arg(answered)
                   .arg(changes)
                   .arg(window.data().figures.cases - deskCases)
                   .arg(wall.figures().cases - wallCases)
            << Qt::endl;
        return 1;
    }
    QList<double> ms = app.eventMs;
    std::sort(ms.begin(), ms.end());
    const double longest = ms.isEmpty() ? 0 : ms.last();
    const double p99 = ms.isEmpty() ? 0 : ms[std::min(ms.size() - 1, qsizetype(ms.size() * 0.99))];
    const int reads = window.fullReads() + desk->fullReads() - deskReads + wall.fullReads() - wallReads;
    out << QStringLiteral("bench change-burst: %1 changes reached a workstation and a wall in %2 s (setup %3 s); "
                          "longest GUI-thread stall %4 ms, p99 %5 ms over %6 events (limit %7 ms); %8 full reads of a replica %9")
               .arg(changes)
               .arg(burstSecs, 0, 'f', 1)
               .arg(setup.elapsed() / 1000.0, 0, 'f', 0)
               .arg(longest, 0, 'f', 1)
               .arg(p99, 0, 'f', 2)
               .arg(ms.size())
               .arg(kLimitMs, 0, 'f', 0)
               .arg(reads)
               .arg(longest <= kLimitMs && reads == 0 ? QStringLiteral("ok") : QStringLiteral("short"))
        << Qt::endl;
    QList<double> cpu = app.eventCpuMs;
    std::sort(cpu.begin(), cpu.end());
    if (!cpu.isEmpty())
        out << QStringLiteral("bench change-burst: the same events in the GUI thread's CPU time (the stall less its waits for a "
                              "core on this shared 2-core machine): longest %1 ms, p99 %2 ms")
                   .arg(cpu.last(), 0, 'f', 1)
                   .arg(cpu[std::min(cpu.size() - 1, qsizetype(cpu.size() * 0.99))], 0, 'f', 2)
            << Qt::endl;
    QStringList worst;
    for (const auto& e : std::as_const(app.longest))
        worst.append(e.second);
    out << "bench change-burst: longest events: " << worst.join(app.detail ? QStringLiteral("\n  ") : QStringLiteral(", ")) << Qt::endl;
    return 0;
}
