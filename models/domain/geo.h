#pragma once
// Geometry in lon/lat degrees (WGS84 / CGCS2000, treated as equal).
// Plain values so every layer can copy them freely; no GUI types here.

#include <QByteArray>
#include <QList>

namespace gridhall {

struct LonLat {
    double lon = 0;
    double lat = 0;
    friend bool operator==(const LonLat&, const LonLat&) = default;
};

struct GeoBox {
    double west = 0, south = 0, east = 0, north = 0;
    bool valid = false;
    void include(LonLat p);
    void include(const GeoBox& other);
    bool contains(LonLat p) const;
    bool intersects(const GeoBox& other) const;
    LonLat center() const { return { (west + east) / 2, (south + north) / 2 }; }
};

using Ring = QList<LonLat>; // closed implicitly: the last vertex is not repeated

struct Polygon {
    Ring outer;
    QList<Ring> holes;
    friend bool operator==(const Polygon&, const Polygon&) = default;
};

// Several parts, e.g. a grid cell split by a river.
struct MultiPolygon {
    QList<Polygon> parts;
    bool isEmpty() const { return parts.isEmpty(); }
    GeoBox bounds() const;
    bool contains(LonLat p) const;
    // Area-weighted centroid of all parts, good enough for label and marker placement.
    LonLat centroid() const;
    // Planar area in square degrees; for comparisons, not for reporting.
    double areaDeg2() const;
    // Compact little-endian blob for storage; fromBlob returns an empty geometry on bad input.
    QByteArray toBlob() const;
    static MultiPolygon fromBlob(const QByteArray& blob, bool* ok = nullptr);
    friend bool operator==(const MultiPolygon&, const MultiPolygon&) = default;
};

using LineString = QList<LonLat>;

// Great-circle distance in metres.
double distanceMetres(LonLat a, LonLat b);
bool ringContains(const Ring& ring, LonLat p);
double ringSignedAreaDeg2(const Ring& ring);

QByteArray lineToBlob(const LineString& line);
LineString lineFromBlob(const QByteArray& blob, bool* ok = nullptr);

} // namespace gridhall
