// The area tree: structure, roll-up of counts, in-place updates, model contract.

#include "models/itemmodels/areatreemodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace gridhall;

namespace {
AreaTreeModel::Input sampleInput()
{
    AreaTreeModel::Input in;
    in.districts = { { QStringLiteral("440106"), QStringLiteral("演示区"), {} } };
    in.streets = { { QStringLiteral("440106001"), QStringLiteral("一街"), QStringLiteral("440106"), {} },
        { QStringLiteral("440106002"), QStringLiteral("二街"), QStringLiteral("440106"), {} } };
    in.communities = { { QStringLiteral("440106001001"), QStringLiteral("甲社区"), QStringLiteral("440106001"), {} },
        { QStringLiteral("440106001002"), QStringLiteral("乙社区"), QStringLiteral("440106001"), {} },
        { QStringLiteral("440106002001"), QStringLiteral("丙社区"), QStringLiteral("440106002"), {} } };
    const QStringList grids { QStringLiteral("440106001001001"), QStringLiteral("440106001001002"),
        QStringLiteral("440106001002001"), QStringLiteral("440106002001001") };
    for (const QString& g : grids) {
        GridCell cell;
        cell.code = g;
        cell.name = QStringLiteral("网格") + g.right(3);
        cell.communityCode = g.left(12);
        cell.streetCode = g.left(9);
        in.grids.append(cell);
        in.workersByGrid.insert(g, 1);
    }
    in.openCasesByGrid = { { grids[0], 3 }, { grids[1], 1 }, { grids[3], 5 } };
    return in;
}

int count(const AreaTreeModel& m, const QString& code, int column)
{
    return m.data(m.indexForCode(code).siblingAtColumn(column)).toInt();
}
} // namespace

class TestAreaTreeModel : public QObject {
    Q_OBJECT
private slots:
    void structureAndRollUp();
    void openCasesUpdateInPlace();
    void oneGridsOpenCasesMoveItsAncestorsOnly();
    void orphansStayVisible();
};

void TestAreaTreeModel::structureAndRollUp()
{
    AreaTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setAreas(sampleInput());
    QCOMPARE(model.rowCount(), 1);
    const QModelIndex district = model.index(0, 0);
    QCOMPARE(district.data().toString(), QStringLiteral("演示区"));
    QCOMPARE(model.rowCount(district), 2);
    QCOMPARE(model.rowCount(model.index(0, 0, district)), 2);
    QCOMPARE(count(model, QStringLiteral("440106"), AreaTreeModel::GridsColumn), 4);
    QCOMPARE(count(model, QStringLiteral("440106"), AreaTreeModel::OpenCasesColumn), 9);
    QCOMPARE(count(model, QStringLiteral("440106001"), AreaTreeModel::OpenCasesColumn), 4);
    QCOMPARE(count(model, QStringLiteral("440106001001"), AreaTreeModel::WorkersColumn), 2);
    QCOMPARE(count(model, QStringLiteral("440106002001001"), AreaTreeModel::OpenCasesColumn), 5);
    const QModelIndex grid = model.indexForCode(QStringLiteral("440106001002001"));
    QCOMPARE(grid.parent(), model.indexForCode(QStringLiteral("440106001002")));
    QCOMPARE(grid.data(AreaTreeModel::LevelRole).toInt(), int(AreaLevel::Grid));
}

void TestAreaTreeModel::openCasesUpdateInPlace()
{
    AreaTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setAreas(sampleInput());
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy changes(&model, &QAbstractItemModel::dataChanged);
    model.setOpenCases({ { QStringLiteral("440106001002001"), 7 } });
    QCOMPARE(resets.count(), 0);
    QVERIFY(changes.count() > 0);
    QCOMPARE(count(model, QStringLiteral("440106"), AreaTreeModel::OpenCasesColumn), 7);
    QCOMPARE(count(model, QStringLiteral("440106002"), AreaTreeModel::OpenCasesColumn), 0);
    QCOMPARE(count(model, QStringLiteral("440106001"), AreaTreeModel::OpenCasesColumn), 7);
}

// A live change to one grid: that row and the rows above it change, the rest stays.
void TestAreaTreeModel::oneGridsOpenCasesMoveItsAncestorsOnly()
{
    AreaTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setAreas(sampleInput());
    const int district = count(model, QStringLiteral("440106"), AreaTreeModel::OpenCasesColumn);
    const int otherStreet = count(model, QStringLiteral("440106002"), AreaTreeModel::OpenCasesColumn);
    const int before = count(model, QStringLiteral("440106001002001"), AreaTreeModel::OpenCasesColumn);
    QSignalSpy changes(&model, &QAbstractItemModel::dataChanged);
    model.setOpenCases(QStringLiteral("440106001002001"), before + 3);
    QCOMPARE(changes.count(), 4); // the grid, its community, its street, the district
    QCOMPARE(count(model, QStringLiteral("440106001002001"), AreaTreeModel::OpenCasesColumn), before + 3);
    QCOMPARE(count(model, QStringLiteral("440106"), AreaTreeModel::OpenCasesColumn), district + 3);
    QCOMPARE(count(model, QStringLiteral("440106002"), AreaTreeModel::OpenCasesColumn), otherStreet);
    model.setOpenCases(QStringLiteral("440106001002001"), before + 3); // the same again: no change
    QCOMPARE(changes.count(), 4);
    model.setOpenCases(QStringLiteral("no-such-grid"), 5);
    QCOMPARE(changes.count(), 4);
}

void TestAreaTreeModel::orphansStayVisible()
{
    AreaTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    AreaTreeModel::Input in = sampleInput();
    in.communities.removeFirst(); // its two grids lose their parent
    model.setAreas(in);
    QCOMPARE(model.rowCount(), 3);
    QVERIFY(!model.indexForCode(QStringLiteral("440106001001001")).parent().isValid());
    QCOMPARE(count(model, QStringLiteral("440106"), AreaTreeModel::GridsColumn), 2);
}

QTEST_MAIN(TestAreaTreeModel)
#include "tst_areatreemodel.moc"
