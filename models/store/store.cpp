#include "models/store/store.h"

#include "models/store/schema.h"
#include "models/store/sqlstatement.h"

#include <QCoreApplication>
#include <QFile>
#include <QStringEncoder>
#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <vector>

namespace gridhall {

namespace {

constexpr int kHandlingLevelCount = 3;
constexpr int kDisputeLevelCount = 4;
constexpr int kHolderKindCount = 4;
constexpr int kCaseSourceCount = 5;
constexpr int kWorkerKindCount = 3;
constexpr int kBasemapKindCount = 4;
constexpr int kOutboxStatusCount = 5;

// The UTF-8 storage keys of one enum, converted once, so hot writes bind them without
// building a QString per row, and reads map column bytes back without one either.
template <typename E, int N>
class KeyTable {
public:
    explicit KeyTable(QString (*keyOf)(E))
    {
        for (int i = 0; i < N; ++i)
            m_keys[i] = keyOf(E(i)).toUtf8();
    }
    const QByteArray& operator[](E value) const
    {
        const int i = int(value);
        Q_ASSERT(i >= 0 && i < N);
        return m_keys[std::size_t(i < 0 || i >= N ? 0 : i)];
    }
    bool find(const char* text, int size, E* out) const
    {
        for (int i = 0; i < N; ++i) {
            if (m_keys[i].size() == size && std::memcmp(m_keys[i].constData(), text, std::size_t(size)) == 0) {
                *out = E(i);
                return true;
            }
        }
        return false;
    }

private:
    std::array<QByteArray, N> m_keys;
};

const auto& stateKeys()
{
    static const KeyTable<CaseState, kCaseStateCount> table(caseStateKey);
    return table;
}
const auto& actionKeys()
{
    static const KeyTable<CaseAction, kCaseActionCount> table(caseActionKey);
    return table;
}
const auto& levelKeys()
{
    static const KeyTable<HandlingLevel, kHandlingLevelCount> table(handlingLevelKey);
    return table;
}
const auto& disputeKeys()
{
    static const KeyTable<DisputeLevel, kDisputeLevelCount> table(disputeLevelKey);
    return table;
}
const auto& holderKeys()
{
    static const KeyTable<HolderKind, kHolderKindCount> table(holderKindKey);
    return table;
}
const auto& sourceKeys()
{
    static const KeyTable<CaseSource, kCaseSourceCount> table(caseSourceKey);
    return table;
}
const auto& roleKeys()
{
    static const KeyTable<Role, kRoleCount> table(roleKey);
    return table;
}
const auto& workerKindKeys()
{
    static const KeyTable<WorkerKind, kWorkerKindCount> table(workerKindKey);
    return table;
}
const auto& basemapKindKeys()
{
    static const KeyTable<BasemapKind, kBasemapKindCount> table(basemapKindKey);
    return table;
}
const auto& outboxKeys()
{
    static const KeyTable<OutboxEntry::Status, kOutboxStatusCount> table(outboxStatusKey);
    return table;
}

// Reads a key column into an enum; unknown keys (a newer writer) keep the default.
template <typename Table, typename E>
void readKey(sqlite3_stmt* stmt, int column, const Table& table, E* out)
{
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, column));
    if (text)
        table.find(text, sqlite3_column_bytes(stmt, column), out);
}

QString columnText(sqlite3_stmt* stmt, int column)
{
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, column));
    return text ? QString::fromUtf8(text, sqlite3_column_bytes(stmt, column)) : QString();
}

QByteArray columnBlob(sqlite3_stmt* stmt, int column)
{
    const auto* data = static_cast<const char*>(sqlite3_column_blob(stmt, column));
    if (data)
        return QByteArray(data, sqlite3_column_bytes(stmt, column));
    // SQLite hands out no pointer for a zero-length blob: keep "empty" apart from NULL.
    return sqlite3_column_type(stmt, column) == SQLITE_NULL ? QByteArray() : QByteArray("");
}

QDateTime columnTime(sqlite3_stmt* stmt, int column)
{
    if (sqlite3_column_type(stmt, column) == SQLITE_NULL)
        return {};
    return QDateTime::fromMSecsSinceEpoch(sqlite3_column_int64(stmt, column), Qt::UTC);
}

MultiPolygon columnPolygon(sqlite3_stmt* stmt, int column)
{
    if (sqlite3_column_type(stmt, column) == SQLITE_NULL)
        return {};
    return MultiPolygon::fromBlob(columnBlob(stmt, column));
}

void bindTime(sqlite3_stmt* stmt, int index, const QDateTime& time)
{
    if (time.isValid())
        sqlite3_bind_int64(stmt, index, time.toMSecsSinceEpoch());
    else
        sqlite3_bind_null(stmt, index);
}

void bindKey(sqlite3_stmt* stmt, int index, const QByteArray& key)
{
    // The key tables live for the whole program, so SQLite need not copy.
    sqlite3_bind_text(stmt, index, key.constData(), int(key.size()), SQLITE_STATIC);
}

void bindBlob(sqlite3_stmt* stmt, int index, const QByteArray& blob)
{
    if (blob.isNull())
        sqlite3_bind_null(stmt, index);
    else
        sqlite3_bind_blob(stmt, index, blob.constData(), int(blob.size()), SQLITE_TRANSIENT);
}

QByteArray polygonBlob(const MultiPolygon& polygon)
{
    return polygon.isEmpty() ? QByteArray() : polygon.toBlob();
}

// Column lists shared by writes and reads so their order cannot drift apart.
constexpr const char* kCaseColumns = "id, code, category_code, description, address, lon, lat, grid_code, "
                                     "community_code, street_code, state, level, dispute_level, source, "
                                     "reporter, holder_kind, holder, reported_at, step_started_at, "
                                     "step_deadline, closed_at, rework_count, extension_count, "
                                     "extension_pending, extension_minutes_requested, parked_from, version, "
                                     "updated_at, alert_acked_at";
constexpr const char* kEventColumns = "id, case_id, at, actor, role, action, from_state, to_state, target, note";
constexpr const char* kPhotoColumns = "id, case_id, event_id, taken_at, mime, width, height, bytes, thumbnail";
constexpr const char* kOutboxColumns = "client_seq, idempotency_key, case_id, seen_version, action, payload, "
                                       "queued_at, status, result";

QList<QByteArray> splitColumns(const char* columns)
{
    QList<QByteArray> names = QByteArray(columns).split(',');
    for (QByteArray& name : names)
        name = name.trimmed();
    return names;
}

// INSERT of every column with an upsert on the key; `where` limits which conflicts update.
QByteArray upsertSql(const char* table, const char* columns, const char* key, const char* where = nullptr)
{
    const QList<QByteArray> names = splitColumns(columns);
    QByteArray sql = QByteArray("INSERT INTO ") + table + " (" + columns + ") VALUES (";
    for (int i = 1; i <= names.size(); ++i)
        sql += (i > 1 ? ", ?" : "?") + QByteArray::number(i);
    sql += ") ON CONFLICT(" + QByteArray(key) + ") DO UPDATE SET ";
    bool first = true;
    for (const QByteArray& name : names) {
        if (name == key)
            continue;
        sql += (first ? "" : ", ") + name + " = excluded." + name;
        first = false;
    }
    if (where)
        sql += QByteArray(" WHERE ") + where;
    return sql;
}

QByteArray selectSql(const char* columns, const char* rest)
{
    return QByteArray("SELECT ") + columns + " " + rest;
}

qint64 rawInt(sqlite3* db, const char* sql, qint64 fallback)
{
    SqlStatement query(db, sql);
    return query.ok() && query.step() == SQLITE_ROW ? sqlite3_column_int64(query.get(), 0) : fallback;
}

// Sets the journal mode and says whether SQLite took it: it keeps WAL, without an error,
// while another connection has the file open.
bool setJournalMode(sqlite3* db, const char* mode)
{
    const QByteArray sql = QByteArray("PRAGMA journal_mode = ") + mode;
    SqlStatement query(db, sql.constData());
    return query.ok() && query.step() == SQLITE_ROW
        && columnText(query.get(), 0).compare(QLatin1String(mode), Qt::CaseInsensitive) == 0;
}

} // namespace

struct Store::Statements {
    sqlite3_stmt* district = nullptr;
    sqlite3_stmt* street = nullptr;
    sqlite3_stmt* community = nullptr;
    sqlite3_stmt* grid = nullptr;
    sqlite3_stmt* worker = nullptr;
    sqlite3_stmt* department = nullptr;
    sqlite3_stmt* basemap = nullptr;
    sqlite3_stmt* camera = nullptr;
    sqlite3_stmt* caseUpsert = nullptr;
    sqlite3_stmt* event = nullptr;
    sqlite3_stmt* meta = nullptr;
    sqlite3_stmt* outboxInsert = nullptr;
    sqlite3_stmt* outboxStatus = nullptr;
    sqlite3_stmt* photo = nullptr;

    // One UTF-8 buffer per parameter index: a row's strings are converted straight into
    // them and bound without a copy, and the buffers are reused row after row.
    std::array<std::vector<char>, 32> scratch;
    QStringEncoder utf8 { QStringConverter::Utf8, QStringConverter::Flag::Stateless };

    ~Statements()
    {
        for (sqlite3_stmt* stmt : { district, street, community, grid, worker, department, basemap, camera, caseUpsert,
                 event, meta, outboxInsert, outboxStatus, photo })
            sqlite3_finalize(stmt);
    }

    void bindText(sqlite3_stmt* stmt, int index, QStringView text)
    {
        std::vector<char>& buffer = scratch[std::size_t(index)];
        const std::size_t needed = std::size_t(text.size()) * 3 + 1;
        if (buffer.size() < needed)
            buffer.resize(needed);
        char* end = utf8.appendToBuffer(buffer.data(), text);
        sqlite3_bind_text(stmt, index, buffer.data(), int(end - buffer.data()), SQLITE_STATIC);
    }
};

Store::Store()
    : m_stmts(std::make_unique<Statements>())
{
}

Store::~Store()
{
    m_stmts.reset(); // statements must be finalized before the connection closes
    if (m_db)
        sqlite3_close_v2(m_db);
}

QString outboxStatusKey(OutboxEntry::Status status)
{
    switch (status) {
    case OutboxEntry::Status::Queued:
        return QStringLiteral("queued");
    case OutboxEntry::Status::Sent:
        return QStringLiteral("sent");
    case OutboxEntry::Status::Applied:
        return QStringLiteral("applied");
    case OutboxEntry::Status::Conflict:
        return QStringLiteral("conflict");
    case OutboxEntry::Status::Refused:
        return QStringLiteral("refused");
    }
    return QStringLiteral("queued");
}

bool outboxStatusFromKey(const QString& key, OutboxEntry::Status* status)
{
    const QByteArray utf8 = key.toUtf8();
    return outboxKeys().find(utf8.constData(), int(utf8.size()), status);
}

namespace {
StoreStatus statusFor(int rc, const QString& path, const QString& detail)
{
    StoreStatus status;
    switch (rc & 0xff) {
    case SQLITE_NOTADB:
        status.error = StoreError::CannotOpen;
        status.message = QCoreApplication::translate("Store", "Cannot open the local data file %1: it is not a GridHall data file (%2).").arg(path, detail);
        break;
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_AUTH:
        status.error = StoreError::CannotOpen;
        status.message = QCoreApplication::translate("Store", "Cannot open the local data file %1 for writing (%2).").arg(path, detail);
        break;
    case SQLITE_CORRUPT:
        status.error = StoreError::Damaged;
        status.message = QCoreApplication::translate("Store", "The local data file %1 is damaged (%2). GridHall will resync from the server "
                            "instead of showing wrong data.")
                             .arg(path, detail);
        break;
    default:
        status.error = StoreError::Sql;
        status.message = QCoreApplication::translate("Store", "Cannot prepare the local data file %1: %2").arg(path, detail);
        break;
    }
    return status;
}
} // namespace

namespace {
// quick_check walks every page and record but skips matching indexes to rows: it finds
// damaged pages in a fraction of integrity_check's time on a million cases (still ~2 s).
// SQLITE_CORRUPT with the problems named, another code with SQLite's message, or SQLITE_OK.
int quickCheck(sqlite3* db, QString* problems)
{
    SqlStatement check(db, "PRAGMA quick_check(5)");
    if (!check.ok()) {
        *problems = QString::fromUtf8(sqlite3_errmsg(db));
        return check.rc();
    }
    QStringList found;
    while (check.step() == SQLITE_ROW) {
        const QString line = columnText(check.get(), 0);
        if (line != QLatin1String("ok"))
            found.append(line);
    }
    if (check.rc() != SQLITE_DONE) {
        *problems = QString::fromUtf8(sqlite3_errmsg(db));
        return check.rc();
    }
    *problems = found.join(QLatin1String("; "));
    return found.isEmpty() ? SQLITE_OK : SQLITE_CORRUPT;
}
} // namespace

StoreStatus Store::checkFile(const QString& path, const std::atomic_bool* cancel)
{
    sqlite3* db = nullptr;
    int rc = sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr);
    QString problems;
    if (rc == SQLITE_OK) {
        sqlite3_busy_timeout(db, 5000);
        if (cancel) // asked every few thousand steps: a quit need not wait for the whole file
            sqlite3_progress_handler(
                db, 4096, [](void* flag) { return static_cast<const std::atomic_bool*>(flag)->load() ? 1 : 0; },
                const_cast<std::atomic_bool*>(cancel));
        rc = quickCheck(db, &problems);
    } else {
        problems = QString::fromUtf8(db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
    }
    sqlite3_close(db);
    return rc == SQLITE_OK ? StoreStatus() : statusFor(rc, path, problems);
}

std::unique_ptr<Store> Store::open(const QString& path, StoreStatus* status, Check check)
{
    StoreStatus ignored;
    StoreStatus& result = status ? *status : ignored;
    result = {};
    std::unique_ptr<Store> store(new Store);
    store->m_path = path;

    auto failWith = [&](int rc, const QString& detail) {
        result = statusFor(rc, path, detail);
        store->m_lastError = result.message;
        return nullptr;
    };
    auto dbMessage = [&] { return QString::fromUtf8(sqlite3_errmsg(store->m_db)); };

    if (path.isEmpty())
        return failWith(SQLITE_CANTOPEN, QCoreApplication::translate("Store", "no file name given"));
    // SQLite would create the file 0644 (less the umask) and its -wal/-shm with the same
    // mode: cases, users and tokens would be readable by every local user. Create it 0600.
    if (!path.startsWith(QLatin1Char(':'))) {
        const int fd = ::open(QFile::encodeName(path).constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd >= 0)
            ::close(fd);
    }
    // One connection per thread, never shared: SQLite's own connection mutex is not needed.
    int rc = sqlite3_open_v2(path.toUtf8().constData(), &store->m_db,
        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK)
        return failWith(rc, store->m_db ? dbMessage() : QString::fromUtf8(sqlite3_errstr(rc)));
    sqlite3_busy_timeout(store->m_db, 5000);

    // The first read of the header tells a database from anything else.
    const int fileVersion = schema::userVersion(store->m_db, &rc);
    if (rc != SQLITE_OK)
        return failWith(rc, dbMessage());

    // A new file gets 16 KiB pages: the first sync writes and indexes a million cases about a
    // sixth faster than with 4 KiB, and the KPI and queue scans read fewer pages. SQLite
    // ignores this on an existing file, whose page size a WAL file can no longer change.
    for (const char* pragma : { "PRAGMA page_size = 16384", "PRAGMA journal_mode = WAL", "PRAGMA synchronous = FULL",
             "PRAGMA foreign_keys = ON" }) {
        rc = sqlite3_exec(store->m_db, pragma, nullptr, nullptr, nullptr);
        if (rc != SQLITE_OK)
            return failWith(rc, dbMessage());
    }

    if (check == Check::Now) {
        QString problems;
        rc = quickCheck(store->m_db, &problems);
        if (rc != SQLITE_OK)
            return failWith(rc, problems);
    }

    if (fileVersion > kSchemaVersion) {
        result.error = StoreError::TooNew;
        result.message = QCoreApplication::translate("Store", "The local data file %1 was written by a newer GridHall (schema version %2; this "
                            "version reads up to %3). Update GridHall, or remove the file to resync from the server.")
                             .arg(path)
                             .arg(fileVersion)
                             .arg(kSchemaVersion);
        return nullptr;
    }

    QString migrationError;
    if (!schema::migrate(store->m_db, schema::migrations(), &migrationError, &rc))
        return failWith(rc, migrationError);
    return store;
}

int Store::schemaVersion() const
{
    return schema::userVersion(m_db);
}

bool Store::fail(const char* what) const
{
    m_lastError = QString::fromLatin1(what) + QLatin1String(": ") + QString::fromUtf8(sqlite3_errmsg(m_db));
    ++m_failures;
    return false;
}

bool Store::exec(const char* sql)
{
    if (sqlite3_exec(m_db, sql, nullptr, nullptr, nullptr) != SQLITE_OK)
        return fail(sql);
    return true;
}

bool Store::begin()
{
    return exec("BEGIN IMMEDIATE");
}

bool Store::commit()
{
    if (exec("COMMIT"))
        return true;
    // A failed COMMIT (deferred foreign key, full disk) leaves the transaction open.
    const QString error = m_lastError;
    rollback();
    m_lastError = error;
    return false;
}

void Store::rollback()
{
    if (!sqlite3_get_autocommit(m_db))
        sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr);
}

bool Store::bulkLoad(const std::function<bool()>& fn)
{
    if (!sqlite3_get_autocommit(m_db)) {
        m_lastError = QStringLiteral("bulkLoad: a transaction is already open");
        return false;
    }
    // Through a rollback journal a bulk load writes each new page once; in WAL it writes it
    // to the log and again at the checkpoint, which cost a million cases a second. Leaving
    // WAL needs the only connection to the file; when there is another the load stays in WAL.
    const bool leftWal = setJournalMode(m_db, "delete");
    exec("PRAGMA synchronous = NORMAL");
    // A large page cache for the load keeps the growing tables out of pread() and lets the
    // index rebuild sort in memory instead of merging temporary files.
    const QByteArray previousCache = QByteArray::number(rawInt(m_db, "PRAGMA cache_size", -2000));
    exec("PRAGMA cache_size = -262144");
    const qint64 failuresBefore = m_failures;
    bool ok = begin();
    // DDL is transactional in SQLite: a rollback brings the dropped indexes back.
    for (const schema::IndexDef& index : schema::caseIndexes()) {
        if (!ok)
            break;
        ok = exec(QByteArray("DROP INDEX IF EXISTS ").append(index.name).constData());
    }
    if (ok) {
        const bool callerOk = fn();
        if (!callerOk && m_failures == failuresBefore)
            m_lastError = QStringLiteral("bulkLoad: cancelled by the caller");
        ok = callerOk && m_failures == failuresBefore;
    }
    for (const schema::IndexDef& index : schema::caseIndexes()) {
        if (!ok)
            break;
        ok = exec(index.createSql);
    }
    ok = ok && commit();
    if (!ok) {
        const QString error = m_lastError;
        rollback();
        m_lastError = error;
    }
    exec("PRAGMA synchronous = FULL");
    exec(QByteArray("PRAGMA cache_size = " + previousCache).constData());
    // The loaded rows are committed either way; a file left in rollback mode still works,
    // and the next open puts it back into WAL.
    if (leftWal && !setJournalMode(m_db, "wal"))
        qWarning("bulkLoad: the file stays in rollback-journal mode until reopened: %s", sqlite3_errmsg(m_db));
    return ok;
}

namespace {
// Prepares a cached write statement on first use; SQLite re-prepares it by itself after
// schema changes (bulkLoad's index drops). Callers test the slot first, so the SQL text is
// built once per Store, not once per row.
bool ensure(sqlite3* db, sqlite3_stmt** slot, const QByteArray& sql)
{
    if (*slot)
        return true;
    return sqlite3_prepare_v3(db, sql.constData(), int(sql.size()), SQLITE_PREPARE_PERSISTENT, slot, nullptr)
        == SQLITE_OK;
}

// Steps a write once and readies it for the next row; SQLITE_DONE on success.
int run(sqlite3_stmt* stmt)
{
    const int rc = sqlite3_step(stmt);
    sqlite3_reset(stmt);
    return rc;
}
} // namespace

bool Store::putDistrict(const District& d)
{
    sqlite3_stmt*& stmt = m_stmts->district;
    if (!stmt && !ensure(m_db, &stmt, upsertSql("districts", "code, name, boundary", "code")))
        return fail("prepare putDistrict");
    m_stmts->bindText(stmt, 1, d.code);
    m_stmts->bindText(stmt, 2, d.name);
    bindBlob(stmt, 3, polygonBlob(d.boundary));
    return run(stmt) == SQLITE_DONE || fail("putDistrict");
}

bool Store::putStreet(const Street& s)
{
    sqlite3_stmt*& stmt = m_stmts->street;
    if (!stmt && !ensure(m_db, &stmt, upsertSql("streets", "code, name, district_code, boundary", "code")))
        return fail("prepare putStreet");
    m_stmts->bindText(stmt, 1, s.code);
    m_stmts->bindText(stmt, 2, s.name);
    m_stmts->bindText(stmt, 3, s.districtCode);
    bindBlob(stmt, 4, polygonBlob(s.boundary));
    return run(stmt) == SQLITE_DONE || fail("putStreet");
}

bool Store::putCommunity(const Community& c)
{
    sqlite3_stmt*& stmt = m_stmts->community;
    if (!stmt && !ensure(m_db, &stmt, upsertSql("communities", "code, name, street_code, boundary", "code")))
        return fail("prepare putCommunity");
    m_stmts->bindText(stmt, 1, c.code);
    m_stmts->bindText(stmt, 2, c.name);
    m_stmts->bindText(stmt, 3, c.streetCode);
    bindBlob(stmt, 4, polygonBlob(c.boundary));
    return run(stmt) == SQLITE_DONE || fail("putCommunity");
}

bool Store::putGrid(const GridCell& g)
{
    sqlite3_stmt*& stmt = m_stmts->grid;
    if (!stmt && !ensure(m_db, &stmt,
            upsertSql("grids", "code, name, community_code, street_code, boundary, centroid_lon, centroid_lat", "code")))
        return fail("prepare putGrid");
    m_stmts->bindText(stmt, 1, g.code);
    m_stmts->bindText(stmt, 2, g.name);
    m_stmts->bindText(stmt, 3, g.communityCode);
    m_stmts->bindText(stmt, 4, g.streetCode);
    bindBlob(stmt, 5, polygonBlob(g.boundary));
    sqlite3_bind_double(stmt, 6, g.centroid.lon);
    sqlite3_bind_double(stmt, 7, g.centroid.lat);
    return run(stmt) == SQLITE_DONE || fail("putGrid");
}

bool Store::putWorker(const Worker& w)
{
    sqlite3_stmt*& stmt = m_stmts->worker;
    if (!stmt && !ensure(m_db, &stmt,
            upsertSql("workers", "code, id, name, kind, home_grid_code, street_code, team, phone", "code")))
        return fail("prepare putWorker");
    m_stmts->bindText(stmt, 1, w.code);
    sqlite3_bind_int64(stmt, 2, w.id);
    m_stmts->bindText(stmt, 3, w.name);
    bindKey(stmt, 4, workerKindKeys()[w.kind]);
    m_stmts->bindText(stmt, 5, w.homeGridCode);
    m_stmts->bindText(stmt, 6, w.streetCode);
    m_stmts->bindText(stmt, 7, w.team);
    m_stmts->bindText(stmt, 8, w.phone);
    return run(stmt) == SQLITE_DONE || fail("putWorker");
}

bool Store::putDepartment(const Department& d)
{
    sqlite3_stmt*& stmt = m_stmts->department;
    if (!stmt && !ensure(m_db, &stmt, upsertSql("departments", "code, name_zh, name_en", "code")))
        return fail("prepare putDepartment");
    m_stmts->bindText(stmt, 1, d.code);
    m_stmts->bindText(stmt, 2, d.nameZh);
    m_stmts->bindText(stmt, 3, d.nameEn);
    return run(stmt) == SQLITE_DONE || fail("putDepartment");
}

bool Store::putCamera(const Camera& c)
{
    sqlite3_stmt*& stmt = m_stmts->camera;
    if (!stmt && !ensure(m_db, &stmt,
            upsertSql("cameras", "code, name, kind, lon, lat, direction, main_url, sub_url, grid_code, street_code", "code")))
        return fail("prepare putCamera");
    m_stmts->bindText(stmt, 1, c.code);
    m_stmts->bindText(stmt, 2, c.name);
    m_stmts->bindText(stmt, 3, cameraKindKey(c.kind));
    sqlite3_bind_double(stmt, 4, c.position.lon);
    sqlite3_bind_double(stmt, 5, c.position.lat);
    if (c.hasDirection())
        sqlite3_bind_double(stmt, 6, c.direction);
    else
        sqlite3_bind_null(stmt, 6);
    m_stmts->bindText(stmt, 7, c.mainUrl);
    m_stmts->bindText(stmt, 8, c.subUrl);
    m_stmts->bindText(stmt, 9, c.gridCode);
    m_stmts->bindText(stmt, 10, c.streetCode);
    return run(stmt) == SQLITE_DONE || fail("putCamera");
}

bool Store::putBasemapFeature(const BasemapFeature& f)
{
    sqlite3_stmt*& stmt = m_stmts->basemap;
    if (!stmt && !ensure(m_db, &stmt, upsertSql("basemap_features", "id, kind, name, line, area", "id")))
        return fail("prepare putBasemapFeature");
    sqlite3_bind_int64(stmt, 1, f.id);
    bindKey(stmt, 2, basemapKindKeys()[f.kind]);
    m_stmts->bindText(stmt, 3, f.name);
    bindBlob(stmt, 4, f.line.isEmpty() ? QByteArray() : lineToBlob(f.line));
    bindBlob(stmt, 5, polygonBlob(f.area));
    return run(stmt) == SQLITE_DONE || fail("putBasemapFeature");
}

bool Store::putCase(const Case& c, bool* written)
{
    if (written)
        *written = false;
    sqlite3_stmt*& stmt = m_stmts->caseUpsert;
    if (!stmt && !ensure(m_db, &stmt, upsertSql("cases", kCaseColumns, "id", "excluded.version > cases.version")))
        return fail("prepare putCase");
    Statements& s = *m_stmts;
    sqlite3_bind_int64(stmt, 1, c.id);
    s.bindText(stmt, 2, c.code);
    s.bindText(stmt, 3, c.categoryCode);
    s.bindText(stmt, 4, c.description);
    s.bindText(stmt, 5, c.address);
    sqlite3_bind_double(stmt, 6, c.location.lon);
    sqlite3_bind_double(stmt, 7, c.location.lat);
    s.bindText(stmt, 8, c.gridCode);
    s.bindText(stmt, 9, c.communityCode);
    s.bindText(stmt, 10, c.streetCode);
    bindKey(stmt, 11, stateKeys()[c.state]);
    bindKey(stmt, 12, levelKeys()[c.level]);
    bindKey(stmt, 13, disputeKeys()[c.disputeLevel]);
    bindKey(stmt, 14, sourceKeys()[c.source]);
    s.bindText(stmt, 15, c.reporter);
    bindKey(stmt, 16, holderKeys()[c.holderKind]);
    s.bindText(stmt, 17, c.holder);
    bindTime(stmt, 18, c.reportedAt);
    bindTime(stmt, 19, c.stepStartedAt);
    bindTime(stmt, 20, c.stepDeadline);
    bindTime(stmt, 21, c.closedAt);
    sqlite3_bind_int(stmt, 22, c.reworkCount);
    sqlite3_bind_int(stmt, 23, c.extensionCount);
    sqlite3_bind_int(stmt, 24, c.extensionPending ? 1 : 0);
    sqlite3_bind_int(stmt, 25, c.extensionMinutesRequested);
    // "" for a case never parked (older files hold "registered" there: read as such).
    static const QByteArray kNeverParked(""); // outlives the statement, as bindKey needs
    bindKey(stmt, 26, c.parkedFrom ? stateKeys()[*c.parkedFrom] : kNeverParked);
    sqlite3_bind_int64(stmt, 27, c.version);
    bindTime(stmt, 28, c.updatedAt);
    bindTime(stmt, 29, c.alertAckedAt);
    if (run(stmt) != SQLITE_DONE)
        return fail("putCase");
    if (written)
        *written = sqlite3_changes(m_db) > 0;
    return true;
}

bool Store::appendEvent(const CaseEvent& e)
{
    sqlite3_stmt*& stmt = m_stmts->event;
    // Events never change once recorded: a repeated id (a duplicate batch) is ignored.
    if (!stmt && !ensure(m_db, &stmt,
            QByteArray("INSERT INTO case_events (") + kEventColumns
                + ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) ON CONFLICT(id) DO NOTHING"))
        return fail("prepare appendEvent");
    Statements& s = *m_stmts;
    if (e.id > 0)
        sqlite3_bind_int64(stmt, 1, e.id);
    else
        sqlite3_bind_null(stmt, 1);
    sqlite3_bind_int64(stmt, 2, e.caseId);
    bindTime(stmt, 3, e.at);
    s.bindText(stmt, 4, e.actor);
    bindKey(stmt, 5, roleKeys()[e.role]);
    bindKey(stmt, 6, actionKeys()[e.action]);
    bindKey(stmt, 7, stateKeys()[e.fromState]);
    bindKey(stmt, 8, stateKeys()[e.toState]);
    s.bindText(stmt, 9, e.target);
    s.bindText(stmt, 10, e.note);
    return run(stmt) == SQLITE_DONE || fail("appendEvent");
}

// Reads -----------------------------------------------------------------------------

namespace {
template <typename T, typename ReadRow>
QList<T> readAll(sqlite3* db, const char* sql, ReadRow readRow, QString* error)
{
    QList<T> rows;
    SqlStatement query(db, sql);
    if (query.ok()) {
        while (query.step() == SQLITE_ROW)
            rows.append(readRow(query.get()));
    }
    if (query.rc() != SQLITE_DONE && error)
        *error = QString::fromUtf8(sqlite3_errmsg(db));
    return rows;
}

Case readCase(sqlite3_stmt* q)
{
    Case c;
    c.id = sqlite3_column_int64(q, 0);
    c.code = columnText(q, 1);
    c.categoryCode = columnText(q, 2);
    c.description = columnText(q, 3);
    c.address = columnText(q, 4);
    c.location = { sqlite3_column_double(q, 5), sqlite3_column_double(q, 6) };
    c.gridCode = columnText(q, 7);
    c.communityCode = columnText(q, 8);
    c.streetCode = columnText(q, 9);
    readKey(q, 10, stateKeys(), &c.state);
    readKey(q, 11, levelKeys(), &c.level);
    readKey(q, 12, disputeKeys(), &c.disputeLevel);
    readKey(q, 13, sourceKeys(), &c.source);
    c.reporter = columnText(q, 14);
    readKey(q, 15, holderKeys(), &c.holderKind);
    c.holder = columnText(q, 16);
    c.reportedAt = columnTime(q, 17);
    c.stepStartedAt = columnTime(q, 18);
    c.stepDeadline = columnTime(q, 19);
    c.closedAt = columnTime(q, 20);
    c.reworkCount = sqlite3_column_int(q, 21);
    c.extensionCount = sqlite3_column_int(q, 22);
    c.extensionPending = sqlite3_column_int(q, 23) != 0;
    c.extensionMinutesRequested = sqlite3_column_int(q, 24);
    CaseState parkedFrom = CaseState::Registered;
    c.parkedFrom.reset();
    if (sqlite3_column_bytes(q, 25) > 0) {
        readKey(q, 25, stateKeys(), &parkedFrom);
        c.parkedFrom = parkedFrom;
    }
    c.version = sqlite3_column_int64(q, 26);
    c.updatedAt = columnTime(q, 27);
    c.alertAckedAt = columnTime(q, 28);
    return c;
}

CaseEvent readEvent(sqlite3_stmt* q)
{
    CaseEvent e;
    e.id = sqlite3_column_int64(q, 0);
    e.caseId = sqlite3_column_int64(q, 1);
    e.at = columnTime(q, 2);
    e.actor = columnText(q, 3);
    readKey(q, 4, roleKeys(), &e.role);
    readKey(q, 5, actionKeys(), &e.action);
    readKey(q, 6, stateKeys(), &e.fromState);
    readKey(q, 7, stateKeys(), &e.toState);
    e.target = columnText(q, 8);
    e.note = columnText(q, 9);
    return e;
}

CasePhoto readPhoto(sqlite3_stmt* q)
{
    CasePhoto p;
    p.id = sqlite3_column_int64(q, 0);
    p.caseId = sqlite3_column_int64(q, 1);
    p.eventId = sqlite3_column_int64(q, 2); // NULL reads as 0: not known
    p.takenAt = columnTime(q, 3);
    p.mime = columnText(q, 4);
    p.width = sqlite3_column_int(q, 5);
    p.height = sqlite3_column_int(q, 6);
    p.bytes = sqlite3_column_int64(q, 7);
    p.thumbnail = columnBlob(q, 8);
    return p;
}

OutboxEntry readOutbox(sqlite3_stmt* q)
{
    OutboxEntry o;
    o.clientSeq = sqlite3_column_int64(q, 0);
    o.idempotencyKey = columnText(q, 1);
    o.caseId = sqlite3_column_int64(q, 2);
    o.seenVersion = sqlite3_column_int64(q, 3);
    o.action = columnText(q, 4);
    o.payload = columnBlob(q, 5);
    o.queuedAt = columnTime(q, 6);
    readKey(q, 7, outboxKeys(), &o.status);
    o.result = columnText(q, 8);
    return o;
}
} // namespace

QList<District> Store::districts() const
{
    return readAll<District>(
        m_db, "SELECT code, name, boundary FROM districts ORDER BY code",
        [](sqlite3_stmt* q) { return District { columnText(q, 0), columnText(q, 1), columnPolygon(q, 2) }; },
        &m_lastError);
}

QList<Street> Store::streets() const
{
    return readAll<Street>(
        m_db, "SELECT code, name, district_code, boundary FROM streets ORDER BY code",
        [](sqlite3_stmt* q) {
            return Street { columnText(q, 0), columnText(q, 1), columnText(q, 2), columnPolygon(q, 3) };
        },
        &m_lastError);
}

QList<Community> Store::communities() const
{
    return readAll<Community>(
        m_db, "SELECT code, name, street_code, boundary FROM communities ORDER BY code",
        [](sqlite3_stmt* q) {
            return Community { columnText(q, 0), columnText(q, 1), columnText(q, 2), columnPolygon(q, 3) };
        },
        &m_lastError);
}

QList<GridCell> Store::grids() const
{
    return readAll<GridCell>(
        m_db,
        "SELECT code, name, community_code, street_code, boundary, centroid_lon, centroid_lat FROM grids "
        "ORDER BY code",
        [](sqlite3_stmt* q) {
            return GridCell { columnText(q, 0), columnText(q, 1), columnText(q, 2), columnText(q, 3),
                columnPolygon(q, 4), { sqlite3_column_double(q, 5), sqlite3_column_double(q, 6) } };
        },
        &m_lastError);
}

QList<Worker> Store::workers() const
{
    return readAll<Worker>(
        m_db, "SELECT id, code, name, kind, home_grid_code, street_code, team, phone FROM workers ORDER BY code",
        [](sqlite3_stmt* q) {
            Worker w;
            w.id = sqlite3_column_int64(q, 0);
            w.code = columnText(q, 1);
            w.name = columnText(q, 2);
            readKey(q, 3, workerKindKeys(), &w.kind);
            w.homeGridCode = columnText(q, 4);
            w.streetCode = columnText(q, 5);
            w.team = columnText(q, 6);
            w.phone = columnText(q, 7);
            return w;
        },
        &m_lastError);
}

QList<Department> Store::departments() const
{
    return readAll<Department>(
        m_db, "SELECT code, name_zh, name_en FROM departments ORDER BY code",
        [](sqlite3_stmt* q) { return Department { columnText(q, 0), columnText(q, 1), columnText(q, 2) }; },
        &m_lastError);
}

namespace {
constexpr const char* kCameraSelect
    = "SELECT code, name, kind, lon, lat, direction, main_url, sub_url, grid_code, street_code FROM cameras ";

Camera cameraAt(sqlite3_stmt* q)
{
    Camera c;
    c.code = columnText(q, 0);
    c.name = columnText(q, 1);
    cameraKindFromKey(columnText(q, 2), &c.kind); // an unknown kind (a newer writer) reads as road
    c.position = { sqlite3_column_double(q, 3), sqlite3_column_double(q, 4) };
    c.direction = sqlite3_column_type(q, 5) == SQLITE_NULL ? -1 : sqlite3_column_double(q, 5);
    c.mainUrl = columnText(q, 6);
    c.subUrl = columnText(q, 7);
    c.gridCode = columnText(q, 8);
    c.streetCode = columnText(q, 9);
    return c;
}
} // namespace

QList<Camera> Store::cameras() const
{
    const QByteArray sql = QByteArray(kCameraSelect) + "ORDER BY code";
    return readAll<Camera>(m_db, sql.constData(), cameraAt, &m_lastError);
}

QList<Camera> Store::camerasIn(double west, double south, double east, double north) const
{
    QList<Camera> out;
    SqlStatement q(m_db, QByteArray(kCameraSelect) + "WHERE lon BETWEEN ?1 AND ?2 AND lat BETWEEN ?3 AND ?4 ORDER BY code");
    int i = 0;
    for (const double v : { west, east, south, north })
        sqlite3_bind_double(q.get(), ++i, v);
    while (q.step() == SQLITE_ROW)
        out.append(cameraAt(q.get()));
    if (q.rc() != SQLITE_DONE)
        m_lastError = QString::fromUtf8(sqlite3_errmsg(m_db));
    return out;
}

QList<BasemapFeature> Store::basemap() const
{
    return readAll<BasemapFeature>(
        m_db, "SELECT id, kind, name, line, area FROM basemap_features ORDER BY id",
        [](sqlite3_stmt* q) {
            BasemapFeature f;
            f.id = sqlite3_column_int64(q, 0);
            readKey(q, 1, basemapKindKeys(), &f.kind);
            f.name = columnText(q, 2);
            if (sqlite3_column_type(q, 3) != SQLITE_NULL)
                f.line = lineFromBlob(columnBlob(q, 3));
            f.area = columnPolygon(q, 4);
            return f;
        },
        &m_lastError);
}

std::optional<Case> Store::caseById(qint64 id) const
{
    SqlStatement query(m_db, selectSql(kCaseColumns, "FROM cases WHERE id = ?1").constData());
    if (!query.ok()) {
        fail("caseById");
        return std::nullopt;
    }
    sqlite3_bind_int64(query.get(), 1, id);
    if (query.step() == SQLITE_ROW)
        return readCase(query.get());
    if (query.rc() != SQLITE_DONE)
        fail("caseById");
    return std::nullopt;
}

QList<CaseEvent> Store::eventsFor(qint64 caseId) const
{
    QList<CaseEvent> events;
    SqlStatement query(m_db, selectSql(kEventColumns, "FROM case_events WHERE case_id = ?1 ORDER BY at, id").constData());
    if (!query.ok()) {
        fail("eventsFor");
        return events;
    }
    sqlite3_bind_int64(query.get(), 1, caseId);
    while (query.step() == SQLITE_ROW)
        events.append(readEvent(query.get()));
    if (query.rc() != SQLITE_DONE)
        fail("eventsFor");
    return events;
}

bool Store::forEachOpenCase(const std::function<void(const Case&)>& fn) const
{
    const QByteArray rest = QByteArray("FROM cases WHERE ") + schema::kOpenCaseTerm;
    SqlStatement query(m_db, selectSql(kCaseColumns, rest.constData()).constData());
    if (!query.ok())
        return fail("forEachOpenCase");
    while (query.step() == SQLITE_ROW)
        fn(readCase(query.get()));
    return query.rc() == SQLITE_DONE || fail("forEachOpenCase");
}

bool Store::forEachCase(const std::function<void(const Case&)>& fn) const
{
    SqlStatement query(m_db, selectSql(kCaseColumns, "FROM cases ORDER BY id").constData());
    if (!query.ok())
        return fail("forEachCase");
    while (query.step() == SQLITE_ROW)
        fn(readCase(query.get()));
    return query.rc() == SQLITE_DONE || fail("forEachCase");
}

StoreCounts Store::counts() const
{
    StoreCounts counts;
    {
        SqlStatement query(m_db,
            "SELECT (SELECT count(*) FROM districts), (SELECT count(*) FROM streets), "
            "(SELECT count(*) FROM communities), (SELECT count(*) FROM grids), (SELECT count(*) FROM workers), "
            "(SELECT count(*) FROM departments), (SELECT count(*) FROM basemap_features), "
            "(SELECT count(*) FROM case_events)");
        if (!query.ok() || query.step() != SQLITE_ROW) {
            fail("counts");
            return counts;
        }
        sqlite3_stmt* q = query.get();
        counts.districts = sqlite3_column_int(q, 0);
        counts.streets = sqlite3_column_int(q, 1);
        counts.communities = sqlite3_column_int(q, 2);
        counts.grids = sqlite3_column_int(q, 3);
        counts.workers = sqlite3_column_int(q, 4);
        counts.departments = sqlite3_column_int(q, 5);
        counts.basemapFeatures = sqlite3_column_int(q, 6);
        counts.events = sqlite3_column_int64(q, 7);
    }
    // The total is the sum of the groups: one pass over the (covering) state index.
    SqlStatement byState(m_db, "SELECT state, count(*) FROM cases GROUP BY state");
    if (!byState.ok()) {
        fail("counts");
        return counts;
    }
    while (byState.step() == SQLITE_ROW) {
        const qint64 n = sqlite3_column_int64(byState.get(), 1);
        CaseState state;
        const auto* key = reinterpret_cast<const char*>(sqlite3_column_text(byState.get(), 0));
        if (key && stateKeys().find(key, sqlite3_column_bytes(byState.get(), 0), &state))
            counts.casesByState[state] += n;
        counts.cases += n;
    }
    if (byState.rc() != SQLITE_DONE)
        fail("counts");
    return counts;
}

bool Store::setMeta(const QString& key, const QByteArray& value)
{
    sqlite3_stmt*& stmt = m_stmts->meta;
    if (!stmt && !ensure(m_db, &stmt, upsertSql("meta", "key, value", "key")))
        return fail("prepare setMeta");
    m_stmts->bindText(stmt, 1, key);
    // An empty value is stored as an empty blob, not NULL, so it reads back as set.
    sqlite3_bind_blob(stmt, 2, value.constData() ? value.constData() : "", int(value.size()), SQLITE_TRANSIENT);
    return run(stmt) == SQLITE_DONE || fail("setMeta");
}

QByteArray Store::meta(const QString& key) const
{
    SqlStatement query(m_db, "SELECT value FROM meta WHERE key = ?1");
    if (!query.ok()) {
        fail("meta");
        return {};
    }
    const QByteArray utf8 = key.toUtf8();
    sqlite3_bind_text(query.get(), 1, utf8.constData(), int(utf8.size()), SQLITE_STATIC);
    if (query.step() == SQLITE_ROW)
        return columnBlob(query.get(), 0);
    if (query.rc() != SQLITE_DONE)
        fail("meta");
    return {};
}

// Photos -----------------------------------------------------------------------------

bool Store::putPhoto(const CasePhoto& p, qint64* id)
{
    sqlite3_stmt*& stmt = m_stmts->photo;
    if (!stmt && !ensure(m_db, &stmt,
            QByteArray("INSERT INTO case_photos (") + kPhotoColumns
                + ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT(id) DO NOTHING"))
        return fail("prepare putPhoto");
    if (p.id > 0)
        sqlite3_bind_int64(stmt, 1, p.id);
    else
        sqlite3_bind_null(stmt, 1);
    sqlite3_bind_int64(stmt, 2, p.caseId);
    if (p.eventId > 0)
        sqlite3_bind_int64(stmt, 3, p.eventId);
    else
        sqlite3_bind_null(stmt, 3);
    bindTime(stmt, 4, p.takenAt);
    m_stmts->bindText(stmt, 5, p.mime);
    sqlite3_bind_int(stmt, 6, p.width);
    sqlite3_bind_int(stmt, 7, p.height);
    sqlite3_bind_int64(stmt, 8, p.bytes);
    // NOT NULL: a photo without a thumbnail still has a (zero-length) one.
    sqlite3_bind_blob(stmt, 9, p.thumbnail.constData() ? p.thumbnail.constData() : "", int(p.thumbnail.size()),
        SQLITE_TRANSIENT);
    if (run(stmt) != SQLITE_DONE)
        return fail("putPhoto");
    if (id)
        *id = p.id > 0 ? p.id : sqlite3_last_insert_rowid(m_db);
    return true;
}

QList<CasePhoto> Store::photosFor(qint64 caseId) const
{
    QList<CasePhoto> photos;
    SqlStatement query(m_db, selectSql(kPhotoColumns, "FROM case_photos WHERE case_id = ?1 ORDER BY taken_at, id").constData());
    if (!query.ok()) {
        fail("photosFor");
        return photos;
    }
    sqlite3_bind_int64(query.get(), 1, caseId);
    while (query.step() == SQLITE_ROW)
        photos.append(readPhoto(query.get()));
    if (query.rc() != SQLITE_DONE)
        fail("photosFor");
    return photos;
}

std::optional<CasePhoto> Store::photoById(qint64 id) const
{
    SqlStatement query(m_db, selectSql(kPhotoColumns, "FROM case_photos WHERE id = ?1").constData());
    if (!query.ok()) {
        fail("photoById");
        return std::nullopt;
    }
    sqlite3_bind_int64(query.get(), 1, id);
    if (query.step() == SQLITE_ROW)
        return readPhoto(query.get());
    if (query.rc() != SQLITE_DONE)
        fail("photoById");
    return std::nullopt;
}

void Store::setPhotoCacheLimits(qint64 maxBytes, int maxEntries)
{
    m_photoCacheBytes = std::max<qint64>(0, maxBytes);
    m_photoCacheEntries = std::max(0, maxEntries);
}

bool Store::putCachedPhoto(qint64 photoId, const QString& mime, const QByteArray& data)
{
    const bool ownTransaction = sqlite3_get_autocommit(m_db) != 0;
    if (ownTransaction && !begin())
        return false;
    auto finish = [&](bool ok) {
        if (!ownTransaction)
            return ok;
        if (ok)
            return commit();
        const QString error = m_lastError;
        rollback();
        m_lastError = error;
        return false;
    };
    {
        // A use counter, not a clock: two puts in one millisecond still have an order.
        SqlStatement put(m_db,
            "INSERT OR REPLACE INTO photo_cache (photo_id, mime, data, bytes, last_use) VALUES (?1, ?2, ?3, ?4, "
            "(SELECT coalesce(max(last_use), 0) + 1 FROM photo_cache))");
        if (!put.ok())
            return finish(fail("putCachedPhoto"));
        const QByteArray mimeUtf8 = mime.toUtf8();
        sqlite3_bind_int64(put.get(), 1, photoId);
        sqlite3_bind_text(put.get(), 2, mimeUtf8.constData(), int(mimeUtf8.size()), SQLITE_STATIC);
        sqlite3_bind_blob(put.get(), 3, data.constData() ? data.constData() : "", int(data.size()), SQLITE_STATIC);
        sqlite3_bind_int64(put.get(), 4, data.size());
        if (put.step() != SQLITE_DONE)
            return finish(fail("putCachedPhoto"));
    }
    // A photo larger than the whole budget goes first, so that it does not push out the rest.
    SqlStatement oversized(m_db, "DELETE FROM photo_cache WHERE bytes > ?1");
    if (!oversized.ok())
        return finish(fail("putCachedPhoto evict"));
    sqlite3_bind_int64(oversized.get(), 1, m_photoCacheBytes);
    if (oversized.step() != SQLITE_DONE)
        return finish(fail("putCachedPhoto evict"));
    // Then the most recently used that fit the budget stay, and the rest go.
    SqlStatement evict(m_db,
        "DELETE FROM photo_cache WHERE photo_id IN (SELECT photo_id FROM (SELECT photo_id, "
        "sum(bytes) OVER (ORDER BY last_use DESC ROWS UNBOUNDED PRECEDING) AS kept_bytes, "
        "row_number() OVER (ORDER BY last_use DESC) AS kept_entries FROM photo_cache) "
        "WHERE kept_bytes > ?1 OR kept_entries > ?2)");
    if (!evict.ok())
        return finish(fail("putCachedPhoto evict"));
    sqlite3_bind_int64(evict.get(), 1, m_photoCacheBytes);
    sqlite3_bind_int64(evict.get(), 2, m_photoCacheEntries);
    if (evict.step() != SQLITE_DONE)
        return finish(fail("putCachedPhoto evict"));
    return finish(true);
}

std::optional<CachedPhoto> Store::cachedPhoto(qint64 photoId)
{
    SqlStatement query(m_db, "SELECT mime, data FROM photo_cache WHERE photo_id = ?1");
    if (!query.ok()) {
        fail("cachedPhoto");
        return std::nullopt;
    }
    sqlite3_bind_int64(query.get(), 1, photoId);
    if (query.step() != SQLITE_ROW) {
        if (query.rc() != SQLITE_DONE)
            fail("cachedPhoto");
        return std::nullopt;
    }
    const CachedPhoto photo { columnText(query.get(), 0), columnBlob(query.get(), 1) };
    SqlStatement touch(m_db,
        "UPDATE photo_cache SET last_use = (SELECT max(last_use) + 1 FROM photo_cache) WHERE photo_id = ?1");
    if (touch.ok()) {
        sqlite3_bind_int64(touch.get(), 1, photoId);
        touch.step();
    }
    // A failed touch only makes the photo look older than it is; the read stands.
    if (!touch.ok() || touch.rc() != SQLITE_DONE)
        fail("cachedPhoto touch");
    return photo;
}

PhotoCacheUsage Store::photoCacheUsage() const
{
    SqlStatement query(m_db, "SELECT coalesce(sum(bytes), 0), count(*) FROM photo_cache");
    if (!query.ok() || query.step() != SQLITE_ROW) {
        fail("photoCacheUsage");
        return {};
    }
    return { sqlite3_column_int64(query.get(), 0), sqlite3_column_int(query.get(), 1) };
}

bool Store::clearPhotoCache()
{
    return exec("DELETE FROM photo_cache");
}

// Outbox -----------------------------------------------------------------------------

std::optional<qint64> Store::enqueue(OutboxEntry entry)
{
    if (entry.idempotencyKey.isEmpty()) {
        m_lastError = QStringLiteral("enqueue: an outbox entry needs an idempotency key");
        ++m_failures;
        return std::nullopt;
    }
    sqlite3_stmt*& stmt = m_stmts->outboxInsert;
    // A retry with the same key must not become a second action: the insert does nothing
    // and the existing sequence number is returned below.
    if (!stmt && !ensure(m_db, &stmt,
            "INSERT INTO outbox (idempotency_key, case_id, seen_version, action, payload, queued_at, status, "
            "result) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT(idempotency_key) DO NOTHING")) {
        fail("prepare enqueue");
        return std::nullopt;
    }
    if (!entry.queuedAt.isValid())
        entry.queuedAt = QDateTime::currentDateTimeUtc();
    Statements& s = *m_stmts;
    s.bindText(stmt, 1, entry.idempotencyKey);
    sqlite3_bind_int64(stmt, 2, entry.caseId);
    sqlite3_bind_int64(stmt, 3, entry.seenVersion);
    s.bindText(stmt, 4, entry.action);
    bindBlob(stmt, 5, entry.payload.isNull() ? QByteArray("") : entry.payload);
    bindTime(stmt, 6, entry.queuedAt);
    bindKey(stmt, 7, outboxKeys()[entry.status]);
    s.bindText(stmt, 8, entry.result);
    if (run(stmt) != SQLITE_DONE) {
        fail("enqueue");
        return std::nullopt;
    }
    if (sqlite3_changes(m_db) > 0)
        return sqlite3_last_insert_rowid(m_db);

    SqlStatement existing(m_db, "SELECT client_seq FROM outbox WHERE idempotency_key = ?1");
    const QByteArray key = entry.idempotencyKey.toUtf8();
    if (existing.ok()) {
        sqlite3_bind_text(existing.get(), 1, key.constData(), int(key.size()), SQLITE_STATIC);
        if (existing.step() == SQLITE_ROW)
            return sqlite3_column_int64(existing.get(), 0);
    }
    fail("enqueue");
    return std::nullopt;
}

bool Store::withdrawQueued(const QList<qint64>& clientSeqs, QString* reason)
{
    auto refuse = [reason](const QString& why) {
        if (reason)
            *reason = why;
        return false;
    };
    if (clientSeqs.isEmpty())
        return refuse(QStringLiteral("unknown"));
    const bool ownTransaction = sqlite3_get_autocommit(m_db) != 0;
    if (ownTransaction && !begin())
        return refuse(m_lastError);
    auto finish = [&](bool ok, const QString& why) {
        if (ownTransaction) {
            if (ok && !commit())
                return refuse(m_lastError);
            if (!ok)
                rollback();
        }
        return ok ? true : refuse(why);
    };
    // The newest entries, as many as asked for: they must be exactly the ones asked for.
    SqlStatement newest(m_db, "SELECT client_seq, status FROM outbox ORDER BY client_seq DESC LIMIT ?1");
    if (!newest.ok())
        return finish(false, QString::fromUtf8(sqlite3_errmsg(m_db)));
    sqlite3_bind_int64(newest.get(), 1, clientSeqs.size());
    QList<qint64> wanted = clientSeqs;
    while (newest.step() == SQLITE_ROW) {
        const qint64 seq = sqlite3_column_int64(newest.get(), 0);
        const QByteArray status(reinterpret_cast<const char*>(sqlite3_column_text(newest.get(), 1)));
        if (!wanted.removeOne(seq))
            return finish(false, QStringLiteral("not_newest"));
        if (status != "queued")
            return finish(false, QStringLiteral("sent"));
    }
    if (!wanted.isEmpty())
        return finish(false, QStringLiteral("unknown"));
    QByteArray list;
    for (qint64 seq : clientSeqs)
        list += (list.isEmpty() ? "" : ",") + QByteArray::number(seq);
    const QByteArray del = "DELETE FROM outbox WHERE client_seq IN (" + list + ")";
    if (!exec(del.constData()))
        return finish(false, m_lastError);
    if (!exec("UPDATE sqlite_sequence SET seq = (SELECT COALESCE(MAX(client_seq), 0) FROM outbox) "
              "WHERE name = 'outbox'"))
        return finish(false, m_lastError);
    return finish(true, {});
}

QList<OutboxEntry> Store::pendingOutbox() const
{
    return readAll<OutboxEntry>(m_db,
        selectSql(kOutboxColumns, "FROM outbox WHERE status IN ('queued', 'sent') ORDER BY client_seq").constData(),
        readOutbox, &m_lastError);
}

bool Store::setOutboxStatus(qint64 clientSeq, OutboxEntry::Status status, const QString& result)
{
    sqlite3_stmt*& stmt = m_stmts->outboxStatus;
    if (!stmt && !ensure(m_db, &stmt, "UPDATE outbox SET status = ?1, result = ?2 WHERE client_seq = ?3"))
        return fail("prepare setOutboxStatus");
    bindKey(stmt, 1, outboxKeys()[status]);
    m_stmts->bindText(stmt, 2, result);
    sqlite3_bind_int64(stmt, 3, clientSeq);
    if (run(stmt) != SQLITE_DONE)
        return fail("setOutboxStatus");
    if (sqlite3_changes(m_db) == 0) {
        m_lastError = QStringLiteral("setOutboxStatus: no outbox entry %1").arg(clientSeq);
        ++m_failures;
        return false;
    }
    return true;
}

} // namespace gridhall
