// The worker list as an operator picks from it (issue 15): online workers first, nearest to
// the selected case first, offline workers last; the order follows positions, the clock
// and the selected case without a reset.

#include "models/itemmodels/dispatchtargetmodels.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>

using namespace gridhall;

namespace {

const QDateTime kNow = QDateTime::fromSecsSinceEpoch(1'765'000'000, Qt::UTC);
const LonLat kCase { 113.3300, 23.1300 };

// A point about metres east of the case.
LonLat east(double metres) { return { kCase.lon + metres / 102'400.0, kCase.lat }; }

Worker worker(const QString& code) { return Worker { 0, code, QStringLiteral("Name ") + code, WorkerKind::GridWorker, {}, {}, {}, {} }; }

QStringList codesInOrder(const QAbstractItemModel& m)
{
    QStringList out;
    for (int r = 0; r < m.rowCount(); ++r)
        out.append(m.index(r, 0).data(WorkerListModel::CodeRole).toString());
    return out;
}

} // namespace

class TestWorkerListModel : public QObject {
    Q_OBJECT
private slots:
    void onlineFirstNearestFirstOfflineLast();
    void loadsTouchOnlyTheRowsThatMoved();
    void positionsTouchOnlyTheRowsThatChanged();
    void positionsCoalescedWithinTheInterval();
};

// Fixes of 20,000 moving workers arrive several times a second: a row is signalled only
// when what it shows changed (its status, or its distance to the selected case), since
// each signalled row re-sorts the lists above.
void TestWorkerListModel::positionsTouchOnlyTheRowsThatChanged()
{
    WorkerListModel model;
    QAbstractItemModelTester tester(&model);
    model.setNow(kNow);
    model.setWorkers({ worker(QStringLiteral("A")), worker(QStringLiteral("B")), worker(QStringLiteral("C")) });
    model.setPositions({ { QStringLiteral("A"), { east(100), kNow } }, { QStringLiteral("B"), { east(200), kNow } } });
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    // No case selected: walking on changes nothing shown.
    model.setPositions({ { QStringLiteral("A"), { east(150), kNow.addSecs(1) } }, { QStringLiteral("B"), { east(250), kNow.addSecs(1) } } });
    QCOMPARE(changed.count(), 0);
    // C comes online: its row only.
    model.setPositions({ { QStringLiteral("C"), { east(300), kNow.addSecs(1) } } });
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.last().at(0).toModelIndex().row(), 2);
    QCOMPARE(changed.last().at(1).toModelIndex().row(), 2);
    QCOMPARE(WorkerStatus(model.index(2, 0).data(WorkerListModel::StatusRole).toInt()), WorkerStatus::Patrolling);
    // A case selected: a worker that moves changes its distance.
    model.setReference(kCase);
    changed.clear();
    model.setPositions({ { QStringLiteral("B"), { east(50), kNow.addSecs(2) } } });
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.last().at(0).toModelIndex().row(), 1);
    QCOMPARE(changed.last().at(1).toModelIndex().row(), 1);
    QVERIFY(std::abs(*model.distanceAt(1) - 50) < 1);
    // An older fix than the one shown changes nothing.
    model.setPositions({ { QStringLiteral("B"), { east(900), kNow } } });
    QCOMPARE(changed.count(), 1);
    QVERIFY(std::abs(*model.distanceAt(1) - 50) < 1);
    // The clock: only the rows whose fix went stale.
    changed.clear();
    model.setPositions({ { QStringLiteral("C"), { east(300), kNow.addSecs(100) } } });
    changed.clear();
    model.setNow(kNow.addSecs(90));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.last().at(0).toModelIndex().row(), 0);
    QCOMPARE(changed.last().at(1).toModelIndex().row(), 1);
    QCOMPARE(model.statusAt(0), WorkerStatus::Offline);
    QCOMPARE(model.statusAt(2), WorkerStatus::Patrolling);
}

// A live feed's fixes are taken in once per interval: the first at once, those given during
// the interval merged and taken in at its end, the newest fix of each worker winning.
void TestWorkerListModel::positionsCoalescedWithinTheInterval()
{
    WorkerListModel model;
    QAbstractItemModelTester tester(&model);
    model.setNow(kNow);
    model.setReference(kCase);
    // Long enough that the calls below always fall inside it, even on a loaded machine.
    model.setPositionsInterval(2000);
    model.setWorkers({ worker(QStringLiteral("A")), worker(QStringLiteral("B")) });
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setPositions({ { QStringLiteral("A"), { east(100), kNow } } });
    QCOMPARE(changed.count(), 1);
    QVERIFY(std::abs(*model.distanceAt(0) - 100) < 1);
    model.setPositions({ { QStringLiteral("A"), { east(200), kNow.addSecs(2) } }, { QStringLiteral("B"), { east(400), kNow.addSecs(1) } } });
    model.setPositions({ { QStringLiteral("A"), { east(150), kNow.addSecs(1) } } }); // older than the one waiting
    model.setPositions({ { QStringLiteral("B"), { east(500), kNow.addSecs(3) } } });
    // Nothing before the interval ends (no event loop has run since).
    QCOMPARE(changed.count(), 1);
    QVERIFY(std::abs(*model.distanceAt(0) - 100) < 1);
    QVERIFY(!model.distanceAt(1));
    QTRY_COMPARE_WITH_TIMEOUT(changed.count(), 2, 10000);
    QVERIFY(std::abs(*model.distanceAt(0) - 200) < 1);
    QVERIFY(std::abs(*model.distanceAt(1) - 500) < 1);
    QCOMPARE(changed.last().at(0).toModelIndex().row(), 0);
    QCOMPARE(changed.last().at(1).toModelIndex().row(), 1);
}

// A live delta hands over every holder's load; rows whose load did not move stay quiet
// (a change of every row re-sorted the list above at each delta of a burst).
void TestWorkerListModel::loadsTouchOnlyTheRowsThatMoved()
{
    WorkerListModel model;
    QAbstractItemModelTester tester(&model);
    model.setWorkers({ worker(QStringLiteral("A")), worker(QStringLiteral("B")), worker(QStringLiteral("C")),
        worker(QStringLiteral("D")) });
    model.setLoads({ { QStringLiteral("B"), 1 } });
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setLoads({ { QStringLiteral("B"), 1 } });
    QCOMPARE(changed.count(), 0);
    model.setLoads({ { QStringLiteral("B"), 1 }, { QStringLiteral("C"), 2 } });
    QCOMPARE(changed.count(), 1);
    const QModelIndex first = changed.first().at(0).toModelIndex(), last = changed.first().at(1).toModelIndex();
    QCOMPARE(first.row(), 2);
    QCOMPARE(last.row(), 2);
    QCOMPARE(model.index(2, WorkerListModel::LoadColumn).data().toString(), QStringLiteral("2"));
    // A holder gone from the loads is a change too (its load is 0 now).
    model.setLoads({ { QStringLiteral("C"), 2 } });
    QCOMPARE(changed.count(), 2);
    QCOMPARE(changed.last().at(0).toModelIndex().row(), 1);
    QCOMPARE(model.index(1, WorkerListModel::LoadColumn).data().toString(), QStringLiteral("0"));
    // A delta names only the holders whose load moved; the others keep theirs.
    changed.clear();
    model.changeLoads({ { QStringLiteral("D"), 1 }, { QStringLiteral("C"), 2 }, { QStringLiteral("dept-9"), 4 } });
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.last().at(0).toModelIndex().row(), 3);
    QCOMPARE(model.index(3, WorkerListModel::LoadColumn).data().toString(), QStringLiteral("1"));
    QCOMPARE(model.index(2, WorkerListModel::LoadColumn).data().toString(), QStringLiteral("2"));
}

void TestWorkerListModel::onlineFirstNearestFirstOfflineLast()
{
    WorkerListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setNow(kNow);
    model.setStaleAfterSecs(60);
    // In the replica's order: two offline workers first, as the demo's list showed them.
    model.setWorkers({ worker("OFF-NEAR"), worker("OFF-NEVER"), worker("ON-FAR"), worker("ON-NEAR"), worker("ON-MID") });
    model.setPositions({
        { QStringLiteral("OFF-NEAR"), { east(50), kNow.addSecs(-600) } }, // last seen 10 min ago
        { QStringLiteral("ON-FAR"), { east(5000), kNow.addSecs(-5) } },
        { QStringLiteral("ON-NEAR"), { east(200), kNow.addSecs(-5) } },
        { QStringLiteral("ON-MID"), { east(1200), kNow.addSecs(-5) } },
    });

    // The workers panel's view: sorted by the distance column, ascending, on SortRole.
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.setSortRole(WorkerListModel::SortRole);
    proxy.setDynamicSortFilter(true);
    proxy.sort(WorkerListModel::DistanceColumn, Qt::AscendingOrder);

    // No case selected: online first (in their own order), offline last.
    QCOMPARE(codesInOrder(proxy), QStringList({ "ON-FAR", "ON-NEAR", "ON-MID", "OFF-NEAR", "OFF-NEVER" }));

    // A case selected: the nearest online worker first, the offline one beside the case still last.
    model.setReference(kCase);
    QCOMPARE(codesInOrder(proxy), QStringList({ "ON-NEAR", "ON-MID", "ON-FAR", "OFF-NEAR", "OFF-NEVER" }));
    QList<int> rows;
    for (const QString& code : codesInOrder(proxy))
        rows.append(model.rowOfWorker(code));
    QCOMPARE(model.rowsByAvailability(), rows); // the dispatch dialog's order

    // A worker walks close to the case.
    model.setPositions({ { QStringLiteral("ON-FAR"), { east(20), kNow.addSecs(-1) } } });
    QCOMPARE(codesInOrder(proxy).first(), QStringLiteral("ON-FAR"));

    // Time passes and its fix goes stale: it drops behind every online worker (and, offline,
    // still sorts by distance: 20 m before the other offline one's 50 m).
    model.setPositions({ { QStringLiteral("ON-NEAR"), { east(200), kNow.addSecs(50) } },
        { QStringLiteral("ON-MID"), { east(1200), kNow.addSecs(50) } } });
    model.setNow(kNow.addSecs(90));
    QCOMPARE(codesInOrder(proxy), QStringList({ "ON-NEAR", "ON-MID", "ON-FAR", "OFF-NEAR", "OFF-NEVER" }));
    QCOMPARE(WorkerStatus(proxy.index(2, 0).data(WorkerListModel::StatusRole).toInt()), WorkerStatus::Offline);

    // The status column sorts free workers first and offline last, too.
    model.setLoads({ { QStringLiteral("ON-NEAR"), 2 } });
    proxy.sort(WorkerListModel::StatusColumn, Qt::AscendingOrder);
    QCOMPARE(codesInOrder(proxy).first(), QStringLiteral("ON-MID"));
    QCOMPARE(codesInOrder(proxy).at(1), QStringLiteral("ON-NEAR"));
    QCOMPARE(WorkerStatus(proxy.index(4, 0).data(WorkerListModel::StatusRole).toInt()), WorkerStatus::Offline);
}

QTEST_MAIN(TestWorkerListModel)
#include "tst_workerlistmodel.moc"
