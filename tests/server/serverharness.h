#pragma once
// Test helpers that play the third-party client of docs/PROTOCOL.md against the real
// gridhall-server process on 127.0.0.1 (port 0: the server picks a free one and prints it).

#include "models/sync/protocol.h"
#include "tests/server/pgcluster.h"
#include "tests/server/processcpu.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTest>
#include <QWebSocket>
#include <csignal>
#include <functional>
#include <sqlite3.h>
#include <sys/resource.h>

namespace gridhall::testing {

// GRIDHALL_TEST_SERVER: another build's server (e.g. to see a new test fail on old code).
inline QString serverBinary()
{
    const QString other = qEnvironmentVariable("GRIDHALL_TEST_SERVER");
    return other.isEmpty() ? QStringLiteral(GRIDHALL_BINARY_DIR "/app/gridhall-server") : other;
}

// GRIDHALL_TEST_BACKEND=postgresql: the suites that support it run the server on a
// PostgreSQL database of a throwaway cluster (pgcluster.h) instead of a SQLite file.
inline bool testOnPostgres()
{
    return qEnvironmentVariable("GRIDHALL_TEST_BACKEND") == QLatin1String("postgresql");
}

// The cluster of this test process, started on first use and stopped when the application
// object goes (a static destructor would run after Qt's).
inline PgCluster* testCluster(QString* error = nullptr)
{
    static PgCluster* cluster = nullptr;
    static bool tried = false;
    if (!tried) {
        tried = true;
        auto* c = new PgCluster;
        QString why;
        if (c->start(&why)) {
            cluster = c;
            qAddPostRoutine([] { delete cluster; cluster = nullptr; });
        } else {
            qWarning("PostgreSQL test cluster: %s", qPrintable(why));
            delete c;
        }
    }
    if (!cluster && error)
        *error = QStringLiteral("no PostgreSQL test cluster (see the warning above)");
    return cluster;
}

// A database URI has no file beside which its audit key could live: the tests keep the
// key of each PostgreSQL database in a file and give it to every command on that database.
inline QHash<QString, QString>& auditKeysOfUris()
{
    static QHash<QString, QString> keys;
    return keys;
}

inline QStringList withAuditKey(QStringList args)
{
    const qsizetype db = args.indexOf(QStringLiteral("--db"));
    if (db >= 0 && db + 1 < args.size() && !args.contains(QStringLiteral("--audit-key"))) {
        const QString key = auditKeysOfUris().value(args.at(db + 1));
        if (!key.isEmpty())
            args << QStringLiteral("--audit-key") << key;
    }
    return args;
}

// Runs a gridhall-server command to the end; returns its exit code (stdin optional).
inline int runServerCommand(const QStringList& args, const QByteArray& input = {}, QByteArray* output = nullptr)
{
    QProcess p;
    p.start(serverBinary(), withAuditKey(args));
    if (!p.waitForStarted(10000))
        return -1;
    if (!input.isEmpty())
        p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished();
        return -1;
    }
    if (output)
        *output = p.readAllStandardOutput() + p.readAllStandardError();
    return p.exitCode();
}

// The password of every test user. It passes add-user's policy (10+ characters, three
// kinds of character, no user name) for all the names the tests use.
inline const QString kTestPassword = QStringLiteral("Hall-Test-2026");

inline quint32 crc32Of(const QByteArray& bytes)
{
    quint32 crc = 0xffffffffu;
    for (const char ch : bytes) {
        crc ^= quint8(ch);
        for (int k = 0; k < 8; ++k)
            crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
    }
    return crc ^ 0xffffffffu;
}

// A 16-bit RGB PNG of this size, every pixel black: built by hand so the test holds no
// 240 MB image of its own (zlib through qCompress, less its 4-byte length prefix).
inline QByteArray blackPng16(int width, int height)
{
    auto chunk = [](const QByteArray& type, const QByteArray& data) {
        QByteArray out;
        const quint32 length = quint32(data.size());
        out.append(char(length >> 24)).append(char(length >> 16)).append(char(length >> 8)).append(char(length));
        const QByteArray body = type + data;
        out.append(body);
        const quint32 crc = quint32(crc32Of(body));
        out.append(char(crc >> 24)).append(char(crc >> 16)).append(char(crc >> 8)).append(char(crc));
        return out;
    };
    QByteArray header;
    for (quint32 v : { quint32(width), quint32(height) })
        header.append(char(v >> 24)).append(char(v >> 16)).append(char(v >> 8)).append(char(v));
    header.append(char(16)).append(char(2)).append(char(0)).append(char(0)).append(char(0)); // 16-bit RGB
    const QByteArray rows(qsizetype(height) * (1 + qsizetype(width) * 6), '\0'); // filter 0, black
    const QByteArray idat = qCompress(rows, 9).mid(4);
    return QByteArray("\x89PNG\r\n\x1a\n", 8) + chunk("IHDR", header) + chunk("IDAT", idat) + chunk("IEND", {});
}

// Turns the event loop until done() holds or the time is up; whether it holds.
inline bool waitFor(const std::function<bool()>& done, int timeoutMs = 20000)
{
    return QTest::qWaitFor(done, timeoutMs);
}

// Rows of one query on a server's SQLite database, each column as text (read-only).
inline QList<QStringList> queryServerDb(const QString& db, const QByteArray& sql)
{
    QList<QStringList> rows;
    sqlite3* handle = nullptr;
    sqlite3_open_v2(db.toUtf8().constData(), &handle, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_stmt* q = nullptr;
    if (sqlite3_prepare_v2(handle, sql.constData(), -1, &q, nullptr) == SQLITE_OK) {
        while (sqlite3_step(q) == SQLITE_ROW) {
            QStringList r;
            for (int i = 0; i < sqlite3_column_count(q); ++i)
                r << QString::fromUtf8(reinterpret_cast<const char*>(sqlite3_column_text(q, i)), sqlite3_column_bytes(q, i));
            rows << r;
        }
    } else {
        qWarning() << "query failed:" << sqlite3_errmsg(handle);
    }
    sqlite3_finalize(q);
    sqlite3_close(handle);
    return rows;
}

// The first column of a query's first row as a number (-1 without a row).
inline qint64 serverCount(const QString& db, const QByteArray& sql)
{
    const QList<QStringList> rows = queryServerDb(db, sql);
    return rows.isEmpty() ? -1 : rows.first().value(0).toLongLong();
}

// The demo district with a small history and the users the tests log in as.
// Streets are 440199001 … ; workers WG00001 … (grid workers of the first street first).
// extra: more demo-data options (e.g. --camera-streams URL).
inline bool makeDemoDb(const QString& path, const QStringList& extra = {})
{
    if (runServerCommand(QStringList { "demo-data", "--db", path, "--cases-per-day", "20", "--end", "2026-11-20", "--seed", "3" } + extra) != 0)
        return false;
    struct U { const char* name; const char* role; const char* street; };
    const U users[] = { { "op", "district_operator", "" }, { "op2", "district_operator", "" },
        { "s1", "street_operator", "440199001" }, { "s2", "street_operator", "440199002" },
        { "boss", "leader", "" }, { "lead", "shift_leader", "" }, { "WG00001", "field_worker", "" } };
    for (const U& u : users) {
        QStringList args { "add-user", "--db", path, "--user", u.name, "--role", u.role, "--iterations", "1000" };
        if (*u.street)
            args << "--street" << u.street;
        if (runServerCommand(args, kTestPassword.toUtf8() + "\n") != 0)
            return false;
    }
    return true;
}

// A new empty PostgreSQL database in the test cluster, its audit key at keyPath; "" when
// there is no cluster.
inline QString newPostgresDatabase(const QString& keyPath)
{
    static int next = 0;
    PgCluster* cluster = testCluster();
    if (!cluster)
        return {};
    const QString name = QStringLiteral("hall%1").arg(++next);
    QString error;
    if (!cluster->createDatabase(name, &error)) {
        qWarning("%s", qPrintable(error));
        return {};
    }
    const QString uri = cluster->uri(name);
    auditKeysOfUris().insert(uri, keyPath);
    return uri;
}

// The demo district (makeDemoDb) at sqlitePath, copied (copy-db) into a new PostgreSQL
// database of the test cluster, whose URI is returned (for several instances on one
// database). "" on failure.
inline QString makeDemoPostgresDatabase(const QString& sqlitePath)
{
    if (!makeDemoDb(sqlitePath))
        return {};
    const QString key = sqlitePath + QStringLiteral(".audit-key");
    const QString uri = newPostgresDatabase(key);
    QByteArray out;
    if (uri.isEmpty() || runServerCommand({ "copy-db", "--from", sqlitePath, "--to", uri, "--audit-key", key }, {}, &out) != 0) {
        qWarning("copy-db to PostgreSQL failed: %s", out.constData());
        return {};
    }
    return uri;
}

// The demo district in the database the run tests: the SQLite file at sqlitePath, or with
// GRIDHALL_TEST_BACKEND=postgresql makeDemoPostgresDatabase's. "" on failure.
inline QString makeDemoDatabase(const QString& sqlitePath)
{
    if (testOnPostgres())
        return makeDemoPostgresDatabase(sqlitePath);
    return makeDemoDb(sqlitePath) ? sqlitePath : QString();
}

class ServerProcess {
public:
    ~ServerProcess() { stop(); }
    // Starts the server with at most this many open descriptors (soft and hard limit).
    void setDescriptorLimit(int limit)
    {
        m_process.setChildProcessModifier([limit] {
            const rlimit l { rlim_t(limit), rlim_t(limit) };
            setrlimit(RLIMIT_NOFILE, &l);
        });
    }
    bool start(const QString& db, quint16 port = 0, const QStringList& extra = {})
    {
        m_process.setProcessChannelMode(QProcess::SeparateChannels);
        m_process.start(serverBinary(), withAuditKey(QStringList { "serve", "--db", db, "--listen", QStringLiteral("127.0.0.1:%1").arg(port) } + extra));
        if (!m_process.waitForStarted(10000))
            return false;
        static const QRegularExpression re(QStringLiteral("listening on 127\\.0\\.0\\.1:(\\d+)"));
        QByteArray seen;
        QDeadlineTimer deadline(15000);
        while (!deadline.hasExpired()) {
            m_process.waitForReadyRead(200);
            seen += m_process.readAllStandardOutput();
            static const QRegularExpression cap(QStringLiteral("sessions: at most (\\d+), (\\d+) of them kept for desks"));
            const auto m = re.match(QString::fromUtf8(seen));
            const auto c = cap.match(QString::fromUtf8(seen)); // printed after the port
            if (m.hasMatch() && c.hasMatch()) {
                static const QRegularExpression metrics(QStringLiteral("metrics on 127\\.0\\.0\\.1:(\\d+)"));
                m_metricsPort = quint16(metrics.match(QString::fromUtf8(seen)).captured(1).toUInt());
                m_port = quint16(m.captured(1).toUInt());
                m_maxSessions = c.captured(1).toInt();
                m_deskSessions = c.captured(2).toInt();
                return true;
            }
            if (m_process.state() == QProcess::NotRunning)
                break;
        }
        qWarning() << "server did not start:" << seen << m_process.readAllStandardError();
        return false;
    }
    void stop()
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        m_process.terminate();
        if (!m_process.waitForFinished(10000)) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }
    void kill()
    {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
    // Sends a signal and waits for the process to end; its exit code, or -1 if it did
    // not end in time or crashed.
    int signalAndWait(int signal, int timeoutMs)
    {
        ::kill(pid_t(m_process.processId()), signal);
        if (!m_process.waitForFinished(timeoutMs))
            return -1;
        return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
    }
    quint16 port() const { return m_port; }
    // The port of --metrics 127.0.0.1:0 as the server printed it (0 without --metrics).
    quint16 metricsPort() const { return m_metricsPort; }
    // The session cap the server printed at start, and how many of them it keeps for desks.
    int maxSessions() const { return m_maxSessions; }
    int deskSessions() const { return m_deskSessions; }
    qint64 processId() const { return m_process.processId(); }
    // User + system CPU seconds the server has used so far (-1: unreadable).
    double cpuSeconds() const { return processCpuSeconds(m_process.processId()); }
    QUrl url() const { return QUrl(QStringLiteral("ws://127.0.0.1:%1/").arg(m_port)); }
    QByteArray stderrText() { return m_process.readAllStandardError(); }

private:
    QProcess m_process;
    quint16 m_port = 0;
    quint16 m_metricsPort = 0;
    int m_maxSessions = 0, m_deskSessions = 0;
};

// A bare protocol client: sends JSON, collects everything received.
class WireClient {
public:
    WireClient()
    {
        m_socket.setMaxAllowedIncomingMessageSize(protocol::kMaxMessageBytes * 4);
        QObject::connect(&m_socket, &QWebSocket::textMessageReceived, &m_socket, [this](const QString& text) {
            m_received.append(QJsonDocument::fromJson(text.toUtf8()).object());
        });
        QObject::connect(&m_socket, &QWebSocket::disconnected, &m_socket, [this] { m_closed = true; });
    }
    bool open(const QUrl& url)
    {
        m_socket.open(url);
        QDeadlineTimer deadline(10000);
        while (m_socket.state() != QAbstractSocket::ConnectedState && !deadline.hasExpired())
            QTest::qWait(10);
        return m_socket.state() == QAbstractSocket::ConnectedState;
    }
    void sendRaw(const QByteArray& text) { m_socket.sendTextMessage(QString::fromUtf8(text)); }
    void send(protocol::Type type, const QJsonObject& fields) { sendRaw(protocol::encode(type, fields)); }
    // Waits for the next received message of this type (consuming those before it).
    std::optional<QJsonObject> next(const QString& type, int timeoutMs = 10000)
    {
        QDeadlineTimer deadline(timeoutMs);
        for (;;) {
            while (!m_received.isEmpty()) {
                const QJsonObject o = m_received.takeFirst();
                if (o.value("type").toString() == type)
                    return o;
            }
            if (deadline.hasExpired())
                return std::nullopt;
            QTest::qWait(5);
        }
    }
    bool login(const QString& user, const QString& clientId, QJsonObject* welcome = nullptr)
    {
        send(protocol::Type::Login, { { "user", user }, { "password", kTestPassword }, { "clientId", clientId } });
        const auto w = next("welcome");
        if (welcome && w)
            *welcome = *w;
        return bool(w);
    }
    bool waitClosed(int timeoutMs = 10000)
    {
        QDeadlineTimer deadline(timeoutMs);
        while (!m_closed && !deadline.hasExpired())
            QTest::qWait(10);
        return m_closed;
    }
    void drain(int ms) { QTest::qWait(ms); }
    QList<QJsonObject>& received() { return m_received; }
    QWebSocket& socket() { return m_socket; }
    bool closed() const { return m_closed; }

private:
    QWebSocket m_socket;
    QList<QJsonObject> m_received;
    bool m_closed = false;
};

// A client that speaks just enough WebSocket to send, and then never reads (what the
// server queues for it stays in the server), or reads without looking (setDiscarding).
class NonReadingClient {
public:
    // from: the local address to connect from (any 127.x.y.z reaches a loopback server):
    // floods from many addresses.
    bool open(quint16 port, const QHostAddress& from = {})
    {
        if (!from.isNull() && !m_socket.bind(from))
            return false;
        m_socket.connectToHost(QStringLiteral("127.0.0.1"), port);
        if (!m_socket.waitForConnected(5000))
            return false;
        m_socket.write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                       "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
        QByteArray answer;
        QDeadlineTimer deadline(5000);
        while (!answer.contains("\r\n\r\n") && !deadline.hasExpired()) {
            if (m_socket.bytesAvailable() > 0 || m_socket.waitForReadyRead(100))
                answer += m_socket.read(1); // no further than the handshake
        }
        if (!answer.startsWith("HTTP/1.1 101"))
            return false;
        if (m_discard) {
            // Takes everything as it comes without parsing it: the test process must not
            // be the one that is slow.
            QObject::connect(&m_socket, &QTcpSocket::readyRead, &m_socket, [this] {
                const QByteArray bytes = m_tail + m_socket.readAll();
                m_ended = m_ended || bytes.contains("\"snapshot_end\"");
                m_tail = bytes.right(32);
            });
        } else {
            m_socket.setReadBufferSize(1); // from now on the kernel's buffers fill and stay full
        }
        return true;
    }
    void setDiscarding() { m_discard = true; }
    bool sawSnapshotEnd() const { return m_ended; }
    // Reads again after not reading: every frame from the server (one message each,
    // unmasked) is taken apart into its JSON message.
    void startReading()
    {
        QObject::connect(&m_socket, &QTcpSocket::readyRead, &m_socket, [this] { takeFrames(); });
        m_socket.setReadBufferSize(0);
        takeFrames();
    }
    QList<QJsonObject>& messages() { return m_messages; }
    bool connected() const { return m_socket.state() == QAbstractSocket::ConnectedState; }
    void send(const QByteArray& text)
    {
        if (m_socket.state() != QAbstractSocket::ConnectedState)
            return; // the server has reset it
        QByteArray frame(1, char(0x81)); // final text frame
        const quint64 n = quint64(text.size());
        if (n < 126) {
            frame.append(char(0x80 | n));
        } else if (n < 65536) {
            frame.append(char(0x80 | 126)).append(char(n >> 8)).append(char(n & 0xff));
        } else {
            frame.append(char(0x80 | 127));
            for (int i = 7; i >= 0; --i)
                frame.append(char((n >> (8 * i)) & 0xff));
        }
        frame.append(QByteArray(4, '\0')); // a mask of zeros leaves the payload as it is
        frame.append(text);
        m_socket.write(frame);
        m_socket.flush();
    }

private:
    void takeFrames()
    {
        m_pending += m_socket.readAll();
        for (;;) {
            const auto* b = reinterpret_cast<const uchar*>(m_pending.constData());
            if (m_pending.size() < 2)
                return;
            qint64 length = b[1] & 0x7f;
            qsizetype header = 2;
            if (length == 126) {
                if (m_pending.size() < 4)
                    return;
                length = (qint64(b[2]) << 8) | b[3];
                header = 4;
            } else if (length == 127) {
                if (m_pending.size() < 10)
                    return;
                length = 0;
                for (int i = 2; i < 10; ++i)
                    length = (length << 8) | b[i];
                header = 10;
            }
            if (m_pending.size() < header + length)
                return;
            if ((b[0] & 0x0f) == 0x1)
                m_messages.append(QJsonDocument::fromJson(m_pending.mid(header, length)).object());
            m_pending.remove(0, header + length);
        }
    }

    QTcpSocket m_socket;
    bool m_discard = false, m_ended = false;
    QByteArray m_tail, m_pending;
    QList<QJsonObject> m_messages;
};

// Collects a whole snapshot: case rows by id, reference rows by table, and its envelope.
struct Snapshot {
    QJsonObject begin, end;
    QHash<qint64, QJsonArray> cases;
    QHash<QString, QList<QJsonObject>> reference;
};

inline std::optional<Snapshot> readSnapshot(WireClient& c, int timeoutMs = 30000)
{
    Snapshot s;
    const auto begin = c.next("snapshot_begin", timeoutMs);
    if (!begin)
        return std::nullopt;
    s.begin = *begin;
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        while (!c.received().isEmpty()) {
            const QJsonObject o = c.received().takeFirst();
            const QString type = o.value("type").toString();
            if (type == "snapshot_end") {
                s.end = o;
                return s;
            }
            if (type != "snapshot_chunk")
                continue;
            const QString table = o.value("table").toString();
            for (const QJsonValue& row : o.value("rows").toArray()) {
                if (table == "cases")
                    s.cases.insert(row.toArray().at(0).toInteger(), row.toArray());
                else
                    s.reference[table].append(row.toObject());
            }
        }
        QTest::qWait(5);
    }
    return std::nullopt;
}

// The home grid of a worker in a snapshot's reference rows ("" when not there).
inline QString homeGridOf(const Snapshot& snapshot, const QString& workerCode)
{
    for (const QJsonObject& w : snapshot.reference.value(QStringLiteral("workers")))
        if (w.value(QLatin1String("code")).toString() == workerCode)
            return w.value(QLatin1String("homeGridCode")).toString();
    return {};
}

// The snapshot checksum (protocol::CaseChecksum) over every case of a server's SQLite
// database, as a snapshot of the whole district carries it.
inline QString sqliteCaseChecksum(const QString& db)
{
    protocol::CaseChecksum sum;
    for (const QStringList& row : queryServerDb(db, "SELECT id, version, state, street_code FROM cases"))
        sum.add(row.at(0).toLongLong(), row.at(1).toLongLong(), row.at(2), row.at(3));
    return sum.hex();
}

// Reads a process's standard output until a line matches (the serve command prints
// "listening on …" and "metrics on …"); the match, or an invalid one when the process ends
// or the time is up. *seen (if given) collects what was read.
inline QRegularExpressionMatch waitForOutput(QProcess& p, const QRegularExpression& re, QByteArray* seen = nullptr, int timeoutMs = 15000)
{
    QByteArray local;
    QByteArray& text = seen ? *seen : local;
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        p.waitForReadyRead(100);
        text += p.readAllStandardOutput();
        const QRegularExpressionMatch m = re.match(QString::fromUtf8(text));
        if (m.hasMatch() || p.state() == QProcess::NotRunning)
            return m;
    }
    return {};
}

// GET path from 127.0.0.1:port over plain HTTP/1.0; the body, with the status code in
// *status (0 when there was no answer).
inline QByteArray httpGet(quint16 port, const QByteArray& path, int* status)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    *status = 0;
    if (!socket.waitForConnected(5000))
        return {};
    socket.write("GET " + path + " HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n");
    // Until the whole body is there: the server may keep the connection open.
    QByteArray reply;
    qsizetype headerEnd = -1, length = -1;
    QDeadlineTimer deadline(10000);
    while (!deadline.hasExpired() && (length < 0 || reply.size() < headerEnd + 4 + length)) {
        if (!socket.waitForReadyRead(100) && socket.state() != QAbstractSocket::ConnectedState)
            break;
        reply += socket.readAll();
        headerEnd = reply.indexOf("\r\n\r\n");
        static const QRegularExpression contentLength(QStringLiteral("\r\ncontent-length:\\s*(\\d+)"), QRegularExpression::CaseInsensitiveOption);
        if (const auto m = contentLength.match(QString::fromLatin1(reply.left(headerEnd))); headerEnd >= 0 && m.hasMatch())
            length = m.captured(1).toLongLong();
    }
    const QList<QByteArray> statusLine = reply.left(reply.indexOf("\r\n")).split(' ');
    *status = statusLine.size() >= 2 ? statusLine.at(1).toInt() : 0;
    return headerEnd >= 0 ? reply.mid(headerEnd + 4) : QByteArray();
}

} // namespace gridhall::testing
