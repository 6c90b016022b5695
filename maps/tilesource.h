#pragma once
// Where raster basemap tiles come from, described by a small JSON file per city:
//   { "name": "tianditu-gz", "kind": "xyz",
//     "url": "https://t{s}.example.cn/vec/{z}/{x}/{y}.png", "subdomains": ["0","1"],
//     "datum": "gcj02", "minZoom": 3, "maxZoom": 18, "attribution": "..." }
// kind is "xyz" (URL template), "mbtiles" (an MBTiles file read directly) or "gdal" (any
// raster GDAL opens: GeoTIFF, MBTiles, ...; warped to Web Mercator). The datum must be
// declared ("wgs84" or "gcj02"): a wrong guess would misplace the whole map by hundreds of
// metres. Relative paths are resolved against the JSON file's folder.

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>

namespace gridhall {

enum class TileDatum { Wgs84, Gcj02 };

struct TileSourceSpec {
    enum class Kind { XyzUrl, MbtilesFile, GdalRaster };

    QString name;
    Kind kind = Kind::XyzUrl;
    QString urlTemplate; // {z} {x} {y} required, {s} picks from subdomains
    QStringList subdomains;
    QString path; // MbtilesFile / GdalRaster
    TileDatum datum = TileDatum::Wgs84;
    int minZoom = 0;
    int maxZoom = 18;
    QString attribution;

    // The URL of one tile (XYZ scheme: y grows southwards).
    QString tileUrl(int z, int x, int y) const;

    // Parses and validates; on failure returns nothing and sets *error to a translated,
    // specific message.
    static std::optional<TileSourceSpec> fromJson(const QByteArray& json, QString* error,
        const QString& baseDirectory = {});
    static std::optional<TileSourceSpec> fromFile(const QString& path, QString* error);
};

} // namespace gridhall
