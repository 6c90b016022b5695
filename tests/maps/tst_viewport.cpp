// Web Mercator viewport: projections, round trips, zoom anchors, pans, fitting, transforms.

#include "maps/viewport.h"

#include <QTest>

#include <cmath>

using namespace gridhall;

class TestViewport : public QObject {
    Q_OBJECT
private slots:
    void roundTrip_data();
    void roundTrip();
    void knownPixels();
    void metresPerPixel_data();
    void metresPerPixel();
    void zoomAroundKeepsAnchor_data();
    void zoomAroundKeepsAnchor();
    void zoomClamps();
    void panMovesContent();
    void fitBox();
    void transformFromShiftAndZoom();
    void rejectsNonFiniteZoom();
};

void TestViewport::roundTrip_data()
{
    QTest::addColumn<double>("lon");
    QTest::addColumn<double>("lat");
    QTest::addColumn<double>("zoom");
    QTest::addColumn<double>("dpr");
    QTest::newRow("guangzhou z16") << 113.3245 << 23.1291 << 16.0 << 1.0;
    QTest::newRow("guiyang z18.4 hidpi") << 106.6302 << 26.6470 << 18.4 << 2.0;
    QTest::newRow("harbin z10") << 126.535 << 45.802 << 10.0 << 1.0;
    QTest::newRow("equator origin z3") << 0.0 << 0.0 << 3.0 << 1.25;
    QTest::newRow("southern z12.7") << -58.38 << -34.60 << 12.7 << 1.0;
    QTest::newRow("far north z5") << 20.0 << 80.0 << 5.0 << 1.0;
}

void TestViewport::roundTrip()
{
    QFETCH(double, lon);
    QFETCH(double, lat);
    QFETCH(double, zoom);
    QFETCH(double, dpr);
    const Viewport v({ lon, lat }, zoom, QSize(1920, 1080), dpr);
    QCOMPARE(v.deviceSize(), QSize(int(std::ceil(1920 * dpr)), int(std::ceil(1080 * dpr))));
    // The centre projects to the middle of the view.
    const QPointF c = v.toPixel({ lon, lat });
    QVERIFY(std::abs(c.x() - 960) < 1e-6);
    QVERIFY(std::abs(c.y() - 540) < 1e-6);
    for (QPointF px : { QPointF(0, 0), QPointF(1919.5, 3), QPointF(100.25, 1079), QPointF(960, 540) }) {
        const LonLat ll = v.toLonLat(px);
        const QPointF back = v.toPixel(ll);
        QVERIFY2(std::abs(back.x() - px.x()) < 1e-6 && std::abs(back.y() - px.y()) < 1e-6,
            qPrintable(QStringLiteral("%1,%2 -> %3,%4").arg(px.x()).arg(px.y()).arg(back.x()).arg(back.y())));
    }
    const LonLat centre = v.center();
    QVERIFY(std::abs(centre.lon - lon) < 1e-9);
    QVERIFY(std::abs(centre.lat - lat) < 1e-9);
}

void TestViewport::knownPixels()
{
    // At zoom 1 the world is 512 px wide: lon 0 / lat 0 is its middle; 180°E is its edge.
    const Viewport v({ 0, 0 }, 1, QSize(512, 512));
    QCOMPARE(v.toPixel({ 0, 0 }), QPointF(256, 256));
    QVERIFY(std::abs(v.toPixel({ 180, 0 }).x() - 512) < 1e-9);
    QVERIFY(std::abs(v.toPixel({ -90, 0 }).x() - 128) < 1e-9);
    QVERIFY(std::abs(v.toPixel({ 0, mercator::kMaxLatitude }).y()) < 1e-6);
    // North is up.
    QVERIFY(v.toPixel({ 0, 10 }).y() < v.toPixel({ 0, -10 }).y());
}

void TestViewport::metresPerPixel_data()
{
    QTest::addColumn<double>("lat");
    QTest::addColumn<double>("zoom");
    QTest::addColumn<double>("expected");
    // The familiar tile figures: 156543.03 m/px at zoom 0 on the equator, halved per level.
    QTest::newRow("equator z1") << 0.0 << 1.0 << 78271.517;
    QTest::newRow("equator z17") << 0.0 << 17.0 << 1.19433;
    QTest::newRow("60N z10") << 60.0 << 10.0 << 76.4370;
    QTest::newRow("guangzhou z16") << 23.13 << 16.0 << 2.19665;
}

void TestViewport::metresPerPixel()
{
    QFETCH(double, lat);
    QFETCH(double, zoom);
    QFETCH(double, expected);
    const Viewport v({ 113, lat }, zoom, QSize(800, 600));
    QVERIFY2(std::abs(v.metresPerPixel() - expected) / expected < 1e-4, qPrintable(QString::number(v.metresPerPixel())));
    // Agrees with great-circle distance across 100 px of the centre row (small span: flat is fine).
    const double d = distanceMetres(v.toLonLat({ 350, 300 }), v.toLonLat({ 450, 300 }));
    QVERIFY2(std::abs(d / 100 - v.metresPerPixel()) / v.metresPerPixel() < 5e-3, qPrintable(QString::number(d)));
}

void TestViewport::zoomAroundKeepsAnchor_data()
{
    QTest::addColumn<QPointF>("anchor");
    QTest::addColumn<double>("factor");
    QTest::newRow("in at corner") << QPointF(10, 20) << 2.0;
    QTest::newRow("out at corner") << QPointF(1200, 700) << 0.5;
    QTest::newRow("wheel step at centre") << QPointF(640, 360) << std::exp2(0.25);
    QTest::newRow("big in off-centre") << QPointF(333.3, 101.7) << 16.0;
    QTest::newRow("no-op") << QPointF(5, 5) << 1.0;
}

void TestViewport::zoomAroundKeepsAnchor()
{
    QFETCH(QPointF, anchor);
    QFETCH(double, factor);
    Viewport v({ 113.3245, 23.1291 }, 15.0, QSize(1280, 720));
    const LonLat before = v.toLonLat(anchor);
    v.zoomAround(anchor, factor);
    QVERIFY(std::abs(v.zoom() - (15.0 + std::log2(factor))) < 1e-12);
    const QPointF after = v.toPixel(before);
    QVERIFY2(std::abs(after.x() - anchor.x()) < 1e-6 && std::abs(after.y() - anchor.y()) < 1e-6,
        qPrintable(QStringLiteral("%1,%2").arg(after.x()).arg(after.y())));
}

void TestViewport::zoomClamps()
{
    Viewport v({ 113, 23 }, 20, QSize(100, 100));
    v.zoomAround({ 50, 50 }, 64);
    QCOMPARE(v.zoom(), Viewport::kMaxZoom);
    v.zoomAround({ 50, 50 }, 1e-9);
    QCOMPARE(v.zoom(), Viewport::kMinZoom);
    v.zoomAround({ 50, 50 }, -2); // nonsense factor: ignored
    QCOMPARE(v.zoom(), Viewport::kMinZoom);
}

void TestViewport::panMovesContent()
{
    Viewport v({ 113.3245, 23.1291 }, 16.0, QSize(1000, 800));
    const LonLat p = v.toLonLat({ 200, 300 });
    v.panBy({ 37.5, -12 });
    const QPointF moved = v.toPixel(p);
    QVERIFY(std::abs(moved.x() - 237.5) < 1e-6);
    QVERIFY(std::abs(moved.y() - 288) < 1e-6);
    // Dragging right brings the west into view: the centre goes west.
    QVERIFY(v.center().lon < 113.3245);
}

void TestViewport::fitBox()
{
    Viewport v({ 0, 0 }, 3, QSize(1200, 800));
    GeoBox box;
    box.include(LonLat { 113.25, 23.10 });
    box.include(LonLat { 113.40, 23.20 });
    v.fitBox(box, 20);
    for (LonLat corner : { LonLat { box.west, box.north }, LonLat { box.east, box.south } }) {
        const QPointF px = v.toPixel(corner);
        QVERIFY(px.x() >= 20 - 1e-6 && px.x() <= 1180 + 1e-6);
        QVERIFY(px.y() >= 20 - 1e-6 && px.y() <= 780 + 1e-6);
    }
    // Tight along the limiting axis: one side touches its margin.
    const QPointF nw = v.toPixel({ box.west, box.north });
    const QPointF se = v.toPixel({ box.east, box.south });
    QVERIFY(std::abs((se.x() - nw.x()) - 1160) < 1e-6 || std::abs((se.y() - nw.y()) - 760) < 1e-6);
    GeoBox invalid;
    const Viewport before = v;
    v.fitBox(invalid);
    QVERIFY(v == before);
}

void TestViewport::transformFromShiftAndZoom()
{
    const Viewport source({ 113.3245, 23.1291 }, 16.0, QSize(900, 700));
    Viewport target = source;
    target.setSize(QSize(1000, 600));
    target.panBy({ -40, 25 });
    target.zoomAround({ 300, 200 }, 2);
    const QTransform t = target.transformFrom(source);
    for (QPointF p : { QPointF(0, 0), QPointF(450, 350), QPointF(899, 12) }) {
        const QPointF expected = target.toPixel(source.toLonLat(p));
        const QPointF got = t.map(p);
        QVERIFY(std::abs(expected.x() - got.x()) < 1e-6 && std::abs(expected.y() - got.y()) < 1e-6);
    }
    Viewport shifted = source;
    shifted.panBy({ 13, -7 });
    QVERIFY(shifted.sameScale(source));
    const QTransform s = shifted.transformFrom(source);
    QCOMPARE(s.m11(), 1.0);
    QVERIFY(std::abs(s.dx() - 13) < 1e-6 && std::abs(s.dy() + 7) < 1e-6);
}

void TestViewport::rejectsNonFiniteZoom()
{
    Viewport v({ 113, 23 }, 12, QSize(10, 10));
    v.setZoom(std::nan(""));
    QCOMPARE(v.zoom(), 12.0);
}

QTEST_APPLESS_MAIN(TestViewport)
#include "tst_viewport.moc"
