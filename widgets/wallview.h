#pragma once
// What a wall screen can show, supplied by the app: each view kind (map, overview, later the
// KPI and queue boards) is registered by name with a factory. The wall framework knows
// nothing of the data; a view gets it from whoever made it.
//
// Adding a kind is one call: registry.registerKind("kpi", [](QWidget* parent) { ... });

#include "models/domain/geo.h"

#include <QDateTime>
#include <QHash>
#include <QStringList>
#include <QVariantMap>
#include <QWidget>

#include <functional>
#include <memory>

namespace gridhall {

struct WallViewSpec;

// A new red dispute (or any alert) shown on every wall screen until acknowledged.
struct WallAlert {
    qint64 id = 0; // the case id for disputes
    QString title; // already translated, e.g. "New red dispute: wage arrears"
    QString detail; // where and when
    LonLat position;
    bool hasPosition = false;
    QString areaCode; // the grid cell it is in, for views that outline it

    QDateTime raisedAt;
};

class WallView {
public:
    virtual ~WallView() = default;
    // The widget shown full screen; owned by the view's parent (the wall window).
    virtual QWidget* widget() = 0;
    // Shows one playlist entry (its options, e.g. a map close-up of one street). A view
    // kind that appears several times in a playlist is one view, shown with each entry.
    virtual void showEntry(const WallViewSpec& spec) = 0;
    // Caption for the wall's footer, e.g. "District map" or "Close-up: Shipai street".
    virtual QString caption() const = 0;
    // Views that can show where an alert is (the map) get it and are brought forward.
    virtual bool canShowAlert() const { return false; }
    virtual void showAlert(const WallAlert& alert) { Q_UNUSED(alert); }
    virtual void alertCleared(qint64 id) { Q_UNUSED(id); }
    // Body text size of the wall screen in pixels, for text the style sheet does not reach
    // (e.g. map labels drawn by a layer).
    virtual void setTypeSize(int bodyPixels) { Q_UNUSED(bodyPixels); }
    // Whether what it shows has finished drawing (for screenshots).
    virtual bool isSettled() const { return true; }
};

class WallViewRegistry {
public:
    using Factory = std::function<std::unique_ptr<WallView>(QWidget* parent)>;
    // Checks a layout entry's options for a kind: false and a translated reason to refuse
    // the layout (WallLayout::parse).
    using OptionCheck = std::function<bool(const QVariantMap& options, QString* error)>;
    // Registering a kind again replaces its factory.
    void registerKind(const QString& kind, Factory factory);
    void registerOptionCheck(const QString& kind, OptionCheck check) { m_checks.insert(kind, std::move(check)); }
    const QHash<QString, OptionCheck>& optionChecks() const { return m_checks; }
    QStringList kinds() const; // in registration order
    bool contains(const QString& kind) const { return m_factories.contains(kind); }
    // nullptr for an unknown kind.
    std::unique_ptr<WallView> create(const QString& kind, QWidget* parent) const;

private:
    QStringList m_order;
    QHash<QString, Factory> m_factories;
    QHash<QString, OptionCheck> m_checks;
};

} // namespace gridhall
