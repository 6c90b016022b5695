// Geometry values: blobs, containment, areas, distances and area codes.

#include "models/domain/area.h"
#include "models/domain/geo.h"

#include <QTest>

using namespace gridhall;

class TestGeo : public QObject {
    Q_OBJECT
private slots:
    void blobRoundTrip();
    void corruptBlobsAreRejected_data();
    void corruptBlobsAreRejected();
    void containsRespectsHoles();
    void centroidAndArea();
    void distance();
    void areaCodes();
};

static MultiPolygon square(double x, double y, double size)
{
    Polygon p;
    p.outer = { { x, y }, { x + size, y }, { x + size, y + size }, { x, y + size } };
    return MultiPolygon { { p } };
}

void TestGeo::blobRoundTrip()
{
    MultiPolygon m = square(113.3, 23.1, 0.01);
    m.parts[0].holes.append({ { 113.302, 23.102 }, { 113.304, 23.102 }, { 113.304, 23.104 } });
    m.parts.append(square(113.4, 23.15, 0.002).parts);
    bool ok = false;
    QCOMPARE(MultiPolygon::fromBlob(m.toBlob(), &ok), m);
    QVERIFY(ok);
    const LineString line { { 113.31, 23.11 }, { 113.32, 23.12 }, { 113.33, 23.125 } };
    QCOMPARE(lineFromBlob(lineToBlob(line), &ok), line);
    QVERIFY(ok);
}

void TestGeo::corruptBlobsAreRejected_data()
{
    QTest::addColumn<QByteArray>("blob");
    const QByteArray good = square(1, 2, 3).toBlob();
    QTest::addRow("empty") << QByteArray();
    QTest::addRow("truncated") << good.left(good.size() - 3);
    QTest::addRow("trailing bytes") << good + QByteArray("xx");
    QByteArray wrongMagic = good;
    wrongMagic[0] = 'Z';
    QTest::addRow("wrong magic") << wrongMagic;
    QByteArray hugeCount = good;
    hugeCount[4] = char(0xff);
    hugeCount[5] = char(0xff);
    hugeCount[6] = char(0xff);
    hugeCount[7] = char(0x7f);
    QTest::addRow("absurd part count") << hugeCount;
}

void TestGeo::corruptBlobsAreRejected()
{
    QFETCH(QByteArray, blob);
    bool ok = true;
    MultiPolygon::fromBlob(blob, &ok);
    QVERIFY(!ok);
}

void TestGeo::containsRespectsHoles()
{
    MultiPolygon m = square(0, 0, 10);
    m.parts[0].holes.append({ { 4, 4 }, { 6, 4 }, { 6, 6 }, { 4, 6 } });
    QVERIFY(m.contains({ 1, 1 }));
    QVERIFY(!m.contains({ 5, 5 }));
    QVERIFY(!m.contains({ 11, 5 }));
    QCOMPARE(m.areaDeg2(), 96.0);
    QVERIFY(m.bounds().contains({ 5, 5 }));
}

void TestGeo::centroidAndArea()
{
    const MultiPolygon m = square(2, 4, 2);
    QCOMPARE(m.centroid(), (LonLat { 3, 5 }));
    QCOMPARE(m.areaDeg2(), 4.0);
}

void TestGeo::distance()
{
    // One degree of latitude is about 111.2 km everywhere.
    QVERIFY(qAbs(distanceMetres({ 113.3, 23.1 }, { 113.3, 24.1 }) - 111195) < 50);
    QCOMPARE(distanceMetres({ 113.3, 23.1 }, { 113.3, 23.1 }), 0.0);
}

void TestGeo::areaCodes()
{
    AreaLevel level;
    QVERIFY(areacode::levelOf(QStringLiteral("440106"), &level));
    QCOMPARE(level, AreaLevel::District);
    QVERIFY(areacode::levelOf(QStringLiteral("440106001002003"), &level));
    QCOMPARE(level, AreaLevel::Grid);
    QVERIFY(!areacode::levelOf(QStringLiteral("44010600"), &level));
    QVERIFY(!areacode::levelOf(QStringLiteral("44010600A"), &level));
    QCOMPARE(areacode::parentOf(QStringLiteral("440106001002003")), QStringLiteral("440106001002"));
    QCOMPARE(areacode::parentOf(QStringLiteral("440106001")), QStringLiteral("440106"));
    QVERIFY(areacode::isWithin(QStringLiteral("440106001002003"), QStringLiteral("440106001")));
    QVERIFY(!areacode::isWithin(QStringLiteral("440106002002003"), QStringLiteral("440106001")));
}

QTEST_GUILESS_MAIN(TestGeo)
#include "tst_geo.moc"
