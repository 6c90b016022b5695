#include "maps/tilesource.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

#include <cmath>

namespace gridhall {

namespace {

constexpr int kMaxTileZoom = 22;

std::optional<TileSourceSpec> fail(QString* error, const QString& message)
{
    if (error)
        *error = message;
    return std::nullopt;
}

} // namespace

QString TileSourceSpec::tileUrl(int z, int x, int y) const
{
    QString url = urlTemplate;
    url.replace(QLatin1String("{z}"), QString::number(z));
    url.replace(QLatin1String("{x}"), QString::number(x));
    url.replace(QLatin1String("{y}"), QString::number(y));
    if (!subdomains.isEmpty()) // spread tiles over the servers deterministically
        url.replace(QLatin1String("{s}"), subdomains.at((x + y) % subdomains.size()));
    return url;
}

std::optional<TileSourceSpec> TileSourceSpec::fromJson(const QByteArray& json, QString* error,
    const QString& baseDirectory)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return fail(error, QCoreApplication::translate("gridhall::TileSourceSpec", "Tile source is not valid JSON at offset %1: %2")
                               .arg(parseError.offset).arg(parseError.errorString()));
    if (!doc.isObject())
        return fail(error, QCoreApplication::translate("gridhall::TileSourceSpec", "Tile source must be a JSON object"));
    const QJsonObject o = doc.object();

    TileSourceSpec spec;
    spec.name = o.value(QLatin1String("name")).toString().trimmed();
    if (spec.name.isEmpty())
        return fail(error, QCoreApplication::translate("gridhall::TileSourceSpec", "Tile source has no \"name\""));

    const QString kind = o.value(QLatin1String("kind")).toString();
    if (kind == QLatin1String("xyz"))
        spec.kind = Kind::XyzUrl;
    else if (kind == QLatin1String("mbtiles"))
        spec.kind = Kind::MbtilesFile;
    else if (kind == QLatin1String("gdal"))
        spec.kind = Kind::GdalRaster;
    else
        return fail(error, QCoreApplication::translate("gridhall::TileSourceSpec", "Tile source \"%1\": \"kind\" must be \"xyz\", \"mbtiles\" or \"gdal\", not \"%2\"")
                               .arg(spec.name, kind));

    const QJsonValue datum = o.value(QLatin1String("datum"));
    if (datum.isUndefined())
        return fail(error, QCoreApplication::translate("gridhall::TileSourceSpec", "Tile source \"%1\" does not declare its \"datum\" (\"wgs84\" or \"gcj02\")").arg(spec.name));
    const QString datumName = datum.toString().toLower();
    if (datumName == QLatin1String("wgs84"))
        spec.datum = TileDatum::Wgs84;
    else if (datumName == QLatin1String("gcj02"))
        spec.datum = TileDatum::Gcj02;
    else
        return fail(error, QCoreApplication::translate("gridhall::TileSourceSpec", "Tile source \"%1\": unknown datum \"%2\" (use \"wgs84\" or \"gcj02\")")
                               .arg(spec.name, datum.toString()));

    for (auto [key, target] : { std::pair { "minZoom", &spec.minZoom }, std::pair { "maxZoom", &spec.maxZoom } }) {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined())
            continue;
        const double d = v.toDouble(-1);
        if (!v.isDouble() || d != std::floor(d) || d < 0 || d > kMaxTileZoom)
            return fail(error, QCoreApplication::translate("gridhall::TileSourceSpec", "Tile source \"%1\": \"%2\" must be a whole number from 0 to %3")
                                   .arg(spec.name, QLatin1String(key)).arg(kMaxTileZoom));
        *target = int(d);
    }
    if (spec.minZoom > spec.maxZoom)
        return fail(error, QCoreApplication::translate("gridhall::TileSourceSpec", "Tile source \"%1\": minZoom %2 is above maxZoom %3")
                               .arg(spec.name).arg(spec.minZoom).arg(spec.maxZoom));
    spec.attribution = o.value(QLatin1String("attribution")).toString();

    if (spec.kind == Kind::XyzUrl) {
        spec.urlTemplate = o.value(QLatin1String("url")).toString().trimmed();
        // Placeholders are not valid in a host name: check the URL with sample values in.
        QString sample = spec.urlTemplate;
        for (const char* placeholder : { "{z}", "{x}", "{y}", "{s}" })
            sample.replace(QLatin1String(placeholder), QLatin1String("0"));
        const QUrl url(sample, QUrl::StrictMode);
        if (spec.urlTemplate.isEmpty() || !url.isValid()
            || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")))
            return fail(error, QCoreApplication::translate("gridhall::TileSourceSpec", "Tile source \"%1\": \"url\" must be an http or https URL template").arg(spec.name));
        for (const char* placeholder : { "{z}", "{x}", "{y}" }) {
            if (!spec.urlTemplate.contains(QLatin1String(placeholder)))
                return fail(error, QCoreApplication::translate("gridhall::TileSourceSpec", "Tile source \"%1\": the url template lacks %2")
                                       .arg(spec.name, QLatin1String(placeholder)));
        }
        for (const QJsonValue& s : o.value(QLatin1String("subdomains")).toArray()) {
            if (!s.isString() || s.toString().isEmpty())
                return fail(error, QCoreApplication::translate("gridhall::TileSourceSpec", "Tile source \"%1\": \"subdomains\" must be a list of non-empty strings").arg(spec.name));
            spec.subdomains.append(s.toString());
        }
        if (spec.urlTemplate.contains(QLatin1String("{s}")) && spec.subdomains.isEmpty())
            return fail(error, QCoreApplication::translate("gridhall::TileSourceSpec", "Tile source \"%1\": the url uses {s} but no \"subdomains\" are given").arg(spec.name));
    } else {
        spec.path = o.value(QLatin1String("path")).toString();
        if (spec.path.isEmpty())
            return fail(error, QCoreApplication::translate("gridhall::TileSourceSpec", "Tile source \"%1\" needs a \"path\" to its file").arg(spec.name));
        if (QFileInfo(spec.path).isRelative() && !baseDirectory.isEmpty())
            spec.path = QDir(baseDirectory).filePath(spec.path);
    }
    return spec;
}

std::optional<TileSourceSpec> TileSourceSpec::fromFile(const QString& path, QString* error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(error, QCoreApplication::translate("gridhall::TileSourceSpec", "Cannot read tile source %1: %2").arg(path, file.errorString()));
    QString innerError;
    auto spec = fromJson(file.readAll(), &innerError, QFileInfo(path).absolutePath());
    if (!spec)
        return fail(error, QCoreApplication::translate("gridhall::TileSourceSpec", "%1: %2").arg(path, innerError));
    return spec;
}

} // namespace gridhall
