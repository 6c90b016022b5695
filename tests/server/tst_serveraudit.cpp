// The audit log's tamper evidence (docs/SECURITY.md § Audit log), against the real
// gridhall-server: entries are written by a served session, the database is edited with
// the SQLite C API the way someone with write access to the file would, and the real
// verify-audit command has to find it.
#include "serverharness.h"

#include <QCryptographicHash>
#include <QFile>
#include <QTemporaryDir>
#include <sqlite3.h>

using namespace gridhall;
using namespace gridhall::protocol;
using namespace gridhall::testing;

namespace {
QByteArray column(sqlite3_stmt* q, int c)
{
    return QByteArray(static_cast<const char*>(sqlite3_column_blob(q, c)), sqlite3_column_bytes(q, c));
}

// The first audit hash: SHA-256 over the previous hash and the fields, 0x1f before each.
QByteArray firstFormatHash(const QByteArray& prev, const QList<QByteArray>& fields)
{
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(prev);
    for (const QByteArray& f : fields) {
        h.addData("\x1f");
        h.addData(f);
    }
    return h.result().toHex();
}

bool exec(sqlite3* db, const QByteArray& sql)
{
    char* message = nullptr;
    const bool ok = sqlite3_exec(db, sql.constData(), nullptr, nullptr, &message) == SQLITE_OK;
    if (!ok)
        qWarning() << sql << message;
    sqlite3_free(message);
    return ok;
}

bool hasColumn(sqlite3* db, const char* name)
{
    sqlite3_stmt* q = nullptr;
    sqlite3_prepare_v2(db, "SELECT count(*) FROM pragma_table_info('audit') WHERE name = ?1", -1, &q, nullptr);
    sqlite3_bind_text(q, 1, name, -1, SQLITE_STATIC);
    const bool found = sqlite3_step(q) == SQLITE_ROW && sqlite3_column_int(q, 0) > 0;
    sqlite3_finalize(q);
    return found;
}

// What an attacker without the key can do: rewrite the entries from `from` on with plain
// SHA-256 in the first format (marked as such where the log has a scheme column), so that
// the chain links up again.
bool rewriteChainUnkeyed(sqlite3* db, qint64 from)
{
    const bool schemes = hasColumn(db, "scheme");
    sqlite3_stmt* q = nullptr;
    if (sqlite3_prepare_v2(db, "SELECT seq, at, user, client, action, case_id, result, hash FROM audit ORDER BY seq", -1, &q, nullptr) != SQLITE_OK)
        return false;
    struct Row { qint64 seq; QByteArray prev, hash; };
    QList<Row> rows;
    QByteArray prev(64, '0');
    while (sqlite3_step(q) == SQLITE_ROW) {
        const qint64 seq = sqlite3_column_int64(q, 0);
        QByteArray hash = column(q, 7);
        if (seq >= from) {
            hash = firstFormatHash(prev, { column(q, 0), column(q, 1), column(q, 2), column(q, 3), column(q, 4), column(q, 5), column(q, 6) });
            rows.append({ seq, prev, hash });
        }
        prev = hash;
    }
    sqlite3_finalize(q);
    bool ok = exec(db, "DROP TRIGGER IF EXISTS audit_no_update");
    for (const Row& r : rows) {
        ok = ok && exec(db, "UPDATE audit SET prev_hash = '" + r.prev + "', hash = '" + r.hash + "'"
                      + (schemes ? QByteArray(", scheme = 1, key_id = ''") : QByteArray()) + " WHERE seq = " + QByteArray::number(r.seq));
    }
    return ok;
}

qint64 count(const QString& path, const QByteArray& sql)
{
    sqlite3* db = nullptr;
    sqlite3_open(path.toUtf8().constData(), &db);
    sqlite3_stmt* q = nullptr;
    qint64 n = -1;
    if (sqlite3_prepare_v2(db, sql.constData(), -1, &q, nullptr) == SQLITE_OK && sqlite3_step(q) == SQLITE_ROW)
        n = sqlite3_column_int64(q, 0);
    sqlite3_finalize(q);
    sqlite3_close(db);
    return n;
}
} // namespace

class TestServerAudit : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_template;

    // A copy of the demo database; with its key and checkpoints (add-user writes entries).
    QString copyOfTemplate(const QString& name, bool withKey = true)
    {
        const QString db = m_dir.filePath(name);
        if (!QFile::copy(m_template, db))
            return {};
        for (const char* suffix : { ".audit-key", ".audit-key.checkpoints" }) {
            if (withKey && QFile::exists(m_template + suffix))
                QFile::copy(m_template + suffix, db + suffix);
        }
        return db;
    }

    // Serves the database while a district operator sends `actions` actions the server
    // refuses (each audited), then stops the server cleanly.
    bool serveActions(const QString& db, int actions, const QString& clientId)
    {
        ServerProcess server;
        if (!server.start(db))
            return false;
        WireClient c;
        if (!c.open(server.url()) || !c.login(QStringLiteral("op"), clientId))
            return false;
        for (int i = 1; i <= actions; ++i) {
            c.send(Type::Action, { { "clientSeq", i }, { "key", QStringLiteral("%1-%2").arg(clientId).arg(i) },
                                     { "caseId", 999999 }, { "seenVersion", 1 }, { "action", "no_such_action" } });
            if (!c.next("action_result"))
                return false;
        }
        server.stop();
        return true;
    }

    int verify(const QString& db, QByteArray* out, const QStringList& extra = {})
    {
        return runServerCommand(QStringList { "verify-audit", "--db", db } + extra, {}, out);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_template = m_dir.filePath("template.db");
        QVERIFY(makeDemoDb(m_template));
    }

    void textWithAByteOrderMarkVerifies()
    {
        const QString db = copyOfTemplate("bom.db");
        ServerProcess server;
        QVERIFY(server.start(db));
        // Sent as JSON escapes: Qt's UTF-8 decoding (here and in the server's JSON parser)
        // drops a leading byte order mark, an escape reaches the server as sent.
        // A failed login is audited with the name as typed; an action with its name.
        WireClient stranger;
        QVERIFY(stranger.open(server.url()));
        stranger.sendRaw(R"({"v":1,"type":"login","user":"\ufeffnobody","password":"Wrong-Pass-2026","clientId":"bom-1"})");
        QVERIFY(stranger.next("error"));
        WireClient op;
        QVERIFY(op.open(server.url()));
        QVERIFY(op.login("op", "bom-2"));
        op.sendRaw(R"({"v":1,"type":"action","clientSeq":1,"key":"bom-2-1","caseId":1,"seenVersion":1,"action":"\ufeff"})");
        QVERIFY(op.next("action_result"));
        server.stop();
        // The byte order mark is stored as sent: the old hash broke on reading it back.
        QVERIFY2(count(db, "SELECT count(*) FROM audit WHERE substr(CAST(user AS BLOB), 1, 3) = x'efbbbf'"
                           " OR substr(CAST(action AS BLOB), 1, 3) = x'efbbbf'") > 0,
            "no audit entry holds a leading byte order mark: the test no longer exercises it");
        QByteArray out;
        QCOMPARE(verify(db, &out), 0);
        QVERIFY2(out.contains("audit intact"), out.constData());
    }

    void entriesRewrittenWithPlainSha256AreReported()
    {
        const QString db = copyOfTemplate("rewritten.db");
        QVERIFY(serveActions(db, 12, "rw-1"));
        QByteArray out;
        QCOMPARE(verify(db, &out), 0);
        const qint64 last = count(db, "SELECT max(seq) FROM audit");
        QVERIFY(last >= 12);
        // Someone with the file drops the trigger, changes an entry and recomputes every
        // hash after it the way the unkeyed chain did.
        const qint64 victim = last - 6;
        sqlite3* raw = nullptr;
        QCOMPARE(sqlite3_open(db.toUtf8().constData(), &raw), SQLITE_OK);
        QVERIFY(exec(raw, "DROP TRIGGER audit_no_update; UPDATE audit SET user = 'nobody' WHERE seq = " + QByteArray::number(victim)));
        QVERIFY(rewriteChainUnkeyed(raw, victim));
        sqlite3_close(raw);
        QCOMPARE(verify(db, &out), 1);
        QVERIFY2(out.contains(QByteArray("entry " + QByteArray::number(victim) + " ")), out.constData());
        QVERIFY2(out.contains("audit broken"), out.constData());
    }

    void aCutTailIsReportedByTheCheckpoints()
    {
        const QString db = copyOfTemplate("cut.db");
        QVERIFY(serveActions(db, 10, "cut-1"));
        // Key and checkpoints are the owner's alone.
        const QFile::Permissions ownerOnly = QFile::ReadOwner | QFile::WriteOwner;
        QCOMPARE(QFile::permissions(db + ".audit-key") & ~(QFile::ReadUser | QFile::WriteUser), ownerOnly);
        QCOMPARE(QFile::permissions(db + ".audit-key.checkpoints") & ~(QFile::ReadUser | QFile::WriteUser), ownerOnly);
        const qint64 last = count(db, "SELECT max(seq) FROM audit");
        sqlite3* raw = nullptr;
        QCOMPARE(sqlite3_open(db.toUtf8().constData(), &raw), SQLITE_OK);
        QVERIFY(exec(raw, "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE seq > " + QByteArray::number(last - 3)));
        sqlite3_close(raw);
        QByteArray out;
        QCOMPARE(verify(db, &out), 1);
        QVERIFY2(out.contains("cut from the end"), out.constData());
        // A server started on the cut log checkpoints the new end; the old one still counts.
        QVERIFY(serveActions(db, 1, "cut-2"));
        QCOMPARE(verify(db, &out), 1);
        QVERIFY2(out.contains("checkpoint"), out.constData());
    }

    void aWrongOrMissingKeyIsSaidPlainly()
    {
        const QString db = copyOfTemplate("keys.db");
        QVERIFY(serveActions(db, 3, "key-1"));
        QByteArray out;
        QCOMPARE(verify(db, &out, { "--audit-key", db + ".audit-key" }), 0);

        QCOMPARE(verify(db, &out, { "--audit-key", m_dir.filePath("no-such.key") }), 1);
        QVERIFY2(out.contains("cannot check the keys"), out.constData());
        QVERIFY2(!out.contains("audit intact"), out.constData());

        const QString other = m_dir.filePath("other.key");
        {
            QFile f(other);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QByteArray(64, 'a') + "\n");
        }
        QVERIFY(QFile::setPermissions(other, QFile::ReadOwner | QFile::WriteOwner));
        QCOMPARE(verify(db, &out, { "--audit-key", other }), 1);
        QVERIFY2(out.contains("cannot be checked with this key"), out.constData());

        // A key others may read is refused, by the server and by the check.
        QVERIFY(QFile::setPermissions(other, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadOther));
        QCOMPARE(runServerCommand({ "serve", "--db", db, "--listen", "127.0.0.1:0", "--audit-key", other }, {}, &out), 1);
        QVERIFY2(out.contains("chmod 600"), out.constData());
        QCOMPARE(verify(db, &out, { "--audit-key", other }), 1);
        QVERIFY2(out.contains("cannot check the keys") && out.contains("chmod 600"), out.constData());
    }

    void everyBrokenEntryIsListed()
    {
        const QString db = copyOfTemplate("two.db");
        QVERIFY(serveActions(db, 10, "two-1"));
        const qint64 last = count(db, "SELECT max(seq) FROM audit");
        const qint64 first = last - 7, second = last - 2;
        sqlite3* raw = nullptr;
        QCOMPARE(sqlite3_open(db.toUtf8().constData(), &raw), SQLITE_OK);
        // The peer is part of the keyed hash too.
        QVERIFY(exec(raw, "DROP TRIGGER audit_no_update; UPDATE audit SET result = 'applied' WHERE seq = " + QByteArray::number(first)
                + "; UPDATE audit SET peer = '10.0.0.99' WHERE seq = " + QByteArray::number(second)));
        sqlite3_close(raw);
        QByteArray out;
        QCOMPARE(verify(db, &out), 1);
        QVERIFY2(out.contains(QByteArray("entry " + QByteArray::number(first) + " was altered")), out.constData());
        QVERIFY2(out.contains(QByteArray("entry " + QByteArray::number(second) + " was altered")), out.constData());
        QVERIFY2(out.contains("problems found: 2"), out.constData());
    }

    void aLogFromBeforeKeyingStillVerifies()
    {
        // The audit table as the first server wrote it, with entries in its format; one
        // action name starts with a byte order mark.
        const QString db = copyOfTemplate("old.db", false);
        sqlite3* raw = nullptr;
        QCOMPARE(sqlite3_open(db.toUtf8().constData(), &raw), SQLITE_OK);
        QVERIFY(exec(raw, "DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete; DROP TABLE audit;"
                          "CREATE TABLE audit (seq INTEGER PRIMARY KEY, at INTEGER NOT NULL, user TEXT NOT NULL, client TEXT NOT NULL,"
                          " action TEXT NOT NULL, case_id INTEGER NOT NULL, result TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL);"
                          "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;"
                          "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;"));
        QByteArray prev(64, '0');
        const QList<QList<QByteArray>> entries = { { "op", "c-1", "accept", "17", "applied" },
            { "s1", "c-2", "\xef\xbb\xbf" "dispatch", "18", "refused:bad_field" }, { "\xe5\xbc\xa0\xe4\xb8\x89", "c-3", "verify", "19", "conflict" },
            { "op", "c-1", "close", "17", "applied" }, { "lead", "c-4", "login", "0", "applied" } };
        for (int i = 0; i < entries.size(); ++i) {
            const QList<QByteArray>& e = entries[i];
            const QByteArray seq = QByteArray::number(i + 1), at = QByteArray::number(1790000000000LL + i * 1000);
            const QByteArray hash = firstFormatHash(prev, { seq, at, e[0], e[1], e[2], e[3], e[4] });
            sqlite3_stmt* q = nullptr;
            QCOMPARE(sqlite3_prepare_v2(raw, "INSERT INTO audit VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", -1, &q, nullptr), SQLITE_OK);
            sqlite3_bind_int64(q, 1, i + 1);
            sqlite3_bind_int64(q, 2, at.toLongLong());
            for (int c = 0; c < 3; ++c)
                sqlite3_bind_text(q, 3 + c, e[c].constData(), int(e[c].size()), SQLITE_TRANSIENT);
            sqlite3_bind_int64(q, 6, e[3].toLongLong());
            sqlite3_bind_text(q, 7, e[4].constData(), int(e[4].size()), SQLITE_TRANSIENT);
            sqlite3_bind_text(q, 8, prev.constData(), int(prev.size()), SQLITE_TRANSIENT);
            sqlite3_bind_text(q, 9, hash.constData(), int(hash.size()), SQLITE_TRANSIENT);
            QCOMPARE(sqlite3_step(q), SQLITE_DONE);
            sqlite3_finalize(q);
            prev = hash;
        }
        sqlite3_close(raw);
        QByteArray out;
        QCOMPARE(verify(db, &out), 0);
        QVERIFY2(out.contains("audit intact: 5 entries"), out.constData());

        // A server opens it, adds the columns and keys what it writes from then on.
        QVERIFY(serveActions(db, 4, "old-1"));
        QCOMPARE(sqlite3_open(db.toUtf8().constData(), &raw), SQLITE_OK);
        QVERIFY(hasColumn(raw, "peer") && hasColumn(raw, "scheme") && hasColumn(raw, "key_id"));
        sqlite3_close(raw);
        QCOMPARE(verify(db, &out), 0);
        QVERIFY2(out.contains("5 unkeyed"), out.constData());
        QVERIFY2(out.contains("audit intact"), out.constData());

        // Rewriting an old entry, and everything after it unkeyed, no longer verifies.
        QCOMPARE(sqlite3_open(db.toUtf8().constData(), &raw), SQLITE_OK);
        QVERIFY(exec(raw, "DROP TRIGGER audit_no_update; UPDATE audit SET result = 'applied' WHERE seq = 2"));
        QVERIFY(rewriteChainUnkeyed(raw, 2));
        sqlite3_close(raw);
        QCOMPARE(verify(db, &out), 1);
        QVERIFY2(out.contains("not keyed"), out.constData());
    }
};

QTEST_MAIN(TestServerAudit)
#include "tst_serveraudit.moc"
