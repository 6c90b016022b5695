// The map without a widget: layers rendered into images and probed, cancellation, the
// cache on pans, hit testing, drop targets, labels and pulses.

#include "maps/areaslayer.h"
#include "maps/basemaplayer.h"
#include "maps/casemime.h"
#include "maps/caseslayer.h"
#include "maps/droptarget.h"
#include "maps/labelslayer.h"
#include "maps/mapscene.h"
#include "maps/renderjob.h"
#include "maps/workerslayer.h"

#include "mapfixture.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QPainter>
#include <QThreadPool>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

using namespace gridhall;
namespace fx = gridhall::testfixture;

namespace {

constexpr qint64 kNow = 1'763'800'000'000; // a fixed clock for staleness and trails

Viewport fixtureView(QSize size = QSize(640, 480))
{
    return Viewport(fx::cellCentre(1, 1), 16.0, size);
}

bool near(QRgb a, QColor b, int tolerance = 6)
{
    return std::abs(qRed(a) - b.red()) <= tolerance && std::abs(qGreen(a) - b.green()) <= tolerance
        && std::abs(qBlue(a) - b.blue()) <= tolerance;
}

QString describe(QRgb c) { return QStringLiteral("#%1").arg(c & 0xffffff, 6, 16, QLatin1Char('0')); }

QRgb pixelAt(const QImage& image, QPointF logical)
{
    const qreal dpr = image.devicePixelRatio();
    return image.pixel(int(logical.x() * dpr), int(logical.y() * dpr));
}

// Renders forever in small batches until cancelled; tells when it started.
class SlowLayer : public MapLayer {
public:
    SlowLayer()
        : MapLayer(RenderStage::Cases)
    {
    }
    std::atomic_bool started { false };
    std::atomic_int batches { 0 };
    mutable std::atomic_int renderersCreated { 0 };
    void touch() { requestRepaint(); }
    std::unique_ptr<LayerRenderer> createRenderer(const Viewport&) const override
    {
        ++renderersCreated;
        struct R : LayerRenderer {
            const SlowLayer* layer;
            explicit R(const SlowLayer* l)
                : layer(l)
            {
            }
            void render(QPainter& p, const std::atomic_bool& cancel) override
            {
                const_cast<SlowLayer*>(layer)->started = true;
                QElapsedTimer t;
                t.start();
                while (!cancel.load() && t.elapsed() < 20000) {
                    p.fillRect(QRect(0, 0, 4, 4), Qt::red);
                    ++const_cast<SlowLayer*>(layer)->batches;
                    QThread::msleep(1);
                }
            }
        };
        return std::make_unique<R>(this);
    }
};

// Counts renderer creations; draws one opaque square at a fixed lon/lat.
class CountingLayer : public MapLayer {
public:
    explicit CountingLayer(LonLat at)
        : MapLayer(RenderStage::Cases)
        , m_at(at)
    {
    }
    mutable int created = 0;
    void touch() { requestRepaint(); }
    std::unique_ptr<LayerRenderer> createRenderer(const Viewport& v) const override
    {
        ++created;
        struct R : LayerRenderer {
            QPointF px;
            void render(QPainter& p, const std::atomic_bool&) override
            {
                p.fillRect(QRectF(px - QPointF(3, 3), QSizeF(6, 6)), QColor(0xff, 0x00, 0xff));
            }
        };
        auto r = std::make_unique<R>();
        r->px = v.toPixel(m_at);
        return r;
    }

private:
    LonLat m_at;
};

// Draws one square that hops between two places on every change.
class HoppingLayer : public MapLayer {
public:
    HoppingLayer(LonLat a, LonLat b, QColor colour = QColor(0xff, 0x00, 0xff), RenderStage stage = RenderStage::Cases)
        : MapLayer(stage)
        , m_places { a, b }
        , m_colour(colour)
    {
    }
    int hops = 0;
    void hop()
    {
        ++hops;
        requestRepaint();
    }
    LonLat place() const { return m_places[hops % 2]; }
    std::unique_ptr<LayerRenderer> createRenderer(const Viewport& v) const override
    {
        struct R : LayerRenderer {
            QPointF px;
            QColor colour;
            void render(QPainter& p, const std::atomic_bool&) override
            {
                p.fillRect(QRectF(px - QPointF(3, 3), QSizeF(6, 6)), colour);
            }
        };
        auto r = std::make_unique<R>();
        r->px = v.toPixel(place());
        r->colour = m_colour;
        return r;
    }

private:
    LonLat m_places[2];
    QColor m_colour;
};

// Draws one square; while `held`, a render waits (until released or cancelled) before
// drawing, like a slow area or heat layer that has not caught up with the view yet.
class GatedLayer : public MapLayer {
public:
    GatedLayer(LonLat at, QColor colour)
        : MapLayer(RenderStage::Areas)
        , m_at(at)
        , m_colour(colour)
    {
    }
    std::atomic_bool held { false };
    std::unique_ptr<LayerRenderer> createRenderer(const Viewport& v) const override
    {
        struct R : LayerRenderer {
            const GatedLayer* layer = nullptr;
            QPointF px;
            QColor colour;
            void render(QPainter& p, const std::atomic_bool& cancel) override
            {
                while (layer->held.load() && !cancel.load())
                    QThread::msleep(1);
                p.fillRect(QRectF(px - QPointF(3, 3), QSizeF(6, 6)), colour);
            }
        };
        auto r = std::make_unique<R>();
        r->layer = this;
        r->px = v.toPixel(m_at);
        r->colour = m_colour;
        return r;
    }

private:
    LonLat m_at;
    QColor m_colour;
};

} // namespace

class TestMapRender : public QObject {
    Q_OBJECT
private slots:
    void basemapAndFilledGrid();
    void colourModes_data();
    void colourModes();
    void workerSpriteAtPosition();
    void staleAndOfflineWorkers();
    void trailsDrawnAndWindowed();
    void clustersWhenZoomedOut();
    void crowdsClusterAtAnyZoom();
    void caseMarkersAndPulses();
    void hiDpiRendersSharp();
    void cancellationStopsRenderers();
    void cancelledAreasLeaveNoFill();
    void cachedPanOnlyShifts();
    void onlyChangedLayerRerenders();
    void slowLayerDoesNotHoldBackAFastOne();
    void imagesAreRecycledAndCleared();
    void liveLayerIsDrawnOverTheRest();
    void layersOfDifferentViewsShareOneFlat();
    void scaleChangesWaitForTheViewToSettle();
    void splitTrailsLookTheSame();
    void splitTrailsRepaintAtMostEveryInterval();
    void fixesBetweenFramesAreCoalesced();
    void partialFramesMatchFullRenders_data();
    void partialFramesMatchFullRenders();
    void hiddenLayerNotRendered();
    void hitTesting();
    void dropResolution();
    void labelsAvoidOverlaps();
    void labelsScaleForTheWall();
    void caseMimeRoundTrip();
    void badPositionsIgnored();
};

void TestMapRender::basemapAndFilledGrid()
{
    MapScene scene;
    auto* base = scene.addLayer(std::make_unique<BasemapLayer>());
    base->setFeatures(fx::basemap());
    auto* areas = scene.addLayer(std::make_unique<AreasLayer>());
    areas->setAreas(fx::streets(), fx::communities(), fx::grids());
    areas->setOpacity(1.0);
    areas->setColourMode(AreaColourMode::OpenCases);
    areas->setGridStats(fx::gridCode(0, 2), GridStats { 25, DisputeLevel::None, 0 });
    const Viewport v = fixtureView();
    const QImage img = scene.renderToImage(v);
    QCOMPARE(img.format(), QImage::Format_ARGB32_Premultiplied);
    QCOMPARE(img.size(), QSize(640, 480));
    const QColor expected = areas->fillColour(fx::gridCode(0, 2));
    QVERIFY(expected.isValid());
    const QRgb filled = pixelAt(img, v.toPixel(fx::cellCentre(0, 2)));
    QVERIFY2(near(filled, expected), qPrintable(describe(filled)));
    // A cell without cases is not filled: the basemap shows through.
    const QRgb empty = pixelAt(img, v.toPixel(fx::cellCentre(2, 0)));
    QVERIFY2(near(empty, paletteFor(MapTheme::Wall).background), qPrintable(describe(empty)));
    // The lake, east of the block.
    const QRgb water = pixelAt(img, v.toPixel({ fx::kWest + 0.008, fx::kNorth - 0.001 }));
    QVERIFY2(near(water, paletteFor(MapTheme::Wall).water), qPrintable(describe(water)));
    // The road along the north edge.
    const QRgb road = pixelAt(img, v.toPixel({ fx::kWest + 0.003, fx::kNorth + 0.001 }));
    QVERIFY2(near(road, paletteFor(MapTheme::Wall).majorRoad, 20), qPrintable(describe(road)));
    // Layer opacity is applied when composing: at 0.5 the fill is half-way to the background.
    areas->setOpacity(0.5);
    const QRgb half = pixelAt(scene.renderToImage(v), v.toPixel(fx::cellCentre(0, 2)));
    QVERIFY2(near(half, preblend(expected, paletteFor(MapTheme::Wall).background, 0.5), 4), qPrintable(describe(half)));
    // The light theme changes the background.
    base->setTheme(MapTheme::Workstation);
    const QRgb light = pixelAt(scene.renderToImage(v), v.toPixel(fx::cellCentre(2, 0)));
    QVERIFY2(near(light, paletteFor(MapTheme::Workstation).background), qPrintable(describe(light)));
}

void TestMapRender::colourModes_data()
{
    QTest::addColumn<int>("mode");
    QTest::addColumn<int>("open");
    QTest::addColumn<int>("dispute");
    QTest::addColumn<int>("overdue");
    QTest::addColumn<QColor>("expected");
    QTest::newRow("no mode") << int(AreaColourMode::None) << 9 << 3 << 9 << QColor();
    QTest::newRow("open none") << int(AreaColourMode::OpenCases) << 0 << 0 << 0 << QColor();
    QTest::newRow("open many") << int(AreaColourMode::OpenCases) << 30 << 0 << 0 << QColor(0xc0, 0x10, 0x10);
    QTest::newRow("red dispute") << int(AreaColourMode::DisputeLevel) << 1 << int(DisputeLevel::Red) << 0 << QColor(0xe0, 0x20, 0x1b);
    QTest::newRow("yellow dispute") << int(AreaColourMode::DisputeLevel) << 1 << int(DisputeLevel::Yellow) << 0 << QColor(0xf2, 0xc2, 0x00);
    QTest::newRow("overdue none") << int(AreaColourMode::OverdueCases) << 5 << 0 << 0 << QColor();
    QTest::newRow("overdue many") << int(AreaColourMode::OverdueCases) << 5 << 0 << 7 << QColor(0xe8, 0x10, 0x10);
}

void TestMapRender::colourModes()
{
    QFETCH(int, mode);
    QFETCH(int, open);
    QFETCH(int, dispute);
    QFETCH(int, overdue);
    QFETCH(QColor, expected);
    MapScene scene;
    scene.setBackgroundColor(Qt::black);
    auto* areas = scene.addLayer(std::make_unique<AreasLayer>());
    areas->setAreas({}, {}, fx::grids());
    areas->setOpacity(1.0);
    areas->setColourMode(AreaColourMode(mode));
    areas->setGridStats({ { fx::gridCode(1, 1), GridStats { open, DisputeLevel(dispute), overdue } } });
    QCOMPARE(areas->fillColour(fx::gridCode(1, 1)), expected);
    const Viewport v = fixtureView();
    const QRgb px = pixelAt(scene.renderToImage(v), v.toPixel(fx::cellCentre(1, 1)));
    QVERIFY2(near(px, expected.isValid() ? expected : QColor(Qt::black)), qPrintable(describe(px)));
}

void TestMapRender::workerSpriteAtPosition()
{
    MapScene scene;
    scene.setBackgroundColor(Qt::black);
    auto* workers = scene.addLayer(std::make_unique<WorkersLayer>());
    workers->setClock([] { return kNow; });
    const LonLat at = fx::cellCentre(0, 0);
    QVERIFY(workers->updatePosition({ 7, QStringLiteral("GW0007"), QStringLiteral("Wang Wei"), at, kNow - 5000, WorkerStatus::Patrolling }));
    QVERIFY(workers->updatePosition({ 8, QStringLiteral("GW0008"), QStringLiteral("Li Na"), fx::cellCentre(2, 2), kNow - 5000, WorkerStatus::OnCase }));
    const Viewport v = fixtureView();
    const QImage img = scene.renderToImage(v);
    const QPointF px = v.toPixel(at);
    QVERIFY2(near(pixelAt(img, px), QColor(0x2e, 0xcc, 0x71), 10), qPrintable(describe(pixelAt(img, px))));
    QVERIFY(near(pixelAt(img, v.toPixel(fx::cellCentre(2, 2))), QColor(0x3d, 0x8b, 0xff), 10));
    // White rim, then nothing 12 px away.
    QVERIFY(near(pixelAt(img, px + QPointF(12, 0)), Qt::black, 2));
    QCOMPARE(workers->displayStatus(*workers->position(7)), WorkerDisplayStatus::Patrolling);
}

void TestMapRender::staleAndOfflineWorkers()
{
    WorkersLayer workers;
    qint64 now = kNow;
    workers.setClock([&now] { return now; });
    workers.updatePosition({ 1, QStringLiteral("A"), {}, fx::cellCentre(0, 0), kNow, WorkerStatus::Patrolling });
    workers.updatePosition({ 2, QStringLiteral("B"), {}, fx::cellCentre(0, 1), kNow, WorkerStatus::Offline });
    QCOMPARE(workers.displayStatus(*workers.position(1)), WorkerDisplayStatus::Patrolling);
    QCOMPARE(workers.displayStatus(*workers.position(2)), WorkerDisplayStatus::Offline);
    now += 61'000;
    QCOMPARE(workers.displayStatus(*workers.position(1)), WorkerDisplayStatus::Stale);
    workers.setStaleAfterSecs(120);
    QCOMPARE(workers.displayStatus(*workers.position(1)), WorkerDisplayStatus::Patrolling);
    // An older fix never moves the marker back.
    QVERIFY(!workers.updatePosition({ 1, QStringLiteral("A"), {}, fx::cellCentre(2, 2), kNow - 1000, WorkerStatus::Patrolling }));
    QCOMPARE(workers.position(1)->pos, fx::cellCentre(0, 0));
    workers.setStatus(1, WorkerStatus::OnCase);
    QCOMPARE(workers.displayStatus(*workers.position(1)), WorkerDisplayStatus::OnCase);
    workers.setTrailWindowSecs(60);
    QCOMPARE(workers.trailWindowSecs(), WorkersLayer::kMinTrailWindowSecs);
    workers.setTrailWindowSecs(24 * 3600);
    QCOMPARE(workers.trailWindowSecs(), WorkersLayer::kMaxTrailWindowSecs);
}

void TestMapRender::trailsDrawnAndWindowed()
{
    MapScene scene;
    scene.setBackgroundColor(Qt::black);
    auto* workers = scene.addLayer(std::make_unique<WorkersLayer>());
    workers->setClock([] { return kNow; });
    workers->setTrailWindowSecs(20 * 60);
    // Walk west → east along the middle row over the last 5 minutes, then turn north.
    const double lat = fx::cellCentre(1, 0).lat;
    for (int i = 0; i <= 30; ++i)
        workers->updatePosition({ 3, QStringLiteral("T"), {}, { fx::kWest + i * 0.0002, lat }, kNow - 300'000 + i * 5000, WorkerStatus::Patrolling });
    workers->updatePosition({ 3, QStringLiteral("T"), {}, { fx::kWest + 0.006, lat + 0.001 }, kNow - 140'000, WorkerStatus::Patrolling });
    QCOMPARE(workers->trail(3)->size(), 3);
    const Viewport v = fixtureView();
    const QImage img = scene.renderToImage(v);
    const QColor trail = paletteFor(MapTheme::Wall).trail;
    // Somewhere on the straight part, away from the sprite.
    const QPointF onTrail = v.toPixel({ fx::kWest + 0.002, lat });
    bool found = false;
    for (int dy = -1; dy <= 1 && !found; ++dy) {
        const QRgb c = pixelAt(img, onTrail + QPointF(0, dy));
        found = qRed(c) + qGreen(c) + qBlue(c) > 150 && qBlue(c) > qRed(c);
    }
    QVERIFY2(found, "no trail pixel where the worker walked");
    // Hidden trails: the same spot stays black.
    workers->setTrailsVisible(false);
    const QImage noTrail = scene.renderToImage(v);
    for (int dy = -1; dy <= 1; ++dy)
        QVERIFY(near(pixelAt(noTrail, onTrail + QPointF(0, dy)), Qt::black, 2));
    Q_UNUSED(trail);
    // A walk entirely older than the window is not drawn.
    workers->setTrailsVisible(true);
    workers->setClock([] { return kNow + 3'600'000; });
    const QImage old = scene.renderToImage(v);
    for (int dy = -1; dy <= 1; ++dy)
        QVERIFY(near(pixelAt(old, onTrail + QPointF(0, dy)), Qt::black, 2));
}

void TestMapRender::clustersWhenZoomedOut()
{
    MapScene scene;
    scene.setBackgroundColor(Qt::black);
    auto* workers = scene.addLayer(std::make_unique<WorkersLayer>());
    workers->setClock([] { return kNow; });
    QList<WorkerPosition> batch;
    for (int i = 0; i < 100; ++i)
        batch.append({ 100 + i, QStringLiteral("W%1").arg(i), {}, { fx::kWest + (i % 10) * 0.00005, fx::kNorth - (i / 10) * 0.00005 }, kNow, WorkerStatus::Patrolling });
    QSignalSpy repaint(workers, &MapLayer::repaintRequested);
    QCOMPARE(workers->updatePositions(batch), 100);
    QCOMPARE(repaint.count(), 1); // a batch asks once
    Viewport v(LonLat { fx::kWest, fx::kNorth }, 11.0, QSize(400, 300));
    const QImage img = scene.renderToImage(v);
    // One bubble: count the distinct non-black blobs along the row through the cluster.
    const QPointF c = v.toPixel({ fx::kWest + 0.000225, fx::kNorth - 0.000225 });
    QRgb below = pixelAt(img, c + QPointF(0, 13));
    QVERIFY2(near(below, QColor(0x2e, 0xcc, 0x71).darker(130), 12), qPrintable(describe(below)));
    int lit = 0;
    for (int y = 0; y < 300; ++y)
        for (int x = 0; x < 400; ++x)
            lit += img.pixel(x, y) != qRgb(0, 0, 0) ? 1 : 0;
    // A 36-px bubble covers ~1000 px; 100 separate 12-px sprites would cover far more.
    QVERIFY2(lit > 600 && lit < 1600, qPrintable(QString::number(lit)));
    // Zoomed in, individual sprites.
    workers->setClusterBelowZoom(8);
    int litSprites = 0;
    const QImage spread = scene.renderToImage(Viewport(LonLat { fx::kWest + 0.0002, fx::kNorth - 0.0002 }, 18.5, QSize(400, 300)));
    for (int y = 0; y < 300; ++y)
        for (int x = 0; x < 400; ++x)
            litSprites += spread.pixel(x, y) != qRgb(0, 0, 0) ? 1 : 0;
    QVERIFY2(litSprites > 3 * lit, qPrintable(QString::number(litSprites)));
}

void TestMapRender::crowdsClusterAtAnyZoom()
{
    // A 4K wall shows the whole district above the zoom threshold: its 20,000 workers
    // were 20,000 markers over everything. Workers whose markers would cover a quarter of
    // the view cluster at any zoom; a sparser view keeps its markers.
    WorkersLayer workers;
    workers.setClock([] { return kNow; });
    const Viewport v(fx::cellCentre(1, 1), 16.0, QSize(400, 300));
    QRandomGenerator random(3);
    auto crowd = [&](int from, int count) {
        QList<WorkerPosition> batch;
        for (int i = from; i < from + count; ++i)
            batch.append({ i, QStringLiteral("W%1").arg(i), {}, v.toLonLat(QPointF(random.bounded(400), random.bounded(300))), kNow,
                WorkerStatus::Patrolling });
        workers.updatePositions(batch);
    };
    crowd(1, 100); // 100 markers of 12 px: about 12 % of the view
    QVERIFY(!workers.clustersAt(v));
    QVERIFY(workers.clustersAt(Viewport(fx::cellCentre(1, 1), 13.0, QSize(400, 300)))); // below the zoom threshold
    crowd(101, 200); // 300: about 36 %
    QVERIFY(workers.clustersAt(v));
    // Larger markers (the wall's) crowd sooner.
    WorkersLayer few;
    few.setClock([] { return kNow; });
    QList<WorkerPosition> batch;
    for (int i = 1; i <= 60; ++i)
        batch.append({ i, QStringLiteral("W%1").arg(i), {}, v.toLonLat(QPointF(random.bounded(400), random.bounded(300))), kNow,
            WorkerStatus::Patrolling });
    few.updatePositions(batch);
    QVERIFY(!few.clustersAt(v));
    few.setMarkerScale(2.5);
    QVERIFY(few.clustersAt(v));
    // Off: markers at any crowd above the threshold.
    workers.setClusterCrowds(false);
    QVERIFY(!workers.clustersAt(v));
}

void TestMapRender::caseMarkersAndPulses()
{
    MapScene scene;
    scene.setBackgroundColor(Qt::black);
    auto* cases = scene.addLayer(std::make_unique<CasesLayer>());
    QSignalSpy pulses(cases, &CasesLayer::pulsesChanged);
    cases->setCases({
        { 1, fx::cellCentre(0, 0), CaseState::Handling, DisputeLevel::None, false, true },
        { 2, fx::cellCentre(1, 1), CaseState::Registered, DisputeLevel::Red, false, false },
        { 3, fx::cellCentre(2, 2), CaseState::Closed, DisputeLevel::None, false, true },
    });
    QCOMPARE(cases->caseCount(), 2); // closed cases are not drawn
    QCOMPARE(pulses.count(), 1);
    QCOMPARE(cases->pulsingCases().size(), 1);
    QCOMPARE(cases->pulsingCases().first().caseId, 2);
    const Viewport v = fixtureView();
    const QImage img = scene.renderToImage(v);
    QVERIFY(near(pixelAt(img, v.toPixel(fx::cellCentre(1, 1))), QColor(0xe0, 0x20, 0x1b), 10));
    QVERIFY(near(pixelAt(img, v.toPixel(fx::cellCentre(0, 0))), CasesLayer::markerColour(*cases->marker(1)), 10));
    // Acknowledging stops the pulse without asking for a render.
    const quint64 revision = cases->revision();
    cases->acknowledge(2);
    QCOMPARE(pulses.count(), 2);
    QVERIFY(cases->pulsingCases().isEmpty());
    QCOMPARE(cases->revision(), revision);
    // A case that closes disappears.
    cases->upsertCase({ 1, fx::cellCentre(0, 0), CaseState::Closed, DisputeLevel::None, false, true });
    QCOMPARE(cases->caseCount(), 1);
    QVERIFY(cases->caseNear(v.toPixel(fx::cellCentre(1, 1)) + QPointF(3, 3), v).value_or(0) == 2);
    QVERIFY(!cases->caseNear(v.toPixel(fx::cellCentre(0, 0)), v));
}

void TestMapRender::hiDpiRendersSharp()
{
    MapScene scene;
    auto* areas = scene.addLayer(std::make_unique<AreasLayer>());
    areas->setAreas({}, {}, fx::grids());
    areas->setOpacity(1);
    areas->setGridStats(fx::gridCode(1, 1), GridStats { 30, DisputeLevel::None, 0 });
    const Viewport v(fx::cellCentre(1, 1), 16.0, QSize(320, 240), 2.0);
    const QImage img = scene.renderToImage(v);
    QCOMPARE(img.size(), QSize(640, 480));
    QCOMPARE(img.devicePixelRatio(), 2.0);
    QVERIFY(near(pixelAt(img, v.toPixel(fx::cellCentre(1, 1))), areas->fillColour(fx::gridCode(1, 1))));
}

void TestMapRender::cancellationStopsRenderers()
{
    SlowLayer layer;
    std::vector<RenderJob::Task> tasks;
    tasks.push_back({ &layer, layer.revision(), layer.createRenderer(fixtureView()) });
    RenderJob job(fixtureView(), std::move(tasks));
    QSignalSpy finished(&job, &RenderJob::finished);
    job.start();
    QTRY_VERIFY_WITH_TIMEOUT(layer.started.load(), 5000);
    QVERIFY(job.isRunning());
    QElapsedTimer t;
    t.start();
    job.cancel();
    job.waitForFinished();
    QVERIFY2(t.elapsed() < 1000, qPrintable(QString::number(t.elapsed())));
    QVERIFY(layer.batches.load() > 0);
    const auto results = job.takeResults();
    QCOMPARE(results.size(), std::size_t(1));
    QVERIFY(!results[0].complete);
    QTRY_COMPARE(finished.count(), 1);
}

void TestMapRender::cancelledAreasLeaveNoFill()
{
    AreasLayer areas;
    areas.setAreas({}, {}, fx::grids());
    areas.setGridStats(fx::gridCode(1, 1), GridStats { 30, DisputeLevel::None, 0 });
    const Viewport v = fixtureView();
    auto renderer = areas.createRenderer(v);
    std::atomic_bool cancel { true };
    const QImage img = RenderJob::renderLayer(v, *renderer, cancel);
    QCOMPARE(pixelAt(img, v.toPixel(fx::cellCentre(1, 1))), qRgba(0, 0, 0, 0));
    // The same renderer data without cancel draws the fill.
    std::atomic_bool go { false };
    const QImage full = RenderJob::renderLayer(v, *areas.createRenderer(v), go);
    QVERIFY(qAlpha(pixelAt(full, v.toPixel(fx::cellCentre(1, 1)))) == 255);
}

void TestMapRender::cachedPanOnlyShifts()
{
    MapScene scene;
    scene.setBackgroundColor(Qt::black);
    scene.setOverscan(64);
    auto* marker = scene.addLayer(std::make_unique<CountingLayer>(fx::cellCentre(1, 1)));
    Viewport v = fixtureView();
    scene.setViewport(v);
    QVERIFY(scene.waitUntilUpToDate());
    QCOMPARE(marker->created, 1);
    QCOMPARE(scene.layerRenderCount(), quint64(1));
    const RenderCache::Entry* entry = scene.cache().find(marker);
    QVERIFY(entry);
    QCOMPARE(entry->image.size(), QSize(640 + 128, 480 + 128));
    // Shift by 40 px without telling the scene: compose draws the cached image shifted.
    Viewport panned = v;
    panned.panBy({ 40, -25 });
    QImage frame(panned.deviceSize(), QImage::Format_ARGB32_Premultiplied);
    frame.fill(Qt::black);
    {
        QPainter p(&frame);
        scene.compose(p, panned);
    }
    QCOMPARE(marker->created, 1);
    const QPointF expected = panned.toPixel(fx::cellCentre(1, 1));
    QVERIFY2(near(pixelAt(frame, expected), QColor(0xff, 0x00, 0xff), 2), qPrintable(describe(pixelAt(frame, expected))));
    QVERIFY(near(pixelAt(frame, v.toPixel(fx::cellCentre(1, 1))), Qt::black, 2));
    // Telling the scene schedules one re-render for the new centre.
    scene.setViewport(panned);
    QVERIFY(!scene.isUpToDate());
    QVERIFY(scene.waitUntilUpToDate());
    QCOMPARE(marker->created, 2);
    // The same view again: nothing to do.
    scene.setViewport(panned);
    QVERIFY(scene.isUpToDate());
    QCOMPARE(marker->created, 2);
    // After a zoom the old image is drawn scaled until the new one arrives.
    Viewport zoomed = panned;
    zoomed.zoomAround(expected, 2.0);
    QImage zframe(zoomed.deviceSize(), QImage::Format_ARGB32_Premultiplied);
    zframe.fill(Qt::black);
    {
        QPainter p(&zframe);
        scene.compose(p, zoomed);
    }
    QVERIFY(near(pixelAt(zframe, zoomed.toPixel(fx::cellCentre(1, 1))), QColor(0xff, 0x00, 0xff), 30));
    QCOMPARE(marker->created, 2);
}

void TestMapRender::onlyChangedLayerRerenders()
{
    MapScene scene;
    auto* a = scene.addLayer(std::make_unique<CountingLayer>(fx::cellCentre(0, 0)));
    auto* b = scene.addLayer(std::make_unique<CountingLayer>(fx::cellCentre(2, 2)));
    scene.setViewport(fixtureView());
    QVERIFY(scene.waitUntilUpToDate());
    QCOMPARE(a->created + b->created, 2);
    QSignalSpy changed(&scene, &MapScene::changed);
    b->touch();
    QVERIFY(scene.waitUntilUpToDate());
    QCOMPARE(a->created, 1);
    QCOMPARE(b->created, 2);
    QVERIFY(changed.count() >= 1);
    // Several changes before the render starts coalesce into one render.
    b->touch();
    b->touch();
    b->touch();
    QVERIFY(scene.waitUntilUpToDate());
    QCOMPARE(b->created, 3);
    // Opacity is a compose-time matter: no render.
    a->setOpacity(0.3);
    QVERIFY(scene.waitUntilUpToDate());
    QCOMPARE(a->created, 1);
}

void TestMapRender::slowLayerDoesNotHoldBackAFastOne()
{
    // Live markers must not wait for a layer that takes long (trails, heat): each layer
    // renders in its own job and its image is shown as soon as it is ready.
    QThreadPool pool;
    pool.setMaxThreadCount(2);
    MapScene scene;
    scene.setThreadPool(&pool);
    auto* slow = scene.addLayer(std::make_unique<SlowLayer>());
    auto* fast = scene.addLayer(std::make_unique<CountingLayer>(fx::cellCentre(1, 1)));
    scene.setViewport(fixtureView());
    QTRY_VERIFY_WITH_TIMEOUT(slow->started.load(), 5000);
    QTRY_VERIFY_WITH_TIMEOUT(scene.shownRevision(fast) == fast->revision(), 5000);
    for (int i = 0; i < 3; ++i) {
        fast->touch();
        QTRY_VERIFY_WITH_TIMEOUT(scene.shownRevision(fast) == fast->revision(), 5000);
    }
    QCOMPARE(fast->created, 4);
    QVERIFY(scene.isRendering()); // the slow one is still at it
    QCOMPARE(slow->renderersCreated.load(), 1);
    QCOMPARE(scene.shownRevision(slow), quint64(0));
}

void TestMapRender::imagesAreRecycledAndCleared()
{
    // A 4K image is 30–40 MB; the scene reuses replaced ones rather than allocating anew,
    // and a reused image starts transparent: nothing of the previous frame shows through.
    MapScene scene;
    auto* layer = scene.addLayer(std::make_unique<HoppingLayer>(fx::cellCentre(0, 0), fx::cellCentre(2, 2)));
    const Viewport view = fixtureView();
    scene.setViewport(view);
    QVERIFY(scene.waitUntilUpToDate());
    QSet<qint64> imageSerials; // QImage::cacheKey's upper half names the pixel buffer
    for (int i = 0; i < 8; ++i) {
        const LonLat before = layer->place();
        layer->hop();
        QVERIFY(scene.waitUntilUpToDate());
        const RenderCache::Entry* e = scene.cache().find(layer);
        QVERIFY(e);
        imageSerials.insert(e->image.cacheKey() >> 32);
        QCOMPARE(qAlpha(pixelAt(e->image, e->viewport.toPixel(layer->place()))), 255);
        QCOMPARE(qAlpha(pixelAt(e->image, e->viewport.toPixel(before))), 0);
    }
    QVERIFY2(imageSerials.size() < 8, qPrintable(QStringLiteral("%1 distinct buffers for 8 renders").arg(imageSerials.size())));
}

void TestMapRender::liveLayerIsDrawnOverTheRest()
{
    // Live markers are blended over the flattened rest of the map, above every other layer
    // (here a label-stage square at the same spot), in the flat and in renderToImage alike,
    // and each new image of theirs reaches the flat.
    const QColor magenta(0xff, 0x00, 0xff), green(0x00, 0xff, 0x00);
    const LonLat here = fx::cellCentre(1, 1), there = fx::cellCentre(2, 2);
    MapScene scene;
    scene.setBackgroundColor(Qt::black);
    scene.addLayer(std::make_unique<HoppingLayer>(here, here, green, RenderStage::Labels));
    auto* live = scene.addLayer(std::make_unique<HoppingLayer>(here, there));
    live->setLive(true);
    const Viewport v = fixtureView();
    scene.setViewport(v);
    QVERIFY(scene.waitUntilUpToDate());
    QVERIFY(scene.coversView(v)); // the flat of the others
    auto composed = [&] {
        QImage frame(v.size(), QImage::Format_ARGB32_Premultiplied);
        frame.fill(Qt::black);
        QPainter p(&frame);
        scene.compose(p, v);
        return frame;
    };
    QVERIFY(near(pixelAt(composed(), v.toPixel(here)), magenta));
    QVERIFY(near(pixelAt(scene.renderToImage(v), v.toPixel(here)), magenta));
    live->hop();
    QTRY_COMPARE_WITH_TIMEOUT(scene.shownRevision(live), live->revision(), 5000);
    const QImage after = composed();
    QVERIFY(near(pixelAt(after, v.toPixel(here)), green));
    QVERIFY(near(pixelAt(after, v.toPixel(there)), magenta));
    live->hop();
    QVERIFY(scene.waitUntilUpToDate());
    QVERIFY(near(pixelAt(composed(), v.toPixel(here)), magenta));
    // Hidden, it is gone from the frame.
    live->setVisible(false);
    QVERIFY(scene.waitUntilUpToDate());
    QVERIFY(near(pixelAt(composed(), v.toPixel(here)), green));
}

void TestMapRender::layersOfDifferentViewsShareOneFlat()
{
    // After a zoom one layer has its new image and a slow one still has the old view's:
    // the scene flattens them anyway, the slow one scaled, so a paint is one copy of one
    // image rather than a blend of every layer (a wall flying to a red dispute had no
    // flat for the whole flight). Before, layers that disagreed left no flat at all.
    QThreadPool pool;
    pool.setMaxThreadCount(2);
    const QColor green(0x00, 0xff, 0x00), magenta(0xff, 0x00, 0xff), blue(0x00, 0x00, 0xff);
    const LonLat here = fx::cellCentre(1, 1), there = fx::cellCentre(2, 2);
    MapScene scene;
    scene.setThreadPool(&pool);
    scene.setBackgroundColor(Qt::black);
    auto* slow = scene.addLayer(std::make_unique<GatedLayer>(here, green));
    scene.addLayer(std::make_unique<CountingLayer>(there));
    const Viewport v = fixtureView();
    scene.setViewport(v);
    QVERIFY(scene.waitUntilUpToDate());
    QVERIFY(scene.coversView(v));

    slow->held = true;
    Viewport zoomed = v;
    zoomed.zoomAround(QPointF(320, 240), 2.0);
    scene.setViewport(zoomed);
    const MapLayer* fast = scene.layers().last();
    QTRY_VERIFY_WITH_TIMEOUT(scene.cache().find(fast)->viewport.zoom() == zoomed.zoom(), 10000);
    QCOMPARE(scene.cache().find(slow)->viewport.zoom(), v.zoom());
    QTRY_VERIFY_WITH_TIMEOUT(scene.coversView(zoomed), 10000);
    QImage frame(zoomed.size(), QImage::Format_ARGB32_Premultiplied);
    frame.fill(blue); // every pixel compose() leaves alone stays blue
    {
        QPainter p(&frame);
        scene.compose(p, zoomed);
    }
    QVERIFY2(near(pixelAt(frame, zoomed.toPixel(here)), green), qPrintable(describe(pixelAt(frame, zoomed.toPixel(here)))));
    QVERIFY2(near(pixelAt(frame, zoomed.toPixel(there)), magenta), qPrintable(describe(pixelAt(frame, zoomed.toPixel(there)))));
    QVERIFY(near(pixelAt(frame, QPointF(5, 5)), Qt::black)); // the flat's background, not the blue
    slow->held = false;
    QVERIFY(scene.waitUntilUpToDate());
    QCOMPARE(scene.cache().find(slow)->viewport.zoom(), zoomed.zoom());
}

void TestMapRender::scaleChangesWaitForTheViewToSettle()
{
    // While the scale keeps changing (a flight) only live layers render; the others render
    // once for the view where it settles, not once per step only to be cancelled.
    MapScene scene;
    // Longer than any step below can take on a loaded machine (each waits for a render).
    scene.setRescaleSettleInterval(3000);
    auto* still = scene.addLayer(std::make_unique<CountingLayer>(fx::cellCentre(1, 1)));
    auto* live = scene.addLayer(std::make_unique<CountingLayer>(fx::cellCentre(2, 2)));
    live->setLive(true);
    Viewport v = fixtureView();
    scene.setViewport(v);
    QVERIFY(scene.waitUntilUpToDate());
    QCOMPARE(still->created, 1);
    QCOMPARE(live->created, 1);
    for (int step = 0; step < 5; ++step) {
        v.zoomAround(QPointF(320, 240), 1.05);
        scene.setViewport(v);
        // Live layers keep up.
        QTRY_COMPARE_WITH_TIMEOUT(scene.cache().find(live)->viewport.zoom(), v.zoom(), 5000);
        QCOMPARE(live->created, 2 + step);
    }
    QCOMPARE(still->created, 1);
    QTRY_COMPARE_WITH_TIMEOUT(still->created, 2, 15000); // once, after the view settled
    QTRY_VERIFY_WITH_TIMEOUT(scene.isUpToDate(), 5000);
    QCOMPARE(still->created, 2);
}

namespace {
void walkSomeWorkers(WorkersLayer& workers, qint64 until)
{
    for (int w = 0; w < 6; ++w) {
        const double lat = fx::cellCentre(w % 3, 0).lat + 0.0002 * w;
        for (int i = 0; i <= 20; ++i) {
            const qint64 at = until - 200'000 + i * 10'000;
            // A zigzag, so the trail keeps its vertices.
            const LonLat pos { fx::kWest + 0.0003 * i, lat + (i % 2) * 0.0003 };
            workers.updatePosition({ 10 + w, QStringLiteral("W%1").arg(w), {}, pos, at, WorkerStatus::Patrolling });
        }
    }
}
} // namespace

void TestMapRender::splitTrailsLookTheSame()
{
    MapScene whole, split;
    auto* a = whole.addLayer(std::make_unique<WorkersLayer>());
    auto* b = split.addLayer(std::make_unique<WorkersLayer>());
    auto trails = b->splitTrailsLayer();
    QVERIFY(trails);
    QVERIFY(b->trailsSplit());
    QVERIFY(!b->splitTrailsLayer()); // once
    MapLayer* trailsLayer = split.addLayer(std::move(trails));
    for (WorkersLayer* w : { a, b }) {
        w->setClock([] { return kNow; });
        walkSomeWorkers(*w, kNow);
    }
    const Viewport v = fixtureView();
    const QImage one = whole.renderToImage(v), two = split.renderToImage(v);
    QCOMPARE(two, one);
    // The markers' own image no longer carries the trails: hide the trails layer and the
    // trail pixels go while the markers stay.
    trailsLayer->setVisible(false);
    const QImage markersOnly = split.renderToImage(v);
    QVERIFY(markersOnly != one);
    b->setTrailsVisible(false);
    a->setTrailsVisible(false);
    trailsLayer->setVisible(true);
    QCOMPARE(split.renderToImage(v), whole.renderToImage(v));
    QCOMPARE(split.renderToImage(v), markersOnly);
    // Hiding the workers hides their trails too.
    b->setVisible(false);
    QVERIFY(!trailsLayer->isVisible());
    b->setVisible(true);
    QVERIFY(trailsLayer->isVisible());
}

void TestMapRender::splitTrailsRepaintAtMostEveryInterval()
{
    WorkersLayer workers;
    workers.setClock([] { return kNow; });
    std::unique_ptr<MapLayer> trails = workers.splitTrailsLayer(300);
    const quint64 markersBefore = workers.revision(), trailsBefore = trails->revision();
    QElapsedTimer clock;
    clock.start();
    walkSomeWorkers(workers, kNow); // 126 fixes that grow trails; no timer can fire meanwhile
    QVERIFY(workers.revision() >= markersBefore + 126);
    // The first change after a short gather, with all that came meanwhile.
    QCOMPARE(trails->revision(), trailsBefore);
    QTRY_COMPARE_WITH_TIMEOUT(trails->revision(), trailsBefore + 1, 2000);
    // More within the interval wait for its end.
    walkSomeWorkers(workers, kNow + 300'000);
    QCOMPARE(trails->revision(), trailsBefore + 1);
    QTRY_COMPARE_WITH_TIMEOUT(trails->revision(), trailsBefore + 2, 2000);
    QVERIFY(clock.elapsed() >= 290);
    QTest::qWait(400);
    QCOMPARE(trails->revision(), trailsBefore + 2); // nothing changed since
    // A change of look is shown at once.
    workers.setTrailWindowSecs(3600);
    QCOMPARE(trails->revision(), trailsBefore + 3);
}

void TestMapRender::fixesBetweenFramesAreCoalesced()
{
    // Two layers fed the same fixes: one draws every batch, one within a frame budget.
    MapScene every, budgeted;
    every.setBackgroundColor(Qt::black);
    budgeted.setBackgroundColor(Qt::black);
    auto* a = every.addLayer(std::make_unique<WorkersLayer>());
    auto* b = budgeted.addLayer(std::make_unique<WorkersLayer>());
    b->setFrameInterval(300);
    QCOMPARE(b->frameInterval(), 300);
    for (WorkersLayer* w : { a, b })
        w->setClock([] { return kNow; }); // drawn at once, starting an interval
    QTest::qWait(350);
    QSignalSpy repaints(b, &MapLayer::repaintRequested);
    const quint64 before = b->revision();
    const double lat = fx::cellCentre(1, 1).lat;
    auto fix = [&](int i, qint64 at) {
        // A zigzag, so the trail keeps every vertex.
        return WorkerPosition { 7, QStringLiteral("W7"), {}, { fx::kWest + 0.001 * i, lat + (i % 2) * 0.0005 }, at, WorkerStatus::Patrolling };
    };
    QElapsedTimer clock;
    clock.start();
    for (WorkersLayer* w : { a, b })
        w->updatePositions({ fix(0, kNow - 60'000) });
    // The first batch after a quiet interval is drawn after a short gather (the rest of a
    // server flush may be a message behind it), not an interval later.
    QCOMPARE(b->revision(), before);
    QCOMPARE(b->revisionWithLatestFixes(), before + 1);
    QTRY_COMPARE_WITH_TIMEOUT(b->revision(), before + 1, 2000);
    QCOMPARE(b->revisionWithLatestFixes(), b->revision());
    // Five more batches and a late, older fix within the interval: one frame for them all.
    for (int i = 1; i <= 5; ++i)
        for (WorkersLayer* w : { a, b })
            w->updatePositions({ fix(i, kNow - 60'000 + i * 10'000) });
    for (WorkersLayer* w : { a, b })
        w->updatePosition(fix(9, kNow - 59'000));
    QCOMPARE(b->revision(), before + 1);
    QCOMPARE(b->revisionWithLatestFixes(), before + 2);
    // Every fix is in the trail already, as without a budget; the newest one is the marker's.
    QCOMPARE(b->trail(7)->size(), 6);
    QCOMPARE(b->trail(7)->size(), a->trail(7)->size());
    for (qsizetype i = 0; i < b->trail(7)->size(); ++i)
        QCOMPARE(b->trail(7)->points()[i].timeMs, a->trail(7)->points()[i].timeMs);
    QCOMPARE(b->position(7)->pos.lon, fx::kWest + 0.005);
    QTRY_COMPARE_WITH_TIMEOUT(b->revision(), before + 2, 2000);
    QVERIFY(clock.elapsed() >= 290);
    QCOMPARE(repaints.count(), 2);
    QCOMPARE(b->revisionWithLatestFixes(), b->revision());
    const Viewport v = fixtureView();
    QVERIFY(budgeted.waitUntilUpToDate());
    QCOMPARE(budgeted.renderToImage(v), every.renderToImage(v));
    // The marker stands at the newest fix only; an earlier one is trail, not marker.
    const QImage image = budgeted.renderToImage(v);
    const QColor patrolling(0x2e, 0xcc, 0x71);
    QVERIFY(near(pixelAt(image, v.toPixel(b->position(7)->pos)), patrolling, 40));
    QVERIFY(!near(pixelAt(image, v.toPixel(fix(4, 0).pos)), patrolling, 40));
    // A change other than a fix is drawn at once and takes the waiting fixes along.
    b->updatePositions({ fix(6, kNow - 60'000 + 60'000) }); // within the interval of the last frame
    QCOMPARE(b->revisionWithLatestFixes(), b->revision() + 1);
    b->setStatus(7, WorkerStatus::OnCase);
    QCOMPARE(b->revisionWithLatestFixes(), b->revision());
    const int afterStatus = int(repaints.count());
    QTest::qWait(400);
    QCOMPARE(int(repaints.count()), afterStatus); // no extra frame for fixes already drawn
}

void TestMapRender::partialFramesMatchFullRenders_data()
{
    QTest::addColumn<qreal>("dpr");
    QTest::newRow("1x") << qreal(1);
    QTest::newRow("2x") << qreal(2);
}

void TestMapRender::partialFramesMatchFullRenders()
{
    // A live workers layer redraws only where its markers moved, and the scene tells the
    // canvas only those rectangles. Both must give exactly the pixels of a full render:
    // a marker that moved leaves no ghost, one that came, went, changed its look or crossed
    // another is drawn, and no changed spot is left out of the rectangles.
    QFETCH(qreal, dpr);
    const Viewport v(fx::cellCentre(1, 1), 16.0, QSize(320, 240), dpr);
    MapScene scene;
    scene.setBackgroundColor(QColor(0x20, 0x30, 0x40));
    scene.addLayer(std::make_unique<CountingLayer>(fx::cellCentre(1, 1))); // under the markers
    auto* workers = scene.addLayer(std::make_unique<WorkersLayer>());
    workers->setLive(true);
    workers->setTrailsVisible(false);
    workers->setClusterBelowZoom(0);
    workers->setClusterCrowds(false); // 150 overlapping markers, not clusters: the partial path
    workers->setClock([] { return kNow; });
    QRandomGenerator random(7);
    auto somewhere = [&] { return v.toLonLat(QPointF(random.bounded(340) - 10, random.bounded(260) - 10)); };
    QList<WorkerPosition> crowd;
    for (int i = 1; i <= 150; ++i) // close enough to overlap
        crowd.append({ i, QStringLiteral("W%1").arg(i), {}, somewhere(), kNow - 1000, i % 7 == 0 ? WorkerStatus::Offline : WorkerStatus::Patrolling });
    workers->updatePositions(crowd);
    scene.setViewport(v);
    QVERIFY(scene.waitUntilUpToDate());

    // A canvas's persistent frame: changed() composes it whole, changedWithin() only there.
    auto blank = [&] {
        QImage image(v.deviceSize(), QImage::Format_ARGB32_Premultiplied);
        image.setDevicePixelRatio(dpr);
        image.fill(QColor(0xff, 0x00, 0xff)); // anything compose() misses shows magenta
        return image;
    };
    auto composeWhole = [&] {
        QImage image = blank();
        QPainter p(&image);
        scene.compose(p, v);
        return image;
    };
    QImage frame = composeWhole();
    int partialFrames = 0;
    QString mismatch;
    connect(&scene, &MapScene::changed, this, [&] { frame = composeWhole(); });
    connect(&scene, &MapScene::changedWithin, this, [&](const QList<QRect>& rects) {
        {
            QPainter p(&frame);
            for (const QRect& r : rects) {
                p.setClipRect(r);
                scene.compose(p, v);
            }
        }
        ++partialFrames;
        if (mismatch.isEmpty() && frame != composeWhole())
            mismatch = QStringLiteral("the frame composed within %1 rectangles differs from a whole one").arg(rects.size());
    });

    for (int step = 0; step < 12; ++step) {
        QList<WorkerPosition> fixes;
        const qint64 at = kNow - 900 + step;
        for (int k = 0; k < 4; ++k) { // a step of a pixel or two, and a jump
            const qint64 id = 1 + random.bounded(150);
            if (!workers->position(id))
                continue; // removed below
            WorkerPosition p = *workers->position(id);
            const QPointF px = v.toPixel(p.pos) + (k == 3 ? QPointF(random.bounded(200) - 100, random.bounded(200) - 100) : QPointF(random.bounded(5) - 2, random.bounded(5) - 2));
            p.pos = v.toLonLat(px);
            p.timeMs = at;
            fixes.append(p);
        }
        workers->updatePositions(fixes);
        if (step == 3)
            workers->setStatus(5, WorkerStatus::OnCase); // another look
        if (step == 5)
            workers->setStatus(14, WorkerStatus::Patrolling); // offline to live: drawn later, over others
        if (step == 7)
            workers->removeWorker(20);
        if (step == 9)
            workers->updatePosition({ 500, QStringLiteral("W500"), {}, somewhere(), at, WorkerStatus::Patrolling }); // a new one
        QTRY_VERIFY_WITH_TIMEOUT(scene.shownRevision(workers) == workers->revision() && !scene.isRendering(), 10000);
        QVERIFY2(mismatch.isEmpty(), qPrintable(QStringLiteral("step %1: %2").arg(step).arg(mismatch)));
        // The layer's image, drawn only where it changed, against a full render of it.
        const RenderCache::Entry* e = scene.cache().find(workers);
        QVERIFY(e);
        std::atomic_bool cancel { false };
        const QImage full = RenderJob::renderLayer(e->viewport, *workers->createRenderer(e->viewport), cancel);
        QVERIFY2(e->image == full, qPrintable(QStringLiteral("step %1: the layer's image differs from its full render").arg(step)));
    }
    // The partial paths were taken, not only whole renders and composes.
    QVERIFY2(scene.partialRenderCount() >= 8, qPrintable(QString::number(scene.partialRenderCount())));
    QVERIFY2(partialFrames >= 8, qPrintable(QString::number(partialFrames)));
    QVERIFY(scene.waitUntilUpToDate());
    QCOMPARE(composeWhole(), scene.renderToImage(v));
}

void TestMapRender::hiddenLayerNotRendered()
{
    MapScene scene;
    auto* a = scene.addLayer(std::make_unique<CountingLayer>(fx::cellCentre(0, 0)));
    a->setVisible(false);
    scene.setViewport(fixtureView());
    QVERIFY(scene.waitUntilUpToDate());
    QCOMPARE(a->created, 0);
    a->setVisible(true);
    QVERIFY(!scene.isUpToDate());
    QVERIFY(scene.waitUntilUpToDate());
    QCOMPARE(a->created, 1);
    scene.removeLayer(a);
    QCOMPARE(scene.layers().size(), 0);
    QCOMPARE(scene.cache().size(), std::size_t(0));
}

void TestMapRender::hitTesting()
{
    AreasLayer areas;
    areas.setAreas(fx::streets(), fx::communities(), fx::grids());
    for (int r = 0; r < 3; ++r)
        for (int c = 0; c < 3; ++c)
            QCOMPARE(areas.gridAt(fx::cellCentre(r, c)), fx::gridCode(r, c));
    QCOMPARE(areas.gridAt({ fx::kWest - 0.0001, fx::kNorth - 0.001 }), QString());
    QCOMPARE(areas.gridAt({ fx::kWest + 0.01, fx::kNorth - 0.001 }), QString());
    QCOMPARE(areas.gridName(fx::gridCode(0, 1)), QStringLiteral("G2"));
    QVERIFY(areas.gridBoundary(QStringLiteral("nope")).isEmpty());

    WorkersLayer workers;
    workers.setClock([] { return kNow; });
    workers.updatePosition({ 1, QStringLiteral("GW1"), {}, fx::cellCentre(0, 0), kNow, WorkerStatus::Patrolling });
    workers.updatePosition({ 2, QStringLiteral("GW2"), {}, fx::cellCentre(0, 1), kNow, WorkerStatus::Patrolling });
    const Viewport v = fixtureView();
    const QPointF p1 = v.toPixel(fx::cellCentre(0, 0));
    QCOMPARE(workers.workerNear(p1 + QPointF(5, -5), v).value_or(-1), 1);
    QCOMPARE(workers.workerNear(v.toPixel(fx::cellCentre(0, 1)) + QPointF(-3, 0), v).value_or(-1), 2);
    QVERIFY(!workers.workerNear(p1 + QPointF(30, 30), v));
    workers.removeWorker(1);
    QVERIFY(!workers.workerNear(p1, v));
}

void TestMapRender::dropResolution()
{
    AreasLayer areas;
    areas.setAreas({}, {}, fx::grids());
    WorkersLayer workers;
    workers.setClock([] { return kNow; });
    workers.updatePosition({ 5, QStringLiteral("GW0005"), QStringLiteral("Zhang San"), fx::cellCentre(1, 1), kNow, WorkerStatus::Patrolling });
    const Viewport v = fixtureView();
    const QPointF onWorker = v.toPixel(fx::cellCentre(1, 1)) + QPointF(4, 4);
    DropTarget t = resolveDropTarget(&workers, &areas, onWorker, v);
    QCOMPARE(t.kind, DropTarget::Kind::Worker);
    QCOMPARE(t.code, QStringLiteral("GW0005"));
    QCOMPARE(t.workerId, 5);
    QVERIFY(t.caption.contains(QStringLiteral("Zhang San")));
    // Away from the worker but inside a cell: the grid.
    t = resolveDropTarget(&workers, &areas, v.toPixel(fx::cellCentre(0, 2)), v);
    QCOMPARE(t.kind, DropTarget::Kind::Grid);
    QCOMPARE(t.code, fx::gridCode(0, 2));
    QVERIFY(t.caption.contains(QStringLiteral("G3")));
    // Outside everything.
    t = resolveDropTarget(&workers, &areas, QPointF(2, 2), v);
    QVERIFY(!t.isValid());
    // Without the worker layer, the worker's spot resolves to its grid.
    t = resolveDropTarget(nullptr, &areas, onWorker, v);
    QCOMPARE(t.code, fx::gridCode(1, 1));
}

void TestMapRender::labelsScaleForTheWall()
{
    // A row of labels with room for each at desk size; three times larger, they collide.
    LabelsLayer labels;
    const Viewport v(fx::cellCentre(1, 1), 16, QSize(640, 480));
    QList<MapLabel> list;
    for (int i = 0; i < 6; ++i)
        list.append({ v.toLonLat(QPointF(60 + i * 100, 240)), QStringLiteral("Grid %1").arg(i), 1, 0, 99 });
    labels.setLabels(list);
    QCOMPARE(labels.textScale(), 1.0);
    QCOMPARE(labels.placedLabels(v).size(), 6);
    std::atomic_bool cancel { false };
    const auto inked = [&] {
        const QImage img = RenderJob::renderLayer(v, *labels.createRenderer(v), cancel);
        int n = 0;
        for (int y = 0; y < img.height(); ++y)
            for (int x = 0; x < img.width(); ++x)
                n += qAlpha(img.pixel(x, y)) > 0 ? 1 : 0;
        return n;
    };
    const int small = inked();
    labels.setTextScale(3);
    QCOMPARE(labels.textScale(), 3.0);
    const qsizetype placed = labels.placedLabels(v).size();
    QVERIFY2(placed >= 1 && placed < 6, qPrintable(QString::number(placed)));
    // Fewer labels, yet more ink: each one is much larger.
    QVERIFY(inked() > small);
    labels.setTextScale(100); // clamped
    QCOMPARE(labels.textScale(), 8.0);
}

void TestMapRender::labelsAvoidOverlaps()
{
    LabelsLayer labels;
    QList<MapLabel> list;
    const LonLat at = fx::cellCentre(1, 1);
    list.append({ at, QStringLiteral("low"), 1, 0, 99 });
    list.append({ at, QStringLiteral("HIGH"), 3, 0, 99 });
    for (int i = 0; i < 20; ++i)
        list.append({ { at.lon + 0.00001 * i, at.lat }, QStringLiteral("crowd %1").arg(i), 1, 0, 99 });
    list.append({ fx::cellCentre(0, 0), QStringLiteral("apart"), 1, 0, 99 });
    list.append({ fx::cellCentre(2, 2), QStringLiteral("zoomed only"), 1, 18, 99 });
    labels.setLabels(list);
    const Viewport v = fixtureView();
    const QList<MapLabel> placed = labels.placedLabels(v);
    QStringList texts;
    for (const MapLabel& l : placed)
        texts.append(l.text);
    QVERIFY2(texts.contains(QStringLiteral("HIGH")), qPrintable(texts.join(',')));
    QVERIFY(texts.contains(QStringLiteral("apart")));
    QVERIFY(!texts.contains(QStringLiteral("low")));
    QVERIFY(!texts.contains(QStringLiteral("zoomed only")));
    QCOMPARE(texts.size(), 2);
    // The AreasLayer offers street, community and grid labels by zoom.
    AreasLayer areas;
    areas.setAreas(fx::streets(), fx::communities(), fx::grids());
    labels.setLabels(areas.labels());
    QStringList at16;
    for (const MapLabel& l : labels.placedLabels(fixtureView()))
        at16.append(l.text);
    QVERIFY2(at16.contains(QStringLiteral("Gangding")), qPrintable(at16.join(',')));
    QVERIFY(!at16.contains(QStringLiteral("Shipai")));
    QStringList at13;
    for (const MapLabel& l : labels.placedLabels(Viewport(fx::cellCentre(1, 1), 13, QSize(640, 480))))
        at13.append(l.text);
    QCOMPARE(at13, QStringList { QStringLiteral("Shipai") });
    // And they render: some label pixels appear over a transparent image.
    const Viewport lv(fx::cellCentre(1, 1), 13, QSize(640, 480));
    std::atomic_bool cancel { false };
    const QImage img = RenderJob::renderLayer(lv, *labels.createRenderer(lv), cancel);
    int opaque = 0;
    for (int y = 200; y < 280; ++y)
        for (int x = 220; x < 420; ++x)
            opaque += qAlpha(img.pixel(x, y)) > 0 ? 1 : 0;
    QVERIFY(opaque > 20);
}

void TestMapRender::caseMimeRoundTrip()
{
    const QList<qint64> ids { 12, 9000000001, 7 };
    auto mime = makeCaseMimeData(ids);
    QVERIFY(hasCaseIds(mime.get()));
    QCOMPARE(caseIdsFromMime(mime.get()), ids);
    bool ok = true;
    QVERIFY(decodeCaseIds("1,x,3", &ok).isEmpty());
    QVERIFY(!ok);
    QVERIFY(decodeCaseIds("", &ok).isEmpty());
    QVERIFY(!ok);
    QVERIFY(decodeCaseIds("-5", &ok).isEmpty());
    QVERIFY(!ok);
    QCOMPARE(decodeCaseIds(" 4 ,5", &ok), (QList<qint64> { 4, 5 }));
    QVERIFY(ok);
    QMimeData other;
    other.setText(QStringLiteral("12"));
    QVERIFY(!hasCaseIds(&other));
    QVERIFY(caseIdsFromMime(&other).isEmpty());
}

void TestMapRender::badPositionsIgnored()
{
    WorkersLayer workers;
    QSignalSpy repaint(&workers, &MapLayer::repaintRequested);
    QVERIFY(!workers.updatePosition({ 1, QStringLiteral("X"), {}, { std::nan(""), 23 }, kNow, WorkerStatus::Patrolling }));
    QVERIFY(!workers.updatePosition({ 1, QStringLiteral("X"), {}, { 200, 23 }, kNow, WorkerStatus::Patrolling }));
    QVERIFY(!workers.updatePosition({ 1, QStringLiteral("X"), {}, { 113, -91 }, kNow, WorkerStatus::Patrolling }));
    QCOMPARE(workers.workerCount(), 0);
    QCOMPARE(repaint.count(), 0);
    CasesLayer cases;
    cases.upsertCase({ 1, { std::nan(""), 1 }, CaseState::Reported, DisputeLevel::None, false, true });
    QCOMPARE(cases.caseCount(), 0);
}

QTEST_MAIN(TestMapRender)
#include "tst_maprender.moc"
