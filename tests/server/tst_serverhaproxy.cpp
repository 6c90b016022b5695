// deploy/haproxy.cfg, run by a real haproxy in front of two real `serve` instances on one
// PostgreSQL database: the copy differs from the shipped file only in its addresses and the
// stats socket. A client logs in and syncs through the proxy; the instance that holds its
// session is killed; the client, reconnecting to the same proxy URL, is online again through
// the other instance with its replica kept (no new snapshot).
#include "models/sync/syncclient.h"
#include "tests/server/serverharness.h"

#include <QElapsedTimer>
#include <QLocalSocket>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>

using namespace gridhall;
using namespace gridhall::testing;

class TestServerHaproxy : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_pg, m_statsSocket;
    quint16 m_proxyPort = 0;
    QProcess m_haproxy;

    // The stats socket's "show stat": current sessions of each instance (gh1, gh2).
    QHash<QString, int> sessionsPerInstance()
    {
        QLocalSocket s;
        s.connectToServer(m_statsSocket);
        if (!s.waitForConnected(2000))
            return {};
        s.write("show stat\n");
        QByteArray csv;
        while (s.waitForReadyRead(2000))
            csv += s.readAll();
        QHash<QString, int> out;
        for (const QByteArray& line : csv.split('\n')) {
            const QList<QByteArray> f = line.split(',');
            if (f.size() > 4 && f[0] == "gridhall_servers" && f[1].startsWith("gh"))
                out.insert(QString::fromLatin1(f[1]), f[4].toInt()); // scur
        }
        return out;
    }

    // deploy/haproxy.cfg with this run's addresses.
    bool writeConfig(const QString& path, quint16 first, quint16 second, QString* why)
    {
        QFile shipped(QStringLiteral(GRIDHALL_SOURCE_DIR "/deploy/haproxy.cfg"));
        if (!shipped.open(QIODevice::ReadOnly)) {
            *why = shipped.fileName() + QStringLiteral(": ") + shipped.errorString();
            return false;
        }
        QString cfg = QString::fromUtf8(shipped.readAll());
        const QList<QPair<QRegularExpression, QString>> edits {
            { QRegularExpression(QStringLiteral("(?m)^    bind 127\\.0\\.0\\.1:\\d+$")), QStringLiteral("    bind 127.0.0.1:%1").arg(m_proxyPort) },
            { QRegularExpression(QStringLiteral("(?m)^    server gh1 \\S+$")), QStringLiteral("    server gh1 127.0.0.1:%1").arg(first) },
            { QRegularExpression(QStringLiteral("(?m)^    server gh2 \\S+$")), QStringLiteral("    server gh2 127.0.0.1:%1").arg(second) },
            { QRegularExpression(QStringLiteral("/run/haproxy/admin\\.sock")), m_statsSocket },
            // No syslog in a test: haproxy logs to its own stderr instead.
            { QRegularExpression(QStringLiteral("(?m)^    log /dev/log local0$")), QStringLiteral("    log stderr format raw local0") },
        };
        for (const auto& [re, replacement] : edits) {
            if (!cfg.contains(re)) {
                *why = QStringLiteral("deploy/haproxy.cfg has no line matching ") + re.pattern();
                return false;
            }
            cfg.replace(re, replacement);
        }
        QFile out(path);
        if (!out.open(QIODevice::WriteOnly))
            return false;
        out.write(cfg.toUtf8());
        return true;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        const QString haproxy = QStandardPaths::findExecutable(QStringLiteral("haproxy"), { QStringLiteral("/usr/sbin"), QStringLiteral("/usr/bin") });
        QVERIFY2(!haproxy.isEmpty(), "no haproxy: install it (make deps)");
        QString error;
        QVERIFY2(testCluster(&error), qPrintable(error));
        m_pg = makeDemoPostgresDatabase(m_dir.filePath("hall.db"));
        QVERIFY(!m_pg.isEmpty());
        m_statsSocket = m_dir.filePath("haproxy.sock");
        m_proxyPort = freePort();
        QVERIFY(m_proxyPort != 0);
    }

    void clientFollowsThroughTheProxy()
    {
        // Behind a proxy every client has the proxy's address: the per-address cap is off.
        const QStringList behindProxy { "--max-unauthenticated-per-address", "0" };
        ServerProcess gh1, gh2;
        QVERIFY(gh1.start(m_pg, 0, behindProxy));
        QVERIFY(gh2.start(m_pg, 0, behindProxy));
        // One change first: a replica at cursor 0 (a hall nobody has changed yet) gets a
        // snapshot on every reconnect; one with a cursor resumes from it.
        {
            WireClient seeder;
            QVERIFY(seeder.open(gh1.url()));
            QVERIFY(seeder.login("op", "seeder"));
            seeder.send(protocol::Type::Sync, { { "cursor", 0 } });
            const auto snapshot = readSnapshot(seeder);
            QVERIFY(snapshot);
            seeder.send(protocol::Type::Action, { { "clientSeq", 1 }, { "key", "seed-1" }, { "action", "report" },
                { "case", QJsonObject { { "categoryCode", "0101" }, { "description", "seed" }, { "lon", 113.3 }, { "lat", 23.1 },
                              { "gridCode", homeGridOf(*snapshot, "WG00001") } } } });
            const auto r = seeder.next("action_result");
            QVERIFY(r && r->value("status").toString() == "applied");
        }
        const QString cfg = m_dir.filePath("haproxy.cfg");
        QString why;
        QVERIFY2(writeConfig(cfg, gh1.port(), gh2.port(), &why), qPrintable(why));
        m_haproxy.setProcessChannelMode(QProcess::MergedChannels);
        m_haproxy.start(QStandardPaths::findExecutable(QStringLiteral("haproxy"), { QStringLiteral("/usr/sbin"), QStringLiteral("/usr/bin") }),
            { QStringLiteral("-f"), cfg, QStringLiteral("-db") });
        QVERIFY(m_haproxy.waitForStarted(5000));
        QVERIFY2(QTest::qWaitFor([&] { return sessionsPerInstance().size() == 2 || m_haproxy.state() != QProcess::Running; }, 10000)
                && m_haproxy.state() == QProcess::Running,
            m_haproxy.readAll().constData());

        StoreStatus status;
        auto store = Store::open(m_dir.filePath("replica.db"), &status);
        QVERIFY2(store, qPrintable(status.message));
        SyncClient client(*store);
        client.setServers({ QUrl(QStringLiteral("ws://127.0.0.1:%1/").arg(m_proxyPort)) });
        client.setCredentials("op", kTestPassword);
        client.setClientId("desk-haproxy");
        client.setBackoff(200, 2000);
        client.setHeartbeat(500, 3000);
        QSignalSpy snapshots(&client, &SyncClient::snapshotApplied);
        client.start();
        QVERIFY2(QTest::qWaitFor([&] { return client.status().state == SyncState::Online; }, 20000), m_haproxy.readAll().constData());
        QCOMPARE(snapshots.count(), 1);

        // The instance that holds the session, from haproxy's own count.
        QHash<QString, int> sessions;
        QVERIFY(QTest::qWaitFor([&] { sessions = sessionsPerInstance(); return sessions.value("gh1") + sessions.value("gh2") == 1; }, 5000));
        const bool onFirst = sessions.value("gh1") == 1;
        ServerProcess& holder = onFirst ? gh1 : gh2;
        const QString other = onFirst ? QStringLiteral("gh2") : QStringLiteral("gh1");
        const qint64 cursorBefore = client.status().cursor;

        QElapsedTimer sinceKill;
        holder.kill(); // SIGKILL: no goodbye
        sinceKill.start();
        QVERIFY(QTest::qWaitFor([&] { return client.status().state != SyncState::Online; }, 10000));
        QVERIFY(QTest::qWaitFor([&] { return client.status().state == SyncState::Online; }, 15000));
        qInfo() << "online again through the proxy" << sinceKill.elapsed() << "ms after the instance was killed";
        QCOMPARE(sessionsPerInstance().value(other), 1);
        QCOMPARE(snapshots.count(), 1); // the replica continued from its cursor
        QVERIFY(cursorBefore > 0);
        QVERIFY(client.status().cursor >= cursorBefore);

        client.stop();
    }

    void cleanupTestCase()
    {
        if (m_haproxy.state() != QProcess::NotRunning) {
            m_haproxy.terminate();
            if (!m_haproxy.waitForFinished(5000))
                m_haproxy.kill();
        }
    }
};

QTEST_MAIN(TestServerHaproxy)
#include "tst_serverhaproxy.moc"
