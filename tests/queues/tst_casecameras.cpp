// The cameras within 300 m of a case in its detail (issue 17): read from a real replica on the
// store thread (CaseDetailLoader), nearest first with their distance, the 300 m edge
// included and a camera just past it left out; the panel's list says "Gate 2 · 120 m",
// says so when there is none, and a click or Enter asks for the right camera's view.

#include "models/itemmodels/casedetail.h"
#include "models/store/storeservice.h"
#include "tests/store/storetestdata.h"
#include "widgets/casedetailpanel.h"

#include <QApplication>
#include <QListWidget>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QtMath>
#include <atomic>
#include <memory>

using namespace gridhall;

namespace {
constexpr double kEarthRadius = 6371008.8; // as distanceMetres uses it
const LonLat kCaseAt { 113.30, 23.10 };

LonLat north(double metres) { return { kCaseAt.lon, kCaseAt.lat + qRadiansToDegrees(metres / kEarthRadius) }; }
LonLat east(double metres)
{
    return { kCaseAt.lon + qRadiansToDegrees(metres / (kEarthRadius * std::cos(qDegreesToRadians(kCaseAt.lat)))), kCaseAt.lat };
}

Camera camera(const QString& code, const QString& name, LonLat at)
{
    Camera c;
    c.code = code;
    c.name = name;
    c.position = at;
    c.mainUrl = QStringLiteral("rtsp://127.0.0.1:1/cam/") + code;
    c.gridCode = QStringLiteral("440106001002001");
    c.streetCode = QStringLiteral("440106001");
    return c;
}
} // namespace

class TestCaseCameras : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    StoreService m_store;

    CaseDetail load(qint64 caseId)
    {
        CaseDetailLoader loader(m_store);
        QSignalSpy loaded(&loader, &CaseDetailLoader::loaded);
        loader.load(caseId);
        if (!loaded.wait(10000))
            return {};
        return loaded.at(0).at(0).value<CaseDetail>();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QSignalSpy opened(&m_store, &StoreService::opened);
        m_store.start(m_dir.filePath("replica.sqlite"));
        QVERIFY(opened.wait(10000));
        Case near = storetest::makeCase(1, CaseState::Registered);
        near.location = kCaseAt;
        Case lonely = storetest::makeCase(2, CaseState::Registered);
        lonely.location = { 113.40, 23.20 }; // kilometres from every camera
        const QList<Camera> cameras {
            camera("C-EDGE-OUT", "Edge out", north(-300.6)), // just past 300 m: not listed
            camera("C-GATE2", "Gate 2", east(120)),
            camera("C-EDGE-IN", "Edge in", north(-299.6)), // just inside
            camera("C-NEAR", "", north(50)), // no name: its code is shown
            camera("C-FAR", "Far", east(2000)),
        };
        auto written = std::make_shared<std::atomic<int>>(0); // 1 written, -1 failed
        m_store.post([written, near, lonely, cameras](Store& s) {
            bool ok = s.putCase(near) && s.putCase(lonely);
            for (const Camera& c : cameras)
                ok = ok && s.putCamera(c);
            *written = ok ? 1 : -1;
        });
        QTRY_VERIFY(*written != 0);
        QCOMPARE(int(*written), 1);
    }

    void nearestFirstWithinTheEdge()
    {
        const CaseDetail d = load(1);
        QVERIFY(d.found);
        QStringList codes;
        for (const NearbyCamera& c : d.cameras)
            codes << c.camera.code;
        QCOMPARE(codes, (QStringList { "C-NEAR", "C-GATE2", "C-EDGE-IN" }));
        QVERIFY(std::abs(d.cameras[0].metres - 50) < 0.05);
        QVERIFY(std::abs(d.cameras[1].metres - 120) < 0.05);
        QVERIFY(d.cameras[2].metres < 300 && d.cameras[2].metres > 299.5);

        CaseDetailPanel panel;
        panel.resize(500, 900);
        panel.setDetail(d);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QListWidget* list = panel.cameraList();
        QCOMPARE(list->count(), 3);
        QCOMPARE(list->item(0)->text(), QStringLiteral("C-NEAR · 50 m"));
        QCOMPARE(list->item(1)->text(), QStringLiteral("Gate 2 · 120 m"));
        QCOMPARE(list->item(2)->text(), QStringLiteral("Edge in · 300 m"));

        // Keyboard: the list takes Tab focus; arrows move, Enter asks for that camera.
        QVERIFY(list->focusPolicy() & Qt::TabFocus);
        QSignalSpy asked(&panel, &CaseDetailPanel::cameraOpenRequested);
        panel.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&panel));
        list->setFocus();
        QCOMPARE(list->currentRow(), 0);
        QTest::keyClick(list, Qt::Key_Down);
        QTest::keyClick(list, Qt::Key_Return);
        QCOMPARE(asked.size(), 1);
        QCOMPARE(d.cameras[asked.at(0).at(0).toInt()].camera.code, QStringLiteral("C-GATE2"));
        // One click opens as well.
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualItemRect(list->item(2)).center());
        QCOMPARE(asked.size(), 2);
        QCOMPARE(d.cameras[asked.at(1).at(0).toInt()].camera.code, QStringLiteral("C-EDGE-IN"));
    }

    void noneWithinSaysSo()
    {
        const CaseDetail d = load(2);
        QVERIFY(d.found);
        QVERIFY(d.cameras.isEmpty());
        CaseDetailPanel panel;
        panel.setDetail(d);
        panel.show();
        QListWidget* list = panel.cameraList();
        QCOMPARE(list->count(), 1);
        QCOMPARE(list->item(0)->text(), QStringLiteral("No camera within 300 m of this case"));
        QSignalSpy asked(&panel, &CaseDetailPanel::cameraOpenRequested);
        list->setFocus();
        QTest::keyClick(list, Qt::Key_Return);
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualItemRect(list->item(0)).center());
        QCOMPARE(asked.size(), 0);
    }
};

QTEST_MAIN(TestCaseCameras)
#include "tst_casecameras.moc"
