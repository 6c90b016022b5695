// bench actions: applied actions per second and their latency through the protocol. C
// clients (default 50) on raw WebSockets each send `report` actions one after another (the
// next once the last is answered) to the real gridhall-server for S seconds per backend: on
// a SQLite file and on PostgreSQL (the same hall copied with copy-db into a throwaway
// cluster, tests/server/pgcluster.h). Both promise the same: an answered action is on disk
// (SQLite synchronous = FULL; PostgreSQL fsync, full-page writes and synchronous commit on,
// its defaults). The seconds alternate between the two servers in rounds, so a machine that
// is busier for a while slows both. Goal: PostgreSQL ≥ 0.5× the SQLite rate, p99 ≤ 100 ms.
// GH_BENCH_CLIENTS=C, GH_BENCH_SECONDS=S and GH_BENCH_ROUNDS=R change the size.
#include "tests/bench/benchprocess.h"
#include "models/store/store.h"
#include "models/sync/protocol.h"
#include "tests/server/pgcluster.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>
#include <QWebSocket>
#include <algorithm>
#include <functional>

using namespace gridhall;
using namespace gridhall::bench;
using namespace gridhall::protocol;

namespace {
QTextStream out(stdout);

// Runs the event loop until done() or the deadline, sleeping between events. (The timed
// processEvents overload drops WaitForMoreEvents and spins: it took most of a core from
// the servers it measures.)
void runUntil(QDeadlineTimer deadline, const std::function<bool()>& done = [] { return false; })
{
    QTimer tick;
    tick.start(20);
    while (!deadline.hasExpired() && !done())
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
}


struct Result {
    qint64 applied = 0, refused = 0;
    double secs = 0, p50Ms = 0, p99Ms = 0;
    QList<double> latencies; // of every round
    bool failed = false; // a round's clients did not all log in
    void finish()
    {
        std::sort(latencies.begin(), latencies.end());
        if (!latencies.isEmpty()) {
            p50Ms = latencies[latencies.size() / 2];
            p99Ms = latencies[std::min(latencies.size() - 1, qsizetype(latencies.size() * 0.99))];
        }
    }
};

// One raw client: logs in, then sends a report, waits for its action_result, sends the next.
struct Client {
    QWebSocket socket;
    qint64 seq = 0;
    bool loggedIn = false;
    QElapsedTimer sentAt;
};

// One round on one server: fresh clients (their own client ids) for `seconds`, added to r.
void measure(Result& r, quint16 port, int clients, int seconds, const QString& grid, const QString& tag)
{
    QList<double>& latencies = r.latencies;
    std::vector<std::unique_ptr<Client>> all;
    bool measuring = false;
    QElapsedTimer clock;
    auto sendNext = [&](Client& c) {
        ++c.seq;
        c.sentAt.start();
        c.socket.sendTextMessage(QString::fromUtf8(encode(Type::Action,
            { { "clientSeq", c.seq }, { "key", QStringLiteral("k%1").arg(c.seq) }, { "action", "report" },
                { "case", QJsonObject { { "categoryCode", "0101" }, { "description", "bench" }, { "lon", 113.3 }, { "lat", 23.1 }, { "gridCode", grid } } } })));
    };
    int ready = 0;
    for (int i = 0; i < clients; ++i) {
        auto c = std::make_unique<Client>();
        Client* raw = c.get();
        QObject::connect(&c->socket, &QWebSocket::connected, &c->socket, [raw, i, &tag] {
            raw->socket.sendTextMessage(QString::fromUtf8(encode(Type::Login,
                { { "user", "bench" }, { "password", QString::fromLatin1(kBenchPassword) }, { "clientId", QStringLiteral("%1-%2").arg(tag).arg(i) } })));
        });
        QObject::connect(&c->socket, &QWebSocket::textMessageReceived, &c->socket, [&, raw](const QString& text) {
            const QJsonObject o = QJsonDocument::fromJson(text.toUtf8()).object();
            const QString type = o.value(QLatin1String("type")).toString();
            if (type == QLatin1String("welcome")) {
                raw->loggedIn = true;
                ++ready;
            } else if (type == QLatin1String("action_result") && o.value(QLatin1String("clientSeq")).toInteger() == raw->seq) {
                if (!measuring)
                    return;
                latencies.append(raw->sentAt.nsecsElapsed() / 1e6);
                (o.value(QLatin1String("status")).toString() == QLatin1String("applied") ? r.applied : r.refused)++;
                sendNext(*raw);
            }
        });
        c->socket.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/").arg(port)));
        all.push_back(std::move(c));
    }
    runUntil(QDeadlineTimer(60000), [&] { return ready >= clients; });
    if (ready < clients) {
        r.failed = true;
        return;
    }
    measuring = true;
    clock.start();
    for (auto& c : all)
        sendNext(*c);
    runUntil(QDeadlineTimer(qint64(seconds) * 1000));
    measuring = false;
    r.secs += clock.elapsed() / 1000.0;
    for (auto& c : all)
        c->socket.close();
    // The closes go out before the next round starts.
    runUntil(QDeadlineTimer(300));
}
} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const int clients = qEnvironmentVariableIsSet("GH_BENCH_CLIENTS") ? qgetenv("GH_BENCH_CLIENTS").toInt() : 50;
    const int seconds = qEnvironmentVariableIsSet("GH_BENCH_SECONDS") ? qgetenv("GH_BENCH_SECONDS").toInt() : 10;
    const int rounds = std::max(1, qEnvironmentVariableIsSet("GH_BENCH_ROUNDS") ? qgetenv("GH_BENCH_ROUNDS").toInt() : 5);
    const QString server = QCoreApplication::applicationDirPath() + QStringLiteral("/../app/gridhall-server");
    QTemporaryDir dir;
    const QString db = dir.filePath("server.db");
    const QString key = db + ".audit-key";
    if (runProgram(server, { "demo-data", "--db", db, "--cases-per-day", "0" }) != 0
        || runProgram(server, { "add-user", "--db", db, "--user", "bench", "--role", "district_operator", "--iterations", "1000" }, QByteArray(kBenchPassword) + "\n") != 0) {
        out << "bench actions: failed to prepare the database" << Qt::endl;
        return 1;
    }
    // Both servers start from the same hall: copied to PostgreSQL before either runs.
    testing::PgCluster cluster;
    cluster.setDurable(true); // as SQLite's synchronous = FULL: every answered action on disk
    QString error;
    const bool pg = cluster.start(&error);
    if (pg) {
        QProcess copy;
        copy.setProcessChannelMode(QProcess::MergedChannels);
        // The key copy-db proves the audit chain with: made by a first serve when missing.
        QProcess once;
        if (startServe(once, server, { "--db", db }) == 0) {
            out << "bench actions: the SQLite server did not start" << Qt::endl;
            return 1;
        }
        once.terminate();
        once.waitForFinished(10000);
        copy.start(server, { "copy-db", "--from", db, "--to", cluster.uri(), "--audit-key", key });
        copy.waitForFinished(-1);
        if (copy.exitCode() != 0) {
            out << "bench actions: copy-db to PostgreSQL failed: " << copy.readAll() << Qt::endl;
            return 1;
        }
    }
    QString grid;
    {
        StoreStatus status;
        auto store = Store::open(db, &status);
        grid = store && !store->grids().isEmpty() ? store->grids().first().code : QString();
    }
    Result lite, post;
    QProcess liteServe, pgServe;
    const quint16 litePort = startServe(liteServe, server, { "--db", db });
    if (!litePort) {
        out << "bench actions: the SQLite server did not start" << Qt::endl;
        return 1;
    }
    const quint16 pgPort = pg ? startServe(pgServe, server, { "--db", cluster.uri(), "--audit-key", key }) : 0;
    if (pg && !pgPort) {
        out << "bench actions: the PostgreSQL server did not start: " << pgServe.readAllStandardError() << Qt::endl;
        return 1;
    }
    // Rounds that alternate between the servers: a slice of seconds each.
    const int slice = std::max(1, seconds / rounds);
    for (int round = 0; round < rounds; ++round) {
        measure(lite, litePort, clients, slice, grid, QStringLiteral("lite%1").arg(round));
        if (pg)
            measure(post, pgPort, clients, slice, grid, QStringLiteral("pg%1").arg(round));
    }
    lite.finish();
    post.finish();
    for (QProcess* serve : { &liteServe, &pgServe }) {
        serve->terminate();
        serve->waitForFinished(10000);
    }
    auto line = [&](const char* name, const Result& r) {
        return QStringLiteral("%1 %2 actions/s (p50 %3 ms, p99 %4 ms, %5 refused)")
            .arg(name).arg(qint64(r.applied / std::max(0.001, r.secs))).arg(r.p50Ms, 0, 'f', 1).arg(r.p99Ms, 0, 'f', 1).arg(r.refused);
    };
    if (lite.failed || lite.applied == 0 || lite.refused > 0) {
        out << "bench actions: failed on SQLite: " << line("SQLite", lite) << Qt::endl;
        return 1;
    }
    if (!pg) {
        out << "bench actions: " << clients << " clients, " << line("SQLite", lite) << "; PostgreSQL not available (" << error
            << "), comparison skipped" << Qt::endl;
        return 0;
    }
    if (post.failed || post.applied == 0) {
        out << "bench actions: failed on PostgreSQL: " << line("PostgreSQL", post) << Qt::endl;
        return 1;
    }
    const double ratio = (post.applied / post.secs) / (lite.applied / lite.secs);
    const bool ok = ratio >= 0.5 && post.p99Ms <= 100 && post.refused == 0;
    out << QStringLiteral("bench actions: %1 clients for %2 s each in %3 alternating rounds, both durable at commit; %4; %5; "
                          "PostgreSQL/SQLite = %6 (goal >= 0.5, p99 <= 100 ms) %7")
               .arg(clients).arg(slice * rounds).arg(rounds).arg(line("SQLite", lite), line("PostgreSQL", post)).arg(ratio, 0, 'f', 2).arg(ok ? "ok" : "short")
        << Qt::endl;
    return 0;
}
