#include "models/store/schema.h"

#include <sqlite3.h>

namespace gridhall::schema {

namespace {
// Version 1. Enums are stored as the domain's stable keys, times as ms since the epoch
// (UTC), geometry as the domain's blobs. Areas carry no foreign keys between levels: a
// street-scoped replica holds its street without the district's other streets, and
// sync may deliver levels in any order.
const char* const kVersion1 = R"sql(
CREATE TABLE meta (
    key TEXT PRIMARY KEY NOT NULL,
    value BLOB
);
CREATE TABLE districts (
    code TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    boundary BLOB
);
CREATE TABLE streets (
    code TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    district_code TEXT NOT NULL,
    boundary BLOB
);
CREATE TABLE communities (
    code TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    street_code TEXT NOT NULL,
    boundary BLOB
);
CREATE TABLE grids (
    code TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    community_code TEXT NOT NULL,
    street_code TEXT NOT NULL,
    boundary BLOB,
    centroid_lon REAL NOT NULL,
    centroid_lat REAL NOT NULL
);
CREATE TABLE workers (
    code TEXT PRIMARY KEY NOT NULL,
    id INTEGER NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    home_grid_code TEXT NOT NULL,
    street_code TEXT NOT NULL,
    team TEXT NOT NULL,
    phone TEXT NOT NULL
);
CREATE TABLE departments (
    code TEXT PRIMARY KEY NOT NULL,
    name_zh TEXT NOT NULL,
    name_en TEXT NOT NULL
);
CREATE TABLE basemap_features (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    line BLOB,
    area BLOB
);
CREATE TABLE cases (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL,
    category_code TEXT NOT NULL,
    description TEXT NOT NULL,
    address TEXT NOT NULL,
    lon REAL NOT NULL,
    lat REAL NOT NULL,
    grid_code TEXT NOT NULL,
    community_code TEXT NOT NULL,
    street_code TEXT NOT NULL,
    state TEXT NOT NULL,
    level TEXT NOT NULL,
    dispute_level TEXT NOT NULL,
    source TEXT NOT NULL,
    reporter TEXT NOT NULL,
    holder_kind TEXT NOT NULL,
    holder TEXT NOT NULL,
    reported_at INTEGER,
    step_started_at INTEGER,
    step_deadline INTEGER,
    closed_at INTEGER,
    rework_count INTEGER NOT NULL,
    extension_count INTEGER NOT NULL,
    extension_pending INTEGER NOT NULL,
    extension_minutes_requested INTEGER NOT NULL,
    parked_from TEXT NOT NULL,
    version INTEGER NOT NULL,
    updated_at INTEGER
);
CREATE TABLE case_events (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    at INTEGER,
    actor TEXT NOT NULL,
    role TEXT NOT NULL,
    action TEXT NOT NULL,
    from_state TEXT NOT NULL,
    to_state TEXT NOT NULL,
    target TEXT NOT NULL,
    note TEXT NOT NULL
);
CREATE TABLE outbox (
    client_seq INTEGER PRIMARY KEY AUTOINCREMENT,
    idempotency_key TEXT NOT NULL UNIQUE,
    case_id INTEGER NOT NULL,
    seen_version INTEGER NOT NULL,
    action TEXT NOT NULL,
    payload BLOB,
    queued_at INTEGER,
    status TEXT NOT NULL,
    result TEXT NOT NULL
);
CREATE INDEX outbox_status ON outbox(status, client_seq);
CREATE INDEX cases_state ON cases(state);
CREATE INDEX cases_street_state ON cases(street_code, state);
CREATE INDEX cases_grid ON cases(grid_code);
CREATE INDEX cases_reported_at ON cases(reported_at);
CREATE INDEX case_events_case ON case_events(case_id);
)sql";
// Version 2. KPI periods select events by time first (models/store/kpiquery.h); with the
// case id in the key that part of the query reads the index alone.
const char* const kVersion2 = R"sql(
CREATE INDEX case_events_at ON case_events(at, case_id);
)sql";
// Version 3. Every query by state asks for open cases (KPI, report lists), and most of a
// replica's cases are closed. One partial index over the open ones serves those queries;
// the old state, street, grid and reported_at indexes answered nothing else and cost the
// first sync 60 % of its time to rebuild (bench store-insert). The WHERE must stay the text
// of kOpenCaseTerm: SQLite uses the index only for queries that repeat it word for word.
const char* const kVersion3 = R"sql(
DROP INDEX cases_state;
DROP INDEX cases_street_state;
DROP INDEX cases_grid;
DROP INDEX cases_reported_at;
CREATE INDEX cases_open ON cases(state, street_code) WHERE state NOT IN ('closed', 'voided');
)sql";
// Version 4. Worker tracks the hall recorded from the live position stream, for replay
// (models/store/trackstore.h). Keyed by worker and time: a replay reads one range per
// worker; pruning by age scans, which it does rarely.
const char* const kVersion4 = R"sql(
CREATE TABLE worker_fixes (
    worker_code TEXT NOT NULL,
    at INTEGER NOT NULL,
    lon REAL NOT NULL,
    lat REAL NOT NULL,
    PRIMARY KEY (worker_code, at)
) WITHOUT ROWID;
)sql";
// Version 5. Photos sent with feedback. The replica keeps each photo's facts and a small
// thumbnail (what the case detail shows); full photos stay on the server, and those opened
// here are kept in photo_cache within a budget (Store::setPhotoCacheLimits). case_photos has
// no foreign key to cases: a snapshot fills its shadow copy while the live cases table still
// holds the old replica (SyncClient), and the swap keeps the two in step. last_use orders
// the cache from least to most recently used. IF NOT EXISTS: a file whose user_version was
// set back by hand (or by a copy tool) must still open.
const char* const kVersion5 = R"sql(
CREATE TABLE IF NOT EXISTS case_photos (
    id INTEGER PRIMARY KEY,
    case_id INTEGER NOT NULL,
    event_id INTEGER,
    taken_at INTEGER,
    mime TEXT NOT NULL,
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    bytes INTEGER NOT NULL,
    thumbnail BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS case_photos_case ON case_photos(case_id);
CREATE TABLE IF NOT EXISTS photo_cache (
    photo_id INTEGER PRIMARY KEY,
    mime TEXT NOT NULL,
    data BLOB NOT NULL,
    bytes INTEGER NOT NULL,
    last_use INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS photo_cache_last_use ON photo_cache(last_use);
)sql";
// Version 6. When a workstation acknowledged a red dispute's alert, so the wall and the other
// workstations take their banners down (CaseAction::AcknowledgeAlert). NULL: not acknowledged.
const char* const kVersion6 = R"sql(
ALTER TABLE cases ADD COLUMN alert_acked_at INTEGER;
)sql";
// Version 7. The hall's cameras (models/domain/camera.h), reference data like the grids:
// replaced by code, scoped by street_code. direction NULL: not known. On a workstation the
// stream URLs are there only for roles that may view (docs/CAMERAS.md); an empty text else.
const char* const kVersion7 = R"sql(
CREATE TABLE IF NOT EXISTS cameras (
    code TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    lon REAL NOT NULL,
    lat REAL NOT NULL,
    direction REAL,
    main_url TEXT NOT NULL,
    sub_url TEXT NOT NULL,
    grid_code TEXT NOT NULL,
    street_code TEXT NOT NULL
);
)sql";
} // namespace

const QList<Migration>& migrations()
{
    static const QList<Migration> list {
        { 1, kVersion1 },
        { 2, kVersion2 },
        { 3, kVersion3 },
        { 4, kVersion4 },
        { 5, kVersion5 },
        { 6, kVersion6 },
        { 7, kVersion7 },
    };
    return list;
}

const QList<IndexDef>& caseIndexes()
{
    static const QList<IndexDef> list {
        { "cases_open",
            "CREATE INDEX cases_open ON cases(state, street_code) WHERE state NOT IN ('closed', 'voided')" },
        { "case_events_case", "CREATE INDEX case_events_case ON case_events(case_id)" },
        { "case_events_at", "CREATE INDEX case_events_at ON case_events(at, case_id)" },
    };
    return list;
}

int userVersion(sqlite3* db, int* sqliteCode)
{
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &stmt, nullptr);
    int version = -1;
    if (rc == SQLITE_OK) {
        rc = sqlite3_step(stmt);
        if (rc == SQLITE_ROW) {
            version = sqlite3_column_int(stmt, 0);
            rc = SQLITE_OK;
        }
    }
    sqlite3_finalize(stmt);
    if (sqliteCode)
        *sqliteCode = rc;
    return version;
}

bool migrate(sqlite3* db, const QList<Migration>& list, QString* error, int* sqliteCode)
{
    auto fail = [&](int rc, const QString& what) {
        if (error)
            *error = what;
        if (sqliteCode)
            *sqliteCode = rc;
        return false;
    };
    int rc = SQLITE_OK;
    int current = userVersion(db, &rc);
    if (current < 0)
        return fail(rc, QString::fromUtf8(sqlite3_errmsg(db)));
    // Check the whole list before touching the file: a misordered list runs nothing.
    int previous = 0;
    for (const Migration& m : list) {
        if (m.version <= previous)
            return fail(SQLITE_MISUSE, QStringLiteral("migration list out of order at version %1").arg(m.version));
        previous = m.version;
    }
    for (const Migration& m : list) {
        if (m.version <= current)
            continue;
        // PRAGMA user_version takes no bound parameters; the number is ours, not input.
        const QByteArray sql = QByteArray("BEGIN IMMEDIATE;\n") + m.sql
            + "\nPRAGMA user_version = " + QByteArray::number(m.version) + ";\nCOMMIT;";
        char* message = nullptr;
        rc = sqlite3_exec(db, sql.constData(), nullptr, nullptr, &message);
        if (rc != SQLITE_OK) {
            const QString text = QStringLiteral("schema version %1: %2")
                                     .arg(m.version)
                                     .arg(QString::fromUtf8(message ? message : sqlite3_errstr(rc)));
            sqlite3_free(message);
            if (!sqlite3_get_autocommit(db))
                sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
            return fail(rc, text);
        }
        current = m.version;
    }
    if (sqliteCode)
        *sqliteCode = SQLITE_OK;
    return true;
}

} // namespace gridhall::schema
