// The desk's photo path as the app wires it, against the real gridhall-server: a handheld's
// feedback with two photos reaches the replica through LiveSync; selecting the case shows
// both thumbnails in the detail; a click opens the viewer, which loads the full photo
// through LiveSync → SyncClient; with the server gone the next photo says "Offline", and
// without any server the desk still shows what its cache holds and says why not the rest.
#include "app/desktop/casedesk.h"
#include "app/desktop/livesync.h"
#include "models/store/storeservice.h"
#include "tests/server/serverharness.h"
#include "widgets/alertbanner.h"
#include "widgets/casedetailpanel.h"
#include "widgets/casequeuepanel.h"
#include "widgets/photoviewer.h"

#include <QApplication>
#include <QBuffer>
#include <QImage>
#include <QListWidget>
#include <QMainWindow>
#include <QMenu>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QSemaphore>
#include <QThreadPool>

using namespace gridhall;
using namespace gridhall::protocol;
using namespace gridhall::testing;

namespace {
QByteArray jpegOf(QSize size, QColor colour)
{
    QImage image(size, QImage::Format_RGB32);
    image.fill(colour);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "JPEG", 85);
    return bytes;
}
} // namespace

class TestDeskPhotos : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_db;
    ServerProcess m_server;
    qint64 m_caseId = 0;

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QCoreApplication::setOrganizationName(QStringLiteral("GridHallTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_deskphotos"));
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_dir.filePath("settings"));
        m_db = m_dir.filePath("server.db");
        QVERIFY(makeDemoDb(m_db));
        QVERIFY(m_server.start(m_db));

        // A case in WG00001's grid, dispatched to WG00001, accepted and fed back with two photos.
        WireClient desk, handheld;
        QVERIFY(desk.open(m_server.url()) && handheld.open(m_server.url()));
        QVERIFY(desk.login("op", "seed-desk"));
        QVERIFY(handheld.login("WG00001", "seed-handheld"));
        desk.send(Type::Sync, { { "cursor", 0 } });
        const auto snapshot = readSnapshot(desk);
        QVERIFY(snapshot);
        const QString grid = homeGridOf(*snapshot, "WG00001");
        QVERIFY(!grid.isEmpty());
        desk.send(Type::Action,
            { { "clientSeq", 1 }, { "key", "s-1" }, { "action", "report" },
                { "case",
                    QJsonObject { { "categoryCode", "0101" }, { "description", "路边堆放垃圾" },
                        { "lon", 113.3 }, { "lat", 23.1 }, { "gridCode", grid } } } });
        const auto reported = desk.next("action_result");
        QVERIFY(reported && reported->value("status").toString() == "applied");
        m_caseId = reported->value("caseId").toInteger();
        desk.send(Type::Action,
            { { "clientSeq", 2 }, { "key", "s-2" }, { "action", "register" },
                { "caseId", m_caseId }, { "seenVersion", 1 } });
        QCOMPARE(desk.next("action_result")->value("status").toString(), "applied");
        desk.send(Type::Action,
            { { "clientSeq", 3 }, { "key", "s-3" }, { "action", "dispatch" },
                { "caseId", m_caseId }, { "seenVersion", 2 }, { "targetKind", "worker" },
                { "target", "WG00001" } });
        QCOMPARE(desk.next("action_result")->value("status").toString(), "applied");
        handheld.send(Type::Action,
            { { "clientSeq", 1 }, { "key", "h-1" }, { "action", "accept" }, { "caseId", m_caseId },
                { "seenVersion", 3 } });
        QCOMPARE(handheld.next("action_result")->value("status").toString(), "applied");
        QJsonArray photos;
        for (const QColor& c : { QColor(Qt::darkCyan), QColor(Qt::darkMagenta) })
            photos.append(QJsonObject { { "mime", "image/jpeg" },
                { "data", QString::fromLatin1(jpegOf(QSize(1280, 960), c).toBase64()) } });
        handheld.send(Type::Action,
            { { "clientSeq", 2 }, { "key", "h-2" }, { "action", "feedback" },
                { "caseId", m_caseId }, { "seenVersion", 4 }, { "note", "已清理" },
                { "photos", photos } });
        const auto fed = handheld.next("action_result");
        QVERIFY(fed);
        QCOMPARE(fed->value("photos").toInt(), 2);
    }

    // A full photo is decoded on the picture threads, not on Qt's global pool (whose tasks
    // the GUI thread's own large paints wait for): it shows while every thread of the
    // global pool is taken.
    void fullPhotoDecodesWhileQtsPoolIsBusy()
    {
        QThreadPool& global = *QThreadPool::globalInstance();
        const int threads = global.maxThreadCount();
        QSemaphore started, release;
        for (int i = 0; i < threads; ++i)
            global.start([&] {
                started.release();
                release.acquire();
            });
        QVERIFY(started.tryAcquire(threads, 10000)); // every thread of the pool is held
        PhotoViewer viewer;
        CasePhoto photo;
        photo.id = 77;
        // Small: Qt 6.4 converts and scales larger images on its global pool too.
        photo.width = 128;
        photo.height = 96;
        QSignalSpy wanted(&viewer, &PhotoViewer::photoWanted);
        viewer.setPhotos(QStringLiteral("T-1"), { photo }, 0);
        QCOMPARE(wanted.count(), 1);
        viewer.showPhoto(photo.id, jpegOf(QSize(128, 96), QColor(0x00, 0x80, 0x80)));
        const bool shown = QTest::qWaitFor([&] { return viewer.showsFullPhoto(); }, 10000);
        release.release(threads);
        global.waitForDone();
        QVERIFY(shown);
        QCOMPARE(viewer.shownImage().width() * 3, viewer.shownImage().height() * 4);
    }

    // View > Sound for new red disputes: off by default, switches the banner's bell, and
    // the choice outlives the window.
    void alertSoundIsAViewChoice()
    {
        StoreService store;
        for (bool expected : { false, true }) {
            QMainWindow window;
            QMenu view;
            auto* desk = new CaseDesk(store, window);
            desk->dock(&view);
            auto* sound = view.findChild<QAction*>(QStringLiteral("alertSoundAction"));
            if (!sound) {
                for (QAction* a : view.actions())
                    if (a->objectName() == QLatin1String("alertSoundAction"))
                        sound = a;
            }
            QVERIFY(sound);
            QVERIFY(sound->isCheckable());
            QCOMPARE(sound->isChecked(), expected);
            auto* banner = window.findChild<AlertBanner*>();
            QVERIFY(banner);
            QCOMPARE(banner->soundEnabled(), expected);
            sound->setChecked(true);
            QVERIFY(banner->soundEnabled());
        }
    }

    void thumbnailsThenFullPhotosThroughSync()
    {
        StoreService store;
        QMainWindow window;
        window.resize(1600, 1000);
        auto* desk = new CaseDesk(store, window);
        desk->dock(nullptr);
        QSignalSpy opened(&store, &StoreService::opened);
        store.start(m_dir.filePath("desk.sqlite"));
        QVERIFY(opened.wait(10000));
        auto sync = std::make_unique<LiveSync>(
            store, m_server.url(), QStringLiteral("op"), kTestPassword);
        QSignalSpy statuses(sync.get(), &LiveSync::statusChanged);
        desk->setLiveSync(sync.get());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        // The status bar hears every state from the first: connecting, then online.
        QTRY_VERIFY_WITH_TIMEOUT(sync->status().state == SyncState::Online, 30000);
        QVERIFY(!statuses.isEmpty());
        QCOMPARE(statuses.first().at(0).value<SyncStatus>().state, SyncState::Connecting);

        // The replica arrives; selecting the case shows its two thumbnails.
        CaseDetailPanel* detail = desk->detailPanel();
        QListWidget* strip = detail->photoList();
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                desk->queuePanel()->selectCase(m_caseId);
                return detail->detail().item.id == m_caseId && strip->count() == 2;
            }(),
            30000);
        QVERIFY(strip->isVisible());
        QCOMPARE(detail->detail().photos.size(), 2);
        QCOMPARE(detail->detail().photos[0].width, 1280);

        // A click opens the viewer, and the full photo comes from the server.
        QTest::mouseClick(
            strip->viewport(), Qt::LeftButton, {}, strip->visualItemRect(strip->item(0)).center());
        QPointer<PhotoViewer> viewer = desk->photoViewer();
        QVERIFY(viewer);
        QVERIFY(viewer->isVisible());
        QCOMPARE(viewer->currentIndex(), 0);
        QTRY_VERIFY_WITH_TIMEOUT(viewer->showsFullPhoto(), 20000);
        QVERIFY(viewer->shownImage().width() > 160); // not the thumbnail standing in
        QCOMPARE(viewer->shownImage().width(), 1280 * viewer->shownImage().height() / 960);
        QVERIFY(
            qGreen(viewer->shownImage().pixel(10, 10)) > 100); // the dark cyan one, not the magenta

        // The server goes away: the second photo is not cached, and the viewer says so.
        m_server.stop();
        QTRY_VERIFY_WITH_TIMEOUT(sync->status().state != SyncState::Online, 20000);
        QTest::keyClick(viewer, Qt::Key_Right);
        QCOMPARE(viewer->currentIndex(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(!viewer->isLoading(), 10000);
        QVERIFY(!viewer->showsFullPhoto());
        QVERIFY2(viewer->statusText().startsWith(QLatin1String("Offline")),
            qPrintable(viewer->statusText()));
        QTest::keyClick(viewer, Qt::Key_Escape);
        QVERIFY(!viewer->isVisible());

        // Without a sync at all, the desk reads its local cache: the first photo opens, the
        // second one says that no server is connected.
        sync.reset();
        QTRY_VERIFY(!viewer); // closed viewers are deleted
        QTest::mouseClick(
            strip->viewport(), Qt::LeftButton, {}, strip->visualItemRect(strip->item(0)).center());
        viewer = desk->photoViewer();
        QVERIFY(viewer);
        QTRY_VERIFY_WITH_TIMEOUT(viewer->showsFullPhoto(), 10000);
        QTest::keyClick(viewer, Qt::Key_Right);
        QTRY_VERIFY_WITH_TIMEOUT(!viewer->isLoading(), 10000);
        QVERIFY2(viewer->statusText().contains(QLatin1String("No server is connected")),
            qPrintable(viewer->statusText()));
        QVERIFY(m_server.start(m_db)); // for whatever runs after
    }
};

QTEST_MAIN(TestDeskPhotos)
#include "tst_deskphotos.moc"
