// WGS84 ↔ GCJ-02: known offsets, round trips to < 1e-7°, passthrough outside China.

#include "maps/gcj02.h"

#include <QTest>

#include <cmath>

using namespace gridhall;

class TestGcj02 : public QObject {
    Q_OBJECT
private slots:
    void knownBeijingPoint();
    void guangzhouOffsetIsHundredsOfMetres();
    void roundTrip_data();
    void roundTrip();
    void outsideChinaPassesThrough();
};

void TestGcj02::knownBeijingPoint()
{
    // The reference pair published with the widely used open-source converters.
    const LonLat gcj = gcj02::fromWgs84({ 116.404, 39.915 });
    QVERIFY2(std::abs(gcj.lon - 116.41024449916938) < 1e-9, qPrintable(QString::number(gcj.lon, 'f', 12)));
    QVERIFY2(std::abs(gcj.lat - 39.91640428150164) < 1e-9, qPrintable(QString::number(gcj.lat, 'f', 12)));
}

void TestGcj02::guangzhouOffsetIsHundredsOfMetres()
{
    const LonLat wgs { 113.3245, 23.1291 }; // Tianhe, Guangzhou
    const LonLat gcj = gcj02::fromWgs84(wgs);
    const double metres = distanceMetres(wgs, gcj);
    QVERIFY2(metres > 300 && metres < 800, qPrintable(QString::number(metres)));
    // In Guangzhou GCJ-02 lies east and south of WGS84.
    QVERIFY(gcj.lon > wgs.lon + 0.004);
    QVERIFY(gcj.lat < wgs.lat - 0.002);
}

void TestGcj02::roundTrip_data()
{
    QTest::addColumn<double>("lon");
    QTest::addColumn<double>("lat");
    QTest::newRow("guangzhou") << 113.3245 << 23.1291;
    QTest::newRow("beijing") << 116.391 << 39.907;
    QTest::newRow("urumqi") << 87.617 << 43.826;
    QTest::newRow("harbin") << 126.535 << 45.802;
    QTest::newRow("sanya") << 109.512 << 18.252;
    QTest::newRow("chengdu") << 104.066 << 30.572;
}

void TestGcj02::roundTrip()
{
    QFETCH(double, lon);
    QFETCH(double, lat);
    const LonLat wgs { lon, lat };
    const LonLat gcj = gcj02::fromWgs84(wgs);
    QVERIFY(distanceMetres(wgs, gcj) > 50); // really shifted
    const LonLat back = gcj02::toWgs84(gcj);
    QVERIFY2(std::abs(back.lon - lon) < 1e-7, qPrintable(QString::number(back.lon - lon)));
    QVERIFY2(std::abs(back.lat - lat) < 1e-7, qPrintable(QString::number(back.lat - lat)));
    // And the other way round: a GCJ-02 tile corner lands where it should.
    const LonLat wgsOfGcj = gcj02::toWgs84(wgs);
    const LonLat again = gcj02::fromWgs84(wgsOfGcj);
    QVERIFY(std::abs(again.lon - lon) < 1e-7 && std::abs(again.lat - lat) < 1e-7);
}

void TestGcj02::outsideChinaPassesThrough()
{
    for (LonLat p : { LonLat { 2.35, 48.85 }, LonLat { -74.0, 40.7 }, LonLat { 139.7, 35.7 }, LonLat { 0, 0 } }) {
        QVERIFY(gcj02::outsideChina(p));
        QCOMPARE(gcj02::fromWgs84(p), p);
        QCOMPARE(gcj02::toWgs84(p), p);
    }
    QVERIFY(!gcj02::outsideChina({ 113.3, 23.1 }));
}

QTEST_GUILESS_MAIN(TestGcj02)
#include "tst_gcj02.moc"
