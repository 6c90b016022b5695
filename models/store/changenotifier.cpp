#include "models/store/changenotifier.h"

#include <QLoggingCategory>
#include <QMutexLocker>
#include <QSet>

Q_LOGGING_CATEGORY(lcChanges, "gridhall.store.changes", QtInfoMsg)

namespace gridhall {

QList<qint64> ReplicaChanges::caseIds() const
{
    QList<qint64> ids;
    QSet<qint64> seen;
    auto add = [&](qint64 id) {
        if (!seen.contains(id)) {
            seen.insert(id);
            ids.append(id);
        }
    };
    for (const CaseChange& c : cases)
        add(c.after.id);
    for (const CaseEvent& e : events)
        add(e.caseId);
    for (const CasePhoto& p : photos)
        add(p.caseId);
    return ids;
}

QList<Case> ReplicaChanges::casesAfter() const
{
    QList<Case> out;
    out.reserve(cases.size());
    for (const CaseChange& c : cases)
        out.append(c.after);
    return out;
}

ChangeNotifier::ChangeNotifier(QObject* parent)
    : QObject(parent)
{
    qRegisterMetaType<WorkerFix>();
    qRegisterMetaType<QList<WorkerFix>>();
    qRegisterMetaType<ReplicaChanges>();
}

void ChangeNotifier::publish(ReplicaChanges changes)
{
    if (!changes.snapshot && changes.cases.isEmpty() && changes.events.isEmpty() && changes.photos.isEmpty())
        return;
    QMutexLocker lock(&m_publishing);
    changes.serial = m_lastPublished.load() + 1;
    m_lastPublished.store(changes.serial);
    // Queued even on the notifier's own thread: a view never hears of a change inside the
    // call that made it, and every delta keeps its place in the line.
    QMetaObject::invokeMethod(this, [this, changes = std::move(changes)] { deliver(changes); }, Qt::QueuedConnection);
}

void ChangeNotifier::publishPositions(const QList<WorkerFix>& fixes)
{
    if (fixes.isEmpty())
        return;
    QMutexLocker lock(&m_positionsLock);
    const bool deliveryQueued = !m_positionsWaiting.isEmpty();
    m_positionsWaiting.append(fixes);
    if (!deliveryQueued)
        QMetaObject::invokeMethod(this, &ChangeNotifier::deliverPositions, Qt::QueuedConnection);
}

void ChangeNotifier::deliverPositions()
{
    QList<WorkerFix> fixes;
    {
        QMutexLocker lock(&m_positionsLock);
        fixes.swap(m_positionsWaiting);
    }
    if (!fixes.isEmpty())
        emit positionsMoved(fixes);
}

void ChangeNotifier::deliver(const ReplicaChanges& changes)
{
    if (changes.serial != m_lastDelivered + 1)
        qCWarning(lcChanges) << "delta" << changes.serial << "delivered after" << m_lastDelivered;
    m_lastDelivered = changes.serial;
    if (changes.snapshot) {
        qCDebug(lcChanges) << "snapshot swapped, serial" << changes.serial;
        emit snapshotSwapped(changes.serial);
        return;
    }
    qCDebug(lcChanges) << "delta" << changes.serial << ":" << changes.cases.size() << "cases," << changes.events.size()
                       << "events," << changes.photos.size() << "photos";
    emit casesChanged(changes);
}

} // namespace gridhall
