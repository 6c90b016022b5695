#pragma once
// The reference sync server: one QWebSocketServer, one Session per connection, every
// message checked (models/sync/protocol.h) before it can change anything. Owns nothing
// but its sessions; the storage is the caller's and outlives the server.

#include "app/server/serverstorage.h"
#include "models/domain/sla.h"

#include <QHash>
#include <QHostAddress>
#include <QElapsedTimer>
#include <QObject>
#include <QSet>
#include <QTimer>
#include <memory>
#include <vector>

class QWebSocketServer;
class QWebSocket;
class QTcpServer;

namespace gridhall {

struct ServerOptions {
    int tokenLifetimeSecs = 12 * 3600;
    int positionFlushMs = 100;
    int trackFlushMs = 2000; // thinned positions are written to the track this often
    int trackDays = 30; // tracks older than this are deleted
    QString tlsCertFile; // both set: wss://
    QString tlsKeyFile;
    // Open connections at most; 0: as many as the descriptor limit allows (less a reserve).
    int maxConnections = 0;
};

// Password hashing: salted PBKDF2-SHA256.
QByteArray hashPassword(const QByteArray& password, const QByteArray& salt, int iterations);
UserRecord makeUser(const QString& name, UserRole role, const QString& street, const QString& worker,
    const QByteArray& password, int iterations = 60000);

class SyncServer : public QObject {
    Q_OBJECT
public:
    SyncServer(ServerStorage& storage, ServerOptions options, QObject* parent = nullptr);
    ~SyncServer() override;

    bool listen(const QHostAddress& address, quint16 port, QString* error);
    quint16 port() const;
    int sessionCount() const { return int(m_sessions.size()); }
    int maxConnections() const { return m_maxConnections; }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    struct Session;
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
    void onBinary(Session& s);
    void dropSession(Session* s);
    void sendError(Session& s, const QString& code, const QString& message, const QString& inReplyTo, bool close);
    void send(Session& s, const QByteArray& bytes);

    void handleLogin(Session& s, const QJsonObject& o);
    void finishLogin(Session& s, const UserRecord& u, const QString& clientId);
    void handleSync(Session& s, const QJsonObject& o);
    void handleAction(Session& s, const QJsonObject& o);
    void handlePosition(Session& s, const QJsonObject& o);
    void handleGetPhoto(Session& s, const QJsonObject& o);
    void handleGetTrack(Session& s, const QJsonObject& o);
    void flushTrack();
    void pumpSnapshot(Session& s);
    void pushChanges(Session& s);
    void pushChangesToAll();
    void flushPositions();
    bool inScope(const Session& s, const QString& streetCode) const;
    void audit(Session& s, const QString& action, qint64 caseId, const QString& result);

    ServerStorage& m_storage;
    ServerOptions m_options;
    std::unique_ptr<QWebSocketServer> m_server;
    int m_maxConnections = 0;
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
    std::vector<std::unique_ptr<Session>> m_sessions;
    QHash<QString, int> m_loginFailures; // by user name
    QHash<QString, GridCell> m_grids;
    QHash<QString, Worker> m_workers;
    QHash<QString, bool> m_departments;
    QString m_districtCode;
    qint64 m_nextCaseId = 1;
    QList<Fix> m_recentFixes; // since the last flush
    QHash<QString, Fix> m_latestFix; // latest per worker
    QTimer m_positionTimer;
    TrackThinner m_trackThinner;
    QList<RecordedFix> m_trackPending; // kept by the thinner, not yet written
    QTimer m_trackTimer;
    qint64 m_lastTrackPruneMs = 0;
    QTimer m_flushTimer; // write-behind of session tokens
};

} // namespace gridhall
