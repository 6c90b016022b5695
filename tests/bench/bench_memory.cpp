// bench memory: resident memory at full load against the 1.5 GiB limit (PERF.md, issue 15).
// 1. The real gridhall process on the replica of about a million cases and 10,000 grid cells
//    (benchreplica.h): its VmRSS from /proc once it logs that everything has loaded (the map,
//    the queues over every case, the overview's counts), and its peak (VmHWM).
// 2. 20,000 workers' live positions for 8 hours (a fix every 15 s, patrols along 80 m street
//    blocks turning at corners), fed to the map's WorkersLayer, which thins the trails and
//    keeps 8 hours of them: the growth of this bench's own VmRSS. The app has no way to be
//    fed 8 hours in seconds, so this part is measured here, with the same layer the app uses.
// The sum is printed against the limit.
#include "tests/bench/benchreplica.h"
#include "maps/workerslayer.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTextStream>
#include <cmath>

using namespace gridhall;
using namespace gridhall::bench;

namespace {
QTextStream out(stdout);

constexpr double kLimitMiB = 1.5 * 1024;

// A field of /proc/PID/status in MiB, or -1.
double statusMiB(const QString& pid, const char* field)
{
    QFile f(QStringLiteral("/proc/%1/status").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : f.readAll().split('\n'))
        if (line.startsWith(field))
            return line.mid(qstrlen(field)).trimmed().split(' ').first().toDouble() / 1024.0;
    return -1;
}

struct AppMemory {
    double rssMiB = -1, peakMiB = -1;
    QString failure;
};

AppMemory appMemory(const QString& gridhall, const QString& replica)
{
    AppMemory m;
    QTemporaryDir home;
    QProcess p;
    prepareWindowProcess(p, home.path());
    p.start(gridhall, { "--db", replica, "--size", "1920x1080", "--lang", "en" });
    QByteArray seen;
    QDeadlineTimer deadline(180000);
    while (!deadline.hasExpired() && !seen.contains("everything loaded")) {
        p.waitForReadyRead(50);
        seen += p.readAll();
        if (p.state() == QProcess::NotRunning)
            break;
    }
    if (seen.contains("everything loaded")) {
        // A moment for the last frames and the damage check's thread to end.
        QDeadlineTimer settle(1500);
        while (!settle.hasExpired())
            p.waitForReadyRead(50);
        const QString pid = QString::number(p.processId());
        m.rssMiB = statusMiB(pid, "VmRSS:");
        m.peakMiB = statusMiB(pid, "VmHWM:");
    } else {
        m.failure = QString::fromUtf8(seen.right(400));
    }
    p.terminate();
    if (!p.waitForFinished(20000)) {
        p.kill();
        p.waitForFinished(5000);
    }
    return m;
}

// A worker walking a street lattice: straight to the next corner, then left, right or on.
struct Walker {
    double x = 0, y = 0; // metres east and north of the district's centre
    int heading = 0; // 0 east, 1 north, 2 west, 3 south
    double toCorner = 0;
};

void walk(Walker& w, double metres, QRandomGenerator& random)
{
    constexpr double kBlock = 80;
    while (metres > 0) {
        const double step = std::min(metres, w.toCorner);
        w.x += step * (w.heading == 0 ? 1 : w.heading == 2 ? -1 : 0);
        w.y += step * (w.heading == 1 ? 1 : w.heading == 3 ? -1 : 0);
        metres -= step;
        w.toCorner -= step;
        if (w.toCorner <= 0) {
            w.heading = (w.heading + int(random.bounded(3)) + 3) % 4; // left, on or right
            w.toCorner = kBlock;
        }
    }
}
} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QString bin = QCoreApplication::applicationDirPath() + QStringLiteral("/../app/");
    const BenchReplica replica = prepareBenchReplica(bin + QStringLiteral("gridhall-server"), out);
    if (!replica.error.isEmpty()) {
        out << "bench memory: no replica: " << replica.error << Qt::endl;
        return 1;
    }
    const AppMemory appMem = appMemory(bin + QStringLiteral("gridhall"), replica.path);
    if (!appMem.failure.isEmpty()) {
        out << "bench memory: gridhall did not finish loading: " << appMem.failure << Qt::endl;
        return 1;
    }
    out << QStringLiteral("bench memory: gridhall on %1 cases and %2 grid cells, everything loaded: RSS %3 MiB (peak %4 MiB)")
               .arg(replica.cases).arg(replica.grids).arg(appMem.rssMiB, 0, 'f', 0).arg(appMem.peakMiB, 0, 'f', 0)
        << Qt::endl;

    // 20,000 workers × 8 hours of fixes into the map's workers layer.
    constexpr int kWorkers = 20000;
    constexpr int kFixSecs = 15;
    constexpr int kHours = 8;
    constexpr double kSpeed = 1.2; // m/s on patrol
    const QString self = QString::number(QCoreApplication::applicationPid());
    const double before = statusMiB(self, "VmRSS:");
    QElapsedTimer t;
    t.start();
    qint64 vertices = 0;
    {
        WorkersLayer layer;
        layer.setTrailWindowSecs(WorkersLayer::kMaxTrailWindowSecs);
        const qint64 startMs = QDateTime::currentMSecsSinceEpoch() - qint64(kHours) * 3600 * 1000;
        qint64 nowMs = startMs;
        layer.setClock([&nowMs] { return nowMs; });
        QRandomGenerator random(15);
        std::vector<Walker> walkers(kWorkers);
        for (Walker& w : walkers) {
            w.x = (random.generateDouble() - 0.5) * 12000;
            w.y = (random.generateDouble() - 0.5) * 9000;
            w.heading = int(random.bounded(4));
            w.toCorner = random.generateDouble() * 80;
        }
        const LonLat centre { 113.30, 23.12 };
        const double metresPerDegLat = 111320.0;
        const double metresPerDegLon = metresPerDegLat * std::cos(centre.lat * M_PI / 180);
        QList<WorkerPosition> batch(kWorkers);
        for (int i = 0; i < kWorkers; ++i) {
            batch[i].workerId = i + 1;
            batch[i].code = QStringLiteral("GW%1").arg(i + 1, 5, 10, QLatin1Char('0'));
            batch[i].name = QStringLiteral("Worker %1").arg(i + 1);
        }
        for (int tick = 0; tick <= kHours * 3600 / kFixSecs; ++tick) {
            nowMs = startMs + qint64(tick) * kFixSecs * 1000;
            for (int i = 0; i < kWorkers; ++i) {
                Walker& w = walkers[size_t(i)];
                if (tick > 0)
                    walk(w, kSpeed * kFixSecs, random);
                batch[i].pos = { centre.lon + w.x / metresPerDegLon, centre.lat + w.y / metresPerDegLat };
                batch[i].timeMs = nowMs;
            }
            layer.updatePositions(batch);
        }
        for (int i = 0; i < kWorkers; ++i)
            if (const Trail* trail = layer.trail(i + 1))
                vertices += trail->size();
        const double after = statusMiB(self, "VmRSS:");
        const double trailsMiB = after - before;
        out << QStringLiteral("bench memory: %1 workers, %2 h of fixes every %3 s (%4 s to feed): %5 trail vertices kept, "
                              "RSS +%6 MiB")
                   .arg(kWorkers).arg(kHours).arg(kFixSecs).arg(t.elapsed() / 1000.0, 0, 'f', 1).arg(vertices)
                   .arg(trailsMiB, 0, 'f', 0)
            << Qt::endl;
        const double total = appMem.rssMiB + trailsMiB;
        out << QStringLiteral("bench memory: 1M cases, 20,000 workers and 8 h of thinned trails: %1 MiB (app %2 + trails %3) "
                              "against the limit %4 MiB: %5")
                   .arg(total, 0, 'f', 0).arg(appMem.rssMiB, 0, 'f', 0).arg(trailsMiB, 0, 'f', 0).arg(kLimitMiB, 0, 'f', 0)
                   .arg(total <= kLimitMiB ? "ok" : "over")
            << Qt::endl;
    }
    return 0;
}
