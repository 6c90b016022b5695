// The app's wall on a real demo store and two offscreen screens: data shown and drawn on
// both, a red dispute that appears later raises the banner on every screen and pulses on
// the map until acknowledged, disputes open at start do not, and the sync link's state
// marks the wall stale and clears it.

#include "app/desktop/wallmode.h"

#include "models/store/storeservice.h"
#include "models/sync/syncclient.h"
#include "widgets/mapcanvas.h"
#include "widgets/walllayout.h"
#include "widgets/wallwindow.h"

#include <QApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <sqlite3.h>

using namespace gridhall;

class TestWallMode : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void showsTheDistrictOnEveryScreen();
    void queueBoardCountsTheLoop();
    void newRedDisputeAlertsEveryScreenUntilAcknowledged();
    void staleWhileTheLinkIsDown();
    void badViewOptionsRefuseTheLayout();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<StoreService> m_store;
    std::unique_ptr<WallMode> m_wall;
};

void TestWallMode::initTestCase()
{
    const QString db = m_dir.filePath(QStringLiteral("district.sqlite"));
    QProcess server;
    server.start(QStringLiteral(GRIDHALL_BINARY_DIR "/app/gridhall-server"),
        { QStringLiteral("demo-data"), QStringLiteral("--db"), db, QStringLiteral("--end"),
            QStringLiteral("2026-11-20"), QStringLiteral("--cases-per-day"), QStringLiteral("50") });
    QVERIFY(server.waitForFinished(120'000));
    QCOMPARE(server.exitCode(), 0);

    m_store = std::make_unique<StoreService>();
    QSignalSpy opened(m_store.get(), &StoreService::opened);
    m_store->start(db);
    QTRY_COMPARE_WITH_TIMEOUT(opened.count(), 1, 30'000);
    m_wall = std::make_unique<WallMode>(*m_store);
    WallLayout layout;
    layout.screens = { { 0, QStringLiteral("*"), { { QStringLiteral("map"), {}, 60 }, { QStringLiteral("overview"), {}, 20 } } } };
    m_wall->controller().setLayout(layout);
    m_wall->start();
}

void TestWallMode::cleanupTestCase()
{
    m_wall.reset(); // the windows go before the store
    m_store.reset();
}

void TestWallMode::showsTheDistrictOnEveryScreen()
{
    QSignalSpy settled(m_wall.get(), &WallMode::dataSettled);
    m_wall->reload();
    QTRY_COMPARE_WITH_TIMEOUT(settled.count(), 1, 60'000);
    QVERIFY(!m_wall->data().map.grids.isEmpty());
    const QList<WallWindow*> windows = m_wall->controller().windows();
    QCOMPARE(windows.size(), 2);
    for (WallWindow* w : windows) {
        QVERIFY(w->currentView()->caption().contains(QStringLiteral("District map")));
        QVERIFY(w->findChild<QLabel*>(QStringLiteral("wallDataTime"))->text().contains(QStringLiteral("Data as of")));
    }
    // Red disputes open when the wall starts are not news.
    QVERIFY(!m_wall->data().redDisputes.isEmpty());
    QVERIFY(m_wall->controller().alerts().isEmpty());
}

// The queue board's numbers are the replica's, counted here again with plain SQL.
void TestWallMode::queueBoardCountsTheLoop()
{
    sqlite3* db = nullptr;
    QCOMPARE(sqlite3_open_v2(m_dir.filePath(QStringLiteral("district.sqlite")).toUtf8().constData(), &db,
                 SQLITE_OPEN_READONLY, nullptr),
        SQLITE_OK);
    auto count = [db](const QByteArray& where) {
        sqlite3_stmt* q = nullptr;
        const QByteArray sql = "SELECT count(*) FROM cases WHERE " + where;
        sqlite3_prepare_v2(db, sql.constData(), -1, &q, nullptr);
        const int n = sqlite3_step(q) == SQLITE_ROW ? sqlite3_column_int(q, 0) : -1;
        sqlite3_finalize(q);
        return n;
    };
    const QueueBoardData& queues = m_wall->data().queues;
    QCOMPARE(queues.counts[size_t(QueueView::ToDispatch)], count("state = 'registered'"));
    QCOMPARE(queues.counts[size_t(QueueView::InHandling)], count("state IN ('dispatched', 'handling')"));
    QCOMPARE(queues.counts[size_t(QueueView::ToVerify)], count("state = 'fed_back'"));
    QCOMPARE(queues.counts[size_t(QueueView::Parked)], count("state = 'parked'"));
    // Overdue moves with the clock: between what was overdue before the read and after it.
    const QByteArray overdue = "state NOT IN ('closed', 'voided') AND step_deadline IS NOT NULL AND step_deadline < ";
    const int overdueNow = count(overdue + QByteArray::number(QDateTime::currentMSecsSinceEpoch()));
    QVERIFY(overdueNow > 0);
    QVERIFY(queues.counts[size_t(QueueView::Overdue)] <= overdueNow);
    QVERIFY(queues.counts[size_t(QueueView::Overdue)] >= overdueNow - 5);
    sqlite3_close(db);
    // The most urgent first; the view names categories and shows it.
    QVERIFY(!queues.urgent.isEmpty());
    for (int i = 1; i < queues.urgent.size(); ++i)
        QVERIFY(queues.urgent[i - 1].deadline <= queues.urgent[i].deadline);
    QWidget host;
    std::unique_ptr<WallView> view = m_wall->registry().create(QStringLiteral("queue"), &host);
    QVERIFY(view);
    auto* board = qobject_cast<WallQueueBoard*>(view->widget());
    QVERIFY(board);
    QCOMPARE(board->data().counts, queues.counts);
    QVERIFY(board->data().urgent.first().category != queues.urgent.first().category); // a name, not the code
    board->resize(1920, 1080);
    board->setTypeSize(28);
    QVERIFY(board->visibleRows() >= 10);
    const QImage image = board->grab().toImage();
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 5)
        for (int x = 0; x < image.width(); x += 5)
            colours.insert(image.pixel(x, y));
    QVERIFY2(colours.size() > 20, qPrintable(QString::number(colours.size())));
}

void TestWallMode::newRedDisputeAlertsEveryScreenUntilAcknowledged()
{
    const GridCell grid = m_wall->data().map.grids.first();
    QString streetName;
    for (const Street& s : m_wall->data().map.streets)
        if (s.code == grid.streetCode)
            streetName = s.name;
    Case c;
    c.id = 900'000'001;
    c.code = QStringLiteral("440199-20261130-99999");
    c.categoryCode = QStringLiteral("dispute");
    c.description = QStringLiteral("Wage arrears at the building site");
    c.address = QStringLiteral("Building site gate");
    c.location = grid.centroid;
    c.gridCode = grid.code;
    c.communityCode = grid.communityCode;
    c.streetCode = grid.streetCode;
    c.state = CaseState::Registered;
    c.disputeLevel = DisputeLevel::Red;
    c.reportedAt = c.stepStartedAt = c.updatedAt = QDateTime::currentDateTimeUtc();
    c.stepDeadline = c.reportedAt.addSecs(3600);
    c.version = 1;
    // The write's delta reaches the wall through the replica's notifier: the alert rises
    // with no read of the replica.
    QSignalSpy alerts(&m_wall->controller(), &WallController::alertsChanged);
    const int reads = m_wall->fullReads();
    QSignalSpy changed(m_store.get(), &StoreService::changed);
    m_store->putCases({ c });
    QTRY_COMPARE_WITH_TIMEOUT(changed.count(), 1, 10'000);
    QTRY_COMPARE_WITH_TIMEOUT(alerts.count(), 1, 30'000);
    QCOMPARE(m_wall->fullReads(), reads);
    QCOMPARE(m_wall->controller().alerts().size(), 1);
    QCOMPARE(m_wall->controller().alerts().first().id, c.id);
    for (WallWindow* w : m_wall->controller().windows()) {
        QVERIFY(w->isBannerShown());
        QVERIFY2(w->bannerText().contains(c.description), qPrintable(w->bannerText()));
        QVERIFY2(w->bannerText().contains(streetName), qPrintable(w->bannerText()));
        QVERIFY(w->playlist().isPaused());
        // The map is up, flying to the dispute, which pulses.
        QVERIFY(w->currentView()->canShowAlert());
        auto* canvas = qobject_cast<MapCanvas*>(w->currentView()->widget());
        QVERIFY(canvas);
        QTRY_VERIFY_WITH_TIMEOUT(!canvas->isAnimating(), 5000);
        QCOMPARE(canvas->pulseCount(), 1);
        // Zoomed in on it, even though the banner took room from the map as it flew.
        QVERIFY2(qAbs(canvas->viewport().zoom() - 15.5) < 0.01, qPrintable(QString::number(canvas->viewport().zoom())));
        const QPointF there = canvas->viewport().toPixel(c.location);
        QVERIFY2(QRectF(QPointF(0, 0), QSizeF(canvas->size())).contains(there), "the dispute is in view");
    }
    // Another reload does not raise it again, and it keeps pulsing.
    m_wall->reload();
    QTest::qWait(500);
    QCOMPARE(alerts.count(), 1);

    QVERIFY(m_wall->acknowledge(c.id));
    for (WallWindow* w : m_wall->controller().windows()) {
        QVERIFY(!w->isBannerShown());
        QVERIFY(!w->playlist().isPaused());
        QCOMPARE(qobject_cast<MapCanvas*>(w->view(QStringLiteral("map"))->widget())->pulseCount(), 0);
    }
    QVERIFY(!m_wall->acknowledge(c.id));

    // A red dispute that last changed hours ago (a resync catching up) is not news.
    Case late = c;
    late.id = c.id + 1;
    late.code = QStringLiteral("440199-20261130-99998");
    late.reportedAt = late.stepStartedAt = late.updatedAt = QDateTime::currentDateTimeUtc().addSecs(-3 * 3600);
    m_store->putCases({ late });
    QTRY_COMPARE_WITH_TIMEOUT(changed.count(), 2, 10'000);
    QSignalSpy shown(m_wall.get(), &WallMode::dataReady);
    m_wall->reload();
    QTRY_COMPARE_WITH_TIMEOUT(shown.count(), 1, 30'000);
    QVERIFY(std::any_of(m_wall->data().redDisputes.cbegin(), m_wall->data().redDisputes.cend(),
        [&](const RedDispute& r) { return r.id == late.id; }));
    QVERIFY(m_wall->controller().alerts().isEmpty());
}

void TestWallMode::staleWhileTheLinkIsDown()
{
    SyncStatus st;
    st.state = SyncState::Online;
    m_wall->showSyncStatus(st);
    for (WallWindow* w : m_wall->controller().windows())
        QVERIFY(!w->isStaleShown());
    // The link drops: every screen says so, with the time it was last current.
    const QDateTime lost = QDateTime::currentDateTime().addSecs(-300);
    st.state = SyncState::Offline;
    st.offlineSince = lost;
    m_wall->showSyncStatus(st);
    QVERIFY(m_wall->controller().isStale());
    for (WallWindow* w : m_wall->controller().windows()) {
        QVERIFY(w->isStaleShown());
        QVERIFY2(w->staleText().contains(lost.toString(QStringLiteral("HH:mm"))), qPrintable(w->staleText()));
    }
    // Reconnecting is not yet current; syncing again is.
    st.state = SyncState::Connecting;
    m_wall->showSyncStatus(st);
    QVERIFY(m_wall->controller().isStale());
    st.state = SyncState::Syncing;
    st.offlineSince = {};
    m_wall->showSyncStatus(st);
    for (WallWindow* w : m_wall->controller().windows())
        QVERIFY(!w->isStaleShown());
}

void TestWallMode::badViewOptionsRefuseTheLayout()
{
    const WallViewRegistry& registry = m_wall->registry();
    const auto parse = [&](const QByteArray& view, QString* error) {
        WallLayout layout;
        const QByteArray json = "{\"version\": 1, \"screens\": [{\"screen\": 1, \"views\": [" + view + "]}]}";
        return WallLayout::parse(json, registry.kinds(), &layout, error, registry.optionChecks());
    };
    QString error;
    QVERIFY2(parse("{\"view\": \"map\", \"area\": \"440106001\", \"colour\": \"overdue\", \"dwell\": 30}", &error), qPrintable(error));
    QVERIFY2(parse("{\"view\": \"kpi\", \"area\": \"440106001\"}, {\"view\": \"overview\"}, {\"view\": \"queue\"}", &error), qPrintable(error));
    // A misspelt colour would otherwise show dispute colours without a word.
    QVERIFY(!parse("{\"view\": \"map\", \"colour\": \"overdu\"}", &error));
    QVERIFY2(error.startsWith(QStringLiteral("screens[0].views[0] (map): \"colour\" must be disputes, open or overdue")), qPrintable(error));
    QVERIFY(!parse("{\"view\": \"map\", \"area\": 440106001}", &error));
    QVERIFY2(error.contains(QStringLiteral("\"area\" must be a non-empty string")), qPrintable(error));
    QVERIFY(!parse("{\"view\": \"map\", \"zoom\": \"12\"}", &error));
    QVERIFY2(error.contains(QStringLiteral("unknown option \"zoom\"; known: area, colour")), qPrintable(error));
    QVERIFY(!parse("{\"view\": \"kpi\", \"colour\": \"open\"}", &error));
    QVERIFY(!parse("{\"view\": \"queue\", \"area\": \"440106001\"}", &error));
    QVERIFY2(error.contains(QStringLiteral("takes none")), qPrintable(error));
}

int main(int argc, char** argv)
{
    // Two small screens keep the map renders quick.
    QTemporaryDir dir;
    QJsonArray screens;
    for (int i = 0; i < 2; ++i)
        screens.append(QJsonObject { { QStringLiteral("name"), QStringLiteral("wall-%1").arg(i + 1) },
            { QStringLiteral("x"), i * 1280 }, { QStringLiteral("y"), 0 }, { QStringLiteral("width"), 1280 },
            { QStringLiteral("height"), 720 } });
    const QString config = dir.filePath(QStringLiteral("screens.json"));
    QFile file(config);
    if (!file.open(QIODevice::WriteOnly))
        return 1;
    file.write(QJsonDocument(QJsonObject { { QStringLiteral("screens"), screens } }).toJson());
    file.close();
    qputenv("QT_QPA_PLATFORM", QByteArray("offscreen:configfile=") + config.toLocal8Bit());

    QApplication app(argc, argv);
    TestWallMode test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_wallmode.moc"
