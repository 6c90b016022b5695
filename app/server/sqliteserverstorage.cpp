#include "app/server/sqliteserverstorage.h"

#include "app/server/auditchain.h"
#include "app/server/jsontext.h"

#include "models/sync/protocol.h"
#include "models/store/sqlstatement.h"

#include <QCoreApplication>
#include <QFile>
#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <cerrno>
#include <cstring>
#include <sqlite3.h>
#include <sys/stat.h>

namespace gridhall {

namespace {
const char* const kServerTables = R"sql(
CREATE TABLE IF NOT EXISTS server_meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS users (
    name TEXT PRIMARY KEY NOT NULL, role TEXT NOT NULL, street TEXT NOT NULL, worker TEXT NOT NULL,
    salt BLOB NOT NULL, hash BLOB NOT NULL, iterations INTEGER NOT NULL, disabled INTEGER NOT NULL DEFAULT 0);
-- Only the SHA-256 (hex) of each session token: a copy of the file opens no session.
CREATE TABLE IF NOT EXISTS tokens (
    token_hash TEXT PRIMARY KEY NOT NULL, user TEXT NOT NULL, expires_at INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS tokens_user ON tokens(user);
CREATE TABLE IF NOT EXISTS change_log (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, case_id INTEGER NOT NULL, street_code TEXT NOT NULL,
    case_row BLOB NOT NULL, event BLOB NOT NULL);
-- Sequence numbers and keys belong to one user's client (user, client_id).
CREATE TABLE IF NOT EXISTS applied_actions (
    user TEXT NOT NULL, client_id TEXT NOT NULL, client_seq INTEGER NOT NULL, key TEXT NOT NULL,
    result BLOB NOT NULL, PRIMARY KEY (user, client_id, client_seq), UNIQUE (user, client_id, key));
-- The audit chain (docs/SECURITY.md § Audit log). scheme: 1 SHA-256 of the first format
-- (entries from before keying), 2 SHA-256 of all fields (written with no key), 3 HMAC-SHA256
-- of all fields with the key key_id names. Older databases get peer, scheme and key_id in
-- SqliteServerStorage::migrateAudit.
CREATE TABLE IF NOT EXISTS audit (
    seq INTEGER PRIMARY KEY, at INTEGER NOT NULL, user TEXT NOT NULL, client TEXT NOT NULL,
    action TEXT NOT NULL, case_id INTEGER NOT NULL, result TEXT NOT NULL,
    prev_hash TEXT NOT NULL, hash TEXT NOT NULL,
    peer TEXT NOT NULL DEFAULT '', scheme INTEGER NOT NULL DEFAULT 1, key_id TEXT NOT NULL DEFAULT '');
-- Full photos; their facts and thumbnails are in the replicated case_photos (schema 4).
CREATE TABLE IF NOT EXISTS photo_data (photo_id INTEGER PRIMARY KEY NOT NULL, data BLOB NOT NULL);
-- Change batches find a feedback's photos by its event.
CREATE INDEX IF NOT EXISTS case_photos_event ON case_photos(event_id);
-- Append-only: the database itself refuses edits and deletions of audit entries.
CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit
    BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit
    BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
)sql";

QString sqlError(sqlite3* db, const char* what)
{
    return QString::fromLatin1(what) + QLatin1String(": ") + QString::fromUtf8(sqlite3_errmsg(db));
}

// case_photos columns as the queries below select them, from column `first` on.
constexpr const char* kPhotoSelect = "p.id, p.case_id, p.event_id, p.taken_at, p.mime, p.width, p.height, p.bytes, p.thumbnail";

CasePhoto photoAt(const SqlStatement& q, int first)
{
    CasePhoto p;
    p.id = q.integer(first);
    p.caseId = q.integer(first + 1);
    p.eventId = q.integer(first + 2);
    p.takenAt = protocol::fromWireTime(q.integer(first + 3));
    p.mime = q.text(first + 4);
    p.width = int(q.integer(first + 5));
    p.height = int(q.integer(first + 6));
    p.bytes = q.integer(first + 7);
    p.thumbnail = q.blob(first + 8);
    return p;
}
} // namespace

QString userRoleKey(UserRole r)
{
    static const char* const keys[] = { "district_operator", "street_operator", "supervisor",
        "shift_leader", "leader", "field_worker" };
    return QString::fromLatin1(keys[int(r)]);
}

bool userRoleFromKey(const QString& key, UserRole* r)
{
    for (int i = 0; i <= int(UserRole::FieldWorker); ++i) {
        if (userRoleKey(UserRole(i)) == key) {
            *r = UserRole(i);
            return true;
        }
    }
    return false;
}

std::optional<Role> domainRoleFor(UserRole r)
{
    switch (r) {
    case UserRole::DistrictOperator:
    case UserRole::StreetOperator: return Role::Operator;
    case UserRole::Supervisor: return Role::Supervisor;
    case UserRole::ShiftLeader: return Role::ShiftLeader;
    case UserRole::FieldWorker: return Role::FieldWorker;
    case UserRole::Leader: return std::nullopt;
    }
    return std::nullopt;
}

namespace {
using auditchain::AuditBytes;
using auditchain::hashV1;
using auditchain::kSchemeSha256V1;
const QByteArray kGenesisHash = auditchain::genesisHash();

void bindBytes(sqlite3_stmt* q, int i, const QByteArray& text)
{
    // Bound as the very bytes that were hashed; they outlive the statement's step.
    sqlite3_bind_text(q, i, text.constData(), int(text.size()), SQLITE_STATIC);
}
} // namespace

QByteArray auditHash(const AuditRecord& r)
{
    AuditBytes b;
    b.seq = r.seq;
    b.at = r.at.toMSecsSinceEpoch();
    b.caseId = r.caseId;
    b.scheme = kSchemeSha256V1;
    b.user = r.user.toUtf8();
    b.client = r.client.toUtf8();
    b.action = r.action.toUtf8();
    b.result = r.result.toUtf8();
    b.prevHash = r.prevHash;
    return hashV1(b);
}

namespace {
// The database holds password hashes, cases and the audit log: other local users must not
// read it, nor its WAL (recent writes) or shared-memory index. New files are made 0600 by
// Store::open (SQLite gives -wal and -shm the database's mode); older ones are tightened.
void restrictToOwner(const QString& path)
{
    for (const char* suffix : { "", "-wal", "-shm", "-journal" }) {
        const QByteArray file = QFile::encodeName(path + QLatin1String(suffix));
        struct stat st;
        if (::stat(file.constData(), &st) != 0 || (st.st_mode & 077) == 0)
            continue;
        const mode_t before = st.st_mode & 0777;
        if (::chmod(file.constData(), (st.st_mode & 0700) | 0600) == 0) {
            qWarning("%s", qPrintable(QCoreApplication::translate("ServerStorage", "%1 could be read by other users (mode %2): now 0600")
                                          .arg(QFile::decodeName(file)).arg(before, 4, 8, QLatin1Char('0'))));
        } else {
            qWarning("%s", qPrintable(QCoreApplication::translate("ServerStorage", "%1 can be read by other users (mode %2) and cannot be made 0600: %3")
                                          .arg(QFile::decodeName(file)).arg(before, 4, 8, QLatin1Char('0')).arg(QString::fromLocal8Bit(strerror(errno)))));
        }
    }
}
} // namespace

std::unique_ptr<SqliteServerStorage> SqliteServerStorage::open(const QString& path, QString* error)
{
    restrictToOwner(path);
    StoreStatus status;
    std::unique_ptr<Store> store = Store::open(path, &status);
    if (!store) {
        *error = status.message;
        return nullptr;
    }
    std::unique_ptr<SqliteServerStorage> s(new SqliteServerStorage);
    s->m_store = std::move(store);
    if (!s->scopeAppliedActionsToUsers() || !s->upgradeAccountTables() || !s->exec(kServerTables)) {
        *error = s->m_lastError;
        return nullptr;
    }
    {
        SqlStatement q(s->m_store->handle(), "SELECT value FROM server_meta WHERE key = 'epoch'");
        if (q.ok() && q.step() == SQLITE_ROW)
            s->m_epoch = q.text(0);
    }
    if (s->m_epoch.isEmpty()) {
        // A new database: a new epoch tells clients of any older copy to resync.
        const quint64 a = QRandomGenerator::system()->generate64(), b = QRandomGenerator::system()->generate64();
        s->m_epoch = QString::number(a, 16) + QString::number(b, 16);
        SqlStatement q(s->m_store->handle(), "INSERT INTO server_meta (key, value) VALUES ('epoch', ?1)");
        q.bind(1, s->m_epoch);
        if (q.step() != SQLITE_DONE) {
            *error = sqlError(s->m_store->handle(), "epoch");
            return nullptr;
        }
    }
    if (!s->migrateAudit(error))
        return nullptr;
    return s;
}

SqliteServerStorage::~SqliteServerStorage()
{
    // A clean shutdown leaves no entry after the last checkpoint.
    if (m_store)
        checkpointAudit();
}

bool SqliteServerStorage::scopeAppliedActionsToUsers()
{
    // Before, sequence numbers and keys were global. Each stored answer goes to the user
    // who last acted under its client id (the audit names them); a client id was one
    // replica of one user, so that is its owner.
    {
        // Finalized before the DROP TABLE below, which an open statement would make fail
        // with "database table is locked" (tst_serverupgrade's file from an older release).
        SqlStatement table(m_store->handle(), "SELECT count(*), sum(name = 'user') FROM pragma_table_info('applied_actions')");
        if (table.step() != SQLITE_ROW || table.integer(0) == 0 || table.integer(1) > 0)
            return true; // a new database, or scoped already
    }
    if (exec("BEGIN IMMEDIATE;"
                "ALTER TABLE applied_actions RENAME TO applied_actions_global;"
                "CREATE TABLE applied_actions ("
                "  user TEXT NOT NULL, client_id TEXT NOT NULL, client_seq INTEGER NOT NULL, key TEXT NOT NULL,"
                "  result BLOB NOT NULL, PRIMARY KEY (user, client_id, client_seq), UNIQUE (user, client_id, key));"
                "INSERT INTO applied_actions (user, client_id, client_seq, key, result)"
                "  SELECT coalesce((SELECT a.user FROM audit a WHERE a.client = g.client_id ORDER BY a.seq DESC LIMIT 1), ''),"
                "         g.client_id, g.client_seq, g.key, g.result FROM applied_actions_global g;"
                "DROP TABLE applied_actions_global;"
                "COMMIT;"))
        return true;
    const QString error = m_lastError;
    exec("ROLLBACK");
    m_lastError = error;
    return false;
}

bool SqliteServerStorage::exec(const char* sql)
{
    char* message = nullptr;
    if (sqlite3_exec(m_store->handle(), sql, nullptr, nullptr, &message) == SQLITE_OK)
        return true;
    m_lastError = QString::fromUtf8(message ? message : "sqlite");
    sqlite3_free(message);
    return false;
}

bool SqliteServerStorage::upgradeAccountTables()
{
    auto hasColumn = [this](const char* table, const char* column, bool* tableExists) {
        SqlStatement q(m_store->handle(), "SELECT count(*), coalesce(sum(name = ?2), 0) FROM pragma_table_info(?1)");
        q.bind(1, QString::fromLatin1(table));
        q.bind(2, QString::fromLatin1(column));
        const bool row = q.step() == SQLITE_ROW;
        *tableExists = row && q.integer(0) > 0;
        return row && q.integer(1) > 0;
    };
    bool exists = false;
    if (!hasColumn("users", "disabled", &exists) && exists
        && !exec("ALTER TABLE users ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0"))
        return false;
    if (hasColumn("tokens", "token", &exists) && exists) {
        // The old table held the tokens themselves, in a file other local users could read
        // (it was created 0644): they may have been copied, so they are dropped, not hashed.
        // secure_delete overwrites the freed pages and the truncated WAL keeps no copy.
        // Clients log in once more with their passwords.
        const bool dropped = exec("PRAGMA secure_delete = ON; BEGIN IMMEDIATE; DELETE FROM tokens; DROP TABLE tokens; COMMIT;");
        const QString error = m_lastError;
        if (!dropped)
            sqlite3_exec(m_store->handle(), "ROLLBACK", nullptr, nullptr, nullptr);
        sqlite3_exec(m_store->handle(), "PRAGMA secure_delete = OFF", nullptr, nullptr, nullptr);
        m_lastError = error;
        if (!dropped || !exec("PRAGMA wal_checkpoint(TRUNCATE)"))
            return false;
        qWarning("%s", qPrintable(QCoreApplication::translate("ServerStorage",
                           "Session tokens of the old format (stored in clear) were deleted: clients log in with their passwords once more.")));
    }
    return true;
}

bool SqliteServerStorage::putUser(const UserRecord& u)
{
    SqlStatement q(m_store->handle(),
        "INSERT INTO users (name, role, street, worker, salt, hash, iterations, disabled) VALUES (?1,?2,?3,?4,?5,?6,?7,?8) "
        "ON CONFLICT(name) DO UPDATE SET role=excluded.role, street=excluded.street, worker=excluded.worker, "
        "salt=excluded.salt, hash=excluded.hash, iterations=excluded.iterations, disabled=excluded.disabled");
    q.bind(1, u.name);
    q.bind(2, userRoleKey(u.role));
    q.bind(3, u.street);
    q.bind(4, u.worker);
    q.bindBlob(5, u.salt);
    q.bindBlob(6, u.hash);
    q.bind(7, u.iterations);
    q.bind(8, qint64(u.disabled ? 1 : 0));
    if (q.step() == SQLITE_DONE)
        return true;
    m_lastError = sqlError(m_store->handle(), "putUser");
    return false;
}

namespace {
constexpr const char* kUserSelect = "name, role, street, worker, salt, hash, iterations, disabled";

// The user in kUserSelect's columns from `first` on.
std::optional<UserRecord> userAt(SqlStatement& q, int first)
{
    UserRecord u;
    u.name = q.text(first);
    if (!userRoleFromKey(q.text(first + 1), &u.role))
        return std::nullopt;
    u.street = q.text(first + 2);
    u.worker = q.text(first + 3);
    u.salt = q.blob(first + 4);
    u.hash = q.blob(first + 5);
    u.iterations = int(q.integer(first + 6));
    u.disabled = q.integer(first + 7) != 0;
    return u;
}

// A JSON array of strings, for json_each: SQLite's way to bind a list.
QByteArray jsonList(const QStringList& items)
{
    return QJsonDocument(QJsonArray::fromStringList(items)).toJson(QJsonDocument::Compact);
}
} // namespace

std::optional<UserRecord> SqliteServerStorage::user(const QString& name) const
{
    SqlStatement q(m_store->handle(), QByteArray("SELECT ") + kUserSelect + " FROM users WHERE name = ?1");
    q.bind(1, name);
    if (q.step() != SQLITE_ROW)
        return std::nullopt;
    return userAt(q, 0);
}

bool SqliteServerStorage::commitSessions(SessionWrites& writes)
{
    // One transaction, so one append and one fsync of the WAL (synchronous = FULL) for all
    // the logins of a pass: a district's handhelds logging in at once paid two each.
    sqlite3* db = m_store->handle();
    if (!m_store->begin()) {
        m_lastError = m_store->lastError();
        return false;
    }
    auto failed = [&](const QString& message) {
        m_lastError = message;
        m_store->rollback();
        return false;
    };
    for (const SessionToken& t : writes.issued) {
        SqlStatement q(db, "INSERT OR REPLACE INTO tokens (token_hash, user, expires_at) VALUES (?1, ?2, ?3)");
        q.bind(1, tokenHash(t.token));
        q.bind(2, t.user);
        q.bind(3, t.expiresAt.toMSecsSinceEpoch());
        if (q.step() != SQLITE_DONE)
            return failed(sqlError(db, "tokens"));
    }
    for (const QString& token : writes.revoked) {
        SqlStatement q(db, "DELETE FROM tokens WHERE token_hash = ?1");
        q.bind(1, tokenHash(token));
        if (q.step() != SQLITE_DONE)
            return failed(sqlError(db, "revoke"));
    }
    for (ActionCommit& c : writes.audits)
        if (!appendAudit(c))
            return failed(sqlError(db, "audit"));
    // Expired tokens only take space: deleted now and then, not on every login.
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (!writes.issued.isEmpty() && now - m_lastTokenPruneMs > kTokenPruneIntervalMs) {
        m_lastTokenPruneMs = now;
        SqlStatement prune(db, "DELETE FROM tokens WHERE expires_at <= ?1");
        prune.bind(1, now);
        prune.step();
    }
    if (!m_store->commit()) {
        m_lastError = m_store->lastError();
        return false;
    }
    if (!writes.audits.isEmpty())
        auditCommitted(writes.audits.constLast().audit);
    return true;
}

std::optional<SessionToken> SqliteServerStorage::token(const QString& token) const
{
    SqlStatement q(m_store->handle(), "SELECT user, expires_at FROM tokens WHERE token_hash = ?1");
    q.bind(1, tokenHash(token));
    if (q.step() != SQLITE_ROW)
        return std::nullopt;
    return SessionToken { token, q.text(0), QDateTime::fromMSecsSinceEpoch(q.integer(1), Qt::UTC) };
}

bool SqliteServerStorage::revokeTokensOf(const QString& user)
{
    SqlStatement q(m_store->handle(), "DELETE FROM tokens WHERE user = ?1");
    q.bind(1, user);
    if (q.step() == SQLITE_DONE)
        return true;
    m_lastError = sqlError(m_store->handle(), "revokeTokensOf");
    return false;
}

std::optional<CaseEvent> SqliteServerStorage::lastEvent(qint64 caseId) const
{
    const QList<CaseEvent> events = m_store->eventsFor(caseId);
    if (events.isEmpty())
        return std::nullopt;
    return events.last();
}

qint64 SqliteServerStorage::maxCaseId() const
{
    SqlStatement q(m_store->handle(), "SELECT coalesce(max(id), 0) FROM cases");
    return q.step() == SQLITE_ROW ? q.integer(0) : 0;
}

qint64 SqliteServerStorage::lastClientSeq(const QString& user, const QString& clientId) const
{
    SqlStatement q(m_store->handle(), "SELECT coalesce(max(client_seq), 0) FROM applied_actions WHERE user = ?1 AND client_id = ?2");
    q.bind(1, user);
    q.bind(2, clientId);
    return q.step() == SQLITE_ROW ? q.integer(0) : 0;
}

std::optional<QJsonObject> SqliteServerStorage::resultForKey(const QString& user, const QString& clientId, const QString& key) const
{
    SqlStatement q(m_store->handle(), "SELECT result FROM applied_actions WHERE user = ?1 AND client_id = ?2 AND key = ?3");
    q.bind(1, user);
    q.bind(2, clientId);
    q.bind(3, key);
    if (q.step() != SQLITE_ROW)
        return std::nullopt;
    return QJsonDocument::fromJson(q.blob(0)).object();
}

std::optional<CaseEvent> SqliteServerStorage::lastEventOf(qint64 caseId, CaseAction action) const
{
    const QList<CaseEvent> events = m_store->eventsFor(caseId);
    for (auto it = events.crbegin(); it != events.crend(); ++it)
        if (it->action == action)
            return *it;
    return std::nullopt;
}

qint64 SqliteServerStorage::accountsVersion() const
{
    // Bumped by every commit of another connection: add-user is another process, and the
    // server's own readers never write.
    SqlStatement q(m_store->handle(), "PRAGMA data_version");
    return q.step() == SQLITE_ROW ? q.integer(0) : 0;
}

std::optional<AccountsState> SqliteServerStorage::accountsState(const QStringList& users, const QStringList& tokens) const
{
    const TokenHashes hashed(tokens);
    SqlStatement q(m_store->handle(), QByteArray("SELECT 0, ") + kUserSelect + " FROM users WHERE name IN (SELECT value FROM json_each(?1)) "
                                                                             "UNION ALL SELECT 1, token_hash, NULL, NULL, NULL, NULL, NULL, NULL, NULL FROM tokens "
                                                                             "WHERE token_hash IN (SELECT value FROM json_each(?2))");
    q.bind(1, jsonList(users));
    q.bind(2, jsonList(hashed.hashes));
    AccountsState state;
    int rc = SQLITE_ROW;
    while ((rc = q.step()) == SQLITE_ROW) {
        if (q.integer(0) == 1) {
            state.tokens.insert(hashed.tokenByHash.value(q.text(1)));
        } else if (std::optional<UserRecord> u = userAt(q, 1)) {
            state.users.insert(u->name, *u);
        }
    }
    if (rc != SQLITE_DONE)
        return std::nullopt;
    return state;
}

qint64 SqliteServerStorage::commitAction(ActionCommit& c)
{
    sqlite3* db = m_store->handle();
    if (!m_store->begin()) {
        m_lastError = m_store->lastError();
        return -1;
    }
    auto failed = [&](const QString& message) -> qint64 {
        m_lastError = message;
        m_store->rollback();
        return -1;
    };
    qint64 newCursor = 0;
    if (c.caseRow && c.event) {
        bool written = false;
        if (!m_store->putCase(*c.caseRow, &written) || !written)
            return failed(written ? m_store->lastError() : QStringLiteral("case row not newer than the stored one"));
        c.event->id = 0;
        if (!m_store->appendEvent(*c.event))
            return failed(m_store->lastError());
        c.event->id = sqlite3_last_insert_rowid(db);
        SqlStatement log(db, "INSERT INTO change_log (case_id, street_code, case_row, event) VALUES (?1, ?2, ?3, ?4)");
        log.bind(1, c.caseRow->id);
        log.bind(2, c.caseRow->streetCode);
        log.bindBlob(3, QJsonDocument(protocol::caseToRow(*c.caseRow)).toJson(QJsonDocument::Compact));
        log.bindBlob(4, QJsonDocument(protocol::eventToJson(*c.event)).toJson(QJsonDocument::Compact));
        if (log.step() != SQLITE_DONE)
            return failed(sqlError(db, "change_log"));
        newCursor = sqlite3_last_insert_rowid(db);
        c.result.insert(QStringLiteral("cursor"), newCursor);
        // The photos go in with their event: a batch that carries the event carries them.
        for (NewPhoto& photo : c.photos) {
            photo.meta.id = 0;
            photo.meta.caseId = c.caseRow->id;
            photo.meta.eventId = c.event->id;
            if (!m_store->putPhoto(photo.meta, &photo.meta.id))
                return failed(m_store->lastError());
            SqlStatement data(db, "INSERT INTO photo_data (photo_id, data) VALUES (?1, ?2)");
            data.bind(1, photo.meta.id);
            data.bindBlob(2, photo.data);
            if (data.step() != SQLITE_DONE)
                return failed(sqlError(db, "photo_data"));
        }
    }
    if (c.store) {
        SqlStatement q(db, "INSERT INTO applied_actions (user, client_id, client_seq, key, result) VALUES (?1, ?2, ?3, ?4, ?5)");
        q.bind(1, c.user);
        q.bind(2, c.clientId);
        q.bind(3, c.clientSeq);
        q.bind(4, c.key);
        q.bindBlob(5, QJsonDocument(c.result).toJson(QJsonDocument::Compact));
        if (q.step() != SQLITE_DONE)
            return failed(sqlError(db, "applied_actions"));
    }
    if (!appendAudit(c))
        return failed(sqlError(db, "audit"));
    if (!m_store->commit()) {
        m_lastError = m_store->lastError();
        return -1;
    }
    auditCommitted(c.audit);
    return newCursor;
}

bool SqliteServerStorage::appendAudit(ActionCommit& c)
{
    sqlite3* db = m_store->handle();
    SqlStatement last(db, "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1");
    qint64 lastSeq = 0;
    QByteArray lastHash;
    if (last.step() == SQLITE_ROW) {
        lastSeq = last.integer(0);
        lastHash = last.blob(1);
    }
    QByteArray hash;
    const AuditBytes b = auditchain::nextEntry(c.audit, lastSeq, lastHash, m_auditKey ? &*m_auditKey : nullptr, m_auditKeyId, &hash);
    SqlStatement q(db, "INSERT INTO audit (seq, at, user, client, action, case_id, result, peer, scheme, key_id, prev_hash, hash) "
                       "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12)");
    q.bind(1, b.seq);
    q.bind(2, b.at);
    bindBytes(q.get(), 3, b.user);
    bindBytes(q.get(), 4, b.client);
    bindBytes(q.get(), 5, b.action);
    q.bind(6, b.caseId);
    bindBytes(q.get(), 7, b.result);
    bindBytes(q.get(), 8, b.peer);
    q.bind(9, b.scheme);
    bindBytes(q.get(), 10, b.keyId);
    bindBytes(q.get(), 11, b.prevHash);
    bindBytes(q.get(), 12, hash);
    if (q.step() != SQLITE_DONE)
        return false;
    c.audit.seq = b.seq;
    c.audit.prevHash = b.prevHash;
    c.audit.hash = hash;
    return true;
}

void SqliteServerStorage::auditCommitted(const AuditRecord& newest)
{
    m_auditSeq = newest.seq;
    m_auditHash = newest.hash;
    // One checkpoint (a line and an fdatasync) per kAuditCheckpointEvery entries; the
    // server adds one every few seconds while entries come in.
    if (m_auditKey && m_auditSeq - m_checkpointSeq >= kAuditCheckpointEvery)
        checkpointAudit();
}

qint64 SqliteServerStorage::cursor() const
{
    SqlStatement q(m_store->handle(), "SELECT coalesce(max(seq), 0) FROM change_log");
    return q.step() == SQLITE_ROW ? q.integer(0) : 0;
}

QList<ChangeRecord> SqliteServerStorage::changesSince(qint64 cursor, int limit) const
{
    QList<ChangeRecord> out;
    SqlStatement q(m_store->handle(), "SELECT seq, case_id, street_code, case_row, event FROM change_log WHERE seq > ?1 ORDER BY seq LIMIT ?2");
    q.bind(1, cursor);
    q.bind(2, limit);
    while (q.step() == SQLITE_ROW)
        out.append({ q.integer(0), q.integer(1), q.text(2), q.blob(3), q.blob(4), {} });
    if (out.isEmpty())
        return out;
    // The photos of these changes' events: few changes have any, so one join finds them.
    SqlStatement photos(m_store->handle(),
        QByteArray("SELECT l.seq, ") + kPhotoSelect
            + " FROM change_log l JOIN case_photos p ON p.event_id = json_extract(CAST(l.event AS TEXT), '$.id')"
              " WHERE l.seq > ?1 AND l.seq <= ?2 ORDER BY l.seq, p.id");
    photos.bind(1, cursor);
    photos.bind(2, out.last().seq);
    qsizetype at = 0;
    while (photos.step() == SQLITE_ROW) {
        const qint64 seq = photos.integer(0);
        while (at < out.size() && out[at].seq < seq)
            ++at;
        if (at < out.size() && out[at].seq == seq)
            out[at].photos.append(photoAt(photos, 1));
    }
    return out;
}

std::optional<StoredPhoto> SqliteServerStorage::photo(qint64 id) const
{
    m_lastError.clear(); // an empty error tells "no such photo" from a failed read
    SqlStatement q(m_store->handle(),
        QByteArray("SELECT ") + kPhotoSelect + ", d.data FROM case_photos p JOIN photo_data d ON d.photo_id = p.id WHERE p.id = ?1");
    if (!q.ok()) {
        m_lastError = sqlError(m_store->handle(), "photo");
        return std::nullopt;
    }
    q.bind(1, id);
    const int rc = q.step();
    if (rc != SQLITE_ROW) {
        if (rc != SQLITE_DONE)
            m_lastError = sqlError(m_store->handle(), "photo");
        return std::nullopt;
    }
    return StoredPhoto { photoAt(q, 0), q.blob(9) };
}

bool SqliteServerStorage::migrateAudit(QString* error)
{
    // Entries written before the keyed chain keep scheme 1 (the column's default) and
    // verify as they were written. IMMEDIATE and a second look: the server and a command
    // may open an old database at once.
    auto missingColumns = [this] {
        QStringList have;
        SqlStatement q(m_store->handle(), "SELECT name FROM pragma_table_info('audit')");
        while (q.step() == SQLITE_ROW)
            have.append(q.text(0));
        QList<const char*> missing;
        static const char* const columns[][2] = {
            { "peer", "ALTER TABLE audit ADD COLUMN peer TEXT NOT NULL DEFAULT ''" },
            { "scheme", "ALTER TABLE audit ADD COLUMN scheme INTEGER NOT NULL DEFAULT 1" },
            { "key_id", "ALTER TABLE audit ADD COLUMN key_id TEXT NOT NULL DEFAULT ''" },
        };
        for (const auto& column : columns)
            if (!have.contains(QLatin1String(column[0])))
                missing.append(column[1]);
        return missing;
    };
    if (missingColumns().isEmpty()) {
        if (exec("INSERT OR IGNORE INTO server_meta (key, value) VALUES ('audit_format', '2')"))
            return true;
        *error = m_lastError;
        return false;
    }
    bool ok = exec("BEGIN IMMEDIATE");
    if (ok) {
        for (const char* sql : missingColumns())
            ok = ok && exec(sql);
        ok = ok && exec("INSERT OR REPLACE INTO server_meta (key, value) VALUES ('audit_format', '2')") && exec("COMMIT");
    }
    if (!ok) {
        *error = QCoreApplication::translate("Audit", "Cannot add the keyed audit columns: %1").arg(m_lastError);
        exec("ROLLBACK");
    }
    return ok;
}

bool SqliteServerStorage::setAuditKey(const AuditKey& key, QString* error, QString* warning)
{
    sqlite3* db = m_store->handle();
    const QByteArray id = key.id();
    if (warning) {
        SqlStatement other(db, "SELECT key_id FROM audit WHERE scheme = 3 ORDER BY seq DESC LIMIT 1");
        if (other.step() == SQLITE_ROW && other.blob(0) != id)
            *warning = QCoreApplication::translate("Audit",
                "The audit log was keyed with key %1 until now; from here on it is keyed with %2 (key %3). verify-audit checks each part only with its own key.")
                           .arg(QString::fromLatin1(other.blob(0)), key.path, QString::fromLatin1(id));
    }
    // The log as it is now is the first checkpoint: from here on every entry must be keyed.
    SqlStatement last(db, "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1");
    qint64 seq = 0;
    QByteArray hash = kGenesisHash;
    if (last.step() == SQLITE_ROW) {
        seq = last.integer(0);
        hash = last.blob(1);
    }
    if (!appendAuditCheckpoint(key, seq, hash, error))
        return false;
    m_auditKey = key;
    m_auditKeyId = id;
    m_auditSeq = m_checkpointSeq = seq;
    m_auditHash = hash;
    return true;
}

bool SqliteServerStorage::checkpointAudit()
{
    if (!m_auditKey || m_auditSeq <= m_checkpointSeq)
        return true;
    // Marked done even if the write fails: a broken disk is not retried on every action.
    m_checkpointSeq = m_auditSeq;
    QString error;
    if (appendAuditCheckpoint(*m_auditKey, m_auditSeq, m_auditHash, &error))
        return true;
    m_lastError = error;
    qWarning("%s", qPrintable(error));
    return false;
}

AuditVerification SqliteServerStorage::verifyAudit(const AuditKey* key) const
{
    auditchain::Verifier verifier(key);
    SqlStatement q(m_store->handle(),
        "SELECT seq, at, user, client, action, case_id, result, peer, scheme, key_id, prev_hash, hash FROM audit ORDER BY seq");
    while (q.step() == SQLITE_ROW) {
        AuditBytes b;
        b.seq = q.integer(0);
        b.at = q.integer(1);
        b.user = q.blob(2);
        b.client = q.blob(3);
        b.action = q.blob(4);
        b.caseId = q.integer(5);
        b.result = q.blob(6);
        b.peer = q.blob(7);
        b.scheme = q.integer(8);
        b.keyId = q.blob(9);
        b.prevHash = q.blob(10);
        verifier.add(b, q.blob(11));
    }
    return verifier.finish();
}

// Snapshot ---------------------------------------------------------------------------

namespace {
// Reads on a connection of its own inside one read transaction, so the snapshot stays
// consistent with its cursor while the server keeps committing actions.
class SqliteSnapshotReader : public SnapshotReader {
public:
    SqliteSnapshotReader(const QString& path, const QString& scope, bool withStreams)
        : m_scope(scope)
        , m_withStreams(withStreams)
    {
        if (sqlite3_open_v2(path.toUtf8().constData(), &m_db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
            m_error = sqlError(m_db, "snapshot open");
            return;
        }
        sqlite3_busy_timeout(m_db, 5000);
        if (sqlite3_exec(m_db, "BEGIN", nullptr, nullptr, nullptr) != SQLITE_OK) {
            m_error = sqlError(m_db, "snapshot begin");
            return;
        }
        {
            SqlStatement q(m_db, "SELECT coalesce(max(seq), 0) FROM change_log");
            m_cursor = q.step() == SQLITE_ROW ? q.integer(0) : 0;
        }
        const char* tables[] = { "streets", "communities", "grids", "workers", "departments", "cameras" };
        for (const char* t : tables)
            m_counts.insert(QString::fromLatin1(t), count(t));
        m_counts.insert(QStringLiteral("cases"), count("cases"));
        m_cases = std::make_unique<SqlStatement>(m_db, QByteArray(QByteArray("SELECT ") + protocol::caseColumns().join(QLatin1Char(',')).toLatin1()
            + " FROM cases WHERE " + scopeWhere("street_code") + " ORDER BY id"));
        m_cases->bind(1, m_scope);
        // A photo is in scope when its case is.
        const QByteArray photosOfScope = " FROM case_photos p JOIN cases c ON c.id = p.case_id WHERE " + scopeWhere("c.street_code");
        {
            SqlStatement q(m_db, "SELECT count(*)" + photosOfScope);
            q.bind(1, m_scope);
            m_counts.insert(QStringLiteral("photos"), q.step() == SQLITE_ROW ? q.integer(0) : 0);
        }
        m_photos = std::make_unique<SqlStatement>(m_db, QByteArray("SELECT ") + kPhotoSelect + photosOfScope + " ORDER BY p.id");
        m_photos->bind(1, m_scope);
    }
    ~SqliteSnapshotReader() override
    {
        m_cases.reset();
        m_photos.reset();
        if (m_db) {
            sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
            sqlite3_close(m_db);
        }
    }
    qint64 cursor() const override { return m_cursor; }
    QJsonObject counts() const override { return m_counts; }
    QString checksum() const override { return m_checksum.hex(); }
    QString error() const override { return m_error; }

    QList<QPair<QString, QJsonArray>> referenceTables() override
    {
        QJsonArray districts, streets, communities, grids, workers, departments, basemap, cameras;
        {
            // A street-scoped user sees its own district only.
            SqlStatement q(m_db, QByteArray("SELECT code, name, boundary FROM districts WHERE substr(?1, 1, length(code)) = code"
                                    " OR ?1 = '' ORDER BY code"));
            q.bind(1, m_scope);
            while (q.step() == SQLITE_ROW)
                districts.append(QJsonObject { { "code", q.text(0) }, { "name", q.text(1) }, { "boundary", b64(q, 2) } });
        }
        {
            // Roads and water are the same for everyone.
            SqlStatement q(m_db, "SELECT id, kind, name, line, area FROM basemap_features ORDER BY id");
            while (q.step() == SQLITE_ROW)
                basemap.append(QJsonObject { { "id", q.integer(0) }, { "kind", q.text(1) }, { "name", q.text(2) },
                    { "line", b64(q, 3) }, { "area", b64(q, 4) } });
        }
        {
            SqlStatement q(m_db, QByteArray("SELECT code, name, district_code, boundary FROM streets WHERE " + scopeWhere("code") + " ORDER BY code"));
            q.bind(1, m_scope);
            while (q.step() == SQLITE_ROW)
                streets.append(QJsonObject { { "code", q.text(0) }, { "name", q.text(1) }, { "districtCode", q.text(2) }, { "boundary", b64(q, 3) } });
        }
        {
            SqlStatement q(m_db, QByteArray("SELECT code, name, street_code, boundary FROM communities WHERE " + scopeWhere("street_code") + " ORDER BY code"));
            q.bind(1, m_scope);
            while (q.step() == SQLITE_ROW)
                communities.append(QJsonObject { { "code", q.text(0) }, { "name", q.text(1) }, { "streetCode", q.text(2) }, { "boundary", b64(q, 3) } });
        }
        {
            SqlStatement q(m_db, QByteArray("SELECT code, name, community_code, street_code, boundary, centroid_lon, centroid_lat FROM grids WHERE "
                + scopeWhere("street_code") + " ORDER BY code"));
            q.bind(1, m_scope);
            while (q.step() == SQLITE_ROW)
                grids.append(QJsonObject { { "code", q.text(0) }, { "name", q.text(1) }, { "communityCode", q.text(2) },
                    { "streetCode", q.text(3) }, { "boundary", b64(q, 4) },
                    { "lon", sqlite3_column_double(q.get(), 5) }, { "lat", sqlite3_column_double(q.get(), 6) } });
        }
        {
            SqlStatement q(m_db, QByteArray("SELECT id, code, name, kind, home_grid_code, street_code, team, phone FROM workers WHERE "
                + scopeWhere("street_code") + " ORDER BY code"));
            q.bind(1, m_scope);
            while (q.step() == SQLITE_ROW)
                workers.append(QJsonObject { { "id", q.integer(0) }, { "code", q.text(1) }, { "name", q.text(2) },
                    { "kind", q.text(3) }, { "homeGridCode", q.text(4) }, { "streetCode", q.text(5) },
                    { "team", q.text(6) }, { "phone", q.text(7) } });
        }
        {
            SqlStatement q(m_db, "SELECT code, name_zh, name_en FROM departments ORDER BY code");
            while (q.step() == SQLITE_ROW)
                departments.append(QJsonObject { { "code", q.text(0) }, { "nameZh", q.text(1) }, { "nameEn", q.text(2) } });
        }
        {
            SqlStatement q(m_db, QByteArray("SELECT code, name, kind, lon, lat, direction, main_url, sub_url, grid_code, street_code "
                                            "FROM cameras WHERE " + scopeWhere("street_code") + " ORDER BY code"));
            q.bind(1, m_scope);
            while (q.step() == SQLITE_ROW) {
                Camera c { q.text(0), q.text(1), CameraKind::Road, { sqlite3_column_double(q.get(), 3), sqlite3_column_double(q.get(), 4) },
                    sqlite3_column_type(q.get(), 5) == SQLITE_NULL ? -1 : sqlite3_column_double(q.get(), 5), q.text(6), q.text(7),
                    q.text(8), q.text(9) };
                cameraKindFromKey(q.text(2), &c.kind);
                cameras.append(protocol::cameraToJson(c, m_withStreams));
            }
        }
        return referenceTablesInOrder(&m_counts, districts, streets, communities, grids, workers, departments, basemap, cameras);
    }

    QByteArray nextCasesJson(int maxRows, int* rows) override
    {
        // Written straight from the columns: the snapshot is the hot path (PERF.md).
        *rows = 0;
        QByteArray out;
        if (!m_cases || m_done)
            return out;
        out.reserve(maxRows * 400);
        out += '[';
        sqlite3_stmt* s = m_cases->get();
        const int columns = int(protocol::caseColumns().size());
        // Rows up to maxRows, and no more once the chunk passes kSnapshotChunkBytes.
        while (*rows < maxRows && out.size() < protocol::kSnapshotChunkBytes) {
            const int rc = sqlite3_step(s);
            if (rc != SQLITE_ROW) {
                if (rc != SQLITE_DONE)
                    m_error = sqlError(m_db, "snapshot cases");
                m_done = true;
                break;
            }
            if (*rows)
                out += ',';
            out += '[';
            for (int c = 0; c < columns; ++c) {
                if (c)
                    out += ',';
                switch (sqlite3_column_type(s, c)) {
                case SQLITE_INTEGER: out += QByteArray::number(sqlite3_column_int64(s, c)); break;
                case SQLITE_FLOAT: out += QByteArray::number(sqlite3_column_double(s, c), 'g', 17); break;
                case SQLITE_NULL: out += '0'; break; // unset times
                default: appendJsonString(&out, reinterpret_cast<const char*>(sqlite3_column_text(s, c)), sqlite3_column_bytes(s, c));
                }
            }
            out += ']';
            const char* state = reinterpret_cast<const char*>(sqlite3_column_text(s, 10));
            const char* street = reinterpret_cast<const char*>(sqlite3_column_text(s, 9));
            m_checksum.add(sqlite3_column_int64(s, 0), sqlite3_column_int64(s, 26), QString::fromUtf8(state), QString::fromUtf8(street));
            ++*rows;
        }
        out += ']';
        return out;
    }

    QByteArray nextPhotosJson(int maxRows, int* rows) override
    {
        *rows = 0;
        QByteArray out;
        if (!m_photos || m_photosDone)
            return out;
        out += '[';
        sqlite3_stmt* s = m_photos->get();
        while (*rows < maxRows && out.size() < protocol::kSnapshotChunkBytes) {
            const int rc = sqlite3_step(s);
            if (rc != SQLITE_ROW) {
                if (rc != SQLITE_DONE)
                    m_error = sqlError(m_db, "snapshot photos");
                m_photosDone = true;
                break;
            }
            if (*rows)
                out += ',';
            // Numbers, a fixed mime and base64: nothing here needs JSON escaping.
            const CasePhoto p = photoAt(*m_photos, 0);
            out += "{\"id\":" + QByteArray::number(p.id) + ",\"caseId\":" + QByteArray::number(p.caseId)
                + ",\"eventId\":" + QByteArray::number(p.eventId) + ",\"takenAt\":" + QByteArray::number(protocol::toWireTime(p.takenAt))
                + ",\"mime\":";
            appendJsonString(&out, p.mime.toUtf8().constData(), int(p.mime.toUtf8().size()));
            out += ",\"width\":" + QByteArray::number(p.width) + ",\"height\":" + QByteArray::number(p.height)
                + ",\"bytes\":" + QByteArray::number(p.bytes) + ",\"thumbnail\":\"" + p.thumbnail.toBase64() + "\"}";
            ++*rows;
        }
        out += ']';
        return out;
    }

private:
    QByteArray scopeWhere(const char* column) const
    {
        return QByteArray("substr(") + column + ", 1, length(?1)) = ?1";
    }
    qint64 count(const char* table)
    {
        const bool scoped = qstrcmp(table, "departments") != 0;
        const char* column = qstrcmp(table, "streets") == 0 ? "code" : "street_code";
        SqlStatement q(m_db, QByteArray(QByteArray("SELECT count(*) FROM ") + table + (scoped ? " WHERE " + scopeWhere(column) : QByteArray())));
        if (scoped)
            q.bind(1, m_scope);
        return q.step() == SQLITE_ROW ? q.integer(0) : 0;
    }
    static QString b64(const SqlStatement& q, int c)
    {
        return QString::fromLatin1(q.blob(c).toBase64());
    }

    sqlite3* m_db = nullptr;
    QString m_scope;
    bool m_withStreams = false;
    QString m_error;
    qint64 m_cursor = 0;
    QJsonObject m_counts;
    std::unique_ptr<SqlStatement> m_cases;
    bool m_done = false;
    std::unique_ptr<SqlStatement> m_photos;
    bool m_photosDone = false;
    protocol::CaseChecksum m_checksum;
};
} // namespace

std::unique_ptr<SnapshotReader> SqliteServerStorage::openSnapshot(const QString& streetScope, bool withStreams)
{
    return std::make_unique<SqliteSnapshotReader>(m_store->path(), streetScope, withStreams);
}

bool SqliteServerStorage::putCameras(const QList<Camera>& cameras)
{
    if (!m_store->begin()) {
        m_lastError = m_store->lastError();
        return false;
    }
    for (const Camera& c : cameras) {
        if (!m_store->putCamera(c)) {
            m_lastError = m_store->lastError();
            m_store->rollback();
            return false;
        }
    }
    if (!m_store->commit()) {
        m_lastError = m_store->lastError();
        return false;
    }
    return true;
}

bool SqliteServerStorage::appendTrack(const QList<RecordedFix>& fixes)
{
    return appendRecordedFixes(*m_store, fixes, &m_lastError);
}

QList<RecordedFix> SqliteServerStorage::track(const QStringList& workers, qint64 fromMs, qint64 toMs, int limit) const
{
    m_lastError.clear();
    return recordedFixes(*m_store, workers, fromMs, toMs, &m_lastError, limit);
}

qint64 SqliteServerStorage::pruneTrack(qint64 beforeMs)
{
    return pruneRecordedFixes(*m_store, beforeMs, &m_lastError);
}

} // namespace gridhall
