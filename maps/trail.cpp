#include "maps/trail.h"

#include "maps/viewport.h"

#include <cmath>
#include <numbers>

namespace gridhall {

double Trail::bearingDegrees(LonLat a, LonLat b)
{
    const double k = std::cos((a.lat + b.lat) / 2 * std::numbers::pi / 180.0);
    const double east = (b.lon - a.lon) * k;
    const double north = b.lat - a.lat;
    double deg = std::atan2(east, north) * 180.0 / std::numbers::pi;
    return deg < 0 ? deg + 360.0 : deg;
}

double Trail::turnDegrees(double fromHeading, double toHeading)
{
    const double d = std::fmod(std::fabs(toHeading - fromHeading), 360.0);
    return d > 180.0 ? 360.0 - d : d;
}

Trail::Change Trail::add(LonLat pos, qint64 timeMs)
{
    if (!std::isfinite(pos.lon) || !std::isfinite(pos.lat))
        return Change::Ignored;
    if (!m_points.isEmpty() && timeMs < m_points.constLast().timeMs)
        return Change::Ignored;
    const TrailPoint next { pos, mercator::fromLonLat(pos), timeMs };
    const qsizetype n = m_points.size();
    if (n == 0) {
        m_points.append(next);
        return Change::Appended;
    }
    const LonLat last = m_points[n - 1].pos;
    // Jitter: a fix within a few metres of the trail's end changes nothing. Measuring
    // from the end (not from the previous fix) lets slow walks with frequent fixes add up.
    if (distanceMetres(last, pos) < m_options.minMoveMetres)
        return Change::Ignored;
    if (n == 1) {
        m_points.append(next);
        return Change::Appended;
    }
    const LonLat before = m_points[n - 2].pos;
    const bool turned = turnDegrees(bearingDegrees(before, last), bearingDegrees(last, pos))
        >= m_options.minTurnDegrees;
    if (turned) {
        m_points.append(next);
        if (m_points.size() > m_options.maxPoints)
            m_points.removeFirst();
        return Change::Appended;
    }
    m_points[n - 1] = next;
    return Change::MovedLast;
}

void Trail::dropOlderThan(qint64 cutoffMs)
{
    qsizetype drop = 0;
    while (drop < m_points.size() - 1 && m_points[drop].timeMs < cutoffMs)
        ++drop;
    if (drop > 0)
        m_points.remove(0, drop);
}

double Trail::lengthMetres() const
{
    double total = 0;
    for (qsizetype i = 1; i < m_points.size(); ++i)
        total += distanceMetres(m_points[i - 1].pos, m_points[i].pos);
    return total;
}

} // namespace gridhall
