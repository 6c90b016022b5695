#include "app/server/metricsendpoint.h"

#include "app/server/healthcheck.h"
#include "app/server/syncserver.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHttpServer>
#include <QHttpServerResponse>
#include <QTcpServer>

namespace gridhall {

namespace {
constexpr int kHealthProbeTimeoutMs = 1000;

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
    const quint16 bound = m_http->listen(address, port);
    if (bound == 0) {
        const QList<QTcpServer*> servers = m_http->servers();
        *error = servers.isEmpty() ? QCoreApplication::translate("MetricsEndpoint", "cannot listen") : servers.constLast()->errorString();
    }
    return bound;
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
