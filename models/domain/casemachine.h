#pragma once
// The case state machine: one table of allowed transitions, each with the roles that
// may make it. Everything outside the table is refused with a reason; every applied
// transition yields a CaseEvent.

#include "models/domain/casetypes.h"
#include "models/domain/sla.h"

#include <QList>
#include <optional>

namespace gridhall {

class Taxonomy;

struct Transition {
    CaseAction action;
    std::optional<CaseState> from; // nothing: the action creates the case
    CaseState to;
    QList<Role> roles;
    bool needsNote = false;
};

enum class Refusal {
    None,
    WrongState, // the action does not apply to a case in this state
    RoleNotAllowed,
    NoteRequired,
    TargetRequired, // dispatch without a worker or department
    ExtensionPending, // a second extension request while one waits
    NoExtensionPending,
    BadExtension, // minutes out of range
    TopLevel, // escalating a district case
    NoAlert, // acknowledging a case that is not an unacknowledged red dispute
};
QString refusalKey(Refusal r);

struct ActionRequest {
    CaseAction action = CaseAction::Register;
    HolderKind targetKind = HolderKind::None; // dispatch: Worker or Department
    QString target; // worker or department code
    QString note;
    int extensionMinutes = 0;
};

struct Actor {
    QString name;
    Role role = Role::System;
};

struct TransitionOutcome {
    Refusal refusal = Refusal::None;
    QString reason; // translated, for the operator
    Case updated;
    CaseEvent event;
    bool ok() const { return refusal == Refusal::None; }
};

class CaseMachine {
public:
    static const QList<Transition>& transitions();
    // The transition for this action from this state (nothing: not allowed in that state).
    static const Transition* find(CaseAction action, std::optional<CaseState> from);
    static bool roleMay(CaseAction action, Role role);
    // Actions this role may take on a case in this state, in loop order (for menus).
    static QList<CaseAction> actionsFor(CaseState state, Role role);

    // Applies an action to an existing case. Report and SelfHandle create cases: use open().
    static TransitionOutcome apply(const Case& current, const ActionRequest& request,
        const Actor& actor, const QDateTime& now, const SlaPolicy& sla,
        const Taxonomy* taxonomy = nullptr);
    // A new case enters the loop: Report (→ reported) or SelfHandle (→ closed at once).
    static TransitionOutcome open(const Case& draft, CaseAction action, const Actor& actor,
        const QDateTime& now, const SlaPolicy& sla, const Taxonomy* taxonomy = nullptr);

    static constexpr int kMaxExtensionMinutes = 60 * 24 * 90;
};

} // namespace gridhall
