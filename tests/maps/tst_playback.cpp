// Track playback: interpolated positions, distance, stops, grids covered, bad fixes.

#include "maps/areaslayer.h"
#include "maps/playback.h"

#include "mapfixture.h"

#include <QTest>

#include <cmath>
#include <numbers>

using namespace gridhall;
namespace fx = gridhall::testfixture;

namespace {
LonLat offset(LonLat o, double east, double north)
{
    return { o.lon + east / (111320.0 * std::cos(o.lat * std::numbers::pi / 180)), o.lat + north / 111320.0 };
}
constexpr qint64 kT0 = 1'763'800'000'000;
constexpr qint64 kMin = 60'000;
} // namespace

class TestPlayback : public QObject {
    Q_OBJECT
private slots:
    void positionsInterpolate();
    void distanceWholeAndPartial();
    void stopsLongerThanN();
    void gridsCoveredInOrder();
    void badFixesDropped();
};

void TestPlayback::positionsInterpolate()
{
    const LonLat a = fx::cellCentre(0, 0);
    const LonLat b = offset(a, 100, 0);
    TrackPlayback track({ { b, kT0 + 100'000 }, { a, kT0 } }); // out of order on purpose
    QCOMPARE(track.size(), 2);
    QCOMPARE(track.startMs(), kT0);
    QVERIFY(!track.positionAt(kT0 - 1));
    QVERIFY(!track.positionAt(kT0 + 100'001));
    QCOMPARE(*track.positionAt(kT0), a);
    QCOMPARE(*track.positionAt(kT0 + 100'000), b);
    const LonLat mid = *track.positionAt(kT0 + 25'000);
    QVERIFY(std::abs(distanceMetres(a, mid) - 25) < 0.1);
    QCOMPARE(track.fixesBetween(kT0, kT0 + 100'000).size(), 1);
}

void TestPlayback::distanceWholeAndPartial()
{
    const LonLat o = fx::cellCentre(1, 1);
    // 100 m east, then 100 m north, one fix per 10 m and 10 s.
    QList<TrackFix> fixes;
    for (int i = 0; i <= 10; ++i)
        fixes.append({ offset(o, i * 10.0, 0), kT0 + i * 10'000 });
    for (int i = 1; i <= 10; ++i)
        fixes.append({ offset(o, 100, i * 10.0), kT0 + 100'000 + i * 10'000 });
    TrackPlayback track(fixes);
    QVERIFY(std::abs(track.distanceMetres() - 200) < 0.5);
    QVERIFY(std::abs(track.distanceMetres(kT0 + 50'000, kT0 + 150'000) - 100) < 0.5);
    QVERIFY(std::abs(track.distanceMetres(kT0 + 55'000, kT0 + 56'000) - 1) < 0.05);
    QCOMPARE(track.distanceMetres(kT0 + 500'000, kT0 + 600'000), 0.0);
    QCOMPARE(TrackPlayback().distanceMetres(), 0.0);
}

void TestPlayback::stopsLongerThanN()
{
    const LonLat o = fx::cellCentre(0, 0);
    QList<TrackFix> fixes;
    qint64 t = kT0;
    // Walk 5 min, stand 12 min (with ±5 m noise), walk 3 min, stand 4 min, walk.
    auto walk = [&](int minutes, double& east) {
        for (int i = 0; i < minutes * 2; ++i) {
            east += 40;
            fixes.append({ offset(o, east, 0), t });
            t += 30'000;
        }
    };
    auto stand = [&](int minutes, double east) {
        for (int i = 0; i < minutes * 2; ++i) {
            fixes.append({ offset(o, east + 5 * std::sin(i), 5 * std::cos(i)), t });
            t += 30'000;
        }
    };
    double east = 0;
    walk(5, east);
    const qint64 firstStop = t;
    stand(12, east);
    walk(3, east);
    stand(4, east);
    walk(2, east);
    TrackPlayback track(fixes);
    const QList<TrackStop> longStops = track.stops(10 * kMin);
    QCOMPARE(longStops.size(), 1);
    QVERIFY(std::abs(longStops[0].startMs - firstStop) <= 30'000);
    QVERIFY(longStops[0].durationMs() >= 11 * kMin && longStops[0].durationMs() <= 13 * kMin);
    QVERIFY(distanceMetres(longStops[0].pos, offset(o, 400, 0)) < 10); // 5 min × 2 fixes × 40 m
    QCOMPARE(track.stops(3 * kMin).size(), 2);
    QCOMPARE(track.stops(30 * kMin).size(), 0);
}

void TestPlayback::gridsCoveredInOrder()
{
    AreasLayer areas;
    areas.setAreas({}, {}, fx::grids());
    // Two fixes far apart: across the top row west → east, then down into the middle.
    TrackPlayback track({ { fx::cellCentre(0, 0), kT0 }, { fx::cellCentre(0, 2), kT0 + 300'000 },
        { fx::cellCentre(1, 2), kT0 + 400'000 } });
    const QStringList grids = track.gridsCovered([&areas](LonLat p) { return areas.gridAt(p); });
    QCOMPARE(grids, (QStringList { fx::gridCode(0, 0), fx::gridCode(0, 1), fx::gridCode(0, 2), fx::gridCode(1, 2) }));
    // With only the fixes (huge sample step) the crossed middle cell is missed.
    QCOMPARE(track.gridsCovered([&areas](LonLat p) { return areas.gridAt(p); }, 1e6).size(), 3);
}

void TestPlayback::badFixesDropped()
{
    TrackPlayback track({ { { std::nan(""), 23 }, kT0 }, { { 113.3, 23.1 }, kT0 + 1 }, { { 500, 23 }, kT0 + 2 },
        { { 113.3, 23.1 }, kT0 + 1 }, { { 113.31, 23.1 }, kT0 + 5 } });
    QCOMPARE(track.size(), 2);
    QCOMPARE(track.startMs(), kT0 + 1);
    QVERIFY(TrackPlayback(QList<TrackFix> {}).isEmpty());
    QVERIFY(!TrackPlayback(QList<TrackFix> {}).positionAt(kT0));
}

QTEST_APPLESS_MAIN(TestPlayback)
#include "tst_playback.moc"
