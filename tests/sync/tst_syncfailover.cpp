// A client with several server instances (--server URL1,URL2): two real gridhall-server
// processes on one database file, the first killed under the client. The client moves to
// the second within seconds, keeps its replica (same epoch and cursor: no new snapshot),
// applies what was queued meanwhile exactly once, and its status names the instance.
#include "models/sync/protocol.h"
#include "models/sync/syncclient.h"
#include "tests/server/serverharness.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <sqlite3.h>

using namespace gridhall;
using namespace gridhall::protocol;
using namespace gridhall::testing;

namespace {
QString instance(const ServerProcess& server)
{
    return QStringLiteral("127.0.0.1:%1").arg(server.port());
}
} // namespace

class TestSyncFailover : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_db;
    QList<qint64> m_registered; // cases at version 2, state registered

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_db = m_dir.filePath("hall.db");
        QVERIFY(makeDemoDb(m_db));
        // Cases to act on, made before either instance runs (each keeps its next case id).
        ServerProcess seeder;
        QVERIFY(seeder.start(m_db));
        WireClient c;
        QVERIFY(c.open(seeder.url()));
        QVERIFY(c.login("op", "seeder"));
        c.send(Type::Sync, { { "cursor", 0 } });
        const auto s = readSnapshot(c);
        QVERIFY(s);
        const QString grid = homeGridOf(*s, "WG00001");
        QVERIFY(!grid.isEmpty());
        qint64 seq = 0;
        for (int i = 0; i < 4; ++i) {
            c.send(Type::Action, { { "clientSeq", ++seq }, { "key", QString("seed-%1").arg(seq) }, { "action", "report" },
                { "case", QJsonObject { { "categoryCode", "0101" }, { "description", "seed" }, { "lon", 113.3 }, { "lat", 23.1 }, { "gridCode", grid } } } });
            const auto r = c.next("action_result");
            QVERIFY(r && r->value("status").toString() == "applied");
            c.send(Type::Action, { { "clientSeq", ++seq }, { "key", QString("seed-%1").arg(seq) }, { "action", "register" },
                { "caseId", r->value("caseId") }, { "seenVersion", 1 } });
            QCOMPARE(c.next("action_result")->value("status").toString(), "applied");
            m_registered.append(r->value("caseId").toInteger());
        }
        seeder.stop();
    }

    void clientMovesToTheNextInstance()
    {
        ServerProcess first, second;
        QVERIFY(first.start(m_db));
        QVERIFY(second.start(m_db));
        StoreStatus status;
        auto store = Store::open(m_dir.filePath("replica.db"), &status);
        QVERIFY2(store, qPrintable(status.message));
        SyncClient client(*store);
        client.setServers({ first.url(), second.url() });
        client.setCredentials("op", kTestPassword);
        client.setClientId("desk-failover");
        // The app's own dead-link timing would do too; shorter keeps the test short.
        client.setBackoff(200, 2000);
        client.setHeartbeat(500, 3000);
        QSignalSpy snapshots(&client, &SyncClient::snapshotApplied);
        QSignalSpy answered(&client, &SyncClient::actionAnswered);
        client.start();
        QVERIFY(waitFor([&] { return client.status().state == SyncState::Online; }));
        QCOMPARE(client.status().server, instance(first));
        QCOMPARE(snapshots.count(), 1);
        const qint64 cursorBefore = client.status().cursor;

        QElapsedTimer sinceKill;
        first.kill(); // SIGKILL: no goodbye
        sinceKill.start();
        // Queued at once, while the client may still think it is online (written into a
        // dead connection, so it stays "sent" and goes again), and once it knows it is not.
        const qint64 caseA = m_registered.value(0), caseB = m_registered.value(1);
        QVERIFY(client.queueAction("dispatch", caseA, 2, { { "targetKind", "department" }, { "target", "CG" } }));
        QVERIFY(waitFor([&] { return client.status().state != SyncState::Online; }, 10000));
        QVERIFY(client.queueAction("dispatch", caseB, 2, { { "targetKind", "department" }, { "target", "GA" } }));

        QVERIFY(waitFor([&] { return client.status().state == SyncState::Online; }, 10000));
        const qint64 failoverMs = sinceKill.elapsed();
        qInfo() << "online on the second instance" << failoverMs << "ms after the first was killed";
        QVERIFY2(failoverMs < 10000, qPrintable(QString::number(failoverMs)));
        QCOMPARE(client.status().server, instance(second));

        QVERIFY(waitFor([&] { return answered.count() == 2; }, 10000));
        for (const auto& call : std::as_const(answered))
            QCOMPARE(call.at(1).toInt(), int(OutboxEntry::Status::Applied));
        QVERIFY(store->pendingOutbox().isEmpty());
        // Once each: one event and one stored answer per action, case versions moved by one.
        for (const qint64 id : { caseA, caseB }) {
            QCOMPARE(serverCount(m_db, "SELECT count(*) FROM case_events WHERE action = 'dispatch' AND case_id = " + QByteArray::number(id)), 1);
            QCOMPARE(serverCount(m_db, "SELECT version FROM cases WHERE id = " + QByteArray::number(id)), 3);
            QVERIFY(waitFor([&] { return store->caseById(id) && store->caseById(id)->version == 3; }));
        }
        QCOMPARE(serverCount(m_db, "SELECT count(*) FROM applied_actions WHERE client_id = 'desk-failover'"), 2);
        // One hall, one replica: the second instance continued from the cursor.
        QCOMPARE(snapshots.count(), 1);
        QVERIFY(client.status().cursor > cursorBefore);
        client.stop();
    }

    // An instance at its cap turns a client away with kCloseFull, and the client goes to
    // the next one at once instead of waiting out its backoff (a minute here).
    void fullInstanceSendsTheClientOnAtOnce()
    {
        ServerProcess full, free;
        QVERIFY(full.start(m_db, 0, { "--max-connections", "1" }));
        QVERIFY(free.start(m_db));
        WireClient occupant;
        QVERIFY(occupant.open(full.url()));
        QVERIFY(occupant.login("op", "occupant"));
        StoreStatus status;
        auto store = Store::open(m_dir.filePath("replica-full.db"), &status);
        QVERIFY2(store, qPrintable(status.message));
        SyncClient client(*store);
        client.setServers({ full.url(), free.url() });
        client.setCredentials("op", kTestPassword);
        client.setClientId("desk-full");
        client.setBackoff(60000, 60000);
        client.start();
        QVERIFY(waitFor([&] { return client.status().state == SyncState::Online; }, 15000));
        QCOMPARE(client.status().server, instance(free));
        QVERIFY(!occupant.closed());
        client.stop();
    }

    // The simulator's handhelds take the list too: with the first instance gone they report
    // their positions to the second.
    void simulatorMovesToTheNextInstance()
    {
        QVERIFY(runServerCommand({ "add-user", "--db", m_db, "--all-workers", "--iterations", "1000" }, kTestPassword.toUtf8() + "\n") == 0);
        ServerProcess first, second;
        QVERIFY(first.start(m_db));
        QVERIFY(second.start(m_db));
        WireClient desk;
        QVERIFY(desk.open(second.url()));
        QVERIFY(desk.login("op", "desk-watch"));
        desk.send(Type::SubscribePositions, { { "on", true } });
        auto workersSeen = [&] {
            QSet<QString> seen;
            for (const QJsonObject& o : std::as_const(desk.received()))
                if (o.value("type").toString() == "positions")
                    for (const QJsonValue& v : o.value("items").toArray())
                        seen.insert(v.toObject().value("worker").toString());
            return seen;
        };
        QProcess sim;
        sim.start(QStringLiteral(GRIDHALL_BINARY_DIR "/app/gridhall-sim"),
            { "--server", first.url().toString() + "," + second.url().toString(), "--db", m_db, "--password", kTestPassword,
                "--workers", "10", "--interval", "0.5", "--reports-per-hour", "0", "--duration", "20", "--seed", "5" });
        QVERIFY(sim.waitForStarted(10000));
        // All on the first instance: the second, which keeps its own positions, hears nothing.
        QVERIFY(waitFor([&] { return serverCount(m_db, "SELECT count(*) FROM audit WHERE action = 'login' AND result = 'applied' AND user LIKE 'WG%'") >= 10; }, 10000));
        QTest::qWait(1500);
        QCOMPARE(workersSeen().size(), 0);
        QElapsedTimer sinceKill;
        first.kill();
        sinceKill.start();
        QVERIFY(waitFor([&] { return workersSeen().size() == 10; }, 10000));
        qInfo() << "all handhelds on the second instance" << sinceKill.elapsed() << "ms after the first was killed";
        QVERIFY(waitFor([&] { return sim.state() == QProcess::NotRunning; }, 30000));
        QCOMPARE(sim.exitCode(), 0);
    }
};

QTEST_GUILESS_MAIN(TestSyncFailover)
#include "tst_syncfailover.moc"
