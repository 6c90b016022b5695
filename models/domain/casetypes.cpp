#include "models/domain/casetypes.h"

#include <QCoreApplication>

namespace gridhall {

namespace {
template <typename Enum, int N>
bool fromKey(const QString& key, Enum* out, QString (*keyOf)(Enum))
{
    for (int i = 0; i < N; ++i) {
        if (keyOf(Enum(i)) == key) {
            *out = Enum(i);
            return true;
        }
    }
    return false;
}
} // namespace

QString caseStateKey(CaseState s)
{
    static const char* const keys[] = { "reported", "registered", "dispatched", "handling",
        "fed_back", "verified", "closed", "parked", "voided" };
    return QString::fromLatin1(keys[int(s)]);
}

bool caseStateFromKey(const QString& key, CaseState* s)
{
    return fromKey<CaseState, kCaseStateCount>(key, s, caseStateKey);
}

QString caseStateDisplayName(CaseState s)
{
    switch (s) {
    case CaseState::Reported: return QCoreApplication::translate("CaseState", "Reported");
    case CaseState::Registered: return QCoreApplication::translate("CaseState", "Registered");
    case CaseState::Dispatched: return QCoreApplication::translate("CaseState", "Dispatched");
    case CaseState::Handling: return QCoreApplication::translate("CaseState", "Handling");
    case CaseState::FedBack: return QCoreApplication::translate("CaseState", "Fed back");
    case CaseState::Verified: return QCoreApplication::translate("CaseState", "Verified");
    case CaseState::Closed: return QCoreApplication::translate("CaseState", "Closed");
    case CaseState::Parked: return QCoreApplication::translate("CaseState", "Parked");
    case CaseState::Voided: return QCoreApplication::translate("CaseState", "Voided");
    }
    return {};
}

QString caseActionKey(CaseAction a)
{
    static const char* const keys[] = { "report", "self_handle", "register", "void", "dispatch",
        "accept", "feedback", "verify_pass", "verify_fail", "close", "return",
        "request_extension", "approve_extension", "reject_extension", "park", "unpark",
        "escalate", "acknowledge_alert", "attach_photo" };
    return QString::fromLatin1(keys[int(a)]);
}

bool caseActionFromKey(const QString& key, CaseAction* a)
{
    return fromKey<CaseAction, kCaseActionCount>(key, a, caseActionKey);
}

QString caseActionDisplayName(CaseAction a)
{
    switch (a) {
    case CaseAction::Report: return QCoreApplication::translate("CaseAction", "Report");
    case CaseAction::SelfHandle: return QCoreApplication::translate("CaseAction", "Handle on the spot");
    case CaseAction::Register: return QCoreApplication::translate("CaseAction", "Register");
    case CaseAction::Void: return QCoreApplication::translate("CaseAction", "Void");
    case CaseAction::Dispatch: return QCoreApplication::translate("CaseAction", "Dispatch");
    case CaseAction::Accept: return QCoreApplication::translate("CaseAction", "Accept");
    case CaseAction::Feedback: return QCoreApplication::translate("CaseAction", "Feed back");
    case CaseAction::VerifyPass: return QCoreApplication::translate("CaseAction", "Verify: pass");
    case CaseAction::VerifyFail: return QCoreApplication::translate("CaseAction", "Verify: rework");
    case CaseAction::Close: return QCoreApplication::translate("CaseAction", "Close");
    case CaseAction::Return: return QCoreApplication::translate("CaseAction", "Return");
    case CaseAction::RequestExtension: return QCoreApplication::translate("CaseAction", "Request extension");
    case CaseAction::ApproveExtension: return QCoreApplication::translate("CaseAction", "Approve extension");
    case CaseAction::RejectExtension: return QCoreApplication::translate("CaseAction", "Reject extension");
    case CaseAction::Park: return QCoreApplication::translate("CaseAction", "Park");
    case CaseAction::Unpark: return QCoreApplication::translate("CaseAction", "Unpark");
    case CaseAction::Escalate: return QCoreApplication::translate("CaseAction", "Escalate");
    case CaseAction::AcknowledgeAlert: return QCoreApplication::translate("CaseAction", "Acknowledge alert");
    case CaseAction::AttachPhoto: return QCoreApplication::translate("CaseAction", "Attach photo");
    }
    return {};
}

QString disputeLevelKey(DisputeLevel l)
{
    static const char* const keys[] = { "none", "yellow", "orange", "red" };
    return QString::fromLatin1(keys[int(l)]);
}

bool disputeLevelFromKey(const QString& key, DisputeLevel* l)
{
    return fromKey<DisputeLevel, 4>(key, l, disputeLevelKey);
}

QString disputeLevelDisplayName(DisputeLevel l)
{
    switch (l) {
    case DisputeLevel::None: return QCoreApplication::translate("DisputeLevel", "Not a dispute");
    case DisputeLevel::Yellow: return QCoreApplication::translate("DisputeLevel", "Yellow");
    case DisputeLevel::Orange: return QCoreApplication::translate("DisputeLevel", "Orange");
    case DisputeLevel::Red: return QCoreApplication::translate("DisputeLevel", "Red");
    }
    return {};
}

QString handlingLevelKey(HandlingLevel l)
{
    static const char* const keys[] = { "community", "street", "district" };
    return QString::fromLatin1(keys[int(l)]);
}

bool handlingLevelFromKey(const QString& key, HandlingLevel* l)
{
    return fromKey<HandlingLevel, 3>(key, l, handlingLevelKey);
}

QString handlingLevelDisplayName(HandlingLevel l)
{
    switch (l) {
    case HandlingLevel::Community: return QCoreApplication::translate("HandlingLevel", "Community");
    case HandlingLevel::Street: return QCoreApplication::translate("HandlingLevel", "Street");
    case HandlingLevel::District: return QCoreApplication::translate("HandlingLevel", "District");
    }
    return {};
}

QString holderKindKey(HolderKind k)
{
    static const char* const keys[] = { "none", "worker", "department", "level" };
    return QString::fromLatin1(keys[int(k)]);
}

bool holderKindFromKey(const QString& key, HolderKind* k)
{
    return fromKey<HolderKind, 4>(key, k, holderKindKey);
}

QString caseSourceKey(CaseSource s)
{
    static const char* const keys[] = { "field_worker", "hotline", "camera", "resident_app", "operator" };
    return QString::fromLatin1(keys[int(s)]);
}

bool caseSourceFromKey(const QString& key, CaseSource* s)
{
    return fromKey<CaseSource, 5>(key, s, caseSourceKey);
}

bool isOnTheBooks(CaseState s)
{
    return s != CaseState::Closed && s != CaseState::Voided;
}

bool isOpen(CaseState s)
{
    return isOnTheBooks(s) && s != CaseState::Parked;
}

} // namespace gridhall
