// The district overview: one open figure with the rest of the window, and tiles that wrap
// in a narrow dock instead of being cut off at its edge.
#include "widgets/overviewpanel.h"
#include "widgets/scrollpanel.h"

#include <QLabel>
#include <QScrollBar>
#include <QTest>
#include <algorithm>
#include <limits>

using namespace gridhall;

class TestOverviewPanel : public QObject {
    Q_OBJECT
private slots:
    void openCountsParkedLikeTheMap();
    void tilesWrapToTheWidth();
};

void TestOverviewPanel::openCountsParkedLikeTheMap()
{
    // The map, the area tree and the open-case index count every case not closed or
    // voided; the overview showed a second, smaller "open" figure beside them.
    OverviewPanel panel;
    OverviewFigures f;
    f.districtName = QStringLiteral("Test");
    f.cases = 21;
    f.casesByState = { { CaseState::Handling, 3 }, { CaseState::Reported, 2 }, { CaseState::Parked, 4 },
        { CaseState::Closed, 10 }, { CaseState::Voided, 2 } };
    panel.setFigures(f);
    QCOMPARE(panel.tileValue(QStringLiteral("open")), QStringLiteral("9"));
    QCOMPARE(panel.tileValue(QStringLiteral("parked")), QStringLiteral("4"));
    QCOMPARE(panel.tileValue(QStringLiteral("closed")), QStringLiteral("10"));
}

void TestOverviewPanel::tilesWrapToTheWidth()
{
    OverviewPanel* panel = new OverviewPanel;
    OverviewFigures f;
    f.districtName = QStringLiteral("GridHall");
    f.cases = 1003513;
    f.casesByState = { { CaseState::Closed, 990000 }, { CaseState::Handling, 13513 } };
    panel->setFigures(f);
    ScrollPanel scroll(panel);
    const int oneTile = panel->minimumSizeHint().width();
    QVERIFY(oneTile > 0);

    // Wide: four per row, as on the wall.
    scroll.resize(oneTile * 6, 900);
    scroll.show();
    QVERIFY(QTest::qWaitForWindowExposed(&scroll));
    QTRY_COMPARE(panel->columns(), 4);

    // A dock a little over two tiles wide: two per row, nothing scrolls sideways, and every
    // tile is at least as wide as it asks to be (no number cut off).
    scroll.resize(oneTile * 2 + oneTile / 2, 900);
    QTRY_COMPARE(panel->columns(), 2);
    QTRY_VERIFY(!scroll.horizontalScrollBar()->isVisible());
    const auto tiles = panel->findChildren<QWidget*>(QStringLiteral("tile"));
    QCOMPARE(tiles.size(), 16);
    const auto everyTileWhole = [&tiles] {
        return std::all_of(tiles.cbegin(), tiles.cend(),
            [](const QWidget* tile) { return tile->width() >= tile->sizeHint().width(); });
    };
    QTRY_VERIFY(everyTileWhole());

    // The figure the hall watches first stays in the first row.
    const auto values = panel->findChildren<QLabel*>(QStringLiteral("tileValue"));
    const auto open = std::find_if(values.cbegin(), values.cend(),
        [](const QLabel* l) { return l->property("tile").toString() == QLatin1String("open"); });
    QVERIFY(open != values.cend());
    QCOMPARE((*open)->text(), QLocale().toString(13513));
    int topRow = std::numeric_limits<int>::max();
    for (const QWidget* tile : tiles)
        topRow = std::min(topRow, tile->y());
    QCOMPARE((*open)->parentWidget()->y(), topRow);

    // Narrower than two: one per row, scrolling down rather than sideways.
    scroll.resize(oneTile + scroll.verticalScrollBar()->sizeHint().width() + 4, 400);
    QTRY_COMPARE(panel->columns(), 1);
    QTRY_VERIFY(!scroll.horizontalScrollBar()->isVisible());
    QTRY_VERIFY(everyTileWhole());
}

QTEST_MAIN(TestOverviewPanel)
#include "tst_overviewpanel.moc"
