// The map canvas, offscreen: paints only blit cached images, keyboard/wheel/drag
// navigation, clicks, case drops with highlighting, scale bar and readout, pulses.

#include "widgets/mapcanvas.h"

#include "maps/areaslayer.h"
#include "maps/casemime.h"
#include "maps/mapscene.h"
#include "maps/workerslayer.h"

#include "mapfixture.h"

#include <QDragEnterEvent>
#include <QMimeData>
#include <QPainter>
#include <QSignalSpy>
#include <QTest>

using namespace gridhall;
namespace fx = gridhall::testfixture;

namespace {

constexpr qint64 kNow = 1'763'800'000'000;

// Draws a magenta square at a lon/lat and counts how often it was asked to render.
class MarkerLayer : public MapLayer {
public:
    explicit MarkerLayer(LonLat at)
        : MapLayer(RenderStage::Cases)
        , m_at(at)
    {
    }
    mutable int created = 0;
    std::unique_ptr<LayerRenderer> createRenderer(const Viewport& v) const override
    {
        ++created;
        struct R : LayerRenderer {
            QPointF px;
            void render(QPainter& p, const std::atomic_bool&) override
            {
                p.fillRect(QRectF(px - QPointF(4, 4), QSizeF(8, 8)), QColor(0xff, 0x00, 0xff));
            }
        };
        auto r = std::make_unique<R>();
        r->px = v.toPixel(m_at);
        return r;
    }

private:
    LonLat m_at;
};

bool isMagenta(QRgb c) { return qRed(c) > 240 && qGreen(c) < 15 && qBlue(c) > 240; }

// The regions of the paint events a widget gets, once installed as its event filter.
struct PaintWatch : QObject {
    QList<QRegion> regions;
    bool eventFilter(QObject*, QEvent* e) override
    {
        if (e->type() == QEvent::Paint)
            regions.append(static_cast<QPaintEvent*>(e)->region());
        return false;
    }
};

} // namespace

class TestMapCanvas : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void paintOnlyBlits();
    void keyboardPan_data();
    void keyboardPan();
    void keyboardZoom();
    void wheelZoomKeepsCursorPoint();
    void dragPansAndClickClicks();
    void inertiaCarriesOn();
    void flyToAndZoomToBox();
    void scaleBarAndReadout();
    void dropOnWorkerAndGrid();
    void dropRejections();
    void pulsesAnimateWithoutRendering();
    void pulsesRepaintOnlyAroundTheRings();
    void liveMarkersRepaintOnlyWhereTheyMoved();

private:
    std::unique_ptr<MapScene> m_scene;
    std::unique_ptr<MapCanvas> m_canvas;
    MarkerLayer* m_marker = nullptr;
};

void TestMapCanvas::init()
{
    m_scene = std::make_unique<MapScene>();
    m_scene->setBackgroundColor(Qt::black);
    m_marker = m_scene->addLayer(std::make_unique<MarkerLayer>(fx::cellCentre(1, 1)));
    m_canvas = std::make_unique<MapCanvas>();
    m_canvas->resize(640, 480);
    m_canvas->setScene(m_scene.get());
    m_canvas->setView(fx::cellCentre(1, 1), 16);
    m_canvas->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_canvas.get()));
    QCOMPARE(m_canvas->viewport().size(), QSize(640, 480));
    QVERIFY(m_scene->waitUntilUpToDate());
}

void TestMapCanvas::cleanup()
{
    m_canvas.reset();
    m_scene.reset();
}

void TestMapCanvas::paintOnlyBlits()
{
    const int rendered = m_marker->created;
    QVERIFY(rendered >= 1);
    const quint64 paints = m_canvas->paintCount();
    QImage frame = m_canvas->grab().toImage();
    m_canvas->repaint();
    m_canvas->repaint();
    QVERIFY(m_canvas->paintCount() >= paints + 3);
    QCOMPARE(m_marker->created, rendered);
    const QPointF at = m_canvas->viewport().toPixel(fx::cellCentre(1, 1));
    QVERIFY(isMagenta(frame.pixel(at.toPoint())));
    // A pan paints the cached image shifted at once, before any re-render.
    QTest::keyClick(m_canvas.get(), Qt::Key_Left);
    frame = m_canvas->grab().toImage();
    QCOMPARE(m_marker->created, rendered);
    const QPointF shifted = m_canvas->viewport().toPixel(fx::cellCentre(1, 1));
    QVERIFY(std::abs(shifted.x() - at.x() - 80) < 1e-6);
    QVERIFY(isMagenta(frame.pixel(shifted.toPoint())));
    QVERIFY(!isMagenta(frame.pixel(at.toPoint())));
    // The background job catches up once.
    QVERIFY(m_scene->waitUntilUpToDate());
    QCOMPARE(m_marker->created, rendered + 1);
}

void TestMapCanvas::keyboardPan_data()
{
    QTest::addColumn<int>("key");
    QTest::addColumn<int>("lonSign");
    QTest::addColumn<int>("latSign");
    QTest::newRow("left shows the west") << int(Qt::Key_Left) << -1 << 0;
    QTest::newRow("right shows the east") << int(Qt::Key_Right) << 1 << 0;
    QTest::newRow("up shows the north") << int(Qt::Key_Up) << 0 << 1;
    QTest::newRow("down shows the south") << int(Qt::Key_Down) << 0 << -1;
}

void TestMapCanvas::keyboardPan()
{
    QFETCH(int, key);
    QFETCH(int, lonSign);
    QFETCH(int, latSign);
    const LonLat before = m_canvas->viewport().center();
    const double zoom = m_canvas->viewport().zoom();
    QTest::keyClick(m_canvas.get(), Qt::Key(key));
    const LonLat after = m_canvas->viewport().center();
    auto sign = [](double d) { return std::abs(d) < 1e-12 ? 0 : (d > 0 ? 1 : -1); };
    QCOMPARE(sign(after.lon - before.lon), lonSign);
    QCOMPARE(sign(after.lat - before.lat), latSign);
    QCOMPARE(m_canvas->viewport().zoom(), zoom);
    // 80 px per press, 320 with Shift.
    const double mpp = m_canvas->viewport().metresPerPixel();
    const double moved = distanceMetres(before, after);
    QVERIFY2(std::abs(moved / mpp - 80) < 1, qPrintable(QString::number(moved / mpp)));
    QTest::keyClick(m_canvas.get(), Qt::Key(key), Qt::ShiftModifier);
    QVERIFY(std::abs(distanceMetres(after, m_canvas->viewport().center()) / mpp - 320) < 2);
}

void TestMapCanvas::keyboardZoom()
{
    const double zoom = m_canvas->viewport().zoom();
    QSignalSpy changed(m_canvas.get(), &MapCanvas::viewportChanged);
    QTest::keyClick(m_canvas.get(), Qt::Key_Plus);
    QCOMPARE(m_canvas->viewport().zoom(), zoom + 1);
    QTest::keyClick(m_canvas.get(), Qt::Key_Minus);
    QTest::keyClick(m_canvas.get(), Qt::Key_Minus);
    QCOMPARE(m_canvas->viewport().zoom(), zoom - 1);
    QCOMPARE(changed.count(), 3);
    // Zooming with the cursor outside keeps the centre.
    const LonLat c = m_canvas->viewport().center();
    QVERIFY(distanceMetres(c, fx::cellCentre(1, 1)) < 0.01);
}

void TestMapCanvas::wheelZoomKeepsCursorPoint()
{
    const QPointF cursor(100, 90);
    const LonLat under = m_canvas->viewport().toLonLat(cursor);
    const double zoom = m_canvas->viewport().zoom();
    QWheelEvent wheel(cursor, m_canvas->mapToGlobal(cursor), QPoint(), QPoint(0, 120), Qt::NoButton,
        Qt::NoModifier, Qt::NoScrollPhase, false);
    QCoreApplication::sendEvent(m_canvas.get(), &wheel);
    QVERIFY(std::abs(m_canvas->viewport().zoom() - (zoom + 0.5)) < 1e-9);
    const QPointF back = m_canvas->viewport().toPixel(under);
    QVERIFY(std::abs(back.x() - cursor.x()) < 1e-6 && std::abs(back.y() - cursor.y()) < 1e-6);
}

void TestMapCanvas::dragPansAndClickClicks()
{
    QSignalSpy clicks(m_canvas.get(), &MapCanvas::clicked);
    const QPoint start(300, 200);
    const LonLat grabbed = m_canvas->viewport().toLonLat(start);
    QTest::mousePress(m_canvas.get(), Qt::LeftButton, {}, start);
    for (int i = 1; i <= 10; ++i)
        QTest::mouseMove(m_canvas.get(), start + QPoint(10 * i, 5 * i));
    QTest::qWait(120); // stop before releasing: no inertia
    QTest::mouseRelease(m_canvas.get(), Qt::LeftButton, {}, start + QPoint(100, 50));
    QCOMPARE(clicks.count(), 0);
    const QPointF now = m_canvas->viewport().toPixel(grabbed);
    QVERIFY2(std::abs(now.x() - 400) < 1e-6 && std::abs(now.y() - 250) < 1e-6,
        qPrintable(QStringLiteral("%1,%2").arg(now.x()).arg(now.y())));
    QVERIFY(!m_canvas->isAnimating());
    // Press and release in place: a click at that lon/lat.
    QTest::mouseClick(m_canvas.get(), Qt::LeftButton, {}, QPoint(50, 60));
    QCOMPARE(clicks.count(), 1);
    const LonLat at = clicks.first().at(0).value<LonLat>();
    QVERIFY(distanceMetres(at, m_canvas->viewport().toLonLat(QPointF(50, 60))) < 0.01);
}

void TestMapCanvas::inertiaCarriesOn()
{
    const QPoint start(200, 200);
    QTest::mousePress(m_canvas.get(), Qt::LeftButton, {}, start);
    QPoint pos = start;
    for (int i = 0; i < 6; ++i) {
        QTest::qWait(10);
        pos += QPoint(20, 0);
        QTest::mouseMove(m_canvas.get(), pos);
    }
    const LonLat atRelease = m_canvas->viewport().center();
    QTest::mouseRelease(m_canvas.get(), Qt::LeftButton, {}, pos);
    QVERIFY(m_canvas->isAnimating());
    QTRY_VERIFY_WITH_TIMEOUT(!m_canvas->isAnimating(), 5000);
    // The glide continued westwards (content moved right) after the release.
    QVERIFY(m_canvas->viewport().center().lon < atRelease.lon);
    // A press stops any glide at once.
    QTest::mousePress(m_canvas.get(), Qt::LeftButton, {}, start);
    QTest::mouseRelease(m_canvas.get(), Qt::LeftButton, {}, start);
    QVERIFY(!m_canvas->isAnimating());
}

void TestMapCanvas::flyToAndZoomToBox()
{
    const LonLat target { 113.36, 23.14 };
    m_canvas->flyTo(target, 17.0, 150);
    QVERIFY(m_canvas->isAnimating());
    QTRY_VERIFY_WITH_TIMEOUT(!m_canvas->isAnimating(), 5000);
    QVERIFY(distanceMetres(m_canvas->viewport().center(), target) < 0.01);
    QCOMPARE(m_canvas->viewport().zoom(), 17.0);
    GeoBox box;
    for (const GridCell& g : fx::grids())
        box.include(g.boundary.bounds());
    m_canvas->zoomToBox(box, 20, 0);
    const QPointF nw = m_canvas->viewport().toPixel({ box.west, box.north });
    const QPointF se = m_canvas->viewport().toPixel({ box.east, box.south });
    QVERIFY(nw.x() >= 19.9 && nw.y() >= 19.9 && se.x() <= 620.1 && se.y() <= 460.1);
    QVERIFY(se.y() - nw.y() > 400); // fills the height
}

void TestMapCanvas::scaleBarAndReadout()
{
    const MapCanvas::ScaleBar bar = m_canvas->scaleBar();
    QVERIFY2(bar.pixels >= 48 && bar.pixels <= 120, qPrintable(QString::number(bar.pixels)));
    QVERIFY(std::abs(bar.pixels * m_canvas->viewport().metresPerPixel() - bar.metres) < 1e-6);
    QVERIFY(bar.text.endsWith(QStringLiteral(" m")));
    m_canvas->setView(fx::cellCentre(1, 1), 9);
    QVERIFY(m_canvas->scaleBar().text.endsWith(QStringLiteral(" km")));
    QVERIFY(m_canvas->coordinateText().isEmpty());
    QTest::mouseMove(m_canvas.get(), QPoint(320, 240));
    QTRY_VERIFY(!m_canvas->coordinateText().isEmpty());
    const QString text = m_canvas->coordinateText();
    QVERIFY2(text.contains(QStringLiteral("N")) && text.contains(QStringLiteral("E")), qPrintable(text));
    QVERIFY2(text.contains(QString::number(fx::cellCentre(1, 1).lat, 'f', 3)), qPrintable(text));
}

void TestMapCanvas::dropOnWorkerAndGrid()
{
    auto* areas = m_scene->addLayer(std::make_unique<AreasLayer>());
    areas->setAreas({}, {}, fx::grids());
    auto* workers = m_scene->addLayer(std::make_unique<WorkersLayer>());
    workers->setClock([] { return kNow; });
    workers->updatePosition({ 9, QStringLiteral("GW0009"), QStringLiteral("Chen Jing"), fx::cellCentre(0, 0), kNow, WorkerStatus::Patrolling });
    m_canvas->setDropResolver([areas, workers](QPointF px, const Viewport& v) {
        return resolveDropTarget(workers, areas, px, v);
    });
    QSignalSpy targets(m_canvas.get(), &MapCanvas::dropTargetChanged);
    QSignalSpy dropped(m_canvas.get(), &MapCanvas::casesDropped);
    auto mime = makeCaseMimeData({ 101, 102 });
    const QPointF onWorker = m_canvas->viewport().toPixel(fx::cellCentre(0, 0)) + QPointF(3, 2);

    QDragEnterEvent enter(onWorker.toPoint(), Qt::MoveAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(m_canvas.get(), &enter);
    QVERIFY(enter.isAccepted());
    QDragMoveEvent move(onWorker.toPoint(), Qt::MoveAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(m_canvas.get(), &move);
    QVERIFY(move.isAccepted());
    QCOMPARE(m_canvas->hoveredDropTarget().kind, DropTarget::Kind::Worker);
    QVERIFY(m_canvas->hoveredDropTarget().caption.contains(QStringLiteral("Chen Jing")));
    QCOMPARE(targets.count(), 1);
    // The highlight is an overlay: painting it renders nothing.
    const int rendered = m_marker->created;
    m_canvas->repaint();
    QCOMPARE(m_marker->created, rendered);

    const QPointF onGrid = m_canvas->viewport().toPixel(fx::cellCentre(2, 1));
    QDragMoveEvent move2(onGrid.toPoint(), Qt::MoveAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(m_canvas.get(), &move2);
    QCOMPARE(m_canvas->hoveredDropTarget().kind, DropTarget::Kind::Grid);
    QCOMPARE(m_canvas->hoveredDropTarget().code, fx::gridCode(2, 1));
    QCOMPARE(targets.count(), 2);

    QDropEvent drop(onGrid, Qt::MoveAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(m_canvas.get(), &drop);
    QVERIFY(drop.isAccepted());
    QCOMPARE(dropped.count(), 1);
    QCOMPARE(dropped.first().at(0).value<QList<qint64>>(), (QList<qint64> { 101, 102 }));
    const DropTarget t = dropped.first().at(1).value<DropTarget>();
    QCOMPARE(t.kind, DropTarget::Kind::Grid);
    QCOMPARE(t.code, fx::gridCode(2, 1));
    QVERIFY(!m_canvas->hoveredDropTarget().isValid()); // highlight cleared

    // A second drag, onto the worker.
    QDragEnterEvent enter2(onWorker.toPoint(), Qt::MoveAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(m_canvas.get(), &enter2);
    QDragMoveEvent move3(onWorker.toPoint(), Qt::MoveAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(m_canvas.get(), &move3);
    QDropEvent drop2(onWorker, Qt::MoveAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(m_canvas.get(), &drop2);
    QCOMPARE(dropped.count(), 2);
    QCOMPARE(dropped.last().at(1).value<DropTarget>().code, QStringLiteral("GW0009"));
}

void TestMapCanvas::dropRejections()
{
    QMimeData text;
    text.setText(QStringLiteral("101"));
    // No resolver: nothing is accepted.
    auto mime = makeCaseMimeData({ 5 });
    QDragEnterEvent noResolver(QPoint(10, 10), Qt::MoveAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(m_canvas.get(), &noResolver);
    QVERIFY(!noResolver.isAccepted());

    auto* areas = m_scene->addLayer(std::make_unique<AreasLayer>());
    areas->setAreas({}, {}, fx::grids());
    m_canvas->setDropResolver([areas](QPointF px, const Viewport& v) { return resolveDropTarget(nullptr, areas, px, v); });
    QSignalSpy dropped(m_canvas.get(), &MapCanvas::casesDropped);
    // Foreign MIME data.
    QDragEnterEvent foreign(QPoint(320, 240), Qt::MoveAction, &text, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(m_canvas.get(), &foreign);
    QVERIFY(!foreign.isAccepted());
    // Outside every grid.
    QDragMoveEvent outside(QPoint(2, 2), Qt::MoveAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(m_canvas.get(), &outside);
    QVERIFY(!outside.isAccepted());
    QDropEvent dropOutside(QPointF(2, 2), Qt::MoveAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(m_canvas.get(), &dropOutside);
    QCOMPARE(dropped.count(), 0);
    // Malformed ids on a valid target.
    QMimeData bad;
    bad.setData(QString::fromLatin1(kCaseIdsMimeType), "7,oops");
    QDropEvent badDrop(QPointF(320, 240), Qt::MoveAction, &bad, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(m_canvas.get(), &badDrop);
    QCOMPARE(dropped.count(), 0);
}

void TestMapCanvas::pulsesAnimateWithoutRendering()
{
    const int rendered = m_marker->created;
    const quint64 paints = m_canvas->paintCount();
    m_canvas->setPulses({ fx::cellCentre(1, 1) });
    QCOMPARE(m_canvas->pulseCount(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(m_canvas->paintCount() >= paints + 5, 3000);
    QCOMPARE(m_marker->created, rendered);
    // A red ring appears around the marker at some phase.
    bool red = false;
    const QPointF c = m_canvas->viewport().toPixel(fx::cellCentre(1, 1));
    for (int i = 0; i < 30 && !red; ++i) {
        const QImage frame = m_canvas->grab().toImage();
        for (int dx = 8; dx < 40 && !red; ++dx) {
            const QRgb px = frame.pixel((c + QPointF(dx, 0)).toPoint());
            red = qRed(px) > 120 && qGreen(px) < 60 && qBlue(px) < 60;
        }
        QTest::qWait(40);
    }
    QVERIFY(red);
    m_canvas->setPulses({});
    QCOMPARE(m_canvas->pulseCount(), 0);
    const quint64 stopped = m_canvas->paintCount();
    QTest::qWait(200);
    QVERIFY(m_canvas->paintCount() <= stopped + 1);
}

QTEST_MAIN(TestMapCanvas)
// Many red disputes at one spot (a burst of reports) ring once, and the animation repaints
// only the squares the rings sweep, not the whole map 25 times a second.
void TestMapCanvas::pulsesRepaintOnlyAroundTheRings()
{
    PaintWatch watch;
    const QList<QRegion>& painted = watch.regions;
    m_canvas->installEventFilter(&watch);
    QTRY_VERIFY(m_scene->isUpToDate());
    QCoreApplication::processEvents();
    watch.regions.clear();
    const QList<LonLat> oneSpot(100, fx::cellCentre(1, 1));
    m_canvas->setPulses(oneSpot);
    QTRY_VERIFY_WITH_TIMEOUT(painted.size() >= 4, 3000);
    m_canvas->removeEventFilter(&watch);
    // The first paint after setPulses is the whole map; the animation's are squares.
    const QRect last = painted.last().boundingRect();
    const QPointF c = m_canvas->viewport().toPixel(fx::cellCentre(1, 1));
    QVERIFY2(last.width() < m_canvas->width() / 2 && last.height() < m_canvas->height() / 2,
        qPrintable(QStringLiteral("repainted %1x%2").arg(last.width()).arg(last.height())));
    QVERIFY(last.contains(c.toPoint()));
    m_canvas->setPulses({});
}

void TestMapCanvas::liveMarkersRepaintOnlyWhereTheyMoved()
{
    // A live worker that steps repaints the squares around where it was and is, not the map.
    auto* workers = m_scene->addLayer(std::make_unique<WorkersLayer>());
    workers->setLive(true);
    workers->setTrailsVisible(false);
    workers->setClock([] { return kNow; });
    const Viewport& v = m_canvas->viewport();
    auto fixAt = [&](QPointF px, qint64 at) { return WorkerPosition { 1, QStringLiteral("W1"), {}, v.toLonLat(px), at, WorkerStatus::Patrolling }; };
    workers->updatePosition({ 2, QStringLiteral("W2"), {}, v.toLonLat(QPointF(500, 400)), kNow, WorkerStatus::Patrolling });
    QPointF at(100, 100);
    for (int step = 0; step < 3; ++step) { // until a frame can be compared with the one before
        at += QPointF(30, 0);
        workers->updatePosition(fixAt(at, kNow + step));
        QVERIFY(m_scene->waitUntilUpToDate());
    }
    QCoreApplication::processEvents();
    PaintWatch watch;
    const QList<QRegion>& paints = watch.regions;
    m_canvas->installEventFilter(&watch);
    QSignalSpy within(m_scene.get(), &MapScene::changedWithin);
    const QPointF from = at;
    at += QPointF(40, 20);
    workers->updatePosition(fixAt(at, kNow + 10));
    QTRY_VERIFY_WITH_TIMEOUT(m_scene->shownRevision(workers) == workers->revision() && !paints.isEmpty(), 10000);
    m_canvas->removeEventFilter(&watch);
    QCOMPARE(within.count(), 1);
    const QRegion painted = paints.first(); // later ones may be the whole map, once the flat is rebuilt
    QVERIFY(painted.contains(from.toPoint()));
    QVERIFY(painted.contains(at.toPoint()));
    QVERIFY(!painted.contains(QPoint(500, 400))); // the worker that stood still
    const QRect around = painted.boundingRect();
    QVERIFY2(around.width() < m_canvas->width() / 4 && around.height() < m_canvas->height() / 4,
        qPrintable(QStringLiteral("repainted %1x%2").arg(around.width()).arg(around.height())));
    // What the canvas shows there is the marker's new place, not its old one.
    const QImage shown = m_canvas->grab().toImage();
    QVERIFY(shown.pixelColor(at.toPoint()) != shown.pixelColor(from.toPoint()));
}

#include "tst_mapcanvas.moc"
