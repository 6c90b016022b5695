#pragma once
// The demo district: deterministic, realistic data to show and to test against.
//
// The pure part (generateDemoDistrict, generateDemoCases) produces domain values only and
// depends on nothing but the seed, the end date and the shipped taxonomy and SLA policy.
// writeDemoData puts them into a Store in one bulk transaction.

#include "models/domain/area.h"
#include "models/domain/camera.h"
#include "models/domain/casetypes.h"
#include "models/domain/people.h"

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QStringList>
#include <functional>

namespace gridhall {

class Store;

// The district's local time is China Standard Time (UTC+8, no daylight saving): the daily
// rhythm and the --end date are in it. Generated timestamps are UTC.
constexpr int kDemoUtcOffsetSeconds = 8 * 3600;
constexpr int kDemoStreetCount = 21;
constexpr int kDemoCommunityCount = 120;

// Areas, basemap and people of the demo district.
struct DemoDistrict {
    District district;
    QList<Street> streets;
    QList<Community> communities;
    QList<GridCell> grids; // in code order
    QList<BasemapFeature> basemap;
    QList<Department> departments;
    QList<Worker> workers; // grid workers (one per cell), joint-enforcement teams, handlers
    QStringList operators; // desk user names, role Operator
    QStringList shiftLeaders; // desk user names, role ShiftLeader
    // Supervisor desk user of a street: supervisorOf(streetCode).
    static QString supervisorOf(const QString& streetCode);
};

struct DemoCaseOptions {
    quint64 seed = 1;
    QDate end; // last day of the history, local date; must be valid
    QDateTime asOf; // the moment the history stops; invalid: the end of the `end` day
    int casesPerDay = 1800; // average; weekdays get more, weekends fewer
    int days = 56; // eight weeks
};

// One case as it stands at asOf, with every event that brought it there, in order.
struct DemoCase {
    Case current;
    QList<CaseEvent> events;
};

struct DemoCaseStats {
    qint64 cases = 0;
    qint64 events = 0;
    qint64 byState[kCaseStateCount] {}; // at asOf
    qint64 byDispute[4] {}; // DisputeLevel
};

// The areas, basemap and people for a seed. Same seed, same district.
DemoDistrict generateDemoDistrict(quint64 seed);

// The demo's cameras: one in every tenth grid (about 245), at the grid's centre, of every
// kind, their streams under streamBase (gridhall-cameras: streamBase/CODE and /CODE/sub).
QList<Camera> demoCameras(const DemoDistrict& district, const QString& streamBase);

// The moment the history stops for these options (UTC).
QDateTime demoAsOf(const DemoCaseOptions& options);

// Generates the case history in report order and hands each case to sink; stops early
// (returning false) when sink returns false. Case ids and event ids count up from 1.
// Every case is walked through CaseMachine with SlaPolicy::builtIn() and Taxonomy::builtIn().
bool generateDemoCases(const DemoDistrict& district, const DemoCaseOptions& options,
    const std::function<bool(const DemoCase&)>& sink, DemoCaseStats* stats = nullptr,
    QString* error = nullptr);

struct DemoWriteReport {
    DemoCaseStats cases;
    qint64 generateAndWriteMs = 0;
};

// Writes the district, people, taxonomy/SLA metadata and the case history into store in
// one bulkLoad transaction. progress (may be empty) gets the days done so far.
bool writeDemoData(Store& store, const DemoDistrict& district, const DemoCaseOptions& options,
    DemoWriteReport* report, QString* error,
    const std::function<void(int daysDone, int daysTotal)>& progress = {});

// gridhall-server demo-data --db FILE [--seed N] [--end YYYY-MM-DD] [--cases-per-day N]
// [--gpkg FILE] [--force]; returns the exit code (0 ok, 1 failed, 2 bad options).
int runDemoDataCommand(const QStringList& args);

} // namespace gridhall
