// Actions from the queues: checked against the state machine, role and scope; committed
// to a real SQLite outbox through the sink; undone while the server has not seen them;
// answers (applied, conflict) shown per case.

#include "models/itemmodels/casedetail.h"
#include "tests/queues/queuefixture.h"

#include <QAbstractItemModelTester>
#include <QJsonDocument>
#include <QJsonObject>

using namespace gridhall;
using namespace queuetest;

class TestQueueActions : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void modelsPassTheTester();
    void dispatchToWorkerQueuesOneEntryPerCase();
    void dispatchToDepartmentAndEscalation();
    void undoBeforeSendingWithdrawsWithoutAGap();
    void undoAfterSendingIsRefusedAndKept();
    void answersShowAppliedAndConflict();
    void refusalsNameTheReason_data();
    void refusalsNameTheReason();
    void menusOfferOnlyWhatTheRoleMay();
    void detailLoadsFromTheStore();

private:
    std::unique_ptr<Desk> m_desk;
};

void TestQueueActions::init()
{
    m_desk = std::make_unique<Desk>();
    QVERIFY(m_desk->dir.isValid());
    QVERIFY(m_desk->open());
}

void TestQueueActions::cleanup()
{
    m_desk.reset();
}

void TestQueueActions::modelsPassTheTester()
{
    Desk& d = *m_desk;
    QAbstractItemModelTester queueTester(&d.model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester workersTester(&d.workers, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester departmentsTester(&d.departments, QAbstractItemModelTester::FailureReportingMode::QtTest);
    CaseEventsModel events;
    QAbstractItemModelTester eventsTester(&events, QAbstractItemModelTester::FailureReportingMode::QtTest);

    // Exercise the changes each model makes while views watch.
    d.workers.setReference(LonLat { 113.32, 23.13 });
    d.workers.setLoads(openLoadByHolder(d.model.table()));
    d.workers.setPositions({ { QStringLiteral("GW0003"), { { 113.3, 23.1 }, QDateTime::currentDateTimeUtc() } } });
    d.workers.setNow(QDateTime::currentDateTimeUtc().addSecs(3600));
    d.departments.setLoads({ { QStringLiteral("CG"), 3 } });
    d.departments.setChineseNames(false);
    CaseEvent e;
    e.caseId = 1;
    e.at = QDateTime::currentDateTimeUtc();
    e.actor = QStringLiteral("op1");
    e.action = CaseAction::Register;
    events.setEvents({ e, e });
    Case changed = d.cases[0];
    changed.version = 2;
    changed.state = CaseState::Dispatched;
    d.model.applyCases({ changed });
    d.model.sort(CaseQueueModel::CodeColumn, Qt::DescendingOrder);

    QCOMPARE(d.workers.data(d.workers.index(0, WorkerListModel::LoadColumn)).toInt(), 1); // GW0001 holds case 2
    QCOMPARE(WorkerStatus(d.workers.data(d.workers.index(0, 0), WorkerListModel::StatusRole).toInt()),
        WorkerStatus::Offline); // an hour later every fix is stale
    QVERIFY(d.workers.data(d.workers.index(0, WorkerListModel::DistanceColumn), WorkerListModel::DistanceRole).toDouble() > 0);
}

void TestQueueActions::dispatchToWorkerQueuesOneEntryPerCase()
{
    Desk& d = *m_desk;
    DispatchTarget zhang;
    zhang.kind = DispatchTarget::Kind::Worker;
    zhang.code = QStringLiteral("GW0001");
    zhang.name = QStringLiteral("张三");
    zhang.place = QStringLiteral("天河南街 G-0123");
    zhang.streetCode = kStreet;
    const ActionPlan plan = d.controller->planDrop({ 1, 6, 7 }, zhang);
    QVERIFY2(plan.ok(), qPrintable(plan.refusal));
    QVERIFY(plan.caption.contains(QStringLiteral("张三 · 天河南街 G-0123")));
    QVERIFY(plan.caption.contains(QLatin1Char('3')));
    QVERIFY(d.controller->perform(plan));

    QTRY_COMPARE(d.controller->tracker()->forCase(7)->status, ActionStatus::Queued);
    const QList<OutboxEntry> outbox = d.outbox();
    QCOMPARE(outbox.size(), 3);
    QList<qint64> ids;
    for (const OutboxEntry& e : outbox) {
        ids.append(e.caseId);
        QCOMPARE(e.action, QStringLiteral("dispatch"));
        QCOMPARE(e.seenVersion, qint64(1));
        QCOMPARE(e.status, OutboxEntry::Status::Queued);
        const QJsonObject fields = QJsonDocument::fromJson(e.payload).object();
        QCOMPARE(fields.value(QLatin1String("targetKind")).toString(), QStringLiteral("worker"));
        QCOMPARE(fields.value(QLatin1String("target")).toString(), QStringLiteral("GW0001"));
        QVERIFY(e.idempotencyKey.startsWith(QLatin1String("desk-test-")));
    }
    QCOMPARE(ids, (QList<qint64> { 1, 6, 7 }));
    QCOMPARE(d.controller->undoStack()->count(), 1);
    QCOMPARE(d.controller->undoStack()->undoText(), plan.caption);
}

void TestQueueActions::dispatchToDepartmentAndEscalation()
{
    Desk& d = *m_desk;
    DispatchTarget cg;
    cg.kind = DispatchTarget::Kind::Department;
    cg.code = QStringLiteral("CG");
    cg.name = QStringLiteral("城管");
    QVERIFY(d.controller->perform(d.controller->planDrop({ 1 }, cg)));
    DispatchTarget street;
    street.kind = DispatchTarget::Kind::Street;
    street.code = kStreet;
    street.name = QStringLiteral("天河南街");
    QVERIFY(d.controller->perform(d.controller->planDrop({ 3 }, street))); // community → street
    DispatchTarget district;
    district.kind = DispatchTarget::Kind::District;
    district.code = QStringLiteral("440106");
    district.name = QStringLiteral("天河区");
    QVERIFY(d.controller->perform(d.controller->planDrop({ 6 }, district))); // street → district

    QTRY_COMPARE(d.controller->tracker()->forCase(6)->status, ActionStatus::Queued);
    const QList<OutboxEntry> outbox = d.outbox();
    QCOMPARE(outbox.size(), 3);
    const QJsonObject dept = QJsonDocument::fromJson(outbox[0].payload).object();
    QCOMPARE(outbox[0].action, QStringLiteral("dispatch"));
    QCOMPARE(dept.value(QLatin1String("targetKind")).toString(), QStringLiteral("department"));
    QCOMPARE(dept.value(QLatin1String("target")).toString(), QStringLiteral("CG"));
    QCOMPARE(outbox[1].action, QStringLiteral("escalate"));
    QCOMPARE(outbox[1].caseId, qint64(3));
    QVERIFY(!QJsonDocument::fromJson(outbox[1].payload).object().value(QLatin1String("note")).toString().isEmpty());
    QCOMPARE(outbox[2].action, QStringLiteral("escalate"));
    QVERIFY(outbox[1].clientSeq < outbox[2].clientSeq);
}

void TestQueueActions::undoBeforeSendingWithdrawsWithoutAGap()
{
    Desk& d = *m_desk;
    DispatchTarget cg { DispatchTarget::Kind::Department, QStringLiteral("CG"), QStringLiteral("城管"), {}, {}, true };
    QVERIFY(d.controller->perform(d.controller->planDrop({ 1 }, cg)));
    QVERIFY(d.controller->perform(d.controller->planDrop({ 6, 7 }, cg)));
    QTRY_COMPARE(d.controller->tracker()->forCase(7)->status, ActionStatus::Queued);
    QCOMPARE(d.outbox().size(), 3);
    const qint64 firstSeqOfSecond = d.outbox()[1].clientSeq;

    QString reason;
    QVERIFY2(d.controller->undo(&reason), qPrintable(reason));
    QTRY_COMPARE(d.controller->tracker()->forCase(7)->status, ActionStatus::Withdrawn);
    QCOMPARE(d.controller->tracker()->forCase(6)->status, ActionStatus::Withdrawn);
    QCOMPARE(d.controller->tracker()->forCase(1)->status, ActionStatus::Queued);
    const QList<OutboxEntry> left = d.outbox();
    QCOMPARE(left.size(), 1);
    QCOMPARE(left[0].caseId, qint64(1));
    QVERIFY(d.controller->undoStack()->canRedo());

    // Redo queues again and reuses the withdrawn numbers: the server sees no gap.
    d.controller->undoStack()->redo();
    QTRY_COMPARE(d.controller->tracker()->forCase(7)->status, ActionStatus::Queued);
    const QList<OutboxEntry> again = d.outbox();
    QCOMPARE(again.size(), 3);
    QCOMPARE(again[1].clientSeq, firstSeqOfSecond);
    QCOMPARE(again[2].clientSeq, firstSeqOfSecond + 1);
}

void TestQueueActions::undoAfterSendingIsRefusedAndKept()
{
    Desk& d = *m_desk;
    DispatchTarget cg { DispatchTarget::Kind::Department, QStringLiteral("CG"), QStringLiteral("城管"), {}, {}, true };
    QVERIFY(d.controller->perform(d.controller->planDrop({ 1 }, cg)));
    QTRY_COMPARE(d.controller->tracker()->forCase(1)->status, ActionStatus::Queued);
    // The sync client sent it meanwhile (on the store thread), but no answer came yet.
    d.setStatus(d.outbox()[0].clientSeq, OutboxEntry::Status::Sent);
    QSignalSpy messages(d.controller.get(), &CaseActionController::message);
    QVERIFY(d.controller->undo());
    QTRY_COMPARE(messages.size(), 1);
    QVERIFY(messages.at(0).at(0).toString().contains(QLatin1String("sent")));
    // The command is back on the done side, the entry still in the outbox.
    QCOMPARE(d.controller->undoStack()->index(), 1);
    QCOMPARE(d.controller->tracker()->forCase(1)->status, ActionStatus::Queued);
    QCOMPARE(d.outbox().size(), 1);
}

void TestQueueActions::answersShowAppliedAndConflict()
{
    Desk& d = *m_desk;
    DispatchTarget cg { DispatchTarget::Kind::Department, QStringLiteral("CG"), QStringLiteral("城管"), {}, {}, true };
    QVERIFY(d.controller->perform(d.controller->planDrop({ 1, 6 }, cg)));
    QTRY_COMPARE(d.controller->tracker()->forCase(6)->status, ActionStatus::Queued);
    const QList<OutboxEntry> outbox = d.outbox();
    d.sink->deliverAnswer(outbox[0].clientSeq, int(OutboxEntry::Status::Applied),
        QStringLiteral(R"({"status":"applied","caseId":1,"version":2})"));
    d.sink->deliverAnswer(outbox[1].clientSeq, int(OutboxEntry::Status::Conflict),
        QStringLiteral(R"({"status":"conflict","caseId":6,"by":"op2","byAction":"dispatch","version":2})"));
    QCOMPARE(d.controller->tracker()->forCase(1)->status, ActionStatus::Applied);
    const TrackedAction conflict = *d.controller->tracker()->forCase(6);
    QCOMPARE(conflict.status, ActionStatus::Conflict);
    QVERIFY(conflict.detail.contains(QLatin1String("op2")));
    QVERIFY(ActionTracker::describe(conflict).contains(QLatin1String("op2")));
    // Answered: no longer undoable, and Ctrl+Z says why.
    QString reason;
    QVERIFY(!d.controller->undo(&reason));
    QVERIFY(!reason.isEmpty());
    QCOMPARE(d.controller->undoStack()->index(), 1);
}

void TestQueueActions::refusalsNameTheReason_data()
{
    QTest::addColumn<int>("role");
    QTest::addColumn<QList<qint64>>("cases");
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("scope");
    QTest::addColumn<QString>("expected"); // part of the refusal

    QTest::newRow("leader never edits") << int(Role::Leader) << QList<qint64> { 1 } << "GW0001" << "" << "may not";
    QTest::newRow("case in handling") << int(Role::Operator) << QList<qint64> { 1, 2 } << "GW0001" << "" << "not possible";
    QTest::newRow("offline worker") << int(Role::Operator) << QList<qint64> { 1 } << "GW0003" << "" << "offline";
    QTest::newRow("case outside the street") << int(Role::Operator) << QList<qint64> { 4 } << "GW0001" << "440106001" << "outside";
    QTest::newRow("worker outside the street") << int(Role::Operator) << QList<qint64> { 1 } << "GW0002" << "440106001" << "outside";
    QTest::newRow("street case to its street") << int(Role::Operator) << QList<qint64> { 1 } << "street" << "" << "level";
}

void TestQueueActions::refusalsNameTheReason()
{
    QFETCH(int, role);
    QFETCH(QList<qint64>, cases);
    QFETCH(QString, target);
    QFETCH(QString, scope);
    QFETCH(QString, expected);
    Desk& d = *m_desk;
    d.controller->setActor({ QStringLiteral("someone"), Role(role) });
    d.controller->setScope(scope);
    DispatchTarget t;
    if (target == QLatin1String("street")) {
        t.kind = DispatchTarget::Kind::Street;
        t.code = kStreet;
    } else {
        const int row = d.workers.rowOfWorker(target);
        QVERIFY(row >= 0);
        t.kind = DispatchTarget::Kind::Worker;
        t.code = target;
        t.streetCode = d.workers.workerAt(row).streetCode;
        t.online = d.workers.statusAt(row) != WorkerStatus::Offline;
    }
    const ActionPlan plan = d.controller->planDrop(cases, t);
    QVERIFY(!plan.ok());
    QVERIFY2(plan.refusal.contains(expected), qPrintable(plan.refusal));
    QVERIFY(plan.drafts.isEmpty());
    QSignalSpy messages(d.controller.get(), &CaseActionController::message);
    QVERIFY(!d.controller->perform(plan));
    QCOMPARE(messages.size(), 1);
    QCOMPARE(d.controller->undoStack()->count(), 0);
    QVERIFY(d.outbox().isEmpty());
}

void TestQueueActions::menusOfferOnlyWhatTheRoleMay()
{
    Desk& d = *m_desk;
    QList<CaseAction> op = d.controller->availableActions({ 1 });
    QVERIFY(op.contains(CaseAction::Dispatch));
    QVERIFY(op.contains(CaseAction::Escalate));
    QVERIFY(!op.contains(CaseAction::Close));
    QVERIFY(!op.contains(CaseAction::Park)); // approvers only
    QVERIFY(!op.contains(CaseAction::ApproveExtension));
    // Several cases: only what applies to all of them.
    QVERIFY(!d.controller->availableActions({ 1, 5 }).contains(CaseAction::Dispatch));
    d.controller->setActor({ QStringLiteral("lead"), Role::ShiftLeader });
    QVERIFY(d.controller->availableActions({ 5 }).contains(CaseAction::Close));
    QVERIFY(d.controller->availableActions({ 1 }).contains(CaseAction::Park));
    d.controller->setActor({ QStringLiteral("boss"), Role::Leader });
    QVERIFY(d.controller->availableActions({ 1 }).isEmpty());
    QVERIFY(d.controller->availableActions({ 5 }).isEmpty());

    // A note is required where the machine says so.
    d.controller->setActor({ QStringLiteral("lead"), Role::ShiftLeader });
    ActionRequest park;
    park.action = CaseAction::Park;
    QVERIFY(!d.controller->plan({ 1 }, park).ok());
    park.note = QStringLiteral("等待拆迁");
    QVERIFY(d.controller->plan({ 1 }, park).ok());
}

void TestQueueActions::detailLoadsFromTheStore()
{
    Desk& d = *m_desk;
    const QDateTime t0 = d.cases[1].reportedAt;
    QList<CaseEvent> events;
    auto event = [&](int minutes, CaseAction a, CaseState from, CaseState to, const QString& note = {}) {
        CaseEvent e;
        e.id = events.size() + 1;
        e.caseId = 2;
        e.at = t0.addSecs(minutes * 60);
        e.actor = QStringLiteral("op1");
        e.role = Role::Operator;
        e.action = a;
        e.fromState = from;
        e.toState = to;
        e.note = note;
        events.append(e);
    };
    event(0, CaseAction::Report, CaseState::Reported, CaseState::Reported);
    event(5, CaseAction::Register, CaseState::Reported, CaseState::Registered, QStringLiteral("核实属实"));
    event(20, CaseAction::Dispatch, CaseState::Registered, CaseState::Dispatched);
    event(50, CaseAction::Accept, CaseState::Dispatched, CaseState::Handling);
    d.service.write([events](Store& s, QList<qint64>*) {
        for (const CaseEvent& e : events)
            if (!s.appendEvent(e))
                return false;
        return true;
    });
    CaseDetailLoader loader(d.service);
    QSignalSpy loaded(&loader, &CaseDetailLoader::loaded);
    loader.load(2);
    QVERIFY(loaded.wait(10000));
    const CaseDetail detail = loaded.at(0).at(0).value<CaseDetail>();
    QVERIFY(detail.found);
    QCOMPARE(detail.item.code, d.cases[1].code);
    QCOMPARE(detail.events.size(), 4);
    const QList<StepSla> steps = stepSlas(detail, t0.addSecs(3600), SlaPolicy::builtIn());
    QCOMPARE(steps.size(), 4); // register, dispatch, accept, handle (current)
    QCOMPARE(steps[0].step, SlaStep::Register);
    QCOMPARE(steps[0].usedMinutes, 5);
    QCOMPARE(steps[2].usedMinutes, 30);
    QVERIFY(steps[3].current);
    QCOMPARE(steps[3].usedMinutes, 10);

    // Related: same grid (ids 2 and 22 share grid 3 in the test data), last 30 days.
    Case sibling = storetest::makeCase(22, CaseState::Registered);
    sibling.reportedAt = QDateTime::currentDateTimeUtc().addDays(-2);
    Case old = storetest::makeCase(42, CaseState::Closed);
    d.model.applyCases({ sibling, old });
    Case me = d.cases[1];
    me.version = 5;
    me.reportedAt = QDateTime::currentDateTimeUtc().addDays(-1);
    d.model.applyCases({ me });
    QCOMPARE(relatedCases(d.model.table(), 2, QDateTime::currentDateTimeUtc()), QList<qint64> { 22 });

    loader.load(9999);
    QVERIFY(loaded.wait(10000));
    QVERIFY(!loaded.last().at(0).value<CaseDetail>().found);
}

QTEST_MAIN(TestQueueActions)
#include "tst_queueactions.moc"
