// A hall written by an older release opens under this server with nothing lost.
//
// tests/server/fixtures/hall-0a45ef8.db.xz was made by gridhall-server and gridhall-sim
// built from commit 0a45ef8 (1 December 2026, before accounts got hashed tokens and
// disabled users, applied actions were scoped per user and the audit log was keyed):
//   demo-data --cases-per-day 4 --end 2026-11-20 --seed 7
//   add-user sup1 (supervisor, 440199001), op (district_operator), --all-workers,
//     password Old-Release-2026, --iterations 1000
//   serve, then gridhall-sim --workers 30 --speedup 60 --reports-per-hour 3 --supervisor
//     sup1 --duration 15 (3 reports, 90 positions), stopped with SIGINT; WAL checkpointed.
// Schema then: store user_version 6, audit entries of scheme 1 (SHA-256), tokens in clear.
#include "serverharness.h"

#include <QTemporaryDir>

using namespace gridhall;
using namespace gridhall::protocol;
using namespace gridhall::testing;

namespace {
// Tables whose rows an upgrade must keep one for one (tokens in clear are dropped on
// purpose, docs/SECURITY.md; the audit only grows).
const char* const kKept[] = { "districts", "streets", "communities", "grids", "workers", "departments", "basemap_features", "cases",
    "case_events", "worker_fixes", "users", "change_log", "applied_actions" };
const QString kOldPassword = QStringLiteral("Old-Release-2026");

} // namespace

class TestServerUpgrade : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

private slots:
    void olderReleaseOpensWithNothingLost()
    {
        QVERIFY(m_dir.isValid());
        const QString db = m_dir.filePath("hall.db");
        {
            QProcess xz;
            xz.setStandardOutputFile(db);
            xz.start("xz", { "-dc", QStringLiteral(GRIDHALL_SOURCE_DIR "/tests/server/fixtures/hall-0a45ef8.db.xz") });
            QVERIFY(xz.waitForFinished(30000));
            QCOMPARE(xz.exitCode(), 0);
        }
        QCOMPARE(serverCount(db, "PRAGMA user_version"), 6);
        QHash<QString, qint64> before;
        for (const char* table : kKept)
            before.insert(table, serverCount(db, "SELECT count(*) FROM " + QByteArray(table)));
        QVERIFY(before.value("cases") > 200 && before.value("change_log") > 0 && before.value("applied_actions") > 0 && before.value("worker_fixes") > 0);
        const qint64 oldAudit = serverCount(db, "SELECT count(*) FROM audit");
        const QList<QStringList> oldEntries = queryServerDb(db, "SELECT seq, user, action, hash FROM audit ORDER BY seq");
        const QString sum = sqliteCaseChecksum(db);

        // check reports the old schema and changes nothing.
        QByteArray out;
        QCOMPARE(runServerCommand({ "check", "--db", db }, {}, &out), 1);
        QVERIFY2(out.contains("PROBLEM: schema: version 6"), out.constData());
        QCOMPARE(serverCount(db, "PRAGMA user_version"), 6);

        // The new server opens it; the old users log in with their passwords.
        ServerProcess server;
        QVERIFY(server.start(db));
        WireClient desk;
        QVERIFY(desk.open(server.url()));
        desk.send(Type::Login, { { "user", "op" }, { "password", kOldPassword }, { "clientId", "upgrade-desk" } });
        QVERIFY(desk.next("welcome"));
        desk.send(Type::Sync, { { "cursor", 0 } });
        const auto snapshot = readSnapshot(desk);
        QVERIFY(snapshot);
        QCOMPARE(snapshot->end.value("checksum").toString(), sum);
        QCOMPARE(qint64(snapshot->cases.size()), before.value("cases"));
        QCOMPARE(snapshot->begin.value("cursor").toInteger(), serverCount(db, "SELECT max(seq) FROM change_log"));
        server.stop();

        for (const char* table : kKept)
            QVERIFY2(serverCount(db, "SELECT count(*) FROM " + QByteArray(table)) == before.value(table), table);
        QCOMPARE(sqliteCaseChecksum(db), sum);
        // The old entries stay as they were, the new ones (login, snapshot) follow them keyed.
        QVERIFY(serverCount(db, "SELECT count(*) FROM audit") > oldAudit);
        QCOMPARE(queryServerDb(db, "SELECT seq, user, action, hash FROM audit ORDER BY seq LIMIT " + QByteArray::number(oldAudit)), oldEntries);
        QCOMPARE(serverCount(db, "SELECT count(*) FROM audit WHERE seq > " + QByteArray::number(oldAudit) + " AND scheme = 3"),
            serverCount(db, "SELECT count(*) FROM audit") - oldAudit);
        // Every stored answer went to the user who acted under its client id.
        QCOMPARE(serverCount(db, "SELECT count(*) FROM applied_actions WHERE user = ''"), 0);
        QCOMPARE(runServerCommand({ "verify-audit", "--db", db }, {}, &out), 0);
        QVERIFY2(out.contains("audit intact"), out.constData());
        QCOMPARE(runServerCommand({ "check", "--db", db }, {}, &out), 0);
        QVERIFY2(out.contains("check passed"), out.constData());
    }
};

QTEST_GUILESS_MAIN(TestServerUpgrade)
#include "tst_serverupgrade.moc"
