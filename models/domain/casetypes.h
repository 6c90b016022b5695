#pragma once
// Cases (事件/案件) along the closed loop, and the events that record every step.

#include "models/domain/geo.h"
#include "models/domain/people.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <optional>

namespace gridhall {

enum class CaseState {
    Reported, // 上报
    Registered, // 立案
    Dispatched, // 派遣
    Handling, // 处置中
    FedBack, // 反馈
    Verified, // 核查
    Closed, // 结案
    Parked, // 挂账
    Voided, // 作废
};
constexpr int kCaseStateCount = 9;

enum class CaseAction {
    Report, // a new case arrives (from nothing)
    SelfHandle, // 自处理: reported and closed in one go by the grid worker
    Register, // 立案
    Void, // 作废
    Dispatch, // 派遣 to a worker or department
    Accept, // the handler takes the dispatched case
    Feedback, // 反馈, with photos
    VerifyPass, // 核查通过
    VerifyFail, // 核查不通过 → 返工 rework
    Close, // 结案
    Return, // 回退 to the previous step
    RequestExtension, // 延期申请
    ApproveExtension, // 延期批准
    RejectExtension, // 延期驳回
    Park, // 挂账
    Unpark, // 取消挂账, back to registered
    Escalate, // 上报上级: community → street → district
    AcknowledgeAlert, // 确认告警: an operator has seen a new red dispute; the state stays
    AttachPhoto, // 附加照片: a desk adds photos (a camera's still) to a case; the state stays
};
constexpr int kCaseActionCount = 19;

enum class DisputeLevel { None, Yellow, Orange, Red };
// Three-level handling (三级调处): where the case is owned.
enum class HandlingLevel { Community, Street, District };
enum class HolderKind { None, Worker, Department, Level };
enum class CaseSource { FieldWorker, Hotline, Camera, ResidentApp, Operator };

// Stable keys for storage and the wire; display names go through tr().
QString caseStateKey(CaseState s);
bool caseStateFromKey(const QString& key, CaseState* s);
QString caseStateDisplayName(CaseState s);
QString caseActionKey(CaseAction a);
bool caseActionFromKey(const QString& key, CaseAction* a);
QString caseActionDisplayName(CaseAction a);
QString disputeLevelKey(DisputeLevel l);
bool disputeLevelFromKey(const QString& key, DisputeLevel* l);
QString disputeLevelDisplayName(DisputeLevel l);
QString handlingLevelKey(HandlingLevel l);
bool handlingLevelFromKey(const QString& key, HandlingLevel* l);
QString handlingLevelDisplayName(HandlingLevel l);
QString holderKindKey(HolderKind k);
bool holderKindFromKey(const QString& key, HolderKind* k);
QString caseSourceKey(CaseSource s);
bool caseSourceFromKey(const QString& key, CaseSource* s);

// An open case still needs work; closed, voided and parked ones don't count as open.
bool isOpen(CaseState s);
// Still on the hall's books: neither closed nor voided (parked cases included). What the
// map, the area tree and the replica's open-case index (schema::kOpenCaseTerm) show.
bool isOnTheBooks(CaseState s);

struct Case {
    qint64 id = 0;
    QString code; // human-readable, unique: district-yyyymmdd-serial
    QString categoryCode; // taxonomy item
    QString description;
    QString address;
    LonLat location;
    QString gridCode;
    QString communityCode;
    QString streetCode;
    CaseState state = CaseState::Reported;
    HandlingLevel level = HandlingLevel::Community;
    DisputeLevel disputeLevel = DisputeLevel::None;
    CaseSource source = CaseSource::FieldWorker;
    QString reporter; // worker code, hotline number or camera id
    HolderKind holderKind = HolderKind::None;
    QString holder; // worker code, department code, or area code for a level
    QDateTime reportedAt;
    QDateTime stepStartedAt; // when the current state was entered
    QDateTime stepDeadline; // deadline of the current step (extensions move it)
    QDateTime closedAt;
    int reworkCount = 0;
    int extensionCount = 0;
    bool extensionPending = false;
    int extensionMinutesRequested = 0;
    // The state a parked case came from; nothing for a case that was never parked.
    std::optional<CaseState> parkedFrom;
    qint64 version = 0; // bumped on every change; an older version never overwrites a newer one
    QDateTime updatedAt;
    // When a workstation acknowledged the red-dispute alert (who: the case's events); the
    // wall and other workstations take their banners down when it is set.
    QDateTime alertAckedAt;
};

struct CaseEvent {
    qint64 id = 0;
    qint64 caseId = 0;
    QDateTime at;
    QString actor; // user name or worker code
    Role role = Role::System;
    CaseAction action = CaseAction::Report;
    CaseState fromState = CaseState::Reported;
    CaseState toState = CaseState::Reported;
    QString target; // dispatch target, escalation level, etc.
    QString note;
};

// A photo a field worker sent with a feedback, or a desk attached (a camera's still). The replica keeps what the case detail shows
// (these fields, with a small thumbnail); the full photo stays on the server and is fetched
// when someone opens it (docs/PROTOCOL.md § Photos).
struct CasePhoto {
    qint64 id = 0; // assigned by the server
    qint64 caseId = 0;
    qint64 eventId = 0; // the feedback or attach_photo event it came with; 0 when not known
    QDateTime takenAt; // when the handheld says it was taken, else when the server got it
    QString mime; // image/jpeg or image/png
    int width = 0; // of the full photo, in pixels, upright
    int height = 0;
    qint64 bytes = 0; // size of the full photo
    QByteArray thumbnail; // JPEG, longest side at most 160 px
};

} // namespace gridhall
