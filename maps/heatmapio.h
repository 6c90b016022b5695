#pragma once
// Heatmap input and output through GDAL/OGR: points from a CSV of lon,lat[,weight] or any
// OGR point layer in any CRS, densities to a Float32 GeoTIFF. Used by `gridhall heatmap`
// and the heatmap benchmark.

#include "maps/heatmap.h"

#include <QString>

#include <vector>

namespace gridhall {

struct HeatPointSet {
    std::vector<HeatPoint> points; // in the projected CRS below
    QString crsWkt; // the input's projected CRS, or Web Mercator for lon/lat input
    bool fromGeographic = false; // true when lon/lat input was projected to EPSG:3857
    qint64 skippedEmpty = 0; // features without a geometry
    // Extent of the points (valid only when there are points).
    double minX = 0;
    double minY = 0;
    double maxX = 0;
    double maxY = 0;
};

// Reads points. A .csv file is lon,lat[,weight] in WGS84/CGCS2000 with an optional header
// line (then weightField names the weight column); anything else is opened with OGR and its
// first layer must hold points or multipoints. On failure returns false and sets *error to
// a message naming the file and, for bad data, the line or feature.
bool loadHeatPoints(const QString& path, const QString& weightField, HeatPointSet* out, QString* error);

// QGIS's grid for a points' extent: padded by the radius on every side, origin at the
// padded north-west corner, ceil(size / pixel) + 1 pixels each way. Sizes are returned as
// doubles in *columns / *rows so callers can refuse huge rasters before allocating.
HeatmapGridSpec heatmapGridAroundPoints(const HeatPointSet& points, double radius, double pixelSize,
    double* columns, double* rows);
// A grid covering exactly [minX, maxX] x [minY, maxY] (rounded up to whole pixels).
HeatmapGridSpec heatmapGridForExtent(double minX, double minY, double maxX, double maxY, double pixelSize,
    double* columns, double* rows);

// The WKT of Web Mercator (EPSG:3857), the CRS of HeatLayer's grid and of lon/lat input.
QString webMercatorWkt();

// Writes the densities as a one-band Float32 GeoTIFF. Writes to a temporary file next to
// the target and renames it into place, so a failure never leaves a half-written raster.
bool writeHeatmapGeoTiff(const HeatmapGrid& grid, const QString& crsWkt, const QString& path, QString* error);

} // namespace gridhall
