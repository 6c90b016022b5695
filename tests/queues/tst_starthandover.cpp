// Start-up handovers (issue 15): what the store thread prepares for the GUI thread to swap
// in must show exactly what the straightforward path on the GUI thread shows. Checked on a
// real store made by gridhall-server demo-data (a few thousand cases, 2,401 grid cells):
// the case queues (rows, order and counts per view and sort), the area tree, the grid
// shapes and their labels, the dispute heatmap and the area search.

#include "maps/areaslayer.h"
#include "maps/heatlayer.h"
#include "maps/labelslayer.h"
#include "models/itemmodels/areatreemodel.h"
#include "models/itemmodels/casequeuemodel.h"
#include "models/store/store.h"
#include "widgets/areasearch.h"

#include <QCompleter>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace gridhall;

namespace {
QList<qint64> rowsOf(const CaseQueueModel& m)
{
    QList<qint64> ids;
    ids.reserve(m.rowCount());
    for (int row = 0; row < m.rowCount(); ++row)
        ids.append(m.caseIdAt(row));
    return ids;
}

// Runs fn on a thread of its own, as the store thread would.
template<typename Fn> void onAnotherThread(Fn fn)
{
    std::unique_ptr<QThread> thread(QThread::create(std::move(fn)));
    thread->start();
    QVERIFY(thread->wait(120000));
}

QList<QueueView> allViews()
{
    QList<QueueView> views;
    for (int v = 0; v < kQueueViewCount; ++v)
        views.append(QueueView(v));
    return views;
}
} // namespace

class TestStartHandover : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void queuesPreparedElsewhereShowTheSame();
    void queuesFallBackWhenTheFilterMoved();
    void areaTreeBuiltElsewhereShowsTheSame();
    void gridShapesAndLabelsPreparedElsewhereAreTheSame();
    void heatmapPreparedElsewhereIsTheSame();
    void areaSearchFindsEveryArea();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<Store> m_store;
    QList<Case> m_cases;
    QHash<QString, QString> m_places, m_holders;
};

void TestStartHandover::initTestCase()
{
    const QString db = m_dir.filePath(QStringLiteral("district.sqlite"));
    QProcess server;
    server.start(QStringLiteral(GRIDHALL_BINARY_DIR "/app/gridhall-server"),
        { QStringLiteral("demo-data"), QStringLiteral("--db"), db, QStringLiteral("--end"), QStringLiteral("2026-11-20"),
            QStringLiteral("--cases-per-day"), QStringLiteral("60") });
    QVERIFY(server.waitForFinished(120000));
    QCOMPARE(server.exitCode(), 0);
    StoreStatus status;
    m_store = Store::open(db, &status);
    QVERIFY2(m_store, qPrintable(status.message));
    QVERIFY(m_store->forEachCase([this](const Case& c) { m_cases.append(c); }));
    QVERIFY(m_cases.size() > 2000);
    for (const GridCell& g : m_store->grids())
        m_places.insert(g.code, g.name);
    for (const Community& c : m_store->communities())
        m_places.insert(c.code, c.name);
    for (const Worker& w : m_store->workers())
        m_holders.insert(w.code, w.name);
}

void TestStartHandover::queuesPreparedElsewhereShowTheSame()
{
    const QDateTime now = m_cases.last().reportedAt.addSecs(3600);
    // The straightforward path: every case into the model on this thread.
    CaseQueueModel straight;
    straight.setNow(now);
    straight.setPlaceNames(m_places);
    straight.setHolderNames(m_holders);
    straight.setCases(m_cases);

    for (const int column : { -1, int(CaseQueueModel::CountdownColumn), int(CaseQueueModel::PlaceColumn) }) {
        for (const QueueView view : { QueueView::All, QueueView::Overdue, QueueView::InHandling }) {
            CaseQueueModel handed;
            handed.setNow(now);
            CaseQueueFilter filter;
            filter.view = view;
            handed.setFilter(filter);
            handed.sort(column, Qt::DescendingOrder);
            const CaseQueueModel::Settings settings = handed.settings();
            CaseQueueModel::PreparedTable prepared;
            onAnotherThread([&] {
                CaseTable table;
                for (const Case& c : std::as_const(m_cases))
                    table.upsert(c);
                prepared = CaseQueueModel::prepare(std::move(table), settings, m_places, m_holders);
            });
            QCOMPARE(prepared.table().rowCount(), int(m_cases.size()));
            QSignalSpy reset(&handed, &QAbstractItemModel::modelReset);
            QSignalSpy counts(&handed, &CaseQueueModel::viewCountsChanged);
            QVERIFY(handed.setPrepared(prepared));
            QCOMPARE(reset.count(), 1);
            QVERIFY(counts.count() >= 1);
            // The model's empty table went back with the prepared one, to be freed elsewhere.
            QCOMPARE(prepared.table().rowCount(), 0);

            straight.setFilter(filter);
            straight.sort(column, Qt::DescendingOrder);
            QCOMPARE(handed.rowCount(), straight.rowCount());
            QCOMPARE(rowsOf(handed), rowsOf(straight));
            for (const QueueView v : allViews())
                QCOMPARE(handed.viewCount(v), straight.viewCount(v));
            // Names came with the prepared table: the place column reads as names.
            if (handed.rowCount() > 0)
                QCOMPARE(handed.index(0, CaseQueueModel::PlaceColumn).data().toString(),
                    straight.index(0, CaseQueueModel::PlaceColumn).data().toString());
            // Later changes of filter and live rows apply as on any table.
            CaseQueueFilter open;
            open.openOnly = true;
            handed.setFilter(open);
            straight.setFilter(open);
            QCOMPARE(rowsOf(handed), rowsOf(straight));
            Case c = m_cases[7];
            c.state = CaseState::Handling;
            c.version += 1;
            handed.applyCases({ c });
            CaseQueueModel again;
            again.setNow(now);
            again.setPlaceNames(m_places);
            again.setHolderNames(m_holders);
            QList<Case> moved = m_cases;
            moved[7] = c;
            again.setCases(moved);
            again.setFilter(open);
            again.sort(column, Qt::DescendingOrder);
            QCOMPARE(rowsOf(handed), rowsOf(again));
            QCOMPARE(handed.viewCount(QueueView::InHandling), again.viewCount(QueueView::InHandling));
        }
    }
}

void TestStartHandover::queuesFallBackWhenTheFilterMoved()
{
    CaseQueueModel handed;
    const CaseQueueModel::Settings settings = handed.settings();
    CaseTable table;
    for (const Case& c : std::as_const(m_cases))
        table.upsert(c);
    CaseQueueModel::PreparedTable prepared = CaseQueueModel::prepare(std::move(table), settings, m_places, m_holders);
    // The operator picked a tab while the cases were read: the rows are filtered here.
    CaseQueueFilter filter;
    filter.view = QueueView::ToVerify;
    handed.setFilter(filter);
    QVERIFY(!handed.setPrepared(prepared));
    CaseQueueModel straight;
    straight.setNow(handed.now());
    straight.setCases(m_cases);
    straight.setFilter(filter);
    QVERIFY(straight.rowCount() > 0);
    QCOMPARE(rowsOf(handed), rowsOf(straight));
    QCOMPARE(handed.viewCount(QueueView::All), int(m_cases.size()));
    QCOMPARE(handed.index(0, CaseQueueModel::PlaceColumn).data().toString(),
        m_places.value(handed.table().placeCode(handed.tableRowAt(0)), handed.table().placeCode(handed.tableRowAt(0))));
}

void TestStartHandover::areaTreeBuiltElsewhereShowsTheSame()
{
    AreaTreeModel::Input input { m_store->districts(), m_store->streets(), m_store->communities(), m_store->grids(), {}, {} };
    for (const Case& c : std::as_const(m_cases))
        if (isOpen(c.state))
            input.openCasesByGrid[c.gridCode] += 1;
    for (const Worker& w : m_store->workers())
        input.workersByGrid[w.homeGridCode] += 1;
    AreaTreeModel straight;
    straight.setAreas(input);
    AreaTreeModel handed;
    AreaTreeModel::Tree tree;
    onAnotherThread([&] { tree = AreaTreeModel::buildTree(input); });
    QSignalSpy reset(&handed, &QAbstractItemModel::modelReset);
    handed.setTree(std::move(tree));
    QCOMPARE(reset.count(), 1);
    // Every row at every level, column by column.
    int rows = 0;
    std::function<void(const QModelIndex&, const QModelIndex&)> compare = [&](const QModelIndex& a, const QModelIndex& b) {
        QCOMPARE(handed.rowCount(a), straight.rowCount(b));
        for (int row = 0; row < handed.rowCount(a); ++row) {
            for (int column = 0; column < AreaTreeModel::ColumnCount; ++column)
                QCOMPARE(handed.index(row, column, a).data(), straight.index(row, column, b).data());
            ++rows;
            compare(handed.index(row, 0, a), straight.index(row, 0, b));
        }
    };
    compare({}, {});
    QVERIFY(rows > 2400);
    const QString grid = m_store->grids().first().code;
    QCOMPARE(handed.indexForCode(grid).data(), straight.indexForCode(grid).data());
}

void TestStartHandover::gridShapesAndLabelsPreparedElsewhereAreTheSame()
{
    const QList<Street> streets = m_store->streets();
    const QList<Community> communities = m_store->communities();
    const QList<GridCell> grids = m_store->grids();
    AreasLayer straight;
    straight.setAreas(streets, communities, grids);
    AreasLayer handed;
    AreasLayer::Shapes shapes;
    LabelsLayer::Prepared labels;
    onAnotherThread([&] {
        shapes = AreasLayer::prepareShapes(streets, communities, grids);
        labels = LabelsLayer::prepare(AreasLayer::labelsOf(*shapes));
    });
    handed.setShapes(shapes);
    QCOMPARE(handed.gridCount(), straight.gridCount());
    QCOMPARE(handed.gridCount(), grids.size());
    // Hit tests at every cell's centroid and between cells.
    for (const GridCell& g : grids) {
        QCOMPARE(handed.gridAt(g.centroid), straight.gridAt(g.centroid));
        const LonLat off { g.centroid.lon + 0.0007, g.centroid.lat - 0.0005 };
        QCOMPARE(handed.gridAt(off), straight.gridAt(off));
        QCOMPARE(handed.gridName(g.code), straight.gridName(g.code));
    }
    QCOMPARE(handed.gridAt(grids.first().centroid), grids.first().code);
    const QList<MapLabel> a = handed.labels(), b = straight.labels();
    QCOMPARE(a.size(), b.size());
    for (qsizetype i = 0; i < a.size(); ++i) {
        QCOMPARE(a[i].text, b[i].text);
        QCOMPARE(a[i].pos.lon, b[i].pos.lon);
        QCOMPARE(a[i].pos.lat, b[i].pos.lat);
    }
    LabelsLayer straightLabels, handedLabels;
    straightLabels.setLabels(b);
    handedLabels.setPrepared(labels);
    QCOMPARE(handedLabels.labelCount(), straightLabels.labelCount());
    Viewport view;
    view.setSize(QSize(1200, 900));
    view.setCenter(grids.first().centroid);
    view.setZoom(16.5);
    QList<QString> placedA, placedB;
    for (const MapLabel& l : handedLabels.placedLabels(view))
        placedA.append(l.text);
    for (const MapLabel& l : straightLabels.placedLabels(view))
        placedB.append(l.text);
    QVERIFY(!placedA.isEmpty());
    QCOMPARE(placedA, placedB);
}

void TestStartHandover::heatmapPreparedElsewhereIsTheSame()
{
    GeoBox bounds;
    for (const GridCell& g : m_store->grids())
        bounds.include(g.boundary.bounds());
    const DisputeHeatWeights weights;
    QList<HeatSample> samples;
    for (const Case& c : std::as_const(m_cases))
        if (isOpen(c.state) && c.disputeLevel != DisputeLevel::None)
            samples.append({ c.location, weights.weight(c.disputeLevel) });
    QVERIFY(!samples.isEmpty());
    HeatLayer straight;
    straight.setExtent(bounds);
    straight.setSamples(samples);
    std::shared_ptr<HeatmapGrid> grid;
    onAnotherThread([&] { grid = HeatLayer::prepareGrid(bounds, samples); });
    HeatLayer handed;
    handed.setGrid(grid);
    QVERIFY(handed.grid());
    const HeatmapGridSpec& a = handed.grid()->spec();
    const HeatmapGridSpec& b = straight.grid()->spec();
    QCOMPARE(a.width, b.width);
    QCOMPARE(a.height, b.height);
    QCOMPARE(a.pixelSize, b.pixelSize);
    QCOMPARE(handed.grid()->densities(), straight.grid()->densities());
    QVERIFY(handed.grid()->maxValue() > 0);
    // A dispute added later changes the layer's grid, not the one it was given.
    const std::vector<float> given = grid->densities();
    QVERIFY(handed.addSample(samples.first()));
    QVERIFY(straight.addSample(samples.first()));
    QCOMPARE(grid->densities(), given);
    QCOMPARE(handed.grid()->densities(), straight.grid()->densities());
}

void TestStartHandover::areaSearchFindsEveryArea()
{
    const QList<Street> streets = m_store->streets();
    const QList<Community> communities = m_store->communities();
    const QList<GridCell> grids = m_store->grids();
    AreaSearch search;
    search.setAreas(streets, communities, grids);
    QCOMPARE(search.areaCount(), streets.size() + communities.size() + grids.size());
    const GridCell& g = grids[grids.size() / 2];
    QCOMPARE(search.bestMatch(g.code), g.code);
    QVERIFY(search.matches(g.code).contains(g.code));
    QCOMPARE(search.bestMatch(streets.first().name), streets.first().code);
    // The completer lists it by name and code.
    QCompleter* completer = search.areaCompleter();
    completer->setCompletionPrefix(g.code);
    QVERIFY(completer->completionCount() >= 1);
    const QString shown = completer->completionModel()->index(0, 0).data().toString();
    QVERIFY2(shown.contains(g.code), qPrintable(shown));
    // The text a completion puts in the box is chosen as well.
    QCOMPARE(search.bestMatch(shown), completer->completionModel()->index(0, 0).data(Qt::UserRole).toString());
}

QTEST_MAIN(TestStartHandover)
#include "tst_starthandover.moc"
