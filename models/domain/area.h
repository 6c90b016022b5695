#pragma once
// The administrative grid: district → street → community → grid cell.
// Codes follow CJ/T 213's hierarchical pattern: district 6 digits, then street +3,
// community +3, grid +3 (e.g. 440106 001 002 015).

#include "models/domain/geo.h"

#include <QString>

namespace gridhall {

enum class AreaLevel { District, Street, Community, Grid };

namespace areacode {
constexpr int kDistrictDigits = 6;
constexpr int kStreetDigits = 9;
constexpr int kCommunityDigits = 12;
constexpr int kGridDigits = 15;

// The level a well-formed code denotes, or false when it is not a code.
bool levelOf(const QString& code, AreaLevel* level);
// The code of the enclosing area ("" for a district).
QString parentOf(const QString& code);
bool isWithin(const QString& code, const QString& ancestor);
} // namespace areacode

struct District {
    QString code;
    QString name;
    MultiPolygon boundary;
};

struct Street {
    QString code;
    QString name;
    QString districtCode;
    MultiPolygon boundary;
};

struct Community {
    QString code;
    QString name;
    QString streetCode;
    MultiPolygon boundary;
};

struct GridCell {
    QString code;
    QString name;
    QString communityCode;
    QString streetCode;
    MultiPolygon boundary;
    LonLat centroid;
};

// Lines of the vector basemap: roads and rivers from the city's GIS data.
enum class BasemapKind { MajorRoad, MinorRoad, River, Water };
struct BasemapFeature {
    qint64 id = 0;
    BasemapKind kind = BasemapKind::MinorRoad;
    QString name;
    LineString line; // for roads and rivers
    MultiPolygon area; // for water bodies
};

QString basemapKindKey(BasemapKind kind);
bool basemapKindFromKey(const QString& key, BasemapKind* kind);

} // namespace gridhall
