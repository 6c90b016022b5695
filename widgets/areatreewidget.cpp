#include "widgets/areatreewidget.h"

#include "models/itemmodels/areatreemodel.h"

#include <QEvent>
#include <QHeaderView>
#include <QResizeEvent>
#include <QKeyEvent>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QTreeView>
#include <QVBoxLayout>

namespace gridhall {

namespace {
constexpr int kColumnMargin = 12;
constexpr int kFigureDigits = 6; // counts up to 999,999 read whole
} // namespace

// Matches name or code; a parent stays while any descendant matches (the tree is small:
// a few thousand rows, so the standard proxy is fine here).
class AreaFilterProxy : public QSortFilterProxyModel {
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    void setText(const QString& text)
    {
        m_text = text;
        invalidateFilter();
    }

protected:
    bool filterAcceptsRow(int row, const QModelIndex& parent) const override
    {
        if (m_text.isEmpty())
            return true;
        const QModelIndex name = sourceModel()->index(row, AreaTreeModel::NameColumn, parent);
        const QModelIndex code = sourceModel()->index(row, AreaTreeModel::CodeColumn, parent);
        return name.data().toString().contains(m_text, Qt::CaseInsensitive)
            || code.data().toString().startsWith(m_text);
    }

private:
    QString m_text;
};

AreaTreeWidget::AreaTreeWidget(QWidget* parent)
    : QWidget(parent)
    , m_search(new QLineEdit(this))
    , m_view(new QTreeView(this))
    , m_proxy(new AreaFilterProxy(this))
{
    m_search->setClearButtonEnabled(true);
    m_proxy->setRecursiveFilteringEnabled(true);
    m_view->setModel(m_proxy);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->setSortingEnabled(false);
    m_view->setObjectName(QStringLiteral("areaTree"));
    m_view->viewport()->installEventFilter(this);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_search);
    layout->addWidget(m_view);

    connect(m_search, &QLineEdit::textChanged, this, &AreaTreeWidget::applyFilter);
    // Enter in the search box jumps into the results, so the keyboard path is complete.
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        if (m_proxy->rowCount() > 0) {
            m_view->setFocus();
            m_view->setCurrentIndex(m_proxy->index(0, 0));
        }
    });
    connect(m_view, &QTreeView::activated, this, [this](const QModelIndex& index) {
        emit areaActivated(index.data(AreaTreeModel::CodeRole).toString());
    });
    retranslate();
}

void AreaTreeWidget::setModel(AreaTreeModel* model)
{
    m_model = model;
    m_proxy->setSourceModel(model);
    connect(model, &QAbstractItemModel::modelReset, this, [this] {
        m_view->expandToDepth(0);
        m_view->header()->setSectionResizeMode(AreaTreeModel::NameColumn, QHeaderView::Stretch);
        for (int c = AreaTreeModel::CodeColumn; c < AreaTreeModel::ColumnCount; ++c)
            m_view->header()->setSectionResizeMode(c, QHeaderView::Interactive);
        sizeColumns();
        fitColumns();
    });
}

int AreaTreeWidget::fixedWidth(int column) const
{
    // The header or the widest value there can be, whichever is wider: the longest code
    // (a grid's, when the tree holds grids) or a count of kFigureDigits digits.
    const int digit = fontMetrics().horizontalAdvance(QLatin1Char('0'));
    const int digits = column == AreaTreeModel::CodeColumn ? (m_model ? m_model->longestCodeLength() : 9) : kFigureDigits;
    return std::max(m_view->header()->sectionSizeHint(column), digits * digit + kColumnMargin);
}

void AreaTreeWidget::sizeColumns()
{
    // Set once, not resized to the contents: that measured every visible row again at each
    // live change of a count (about 5 ms each, four per case: its grid and the areas above it).
    for (int c = AreaTreeModel::CodeColumn; c < AreaTreeModel::ColumnCount; ++c)
        m_view->header()->resizeSection(c, fixedWidth(c));
}

bool AreaTreeWidget::eventFilter(QObject* watched, QEvent* event)
{
    // The view's own viewport, not this widget: on first show this widget is resized
    // before the view inside it, whose width would still be the old one.
    if (watched == m_view->viewport() && event->type() == QEvent::Resize)
        fitColumns();
    return QWidget::eventFilter(watched, event);
}

void AreaTreeWidget::fitColumns()
{
    // In a narrow dock the names matter more than the codes (the search finds either) and
    // than the grid and worker counts: those give way, in that order, while a street's name
    // would not fit beside what remains. The open cases stay: they are what the dock is for.
    // The widths are the ones sizeColumns() gives (headers differ between languages).
    // A street's name, indented one level: four Chinese characters (“某某街道”) and a margin.
    const int names = m_view->indentation() * 2 + fontMetrics().horizontalAdvance(QString(4, QChar(0x8857))) + kColumnMargin;
    int others = 0;
    for (int c = AreaTreeModel::CodeColumn; c < AreaTreeModel::ColumnCount; ++c)
        others += fixedWidth(c);
    for (const int column : { AreaTreeModel::CodeColumn, AreaTreeModel::GridsColumn, AreaTreeModel::WorkersColumn }) {
        const bool hide = m_view->viewport()->width() - others < names;
        m_view->setColumnHidden(column, hide);
        if (hide)
            others -= fixedWidth(column);
    }
}

void AreaTreeWidget::applyFilter(const QString& text)
{
    m_proxy->setText(text.trimmed());
    if (!text.trimmed().isEmpty())
        m_view->expandAll();
    else
        m_view->expandToDepth(0);
}

void AreaTreeWidget::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        sizeColumns(); // the headers' widths change with the language
        fitColumns();
    }
    QWidget::changeEvent(event);
}

void AreaTreeWidget::retranslate()
{
    m_search->setPlaceholderText(tr("Find a street, community or grid by name or code"));
}

} // namespace gridhall
