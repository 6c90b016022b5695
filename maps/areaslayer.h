#pragma once
// Streets, communities and grid cells: outlines at every level, grid cells filled by a
// per-grid value (open cases, highest open dispute, overdue cases). Fill colours are
// opaque; the layer's opacity (default 0.6) is applied once when its image is blitted.
// Also answers "which grid is at this point" for clicks and drops.

#include "maps/labelslayer.h"
#include "maps/layer.h"
#include "maps/maptheme.h"

#include "models/domain/area.h"
#include "models/domain/casetypes.h"

#include <QHash>

#include <vector>

namespace gridhall {

enum class AreaColourMode { None, OpenCases, DisputeLevel, OverdueCases };

struct GridStats {
    int openCases = 0;
    DisputeLevel highestDispute = DisputeLevel::None;
    int overdueCases = 0;
    friend bool operator==(const GridStats&, const GridStats&) = default;
};

class AreasLayer : public MapLayer {
    Q_OBJECT
public:
    explicit AreasLayer(QObject* parent = nullptr);
    ~AreasLayer() override;

    void setAreas(const QList<Street>& streets, const QList<Community>& communities,
        const QList<GridCell>& grids);
    // What setAreas builds (outlines projected for drawing, the cells' bounds and hit-test
    // buckets), made on any thread: 10,000 cells took the GUI thread 25-35 ms at start.
    // setShapes swaps it in.
    struct Data;
    using Shapes = std::shared_ptr<const Data>;
    static Shapes prepareShapes(const QList<Street>& streets, const QList<Community>& communities,
        const QList<GridCell>& grids);
    void setShapes(Shapes shapes);
    // The labels of labels(), from prepared shapes (any thread).
    static QList<MapLabel> labelsOf(const Data& shapes);
    qsizetype gridCount() const;
    void setGridStats(const QHash<QString, GridStats>& stats);
    void setGridStats(const QString& gridCode, const GridStats& stats);
    GridStats gridStats(const QString& gridCode) const { return m_stats.value(gridCode); }
    AreaColourMode colourMode() const { return m_mode; }
    void setColourMode(AreaColourMode mode);
    MapTheme theme() const { return m_theme; }
    void setTheme(MapTheme theme);

    // The grid cell containing p, or an empty string.
    QString gridAt(LonLat p) const;
    // Boundary and name of a grid cell (empty when unknown).
    MultiPolygon gridBoundary(const QString& code) const;
    QString gridName(const QString& code) const;
    // The opaque fill colour a grid gets in the current mode; invalid when unfilled.
    QColor fillColour(const QString& gridCode) const;
    // Names to place: streets when zoomed out, then communities, then grid cells.
    QList<MapLabel> labels() const;

    std::unique_ptr<LayerRenderer> createRenderer(const Viewport& viewport) const override;

private:
    void rebuildFills();

    std::shared_ptr<const Data> m_data;
    std::shared_ptr<const std::vector<QRgb>> m_fills; // per grid, 0 = not filled
    QHash<QString, GridStats> m_stats;
    AreaColourMode m_mode = AreaColourMode::OpenCases;
    MapTheme m_theme = MapTheme::Wall;
};

} // namespace gridhall
