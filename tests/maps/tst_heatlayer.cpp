// The heatmap layer: extent and projection, incremental add/remove, rendering through
// the scene, and renderers isolated from later changes (copy on write).

#include "maps/heatlayer.h"
#include "maps/heatmapio.h"
#include "maps/mapscene.h"
#include "maps/renderjob.h"

#include "mapfixture.h"

#include <QTemporaryDir>
#include <QTest>
#include <gdal_priv.h>
#include <ogr_spatialref.h>

#include <cmath>

using namespace gridhall;
namespace fx = gridhall::testfixture;

namespace {
Viewport view() { return Viewport(fx::cellCentre(1, 1), 16.0, QSize(640, 480)); }
QRgb pixelAt(const QImage& img, QPointF p) { return img.pixel(p.toPoint()); }
GeoBox district()
{
    GeoBox box;
    box.include(LonLat { fx::kWest - 0.01, fx::kNorth + 0.01 });
    box.include(LonLat { fx::kWest + 0.02, fx::kNorth - 0.02 });
    return box;
}
} // namespace

class TestHeatLayer : public QObject {
    Q_OBJECT
private slots:
    void extentAndDensity();
    void rendersWhereDisputesAre();
    void renderersSeeASnapshot();
    void batchEqualsIncremental();
    void badInputIgnored();
    void exportsAsGeoTiff();
};

void TestHeatLayer::extentAndDensity()
{
    HeatLayer heat;
    QVERIFY(!heat.hasExtent());
    QVERIFY(!heat.addSample({ fx::cellCentre(1, 1), 1 }));
    heat.setExtent(district(), 10, 300);
    QVERIFY(heat.hasExtent());
    const HeatmapGridSpec* spec = heat.gridSpec();
    // 3 km × 3.3 km at ~10 m ground pixels (Mercator-stretched by 1/cos 23°).
    QVERIFY2(spec->width > 250 && spec->width < 400, qPrintable(QString::number(spec->width)));
    QVERIFY(std::abs(spec->pixelSize - 10 / std::cos(23.12 * M_PI / 180)) < 0.05);
    QVERIFY(heat.addSample({ fx::cellCentre(1, 1), 4 }));
    const float peak = heat.densityAt(fx::cellCentre(1, 1));
    QVERIFY(peak > 3.5f && peak <= 4.0f);
    // 150 m away on the ground: quartic (1 - 0.25)^2 = 0.5625 of the peak.
    const LonLat east { fx::cellCentre(1, 1).lon + 150 / (111320 * std::cos(23.127 * M_PI / 180)), fx::cellCentre(1, 1).lat };
    const float mid = heat.densityAt(east);
    QVERIFY2(std::abs(mid / 4.0f - 0.5625f) < 0.06f, qPrintable(QString::number(mid)));
    // Beyond the 300 m radius: nothing.
    QCOMPARE(heat.densityAt({ east.lon + 0.004, east.lat }), 0.0f);
    QVERIFY(heat.removeSample({ fx::cellCentre(1, 1), 4 }));
    QVERIFY(std::abs(heat.densityAt(fx::cellCentre(1, 1))) < 1e-4f);
}

void TestHeatLayer::rendersWhereDisputesAre()
{
    MapScene scene;
    scene.setBackgroundColor(Qt::black);
    auto* heat = scene.addLayer(std::make_unique<HeatLayer>());
    heat->setOpacity(1);
    heat->setExtent(district(), 10, 300);
    heat->setSamples({ { fx::cellCentre(1, 1), 4 }, { fx::cellCentre(1, 1), 4 } });
    const Viewport v = view();
    const QImage img = scene.renderToImage(v);
    const QRgb hot = pixelAt(img, v.toPixel(fx::cellCentre(1, 1)));
    QVERIFY2(qRed(hot) > 150 && qRed(hot) > qBlue(hot), qPrintable(QString::number(hot, 16)));
    // Far corner of the view, > 300 m away: untouched.
    QCOMPARE(pixelAt(img, QPointF(5, 5)), qRgb(0, 0, 0));
}

void TestHeatLayer::renderersSeeASnapshot()
{
    HeatLayer heat;
    heat.setOpacity(1);
    heat.setExtent(district(), 10, 300);
    const Viewport v = view();
    auto before = heat.createRenderer(v);
    QVERIFY(heat.addSample({ fx::cellCentre(1, 1), 4 }));
    std::atomic_bool cancel { false };
    const QImage old = RenderJob::renderLayer(v, *before, cancel);
    QCOMPARE(qAlpha(pixelAt(old, v.toPixel(fx::cellCentre(1, 1)))), 0);
    const QImage now = RenderJob::renderLayer(v, *heat.createRenderer(v), cancel);
    QVERIFY(qAlpha(pixelAt(now, v.toPixel(fx::cellCentre(1, 1)))) > 0);
    // Cancelled before it starts: nothing drawn.
    std::atomic_bool cancelled { true };
    const QImage none = RenderJob::renderLayer(v, *heat.createRenderer(v), cancelled);
    QCOMPARE(qAlpha(pixelAt(none, v.toPixel(fx::cellCentre(1, 1)))), 0);
}

void TestHeatLayer::batchEqualsIncremental()
{
    HeatLayer a, b;
    a.setExtent(district());
    b.setExtent(district());
    QList<HeatSample> samples;
    for (int i = 0; i < 50; ++i)
        samples.append({ { fx::kWest + 0.0003 * (i % 10), fx::kNorth - 0.0004 * (i / 10) }, float(1 + i % 3) });
    a.setSamples(samples);
    for (const HeatSample& s : samples)
        QVERIFY(b.addSample(s));
    for (int r = 0; r < 3; ++r)
        for (int c = 0; c < 3; ++c) {
            const float x = a.densityAt(fx::cellCentre(r, c)), y = b.densityAt(fx::cellCentre(r, c));
            QVERIFY2(std::abs(x - y) <= 1e-3f * std::max(1.f, x), qPrintable(QStringLiteral("%1 vs %2").arg(x).arg(y)));
        }
}

void TestHeatLayer::badInputIgnored()
{
    HeatLayer heat;
    heat.setExtent(district());
    QVERIFY(!heat.addSample({ { std::nan(""), 23 }, 1 }));
    QVERIFY(!heat.addSample({ { 113, 23 }, std::numeric_limits<float>::infinity() }));
    QVERIFY(!heat.addSample({ { 0, 0 }, 1 })); // far outside the extent
    heat.setSamples({ { { std::nan(""), 1 }, 1 }, { fx::cellCentre(0, 0), 1 } });
    QVERIFY(heat.densityAt(fx::cellCentre(0, 0)) > 0.5f);
    GeoBox invalid;
    heat.setExtent(invalid);
    QVERIFY(!heat.hasExtent());
}

// What the layer shows is what File > Export dispute heatmap writes: the same densities,
// georeferenced in Web Mercator, readable by GDAL (and so by QGIS).
void TestHeatLayer::exportsAsGeoTiff()
{
    HeatLayer heat;
    heat.setExtent(district(), 10, 300);
    QVERIFY(heat.addSample({ fx::cellCentre(1, 1), 4 }));
    QVERIFY(heat.addSample({ fx::cellCentre(3, 2), 1 }));
    const std::shared_ptr<const HeatmapGrid> grid = heat.grid();
    QVERIFY(grid);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("disputes.tif"));
    QString error;
    QVERIFY2(writeHeatmapGeoTiff(*grid, webMercatorWkt(), path, &error), qPrintable(error));
    // Later changes leave the exported snapshot alone (copy on write).
    QVERIFY(heat.addSample({ fx::cellCentre(1, 1), 4 }));
    QVERIFY(heat.densityAt(fx::cellCentre(1, 1)) > grid->maxValue() * 1.5f);

    GDALAllRegister();
    std::unique_ptr<GDALDataset> ds(GDALDataset::Open(path.toUtf8().constData(), GDAL_OF_RASTER | GDAL_OF_READONLY));
    QVERIFY(ds);
    QCOMPARE(ds->GetRasterXSize(), grid->spec().width);
    QCOMPARE(ds->GetRasterYSize(), grid->spec().height);
    const OGRSpatialReference* srs = ds->GetSpatialRef();
    QVERIFY(srs);
    QCOMPARE(QByteArray(srs->GetAuthorityCode(nullptr)), QByteArray("3857"));
    // The peak pixel of the layer holds the same density in the file.
    const QPointF m = HeatLayer::projectedMetres(fx::cellCentre(1, 1));
    double gt[6] = {};
    QCOMPARE(ds->GetGeoTransform(gt), CE_None);
    const int col = int((m.x() - gt[0]) / gt[1]);
    const int row = int((m.y() - gt[3]) / gt[5]);
    float value = -1;
    QCOMPARE(ds->GetRasterBand(1)->RasterIO(GF_Read, col, row, 1, 1, &value, 1, 1, GDT_Float32, 0, 0), CE_None);
    QVERIFY(value > 0);
    QCOMPARE(value, grid->value(col, row));
}

QTEST_MAIN(TestHeatLayer)
#include "tst_heatlayer.moc"
