// The map's interaction widgets offscreen: layer switcher, legend, area search, grid info,
// playback panel and the map panel's follow toggle.

#include "maps/areaslayer.h"
#include "maps/caseslayer.h"
#include "maps/mapscene.h"
#include "maps/playback.h"
#include "maps/workerslayer.h"
#include "widgets/areasearch.h"
#include "widgets/gridinfo.h"
#include "widgets/layerswitcher.h"
#include "widgets/mapcanvas.h"
#include "maps/cameraslayer.h"
#include "widgets/maplegend.h"
#include "widgets/mappanel.h"
#include "widgets/playbackpanel.h"

#include "mapfixture.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAction>
#include <QCompleter>
#include <QDateTime>
#include <QLabel>
#include <QListWidget>
#include <QSignalSpy>
#include <QSlider>
#include <QTest>
#include <QToolButton>
#include <QTranslator>

#include <cmath>
#include <numbers>

using namespace gridhall;
namespace fx = gridhall::testfixture;

namespace {

constexpr qint64 kT0 = 1'763'800'000'000;

LonLat offset(LonLat o, double east, double north)
{
    return { o.lon + east / (111320.0 * std::cos(o.lat * std::numbers::pi / 180)), o.lat + north / 111320.0 };
}

std::unique_ptr<AreasLayer> fixtureAreas()
{
    auto areas = std::make_unique<AreasLayer>();
    areas->setAreas(fx::streets(), fx::communities(), fx::grids());
    return areas;
}

// 10 minutes east at 1 m/s, 10 minutes standing still, 10 minutes north at 0.5 m/s;
// one fix every 10 s.
QList<TrackFix> walk(LonLat start, qint64 t0)
{
    QList<TrackFix> fixes;
    for (int i = 0; i <= 60; ++i)
        fixes.append({ offset(start, i * 10.0, 0), t0 + i * 10'000 });
    const LonLat east = offset(start, 600, 0);
    for (int i = 1; i <= 60; ++i)
        fixes.append({ east, t0 + 600'000 + i * 10'000 });
    for (int i = 1; i <= 60; ++i)
        fixes.append({ offset(east, 0, -i * 5.0), t0 + 1'200'000 + i * 10'000 });
    return fixes;
}

QRgb pixelAt(const QImage& image, const Viewport& v, LonLat p)
{
    const QPointF px = v.toPixel(p) * v.devicePixelRatio();
    return image.pixel(int(px.x()), int(px.y()));
}

// Translates a few source texts, so retranslation can be checked without a .qm file.
class FakeTranslator : public QTranslator {
public:
    QString translate(const char* context, const char* sourceText, const char* disambiguation, int n) const override
    {
        Q_UNUSED(disambiguation);
        Q_UNUSED(n);
        static const QHash<QString, QString> table {
            { QStringLiteral("gridhall::LayerSwitcher|Cases"), QStringLiteral("案件") },
            { QStringLiteral("gridhall::LayerSwitcher|&Opacity"), QStringLiteral("透明度(&O)") },
            { QStringLiteral("gridhall::MapLegend|Patrolling"), QStringLiteral("巡查中") },
            { QStringLiteral("gridhall::PlaybackPanel|Play"), QStringLiteral("播放") },
            { QStringLiteral("gridhall::GridInfo|Open cases: %1"), QStringLiteral("未结案件：%1") },
            { QStringLiteral("gridhall::AreaSearch|grid"), QStringLiteral("网格") },
        };
        return table.value(QLatin1String(context) + QLatin1Char('|') + QLatin1String(sourceText));
    }
    bool isEmpty() const override { return false; }
};

} // namespace

class TestMapWidgets : public QObject {
    Q_OBJECT
private slots:
    void switcherTogglesVisibility();
    void switcherFollowsChangesElsewhere();
    void legendEntriesPerMode();
    void legendColoursMatchLayers();
    void legendFoldsOnASmallMap();
    void legendExplainsCamerasWhileShown();
    void searchCompletesByNameAndCode();
    void searchEnterEmitsCode();
    void searchPopupPicksWithKeyboard();
    void gridInfoForKnownGrid();
    void gridInfoFollowsCanvas();
    void playbackAdvancesBySpeed();
    void playbackPauseAndTimer();
    void playbackScrubbing();
    void playbackStopsDistanceGrids();
    void playbackGroupAndPeriod();
    void playbackEndsAtPeriodEnd();
    void playbackDrivesWorkersLayer();
    void panelFollowsWorker();
    void retranslatesOnLanguageChange();
};

void TestMapWidgets::switcherTogglesVisibility()
{
    MapScene scene;
    scene.setBackgroundColor(Qt::black);
    auto* areas = scene.addLayer(fixtureAreas());
    areas->setOpacity(1.0);
    areas->setGridStats(fx::gridCode(1, 1), GridStats { 25, DisputeLevel::None, 0 });
    auto* cases = scene.addLayer(std::make_unique<CasesLayer>());

    LayerSwitcher switcher;
    switcher.addLayer(areas, QT_TRANSLATE_NOOP("gridhall::LayerSwitcher", "Grid cells"));
    switcher.addLayer(cases, QT_TRANSLATE_NOOP("gridhall::LayerSwitcher", "Cases"));
    QCOMPARE(switcher.layerCount(), 2);
    QListWidget* list = switcher.findChild<QListWidget*>(QStringLiteral("layerList"));
    QVERIFY(list);
    QCOMPARE(list->item(0)->text(), QStringLiteral("Grid cells"));
    QCOMPARE(list->item(0)->checkState(), Qt::Checked);

    const Viewport view(fx::cellCentre(1, 1), 16, QSize(400, 300));
    const QColor fill = areas->fillColour(fx::gridCode(1, 1));
    QVERIFY(fill.isValid());
    QCOMPARE(QColor(pixelAt(scene.renderToImage(view), view, fx::cellCentre(1, 1))), fill);

    list->item(0)->setCheckState(Qt::Unchecked);
    QVERIFY(!areas->isVisible());
    QVERIFY(cases->isVisible());
    QCOMPARE(QColor(pixelAt(scene.renderToImage(view), view, fx::cellCentre(1, 1))), QColor(Qt::black));

    // Space on the current row toggles it back.
    list->setCurrentRow(0);
    list->setFocus();
    QTest::keyClick(list, Qt::Key_Space);
    QVERIFY(areas->isVisible());
    QCOMPARE(QColor(pixelAt(scene.renderToImage(view), view, fx::cellCentre(1, 1))), fill);

    // The slider sets the current layer's opacity.
    switcher.setCurrentLayer(cases);
    QCOMPARE(switcher.currentLayer(), cases);
    switcher.opacitySlider()->setValue(40);
    QCOMPARE(cases->opacity(), 0.4);
    QCOMPARE(areas->opacity(), 1.0);
}

void TestMapWidgets::switcherFollowsChangesElsewhere()
{
    MapScene scene;
    auto* areas = scene.addLayer(fixtureAreas());
    auto* cases = scene.addLayer(std::make_unique<CasesLayer>());
    LayerSwitcher switcher;
    switcher.addLayer(areas, "Grid cells");
    switcher.addLayer(cases, "Cases");
    switcher.addLayer(cases, "Cases"); // twice is once
    QCOMPARE(switcher.layerCount(), 2);

    cases->setVisible(false);
    QCOMPARE(switcher.list()->item(1)->checkState(), Qt::Unchecked);
    switcher.setCurrentLayer(areas);
    areas->setOpacity(0.25);
    QCOMPARE(switcher.opacitySlider()->value(), 25);
    // Showing the opacity must not write it back rounded.
    QCOMPARE(areas->opacity(), 0.25);

    scene.removeLayer(areas);
    QCOMPARE(switcher.layerCount(), 1);
    QCOMPARE(switcher.list()->count(), 1);
    QCOMPARE(switcher.list()->item(0)->text(), QStringLiteral("Cases"));
}

void TestMapWidgets::legendEntriesPerMode()
{
    MapLegend legend;
    QStringList keys;
    auto gridKeys = [&] {
        QStringList out;
        for (const auto& e : legend.entries(MapLegend::Section::GridFill))
            out.append(e.key);
        return out;
    };
    QCOMPARE(legend.colourMode(), AreaColourMode::OpenCases);
    QCOMPARE(gridKeys(),
        QStringList({ "open-1", "open-3", "open-6", "open-11", "open-21" }));
    legend.setColourMode(AreaColourMode::DisputeLevel);
    QCOMPARE(gridKeys(), QStringList({ "dispute-red", "dispute-orange", "dispute-yellow" }));
    legend.setColourMode(AreaColourMode::OverdueCases);
    QCOMPARE(gridKeys(), QStringList({ "overdue-1", "overdue-3", "overdue-6" }));
    legend.setColourMode(AreaColourMode::None);
    QVERIFY(gridKeys().isEmpty());
    QVERIFY(!legend.findChild<QLabel*>(QStringLiteral("legendGridHeading")));

    // Case and worker entries do not depend on the mode.
    QCOMPARE(legend.entries(MapLegend::Section::Cases).size(), 8);
    QStringList workerKeys;
    for (const auto& e : legend.entries(MapLegend::Section::Workers))
        workerKeys.append(e.key);
    QCOMPARE(workerKeys,
        QStringList({ "worker-patrolling", "worker-oncase", "worker-offline", "worker-stale", "worker-cluster" }));
    // The workers' count bubbles are explained too: at a real load they fill the desk's map.
    const auto* bubble = legend.findChild<QLabel*>(QStringLiteral("legendSwatch-worker-cluster"));
    QVERIFY(bubble);
    const QImage bubbleIcon = bubble->pixmap().toImage();
    const QRgb bubbleGreen = legend.entries(MapLegend::Section::Workers).last().fill.rgb();
    bool green = false;
    for (int y = 0; y < bubbleIcon.height() && !green; ++y)
        for (int x = 0; x < bubbleIcon.width() && !green; ++x)
            green = bubbleIcon.pixelColor(x, y).rgb() == bubbleGreen;
    QVERIFY(green);
    // The clusters are explained with the colours the cases layer gives them.
    QStringList clusterKeys;
    for (const auto& e : legend.entries(MapLegend::Section::Clusters))
        clusterKeys.append(e.key);
    QCOMPARE(clusterKeys, QStringList({ "cluster-worst", "cluster-overdue" }));
    QCOMPARE(legend.entries(MapLegend::Section::Clusters).first().fill, CasesLayer::clusterColour(DisputeLevel::Red));
    QCOMPARE(legend.entries(MapLegend::Section::Clusters).last().border, CasesLayer::overdueRingColour());
    QVERIFY(legend.findChild<QLabel*>(QStringLiteral("legendClustersHeading")));

    legend.setColourMode(AreaColourMode::OpenCases);
    const QLabel* text = legend.findChild<QLabel*>(QStringLiteral("legendText-open-21"));
    QVERIFY(text);
    QCOMPARE(text->text(), QStringLiteral("21 or more open cases"));
    QVERIFY(legend.findChild<QLabel*>(QStringLiteral("legendSwatch-worker-stale")));
    QVERIFY(!legend.findChild<QLabel*>(QStringLiteral("legendText-dispute-red")));
}

void TestMapWidgets::legendColoursMatchLayers()
{
    // The real layer with the fixture grids, coloured by stats in each band.
    auto areas = fixtureAreas();
    MapLegend legend;
    legend.setAreaOpacity(1.0);
    const QString g = fx::gridCode(0, 0);
    auto fillFor = [&](AreaColourMode mode, GridStats stats) {
        areas->setColourMode(mode);
        areas->setGridStats(g, stats);
        return areas->fillColour(g);
    };
    auto entry = [&](const QString& key) {
        for (const auto& e : legend.entries())
            if (e.key == key)
                return e;
        return MapLegend::Entry {};
    };
    QCOMPARE(entry("open-3").fill, fillFor(AreaColourMode::OpenCases, { 4, DisputeLevel::None, 0 }));
    QCOMPARE(entry("open-21").fill, fillFor(AreaColourMode::OpenCases, { 40, DisputeLevel::None, 0 }));
    QVERIFY(entry("open-3").fill != entry("open-21").fill);
    legend.setColourMode(AreaColourMode::DisputeLevel);
    QCOMPARE(entry("dispute-orange").fill, fillFor(AreaColourMode::DisputeLevel, { 0, DisputeLevel::Orange, 0 }));
    legend.setColourMode(AreaColourMode::OverdueCases);
    QCOMPARE(entry("overdue-6").fill, fillFor(AreaColourMode::OverdueCases, { 0, DisputeLevel::None, 9 }));

    // At the default opacity the swatch looks like the blended fill over the background.
    legend.setAreaOpacity(0.6);
    legend.setTheme(MapTheme::Workstation);
    QCOMPARE(entry("overdue-6").fill, preblend(areas->fillColour(g), paletteFor(MapTheme::Workstation).background, 0.6));

    CaseMarker red;
    red.dispute = DisputeLevel::Red;
    QCOMPARE(entry("case-red").fill, CasesLayer::markerColour(red));
    QCOMPARE(entry("case-red").shape, sprites::Shape::Diamond);
    CaseMarker handling;
    handling.state = CaseState::Handling;
    QCOMPARE(entry("case-handling").fill, CasesLayer::markerColour(handling));
    QCOMPARE(entry("case-handling").shape, sprites::Shape::Dot);
    QCOMPARE(entry("worker-stale").shape, sprites::Shape::Ring);
}

void TestMapWidgets::legendExplainsCamerasWhileShown()
{
    MapLegend legend;
    QVERIFY(legend.entries(MapLegend::Section::Cameras).isEmpty());
    QVERIFY(!legend.findChild<QLabel*>(QStringLiteral("legendCamerasHeading")));
    legend.setCamerasShown(true);
    const QList<MapLegend::Entry> cameras = legend.entries(MapLegend::Section::Cameras);
    QCOMPARE(cameras.size(), 4);
    QVERIFY(legend.findChild<QLabel*>(QStringLiteral("legendCamerasHeading")));
    // Each kind's swatch is painted by the layer's own code, in the layer's colour.
    const QList<QPair<QString, CameraKind>> kinds { { "camera-road", CameraKind::Road },
        { "camera-compound", CameraKind::Compound }, { "camera-face", CameraKind::FaceMatching } };
    for (const auto& [key, kind] : kinds) {
        auto* swatch = legend.findChild<QLabel*>(QStringLiteral("legendSwatch-") + key);
        QVERIFY2(swatch, qPrintable(key));
        const QImage icon = swatch->pixmap().toImage();
        bool found = false;
        for (int y = 0; y < icon.height() && !found; ++y)
            for (int x = 0; x < icon.width() && !found; ++x)
                found = icon.pixelColor(x, y).rgb() == CamerasLayer::kindColour(kind).rgb();
        QVERIFY2(found, qPrintable(key));
    }
    QVERIFY(legend.findChild<QLabel*>(QStringLiteral("legendText-camera-cluster")));
    legend.setCamerasShown(false);
    QVERIFY(legend.entries(MapLegend::Section::Cameras).isEmpty());
    QVERIFY(!legend.findChild<QLabel*>(QStringLiteral("legendSwatch-camera-road")));
}

void TestMapWidgets::searchCompletesByNameAndCode()
{
    AreaSearch search;
    search.setAreas(fx::streets(), fx::communities(), fx::grids());
    QCOMPARE(search.areaCount(), 11);
    QCOMPARE(search.matches(QStringLiteral("G5")), QStringList { fx::gridCode(1, 1) });
    QCOMPARE(search.matches(QStringLiteral("gangding")), QStringList { QStringLiteral("440106001001") });
    QCOMPARE(search.matches(QStringLiteral("001001009")), QStringList { fx::gridCode(2, 2) });
    // A street code is part of every code below it; the street comes first.
    const QStringList byStreet = search.matches(QStringLiteral("440106001"));
    QCOMPARE(byStreet.size(), 11);
    QCOMPARE(byStreet.first(), QStringLiteral("440106001"));
    QVERIFY(search.matches(QStringLiteral("Haizhu")).isEmpty());

    QCompleter* completer = search.areaCompleter();
    completer->setCompletionPrefix(QStringLiteral("gang"));
    QCOMPARE(completer->completionCount(), 1);
    QCOMPARE(completer->completionModel()->index(0, 0).data(Qt::UserRole).toString(), QStringLiteral("440106001001"));
    completer->setCompletionPrefix(QStringLiteral("440106001001005"));
    QCOMPARE(completer->completionCount(), 1);
    QVERIFY(completer->completionModel()->index(0, 0).data().toString().contains(QStringLiteral("G5")));
}

void TestMapWidgets::searchEnterEmitsCode()
{
    AreaSearch search;
    search.setAreas(fx::streets(), fx::communities(), fx::grids());
    QSignalSpy chosen(&search, &AreaSearch::areaChosen);

    search.setText(QStringLiteral("G5"));
    QTest::keyClick(&search, Qt::Key_Return);
    QCOMPARE(chosen.size(), 1);
    QCOMPARE(chosen.takeFirst().at(0).toString(), fx::gridCode(1, 1));

    // An exact code wins over the longer codes that contain it.
    search.setText(QStringLiteral("440106001"));
    QTest::keyClick(&search, Qt::Key_Enter);
    QCOMPARE(chosen.size(), 1);
    QCOMPARE(chosen.takeFirst().at(0).toString(), QStringLiteral("440106001"));

    // A partial match picks the first in the list.
    search.setText(QStringLiteral("ngdi"));
    QTest::keyClick(&search, Qt::Key_Return);
    QCOMPARE(chosen.size(), 1);
    QCOMPARE(chosen.takeFirst().at(0).toString(), QStringLiteral("440106001001"));

    search.setText(QStringLiteral("no such place"));
    QTest::keyClick(&search, Qt::Key_Return);
    QCOMPARE(chosen.size(), 0);
}

void TestMapWidgets::searchPopupPicksWithKeyboard()
{
    QWidget window;
    auto* search = new AreaSearch(&window);
    search->setAreas(fx::streets(), fx::communities(), fx::grids());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    search->setFocus();
    QSignalSpy chosen(search, &AreaSearch::areaChosen);
    QTest::keyClicks(search, QStringLiteral("G8"));
    QTRY_VERIFY(search->areaCompleter()->popup()->isVisible());
    QCOMPARE(search->areaCompleter()->completionCount(), 1);
    QTest::keyClick(search->areaCompleter()->popup(), Qt::Key_Down);
    QTest::keyClick(search->areaCompleter()->popup(), Qt::Key_Return);
    QTRY_COMPARE(chosen.size(), 1);
    QCOMPARE(chosen.first().at(0).toString(), fx::gridCode(2, 1));
    QTest::qWait(20); // anything queued after the pick must not pick again
    QCOMPARE(chosen.size(), 1);
}

void TestMapWidgets::gridInfoForKnownGrid()
{
    auto areas = fixtureAreas();
    const QString g5 = fx::gridCode(1, 1);
    areas->setGridStats(g5, GridStats { 4, DisputeLevel::Red, 1 });
    GridInfo info;
    info.setAreasLayer(areas.get());
    info.setWorkerLookup([&](const QString& code) { return code == g5 ? QStringLiteral("王伟 (GW0012)") : QString(); });
    info.showGrid(g5);
    QCOMPARE(info.text(),
        QStringLiteral("G5 (440106001001005)\nWorker: 王伟 (GW0012)\nOpen cases: 4\nOverdue: 1\nHighest dispute: ")
            + disputeLevelDisplayName(DisputeLevel::Red));

    // New stats show without asking.
    areas->setGridStats(g5, GridStats { 0, DisputeLevel::None, 0 });
    QCOMPARE(info.text(),
        QStringLiteral("G5 (440106001001005)\nWorker: 王伟 (GW0012)\nOpen cases: 0\nOverdue: 0\nHighest dispute: none"));

    info.showGrid(fx::gridCode(0, 0));
    QVERIFY(info.text().contains(QStringLiteral("Worker: none assigned")));
    info.showGrid(QStringLiteral("440106999999999"));
    QCOMPARE(info.text(), QStringLiteral("Unknown grid 440106999999999"));
    info.clear();
    QCOMPARE(info.text(), QStringLiteral("Point at a grid cell"));
}

void TestMapWidgets::gridInfoFollowsCanvas()
{
    MapScene scene;
    auto* areas = scene.addLayer(fixtureAreas());
    MapCanvas canvas;
    canvas.resize(400, 300);
    canvas.setScene(&scene);
    canvas.show();
    QVERIFY(QTest::qWaitForWindowExposed(&canvas));
    canvas.setView(fx::cellCentre(1, 1), 16);
    GridInfo info;
    info.setAreasLayer(areas);
    info.attachTo(&canvas);

    const QPoint g1 = canvas.viewport().toPixel(fx::cellCentre(0, 0)).toPoint();
    const QPoint g9 = canvas.viewport().toPixel(fx::cellCentre(2, 2)).toPoint();
    QTest::mouseMove(&canvas, g1);
    QTRY_COMPARE(info.gridCode(), fx::gridCode(0, 0));
    QVERIFY(!info.isPinned());
    QTest::mouseClick(&canvas, Qt::LeftButton, {}, g9);
    QTRY_COMPARE(info.gridCode(), fx::gridCode(2, 2));
    QVERIFY(info.isPinned());
    // Pinned: hovering elsewhere leaves it.
    QTest::mouseMove(&canvas, g1);
    QTest::qWait(20);
    QCOMPARE(info.gridCode(), fx::gridCode(2, 2));
}

void TestMapWidgets::playbackAdvancesBySpeed()
{
    const TrackPlayback track(walk(fx::cellCentre(0, 0), kT0));
    PlaybackPanel panel;
    panel.setTracks({ { 7, QStringLiteral("Wang Wei"), track, QString() } });
    QCOMPARE(panel.currentTime(), kT0);
    QCOMPARE(panel.periodEnd(), track.endMs());
    QVERIFY(panel.setSpeed(8));
    QVERIFY(!panel.setSpeed(3));
    QCOMPARE(panel.speed(), 8);
    QCOMPARE(panel.tickIntervalMs(), 100);

    QSignalSpy moved(&panel, &PlaybackPanel::positionsChanged);
    panel.play();
    for (int i = 1; i <= 10; ++i) {
        panel.step();
        QCOMPARE(panel.currentTime(), kT0 + i * 800);
    }
    QCOMPARE(moved.size(), 10);
    const auto last = moved.last().at(1).value<PlaybackPanel::Positions>();
    QCOMPARE(last.size(), 1);
    QCOMPARE(last.first().first, 7);
    // 8 s at 1 m/s.
    QVERIFY(std::abs(distanceMetres(fx::cellCentre(0, 0), last.first().second) - 8.0) < 0.05);
    QCOMPARE(last.first().second, *track.positionAt(kT0 + 8000));

    QVERIFY(panel.setSpeed(64));
    panel.step();
    QCOMPARE(panel.currentTime(), kT0 + 8000 + 6400);
}

void TestMapWidgets::playbackPauseAndTimer()
{
    PlaybackPanel panel;
    panel.setTracks({ { 1, QString(), TrackPlayback(walk(fx::cellCentre(0, 0), kT0)), QString() } });
    panel.setTickIntervalMs(5);
    QSignalSpy playing(&panel, &PlaybackPanel::playingChanged);
    auto* button = panel.findChild<QAbstractButton*>(QStringLiteral("playButton"));
    QVERIFY(button);
    QCOMPARE(button->text(), QStringLiteral("Play"));
    button->click();
    QVERIFY(panel.isPlaying());
    QCOMPARE(button->text(), QStringLiteral("Pause"));
    QTRY_VERIFY(panel.currentTime() > kT0 + 20);
    button->click();
    QVERIFY(!panel.isPlaying());
    QCOMPARE(playing.size(), 2);
    const qint64 pausedAt = panel.currentTime();
    QTest::qWait(50);
    QCOMPARE(panel.currentTime(), pausedAt);
    QCOMPARE((pausedAt - kT0) % 5, 0); // whole ticks at 1×
}

void TestMapWidgets::playbackScrubbing()
{
    const TrackPlayback track(walk(fx::cellCentre(0, 0), kT0));
    PlaybackPanel panel;
    panel.setTracks({ { 3, QString(), track, QString() } });
    QSignalSpy moved(&panel, &PlaybackPanel::positionsChanged);
    QCOMPARE(panel.scrubber()->maximum(), 1800);
    panel.scrubber()->setValue(1500);
    QCOMPARE(panel.currentTime(), kT0 + 1'500'000);
    QCOMPARE(moved.size(), 1);
    QCOMPARE(moved.first().at(0).toLongLong(), kT0 + 1'500'000);
    QCOMPARE(moved.first().at(1).value<PlaybackPanel::Positions>().first().second, *track.positionAt(kT0 + 1'500'000));

    panel.setCurrentTime(kT0 + 300'000);
    QCOMPARE(panel.scrubber()->value(), 300);
    // Keyboard: one page is a minute.
    panel.scrubber()->setFocus();
    QTest::keyClick(panel.scrubber(), Qt::Key_PageUp);
    QCOMPARE(panel.currentTime(), kT0 + 360'000);
    // Outside the period is clamped.
    panel.setCurrentTime(kT0 - 5000);
    QCOMPARE(panel.currentTime(), kT0);
}

void TestMapWidgets::playbackStopsDistanceGrids()
{
    const TrackPlayback track(walk(fx::cellCentre(0, 0), kT0));
    auto areas = fixtureAreas();
    const auto gridAt = [&](LonLat p) { return areas->gridAt(p); };
    PlaybackPanel panel;
    panel.setGridLookup(gridAt);
    panel.setTracks({ { 1, QString(), track, QString() } });

    QCOMPARE(panel.stopMinutes(), 5);
    const QList<TrackStop> expected = track.stops(5 * 60'000);
    QCOMPARE(expected.size(), 1);
    QCOMPARE(panel.stops().size(), 1);
    QCOMPARE(panel.stops().first().second.startMs, expected.first().startMs);
    const auto marks = panel.scrubber()->marks();
    QCOMPARE(marks.size(), 1);
    QCOMPARE(marks.first().first, int((expected.first().startMs - kT0) / 1000));
    QCOMPARE(marks.first().second, int((expected.first().endMs - kT0) / 1000));
    // The stand-still from 600 s to 1200 s, widened by the stop radius (30 m at 1 m/s in, 0.5 m/s out).
    QVERIFY2(marks.first().first >= 560 && marks.first().first <= 600, qPrintable(QString::number(marks.first().first)));
    QVERIFY2(marks.first().second >= 1200 && marks.first().second <= 1270, qPrintable(QString::number(marks.first().second)));

    // The marks are painted: the band's colour appears on the scrubber.
    panel.resize(600, 120);
    const QImage shot = panel.scrubber()->grab().toImage();
    int marked = 0;
    for (int y = 0; y < shot.height(); ++y)
        for (int x = 0; x < shot.width(); ++x)
            marked += QColor(shot.pixel(x, y)) == QColor(0xe9, 0x71, 0x32);
    QVERIFY2(marked > 20, qPrintable(QString::number(marked)));

    panel.setStopMinutes(15);
    QVERIFY(panel.stops().isEmpty());
    QVERIFY(panel.scrubber()->marks().isEmpty());

    QCOMPARE(panel.distanceMetres(), track.distanceMetres());
    QVERIFY(std::abs(panel.distanceMetres() - 900) < 2);
    QCOMPARE(panel.gridsCovered(), track.gridsCovered(gridAt));
    QVERIFY(panel.gridsCovered().size() >= 3);
    QCOMPARE(panel.gridsCovered().first(), fx::gridCode(0, 0));
    const auto* distanceLabel = panel.findChild<QLabel*>(QStringLiteral("playbackDistance"));
    QCOMPARE(distanceLabel->text(), QStringLiteral("Distance: %1 m").arg(QLocale().toString(panel.distanceMetres(), 'f', 0)));
    const auto* gridsLabel = panel.findChild<QLabel*>(QStringLiteral("playbackGrids"));
    QCOMPARE(gridsLabel->text(), QStringLiteral("Grids covered: %1").arg(panel.gridsCovered().size()));
}

void TestMapWidgets::playbackGroupAndPeriod()
{
    const TrackPlayback a(walk(fx::cellCentre(0, 0), kT0));
    const TrackPlayback b(walk(fx::cellCentre(1, 0), kT0 + 120'000)); // starts two minutes later
    auto areas = fixtureAreas();
    const auto gridAt = [&](LonLat p) { return areas->gridAt(p); };
    PlaybackPanel panel;
    panel.setGridLookup(gridAt);
    panel.setTracks({ { 1, QString(), a, QString() }, { 2, QString(), b, QString() } });
    QCOMPARE(panel.periodStart(), kT0);
    QCOMPARE(panel.periodEnd(), b.endMs());
    QCOMPARE(panel.distanceMetres(), a.distanceMetres() + b.distanceMetres());
    QCOMPARE(panel.findChild<QLabel*>(QStringLiteral("playbackDistance"))->text(),
        QStringLiteral("Distance: %1 km").arg(QLocale().toString(panel.distanceMetres() / 1000, 'f', 2)));
    QCOMPARE(panel.stops().size(), 2);
    QCOMPARE(panel.positionsAt(kT0 + 60'000).size(), 1);
    const auto both = panel.positionsAt(kT0 + 180'000);
    QCOMPARE(both.size(), 2);
    QCOMPARE(both[1].first, 2);
    QCOMPARE(both[1].second, *b.positionAt(kT0 + 180'000));

    // One minute of worker 1 walking alone.
    QVERIFY(!panel.setPeriod(kT0 + 60'000, kT0 + 60'000));
    QVERIFY(panel.setPeriod(kT0 + 30'000, kT0 + 90'000));
    QCOMPARE(panel.distanceMetres(), a.distanceMetres(kT0 + 30'000, kT0 + 90'000));
    QVERIFY(std::abs(panel.distanceMetres() - 60) < 0.5);
    QVERIFY(panel.stops().isEmpty());
    QCOMPARE(panel.gridsCovered(), QStringList { fx::gridCode(0, 0) });
    QCOMPARE(panel.currentTime(), kT0 + 30'000);
    QCOMPARE(panel.scrubber()->maximum(), 60);
}

void TestMapWidgets::playbackEndsAtPeriodEnd()
{
    const TrackPlayback track(walk(fx::cellCentre(0, 0), kT0));
    PlaybackPanel panel;
    panel.setTracks({ { 1, QString(), track, QString() } });
    panel.setSpeed(64);
    panel.setCurrentTime(track.endMs() - 10'000);
    QSignalSpy finished(&panel, &PlaybackPanel::finished);
    panel.play();
    panel.step();
    QVERIFY(panel.isPlaying());
    panel.step();
    QCOMPARE(panel.currentTime(), track.endMs());
    QVERIFY(!panel.isPlaying());
    QCOMPARE(finished.size(), 1);
    // Play again starts over.
    panel.play();
    QCOMPARE(panel.currentTime(), kT0);
    panel.pause();

    PlaybackPanel empty;
    empty.setTracks({});
    empty.play();
    QVERIFY(!empty.isPlaying());
    QCOMPARE(empty.findChild<QLabel*>(QStringLiteral("playbackTime"))->text(), QStringLiteral("No track in this period"));
}

void TestMapWidgets::playbackDrivesWorkersLayer()
{
    const TrackPlayback a(walk(fx::cellCentre(0, 0), kT0));
    const TrackPlayback b(walk(fx::cellCentre(1, 0), kT0 + 120'000));
    WorkersLayer layer;
    PlaybackPanel panel;
    panel.setTracks({ { 1, QStringLiteral("Wang Wei"), a, QStringLiteral("GW0001") }, { 2, QString(), b, QString() } });
    panel.setWorkersLayer(&layer);
    QCOMPARE(layer.now(), kT0);
    QCOMPARE(layer.workerCount(), 1); // worker 2 has not started yet
    QCOMPARE(layer.position(1)->pos, fx::cellCentre(0, 0));
    QCOMPARE(layer.position(1)->name, QStringLiteral("Wang Wei"));
    QCOMPARE(layer.position(1)->code, QStringLiteral("GW0001"));

    panel.setSpeed(64);
    panel.play();
    for (int i = 0; i < 40; ++i) // 256 s
        panel.step();
    panel.pause();
    const qint64 now = kT0 + 40 * 6400;
    QCOMPARE(panel.currentTime(), now);
    QCOMPARE(layer.now(), now);
    QCOMPARE(layer.workerCount(), 2);
    QCOMPARE(layer.position(1)->pos, *a.positionAt(now));
    QCOMPARE(layer.position(2)->pos, *b.positionAt(now));
    QVERIFY(layer.trail(1)->size() >= 2);
    QCOMPARE(layer.trail(1)->points().constLast().pos, *a.positionAt(now));

    // Scrubbing back moves the marker back and cuts the trail at the new time.
    panel.scrubber()->setValue(100);
    const qint64 back = kT0 + 100'000;
    QCOMPARE(layer.workerCount(), 1);
    QCOMPARE(layer.position(1)->pos, *a.positionAt(back));
    for (const TrailPoint& p : layer.trail(1)->points())
        QVERIFY(p.timeMs <= back);
    QVERIFY(layer.trail(1)->lengthMetres() > 90 && layer.trail(1)->lengthMetres() < 110);

    panel.setWorkersLayer(nullptr);
    panel.step();
    QCOMPARE(layer.position(1)->pos, *a.positionAt(back));
    QVERIFY(std::abs(layer.now() - QDateTime::currentMSecsSinceEpoch()) < 60'000);
}

// On a laptop-sized map the legend folds to its header; a tall map shows it whole; once the
// operator opens or closes it by hand, resizing leaves their choice alone.
void TestMapWidgets::legendFoldsOnASmallMap()
{
    MapPanel panel;
    panel.resize(900, 1100);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    MapLegend* legend = panel.legend();
    QTRY_VERIFY(!legend->isCollapsed());
    const int open = legend->height();
    QVERIFY(legend->geometry().bottom() < panel.canvas()->height());

    panel.resize(900, 500);
    QTRY_VERIFY(legend->isCollapsed());
    QTRY_VERIFY(legend->height() < open / 4);
    QVERIFY(legend->geometry().bottom() < panel.canvas()->height()); // still at the bottom, inside

    auto* header = legend->findChild<QToolButton*>(QStringLiteral("legendHeader"));
    QVERIFY(header);
    QTest::mouseClick(header, Qt::LeftButton);
    QVERIFY(!legend->isCollapsed());
    QVERIFY(legend->collapsedByHand());
    panel.resize(900, 480);
    QTest::qWait(50);
    QVERIFY(!legend->isCollapsed());
}

void TestMapWidgets::panelFollowsWorker()
{
    MapScene scene;
    auto* workers = scene.addLayer(std::make_unique<WorkersLayer>());
    MapPanel panel;
    panel.resize(800, 600);
    panel.canvas()->setScene(&scene);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    panel.canvas()->setView(fx::cellCentre(1, 1), 16);

    QSignalSpy requested(&panel, &MapPanel::areaRequested);
    panel.search()->setAreas(fx::streets(), fx::communities(), fx::grids());
    panel.search()->setText(QStringLiteral("G2"));
    QTest::keyClick(panel.search(), Qt::Key_Return);
    QCOMPARE(requested.size(), 1);
    QCOMPARE(requested.first().at(0).toString(), fx::gridCode(0, 1));

    QVERIFY(!panel.followAction()->isEnabled());
    panel.setWorkersLayer(workers);
    const LonLat far = offset(fx::cellCentre(1, 1), 800, 300);
    workers->updatePosition({ 5, QStringLiteral("GW0005"), QStringLiteral("Li Na"), far, kT0, WorkerStatus::Patrolling });
    panel.setSelectedWorker(5);
    QVERIFY(panel.followAction()->isEnabled());
    panel.followAction()->trigger();
    QVERIFY(panel.isFollowing());
    QTRY_VERIFY(!panel.canvas()->isAnimating());
    QVERIFY(distanceMetres(panel.canvas()->viewport().center(), far) < 1);

    const LonLat next = offset(far, 100, 0);
    workers->updatePosition({ 5, QStringLiteral("GW0005"), QStringLiteral("Li Na"), next, kT0 + 60'000, WorkerStatus::Patrolling });
    QTRY_VERIFY(!panel.canvas()->isAnimating() && distanceMetres(panel.canvas()->viewport().center(), next) < 1);

    // Off: the view stays.
    panel.followAction()->trigger();
    QVERIFY(!panel.isFollowing());
    workers->updatePosition({ 5, QStringLiteral("GW0005"), QStringLiteral("Li Na"), offset(next, 200, 0), kT0 + 120'000,
        WorkerStatus::Patrolling });
    QTest::qWait(50);
    QVERIFY(distanceMetres(panel.canvas()->viewport().center(), next) < 1);

    // Dragging the map by hand ends following.
    panel.followAction()->trigger();
    QTRY_VERIFY(!panel.canvas()->isAnimating() && panel.isFollowing());
    panel.canvas()->panBy(QPointF(300, 0));
    QVERIFY(!panel.isFollowing());

    panel.setSelectedWorker(0);
    QVERIFY(!panel.followAction()->isEnabled());
    QVERIFY(panel.legend()->isVisible());
}

void TestMapWidgets::retranslatesOnLanguageChange()
{
    MapScene scene;
    auto* areas = scene.addLayer(fixtureAreas());
    auto* cases = scene.addLayer(std::make_unique<CasesLayer>());
    LayerSwitcher switcher;
    switcher.addLayer(areas, "Grid cells");
    switcher.addLayer(cases, "Cases");
    MapLegend legend;
    PlaybackPanel playback;
    playback.setTracks({ { 1, QString(), TrackPlayback(walk(fx::cellCentre(0, 0), kT0)), QString() } });
    GridInfo info;
    info.setAreasLayer(areas);
    info.showGrid(fx::gridCode(0, 0));
    AreaSearch search;
    search.setAreas(fx::streets(), fx::communities(), fx::grids());

    FakeTranslator translator;
    QVERIFY(QCoreApplication::installTranslator(&translator));
    QCoreApplication::processEvents(); // LanguageChange is posted to every widget
    QCOMPARE(switcher.list()->item(1)->text(), QStringLiteral("案件"));
    QCOMPARE(switcher.list()->item(0)->text(), QStringLiteral("Grid cells"));
    QCOMPARE(switcher.findChild<QLabel*>(QStringLiteral("opacityLabel"))->text(), QStringLiteral("透明度(&O)"));
    QCOMPARE(legend.findChild<QLabel*>(QStringLiteral("legendText-worker-patrolling"))->text(), QStringLiteral("巡查中"));
    QCOMPARE(playback.findChild<QAbstractButton*>(QStringLiteral("playButton"))->text(), QStringLiteral("播放"));
    QVERIFY(info.text().contains(QStringLiteral("未结案件：0")));
    search.areaCompleter()->setCompletionPrefix(QStringLiteral("G5"));
    QVERIFY(search.areaCompleter()->completionModel()->index(0, 0).data().toString().contains(QStringLiteral("网格")));

    QCoreApplication::removeTranslator(&translator);
    QCoreApplication::processEvents();
    QCOMPARE(switcher.list()->item(1)->text(), QStringLiteral("Cases"));
    QCOMPARE(playback.findChild<QAbstractButton*>(QStringLiteral("playButton"))->text(), QStringLiteral("Play"));
}

QTEST_MAIN(TestMapWidgets)
#include "tst_mapwidgets.moc"
