#include "models/itemmodels/caseactions.h"

#include "models/store/storeservice.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUuid>

namespace gridhall {

QJsonObject actionFields(const ActionDraft& d)
{
    QJsonObject o;
    if (d.targetKind != HolderKind::None)
        o.insert(QStringLiteral("targetKind"), holderKindKey(d.targetKind));
    if (!d.target.isEmpty())
        o.insert(QStringLiteral("target"), d.target);
    if (!d.note.isEmpty())
        o.insert(QStringLiteral("note"), d.note);
    if (d.minutes > 0)
        o.insert(QStringLiteral("minutes"), d.minutes);
    if (!d.photos.isEmpty()) {
        QJsonArray photos;
        for (const DraftPhoto& p : d.photos)
            photos.append(QJsonObject { { QStringLiteral("mime"), p.mime },
                { QStringLiteral("data"), QString::fromLatin1(p.data.toBase64()) },
                { QStringLiteral("takenAt"), p.takenAt.isValid() ? p.takenAt.toMSecsSinceEpoch() : 0 } });
        o.insert(QStringLiteral("photos"), photos);
    }
    return o;
}

// --- StoreActionSink -------------------------------------------------------------------

StoreActionSink::StoreActionSink(StoreService& store, const QString& clientId, Enqueue enqueue,
    QObject* parent)
    : ActionSink(parent)
    , m_store(store)
    , m_clientId(clientId)
    , m_enqueue(std::move(enqueue))
{
    if (!m_enqueue)
        m_enqueue = [](Store& s, const OutboxEntry& e) { return s.enqueue(e); };
}

void StoreActionSink::setEnqueue(Enqueue enqueue)
{
    m_enqueue = enqueue ? std::move(enqueue) : [](Store& s, const OutboxEntry& e) { return s.enqueue(e); };
}

void StoreActionSink::submit(const QList<ActionDraft>& drafts, Submitted done)
{
    QList<OutboxEntry> entries;
    for (const ActionDraft& d : drafts) {
        OutboxEntry e;
        e.idempotencyKey = m_clientId + QLatin1Char('-') + QUuid::createUuid().toString(QUuid::Id128);
        e.caseId = d.caseId;
        e.seenVersion = d.seenVersion;
        e.action = caseActionKey(d.action);
        e.payload = QJsonDocument(actionFields(d)).toJson(QJsonDocument::Compact);
        entries.append(e);
    }
    QPointer<StoreActionSink> self(this);
    Enqueue enqueue = m_enqueue;
    m_store.post([self, entries, enqueue, done](Store& store) {
        QList<qint64> seqs;
        QString error;
        for (const OutboxEntry& e : entries) {
            const std::optional<qint64> seq = enqueue(store, e);
            if (!seq) {
                error = store.lastError();
                break;
            }
            seqs.append(*seq);
        }
        if (self)
            QMetaObject::invokeMethod(self.data(), [done, seqs, error] { done(seqs, error); },
                Qt::QueuedConnection);
    });
}

void StoreActionSink::withdraw(const QList<qint64>& clientSeqs, Withdrawn done)
{
    QPointer<StoreActionSink> self(this);
    m_store.post([self, clientSeqs, done](Store& store) {
        QString reason;
        const bool ok = store.withdrawQueued(clientSeqs, &reason);
        if (reason == QLatin1String("sent"))
            reason = QCoreApplication::translate("ActionSink", "it has already been sent to the server");
        else if (reason == QLatin1String("not_newest"))
            reason = QCoreApplication::translate("ActionSink", "later actions were queued after it");
        else if (reason == QLatin1String("unknown"))
            reason = QCoreApplication::translate("ActionSink", "it is no longer in the outbox");
        if (self)
            QMetaObject::invokeMethod(self.data(), [done, ok, reason] { done(ok, reason); },
                Qt::QueuedConnection);
    });
}

void StoreActionSink::deliverAnswer(qint64 clientSeq, int status, const QString& result)
{
    emit answered(clientSeq, status, result);
}

// --- ActionTracker ---------------------------------------------------------------------

ActionTracker::ActionTracker(QObject* parent)
    : QObject(parent)
{
}

void ActionTracker::track(const TrackedAction& action)
{
    const auto old = m_byCase.constFind(action.caseId);
    if (old != m_byCase.constEnd() && old->clientSeq)
        m_caseBySeq.remove(old->clientSeq);
    m_byCase.insert(action.caseId, action);
    if (action.clientSeq)
        m_caseBySeq.insert(action.clientSeq, action.caseId);
    emit caseChanged(action.caseId);
}

void ActionTracker::setSequence(qint64 caseId, qint64 clientSeq)
{
    auto it = m_byCase.find(caseId);
    if (it == m_byCase.end())
        return;
    if (it->clientSeq)
        m_caseBySeq.remove(it->clientSeq);
    it->clientSeq = clientSeq;
    if (clientSeq)
        m_caseBySeq.insert(clientSeq, caseId);
}

void ActionTracker::setStatus(qint64 caseId, ActionStatus status, const QString& detail)
{
    auto it = m_byCase.find(caseId);
    if (it == m_byCase.end())
        return;
    it->status = status;
    it->detail = detail;
    emit caseChanged(caseId);
}

void ActionTracker::forget(qint64 caseId)
{
    const auto it = m_byCase.find(caseId);
    if (it == m_byCase.end())
        return;
    if (it->clientSeq)
        m_caseBySeq.remove(it->clientSeq);
    m_byCase.erase(it);
    emit caseChanged(caseId);
}

void ActionTracker::applyAnswer(qint64 clientSeq, int status, const QString& result)
{
    const auto seq = m_caseBySeq.constFind(clientSeq);
    if (seq == m_caseBySeq.constEnd())
        return; // not an action taken in this session
    const QJsonObject o = QJsonDocument::fromJson(result.toUtf8()).object();
    switch (OutboxEntry::Status(status)) {
    case OutboxEntry::Status::Applied:
        setStatus(*seq, ActionStatus::Applied);
        break;
    case OutboxEntry::Status::Conflict: {
        const QString by = o.value(QLatin1String("by")).toString();
        CaseAction byAction;
        const QString what = caseActionFromKey(o.value(QLatin1String("byAction")).toString(), &byAction)
            ? caseActionDisplayName(byAction)
            : o.value(QLatin1String("byAction")).toString();
        setStatus(*seq, ActionStatus::Conflict,
            by.isEmpty() ? o.value(QLatin1String("message")).toString()
                         : QCoreApplication::translate("ActionTracker", "taken by %1 (%2)").arg(by, what));
        break;
    }
    case OutboxEntry::Status::Refused:
        setStatus(*seq, ActionStatus::Refused, o.value(QLatin1String("message")).toString());
        break;
    case OutboxEntry::Status::Queued:
    case OutboxEntry::Status::Sent:
        break;
    }
}

std::optional<TrackedAction> ActionTracker::forCase(qint64 caseId) const
{
    const auto it = m_byCase.constFind(caseId);
    if (it == m_byCase.constEnd())
        return std::nullopt;
    return *it;
}

std::optional<ActionStatus> ActionTracker::statusOfSequence(qint64 clientSeq) const
{
    const auto seq = m_caseBySeq.constFind(clientSeq);
    if (seq == m_caseBySeq.constEnd())
        return std::nullopt;
    return m_byCase.value(*seq).status;
}

QString ActionTracker::describe(const TrackedAction& a)
{
    return caseActionDisplayName(a.action) + QStringLiteral(" · ") + describeStatus(a);
}

QString ActionTracker::describeStatus(const TrackedAction& a)
{
    QString text;
    switch (a.status) {
    case ActionStatus::Submitting: text = QCoreApplication::translate("ActionTracker", "Saving…"); break;
    case ActionStatus::Queued: text = QCoreApplication::translate("ActionTracker", "Queued"); break;
    case ActionStatus::Withdrawing: text = QCoreApplication::translate("ActionTracker", "Undoing…"); break;
    case ActionStatus::Applied: text = QCoreApplication::translate("ActionTracker", "Applied"); break;
    case ActionStatus::Conflict: text = QCoreApplication::translate("ActionTracker", "Conflict"); break;
    case ActionStatus::Refused: text = QCoreApplication::translate("ActionTracker", "Refused"); break;
    case ActionStatus::Withdrawn: text = QCoreApplication::translate("ActionTracker", "Undone"); break;
    case ActionStatus::Failed: text = QCoreApplication::translate("ActionTracker", "Not saved"); break;
    }
    if (!a.detail.isEmpty())
        text += QLatin1String(": ") + a.detail;
    return text;
}

} // namespace gridhall
