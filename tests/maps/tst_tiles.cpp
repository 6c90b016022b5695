// Raster basemap sources: XYZ tiles from a loopback HTTP server into an MBTiles cache and
// onto an image; the cache serving a second layer offline; an unreachable server; GCJ-02
// placement; an MBTiles file made by gdal_translate and a GeoTIFF rendered offline; bad
// source descriptions and unreadable files.

#include "maps/gcj02.h"
#include "maps/mapscene.h"
#include "maps/rasterbasemaplayer.h"
#include "maps/tilecache.h"
#include "maps/tilesource.h"

#include <QBuffer>
#include <QElapsedTimer>
#include <QImage>
#include <QPainter>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <cpl_conv.h>
#include <gdal.h>
#include <ogr_srs_api.h>
#include <sqlite3.h>

using namespace gridhall;

namespace {

QColor tileColour(int z, int x, int y)
{
    return QColor(40 + (x * 53) % 200, 40 + (y * 97) % 200, 40 + (z * 31) % 200);
}

// A tiny tile server: GET /z/x/y.png answers a solid PNG in tileColour(z, x, y).
class TileServer : public QObject {
public:
    TileServer()
    {
        QVERIFY(m_server.listen(QHostAddress::LocalHost, 0));
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket* socket = m_server.nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, this, [this, socket] { serve(socket); });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
    }
    quint16 port() const { return m_server.serverPort(); }
    QString urlTemplate() const { return QStringLiteral("http://127.0.0.1:%1/{z}/{x}/{y}.png").arg(port()); }
    int requests() const { return m_requests; }
    void stop() { m_server.close(); }

private:
    void serve(QTcpSocket* socket)
    {
        QByteArray& buffer = m_buffers[socket];
        buffer += socket->readAll();
        while (buffer.contains("\r\n\r\n")) {
            const qsizetype end = buffer.indexOf("\r\n\r\n") + 4;
            const QByteArray head = buffer.left(end);
            buffer.remove(0, end);
            ++m_requests;
            static const QRegularExpression path(QStringLiteral("^GET /(\\d+)/(\\d+)/(\\d+)\\.png "));
            const auto m = path.match(QString::fromLatin1(head));
            QByteArray body;
            QByteArray status = "404 Not Found";
            if (m.hasMatch()) {
                QImage tile(256, 256, QImage::Format_RGB32);
                tile.fill(tileColour(m.captured(1).toInt(), m.captured(2).toInt(), m.captured(3).toInt()));
                QBuffer out(&body);
                out.open(QIODevice::WriteOnly);
                tile.save(&out, "PNG");
                status = "200 OK";
            }
            socket->write("HTTP/1.1 " + status + "\r\nContent-Type: image/png\r\nContent-Length: "
                + QByteArray::number(body.size()) + "\r\nConnection: keep-alive\r\n\r\n" + body);
        }
    }

    QTcpServer m_server;
    QHash<QTcpSocket*, QByteArray> m_buffers;
    int m_requests = 0;
};

QImage renderLayer(const MapLayer& layer, const Viewport& viewport)
{
    QImage image(viewport.size(), QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    auto renderer = layer.createRenderer(viewport);
    QPainter painter(&image);
    std::atomic_bool cancel = false;
    renderer->render(painter, cancel);
    return image;
}

bool closeTo(QColor a, QColor b, int tolerance = 6)
{
    return std::abs(a.red() - b.red()) <= tolerance && std::abs(a.green() - b.green()) <= tolerance
        && std::abs(a.blue() - b.blue()) <= tolerance && std::abs(a.alpha() - b.alpha()) <= tolerance;
}

QString describe(QColor c)
{
    return QStringLiteral("rgba(%1,%2,%3,%4)").arg(c.red()).arg(c.green()).arg(c.blue()).arg(c.alpha());
}

// Tiles whose centre is inside the view, with that centre in view pixels.
QList<std::pair<TileKey, QPoint>> tileCentres(const Viewport& v, int z, bool gcj)
{
    QList<std::pair<TileKey, QPoint>> out;
    const int n = 1 << z;
    // Only tiles near the view (two tiles of margin covers any GCJ-02 shift).
    const QPointF topLeft = v.pixelToNormalised({ 0, 0 });
    const QPointF bottomRight = v.pixelToNormalised(QPointF(v.size().width(), v.size().height()));
    for (int x = std::max(0, int(topLeft.x() * n) - 2); x <= std::min(n - 1, int(bottomRight.x() * n) + 2); ++x) {
        for (int y = std::max(0, int(topLeft.y() * n) - 2); y <= std::min(n - 1, int(bottomRight.y() * n) + 2); ++y) {
            const QPointF centre((x + 0.5) / n, (y + 0.5) / n);
            const QPointF px = gcj ? v.toPixel(gcj02::toWgs84(mercator::toLonLat(centre))) : v.normalisedToPixel(centre);
            if (px.x() >= 2 && px.y() >= 2 && px.x() < v.size().width() - 2 && px.y() < v.size().height() - 2)
                out.append({ { z, x, y }, px.toPoint() });
        }
    }
    return out;
}

TileSourceSpec xyzSpec(const QString& url, TileDatum datum = TileDatum::Wgs84)
{
    TileSourceSpec spec;
    spec.name = QStringLiteral("loopback");
    spec.kind = TileSourceSpec::Kind::XyzUrl;
    spec.urlTemplate = url;
    spec.datum = datum;
    spec.minZoom = 0;
    spec.maxZoom = 18;
    return spec;
}

RasterBasemapLayer::Options testOptions(const QString& cacheDir)
{
    RasterBasemapLayer::Options o;
    o.cacheDirectory = cacheDir;
    o.fetch.timeoutMs = 3000;
    return o;
}

const LonLat kTianhe { 113.3245, 23.1291 };

// West half red, east half blue, a green band in the north; lon/lat EPSG:4326.
constexpr double kWest = 113.2, kEast = 113.4, kSouth = 23.0, kNorth = 23.2, kSplitLon = 113.3, kGreenAbove = 23.12;

bool writeGeoTiff(const QString& path)
{
    GDALAllRegister();
    GDALDriverH driver = GDALGetDriverByName("GTiff");
    const int width = 800, height = 800;
    GDALDatasetH ds = GDALCreate(driver, QFile::encodeName(path).constData(), width, height, 3, GDT_Byte, nullptr);
    if (!ds)
        return false;
    double gt[6] = { kWest, (kEast - kWest) / width, 0, kNorth, 0, -(kNorth - kSouth) / height };
    GDALSetGeoTransform(ds, gt);
    OGRSpatialReferenceH srs = OSRNewSpatialReference(nullptr);
    OSRImportFromEPSG(srs, 4326);
    char* wkt = nullptr;
    OSRExportToWkt(srs, &wkt);
    GDALSetProjection(ds, wkt);
    CPLFree(wkt);
    OSRDestroySpatialReference(srs);
    std::vector<uchar> bands[3];
    for (auto& b : bands)
        b.resize(size_t(width) * height);
    for (int row = 0; row < height; ++row) {
        const double lat = kNorth - (row + 0.5) * (kNorth - kSouth) / height;
        for (int col = 0; col < width; ++col) {
            const double lon = kWest + (col + 0.5) * (kEast - kWest) / width;
            const QColor c = lat > kGreenAbove ? QColor(0, 200, 0) : lon < kSplitLon ? QColor(220, 0, 0) : QColor(0, 0, 220);
            const size_t i = size_t(row) * width + col;
            bands[0][i] = uchar(c.red());
            bands[1][i] = uchar(c.green());
            bands[2][i] = uchar(c.blue());
        }
    }
    bool ok = true;
    for (int b = 0; b < 3; ++b)
        ok = ok && GDALRasterIO(GDALGetRasterBand(ds, b + 1), GF_Write, 0, 0, width, height, bands[b].data(), width, height, GDT_Byte, 0, 0) == CE_None;
    GDALClose(ds);
    return ok;
}

} // namespace

class TestTiles : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void fetchRenderCacheThenOffline();
    void gcj02SourceIsShifted();
    void unreachableServer();
    void fetcherTimeoutBackoffAndMissingTiles();
    void offlineMbtilesAndGeoTiff();
    void badSpecs_data();
    void badSpecs();
    void goodSpecFile();
    void unreadableFiles();

private:
    QTemporaryDir m_dir;
};

void TestTiles::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
}

void TestTiles::fetchRenderCacheThenOffline()
{
    TileServer server;
    const QString cacheDir = m_dir.filePath(QStringLiteral("cache-wgs"));
    const Viewport viewport(kTianhe, 13, QSize(512, 384));
    const QList<std::pair<TileKey, QPoint>> probes = tileCentres(viewport, 13, false);
    QVERIFY(probes.size() >= 2);

    QString cachePath;
    int tilesNeeded = 0;
    {
        RasterBasemapLayer layer(xyzSpec(server.urlTemplate()), testOptions(cacheDir));
        QCOMPARE(layer.status(), RasterBasemapLayer::Status::Ok);
        QCOMPARE(layer.tileZoomFor(viewport), 13);
        QSignalSpy repaints(&layer, &MapLayer::repaintRequested);
        const QImage first = renderLayer(layer, viewport);
        QCOMPARE(first.pixelColor(probes.first().second).alpha(), 0); // nothing yet
        QTRY_VERIFY_WITH_TIMEOUT(!layer.isBusy(), 10000);
        QVERIFY(repaints.count() >= 1);
        QCOMPARE(layer.status(), RasterBasemapLayer::Status::Ok);
        tilesNeeded = server.requests();
        QVERIFY(tilesNeeded >= 4 && tilesNeeded <= 12);

        const QImage image = renderLayer(layer, viewport);
        for (const auto& [key, px] : probes)
            QVERIFY2(closeTo(image.pixelColor(px), tileColour(key.z, key.x, key.y)),
                qPrintable(describe(image.pixelColor(px))));
        // Every pixel is covered by some tile.
        QCOMPARE(image.pixelColor(0, 0).alpha(), 255);
        QCOMPARE(image.pixelColor(511, 383).alpha(), 255);
        // Rendering again asks nobody.
        renderLayer(layer, viewport);
        QTest::qWait(50);
        QCOMPARE(server.requests(), tilesNeeded);

        cachePath = layer.cachePath();
        QCOMPARE(layer.tileCache()->tileCount(), qsizetype(tilesNeeded));
    }

    // The cache is a standard MBTiles file: TMS rows, PNG blobs.
    {
        sqlite3* db = nullptr;
        QCOMPARE(sqlite3_open_v2(QFile::encodeName(cachePath).constData(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
        const TileKey key = probes.first().first;
        sqlite3_stmt* q = nullptr;
        QCOMPARE(sqlite3_prepare_v2(db, "SELECT tile_row, tile_data FROM tiles WHERE zoom_level=?1 AND tile_column=?2", -1, &q, nullptr), SQLITE_OK);
        sqlite3_bind_int(q, 1, key.z);
        sqlite3_bind_int(q, 2, key.x);
        bool found = false;
        while (sqlite3_step(q) == SQLITE_ROW) {
            if (sqlite3_column_int(q, 0) != (1 << key.z) - 1 - key.y)
                continue;
            found = true;
            const QImage tile = QImage::fromData(QByteArray(static_cast<const char*>(sqlite3_column_blob(q, 1)), sqlite3_column_bytes(q, 1)));
            QVERIFY(closeTo(tile.pixelColor(128, 128), tileColour(key.z, key.x, key.y)));
        }
        sqlite3_finalize(q);
        sqlite3_close(db);
        QVERIFY2(found, "tile row is not TMS-flipped");
    }

    // Server gone: a new layer on the same cache draws the same tiles.
    const QString url = server.urlTemplate();
    server.stop();
    const int requestsBefore = server.requests();
    RasterBasemapLayer offline(xyzSpec(url), testOptions(cacheDir));
    renderLayer(offline, viewport);
    QTRY_VERIFY_WITH_TIMEOUT(!offline.isBusy(), 10000);
    const QImage image = renderLayer(offline, viewport);
    for (const auto& [key, px] : probes)
        QVERIFY2(closeTo(image.pixelColor(px), tileColour(key.z, key.x, key.y)),
            qPrintable(describe(image.pixelColor(px)) + QLatin1Char(' ') + offline.statusText()));
    QCOMPARE(server.requests(), requestsBefore);
    QCOMPARE(offline.status(), RasterBasemapLayer::Status::Ok);
}

void TestTiles::gcj02SourceIsShifted()
{
    TileServer server;
    const Viewport viewport(kTianhe, 14, QSize(400, 300));
    RasterBasemapLayer layer(xyzSpec(server.urlTemplate(), TileDatum::Gcj02), testOptions(m_dir.filePath(QStringLiteral("cache-gcj"))));
    renderLayer(layer, viewport);
    QTRY_VERIFY_WITH_TIMEOUT(!layer.isBusy(), 10000);
    const QImage image = renderLayer(layer, viewport);
    const auto probes = tileCentres(viewport, 14, true);
    QVERIFY(!probes.isEmpty());
    for (const auto& [key, px] : probes)
        QVERIFY2(closeTo(image.pixelColor(px), tileColour(key.z, key.x, key.y)), qPrintable(describe(image.pixelColor(px))));
    // The shift is real: about 600 m is ~60 px at zoom 14 here, and the tile edges moved.
    const QPointF unshifted = viewport.normalisedToPixel(mercator::fromLonLat(kTianhe));
    const QPointF shifted = viewport.toPixel(gcj02::toWgs84(kTianhe));
    QVERIFY(QLineF(unshifted, shifted).length() > 40);
    // GCJ-02 lies east of WGS84 here, so the tiles are drawn further west than unshifted.
    const TileKey key = probes.first().first;
    const QPointF wgsWestEdge = viewport.normalisedToPixel(QPointF(double(key.x) / (1 << 14), (key.y + 0.5) / (1 << 14)));
    const QPointF gcjWestEdge = viewport.toPixel(gcj02::toWgs84(mercator::toLonLat(QPointF(double(key.x) / (1 << 14), (key.y + 0.5) / (1 << 14)))));
    QVERIFY(gcjWestEdge.x() < wgsWestEdge.x() - 20);
    // And the drawn image agrees: just west of the unshifted edge is already this tile.
    const QPoint justWest = (wgsWestEdge - QPointF(8, 0)).toPoint();
    if (QRect(QPoint(0, 0), viewport.size()).contains(justWest) && justWest.x() > gcjWestEdge.x() + 2)
        QVERIFY(closeTo(image.pixelColor(justWest), tileColour(key.z, key.x, key.y)));
}

void TestTiles::unreachableServer()
{
    quint16 port = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        port = probe.serverPort();
    } // closed: connections are refused
    RasterBasemapLayer layer(xyzSpec(QStringLiteral("http://127.0.0.1:%1/{z}/{x}/{y}.png").arg(port)),
        testOptions(m_dir.filePath(QStringLiteral("cache-dead"))));
    const Viewport viewport(kTianhe, 12, QSize(300, 200));
    QElapsedTimer timer;
    timer.start();
    QImage image = renderLayer(layer, viewport);
    QTRY_COMPARE_WITH_TIMEOUT(layer.status(), RasterBasemapLayer::Status::Unreachable, 8000);
    QVERIFY2(layer.statusText().startsWith(QLatin1String("unreachable: ")), qPrintable(layer.statusText()));
    QTRY_VERIFY_WITH_TIMEOUT(!layer.isBusy(), 8000);
    image = renderLayer(layer, viewport);
    QVERIFY(timer.elapsed() < 8000);
    QCOMPARE(image.pixelColor(150, 100).alpha(), 0);
    // Still unreachable after another render within the backoff; nothing hangs.
    renderLayer(layer, viewport);
    QTest::qWait(50);
    QCOMPARE(layer.status(), RasterBasemapLayer::Status::Unreachable);
}

void TestTiles::fetcherTimeoutBackoffAndMissingTiles()
{
    // A frozen host: accepts connections, never answers.
    QTcpServer frozen;
    QVERIFY(frozen.listen(QHostAddress::LocalHost, 0));
    QList<QTcpSocket*> held;
    connect(&frozen, &QTcpServer::newConnection, this, [&] {
        while (QTcpSocket* s = frozen.nextPendingConnection())
            held.append(s);
    });
    TileFetcher::Options options;
    options.maxConcurrent = 2;
    options.timeoutMs = 400;
    options.initialBackoffMs = 600;
    TileFetcher fetcher(xyzSpec(QStringLiteral("http://127.0.0.1:%1/{z}/{x}/{y}.png").arg(frozen.serverPort())), options);
    QSignalSpy failed(&fetcher, &TileFetcher::tileFailed);
    QSignalSpy unreachable(&fetcher, &TileFetcher::hostUnreachable);
    for (int x = 0; x < 6; ++x)
        fetcher.request({ 10, x, 5 });
    fetcher.request({ 10, 0, 5 }); // duplicate: ignored
    QCOMPARE(fetcher.inFlight(), 2);
    QCOMPARE(fetcher.queued(), 4);
    QElapsedTimer timer;
    timer.start();
    QTRY_VERIFY_WITH_TIMEOUT(!fetcher.isBusy(), 5000);
    QVERIFY2(timer.elapsed() < 3000, "queued tiles must fail with the host, not wait their turn");
    QCOMPARE(failed.count(), 6);
    QVERIFY(unreachable.count() >= 1);
    QVERIFY(fetcher.isUnreachable());
    QVERIFY2(fetcher.unreachableReason().contains(QLatin1String("did not answer")), qPrintable(fetcher.unreachableReason()));
    QCOMPARE(fetcher.requestsSent(), 2);
    // Within the backoff nothing goes out.
    fetcher.request({ 10, 9, 9 });
    QCOMPARE(failed.count(), 7);
    QCOMPARE(fetcher.requestsSent(), 2);
    // After it, the host is tried again.
    QTest::qWait(700);
    fetcher.request({ 10, 9, 9 });
    QCOMPARE(fetcher.requestsSent(), 3);
    QTRY_VERIFY_WITH_TIMEOUT(!fetcher.isBusy(), 5000);

    // A server that answers 404: the tile is missing, the host is fine.
    TileServer server;
    TileFetcher missing(xyzSpec(QStringLiteral("http://127.0.0.1:%1/nothing/{z}/{x}/{y}.png").arg(server.port())), {});
    QSignalSpy missingFailed(&missing, &TileFetcher::tileFailed);
    missing.request({ 3, 1, 1 });
    QTRY_COMPARE_WITH_TIMEOUT(missingFailed.count(), 1, 5000);
    QCOMPARE(missingFailed.first().at(1).toBool(), true);
    QVERIFY(!missing.isUnreachable());
    qDeleteAll(held);
}

void TestTiles::offlineMbtilesAndGeoTiff()
{
    const QString tif = m_dir.filePath(QStringLiteral("guangzhou.tif"));
    const QString mbtiles = m_dir.filePath(QStringLiteral("guangzhou.mbtiles"));
    QVERIFY(writeGeoTiff(tif));
    const QString gdalTranslate = QStandardPaths::findExecutable(QStringLiteral("gdal_translate"));
    QVERIFY2(!gdalTranslate.isEmpty(), "gdal_translate (gdal-bin) is required");
    QProcess translate;
    translate.start(gdalTranslate, { QStringLiteral("-q"), QStringLiteral("-of"), QStringLiteral("MBTILES"), tif, mbtiles });
    QVERIFY(translate.waitForFinished(30000));
    QVERIFY2(translate.exitCode() == 0, translate.readAllStandardError().constData());

    const Viewport viewport(LonLat { 113.25, 23.1 }, 12, QSize(400, 300));
    struct Case {
        const char* name;
        TileSourceSpec::Kind kind;
        QString path;
    };
    for (const Case& c : { Case { "geotiff via gdal", TileSourceSpec::Kind::GdalRaster, tif },
             Case { "mbtiles via gdal", TileSourceSpec::Kind::GdalRaster, mbtiles },
             Case { "mbtiles direct", TileSourceSpec::Kind::MbtilesFile, mbtiles } }) {
        TileSourceSpec spec;
        spec.name = QString::fromLatin1(c.name);
        spec.kind = c.kind;
        spec.path = c.path;
        spec.datum = TileDatum::Wgs84;
        RasterBasemapLayer layer(spec);
        QVERIFY2(layer.status() == RasterBasemapLayer::Status::Ok, qPrintable(layer.statusText()));
        renderLayer(layer, viewport);
        QTRY_VERIFY_WITH_TIMEOUT(!layer.isBusy(), 10000);
        const QImage image = renderLayer(layer, viewport);
        auto at = [&](double lon, double lat) { return image.pixelColor(viewport.toPixel({ lon, lat }).toPoint()); };
        QVERIFY2(closeTo(at(113.22, 23.08), QColor(220, 0, 0), 12), qPrintable(QString::fromLatin1(c.name) + describe(at(113.22, 23.08))));
        QVERIFY2(closeTo(at(113.31, 23.08), QColor(0, 0, 220), 12), qPrintable(QString::fromLatin1(c.name) + describe(at(113.31, 23.08))));
        QVERIFY2(closeTo(at(113.22, 23.14), QColor(0, 200, 0), 12), qPrintable(QString::fromLatin1(c.name) + describe(at(113.22, 23.14))));
        // West of the raster: nothing drawn.
        QVERIFY2(at(113.19, 23.08).alpha() < 10, qPrintable(QString::fromLatin1(c.name) + describe(at(113.19, 23.08))));
        // Just east of the split: blue in WGS84.
        QVERIFY(closeTo(at(kSplitLon + 0.0025, 23.08), QColor(0, 0, 220), 12));
    }

    // Through the scene, as the map draws it: the raster sits at the bottom.
    {
        TileSourceSpec spec;
        spec.name = QStringLiteral("scene tif");
        spec.kind = TileSourceSpec::Kind::GdalRaster;
        spec.path = tif;
        spec.datum = TileDatum::Wgs84;
        MapScene scene;
        auto* raster = scene.addLayer(std::make_unique<RasterBasemapLayer>(spec));
        QCOMPARE(raster->stage(), RenderStage::Basemap);
        const QImage image = scene.renderToImage(viewport);
        const QColor red = image.pixelColor(viewport.toPixel({ 113.22, 23.08 }).toPoint());
        QVERIFY2(closeTo(red, QColor(220, 0, 0), 12), qPrintable(describe(red)));
    }

    // The same GeoTIFF declared GCJ-02: the red/blue split moves ~550 m west.
    TileSourceSpec spec;
    spec.name = QStringLiteral("gcj tif");
    spec.kind = TileSourceSpec::Kind::GdalRaster;
    spec.path = tif;
    spec.datum = TileDatum::Gcj02;
    RasterBasemapLayer layer(spec);
    const QImage image = renderLayer(layer, viewport);
    const LonLat splitInWgs = gcj02::toWgs84({ kSplitLon, 23.08 });
    QVERIFY(splitInWgs.lon < kSplitLon - 0.004);
    auto at = [&](double lon, double lat) { return image.pixelColor(viewport.toPixel({ lon, lat }).toPoint()); };
    QVERIFY2(closeTo(at(splitInWgs.lon + 0.0025, 23.08), QColor(0, 0, 220), 12), qPrintable(describe(at(splitInWgs.lon + 0.0025, 23.08))));
    QVERIFY2(closeTo(at(splitInWgs.lon - 0.0025, 23.08), QColor(220, 0, 0), 12), qPrintable(describe(at(splitInWgs.lon - 0.0025, 23.08))));
}

void TestTiles::badSpecs_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("expected");
    QTest::newRow("not json") << QByteArray("{ name: tianditu") << "not valid JSON";
    QTest::newRow("array") << QByteArray("[1, 2]") << "must be a JSON object";
    QTest::newRow("no name") << QByteArray(R"({"kind":"xyz","datum":"wgs84","url":"https://a/{z}/{x}/{y}.png"})") << "no \"name\"";
    QTest::newRow("bad kind") << QByteArray(R"({"name":"t","kind":"wms","datum":"wgs84"})") << "\"kind\" must be";
    QTest::newRow("datum missing") << QByteArray(R"({"name":"t","kind":"xyz","url":"https://a/{z}/{x}/{y}.png"})") << "does not declare its \"datum\"";
    QTest::newRow("datum unknown") << QByteArray(R"({"name":"t","kind":"xyz","datum":"bd09","url":"https://a/{z}/{x}/{y}.png"})") << "unknown datum";
    QTest::newRow("no url") << QByteArray(R"({"name":"t","kind":"xyz","datum":"wgs84"})") << "http or https";
    QTest::newRow("ftp url") << QByteArray(R"({"name":"t","kind":"xyz","datum":"wgs84","url":"ftp://a/{z}/{x}/{y}.png"})") << "http or https";
    QTest::newRow("no {y}") << QByteArray(R"({"name":"t","kind":"xyz","datum":"wgs84","url":"https://a/{z}/{x}.png"})") << "lacks {y}";
    QTest::newRow("{s} without subdomains") << QByteArray(R"({"name":"t","kind":"xyz","datum":"gcj02","url":"https://t{s}.a/{z}/{x}/{y}.png"})") << "no \"subdomains\"";
    QTest::newRow("bad subdomain") << QByteArray(R"({"name":"t","kind":"xyz","datum":"gcj02","url":"https://t{s}.a/{z}/{x}/{y}.png","subdomains":[1]})") << "list of non-empty strings";
    QTest::newRow("fractional zoom") << QByteArray(R"({"name":"t","kind":"xyz","datum":"wgs84","url":"https://a/{z}/{x}/{y}.png","maxZoom":17.5})") << "whole number";
    QTest::newRow("zoom too high") << QByteArray(R"({"name":"t","kind":"xyz","datum":"wgs84","url":"https://a/{z}/{x}/{y}.png","maxZoom":30})") << "whole number";
    QTest::newRow("min above max") << QByteArray(R"({"name":"t","kind":"xyz","datum":"wgs84","url":"https://a/{z}/{x}/{y}.png","minZoom":12,"maxZoom":8})") << "above maxZoom";
    QTest::newRow("file without path") << QByteArray(R"({"name":"t","kind":"mbtiles","datum":"wgs84"})") << "needs a \"path\"";
}

void TestTiles::badSpecs()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, expected);
    QString error;
    QVERIFY(!TileSourceSpec::fromJson(json, &error).has_value());
    QVERIFY2(error.contains(expected), qPrintable(error));
}

void TestTiles::goodSpecFile()
{
    const QString path = m_dir.filePath(QStringLiteral("sources/tianditu.json"));
    QVERIFY(QDir().mkpath(QFileInfo(path).absolutePath()));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"({"name":"tianditu-gz","kind":"xyz","datum":"gcj02","minZoom":3,"maxZoom":18,
        "url":"https://t{s}.tiles.example.cn/vec_w/wmts?TILEMATRIX={z}&TILEROW={y}&TILECOL={x}",
        "subdomains":["0","1","2"],"attribution":"City GIS"})");
    file.close();
    QString error;
    const auto spec = TileSourceSpec::fromFile(path, &error);
    QVERIFY2(spec.has_value(), qPrintable(error));
    QCOMPARE(spec->kind, TileSourceSpec::Kind::XyzUrl);
    QCOMPARE(spec->datum, TileDatum::Gcj02);
    QCOMPARE(spec->minZoom, 3);
    QCOMPARE(spec->maxZoom, 18);
    QCOMPARE(spec->attribution, QStringLiteral("City GIS"));
    QCOMPARE(spec->tileUrl(15, 4, 7), QStringLiteral("https://t2.tiles.example.cn/vec_w/wmts?TILEMATRIX=15&TILEROW=7&TILECOL=4"));

    // A file source's relative path is resolved next to the JSON file.
    const auto local = TileSourceSpec::fromJson(R"({"name":"offline","kind":"gdal","datum":"wgs84","path":"city.tif"})",
        &error, QFileInfo(path).absolutePath());
    QVERIFY(local.has_value());
    QCOMPARE(local->path, QFileInfo(path).absoluteDir().filePath(QStringLiteral("city.tif")));

    QVERIFY(!TileSourceSpec::fromFile(m_dir.filePath(QStringLiteral("nope.json")), &error));
    QVERIFY2(error.contains(QLatin1String("nope.json")), qPrintable(error));
}

void TestTiles::unreadableFiles()
{
    const QString garbage = m_dir.filePath(QStringLiteral("garbage.bin"));
    QFile file(garbage);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray(4096, 'x'));
    file.close();
    const Viewport viewport(kTianhe, 12, QSize(200, 100));
    for (auto kind : { TileSourceSpec::Kind::GdalRaster, TileSourceSpec::Kind::MbtilesFile }) {
        for (const QString& path : { garbage, m_dir.filePath(QStringLiteral("missing.mbtiles")) }) {
            TileSourceSpec spec;
            spec.name = QStringLiteral("broken");
            spec.kind = kind;
            spec.path = path;
            RasterBasemapLayer layer(spec);
            QCOMPARE(layer.status(), RasterBasemapLayer::Status::FileUnreadable);
            QVERIFY2(layer.statusText().startsWith(QLatin1String("file unreadable: ")), qPrintable(layer.statusText()));
            QVERIFY(layer.statusText().size() > 20);
            const QImage image = renderLayer(layer, viewport);
            QCOMPARE(image.pixelColor(100, 50).alpha(), 0);
            QVERIFY(!layer.isBusy());
        }
    }
    QVERIFY(!QFileInfo::exists(m_dir.filePath(QStringLiteral("missing.mbtiles")))); // never created
}

QTEST_MAIN(TestTiles)
#include "tst_tiles.moc"
