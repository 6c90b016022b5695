#pragma once
// Test inputs for the GIS import, written at test time with GDAL itself: a small district of
// 3 streets × 2 communities × 4 cells around Tianhe, Guangzhou, in any driver and CRS.

#include "models/domain/geo.h"

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <memory>

namespace gistest {

using gridhall::LonLat;
using gridhall::Ring;

struct CellSpec {
    QString gridCode; // 15-digit CJ/T 213 code
    QString localCode; // a local identifier such as "TH-2-1-3"
    QString gridName;
    QString street, streetCode;
    QString community, communityCode;
    Ring ring; // lon/lat, counter-clockwise, not closed
};

// Street s (0..2), community c (0..1), cell k (0..3): cells 0.005° wide with a fifth vertex on
// the south edge, so rings are not just axis-aligned boxes.
inline QList<CellSpec> sampleCells()
{
    static const char* streets[] = { "天河南街道", "林和街道", "沙河街道" };
    static const char* communities[] = { "龙口社区", "体育东社区" };
    QList<CellSpec> cells;
    for (int s = 0; s < 3; ++s)
        for (int c = 0; c < 2; ++c)
            for (int k = 0; k < 4; ++k) {
                CellSpec cell;
                cell.streetCode = QStringLiteral("440106%1").arg(s + 1, 3, 10, QLatin1Char('0'));
                cell.communityCode = cell.streetCode + QStringLiteral("%1").arg(c + 1, 3, 10, QLatin1Char('0'));
                cell.gridCode = cell.communityCode + QStringLiteral("%1").arg(k + 1, 3, 10, QLatin1Char('0'));
                cell.localCode = QStringLiteral("TH-%1-%2-%3").arg(s + 1).arg(c + 1).arg(k + 1);
                cell.street = QString::fromUtf8(streets[s]);
                cell.community = QString::fromUtf8(communities[c]);
                cell.gridName = cell.street.chopped(2) + cell.community + QStringLiteral("第%1网格").arg(k + 1);
                const int column = s * 4 + c * 2 + (k % 2);
                const int row = k / 2;
                const double w = 113.30 + column * 0.005, south = 23.120 + row * 0.005;
                const double e = w + 0.005, n = south + 0.005;
                // A notch in the district's south border; inner edges stay straight so
                // neighbours meet exactly and the unions have no slivers.
                const double notch = row == 0 ? 0.0001 * (k + 1) : 0.0;
                cell.ring = { { w, south }, { w + 0.0025, south + notch }, { e, south }, { e, n }, { w, n } };
                cells.append(cell);
            }
    return cells;
}

inline QString ringWkt(const Ring& ring)
{
    QStringList points;
    for (const LonLat& p : ring)
        points.append(QStringLiteral("%1 %2").arg(p.lon, 0, 'f', 10).arg(p.lat, 0, 'f', 10));
    points.append(points.first());
    return QStringLiteral("(") + points.join(QStringLiteral(", ")) + QStringLiteral(")");
}

inline QString polygonWkt(const Ring& ring)
{
    return QStringLiteral("POLYGON (") + ringWkt(ring) + QStringLiteral(")");
}

// One feature to write: attributes by field name and a lon/lat WKT geometry ("" for none).
struct FeatureSpec {
    QList<QPair<QString, QString>> attributes;
    QString wkt;
};

// Field names for the sample, by role; empty roles are not written.
struct FieldNames {
    QString gridCode, gridName, street, streetCode, community, communityCode;
};

inline FieldNames chineseFields()
{
    return { QStringLiteral("网格编码"), QStringLiteral("网格名称"), QStringLiteral("街道名称"), {},
        QStringLiteral("社区名称"), {} };
}

inline QList<FeatureSpec> featuresFor(const QList<CellSpec>& cells, const FieldNames& names, bool localCodes = false)
{
    QList<FeatureSpec> features;
    for (const CellSpec& cell : cells) {
        FeatureSpec f;
        auto add = [&](const QString& field, const QString& value) {
            if (!field.isEmpty())
                f.attributes.append({ field, value });
        };
        add(names.gridCode, localCodes ? cell.localCode : cell.gridCode);
        add(names.gridName, cell.gridName);
        add(names.street, cell.street);
        add(names.streetCode, cell.streetCode);
        add(names.community, cell.community);
        add(names.communityCode, cell.communityCode);
        f.wkt = polygonWkt(cell.ring);
        features.append(f);
    }
    return features;
}

struct DatasetCloser {
    void operator()(GDALDataset* d) const { GDALClose(d); }
};

// Writes the features with the given GDAL driver, projecting lon/lat to epsg (0: write no
// CRS at all). Returns "" on success, else GDAL's complaint. *fids receives the FIDs given.
inline QString writeLayer(const QString& path, const char* driverName, int epsg, const QList<FeatureSpec>& features,
    const QStringList& layerOptions = {}, QList<qint64>* fids = nullptr, OGRwkbGeometryType type = wkbUnknown)
{
    GDALAllRegister();
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(driverName);
    if (!driver)
        return QStringLiteral("no driver %1").arg(QString::fromLatin1(driverName));
    std::unique_ptr<GDALDataset, DatasetCloser> ds(driver->Create(path.toUtf8().constData(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!ds)
        return QString::fromUtf8(CPLGetLastErrorMsg());
    OGRSpatialReference lonLat;
    lonLat.importFromEPSG(4326);
    lonLat.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    OGRSpatialReference target;
    std::unique_ptr<OGRCoordinateTransformation, void (*)(OGRCoordinateTransformation*)> ct(
        nullptr, [](OGRCoordinateTransformation* t) { OGRCoordinateTransformation::DestroyCT(t); });
    if (epsg) {
        target.importFromEPSG(epsg);
        target.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        if (epsg != 4326)
            ct.reset(OGRCreateCoordinateTransformation(&lonLat, &target));
    }
    CPLStringList options;
    for (const QString& o : layerOptions)
        options.AddString(o.toUtf8().constData());
    OGRLayer* layer = ds->CreateLayer("grids", epsg ? &target : nullptr, type, options.List());
    if (!layer)
        return QString::fromUtf8(CPLGetLastErrorMsg());
    QStringList fields;
    for (const FeatureSpec& f : features)
        for (const auto& [name, value] : f.attributes)
            if (!fields.contains(name))
                fields.append(name);
    for (const QString& name : fields) {
        OGRFieldDefn field(name.toUtf8().constData(), OFTString);
        field.SetWidth(80);
        if (layer->CreateField(&field) != OGRERR_NONE)
            return QString::fromUtf8(CPLGetLastErrorMsg());
    }
    for (const FeatureSpec& f : features) {
        std::unique_ptr<OGRFeature, void (*)(OGRFeature*)> feature(
            OGRFeature::CreateFeature(layer->GetLayerDefn()), [](OGRFeature* x) { OGRFeature::DestroyFeature(x); });
        for (const auto& [name, value] : f.attributes)
            if (!value.isNull())
                feature->SetField(layer->GetLayerDefn()->GetFieldIndex(name.toUtf8().constData()), value.toUtf8().constData());
        if (!f.wkt.isEmpty()) {
            OGRGeometry* geometry = nullptr;
            const QByteArray wkt = f.wkt.toUtf8();
            if (OGRGeometryFactory::createFromWkt(wkt.constData(), nullptr, &geometry) != OGRERR_NONE)
                return QStringLiteral("bad test WKT %1").arg(f.wkt);
            if (ct)
                geometry->transform(ct.get());
            feature->SetGeometryDirectly(geometry);
        }
        if (layer->CreateFeature(feature.get()) != OGRERR_NONE)
            return QString::fromUtf8(CPLGetLastErrorMsg());
        if (fids)
            fids->append(feature->GetFID());
    }
    return {};
}

} // namespace gistest
