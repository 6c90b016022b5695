// `gridhall-server import-grids`, run as the real program against real files and databases.

#include "gisfixtures.h"
#include "models/store/store.h"

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace gridhall;
using namespace gistest;

namespace {
struct Run {
    int exitCode = -1;
    QString out, err;
};
} // namespace

class TestImportCommand : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void help();
    void usageErrors();
    void importAndReimport();
    void failedImportWritesNothing();
    void failedImportIntoNewDatabase();
    void badDatabasePath();
    void missingSource();
    void shapefileNeedsAssumedSrs();
    void longProblemListIsCapped();
    void dryRunWritesNothing();
    void derivedCodesWithExplicitFields();
    void codesOnlyKeepStoredNames();

private:
    QString path(const QString& name) const { return m_dir.filePath(name); }
    Run run(const QStringList& args) const;
    static QList<GridCell> gridsIn(const QString& db);

    QTemporaryDir m_dir;
    QString m_program;
    QList<CellSpec> m_cells;
};

void TestImportCommand::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_program = QStringLiteral(GRIDHALL_BINARY_DIR "/app/gridhall-server");
    QVERIFY2(QFile::exists(m_program), qPrintable(m_program + QStringLiteral(" is not built")));
    m_cells = sampleCells();
    QVERIFY(writeLayer(path("good.gpkg"), "GPKG", 4490, featuresFor(m_cells, chineseFields())).isEmpty());
}

Run TestImportCommand::run(const QStringList& args) const
{
    QProcess process;
    process.setProgram(m_program);
    process.setArguments(QStringList { QStringLiteral("import-grids") } + args);
    process.start();
    Run r;
    if (!process.waitForFinished(60000) || process.exitStatus() != QProcess::NormalExit)
        return r;
    r.exitCode = process.exitCode();
    r.out = QString::fromUtf8(process.readAllStandardOutput());
    r.err = QString::fromUtf8(process.readAllStandardError());
    return r;
}

QList<GridCell> TestImportCommand::gridsIn(const QString& db)
{
    StoreStatus status;
    std::unique_ptr<Store> store = Store::open(db, &status);
    if (!store) {
        qWarning() << status.message;
        return {};
    }
    return store->grids();
}

void TestImportCommand::help()
{
    const Run r = run({ QStringLiteral("--help") });
    QCOMPARE(r.exitCode, 0);
    for (const char* option : { "--db", "--layer", "--street-field", "--community-field", "--grid-field", "--name-field",
             "--assume-srs", "--district-code", "--district-name", "--dry-run" })
        QVERIFY2(r.out.contains(QLatin1String(option)), option);
}

void TestImportCommand::usageErrors()
{
    Run r = run({ QStringLiteral("--db"), path("usage.sqlite") });
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.err.contains(QStringLiteral("SOURCE")));
    r = run({ path("good.gpkg") });
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.err.contains(QStringLiteral("--db")));
    r = run({ QStringLiteral("--no-such-option"), path("good.gpkg") });
    QCOMPARE(r.exitCode, 2);
    QVERIFY(!QFile::exists(path("usage.sqlite")));
}

void TestImportCommand::importAndReimport()
{
    const QString db = path("district.sqlite");
    Run r = run({ QStringLiteral("--db"), db, QStringLiteral("--district-name"), QStringLiteral("天河区"), path("good.gpkg") });
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY2(r.out.contains(QStringLiteral("3 streets, 6 communities, 24 grids (0 repaired)")), qPrintable(r.out));

    {
        StoreStatus status;
        std::unique_ptr<Store> store = Store::open(db, &status);
        QVERIFY2(store, qPrintable(status.message));
        const StoreCounts counts = store->counts();
        QCOMPARE(counts.districts, 1);
        QCOMPARE(counts.streets, 3);
        QCOMPARE(counts.communities, 6);
        QCOMPARE(counts.grids, 24);
        QCOMPARE(store->districts().first().name, QStringLiteral("天河区"));
        QVERIFY(!store->districts().first().boundary.isEmpty());
        for (const GridCell& g : store->grids()) {
            const CellSpec* spec = nullptr;
            for (const CellSpec& c : m_cells)
                if (c.gridCode == g.code)
                    spec = &c;
            QVERIFY(spec);
            QCOMPARE(g.name, spec->gridName);
            QCOMPARE(g.boundary.parts.first().outer.size(), spec->ring.size());
            QVERIFY(std::abs(g.boundary.bounds().west - spec->ring.first().lon) < 1e-9);
        }
        for (const Street& s : store->streets())
            QVERIFY(!s.boundary.isEmpty());
    }

    // The office renames a grid and moves a vertex; importing again updates by code.
    QList<CellSpec> changed = m_cells;
    changed[0].gridName = QStringLiteral("龙口西网格");
    changed[0].ring[0].lon -= 0.001;
    QVERIFY(writeLayer(path("changed.gpkg"), "GPKG", 4490, featuresFor(changed, chineseFields())).isEmpty());
    r = run({ QStringLiteral("--db"), db, path("changed.gpkg") });
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const QList<GridCell> grids = gridsIn(db);
    QCOMPARE(grids.size(), 24);
    bool found = false;
    for (const GridCell& g : grids) {
        if (g.code != m_cells[0].gridCode)
            continue;
        found = true;
        QCOMPARE(g.name, QStringLiteral("龙口西网格"));
        QVERIFY(std::abs(g.boundary.bounds().west - changed[0].ring[0].lon) < 1e-9);
    }
    QVERIFY(found);
    StoreStatus status;
    QCOMPARE(Store::open(db, &status)->districts().first().name, QStringLiteral("天河区")); // kept
}

void TestImportCommand::failedImportWritesNothing()
{
    const QString db = path("kept.sqlite");
    Run r = run({ QStringLiteral("--db"), db, path("good.gpkg") });
    QCOMPARE(r.exitCode, 0);

    // A neighbouring district's file: good cells, plus one duplicate and one without a street.
    QList<CellSpec> other = m_cells;
    for (CellSpec& c : other) {
        c.gridCode.replace(0, 6, QStringLiteral("440107"));
        for (LonLat& p : c.ring)
            p.lat += 0.05;
    }
    QList<FeatureSpec> features = featuresFor(other, chineseFields());
    features[4].attributes[0].second = other[1].gridCode;
    features[9].attributes[2].second = QString();
    QList<qint64> fids;
    QVERIFY(writeLayer(path("broken.gpkg"), "GPKG", 4490, features, {}, &fids).isEmpty());

    r = run({ QStringLiteral("--db"), db, path("broken.gpkg") });
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(QStringLiteral("Features %1 and %2 have the same grid code %3").arg(fids[1]).arg(fids[4]).arg(other[1].gridCode)),
        qPrintable(r.err));
    QVERIFY2(r.err.contains(QStringLiteral("Feature %1 (grid %2) has no street").arg(fids[9]).arg(other[9].gridCode)), qPrintable(r.err));
    QVERIFY(r.err.contains(QStringLiteral("nothing was written")));
    const QList<GridCell> grids = gridsIn(db);
    QCOMPARE(grids.size(), 24);
    for (const GridCell& g : grids)
        QVERIFY(g.code.startsWith(QStringLiteral("440106")));
}

void TestImportCommand::failedImportIntoNewDatabase()
{
    QList<FeatureSpec> features = featuresFor(m_cells, chineseFields());
    features[3].wkt = QStringLiteral("LINESTRING (113.3 23.12, 113.31 23.13)");
    QList<qint64> fids;
    QVERIFY(writeLayer(path("line.gpkg"), "GPKG", 4490, features, {}, &fids).isEmpty());
    const QString db = path("fresh.sqlite");
    const Run r = run({ QStringLiteral("--db"), db, path("line.gpkg") });
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(QStringLiteral("Feature %1 (grid %2) is a LINESTRING").arg(fids[3]).arg(m_cells[3].gridCode)),
        qPrintable(r.err));
    QVERIFY(!QFile::exists(db) || gridsIn(db).isEmpty());
}

void TestImportCommand::badDatabasePath()
{
    const QString db = path("no/such/folder/x.sqlite");
    const Run r = run({ QStringLiteral("--db"), db, path("good.gpkg") });
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(QStringLiteral("x.sqlite")), qPrintable(r.err));
    QVERIFY(!QFile::exists(db));
}

void TestImportCommand::missingSource()
{
    const Run r = run({ QStringLiteral("--db"), path("missing.sqlite"), path("nowhere.shp") });
    QCOMPARE(r.exitCode, 1);
    QVERIFY(r.err.contains(QStringLiteral("File not found")));
    QVERIFY(r.err.contains(QStringLiteral("nowhere.shp")));
    QVERIFY(!QFile::exists(path("missing.sqlite")));
}

void TestImportCommand::shapefileNeedsAssumedSrs()
{
    QVERIFY(writeLayer(path("gk.shp"), "ESRI Shapefile", 4547, featuresFor(m_cells, chineseFields()),
                { QStringLiteral("ENCODING=CP936") })
                .isEmpty());
    QVERIFY(QFile::remove(path("gk.prj")));
    const QString db = path("gk.sqlite");
    Run r = run({ QStringLiteral("--db"), db, path("gk.shp") });
    QCOMPARE(r.exitCode, 1);
    QVERIFY(r.err.contains(QStringLiteral("--assume-srs")));
    QVERIFY(!QFile::exists(db));

    r = run({ QStringLiteral("--db"), db, QStringLiteral("--assume-srs"), QStringLiteral("EPSG:4547"), path("gk.shp") });
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const QList<GridCell> grids = gridsIn(db);
    QCOMPARE(grids.size(), 24);
    for (const GridCell& g : grids)
        for (const CellSpec& c : m_cells)
            if (c.gridCode == g.code) {
                const GeoBox box = g.boundary.bounds();
                QVERIFY(std::abs(box.west - c.ring[0].lon) < 1e-6);
                QVERIFY(std::abs(box.north - c.ring[3].lat) < 1e-6);
            }
}

void TestImportCommand::longProblemListIsCapped()
{
    QList<CellSpec> many;
    for (int i = 0; i < 70; ++i) {
        CellSpec c = m_cells[i % m_cells.size()];
        c.gridCode = c.communityCode + QStringLiteral("%1").arg(i + 100);
        many.append(c);
    }
    QList<FeatureSpec> features = featuresFor(many, chineseFields());
    for (FeatureSpec& f : features)
        f.wkt = QStringLiteral("POINT (113.31 23.12)");
    QVERIFY(writeLayer(path("points.gpkg"), "GPKG", 4490, features).isEmpty());
    const Run r = run({ QStringLiteral("--db"), path("points.sqlite"), path("points.gpkg") });
    QCOMPARE(r.exitCode, 1);
    QCOMPARE(r.err.count(QStringLiteral("error: ")), 50);
    QVERIFY2(r.err.contains(QStringLiteral("and 20 more")), qPrintable(r.err));
    QVERIFY(r.err.contains(QStringLiteral("70 problem(s)")));
}

void TestImportCommand::dryRunWritesNothing()
{
    const QString db = path("dry.sqlite");
    const Run r = run({ QStringLiteral("--dry-run"), QStringLiteral("--db"), db, path("good.gpkg") });
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY(r.out.contains(QStringLiteral("24 grids")));
    QVERIFY(!QFile::exists(db));
}

void TestImportCommand::derivedCodesWithExplicitFields()
{
    const FieldNames local { QStringLiteral("编号"), QStringLiteral("标题"), QStringLiteral("镇"), {},
        QStringLiteral("村"), {} };
    QVERIFY(writeLayer(path("local.geojson"), "GeoJSON", 4326, featuresFor(m_cells, local, true)).isEmpty());
    const QString db = path("local.sqlite");
    Run r = run({ QStringLiteral("--db"), db, path("local.geojson") });
    QCOMPARE(r.exitCode, 1);
    QVERIFY(r.err.contains(QStringLiteral("--grid-field")));

    r = run({ QStringLiteral("--db"), db, QStringLiteral("--grid-field"), QStringLiteral("编号"), QStringLiteral("--name-field"),
        QStringLiteral("标题"), QStringLiteral("--street-field"), QStringLiteral("镇"), QStringLiteral("--community-field"),
        QStringLiteral("村"), QStringLiteral("--district-code"), QStringLiteral("440106"), path("local.geojson") });
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY(r.err.contains(QStringLiteral("derived")));
    const QList<GridCell> grids = gridsIn(db);
    QCOMPARE(grids.size(), 24);
    const QRegularExpression cjt(QStringLiteral("^440106\\d{9}$"));
    for (const GridCell& g : grids) {
        QVERIFY2(cjt.match(g.code).hasMatch(), qPrintable(g.code));
        QVERIFY(g.name.contains(QStringLiteral("网格")));
    }
}

void TestImportCommand::codesOnlyKeepStoredNames()
{
    // A layer like the demo GeoPackage's: codes and parent codes, no street or community names.
    const QString db = path("names.sqlite");
    Run r = run({ QStringLiteral("--db"), db, path("good.gpkg") });
    QCOMPARE(r.exitCode, 0);
    const FieldNames codesOnly { QStringLiteral("code"), QStringLiteral("name"), {}, QStringLiteral("street_code"), {},
        QStringLiteral("parent_code") };
    QList<CellSpec> renamed = m_cells;
    for (CellSpec& c : renamed)
        c.gridName += QStringLiteral("（新）");
    QVERIFY(writeLayer(path("codes.gpkg"), "GPKG", 4490, featuresFor(renamed, codesOnly)).isEmpty());
    r = run({ QStringLiteral("--db"), db, QStringLiteral("--street-code-field"), QStringLiteral("street_code"),
        QStringLiteral("--community-code-field"), QStringLiteral("parent_code"), path("codes.gpkg") });
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    StoreStatus status;
    std::unique_ptr<Store> store = Store::open(db, &status);
    QVERIFY(store);
    for (const Street& s : store->streets())
        QVERIFY2(s.name.endsWith(QStringLiteral("街道")), qPrintable(s.name));
    for (const Community& c : store->communities())
        QVERIFY2(c.name.endsWith(QStringLiteral("社区")), qPrintable(c.name));
    for (const GridCell& g : store->grids())
        QVERIFY2(g.name.endsWith(QStringLiteral("（新）")), qPrintable(g.name));
}

QTEST_GUILESS_MAIN(TestImportCommand)
#include "tst_importcommand.moc"
