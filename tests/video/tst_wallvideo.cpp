// The wall's `video` view against a real RTSP server on loopback (gridhall-cameras) and a
// real demo store: a 2x2 view of one street's cameras shows pictures in every tile, a tile
// whose stream is gone says so and comes back by itself, cycling moves tiles on one at a
// time, a new red dispute puts the camera nearest it in the first tile until the alert is
// taken down, and a layout with bad video options is refused with a message.

#include "app/desktop/wallmode.h"
#include "cameraserver.h"
#include "tests/server/serverharness.h"

#include "models/store/store.h"
#include "models/store/storeservice.h"
#include "widgets/walllayout.h"
#include "widgets/wallvideoboard.h"
#include "widgets/wallwindow.h"

#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <sqlite3.h>

#include <atomic>

using namespace gridhall;
using namespace gridhall::testing;

class TestWallVideo : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void everyTileShowsPictures();
    void deadTileSaysSoAndRecovers();
    void cyclingMovesOneTileAtATime();
    void redDisputeShowsTheNearestCameraFirst();
    void offScreenBoardPlaysNothing();
    void badVideoOptionsRefuseTheLayout();

private:
    WallVideoBoard* board() const;
    QStringList shownCodes() const;
    Camera cameraAt(const GridCell& grid, const QString& code) const;

    CameraServer m_server;
    QTemporaryDir m_dir;
    std::unique_ptr<StoreService> m_store;
    std::unique_ptr<WallMode> m_wall;
    QString m_street; // the street the view cycles through
    QStringList m_streetCameras;
    Camera m_far; // in another street
};

Camera TestWallVideo::cameraAt(const GridCell& grid, const QString& code) const
{
    Camera c;
    c.code = code;
    c.name = QStringLiteral("Gate %1").arg(code);
    c.position = grid.centroid;
    c.gridCode = grid.code;
    c.streetCode = grid.streetCode;
    c.mainUrl = m_server.url(QStringLiteral("/cam/%1").arg(code)).toString();
    c.subUrl = m_server.url(QStringLiteral("/cam/%1/sub").arg(code)).toString();
    return c;
}

void TestWallVideo::initTestCase()
{
    QVERIFY(m_server.start());
    const QString db = m_dir.filePath(QStringLiteral("district.sqlite"));
    QVERIFY(makeDemoDb(db));

    m_store = std::make_unique<StoreService>();
    QSignalSpy opened(m_store.get(), &StoreService::opened);
    m_store->start(db);
    QTRY_COMPARE_WITH_TIMEOUT(opened.count(), 1, 30'000);
    m_wall = std::make_unique<WallMode>(*m_store);
    QSignalSpy ready(m_wall.get(), &WallMode::dataReady);
    m_wall->reload();
    QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, 60'000);

    // Six cameras of our own in one street's grids, one in another street; the demo's
    // cameras (if any) go, so the test knows every camera the wall has.
    const QList<GridCell> grids = m_wall->data().map.grids;
    m_street = grids.first().streetCode;
    QList<Camera> cameras;
    for (const GridCell& g : grids) {
        if (g.streetCode == m_street && cameras.size() < 6)
            cameras.append(cameraAt(g, QStringLiteral("V%1").arg(cameras.size() + 1, 2, 10, QLatin1Char('0'))));
        else if (g.streetCode != m_street && m_far.code.isEmpty())
            m_far = cameraAt(g, QStringLiteral("VFAR"));
    }
    QCOMPARE(cameras.size(), 6);
    QVERIFY(!m_far.code.isEmpty());
    for (const Camera& c : std::as_const(cameras))
        m_streetCameras.append(c.code);
    cameras.append(m_far);
    std::atomic<int> written { -1 };
    m_store->post([cameras, &written](Store& store) {
        bool ok = sqlite3_exec(store.handle(), "DELETE FROM cameras", nullptr, nullptr, nullptr) == SQLITE_OK;
        for (const Camera& c : cameras)
            ok = store.putCamera(c) && ok;
        written = ok ? 1 : 0;
    });
    QTRY_VERIFY_WITH_TIMEOUT(written >= 0, 10'000);
    QCOMPARE(written.load(), 1);

    WallLayout layout;
    WallViewSpec video { QStringLiteral("video"), {}, 30 };
    video.options = { { QStringLiteral("tiles"), QStringLiteral("2x2") }, { QStringLiteral("area"), m_street },
        { QStringLiteral("cycle"), 3600 } };
    layout.screens = { { 0, QStringLiteral("*"), { video } } };
    m_wall->controller().setLayout(layout);
    m_wall->start();
    m_wall->reload();
    QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 2, 60'000);
    QVERIFY(board());
}

void TestWallVideo::cleanupTestCase()
{
    m_wall.reset(); // the windows go before the store
    m_store.reset();
}

WallVideoBoard* TestWallVideo::board() const
{
    const QList<WallWindow*> windows = m_wall->controller().windows();
    if (windows.isEmpty() || !windows.first()->view(QStringLiteral("video")))
        return nullptr;
    return qobject_cast<WallVideoBoard*>(windows.first()->view(QStringLiteral("video"))->widget());
}

QStringList TestWallVideo::shownCodes() const
{
    QStringList codes;
    for (const WallVideoTile* t : board()->tiles())
        codes.append(t->camera().code);
    return codes;
}

void TestWallVideo::everyTileShowsPictures()
{
    WallVideoBoard* b = board();
    QCOMPARE(b->tiles().size(), 4);
    // The street's first four cameras, in order, each labelled with its name and code.
    QCOMPARE(shownCodes(), m_streetCameras.mid(0, 4));
    QCOMPARE(b->tiles().first()->label(), QStringLiteral("Gate V01  V01"));
    QVERIFY(m_wall->controller().windows().first()->currentView()->caption().contains(QStringLiteral("Cameras")));
    QVERIFY(QTest::qWaitFor([&] {
        return std::all_of(b->tiles().cbegin(), b->tiles().cend(), [](const WallVideoTile* t) {
            return t->state() == CameraView::State::Live && t->framesShown() >= 3;
        });
    }, 30'000));
    QList<QImage> first;
    for (WallVideoTile* t : b->tiles())
        first.append(t->grab().toImage());
    QTest::qWait(1500);
    for (int i = 0; i < b->tiles().size(); ++i) {
        const QImage later = b->tiles().at(i)->grab().toImage();
        QVERIFY2(differingPixels(first.at(i), later) > 50, qPrintable(QStringLiteral("tile %1 did not change").arg(i)));
        // A picture, not a black tile with a label.
        const int lit = pixelsAboveBlack(later);
        QVERIFY2(lit > later.width() * later.height() / 4,
            qPrintable(QStringLiteral("tile %1: %2 of %3 pixels above black").arg(i).arg(lit).arg(later.width() * later.height())));
    }
}

void TestWallVideo::deadTileSaysSoAndRecovers()
{
    WallVideoBoard* b = board();
    for (WallVideoTile* t : b->tiles())
        t->setStallTimeout(3000);
    const quint16 port = m_server.port();
    m_server.stop();
    QVERIFY(QTest::qWaitFor([&] {
        return std::all_of(b->tiles().cbegin(), b->tiles().cend(),
            [](const WallVideoTile* t) { return t->state() == CameraView::State::Retrying; });
    }, 20'000));
    for (WallVideoTile* t : b->tiles()) {
        QVERIFY2(t->statusText().contains(QStringLiteral("no live picture")), qPrintable(t->statusText()));
        QVERIFY2(t->statusText().contains(t->camera().name), qPrintable(t->statusText()));
    }
    // The wall went on meanwhile: the window still paints.
    QVERIFY(!m_wall->controller().windows().first()->grab().isNull());

    QVERIFY(m_server.start(port));
    QHash<const WallVideoTile*, qint64> before;
    for (const WallVideoTile* t : b->tiles())
        before.insert(t, t->framesShown());
    QVERIFY(QTest::qWaitFor([&] {
        return std::all_of(b->tiles().cbegin(), b->tiles().cend(), [&](const WallVideoTile* t) {
            return t->state() == CameraView::State::Live && t->framesShown() > before.value(t) + 2;
        });
    }, 40'000));
}

void TestWallVideo::cyclingMovesOneTileAtATime()
{
    WallVideoBoard* b = board();
    QVERIFY(b->isCycling());
    const QStringList start = shownCodes();
    b->setCycleSeconds(2); // a tile every half second
    QVERIFY(QTest::qWaitFor([&] { return shownCodes() != start; }, 5000));
    const QStringList after = shownCodes();
    int moved = 0;
    for (int i = 0; i < start.size(); ++i)
        moved += after.at(i) != start.at(i) ? 1 : 0;
    QCOMPARE(moved, 1);
    // The next camera of the street that was not on the wall.
    QVERIFY2(after.contains(m_streetCameras.at(4)), qPrintable(after.join(QLatin1Char(','))));
    // Round the street: every camera of it shows up, and never one twice at a time.
    QSet<QString> seen(start.cbegin(), start.cend());
    QVERIFY(QTest::qWaitFor([&] {
        const QStringList now = shownCodes();
        seen.unite(QSet<QString>(now.cbegin(), now.cend()));
        return QSet<QString>(now.cbegin(), now.cend()).size() == now.size() && seen.size() == m_streetCameras.size();
    }, 10'000));
    QVERIFY(!seen.contains(m_far.code));
    b->setCycleSeconds(3600);
}

void TestWallVideo::redDisputeShowsTheNearestCameraFirst()
{
    WallVideoBoard* b = board();
    const QStringList cycling = shownCodes();
    Case c;
    c.id = 900'000'101;
    c.code = QStringLiteral("440199-20261130-99901");
    c.categoryCode = QStringLiteral("dispute");
    c.description = QStringLiteral("Quarrel at the market gate");
    c.location = { m_far.position.lon + 0.0002, m_far.position.lat + 0.0001 };
    c.gridCode = m_far.gridCode;
    c.streetCode = m_far.streetCode;
    for (const GridCell& g : m_wall->data().map.grids)
        if (g.code == m_far.gridCode)
            c.communityCode = g.communityCode;
    c.state = CaseState::Registered;
    c.disputeLevel = DisputeLevel::Red;
    c.reportedAt = c.stepStartedAt = c.updatedAt = QDateTime::currentDateTimeUtc();
    c.stepDeadline = c.reportedAt.addSecs(3600);
    c.version = 1;
    QSignalSpy alerts(&m_wall->controller(), &WallController::alertsChanged);
    m_store->putCases({ c });
    QTRY_COMPARE_WITH_TIMEOUT(alerts.count(), 1, 30'000);
    QVERIFY(m_wall->controller().windows().first()->isBannerShown());
    // The camera in the dispute's street, nearest, first; then the others by distance.
    QCOMPARE(b->tiles().first()->camera().code, m_far.code);
    QVERIFY(!b->isCycling());
    QVERIFY(m_wall->controller().windows().first()->currentView()->caption().contains(QStringLiteral("nearest")));
    QVERIFY(QTest::qWaitFor([&] { return b->tiles().first()->state() == CameraView::State::Live; }, 20'000));

    // Acknowledged: back to the street's cycle, where it was.
    QVERIFY(m_wall->acknowledge(c.id));
    QVERIFY(QTest::qWaitFor([&] { return b->isCycling(); }, 2000));
    QCOMPARE(shownCodes(), cycling);
}

// A video view behind another view of its playlist holds no streams and does not cycle;
// on screen again it plays what it showed.
void TestWallVideo::offScreenBoardPlaysNothing()
{
    QWidget window;
    window.resize(640, 360);
    auto* board = new WallVideoBoard(&window);
    board->resize(640, 360);
    board->hide();
    board->setGrid(1, 2);
    board->setCycleSeconds(2);
    board->setCameras({ cameraAt(m_wall->data().map.grids.at(0), QStringLiteral("H01")),
        cameraAt(m_wall->data().map.grids.at(1), QStringLiteral("H02")),
        cameraAt(m_wall->data().map.grids.at(2), QStringLiteral("H03")) });
    window.show();
    const QStringList assigned { board->tiles().at(0)->camera().code, board->tiles().at(1)->camera().code };
    QCOMPARE(assigned, QStringList({ QStringLiteral("H01"), QStringLiteral("H02") }));
    QTest::qWait(1500); // three cycle steps, were it cycling
    for (const WallVideoTile* t : board->tiles())
        QCOMPARE(t->state(), CameraView::State::Idle);
    QCOMPARE(QStringList({ board->tiles().at(0)->camera().code, board->tiles().at(1)->camera().code }), assigned);

    board->show();
    QVERIFY(QTest::qWaitFor([&] {
        return std::all_of(board->tiles().cbegin(), board->tiles().cend(),
            [](const WallVideoTile* t) { return t->state() == CameraView::State::Live; });
    }, 20'000));
    board->hide();
    for (const WallVideoTile* t : board->tiles())
        QCOMPARE(t->state(), CameraView::State::Idle);
}

void TestWallVideo::badVideoOptionsRefuseTheLayout()
{
    const WallViewRegistry& registry = m_wall->registry();
    const auto parse = [&](const QByteArray& view, QString* error) {
        WallLayout layout;
        const QByteArray json = "{\"version\": 1, \"screens\": [{\"screen\": 1, \"views\": [{\"view\": \"map\"}, " + view + "]}]}";
        return WallLayout::parse(json, registry.kinds(), &layout, error, registry.optionChecks());
    };
    QString error;
    QVERIFY2(parse("{\"view\": \"video\", \"tiles\": \"3x3\", \"area\": \"x\", \"cycle\": 30}", &error), qPrintable(error));
    QVERIFY2(parse("{\"view\": \"video\", \"tiles\": 4}", &error), qPrintable(error));
    QVERIFY(!parse("{\"view\": \"video\", \"tiles\": \"5x5\"}", &error));
    QVERIFY2(error.startsWith(QStringLiteral("screens[0].views[1] (video): \"tiles\"")), qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("4x4")), qPrintable(error));
    QVERIFY(!parse("{\"view\": \"video\", \"tiles\": \"big\"}", &error));
    QVERIFY(!parse("{\"view\": \"video\", \"cycle\": 1}", &error));
    QVERIFY2(error.contains(QStringLiteral("\"cycle\"")), qPrintable(error));
    QVERIFY(!parse("{\"view\": \"video\", \"speed\": 2}", &error));
    QVERIFY2(error.contains(QStringLiteral("unknown option \"speed\"")), qPrintable(error));
    QVERIFY(!parse("{\"view\": \"video\", \"area\": 7}", &error));
}

QTEST_MAIN(TestWallVideo)
#include "tst_wallvideo.moc"
