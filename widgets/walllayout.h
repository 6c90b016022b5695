#pragma once
// Which wall screen shows what: a JSON layout file with one playlist of views per screen.
//
//   { "version": 1, "viewingDistance": 4,
//     "screens": [ { "screen": 1, "views": [ { "view": "map", "dwell": 60 },
//                                            { "view": "map", "area": "440106001", "dwell": 30 },
//                                            { "view": "overview", "dwell": 20 } ] },
//                  { "screen": "HDMI-2", "views": [ { "view": "overview" } ] },
//                  { "screen": "*", "views": [ { "view": "map" } ] } ] }
//
// "screen" is a 1-based number (the order Qt lists the screens in, as in FILE-1.png), a
// screen name, or "*" for every screen not named otherwise. Keys of a view other than
// "view" and "dwell" are options for that view kind (e.g. the map's "area").

#include <QHash>
#include <QList>
#include <QString>
#include <QVariantMap>

#include <functional>

namespace gridhall {

struct WallViewSpec {
    QString kind; // a name registered with the WallViewRegistry
    QVariantMap options;
    int dwellSeconds = 30;
    bool operator==(const WallViewSpec&) const = default;
};

struct WallScreenSpec {
    int index = 0; // 1-based; 0 when chosen by name or "*"
    QString name; // "*" for the fallback entry
    QList<WallViewSpec> views;
    bool operator==(const WallScreenSpec&) const = default;
};

struct WallLayout {
    static constexpr int kMinDwellSeconds = 1;
    static constexpr int kMaxDwellSeconds = 24 * 3600;
    static constexpr int kMaxScreens = 64;

    double viewingDistanceMetres = 4.0;
    QList<WallScreenSpec> screens;

    // The playlist for the screen at 0-based position `position` in QGuiApplication::screens()
    // named `name`: by number first, then by name, then "*", else the built-in default.
    QList<WallViewSpec> playlistFor(int position, const QString& name) const;

    // Map, case queues, KPI board, district overview on every screen: what --wall shows without a layout
    // file (kinds the app has not registered are skipped).
    static WallLayout defaultLayout();

    // Parses and checks a layout; on failure returns false and a translated message that
    // names where the problem is (line and column, or the path like screens[1].views[0]).
    // knownKinds, when not empty, are the only view names accepted; optionChecks, per kind,
    // refuse an entry's options (WallViewRegistry::optionChecks()).
    using OptionCheck = std::function<bool(const QVariantMap& options, QString* error)>;
    static bool parse(const QByteArray& json, const QStringList& knownKinds, WallLayout* layout,
        QString* error, const QHash<QString, OptionCheck>& optionChecks = {});
    static bool load(const QString& path, const QStringList& knownKinds, WallLayout* layout,
        QString* error, const QHash<QString, OptionCheck>& optionChecks = {});
    QByteArray toJson() const;
    bool save(const QString& path, QString* error) const;

    bool operator==(const WallLayout&) const = default;
};

} // namespace gridhall
