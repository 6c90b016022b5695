#include "models/store/storeservice.h"

#include <QLoggingCategory>
#include <QMutexLocker>
#include <QThread>

#include <sqlite3.h>
#ifdef Q_OS_LINUX
#include <sys/resource.h>
#endif

Q_LOGGING_CATEGORY(lcStoreService, "gridhall.store")

namespace gridhall {

StoreService::StoreService(QObject* parent)
    : QObject(parent)
    , m_thread(std::make_unique<QThread>())
    , m_storeContext(std::make_unique<QObject>())
{
    qRegisterMetaType<StoreStatus>();
    qRegisterMetaType<StoreCounts>();
    qRegisterMetaType<AreaSnapshot>();
    qRegisterMetaType<QList<qint64>>();
    m_thread->setObjectName(QStringLiteral("gridhall-store"));
    m_storeContext->moveToThread(m_thread.get());
    m_thread->start();
}

StoreService::~StoreService()
{
    cancelReads();
    m_cancelCheck = true;
    if (m_checkThread)
        m_checkThread->wait();
    // The close is queued behind every job already posted, so they all finish first; the
    // thread then leaves its event loop by itself, and nothing is cut off half-way.
    QMetaObject::invokeMethod(
        m_storeContext.get(),
        [this] {
            m_store.reset();
            QThread::currentThread()->quit();
        },
        Qt::QueuedConnection);
    m_thread->wait();
    m_storeContext.reset();
}

void StoreService::onStoreThread(std::function<void()> job)
{
    QMetaObject::invokeMethod(m_storeContext.get(), std::move(job), Qt::QueuedConnection);
}

void StoreService::onOwnerThread(std::function<void()> job)
{
    // Queued to the service itself: if the service is gone by then, Qt drops the call.
    QMetaObject::invokeMethod(this, std::move(job), Qt::QueuedConnection);
}

void StoreService::reportFailure(const QString& message)
{
    qCWarning(lcStoreService).noquote() << message;
    onOwnerThread([this, message] { emit failed(message); });
}

void StoreService::start(const QString& path)
{
    onStoreThread([this, path] {
        m_store.reset();
        StoreStatus status;
        m_store = Store::open(path, &status, Store::Check::Later);
        if (!status.ok())
            qCWarning(lcStoreService).noquote() << status.message;
        onOwnerThread([this, status] { emit opened(status); });
        if (status.ok())
            onOwnerThread([this, path] { checkInBackground(path); });
    });
}

void StoreService::checkInBackground(const QString& path)
{
    // A thread of its own: the store thread goes on reading for the window, and the render
    // pool keeps both cores for the map. SQLite's WAL lets its read run beside the writes.
    if (m_checkThread) {
        m_cancelCheck = true;
        m_checkThread->wait();
    }
    m_cancelCheck = false;
    m_checkThread.reset(QThread::create([this, path] {
#ifdef Q_OS_LINUX
        // Behind every other thread of the program: QThread::LowPriority does nothing under
        // Linux's normal policy, and at start this check competes with the GUI thread for
        // two cores (issue 15). Linux keeps a nice value per thread; 0 is this one.
        setpriority(PRIO_PROCESS, 0, 10);
#endif
        const StoreStatus status = Store::checkFile(path, &m_cancelCheck);
        if (status.ok() || m_cancelCheck)
            return;
        qCWarning(lcStoreService).noquote() << status.message;
        onOwnerThread([this, status] { emit damaged(status); });
    }));
    m_checkThread->setObjectName(QStringLiteral("gridhall-store-check"));
    m_checkThread->start();
}

void StoreService::requestHierarchy()
{
    post([this](Store& store) {
        AreaSnapshot snapshot;
        snapshot.districts = store.districts();
        snapshot.streets = store.streets();
        snapshot.communities = store.communities();
        snapshot.grids = store.grids();
        snapshot.workers = store.workers();
        snapshot.departments = store.departments();
        snapshot.counts = store.counts();
        onOwnerThread([this, snapshot = std::move(snapshot)] { emit hierarchyLoaded(snapshot); });
    });
}

void StoreService::requestCounts()
{
    post([this](Store& store) {
        const StoreCounts counts = store.counts();
        onOwnerThread([this, counts] { emit countsLoaded(counts); });
    });
}

void StoreService::post(std::function<void(Store&)> job)
{
    onStoreThread([this, job = std::move(job)] {
        if (!m_store) {
            reportFailure(tr("The local data file is not open."));
            return;
        }
        job(*m_store);
    });
}

void StoreService::read(std::function<void(Store&)> job)
{
    post([this, job = std::move(job)](Store& store) {
        {
            QMutexLocker lock(&m_readMutex);
            if (m_readsCancelled)
                return;
            m_readingOn = store.handle();
        }
        job(store);
        QMutexLocker lock(&m_readMutex);
        m_readingOn = nullptr;
    });
}

void StoreService::cancelReads()
{
    QMutexLocker lock(&m_readMutex);
    m_readsCancelled = true;
    // Safe from any thread while the connection is open: it stays open until the read
    // has ended, which it cannot while this lock is held.
    if (m_readingOn)
        sqlite3_interrupt(m_readingOn);
}

void StoreService::write(WriteJob job)
{
    writeThen(std::move(job), {});
}

void StoreService::writeThen(WriteJob job, std::function<void()> committed)
{
    post([this, job = std::move(job), committed = std::move(committed)](Store& store) {
        if (!store.begin()) {
            reportFailure(tr("Cannot write to the local data file: %1").arg(store.lastError()));
            return;
        }
        QList<qint64> changedIds;
        const QString errorBefore = store.lastError();
        if (!job(store, &changedIds)) {
            const QString error = store.lastError();
            store.rollback();
            reportFailure(error != errorBefore
                    ? tr("A change to the local data file failed and was undone: %1").arg(error)
                    : tr("A change to the local data file was cancelled and undone."));
            return;
        }
        if (!store.commit()) {
            reportFailure(tr("Cannot write to the local data file: %1").arg(store.lastError()));
            return;
        }
        if (committed)
            committed();
        if (!changedIds.isEmpty())
            onOwnerThread([this, changedIds] { emit changed(changedIds); });
    });
}

void StoreService::putCases(const QList<Case>& cases)
{
    auto delta = std::make_shared<ReplicaChanges>();
    writeThen(
        [cases, delta](Store& store, QList<qint64>* changedIds) {
            for (const Case& c : cases) {
                std::optional<Case> before = store.caseById(c.id);
                bool written = false;
                if (!store.putCase(c, &written))
                    return false;
                if (written) {
                    changedIds->append(c.id);
                    delta->cases.append({ std::move(before), c });
                }
            }
            return true;
        },
        [this, delta] { m_notifier.publish(std::move(*delta)); });
}

} // namespace gridhall
