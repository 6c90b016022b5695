#pragma once
// A worker's recent track, thinned as fixes arrive: a new vertex is kept only after a
// move of a few metres *and* a turn; after a move without a turn the last vertex slides
// to the new fix; a fix within a few metres of the trail's end is jitter and ignored.
// Straight walks therefore cost two vertices however long they are, and GPS noise
// while standing still never grows the trail.

#include "models/domain/geo.h"

#include <QList>
#include <QPointF>

namespace gridhall {

struct TrailPoint {
    LonLat pos;
    QPointF mercator; // normalised Web Mercator, precomputed for renderers
    qint64 timeMs = 0; // ms since epoch of the fix that placed (or last moved) the vertex
};

class Trail {
public:
    struct Options {
        double minMoveMetres = 5.0;
        double minTurnDegrees = 20.0;
        qsizetype maxPoints = 4096; // oldest vertices go first beyond this
    };

    Trail() = default;
    explicit Trail(Options options)
        : m_options(options)
    {
    }

    enum class Change { Ignored, Appended, MovedLast };
    // Adds a fix. Fixes older than the newest vertex and non-finite coordinates are ignored.
    Change add(LonLat pos, qint64 timeMs);
    // Drops vertices older than cutoffMs, keeping the newest one so the trail ends at the worker.
    void dropOlderThan(qint64 cutoffMs);
    void clear() { m_points.clear(); }

    const QList<TrailPoint>& points() const { return m_points; }
    qsizetype size() const { return m_points.size(); }
    bool isEmpty() const { return m_points.isEmpty(); }
    const Options& options() const { return m_options; }
    // Length along the vertices in metres.
    double lengthMetres() const;

    // Heading from a to b in degrees clockwise from north, on a local flat approximation.
    static double bearingDegrees(LonLat a, LonLat b);
    // Smallest absolute difference between two headings, 0..180.
    static double turnDegrees(double fromHeading, double toHeading);

private:
    Options m_options;
    QList<TrailPoint> m_points;
};

} // namespace gridhall
