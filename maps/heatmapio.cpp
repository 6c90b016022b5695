#include "maps/heatmapio.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>

#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <cmath>
#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstring>
#include <memory>
#include <mutex>

namespace gridhall {

namespace {

void registerGdal()
{
    static std::once_flag once;
    std::call_once(once, [] { GDALAllRegister(); });
}

// Keeps GDAL from printing to stderr while we report its errors ourselves.
struct QuietGdal {
    QuietGdal()
    {
        CPLPushErrorHandler(CPLQuietErrorHandler);
        CPLErrorReset();
    }
    ~QuietGdal() { CPLPopErrorHandler(); }
    QuietGdal(const QuietGdal&) = delete;
    QuietGdal& operator=(const QuietGdal&) = delete;
};

QString gdalMessage()
{
    const QString message = QString::fromUtf8(CPLGetLastErrorMsg());
    return message.isEmpty() ? QCoreApplication::translate("Heatmap", "unknown GDAL error") : message;
}

struct TransformDeleter {
    void operator()(OGRCoordinateTransformation* t) const { OGRCoordinateTransformation::DestroyCT(t); }
};
using TransformPtr = std::unique_ptr<OGRCoordinateTransformation, TransformDeleter>;

// Web Mercator's latitude limit: beyond it the projection runs off to infinity.
constexpr double kMercatorMaxLat = 85.05112878;

bool checkLonLat(double lon, double lat, QString* problem)
{
    if (!std::isfinite(lon) || !std::isfinite(lat)) {
        *problem = QCoreApplication::translate("Heatmap", "coordinate is not a number");
        return false;
    }
    if (lon < -180 || lon > 180) {
        *problem = QCoreApplication::translate("Heatmap", "longitude %1 is outside -180..180").arg(lon);
        return false;
    }
    if (lat < -kMercatorMaxLat || lat > kMercatorMaxLat) {
        *problem = QCoreApplication::translate("Heatmap", "latitude %1 is outside Web Mercator's -85.05..85.05").arg(lat);
        return false;
    }
    return true;
}

// Projects lon/lat points (x = lon, y = lat) to Web Mercator in place.
bool projectToWebMercator(HeatPointSet* out, QString* error)
{
    OGRSpatialReference wgs84;
    OGRSpatialReference mercator;
    wgs84.importFromEPSG(4326);
    mercator.importFromEPSG(3857);
    wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    mercator.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    TransformPtr transform(OGRCreateCoordinateTransformation(&wgs84, &mercator));
    if (!transform) {
        *error = QCoreApplication::translate("Heatmap", "Cannot set up the transformation to Web Mercator: %1").arg(gdalMessage());
        return false;
    }
    constexpr size_t chunk = 65536;
    std::vector<double> xs;
    std::vector<double> ys;
    for (size_t begin = 0; begin < out->points.size(); begin += chunk) {
        const size_t n = std::min(chunk, out->points.size() - begin);
        xs.resize(n);
        ys.resize(n);
        for (size_t i = 0; i < n; ++i) {
            xs[i] = out->points[begin + i].x;
            ys[i] = out->points[begin + i].y;
        }
        if (!transform->Transform(int(n), xs.data(), ys.data())) {
            *error = QCoreApplication::translate("Heatmap", "Cannot project the points to Web Mercator: %1").arg(gdalMessage());
            return false;
        }
        for (size_t i = 0; i < n; ++i) {
            out->points[begin + i].x = xs[i];
            out->points[begin + i].y = ys[i];
        }
    }
    out->crsWkt = webMercatorWkt();
    out->fromGeographic = true;
    return true;
}

void computeExtent(HeatPointSet* out)
{
    if (out->points.empty())
        return;
    out->minX = out->maxX = out->points.front().x;
    out->minY = out->maxY = out->points.front().y;
    for (const HeatPoint& p : out->points) {
        out->minX = std::min(out->minX, p.x);
        out->maxX = std::max(out->maxX, p.x);
        out->minY = std::min(out->minY, p.y);
        out->maxY = std::max(out->maxY, p.y);
    }
}

QList<QByteArray> splitCsvLine(const QByteArray& line)
{
    QList<QByteArray> fields = line.split(',');
    for (QByteArray& f : fields) {
        f = f.trimmed();
        if (f.size() >= 2 && f.startsWith('"') && f.endsWith('"'))
            f = f.mid(1, f.size() - 2).trimmed();
    }
    return fields;
}

bool loadCsv(const QString& path, const QString& weightField, HeatPointSet* out, QString* error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QCoreApplication::translate("Heatmap", "Cannot open %1: %2").arg(path, file.errorString());
        return false;
    }
    const QByteArray content = file.readAll();
    const QList<QByteArray> lines = content.split('\n');
    int lonColumn = 0;
    int latColumn = 1;
    int weightColumn = 2; // used when present
    bool weightRequired = false;
    bool firstDataLine = true;
    out->points.reserve(size_t(lines.size()));
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const int lineNumber = int(i + 1);
        QByteArray line = lines.at(i);
        if (line.endsWith('\r'))
            line.chop(1);
        if (i == 0 && line.startsWith("\xEF\xBB\xBF"))
            line.remove(0, 3); // UTF-8 byte order mark from spreadsheet exports
        if (line.trimmed().isEmpty())
            continue;
        const QList<QByteArray> fields = splitCsvLine(line);
        if (firstDataLine) {
            firstDataLine = false;
            bool numeric = false;
            fields.at(0).toDouble(&numeric);
            if (!numeric) {
                // A header: find the columns by name, else keep lon,lat,weight positions.
                auto find = [&](std::initializer_list<const char*> names) {
                    for (qsizetype c = 0; c < fields.size(); ++c)
                        for (const char* n : names)
                            if (fields.at(c).compare(n, Qt::CaseInsensitive) == 0)
                                return int(c);
                    return -1;
                };
                if (int c = find({ "lon", "lng", "longitude", "x" }); c >= 0)
                    lonColumn = c;
                if (int c = find({ "lat", "latitude", "y" }); c >= 0)
                    latColumn = c;
                if (!weightField.isEmpty()) {
                    weightColumn = -1;
                    for (qsizetype c = 0; c < fields.size(); ++c)
                        if (QString::fromUtf8(fields.at(c)).compare(weightField, Qt::CaseInsensitive) == 0)
                            weightColumn = int(c);
                    if (weightColumn < 0) {
                        *error = QCoreApplication::translate("Heatmap", "%1: line %2: no column named \"%3\" in the header").arg(path).arg(lineNumber).arg(weightField);
                        return false;
                    }
                    weightRequired = true;
                } else if (int c = find({ "weight", "w" }); c >= 0) {
                    weightColumn = c;
                }
                continue;
            }
            if (!weightField.isEmpty()) {
                *error = QCoreApplication::translate("Heatmap", "%1: --weight-field needs a header line naming the columns").arg(path);
                return false;
            }
        }
        const int needed = std::max(lonColumn, latColumn) + 1;
        if (fields.size() < needed) {
            *error = QCoreApplication::translate("Heatmap", "%1: line %2: expected lon,lat[,weight] but found %3 field(s)").arg(path).arg(lineNumber).arg(fields.size());
            return false;
        }
        bool okLon = false;
        bool okLat = false;
        const double lon = fields.at(lonColumn).toDouble(&okLon);
        const double lat = fields.at(latColumn).toDouble(&okLat);
        if (!okLon || !okLat) {
            *error = QCoreApplication::translate("Heatmap", "%1: line %2: \"%3\" is not a lon,lat pair of numbers")
                         .arg(path)
                         .arg(lineNumber)
                         .arg(QString::fromUtf8(line.left(80)));
            return false;
        }
        QString problem;
        if (!checkLonLat(lon, lat, &problem)) {
            *error = QCoreApplication::translate("Heatmap", "%1: line %2: %3").arg(path).arg(lineNumber).arg(problem);
            return false;
        }
        float weight = 1;
        if (weightColumn < fields.size() && weightColumn >= 0 && !fields.at(weightColumn).isEmpty()) {
            bool okWeight = false;
            const double w = fields.at(weightColumn).toDouble(&okWeight);
            if (!okWeight || !std::isfinite(w) || w < 0) {
                *error = QCoreApplication::translate("Heatmap", "%1: line %2: weight \"%3\" is not a number >= 0")
                             .arg(path)
                             .arg(lineNumber)
                             .arg(QString::fromUtf8(fields.at(weightColumn)));
                return false;
            }
            weight = float(w);
        } else if (weightRequired) {
            *error = QCoreApplication::translate("Heatmap", "%1: line %2: the weight column is empty").arg(path).arg(lineNumber);
            return false;
        }
        out->points.push_back({ lon, lat, weight });
    }
    if (out->points.empty()) {
        *error = QCoreApplication::translate("Heatmap", "%1: no points").arg(path);
        return false;
    }
    return projectToWebMercator(out, error);
}

bool loadOgr(const QString& path, const QString& weightField, HeatPointSet* out, QString* error)
{
    registerGdal();
    QuietGdal quiet;
    GDALDatasetUniquePtr dataset(GDALDataset::Open(path.toUtf8().constData(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    if (!dataset) {
        *error = QCoreApplication::translate("Heatmap", "%1 is not a GIS file GDAL can read: %2").arg(path, gdalMessage());
        return false;
    }
    if (dataset->GetLayerCount() < 1) {
        *error = QCoreApplication::translate("Heatmap", "%1 has no vector layer").arg(path);
        return false;
    }
    OGRLayer* layer = dataset->GetLayer(0);
    const QString layerName = QString::fromUtf8(layer->GetName());
    const OGRwkbGeometryType declared = wkbFlatten(layer->GetGeomType());
    if (declared != wkbPoint && declared != wkbMultiPoint && declared != wkbUnknown) {
        *error = QCoreApplication::translate("Heatmap", "%1: layer \"%2\" holds %3 geometries, not points")
                     .arg(path, layerName, QString::fromUtf8(OGRGeometryTypeToName(declared)));
        return false;
    }
    const OGRSpatialReference* srs = layer->GetSpatialRef();
    if (!srs) {
        *error = QCoreApplication::translate("Heatmap", "%1: layer \"%2\" declares no coordinate reference system").arg(path, layerName);
        return false;
    }
    const bool geographic = srs->IsGeographic();
    if (!geographic && !srs->IsProjected()) {
        *error = QCoreApplication::translate("Heatmap", "%1: layer \"%2\" is neither in a projected nor in a geographic CRS").arg(path, layerName);
        return false;
    }
    std::unique_ptr<OGRSpatialReference> geographicSource;
    TransformPtr toLonLat;
    if (geographic) {
        // Any geographic CRS (WGS84, CGCS2000, ...) first to lon/lat in traditional order.
        geographicSource.reset(srs->Clone());
        geographicSource->SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        OGRSpatialReference wgs84;
        wgs84.importFromEPSG(4326);
        wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        if (!srs->IsSame(&wgs84)) {
            toLonLat.reset(OGRCreateCoordinateTransformation(geographicSource.get(), &wgs84));
            if (!toLonLat) {
                *error = QCoreApplication::translate("Heatmap", "%1: cannot transform its CRS to lon/lat: %2").arg(path, gdalMessage());
                return false;
            }
        }
    } else {
        char* wkt = nullptr;
        srs->exportToWkt(&wkt);
        out->crsWkt = QString::fromUtf8(wkt);
        CPLFree(wkt);
    }

    OGRFeatureDefn* definition = layer->GetLayerDefn();
    int weightIndex = -1;
    if (!weightField.isEmpty()) {
        weightIndex = definition->GetFieldIndex(weightField.toUtf8().constData());
        if (weightIndex < 0) {
            *error = QCoreApplication::translate("Heatmap", "%1: layer \"%2\" has no field \"%3\"").arg(path, layerName, weightField);
            return false;
        }
    }
    // Reading only the geometry (and the weight) is much faster on wide tables.
    {
        CPLStringList ignored;
        for (int i = 0; i < definition->GetFieldCount(); ++i)
            if (i != weightIndex)
                ignored.AddString(definition->GetFieldDefn(i)->GetNameRef());
        ignored.AddString("OGR_STYLE");
        layer->SetIgnoredFields(const_cast<const char**>(ignored.List()));
    }

    const GIntBig count = layer->GetFeatureCount(FALSE);
    if (count > 0)
        out->points.reserve(size_t(count));
    layer->ResetReading();
    auto badFeature = [&](const OGRFeature& f, const QString& problem) {
        *error = QCoreApplication::translate("Heatmap", "%1: layer \"%2\", feature %3: %4").arg(path, layerName).arg(f.GetFID()).arg(problem);
        return false;
    };
    for (OGRFeatureUniquePtr feature(layer->GetNextFeature()); feature; feature.reset(layer->GetNextFeature())) {
        const OGRGeometry* geometry = feature->GetGeometryRef();
        if (!geometry || geometry->IsEmpty()) {
            ++out->skippedEmpty;
            continue;
        }
        float weight = 1;
        if (weightIndex >= 0) {
            if (!feature->IsFieldSetAndNotNull(weightIndex))
                return badFeature(*feature, QCoreApplication::translate("Heatmap", "the weight field \"%1\" is empty").arg(weightField));
            const double w = feature->GetFieldAsDouble(weightIndex);
            if (!std::isfinite(w) || w < 0)
                return badFeature(*feature, QCoreApplication::translate("Heatmap", "weight %1 is not a number >= 0").arg(w));
            weight = float(w);
        }
        auto addPoint = [&](const OGRPoint& p) {
            if (!std::isfinite(p.getX()) || !std::isfinite(p.getY()))
                return badFeature(*feature, QCoreApplication::translate("Heatmap", "coordinate is not a number"));
            out->points.push_back({ p.getX(), p.getY(), weight });
            return true;
        };
        const OGRwkbGeometryType type = wkbFlatten(geometry->getGeometryType());
        if (type == wkbPoint) {
            if (!addPoint(*geometry->toPoint()))
                return false;
        } else if (type == wkbMultiPoint) {
            for (const OGRPoint* p : *geometry->toMultiPoint())
                if (!p->IsEmpty() && !addPoint(*p))
                    return false;
        } else {
            return badFeature(*feature,
                QCoreApplication::translate("Heatmap", "a %1 is not a point").arg(QString::fromUtf8(OGRGeometryTypeToName(type))));
        }
    }
    if (CPLGetLastErrorType() >= CE_Failure) {
        *error = QCoreApplication::translate("Heatmap", "%1: reading failed: %2").arg(path, gdalMessage());
        return false;
    }
    if (out->points.empty()) {
        *error = QCoreApplication::translate("Heatmap", "%1: layer \"%2\" has no points").arg(path, layerName);
        return false;
    }
    if (geographic) {
        if (toLonLat) {
            std::vector<double> xs(out->points.size());
            std::vector<double> ys(out->points.size());
            for (size_t i = 0; i < xs.size(); ++i) {
                xs[i] = out->points[i].x;
                ys[i] = out->points[i].y;
            }
            if (!toLonLat->Transform(int(xs.size()), xs.data(), ys.data())) {
                *error = QCoreApplication::translate("Heatmap", "%1: cannot transform the points to lon/lat: %2").arg(path, gdalMessage());
                return false;
            }
            for (size_t i = 0; i < xs.size(); ++i) {
                out->points[i].x = xs[i];
                out->points[i].y = ys[i];
            }
        }
        for (size_t i = 0; i < out->points.size(); ++i) {
            QString problem;
            if (!checkLonLat(out->points[i].x, out->points[i].y, &problem)) {
                *error = QCoreApplication::translate("Heatmap", "%1: layer \"%2\", point %3: %4").arg(path, layerName).arg(qulonglong(i + 1)).arg(problem);
                return false;
            }
        }
        return projectToWebMercator(out, error);
    }
    return true;
}

} // namespace

QString webMercatorWkt()
{
    registerGdal();
    OGRSpatialReference mercator;
    mercator.importFromEPSG(3857);
    char* wkt = nullptr;
    mercator.exportToWkt(&wkt);
    const QString text = QString::fromUtf8(wkt);
    CPLFree(wkt);
    return text;
}

bool loadHeatPoints(const QString& path, const QString& weightField, HeatPointSet* out, QString* error)
{
    *out = HeatPointSet {};
    const QFileInfo info(path);
    if (!info.exists()) {
        *error = QCoreApplication::translate("Heatmap", "%1: no such file").arg(path);
        return false;
    }
    const bool ok = info.suffix().compare(QLatin1String("csv"), Qt::CaseInsensitive) == 0
        ? loadCsv(path, weightField, out, error)
        : loadOgr(path, weightField, out, error);
    if (!ok) {
        out->points.clear();
        return false;
    }
    computeExtent(out);
    return true;
}

HeatmapGridSpec heatmapGridAroundPoints(const HeatPointSet& points, double radius, double pixelSize,
    double* columns, double* rows)
{
    const double minX = points.minX - radius;
    const double maxY = points.maxY + radius;
    const double width = points.maxX - points.minX + 2 * radius;
    const double height = points.maxY - points.minY + 2 * radius;
    *columns = std::max(1.0, std::ceil(width / pixelSize) + 1);
    *rows = std::max(1.0, std::ceil(height / pixelSize) + 1);
    HeatmapGridSpec spec;
    spec.originX = minX;
    spec.originY = maxY;
    spec.pixelSize = pixelSize;
    if (*columns <= INT_MAX && *rows <= INT_MAX) {
        spec.width = int(*columns);
        spec.height = int(*rows);
    }
    return spec;
}

HeatmapGridSpec heatmapGridForExtent(double minX, double minY, double maxX, double maxY, double pixelSize,
    double* columns, double* rows)
{
    *columns = std::max(1.0, std::ceil((maxX - minX) / pixelSize));
    *rows = std::max(1.0, std::ceil((maxY - minY) / pixelSize));
    HeatmapGridSpec spec;
    spec.originX = minX;
    spec.originY = maxY;
    spec.pixelSize = pixelSize;
    if (*columns <= INT_MAX && *rows <= INT_MAX) {
        spec.width = int(*columns);
        spec.height = int(*rows);
    }
    return spec;
}

bool writeHeatmapGeoTiff(const HeatmapGrid& grid, const QString& crsWkt, const QString& path, QString* error)
{
    registerGdal();
    QuietGdal quiet;
    const HeatmapGridSpec& spec = grid.spec();
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GTiff");
    if (!driver) {
        *error = QCoreApplication::translate("Heatmap", "GDAL has no GeoTIFF driver");
        return false;
    }
    const QString partial = path + QStringLiteral(".partial");
    const QByteArray partialName = partial.toUtf8();
    CPLStringList creation;
    creation.SetNameValue("BIGTIFF", "IF_SAFER");
    GDALDatasetUniquePtr dataset(
        driver->Create(partialName.constData(), spec.width, spec.height, 1, GDT_Float32, creation.List()));
    if (!dataset) {
        *error = QCoreApplication::translate("Heatmap", "Cannot create %1: %2").arg(path, gdalMessage());
        return false;
    }
    std::array<double, 6> transform = spec.geoTransform();
    bool ok = dataset->SetGeoTransform(transform.data()) == CE_None;
    if (ok && !crsWkt.isEmpty())
        ok = dataset->SetProjection(crsWkt.toUtf8().constData()) == CE_None;
    if (ok) {
        ok = dataset->GetRasterBand(1)->RasterIO(GF_Write, 0, 0, spec.width, spec.height,
                 const_cast<float*>(grid.rowData(0)), spec.width, spec.height, GDT_Float32, sizeof(float),
                 GSpacing(grid.stride() * sizeof(float)), nullptr)
            == CE_None;
    }
    if (ok)
        dataset->FlushCache(); // void in GDAL 3.6: failures show up as the last error
    dataset.reset();
    if (ok && CPLGetLastErrorType() >= CE_Failure)
        ok = false;
    if (!ok) {
        *error = QCoreApplication::translate("Heatmap", "Cannot write %1: %2").arg(path, gdalMessage());
        QFile::remove(partial);
        return false;
    }
    // rename() replaces an existing raster atomically on POSIX.
    if (std::rename(partialName.constData(), path.toUtf8().constData()) != 0) {
        *error = QCoreApplication::translate("Heatmap", "Cannot move %1 into place: %2").arg(path, QString::fromLocal8Bit(std::strerror(errno)));
        QFile::remove(partial);
        return false;
    }
    return true;
}

} // namespace gridhall
