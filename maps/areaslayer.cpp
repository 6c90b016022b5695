#include "maps/areaslayer.h"

#include "maps/geometry.h"

#include <QPainter>

#include <algorithm>
#include <cmath>

namespace gridhall {

struct AreasLayer::Data {
    struct Area {
        QString code;
        QString name;
        ProjectedShape shape;
        LonLat labelAt;
    };
    std::vector<Area> streets, communities, grids;
    QList<GridCell> gridCells; // lon/lat geometry for exact hit tests
    QHash<QString, int> gridIndex;
    // Hit-test buckets over the grids' lon/lat bounds.
    GeoBox bounds;
    int bucketCols = 0, bucketRows = 0;
    std::vector<std::vector<int>> buckets;

    int bucketOf(double lon, double lat, int* col, int* row) const
    {
        *col = std::clamp(int((lon - bounds.west) / (bounds.east - bounds.west) * bucketCols), 0, bucketCols - 1);
        *row = std::clamp(int((lat - bounds.south) / (bounds.north - bounds.south) * bucketRows), 0, bucketRows - 1);
        return *row * bucketCols + *col;
    }
};

namespace {

constexpr double kGridOutlineZoom = 14.0;
constexpr double kCommunityOutlineZoom = 12.5;

QRgb rampColour(int value, std::initializer_list<std::pair<int, QRgb>> steps)
{
    QRgb out = 0;
    for (const auto& [threshold, colour] : steps)
        if (value >= threshold)
            out = colour;
    return out;
}

QRgb fillFor(const GridStats& s, AreaColourMode mode)
{
    switch (mode) {
    case AreaColourMode::None:
        return 0;
    case AreaColourMode::OpenCases:
        return rampColour(s.openCases,
            { { 1, qRgb(0x2e, 0x75, 0xb6) }, { 3, qRgb(0x4f, 0xa8, 0x8c) }, { 6, qRgb(0xe8, 0xb0, 0x30) },
                { 11, qRgb(0xe9, 0x71, 0x32) }, { 21, qRgb(0xc0, 0x10, 0x10) } });
    case AreaColourMode::DisputeLevel:
        switch (s.highestDispute) {
        case DisputeLevel::None:
            return 0;
        case DisputeLevel::Yellow:
            return qRgb(0xf2, 0xc2, 0x00);
        case DisputeLevel::Orange:
            return qRgb(0xff, 0x7a, 0x00);
        case DisputeLevel::Red:
            return qRgb(0xe0, 0x20, 0x1b);
        }
        return 0;
    case AreaColourMode::OverdueCases:
        return rampColour(s.overdueCases,
            { { 1, qRgb(0xb0, 0x60, 0x60) }, { 3, qRgb(0xc8, 0x30, 0x30) }, { 6, qRgb(0xe8, 0x10, 0x10) } });
    }
    return 0;
}

class AreasRenderer : public LayerRenderer {
public:
    AreasRenderer(std::shared_ptr<const AreasLayer::Data> data,
        std::shared_ptr<const std::vector<QRgb>> fills, MapPalette palette, const Viewport& viewport)
        : m_data(std::move(data))
        , m_fills(std::move(fills))
        , m_palette(palette)
        , m_viewport(viewport)
    {
    }

    void render(QPainter& painter, const std::atomic_bool& cancel) override
    {
        const PixelProjector project(m_viewport);
        const QRectF clip = QRectF(QPointF(0, 0), QSizeF(m_viewport.size())).adjusted(-4, -4, 4, 4);
        const double zoom = m_viewport.zoom();
        const bool gridOutlines = zoom >= kGridOutlineZoom;
        QPen gridPen(m_palette.gridOutline, 1.0);
        gridPen.setCosmetic(true);
        const std::vector<QRgb>& fills = *m_fills;
        // Cells tile the plane: antialiased fills would only show seams along shared
        // edges, and 1-px outlines need no antialiasing. Without it 10k cells cost a few
        // tens of milliseconds instead of hundreds.
        painter.setRenderHint(QPainter::Antialiasing, false);
        QRgb currentFill = 1; // no colour is 1 (alpha 0 with blue 1): forces the first set
        for (std::size_t i = 0; i < m_data->grids.size(); ++i) {
            if (i % 256 == 0 && cancel.load())
                return;
            const auto& g = m_data->grids[i];
            const QRectF box = toPixels(g.shape.bounds, project);
            if (!boxesOverlap(box, clip))
                continue;
            const QRgb fill = fills[i];
            if (!fill && !gridOutlines)
                continue;
            const bool tiny = box.width() < 4 && box.height() < 4;
            painter.setPen(gridOutlines && !tiny ? gridPen : QPen(Qt::NoPen));
            if (fill != currentFill) {
                painter.setBrush(fill ? QBrush(QColor::fromRgb(fill)) : QBrush(Qt::NoBrush));
                currentFill = fill;
            }
            drawShape(painter, g.shape, project);
        }
        painter.setRenderHint(QPainter::Antialiasing, true);
        painter.setBrush(Qt::NoBrush);
        if (zoom >= kCommunityOutlineZoom)
            drawOutlines(painter, m_data->communities, m_palette.communityOutline, 1.5, project, clip, cancel);
        drawOutlines(painter, m_data->streets, m_palette.streetOutline, zoom >= 13 ? 2.5 : 1.5, project, clip, cancel);
    }

private:
    void drawShape(QPainter& painter, const ProjectedShape& shape, const PixelProjector& project)
    {
        if (shape.hasHoles()) {
            painter.drawPath(pixelPath(shape, project));
            return;
        }
        for (const QPolygonF& outer : shape.outers) {
            toPixels(outer, project, m_buffer);
            painter.drawPolygon(m_buffer);
        }
    }

    void drawOutlines(QPainter& painter, const std::vector<AreasLayer::Data::Area>& areas,
        const QColor& colour, double width, const PixelProjector& project, const QRectF& clip,
        const std::atomic_bool& cancel)
    {
        QPen pen(colour, width, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
        pen.setCosmetic(true);
        painter.setPen(pen);
        for (const auto& a : areas) {
            if (cancel.load())
                return;
            if (boxesOverlap(toPixels(a.shape.bounds, project), clip))
                drawShape(painter, a.shape, project);
        }
    }

    std::shared_ptr<const AreasLayer::Data> m_data;
    std::shared_ptr<const std::vector<QRgb>> m_fills;
    MapPalette m_palette;
    Viewport m_viewport;
    QPolygonF m_buffer;
};

} // namespace

AreasLayer::AreasLayer(QObject* parent)
    : MapLayer(RenderStage::Areas, parent)
    , m_data(std::make_shared<Data>())
    , m_fills(std::make_shared<std::vector<QRgb>>())
{
    setOpacity(0.6);
}

AreasLayer::~AreasLayer() = default;

AreasLayer::Shapes AreasLayer::prepareShapes(const QList<Street>& streets, const QList<Community>& communities,
    const QList<GridCell>& grids)
{
    auto data = std::make_shared<Data>();
    for (const Street& s : streets)
        data->streets.push_back({ s.code, s.name, projectShape(s.boundary), s.boundary.centroid() });
    for (const Community& c : communities)
        data->communities.push_back({ c.code, c.name, projectShape(c.boundary), c.boundary.centroid() });
    data->gridCells = grids;
    for (const GridCell& g : grids) {
        const bool hasCentroid = g.centroid.lon != 0 || g.centroid.lat != 0;
        data->gridIndex.insert(g.code, int(data->grids.size()));
        data->grids.push_back({ g.code, g.name, projectShape(g.boundary),
            hasCentroid ? g.centroid : g.boundary.centroid() });
        data->bounds.include(g.boundary.bounds());
    }
    if (data->bounds.valid && !grids.isEmpty()) {
        // About four cells per bucket.
        const int side = std::clamp(int(std::sqrt(double(grids.size()) / 4)), 1, 512);
        data->bucketCols = data->bucketRows = side;
        if (data->bounds.east <= data->bounds.west)
            data->bounds.east = data->bounds.west + 1e-9;
        if (data->bounds.north <= data->bounds.south)
            data->bounds.north = data->bounds.south + 1e-9;
        data->buckets.resize(std::size_t(side * side));
        for (qsizetype i = 0; i < grids.size(); ++i) {
            const GeoBox b = grids[i].boundary.bounds();
            if (!b.valid)
                continue;
            int c0, r0, c1, r1;
            data->bucketOf(b.west, b.south, &c0, &r0);
            data->bucketOf(b.east, b.north, &c1, &r1);
            for (int r = r0; r <= r1; ++r)
                for (int c = c0; c <= c1; ++c)
                    data->buckets[std::size_t(r * side + c)].push_back(int(i));
        }
    }
    return data;
}

void AreasLayer::setAreas(const QList<Street>& streets, const QList<Community>& communities,
    const QList<GridCell>& grids)
{
    setShapes(prepareShapes(streets, communities, grids));
}

void AreasLayer::setShapes(Shapes shapes)
{
    if (!shapes)
        shapes = std::make_shared<const Data>();
    m_data = std::move(shapes);
    rebuildFills();
    requestRepaint();
}

qsizetype AreasLayer::gridCount() const { return qsizetype(m_data->grids.size()); }

void AreasLayer::setGridStats(const QHash<QString, GridStats>& stats)
{
    m_stats = stats;
    rebuildFills();
    requestRepaint();
}

void AreasLayer::setGridStats(const QString& gridCode, const GridStats& stats)
{
    if (m_stats.value(gridCode) == stats && m_stats.contains(gridCode))
        return;
    m_stats.insert(gridCode, stats);
    // One cell's fill, not a pass over every cell: live deltas call this per grid.
    const int i = m_data->gridIndex.value(gridCode, -1);
    if (i < 0)
        return;
    const QRgb fill = fillFor(stats, m_mode);
    if ((*m_fills)[std::size_t(i)] == fill)
        return; // the colour class did not move: nothing to draw again
    // Renderers in flight hold the old fills: change a copy.
    auto fills = std::make_shared<std::vector<QRgb>>(*m_fills);
    (*fills)[std::size_t(i)] = fill;
    m_fills = std::move(fills);
    requestRepaint();
}

void AreasLayer::setColourMode(AreaColourMode mode)
{
    if (mode == m_mode)
        return;
    m_mode = mode;
    rebuildFills();
    requestRepaint();
}

void AreasLayer::setTheme(MapTheme theme)
{
    if (theme == m_theme)
        return;
    m_theme = theme;
    requestRepaint();
}

void AreasLayer::rebuildFills()
{
    auto fills = std::make_shared<std::vector<QRgb>>(m_data->grids.size(), 0);
    for (std::size_t i = 0; i < m_data->grids.size(); ++i) {
        auto it = m_stats.constFind(m_data->grids[i].code);
        if (it != m_stats.constEnd())
            (*fills)[i] = fillFor(*it, m_mode);
    }
    m_fills = std::move(fills);
}

QColor AreasLayer::fillColour(const QString& gridCode) const
{
    const int i = m_data->gridIndex.value(gridCode, -1);
    if (i < 0 || !(*m_fills)[std::size_t(i)])
        return {};
    return QColor::fromRgb((*m_fills)[std::size_t(i)]);
}

QString AreasLayer::gridAt(LonLat p) const
{
    const Data& d = *m_data;
    if (d.buckets.empty() || !d.bounds.contains(p))
        return {};
    int c, r;
    for (int i : d.buckets[std::size_t(d.bucketOf(p.lon, p.lat, &c, &r))])
        if (d.gridCells[i].boundary.contains(p))
            return d.gridCells[i].code;
    return {};
}

MultiPolygon AreasLayer::gridBoundary(const QString& code) const
{
    const int i = m_data->gridIndex.value(code, -1);
    return i < 0 ? MultiPolygon {} : m_data->gridCells[i].boundary;
}

QString AreasLayer::gridName(const QString& code) const
{
    const int i = m_data->gridIndex.value(code, -1);
    return i < 0 ? QString() : m_data->gridCells[i].name;
}

QList<MapLabel> AreasLayer::labels() const
{
    return labelsOf(*m_data);
}

QList<MapLabel> AreasLayer::labelsOf(const Data& shapes)
{
    QList<MapLabel> out;
    out.reserve(qsizetype(shapes.streets.size() + shapes.communities.size() + shapes.grids.size()));
    for (const auto& s : shapes.streets)
        out.append({ s.labelAt, s.name, 3, 0, 15.0 });
    for (const auto& c : shapes.communities)
        out.append({ c.labelAt, c.name, 2, 13.5, 17.0 });
    for (const auto& g : shapes.grids)
        out.append({ g.labelAt, g.name.isEmpty() ? g.code.right(3) : g.name, 1, 16.0, 99 });
    return out;
}

std::unique_ptr<LayerRenderer> AreasLayer::createRenderer(const Viewport& viewport) const
{
    return std::make_unique<AreasRenderer>(m_data, m_fills, paletteFor(m_theme), viewport);
}

} // namespace gridhall
