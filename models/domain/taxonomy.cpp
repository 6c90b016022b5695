#include "models/domain/taxonomy.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace gridhall {

namespace {
bool readName(const QJsonObject& o, const char* key, QString* out)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (!v.isString() || v.toString().trimmed().isEmpty())
        return false;
    *out = v.toString().trimmed();
    return true;
}
} // namespace

std::optional<Taxonomy> Taxonomy::fromJson(const QByteArray& json, QString* error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = QCoreApplication::translate("Taxonomy", "Taxonomy is not valid JSON at offset %1: %2")
                     .arg(parseError.offset)
                     .arg(parseError.errorString());
        return std::nullopt;
    }
    const QJsonValue classesValue = doc.object().value(QLatin1String("classes"));
    if (!doc.isObject() || !classesValue.isArray() || classesValue.toArray().isEmpty()) {
        *error = QCoreApplication::translate("Taxonomy", "Taxonomy needs a non-empty \"classes\" array");
        return std::nullopt;
    }
    Taxonomy t;
    const QJsonArray classes = classesValue.toArray();
    for (qsizetype ci = 0; ci < classes.size(); ++ci) {
        const QJsonObject co = classes.at(ci).toObject();
        CategoryClass cls;
        if (!readName(co, "code", &cls.code) || !readName(co, "zh", &cls.nameZh)
            || !readName(co, "en", &cls.nameEn)) {
            *error = QCoreApplication::translate("Taxonomy", "Class #%1 needs \"code\", \"zh\" and \"en\"").arg(ci + 1);
            return std::nullopt;
        }
        for (const CategoryClass& other : t.m_classes) {
            if (other.code == cls.code) {
                *error = QCoreApplication::translate("Taxonomy", "Class code %1 appears twice").arg(cls.code);
                return std::nullopt;
            }
        }
        const QJsonArray items = co.value(QLatin1String("items")).toArray();
        if (items.isEmpty()) {
            *error = QCoreApplication::translate("Taxonomy", "Class %1 has no items").arg(cls.code);
            return std::nullopt;
        }
        for (qsizetype ii = 0; ii < items.size(); ++ii) {
            const QJsonObject io = items.at(ii).toObject();
            CategoryItem item;
            item.classCode = cls.code;
            if (!readName(io, "code", &item.code) || !readName(io, "zh", &item.nameZh)
                || !readName(io, "en", &item.nameEn)
                || !readName(io, "department", &item.defaultDepartment)) {
                *error = QCoreApplication::translate("Taxonomy", "Item #%1 of class %2 needs \"code\", \"zh\", \"en\" and \"department\"")
                             .arg(ii + 1)
                             .arg(cls.code);
                return std::nullopt;
            }
            if (t.m_itemIndex.contains(item.code)) {
                *error = QCoreApplication::translate("Taxonomy", "Item code %1 appears twice").arg(item.code);
                return std::nullopt;
            }
            const QString level = io.value(QLatin1String("level")).toString(QStringLiteral("community"));
            if (!handlingLevelFromKey(level, &item.defaultLevel)) {
                *error = QCoreApplication::translate("Taxonomy", "Item %1: unknown level \"%2\"").arg(item.code, level);
                return std::nullopt;
            }
            const QString dispute = io.value(QLatin1String("dispute")).toString(QStringLiteral("none"));
            if (!disputeLevelFromKey(dispute, &item.defaultDisputeLevel)) {
                *error = QCoreApplication::translate("Taxonomy", "Item %1: unknown dispute level \"%2\"").arg(item.code, dispute);
                return std::nullopt;
            }
            const QJsonValue limit = io.value(QLatin1String("limitMinutes"));
            if (!limit.isUndefined()) {
                const double minutes = limit.toDouble(-1);
                if (!limit.isDouble() || minutes < 1 || minutes > 60 * 24 * 365) {
                    *error = QCoreApplication::translate("Taxonomy", "Item %1: \"limitMinutes\" must be between 1 and 525600")
                                 .arg(item.code);
                    return std::nullopt;
                }
                item.handleLimitMinutes = int(minutes);
            }
            t.m_itemIndex.insert(item.code, { int(t.m_classes.size()), int(cls.items.size()) });
            cls.items.append(item);
        }
        t.m_classes.append(cls);
    }
    return t;
}

const Taxonomy& Taxonomy::builtIn()
{
    static const Taxonomy taxonomy = [] {
        QFile file(QStringLiteral(":/gridhall/domain/taxonomy.json"));
        QString error;
        std::optional<Taxonomy> t;
        if (file.open(QIODevice::ReadOnly))
            t = fromJson(file.readAll(), &error);
        // The shipped file is checked by the tests; failing here is a build defect.
        if (!t)
            qFatal("GridHall's built-in taxonomy does not load: %s", qPrintable(error));
        return t.value_or(Taxonomy {});
    }();
    return taxonomy;
}

QByteArray Taxonomy::toJson() const
{
    QJsonArray classes;
    for (const CategoryClass& cls : m_classes) {
        QJsonArray items;
        for (const CategoryItem& item : cls.items) {
            items.append(QJsonObject {
                { QStringLiteral("code"), item.code },
                { QStringLiteral("zh"), item.nameZh },
                { QStringLiteral("en"), item.nameEn },
                { QStringLiteral("department"), item.defaultDepartment },
                { QStringLiteral("level"), handlingLevelKey(item.defaultLevel) },
                { QStringLiteral("dispute"), disputeLevelKey(item.defaultDisputeLevel) },
                { QStringLiteral("limitMinutes"), item.handleLimitMinutes },
            });
        }
        classes.append(QJsonObject { { QStringLiteral("code"), cls.code },
            { QStringLiteral("zh"), cls.nameZh }, { QStringLiteral("en"), cls.nameEn },
            { QStringLiteral("items"), items } });
    }
    return QJsonDocument(QJsonObject { { QStringLiteral("version"), 1 },
                             { QStringLiteral("classes"), classes } })
        .toJson(QJsonDocument::Indented);
}

const CategoryItem* Taxonomy::item(const QString& code) const
{
    const auto it = m_itemIndex.constFind(code);
    if (it == m_itemIndex.cend())
        return nullptr;
    return &m_classes[it->first].items[it->second];
}

const CategoryClass* Taxonomy::classOf(const QString& itemCode) const
{
    const auto it = m_itemIndex.constFind(itemCode);
    return it == m_itemIndex.cend() ? nullptr : &m_classes[it->first];
}

QList<Department> builtInDepartments()
{
    QFile file(QStringLiteral(":/gridhall/domain/departments.json"));
    QList<Department> result;
    if (!file.open(QIODevice::ReadOnly))
        return result;
    const QJsonArray array = QJsonDocument::fromJson(file.readAll()).array();
    for (const QJsonValue& v : array) {
        const QJsonObject o = v.toObject();
        result.append({ o.value(QLatin1String("code")).toString(),
            o.value(QLatin1String("zh")).toString(), o.value(QLatin1String("en")).toString() });
    }
    return result;
}

} // namespace gridhall
