#include "maps/rasterbasemaplayer.h"

#include "maps/gcj02.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFutureWatcher>
#include <QPainter>
#include <QStandardPaths>
#include <QTimer>
#include <QtConcurrent>

#include <cpl_conv.h>
#include <cpl_error.h>
#include <gdal.h>
#include <gdalwarper.h>
#include <ogr_srs_api.h>

#include <cmath>

namespace gridhall {

namespace {

constexpr int kMaxTilesPerRender = 1024;
constexpr int kTilesPerLoadBatch = 64;

// --- GDAL sources --------------------------------------------------------------------

struct GdalHandles {
    GDALDatasetH source = nullptr;
    GDALDatasetH warped = nullptr;
    ~GdalHandles()
    {
        if (warped)
            GDALClose(warped);
        if (source)
            GDALClose(source);
    }
};

// Opens path and wraps it in a VRT warped to Web Mercator. Thread-safe: every caller gets
// its own handles (GDAL datasets are not shared between threads).
bool openWarped(const QString& path, GdalHandles& h, QString* error)
{
    CPLErrorReset();
    const QByteArray encoded = QFile::encodeName(path);
    h.source = GDALOpenEx(encoded.constData(), GDAL_OF_RASTER | GDAL_OF_READONLY | GDAL_OF_VERBOSE_ERROR, nullptr, nullptr, nullptr);
    if (!h.source) {
        *error = QString::fromUtf8(CPLGetLastErrorMsg());
        if (error->isEmpty())
            *error = QCoreApplication::translate("gridhall::RasterBasemapLayer", "GDAL cannot open %1").arg(path);
        return false;
    }
    if (GDALGetRasterCount(h.source) < 1) {
        *error = QCoreApplication::translate("gridhall::RasterBasemapLayer", "%1 has no raster bands").arg(path);
        return false;
    }
    const char* wkt = GDALGetProjectionRef(h.source);
    if (!wkt || !*wkt) {
        *error = QCoreApplication::translate("gridhall::RasterBasemapLayer", "%1 has no coordinate system").arg(path);
        return false;
    }
    OGRSpatialReferenceH mercator = OSRNewSpatialReference(nullptr);
    OSRImportFromEPSG(mercator, 3857);
    char* mercatorWkt = nullptr;
    OSRExportToWkt(mercator, &mercatorWkt);
    h.warped = GDALAutoCreateWarpedVRT(h.source, nullptr, mercatorWkt, GRA_Bilinear, 0.125, nullptr);
    CPLFree(mercatorWkt);
    OSRDestroySpatialReference(mercator);
    if (!h.warped) {
        *error = QCoreApplication::translate("gridhall::RasterBasemapLayer", "%1 cannot be warped to Web Mercator: %2").arg(path, QString::fromUtf8(CPLGetLastErrorMsg()));
        return false;
    }
    return true;
}

// Normalised Mercator → EPSG:3857 metres.
QPointF toMercatorMetres(QPointF n)
{
    return { (n.x() - 0.5) * mercator::kEarthCircumferenceMetres, (0.5 - n.y()) * mercator::kEarthCircumferenceMetres };
}

class GdalRenderer : public LayerRenderer {
public:
    GdalRenderer(QString path, TileDatum datum, Viewport viewport)
        : m_path(std::move(path)), m_datum(datum), m_viewport(viewport)
    {
    }

    void render(QPainter& painter, const std::atomic_bool& cancel) override
    {
        GdalHandles h;
        QString error;
        CPLPushErrorHandler(CPLQuietErrorHandler);
        const bool opened = openWarped(m_path, h, &error);
        CPLPopErrorHandler();
        if (!opened || cancel)
            return;
        double gt[6];
        if (GDALGetGeoTransform(h.warped, gt) != CE_None || gt[2] != 0 || gt[4] != 0)
            return;
        const int width = GDALGetRasterXSize(h.warped), height = GDALGetRasterYSize(h.warped);

        // The view's corners in the source's datum.
        const QSizeF size = m_viewport.size();
        auto sourcePoint = [&](QPointF pixel) {
            QPointF n = m_viewport.pixelToNormalised(pixel);
            if (m_datum == TileDatum::Gcj02)
                n = mercator::fromLonLat(gcj02::fromWgs84(mercator::toLonLat(n)));
            return toMercatorMetres(n);
        };
        const QPointF topLeft = sourcePoint({ 0, 0 });
        const QPointF bottomRight = sourcePoint({ size.width(), size.height() });
        // Source pixel window of the whole view (may reach beyond the raster).
        const double col0 = (topLeft.x() - gt[0]) / gt[1], col1 = (bottomRight.x() - gt[0]) / gt[1];
        const double row0 = (topLeft.y() - gt[3]) / gt[5], row1 = (bottomRight.y() - gt[3]) / gt[5];
        if (!(col1 > col0) || !(row1 > row0))
            return;
        const double readCol0 = std::max(0.0, col0), readCol1 = std::min<double>(width, col1);
        const double readRow0 = std::max(0.0, row0), readRow1 = std::min<double>(height, row1);
        if (readCol1 <= readCol0 || readRow1 <= readRow0)
            return;
        // Where that part of the raster lands in the view, in logical pixels.
        const QRectF target(QPointF((readCol0 - col0) / (col1 - col0) * size.width(), (readRow0 - row0) / (row1 - row0) * size.height()),
            QPointF((readCol1 - col0) / (col1 - col0) * size.width(), (readRow1 - row0) / (row1 - row0) * size.height()));
        const qreal dpr = m_viewport.devicePixelRatio();
        const int bufferWidth = std::max(1, int(std::ceil(target.width() * dpr)));
        const int bufferHeight = std::max(1, int(std::ceil(target.height() * dpr)));

        QImage image(bufferWidth, bufferHeight, QImage::Format_RGBA8888);
        image.fill(Qt::white);
        GDALRasterIOExtraArg extra;
        INIT_RASTERIO_EXTRA_ARG(extra);
        extra.eResampleAlg = GRIORA_Bilinear;
        extra.bFloatingPointWindowValidity = TRUE;
        extra.dfXOff = readCol0;
        extra.dfYOff = readRow0;
        extra.dfXSize = readCol1 - readCol0;
        extra.dfYSize = readRow1 - readRow0;
        const int xOff = int(std::floor(readCol0)), yOff = int(std::floor(readRow0));
        const int xSize = std::max(1, std::min(width - xOff, int(std::ceil(readCol1)) - xOff));
        const int ySize = std::max(1, std::min(height - yOff, int(std::ceil(readRow1)) - yOff));

        const int bands = GDALGetRasterCount(h.warped);
        const GDALRasterBandH first = GDALGetRasterBand(h.warped, 1);
        const GDALColorTableH palette = GDALGetRasterColorTable(first);
        CPLErr err = CE_None;
        if (bands >= 3) {
            int bandMap[4] = { 1, 2, 3, 4 };
            err = GDALDatasetRasterIOEx(h.warped, GF_Read, xOff, yOff, xSize, ySize, image.bits(), bufferWidth,
                bufferHeight, GDT_Byte, std::min(bands, 4), bandMap, 4, image.bytesPerLine(), 1, &extra);
        } else {
            // Grey or paletted (with optional alpha in band 2): read bytes, expand.
            QByteArray values(qsizetype(bufferWidth) * bufferHeight, 0);
            QByteArray alpha(values.size(), char(255));
            if (palette)
                extra.eResampleAlg = GRIORA_NearestNeighbour; // indices must not be blended
            err = GDALRasterIOEx(first, GF_Read, xOff, yOff, xSize, ySize, values.data(), bufferWidth, bufferHeight,
                GDT_Byte, 1, bufferWidth, &extra);
            if (err == CE_None && bands == 2)
                err = GDALRasterIOEx(GDALGetRasterBand(h.warped, 2), GF_Read, xOff, yOff, xSize, ySize, alpha.data(),
                    bufferWidth, bufferHeight, GDT_Byte, 1, bufferWidth, &extra);
            for (int y = 0; y < bufferHeight && err == CE_None; ++y) {
                uchar* line = image.scanLine(y);
                for (int x = 0; x < bufferWidth; ++x) {
                    const uchar v = uchar(values.at(qsizetype(y) * bufferWidth + x));
                    uchar* px = line + 4 * x;
                    if (palette) {
                        const GDALColorEntry* e = GDALGetColorEntry(palette, v);
                        px[0] = e ? uchar(e->c1) : 0;
                        px[1] = e ? uchar(e->c2) : 0;
                        px[2] = e ? uchar(e->c3) : 0;
                        px[3] = e ? uchar(e->c4) : 0;
                    } else {
                        px[0] = px[1] = px[2] = v;
                        px[3] = uchar(alpha.at(qsizetype(y) * bufferWidth + x));
                    }
                }
            }
        }
        if (err != CE_None || cancel)
            return;
        painter.save();
        painter.setRenderHint(QPainter::SmoothPixmapTransform, false);
        painter.drawImage(target, image.convertToFormat(QImage::Format_ARGB32_Premultiplied));
        painter.restore();
    }

private:
    QString m_path;
    TileDatum m_datum;
    Viewport m_viewport;
};

// --- tiled sources -------------------------------------------------------------------

class TileRenderer : public LayerRenderer {
public:
    explicit TileRenderer(QList<std::pair<QRectF, QImage>> tiles) : m_tiles(std::move(tiles)) { }

    void render(QPainter& painter, const std::atomic_bool& cancel) override
    {
        painter.setRenderHint(QPainter::SmoothPixmapTransform, true);
        for (const auto& [rect, image] : m_tiles) {
            if (cancel)
                return;
            painter.drawImage(rect, image);
        }
    }

private:
    QList<std::pair<QRectF, QImage>> m_tiles;
};

class EmptyRenderer : public LayerRenderer {
public:
    void render(QPainter&, const std::atomic_bool&) override { }
};

QString safeFileName(const QString& name)
{
    QString out;
    for (QChar c : name)
        out += (c.isLetterOrNumber() || c == QLatin1Char('-') || c == QLatin1Char('_')) ? c : QLatin1Char('_');
    return out;
}

} // namespace

struct RasterBasemapLayer::LoadResult {
    QList<std::pair<TileKey, QImage>> loaded;
    QList<TileKey> notInCache;
    QList<TileKey> undecodable;
};

RasterBasemapLayer::RasterBasemapLayer(TileSourceSpec spec, QObject* parent)
    : RasterBasemapLayer(std::move(spec), Options {}, parent)
{
}

RasterBasemapLayer::RasterBasemapLayer(TileSourceSpec spec, Options options, QObject* parent)
    : MapLayer(RenderStage::Basemap, parent)
    , m_spec(std::move(spec))
    , m_options(std::move(options))
{
    m_tiles.setMaxCost(std::max<qsizetype>(1, m_options.memoryBudgetBytes / 1024));
    auto* watcher = new QFutureWatcher<LoadResult>;
    m_loadWatcher.reset(watcher);
    connect(watcher, &QFutureWatcher<LoadResult>::finished, this, [this, watcher] {
        m_loadRunning = false;
        loadFinished(watcher->result());
    });
    openSource();
}

RasterBasemapLayer::~RasterBasemapLayer()
{
    // A running load only holds the shared cache; let it finish unobserved.
    if (m_loadWatcher)
        static_cast<QFutureWatcher<LoadResult>*>(m_loadWatcher.get())->disconnect();
}

void RasterBasemapLayer::openSource()
{
    QString error;
    switch (m_spec.kind) {
    case TileSourceSpec::Kind::XyzUrl: {
        const QString folder = m_options.cacheDirectory.isEmpty()
            ? QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + QLatin1String("/tiles")
            : m_options.cacheDirectory;
        // The URL is part of the name so a changed server never serves stale tiles.
        const QByteArray urlHash = QCryptographicHash::hash(m_spec.urlTemplate.toUtf8(), QCryptographicHash::Sha1).toHex().left(8);
        m_cachePath = QDir(folder).filePath(safeFileName(m_spec.name) + QLatin1Char('-') + QString::fromLatin1(urlHash) + QLatin1String(".mbtiles"));
        m_cache = TileCache::open(m_cachePath, TileCache::Mode::ReadWrite, &error);
        if (m_cache) {
            m_cache->setMetadata(QStringLiteral("name"), m_spec.name);
            m_cache->setMetadata(QStringLiteral("type"), QStringLiteral("baselayer"));
            m_cache->setMetadata(QStringLiteral("version"), QStringLiteral("1.0"));
            m_cache->setMetadata(QStringLiteral("minzoom"), QString::number(m_spec.minZoom));
            m_cache->setMetadata(QStringLiteral("maxzoom"), QString::number(m_spec.maxZoom));
            m_cache->setMetadata(QStringLiteral("attribution"), m_spec.attribution);
            m_cache->setMetadata(QStringLiteral("gridhall_datum"),
                m_spec.datum == TileDatum::Gcj02 ? QStringLiteral("gcj02") : QStringLiteral("wgs84"));
        } else {
            // Tiles still come from the network, they are just not kept.
            qCWarning(lcMap) << "tile cache unavailable:" << error;
        }
        m_fetcher = std::make_unique<TileFetcher>(m_spec, m_options.fetch);
        connect(m_fetcher.get(), &TileFetcher::tileArrived, this, &RasterBasemapLayer::tileArrived);
        connect(m_fetcher.get(), &TileFetcher::tileFailed, this, &RasterBasemapLayer::tileFailed);
        connect(m_fetcher.get(), &TileFetcher::hostUnreachable, this, [this] {
            m_unreachable = true;
            updateStatus();
        });
        break;
    }
    case TileSourceSpec::Kind::MbtilesFile:
        m_cache = TileCache::open(m_spec.path, TileCache::Mode::ReadOnly, &error);
        if (!m_cache) {
            m_status = Status::FileUnreadable;
            m_reason = error;
        } else {
            std::tie(m_fileMinZoom, m_fileMaxZoom) = m_cache->zoomRange();
            if (m_fileMinZoom > m_fileMaxZoom) {
                m_status = Status::FileUnreadable;
                m_reason = QCoreApplication::translate("gridhall::RasterBasemapLayer", "%1 holds no tiles").arg(m_spec.path);
                m_cache.reset();
            }
        }
        break;
    case TileSourceSpec::Kind::GdalRaster: {
        GDALAllRegister();
        GdalHandles h;
        CPLPushErrorHandler(CPLQuietErrorHandler);
        if (!openWarped(m_spec.path, h, &error)) {
            m_status = Status::FileUnreadable;
            m_reason = error;
        }
        CPLPopErrorHandler();
        break;
    }
    }
    if (m_status == Status::FileUnreadable)
        qCWarning(lcMap) << "raster basemap" << m_spec.name << "unusable:" << m_reason;
}

QString RasterBasemapLayer::statusText() const
{
    switch (m_status) {
    case Status::Ok:
        return QCoreApplication::translate("gridhall::RasterBasemapLayer", "ok");
    case Status::Loading:
        return QCoreApplication::translate("gridhall::RasterBasemapLayer", "loading");
    case Status::Unreachable:
        return QCoreApplication::translate("gridhall::RasterBasemapLayer", "unreachable: %1").arg(m_reason);
    case Status::FileUnreadable:
        return QCoreApplication::translate("gridhall::RasterBasemapLayer", "file unreadable: %1").arg(m_reason);
    }
    return {};
}

bool RasterBasemapLayer::isBusy() const
{
    return m_loadRunning || m_workScheduled || !m_inProgress.isEmpty() || (m_fetcher && m_fetcher->isBusy());
}

void RasterBasemapLayer::updateStatus()
{
    if (m_status == Status::FileUnreadable)
        return;
    Status next = Status::Ok;
    if (m_unreachable && m_fetcher && m_fetcher->isUnreachable()) {
        next = Status::Unreachable;
        m_reason = m_fetcher->unreachableReason();
    } else if (isBusy()) {
        next = Status::Loading;
    }
    if (next != m_status) {
        m_status = next;
        emit statusChanged();
    }
}

int RasterBasemapLayer::tileZoomFor(const Viewport& viewport) const
{
    // Device pixels decide: a 2× screen gets tiles one level finer.
    int z = int(std::lround(viewport.zoom() + std::log2(std::max<qreal>(0.01, viewport.devicePixelRatio()))));
    int lo = m_spec.minZoom, hi = m_spec.maxZoom;
    if (m_spec.kind == TileSourceSpec::Kind::MbtilesFile && m_fileMinZoom <= m_fileMaxZoom) {
        // Scale the nearest level the file holds rather than show nothing.
        lo = std::max(lo, m_fileMinZoom);
        hi = std::min(hi, m_fileMaxZoom);
        if (lo > hi)
            lo = hi = m_fileMaxZoom;
    }
    return std::clamp(z, lo, hi);
}

QList<TileKey> RasterBasemapLayer::coveringTiles(const Viewport& viewport, int z) const
{
    const QSizeF size = viewport.size();
    double minX = 1, minY = 1, maxX = 0, maxY = 0;
    for (QPointF corner : { QPointF(0, 0), QPointF(size.width(), 0), QPointF(0, size.height()), QPointF(size.width(), size.height()) }) {
        QPointF n = viewport.pixelToNormalised(corner);
        if (m_spec.datum == TileDatum::Gcj02)
            n = mercator::fromLonLat(gcj02::fromWgs84(mercator::toLonLat(n)));
        minX = std::min(minX, n.x());
        maxX = std::max(maxX, n.x());
        minY = std::min(minY, n.y());
        maxY = std::max(maxY, n.y());
    }
    const int count = 1 << z;
    const int x0 = std::clamp(int(std::floor(minX * count)), 0, count - 1);
    const int x1 = std::clamp(int(std::floor(maxX * count)), 0, count - 1);
    const int y0 = std::clamp(int(std::floor(minY * count)), 0, count - 1);
    const int y1 = std::clamp(int(std::floor(maxY * count)), 0, count - 1);
    QList<TileKey> keys;
    // More tiles than memory holds would evict and reload each other forever.
    const qint64 budgetTiles = m_options.memoryBudgetBytes / (256 * 256 * 4) * 3 / 4;
    if (qint64(x1 - x0 + 1) * (y1 - y0 + 1) > std::min<qint64>(kMaxTilesPerRender, budgetTiles))
        return keys; // far too zoomed out for this source
    // Centre first, so the middle of the view arrives first.
    const double cx = (x0 + x1) / 2.0, cy = (y0 + y1) / 2.0;
    for (int y = y0; y <= y1; ++y)
        for (int x = x0; x <= x1; ++x)
            keys.append({ z, x, y });
    std::sort(keys.begin(), keys.end(), [&](const TileKey& a, const TileKey& b) {
        return std::hypot(a.x - cx, a.y - cy) < std::hypot(b.x - cx, b.y - cy);
    });
    return keys;
}

QRectF RasterBasemapLayer::tileRect(const Viewport& viewport, const TileKey& key) const
{
    const double count = double(1 << key.z);
    auto cornerPixel = [&](int x, int y) {
        const QPointF n(x / count, y / count);
        if (m_spec.datum == TileDatum::Gcj02) // the tile's corner is a GCJ-02 position
            return viewport.toPixel(gcj02::toWgs84(mercator::toLonLat(n)));
        return viewport.normalisedToPixel(n);
    };
    const QPointF topLeft = cornerPixel(key.x, key.y);
    const QPointF bottomRight = cornerPixel(key.x + 1, key.y + 1);
    // Whole pixels so neighbouring tiles share their edges without seams.
    return QRectF(QPointF(std::round(topLeft.x()), std::round(topLeft.y())),
        QPointF(std::round(bottomRight.x()), std::round(bottomRight.y())));
}

std::unique_ptr<LayerRenderer> RasterBasemapLayer::createRenderer(const Viewport& viewport) const
{
    if (m_status == Status::FileUnreadable || viewport.isEmpty())
        return std::make_unique<EmptyRenderer>();
    if (m_spec.kind == TileSourceSpec::Kind::GdalRaster)
        return std::make_unique<GdalRenderer>(m_spec.path, m_spec.datum, viewport);

    QList<std::pair<QRectF, QImage>> snapshot;
    const QRectF view(QPointF(0, 0), QSizeF(viewport.size()));
    for (const TileKey& key : coveringTiles(viewport, tileZoomFor(viewport))) {
        const QRectF rect = tileRect(viewport, key);
        if (!rect.intersects(view))
            continue;
        if (const QImage* image = m_tiles.object(key)) {
            snapshot.append({ rect, *image });
        } else if (!m_missing.contains(key) && !m_inProgress.contains(key)) {
            m_inProgress.insert(key);
            m_wanted.append(key);
        }
    }
    if (!m_wanted.isEmpty())
        scheduleWork();
    return std::make_unique<TileRenderer>(std::move(snapshot));
}

void RasterBasemapLayer::scheduleWork() const
{
    if (m_workScheduled)
        return;
    m_workScheduled = true;
    // createRenderer() is const and may run inside a paint: do the work from the event loop.
    QTimer::singleShot(0, const_cast<RasterBasemapLayer*>(this), &RasterBasemapLayer::processWanted);
}

void RasterBasemapLayer::processWanted()
{
    m_workScheduled = false;
    // Tiles known not to be on disk go straight to the network.
    QList<TileKey> fromNetwork;
    QList<TileKey> fromDisk;
    for (const TileKey& key : std::as_const(m_wanted)) {
        if (m_fetcher && (m_notOnDisk.contains(key) || !m_cache))
            fromNetwork.append(key);
        else
            fromDisk.append(key);
    }
    m_wanted.clear();

    if (!m_loadRunning && (!fromDisk.isEmpty() || !m_arrived.isEmpty())) {
        const QList<TileKey> batch = fromDisk.mid(0, kTilesPerLoadBatch);
        m_wanted = fromDisk.mid(kTilesPerLoadBatch); // next round
        const auto arrived = std::exchange(m_arrived, {});
        m_loadRunning = true;
        // Disk reads, writes and decoding happen off the GUI thread.
        auto future = QtConcurrent::run([cache = m_cache, batch, arrived] {
            LoadResult result;
            for (const auto& [key, bytes] : arrived) {
                QImage image = QImage::fromData(bytes);
                if (image.isNull()) {
                    result.undecodable.append(key);
                    continue;
                }
                if (cache)
                    cache->storeTile(key, bytes);
                result.loaded.append({ key, image.convertToFormat(QImage::Format_ARGB32_Premultiplied) });
            }
            for (const TileKey& key : batch) {
                const auto bytes = cache ? cache->tile(key) : std::nullopt;
                if (!bytes) {
                    result.notInCache.append(key);
                    continue;
                }
                QImage image = QImage::fromData(*bytes);
                if (image.isNull())
                    result.undecodable.append(key);
                else
                    result.loaded.append({ key, image.convertToFormat(QImage::Format_ARGB32_Premultiplied) });
            }
            return result;
        });
        static_cast<QFutureWatcher<LoadResult>*>(m_loadWatcher.get())->setFuture(future);
    } else {
        m_wanted += fromDisk; // after the running load
    }
    for (const TileKey& key : fromNetwork)
        m_fetcher->request(key);
    updateStatus();
}

void RasterBasemapLayer::loadFinished(const LoadResult& result)
{
    for (const auto& [key, image] : result.loaded) {
        m_inProgress.remove(key);
        m_tiles.insert(key, new QImage(image), std::max<qsizetype>(1, image.sizeInBytes() / 1024));
    }
    for (const TileKey& key : result.undecodable) {
        m_inProgress.remove(key);
        m_missing.insert(key);
        qCWarning(lcMap) << "raster basemap" << m_spec.name << "tile" << key.z << key.x << key.y << "is not an image";
    }
    for (const TileKey& key : result.notInCache) {
        if (m_fetcher) {
            m_notOnDisk.insert(key);
            m_wanted.append(key);
        } else {
            m_inProgress.remove(key);
            m_missing.insert(key); // an offline file simply lacks it
        }
    }
    if (!m_wanted.isEmpty() || !m_arrived.isEmpty())
        scheduleWork();
    if (!result.loaded.isEmpty()) {
        if (m_unreachable && m_fetcher && !m_fetcher->isUnreachable())
            m_unreachable = false;
        requestRepaint();
    }
    updateStatus();
}

void RasterBasemapLayer::tileArrived(const TileKey& key, const QByteArray& data)
{
    m_notOnDisk.remove(key);
    m_arrived.append({ key, data });
    scheduleWork();
}

void RasterBasemapLayer::tileFailed(const TileKey& key, bool missing, const QString& reason)
{
    m_inProgress.remove(key);
    if (missing) {
        m_missing.insert(key);
        m_notOnDisk.remove(key);
    } else {
        m_reason = reason;
    }
    updateStatus();
}

} // namespace gridhall
