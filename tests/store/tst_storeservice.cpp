// StoreService: the store lives on its own thread, answers arrive on the caller's thread,
// writes are announced by case id, and shutting down finishes what was posted.

#include "models/store/storeservice.h"
#include "tests/store/storetestdata.h"

#include <QFile>
#include <sqlite3.h>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <atomic>

using namespace gridhall;
using namespace storetest;

class TestStoreService : public QObject {
    Q_OBJECT
private slots:
    void init();
    void opensOnItsThreadAndAnswersOnOurs();
    void postRunsOnTheStoreThread();
    void hierarchyAndCounts();
    void writesAnnounceChangedCases();
    void failedWriteRollsBackAndSaysSo();
    void unopenableFileIsReported();
    void damageIsFoundBesideTheFirstReads();
    void shutdownFinishesPostedWork();
    void cancelledReadsStopAndWritesGoOn();
    void positionsPublishedMeanwhileArriveTogether();

private:
    bool startOk(StoreService& service, const QString& path);
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestStoreService::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

bool TestStoreService::startOk(StoreService& service, const QString& path)
{
    QSignalSpy opened(&service, &StoreService::opened);
    service.start(path);
    if (!opened.wait(10000))
        return false;
    return opened.at(0).at(0).value<StoreStatus>().ok();
}

void TestStoreService::opensOnItsThreadAndAnswersOnOurs()
{
    StoreService service;
    QVERIFY(service.storeThread());
    QVERIFY(service.storeThread() != QThread::currentThread());
    QVERIFY(service.storeThread()->isRunning());

    QThread* deliveredOn = nullptr;
    StoreStatus status;
    status.error = StoreError::Sql;
    connect(&service, &StoreService::opened, this, [&](const StoreStatus& s) {
        deliveredOn = QThread::currentThread();
        status = s;
    });
    // A queued connection makes the metatype do real work across threads.
    QObject receiverOnMain;
    int queuedDeliveries = 0;
    connect(
        &service, &StoreService::opened, &receiverOnMain, [&](const StoreStatus&) { ++queuedDeliveries; },
        Qt::QueuedConnection);

    service.start(m_dir->filePath(QStringLiteral("service.sqlite")));
    QTRY_VERIFY(deliveredOn != nullptr);
    QCOMPARE(deliveredOn, QThread::currentThread());
    QVERIFY2(status.ok(), qPrintable(status.message));
    QTRY_COMPARE(queuedDeliveries, 1);
    QVERIFY(QFile::exists(m_dir->filePath(QStringLiteral("service.sqlite"))));
}

void TestStoreService::postRunsOnTheStoreThread()
{
    StoreService service;
    QVERIFY(startOk(service, m_dir->filePath(QStringLiteral("post.sqlite"))));
    std::atomic<QThread*> ranOn { nullptr };
    std::atomic<int> schema { 0 };
    service.post([&](Store& store) {
        schema = store.schemaVersion();
        ranOn = QThread::currentThread(); // last: the test thread waits for this one
    });
    QTRY_VERIFY(ranOn.load() != nullptr);
    QCOMPARE(ranOn.load(), service.storeThread());
    QVERIFY(ranOn.load() != QThread::currentThread());
    QCOMPARE(schema.load(), Store::kSchemaVersion);
}

void TestStoreService::hierarchyAndCounts()
{
    StoreService service;
    QVERIFY(startOk(service, m_dir->filePath(QStringLiteral("hierarchy.sqlite"))));
    QSignalSpy failed(&service, &StoreService::failed);
    service.write([](Store& store, QList<qint64>* changed) {
        bool ok = store.putDistrict({ QStringLiteral("440106"), QStringLiteral("天河区"), square(113.3, 23.1, 0.1) })
            && store.putStreet({ QStringLiteral("440106001"), QStringLiteral("五山街道"), QStringLiteral("440106"), {} })
            && store.putCommunity(
                { QStringLiteral("440106001002"), QStringLiteral("华工社区"), QStringLiteral("440106001"), {} })
            && store.putGrid({ QStringLiteral("440106001002015"), QStringLiteral("第15网格"),
                QStringLiteral("440106001002"), QStringLiteral("440106001"), awkwardShape(113.31, 23.11), { 113.31, 23.11 } })
            && store.putDepartment({ QStringLiteral("CG"), QStringLiteral("城管"), QStringLiteral("Urban management") });
        Worker w;
        w.id = 1;
        w.code = QStringLiteral("GW-0015");
        w.name = QStringLiteral("李晓明");
        ok = ok && store.putWorker(w);
        for (qint64 id = 1; ok && id <= 5; ++id) {
            ok = store.putCase(makeCase(id, id <= 2 ? CaseState::Closed : CaseState::Dispatched));
            changed->append(id);
        }
        return ok;
    });

    QSignalSpy hierarchy(&service, &StoreService::hierarchyLoaded);
    service.requestHierarchy();
    QVERIFY(hierarchy.wait(10000));
    const auto snapshot = hierarchy.at(0).at(0).value<AreaSnapshot>();
    QCOMPARE(snapshot.districts.size(), 1);
    QCOMPARE(snapshot.districts[0].boundary, square(113.3, 23.1, 0.1));
    QCOMPARE(snapshot.streets.size(), 1);
    QCOMPARE(snapshot.communities.size(), 1);
    QCOMPARE(snapshot.grids.size(), 1);
    QCOMPARE(snapshot.grids[0].boundary, awkwardShape(113.31, 23.11));
    QCOMPARE(snapshot.workers.size(), 1);
    QCOMPARE(snapshot.workers[0].name, QStringLiteral("李晓明"));
    QCOMPARE(snapshot.departments.size(), 1);
    QCOMPARE(snapshot.counts.cases, 5);

    QSignalSpy counts(&service, &StoreService::countsLoaded);
    service.requestCounts();
    QVERIFY(counts.wait(10000));
    const auto c = counts.at(0).at(0).value<StoreCounts>();
    QCOMPARE(c.grids, 1);
    QCOMPARE(c.casesByState.value(CaseState::Closed), 2);
    QCOMPARE(c.casesByState.value(CaseState::Dispatched), 3);
    QCOMPARE(failed.count(), 0);
}

void TestStoreService::writesAnnounceChangedCases()
{
    StoreService service;
    QVERIFY(startOk(service, m_dir->filePath(QStringLiteral("changes.sqlite"))));
    QSignalSpy changed(&service, &StoreService::changed);

    service.putCases({ makeCase(1, CaseState::Reported, 1), makeCase(2, CaseState::Reported, 1) });
    QVERIFY(changed.wait(10000));
    QCOMPARE(changed.at(0).at(0).value<QList<qint64>>(), (QList<qint64> { 1, 2 }));

    // Only the newer version changes anything, so only case 2 is announced.
    service.putCases({ makeCase(1, CaseState::Registered, 1), makeCase(2, CaseState::Registered, 2) });
    QVERIFY(changed.wait(10000));
    QCOMPARE(changed.at(1).at(0).value<QList<qint64>>(), (QList<qint64> { 2 }));

    // Nothing newer at all: no notice. Counts come back after it, proving it ran.
    QSignalSpy counts(&service, &StoreService::countsLoaded);
    service.putCases({ makeCase(1, CaseState::Closed, 1) });
    service.requestCounts();
    QVERIFY(counts.wait(10000));
    QCOMPARE(changed.count(), 2);
    QCOMPARE(counts.at(0).at(0).value<StoreCounts>().casesByState.value(CaseState::Registered), 1);
}

void TestStoreService::failedWriteRollsBackAndSaysSo()
{
    StoreService service;
    QVERIFY(startOk(service, m_dir->filePath(QStringLiteral("failed.sqlite"))));
    QSignalSpy changed(&service, &StoreService::changed);
    QSignalSpy failed(&service, &StoreService::failed);
    service.write([](Store& store, QList<qint64>* ids) {
        store.putCase(makeCase(10));
        ids->append(10);
        return false; // e.g. a sync batch that did not verify
    });
    QVERIFY(failed.wait(10000));
    QVERIFY(!failed.at(0).at(0).toString().isEmpty());
    QSignalSpy counts(&service, &StoreService::countsLoaded);
    service.requestCounts();
    QVERIFY(counts.wait(10000));
    QCOMPARE(counts.at(0).at(0).value<StoreCounts>().cases, 0);
    QCOMPARE(changed.count(), 0);
}

void TestStoreService::unopenableFileIsReported()
{
    const QString path = m_dir->filePath(QStringLiteral("notes.txt"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray("Meeting notes, definitely not a database.\n").repeated(100));
    f.close();

    StoreService service;
    QSignalSpy opened(&service, &StoreService::opened);
    QSignalSpy failed(&service, &StoreService::failed);
    service.start(path);
    QVERIFY(opened.wait(10000));
    const auto status = opened.at(0).at(0).value<StoreStatus>();
    QCOMPARE(status.error, StoreError::CannotOpen);
    QVERIFY(status.message.contains(path));

    bool ran = false;
    service.post([&](Store&) { ran = true; });
    QVERIFY(failed.wait(10000));
    QVERIFY(!ran);
}

void TestStoreService::damageIsFoundBesideTheFirstReads()
{
    // A replica whose cases table has a page of noise (as a failing disk leaves it).
    const QString path = m_dir->filePath(QStringLiteral("damaged.sqlite"));
    qint64 rootPage = 0, pageSize = 0;
    {
        StoreStatus status;
        auto store = Store::open(path, &status);
        QVERIFY(store);
        QVERIFY(store->bulkLoad([&] {
            for (qint64 id = 1; id <= 3000; ++id)
                if (!store->putCase(makeCase(id)))
                    return false;
            return true;
        }));
        sqlite3_stmt* q = nullptr;
        QCOMPARE(sqlite3_prepare_v2(store->handle(), "SELECT rootpage FROM sqlite_master WHERE name = 'cases'", -1, &q, nullptr), SQLITE_OK);
        QCOMPARE(sqlite3_step(q), SQLITE_ROW);
        rootPage = sqlite3_column_int64(q, 0);
        sqlite3_finalize(q);
        QCOMPARE(sqlite3_prepare_v2(store->handle(), "PRAGMA page_size", -1, &q, nullptr), SQLITE_OK);
        QCOMPARE(sqlite3_step(q), SQLITE_ROW);
        pageSize = sqlite3_column_int64(q, 0);
        sqlite3_finalize(q);
    }
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadWrite));
    QVERIFY(f.seek((rootPage - 1) * pageSize));
    QCOMPARE(f.write(QByteArray(int(pageSize), char(0x5a))), pageSize);
    f.close();

    // It opens (the window starts reading), and the check running beside says it is damaged.
    StoreService service;
    QSignalSpy damaged(&service, &StoreService::damaged);
    QVERIFY(startOk(service, path));
    QVERIFY(damaged.wait(10000));
    const auto status = damaged.at(0).at(0).value<StoreStatus>();
    QCOMPARE(status.error, StoreError::Damaged);
    QVERIFY2(status.message.contains(path), qPrintable(status.message));

    // A healthy file says nothing.
    StoreService healthy;
    QSignalSpy healthyDamaged(&healthy, &StoreService::damaged);
    QVERIFY(startOk(healthy, m_dir->filePath(QStringLiteral("healthy.sqlite"))));
    QVERIFY(!healthyDamaged.wait(1000));
}

void TestStoreService::shutdownFinishesPostedWork()
{
    const QString path = m_dir->filePath(QStringLiteral("shutdown.sqlite"));
    {
        StoreService service;
        service.start(path);
        QList<Case> cases;
        for (qint64 id = 1; id <= 2000; ++id)
            cases.append(makeCase(id));
        service.putCases(cases);
        service.post([](Store& store) { store.setMeta(QStringLiteral("last"), "yes"); });
        // Destroyed at once, without waiting for any signal.
    }
    StoreStatus status;
    auto store = Store::open(path, &status);
    QVERIFY2(store, qPrintable(status.message));
    QCOMPARE(store->counts().cases, 2000);
    QCOMPARE(store->meta(QStringLiteral("last")), QByteArray("yes"));
}

// A quit right after a start (issue 15): the read of every case running then stops at
// once, reads queued behind it are skipped, writes still land and the file stays whole.
void TestStoreService::cancelledReadsStopAndWritesGoOn()
{
    const QString path = m_dir->filePath(QStringLiteral("cancel.sqlite"));
    int seen = 0;
    bool finished = true, laterReadRan = false;
    std::atomic_bool readEnded = false;
    {
        StoreService service;
        QVERIFY(startOk(service, path));
        QList<Case> cases;
        for (qint64 id = 1; id <= 2000; ++id)
            cases.append(makeCase(id));
        service.putCases(cases);
        // Cancelled at its first row, as the destructor would while it runs.
        service.read([&](Store& store) {
            finished = store.forEachCase([&](const Case&) {
                if (++seen == 1)
                    service.cancelReads();
            });
            readEnded = true;
        });
        service.read([&](Store&) { laterReadRan = true; });
        service.post([](Store& store) { store.setMeta(QStringLiteral("after"), "yes"); });
        // (The destructor cancels reads not yet begun: this one has to be running first.)
        QTRY_VERIFY_WITH_TIMEOUT(readEnded, 10000);
    }
    QVERIFY2(seen < 2000, qPrintable(QString::number(seen)));
    QVERIFY(!finished);
    QVERIFY(!laterReadRan);
    StoreStatus status;
    auto store = Store::open(path, &status); // with its integrity check
    QVERIFY2(store, qPrintable(status.message));
    QCOMPARE(store->counts().cases, 2000);
    QCOMPARE(store->meta(QStringLiteral("after")), QByteArray("yes"));
    // An interrupt is spent once the read ends: the same connection reads whole again.
    int all = 0;
    QVERIFY(store->forEachCase([&](const Case&) { ++all; }));
    QCOMPARE(all, 2000);
}


// Batches of live positions published while the GUI thread is busy reach it as one list of
// every fix, in order (each extends a trail; the newest of a worker comes last), not as a
// queue of deliveries a change delta would wait behind.
void TestStoreService::positionsPublishedMeanwhileArriveTogether()
{
    StoreService service;
    QVERIFY(startOk(service, m_dir->filePath(QStringLiteral("positions.sqlite"))));
    qRegisterMetaType<QList<WorkerFix>>();
    QSignalSpy moved(&service.notifier(), &ChangeNotifier::positionsMoved);
    const QDateTime t0 = QDateTime::fromSecsSinceEpoch(1'765'000'000, Qt::UTC);
    auto fix = [](const QString& worker, double lon, const QDateTime& at) { return WorkerFix { worker, { lon, 23.1 }, at }; };
    std::atomic<bool> published { false };
    ChangeNotifier* notifier = &service.notifier();
    service.post([&, notifier](Store&) {
        notifier->publishPositions({ fix(QStringLiteral("W1"), 113.30, t0), fix(QStringLiteral("W2"), 113.31, t0) });
        notifier->publishPositions({ fix(QStringLiteral("W1"), 113.32, t0.addSecs(1)) });
        notifier->publishPositions({});
        notifier->publishPositions({ fix(QStringLiteral("W1"), 113.33, t0.addSecs(2)) });
        published = true;
    });
    // This thread takes no events until all three are published, as a busy GUI thread.
    while (!published.load())
        QThread::yieldCurrentThread();
    QTRY_COMPARE(moved.count(), 1);
    QCoreApplication::processEvents();
    QCOMPARE(moved.count(), 1);
    const QList<WorkerFix> fixes = moved.first().at(0).value<QList<WorkerFix>>();
    QCOMPARE(fixes.size(), 4);
    QCOMPARE(fixes[0].worker, QStringLiteral("W1"));
    QCOMPARE(fixes[1].worker, QStringLiteral("W2"));
    QCOMPARE(fixes[2].position.lon, 113.32);
    QCOMPARE(fixes[3].position.lon, 113.33);
    QCOMPARE(fixes[3].at, t0.addSecs(2));
    // The next batch is a delivery of its own.
    notifier->publishPositions({ fix(QStringLiteral("W2"), 113.34, t0.addSecs(3)) });
    QTRY_COMPARE(moved.count(), 2);
    QCOMPARE(moved.last().at(0).value<QList<WorkerFix>>().size(), 1);
}

QTEST_GUILESS_MAIN(TestStoreService)
#include "tst_storeservice.moc"
