#pragma once
// What the sync server needs from its database, behind one interface so a PostgreSQL
// backend can replace the embedded SQLite one (SqliteServerStorage) later. All calls are
// made from the server's thread. Every write is one transaction: an action's case row,
// event, change-log entry, stored result and audit entry commit together or not at all.

#include "models/domain/area.h"
#include "models/domain/camera.h"
#include "models/domain/casetypes.h"
#include "models/domain/people.h"
#include "models/store/trackstore.h"
#include "app/server/auditkey.h"

#include <QByteArray>
#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>
#include <functional>
#include <memory>
#include <optional>

namespace gridhall {

// Server user roles (PROTOCOL.md § Roles and scope).
enum class UserRole { DistrictOperator, StreetOperator, Supervisor, ShiftLeader, Leader, FieldWorker };
QString userRoleKey(UserRole r);
bool userRoleFromKey(const QString& key, UserRole* r);
// The domain role the state machine sees; nothing for the read-only leader.
std::optional<Role> domainRoleFor(UserRole r);
// Whether the role may watch the hall's cameras, and so receives their stream URLs: the
// desk and the leaders; a field worker's handheld gets the cameras without them.
inline bool mayViewVideo(UserRole r) { return r != UserRole::FieldWorker; }

struct UserRecord {
    QString name;
    UserRole role = UserRole::Leader;
    QString street; // scope: a street code, or "" for the whole district
    QString worker; // field workers: the worker code they act as
    QByteArray salt;
    QByteArray hash; // PBKDF2-SHA256
    int iterations = 0;
    bool disabled = false; // may not log in; its tokens are revoked
};

// A session token. The client holds the token itself; the storage keeps only its SHA-256,
// so a copy of the database opens no session.
struct SessionToken {
    QString token;
    QString user;
    QDateTime expiresAt; // absolute: logging in with the token never moves it
};

// The accounts that live sessions stand on, read in one query however many sessions there
// are (SyncServer::checkAccounts): the named users as stored now (absent: gone) and which of
// the given tokens still exist.
struct AccountsState {
    QHash<QString, UserRecord> users;
    QSet<QString> tokens;
};

// How both backends store a session token: its SHA-256 in hex, never the token itself, and
// the same on both so that copy-db and backups keep every client's token valid.
inline QString tokenHash(const QString& token)
{
    return QString::fromLatin1(QCryptographicHash::hash(token.toUtf8(), QCryptographicHash::Sha256).toHex());
}

// The hashes to look a list of tokens up by, and the token each stands for.
struct TokenHashes {
    QStringList hashes;
    QHash<QString, QString> tokenByHash;
    explicit TokenHashes(const QStringList& tokens)
    {
        for (const QString& t : tokens) {
            const QString h = tokenHash(t);
            tokenByHash.insert(h, t);
            hashes << h;
        }
    }
};

struct AuditRecord {
    qint64 seq = 0;
    QDateTime at;
    QString user;
    QString client;
    QString action;
    qint64 caseId = 0;
    QString result; // applied / conflict / refused:<code>
    QString peer; // the client's network address ("" for local commands)
    QByteArray prevHash; // hex
    QByteArray hash; // hex
};
// The first (scheme 1) audit hash: SHA-256 over the previous hash and the entry's fields
// but the peer. New entries are keyed (HMAC-SHA256, docs/SECURITY.md § Audit log).
QByteArray auditHash(const AuditRecord& r);

// What verify-audit found. Problems are listed (the first few in detail) and all counted;
// the walk goes on past a broken entry to the end of the log.
struct AuditVerification {
    qint64 entries = 0;
    qint64 keyed = 0; // HMAC entries checked with the key
    qint64 unkeyed = 0; // SHA-256 entries (from before the log was keyed)
    qint64 unchecked = 0; // keyed entries that could not be checked: no key, or another one
    QByteArray uncheckedKeyId; // the key those were written with
    qint64 checkpoints = 0; // checkpoints compared with the log
    qint64 newestCheckpoint = -1; // highest checkpointed entry, -1 with none
    qint64 problemCount = 0;
    QStringList problems; // the first kMaxListed
    QString keyNote; // why keyed entries or checkpoints could not be checked
    static constexpr int kMaxListed = 10;
    bool intact() const { return problemCount == 0 && unchecked == 0; }
};

struct ChangeRecord {
    qint64 seq = 0;
    qint64 caseId = 0;
    QString streetCode;
    QByteArray caseRow; // JSON array, protocol::caseToRow
    QByteArray event; // JSON object, protocol::eventToJson
    QList<CasePhoto> photos; // that came with the event (facts and thumbnails)
};

// A photo that came with an action, checked and thumbnailed (app/server/serverphotos.h).
struct NewPhoto {
    CasePhoto meta; // id, caseId and eventId are filled in by commitAction
    QByteArray data; // the full photo as uploaded
};

// A full photo as the server keeps it, with its facts.
struct StoredPhoto {
    CasePhoto meta;
    QByteArray data;
};

// A snapshot's reference tables in the order clients take them (districts first, the
// basemap last), each counted into *counts as sent (scoped counts are what was sent).
inline QList<QPair<QString, QJsonArray>> referenceTablesInOrder(QJsonObject* counts, const QJsonArray& districts,
    const QJsonArray& streets, const QJsonArray& communities, const QJsonArray& grids, const QJsonArray& workers,
    const QJsonArray& departments, const QJsonArray& basemap, const QJsonArray& cameras)
{
    const QList<QPair<QString, QJsonArray>> tables { { QStringLiteral("districts"), districts },
        { QStringLiteral("streets"), streets }, { QStringLiteral("communities"), communities },
        { QStringLiteral("grids"), grids }, { QStringLiteral("workers"), workers },
        { QStringLiteral("departments"), departments }, { QStringLiteral("basemap"), basemap },
        { QStringLiteral("cameras"), cameras } };
    for (const auto& [name, rows] : tables)
        counts->insert(name, rows.size());
    return tables;
}

// A consistent read of everything in one scope for a snapshot, streamed in chunks.
class SnapshotReader {
public:
    virtual ~SnapshotReader() = default;
    virtual qint64 cursor() const = 0;
    virtual QJsonObject counts() const = 0;
    // Reference tables, each read at once (they are small): streets, communities, grids,
    // workers, departments, basemap, cameras.
    virtual QList<QPair<QString, QJsonArray>> referenceTables() = 0;
    // Next chunk of case rows (at most maxRows) as the JSON text of an array of row arrays
    // (protocol::caseColumns order); *rows says how many, 0 at the end.
    virtual QByteArray nextCasesJson(int maxRows, int* rows) = 0;
    // Then the photos of those cases, the same way: the JSON text of an array of
    // protocol::photoToJson objects, at most maxRows and about kSnapshotChunkBytes.
    virtual QByteArray nextPhotosJson(int maxRows, int* rows) = 0;
    virtual QString checksum() const = 0; // valid after the last chunk
    virtual QString error() const = 0;
};

struct ActionCommit {
    QString user;
    QString clientId;
    qint64 clientSeq = 0;
    QString key;
    QJsonObject result; // the stored answer (status, codes …)
    AuditRecord audit; // seq, hashes filled by the storage
    // Applied actions only:
    std::optional<Case> caseRow;
    std::optional<CaseEvent> event; // id filled by the storage
    QList<NewPhoto> photos; // stored with the event; ids filled by the storage
    bool store = true; // false: audit only (not a numbered action)
};

class ServerStorage {
public:
    virtual ~ServerStorage() = default;
    virtual QString epoch() const = 0;
    virtual QString lastError() const = 0;

    virtual bool putUser(const UserRecord& u) = 0;
    virtual std::optional<UserRecord> user(const QString& name) const = 0;
    // What the logins and logouts of one pass of the event loop write
    // (SyncServer::processSessions): the tokens password logins were given, the tokens
    // logouts revoke, and an audit entry for each.
    struct SessionWrites {
        QList<SessionToken> issued;
        QStringList revoked;
        QList<ActionCommit> audits; // seq and hashes filled in
    };
    // All of it in one transaction, so that a district's handhelds logging in (or out) at
    // once cost one disk flush a pass instead of two each. Durable when it returns true,
    // and only then do the welcomes go out: a token a client has received survives a
    // server crash. False: none of it is stored.
    virtual bool commitSessions(SessionWrites& writes) = 0;
    virtual std::optional<SessionToken> token(const QString& token) const = 0;
    // Password, role, scope changes and disabling: none of the user's tokens logs in again.
    virtual bool revokeTokensOf(const QString& user) = 0;
    // Changes whenever another process may have changed users or tokens (add-user): the
    // server then checks its live sessions against the accounts.
    virtual qint64 accountsVersion() const = 0;
    // Nothing when the database could not be read (a hiccup must not end sessions).
    virtual std::optional<AccountsState> accountsState(const QStringList& users, const QStringList& tokens) const = 0;

    virtual QList<Street> streets() const = 0;
    virtual QList<GridCell> grids() const = 0;
    virtual QList<Worker> workers() const = 0;
    virtual QList<Department> departments() const = 0;
    // The hall's cameras, by code, stream URLs included (the server's own reads).
    virtual QList<Camera> cameras() const = 0;
    // Upserts the cameras by code in one transaction (import-cameras); false with
    // lastError() set, and nothing written, on failure.
    virtual bool putCameras(const QList<Camera>& cameras) = 0;
    virtual std::optional<Case> caseById(qint64 id) const = 0;
    virtual std::optional<CaseEvent> lastEvent(qint64 caseId) const = 0;
    // The newest event of this action on the case (who fed it back, for separation of duties).
    virtual std::optional<CaseEvent> lastEventOf(qint64 caseId, CaseAction action) const = 0;
    virtual qint64 maxCaseId() const = 0;
    // The id a new case gets. One process alone may count from maxCaseId(); a database that
    // several servers share hands ids out itself (a sequence), so two never take the same.
    virtual qint64 nextCaseId() { return maxCaseId() + 1; }

    // Sequence numbers and idempotency keys belong to one user's client: another user
    // can neither replay nor use them up.
    virtual qint64 lastClientSeq(const QString& user, const QString& clientId) const = 0;
    virtual std::optional<QJsonObject> resultForKey(const QString& user, const QString& clientId, const QString& key) const = 0;
    // Both at once, as an action needs them: the stored answer for key (a retry), else the
    // last sequence number. A networked database answers them in one round trip.
    struct ClientState {
        std::optional<QJsonObject> stored;
        qint64 lastSeq = 0; // valid when stored is empty
    };
    virtual ClientState clientState(const QString& user, const QString& clientId, const QString& key) const
    {
        ClientState state { resultForKey(user, clientId, key), 0 };
        if (!state.stored)
            state.lastSeq = lastClientSeq(user, clientId);
        return state;
    }
    // Commits an action's outcome in one transaction; fills the event id and returns the
    // new cursor (0 if nothing entered the change log), or -1 on failure.
    virtual qint64 commitAction(ActionCommit& commit) = 0;
    // Group commit: after beginGroup (true when the storage groups), commitAction's writes
    // join one transaction that endGroup commits, so actions that arrived together cost one
    // disk flush. An action that fails rolls back alone. Nothing of the group is durable, so
    // nothing of it may be told to anyone, before endGroup returns true; false: none of the
    // group's actions is committed (some may be, if another write came between). Other
    // writes meanwhile commit the group so far first. Without it each action commits at once.
    virtual bool groupsCommits() const { return false; }
    virtual bool beginGroup(int expectedActions) { Q_UNUSED(expectedActions); return false; }
    virtual bool endGroup() { return true; }
    // Descriptors that one more connection to this database opens (a snapshot's reader, the
    // /healthz check), and those the storage's own connections may open later beyond what
    // they hold now: the server keeps them out of its connection cap (SyncServer::listen).
    virtual int descriptorsPerConnection() const = 0;
    virtual int descriptorsLater() const = 0;

    virtual qint64 cursor() const = 0;
    // Calls moved(cursor) on the server's thread when another process committed changes
    // up to that cursor (several servers on one database); never for this storage's own
    // commits. A storage only one process writes never calls it.
    virtual void watchCursor(std::function<void(qint64 cursor)> moved) { Q_UNUSED(moved); }
    // Live positions between instances on one database: publishPositions hands this
    // instance's batch of latest fixes (one per position flush, opaque bytes) to the other
    // instances; watchPositions calls arrived(batch) on the server's thread with each batch
    // another instance published, never with its own. No-ops where one process serves.
    virtual void publishPositions(const QByteArray& batch) { Q_UNUSED(batch); }
    virtual void watchPositions(std::function<void(const QByteArray& batch)> arrived) { Q_UNUSED(arrived); }
    virtual QList<ChangeRecord> changesSince(qint64 cursor, int limit) const = 0;
    // withStreams: camera rows carry their stream URLs (a role that may view video);
    // otherwise they travel with "" in their place (docs/CAMERAS.md). Called on a pool
    // thread (SnapshotStream): it and the reader may touch only a connection of their own.
    virtual std::unique_ptr<SnapshotReader> openSnapshot(const QString& streetScope, bool withStreams) = 0;
    // One full photo with its facts; nullopt when there is no such photo (or on failure,
    // with lastError() set).
    virtual std::optional<StoredPhoto> photo(qint64 id) const = 0;

    // Walks the whole audit chain and compares it with the key's checkpoints; key null: no
    // key at hand (keyed entries and checkpoints are then reported as unchecked).
    virtual AuditVerification verifyAudit(const AuditKey* key) const = 0;
    // From now on audit entries are keyed with this key (HMAC-SHA256) and checkpointed to
    // its checkpoint file; writes a checkpoint of the log as it is now. *warning (if
    // given) says when the log was keyed with another key before.
    virtual bool setAuditKey(const AuditKey& key, QString* error, QString* warning = nullptr) = 0;
    // Writes a checkpoint if this storage added entries since its last one.
    virtual bool checkpointAudit() = 0;
    static constexpr qint64 kAuditCheckpointMs = 2000;

    // One transaction around several account writes (add-user --all-workers).
    virtual bool beginTransaction() = 0;
    virtual bool commitTransaction() = 0;
    virtual void rollbackTransaction() = 0;

    // Workers' tracks for replay: thinned positions (models/store/trackstore.h).
    virtual bool appendTrack(const QList<RecordedFix>& fixes) = 0;
    // Fixes of these workers with fromMs <= at < toMs, by worker then time, at most limit.
    virtual QList<RecordedFix> track(const QStringList& workers, qint64 fromMs, qint64 toMs, int limit) const = 0;
    // Deletes fixes older than beforeMs; how many, or -1.
    virtual qint64 pruneTrack(qint64 beforeMs) = 0;
};

} // namespace gridhall
