// The queue widgets offscreen: tabs with live counts, selection kept through live
// changes, drops on the workers, departments and escalation lists (with the hover
// preview and refusals), context menu and keyboard paths, saved filters, the alert banner
// and the case detail; and a screenshot of the whole desk for a human to look at.

#include "maps/casemime.h"
#include "models/itemmodels/casesample.h"
#include "tests/queues/queuefixture.h"
#include "models/domain/taxonomy.h"
#include "models/itemmodels/areatreemodel.h"
#include "widgets/alertbanner.h"
#include "widgets/areatreewidget.h"
#include "widgets/casedetailpanel.h"
#include "widgets/casequeuepanel.h"
#include "widgets/dispatchpanels.h"
#include "widgets/mapcasedrop.h"
#include "widgets/photoviewer.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QBuffer>
#include <QDialogButtonBox>
#include <QDragMoveEvent>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QMenu>
#include <QScrollBar>
#include <QSettings>
#include <QSplitter>
#include <QTabBar>
#include <QTreeWidget>
#include <QTreeView>
#include <QVBoxLayout>

using namespace gridhall;
using namespace queuetest;

namespace {
// Drags case ids over a view's row and, if asked, drops them; returns whether accepted.
bool dragOver(QAbstractItemView* view, int row, const QList<qint64>& ids, bool drop)
{
    const QPoint pos = view->visualRect(view->model()->index(row, 0)).center();
    std::unique_ptr<QMimeData> mime = makeCaseMimeData(ids);
    QDragEnterEvent enter(pos, Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(view->viewport(), &enter);
    QDragMoveEvent move(pos, Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(view->viewport(), &move);
    if (!drop)
        return move.isAccepted();
    QDropEvent dropEvent(QPointF(pos), Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(view->viewport(), &dropEvent);
    return dropEvent.isAccepted();
}

QByteArray jpegOf(QSize size, QColor colour)
{
    QImage image(size, QImage::Format_RGB32);
    image.fill(colour);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "JPEG", 80);
    return bytes;
}

CasePhoto photoOf(qint64 id, qint64 caseId, int minutes, QColor colour)
{
    CasePhoto p;
    p.id = id;
    p.caseId = caseId;
    p.eventId = 100 + id;
    p.takenAt = QDateTime::fromMSecsSinceEpoch(storetest::kMonday + minutes * 60000LL, Qt::UTC);
    p.mime = QStringLiteral("image/jpeg");
    p.width = 1600;
    p.height = 1200;
    p.bytes = 210000;
    p.thumbnail = jpegOf(QSize(160, 120), colour);
    return p;
}

int rowWithCode(QAbstractItemModel* model, int role, const QString& code)
{
    for (int r = 0; r < model->rowCount(); ++r)
        if (model->index(r, 0).data(role).toString() == code)
            return r;
    return -1;
}
} // namespace

class TestQueueWidgets : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void tabsShowLiveCounts();
    void liveUpdateKeepsSelectionAndScroll();
    void dropOnAWorkerShowsWhatAndQueues();
    void theWorkersHoldStillUnderADrag();
    void dropOnADepartmentAndALevel();
    void dropOnTheMap();
    void dispatchDialogSearchesAndPreviews();
    void menuAndKeyboardPaths();
    void savedFilters();
    void chartSelectionNarrowsAndClears();
    void alertBannerGroupsAndAcknowledges();
    void namesFollowTheInterfaceLanguage();
    void overdueBadgeHoldsItsPlaceUntilTheCount();
    void detailPanelShowsTimelineAndSla();
    void detailPanelShowsPhotosFromTheStore();
    void photoViewerStepsAndSaysWhy();
    void screenshot();
    void areaTreeKeepsNamesReadable();

private:
    std::unique_ptr<Desk> m_desk;
    QTemporaryDir m_settingsDir;
};

void TestQueueWidgets::initTestCase()
{
    QCoreApplication::setOrganizationName(QStringLiteral("GridHallTest"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_queuewidgets"));
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settingsDir.path());
}

void TestQueueWidgets::init()
{
    m_desk = std::make_unique<Desk>();
    QVERIFY(m_desk->open());
}

void TestQueueWidgets::cleanup()
{
    m_desk.reset();
}

void TestQueueWidgets::tabsShowLiveCounts()
{
    Desk& d = *m_desk;
    CaseQueuePanel panel(d.model, *d.controller);
    QCOMPARE(panel.currentView(), QueueView::ToDispatch);
    const int toDispatch = d.model.viewCount(QueueView::ToDispatch);
    QCOMPARE(toDispatch, 10); // 12 minus the one in handling and the verified one
    auto tabText = [&panel](QueueView v) {
        for (int i = 0; i < panel.tabBar()->count(); ++i)
            if (panel.tabBar()->tabData(i).toInt() == int(v))
                return panel.tabBar()->tabText(i);
        return QString();
    };
    QVERIFY2(tabText(QueueView::ToDispatch).contains(QStringLiteral("(10)")), qPrintable(tabText(QueueView::ToDispatch)));
    Case extra = storetest::makeCase(50, CaseState::Registered);
    d.model.applyCases({ extra });
    QTRY_VERIFY(tabText(QueueView::ToDispatch).contains(QStringLiteral("(11)"))); // after the run of deltas
    QCOMPARE(d.model.rowCount(), 11);
    // Case 1's deadline passed an hour ago, case 50's in January.
    QVERIFY(d.model.viewCount(QueueView::Overdue) >= 2);
    QVERIFY(tabText(QueueView::Overdue).contains(QStringLiteral("(%1)").arg(d.model.viewCount(QueueView::Overdue))));
}

void TestQueueWidgets::liveUpdateKeepsSelectionAndScroll()
{
    Desk& d = *m_desk;
    QList<Case> many;
    for (int i = 100; i < 400; ++i)
        many.append(storetest::makeCase(i, CaseState::Registered));
    d.model.applyCases(many);
    CaseQueuePanel panel(d.model, *d.controller);
    panel.resize(900, 400);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    panel.view()->sortByColumn(CaseQueueModel::CodeColumn, Qt::AscendingOrder);
    panel.selectCase(250);
    QItemSelectionModel* sel = panel.view()->selectionModel();
    sel->select(d.model.index(d.model.rowOfCase(251), 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
    QCOMPARE(panel.selectedCaseIds(), (QList<qint64> { 250, 251 }));
    const int scroll = panel.view()->verticalScrollBar()->value();
    QVERIFY(scroll > 0);

    // Sync brings: a selected case changes in place, one below leaves the queue, one
    // above leaves the queue, a new one arrives — no reset.
    QSignalSpy resets(&d.model, &QAbstractItemModel::modelReset);
    Case changed = storetest::makeCase(251, CaseState::Registered, 2);
    changed.description = QStringLiteral("更新：摊贩已离开");
    Case gone = storetest::makeCase(300, CaseState::Dispatched, 2);
    Case goneAbove = storetest::makeCase(120, CaseState::Dispatched, 2);
    Case arrived = storetest::makeCase(500, CaseState::Registered);
    d.model.applyCases({ changed, gone, goneAbove, arrived });
    QCOMPARE(resets.size(), 0);
    QCOMPARE(panel.selectedCaseIds(), (QList<qint64> { 250, 251 }));
    QCOMPARE(panel.view()->currentIndex().data(CaseQueueModel::CaseIdRole).toLongLong(), qint64(250));
    // One row fewer above: the view stays on the same cases, not back at the top.
    QVERIFY(qAbs(panel.view()->verticalScrollBar()->value() - scroll) <= 1);

    // Changing the filter resets the model, but the cases in hand stay selected.
    panel.searchEdit()->setText(QStringLiteral("天河路"));
    QTRY_COMPARE(d.model.filter().text, QStringLiteral("天河路"));
    QCOMPARE(panel.selectedCaseIds(), (QList<qint64> { 250, 251 }));
    // A selected case the new filter hides is simply no longer selected.
    panel.searchEdit()->setText(QStringLiteral("占道"));
    QTRY_COMPARE(d.model.filter().text, QStringLiteral("占道"));
    QCOMPARE(panel.selectedCaseIds(), QList<qint64> { 250 }); // 251's description changed
}

void TestQueueWidgets::dropOnAWorkerShowsWhatAndQueues()
{
    Desk& d = *m_desk;
    WorkersPanel panel(d.workers, *d.controller);
    QAbstractItemModelTester tester(panel.proxy(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    panel.resize(420, 300);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QAbstractItemModel* proxy = panel.view()->model();
    const int zhang = rowWithCode(proxy, WorkerListModel::CodeRole, QStringLiteral("GW0001"));
    const int wang = rowWithCode(proxy, WorkerListModel::CodeRole, QStringLiteral("GW0003"));
    QVERIFY(zhang >= 0 && wang >= 0);

    // Hovering shows what will happen, before anything is queued.
    QVERIFY(dragOver(panel.view(), zhang, { 1, 6, 7 }, false));
    QVERIFY(panel.view()->isHovering());
    QVERIFY2(panel.view()->hoverPlan().caption.contains(QStringLiteral("3")), qPrintable(panel.view()->hoverPlan().caption));
    QVERIFY(panel.view()->hoverPlan().caption.contains(QStringLiteral("张三 · 天河南街 G-0123")));
    // An offline worker refuses, saying why.
    QVERIFY(!dragOver(panel.view(), wang, { 1 }, false));
    QVERIFY(panel.view()->hoverPlan().refusal.contains(QLatin1String("offline")));
    QVERIFY(!dragOver(panel.view(), wang, { 1 }, true));

    QSignalSpy dropped(panel.view(), &CaseDropView::dropped);
    QVERIFY(dragOver(panel.view(), zhang, { 1, 6 }, true));
    QCOMPARE(dropped.size(), 1);
    QVERIFY(dropped.at(0).at(2).toBool());
    QTRY_COMPARE(d.controller->tracker()->forCase(6)->status, ActionStatus::Queued);
    const QList<OutboxEntry> outbox = d.outbox();
    QCOMPARE(outbox.size(), 2);
    QCOMPARE(QJsonDocument::fromJson(outbox[0].payload).object().value(QLatin1String("target")).toString(),
        QStringLiteral("GW0001"));

    // Search narrows the list.
    panel.searchEdit()->setText(QStringLiteral("李"));
    QCOMPARE(proxy->rowCount(), 1);
}

void TestQueueWidgets::theWorkersHoldStillUnderADrag()
{
    // At 1M cases and 20,000 handhelds a case dragged onto the nearest worker was dispatched
    // to another: nearest first re-sorted under the cursor as positions came in, and the
    // caption still named the first. The rows now hold still while cases hover over them.
    Desk& d = *m_desk;
    d.workers.setPositionsInterval(0);
    WorkersPanel panel(d.workers, *d.controller);
    panel.resize(420, 300);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    const LonLat scene { 113.321, 23.131 }; // where 张三 stands
    d.workers.setReference(scene);
    QAbstractItemModel* proxy = panel.view()->model();
    const auto first = [proxy] { return proxy->index(0, 0).data(WorkerListModel::CodeRole).toString(); };
    QTRY_COMPARE(first(), QStringLiteral("GW0001"));

    const QPoint pos = panel.view()->visualRect(proxy->index(0, 0)).center();
    std::unique_ptr<QMimeData> mime = makeCaseMimeData({ 1 });
    QDragEnterEvent enter(pos, Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(panel.view()->viewport(), &enter);
    QDragMoveEvent move(pos, Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(panel.view()->viewport(), &move);
    QVERIFY(panel.view()->hoverPlan().caption.contains(QStringLiteral("张三")));

    // 李四 walks up to the scene and 张三 away while the case hovers over 张三's row.
    const QDateTime now = QDateTime::currentDateTimeUtc();
    d.workers.setNow(now);
    d.workers.setPositions({ { QStringLiteral("GW0001"), { { 113.40, 23.20 }, now } }, { QStringLiteral("GW0002"), { scene, now } } });
    QCoreApplication::processEvents();
    QCOMPARE(first(), QStringLiteral("GW0001"));
    QDragMoveEvent still(pos, Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(panel.view()->viewport(), &still);
    QVERIFY(panel.view()->hoverPlan().caption.contains(QStringLiteral("张三")));

    QDropEvent drop(QPointF(pos), Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(panel.view()->viewport(), &drop);
    QVERIFY(drop.isAccepted());
    const QList<OutboxEntry> outbox = d.outbox();
    QCOMPARE(outbox.size(), 1);
    QCOMPARE(QJsonDocument::fromJson(outbox[0].payload).object().value(QLatin1String("target")).toString(), QStringLiteral("GW0001"));
    // The drag gone, the list takes the new order.
    QTRY_COMPARE(first(), QStringLiteral("GW0002"));
}

void TestQueueWidgets::dropOnADepartmentAndALevel()
{
    Desk& d = *m_desk;
    DepartmentsPanel panel(d.departments, *d.controller);
    DispatchTarget street;
    street.kind = DispatchTarget::Kind::Street;
    street.code = kStreet;
    street.name = QStringLiteral("天河南街");
    DispatchTarget district;
    district.kind = DispatchTarget::Kind::District;
    district.code = QStringLiteral("440106");
    district.name = QStringLiteral("天河区");
    panel.setEscalationTargets({ street, district });
    panel.resize(360, 400);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));

    QVERIFY(dragOver(panel.departmentsView(), 1, { 7 }, true)); // 环卫
    QVERIFY(!dragOver(panel.escalationView(), 0, { 7 }, false)); // a street case cannot go to the street
    QVERIFY(panel.escalationView()->hoverPlan().refusal.contains(QLatin1String("level")));
    QVERIFY(dragOver(panel.escalationView(), 0, { 3 }, true)); // community case → street
    QVERIFY(dragOver(panel.escalationView(), 1, { 8 }, true)); // street case → district
    QTRY_COMPARE(d.controller->tracker()->forCase(8)->status, ActionStatus::Queued);
    const QList<OutboxEntry> outbox = d.outbox();
    QCOMPARE(outbox.size(), 3);
    QCOMPARE(outbox[0].action, QStringLiteral("dispatch"));
    QCOMPARE(QJsonDocument::fromJson(outbox[0].payload).object().value(QLatin1String("target")).toString(), QStringLiteral("HW"));
    QCOMPARE(outbox[1].action, QStringLiteral("escalate"));
    QCOMPARE(outbox[1].caseId, qint64(3));
    QCOMPARE(outbox[2].action, QStringLiteral("escalate"));
    QCOMPARE(outbox[2].caseId, qint64(8));
}

void TestQueueWidgets::dropOnTheMap()
{
    Desk& d = *m_desk;
    DropTarget onWorker;
    onWorker.kind = DropTarget::Kind::Worker;
    onWorker.code = QStringLiteral("GW0001");
    QCOMPARE(dispatchTargetFromMap(onWorker, d.workers).code, QStringLiteral("GW0001"));
    DropTarget onGrid; // a grid means its grid worker (一格一员)
    onGrid.kind = DropTarget::Kind::Grid;
    onGrid.code = kStreet + QStringLiteral("002001");
    QCOMPARE(dispatchTargetFromMap(onGrid, d.workers).code, QStringLiteral("GW0001"));
    DropTarget empty;
    empty.kind = DropTarget::Kind::Grid;
    empty.code = QStringLiteral("440106009009009");
    QCOMPARE(dispatchTargetFromMap(empty, d.workers).kind, DispatchTarget::Kind::None);

    // The caption under the cursor says what the drop would do, or why not.
    QList<qint64> dragged { 1, 6 };
    const MapCanvas::DropResolver resolver = explainingDropResolver(
        [&onWorker](QPointF, const Viewport&) { return onWorker; }, *d.controller, d.workers, [&dragged] { return dragged; });
    QVERIFY(resolver(QPointF(), Viewport()).caption.contains(QStringLiteral("张三")));
    dragged = { 2 }; // being handled
    QVERIFY(resolver(QPointF(), Viewport()).caption.contains(QLatin1String("not possible")));

    MapCanvas canvas;
    connectMapDrops(canvas, *d.controller, d.workers);
    emit canvas.casesDropped({ 1, 6 }, onGrid);
    QTRY_VERIFY(d.controller->tracker()->forCase(6) && d.controller->tracker()->forCase(6)->status == ActionStatus::Queued);
    const QList<OutboxEntry> outbox = d.outbox();
    QCOMPARE(outbox.size(), 2);
    QCOMPARE(QJsonDocument::fromJson(outbox[1].payload).object().value(QLatin1String("target")).toString(),
        QStringLiteral("GW0001"));
    QSignalSpy messages(d.controller.get(), &CaseActionController::message);
    emit canvas.casesDropped({ 7 }, empty);
    QCOMPARE(messages.size(), 1);
    QCOMPARE(d.outbox().size(), 2);
}

void TestQueueWidgets::dispatchDialogSearchesAndPreviews()
{
    Desk& d = *m_desk;
    DispatchTargetDialog dialog(&d.workers, &d.departments, *d.controller, { 1, 6 });
    dialog.searchEdit()->setText(QStringLiteral("城管"));
    std::optional<DispatchTarget> chosen = dialog.chosen();
    QVERIFY(chosen);
    QCOMPARE(chosen->kind, DispatchTarget::Kind::Department);
    QCOMPARE(chosen->code, QStringLiteral("CG"));
    auto* ok = dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
    QVERIFY(ok->isEnabled());
    // An offline worker can be found but not chosen: the preview says why.
    dialog.searchEdit()->setText(QStringLiteral("GW0003"));
    chosen = dialog.chosen();
    QVERIFY(chosen && chosen->code == QStringLiteral("GW0003"));
    QVERIFY(!ok->isEnabled());
    bool explained = false;
    for (QLabel* l : dialog.findChildren<QLabel*>())
        explained = explained || l->text().contains(QLatin1String("offline"));
    QVERIFY(explained);
}

void TestQueueWidgets::menuAndKeyboardPaths()
{
    Desk& d = *m_desk;
    CaseQueuePanel panel(d.model, *d.controller);
    panel.setNotePrompt([](CaseAction, int) { return std::optional<QString>(QStringLiteral("地址有误，退回核实")); });
    DispatchTarget cg { DispatchTarget::Kind::Department, QStringLiteral("CG"), QStringLiteral("城管"), {}, {}, true };
    panel.setTargetPrompt([cg](const QList<qint64>&) { return std::optional<DispatchTarget>(cg); });
    panel.resize(900, 400);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    panel.selectCase(1);

    auto actionsOf = [](QMenu* menu) {
        QList<CaseAction> list;
        for (QAction* a : menu->actions())
            if (a->data().isValid() && a->isEnabled())
                list.append(CaseAction(a->data().toInt()));
        return list;
    };
    std::unique_ptr<QMenu> menu(panel.createContextMenu(nullptr));
    QCOMPARE(actionsOf(menu.get()), (QList<CaseAction> { CaseAction::Dispatch, CaseAction::Return, CaseAction::Escalate }));

    // Return needs a reason: it is asked for and goes into the outbox.
    for (QAction* a : menu->actions())
        if (a->data().toInt() == int(CaseAction::Return))
            a->trigger();
    QTRY_VERIFY(d.controller->tracker()->forCase(1) && d.controller->tracker()->forCase(1)->status == ActionStatus::Queued);
    QList<OutboxEntry> outbox = d.outbox();
    QCOMPARE(outbox.size(), 1);
    QCOMPARE(outbox[0].action, QStringLiteral("return"));
    QCOMPARE(QJsonDocument::fromJson(outbox[0].payload).object().value(QLatin1String("note")).toString(),
        QStringLiteral("地址有误，退回核实"));

    // Keyboard: Ctrl+D dispatches the selection, Ctrl+Z takes it back.
    panel.selectCase(6);
    panel.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&panel));
    panel.view()->setFocus();
    QTest::keyClick(panel.view(), Qt::Key_D, Qt::ControlModifier);
    QTRY_VERIFY(d.controller->tracker()->forCase(6) && d.controller->tracker()->forCase(6)->status == ActionStatus::Queued);
    QCOMPARE(d.outbox().size(), 2);
    QTest::keyClick(panel.view(), Qt::Key_Z, Qt::ControlModifier);
    QTRY_COMPARE(d.controller->tracker()->forCase(6)->status, ActionStatus::Withdrawn);
    QCOMPARE(d.outbox().size(), 1);

    // A leader sees no action at all.
    d.controller->setActor({ QStringLiteral("boss"), Role::Leader });
    std::unique_ptr<QMenu> leaderMenu(panel.createContextMenu(nullptr));
    QVERIFY(actionsOf(leaderMenu.get()).isEmpty());
    QVERIFY(!panel.trigger(CaseAction::Dispatch));
}

void TestQueueWidgets::savedFilters()
{
    Desk& d = *m_desk;
    CaseQueuePanel panel(d.model, *d.controller);
    panel.setAreas({ { kStreet, QStringLiteral("天河南街") }, { kOtherStreet, QStringLiteral("林和街") } });
    panel.setCurrentView(QueueView::All);
    panel.searchEdit()->setText(QStringLiteral("天河路5号"));
    panel.saveFilter(QStringLiteral("五号"));
    QVERIFY(panel.savedFilterNames().contains(QStringLiteral("五号")));
    const CaseQueueFilter saved = panel.filterFromControls();

    panel.setCurrentView(QueueView::ToDispatch);
    panel.searchEdit()->clear();
    QVERIFY(panel.applySavedFilter(QStringLiteral("五号")));
    QCOMPARE(panel.currentView(), QueueView::All);
    QCOMPARE(panel.filterFromControls().text, saved.text);
    QCOMPARE(d.model.filter().text, saved.text);
    QCOMPARE(d.model.rowCount(), 1); // 天河路5号 is case 4's address

    // Another panel (the next start) sees it; removing forgets it.
    CaseQueuePanel other(d.model, *d.controller);
    QVERIFY(other.savedFilterNames().contains(QStringLiteral("五号")));
    other.removeSavedFilter(QStringLiteral("五号"));
    QVERIFY(!panel.savedFilterNames().contains(QStringLiteral("五号")));
}

// A KPI chart click lands in the queue as a selection bar: the rows are the chart's cases,
// the operator's own filter narrows them, Esc brings the whole queue back.
void TestQueueWidgets::chartSelectionNarrowsAndClears()
{
    Desk& d = *m_desk;
    CaseQueuePanel panel(d.model, *d.controller);
    panel.setAreas({ { kStreet, QStringLiteral("天河南街") }, { kOtherStreet, QStringLiteral("林和街") } });
    panel.setCurrentView(QueueView::ToDispatch);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    auto* bar = panel.findChild<QWidget*>(QStringLiteral("queueSelectionBar"));
    QVERIFY(bar);
    QVERIFY(!bar->isVisible());

    CaseFilter chart;
    chart.areaCode = kStreet;
    chart.from = d.cases.at(0).reportedAt;
    chart.to = d.cases.at(6).reportedAt; // cases 1..6 reported, case 4 in another street
    QList<qint64> expected;
    for (const Case& c : d.cases) {
        if (chart.matches(c))
            expected.append(c.id);
    }
    QCOMPARE(expected, (QList<qint64> { 1, 2, 3, 5, 6 }));
    panel.showChartSelection(queueFilterFor(chart));
    QVERIFY(panel.hasChartSelection());
    QVERIFY(bar->isVisible());
    QCOMPARE(panel.currentView(), QueueView::All);
    QVERIFY2(panel.chartSelectionCaption().contains(QStringLiteral("天河南街")), qPrintable(panel.chartSelectionCaption()));
    QList<qint64> shown;
    for (int row = 0; row < d.model.rowCount(); ++row)
        shown.append(d.model.caseIdAt(row));
    std::sort(shown.begin(), shown.end());
    QCOMPARE(shown, expected);

    // The operator's tab narrows the chart's cases: registered ones only (case 2 is in
    // handling, case 5 verified).
    panel.setCurrentView(QueueView::ToDispatch);
    QCOMPARE(d.model.rowCount(), 3);
    QVERIFY(panel.hasChartSelection());

    QTest::keyClick(panel.view(), Qt::Key_Escape);
    QVERIFY(!panel.hasChartSelection());
    QVERIFY(!bar->isVisible());
    QVERIFY(!d.model.filter().reportedFrom.isValid());
    QVERIFY(d.model.filter().areaPrefix.isEmpty());
    QCOMPARE(d.model.rowCount(), d.model.viewCount(QueueView::ToDispatch));
}

void TestQueueWidgets::alertBannerGroupsAndAcknowledges()
{
    AlertBanner banner;
    QSignalSpy acknowledged(&banner, &AlertBanner::acknowledged);
    QList<Case> cases;
    for (int i = 1; i <= 4; ++i) {
        Case c = storetest::makeCase(i, CaseState::Reported);
        c.disputeLevel = i == 4 ? DisputeLevel::Orange : DisputeLevel::Red;
        c.alertAckedAt = {};
        cases.append(c);
    }
    banner.considerCases({ cases[0] });
    QCOMPARE(banner.pendingCount(), 1);
    QVERIFY(banner.bannerText().contains(cases[0].code));
    banner.considerCases(cases);
    QCOMPARE(banner.pendingCount(), 3); // orange is no banner; case 1 not twice
    QVERIFY(banner.bannerText().startsWith(QLatin1Char('3')));
    QVERIFY(banner.bannerText().contains(cases[2].code)); // the latest one named
    QSignalSpy show(&banner, &AlertBanner::showCaseRequested);
    banner.findChildren<QPushButton*>().first()->click();
    QCOMPARE(show.size(), 1);
    QCOMPARE(show.at(0).at(0).toLongLong(), qint64(3));
    banner.acknowledgeAll();
    QCOMPARE(acknowledged.size(), 1);
    QCOMPARE(acknowledged.at(0).at(0).value<QList<qint64>>(), (QList<qint64> { 1, 2, 3 }));
    QCOMPARE(banner.pendingCount(), 0);
    banner.considerCases(cases); // acknowledged ones never come back
    QCOMPARE(banner.pendingCount(), 0);

    // Another workstation acknowledges a red dispute, or it closes: the banner takes it down
    // without acknowledging anything itself.
    Case fresh = storetest::makeCase(6, CaseState::Registered);
    fresh.disputeLevel = DisputeLevel::Red;
    fresh.alertAckedAt = {};
    Case other = storetest::makeCase(8, CaseState::Registered);
    other.disputeLevel = DisputeLevel::Red;
    other.alertAckedAt = {};
    banner.considerCases({ fresh, other });
    QCOMPARE(banner.pendingCount(), 2);
    fresh.alertAckedAt = QDateTime::currentDateTimeUtc();
    fresh.version += 1;
    other.state = CaseState::Closed;
    banner.considerCases({ fresh });
    QCOMPARE(banner.pendingCount(), 1);
    banner.considerCases({ other });
    QCOMPARE(banner.pendingCount(), 0);
    QCOMPARE(acknowledged.size(), 1);
    // Acknowledged before this desk saw it: never raised.
    Case seenElsewhere = storetest::makeCase(10, CaseState::Reported);
    seenElsewhere.disputeLevel = DisputeLevel::Red;
    seenElsewhere.alertAckedAt = QDateTime::currentDateTimeUtc();
    banner.considerCases({ seenElsewhere });
    QCOMPARE(banner.pendingCount(), 0);

    banner.setOverdueCount(3); // the baseline at start is no news
    QVERIFY(!banner.overdueHighlighted());
    banner.setOverdueCount(5);
    QVERIFY(banner.overdueHighlighted());
    QCOMPARE(banner.overdueCount(), 5);
}

// At start the queues load after the window is on screen: the badge says the cases are
// being counted, at the height the count will have, so the banner's dock is there from the
// first frame and the count does not push the whole window down (issue 15).
void TestQueueWidgets::overdueBadgeHoldsItsPlaceUntilTheCount()
{
    AlertBanner banner;
    banner.resize(900, 80);
    banner.show();
    QVERIFY(QTest::qWaitForWindowExposed(&banner));
    QVERIFY(banner.isShown());
    QVERIFY(!banner.overdueCounted());
    auto* badge = banner.findChild<QLabel*>(QStringLiteral("overdueBadge"));
    QVERIFY(badge);
    QVERIFY(badge->isVisible());
    QCOMPARE(badge->text(), banner.overdueText());
    QVERIFY(!badge->text().isEmpty());
    const int counting = banner.sizeHint().height();
    QSignalSpy shown(&banner, &AlertBanner::shownChanged);
    banner.setOverdueCount(1003513);
    QCOMPARE(banner.sizeHint().height(), counting);
    QVERIFY(badge->isVisible());
    QVERIFY(badge->text().contains(QStringLiteral("1003513")));
    QVERIFY(banner.isVisible());
    QCOMPARE(shown.last().at(0).toBool(), true);

    // Nothing overdue and no red dispute: nothing to show once counted.
    AlertBanner none;
    none.show();
    QVERIFY(none.isShown());
    none.setOverdueCount(0);
    QVERIFY(!none.isShown());
    QVERIFY(!none.isVisible());
}

// Seen at 1M cases with the simulator's reports: an English desk's banner read
// "… 0982973 · 征地拆迁纠纷 ·" (the category in Chinese, a separator before a missing
// address), and its queues and case detail named categories in Chinese too.
void TestQueueWidgets::namesFollowTheInterfaceLanguage()
{
    const CategoryItem& item = Taxonomy::builtIn().classes().first().items.first();
    QVERIFY(item.nameZh != item.nameEn);
    const QLocale before;
    for (const bool chinese : { false, true }) {
        QLocale::setDefault(chinese ? QLocale(QLocale::Chinese, QLocale::China) : QLocale(QLocale::English, QLocale::UnitedKingdom));
        const QString name = chinese ? item.nameZh : item.nameEn;
        AlertBanner banner;
        Case reported = storetest::makeCase(5, CaseState::Reported);
        reported.categoryCode = item.code;
        reported.disputeLevel = DisputeLevel::Red;
        reported.alertAckedAt = {};
        reported.address.clear(); // a handheld's report through the protocol has none
        banner.considerCases({ reported });
        QVERIFY2(banner.bannerText().endsWith(reported.code + QStringLiteral(" · ") + name), qPrintable(banner.bannerText()));
        Case addressed = storetest::makeCase(6, CaseState::Reported);
        addressed.categoryCode = item.code;
        addressed.disputeLevel = DisputeLevel::Red;
        addressed.alertAckedAt = {};
        banner.considerCases({ addressed });
        QVERIFY2(banner.bannerText().endsWith(name + QStringLiteral(" · ") + addressed.address), qPrintable(banner.bannerText()));

        CaseDetailPanel panel;
        CaseDetail detail;
        detail.found = true;
        detail.item = addressed;
        panel.setDetail(detail);
        bool titled = false;
        for (const QLabel* label : panel.findChildren<QLabel*>())
            titled |= label->text() == addressed.code + QStringLiteral(" · ") + name;
        QVERIFY2(titled, qPrintable(name));
    }
    QLocale::setDefault(before);
}

void TestQueueWidgets::detailPanelShowsTimelineAndSla()
{
    CaseDetailPanel panel;
    QAbstractItemModelTester tester(panel.eventsModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    CaseDetail detail;
    detail.found = true;
    detail.item = storetest::makeCase(7, CaseState::Dispatched);
    const QDateTime t0 = detail.item.reportedAt;
    auto event = [&](int minutes, CaseAction a, CaseState from, CaseState to, Role role, const QString& note) {
        CaseEvent e;
        e.caseId = 7;
        e.at = t0.addSecs(minutes * 60);
        e.actor = QStringLiteral("op1");
        e.role = role;
        e.action = a;
        e.fromState = from;
        e.toState = to;
        e.note = note;
        detail.events.append(e);
    };
    event(0, CaseAction::Report, CaseState::Reported, CaseState::Reported, Role::FieldWorker, {});
    event(4, CaseAction::Register, CaseState::Reported, CaseState::Registered, Role::Operator, QStringLiteral("已电话核实"));
    event(30, CaseAction::Dispatch, CaseState::Registered, CaseState::Dispatched, Role::Operator, {});
    panel.setDetail(detail, t0.addSecs(45 * 60));
    QCOMPARE(panel.eventsModel()->rowCount(), 3);
    QCOMPARE(panel.slaTree()->topLevelItemCount(), 3);
    QVERIFY(panel.findChildren<QLabel*>().size() > 3);
    bool noteShown = false;
    for (QLabel* l : panel.findChildren<QLabel*>())
        noteShown = noteShown || l->text().contains(QStringLiteral("已电话核实"));
    QVERIFY(noteShown);
    panel.setRelated({ { 8, QStringLiteral("440106-20260105-000008 · 占道经营") } });
    QSignalSpy related(&panel, &CaseDetailPanel::relatedCaseActivated);
    emit panel.relatedList()->itemActivated(panel.relatedList()->item(0));
    QCOMPARE(related.size(), 1);
}

// Thumbnails as the desk gets them: written to the real SQLite store, read back on the
// store thread by CaseDetailLoader, shown by the panel; a click and Enter ask to open one.
void TestQueueWidgets::detailPanelShowsPhotosFromTheStore()
{
    Desk& d = *m_desk;
    QSignalSpy written(&d.service, &StoreService::changed);
    d.service.write([](Store& s, QList<qint64>* changed) {
        // Stored out of order: the panel shows them oldest first.
        for (const CasePhoto& p : { photoOf(2, 3, 40, Qt::red), photoOf(1, 3, 30, Qt::blue), photoOf(3, 4, 10, Qt::green) }) {
            if (!s.putPhoto(p))
                return false;
        }
        changed->append(3);
        return true;
    });
    QVERIFY(written.wait(10000));

    CaseDetailLoader loader(d.service);
    QSignalSpy loaded(&loader, &CaseDetailLoader::loaded);
    loader.load(3);
    QVERIFY(loaded.wait(10000));
    const CaseDetail detail = loaded.at(0).at(0).value<CaseDetail>();
    QCOMPARE(detail.photos.size(), 2);

    CaseDetailPanel panel;
    panel.resize(420, 900);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    panel.setDetail(detail);
    QListWidget* list = panel.photoList();
    QVERIFY(list->isVisible());
    QCOMPARE(list->count(), 2);
    for (int i = 0; i < 2; ++i) {
        const QPixmap icon = list->item(i)->icon().pixmap(list->iconSize());
        QVERIFY(!icon.isNull());
        QCOMPARE(icon.width(), list->iconSize().width()); // 160 × 120 fits 112 wide
    }
    // Oldest first: the blue one (taken at 00:30) leads.
    const QImage first = list->item(0)->icon().pixmap(list->iconSize()).toImage();
    QVERIFY(qBlue(first.pixel(first.width() / 2, first.height() / 2)) > 200);
    QVERIFY(list->item(0)->toolTip().contains(QStringLiteral("1600 × 1200")));
    bool labelled = false;
    for (QLabel* l : panel.findChildren<QLabel*>())
        labelled = labelled || l->text().contains(QStringLiteral("(2)"));
    QVERIFY(labelled);

    QSignalSpy open(&panel, &CaseDetailPanel::photoOpenRequested);
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, list->visualItemRect(list->item(1)).center());
    QCOMPARE(open.count(), 1);
    QCOMPARE(open.at(0).at(0).toInt(), 1);
    list->setFocus();
    list->setCurrentRow(0);
    QTest::keyClick(list, Qt::Key_Return);
    QCOMPARE(open.count(), 2);
    QCOMPARE(open.at(1).at(0).toInt(), 0);

    // A case without photos says so, and shows no empty strip.
    loader.load(5);
    QVERIFY(loaded.wait(10000));
    panel.setDetail(loaded.last().at(0).value<CaseDetail>());
    QVERIFY(!list->isVisible());
    QCOMPARE(list->count(), 0);
}

void TestQueueWidgets::photoViewerStepsAndSaysWhy()
{
    const QList<CasePhoto> photos { photoOf(1, 3, 30, Qt::blue), photoOf(2, 3, 40, Qt::red), photoOf(3, 3, 50, Qt::green) };
    PhotoViewer viewer;
    QSignalSpy wanted(&viewer, &PhotoViewer::photoWanted);
    viewer.setPhotos(QStringLiteral("440106-20260105-000003"), photos, 1);
    viewer.show();
    QVERIFY(QTest::qWaitForWindowExposed(&viewer));
    QCOMPARE(wanted.count(), 1);
    QCOMPARE(wanted.at(0).at(0).toLongLong(), 2);
    // While it loads, the thumbnail stands in and the viewer says so.
    QVERIFY(viewer.isLoading());
    QVERIFY(!viewer.showsFullPhoto());
    QVERIFY(!viewer.statusText().isEmpty());
    QVERIFY(!viewer.shownImage().isNull());
    const QByteArray full = jpegOf(QSize(1600, 1200), Qt::red);
    viewer.showPhoto(2, full);
    // Decoded off the GUI thread: still loading until the image comes back.
    QVERIFY(viewer.isLoading());
    QTRY_VERIFY(!viewer.isLoading());
    QVERIFY(viewer.showsFullPhoto());
    QVERIFY(viewer.shownImage().width() > 160);
    QVERIFY(viewer.statusText().isEmpty());

    // Right: the next photo is asked for; it fails with a reason, which is shown.
    QTest::keyClick(&viewer, Qt::Key_Right);
    QCOMPARE(viewer.currentIndex(), 2);
    QCOMPARE(wanted.count(), 2);
    QCOMPARE(wanted.at(1).at(0).toLongLong(), 3);
    const QString reason = QStringLiteral("Offline: photo 3 is not on this computer yet");
    viewer.showFailure(3, reason);
    QVERIFY(!viewer.isLoading());
    QVERIFY(viewer.statusText().contains(reason));
    QVERIFY(!viewer.shownImage().isNull()); // the thumbnail at least
    const QString shot = QStringLiteral(GRIDHALL_BINARY_DIR) + QStringLiteral("/photo-viewer.png");
    QVERIFY(viewer.grab().save(shot));
    qInfo("screenshot: %s", qPrintable(shot));
    // Right at the end stays; Left goes back to the loaded one without asking again.
    QTest::keyClick(&viewer, Qt::Key_Right);
    QCOMPARE(viewer.currentIndex(), 2);
    QTest::keyClick(&viewer, Qt::Key_Left);
    QCOMPARE(viewer.currentIndex(), 1);
    QCOMPARE(wanted.count(), 2);
    QVERIFY(viewer.showsFullPhoto());
    // An answer that never comes is not waited for forever.
    viewer.setAnswerTimeout(100);
    QTest::keyClick(&viewer, Qt::Key_Home);
    QCOMPARE(viewer.currentIndex(), 0);
    QCOMPARE(wanted.count(), 3);
    QTRY_VERIFY(!viewer.isLoading());
    QVERIFY(!viewer.statusText().isEmpty());
    // A failed photo is asked again on the next visit: the link may be back.
    QTest::keyClick(&viewer, Qt::Key_End);
    QCOMPARE(wanted.count(), 4);
    QCOMPARE(wanted.at(3).at(0).toLongLong(), 3);
    // Esc closes.
    QTest::keyClick(&viewer, Qt::Key_Escape);
    QVERIFY(!viewer.isVisible());
}

void TestQueueWidgets::screenshot()
{
    Desk& d = *m_desk;
    // A realistic queue: sampled cases of the demo district.
    CaseSampler sampler;
    sampler.now = QDateTime::currentDateTimeUtc();
    QList<Case> sample;
    for (int i = 0; i < 3000; ++i) {
        Case c = sampler.make(i);
        c.id += 1000;
        sample.append(c);
    }
    d.model.applyCases(sample);
    d.model.setPlaceNames(sampler.placeNames());
    d.model.setHolderNames(sampler.workerNames());
    d.model.setNow(sampler.now);
    d.workers.setLoads(openLoadByHolder(d.model.table()));
    d.workers.setReference(LonLat { 113.322, 23.132 });
    d.departments.setLoads(openLoadByHolder(d.model.table()));

    QWidget desk;
    desk.resize(1600, 900);
    auto* banner = new AlertBanner(&desk);
    auto* queue = new CaseQueuePanel(d.model, *d.controller, &desk);
    auto* workers = new WorkersPanel(d.workers, *d.controller, &desk);
    auto* departments = new DepartmentsPanel(d.departments, *d.controller, &desk);
    departments->setEscalationTargets({ { DispatchTarget::Kind::Street, kStreet, QStringLiteral("天河南街"), {}, {}, true },
        { DispatchTarget::Kind::District, QStringLiteral("440106"), QStringLiteral("天河区"), {}, {}, true } });
    auto* detail = new CaseDetailPanel(&desk);
    auto* right = new QSplitter(Qt::Vertical, &desk);
    right->addWidget(workers);
    right->addWidget(departments);
    auto* split = new QSplitter(Qt::Horizontal, &desk);
    split->addWidget(queue);
    split->addWidget(right);
    split->addWidget(detail);
    split->setSizes({ 900, 330, 370 });
    auto* layout = new QVBoxLayout(&desk);
    layout->addWidget(banner);
    layout->addWidget(split, 1);

    QList<Case> reds;
    for (const Case& c : sample)
        if (c.disputeLevel == DisputeLevel::Red && isOpen(c.state) && reds.size() < 3)
            reds.append(c);
    banner->considerCases(reds);
    banner->setOverdueCount(d.model.viewCount(QueueView::Overdue));

    DispatchTarget cg { DispatchTarget::Kind::Department, QStringLiteral("CG"), QStringLiteral("城管"), {}, {}, true };
    QVERIFY(d.controller->perform(d.controller->planDrop({ 1, 6 }, cg)));
    QTRY_COMPARE(d.controller->tracker()->forCase(6)->status, ActionStatus::Queued);
    const QList<OutboxEntry> outbox = d.outbox();
    d.sink->deliverAnswer(outbox[1].clientSeq, int(OutboxEntry::Status::Conflict),
        QStringLiteral(R"({"status":"conflict","by":"op2","byAction":"dispatch"})"));
    d.sink->deliverAnswer(outbox[0].clientSeq, int(OutboxEntry::Status::Applied), QStringLiteral("{}"));

    desk.show();
    QVERIFY(QTest::qWaitForWindowExposed(&desk));
    queue->setCurrentView(QueueView::ToDispatch);
    queue->selectCase(6);
    CaseDetail shown;
    shown.found = true;
    shown.item = d.cases[5];
    CaseEvent e;
    e.caseId = 6;
    e.at = shown.item.reportedAt;
    e.actor = QStringLiteral("GW0001");
    e.role = Role::FieldWorker;
    e.action = CaseAction::Report;
    shown.events.append(e);
    e.at = e.at.addSecs(300);
    e.actor = QStringLiteral("op1");
    e.role = Role::Operator;
    e.action = CaseAction::Register;
    e.fromState = CaseState::Reported;
    e.toState = CaseState::Registered;
    e.note = QStringLiteral("已电话核实，属实");
    shown.events.append(e);
    shown.photos = { photoOf(1, 6, 30, QColor(0x4a, 0x78, 0xb0)), photoOf(2, 6, 31, QColor(0xb0, 0x60, 0x40)) };
    detail->setDetail(shown, shown.item.reportedAt.addSecs(3600));
    detail->setRelated({ { 22, QStringLiteral("440106-20260105-000022 · 占道经营 · 2 天前") } });
    // A drag hovering over a worker, as the operator would see it.
    QAbstractItemModel* proxy = workers->view()->model();
    dragOver(workers->view(), rowWithCode(proxy, WorkerListModel::CodeRole, QStringLiteral("GW0001")), { 7, 8, 9 }, false);
    QTest::qWait(50);
    const QString path = QStringLiteral(GRIDHALL_BINARY_DIR) + QStringLiteral("/queues-desk.png");
    QVERIFY(desk.grab().save(path));
    qInfo("screenshot: %s", qPrintable(path));
}

QTEST_MAIN(TestQueueWidgets)
// The area dock: in a narrow dock the codes, then the grid and worker counts give way so the
// street names stay whole beside the open cases; in a wide one all show.
void TestQueueWidgets::areaTreeKeepsNamesReadable()
{
    AreaTreeModel model;
    AreaTreeModel::Input in;
    in.districts = { { QStringLiteral("440106"), QStringLiteral("演示区"), {} } };
    for (int i = 1; i <= 3; ++i)
        in.streets.append({ QStringLiteral("44010600%1").arg(i), QStringLiteral("%1新街道").arg(QChar(0x4e00 + i)), QStringLiteral("440106"), {} });
    // Grid codes are fifteen digits: the code column is as wide as they are, street rows or not.
    in.communities.append({ QStringLiteral("440106001001"), QStringLiteral("一社区"), QStringLiteral("440106001"), {} });
    in.grids.append({ QStringLiteral("440106001001001"), QStringLiteral("第01网格"), QStringLiteral("440106001001"), QStringLiteral("440106001"), {}, {} });
    AreaTreeWidget tree;
    tree.setModel(&model);
    model.setAreas(in);
    // A street sits one level down: the root's branch and its own indentation come first,
    // and the text has a margin on either side (else it is elided).
    const int nameWidth = 2 * tree.view()->indentation() + tree.fontMetrics().horizontalAdvance(QStringLiteral("丁新街道")) + 8;
    // Wide at first show too: the view inside has its final width only after the dock.
    for (const int width : { 900, 360, 385, 420, 520, 200, 260, 900 }) {
        tree.resize(width, 400);
        tree.show();
        QVERIFY(QTest::qWaitForWindowExposed(&tree));
        QApplication::processEvents();
        const bool codes = !tree.view()->isColumnHidden(AreaTreeModel::CodeColumn);
        QVERIFY2(tree.view()->columnWidth(AreaTreeModel::NameColumn) >= nameWidth,
            qPrintable(QStringLiteral("width %1: name column %2 < %3").arg(width).arg(tree.view()->columnWidth(AreaTreeModel::NameColumn)).arg(nameWidth)));
        QVERIFY(!tree.view()->isColumnHidden(AreaTreeModel::OpenCasesColumn));
        if (width == 360)
            QVERIFY(!codes);
        if (width == 200)
            QVERIFY(tree.view()->isColumnHidden(AreaTreeModel::GridsColumn));
        if (width == 900) {
            QVERIFY(codes);
            QVERIFY(!tree.view()->isColumnHidden(AreaTreeModel::GridsColumn));
            QVERIFY(!tree.view()->isColumnHidden(AreaTreeModel::WorkersColumn));
        }
    }
}

#include "tst_queuewidgets.moc"
