// Wall layouts: parsing, which screen gets which playlist, saving and loading back, and
// clear errors for bad files.

#include "widgets/walllayout.h"

#include <QTemporaryDir>
#include <QTest>

using namespace gridhall;

namespace {
const QStringList kKinds { QStringLiteral("map"), QStringLiteral("overview"), QStringLiteral("kpi"), QStringLiteral("queue") };

const char* const kGood = R"({
  "version": 1,
  "viewingDistance": 6,
  "screens": [
    { "screen": 1, "views": [ { "view": "map", "dwell": 60 },
                              { "view": "map", "area": "440106001", "dwell": 30 },
                              { "view": "overview", "dwell": 20 } ] },
    { "screen": "HDMI-2", "views": [ { "view": "overview" } ] },
    { "screen": "*", "views": [ { "view": "map", "colour": "overdue" } ] }
  ]
})";
} // namespace

class TestWallLayout : public QObject {
    Q_OBJECT
private slots:
    void parsesAGoodLayout();
    void assignsPlaylistsToScreens();
    void defaultLayoutRotatesMapQueuesKpiAndOverview();
    void savesAndLoadsBack();
    void badLayouts_data();
    void badLayouts();
    void missingFileNamesThePath();
};

void TestWallLayout::parsesAGoodLayout()
{
    WallLayout layout;
    QString error;
    QVERIFY2(WallLayout::parse(kGood, kKinds, &layout, &error), qPrintable(error));
    QCOMPARE(layout.viewingDistanceMetres, 6.0);
    QCOMPARE(layout.screens.size(), 3);
    QCOMPARE(layout.screens[0].index, 1);
    QCOMPARE(layout.screens[0].views.size(), 3);
    QCOMPARE(layout.screens[0].views[1].kind, QStringLiteral("map"));
    QCOMPARE(layout.screens[0].views[1].options.value(QStringLiteral("area")).toString(), QStringLiteral("440106001"));
    QCOMPARE(layout.screens[0].views[1].dwellSeconds, 30);
    QCOMPARE(layout.screens[1].name, QStringLiteral("HDMI-2"));
    QCOMPARE(layout.screens[1].views[0].dwellSeconds, 30); // the default
    QCOMPARE(layout.screens[2].name, QStringLiteral("*"));
}

void TestWallLayout::assignsPlaylistsToScreens()
{
    WallLayout layout;
    QString error;
    QVERIFY(WallLayout::parse(kGood, kKinds, &layout, &error));
    QCOMPARE(layout.playlistFor(0, QStringLiteral("DP-1")).size(), 3); // by number
    QCOMPARE(layout.playlistFor(1, QStringLiteral("HDMI-2")).constFirst().kind, QStringLiteral("overview")); // by name
    const QList<WallViewSpec> other = layout.playlistFor(2, QStringLiteral("DP-3")); // "*"
    QCOMPARE(other.size(), 1);
    QCOMPARE(other[0].options.value(QStringLiteral("colour")).toString(), QStringLiteral("overdue"));
    // The number wins over the name: screen 1 named HDMI-2 plays screen 1's list.
    QCOMPARE(layout.playlistFor(0, QStringLiteral("HDMI-2")).size(), 3);

    // Without "*", unlisted screens fall back to the built-in default.
    layout.screens.removeLast();
    QCOMPARE(layout.playlistFor(5, QStringLiteral("DP-6")), WallLayout::defaultLayout().screens[0].views);
}

void TestWallLayout::defaultLayoutRotatesMapQueuesKpiAndOverview()
{
    const WallLayout d = WallLayout::defaultLayout();
    const QList<WallViewSpec> views = d.playlistFor(0, QString());
    QCOMPARE(views.size(), 4);
    QCOMPARE(views[0].kind, QStringLiteral("map"));
    QCOMPARE(views[1].kind, QStringLiteral("queue"));
    QCOMPARE(views[2].kind, QStringLiteral("kpi"));
    QCOMPARE(views[3].kind, QStringLiteral("overview"));
    QCOMPARE(d.playlistFor(7, QStringLiteral("x")), views);
}

void TestWallLayout::savesAndLoadsBack()
{
    WallLayout layout;
    QString error;
    QVERIFY(WallLayout::parse(kGood, kKinds, &layout, &error));
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("wall.json"));
    QVERIFY2(layout.save(path, &error), qPrintable(error));
    WallLayout again;
    QVERIFY2(WallLayout::load(path, kKinds, &again, &error), qPrintable(error));
    QCOMPARE(again, layout);
    QCOMPARE(WallLayout::defaultLayout().toJson(), WallLayout::defaultLayout().toJson());
    WallLayout d;
    QVERIFY(WallLayout::parse(WallLayout::defaultLayout().toJson(), kKinds, &d, &error));
    QCOMPARE(d, WallLayout::defaultLayout());
}

void TestWallLayout::badLayouts_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("mentions");
    QTest::addRow("not json") << QByteArray("{\n  \"screens\": [\n    { \"screen\": 1, }\n  ]\n}") << QStringLiteral("line 3");
    QTest::addRow("a list at the top") << QByteArray("[]") << QStringLiteral("\"screens\"");
    QTest::addRow("unknown top key") << QByteArray(R"({"screenz": []})") << QStringLiteral("screenz");
    QTest::addRow("no screens") << QByteArray(R"({"version": 1})") << QStringLiteral("\"screens\"");
    QTest::addRow("empty screens") << QByteArray(R"({"screens": []})") << QStringLiteral("at least one screen");
    QTest::addRow("future version") << QByteArray(R"({"version": 2, "screens": [{"screen": 1, "views": [{"view": "map"}]}]})") << QStringLiteral("version 2");
    QTest::addRow("distance") << QByteArray(R"({"viewingDistance": 100, "screens": [{"screen": 1, "views": [{"view": "map"}]}]})") << QStringLiteral("viewingDistance");
    QTest::addRow("screen 0") << QByteArray(R"({"screens": [{"screen": 0, "views": [{"view": "map"}]}]})") << QStringLiteral("screens[0]: \"screen\" number must be from 1");
    QTest::addRow("screen 1.5") << QByteArray(R"({"screens": [{"screen": 1.5, "views": [{"view": "map"}]}]})") << QStringLiteral("screens[0]");
    QTest::addRow("no screen") << QByteArray(R"({"screens": [{"views": [{"view": "map"}]}]})") << QStringLiteral("\"screen\" must be a number");
    QTest::addRow("screen typo") << QByteArray(R"({"screens": [{"screen": 1, "veiws": []}]})") << QStringLiteral("veiws");
    QTest::addRow("no views") << QByteArray(R"({"screens": [{"screen": 1, "views": []}]})") << QStringLiteral("screens[0]: \"views\"");
    QTest::addRow("view not an object") << QByteArray(R"({"screens": [{"screen": 1, "views": ["map"]}]})") << QStringLiteral("screens[0].views[0]");
    QTest::addRow("unknown view") << QByteArray(R"({"screens": [{"screen": 1, "views": [{"view": "map"}, {"view": "radar"}]}]})") << QStringLiteral("screens[0].views[1]: unknown view \"radar\"; known views: map, overview, kpi");
    QTest::addRow("dwell zero") << QByteArray(R"({"screens": [{"screen": 1, "views": [{"view": "map", "dwell": 0}]}]})") << QStringLiteral("\"dwell\"");
    QTest::addRow("dwell text") << QByteArray(R"({"screens": [{"screen": 1, "views": [{"view": "map", "dwell": "60"}]}]})") << QStringLiteral("\"dwell\"");
    QTest::addRow("same screen twice") << QByteArray(R"({"screens": [{"screen": 2, "views": [{"view": "map"}]}, {"screen": 2, "views": [{"view": "map"}]}]})") << QStringLiteral("screens[1]: screen 2");
    QTest::addRow("same name twice") << QByteArray(R"({"screens": [{"screen": "*", "views": [{"view": "map"}]}, {"screen": "*", "views": [{"view": "map"}]}]})") << QStringLiteral("screens[1]");
}

void TestWallLayout::badLayouts()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, mentions);
    WallLayout layout;
    layout.viewingDistanceMetres = 9;
    QString error;
    QVERIFY(!WallLayout::parse(json, kKinds, &layout, &error));
    QVERIFY2(error.contains(mentions), qPrintable(error));
    QCOMPARE(layout.viewingDistanceMetres, 9.0); // untouched on failure
}

void TestWallLayout::missingFileNamesThePath()
{
    WallLayout layout;
    QString error;
    QVERIFY(!WallLayout::load(QStringLiteral("no/such/wall.json"), kKinds, &layout, &error));
    QVERIFY2(error.contains(QStringLiteral("no/such/wall.json")), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestWallLayout)
#include "tst_walllayout.moc"
