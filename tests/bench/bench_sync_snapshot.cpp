// bench snapshot: first sync of N cases (default 1,000,000) from the real gridhall-server
// process into an empty client store through SyncClient, against the sqlite3 CLI importing
// the same records from JSON and against the raw C-API insert rate (PERF.md); then the same
// hall copied to PostgreSQL (copy-db, a throwaway cluster) against the SQLite server's rate.
// GH_BENCH_CASES=N changes the size.
#include "tests/bench/benchprocess.h"
#include "models/store/store.h"
#include "models/sync/protocol.h"
#include "models/sync/syncclient.h"
#include "tests/server/pgcluster.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QTimer>
#include <QJsonArray>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTextStream>
#include <cstdio>

using namespace gridhall;
using namespace gridhall::bench;

namespace {
QTextStream out(stdout);


Case syntheticCase(qint64 id, const GridCell& g, QRandomGenerator& random, const QDateTime& base)
{
    Case c;
    c.id = id;
    c.code = QStringLiteral("440199-%1").arg(id, 8, 10, QLatin1Char('0'));
    c.categoryCode = QStringLiteral("01%1").arg(1 + random.bounded(9), 2, 10, QLatin1Char('0'));
    c.description = QStringLiteral("Synthetic case %1 for the snapshot benchmark").arg(id);
    c.address = QStringLiteral("Road %1, No. %2").arg(random.bounded(300)).arg(random.bounded(200));
    c.location = { g.centroid.lon + (random.generateDouble() - 0.5) * 0.003, g.centroid.lat + (random.generateDouble() - 0.5) * 0.003 };
    c.gridCode = g.code;
    c.communityCode = g.communityCode;
    c.streetCode = g.streetCode;
    c.state = random.bounded(10) < 8 ? CaseState::Closed : CaseState(random.bounded(6));
    c.holderKind = HolderKind::Department;
    c.holder = QStringLiteral("CG");
    c.reporter = QStringLiteral("WG%1").arg(random.bounded(2000), 5, 10, QLatin1Char('0'));
    c.reportedAt = base.addSecs(-qint64(random.bounded(60 * 86400)));
    c.stepStartedAt = c.reportedAt.addSecs(600);
    c.stepDeadline = c.stepStartedAt.addSecs(3600);
    if (c.state == CaseState::Closed)
        c.closedAt = c.stepStartedAt.addSecs(1800);
    c.version = 1 + random.bounded(6);
    c.updatedAt = c.stepStartedAt;
    return c;
}

QByteArray jsonString(const QString& s)
{
    QByteArray b = s.toUtf8();
    b.replace('\\', "\\\\").replace('"', "\\\"");
    return '"' + b + '"';
}
} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const qint64 n = qEnvironmentVariableIsSet("GH_BENCH_CASES") ? qgetenv("GH_BENCH_CASES").toLongLong() : 1000000;
    const QString server = QCoreApplication::applicationDirPath() + QStringLiteral("/../app/gridhall-server");
    QTemporaryDir dir;
    const QString serverDb = dir.filePath("server.db");
    if (runProgram(server, { "demo-data", "--db", serverDb, "--cases-per-day", "0" }) != 0
        || runProgram(server, { "add-user", "--db", serverDb, "--user", "bench", "--role", "district_operator", "--iterations", "1000" }, QByteArray(kBenchPassword) + "\n") != 0) {
        out << "bench snapshot: failed to prepare the server database" << Qt::endl;
        return 1;
    }

    // The records, loaded through the C API (the raw insert rate) and written as JSON for the peer.
    QList<Case> cases;
    {
        StoreStatus status;
        auto store = Store::open(serverDb, &status);
        const QList<GridCell> grids = store->grids();
        QRandomGenerator random(42);
        const QDateTime base = QDateTime::currentDateTimeUtc();
        cases.reserve(n);
        for (qint64 id = 1; id <= n; ++id)
            cases.append(syntheticCase(id, grids[random.bounded(int(grids.size()))], random, base));
        QElapsedTimer t;
        t.start();
        store->bulkLoad([&] {
            for (const Case& c : cases)
                if (!store->putCase(c))
                    return false;
            return true;
        });
        const double cApiSecs = t.elapsed() / 1000.0;
        out << QStringLiteral("bench snapshot: C-API bulk insert of %1 cases with indexes %2 s (%3 rows/s)")
                   .arg(n).arg(cApiSecs, 0, 'f', 2).arg(qint64(n / cApiSecs))
            << Qt::endl;
    }
    const QString jsonPath = dir.filePath("cases.json");
    {
        QFile f(jsonPath);
        f.open(QIODevice::WriteOnly);
        f.write("[");
        QByteArray line;
        const QStringList& cols = protocol::caseColumns();
        for (qsizetype i = 0; i < cases.size(); ++i) {
            const QJsonArray row = protocol::caseToRow(cases[i]);
            line = i ? ",{" : "{";
            for (int c = 0; c < row.size(); ++c) {
                if (c)
                    line += ',';
                line += '"' + cols[c].toLatin1() + "\":";
                line += row[c].isString() ? jsonString(row[c].toString()) : QByteArray::number(row[c].toDouble(), 'g', 17);
            }
            line += '}';
            f.write(line);
        }
        f.write("]");
    }
    cases.clear();
    cases.squeeze();

    // Peer: the sqlite3 CLI importing the same records into the same table and indexes.
    double peerSecs = -1;
    const QString sqlite3 = QStandardPaths::findExecutable(QStringLiteral("sqlite3"));
    if (!sqlite3.isEmpty()) {
        QStringList select;
        for (const QString& c : protocol::caseColumns())
            select << QStringLiteral("value->>'%1'").arg(c);
        const QString script = QStringLiteral(
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
            "CREATE TABLE cases (id INTEGER PRIMARY KEY, code TEXT, category_code TEXT, description TEXT, address TEXT,"
            " lon REAL, lat REAL, grid_code TEXT, community_code TEXT, street_code TEXT, state TEXT, level TEXT,"
            " dispute_level TEXT, source TEXT, reporter TEXT, holder_kind TEXT, holder TEXT, reported_at INTEGER,"
            " step_started_at INTEGER, step_deadline INTEGER, closed_at INTEGER, rework_count INTEGER, extension_count INTEGER,"
            " extension_pending INTEGER, extension_minutes_requested INTEGER, parked_from TEXT, version INTEGER, updated_at INTEGER,"
            " alert_acked_at INTEGER);"
            "INSERT INTO cases SELECT %1 FROM json_each(readfile('%2'));"
            "CREATE INDEX cases_state ON cases(state); CREATE INDEX cases_street_state ON cases(street_code, state);"
            "CREATE INDEX cases_grid ON cases(grid_code); CREATE INDEX cases_reported_at ON cases(reported_at);")
                                   .arg(select.join(QLatin1Char(',')), jsonPath);
        QElapsedTimer t;
        t.start();
        if (runProgram(sqlite3, { dir.filePath("peer.db") }, script.toUtf8()) == 0)
            peerSecs = t.elapsed() / 1000.0;
    }
    QFile::remove(jsonPath);

    // GridHall: the real server process, SyncClient into an empty store; seconds or -1.
    auto firstSync = [&](const QStringList& serverArgs, const QString& clientDb, const char* what) -> double {
        QProcess serve;
        const quint16 port = startServe(serve, server, serverArgs);
        if (!port) {
            out << "bench snapshot: the " << what << " server did not start: " << serve.readAllStandardError() << Qt::endl;
            return -1;
        }
        StoreStatus status;
        auto store = Store::open(clientDb, &status);
        SyncClient client(*store);
        client.setServer(QUrl(QStringLiteral("ws://127.0.0.1:%1/").arg(port)));
        client.setCredentials("bench", QString::fromLatin1(kBenchPassword));
        client.setHeartbeat(5000, 120000); // the snapshot keeps both sides busy
        qint64 applied = -1;
        QObject::connect(&client, &SyncClient::snapshotApplied, &app, [&](qint64 count) {
            applied = count;
            app.quit();
        });
        QObject::connect(&client, &SyncClient::statusChanged, &app, [&](const SyncStatus& s) {
            if (!s.lastError.isEmpty())
                out << "bench snapshot: client error: " << s.lastError << Qt::endl;
        });
        QElapsedTimer t;
        t.start();
        client.start();
        QTimer::singleShot(600000, &app, &QCoreApplication::quit);
        app.exec();
        const double secs = t.elapsed() / 1000.0;
        client.stop();
        serve.terminate();
        serve.waitForFinished(10000);
        if (applied != n || store->counts().cases != n) {
            out << "bench snapshot: failed on " << what << ": " << applied << " of " << n << " cases applied" << Qt::endl;
            return -1;
        }
        return secs;
    };
    const double ghSecs = firstSync({ "--db", serverDb }, dir.filePath("client.db"), "SQLite");
    if (ghSecs < 0)
        return 1;
    const double rate = n / ghSecs;
    if (peerSecs > 0) {
        const double ratio = peerSecs / ghSecs;
        out << QStringLiteral("bench snapshot: %1 cases server→client %2 s (%3 rows/s); sqlite3 CLI JSON import %4 s; "
                              "%5× faster (goal ≥ 2.5×) %6")
                   .arg(n).arg(ghSecs, 0, 'f', 2).arg(qint64(rate)).arg(peerSecs, 0, 'f', 2).arg(ratio, 0, 'f', 2)
                   .arg(ratio >= 2.5 ? "ok" : "short")
            << Qt::endl;
    } else {
        out << QStringLiteral("bench snapshot: %1 cases server→client %2 s; sqlite3 CLI not available, comparison skipped")
                   .arg(n).arg(ghSecs, 0, 'f', 2)
            << Qt::endl;
    }

    // The same hall on PostgreSQL (copy-db: COPY into a throwaway cluster), the same client.
    testing::PgCluster cluster;
    QString error;
    if (!cluster.start(&error)) {
        out << "bench snapshot: PostgreSQL not available (" << error << "), comparison skipped" << Qt::endl;
        return 0;
    }
    const QString key = serverDb + QStringLiteral(".audit-key"); // made by the SQLite serve above
    QElapsedTimer load;
    load.start();
    if (runProgram(server, { "copy-db", "--from", serverDb, "--to", cluster.uri(), "--audit-key", key }) != 0) {
        out << "bench snapshot: copy-db to PostgreSQL failed" << Qt::endl;
        return 1;
    }
    const double loadSecs = load.elapsed() / 1000.0;
    const double pgSecs = firstSync({ "--db", cluster.uri(), "--audit-key", key }, dir.filePath("client-pg.db"), "PostgreSQL");
    if (pgSecs < 0)
        return 1;
    const double pgRatio = ghSecs / pgSecs;
    out << QStringLiteral("bench snapshot: %1 cases server→client from PostgreSQL %2 s (%3 rows/s; loaded by copy-db in %4 s) vs "
                          "from SQLite %5 s: %6× the SQLite rate (goal ≥ 0.8×) %7")
               .arg(n).arg(pgSecs, 0, 'f', 2).arg(qint64(n / pgSecs)).arg(loadSecs, 0, 'f', 1).arg(ghSecs, 0, 'f', 2)
               .arg(pgRatio, 0, 'f', 2).arg(pgRatio >= 0.8 ? "ok" : "short")
        << Qt::endl;
    return 0;
}
