#include "models/store/trackstore.h"

#include "models/store/sqlstatement.h"
#include "models/store/store.h"

#include <sqlite3.h>

namespace gridhall {

namespace {
QString sqlError(sqlite3* db)
{
    return QString::fromUtf8(sqlite3_errmsg(db));
}

bool execSql(sqlite3* db, const char* sql, QString* error)
{
    if (sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK)
        return true;
    if (error)
        *error = sqlError(db);
    return false;
}
} // namespace

bool TrackThinner::keep(const RecordedFix& fix)
{
    auto it = m_last.find(fix.worker);
    if (it == m_last.end()) {
        m_last.insert(fix.worker, fix);
        return true;
    }
    if (fix.atMs <= it->atMs)
        return false;
    if (fix.atMs - it->atMs < m_maxGapMs && distanceMetres(it->pos, fix.pos) < m_minMetres)
        return false;
    *it = fix;
    return true;
}

bool appendRecordedFixes(Store& store, const QList<RecordedFix>& fixes, QString* error)
{
    if (fixes.isEmpty())
        return true;
    sqlite3* db = store.handle();
    const bool ownTransaction = sqlite3_get_autocommit(db) != 0;
    // Tracks are a record, not the operator's work: a crash may lose the last batch, so its
    // commit does not wait for the disk (in WAL the next FULL commit syncs it along).
    if (ownTransaction) {
        execSql(db, "PRAGMA synchronous = NORMAL", nullptr);
        if (!execSql(db, "BEGIN IMMEDIATE", error)) {
            execSql(db, "PRAGMA synchronous = FULL", nullptr);
            return false;
        }
    }
    SqlStatement insert(db, "INSERT INTO worker_fixes (worker_code, at, lon, lat) VALUES (?1, ?2, ?3, ?4) "
                         "ON CONFLICT DO NOTHING");
    bool ok = insert.ok();
    for (const RecordedFix& f : fixes) {
        if (!ok)
            break;
        const QByteArray worker = f.worker.toUtf8();
        sqlite3_bind_text(insert.get(), 1, worker.constData(), int(worker.size()), SQLITE_TRANSIENT);
        sqlite3_bind_int64(insert.get(), 2, f.atMs);
        sqlite3_bind_double(insert.get(), 3, f.pos.lon);
        sqlite3_bind_double(insert.get(), 4, f.pos.lat);
        ok = sqlite3_step(insert.get()) == SQLITE_DONE;
        sqlite3_reset(insert.get());
    }
    if (!ok) {
        if (error)
            *error = sqlError(db);
        if (ownTransaction) {
            sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
            execSql(db, "PRAGMA synchronous = FULL", nullptr);
        }
        return false;
    }
    if (!ownTransaction)
        return true;
    const bool committed = execSql(db, "COMMIT", error);
    execSql(db, "PRAGMA synchronous = FULL", nullptr);
    return committed;
}

QList<RecordedFix> recordedFixes(const Store& store, const QStringList& workers, qint64 fromMs, qint64 toMs,
    QString* error, int limit)
{
    sqlite3* db = store.handle();
    QList<RecordedFix> out;
    // One range read per worker keeps to the primary key; all workers is one scan.
    const QStringList keys = workers.isEmpty() ? QStringList { QString() } : workers;
    SqlStatement q(db, workers.isEmpty()
            ? QByteArray("SELECT worker_code, at, lon, lat FROM worker_fixes WHERE at >= ?2 AND at < ?3 "
                         "ORDER BY worker_code, at")
            : QByteArray("SELECT worker_code, at, lon, lat FROM worker_fixes WHERE worker_code = ?1 AND at >= ?2 "
                         "AND at < ?3 ORDER BY at"));
    if (!q.ok()) {
        if (error)
            *error = sqlError(db);
        return {};
    }
    QStringList sorted = keys;
    sorted.sort();
    sorted.removeDuplicates();
    for (const QString& worker : std::as_const(sorted)) {
        const QByteArray w = worker.toUtf8();
        if (!workers.isEmpty())
            sqlite3_bind_text(q.get(), 1, w.constData(), int(w.size()), SQLITE_TRANSIENT);
        sqlite3_bind_int64(q.get(), 2, fromMs);
        sqlite3_bind_int64(q.get(), 3, toMs);
        int rc = SQLITE_DONE;
        while ((rc = sqlite3_step(q.get())) == SQLITE_ROW) {
            RecordedFix f;
            f.worker = QString::fromUtf8(reinterpret_cast<const char*>(sqlite3_column_text(q.get(), 0)),
                sqlite3_column_bytes(q.get(), 0));
            f.atMs = sqlite3_column_int64(q.get(), 1);
            f.pos = { sqlite3_column_double(q.get(), 2), sqlite3_column_double(q.get(), 3) };
            out.append(f);
            if (limit > 0 && out.size() >= limit) {
                rc = SQLITE_DONE; // the limit ends the read as if the rows had
                break;
            }
        }
        if (rc != SQLITE_DONE) {
            if (error)
                *error = sqlError(db);
            return {};
        }
        sqlite3_reset(q.get());
        if (limit > 0 && out.size() >= limit)
            break; // the other workers' ranges are not read at all
    }
    return out;
}

qint64 pruneRecordedFixes(Store& store, qint64 beforeMs, QString* error)
{
    sqlite3* db = store.handle();
    SqlStatement del(db, "DELETE FROM worker_fixes WHERE at < ?1");
    if (del.ok()) {
        sqlite3_bind_int64(del.get(), 1, beforeMs);
        if (sqlite3_step(del.get()) == SQLITE_DONE)
            return sqlite3_changes64(db);
    }
    if (error)
        *error = sqlError(db);
    return -1;
}

} // namespace gridhall
