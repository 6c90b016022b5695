#pragma once
// Tiles on disk in an MBTiles file (SQLite: the standard metadata and tiles tables, rows
// in the TMS scheme, so y is flipped on the way in and out). Used both as the on-disk
// cache of an XYZ source (read-write) and to read an offline MBTiles file (read-only).
// One connection guarded by a mutex: the layer's loader thread and the GUI thread may
// both call it.

#include <QByteArray>
#include <QMap>
#include <QString>

#include <memory>
#include <mutex>
#include <optional>

struct sqlite3;

namespace gridhall {

struct TileKey {
    int z = 0, x = 0, y = 0; // XYZ scheme
    friend bool operator==(const TileKey&, const TileKey&) = default;
};
inline size_t qHash(const TileKey& k, size_t seed = 0)
{
    return ::qHash((quint64(quint32(k.z)) << 48) ^ (quint64(quint32(k.x)) << 24) ^ quint64(quint32(k.y)), seed);
}

class TileCache {
public:
    enum class Mode { ReadOnly, ReadWrite };
    ~TileCache();
    TileCache(const TileCache&) = delete;
    TileCache& operator=(const TileCache&) = delete;

    // Opens (ReadWrite: creates with its folder and schema if needed) the MBTiles file.
    // Returns null and sets *error on failure.
    static std::unique_ptr<TileCache> open(const QString& path, Mode mode, QString* error);

    QString path() const { return m_path; }
    // The tile's encoded bytes (PNG/JPEG as stored), or nothing.
    std::optional<QByteArray> tile(const TileKey& key) const;
    bool contains(const TileKey& key) const;
    bool storeTile(const TileKey& key, const QByteArray& data, QString* error = nullptr);
    qsizetype tileCount() const;

    QMap<QString, QString> metadata() const;
    bool setMetadata(const QString& name, const QString& value);
    // Zoom range present in the tiles table (min > max when empty).
    std::pair<int, int> zoomRange() const;

private:
    TileCache() = default;
    bool exec(const char* sql, QString* error = nullptr);

    QString m_path;
    sqlite3* m_db = nullptr;
    mutable std::mutex m_mutex;
};

} // namespace gridhall
