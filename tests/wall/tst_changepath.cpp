// One change path (issue 15), against the real gridhall-server: a red dispute a handheld
// reports reaches the workstation (its queue row, map marker, overview and banner) and the
// wall (its banner, map and queue board) as a delta from each replica's one ChangeNotifier,
// with no full read of the replica; only the snapshot swap reads it whole; every delta is
// delivered once and in order, and what the deltas built equals what a full read gives.

#include "app/desktop/casedesk.h"
#include "app/desktop/livesync.h"
#include "app/desktop/districtmap.h"
#include "app/desktop/mainwindow.h"
#include "app/desktop/replaydesk.h"
#include "app/desktop/wallmode.h"
#include "models/itemmodels/casequeuemodel.h"
#include "models/store/storeservice.h"
#include "models/store/trackstore.h"
#include "tests/server/serverharness.h"
#include "widgets/alertbanner.h"
#include "widgets/mapcanvas.h"
#include "widgets/playbackpanel.h"
#include "widgets/wallwindow.h"

#include <QApplication>
#include <QMainWindow>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace gridhall;
using namespace gridhall::protocol;
using namespace gridhall::testing;

namespace {
// The serials of the deltas a spy on ChangeNotifier::casesChanged heard.
QList<quint64> serialsOf(const QSignalSpy& spy)
{
    QList<quint64> serials;
    for (const QList<QVariant>& args : spy)
        serials.append(args.at(0).value<ReplicaChanges>().serial);
    return serials;
}

bool consecutive(const QList<quint64>& serials)
{
    for (qsizetype i = 1; i < serials.size(); ++i)
        if (serials.at(i) != serials.at(i - 1) + 1)
            return false;
    return true;
}

Case openCase(qint64 id, const QString& grid, DisputeLevel level, qint64 version)
{
    Case c;
    c.id = id;
    c.code = QStringLiteral("T-%1").arg(id);
    c.gridCode = grid;
    c.location = { 113.3, 23.1 };
    c.state = CaseState::Registered;
    c.disputeLevel = level;
    c.version = version;
    return c;
}
} // namespace

class TestChangePath : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    ServerProcess m_server;

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QCoreApplication::setOrganizationName(QStringLiteral("GridHallTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_changepath"));
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_dir.filePath("settings"));
        const QString db = m_dir.filePath("server.db");
        QVERIFY(makeDemoDb(db));
        QVERIFY(m_server.start(db));
    }

    void aServerChangeMovesEveryViewWithoutAFullRead()
    {
        // The wall, with its own replica.
        StoreService wallStore;
        QSignalSpy wallSwaps(&wallStore.notifier(), &ChangeNotifier::snapshotSwapped);
        WallMode wall(wallStore);
        WallLayout layout;
        layout.screens = { { 0, QStringLiteral("*"), { { QStringLiteral("map"), {}, 60 } } } };
        wall.controller().setLayout(layout);
        QSignalSpy wallOpened(&wallStore, &StoreService::opened);
        wallStore.start(m_dir.filePath("wall.sqlite"));
        QVERIFY(wallOpened.wait(10000));
        wall.start();
        wall.reload();
        LiveSync wallSync(wallStore, m_server.url(), QStringLiteral("op2"), kTestPassword);
        wall.setLiveSync(&wallSync);

        // The workstation window with its desk, with another replica.
        StoreService deskStore;
        QSignalSpy deskSwaps(&deskStore.notifier(), &ChangeNotifier::snapshotSwapped);
        MainWindow window(deskStore, m_dir.filePath("desk.sqlite"));
        window.resize(1400, 900);
        auto* desk = window.findChild<CaseDesk*>();
        QVERIFY(desk);
        QSignalSpy deskOpened(&deskStore, &StoreService::opened);
        deskStore.start(m_dir.filePath("desk.sqlite"));
        QVERIFY(deskOpened.wait(10000));
        QCoreApplication::processEvents();
        if (window.fullReads() == 0)
            window.reload();
        if (desk->fullReads() == 0)
            desk->reloadAll();
        LiveSync deskSync(deskStore, m_server.url(), QStringLiteral("op"), kTestPassword);
        window.setLiveSync(&deskSync);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        // The first sync is a snapshot: its swap, and only it, makes every view read again.
        QTRY_VERIFY_WITH_TIMEOUT(wallSwaps.count() == 1 && deskSwaps.count() == 1, 60000);
        QTRY_VERIFY_WITH_TIMEOUT(deskSync.status().state == SyncState::Online, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(wallSync.status().state == SyncState::Online, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(!wall.data().map.grids.isEmpty(), 30000);
        QTRY_VERIFY_WITH_TIMEOUT(window.hasData() && !window.data().map.grids.isEmpty(), 30000);
        QTRY_VERIFY_WITH_TIMEOUT(desk->queueModel().table().rowCount() > 0, 30000);
        QVERIFY(wall.fullReads() >= 2);
        QVERIFY(window.fullReads() >= 2);
        QVERIFY(desk->fullReads() >= 2);
        QTest::qWait(200); // anything the swap queued is shown

        const int wallReads = wall.fullReads(), windowReads = window.fullReads(), deskReads = desk->fullReads();
        const qint64 wallCases = wall.figures().cases, windowCases = window.data().figures.cases;
        QSignalSpy wallDeltas(&wallStore.notifier(), &ChangeNotifier::casesChanged);
        QSignalSpy deskDeltas(&deskStore.notifier(), &ChangeNotifier::casesChanged);

        // A handheld reports a red dispute in its grid.
        WireClient handheld;
        QVERIFY(handheld.open(m_server.url()));
        QVERIFY(handheld.login("WG00001", "hh-cp"));
        handheld.send(Type::Sync, { { "cursor", 0 } });
        const auto snapshot = readSnapshot(handheld);
        QVERIFY(snapshot);
        const QString grid = homeGridOf(*snapshot, "WG00001");
        QVERIFY(!grid.isEmpty());
        const int windowGridOpen = window.data().openCasesByGrid.value(grid);
        handheld.send(Type::Action,
            { { "clientSeq", 1 }, { "key", "hh-cp-1" }, { "action", "report" },
                { "case",
                    QJsonObject { { "categoryCode", "0101" }, { "description", "工地欠薪聚集" }, { "lon", 113.3 },
                        { "lat", 23.1 }, { "gridCode", grid }, { "disputeLevel", "red" } } } });
        const auto reported = handheld.next("action_result");
        QVERIFY(reported);
        QCOMPARE(reported->value("status").toString(), QStringLiteral("applied"));
        const qint64 caseId = reported->value("caseId").toInteger();

        // The wall: banner on every screen, the dispute pulsing on its map, counted.
        QTRY_COMPARE_WITH_TIMEOUT(wall.controller().alerts().size(), 1, 30000);
        QCOMPARE(wall.controller().alerts().first().id, caseId);
        for (WallWindow* w : wall.controller().windows()) {
            QVERIFY(w->isBannerShown());
            auto* canvas = qobject_cast<MapCanvas*>(w->currentView()->widget());
            QVERIFY(canvas);
            QCOMPARE(canvas->pulseCount(), 1);
        }
        QCOMPARE(wall.figures().cases, wallCases + 1);
        bool onWallMap = false;
        for (const CaseMarker& m : wall.data().map.openCases)
            onWallMap = onWallMap || m.caseId == caseId;
        QVERIFY(onWallMap);

        // The workstation: queue row, banner, map marker, area tree and overview counts.
        QTRY_VERIFY_WITH_TIMEOUT(desk->queueModel().table().rowOf(caseId) >= 0, 30000);
        QTRY_COMPARE_WITH_TIMEOUT(desk->alertBanner()->pendingCount(), 1, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(window.districtMap().cases().marker(caseId).has_value(), 30000);
        QCOMPARE(window.districtMap().cases().marker(caseId)->dispute, DisputeLevel::Red);
        QCOMPARE(window.data().figures.cases, windowCases + 1);
        QCOMPARE(window.data().openCasesByGrid.value(grid), windowGridOpen + 1);

        // Without reading the replica whole, and every delta once, in order.
        QCOMPARE(wall.fullReads(), wallReads);
        QCOMPARE(window.fullReads(), windowReads);
        QCOMPARE(desk->fullReads(), deskReads);
        QVERIFY(!wallDeltas.isEmpty());
        QVERIFY(!deskDeltas.isEmpty());
        QVERIFY(consecutive(serialsOf(wallDeltas)));
        QVERIFY(consecutive(serialsOf(deskDeltas)));
        QCOMPARE(wallStore.notifier().lastDelivered(), wallStore.notifier().lastPublished());
        QCOMPARE(deskStore.notifier().lastDelivered(), deskStore.notifier().lastPublished());

        // What the deltas built is what a full read gives: nothing missed, nothing twice.
        const OverviewFigures byDeltas = wall.figures();
        const QueueBoardData queuesByDeltas = wall.queues();
        const qsizetype openByDeltas = wall.data().map.openCases.size();
        QSignalSpy read(&wall, &WallMode::dataReady);
        wall.reload();
        QVERIFY(read.wait(30000));
        QCOMPARE(wall.figures().cases, byDeltas.cases);
        QCOMPARE(wall.figures().casesByState, byDeltas.casesByState);
        QCOMPARE(wall.queues().counts, queuesByDeltas.counts);
        QCOMPARE(wall.data().map.openCases.size(), openByDeltas);
        QCOMPARE(wall.controller().alerts().size(), 1); // a read does not raise it again
    }

    // A delta the map has applied already (it was in a read, or heard twice) changes nothing;
    // a case that closes leaves the map and its grid's counts.
    void theMapAppliesADeltaOnce()
    {
        MapCanvas canvas;
        DistrictMap map(canvas);
        DistrictMapData data;
        const QString grid = QStringLiteral("440199001001001");
        const Case first = openCase(1, grid, DisputeLevel::Yellow, 1);
        data.openCases = { { first.id, first.location, first.state, first.disputeLevel, false, true } };
        data.openCaseGrids.insert(first.id, grid);
        map.setData(data);
        QCOMPARE(map.gridStats(grid).openCases, 1);

        const Case red = openCase(2, grid, DisputeLevel::Red, 1);
        const QList<CaseChange> delta { { std::nullopt, red } };
        map.applyCaseChanges(delta, QDateTime::currentDateTimeUtc());
        map.applyCaseChanges(delta, QDateTime::currentDateTimeUtc());
        QCOMPARE(map.gridStats(grid).openCases, 2);
        QCOMPARE(map.gridStats(grid).highestDispute, DisputeLevel::Red);
        QCOMPARE(map.openCaseCount(), 2);
        QCOMPARE(map.cases().caseCount(), 2);

        Case closed = red;
        closed.state = CaseState::Closed;
        closed.version = 2;
        map.applyCaseChanges({ { red, closed } }, QDateTime::currentDateTimeUtc());
        QCOMPARE(map.gridStats(grid).openCases, 1);
        QCOMPARE(map.gridStats(grid).highestDispute, DisputeLevel::Yellow);
        QVERIFY(!map.cases().marker(red.id));
        QCOMPARE(map.cases().caseCount(), 1);
    }

    // The replay dock follows the same path: live fixes of a worker it replays extend the
    // track shown and its period without reading the store again (the load count stays at
    // one); fixes of others change nothing; a snapshot swap reads the recorded track again.
    void theReplayFollowsLivePositions()
    {
        StoreService store;
        QSignalSpy opened(&store, &StoreService::opened);
        store.start(m_dir.filePath("replay.sqlite"));
        QTRY_COMPARE_WITH_TIMEOUT(opened.count(), 1, 30000);
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        QList<RecordedFix> walk;
        for (int i = 0; i < 10; ++i) // ten minutes eastwards, a fix a minute
            walk.append({ QStringLiteral("W0001"), { 113.30 + 0.0005 * i, 23.10 }, now - (10 - i) * 60000 });
        std::atomic_bool written { false };
        store.post([walk, &written](Store& s) { written = appendRecordedFixes(s, walk); });
        QTRY_VERIFY_WITH_TIMEOUT(written.load(), 10000);

        QMainWindow window;
        MapCanvas canvas;
        DistrictMap map(canvas);
        auto* desk = new ReplayDesk(store, window, map);
        QSignalSpy loaded(desk, &ReplayDesk::loaded);
        desk->setPeriod(ReplayDesk::Period::LastHour);
        desk->replay({ QStringLiteral("W0001") });
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 10000);
        PlaybackPanel& panel = *desk->panel();
        QCOMPARE(panel.tracks().size(), 1);
        QCOMPARE(panel.tracks().first().track.size(), 10);
        QCOMPARE(panel.periodEnd(), walk.last().atMs);
        const double walked = panel.distanceMetres();

        const QDateTime at = QDateTime::fromMSecsSinceEpoch(now);
        store.notifier().publishPositions({ { QStringLiteral("W0002"), { 113.31, 23.11 }, at },
            { QStringLiteral("W0001"), { 113.30 + 0.0005 * 10, 23.10 }, at } });
        QTRY_COMPARE_WITH_TIMEOUT(panel.tracks().first().track.size(), 11, 10000);
        QCOMPARE(panel.tracks().size(), 1); // W0002 is not replayed
        QCOMPARE(panel.periodEnd(), now);
        QVERIFY2(panel.distanceMetres() > walked + 40, qPrintable(QString::number(panel.distanceMetres() - walked)));
        QCOMPARE(loaded.count(), 1); // no read of the store

        ReplicaChanges swap;
        swap.snapshot = true;
        store.notifier().publish(swap);
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 2, 10000);
        QCOMPARE(panel.tracks().first().track.size(), 10); // what the replica recorded
    }
};

QTEST_MAIN(TestChangePath)
#include "tst_changepath.moc"
