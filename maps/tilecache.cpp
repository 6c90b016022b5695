#include "maps/tilecache.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <sqlite3.h>

namespace gridhall {

namespace {

// Prepared statement that finalizes itself.
struct Statement {
    sqlite3_stmt* stmt = nullptr;
    Statement(sqlite3* db, const char* sql) { sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr); }
    ~Statement() { sqlite3_finalize(stmt); }
    explicit operator bool() const { return stmt != nullptr; }
};

int tmsRow(const TileKey& k) { return (1 << k.z) - 1 - k.y; }

} // namespace

TileCache::~TileCache()
{
    if (m_db)
        sqlite3_close_v2(m_db);
}

bool TileCache::exec(const char* sql, QString* error)
{
    char* message = nullptr;
    if (sqlite3_exec(m_db, sql, nullptr, nullptr, &message) == SQLITE_OK)
        return true;
    if (error)
        *error = QString::fromUtf8(message ? message : sqlite3_errmsg(m_db));
    sqlite3_free(message);
    return false;
}

std::unique_ptr<TileCache> TileCache::open(const QString& path, Mode mode, QString* error)
{
    std::unique_ptr<TileCache> cache(new TileCache);
    cache->m_path = path;
    if (mode == Mode::ReadOnly && !QFileInfo::exists(path)) {
        if (error)
            *error = QCoreApplication::translate("gridhall::TileCache", "%1 does not exist").arg(path);
        return nullptr;
    }
    if (mode == Mode::ReadWrite && !QDir().mkpath(QFileInfo(path).absolutePath())) {
        if (error)
            *error = QCoreApplication::translate("gridhall::TileCache", "cannot create the folder for %1").arg(path);
        return nullptr;
    }
    const int flags = (mode == Mode::ReadOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
        | SQLITE_OPEN_FULLMUTEX;
    const QByteArray encoded = QFile::encodeName(path);
    if (sqlite3_open_v2(encoded.constData(), &cache->m_db, flags, nullptr) != SQLITE_OK) {
        if (error)
            *error = QString::fromUtf8(cache->m_db ? sqlite3_errmsg(cache->m_db) : "out of memory");
        return nullptr;
    }
    sqlite3_busy_timeout(cache->m_db, 2000);
    QString sqlError;
    if (mode == Mode::ReadWrite) {
        // A cache can always be refetched: WAL without fsync per tile keeps stores cheap.
        if (!cache->exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
                         "CREATE TABLE IF NOT EXISTS metadata (name TEXT PRIMARY KEY, value TEXT);"
                         "CREATE TABLE IF NOT EXISTS tiles (zoom_level INTEGER, tile_column INTEGER,"
                         " tile_row INTEGER, tile_data BLOB);"
                         "CREATE UNIQUE INDEX IF NOT EXISTS tile_index ON tiles (zoom_level, tile_column, tile_row);",
                &sqlError)) {
            if (error)
                *error = QCoreApplication::translate("gridhall::TileCache", "%1 is not a usable MBTiles cache: %2").arg(path, sqlError);
            return nullptr;
        }
    } else {
        // Check the tables are there now, not at the first tile.
        if (!cache->exec("SELECT zoom_level, tile_column, tile_row, tile_data FROM tiles LIMIT 0;", &sqlError)) {
            if (error)
                *error = QCoreApplication::translate("gridhall::TileCache", "%1 is not an MBTiles file: %2").arg(path, sqlError);
            return nullptr;
        }
    }
    return cache;
}

std::optional<QByteArray> TileCache::tile(const TileKey& key) const
{
    std::lock_guard lock(m_mutex);
    Statement q(m_db, "SELECT tile_data FROM tiles WHERE zoom_level=?1 AND tile_column=?2 AND tile_row=?3");
    if (!q)
        return std::nullopt;
    sqlite3_bind_int(q.stmt, 1, key.z);
    sqlite3_bind_int(q.stmt, 2, key.x);
    sqlite3_bind_int(q.stmt, 3, tmsRow(key));
    if (sqlite3_step(q.stmt) != SQLITE_ROW)
        return std::nullopt;
    const void* blob = sqlite3_column_blob(q.stmt, 0);
    const int size = sqlite3_column_bytes(q.stmt, 0);
    return QByteArray(static_cast<const char*>(blob), size);
}

bool TileCache::contains(const TileKey& key) const
{
    return tile(key).has_value();
}

bool TileCache::storeTile(const TileKey& key, const QByteArray& data, QString* error)
{
    std::lock_guard lock(m_mutex);
    Statement q(m_db, "INSERT OR REPLACE INTO tiles (zoom_level, tile_column, tile_row, tile_data) VALUES (?1, ?2, ?3, ?4)");
    if (q) {
        sqlite3_bind_int(q.stmt, 1, key.z);
        sqlite3_bind_int(q.stmt, 2, key.x);
        sqlite3_bind_int(q.stmt, 3, tmsRow(key));
        sqlite3_bind_blob(q.stmt, 4, data.constData(), int(data.size()), SQLITE_TRANSIENT);
        if (sqlite3_step(q.stmt) == SQLITE_DONE)
            return true;
    }
    if (error)
        *error = QString::fromUtf8(sqlite3_errmsg(m_db));
    return false;
}

qsizetype TileCache::tileCount() const
{
    std::lock_guard lock(m_mutex);
    Statement q(m_db, "SELECT count(*) FROM tiles");
    return q && sqlite3_step(q.stmt) == SQLITE_ROW ? sqlite3_column_int64(q.stmt, 0) : 0;
}

QMap<QString, QString> TileCache::metadata() const
{
    std::lock_guard lock(m_mutex);
    QMap<QString, QString> result;
    Statement q(m_db, "SELECT name, value FROM metadata");
    while (q && sqlite3_step(q.stmt) == SQLITE_ROW) {
        result.insert(QString::fromUtf8(reinterpret_cast<const char*>(sqlite3_column_text(q.stmt, 0))),
            QString::fromUtf8(reinterpret_cast<const char*>(sqlite3_column_text(q.stmt, 1))));
    }
    return result;
}

bool TileCache::setMetadata(const QString& name, const QString& value)
{
    std::lock_guard lock(m_mutex);
    Statement q(m_db, "INSERT OR REPLACE INTO metadata (name, value) VALUES (?1, ?2)");
    if (!q)
        return false;
    const QByteArray n = name.toUtf8(), v = value.toUtf8();
    sqlite3_bind_text(q.stmt, 1, n.constData(), int(n.size()), SQLITE_TRANSIENT);
    sqlite3_bind_text(q.stmt, 2, v.constData(), int(v.size()), SQLITE_TRANSIENT);
    return sqlite3_step(q.stmt) == SQLITE_DONE;
}

std::pair<int, int> TileCache::zoomRange() const
{
    std::lock_guard lock(m_mutex);
    Statement q(m_db, "SELECT min(zoom_level), max(zoom_level) FROM tiles");
    if (q && sqlite3_step(q.stmt) == SQLITE_ROW && sqlite3_column_type(q.stmt, 0) != SQLITE_NULL)
        return { sqlite3_column_int(q.stmt, 0), sqlite3_column_int(q.stmt, 1) };
    return { 1, 0 };
}

} // namespace gridhall
