#include "maps/basemaplayer.h"

#include "maps/geometry.h"

#include <QPainter>

#include <algorithm>

namespace gridhall {

struct BasemapLayer::Data {
    struct Line {
        BasemapKind kind;
        QPolygonF points;
        QRectF bounds;
    };
    struct Area {
        ProjectedShape shape;
    };
    std::vector<Area> water;
    std::vector<Line> rivers, minorRoads, majorRoads;
};

namespace {

class BasemapRenderer : public LayerRenderer {
public:
    BasemapRenderer(std::shared_ptr<const BasemapLayer::Data> data, MapPalette palette,
        const Viewport& viewport)
        : m_data(std::move(data))
        , m_palette(palette)
        , m_viewport(viewport)
    {
    }

    void render(QPainter& painter, const std::atomic_bool& cancel) override
    {
        const QRectF clip(QPointF(0, 0), QSizeF(m_viewport.size()));
        painter.fillRect(clip, m_palette.background);
        const PixelProjector project(m_viewport);
        const double zoom = m_viewport.zoom();
        painter.setRenderHint(QPainter::Antialiasing, true);

        painter.setPen(Qt::NoPen);
        painter.setBrush(m_palette.water);
        for (const auto& area : m_data->water) {
            if (cancel.load())
                return;
            if (!boxesOverlap(toPixels(area.shape.bounds, project), clip))
                continue;
            if (area.shape.hasHoles()) {
                painter.drawPath(pixelPath(area.shape, project));
            } else {
                for (const QPolygonF& outer : area.shape.outers) {
                    toPixels(outer, project, m_buffer);
                    painter.drawPolygon(m_buffer);
                }
            }
        }
        painter.setBrush(Qt::NoBrush);
        // Widths grow with zoom; below ~1.5 px a cosmetic 1-px pen without antialiasing
        // is both faster and crisper.
        const double scale = std::exp2(std::clamp(zoom - 15.0, -3.0, 4.0));
        drawLines(painter, m_data->rivers, m_palette.river, 3.0 * scale, clip, project, cancel);
        drawLines(painter, m_data->minorRoads, m_palette.minorRoad, 1.5 * scale, clip, project, cancel);
        drawLines(painter, m_data->majorRoads, m_palette.majorRoad, 3.5 * scale, clip, project, cancel);
    }

private:
    void drawLines(QPainter& painter, const std::vector<BasemapLayer::Data::Line>& lines,
        const QColor& colour, double width, const QRectF& clip, const PixelProjector& project,
        const std::atomic_bool& cancel)
    {
        const bool hairline = width < 1.5;
        QPen pen(colour, hairline ? 1.0 : width, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
        pen.setCosmetic(true);
        painter.setPen(pen);
        painter.setRenderHint(QPainter::Antialiasing, !hairline);
        const QRectF grown = clip.adjusted(-width, -width, width, width);
        int batch = 0;
        for (const auto& line : lines) {
            if (++batch % 256 == 0 && cancel.load())
                return;
            if (!boxesOverlap(toPixels(line.bounds, project), grown))
                continue;
            toPixels(line.points, project, m_buffer);
            painter.drawPolyline(m_buffer);
        }
    }

    std::shared_ptr<const BasemapLayer::Data> m_data;
    MapPalette m_palette;
    Viewport m_viewport;
    QPolygonF m_buffer;
};

} // namespace

BasemapLayer::BasemapLayer(QObject* parent)
    : MapLayer(RenderStage::Basemap, parent)
    , m_data(std::make_shared<Data>())
{
}

BasemapLayer::~BasemapLayer() = default;

void BasemapLayer::setFeatures(const QList<BasemapFeature>& features)
{
    auto data = std::make_shared<Data>();
    for (const BasemapFeature& f : features) {
        if (f.kind == BasemapKind::Water) {
            ProjectedShape shape = projectShape(f.area);
            if (!shape.isEmpty())
                data->water.push_back({ std::move(shape) });
            continue;
        }
        if (f.line.size() < 2)
            continue;
        Data::Line line { f.kind, projectLine(f.line), {} };
        line.bounds = boundsOf(line.points);
        switch (f.kind) {
        case BasemapKind::River:
            data->rivers.push_back(std::move(line));
            break;
        case BasemapKind::MajorRoad:
            data->majorRoads.push_back(std::move(line));
            break;
        default:
            data->minorRoads.push_back(std::move(line));
            break;
        }
    }
    m_data = std::move(data);
    requestRepaint();
}

qsizetype BasemapLayer::featureCount() const
{
    return qsizetype(m_data->water.size() + m_data->rivers.size() + m_data->minorRoads.size()
        + m_data->majorRoads.size());
}

void BasemapLayer::setTheme(MapTheme theme)
{
    if (theme == m_theme)
        return;
    m_theme = theme;
    requestRepaint();
}

std::unique_ptr<LayerRenderer> BasemapLayer::createRenderer(const Viewport& viewport) const
{
    return std::make_unique<BasemapRenderer>(m_data, paletteFor(m_theme), viewport);
}

} // namespace gridhall
