#pragma once
// A small synthetic district shared by the map tests: one street, one community and a
// 3×3 block of square grid cells near Tianhe, Guangzhou, plus a road and a lake.

#include "models/domain/area.h"

#include <QList>
#include <QString>

namespace gridhall::testfixture {

constexpr double kWest = 113.3200;
constexpr double kNorth = 23.1300;
constexpr double kCell = 0.002; // degrees, about 205 m × 184 m

inline Ring square(double west, double north, double side)
{
    return { { west, north }, { west + side, north }, { west + side, north - side }, { west, north - side } };
}

inline QString gridCode(int row, int col)
{
    return QStringLiteral("440106001001%1").arg(row * 3 + col + 1, 3, 10, QLatin1Char('0'));
}

inline LonLat cellCentre(int row, int col)
{
    return { kWest + (col + 0.5) * kCell, kNorth - (row + 0.5) * kCell };
}

inline QList<GridCell> grids()
{
    QList<GridCell> out;
    for (int r = 0; r < 3; ++r)
        for (int c = 0; c < 3; ++c) {
            GridCell g;
            g.code = gridCode(r, c);
            g.name = QStringLiteral("G%1").arg(r * 3 + c + 1);
            g.communityCode = QStringLiteral("440106001001");
            g.streetCode = QStringLiteral("440106001");
            g.boundary.parts.append(Polygon { square(kWest + c * kCell, kNorth - r * kCell, kCell), {} });
            g.centroid = cellCentre(r, c);
            out.append(g);
        }
    return out;
}

inline QList<Street> streets()
{
    Street s;
    s.code = QStringLiteral("440106001");
    s.name = QStringLiteral("Shipai");
    s.districtCode = QStringLiteral("440106");
    s.boundary.parts.append(Polygon { square(kWest, kNorth, 3 * kCell), {} });
    return { s };
}

inline QList<Community> communities()
{
    Community c;
    c.code = QStringLiteral("440106001001");
    c.name = QStringLiteral("Gangding");
    c.streetCode = QStringLiteral("440106001");
    c.boundary.parts.append(Polygon { square(kWest, kNorth, 3 * kCell), {} });
    return { c };
}

inline QList<BasemapFeature> basemap()
{
    BasemapFeature road;
    road.id = 1;
    road.kind = BasemapKind::MajorRoad;
    road.name = QStringLiteral("Tianhe Road");
    road.line = { { kWest - 0.01, kNorth + 0.001 }, { kWest + 0.02, kNorth + 0.001 } };
    BasemapFeature lake;
    lake.id = 2;
    lake.kind = BasemapKind::Water;
    lake.area.parts.append(Polygon { square(kWest + 0.007, kNorth, 0.002), {} });
    return { road, lake };
}

} // namespace gridhall::testfixture
