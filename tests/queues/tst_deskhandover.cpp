// The desk's handover of every case in turns (issue 15): the queues, then the worker and
// department lists, then the rest, each turn with its repaint before the next. What the
// desk shows at the end must be what one read holds, and a read started during the turns
// (a snapshot swap) must replace the older one's remaining turns, not be overwritten by
// them. Checked on a real store made by gridhall-server demo-data.
#include "app/desktop/casedesk.h"
#include "models/itemmodels/casequeuemodel.h"
#include "models/store/store.h"
#include "models/store/storeservice.h"
#include "tests/server/serverharness.h"
#include "widgets/alertbanner.h"
#include "widgets/dispatchpanels.h"

#include <QAbstractProxyModel>
#include <QMainWindow>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace gridhall;
using namespace gridhall::testing;

class TestDeskHandover : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void everyTurnEndsWithOneReadShown();
    void aReadStartedDuringTheTurnsReplacesTheRest();

private:
    QTemporaryDir m_dir;
    QString m_db;
    qint64 m_cases = 0;
    int m_workers = 0;
};

void TestDeskHandover::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QCoreApplication::setOrganizationName(QStringLiteral("GridHallTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_deskhandover"));
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_dir.filePath(QStringLiteral("settings")));
    m_db = m_dir.filePath(QStringLiteral("district.sqlite"));
    QCOMPARE(runServerCommand({ "demo-data", "--db", m_db, "--cases-per-day", "20", "--end", "2026-11-20", "--seed", "3" }), 0);
    StoreStatus status;
    const auto store = Store::open(m_db, &status);
    QVERIFY2(store, qPrintable(status.message));
    m_cases = store->counts().cases;
    m_workers = int(store->workers().size());
    QVERIFY(m_cases > 500);
    QVERIFY(m_workers > 10);
}

void TestDeskHandover::everyTurnEndsWithOneReadShown()
{
    StoreService store;
    QMainWindow window;
    auto* desk = new CaseDesk(store, window);
    desk->dock(nullptr);
    QSignalSpy opened(&store, &StoreService::opened);
    store.start(m_db);
    QVERIFY(opened.wait(20000));
    QSignalSpy loaded(desk, &CaseDesk::loaded);
    desk->reloadAll();
    QVERIFY(desk->isLoading());
    QVERIFY(loaded.wait(60000));
    QVERIFY(!desk->isLoading());
    QCOMPARE(desk->queueModel().table().rowCount(), m_cases);
    auto* workers = window.findChild<WorkersPanel*>();
    QVERIFY(workers);
    QCOMPARE(workers->proxy()->sourceModel()->rowCount(), m_workers);
    // The banner's count comes from the queues of the same read.
    QCOMPARE(desk->alertBanner()->overdueCount(), desk->queueModel().viewCount(QueueView::Overdue));
    QTest::qWait(100); // nothing of the handover is left to come
    QCOMPARE(loaded.count(), 1);
}

void TestDeskHandover::aReadStartedDuringTheTurnsReplacesTheRest()
{
    StoreService store;
    QMainWindow window;
    auto* desk = new CaseDesk(store, window);
    desk->dock(nullptr);
    QSignalSpy opened(&store, &StoreService::opened);
    store.start(m_db);
    QVERIFY(opened.wait(20000));
    QSignalSpy loaded(desk, &CaseDesk::loaded);
    // The first turn of the first read swaps in the queues; right then a second read starts,
    // as a snapshot swap would. The first read's later turns must not run after it.
    int resets = 0;
    connect(&desk->queueModel(), &QAbstractItemModel::modelReset, desk, [&] {
        if (++resets == 1)
            desk->reloadAll();
    });
    desk->reloadAll();
    QVERIFY(loaded.wait(60000));
    QCOMPARE(desk->fullReads(), 2);
    QCOMPARE(resets, 2); // the second read's queues came in too
    QVERIFY(!desk->isLoading());
    QCOMPARE(desk->queueModel().table().rowCount(), m_cases);
    auto* workers = window.findChild<WorkersPanel*>();
    QVERIFY(workers);
    QCOMPARE(workers->proxy()->sourceModel()->rowCount(), m_workers);
    QTest::qWait(100);
    QCOMPARE(loaded.count(), 1); // the first read's last turn was dropped
}

QTEST_MAIN(TestDeskHandover)
#include "tst_deskhandover.moc"
