#include "maps/geometry.h"

namespace gridhall {

bool ProjectedShape::hasHoles() const
{
    for (const auto& h : holes)
        if (!h.isEmpty())
            return true;
    return false;
}

namespace {
QPolygonF projectRing(const Ring& ring)
{
    QPolygonF out;
    out.reserve(ring.size());
    for (const LonLat& p : ring)
        out.append(mercator::fromLonLat(p));
    return out;
}
} // namespace

QRectF boundsOf(const QPolygonF& polygon)
{
    // QPolygonF::boundingRect() would do, but a zero-width line still needs a real box.
    return polygon.boundingRect();
}

ProjectedShape projectShape(const MultiPolygon& shape)
{
    ProjectedShape out;
    for (const Polygon& part : shape.parts) {
        if (part.outer.size() < 3)
            continue;
        QPolygonF outer = projectRing(part.outer);
        out.bounds = out.bounds.isNull() ? outer.boundingRect() : out.bounds.united(outer.boundingRect());
        out.outers.append(std::move(outer));
        QList<QPolygonF> holes;
        for (const Ring& h : part.holes)
            if (h.size() >= 3)
                holes.append(projectRing(h));
        out.holes.append(std::move(holes));
    }
    return out;
}

QPolygonF projectLine(const LineString& line) { return projectRing(line); }

void toPixels(const QPolygonF& mercator, const PixelProjector& p, QPolygonF& out)
{
    out.resize(mercator.size());
    const QPointF* src = mercator.constData();
    QPointF* dst = out.data();
    for (qsizetype i = 0, n = mercator.size(); i < n; ++i)
        dst[i] = p(src[i]);
}

QPainterPath pixelPath(const ProjectedShape& shape, const PixelProjector& p)
{
    QPainterPath path;
    path.setFillRule(Qt::OddEvenFill);
    QPolygonF buffer;
    for (qsizetype i = 0; i < shape.outers.size(); ++i) {
        toPixels(shape.outers[i], p, buffer);
        path.addPolygon(buffer);
        path.closeSubpath();
        for (const QPolygonF& h : shape.holes[i]) {
            toPixels(h, p, buffer);
            path.addPolygon(buffer);
            path.closeSubpath();
        }
    }
    return path;
}

} // namespace gridhall
