#pragma once
// StoreService: the GUI's handle on the local store. It owns the store thread and the one
// Store that lives on it. Every request is queued to that thread; every answer comes back
// as a signal emitted on the service's own thread, so the GUI never waits on SQLite.
// Writes made through the service are announced by changed(ids), never with rows; the
// replica's changes themselves (sync batches, snapshot swaps, putCases) go through the one
// ChangeNotifier the service owns, with rows, and views update from those deltas.

#include "models/store/changenotifier.h"
#include "models/store/store.h"

#include <QList>
#include <QMetaType>
#include <QMutex>
#include <QObject>
#include <functional>
#include <memory>

class QThread;

namespace gridhall {

// Everything the area tree, worker lists and dispatch targets need at start.
struct AreaSnapshot {
    QList<District> districts;
    QList<Street> streets;
    QList<Community> communities;
    QList<GridCell> grids;
    QList<Worker> workers;
    QList<Department> departments;
    StoreCounts counts;
};

class StoreService : public QObject {
    Q_OBJECT
public:
    // Runs on the store thread inside one transaction. Returning false rolls it back;
    // the case ids put in *changedCaseIds are announced by changed() after the commit.
    using WriteJob = std::function<bool(Store& store, QList<qint64>* changedCaseIds)>;

    explicit StoreService(QObject* parent = nullptr);
    ~StoreService() override; // closes the store on its thread, then stops the thread

    // Opens (or creates and migrates) the file on the store thread → opened(). Its check for
    // damage (quick_check, ~2 s on a million cases) then runs on a thread of its own while
    // the store thread serves reads → damaged() if it finds any.
    // Starting again closes the previous file first.
    void start(const QString& path);
    void requestHierarchy(); // → hierarchyLoaded()
    void requestCounts(); // → countsLoaded()
    // A one-off job on the store thread; skipped with failed() when no store is open.
    void post(std::function<void(Store&)> job);
    // A read that may be given up: skipped once cancelReads() was called, and cut short
    // (its statements fail with SQLITE_INTERRUPT) if it is running then. For the big reads
    // of every case or every open case, which a quit must not wait for.
    void read(std::function<void(Store&)> job);
    // Any thread. Interrupts the read running on the store thread and skips every read
    // queued or posted later; writes go on. The destructor calls it: a quit right after a
    // start does not wait for the desk's read of a million cases.
    void cancelReads();
    void write(WriteJob job); // → changed() on success, failed() otherwise
    // Puts the cases whose versions are newer than the stored ones; announces those by
    // changed() and, with their rows before and after, through notifier().
    void putCases(const QList<Case>& cases);

    // The replica's change notifier: lives on the service's thread; publishers (the sync
    // client, putCases) call it from the store thread.
    ChangeNotifier& notifier() { return m_notifier; }

    QThread* storeThread() const { return m_thread.get(); }

signals:
    void opened(const gridhall::StoreStatus& status);
    // The file opened has damaged pages (StoreError::Damaged): what it shows may be wrong.
    void damaged(const gridhall::StoreStatus& status);
    void hierarchyLoaded(const gridhall::AreaSnapshot& snapshot);
    void countsLoaded(const gridhall::StoreCounts& counts);
    void changed(const QList<qint64>& caseIds);
    void failed(const QString& message);

private:
    void onStoreThread(std::function<void()> job);
    void onOwnerThread(std::function<void()> job);
    void reportFailure(const QString& message);
    void checkInBackground(const QString& path);
    // write() with a step run on the store thread after the commit succeeded.
    void writeThen(WriteJob job, std::function<void()> committed);

    ChangeNotifier m_notifier;
    std::unique_ptr<QThread> m_thread;
    std::unique_ptr<QObject> m_storeContext; // lives on m_thread; queued jobs run in its name
    std::unique_ptr<Store> m_store; // created, used and destroyed on m_thread only
    std::unique_ptr<QThread> m_checkThread; // the file's damage check after start()
    std::atomic_bool m_cancelCheck = false; // set on shutdown and on a new start()
    std::atomic_bool m_readsCancelled = false;
    // Held while a read() job starts or ends and while cancelReads() interrupts, so the
    // interrupt reaches that read and never a write after it.
    QMutex m_readMutex;
    sqlite3* m_readingOn = nullptr; // the connection a read() job is running on
};

} // namespace gridhall

Q_DECLARE_METATYPE(gridhall::StoreStatus)
Q_DECLARE_METATYPE(gridhall::StoreCounts)
Q_DECLARE_METATYPE(gridhall::AreaSnapshot)
