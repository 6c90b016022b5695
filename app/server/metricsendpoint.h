#pragma once
// GET /healthz and GET /metrics (Prometheus text format 0.0.4) on an address of their own
// (serve --metrics ADDR:PORT), over plain HTTP: what monitoring reads, apart from the sync
// port. Metric names: docs/OPERATIONS.md § Metrics.

#include <QHostAddress>
#include <QObject>
#include <memory>

class QHttpServer;

namespace gridhall {

class ServerStorage;
class SyncServer;

class MetricsEndpoint : public QObject {
    Q_OBJECT
public:
    // db: the --db value, probed by /healthz on a connection of its own.
    MetricsEndpoint(const SyncServer& server, const ServerStorage& storage, const QString& db, QObject* parent = nullptr);
    ~MetricsEndpoint() override;
    // The port it listens on, 0 on failure (*error says why).
    quint16 listen(const QHostAddress& address, quint16 port, QString* error);
    // Descriptors it holds at most: its listener and 8 request connections at once
    // (monitoring polls one at a time; more are closed as soon as they are accepted, and
    // one idle for 10 s is closed); the sync server keeps them out of its connection cap.
    static constexpr int kDescriptors = 9;
    // The text of GET /metrics.
    QByteArray prometheusText() const;

private:
    const SyncServer& m_server;
    const ServerStorage& m_storage;
    QString m_db;
    std::unique_ptr<QHttpServer> m_http;
    qint64 m_startedMs = 0;
};

} // namespace gridhall
