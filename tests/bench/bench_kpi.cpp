// bench kpi-week: one week of KPIs for every street over a store of 1M cases (and their
// ~8M events), through KpiQuery, against the sqlite3 CLI running a GROUP BY over the same
// file in the same run (PERF.md: ≤ 1× sqlite3).
//
// The peer computes what SQL alone can: distinct cases per street with a report, register,
// dispatch, feedback, close, rework or extension event in the week. KpiQuery computes those
// and more (on-time flags, overdue, the "should" denominators from the replayed SLA
// deadlines); the bench checks that the counts both compute agree.
//
// The store is written with one prepared statement per table inside Store::bulkLoad, then
// gets an index on case_events(at, case_id) — the index KpiQuery asks schema v2 for
// (both sides may use it). Cases are numbered in report order, as in a real store.
//
// Options: --cases N (default 1000000), --rounds N (default 3; best round of each side),
// --keep DIR (write the store there and keep it), --without-index (measure with the
// schema's indexes only), --verbose.

#include "models/store/kpiquery.h"
#include "models/store/store.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <sqlite3.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <vector>

using namespace gridhall;

namespace {

class Random {
public:
    explicit Random(quint64 seed)
        : m_state(seed)
    {
    }
    quint64 next()
    {
        quint64 z = (m_state += 0x9e3779b97f4a7c15ull);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
        return z ^ (z >> 31);
    }
    int below(int n) { return int(next() % quint64(n)); }
    int between(int lo, int hi) { return lo + below(hi - lo + 1); }

private:
    quint64 m_state;
};

constexpr qint64 kMinute = 60'000;
constexpr qint64 kDay = 86'400'000;
constexpr qint64 kStart = 1746057600000; // 2025-05-01 00:00 UTC
constexpr int kDays = 560; // ~650k cases a year → 1M cases

class Sql {
public:
    Sql(sqlite3* db, const char* sql)
    {
        if (sqlite3_prepare_v2(db, sql, -1, &m_stmt, nullptr) != SQLITE_OK)
            std::fprintf(stderr, "bench kpi-week: %s\n", sqlite3_errmsg(db));
    }
    ~Sql() { sqlite3_finalize(m_stmt); }
    sqlite3_stmt* get() const { return m_stmt; }

private:
    sqlite3_stmt* m_stmt = nullptr;
};

void text(sqlite3_stmt* s, int i, const QByteArray& v)
{
    sqlite3_bind_text(s, i, v.constData(), int(v.size()), SQLITE_STATIC);
}

// Writes `count` cases with realistic event sequences through the closed loop.
bool generate(Store& store, int count)
{
    sqlite3* db = store.handle();
    const QList<QByteArray> departments { "CG", "SW", "JT", "LH", "HB", "GA", "ZJ", "SC" };
    for (const QByteArray& d : departments)
        if (!store.putDepartment(Department { QString::fromLatin1(d), QString::fromLatin1(d), QString::fromLatin1(d) }))
            return false;
    QList<QByteArray> streets, grids, workers;
    for (int s = 1; s <= 21; ++s)
        streets.append(QByteArray("440106") + QByteArray::number(s).rightJustified(3, '0'));
    for (int g = 0; g < 2500; ++g)
        grids.append(streets[g % 21] + QByteArray::number(g / 21 % 10 + 1).rightJustified(3, '0')
            + QByteArray::number(g / 210 + 1).rightJustified(3, '0'));
    for (int w = 1; w <= 3600; ++w)
        workers.append(QByteArray("GW-") + QByteArray::number(w).rightJustified(5, '0'));
    const QList<QByteArray> categories { "0101", "0102", "0203", "0301", "0402", "0507", "0604", "0801" };
    const QByteArray desc("流动摊贩占道经营，请尽快处理");
    const QByteArray address("天河路100号");
    const QByteArray empty;
    const QByteArray note("ok");

    return store.bulkLoad([&] {
        Sql insertCase(db, "INSERT INTO cases (id, code, category_code, description, address, lon, lat, "
                           "grid_code, community_code, street_code, state, level, dispute_level, source, reporter, "
                           "holder_kind, holder, reported_at, step_started_at, step_deadline, closed_at, rework_count, "
                           "extension_count, extension_pending, extension_minutes_requested, parked_from, version, "
                           "updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, 'none', "
                           "'field_worker', ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, 0, 0, 'registered', ?22, ?23)");
        Sql insertEvent(db, "INSERT INTO case_events (case_id, at, actor, role, action, from_state, to_state, "
                            "target, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
        if (!insertCase.get() || !insertEvent.get())
            return false;
        Random random(20261122);
        const qint64 end = kStart + kDays * kDay;
        struct Ev {
            qint64 at;
            const char* action;
            const char* from;
            const char* to;
            QByteArray target;
            const char* role;
        };
        std::vector<Ev> events;
        // Cases are numbered in the order they were reported, as the server numbers them.
        std::vector<qint64> reportTimes(static_cast<size_t>(count));
        for (qint64& r : reportTimes)
            r = kStart + qint64(random.next() % quint64(kDays * kDay));
        std::sort(reportTimes.begin(), reportTimes.end());
        for (int i = 1; i <= count; ++i) {
            events.clear();
            const qint64 reported = reportTimes[size_t(i - 1)];
            const QByteArray& grid = grids[random.below(int(grids.size()))];
            const QByteArray& worker = workers[random.below(int(workers.size()))];
            const QByteArray& category = categories[random.below(int(categories.size()))];
            const char* level = "community";
            QByteArray holder;
            const char* holderKind = "none";
            int reworks = 0, extensions = 0;
            qint64 t = reported;
            const int kind = random.below(100);
            if (kind < 5) {
                events.push_back({ t, "self_handle", "closed", "closed", {}, "field_worker" });
            } else {
                events.push_back({ t, "report", "reported", "reported", {}, "field_worker" });
                // Most steps finish within the 1011 limits; about one in 30 overruns.
                auto next = [&](int lo, int hi) {
                    t += qint64(random.between(lo, hi)) * kMinute;
                    if (random.below(30) == 0)
                        t += qint64(random.between(1, 2 * hi)) * kMinute;
                    return t;
                };
                if (kind < 10) {
                    events.push_back({ next(5, 40), "void", "reported", "voided", {}, "operator" });
                } else {
                    events.push_back({ next(1, 29), "register", "reported", "registered", {}, "operator" });
                    if (random.below(100) < 3) {
                        events.push_back({ next(1, 10), "escalate", "registered", "registered", "street", "operator" });
                        level = "street";
                        holderKind = "level";
                    }
                    const bool toDepartment = random.below(2) == 0;
                    holder = toDepartment ? departments[random.below(int(departments.size()))] : worker;
                    holderKind = toDepartment ? "department" : "worker";
                    events.push_back({ next(1, 14), "dispatch", "registered", "dispatched", holder, "operator" });
                    events.push_back({ next(1, 9), "accept", "dispatched", "handling", {}, "field_worker" });
                    if (random.below(100) < 5) {
                        events.push_back({ next(5, 30), "request_extension", "handling", "handling", "120", "handler" });
                        events.push_back({ next(5, 30), "approve_extension", "handling", "handling", {}, "supervisor" });
                        extensions = 1;
                    }
                    events.push_back({ next(10, 59), "feedback", "handling", "fed_back", {}, "field_worker" });
                    if (random.below(100) < 12) {
                        events.push_back({ next(30, 119), "verify_fail", "fed_back", "handling", {}, "supervisor" });
                        events.push_back({ next(10, 59), "feedback", "handling", "fed_back", {}, "field_worker" });
                        reworks = 1;
                    }
                    events.push_back({ next(10, 119), "verify_pass", "fed_back", "verified", {}, "supervisor" });
                    events.push_back({ next(10, 239), "close", "verified", "closed", {}, "shift_leader" });
                }
            }
            // The data ends now: later events have not happened yet.
            while (events.size() > 1 && events.back().at >= end)
                events.pop_back();
            const Ev& last = events.back();
            if (std::strcmp(last.to, "registered") == 0 || std::strcmp(last.to, "reported") == 0) {
                holder.clear();
                holderKind = std::strcmp(last.action, "escalate") == 0 ? "level" : "none";
            }
            const bool closed = std::strcmp(last.to, "closed") == 0 || std::strcmp(last.to, "voided") == 0;
            sqlite3_stmt* c = insertCase.get();
            sqlite3_bind_int64(c, 1, i);
            const QByteArray code = "440106-" + QByteArray::number(i);
            text(c, 2, code);
            text(c, 3, category);
            text(c, 4, desc);
            text(c, 5, address);
            sqlite3_bind_double(c, 6, 113.3 + double(random.below(1000)) / 10000.0);
            sqlite3_bind_double(c, 7, 23.1 + double(random.below(1000)) / 10000.0);
            text(c, 8, grid);
            const QByteArray community = grid.left(12);
            const QByteArray street = grid.left(9);
            text(c, 9, community);
            text(c, 10, street);
            sqlite3_bind_text(c, 11, last.to, -1, SQLITE_STATIC);
            sqlite3_bind_text(c, 12, level, -1, SQLITE_STATIC);
            text(c, 13, worker);
            sqlite3_bind_text(c, 14, holderKind, -1, SQLITE_STATIC);
            text(c, 15, holder);
            sqlite3_bind_int64(c, 16, reported);
            sqlite3_bind_int64(c, 17, last.at);
            if (closed)
                sqlite3_bind_null(c, 18);
            else
                sqlite3_bind_int64(c, 18, last.at + 60 * kMinute);
            if (closed)
                sqlite3_bind_int64(c, 19, last.at);
            else
                sqlite3_bind_null(c, 19);
            sqlite3_bind_int(c, 20, reworks);
            sqlite3_bind_int(c, 21, extensions);
            sqlite3_bind_int64(c, 22, qint64(events.size()));
            sqlite3_bind_int64(c, 23, last.at);
            if (sqlite3_step(c) != SQLITE_DONE) {
                std::fprintf(stderr, "bench kpi-week: %s\n", sqlite3_errmsg(db));
                return false;
            }
            sqlite3_reset(c);
            sqlite3_stmt* e = insertEvent.get();
            for (const Ev& ev : events) {
                sqlite3_bind_int64(e, 1, i);
                sqlite3_bind_int64(e, 2, ev.at);
                text(e, 3, std::strcmp(ev.role, "field_worker") == 0 ? worker : QByteArray("op01"));
                sqlite3_bind_text(e, 4, ev.role, -1, SQLITE_STATIC);
                sqlite3_bind_text(e, 5, ev.action, -1, SQLITE_STATIC);
                sqlite3_bind_text(e, 6, ev.from, -1, SQLITE_STATIC);
                sqlite3_bind_text(e, 7, ev.to, -1, SQLITE_STATIC);
                text(e, 8, ev.target);
                text(e, 9, std::strcmp(ev.action, "request_extension") == 0 || std::strcmp(ev.action, "void") == 0
                        || std::strcmp(ev.action, "escalate") == 0 || std::strcmp(ev.action, "verify_fail") == 0
                        ? note
                        : empty);
                if (sqlite3_step(e) != SQLITE_DONE) {
                    std::fprintf(stderr, "bench kpi-week: %s\n", sqlite3_errmsg(db));
                    return false;
                }
                sqlite3_reset(e);
            }
        }
        return true;
    });
}

// The peer's query: per street, distinct cases per kind of event in the week.
QByteArray peerSql(qint64 from, qint64 to)
{
    return QByteArray(
               "SELECT c.street_code,"
               " COUNT(DISTINCT CASE WHEN e.action IN ('report','self_handle') THEN e.case_id END),"
               " COUNT(DISTINCT CASE WHEN e.action IN ('register','self_handle') THEN e.case_id END),"
               " COUNT(DISTINCT CASE WHEN e.action = 'dispatch' THEN e.case_id END),"
               " COUNT(DISTINCT CASE WHEN e.action IN ('feedback','self_handle') THEN e.case_id END),"
               " COUNT(DISTINCT CASE WHEN e.action IN ('close','self_handle') THEN e.case_id END),"
               " COUNT(DISTINCT CASE WHEN e.action = 'verify_fail' THEN e.case_id END),"
               " COUNT(DISTINCT CASE WHEN e.action = 'approve_extension' THEN e.case_id END)"
               " FROM case_events e JOIN cases c ON c.id = e.case_id"
               " WHERE e.at >= ")
        + QByteArray::number(from) + " AND e.at < " + QByteArray::number(to)
        + " GROUP BY c.street_code ORDER BY c.street_code;";
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    int count = 1'000'000;
    int rounds = 3;
    bool verbose = false;
    bool withIndex = true;
    QString keep;
    const QStringList args = app.arguments();
    for (int i = 1; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--cases") && i + 1 < args.size())
            count = args[++i].toInt();
        else if (args[i] == QLatin1String("--rounds") && i + 1 < args.size())
            rounds = std::max(1, args[++i].toInt());
        else if (args[i] == QLatin1String("--keep") && i + 1 < args.size())
            keep = args[++i];
        else if (args[i] == QLatin1String("--verbose"))
            verbose = true;
        else if (args[i] == QLatin1String("--without-index"))
            withIndex = false;
        else {
            std::fprintf(stderr, "usage: bench_kpi [--cases N] [--rounds N] [--keep DIR] [--without-index] [--verbose]\n");
            return 2;
        }
    }
    if (count < 1000) {
        std::fprintf(stderr, "bench kpi-week: --cases must be at least 1000\n");
        return 2;
    }

    QTemporaryDir tmp;
    const QString dir = keep.isEmpty() ? tmp.path() : keep;
    if ((keep.isEmpty() && !tmp.isValid()) || !QDir().mkpath(dir)) {
        std::fprintf(stderr, "bench kpi-week: no folder to write the store in\n");
        return 1;
    }
    const QString path = QDir(dir).filePath(QStringLiteral("kpi-bench.sqlite"));
    QFile::remove(path);
    StoreStatus status;
    std::unique_ptr<Store> store = Store::open(path, &status);
    if (!store) {
        std::fprintf(stderr, "bench kpi-week: %s\n", qPrintable(status.message));
        return 1;
    }
    QElapsedTimer timer;
    timer.start();
    if (!generate(*store, count)) {
        std::fprintf(stderr, "bench kpi-week: generating the store failed: %s\n", qPrintable(store->lastError()));
        return 1;
    }
    if (sqlite3_exec(store->handle(),
            withIndex ? "CREATE INDEX IF NOT EXISTS case_events_at ON case_events(at, case_id); ANALYZE;"
                      : "DROP INDEX IF EXISTS case_events_at; ANALYZE;",
            nullptr, nullptr, nullptr)
        != SQLITE_OK) {
        std::fprintf(stderr, "bench kpi-week: %s\n", sqlite3_errmsg(store->handle()));
        return 1;
    }
    if (verbose)
        std::fprintf(stderr, "  generated %d cases, %lld events in %.1f s\n", count,
            qlonglong(store->counts().events), double(timer.nsecsElapsed()) / 1e9);

    // The last full week (Monday to Monday, UTC) before the data ends.
    const QDate endDay = QDateTime::fromMSecsSinceEpoch(kStart + kDays * kDay, Qt::UTC).date();
    const QDate monday = endDay.addDays(1 - endDay.dayOfWeek()).addDays(-7);
    const QDateTime from(monday, QTime(0, 0), Qt::UTC);
    const QDateTime to = from.addDays(7);

    KpiQuery query(*store);
    QHash<QString, KpiCounts> ours;
    qint64 bestOurs = -1;
    for (int r = 0; r < rounds + 1; ++r) { // the first round warms the page cache
        QElapsedTimer t;
        t.start();
        QString error;
        const auto result = query.counts(KpiGrouping::Street, from, to, &error);
        const qint64 ns = t.nsecsElapsed();
        if (!result) {
            std::fprintf(stderr, "bench kpi-week: %s\n", qPrintable(error));
            return 1;
        }
        // Rates and grades are part of the job, and cost next to nothing.
        const QHash<QString, KpiScore> scores = kpiScoreUnits(*result);
        if (scores.size() != result->size())
            return 1;
        ours = *result;
        if (r > 0 && (bestOurs < 0 || ns < bestOurs))
            bestOurs = ns;
        if (verbose)
            std::fprintf(stderr, "  ours round %d: %.1f ms, %lld streets\n", r, double(ns) / 1e6,
                qlonglong(result->size()));
    }

    const QString cli = QStandardPaths::findExecutable(QStringLiteral("sqlite3"));
    if (cli.isEmpty()) {
        std::printf("bench kpi-week: %.0f ms; comparison skipped: the sqlite3 CLI is missing "
                    "(Debian package sqlite3)\n", double(bestOurs) / 1e6);
        return 0;
    }
    store.reset(); // the CLI reads the file alone, as the app would not be writing either
    const QByteArray sql = peerSql(from.toMSecsSinceEpoch(), to.toMSecsSinceEpoch());
    QByteArray output;
    qint64 bestTheirs = -1;
    for (int r = 0; r < rounds + 1; ++r) {
        QProcess process;
        QElapsedTimer t;
        t.start();
        process.start(cli, { QStringLiteral("-batch"), QStringLiteral("-readonly"), path, QString::fromLatin1(sql) });
        const bool finished = process.waitForFinished(600'000);
        const qint64 ns = t.nsecsElapsed();
        if (!finished || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
            std::fprintf(stderr, "bench kpi-week: sqlite3 failed: %s\n", process.readAllStandardError().constData());
            return 1;
        }
        output = process.readAllStandardOutput();
        if (r > 0 && (bestTheirs < 0 || ns < bestTheirs))
            bestTheirs = ns;
        if (verbose)
            std::fprintf(stderr, "  sqlite3 round %d: %.1f ms\n", r, double(ns) / 1e6);
    }

    // Both must agree on what both count.
    int mismatches = 0;
    int streets = 0;
    for (const QByteArray& line : output.split('\n')) {
        const QList<QByteArray> f = line.trimmed().split('|');
        if (f.size() != 8)
            continue;
        ++streets;
        const KpiCounts c = ours.value(QString::fromLatin1(f[0]));
        const qint64 mine[7] = { c.reported, c.registered, c.dispatched, c.handled, c.closed, c.reworked, c.extended };
        for (int k = 0; k < 7; ++k) {
            if (f[k + 1].toLongLong() != mine[k]) {
                ++mismatches;
                if (verbose)
                    std::fprintf(stderr, "  street %s count %d: ours %lld, sqlite3 %s\n", f[0].constData(), k,
                        qlonglong(mine[k]), f[k + 1].constData());
            }
        }
    }
    if (streets == 0 || mismatches > 0) {
        std::printf("bench kpi-week: counts disagree with sqlite3 (%d streets, %d differences)\n", streets, mismatches);
        return 1;
    }
    if (verbose) {
        const KpiCounts s = ours.value(QStringLiteral("440106001"));
        const KpiValues v = KpiValues::from(s);
        std::fprintf(stderr, "  street 440106001: reported %lld, closed %lld, overdue %lld, closure rate %s, "
                             "on-time handling %s\n",
            qlonglong(s.reported), qlonglong(s.closed), qlonglong(s.overdue), qPrintable(kpiFormatRate(v.closureRate)),
            qPrintable(kpiFormatRate(v.onTimeHandlingRate)));
    }
    const double ratio = double(bestOurs) / double(bestTheirs);
    std::printf("bench kpi-week: %.0f ms vs sqlite3 GROUP BY %.0f ms = %.2f (goal <= 1) %s%s\n",
        double(bestOurs) / 1e6, double(bestTheirs) / 1e6, ratio, ratio <= 1.0 ? "ok" : "short",
        withIndex ? "" : " [without case_events(at, case_id)]");
    return 0;
}
