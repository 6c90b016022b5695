#pragma once
// Where cases are dragged to: the workers panel (searchable, status, distance to the case
// in hand, load), the departments panel and the escalation targets (street, district).
// Each list is a CaseDropView: while cases hover over a row it shows what the drop would
// do ("Dispatch 3 cases → 张三 · 天河南街 G-0123") or, in red, why it is refused; a drop
// asks the controller to perform it (one undoable command through the outbox).
// DispatchTargetDialog is the keyboard path to the same targets.

#include "models/itemmodels/caseactioncontroller.h"

#include <QDialog>
#include <QPointer>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QWidget>
#include <functional>

class QComboBox;
class QLabel;
class QLineEdit;
class QStandardItemModel;

namespace gridhall {

class DepartmentListModel;
class WorkerListModel;

DispatchTarget workerTarget(const WorkerListModel& model, int row);
DispatchTarget departmentTarget(const DepartmentListModel& model, int row);

class CaseDropView : public QTableView {
    Q_OBJECT
public:
    // The target a row of this view's model stands for.
    using Resolver = std::function<DispatchTarget(const QModelIndex& index)>;
    explicit CaseDropView(QWidget* parent = nullptr);
    void setController(CaseActionController* controller) { m_controller = controller; }
    void setResolver(Resolver resolver) { m_resolver = std::move(resolver); }

    // What the drag hovering now would do; empty when nothing hovers.
    const ActionPlan& hoverPlan() const { return m_hoverPlan; }
    bool isHovering() const { return m_hoverRow >= 0; }

signals:
    void dropped(const QList<qint64>& caseIds, const gridhall::DispatchTarget& target, bool performed);
    // Cases began or stopped hovering over the list: its rows should hold still meanwhile,
    // so that the row aimed at is the row dropped on.
    void hoveringChanged(bool hovering);

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dragMoveEvent(QDragMoveEvent* event) override;
    void dragLeaveEvent(QDragLeaveEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    void paintEvent(QPaintEvent* event) override;

private:
    void clearHover();
    void setHovering(bool hovering);

    QPointer<CaseActionController> m_controller;
    Resolver m_resolver;
    int m_hoverRow = -1;
    bool m_hovering = false;
    DispatchTarget m_hoverTarget; // what the plan shown was made for
    QPoint m_hoverPos;
    QList<qint64> m_hoverIds;
    ActionPlan m_hoverPlan;
};

// Workers with status; filtered by text (name, badge, area) and status.
class WorkerFilterProxy : public QSortFilterProxyModel {
    Q_OBJECT
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    enum class Show { All, Online, Offline };
    void setShow(Show show);
    void setText(const QString& text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    Show m_show = Show::All;
    QString m_text;
};

class WorkersPanel : public QWidget {
    Q_OBJECT
public:
    WorkersPanel(WorkerListModel& model, CaseActionController& controller, QWidget* parent = nullptr);
    CaseDropView* view() const { return m_view; }
    WorkerFilterProxy* proxy() const { return m_proxy; }
    QLineEdit* searchEdit() const { return m_search; }

signals:
    void workerActivated(const QString& code);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    WorkerListModel& m_model;
    WorkerFilterProxy* m_proxy = nullptr;
    QLineEdit* m_search = nullptr;
    QComboBox* m_show = nullptr;
    CaseDropView* m_view = nullptr;
};

class DepartmentsPanel : public QWidget {
    Q_OBJECT
public:
    DepartmentsPanel(DepartmentListModel& model, CaseActionController& controller, QWidget* parent = nullptr);
    // The levels above the operator's: the streets (and the district) cases can go up to.
    void setEscalationTargets(const QList<DispatchTarget>& targets);
    CaseDropView* departmentsView() const { return m_departments; }
    CaseDropView* escalationView() const { return m_escalation; }

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    DepartmentListModel& m_model;
    QLabel* m_departmentsLabel = nullptr;
    QLabel* m_escalationLabel = nullptr;
    CaseDropView* m_departments = nullptr;
    CaseDropView* m_escalation = nullptr;
    QStandardItemModel* m_levels = nullptr;
    QList<DispatchTarget> m_escalationTargets;
};

// Keyboard path to a dispatch target: type to search workers and departments, Enter.
class DispatchTargetDialog : public QDialog {
    Q_OBJECT
public:
    DispatchTargetDialog(WorkerListModel* workers, DepartmentListModel* departments,
        CaseActionController& controller, const QList<qint64>& caseIds, QWidget* parent = nullptr);
    std::optional<DispatchTarget> chosen() const;
    QLineEdit* searchEdit() const { return m_search; }

private:
    void rebuild();
    void updatePreview();

    QPointer<WorkerListModel> m_workers;
    QPointer<DepartmentListModel> m_departments;
    CaseActionController& m_controller;
    QList<qint64> m_caseIds;
    QLineEdit* m_search = nullptr;
    QTableView* m_list = nullptr;
    QStandardItemModel* m_items = nullptr;
    QLabel* m_preview = nullptr;
    QList<DispatchTarget> m_targets;
};

} // namespace gridhall
