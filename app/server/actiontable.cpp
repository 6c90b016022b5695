#include "app/server/actiontable.h"

#include "app/server/serverstorage.h"
#include "models/domain/casemachine.h"
#include "models/domain/sla.h"

#include <QCoreApplication>
#include <QTextStream>

namespace gridhall {

namespace {
QString code(const QString& key)
{
    return QLatin1Char('`') + key + QLatin1Char('`');
}

// What else an action needs besides its role and state, found by asking the machine
// itself: apply() is tried with an empty request and whatever it refuses for is supplied
// and noted, until it applies. Conditions are therefore the machine's, not a copy of them.
QStringList requirementsOf(const Transition& t, Role role)
{
    QStringList needs;
    if (!t.from) {
        needs.append(QStringLiteral("`case` object"));
        return needs;
    }
    // The server's rule, not the machine's: the photos are what attach_photo is for.
    if (t.action == CaseAction::AttachPhoto)
        needs.append(QStringLiteral("`photos` (1 … 3)"));
    Case c;
    c.id = 1;
    c.version = 1;
    c.state = *t.from;
    c.level = HandlingLevel::Community;
    c.streetCode = QStringLiteral("440199001");
    const QDateTime now = QDateTime::fromMSecsSinceEpoch(1767225600000, Qt::UTC);
    c.stepStartedAt = now;
    c.stepDeadline = now.addSecs(3600);
    ActionRequest request;
    request.action = t.action;
    if (t.needsNote)
        request.note = QStringLiteral("x"); // the note column says so already
    for (int attempt = 0; attempt < 8; ++attempt) {
        const TransitionOutcome out = CaseMachine::apply(c, request, { QStringLiteral("probe"), role }, now, SlaPolicy::builtIn());
        switch (out.refusal) {
        case Refusal::None: return needs;
        case Refusal::TargetRequired:
            needs.append(QStringLiteral("`targetKind` + `target`"));
            request.targetKind = HolderKind::Worker;
            request.target = QStringLiteral("W1");
            break;
        case Refusal::BadExtension:
            needs.append(QStringLiteral("`minutes` (1 … %1)").arg(CaseMachine::kMaxExtensionMinutes));
            request.extensionMinutes = 60;
            break;
        case Refusal::NoExtensionPending:
            needs.append(QStringLiteral("an extension request waiting"));
            c.extensionPending = true;
            c.extensionMinutesRequested = 60;
            break;
        case Refusal::NoAlert:
            needs.append(QStringLiteral("a red dispute not yet acknowledged"));
            c.disputeLevel = DisputeLevel::Red;
            break;
        case Refusal::NoteRequired:
            request.note = QStringLiteral("x");
            break;
        default:
            needs.append(QStringLiteral("(refused: `%1`)").arg(refusalKey(out.refusal)));
            return needs;
        }
    }
    return needs;
}

// Refusals that depend on the case rather than on the request, probed the same way.
QStringList limitsOf(const Transition& t, Role role)
{
    QStringList limits;
    if (!t.from)
        return limits;
    Case c;
    c.id = 1;
    c.version = 1;
    c.state = *t.from;
    c.level = HandlingLevel::District;
    c.disputeLevel = DisputeLevel::Red;
    c.extensionPending = true;
    c.extensionMinutesRequested = 60;
    const QDateTime now = QDateTime::fromMSecsSinceEpoch(1767225600000, Qt::UTC);
    ActionRequest request { t.action, HolderKind::Worker, QStringLiteral("W1"), QStringLiteral("x"), 60 };
    const TransitionOutcome out = CaseMachine::apply(c, request, { QStringLiteral("probe"), role }, now, SlaPolicy::builtIn());
    if (out.refusal == Refusal::TopLevel)
        limits.append(QStringLiteral("not at district level"));
    else if (out.refusal == Refusal::ExtensionPending)
        limits.append(QStringLiteral("no extension request waiting"));
    return limits;
}
} // namespace

QString actionTableMarkdown()
{
    QString out;
    QTextStream md(&out);
    md << "| action | from | to | roles | note | also needs |\n";
    md << "|---|---|---|---|---|---|\n";
    const UserRole userRoles[] = { UserRole::DistrictOperator, UserRole::StreetOperator, UserRole::Supervisor,
        UserRole::ShiftLeader, UserRole::Leader, UserRole::FieldWorker };
    for (const Transition& t : CaseMachine::transitions()) {
        QStringList roles;
        std::optional<Role> anyRole;
        for (const UserRole r : userRoles) {
            const std::optional<Role> domain = domainRoleFor(r);
            if (domain && t.roles.contains(*domain)) {
                roles.append(code(userRoleKey(r)));
                anyRole = anyRole ? anyRole : domain;
            }
        }
        if (!anyRole)
            continue; // only roles no user has (handler): nobody sends it over the wire
        QStringList needs = requirementsOf(t, *anyRole) + limitsOf(t, *anyRole);
        md << "| " << code(caseActionKey(t.action)) << " | " << (t.from ? code(caseStateKey(*t.from)) : QStringLiteral("— (new case)"))
           << " | " << code(caseStateKey(t.to)) << " | " << roles.join(QStringLiteral(", ")) << " | "
           << (t.needsNote ? QStringLiteral("required") : QStringLiteral("—")) << " | "
           << (needs.isEmpty() ? QStringLiteral("—") : needs.join(QStringLiteral("; "))) << " |\n";
    }
    md.flush();
    return out;
}

int runActionTableCommand(const QStringList& args)
{
    if (args.size() > 1) {
        QTextStream(stderr) << QCoreApplication::translate("ActionTable", "Usage: %1 (prints the Markdown table of PROTOCOL.md § Actions)").arg(args.value(0)) << "\n";
        return args.contains(QStringLiteral("--help")) ? 0 : 2;
    }
    QTextStream(stdout) << actionTableMarkdown();
    return 0;
}

} // namespace gridhall
