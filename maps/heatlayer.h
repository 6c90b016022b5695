#pragma once
// The dispute heatmap as a map layer. The density grid (HeatmapGrid, see heatmap.h)
// covers a fixed extent in Web Mercator metres and is updated incrementally as disputes
// come and go; renderers share the grid read-only and the layer copies it before
// changing it only while a renderer still holds it (copy on write), so the GUI thread
// never waits for a render and never pays for a copy in the common case.

#include "maps/heatmap.h"
#include "maps/layer.h"

namespace gridhall {

struct HeatSample {
    LonLat pos;
    float weight = 1;
};

class HeatLayer : public MapLayer {
    Q_OBJECT
public:
    // Largest grid side in pixels; a coarser pixel is used for bigger extents.
    static constexpr int kMaxGridSide = 4096;

    explicit HeatLayer(QObject* parent = nullptr);
    ~HeatLayer() override;

    // Sets the area the heatmap covers, its ground pixel size and kernel radius (metres).
    // Clears the samples.
    void setExtent(const GeoBox& box, double groundPixelMetres = 10, double groundRadiusMetres = 300);
    bool hasExtent() const { return m_grid != nullptr; }
    const HeatmapGridSpec* gridSpec() const { return m_grid ? &m_grid->spec() : nullptr; }
    // Replaces all samples (binned in one batch).
    void setSamples(const QList<HeatSample>& samples);
    // setExtent and setSamples in one, on any thread (17,000 disputes took the GUI thread
    // 20-40 ms at start); setGrid swaps the result in. The layer copies a grid that is
    // still shared before its first incremental change.
    static std::shared_ptr<HeatmapGrid> prepareGrid(const GeoBox& box, const QList<HeatSample>& samples,
        double groundPixelMetres = 10, double groundRadiusMetres = 300);
    void setGrid(std::shared_ptr<HeatmapGrid> grid);
    // Incremental; false when the sample lies too far outside the extent to count.
    bool addSample(const HeatSample& sample);
    bool removeSample(const HeatSample& sample);
    // The current densities, shared read-only (later changes copy first); for export.
    std::shared_ptr<const HeatmapGrid> grid() const { return m_grid; }
    // Density at a point (grid pixel containing it), 0 outside.
    float densityAt(LonLat p) const;
    // Colour scale maximum; 0 scales every frame to the current maximum.
    void setScaleMax(float scaleMax);

    std::unique_ptr<LayerRenderer> createRenderer(const Viewport& viewport) const override;

    // Web Mercator metres (EPSG:3857) of a lon/lat.
    static QPointF projectedMetres(LonLat p);

private:
    HeatmapGrid& writableGrid();

    std::shared_ptr<HeatmapGrid> m_grid;
    HeatmapOptions m_options;
    float m_scaleMax = 0;
};

} // namespace gridhall
