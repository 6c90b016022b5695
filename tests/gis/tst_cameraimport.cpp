// Cameras from the city's GIS files: the point reader (any CRS, field detection, placement in
// the hall's grids, every kind of bad feature named) and `gridhall-server import-cameras`
// run as the real program into a real SQLite hall.

#include "gisfixtures.h"
#include "maps/gisimport.h"
#include "models/store/store.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace gridhall;
using namespace gistest;

class TestCameraImport : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void projectedFileWithChineseFields();
    void badFeaturesAreAllNamed();
    void missingFieldsAndUnknownKind();
    void commandImportsAndRefusesWhole();

private:
    QString path(const QString& name) const { return m_dir.filePath(name); }
    static QString problemsText(const CameraImportResult& r);
    // A camera feature in the middle of sample cell i, with the Chinese field names.
    FeatureSpec cameraIn(int cell, const QString& code, const QString& url, const QString& direction = {},
        const QString& kind = {}) const;
    QProcess* start(const QStringList& args) const;

    QTemporaryDir m_dir;
    QList<CellSpec> m_cells;
    QList<GridCell> m_grids;
};

void TestCameraImport::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_cells = sampleCells();
    for (const CellSpec& c : m_cells) {
        GridCell g;
        g.code = c.gridCode;
        g.streetCode = c.streetCode;
        g.communityCode = c.communityCode;
        g.boundary.parts.append(Polygon { c.ring, {} });
        m_grids.append(g);
    }
}

QString TestCameraImport::problemsText(const CameraImportResult& r)
{
    QStringList lines;
    for (const GisProblem& p : r.problems)
        lines.append(p.message);
    return lines.join(QLatin1Char('\n'));
}

FeatureSpec TestCameraImport::cameraIn(int cell, const QString& code, const QString& url, const QString& direction,
    const QString& kind) const
{
    const Ring& ring = m_cells.at(cell).ring;
    const double lon = (ring[0].lon + ring[2].lon) / 2, lat = (ring[0].lat + ring[3].lat) / 2;
    FeatureSpec f;
    f.attributes = { { QStringLiteral("摄像头编码"), code }, { QStringLiteral("摄像头名称"), code + QStringLiteral("号探头") },
        { QStringLiteral("主码流"), url }, { QStringLiteral("朝向"), direction }, { QStringLiteral("类型"), kind } };
    f.wkt = QStringLiteral("POINT (%1 %2)").arg(lon, 0, 'f', 10).arg(lat, 0, 'f', 10);
    return f;
}

void TestCameraImport::projectedFileWithChineseFields()
{
    // CGCS2000 / 3-degree Gauss-Kruger CM 114E: metres, as city surveys deliver them.
    const QList<FeatureSpec> features { cameraIn(0, "C001", "rtsp://admin:Secret-9@10.1.2.3:554/h264/ch1/main", "90", "人脸卡口"),
        cameraIn(9, "C002", "http://10.1.2.4/live/c2.m3u8", {}, "小区"), cameraIn(23, "C003", "rtsp://10.1.2.5/s", "360", "road") };
    QVERIFY(writeLayer(path("cams.gpkg"), "GPKG", 4547, features).isEmpty());
    CameraImportOptions options;
    options.grids = m_grids;
    const CameraImportResult r = readCameraPoints(path("cams.gpkg"), options);
    QVERIFY2(r.ok(), qPrintable(problemsText(r)));
    QCOMPARE(r.sourceCrs, QStringLiteral("EPSG:4547"));
    QCOMPARE(r.cameras.size(), 3);
    QCOMPARE(r.withCredentials, 1);
    QCOMPARE(r.fieldsUsed.code, QStringLiteral("摄像头编码"));
    QCOMPARE(r.fieldsUsed.direction, QStringLiteral("朝向"));
    const int cells[] = { 0, 9, 23 };
    for (int i = 0; i < 3; ++i) {
        const Camera& c = r.cameras.at(i);
        const CellSpec& cell = m_cells.at(cells[i]);
        QCOMPARE(c.gridCode, cell.gridCode);
        QCOMPARE(c.streetCode, cell.streetCode);
        // Back from metres to within a millimetre or so of where it was written.
        QVERIFY(std::abs(c.position.lon - (cell.ring[0].lon + cell.ring[2].lon) / 2) < 1e-7);
        QVERIFY(std::abs(c.position.lat - (cell.ring[0].lat + cell.ring[3].lat) / 2) < 1e-7);
    }
    QCOMPARE(r.cameras[0].kind, CameraKind::FaceMatching);
    QCOMPARE(r.cameras[0].direction, 90.0);
    QCOMPARE(r.cameras[0].name, QStringLiteral("C001号探头"));
    QCOMPARE(r.cameras[1].kind, CameraKind::Compound);
    QVERIFY(!r.cameras[1].hasDirection());
    QCOMPARE(r.cameras[2].direction, 0.0); // 360° is north
    QCOMPARE(r.cameras[2].kind, CameraKind::Road);
}

void TestCameraImport::badFeaturesAreAllNamed()
{
    FeatureSpec line = cameraIn(1, "C104", "rtsp://10.0.0.4/a");
    line.wkt = QStringLiteral("LINESTRING (113.30 23.12, 113.31 23.13)");
    FeatureSpec outside = cameraIn(2, "C105", "rtsp://10.0.0.5/a");
    outside.wkt = QStringLiteral("POINT (113.9 23.5)"); // in China, in none of the grids
    FeatureSpec nowhere = cameraIn(3, "C106", "rtsp://10.0.0.6/a");
    nowhere.wkt = QString();
    const QList<FeatureSpec> features { cameraIn(0, "C101", "rtsp://root:Hidden-7@10.0.0.1/a"),
        cameraIn(4, "C101", "rtsp://10.0.0.2/a"), cameraIn(5, "C103", "ftp://u:Hidden-8@10.0.0.3/a"), line, outside, nowhere,
        cameraIn(6, "C107", "rtsp://10.0.0.7/a", "400"), cameraIn(7, {}, "rtsp://10.0.0.8/a") };
    QList<qint64> fids;
    QVERIFY(writeLayer(path("bad.gpkg"), "GPKG", 4490, features, {}, &fids).isEmpty());
    CameraImportOptions options;
    options.grids = m_grids;
    const CameraImportResult r = readCameraPoints(path("bad.gpkg"), options);
    QVERIFY(!r.ok());
    const QString text = problemsText(r);
    auto hasProblem = [&r](GisProblemKind kind, qint64 fid) {
        for (const GisProblem& p : r.problems)
            if (p.kind == kind && p.fid == fid && p.isError && p.message.contains(QStringLiteral("Feature %1").arg(fid)))
                return true;
        return false;
    };
    QVERIFY2(hasProblem(GisProblemKind::DuplicateCode, fids[1]), qPrintable(text));
    QVERIFY2(hasProblem(GisProblemKind::BadStreamUrl, fids[2]), qPrintable(text));
    QVERIFY2(hasProblem(GisProblemKind::NotPoint, fids[3]), qPrintable(text));
    QVERIFY2(hasProblem(GisProblemKind::OutsideGrids, fids[4]), qPrintable(text));
    QVERIFY2(hasProblem(GisProblemKind::EmptyGeometry, fids[5]), qPrintable(text));
    QVERIFY2(hasProblem(GisProblemKind::BadValue, fids[6]), qPrintable(text));
    QVERIFY2(hasProblem(GisProblemKind::MissingGridCode, fids[7]), qPrintable(text));
    QCOMPARE(r.errorCount(), 7);
    // A password is never printed, not even of a refused URL.
    QVERIFY(!text.contains(QStringLiteral("Hidden")));
    QVERIFY(text.contains(QStringLiteral("ftp://u:***@10.0.0.3/a")));
}

void TestCameraImport::missingFieldsAndUnknownKind()
{
    FeatureSpec f;
    f.attributes = { { QStringLiteral("NAME"), QStringLiteral("x") } };
    f.wkt = QStringLiteral("POINT (113.301 23.121)");
    QVERIFY(writeLayer(path("nofields.geojson"), "GeoJSON", 4326, { f }).isEmpty());
    CameraImportResult r = readCameraPoints(path("nofields.geojson"));
    QCOMPARE(r.errorCount(), 2);
    QVERIFY(problemsText(r).contains(QStringLiteral("--code-field")));
    QVERIFY(problemsText(r).contains(QStringLiteral("--main-url-field")));

    // English names, given explicitly where detection would not find them.
    FeatureSpec g;
    g.attributes = { { QStringLiteral("DEVICE_ID"), QStringLiteral("D1") }, { QStringLiteral("VIDEO"), QStringLiteral("rtsp://h/1") },
        { QStringLiteral("TYPE"), QStringLiteral("球机") } };
    g.wkt = QStringLiteral("POINT (113.301 23.121)");
    QVERIFY(writeLayer(path("english.geojson"), "GeoJSON", 4326, { g }).isEmpty());
    CameraImportOptions options;
    options.fields.mainUrl = QStringLiteral("VIDEO");
    r = readCameraPoints(path("english.geojson"), options);
    QCOMPARE(r.errorCount(), 1);
    QCOMPARE(r.problems.first().kind, GisProblemKind::BadValue);
    QVERIFY(r.problems.first().message.contains(QStringLiteral("球机")));
    options.fields.mainUrl = QStringLiteral("NO_SUCH");
    r = readCameraPoints(path("english.geojson"), options);
    QVERIFY(problemsText(r).contains(QStringLiteral("NO_SUCH")));
}

QProcess* TestCameraImport::start(const QStringList& args) const
{
    auto* p = new QProcess;
    p->start(QStringLiteral(GRIDHALL_BINARY_DIR "/app/gridhall-server"), args);
    p->waitForFinished(60000);
    return p;
}

void TestCameraImport::commandImportsAndRefusesWhole()
{
    const QString db = path("hall.sqlite");
    QVERIFY(writeLayer(path("grids.gpkg"), "GPKG", 4490, featuresFor(m_cells, chineseFields())).isEmpty());
    const QList<FeatureSpec> good { cameraIn(0, "C001", "rtsp://admin:Secret-9@10.1.2.3/main", "45"),
        cameraIn(12, "C002", "rtsp://10.1.2.4/main") };
    QVERIFY(writeLayer(path("good.gpkg"), "GPKG", 4490, good).isEmpty());

    // No hall yet: refused, and no file is made.
    std::unique_ptr<QProcess> p(start({ "import-cameras", "--db", db, path("good.gpkg") }));
    QCOMPARE(p->exitCode(), 1);
    QVERIFY(!QFile::exists(db));
    p.reset(start({ "import-grids", "--db", db, path("grids.gpkg") }));
    QCOMPARE(p->exitCode(), 0);

    p.reset(start({ "import-cameras", "--db", db, path("good.gpkg") }));
    const QString out = QString::fromUtf8(p->readAllStandardOutput()), err = QString::fromUtf8(p->readAllStandardError());
    QVERIFY2(p->exitCode() == 0, qPrintable(err));
    QVERIFY2(out.contains(QStringLiteral("2 cameras")), qPrintable(out));
    QVERIFY2(err.contains(QStringLiteral("1 camera(s) have a user name or password")), qPrintable(err));
    QVERIFY(!QString(out + err).contains(QStringLiteral("Secret-9")));
    {
        StoreStatus status;
        std::unique_ptr<Store> store = Store::open(db, &status);
        QVERIFY2(store, qPrintable(status.message));
        const QList<Camera> cameras = store->cameras();
        QCOMPARE(cameras.size(), 2);
        QCOMPARE(cameras[0].mainUrl, QStringLiteral("rtsp://admin:Secret-9@10.1.2.3/main")); // kept whole on the server
        QCOMPARE(cameras[0].direction, 45.0);
        QCOMPARE(cameras[1].streetCode, m_cells[12].streetCode);
    }

    // A file with one bad feature writes nothing, not even its good ones.
    const QList<FeatureSpec> mixed { cameraIn(0, "C001", "rtsp://10.9.9.9/renamed", "45"),
        cameraIn(13, "C003", "rtsp://10.1.2.6/main", "-5") };
    QVERIFY(writeLayer(path("mixed.gpkg"), "GPKG", 4490, mixed).isEmpty());
    p.reset(start({ "import-cameras", "--db", db, path("mixed.gpkg") }));
    QCOMPARE(p->exitCode(), 1);
    QVERIFY(QString::fromUtf8(p->readAllStandardError()).contains(QStringLiteral("nothing was written")));
    StoreStatus status;
    std::unique_ptr<Store> store = Store::open(db, &status);
    QVERIFY(store);
    QCOMPARE(store->cameras().size(), 2);
    QCOMPARE(store->cameras()[0].mainUrl, QStringLiteral("rtsp://admin:Secret-9@10.1.2.3/main"));
}

QTEST_GUILESS_MAIN(TestCameraImport)
#include "tst_cameraimport.moc"
