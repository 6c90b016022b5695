#include "widgets/areasearch.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QEvent>
#include <QAbstractListModel>
#include <QCoreApplication>
#include <QTimer>

namespace gridhall {

namespace {
constexpr int kCodeRole = Qt::UserRole;
constexpr int kLevelRole = Qt::UserRole + 1;
} // namespace

// The completer's rows over the area list, their text made when asked: a list of 12,000
// areas is one reset, where a QStandardItem per area took the GUI thread 25-50 ms at start.
class AreaSearch::Model : public QAbstractListModel {
public:
    using QAbstractListModel::QAbstractListModel;

    void setAreas(QList<Area> areas)
    {
        beginResetModel();
        m_areas = std::move(areas);
        endResetModel();
    }
    const QList<Area>& areas() const { return m_areas; }
    void retranslate()
    {
        beginResetModel();
        m_levelNames = { QCoreApplication::translate("gridhall::AreaSearch", "street"),
            QCoreApplication::translate("gridhall::AreaSearch", "community"),
            QCoreApplication::translate("gridhall::AreaSearch", "grid") };
        // A reset, not dataChanged: the completer keeps its matches until the model resets.
        endResetModel();
    }
    QString text(const Area& a) const
    {
        const QString& level = a.level == AreaLevel::Street ? m_levelNames[0]
            : a.level == AreaLevel::Community             ? m_levelNames[1]
                                                          : m_levelNames[2];
        //: Completion row: area name, area code, level (street, community or grid).
        return QCoreApplication::translate("gridhall::AreaSearch", "%1 (%2, %3)").arg(a.name, a.code, level);
    }

    int rowCount(const QModelIndex& parent = {}) const override { return parent.isValid() ? 0 : int(m_areas.size()); }
    QVariant data(const QModelIndex& index, int role) const override
    {
        if (!index.isValid() || index.row() >= m_areas.size())
            return {};
        const Area& a = m_areas[index.row()];
        switch (role) {
        case Qt::DisplayRole:
        case Qt::EditRole: return text(a);
        case kCodeRole: return a.code;
        case kLevelRole: return int(a.level);
        default: return {};
        }
    }
    Qt::ItemFlags flags(const QModelIndex& index) const override
    {
        return index.isValid() ? Qt::ItemIsEnabled | Qt::ItemIsSelectable : Qt::NoItemFlags;
    }

private:
    QList<Area> m_areas;
    QStringList m_levelNames { QString(), QString(), QString() };
};

AreaSearch::AreaSearch(QWidget* parent)
    : QLineEdit(parent)
    , m_model(new Model(this))
    , m_completer(new QCompleter(this))
{
    setObjectName(QStringLiteral("areaSearch"));
    setClearButtonEnabled(true);
    m_completer->setObjectName(QStringLiteral("areaCompleter"));
    m_completer->setModel(m_model);
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_completer->setFilterMode(Qt::MatchContains);
    m_completer->setCompletionMode(QCompleter::PopupCompletion);
    m_completer->setMaxVisibleItems(12);
    setCompleter(m_completer);

    connect(m_completer, qOverload<const QModelIndex&>(&QCompleter::activated), this,
        [this](const QModelIndex& index) { choose(index.data(kCodeRole).toString()); });
    connect(this, &QLineEdit::returnPressed, this, &AreaSearch::onReturnPressed);
    retranslate();
}

AreaSearch::~AreaSearch() = default;

void AreaSearch::setAreas(const QList<Street>& streets, const QList<Community>& communities,
    const QList<GridCell>& grids)
{
    QList<Area> areas;
    areas.reserve(streets.size() + communities.size() + grids.size());
    for (const Street& s : streets)
        areas.append({ s.code, s.name, AreaLevel::Street });
    for (const Community& c : communities)
        areas.append({ c.code, c.name, AreaLevel::Community });
    for (const GridCell& g : grids)
        areas.append({ g.code, g.name, AreaLevel::Grid });
    m_model->setAreas(std::move(areas));
}

int AreaSearch::areaCount() const { return int(m_model->areas().size()); }

QStringList AreaSearch::matches(const QString& text) const
{
    const QString needle = text.trimmed();
    QStringList out;
    if (needle.isEmpty())
        return out;
    for (const Area& a : m_model->areas())
        if (a.name.contains(needle, Qt::CaseInsensitive) || a.code.contains(needle, Qt::CaseInsensitive))
            out.append(a.code);
    return out;
}

QString AreaSearch::bestMatch(const QString& text) const
{
    const QString needle = text.trimmed();
    if (needle.isEmpty())
        return {};
    const QList<Area>& areas = m_model->areas();
    for (const Area& a : areas)
        if (a.code == needle)
            return a.code;
    for (const Area& a : areas)
        if (a.name.compare(needle, Qt::CaseInsensitive) == 0)
            return a.code;
    // The text may be a completion shown in the box ("name (code)").
    for (const Area& a : areas)
        if (m_model->text(a).compare(needle, Qt::CaseInsensitive) == 0)
            return a.code;
    const QStringList found = matches(needle);
    return found.isEmpty() ? QString() : found.constFirst();
}

void AreaSearch::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QLineEdit::changeEvent(event);
}

void AreaSearch::retranslate()
{
    setPlaceholderText(tr("Find a street, community or grid by name or code"));
    setAccessibleName(tr("Area search"));
    m_model->retranslate();
}

void AreaSearch::choose(const QString& code)
{
    if (code.isEmpty() || (m_choosing && code == m_lastChosen))
        return;
    // The popup's Enter both activates the completer and may reach returnPressed: one pick.
    m_choosing = true;
    m_lastChosen = code;
    QTimer::singleShot(0, this, [this] { m_choosing = false; });
    emit areaChosen(code);
}

void AreaSearch::onReturnPressed()
{
    const QString code = bestMatch(text());
    if (m_completer->popup())
        m_completer->popup()->hide();
    choose(code);
}

} // namespace gridhall
