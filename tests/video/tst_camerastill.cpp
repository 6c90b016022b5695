// A camera's still into a case (issue 17), as the workstation wires it, against the real
// gridhall-server and the real gridhall-cameras on free loopback ports: the case detail lists
// the camera near the case; Enter opens its live view; "Save still to case" sends the picture
// as an attach_photo through the outbox; the server stores a JPEG of the picture's size and a
// second workstation's replica receives it with its event. Offline the still waits in the
// outbox and goes out when the server is back. A retried attach_photo (same clientSeq and
// key, after a lost link) stores nothing twice.
#include "app/desktop/casedesk.h"
#include "app/desktop/livesync.h"
#include "models/store/storeservice.h"
#include "tests/server/serverharness.h"
#include "tests/video/cameraserver.h"
#include "widgets/cameraview.h"
#include "widgets/camerawindow.h"
#include "widgets/casedetailpanel.h"
#include "widgets/casequeuepanel.h"

#include <QApplication>
#include <QBuffer>
#include <QListWidget>
#include <QMainWindow>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <atomic>
#include <cmath>

using namespace gridhall;
using namespace gridhall::protocol;
using namespace gridhall::testing;

namespace {
struct ReplicaPhotos {
    QList<CasePhoto> photos;
    QList<CaseEvent> events;
};

// The photos and events of a case in a replica (read on its store thread).
ReplicaPhotos photosIn(StoreService& store, qint64 caseId)
{
    auto done = std::make_shared<std::atomic<bool>>(false);
    auto out = std::make_shared<ReplicaPhotos>();
    store.post([done, out, caseId](Store& s) {
        out->photos = s.photosFor(caseId);
        out->events = s.eventsFor(caseId);
        *done = true;
    });
    if (!QTest::qWaitFor([&] { return bool(*done); }, 10000))
        return {}; // the store thread may still fill *out: not read here
    return *out;
}

QByteArray smallJpeg()
{
    QImage image(320, 240, QImage::Format_RGB32);
    image.fill(Qt::darkYellow);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "JPEG", 80);
    return bytes;
}
} // namespace

class TestCameraStill : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_db;
    CameraServer m_cameras;
    ServerProcess m_server;
    QString m_cameraCode, m_cameraName;
    qint64 m_caseId = 0;

    qint64 serverPhotos(qint64 caseId) const
    {
        return serverCount(m_db, QByteArray("SELECT count(*) FROM case_photos WHERE case_id = ") + QByteArray::number(caseId));
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QCoreApplication::setOrganizationName(QStringLiteral("GridHallTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_camerastill"));
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_dir.filePath("settings"));
        QVERIFY(m_cameras.start());
        // The demo district with its cameras streaming from this gridhall-cameras.
        m_db = m_dir.filePath("server.db");
        QVERIFY(makeDemoDb(m_db, { "--camera-streams", QStringLiteral("rtsp://127.0.0.1:%1/cam").arg(m_cameras.port()) }));
        QVERIFY(m_server.start(m_db));

        // A case 100 m north of the first camera, registered (open) by another desk.
        const QList<QStringList> camera = queryServerDb(m_db, "SELECT code, name, lon, lat, grid_code FROM cameras ORDER BY code LIMIT 1");
        QCOMPARE(camera.size(), 1);
        m_cameraCode = camera[0][0];
        m_cameraName = camera[0][1];
        const double lon = camera[0][2].toDouble();
        const double lat = camera[0][3].toDouble() + 100.0 / 6371008.8 * 180.0 / M_PI;
        WireClient seed;
        QVERIFY(seed.open(m_server.url()));
        QVERIFY(seed.login("op2", "seed-desk"));
        seed.send(Type::Action,
            { { "clientSeq", 1 }, { "key", "seed-1" }, { "action", "report" },
                { "case",
                    QJsonObject { { "categoryCode", "0101" }, { "description", "路口车辆违停" }, { "lon", lon },
                        { "lat", lat }, { "gridCode", camera[0][4] } } } });
        const auto reported = seed.next("action_result");
        QVERIFY(reported && reported->value("status").toString() == "applied");
        m_caseId = reported->value("caseId").toInteger();
        seed.send(Type::Action,
            { { "clientSeq", 2 }, { "key", "seed-2" }, { "action", "register" }, { "caseId", m_caseId },
                { "seenVersion", 1 } });
        QCOMPARE(seed.next("action_result")->value("status").toString(), "applied");
    }

    void stillFromTheCaseReachesEveryReplica()
    {
        // A second workstation: its own replica and link.
        StoreService otherStore;
        QSignalSpy otherOpened(&otherStore, &StoreService::opened);
        otherStore.start(m_dir.filePath("other.sqlite"));
        QVERIFY(otherOpened.wait(10000));
        LiveSync otherSync(otherStore, m_server.url(), QStringLiteral("op2"), kTestPassword);

        // The workstation, wired as the main window wires it.
        StoreService store;
        QMainWindow window;
        window.resize(1400, 900);
        auto* desk = new CaseDesk(store, window);
        desk->dock(nullptr);
        QSignalSpy opened(&store, &StoreService::opened);
        store.start(m_dir.filePath("desk.sqlite"));
        QVERIFY(opened.wait(10000));
        desk->setActor({ QStringLiteral("op"), Role::Operator }, QString());
        LiveSync sync(store, m_server.url(), QStringLiteral("op"), kTestPassword);
        desk->setLiveSync(&sync);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTRY_VERIFY_WITH_TIMEOUT(sync.status().state == SyncState::Online, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(otherSync.status().state == SyncState::Online, 30000);

        // The case detail lists the camera 100 m away first.
        CaseDetailPanel* detail = desk->detailPanel();
        QListWidget* cameras = detail->cameraList();
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                desk->queuePanel()->selectCase(m_caseId);
                return detail->detail().item.id == m_caseId && !detail->detail().cameras.isEmpty();
            }(),
            30000);
        const QList<NearbyCamera>& near = detail->detail().cameras;
        QCOMPARE(near.first().camera.code, m_cameraCode);
        QVERIFY2(std::abs(near.first().metres - 100) < 1, qPrintable(QString::number(near.first().metres)));
        QCOMPARE(cameras->item(0)->text(), QStringLiteral("%1 · 100 m").arg(m_cameraName));
        QVERIFY(!near.first().camera.mainUrl.isEmpty()); // a desk role receives the stream

        // Enter on it opens its live view for this case.
        cameras->setFocus();
        cameras->setCurrentRow(0);
        QTest::keyClick(cameras, Qt::Key_Return);
        auto* camWindow = window.findChild<CameraWindow*>();
        QVERIFY(camWindow);
        QCOMPARE(camWindow->camera().code, m_cameraCode);
        QCOMPARE(camWindow->caseId(), m_caseId);
        QVERIFY(camWindow->saveButton()->isVisible());
        CameraView* view = camWindow->view();
        QTRY_VERIFY_WITH_TIMEOUT(view->framesShown() > 3, 30000);
        const QSize frameSize = view->currentFrame().size();
        QCOMPARE(frameSize, QSize(704, 576)); // the main stream
        QVERIFY(camWindow->saveButton()->isEnabled());

        // Save still to case: the server stores a JPEG of the picture's size.
        QCOMPARE(serverPhotos(m_caseId), 0);
        QTest::mouseClick(camWindow->saveButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(serverPhotos(m_caseId), 1, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(camWindow->stillStatus().endsWith(QLatin1String("Applied")), 20000);
        const QList<QStringList> stored = queryServerDb(m_db,
            QByteArray("SELECT id, mime, width, height FROM case_photos WHERE case_id = ") + QByteArray::number(m_caseId));
        QCOMPARE(stored.size(), 1);
        QCOMPARE(stored[0][1], QStringLiteral("image/jpeg"));
        QCOMPARE(QSize(stored[0][2].toInt(), stored[0][3].toInt()), frameSize);
        WireClient reader;
        QVERIFY(reader.open(m_server.url()));
        QVERIFY(reader.login("op2", "reader"));
        reader.send(Type::GetPhoto, { { "id", stored[0][0].toLongLong() } });
        const auto photo = reader.next("photo");
        QVERIFY(photo);
        const QByteArray jpeg = QByteArray::fromBase64(photo->value("data").toString().toLatin1());
        QVERIFY(jpeg.startsWith("\xFF\xD8"));
        QCOMPARE(QImage::fromData(jpeg, "JPEG").size(), frameSize);

        // The other workstation's replica has it, with the event naming the camera; the
        // desk's own detail shows it.
        QTRY_COMPARE_WITH_TIMEOUT(photosIn(otherStore, m_caseId).photos.size(), 1, 20000);
        const ReplicaPhotos other = photosIn(otherStore, m_caseId);
        QCOMPARE(QSize(other.photos[0].width, other.photos[0].height), frameSize);
        QVERIFY(!other.photos[0].thumbnail.isEmpty());
        bool eventFound = false;
        for (const CaseEvent& e : other.events)
            eventFound = eventFound
                || (e.id == other.photos[0].eventId && e.action == CaseAction::AttachPhoto && e.target == m_cameraCode && e.actor == "op");
        QVERIFY(eventFound);
        QTRY_COMPARE_WITH_TIMEOUT(detail->photoList()->count(), 1, 20000);

        // Offline: Ctrl+S queues the still in the outbox; it goes out when the server is back.
        const quint16 port = m_server.port();
        m_server.stop();
        QTRY_VERIFY_WITH_TIMEOUT(sync.status().state != SyncState::Online, 20000);
        camWindow->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(camWindow));
        QVERIFY(camWindow->saveButton()->isEnabled());
        QSignalSpy asked(camWindow, &CameraWindow::stillRequested);
        camWindow->view()->setFocus();
        QTest::keyClick(camWindow->view(), Qt::Key_S, Qt::ControlModifier);
        QCOMPARE(asked.size(), 1);
        QTRY_VERIFY2_WITH_TIMEOUT(camWindow->stillStatus().endsWith(QLatin1String("Queued")), qPrintable(camWindow->stillStatus()), 10000);
        QCOMPARE(serverPhotos(m_caseId), 1);
        QVERIFY(m_server.start(m_db, port));
        QTRY_COMPARE_WITH_TIMEOUT(serverPhotos(m_caseId), 2, 40000);
        QTRY_VERIFY_WITH_TIMEOUT(camWindow->stillStatus().endsWith(QLatin1String("Applied")), 20000);
        QTRY_COMPARE_WITH_TIMEOUT(photosIn(otherStore, m_caseId).photos.size(), 2, 40000);
        camWindow->close();

        // A leader watches the same camera without the button: it may change no case.
        desk->setActor({ QStringLiteral("boss"), Role::Leader }, QString());
        CameraWindow* leaders = desk->openCamera(near.first().camera, m_caseId);
        QCOMPARE(leaders->caseId(), 0);
        QVERIFY(!leaders->saveButton()->isVisibleTo(leaders));
        leaders->close();
    }

    // A retry after a lost link carries the same clientSeq and key: one photo, however often.
    void retriedStillIsStoredOnce()
    {
        const qint64 before = serverPhotos(m_caseId);
        QVERIFY(before >= 0);
        const QJsonObject action { { "clientSeq", 1 }, { "key", "retry-desk-1" }, { "action", "attach_photo" },
            { "caseId", m_caseId }, { "seenVersion", 1 }, { "target", m_cameraCode },
            { "photos", QJsonArray { QJsonObject { { "mime", "image/jpeg" }, { "data", QString::fromLatin1(smallJpeg().toBase64()) } } } } };
        {
            WireClient first;
            QVERIFY(first.open(m_server.url()));
            QVERIFY(first.login("op", "retry-desk"));
            first.send(Type::Action, action);
            first.socket().abort(); // the link is lost before any answer
        }
        WireClient again;
        QVERIFY(again.open(m_server.url()));
        QVERIFY(again.login("op", "retry-desk"));
        again.send(Type::Action, action);
        const auto answer = again.next("action_result", 20000);
        QVERIFY(answer);
        QCOMPARE(answer->value("status").toString(), QStringLiteral("applied"));
        QCOMPARE(answer->value("photos").toInt(), 1);
        again.send(Type::Action, action);
        const auto replayed = again.next("action_result", 20000);
        QVERIFY(replayed);
        QCOMPARE(replayed->value("status").toString(), QStringLiteral("applied"));
        QVERIFY(replayed->value("replayed").toBool());
        QCOMPARE(serverPhotos(m_caseId), before + 1);

        // Without a photo, attach_photo is refused and stores nothing.
        QJsonObject empty = action;
        empty.insert("clientSeq", 2);
        empty.insert("key", "retry-desk-2");
        empty.remove("photos");
        again.send(Type::Action, empty);
        const auto refused = again.next("action_result", 20000);
        QVERIFY(refused);
        QCOMPARE(refused->value("code").toString(), QStringLiteral("bad_field"));
        QCOMPARE(serverPhotos(m_caseId), before + 1);
    }

    void cleanupTestCase()
    {
        m_server.stop();
        m_cameras.stop();
    }
};

QTEST_MAIN(TestCameraStill)
#include "tst_camerastill.moc"
