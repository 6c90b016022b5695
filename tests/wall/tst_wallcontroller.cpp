// The wall's windows on three offscreen screens: one full-screen window per screen with
// the layout's playlist, screens going and coming, playlists rotating and pausing, the
// alert banner on every screen until acknowledged, stale marking, the kiosk lock and the
// idle cursor. The offscreen platform gets its screens from a config file (Qt 6.4's
// offscreen plugin reads "configfile=" with a "screens" list).

#include "widgets/wallcontroller.h"
#include "widgets/wallwindow.h"

#include <QApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QContextMenuEvent>
#include <QLabel>
#include <QMouseEvent>
#include <QScreen>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace gridhall;

namespace {

// A view that counts what reaches it.
class ProbeView final : public WallView {
public:
    ProbeView(const QString& kind, bool showsAlerts, QWidget* parent)
        : m_label(new Probe(parent))
        , m_kind(kind)
        , m_showsAlerts(showsAlerts)
    {
        m_label->setText(kind);
    }
    QWidget* widget() override { return m_label; }
    void showEntry(const WallViewSpec& spec) override
    {
        lastEntry = spec;
        ++entriesShown;
    }
    QString caption() const override { return QStringLiteral("probe ") + m_kind; }
    bool canShowAlert() const override { return m_showsAlerts; }
    void showAlert(const WallAlert& alert) override { alertsShown.append(alert.id); }
    void alertCleared(qint64 id) override { alertsCleared.append(id); }

    struct Probe : QLabel {
        using QLabel::QLabel;
        int presses = 0;
        int keys = 0;
        int menus = 0;
        void contextMenuEvent(QContextMenuEvent* e) override
        {
            ++menus;
            e->accept();
        }
        void mousePressEvent(QMouseEvent* e) override
        {
            ++presses;
            QLabel::mousePressEvent(e);
        }
        void keyPressEvent(QKeyEvent* e) override
        {
            ++keys;
            QLabel::keyPressEvent(e);
        }
    };
    Probe* m_label;
    QString m_kind;
    bool m_showsAlerts;
    WallViewSpec lastEntry;
    int entriesShown = 0;
    QList<qint64> alertsShown;
    QList<qint64> alertsCleared;
};

WallViewSpec spec(const QString& kind, int dwell, const QVariantMap& options = {})
{
    return { kind, options, dwell };
}

WallAlert alert(qint64 id, const QString& title)
{
    WallAlert a;
    a.id = id;
    a.title = title;
    a.detail = QStringLiteral("Shipai street · Tianhe Rd 1");
    a.hasPosition = true;
    a.position = { 113.33, 23.13 };
    a.raisedAt = QDateTime::currentDateTime();
    return a;
}

} // namespace

class TestWallController : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void threeScreensGetAWindowEach();
    void screensGoingAndComing();
    void playlistAdvancesWithItsTimer();
    void bannerOnEveryScreenUntilAcknowledged();
    void alertPausesRotationAndBringsTheMap();
    void staleMarkingAndRecovery();
    void kioskSwallowsInput();
    void cursorHidesWhenIdle();
    void typeScalesWithScreenAndDistance();

private:
    ProbeView* probe(WallWindow* w, const QString& kind) const
    {
        return static_cast<ProbeView*>(w->view(kind));
    }
    void saveShots(const QString& name);

    WallViewRegistry m_registry;
    std::unique_ptr<WallController> m_wall;
};

void TestWallController::init()
{
    m_registry = {};
    m_registry.registerKind(QStringLiteral("map"),
        [](QWidget* parent) { return std::make_unique<ProbeView>(QStringLiteral("map"), true, parent); });
    m_registry.registerKind(QStringLiteral("overview"),
        [](QWidget* parent) { return std::make_unique<ProbeView>(QStringLiteral("overview"), false, parent); });
    m_registry.registerKind(QStringLiteral("kpi"),
        [](QWidget* parent) { return std::make_unique<ProbeView>(QStringLiteral("kpi"), false, parent); });
    WallLayout layout;
    layout.screens = {
        { 1, {}, { spec(QStringLiteral("map"), 2), spec(QStringLiteral("map"), 1, { { QStringLiteral("area"), QStringLiteral("440106001") } }), spec(QStringLiteral("overview"), 1) } },
        { 0, QStringLiteral("wall-2"), { spec(QStringLiteral("overview"), 5), spec(QStringLiteral("kpi"), 5) } },
        { 0, QStringLiteral("*"), { spec(QStringLiteral("kpi"), 5) } },
    };
    m_wall = std::make_unique<WallController>(m_registry);
    m_wall->setLayout(layout);
    m_wall->setDwellScale(200); // a "second" of dwell lasts 200 ms here
}

void TestWallController::cleanup()
{
    m_wall.reset();
}

void TestWallController::threeScreensGetAWindowEach()
{
    QCOMPARE(QGuiApplication::screens().size(), 3);
    m_wall->start();
    const QList<WallWindow*> windows = m_wall->windows();
    QCOMPARE(windows.size(), 3);
    for (int i = 0; i < 3; ++i) {
        QScreen* screen = QGuiApplication::screens().at(i);
        QCOMPARE(m_wall->windowFor(screen), windows[i]);
        QVERIFY(windows[i]->isFullScreen());
        QCOMPARE(windows[i]->geometry(), screen->geometry());
        QCOMPARE(windows[i]->screen(), screen);
    }
    // Screen 1 by number, wall-2 by name, the third through "*".
    QCOMPARE(windows[0]->playlist().entries().size(), 3);
    QCOMPARE(windows[1]->playlist().current().kind, QStringLiteral("overview"));
    QCOMPARE(windows[2]->playlist().current().kind, QStringLiteral("kpi"));
    QCOMPARE(windows[2]->playlist().isRotating(), false); // one entry: nothing to rotate
}

void TestWallController::screensGoingAndComing()
{
    QList<QScreen*> screens = QGuiApplication::screens();
    m_wall->setScreenProvider([&screens] { return screens; });
    m_wall->start();
    QSignalSpy changed(m_wall.get(), &WallController::windowsChanged);
    WallWindow* first = m_wall->windows()[0];
    QPointer<WallWindow> second = m_wall->windows()[1];
    QPointer<WallWindow> third = m_wall->windows()[2];

    // wall-2 is unplugged: its window goes; wall-3 moves up to position 2 but is assigned
    // by name/"*", so it keeps its window and what it plays.
    screens.removeAt(1);
    m_wall->syncScreens();
    QCOMPARE(m_wall->windows().size(), 2);
    QVERIFY(second.isNull());
    QCOMPARE(m_wall->windows()[0], first);
    QCOMPARE(m_wall->windows()[1], third.data());
    QCOMPARE(third->playlist().current().kind, QStringLiteral("kpi"));
    QVERIFY(changed.count() >= 1);

    // It comes back: a new window, full screen on it, with its own playlist again.
    screens = QGuiApplication::screens();
    m_wall->syncScreens();
    QCOMPARE(m_wall->windows().size(), 3);
    QCOMPARE(m_wall->windows()[1]->playlist().current().kind, QStringLiteral("overview"));
    QCOMPARE(m_wall->windows()[1]->geometry(), screens[1]->geometry());
    QCOMPARE(m_wall->windows()[2], third.data());

    // An alert up while a screen is plugged in shows there too.
    m_wall->raiseAlert(alert(7, QStringLiteral("New red dispute")));
    screens.removeAt(2);
    m_wall->syncScreens();
    screens = QGuiApplication::screens();
    m_wall->syncScreens();
    QVERIFY(m_wall->windows()[2]->isBannerShown());
}

void TestWallController::playlistAdvancesWithItsTimer()
{
    // The playlist on its own: advance() by hand, then its timer.
    WallPlaylist list;
    QSignalSpy spy(&list, &WallPlaylist::currentChanged);
    list.setEntries({ spec(QStringLiteral("a"), 1), spec(QStringLiteral("b"), 2), spec(QStringLiteral("c"), 1) }, 30);
    QCOMPARE(list.currentIndex(), 0);
    QVERIFY(list.isRotating());
    // A coarse timer may fire up to 5 % late, and says so in remainingTime().
    QVERIFY(list.remainingMs() >= 0 && list.remainingMs() <= 32);
    list.advance();
    QCOMPARE(list.currentIndex(), 1);
    QVERIFY(list.remainingMs() > 30); // entry b dwells for two "seconds"
    // The timer moves on to c, then wraps around to a (spied: c dwells only 30 ms).
    spy.clear();
    QTRY_VERIFY_WITH_TIMEOUT(spy.count() >= 2, 2000);
    QCOMPARE(spy.at(0).at(0).toInt(), 2);
    QCOMPARE(spy.at(1).at(0).toInt(), 0);
    list.setPaused(true);
    QVERIFY(!list.isRotating());
    const int at = list.currentIndex();
    QTest::qWait(150);
    QCOMPARE(list.currentIndex(), at);
    list.setPaused(false);
    QTRY_VERIFY_WITH_TIMEOUT(list.currentIndex() != at, 2000);

    // On a wall window: the view on screen follows, each entry shown with its options.
    m_wall->start();
    WallWindow* w = m_wall->windows()[0];
    auto* stack = w->findChild<QStackedWidget*>();
    QVERIFY(stack);
    QCOMPARE(stack->currentWidget(), probe(w, QStringLiteral("map"))->widget());
    QTRY_COMPARE_WITH_TIMEOUT(w->playlist().currentIndex(), 1, 2000);
    QCOMPARE(probe(w, QStringLiteral("map"))->lastEntry.options.value(QStringLiteral("area")).toString(), QStringLiteral("440106001"));
    QCOMPARE(stack->currentWidget(), probe(w, QStringLiteral("map"))->widget());
    QTRY_COMPARE_WITH_TIMEOUT(w->playlist().currentIndex(), 2, 2000);
    QCOMPARE(stack->currentWidget(), probe(w, QStringLiteral("overview"))->widget());
    QVERIFY(w->findChild<QLabel*>(QStringLiteral("wallCaption"))->text().contains(QStringLiteral("probe overview")));
    QVERIFY(w->findChild<QLabel*>(QStringLiteral("wallCaption"))->text().contains(QStringLiteral("3/3")));
    QTRY_COMPARE_WITH_TIMEOUT(w->playlist().currentIndex(), 0, 2000);
}

void TestWallController::bannerOnEveryScreenUntilAcknowledged()
{
    m_wall->start();
    QSignalSpy acked(m_wall.get(), &WallController::acknowledged);
    for (WallWindow* w : m_wall->windows())
        QVERIFY(!w->isBannerShown());

    m_wall->raiseAlert(alert(42, QStringLiteral("New red dispute: wage arrears")));
    for (WallWindow* w : m_wall->windows()) {
        QVERIFY(w->isBannerShown());
        QVERIFY(w->bannerText().contains(QStringLiteral("wage arrears")));
        QVERIFY(w->bannerText().contains(QStringLiteral("Awaiting acknowledgement")));
        // Full width: the banner spans the window.
        QCOMPARE(w->findChild<QWidget*>(QStringLiteral("wallBanner"))->width(), w->width());
    }
    // Raising the same case again does not stack it.
    m_wall->raiseAlert(alert(42, QStringLiteral("New red dispute: wage arrears")));
    QCOMPARE(m_wall->alerts().size(), 1);

    // A second alert: the newest shows, the count of others with it.
    m_wall->raiseAlert(alert(43, QStringLiteral("New red dispute: land")));
    for (WallWindow* w : m_wall->windows()) {
        QVERIFY(w->bannerText().contains(QStringLiteral("land")));
        QVERIFY(w->bannerText().contains(QStringLiteral("1 more")));
    }
    saveShots(QStringLiteral("alert"));

    QVERIFY(!m_wall->acknowledge(999));
    QVERIFY(m_wall->acknowledge(43));
    for (WallWindow* w : m_wall->windows()) {
        QVERIFY(w->isBannerShown());
        QVERIFY(w->bannerText().contains(QStringLiteral("wage arrears")));
    }
    QVERIFY(m_wall->acknowledge(42));
    for (WallWindow* w : m_wall->windows())
        QVERIFY(!w->isBannerShown());
    QCOMPARE(acked.count(), 2);
    QCOMPARE(acked.at(1).at(0).toLongLong(), 42);
}

void TestWallController::alertPausesRotationAndBringsTheMap()
{
    m_wall->start();
    WallWindow* w = m_wall->windows()[0];
    w->playlist().jumpTo(2); // showing the overview
    QVERIFY(w->playlist().isRotating());
    m_wall->raiseAlert(alert(5, QStringLiteral("New red dispute")));
    // The map comes forward and flies there; the rotation waits.
    QCOMPARE(w->playlist().current().kind, QStringLiteral("map"));
    QVERIFY(w->playlist().isPaused());
    QVERIFY(!w->playlist().isRotating());
    QCOMPARE(probe(w, QStringLiteral("map"))->alertsShown, QList<qint64> { 5 });
    QVERIFY(w->findChild<QLabel*>(QStringLiteral("wallCaption"))->text().contains(QStringLiteral("paused")));
    // A screen without a map keeps its view and shows the banner.
    WallWindow* third = m_wall->windows()[2];
    QCOMPARE(third->playlist().current().kind, QStringLiteral("kpi"));
    QVERIFY(third->isBannerShown());
    QTest::qWait(200);
    QCOMPARE(w->playlist().currentIndex(), 0);

    m_wall->acknowledge(5);
    QCOMPARE(probe(w, QStringLiteral("map"))->alertsCleared, QList<qint64> { 5 });
    QVERIFY(!w->playlist().isPaused());
    QVERIFY(w->playlist().isRotating());
    QTRY_COMPARE_WITH_TIMEOUT(w->playlist().currentIndex(), 1, 2000);
}

void TestWallController::staleMarkingAndRecovery()
{
    m_wall->start();
    const QDateTime lost = QDateTime::currentDateTime().addSecs(-600);
    m_wall->setDataTime(lost);
    for (WallWindow* w : m_wall->windows()) {
        QVERIFY(!w->isStaleShown());
        QVERIFY(w->findChild<QLabel*>(QStringLiteral("wallDataTime"))->text().contains(QStringLiteral("Data as of")));
    }
    m_wall->setStale(true, lost);
    const QString time = lost.toString(QStringLiteral("HH:mm"));
    for (WallWindow* w : m_wall->windows()) {
        QVERIFY(w->isStaleShown());
        QVERIFY2(w->staleText().contains(time), qPrintable(w->staleText()));
        QVERIFY(w->staleText().contains(QStringLiteral("lost")));
        QVERIFY(w->staleText().contains(QStringLiteral("STALE")));
        QCOMPARE(w->findChild<QWidget*>(QStringLiteral("wallFrame"))->property("stale").toBool(), true);
        QVERIFY(w->findChild<QLabel*>(QStringLiteral("wallDataTime"))->text().contains(QStringLiteral("STALE")));
    }
    saveShots(QStringLiteral("stale"));
    m_wall->setStale(false, {});
    for (WallWindow* w : m_wall->windows()) {
        QVERIFY(!w->isStaleShown());
        QCOMPARE(w->findChild<QWidget*>(QStringLiteral("wallFrame"))->property("stale").toBool(), false);
    }
}

void TestWallController::kioskSwallowsInput()
{
    m_wall->start();
    WallWindow* w = m_wall->windows()[0];
    auto* label = static_cast<ProbeView::Probe*>(probe(w, QStringLiteral("map"))->widget());
    QTest::mouseClick(label, Qt::LeftButton);
    QTest::keyClick(label, Qt::Key_Left);
    QCOMPARE(label->presses, 0);
    QCOMPARE(label->keys, 0);
    QContextMenuEvent menu(QContextMenuEvent::Mouse, QPoint(5, 5), label->mapToGlobal(QPoint(5, 5)));
    QApplication::sendEvent(label, &menu);
    QCOMPARE(label->menus, 0);

    // The acknowledge key works only when enabled (demo and drill runs).
    m_wall->raiseAlert(alert(9, QStringLiteral("New red dispute")));
    QTest::keyClick(label, Qt::Key_A, Qt::ControlModifier | Qt::AltModifier);
    QCOMPARE(m_wall->alerts().size(), 1);
    m_wall->setDemoShortcutsEnabled(true);
    QTest::keyClick(label, Qt::Key_A, Qt::ControlModifier | Qt::AltModifier);
    QVERIFY(m_wall->alerts().isEmpty());
    QVERIFY(!w->isBannerShown());

    // Widgets outside the wall are not locked.
    ProbeView::Probe outside;
    QTest::mouseClick(&outside, Qt::LeftButton);
    QCOMPARE(outside.presses, 1);
    QApplication::sendEvent(&outside, &menu);
    QCOMPARE(outside.menus, 1);
}

void TestWallController::cursorHidesWhenIdle()
{
    m_wall->setCursorIdleMs(50);
    m_wall->start();
    QTRY_VERIFY_WITH_TIMEOUT(m_wall->isCursorHidden(), 2000);
    QCOMPARE(QGuiApplication::overrideCursor()->shape(), Qt::BlankCursor);
    QTest::mouseMove(m_wall->windows()[0], QPoint(100, 100));
    QVERIFY(!m_wall->isCursorHidden());
    QVERIFY(!QGuiApplication::overrideCursor());
    QTRY_VERIFY_WITH_TIMEOUT(m_wall->isCursorHidden(), 2000);
    m_wall.reset(); // gives the cursor back
    QVERIFY(!QGuiApplication::overrideCursor());
}

void TestWallController::typeScalesWithScreenAndDistance()
{
    // A 55-inch 4K panel (1210 x 680 mm) seen from 4 m: text ~16 mm tall, about 51 px.
    const int uhd = WallWindow::bodyPixelSize({ 3840, 2160 }, { 1210, 680 }, 4);
    QVERIFY2(uhd >= 45 && uhd <= 56, qPrintable(QString::number(uhd)));
    // The same panel in full HD: half the pixels for the same millimetres.
    const int fhd = WallWindow::bodyPixelSize({ 1920, 1080 }, { 1210, 680 }, 4);
    QVERIFY(qAbs(fhd * 2 - uhd) <= 2);
    // Farther away: larger.
    QVERIFY(WallWindow::bodyPixelSize({ 3840, 2160 }, { 1210, 680 }, 8) > uhd);
    // No believable physical size: taken as a 55-inch panel.
    QCOMPARE(WallWindow::bodyPixelSize({ 3840, 2160 }, { 0, 0 }, 4), WallWindow::bodyPixelSize({ 3840, 2160 }, { 1218, 685 }, 4));
    // Clamped so a line never takes more than 1/18 of the height.
    QVERIFY(WallWindow::bodyPixelSize({ 1920, 1080 }, { 300, 170 }, 20) <= 1080 / 18);

    // The windows apply it per screen.
    m_wall->start();
    const QList<WallWindow*> windows = m_wall->windows();
    QVERIFY(windows[2]->bodyPixelSize() > windows[0]->bodyPixelSize()); // the 4K screen
    const QFont caption = windows[2]->findChild<QLabel*>(QStringLiteral("wallCaption"))->font();
    QCOMPARE(caption.pixelSize(), windows[2]->bodyPixelSize());
}

void TestWallController::saveShots(const QString& name)
{
    // For looking at: GRIDHALL_WALL_SHOTS=dir saves each window.
    const QString dir = qEnvironmentVariable("GRIDHALL_WALL_SHOTS");
    if (dir.isEmpty())
        return;
    QTest::qWait(50); // layouts settle in the event loop
    int i = 0;
    for (WallWindow* w : m_wall->windows())
        w->grab().save(QStringLiteral("%1/%2-%3.png").arg(dir, name).arg(++i));
}

int main(int argc, char** argv)
{
    // Three screens: two full-HD side by side and a 4K one, named as xrandr would.
    QTemporaryDir dir;
    QJsonArray screens;
    const struct {
        const char* name;
        int x, w, h;
    } specs[] = { { "wall-1", 0, 1920, 1080 }, { "wall-2", 1920, 1920, 1080 }, { "wall-3", 3840, 3840, 2160 } };
    for (const auto& s : specs)
        screens.append(QJsonObject { { QStringLiteral("name"), QString::fromLatin1(s.name) },
            { QStringLiteral("x"), s.x }, { QStringLiteral("y"), 0 }, { QStringLiteral("width"), s.w },
            { QStringLiteral("height"), s.h }, { QStringLiteral("logicalDpi"), 96 },
            { QStringLiteral("logicalBaseDpi"), 96 }, { QStringLiteral("dpr"), 1 } });
    const QString config = dir.filePath(QStringLiteral("screens.json"));
    QFile file(config);
    if (!file.open(QIODevice::WriteOnly))
        return 1;
    file.write(QJsonDocument(QJsonObject { { QStringLiteral("screens"), screens } }).toJson());
    file.close();
    qputenv("QT_QPA_PLATFORM", QByteArray("offscreen:configfile=") + config.toLocal8Bit());

    QApplication app(argc, argv);
    TestWallController test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_wallcontroller.moc"
