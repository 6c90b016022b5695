// Trail thinning by distance and heading, window pruning, bad input.

#include "maps/trail.h"

#include <QTest>

#include <cmath>
#include <numbers>

using namespace gridhall;

namespace {
// A point offset from origin by metres east/north (flat approximation, fine for a few km).
LonLat offset(LonLat origin, double east, double north)
{
    const double mPerDegLat = 111320.0;
    const double mPerDegLon = mPerDegLat * std::cos(origin.lat * std::numbers::pi / 180.0);
    return { origin.lon + east / mPerDegLon, origin.lat + north / mPerDegLat };
}
const LonLat kOrigin { 113.3245, 23.1291 };
} // namespace

class TestTrail : public QObject {
    Q_OBJECT
private slots:
    void straightWalkKeepsTwoVertices();
    void rightAngleTurnKeepsCorner();
    void jitterWhileStandingDoesNotGrow();
    void smallMoveIgnoredStraightMoveSlides();
    void gradualCurveAddsVertices();
    void outOfOrderAndBadFixesIgnored();
    void dropOlderThanKeepsNewest();
    void bearingsAndTurns_data();
    void bearingsAndTurns();
    void maxPointsBound();
};

void TestTrail::straightWalkKeepsTwoVertices()
{
    Trail t;
    for (int i = 0; i <= 100; ++i)
        t.add(offset(kOrigin, i * 10.0, 0), 1000LL * i);
    QCOMPARE(t.size(), 2);
    QCOMPARE(t.points().first().pos, kOrigin);
    const LonLat end = offset(kOrigin, 1000, 0);
    QVERIFY(distanceMetres(t.points().last().pos, end) < 1e-6);
    QCOMPARE(t.points().last().timeMs, 100000);
    QVERIFY(std::abs(t.lengthMetres() - 1000) < 2);
}

void TestTrail::rightAngleTurnKeepsCorner()
{
    Trail t;
    for (int i = 0; i <= 10; ++i)
        t.add(offset(kOrigin, i * 10.0, 0), 1000LL * i);
    for (int i = 1; i <= 10; ++i)
        QVERIFY(t.add(offset(kOrigin, 100, i * 10.0), 10000 + 1000LL * i) != Trail::Change::Ignored);
    QCOMPARE(t.size(), 3);
    QVERIFY(distanceMetres(t.points()[1].pos, offset(kOrigin, 100, 0)) < 0.01);
    QVERIFY(distanceMetres(t.points()[2].pos, offset(kOrigin, 100, 100)) < 0.01);
}

void TestTrail::jitterWhileStandingDoesNotGrow()
{
    Trail t;
    t.add(kOrigin, 0);
    t.add(offset(kOrigin, 50, 0), 1000);
    const qsizetype before = t.size();
    // ±2 m of GPS noise for ten minutes.
    for (int i = 0; i < 600; ++i) {
        const double a = i * 2.399; // scatter the headings
        t.add(offset(offset(kOrigin, 50, 0), 2 * std::cos(a), 2 * std::sin(a)), 2000 + 1000LL * i);
    }
    QCOMPARE(t.size(), before);
}

void TestTrail::smallMoveIgnoredStraightMoveSlides()
{
    Trail t({ .minMoveMetres = 5, .minTurnDegrees = 20 });
    t.add(kOrigin, 0);
    t.add(offset(kOrigin, 30, 0), 1);
    // A sharp turn but only 3 m: jitter, nothing changes.
    QCOMPARE(t.add(offset(kOrigin, 30, 3), 2), Trail::Change::Ignored);
    QCOMPARE(t.size(), 2);
    // A real move straight on: the last vertex slides.
    QCOMPARE(t.add(offset(kOrigin, 40, 0), 3), Trail::Change::MovedLast);
    QCOMPARE(t.size(), 2);
    QVERIFY(distanceMetres(t.points().last().pos, offset(kOrigin, 40, 0)) < 1e-6);
    QCOMPARE(t.points().last().timeMs, 3);
    // The same turn after a real move keeps a vertex.
    Trail u({ .minMoveMetres = 5, .minTurnDegrees = 20 });
    u.add(kOrigin, 0);
    u.add(offset(kOrigin, 30, 0), 1);
    QCOMPARE(u.add(offset(kOrigin, 30, 12), 2), Trail::Change::Appended);
    QCOMPARE(u.size(), 3);
}

void TestTrail::gradualCurveAddsVertices()
{
    // A quarter circle of radius 200 m walked in 1° steps: nothing turns 20° at once,
    // yet the thinned trail must still follow the curve.
    Trail t;
    for (int deg = 0; deg <= 90; ++deg) {
        const double a = deg * std::numbers::pi / 180.0;
        t.add(offset(kOrigin, 200 * std::sin(a), 200 - 200 * std::cos(a)), 1000LL * deg);
    }
    QVERIFY2(t.size() >= 3 && t.size() <= 12, qPrintable(QString::number(t.size())));
    // Every kept vertex lies on the circle (within GPS-ish tolerance).
    const LonLat centre = offset(kOrigin, 0, 200);
    for (const TrailPoint& p : t.points())
        QVERIFY(std::abs(distanceMetres(p.pos, centre) - 200) < 1.0);
}

void TestTrail::outOfOrderAndBadFixesIgnored()
{
    Trail t;
    QCOMPARE(t.add(kOrigin, 5000), Trail::Change::Appended);
    QCOMPARE(t.add(offset(kOrigin, 100, 0), 4000), Trail::Change::Ignored);
    QCOMPARE(t.add({ std::nan(""), 23 }, 6000), Trail::Change::Ignored);
    QCOMPARE(t.add({ 113, std::numeric_limits<double>::infinity() }, 6000), Trail::Change::Ignored);
    QCOMPARE(t.size(), 1);
    // The first vertex is only followed by a real move.
    QCOMPARE(t.add(offset(kOrigin, 1, 1), 7000), Trail::Change::Ignored);
    QCOMPARE(t.add(offset(kOrigin, 10, 0), 8000), Trail::Change::Appended);
}

void TestTrail::dropOlderThanKeepsNewest()
{
    Trail t;
    // A zig-zag so every fix is a vertex.
    for (int i = 0; i < 10; ++i)
        t.add(offset(kOrigin, i * 20.0, (i % 2) * 20.0), 1000LL * i);
    QCOMPARE(t.size(), 10);
    t.dropOlderThan(5000);
    QCOMPARE(t.size(), 5);
    QCOMPARE(t.points().first().timeMs, 5000);
    t.dropOlderThan(1'000'000);
    QCOMPARE(t.size(), 1);
    QCOMPARE(t.points().first().timeMs, 9000);
}

void TestTrail::bearingsAndTurns_data()
{
    QTest::addColumn<double>("east");
    QTest::addColumn<double>("north");
    QTest::addColumn<double>("bearing");
    QTest::newRow("north") << 0.0 << 100.0 << 0.0;
    QTest::newRow("east") << 100.0 << 0.0 << 90.0;
    QTest::newRow("south") << 0.0 << -100.0 << 180.0;
    QTest::newRow("west") << -100.0 << 0.0 << 270.0;
    QTest::newRow("north-east") << 100.0 << 100.0 << 45.0;
}

void TestTrail::bearingsAndTurns()
{
    QFETCH(double, east);
    QFETCH(double, north);
    QFETCH(double, bearing);
    const double b = Trail::bearingDegrees(kOrigin, offset(kOrigin, east, north));
    QVERIFY2(std::abs(b - bearing) < 0.5, qPrintable(QString::number(b)));
    QCOMPARE(Trail::turnDegrees(350, 10), 20.0);
    QCOMPARE(Trail::turnDegrees(10, 350), 20.0);
    QCOMPARE(Trail::turnDegrees(90, 270), 180.0);
}

void TestTrail::maxPointsBound()
{
    Trail t({ .minMoveMetres = 1, .minTurnDegrees = 10, .maxPoints = 50 });
    for (int i = 0; i < 500; ++i)
        t.add(offset(kOrigin, i * 10.0, (i % 2) * 10.0), 1000LL * i);
    QCOMPARE(t.size(), 50);
    QCOMPARE(t.points().last().timeMs, 499000);
}

QTEST_APPLESS_MAIN(TestTrail)
#include "tst_trail.moc"
