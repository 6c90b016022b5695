#pragma once
// Who acts: desk users by role, field workers, departments.

#include "models/domain/geo.h"

#include <QString>

namespace gridhall {

// Roles of the people who act on cases. A desk user's scope (district or one street)
// is separate from the role and is enforced by the server.
enum class Role {
    FieldWorker, // 网格员 / 联勤队员: reports, accepts, handles, gives feedback, verifies
    Handler, // 处置员 of a department
    Operator, // 受理员 / 派遣员: intake and dispatch
    Supervisor, // 街道网格长 / 主任: on-site verification and street approvals
    ShiftLeader, // 值班长: approvals and closing
    Leader, // 领导: reads, never edits
    System, // the server itself: timers, imports
};
constexpr int kRoleCount = 7;

QString roleKey(Role role);
bool roleFromKey(const QString& key, Role* role);
QString roleDisplayName(Role role);

enum class WorkerKind {
    GridWorker, // 网格员, one per cell
    JointEnforcement, // 联勤队员, in teams across a street
    Handler, // 处置员 of a department
};
QString workerKindKey(WorkerKind kind);
bool workerKindFromKey(const QString& key, WorkerKind* kind);
QString workerKindDisplayName(WorkerKind kind);

struct Worker {
    qint64 id = 0;
    QString code; // badge number, unique
    QString name;
    WorkerKind kind = WorkerKind::GridWorker;
    QString homeGridCode; // grid workers
    QString streetCode;
    QString team; // joint-enforcement team, or department code for handlers
    QString phone;
};

struct Department {
    QString code; // e.g. "CG" 城管
    QString nameZh;
    QString nameEn;
};

} // namespace gridhall
