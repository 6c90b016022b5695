#include "maps/viewport.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace gridhall {

namespace mercator {
QPointF fromLonLat(LonLat p)
{
    const double lat = std::clamp(p.lat, -kMaxLatitude, kMaxLatitude);
    const double x = (p.lon + 180.0) / 360.0;
    const double phi = lat * std::numbers::pi / 180.0;
    const double y = (1.0 - std::asinh(std::tan(phi)) / std::numbers::pi) / 2.0;
    return { x, y };
}

LonLat toLonLat(QPointF n)
{
    const double lon = n.x() * 360.0 - 180.0;
    const double lat = std::atan(std::sinh(std::numbers::pi * (1.0 - 2.0 * n.y()))) * 180.0
        / std::numbers::pi;
    return { lon, lat };
}
} // namespace mercator

Viewport::Viewport(LonLat center, double zoom, QSize size, qreal devicePixelRatio)
    : m_size(size)
{
    setCenter(center);
    setZoom(zoom);
    setDevicePixelRatio(devicePixelRatio);
}

QSize Viewport::deviceSize() const
{
    return { int(std::ceil(m_size.width() * m_dpr)), int(std::ceil(m_size.height() * m_dpr)) };
}

void Viewport::setCenter(LonLat center) { setCenterNormalised(mercator::fromLonLat(center)); }

void Viewport::setCenterNormalised(QPointF n)
{
    m_center = { std::clamp(n.x(), 0.0, 1.0), std::clamp(n.y(), 0.0, 1.0) };
}

void Viewport::setZoom(double zoom)
{
    if (std::isfinite(zoom))
        m_zoom = std::clamp(zoom, kMinZoom, kMaxZoom);
}

QPointF Viewport::normalisedToPixel(QPointF n) const { return PixelProjector(*this)(n); }

QPointF Viewport::toPixel(LonLat p) const { return normalisedToPixel(mercator::fromLonLat(p)); }

QPointF Viewport::pixelToNormalised(QPointF pixel) const
{
    const double ws = worldSize();
    return { m_center.x() + (pixel.x() - m_size.width() / 2.0) / ws,
        m_center.y() + (pixel.y() - m_size.height() / 2.0) / ws };
}

LonLat Viewport::toLonLat(QPointF pixel) const { return mercator::toLonLat(pixelToNormalised(pixel)); }

double Viewport::metresPerPixelAt(double latitude) const
{
    const double lat = std::clamp(latitude, -mercator::kMaxLatitude, mercator::kMaxLatitude);
    return mercator::kEarthCircumferenceMetres * std::cos(lat * std::numbers::pi / 180.0)
        / worldSize();
}

double Viewport::metresPerPixel() const { return metresPerPixelAt(center().lat); }

GeoBox Viewport::visibleBox() const
{
    GeoBox box;
    box.include(toLonLat(QPointF(0, 0)));
    box.include(toLonLat(QPointF(m_size.width(), m_size.height())));
    return box;
}

void Viewport::zoomAround(QPointF anchor, double factor)
{
    if (!(factor > 0) || !std::isfinite(factor))
        return;
    const QPointF anchored = pixelToNormalised(anchor);
    setZoom(m_zoom + std::log2(factor));
    const double ws = worldSize();
    // Clamping the centre could move the anchor at the world's edge; acceptable there.
    setCenterNormalised({ anchored.x() - (anchor.x() - m_size.width() / 2.0) / ws,
        anchored.y() - (anchor.y() - m_size.height() / 2.0) / ws });
}

void Viewport::panBy(QPointF delta)
{
    const double ws = worldSize();
    setCenterNormalised({ m_center.x() - delta.x() / ws, m_center.y() - delta.y() / ws });
}

void Viewport::fitBox(const GeoBox& box, double margin)
{
    if (!box.valid)
        return;
    const QPointF nw = mercator::fromLonLat({ box.west, box.north });
    const QPointF se = mercator::fromLonLat({ box.east, box.south });
    setCenterNormalised((nw + se) / 2.0);
    const double w = std::max(1.0, m_size.width() - 2 * margin);
    const double h = std::max(1.0, m_size.height() - 2 * margin);
    const double dx = std::max(se.x() - nw.x(), 1e-12);
    const double dy = std::max(se.y() - nw.y(), 1e-12);
    setZoom(std::log2(std::min(w / dx, h / dy) / 256.0));
}

QTransform Viewport::transformFrom(const Viewport& source) const
{
    const double ws1 = worldSize();
    const double k = ws1 / source.worldSize();
    const double tx = (source.m_center.x() - m_center.x()) * ws1 + m_size.width() / 2.0
        - source.m_size.width() / 2.0 * k;
    const double ty = (source.m_center.y() - m_center.y()) * ws1 + m_size.height() / 2.0
        - source.m_size.height() / 2.0 * k;
    return QTransform(k, 0, 0, k, tx, ty);
}

bool Viewport::sameScale(const Viewport& o) const
{
    return m_zoom == o.m_zoom && m_size == o.m_size && m_dpr == o.m_dpr;
}

} // namespace gridhall
