#pragma once
// Replay of a worker's recorded track (轨迹回放): where the worker was at any moment,
// where they stopped for longer than N minutes, how far they walked and which grid
// cells they passed through (patrol coverage for evaluations).

#include "models/domain/geo.h"

#include <QList>
#include <QStringList>

#include <functional>
#include <optional>

namespace gridhall {

struct TrackFix {
    LonLat pos;
    qint64 timeMs = 0;
};

struct TrackStop {
    LonLat pos; // mean of the fixes in the stop
    qint64 startMs = 0;
    qint64 endMs = 0;
    qint64 durationMs() const { return endMs - startMs; }
};

class TrackPlayback {
public:
    TrackPlayback() = default;
    // Sorts by time; drops non-finite or out-of-range coordinates and duplicate times.
    explicit TrackPlayback(QList<TrackFix> fixes);

    bool isEmpty() const { return m_fixes.isEmpty(); }
    qsizetype size() const { return m_fixes.size(); }
    const QList<TrackFix>& fixes() const { return m_fixes; }
    qint64 startMs() const { return m_fixes.isEmpty() ? 0 : m_fixes.constFirst().timeMs; }
    qint64 endMs() const { return m_fixes.isEmpty() ? 0 : m_fixes.constLast().timeMs; }

    // Linear between the fixes around timeMs; nullopt before the first or after the last.
    std::optional<LonLat> positionAt(qint64 timeMs) const;
    // Fixes with times in [fromMs, toMs), for drawing the trail up to a playback time.
    QList<TrackFix> fixesBetween(qint64 fromMs, qint64 toMs) const;
    // Distance along the track between two times (whole track by default).
    double distanceMetres(qint64 fromMs = std::numeric_limits<qint64>::min(),
        qint64 toMs = std::numeric_limits<qint64>::max()) const;
    // Places where the worker stayed within radius metres for at least minDurationMs.
    QList<TrackStop> stops(qint64 minDurationMs, double radiusMetres = 30) const;
    // Grid cells passed through, in order of first visit. The track is sampled at least
    // every sampleMetres so a quick crossing of a narrow cell still counts.
    QStringList gridsCovered(const std::function<QString(LonLat)>& gridAt, double sampleMetres = 10) const;

private:
    QList<TrackFix> m_fixes;
};

} // namespace gridhall
