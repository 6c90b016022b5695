// Benchmark: the dispute heatmap engine against QGIS's kernel density estimation on the
// same million points (PERF.md): speed, agreement of the rasters, and the cost of adding
// one dispute incrementally. Prints `bench heatmap…` lines; the ratios are measured here.

#include "maps/heatmap.h"
#include "maps/heatmapio.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTextStream>

#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <sys/resource.h>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <numbers>

using namespace gridhall;

namespace {

constexpr int kPointCount = 1'000'000;
constexpr double kRadius = 300;
constexpr double kPixel = 10;
constexpr int kWidth = 3840;
constexpr int kHeight = 2160;
const char* kQgis = "/usr/bin/qgis_process.bin";

QTextStream& out()
{
    static QTextStream stream(stdout);
    return stream;
}

struct Box {
    double minX, minY, maxX, maxY;
};

// Demo area corners and centre in CGCS2000 / 3-degree Gauss-Kruger CM 114E (EPSG:4547).
bool projectDemoArea(Box* demo)
{
    OGRSpatialReference lonLat;
    OGRSpatialReference gk;
    lonLat.importFromEPSG(4490);
    gk.importFromEPSG(4547);
    lonLat.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    gk.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    std::unique_ptr<OGRCoordinateTransformation> t(OGRCreateCoordinateTransformation(&lonLat, &gk));
    if (!t)
        return false;
    double xs[2] = { 113.30, 113.45 };
    double ys[2] = { 23.10, 23.20 };
    if (!t->Transform(2, xs, ys))
        return false;
    *demo = { xs[0], ys[0], xs[1], ys[1] };
    return true;
}

double gaussian(QRandomGenerator& rng)
{
    const double u = std::max(1e-12, rng.generateDouble());
    const double v = rng.generateDouble();
    return std::sqrt(-2 * std::log(u)) * std::cos(2 * std::numbers::pi * v);
}

// Disputes cluster around residential compounds, markets and construction sites: a few
// hundred hotspots of very different sizes inside the demo area, plus a thin scatter over
// the district. Two far corner points fix the extent so QGIS's padded grid is exactly
// 3840 x 2160 pixels of 10 m and coincides with ours.
std::vector<HeatPoint> makePoints(const Box& demo, Box* extent)
{
    const double cx = std::floor((demo.minX + demo.maxX) / 2);
    const double cy = std::floor((demo.minY + demo.maxY) / 2);
    // ceil((w + 2r) / pixel) + 1 == 3840 and likewise 2160, with half a pixel to spare.
    const double w = (kWidth - 1.5) * kPixel - 2 * kRadius;
    const double h = (kHeight - 1.5) * kPixel - 2 * kRadius;
    *extent = { cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2 };

    QRandomGenerator rng(20261122);
    struct Hotspot {
        double x, y, sigma, share;
    };
    std::vector<Hotspot> hotspots;
    double shares = 0;
    for (int i = 0; i < 400; ++i) {
        Hotspot s;
        s.x = demo.minX + rng.generateDouble() * (demo.maxX - demo.minX);
        s.y = demo.minY + rng.generateDouble() * (demo.maxY - demo.minY);
        s.sigma = 60 + 540 * std::pow(rng.generateDouble(), 2);
        s.share = 1.0 / std::pow(i + 1, 0.8); // a few big hotspots, many small ones
        shares += s.share;
        hotspots.push_back(s);
    }
    std::vector<double> cumulative;
    double running = 0;
    for (const Hotspot& s : hotspots) {
        running += s.share / shares;
        cumulative.push_back(running);
    }

    std::vector<HeatPoint> points;
    points.reserve(kPointCount);
    points.push_back({ extent->minX, extent->minY, 1 });
    points.push_back({ extent->maxX, extent->maxY, 1 });
    while (int(points.size()) < kPointCount) {
        const double pick = rng.generateDouble();
        double x;
        double y;
        if (pick < 0.03) { // scattered over the whole district
            x = extent->minX + rng.generateDouble() * w;
            y = extent->minY + rng.generateDouble() * h;
        } else if (pick < 0.15) { // scattered over the built-up demo area
            x = demo.minX + rng.generateDouble() * (demo.maxX - demo.minX);
            y = demo.minY + rng.generateDouble() * (demo.maxY - demo.minY);
        } else {
            const double r = rng.generateDouble();
            const size_t i = size_t(std::lower_bound(cumulative.begin(), cumulative.end(), r) - cumulative.begin());
            const Hotspot& s = hotspots[std::min(i, hotspots.size() - 1)];
            x = s.x + gaussian(rng) * s.sigma;
            y = s.y + gaussian(rng) * s.sigma;
        }
        // Centimetre coordinates, as surveyed positions are stored.
        x = std::round(x * 100) / 100;
        y = std::round(y * 100) / 100;
        if (x <= extent->minX || x >= extent->maxX || y <= extent->minY || y >= extent->maxY)
            continue;
        points.push_back({ x, y, 1 });
    }
    return points;
}

bool writeGeoPackage(const std::vector<HeatPoint>& points, const QString& path, QString* error)
{
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GPKG");
    GDALDatasetUniquePtr dataset(driver->Create(path.toUtf8().constData(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!dataset) {
        *error = QString::fromUtf8(CPLGetLastErrorMsg());
        return false;
    }
    OGRSpatialReference gk;
    gk.importFromEPSG(4547);
    // No R-tree: neither tool needs one to read every point, and building it costs most of
    // the writing time.
    CPLStringList layerOptions;
    layerOptions.SetNameValue("SPATIAL_INDEX", "NO");
    OGRLayer* layer = dataset->CreateLayer("disputes", &gk, wkbPoint, layerOptions.List());
    if (!layer) {
        *error = QString::fromUtf8(CPLGetLastErrorMsg());
        return false;
    }
    dataset->StartTransaction();
    for (const HeatPoint& p : points) {
        OGRFeatureUniquePtr feature(OGRFeature::CreateFeature(layer->GetLayerDefn()));
        feature->SetGeometryDirectly(new OGRPoint(p.x, p.y));
        if (layer->CreateFeature(feature.get()) != OGRERR_NONE) {
            *error = QString::fromUtf8(CPLGetLastErrorMsg());
            return false;
        }
    }
    if (dataset->CommitTransaction() != OGRERR_NONE) {
        *error = QString::fromUtf8(CPLGetLastErrorMsg());
        return false;
    }
    return true;
}

struct Raster {
    int width = 0;
    int height = 0;
    double transform[6] = {};
    std::vector<float> values;
};

bool readRaster(const QString& path, Raster* raster)
{
    GDALDatasetUniquePtr dataset(GDALDataset::Open(path.toUtf8().constData(), GDAL_OF_RASTER | GDAL_OF_READONLY));
    if (!dataset)
        return false;
    raster->width = dataset->GetRasterXSize();
    raster->height = dataset->GetRasterYSize();
    dataset->GetGeoTransform(raster->transform);
    raster->values.resize(size_t(raster->width) * size_t(raster->height));
    GDALRasterBand* band = dataset->GetRasterBand(1);
    int hasNoData = 0;
    const double noData = band->GetNoDataValue(&hasNoData);
    if (band->RasterIO(GF_Read, 0, 0, raster->width, raster->height, raster->values.data(), raster->width,
            raster->height, GDT_Float32, 0, 0, nullptr)
        != CE_None)
        return false;
    if (hasNoData) {
        // QGIS leaves pixels no point reached as no-data: density 0.
        for (float& v : raster->values)
            if (v == float(noData))
                v = 0;
    }
    return true;
}

// CPU time of this process (all threads), to compare with QGIS's CPU time when the shared
// machine is busy and wall times mostly measure the queue.
double processCpuMs()
{
    timespec t {};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

double childrenCpuMs()
{
    rusage usage {};
    getrusage(RUSAGE_CHILDREN, &usage);
    return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e3
        + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e3;
}

const char* verdict(bool ok)
{
    return ok ? "ok" : "short";
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    GDALAllRegister();
    QTemporaryDir dir;
    if (!dir.isValid()) {
        out() << "bench heatmap: failed: no temporary directory\n";
        return 1;
    }

    Box demo;
    if (!projectDemoArea(&demo)) {
        out() << "bench heatmap: failed: cannot project the demo area to EPSG:4547\n";
        return 1;
    }
    // --engine-only: the density and incremental adds on generated points, without files
    // and without QGIS (for quick runs while working on the engine; prints no ratio).
    const bool engineOnly = app.arguments().contains(QStringLiteral("--engine-only"));
    Box extent;
    QElapsedTimer timer;
    timer.start();
    const std::vector<HeatPoint> generated = makePoints(demo, &extent);
    const QString gpkg = dir.filePath(QStringLiteral("points.gpkg"));
    QString error;
    HeatPointSet points;
    qint64 readMs = 0;
    if (engineOnly) {
        points.points = generated;
        points.minX = extent.minX;
        points.minY = extent.minY;
        points.maxX = extent.maxX;
        points.maxY = extent.maxY;
    } else {
        if (!writeGeoPackage(generated, gpkg, &error)) {
            out() << "bench heatmap: failed: cannot write the points: " << error << "\n";
            return 1;
        }
        out() << "bench heatmap-setup: " << generated.size()
              << " points in EPSG:4547 written to a GeoPackage in " << timer.elapsed() << " ms\n";
        out().flush();

        // Ours, end to end in this process: read the GeoPackage, density, GeoTIFF.
        timer.restart();
        if (!loadHeatPoints(gpkg, QString(), &points, &error)) {
            out() << "bench heatmap: failed: " << error << "\n";
            return 1;
        }
        readMs = timer.elapsed();
    }
    double columns = 0;
    double rows = 0;
    const HeatmapGridSpec spec = heatmapGridAroundPoints(points, kRadius, kPixel, &columns, &rows);
    if (spec.width != kWidth || spec.height != kHeight) {
        out() << "bench heatmap: failed: grid is " << columns << " x " << rows << ", not 3840 x 2160\n";
        return 1;
    }
    HeatmapOptions options;
    options.radius = kRadius;
    HeatmapGrid grid(spec, options);
    if (engineOnly) {
        for (int threads : { 1, 2 }) {
            options.threads = threads;
            HeatmapGrid trial(spec, options);
            timer.restart();
            trial.addPoints(points.points);
            out() << "bench heatmap-engine: " << threads << " thread(s): density "
                  << QString::number(timer.nsecsElapsed() / 1e6, 'f', 1) << " ms\n";
        }
        options.threads = 2;
    }
    // The density itself, best of three (the machine is shared and noisy).
    qint64 densityNs = std::numeric_limits<qint64>::max();
    double densityCpuMs = std::numeric_limits<double>::max();
    for (int run = 0; run < 3; ++run) {
        grid.clear();
        const double cpu = processCpuMs();
        timer.restart();
        grid.addPoints(points.points);
        densityNs = std::min(densityNs, timer.nsecsElapsed());
        densityCpuMs = std::min(densityCpuMs, processCpuMs() - cpu);
    }
    const double densityMs = densityNs / 1e6;
    timer.restart();
    const QString ours = dir.filePath(QStringLiteral("ours.tif"));
    if (!writeHeatmapGeoTiff(grid, points.crsWkt, ours, &error)) {
        out() << "bench heatmap: failed: " << error << "\n";
        return 1;
    }
    const qint64 writeMs = timer.elapsed();
    timer.restart();
    const QImage image = colorizeHeatmap(grid, HeatmapColorRamp());
    const qint64 colourMs = timer.elapsed();
    const double endToEndMs = readMs + densityMs + writeMs;
    out() << "bench heatmap-parts: read GeoPackage " << readMs << " ms, density " << QString::number(densityMs, 'f', 1)
          << " ms, write GeoTIFF " << writeMs << " ms, colour " << image.width() << "x" << image.height() << " "
          << colourMs << " ms\n";
    out().flush();

    // QGIS on the same file.
    double qgisMs = -1;
    double qgisCpuMs = -1;
    const QString kde = dir.filePath(QStringLiteral("kde.tif"));
    if (engineOnly) {
        out() << "bench heatmap: " << QString::number(densityMs, 'f', 1)
              << " ms; comparison with QGIS skipped (--engine-only)\n";
    } else if (!QFileInfo::exists(QString::fromLatin1(kQgis))) {
        out() << "bench heatmap: " << QString::number(densityMs, 'f', 1)
              << " ms; comparison with QGIS skipped: " << kQgis << " is not installed (Debian package qgis)\n";
    } else {
        QProcess qgis;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        qgis.setProcessEnvironment(env);
        qgis.setProcessChannelMode(QProcess::MergedChannels);
        const double childCpu = childrenCpuMs();
        timer.restart();
        qgis.start(QString::fromLatin1(kQgis),
            { QStringLiteral("run"), QStringLiteral("qgis:heatmapkerneldensityestimation"),
                QStringLiteral("--INPUT=") + gpkg, QStringLiteral("--RADIUS=300"), QStringLiteral("--PIXEL_SIZE=10"),
                QStringLiteral("--KERNEL=0"), QStringLiteral("--OUTPUT_VALUE=0"), QStringLiteral("--OUTPUT=") + kde });
        const bool finished = qgis.waitForFinished(15 * 60 * 1000);
        qgisMs = double(timer.elapsed());
        qgisCpuMs = childrenCpuMs() - childCpu;
        if (!finished || qgis.exitStatus() != QProcess::NormalExit || qgis.exitCode() != 0 || !QFileInfo::exists(kde)) {
            out() << "bench heatmap: comparison with QGIS skipped: qgis_process failed (exit " << qgis.exitCode()
                  << "): " << QString::fromLocal8Bit(qgis.readAll()).right(400) << "\n";
            qgisMs = -1;
        }
    }
    if (qgisMs > 0) {
        const double speedup = qgisMs / densityMs;
        out() << "bench heatmap: " << QString::number(densityMs, 'f', 1) << " ms vs QGIS " << qgisMs
              << " ms = " << QString::number(speedup, 'f', 0) << "x (goal >= 150x) " << verdict(speedup >= 150) << "\n";
        out() << "bench heatmap-cpu: density " << QString::number(densityCpuMs, 'f', 1) << " ms CPU (both threads) vs QGIS "
              << QString::number(qgisCpuMs, 'f', 0) << " ms CPU = " << QString::number(qgisCpuMs / densityCpuMs, 'f', 0)
              << "x (info: CPU time is steadier than wall time on a busy machine)\n";
        const double e2e = qgisMs / endToEndMs;
        out() << "bench heatmap-end-to-end: read+density+write " << QString::number(endToEndMs, 'f', 0)
              << " ms vs QGIS " << qgisMs << " ms = " << QString::number(e2e, 'f', 0) << "x (info; QGIS includes its "
              << "process start)\n";
        out().flush();

        Raster theirs;
        if (!readRaster(kde, &theirs)) {
            out() << "bench heatmap-accuracy: failed: cannot read QGIS's raster\n";
        } else {
            const auto t = spec.geoTransform();
            bool sameGrid = theirs.width == spec.width && theirs.height == spec.height;
            for (int i = 0; i < 6; ++i)
                sameGrid = sameGrid && std::abs(theirs.transform[i] - t[i]) < 1e-6;
            if (!sameGrid) {
                out() << "bench heatmap-accuracy: failed: QGIS's grid is " << theirs.width << "x" << theirs.height
                      << " at " << theirs.transform[0] << "," << theirs.transform[3] << ", ours " << spec.width << "x"
                      << spec.height << " at " << t[0] << "," << t[3] << "\n";
            } else {
                const float ourMax = grid.maxValue();
                const float theirMax = *std::max_element(theirs.values.begin(), theirs.values.end());
                double worst = 0;
                double sum = 0;
                size_t worstAt = 0;
                const std::vector<float> ourValues = grid.densities();
                for (size_t i = 0; i < theirs.values.size(); ++i) {
                    const double d = std::abs(ourValues[i] / double(ourMax) - theirs.values[i] / double(theirMax));
                    sum += d;
                    if (d > worst) {
                        worst = d;
                        worstAt = i;
                    }
                }
                const double percent = worst * 100;
                out() << "bench heatmap-accuracy: max relative difference " << QString::number(percent, 'f', 3)
                      << " % (goal <= 1 %) " << verdict(percent <= 1) << "\n";
                out() << "bench heatmap-accuracy-detail: each raster divided by its maximum (ours "
                      << ourMax << ", QGIS " << theirMax << "); worst at pixel " << worstAt % size_t(spec.width) << ","
                      << worstAt / size_t(spec.width) << "; mean difference "
                      << QString::number(sum / double(theirs.values.size()) * 100, 'g', 3) << " %\n";
            }
        }
    }
    out().flush();

    // Adding (and closing) single disputes on the full grid: incremental stamps.
    QRandomGenerator rng(99);
    constexpr int adds = 20000;
    std::vector<HeatPoint> live;
    for (int i = 0; i < adds; ++i)
        live.push_back({ demo.minX + rng.generateDouble() * (demo.maxX - demo.minX),
            demo.minY + rng.generateDouble() * (demo.maxY - demo.minY), 4 });
    timer.restart();
    for (const HeatPoint& p : live)
        grid.add(p.x, p.y, p.weight);
    const double addUs = timer.nsecsElapsed() / 1e3 / adds;
    timer.restart();
    for (const HeatPoint& p : live)
        grid.remove(p.x, p.y, p.weight);
    const double removeUs = timer.nsecsElapsed() / 1e3 / adds;
    const double ratio = addUs / 1000;
    out() << "bench heatmap-add: " << QString::number(addUs, 'f', 2) << " us vs limit 1000 us = "
          << QString::number(ratio, 'f', 4) << " (goal <= 1) " << verdict(ratio <= 1) << "\n";
    out() << "bench heatmap-remove: " << QString::number(removeUs, 'f', 2) << " us per closed dispute\n";
    return 0;
}
