#include "maps/heatlayer.h"

#include <QPainter>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <vector>

namespace gridhall {

namespace {

class HeatRenderer : public LayerRenderer {
public:
    HeatRenderer(std::shared_ptr<const HeatmapGrid> grid, float scaleMax, const Viewport& viewport)
        : m_grid(std::move(grid))
        , m_scaleMax(scaleMax)
        , m_viewport(viewport)
    {
    }

    void render(QPainter& painter, const std::atomic_bool& cancel) override
    {
        if (!m_grid || cancel.load())
            return;
        const HeatmapGridSpec& spec = m_grid->spec();
        constexpr double c = mercator::kEarthCircumferenceMetres;
        const PixelProjector project(m_viewport);
        const qreal dpr = m_viewport.devicePixelRatio();
        // Grid geometry in device pixels of the output image.
        const QPointF topLeft = project(spec.originX / c + 0.5, 0.5 - spec.originY / c) * dpr;
        const double side = spec.pixelSize / c * project.scale * dpr;
        const QSize out = m_viewport.deviceSize();
        const int x0 = std::max(0, int(std::floor(topLeft.x())));
        const int y0 = std::max(0, int(std::floor(topLeft.y())));
        const int x1 = std::min(out.width(), int(std::ceil(topLeft.x() + spec.width * side)));
        const int y1 = std::min(out.height(), int(std::ceil(topLeft.y() + spec.height * side)));
        if (x0 >= x1 || y0 >= y1)
            return;
        const float scale = m_scaleMax > 0 ? m_scaleMax : m_grid->maxValue();
        if (!(scale > 0))
            return;
        const float toIndex = 255.f / scale;
        const HeatmapColorRamp ramp;
        // Sample the density grid straight into view pixels, bilinearly between grid pixel
        // centres, and colour through the ramp's table: one pass over the visible pixels,
        // no intermediate image and no scaled blit.
        struct Tap {
            int a, b;
            float t;
        };
        auto taps = [side](int from, int to, double origin, int n) {
            std::vector<Tap> v(std::size_t(to - from));
            for (int i = from; i < to; ++i) {
                const double g = (i + 0.5 - origin) / side - 0.5;
                const int a = std::clamp(int(std::floor(g)), 0, n - 1);
                const int b = std::min(a + 1, n - 1);
                v[std::size_t(i - from)] = { a, b, float(std::clamp(g - a, 0.0, 1.0)) };
            }
            return v;
        };
        const std::vector<Tap> cols = taps(x0, x1, topLeft.x(), spec.width);
        const std::vector<Tap> rows = taps(y0, y1, topLeft.y(), spec.height);
        QImage image(x1 - x0, y1 - y0, QImage::Format_ARGB32_Premultiplied);
        if (image.isNull())
            return;
        const std::vector<float>& d = m_grid->densities();
        const std::size_t w = std::size_t(spec.width);
        for (int y = y0; y < y1; ++y) {
            if ((y & 63) == 0 && cancel.load())
                return;
            const Tap& r = rows[std::size_t(y - y0)];
            const float* ra = d.data() + std::size_t(r.a) * w;
            const float* rb = d.data() + std::size_t(r.b) * w;
            auto* dst = reinterpret_cast<QRgb*>(image.scanLine(y - y0));
            for (std::size_t i = 0; i < cols.size(); ++i) {
                const Tap& t = cols[i];
                const float top = ra[t.a] + (ra[t.b] - ra[t.a]) * t.t;
                const float bottom = rb[t.a] + (rb[t.b] - rb[t.a]) * t.t;
                const float v = (top + (bottom - top) * r.t) * toIndex;
                dst[i] = v > 1e-6f ? ramp.at(std::min(255, std::max(1, int(v + 0.5f)))) : 0;
            }
        }
        image.setDevicePixelRatio(dpr);
        // The layer's image is empty: copy rather than blend.
        painter.setCompositionMode(QPainter::CompositionMode_Source);
        painter.drawImage(QPointF(x0 / dpr, y0 / dpr), image);
        painter.setCompositionMode(QPainter::CompositionMode_SourceOver);
    }

private:
    std::shared_ptr<const HeatmapGrid> m_grid;
    float m_scaleMax;
    Viewport m_viewport;
};

} // namespace

HeatLayer::HeatLayer(QObject* parent)
    : MapLayer(RenderStage::Heat, parent)
{
    setOpacity(0.85);
}

HeatLayer::~HeatLayer() = default;

QPointF HeatLayer::projectedMetres(LonLat p)
{
    const QPointF n = mercator::fromLonLat(p);
    return { (n.x() - 0.5) * mercator::kEarthCircumferenceMetres,
        (0.5 - n.y()) * mercator::kEarthCircumferenceMetres };
}

namespace {
// The grid over box with ground-sized pixels and radius (metres): Mercator stretches ground
// distances by 1/cos(latitude), so both are scaled to keep their ground size in the middle.
std::shared_ptr<HeatmapGrid> gridOver(const GeoBox& box, double groundPixelMetres, double groundRadiusMetres,
    HeatmapOptions options)
{
    if (!box.valid || !(groundPixelMetres > 0) || !(groundRadiusMetres > 0))
        return nullptr;
    const double stretch = 1.0 / std::cos(box.center().lat * std::numbers::pi / 180.0);
    const QPointF nw = HeatLayer::projectedMetres({ box.west, box.north });
    const QPointF se = HeatLayer::projectedMetres({ box.east, box.south });
    double pixel = groundPixelMetres * stretch;
    const double span = std::max(se.x() - nw.x(), nw.y() - se.y());
    pixel = std::max(pixel, span / HeatLayer::kMaxGridSide);
    HeatmapGridSpec spec;
    spec.originX = nw.x();
    spec.originY = nw.y();
    spec.pixelSize = pixel;
    spec.width = std::max(1, int(std::ceil((se.x() - nw.x()) / pixel)));
    spec.height = std::max(1, int(std::ceil((nw.y() - se.y()) / pixel)));
    options.radius = groundRadiusMetres * stretch;
    return std::make_shared<HeatmapGrid>(spec, options);
}

std::vector<HeatPoint> projectedPoints(const QList<HeatSample>& samples)
{
    std::vector<HeatPoint> points;
    points.reserve(std::size_t(samples.size()));
    for (const HeatSample& s : samples) {
        if (!std::isfinite(s.pos.lon) || !std::isfinite(s.pos.lat) || !std::isfinite(s.weight))
            continue;
        const QPointF m = HeatLayer::projectedMetres(s.pos);
        points.push_back({ m.x(), m.y(), s.weight });
    }
    return points;
}
} // namespace

void HeatLayer::setExtent(const GeoBox& box, double groundPixelMetres, double groundRadiusMetres)
{
    m_grid = gridOver(box, groundPixelMetres, groundRadiusMetres, m_options);
    if (m_grid)
        m_options = m_grid->options();
    requestRepaint();
}

std::shared_ptr<HeatmapGrid> HeatLayer::prepareGrid(const GeoBox& box, const QList<HeatSample>& samples,
    double groundPixelMetres, double groundRadiusMetres)
{
    std::shared_ptr<HeatmapGrid> grid = gridOver(box, groundPixelMetres, groundRadiusMetres, HeatmapOptions());
    if (grid)
        grid->addPoints(projectedPoints(samples));
    return grid;
}

void HeatLayer::setGrid(std::shared_ptr<HeatmapGrid> grid)
{
    m_grid = std::move(grid);
    if (m_grid)
        m_options = m_grid->options();
    requestRepaint();
}

HeatmapGrid& HeatLayer::writableGrid()
{
    // A renderer still holds the grid: give it the old one and change a copy. The count
    // only falls concurrently (renderers drop their reference), so a stale count merely
    // costs an unneeded copy.
    if (m_grid.use_count() > 1)
        m_grid = std::make_shared<HeatmapGrid>(*m_grid);
    return *m_grid;
}

void HeatLayer::setSamples(const QList<HeatSample>& samples)
{
    if (!m_grid)
        return;
    // A fresh grid: renderers keep the old one untouched.
    m_grid = std::make_shared<HeatmapGrid>(m_grid->spec(), m_grid->options());
    m_grid->addPoints(projectedPoints(samples));
    requestRepaint();
}

bool HeatLayer::addSample(const HeatSample& s)
{
    if (!m_grid || !std::isfinite(s.pos.lon) || !std::isfinite(s.pos.lat) || !std::isfinite(s.weight))
        return false;
    const QPointF m = projectedMetres(s.pos);
    if (!writableGrid().add(m.x(), m.y(), s.weight))
        return false;
    requestRepaint();
    return true;
}

bool HeatLayer::removeSample(const HeatSample& s)
{
    return addSample({ s.pos, -s.weight });
}

float HeatLayer::densityAt(LonLat p) const
{
    if (!m_grid)
        return 0;
    const HeatmapGridSpec& spec = m_grid->spec();
    const QPointF m = projectedMetres(p);
    const int col = int(std::floor((m.x() - spec.originX) / spec.pixelSize));
    const int row = int(std::floor((spec.originY - m.y()) / spec.pixelSize));
    if (col < 0 || row < 0 || col >= spec.width || row >= spec.height)
        return 0;
    return m_grid->value(col, row);
}

void HeatLayer::setScaleMax(float scaleMax)
{
    m_scaleMax = std::max(0.f, scaleMax);
    requestRepaint();
}

std::unique_ptr<LayerRenderer> HeatLayer::createRenderer(const Viewport& viewport) const
{
    return std::make_unique<HeatRenderer>(m_grid, m_scaleMax, viewport);
}

} // namespace gridhall
