#include "maps/playback.h"

#include <QSet>

#include <algorithm>
#include <cmath>

namespace gridhall {

namespace {
bool validFix(const TrackFix& f)
{
    return std::isfinite(f.pos.lon) && std::isfinite(f.pos.lat) && std::abs(f.pos.lon) <= 180
        && std::abs(f.pos.lat) <= 90;
}

LonLat lerp(LonLat a, LonLat b, double t) { return { a.lon + (b.lon - a.lon) * t, a.lat + (b.lat - a.lat) * t }; }
} // namespace

TrackPlayback::TrackPlayback(QList<TrackFix> fixes)
{
    fixes.removeIf([](const TrackFix& f) { return !validFix(f); });
    std::stable_sort(fixes.begin(), fixes.end(), [](const TrackFix& a, const TrackFix& b) { return a.timeMs < b.timeMs; });
    // Two fixes at the same moment: keep the first, a position can't be in two places.
    auto last = std::unique(fixes.begin(), fixes.end(), [](const TrackFix& a, const TrackFix& b) { return a.timeMs == b.timeMs; });
    fixes.erase(last, fixes.end());
    m_fixes = std::move(fixes);
}

std::optional<LonLat> TrackPlayback::positionAt(qint64 timeMs) const
{
    if (m_fixes.isEmpty() || timeMs < startMs() || timeMs > endMs())
        return std::nullopt;
    auto it = std::lower_bound(m_fixes.cbegin(), m_fixes.cend(), timeMs,
        [](const TrackFix& f, qint64 t) { return f.timeMs < t; });
    if (it->timeMs == timeMs || it == m_fixes.cbegin())
        return it->pos;
    const TrackFix& b = *it;
    const TrackFix& a = *(it - 1);
    return lerp(a.pos, b.pos, double(timeMs - a.timeMs) / double(b.timeMs - a.timeMs));
}

QList<TrackFix> TrackPlayback::fixesBetween(qint64 fromMs, qint64 toMs) const
{
    QList<TrackFix> out;
    for (const TrackFix& f : m_fixes)
        if (f.timeMs >= fromMs && f.timeMs < toMs)
            out.append(f);
    return out;
}

double TrackPlayback::distanceMetres(qint64 fromMs, qint64 toMs) const
{
    if (m_fixes.size() < 2 || toMs <= fromMs)
        return 0;
    const qint64 from = std::max(fromMs, startMs());
    const qint64 to = std::min(toMs, endMs());
    if (to <= from)
        return 0;
    // Walk from the interpolated start through the fixes inside to the interpolated end.
    double total = 0;
    LonLat prev = *positionAt(from);
    for (const TrackFix& f : m_fixes) {
        if (f.timeMs <= from)
            continue;
        if (f.timeMs >= to)
            break;
        total += gridhall::distanceMetres(prev, f.pos);
        prev = f.pos;
    }
    total += gridhall::distanceMetres(prev, *positionAt(to));
    return total;
}

QList<TrackStop> TrackPlayback::stops(qint64 minDurationMs, double radiusMetres) const
{
    QList<TrackStop> out;
    qsizetype i = 0;
    while (i < m_fixes.size()) {
        // Grow a run of fixes that all stay within radius of the run's first fix.
        const LonLat anchor = m_fixes[i].pos;
        qsizetype j = i + 1;
        double sumLon = anchor.lon, sumLat = anchor.lat;
        while (j < m_fixes.size() && gridhall::distanceMetres(anchor, m_fixes[j].pos) <= radiusMetres) {
            sumLon += m_fixes[j].pos.lon;
            sumLat += m_fixes[j].pos.lat;
            ++j;
        }
        const qint64 duration = m_fixes[j - 1].timeMs - m_fixes[i].timeMs;
        if (j - i >= 2 && duration >= minDurationMs) {
            const double n = double(j - i);
            out.append({ { sumLon / n, sumLat / n }, m_fixes[i].timeMs, m_fixes[j - 1].timeMs });
            i = j;
        } else {
            ++i;
        }
    }
    return out;
}

QStringList TrackPlayback::gridsCovered(const std::function<QString(LonLat)>& gridAt, double sampleMetres) const
{
    QStringList out;
    QSet<QString> seen;
    auto visit = [&](LonLat p) {
        const QString code = gridAt(p);
        if (!code.isEmpty() && !seen.contains(code)) {
            seen.insert(code);
            out.append(code);
        }
    };
    sampleMetres = std::max(sampleMetres, 0.5);
    for (qsizetype i = 0; i < m_fixes.size(); ++i) {
        if (i > 0) {
            const LonLat a = m_fixes[i - 1].pos, b = m_fixes[i].pos;
            const int steps = int(gridhall::distanceMetres(a, b) / sampleMetres);
            for (int s = 1; s <= steps; ++s)
                visit(lerp(a, b, double(s) / (steps + 1)));
        }
        visit(m_fixes[i].pos);
    }
    return out;
}

} // namespace gridhall
