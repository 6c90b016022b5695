#pragma once
// The standard indicators (综合评价, DOMAIN.md § Indicators): raw counts of one unit and
// period in, rates, the weighted composite value and its A–E grade out. Pure formulas;
// the counting over the store lives in models/store/kpiquery.h.
//
// Rates are fractions (0.982, not 98.2) wrapped in std::optional: empty whenever the
// denominator is 0, so the UI shows "—" instead of NaN or a made-up 100 %. Every rate
// counts one cohort on both sides (the practice of 数字化城市管理 evaluation, see
// docs/REPORTS.md § Rate definitions): the denominator is the cases due in the period, the
// numerator how many of THOSE reached the step by the period's end. So no rate can leave
// 0…1 for counts the engine made; the flow counts (结案数 this week, which includes older
// cases) are shown as counts and never divided by a cohort.

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <optional>

namespace gridhall {

enum class KpiIndicator {
    // Counts.
    Reported, // 上报数
    Registered, // 立案数
    Dispatched, // 派遣数
    DispatchedOnTime, // 按时派遣数
    Handled, // 处置数
    HandledOnTime, // 按期处置数
    Closed, // 结案数
    ClosedOnTime, // 按期结案数
    Reworked, // 返工数
    Extended, // 延期数
    Overdue, // 超期数
    ShouldClose, // 应结案数
    ShouldHandle, // 应处置数
    ShouldDispatch, // 应派遣数
    ClosedAtGrassroots, // closed while owned by a community or street
    // Rates.
    // Rates (numerator and denominator from the same cases, KpiCounts::due*).
    ClosureRate, // 结案率 = due and closed / should close
    OnTimeClosureRate, // 按期结案率 = due and closed on time / should close
    HandlingRate, // 处置率 = due and handled / should handle
    OnTimeHandlingRate, // 按期处置率 = due and handled on time / should handle
    ReworkRate, // 返工率 = due and reworked / should close
    ExtensionRate, // 延期率 = registered and extended / registered
    OnTimeDispatchRate, // 按时派遣率 = due and dispatched on time / should dispatch
    AccurateDispatchRate, // 准确派遣率 = due, dispatched and not reworked / should dispatch
    GrassrootsRate, // 基层处置率 = due and closed at grassroots / due and closed
    // Composite.
    RegisteredScore, // 立案数分值, see kpiRegisteredScore()
    CompositeScore, // 综合指标值
};
constexpr int kKpiIndicatorCount = int(KpiIndicator::CompositeScore) + 1;

// Stable key ("closure_rate"), for configuration and storage.
QString kpiIndicatorKey(KpiIndicator indicator);
bool kpiIndicatorFromKey(const QString& key, KpiIndicator* indicator);
// Display name through tr() (context "Kpi"), e.g. "Closure rate" / 结案率.
QString kpiIndicatorDisplayName(KpiIndicator indicator);
bool kpiIsRate(KpiIndicator indicator);
// Rates where less is better (返工率, 延期率): the composite scores them as 1 − rate.
bool kpiLowerIsBetter(KpiIndicator indicator);

// The raw counts of one unit (area, department, worker) and one period. What each count
// means in terms of cases and their events is defined in models/store/kpiquery.h.
struct KpiCounts {
    qint64 reported = 0;
    qint64 registered = 0;
    qint64 dispatched = 0;
    qint64 dispatchedOnTime = 0;
    qint64 handled = 0;
    qint64 handledOnTime = 0;
    qint64 closed = 0;
    qint64 closedOnTime = 0;
    qint64 reworked = 0;
    qint64 extended = 0;
    qint64 overdue = 0;
    qint64 closedAtGrassroots = 0;
    // "Still within their time limit" at the period's end, among the cases that entered
    // the matching step in the period; subtracted to get the "should" denominators.
    qint64 registeredWithinLimit = 0; // registered in the period, not closed, not overdue
    qint64 dispatchedWithinLimit = 0; // dispatched in the period, not yet handled, not overdue
    qint64 awaitingDispatchWithinLimit = 0; // registered in the period, still waiting for dispatch, not overdue
    qint64 selfHandled = 0; // 自处理: counted in registered and closed, never dispatched

    // The rates' numerators: of the cases counted in a "should" denominator, how many had
    // reached the step by the period's end (a subset of the denominator, case by case).
    qint64 dueClosed = 0; // registered in the period (or self-handled), closed by its end
    qint64 dueClosedOnTime = 0; // … with no step past its deadline
    qint64 dueClosedAtGrassroots = 0; // … closed at community or street level
    qint64 dueReworked = 0; // due for closing and reworked (核查不通过) since registration
    qint64 registeredExtended = 0; // registered in the period, an extension approved since
    qint64 dueHandled = 0; // dispatched in the period (or self-handled), fed back since by its end
    qint64 dueHandledOnTime = 0; // … the first feedback after that dispatch within its limit
    qint64 dueDispatchedOnTime = 0; // registered in the period, first dispatch since within its limit
    qint64 dueDispatchedAccurately = 0; // registered in the period, dispatched, not reworked since

    // 应结案数 = 立案数 − registered cases still within their time limit.
    qint64 shouldClose() const;
    // 应处置数 = 派遣数 + self-handled − dispatched cases still being handled within their
    // limit (self-handled cases are handled without a dispatch, and count in 处置数).
    qint64 shouldHandle() const;
    // 应派遣数 = 立案数 − self-handled − registered cases waiting for dispatch within their limit.
    qint64 shouldDispatch() const;

    KpiCounts& operator+=(const KpiCounts& other);
    bool operator==(const KpiCounts& other) const = default;
};

// Every count and rate of one unit and period.
struct KpiValues {
    KpiCounts counts;
    std::optional<double> closureRate;
    std::optional<double> onTimeClosureRate;
    std::optional<double> handlingRate;
    std::optional<double> onTimeHandlingRate;
    std::optional<double> reworkRate;
    std::optional<double> extensionRate;
    std::optional<double> onTimeDispatchRate;
    std::optional<double> accurateDispatchRate;
    std::optional<double> grassrootsRate;

    static KpiValues from(const KpiCounts& counts);
    // Any indicator except RegisteredScore and CompositeScore (those need the
    // comparison set; see KpiScorer). Counts come back as doubles.
    std::optional<double> value(KpiIndicator indicator) const;
};

// numerator / denominator, empty when the denominator is not positive.
std::optional<double> kpiRatio(qint64 numerator, qint64 denominator);

enum class KpiGrade { A, B, C, D, E };
// A ≥ 90, B ≥ 75, C ≥ 60, D ≥ 40, E below (scores 0…100).
KpiGrade kpiGradeFor(double score);
std::optional<KpiGrade> kpiGradeFor(std::optional<double> score);
QString kpiGradeKey(KpiGrade grade); // "A" … "E"

// Weights of the 综合指标值. Each weight belongs to a rate indicator (scored as the rate
// clamped to [0, 1], or 1 − rate for those where less is better) or to RegisteredScore.
class KpiWeights {
public:
    // The published scheme: 立案数分值 10 %, 结案率 30 %, 按期处置率 30 %, (1 − 返工率) 30 %.
    static KpiWeights standard();
    // {"registered_score": 0.1, "closure_rate": 0.3, "on_time_handling_rate": 0.3,
    //  "rework_rate": 0.3} — keys are kpiIndicatorKey()s of rates or "registered_score";
    // each weight a number in [0, 1]; the weights must sum to 1 (± 0.001). On failure
    // returns nothing and sets *error to a translated message naming the problem.
    static std::optional<KpiWeights> fromJson(const QByteArray& json, QString* error);
    QByteArray toJson() const;

    const QList<QPair<KpiIndicator, double>>& entries() const { return m_entries; }
    double weight(KpiIndicator indicator) const;

private:
    QList<QPair<KpiIndicator, double>> m_entries; // non-zero weights, in key order
};

// 立案数分值: 100 × registered / the most registered by any unit in the comparison set
// (the busiest unit scores 100; finding and registering problems is the grid's job).
// Empty when no unit in the set registered anything.
std::optional<double> kpiRegisteredScore(qint64 registered, qint64 bestRegistered);

// 综合指标值, 0…100: Σ weight × component score over the components that are defined,
// divided by the sum of those components' weights (a rate with an empty denominator
// drops out instead of counting as 0 or 100). Empty when no rate component is defined:
// a unit with nothing to judge gets "—", not a grade.
std::optional<double> kpiCompositeScore(const KpiValues& values,
    std::optional<double> registeredScore, const KpiWeights& weights);

struct KpiScore {
    KpiValues values;
    std::optional<double> registeredScore;
    std::optional<double> composite;
    std::optional<KpiGrade> grade;
};
// Scores every unit of a comparison set (e.g. all streets of a district in one week).
QHash<QString, KpiScore> kpiScoreUnits(const QHash<QString, KpiCounts>& units,
    const KpiWeights& weights = KpiWeights::standard());
// Unit codes ordered best first: by composite (empty last), then by closure rate,
// then by code, so the ranking is stable.
QStringList kpiRanking(const QHash<QString, KpiScore>& scores);

// Change against the previous period. Absolute = current − previous when both exist;
// relative = absolute / |previous| when previous is non-zero. For rates the absolute
// change is in rate units (0.012 = 1.2 percentage points).
struct KpiChange {
    std::optional<double> absolute;
    std::optional<double> relative;
};
KpiChange kpiChange(std::optional<double> current, std::optional<double> previous);
KpiChange kpiChange(qint64 current, qint64 previous);

// Field worker indicators from plain inputs (positions and schedules live elsewhere).
struct WorkerActivity {
    qint64 onlineSeconds = 0; // handheld reported positions (not stale)
    qint64 scheduledSeconds = 0; // on duty in the period
    double patrolMeters = 0; // length of the thinned trail
    int gridsVisited = 0; // distinct grid cells the trail passed through
    int gridsAssigned = 0; // cells the worker is responsible for
    qint64 reportsMade = 0;
    qint64 handled = 0;
    qint64 handledOnTime = 0;
};
struct WorkerValues {
    std::optional<double> onlineRate; // online / scheduled
    double patrolKm = 0;
    int gridsCovered = 0;
    std::optional<double> coverageRate; // visited / assigned, clamped to 1
    qint64 reportsMade = 0;
    std::optional<double> onTimeHandlingRate; // handled on time / handled
};
WorkerValues kpiWorkerValues(const WorkerActivity& activity);

// Display: "98.2 %" (one decimal by default) or "—" when empty.
QString kpiFormatRate(std::optional<double> rate, int decimals = 1);
// "87.5" or "—".
QString kpiFormatScore(std::optional<double> score, int decimals = 1);
// "+1.2 pp" for rates, "+12" / "−3" for counts, "—" when empty.
QString kpiFormatChange(const KpiChange& change, bool isRate);

} // namespace gridhall
