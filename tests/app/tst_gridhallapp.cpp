// The real gridhall program, end to end: options, a damaged store, and a screenshot of the
// window on a real demo district.

#include "models/store/store.h"
#include "models/store/trackstore.h"
#include "tests/server/serverharness.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>

using namespace gridhall;

namespace {
const QString kApp = QStringLiteral(GRIDHALL_BINARY_DIR "/app/gridhall");
const QString kServer = QStringLiteral(GRIDHALL_BINARY_DIR "/app/gridhall-server");

struct Run {
    int exitCode = -1;
    QString output;
};

// An offscreen platform with these screens (Qt 6.4's offscreen plugin reads a config file).
QString offscreenWith(const QString& dir, const QList<QSize>& sizes)
{
    QJsonArray screens;
    int x = 0;
    for (int i = 0; i < sizes.size(); ++i) {
        screens.append(QJsonObject { { QStringLiteral("name"), QStringLiteral("wall-%1").arg(i + 1) },
            { QStringLiteral("x"), x }, { QStringLiteral("y"), 0 },
            { QStringLiteral("width"), sizes[i].width() }, { QStringLiteral("height"), sizes[i].height() },
            { QStringLiteral("logicalDpi"), 96 }, { QStringLiteral("logicalBaseDpi"), 96 }, { QStringLiteral("dpr"), 1 } });
        x += sizes[i].width();
    }
    const QString path = QStringLiteral("%1/screens-%2.json").arg(dir).arg(sizes.size());
    QFile f(path);
    if (f.open(QIODevice::WriteOnly))
        f.write(QJsonDocument(QJsonObject { { QStringLiteral("screens"), screens } }).toJson());
    return QStringLiteral("offscreen:configfile=") + path;
}

// Not a blank picture: many distinct colours.
int colourCount(const QImage& image)
{
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 7)
        for (int x = 0; x < image.width(); x += 7)
            colours.insert(image.pixel(x, y));
    return int(colours.size());
}

Run run(const QString& program, const QStringList& args, const QString& home, int timeoutMs = 180'000,
    const QString& platform = QStringLiteral("offscreen"))
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), platform);
    env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("gridhall.desk.map.debug=true"));
    // Settings and demo data go to a scratch home, never the developer's own.
    env.insert(QStringLiteral("HOME"), home);
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home + QStringLiteral("/config"));
    env.insert(QStringLiteral("XDG_DATA_HOME"), home + QStringLiteral("/data"));
    p.setProcessEnvironment(env);
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, args);
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        return { -1, QStringLiteral("timed out") };
    }
    return { p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAll()) };
}
} // namespace

class TestGridhallApp : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void badOptions_data();
    void badOptions();
    void damagedStoreIsReported();
    void screenshotShowsTheDistrict_data();
    void screenshotShowsTheDistrict();
    void replayShowsRecordedTracks();
    void wallScreenshotAt4k();
    void wallScreenshotPerScreen();
    void wallRejectsABadLayout();
    void syncsFromAServer();
    void rasterTilesUnderTheMap();
    void demoStopsItsChildren_data();
    void demoStopsItsChildren();

private:
    QTemporaryDir m_home;
    QString m_db;
};

void TestGridhallApp::initTestCase()
{
    QVERIFY(QFile::exists(kApp));
    QVERIFY(m_home.isValid());
    m_db = m_home.filePath(QStringLiteral("district.sqlite"));
    const Run r = run(kServer, { QStringLiteral("demo-data"), QStringLiteral("--db"), m_db,
                                   QStringLiteral("--end"), QStringLiteral("2026-11-20"),
                                   QStringLiteral("--cases-per-day"), QStringLiteral("200") },
        m_home.path());
    QVERIFY2(r.exitCode == 0, qPrintable(r.output));
}

void TestGridhallApp::badOptions_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("mentions");
    QTest::addRow("no store") << QStringList {} << QStringLiteral("--db");
    QTest::addRow("unknown language") << QStringList { QStringLiteral("--db"), QStringLiteral("x.sqlite"), QStringLiteral("--lang"), QStringLiteral("fr") } << QStringLiteral("fr");
    QTest::addRow("bad size") << QStringList { QStringLiteral("--db"), QStringLiteral("x.sqlite"), QStringLiteral("--size"), QStringLiteral("big") } << QStringLiteral("--size");
    QTest::addRow("bad theme") << QStringList { QStringLiteral("--db"), QStringLiteral("x.sqlite"), QStringLiteral("--theme"), QStringLiteral("pink") } << QStringLiteral("pink");
    QTest::addRow("layout without wall") << QStringList { QStringLiteral("--db"), QStringLiteral("x.sqlite"), QStringLiteral("--layout"), QStringLiteral("w.json") } << QStringLiteral("--wall");
    QTest::addRow("size on the wall") << QStringList { QStringLiteral("--wall"), QStringLiteral("--db"), QStringLiteral("x.sqlite"), QStringLiteral("--size"), QStringLiteral("800x600") } << QStringLiteral("--size");
    QTest::addRow("theme on the wall") << QStringList { QStringLiteral("--wall"), QStringLiteral("--db"), QStringLiteral("x.sqlite"), QStringLiteral("--theme"), QStringLiteral("light") } << QStringLiteral("--theme");
    QTest::addRow("user without server") << QStringList { QStringLiteral("--db"), QStringLiteral("x.sqlite"), QStringLiteral("--user"), QStringLiteral("op") } << QStringLiteral("--server");
    QTest::addRow("server with demo") << QStringList { QStringLiteral("--demo"), QStringLiteral("--server"), QStringLiteral("ws://127.0.0.1:1") } << QStringLiteral("--demo");
    QTest::addRow("server not a websocket") << QStringList { QStringLiteral("--server"), QStringLiteral("http://127.0.0.1:1"), QStringLiteral("--user"), QStringLiteral("op") } << QStringLiteral("wss://");
    QTest::addRow("no password for a screenshot") << QStringList { QStringLiteral("--server"), QStringLiteral("ws://127.0.0.1:1"), QStringLiteral("--user"), QStringLiteral("op"), QStringLiteral("--screenshot"), QStringLiteral("s.png") } << QStringLiteral("--password-file");
    QTest::addRow("no password for the wall") << QStringList { QStringLiteral("--wall"), QStringLiteral("--server"), QStringLiteral("ws://127.0.0.1:1"), QStringLiteral("--user"), QStringLiteral("op") } << QStringLiteral("--password-file");
    QTest::addRow("missing password file") << QStringList { QStringLiteral("--server"), QStringLiteral("ws://127.0.0.1:1"), QStringLiteral("--user"), QStringLiteral("op"), QStringLiteral("--password-file"), QStringLiteral("no-such-file.txt") } << QStringLiteral("no-such-file.txt");
    QTest::addRow("missing ca file") << QStringList { QStringLiteral("--server"), QStringLiteral("wss://127.0.0.1:1"), QStringLiteral("--user"), QStringLiteral("op"), QStringLiteral("--ca"), QStringLiteral("no-such-ca.pem") } << QStringLiteral("--ca");
    QTest::addRow("missing tiles file") << QStringList { QStringLiteral("--db"), QStringLiteral("x.sqlite"), QStringLiteral("--tiles"), QStringLiteral("no-such-tiles.json") } << QStringLiteral("--tiles");
    QTest::addRow("stray argument") << QStringList { QStringLiteral("--db"), QStringLiteral("x.sqlite"), QStringLiteral("extra") } << QStringLiteral("extra");
}

void TestGridhallApp::badOptions()
{
    QFETCH(QStringList, args);
    QFETCH(QString, mentions);
    const Run r = run(kApp, args, m_home.path(), 30'000);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.output.contains(mentions), qPrintable(r.output));
}

void TestGridhallApp::damagedStoreIsReported()
{
    const QString bad = m_home.filePath(QStringLiteral("garbage.sqlite"));
    QFile f(bad);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray(8192, 'x'));
    f.close();
    const QString shot = m_home.filePath(QStringLiteral("never.png"));
    const Run r = run(kApp, { QStringLiteral("--db"), bad, QStringLiteral("--screenshot"), shot }, m_home.path(), 60'000);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.output.contains(QStringLiteral("garbage.sqlite")), qPrintable(r.output));
    QVERIFY(!QFile::exists(shot));
    // Nothing was written over the file the user pointed at.
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), QByteArray(8192, 'x'));
}

void TestGridhallApp::screenshotShowsTheDistrict_data()
{
    QTest::addColumn<QString>("lang");
    QTest::addColumn<QString>("theme");
    QTest::addColumn<QSize>("size");
    QTest::addRow("zh desk") << QStringLiteral("zh_CN") << QStringLiteral("light") << QSize(1920, 1080);
    QTest::addRow("en wall") << QStringLiteral("en") << QStringLiteral("dark") << QSize(3840, 2160);
    // A supervisor's laptop: the window keeps the size asked for (panels scroll instead).
    QTest::addRow("en laptop") << QStringLiteral("en") << QStringLiteral("light") << QSize(1280, 800);
}

void TestGridhallApp::screenshotShowsTheDistrict()
{
    QFETCH(QString, lang);
    QFETCH(QString, theme);
    QFETCH(QSize, size);
    const QString shot = m_home.filePath(QStringLiteral("shot-%1-%2.png").arg(lang).arg(size.width()));
    const Run r = run(kApp, { QStringLiteral("--db"), m_db, QStringLiteral("--lang"), lang,
                                QStringLiteral("--theme"), theme, QStringLiteral("--size"),
                                QStringLiteral("%1x%2").arg(size.width()).arg(size.height()),
                                QStringLiteral("--screenshot"), shot },
        m_home.path());
    QVERIFY2(r.exitCode == 0, qPrintable(r.output));
    const QImage image(shot);
    QVERIFY(!image.isNull());
    QCOMPARE(image.size(), size);
    // Not a blank window: many distinct colours (text, tiles, tree).
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 7)
        for (int x = 0; x < image.width(); x += 7)
            colours.insert(image.pixel(x, y));
    QVERIFY2(colours.size() > 20, qPrintable(QString::number(colours.size())));
}

// --replay: tracks recorded in the replica play on the map; a worker without one is named.
void TestGridhallApp::replayShowsRecordedTracks()
{
    const QString db = m_home.filePath(QStringLiteral("replay.sqlite"));
    QFile::remove(db);
    QVERIFY(QFile::copy(m_db, db));
    QString code;
    {
        StoreStatus status;
        auto store = Store::open(db, &status);
        QVERIFY2(store, qPrintable(status.message));
        QHash<QString, LonLat> centroids;
        for (const GridCell& g : store->grids())
            centroids.insert(g.code, g.centroid);
        LonLat start;
        for (const Worker& w : store->workers()) {
            if (centroids.contains(w.homeGridCode)) {
                code = w.code;
                start = centroids.value(w.homeGridCode);
                break;
            }
        }
        QVERIFY(!code.isEmpty());
        // Half an hour at about 1.1 m/s eastwards, two hours ago, one fix every 10 s.
        const qint64 t0 = QDateTime::currentMSecsSinceEpoch() - 2 * 3600 * 1000;
        QList<RecordedFix> fixes;
        for (int i = 0; i <= 180; ++i)
            fixes.append({ code, { start.lon + i * 0.0001, start.lat }, t0 + i * 10000 });
        QString error;
        QVERIFY2(appendRecordedFixes(*store, fixes, &error), qPrintable(error));
    }
    const QString shot = m_home.filePath(QStringLiteral("replay.png"));
    const Run r = run(kApp, { QStringLiteral("--db"), db, QStringLiteral("--lang"), QStringLiteral("en"),
                                QStringLiteral("--size"), QStringLiteral("1920x1080"),
                                QStringLiteral("--replay"), code + QStringLiteral(",NOBODY"),
                                QStringLiteral("--screenshot"), shot },
        m_home.path());
    QVERIFY2(r.exitCode == 0, qPrintable(QStringLiteral("exit %1: %2").arg(r.exitCode).arg(r.output)));
    const QRegularExpression summary(QStringLiteral("replay: 1 of 2 workers, (\\d+) m, (\\d+) grid cells"));
    const QRegularExpressionMatch m = summary.match(r.output);
    QVERIFY2(m.hasMatch(), qPrintable(r.output));
    // 180 steps of 0.0001° of longitude at 23° north: about 1.84 km.
    const int metres = m.captured(1).toInt();
    QVERIFY2(metres > 1700 && metres < 2000, qPrintable(r.output));
    QVERIFY(m.captured(2).toInt() >= 1);
    const QImage image(shot);
    QCOMPARE(image.size(), QSize(1920, 1080)); // the replay dock fits a workstation screen
    QVERIFY(colourCount(image) > 20);
}

void TestGridhallApp::wallScreenshotAt4k()
{
    // One 4K screen: one window, saved as the file given (like the workstation).
    const QString shot = m_home.filePath(QStringLiteral("wall.png"));
    const Run r = run(kApp, { QStringLiteral("--wall"), QStringLiteral("--db"), m_db, QStringLiteral("--lang"),
                                QStringLiteral("zh_CN"), QStringLiteral("--screenshot"), shot },
        m_home.path(), 180'000, offscreenWith(m_home.path(), { QSize(3840, 2160) }));
    QVERIFY2(r.exitCode == 0, qPrintable(r.output));
    const QImage image(shot);
    QVERIFY(!image.isNull());
    QCOMPARE(image.size(), QSize(3840, 2160));
    QVERIFY2(colourCount(image) > 20, qPrintable(QString::number(colourCount(image))));
    // Dark for the hall: most of the picture is dark.
    int dark = 0, samples = 0;
    for (int y = 0; y < image.height(); y += 31)
        for (int x = 0; x < image.width(); x += 31, ++samples)
            dark += qGray(image.pixel(x, y)) < 80 ? 1 : 0;
    QVERIFY2(dark * 2 > samples, qPrintable(QStringLiteral("%1 of %2 dark").arg(dark).arg(samples)));
}

void TestGridhallApp::wallScreenshotPerScreen()
{
    // Two screens, a layout giving each its own view: FILE-1.png and FILE-2.png.
    const QString layout = m_home.filePath(QStringLiteral("layout.json"));
    QFile f(layout);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(R"({"screens": [{"screen": 1, "views": [{"view": "map"}]},
                            {"screen": 2, "views": [{"view": "queue"}]}]})");
    f.close();
    const QString shot = m_home.filePath(QStringLiteral("pair.png"));
    const Run r = run(kApp, { QStringLiteral("--wall"), QStringLiteral("--layout"), layout, QStringLiteral("--db"), m_db,
                                QStringLiteral("--screenshot"), shot },
        m_home.path(), 180'000, offscreenWith(m_home.path(), { QSize(1920, 1080), QSize(1280, 720) }));
    QVERIFY2(r.exitCode == 0, qPrintable(r.output));
    QVERIFY(!QFile::exists(shot));
    const QImage first(m_home.filePath(QStringLiteral("pair-1.png")));
    const QImage second(m_home.filePath(QStringLiteral("pair-2.png")));
    QCOMPARE(first.size(), QSize(1920, 1080));
    QCOMPARE(second.size(), QSize(1280, 720));
    QVERIFY(colourCount(first) > 20);
    QVERIFY(colourCount(second) > 5);
}

void TestGridhallApp::wallRejectsABadLayout()
{
    const QString layout = m_home.filePath(QStringLiteral("bad-layout.json"));
    QFile f(layout);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(R"({"screens": [{"screen": 1, "views": [{"view": "radar"}]}]})");
    f.close();
    const Run r = run(kApp, { QStringLiteral("--wall"), QStringLiteral("--layout"), layout, QStringLiteral("--db"), m_db },
        m_home.path(), 30'000);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.output.contains(QStringLiteral("bad-layout.json")) && r.output.contains(QStringLiteral("radar")),
        qPrintable(r.output));
}

// --server: the workstation and the wall log in to a real gridhall-server, each syncs its own
// replica (in the data folder, named by server and user) and shows the district from it.
void TestGridhallApp::syncsFromAServer()
{
    const QString serverDb = m_home.filePath(QStringLiteral("central.sqlite"));
    QVERIFY(QFile::copy(m_db, serverDb));
    QCOMPARE(testing::runServerCommand({ "add-user", "--db", serverDb, "--user", "wallop", "--role", "district_operator",
                 "--iterations", "1000" }, testing::kTestPassword.toUtf8() + "\n"),
        0);
    testing::ServerProcess server;
    QVERIFY(server.start(serverDb));
    const quint16 port = server.port();
    const QString url = server.url().toString();
    const QString passwordFile = m_home.filePath(QStringLiteral("wall-password.txt"));
    QFile pw(passwordFile);
    QVERIFY(pw.open(QIODevice::WriteOnly));
    pw.write(testing::kTestPassword.toUtf8() + "\n");
    pw.close();

    const QString home = m_home.filePath(QStringLiteral("server-home"));
    const QString shot = m_home.filePath(QStringLiteral("from-server.png"));
    Run r = run(kApp, { QStringLiteral("--server"), url, QStringLiteral("--user"), QStringLiteral("wallop"),
                          QStringLiteral("--password-file"), passwordFile, QStringLiteral("--size"), QStringLiteral("1920x1080"),
                          QStringLiteral("--screenshot"), shot },
        home);
    QVERIFY2(r.exitCode == 0, qPrintable(r.output));
    const QImage image(shot);
    QCOMPARE(image.size(), QSize(1920, 1080));
    QVERIFY(colourCount(image) > 20);
    // The replica started empty: the district is framed once the snapshot has brought it.
    QVERIFY2(r.output.contains(QStringLiteral("framing the whole district")), qPrintable(r.output));
    // The replica is named after the server and the user, and holds the server's cases.
    const QString replica = home + QStringLiteral("/data/GridHall/GridHall/replica-127.0.0.1-%1-wallop.sqlite").arg(port);
    QVERIFY2(QFile::exists(replica), qPrintable(replica));
    {
        StoreStatus status;
        const std::unique_ptr<Store> store = Store::open(replica, &status);
        QVERIFY2(store, qPrintable(status.message));
        const std::unique_ptr<Store> central = Store::open(serverDb, &status);
        QVERIFY2(central, qPrintable(status.message));
        QVERIFY(store->counts().cases > 1000);
        QCOMPARE(store->counts().cases, central->counts().cases);
    }

    // The wall: the same login, no dialog, the same replica.
    const QString wallShot = m_home.filePath(QStringLiteral("wall-from-server.png"));
    r = run(kApp, { QStringLiteral("--wall"), QStringLiteral("--server"), url, QStringLiteral("--user"), QStringLiteral("wallop"),
                      QStringLiteral("--password-file"), passwordFile, QStringLiteral("--screenshot"), wallShot },
        home, 180'000, offscreenWith(m_home.path(), { QSize(1920, 1080) }));
    QVERIFY2(r.exitCode == 0, qPrintable(r.output));
    QCOMPARE(QImage(wallShot).size(), QSize(1920, 1080));

    // Track replay on a workstation that was not running while the worker walked: the
    // track comes from the server. A handheld reports half an hour's walk from two hours ago.
    QString code;
    LonLat start;
    {
        StoreStatus status;
        const std::unique_ptr<Store> central = Store::open(serverDb, &status);
        QVERIFY2(central, qPrintable(status.message));
        QHash<QString, LonLat> centroids;
        for (const GridCell& g : central->grids())
            centroids.insert(g.code, g.centroid);
        for (const Worker& w : central->workers())
            if (code.isEmpty() && centroids.contains(w.homeGridCode))
                code = w.code, start = centroids.value(w.homeGridCode);
    }
    QVERIFY(!code.isEmpty());
    QCOMPARE(testing::runServerCommand({ "add-user", "--db", serverDb, "--user", code, "--role", "field_worker",
                 "--iterations", "1000" }, testing::kTestPassword.toUtf8() + "\n"),
        0);
    {
        testing::WireClient handheld;
        QVERIFY(handheld.open(server.url()));
        QVERIFY(handheld.login(code, QStringLiteral("hh-test")));
        const qint64 t0 = QDateTime::currentMSecsSinceEpoch() - 2 * 3600 * 1000;
        QJsonArray walk;
        for (int i = 0; i <= 180; ++i)
            walk.append(QJsonObject { { "lon", start.lon + i * 0.0001 }, { "lat", start.lat }, { "at", t0 + i * 10000 } });
        handheld.send(protocol::Type::Position, { { "items", walk } });
        QTest::qWait(500);
    }
    r = run(kApp, { QStringLiteral("--server"), url, QStringLiteral("--user"), QStringLiteral("wallop"),
                      QStringLiteral("--password-file"), passwordFile, QStringLiteral("--db"), m_home.filePath(QStringLiteral("replay-fresh.sqlite")),
                      QStringLiteral("--replay"), code, QStringLiteral("--screenshot"), m_home.filePath(QStringLiteral("replay-from-server.png")) },
        home);
    QVERIFY2(r.exitCode == 0, qPrintable(r.output));
    const QRegularExpressionMatch replayed = QRegularExpression(QStringLiteral("replay: 1 of 1 workers, (\\d+) m")).match(r.output);
    QVERIFY2(replayed.hasMatch(), qPrintable(r.output));
    QVERIFY2(replayed.captured(1).toInt() > 1700 && replayed.captured(1).toInt() < 2000, qPrintable(r.output));

    // A wrong password: the workstation says so instead of showing an empty district.
    QFile bad(passwordFile);
    QVERIFY(bad.open(QIODevice::WriteOnly));
    bad.write("not-the-password\n");
    bad.close();
    r = run(kApp, { QStringLiteral("--server"), url, QStringLiteral("--user"), QStringLiteral("wallop"),
                      QStringLiteral("--password-file"), passwordFile, QStringLiteral("--db"), m_home.filePath(QStringLiteral("fresh.sqlite")),
                      QStringLiteral("--screenshot"), m_home.filePath(QStringLiteral("never.png")) },
        home, 60'000);
    QVERIFY2(r.exitCode != 0, qPrintable(r.output));
    QVERIFY2(r.output.contains(QStringLiteral("password"), Qt::CaseInsensitive), qPrintable(r.output));
}

// --tiles: a GeoTIFF (made here with GDAL's own tool) under the map instead of the vector
// basemap: its magenta shows through; a tile server that cannot be reached is named and the
// window still comes up.
void TestGridhallApp::rasterTilesUnderTheMap()
{
    GeoBox box;
    {
        StoreStatus status;
        const std::unique_ptr<Store> store = Store::open(m_db, &status);
        QVERIFY2(store, qPrintable(status.message));
        for (const Street& st : store->streets())
            box.include(st.boundary.bounds());
    }
    QVERIFY(box.valid);
    const QString tif = m_home.filePath(QStringLiteral("magenta.tif"));
    const Run made = run(QStringLiteral("gdal_create"),
        { QStringLiteral("-of"), QStringLiteral("GTiff"), QStringLiteral("-outsize"), QStringLiteral("256"), QStringLiteral("256"),
            QStringLiteral("-bands"), QStringLiteral("3"), QStringLiteral("-ot"), QStringLiteral("Byte"),
            QStringLiteral("-burn"), QStringLiteral("255"), QStringLiteral("-burn"), QStringLiteral("0"), QStringLiteral("-burn"), QStringLiteral("255"),
            QStringLiteral("-a_srs"), QStringLiteral("EPSG:4326"), QStringLiteral("-a_ullr"),
            QString::number(box.west - 0.05, 'f', 6), QString::number(box.north + 0.05, 'f', 6),
            QString::number(box.east + 0.05, 'f', 6), QString::number(box.south - 0.05, 'f', 6), tif },
        m_home.path(), 60'000);
    QVERIFY2(made.exitCode == 0, qPrintable(made.output));
    const QString spec = m_home.filePath(QStringLiteral("magenta-tiles.json"));
    QFile f(spec);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(R"({"name": "magenta", "kind": "gdal", "path": "magenta.tif", "datum": "wgs84"})");
    f.close();
    auto magentaShare = [](const QImage& image) {
        int hits = 0, samples = 0;
        for (int y = 0; y < image.height(); y += 5)
            for (int x = 0; x < image.width(); x += 5, ++samples) {
                const QRgb p = image.pixel(x, y);
                hits += qRed(p) > 150 && qBlue(p) > 150 && qGreen(p) < 110 ? 1 : 0;
            }
        return double(hits) / samples;
    };
    const QString shot = m_home.filePath(QStringLiteral("tiles.png"));
    Run r = run(kApp, { QStringLiteral("--db"), m_db, QStringLiteral("--tiles"), spec, QStringLiteral("--size"),
                          QStringLiteral("1920x1080"), QStringLiteral("--screenshot"), shot },
        m_home.path());
    QVERIFY2(r.exitCode == 0, qPrintable(r.output));
    const double withTiles = magentaShare(QImage(shot));
    QVERIFY2(withTiles > 0.05, qPrintable(QString::number(withTiles)));
    r = run(kApp, { QStringLiteral("--db"), m_db, QStringLiteral("--size"), QStringLiteral("1920x1080"),
                      QStringLiteral("--screenshot"), shot },
        m_home.path());
    QVERIFY2(r.exitCode == 0, qPrintable(r.output));
    QVERIFY2(magentaShare(QImage(shot)) < 0.01, "no magenta without the tiles");

    // A tile server nobody answers: the window comes up all the same and says why.
    QFile unreachable(spec);
    QVERIFY(unreachable.open(QIODevice::WriteOnly));
    unreachable.write(R"({"name": "city", "kind": "xyz", "url": "http://127.0.0.1:9/{z}/{x}/{y}.png", "datum": "gcj02"})");
    unreachable.close();
    r = run(kApp, { QStringLiteral("--db"), m_db, QStringLiteral("--tiles"), spec, QStringLiteral("--size"),
                      QStringLiteral("1920x1080"), QStringLiteral("--screenshot"), shot },
        m_home.path());
    QVERIFY2(r.exitCode == 0, qPrintable(r.output));
    QVERIFY2(r.output.contains(QStringLiteral("Raster tiles \"city\"")), qPrintable(r.output));
}

// The parent of a process, and whether it is still running (not gone, not a zombie).
qint64 parentOf(qint64 pid, bool* running)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    *running = false;
    if (!stat.open(QIODevice::ReadOnly))
        return -1;
    // "pid (command) state ppid …": the command may hold spaces, so read after the ')'.
    const QByteArray text = stat.readAll();
    const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
    *running = fields.value(0) != "Z";
    return fields.value(1).toLongLong();
}

// `gridhall --demo` runs a server and a simulator. A stop signal ends the app cleanly and
// stops them; killed outright, the kernel stops them (they used to run on for good).
void TestGridhallApp::demoStopsItsChildren_data()
{
    QTest::addColumn<int>("signal");
    QTest::addColumn<int>("expectedExit"); // -1: killed
    QTest::newRow("SIGTERM") << int(SIGTERM) << 0;
    QTest::newRow("SIGHUP") << int(SIGHUP) << 0;
    QTest::newRow("SIGKILL") << int(SIGKILL) << -1;
}

void TestGridhallApp::demoStopsItsChildren()
{
    QFETCH(int, signal);
    QFETCH(int, expectedExit);
    auto childrenOf = [](qint64 parent) {
        QList<qint64> found;
        for (const QString& entry : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs)) {
            bool running = false;
            if (entry.toLongLong() > 0 && parentOf(entry.toLongLong(), &running) == parent && running)
                found << entry.toLongLong();
        }
        return found;
    };
    auto stillRunning = [](const QList<qint64>& pids) {
        int n = 0;
        for (qint64 pid : pids) {
            bool running = false;
            parentOf(pid, &running);
            n += running;
        }
        return n;
    };
    QProcess app;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("HOME"), m_home.path());
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home.filePath(QStringLiteral("config")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_home.filePath(QStringLiteral("data")));
    app.setProcessEnvironment(env);
    app.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    app.setStandardOutputFile(QProcess::nullDevice());
    app.start(QStringLiteral(GRIDHALL_BINARY_DIR "/app/gridhall"), { QStringLiteral("--demo"), QStringLiteral("--demo-workers"), QStringLiteral("5") });
    QVERIFY(app.waitForStarted(10000));
    QList<qint64> started;
    QDeadlineTimer deadline(120000);
    while (started.size() < 2 && !deadline.hasExpired()) {
        QTest::qWait(200);
        started = childrenOf(app.processId());
    }
    QVERIFY2(started.size() >= 2, "the demo did not start its server and simulator");
    ::kill(pid_t(app.processId()), signal);
    QVERIFY(app.waitForFinished(20000));
    QCOMPARE(app.exitStatus() == QProcess::NormalExit ? app.exitCode() : -1, expectedExit);
    QDeadlineTimer gone(10000);
    while (stillRunning(started) > 0 && !gone.hasExpired())
        QTest::qWait(100);
    QCOMPARE(stillRunning(started), 0);
}

QTEST_GUILESS_MAIN(TestGridhallApp)
#include "tst_gridhallapp.moc"
