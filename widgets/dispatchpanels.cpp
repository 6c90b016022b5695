#include "widgets/dispatchpanels.h"

#include "maps/casemime.h"
#include "models/itemmodels/dispatchtargetmodels.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDragEnterEvent>
#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QPushButton>
#include <QStandardItemModel>
#include <QVBoxLayout>

namespace gridhall {

DispatchTarget workerTarget(const WorkerListModel& model, int row)
{
    const Worker& w = model.workerAt(row);
    DispatchTarget t;
    t.kind = DispatchTarget::Kind::Worker;
    t.code = w.code;
    t.name = w.name.isEmpty() ? w.code : w.name;
    t.place = model.placeAt(row);
    t.streetCode = w.streetCode;
    t.online = model.statusAt(row) != WorkerStatus::Offline;
    return t;
}

DispatchTarget departmentTarget(const DepartmentListModel& model, int row)
{
    DispatchTarget t;
    t.kind = DispatchTarget::Kind::Department;
    t.code = model.departmentAt(row).code;
    t.name = model.nameAt(row);
    return t;
}

// --- CaseDropView -----------------------------------------------------------------------

CaseDropView::CaseDropView(QWidget* parent)
    : QTableView(parent)
{
    setAcceptDrops(true);
    viewport()->setAcceptDrops(true);
    setDropIndicatorShown(false);
    setDragDropMode(QAbstractItemView::DropOnly);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    verticalHeader()->hide();
    horizontalHeader()->setStretchLastSection(true);
}

void CaseDropView::clearHover()
{
    m_hoverRow = -1;
    m_hoverIds.clear();
    m_hoverPlan = {};
    m_hoverTarget = {};
    viewport()->update();
    setHovering(false);
}

void CaseDropView::setHovering(bool hovering)
{
    if (hovering == m_hovering)
        return;
    m_hovering = hovering;
    emit hoveringChanged(hovering);
}

void CaseDropView::dragEnterEvent(QDragEnterEvent* event)
{
    if (m_controller && m_resolver && hasCaseIds(event->mimeData())) {
        m_hoverIds = caseIdsFromMime(event->mimeData());
        event->acceptProposedAction();
        setHovering(true);
        return;
    }
    event->ignore();
}

void CaseDropView::dragMoveEvent(QDragMoveEvent* event)
{
    if (!m_controller || !m_resolver || !hasCaseIds(event->mimeData())) {
        event->ignore();
        return;
    }
    const QPoint pos = event->position().toPoint();
    const QModelIndex index = indexAt(pos);
    m_hoverPos = pos;
    if (!index.isValid()) {
        m_hoverRow = -1;
        m_hoverPlan = {};
        viewport()->update();
        event->ignore(QRect());
        return;
    }
    // Planned again only when the row under the cursor stands for another target (the
    // state machine runs over every dragged case): a row whose worker changed under a
    // still cursor must not keep the caption of the one before.
    const DispatchTarget target = m_resolver(index);
    if (index.row() != m_hoverRow || target.kind != m_hoverTarget.kind || target.code != m_hoverTarget.code
        || target.online != m_hoverTarget.online) {
        m_hoverRow = index.row();
        m_hoverTarget = target;
        m_hoverPlan = m_controller->planDrop(m_hoverIds, target);
    }
    viewport()->update();
    if (m_hoverPlan.ok())
        event->acceptProposedAction();
    else
        event->ignore(visualRect(index));
}

void CaseDropView::dragLeaveEvent(QDragLeaveEvent* event)
{
    clearHover();
    QTableView::dragLeaveEvent(event);
}

void CaseDropView::dropEvent(QDropEvent* event)
{
    const QModelIndex index = indexAt(event->position().toPoint());
    const QList<qint64> ids = caseIdsFromMime(event->mimeData());
    // The target is taken while the rows still hold still: clearHover() lets them move.
    const DispatchTarget target = m_resolver && index.isValid() ? m_resolver(index) : DispatchTarget {};
    clearHover();
    if (!m_controller || !m_resolver || !index.isValid() || ids.isEmpty()) {
        event->ignore();
        return;
    }
    const ActionPlan plan = m_controller->planDrop(ids, target);
    const bool performed = m_controller->perform(plan);
    if (performed)
        event->acceptProposedAction();
    else
        event->ignore();
    emit dropped(ids, target, performed);
}

void CaseDropView::paintEvent(QPaintEvent* event)
{
    QTableView::paintEvent(event);
    if (m_hoverRow < 0 || !model())
        return;
    QPainter p(viewport());
    p.setRenderHint(QPainter::Antialiasing);
    const bool ok = m_hoverPlan.ok();
    const QColor colour = ok ? QColor(0x1a, 0x73, 0xe8) : QColor(0xd9, 0x30, 0x25);
    const QRect rowRect = visualRect(model()->index(m_hoverRow, 0)).united(
        visualRect(model()->index(m_hoverRow, model()->columnCount() - 1)));
    p.setPen(QPen(colour, 2));
    p.setBrush(Qt::NoBrush);
    p.drawRect(rowRect.adjusted(1, 1, -1, -1));
    const QString text = ok ? m_hoverPlan.caption : m_hoverPlan.caption + QLatin1Char('\n') + m_hoverPlan.refusal;
    QFont f = font();
    f.setBold(true);
    p.setFont(f);
    const QFontMetrics fm(f);
    QRect box = fm.boundingRect(QRect(0, 0, std::max(120, viewport()->width() - 16), 200),
        Qt::TextWordWrap, text).adjusted(-6, -4, 6, 4);
    // Under the row when there is room, else above it.
    int top = rowRect.bottom() + 4;
    if (top + box.height() > viewport()->height())
        top = rowRect.top() - box.height() - 4;
    box.moveTopLeft(QPoint(8, std::max(0, top)));
    p.setPen(colour);
    p.setBrush(QColor(255, 255, 255, 235));
    p.drawRoundedRect(box, 4, 4);
    p.drawText(box.adjusted(6, 4, -6, -4), Qt::TextWordWrap, text);
}

// --- workers ------------------------------------------------------------------------------

void WorkerFilterProxy::setShow(Show show)
{
    m_show = show;
    invalidateFilter();
}

void WorkerFilterProxy::setText(const QString& text)
{
    m_text = text.trimmed();
    invalidateFilter();
}

bool WorkerFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex&) const
{
    const QAbstractItemModel* m = sourceModel();
    const auto status = WorkerStatus(m->index(sourceRow, 0).data(WorkerListModel::StatusRole).toInt());
    if (m_show == Show::Online && status == WorkerStatus::Offline)
        return false;
    if (m_show == Show::Offline && status != WorkerStatus::Offline)
        return false;
    if (m_text.isEmpty())
        return true;
    for (int c : { int(WorkerListModel::NameColumn), int(WorkerListModel::PlaceColumn) })
        if (m->index(sourceRow, c).data().toString().contains(m_text, Qt::CaseInsensitive))
            return true;
    return m->index(sourceRow, 0).data(WorkerListModel::CodeRole).toString().contains(m_text, Qt::CaseInsensitive);
}

WorkersPanel::WorkersPanel(WorkerListModel& model, CaseActionController& controller, QWidget* parent)
    : QWidget(parent)
    , m_model(model)
    , m_proxy(new WorkerFilterProxy(this))
    , m_search(new QLineEdit(this))
    , m_show(new QComboBox(this))
    , m_view(new CaseDropView(this))
{
    setObjectName(QStringLiteral("workersPanel"));
    m_proxy->setSourceModel(&model);
    m_proxy->setSortRole(WorkerListModel::SortRole);
    m_proxy->setDynamicSortFilter(true);
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(WorkerListModel::DistanceColumn, Qt::AscendingOrder);
    m_view->setController(&controller);
    m_view->setResolver([this](const QModelIndex& index) {
        return workerTarget(m_model, m_proxy->mapToSource(index).row());
    });
    // Nearest first re-sorts as positions come in: not while cases hover over the list,
    // or the worker aimed at slides away and the drop lands on another.
    connect(m_view, &CaseDropView::hoveringChanged, this, [this](bool hovering) { m_proxy->setDynamicSortFilter(!hovering); });
    m_search->setClearButtonEnabled(true);
    for (int i = 0; i < 3; ++i)
        m_show->addItem(QString());
    auto* top = new QHBoxLayout;
    top->addWidget(m_search, 1);
    top->addWidget(m_show);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(top);
    layout->addWidget(m_view, 1);
    connect(m_search, &QLineEdit::textChanged, m_proxy, &WorkerFilterProxy::setText);
    connect(m_show, &QComboBox::currentIndexChanged, this,
        [this](int i) { m_proxy->setShow(WorkerFilterProxy::Show(i)); });
    connect(m_view, &QTableView::activated, this, [this](const QModelIndex& index) {
        emit workerActivated(index.data(WorkerListModel::CodeRole).toString());
    });
    retranslate();
}

void WorkersPanel::retranslate()
{
    m_search->setPlaceholderText(tr("Search name, badge or area"));
    m_show->setItemText(0, tr("All workers"));
    m_show->setItemText(1, tr("Online"));
    m_show->setItemText(2, tr("Offline"));
    setWindowTitle(tr("Workers"));
}

void WorkersPanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

// --- departments and escalation --------------------------------------------------------

namespace {
enum LevelItemRole { LevelIndexRole = Qt::UserRole };
}

DepartmentsPanel::DepartmentsPanel(DepartmentListModel& model, CaseActionController& controller, QWidget* parent)
    : QWidget(parent)
    , m_model(model)
    , m_departmentsLabel(new QLabel(this))
    , m_escalationLabel(new QLabel(this))
    , m_departments(new CaseDropView(this))
    , m_escalation(new CaseDropView(this))
    , m_levels(new QStandardItemModel(this))
{
    setObjectName(QStringLiteral("departmentsPanel"));
    m_departments->setModel(&model);
    m_departments->setController(&controller);
    m_departments->setResolver([this](const QModelIndex& index) { return departmentTarget(m_model, index.row()); });
    m_escalation->setModel(m_levels);
    m_escalation->horizontalHeader()->hide();
    m_escalation->setController(&controller);
    m_escalation->setResolver([this](const QModelIndex& index) {
        const int i = index.siblingAtColumn(0).data(LevelIndexRole).toInt();
        return i >= 0 && i < m_escalationTargets.size() ? m_escalationTargets[i] : DispatchTarget {};
    });
    m_escalation->setMaximumHeight(120);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_departmentsLabel);
    layout->addWidget(m_departments, 1);
    layout->addWidget(m_escalationLabel);
    layout->addWidget(m_escalation);
    retranslate();
}

void DepartmentsPanel::setEscalationTargets(const QList<DispatchTarget>& targets)
{
    m_escalationTargets = targets;
    m_levels->clear();
    for (int i = 0; i < targets.size(); ++i) {
        auto* item = new QStandardItem(targets[i].name.isEmpty() ? targets[i].code : targets[i].name);
        item->setData(i, LevelIndexRole);
        item->setEditable(false);
        m_levels->appendRow(item);
    }
}

void DepartmentsPanel::retranslate()
{
    m_departmentsLabel->setText(tr("Dispatch to a department"));
    m_escalationLabel->setText(tr("Escalate to a higher level"));
    setWindowTitle(tr("Departments"));
}

void DepartmentsPanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

// --- dialog ---------------------------------------------------------------------------------

DispatchTargetDialog::DispatchTargetDialog(WorkerListModel* workers, DepartmentListModel* departments,
    CaseActionController& controller, const QList<qint64>& caseIds, QWidget* parent)
    : QDialog(parent)
    , m_workers(workers)
    , m_departments(departments)
    , m_controller(controller)
    , m_caseIds(caseIds)
    , m_search(new QLineEdit(this))
    , m_list(new QTableView(this))
    , m_items(new QStandardItemModel(this))
    , m_preview(new QLabel(this))
{
    setWindowTitle(tr("Dispatch %n case(s) to…", nullptr, int(caseIds.size())));
    m_search->setPlaceholderText(tr("Type a worker or department"));
    m_search->setClearButtonEnabled(true);
    m_list->setModel(m_items);
    m_list->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->verticalHeader()->hide();
    m_list->horizontalHeader()->setStretchLastSection(true);
    m_preview->setWordWrap(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_search);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_preview);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_search, &QLineEdit::textChanged, this, &DispatchTargetDialog::rebuild);
    connect(m_list, &QTableView::activated, this, [this] {
        if (chosen())
            accept();
    });
    rebuild();
    connect(m_list->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &DispatchTargetDialog::updatePreview);
    resize(520, 420);
}

void DispatchTargetDialog::rebuild()
{
    const QString text = m_search->text().trimmed();
    m_items->clear();
    m_items->setHorizontalHeaderLabels({ tr("Target"), tr("Kind"), tr("Area") });
    m_targets.clear();
    auto add = [this](const DispatchTarget& t, const QString& kind) {
        m_targets.append(t);
        QList<QStandardItem*> row { new QStandardItem(t.name), new QStandardItem(kind), new QStandardItem(t.place) };
        m_items->appendRow(row);
    };
    auto matches = [&text](const DispatchTarget& t) {
        return text.isEmpty() || t.name.contains(text, Qt::CaseInsensitive) || t.code.contains(text, Qt::CaseInsensitive)
            || t.place.contains(text, Qt::CaseInsensitive);
    };
    if (m_departments) {
        for (int r = 0; r < m_departments->rowCount(); ++r) {
            const DispatchTarget t = departmentTarget(*m_departments, r);
            if (matches(t))
                add(t, tr("Department"));
        }
    }
    if (m_workers) {
        // Online and nearest first, as in the workers panel.
        for (int r : m_workers->rowsByAvailability()) {
            if (m_targets.size() >= 500)
                break;
            const DispatchTarget t = workerTarget(*m_workers, r);
            if (matches(t))
                add(t, t.online ? tr("Worker") : tr("Worker (offline)"));
        }
    }
    m_list->resizeColumnToContents(0);
    if (!m_targets.isEmpty())
        m_list->setCurrentIndex(m_items->index(0, 0));
    updatePreview();
}

std::optional<DispatchTarget> DispatchTargetDialog::chosen() const
{
    const int row = m_list->currentIndex().row();
    if (row < 0 || row >= m_targets.size())
        return std::nullopt;
    return m_targets[row];
}

void DispatchTargetDialog::updatePreview()
{
    const std::optional<DispatchTarget> t = chosen();
    QPushButton* ok = findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
    if (!t) {
        m_preview->clear();
        ok->setEnabled(false);
        return;
    }
    const ActionPlan plan = m_controller.planDrop(m_caseIds, *t);
    m_preview->setText(plan.ok() ? plan.caption : plan.caption + QLatin1Char('\n') + plan.refusal);
    m_preview->setStyleSheet(plan.ok() ? QString() : QStringLiteral("color: #d93025"));
    ok->setEnabled(plan.ok());
}

} // namespace gridhall
