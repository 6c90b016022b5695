#pragma once
// Raster tiles under (or instead of) the vector basemap: an XYZ tile server with an
// on-disk MBTiles cache, an offline MBTiles file, or any raster GDAL reads (GeoTIFF,
// MBTiles) warped to Web Mercator. The renderer gets a snapshot of the decoded tiles it
// needs (QImages are implicitly shared); tiles not in memory are loaded from disk or the
// network in the background and the layer asks for a repaint when they arrive. A source in
// GCJ-02 is placed by converting its tile corners to WGS84 so it lines up with GridHall's
// WGS84 data. A missing or broken source never stops the map: the layer draws nothing and
// status()/statusText() say why.

#include "maps/layer.h"
#include "maps/tilecache.h"
#include "maps/tilefetcher.h"
#include "maps/tilesource.h"

#include <QCache>
#include <QImage>
#include <QSet>

#include <memory>

namespace gridhall {

class RasterBasemapLayer : public MapLayer {
    Q_OBJECT
public:
    struct Options {
        // Where XYZ sources keep their MBTiles cache; empty: the user's cache folder.
        QString cacheDirectory;
        TileFetcher::Options fetch;
        qsizetype memoryBudgetBytes = 192LL * 1024 * 1024; // decoded tiles kept in memory
    };
    enum class Status { Ok, Loading, Unreachable, FileUnreadable };

    explicit RasterBasemapLayer(TileSourceSpec spec, QObject* parent = nullptr);
    RasterBasemapLayer(TileSourceSpec spec, Options options, QObject* parent = nullptr);
    ~RasterBasemapLayer() override;

    const TileSourceSpec& spec() const { return m_spec; }
    Status status() const { return m_status; }
    // "ok", "loading", "unreachable: <reason>", "file unreadable: <reason>" (translated).
    QString statusText() const;
    // The XYZ source's disk cache or the offline MBTiles file; null for GDAL sources or
    // when it could not be opened.
    const TileCache* tileCache() const { return m_cache.get(); }
    QString cachePath() const { return m_cachePath; }
    // Tile zoom drawn for viewport (XYZ and MBTiles sources).
    int tileZoomFor(const Viewport& viewport) const;
    // Decoded tiles in memory.
    int tilesInMemory() const { return int(m_tiles.size()); }
    // Whether background loading or fetching is going on.
    bool isBusy() const;

    std::unique_ptr<LayerRenderer> createRenderer(const Viewport& viewport) const override;

signals:
    void statusChanged();

private:
    struct LoadResult;
    void openSource();
    void scheduleWork() const;
    void processWanted();
    void loadFinished(const LoadResult& result);
    void tileArrived(const TileKey& key, const QByteArray& data);
    void tileFailed(const TileKey& key, bool missing, const QString& reason);
    void updateStatus();
    QList<TileKey> coveringTiles(const Viewport& viewport, int z) const;
    QRectF tileRect(const Viewport& viewport, const TileKey& key) const;

    TileSourceSpec m_spec;
    Options m_options;
    Status m_status = Status::Ok;
    QString m_reason;
    QString m_cachePath;
    std::shared_ptr<TileCache> m_cache;
    std::unique_ptr<TileFetcher> m_fetcher;
    int m_fileMinZoom = 0, m_fileMaxZoom = -1;

    // Loading state, touched from createRenderer() (const, GUI thread) hence mutable.
    mutable QCache<TileKey, QImage> m_tiles;
    mutable QSet<TileKey> m_missing; // known not to exist: never asked again
    mutable QSet<TileKey> m_notOnDisk; // XYZ: not in the disk cache, go to the network
    mutable QSet<TileKey> m_inProgress; // wanted, loading or fetching
    mutable QList<TileKey> m_wanted;
    mutable QList<std::pair<TileKey, QByteArray>> m_arrived;
    mutable bool m_workScheduled = false;
    bool m_loadRunning = false;
    bool m_unreachable = false;
    std::unique_ptr<QObject> m_loadWatcher; // QFutureWatcher<LoadResult>, dies with the layer
};

} // namespace gridhall
