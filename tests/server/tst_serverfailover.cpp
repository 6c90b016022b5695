// High availability under faults: two real `serve` instances on one PostgreSQL database,
// several real SyncClients spread over both with actions queued all the time, and one
// instance SIGKILLed and restarted again and again. Each round every client must be online
// on a live instance within 10 s; at the end every queued action is applied exactly once,
// every replica equals the database's view in the client's scope, and the audit chain
// written by killed processes is intact.

#include "models/sync/syncclient.h"
#include "tests/server/serverharness.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTimer>

using namespace gridhall;
using namespace gridhall::testing;
using namespace gridhall::protocol;

namespace {
struct Desk {
    QString user, street; // street empty: the whole district
    std::unique_ptr<Store> store;
    std::unique_ptr<SyncClient> client;
    QString grid;
    int index = 0;
    QStringList queued; // descriptions of the reports queued, one per action
    int applied = 0, otherAnswers = 0;
};
} // namespace

class TestServerFailover : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_pg, m_database;

    // Rows of a query, each its fields.
    QList<QStringList> rows(const QString& sql)
    {
        QByteArray out;
        if (testCluster()->psql(sql, &out, m_database) != 0) {
            qWarning("psql: %s", out.constData());
            return {};
        }
        QList<QStringList> result;
        for (const QByteArray& line : out.split('\n'))
            if (!line.isEmpty())
                result.append(QString::fromUtf8(line).split(QLatin1Char('\x1f')));
        return result;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QString error;
        QVERIFY2(testCluster(&error), qPrintable(error));
        m_pg = makeDemoPostgresDatabase(m_dir.filePath("hall.db"));
        QVERIFY(!m_pg.isEmpty());
        m_database = m_pg.section('/', 3).section('?', 0, 0);
    }

    void instancesKilledUnderLoad()
    {
        ServerProcess a, b;
        QVERIFY(a.start(m_pg));
        QVERIFY(b.start(m_pg));
        const quint16 portA = a.port(), portB = b.port();
        const QUrl urlA = a.url(), urlB = b.url();
        const QString nameA = QStringLiteral("127.0.0.1:%1").arg(portA), nameB = QStringLiteral("127.0.0.1:%1").arg(portB);

        struct Who { const char* user; const char* street; };
        const Who who[] = { { "op", "" }, { "op2", "" }, { "s1", "440199001" }, { "s2", "440199002" }, { "op", "" }, { "s1", "440199001" } };
        std::vector<std::unique_ptr<Desk>> desks;
        for (const Who& w : who) {
            auto d = std::make_unique<Desk>();
            d->user = QString::fromLatin1(w.user);
            d->street = QString::fromLatin1(w.street);
            const int n = int(desks.size());
            d->index = n;
            StoreStatus status;
            d->store = Store::open(m_dir.filePath(QStringLiteral("replica-%1.db").arg(n)), &status);
            QVERIFY2(d->store, qPrintable(status.message));
            const QList<QStringList> grid = rows(QStringLiteral("SELECT code FROM grids %1 ORDER BY code LIMIT 1")
                                                    .arg(d->street.isEmpty() ? QString() : QStringLiteral("WHERE street_code = '%1'").arg(d->street)));
            d->grid = grid.value(0).value(0);
            QVERIFY(!d->grid.isEmpty());
            d->client = std::make_unique<SyncClient>(*d->store);
            // Spread: half start on A, half on B; each moves to the other when its own dies.
            d->client->setServers(n % 2 ? QList<QUrl> { urlB, urlA } : QList<QUrl> { urlA, urlB });
            d->client->setCredentials(d->user, kTestPassword);
            d->client->setClientId(QStringLiteral("ha-%1").arg(n));
            d->client->setBackoff(200, 1000);
            d->client->setHeartbeat(500, 3000);
            Desk* raw = d.get();
            connect(d->client.get(), &SyncClient::actionAnswered, this, [raw](qint64, int status, const QString&) {
                (status == int(OutboxEntry::Status::Applied) ? raw->applied : raw->otherAnswers)++;
            });
            d->client->start();
            desks.push_back(std::move(d));
        }
        auto allOnline = [&](const QString& notOn) {
            for (const auto& d : desks)
                if (d->client->status().state != SyncState::Online || d->client->status().server == notOn)
                    return false;
            return true;
        };
        QVERIFY(waitFor([&] { return allOnline({}); }, 30000));
        int onA = 0;
        for (const auto& d : desks)
            onA += d->client->status().server == nameA;
        QCOMPARE(onA, 3);

        // Traffic: every desk reports a case every 150 ms, online or not (the outbox keeps it).
        QTimer traffic;
        traffic.setInterval(150);
        connect(&traffic, &QTimer::timeout, this, [&] {
            for (const auto& d : desks) {
                const QString description = QStringLiteral("replica-%1:%2").arg(d->index).arg(d->queued.size());
                const auto seq = d->client->queueAction("report", 0, 0,
                    { { "case", QJsonObject { { "categoryCode", "0101" }, { "description", description }, { "lon", 113.3 }, { "lat", 23.1 }, { "gridCode", d->grid } } } });
                if (seq)
                    d->queued.append(description);
            }
        });
        traffic.start();
        QTest::qWait(1500);

        ServerProcess* servers[] = { &a, &b };
        const quint16 ports[] = { portA, portB };
        const QString names[] = { nameA, nameB };
        for (int round = 0; round < 3; ++round) {
            const int victim = round % 2;
            QElapsedTimer sinceKill;
            servers[victim]->kill(); // SIGKILL: no goodbye, sessions and in-flight answers lost
            sinceKill.start();
            QVERIFY2(waitFor([&] { return allOnline(names[victim]); }, 10000),
                qPrintable(QStringLiteral("round %1: not every client online on the live instance after 10 s").arg(round + 1)));
            qInfo("round %d: all %d clients online on %s %lld ms after the kill", round + 1, int(desks.size()),
                qPrintable(names[1 - victim]), qint64(sinceKill.elapsed()));
            QVERIFY(servers[victim]->start(m_pg, ports[victim]));
            QTest::qWait(1500);
        }
        traffic.stop();

        // Every action answered, applied, once.
        int queued = 0;
        for (const auto& d : desks)
            queued += int(d->queued.size());
        QVERIFY(waitFor([&] {
            for (const auto& d : desks)
                if (d->applied + d->otherAnswers < d->queued.size() || !d->store->pendingOutbox().isEmpty())
                    return false;
            return true;
        }, 15000));
        QHash<QString, int> eventsPerReport;
        for (const QStringList& row : rows(QStringLiteral("SELECT c.description, count(*) FROM cases c JOIN case_events e ON e.case_id = c.id "
                                                          "AND e.action = 'report' WHERE c.description LIKE 'replica-%' GROUP BY 1")))
            eventsPerReport.insert(row.value(0), row.value(1).toInt());
        int lost = 0, duplicated = 0;
        for (const auto& d : desks) {
            QCOMPARE(d->otherAnswers, 0);
            QCOMPARE(d->applied, int(d->queued.size()));
            for (const QString& description : d->queued) {
                const int n = eventsPerReport.value(description);
                lost += n == 0;
                duplicated += n > 1;
            }
        }
        qInfo("%d actions queued by %d clients over 3 kills: lost %d, duplicated %d", queued, int(desks.size()), lost, duplicated);
        QCOMPARE(eventsPerReport.size(), queued);
        QCOMPARE(lost, 0);
        QCOMPARE(duplicated, 0);
        QCOMPARE(rows(QStringLiteral("SELECT count(*) FROM applied_actions WHERE client_id LIKE 'ha-%'")).value(0).value(0).toInt(), queued);

        // Every replica equals the database in its scope: the same cases at the same versions.
        for (const auto& d : desks) {
            QMap<qint64, qint64> server;
            for (const QStringList& row : rows(QStringLiteral("SELECT id, version FROM cases %1")
                                                   .arg(d->street.isEmpty() ? QString() : QStringLiteral("WHERE street_code = '%1'").arg(d->street))))
                server.insert(row.value(0).toLongLong(), row.value(1).toLongLong());
            QMap<qint64, qint64> replica;
            const bool same = waitFor([&] {
                replica.clear();
                d->store->forEachCase([&](const Case& c) { replica.insert(c.id, c.version); });
                return replica == server;
            }, 10000);
            QVERIFY2(same, qPrintable(QStringLiteral("%1: replica %2 cases, server %3").arg(d->user).arg(replica.size()).arg(server.size())));
        }
        for (const auto& d : desks)
            d->client->stop();
        a.stop();
        b.stop();
        QByteArray out;
        QCOMPARE(runServerCommand({ "verify-audit", "--db", m_pg }, {}, &out), 0);
        QVERIFY2(out.contains("audit intact"), out.constData());
    }
};

QTEST_GUILESS_MAIN(TestServerFailover)
#include "tst_serverfailover.moc"
