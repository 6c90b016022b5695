#pragma once
// Writing the administrative grid and the basemap into a GeoPackage (EPSG:4490, CGCS2000
// lon/lat) that QGIS and ogr2ogr open as-is. GDAL/OGR does the writing; one transaction
// per layer keeps thousands of cells fast.

#include "models/domain/area.h"

#include <QHash>
#include <QList>
#include <QString>

namespace gridhall {

// Layer names in the written file.
namespace gislayer {
inline constexpr char kDistricts[] = "districts";
inline constexpr char kStreets[] = "streets";
inline constexpr char kCommunities[] = "communities";
inline constexpr char kGrids[] = "grids";
inline constexpr char kBasemapLines[] = "basemap_lines"; // roads and rivers
inline constexpr char kBasemapWater[] = "basemap_water"; // water bodies
} // namespace gislayer

struct GisExportData {
    QList<District> districts;
    QList<Street> streets;
    QList<Community> communities;
    QList<GridCell> grids;
    QList<BasemapFeature> basemap;
};

struct GisExportResult {
    bool ok = false;
    QString error; // translated, names the file
    QHash<QString, int> featureCounts; // layer name → features written
};

// Whether path is a GeoPackage this writer made (it has the four area layers): such a file
// is an export that may be regenerated without asking.
bool isGridHallGeoPackage(const QString& path);

// Replaces any file at path. Polygon layers carry code, name and parent_code (grids also
// street_code); basemap layers carry kind and name. Empty layers are still created.
GisExportResult writeGeoPackage(const QString& path, const GisExportData& data);

} // namespace gridhall
