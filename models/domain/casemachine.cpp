#include "models/domain/casemachine.h"

#include "models/domain/area.h"

#include <QCoreApplication>

namespace gridhall {

namespace {
using S = CaseState;
using A = CaseAction;
using R = Role;

const QList<Role> kDesk { R::Operator, R::Supervisor, R::ShiftLeader };
const QList<Role> kApprovers { R::Supervisor, R::ShiftLeader };
const QList<Role> kField { R::FieldWorker, R::Handler };
const QList<Role> kVerifiers { R::FieldWorker, R::Supervisor, R::ShiftLeader };

QList<Transition> buildTable()
{
    return {
        { A::Report, std::nullopt, S::Reported, { R::FieldWorker, R::Operator, R::Supervisor, R::ShiftLeader } },
        { A::SelfHandle, std::nullopt, S::Closed, { R::FieldWorker } },
        { A::Register, S::Reported, S::Registered, kDesk },
        { A::Void, S::Reported, S::Voided, kDesk, true },
        { A::Void, S::Registered, S::Voided, kApprovers, true },
        { A::Dispatch, S::Registered, S::Dispatched, kDesk },
        { A::Accept, S::Dispatched, S::Handling, kField },
        { A::Feedback, S::Handling, S::FedBack, kField },
        { A::VerifyPass, S::FedBack, S::Verified, kVerifiers },
        { A::VerifyFail, S::FedBack, S::Handling, kVerifiers, true },
        { A::Close, S::Verified, S::Closed, kApprovers },
        { A::Return, S::Registered, S::Reported, kDesk, true },
        { A::Return, S::Dispatched, S::Registered, { R::FieldWorker, R::Handler, R::Operator, R::Supervisor, R::ShiftLeader }, true },
        { A::Return, S::Handling, S::Registered, { R::FieldWorker, R::Handler, R::Operator, R::Supervisor, R::ShiftLeader }, true },
        { A::Return, S::Verified, S::FedBack, kApprovers, true },
        { A::RequestExtension, S::Dispatched, S::Dispatched, kField, true },
        { A::RequestExtension, S::Handling, S::Handling, kField, true },
        { A::ApproveExtension, S::Dispatched, S::Dispatched, kApprovers },
        { A::ApproveExtension, S::Handling, S::Handling, kApprovers },
        { A::RejectExtension, S::Dispatched, S::Dispatched, kApprovers, true },
        { A::RejectExtension, S::Handling, S::Handling, kApprovers, true },
        { A::Park, S::Registered, S::Parked, kApprovers, true },
        { A::Park, S::Dispatched, S::Parked, kApprovers, true },
        { A::Park, S::Handling, S::Parked, kApprovers, true },
        { A::Unpark, S::Parked, S::Registered, kApprovers },
        { A::Escalate, S::Registered, S::Registered, kDesk, true },
        { A::Escalate, S::Dispatched, S::Registered, kDesk, true },
        { A::Escalate, S::Handling, S::Registered, kDesk, true },
        // The alert of a red dispute can be acknowledged in any open state; nothing moves.
        { A::AcknowledgeAlert, S::Reported, S::Reported, kDesk },
        { A::AcknowledgeAlert, S::Registered, S::Registered, kDesk },
        { A::AcknowledgeAlert, S::Dispatched, S::Dispatched, kDesk },
        { A::AcknowledgeAlert, S::Handling, S::Handling, kDesk },
        { A::AcknowledgeAlert, S::FedBack, S::FedBack, kDesk },
        { A::AcknowledgeAlert, S::Verified, S::Verified, kDesk },
        { A::AcknowledgeAlert, S::Parked, S::Parked, kDesk },
        // A desk attaches photos (a camera's still) to an open case; nothing moves.
        { A::AttachPhoto, S::Reported, S::Reported, kDesk },
        { A::AttachPhoto, S::Registered, S::Registered, kDesk },
        { A::AttachPhoto, S::Dispatched, S::Dispatched, kDesk },
        { A::AttachPhoto, S::Handling, S::Handling, kDesk },
        { A::AttachPhoto, S::FedBack, S::FedBack, kDesk },
        { A::AttachPhoto, S::Verified, S::Verified, kDesk },
        { A::AttachPhoto, S::Parked, S::Parked, kDesk },
    };
}

QDateTime deadlineFor(const Case& c, const QDateTime& now, const SlaPolicy& sla,
    const Taxonomy* taxonomy)
{
    const std::optional<SlaStep> step = slaStepFor(c.state);
    if (!step)
        return {};
    const int minutes = sla.limitMinutes(*step, c.categoryCode, c.level, c.disputeLevel, taxonomy);
    return now.addSecs(qint64(minutes) * 60);
}

TransitionOutcome refuse(Refusal r, const QString& reason)
{
    TransitionOutcome out;
    out.refusal = r;
    out.reason = reason;
    return out;
}
} // namespace

QString refusalKey(Refusal r)
{
    static const char* const keys[] = { "none", "wrong_state", "role_not_allowed",
        "note_required", "target_required", "extension_pending", "no_extension_pending",
        "bad_extension", "top_level", "no_alert" };
    return QString::fromLatin1(keys[int(r)]);
}

const QList<Transition>& CaseMachine::transitions()
{
    static const QList<Transition> table = buildTable();
    return table;
}

const Transition* CaseMachine::find(CaseAction action, std::optional<CaseState> from)
{
    for (const Transition& t : transitions())
        if (t.action == action && t.from == from)
            return &t;
    return nullptr;
}

bool CaseMachine::roleMay(CaseAction action, Role role)
{
    for (const Transition& t : transitions())
        if (t.action == action && t.roles.contains(role))
            return true;
    return false;
}

QList<CaseAction> CaseMachine::actionsFor(CaseState state, Role role)
{
    QList<CaseAction> result;
    for (const Transition& t : transitions())
        if (t.from == state && t.roles.contains(role) && !result.contains(t.action))
            result.append(t.action);
    return result;
}

TransitionOutcome CaseMachine::apply(const Case& current, const ActionRequest& request,
    const Actor& actor, const QDateTime& now, const SlaPolicy& sla, const Taxonomy* taxonomy)
{
    const Transition* t = find(request.action, current.state);
    if (!t) {
        return refuse(Refusal::WrongState,
            QCoreApplication::translate("CaseMachine", "%1 is not possible for a case that is %2")
                .arg(caseActionDisplayName(request.action),
                    caseStateDisplayName(current.state).toLower()));
    }
    if (!t->roles.contains(actor.role)) {
        return refuse(Refusal::RoleNotAllowed,
            QCoreApplication::translate("CaseMachine", "A %1 may not %2 a case")
                .arg(roleDisplayName(actor.role).toLower(),
                    caseActionDisplayName(request.action).toLower()));
    }
    if (t->needsNote && request.note.trimmed().isEmpty())
        return refuse(Refusal::NoteRequired,
            QCoreApplication::translate("CaseMachine", "%1 needs a reason").arg(caseActionDisplayName(request.action)));

    Case next = current;
    next.state = t->to;
    switch (request.action) {
    case CaseAction::Dispatch:
        if (request.target.trimmed().isEmpty()
            || (request.targetKind != HolderKind::Worker
                && request.targetKind != HolderKind::Department))
            return refuse(Refusal::TargetRequired, QCoreApplication::translate("CaseMachine", "Dispatch needs a worker or a department"));
        next.holderKind = request.targetKind;
        next.holder = request.target.trimmed();
        break;
    case CaseAction::RequestExtension:
        if (current.extensionPending)
            return refuse(Refusal::ExtensionPending,
                QCoreApplication::translate("CaseMachine", "An extension request for this case is already waiting for approval"));
        if (request.extensionMinutes < 1 || request.extensionMinutes > kMaxExtensionMinutes)
            return refuse(Refusal::BadExtension,
                QCoreApplication::translate("CaseMachine", "An extension must be between 1 minute and 90 days"));
        next.extensionPending = true;
        next.extensionMinutesRequested = request.extensionMinutes;
        break;
    case CaseAction::ApproveExtension:
    case CaseAction::RejectExtension:
        if (!current.extensionPending)
            return refuse(Refusal::NoExtensionPending, QCoreApplication::translate("CaseMachine", "No extension request is waiting"));
        next.extensionPending = false;
        if (request.action == CaseAction::ApproveExtension) {
            next.extensionCount += 1;
            next.stepDeadline
                = current.stepDeadline.addSecs(qint64(current.extensionMinutesRequested) * 60);
        }
        next.extensionMinutesRequested = 0;
        break;
    case CaseAction::Escalate:
        if (current.level == HandlingLevel::District)
            return refuse(Refusal::TopLevel, QCoreApplication::translate("CaseMachine", "A district case cannot be escalated further"));
        next.level = HandlingLevel(int(current.level) + 1);
        next.holderKind = HolderKind::Level;
        next.holder = next.level == HandlingLevel::Street
            ? current.streetCode
            : current.streetCode.left(areacode::kDistrictDigits);
        break;
    case CaseAction::VerifyFail:
        next.reworkCount += 1;
        break;
    case CaseAction::Park:
        next.parkedFrom = current.state;
        break;
    case CaseAction::AcknowledgeAlert:
        if (current.disputeLevel != DisputeLevel::Red)
            return refuse(Refusal::NoAlert, QCoreApplication::translate("CaseMachine", "Only a red dispute raises an alert"));
        if (current.alertAckedAt.isValid())
            return refuse(Refusal::NoAlert, QCoreApplication::translate("CaseMachine", "The alert was already acknowledged"));
        next.alertAckedAt = now;
        break;
    case CaseAction::Return:
        if (t->to == CaseState::Registered || t->to == CaseState::Reported) {
            next.holderKind = HolderKind::None;
            next.holder.clear();
        }
        break;
    default:
        break;
    }
    // Leaving a step drops any extension request made for it.
    if (next.state != current.state) {
        next.extensionPending = false;
        next.extensionMinutesRequested = 0;
    }
    const bool stepChanged = next.state != current.state || request.action == CaseAction::Escalate;
    if (stepChanged) {
        next.stepStartedAt = now;
        next.stepDeadline = deadlineFor(next, now, sla, taxonomy);
    }
    if (next.state == CaseState::Closed)
        next.closedAt = now;
    next.version = current.version + 1;
    next.updatedAt = now;

    TransitionOutcome out;
    out.updated = next;
    out.event.caseId = current.id;
    out.event.at = now;
    out.event.actor = actor.name;
    out.event.role = actor.role;
    out.event.action = request.action;
    out.event.fromState = current.state;
    out.event.toState = next.state;
    out.event.target = request.action == CaseAction::Escalate
        ? handlingLevelKey(next.level)
        : (request.action == CaseAction::Dispatch || request.action == CaseAction::AttachPhoto
                  ? request.target.trimmed() // attach_photo: the camera a still came from, if any
                  : QString());
    if (request.action == CaseAction::RequestExtension)
        out.event.target = QString::number(request.extensionMinutes);
    out.event.note = request.note.trimmed();
    return out;
}

TransitionOutcome CaseMachine::open(const Case& draft, CaseAction action, const Actor& actor,
    const QDateTime& now, const SlaPolicy& sla, const Taxonomy* taxonomy)
{
    const Transition* t = find(action, std::nullopt);
    if (!t)
        return refuse(Refusal::WrongState,
            QCoreApplication::translate("CaseMachine", "%1 does not create a case").arg(caseActionDisplayName(action)));
    if (!t->roles.contains(actor.role))
        return refuse(Refusal::RoleNotAllowed,
            QCoreApplication::translate("CaseMachine", "A %1 may not %2 a case")
                .arg(roleDisplayName(actor.role).toLower(),
                    caseActionDisplayName(action).toLower()));
    Case next = draft;
    next.state = t->to;
    next.reportedAt = now;
    next.stepStartedAt = now;
    next.stepDeadline = deadlineFor(next, now, sla, taxonomy);
    if (next.state == CaseState::Closed)
        next.closedAt = now;
    next.version = 1;
    next.updatedAt = now;

    TransitionOutcome out;
    out.updated = next;
    out.event.caseId = draft.id;
    out.event.at = now;
    out.event.actor = actor.name;
    out.event.role = actor.role;
    out.event.action = action;
    out.event.fromState = t->to; // no state before; recorded as the state it entered
    out.event.toState = t->to;
    return out;
}

} // namespace gridhall
