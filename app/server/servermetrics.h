#pragma once
// What the sync server counts for GET /metrics (docs/OPERATIONS.md § Metrics). Everything
// is touched on the server's thread only, as the HTTP endpoint is: plain integers, no
// locks, a few nanoseconds per action or position message.

#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QtGlobal>
#include <array>

namespace gridhall {

class ServerMetrics {
public:
    // The outcomes an action answer can have, as the label result="…".
    enum Result { Applied, Conflict, Refused, Replayed, ResultCount };
    static const char* resultName(int r);
    // Snapshot duration buckets in seconds (upper bounds; +Inf is the count).
    static constexpr std::array<double, 11> kSnapshotBuckets { 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120 };
    // Latencies kept for the quantiles: the most recent this many actions.
    static constexpr int kLatencyWindow = 4096;

    // An action_result as sent (its status, and whether it was a replayed answer).
    void actionAnswered(const QJsonObject& answer, qint64 nanos);
    void actionAnswered(Result result, qint64 nanos);
    void positionFixes(int n) { m_fixes += quint64(n); }
    void snapshotFinished(qint64 nanos);

    quint64 actions(int result) const { return m_actions[result]; }
    quint64 positionFixes() const { return m_fixes; }
    double actionSecondsSum() const { return double(m_actionNanosSum) / 1e9; }
    quint64 actionCount() const;
    // Quantiles (0..1) of the recent latencies in seconds; empty before the first action.
    QList<QPair<double, double>> actionLatencyQuantiles(const QList<double>& qs) const;
    const std::array<quint64, kSnapshotBuckets.size()>& snapshotBuckets() const { return m_snapshotBuckets; }
    quint64 snapshotCount() const { return m_snapshots; }
    double snapshotSecondsSum() const { return double(m_snapshotNanosSum) / 1e9; }

private:
    std::array<quint64, ResultCount> m_actions {};
    quint64 m_actionNanosSum = 0;
    std::array<float, kLatencyWindow> m_latency {}; // seconds, a ring
    quint64 m_latencyNext = 0;
    quint64 m_fixes = 0;
    std::array<quint64, kSnapshotBuckets.size()> m_snapshotBuckets {}; // cumulative, as Prometheus counts
    quint64 m_snapshots = 0;
    quint64 m_snapshotNanosSum = 0;
};

} // namespace gridhall
