#pragma once
// Category taxonomy: class → item. Each item carries its code, names, the department
// it goes to by default, the level that handles it first, and whether it is a dispute.

#include "models/domain/casetypes.h"

#include <QHash>
#include <QList>
#include <QLocale>
#include <QString>
#include <optional>

namespace gridhall {

// Whether names with a Chinese and an English form are shown in Chinese: the interface
// language sets QLocale's default (translations/translator.cpp), so names follow it.
inline bool chineseNames() { return QLocale().language() == QLocale::Chinese; }

struct CategoryItem {
    QString code; // e.g. "0103"
    QString classCode; // e.g. "01"
    QString nameZh;
    QString nameEn;
    QString defaultDepartment; // department code
    HandlingLevel defaultLevel = HandlingLevel::Community;
    DisputeLevel defaultDisputeLevel = DisputeLevel::None; // not None: the item is a dispute
    int handleLimitMinutes = 60; // default time limit for the handling step
    bool isDispute() const { return defaultDisputeLevel != DisputeLevel::None; }
    const QString& name() const { return chineseNames() ? nameZh : nameEn; }
};

struct CategoryClass {
    QString code;
    QString nameZh;
    QString nameEn;
    QList<CategoryItem> items;
    const QString& name() const { return chineseNames() ? nameZh : nameEn; }
};

class Taxonomy {
public:
    // Parses the JSON form (see taxonomy.json). On failure returns nothing and sets
    // *error to a message naming the offending entry.
    static std::optional<Taxonomy> fromJson(const QByteArray& json, QString* error);
    // The taxonomy GridHall ships: Tianhe-style classes and items.
    static const Taxonomy& builtIn();

    QByteArray toJson() const;
    const QList<CategoryClass>& classes() const { return m_classes; }
    const CategoryItem* item(const QString& code) const;
    const CategoryClass* classOf(const QString& itemCode) const;
    int itemCount() const { return int(m_itemIndex.size()); }

private:
    QList<CategoryClass> m_classes;
    QHash<QString, QPair<int, int>> m_itemIndex; // item code → (class, item) positions
};

// The shipped list of departments (城管, 公安, 环卫 …).
QList<Department> builtInDepartments();

} // namespace gridhall
