// bench gis-import: 10k grid polygons in a CGCS2000 Gauss-Krüger Shapefile, read, validated
// and reprojected by GridHall's reader, against `ogr2ogr -f GPKG -t_srs EPSG:4326` of the
// same file (PERF.md: goal ≤ 1.5× ogr2ogr).

#include "maps/gisimport.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTextStream>

#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cstdio>
#include <memory>

namespace {

constexpr int kSide = 100; // 100 × 100 = 10k cells
constexpr double kCellMetres = 120;
constexpr int kPointsPerEdge = 5; // 20 vertices a cell, like digitised grid outlines

struct DatasetCloser {
    void operator()(GDALDataset* d) const { GDALClose(d); }
};

// 10 streets × 10 communities × 100 cells near Tianhe, in EPSG:4547 metres.
bool writeShapefile(const QString& path)
{
    GDALAllRegister();
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("ESRI Shapefile");
    std::unique_ptr<GDALDataset, DatasetCloser> ds(driver->Create(path.toUtf8().constData(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!ds)
        return false;
    OGRSpatialReference srs;
    srs.importFromEPSG(4547);
    const char* options[] = { "ENCODING=CP936", nullptr };
    OGRLayer* layer = ds->CreateLayer("grids", &srs, wkbPolygon, const_cast<char**>(options));
    for (const char* name : { "网格编码", "网格名称", "街道名称", "社区名称" }) {
        OGRFieldDefn field(name, OFTString);
        field.SetWidth(40);
        layer->CreateField(&field);
    }
    const double x0 = 428000, y0 = 2556000;
    for (int row = 0; row < kSide; ++row) {
        for (int column = 0; column < kSide; ++column) {
            // Streets are 10-column bands, communities 10-row blocks within them.
            const int street = column / 10 + 1, community = row / 10 + 1;
            const int grid = (row % 10) * 10 + column % 10 + 1;
            const QString code = QStringLiteral("440106%1%2%3")
                                     .arg(street, 3, 10, QLatin1Char('0'))
                                     .arg(community, 3, 10, QLatin1Char('0'))
                                     .arg(grid, 3, 10, QLatin1Char('0'));
            std::unique_ptr<OGRFeature, void (*)(OGRFeature*)> feature(
                OGRFeature::CreateFeature(layer->GetLayerDefn()), [](OGRFeature* f) { OGRFeature::DestroyFeature(f); });
            feature->SetField(0, code.toUtf8().constData());
            feature->SetField(1, QStringLiteral("第%1网格").arg(grid).toUtf8().constData());
            feature->SetField(2, QStringLiteral("街道%1").arg(street).toUtf8().constData());
            feature->SetField(3, QStringLiteral("社区%1").arg(community).toUtf8().constData());
            const double w = x0 + column * kCellMetres, s = y0 + row * kCellMetres;
            const double corners[4][2] = { { w, s }, { w + kCellMetres, s }, { w + kCellMetres, s + kCellMetres }, { w, s + kCellMetres } };
            auto ring = std::make_unique<OGRLinearRing>();
            for (int edge = 0; edge < 4; ++edge) {
                const double* a = corners[edge];
                const double* b = corners[(edge + 1) % 4];
                for (int i = 0; i < kPointsPerEdge; ++i) {
                    const double t = double(i) / kPointsPerEdge;
                    ring->addPoint(a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t);
                }
            }
            ring->closeRings();
            OGRPolygon polygon;
            polygon.addRingDirectly(ring.release());
            feature->SetGeometry(&polygon);
            if (layer->CreateFeature(feature.get()) != OGRERR_NONE)
                return false;
        }
    }
    return true;
}

double secondsOf(const std::function<bool()>& work, int runs, bool* ok)
{
    double best = 1e9;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer timer;
        timer.start();
        *ok = work() && *ok;
        best = std::min(best, timer.nsecsElapsed() / 1e9);
    }
    return best;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    QTemporaryDir dir;
    const QString source = dir.filePath(QStringLiteral("grids10k.shp"));
    if (!dir.isValid() || !writeShapefile(source)) {
        out << "bench gis-import: failed to write the test Shapefile\n";
        return 1;
    }

    bool ok = true;
    int grids = 0, streets = 0;
    const int runs = 3; // best of three: the machine is shared and noisy
    const double ours = secondsOf(
        [&] {
            const gridhall::GridImportResult r = gridhall::readGridBoundaries(source);
            grids = int(r.grids.size());
            streets = int(r.streets.size());
            return r.ok() && grids == kSide * kSide;
        },
        runs, &ok);
    gridhall::GisImportOptions noUnions;
    noUnions.deriveParentBoundaries = false;
    const double oursNoUnions = secondsOf(
        [&] { return gridhall::readGridBoundaries(source, noUnions).ok(); }, runs, &ok);
    if (!ok) {
        out << "bench gis-import: the reader failed on its own benchmark file\n";
        return 1;
    }
    out << QStringLiteral("bench gis-import: reader %1 s for %2 grids, %3 streets (unions of street and community "
                          "boundaries included; %4 s without them)\n")
               .arg(ours, 0, 'f', 3)
               .arg(grids)
               .arg(streets)
               .arg(oursNoUnions, 0, 'f', 3);

    const QString ogr2ogr = QStandardPaths::findExecutable(QStringLiteral("ogr2ogr"));
    if (ogr2ogr.isEmpty()) {
        out << QStringLiteral("bench gis-import: reader %1 s; ogr2ogr not found (Debian package gdal-bin), "
                              "skipped the comparison\n")
                   .arg(ours, 0, 'f', 3);
        return 0;
    }
    const QString target = dir.filePath(QStringLiteral("out.gpkg"));
    const double theirs = secondsOf(
        [&] {
            QFile::remove(target);
            QProcess process;
            process.start(ogr2ogr, { QStringLiteral("-f"), QStringLiteral("GPKG"), QStringLiteral("-t_srs"),
                                       QStringLiteral("EPSG:4326"), target, source });
            return process.waitForFinished(300000) && process.exitStatus() == QProcess::NormalExit
                && process.exitCode() == 0;
        },
        runs, &ok);
    if (!ok) {
        out << "bench gis-import: ogr2ogr failed, skipped the comparison\n";
        return 1;
    }
    const double ratio = ours / theirs;
    out << QStringLiteral("bench gis-import: %1 s vs ogr2ogr %2 s = %3 (goal <= 1.5) %4\n")
               .arg(ours, 0, 'f', 3)
               .arg(theirs, 0, 'f', 3)
               .arg(ratio, 0, 'f', 2)
               .arg(ratio <= 1.5 ? QStringLiteral("ok") : QStringLiteral("short"));
    return 0;
}
