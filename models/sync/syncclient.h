#pragma once
// The client side of sync (docs/PROTOCOL.md): keeps the local Store a replica of the
// server's scoped view and carries operator actions from the outbox to the server.
// Lives on the thread that owns the Store (the store thread in the app); the Store is the
// caller's and must outlive the client.
//
// - login with the password, later with the session token (refreshed on every login);
// - snapshot into shadow tables, swapped in atomically once counts and checksum verify;
// - change batches applied together with the cursor in one transaction, gaps resynced;
// - actions committed to the outbox before queueAction() returns, replayed on reconnect;
// - heartbeat dead-link detection and jittered exponential backoff;
// - full-size photos on demand: from the local cache, else from the server (then cached).

#include "models/store/changenotifier.h"
#include "models/store/store.h"
#include "models/store/trackstore.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QSet>
#include <QSslCertificate>
#include <QTimer>
#include <QUrl>
#include <memory>

class QWebSocket;

namespace gridhall {

enum class SyncState { Offline, Connecting, Syncing, Online };
QString syncStateDisplayName(SyncState s);

struct SyncStatus {
    SyncState state = SyncState::Offline;
    QDateTime offlineSince; // valid while not online
    QDateTime lastChangeAt; // when the last change batch or snapshot was applied
    qint64 cursor = 0;
    int pendingActions = 0;
    QString lastError; // translated or server text, for the status bar
    // Who the server says this client is, from the last welcome ("" before the first).
    QString user;
    QString userRole; // district_operator, street_operator, supervisor, shift_leader, leader
    QString street; // the user's street scope; "" for the whole district
    // The server instance this client is on or trying, as host:port ("" before start()).
    QString server;
    // The instance's own name from its last welcome (host name:port): behind a load
    // balancer `server` names the balancer, this the instance that took the session.
    // "" before the first welcome, or from a server that does not say.
    QString instance;
    // The instance this client was on before it last came back on another one (a
    // failover), and when that was; "" and invalid while it never moved.
    QString movedFrom;
    QDateTime movedAt;
    // The server refused this user name and password: the client stopped trying (retrying
    // a wrong password only slows the server's answers) until start() with new credentials.
    bool loginRefused = false;
};

class SyncClient : public QObject {
    Q_OBJECT
public:
    explicit SyncClient(Store& store, QObject* parent = nullptr);
    ~SyncClient() override;

    void setServer(const QUrl& url) { setServers({ url }); }
    // Instances of one hall (they share one database): the client uses one at a time and,
    // when its link is lost or cannot be made, tries the next one after the usual backoff.
    void setServers(const QList<QUrl>& urls);
    QList<QUrl> servers() const { return m_urls; }
    // Certificates trusted for a wss:// server besides the system's: the hall's own CA or
    // the server's self-signed certificate. A certificate nobody vouches for is refused
    // (never ignored), and lastError says why.
    void setTrustedCertificates(const QList<QSslCertificate>& certificates) { m_trusted = certificates; }
    void setCredentials(const QString& user, const QString& password);
    // The id the server orders this replica's actions by (clientSeq counts per id), kept in
    // the replica and made on first use. It belongs to the replica, not the computer: two
    // replicas on one computer (another server, another user) each number their actions from
    // 1, and under one shared id the second would be refused for reusing numbers. A replica
    // that already synced under an id of earlier versions (legacyId) keeps that one.
    static QString replicaClientId(Store& store, const QString& legacyId = {});
    void setClientId(const QString& id) { m_clientId = id; }
    void setHeartbeat(int intervalMs, int deadAfterMs);
    void setBackoff(int minMs, int maxMs);
    void setPositionsWanted(bool on);
    void setStaleAfterSecs(int secs) { m_staleAfterSecs = secs; }
    // Holds each new action this long before sending it, so that the operator can still
    // take a slip back (Store::withdrawQueued, Ctrl+Z in the desk). 0: send at once.
    // Held actions are in the outbox file: a crash or a quit only delays them. An alert's
    // acknowledgement, which has no undo, is not held (it still waits behind held ones).
    void setSendDelay(int ms);
    // Live positions are also recorded, thinned, into the replica for replay and kept this
    // many days (models/store/trackstore.h). 0: not recorded.
    void setTrackDays(int days) { m_trackDays = days; }
    // The recorded fixes are written together once per interval (default 10 s), not one
    // transaction per batch of positions, in slices with the event loop between them:
    // under 20,000 handhelds the writes kept change batches waiting behind them on the
    // store thread, and the record is kept by worker, so a longer interval writes each
    // page of it once for several fixes. stop() and the destructor write what is waiting;
    // a crash may lose the last interval of the record.
    void setTrackWriteInterval(int ms) { m_trackWrite.setInterval(ms); }
    // Writes every fix waiting for the next interval now, in one go.
    void writeTracks();
    // The replica's change notifier (StoreService::notifier): every change batch, snapshot
    // swap and batch of positions is published there, rows before and after, right after
    // its commit. Not owned; must outlive the client. The signals below stay for tools.
    void setNotifier(ChangeNotifier* notifier) { m_notifier = notifier; }

    void start();
    void stop();

    // Commits the action to the outbox (synchronous=FULL) and only then returns its client
    // sequence number; sends it when online, after the send delay. fields: targetKind, target, note,
    // minutes, or case (report/self_handle) — as in PROTOCOL.md § action.
    // An action too large for one message (photos) is refused here, before it can reach the
    // outbox and be refused by the server on every reconnect: nullopt, status().lastError says why.
    std::optional<qint64> queueAction(const QString& action, qint64 caseId, qint64 seenVersion,
        const QJsonObject& fields = {});

    // A full-size photo by id (CasePhoto::id): from the local cache when it is there, else
    // asked of the server and cached. Answers with photoReady or photoFailed, always later
    // (never inside this call); one request per id is on the wire at a time. Offline and not
    // cached it fails at once with a reason the desk can show.
    void requestPhoto(qint64 photoId);
    // Asks the server for these workers' track over [fromMs, toMs) (PROTOCOL.md § Tracks).
    // The fixes join the replica's recorded track (repeats ignored), then trackReceived, or
    // trackFailed with the reason (offline, refused, no answer in time). Returns the
    // request's number; answers always come from the event loop.
    int requestTrack(const QStringList& workers, qint64 fromMs, qint64 toMs);
    // How long a photo or track request waits for the server's answer.
    void setAnswerTimeout(int ms) { m_answerTimeoutMs = ms; }

    SyncStatus status() const { return m_status; }
    QString role() const { return m_role; }
    QString street() const { return m_street; }
    // Latest fix per worker, each marked stale when older than the stale age.
    QList<WorkerFix> livePositions(const QDateTime& now = QDateTime::currentDateTimeUtc()) const;

signals:
    void statusChanged(const gridhall::SyncStatus& status);
    void casesChanged(const QList<qint64>& caseIds);
    void snapshotApplied(qint64 cases);
    void actionAnswered(qint64 clientSeq, int status, const QString& result); // OutboxEntry::Status
    void positionsReceived(const QList<gridhall::WorkerFix>& fixes);
    void photoReady(qint64 photoId, const QByteArray& data, const QString& mime, bool fromCache);
    void photoFailed(qint64 photoId, const QString& reason); // translated, for the operator
    void trackReceived(int request, int fixes, bool truncated);
    void trackFailed(int request, const QString& reason); // translated

private:
    void connectNow();
    void onConnected();
    void onDisconnected();
    void onText(const QString& text);
    void heartbeat();
    void scheduleReconnect();
    void setState(SyncState s);
    void fail(const QString& message, bool reconnect);
    void sendPending();
    void sendDue();
    void sendEntry(const OutboxEntry& e);
    void handleWelcome(const QJsonObject& o);
    void handleError(const QJsonObject& o);
    void handleChanges(const QJsonObject& o);
    void handleActionResult(const QJsonObject& o);
    void handlePositions(const QJsonObject& o);
    void recordTracks(const QList<WorkerFix>& fixes);
    void writeTrackSlice(); // of the interval's fixes; the next slice after the event loop
    void takeTrackInterval(); // the waiting fixes become the interval's, in key order
    void handlePhoto(const QJsonObject& o);
    void handleTrack(const QJsonObject& o);
    void failTracks(const QString& reason);
    bool loggedIn() const;
    void failPhotos(const QString& reasonTemplate); // every pending one; %1 is the photo id
    void expirePhotos();
    bool beginSnapshot(const QJsonObject& o);
    bool snapshotChunk(const QJsonObject& o);
    bool endSnapshot(const QJsonObject& o);
    void dropShadow();
    void requestSync();
    void updatePending();

    struct Shadow;
    Store& m_store;
    ChangeNotifier* m_notifier = nullptr;
    QList<QUrl> m_urls;
    int m_urlIndex = 0; // the instance in use
    int m_fullInARow = 0; // instances that turned this client away as full, one after the other
    bool m_loginWithPassword = false; // the attempt under way sent the password, not a token
    QList<QSslCertificate> m_trusted;
    QString m_user, m_password, m_clientId;
    QString m_role, m_street;
    std::unique_ptr<QWebSocket> m_socket;
    QTimer m_heartbeat, m_reconnect, m_sendTimer;
    int m_sendDelayMs = 0;
    // Whether setSendDelay()'s hold applies to this action (those with no undo go at once).
    static bool heldForUndo(const QString& action);
    QElapsedTimer m_lastReceived;
    int m_deadAfterMs = 15000;
    int m_backoffMinMs = 1000, m_backoffMaxMs = 30000, m_attempt = 0;
    bool m_running = false;
    bool m_positionsWanted = false;
    int m_staleAfterSecs = 60;
    SyncStatus m_status;
    std::unique_ptr<Shadow> m_shadow;
    QHash<QString, WorkerFix> m_positions;
    TrackThinner m_thinner;
    int m_trackDays = 7;
    QList<RecordedFix> m_trackPending; // kept by the thinner, for the next interval
    QList<RecordedFix> m_trackWriting; // the interval's fixes being written in slices
    QTimer m_trackWrite;
    QElapsedTimer m_sincePrune; // invalid until the first prune
    QHash<qint64, qint64> m_photoRequests; // photo id → when it was asked (ms since the epoch)
    QTimer m_photoTimer;
    QSet<int> m_trackRequests; // asked, not answered
    int m_nextTrackRequest = 0;
    int m_answerTimeoutMs = 30000;
};

} // namespace gridhall
