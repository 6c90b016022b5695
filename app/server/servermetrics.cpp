#include "app/server/servermetrics.h"

#include <algorithm>
#include <cmath>

namespace gridhall {

const char* ServerMetrics::resultName(int r)
{
    static const char* const names[] = { "applied", "conflict", "refused", "replayed" };
    return names[r];
}

void ServerMetrics::actionAnswered(const QJsonObject& answer, qint64 nanos)
{
    const QString status = answer.value(QLatin1String("status")).toString();
    Result r = Refused;
    if (answer.value(QLatin1String("replayed")).toBool())
        r = Replayed;
    else if (status == QLatin1String("applied"))
        r = Applied;
    else if (status == QLatin1String("conflict"))
        r = Conflict;
    actionAnswered(r, nanos);
}

void ServerMetrics::actionAnswered(Result result, qint64 nanos)
{
    ++m_actions[result];
    m_actionNanosSum += quint64(std::max<qint64>(nanos, 0));
    m_latency[m_latencyNext++ % kLatencyWindow] = float(double(nanos) / 1e9);
}

quint64 ServerMetrics::actionCount() const
{
    quint64 n = 0;
    for (const quint64 c : m_actions)
        n += c;
    return n;
}

QList<QPair<double, double>> ServerMetrics::actionLatencyQuantiles(const QList<double>& qs) const
{
    QList<QPair<double, double>> out;
    const int n = int(std::min<quint64>(m_latencyNext, kLatencyWindow));
    if (n == 0)
        return out;
    // Sorted at scrape time (every few seconds), not per action.
    std::vector<float> sorted(m_latency.begin(), m_latency.begin() + n);
    std::sort(sorted.begin(), sorted.end());
    for (const double q : qs) {
        const int at = std::clamp(int(std::ceil(q * n)) - 1, 0, n - 1);
        out.append({ q, double(sorted[size_t(at)]) });
    }
    return out;
}

void ServerMetrics::snapshotFinished(qint64 nanos)
{
    const double secs = double(nanos) / 1e9;
    for (size_t i = 0; i < kSnapshotBuckets.size(); ++i)
        if (secs <= kSnapshotBuckets[i])
            ++m_snapshotBuckets[i];
    ++m_snapshots;
    m_snapshotNanosSum += quint64(std::max<qint64>(nanos, 0));
}

} // namespace gridhall
