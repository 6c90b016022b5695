// gridhall-server backup and restore against the real server under load: the simulator's
// handhelds report, accept, feed back and send positions while a backup is taken; the
// backup passes check (integrity, schema, audit chain with the hall's key and the
// checkpoints that travel with it), restores into a new file with the same rows in every
// table, the same case checksum (also as a server on it sends it in a snapshot) and an
// intact audit chain; restore refuses a database in use and one with data without --force.
// The same for a PostgreSQL hall (backed up into a SQLite file, restored into an empty
// database).
#include "serverharness.h"

#include <QTemporaryDir>

using namespace gridhall;
using namespace gridhall::protocol;
using namespace gridhall::testing;

namespace {
const char* const kTables[] = { "districts", "streets", "communities", "grids", "workers", "departments", "basemap_features", "cases",
    "case_events", "case_photos", "photo_data", "worker_fixes", "users", "tokens", "change_log", "applied_actions", "audit" };

} // namespace

class TestServerBackup : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

private slots:
    void backupUnderLoadRestores()
    {
        QVERIFY(m_dir.isValid());
        const QString db = m_dir.filePath("hall.db"), backup = m_dir.filePath("hall-backup.db"), restored = m_dir.filePath("restored.db");
        QVERIFY(makeDemoDb(db));
        QCOMPARE(runServerCommand({ "add-user", "--db", db, "--all-workers", "--iterations", "1000" }, kTestPassword.toUtf8() + "\n"), 0);
        ServerProcess server;
        QVERIFY(server.start(db));
        const qint64 casesBefore = serverCount(db, "SELECT count(*) FROM cases");

        QProcess sim;
        sim.start(QStringLiteral(GRIDHALL_BINARY_DIR "/app/gridhall-sim"),
            { "--server", server.url().toString(), "--db", db, "--password", kTestPassword, "--workers", "40", "--speedup", "300",
                "--interval", "0.5", "--reports-per-hour", "40", "--supervisor", "lead", "--supervisor-password", kTestPassword,
                "--duration", "6", "--seed", "11", "--photo-rate", "0.5" });
        QVERIFY(sim.waitForStarted(10000));
        // Once the handhelds act, the backup is taken while they go on.
        QVERIFY(waitFor([&] { return serverCount(db, "SELECT count(*) FROM cases") >= casesBefore + 3; }, 15000));
        QByteArray out;
        QCOMPARE(runServerCommand({ "backup", "--db", db, "--out", backup }, {}, &out), 0);
        QVERIFY2(out.contains("audit checkpoints:"), out.constData());
        const qint64 auditAtBackup = serverCount(backup, "SELECT max(seq) FROM audit");
        QVERIFY(sim.waitForFinished(30000));
        QCOMPARE(sim.exitCode(), 0);
        // The hall went on after the backup: the backup is a state from the middle of it.
        QVERIFY(serverCount(db, "SELECT max(seq) FROM audit") > auditAtBackup);
        QVERIFY(serverCount(backup, "SELECT count(*) FROM cases") > casesBefore);

        // A backup is not written over, and a database a server has open is not restored into.
        QCOMPARE(runServerCommand({ "backup", "--db", db, "--out", backup }, {}, &out), 1);
        QCOMPARE(runServerCommand({ "restore", "--from", backup, "--db", db, "--force" }, {}, &out), 1);
        QVERIFY2(out.contains("in use"), out.constData());

        // The backup checks with the hall's key: the chain, and the checkpoints up to its end.
        const QString key = db + ".audit-key";
        QCOMPARE(runServerCommand({ "check", "--db", backup, "--audit-key", key }, {}, &out), 0);
        QVERIFY2(out.contains("check passed") && out.contains("integrity: ok"), out.constData());
        QCOMPARE(runServerCommand({ "verify-audit", "--db", backup, "--audit-key", key }, {}, &out), 0);

        // Restoring without the key is refused (its keyed entries could never be checked);
        // with the hall's key put beside the new file it goes through.
        QCOMPARE(runServerCommand({ "restore", "--from", backup, "--db", restored }, {}, &out), 1);
        QVERIFY2(out.contains("audit key"), out.constData());
        QVERIFY(!QFileInfo::exists(restored));
        QVERIFY(QFile::copy(key, restored + ".audit-key"));
        QVERIFY(QFile::setPermissions(restored + ".audit-key", QFileDevice::ReadOwner | QFileDevice::WriteOwner));
        QCOMPARE(runServerCommand({ "restore", "--from", backup, "--db", restored }, {}, &out), 0);
        QVERIFY2(out.contains("audit intact"), out.constData());

        // Every table as in the backup; the audit has the restore's own entry on top.
        for (const char* table : kTables) {
            const QByteArray count = "SELECT count(*) FROM " + QByteArray(table);
            const qint64 expected = serverCount(backup, count) + (qstrcmp(table, "audit") == 0 ? 1 : 0);
            QVERIFY2(serverCount(restored, count) == expected, table);
        }
        QCOMPARE(queryServerDb(restored, "SELECT action, result FROM audit ORDER BY seq DESC LIMIT 1").value(0), (QStringList { "db_restore", "applied" }));
        const QString sum = sqliteCaseChecksum(backup);
        QCOMPARE(sqliteCaseChecksum(restored), sum);
        QCOMPARE(runServerCommand({ "verify-audit", "--db", restored }, {}, &out), 0);
        QVERIFY2(out.contains("audit intact"), out.constData());

        // A server on the restored hall sends the same cases.
        server.stop();
        ServerProcess again;
        QVERIFY(again.start(restored));
        WireClient desk;
        QVERIFY(desk.open(again.url()));
        QVERIFY(desk.login("op", "after-restore"));
        desk.send(Type::Sync, { { "cursor", 0 } });
        const auto snapshot = readSnapshot(desk);
        QVERIFY(snapshot);
        QCOMPARE(snapshot->end.value("checksum").toString(), sum);
        QCOMPARE(qint64(snapshot->cases.size()), serverCount(backup, "SELECT count(*) FROM cases"));
        again.stop();

        // Restoring over the hall with data: only with --force, and the old file is kept.
        QCOMPARE(runServerCommand({ "restore", "--from", backup, "--db", db }, {}, &out), 1);
        QVERIFY2(out.contains("--force"), out.constData());
        const qint64 liveCases = serverCount(db, "SELECT count(*) FROM cases");
        QCOMPARE(runServerCommand({ "restore", "--from", backup, "--db", db, "--force" }, {}, &out), 0);
        // (its -shm, left by this test's read-only queries, moved along with it)
        const QStringList kept = QDir(m_dir.path()).entryList({ "hall.db.before-restore-*" }).filter(QRegularExpression("\\d{6}$"));
        QVERIFY2(kept.size() == 1, qPrintable(kept.join(", ")));
        QCOMPARE(serverCount(m_dir.filePath(kept.first()), "SELECT count(*) FROM cases"), liveCases);
        QCOMPARE(sqliteCaseChecksum(db), sum);
        QCOMPARE(runServerCommand({ "check", "--db", db }, {}, &out), 0);
    }

    // A PostgreSQL hall: backed up while a server on it commits (copy-db's REPEATABLE READ
    // read into a SQLite file), checked with the hall's key, restored into an empty
    // database, and served from there with the same cases.
    void postgresBackupRestores()
    {
        const QString sqlite = m_dir.filePath("pg-source.db"), backup = m_dir.filePath("pg-backup.db");
        const QString key = sqlite + ".audit-key", key2 = m_dir.filePath("pg2.audit-key");
        QVERIFY(makeDemoDb(sqlite));
        const QString uri = newPostgresDatabase(key);
        QVERIFY2(!uri.isEmpty(), "no PostgreSQL test cluster");
        QByteArray out;
        QVERIFY2(runServerCommand({ "copy-db", "--from", sqlite, "--to", uri, "--audit-key", key }, {}, &out) == 0, out.constData());
        ServerProcess server;
        QVERIFY(server.start(uri));
        WireClient desk;
        QVERIFY(desk.open(server.url()));
        QVERIFY(desk.login("op", "pg-backup-desk"));
        int seq = 0;
        auto report = [&] {
            desk.send(Type::Action, { { "clientSeq", ++seq }, { "key", QStringLiteral("pgb%1").arg(seq) }, { "action", "report" },
                { "case", QJsonObject { { "categoryCode", "0101" }, { "description", "backup" }, { "lon", 113.3 }, { "lat", 23.1 }, { "gridCode", "440199001001001" } } } });
            const auto r = desk.next("action_result");
            return r && r->value("status").toString() == "applied";
        };
        QVERIFY(report());
        QCOMPARE(runServerCommand({ "backup", "--db", uri, "--out", backup, "--audit-key", key }, {}, &out), 0);
        QVERIFY(report()); // after the backup: not in it
        QCOMPARE(runServerCommand({ "check", "--db", backup, "--audit-key", key }, {}, &out), 0);
        QVERIFY2(out.contains("check passed"), out.constData());
        const qint64 backedUp = serverCount(backup, "SELECT count(*) FROM cases");
        QCOMPARE(backedUp, serverCount(sqlite, "SELECT count(*) FROM cases") + 1);

        // Not into the served, filled database; into an empty one with the key beside it.
        QCOMPARE(runServerCommand({ "restore", "--from", backup, "--db", uri, "--audit-key", key }, {}, &out), 1);
        // The refused restore left the hall's checkpoints as they were.
        QVERIFY(QFileInfo::exists(key + ".checkpoints"));
        QVERIFY(QDir(m_dir.path()).entryList({ "pg-source.db.audit-key.checkpoints.before-restore-*" }).isEmpty());
        QVERIFY(QFile::copy(key, key2));
        QVERIFY(QFile::setPermissions(key2, QFileDevice::ReadOwner | QFileDevice::WriteOwner));
        const QString uri2 = newPostgresDatabase(key2);
        QVERIFY2(runServerCommand({ "restore", "--from", backup, "--db", uri2, "--audit-key", key2 }, {}, &out) == 0, out.constData());
        QVERIFY2(out.contains("audit intact"), out.constData());
        QCOMPARE(runServerCommand({ "check", "--db", uri2, "--audit-key", key2 }, {}, &out), 0);
        server.stop();
        ServerProcess restored;
        QVERIFY(restored.start(uri2));
        WireClient reader;
        QVERIFY(reader.open(restored.url()));
        QVERIFY(reader.login("op", "pg-restored-desk"));
        reader.send(Type::Sync, { { "cursor", 0 } });
        const auto snapshot = readSnapshot(reader);
        QVERIFY(snapshot);
        QCOMPARE(qint64(snapshot->cases.size()), backedUp);
        QCOMPARE(snapshot->end.value("checksum").toString(), sqliteCaseChecksum(backup));
    }
};

QTEST_GUILESS_MAIN(TestServerBackup)
#include "tst_serverbackup.moc"
