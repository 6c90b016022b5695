#pragma once
// The operators' queues: tabs along the loop with live counts, filters (area, category,
// dispute level, holder, time, text) that can be saved by name (QSettings), and the case
// table with the level chip, countdown with SLA light and the fate of the operator's own
// actions per row. Rows drag out as case ids (maps/casemime.h) onto workers, departments,
// levels or the map. The context menu and shortcuts offer the same actions, each only
// when the operator's role may take it on every selected case.
//
// Live changes arrive through the model without resets, so selection and scroll stay;
// changing the filter restores the selection of cases still shown.

#include "models/itemmodels/casequeuemodel.h"
#include "models/itemmodels/caseactioncontroller.h"

#include <QPointer>
#include <QTableView>
#include <QTimer>
#include <QWidget>
#include <functional>
#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QMenu;
class QTabBar;
class QToolButton;

namespace gridhall {

class DepartmentListModel;
class WorkerListModel;

class CaseQueueView : public QTableView {
    Q_OBJECT
public:
    explicit CaseQueueView(QWidget* parent = nullptr);
    QList<qint64> selectedCaseIds() const;

protected:
    void startDrag(Qt::DropActions supportedActions) override;
    // Touch walls: a long press (touch, synthesized as mouse) starts the drag, since a
    // finger move on a touch screen scrolls.
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;

private:
    QTimer m_longPress;
    QPoint m_pressPos;
};

class CaseQueuePanel : public QWidget {
    Q_OBJECT
public:
    // The model and controller are not owned and must outlive the panel.
    CaseQueuePanel(CaseQueueModel& model, CaseActionController& controller, QWidget* parent = nullptr);
    ~CaseQueuePanel() override;

    // Areas offered in the area filter, in order: (code, name); communities after their street.
    void setAreas(const QList<QPair<QString, QString>>& areas);
    // Targets offered by "Dispatch to…".
    void setDispatchModels(WorkerListModel* workers, DepartmentListModel* departments);

    // Asked for a reason when an action needs one; nothing: the operator cancelled.
    using NotePrompt = std::function<std::optional<QString>(CaseAction action, int cases)>;
    void setNotePrompt(NotePrompt prompt) { m_notePrompt = std::move(prompt); }
    using TargetPrompt = std::function<std::optional<DispatchTarget>(const QList<qint64>& caseIds)>;
    void setTargetPrompt(TargetPrompt prompt) { m_targetPrompt = std::move(prompt); }

    QueueView currentView() const;
    void setCurrentView(QueueView view);
    CaseQueueFilter filterFromControls() const;
    QList<qint64> selectedCaseIds() const { return m_view->selectedCaseIds(); }
    void selectCase(qint64 caseId);

    // Shows the cases a KPI chart element stands for (queueFilterFor): the tab and the
    // filter controls are reset, and a bar above the list names the selection until the
    // operator clears it (its button or Esc). Controls the operator then sets narrow it.
    void showChartSelection(const CaseQueueFilter& selection);
    void clearChartSelection();
    bool hasChartSelection() const { return m_selection.has_value(); }
    QString chartSelectionCaption() const;

    QStringList savedFilterNames() const;
    void saveFilter(const QString& name);
    bool applySavedFilter(const QString& name);
    void removeSavedFilter(const QString& name);

    // The actions for the current selection, as the context menu shows them.
    QMenu* createContextMenu(QWidget* parent);
    // Runs an action on the selection (asking for a reason or target when needed).
    bool trigger(CaseAction action);

    CaseQueueView* view() const { return m_view; }
    QTabBar* tabBar() const { return m_tabs; }
    QLineEdit* searchEdit() const { return m_search; }

signals:
    void currentCaseChanged(qint64 caseId); // 0: none
    void caseActivated(qint64 caseId);
    void messageShown(const QString& text);

protected:
    void changeEvent(QEvent* event) override;

private:
    void buildFilterBar();
    void retranslate();
    void updateTabs();
    void applyFilter();
    void fillSavedCombo();
    void showMessage(const QString& text);
    QVariantMap filterToMap() const;
    void filterFromMap(const QVariantMap& map);

    CaseQueueModel& m_model;
    CaseActionController& m_controller;
    QPointer<WorkerListModel> m_workers;
    QPointer<DepartmentListModel> m_departments;
    NotePrompt m_notePrompt;
    TargetPrompt m_targetPrompt;

    QTabBar* m_tabs = nullptr;
    QComboBox* m_area = nullptr;
    QComboBox* m_category = nullptr;
    QComboBox* m_level = nullptr;
    QLineEdit* m_holder = nullptr;
    QComboBox* m_time = nullptr;
    QLineEdit* m_search = nullptr;
    QComboBox* m_saved = nullptr;
    QToolButton* m_save = nullptr;
    QToolButton* m_remove = nullptr;
    CaseQueueView* m_view = nullptr;
    QLabel* m_message = nullptr;
    QWidget* m_selectionBar = nullptr;
    QLabel* m_selectionLabel = nullptr;
    QToolButton* m_selectionClear = nullptr;
    std::optional<CaseQueueFilter> m_selection; // from a chart; merged under the controls
    QTimer m_searchDelay;
    QTimer m_messageTimer;
    QTimer m_tabsDue; // the tabs' counts, after a run of deltas
    QAction* m_dispatchAction = nullptr;
    QAction* m_undoAction = nullptr;
    bool m_applying = false;
};

} // namespace gridhall
