#pragma once
// A Web Mercator view of the map: what the canvas shows and what every layer renders for.
// Zoom follows the 256-pixel tile convention (world width = 256 · 2^zoom logical pixels);
// pixel coordinates are logical, origin at the top-left corner of the view. A plain value:
// layers copy it into their renderers.

#include "models/domain/geo.h"

#include <QPointF>
#include <QSize>
#include <QTransform>

#include <cmath>

namespace gridhall {

// Normalised Web Mercator: x and y in [0, 1], y growing southwards.
namespace mercator {
constexpr double kMaxLatitude = 85.05112877980659;
constexpr double kEarthCircumferenceMetres = 40075016.685578488;
QPointF fromLonLat(LonLat p);
LonLat toLonLat(QPointF normalised);
inline double worldSize(double zoom) { return 256.0 * std::exp2(zoom); }
} // namespace mercator

class Viewport {
public:
    static constexpr double kMinZoom = 1.0;
    static constexpr double kMaxZoom = 21.0;

    Viewport() = default;
    Viewport(LonLat center, double zoom, QSize size, qreal devicePixelRatio = 1.0);

    LonLat center() const { return mercator::toLonLat(m_center); }
    QPointF centerNormalised() const { return m_center; }
    double zoom() const { return m_zoom; }
    QSize size() const { return m_size; }
    qreal devicePixelRatio() const { return m_dpr; }
    // Size of the backing image in device pixels.
    QSize deviceSize() const;
    bool isEmpty() const { return m_size.isEmpty(); }

    void setCenter(LonLat center);
    void setCenterNormalised(QPointF normalised);
    void setZoom(double zoom); // clamped to [kMinZoom, kMaxZoom]
    void setSize(QSize size) { m_size = size; }
    void setDevicePixelRatio(qreal dpr) { m_dpr = dpr > 0 ? dpr : 1.0; }

    double worldSize() const { return mercator::worldSize(m_zoom); }
    QPointF toPixel(LonLat p) const;
    QPointF normalisedToPixel(QPointF n) const;
    LonLat toLonLat(QPointF pixel) const;
    QPointF pixelToNormalised(QPointF pixel) const;
    // Ground metres per logical pixel at the centre's latitude.
    double metresPerPixel() const;
    double metresPerPixelAt(double latitude) const;
    GeoBox visibleBox() const;

    // Zoom by factor (2 = one level in) keeping the lon/lat under anchor where it is.
    void zoomAround(QPointF anchor, double factor);
    // Move the content by delta pixels (drag right → content moves right → centre goes west).
    void panBy(QPointF delta);
    // Centre on box and zoom so it fits inside the view with margin pixels on each side.
    void fitBox(const GeoBox& box, double marginPixels = 0);

    // Maps pixel positions of an image rendered for source onto this view; a pure
    // translation when only the centre moved, a scale+translation after a zoom.
    QTransform transformFrom(const Viewport& source) const;
    // Same zoom, size and pixel ratio: an image rendered for the other can be shifted here.
    bool sameScale(const Viewport& other) const;

    friend bool operator==(const Viewport&, const Viewport&) = default;

private:
    QPointF m_center { 0.5, 0.5 };
    double m_zoom = kMinZoom;
    QSize m_size;
    qreal m_dpr = 1.0;
};

// Projects normalised Mercator coordinates to one viewport's pixels: what renderers use
// per vertex (two multiply-adds), so layers keep their geometry pre-projected.
struct PixelProjector {
    double scale = 1, offsetX = 0, offsetY = 0;
    explicit PixelProjector(const Viewport& v)
        : scale(v.worldSize())
        , offsetX(v.centerNormalised().x() * scale - v.size().width() / 2.0)
        , offsetY(v.centerNormalised().y() * scale - v.size().height() / 2.0)
    {
    }
    QPointF operator()(QPointF n) const { return { n.x() * scale - offsetX, n.y() * scale - offsetY }; }
    QPointF operator()(double nx, double ny) const { return { nx * scale - offsetX, ny * scale - offsetY }; }
};

} // namespace gridhall
