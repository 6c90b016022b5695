#include "app/desktop/heatmapcommand.h"

#include "app/desktop/subcommand.h"

#include "maps/heatmap.h"
#include "maps/heatmapio.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTextStream>

#include <cmath>

namespace gridhall {

namespace {

// Rasters beyond this would need gigabytes and are almost always a wrong pixel size or CRS.
constexpr double kMaxRasterSide = 20000;
// A kernel wider than this many pixels is a wrong radius or pixel size, and would be huge.
constexpr double kMaxRadiusPixels = 1000;

bool parsePositive(const QString& text, double* value)
{
    bool ok = false;
    *value = text.toDouble(&ok);
    return ok && std::isfinite(*value) && *value > 0;
}

} // namespace

int runHeatmapCommand(const QStringList& args)
{
    Subcommand command(args, QStringLiteral("gridhall heatmap"),
        QCoreApplication::translate("HeatmapCommand", "Usage: %1 --points FILE --radius M --pixel M --out FILE.tif [--weight-field F] "
                                                      "[--extent xmin,ymin,xmax,ymax] [--scaled] [--subpixel N]"));
    QCommandLineParser& parser = command.parser();
    parser.setApplicationDescription(QCoreApplication::translate("HeatmapCommand", "Kernel density (quartic) of points into a Float32 GeoTIFF."));
    const QCommandLineOption pointsOption(QStringLiteral("points"),
        QCoreApplication::translate("HeatmapCommand", "Points: a CSV of lon,lat[,weight], or any GIS point layer (first layer)."), QCoreApplication::translate("HeatmapCommand", "FILE"));
    const QCommandLineOption radiusOption(QStringLiteral("radius"), QCoreApplication::translate("HeatmapCommand", "Kernel radius in metres."), QCoreApplication::translate("HeatmapCommand", "M"));
    const QCommandLineOption pixelOption(QStringLiteral("pixel"), QCoreApplication::translate("HeatmapCommand", "Pixel size in metres."), QCoreApplication::translate("HeatmapCommand", "M"));
    const QCommandLineOption outOption(QStringLiteral("out"), QCoreApplication::translate("HeatmapCommand", "Output GeoTIFF."), QCoreApplication::translate("HeatmapCommand", "FILE"));
    const QCommandLineOption weightOption(QStringLiteral("weight-field"),
        QCoreApplication::translate("HeatmapCommand", "Field (or CSV header column) holding each point's weight."), QCoreApplication::translate("HeatmapCommand", "F"));
    const QCommandLineOption extentOption(QStringLiteral("extent"),
        QCoreApplication::translate("HeatmapCommand", "Raster extent in the output CRS; default: the points' extent padded by the radius."),
        QCoreApplication::translate("HeatmapCommand", "xmin,ymin,xmax,ymax"));
    const QCommandLineOption scaledOption(QStringLiteral("scaled"),
        QCoreApplication::translate("HeatmapCommand", "Scaled densities (QGIS \"scaled\" output) instead of raw kernel sums."));
    const QCommandLineOption subpixelOption(QStringLiteral("subpixel"),
        QCoreApplication::translate("HeatmapCommand", "Sub-pixel positions per pixel axis, 1 to 4 (default 1)."), QCoreApplication::translate("HeatmapCommand", "N"), QStringLiteral("1"));
    parser.addOptions({ pointsOption, radiusOption, pixelOption, outOption, weightOption, extentOption,
        scaledOption, subpixelOption });

    auto usageError = [&](const QString& message) { return command.usageError(message); };
    auto failure = [&](const QString& message) { return command.failure(message); };
    QTextStream& out = command.out();
    if (const std::optional<int> done = command.parse({ &pointsOption, &radiusOption, &pixelOption, &outOption }))
        return *done;
    double radius = 0;
    double pixel = 0;
    if (!parsePositive(parser.value(radiusOption), &radius))
        return usageError(QCoreApplication::translate("HeatmapCommand", "--radius must be a number of metres > 0, not \"%1\"").arg(parser.value(radiusOption)));
    if (!parsePositive(parser.value(pixelOption), &pixel))
        return usageError(QCoreApplication::translate("HeatmapCommand", "--pixel must be a number of metres > 0, not \"%1\"").arg(parser.value(pixelOption)));
    if (radius / pixel > kMaxRadiusPixels)
        return usageError(QCoreApplication::translate("HeatmapCommand", "the radius is %1 pixels wide; at most %2 are allowed").arg(radius / pixel).arg(kMaxRadiusPixels));
    bool subpixelOk = false;
    const int subpixel = parser.value(subpixelOption).toInt(&subpixelOk);
    if (!subpixelOk || subpixel < 1 || subpixel > 4)
        return usageError(QCoreApplication::translate("HeatmapCommand", "--subpixel must be 1, 2, 3 or 4"));
    double extent[4] = {};
    const bool hasExtent = parser.isSet(extentOption);
    if (hasExtent) {
        const QStringList parts = parser.value(extentOption).split(QLatin1Char(','));
        bool ok = parts.size() == 4;
        for (int i = 0; ok && i < 4; ++i) {
            extent[i] = parts.at(i).trimmed().toDouble(&ok);
            ok = ok && std::isfinite(extent[i]);
        }
        if (!ok || extent[0] >= extent[2] || extent[1] >= extent[3])
            return usageError(QCoreApplication::translate("HeatmapCommand", "--extent must be xmin,ymin,xmax,ymax with xmin < xmax and ymin < ymax"));
    }
    const QString outPath = parser.value(outOption);

    QElapsedTimer timer;
    timer.start();
    HeatPointSet points;
    QString error;
    if (!loadHeatPoints(parser.value(pointsOption), parser.value(weightOption), &points, &error))
        return failure(error);
    const qint64 loadMs = timer.restart();

    double columns = 0;
    double rows = 0;
    const HeatmapGridSpec spec = hasExtent
        ? heatmapGridForExtent(extent[0], extent[1], extent[2], extent[3], pixel, &columns, &rows)
        : heatmapGridAroundPoints(points, radius, pixel, &columns, &rows);
    if (columns > kMaxRasterSide || rows > kMaxRasterSide)
        return failure(QCoreApplication::translate("HeatmapCommand", "the raster would be %1 x %2 pixels; at most %3 x %3 are allowed "
                          "(use a larger --pixel or a smaller --extent)")
                           .arg(columns, 0, 'f', 0)
                           .arg(rows, 0, 'f', 0)
                           .arg(kMaxRasterSide, 0, 'f', 0));

    HeatmapOptions options;
    options.radius = radius;
    options.output = parser.isSet(scaledOption) ? HeatmapKernelOutput::Scaled : HeatmapKernelOutput::Raw;
    options.subpixel = subpixel;
    HeatmapGrid grid(spec, options);
    grid.addPoints(points.points);
    const qint64 densityMs = timer.restart();

    if (!writeHeatmapGeoTiff(grid, points.crsWkt, outPath, &error))
        return failure(error);
    const qint64 writeMs = timer.elapsed();

    out << QCoreApplication::translate("HeatmapCommand", "Wrote %1: %2 x %3 pixels of %4 m, %5 points, radius %6 m, maximum density %7")
               .arg(outPath)
               .arg(spec.width)
               .arg(spec.height)
               .arg(pixel)
               .arg(points.points.size())
               .arg(radius)
               .arg(grid.maxValue())
        << "\n";
    if (points.fromGeographic)
        out << QCoreApplication::translate("HeatmapCommand", "Lon/lat input: the raster is in Web Mercator (EPSG:3857).") << "\n";
    if (points.skippedEmpty > 0)
        out << QCoreApplication::translate("HeatmapCommand", "Skipped %1 feature(s) without a geometry.").arg(points.skippedEmpty) << "\n";
    out << QCoreApplication::translate("HeatmapCommand", "Times: reading %1 ms, density %2 ms, writing %3 ms").arg(loadMs).arg(densityMs).arg(writeMs) << "\n";
    return 0;
}

} // namespace gridhall
