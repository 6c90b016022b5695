// KPI counts over a real SQLite store: nine cases walked through CaseMachine with known
// times in two streets, compared count by count, street by street and week by week with
// numbers worked out by hand from the definitions in kpiquery.h.
//
// Time limits (built-in SLA, community level, no dispute, category outside the taxonomy):
// register 30 min, dispatch 15, accept 10, handle 60, verify 120, close 240.
// Street level: accept 30, handle 480, verify 240. District: dispatch 30, accept 60,
// handle 1440, verify 480, close 480.

#include "models/domain/casemachine.h"
#include "models/domain/kpi.h"
#include "models/store/kpiquery.h"
#include "models/store/store.h"

#include <QTemporaryDir>
#include <QTest>

using namespace gridhall;

namespace {
const QString kS1 = QStringLiteral("440106001");
const QString kS2 = QStringLiteral("440106002");
const QString kDistrict = QStringLiteral("440106");

QDateTime at(int day, int hour, int minute)
{
    return QDateTime(QDate(2026, 11, day), QTime(hour, minute), Qt::UTC);
}
// Weeks start on Monday: W0 = 9–16 Nov, W1 = 16–23 Nov, W2 = 23–30 Nov 2026.
const QDateTime kW0 = at(9, 0, 0);
const QDateTime kW1 = at(16, 0, 0);
const QDateTime kW2 = at(23, 0, 0);
const QDateTime kW3 = at(30, 0, 0);
const QString kS3 = QStringLiteral("440106003");
QDateTime dec(int day, int hour, int minute)
{
    return QDateTime(QDate(2026, 12, day), QTime(hour, minute), Qt::UTC);
}
// W3 = 30 Nov–7 Dec, W4 = 7–14 Dec: the edge cases of the rates' cohorts, in S3 alone.
const QDateTime kW4 = dec(7, 0, 0);
const QDateTime kW5 = dec(14, 0, 0);

// Every numerator within its denominator, so every rate within 0…100 % or empty.
QString rateProblem(const KpiCounts& c)
{
    const struct {
        const char* name;
        qint64 part, whole;
    } pairs[] = {
        { "closed", c.dueClosed, c.shouldClose() },
        { "closed on time", c.dueClosedOnTime, c.dueClosed },
        { "reworked", c.dueReworked, c.shouldClose() },
        { "extended", c.registeredExtended, c.registered },
        { "handled", c.dueHandled, c.shouldHandle() },
        { "handled on time", c.dueHandledOnTime, c.dueHandled },
        { "dispatched on time", c.dueDispatchedOnTime, c.shouldDispatch() },
        { "dispatched accurately", c.dueDispatchedAccurately, c.shouldDispatch() },
        { "at grassroots", c.dueClosedAtGrassroots, c.dueClosed },
    };
    for (const auto& p : pairs)
        if (p.part < 0 || p.part > p.whole)
            return QStringLiteral("%1: %2 of %3").arg(QLatin1String(p.name)).arg(p.part).arg(p.whole);
    const KpiValues v = KpiValues::from(c);
    for (int i = 0; i < kKpiIndicatorCount; ++i) {
        const auto indicator = KpiIndicator(i);
        const std::optional<double> r = v.value(indicator);
        if (kpiIsRate(indicator) && r && !(*r >= 0.0 && *r <= 1.0))
            return kpiIndicatorKey(indicator) + QStringLiteral(" = %1").arg(*r);
    }
    return {};
}

// Just the counts a test row names; everything else must be zero.
struct Expect {
    qint64 reported = 0, registered = 0, selfHandled = 0, dispatched = 0, dispatchedOnTime = 0,
           handled = 0, handledOnTime = 0, closed = 0, closedOnTime = 0, closedAtGrassroots = 0,
           reworked = 0, extended = 0, overdue = 0, registeredWithinLimit = 0,
           dispatchedWithinLimit = 0, awaitingDispatchWithinLimit = 0;
    KpiCounts counts() const
    {
        KpiCounts c;
        c.reported = reported;
        c.registered = registered;
        c.selfHandled = selfHandled;
        c.dispatched = dispatched;
        c.dispatchedOnTime = dispatchedOnTime;
        c.handled = handled;
        c.handledOnTime = handledOnTime;
        c.closed = closed;
        c.closedOnTime = closedOnTime;
        c.closedAtGrassroots = closedAtGrassroots;
        c.reworked = reworked;
        c.extended = extended;
        c.overdue = overdue;
        c.registeredWithinLimit = registeredWithinLimit;
        c.dispatchedWithinLimit = dispatchedWithinLimit;
        c.awaitingDispatchWithinLimit = awaitingDispatchWithinLimit;
        return c;
    }
};

// The counts of events and states, without the rates' numerators (checked on their own in
// perStreetWeek and cohortEdgeCases).
KpiCounts flowOnly(KpiCounts c)
{
    for (qint64 KpiCounts::*f : { &KpiCounts::dueClosed, &KpiCounts::dueClosedOnTime, &KpiCounts::dueClosedAtGrassroots,
             &KpiCounts::dueReworked, &KpiCounts::registeredExtended, &KpiCounts::dueHandled,
             &KpiCounts::dueHandledOnTime, &KpiCounts::dueDispatchedOnTime, &KpiCounts::dueDispatchedAccurately })
        c.*f = 0;
    return c;
}

QString describe(const KpiCounts& c)
{
    return QStringLiteral("rep %1 reg %2 self %3 disp %4/%5 hand %6/%7 close %8/%9 grass %10 "
                          "rework %11 ext %12 overdue %13 within reg %14 disp %15 await %16")
        .arg(c.reported).arg(c.registered).arg(c.selfHandled).arg(c.dispatched).arg(c.dispatchedOnTime)
        .arg(c.handled).arg(c.handledOnTime).arg(c.closed).arg(c.closedOnTime).arg(c.closedAtGrassroots)
        .arg(c.reworked).arg(c.extended).arg(c.overdue).arg(c.registeredWithinLimit)
        .arg(c.dispatchedWithinLimit).arg(c.awaitingDispatchWithinLimit);
}

#define COMPARE_COUNTS(actual, expected)                                                      \
    do {                                                                                      \
        const KpiCounts a_ = (actual);                                                        \
        const KpiCounts e_ = (expected);                                                      \
        QVERIFY2(a_ == e_, qPrintable(QStringLiteral("\n  actual   %1\n  expected %2")       \
                                          .arg(describe(a_), describe(e_))));                 \
    } while (false)
} // namespace

class TestKpiQuery : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void perStreetWeek();
    void ratesFromQueriedCounts();
    void perDistrictCommunityGrid();
    void perDepartment();
    void perWorker();
    void previousWeek();
    void openCasesWithoutRecentEvents();
    void dailyTrend();
    void areaFilter();
    void emptyPeriod();
    void badPeriods();
    void bucketBoundaries();
    void cohortEdgeCases();
    void ratesStayWithinBounds();

private:
    // Walks one case through the machine, writing the case and each event to the store.
    class Walk {
    public:
        Walk(TestKpiQuery* test, qint64 id, const QString& street, const QString& reporter,
            CaseAction first, const QDateTime& when);
        void act(CaseAction action, Role role, const QDateTime& when, const QString& target = {},
            int minutes = 0);

    private:
        void save(const TransitionOutcome& o);
        TestKpiQuery* m_test;
        Case m_case;
    };

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Store> m_store;
    qint64 m_failures = 0;
};

TestKpiQuery::Walk::Walk(TestKpiQuery* test, qint64 id, const QString& street,
    const QString& reporter, CaseAction first, const QDateTime& when)
    : m_test(test)
{
    Case draft;
    draft.id = id;
    draft.code = QStringLiteral("C%1").arg(id);
    draft.categoryCode = QStringLiteral("9999");
    draft.streetCode = street;
    draft.communityCode = street + QStringLiteral("001");
    draft.gridCode = draft.communityCode + QStringLiteral("00%1").arg(id % 2 + 1);
    draft.reporter = reporter;
    save(CaseMachine::open(draft, first, Actor { reporter, Role::FieldWorker }, when, SlaPolicy::builtIn()));
}

void TestKpiQuery::Walk::act(CaseAction action, Role role, const QDateTime& when,
    const QString& target, int minutes)
{
    ActionRequest r;
    r.action = action;
    r.target = target;
    r.targetKind = target == QLatin1String("CG") ? HolderKind::Department : HolderKind::Worker;
    r.note = QStringLiteral("because");
    r.extensionMinutes = minutes;
    save(CaseMachine::apply(m_case, r, Actor { QStringLiteral("someone"), role }, when, SlaPolicy::builtIn()));
}

void TestKpiQuery::Walk::save(const TransitionOutcome& o)
{
    if (!o.ok()) {
        qWarning("refused: %s", qPrintable(o.reason));
        ++m_test->m_failures;
        return;
    }
    m_case = o.updated;
    if (!m_test->m_store->putCase(m_case) || !m_test->m_store->appendEvent(o.event))
        ++m_test->m_failures;
}

void TestKpiQuery::initTestCase()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    StoreStatus status;
    m_store = Store::open(m_dir->filePath(QStringLiteral("kpi.sqlite")), &status);
    QVERIFY2(m_store, qPrintable(status.message));
    QVERIFY(m_store->putDepartment(Department { QStringLiteral("CG"), QStringLiteral("城管"), QStringLiteral("City management") }));
    for (int i = 1; i <= 3; ++i) {
        Worker w;
        w.id = i;
        w.code = QStringLiteral("W00%1").arg(i);
        w.name = w.code;
        w.streetCode = i < 3 ? kS1 : kS2;
        QVERIFY(m_store->putWorker(w));
    }
    using A = CaseAction;
    using R = Role;
    const QString W001 = QStringLiteral("W001"), W002 = QStringLiteral("W002"), W003 = QStringLiteral("W003");
    const QString CG = QStringLiteral("CG");

    // A (S1): the whole loop on time on Monday of W1, handled by W001.
    Walk a(this, 1, kS1, W001, A::Report, at(16, 8, 0));
    a.act(A::Register, R::Operator, at(16, 8, 10)); // register limit 08:30
    a.act(A::Dispatch, R::Operator, at(16, 8, 20), W001); // dispatch limit 08:25
    a.act(A::Accept, R::FieldWorker, at(16, 8, 25)); // accept limit 08:30
    a.act(A::Feedback, R::FieldWorker, at(16, 9, 0)); // handle limit 09:25
    a.act(A::VerifyPass, R::Supervisor, at(16, 9, 30)); // verify limit 11:00
    a.act(A::Close, R::ShiftLeader, at(16, 10, 0)); // close limit 13:30

    // B (S1): dispatched late to CG, an extension, one rework, closed (late overall).
    Walk b(this, 2, kS1, W001, A::Report, at(17, 8, 0));
    b.act(A::Register, R::Operator, at(17, 8, 5)); // dispatch limit 08:20
    b.act(A::Dispatch, R::Operator, at(17, 9, 0), CG); // 40 min late: overdue
    b.act(A::Accept, R::Handler, at(17, 9, 5)); // accept limit 09:10
    b.act(A::RequestExtension, R::Handler, at(17, 9, 30), {}, 120); // handle limit 10:05
    b.act(A::ApproveExtension, R::Supervisor, at(17, 9, 40)); // now 12:05
    b.act(A::Feedback, R::Handler, at(17, 11, 0)); // in time
    b.act(A::VerifyFail, R::Supervisor, at(17, 11, 30)); // rework: handle limit 12:30
    b.act(A::Feedback, R::Handler, at(17, 12, 0)); // in time
    b.act(A::VerifyPass, R::Supervisor, at(17, 12, 30));
    b.act(A::Close, R::ShiftLeader, at(17, 13, 0));

    // C (S1): registered late on Sunday, dispatch due 00:10 Monday: within limit at W1's
    // end; dispatched in W2 and left there (overdue at W2's end).
    Walk c(this, 3, kS1, W002, A::Report, at(22, 23, 50));
    c.act(A::Register, R::Operator, at(22, 23, 55));
    c.act(A::Dispatch, R::Operator, at(23, 0, 5), W002); // accept limit 00:20 on 23 Nov

    // D (S1): stuck in handling since Saturday: overdue at the end of W1 and W2.
    Walk d(this, 4, kS1, W002, A::Report, at(21, 10, 0));
    d.act(A::Register, R::Operator, at(21, 10, 5));
    d.act(A::Dispatch, R::Operator, at(21, 10, 10), W002); // on time (limit 10:20)
    d.act(A::Accept, R::FieldWorker, at(21, 10, 15)); // handle limit 11:15

    // H (S1): parked after the dispatch limit passed (overdue), then not due any more.
    Walk h(this, 5, kS1, W001, A::Report, at(18, 10, 0));
    h.act(A::Register, R::Operator, at(18, 10, 5)); // dispatch limit 10:20
    h.act(A::Park, R::Supervisor, at(18, 10, 30));

    // E (S2): self-handled by W003 on Wednesday.
    Walk e(this, 6, kS2, W003, A::SelfHandle, at(18, 14, 0));

    // F (S2): from W0, dispatched to W003, handling overdue since 12 Nov; fed back late
    // and closed on Monday of W1.
    Walk f(this, 7, kS2, W003, A::Report, at(12, 9, 0));
    f.act(A::Register, R::Operator, at(12, 9, 10));
    f.act(A::Dispatch, R::Operator, at(12, 9, 20), W003); // limit 09:25
    f.act(A::Accept, R::FieldWorker, at(12, 9, 25)); // handle limit 10:25 on 12 Nov
    f.act(A::Feedback, R::FieldWorker, at(16, 9, 0)); // four days late
    f.act(A::VerifyPass, R::Supervisor, at(16, 10, 0));
    f.act(A::Close, R::ShiftLeader, at(16, 11, 0));

    // G (S2): escalated twice to the district, then dispatched to CG and closed in time.
    // Only with the levels replayed right is the Friday feedback on time (1440 min, not 60).
    Walk g(this, 8, kS2, W003, A::Report, at(19, 8, 0));
    g.act(A::Register, R::Operator, at(19, 8, 5)); // dispatch limit 08:20
    g.act(A::Escalate, R::Operator, at(19, 8, 10)); // street: dispatch limit 08:25
    g.act(A::Escalate, R::Operator, at(19, 8, 20)); // district: dispatch limit 08:50
    g.act(A::Dispatch, R::Operator, at(19, 8, 40), CG);
    g.act(A::Accept, R::Handler, at(19, 8, 50)); // handle limit Fri 08:50
    g.act(A::Feedback, R::Handler, at(20, 8, 0));
    g.act(A::VerifyPass, R::Supervisor, at(20, 9, 0)); // close limit 17:00
    g.act(A::Close, R::ShiftLeader, at(20, 10, 0));

    // I (S2): reported and voided before registration.
    Walk i(this, 9, kS2, W003, A::Report, at(17, 10, 0));
    i.act(A::Void, R::Operator, at(17, 10, 20));

    // S3, W3: the cohorts' edge cases.
    // J: dispatched, returned, dispatched again, closed in time.
    Walk j(this, 10, kS3, W001, A::Report, dec(1, 8, 0));
    j.act(A::Register, R::Operator, dec(1, 8, 5)); // dispatch limit 08:20
    j.act(A::Dispatch, R::Operator, dec(1, 8, 10), W001);
    j.act(A::Return, R::Operator, dec(1, 8, 15)); // back to registered: limit 08:30
    j.act(A::Dispatch, R::Operator, dec(1, 8, 18), W001); // accept limit 08:28
    j.act(A::Accept, R::FieldWorker, dec(1, 8, 20)); // handle limit 09:20
    j.act(A::Feedback, R::FieldWorker, dec(1, 8, 50));
    j.act(A::VerifyPass, R::Supervisor, dec(1, 9, 0));
    j.act(A::Close, R::ShiftLeader, dec(1, 9, 30));
    // K: registered, then voided: never due.
    Walk k(this, 11, kS3, W001, A::Report, dec(2, 8, 0));
    k.act(A::Register, R::Operator, dec(2, 8, 5));
    k.act(A::Void, R::Supervisor, dec(2, 8, 10));
    // L: registered and parked in W3, reopened (unparked) in W4 and left past its limit.
    Walk l(this, 12, kS3, W001, A::Report, dec(2, 9, 0));
    l.act(A::Register, R::Operator, dec(2, 9, 5));
    l.act(A::Park, R::Supervisor, dec(2, 9, 10));
    l.act(A::Unpark, R::Supervisor, dec(10, 9, 0)); // dispatch limit 09:15
    // M: registered late on Sunday, closed on Monday after the week.
    Walk m(this, 13, kS3, W001, A::Report, dec(6, 23, 40));
    m.act(A::Register, R::Operator, dec(6, 23, 50)); // dispatch limit 00:05 on Monday
    m.act(A::Dispatch, R::Operator, dec(7, 0, 1), W001);
    m.act(A::Accept, R::FieldWorker, dec(7, 0, 5));
    m.act(A::Feedback, R::FieldWorker, dec(7, 0, 30));
    m.act(A::VerifyPass, R::Supervisor, dec(7, 0, 40));
    m.act(A::Close, R::ShiftLeader, dec(7, 1, 0));
    // N: fed back late, reworked, closed late in the same week.
    Walk n(this, 14, kS3, W001, A::Report, dec(1, 10, 0));
    n.act(A::Register, R::Operator, dec(1, 10, 5));
    n.act(A::Dispatch, R::Operator, dec(1, 10, 10), W001); // in time (10:20)
    n.act(A::Accept, R::FieldWorker, dec(1, 10, 15)); // handle limit 11:15
    n.act(A::Feedback, R::FieldWorker, dec(1, 13, 0)); // late
    n.act(A::VerifyFail, R::Supervisor, dec(1, 13, 10));
    n.act(A::Feedback, R::FieldWorker, dec(1, 13, 30));
    n.act(A::VerifyPass, R::Supervisor, dec(1, 13, 40));
    n.act(A::Close, R::ShiftLeader, dec(1, 14, 0));

    QCOMPARE(m_failures, qint64(0));
}

void TestKpiQuery::perStreetWeek()
{
    KpiQuery query(*m_store);
    QString error;
    const auto w1 = query.counts(KpiGrouping::Street, kW1, kW2, &error);
    QVERIFY2(w1, qPrintable(error));
    QCOMPARE(w1->size(), 2);
    Expect s1;
    s1.reported = 5; // A B C D H
    s1.registered = 5;
    s1.dispatched = 3; // A B D
    s1.dispatchedOnTime = 2; // B was 40 min late
    s1.handled = 2; // A B
    s1.handledOnTime = 2; // B's last feedback 12:00 ≤ 12:30
    s1.closed = 2; // A B
    s1.closedOnTime = 1; // B's dispatch overran
    s1.closedAtGrassroots = 2;
    s1.reworked = 1; // B
    s1.extended = 1; // B
    s1.overdue = 3; // B (late dispatch), D (handling past 11:15 at the end), H (parked late)
    s1.registeredWithinLimit = 2; // C (dispatch due Monday 00:10), H (parked)
    s1.awaitingDispatchWithinLimit = 2; // C, H
    // Of the 3 due for closing (A B D): A and B closed, A on time, B reworked; of the 3 due
    // for dispatch (A B D) A and D on time, A and D not reworked; A B fed back of A B D.
    const KpiCounts c1 = w1->value(kS1);
    QCOMPARE(c1.dueClosed, qint64(2));
    QCOMPARE(c1.dueClosedOnTime, qint64(1));
    QCOMPARE(c1.dueClosedAtGrassroots, qint64(2));
    QCOMPARE(c1.dueReworked, qint64(1));
    QCOMPARE(c1.registeredExtended, qint64(1));
    QCOMPARE(c1.dueDispatchedOnTime, qint64(2));
    QCOMPARE(c1.dueDispatchedAccurately, qint64(2));
    QCOMPARE(c1.dueHandled, qint64(2));
    QCOMPARE(c1.dueHandledOnTime, qint64(2)); // B's first feedback 11:00 ≤ 12:05 (extended)
    COMPARE_COUNTS(flowOnly(w1->value(kS1)), s1.counts());
    Expect s2;
    s2.reported = 3; // E G I (F was reported in W0)
    s2.registered = 2; // E (self-handled) G
    s2.selfHandled = 1;
    s2.dispatched = 1; // G
    s2.dispatchedOnTime = 1;
    s2.handled = 3; // E F G
    s2.handledOnTime = 2; // F four days late
    s2.closed = 3; // E F G
    s2.closedOnTime = 2; // not F
    s2.closedAtGrassroots = 2; // E F; G was closed by the district
    s2.overdue = 1; // F's handling step ended late this week
    // Due: E (self-handled) and G, both closed on time; F closed too, but it was
    // registered in W0, so it is in 结案数 only.
    const KpiCounts c2 = w1->value(kS2);
    QCOMPARE(c2.dueClosed, qint64(2));
    QCOMPARE(c2.dueClosedOnTime, qint64(2));
    QCOMPARE(c2.dueClosedAtGrassroots, qint64(1)); // E; G was closed by the district
    QCOMPARE(c2.dueHandled, qint64(2)); // E G
    QCOMPARE(c2.dueHandledOnTime, qint64(2));
    QCOMPARE(c2.dueDispatchedOnTime, qint64(1)); // G
    COMPARE_COUNTS(flowOnly(w1->value(kS2)), s2.counts());
}

void TestKpiQuery::ratesFromQueriedCounts()
{
    KpiQuery query(*m_store);
    QString error;
    const auto w1 = query.counts(KpiGrouping::Street, kW1, kW2, &error);
    QVERIFY2(w1, qPrintable(error));
    const KpiValues s1 = KpiValues::from(w1->value(kS1));
    QCOMPARE(s1.counts.shouldClose(), qint64(3)); // 5 − 2
    QCOMPARE(*s1.closureRate, 2.0 / 3.0);
    QCOMPARE(*s1.onTimeClosureRate, 1.0 / 3.0);
    QCOMPARE(s1.counts.shouldHandle(), qint64(3)); // 3 − 0
    QCOMPARE(*s1.onTimeHandlingRate, 2.0 / 3.0);
    QCOMPARE(s1.counts.shouldDispatch(), qint64(3)); // 5 − 0 − 2
    QCOMPARE(*s1.accurateDispatchRate, 2.0 / 3.0); // (3 − 1) / 3
    QCOMPARE(*s1.extensionRate, 0.2); // 1 / 5
    const KpiValues s2 = KpiValues::from(w1->value(kS2));
    QCOMPARE(*s1.reworkRate, 1.0 / 3.0);
    QCOMPARE(*s1.grassrootsRate, 1.0);
    QCOMPARE(s2.counts.closed, qint64(3)); // E F G closed this week, F from last week …
    QCOMPARE(*s2.closureRate, 1.0); // … but the rate counts the 2 due this week: 2 / 2
    QCOMPARE(s2.counts.shouldDispatch(), qint64(1)); // 2 − 1 self-handled
    QCOMPARE(*s2.grassrootsRate, 0.5); // E of E G
    QCOMPARE(kpiFormatRate(s1.closureRate), QStringLiteral("66.7 %"));
}

void TestKpiQuery::perDistrictCommunityGrid()
{
    KpiQuery query(*m_store);
    QString error;
    const auto streets = query.counts(KpiGrouping::Street, kW1, kW2, &error);
    const auto district = query.counts(KpiGrouping::District, kW1, kW2, &error);
    const auto communities = query.counts(KpiGrouping::Community, kW1, kW2, &error);
    const auto grids = query.counts(KpiGrouping::Grid, kW1, kW2, &error);
    QVERIFY2(streets && district && communities && grids, qPrintable(error));
    KpiCounts sum = streets->value(kS1);
    sum += streets->value(kS2);
    QCOMPARE(district->keys(), QList<QString>({ kDistrict }));
    COMPARE_COUNTS(district->value(kDistrict), sum);
    QCOMPARE(communities->size(), 2); // one community per street in this fixture
    COMPARE_COUNTS(communities->value(kS1 + QStringLiteral("001")), streets->value(kS1));
    // Grids: odd case ids in …002, even in …001. S1's odd cases: A (1), C (3), H (5).
    Expect g;
    g.reported = 3;
    g.registered = 3;
    g.dispatched = 1;
    g.dispatchedOnTime = 1;
    g.handled = 1;
    g.handledOnTime = 1;
    g.closed = 1;
    g.closedOnTime = 1;
    g.closedAtGrassroots = 1;
    g.overdue = 1; // H
    g.registeredWithinLimit = 2; // C, H
    g.awaitingDispatchWithinLimit = 2;
    COMPARE_COUNTS(flowOnly(grids->value(kS1 + QStringLiteral("001002"))), g.counts());
    QCOMPARE(grids->size(), 4);
}

void TestKpiQuery::perDepartment()
{
    KpiQuery query(*m_store);
    QString error;
    const auto w1 = query.counts(KpiGrouping::Department, kW1, kW2, &error);
    QVERIFY2(w1, qPrintable(error));
    QCOMPARE(w1->keys(), QList<QString>({ QStringLiteral("CG") }));
    Expect cg; // B and G; B's late dispatch happened before CG held it
    cg.dispatched = 2;
    cg.dispatchedOnTime = 1;
    cg.handled = 2;
    cg.handledOnTime = 2;
    cg.reworked = 1;
    cg.extended = 1;
    cg.closed = 2;
    cg.closedOnTime = 1;
    cg.closedAtGrassroots = 1; // B; G was a district case
    COMPARE_COUNTS(flowOnly(w1->value(QStringLiteral("CG"))), cg.counts());
}

void TestKpiQuery::perWorker()
{
    KpiQuery query(*m_store);
    QString error;
    const auto w1 = query.counts(KpiGrouping::Worker, kW1, kW2, &error);
    QVERIFY2(w1, qPrintable(error));
    QCOMPARE(w1->size(), 3);
    Expect w001; // reported A B H; handled A
    w001.reported = 3;
    w001.dispatched = 1;
    w001.dispatchedOnTime = 1;
    w001.handled = 1;
    w001.handledOnTime = 1;
    w001.closed = 1;
    w001.closedOnTime = 1;
    w001.closedAtGrassroots = 1;
    COMPARE_COUNTS(flowOnly(w1->value(QStringLiteral("W001"))), w001.counts());
    Expect w002; // reported C D; holds D, overdue at the end of the week
    w002.reported = 2;
    w002.dispatched = 1;
    w002.dispatchedOnTime = 1;
    w002.overdue = 1;
    COMPARE_COUNTS(flowOnly(w1->value(QStringLiteral("W002"))), w002.counts());
    Expect w003; // reported E G I, self-handled E, holds F
    w003.reported = 3;
    w003.registered = 1;
    w003.selfHandled = 1;
    w003.handled = 2;
    w003.handledOnTime = 1;
    w003.closed = 2;
    w003.closedOnTime = 1;
    w003.closedAtGrassroots = 2;
    w003.overdue = 1;
    COMPARE_COUNTS(flowOnly(w1->value(QStringLiteral("W003"))), w003.counts());
}

void TestKpiQuery::previousWeek()
{
    KpiQuery query(*m_store);
    QString error;
    const auto table = query.withPrevious(KpiGrouping::Street, kW1, kW2, &error);
    QVERIFY2(table, qPrintable(error));
    QCOMPARE(table->periodCount(), 2);
    QCOMPARE(table->boundaries.first(), kW0);
    Expect f; // F alone in W0: overdue in handling at the end of the week
    f.reported = 1;
    f.registered = 1;
    f.dispatched = 1;
    f.dispatchedOnTime = 1;
    f.overdue = 1;
    COMPARE_COUNTS(flowOnly(table->at(kS2, 0)), f.counts());
    COMPARE_COUNTS(table->at(kS1, 0), KpiCounts {});
    // The same week through a two-period table equals the single-period answer.
    const auto w1 = query.counts(KpiGrouping::Street, kW1, kW2, &error);
    COMPARE_COUNTS(table->at(kS1, 1), w1->value(kS1));
    COMPARE_COUNTS(table->at(kS2, 1), w1->value(kS2));
    const KpiChange reported = kpiChange(table->at(kS2, 1).reported, table->at(kS2, 0).reported);
    QCOMPARE(*reported.absolute, 2.0); // 3 − 1
    QCOMPARE(*reported.relative, 2.0); // +200 %
}

void TestKpiQuery::openCasesWithoutRecentEvents()
{
    // W2: D has no event since 21 Nov but is still open and overdue; C was dispatched on
    // Monday and never accepted. H is parked: not overdue.
    KpiQuery query(*m_store);
    QString error;
    const auto w2 = query.counts(KpiGrouping::Street, kW2, kW3, &error);
    QVERIFY2(w2, qPrintable(error));
    QCOMPARE(w2->keys(), QList<QString>({ kS1 }));
    Expect s1;
    s1.dispatched = 1;
    s1.dispatchedOnTime = 1; // 00:05 ≤ 00:10
    s1.overdue = 2; // C, D
    COMPARE_COUNTS(flowOnly(w2->value(kS1)), s1.counts());
}

void TestKpiQuery::dailyTrend()
{
    KpiQuery query(*m_store);
    QString error;
    const auto trend = query.trend(KpiGrouping::Street, KpiBucket::Day, kW1, kW2, &error);
    QVERIFY2(trend, qPrintable(error));
    QCOMPARE(trend->periodCount(), 7);
    // Monday: S1 has A's whole loop; S2 has F's late feedback and close.
    Expect a;
    a.reported = 1;
    a.registered = 1;
    a.dispatched = 1;
    a.dispatchedOnTime = 1;
    a.handled = 1;
    a.handledOnTime = 1;
    a.closed = 1;
    a.closedOnTime = 1;
    a.closedAtGrassroots = 1;
    COMPARE_COUNTS(flowOnly(trend->at(kS1, 0)), a.counts());
    Expect f;
    f.handled = 1;
    f.closed = 1;
    f.closedAtGrassroots = 1;
    f.overdue = 1;
    COMPARE_COUNTS(flowOnly(trend->at(kS2, 0)), f.counts());
    // Saturday: D registered, dispatched and overdue by midnight.
    Expect d;
    d.reported = 1;
    d.registered = 1;
    d.dispatched = 1;
    d.dispatchedOnTime = 1;
    d.overdue = 1;
    COMPARE_COUNTS(flowOnly(trend->at(kS1, 5)), d.counts());
    // Sunday: D still overdue; C registered at 23:55, still in time at midnight.
    Expect sunday;
    sunday.reported = 1;
    sunday.registered = 1;
    sunday.overdue = 1;
    sunday.registeredWithinLimit = 1;
    sunday.awaitingDispatchWithinLimit = 1;
    COMPARE_COUNTS(flowOnly(trend->at(kS1, 6)), sunday.counts());
    // Reports over the days add up to the week's (each case is reported once).
    qint64 reported = 0;
    for (int day = 0; day < 7; ++day)
        reported += trend->total(day).reported;
    QCOMPARE(reported, qint64(8));
}

void TestKpiQuery::areaFilter()
{
    KpiQuery query(*m_store);
    query.setArea(kS2);
    QString error;
    const auto streets = query.counts(KpiGrouping::Street, kW1, kW2, &error);
    QVERIFY2(streets, qPrintable(error));
    QCOMPARE(streets->keys(), QList<QString>({ kS2 }));
    const auto departments = query.counts(KpiGrouping::Department, kW1, kW2, &error);
    QVERIFY2(departments, qPrintable(error));
    QCOMPARE(departments->value(QStringLiteral("CG")).dispatched, qint64(1)); // G only
    QCOMPARE(departments->value(QStringLiteral("CG")).reworked, qint64(0));
}

void TestKpiQuery::emptyPeriod()
{
    KpiQuery query(*m_store);
    QString error;
    const auto before = query.counts(KpiGrouping::Street, at(1, 0, 0), at(8, 0, 0), &error);
    QVERIFY2(before, qPrintable(error));
    QVERIFY(before->isEmpty());
    const QHash<QString, KpiScore> scores = kpiScoreUnits(*before);
    QVERIFY(scores.isEmpty());
}

void TestKpiQuery::badPeriods()
{
    KpiQuery query(*m_store);
    QString error;
    QVERIFY(!query.counts(KpiGrouping::Street, kW2, kW1, &error));
    QVERIFY(!error.isEmpty());
    error.clear();
    QVERIFY(!query.periods(KpiGrouping::Street, { kW1 }, &error));
    QVERIFY(!error.isEmpty());
    error.clear();
    QVERIFY(!query.periods(KpiGrouping::Street, { kW1, QDateTime(), kW2 }, &error));
    QVERIFY(!error.isEmpty());
    error.clear();
    QVERIFY(!query.trend(KpiGrouping::Street, KpiBucket::Day, kW1, kW1, &error));
    QVERIFY(!error.isEmpty());
}

void TestKpiQuery::bucketBoundaries()
{
    // Wednesday 18 Nov 10:00 to Tuesday 1 Dec: weeks from Monday 16 Nov to Monday 7 Dec.
    const QDateTime from = at(18, 10, 0);
    const QDateTime to = QDateTime(QDate(2026, 12, 1), QTime(12, 0), Qt::UTC);
    QList<QDateTime> weeks = KpiQuery::bucketBoundaries(from, to, KpiBucket::Week);
    QCOMPARE(weeks.size(), 4);
    QCOMPARE(weeks.first(), kW1);
    QCOMPARE(weeks.last(), QDateTime(QDate(2026, 12, 7), QTime(0, 0), Qt::UTC));
    QList<QDateTime> months = KpiQuery::bucketBoundaries(from, to, KpiBucket::Month);
    QCOMPARE(months.size(), 3); // 1 Nov, 1 Dec, 1 Jan
    QCOMPARE(months.first(), QDateTime(QDate(2026, 11, 1), QTime(0, 0), Qt::UTC));
    QList<QDateTime> days = KpiQuery::bucketBoundaries(kW1, kW2, KpiBucket::Day);
    QCOMPARE(days.size(), 8);
    QVERIFY(KpiQuery::bucketBoundaries(kW2, kW1, KpiBucket::Day).isEmpty());
}

void TestKpiQuery::cohortEdgeCases()
{
    KpiQuery query(*m_store);
    QString error;
    const auto table = query.periods(KpiGrouping::Street, { kW3, kW4, kW5 }, &error);
    QVERIFY2(table, qPrintable(error));
    // W3: J K L M N registered. K voided, L parked, M still in time at the week's end: not
    // due. J (returned once) and N are due and closed; N late, reworked, fed back late.
    const KpiCounts w3 = table->at(kS3, 0);
    QCOMPARE(w3.registered, qint64(5));
    QCOMPARE(w3.closed, qint64(2));
    QCOMPARE(w3.shouldClose(), qint64(2));
    QCOMPARE(w3.dueClosed, qint64(2));
    QCOMPARE(w3.dueClosedOnTime, qint64(1));
    QCOMPARE(w3.dueReworked, qint64(1));
    QCOMPARE(w3.shouldDispatch(), qint64(2)); // K L M wait within their limit (void, parked)
    QCOMPARE(w3.dueDispatchedOnTime, qint64(2)); // J's first dispatch decides, not the one after the return
    QCOMPARE(w3.dueDispatchedAccurately, qint64(1)); // not N
    QCOMPARE(w3.shouldHandle(), qint64(2));
    QCOMPARE(w3.dueHandled, qint64(2));
    QCOMPARE(w3.dueHandledOnTime, qint64(1)); // N's first feedback was late
    const KpiValues v3 = KpiValues::from(w3);
    QCOMPARE(*v3.closureRate, 1.0);
    QCOMPARE(*v3.onTimeClosureRate, 0.5);
    QCOMPARE(*v3.reworkRate, 0.5);
    QCOMPARE(*v3.extensionRate, 0.0);
    QCOMPARE(*v3.onTimeHandlingRate, 0.5);
    QCOMPARE(*v3.accurateDispatchRate, 0.5);
    // W4: M closed after its week and L reopened and overdue. Nothing was registered, so
    // nothing is due: 结案数 1, 结案率 "—" (not 100 % and not infinite).
    const KpiCounts w4 = table->at(kS3, 1);
    QCOMPARE(w4.closed, qint64(1));
    QCOMPARE(w4.overdue, qint64(1)); // L
    QCOMPARE(w4.shouldClose(), qint64(0));
    QVERIFY(!KpiValues::from(w4).closureRate);
    QCOMPARE(*KpiValues::from(w4).handlingRate, 1.0); // handling counts by dispatch: M, dispatched in W4
    QVERIFY(rateProblem(w3).isEmpty());
    QVERIFY(rateProblem(w4).isEmpty());
}

void TestKpiQuery::ratesStayWithinBounds()
{
    // Every unit of every grouping, per day and per week over the whole fixture.
    KpiQuery query(*m_store);
    QString error;
    for (KpiGrouping grouping : { KpiGrouping::District, KpiGrouping::Street, KpiGrouping::Community,
             KpiGrouping::Grid, KpiGrouping::Department, KpiGrouping::Worker }) {
        for (KpiBucket bucket : { KpiBucket::Day, KpiBucket::Week }) {
            const auto table = query.trend(grouping, bucket, kW0, kW5, &error);
            QVERIFY2(table, qPrintable(error));
            for (int p = 0; p < table->periodCount(); ++p) {
                for (auto it = table->units.cbegin(); it != table->units.cend(); ++it) {
                    const QString problem = rateProblem(table->at(it.key(), p));
                    QVERIFY2(problem.isEmpty(), qPrintable(QStringLiteral("%1 %2 period %3: %4")
                                                               .arg(kpiGroupingKey(grouping), it.key())
                                                               .arg(p)
                                                               .arg(problem)));
                }
                QVERIFY(rateProblem(table->total(p)).isEmpty());
            }
        }
    }
}

QTEST_GUILESS_MAIN(TestKpiQuery)
#include "tst_kpiquery.moc"
