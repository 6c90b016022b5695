// A new red dispute through the whole hall, against the real gridhall-server: a handheld
// reports it; the workstation's banner and the wall (each with its own replica and sync
// link, as two machines would have) raise it; the operator clicks Acknowledge on the
// workstation; the acknowledge_alert action goes through the outbox and the server, and the
// wall takes its alert down when the acknowledged case reaches it. The case's timeline says
// who acknowledged it.

#include "app/desktop/casedesk.h"
#include "app/desktop/livesync.h"
#include "app/desktop/wallmode.h"
#include "models/store/storeservice.h"
#include "tests/server/serverharness.h"
#include "widgets/alertbanner.h"
#include "widgets/wallwindow.h"

#include <QApplication>
#include <QDeadlineTimer>
#include <QMainWindow>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <atomic>

using namespace gridhall;
using namespace gridhall::protocol;
using namespace gridhall::testing;

namespace {
// How many of these cases the replica holds as acknowledged (read on the store thread).
int acknowledgedIn(StoreService& store, const QList<qint64>& ids)
{
    auto acked = std::make_shared<std::atomic<int>>(-1);
    store.post([acked, ids](Store& s) {
        int count = 0;
        for (const qint64 id : ids)
            if (const std::optional<Case> c = s.caseById(id); c && c->alertAckedAt.isValid())
                ++count;
        *acked = count;
    });
    QDeadlineTimer deadline(10000);
    while (*acked < 0 && !deadline.hasExpired())
        QTest::qWait(20);
    return *acked;
}
} // namespace

class TestHallAlert : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    ServerProcess m_server;

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QCoreApplication::setOrganizationName(QStringLiteral("GridHallTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_hallalert"));
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_dir.filePath("settings"));
        const QString db = m_dir.filePath("server.db");
        QVERIFY(makeDemoDb(db));
        QVERIFY(m_server.start(db));
    }

    void workstationAcknowledgementClearsTheWall()
    {
        // The wall: its own replica, logged in as a second operator.
        StoreService wallStore;
        WallMode wall(wallStore);
        WallLayout layout;
        layout.screens = { { 0, QStringLiteral("*"), { { QStringLiteral("map"), {}, 60 } } } };
        wall.controller().setLayout(layout);
        QSignalSpy wallOpened(&wallStore, &StoreService::opened);
        wallStore.start(m_dir.filePath("wall.sqlite"));
        QVERIFY(wallOpened.wait(10000));
        wall.start();
        LiveSync wallSync(wallStore, m_server.url(), QStringLiteral("op2"), kTestPassword);
        wall.setLiveSync(&wallSync);
        wall.reload();

        // The workstation, wired as the main window wires it.
        StoreService deskStore;
        QMainWindow window;
        window.resize(1400, 900);
        auto* desk = new CaseDesk(deskStore, window);
        desk->dock(nullptr);
        QSignalSpy deskOpened(&deskStore, &StoreService::opened);
        deskStore.start(m_dir.filePath("desk.sqlite"));
        QVERIFY(deskOpened.wait(10000));
        desk->setActor({ QStringLiteral("op"), Role::Operator }, QString());
        LiveSync deskSync(deskStore, m_server.url(), QStringLiteral("op"), kTestPassword);
        desk->setLiveSync(&deskSync);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        QTRY_VERIFY_WITH_TIMEOUT(deskSync.status().state == SyncState::Online, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(wallSync.status().state == SyncState::Online, 30000);
        // The wall has its baseline (the district and the reds open before now).
        QTRY_VERIFY_WITH_TIMEOUT(!wall.data().map.grids.isEmpty(), 30000);
        QVERIFY(wall.controller().alerts().isEmpty());

        // A handheld reports a red dispute in its grid.
        WireClient handheld;
        QVERIFY(handheld.open(m_server.url()));
        QVERIFY(handheld.login("WG00001", "hh-1"));
        handheld.send(Type::Sync, { { "cursor", 0 } });
        const auto snapshot = readSnapshot(handheld);
        QVERIFY(snapshot);
        const QString grid = homeGridOf(*snapshot, "WG00001");
        QVERIFY(!grid.isEmpty());
        m_grid = grid;
        handheld.send(Type::Action,
            { { "clientSeq", 1 }, { "key", "hh-1-1" }, { "action", "report" },
                { "case",
                    QJsonObject { { "categoryCode", "0101" }, { "description", "工地欠薪聚集" },
                        { "lon", 113.3 }, { "lat", 23.1 }, { "gridCode", grid },
                        { "disputeLevel", "red" } } } });
        const auto reported = handheld.next("action_result");
        QVERIFY(reported);
        QCOMPARE(reported->value("status").toString(), QStringLiteral("applied"));
        const qint64 caseId = reported->value("caseId").toInteger();

        // Both raise it.
        AlertBanner* banner = desk->alertBanner();
        QTRY_COMPARE_WITH_TIMEOUT(banner->pendingCount(), 1, 30000);
        QTRY_COMPARE_WITH_TIMEOUT(wall.controller().alerts().size(), 1, 30000);
        QCOMPARE(wall.controller().alerts().first().id, caseId);
        for (WallWindow* w : wall.controller().windows())
            QVERIFY(w->isBannerShown());

        // The operator clicks Acknowledge.
        QPushButton* ack = nullptr;
        for (QPushButton* b : banner->findChildren<QPushButton*>())
            if (b->text() == QLatin1String("Acknowledge"))
                ack = b;
        QVERIFY(ack);
        QTest::mouseClick(ack, Qt::LeftButton);
        QCOMPARE(banner->pendingCount(), 0);

        // Through the outbox (held for the undo window), the server and the wall's link.
        QTRY_VERIFY_WITH_TIMEOUT(wall.controller().alerts().isEmpty(), 30000);
        for (WallWindow* w : wall.controller().windows())
            QVERIFY(!w->isBannerShown());

        // Both replicas hold the acknowledgement, and the event names who made it.
        for (StoreService* store : { &deskStore, &wallStore }) {
            std::atomic<bool> done = false;
            bool acked = false;
            QString actor;
            store->post([&](Store& s) {
                if (const std::optional<Case> c = s.caseById(caseId))
                    acked = c->alertAckedAt.isValid();
                for (const CaseEvent& e : s.eventsFor(caseId))
                    if (e.action == CaseAction::AcknowledgeAlert)
                        actor = e.actor;
                done = true;
            });
            QTRY_VERIFY_WITH_TIMEOUT(done, 10000);
            QVERIFY(acked);
            QCOMPARE(actor, QStringLiteral("op"));
        }

        // A second acknowledgement of the same case is refused by the server, nothing changes.
        WireClient other;
        QVERIFY(other.open(m_server.url()));
        QVERIFY(other.login("op2", "op2-manual"));
        other.send(Type::Action,
            { { "clientSeq", 1 }, { "key", "op2-manual-1" }, { "action", "acknowledge_alert" },
                { "caseId", caseId }, { "seenVersion", 2 } });
        const auto again = other.next("action_result");
        QVERIFY(again);
        QCOMPARE(again->value("status").toString(), QStringLiteral("refused"));
        QCOMPARE(again->value("reason").toString(), QStringLiteral("no_alert"));
    }

    // Two workstations' replicas on one computer (another user here; another server works
    // the same): each numbers its actions from 1 under its own client id, so both are applied.
    // With one id per computer the second desk's first action was refused (seq_reused).
    void twoReplicasOnOneComputerBothAct()
    {
        struct Desk {
            StoreService store;
            QMainWindow window;
            CaseDesk* desk = nullptr;
            std::unique_ptr<LiveSync> sync;
        };
        Desk a, b;
        int n = 0;
        for (Desk* d : { &a, &b }) {
            const QString user = d == &a ? QStringLiteral("op") : QStringLiteral("op2");
            d->desk = new CaseDesk(d->store, d->window);
            d->desk->dock(nullptr);
            QSignalSpy opened(&d->store, &StoreService::opened);
            d->store.start(m_dir.filePath(QStringLiteral("pair-%1.sqlite").arg(++n)));
            QVERIFY(opened.wait(10000));
            d->desk->setActor({ user, Role::Operator }, QString());
            d->sync = std::make_unique<LiveSync>(d->store, m_server.url(), user, kTestPassword);
            d->desk->setLiveSync(d->sync.get());
        }
        QTRY_VERIFY_WITH_TIMEOUT(a.sync->status().state == SyncState::Online && b.sync->status().state == SyncState::Online, 30000);

        WireClient handheld;
        QVERIFY(handheld.open(m_server.url()));
        QVERIFY(handheld.login("WG00001", "hh-2"));
        QList<qint64> ids;
        for (int i = 0; i < 2; ++i) {
            handheld.send(Type::Action,
                { { "clientSeq", i + 1 }, { "key", QStringLiteral("hh-2-%1").arg(i) }, { "action", "report" },
                    { "case",
                        QJsonObject { { "categoryCode", "0101" }, { "description", QStringLiteral("纠纷 %1").arg(i) },
                            { "lon", 113.3 }, { "lat", 23.1 }, { "gridCode", m_grid }, { "disputeLevel", "red" } } } });
            const auto r = handheld.next("action_result");
            QVERIFY(r);
            QCOMPARE(r->value("status").toString(), QStringLiteral("applied"));
            ids.append(r->value("caseId").toInteger());
        }
        QTRY_VERIFY_WITH_TIMEOUT(a.desk->alertBanner()->pendingCount() == 2 && b.desk->alertBanner()->pendingCount() == 2, 30000);
        QCOMPARE(a.desk->acknowledgeAlerts({ ids[0] }), 1);
        QCOMPARE(b.desk->acknowledgeAlerts({ ids[1] }), 1);

        // Both applied: each replica sees both cases acknowledged.
        for (Desk* d : { &a, &b }) {
            QTRY_COMPARE_WITH_TIMEOUT(acknowledgedIn(d->store, ids), 2, 30000);
        }
        QVERIFY(a.sync->status().lastError.isEmpty());
        QVERIFY2(b.sync->status().lastError.isEmpty(), qPrintable(b.sync->status().lastError));
        // The banners came down on both desks: one by hand, one by the other's acknowledgement.
        QCOMPARE(a.desk->alertBanner()->pendingCount(), 0);
        QCOMPARE(b.desk->alertBanner()->pendingCount(), 0);
    }

private:
    QString m_grid; // WG00001's grid
};

QTEST_MAIN(TestHallAlert)
#include "tst_hallalert.moc"
