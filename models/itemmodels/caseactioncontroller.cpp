#include "models/itemmodels/caseactioncontroller.h"

#include "models/domain/area.h"
#include "models/domain/taxonomy.h"
#include "models/itemmodels/casequeuemodel.h"

#include <QCoreApplication>
#include <QPointer>

namespace gridhall {

namespace {
bool inScope(const QString& code, const QString& scope)
{
    return scope.isEmpty() || code.startsWith(scope);
}
} // namespace

CaseActionController::CaseActionController(ActionSink& sink, const CaseQueueModel& cases, QObject* parent)
    : QObject(parent)
    , m_sink(sink)
    , m_cases(cases)
{
    connect(&m_sink, &ActionSink::answered, &m_tracker, &ActionTracker::applyAnswer);
}

CaseActionController::~CaseActionController()
{
    // Commands refer to the controller; drop them first.
    m_stack.clear();
}

std::optional<Case> CaseActionController::caseFor(qint64 caseId) const
{
    const CaseTable& t = m_cases.table();
    const int r = t.rowOf(caseId);
    if (r < 0)
        return std::nullopt;
    Case c;
    c.id = caseId;
    c.code = t.code(r);
    c.categoryCode = t.categoryCode(r);
    c.state = t.state(r);
    c.level = t.handlingLevel(r);
    c.disputeLevel = t.disputeLevel(r);
    c.source = t.source(r);
    c.holderKind = t.holderKind(r);
    c.holder = t.holder(r);
    c.gridCode = t.gridCode(r);
    c.communityCode = t.communityCode(r);
    c.streetCode = t.streetCode(r);
    c.reportedAt = CaseTable::fromSeconds(t.reportedAt(r));
    c.stepStartedAt = CaseTable::fromSeconds(t.stepStartedAt(r));
    c.stepDeadline = CaseTable::fromSeconds(t.stepDeadline(r));
    c.extensionPending = t.extensionPending(r);
    c.alertAckedAt = CaseTable::fromSeconds(t.alertAckedAt(r));
    c.version = t.version(r);
    return c;
}

ActionPlan CaseActionController::plan(const QList<qint64>& caseIds, const ActionRequest& request) const
{
    ActionPlan p;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (const qint64 id : caseIds) {
        const std::optional<Case> c = caseFor(id);
        if (!c) {
            p.refusal = QCoreApplication::translate("CaseActionController", "Case %1 is not loaded").arg(id);
            break;
        }
        if (!inScope(c->streetCode, m_scope)) {
            p.refusal = QCoreApplication::translate("CaseActionController", "%1 is outside your area").arg(c->code);
            break;
        }
        const TransitionOutcome out
            = CaseMachine::apply(*c, request, m_actor, now, SlaPolicy::builtIn(), &Taxonomy::builtIn());
        if (!out.ok()) {
            // Name the case only when there are several; one case is the one in hand.
            p.refusal = caseIds.size() > 1 ? c->code + QLatin1String(": ") + out.reason : out.reason;
            break;
        }
        ActionDraft d;
        d.caseId = id;
        d.seenVersion = c->version;
        d.action = request.action;
        d.targetKind = request.targetKind;
        d.target = request.target;
        d.note = request.note.trimmed();
        d.minutes = request.extensionMinutes;
        p.drafts.append(d);
    }
    if (!p.refusal.isEmpty())
        p.drafts.clear();
    if (caseIds.isEmpty())
        p.refusal = QCoreApplication::translate("CaseActionController", "No case selected");
    p.caption = QCoreApplication::translate("CaseActionController", "%1 %n case(s)", nullptr, int(caseIds.size()))
                    .arg(caseActionDisplayName(request.action));
    return p;
}

ActionPlan CaseActionController::planDrop(const QList<qint64>& caseIds, const DispatchTarget& target) const
{
    ActionRequest request;
    QString to = target.name.isEmpty() ? target.code : target.name;
    if (!target.place.isEmpty())
        to += QStringLiteral(" · ") + target.place;
    switch (target.kind) {
    case DispatchTarget::Kind::Worker:
    case DispatchTarget::Kind::Department:
        request.action = CaseAction::Dispatch;
        request.targetKind = target.kind == DispatchTarget::Kind::Worker ? HolderKind::Worker : HolderKind::Department;
        request.target = target.code;
        break;
    case DispatchTarget::Kind::Street:
    case DispatchTarget::Kind::District:
        request.action = CaseAction::Escalate;
        request.note = QCoreApplication::translate("CaseActionController", "Escalated to %1").arg(to);
        break;
    case DispatchTarget::Kind::None: {
        ActionPlan p;
        p.refusal = QCoreApplication::translate("CaseActionController", "Not a place cases can go");
        return p;
    }
    }
    ActionPlan p = plan(caseIds, request);
    p.caption = QCoreApplication::translate("CaseActionController", "%1 %n case(s) → %2", nullptr, int(caseIds.size()))
                    .arg(caseActionDisplayName(request.action), to);
    if (!p.refusal.isEmpty())
        return p;
    auto refuse = [&p](const QString& why) {
        p.refusal = why;
        p.drafts.clear();
        return p;
    };
    if (target.kind == DispatchTarget::Kind::Worker) {
        if (!target.online && !m_offlineAllowed)
            return refuse(QCoreApplication::translate("CaseActionController", "%1 is offline").arg(to));
        if (!target.streetCode.isEmpty() && !inScope(target.streetCode, m_scope))
            return refuse(QCoreApplication::translate("CaseActionController", "%1 works outside your area").arg(to));
    }
    if (target.kind == DispatchTarget::Kind::Street || target.kind == DispatchTarget::Kind::District) {
        const HandlingLevel wanted = target.kind == DispatchTarget::Kind::Street ? HandlingLevel::Street : HandlingLevel::District;
        for (const qint64 id : caseIds) {
            const Case c = *caseFor(id);
            if (int(c.level) + 1 != int(wanted))
                return refuse(QCoreApplication::translate("CaseActionController", "%1 is handled at the %2 level; escalation goes one level up at a time")
                                  .arg(c.code, handlingLevelDisplayName(c.level).toLower()));
            if (!areacode::isWithin(c.streetCode, target.code))
                return refuse(QCoreApplication::translate("CaseActionController", "%1 does not belong to %2").arg(c.code, to));
        }
    }
    return p;
}

QList<CaseAction> CaseActionController::availableActions(const QList<qint64>& caseIds) const
{
    QList<CaseAction> result;
    bool first = true;
    for (const qint64 id : caseIds) {
        const std::optional<Case> c = caseFor(id);
        if (!c || !inScope(c->streetCode, m_scope))
            return {};
        QList<CaseAction> mine = CaseMachine::actionsFor(c->state, m_actor.role);
        // Approvals make sense only while a request waits; a second request never.
        mine.removeIf([&c](CaseAction a) {
            if (a == CaseAction::ApproveExtension || a == CaseAction::RejectExtension)
                return !c->extensionPending;
            if (a == CaseAction::RequestExtension)
                return c->extensionPending;
            if (a == CaseAction::Escalate)
                return c->level == HandlingLevel::District;
            if (a == CaseAction::AcknowledgeAlert)
                return c->disputeLevel != DisputeLevel::Red || c->alertAckedAt.isValid();
            // Photos are attached from a camera's view (CaseDesk::saveStill), not a menu.
            return a == CaseAction::AttachPhoto;
        });
        if (first)
            result = mine;
        else
            result.removeIf([&mine](CaseAction a) { return !mine.contains(a); });
        first = false;
    }
    return result;
}

bool CaseActionController::perform(const ActionPlan& plan)
{
    if (!plan.ok()) {
        emit message(plan.refusal);
        return false;
    }
    m_stack.push(new CaseActionCommand(*this, plan));
    return true;
}

bool CaseActionController::performWithoutUndo(const ActionPlan& plan)
{
    if (!plan.ok()) {
        emit message(plan.refusal);
        return false;
    }
    // The command's redo queues and tracks; the sink's answer outlives the command.
    CaseActionCommand command(*this, plan);
    command.redo();
    return true;
}

bool CaseActionController::undo(QString* reason)
{
    auto refuse = [&](const QString& why) {
        if (reason)
            *reason = why;
        emit message(why);
        return false;
    };
    if (!m_stack.canUndo())
        return refuse(QCoreApplication::translate("CaseActionController", "Nothing to undo"));
    const auto* command = static_cast<const CaseActionCommand*>(m_stack.command(m_stack.index() - 1));
    if (!command->withdrawable())
        return refuse(QCoreApplication::translate("CaseActionController", "“%1” has already reached the server and cannot be undone").arg(command->text()));
    m_stack.undo();
    return true;
}

void CaseActionController::undoFailed(QUndoCommand* command, const QString& reason)
{
    emit message(QCoreApplication::translate("CaseActionController", "Could not undo “%1”: %2").arg(command->text(), reason));
    // The actions stay queued: put the command back on the done side without queuing again.
    if (m_stack.canRedo() && m_stack.command(m_stack.index()) == command)
        m_stack.redo();
}

// --- CaseActionCommand -------------------------------------------------------------------

struct CaseActionCommand::State {
    CaseActionCommand* command = nullptr;
    ActionPlan plan;
    QList<qint64> seqs; // one per draft once the outbox took them
    bool reattach = false; // the next redo only records that undo failed
};

CaseActionCommand::CaseActionCommand(CaseActionController& controller, const ActionPlan& plan)
    : m_controller(controller)
    , m_state(std::make_shared<State>())
{
    m_state->command = this;
    m_state->plan = plan;
    setText(plan.caption);
}

QList<qint64> CaseActionCommand::sequences() const
{
    return m_state->seqs;
}

bool CaseActionCommand::withdrawable() const
{
    if (m_state->seqs.size() != m_state->plan.drafts.size())
        return false;
    for (const qint64 seq : m_state->seqs) {
        const std::optional<ActionStatus> s = m_controller.tracker()->statusOfSequence(seq);
        if (!s || *s != ActionStatus::Queued)
            return false;
    }
    return true;
}

void CaseActionCommand::redo()
{
    ActionTracker& tracker = *m_controller.tracker();
    const QList<ActionDraft>& drafts = m_state->plan.drafts;
    if (m_state->reattach) {
        m_state->reattach = false;
        for (int i = 0; i < drafts.size(); ++i)
            tracker.setStatus(drafts[i].caseId, ActionStatus::Queued);
        return;
    }
    m_state->seqs.clear();
    for (const ActionDraft& d : drafts) {
        TrackedAction t;
        t.caseId = d.caseId;
        t.action = d.action;
        t.targetName = d.target;
        tracker.track(t);
    }
    std::weak_ptr<State> weak = m_state;
    QPointer<ActionTracker> trackerGuard(&tracker);
    m_controller.sink().submit(drafts, [weak, drafts, trackerGuard](const QList<qint64>& seqs, const QString& error) {
        if (!trackerGuard)
            return;
        for (int i = 0; i < drafts.size(); ++i) {
            if (i < seqs.size()) {
                trackerGuard->setSequence(drafts[i].caseId, seqs[i]);
                trackerGuard->setStatus(drafts[i].caseId, ActionStatus::Queued);
            } else {
                trackerGuard->setStatus(drafts[i].caseId, ActionStatus::Failed, error);
            }
        }
        if (const auto state = weak.lock())
            state->seqs = seqs;
    });
}

void CaseActionCommand::undo()
{
    ActionTracker& tracker = *m_controller.tracker();
    const QList<ActionDraft> drafts = m_state->plan.drafts;
    for (const ActionDraft& d : drafts)
        tracker.setStatus(d.caseId, ActionStatus::Withdrawing);
    std::weak_ptr<State> weak = m_state;
    QPointer<CaseActionController> controller(&m_controller);
    m_controller.sink().withdraw(m_state->seqs, [weak, drafts, controller](bool ok, const QString& reason) {
        if (!controller)
            return;
        ActionTracker& t = *controller->tracker();
        if (ok) {
            for (const ActionDraft& d : drafts)
                t.setStatus(d.caseId, ActionStatus::Withdrawn);
            if (const auto state = weak.lock())
                state->seqs.clear();
            return;
        }
        for (const ActionDraft& d : drafts)
            t.setStatus(d.caseId, ActionStatus::Queued);
        if (const auto state = weak.lock()) {
            state->reattach = true;
            controller->undoFailed(state->command, reason);
        }
    });
}

} // namespace gridhall
