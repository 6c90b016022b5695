#pragma once
// Operator actions on their way to the server, as the GUI sees them.
//
// ActionSink is the one door an action goes through: it commits the action to the outbox
// (before anything calls it queued) and can withdraw actions the server has never seen.
// StoreActionSink is the implementation over StoreService; the app gives it an enqueue
// function that calls SyncClient::queueAction on the store thread, and forwards
// SyncClient::actionAnswered to deliverAnswer(). The GUI thread never waits on SQLite:
// every answer comes back through a callback on the sink's thread.
//
// ActionTracker keeps, per case, the state of the latest action taken on it here
// (queued → applied, conflict with who took it, refused, withdrawn) for the views.

#include "models/domain/casetypes.h"
#include "models/store/store.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <functional>
#include <optional>

namespace gridhall {

class StoreService;

// A photo that travels with an action (feedback, attach_photo; PROTOCOL.md § Photos).
struct DraftPhoto {
    QString mime; // image/jpeg or image/png
    QByteArray data; // the file's bytes
    QDateTime takenAt;
};

// One action on one case, as the operator asked for it.
struct ActionDraft {
    qint64 caseId = 0;
    qint64 seenVersion = 0;
    CaseAction action = CaseAction::Register;
    HolderKind targetKind = HolderKind::None;
    QString target;
    QString note;
    int minutes = 0;
    QList<DraftPhoto> photos;
};
// The action's fields as PROTOCOL.md § action names them (targetKind, target, note, minutes, photos).
QJsonObject actionFields(const ActionDraft& draft);

class ActionSink : public QObject {
    Q_OBJECT
public:
    using Submitted = std::function<void(const QList<qint64>& clientSeqs, const QString& error)>;
    using Withdrawn = std::function<void(bool ok, const QString& reason)>;
    using QObject::QObject;

    // Commits every draft to the outbox in order; done gets one sequence number per draft,
    // or an error (then none of them is queued past the failing one).
    virtual void submit(const QList<ActionDraft>& drafts, Submitted done) = 0;
    // Withdraws actions the server has never seen (all or nothing).
    virtual void withdraw(const QList<qint64>& clientSeqs, Withdrawn done) = 0;

signals:
    // The server's answer: status is int(OutboxEntry::Status), result its JSON.
    void answered(qint64 clientSeq, int status, const QString& result);
};

class StoreActionSink : public ActionSink {
    Q_OBJECT
public:
    // Runs on the store thread; returns the entry's sequence number.
    using Enqueue = std::function<std::optional<qint64>(Store& store, const OutboxEntry& entry)>;

    // Without an enqueue function the entry goes into the outbox directly (Store::enqueue)
    // and is sent whenever the sync client next replays the outbox.
    StoreActionSink(StoreService& store, const QString& clientId, Enqueue enqueue = {},
        QObject* parent = nullptr);

    // Once a sync client runs, its queueAction takes over (so entries are sent at once).
    void setEnqueue(Enqueue enqueue);
    void submit(const QList<ActionDraft>& drafts, Submitted done) override;
    void withdraw(const QList<qint64>& clientSeqs, Withdrawn done) override;
    // Connect SyncClient::actionAnswered (through the app's sync wrapper) here.
    void deliverAnswer(qint64 clientSeq, int status, const QString& result);

private:
    StoreService& m_store;
    QString m_clientId;
    Enqueue m_enqueue;
};

enum class ActionStatus { Submitting, Queued, Withdrawing, Applied, Conflict, Refused, Withdrawn, Failed };

struct TrackedAction {
    qint64 caseId = 0;
    qint64 clientSeq = 0; // 0 until the outbox gave one
    CaseAction action = CaseAction::Register;
    QString targetName;
    ActionStatus status = ActionStatus::Submitting;
    QString detail; // conflict: who took it; refused/failed: why (translated or server text)
};

class ActionTracker : public QObject {
    Q_OBJECT
public:
    explicit ActionTracker(QObject* parent = nullptr);

    void track(const TrackedAction& action);
    void setSequence(qint64 caseId, qint64 clientSeq);
    void setStatus(qint64 caseId, ActionStatus status, const QString& detail = {});
    void forget(qint64 caseId);
    // Reads an answer; cases whose action this was are updated.
    void applyAnswer(qint64 clientSeq, int status, const QString& result);

    std::optional<TrackedAction> forCase(qint64 caseId) const;
    std::optional<ActionStatus> statusOfSequence(qint64 clientSeq) const;
    // One line for a row: "Queued", "Applied", "Conflict: taken by op2 (dispatch)".
    static QString describe(const TrackedAction& action);
    // The status alone, for a badge: "Queued", "Conflict: taken by op2 (dispatch)".
    static QString describeStatus(const TrackedAction& action);

signals:
    void caseChanged(qint64 caseId);

private:
    QHash<qint64, TrackedAction> m_byCase;
    QHash<qint64, qint64> m_caseBySeq;
};

} // namespace gridhall
