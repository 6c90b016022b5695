// The local store on real SQLite files: round trips, the version rule, migrations,
// damaged and foreign files, bulk loads, the outbox and counts.

#include "models/store/schema.h"
#include "models/store/store.h"
#include "tests/store/storetestdata.h"

#include <QFile>
#include <QFileInfo>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>
#include <sqlite3.h>

using namespace gridhall;
using namespace storetest;

class TestStore : public QObject {
    Q_OBJECT
private slots:
    void init();
    void everyEntityRoundTripsThroughReopen();
    void areasReplaceByCode();
    void olderOrEqualVersionNeverOverwrites();
    void freshFileGetsCurrentSchema();
    void openCaseIndexCountsWhatTheDomainCalls();
    void migratesVersionZeroFiles_data();
    void migratesVersionZeroFiles();
    void versionTwoFileGetsOneStateIndex();
    void extraMigrationRunsOnceAndFailsAtomically();
    void upgradesVersionOneFiles();
    void tooNewFileIsRefused();
    void damagedFileIsReported();
    void foreignFilesCannotOpen_data();
    void foreignFilesCannotOpen();
    void bulkLoadOfManyCases();
    void bulkLoadRollsBackOnFailure_data();
    void bulkLoadRollsBackOnFailure();
    void outboxKeepsOrderAndKeys();
    void countsPerTableAndState();
    void metaValues();
    void photosRoundTripAndNeverChange();
    void versionThreeFileGetsPhotoTables();
    void photoCacheKeepsTheRecentlyUsedWithinBudget();
    void photoCacheBudgetInBytes();

private:
    QString file(const QString& name) const { return m_dir->filePath(name); }
    std::unique_ptr<Store> openOk(const QString& path);
    std::unique_ptr<QTemporaryDir> m_dir;
};

// Runs SQL on a file with a plain connection, as another program would.
static int rawExec(const QString& path, const char* sql)
{
    sqlite3* db = nullptr;
    int rc = sqlite3_open(path.toUtf8().constData(), &db);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(db, sql, nullptr, nullptr, nullptr);
    sqlite3_close(db);
    return rc;
}

static qint64 rawCount(sqlite3* db, const char* sql)
{
    sqlite3_stmt* stmt = nullptr;
    qint64 n = -1;
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW)
        n = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    return n;
}

static QByteArray rawText(sqlite3* db, const char* sql)
{
    sqlite3_stmt* stmt = nullptr;
    QByteArray text;
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW)
        text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    sqlite3_finalize(stmt);
    return text;
}

void TestStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

std::unique_ptr<Store> TestStore::openOk(const QString& path)
{
    StoreStatus status;
    auto store = Store::open(path, &status);
    if (!store)
        qWarning() << status.message;
    return store;
}

void TestStore::everyEntityRoundTripsThroughReopen()
{
    const QString path = file(QStringLiteral("replica.sqlite"));
    const District district { QStringLiteral("440106"), QStringLiteral("天河区"), awkwardShape(113.3, 23.1) };
    const Street street { QStringLiteral("440106001"), QStringLiteral("五山街道"), district.code, square(113.3, 23.1, 0.05) };
    const Community community { QStringLiteral("440106001002"), QStringLiteral("华工社区"), street.code,
        square(113.31, 23.11, 0.02) };
    const GridCell grid { QStringLiteral("440106001002015"), QStringLiteral("华工第15网格"), community.code, street.code,
        awkwardShape(113.312, 23.112), { 113.3155, 23.1149 } };
    Worker worker;
    worker.id = 7001;
    worker.code = QStringLiteral("GW-0015");
    worker.name = QStringLiteral("李晓明");
    worker.kind = WorkerKind::JointEnforcement;
    worker.homeGridCode = grid.code;
    worker.streetCode = street.code;
    worker.team = QStringLiteral("联勤二队");
    worker.phone = QStringLiteral("13800138000");
    const Department department { QStringLiteral("CG"), QStringLiteral("城管"), QStringLiteral("Urban management") };
    BasemapFeature road;
    road.id = 11;
    road.kind = BasemapKind::MajorRoad;
    road.name = QStringLiteral("天河路");
    road.line = { { 113.30, 23.13 }, { 113.32, 23.131 }, { 113.34, 23.1325 } };
    BasemapFeature lake;
    lake.id = 12;
    lake.kind = BasemapKind::Water;
    lake.name = QStringLiteral("麓湖");
    lake.area = awkwardShape(113.28, 23.15);

    Case open = makeCase(42, CaseState::Handling, 5);
    Case closed = makeCase(43, CaseState::Closed, 9);
    closed.closedAt = utc(kMonday + 86400000);
    closed.description = QString(); // an empty text reads back empty, not as garbage
    CaseEvent reported { 0, 42, utc(kMonday + 1000), QStringLiteral("GW-0015"), Role::FieldWorker, CaseAction::Report,
        CaseState::Reported, CaseState::Reported, QString(), QStringLiteral("现场拍照") };
    CaseEvent dispatched { 9001, 42, utc(kMonday + 2000), QStringLiteral("op.zhang"), Role::Operator,
        CaseAction::Dispatch, CaseState::Registered, CaseState::Dispatched, QStringLiteral("CG"), QString() };

    {
        auto store = openOk(path);
        QVERIFY(store);
        QVERIFY(store->putDistrict(district));
        QVERIFY(store->putStreet(street));
        QVERIFY(store->putCommunity(community));
        QVERIFY(store->putGrid(grid));
        QVERIFY(store->putWorker(worker));
        QVERIFY(store->putDepartment(department));
        QVERIFY(store->putBasemapFeature(road));
        QVERIFY(store->putBasemapFeature(lake));
        bool written = false;
        QVERIFY(store->putCase(open, &written));
        QVERIFY(written);
        QVERIFY(store->putCase(closed));
        QVERIFY(store->appendEvent(dispatched));
        QVERIFY(store->appendEvent(reported));
        QVERIFY(store->appendEvent(dispatched)); // the same event again is dropped
    }

    auto store = openOk(path);
    QVERIFY(store);
    QCOMPARE(store->schemaVersion(), Store::kSchemaVersion);

    const auto districts = store->districts();
    QCOMPARE(districts.size(), 1);
    QCOMPARE(districts[0].code, district.code);
    QCOMPARE(districts[0].name, district.name);
    QCOMPARE(districts[0].boundary, district.boundary);
    const auto streets = store->streets();
    QCOMPARE(streets.size(), 1);
    QCOMPARE(streets[0].name, street.name);
    QCOMPARE(streets[0].districtCode, street.districtCode);
    QCOMPARE(streets[0].boundary, street.boundary);
    const auto communities = store->communities();
    QCOMPARE(communities.size(), 1);
    QCOMPARE(communities[0].streetCode, community.streetCode);
    QCOMPARE(communities[0].boundary, community.boundary);
    const auto grids = store->grids();
    QCOMPARE(grids.size(), 1);
    QCOMPARE(grids[0].code, grid.code);
    QCOMPARE(grids[0].name, grid.name);
    QCOMPARE(grids[0].communityCode, grid.communityCode);
    QCOMPARE(grids[0].streetCode, grid.streetCode);
    QCOMPARE(grids[0].boundary, grid.boundary);
    QCOMPARE(grids[0].centroid, grid.centroid);

    const auto workers = store->workers();
    QCOMPARE(workers.size(), 1);
    QCOMPARE(workers[0].id, worker.id);
    QCOMPARE(workers[0].code, worker.code);
    QCOMPARE(workers[0].name, worker.name);
    QCOMPARE(workers[0].kind, worker.kind);
    QCOMPARE(workers[0].homeGridCode, worker.homeGridCode);
    QCOMPARE(workers[0].streetCode, worker.streetCode);
    QCOMPARE(workers[0].team, worker.team);
    QCOMPARE(workers[0].phone, worker.phone);
    const auto departments = store->departments();
    QCOMPARE(departments.size(), 1);
    QCOMPARE(departments[0].nameZh, department.nameZh);
    QCOMPARE(departments[0].nameEn, department.nameEn);

    const auto basemap = store->basemap();
    QCOMPARE(basemap.size(), 2);
    QCOMPARE(basemap[0].id, road.id);
    QCOMPARE(basemap[0].kind, road.kind);
    QCOMPARE(basemap[0].name, road.name);
    QCOMPARE(basemap[0].line, road.line);
    QVERIFY(basemap[0].area.isEmpty());
    QCOMPARE(basemap[1].kind, lake.kind);
    QCOMPARE(basemap[1].area, lake.area);
    QVERIFY(basemap[1].line.isEmpty());

    const auto readOpen = store->caseById(42);
    QVERIFY(readOpen);
    compareCases(*readOpen, open);
    if (QTest::currentTestFailed())
        return;
    const auto readClosed = store->caseById(43);
    QVERIFY(readClosed);
    compareCases(*readClosed, closed);
    if (QTest::currentTestFailed())
        return;
    QVERIFY(!store->caseById(44));

    const auto events = store->eventsFor(42);
    QCOMPARE(events.size(), 2); // ordered by time, the duplicate dropped
    QVERIFY(events[0].id > 0);
    QCOMPARE(events[0].actor, reported.actor);
    QCOMPARE(events[0].role, reported.role);
    QCOMPARE(events[0].action, reported.action);
    QCOMPARE(events[0].note, reported.note);
    QCOMPARE(events[0].at, reported.at);
    QCOMPARE(events[1].id, dispatched.id);
    QCOMPARE(events[1].fromState, dispatched.fromState);
    QCOMPARE(events[1].toState, dispatched.toState);
    QCOMPARE(events[1].target, dispatched.target);
    QVERIFY(store->eventsFor(43).isEmpty());

    QList<qint64> ids;
    QVERIFY(store->forEachCase([&](const Case& c) { ids.append(c.id); }));
    QCOMPARE(ids, (QList<qint64> { 42, 43 }));
}

void TestStore::areasReplaceByCode()
{
    auto store = openOk(file(QStringLiteral("areas.sqlite")));
    QVERIFY(store);
    QVERIFY(store->putDistrict({ QStringLiteral("440106"), QStringLiteral("old"), square(1, 1, 1) }));
    QVERIFY(store->putDistrict({ QStringLiteral("440106"), QStringLiteral("天河区"), {} }));
    Worker w;
    w.code = QStringLiteral("GW-1");
    w.name = QStringLiteral("A");
    QVERIFY(store->putWorker(w));
    w.name = QStringLiteral("B");
    w.kind = WorkerKind::Handler;
    QVERIFY(store->putWorker(w));
    const auto districts = store->districts();
    QCOMPARE(districts.size(), 1);
    QCOMPARE(districts[0].name, QStringLiteral("天河区"));
    QVERIFY(districts[0].boundary.isEmpty());
    const auto workers = store->workers();
    QCOMPARE(workers.size(), 1);
    QCOMPARE(workers[0].name, QStringLiteral("B"));
    QCOMPARE(workers[0].kind, WorkerKind::Handler);
}

void TestStore::olderOrEqualVersionNeverOverwrites()
{
    auto store = openOk(file(QStringLiteral("versions.sqlite")));
    QVERIFY(store);
    Case v2 = makeCase(1, CaseState::Dispatched, 2);
    bool written = false;
    QVERIFY(store->putCase(v2, &written));
    QVERIFY(written);

    Case v1 = makeCase(1, CaseState::Reported, 1);
    v1.description = QStringLiteral("stale");
    QVERIFY(store->putCase(v1, &written));
    QVERIFY(!written);
    Case sameVersion = makeCase(1, CaseState::Closed, 2);
    sameVersion.description = QStringLiteral("same version, different content");
    QVERIFY(store->putCase(sameVersion, &written));
    QVERIFY(!written);
    compareCases(*store->caseById(1), v2);
    if (QTest::currentTestFailed())
        return;

    Case v3 = makeCase(1, CaseState::Handling, 3);
    v3.holder = QStringLiteral("GW-0001");
    QVERIFY(store->putCase(v3, &written));
    QVERIFY(written);
    compareCases(*store->caseById(1), v3);
    QCOMPARE(store->counts().cases, 1);
}

void TestStore::freshFileGetsCurrentSchema()
{
    auto store = openOk(file(QStringLiteral("fresh.sqlite")));
    QVERIFY(store);
    QCOMPARE(store->schemaVersion(), Store::kSchemaVersion);
    QCOMPARE(schema::migrations().last().version, Store::kSchemaVersion);
    for (const char* table : { "meta", "districts", "streets", "communities", "grids", "workers", "departments",
             "basemap_features", "cases", "case_events", "outbox", "case_photos", "photo_cache" }) {
        const QByteArray sql = QByteArray("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '")
            + table + "'";
        QVERIFY2(rawCount(store->handle(), sql.constData()) == 1, table);
    }
    for (const schema::IndexDef& index : schema::caseIndexes()) {
        const QByteArray sql = QByteArray("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = '")
            + index.name + "'";
        QVERIFY2(rawCount(store->handle(), sql.constData()) == 1, index.name);
    }
    QCOMPARE(rawCount(store->handle(), "PRAGMA foreign_keys"), 1);
    QCOMPARE(rawCount(store->handle(), "PRAGMA synchronous"), 2); // FULL
    QCOMPARE(rawCount(store->handle(), "PRAGMA busy_timeout"), 5000);
    QCOMPARE(rawText(store->handle(), "PRAGMA journal_mode"), QByteArray("wal"));
}

void TestStore::migratesVersionZeroFiles_data()
{
    QTest::addColumn<bool>("unrelatedTable");
    QTest::newRow("empty file") << false;
    QTest::newRow("sqlite file with an unrelated table") << true;
}

void TestStore::migratesVersionZeroFiles()
{
    QFETCH(bool, unrelatedTable);
    const QString path = file(QStringLiteral("v0.sqlite"));
    if (unrelatedTable) {
        QCOMPARE(rawExec(path, "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT); "
                               "INSERT INTO notes (text) VALUES ('keep me');"),
            SQLITE_OK);
    } else {
        QFile empty(path);
        QVERIFY(empty.open(QIODevice::WriteOnly));
    }
    auto store = openOk(path);
    QVERIFY(store);
    QCOMPARE(store->schemaVersion(), Store::kSchemaVersion);
    QVERIFY(store->putCase(makeCase(1)));
    QCOMPARE(store->counts().cases, 1);
    if (unrelatedTable)
        QCOMPARE(rawCount(store->handle(), "SELECT count(*) FROM notes WHERE text = 'keep me'"), 1);
}

static CasePhoto makePhoto(qint64 id, qint64 caseId, qint64 eventId, qint64 takenMs)
{
    CasePhoto p;
    p.id = id;
    p.caseId = caseId;
    p.eventId = eventId;
    p.takenAt = utc(takenMs);
    p.mime = QStringLiteral("image/jpeg");
    p.width = 640;
    p.height = 480;
    p.bytes = 48211 + id;
    // Binary bytes, a NUL among them, as a JPEG has.
    p.thumbnail = QByteArray("\xff\xd8\xff\xe0\0JFIF", 9) + QByteArray::number(id);
    return p;
}

// A replica written by schema version 2 keeps its cases and trades its four case indexes for
// the one partial index over open cases, which queries that repeat its condition then use.
void TestStore::versionTwoFileGetsOneStateIndex()
{
    const QString path = file(QStringLiteral("v2.sqlite"));
    {
        sqlite3* db = nullptr;
        QCOMPARE(sqlite3_open(path.toUtf8().constData(), &db), SQLITE_OK);
        auto closeDb = qScopeGuard([&] { sqlite3_close(db); });
        QList<schema::Migration> upToTwo;
        for (const schema::Migration& m : schema::migrations()) {
            if (m.version <= 2)
                upToTwo.append(m);
        }
        QString error;
        QVERIFY2(schema::migrate(db, upToTwo, &error), qPrintable(error));
        QCOMPARE(schema::userVersion(db), 2);
        QCOMPARE(rawCount(db, "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'cases_grid'"), 1);
        // A case as version 2 wrote it.
        QCOMPARE(sqlite3_exec(db,
                     "INSERT INTO cases (id, code, category_code, description, address, lon, lat, grid_code, "
                     "community_code, street_code, state, level, dispute_level, source, reporter, holder_kind, "
                     "holder, rework_count, extension_count, extension_pending, extension_minutes_requested, "
                     "parked_from, version) VALUES (41, 'C-41', '01.03', '占道', '天河路1号', 113.3, 23.1, "
                     "'440106001002001', '440106001002', '440106001', 'handling', 'community', 'orange', "
                     "'hotline', '12345', 'none', '', 0, 0, 0, 0, 'registered', 5)",
                     nullptr, nullptr, nullptr),
            SQLITE_OK);
    }
    auto store = openOk(path);
    QVERIFY(store);
    QCOMPARE(store->schemaVersion(), Store::kSchemaVersion);
    const std::optional<Case> kept = store->caseById(41);
    QVERIFY(kept);
    QCOMPARE(kept->code, QStringLiteral("C-41"));
    QCOMPARE(kept->state, CaseState::Handling);
    QCOMPARE(kept->disputeLevel, DisputeLevel::Orange);
    QCOMPARE(kept->version, 5);
    for (const char* gone : { "cases_state", "cases_street_state", "cases_grid", "cases_reported_at" }) {
        const QByteArray sql = QByteArray("SELECT count(*) FROM sqlite_master WHERE name = '") + gone + "'";
        QVERIFY2(rawCount(store->handle(), sql.constData()) == 0, gone);
    }
    sqlite3_stmt* explain = nullptr;
    const QByteArray query = QByteArray("EXPLAIN QUERY PLAN SELECT id FROM cases WHERE state IN ('registered', "
                                        "'dispatched') AND street_code = '440106001' AND ")
        + schema::kOpenCaseTerm;
    QCOMPARE(sqlite3_prepare_v2(store->handle(), query.constData(), -1, &explain, nullptr), SQLITE_OK);
    QByteArray plan;
    while (sqlite3_step(explain) == SQLITE_ROW)
        plan += reinterpret_cast<const char*>(sqlite3_column_text(explain, 3)) + QByteArray("; ");
    sqlite3_finalize(explain);
    QVERIFY2(plan.contains("USING COVERING INDEX cases_open"), plan.constData());
}

void TestStore::openCaseIndexCountsWhatTheDomainCalls()
{
    // The map and the area tree count open cases through the SQL term, the overview through
    // isOnTheBooks(): one figure in the window only while the two agree for every state.
    sqlite3* db = nullptr;
    QCOMPARE(sqlite3_open(":memory:", &db), SQLITE_OK);
    for (int i = 0; i < kCaseStateCount; ++i) {
        const CaseState state = CaseState(i);
        const QByteArray sql = "SELECT count(*) FROM (SELECT '" + caseStateKey(state).toLatin1() + "' AS state) WHERE "
            + schema::kOpenCaseTerm;
        QCOMPARE(rawCount(db, sql.constData()) == 1, isOnTheBooks(state));
    }
    sqlite3_close(db);
}

void TestStore::extraMigrationRunsOnceAndFailsAtomically()
{
    const QString path = file(QStringLiteral("v2.sqlite"));
    {
        auto store = openOk(path);
        QVERIFY(store);
        QVERIFY(store->putCase(makeCase(5)));
    }
    sqlite3* db = nullptr;
    QCOMPARE(sqlite3_open(path.toUtf8().constData(), &db), SQLITE_OK);
    auto closeDb = qScopeGuard([&] { sqlite3_close(db); });

    // What adding the next version looks like: one more entry in the list.
    const int next = Store::kSchemaVersion + 1;
    QList<schema::Migration> list = schema::migrations();
    list.append({ next, "ALTER TABLE cases ADD COLUMN photo_count INTEGER NOT NULL DEFAULT 0;"
                        "CREATE TABLE photos (id INTEGER PRIMARY KEY, case_id INTEGER NOT NULL);" });
    QString error;
    QVERIFY2(schema::migrate(db, list, &error), qPrintable(error));
    QCOMPARE(schema::userVersion(db), next);
    QCOMPARE(rawCount(db, "SELECT photo_count FROM cases WHERE id = 5"), 0);
    QVERIFY2(schema::migrate(db, list, &error), qPrintable(error)); // already there: nothing to do
    QCOMPARE(schema::userVersion(db), next);

    // The version after fails half-way: its first statement must not survive.
    list.append({ next + 1, "CREATE TABLE half_done (x);"
                            "CREATE TABLE photos (x);" });
    QVERIFY(!schema::migrate(db, list, &error));
    QVERIFY(error.contains(QLatin1String("photos")));
    QCOMPARE(schema::userVersion(db), next);
    QCOMPARE(rawCount(db, "SELECT count(*) FROM sqlite_master WHERE name = 'half_done'"), 0);
    QVERIFY(sqlite3_get_autocommit(db));

    // A list out of order is a programming error, reported before anything runs.
    QList<schema::Migration> shuffled { { next + 3, "CREATE TABLE a (x);" }, { next + 2, "CREATE TABLE b (x);" } };
    QVERIFY(!schema::migrate(db, shuffled, &error));
    QCOMPARE(schema::userVersion(db), next);
    QCOMPARE(rawCount(db, "SELECT count(*) FROM sqlite_master WHERE name = 'a'"), 0);
}

void TestStore::upgradesVersionOneFiles()
{
    const QString path = file(QStringLiteral("v1.sqlite"));
    sqlite3* db = nullptr;
    QCOMPARE(sqlite3_open(path.toUtf8().constData(), &db), SQLITE_OK);
    QString error;
    QVERIFY2(schema::migrate(db, { schema::migrations().first() }, &error), qPrintable(error));
    QCOMPARE(schema::userVersion(db), 1);
    QCOMPARE(sqlite3_exec(db,
                 "INSERT INTO cases (id, code, category_code, description, address, lon, lat, grid_code,"
                 " community_code, street_code, state, level, dispute_level, source, reporter, holder_kind, holder,"
                 " rework_count, extension_count, extension_pending, extension_minutes_requested, parked_from,"
                 " version) VALUES (3, 'c3', '01.01', 'd', 'a', 113.3, 23.1, 'g', 'c', 's', 'handling', 'street',"
                 " 'none', 'hotline', 'r', 'worker', 'GW-1', 0, 0, 0, 0, 'registered', 4);"
                 "INSERT INTO case_events (id, case_id, at, actor, role, action, from_state, to_state, target, note)"
                 " VALUES (1, 3, 1000, 'a', 'operator', 'dispatch', 'registered', 'dispatched', 'GW-1', '');",
                 nullptr, nullptr, nullptr),
        SQLITE_OK);
    sqlite3_close(db);

    auto store = openOk(path);
    QVERIFY(store);
    QCOMPARE(store->schemaVersion(), Store::kSchemaVersion);
    QCOMPARE(rawCount(store->handle(), "SELECT count(*) FROM sqlite_master WHERE name = 'case_events_at'"), 1);
    const auto c = store->caseById(3);
    QVERIFY(c);
    QCOMPARE(c->state, CaseState::Handling);
    QCOMPARE(c->holderKind, HolderKind::Worker);
    QCOMPARE(c->version, 4);
    QCOMPARE(store->eventsFor(3).size(), 1);
}

void TestStore::tooNewFileIsRefused()
{
    const QString path = file(QStringLiteral("newer.sqlite"));
    {
        auto store = openOk(path);
        QVERIFY(store);
        QVERIFY(store->putCase(makeCase(8)));
    }
    const QByteArray bump = "PRAGMA user_version = " + QByteArray::number(Store::kSchemaVersion + 1);
    QCOMPARE(rawExec(path, bump.constData()), SQLITE_OK);

    StoreStatus status;
    auto store = Store::open(path, &status);
    QVERIFY(!store);
    QCOMPARE(status.error, StoreError::TooNew);
    QVERIFY2(status.message.contains(path), qPrintable(status.message));
    QVERIFY(status.message.contains(QString::number(Store::kSchemaVersion + 1)));

    // Refusing is not destroying: the newer GridHall still finds its data.
    sqlite3* db = nullptr;
    QCOMPARE(sqlite3_open(path.toUtf8().constData(), &db), SQLITE_OK);
    QCOMPARE(rawCount(db, "SELECT count(*) FROM cases"), 1);
    QCOMPARE(schema::userVersion(db), Store::kSchemaVersion + 1);
    sqlite3_close(db);
}

void TestStore::damagedFileIsReported()
{
    const QString path = file(QStringLiteral("damaged.sqlite"));
    qint64 rootPage = 0;
    qint64 pageSize = 0;
    {
        auto store = openOk(path);
        QVERIFY(store);
        QVERIFY(store->bulkLoad([&] {
            for (qint64 id = 1; id <= 3000; ++id) {
                if (!store->putCase(makeCase(id)))
                    return false;
            }
            return true;
        }));
        rootPage = rawCount(store->handle(), "SELECT rootpage FROM sqlite_master WHERE name = 'cases'");
        pageSize = rawCount(store->handle(), "PRAGMA page_size");
    } // closing checkpoints the WAL into the main file
    QVERIFY(rootPage > 1);
    QVERIFY(!QFile::exists(path + QLatin1String("-wal")) || QFileInfo(path + QLatin1String("-wal")).size() == 0);

    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadWrite));
    const qint64 sizeBefore = f.size();
    QVERIFY(sizeBefore > rootPage * pageSize);
    QByteArray garbage(int(pageSize), '\0');
    quint32 x = 2463534242u; // xorshift: repeatable noise
    for (char& byte : garbage) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        byte = char(x);
    }
    QVERIFY(f.seek((rootPage - 1) * pageSize));
    QCOMPARE(f.write(garbage), pageSize);
    f.close();

    StoreStatus status;
    auto store = Store::open(path, &status);
    QVERIFY(!store);
    QCOMPARE(status.error, StoreError::Damaged);
    QVERIFY2(status.message.contains(path), qPrintable(status.message));
    QVERIFY2(status.message.contains(QLatin1String("resync")), qPrintable(status.message));
    QCOMPARE(QFileInfo(path).size(), sizeBefore); // the damaged file is left for inspection

    // A workstation's start: the file opens at once and is checked on another connection.
    StoreStatus later;
    QVERIFY(Store::open(path, &later, Store::Check::Later));
    QVERIFY(later.ok());
    const StoreStatus checked = Store::checkFile(path);
    QCOMPARE(checked.error, StoreError::Damaged);
    QVERIFY2(checked.message.contains(path), qPrintable(checked.message));
    QCOMPARE(QFileInfo(path).size(), sizeBefore);
    const QString healthy = file(QStringLiteral("healthy.sqlite"));
    QVERIFY(openOk(healthy));
    QVERIFY(Store::checkFile(healthy).ok());
}

void TestStore::foreignFilesCannotOpen_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<bool>("inMissingFolder");
    QByteArray text = "This is a shopping list, not a database.\n";
    QTest::newRow("text file") << text.repeated(200) << false;
    QByteArray header("SQLite format 3\0", 16);
    QTest::newRow("header then junk") << header + QByteArray(8192, '\x7f') << false;
    QTest::newRow("missing folder") << QByteArray() << true;
}

void TestStore::foreignFilesCannotOpen()
{
    QFETCH(QByteArray, content);
    QFETCH(bool, inMissingFolder);
    const QString path = inMissingFolder ? file(QStringLiteral("no/such/folder/replica.sqlite"))
                                         : file(QStringLiteral("foreign.sqlite"));
    if (!inMissingFolder) {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
    }
    StoreStatus status;
    auto store = Store::open(path, &status);
    QVERIFY(!store);
    QVERIFY(!status.ok());
    QCOMPARE(status.error, StoreError::CannotOpen);
    QVERIFY2(status.message.contains(path), qPrintable(status.message));
    if (!inMissingFolder) {
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), content); // nothing of the user's file was touched
    }
}

void TestStore::bulkLoadOfManyCases()
{
    auto store = openOk(file(QStringLiteral("bulk.sqlite")));
    QVERIFY(store);
    constexpr qint64 kCases = 100000;
    QVERIFY2(store->bulkLoad([&] {
        for (qint64 id = 1; id <= kCases; ++id) {
            if (!store->putCase(makeCase(id, CaseState(id % kCaseStateCount))))
                return false;
            if (id % 10 == 0 && !store->appendEvent({ 0, id, utc(kMonday + id), QStringLiteral("sys"), Role::System,
                                    CaseAction::Register, CaseState::Reported, CaseState::Registered, {}, {} }))
                return false;
        }
        return true;
    }),
        qPrintable(store->lastError()));
    const StoreCounts counts = store->counts();
    QCOMPARE(counts.cases, kCases);
    QCOMPARE(counts.events, kCases / 10);
    QCOMPARE(counts.casesByState.value(CaseState::Closed), kCases / kCaseStateCount);
    for (const schema::IndexDef& index : schema::caseIndexes()) {
        const QByteArray sql = QByteArray("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = '")
            + index.name + "'";
        QVERIFY2(rawCount(store->handle(), sql.constData()) == 1, index.name);
    }
    QCOMPARE(rawCount(store->handle(), "PRAGMA synchronous"), 2);
    // The rebuilt index answers the way the queues will ask.
    QCOMPARE(rawCount(store->handle(), "SELECT count(*) FROM cases WHERE street_code = '440106001' AND state = 'closed'"),
        kCases / kCaseStateCount);
    QCOMPARE(rawText(store->handle(), "PRAGMA integrity_check"), QByteArray("ok"));
    compareCases(*store->caseById(77777), makeCase(77777, CaseState(77777 % kCaseStateCount)));
}

void TestStore::bulkLoadRollsBackOnFailure_data()
{
    QTest::addColumn<QString>("how");
    QTest::newRow("caller returns false") << QStringLiteral("cancel");
    QTest::newRow("a write failed but the caller carried on") << QStringLiteral("ignored-error");
    QTest::newRow("event of an unknown case (checked at commit)") << QStringLiteral("foreign-key");
    QTest::newRow("inside an open transaction") << QStringLiteral("nested");
}

void TestStore::bulkLoadRollsBackOnFailure()
{
    QFETCH(QString, how);
    auto store = openOk(file(QStringLiteral("rollback.sqlite")));
    QVERIFY(store);
    QVERIFY(store->putCase(makeCase(1)));
    const qint64 indexesBefore = rawCount(store->handle(), "SELECT count(*) FROM sqlite_master WHERE type = 'index'");

    if (how == QLatin1String("nested"))
        QVERIFY(store->begin());
    const bool loaded = store->bulkLoad([&] {
        for (qint64 id = 2; id <= 100001; ++id) {
            if (!store->putCase(makeCase(id)))
                return false;
        }
        if (how == QLatin1String("ignored-error"))
            store->setOutboxStatus(424242, OutboxEntry::Status::Applied, {}); // no such entry
        if (how == QLatin1String("foreign-key"))
            store->appendEvent({ 0, 999999999, utc(kMonday), QStringLiteral("sys"), Role::System, CaseAction::Register,
                CaseState::Reported, CaseState::Registered, {}, {} });
        return how != QLatin1String("cancel");
    });
    QVERIFY(!loaded);
    QVERIFY(!store->lastError().isEmpty());
    if (how == QLatin1String("nested"))
        store->rollback();

    QVERIFY(sqlite3_get_autocommit(store->handle()));
    const StoreCounts counts = store->counts();
    QCOMPARE(counts.cases, 1);
    QCOMPARE(counts.events, 0);
    QCOMPARE(rawCount(store->handle(), "SELECT count(*) FROM sqlite_master WHERE type = 'index'"), indexesBefore);
    QCOMPARE(rawCount(store->handle(), "PRAGMA synchronous"), 2);
    // The store stays usable.
    QVERIFY(store->putCase(makeCase(2)));
    QCOMPARE(store->counts().cases, 2);
}

void TestStore::outboxKeepsOrderAndKeys()
{
    const QString path = file(QStringLiteral("outbox.sqlite"));
    auto entry = [](const char* key, qint64 caseId, CaseAction action) {
        OutboxEntry e;
        e.idempotencyKey = QString::fromLatin1(key);
        e.caseId = caseId;
        e.seenVersion = caseId * 10;
        e.action = caseActionKey(action);
        e.payload = QByteArray(R"({"target":"CG","note":"请尽快处理"})");
        e.queuedAt = utc(kMonday + caseId);
        return e;
    };
    qint64 first = 0, second = 0, third = 0;
    {
        auto store = openOk(path);
        QVERIFY(store);
        first = store->enqueue(entry("client-a:1", 100, CaseAction::Dispatch)).value_or(-1);
        second = store->enqueue(entry("client-a:2", 101, CaseAction::Close)).value_or(-1);
        third = store->enqueue(entry("client-a:3", 102, CaseAction::Park)).value_or(-1);
        QVERIFY(first > 0);
        QVERIFY(second > first);
        QVERIFY(third > second);

        // A retry with the same key is the same action: same number, no second row.
        auto retry = entry("client-a:2", 555, CaseAction::Void);
        QCOMPARE(store->enqueue(retry).value_or(-1), second);
        QCOMPARE(rawCount(store->handle(), "SELECT count(*) FROM outbox"), 3);
        QCOMPARE(store->pendingOutbox().at(1).caseId, 101);

        OutboxEntry keyless = entry("", 1, CaseAction::Close);
        QVERIFY(!store->enqueue(keyless));
        QVERIFY(!store->setOutboxStatus(987654, OutboxEntry::Status::Applied, {}));

        QVERIFY(store->setOutboxStatus(first, OutboxEntry::Status::Sent, {}));
        QVERIFY(store->setOutboxStatus(second, OutboxEntry::Status::Applied, QStringLiteral("ok v12")));
    }

    auto store = openOk(path);
    QVERIFY(store);
    const auto pending = store->pendingOutbox();
    QCOMPARE(pending.size(), 2);
    QCOMPARE(pending[0].clientSeq, first);
    QCOMPARE(pending[0].status, OutboxEntry::Status::Sent);
    QCOMPARE(pending[0].idempotencyKey, QStringLiteral("client-a:1"));
    QCOMPARE(pending[0].caseId, 100);
    QCOMPARE(pending[0].seenVersion, 1000);
    QCOMPARE(pending[0].action, caseActionKey(CaseAction::Dispatch));
    QCOMPARE(pending[0].payload, entry("x", 0, CaseAction::Report).payload);
    QCOMPARE(pending[0].queuedAt, utc(kMonday + 100));
    QCOMPARE(pending[1].clientSeq, third);
    QCOMPARE(pending[1].status, OutboxEntry::Status::Queued);

    // Numbers keep rising after a reopen, even past settled entries.
    const qint64 fourth = store->enqueue(entry("client-a:4", 103, CaseAction::Register)).value_or(-1);
    QVERIFY(fourth > third);
    QVERIFY(store->setOutboxStatus(third, OutboxEntry::Status::Conflict, QStringLiteral("changed by op.li")));
    const auto after = store->pendingOutbox();
    QCOMPARE(after.size(), 2);
    QCOMPARE(after[0].clientSeq, first);
    QCOMPARE(after[1].clientSeq, fourth);
    QCOMPARE(rawCount(store->handle(), "SELECT count(*) FROM outbox WHERE status = 'conflict'"), 1);
}

void TestStore::countsPerTableAndState()
{
    auto store = openOk(file(QStringLiteral("counts.sqlite")));
    QVERIFY(store);
    StoreCounts empty = store->counts();
    QCOMPARE(empty.cases, 0);
    QVERIFY(empty.casesByState.isEmpty());

    QVERIFY(store->begin());
    QVERIFY(store->putDistrict({ QStringLiteral("440106"), QStringLiteral("天河区"), {} }));
    for (int i = 1; i <= 3; ++i)
        QVERIFY(store->putStreet({ QStringLiteral("44010600%1").arg(i), QStringLiteral("S%1").arg(i),
            QStringLiteral("440106"), {} }));
    for (int i = 1; i <= 4; ++i)
        QVERIFY(store->putCommunity({ QStringLiteral("440106001%1").arg(i, 3, 10, QLatin1Char('0')),
            QStringLiteral("C"), QStringLiteral("440106001"), {} }));
    for (int i = 1; i <= 5; ++i)
        QVERIFY(store->putGrid({ QStringLiteral("440106001001%1").arg(i, 3, 10, QLatin1Char('0')), QStringLiteral("G"),
            QStringLiteral("440106001001"), QStringLiteral("440106001"), {}, {} }));
    for (int i = 1; i <= 6; ++i) {
        Worker w;
        w.code = QStringLiteral("W%1").arg(i);
        QVERIFY(store->putWorker(w));
    }
    QVERIFY(store->putDepartment({ QStringLiteral("CG"), QStringLiteral("城管"), QStringLiteral("Urban") }));
    QVERIFY(store->putDepartment({ QStringLiteral("SW"), QStringLiteral("水务"), QStringLiteral("Water") }));
    BasemapFeature f;
    f.id = 1;
    f.line = { { 1, 1 }, { 2, 2 } };
    QVERIFY(store->putBasemapFeature(f));
    const QList<CaseState> states { CaseState::Reported, CaseState::Reported, CaseState::Handling, CaseState::Closed,
        CaseState::Closed, CaseState::Closed, CaseState::Parked };
    for (int i = 0; i < states.size(); ++i)
        QVERIFY(store->putCase(makeCase(i + 1, states[i])));
    QVERIFY(store->appendEvent({ 0, 1, utc(kMonday), QStringLiteral("a"), Role::Operator, CaseAction::Register,
        CaseState::Reported, CaseState::Registered, {}, {} }));
    QVERIFY(store->commit());

    const StoreCounts counts = store->counts();
    QCOMPARE(counts.districts, 1);
    QCOMPARE(counts.streets, 3);
    QCOMPARE(counts.communities, 4);
    QCOMPARE(counts.grids, 5);
    QCOMPARE(counts.workers, 6);
    QCOMPARE(counts.departments, 2);
    QCOMPARE(counts.basemapFeatures, 1);
    QCOMPARE(counts.cases, 7);
    QCOMPARE(counts.events, 1);
    QCOMPARE(counts.casesByState.size(), 4);
    QCOMPARE(counts.casesByState.value(CaseState::Reported), 2);
    QCOMPARE(counts.casesByState.value(CaseState::Handling), 1);
    QCOMPARE(counts.casesByState.value(CaseState::Closed), 3);
    QCOMPARE(counts.casesByState.value(CaseState::Parked), 1);
    QCOMPARE(counts.casesByState.value(CaseState::Voided), 0);
}

void TestStore::metaValues()
{
    const QString path = file(QStringLiteral("meta.sqlite"));
    {
        auto store = openOk(path);
        QVERIFY(store);
        QVERIFY(store->meta(QStringLiteral("cursor")).isNull());
        QVERIFY(store->setMeta(QStringLiteral("cursor"), "41"));
        QVERIFY(store->setMeta(QStringLiteral("cursor"), "42"));
        QVERIFY(store->setMeta(QStringLiteral("epoch"), QByteArray()));
        QVERIFY(store->setMeta(QStringLiteral("taxonomy"), QByteArray("{\"\xe5\xb8\x82\xe5\xae\xb9\":1}\0tail", 18)));
    }
    auto store = openOk(path);
    QVERIFY(store);
    QCOMPARE(store->meta(QStringLiteral("cursor")), QByteArray("42"));
    QVERIFY(!store->meta(QStringLiteral("epoch")).isNull());
    QVERIFY(store->meta(QStringLiteral("epoch")).isEmpty());
    QCOMPARE(store->meta(QStringLiteral("taxonomy")), QByteArray("{\"\xe5\xb8\x82\xe5\xae\xb9\":1}\0tail", 18));
}

void TestStore::photosRoundTripAndNeverChange()
{
    const QString path = file(QStringLiteral("photos.sqlite"));
    const CasePhoto late = makePhoto(12, 7, 301, kMonday + 120000);
    const CasePhoto early = makePhoto(11, 7, 300, kMonday + 60000);
    CasePhoto noEvent = makePhoto(13, 8, 0, kMonday);
    noEvent.mime = QStringLiteral("image/png");
    noEvent.takenAt = QDateTime();
    {
        auto store = openOk(path);
        QVERIFY(store);
        qint64 id = 0;
        QVERIFY(store->putPhoto(late, &id));
        QCOMPARE(id, 12);
        QVERIFY(store->putPhoto(early));
        QVERIFY(store->putPhoto(noEvent));
        // A repeated id (a duplicate batch) leaves the stored photo as it was.
        CasePhoto changed = late;
        changed.thumbnail = "other";
        changed.caseId = 8;
        QVERIFY(store->putPhoto(changed, &id));
        QCOMPARE(id, 12);
        // Id 0: the next id is assigned, as the server's storage needs.
        CasePhoto fresh = makePhoto(0, 9, 302, kMonday);
        QVERIFY(store->putPhoto(fresh, &id));
        QCOMPARE(id, 14);
    }
    auto store = openOk(path);
    QVERIFY(store);
    const QList<CasePhoto> photos = store->photosFor(7);
    QCOMPARE(photos.size(), 2);
    QCOMPARE(photos[0].id, 11); // oldest first
    QCOMPARE(photos[1].id, 12);
    const CasePhoto& p = photos[1];
    QCOMPARE(p.caseId, late.caseId);
    QCOMPARE(p.eventId, late.eventId);
    QCOMPARE(p.takenAt, late.takenAt);
    QCOMPARE(p.mime, late.mime);
    QCOMPARE(p.width, 640);
    QCOMPARE(p.height, 480);
    QCOMPARE(p.bytes, late.bytes);
    QCOMPARE(p.thumbnail, late.thumbnail);
    const std::optional<CasePhoto> other = store->photoById(13);
    QVERIFY(other);
    QCOMPARE(other->eventId, 0);
    QVERIFY(!other->takenAt.isValid());
    QCOMPARE(other->mime, QStringLiteral("image/png"));
    QVERIFY(!store->photoById(99));
    QVERIFY(store->photosFor(99).isEmpty());
    QCOMPARE(store->photosFor(9).size(), 1);
}

// A version 3 replica keeps its cases and gains the photo tables, empty.
void TestStore::versionThreeFileGetsPhotoTables()
{
    const QString path = file(QStringLiteral("v3.sqlite"));
    {
        sqlite3* db = nullptr;
        QCOMPARE(sqlite3_open(path.toUtf8().constData(), &db), SQLITE_OK);
        auto closeDb = qScopeGuard([&] { sqlite3_close(db); });
        QList<schema::Migration> upToThree;
        for (const schema::Migration& m : schema::migrations()) {
            if (m.version <= 3)
                upToThree.append(m);
        }
        QString error;
        QVERIFY2(schema::migrate(db, upToThree, &error), qPrintable(error));
        QCOMPARE(schema::userVersion(db), 3);
        QCOMPARE(rawCount(db, "SELECT count(*) FROM sqlite_master WHERE name = 'case_photos'"), 0);
    }
    QCOMPARE(rawExec(path,
                 "INSERT INTO cases (id, code, category_code, description, address, lon, lat, grid_code,"
                 " community_code, street_code, state, level, dispute_level, source, reporter, holder_kind, holder,"
                 " rework_count, extension_count, extension_pending, extension_minutes_requested, parked_from,"
                 " version) VALUES (3, 'c3', '01.01', 'd', 'a', 113.3, 23.1, 'g', 'c', 's', 'fed_back', 'street',"
                 " 'none', 'hotline', 'r', 'worker', 'GW-1', 0, 0, 0, 0, 'registered', 4)"),
        SQLITE_OK);
    auto store = openOk(path);
    QVERIFY(store);
    QCOMPARE(store->schemaVersion(), Store::kSchemaVersion);
    QCOMPARE(store->caseById(3)->state, CaseState::FedBack);
    QVERIFY(store->photosFor(3).isEmpty());
    QVERIFY(store->putPhoto(makePhoto(1, 3, 0, kMonday)));
    QCOMPARE(store->photosFor(3).size(), 1);
    QCOMPARE(rawCount(store->handle(), "SELECT count(*) FROM sqlite_master WHERE name = 'case_photos_case'"), 1);
    QCOMPARE(store->photoCacheUsage().entries, 0);
}

void TestStore::photoCacheKeepsTheRecentlyUsedWithinBudget()
{
    const QString path = file(QStringLiteral("cache.sqlite"));
    auto store = openOk(path);
    QVERIFY(store);
    store->setPhotoCacheLimits(1024 * 1024, 3);
    auto bytesOf = [](int id) { return QByteArray(1000 + id, char('a' + id)); };
    for (int id = 1; id <= 3; ++id)
        QVERIFY(store->putCachedPhoto(id, QStringLiteral("image/jpeg"), bytesOf(id)));
    QCOMPARE(store->photoCacheUsage().entries, 3);
    QCOMPARE(store->photoCacheUsage().bytes, 1001 + 1002 + 1003);
    // Opening photo 1 again makes photo 2 the least recently used: the fourth put evicts it.
    const std::optional<CachedPhoto> one = store->cachedPhoto(1);
    QVERIFY(one);
    QCOMPARE(one->data, bytesOf(1));
    QCOMPARE(one->mime, QStringLiteral("image/jpeg"));
    QVERIFY(store->putCachedPhoto(4, QStringLiteral("image/png"), bytesOf(4)));
    QCOMPARE(store->photoCacheUsage().entries, 3);
    QVERIFY(!store->cachedPhoto(2));
    QVERIFY(store->cachedPhoto(1));
    QVERIFY(store->cachedPhoto(3));
    QCOMPARE(store->cachedPhoto(4)->mime, QStringLiteral("image/png"));
    // Putting the same id again replaces it, and it counts once.
    QVERIFY(store->putCachedPhoto(4, QStringLiteral("image/jpeg"), "x"));
    QCOMPARE(store->photoCacheUsage().entries, 3);
    QCOMPARE(store->cachedPhoto(4)->data, QByteArray("x"));
    // The cache survives a restart.
    store.reset();
    store = openOk(path);
    QVERIFY(store);
    QCOMPARE(store->photoCacheUsage().entries, 3);
    QVERIFY(store->clearPhotoCache());
    QCOMPARE(store->photoCacheUsage().entries, 0);
    QCOMPARE(store->photoCacheUsage().bytes, 0);
}

void TestStore::photoCacheBudgetInBytes()
{
    auto store = openOk(file(QStringLiteral("cache-bytes.sqlite")));
    QVERIFY(store);
    store->setPhotoCacheLimits(10000, 100);
    for (int id = 1; id <= 5; ++id)
        QVERIFY(store->putCachedPhoto(id, QStringLiteral("image/jpeg"), QByteArray(3000, 'p')));
    // 10,000 bytes hold three of 3,000: the two oldest went.
    QCOMPARE(store->photoCacheUsage().entries, 3);
    QCOMPARE(store->photoCacheUsage().bytes, 9000);
    QVERIFY(!store->cachedPhoto(1));
    QVERIFY(!store->cachedPhoto(2));
    QVERIFY(store->cachedPhoto(5));
    // A photo over the whole budget is not kept, and the rest stay.
    QVERIFY(store->putCachedPhoto(9, QStringLiteral("image/jpeg"), QByteArray(10001, 'q')));
    QVERIFY(!store->cachedPhoto(9));
    QCOMPARE(store->photoCacheUsage().entries, 3);
    // Inside a caller's transaction the put joins it: a rollback takes it back.
    QVERIFY(store->begin());
    QVERIFY(store->putCachedPhoto(10, QStringLiteral("image/jpeg"), "small"));
    store->rollback();
    QVERIFY(!store->cachedPhoto(10));
    QCOMPARE(store->photoCacheUsage().entries, 3);
}

QTEST_GUILESS_MAIN(TestStore)
#include "tst_store.moc"
