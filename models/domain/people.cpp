#include "models/domain/people.h"

#include <QCoreApplication>

namespace gridhall {

QString roleKey(Role role)
{
    switch (role) {
    case Role::FieldWorker: return QStringLiteral("field_worker");
    case Role::Handler: return QStringLiteral("handler");
    case Role::Operator: return QStringLiteral("operator");
    case Role::Supervisor: return QStringLiteral("supervisor");
    case Role::ShiftLeader: return QStringLiteral("shift_leader");
    case Role::Leader: return QStringLiteral("leader");
    case Role::System: return QStringLiteral("system");
    }
    return {};
}

bool roleFromKey(const QString& key, Role* role)
{
    for (int i = 0; i < kRoleCount; ++i) {
        if (roleKey(Role(i)) == key) {
            *role = Role(i);
            return true;
        }
    }
    return false;
}

QString roleDisplayName(Role role)
{
    switch (role) {
    case Role::FieldWorker: return QCoreApplication::translate("Role", "Field worker");
    case Role::Handler: return QCoreApplication::translate("Role", "Department handler");
    case Role::Operator: return QCoreApplication::translate("Role", "Operator");
    case Role::Supervisor: return QCoreApplication::translate("Role", "Street supervisor");
    case Role::ShiftLeader: return QCoreApplication::translate("Role", "Shift leader");
    case Role::Leader: return QCoreApplication::translate("Role", "Leader");
    case Role::System: return QCoreApplication::translate("Role", "System");
    }
    return {};
}

QString workerKindKey(WorkerKind kind)
{
    switch (kind) {
    case WorkerKind::GridWorker: return QStringLiteral("grid_worker");
    case WorkerKind::JointEnforcement: return QStringLiteral("joint_enforcement");
    case WorkerKind::Handler: return QStringLiteral("handler");
    }
    return {};
}

bool workerKindFromKey(const QString& key, WorkerKind* kind)
{
    for (WorkerKind k : { WorkerKind::GridWorker, WorkerKind::JointEnforcement, WorkerKind::Handler }) {
        if (workerKindKey(k) == key) {
            *kind = k;
            return true;
        }
    }
    return false;
}

QString workerKindDisplayName(WorkerKind kind)
{
    switch (kind) {
    case WorkerKind::GridWorker: return QCoreApplication::translate("WorkerKind", "Grid worker");
    case WorkerKind::JointEnforcement:
        return QCoreApplication::translate("WorkerKind", "Joint-enforcement member");
    case WorkerKind::Handler: return QCoreApplication::translate("WorkerKind", "Department handler");
    }
    return {};
}

} // namespace gridhall
