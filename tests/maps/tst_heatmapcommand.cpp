// `gridhall heatmap` end to end: the real program on CSV and GeoPackage input, the GeoTIFF
// read back with GDAL, and clear failures for bad input.

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <cmath>
#include <numbers>

namespace {

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

Run runHeatmap(const QStringList& args)
{
    QProcess process;
    process.start(QStringLiteral(GRIDHALL_BINARY_DIR "/app/gridhall"), QStringList { QStringLiteral("heatmap") } + args);
    Run run;
    if (!process.waitForFinished(60000) || process.exitStatus() != QProcess::NormalExit)
        return run;
    run.exitCode = process.exitCode();
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

struct Raster {
    int width = 0;
    int height = 0;
    double transform[6] = {};
    QString epsg;
    std::vector<float> values;
    float at(int col, int row) const { return values[size_t(row) * size_t(width) + size_t(col)]; }
};

bool readRaster(const QString& path, Raster* raster)
{
    GDALDatasetUniquePtr dataset(GDALDataset::Open(path.toUtf8().constData(), GDAL_OF_RASTER | GDAL_OF_READONLY));
    if (!dataset || dataset->GetRasterCount() != 1)
        return false;
    if (dataset->GetRasterBand(1)->GetRasterDataType() != GDT_Float32)
        return false;
    raster->width = dataset->GetRasterXSize();
    raster->height = dataset->GetRasterYSize();
    dataset->GetGeoTransform(raster->transform);
    if (const OGRSpatialReference* srs = dataset->GetSpatialRef()) {
        std::unique_ptr<OGRSpatialReference> copy(srs->Clone());
        copy->AutoIdentifyEPSG();
        const char* code = copy->GetAuthorityCode(nullptr);
        raster->epsg = QString::fromLatin1(code ? code : "");
    }
    raster->values.resize(size_t(raster->width) * size_t(raster->height));
    return dataset->GetRasterBand(1)->RasterIO(GF_Read, 0, 0, raster->width, raster->height, raster->values.data(),
               raster->width, raster->height, GDT_Float32, 0, 0, nullptr)
        == CE_None;
}

struct TestPoint {
    double x;
    double y;
    double weight;
};

// A GeoPackage layer in EPSG:4547 with a weight field.
bool writePoints(const QString& path, const std::vector<TestPoint>& points, OGRwkbGeometryType type = wkbPoint)
{
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GPKG");
    GDALDatasetUniquePtr dataset(driver->Create(path.toUtf8().constData(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!dataset)
        return false;
    OGRSpatialReference gk;
    gk.importFromEPSG(4547);
    OGRLayer* layer = dataset->CreateLayer("disputes", &gk, type, nullptr);
    OGRFieldDefn field("level_weight", OFTReal);
    if (!layer || layer->CreateField(&field) != OGRERR_NONE)
        return false;
    for (const TestPoint& p : points) {
        OGRFeatureUniquePtr feature(OGRFeature::CreateFeature(layer->GetLayerDefn()));
        feature->SetField("level_weight", p.weight);
        if (type == wkbPoint) {
            feature->SetGeometryDirectly(new OGRPoint(p.x, p.y));
        } else {
            auto* ring = new OGRLinearRing;
            ring->addPoint(p.x, p.y);
            ring->addPoint(p.x + 10, p.y);
            ring->addPoint(p.x + 10, p.y + 10);
            ring->addPoint(p.x, p.y);
            auto* polygon = new OGRPolygon;
            polygon->addRingDirectly(ring);
            feature->SetGeometryDirectly(polygon);
        }
        if (layer->CreateFeature(feature.get()) != OGRERR_NONE)
            return false;
    }
    return true;
}

bool writeText(const QString& path, const QByteArray& text)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(text) == text.size();
}

// Spherical Web Mercator, written out so the test does not share the program's code path.
double mercatorX(double lon)
{
    return 6378137.0 * lon * std::numbers::pi / 180;
}
double mercatorY(double lat)
{
    return 6378137.0 * std::log(std::tan(std::numbers::pi / 4 + lat * std::numbers::pi / 360));
}

const std::vector<TestPoint> kProjected = {
    { 500000, 2560000, 4 }, // red
    { 500030, 2560000, 1 }, // yellow, 30 m east
    { 502000, 2561000, 2 }, // orange, far away
};

} // namespace

class TestHeatmapCommand : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void csvInLonLat();
    void geoPackageInGaussKruger();
    void explicitExtent();
    void badInput_data();
    void badInput();
    void failureKeepsExistingOutput();

private:
    QTemporaryDir m_dir;
};

void TestHeatmapCommand::initTestCase()
{
    GDALAllRegister();
    QVERIFY(m_dir.isValid());
    QVERIFY(writePoints(m_dir.filePath(QStringLiteral("points.gpkg")), kProjected));
    QVERIFY(writePoints(m_dir.filePath(QStringLiteral("polygons.gpkg")), kProjected, wkbPolygon));
}

void TestHeatmapCommand::csvInLonLat()
{
    const QString csv = m_dir.filePath(QStringLiteral("disputes.csv"));
    QVERIFY(writeText(csv, "lon,lat,weight\r\n113.31,23.11,1\r\n113.40,23.15,2\r\n\r\n113.44,23.19,3\r\n"));
    const QString tif = m_dir.filePath(QStringLiteral("csv.tif"));
    const Run run = runHeatmap({ QStringLiteral("--points"), csv, QStringLiteral("--radius"), QStringLiteral("200"),
        QStringLiteral("--pixel"), QStringLiteral("20"), QStringLiteral("--out"), tif });
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    QVERIFY(run.out.contains(QLatin1String("3 points")));

    Raster raster;
    QVERIFY(readRaster(tif, &raster));
    QCOMPARE(raster.epsg, QStringLiteral("3857"));
    const double minX = mercatorX(113.31);
    const double maxX = mercatorX(113.44);
    const double minY = mercatorY(23.11);
    const double maxY = mercatorY(23.19);
    // QGIS's grid: the extent padded by the radius, ceil(size / pixel) + 1 pixels.
    QVERIFY(std::abs(raster.transform[0] - (minX - 200)) < 0.01);
    QVERIFY(std::abs(raster.transform[3] - (maxY + 200)) < 0.01);
    QCOMPARE(raster.transform[1], 20.0);
    QCOMPARE(raster.transform[5], -20.0);
    QCOMPARE(raster.width, int(std::ceil((maxX - minX + 400) / 20)) + 1);
    QCOMPARE(raster.height, int(std::ceil((maxY - minY + 400) / 20)) + 1);
    // Points are kilometres apart: each one's own pixel holds its weight times K(0) = 1.
    const double x = mercatorX(113.40);
    const double y = mercatorY(23.15);
    const int col = int(std::floor((x - raster.transform[0]) / 20));
    const int row = int(std::floor((raster.transform[3] - y) / 20));
    QCOMPARE(raster.at(col, row), 2.f);
    QVERIFY(raster.at(col + 1, row) < 2.f && raster.at(col + 1, row) > 1.5f);
    QCOMPARE(raster.at(0, 0), 0.f);
    QCOMPARE(*std::max_element(raster.values.begin(), raster.values.end()), 3.f);
}

void TestHeatmapCommand::geoPackageInGaussKruger()
{
    const QString tif = m_dir.filePath(QStringLiteral("gpkg.tif"));
    const Run run = runHeatmap({ QStringLiteral("--points"), m_dir.filePath(QStringLiteral("points.gpkg")),
        QStringLiteral("--radius"), QStringLiteral("100"), QStringLiteral("--pixel"), QStringLiteral("10"),
        QStringLiteral("--out"), tif, QStringLiteral("--weight-field"), QStringLiteral("level_weight") });
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    Raster raster;
    QVERIFY(readRaster(tif, &raster));
    QCOMPARE(raster.epsg, QStringLiteral("4547")); // the input's own projected CRS
    QCOMPARE(raster.transform[0], 499900.0);
    QCOMPARE(raster.transform[1], 10.0);
    QCOMPARE(raster.transform[2], 0.0);
    QCOMPARE(raster.transform[3], 2561100.0);
    QCOMPARE(raster.transform[4], 0.0);
    QCOMPARE(raster.transform[5], -10.0);
    QCOMPARE(raster.width, 221); // (2000 + 2 * 100) / 10 + 1
    QCOMPARE(raster.height, 121);
    // The red dispute's pixel: its own weight plus the yellow one 30 m away, (1 - 0.3^2)^2.
    QVERIFY(std::abs(raster.at(10, 110) - (4 + 0.8281f)) < 1e-5f);
    QVERIFY(std::abs(raster.at(13, 110) - (1 + 4 * 0.8281f)) < 1e-5f);
    QCOMPARE(raster.at(210, 10), 2.f);
    QCOMPARE(raster.at(100, 60), 0.f);

    // Without the weight field every point counts once.
    const Run unweighted = runHeatmap({ QStringLiteral("--points"), m_dir.filePath(QStringLiteral("points.gpkg")),
        QStringLiteral("--radius"), QStringLiteral("100"), QStringLiteral("--pixel"), QStringLiteral("10"),
        QStringLiteral("--out"), tif });
    QVERIFY2(unweighted.exitCode == 0, qPrintable(unweighted.err));
    QVERIFY(readRaster(tif, &raster));
    QVERIFY(std::abs(raster.at(10, 110) - 1.8281f) < 1e-5f);
}

void TestHeatmapCommand::explicitExtent()
{
    const QString tif = m_dir.filePath(QStringLiteral("extent.tif"));
    const Run run = runHeatmap({ QStringLiteral("--points"), m_dir.filePath(QStringLiteral("points.gpkg")),
        QStringLiteral("--radius"), QStringLiteral("100"), QStringLiteral("--pixel"), QStringLiteral("10"),
        QStringLiteral("--weight-field"), QStringLiteral("level_weight"), QStringLiteral("--extent"),
        QStringLiteral("499950,2559950,500150,2560050"), QStringLiteral("--out"), tif });
    QVERIFY2(run.exitCode == 0, qPrintable(run.err));
    Raster raster;
    QVERIFY(readRaster(tif, &raster));
    QCOMPARE(raster.width, 20);
    QCOMPARE(raster.height, 10);
    QCOMPARE(raster.transform[0], 499950.0);
    QCOMPARE(raster.transform[3], 2560050.0);
    QVERIFY(std::abs(raster.at(5, 5) - (4 + 0.8281f)) < 1e-5f);
}

void TestHeatmapCommand::badInput_data()
{
    QTest::addColumn<QByteArray>("csv"); // written to bad.csv when not empty
    QTest::addColumn<QStringList>("args"); // BAD, GPKG, POLY, DIR are replaced by paths
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");

    const QStringList common = { QStringLiteral("--radius"), QStringLiteral("300"), QStringLiteral("--pixel"),
        QStringLiteral("10"), QStringLiteral("--out"), QStringLiteral("DIR/out.tif") };
    QTest::newRow("missing file") << QByteArray() << (QStringList { QStringLiteral("--points"),
        QStringLiteral("DIR/nothing.gpkg") } + common) << 1 << QStringLiteral("no such file");
    QTest::newRow("bad csv row") << QByteArray("lon,lat\n113.30,23.10\n113.31,abc\n")
                                 << (QStringList { QStringLiteral("--points"), QStringLiteral("BAD") } + common) << 1
                                 << QStringLiteral("line 3");
    QTest::newRow("too few fields") << QByteArray("113.30,23.10\n113.31\n")
                                    << (QStringList { QStringLiteral("--points"), QStringLiteral("BAD") } + common)
                                    << 1 << QStringLiteral("line 2");
    QTest::newRow("nan") << QByteArray("113.30,23.10\n113.31,23.10\nnan,23.1\n")
                         << (QStringList { QStringLiteral("--points"), QStringLiteral("BAD") } + common) << 1
                         << QStringLiteral("line 3");
    QTest::newRow("latitude out of range") << QByteArray("113.30,23.10\n113.31,95\n")
                                           << (QStringList { QStringLiteral("--points"), QStringLiteral("BAD") } + common)
                                           << 1 << QStringLiteral("latitude 95");
    QTest::newRow("negative weight") << QByteArray("113.30,23.10,-2\n")
                                     << (QStringList { QStringLiteral("--points"), QStringLiteral("BAD") } + common)
                                     << 1 << QStringLiteral("line 1");
    QTest::newRow("polygon layer") << QByteArray() << (QStringList { QStringLiteral("--points"), QStringLiteral("POLY") } + common)
                                   << 1 << QStringLiteral("not points");
    QTest::newRow("unknown weight field")
        << QByteArray() << (QStringList { QStringLiteral("--points"), QStringLiteral("GPKG"), QStringLiteral("--weight-field"), QStringLiteral("nope") } + common)
        << 1 << QStringLiteral("no field \"nope\"");
    QTest::newRow("zero radius") << QByteArray()
                                 << QStringList { QStringLiteral("--points"), QStringLiteral("GPKG"), QStringLiteral("--radius"),
                                        QStringLiteral("0"), QStringLiteral("--pixel"), QStringLiteral("10"),
                                        QStringLiteral("--out"), QStringLiteral("DIR/out.tif") }
                                 << 2 << QStringLiteral("--radius");
    QTest::newRow("negative pixel") << QByteArray()
                                    << QStringList { QStringLiteral("--points"), QStringLiteral("GPKG"), QStringLiteral("--radius"),
                                           QStringLiteral("300"), QStringLiteral("--pixel"), QStringLiteral("-5"),
                                           QStringLiteral("--out"), QStringLiteral("DIR/out.tif") }
                                    << 2 << QStringLiteral("--pixel");
    QTest::newRow("missing output option") << QByteArray()
                                           << QStringList { QStringLiteral("--points"), QStringLiteral("GPKG"), QStringLiteral("--radius"),
                                                  QStringLiteral("300"), QStringLiteral("--pixel"), QStringLiteral("10") }
                                           << 2 << QStringLiteral("--out");
    QTest::newRow("bad extent") << QByteArray()
                                << (QStringList { QStringLiteral("--points"), QStringLiteral("GPKG"), QStringLiteral("--extent"), QStringLiteral("5,5,1") } + common)
                                << 2 << QStringLiteral("--extent");
    QTest::newRow("raster too large") << QByteArray("113.0,23.0\n114.0,23.5\n")
                                      << QStringList { QStringLiteral("--points"), QStringLiteral("BAD"), QStringLiteral("--radius"),
                                             QStringLiteral("10"), QStringLiteral("--pixel"), QStringLiteral("1"),
                                             QStringLiteral("--out"), QStringLiteral("DIR/out.tif") }
                                      << 1 << QStringLiteral("at most 20000");
    QTest::newRow("unwritable output") << QByteArray()
                                       << QStringList { QStringLiteral("--points"), QStringLiteral("GPKG"), QStringLiteral("--radius"),
                                              QStringLiteral("100"), QStringLiteral("--pixel"), QStringLiteral("10"),
                                              QStringLiteral("--out"), QStringLiteral("DIR/no/such/dir/out.tif") }
                                       << 1 << QStringLiteral("Cannot create");
}

void TestHeatmapCommand::badInput()
{
    QFETCH(QByteArray, csv);
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    const QString bad = m_dir.filePath(QStringLiteral("bad.csv"));
    if (!csv.isEmpty())
        QVERIFY(writeText(bad, csv));
    for (QString& a : args) {
        if (a == QLatin1String("BAD"))
            a = bad;
        else if (a == QLatin1String("GPKG"))
            a = m_dir.filePath(QStringLiteral("points.gpkg"));
        else if (a == QLatin1String("POLY"))
            a = m_dir.filePath(QStringLiteral("polygons.gpkg"));
        else
            a.replace(QLatin1String("DIR"), m_dir.path());
    }
    QFile::remove(m_dir.filePath(QStringLiteral("out.tif")));
    const Run run = runHeatmap(args);
    QCOMPARE(run.exitCode, exitCode);
    QVERIFY2(run.err.contains(message), qPrintable(run.err));
    QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("out.tif"))));
    QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("out.tif.partial"))));
}

void TestHeatmapCommand::failureKeepsExistingOutput()
{
    const QString tif = m_dir.filePath(QStringLiteral("keep.tif"));
    QVERIFY(writeText(tif, "previous raster"));
    const QString bad = m_dir.filePath(QStringLiteral("bad2.csv"));
    QVERIFY(writeText(bad, "113.30,23.10\n113.31,north\n"));
    const Run run = runHeatmap({ QStringLiteral("--points"), bad, QStringLiteral("--radius"), QStringLiteral("300"),
        QStringLiteral("--pixel"), QStringLiteral("10"), QStringLiteral("--out"), tif });
    QCOMPARE(run.exitCode, 1);
    QFile file(tif);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), QByteArray("previous raster"));
}

QTEST_GUILESS_MAIN(TestHeatmapCommand)
#include "tst_heatmapcommand.moc"
