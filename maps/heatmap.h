#pragma once
// Dispute heatmap engine: kernel density over a projected pixel grid.
//
// The grid is plain numbers (origin, pixel size, size) so any layer or tool can wrap it
// without knowing about viewports. Points are binned into pixels (or sub-pixel phases)
// first and a precomputed quartic kernel is stamped once per non-empty bin, which is what
// makes a million points cheap (PERF.md). Single points can be added and removed
// incrementally: the same snapped stamp is added or subtracted, so removal cancels an add.
//
// The kernel follows QGIS's kernel density estimation (qgis:heatmapkerneldensityestimation)
// so rasters can be compared: quartic K(d) = (1 - (d/r)^2)^2 for d <= r ("raw"), or that
// times QGIS's scaling constant ("scaled"); pixel values are sampled at pixel centres.

#include "models/domain/casetypes.h"

#include <QImage>
#include <QRgb>
#include <QString>

#include <array>
#include <span>
#include <vector>

namespace gridhall {

// A north-up raster in a projected CRS: pixel (col, row) covers
// [originX + col*pixelSize, originX + (col+1)*pixelSize) east and
// (originY - (row+1)*pixelSize, originY - row*pixelSize] north.
struct HeatmapGridSpec {
    double originX = 0; // west edge, metres
    double originY = 0; // north edge, metres
    double pixelSize = 10; // metres
    int width = 0;
    int height = 0;

    bool isValid() const;
    double pixelCenterX(int col) const { return originX + (col + 0.5) * pixelSize; }
    double pixelCenterY(int row) const { return originY - (row + 0.5) * pixelSize; }
    // GDAL's affine geotransform for this grid.
    std::array<double, 6> geoTransform() const;
};

enum class HeatmapKernelOutput {
    Raw, // (1 - (d/r)^2)^2, QGIS OUTPUT_VALUE=0
    Scaled, // raw times QGIS's normalising constant for the quartic kernel, OUTPUT_VALUE=1
};

struct HeatmapOptions {
    double radius = 300; // metres
    HeatmapKernelOutput output = HeatmapKernelOutput::Raw;
    // Sub-pixel phases per axis (1..4): points snap to the centre of one of
    // subpixel x subpixel cells inside their pixel. 1 snaps to pixel centres.
    int subpixel = 1;
    int threads = 2; // bands stamped in parallel by batch builds (QtConcurrent)
};

struct HeatPoint {
    double x = 0; // projected metres
    double y = 0;
    float weight = 1;
};

// Weight of an open dispute by its grade: red > orange > yellow. Configurable.
struct DisputeHeatWeights {
    float yellow = 1;
    float orange = 2;
    float red = 4;
    float none = 0; // cases that are not disputes add nothing by default

    float weight(DisputeLevel level) const;
};

// Precomputed quartic stamps, one per sub-pixel phase.
class HeatmapKernel {
public:
    HeatmapKernel() = default;
    HeatmapKernel(double radius, double pixelSize, HeatmapKernelOutput output, int subpixel);

    // The kernel formula itself, for a distance in metres.
    static double value(double distance, double radius, HeatmapKernelOutput output);

    int reach() const { return m_reach; } // stamp spans [-reach, reach] pixels around its bin
    int subpixel() const { return m_subpixel; }
    double radius() const { return m_radius; }

    struct Row {
        int firstCol; // offset from the bin column, >= -reach
        int count; // values in this row (0: the row misses the disc)
        int paddedCount; // count rounded up to whole vectors; the extra values are zeros
        int offset; // into the phase's values
    };
    struct Stamp {
        std::vector<Row> rows; // 2*reach + 1 rows, from -reach down to +reach
        std::vector<float> values;
    };
    const Stamp& stamp(int phase) const { return m_stamps[size_t(phase)]; }

private:
    double m_radius = 0;
    int m_reach = 0;
    int m_subpixel = 1;
    std::vector<Stamp> m_stamps; // phase = phaseRow * subpixel + phaseCol
};

// A float density buffer over a grid. Not thread-safe; batch builds use worker threads
// internally and return when done.
class HeatmapGrid {
public:
    HeatmapGrid(const HeatmapGridSpec& spec, const HeatmapOptions& options);

    const HeatmapGridSpec& spec() const { return m_spec; }
    const HeatmapOptions& options() const { return m_options; }
    const HeatmapKernel& kernel() const { return m_kernel; }

    void clear();
    // Adds many points: bins them, then stamps each non-empty bin once.
    void addPoints(std::span<const HeatPoint> points);
    // Incremental: stamps (or unstamps) one point. Returns false when the point is too far
    // outside the grid to touch any pixel (nothing changed).
    bool add(double x, double y, float weight = 1);
    bool remove(double x, double y, float weight = 1) { return add(x, y, -weight); }

    float value(int col, int row) const { return m_density[size_t(row) * m_stride + size_t(col)]; }
    // Row `row`'s width densities. Rows are stride() floats apart (a few floats of padding
    // let stamps run whole vector widths without clipping).
    const float* rowData(int row) const { return m_density.data() + size_t(row) * m_stride; }
    size_t stride() const { return m_stride; }
    // A compact copy, row after row.
    std::vector<float> densities() const;
    float maxValue() const;

private:
    struct Bin {
        int col; // may lie outside the grid by up to reach
        int row;
        int phase;
    };
    bool binOf(double x, double y, Bin* bin) const;

    HeatmapGridSpec m_spec;
    HeatmapOptions m_options;
    HeatmapKernel m_kernel;
    size_t m_stride = 0;
    std::vector<float> m_density;
};

// 256-entry colour table: transparent at 0, then yellow -> orange -> red with rising alpha.
class HeatmapColorRamp {
public:
    HeatmapColorRamp(); // the dispute ramp
    QRgb at(int index) const { return m_table[size_t(index)]; } // premultiplied ARGB
    void setColor(int index, QRgb premultiplied) { m_table[size_t(index)] = premultiplied; }

private:
    std::array<QRgb, 256> m_table {};
};

// Colours densities into a Format_ARGB32_Premultiplied image. scaleMax <= 0 scales to the
// grid's own maximum; a fixed value keeps colours comparable between frames.
QImage colorizeHeatmap(const HeatmapGrid& grid, const HeatmapColorRamp& ramp, float scaleMax = 0);

} // namespace gridhall
