// KPI formulas: every rate, the composite value and grades against numbers worked out
// by hand; empty periods and zero denominators; weights from JSON and their errors.

#include "models/domain/kpi.h"

#include <QSet>
#include <QTest>

#include <cmath>
#include <limits>

using namespace gridhall;

namespace {
// One street, one week, chosen so that no rate is a round 100 %.
KpiCounts streetWeek()
{
    KpiCounts c;
    c.reported = 120;
    c.registered = 100;
    c.dispatched = 80;
    c.dispatchedOnTime = 72;
    c.handled = 70;
    c.handledOnTime = 63;
    c.closed = 81;
    c.closedOnTime = 72;
    c.reworked = 5;
    c.extended = 4;
    c.overdue = 7;
    c.closedAtGrassroots = 63;
    c.registeredWithinLimit = 10;
    c.dispatchedWithinLimit = 8;
    c.awaitingDispatchWithinLimit = 6;
    c.selfHandled = 12;
    // The rates' numerators: of the 90 due for closing, 84 for handling, 82 for dispatch.
    c.dueClosed = 81;
    c.dueClosedOnTime = 72;
    c.dueClosedAtGrassroots = 63;
    c.dueReworked = 5;
    c.registeredExtended = 4;
    c.dueHandled = 70;
    c.dueHandledOnTime = 63;
    c.dueDispatchedOnTime = 72;
    c.dueDispatchedAccurately = 75;
    return c;
}

bool near(std::optional<double> v, double expected)
{
    return v && std::abs(*v - expected) < 1e-9;
}
} // namespace

class TestKpi : public QObject {
    Q_OBJECT
private slots:
    void shouldDenominators();
    void ratesByHand();
    void emptyPeriod();
    void zeroDenominatorsAreEmpty();
    void flowCountsDoNotEnterRates();
    void compositeByHand();
    void compositeSkipsEmptyRates();
    void compositeClampsRates();
    void gradesAtBoundaries_data();
    void gradesAtBoundaries();
    void scoreUnitsAndRanking();
    void changes();
    void weightsFromJson();
    void badWeights_data();
    void badWeights();
    void workerValues();
    void formatting();
    void indicatorKeysAndNames();
    void countsAdd();
};

void TestKpi::shouldDenominators()
{
    const KpiCounts c = streetWeek();
    QCOMPARE(c.shouldClose(), qint64(90)); // 100 registered − 10 still within limit
    QCOMPARE(c.shouldHandle(), qint64(84)); // 80 dispatched + 12 self-handled − 8 still being handled in time
    QCOMPARE(c.shouldDispatch(), qint64(82)); // 100 − 12 self-handled − 6 waiting in time
}

void TestKpi::ratesByHand()
{
    const KpiValues v = KpiValues::from(streetWeek());
    QVERIFY(near(v.closureRate, 0.9)); // 81 / 90
    QVERIFY(near(v.onTimeClosureRate, 0.8)); // 72 / 90
    QVERIFY(near(v.handlingRate, 70.0 / 84.0)); // 0.83333
    QVERIFY(near(v.onTimeHandlingRate, 0.75)); // 63 / 84
    QVERIFY(near(v.reworkRate, 5.0 / 90.0)); // 0.05556
    QVERIFY(near(v.extensionRate, 0.04)); // 4 / 100
    QVERIFY(near(v.onTimeDispatchRate, 72.0 / 82.0)); // 0.87805
    QVERIFY(near(v.accurateDispatchRate, 75.0 / 82.0)); // 75 / 82 = 0.91463
    QVERIFY(near(v.grassrootsRate, 63.0 / 81.0)); // 0.77778
    // value() reaches the same numbers by indicator, and counts come back as counts.
    QVERIFY(near(v.value(KpiIndicator::ClosureRate), 0.9));
    QVERIFY(near(v.value(KpiIndicator::ShouldDispatch), 82));
    QVERIFY(near(v.value(KpiIndicator::Overdue), 7));
    QVERIFY(!v.value(KpiIndicator::CompositeScore));
}

void TestKpi::emptyPeriod()
{
    const KpiValues v = KpiValues::from(KpiCounts {});
    for (int i = 0; i < kKpiIndicatorCount; ++i) {
        const auto indicator = KpiIndicator(i);
        if (kpiIsRate(indicator))
            QVERIFY2(!v.value(indicator), qPrintable(kpiIndicatorKey(indicator)));
    }
    QCOMPARE(kpiFormatRate(v.closureRate), QStringLiteral("—"));
    QVERIFY(!kpiCompositeScore(v, kpiRegisteredScore(0, 0), KpiWeights::standard()));
    QVERIFY(!kpiGradeFor(kpiCompositeScore(v, std::nullopt, KpiWeights::standard())));
}

void TestKpi::zeroDenominatorsAreEmpty()
{
    // Old cases closed this week, nothing registered: 结案率 has no denominator,
    // so it is "—", never infinity or 100 %.
    KpiCounts c;
    c.closed = 3;
    c.closedAtGrassroots = 3;
    const KpiValues v = KpiValues::from(c);
    QVERIFY(!v.closureRate);
    QVERIFY(!v.reworkRate);
    QVERIFY(!v.extensionRate);
    QVERIFY(!v.grassrootsRate); // none of the week's due cases was closed
    c.dueClosed = 2;
    c.dueClosedAtGrassroots = 1;
    QVERIFY(near(KpiValues::from(c).grassrootsRate, 0.5)); // of the due and closed: 1 / 2
    // Everything registered is still within its limit: nothing is due yet.
    KpiCounts young;
    young.registered = 4;
    young.registeredWithinLimit = 4;
    young.awaitingDispatchWithinLimit = 4;
    QCOMPARE(young.shouldClose(), qint64(0));
    QVERIFY(!KpiValues::from(young).closureRate);
    QVERIFY(!KpiValues::from(young).onTimeDispatchRate);
    QVERIFY(near(KpiValues::from(young).extensionRate, 0.0)); // 0 / 4
    QVERIFY(!kpiRatio(1, 0));
    QVERIFY(!kpiRatio(1, -2));
}

void TestKpi::flowCountsDoNotEnterRates()
{
    // The week closed 12 cases, two of them older ones; of its own 10 due cases 9 were
    // closed. The rate is 90 %, never 120 %: older cases are in 结案数, not in the cohort.
    KpiCounts c;
    c.registered = 10;
    c.closed = 12;
    c.dueClosed = 9;
    c.handled = 12;
    c.dispatched = 10;
    c.dueHandled = 10;
    c.reworked = 3; // reworks of cases dispatched last week
    c.dueDispatchedAccurately = 7;
    const KpiValues v = KpiValues::from(c);
    QVERIFY(near(v.closureRate, 0.9));
    QVERIFY(near(v.handlingRate, 1.0));
    QVERIFY(near(v.accurateDispatchRate, 0.7));
    QVERIFY(near(v.reworkRate, 0.0));
    QCOMPARE(kpiFormatRate(v.closureRate), QStringLiteral("90.0 %"));
}

void TestKpi::compositeByHand()
{
    const KpiValues v = KpiValues::from(streetWeek());
    // The busiest street registered 125: 100 / 125 × 100 = 80 points.
    const std::optional<double> registeredScore = kpiRegisteredScore(100, 125);
    QVERIFY(near(registeredScore, 80.0));
    // 0.1 × 80 + 0.3 × 90 + 0.3 × 75 + 0.3 × (100 − 5.5556)
    // = 8 + 27 + 22.5 + 28.3333 = 85.8333
    const std::optional<double> score = kpiCompositeScore(v, registeredScore, KpiWeights::standard());
    QVERIFY(score);
    QVERIFY(std::abs(*score - (8 + 27 + 22.5 + 0.3 * (100 - 500.0 / 90.0))) < 1e-9);
    QVERIFY(std::abs(*score - 85.8333) < 1e-4);
    QCOMPARE(kpiGradeFor(*score), KpiGrade::B);
}

void TestKpi::compositeSkipsEmptyRates()
{
    KpiCounts c;
    c.registered = 10;
    c.registeredWithinLimit = 10; // nothing due for closing: 结案率 and 返工率 are empty
    c.dispatched = 4;
    c.handled = 3;
    c.dueHandled = 3;
    c.dueHandledOnTime = 3; // 按期处置率 = 3 / 4 = 75 %
    const KpiValues v = KpiValues::from(c);
    QVERIFY(!v.closureRate);
    QVERIFY(!v.reworkRate);
    // Registered score 10 / 20 = 50. Only the defined components count:
    // (0.1 × 50 + 0.3 × 75) / (0.1 + 0.3) = 27.5 / 0.4 = 68.75
    const std::optional<double> score = kpiCompositeScore(v, kpiRegisteredScore(10, 20), KpiWeights::standard());
    QVERIFY(near(score, 68.75));
    QCOMPARE(*kpiGradeFor(score), KpiGrade::C);
    // Without any rate there is nothing to judge, even with a registered score.
    KpiCounts onlyYoung;
    onlyYoung.registered = 3;
    onlyYoung.registeredWithinLimit = 3;
    QVERIFY(!kpiCompositeScore(KpiValues::from(onlyYoung), kpiRegisteredScore(3, 3), KpiWeights::standard()));
}

void TestKpi::compositeClampsRates()
{
    KpiCounts c;
    c.registered = 10;
    c.dueClosed = 12; // not a count the engine makes (more than due), but 120 % scores as 100
    c.dispatched = 10;
    c.dueHandled = 10;
    c.dueHandledOnTime = 10; // 100 %
    const KpiValues v = KpiValues::from(c);
    // 0.1 × 100 + 0.3 × 100 + 0.3 × 100 + 0.3 × (100 − 0) = 100
    QVERIFY(near(kpiCompositeScore(v, kpiRegisteredScore(10, 10), KpiWeights::standard()), 100.0));
    QVERIFY(near(kpiRegisteredScore(30, 10), 100.0)); // never above 100 points
    QVERIFY(!kpiRegisteredScore(0, 0));
    QVERIFY(near(kpiRegisteredScore(0, 7), 0.0));
}

void TestKpi::gradesAtBoundaries_data()
{
    QTest::addColumn<double>("score");
    QTest::addColumn<QString>("grade");
    QTest::addRow("100") << 100.0 << "A";
    QTest::addRow("90") << 90.0 << "A";
    QTest::addRow("89.999") << 89.999 << "B";
    QTest::addRow("75") << 75.0 << "B";
    QTest::addRow("74.999") << 74.999 << "C";
    QTest::addRow("60") << 60.0 << "C";
    QTest::addRow("59.999") << 59.999 << "D";
    QTest::addRow("40") << 40.0 << "D";
    QTest::addRow("39.999") << 39.999 << "E";
    QTest::addRow("0") << 0.0 << "E";
}

void TestKpi::gradesAtBoundaries()
{
    QFETCH(double, score);
    QFETCH(QString, grade);
    QCOMPARE(kpiGradeKey(kpiGradeFor(score)), grade);
    QCOMPARE(kpiGradeKey(*kpiGradeFor(std::optional<double>(score))), grade);
}

void TestKpi::scoreUnitsAndRanking()
{
    QHash<QString, KpiCounts> units;
    units.insert(QStringLiteral("440106001"), streetWeek()); // registered 100
    KpiCounts busy = streetWeek();
    busy.registered = 125; // the best: 100 points
    busy.registeredWithinLimit = 35; // should close 90, as above
    busy.awaitingDispatchWithinLimit = 31; // should dispatch 125 − 12 − 31 = 82, as above
    busy.dueClosed = 90; // 结案率 100 %
    busy.dueReworked = 0; // 返工率 0 %
    units.insert(QStringLiteral("440106002"), busy);
    units.insert(QStringLiteral("440106003"), KpiCounts {}); // nothing this week
    const QHash<QString, KpiScore> scores = kpiScoreUnits(units);
    QCOMPARE(scores.size(), 3);
    QVERIFY(near(scores[QStringLiteral("440106001")].registeredScore, 80.0));
    QVERIFY(near(scores[QStringLiteral("440106001")].composite, 8 + 27 + 22.5 + 0.3 * (100 - 500.0 / 90.0)));
    // Busy: 0.1 × 100 + 0.3 × 100 + 0.3 × 75 + 0.3 × 100 = 10 + 30 + 22.5 + 30 = 92.5
    QVERIFY(near(scores[QStringLiteral("440106002")].composite, 92.5));
    QCOMPARE(*scores[QStringLiteral("440106002")].grade, KpiGrade::A);
    QCOMPARE(*scores[QStringLiteral("440106001")].grade, KpiGrade::B);
    QVERIFY(!scores[QStringLiteral("440106003")].composite);
    QVERIFY(!scores[QStringLiteral("440106003")].grade);
    QVERIFY(near(scores[QStringLiteral("440106003")].registeredScore, 0.0));
    QCOMPARE(kpiRanking(scores),
        QStringList({ QStringLiteral("440106002"), QStringLiteral("440106001"), QStringLiteral("440106003") }));
    QVERIFY(kpiScoreUnits({}).isEmpty());
}

void TestKpi::changes()
{
    KpiChange ch = kpiChange(std::optional<double>(0.9), std::optional<double>(0.8));
    QVERIFY(near(ch.absolute, 0.1)); // 0.9 − 0.8
    QVERIFY(near(ch.relative, 0.125)); // 0.1 / 0.8
    ch = kpiChange(qint64(5), qint64(0));
    QVERIFY(near(ch.absolute, 5.0));
    QVERIFY(!ch.relative); // growth from nothing has no percentage
    ch = kpiChange(qint64(0), qint64(0));
    QVERIFY(near(ch.absolute, 0.0));
    QVERIFY(!ch.relative);
    ch = kpiChange(qint64(45), qint64(60));
    QVERIFY(near(ch.absolute, -15.0));
    QVERIFY(near(ch.relative, -0.25)); // −15 / 60
    ch = kpiChange(std::nullopt, std::optional<double>(0.8));
    QVERIFY(!ch.absolute);
    QVERIFY(!ch.relative);
    ch = kpiChange(std::optional<double>(0.8), std::nullopt);
    QVERIFY(!ch.absolute);
    QCOMPARE(kpiFormatChange(ch, true), QStringLiteral("—"));
}

void TestKpi::weightsFromJson()
{
    QString error;
    const std::optional<KpiWeights> w = KpiWeights::fromJson(
        R"({"closure_rate": 0.5, "on_time_closure_rate": 0.25, "extension_rate": 0.25, "handling_rate": 0})", &error);
    QVERIFY2(w, qPrintable(error));
    QCOMPARE(w->entries().size(), 3); // the zero weight drops out
    QCOMPARE(w->weight(KpiIndicator::ClosureRate), 0.5);
    QCOMPARE(w->weight(KpiIndicator::RegisteredScore), 0.0);
    // 0.5 × 90 + 0.25 × 80 + 0.25 × (100 − 4) = 45 + 20 + 24 = 89
    QVERIFY(near(kpiCompositeScore(KpiValues::from(streetWeek()), std::nullopt, *w), 89.0));
    // The standard scheme survives a round trip.
    const std::optional<KpiWeights> standard = KpiWeights::fromJson(KpiWeights::standard().toJson(), &error);
    QVERIFY2(standard, qPrintable(error));
    QCOMPARE(standard->entries(), KpiWeights::standard().entries());
    QCOMPARE(standard->weight(KpiIndicator::RegisteredScore), 0.1);
    QCOMPARE(standard->weight(KpiIndicator::ReworkRate), 0.3);
}

void TestKpi::badWeights_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("mentions");
    QTest::addRow("not json") << QByteArray("{closure_rate: 1") << "JSON";
    QTest::addRow("array") << QByteArray("[0.5, 0.5]") << "JSON";
    QTest::addRow("unknown key") << QByteArray(R"({"speed": 1})") << "speed";
    QTest::addRow("count, not a rate") << QByteArray(R"({"closed": 1})") << "closed";
    QTest::addRow("string weight") << QByteArray(R"({"closure_rate": "1"})") << "closure_rate";
    QTest::addRow("negative") << QByteArray(R"({"closure_rate": -0.5, "rework_rate": 1.5})") << "closure_rate";
    QTest::addRow("above one") << QByteArray(R"({"closure_rate": 1.5})") << "closure_rate";
    QTest::addRow("sum too small") << QByteArray(R"({"closure_rate": 0.5, "rework_rate": 0.4})") << "0.9";
    QTest::addRow("sum too big") << QByteArray(R"({"closure_rate": 0.7, "rework_rate": 0.4})") << "1.1";
    QTest::addRow("empty") << QByteArray("{}") << "add up";
}

void TestKpi::badWeights()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, mentions);
    QString error;
    QVERIFY(!KpiWeights::fromJson(json, &error));
    QVERIFY2(error.contains(mentions), qPrintable(error));
}

void TestKpi::workerValues()
{
    WorkerActivity a;
    a.onlineSeconds = 6 * 3600;
    a.scheduledSeconds = 8 * 3600;
    a.patrolMeters = 12345;
    a.gridsVisited = 5;
    a.gridsAssigned = 4;
    a.reportsMade = 9;
    a.handled = 8;
    a.handledOnTime = 6;
    WorkerValues v = kpiWorkerValues(a);
    QVERIFY(near(v.onlineRate, 0.75)); // 6 h / 8 h
    QCOMPARE(v.patrolKm, 12.345);
    QCOMPARE(v.gridsCovered, 5);
    QVERIFY(near(v.coverageRate, 1.0)); // 5 of 4 assigned: neighbours' cells don't make it 125 %
    QCOMPARE(v.reportsMade, qint64(9));
    QVERIFY(near(v.onTimeHandlingRate, 0.75)); // 6 / 8
    // A worker with no shift, no cells and nothing handled: empty, not 0 % or 100 %.
    v = kpiWorkerValues(WorkerActivity {});
    QVERIFY(!v.onlineRate);
    QVERIFY(!v.coverageRate);
    QVERIFY(!v.onTimeHandlingRate);
    QCOMPARE(v.patrolKm, 0.0);
}

void TestKpi::formatting()
{
    QCOMPARE(kpiFormatRate(0.98194), QStringLiteral("98.2 %"));
    QCOMPARE(kpiFormatRate(0.98194, 2), QStringLiteral("98.19 %"));
    QCOMPARE(kpiFormatRate(1.0), QStringLiteral("100.0 %"));
    QCOMPARE(kpiFormatRate(0.0), QStringLiteral("0.0 %"));
    QCOMPARE(kpiFormatRate(std::nullopt), QStringLiteral("—"));
    QCOMPARE(kpiFormatRate(std::numeric_limits<double>::quiet_NaN()), QStringLiteral("—"));
    QCOMPARE(kpiFormatScore(85.83333), QStringLiteral("85.8"));
    QCOMPARE(kpiFormatScore(std::nullopt), QStringLiteral("—"));
    QCOMPARE(kpiFormatChange(kpiChange(std::optional<double>(0.912), std::optional<double>(0.9)), true),
        QStringLiteral("+1.2 pp"));
    QCOMPARE(kpiFormatChange(kpiChange(qint64(57), qint64(60)), false), QStringLiteral("\u22123"));
    QCOMPARE(kpiFormatChange(kpiChange(qint64(60), qint64(60)), false), QStringLiteral("0"));
}

void TestKpi::indicatorKeysAndNames()
{
    QSet<QString> keys, names;
    int rates = 0;
    for (int i = 0; i < kKpiIndicatorCount; ++i) {
        const auto indicator = KpiIndicator(i);
        KpiIndicator back;
        QVERIFY(kpiIndicatorFromKey(kpiIndicatorKey(indicator), &back));
        QCOMPARE(back, indicator);
        keys.insert(kpiIndicatorKey(indicator));
        names.insert(kpiIndicatorDisplayName(indicator));
        rates += kpiIsRate(indicator) ? 1 : 0;
    }
    QCOMPARE(keys.size(), kKpiIndicatorCount);
    QCOMPARE(names.size(), kKpiIndicatorCount);
    QCOMPARE(rates, 9); // the nine rates of DOMAIN.md
    QCOMPARE(kpiIndicatorDisplayName(KpiIndicator::ClosureRate), QStringLiteral("Closure rate"));
    KpiIndicator dummy;
    QVERIFY(!kpiIndicatorFromKey(QStringLiteral("closure"), &dummy));
}

void TestKpi::countsAdd()
{
    KpiCounts sum = streetWeek();
    sum += streetWeek();
    QCOMPARE(sum.registered, qint64(200));
    QCOMPARE(sum.shouldClose(), qint64(180));
    QCOMPARE(sum.selfHandled, qint64(24));
    QVERIFY(!(sum == streetWeek()));
    KpiCounts twice = streetWeek();
    twice += streetWeek();
    QVERIFY(sum == twice);
}

QTEST_GUILESS_MAIN(TestKpi)
#include "tst_kpi.moc"
