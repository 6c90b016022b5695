// What the hall sees when the server instance it is on dies (issue 14), against two real
// `serve` instances on one PostgreSQL database: the workstation's status line names the
// instance by the name its welcome gives and, after the failover, says that it moved and
// from where; the wall does not flash "stale" across the hall for a failover of about a
// second, yet still says so when no instance answers for longer than its grace.

#include "app/desktop/livesync.h"
#include "app/desktop/mainwindow.h"
#include "app/desktop/wallmode.h"
#include "models/store/storeservice.h"
#include "tests/server/serverharness.h"
#include "widgets/wallwindow.h"

#include <QLabel>
#include <QSettings>
#include <QSignalSpy>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace gridhall;
using namespace gridhall::testing;

class TestFailoverDisplay : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_pg;

    static QString instanceName(const ServerProcess& server)
    {
        return QStringLiteral("%1:%2").arg(QSysInfo::machineHostName()).arg(server.port());
    }
    static bool anyStale(WallMode& wall)
    {
        const QList<WallWindow*> windows = wall.controller().windows();
        return std::any_of(windows.cbegin(), windows.cend(), [](const WallWindow* w) { return w->isStaleShown(); });
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QCoreApplication::setOrganizationName(QStringLiteral("GridHallTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_failoverdisplay"));
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_dir.filePath("settings"));
        QString error;
        QVERIFY2(testCluster(&error), qPrintable(error));
        m_pg = makeDemoPostgresDatabase(m_dir.filePath("hall.db"));
        QVERIFY(!m_pg.isEmpty());
    }

    void theHallSeesWhereItMoved()
    {
        ServerProcess gh1, gh2;
        QVERIFY(gh1.start(m_pg));
        QVERIFY(gh2.start(m_pg));
        const QList<QUrl> both { gh1.url(), gh2.url() };

        // The wall, with a grace far longer than any failover here: within it, never stale.
        StoreService wallStore;
        WallMode wall(wallStore);
        wall.setStaleGrace(120'000);
        WallLayout layout;
        layout.screens = { { 0, QStringLiteral("*"), { { QStringLiteral("overview"), {}, 60 } } } };
        wall.controller().setLayout(layout);
        QSignalSpy wallOpened(&wallStore, &StoreService::opened);
        wallStore.start(m_dir.filePath("wall.sqlite"));
        QVERIFY(wallOpened.wait(10000));
        wall.start();
        wall.reload();
        LiveSync wallSync(wallStore, both, QStringLiteral("op2"), kTestPassword);
        wall.setLiveSync(&wallSync);

        // The workstation.
        StoreService deskStore;
        MainWindow window(deskStore, m_dir.filePath("desk.sqlite"));
        QSignalSpy deskOpened(&deskStore, &StoreService::opened);
        deskStore.start(m_dir.filePath("desk.sqlite"));
        QVERIFY(deskOpened.wait(10000));
        LiveSync deskSync(deskStore, both, QStringLiteral("op"), kTestPassword);
        window.setLiveSync(&deskSync);
        auto* status = window.findChild<QLabel*>(QStringLiteral("syncStatusLabel"));
        QVERIFY(status);

        // Both on the first instance, named by itself; nothing moved yet.
        QTRY_VERIFY_WITH_TIMEOUT(deskSync.status().state == SyncState::Online && wallSync.status().state == SyncState::Online, 60000);
        QTRY_VERIFY2_WITH_TIMEOUT(status->text().contains(instanceName(gh1)), qPrintable(status->text()), 10000);
        QVERIFY2(!status->text().contains(QStringLiteral("moved")), qPrintable(status->text()));
        QVERIFY(!anyStale(wall));

        // The first instance dies: both lose their link and come back on the second.
        gh1.kill();
        QTRY_VERIFY_WITH_TIMEOUT(wallSync.status().state != SyncState::Online, 15000);
        QVERIFY(!anyStale(wall)); // within the grace
        QTRY_VERIFY_WITH_TIMEOUT(deskSync.status().state == SyncState::Online && wallSync.status().state == SyncState::Online, 30000);
        const QString moved = QStringLiteral("moved here from %1").arg(instanceName(gh1));
        QTRY_VERIFY2_WITH_TIMEOUT(status->text().contains(instanceName(gh2)) && status->text().contains(moved), qPrintable(status->text()), 10000);
        QCOMPARE(wallSync.status().movedFrom, instanceName(gh1));
        QCOMPARE(wallSync.status().instance, instanceName(gh2));
        QVERIFY(!anyStale(wall));

        // A change on the live instance: the desk's "data as of" follows it.
        WireClient handheld;
        QVERIFY(handheld.open(gh2.url()));
        QVERIFY(handheld.login("WG00001", "hh-failover"));
        handheld.send(protocol::Type::Sync, { { "cursor", 0 } });
        const auto snapshot = readSnapshot(handheld);
        QVERIFY(snapshot);
        const QDateTime changeBefore = deskSync.status().lastChangeAt;
        handheld.send(protocol::Type::Action, { { "clientSeq", 1 }, { "key", "hh-failover-1" }, { "action", "report" },
            { "case", QJsonObject { { "categoryCode", "0101" }, { "description", "after the failover" }, { "lon", 113.3 }, { "lat", 23.1 },
                          { "gridCode", homeGridOf(*snapshot, "WG00001") } } } });
        const auto reported = handheld.next("action_result");
        QVERIFY(reported && reported->value("status").toString() == "applied");
        QTRY_VERIFY_WITH_TIMEOUT(deskSync.status().lastChangeAt > changeBefore, 30000);
        auto* freshness = window.findChild<QLabel*>(QStringLiteral("freshnessLabel"));
        QVERIFY(freshness);
        QTRY_COMPARE_WITH_TIMEOUT(freshness->text(),
            QStringLiteral("Data as of %1").arg(QLocale().toString(deskSync.status().lastChangeAt.toLocalTime(), QLocale::ShortFormat)), 10000);

        // No instance left: past its grace the wall says its data is stale.
        wall.setStaleGrace(500);
        gh2.kill();
        QTRY_VERIFY_WITH_TIMEOUT(anyStale(wall), 30000);
        QTRY_VERIFY_WITH_TIMEOUT(!status->text().contains(moved), 10000); // offline: no longer "here"
    }
};

QTEST_MAIN(TestFailoverDisplay)
#include "tst_failoverdisplay.moc"
