// bench positions: N simulated handhelds (default 20,000) each reporting once a second
// through the real gridhall-server to one SyncClient subscribed to live positions, which
// feeds a wall-sized map (3840×2160, the whole district, WorkersLayer with trails).
// Prints the latency from the handheld's send to the client's receipt, and to pixels: the
// fix is in a rendered workers image and that image has been composed into a 4K frame
// (p50/p99; both include the server hop the goal names), and the client's CPU use with the
// rendering (PERF.md: server → pixels p99 ≤ 250 ms, client ≤ 50 % of one core).
// The handhelds are spread over two server instances on PostgreSQL with the desk on one,
// so half the fixes travel between instances (GH_BENCH_INSTANCES=1: one on SQLite).
// GH_BENCH_WORKERS=N and GH_BENCH_SECONDS=S change the size; GH_BENCH_FRAME_MS the frame
// budget; GH_BENCH_WHOLE_FRAMES=1 renders and composes every frame whole.
#include "tests/bench/benchprocess.h"
#include "tests/bench/benchworkers.h"
#include "maps/mapscene.h"
#include "maps/workerslayer.h"
#include "models/store/store.h"
#include "models/sync/syncclient.h"
#include "tests/server/pgcluster.h"
#include "tests/server/processcpu.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QGuiApplication>
#include <QPainter>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>
#include <QSet>
#include <QTimer>
#include <algorithm>
#include <deque>
#include <sys/resource.h>

using namespace gridhall;
using namespace gridhall::bench;

namespace {

double cpuSeconds()
{
    rusage u;
    getrusage(RUSAGE_SELF, &u);
    return u.ru_utime.tv_sec + u.ru_stime.tv_sec + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}
} // namespace

int main(int argc, char** argv)
{
    QGuiApplication app(argc, argv); // QPainter on images needs the GUI application
    QTextStream out(stdout);
    const int n = qEnvironmentVariableIsSet("GH_BENCH_WORKERS") ? qgetenv("GH_BENCH_WORKERS").toInt() : 20000;
    const int seconds = qEnvironmentVariableIsSet("GH_BENCH_SECONDS") ? qgetenv("GH_BENCH_SECONDS").toInt() : 20;
    const int maxWarmupSecs = 180; // until the handhelds have logged in
    const QString bin = QCoreApplication::applicationDirPath() + QStringLiteral("/../app/");
    QTemporaryDir dir;
    GeoBox districtBox;
    const QString db = dir.filePath("server.db");
    if (runProgram(bin + "gridhall-server", { "demo-data", "--db", db, "--cases-per-day", "0" }) != 0) {
        out << "bench positions: failed to create the district" << Qt::endl;
        return 1;
    }
    {
        // More workers than the demo district has: extra grid workers spread over its grids.
        QList<GridCell> grids;
        if (!addGridWorkers(db, n, &grids)) {
            out << "bench positions: failed to add the workers" << Qt::endl;
            return 1;
        }
        for (const GridCell& g : grids)
            districtBox.include(g.boundary.bounds());
    }
    if (runProgram(bin + "gridhall-server", { "add-user", "--db", db, "--all-workers", "--iterations", "1000" }, QByteArray(kBenchPassword) + "\n") != 0
        || runProgram(bin + "gridhall-server", { "add-user", "--db", db, "--user", "bench", "--role", "district_operator", "--iterations", "1000" }, QByteArray(kBenchPassword) + "\n") != 0) {
        out << "bench positions: failed to add users" << Qt::endl;
        return 1;
    }
    // Two instances on PostgreSQL (the default when a throwaway cluster can be started): the
    // handhelds spread over both, the desk on the second, so half the fixes cross through
    // PostgreSQL (one batch per flush). GH_BENCH_INSTANCES=1: one instance on the SQLite file.
    const int instances = qEnvironmentVariableIsSet("GH_BENCH_INSTANCES") ? qgetenv("GH_BENCH_INSTANCES").toInt() : 2;
    testing::PgCluster cluster;
    QString serverDb = db;
    QStringList keyArgs;
    if (instances >= 2) {
        QString error;
        if (!cluster.start(&error)) {
            out << "bench positions: two instances need PostgreSQL (" << error << "); set GH_BENCH_INSTANCES=1" << Qt::endl;
            return 1;
        }
    }
    // Every simulated handheld connects from 127.0.0.1 at once: no per-address cap.
    auto startInstance = [&](QProcess& serve, const QStringList& dbArgs) {
        return startServe(serve, bin + "gridhall-server", QStringList { "--max-unauthenticated-per-address", "0" } + dbArgs);
    };
    if (instances >= 2) {
        // A first serve on the file makes the audit key copy-db proves the chain with.
        QProcess once;
        if (!startInstance(once, { "--db", db })) {
            out << "bench positions: the server did not start: " << once.readAllStandardError() << Qt::endl;
            return 1;
        }
        once.terminate();
        once.waitForFinished(10000);
        keyArgs = QStringList { "--audit-key", db + ".audit-key" };
        if (runProgram(bin + "gridhall-server", QStringList { "copy-db", "--from", db, "--to", cluster.uri() } + keyArgs) != 0) {
            out << "bench positions: copy-db to PostgreSQL failed" << Qt::endl;
            return 1;
        }
        serverDb = cluster.uri();
    }
    std::vector<std::unique_ptr<QProcess>> servers;
    QStringList urls;
    for (int i = 0; i < std::max(1, instances); ++i) {
        servers.push_back(std::make_unique<QProcess>());
        const quint16 port = startInstance(*servers.back(), QStringList { "--db", serverDb } + keyArgs);
        if (!port) {
            out << "bench positions: the server did not start: " << servers.back()->readAllStandardError() << Qt::endl;
            return 1;
        }
        urls << QStringLiteral("ws://127.0.0.1:%1/").arg(port);
    }
    const QString url = urls.last(); // the desk's instance
    QProcess sim;
    sim.start(bin + "gridhall-sim", { "--server", urls.join(QLatin1Char(',')), "--spread", "--db", db, "--password", QString::fromLatin1(kBenchPassword), "--workers", QString::number(n),
        "--interval", "1", "--reports-per-hour", "0", "--dropout", "0", "--seed", "1" });
    auto serversCpu = [&] {
        double sum = 0;
        for (const auto& s : servers)
            sum += testing::processCpuSeconds(s->processId());
        return sum;
    };

    StoreStatus status;
    auto store = Store::open(dir.filePath("client.db"), &status);
    SyncClient client(*store);
    client.setServer(QUrl(url));
    client.setCredentials("bench", QString::fromLatin1(kBenchPassword));
    client.setPositionsWanted(true);
    client.setHeartbeat(2000, 30000);
    std::vector<qint64> latencies;
    latencies.reserve(size_t(n) * seconds + 1000);
    bool measuring = false;
    qint64 received = 0;
    QSet<QString> warmupSeen; // workers heard from in the current warm-up second
    // The wall's map: what the fixes are drawn into, rendered in the background as the app does.
    MapScene scene;
    auto* workersLayer = scene.addLayer(std::make_unique<WorkersLayer>());
    // As the live map and the wall: live markers, trails in a layer of their own.
    workersLayer->setLive(true);
    // The app's frame budget; GH_BENCH_FRAME_MS=0 draws every batch as it comes.
    workersLayer->setFrameInterval(qEnvironmentVariableIsSet("GH_BENCH_FRAME_MS") ? qgetenv("GH_BENCH_FRAME_MS").toInt()
                                                                                 : WorkersLayer::kLiveFrameIntervalMs);
    scene.addLayer(workersLayer->splitTrailsLayer());
    // GH_BENCH_WHOLE_FRAMES=1: every live frame rendered and composed whole, as before
    // partial frames, for a comparison on the same machine.
    scene.setPartialFrames(qgetenv("GH_BENCH_WHOLE_FRAMES") != "1");
    Viewport wall(districtBox.center(), 14, QSize(3840, 2160));
    wall.fitBox(districtBox, 40);
    scene.setViewport(wall);
    QImage frame(wall.size(), QImage::Format_ARGB32_Premultiplied);
    // Fixes applied to the layer, by the layer revision that first contains them.
    struct Applied {
        quint64 revision;
        std::vector<qint64> sentMs;
        qint64 receivedMs = 0;
    };
    std::deque<Applied> onTheirWay;
    std::vector<qint64> pixelLatencies;
    pixelLatencies.reserve(size_t(n) * seconds + 1000);
    // The client's own share: from a batch's receipt to the frame that shows it (waiting
    // for its frame, the render, the flattening, the composition), per fix.
    std::vector<qint64> clientLatencies;
    clientLatencies.reserve(size_t(n) * seconds + 1000);
    qint64 frames = 0;
    QHash<QString, qint64> idOf;
    QObject::connect(&client, &SyncClient::positionsReceived, &app, [&](const QList<WorkerFix>& fixes) {
        QList<WorkerPosition> positions;
        positions.reserve(fixes.size());
        for (const WorkerFix& f : fixes) {
            WorkerPosition p;
            p.workerId = idOf.value(f.worker);
            if (!p.workerId) {
                p.workerId = idOf.size() + 1;
                idOf.insert(f.worker, p.workerId);
            }
            p.code = f.worker;
            p.pos = f.position;
            p.timeMs = f.at.toMSecsSinceEpoch();
            positions.append(p);
        }
        workersLayer->updatePositions(positions);
        if (!measuring) {
            for (const WorkerFix& f : fixes)
                warmupSeen.insert(f.worker);
            return;
        }
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        // The markers may wait for their frame: the fixes are in the revision after it.
        Applied applied { workersLayer->revisionWithLatestFixes(), {}, now };
        applied.sentMs.reserve(size_t(fixes.size()));
        for (const WorkerFix& f : fixes) {
            latencies.push_back(now - f.at.toMSecsSinceEpoch());
            applied.sentMs.push_back(f.at.toMSecsSinceEpoch());
        }
        onTheirWay.push_back(std::move(applied));
        received += fixes.size();
    });
    // A frame is on screen once the scene composes an image with the fixes: after their
    // render, as the canvas's paintEvent would: the whole view on changed(), only the
    // rectangles where markers moved on changedWithin().
    qint64 partialFrames = 0, composes = 0;
    double composedShare = 0; // summed over composes: the part of the view composed
    auto composed = [&](const QList<QRect>* within) {
        ++composes;
        QPainter painter(&frame);
        if (within) {
            qint64 area = 0;
            for (const QRect& r : *within) {
                painter.setClipRect(r);
                scene.compose(painter, wall);
                area += qint64(r.width()) * r.height();
            }
            ++partialFrames;
            composedShare += double(area) / (wall.size().width() * wall.size().height());
        } else {
            scene.compose(painter, wall);
            composedShare += 1;
        }
        painter.end();
        const quint64 shown = scene.shownRevision(workersLayer);
        if (onTheirWay.empty() || onTheirWay.front().revision > shown)
            return;
        ++frames;
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        while (!onTheirWay.empty() && onTheirWay.front().revision <= shown) {
            for (qint64 sent : onTheirWay.front().sentMs) {
                pixelLatencies.push_back(now - sent);
                clientLatencies.push_back(now - onTheirWay.front().receivedMs);
            }
            onTheirWay.pop_front();
        }
    };
    QObject::connect(&scene, &MapScene::changed, &app, [&] { composed(nullptr); });
    QObject::connect(&scene, &MapScene::changedWithin, &app, [&](const QList<QRect>& rects) { composed(&rects); });
    client.start();
    quint64 partialRendersStart = 0, rendersStart = 0;
    double cpuStart = 0, serverCpuStart = 0, simCpuStart = 0, pgCpuStart = 0;
    std::vector<double> instanceCpuStart(servers.size());
    QElapsedTimer window;
    // Measure once nearly every handheld reports within a second (or give up waiting).
    QTimer warmup;
    QElapsedTimer sinceStart;
    sinceStart.start();
    int warmupSecs = 0;
    QObject::connect(&warmup, &QTimer::timeout, &app, [&] {
        ++warmupSecs;
        if (warmupSeen.size() >= 0.95 * n || warmupSecs >= maxWarmupSecs) {
            warmup.stop();
            measuring = true;
            partialFrames = 0;
            composedShare = 0;
            composes = 0;
            partialRendersStart = scene.partialRenderCount();
            rendersStart = scene.layerRenderCount();
            cpuStart = cpuSeconds();
            serverCpuStart = serversCpu();
            simCpuStart = testing::processCpuSeconds(sim.processId());
            pgCpuStart = instances >= 2 ? cluster.cpuSeconds() : 0;
            for (size_t i = 0; i < servers.size(); ++i)
                instanceCpuStart[i] = testing::processCpuSeconds(servers[i]->processId());
            QTextStream(stderr) << "bench positions: measuring for " << seconds << " s" << Qt::endl;
            window.start();
            QTimer::singleShot(seconds * 1000, &app, &QCoreApplication::quit);
        }
        warmupSeen.clear();
    });
    warmup.start(1000);
    app.exec();
    const double wallSecs = window.elapsed() / 1000.0;
    const double cpu = (cpuSeconds() - cpuStart) / wallSecs * 100.0;
    const double serverCpu = (serversCpu() - serverCpuStart) / wallSecs * 100.0;
    const double simCpu = (testing::processCpuSeconds(sim.processId()) - simCpuStart) / wallSecs * 100.0;
    const double pgCpu = instances >= 2 ? (cluster.cpuSeconds() - pgCpuStart) / wallSecs * 100.0 : 0;
    QStringList perInstance;
    for (size_t i = 0; i < servers.size(); ++i)
        perInstance << QStringLiteral("%1 %").arg((testing::processCpuSeconds(servers[i]->processId()) - instanceCpuStart[i]) / wallSecs * 100.0, 0, 'f', 1);
    measuring = false;
    client.stop();
    sim.terminate();
    sim.waitForFinished(20000);
    const QByteArray simOut = sim.readAllStandardOutput();
    for (auto& server : servers) {
        server->terminate();
        server->waitForFinished(10000);
    }
    if (latencies.empty()) {
        out << "bench positions: no positions received; simulator said: " << simOut << sim.readAllStandardError().left(2000)
            << " client: " << client.status().lastError << Qt::endl;
        return 1;
    }
    if (pixelLatencies.empty()) {
        out << "bench positions: fixes arrived but no frame with them was drawn" << Qt::endl;
        return 1;
    }
    auto percentile = [](std::vector<qint64>& v, double q) {
        std::sort(v.begin(), v.end());
        return v[std::min(v.size() - 1, size_t(double(v.size()) * q))];
    };
    const qint64 p50 = percentile(latencies, 0.5), p99 = percentile(latencies, 0.99);
    const qint64 px50 = percentile(pixelLatencies, 0.5), px99 = percentile(pixelLatencies, 0.99);
    const qint64 cl50 = percentile(clientLatencies, 0.5), cl99 = percentile(clientLatencies, 0.99);
    const double rate = received / wallSecs;
    const bool rateOk = rate >= 0.9 * n;
    out << QStringLiteral("bench positions: %1 handhelds over %2; ").arg(n).arg(instances >= 2
                ? QStringLiteral("%1 instances on PostgreSQL (the desk on one: every other fix crossed through the database)").arg(instances)
                : QStringLiteral("one instance on SQLite"));
    out << QStringLiteral("%1 workers at 1 Hz, %2 fixes/s reached the client (%3 of the sent rate); "
                          "send→client p50 %4 ms, p99 %5 ms; send→pixels p50 %6 ms, p99 %7 ms (goal ≤ 250 ms) %8 "
                          "(of which receipt→pixels p50 %13 ms, p99 %14 ms); "
                          "%9 frames/s at 3840×2160 (markers at most every %12 ms); client CPU %10 % of one core with rendering (goal ≤ 50 %) %11")
               .arg(n).arg(qint64(rate)).arg(rateOk ? "≥ 90 %" : "below 90 %").arg(p50).arg(p99).arg(px50).arg(px99)
               .arg(px99 <= 250 && rateOk ? "ok" : "short").arg(frames / wallSecs, 0, 'f', 1).arg(cpu, 0, 'f', 1)
               .arg(cpu <= 50 ? "ok" : "short").arg(workersLayer->frameInterval()).arg(cl50).arg(cl99)
        << Qt::endl;
    // How much of each live frame was drawn and composed again.
    out << QStringLiteral("bench positions: %1 of %2 layer renders (markers and trails) drew only where markers moved; %3 of %4 composes "
                          "covered only the changed rectangles, on average %5 % of the view per compose")
               .arg(scene.partialRenderCount() - partialRendersStart).arg(scene.layerRenderCount() - rendersStart)
               .arg(partialFrames).arg(composes).arg(composes ? composedShare / composes * 100 : 0, 0, 'f', 1)
        << Qt::endl;
    rlimit descriptors {};
    getrlimit(RLIMIT_NOFILE, &descriptors);
    // Where the machine's time went while measuring, and what the server costs per 1,000
    // handhelds at 1 Hz, so a short result can be told from a machine that is too small.
    out << QStringLiteral("bench positions: %1 distinct handhelds heard, after %2 s of logins (the descriptor hard limit "
                          "here is %3; the server raises its own limit to it and keeps 160 and its database connections in reserve); meanwhile server CPU %4 % "
                          "(per instance: %5; %6 % of a core per 1,000 handhelds), PostgreSQL %7 %, simulator %8 %, this client %9 % "
                          "(all share this machine's %10 cores; other programs on it are not counted)")
               .arg(idOf.size()).arg(warmupSecs).arg(qint64(descriptors.rlim_max)).arg(serverCpu, 0, 'f', 1)
               .arg(perInstance.join(QStringLiteral(", "))).arg(serverCpu / (n / 1000.0), 0, 'f', 2)
               .arg(instances >= 2 ? QString::number(pgCpu, 'f', 1) : QStringLiteral("-")).arg(simCpu, 0, 'f', 1).arg(cpu, 0, 'f', 1)
               .arg(QThread::idealThreadCount())
        << Qt::endl;
    return 0;
}
