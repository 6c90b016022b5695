#include "widgets/casequeuepanel.h"

#include "maps/casemime.h"
#include "models/domain/taxonomy.h"
#include "models/itemmodels/dispatchtargetmodels.h"
#include "widgets/casequeuedelegates.h"
#include "widgets/dispatchpanels.h"

#include <QAction>
#include <QComboBox>
#include <QContextMenuEvent>
#include <QDrag>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMouseEvent>
#include <QPainter>
#include <QSettings>
#include <QTabBar>
#include <QToolButton>
#include <QVBoxLayout>

namespace gridhall {

namespace {
const QueueView kTabOrder[] = { QueueView::ToAcceptVerify, QueueView::ToRegister, QueueView::ToDispatch,
    QueueView::InHandling, QueueView::ToVerify, QueueView::ToClose, QueueView::Overdue, QueueView::Parked,
    QueueView::ExtensionRequests, QueueView::All };

const char kSavedFiltersKey[] = "queues/savedFilters";

// Dispute level choices: the mask CaseQueueFilter takes.
quint8 levelMask(int choice)
{
    using F = CaseQueueFilter;
    switch (choice) {
    case 1: return F::levelBit(DisputeLevel::Red);
    case 2: return F::levelBit(DisputeLevel::Red) | F::levelBit(DisputeLevel::Orange);
    case 3: return F::levelBit(DisputeLevel::Red) | F::levelBit(DisputeLevel::Orange) | F::levelBit(DisputeLevel::Yellow);
    case 4: return F::levelBit(DisputeLevel::None);
    default: return 0;
    }
}

const int kTimeChoiceHours[] = { 0, 24, 24 * 7, 24 * 30 };
} // namespace

// --- CaseQueueView ----------------------------------------------------------------------

CaseQueueView::CaseQueueView(QWidget* parent)
    : QTableView(parent)
{
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setDragEnabled(true);
    setDragDropMode(QAbstractItemView::DragOnly);
    setSortingEnabled(true);
    setWordWrap(false);
    setContextMenuPolicy(Qt::DefaultContextMenu);
    verticalHeader()->hide();
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 10);
    horizontalHeader()->setStretchLastSection(true);
    horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    m_longPress.setSingleShot(true);
    m_longPress.setInterval(600);
    connect(&m_longPress, &QTimer::timeout, this, [this] {
        const QModelIndex index = indexAt(m_pressPos);
        if (!index.isValid())
            return;
        if (!selectionModel()->isRowSelected(index.row(), {}))
            selectionModel()->select(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        startDrag(Qt::CopyAction);
    });
}

void CaseQueueView::mousePressEvent(QMouseEvent* event)
{
    if (event->source() != Qt::MouseEventNotSynthesized && event->button() == Qt::LeftButton) {
        m_pressPos = event->position().toPoint();
        m_longPress.start();
    }
    QTableView::mousePressEvent(event);
}

void CaseQueueView::mouseMoveEvent(QMouseEvent* event)
{
    if (m_longPress.isActive() && (event->position().toPoint() - m_pressPos).manhattanLength() > 12)
        m_longPress.stop(); // the finger moved: a scroll or a selection, not a long press
    QTableView::mouseMoveEvent(event);
}

void CaseQueueView::mouseReleaseEvent(QMouseEvent* event)
{
    m_longPress.stop();
    QTableView::mouseReleaseEvent(event);
}

QList<qint64> CaseQueueView::selectedCaseIds() const
{
    QList<qint64> ids;
    if (!selectionModel())
        return ids;
    QModelIndexList rows = selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(), [](const QModelIndex& a, const QModelIndex& b) { return a.row() < b.row(); });
    for (const QModelIndex& index : rows)
        ids.append(index.data(CaseQueueModel::CaseIdRole).toLongLong());
    return ids;
}

void CaseQueueView::startDrag(Qt::DropActions)
{
    const QList<qint64> ids = selectedCaseIds();
    if (ids.isEmpty())
        return;
    auto* drag = new QDrag(this);
    drag->setMimeData(makeCaseMimeData(ids).release());
    // A small label that says how many cases travel.
    const QString text = tr("%n case(s)", nullptr, int(ids.size()));
    const QFontMetrics fm(font());
    QPixmap pixmap(fm.horizontalAdvance(text) + 20, fm.height() + 10);
    pixmap.fill(Qt::transparent);
    {
        QPainter p(&pixmap);
        p.setRenderHint(QPainter::Antialiasing);
        p.setBrush(QColor(0x1a, 0x73, 0xe8));
        p.setPen(Qt::NoPen);
        p.drawRoundedRect(pixmap.rect(), 6, 6);
        p.setPen(Qt::white);
        p.drawText(pixmap.rect(), Qt::AlignCenter, text);
    }
    drag->setPixmap(pixmap);
    drag->setHotSpot(QPoint(-12, -12));
    drag->exec(Qt::CopyAction, Qt::CopyAction);
}

// --- CaseQueuePanel -----------------------------------------------------------------------

CaseQueuePanel::CaseQueuePanel(CaseQueueModel& model, CaseActionController& controller, QWidget* parent)
    : QWidget(parent)
    , m_model(model)
    , m_controller(controller)
    , m_tabs(new QTabBar(this))
    , m_view(new CaseQueueView(this))
    , m_message(new QLabel(this))
{
    setObjectName(QStringLiteral("caseQueuePanel"));
    for (const QueueView v : kTabOrder) {
        const int i = m_tabs->addTab(QString());
        m_tabs->setTabData(i, int(v));
    }
    m_tabs->setExpanding(false);
    m_tabs->setUsesScrollButtons(true);
    buildFilterBar();

    m_view->setModel(&m_model);
    m_view->setItemDelegateForColumn(CaseQueueModel::LevelColumn, new LevelChipDelegate(m_view));
    m_view->setItemDelegateForColumn(CaseQueueModel::CountdownColumn, new CountdownDelegate(m_view));
    m_view->setItemDelegateForColumn(CaseQueueModel::StateColumn, new CaseStateDelegate(m_controller.tracker(), m_view));
    QHeaderView* header = m_view->horizontalHeader();
    header->resizeSection(CaseQueueModel::CodeColumn, 185);
    header->resizeSection(CaseQueueModel::CategoryColumn, 100);
    header->resizeSection(CaseQueueModel::LevelColumn, 64);
    header->resizeSection(CaseQueueModel::PlaceColumn, 90);
    header->resizeSection(CaseQueueModel::ReportedColumn, 122);
    header->resizeSection(CaseQueueModel::HolderColumn, 80);
    header->resizeSection(CaseQueueModel::CountdownColumn, 125);
    header->resizeSection(CaseQueueModel::StateColumn, 170);
    // The state, with the fate of the operator's own action, right after the code:
    // it is what a dispatcher checks after a drop.
    header->moveSection(header->visualIndex(CaseQueueModel::StateColumn), 1);

    m_message->setObjectName(QStringLiteral("queueMessage"));
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("QLabel { color: #b3261e; padding: 2px 4px; }"));
    m_message->hide();
    m_messageTimer.setSingleShot(true);
    m_messageTimer.setInterval(8000);
    connect(&m_messageTimer, &QTimer::timeout, m_message, &QLabel::hide);

    // The chart selection bar: what part of the queue a dashboard click opened.
    m_selectionBar = new QWidget(this);
    m_selectionBar->setObjectName(QStringLiteral("queueSelectionBar"));
    m_selectionBar->setStyleSheet(QStringLiteral("#queueSelectionBar { background: rgba(21, 101, 192, 40); }"));
    m_selectionLabel = new QLabel(m_selectionBar);
    m_selectionLabel->setObjectName(QStringLiteral("queueSelectionLabel"));
    m_selectionLabel->setWordWrap(true);
    m_selectionClear = new QToolButton(m_selectionBar);
    m_selectionClear->setObjectName(QStringLiteral("queueSelectionClear"));
    auto* selectionLayout = new QHBoxLayout(m_selectionBar);
    selectionLayout->setContentsMargins(6, 2, 2, 2);
    selectionLayout->addWidget(m_selectionLabel, 1);
    selectionLayout->addWidget(m_selectionClear);
    m_selectionBar->hide();
    connect(m_selectionClear, &QToolButton::clicked, this, &CaseQueuePanel::clearChartSelection);
    auto* clearSelection = new QAction(this);
    clearSelection->setShortcut(Qt::Key_Escape);
    clearSelection->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(clearSelection, &QAction::triggered, this, [this] {
        if (m_selection)
            clearChartSelection();
    });
    addAction(clearSelection);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_tabs);
    layout->addWidget(findChild<QWidget*>(QStringLiteral("queueFilterBar")));
    layout->addWidget(m_selectionBar);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_message);

    // Shortcuts live on the panel so they work wherever focus is inside it.
    m_dispatchAction = new QAction(this);
    m_dispatchAction->setShortcut(Qt::CTRL | Qt::Key_D);
    m_dispatchAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_dispatchAction, &QAction::triggered, this, [this] { trigger(CaseAction::Dispatch); });
    addAction(m_dispatchAction);
    m_undoAction = new QAction(this);
    m_undoAction->setShortcut(QKeySequence::Undo);
    m_undoAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_undoAction, &QAction::triggered, this, [this] { m_controller.undo(); });
    addAction(m_undoAction);

    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_view, &QWidget::customContextMenuRequested, this, [this](const QPoint& pos) {
        QMenu* menu = createContextMenu(this);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->popup(m_view->viewport()->mapToGlobal(pos));
    });
    connect(m_view, &QTableView::activated, this, [this](const QModelIndex& index) {
        emit caseActivated(index.data(CaseQueueModel::CaseIdRole).toLongLong());
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex& current) {
        emit currentCaseChanged(current.isValid() ? current.data(CaseQueueModel::CaseIdRole).toLongLong() : 0);
    });
    connect(m_tabs, &QTabBar::currentChanged, this, [this] { applyFilter(); });
    // The counts once for a run of deltas (a burst queues hundreds): a new tab text lays
    // out the whole tab bar.
    m_tabsDue.setSingleShot(true);
    m_tabsDue.setInterval(0);
    connect(&m_tabsDue, &QTimer::timeout, this, &CaseQueuePanel::updateTabs);
    connect(&m_model, &CaseQueueModel::viewCountsChanged, &m_tabsDue, qOverload<>(&QTimer::start));
    connect(&m_model, &QAbstractItemModel::modelReset, this, &CaseQueuePanel::updateTabs);
    connect(&m_controller, &CaseActionController::message, this, &CaseQueuePanel::showMessage);
    // A badge changed: repaint what is on screen, no model signal needed.
    connect(m_controller.tracker(), &ActionTracker::caseChanged, m_view->viewport(), qOverload<>(&QWidget::update));
    m_searchDelay.setSingleShot(true);
    m_searchDelay.setInterval(250);
    connect(&m_searchDelay, &QTimer::timeout, this, &CaseQueuePanel::applyFilter);

    m_tabs->setCurrentIndex(2); // to dispatch: where a dispatcher starts
    retranslate();
    applyFilter();
}

CaseQueuePanel::~CaseQueuePanel() = default;

void CaseQueuePanel::buildFilterBar()
{
    auto* bar = new QWidget(this);
    bar->setObjectName(QStringLiteral("queueFilterBar"));
    m_area = new QComboBox(bar);
    m_area->addItem(QString(), QString());
    m_category = new QComboBox(bar);
    m_category->addItem(QString(), QString());
    for (const CategoryClass& c : Taxonomy::builtIn().classes())
        m_category->addItem(c.name(), c.code);
    m_level = new QComboBox(bar);
    for (int i = 0; i < 5; ++i)
        m_level->addItem(QString());
    m_holder = new QLineEdit(bar);
    m_holder->setClearButtonEnabled(true);
    m_time = new QComboBox(bar);
    for (int i = 0; i < 4; ++i)
        m_time->addItem(QString());
    m_search = new QLineEdit(bar);
    m_search->setClearButtonEnabled(true);
    m_saved = new QComboBox(bar);
    m_save = new QToolButton(bar);
    m_remove = new QToolButton(bar);
    m_area->setMinimumContentsLength(8);
    m_category->setMinimumContentsLength(6);
    m_holder->setMaximumWidth(120);
    // Two rows: the search with the saved filters, then the narrowing choices.
    auto* layout = new QVBoxLayout(bar);
    layout->setContentsMargins(2, 0, 2, 0);
    layout->setSpacing(2);
    auto* first = new QHBoxLayout;
    first->addWidget(m_search, 1);
    first->addWidget(m_saved);
    first->addWidget(m_save);
    first->addWidget(m_remove);
    auto* second = new QHBoxLayout;
    for (QWidget* w : std::initializer_list<QWidget*> { m_area, m_category, m_level, m_holder, m_time })
        second->addWidget(w);
    second->addStretch(1);
    layout->addLayout(first);
    layout->addLayout(second);

    for (QComboBox* c : { m_area, m_category, m_level, m_time })
        connect(c, &QComboBox::currentIndexChanged, this, [this] { applyFilter(); });
    connect(m_holder, &QLineEdit::textChanged, this, [this] { m_searchDelay.start(); });
    connect(m_search, &QLineEdit::textChanged, this, [this] { m_searchDelay.start(); });
    connect(m_saved, &QComboBox::activated, this, [this](int i) {
        if (i > 0)
            applySavedFilter(m_saved->itemText(i));
    });
    connect(m_save, &QToolButton::clicked, this, [this] {
        bool ok = false;
        const QString name = QInputDialog::getText(this, tr("Save filter"), tr("Name of this filter:"),
            QLineEdit::Normal, m_saved->currentIndex() > 0 ? m_saved->currentText() : QString(), &ok).trimmed();
        if (ok && !name.isEmpty())
            saveFilter(name);
    });
    connect(m_remove, &QToolButton::clicked, this, [this] {
        if (m_saved->currentIndex() > 0)
            removeSavedFilter(m_saved->currentText());
    });
    fillSavedCombo();
}

void CaseQueuePanel::setAreas(const QList<QPair<QString, QString>>& areas)
{
    const QString current = m_area->currentData().toString();
    QSignalBlocker block(m_area);
    while (m_area->count() > 1)
        m_area->removeItem(1);
    for (const auto& [code, name] : areas) {
        // Communities (12 digits) indent under their street.
        const QString label = code.size() > 9 ? QStringLiteral("  ") + name : name;
        m_area->addItem(label, code);
    }
    m_area->setCurrentIndex(std::max(0, m_area->findData(current)));
}

void CaseQueuePanel::setDispatchModels(WorkerListModel* workers, DepartmentListModel* departments)
{
    m_workers = workers;
    m_departments = departments;
}

QueueView CaseQueuePanel::currentView() const
{
    return QueueView(m_tabs->tabData(m_tabs->currentIndex()).toInt());
}

void CaseQueuePanel::setCurrentView(QueueView view)
{
    for (int i = 0; i < m_tabs->count(); ++i)
        if (m_tabs->tabData(i).toInt() == int(view))
            m_tabs->setCurrentIndex(i);
}

CaseQueueFilter CaseQueuePanel::filterFromControls() const
{
    CaseQueueFilter f;
    f.view = currentView();
    f.areaPrefix = m_area->currentData().toString();
    f.categoryPrefix = m_category->currentData().toString();
    f.disputeLevels = levelMask(m_level->currentIndex());
    f.holder = m_holder->text().trimmed();
    const int hours = kTimeChoiceHours[std::clamp(m_time->currentIndex(), 0, 3)];
    if (hours > 0)
        f.reportedFrom = m_model.now().addSecs(-qint64(hours) * 3600);
    f.text = m_search->text().trimmed();
    if (m_selection) {
        // The operator's own choices come first; the chart's fill what they leave open.
        const CaseQueueFilter& c = *m_selection;
        if (f.areaPrefix.isEmpty())
            f.areaPrefix = c.areaPrefix;
        if (f.categoryPrefix.isEmpty())
            f.categoryPrefix = c.categoryPrefix;
        if (!f.disputeLevels)
            f.disputeLevels = c.disputeLevels;
        if (!f.reportedFrom.isValid()) {
            f.reportedFrom = c.reportedFrom;
            f.reportedTo = c.reportedTo;
        }
        f.closedFrom = c.closedFrom;
        f.closedTo = c.closedTo;
        f.openOnly = c.openOnly;
    }
    return f;
}

void CaseQueuePanel::showChartSelection(const CaseQueueFilter& selection)
{
    m_applying = true;
    m_selection = selection;
    setCurrentView(selection.view);
    for (QComboBox* c : { m_area, m_category, m_level, m_time })
        c->setCurrentIndex(0);
    m_holder->clear();
    m_search->clear();
    m_saved->setCurrentIndex(0);
    m_applying = false;
    m_selectionLabel->setText(chartSelectionCaption());
    m_selectionBar->show();
    applyFilter();
}

void CaseQueuePanel::clearChartSelection()
{
    if (!m_selection)
        return;
    m_selection.reset();
    m_selectionBar->hide();
    applyFilter();
}

QString CaseQueuePanel::chartSelectionCaption() const
{
    if (!m_selection)
        return {};
    const CaseQueueFilter& c = *m_selection;
    QStringList parts;
    // Ranges end before `to`: the last day shown is the one before it.
    auto range = [](const QDateTime& from, const QDateTime& to) {
        const QLocale locale;
        const QString first = from.isValid() ? locale.toString(from.toLocalTime().date(), QLocale::ShortFormat) : QString();
        const QString last = to.isValid() ? locale.toString(to.addSecs(-1).toLocalTime().date(), QLocale::ShortFormat) : QString();
        return first == last ? first : first + QStringLiteral(" – ") + last;
    };
    if (c.reportedFrom.isValid() || c.reportedTo.isValid())
        parts.append(tr("reported %1").arg(range(c.reportedFrom, c.reportedTo)));
    if (c.closedFrom.isValid() || c.closedTo.isValid())
        parts.append(tr("closed %1").arg(range(c.closedFrom, c.closedTo)));
    if (!c.areaPrefix.isEmpty()) {
        const int i = m_area->findData(c.areaPrefix);
        parts.append(i > 0 ? m_area->itemText(i).trimmed() : c.areaPrefix);
    }
    if (!c.categoryPrefix.isEmpty()) {
        const int i = m_category->findData(c.categoryPrefix);
        parts.append(i > 0 ? m_category->itemText(i) : c.categoryPrefix);
    }
    for (const DisputeLevel level : { DisputeLevel::Red, DisputeLevel::Orange, DisputeLevel::Yellow }) {
        if (c.disputeLevels & CaseQueueFilter::levelBit(level))
            parts.append(disputeLevelDisplayName(level));
    }
    if (c.openOnly)
        parts.append(tr("open"));
    if (c.view != QueueView::All)
        parts.append(queueViewDisplayName(c.view));
    return tr("From the KPI dashboard: %1").arg(parts.isEmpty() ? tr("all cases") : parts.join(QStringLiteral(" · ")));
}

void CaseQueuePanel::applyFilter()
{
    if (m_applying)
        return;
    m_searchDelay.stop();
    // A filter change resets the model: keep the cases the operator had in hand.
    const QList<qint64> selected = selectedCaseIds();
    const QModelIndex current = m_view->currentIndex();
    const qint64 currentId = current.isValid() ? current.data(CaseQueueModel::CaseIdRole).toLongLong() : 0;
    m_model.setFilter(filterFromControls());
    QItemSelection selection;
    for (const qint64 id : selected) {
        const int row = m_model.rowOfCase(id);
        if (row >= 0)
            selection.select(m_model.index(row, 0), m_model.index(row, CaseQueueModel::ColumnCount - 1));
    }
    if (!selection.isEmpty())
        m_view->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect);
    const int currentRow = currentId ? m_model.rowOfCase(currentId) : -1;
    if (currentRow >= 0) {
        m_view->selectionModel()->setCurrentIndex(m_model.index(currentRow, 0), QItemSelectionModel::NoUpdate);
        m_view->scrollTo(m_model.index(currentRow, 0));
    }
    updateTabs();
}

void CaseQueuePanel::selectCase(qint64 caseId)
{
    int row = m_model.rowOfCase(caseId);
    if (row < 0 && currentView() != QueueView::All) {
        setCurrentView(QueueView::All);
        row = m_model.rowOfCase(caseId);
    }
    if (row < 0)
        return;
    const QModelIndex index = m_model.index(row, 0);
    m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_view->scrollTo(index);
}

void CaseQueuePanel::updateTabs()
{
    for (int i = 0; i < m_tabs->count(); ++i) {
        const auto view = QueueView(m_tabs->tabData(i).toInt());
        const int count = m_model.viewCount(view);
        // Only a text that changed: each setTabText lays out the whole tab bar again.
        const QString text = QStringLiteral("%1 (%2)").arg(queueViewDisplayName(view), QLocale().toString(count));
        if (m_tabs->tabText(i) != text)
            m_tabs->setTabText(i, text);
        // Overdue work should be noticed without shouting.
        if (view == QueueView::Overdue)
            m_tabs->setTabTextColor(i, count > 0 ? QColor(0xc5, 0x22, 0x1f) : QColor());
        if (view == QueueView::ExtensionRequests)
            m_tabs->setTabTextColor(i, count > 0 ? QColor(0xb0, 0x60, 0x00) : QColor());
    }
}

// --- saved filters -----------------------------------------------------------------------

QVariantMap CaseQueuePanel::filterToMap() const
{
    return {
        { QStringLiteral("view"), queueViewKey(currentView()) },
        { QStringLiteral("area"), m_area->currentData().toString() },
        { QStringLiteral("category"), m_category->currentData().toString() },
        { QStringLiteral("level"), m_level->currentIndex() },
        { QStringLiteral("holder"), m_holder->text() },
        { QStringLiteral("time"), m_time->currentIndex() },
        { QStringLiteral("text"), m_search->text() },
    };
}

void CaseQueuePanel::filterFromMap(const QVariantMap& map)
{
    m_applying = true;
    const QString view = map.value(QStringLiteral("view")).toString();
    for (const QueueView v : kTabOrder)
        if (queueViewKey(v) == view)
            setCurrentView(v);
    m_area->setCurrentIndex(std::max(0, m_area->findData(map.value(QStringLiteral("area")).toString())));
    m_category->setCurrentIndex(std::max(0, m_category->findData(map.value(QStringLiteral("category")).toString())));
    m_level->setCurrentIndex(std::clamp(map.value(QStringLiteral("level")).toInt(), 0, m_level->count() - 1));
    m_holder->setText(map.value(QStringLiteral("holder")).toString());
    m_time->setCurrentIndex(std::clamp(map.value(QStringLiteral("time")).toInt(), 0, m_time->count() - 1));
    m_search->setText(map.value(QStringLiteral("text")).toString());
    m_applying = false;
    applyFilter();
}

QStringList CaseQueuePanel::savedFilterNames() const
{
    return QSettings().value(QLatin1String(kSavedFiltersKey)).toMap().keys();
}

void CaseQueuePanel::saveFilter(const QString& name)
{
    QSettings settings;
    QVariantMap all = settings.value(QLatin1String(kSavedFiltersKey)).toMap();
    all.insert(name, filterToMap());
    settings.setValue(QLatin1String(kSavedFiltersKey), all);
    fillSavedCombo();
    m_saved->setCurrentIndex(std::max(0, m_saved->findText(name)));
}

bool CaseQueuePanel::applySavedFilter(const QString& name)
{
    const QVariantMap all = QSettings().value(QLatin1String(kSavedFiltersKey)).toMap();
    if (!all.contains(name))
        return false;
    filterFromMap(all.value(name).toMap());
    return true;
}

void CaseQueuePanel::removeSavedFilter(const QString& name)
{
    QSettings settings;
    QVariantMap all = settings.value(QLatin1String(kSavedFiltersKey)).toMap();
    all.remove(name);
    settings.setValue(QLatin1String(kSavedFiltersKey), all);
    fillSavedCombo();
}

void CaseQueuePanel::fillSavedCombo()
{
    QSignalBlocker block(m_saved);
    m_saved->clear();
    m_saved->addItem(tr("Saved filters…"));
    m_saved->addItems(savedFilterNames());
}

// --- actions ---------------------------------------------------------------------------------

QMenu* CaseQueuePanel::createContextMenu(QWidget* parent)
{
    auto* menu = new QMenu(parent);
    const QList<qint64> ids = selectedCaseIds();
    const QList<CaseAction> actions = m_controller.availableActions(ids);
    const std::optional<Case> first = ids.isEmpty() ? std::nullopt : m_controller.caseFor(ids.first());
    for (const CaseAction a : actions) {
        QAction* item = nullptr;
        if (a == CaseAction::Dispatch) {
            item = menu->addAction(tr("Dispatch to…"), this, [this] { trigger(CaseAction::Dispatch); });
            item->setShortcut(m_dispatchAction->shortcut());
        } else {
            const Transition* t = first ? CaseMachine::find(a, first->state) : nullptr;
            QString text = caseActionDisplayName(a);
            if (t && t->needsNote)
                text += QStringLiteral("…");
            item = menu->addAction(text, this, [this, a] { trigger(a); });
        }
        item->setData(int(a));
    }
    if (actions.isEmpty()) {
        QAction* none = menu->addAction(ids.isEmpty() ? tr("No case selected")
                                                      : tr("Your role can take no action on these cases"));
        none->setEnabled(false);
    }
    menu->addSeparator();
    QAction* undo = menu->addAction(tr("Undo “%1”").arg(m_controller.undoStack()->undoText()), this,
        [this] { m_controller.undo(); });
    undo->setShortcut(QKeySequence::Undo);
    undo->setEnabled(m_controller.undoStack()->canUndo());
    return menu;
}

bool CaseQueuePanel::trigger(CaseAction action)
{
    const QList<qint64> ids = selectedCaseIds();
    if (ids.isEmpty()) {
        showMessage(tr("Select one or more cases first"));
        return false;
    }
    if (action == CaseAction::Dispatch) {
        std::optional<DispatchTarget> target;
        if (m_targetPrompt) {
            target = m_targetPrompt(ids);
        } else {
            DispatchTargetDialog dialog(m_workers, m_departments, m_controller, ids, this);
            if (dialog.exec() == QDialog::Accepted)
                target = dialog.chosen();
        }
        if (!target)
            return false;
        return m_controller.perform(m_controller.planDrop(ids, *target));
    }
    ActionRequest request;
    request.action = action;
    const std::optional<Case> first = m_controller.caseFor(ids.first());
    const Transition* t = first ? CaseMachine::find(action, first->state) : nullptr;
    if (t && t->needsNote) {
        std::optional<QString> note;
        if (m_notePrompt) {
            note = m_notePrompt(action, int(ids.size()));
        } else {
            bool ok = false;
            const QString text = QInputDialog::getMultiLineText(this, caseActionDisplayName(action),
                tr("Reason (recorded with the case):"), QString(), &ok);
            if (ok)
                note = text;
        }
        if (!note)
            return false;
        request.note = *note;
    }
    if (action == CaseAction::RequestExtension) {
        bool ok = false;
        const int hours = QInputDialog::getInt(this, caseActionDisplayName(action), tr("Extra hours:"), 24, 1,
            CaseMachine::kMaxExtensionMinutes / 60, 1, &ok);
        if (!ok)
            return false;
        request.extensionMinutes = hours * 60;
    }
    return m_controller.perform(m_controller.plan(ids, request));
}

void CaseQueuePanel::showMessage(const QString& text)
{
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
    m_messageTimer.start();
    emit messageShown(text);
}

void CaseQueuePanel::retranslate()
{
    m_area->setItemText(0, tr("All areas"));
    m_category->setItemText(0, tr("All categories"));
    m_level->setItemText(0, tr("Any level"));
    m_level->setItemText(1, tr("Red"));
    m_level->setItemText(2, tr("Red and orange"));
    m_level->setItemText(3, tr("All disputes"));
    m_level->setItemText(4, tr("Not a dispute"));
    m_holder->setPlaceholderText(tr("Holder code"));
    m_time->setItemText(0, tr("Any time"));
    m_time->setItemText(1, tr("Last 24 hours"));
    m_time->setItemText(2, tr("Last 7 days"));
    m_time->setItemText(3, tr("Last 30 days"));
    m_search->setPlaceholderText(tr("Search code, description, address"));
    m_save->setText(tr("Save"));
    m_save->setToolTip(tr("Save the current filter under a name"));
    m_remove->setText(tr("Delete"));
    m_remove->setToolTip(tr("Delete the chosen saved filter"));
    m_saved->setItemText(0, tr("Saved filters…"));
    m_dispatchAction->setText(tr("Dispatch to…"));
    m_undoAction->setText(tr("Undo"));
    m_selectionClear->setText(tr("Show the whole queue"));
    m_selectionClear->setToolTip(tr("Leave the chart's selection (Esc)"));
    m_selectionLabel->setText(chartSelectionCaption());
    setWindowTitle(tr("Case queues"));
    updateTabs();
}

void CaseQueuePanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

} // namespace gridhall
