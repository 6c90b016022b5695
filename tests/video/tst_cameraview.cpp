// The live camera view against a real RTSP server (gridhall-cameras on loopback): pictures
// arrive and change, a server that stops is reported in words and the view comes back by
// itself when the server does, and a wrong URL is reported in words.

#include "cameraserver.h"
#include "widgets/cameraview.h"

#include <QSignalSpy>
#include <QTest>

using namespace gridhall;
using namespace gridhall::testing;

class TestCameraView : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void picturesArriveAndChange();
    void stoppedServerIsReportedAndRecovers();
    void wrongUrlIsReportedInWords();

private:
    CameraServer m_server;
};

void TestCameraView::initTestCase()
{
    QVERIFY(m_server.start());
}

void TestCameraView::picturesArriveAndChange()
{
    CameraView view;
    view.resize(352, 288);
    view.show();
    view.play(m_server.url(QStringLiteral("/cam/T001/sub")), QStringLiteral("T001"));
    QVERIFY(QTest::qWaitFor([&] { return view.framesShown() >= 3; }, 20000));
    QCOMPARE(view.state(), CameraView::State::Live);
    QCOMPARE(view.statusText(), QString());
    const QImage first = view.currentFrame();
    QCOMPARE(first.size(), QSize(352, 288));
    // The ball moves and the clock turns: a picture a second and a half later differs.
    const qint64 before = view.framesShown();
    QTest::qWait(1500);
    QVERIFY(view.framesShown() > before + 5);
    const QImage later = view.currentFrame();
    QVERIFY2(differingPixels(first, later) > 50, qPrintable(QString::number(differingPixels(first, later))));
    // The picture is on the widget, not only in the sink.
    const QImage shown = view.grab().toImage();
    QVERIFY(pixelsAboveBlack(shown) > 500);
}

void TestCameraView::stoppedServerIsReportedAndRecovers()
{
    CameraView view;
    view.setStallTimeout(3000);
    view.resize(352, 288);
    view.show();
    view.play(m_server.url(QStringLiteral("/cam/T002/sub")), QStringLiteral("Gate 2"));
    QVERIFY(QTest::qWaitFor([&] { return view.state() == CameraView::State::Live; }, 20000));

    const quint16 port = m_server.port();
    m_server.stop();
    QVERIFY(QTest::qWaitFor([&] { return view.state() == CameraView::State::Retrying; }, 15000));
    QVERIFY2(view.statusText().contains(QStringLiteral("Gate 2")), qPrintable(view.statusText()));
    QVERIFY2(view.statusText().contains(QStringLiteral("no live picture")), qPrintable(view.statusText()));
    QVERIFY2(view.statusText().contains(QStringLiteral("Trying again")), qPrintable(view.statusText()));

    // The server comes back on its port: the view finds it without being asked.
    QVERIFY(m_server.start(port));
    const qint64 framesBefore = view.framesShown();
    QVERIFY(QTest::qWaitFor([&] { return view.state() == CameraView::State::Live && view.framesShown() > framesBefore + 2; }, 30000));
    QCOMPARE(view.statusText(), QString());
}

void TestCameraView::wrongUrlIsReportedInWords()
{
    CameraView view;
    view.setStallTimeout(3000);
    view.show();
    // A path the server does not serve, and a port nobody listens on.
    view.play(m_server.url(QStringLiteral("/no/such/camera")), QStringLiteral("Gate 9"));
    QVERIFY(QTest::qWaitFor([&] { return view.state() == CameraView::State::Retrying; }, 15000));
    QVERIFY2(view.statusText().contains(QStringLiteral("Gate 9: no live picture (")), qPrintable(view.statusText()));
    QCOMPARE(view.framesShown(), 0);
    QVERIFY(view.currentFrame().isNull());

    view.play(QUrl(QStringLiteral("rtsp://viewer:Secret-1@127.0.0.1:1/cam/X")), QStringLiteral("Gate 10"));
    QVERIFY(QTest::qWaitFor([&] { return view.state() == CameraView::State::Retrying; }, 15000));
    QVERIFY(view.statusText().contains(QStringLiteral("Gate 10")));
    QVERIFY(!view.statusText().contains(QStringLiteral("Secret-1")));
    QVERIFY(!view.toolTip().contains(QStringLiteral("Secret-1")));
    QVERIFY(view.toolTip().contains(QStringLiteral("***")));
}

QTEST_MAIN(TestCameraView)
#include "tst_cameraview.moc"
