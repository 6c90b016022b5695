// Fuzz of the real gridhall-server process on loopback: mutated messages of every client
// type, before and after login as several roles, over connections that are reset, aborted,
// left unread or closed at random moments. The server must never die, never stop answering
// pings, never write a broken audit chain and never assert.
//
// GRIDHALL_FUZZ_SEED replays a run (the seed is printed at the start); GRIDHALL_FUZZ_SECONDS
// sets the whole run's wall time (default 45 s; `make fuzz` runs 600 s). Timing still
// varies between runs, so a replay sends the same messages but may interleave them
// differently with the server's answers.
#include "serverharness.h"

#include <QBuffer>
#include <QFile>
#include <QImage>
#include <QRandomGenerator>
#include <QTcpSocket>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <deque>
#include <signal.h>
#include <sys/socket.h>

using namespace gridhall;
using namespace gridhall::protocol;
using namespace gridhall::testing;

namespace {

qint64 envNumber(const char* name, qint64 fallback)
{
    bool ok = false;
    const qint64 v = qEnvironmentVariable(name).toLongLong(&ok);
    return ok ? v : fallback;
}

// The error codes PROTOCOL.md documents: whatever the server sends must be one of them.
QSet<QString> documentedErrorCodes()
{
    QFile doc(QStringLiteral(GRIDHALL_SOURCE_DIR "/docs/PROTOCOL.md"));
    QSet<QString> codes;
    if (!doc.open(QIODevice::ReadOnly))
        return codes;
    bool inTable = false;
    static const QRegularExpression row(QStringLiteral("^\\| `([a-z_]+)` \\|"));
    for (const QByteArray& line : doc.readAll().split('\n')) {
        if (line.startsWith("## "))
            inTable = line.startsWith("## Error message");
        const auto m = row.match(QString::fromUtf8(line));
        if (inTable && m.hasMatch())
            codes.insert(m.captured(1));
    }
    return codes;
}

// Resets a TCP connection: with a zero linger time close() sends RST instead of FIN.
void resetSocket(QAbstractSocket* socket)
{
    if (socket->socketDescriptor() != -1) {
        const linger l { 1, 0 };
        ::setsockopt(int(socket->socketDescriptor()), SOL_SOCKET, SO_LINGER, &l, sizeof l);
    }
    socket->abort();
}

// A minimal WebSocket client on a bare TCP socket, for what QWebSocket will not do: text
// frames that are not UTF-8, fragments, frames cut short, and stopping to read altogether
// (the server's send queue then grows while the kernel buffers fill).
class RawClient {
public:
    // From this loopback address: the server's login throttle counts failures per address,
    // so guessing from 127.0.0.x must not lock out the harness's logins from 127.0.0.1.
    RawClient(quint16 port, const QHostAddress& from)
    {
        m_socket.bind(from, 0);
        QObject::connect(&m_socket, &QTcpSocket::connected, &m_socket, [this, port] {
            m_socket.write(QByteArray("GET / HTTP/1.1\r\nHost: 127.0.0.1:") + QByteArray::number(port)
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: Z3JpZGhhbGwtZnV6ei0wMQ==\r\n"
                  "Sec-WebSocket-Version: 13\r\n\r\n");
        });
        QObject::connect(&m_socket, &QTcpSocket::readyRead, &m_socket, [this] { onReadyRead(); });
        QObject::connect(&m_socket, &QTcpSocket::disconnected, &m_socket, [this] { m_closed = true; });
        m_socket.connectToHost(QHostAddress(QHostAddress::LocalHost), port);
    }
    bool upgraded() const { return m_upgraded; }
    bool connecting() const { return !m_upgraded && !closed(); }
    bool closed() const { return m_closed || m_socket.state() == QAbstractSocket::UnconnectedState; }
    void sendFrame(quint8 opcode, const QByteArray& payload, bool fin = true, qint64 declared = -1)
    {
        if (m_socket.state() != QAbstractSocket::ConnectedState)
            return; // the server may have closed it a moment ago
        const quint64 length = quint64(declared >= 0 ? declared : payload.size());
        QByteArray frame;
        frame.append(char((fin ? 0x80 : 0) | opcode));
        if (length < 126) {
            frame.append(char(0x80 | length));
        } else if (length < 65536) {
            frame.append(char(0x80 | 126));
            frame.append(char(length >> 8)).append(char(length & 0xff));
        } else {
            frame.append(char(0x80 | 127));
            for (int shift = 56; shift >= 0; shift -= 8)
                frame.append(char((length >> shift) & 0xff));
        }
        const char mask[4] = { 0x37, char(0xfa), 0x21, 0x3d };
        frame.append(mask, 4);
        for (qsizetype i = 0; i < payload.size(); ++i)
            frame.append(char(payload[i] ^ mask[i % 4]));
        m_socket.write(frame);
        m_socket.flush();
    }
    void reset() { resetSocket(&m_socket); }
    void abort() { m_socket.abort(); }
    void close() { m_socket.disconnectFromHost(); }
    // From now on nothing more is read: the kernel's buffers fill and the server's queue grows.
    void stopReading()
    {
        m_reading = false;
        m_socket.setReadBufferSize(1);
    }
    QList<QJsonObject>& received() { return m_received; }

private:
    void onReadyRead()
    {
        if (!m_reading)
            return;
        m_buffer += m_socket.readAll();
        if (!m_upgraded) {
            const qsizetype end = m_buffer.indexOf("\r\n\r\n");
            if (end < 0)
                return;
            m_upgraded = m_buffer.startsWith("HTTP/1.1 101");
            m_buffer.remove(0, end + 4);
        }
        // Server frames are unmasked; every message is one frame (PROTOCOL.md).
        while (m_buffer.size() >= 2) {
            const quint8 b0 = quint8(m_buffer[0]), b1 = quint8(m_buffer[1]);
            quint64 length = b1 & 0x7f;
            qsizetype pos = 2;
            if (length == 126) {
                if (m_buffer.size() < 4)
                    return;
                length = (quint64(quint8(m_buffer[2])) << 8) | quint8(m_buffer[3]);
                pos = 4;
            } else if (length == 127) {
                if (m_buffer.size() < 10)
                    return;
                length = 0;
                for (int i = 0; i < 8; ++i)
                    length = (length << 8) | quint8(m_buffer[2 + i]);
                pos = 10;
            }
            if (quint64(m_buffer.size() - pos) < length)
                return;
            if ((b0 & 0x0f) == 0x1)
                m_received.append(QJsonDocument::fromJson(m_buffer.mid(pos, qsizetype(length))).object());
            m_buffer.remove(0, pos + qsizetype(length));
        }
    }

    QTcpSocket m_socket;
    QByteArray m_buffer;
    QList<QJsonObject> m_received;
    bool m_upgraded = false;
    bool m_closed = false;
    bool m_reading = true;
};

// What the fuzz knows of the demo district, so that messages also reach the deep paths.
struct World {
    struct CaseRef {
        qint64 id = 0, version = 0;
        QString street;
    };
    QString epoch;
    qint64 cursor = 0;
    QList<CaseRef> cases;
    QStringList grids, workers;
    QList<qint64> photos;
    QHash<QString, QString> tokens; // user → a token from its welcome
    QString png; // a small valid image, base64
};

// One fuzz connection: QWebSocket (through the harness) or the raw client.
struct Conn {
    int id = 0;
    std::unique_ptr<WireClient> ws;
    std::unique_ptr<RawClient> raw;
    QString user; // logged in as; empty before login
    QString clientId;
    qint64 nextSeq = 1;
    qsizetype checked = 0; // received messages already checked

    QString label() const
    {
        return QStringLiteral("c%1[%2,%3]").arg(id).arg(raw ? "raw" : "ws", user.isEmpty() ? QStringLiteral("no login") : user);
    }
    // QWebSocket's own state lags behind its TCP socket's after a reset.
    QAbstractSocket* tcp() const { return ws ? ws->socket().findChild<QAbstractSocket*>() : nullptr; }
    bool open() const
    {
        if (raw)
            return raw->upgraded() && !raw->closed();
        const QAbstractSocket* t = tcp();
        return ws->socket().state() == QAbstractSocket::ConnectedState && !ws->closed() && (!t || t->isOpen());
    }
    // Still on its way (TCP or WebSocket handshake); a connection the server refused is not.
    bool connecting() const
    {
        if (raw)
            return raw->connecting();
        const auto state = ws->socket().state();
        return !ws->closed() && state != QAbstractSocket::ConnectedState && state != QAbstractSocket::UnconnectedState;
    }
    QList<QJsonObject>& received() { return raw ? raw->received() : ws->received(); }
    void sendText(const QByteArray& bytes)
    {
        if (raw) {
            raw->sendFrame(0x1, bytes);
        } else {
            ws->socket().sendTextMessage(QString::fromUtf8(bytes));
            ws->socket().flush(); // on the wire before a reset, not in Qt's buffer
        }
    }
    void sendBinary(const QByteArray& bytes)
    {
        if (raw) {
            raw->sendFrame(0x2, bytes);
        } else {
            ws->socket().sendBinaryMessage(bytes);
            ws->socket().flush();
        }
    }
    // RST without a close frame.
    void reset()
    {
        if (raw) {
            raw->reset();
            return;
        }
        if (QAbstractSocket* t = tcp())
            resetSocket(t);
        ws->socket().abort();
    }
    void abort()
    {
        if (raw)
            raw->abort();
        else
            ws->socket().abort();
    }
    void close()
    {
        if (raw)
            raw->close();
        else if (open())
            ws->socket().close();
    }
};

// The message as sent, bytes outside printable ASCII as \xNN, cut at 240 bytes.
QString shortText(const QByteArray& bytes)
{
    QString s;
    for (const char ch : bytes.left(240)) {
        if (ch >= 0x20 && ch < 0x7f && ch != '\\')
            s += QLatin1Char(ch);
        else
            s += QStringLiteral("\\x%1").arg(quint8(ch), 2, 16, QLatin1Char('0'));
    }
    if (bytes.size() > 240)
        s += QStringLiteral("…(%1 bytes)").arg(bytes.size());
    return s;
}

// Builds client messages: valid ones first, then mutated field by field or as text.
class MessageMaker {
public:
    MessageMaker(QRandomGenerator& rng, const World& world)
        : m_rng(rng)
        , m_world(world)
    {
    }
    struct Message {
        QByteArray bytes;
        bool binary = false;
        QString type; // what it started as
    };

    Message make(Conn& c)
    {
        m_raw.clear();
        Message m;
        static const QStringList types { "login", "sync", "action", "action", "action", "position", "get_photo", "get_track",
            "subscribe_positions", "ping", "unknown" };
        m.type = types[int(m_rng.bounded(qsizetype(types.size())))];
        if (m.type == "login" && !c.raw && c.user.isEmpty()) {
            // From 127.0.0.1 only logins the server refuses as malformed, never as wrong:
            // failed credentials would lock the address the harness logs in from.
            m.bytes = m_rng.bounded(2) ? encode(Type::Login, { { "user", qint64(m_rng.bounded(1000)) }, { "password", "x" }, { "clientId", c.clientId } })
                                       : encode(Type::Login, { { "user", "op" }, { "password", "x" }, { "clientId", "bad id!" } });
            return m;
        }
        QJsonObject o = valid(m.type, c);
        const int roll = int(m_rng.bounded(100));
        if (roll < 20) {
            // valid as it is
        } else if (roll < 75) {
            for (int i = 0, n = 1 + int(m_rng.bounded(3)); i < n; ++i)
                mutateObject(o, 0);
        } else if (roll < 92) {
            if (m_rng.bounded(2))
                mutateObject(o, 0);
        }
        m.bytes = serialize(o);
        if (roll >= 75 && roll < 92)
            mutateText(m.bytes);
        else if (roll >= 92)
            m.bytes = wholeMessage();
        m.binary = m_rng.bounded(25) == 0;
        return m;
    }

    // A valid message of this type for this connection, filled from the district.
    QJsonObject valid(const QString& type, Conn& c)
    {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        QJsonObject o;
        o.insert("v", 1);
        o.insert("type", type);
        if (type == "login") {
            // Not the names the harness logs in as: five failures lock a name for 30 s.
            static const QStringList users { "s2", "lead", "nobody", "", "op2 ", "OP" };
            switch (m_rng.bounded(3)) {
            case 0: // a wrong password: the answer waits longer after each failure
                o.insert("user", pick(users));
                o.insert("password", QStringLiteral("not-%1").arg(m_rng.generate()));
                break;
            case 1: {
                const QStringList holders = m_world.tokens.keys();
                o.insert("token", !holders.isEmpty() && m_rng.bounded(4) ? m_world.tokens.value(pick(holders))
                                                                         : QString::number(m_rng.generate64(), 16));
                break;
            }
            default:
                o.insert("user", m_rng.bounded(2) ? QJsonValue(qint64(m_rng.bounded(1000))) : oddValue(2));
                o.insert("password", oddValue(2));
            }
            o.insert("clientId", m_rng.bounded(5) ? QJsonValue(c.clientId) : oddValue(2));
        } else if (type == "sync") {
            const qint64 cursors[] = { 0, m_world.cursor, m_world.cursor - 1, m_world.cursor + 1000, 1 };
            o.insert("cursor", cursors[m_rng.bounded(5)]);
            if (m_rng.bounded(4))
                o.insert("epoch", m_rng.bounded(5) ? m_world.epoch : QStringLiteral("other"));
        } else if (type == "action") {
            actionFields(o, c);
        } else if (type == "position") {
            QJsonArray items;
            const int n = m_rng.bounded(30) ? 1 + int(m_rng.bounded(3)) : kMaxPositionsPerMessage + int(m_rng.bounded(2));
            for (int i = 0; i < n; ++i)
                items.append(QJsonObject { { "lon", 113.2 + m_rng.bounded(0.2) }, { "lat", 23.05 + m_rng.bounded(0.1) },
                    { "at", now - qint64(m_rng.bounded(100000)) }, { "accuracy", m_rng.bounded(50.0) } });
            o.insert("items", items);
        } else if (type == "get_photo") {
            o.insert("id", !m_world.photos.isEmpty() && m_rng.bounded(2) ? pick(m_world.photos) : qint64(1 + m_rng.bounded(100)));
        } else if (type == "get_track") {
            QJsonArray workers;
            const int n = m_rng.bounded(20) ? 1 + int(m_rng.bounded(3)) : kMaxTrackWorkers + 1;
            for (int i = 0; i < n; ++i)
                workers.append(pick(m_world.workers));
            o.insert("request", qint64(1 + m_rng.bounded(1000)));
            o.insert("workers", workers);
            o.insert("from", now - 3600'000);
            o.insert("to", now);
        } else if (type == "subscribe_positions") {
            o.insert("on", bool(m_rng.bounded(2)));
        } else if (type == "ping") {
            o.insert("t", qint64(m_rng.bounded(1'000'000)));
        } else {
            // Types a client may not send, near misses and the empty name.
            static const QStringList unknown { "fly", "", "welcome", "pong", "error", "snapshot_begin", "snapshot_chunk",
                "snapshot_end", "changes", "action_result", "positions", "photo", "track", "logout", "LOGIN", "ping ",
                QStringLiteral("sync") + QChar(0), "get_photo\n", QString(5000, 'x') };
            o.insert("type", pick(unknown));
        }
        return o;
    }

    void actionFields(QJsonObject& o, Conn& c)
    {
        const auto action = CaseAction(m_rng.bounded(kCaseActionCount));
        const QString key = caseActionKey(action);
        o.insert("clientSeq", m_rng.bounded(6) ? c.nextSeq : qint64(1 + m_rng.bounded(c.nextSeq + 3)));
        o.insert("key", QStringLiteral("%1-%2-%3").arg(c.clientId).arg(c.nextSeq).arg(m_rng.generate() % 4));
        o.insert("action", key);
        if (action == CaseAction::Report || action == CaseAction::SelfHandle) {
            static const QStringList levels { "none", "yellow", "orange", "red" };
            static const QStringList sources { "field_worker", "hotline", "camera", "resident_app", "operator" };
            o.insert("case", QJsonObject { { "categoryCode", m_rng.bounded(8) ? "0101" : "9999" },
                                 { "description", QStringLiteral("fuzz %1").arg(m_rng.generate()) }, { "address", "road 1" },
                                 { "lon", 113.3 }, { "lat", 23.1 }, { "gridCode", pick(m_world.grids) },
                                 { "disputeLevel", pick(levels) }, { "source", pick(sources) } });
        } else {
            const World::CaseRef ref = pick(m_world.cases);
            o.insert("caseId", ref.id);
            o.insert("seenVersion", m_rng.bounded(4) ? ref.version : ref.version + 1);
            if (action == CaseAction::Dispatch) {
                const bool worker = m_rng.bounded(2);
                o.insert("targetKind", worker ? "worker" : "department");
                o.insert("target", worker ? pick(m_world.workers) : QString(m_rng.bounded(2) ? "CG" : "GA"));
            }
            if (m_rng.bounded(2))
                o.insert("note", QStringLiteral("fuzz note %1").arg(m_rng.generate()));
            if (action == CaseAction::RequestExtension || m_rng.bounded(10) == 0)
                o.insert("minutes", qint64(1 + m_rng.bounded(600)));
            if (action == CaseAction::Feedback || action == CaseAction::AttachPhoto || m_rng.bounded(20) == 0) {
                QJsonArray photos;
                for (int i = 0, n = int(m_rng.bounded(5)); i < n; ++i)
                    photos.append(QJsonObject { { "mime", m_rng.bounded(4) ? "image/png" : "image/jpeg" },
                        { "data", m_rng.bounded(6) ? m_world.png : QStringLiteral("!!notbase64") },
                        { "takenAt", QDateTime::currentMSecsSinceEpoch() } });
                o.insert("photos", photos);
            }
        }
    }

    // Replaces, removes or adds fields, at the top or inside a nested object.
    void mutateObject(QJsonObject& o, int level)
    {
        QStringList keys = o.keys();
        // Descend into case, items[0], photos[0] now and then.
        for (const QString& k : keys) {
            const QJsonValue v = o.value(k);
            if (level < 2 && m_rng.bounded(4) == 0) {
                if (v.isObject()) {
                    QJsonObject inner = v.toObject();
                    mutateObject(inner, level + 1);
                    o.insert(k, inner);
                    return;
                }
                if (v.isArray() && !v.toArray().isEmpty() && v.toArray().first().isObject()) {
                    QJsonArray a = v.toArray();
                    QJsonObject inner = a.first().toObject();
                    mutateObject(inner, level + 1);
                    a.replace(int(m_rng.bounded(a.size())), inner);
                    o.insert(k, a);
                    return;
                }
            }
        }
        static const QStringList known { "v", "type", "user", "password", "token", "clientId", "cursor", "epoch", "clientSeq",
            "key", "action", "caseId", "seenVersion", "targetKind", "target", "note", "minutes", "case", "photos", "items",
            "id", "request", "workers", "from", "to", "on", "t", "lon", "lat", "at", "accuracy", "mime", "data", "takenAt",
            "gridCode", "categoryCode", "description" };
        switch (m_rng.bounded(6)) {
        case 0:
            if (!keys.isEmpty()) {
                o.remove(pick(keys));
                break;
            }
            Q_FALLTHROUGH();
        case 1: {
            static const QStringList extra { "extra", "__proto__", "", "v ", "TYPE", QString(QChar(0)), "\xef\xbb\xbf" "v",
                QString(300, QChar(0x5360)) };
            o.insert(m_rng.bounded(2) ? pick(extra) : pick(known), oddValue(0));
            break;
        }
        default:
            o.insert(!keys.isEmpty() && m_rng.bounded(4) ? pick(keys) : pick(known), oddValue(0));
        }
    }

    // A value of the wrong type, out of range, odd text, deep nesting or JSON-breaking text.
    QJsonValue oddValue(int depth)
    {
        switch (m_rng.bounded(34)) {
        case 0: return QJsonValue::Null;
        case 1: return true;
        case 2: return false;
        case 3: return QString();
        case 4: return QStringLiteral("1");
        case 5: return 0;
        case 6: return -1;
        case 7: return 0.5;
        case 8: return -0.0;
        case 9: return 1e300;
        case 10: return -1e300;
        case 11: return 9007199254740993.0; // 2^53 + 1
        case 12: return 9.0e15 + 2;
        case 13: return 9.223372036854775808e18; // 2^63
        case 14: return 4294967297.0;
        case 15: return -2147483649.0;
        case 16: return QJsonArray();
        case 17: return QJsonObject();
        case 18: return QJsonArray { 1, "a", QJsonValue::Null, QJsonObject { { "lon", 1 } } };
        case 19: return depth < 2 ? QJsonValue(QJsonObject { { "a", oddValue(depth + 1) } }) : QJsonValue(1.5);
        case 20: return nested(1 + int(m_rng.bounded(12)));
        case 21: return longString();
        case 22: return unicodeOddity();
        case 23: return raw(m_rng.bounded(2) ? "1e999" : "-1e999");
        case 24: {
            static const char* numbers[] = { "1e-400", "NaN", "Infinity", "-", "01", "1.", ".5", "+1", "0x10", "-0", "1E+2",
                "123456789012345678901234567890", "1e308", "-9223372036854775809" };
            return raw(numbers[m_rng.bounded(int(std::size(numbers)))]);
        }
        case 25: {
            static const char* escapes[] = { R"("\ud800")", R"("\udc00x")", R"("\u0000")", R"("\ufeff")", R"("\u001b[2J")",
                R"("\ud83d\ude00")", R"("\ud83d")", R"("a\/b")", R"("\uDFFF\uD800")", R"("\u202e")" };
            return raw(escapes[m_rng.bounded(int(std::size(escapes)))]);
        }
        case 26: {
            static const char* broken[] = { "\"a\nb\"", R"("\x41")", "\"unterminated", "\"\x01\"", "\"\xc0\x80\"",
                "\"\xff\xfe\"", "\"\xed\xa0\x80\"", "[1,]", "{\"a\"}", "tru", "nul" };
            return raw(broken[m_rng.bounded(int(std::size(broken)))]);
        }
        case 27: return 113.3;
        case 28: return double(m_rng.generate64() >> m_rng.bounded(64));
        case 29: return -double(m_rng.generate64() >> m_rng.bounded(64)) - 0.25;
        case 30: return !m_world.grids.isEmpty() ? pick(m_world.grids) : QStringLiteral("440199001001");
        case 31: return !m_world.workers.isEmpty() ? pick(m_world.workers) : QStringLiteral("WG00001");
        case 32: return qint64(m_world.cursor);
        default: return QJsonArray { QJsonObject { { "mime", "image/png" }, { "data", m_world.png } } };
        }
    }

    QJsonValue nested(int depth)
    {
        QJsonValue v = 1;
        for (int i = 0; i < depth; ++i)
            v = m_rng.bounded(2) ? QJsonValue(QJsonArray { v }) : QJsonValue(QJsonObject { { "a", v } });
        return v;
    }
    QJsonValue longString()
    {
        const int sizes[] = { 3999, 4000, 4001, 10000, 70000, 400000 };
        const QChar ch = m_rng.bounded(3) == 0 ? QChar(0x5360) : QChar('a');
        return QString(sizes[m_rng.bounded(int(std::size(sizes)))], ch);
    }
    QJsonValue unicodeOddity()
    {
        static const QString odd[] = { QString(QChar(0xfeff)) + "op", QStringLiteral("op\n"), QString(QChar(0)) + "x",
            QString(QChar(0x1b)) + "[31m", QString(QChar(0xffff)), QString(QChar(0x202e)) + "evil", QStringLiteral("o\u0301p"),
            QString::fromUtf8("\xf0\x9f\x98\x80"), QString(QChar(0xd800)), QStringLiteral("  "), QStringLiteral("../../etc"),
            QStringLiteral("'; DROP TABLE audit; --"), QStringLiteral("%s%n%x") };
        return odd[m_rng.bounded(int(std::size(odd)))];
    }
    // Text that QJsonDocument cannot write: a marker now, the raw text after serializing.
    QJsonValue raw(const QByteArray& text)
    {
        const QString marker = QStringLiteral("@@RAW%1@@").arg(m_raw.size());
        m_raw.append({ marker.toLatin1(), text });
        return marker;
    }
    QByteArray serialize(const QJsonObject& o)
    {
        QByteArray bytes = QJsonDocument(o).toJson(QJsonDocument::Compact);
        for (const auto& [marker, text] : std::as_const(m_raw))
            bytes.replace(QByteArray('"' + marker + '"'), text);
        return bytes;
    }

    void mutateText(QByteArray& b)
    {
        switch (m_rng.bounded(9)) {
        case 0: b.truncate(m_rng.bounded(b.size() + 1)); break;
        case 1: b.prepend("\xef\xbb\xbf"); break; // BOM
        case 2: {
            static const char* tails[] = { " ", "}", "{}", ",", "\n", "\t", "]" };
            b.append(tails[m_rng.bounded(int(std::size(tails)))]);
            break;
        }
        case 3: b.insert(1, m_rng.bounded(2) ? "\"v\":2," : "\"type\":\"sync\","); break; // duplicate keys
        case 4:
            if (!b.isEmpty())
                b[m_rng.bounded(b.size())] = char(m_rng.bounded(256));
            break;
        case 5: b.insert(m_rng.bounded(b.size() + 1), '\0'); break;
        case 6: b = '[' + b + ']'; break;
        case 7: b.insert(m_rng.bounded(b.size() + 1), "\xed\xa0\x80"); break; // a surrogate as UTF-8
        default: b = b + b; break;
        }
    }

    QByteArray wholeMessage()
    {
        switch (m_rng.bounded(12)) {
        case 0: return {};
        case 1: return " ";
        case 2: return "null";
        case 3: return "[]";
        case 4: return "{}";
        case 5: return "1";
        case 6: return "\"v\"";
        case 7: return QByteArray(9 + int(m_rng.bounded(3000)), '[');
        case 8: return "{\"v\":1,\"type\":\"ping\",\"x\":" + QByteArray(9, '[') + QByteArray(9, ']') + "}";
        case 9: return "{\"v\":1,\"type\":\"ping\",\"x\":\"" + QByteArray(kMaxMessageBytes, 'a') + "\"}";
        case 10: return QByteArray(int(m_rng.bounded(64)), char(m_rng.bounded(256)));
        default: return "{\"v\":1,\"type\":\"ping\",\"t\":" + QByteArray(100000, '9') + "}";
        }
    }

private:
    template <typename T> T pick(const QList<T>& list) { return list.at(qsizetype(m_rng.bounded(list.size()))); }
    QString pick(const QStringList& list) { return list.at(qsizetype(m_rng.bounded(list.size()))); }

    QRandomGenerator& m_rng;
    const World& m_world;
    QList<std::pair<QByteArray, QByteArray>> m_raw;
};

} // namespace

class TestServerFuzz : public QObject {
    Q_OBJECT
private:
    QElapsedTimer m_clock;
    quint32 m_seed = 0;
    qint64 m_budgetMs = 45'000;
    QRandomGenerator m_rng;
    QTemporaryDir m_dir;
    QString m_db;
    ServerProcess m_server;
    qint64 m_pid = 0;
    World m_world;
    QSet<QString> m_documentedCodes; // PROTOCOL.md's table
    QSet<QString> m_knownCodes; // those and protocol.h's (the table may lag behind)
    QSet<QString> m_undocumentedSeen;
    std::unique_ptr<WireClient> m_sentinel;
    QElapsedTimer m_sinceSentinel;
    std::vector<std::unique_ptr<Conn>> m_pool; // left open, some no longer reading
    std::deque<QString> m_log; // the last things done, for a failure report
    QByteArray m_stderr; // everything the server wrote to stderr
    QString m_failure;
    int m_connections = 0;
    qint64 m_messages = 0;
    int m_episodes = 0;
    int m_resets = 0;
    qint64 m_loginMs = 0, m_endMs = 0; // where the wall time goes

    void note(const QString& what)
    {
        m_log.push_back(QStringLiteral("%1 ms: %2").arg(m_clock.elapsed()).arg(what));
        if (m_log.size() > 40)
            m_log.pop_front();
    }

    void readStderr() { m_stderr += m_server.stderrText(); }

    bool serverAlive()
    {
        // QProcess learns of the end through the event loop; the kernel knows at once.
        if (m_pid <= 0 || m_server.processId() != m_pid || ::kill(pid_t(m_pid), 0) != 0)
            return false;
        QFile stat(QStringLiteral("/proc/%1/stat").arg(m_pid));
        if (!stat.open(QIODevice::ReadOnly))
            return true;
        const QByteArray text = stat.readAll();
        const qsizetype paren = text.lastIndexOf(')');
        return paren < 0 || paren + 2 >= text.size() || (text[paren + 2] != 'Z' && text[paren + 2] != 'X');
    }

    bool fail(const QString& why)
    {
        QTest::qWait(200); // let a dying server be seen as dead
        readStderr();
        QString report = serverAlive() ? why : QStringLiteral("SERVER PROCESS DIED (pid %1) — noticed at: %2").arg(m_pid).arg(why);
        report += QStringLiteral("\nseed %1 (replay: GRIDHALL_FUZZ_SEED=%1), after %2 ms, %3 episodes, %4 connections, %5 messages")
                      .arg(m_seed).arg(m_clock.elapsed()).arg(m_episodes).arg(m_connections).arg(m_messages);
        report += QStringLiteral("\nlast actions, oldest first:");
        for (const QString& line : m_log)
            report += "\n  " + line;
        report += QStringLiteral("\nserver stderr, last lines:\n") + QString::fromUtf8(m_stderr.right(3000));
        m_failure = report;
        return false;
    }

    // Every message from the server is an envelope of v 1 with a type; errors carry a
    // documented code. Welcomes and sequence answers keep the connection's state.
    bool checkAnswers(Conn& c)
    {
        QList<QJsonObject>& list = c.received();
        for (; c.checked < list.size(); ++c.checked) {
            const QJsonObject& o = list.at(c.checked);
            const QString type = o.value("type").toString();
            if (o.value("v").toInt(-1) != kVersion || type.isEmpty())
                return fail(QStringLiteral("%1 received a message that is not a protocol envelope: %2").arg(c.label(), QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact).left(300))));
            if (type == "error" || ((type == "action_result" || type == "photo" || type == "track") && o.contains("code"))) {
                const QString code = o.value("code").toString();
                if (!m_knownCodes.contains(code) || o.value("message").toString().isEmpty())
                    return fail(QStringLiteral("%1 received an unknown error code or no message: %2").arg(c.label(), QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact).left(300))));
                if (!m_documentedCodes.contains(code) && !m_undocumentedSeen.contains(code)) {
                    m_undocumentedSeen.insert(code);
                    qWarning("the server sent error code \"%s\", which the table in docs/PROTOCOL.md does not list", qPrintable(code));
                }
            }
            if (type == "welcome") {
                c.user = o.value("user").toString();
                c.nextSeq = o.value("lastClientSeq").toInteger() + 1;
            }
            if (type == "action_result" && o.contains("expected"))
                c.nextSeq = o.value("expected").toInteger();
            else if (type == "action_result" && o.value("clientSeq").toInteger() >= c.nextSeq)
                c.nextSeq = o.value("clientSeq").toInteger() + 1;
        }
        return true;
    }

    std::unique_ptr<Conn> newConn(bool raw)
    {
        auto c = std::make_unique<Conn>();
        c->id = ++m_connections;
        c->clientId = m_rng.bounded(8) ? QStringLiteral("fz%1-%2").arg(m_seed).arg(c->id) : QStringLiteral("fz%1-shared").arg(m_seed);
        if (raw) {
            c->raw = std::make_unique<RawClient>(m_server.port(), QHostAddress(quint32(0x7f000002 + m_rng.bounded(250))));
        } else {
            c->ws = std::make_unique<WireClient>();
            c->ws->socket().open(m_server.url());
        }
        return c;
    }

    // QWebSocket connections log in through the harness (password); raw ones with a token
    // from an earlier welcome (they come from other addresses, where refusals do no harm).
    bool logIn(Conn& c)
    {
        static const QStringList users { "op", "s1", "boss", "WG00001" };
        const QString user = users[int(m_rng.bounded(users.size()))];
        if (c.ws) {
            note(QStringLiteral("%1 login %2 with password").arg(c.label(), user));
            QJsonObject welcome;
            if (!c.ws->login(user, c.clientId, &welcome))
                return fail(QStringLiteral("%1: the harness's login as %2 got no welcome within 10 s").arg(c.label(), user));
            c.user = user;
            c.nextSeq = welcome.value("lastClientSeq").toInteger() + 1;
            m_world.tokens.insert(user, welcome.value("token").toString());
            c.checked = c.received().size();
            return true;
        }
        note(QStringLiteral("%1 login %2 with token").arg(c.label(), user));
        c.sendText(encode(Type::Login, { { "token", m_world.tokens.value(user) }, { "clientId", c.clientId } }));
        QDeadlineTimer deadline(3000);
        while (c.user.isEmpty() && c.open() && !deadline.hasExpired()) {
            QTest::qWait(5);
            if (!checkAnswers(c))
                return false;
        }
        return true; // a token may have been revoked (logout) or its address locked
    }

    // Sends one message, or a frame only the raw client can send.
    void sendOne(Conn& c, MessageMaker& maker)
    {
        ++m_messages;
        if (c.raw && m_rng.bounded(12) == 0) {
            const QByteArray text = encode(Type::Ping, { { "t", 1 } });
            switch (m_rng.bounded(5)) {
            case 0: // a message in fragments
                note(QStringLiteral("%1 fragmented ping").arg(c.label()));
                c.raw->sendFrame(0x1, text.left(5), false);
                c.raw->sendFrame(0x0, text.mid(5), true);
                break;
            case 1: // not UTF-8 in a text frame
                note(QStringLiteral("%1 text frame \\xff\\xfe").arg(c.label()));
                c.raw->sendFrame(0x1, "{\"v\":1,\"type\":\"ping\",\"x\":\"\xff\xfe\"}");
                break;
            case 2: // a WebSocket ping with a payload
                note(QStringLiteral("%1 control ping").arg(c.label()));
                c.raw->sendFrame(0x9, "fuzz");
                break;
            case 3: // a frame that promises more than it sends (the rest never comes)
                note(QStringLiteral("%1 frame cut short").arg(c.label()));
                c.raw->sendFrame(0x1, text.left(4), true, 4000);
                break;
            default: // an opcode the standard reserves
                note(QStringLiteral("%1 reserved opcode 0x3").arg(c.label()));
                c.raw->sendFrame(0x3, text);
            }
            return;
        }
        const MessageMaker::Message m = maker.make(c);
        note(QStringLiteral("%1 %2 (%3): %4").arg(c.label(), m.binary ? "binary" : "text", m.type, shortText(m.bytes)));
        if (m.binary)
            c.sendBinary(m.bytes);
        else
            c.sendText(m.bytes);
    }

    // How a connection ends, or whether it stays for later.
    enum class Ending { Reset, WaitThenReset, ReadSomeThenReset, Abort, Close, Keep };
    Ending pickEnding()
    {
        const int r = int(m_rng.bounded(100));
        return r < 30 ? Ending::Reset : r < 45 ? Ending::WaitThenReset : r < 60 ? Ending::ReadSomeThenReset
            : r < 70 ? Ending::Abort : r < 80 ? Ending::Close : Ending::Keep;
    }
    bool end(std::unique_ptr<Conn> c, Ending how)
    {
        QElapsedTimer t;
        t.start();
        auto count = qScopeGuard([&] { m_endMs += t.elapsed(); });
        if (how == Ending::WaitThenReset)
            QTest::qWait(int(m_rng.bounded(80)));
        if (how == Ending::ReadSomeThenReset) {
            const qsizetype want = c->received().size() + 1 + qsizetype(m_rng.bounded(3));
            QDeadlineTimer deadline(150);
            while (c->received().size() < want && c->open() && !deadline.hasExpired())
                QTest::qWait(5);
        }
        if (!checkAnswers(*c))
            return false;
        static const char* names[] = { "reset", "wait+reset", "read some+reset", "abort", "close", "keep" };
        note(QStringLiteral("%1 %2").arg(c->label(), names[int(how)]));
        switch (how) {
        case Ending::Abort: c->abort(); break;
        case Ending::Close: c->close(); break;
        case Ending::Keep:
            if (c->raw && m_rng.bounded(2))
                c->raw->stopReading();
            m_pool.push_back(std::move(c));
            return true;
        default:
            ++m_resets;
            c->reset();
        }
        return true;
    }

    bool sentinelPing()
    {
        const qint64 t = m_clock.elapsed();
        m_sentinel->send(Type::Ping, { { "t", t } });
        QElapsedTimer waited;
        waited.start();
        const auto pong = m_sentinel->next("pong", 2000);
        m_sinceSentinel.restart();
        if (!pong || pong->value("t").toInteger() != t)
            return fail(QStringLiteral("HANG: the sentinel's ping got no pong within 2 s (waited %1 ms, sentinel %2)")
                            .arg(waited.elapsed()).arg(m_sentinel->closed() ? "closed" : "open"));
        return true;
    }

    bool episode(MessageMaker& maker)
    {
        ++m_episodes;
        const bool burst = m_rng.bounded(10) == 0;
        const int n = burst ? 20 + int(m_rng.bounded(40)) : 1 + int(m_rng.bounded(6));
        std::vector<std::unique_ptr<Conn>> conns;
        std::vector<bool> logins;
        for (int i = 0; i < n; ++i) {
            // QWebSocket logged in or not, raw logged in (token) or not; bursts mostly raw.
            const int kind = int(m_rng.bounded(100));
            const bool raw = burst ? kind < 80 : kind >= 55;
            conns.push_back(newConn(raw));
            logins.push_back(burst ? kind % 4 == 0 : raw ? kind >= 80 : kind < 40);
        }
        QDeadlineTimer deadline(10000);
        auto settled = [&] { return std::none_of(conns.begin(), conns.end(), [](const auto& c) { return c->connecting(); }); };
        while (!settled() && !deadline.hasExpired() && serverAlive())
            QTest::qWait(5);
        if (!serverAlive())
            return fail(QStringLiteral("while %1 new connections were opened").arg(n));
        if (!settled())
            return fail(QStringLiteral("HANG: of %1 new connections some are still not open (TCP or WebSocket handshake) after 10 s").arg(n));
        for (int i = 0; i < n; ++i) {
            QElapsedTimer t;
            t.start();
            if (logins[i] && conns[i]->open() && !logIn(*conns[i]))
                return false;
            m_loginMs += t.elapsed();
        }
        // Each connection's messages, interleaved; each ends right after its last one.
        std::vector<int> turns;
        for (int i = 0; i < n; ++i)
            for (int k = 0, count = burst ? 1 + int(m_rng.bounded(3)) : 1 + int(m_rng.bounded(25)); k < count; ++k)
                turns.push_back(i);
        std::shuffle(turns.begin(), turns.end(), m_rng);
        std::vector<int> left(n, 0);
        for (int i : turns)
            ++left[i];
        for (int i : turns) {
            Conn& c = *conns[i];
            if (c.open())
                sendOne(c, maker);
            if (m_rng.bounded(4) == 0)
                QTest::qWait(int(m_rng.bounded(15)));
            if (--left[i] == 0 && !end(std::move(conns[i]), pickEnding()))
                return false;
            if (!serverAlive())
                return fail(QStringLiteral("after the step above"));
        }
        // Connections kept from earlier episodes: some talk again, some end now.
        for (auto it = m_pool.begin(); it != m_pool.end();) {
            const int r = int(m_rng.bounded(10));
            if (r < 2 && (*it)->open()) {
                sendOne(**it, maker);
                ++it;
            } else if (r < 4 || m_pool.size() > 40) {
                std::unique_ptr<Conn> c = std::move(*it);
                it = m_pool.erase(it);
                Ending how = pickEnding();
                if (how == Ending::Keep)
                    how = Ending::Reset;
                if (!end(std::move(c), how))
                    return false;
            } else {
                ++it;
            }
        }
        QTest::qWait(int(m_rng.bounded(30)));
        readStderr();
        if (!serverAlive())
            return fail(QStringLiteral("at the end of episode %1").arg(m_episodes));
        if (m_sinceSentinel.elapsed() > 1000 && !sentinelPing())
            return false;
        return true;
    }

private slots:
    void initTestCase()
    {
        m_clock.start();
        m_seed = quint32(envNumber("GRIDHALL_FUZZ_SEED", QRandomGenerator::system()->generate()));
        m_budgetMs = envNumber("GRIDHALL_FUZZ_SECONDS", 45) * 1000;
        m_rng.seed(m_seed);
        qInfo("fuzz seed %u (replay: GRIDHALL_FUZZ_SEED=%u), wall time %lld s", m_seed, m_seed, m_budgetMs / 1000);
        m_documentedCodes = documentedErrorCodes();
        QVERIFY2(m_documentedCodes.contains(err::BadField) && m_documentedCodes.contains(err::NotLoggedIn), "error codes table not found in docs/PROTOCOL.md");
        m_knownCodes = m_documentedCodes;
        for (const QString& code : { err::TooLarge, err::TooDeep, err::BadJson, err::BadVersion, err::UnknownType, err::BadField,
                 err::NotLoggedIn, err::BadCredentials, err::TokenExpired, err::Forbidden, err::OutOfScope, err::ReadOnly,
                 err::NotFound, err::SeqGap, err::SeqReused, err::Conflict, err::Refused, err::Internal, err::BadPhoto,
                 err::PhotoTooLarge, err::RateLimited, err::Busy })
            m_knownCodes.insert(code);
        QVERIFY(m_dir.isValid());
        m_db = m_dir.filePath("fuzz.db");
        QVERIFY(makeDemoDb(m_db));
        QVERIFY(m_server.start(m_db));
        m_pid = m_server.processId();

        // The district as the district operator sees it, and a token of every role.
        WireClient c;
        QVERIFY(c.open(m_server.url()));
        QJsonObject welcome;
        QVERIFY(c.login("op", "fuzz-setup", &welcome));
        m_world.tokens.insert("op", welcome.value("token").toString());
        c.send(Type::Sync, { { "cursor", 0 } });
        const auto s = readSnapshot(c);
        QVERIFY(s);
        m_world.epoch = s->begin.value("epoch").toString();
        m_world.cursor = s->begin.value("cursor").toInteger();
        const int idCol = int(caseColumns().indexOf("id")), versionCol = int(caseColumns().indexOf("version")),
                  streetCol = int(caseColumns().indexOf("street_code"));
        for (const QJsonArray& row : s->cases)
            m_world.cases.append({ row.at(idCol).toInteger(), row.at(versionCol).toInteger(), row.at(streetCol).toString() });
        for (const QJsonObject& g : s->reference.value("grids"))
            m_world.grids.append(g.value("code").toString());
        for (const QJsonObject& w : s->reference.value("workers"))
            m_world.workers.append(w.value("code").toString());
        for (const QJsonObject& p : s->reference.value("photos"))
            m_world.photos.append(p.value("id").toInteger());
        QVERIFY(!m_world.cases.isEmpty() && !m_world.grids.isEmpty() && !m_world.workers.isEmpty());
        std::sort(m_world.grids.begin(), m_world.grids.end()); // first street first: in s1's and WG00001's scope
        m_world.grids = m_world.grids.mid(0, 40) + m_world.grids.mid(m_world.grids.size() - 10);
        m_world.workers = m_world.workers.mid(0, 40);
        for (const QString user : { "s1", "boss", "WG00001" }) {
            WireClient u;
            QVERIFY(u.open(m_server.url()));
            QVERIFY(u.login(user, QStringLiteral("fuzz-setup-%1").arg(user), &welcome));
            m_world.tokens.insert(user, welcome.value("token").toString());
        }
        QImage image(6, 4, QImage::Format_RGB32);
        image.fill(Qt::darkGreen);
        QBuffer png;
        png.open(QIODevice::WriteOnly);
        QVERIFY(image.save(&png, "PNG"));
        m_world.png = QString::fromLatin1(png.data().toBase64());

        m_sentinel = std::make_unique<WireClient>();
        QVERIFY(m_sentinel->open(m_server.url()));
        if (!m_sentinel->socket().findChild<QAbstractSocket*>())
            qWarning("QWebSocket's TCP socket not found: its connections end with abort(), resets come from the raw clients only");
        QVERIFY(m_sentinel->login("op2", "fuzz-sentinel"));
        m_sinceSentinel.start();
        qInfo("setup took %lld ms", m_clock.elapsed());
    }

    void fuzzServer()
    {
        MessageMaker maker(m_rng, m_world);
        // What is left after the setup, less the final checks; at least a few seconds.
        const qint64 stopAt = std::max(m_clock.elapsed() + 5000, m_budgetMs - 4000);
        while (m_clock.elapsed() < stopAt) {
            if (!episode(maker))
                QFAIL(qPrintable(m_failure));
        }
        // The rest of the kept connections end too, each its own way.
        while (!m_pool.empty()) {
            std::unique_ptr<Conn> c = std::move(m_pool.back());
            m_pool.pop_back();
            Ending how = pickEnding();
            if (!end(std::move(c), how == Ending::Keep ? Ending::Reset : how))
                QFAIL(qPrintable(m_failure));
        }
        QTest::qWait(300);
        if (!serverAlive()) {
            fail(QStringLiteral("after the last connections ended"));
            QFAIL(qPrintable(m_failure));
        }
        if (!sentinelPing())
            QFAIL(qPrintable(m_failure));
        qInfo("fuzz: %d episodes, %d connections (%d reset), %lld messages in %lld ms (logins %lld ms, endings %lld ms); seed %u",
            m_episodes, m_connections, m_resets, m_messages, m_clock.elapsed(), m_loginMs, m_endMs, m_seed);
    }

    void serverStillServes()
    {
        QVERIFY2(serverAlive(), qPrintable(QStringLiteral("the server process is gone; seed %1").arg(m_seed)));
        WireClient fresh;
        QVERIFY(fresh.open(m_server.url()));
        QVERIFY(fresh.login("op", "fuzz-after"));
        QElapsedTimer t;
        t.start();
        fresh.send(Type::Ping, { { "t", 4242 } });
        const auto pong = fresh.next("pong", 2000);
        QVERIFY2(pong && pong->value("t").toInteger() == 4242, qPrintable(QStringLiteral("no pong within 2 s; seed %1").arg(m_seed)));
        qInfo("final pong after %lld ms", t.elapsed());
        readStderr();
        QVERIFY2(!m_stderr.contains("ASSERT") && !m_stderr.contains("Segmentation"),
            qPrintable(QStringLiteral("seed %1; server stderr:\n%2").arg(m_seed).arg(QString::fromUtf8(m_stderr.right(3000)))));
    }

    void cleanup()
    {
        // A failed run keeps its database (and audit key) for a look or a replay.
        if (QTest::currentTestFailed() && m_dir.autoRemove()) {
            m_dir.setAutoRemove(false);
            qWarning("kept the fuzzed database: %s", qPrintable(m_db));
        }
    }

    void auditChainIntact()
    {
        m_sentinel.reset();
        m_server.stop();
        QByteArray out;
        const int code = runServerCommand({ "verify-audit", "--db", m_db }, {}, &out);
        QVERIFY2(code == 0 && out.contains("intact"), qPrintable(QStringLiteral("seed %1; verify-audit exit %2: %3").arg(m_seed).arg(code).arg(QString::fromUtf8(out))));
        qInfo("%s", out.trimmed().constData());
    }
};

QTEST_GUILESS_MAIN(TestServerFuzz)
#include "tst_serverfuzz.moc"
