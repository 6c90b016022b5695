// bench store-insert: the first-sync write path (Store::bulkLoad + putCase of 1M cases into a
// fresh file, indexes rebuilt) against the raw SQLite C API inserting the same rows into a
// plain table (one prepared INSERT, one transaction, WAL, synchronous=NORMAL, no indexes).
// Both run in this process on the same data; the ratio is what counts (PERF.md).
//
// Options: --cases N (default 1000000), --rounds N (default 2; best round of each side),
// --verbose (a breakdown on stderr).

#include "models/store/store.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTextStream>
#include <sqlite3.h>

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

using namespace gridhall;

namespace {

// splitmix64: the same cases on every run and every machine.
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
    double unit() { return double(next() >> 11) / double(1ull << 53); }

private:
    quint64 m_state;
};

// A year of cases in one district: 12 streets, 10k grids, 20k workers, the usual
// category mix, most cases closed, Chinese descriptions and addresses.
QList<Case> generateCases(int count)
{
    static const char* const kRoads[] = { "天河路", "中山大道", "黄埔大道", "五山路", "瘦狗岭路", "石牌东路",
        "龙口西路", "体育西路", "林和西路", "华景路", "岑村路", "车陂路", "员村二横路", "科韵路", "天府路" };
    static const char* const kProblems[] = { "流动摊贩占道经营", "暴露垃圾未清运", "井盖缺失存在安全隐患",
        "共享单车乱停放", "违规张贴小广告", "绿化带枯死需补种", "路灯不亮", "施工噪音扰民", "违法搭建雨棚",
        "积水严重影响通行", "餐饮油烟扰民", "占用消防通道", "犬只无牵绳", "道路破损坑洼", "乱倒建筑垃圾" };
    static const char* const kCategories[] = { "01.01", "01.02", "01.03", "02.01", "02.04", "03.02", "03.05", "04.01",
        "04.03", "05.02", "05.07", "06.01", "07.02", "08.04", "09.01" };
    static const char* const kDepartments[] = { "CG", "SW", "JT", "LH", "HB", "GA", "ZJ", "SC" };
    const CaseState kStates[] = { CaseState::Closed, CaseState::Closed, CaseState::Closed, CaseState::Closed,
        CaseState::Closed, CaseState::Closed, CaseState::Closed, CaseState::Handling, CaseState::Dispatched,
        CaseState::Registered, CaseState::Reported, CaseState::FedBack, CaseState::Verified, CaseState::Parked,
        CaseState::Voided };

    // Shared pools, as the sync decoder would intern them.
    QList<QString> roads, problems, categories, departments;
    for (const char* s : kRoads)
        roads.append(QString::fromUtf8(s));
    for (const char* s : kProblems)
        problems.append(QString::fromUtf8(s));
    for (const char* s : kCategories)
        categories.append(QString::fromLatin1(s));
    for (const char* s : kDepartments)
        departments.append(QString::fromLatin1(s));
    QList<QString> streets, communities, grids, workers;
    for (int s = 1; s <= 12; ++s)
        streets.append(QStringLiteral("440106%1").arg(s, 3, 10, QLatin1Char('0')));
    for (int c = 0; c < 120; ++c)
        communities.append(streets[c % 12] + QStringLiteral("%1").arg(c / 12 + 1, 3, 10, QLatin1Char('0')));
    for (int g = 0; g < 10000; ++g)
        grids.append(communities[g % 120] + QStringLiteral("%1").arg(g / 120 + 1, 3, 10, QLatin1Char('0')));
    for (int w = 1; w <= 20000; ++w)
        workers.append(QStringLiteral("GW-%1").arg(w, 5, 10, QLatin1Char('0')));
    const QString hotline = QStringLiteral("12345");

    Random random(20260105);
    constexpr qint64 kYearStart = 1735689600000; // 2025-01-01 00:00 UTC
    constexpr qint64 kYearMs = 365ll * 86400000;
    QList<Case> cases;
    cases.reserve(count);
    for (int i = 0; i < count; ++i) {
        Case c;
        c.id = i + 1;
        // Ids are handed out as cases are reported, so report times rise with the id.
        const qint64 reported = kYearStart + qint64(i) * (kYearMs / count) + random.below(60000);
        const QDateTime reportedAt = QDateTime::fromMSecsSinceEpoch(reported, Qt::UTC);
        c.code = QStringLiteral("440106-") + reportedAt.toString(QStringLiteral("yyyyMMdd")) + QLatin1Char('-')
            + QString::number(c.id);
        c.categoryCode = categories[random.below(int(categories.size()))];
        const QString& road = roads[random.below(int(roads.size()))];
        c.address = road + QString::number(random.below(400) + 1) + QStringLiteral("号");
        c.description = c.address + QStringLiteral("附近") + problems[random.below(int(problems.size()))]
            + QStringLiteral("，请尽快处理");
        c.location = { 113.30 + random.unit() * 0.12, 23.10 + random.unit() * 0.09 };
        const int grid = random.below(int(grids.size()));
        c.gridCode = grids[grid];
        c.communityCode = communities[grid % 120];
        c.streetCode = streets[grid % 12];
        c.state = kStates[random.below(int(std::size(kStates)))];
        c.level = HandlingLevel(random.below(3));
        c.disputeLevel = random.below(10) == 0 ? DisputeLevel(1 + random.below(3)) : DisputeLevel::None;
        c.source = CaseSource(random.below(5));
        c.reporter = c.source == CaseSource::Hotline ? hotline : workers[random.below(int(workers.size()))];
        if (c.state == CaseState::Reported) {
            c.holderKind = HolderKind::None;
        } else if (random.below(2) == 0) {
            c.holderKind = HolderKind::Department;
            c.holder = departments[random.below(int(departments.size()))];
        } else {
            c.holderKind = HolderKind::Worker;
            c.holder = workers[random.below(int(workers.size()))];
        }
        c.reportedAt = reportedAt;
        c.stepStartedAt = reportedAt.addMSecs(qint64(random.below(86400)) * 1000);
        c.stepDeadline = c.stepStartedAt.addSecs(3600 * (2 + random.below(70)));
        if (c.state == CaseState::Closed || c.state == CaseState::Voided)
            c.closedAt = c.stepStartedAt.addSecs(random.below(86400 * 3));
        c.reworkCount = random.below(8) == 0 ? 1 : 0;
        c.extensionCount = random.below(20) == 0 ? 1 : 0;
        c.extensionPending = false;
        c.parkedFrom = CaseState::Registered;
        c.version = 1 + random.below(12);
        c.updatedAt = c.closedAt.isValid() ? c.closedAt : c.stepStartedAt;
        cases.append(std::move(c));
    }
    return cases;
}

// The baseline's rows, already in the form a C program would hold them: UTF-8 and integers.
struct RawRow {
    qint64 id;
    int text[10]; // offsets into RawRows::text, paired with lengths
    int size[10];
    double lon, lat;
    const QByteArray* keys[7]; // state, level, dispute, source, holder kind, parked from
    qint64 times[5]; // reported, step started, step deadline, closed, updated (-1: NULL)
    int ints[4];
    qint64 version;
};

struct RawRows {
    std::string text;
    std::vector<RawRow> rows;
};

const QByteArray& keyOf(const QString& key)
{
    // Every key is converted once, as the store does, and lives for the whole run.
    static QHash<QString, QByteArray> keys;
    auto it = keys.find(key);
    if (it == keys.end())
        it = keys.insert(key, key.toUtf8());
    return *it;
}

RawRows toRaw(const QList<Case>& cases)
{
    RawRows raw;
    raw.rows.reserve(std::size_t(cases.size()));
    raw.text.reserve(std::size_t(cases.size()) * 200);
    auto time = [](const QDateTime& t) { return t.isValid() ? t.toMSecsSinceEpoch() : qint64(-1); };
    for (const Case& c : cases) {
        RawRow r {};
        r.id = c.id;
        const QString* texts[10] = { &c.code, &c.categoryCode, &c.description, &c.address, &c.gridCode,
            &c.communityCode, &c.streetCode, &c.reporter, &c.holder, &c.code };
        for (int i = 0; i < 9; ++i) {
            const QByteArray utf8 = texts[i]->toUtf8();
            r.text[i] = int(raw.text.size());
            r.size[i] = int(utf8.size());
            raw.text.append(utf8.constData(), std::size_t(utf8.size()));
        }
        r.lon = c.location.lon;
        r.lat = c.location.lat;
        r.keys[0] = &keyOf(caseStateKey(c.state));
        r.keys[1] = &keyOf(handlingLevelKey(c.level));
        r.keys[2] = &keyOf(disputeLevelKey(c.disputeLevel));
        r.keys[3] = &keyOf(caseSourceKey(c.source));
        r.keys[4] = &keyOf(holderKindKey(c.holderKind));
        r.keys[5] = &keyOf(caseStateKey(c.parkedFrom.value_or(CaseState::Registered)));
        r.times[0] = time(c.reportedAt);
        r.times[1] = time(c.stepStartedAt);
        r.times[2] = time(c.stepDeadline);
        r.times[3] = time(c.closedAt);
        r.times[4] = time(c.updatedAt);
        r.ints[0] = c.reworkCount;
        r.ints[1] = c.extensionCount;
        r.ints[2] = c.extensionPending ? 1 : 0;
        r.ints[3] = c.extensionMinutesRequested;
        r.version = c.version;
        raw.rows.push_back(r);
    }
    return raw;
}

bool check(int rc, sqlite3* db, const char* what)
{
    if (rc == SQLITE_OK || rc == SQLITE_DONE || rc == SQLITE_ROW)
        return true;
    std::fprintf(stderr, "bench store-insert: %s: %s\n", what, sqlite3_errmsg(db));
    return false;
}

// Returns rows per second, or a negative number on failure.
double runRaw(const QString& path, const RawRows& raw)
{
    sqlite3* db = nullptr;
    if (!check(sqlite3_open(path.toUtf8().constData(), &db), db, "open"))
        return -1;
    auto close = qScopeGuard([&] { sqlite3_close(db); });
    // The same columns and types as the store's table, without constraints or indexes.
    const char* setup = "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
                        "CREATE TABLE cases (id INTEGER PRIMARY KEY, code TEXT, category_code TEXT, description TEXT,"
                        " address TEXT, lon REAL, lat REAL, grid_code TEXT, community_code TEXT, street_code TEXT,"
                        " state TEXT, level TEXT, dispute_level TEXT, source TEXT, reporter TEXT, holder_kind TEXT,"
                        " holder TEXT, reported_at INTEGER, step_started_at INTEGER, step_deadline INTEGER,"
                        " closed_at INTEGER, rework_count INTEGER, extension_count INTEGER,"
                        " extension_pending INTEGER, extension_minutes_requested INTEGER, parked_from TEXT,"
                        " version INTEGER, updated_at INTEGER, alert_acked_at INTEGER);";
    if (!check(sqlite3_exec(db, setup, nullptr, nullptr, nullptr), db, "raw setup"))
        return -1;

    QElapsedTimer timer;
    timer.start();
    sqlite3_stmt* stmt = nullptr;
    if (!check(sqlite3_prepare_v2(db,
                   "INSERT INTO cases VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,"
                   " ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29)", // ?29 stays NULL
                   -1, &stmt, nullptr),
            db, "raw prepare"))
        return -1;
    auto finalize = qScopeGuard([&] { sqlite3_finalize(stmt); });
    if (!check(sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr), db, "raw begin"))
        return -1;
    const char* base = raw.text.data();
    // Parameter positions of the nine text columns, in RawRow::text order.
    static const int kTextParams[9] = { 2, 3, 4, 5, 8, 9, 10, 15, 17 };
    static const int kKeyParams[6] = { 11, 12, 13, 14, 16, 26 };
    static const int kTimeParams[5] = { 18, 19, 20, 21, 28 };
    for (const RawRow& r : raw.rows) {
        sqlite3_bind_int64(stmt, 1, r.id);
        for (int i = 0; i < 9; ++i)
            sqlite3_bind_text(stmt, kTextParams[i], base + r.text[i], r.size[i], SQLITE_STATIC);
        sqlite3_bind_double(stmt, 6, r.lon);
        sqlite3_bind_double(stmt, 7, r.lat);
        for (int i = 0; i < 6; ++i)
            sqlite3_bind_text(stmt, kKeyParams[i], r.keys[i]->constData(), int(r.keys[i]->size()), SQLITE_STATIC);
        for (int i = 0; i < 5; ++i) {
            if (r.times[i] >= 0)
                sqlite3_bind_int64(stmt, kTimeParams[i], r.times[i]);
            else
                sqlite3_bind_null(stmt, kTimeParams[i]);
        }
        for (int i = 0; i < 4; ++i)
            sqlite3_bind_int(stmt, 22 + i, r.ints[i]);
        sqlite3_bind_int64(stmt, 27, r.version);
        if (!check(sqlite3_step(stmt), db, "raw insert"))
            return -1;
        sqlite3_reset(stmt);
    }
    if (!check(sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr), db, "raw commit"))
        return -1;
    const qint64 ns = timer.nsecsElapsed();
    return double(raw.rows.size()) * 1e9 / double(ns);
}

double runOurs(const QString& path, const QList<Case>& cases, bool verbose)
{
    StoreStatus status;
    auto store = Store::open(path, &status);
    if (!store) {
        std::fprintf(stderr, "bench store-insert: %s\n", qPrintable(status.message));
        return -1;
    }
    if (verbose) {
        // Statements slower than 50 ms, to see where the time beyond the rows goes.
        sqlite3_trace_v2(
            store->handle(), SQLITE_TRACE_PROFILE,
            [](unsigned, void*, void* stmt, void* ns) {
                const qint64 elapsed = *static_cast<qint64*>(ns);
                if (elapsed > 50000000)
                    std::fprintf(stderr, "    %6.0f ms  %.60s\n", elapsed / 1e6,
                        sqlite3_sql(static_cast<sqlite3_stmt*>(stmt)));
                return 0;
            },
            nullptr);
    }
    QElapsedTimer timer;
    timer.start();
    qint64 insertNs = 0;
    const bool ok = store->bulkLoad([&] {
        for (const Case& c : cases) {
            if (!store->putCase(c))
                return false;
        }
        insertNs = timer.nsecsElapsed();
        return true;
    });
    const qint64 ns = timer.nsecsElapsed();
    if (!ok) {
        std::fprintf(stderr, "bench store-insert: bulkLoad failed: %s\n", qPrintable(store->lastError()));
        return -1;
    }
    if (verbose) {
        std::fprintf(stderr, "  ours: rows %.0f ms, indexes + commit %.0f ms, total %.0f ms\n", insertNs / 1e6,
            (ns - insertNs) / 1e6, ns / 1e6);
        store.reset();
        QElapsedTimer reopen;
        reopen.start();
        store = Store::open(path, &status);
        std::fprintf(stderr, "  reopen with quick_check: %.0f ms (%s)\n", reopen.nsecsElapsed() / 1e6,
            store ? "ok" : qPrintable(status.message));
    }
    return double(cases.size()) * 1e9 / double(ns);
}

void removeDatabase(const QString& path)
{
    for (const char* suffix : { "", "-wal", "-shm" })
        QFile::remove(path + QLatin1String(suffix));
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    int count = 1000000;
    int rounds = 2;
    bool verbose = false;
    const QStringList args = app.arguments();
    for (int i = 1; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--cases") && i + 1 < args.size())
            count = args[++i].toInt();
        else if (args[i] == QLatin1String("--rounds") && i + 1 < args.size())
            rounds = args[++i].toInt();
        else if (args[i] == QLatin1String("--verbose"))
            verbose = true;
    }
    if (count <= 0 || rounds <= 0) {
        std::fprintf(stderr, "usage: bench_store_insert [--cases N] [--rounds N] [--verbose]\n");
        return 2;
    }

    QElapsedTimer timer;
    timer.start();
    const QList<Case> cases = generateCases(count);
    const RawRows raw = toRaw(cases);
    if (verbose)
        std::fprintf(stderr, "  generated %d cases in %.1f s\n", count, timer.nsecsElapsed() / 1e9);

    QTemporaryDir dir;
    if (!dir.isValid()) {
        std::fprintf(stderr, "bench store-insert: no temporary folder\n");
        return 1;
    }
    // Alternate the two sides so drift on a shared machine hits both; keep each side's best.
    double ours = 0, theirs = 0;
    for (int round = 0; round < rounds; ++round) {
        const QString rawPath = dir.filePath(QStringLiteral("raw.sqlite"));
        const QString oursPath = dir.filePath(QStringLiteral("ours.sqlite"));
        const double r = runRaw(rawPath, raw);
        removeDatabase(rawPath);
        const double o = runOurs(oursPath, cases, verbose);
        removeDatabase(oursPath);
        if (r < 0 || o < 0)
            return 1;
        if (verbose)
            std::fprintf(stderr, "  round %d: ours %.0f rows/s, raw %.0f rows/s\n", round + 1, o, r);
        ours = std::max(ours, o);
        theirs = std::max(theirs, r);
    }
    const double ratio = ours / theirs;
    std::printf("bench store-insert: %.0f rows/s vs raw C-API %.0f rows/s = %.2f (goal >= 0.6) %s\n", ours, theirs,
        ratio, ratio >= 0.6 ? "ok" : "short");
    return 0;
}
