// gridhall-server demo-data end to end: the real program writes a database the Store reads
// back (areas, people, cases, events, metadata), refuses to overwrite without --force,
// rejects bad options with exit code 2, and writes the GeoPackage; writeDemoData in process
// matches what the generator produced.

#include "app/server/demodata.h"
#include "maps/gisexport.h"
#include "models/domain/casemachine.h"
#include "models/domain/taxonomy.h"
#include "models/store/store.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

using namespace gridhall;

namespace {

struct RunResult {
    int exitCode = -1;
    QString out, err;
};

RunResult runServer(const QStringList& args)
{
    QProcess p;
    p.setProgram(QStringLiteral(GRIDHALL_BINARY_DIR "/app/gridhall-server"));
    p.setArguments(QStringList { QStringLiteral("demo-data") } + args);
    p.start();
    RunResult r;
    if (!p.waitForFinished(120000)) {
        p.kill();
        p.waitForFinished();
        r.err = QStringLiteral("timed out");
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

QByteArray fileBytes(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestDemoData : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void writesADatabaseTheStoreReads();
    void sameSeedSameDatabase();
    void refusesToOverwrite();
    void badOptions_data();
    void badOptions();
    void helpListsOptions();
    void writeDemoDataInProcess();

private:
    QTemporaryDir m_dir;
    QString m_db, m_gpkg;
    RunResult m_first;
    const QStringList m_common { QStringLiteral("--seed"), QStringLiteral("5"), QStringLiteral("--end"),
        QStringLiteral("2026-11-20"), QStringLiteral("--cases-per-day"), QStringLiteral("40") };
};

void TestDemoData::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY2(QFile::exists(QStringLiteral(GRIDHALL_BINARY_DIR "/app/gridhall-server")), "build gridhall-server first");
    m_db = m_dir.filePath(QStringLiteral("demo.sqlite"));
    m_gpkg = m_dir.filePath(QStringLiteral("demo.gpkg"));
    m_first = runServer(m_common + QStringList { QStringLiteral("--db"), m_db, QStringLiteral("--gpkg"), m_gpkg });
    QVERIFY2(m_first.exitCode == 0, qPrintable(m_first.err + m_first.out));
}

void TestDemoData::writesADatabaseTheStoreReads()
{
    QVERIFY2(m_first.out.contains(QStringLiteral("Done")), qPrintable(m_first.out));
    QVERIFY(!QFile::exists(m_db + QStringLiteral(".partial")));
    StoreStatus status;
    std::unique_ptr<Store> store = Store::open(m_db, &status);
    QVERIFY2(store, qPrintable(status.message));
    const StoreCounts counts = store->counts();
    QCOMPARE(counts.districts, 1);
    QCOMPARE(counts.streets, kDemoStreetCount);
    QCOMPARE(counts.communities, kDemoCommunityCount);
    QVERIFY(counts.grids >= 2300);
    QVERIFY(counts.workers > counts.grids);
    QCOMPARE(counts.departments, int(builtInDepartments().size()));
    QVERIFY(counts.basemapFeatures > 50);
    // 56 days × about 40 cases, several events each.
    QVERIFY2(counts.cases > 56 * 40 * 0.85 && counts.cases < 56 * 40 * 1.15, qPrintable(QString::number(counts.cases)));
    QVERIFY(counts.events > 4 * counts.cases);
    QVERIFY(counts.casesByState.value(CaseState::Closed) > counts.cases / 2);

    // The generator made the same district the program stored.
    const DemoDistrict expected = generateDemoDistrict(5);
    const QList<GridCell> grids = store->grids();
    QCOMPARE(grids.size(), expected.grids.size());
    QHash<QString, GridCell> byCode;
    for (const GridCell& g : grids)
        byCode.insert(g.code, g);
    for (const GridCell& g : expected.grids) {
        QVERIFY2(byCode.contains(g.code), qPrintable(g.code));
        QCOMPARE(byCode.value(g.code).name, g.name);
        QCOMPARE(byCode.value(g.code).boundary, g.boundary);
    }
    QCOMPARE(store->districts().value(0).boundary, expected.district.boundary);

    // Metadata for the app: taxonomy and SLA load, seed and end recorded.
    QString error;
    const auto taxonomy = Taxonomy::fromJson(store->meta(QStringLiteral("taxonomy")), &error);
    QVERIFY2(taxonomy, qPrintable(error));
    QCOMPARE(taxonomy->itemCount(), Taxonomy::builtIn().itemCount());
    QVERIFY2(SlaPolicy::fromJson(store->meta(QStringLiteral("sla")), &error), qPrintable(error));
    QCOMPARE(store->meta(QStringLiteral("demo.seed")), QByteArray("5"));
    QCOMPARE(store->meta(QStringLiteral("demo.end")), QByteArray("2026-11-20"));

    // Stored cases replay: the last case's events lead to its stored state.
    qint64 lastId = 0;
    QVERIFY(store->forEachCase([&](const Case& c) { lastId = std::max(lastId, c.id); }));
    QCOMPARE(lastId, counts.cases);
    int checked = 0;
    for (qint64 id = 1; id <= lastId; id += lastId / 50) {
        const std::optional<Case> c = store->caseById(id);
        QVERIFY(c);
        const QList<CaseEvent> events = store->eventsFor(id);
        QCOMPARE(qint64(events.size()), c->version);
        QCOMPARE(events.last().toState, c->state);
        QCOMPARE(events.first().at, c->reportedAt);
        ++checked;
    }
    QVERIFY(checked >= 50);

    // The GeoPackage is there with every layer.
    GDALAllRegister();
    GDALDataset* ds = GDALDataset::Open(QFile::encodeName(m_gpkg).constData(), GDAL_OF_VECTOR | GDAL_OF_READONLY);
    QVERIFY(ds);
    QCOMPARE(ds->GetLayerByName(gislayer::kGrids)->GetFeatureCount(), GIntBig(expected.grids.size()));
    QCOMPARE(ds->GetLayerByName(gislayer::kStreets)->GetFeatureCount(), GIntBig(kDemoStreetCount));
    QVERIFY(ds->GetLayerByName(gislayer::kBasemapLines)->GetFeatureCount() > 50);
    GDALClose(ds);
}

void TestDemoData::sameSeedSameDatabase()
{
    // Same seed and end: the same cases; another seed: different ones.
    const QString again = m_dir.filePath(QStringLiteral("again.sqlite"));
    const QString other = m_dir.filePath(QStringLiteral("other.sqlite"));
    QCOMPARE(runServer(m_common + QStringList { QStringLiteral("--db"), again }).exitCode, 0);
    QStringList otherArgs = m_common;
    otherArgs[1] = QStringLiteral("6");
    QCOMPARE(runServer(otherArgs + QStringList { QStringLiteral("--db"), other }).exitCode, 0);
    auto digest = [](const QString& path) {
        StoreStatus status;
        std::unique_ptr<Store> store = Store::open(path, &status);
        QByteArray all;
        if (!store)
            return all;
        store->forEachCase([&](const Case& c) {
            all += c.code.toUtf8() + c.categoryCode.toUtf8() + caseStateKey(c.state).toUtf8()
                + QByteArray::number(c.location.lon, 'g', 17) + QByteArray::number(c.updatedAt.toMSecsSinceEpoch());
        });
        return all;
    };
    const QByteArray first = digest(m_db);
    QVERIFY(!first.isEmpty());
    QCOMPARE(digest(again), first);
    QVERIFY(digest(other) != first);
}

void TestDemoData::refusesToOverwrite()
{
    const QByteArray before = fileBytes(m_db);
    QVERIFY(!before.isEmpty());
    const RunResult refused = runServer(QStringList { QStringLiteral("--db"), m_db, QStringLiteral("--cases-per-day"),
        QStringLiteral("1"), QStringLiteral("--seed"), QStringLiteral("9") });
    QCOMPARE(refused.exitCode, 1);
    QVERIFY2(refused.err.contains(QStringLiteral("--force")), qPrintable(refused.err));
    QCOMPARE(fileBytes(m_db), before);

    // The same with a GeoPackage that is not one of ours; one of ours is regenerated freely.
    const QString foreign = m_dir.filePath(QStringLiteral("foreign.gpkg"));
    {
        QFile f(foreign);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("precious");
    }
    const QString fresh = m_dir.filePath(QStringLiteral("fresh.sqlite"));
    const RunResult foreignRefused = runServer(QStringList { QStringLiteral("--db"), fresh, QStringLiteral("--gpkg"),
        foreign, QStringLiteral("--cases-per-day"), QStringLiteral("1") });
    QCOMPARE(foreignRefused.exitCode, 1);
    QVERIFY2(foreignRefused.err.contains(QStringLiteral("foreign.gpkg")), qPrintable(foreignRefused.err));
    QCOMPARE(fileBytes(foreign), QByteArray("precious"));
    QVERIFY(!QFile::exists(fresh));
    QVERIFY(isGridHallGeoPackage(m_gpkg));
    QVERIFY(!isGridHallGeoPackage(foreign));
    const RunResult regenerated = runServer(QStringList { QStringLiteral("--db"), fresh, QStringLiteral("--gpkg"),
        m_gpkg, QStringLiteral("--cases-per-day"), QStringLiteral("1"), QStringLiteral("--end"), QStringLiteral("2026-02-01") });
    QVERIFY2(regenerated.exitCode == 0, qPrintable(regenerated.err));
    QVERIFY(isGridHallGeoPackage(m_gpkg));

    // --force replaces it.
    const RunResult forced = runServer(QStringList { QStringLiteral("--db"), m_db, QStringLiteral("--cases-per-day"),
        QStringLiteral("2"), QStringLiteral("--seed"), QStringLiteral("9"), QStringLiteral("--end"),
        QStringLiteral("2026-01-31"), QStringLiteral("--force") });
    QVERIFY2(forced.exitCode == 0, qPrintable(forced.err));
    StoreStatus status;
    std::unique_ptr<Store> store = Store::open(m_db, &status);
    QVERIFY2(store, qPrintable(status.message));
    QCOMPARE(store->meta(QStringLiteral("demo.seed")), QByteArray("9"));
    QVERIFY(store->counts().cases < 56 * 4);
    store.reset();

    // An existing file that is not a database, with --force but a failing write, stays.
    const QString blocked = m_dir.filePath(QStringLiteral("dir.sqlite"));
    QVERIFY(QDir(m_dir.path()).mkdir(QStringLiteral("dir.sqlite")));
    const RunResult folder = runServer(QStringList { QStringLiteral("--db"), blocked, QStringLiteral("--force") });
    QCOMPARE(folder.exitCode, 1);
    QVERIFY2(folder.err.contains(QStringLiteral("folder")), qPrintable(folder.err));
}

void TestDemoData::badOptions_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("mentions");
    const QString db = QStringLiteral("unused.sqlite");
    QTest::addRow("no db") << QStringList {} << QStringLiteral("--db");
    QTest::addRow("bad seed") << QStringList { QStringLiteral("--db"), db, QStringLiteral("--seed"), QStringLiteral("x1") } << QStringLiteral("--seed");
    QTest::addRow("negative seed") << QStringList { QStringLiteral("--db"), db, QStringLiteral("--seed"), QStringLiteral("-3") } << QStringLiteral("--seed");
    QTest::addRow("bad date") << QStringList { QStringLiteral("--db"), db, QStringLiteral("--end"), QStringLiteral("2026-13-01") } << QStringLiteral("--end");
    QTest::addRow("bad count") << QStringList { QStringLiteral("--db"), db, QStringLiteral("--cases-per-day"), QStringLiteral("many") } << QStringLiteral("--cases-per-day");
    QTest::addRow("too many") << QStringList { QStringLiteral("--db"), db, QStringLiteral("--cases-per-day"), QStringLiteral("1000000") } << QStringLiteral("--cases-per-day");
    QTest::addRow("unknown option") << QStringList { QStringLiteral("--db"), db, QStringLiteral("--colour") } << QStringLiteral("colour");
    QTest::addRow("stray argument") << QStringList { QStringLiteral("--db"), db, QStringLiteral("extra") } << QStringLiteral("extra");
}

void TestDemoData::badOptions()
{
    QFETCH(QStringList, args);
    QFETCH(QString, mentions);
    const RunResult r = runServer(args);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(mentions), qPrintable(r.err));
    QVERIFY(!QFile::exists(QStringLiteral("unused.sqlite")));
}

void TestDemoData::helpListsOptions()
{
    const RunResult r = runServer({ QStringLiteral("--help") });
    QCOMPARE(r.exitCode, 0);
    for (const char* option : { "--db", "--seed", "--end", "--cases-per-day", "--gpkg", "--force" })
        QVERIFY2(r.out.contains(QLatin1String(option)), option);
}

void TestDemoData::writeDemoDataInProcess()
{
    const DemoDistrict district = generateDemoDistrict(3);
    DemoCaseOptions options;
    options.seed = 3;
    options.end = QDate(2026, 6, 30);
    options.casesPerDay = 20;
    options.days = 14;
    QList<DemoCase> generated;
    QVERIFY(generateDemoCases(district, options, [&](const DemoCase& c) {
        generated.append(c);
        return true;
    }));
    StoreStatus status;
    std::unique_ptr<Store> store = Store::open(m_dir.filePath(QStringLiteral("inprocess.sqlite")), &status);
    QVERIFY2(store, qPrintable(status.message));
    DemoWriteReport report;
    QString error;
    int lastProgress = -1;
    QVERIFY2(writeDemoData(*store, district, options, &report, &error, [&](int done, int total) {
        QVERIFY(done >= lastProgress && done <= total);
        lastProgress = done;
    }),
        qPrintable(error));
    QCOMPARE(lastProgress, options.days);
    QCOMPARE(report.cases.cases, qint64(generated.size()));
    const StoreCounts counts = store->counts();
    QCOMPARE(counts.cases, qint64(generated.size()));
    qint64 events = 0;
    for (const DemoCase& c : std::as_const(generated))
        events += c.events.size();
    QCOMPARE(counts.events, events);
    // A stored case equals the generated one, field by field, and so do its events.
    const DemoCase& sample = generated.at(generated.size() / 2);
    const std::optional<Case> stored = store->caseById(sample.current.id);
    QVERIFY(stored);
    QCOMPARE(stored->code, sample.current.code);
    QCOMPARE(stored->state, sample.current.state);
    QCOMPARE(stored->holder, sample.current.holder);
    QCOMPARE(stored->stepDeadline, sample.current.stepDeadline);
    QCOMPARE(stored->location, sample.current.location);
    const QList<CaseEvent> storedEvents = store->eventsFor(sample.current.id);
    QCOMPARE(storedEvents.size(), sample.events.size());
    for (qsizetype k = 0; k < storedEvents.size(); ++k) {
        QCOMPARE(storedEvents[k].action, sample.events[k].action);
        QCOMPARE(storedEvents[k].at, sample.events[k].at);
        QCOMPARE(storedEvents[k].actor, sample.events[k].actor);
        QCOMPARE(storedEvents[k].note, sample.events[k].note);
    }
    // A second write of the same history into the same store fails cleanly: nothing changes.
    const qint64 before = store->counts().cases;
    DemoCaseOptions broken = options;
    broken.end = QDate();
    QVERIFY(!writeDemoData(*store, district, broken, &report, &error));
    QVERIFY(!error.isEmpty());
    QCOMPARE(store->counts().cases, before);
}

QTEST_GUILESS_MAIN(TestDemoData)
#include "tst_demodata.moc"
