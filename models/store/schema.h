#pragma once
// The store's schema as an ordered list of migrations, tracked in PRAGMA user_version.
// Adding schema version N+1 means appending one Migration to schema::migrations() and
// raising Store::kSchemaVersion; files at any older version are brought forward on open.

#include <QList>
#include <QString>

struct sqlite3;

namespace gridhall::schema {

struct Migration {
    int version; // user_version after this step; strictly increasing along the list
    const char* sql; // one or more statements, run in the migration's transaction
};

// The open-case condition of the partial index cases_open. A query on open cases ANDs this
// text into its WHERE so that SQLite can use the index.
constexpr const char* kOpenCaseTerm = "state NOT IN ('closed', 'voided')";

// GridHall's migrations, oldest first.
const QList<Migration>& migrations();

// The secondary indexes on cases and case_events that bulkLoad drops and rebuilds.
// Migrations that change these indexes must keep this list in step.
struct IndexDef {
    const char* name;
    const char* createSql;
};
const QList<IndexDef>& caseIndexes();

// The index on case_photos, which a snapshot swap drops with the table and builds again.
constexpr const char* kCasePhotosIndexSql = "CREATE INDEX case_photos_case ON case_photos(case_id)";

int userVersion(sqlite3* db, int* sqliteCode = nullptr);

// Runs every migration whose version is above the file's user_version, each in its own
// transaction together with the new user_version, so a failure leaves the file at the
// last good version. Returns false with SQLite's message (and code) in *error.
bool migrate(sqlite3* db, const QList<Migration>& list, QString* error, int* sqliteCode = nullptr);

} // namespace gridhall::schema
