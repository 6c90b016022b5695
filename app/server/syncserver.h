#pragma once
// The reference sync server: one QWebSocketServer, one Session per connection, every
// message checked (models/sync/protocol.h) before it can change anything. Owns nothing
// but its sessions; the storage is the caller's and outlives the server.

#include "app/server/servermetrics.h"
#include "app/server/serverstorage.h"
#include "models/domain/sla.h"
#include "models/sync/protocol.h"

#include <QHash>
#include <QHostAddress>
#include <QElapsedTimer>
#include <QObject>
#include <QSet>
#include <QTimer>
#include <atomic>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <vector>

class QThreadPool;

class QWebSocketServer;
class QWebSocket;
class QTcpServer;
class QAbstractSocket;

namespace gridhall {

struct ServerOptions {
    int tokenLifetimeSecs = 12 * 3600;
    // Live positions go out this often: 50 ms, not 100, took 20,000 handhelds' p99 from
    // the handheld to the desk from 214 to 132 ms on one instance, at no more server CPU.
    int positionFlushMs = 50;
    int trackFlushMs = 2000; // thinned positions are written to the track this often
    int trackDays = 30; // tracks older than this are deleted
    QString tlsCertFile; // both set: wss://
    QString tlsKeyFile;
    // Sessions at most (more are turned away); 0: as many as the descriptor limit allows,
    // less a reserve for files and the database's connections.
    int maxConnections = 0;
    // Sessions kept for the desk roles (everyone but field workers): handhelds may take the
    // rest, so that a flood of them never locks the operators out. -1: kDefaultDeskSessions,
    // and never more than half the cap.
    int deskSessions = -1;
    static constexpr int kDefaultDeskSessions = 64;
    // What others in this process open while it serves, kept out of the cap with the rest:
    // connections of their own to the database (serve --metrics: /healthz's check, one at a
    // time) and other descriptors (the metrics endpoint's listener and requests).
    int otherDatabaseConnections = 0;
    int otherDescriptors = 0;
    // Connections from one address that have not logged in yet, at most (0: no limit).
    int maxUnauthenticatedPerAddress = 256;
    // Connections that have not logged in yet, at most, of all addresses together: their
    // share of the cap, so that they never take the sessions of those logged in nor the
    // desks' (-1: the cap less the desks' sessions). Past it a newcomer takes the place of
    // the oldest that has said nothing for a second, or is turned away as full.
    int maxUnauthenticated = -1;
    int loginTimeoutSecs = 10; // a connection that has not logged in by then is closed
    int idleTimeoutSecs = 120; // a session that sends nothing for this long is closed
    int maxConcurrentSnapshots = 2; // more wait their turn (encoding is CPU-bound)
    int snapshotStallSecs = 60; // a snapshot whose client reads nothing for this long ends the connection
};

// Password hashing: salted PBKDF2-SHA256.
QByteArray hashPassword(const QByteArray& password, const QByteArray& salt, int iterations);
UserRecord makeUser(const QString& name, UserRole role, const QString& street, const QString& worker,
    const QByteArray& password, int iterations = 600000);
// What a password check costs for an unknown user name, so that it answers as slowly as a
// known one.
QByteArray dummyPasswordHash(const QByteArray& password, int iterations);

class SyncServer : public QObject {
    Q_OBJECT
public:
    SyncServer(ServerStorage& storage, ServerOptions options, QObject* parent = nullptr);
    ~SyncServer() override;

    bool listen(const QHostAddress& address, quint16 port, QString* error);
    // A clean stop (SIGTERM, SIGINT, SIGHUP): takes no new connections or messages, lets the
    // actions in flight (photos being decoded) finish, writes what is held in memory
    // (positions, track), closes every session with 1001 "going away" and calls
    // done once their sockets have said goodbye (at most a few seconds).
    void shutdown(std::function<void()> done);
    quint16 port() const;
    int sessionCount() const { return int(m_sessions.size()); }
    int maxConnections() const { return m_maxConnections; }
    // Of those, the most field workers may hold; the rest are kept for desks.
    int maxHandheldSessions() const { return m_maxConnections - m_deskSessions; }
    int deskSessions() const { return m_deskSessions; }
    // Of maxConnections(), the most connections not logged in yet may hold.
    int maxUnauthenticated() const { return m_maxUnauthenticated; }
    // For GET /metrics (app/server/metricsendpoint.h): open connections, handshakes included;
    // sessions by role key ("none": not logged in yet); the counters.
    int connectionCount() const { return int(m_connections.size()); }
    QHash<QString, int> sessionsByRole() const;
    const ServerMetrics& metrics() const { return m_metrics; }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    struct Session;
    // A feedback's photos, decoded and thumbnailed off the event loop, or why not.
    struct PreparedPhotos {
        QList<NewPhoto> photos;
        std::optional<protocol::Problem> problem;
    };
    // A token bucket: `rate` per second, at most `burst` at once.
    struct RateLimit {
        double tokens = -1;
        qint64 lastMs = 0;
        bool take(double rate, double burst, qint64 nowMs);
    };
    // Failed logins of one user name or one address, and logins being checked for it.
    struct LoginThrottle {
        int failures = 0;
        qint64 lastFailureMs = 0;
        qint64 lockedUntilMs = 0;
        int inFlight = 0;
    };
    struct Fix {
        QString worker;
        QString street;
        double lon, lat, accuracy;
        qint64 at;
    };

    void onNewConnection();
    // Stops taking connections at maxConnections() or while backing off, takes them again
    // otherwise.
    void updateAccepting();
    void setListening(bool on);
    void releaseConnection(QObject* socket);
    void watchAccepting();
    void onMessage(Session& s, const QString& text);
    void handleMessage(Session& s, const QString& text);
    void onBinary(Session& s);
    void dropSession(Session* s);
    void sweepSessions();
    Session* sessionById(quint64 id) const;
    // Work done off the event loop holds the session's later messages until it is done.
    void resumeSession(Session& s);
    void answerPing(Session& s, const QJsonObject& ping);
    void sendError(Session& s, const QString& code, const QString& message, const QString& inReplyTo, bool close);
    void closeSession(Session& s, int code, const QString& reason);
    void abortSession(Session& s, const QString& why);
    void endSnapshot(Session& s); // frees its turn for the next snapshot waiting
    bool send(Session& s, const QByteArray& bytes);
    bool send(Session& s, const QString& text, qint64 bytes); // text already made (snapshot frames)
    bool rateLimited(Session& s, RateLimit& limit, double rate, double burst, const QString& inReplyTo);
    void checkTimeouts();
    // The TCP socket under a session's WebSocket (byPeerPort: made on first use, for more).
    QAbstractSocket* tcpSocketOf(const Session& s, std::optional<QMultiHash<quint16, QAbstractSocket*>>* byPeerPort) const;
    // A login the client sent that the server has not read yet (checkTimeouts spares it).
    bool loginUnread(const Session& s, std::optional<QMultiHash<quint16, QAbstractSocket*>>* byPeerPort) const;
    void turnAway(Session& s); // at the session cap: closed at once with kCloseFull "full"
    // At the cap or the share of those not logged in: closes the oldest connection that has
    // sent no login for kCrowdOutAfterMs, to make room for a newcomer; false if there is none.
    bool crowdOutIdleLogin(std::optional<QMultiHash<quint16, QAbstractSocket*>>* byPeerPort);
    void leavePreLogin(Session& s); // no longer counted among those not logged in
    void uncountForPeer(Session& s); // no longer counted in its address's share
    void checkAccounts();

    void handleLogin(Session& s, const QJsonObject& o);
    // A password login waiting for its check: one name's checks run one at a time.
    struct PendingLogin {
        quint64 sessionId;
        QString peer, userName, clientId, password;
        // Cleared when the session goes: the hashing thread then skips the hash.
        std::shared_ptr<std::atomic_bool> wanted;
    };
    bool lockedOut(const QString& userName, const QString& peer);
    // An address a user logged in from lately (a desk's, a handheld's): its password checks
    // go before those of strangers, and a flood of guesses from elsewhere cannot delay them.
    bool trustedAddress(const QString& peer) const;
    // What a password check costs, in ms of a hashing thread, as measured lately.
    double hashCostMs(int iterations) const { return iterations * m_nsPerIteration / 1e6; }
    void startPasswordCheck(const PendingLogin& login);
    void startNextLogin(const QString& userName);
    // matchedHash: the stored hash the password matched ("" if none), so a password
    // changed while the check ran is not taken for the new one.
    void onPasswordChecked(const PendingLogin& login, const QByteArray& matchedHash);
    // Audit of what connections that have not logged in cause, at a bounded rate per
    // address (they cannot fill the append-only log).
    void auditUnauthenticated(const QString& peer, const QString& user, const QString& action, const QString& result);
    void releaseAddressLogin(const QString& peer); // a password check of this address ended
    void loginRefused(Session& s, const QString& userName, const QString& code, const QString& message);
    LoginThrottle& throttleFor(QHash<QString, LoginThrottle>& table, const QString& key);
    void pruneLoginThrottles();
    // Admits an authenticated login: queued for processSessions, which answers it with welcome.
    void finishLogin(Session& s, const UserRecord& u, const QString& clientId, const std::optional<SessionToken>& token);
    // Group commit of logins and logouts: those of one pass of the event loop are stored
    // together (tokens issued and revoked, audit entries: ServerStorage::commitSessions)
    // after it; then each login gets its welcome and each logout its close.
    struct QueuedSessionWrite {
        // Audit: an entry only (a refused login, a connection closed before its login);
        // RefusedFull: a handheld past its share, told `full` and closed after the commit.
        enum Kind { PasswordLogin, TokenLogin, Logout, Audit, RefusedFull };
        quint64 session;
        Kind kind;
        SessionToken token; // token.user: the user audited
        QString clientId, peer; // for the audit, should the session be gone by then
        QString action, result; // Audit and RefusedFull
    };
    void queueSessionWrite(Session& s, QueuedSessionWrite::Kind kind, const SessionToken& token);
    // An audit entry stored with the pass's logins and logouts (one commit for all of
    // them, not one each: a storm of refused logins must not cost a disk flush each).
    void queueAudit(quint64 session, QueuedSessionWrite::Kind kind, const QString& user, const QString& client,
        const QString& peer, const QString& action, const QString& result);
    void scheduleSessionWrites();
    void processSessions();
    std::vector<QueuedSessionWrite> m_sessionWrites;
    bool m_sessionWritesScheduled = false;
    QMultiHash<QString, quint64> m_sessionsByToken; // logged-in sessions (logout ends all of a token's)
    void handleLogout(Session& s);
    void handleSync(Session& s, const QJsonObject& o);
    void startSnapshot(Session& s);
    void startWaitingSnapshots();
    void handleAction(Session& s, const QJsonObject& o, std::optional<PreparedPhotos> prepared = std::nullopt);
    // Why this session may not take this action on this case ("" if it may): field workers
    // act on what they hold, and nobody verifies or closes their own feedback.
    QString dutyRefusal(const Session& s, const Case& c, CaseAction action) const;
    void handlePosition(Session& s, const QJsonObject& o);
    void handleGetPhoto(Session& s, const QJsonObject& o);
    void handleGetTrack(Session& s, const QJsonObject& o);
    void flushTrack();
    void pumpSnapshot(Session& s);
    void pushChanges(Session& s);
    void pushChangesToAll();
    // Group commit (ServerStorage::beginGroup): actions that arrive in one pass of the event
    // loop are handled together after it, and their answers and pushes wait for the commit.
    struct QueuedAction {
        quint64 session;
        QJsonObject message;
    };
    void queueAction(Session& s, const QJsonObject& o);
    void processActions();
    // Sends (or holds until the group's commit) an action's answer and counts it for
    // /metrics as sent: a held answer whose group fails to commit counts as refused.
    void answerAction(Session& s, const QJsonObject& result, const QElapsedTimer& handling);
    void endActionGroup();
    std::vector<QueuedAction> m_actionQueue;
    bool m_actionsScheduled = false;
    bool m_grouping = false;
    struct HeldAnswer {
        quint64 session = 0;
        QJsonObject result;
        QElapsedTimer handling; // since the action was taken up: its latency for /metrics
    };
    std::vector<HeldAnswer> m_heldAnswers;
    bool m_pushAfterGroup = false;
    void flushPositions();
    // A batch of fixes another instance published; sends a batch to subscribed desks.
    void receivePositions(const QByteArray& batch);
    void deliverPositions(const QList<Fix>& batch);
    bool inScope(const Session& s, const QString& streetCode) const;
    // Security events and refusals: who, from where, what, with what result.
    void audit(Session& s, const QString& action, qint64 caseId, const QString& result);
    void auditAs(const QString& user, const QString& client, const QString& peer, const QString& action, qint64 caseId, const QString& result);

    ServerStorage& m_storage;
    ServerOptions m_options;
    std::unique_ptr<QWebSocketServer> m_server;
    int m_maxConnections = 0; // sessions; connections past it are turned away
    static constexpr int kTurnAwayRoom = 32; // connections past the cap being turned away at once
    int m_admitted = 0; // sessions counted against m_maxConnections
    int m_deskSessions = 0; // of m_maxConnections, kept for desk roles
    int m_maxUnauthenticated = 0; // of m_maxConnections, the most not logged in yet
    int m_preLogin = 0; // admitted connections not logged in yet
    std::deque<quint64> m_preLoginOrder; // their sessions, oldest first (some gone or in since)
    int m_descriptorsKept = 0; // descriptors kept out of the cap for everything but sessions
    int m_handheldSessions = 0; // field workers' sessions, logged in or being welcomed
    QSet<quint64> m_positionDesks; // sessions subscribed to live positions
    QSet<QObject*> m_connections; // accepted TCP sockets still connected, handshakes included
    bool m_atCap = false;
    bool m_listening = true; // the listener takes connections (Qt's own pauses aside)
    QElapsedTimer m_capWarned;
    int m_capReached = 0;
    QTimer m_acceptWatch;
    quint64 m_acceptedTotal = 0, m_acceptedAtLastCheck = 0;
    bool m_listenerWasWaiting = false;
    bool m_backingOff = false;
    int m_backOffMs = 1000;
    QTcpServer* m_tcpServer = nullptr; // QWebSocketServer's own listener, watched for new sockets
    int m_tcpMaxPending = 0;
    std::map<quint64, std::unique_ptr<Session>> m_sessions; // by session id, in connection order
    quint64 m_nextSessionId = 1;
    bool m_sweepQueued = false;
    QHash<QString, int> m_unauthenticated; // connections not logged in yet, by address
    QHash<QString, LoginThrottle> m_userThrottle; // by user name as typed
    QHash<QString, LoginThrottle> m_addressThrottle; // by peer address
    QElapsedTimer m_throttlesPruned;
    QHash<QString, RateLimit> m_unauthenticatedAudits; // by address
    QHash<QString, int> m_loginsInFlightByAddress;
    QHash<QString, qint64> m_trustedAddresses; // address -> when a login from it last succeeded (ms)
    double m_nsPerIteration = 250; // PBKDF2 rounds on the hashing thread, measured
    QThreadPool* m_photoPool = nullptr; // photo decoding, apart from password checks
    QThreadPool* m_snapshotPool = nullptr; // snapshots read and encoded (SnapshotStream)
    QThreadPool* m_hashPool = nullptr; // password hashing and photo decoding, off the event loop
    int m_loginsInFlight = 0; // password checks queued or running
    int m_photosInFlight = 0; // feedbacks whose photos are being decoded
    bool m_shuttingDown = false;
    QElapsedTimer m_stopping; // since shutdown() began
    bool m_stopped = false; // shutdown() is done: the process ends next
    QHash<QString, std::deque<PendingLogin>> m_waitingLogins; // by user name, behind the one being checked
    int m_snapshotsRunning = 0;
    std::deque<quint64> m_snapshotQueue; // sessions waiting for a snapshot turn
    QTimer m_timeoutTimer;
    QTimer m_accountsTimer;
    qint64 m_accountsVersion = 0;
    int m_dummyIterations = 600000; // as the users' hashes seen last: unknown names cost the same
    QHash<QString, GridCell> m_grids;
    QHash<QString, Worker> m_workers;
    QHash<QString, bool> m_departments;
    QString m_districtCode;
    QString m_instanceName; // host name:port, in each welcome, so a client can name its instance
    QList<Fix> m_recentFixes; // since the last flush
    QHash<QString, Fix> m_latestFix; // latest per worker
    QTimer m_positionTimer;
    TrackThinner m_trackThinner;
    QList<RecordedFix> m_trackPending; // kept by the thinner, not yet written
    QTimer m_trackTimer;
    qint64 m_lastTrackPruneMs = 0;
    ServerMetrics m_metrics;
};

} // namespace gridhall
