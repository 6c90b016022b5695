#include "widgets/walllayout.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QSet>

#include <cmath>

namespace gridhall {

namespace {

const QString kScreen = QStringLiteral("screen");
const QString kViews = QStringLiteral("views");
const QString kView = QStringLiteral("view");
const QString kDwell = QStringLiteral("dwell");
const QString kAnyScreen = QStringLiteral("*");

// Line and column (1-based) of a byte offset, for parse errors a person can find.
QString positionOf(const QByteArray& json, int offset)
{
    int line = 1, column = 1;
    for (int i = 0; i < offset && i < json.size(); ++i) {
        if (json.at(i) == '\n') {
            ++line;
            column = 1;
        } else if ((json.at(i) & 0xC0) != 0x80) { // count characters, not UTF-8 bytes
            ++column;
        }
    }
    return QCoreApplication::translate("WallLayout", "line %1, column %2").arg(line).arg(column);
}

QString typeName(const QJsonValue& v)
{
    switch (v.type()) {
    case QJsonValue::Null: return QStringLiteral("null");
    case QJsonValue::Bool: return QStringLiteral("true/false");
    case QJsonValue::Double: return QCoreApplication::translate("WallLayout", "a number");
    case QJsonValue::String: return QCoreApplication::translate("WallLayout", "text");
    case QJsonValue::Array: return QCoreApplication::translate("WallLayout", "a list");
    case QJsonValue::Object: return QCoreApplication::translate("WallLayout", "an object");
    case QJsonValue::Undefined: break;
    }
    return QCoreApplication::translate("WallLayout", "nothing");
}

using OptionChecks = QHash<QString, WallLayout::OptionCheck>;

bool parseView(const QJsonValue& value, const QString& where, const QStringList& knownKinds,
    const OptionChecks& checks, WallViewSpec* view, QString* error)
{
    if (!value.isObject()) {
        *error = QCoreApplication::translate("WallLayout", "%1: expected an object like {\"view\": \"map\"}, found %2")
                     .arg(where, typeName(value));
        return false;
    }
    const QJsonObject o = value.toObject();
    const QJsonValue kind = o.value(kView);
    if (!kind.isString() || kind.toString().isEmpty()) {
        *error = QCoreApplication::translate("WallLayout", "%1: \"view\" must name a view, e.g. \"map\"").arg(where);
        return false;
    }
    view->kind = kind.toString();
    if (!knownKinds.isEmpty() && !knownKinds.contains(view->kind)) {
        *error = QCoreApplication::translate("WallLayout", "%1: unknown view \"%2\"; known views: %3")
                     .arg(where, view->kind, knownKinds.join(QStringLiteral(", ")));
        return false;
    }
    if (o.contains(kDwell)) {
        const QJsonValue d = o.value(kDwell);
        const double seconds = d.toDouble(-1);
        if (!d.isDouble() || seconds != std::floor(seconds) || seconds < WallLayout::kMinDwellSeconds
            || seconds > WallLayout::kMaxDwellSeconds) {
            *error = QCoreApplication::translate("WallLayout", "%1: \"dwell\" must be whole seconds from %2 to %3")
                         .arg(where)
                         .arg(WallLayout::kMinDwellSeconds)
                         .arg(WallLayout::kMaxDwellSeconds);
            return false;
        }
        view->dwellSeconds = int(seconds);
    }
    for (auto it = o.begin(); it != o.end(); ++it)
        if (it.key() != kView && it.key() != kDwell)
            view->options.insert(it.key(), it.value().toVariant());
    if (const auto check = checks.constFind(view->kind); check != checks.cend()) {
        QString reason;
        if (!(*check)(view->options, &reason)) {
            *error = QStringLiteral("%1 (%2): %3").arg(where, view->kind, reason);
            return false;
        }
    }
    return true;
}

bool parseScreen(const QJsonValue& value, const QString& where, const QStringList& knownKinds,
    const OptionChecks& checks, WallScreenSpec* screen, QString* error)
{
    if (!value.isObject()) {
        *error = QCoreApplication::translate("WallLayout", "%1: expected an object with \"screen\" and \"views\", found %2")
                     .arg(where, typeName(value));
        return false;
    }
    const QJsonObject o = value.toObject();
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (it.key() != kScreen && it.key() != kViews) {
            *error = QCoreApplication::translate("WallLayout", "%1: unknown key \"%2\" (a screen has \"screen\" and \"views\")")
                         .arg(where, it.key());
            return false;
        }
    }
    const QJsonValue s = o.value(kScreen);
    if (s.isDouble()) {
        const double n = s.toDouble();
        if (n != std::floor(n) || n < 1 || n > WallLayout::kMaxScreens) {
            *error = QCoreApplication::translate("WallLayout", "%1: \"screen\" number must be from 1 to %2")
                         .arg(where)
                         .arg(WallLayout::kMaxScreens);
            return false;
        }
        screen->index = int(n);
    } else if (s.isString() && !s.toString().trimmed().isEmpty()) {
        screen->name = s.toString().trimmed();
    } else {
        *error = QCoreApplication::translate("WallLayout", "%1: \"screen\" must be a number (1 is the first screen), a screen name or \"*\"")
                     .arg(where);
        return false;
    }
    const QJsonArray views = o.value(kViews).toArray();
    if (!o.value(kViews).isArray() || views.isEmpty()) {
        *error = QCoreApplication::translate("WallLayout", "%1: \"views\" must be a list of at least one view").arg(where);
        return false;
    }
    for (int i = 0; i < views.size(); ++i) {
        WallViewSpec view;
        if (!parseView(views.at(i), QStringLiteral("%1.views[%2]").arg(where).arg(i), knownKinds, checks, &view, error))
            return false;
        screen->views.append(view);
    }
    return true;
}

} // namespace

QList<WallViewSpec> WallLayout::playlistFor(int position, const QString& name) const
{
    for (const WallScreenSpec& s : screens)
        if (s.index == position + 1)
            return s.views;
    for (const WallScreenSpec& s : screens)
        if (!name.isEmpty() && s.name == name)
            return s.views;
    for (const WallScreenSpec& s : screens)
        if (s.name == kAnyScreen)
            return s.views;
    return defaultLayout().screens.constFirst().views;
}

WallLayout WallLayout::defaultLayout()
{
    WallLayout layout;
    WallScreenSpec any;
    any.name = kAnyScreen;
    any.views = { { QStringLiteral("map"), {}, 60 }, { QStringLiteral("queue"), {}, 30 },
        { QStringLiteral("kpi"), {}, 30 }, { QStringLiteral("overview"), {}, 20 } };
    layout.screens = { any };
    return layout;
}

bool WallLayout::parse(const QByteArray& json, const QStringList& knownKinds, WallLayout* layout,
    QString* error, const QHash<QString, OptionCheck>& optionChecks)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (doc.isNull()) {
        *error = QCoreApplication::translate("WallLayout", "not valid JSON at %1: %2")
                     .arg(positionOf(json, parseError.offset), parseError.errorString());
        return false;
    }
    if (!doc.isObject()) {
        *error = QCoreApplication::translate("WallLayout", "expected an object with a \"screens\" list at the top");
        return false;
    }
    const QJsonObject o = doc.object();
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (it.key() != QLatin1String("version") && it.key() != QLatin1String("screens")
            && it.key() != QLatin1String("viewingDistance")) {
            *error = QCoreApplication::translate("WallLayout", "unknown key \"%1\" at the top (known: version, viewingDistance, screens)")
                         .arg(it.key());
            return false;
        }
    }
    if (o.contains(QLatin1String("version")) && o.value(QLatin1String("version")).toInt(-1) != 1) {
        *error = QCoreApplication::translate("WallLayout", "unsupported layout version %1 (this GridHall reads version 1)")
                     .arg(o.value(QLatin1String("version")).toVariant().toString());
        return false;
    }
    WallLayout result;
    if (o.contains(QLatin1String("viewingDistance"))) {
        const double d = o.value(QLatin1String("viewingDistance")).toDouble(-1);
        if (!(d >= 0.5 && d <= 50)) {
            *error = QCoreApplication::translate("WallLayout", "\"viewingDistance\" must be in metres, from 0.5 to 50");
            return false;
        }
        result.viewingDistanceMetres = d;
    }
    const QJsonValue screens = o.value(QLatin1String("screens"));
    if (!screens.isArray() || screens.toArray().isEmpty()) {
        *error = QCoreApplication::translate("WallLayout", "\"screens\" must be a list of at least one screen");
        return false;
    }
    const QJsonArray list = screens.toArray();
    QSet<int> indices;
    QSet<QString> names;
    for (int i = 0; i < list.size(); ++i) {
        const QString where = QStringLiteral("screens[%1]").arg(i);
        WallScreenSpec screen;
        if (!parseScreen(list.at(i), where, knownKinds, optionChecks, &screen, error))
            return false;
        const bool duplicate = screen.index ? indices.contains(screen.index) : names.contains(screen.name);
        if (duplicate) {
            *error = QCoreApplication::translate("WallLayout", "%1: screen %2 is already given a playlist above")
                         .arg(where, screen.index ? QString::number(screen.index) : screen.name);
            return false;
        }
        indices.insert(screen.index);
        names.insert(screen.name);
        result.screens.append(screen);
    }
    *layout = result;
    return true;
}

bool WallLayout::load(const QString& path, const QStringList& knownKinds, WallLayout* layout, QString* error,
    const QHash<QString, OptionCheck>& optionChecks)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QCoreApplication::translate("WallLayout", "cannot read wall layout %1: %2").arg(path, file.errorString());
        return false;
    }
    QString reason;
    if (!parse(file.readAll(), knownKinds, layout, &reason, optionChecks)) {
        *error = QCoreApplication::translate("WallLayout", "wall layout %1: %2").arg(path, reason);
        return false;
    }
    return true;
}

QByteArray WallLayout::toJson() const
{
    QJsonArray list;
    for (const WallScreenSpec& s : screens) {
        QJsonArray views;
        for (const WallViewSpec& v : s.views) {
            QJsonObject view = QJsonObject::fromVariantMap(v.options);
            view.insert(kView, v.kind);
            view.insert(kDwell, v.dwellSeconds);
            views.append(view);
        }
        QJsonObject screen;
        screen.insert(kScreen, s.index ? QJsonValue(s.index) : QJsonValue(s.name));
        screen.insert(kViews, views);
        list.append(screen);
    }
    QJsonObject top;
    top.insert(QStringLiteral("version"), 1);
    top.insert(QStringLiteral("viewingDistance"), viewingDistanceMetres);
    top.insert(QStringLiteral("screens"), list);
    return QJsonDocument(top).toJson(QJsonDocument::Indented);
}

bool WallLayout::save(const QString& path, QString* error) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(toJson()) < 0 || !file.commit()) {
        *error = QCoreApplication::translate("WallLayout", "cannot write wall layout %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace gridhall
