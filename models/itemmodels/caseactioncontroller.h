#pragma once
// Turns what the operator asked for (a drop on a worker, a menu entry, a key) into
// checked, undoable actions through the outbox.
//
// plan*() checks every case against the state machine (state, role), the operator's
// scope and the target, without side effects: views call it while a drag hovers to show
// what will happen or why not. perform() pushes a CaseActionCommand onto the undo stack;
// its redo commits the actions to the outbox through the ActionSink, its undo withdraws
// them while the server has not seen them yet. Once sent, Ctrl+Z is refused with a reason.

#include "models/domain/casemachine.h"
#include "models/itemmodels/caseactions.h"

#include <QObject>
#include <QUndoCommand>
#include <QUndoStack>
#include <memory>

namespace gridhall {

class CaseQueueModel;

// Where a drop (or a "dispatch to…" choice) sends cases.
struct DispatchTarget {
    enum class Kind { None, Worker, Department, Street, District };
    Kind kind = Kind::None;
    QString code; // worker badge, department code, street or district code
    QString name; // 张三, 城管, 天河南街
    QString place; // worker: street and grid, e.g. "天河南街 G-0123"
    QString streetCode; // worker: the street they work in (scope)
    bool online = true; // worker: has reported a fresh position
};

struct ActionPlan {
    QList<ActionDraft> drafts;
    QString caption; // what will happen: "Dispatch 3 cases → 张三 · 天河南街 G-0123"
    QString refusal; // why not (translated); empty when allowed
    bool ok() const { return refusal.isEmpty() && !drafts.isEmpty(); }
};

class CaseActionController : public QObject {
    Q_OBJECT
public:
    // The sink and the model are not owned and must outlive the controller.
    CaseActionController(ActionSink& sink, const CaseQueueModel& cases, QObject* parent = nullptr);
    ~CaseActionController() override;

    void setActor(const Actor& actor) { m_actor = actor; }
    const Actor& actor() const { return m_actor; }
    // The area the operator may act in (a street code, or a district code / "" for all).
    void setScope(const QString& areaCode) { m_scope = areaCode; }
    // Whether a worker without a fresh position may receive cases.
    void setOfflineDispatchAllowed(bool allowed) { m_offlineAllowed = allowed; }

    // The case as the queue knows it (enough for the state machine), if it is loaded.
    std::optional<Case> caseFor(qint64 caseId) const;

    ActionPlan planDrop(const QList<qint64>& caseIds, const DispatchTarget& target) const;
    ActionPlan plan(const QList<qint64>& caseIds, const ActionRequest& request) const;
    // Actions the operator's role may take on every one of these cases (for menus).
    QList<CaseAction> availableActions(const QList<qint64>& caseIds) const;

    // Pushes the plan as one undoable command; false (and nothing queued) when not ok.
    bool perform(const ActionPlan& plan);
    // Queues and tracks the plan like perform() but leaves no undo entry: for acts with
    // nothing to take back (acknowledging an alert).
    bool performWithoutUndo(const ActionPlan& plan);
    // Undoes the newest command if the server has not seen it; otherwise false and *reason.
    bool undo(QString* reason = nullptr);

    QUndoStack* undoStack() { return &m_stack; }
    ActionTracker* tracker() { return &m_tracker; }
    ActionSink& sink() { return m_sink; }

signals:
    // A message for the operator (refusals, undo outcomes).
    void message(const QString& text);

private:
    friend class CaseActionCommand;
    void undoFailed(QUndoCommand* command, const QString& reason);

    ActionSink& m_sink;
    const CaseQueueModel& m_cases;
    Actor m_actor { QString(), Role::Operator };
    QString m_scope;
    bool m_offlineAllowed = false;
    ActionTracker m_tracker;
    QUndoStack m_stack;
};

// One operator decision (possibly on many cases) as an undoable command.
class CaseActionCommand : public QUndoCommand {
public:
    CaseActionCommand(CaseActionController& controller, const ActionPlan& plan);
    void redo() override;
    void undo() override;
    // True while every action is in the outbox and none has been sent.
    bool withdrawable() const;
    QList<qint64> sequences() const;

private:
    friend class CaseActionController;
    struct State; // shared with the sink's callbacks, which may outlive the command
    CaseActionController& m_controller;
    std::shared_ptr<State> m_state;
};

} // namespace gridhall
