// gridhall-server check on a good hall and on damaged copies of it: pages overwritten on
// disk, an audit entry altered behind the append-only trigger, an old schema version and a
// missing file each give exit 1 with the problem named; the good hall passes every part.
#include "serverharness.h"

#include <QTemporaryDir>

using namespace gridhall;
using namespace gridhall::testing;

class TestServerCheck : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_db, m_key;

    // A copy of the good hall to damage.
    QString copyOfHall(const QString& name)
    {
        const QString path = m_dir.filePath(name);
        return QFile::copy(m_db, path) ? path : QString();
    }

    bool exec(const QString& db, const char* sql)
    {
        sqlite3* h = nullptr;
        const bool ok = sqlite3_open_v2(db.toUtf8().constData(), &h, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK
            && sqlite3_exec(h, sql, nullptr, nullptr, nullptr) == SQLITE_OK;
        sqlite3_close(h);
        return ok;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_db = m_dir.filePath("hall.db");
        m_key = m_db + ".audit-key";
        QVERIFY(makeDemoDb(m_db));
    }

    void goodHallPasses()
    {
        QByteArray out;
        QCOMPARE(runServerCommand({ "check", "--db", m_db }, {}, &out), 0);
        for (const char* part : { "database: answers", "integrity: ok", "schema: version", "audit: intact", "check passed" })
            QVERIFY2(out.contains(part), out.constData());
        QVERIFY(!out.contains("PROBLEM"));
    }

    void damagedPagesFail()
    {
        const QString copy = copyOfHall("pages.db");
        QVERIFY(!copy.isEmpty());
        // Three pages in the middle of the file (cases, events, their indexes) overwritten.
        const qint64 pageSize = serverCount(copy, "PRAGMA page_size"), pages = serverCount(copy, "PRAGMA page_count");
        QVERIFY(pages > 8);
        QFile f(copy);
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.seek(pageSize * (pages / 2)));
        QByteArray junk(int(pageSize * 3), '\0');
        for (int i = 0; i < junk.size(); ++i)
            junk[i] = char((i * 7919 + 13) & 0xff);
        QCOMPARE(f.write(junk), junk.size());
        f.close();
        QByteArray out;
        QCOMPARE(runServerCommand({ "check", "--db", copy, "--audit-key", m_key }, {}, &out), 1);
        QVERIFY2(out.contains("PROBLEM: integrity:") && out.contains("check failed"), out.constData());
    }

    void alteredAuditFails()
    {
        const QString copy = copyOfHall("audit.db");
        QVERIFY(!copy.isEmpty());
        // Someone who can write the file goes around the append-only trigger.
        QVERIFY(exec(copy, "DROP TRIGGER audit_no_update; UPDATE audit SET user = 'nobody' WHERE seq = 2;"));
        QByteArray out;
        QCOMPARE(runServerCommand({ "check", "--db", copy, "--audit-key", m_key }, {}, &out), 1);
        QVERIFY2(out.contains("integrity: ok") && out.contains("PROBLEM: audit: entry 2"), out.constData());
    }

    void oldSchemaAndMissingFileFail()
    {
        const QString copy = copyOfHall("old.db");
        QVERIFY(!copy.isEmpty());
        const qint64 version = serverCount(copy, "PRAGMA user_version");
        QVERIFY(exec(copy, QByteArray("PRAGMA user_version = " + QByteArray::number(version - 1)).constData()));
        QByteArray out;
        QCOMPARE(runServerCommand({ "check", "--db", copy, "--audit-key", m_key }, {}, &out), 1);
        QVERIFY2(out.contains(QByteArray(QByteArray("PROBLEM: schema: version ") + QByteArray::number(version - 1))), out.constData());
        // Reported, not upgraded: check changes no schema.
        QCOMPARE(serverCount(copy, "PRAGMA user_version"), version - 1);

        QCOMPARE(runServerCommand({ "check", "--db", m_dir.filePath("none.db") }, {}, &out), 1);
        QVERIFY2(out.contains("PROBLEM: no database"), out.constData());
        QCOMPARE(runServerCommand({ "check" }, {}, &out), 2);
    }
};

QTEST_GUILESS_MAIN(TestServerCheck)
#include "tst_servercheck.moc"
