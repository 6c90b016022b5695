// docs/DEPLOY.md's highly available database, for real: a primary and a streaming standby
// made with pg_basebackup -R, one `serve` on the libpq multi-host URI
// host=primary,standby&target_session_attrs=read-write. The primary is stopped and the
// standby promoted (pg_ctl promote); the same server process, not restarted, writes again,
// now into the promoted standby.

#include "tests/server/serverharness.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

using namespace gridhall;
using namespace gridhall::testing;
using namespace gridhall::protocol;

namespace {
qint64 scalar(const PgCluster& cluster, const QString& sql)
{
    QByteArray out;
    return cluster.psql(sql, &out) == 0 ? out.trimmed().toLongLong() : -1;
}

// One report from a new session (clientId unique); true when the server applied it.
bool reportOnce(const QUrl& url, int attempt, const QString& grid)
{
    WireClient c;
    if (!c.open(url))
        return false;
    // A login the server refuses (its database away) is answered at once: no long wait.
    c.send(Type::Login, { { "user", "op" }, { "password", kTestPassword }, { "clientId", QStringLiteral("standby-%1").arg(attempt) } });
    if (!c.next("welcome", 2000))
        return false;
    c.send(Type::Action, { { "clientSeq", 1 }, { "key", QStringLiteral("k-%1").arg(attempt) }, { "action", "report" },
                             { "case", QJsonObject { { "categoryCode", "0101" }, { "description", "after failover" }, { "lon", 113.3 }, { "lat", 23.1 }, { "gridCode", grid } } } });
    const auto r = c.next("action_result", 5000);
    return r && r->value("status").toString() == "applied";
}
} // namespace

class TestServerPgStandby : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

private slots:
    void serverFollowsThePromotedStandby()
    {
        QVERIFY(m_dir.isValid());
        PgCluster primary, standby;
        QString error;
        QVERIFY2(primary.start(&error), qPrintable(error));
        const QString sqlite = m_dir.filePath("hall.db");
        QVERIFY(makeDemoDb(sqlite));
        const QString key = sqlite + ".audit-key";
        QByteArray out;
        QVERIFY2(runServerCommand({ "copy-db", "--from", sqlite, "--to", primary.uri(), "--audit-key", key }, {}, &out) == 0, out.constData());
        QVERIFY2(standby.startStandbyOf(primary, &error), qPrintable(error));
        const qint64 cases = scalar(primary, QStringLiteral("SELECT count(*) FROM cases"));
        QVERIFY(cases > 0);
        QVERIFY(QTest::qWaitFor([&] { return scalar(standby, QStringLiteral("SELECT count(*) FROM cases")) == cases; }, 10000));
        QCOMPARE(scalar(standby, QStringLiteral("SELECT pg_is_in_recovery()::int")), 1);

        const QString uri = QStringLiteral("postgresql://postgres@/gridhall?host=%1,%2&target_session_attrs=read-write&connect_timeout=2")
                                .arg(primary.path(), standby.path());
        ServerProcess server;
        QVERIFY(server.start(uri, 0, { "--audit-key", key }));
        WireClient desk;
        QVERIFY(desk.open(server.url()));
        QVERIFY(desk.login("op", "standby-desk"));
        desk.send(Type::Sync, { { "cursor", 0 } });
        const auto snapshot = readSnapshot(desk);
        QVERIFY(snapshot);
        const QString grid = homeGridOf(*snapshot, "WG00001");
        QVERIFY(reportOnce(server.url(), 0, grid));

        // Replication here is asynchronous: wait until the standby has the report (as a
        // synchronous standby would before the commit returned).
        QVERIFY(QTest::qWaitFor([&] { return scalar(standby, QStringLiteral("SELECT count(*) FROM cases")) == cases + 1; }, 10000));

        // The primary goes away; the standby is promoted, as an operator (or Patroni) would.
        primary.halt();
        QElapsedTimer sincePromotion;
        QVERIFY2(standby.promote(&error), qPrintable(error));
        sincePromotion.start();
        QCOMPARE(scalar(standby, QStringLiteral("SELECT pg_is_in_recovery()::int")), 0);
        int attempt = 0;
        bool applied = false;
        while (!applied && sincePromotion.elapsed() < 20000) {
            applied = reportOnce(server.url(), ++attempt, grid);
            if (!applied)
                QTest::qWait(200);
        }
        QVERIFY2(applied, server.stderrText().right(2000).constData());
        qInfo() << "written into the promoted standby" << sincePromotion.elapsed() << "ms after promotion, attempt" << attempt;
        // Both reports are there, and nothing else was written twice.
        QCOMPARE(scalar(standby, QStringLiteral("SELECT count(*) FROM cases WHERE description = 'after failover'")), 2);
        QCOMPARE(scalar(standby, QStringLiteral("SELECT count(*) FROM cases")), cases + 2);
    }
};

QTEST_GUILESS_MAIN(TestServerPgStandby)
#include "tst_serverpgstandby.moc"
