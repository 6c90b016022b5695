// Every allowed and every forbidden transition of the case loop, checked against the
// loop as DOMAIN.md describes it (written out here independently of the implementation).

#include "models/domain/casemachine.h"
#include "models/domain/taxonomy.h"

#include <QSet>
#include <QTest>

using namespace gridhall;

namespace {
using S = CaseState;
using A = CaseAction;
using R = Role;

struct Expected {
    A action;
    int from; // -1: creates the case
    S to;
    QSet<R> roles;
};

const QSet<R> desk { R::Operator, R::Supervisor, R::ShiftLeader };
const QSet<R> approvers { R::Supervisor, R::ShiftLeader };
const QSet<R> field { R::FieldWorker, R::Handler };
const QSet<R> verifiers { R::FieldWorker, R::Supervisor, R::ShiftLeader };
const QSet<R> returners { R::FieldWorker, R::Handler, R::Operator, R::Supervisor, R::ShiftLeader };

const QList<Expected> kSpec {
    { A::Report, -1, S::Reported, { R::FieldWorker, R::Operator, R::Supervisor, R::ShiftLeader } },
    { A::SelfHandle, -1, S::Closed, { R::FieldWorker } },
    { A::Register, int(S::Reported), S::Registered, desk },
    { A::Void, int(S::Reported), S::Voided, desk },
    { A::Void, int(S::Registered), S::Voided, approvers },
    { A::Dispatch, int(S::Registered), S::Dispatched, desk },
    { A::Accept, int(S::Dispatched), S::Handling, field },
    { A::Feedback, int(S::Handling), S::FedBack, field },
    { A::VerifyPass, int(S::FedBack), S::Verified, verifiers },
    { A::VerifyFail, int(S::FedBack), S::Handling, verifiers },
    { A::Close, int(S::Verified), S::Closed, approvers },
    { A::Return, int(S::Registered), S::Reported, desk },
    { A::Return, int(S::Dispatched), S::Registered, returners },
    { A::Return, int(S::Handling), S::Registered, returners },
    { A::Return, int(S::Verified), S::FedBack, approvers },
    { A::RequestExtension, int(S::Dispatched), S::Dispatched, field },
    { A::RequestExtension, int(S::Handling), S::Handling, field },
    { A::ApproveExtension, int(S::Dispatched), S::Dispatched, approvers },
    { A::ApproveExtension, int(S::Handling), S::Handling, approvers },
    { A::RejectExtension, int(S::Dispatched), S::Dispatched, approvers },
    { A::RejectExtension, int(S::Handling), S::Handling, approvers },
    { A::Park, int(S::Registered), S::Parked, approvers },
    { A::Park, int(S::Dispatched), S::Parked, approvers },
    { A::Park, int(S::Handling), S::Parked, approvers },
    { A::Unpark, int(S::Parked), S::Registered, approvers },
    { A::Escalate, int(S::Registered), S::Registered, desk },
    { A::Escalate, int(S::Dispatched), S::Registered, desk },
    { A::Escalate, int(S::Handling), S::Registered, desk },
    { A::AcknowledgeAlert, int(S::Reported), S::Reported, desk },
    { A::AcknowledgeAlert, int(S::Registered), S::Registered, desk },
    { A::AcknowledgeAlert, int(S::Dispatched), S::Dispatched, desk },
    { A::AcknowledgeAlert, int(S::Handling), S::Handling, desk },
    { A::AcknowledgeAlert, int(S::FedBack), S::FedBack, desk },
    { A::AcknowledgeAlert, int(S::Verified), S::Verified, desk },
    { A::AcknowledgeAlert, int(S::Parked), S::Parked, desk },
    { A::AttachPhoto, int(S::Reported), S::Reported, desk },
    { A::AttachPhoto, int(S::Registered), S::Registered, desk },
    { A::AttachPhoto, int(S::Dispatched), S::Dispatched, desk },
    { A::AttachPhoto, int(S::Handling), S::Handling, desk },
    { A::AttachPhoto, int(S::FedBack), S::FedBack, desk },
    { A::AttachPhoto, int(S::Verified), S::Verified, desk },
    { A::AttachPhoto, int(S::Parked), S::Parked, desk },
};

const Expected* specFor(A action, int from)
{
    for (const Expected& e : kSpec)
        if (e.action == action && e.from == from)
            return &e;
    return nullptr;
}

// A request that satisfies every precondition except the one under test.
ActionRequest fullRequest(A action)
{
    ActionRequest r;
    r.action = action;
    r.note = QStringLiteral("reason given");
    r.targetKind = HolderKind::Worker;
    r.target = QStringLiteral("W0001");
    r.extensionMinutes = 120;
    return r;
}

Case caseIn(S state, bool extensionPending)
{
    Case c;
    c.id = 7;
    c.code = QStringLiteral("440106-20261120-000007");
    c.categoryCode = QStringLiteral("0101");
    c.streetCode = QStringLiteral("440106001");
    c.communityCode = QStringLiteral("440106001002");
    c.gridCode = QStringLiteral("440106001002003");
    c.state = state;
    c.version = 5;
    c.extensionPending = extensionPending;
    c.extensionMinutesRequested = extensionPending ? 120 : 0;
    c.stepStartedAt = QDateTime(QDate(2026, 11, 20), QTime(9, 0), Qt::UTC);
    c.stepDeadline = c.stepStartedAt.addSecs(3600);
    return c;
}

const QDateTime kNow(QDate(2026, 11, 20), QTime(9, 30), Qt::UTC);
} // namespace

class TestCaseMachine : public QObject {
    Q_OBJECT
private slots:
    void tableMatchesSpec();
    void everyCombination_data();
    void everyCombination();
    void creation_data();
    void creation();
    void dispatchNeedsTarget();
    void notesRequired_data();
    void notesRequired();
    void extensionFlow();
    void escalationClimbsLevels();
    void reworkCountsAndEvent();
    void leaderChangesNothing();
    void acknowledgeAlertKeepsTheStep();
    void attachPhotoKeepsTheStep();
    void fullLoopSetsDeadlines();
};

void TestCaseMachine::tableMatchesSpec()
{
    QCOMPARE(CaseMachine::transitions().size(), kSpec.size());
}

void TestCaseMachine::everyCombination_data()
{
    QTest::addColumn<int>("action");
    QTest::addColumn<int>("state");
    QTest::addColumn<int>("role");
    for (int a = 0; a < kCaseActionCount; ++a) {
        if (A(a) == A::Report || A(a) == A::SelfHandle)
            continue;
        for (int s = 0; s < kCaseStateCount; ++s)
            for (int r = 0; r < kRoleCount; ++r)
                QTest::addRow("%s/%s/%s", qPrintable(caseActionKey(A(a))),
                    qPrintable(caseStateKey(S(s))), qPrintable(roleKey(R(r))))
                    << a << s << r;
    }
}

void TestCaseMachine::everyCombination()
{
    QFETCH(int, action);
    QFETCH(int, state);
    QFETCH(int, role);
    const A a = A(action);
    const Expected* spec = specFor(a, state);
    const bool approving = a == A::ApproveExtension || a == A::RejectExtension;
    Case before = caseIn(S(state), approving);
    if (a == A::AcknowledgeAlert)
        before.disputeLevel = DisputeLevel::Red; // only a red dispute has an alert
    const TransitionOutcome out = CaseMachine::apply(before, fullRequest(a),
        Actor { QStringLiteral("tester"), R(role) }, kNow, SlaPolicy::builtIn());

    if (!spec) {
        QVERIFY(!out.ok());
        QCOMPARE(out.refusal, Refusal::WrongState);
        QVERIFY(!out.reason.isEmpty());
        return;
    }
    if (!spec->roles.contains(R(role))) {
        QVERIFY(!out.ok());
        QCOMPARE(out.refusal, Refusal::RoleNotAllowed);
        QVERIFY(!out.reason.isEmpty());
        return;
    }
    QVERIFY2(out.ok(), qPrintable(out.reason));
    QCOMPARE(out.updated.state, spec->to);
    QCOMPARE(out.updated.version, before.version + 1);
    QCOMPARE(out.event.action, a);
    QCOMPARE(out.event.fromState, S(state));
    QCOMPARE(out.event.toState, spec->to);
    QCOMPARE(out.event.role, R(role));
    QCOMPARE(out.event.actor, QStringLiteral("tester"));
    QCOMPARE(out.event.at, kNow);
    QCOMPARE(out.event.caseId, before.id);
}

void TestCaseMachine::creation_data()
{
    QTest::addColumn<int>("action");
    QTest::addColumn<int>("role");
    for (A a : { A::Report, A::SelfHandle })
        for (int r = 0; r < kRoleCount; ++r)
            QTest::addRow("%s/%s", qPrintable(caseActionKey(a)), qPrintable(roleKey(R(r))))
                << int(a) << r;
}

void TestCaseMachine::creation()
{
    QFETCH(int, action);
    QFETCH(int, role);
    const Expected* spec = specFor(A(action), -1);
    QVERIFY(spec);
    Case draft = caseIn(S::Reported, false);
    draft.version = 0;
    const TransitionOutcome out = CaseMachine::open(draft, A(action),
        Actor { QStringLiteral("w1"), R(role) }, kNow, SlaPolicy::builtIn());
    if (!spec->roles.contains(R(role))) {
        QCOMPARE(out.refusal, Refusal::RoleNotAllowed);
        return;
    }
    QVERIFY(out.ok());
    QCOMPARE(out.updated.state, spec->to);
    QCOMPARE(out.updated.version, 1);
    QCOMPARE(out.updated.reportedAt, kNow);
    if (spec->to == S::Closed) {
        QCOMPARE(out.updated.closedAt, kNow);
        QVERIFY(!out.updated.stepDeadline.isValid());
    } else {
        QVERIFY(out.updated.stepDeadline > kNow);
    }
    // Every other action is not a way to create a case.
    QCOMPARE(CaseMachine::open(draft, A::Register, Actor { QStringLiteral("w1"), R::Operator }, kNow,
                 SlaPolicy::builtIn())
                 .refusal,
        Refusal::WrongState);
}

void TestCaseMachine::dispatchNeedsTarget()
{
    ActionRequest r = fullRequest(A::Dispatch);
    r.target.clear();
    const Actor op { QStringLiteral("op"), R::Operator };
    QCOMPARE(CaseMachine::apply(caseIn(S::Registered, false), r, op, kNow, SlaPolicy::builtIn()).refusal,
        Refusal::TargetRequired);
    r = fullRequest(A::Dispatch);
    r.targetKind = HolderKind::Level;
    QCOMPARE(CaseMachine::apply(caseIn(S::Registered, false), r, op, kNow, SlaPolicy::builtIn()).refusal,
        Refusal::TargetRequired);
    r.targetKind = HolderKind::Department;
    r.target = QStringLiteral("CG");
    const TransitionOutcome out
        = CaseMachine::apply(caseIn(S::Registered, false), r, op, kNow, SlaPolicy::builtIn());
    QVERIFY(out.ok());
    QCOMPARE(out.updated.holderKind, HolderKind::Department);
    QCOMPARE(out.updated.holder, QStringLiteral("CG"));
    QCOMPARE(out.event.target, QStringLiteral("CG"));
}

void TestCaseMachine::notesRequired_data()
{
    QTest::addColumn<int>("action");
    QTest::addColumn<int>("state");
    QTest::addColumn<int>("role");
    QTest::addColumn<bool>("pending");
    QTest::addRow("void") << int(A::Void) << int(S::Reported) << int(R::Operator) << false;
    QTest::addRow("return") << int(A::Return) << int(S::Dispatched) << int(R::Handler) << false;
    QTest::addRow("rework") << int(A::VerifyFail) << int(S::FedBack) << int(R::Supervisor) << false;
    QTest::addRow("extension") << int(A::RequestExtension) << int(S::Handling) << int(R::FieldWorker) << false;
    QTest::addRow("reject") << int(A::RejectExtension) << int(S::Handling) << int(R::ShiftLeader) << true;
    QTest::addRow("park") << int(A::Park) << int(S::Handling) << int(R::ShiftLeader) << false;
    QTest::addRow("escalate") << int(A::Escalate) << int(S::Registered) << int(R::Operator) << false;
}

void TestCaseMachine::notesRequired()
{
    QFETCH(int, action);
    QFETCH(int, state);
    QFETCH(int, role);
    QFETCH(bool, pending);
    ActionRequest r = fullRequest(A(action));
    r.note = QStringLiteral("   ");
    const TransitionOutcome out = CaseMachine::apply(caseIn(S(state), pending), r,
        Actor { QStringLiteral("x"), R(role) }, kNow, SlaPolicy::builtIn());
    QCOMPARE(out.refusal, Refusal::NoteRequired);
    r.note = QStringLiteral("because");
    QVERIFY(CaseMachine::apply(caseIn(S(state), pending), r, Actor { QStringLiteral("x"), R(role) },
        kNow, SlaPolicy::builtIn())
                .ok());
}

void TestCaseMachine::extensionFlow()
{
    const Actor worker { QStringLiteral("w"), R::FieldWorker };
    const Actor lead { QStringLiteral("l"), R::ShiftLeader };
    Case c = caseIn(S::Handling, false);
    const QDateTime deadline = c.stepDeadline;

    // Nothing to approve yet.
    QCOMPARE(CaseMachine::apply(c, fullRequest(A::ApproveExtension), lead, kNow, SlaPolicy::builtIn()).refusal,
        Refusal::NoExtensionPending);
    ActionRequest bad = fullRequest(A::RequestExtension);
    bad.extensionMinutes = 0;
    QCOMPARE(CaseMachine::apply(c, bad, worker, kNow, SlaPolicy::builtIn()).refusal, Refusal::BadExtension);

    TransitionOutcome req = CaseMachine::apply(c, fullRequest(A::RequestExtension), worker, kNow, SlaPolicy::builtIn());
    QVERIFY(req.ok());
    QVERIFY(req.updated.extensionPending);
    QCOMPARE(req.updated.stepDeadline, deadline); // not moved until approved
    QCOMPARE(CaseMachine::apply(req.updated, fullRequest(A::RequestExtension), worker, kNow, SlaPolicy::builtIn()).refusal,
        Refusal::ExtensionPending);

    TransitionOutcome ok = CaseMachine::apply(req.updated, fullRequest(A::ApproveExtension), lead, kNow, SlaPolicy::builtIn());
    QVERIFY(ok.ok());
    QVERIFY(!ok.updated.extensionPending);
    QCOMPARE(ok.updated.extensionCount, 1);
    QCOMPARE(ok.updated.stepDeadline, deadline.addSecs(120 * 60));

    TransitionOutcome req2 = CaseMachine::apply(ok.updated, fullRequest(A::RequestExtension), worker, kNow, SlaPolicy::builtIn());
    TransitionOutcome no = CaseMachine::apply(req2.updated, fullRequest(A::RejectExtension), lead, kNow, SlaPolicy::builtIn());
    QVERIFY(no.ok());
    QCOMPARE(no.updated.extensionCount, 1);
    QCOMPARE(no.updated.stepDeadline, ok.updated.stepDeadline);

    // Feedback while a request waits drops the request with the step.
    TransitionOutcome fb = CaseMachine::apply(req2.updated, fullRequest(A::Feedback), worker, kNow, SlaPolicy::builtIn());
    QVERIFY(fb.ok());
    QVERIFY(!fb.updated.extensionPending);
}

void TestCaseMachine::escalationClimbsLevels()
{
    const Actor op { QStringLiteral("op"), R::Operator };
    Case c = caseIn(S::Handling, false);
    c.holderKind = HolderKind::Worker;
    c.holder = QStringLiteral("W1");
    TransitionOutcome toStreet = CaseMachine::apply(c, fullRequest(A::Escalate), op, kNow, SlaPolicy::builtIn());
    QVERIFY(toStreet.ok());
    QCOMPARE(toStreet.updated.level, HandlingLevel::Street);
    QCOMPARE(toStreet.updated.state, S::Registered);
    QCOMPARE(toStreet.updated.holderKind, HolderKind::Level);
    QCOMPARE(toStreet.updated.holder, QStringLiteral("440106001"));
    QCOMPARE(toStreet.event.target, QStringLiteral("street"));
    QCOMPARE(toStreet.event.note, QStringLiteral("reason given"));

    TransitionOutcome toDistrict = CaseMachine::apply(toStreet.updated, fullRequest(A::Escalate), op, kNow, SlaPolicy::builtIn());
    QVERIFY(toDistrict.ok());
    QCOMPARE(toDistrict.updated.level, HandlingLevel::District);
    QCOMPARE(toDistrict.updated.holder, QStringLiteral("440106"));
    QCOMPARE(CaseMachine::apply(toDistrict.updated, fullRequest(A::Escalate), op, kNow, SlaPolicy::builtIn()).refusal,
        Refusal::TopLevel);
}

void TestCaseMachine::reworkCountsAndEvent()
{
    const Actor sup { QStringLiteral("sup"), R::Supervisor };
    TransitionOutcome out = CaseMachine::apply(caseIn(S::FedBack, false), fullRequest(A::VerifyFail), sup, kNow, SlaPolicy::builtIn());
    QVERIFY(out.ok());
    QCOMPARE(out.updated.state, S::Handling);
    QCOMPARE(out.updated.reworkCount, 1);
    QCOMPARE(out.updated.stepStartedAt, kNow);
}

void TestCaseMachine::leaderChangesNothing()
{
    for (int a = 0; a < kCaseActionCount; ++a)
        QVERIFY2(!CaseMachine::roleMay(A(a), R::Leader), qPrintable(caseActionKey(A(a))));
    for (int s = 0; s < kCaseStateCount; ++s)
        QVERIFY(CaseMachine::actionsFor(S(s), R::Leader).isEmpty());
    QCOMPARE(CaseMachine::actionsFor(S::Registered, R::Operator),
        (QList<A> { A::Dispatch, A::Return, A::Escalate, A::AcknowledgeAlert, A::AttachPhoto }));
    QCOMPARE(CaseMachine::actionsFor(S::Registered, R::ShiftLeader),
        (QList<A> { A::Void, A::Dispatch, A::Return, A::Park, A::Escalate, A::AcknowledgeAlert, A::AttachPhoto }));
}

void TestCaseMachine::acknowledgeAlertKeepsTheStep()
{
    const Actor op { QStringLiteral("op1"), R::Operator };
    Case c = caseIn(S::Dispatched, false);
    c.disputeLevel = DisputeLevel::Orange;
    TransitionOutcome out = CaseMachine::apply(c, fullRequest(A::AcknowledgeAlert), op, kNow, SlaPolicy::builtIn());
    QCOMPARE(out.refusal, Refusal::NoAlert);
    QCOMPARE(refusalKey(out.refusal), QStringLiteral("no_alert"));

    c.disputeLevel = DisputeLevel::Red;
    out = CaseMachine::apply(c, fullRequest(A::AcknowledgeAlert), op, kNow, SlaPolicy::builtIn());
    QVERIFY2(out.ok(), qPrintable(out.reason));
    QCOMPARE(out.updated.alertAckedAt, kNow);
    QCOMPARE(out.updated.state, S::Dispatched);
    // The handler's clock does not restart because someone saw the alert.
    QCOMPARE(out.updated.stepStartedAt, c.stepStartedAt);
    QCOMPARE(out.updated.stepDeadline, c.stepDeadline);
    QCOMPARE(out.updated.version, c.version + 1);
    QCOMPARE(out.event.action, A::AcknowledgeAlert);
    QCOMPARE(out.event.actor, QStringLiteral("op1"));

    const TransitionOutcome again = CaseMachine::apply(out.updated, fullRequest(A::AcknowledgeAlert), op, kNow.addSecs(5), SlaPolicy::builtIn());
    QCOMPARE(again.refusal, Refusal::NoAlert);
    QCOMPARE(CaseMachine::apply(c, fullRequest(A::AcknowledgeAlert), { QStringLiteral("lead"), R::Leader }, kNow, SlaPolicy::builtIn()).refusal,
        Refusal::RoleNotAllowed);
}

void TestCaseMachine::attachPhotoKeepsTheStep()
{
    // A camera's still in the case: the step, its clock and the holder stay; the event
    // names the camera it came from.
    const Actor op { QStringLiteral("op1"), R::Operator };
    const Case c = caseIn(S::Handling, false);
    ActionRequest r;
    r.action = A::AttachPhoto;
    r.target = QStringLiteral("CAM-0042");
    const TransitionOutcome out = CaseMachine::apply(c, r, op, kNow, SlaPolicy::builtIn());
    QVERIFY2(out.ok(), qPrintable(out.reason));
    QCOMPARE(out.updated.state, S::Handling);
    QCOMPARE(out.updated.stepStartedAt, c.stepStartedAt);
    QCOMPARE(out.updated.stepDeadline, c.stepDeadline);
    QCOMPARE(out.updated.holder, c.holder);
    QCOMPARE(out.event.target, QStringLiteral("CAM-0042"));
    QCOMPARE(out.event.action, A::AttachPhoto);
    QCOMPARE(CaseMachine::apply(caseIn(S::Closed, false), r, op, kNow, SlaPolicy::builtIn()).refusal, Refusal::WrongState);
    QCOMPARE(CaseMachine::apply(c, r, { QStringLiteral("WG1"), R::FieldWorker }, kNow, SlaPolicy::builtIn()).refusal,
        Refusal::RoleNotAllowed);
}

void TestCaseMachine::fullLoopSetsDeadlines()
{
    const SlaPolicy& sla = SlaPolicy::builtIn();
    Case c = caseIn(S::Reported, false);
    QDateTime t = kNow;
    const QList<QPair<A, R>> steps { { A::Register, R::Operator }, { A::Dispatch, R::Operator },
        { A::Accept, R::FieldWorker }, { A::Feedback, R::FieldWorker },
        { A::VerifyPass, R::Supervisor }, { A::Close, R::ShiftLeader } };
    for (const auto& [action, role] : steps) {
        t = t.addSecs(600);
        TransitionOutcome out = CaseMachine::apply(c, fullRequest(action), Actor { QStringLiteral("x"), role }, t, sla);
        QVERIFY2(out.ok(), qPrintable(out.reason));
        c = out.updated;
        QCOMPARE(c.stepStartedAt, t);
        const std::optional<SlaStep> step = slaStepFor(c.state);
        if (step) {
            QCOMPARE(c.stepDeadline,
                t.addSecs(60 * sla.limitMinutes(*step, c.categoryCode, c.level, c.disputeLevel)));
        }
    }
    QCOMPARE(c.state, S::Closed);
    QCOMPARE(c.closedAt, t);
    QCOMPARE(c.version, 5 + steps.size());
}

QTEST_GUILESS_MAIN(TestCaseMachine)
#include "tst_casemachine.moc"
