#include "widgets/areasearch.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QEvent>
#include <QStandardItemModel>
#include <QTimer>

namespace gridhall {

namespace {
constexpr int kCodeRole = Qt::UserRole;
constexpr int kLevelRole = Qt::UserRole + 1;
} // namespace

AreaSearch::AreaSearch(QWidget* parent)
    : QLineEdit(parent)
    , m_model(new QStandardItemModel(this))
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
    m_areas.clear();
    for (const Street& s : streets)
        m_areas.append({ s.code, s.name, AreaLevel::Street });
    for (const Community& c : communities)
        m_areas.append({ c.code, c.name, AreaLevel::Community });
    for (const GridCell& g : grids)
        m_areas.append({ g.code, g.name, AreaLevel::Grid });
    retranslate();
}

int AreaSearch::areaCount() const { return int(m_areas.size()); }

QStringList AreaSearch::matches(const QString& text) const
{
    const QString needle = text.trimmed();
    QStringList out;
    if (needle.isEmpty())
        return out;
    for (const Area& a : m_areas)
        if (a.name.contains(needle, Qt::CaseInsensitive) || a.code.contains(needle, Qt::CaseInsensitive))
            out.append(a.code);
    return out;
}

QString AreaSearch::bestMatch(const QString& text) const
{
    const QString needle = text.trimmed();
    if (needle.isEmpty())
        return {};
    for (const Area& a : m_areas)
        if (a.code == needle)
            return a.code;
    for (const Area& a : m_areas)
        if (a.name.compare(needle, Qt::CaseInsensitive) == 0)
            return a.code;
    // The text may be a completion shown in the box ("name (code)").
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const QStandardItem* item = m_model->item(row);
        if (item->text().compare(needle, Qt::CaseInsensitive) == 0)
            return item->data(kCodeRole).toString();
    }
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
    m_model->clear();
    for (const Area& a : std::as_const(m_areas)) {
        QString level;
        switch (a.level) {
        case AreaLevel::Street:
            level = tr("street");
            break;
        case AreaLevel::Community:
            level = tr("community");
            break;
        default:
            level = tr("grid");
            break;
        }
        //: Completion row: area name, area code, level (street, community or grid).
        auto* item = new QStandardItem(tr("%1 (%2, %3)").arg(a.name, a.code, level));
        item->setData(a.code, kCodeRole);
        item->setData(int(a.level), kLevelRole);
        item->setEditable(false);
        m_model->appendRow(item);
    }
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
