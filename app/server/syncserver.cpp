#include "app/server/syncserver.h"

#include "app/eventloop/descriptorlimit.h"
#include "app/server/serverphotos.h"
#include "app/server/snapshotstream.h"
#include "app/server/tlsconfig.h"
#include "models/domain/casemachine.h"
#include "models/domain/taxonomy.h"
#include "models/sync/protocol.h"

#include <QCoreApplication>
#include <QFile>
#include <QImageReader>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QPasswordDigestor>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSysInfo>
#include <QPointer>
#include <QThread>
#include <QThreadPool>
#include <QTcpServer>
#include <QWebSocket>
#include <QWebSocketServer>
#include <cmath>
#include <limits>
#include <openssl/evp.h>
#include <ctime>
#include <fcntl.h>
#include <poll.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/socket.h>

Q_LOGGING_CATEGORY(lcServer, "gridhall.server")

namespace gridhall {

using namespace protocol;

namespace {
constexpr int kMaxInvalidMessages = 20;
constexpr qint64 kSnapshotHighWater = 4 * 1024 * 1024; // queued bytes before the pump waits
// Frames a snapshot's reader keeps ready beyond what the socket holds (SnapshotStream).
constexpr qint64 kSnapshotAhead = 4 * 1024 * 1024;
// Changes wait above this many unsent bytes and positions are skipped: a slow link gets
// the newest state when it catches up instead of a growing queue.
constexpr qint64 kSendHighWater = 8 * 1024 * 1024;
// A session with more unsent bytes than this reads too slowly (or not at all): closed.
constexpr qint64 kMaxUnsentBytes = 48 * 1024 * 1024;
// Before login a client may send a login or a ping, nothing large.
constexpr qint64 kMaxPreLoginMessageBytes = 16 * 1024;
// Fixes older than this (a handheld's offline buffer) or ahead of the server's clock by
// more than the second limit are refused.
constexpr qint64 kMaxFixAgeMs = 24LL * 3600 * 1000;
constexpr qint64 kMaxFixAheadMs = 5LL * 60 * 1000;
// Login throttling: after this many failures in the window, a user name (or an address)
// is locked (30 s, doubling) before any password is even hashed.
constexpr int kUserFailuresBeforeLock = 5;
constexpr int kAddressFailuresBeforeLock = 20;
constexpr qint64 kFailureWindowMs = 15 * 60 * 1000;
constexpr qint64 kMaxLockMs = 15 * 60 * 1000;
constexpr int kMaxLoginsInFlight = 65536; // password checks queued or running (each holds a connection)
// Password checks of strangers (addresses nobody logged in from lately) wait for at most
// this much hashing ahead of them (CPU time of the hashing thread); past it they are
// answered `busy`. A storm of a district's handhelds fits four times over (20,000 checks of
// 1,000 rounds are about 5 s); a flood of guesses at 600,000 rounds each is held to about
// 130 checks, and never delays an address users logged in from.
constexpr double kHashBacklogMs = 20'000;
// An address a login succeeded from is trusted this long (its checks go first), and at
// most this many are remembered.
constexpr qint64 kTrustedAddressMs = 24LL * 3600 * 1000;
constexpr int kMaxTrustedAddresses = 65536;
// At the cap, or at the share of connections not logged in yet, a newcomer takes the place
// of the oldest connection that has sent no login for this long (it is closed with 1008).
constexpr qint64 kCrowdOutAfterMs = 1000;
constexpr int kCrowdOutScan = 64; // candidates looked at per newcomer, oldest first
// Per-session rates (messages per second, burst): far above what the app and a handheld
// send, far below what floods the server.
constexpr double kMessageRate = 200, kMessageBurst = 1000;
constexpr double kActionRate = 50, kActionBurst = 1000;
// Messages waiting while a session's login or photos are checked or its actions paced.
constexpr int kMaxHeldMessages = 20000;
constexpr qint64 kMaxHeldBytes = 32 * 1024 * 1024; // characters, of the texts held
constexpr double kPositionRate = 5, kPositionBurst = 30;
constexpr double kReadRate = 10, kReadBurst = 30; // get_photo, get_track
// Audit entries for refusals of one session, at most (the rest are counted in the log).
constexpr double kRefusalAuditRate = 1, kRefusalAuditBurst = 20;

QString randomHex(int bytes)
{
    QByteArray raw(bytes, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32*>(raw.data()), bytes / 4);
    return QString::fromLatin1(raw.toHex());
}
} // namespace

QByteArray hashPassword(const QByteArray& password, const QByteArray& salt, int iterations)
{
    // OpenSSL's PBKDF2 takes ~140 ms at 600,000 rounds, QPasswordDigestor ~950 ms; the
    // bytes are the same (tst_serveraccounts::hashMatchesQtsPbkdf2).
    QByteArray key(32, Qt::Uninitialized);
    if (iterations < 1
        || PKCS5_PBKDF2_HMAC(password.constData(), int(password.size()), reinterpret_cast<const unsigned char*>(salt.constData()),
               int(salt.size()), iterations, EVP_sha256(), int(key.size()), reinterpret_cast<unsigned char*>(key.data()))
            != 1)
        return {};
    return key;
}

QByteArray dummyPasswordHash(const QByteArray& password, int iterations)
{
    static const QByteArray salt = QByteArray::fromHex(randomHex(16).toLatin1());
    return hashPassword(password, salt, iterations);
}

UserRecord makeUser(const QString& name, UserRole role, const QString& street, const QString& worker,
    const QByteArray& password, int iterations)
{
    UserRecord u;
    u.name = name;
    u.role = role;
    u.street = street;
    u.worker = worker;
    u.salt = QByteArray::fromHex(randomHex(16).toLatin1());
    u.iterations = iterations;
    u.hash = hashPassword(password, u.salt, iterations);
    return u;
}

struct SyncServer::Session {
    std::unique_ptr<QWebSocket, void (*)(QWebSocket*)> socket { nullptr, [](QWebSocket* s) { s->deleteLater(); } };
    quint64 id = 0;
    QString peer; // the client's address
    bool loggedIn = false;
    bool closing = false; // nothing more is sent or handled
    bool gone = false; // disconnected: freed at the next sweep, never earlier
    QElapsedTimer closingSince; // a graceful close that never completes is reset
    std::shared_ptr<std::atomic_bool> loginWanted; // the password check in flight, if any
    UserRecord user;
    QString street; // effective scope
    QString clientId;
    QString token; // the session's token (logout revokes it)
    qint64 cursor = 0;
    bool live = false;
    bool positions = false;
    bool admitted = false; // counted against the cap (a session turned away is not)
    bool handheld = false; // counted in m_handheldSessions
    bool preLogin = false; // admitted, not logged in yet: counted in m_preLogin
    bool countedForPeer = false; // counted in m_unauthenticated (its address's share)
    int invalid = 0;
    std::shared_ptr<SnapshotStream> snapshot; // read and encoded on m_snapshotPool
    bool snapshotWaiting = false; // in the queue for a snapshot turn
    QElapsedTimer snapshotProgress; // since the client last took bytes of its snapshot
    QElapsedTimer snapshotStarted; // for the snapshot duration metric
    bool changesHeld = false; // pushChanges waits for the send buffer to drain
    // A password check or photo decode runs off the event loop: later messages wait here
    // so that a client's actions apply in the order it sent them.
    bool working = false;
    QStringList held;
    qint64 heldBytes = 0;
    QElapsedTimer connected, lastHeard;
    RateLimit messages, actions, positionMessages, reads, refusalAudits;
    int unaudited = 0; // refusals over the audit rate, told in the log
};

bool SyncServer::RateLimit::take(double rate, double burst, qint64 nowMs)
{
    if (tokens < 0) {
        tokens = burst;
        lastMs = nowMs;
    }
    tokens = std::min(burst, tokens + double(nowMs - lastMs) * rate / 1000.0);
    lastMs = nowMs;
    if (tokens < 1)
        return false;
    tokens -= 1;
    return true;
}

SyncServer::SyncServer(ServerStorage& storage, ServerOptions options, QObject* parent)
    : QObject(parent)
    , m_storage(storage)
    , m_options(std::move(options))
{
    for (const GridCell& g : m_storage.grids())
        m_grids.insert(g.code, g);
    for (const Worker& w : m_storage.workers())
        m_workers.insert(w.code, w);
    for (const Department& d : m_storage.departments())
        m_departments.insert(d.code, true);
    const QList<Street> streets = m_storage.streets();
    if (!streets.isEmpty())
        m_districtCode = streets.first().districtCode;
    // Changes another server committed to a shared database reach this server's sessions
    // too; each session reads on from its own cursor, so nothing is skipped.
    m_storage.watchCursor([this](qint64) { pushChangesToAll(); });
    // Positions of handhelds on other instances reach this instance's desks too.
    m_storage.watchPositions([this](const QByteArray& batch) { receivePositions(batch); });
    m_positionTimer.setInterval(m_options.positionFlushMs);
    connect(&m_positionTimer, &QTimer::timeout, this, &SyncServer::flushPositions);
    m_positionTimer.start();
    m_trackTimer.setInterval(m_options.trackFlushMs);
    connect(&m_trackTimer, &QTimer::timeout, this, &SyncServer::flushTrack);
    m_trackTimer.start();
    m_timeoutTimer.setInterval(1000);
    connect(&m_timeoutTimer, &QTimer::timeout, this, &SyncServer::checkTimeouts);
    m_timeoutTimer.start();
    m_accountsVersion = m_storage.accountsVersion();
    m_accountsTimer.setInterval(2000);
    connect(&m_accountsTimer, &QTimer::timeout, this, &SyncServer::checkAccounts);
    m_accountsTimer.start();
    // One thread for password hashes and photo decoding: the other core stays with the
    // event loop, so 40 logins at once do not delay anyone's pong.
    m_hashPool = new QThreadPool(this);
    m_hashPool->setMaxThreadCount(std::max(1, QThread::idealThreadCount() - 1));
    // Photos have a thread of their own: a user's large photos never hold back logins.
    m_photoPool = new QThreadPool(this);
    m_photoPool->setMaxThreadCount(1);
    // Snapshots are read and encoded here, one thread per snapshot turn: a 1M-case snapshot
    // used to be encoded on the event loop, a chunk per bytesWritten (issue 15).
    m_snapshotPool = new QThreadPool(this);
    m_snapshotPool->setMaxThreadCount(std::max(1, m_options.maxConcurrentSnapshots));
    // Qt refuses decodes over 128 MB; a 16-bit photo at the pixel limit takes 8 bytes a
    // pixel (240 MB). Set once here: the limit is a process-wide static.
    QImageReader::setAllocationLimit(int(kMaxPhotoPixels * 8 / (1024 * 1024)) + 16);
}

SyncServer::~SyncServer()
{
    // Work still queued refers to sessions by id only; it finds none once they are gone.
    m_hashPool->clear();
    m_hashPool->waitForDone();
    m_photoPool->clear();
    m_photoPool->waitForDone();
    for (auto& [id, session] : m_sessions)
        if (session->snapshot)
            session->snapshot->cancel();
    m_snapshotPool->clear();
    m_snapshotPool->waitForDone();
    for (auto& [id, session] : m_sessions)
        session->socket->disconnect(this);
    // Sockets destroyed with the listener must not call back into a half-destroyed server.
    if (m_tcpServer)
        m_tcpServer->removeEventFilter(this);
    m_tcpServer = nullptr;
    if (m_stopped) {
        // After a clean stop the process ends next and every session is closed already:
        // freeing 20,000 sessions, their sockets and the listener one by one took a third
        // of the stop (bench server-stop). They are left to the end of the process.
        for (auto& [id, session] : m_sessions)
            (void)session.release();
        m_sessions.clear();
        (void)m_server.release();
    }
    m_sessions.clear();
    m_server.reset();
    if (m_stopping.isValid())
        qCInfo(lcServer).noquote() << QStringLiteral("stopping: sessions freed after %1 ms").arg(m_stopping.elapsed());
}

void SyncServer::shutdown(std::function<void()> done)
{
    if (m_shuttingDown)
        return;
    m_shuttingDown = true;
    qCInfo(lcServer) << "stopping:" << m_sessions.size() << "sessions," << m_photosInFlight << "actions with photos in flight";
    m_acceptWatch.stop();
    setListening(false);
    m_timeoutTimer.stop();
    m_accountsTimer.stop();
    QElapsedTimer waited;
    waited.start();
    m_stopping.start();
    auto* poll = new QTimer(this);
    connect(poll, &QTimer::timeout, this, [this, poll, waited, done, closing = false]() mutable {
        poll->setInterval(50);
        // First the actions in flight, then goodbye to every session.
        if (!closing && m_photosInFlight > 0 && !waited.hasExpired(15'000))
            return;
        if (!closing) {
            closing = true;
            flushPositions();
            flushTrack();
            // The close frame goes straight to each connection's descriptor, followed by the
            // end of what the server sends (FIN); the peer's answer is not waited for. Closing
            // 20,000 sockets through Qt (its close, the signals of each, the event loop's
            // watch of each) took 1.4 s of a 2 s stop (bench server-stop). The process ends
            // next and its end closes the descriptors. A connection with bytes Qt still holds
            // is closed through Qt, so that nothing overtakes them, and so is every one over
            // TLS (the frame would have to be encrypted).
            const bool tls = !m_options.tlsCertFile.isEmpty();
            const QByteArray reason = QByteArrayLiteral("server stopping");
            QByteArray frame;
            frame.append(char(0x88)).append(char(2 + reason.size())); // final close frame, unmasked, short
            frame.append(char(QWebSocketProtocol::CloseCodeGoingAway >> 8)).append(char(QWebSocketProtocol::CloseCodeGoingAway & 0xff)).append(reason);
            std::optional<QMultiHash<quint16, QAbstractSocket*>> byPeerPort;
            for (auto& [id, session] : m_sessions) {
                Session& s = *session;
                if (s.closing)
                    continue;
                s.socket->flush();
                QAbstractSocket* tcp = !tls && s.socket->bytesToWrite() == 0 ? tcpSocketOf(s, &byPeerPort) : nullptr;
                const int fd = tcp ? int(tcp->socketDescriptor()) : -1;
                if (fd < 0 || ::send(fd, frame.constData(), size_t(frame.size()), MSG_NOSIGNAL | MSG_DONTWAIT) != frame.size()) {
                    closeSession(s, QWebSocketProtocol::CloseCodeGoingAway, QString::fromLatin1(reason));
                    continue;
                }
                ::shutdown(fd, SHUT_WR);
                s.closing = true;
                s.gone = true; // said goodbye; Qt's socket is left as it is until the process ends
                endSnapshot(s);
            }
            qCInfo(lcServer).noquote() << QStringLiteral("stopping: close frames sent after %1 ms").arg(m_stopping.elapsed());
            waited.start();
        }
        const bool allGone = std::all_of(m_sessions.cbegin(), m_sessions.cend(), [](const auto& entry) { return entry.second->gone; });
        if (allGone || waited.hasExpired(3000)) {
            poll->stop();
            poll->deleteLater();
            processSessions(); // audits still waiting for the pass's commit
            const auto unanswered = std::count_if(m_sessions.cbegin(), m_sessions.cend(), [](const auto& entry) { return !entry.second->gone; });
            qCInfo(lcServer).noquote() << QStringLiteral("stopping: %1 sessions did not answer the close; done after %2 ms").arg(unanswered).arg(m_stopping.elapsed());
            m_stopped = true;
            done();
        }
    });
    poll->start(0); // the first look at once; then every 50 ms
}

bool SyncServer::listen(const QHostAddress& address, quint16 port, QString* error)
{
    Q_ASSERT(!m_server); // the connection count belongs to one listener
    const bool tls = !m_options.tlsCertFile.isEmpty();
    m_server = std::make_unique<QWebSocketServer>(QStringLiteral("gridhall-server"),
        tls ? QWebSocketServer::SecureMode : QWebSocketServer::NonSecureMode);
    if (tls) {
        QSslConfiguration config;
        if (!makeServerTlsConfiguration(m_options.tlsCertFile, m_options.tlsKeyFile, &config, error))
            return false;
        m_server->setSslConfiguration(config);
    }
    // Qt's default of 30 pending handshakes turns a district's handhelds logging in at
    // once into minutes of retries.
    m_server->setMaxPendingConnections(10000);
    if (!m_server->listen(address, port)) {
        *error = m_server->errorString();
        return false;
    }
    // Qt listens with a kernel backlog of 50. When a district's handhelds connect at once
    // (start of shift, after an outage) the rest are dropped and wait for TCP's SYN
    // retransmits, 1 + 2 + 4 + … s. Listening again on Linux only raises the backlog; the
    // kernel caps it at net.core.somaxconn (older glibc's SOMAXCONN is a mere 128).
    ::listen(int(m_server->socketDescriptor()), 65535);
    // Behind a load balancer the address a client dialled names the balancer; the welcome
    // names the instance, for the client's status line and the IT office after a failover.
    m_instanceName = QStringLiteral("%1:%2").arg(QSysInfo::machineHostName()).arg(m_server->serverPort());
    // Every connection is a descriptor. At the process's limit accept() fails with EMFILE,
    // the waiting connection keeps the listening socket readable and Qt 6.4 retries at
    // once, for ever, without a signal: a core spent on failed accepts. Worse, whatever the
    // server opens next fails too: a snapshot's database connection, /healthz's check, a
    // SQLite temporary file in a commit, the audit checkpoint file. So sessions stop where
    // every other descriptor of the process still fits: those open now (the database's
    // files and connections, the listener, the event loop's, standard streams), those the
    // server opens later (a database connection per snapshot, others' connections and
    // descriptors, the storage's own later files), kDescriptorMargin for the libraries
    // that open files on first use (TLS), and kTurnAwayRoom connections past the cap,
    // accepted only to be closed at once with kCloseFull "full" so that a client moves to
    // another instance instead of waiting in the kernel's queue.
    constexpr int kDescriptorMargin = 32;
    rlimit limit {};
    const int open = openDescriptorCount();
    m_descriptorsKept = (open >= 0 ? open : 64 /* no /proc */) + kDescriptorMargin + m_storage.descriptorsLater()
        + m_storage.descriptorsPerConnection() * (m_options.maxConcurrentSnapshots + m_options.otherDatabaseConnections)
        + m_options.otherDescriptors;
    const int byDescriptors = getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY
        ? int(std::min<rlim_t>(limit.rlim_cur, 1 << 30)) - m_descriptorsKept - kTurnAwayRoom
        : std::numeric_limits<int>::max() - kTurnAwayRoom;
    // An explicit --max-connections past that would let a flood starve the rest: lowered.
    m_maxConnections = std::max(1, m_options.maxConnections > 0 ? std::min(m_options.maxConnections, byDescriptors) : byDescriptors);
    if (m_options.maxConnections > byDescriptors)
        qCWarning(lcServer).noquote() << QStringLiteral("--max-connections %1 is more than the descriptor limit allows (ulimit -n: %2, of which %3 are "
                                                        "kept for the database, files and connections being turned away): %4 sessions at most")
                                             .arg(m_options.maxConnections)
                                             .arg(qint64(limit.rlim_cur))
                                             .arg(m_descriptorsKept + kTurnAwayRoom)
                                             .arg(m_maxConnections);
    m_deskSessions = std::clamp(m_options.deskSessions >= 0 ? m_options.deskSessions : ServerOptions::kDefaultDeskSessions, 0, m_maxConnections / 2);
    m_maxUnauthenticated = std::clamp(m_options.maxUnauthenticated >= 0 ? m_options.maxUnauthenticated : m_maxConnections - m_deskSessions,
        1, std::max(1, m_maxConnections - m_deskSessions));
    // Connections must be counted when accepted, not when their WebSocket handshake is
    // done: a district logging in at once is accepted in one burst, long before the first
    // handshake completes. QWebSocketServer hides its TCP listener, but the listener
    // creates each accepted socket as its child (QTcpServer and QSslServer alike), so
    // every new child is a connection until it disconnects (tested by
    // tst_serverprotocol::connectionsBeyondTheDescriptorLimitWait).
    m_tcpServer = m_server->findChild<QTcpServer*>(QString(), Qt::FindDirectChildrenOnly);
    if (m_tcpServer) {
        m_tcpMaxPending = m_tcpServer->maxPendingConnections();
        m_tcpServer->installEventFilter(this);
        // Without the accept count the watch would take every busy moment for a failure.
        m_acceptWatch.setInterval(250);
        connect(&m_acceptWatch, &QTimer::timeout, this, &SyncServer::watchAccepting);
        m_acceptWatch.start();
    } else {
        qCWarning(lcServer) << "no TCP listener found inside QWebSocketServer: connections are not capped";
    }
    connect(m_server.get(), &QWebSocketServer::newConnection, this, &SyncServer::onNewConnection);
    return true;
}

bool SyncServer::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_tcpServer && event->type() == QEvent::ChildAdded) {
        // A socket being constructed (only its QObject part exists yet): count it now,
        // inside Qt's accept loop, and watch for its end once it is a whole socket.
        QObject* child = static_cast<QChildEvent*>(event)->child();
        m_connections.insert(child);
        ++m_acceptedTotal;
        connect(child, &QObject::destroyed, this, [this, child] { releaseConnection(child); });
        QMetaObject::invokeMethod(this, [this, socket = QPointer<QObject>(child)] {
            if (!socket)
                return; // gone already: destroyed released it
            auto* tcp = qobject_cast<QAbstractSocket*>(socket.data());
            // Ends with the TCP connection: the socket object may outlive it (it is
            // deleted later, or with the server), so its destruction is only a fallback.
            if (!tcp || tcp->state() == QAbstractSocket::UnconnectedState) {
                releaseConnection(socket.data());
                return;
            }
            connect(tcp, &QAbstractSocket::disconnected, this, [this, tcp] { releaseConnection(tcp); });
            // Qt 6.4's QWebSocketServer keeps every socket it accepted wired to its own
            // slot that deletes the socket on disconnect, for the socket's whole life, and
            // that slot and its handshake slot find their socket through sender(), a walk
            // over all of those connections. At 20,000 handhelds each handshake and each
            // close walked 20,000 of them: 95 % of the event loop went there and desks
            // could not get in (issue 15). The socket deletes itself instead; only the
            // handshakes in flight stay wired to the listener.
            QObject::disconnect(tcp, &QAbstractSocket::disconnected, m_server.get(), nullptr);
            connect(tcp, &QAbstractSocket::disconnected, tcp, &QObject::deleteLater);
        }, Qt::QueuedConnection);
        updateAccepting();
    }
    return QObject::eventFilter(watched, event);
}

void SyncServer::releaseConnection(QObject* socket)
{
    if (m_connections.remove(socket))
        updateAccepting();
}

void SyncServer::updateAccepting()
{
    // Past the cap, connections are taken only to be turned away, a few at a time: beyond
    // those the descriptors run out and the rest wait in the kernel's queue.
    const bool atCap = int(m_connections.size()) >= m_maxConnections + kTurnAwayRoom;
    if (atCap && !m_atCap) {
        ++m_capReached;
        // At the cap with handhelds queued, every close lets one in and reaches it again:
        // say so once a minute, not each time.
        if (!m_capWarned.isValid() || m_capWarned.hasExpired(60'000)) {
            qCWarning(lcServer).noquote() << QStringLiteral("%1 connections open, the most allowed: %2 sessions (--max-connections "
                                                            "or the descriptor limit, ulimit -n) and %3 being turned away as full; "
                                                            "new ones wait in the listen queue meanwhile (cap reached %4 times "
                                                            "since the last message)")
                                                 .arg(m_connections.size())
                                                 .arg(m_maxConnections)
                                                 .arg(kTurnAwayRoom)
                                                 .arg(m_capReached);
            m_capWarned.start();
            m_capReached = 0;
        }
    }
    m_atCap = atCap;
    setListening(!m_atCap && !m_backingOff);
}

void SyncServer::setListening(bool on)
{
    if (on == m_listening || !m_server || !m_tcpServer)
        return;
    m_listening = on;
    // Pausing alone does not end the accept loop Qt is in (it accepts until the queue is
    // empty or accept() fails); a pending-connection limit of 0 does, at once.
    m_tcpServer->setMaxPendingConnections(on ? m_tcpMaxPending : 0);
    if (on)
        m_server->resumeAccepting();
    else
        m_server->pauseAccepting();
}

void SyncServer::watchAccepting()
{
    // Below the cap accept() can still fail: snapshots open database connections of their
    // own, an explicit --max-connections may exceed the descriptors, other processes share
    // the system's table. Qt 6.4 then retries at once for ever on Linux (EMFILE), or stops
    // accepting for good (other errors), in both cases without a word. Its symptom: the
    // listening socket stays readable across two checks with nothing accepted in between.
    // Then pause, and retry after 1, 2, 4 … 16 s (checks every 250 ms: a poll() each).
    pollfd listener { int(m_server->socketDescriptor()), POLLIN, 0 };
    const bool waiting = m_listening && ::poll(&listener, 1, 0) == 1 && (listener.revents & POLLIN);
    const bool accepted = m_acceptedTotal != m_acceptedAtLastCheck;
    const bool stuck = waiting && m_listenerWasWaiting && !accepted;
    if (accepted)
        m_backOffMs = 1000; // accepts work again
    m_listenerWasWaiting = waiting;
    m_acceptedAtLastCheck = m_acceptedTotal;
    if (!stuck)
        return;
    // Readable at two checks with nothing accepted between is also what a busy event loop
    // looks like (a login storm's passes outlast the check's interval, and the listener's
    // turn comes after the check's), and then backing off only slowed the storm down. Only
    // a descriptor that cannot be had means accept() fails: asked of the kernel directly.
    if (const int probe = ::fcntl(int(m_server->socketDescriptor()), F_DUPFD_CLOEXEC, 0); probe >= 0) {
        ::close(probe);
        m_listenerWasWaiting = false; // judged afresh from the next check
        m_server->resumeAccepting(); // should Qt have given up after an error of another kind
        return;
    }
    qCWarning(lcServer).noquote() << QStringLiteral("connections are waiting but none can be accepted (%1 open; out of "
                                                    "descriptors? see ulimit -n and --max-connections): trying again in %2 s")
                                         .arg(m_connections.size())
                                         .arg(m_backOffMs / 1000);
    m_backingOff = true;
    updateAccepting();
    QTimer::singleShot(m_backOffMs, this, [this] {
        m_backingOff = false;
        // Judged again at the next check: still waiting with nothing accepted means
        // still stuck, so a retry spins for one check interval at most.
        m_listenerWasWaiting = true;
        m_acceptedAtLastCheck = m_acceptedTotal;
        updateAccepting();
    });
    m_backOffMs = std::min(m_backOffMs * 2, 16'000);
}

quint16 SyncServer::port() const
{
    return m_server ? m_server->serverPort() : 0;
}

void SyncServer::onNewConnection()
{
    std::optional<QMultiHash<quint16, QAbstractSocket*>> byPeerPort; // made when first needed
    while (QWebSocket* raw = m_server->nextPendingConnection()) {
        auto session = std::make_unique<Session>();
        session->socket.reset(raw);
        session->id = m_nextSessionId++;
        session->peer = raw->peerAddress().toString();
        session->connected.start();
        session->lastHeard.start();
        raw->setMaxAllowedIncomingFrameSize(kMaxPreLoginMessageBytes); // raised at login
        raw->setOutgoingFrameSize(kMaxMessageBytes); // one frame per message (protocol.h)
        raw->setMaxAllowedIncomingMessageSize(kMaxPreLoginMessageBytes); // raised at login
        // The lambdas look the session up by id: a signal that arrives while the session
        // is being dropped (a reset during a flush) finds it gone instead of freed.
        const quint64 id = session->id;
        connect(raw, &QWebSocket::textMessageReceived, this, [this, id](const QString& text) {
            if (Session* s = sessionById(id))
                onMessage(*s, text);
        });
        connect(raw, &QWebSocket::binaryMessageReceived, this, [this, id](const QByteArray&) {
            if (Session* s = sessionById(id))
                onBinary(*s);
        });
        connect(raw, &QWebSocket::disconnected, this, [this, id] {
            if (Session* s = sessionById(id))
                dropSession(s);
        });
        connect(raw, &QWebSocket::bytesWritten, this, [this, id](qint64) {
            Session* s = sessionById(id);
            if (!s)
                return;
            if (s->snapshot) {
                s->snapshotProgress.start();
                pumpSnapshot(*s);
            } else if (s->changesHeld && s->socket->bytesToWrite() < kSendHighWater / 2) {
                pushChanges(*s);
            }
        });
        Session* s = session.get();
        m_sessions.emplace(id, std::move(session));
        // An address at its limit is refused before it is admitted: its connection neither
        // takes a place of the share nor crowds out someone else's.
        if (m_options.maxUnauthenticatedPerAddress > 0
            && m_unauthenticated.value(s->peer) >= m_options.maxUnauthenticatedPerAddress) {
            qCInfo(lcServer).noquote() << "too many connections not logged in from" << s->peer;
            closeSession(*s, QWebSocketProtocol::CloseCodeTooMuchData,
                QStringLiteral("too many connections from your address"));
            continue;
        }
        // Connections that have not logged in hold their share of the cap at most: at the
        // cap or at that share, a newcomer takes the place of one that has said nothing
        // for a second (a client logs in as soon as it is connected), so a flood of
        // connections that never log in cannot keep a desk out.
        if ((m_admitted >= m_maxConnections || m_preLogin >= m_maxUnauthenticated) && !crowdOutIdleLogin(&byPeerPort)) {
            // Full: said at once, so that the client tries another instance now rather
            // than after its connect timeout (PROTOCOL.md § Limits).
            turnAway(*s);
            continue;
        }
        s->admitted = true;
        ++m_admitted;
        s->preLogin = true;
        ++m_preLogin;
        m_preLoginOrder.push_back(s->id);
        if (m_options.maxUnauthenticatedPerAddress > 0) {
            ++m_unauthenticated[s->peer];
            s->countedForPeer = true;
        }
    }
}

void SyncServer::uncountForPeer(Session& s)
{
    if (!s.countedForPeer)
        return; // turned away or refused before it was counted
    s.countedForPeer = false;
    auto it = m_unauthenticated.find(s.peer);
    if (it != m_unauthenticated.end() && --*it <= 0)
        m_unauthenticated.erase(it);
}

SyncServer::Session* SyncServer::sessionById(quint64 id) const
{
    const auto it = m_sessions.find(id);
    return it == m_sessions.end() || it->second->gone ? nullptr : it->second.get();
}

void SyncServer::dropSession(Session* s)
{
    // Called from inside Qt's signals, maybe while a caller up the stack still holds this
    // session (a flush that met a reset): mark it, free it later.
    if (s->gone)
        return;
    s->gone = true;
    s->closing = true;
    if (s->admitted)
        --m_admitted;
    leavePreLogin(*s);
    if (s->handheld)
        --m_handheldSessions;
    if (s->loggedIn)
        m_sessionsByToken.remove(s->token, s->id);
    m_positionDesks.remove(s->id);
    if (s->loginWanted)
        *s->loginWanted = false;
    s->socket->disconnect(this);
    uncountForPeer(*s);
    endSnapshot(*s);
    if (!m_sweepQueued) {
        m_sweepQueued = true;
        QMetaObject::invokeMethod(this, &SyncServer::sweepSessions, Qt::QueuedConnection);
    }
}

void SyncServer::sweepSessions()
{
    m_sweepQueued = false;
    for (auto it = m_sessions.begin(); it != m_sessions.end();)
        it = it->second->gone ? m_sessions.erase(it) : std::next(it);
}

bool SyncServer::send(Session& s, const QByteArray& bytes)
{
    return send(s, QString::fromUtf8(bytes), bytes.size());
}

bool SyncServer::send(Session& s, const QString& text, qint64 bytes)
{
    // Anything said while actions are grouped follows what they wrote: on disk first.
    endActionGroup();
    if (s.closing)
        return false;
    // A client that does not read must not fill the server's memory.
    if (s.socket->bytesToWrite() + bytes > kMaxUnsentBytes) {
        qCWarning(lcServer).noquote() << "closing" << s.peer << s.user.name << ": over"
                                      << kMaxUnsentBytes / (1024 * 1024) << "MiB waiting to be sent";
        audit(s, QStringLiteral("connection"), 0, QStringLiteral("closed:send_buffer"));
        abortSession(s, QStringLiteral("send buffer over the limit"));
        return false;
    }
    s.socket->sendTextMessage(text);
    return !s.closing;
}

void SyncServer::closeSession(Session& s, int code, const QString& reason)
{
    if (s.closing)
        return;
    s.closing = true;
    s.closingSince.start();
    endSnapshot(s); // its turn goes to the next one now, not when the peer acknowledges
    // close() may reset the socket and emit disconnected at once; the session stays
    // allocated until the sweep, so nothing here or in the caller touches freed memory.
    s.socket->close(QWebSocketProtocol::CloseCode(code), reason);
}

void SyncServer::abortSession(Session& s, const QString& why)
{
    // A peer that does not read never takes a close frame either: reset the connection.
    qCInfo(lcServer).noquote() << "resetting the connection of" << s.user.name << "from" << s.peer << ":" << why;
    s.closing = true;
    endSnapshot(s);
    s.socket->abort();
}

void SyncServer::endSnapshot(Session& s)
{
    if (!s.snapshot)
        return;
    s.snapshot->cancel(); // a chunk being read is dropped; its connection closes on the pool
    s.snapshot.reset();
    --m_snapshotsRunning;
    QMetaObject::invokeMethod(this, &SyncServer::startWaitingSnapshots, Qt::QueuedConnection);
}

void SyncServer::sendError(Session& s, const QString& code, const QString& message, const QString& inReplyTo, bool close)
{
    QJsonObject o { { "code", code }, { "message", message } };
    if (!inReplyTo.isEmpty())
        o.insert(QStringLiteral("inReplyTo"), inReplyTo);
    send(s, encode(Type::Error, o));
    if (close && !s.closing) {
        s.socket->flush();
        closeSession(s, QWebSocketProtocol::CloseCodePolicyViolated, code);
    }
}

bool SyncServer::rateLimited(Session& s, RateLimit& limit, double rate, double burst, const QString& inReplyTo)
{
    if (limit.take(rate, burst, QDateTime::currentMSecsSinceEpoch()))
        return false;
    QJsonObject o { { "code", err::RateLimited }, { "retryAfterMs", qint64(std::ceil(1000.0 / rate)) },
        { "message", QCoreApplication::translate("SyncServer", "Too many messages; slow down") } };
    if (!inReplyTo.isEmpty())
        o.insert(QStringLiteral("inReplyTo"), inReplyTo);
    send(s, encode(Type::Error, o));
    audit(s, inReplyTo, 0, QStringLiteral("refused:") + err::RateLimited);
    return true;
}

void SyncServer::checkTimeouts()
{
    if (!m_throttlesPruned.isValid() || m_throttlesPruned.hasExpired(60'000)) {
        pruneLoginThrottles();
        m_throttlesPruned.start();
    }
    const qint64 loginMs = qint64(m_options.loginTimeoutSecs) * 1000, idleMs = qint64(m_options.idleTimeoutSecs) * 1000;
    const qint64 stallMs = qint64(m_options.snapshotStallSecs) * 1000;
    std::optional<QMultiHash<quint16, QAbstractSocket*>> unread; // made when first needed
    for (auto& [id, session] : m_sessions) {
        Session& s = *session;
        // A close the peer never completes (it reads nothing) would hold the connection for
        // ever: reset it.
        if (s.closing && !s.gone && s.closingSince.isValid() && s.closingSince.hasExpired(10'000)) {
            s.socket->abort();
            continue;
        }
        if (s.closing)
            continue;
        if (!s.loggedIn && !s.working && s.connected.hasExpired(loginMs) && !loginUnread(s, &unread)) {
            auditUnauthenticated(s.peer, {}, QStringLiteral("connection"), QStringLiteral("closed:login_timeout"));
            closeSession(s, QWebSocketProtocol::CloseCodePolicyViolated, QStringLiteral("log in first"));
        } else if (s.loggedIn && !s.working && s.lastHeard.hasExpired(idleMs)) {
            audit(s, QStringLiteral("connection"), 0, QStringLiteral("closed:idle"));
            closeSession(s, QWebSocketProtocol::CloseCodeGoingAway, QStringLiteral("idle"));
        } else if (s.snapshot && s.snapshotProgress.hasExpired(stallMs)) {
            audit(s, QStringLiteral("sync"), 0, QStringLiteral("closed:snapshot_stalled"));
            abortSession(s, QStringLiteral("snapshot not read"));
        }
    }
}

QAbstractSocket* SyncServer::tcpSocketOf(const Session& s, std::optional<QMultiHash<quint16, QAbstractSocket*>>* byPeerPort) const
{
    // QWebSocketServer keeps each accepted TCP socket as its listener's child, so the
    // socket is found by its peer.
    if (!*byPeerPort) {
        byPeerPort->emplace();
        for (QObject* o : m_connections)
            if (auto* tcp = qobject_cast<QAbstractSocket*>(o))
                (*byPeerPort)->insert(tcp->peerPort(), tcp);
    }
    const quint16 port = s.socket->peerPort();
    const QHostAddress address = s.socket->peerAddress();
    for (auto it = (*byPeerPort)->constFind(port); it != (*byPeerPort)->cend() && it.key() == port; ++it)
        if (it.value()->peerAddress() == address && it.value()->socketDescriptor() >= 0)
            return it.value();
    return nullptr;
}

bool SyncServer::loginUnread(const Session& s, std::optional<QMultiHash<quint16, QAbstractSocket*>>* byPeerPort) const
{
    // The deadline is the client's, not the server's: under a district's logins an event
    // loop pass can outlast it, and a login that arrived meanwhile waits unread in the
    // socket while the deadline passes. Bytes the kernel holds for the connection mean
    // the client has spoken; they are read in the next pass.
    QAbstractSocket* tcp = tcpSocketOf(s, byPeerPort);
    int pending = 0;
    return tcp && (tcp->bytesAvailable() > 0 || (::ioctl(int(tcp->socketDescriptor()), FIONREAD, &pending) == 0 && pending > 0));
}

void SyncServer::turnAway(Session& s)
{
    closeSession(s, kCloseFull, QStringLiteral("full: %1 sessions on this instance").arg(m_admitted));
}

void SyncServer::leavePreLogin(Session& s)
{
    if (!s.preLogin)
        return;
    s.preLogin = false;
    --m_preLogin;
    // Entries of sessions that left pre-login go from the front as they reach it, so the
    // queue holds about the connections of the last login deadline, not every one accepted.
    while (!m_preLoginOrder.empty()) {
        const Session* oldest = sessionById(m_preLoginOrder.front());
        if (oldest && oldest->preLogin && !oldest->closing)
            break;
        m_preLoginOrder.pop_front();
    }
}

bool SyncServer::crowdOutIdleLogin(std::optional<QMultiHash<quint16, QAbstractSocket*>>* byPeerPort)
{
    // Oldest first; entries of sessions that logged in or went meanwhile are dropped on the
    // way. One whose login is being checked, or waits unread in its socket, is spared.
    int looked = 0;
    for (auto it = m_preLoginOrder.begin(); it != m_preLoginOrder.end() && looked < kCrowdOutScan;) {
        Session* s = sessionById(*it);
        if (!s || !s->preLogin || s->closing) {
            it = m_preLoginOrder.erase(it);
            continue;
        }
        if (!s->connected.hasExpired(kCrowdOutAfterMs))
            return false; // the rest are younger still
        ++looked;
        if (s->working || loginUnread(*s, byPeerPort)) {
            ++it;
            continue;
        }
        m_preLoginOrder.erase(it);
        // Counted out now: the newcomer takes its place at once, not when its peer answers.
        s->admitted = false;
        --m_admitted;
        leavePreLogin(*s);
        auditUnauthenticated(s->peer, {}, QStringLiteral("connection"), QStringLiteral("closed:crowded_out"));
        closeSession(*s, QWebSocketProtocol::CloseCodePolicyViolated, QStringLiteral("log in first"));
        return true;
    }
    return false;
}

void SyncServer::checkAccounts()
{
    // Another process (add-user) may have changed a password, a role or a scope, disabled
    // someone or revoked tokens: sessions of a changed account end now, not at next login.
    const qint64 version = m_storage.accountsVersion();
    if (version <= 0 || version == m_accountsVersion)
        return; // unchanged, or not readable now (a database hiccup must not end sessions)
    // Every live session's account and token in one read: with 10,000 sessions a lookup
    // each would stall the event loop for seconds on PostgreSQL.
    QStringList names, tokens;
    QSet<QString> seen;
    for (auto& [id, session] : m_sessions) {
        const Session& s = *session;
        if (!s.loggedIn || s.closing)
            continue;
        if (!seen.contains(s.user.name)) {
            seen.insert(s.user.name);
            names << s.user.name;
        }
        tokens << s.token;
    }
    if (names.isEmpty()) {
        m_accountsVersion = version;
        return;
    }
    const std::optional<AccountsState> current = m_storage.accountsState(names, tokens);
    if (!current)
        return; // not readable now: looked at again on the next tick
    m_accountsVersion = version;
    for (auto& [id, session] : m_sessions) {
        Session& s = *session;
        if (!s.loggedIn || s.closing)
            continue;
        const auto u = current->users.constFind(s.user.name);
        const bool unchanged = u != current->users.cend() && !u->disabled && u->role == s.user.role && u->street == s.user.street
            && u->worker == s.user.worker && u->hash == s.user.hash && current->tokens.contains(s.token);
        if (unchanged)
            continue;
        audit(s, QStringLiteral("session"), 0, QStringLiteral("closed:account_changed"));
        sendError(s, err::BadCredentials, QCoreApplication::translate("SyncServer", "Your account was changed or its sessions revoked; log in again"), {}, true);
    }
}

void SyncServer::onBinary(Session& s)
{
    if (s.closing)
        return;
    s.lastHeard.start();
    sendError(s, err::BadJson, QCoreApplication::translate("SyncServer", "Binary frames are not part of the protocol"), {}, ++s.invalid > kMaxInvalidMessages);
}

void SyncServer::onMessage(Session& s, const QString& text)
{
    // While stopping nothing new is taken: an action left unanswered is sent again by its
    // client, to the next instance or after the restart.
    if (s.closing || m_shuttingDown)
        return;
    s.lastHeard.start();
    if (s.working) {
        // A ping is answered at once: a login waiting for its turn behind a district's
        // handhelds must not look like a dead link to its client.
        if (text.size() <= 1024) {
            Type type;
            Problem problem;
            if (const std::optional<QJsonObject> o = decode(text.toUtf8(), &type, &problem); o && type == Type::Ping) {
                answerPing(s, *o);
                return;
            }
        }
        // Bounded: a client that floods while its login is checked is cut off. The bound
        // lets a whole offline outbox wait for its pacing.
        s.heldBytes += text.size();
        const bool over = s.loggedIn ? s.held.size() >= kMaxHeldMessages || s.heldBytes > kMaxHeldBytes
                                     : s.held.size() >= 8 || s.heldBytes > kMaxPreLoginMessageBytes;
        if (over) {
            sendError(s, err::RateLimited, QCoreApplication::translate("SyncServer", "Too many messages while the last one is handled"), {}, true);
            return;
        }
        s.held.append(text);
        return;
    }
    handleMessage(s, text);
}

void SyncServer::answerPing(Session& s, const QJsonObject& ping)
{
    qint64 t = 0;
    Problem ignored;
    readInt(ping, QStringLiteral("t"), &t, &ignored, 0, qint64(9e15), false);
    send(s, encode(Type::Pong, { { "t", t } }));
}

void SyncServer::resumeSession(Session& s)
{
    s.working = false;
    while (!s.held.isEmpty() && !s.working && !s.closing) {
        const QString next = s.held.takeFirst();
        s.heldBytes -= next.size();
        handleMessage(s, next);
    }
}

void SyncServer::handleMessage(Session& s, const QString& text)
{
    if (s.closing)
        return;
    if (rateLimited(s, s.messages, kMessageRate, kMessageBurst, {}))
        return;
    const QByteArray bytes = text.toUtf8();
    Type type;
    Problem problem;
    const std::optional<QJsonObject> o = decode(bytes, &type, &problem);
    if (!o) {
        const bool fatal = problem.code == err::TooLarge || problem.code == err::TooDeep;
        qCInfo(lcServer) << "invalid message:" << problem.code << problem.message;
        sendError(s, problem.code, problem.message, {}, fatal || ++s.invalid > kMaxInvalidMessages);
        return;
    }
    const QString name = typeName(type);
    if (type == Type::Ping) {
        answerPing(s, *o);
        return;
    }
    if (type == Type::Login) {
        if (s.loggedIn)
            sendError(s, err::BadField, QCoreApplication::translate("SyncServer", "Already logged in"), name, false);
        else
            handleLogin(s, *o);
        return;
    }
    if (!s.loggedIn) {
        sendError(s, err::NotLoggedIn, QCoreApplication::translate("SyncServer", "Log in first"), name, true);
        return;
    }
    switch (type) {
    case Type::Sync: handleSync(s, *o); break;
    case Type::Action:
        // Actions over the rate are paced, not refused: an outbox that fills up offline
        // is sent at once on reconnect, and none of it may be lost.
        if (!s.actions.take(kActionRate, kActionBurst, QDateTime::currentMSecsSinceEpoch())) {
            s.held.prepend(text);
            s.heldBytes += text.size();
            s.working = true;
            QTimer::singleShot(int(std::ceil(1000.0 / kActionRate)), this, [this, id = s.id] {
                if (Session* later = sessionById(id))
                    resumeSession(*later);
            });
            return;
        }
        if (m_storage.groupsCommits())
            queueAction(s, *o);
        else
            handleAction(s, *o);
        break;
    case Type::Position:
        if (!rateLimited(s, s.positionMessages, kPositionRate, kPositionBurst, name))
            handlePosition(s, *o);
        break;
    case Type::GetPhoto:
        if (!rateLimited(s, s.reads, kReadRate, kReadBurst, name))
            handleGetPhoto(s, *o);
        break;
    case Type::GetTrack:
        if (!rateLimited(s, s.reads, kReadRate, kReadBurst, name))
            handleGetTrack(s, *o);
        break;
    case Type::Logout: handleLogout(s); break;
    case Type::SubscribePositions: {
        const QJsonValue on = o->value(QLatin1String("on"));
        if (!on.isBool()) {
            sendError(s, err::BadField, QCoreApplication::translate("SyncServer", "Field \"on\": must be true or false"), name, ++s.invalid > kMaxInvalidMessages);
            return;
        }
        // Where colleagues are is for the hall's desks; a handheld only sends.
        if (s.user.role == UserRole::FieldWorker) {
            audit(s, name, 0, QStringLiteral("refused:") + err::Forbidden);
            sendError(s, err::Forbidden, QCoreApplication::translate("SyncServer", "Field workers send positions but do not receive them"), name, false);
            return;
        }
        s.positions = on.toBool();
        if (s.positions)
            m_positionDesks.insert(s.id);
        else
            m_positionDesks.remove(s.id);
        if (s.positions) {
            // Start with everything known, then increments.
            QJsonArray items;
            for (const Fix& f : std::as_const(m_latestFix)) {
                if (!inScope(s, f.street))
                    continue;
                items.append(QJsonObject { { "worker", f.worker }, { "lon", f.lon }, { "lat", f.lat }, { "at", f.at }, { "accuracy", f.accuracy } });
                if (items.size() >= kChangeBatchMax) {
                    send(s, encode(Type::Positions, { { "items", items } }));
                    items = {};
                }
            }
            if (!items.isEmpty())
                send(s, encode(Type::Positions, { { "items", items } }));
        }
        break;
    }
    default:
        sendError(s, err::UnknownType, QCoreApplication::translate("SyncServer", "A client may not send \"%1\"").arg(name), name, ++s.invalid > kMaxInvalidMessages);
    }
}

SyncServer::LoginThrottle& SyncServer::throttleFor(QHash<QString, LoginThrottle>& table, const QString& key)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    LoginThrottle& t = table[key];
    if (t.failures > 0 && now - t.lastFailureMs > kFailureWindowMs)
        t.failures = 0;
    return t;
}

void SyncServer::pruneLoginThrottles()
{
    // Names and addresses with nothing to remember are forgotten (random user names must
    // not grow the tables for ever). Once a minute, never inside a login: callers hold
    // references into the tables.
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (QHash<QString, LoginThrottle>* table : { &m_userThrottle, &m_addressThrottle }) {
        for (auto it = table->begin(); it != table->end();)
            it = it->inFlight == 0 && now - it->lastFailureMs > kFailureWindowMs && it->lockedUntilMs < now ? table->erase(it) : std::next(it);
    }
    for (auto it = m_trustedAddresses.begin(); it != m_trustedAddresses.end();)
        it = now - *it >= kTrustedAddressMs ? m_trustedAddresses.erase(it) : std::next(it);
}

void SyncServer::handleLogin(Session& s, const QJsonObject& o)
{
    Problem p;
    QString clientId, userName, password, token;
    static const QRegularExpression clientIdPattern(QStringLiteral("^[A-Za-z0-9._-]{1,64}$"));
    if (!readString(o, QStringLiteral("clientId"), &clientId, &p, true, 64) || !clientIdPattern.match(clientId).hasMatch()) {
        sendError(s, err::BadField, p.message.isEmpty() ? QCoreApplication::translate("SyncServer", "Field \"clientId\": 1-64 letters, digits, '-', '_' or '.'") : p.message,
            QStringLiteral("login"), true);
        return;
    }
    if (!readString(o, QStringLiteral("token"), &token, &p, false, 128)
        || !readString(o, QStringLiteral("user"), &userName, &p, false, 64)
        || !readString(o, QStringLiteral("password"), &password, &p, false, 256)) {
        sendError(s, err::BadField, p.message, QStringLiteral("login"), true);
        return;
    }
    if (token.isEmpty() && (userName.isEmpty() || password.isEmpty())) {
        sendError(s, err::BadField, QCoreApplication::translate("SyncServer", "A login needs \"token\", or \"user\" and \"password\""), QStringLiteral("login"), true);
        return;
    }
    if (!token.isEmpty()) {
        // Tokens are 256 random bits: guessing them is hopeless, so a token login is not
        // held back by its address's password failures (a site behind one NAT would lose
        // its reconnects to a few typos).
        const std::optional<SessionToken> t = m_storage.token(token);
        const std::optional<UserRecord> u = t ? m_storage.user(t->user) : std::nullopt;
        if (!u || u->disabled) {
            loginRefused(s, t ? t->user : QString(), err::BadCredentials, QCoreApplication::translate("SyncServer", "Unknown token"));
            return;
        }
        if (t->expiresAt <= QDateTime::currentDateTimeUtc()) {
            queueAudit(0, QueuedSessionWrite::Audit, u->name, clientId, s.peer, QStringLiteral("login_token"), QStringLiteral("refused:") + err::TokenExpired);
            sendError(s, err::TokenExpired, QCoreApplication::translate("SyncServer", "The session token has expired; log in with the password"), QStringLiteral("login"), true);
            return;
        }
        s.clientId = clientId;
        finishLogin(s, *u, clientId, t);
        return;
    }
    // Limits are judged before any hashing: a locked name or address costs the server
    // nothing. Guesses for one name are checked one after the other, so parallel guesses
    // meet the lock as sequential ones do.
    if (lockedOut(userName, s.peer)) {
        loginRefused(s, userName, err::RateLimited, QCoreApplication::translate("SyncServer", "Too many failed logins; try again later"));
        return;
    }
    // One address cannot fill the hashing queue: as many checks in flight as it may have
    // connections not logged in.
    const int perAddress = m_options.maxUnauthenticatedPerAddress;
    // Strangers' checks wait for a few seconds of hashing at most: a flood of guesses is
    // answered `busy` instead of queueing minutes of work, and an address a user logged in
    // from lately is never held back by it (its checks also go first: startPasswordCheck).
    const int strangersMax = std::max(4, int(kHashBacklogMs / std::max(0.001, hashCostMs(m_dummyIterations))));
    if (m_loginsInFlight >= kMaxLoginsInFlight || (perAddress > 0 && m_loginsInFlightByAddress.value(s.peer) >= perAddress)
        || (m_loginsInFlight >= strangersMax && !trustedAddress(s.peer))) {
        loginRefused(s, userName, err::Busy, QCoreApplication::translate("SyncServer", "The server is checking many logins; try again in a moment"));
        return;
    }
    ++m_loginsInFlight;
    ++m_loginsInFlightByAddress[s.peer];
    s.working = true;
    s.loginWanted = std::make_shared<std::atomic_bool>(true);
    const PendingLogin login { s.id, s.peer, userName, clientId, password, s.loginWanted };
    if (throttleFor(m_userThrottle, userName).inFlight > 0)
        m_waitingLogins[userName].push_back(login);
    else
        startPasswordCheck(login);
}

bool SyncServer::trustedAddress(const QString& peer) const
{
    const auto it = m_trustedAddresses.constFind(peer);
    return it != m_trustedAddresses.cend() && QDateTime::currentMSecsSinceEpoch() - *it < kTrustedAddressMs;
}

bool SyncServer::lockedOut(const QString& userName, const QString& peer)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    return throttleFor(m_userThrottle, userName).lockedUntilMs > now || throttleFor(m_addressThrottle, peer).lockedUntilMs > now;
}

void SyncServer::startPasswordCheck(const PendingLogin& login)
{
    ++throttleFor(m_userThrottle, login.userName).inFlight;
    // An unknown name is hashed too, against a dummy, so its answer takes as long.
    const std::optional<UserRecord> u = m_storage.user(login.userName);
    if (u)
        m_dummyIterations = u->iterations;
    const QByteArray salt = u ? u->salt : QByteArray(), expected = u ? u->hash : QByteArray();
    const int iterations = u ? u->iterations : m_dummyIterations;
    QPointer<SyncServer> self(this);
    // Addresses users logged in from lately go first: a flood of strangers' guesses does
    // not stand between a desk and its login.
    const int priority = trustedAddress(login.peer) ? 1 : 0;
    m_hashPool->start([self, login, salt, expected, iterations] {
        // A login whose connection has gone costs no hash (a client that connects, sends a
        // login and drops, again and again, must not fill the queue with work).
        bool matches = false;
        qint64 hashNs = 0;
        if (*login.wanted) {
            // CPU time, not wall time: on a loaded machine the thread waits for a core, and
            // that is no more work to queue.
            timespec before {}, after {};
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &before);
            const QByteArray password = login.password.toUtf8();
            matches = !expected.isEmpty() ? hashPassword(password, salt, iterations) == expected
                                          : (dummyPasswordHash(password, iterations), false);
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &after);
            hashNs = qint64(after.tv_sec - before.tv_sec) * 1'000'000'000 + (after.tv_nsec - before.tv_nsec);
        }
        if (self)
            QMetaObject::invokeMethod(self, [self, login, matched = matches ? expected : QByteArray(), hashNs, iterations] {
                if (!self)
                    return;
                if (hashNs > 0) // what a round costs now, for the strangers' budget
                    self->m_nsPerIteration = 0.8 * self->m_nsPerIteration + 0.2 * double(hashNs) / iterations;
                self->onPasswordChecked(login, matched);
            }, Qt::QueuedConnection);
    }, priority);
}

void SyncServer::startNextLogin(const QString& userName)
{
    auto waiting = m_waitingLogins.find(userName);
    while (waiting != m_waitingLogins.end() && !waiting->empty()) {
        const PendingLogin next = waiting->front();
        waiting->pop_front();
        Session* s = sessionById(next.sessionId);
        if (s && !s->closing && !lockedOut(next.userName, next.peer)) {
            startPasswordCheck(next);
            return;
        }
        --m_loginsInFlight;
        releaseAddressLogin(next.peer);
        if (s && !s->closing) {
            s->working = false;
            loginRefused(*s, next.userName, err::RateLimited, QCoreApplication::translate("SyncServer", "Too many failed logins; try again later"));
        }
    }
    if (waiting != m_waitingLogins.end())
        m_waitingLogins.erase(waiting);
}

void SyncServer::onPasswordChecked(const PendingLogin& login, const QByteArray& matchedHash)
{
    --m_loginsInFlight;
    releaseAddressLogin(login.peer);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    LoginThrottle& byUser = throttleFor(m_userThrottle, login.userName);
    --byUser.inFlight;
    LoginThrottle& byAddress = throttleFor(m_addressThrottle, login.peer);
    Session* s = sessionById(login.sessionId);
    if (s)
        s->loginWanted.reset();
    // Read again: the account may have changed while the hash was computed; a password
    // changed meanwhile does not let the old one in.
    const std::optional<UserRecord> u = !matchedHash.isEmpty() && s && !s->closing ? m_storage.user(login.userName) : std::nullopt;
    if (u && !u->disabled && u->hash == matchedHash) {
        byUser.failures = 0;
        byUser.lockedUntilMs = 0;
        finishLogin(*s, *u, login.clientId, std::nullopt); // processSessions resumes the session
    } else if (s && !s->closing) {
        for (LoginThrottle* t : { &byUser, &byAddress }) {
            ++t->failures;
            t->lastFailureMs = now;
        }
        // 30 s at the threshold, doubling with each failure after it.
        auto lockFor = [](int failures, int threshold) {
            return failures < threshold ? 0 : std::min<qint64>(30'000LL << std::min(failures - threshold, 10), kMaxLockMs);
        };
        byUser.lockedUntilMs = now + lockFor(byUser.failures, kUserFailuresBeforeLock);
        byAddress.lockedUntilMs = now + lockFor(byAddress.failures, kAddressFailuresBeforeLock);
        qCInfo(lcServer).noquote() << "login failed for" << login.userName << "from" << login.peer << "failures" << byUser.failures;
        auditUnauthenticated(login.peer, login.userName, QStringLiteral("login"), QStringLiteral("refused:") + err::BadCredentials);
        // The answer waits a little, longer after each failure; the session takes nothing meanwhile.
        const int delayMs = int(std::min<qint64>(250LL << std::min(byUser.failures - 1, 5), 8000));
        QTimer::singleShot(delayMs, this, [this, id = login.sessionId] {
            if (Session* late = sessionById(id)) {
                late->working = false;
                sendError(*late, err::BadCredentials, QCoreApplication::translate("SyncServer", "Unknown user or wrong password"), QStringLiteral("login"), true);
            }
        });
    }
    startNextLogin(login.userName);
}

void SyncServer::loginRefused(Session& s, const QString& userName, const QString& code, const QString& message)
{
    auditUnauthenticated(s.peer, userName, QStringLiteral("login"), QStringLiteral("refused:") + code);
    sendError(s, code, message, QStringLiteral("login"), true);
}

void SyncServer::releaseAddressLogin(const QString& peer)
{
    auto it = m_loginsInFlightByAddress.find(peer);
    if (it != m_loginsInFlightByAddress.end() && --*it <= 0)
        m_loginsInFlightByAddress.erase(it);
}

void SyncServer::auditUnauthenticated(const QString& peer, const QString& user, const QString& action, const QString& result)
{
    if (m_unauthenticatedAudits[peer].take(kRefusalAuditRate, kRefusalAuditBurst, QDateTime::currentMSecsSinceEpoch()))
        queueAudit(0, QueuedSessionWrite::Audit, user, {}, peer, action, result);
}

void SyncServer::handleLogout(Session& s)
{
    // Other sessions on the same token (a reconnect, a copied token) end with it: found by
    // the token, not by a walk over all sessions (a simulator's 20,000 handhelds logging
    // out at once made that 20,000 walks of 20,000 sessions, a minute of stop).
    for (const quint64 id : m_sessionsByToken.values(s.token)) {
        Session* other = sessionById(id);
        if (other && other != &s && !other->closing) {
            audit(*other, QStringLiteral("session"), 0, QStringLiteral("closed:logged_out"));
            sendError(*other, err::BadCredentials, QCoreApplication::translate("SyncServer", "Your account was changed or its sessions revoked; log in again"), {}, true);
        }
    }
    // The token is revoked with the pass's other logins and logouts, then the session closed.
    queueSessionWrite(s, QueuedSessionWrite::Logout, { s.token, s.user.name, {} });
}

void SyncServer::finishLogin(Session& s, const UserRecord& u, const QString& clientId, const std::optional<SessionToken>& token)
{
    s.user = u;
    s.clientId = clientId;
    s.street = u.street;
    const QString how = token ? QStringLiteral("login_token") : QStringLiteral("login");
    if (u.role == UserRole::FieldWorker) {
        const auto w = m_workers.constFind(u.worker);
        if (w == m_workers.constEnd()) {
            audit(s, how, 0, QStringLiteral("refused:") + err::Forbidden);
            sendError(s, err::Forbidden, QCoreApplication::translate("SyncServer", "The user's worker %1 does not exist").arg(u.worker), QStringLiteral("login"), true);
            return;
        }
        if (s.street.isEmpty())
            s.street = w->streetCode;
        // The last sessions of the cap are the desks': a handheld past its share goes to
        // another instance, told so as a full instance tells it (PROTOCOL.md § Limits).
        // Its audit entry is stored with the pass's logins (a storm of handhelds past the
        // share used to cost a commit each), and the answer waits for it.
        if (m_handheldSessions >= maxHandheldSessions()) {
            s.working = true;
            queueAudit(s.id, QueuedSessionWrite::RefusedFull, u.name, clientId, s.peer, how, QStringLiteral("refused:") + err::Full);
            return;
        }
        s.handheld = true;
        ++m_handheldSessions;
    }
    // A token login keeps its token and its end: a session is never longer than the
    // lifetime of the password login that began it.
    const SessionToken t = token ? *token : SessionToken { randomHex(32), u.name, QDateTime::currentDateTimeUtc().addSecs(m_options.tokenLifetimeSecs) };
    queueSessionWrite(s, token ? QueuedSessionWrite::TokenLogin : QueuedSessionWrite::PasswordLogin, t);
}

void SyncServer::queueSessionWrite(Session& s, QueuedSessionWrite::Kind kind, const SessionToken& token)
{
    // Later messages wait for the welcome (or the close).
    s.working = true;
    m_sessionWrites.push_back({ s.id, kind, token, s.clientId, s.peer, {}, {} });
    scheduleSessionWrites();
}

void SyncServer::queueAudit(quint64 session, QueuedSessionWrite::Kind kind, const QString& user, const QString& client,
    const QString& peer, const QString& action, const QString& result)
{
    m_sessionWrites.push_back({ session, kind, SessionToken { {}, user, {} }, client, peer, action, result });
    scheduleSessionWrites();
}

void SyncServer::scheduleSessionWrites()
{
    if (!m_sessionWritesScheduled) {
        m_sessionWritesScheduled = true;
        QTimer::singleShot(0, this, &SyncServer::processSessions);
    }
}

void SyncServer::processSessions()
{
    m_sessionWritesScheduled = false;
    endActionGroup(); // these commit on their own
    const std::vector<QueuedSessionWrite> queue = std::exchange(m_sessionWrites, {});
    ServerStorage::SessionWrites writes;
    for (const QueuedSessionWrite& q : queue) {
        const Session* s = sessionById(q.session);
        const bool logout = q.kind == QueuedSessionWrite::Logout;
        const bool auditOnly = q.kind == QueuedSessionWrite::Audit || q.kind == QueuedSessionWrite::RefusedFull;
        if (!logout && !auditOnly && (!s || s->closing))
            continue; // gone meanwhile: its token was never told, so it is not stored
        if (q.kind == QueuedSessionWrite::PasswordLogin)
            writes.issued.append(q.token);
        else if (logout)
            writes.revoked.append(q.token.token); // even if its client did not wait for the close
        ActionCommit c;
        c.store = false;
        const QString action = auditOnly ? q.action
            : logout                     ? QStringLiteral("logout")
            : q.kind == QueuedSessionWrite::TokenLogin ? QStringLiteral("login_token")
                                                       : QStringLiteral("login");
        c.audit = { 0, QDateTime::currentDateTimeUtc(), q.token.user, q.clientId, action, 0, auditOnly ? q.result : QStringLiteral("applied"), q.peer, {}, {} };
        writes.audits.append(c);
    }
    if (writes.audits.isEmpty())
        return;
    // One transaction and one disk flush for all of them; only then are the tokens told.
    const bool stored = m_storage.commitSessions(writes);
    if (!stored)
        qCWarning(lcServer) << "login and logout commit failed for" << writes.audits.size() << "sessions:" << m_storage.lastError();
    for (const QueuedSessionWrite& q : queue) {
        Session* s = q.kind == QueuedSessionWrite::Audit ? nullptr : sessionById(q.session);
        if (!s || s->closing)
            continue;
        s->working = false;
        if (q.kind == QueuedSessionWrite::RefusedFull) {
            send(*s, encode(Type::Error, { { "code", err::Full }, { "inReplyTo", QStringLiteral("login") },
                                             { "message", QCoreApplication::translate("SyncServer", "This instance keeps its remaining sessions for the desks; log in at another instance of the hall") } }));
            s->socket->flush();
            closeSession(*s, kCloseFull, QStringLiteral("full: %1 handheld sessions on this instance").arg(m_handheldSessions));
            continue;
        }
        if (q.kind == QueuedSessionWrite::Logout) {
            s->socket->flush();
            closeSession(*s, QWebSocketProtocol::CloseCodeNormal, QStringLiteral("logged out"));
            continue;
        }
        if (!stored) {
            sendError(*s, err::Internal, QCoreApplication::translate("SyncServer", "The server could not store the login; try again"), QStringLiteral("login"), true);
            continue;
        }
        // A logout in this same pass revoked the token this login came with: the logout's
        // walk over the token's sessions could not find it yet (it is not logged in).
        if (q.kind == QueuedSessionWrite::TokenLogin && writes.revoked.contains(q.token.token)) {
            audit(*s, QStringLiteral("session"), 0, QStringLiteral("closed:logged_out"));
            sendError(*s, err::BadCredentials, QCoreApplication::translate("SyncServer", "Your account was changed or its sessions revoked; log in again"), QStringLiteral("login"), true);
            continue;
        }
        s->token = q.token.token;
        s->loggedIn = true;
        leavePreLogin(*s);
        // Desks' addresses only: a handheld behind a carrier's NAT must not make every
        // stranger behind it go first.
        if (!s->handheld && (m_trustedAddresses.size() < kMaxTrustedAddresses || m_trustedAddresses.contains(s->peer)))
            m_trustedAddresses.insert(s->peer, QDateTime::currentMSecsSinceEpoch());
        m_sessionsByToken.insert(s->token, s->id);
        uncountForPeer(*s);
        s->socket->setMaxAllowedIncomingFrameSize(kMaxWireMessageBytes); // over the limit: too_large, not 1009
        s->socket->setMaxAllowedIncomingMessageSize(kMaxWireMessageBytes); // the decoder answers too_large
        send(*s, encode(Type::Welcome, { { "user", s->user.name }, { "role", userRoleKey(s->user.role) }, { "street", s->street },
            { "token", q.token.token }, { "expiresAt", q.token.expiresAt.toMSecsSinceEpoch() }, { "epoch", m_storage.epoch() },
            { "lastClientSeq", m_storage.lastClientSeq(s->user.name, s->clientId) }, { "worker", s->user.worker },
            { "instance", m_instanceName } }));
        if (!s->closing)
            resumeSession(*s);
    }
}

bool SyncServer::inScope(const Session& s, const QString& streetCode) const
{
    return s.street.isEmpty() || streetCode.startsWith(s.street);
}

void SyncServer::handleSync(Session& s, const QJsonObject& o)
{
    Problem p;
    qint64 cursor = 0;
    QString epoch;
    if (!readInt(o, QStringLiteral("cursor"), &cursor, &p, 0, qint64(9e15))
        || !readString(o, QStringLiteral("epoch"), &epoch, &p, false, 64)) {
        sendError(s, p.code, p.message, QStringLiteral("sync"), ++s.invalid > kMaxInvalidMessages);
        return;
    }
    if (s.snapshot || s.snapshotWaiting)
        return; // one is on its way; its end makes the session live
    if (cursor > 0 && epoch == m_storage.epoch() && cursor <= m_storage.cursor()) {
        s.cursor = cursor;
        s.live = true;
        if (cursor == m_storage.cursor())
            send(s, encode(Type::Changes, { { "from", cursor }, { "to", cursor }, { "cases", QJsonArray() }, { "events", QJsonArray() } }));
        else
            pushChanges(s);
        return;
    }
    s.live = false;
    // Each snapshot holds a read transaction, a connection and its encoding work: a few
    // at a time, the others wait their turn (a district's desks after a server restart).
    s.snapshotWaiting = true;
    m_snapshotQueue.push_back(s.id);
    startWaitingSnapshots();
}

void SyncServer::startWaitingSnapshots()
{
    while (m_snapshotsRunning < m_options.maxConcurrentSnapshots && !m_snapshotQueue.empty()) {
        Session* next = sessionById(m_snapshotQueue.front());
        m_snapshotQueue.pop_front();
        if (next && !next->closing && next->snapshotWaiting) {
            next->snapshotWaiting = false;
            startSnapshot(*next);
        }
    }
}

void SyncServer::startSnapshot(Session& s)
{
    audit(s, QStringLiteral("snapshot"), 0, QStringLiteral("applied"));
    ++m_snapshotsRunning;
    s.snapshotProgress.start();
    s.snapshotStarted.start();
    // Opened, read and encoded on m_snapshotPool; frames come back to pumpSnapshot.
    const quint64 id = s.id;
    s.snapshot = std::make_shared<SnapshotStream>(
        [storage = &m_storage, street = s.street, video = mayViewVideo(s.user.role)] { return storage->openSnapshot(street, video); },
        m_storage.epoch(),
        [this, id] {
            QMetaObject::invokeMethod(
                this, [this, id] {
                    if (Session* session = sessionById(id))
                        pumpSnapshot(*session);
                },
                Qt::QueuedConnection);
        });
    pumpSnapshot(s);
}

void SyncServer::pumpSnapshot(Session& s)
{
    // Called when the socket has written some (bytesWritten) or the reader has frames ready:
    // writes finished frames while the socket holds less than kSnapshotHighWater and keeps
    // the reader a little ahead. Nothing here reads or encodes rows.
    if (!s.snapshot || s.closing)
        return;
    const std::shared_ptr<SnapshotStream> stream = s.snapshot;
    // The client has taken everything it was sent: it is not the one stalling.
    if (s.socket->bytesToWrite() == 0)
        s.snapshotProgress.start();
    QString frame;
    while (s.socket->bytesToWrite() < kSnapshotHighWater && stream->take(&frame)) {
        if (!send(s, frame, frame.size()) || s.snapshot != stream)
            return; // the session ended (send buffer over the limit)
    }
    if (!stream->finished()) {
        stream->fill(*m_snapshotPool, kSnapshotAhead);
        return;
    }
    if (!stream->error().isEmpty()) {
        const QString error = stream->error();
        endSnapshot(s);
        sendError(s, err::Internal, error, QStringLiteral("sync"), false);
        return;
    }
    // snapshot_end is sent: the session is live from the snapshot's cursor on.
    m_metrics.snapshotFinished(s.snapshotStarted.nsecsElapsed());
    s.cursor = stream->cursor();
    endSnapshot(s);
    s.live = true;
    pushChanges(s); // whatever committed while the snapshot streamed
}

void SyncServer::pushChanges(Session& s)
{
    if (!s.live || s.closing)
        return;
    for (;;) {
        // A slow reader waits here, its cursor kept, and catches up on bytesWritten.
        s.changesHeld = s.socket->bytesToWrite() >= kSendHighWater;
        if (s.changesHeld)
            return;
        const QList<ChangeRecord> records = m_storage.changesSince(s.cursor, kChangeBatchMax);
        if (records.isEmpty())
            return;
        // A batch ends after kChangeBatchMax records or once it passes kChangeBatchBytes
        // (thumbnails and long notes make rows large), so every message stays one frame
        // well under the limit. Its range ends at the last record it took.
        QJsonArray cases, events, photos;
        qint64 bytes = 0, to = s.cursor;
        qsizetype taken = 0;
        for (const ChangeRecord& r : records) {
            if (taken > 0 && bytes >= kChangeBatchBytes)
                break;
            ++taken;
            to = r.seq;
            if (!inScope(s, r.streetCode))
                continue;
            cases.append(QJsonDocument::fromJson(r.caseRow).array());
            events.append(QJsonDocument::fromJson(r.event).object());
            bytes += r.caseRow.size() + r.event.size();
            for (const CasePhoto& p : r.photos) {
                photos.append(photoToJson(p));
                bytes += p.thumbnail.size() * 4 / 3 + 200;
            }
        }
        QJsonObject batch { { "from", s.cursor }, { "to", to }, { "cases", cases }, { "events", events } };
        if (!photos.isEmpty())
            batch.insert(QStringLiteral("photos"), photos);
        if (!send(s, encode(Type::Changes, batch)))
            return;
        s.cursor = to;
        if (taken == records.size() && records.size() < kChangeBatchMax)
            return;
    }
}

void SyncServer::pushChangesToAll()
{
    for (auto& [id, session] : m_sessions)
        pushChanges(*session);
}

void SyncServer::audit(Session& s, const QString& action, qint64 caseId, const QString& result)
{
    // A client that provokes refusals as fast as it can must not fill the audit log: past
    // the rate, refusals are counted and the count is audited with the next one that fits.
    const bool refusal = result.startsWith(QLatin1String("refused:"));
    if (refusal && !s.refusalAudits.take(kRefusalAuditRate, kRefusalAuditBurst, QDateTime::currentMSecsSinceEpoch())) {
        ++s.unaudited;
        return;
    }
    QString text = result;
    if (refusal && s.unaudited > 0) {
        text += QStringLiteral(" (+%1 not audited)").arg(s.unaudited);
        s.unaudited = 0;
    }
    auditAs(s.user.name, s.clientId, s.peer, action, caseId, text);
}

void SyncServer::auditAs(const QString& user, const QString& client, const QString& peer, const QString& action, qint64 caseId, const QString& result)
{
    ActionCommit c;
    c.store = false;
    c.audit = { 0, QDateTime::currentDateTimeUtc(), user, client, action, caseId, result, peer, {}, {} };
    if (m_storage.commitAction(c) < 0)
        qCWarning(lcServer) << "audit write failed:" << m_storage.lastError();
}

void SyncServer::handleAction(Session& s, const QJsonObject& o, std::optional<PreparedPhotos> prepared)
{
    QElapsedTimer handling;
    handling.start();
    Problem p;
    qint64 seq = 0;
    QString key, actionKey;
    readString(o, QStringLiteral("action"), &actionKey, &p, false, 32);
    CaseAction action;
    // The audit names only actions that exist: a raw name could carry control characters.
    const bool knownAction = caseActionFromKey(actionKey, &action);
    const QString auditName = knownAction ? actionKey : QStringLiteral("unknown");
    if (!readInt(o, QStringLiteral("clientSeq"), &seq, &p, 1, qint64(9e15))
        || !readString(o, QStringLiteral("key"), &key, &p, true, 128) || key.isEmpty()) {
        if (p.message.isEmpty())
            p = { err::BadField, QCoreApplication::translate("SyncServer", "Field \"key\": must not be empty") };
        audit(s, auditName, 0, QStringLiteral("refused:") + err::BadField);
        sendError(s, err::BadField, p.message, QStringLiteral("action"), ++s.invalid > kMaxInvalidMessages);
        m_metrics.actionAnswered(ServerMetrics::Refused, handling.nsecsElapsed());
        return;
    }
    QJsonObject result { { "clientSeq", seq }, { "key", key } };
    auto answer = [&](const QJsonObject& r) { answerAction(s, r, handling); };

    // Keys and sequence numbers are the user's own: nobody else's stored answer is found.
    const ServerStorage::ClientState client = m_storage.clientState(s.user.name, s.clientId, key);
    if (std::optional<QJsonObject> stored = client.stored) {
        audit(s, auditName, stored->value(QLatin1String("caseId")).toInteger(), QStringLiteral("replayed"));
        stored->insert(QStringLiteral("replayed"), true);
        answer(*stored);
        return;
    }
    const qint64 expected = client.lastSeq + 1;
    if (seq != expected) {
        const QString code = seq < expected ? err::SeqReused : err::SeqGap;
        audit(s, auditName, 0, QStringLiteral("refused:") + code);
        result.insert(QStringLiteral("status"), QStringLiteral("refused"));
        result.insert(QStringLiteral("code"), code);
        result.insert(QStringLiteral("expected"), expected);
        result.insert(QStringLiteral("message"), seq < expected
                ? QCoreApplication::translate("SyncServer", "Sequence number %1 was already used with another key").arg(seq)
                : QCoreApplication::translate("SyncServer", "Sequence number %1 skips %2").arg(seq).arg(expected));
        answer(result);
        return;
    }

    const QDateTime now = QDateTime::currentDateTimeUtc();
    ActionCommit commit;
    commit.user = s.user.name;
    commit.clientId = s.clientId;
    commit.clientSeq = seq;
    commit.key = key;
    qint64 caseId = 0;
    auto refuse = [&](const QString& code, const QString& message) {
        result.insert(QStringLiteral("status"), QStringLiteral("refused"));
        result.insert(QStringLiteral("code"), code);
        result.insert(QStringLiteral("message"), message);
    };

    const std::optional<Role> role = domainRoleFor(s.user.role);
    const bool creates = knownAction && (action == CaseAction::Report || action == CaseAction::SelfHandle);
    // Photos: their form and size now, whether they are images once the action would apply.
    QList<PhotoUpload> uploads;
    Problem photoProblem;
    const bool photosRead = readPhotoUploads(o, &uploads, &photoProblem);
    // A refusal for its photos still names the case in the answer and the audit.
    if ((!photosRead || !uploads.isEmpty()) && !creates)
        caseId = std::max<qint64>(0, o.value(QLatin1String("caseId")).toInteger());
    if (!knownAction) {
        refuse(err::BadField, QCoreApplication::translate("SyncServer", "Field \"action\": unknown action"));
    } else if (!role) {
        refuse(err::ReadOnly, QCoreApplication::translate("SyncServer", "A leader may read but not change cases"));
    } else if (!photosRead) {
        refuse(photoProblem.code, photoProblem.message);
    } else if (!uploads.isEmpty() && action != CaseAction::Feedback && action != CaseAction::AttachPhoto) {
        refuse(err::BadField, QCoreApplication::translate("SyncServer", "Field \"photos\": only a feedback or attach_photo carries photos"));
    } else if (uploads.isEmpty() && action == CaseAction::AttachPhoto) {
        refuse(err::BadField, QCoreApplication::translate("SyncServer", "Field \"photos\": attach_photo needs 1 to 3 photos"));
    } else if (creates) {
        const QJsonObject draftJson = o.value(QLatin1String("case")).toObject();
        Case draft;
        QString dispute, source;
        if (!(readString(draftJson, QStringLiteral("categoryCode"), &draft.categoryCode, &p, true, 16)
                && readString(draftJson, QStringLiteral("description"), &draft.description, &p)
                && readString(draftJson, QStringLiteral("address"), &draft.address, &p, false)
                && readLonLat(draftJson, &draft.location, &p)
                && readString(draftJson, QStringLiteral("gridCode"), &draft.gridCode, &p, true, 32)
                && readString(draftJson, QStringLiteral("disputeLevel"), &dispute, &p, false, 16)
                && readString(draftJson, QStringLiteral("source"), &source, &p, false, 16))) {
            refuse(p.code, p.message);
        } else if (!Taxonomy::builtIn().item(draft.categoryCode)) {
            refuse(err::BadField, QCoreApplication::translate("SyncServer", "Field \"categoryCode\": unknown category %1").arg(draft.categoryCode));
        } else if (!dispute.isEmpty() && !disputeLevelFromKey(dispute, &draft.disputeLevel)) {
            refuse(err::BadField, QCoreApplication::translate("SyncServer", "Field \"disputeLevel\": unknown value"));
        } else if (!source.isEmpty() && !caseSourceFromKey(source, &draft.source)) {
            refuse(err::BadField, QCoreApplication::translate("SyncServer", "Field \"source\": unknown value"));
        } else if (!m_grids.contains(draft.gridCode)) {
            refuse(err::NotFound, QCoreApplication::translate("SyncServer", "No grid %1").arg(draft.gridCode));
        } else if (!inScope(s, m_grids.value(draft.gridCode).streetCode)) {
            refuse(err::NotFound, QCoreApplication::translate("SyncServer", "No grid %1").arg(draft.gridCode)); // as if it did not exist
        } else {
            const GridCell& g = m_grids[draft.gridCode];
            draft.id = m_storage.nextCaseId(); // from the database: servers may share it
            caseId = draft.id;
            draft.communityCode = g.communityCode;
            draft.streetCode = g.streetCode;
            draft.code = QStringLiteral("%1-%2-%3").arg(m_districtCode.isEmpty() ? g.streetCode.left(6) : m_districtCode,
                now.toString(QStringLiteral("yyyyMMdd"))).arg(draft.id, 7, 10, QLatin1Char('0'));
            draft.reporter = s.user.worker.isEmpty() ? s.user.name : s.user.worker;
            if (source.isEmpty())
                draft.source = s.user.role == UserRole::FieldWorker ? CaseSource::FieldWorker : CaseSource::Operator;
            if (dispute.isEmpty())
                draft.disputeLevel = Taxonomy::builtIn().item(draft.categoryCode)->defaultDisputeLevel;
            draft.level = Taxonomy::builtIn().item(draft.categoryCode)->defaultLevel;
            const TransitionOutcome out = CaseMachine::open(draft, action, { s.user.name, *role }, now,
                SlaPolicy::builtIn(), &Taxonomy::builtIn());
            if (!out.ok()) {
                refuse(err::Refused, out.reason);
                result.insert(QStringLiteral("reason"), refusalKey(out.refusal));
            } else {
                commit.caseRow = out.updated;
                commit.event = out.event;
            }
        }
    } else {
        qint64 seen = 0, minutes = 0;
        QString targetKind, target, note;
        if (!(readInt(o, QStringLiteral("caseId"), &caseId, &p, 1, qint64(9e15))
                && readInt(o, QStringLiteral("seenVersion"), &seen, &p, 1, qint64(9e15))
                && readString(o, QStringLiteral("targetKind"), &targetKind, &p, false, 16)
                && readString(o, QStringLiteral("target"), &target, &p, false, 64)
                && readString(o, QStringLiteral("note"), &note, &p, false)
                && readInt(o, QStringLiteral("minutes"), &minutes, &p, 0, CaseMachine::kMaxExtensionMinutes, false))) {
            refuse(p.code, p.message);
        } else if (std::optional<Case> current = m_storage.caseById(caseId); !current || !inScope(s, current->streetCode)) {
            // A case outside the scope is answered as one that does not exist: the answer
            // must not tell whether there is such a case elsewhere.
            refuse(err::NotFound, QCoreApplication::translate("SyncServer", "No case %1").arg(caseId));
        } else if (const QString duty = dutyRefusal(s, *current, action); !duty.isEmpty()) {
            refuse(err::Forbidden, duty);
        } else if (current->version != seen && action != CaseAction::AttachPhoto) {
            // (A photo adds to the case whatever happened to it since: no decision rests on
            // the version seen, and a still queued offline must not be lost to a conflict.)
            const std::optional<CaseEvent> last = m_storage.lastEvent(caseId);
            result.insert(QStringLiteral("status"), QStringLiteral("conflict"));
            result.insert(QStringLiteral("code"), err::Conflict);
            result.insert(QStringLiteral("version"), current->version);
            if (last) {
                result.insert(QStringLiteral("by"), last->actor);
                result.insert(QStringLiteral("byAction"), caseActionKey(last->action));
                result.insert(QStringLiteral("at"), toWireTime(last->at));
            }
            result.insert(QStringLiteral("message"), last
                    ? QCoreApplication::translate("SyncServer", "Case changed by %1 (%2) at %3").arg(last->actor, caseActionDisplayName(last->action), last->at.toString(Qt::ISODate))
                    : QCoreApplication::translate("SyncServer", "Case changed since version %1").arg(seen));
        } else {
            ActionRequest request;
            request.action = action;
            request.target = target;
            request.note = note;
            request.extensionMinutes = int(minutes);
            bool targetOk = true;
            if (targetKind == QLatin1String("worker")) {
                request.targetKind = HolderKind::Worker;
                const auto w = m_workers.constFind(target);
                targetOk = w != m_workers.constEnd() && inScope(s, w->streetCode);
            } else if (targetKind == QLatin1String("department")) {
                request.targetKind = HolderKind::Department;
                targetOk = m_departments.contains(target);
            } else if (!targetKind.isEmpty()) {
                targetOk = false;
            }
            if (!targetOk) {
                refuse(err::BadField, QCoreApplication::translate("SyncServer", "Unknown or out-of-scope dispatch target %1").arg(target));
            } else {
                const TransitionOutcome out = CaseMachine::apply(*current, request, { s.user.name, *role }, now,
                    SlaPolicy::builtIn(), &Taxonomy::builtIn());
                if (!out.ok()) {
                    refuse(err::Refused, out.reason);
                    result.insert(QStringLiteral("reason"), refusalKey(out.refusal));
                } else {
                    commit.caseRow = out.updated;
                    commit.event = out.event;
                }
            }
        }
    }
    // Photos are decoded off the event loop (two 30 MP PNGs take 0.6 s), and only for a
    // feedback that would apply: the whole action is judged first, and again once they are
    // ready. The session's later messages wait meanwhile.
    if (commit.caseRow && !uploads.isEmpty() && !prepared) {
        s.working = true;
        ++m_photosInFlight;
        const quint64 id = s.id;
        QPointer<SyncServer> self(this);
        m_photoPool->start([self, id, o, uploads, receivedAt = now] {
            PreparedPhotos ready;
            for (qsizetype i = 0; i < uploads.size() && !ready.problem; ++i) {
                NewPhoto photo;
                Problem problem;
                if (preparePhoto(uploads[i], int(i), receivedAt, &photo, &problem))
                    ready.photos.append(photo);
                else
                    ready.problem = problem;
            }
            if (self)
                QMetaObject::invokeMethod(self, [self, id, o, ready] {
                    if (!self)
                        return;
                    --self->m_photosInFlight;
                    Session* later = self->sessionById(id);
                    if (!later || later->closing)
                        return;
                    later->working = false;
                    self->handleAction(*later, o, ready);
                    if (!later->closing && !later->working)
                        self->resumeSession(*later);
                }, Qt::QueuedConnection);
        });
        return;
    }
    // The whole feedback or nothing: one photo that is not an image refuses all of it.
    if (commit.caseRow && !uploads.isEmpty()) {
        if (!prepared || prepared->problem || prepared->photos.size() != uploads.size()) {
            commit.caseRow.reset();
            commit.event.reset();
            const Problem bad = prepared && prepared->problem ? *prepared->problem
                                                              : Problem { err::Internal, QStringLiteral("photos not prepared") };
            refuse(bad.code, bad.message);
        } else {
            commit.photos = prepared->photos;
        }
    }
    if (commit.caseRow) {
        result.insert(QStringLiteral("status"), QStringLiteral("applied"));
        result.insert(QStringLiteral("caseId"), commit.caseRow->id);
        result.insert(QStringLiteral("version"), commit.caseRow->version);
        if (!commit.photos.isEmpty())
            result.insert(QStringLiteral("photos"), int(commit.photos.size()));
    } else if (caseId) {
        result.insert(QStringLiteral("caseId"), caseId);
    }
    result.insert(QStringLiteral("replayed"), false);
    commit.result = result;
    const QString status = result.value(QLatin1String("status")).toString();
    commit.audit = { 0, now, s.user.name, s.clientId, auditName, caseId,
        status == QLatin1String("refused") ? status + QLatin1Char(':') + result.value(QLatin1String("code")).toString() : status,
        s.peer, {}, {} };
    const qint64 cursor = m_storage.commitAction(commit);
    if (cursor < 0) {
        qCWarning(lcServer) << "action commit failed:" << m_storage.lastError();
        QJsonObject failed { { "clientSeq", seq }, { "key", key }, { "status", "refused" }, { "code", err::Internal },
            { "message", QCoreApplication::translate("SyncServer", "The server could not store the action; nothing was applied") }, { "replayed", false } };
        answer(failed);
        return;
    }
    answer(commit.result);
    if (commit.caseRow && m_grouping)
        m_pushAfterGroup = true; // what is not on disk yet is not pushed either
    else if (commit.caseRow)
        pushChangesToAll();
}

void SyncServer::queueAction(Session& s, const QJsonObject& o)
{
    // The session's later messages wait until its action is answered.
    s.working = true;
    m_actionQueue.push_back({ s.id, o });
    if (!m_actionsScheduled) {
        m_actionsScheduled = true;
        QTimer::singleShot(0, this, &SyncServer::processActions);
    }
}

void SyncServer::processActions()
{
    // Every action that arrived in this pass of the event loop, in arrival order, in one
    // group: one commit (one disk flush) for all of them, then their answers.
    m_actionsScheduled = false;
    std::vector<QueuedAction> queue;
    queue.swap(m_actionQueue);
    for (size_t i = 0; i < queue.size(); ++i) {
        Session* s = sessionById(queue[i].session);
        if (!s || s->closing)
            continue;
        if (!m_grouping) // again after a message that had to go out in between (send)
            m_grouping = m_storage.beginGroup(int(queue.size() - i));
        s->working = false;
        handleAction(*s, queue[i].message);
    }
    endActionGroup();
    for (const QueuedAction& q : queue)
        if (Session* s = sessionById(q.session); s && !s->closing && !s->working)
            resumeSession(*s);
}

void SyncServer::answerAction(Session& s, const QJsonObject& result, const QElapsedTimer& handling)
{
    if (m_grouping) {
        m_heldAnswers.push_back({ s.id, result, handling });
        return;
    }
    send(s, encode(Type::ActionResult, result));
    m_metrics.actionAnswered(result, handling.nsecsElapsed());
}

void SyncServer::endActionGroup()
{
    if (!m_grouping)
        return;
    m_grouping = false;
    const bool committed = m_storage.endGroup();
    if (!committed)
        qCWarning(lcServer) << "action group commit failed:" << m_storage.lastError();
    const std::vector<HeldAnswer> answers = std::exchange(m_heldAnswers, {});
    for (const auto& [id, result, handling] : answers) {
        // Not on disk: nothing of it was applied, and a retry with its key is safe.
        const QJsonObject failed { { "clientSeq", result.value(QLatin1String("clientSeq")) }, { "key", result.value(QLatin1String("key")) },
            { "status", "refused" }, { "code", err::Internal },
            { "message", QCoreApplication::translate("SyncServer", "The server could not store the action; nothing was applied") }, { "replayed", false } };
        const QJsonObject& told = committed ? result : failed;
        // Counted as told: /metrics never shows applied what the commit lost.
        m_metrics.actionAnswered(told, handling.nsecsElapsed());
        if (Session* s = sessionById(id))
            send(*s, encode(Type::ActionResult, told));
    }
    if (std::exchange(m_pushAfterGroup, false))
        pushChangesToAll();
}

QString SyncServer::dutyRefusal(const Session& s, const Case& c, CaseAction action) const
{
    if (s.user.role == UserRole::FieldWorker) {
        switch (action) {
        case CaseAction::Accept:
        case CaseAction::Feedback:
        case CaseAction::RequestExtension:
        case CaseAction::Return:
            if (c.holderKind != HolderKind::Worker || c.holder != s.user.worker)
                return QCoreApplication::translate("SyncServer", "Case %1 is not held by you").arg(c.id);
            break;
        default:
            break;
        }
    }
    if (action == CaseAction::VerifyPass || action == CaseAction::VerifyFail || action == CaseAction::Close) {
        const std::optional<CaseEvent> fed = m_storage.lastEventOf(c.id, CaseAction::Feedback);
        if (fed && (fed->actor == s.user.name || (!s.user.worker.isEmpty() && fed->actor == s.user.worker)))
            return QCoreApplication::translate("SyncServer", "You fed case %1 back yourself; someone else verifies and closes it").arg(c.id);
    }
    return {};
}

void SyncServer::handleGetPhoto(Session& s, const QJsonObject& o)
{
    Problem p;
    qint64 id = 0;
    if (!readInt(o, QStringLiteral("id"), &id, &p, 1, qint64(9e15))) {
        sendError(s, p.code, p.message, QStringLiteral("get_photo"), ++s.invalid > kMaxInvalidMessages);
        return;
    }
    auto answer = [&](QJsonObject fields) {
        fields.insert(QStringLiteral("id"), id);
        send(s, encode(Type::Photo, fields));
    };
    auto refuse = [&](const QString& code, const QString& message) {
        answer({ { "code", code }, { "message", message } });
    };
    const std::optional<StoredPhoto> photo = m_storage.photo(id);
    if (!photo) {
        if (!m_storage.lastError().isEmpty())
            qCWarning(lcServer) << "photo read failed:" << m_storage.lastError();
        audit(s, QStringLiteral("get_photo"), 0, QStringLiteral("refused:") + err::NotFound);
        refuse(err::NotFound, QCoreApplication::translate("SyncServer", "No photo %1").arg(id));
        return;
    }
    // A photo is in scope exactly when its case is; outside it, it does not exist.
    const std::optional<Case> owner = m_storage.caseById(photo->meta.caseId);
    if (!owner || !inScope(s, owner->streetCode)) {
        audit(s, QStringLiteral("get_photo"), owner ? owner->id : 0, QStringLiteral("refused:") + err::NotFound);
        refuse(err::NotFound, QCoreApplication::translate("SyncServer", "No photo %1").arg(id));
        return;
    }
    audit(s, QStringLiteral("get_photo"), owner->id, QStringLiteral("applied"));
    answer({ { "caseId", photo->meta.caseId }, { "mime", photo->meta.mime }, { "width", photo->meta.width },
        { "height", photo->meta.height }, { "bytes", qint64(photo->data.size()) },
        { "data", QString::fromLatin1(photo->data.toBase64()) } });
}

void SyncServer::handlePosition(Session& s, const QJsonObject& o)
{
    if (s.user.role != UserRole::FieldWorker) {
        sendError(s, err::Forbidden, QCoreApplication::translate("SyncServer", "Only field workers send positions"), QStringLiteral("position"), false);
        return;
    }
    const QJsonValue itemsValue = o.value(QLatin1String("items"));
    const QJsonArray items = itemsValue.toArray();
    Problem p;
    if (!itemsValue.isArray() || items.isEmpty() || items.size() > kMaxPositionsPerMessage) {
        sendError(s, err::BadField, QCoreApplication::translate("SyncServer", "Field \"items\": 1 to %1 positions").arg(kMaxPositionsPerMessage),
            QStringLiteral("position"), ++s.invalid > kMaxInvalidMessages);
        return;
    }
    QList<Fix> fixes;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (const QJsonValue& v : items) {
        const QJsonObject item = v.toObject();
        LonLat ll;
        qint64 at = 0;
        double accuracy = 0;
        if (!v.isObject() || !readLonLat(item, &ll, &p) || !readInt(item, QStringLiteral("at"), &at, &p, 1, qint64(9e15))
            || (item.contains(QLatin1String("accuracy")) && !readFinite(item, QStringLiteral("accuracy"), &accuracy, &p, 0, 10000))) {
            audit(s, QStringLiteral("position"), 0, QStringLiteral("refused:") + err::BadField);
            sendError(s, err::BadField, p.message.isEmpty() ? QCoreApplication::translate("SyncServer", "A position must be an object") : p.message,
                QStringLiteral("position"), ++s.invalid > kMaxInvalidMessages);
            return;
        }
        // A fix from next week would stand as the worker's latest for a week.
        if (at > now + kMaxFixAheadMs || at < now - kMaxFixAgeMs) {
            audit(s, QStringLiteral("position"), 0, QStringLiteral("refused:") + err::BadField);
            sendError(s, err::BadField, QCoreApplication::translate("SyncServer", "Field \"at\": a position must be from the last 24 hours, not ahead of the server's clock"),
                QStringLiteral("position"), ++s.invalid > kMaxInvalidMessages);
            return;
        }
        fixes.append({ s.user.worker, s.street, ll.lon, ll.lat, accuracy, at });
    }
    m_metrics.positionFixes(int(fixes.size()));
    for (const Fix& f : fixes) {
        Fix& latest = m_latestFix[f.worker];
        if (f.at >= latest.at) {
            latest = f;
            m_recentFixes.append(f);
            const RecordedFix fix { f.worker, { f.lon, f.lat }, f.at };
            if (m_trackThinner.keep(fix))
                m_trackPending.append(fix);
        }
    }
}

void SyncServer::flushPositions()
{
    if (m_recentFixes.isEmpty())
        return;
    // Latest per worker within this batch only.
    QHash<QString, qsizetype> newest;
    for (qsizetype i = 0; i < m_recentFixes.size(); ++i)
        newest.insert(m_recentFixes[i].worker, i);
    QList<Fix> batch;
    batch.reserve(newest.size());
    QJsonArray shared;
    for (auto it = newest.cbegin(); it != newest.cend(); ++it) {
        const Fix& f = m_recentFixes[it.value()];
        batch.append(f);
        shared.append(QJsonArray { f.worker, f.street, f.lon, f.lat, f.accuracy, f.at });
    }
    m_recentFixes.clear();
    // The other instances on a shared database send it to their desks (one row and one
    // NOTIFY per flush).
    m_storage.publishPositions(QJsonDocument(shared).toJson(QJsonDocument::Compact));
    deliverPositions(batch);
}

void SyncServer::receivePositions(const QByteArray& batch)
{
    QList<Fix> fixes;
    for (const QJsonValue& v : QJsonDocument::fromJson(batch).array()) {
        const QJsonArray a = v.toArray();
        Fix f { a.at(0).toString(), a.at(1).toString(), a.at(2).toDouble(), a.at(3).toDouble(), a.at(4).toDouble(), a.at(5).toInteger() };
        if (a.size() != 6 || f.worker.isEmpty())
            continue;
        // A handheld that moved between instances: the newer fix wins on either side.
        Fix& latest = m_latestFix[f.worker];
        if (f.at < latest.at)
            continue;
        latest = f;
        fixes.append(f);
    }
    if (!fixes.isEmpty())
        deliverPositions(fixes);
}

void SyncServer::deliverPositions(const QList<Fix>& batch)
{
    // The desks that want positions, not every session: at 20,000 handhelds a walk over
    // all sessions for each batch (ten a second from each instance) showed in profiles.
    for (const quint64 id : std::as_const(m_positionDesks)) {
        Session* desk = sessionById(id);
        if (!desk)
            continue;
        Session& s = *desk;
        // A desk behind on reading skips this batch: the next carries newer positions.
        if (!s.positions || s.closing || s.socket->bytesToWrite() >= kSendHighWater)
            continue;
        QJsonArray items;
        for (const Fix& f : batch) {
            if (!inScope(s, f.street))
                continue;
            items.append(QJsonObject { { "worker", f.worker }, { "lon", f.lon }, { "lat", f.lat }, { "at", f.at }, { "accuracy", f.accuracy } });
            if (items.size() >= kChangeBatchMax) {
                send(s, encode(Type::Positions, { { "items", items } }));
                items = {};
            }
        }
        if (!items.isEmpty())
            send(s, encode(Type::Positions, { { "items", items } }));
    }
}

// Tracks ------------------------------------------------------------------------------

void SyncServer::flushTrack()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (!m_trackPending.isEmpty()) {
        // One transaction per flush; a failure loses this batch of the track, never positions.
        if (!m_storage.appendTrack(m_trackPending))
            qCWarning(lcServer) << "track write failed:" << m_storage.lastError();
        m_trackPending.clear();
    }
    constexpr qint64 kPruneEveryMs = 6LL * 3600 * 1000;
    if (m_options.trackDays > 0 && now - m_lastTrackPruneMs > kPruneEveryMs) {
        m_lastTrackPruneMs = now;
        const qint64 removed = m_storage.pruneTrack(now - qint64(m_options.trackDays) * 86400 * 1000);
        if (removed < 0)
            qCWarning(lcServer) << "track prune failed:" << m_storage.lastError();
        else if (removed > 0)
            qCInfo(lcServer) << "track: removed" << removed << "fixes older than" << m_options.trackDays << "days";
    }
}

void SyncServer::handleGetTrack(Session& s, const QJsonObject& o)
{
    const QString name = QStringLiteral("get_track");
    Problem p;
    qint64 request = 0, from = 0, to = 0;
    if (!readInt(o, QStringLiteral("request"), &request, &p, 1, qint64(9e15)) || !readInt(o, QStringLiteral("from"), &from, &p, 0, qint64(9e15))
        || !readInt(o, QStringLiteral("to"), &to, &p, 1, qint64(9e15))) {
        sendError(s, p.code, p.message, name, ++s.invalid > kMaxInvalidMessages);
        return;
    }
    auto answer = [&](QJsonObject fields) {
        fields.insert(QStringLiteral("request"), request);
        send(s, encode(Type::Track, fields));
    };
    auto refuse = [&](const QString& code, const QString& message) { answer({ { "code", code }, { "message", message } }); };
    const QJsonValue workersValue = o.value(QLatin1String("workers"));
    const QJsonArray workerItems = workersValue.toArray();
    if (!workersValue.isArray() || workerItems.isEmpty() || workerItems.size() > kMaxTrackWorkers) {
        refuse(err::BadField, QCoreApplication::translate("SyncServer", "Field \"workers\": 1 to %1 worker codes").arg(kMaxTrackWorkers));
        return;
    }
    if (to <= from || to - from > kMaxTrackSpanMs) {
        refuse(err::BadField, QCoreApplication::translate("SyncServer", "Fields \"from\", \"to\": a period of up to %1 days, ending after it starts")
                                  .arg(kMaxTrackSpanMs / 86400000));
        return;
    }
    if (s.user.role == UserRole::FieldWorker) {
        refuse(err::Forbidden, QCoreApplication::translate("SyncServer", "A handheld does not replay tracks"));
        return;
    }
    QStringList workers;
    for (const QJsonValue& v : workerItems) {
        const QString code = v.toString();
        const auto it = m_workers.constFind(code);
        // Outside the scope a worker does not exist, as for cases and photos.
        if (!v.isString() || it == m_workers.constEnd() || !inScope(s, it->streetCode)) {
            audit(s, name, 0, QStringLiteral("refused:") + err::NotFound);
            refuse(err::NotFound, QCoreApplication::translate("SyncServer", "No field worker %1").arg(code.left(64)));
            return;
        }
        workers.append(code);
    }
    audit(s, name, 0, QStringLiteral("applied"));
    // What is still in memory goes to storage first, so the answer includes the last seconds.
    flushTrack();
    const QList<RecordedFix> fixes = m_storage.track(workers, from, to, kMaxTrackFixes + 1);
    if (fixes.isEmpty() && !m_storage.lastError().isEmpty()) {
        qCWarning(lcServer) << "track read failed:" << m_storage.lastError();
        refuse(err::Internal, QCoreApplication::translate("SyncServer", "The server could not read the track; try again later"));
        return;
    }
    // Compact rows: [worker index, at, lon, lat].
    QHash<QString, int> index;
    QJsonArray names, rows;
    const qsizetype count = std::min<qsizetype>(fixes.size(), kMaxTrackFixes);
    for (qsizetype i = 0; i < count; ++i) {
        const RecordedFix& f = fixes[i];
        auto it = index.find(f.worker);
        if (it == index.end()) {
            it = index.insert(f.worker, int(names.size()));
            names.append(f.worker);
        }
        rows.append(QJsonArray { *it, f.atMs, f.pos.lon, f.pos.lat });
    }
    answer({ { "workers", names }, { "fixes", rows }, { "truncated", fixes.size() > kMaxTrackFixes } });
}

QHash<QString, int> SyncServer::sessionsByRole() const
{
    QHash<QString, int> byRole;
    for (const auto& [id, s] : m_sessions)
        if (!s->gone)
            ++byRole[s->loggedIn ? userRoleKey(s->user.role) : QStringLiteral("none")];
    return byRole;
}

} // namespace gridhall
