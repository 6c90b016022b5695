// Level of detail of the case markers (issue 15): at district zoom cases aggregate into
// clusters whose counts add up to the cases in view and whose colour is the worst dispute
// inside; a red dispute among thousands of yellow ones shows as a red cluster; markers
// split apart when zoomed in; grid colours and the heatmap still show between clusters.

#include "maps/areaslayer.h"
#include "maps/caseslayer.h"
#include "maps/heatlayer.h"
#include "maps/labelslayer.h"
#include "maps/mapscene.h"

#include "mapfixture.h"

#include <QRandomGenerator>
#include <QTest>

using namespace gridhall;
namespace fx = gridhall::testfixture;

namespace {

bool near(QRgb a, QColor b, int tolerance = 12)
{
    return std::abs(qRed(a) - b.red()) <= tolerance && std::abs(qGreen(a) - b.green()) <= tolerance
        && std::abs(qBlue(a) - b.blue()) <= tolerance;
}

QString describe(QRgb c) { return QStringLiteral("#%1").arg(c & 0xffffff, 6, 16, QLatin1Char('0')); }

// Cases scattered over the fixture's 3×3 cells (~600 m × 550 m), seeded.
QList<CaseMarker> scattered(int count, DisputeLevel dispute, qint64 firstId = 1, bool overdue = false)
{
    QRandomGenerator rng(1500 + count);
    QList<CaseMarker> out;
    for (int i = 0; i < count; ++i) {
        const LonLat p { fx::kWest + rng.generateDouble() * 3 * fx::kCell, fx::kNorth - rng.generateDouble() * 3 * fx::kCell };
        out.append({ firstId + i, p, CaseState::Handling, dispute, overdue, true });
    }
    return out;
}

// The whole fixture in a 400×300 view: "district zoom" for this small district.
Viewport districtView() { return Viewport(fx::cellCentre(1, 1), 15.5, QSize(400, 300)); }

int total(const QList<CaseCluster>& shown)
{
    int n = 0;
    for (const CaseCluster& c : shown)
        n += c.count;
    return n;
}

} // namespace

class TestCaseClusters : public QObject {
    Q_OBJECT
private slots:
    void countsAddUpAtDistrictZoom();
    void worstColourWins();
    void redDisputeStandsOutAmongThousands();
    void markersSplitWhenZoomedIn();
    void gridAndHeatShowUnderClusters();
    void wallScaleMakesBiggerClusters();
    void namesNeverHideARedDispute();
};

void TestCaseClusters::countsAddUpAtDistrictZoom()
{
    CasesLayer cases;
    cases.setCases(scattered(2000, DisputeLevel::None));
    const Viewport v = districtView();
    const QList<CaseCluster> shown = cases.clustersFor(v);
    QCOMPARE(total(shown), 2000); // every case in view is in exactly one cluster or marker
    QVERIFY2(shown.size() < 60, qPrintable(QString::number(shown.size())));
    // No two clusters sit on top of each other.
    for (qsizetype i = 0; i < shown.size(); ++i)
        for (qsizetype j = i + 1; j < shown.size(); ++j) {
            const QPointF d = shown[i].pixel - shown[j].pixel;
            QVERIFY2(std::hypot(d.x(), d.y()) > 20, qPrintable(QStringLiteral("%1 and %2").arg(i).arg(j)));
        }
    // The district half out of the view: only the cases in it (and a cell's margin) count.
    Viewport west = v;
    west.panBy(QPointF(250, 0)); // the ~190 px wide district moves right to x 355–545
    const QList<CaseCluster> westShown = cases.clustersFor(west);
    QVERIFY2(total(westShown) < 2000 && total(westShown) > 0, qPrintable(QString::number(total(westShown))));
}

void TestCaseClusters::worstColourWins()
{
    CasesLayer cases;
    // All the cases within a few metres: one cluster at district zoom.
    QList<CaseMarker> markers;
    for (int i = 0; i < 30; ++i)
        markers.append({ i + 1, { fx::kWest + 0.0001 + i * 0.000005, fx::kNorth - 0.0001 }, CaseState::Handling,
            i < 20 ? DisputeLevel::Yellow : DisputeLevel::None, false, true });
    cases.setCases(markers);
    const Viewport v = districtView();
    auto only = [&] {
        const QList<CaseCluster> shown = cases.clustersFor(v);
        return shown.size() == 1 ? shown.first() : CaseCluster {};
    };
    QCOMPARE(only().count, 30);
    QCOMPARE(only().worstDispute, DisputeLevel::Yellow);
    QCOMPARE(only().overdue, 0);
    cases.upsertCase({ 31, { fx::kWest + 0.0001, fx::kNorth - 0.00012 }, CaseState::Handling, DisputeLevel::Orange, true, true });
    QCOMPARE(only().worstDispute, DisputeLevel::Orange);
    QCOMPARE(only().overdue, 1);
    cases.upsertCase({ 32, { fx::kWest + 0.00012, fx::kNorth - 0.0001 }, CaseState::Handling, DisputeLevel::Red, false, true });
    QCOMPARE(only().worstDispute, DisputeLevel::Red);
    QCOMPARE(only().count, 32);
    // The red one closes: orange again.
    cases.removeCase(32);
    QCOMPARE(only().worstDispute, DisputeLevel::Orange);
    QVERIFY(CasesLayer::clusterColour(DisputeLevel::Red) != CasesLayer::clusterColour(DisputeLevel::Orange));
    QVERIFY(CasesLayer::clusterColour(DisputeLevel::None) != CasesLayer::clusterColour(DisputeLevel::Yellow));
}

void TestCaseClusters::redDisputeStandsOutAmongThousands()
{
    MapScene scene;
    scene.setBackgroundColor(Qt::black);
    auto* cases = scene.addLayer(std::make_unique<CasesLayer>());
    QList<CaseMarker> markers = scattered(5000, DisputeLevel::Yellow);
    const LonLat redAt = fx::cellCentre(2, 0);
    markers.append({ 9999, redAt, CaseState::Reported, DisputeLevel::Red, false, true });
    cases->setCases(markers);
    const Viewport v = districtView();
    const QList<CaseCluster> shown = cases->clustersFor(v);
    QCOMPARE(total(shown), 5001);
    int red = 0;
    CaseCluster redCluster;
    for (const CaseCluster& c : shown)
        if (c.worstDispute == DisputeLevel::Red) {
            ++red;
            redCluster = c;
        }
    QCOMPARE(red, 1);
    QVERIFY(redCluster.count > 10); // among the yellow ones, not alone
    const QPointF d = redCluster.pixel - v.toPixel(redAt);
    QVERIFY2(std::hypot(d.x(), d.y()) < CasesLayer::kClusterCell, qPrintable(QString::number(std::hypot(d.x(), d.y()))));
    // On the rendered image: red where that cluster is (beside its count), nowhere else.
    const QImage img = scene.renderToImage(v);
    const QColor redFill = CasesLayer::clusterColour(DisputeLevel::Red);
    const QPointF probe = redCluster.pixel + QPointF(0, 9);
    const QRgb at = img.pixel(probe.toPoint());
    QVERIFY2(near(at, redFill), qPrintable(describe(at)));
    int redPixels = 0, farRedPixels = 0;
    for (int y = 0; y < img.height(); ++y)
        for (int x = 0; x < img.width(); ++x)
            if (near(img.pixel(x, y), redFill, 20)) {
                ++redPixels;
                farRedPixels += std::hypot(x - redCluster.pixel.x(), y - redCluster.pixel.y()) > 25 ? 1 : 0;
            }
    QVERIFY2(redPixels > 100, qPrintable(QString::number(redPixels)));
    QCOMPARE(farRedPixels, 0);
    // The yellow clusters are yellow.
    for (const CaseCluster& c : shown)
        if (c.count > 20 && c.worstDispute == DisputeLevel::Yellow) {
            const QRgb y = img.pixel((c.pixel + QPointF(0, 9)).toPoint());
            QVERIFY2(near(y, CasesLayer::clusterColour(DisputeLevel::Yellow)), qPrintable(describe(y)));
            break;
        }
}

void TestCaseClusters::markersSplitWhenZoomedIn()
{
    CasesLayer cases;
    // Five cases 40 m apart along a street.
    QList<CaseMarker> markers;
    for (int i = 0; i < 5; ++i)
        markers.append({ i + 1, { fx::kWest + 0.001 + i * 0.0004, fx::kNorth - 0.001 }, CaseState::Registered,
            DisputeLevel::None, false, true });
    cases.setCases(markers);
    const LonLat middle { fx::kWest + 0.0018, fx::kNorth - 0.001 };
    const QList<CaseCluster> far = cases.clustersFor(Viewport(middle, 13, QSize(400, 300)));
    QCOMPARE(far.size(), 1);
    QCOMPARE(far.first().count, 5);
    const QList<CaseCluster> close = cases.clustersFor(Viewport(middle, 18, QSize(800, 600)));
    QCOMPARE(close.size(), 5);
    QSet<qint64> ids;
    for (const CaseCluster& c : close) {
        QCOMPARE(c.count, 1);
        ids.insert(c.caseId);
    }
    QCOMPARE(ids, (QSet<qint64> { 1, 2, 3, 4, 5 }));
    // A click on the far cluster finds it and the box of its cases, which a zoom to shows apart.
    const Viewport farView(middle, 13, QSize(400, 300));
    const std::optional<CaseCluster> hit = cases.clusterAt(far.first().pixel + QPointF(3, -2), farView);
    QVERIFY(hit);
    QCOMPARE(hit->count, 5);
    QVERIFY(std::abs(hit->bounds.west - markers[0].pos.lon) < 1e-7 && std::abs(hit->bounds.east - markers[4].pos.lon) < 1e-7);
    QVERIFY(!cases.clusterAt(far.first().pixel + QPointF(40, 0), farView));
    Viewport zoomed(middle, 13, QSize(400, 300));
    zoomed.fitBox(hit->bounds, 80);
    QCOMPARE(cases.clustersFor(zoomed).size(), 5);
    // Two cases at one address stay a cluster of two at any zoom.
    cases.upsertCase({ 6, markers[2].pos, CaseState::Handling, DisputeLevel::None, false, true });
    const QList<CaseCluster> closest = cases.clustersFor(Viewport(middle, 20, QSize(3000, 600)));
    QCOMPARE(closest.size(), 5);
    QCOMPARE(total(closest), 6);
}

void TestCaseClusters::gridAndHeatShowUnderClusters()
{
    MapScene scene;
    scene.setBackgroundColor(Qt::black);
    auto* areas = scene.addLayer(std::make_unique<AreasLayer>());
    areas->setAreas({}, {}, fx::grids());
    areas->setOpacity(1);
    for (int r = 0; r < 3; ++r)
        for (int c = 0; c < 3; ++c)
            areas->setGridStats(fx::gridCode(r, c), GridStats { 30, DisputeLevel::None, 0 });
    auto* heat = scene.addLayer(std::make_unique<HeatLayer>());
    heat->setOpacity(1);
    GeoBox box;
    box.include(LonLat { fx::kWest - 0.01, fx::kNorth + 0.01 });
    box.include(LonLat { fx::kWest + 0.02, fx::kNorth - 0.02 });
    heat->setExtent(box, 10, 300);
    heat->setSamples({ { fx::cellCentre(1, 1), 8 }, { fx::cellCentre(1, 1), 8 } });
    const Viewport v = districtView();
    const QImage under = scene.renderToImage(v);
    auto* cases = scene.addLayer(std::make_unique<CasesLayer>());
    cases->setCases(scattered(3000, DisputeLevel::Orange, 1, true));
    const QImage over = scene.renderToImage(v);
    // Inside the district, most pixels still show the grid colours and the heat.
    const QRectF district(v.toPixel({ fx::kWest, fx::kNorth }), v.toPixel({ fx::kWest + 3 * fx::kCell, fx::kNorth - 3 * fx::kCell }));
    int inside = 0, same = 0;
    for (int y = int(district.top()) + 1; y < int(district.bottom()); ++y)
        for (int x = int(district.left()) + 1; x < int(district.right()); ++x) {
            ++inside;
            same += over.pixel(x, y) == under.pixel(x, y) ? 1 : 0;
        }
    QVERIFY2(same > inside / 2, qPrintable(QStringLiteral("%1 of %2").arg(same).arg(inside)));
    // The heat shows through between clusters at its hot spot, and clusters are drawn.
    const QList<CaseCluster> shown = cases->clustersFor(v);
    QVERIFY(!shown.isEmpty());
    const QPointF hot = v.toPixel(fx::cellCentre(1, 1));
    bool heatSeen = false;
    for (int dy = -30; dy <= 30 && !heatSeen; ++dy)
        for (int dx = -30; dx <= 30 && !heatSeen; ++dx) {
            const QPoint p = (hot + QPointF(dx, dy)).toPoint();
            heatSeen = over.pixel(p) == under.pixel(p) && under.pixel(p) != areas->fillColour(fx::gridCode(1, 1)).rgb();
        }
    QVERIFY(heatSeen);
    const QRgb bubble = over.pixel((shown.first().pixel + QPointF(0, 9)).toPoint());
    QVERIFY2(near(bubble, CasesLayer::clusterColour(DisputeLevel::Orange)), qPrintable(describe(bubble)));
}

void TestCaseClusters::wallScaleMakesBiggerClusters()
{
    CasesLayer cases;
    cases.setCases(scattered(2000, DisputeLevel::None));
    const Viewport v = districtView();
    const qsizetype desk = cases.clustersFor(v).size();
    cases.setMarkerScale(2.5);
    const QList<CaseCluster> wall = cases.clustersFor(v);
    QVERIFY2(wall.size() < desk, qPrintable(QStringLiteral("%1 vs %2").arg(wall.size()).arg(desk)));
    QCOMPARE(total(wall), 2000);
    const QImage small = CasesLayer::clusterSprite(DisputeLevel::Red, true, 120, 1.0);
    const QImage big = CasesLayer::clusterSprite(DisputeLevel::Red, true, 120, 1.0, 2.5);
    QVERIFY(big.width() > 2 * small.width());
}

void TestCaseClusters::namesNeverHideARedDispute()
{
    MapScene scene;
    scene.setBackgroundColor(Qt::black);
    // Added before the cases, as the app does; the stage still puts names underneath.
    auto* labels = scene.addLayer(std::make_unique<LabelsLayer>());
    labels->setTheme(MapTheme::Workstation); // dark text on a white halo
    const LonLat at = fx::cellCentre(1, 1);
    labels->setLabels({ MapLabel { at, QStringLiteral("石牌街道石牌街道"), 3 } });
    auto* cases = scene.addLayer(std::make_unique<CasesLayer>());
    cases->setCases({ { 1, at, CaseState::Reported, DisputeLevel::Red, false, true } });
    const Viewport v = districtView();
    QCOMPARE(labels->placedLabels(v).size(), 1);
    const QRgb px = scene.renderToImage(v).pixel(v.toPixel(at).toPoint());
    QVERIFY2(near(px, CasesLayer::markerColour(*cases->marker(1))), qPrintable(describe(px)));
}

QTEST_MAIN(TestCaseClusters)
#include "tst_caseclusters.moc"
