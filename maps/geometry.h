#pragma once
// Domain geometry pre-projected to normalised Web Mercator once, when a layer receives
// it, so renderers only scale and translate vertices.

#include "maps/viewport.h"

#include <QList>
#include <QPainterPath>
#include <QPolygonF>
#include <QRectF>

namespace gridhall {

struct ProjectedShape {
    QList<QPolygonF> outers; // one per part
    QList<QList<QPolygonF>> holes; // per part
    QRectF bounds; // normalised Mercator
    bool hasHoles() const;
    bool isEmpty() const { return outers.isEmpty(); }
};

ProjectedShape projectShape(const MultiPolygon& shape);
QPolygonF projectLine(const LineString& line);
QRectF boundsOf(const QPolygonF& polygon);

// Pixel bounds of a normalised rectangle.
inline QRectF toPixels(const QRectF& r, const PixelProjector& p)
{
    return QRectF(p(r.topLeft()), p(r.bottomRight()));
}
// Closed-interval overlap: unlike QRectF::intersects, a horizontal road (zero-height
// bounds) still counts.
inline bool boxesOverlap(const QRectF& a, const QRectF& b)
{
    return a.left() <= b.right() && b.left() <= a.right() && a.top() <= b.bottom()
        && b.top() <= a.bottom();
}
// Projects into out (reused between features to avoid allocations).
void toPixels(const QPolygonF& mercator, const PixelProjector& p, QPolygonF& out);
// A path with holes (odd-even fill) for shapes that have them.
QPainterPath pixelPath(const ProjectedShape& shape, const PixelProjector& p);

} // namespace gridhall
