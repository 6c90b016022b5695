#pragma once
// The replica's one change notifier (ARCHITECTURE.md § One change path in the client; in
// the spirit of Subsurface's DiveListNotifier). Whoever changes the replica publishes what
// changed here right after its commit, on the store thread: the sync client for every
// change batch, snapshot swap and batch of live positions, StoreService::putCases for local
// writes. Every view hears it on the notifier's own thread (the GUI's), in commit order,
// and updates from the delta; only a snapshot swap asks views to read the replica again.
//
// Each publication of rows gets a serial number, counted up as it is published. A view that
// reads the replica takes lastPublished() in the same store-thread job: deltas with that
// serial or lower are already in what it read, later ones are not. Deliveries and the
// answers of store-thread jobs queue to the GUI thread in one line, so a delta published
// before a read arrives before that read's answer.

#include "models/domain/casetypes.h"
#include "models/domain/geo.h"

#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QMutex>
#include <QObject>
#include <atomic>
#include <optional>

namespace gridhall {

// A live position of a field worker (latest per worker wins; never stored as a case row).
struct WorkerFix {
    QString worker;
    LonLat position;
    QDateTime at;
    double accuracy = 0;
    bool stale = false; // filled by SyncClient::livePositions()
};

struct CaseChange {
    std::optional<Case> before; // the row as the replica had it; absent for a case new to it
    Case after; // the row as the replica has it now
};

struct ReplicaChanges {
    quint64 serial = 0; // given by ChangeNotifier::publish
    // The replica was replaced whole (a snapshot swap): read it again. The lists are empty.
    bool snapshot = false;
    QList<CaseChange> cases; // rows whose newer version was written
    QList<CaseEvent> events; // timeline entries appended
    QList<CasePhoto> photos; // photos new to the replica (thumbnails and metadata)
    // The cases the delta touches (rows, events or photos), each once, in order.
    QList<qint64> caseIds() const;
    // The rows as they are now.
    QList<Case> casesAfter() const;
};

class ChangeNotifier : public QObject {
    Q_OBJECT
public:
    explicit ChangeNotifier(QObject* parent = nullptr);

    // Any thread, usually the store thread right after the commit. Numbers the delta and
    // delivers it on the notifier's thread; an empty delta (no rows, events, photos and no
    // snapshot) is not published.
    void publish(ReplicaChanges changes);
    // Live positions: delivered on the notifier's thread, without a serial (they are not
    // replica rows). Batches published while one delivery waits join it: a busy receiver
    // gets one list of every fix since its last (in order; each still extends a trail, the
    // newest per worker is its position) instead of a queue of small ones, and a change
    // batch published meanwhile is not queued behind them.
    void publishPositions(const QList<WorkerFix>& fixes);
    // Serial of the last delta published (any thread).
    quint64 lastPublished() const { return m_lastPublished.load(); }
    // Serial of the last delta delivered (the notifier's thread).
    quint64 lastDelivered() const { return m_lastDelivered; }

signals:
    // A change batch (or a local write) applied: cases, events, photos.
    void casesChanged(const gridhall::ReplicaChanges& changes);
    // A snapshot replaced the replica: views read it again.
    void snapshotSwapped(quint64 serial);
    void positionsMoved(const QList<gridhall::WorkerFix>& fixes);

private:
    void deliver(const ReplicaChanges& changes);
    void deliverPositions();

    QMutex m_publishing; // numbering and queueing happen as one step
    std::atomic<quint64> m_lastPublished { 0 };
    quint64 m_lastDelivered = 0;
    QMutex m_positionsLock;
    QList<WorkerFix> m_positionsWaiting; // published, not yet delivered
};

} // namespace gridhall

Q_DECLARE_METATYPE(gridhall::WorkerFix)
Q_DECLARE_METATYPE(gridhall::ReplicaChanges)
