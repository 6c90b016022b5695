#include "app/server/metricsendpoint.h"

#include "app/server/healthcheck.h"
#include "app/server/syncserver.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHttpServer>
#include <QHttpServerResponse>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <unistd.h>

namespace gridhall {

namespace {
constexpr int kHealthProbeTimeoutMs = 1000;
// A request connection that has not been answered or closed by then is closed: monitoring
// asks and reads at once, and an idle one must not keep a slot from the next scrape.
constexpr int kRequestIdleMs = 10'000;
// However busy it keeps itself: a byte every few seconds must not hold a place for ever.
constexpr int kRequestLifetimeMs = 60'000;

// The endpoint's listener: at most kDescriptors - 1 request connections at once (its own
// descriptor is the last). A connection past them is closed as soon as it is accepted,
// without a word: the sync server counted exactly these descriptors out of its cap, so
// more would take one from a session, a snapshot or a commit.
class CappedListener : public QTcpServer {
public:
    explicit CappedListener(int maxConnections, QObject* parent = nullptr)
        : QTcpServer(parent)
        , m_max(maxConnections)
    {
    }

protected:
    void incomingConnection(qintptr descriptor) override
    {
        if (m_open >= m_max) {
            ::close(int(descriptor));
            return;
        }
        auto* socket = new QTcpSocket(this);
        if (!socket->setSocketDescriptor(descriptor)) {
            ::close(int(descriptor));
            delete socket;
            return;
        }
        ++m_open;
        // Counted until its descriptor closes: QHttpServer 6.4 does not delete a socket
        // whose peer went (it would count for ever), so it is deleted here.
        connect(socket, &QAbstractSocket::disconnected, this, [this, socket] {
            --m_open;
            socket->deleteLater();
        });
        auto* idle = new QTimer(socket);
        idle->setSingleShot(true);
        idle->start(kRequestIdleMs);
        connect(socket, &QTcpSocket::readyRead, idle, qOverload<>(&QTimer::start));
        connect(idle, &QTimer::timeout, socket, &QTcpSocket::abort);
        QTimer::singleShot(kRequestLifetimeMs, socket, &QTcpSocket::abort);
        addPendingConnection(socket);
    }

private:
    const int m_max;
    int m_open = 0;
};

void header(QByteArray* out, const char* name, const char* type, const char* help)
{
    *out += QByteArray("# HELP ") + name + ' ' + help + "\n# TYPE " + name + ' ' + type + '\n';
}

QByteArray number(double v)
{
    return QByteArray::number(v, 'g', 9);
}
} // namespace

MetricsEndpoint::MetricsEndpoint(const SyncServer& server, const ServerStorage& storage, const QString& db, QObject* parent)
    : QObject(parent)
    , m_server(server)
    , m_storage(storage)
    , m_db(db)
    , m_http(std::make_unique<QHttpServer>())
    , m_startedMs(QDateTime::currentMSecsSinceEpoch())
{
    m_http->route(QStringLiteral("/healthz"), [this] {
        QString why;
        if (!probeDatabase(m_db, kHealthProbeTimeoutMs, &why))
            return QHttpServerResponse("text/plain; charset=utf-8", "unavailable: " + why.toUtf8() + '\n', QHttpServerResponder::StatusCode::ServiceUnavailable);
        return QHttpServerResponse("text/plain; charset=utf-8", "ok\n", QHttpServerResponder::StatusCode::Ok);
    });
    m_http->route(QStringLiteral("/metrics"), [this] {
        return QHttpServerResponse("text/plain; version=0.0.4; charset=utf-8", prometheusText(), QHttpServerResponder::StatusCode::Ok);
    });
}

MetricsEndpoint::~MetricsEndpoint() = default;

quint16 MetricsEndpoint::listen(const QHostAddress& address, quint16 port, QString* error)
{
    auto* listener = new CappedListener(kDescriptors - 1, m_http.get());
    if (!listener->listen(address, port)) {
        *error = listener->errorString();
        delete listener;
        return 0;
    }
    m_http->bind(listener);
    return listener->serverPort();
}

QByteArray MetricsEndpoint::prometheusText() const
{
    const ServerMetrics& m = m_server.metrics();
    QByteArray out;
    out.reserve(4096);
    header(&out, "gridhall_connections", "gauge", "Open connections to the sync port, WebSocket handshakes included.");
    out += "gridhall_connections " + QByteArray::number(m_server.connectionCount()) + '\n';

    header(&out, "gridhall_sessions", "gauge", "Sessions by the role of their user (none: not logged in yet).");
    const QHash<QString, int> byRole = m_server.sessionsByRole();
    // Every role always, so a dashboard sees 0 rather than no series.
    QStringList roles { QStringLiteral("none") };
    for (const UserRole r : { UserRole::DistrictOperator, UserRole::StreetOperator, UserRole::Supervisor, UserRole::ShiftLeader, UserRole::Leader, UserRole::FieldWorker })
        roles.append(userRoleKey(r));
    for (const QString& role : roles)
        out += "gridhall_sessions{role=\"" + role.toUtf8() + "\"} " + QByteArray::number(byRole.value(role)) + '\n';

    header(&out, "gridhall_actions_total", "counter", "Case actions answered, by result (replayed: a repeated key answered from the stored result).");
    for (int r = 0; r < ServerMetrics::ResultCount; ++r)
        out += QByteArray("gridhall_actions_total{result=\"") + ServerMetrics::resultName(r) + "\"} " + QByteArray::number(m.actions(r)) + '\n';

    header(&out, "gridhall_action_latency_seconds", "summary", "Time from handling an action to sending its answer (over the last 4096 actions for the quantiles).");
    for (const auto& [q, v] : m.actionLatencyQuantiles({ 0.5, 0.9, 0.99 }))
        out += "gridhall_action_latency_seconds{quantile=\"" + number(q) + "\"} " + number(v) + '\n';
    out += "gridhall_action_latency_seconds_sum " + number(m.actionSecondsSum()) + '\n';
    out += "gridhall_action_latency_seconds_count " + QByteArray::number(m.actionCount()) + '\n';

    header(&out, "gridhall_change_log_cursor", "gauge", "The newest position of the change log (what clients sync up to).");
    out += "gridhall_change_log_cursor " + QByteArray::number(m_storage.cursor()) + '\n';

    header(&out, "gridhall_position_fixes_total", "counter", "Position fixes received from field workers and accepted as valid.");
    out += "gridhall_position_fixes_total " + QByteArray::number(m.positionFixes()) + '\n';

    header(&out, "gridhall_snapshot_duration_seconds", "histogram", "Time from a snapshot's start to its last chunk.");
    const auto& buckets = m.snapshotBuckets();
    for (size_t i = 0; i < buckets.size(); ++i)
        out += "gridhall_snapshot_duration_seconds_bucket{le=\"" + number(ServerMetrics::kSnapshotBuckets[i]) + "\"} " + QByteArray::number(buckets[i]) + '\n';
    out += "gridhall_snapshot_duration_seconds_bucket{le=\"+Inf\"} " + QByteArray::number(m.snapshotCount()) + '\n';
    out += "gridhall_snapshot_duration_seconds_sum " + number(m.snapshotSecondsSum()) + '\n';
    out += "gridhall_snapshot_duration_seconds_count " + QByteArray::number(m.snapshotCount()) + '\n';

    header(&out, "gridhall_start_time_seconds", "gauge", "When this server process started, in seconds since the Unix epoch.");
    out += "gridhall_start_time_seconds " + QByteArray::number(m_startedMs / 1000) + '\n';
    return out;
}

} // namespace gridhall
