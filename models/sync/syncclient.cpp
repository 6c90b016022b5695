#include "models/sync/syncclient.h"

#include "models/store/schema.h"
#include "models/store/sqlstatement.h"
#include "models/sync/protocol.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QUuid>
#include <QSslConfiguration>
#include <QSslError>
#include <QWebSocket>
#include <sqlite3.h>
#include <algorithm>
#include <cmath>

Q_LOGGING_CATEGORY(lcSync, "gridhall.sync", QtInfoMsg)

namespace gridhall {

using namespace protocol;

namespace {
const QByteArray kCursorKey("sync.cursor");
const QByteArray kEpochKey("sync.epoch");
const QByteArray kTokenKey("sync.token");
const QByteArray kClientIdKey("sync.client_id");
const QByteArray kScopeKey("sync.scope"); // the street the replica was filled for
// Wire table names; the replica's table is the same name except "basemap" (basemap_features).
const char* const kShadowTables[] = { "districts", "streets", "communities", "grids", "workers", "departments",
    "basemap", "cameras", "cases", "photos" };
QByteArray replicaTable(const char* wireTable)
{
    if (qstrcmp(wireTable, "basemap") == 0)
        return QByteArray("basemap_features");
    if (qstrcmp(wireTable, "photos") == 0)
        return QByteArray("case_photos");
    return QByteArray(wireTable);
}
const QByteArray kPhotoCacheEpochKey("photos.epoch"); // the server epoch the photo cache is from

bool execSql(sqlite3* db, const QByteArray& sql, QString* error)
{
    char* message = nullptr;
    if (sqlite3_exec(db, sql.constData(), nullptr, nullptr, &message) == SQLITE_OK)
        return true;
    *error = QString::fromUtf8(message ? message : "sqlite");
    sqlite3_free(message);
    return false;
}

void bindText(sqlite3_stmt* s, int i, const QString& text)
{
    const QByteArray u = text.toUtf8();
    sqlite3_bind_text(s, i, u.constData(), int(u.size()), SQLITE_TRANSIENT);
}

void bindBlob(sqlite3_stmt* s, int i, const QByteArray& b)
{
    if (b.isEmpty())
        sqlite3_bind_null(s, i);
    else
        sqlite3_bind_blob(s, i, b.constData(), int(b.size()), SQLITE_TRANSIENT);
}
enum class Cell { Int, Text, Lon, Lat, Time, State, OptionalState, Level, Dispute, Source, Holder };

// Column kinds in protocol::caseColumns() order.
const Cell kCaseCells[] = { Cell::Int, Cell::Text, Cell::Text, Cell::Text, Cell::Text, Cell::Lon, Cell::Lat,
    Cell::Text, Cell::Text, Cell::Text, Cell::State, Cell::Level, Cell::Dispute, Cell::Source, Cell::Text,
    Cell::Holder, Cell::Text, Cell::Time, Cell::Time, Cell::Time, Cell::Time, Cell::Int, Cell::Int, Cell::Int,
    Cell::Int, Cell::OptionalState, Cell::Int, Cell::Time, Cell::Time };
constexpr int kCaseCellCount = int(sizeof(kCaseCells) / sizeof(kCaseCells[0]));
static_assert(kCaseCellCount == 29);

bool validKey(Cell kind, const QString& key)
{
    switch (kind) {
    case Cell::State: { CaseState x; return caseStateFromKey(key, &x); }
    case Cell::OptionalState: { CaseState x; return key.isEmpty() || caseStateFromKey(key, &x); } // "": not set
    case Cell::Level: { HandlingLevel x; return handlingLevelFromKey(key, &x); }
    case Cell::Dispute: { DisputeLevel x; return disputeLevelFromKey(key, &x); }
    case Cell::Source: { CaseSource x; return caseSourceFromKey(key, &x); }
    case Cell::Holder: { HolderKind x; return holderKindFromKey(key, &x); }
    default: return false;
    }
}

// "?1,?2,…,?n" for an INSERT of n columns.
QByteArray numberedPlaceholders(int n)
{
    QByteArray out;
    for (int i = 1; i <= n; ++i)
        out += (i > 1 ? ",?" : "?") + QByteArray::number(i);
    return out;
}

// Same checks as protocol::caseFromRow, binding as it goes.
bool bindCaseRow(sqlite3_stmt* s, const QJsonArray& row, CaseChecksum* checksum, Problem* p)
{
    const QStringList& cols = caseColumns();
    if (row.size() != cols.size()) {
        *p = { err::BadField, QCoreApplication::translate("Protocol", "A case row needs %1 values, got %2").arg(cols.size()).arg(row.size()) };
        return false;
    }
    qint64 id = 0, version = 0;
    QString state, street;
    for (int i = 0; i < kCaseCellCount; ++i) {
        const QJsonValue cell = row[i];
        const Cell kind = kCaseCells[i];
        bool good = true;
        switch (kind) {
        case Cell::Text:
        case Cell::State:
        case Cell::OptionalState:
        case Cell::Level:
        case Cell::Dispute:
        case Cell::Source:
        case Cell::Holder: {
            const QString text = cell.toString();
            good = cell.isString() && text.size() <= kMaxStringChars && (kind == Cell::Text || validKey(kind, text));
            if (good)
                bindText(s, i + 1, text);
            if (i == 10)
                state = text;
            else if (i == 9)
                street = text;
            break;
        }
        case Cell::Lon:
        case Cell::Lat: {
            const double d = cell.toDouble(std::nan(""));
            const double limit = kind == Cell::Lon ? 180 : 90;
            good = cell.isDouble() && std::isfinite(d) && d >= -limit && d <= limit;
            sqlite3_bind_double(s, i + 1, d);
            break;
        }
        case Cell::Int:
        case Cell::Time: {
            const double d = cell.toDouble(std::nan(""));
            good = cell.isDouble() && std::isfinite(d) && d == std::floor(d) && std::fabs(d) <= 9.0e15;
            const qint64 v = qint64(d);
            if (kind == Cell::Time && v == 0)
                sqlite3_bind_null(s, i + 1);
            else
                sqlite3_bind_int64(s, i + 1, v);
            if (i == 0)
                id = v;
            else if (i == 26)
                version = v;
            break;
        }
        }
        if (!good) {
            *p = { err::BadField, QCoreApplication::translate("Protocol", "Field \"%1\": bad value").arg(cols[i]) };
            return false;
        }
    }
    if (id <= 0 || version <= 0) {
        *p = { err::BadField, QCoreApplication::translate("Protocol", "A case needs a positive id and version") };
        return false;
    }
    checksum->add(id, version, state, street);
    return true;
}
} // namespace

QString syncStateDisplayName(SyncState s)
{
    switch (s) {
    case SyncState::Offline: return QCoreApplication::translate("SyncClient", "Offline");
    case SyncState::Connecting: return QCoreApplication::translate("SyncClient", "Connecting");
    case SyncState::Syncing: return QCoreApplication::translate("SyncClient", "Syncing");
    case SyncState::Online: return QCoreApplication::translate("SyncClient", "Online");
    }
    return {};
}

// The snapshot being received: shadow tables in the same file, one prepared insert per
// table, row counts and the running checksum.
struct SyncClient::Shadow {
    sqlite3* db = nullptr;
    QString epoch;
    qint64 cursor = 0;
    QJsonObject counts;
    QHash<QString, qint64> received;
    CaseChecksum checksum;
    QHash<QString, sqlite3_stmt*> inserts;
    ~Shadow()
    {
        for (sqlite3_stmt* s : std::as_const(inserts))
            sqlite3_finalize(s);
    }
};

SyncClient::SyncClient(Store& store, QObject* parent)
    : QObject(parent)
    , m_store(store)
{
    m_heartbeat.setInterval(kHeartbeatIntervalMs);
    connect(&m_heartbeat, &QTimer::timeout, this, &SyncClient::heartbeat);
    m_reconnect.setSingleShot(true);
    connect(&m_reconnect, &QTimer::timeout, this, &SyncClient::connectNow);
    m_sendTimer.setSingleShot(true);
    connect(&m_sendTimer, &QTimer::timeout, this, &SyncClient::sendDue);
    m_photoTimer.setInterval(500);
    connect(&m_photoTimer, &QTimer::timeout, this, &SyncClient::expirePhotos);
    m_trackWrite.setSingleShot(true);
    m_trackWrite.setInterval(10000);
    connect(&m_trackWrite, &QTimer::timeout, this, &SyncClient::writeTrackSlice);
    m_status.cursor = m_store.meta(QString::fromLatin1(kCursorKey)).toLongLong();
    m_status.offlineSince = QDateTime::currentDateTimeUtc();
    m_clientId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    updatePending();
}

SyncClient::~SyncClient()
{
    stop();
}

void SyncClient::setCredentials(const QString& user, const QString& password)
{
    m_user = user;
    m_password = password;
}

void SyncClient::setServers(const QList<QUrl>& urls)
{
    m_urls = urls;
    m_urlIndex = 0;
}

void SyncClient::setHeartbeat(int intervalMs, int deadAfterMs)
{
    m_heartbeat.setInterval(intervalMs);
    m_deadAfterMs = deadAfterMs;
}

void SyncClient::setBackoff(int minMs, int maxMs)
{
    m_backoffMinMs = minMs;
    m_backoffMaxMs = maxMs;
}

void SyncClient::setPositionsWanted(bool on)
{
    m_positionsWanted = on;
    if (m_socket && m_status.state != SyncState::Offline && m_status.state != SyncState::Connecting)
        m_socket->sendTextMessage(QString::fromUtf8(encode(Type::SubscribePositions, { { "on", on } })));
}

QString SyncClient::replicaClientId(Store& store, const QString& legacyId)
{
    const QString key = QString::fromLatin1(kClientIdKey);
    QString id = QString::fromLatin1(store.meta(key));
    if (!id.isEmpty())
        return id;
    const bool syncedBefore = !store.meta(QString::fromLatin1(kEpochKey)).isEmpty();
    id = syncedBefore && !legacyId.isEmpty() ? legacyId : QUuid::createUuid().toString(QUuid::WithoutBraces);
    store.setMeta(key, id.toLatin1());
    return id;
}

void SyncClient::start()
{
    m_running = true;
    m_status.loginRefused = false;
    m_attempt = 0;
    connectNow();
}

void SyncClient::stop()
{
    m_running = false;
    m_reconnect.stop();
    m_heartbeat.stop();
    dropShadow();
    failPhotos(QCoreApplication::translate("SyncClient", "Photo %1 could not be loaded: the connection to the server was closed."));
    failTracks(QCoreApplication::translate("SyncClient", "The connection to the server was closed before the track arrived."));
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        m_socket.release()->deleteLater();
    }
    writeTracks();
    setState(SyncState::Offline);
}

void SyncClient::setState(SyncState s)
{
    if (s != SyncState::Online && m_status.state == SyncState::Online)
        m_status.offlineSince = QDateTime::currentDateTimeUtc();
    if (s == SyncState::Online)
        m_status.offlineSince = {};
    const bool changed = s != m_status.state;
    if (changed)
        qCDebug(lcSync) << "state" << int(m_status.state) << "->" << int(s);
    m_status.state = s;
    if (changed)
        emit statusChanged(m_status);
}

void SyncClient::updatePending()
{
    m_status.pendingActions = int(m_store.pendingOutbox().size());
}

void SyncClient::connectNow()
{
    if (!m_running)
        return;
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        m_socket.release()->deleteLater();
    }
    if (m_urls.isEmpty()) {
        fail(QCoreApplication::translate("SyncClient", "No server address given"), false);
        return;
    }
    const QUrl url = m_urls.value(m_urlIndex % m_urls.size());
    m_status.server = url.port() > 0 ? QStringLiteral("%1:%2").arg(url.host()).arg(url.port()) : url.host();
    m_socket = std::make_unique<QWebSocket>();
    m_socket->setMaxAllowedIncomingFrameSize(kMaxMessageBytes); // one frame per message
    m_socket->setOutgoingFrameSize(kMaxFrameBytes);
    m_socket->setMaxAllowedIncomingMessageSize(kMaxMessageBytes);
    connect(m_socket.get(), &QWebSocket::connected, this, &SyncClient::onConnected);
    connect(m_socket.get(), &QWebSocket::disconnected, this, &SyncClient::onDisconnected);
    connect(m_socket.get(), &QWebSocket::textMessageReceived, this, &SyncClient::onText);
    if (!m_trusted.isEmpty()) {
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.addCaCertificates(m_trusted);
        m_socket->setSslConfiguration(tls);
    }
    connect(m_socket.get(), &QWebSocket::sslErrors, this, [this](const QList<QSslError>& errors) {
        QStringList why;
        for (const QSslError& e : errors)
            why.append(e.errorString());
        // Not ignored: the handshake fails, and the operator learns why rather than "offline".
        fail(QCoreApplication::translate("SyncClient", "The server's TLS certificate was refused: %1").arg(why.join(QStringLiteral("; "))), true);
    });
    setState(SyncState::Connecting);
    m_lastReceived.start();
    m_heartbeat.start();
    qCInfo(lcSync).noquote() << "connecting to" << url.toString();
    m_socket->open(url);
}

void SyncClient::onConnected()
{
    m_lastReceived.start();
    QJsonObject login { { "clientId", m_clientId } };
    // The stored token is "user token"; it only stands in for the same user's password.
    const QList<QByteArray> stored = m_store.meta(QString::fromLatin1(kTokenKey)).split(' ');
    const QByteArray token = stored.size() == 2 && QString::fromUtf8(stored[0]) == m_user ? stored[1] : QByteArray();
    m_loginWithPassword = token.isEmpty();
    if (!token.isEmpty())
        login.insert(QStringLiteral("token"), QString::fromLatin1(token));
    else
        login.insert(QStringLiteral("user"), m_user), login.insert(QStringLiteral("password"), m_password);
    m_socket->sendTextMessage(QString::fromUtf8(encode(Type::Login, login)));
}

void SyncClient::onDisconnected()
{
    dropShadow(); // an unfinished snapshot is discarded; the old replica stays
    failPhotos(QCoreApplication::translate("SyncClient", "The connection to the server was lost before photo %1 arrived. Try again once the server is reachable."));
    failTracks(QCoreApplication::translate("SyncClient", "The connection to the server was lost before the track arrived."));
    m_heartbeat.stop();
    if (m_socket)
        qCDebug(lcSync) << "disconnected:" << m_socket->closeCode() << m_socket->closeReason() << m_socket->errorString();
    setState(SyncState::Offline);
    // The link to this instance is lost or was never made: the next attempt goes to the
    // next one (they share one database, so the cursor, token and outbox stay valid).
    if (m_urls.size() > 1)
        m_urlIndex = (m_urlIndex + 1) % int(m_urls.size());
    // An instance at its connection cap says so at once (kCloseFull, "full"): the next one is
    // tried now, and the usual backoff only applies once every instance was full in turn.
    const bool full = m_socket && int(m_socket->closeCode()) == kCloseFull;
    m_fullInARow = full ? m_fullInARow + 1 : 0;
    if (full && m_fullInARow < m_urls.size() && m_running && !m_reconnect.isActive()) {
        m_reconnect.start(100 + QRandomGenerator::global()->bounded(200));
        return;
    }
    scheduleReconnect();
}

void SyncClient::scheduleReconnect()
{
    if (!m_running || m_reconnect.isActive())
        return;
    const qint64 base = std::min<qint64>(qint64(m_backoffMinMs) << std::min(m_attempt, 16), m_backoffMaxMs);
    ++m_attempt;
    // Jitter spreads the reconnects of many clients after a server restart.
    const double factor = 0.5 + QRandomGenerator::global()->generateDouble();
    m_reconnect.start(int(base * factor));
}

void SyncClient::fail(const QString& message, bool reconnect)
{
    qCWarning(lcSync) << message;
    m_status.lastError = message;
    emit statusChanged(m_status);
    if (reconnect && m_socket) {
        // Tear down here: a socket still connecting may never report disconnected().
        m_socket->disconnect(this);
        m_socket->abort();
        m_socket.release()->deleteLater();
        onDisconnected();
    }
}

void SyncClient::heartbeat()
{
    if (!m_socket)
        return;
    if (m_lastReceived.elapsed() > m_deadAfterMs) {
        fail(QCoreApplication::translate("SyncClient", "No answer from the server for %1 s; reconnecting").arg(m_deadAfterMs / 1000), true);
        return;
    }
    if (m_socket->state() == QAbstractSocket::ConnectedState)
        m_socket->sendTextMessage(QString::fromUtf8(encode(Type::Ping, { { "t", QDateTime::currentMSecsSinceEpoch() } })));
}

void SyncClient::onText(const QString& text)
{
    m_lastReceived.start();
    Type type;
    Problem problem;
    const std::optional<QJsonObject> o = decode(text.toUtf8(), &type, &problem);
    if (!o) {
        fail(QCoreApplication::translate("SyncClient", "Bad message from the server: %1").arg(problem.message), true);
        return;
    }
    if (type != Type::Positions && type != Type::SnapshotChunk)
        qCDebug(lcSync) << "received" << o->value(QLatin1String("type")).toString();
    switch (type) {
    case Type::Welcome: handleWelcome(*o); break;
    case Type::Error: handleError(*o); break;
    case Type::Pong: break;
    case Type::SnapshotBegin:
        if (!beginSnapshot(*o))
            fail(QCoreApplication::translate("SyncClient", "Cannot prepare the snapshot: %1").arg(m_status.lastError), true);
        break;
    case Type::SnapshotChunk:
        if (!snapshotChunk(*o))
            fail(m_status.lastError, true);
        break;
    case Type::SnapshotEnd:
        if (!endSnapshot(*o))
            fail(m_status.lastError, true);
        break;
    case Type::Changes: handleChanges(*o); break;
    case Type::ActionResult: handleActionResult(*o); break;
    case Type::Positions: handlePositions(*o); break;
    case Type::Photo: handlePhoto(*o); break;
    case Type::Track: handleTrack(*o); break;
    default: fail(QCoreApplication::translate("SyncClient", "Unexpected message \"%1\" from the server").arg(typeName(type)), true);
    }
}

void SyncClient::handleWelcome(const QJsonObject& o)
{
    m_attempt = 0;
    m_role = o.value(QLatin1String("role")).toString();
    m_street = o.value(QLatin1String("street")).toString();
    m_status.user = o.value(QLatin1String("user")).toString();
    m_status.userRole = m_role;
    m_status.street = m_street;
    // Which instance took the session: named by itself, else by the address dialled.
    const QString instance = o.value(QLatin1String("instance")).toString();
    const QString here = instance.isEmpty() ? m_status.server : instance;
    if (!m_status.instance.isEmpty() && here != m_status.instance) {
        m_status.movedFrom = m_status.instance;
        m_status.movedAt = QDateTime::currentDateTimeUtc();
        qCInfo(lcSync).noquote() << "moved from" << m_status.movedFrom << "to" << here;
    }
    m_status.instance = here;
    m_store.setMeta(QString::fromLatin1(kTokenKey),
        m_user.toUtf8() + ' ' + o.value(QLatin1String("token")).toString().toLatin1());
    m_status.lastError.clear();
    // A changed scope (the user moved to another street, or another user on this
    // installation) makes the replica wrong: start over with a snapshot.
    if (QString::fromUtf8(m_store.meta(QString::fromLatin1(kScopeKey))) != QLatin1String("street:") + m_street)
        m_status.cursor = 0;
    requestSync();
    if (m_positionsWanted)
        m_socket->sendTextMessage(QString::fromUtf8(encode(Type::SubscribePositions, { { "on", true } })));
    sendPending();
}

void SyncClient::requestSync()
{
    setState(SyncState::Syncing);
    m_socket->sendTextMessage(QString::fromUtf8(encode(Type::Sync,
        { { "cursor", m_status.cursor }, { "epoch", QString::fromLatin1(m_store.meta(QString::fromLatin1(kEpochKey))) } })));
}

void SyncClient::handleError(const QJsonObject& o)
{
    const QString code = o.value(QLatin1String("code")).toString();
    const QString message = o.value(QLatin1String("message")).toString();
    if ((code == err::TokenExpired || code == err::BadCredentials) && !m_store.meta(QString::fromLatin1(kTokenKey)).isEmpty()) {
        // The token is no good any more: log in with the password next time, at once.
        m_store.setMeta(QString::fromLatin1(kTokenKey), {});
        m_attempt = 0;
    }
    if (code == err::BadCredentials && m_loginWithPassword) {
        m_status.loginRefused = true;
        m_status.lastError = message;
        stop(); // Offline, and no more attempts
        emit statusChanged(m_status);
        return;
    }
    m_status.lastError = message;
    emit statusChanged(m_status);
}

void SyncClient::setSendDelay(int ms)
{
    m_sendDelayMs = std::max(0, ms);
}

// After (re)login: everything sent before but unanswered goes again (the server applies a
// key once), then the queued actions whose delay is over.
void SyncClient::sendPending()
{
    for (const OutboxEntry& e : m_store.pendingOutbox()) {
        if (e.status == OutboxEntry::Status::Sent)
            sendEntry(e);
    }
    sendDue();
}

bool SyncClient::heldForUndo(const QString& action)
{
    // Acknowledging a red dispute's alert has no undo (CaseDesk): holding it only kept the
    // banner up on every wall for the length of the hold.
    return action != caseActionKey(CaseAction::AcknowledgeAlert);
}

// Sends queued actions in client order up to the first one still held; the timer wakes
// for that one. Each is read from the outbox here, so a withdrawn action is simply gone.
void SyncClient::sendDue()
{
    m_sendTimer.stop();
    if (!m_socket || (m_status.state != SyncState::Online && m_status.state != SyncState::Syncing))
        return; // sendPending() runs again after the next login
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (const OutboxEntry& e : m_store.pendingOutbox()) {
        if (e.status != OutboxEntry::Status::Queued)
            continue;
        const qint64 heldMs = m_sendDelayMs > 0 && e.queuedAt.isValid() && heldForUndo(e.action)
            ? now.msecsTo(e.queuedAt.addMSecs(m_sendDelayMs))
            : 0;
        if (heldMs > 0) {
            m_sendTimer.start(int(std::min<qint64>(heldMs, m_sendDelayMs)) + 1);
            break; // later ones were queued later: the order holds
        }
        sendEntry(e);
    }
    updatePending();
}

void SyncClient::sendEntry(const OutboxEntry& e)
{
    QJsonObject fields = QJsonDocument::fromJson(e.payload).object();
    fields.insert(QStringLiteral("clientSeq"), e.clientSeq);
    fields.insert(QStringLiteral("key"), e.idempotencyKey);
    fields.insert(QStringLiteral("action"), e.action);
    if (e.caseId) {
        fields.insert(QStringLiteral("caseId"), e.caseId);
        fields.insert(QStringLiteral("seenVersion"), e.seenVersion);
    }
    m_socket->sendTextMessage(QString::fromUtf8(encode(Type::Action, fields)));
    if (e.status == OutboxEntry::Status::Queued)
        m_store.setOutboxStatus(e.clientSeq, OutboxEntry::Status::Sent, {});
}

std::optional<qint64> SyncClient::queueAction(const QString& action, qint64 caseId, qint64 seenVersion,
    const QJsonObject& fields)
{
    OutboxEntry e;
    e.idempotencyKey = m_clientId + QLatin1Char('-') + QUuid::createUuid().toString(QUuid::Id128);
    e.caseId = caseId;
    e.seenVersion = seenVersion;
    e.action = action;
    e.payload = QJsonDocument(fields).toJson(QJsonDocument::Compact);
    // The envelope, sequence number, key and ids add well under 1 KiB to the payload.
    constexpr qint64 kEnvelopeBytes = 1024;
    if (e.payload.size() + e.idempotencyKey.size() + kEnvelopeBytes > kMaxMessageBytes) {
        m_status.lastError = QCoreApplication::translate("SyncClient",
            "The action is too large to send (%1 KiB; one message may hold %2 KiB). Send fewer or smaller photos.")
                                 .arg((e.payload.size() + 1023) / 1024)
                                 .arg(kMaxMessageBytes / 1024);
        emit statusChanged(m_status);
        return std::nullopt;
    }
    e.queuedAt = QDateTime::currentDateTimeUtc();
    const std::optional<qint64> seq = m_store.enqueue(e);
    if (!seq)
        return std::nullopt;
    e.clientSeq = *seq;
    updatePending();
    if (m_sendDelayMs == 0) {
        if (m_socket && (m_status.state == SyncState::Online || m_status.state == SyncState::Syncing))
            sendEntry(e);
    } else if (!heldForUndo(action)) {
        sendDue(); // at once, unless one held for its undo is ahead of it (order holds)
    } else if (!m_sendTimer.isActive()) {
        m_sendTimer.start(m_sendDelayMs + 1);
    }
    emit statusChanged(m_status);
    return seq;
}

void SyncClient::handleActionResult(const QJsonObject& o)
{
    const qint64 seq = o.value(QLatin1String("clientSeq")).toInteger();
    const QString status = o.value(QLatin1String("status")).toString();
    const QString code = o.value(QLatin1String("code")).toString();
    const QString result = QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
    OutboxEntry::Status s;
    if (status == QLatin1String("applied"))
        s = OutboxEntry::Status::Applied;
    else if (status == QLatin1String("conflict"))
        s = OutboxEntry::Status::Conflict;
    else if (code == err::SeqGap || code == err::Internal)
        return; // not answered for good: it is sent again after the earlier ones / on reconnect
    else
        s = OutboxEntry::Status::Refused;
    if (!m_store.setOutboxStatus(seq, s, result))
        qCWarning(lcSync) << "outbox update failed:" << m_store.lastError();
    updatePending();
    emit actionAnswered(seq, int(s), result);
    emit statusChanged(m_status);
}

void SyncClient::handleChanges(const QJsonObject& o)
{
    const qint64 from = o.value(QLatin1String("from")).toInteger(-1);
    const qint64 to = o.value(QLatin1String("to")).toInteger(-1);
    if (m_shadow)
        return; // a snapshot is being received; it brings its own cursor
    if (from == m_status.cursor && to == m_status.cursor) {
        setState(SyncState::Online); // the answer to sync when nothing is new
        return;
    }
    if (to <= m_status.cursor)
        return; // duplicate
    if (from != m_status.cursor) {
        qCInfo(lcSync) << "gap in changes: have" << m_status.cursor << "got from" << from;
        requestSync();
        return;
    }
    QList<Case> cases;
    QList<CaseEvent> events;
    Problem p;
    for (const QJsonValue& v : o.value(QLatin1String("cases")).toArray()) {
        Case c;
        if (!caseFromRow(v.toArray(), &c, &p)) {
            fail(QCoreApplication::translate("SyncClient", "Bad change from the server: %1").arg(p.message), true);
            return;
        }
        cases.append(c);
    }
    for (const QJsonValue& v : o.value(QLatin1String("events")).toArray()) {
        CaseEvent e;
        if (!eventFromJson(v.toObject(), &e, &p)) {
            fail(QCoreApplication::translate("SyncClient", "Bad change from the server: %1").arg(p.message), true);
            return;
        }
        events.append(e);
    }
    QList<CasePhoto> photos;
    for (const QJsonValue& v : o.value(QLatin1String("photos")).toArray()) {
        CasePhoto photo;
        if (!photoFromJson(v.toObject(), &photo, &p)) {
            fail(QCoreApplication::translate("SyncClient", "Bad change from the server: %1").arg(p.message), true);
            return;
        }
        photos.append(photo);
    }
    // Rows, events, photos and the cursor commit together or not at all.
    bool ok = m_store.begin();
    QList<qint64> ids;
    ReplicaChanges delta; // published once the transaction has committed
    for (const Case& c : std::as_const(cases)) {
        // The row as the views know it, for their counts (read in the same transaction).
        std::optional<Case> before = m_notifier && ok ? m_store.caseById(c.id) : std::nullopt;
        bool written = false;
        ok = ok && m_store.putCase(c, &written);
        if (written) {
            ids.append(c.id);
            if (m_notifier)
                delta.cases.append({ std::move(before), c });
        }
    }
    for (const CaseEvent& e : std::as_const(events))
        ok = ok && m_store.appendEvent(e);
    delta.events = events;
    for (const CasePhoto& photo : std::as_const(photos)) {
        ok = ok && m_store.putPhoto(photo);
        if (!ids.contains(photo.caseId))
            ids.append(photo.caseId); // the detail of that case has more to show
    }
    delta.photos = photos;
    ok = ok && m_store.setMeta(QString::fromLatin1(kCursorKey), QByteArray::number(to));
    ok = ok && m_store.commit();
    if (!ok) {
        m_store.rollback();
        fail(QCoreApplication::translate("SyncClient", "Cannot apply changes: %1").arg(m_store.lastError()), true);
        return;
    }
    m_status.cursor = to;
    m_status.lastChangeAt = QDateTime::currentDateTimeUtc();
    if (m_notifier)
        m_notifier->publish(std::move(delta));
    setState(SyncState::Online);
    emit statusChanged(m_status);
    if (!ids.isEmpty())
        emit casesChanged(ids);
}

void SyncClient::handlePositions(const QJsonObject& o)
{
    QList<WorkerFix> fixes;
    Problem p;
    for (const QJsonValue& v : o.value(QLatin1String("items")).toArray()) {
        const QJsonObject item = v.toObject();
        WorkerFix f;
        qint64 at = 0;
        if (!readString(item, QStringLiteral("worker"), &f.worker, &p, true, 64) || !readLonLat(item, &f.position, &p)
            || !readInt(item, QStringLiteral("at"), &at, &p, 0, qint64(9e15)))
            continue; // one bad fix does not spoil the rest
        f.at = fromWireTime(at);
        f.accuracy = item.value(QLatin1String("accuracy")).toDouble();
        WorkerFix& latest = m_positions[f.worker];
        if (!latest.at.isValid() || f.at >= latest.at)
            latest = f;
        fixes.append(f);
    }
    if (m_trackDays > 0)
        recordTracks(fixes);
    if (m_notifier)
        m_notifier->publishPositions(fixes);
    if (!fixes.isEmpty())
        emit positionsReceived(fixes);
}

void SyncClient::recordTracks(const QList<WorkerFix>& fixes)
{
    for (const WorkerFix& f : fixes) {
        const RecordedFix r { f.worker, f.position, f.at.toMSecsSinceEpoch() };
        if (m_thinner.keep(r))
            m_trackPending.append(r);
    }
    // Written with the others of this interval: a change batch behind these positions on
    // the socket is applied without waiting for a write of its own. (While an interval's
    // slices are being written, the last slice starts the next interval.)
    if (!m_trackPending.isEmpty() && !m_trackWrite.isActive() && m_trackWriting.isEmpty())
        m_trackWrite.start();
}

void SyncClient::writeTracks()
{
    m_trackWrite.stop();
    if (m_trackWriting.isEmpty())
        takeTrackInterval();
    else
        m_trackWriting.append(std::exchange(m_trackPending, {}));
    while (!m_trackWriting.isEmpty())
        writeTrackSlice();
}

void SyncClient::takeTrackInterval()
{
    m_trackWriting = std::exchange(m_trackPending, {});
    // In the replica's key order (worker, time): each slice then fills the pages of a run of
    // workers, instead of every slice touching pages all over the table.
    std::sort(m_trackWriting.begin(), m_trackWriting.end(), [](const RecordedFix& a, const RecordedFix& b) {
        return a.worker != b.worker ? a.worker < b.worker : a.atMs < b.atMs;
    });
}

void SyncClient::writeTrackSlice()
{
    // A slice touches about one page of the replica per worker (the track is kept by
    // worker): at 20,000 workers an interval's fixes are megabytes of log. Between slices
    // the store thread applies a change batch that came in meanwhile.
    constexpr qsizetype kSlice = 500;
    if (m_trackWriting.isEmpty()) {
        if (m_trackPending.isEmpty())
            return;
        takeTrackInterval();
    }
    const qsizetype n = std::min(kSlice, m_trackWriting.size());
    QString error;
    if (!appendRecordedFixes(m_store, m_trackWriting.first(n), &error))
        qCWarning(lcSync) << "recording tracks failed:" << error;
    m_trackWriting.remove(0, n);
    if (!m_trackWriting.isEmpty()) {
        QTimer::singleShot(0, this, &SyncClient::writeTrackSlice);
        return;
    }
    // The log these writes grew is copied back now, not in the commit of the next change
    // batch, which would wait for it (a passive checkpoint never waits for readers).
    sqlite3_wal_checkpoint_v2(m_store.handle(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    // An hourly prune keeps the table to the days asked for.
    if (!m_sincePrune.isValid() || m_sincePrune.elapsed() > 3600 * 1000) {
        m_sincePrune.start();
        const qint64 before = QDateTime::currentMSecsSinceEpoch() - qint64(m_trackDays) * 86400 * 1000;
        if (pruneRecordedFixes(m_store, before, &error) < 0)
            qCWarning(lcSync) << "pruning tracks failed:" << error;
    }
    if (!m_trackPending.isEmpty() && !m_trackWrite.isActive())
        m_trackWrite.start();
}

QList<WorkerFix> SyncClient::livePositions(const QDateTime& now) const
{
    QList<WorkerFix> out;
    out.reserve(m_positions.size());
    for (WorkerFix f : m_positions) {
        f.stale = f.at.secsTo(now) > m_staleAfterSecs;
        out.append(f);
    }
    return out;
}

// Photos ------------------------------------------------------------------------------

bool SyncClient::loggedIn() const
{
    return m_socket && (m_status.state == SyncState::Online || m_status.state == SyncState::Syncing);
}

void SyncClient::requestPhoto(qint64 photoId)
{
    // Answers always come from the event loop, so a caller may connect after asking.
    auto later = [this](std::function<void()> f) { QMetaObject::invokeMethod(this, std::move(f), Qt::QueuedConnection); };
    if (const std::optional<CachedPhoto> cached = m_store.cachedPhoto(photoId)) {
        later([this, photoId, cached = *cached] { emit photoReady(photoId, cached.data, cached.mime, true); });
        return;
    }
    if (!loggedIn()) {
        later([this, photoId] {
            emit photoFailed(photoId,
                QCoreApplication::translate("SyncClient",
                    "Offline: photo %1 is not on this computer yet, and the server cannot be reached now. "
                    "It opens once the connection is back.")
                    .arg(photoId));
        });
        return;
    }
    if (m_photoRequests.contains(photoId))
        return; // asked already; the one answer serves both
    m_photoRequests.insert(photoId, QDateTime::currentMSecsSinceEpoch());
    m_socket->sendTextMessage(QString::fromUtf8(encode(Type::GetPhoto, { { "id", photoId } })));
    if (!m_photoTimer.isActive())
        m_photoTimer.start();
}

void SyncClient::handlePhoto(const QJsonObject& o)
{
    const qint64 id = o.value(QLatin1String("id")).toInteger();
    const bool wanted = m_photoRequests.remove(id);
    if (m_photoRequests.isEmpty())
        m_photoTimer.stop();
    auto failed = [&](const QString& reason) {
        if (wanted)
            emit photoFailed(id, reason);
    };
    const QString code = o.value(QLatin1String("code")).toString();
    if (!code.isEmpty()) {
        if (code == err::NotFound)
            failed(QCoreApplication::translate("SyncClient", "The server has no photo %1.").arg(id));
        else
            failed(QCoreApplication::translate("SyncClient", "The server could not send photo %1: %2")
                       .arg(id)
                       .arg(o.value(QLatin1String("message")).toString().left(200)));
        return;
    }
    Problem p;
    QString mime;
    if (!readString(o, QStringLiteral("mime"), &mime, &p, true, 32) || !isPhotoMime(mime)) {
        failed(QCoreApplication::translate("SyncClient", "The server sent photo %1 in a form this version cannot read.").arg(id));
        return;
    }
    const std::optional<QByteArray> data = decodePhotoData(o.value(QLatin1String("data")), QStringLiteral("data"), kMaxPhotoBytes, &p);
    if (!data || (o.contains(QLatin1String("bytes")) && o.value(QLatin1String("bytes")).toInteger() != data->size())) {
        failed(QCoreApplication::translate("SyncClient", "The server sent photo %1 damaged.").arg(id));
        return;
    }
    if (!m_store.putCachedPhoto(id, mime, *data))
        qCWarning(lcSync) << "photo cache:" << m_store.lastError(); // shown all the same
    if (wanted)
        emit photoReady(id, *data, mime, false);
}

void SyncClient::failPhotos(const QString& reasonTemplate)
{
    const QList<qint64> ids = m_photoRequests.keys();
    m_photoRequests.clear();
    m_photoTimer.stop();
    for (const qint64 id : ids)
        emit photoFailed(id, reasonTemplate.arg(id));
}

void SyncClient::expirePhotos()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (auto it = m_photoRequests.begin(); it != m_photoRequests.end();) {
        if (now - it.value() < m_answerTimeoutMs) {
            ++it;
            continue;
        }
        const qint64 id = it.key();
        it = m_photoRequests.erase(it);
        emit photoFailed(id, QCoreApplication::translate("SyncClient", "The server did not send photo %1 within %2 s. Try again.")
                                 .arg(id)
                                 .arg(m_answerTimeoutMs / 1000));
    }
    if (m_photoRequests.isEmpty())
        m_photoTimer.stop();
}

// Tracks ------------------------------------------------------------------------------

int SyncClient::requestTrack(const QStringList& workers, qint64 fromMs, qint64 toMs)
{
    const int request = ++m_nextTrackRequest;
    if (!loggedIn()) {
        QMetaObject::invokeMethod(this, [this, request] {
            emit trackFailed(request, QCoreApplication::translate("SyncClient", "Offline: the server's track cannot be fetched now."));
        }, Qt::QueuedConnection);
        return request;
    }
    m_trackRequests.insert(request);
    m_socket->sendTextMessage(QString::fromUtf8(encode(Type::GetTrack,
        { { "request", request }, { "workers", QJsonArray::fromStringList(workers) }, { "from", fromMs }, { "to", toMs } })));
    QTimer::singleShot(m_answerTimeoutMs, this, [this, request] {
        if (m_trackRequests.remove(request))
            emit trackFailed(request, QCoreApplication::translate("SyncClient", "The server did not send the track within %1 s.").arg(m_answerTimeoutMs / 1000));
    });
    return request;
}

void SyncClient::handleTrack(const QJsonObject& o)
{
    const int request = int(o.value(QLatin1String("request")).toInteger());
    if (!m_trackRequests.remove(request))
        return; // timed out or never asked
    const QString code = o.value(QLatin1String("code")).toString();
    if (!code.isEmpty()) {
        const QString message = o.value(QLatin1String("message")).toString().left(200);
        emit trackFailed(request, code == err::OutOfScope || code == err::NotFound
                ? message
                : QCoreApplication::translate("SyncClient", "The server could not send the track: %1").arg(message));
        return;
    }
    // Rows [worker index, at, lon, lat]; anything malformed rejects the whole answer.
    const QJsonArray names = o.value(QLatin1String("workers")).toArray();
    const QJsonArray rows = o.value(QLatin1String("fixes")).toArray();
    QList<RecordedFix> fixes;
    fixes.reserve(rows.size());
    bool good = names.size() <= kMaxTrackWorkers && rows.size() <= kMaxTrackFixes;
    for (const QJsonValue& v : rows) {
        const QJsonArray r = v.toArray();
        if (!good || r.size() != 4)
            break;
        const int i = int(r[0].toInteger(-1));
        const double lon = r[2].toDouble(std::nan("")), lat = r[3].toDouble(std::nan(""));
        if (i < 0 || i >= names.size() || !names[i].isString() || r[1].toInteger(0) <= 0 || !std::isfinite(lon)
            || !std::isfinite(lat) || std::fabs(lon) > 180 || std::fabs(lat) > 90) {
            good = false;
            break;
        }
        fixes.append({ names[i].toString(), { lon, lat }, r[1].toInteger() });
    }
    if (!good) {
        emit trackFailed(request, QCoreApplication::translate("SyncClient", "The server sent the track in a form this version cannot read."));
        return;
    }
    QString error;
    if (!appendRecordedFixes(m_store, fixes, &error)) {
        emit trackFailed(request, QCoreApplication::translate("SyncClient", "The track could not be stored: %1").arg(error));
        return;
    }
    emit trackReceived(request, int(fixes.size()), o.value(QLatin1String("truncated")).toBool());
}

void SyncClient::failTracks(const QString& reason)
{
    const QSet<int> pending = std::exchange(m_trackRequests, {});
    for (const int request : pending)
        emit trackFailed(request, reason);
}

// Snapshot ----------------------------------------------------------------------------

void SyncClient::dropShadow()
{
    if (!m_shadow)
        return;
    sqlite3* db = m_shadow->db;
    m_shadow.reset();
    QString error;
    for (const char* t : kShadowTables)
        execSql(db, QByteArray("DROP TABLE IF EXISTS shadow_") + replicaTable(t), &error);
}

bool SyncClient::beginSnapshot(const QJsonObject& o)
{
    dropShadow();
    if (o.value(QLatin1String("caseColumns")).toArray() != QJsonArray::fromStringList(caseColumns())) {
        m_status.lastError = QCoreApplication::translate("SyncClient", "The server sends cases in columns this version does not know");
        return false;
    }
    auto shadow = std::make_unique<Shadow>();
    shadow->db = m_store.handle();
    shadow->epoch = o.value(QLatin1String("epoch")).toString();
    shadow->cursor = o.value(QLatin1String("cursor")).toInteger();
    shadow->counts = o.value(QLatin1String("counts")).toObject();
    QString error;
    for (const char* t : kShadowTables) {
        // The shadow table is the live table's own definition under another name.
        SqlStatement q(shadow->db, "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?1");
        const QByteArray live = replicaTable(t);
        q.bind(1, live);
        QByteArray sql;
        if (q.next())
            sql = q.text(0).toUtf8();
        // After an earlier swap SQLite writes the name quoted; take everything from "(".
        const qsizetype open = sql.indexOf('(');
        if (!sql.startsWith("CREATE TABLE") || open < 0) {
            m_status.lastError = QStringLiteral("no table %1").arg(QLatin1String(live));
            return false;
        }
        sql.replace(0, open, QByteArray(QByteArray("CREATE TABLE shadow_") + live + ' '));
        if (!execSql(shadow->db, QByteArray("DROP TABLE IF EXISTS shadow_") + live, &error) || !execSql(shadow->db, sql, &error)) {
            m_status.lastError = error;
            return false;
        }
    }
    const QList<QPair<QString, QByteArray>> inserts {
        { "districts", "INSERT INTO shadow_districts (code, name, boundary) VALUES (?1,?2,?3)" },
        { "basemap", "INSERT INTO shadow_basemap_features (id, kind, name, line, area) VALUES (?1,?2,?3,?4,?5)" },
        { "streets", "INSERT INTO shadow_streets (code, name, district_code, boundary) VALUES (?1,?2,?3,?4)" },
        { "communities", "INSERT INTO shadow_communities (code, name, street_code, boundary) VALUES (?1,?2,?3,?4)" },
        { "grids", "INSERT INTO shadow_grids (code, name, community_code, street_code, boundary, centroid_lon, centroid_lat) VALUES (?1,?2,?3,?4,?5,?6,?7)" },
        { "workers", "INSERT INTO shadow_workers (code, id, name, kind, home_grid_code, street_code, team, phone) VALUES (?1,?2,?3,?4,?5,?6,?7,?8)" },
        { "departments", "INSERT INTO shadow_departments (code, name_zh, name_en) VALUES (?1,?2,?3)" },
        { "cameras", "INSERT INTO shadow_cameras (code, name, kind, lon, lat, direction, main_url, sub_url, grid_code, street_code) "
                     "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)" },
        { "photos", "INSERT INTO shadow_case_photos (id, case_id, event_id, taken_at, mime, width, height, bytes, thumbnail) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9)" },
        { "cases", "INSERT INTO shadow_cases (" + caseColumns().join(QLatin1Char(',')).toLatin1()
                + ") VALUES (" + numberedPlaceholders(kCaseCellCount) + ")" },
    };
    for (const auto& [table, sql] : inserts) {
        sqlite3_stmt* s = nullptr;
        if (sqlite3_prepare_v3(shadow->db, sql.constData(), -1, SQLITE_PREPARE_PERSISTENT, &s, nullptr) != SQLITE_OK) {
            m_status.lastError = QString::fromUtf8(sqlite3_errmsg(shadow->db));
            return false;
        }
        shadow->inserts.insert(table, s);
    }
    m_shadow = std::move(shadow);
    setState(SyncState::Syncing);
    return true;
}

bool SyncClient::snapshotChunk(const QJsonObject& o)
{
    if (!m_shadow) {
        m_status.lastError = QCoreApplication::translate("SyncClient", "Snapshot data without a snapshot");
        return false;
    }
    const QString table = o.value(QLatin1String("table")).toString();
    sqlite3_stmt* s = m_shadow->inserts.value(table);
    if (!s) {
        m_status.lastError = QCoreApplication::translate("SyncClient", "Snapshot of an unknown table \"%1\"").arg(table.left(32));
        return false;
    }
    const QJsonArray rows = o.value(QLatin1String("rows")).toArray();
    sqlite3* db = m_shadow->db;
    QString error;
    // Each chunk is its own short transaction, so outbox writes are never held up (or
    // rolled back) by a snapshot in progress; shadow tables are invisible until the swap.
    execSql(db, "PRAGMA synchronous = NORMAL", &error);
    if (!execSql(db, "BEGIN IMMEDIATE", &error)) {
        m_status.lastError = error;
        return false;
    }
    Problem p;
    bool ok = true;
    for (const QJsonValue& v : rows) {
        if (table == QLatin1String("cases")) {
            // The hot path: validate and bind each cell straight from the JSON, no Case.
            ok = bindCaseRow(s, v.toArray(), &m_shadow->checksum, &p);
            if (!ok)
                break;
        } else if (table == QLatin1String("districts")) {
            District x;
            ok = districtFromJson(v.toObject(), &x, &p);
            if (!ok)
                break;
            bindText(s, 1, x.code), bindText(s, 2, x.name);
            bindBlob(s, 3, x.boundary.isEmpty() ? QByteArray() : x.boundary.toBlob());
        } else if (table == QLatin1String("basemap")) {
            BasemapFeature x;
            ok = basemapFeatureFromJson(v.toObject(), &x, &p);
            if (!ok)
                break;
            sqlite3_bind_int64(s, 1, x.id);
            bindText(s, 2, basemapKindKey(x.kind)), bindText(s, 3, x.name);
            bindBlob(s, 4, x.line.isEmpty() ? QByteArray() : lineToBlob(x.line));
            bindBlob(s, 5, x.area.isEmpty() ? QByteArray() : x.area.toBlob());
        } else if (table == QLatin1String("streets")) {
            Street x;
            ok = streetFromJson(v.toObject(), &x, &p);
            if (!ok)
                break;
            bindText(s, 1, x.code), bindText(s, 2, x.name), bindText(s, 3, x.districtCode);
            bindBlob(s, 4, x.boundary.isEmpty() ? QByteArray() : x.boundary.toBlob());
        } else if (table == QLatin1String("communities")) {
            Community x;
            ok = communityFromJson(v.toObject(), &x, &p);
            if (!ok)
                break;
            bindText(s, 1, x.code), bindText(s, 2, x.name), bindText(s, 3, x.streetCode);
            bindBlob(s, 4, x.boundary.isEmpty() ? QByteArray() : x.boundary.toBlob());
        } else if (table == QLatin1String("grids")) {
            GridCell x;
            ok = gridFromJson(v.toObject(), &x, &p);
            if (!ok)
                break;
            bindText(s, 1, x.code), bindText(s, 2, x.name), bindText(s, 3, x.communityCode), bindText(s, 4, x.streetCode);
            bindBlob(s, 5, x.boundary.isEmpty() ? QByteArray() : x.boundary.toBlob());
            sqlite3_bind_double(s, 6, x.centroid.lon);
            sqlite3_bind_double(s, 7, x.centroid.lat);
        } else if (table == QLatin1String("workers")) {
            Worker x;
            ok = workerFromJson(v.toObject(), &x, &p);
            if (!ok)
                break;
            bindText(s, 1, x.code);
            sqlite3_bind_int64(s, 2, x.id);
            bindText(s, 3, x.name), bindText(s, 4, workerKindKey(x.kind)), bindText(s, 5, x.homeGridCode);
            bindText(s, 6, x.streetCode), bindText(s, 7, x.team), bindText(s, 8, x.phone);
        } else if (table == QLatin1String("cameras")) {
            Camera x;
            ok = cameraFromJson(v.toObject(), &x, &p);
            if (!ok)
                break;
            bindText(s, 1, x.code), bindText(s, 2, x.name), bindText(s, 3, cameraKindKey(x.kind));
            sqlite3_bind_double(s, 4, x.position.lon);
            sqlite3_bind_double(s, 5, x.position.lat);
            if (x.hasDirection())
                sqlite3_bind_double(s, 6, x.direction);
            else
                sqlite3_bind_null(s, 6);
            bindText(s, 7, x.mainUrl), bindText(s, 8, x.subUrl), bindText(s, 9, x.gridCode), bindText(s, 10, x.streetCode);
        } else if (table == QLatin1String("photos")) {
            CasePhoto x;
            ok = photoFromJson(v.toObject(), &x, &p);
            if (!ok)
                break;
            sqlite3_bind_int64(s, 1, x.id);
            sqlite3_bind_int64(s, 2, x.caseId);
            if (x.eventId > 0)
                sqlite3_bind_int64(s, 3, x.eventId);
            else
                sqlite3_bind_null(s, 3);
            if (x.takenAt.isValid())
                sqlite3_bind_int64(s, 4, x.takenAt.toMSecsSinceEpoch());
            else
                sqlite3_bind_null(s, 4);
            bindText(s, 5, x.mime);
            sqlite3_bind_int(s, 6, x.width);
            sqlite3_bind_int(s, 7, x.height);
            sqlite3_bind_int64(s, 8, x.bytes);
            sqlite3_bind_blob(s, 9, x.thumbnail.constData() ? x.thumbnail.constData() : "", int(x.thumbnail.size()), SQLITE_TRANSIENT);
        } else {
            const QJsonObject d = v.toObject();
            QString code, zh, en;
            ok = readString(d, QStringLiteral("code"), &code, &p, true, 32) && readString(d, QStringLiteral("nameZh"), &zh, &p)
                && readString(d, QStringLiteral("nameEn"), &en, &p);
            if (!ok)
                break;
            bindText(s, 1, code), bindText(s, 2, zh), bindText(s, 3, en);
        }
        const int rc = sqlite3_step(s);
        sqlite3_reset(s);
        if (rc != SQLITE_DONE) {
            ok = false;
            p.message = QString::fromUtf8(sqlite3_errmsg(db));
            break;
        }
        ++m_shadow->received[table];
    }
    if (!ok) {
        execSql(db, "ROLLBACK", &error);
        execSql(db, "PRAGMA synchronous = FULL", &error);
        m_status.lastError = QCoreApplication::translate("SyncClient", "Bad snapshot row in %1: %2").arg(table, p.message);
        return false;
    }
    const bool committed = execSql(db, "COMMIT", &error);
    execSql(db, "PRAGMA synchronous = FULL", &error);
    if (!committed)
        m_status.lastError = error;
    return committed;
}

bool SyncClient::endSnapshot(const QJsonObject& o)
{
    if (!m_shadow) {
        m_status.lastError = QCoreApplication::translate("SyncClient", "Snapshot end without a snapshot");
        return false;
    }
    for (const char* t : kShadowTables) {
        const QString table = QString::fromLatin1(t);
        const qint64 expected = m_shadow->counts.value(table).toInteger(0); // absent: none sent
        if (expected != m_shadow->received.value(table)) {
            m_status.lastError = QCoreApplication::translate("SyncClient", "Snapshot incomplete: %1 %2 of %3 rows").arg(table).arg(m_shadow->received.value(table)).arg(expected);
            dropShadow();
            return false;
        }
    }
    if (o.value(QLatin1String("checksum")).toString() != m_shadow->checksum.hex()) {
        m_status.lastError = QCoreApplication::translate("SyncClient", "Snapshot checksum does not match; asking again");
        dropShadow();
        return false;
    }
    // The swap: live tables replaced by the verified shadow ones in one transaction.
    // Foreign keys are off for it so dropping cases does not cascade into case_events.
    sqlite3* db = m_shadow->db;
    QString error;
    execSql(db, "PRAGMA foreign_keys = OFF", &error);
    bool ok = execSql(db, "BEGIN IMMEDIATE", &error);
    for (const char* t : kShadowTables) {
        ok = ok && execSql(db, QByteArray("DROP TABLE ") + replicaTable(t), &error)
            && execSql(db, QByteArray("ALTER TABLE shadow_") + replicaTable(t) + " RENAME TO " + replicaTable(t), &error);
    }
    for (const schema::IndexDef& index : schema::caseIndexes()) {
        if (ok && qstrncmp(index.name, "cases_", 6) == 0)
            ok = execSql(db, index.createSql, &error);
    }
    ok = ok && execSql(db, schema::kCasePhotosIndexSql, &error);
    // History of cases no longer in the replica goes with them.
    ok = ok && execSql(db, "DELETE FROM case_events WHERE case_id NOT IN (SELECT id FROM cases)", &error);
    const qint64 cursor = m_shadow->cursor;
    const QString epoch = m_shadow->epoch;
    // Cached full photos: another server database numbers its photos afresh, so its ids
    // name other photos; from the same one, only photos still in the replica stay.
    if (QString::fromLatin1(m_store.meta(QString::fromLatin1(kPhotoCacheEpochKey))) != epoch)
        ok = ok && execSql(db, "DELETE FROM photo_cache", &error)
            && m_store.setMeta(QString::fromLatin1(kPhotoCacheEpochKey), epoch.toLatin1());
    else
        ok = ok && execSql(db, "DELETE FROM photo_cache WHERE photo_id NOT IN (SELECT id FROM case_photos)", &error);
    const qint64 cases = m_shadow->received.value(QStringLiteral("cases"));
    m_shadow.reset(); // finalizes the inserts on the old names
    ok = ok && m_store.setMeta(QString::fromLatin1(kCursorKey), QByteArray::number(cursor))
        && m_store.setMeta(QString::fromLatin1(kEpochKey), epoch.toLatin1())
        && m_store.setMeta(QString::fromLatin1(kScopeKey), QByteArray("street:") + m_street.toUtf8());
    ok = ok && execSql(db, "COMMIT", &error);
    if (!ok) {
        execSql(db, "ROLLBACK", &error);
        execSql(db, "PRAGMA foreign_keys = ON", &error);
        m_status.lastError = QCoreApplication::translate("SyncClient", "Cannot swap in the snapshot: %1").arg(error.isEmpty() ? m_store.lastError() : error);
        QString ignored;
        for (const char* t : kShadowTables)
            execSql(db, QByteArray("DROP TABLE IF EXISTS shadow_") + replicaTable(t), &ignored);
        return false;
    }
    execSql(db, "PRAGMA foreign_keys = ON", &error);
    m_status.cursor = cursor;
    m_status.lastChangeAt = QDateTime::currentDateTimeUtc();
    if (m_notifier) {
        ReplicaChanges swapped;
        swapped.snapshot = true;
        m_notifier->publish(std::move(swapped));
    }
    setState(SyncState::Online);
    emit statusChanged(m_status);
    emit snapshotApplied(cases);
    return true;
}

} // namespace gridhall
