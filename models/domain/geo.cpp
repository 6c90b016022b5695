#include "models/domain/geo.h"

#include <QDataStream>
#include <QIODevice>
#include <QtMath>
#include <cmath>

namespace gridhall {

void GeoBox::include(LonLat p)
{
    if (!valid) {
        west = east = p.lon;
        south = north = p.lat;
        valid = true;
        return;
    }
    west = std::min(west, p.lon);
    east = std::max(east, p.lon);
    south = std::min(south, p.lat);
    north = std::max(north, p.lat);
}

void GeoBox::include(const GeoBox& other)
{
    if (!other.valid)
        return;
    include(LonLat { other.west, other.south });
    include(LonLat { other.east, other.north });
}

bool GeoBox::contains(LonLat p) const
{
    return valid && p.lon >= west && p.lon <= east && p.lat >= south && p.lat <= north;
}

bool GeoBox::intersects(const GeoBox& o) const
{
    return valid && o.valid && west <= o.east && o.west <= east && south <= o.north
        && o.south <= north;
}

bool ringContains(const Ring& ring, LonLat p)
{
    bool inside = false;
    const qsizetype n = ring.size();
    for (qsizetype i = 0, j = n - 1; i < n; j = i++) {
        const LonLat& a = ring[i];
        const LonLat& b = ring[j];
        if ((a.lat > p.lat) != (b.lat > p.lat)
            && p.lon < (b.lon - a.lon) * (p.lat - a.lat) / (b.lat - a.lat) + a.lon)
            inside = !inside;
    }
    return inside;
}

double ringSignedAreaDeg2(const Ring& ring)
{
    double sum = 0;
    const qsizetype n = ring.size();
    for (qsizetype i = 0, j = n - 1; i < n; j = i++)
        sum += (ring[j].lon * ring[i].lat) - (ring[i].lon * ring[j].lat);
    return sum / 2;
}

GeoBox MultiPolygon::bounds() const
{
    GeoBox box;
    for (const Polygon& part : parts)
        for (const LonLat& p : part.outer)
            box.include(p);
    return box;
}

bool MultiPolygon::contains(LonLat p) const
{
    for (const Polygon& part : parts) {
        if (!ringContains(part.outer, p))
            continue;
        bool inHole = false;
        for (const Ring& hole : part.holes)
            inHole = inHole || ringContains(hole, p);
        if (!inHole)
            return true;
    }
    return false;
}

double MultiPolygon::areaDeg2() const
{
    double total = 0;
    for (const Polygon& part : parts) {
        total += std::abs(ringSignedAreaDeg2(part.outer));
        for (const Ring& hole : part.holes)
            total -= std::abs(ringSignedAreaDeg2(hole));
    }
    return total;
}

LonLat MultiPolygon::centroid() const
{
    double cx = 0, cy = 0, total = 0;
    for (const Polygon& part : parts) {
        const Ring& r = part.outer;
        const qsizetype n = r.size();
        for (qsizetype i = 0, j = n - 1; i < n; j = i++) {
            const double cross = r[j].lon * r[i].lat - r[i].lon * r[j].lat;
            cx += (r[j].lon + r[i].lon) * cross;
            cy += (r[j].lat + r[i].lat) * cross;
            total += cross;
        }
    }
    if (std::abs(total) < 1e-18)
        return bounds().center();
    return { cx / (3 * total), cy / (3 * total) };
}

namespace {
constexpr quint32 kPolygonMagic = 0x47484d50; // "GHMP"
constexpr quint32 kLineMagic = 0x47484c53; // "GHLS"
// A corrupt length must not make us allocate gigabytes.
constexpr quint32 kMaxVertices = 10'000'000;

void writeRing(QDataStream& out, const Ring& ring)
{
    out << quint32(ring.size());
    for (const LonLat& p : ring)
        out << p.lon << p.lat;
}

bool readRing(QDataStream& in, Ring& ring)
{
    quint32 n = 0;
    in >> n;
    if (in.status() != QDataStream::Ok || n > kMaxVertices)
        return false;
    ring.resize(n);
    for (LonLat& p : ring)
        in >> p.lon >> p.lat;
    return in.status() == QDataStream::Ok;
}
} // namespace

QByteArray MultiPolygon::toBlob() const
{
    QByteArray blob;
    QDataStream out(&blob, QIODevice::WriteOnly);
    out.setByteOrder(QDataStream::LittleEndian);
    out.setFloatingPointPrecision(QDataStream::DoublePrecision);
    out << kPolygonMagic << quint32(parts.size());
    for (const Polygon& part : parts) {
        writeRing(out, part.outer);
        out << quint32(part.holes.size());
        for (const Ring& hole : part.holes)
            writeRing(out, hole);
    }
    return blob;
}

MultiPolygon MultiPolygon::fromBlob(const QByteArray& blob, bool* ok)
{
    QDataStream in(blob);
    in.setByteOrder(QDataStream::LittleEndian);
    in.setFloatingPointPrecision(QDataStream::DoublePrecision);
    quint32 magic = 0, nParts = 0;
    in >> magic >> nParts;
    MultiPolygon result;
    bool good = in.status() == QDataStream::Ok && magic == kPolygonMagic && nParts < kMaxVertices;
    for (quint32 i = 0; good && i < nParts; ++i) {
        Polygon part;
        quint32 nHoles = 0;
        good = readRing(in, part.outer);
        in >> nHoles;
        good = good && in.status() == QDataStream::Ok && nHoles < kMaxVertices;
        for (quint32 h = 0; good && h < nHoles; ++h) {
            Ring hole;
            good = readRing(in, hole);
            part.holes.append(hole);
        }
        result.parts.append(part);
    }
    if (ok)
        *ok = good && in.atEnd();
    if (!good)
        return {};
    return result;
}

QByteArray lineToBlob(const LineString& line)
{
    QByteArray blob;
    QDataStream out(&blob, QIODevice::WriteOnly);
    out.setByteOrder(QDataStream::LittleEndian);
    out.setFloatingPointPrecision(QDataStream::DoublePrecision);
    out << kLineMagic;
    writeRing(out, line);
    return blob;
}

LineString lineFromBlob(const QByteArray& blob, bool* ok)
{
    QDataStream in(blob);
    in.setByteOrder(QDataStream::LittleEndian);
    in.setFloatingPointPrecision(QDataStream::DoublePrecision);
    quint32 magic = 0;
    in >> magic;
    LineString line;
    const bool good = magic == kLineMagic && readRing(in, line);
    if (ok)
        *ok = good && in.atEnd();
    return good ? line : LineString {};
}

double distanceMetres(LonLat a, LonLat b)
{
    constexpr double kEarthRadius = 6371008.8;
    const double dLat = qDegreesToRadians(b.lat - a.lat);
    const double dLon = qDegreesToRadians(b.lon - a.lon);
    const double h = std::sin(dLat / 2) * std::sin(dLat / 2)
        + std::cos(qDegreesToRadians(a.lat)) * std::cos(qDegreesToRadians(b.lat))
            * std::sin(dLon / 2) * std::sin(dLon / 2);
    return 2 * kEarthRadius * std::asin(std::min(1.0, std::sqrt(h)));
}

} // namespace gridhall
