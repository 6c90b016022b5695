#pragma once
// The embedded SQLite server storage: the store's schema for the replicated tables
// (cases, case_events, case_photos, areas, workers …) plus the server's own tables (users,
// tokens, audit, change_log, applied_actions, photo_data, server_meta), all in one file.

#include "app/server/serverstorage.h"
#include "models/store/store.h"

#include <QHash>

namespace gridhall {

class SqliteServerStorage : public ServerStorage {
public:
    // Opens (or creates) the database; null with *error set on failure.
    static std::unique_ptr<SqliteServerStorage> open(const QString& path, QString* error);
    ~SqliteServerStorage() override;

    QString epoch() const override { return m_epoch; }
    QString lastError() const override { return m_lastError; }
    bool putUser(const UserRecord& u) override;
    std::optional<UserRecord> user(const QString& name) const override;
    bool commitSessions(SessionWrites& writes) override;
    // A connection opens the file and its WAL (the shared-memory file is one per process)
    // and may spill a large sort or a statement journal to a temporary file; the server's
    // own connection holds its files already and may still open temporary ones.
    int descriptorsPerConnection() const override { return 3; }
    int descriptorsLater() const override { return 2; }
    std::optional<SessionToken> token(const QString& token) const override;
    bool revokeTokensOf(const QString& user) override;
    QList<Street> streets() const override { return m_store->streets(); }
    QList<GridCell> grids() const override { return m_store->grids(); }
    QList<Worker> workers() const override { return m_store->workers(); }
    QList<Department> departments() const override { return m_store->departments(); }
    QList<Camera> cameras() const override { return m_store->cameras(); }
    bool putCameras(const QList<Camera>& cameras) override;
    std::optional<Case> caseById(qint64 id) const override { return m_store->caseById(id); }
    std::optional<CaseEvent> lastEvent(qint64 caseId) const override;
    qint64 maxCaseId() const override;
    qint64 lastClientSeq(const QString& user, const QString& clientId) const override;
    std::optional<QJsonObject> resultForKey(const QString& user, const QString& clientId, const QString& key) const override;
    std::optional<CaseEvent> lastEventOf(qint64 caseId, CaseAction action) const override;
    qint64 accountsVersion() const override;
    std::optional<AccountsState> accountsState(const QStringList& users, const QStringList& tokens) const override;
    qint64 commitAction(ActionCommit& commit) override;
    qint64 cursor() const override;
    QList<ChangeRecord> changesSince(qint64 cursor, int limit) const override;
    std::unique_ptr<SnapshotReader> openSnapshot(const QString& streetScope, bool withStreams) override;
    std::optional<StoredPhoto> photo(qint64 id) const override;
    AuditVerification verifyAudit(const AuditKey* key) const override;
    // From now on audit entries are keyed with this key (HMAC-SHA256) and checkpointed to
    // its checkpoint file; writes a checkpoint of the log as it is now. *warning (if
    // given) says when the log was keyed with another key before.
    bool setAuditKey(const AuditKey& key, QString* error, QString* warning = nullptr) override;
    // Writes a checkpoint if entries were added since the last one (the server calls it
    // every few seconds; commitAction every kAuditCheckpointEvery entries; and at close).
    bool checkpointAudit() override;
    static constexpr int kAuditCheckpointEvery = 1000;
    bool appendTrack(const QList<RecordedFix>& fixes) override;
    QList<RecordedFix> track(const QStringList& workers, qint64 fromMs, qint64 toMs, int limit) const override;
    qint64 pruneTrack(qint64 beforeMs) override;

    bool beginTransaction() override { return m_store->begin(); }
    bool commitTransaction() override { return m_store->commit(); }
    void rollbackTransaction() override { m_store->rollback(); }

    Store& store() { return *m_store; }

private:
    SqliteServerStorage() = default;
    bool exec(const char* sql);
    bool scopeAppliedActionsToUsers();
    // The next audit entry, inside the caller's transaction; its seq and hashes go to c.audit.
    bool appendAudit(ActionCommit& c);
    void auditCommitted(const AuditRecord& newest); // the chain's end after a commit

    // users.disabled and hashed tokens in databases made before them.
    bool upgradeAccountTables();
    std::unique_ptr<Store> m_store;
    static constexpr qint64 kTokenPruneIntervalMs = 10 * 60 * 1000;
    qint64 m_lastTokenPruneMs = 0;
    QString m_epoch;
    mutable QString m_lastError;
    // Audit keying (docs/SECURITY.md § Audit log).
    bool migrateAudit(QString* error);
    std::optional<AuditKey> m_auditKey;
    QByteArray m_auditKeyId;
    // The last entry this storage wrote, and the last one it checkpointed.
    qint64 m_auditSeq = 0;
    QByteArray m_auditHash;
    qint64 m_checkpointSeq = 0;
};

} // namespace gridhall
