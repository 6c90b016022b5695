#pragma once
// The replica of a hall at full load for the startup and memory benches: about a million
// cases (demo-data at 18,400 a day over eight weeks) and over 10,000 grid cells, synced
// from a real gridhall-server into a client store by SyncClient, the way a workstation
// gets its replica. Made once and kept in a folder under the system's temporary folder
// (GH_BENCH_REPLICA_DIR overrides it), since building it takes a few minutes.
//
// The demo district has 2,401 cells; each is cut into four or five strips across its
// width (the first strip keeps the cell's code, so its cases still count in it) before
// the sync, which makes 10,004 cells of realistic shape and size.

#include "tests/bench/benchprocess.h"
#include "models/store/store.h"
#include "models/sync/syncclient.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QPolygonF>
#include <QTextStream>
#include <QTimer>
#include <QUrl>

namespace gridhall::bench {

inline constexpr int kReplicaCasesPerDay = 18400;
inline constexpr int kReplicaGridCells = 10000;

struct BenchReplica {
    QString path; // the client's SQLite replica
    QString serverDb; // the server's database it came from
    qint64 cases = 0;
    int grids = 0;
    QString error; // non-empty when it could not be made
};

// Cuts a cell into `strips` strips of equal width; the first keeps the cell's code, the
// others get the next free numbers in the cell's community (*nextNumber counts up).
inline QList<GridCell> cutIntoStrips(const GridCell& cell, int strips, int* nextNumber)
{
    QList<GridCell> out;
    const GeoBox box = cell.boundary.bounds();
    for (int s = 0; s < strips; ++s) {
        const double west = box.west + (box.east - box.west) * s / strips;
        const double east = box.west + (box.east - box.west) * (s + 1) / strips;
        const QPolygonF band(QRectF(QPointF(west, box.south - 1), QPointF(east, box.north + 1)));
        MultiPolygon boundary;
        for (const Polygon& part : cell.boundary.parts) {
            QPolygonF ring;
            for (const LonLat& p : part.outer)
                ring << QPointF(p.lon, p.lat);
            const QPolygonF cut = ring.intersected(band);
            if (cut.size() < 4)
                continue;
            Polygon piece;
            for (qsizetype i = 0; i + 1 < cut.size(); ++i) // QPolygonF repeats the first point
                piece.outer.append({ cut[i].x(), cut[i].y() });
            boundary.parts.append(piece);
        }
        if (boundary.isEmpty())
            continue;
        GridCell g = cell;
        g.boundary = boundary;
        g.centroid = boundary.centroid();
        if (s > 0) {
            g.code = cell.communityCode + QStringLiteral("%1").arg((*nextNumber)++, 3, 10, QLatin1Char('0'));
            g.name = cell.name + QStringLiteral("-%1").arg(s + 1);
        }
        out.append(g);
    }
    return out;
}

// Makes (or finds) the replica; `server` is the gridhall-server program.
inline BenchReplica prepareBenchReplica(const QString& server, QTextStream& log)
{
    BenchReplica r;
    const QString dirPath = qEnvironmentVariableIsSet("GH_BENCH_REPLICA_DIR")
        ? qEnvironmentVariable("GH_BENCH_REPLICA_DIR")
        : QDir::temp().filePath(QStringLiteral("gridhall-bench-replica-1m"));
    QDir dir(dirPath);
    r.path = dir.filePath(QStringLiteral("replica.db"));
    r.serverDb = dir.filePath(QStringLiteral("server.db"));
    const QString ready = dir.filePath(QStringLiteral("ready"));
    if (QFile::exists(ready)) {
        StoreStatus status;
        if (auto store = Store::open(r.path, &status)) {
            const StoreCounts counts = store->counts();
            r.cases = counts.cases;
            r.grids = counts.grids;
            if (r.cases > 0 && r.grids >= kReplicaGridCells)
                return r;
        }
        log << "bench replica: the cached replica in " << dirPath << " is unusable; making it again" << Qt::endl;
    }
    dir.removeRecursively();
    if (!QDir().mkpath(dirPath)) {
        r.error = QStringLiteral("cannot create %1").arg(dirPath);
        return r;
    }
    QElapsedTimer t;
    t.start();
    log << "bench replica: making a 1M-case replica in " << dirPath << " (once; a few minutes)…" << Qt::endl;
    if (runProgram(server, { "demo-data", "--db", r.serverDb, "--cases-per-day", QString::number(kReplicaCasesPerDay) }) != 0) {
        r.error = QStringLiteral("demo-data failed");
        return r;
    }
    {
        StoreStatus status;
        auto store = Store::open(r.serverDb, &status);
        if (!store) {
            r.error = status.message;
            return r;
        }
        const QList<GridCell> cells = store->grids();
        QHash<QString, int> nextNumber; // community → next free grid number
        for (const GridCell& g : cells)
            nextNumber[g.communityCode] = std::max(nextNumber.value(g.communityCode), g.code.right(3).toInt() + 1);
        const bool ok = store->bulkLoad([&] {
            for (qsizetype i = 0; i < cells.size(); ++i) {
                const int strips = i % 6 == 5 ? 5 : 4; // 2,401 cells → 10,004
                for (const GridCell& g : cutIntoStrips(cells[i], strips, &nextNumber[cells[i].communityCode]))
                    if (!store->putGrid(g))
                        return false;
            }
            return true;
        });
        if (!ok) {
            r.error = QStringLiteral("cutting the grid cells failed: %1").arg(store->lastError());
            return r;
        }
    }
    if (runProgram(server, { "add-user", "--db", r.serverDb, "--user", "bench", "--role", "district_operator", "--iterations", "1000" },
            QByteArray(kBenchPassword) + "\n")
        != 0) {
        r.error = QStringLiteral("add-user failed");
        return r;
    }
    QProcess serve;
    const quint16 port = startServe(serve, server, { "--db", r.serverDb });
    if (!port) {
        r.error = QStringLiteral("serve did not start: %1").arg(QString::fromUtf8(serve.readAllStandardError()));
        return r;
    }
    {
        StoreStatus status;
        auto store = Store::open(r.path, &status);
        if (!store) {
            r.error = status.message;
            return r;
        }
        SyncClient client(*store);
        client.setServer(QUrl(QStringLiteral("ws://127.0.0.1:%1/").arg(port)));
        client.setCredentials(QStringLiteral("bench"), QString::fromLatin1(kBenchPassword));
        client.setHeartbeat(5000, 300000); // the snapshot keeps both sides busy
        QEventLoop loop;
        QObject::connect(&client, &SyncClient::snapshotApplied, &loop, [&](qint64 count) {
            r.cases = count;
            loop.quit();
        });
        QTimer::singleShot(1'200'000, &loop, &QEventLoop::quit);
        client.start();
        loop.exec();
        client.stop();
        r.grids = store->counts().grids;
    }
    serve.terminate();
    serve.waitForFinished(20000);
    if (r.cases <= 0 || r.grids < kReplicaGridCells) {
        r.error = QStringLiteral("the sync gave %1 cases and %2 grid cells").arg(r.cases).arg(r.grids);
        return r;
    }
    QFile mark(ready);
    mark.open(QIODevice::WriteOnly);
    log << "bench replica: " << r.cases << " cases, " << r.grids << " grid cells, made in " << t.elapsed() / 1000 << " s"
        << Qt::endl;
    return r;
}

} // namespace gridhall::bench
