#pragma once
// The PostgreSQL server storage: the replicated tables in the shape of models/store's
// schema (cases, case_events, case_photos, areas, workers …) plus the server's own tables
// (users, tokens, audit, change_log, applied_actions, photo_data, server_meta), so several
// `serve` processes can share one database (docs/DEPLOY.md § Several instances).
//
// Commits that enter the change log or the audit chain take one row lock first (the
// `chain` row of server_counters): change-log positions are then handed out in commit
// order, so a reader that saw position n has seen every position below it, and the audit
// chain never forks. Each such commit NOTIFYs the new cursor; the other instances LISTEN.

#include "app/server/auditchain.h"
#include "app/server/pgconnection.h"
#include "app/server/serverstorage.h"

class QSocketNotifier;
class QTimer;

namespace gridhall {

class PgServerStorage : public ServerStorage {
public:
    // Connects with a libpq URI (postgresql://…), creates or migrates the schema; null
    // with *error set on failure.
    static std::unique_ptr<PgServerStorage> open(const QString& uri, QString* error);
    ~PgServerStorage() override;

    static constexpr int kSchemaVersion = 2;

    QString epoch() const override { return m_epoch; }
    QString lastError() const override { return m_db->lastError(); }
    bool putUser(const UserRecord& u) override;
    std::optional<UserRecord> user(const QString& name) const override;
    bool commitSessions(SessionWrites& writes) override;
    std::optional<SessionToken> token(const QString& token) const override;
    bool revokeTokensOf(const QString& user) override;
    qint64 accountsVersion() const override;
    std::optional<AccountsState> accountsState(const QStringList& users, const QStringList& tokens) const override;
    QList<Street> streets() const override;
    QList<GridCell> grids() const override;
    QList<Worker> workers() const override;
    QList<Department> departments() const override;
    QList<Camera> cameras() const override;
    bool putCameras(const QList<Camera>& cameras) override;
    std::optional<Case> caseById(qint64 id) const override;
    std::optional<CaseEvent> lastEvent(qint64 caseId) const override;
    std::optional<CaseEvent> lastEventOf(qint64 caseId, CaseAction action) const override;
    qint64 maxCaseId() const override;
    qint64 nextCaseId() override;
    qint64 lastClientSeq(const QString& user, const QString& clientId) const override;
    std::optional<QJsonObject> resultForKey(const QString& user, const QString& clientId, const QString& key) const override;
    ClientState clientState(const QString& user, const QString& clientId, const QString& key) const override;
    qint64 commitAction(ActionCommit& commit) override;
    bool groupsCommits() const override { return true; }
    bool beginGroup(int expectedActions) override;
    bool endGroup() override;
    qint64 cursor() const override;
    void watchCursor(std::function<void(qint64 cursor)> moved) override;
    // A socket a connection; the listening connection is opened again after it was lost
    // (the old one may not be closed yet).
    int descriptorsPerConnection() const override { return 1; }
    int descriptorsLater() const override { return 1; }
    void publishPositions(const QByteArray& batch) override;
    void watchPositions(std::function<void(const QByteArray& batch)> arrived) override;
    QList<ChangeRecord> changesSince(qint64 cursor, int limit) const override;
    std::unique_ptr<SnapshotReader> openSnapshot(const QString& streetScope, bool withStreams) override;
    std::optional<StoredPhoto> photo(qint64 id) const override;
    AuditVerification verifyAudit(const AuditKey* key) const override;
    bool setAuditKey(const AuditKey& key, QString* error, QString* warning = nullptr) override;
    bool checkpointAudit() override;
    static constexpr int kAuditCheckpointEvery = 1000;
    bool beginTransaction() override;
    bool commitTransaction() override;
    void rollbackTransaction() override;
    bool appendTrack(const QList<RecordedFix>& fixes) override;
    QList<RecordedFix> track(const QStringList& workers, qint64 fromMs, qint64 toMs, int limit) const override;
    qint64 pruneTrack(qint64 beforeMs) override;

    PgConnection& connection() { return *m_db; }
    // After rows were loaded with their ids (copy-db): the sequences continue above them.
    bool resetSequences();

private:
    // Where the chain stands: the last audit entry and the change log's end.
    struct ChainState {
        qint64 auditSeq = 0;
        QByteArray auditHash;
        qint64 changeSeq = 0;
    };
    // Actions committed together (beginGroup … endGroup): one transaction holding the chain
    // lock from the first commit on.
    struct Group {
        bool active = false;
        int expected = 1; // actions the server has queued
        bool open = false; // the transaction has begun and holds the chain lock
        bool broken = false; // an action's failure could not be undone: nothing commits
        bool failed = false; // an earlier part, committed early (settleGroup), failed
        bool wroteAudit = false;
        ChainState chain;
    };
    PgServerStorage() = default;
    bool lockChain(int eventIds, int photoIds, ChainState* state, QList<qint64>* events, QList<qint64>* photos);
    bool takeIds(const ActionCommit& c, qint64* eventId, QList<qint64>* photoIds);
    // Queues an action's writes (case, event, change log, photos, NOTIFY, stored answer,
    // audit entry) continuing the chain from `from`; the index of the case write, or -1.
    int queueWrites(PgPipeline& writes, ActionCommit& c, const ChainState& from, qint64 eventId, const QList<qint64>& photoIds,
        auditchain::AuditBytes* entry, QByteArray* hash);
    void committed(ActionCommit& c, const auditchain::AuditBytes& b, const QByteArray& hash, ChainState* chain);
    qint64 commitInGroup(ActionCommit& c);
    static constexpr int kChainAttempts = 4;
    static constexpr int kEventIdBlock = 32;
    QList<qint64> newIds(const char* table, int count);
    void auditCommitted(qint64 seq, const QByteArray& hash);
    bool closeGroup(const Group& g);
    void settleGroup();
    bool createSchema(QString* error);
    bool bumpAccounts();
    void onNotify();
    bool listen();

    QString m_uri;
    std::unique_ptr<PgConnection> m_db;
    QString m_epoch;
    static constexpr qint64 kTokenPruneIntervalMs = 10 * 60 * 1000;
    qint64 m_lastTokenPruneMs = 0;
    // accountsVersion() leaves out this process's own changes, as SQLite's data_version does.
    qint64 m_ownAccountChanges = 0;
    std::optional<AuditKey> m_auditKey;
    QByteArray m_auditKeyId;
    qint64 m_auditSeq = 0;
    QByteArray m_auditHash;
    qint64 m_checkpointSeq = 0;
    // LISTEN on a connection of its own, watched by the event loop.
    std::function<void(qint64)> m_cursorMoved;
    std::unique_ptr<PgConnection> m_listener;
    std::unique_ptr<QSocketNotifier> m_listenNotifier;
    std::unique_ptr<QTimer> m_relisten;
    // Position batches of the other instances (the unlogged table position_batches).
    std::function<void(const QByteArray&)> m_positionsArrived;
    qint64 m_lastBatchPruneMs = 0;
    bool m_publishFailed = false; // warned once until a publish works again
    Group m_group;
    // Where the chain ended after this server's last commit (or read): a commit is sent in
    // one round trip on the guess that it still ends there.
    ChainState m_chain;
    bool m_chainKnown = false;
    QList<qint64> m_eventIds; // taken from case_events' sequence a block at a time
    static constexpr int kCaseIdBlock = 16;
    QList<qint64> m_caseIds; // taken from case_ids a block at a time
};

} // namespace gridhall
