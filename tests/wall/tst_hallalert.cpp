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
        LiveSync wallSync(wallStore, m_server.url(), QStringLiteral("op2"), QStringLiteral("pw-op2"));
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
        LiveSync deskSync(deskStore, m_server.url(), QStringLiteral("op"), QStringLiteral("pw-op"));
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
        QString grid;
        for (const QJsonObject& w : snapshot->reference.value("workers"))
            if (w.value("code").toString() == "WG00001")
                grid = w.value("homeGridCode").toString();
        QVERIFY(!grid.isEmpty());
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
};

QTEST_MAIN(TestHallAlert)
#include "tst_hallalert.moc"
