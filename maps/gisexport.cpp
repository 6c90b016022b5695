#include "maps/gisexport.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>

#include <cpl_error.h>
#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <memory>

namespace gridhall {

namespace {

struct DatasetCloser {
    void operator()(GDALDataset* ds) const { GDALClose(ds); }
};
using DatasetPtr = std::unique_ptr<GDALDataset, DatasetCloser>;
struct FeatureDeleter {
    void operator()(OGRFeature* f) const { OGRFeature::DestroyFeature(f); }
};
using FeaturePtr = std::unique_ptr<OGRFeature, FeatureDeleter>;
struct SrsReleaser {
    void operator()(OGRSpatialReference* srs) const { srs->Release(); }
};
using SrsPtr = std::unique_ptr<OGRSpatialReference, SrsReleaser>;

QString gdalMessage()
{
    const char* message = CPLGetLastErrorMsg();
    return message && *message ? QString::fromUtf8(message) : QCoreApplication::translate("GisExport", "unknown GDAL error");
}

std::unique_ptr<OGRLinearRing> toOgrRing(const Ring& ring)
{
    auto out = std::make_unique<OGRLinearRing>();
    out->setNumPoints(int(ring.size()) + 1, FALSE);
    for (qsizetype k = 0; k < ring.size(); ++k)
        out->setPoint(int(k), ring[k].lon, ring[k].lat);
    if (!ring.isEmpty())
        out->setPoint(int(ring.size()), ring[0].lon, ring[0].lat); // OGC rings repeat the first vertex
    return out;
}

std::unique_ptr<OGRMultiPolygon> toOgr(const MultiPolygon& geometry)
{
    auto multi = std::make_unique<OGRMultiPolygon>();
    for (const Polygon& part : geometry.parts) {
        if (part.outer.size() < 3)
            continue;
        auto polygon = std::make_unique<OGRPolygon>();
        polygon->addRingDirectly(toOgrRing(part.outer).release());
        for (const Ring& hole : part.holes)
            if (hole.size() >= 3)
                polygon->addRingDirectly(toOgrRing(hole).release());
        multi->addGeometryDirectly(polygon.release());
    }
    return multi;
}

std::unique_ptr<OGRLineString> toOgr(const LineString& line)
{
    auto out = std::make_unique<OGRLineString>();
    out->setNumPoints(int(line.size()), FALSE);
    for (qsizetype k = 0; k < line.size(); ++k)
        out->setPoint(int(k), line[k].lon, line[k].lat);
    return out;
}

struct PolygonRow {
    QString code, name, parent, street;
    const MultiPolygon* geometry;
};

class Writer {
public:
    Writer(GDALDataset* ds, OGRSpatialReference* srs, const QString& path)
        : m_ds(ds), m_srs(srs), m_path(path)
    {
    }
    QString error;
    QHash<QString, int> counts;

    OGRLayer* createLayer(const char* name, OGRwkbGeometryType type, const QList<QByteArray>& fields)
    {
        char** options = nullptr;
        options = CSLSetNameValue(options, "GEOMETRY_NAME", "geom");
        options = CSLSetNameValue(options, "FID", "fid");
        OGRLayer* layer = m_ds->CreateLayer(name, m_srs, type, options);
        CSLDestroy(options);
        if (!layer) {
            fail(name);
            return nullptr;
        }
        for (const QByteArray& field : fields) {
            OGRFieldDefn defn(field.constData(), OFTString);
            if (layer->CreateField(&defn) != OGRERR_NONE) {
                fail(name);
                return nullptr;
            }
        }
        return layer;
    }

    bool writePolygons(const char* name, const QList<PolygonRow>& rows, bool withStreet)
    {
        QList<QByteArray> fields { "code", "name", "parent_code" };
        if (withStreet)
            fields.append("street_code");
        OGRLayer* layer = createLayer(name, wkbMultiPolygon, fields);
        if (!layer)
            return false;
        // One transaction per layer: thousands of cells in one commit.
        if (m_ds->StartTransaction() != OGRERR_NONE)
            return fail(name);
        for (const PolygonRow& row : rows) {
            FeaturePtr feature(OGRFeature::CreateFeature(layer->GetLayerDefn()));
            feature->SetField("code", row.code.toUtf8().constData());
            feature->SetField("name", row.name.toUtf8().constData());
            feature->SetField("parent_code", row.parent.toUtf8().constData());
            if (withStreet)
                feature->SetField("street_code", row.street.toUtf8().constData());
            feature->SetGeometryDirectly(toOgr(*row.geometry).release());
            if (layer->CreateFeature(feature.get()) != OGRERR_NONE) {
                m_ds->RollbackTransaction();
                return fail(name);
            }
        }
        if (m_ds->CommitTransaction() != OGRERR_NONE)
            return fail(name);
        counts.insert(QString::fromLatin1(name), int(rows.size()));
        return true;
    }

    bool writeBasemap(const QList<BasemapFeature>& features)
    {
        OGRLayer* lines = createLayer(gislayer::kBasemapLines, wkbLineString, { "kind", "name" });
        OGRLayer* water = lines ? createLayer(gislayer::kBasemapWater, wkbMultiPolygon, { "kind", "name" }) : nullptr;
        if (!lines || !water)
            return false;
        if (m_ds->StartTransaction() != OGRERR_NONE)
            return fail(gislayer::kBasemapLines);
        int lineCount = 0, waterCount = 0;
        for (const BasemapFeature& f : features) {
            const bool isArea = !f.area.isEmpty();
            if (!isArea && f.line.size() < 2)
                continue;
            OGRLayer* layer = isArea ? water : lines;
            FeaturePtr feature(OGRFeature::CreateFeature(layer->GetLayerDefn()));
            feature->SetFID(f.id > 0 ? GIntBig(f.id) : OGRNullFID);
            feature->SetField("kind", basemapKindKey(f.kind).toUtf8().constData());
            feature->SetField("name", f.name.toUtf8().constData());
            if (isArea)
                feature->SetGeometryDirectly(toOgr(f.area).release());
            else
                feature->SetGeometryDirectly(toOgr(f.line).release());
            if (layer->CreateFeature(feature.get()) != OGRERR_NONE) {
                m_ds->RollbackTransaction();
                return fail(isArea ? gislayer::kBasemapWater : gislayer::kBasemapLines);
            }
            ++(isArea ? waterCount : lineCount);
        }
        if (m_ds->CommitTransaction() != OGRERR_NONE)
            return fail(gislayer::kBasemapLines);
        counts.insert(QString::fromLatin1(gislayer::kBasemapLines), lineCount);
        counts.insert(QString::fromLatin1(gislayer::kBasemapWater), waterCount);
        return true;
    }

private:
    bool fail(const char* layer)
    {
        error = QCoreApplication::translate("GisExport", "Could not write layer %1 of %2: %3").arg(QString::fromLatin1(layer), m_path, gdalMessage());
        return false;
    }
    GDALDataset* m_ds;
    OGRSpatialReference* m_srs;
    QString m_path;
};

} // namespace

bool isGridHallGeoPackage(const QString& path)
{
    if (!QFileInfo(path).isFile())
        return false;
    GDALAllRegister();
    CPLPushErrorHandler(CPLQuietErrorHandler);
    const char* const drivers[] = { "GPKG", nullptr };
    DatasetPtr ds(GDALDataset::Open(QFile::encodeName(path).constData(), GDAL_OF_VECTOR | GDAL_OF_READONLY,
        drivers, nullptr, nullptr));
    CPLPopErrorHandler();
    if (!ds)
        return false;
    for (const char* layer : { gislayer::kDistricts, gislayer::kStreets, gislayer::kCommunities, gislayer::kGrids })
        if (!ds->GetLayerByName(layer))
            return false;
    return true;
}

GisExportResult writeGeoPackage(const QString& path, const GisExportData& data)
{
    GisExportResult result;
    GDALAllRegister();
    // Errors go into the result for the caller to show, not onto stderr.
    struct QuietErrors {
        QuietErrors() { CPLPushErrorHandler(CPLQuietErrorHandler); }
        ~QuietErrors() { CPLPopErrorHandler(); }
    } quiet;
    CPLErrorReset();
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GPKG");
    if (!driver) {
        result.error = QCoreApplication::translate("GisExport", "This GDAL has no GeoPackage driver");
        return result;
    }
    const QByteArray nativePath = QFile::encodeName(path);
    if (QFileInfo::exists(path) && !QFile::remove(path)) {
        result.error = QCoreApplication::translate("GisExport", "Could not replace %1").arg(path);
        return result;
    }
    DatasetPtr ds(driver->Create(nativePath.constData(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!ds) {
        result.error = QCoreApplication::translate("GisExport", "Could not create %1: %2").arg(path, gdalMessage());
        return result;
    }
    // CGCS2000 geographic; x is longitude, as GridHall stores it.
    SrsPtr srs(new OGRSpatialReference());
    if (srs->importFromEPSG(4490) != OGRERR_NONE) {
        result.error = QCoreApplication::translate("GisExport", "GDAL does not know EPSG:4490 (CGCS2000): %1").arg(gdalMessage());
        return result;
    }
    srs->SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);

    Writer writer(ds.get(), srs.get(), path);
    QList<PolygonRow> rows;
    for (const District& d : data.districts)
        rows.append({ d.code, d.name, QString(), QString(), &d.boundary });
    bool ok = writer.writePolygons(gislayer::kDistricts, rows, false);
    rows.clear();
    for (const Street& s : data.streets)
        rows.append({ s.code, s.name, s.districtCode, QString(), &s.boundary });
    ok = ok && writer.writePolygons(gislayer::kStreets, rows, false);
    rows.clear();
    for (const Community& c : data.communities)
        rows.append({ c.code, c.name, c.streetCode, QString(), &c.boundary });
    ok = ok && writer.writePolygons(gislayer::kCommunities, rows, false);
    rows.clear();
    for (const GridCell& g : data.grids)
        rows.append({ g.code, g.name, g.communityCode, g.streetCode, &g.boundary });
    ok = ok && writer.writePolygons(gislayer::kGrids, rows, true);
    ok = ok && writer.writeBasemap(data.basemap);
    if (!ok) {
        result.error = writer.error;
        ds.reset();
        QFile::remove(path);
        return result;
    }
    ds.reset(); // closing flushes the file; report a failure there too
    if (CPLGetLastErrorType() >= CE_Failure) {
        result.error = QCoreApplication::translate("GisExport", "Could not finish %1: %2").arg(path, gdalMessage());
        return result;
    }
    result.ok = true;
    result.featureCounts = writer.counts;
    return result;
}

} // namespace gridhall
