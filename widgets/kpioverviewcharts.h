#pragma once
// The six KPI charts of the dashboard and the weekly report, built from one KpiOverview,
// and the case filter each chart element stands for. Shared so the wall, the desk and the
// PDF show the same numbers the same way.

#include "models/domain/casefilter.h"
#include "models/domain/kpi.h"
#include "models/store/kpioverview.h"
#include "widgets/kpichart.h"

#include <optional>

namespace gridhall {

enum class OverviewChart {
    Trend, // reported vs closed per week
    ClosureRate, // 结案率 and 按期结案率 per week against the target
    Categories, // reported per category class per week, stacked
    Ranking, // composite score per unit, coloured by grade
    Disputes, // reported disputes per grade per week, stacked
    Overdue, // open cases past their deadline now, per unit
};
constexpr int kOverviewChartCount = 6;

KpiChartData overviewChartData(OverviewChart chart, const KpiOverview& overview);
// The cases behind element (series, category) of a chart; nothing for elements that do
// not stand for a set of cases (the target line).
std::optional<CaseFilter> overviewChartFilter(OverviewChart chart, const KpiOverview& overview, int series,
    int category);
// The unit code behind a row of the ranking chart (its categories run worst to best,
// bottom to top, so the best unit is drawn on top; with many units the middle is left out).
QString rankingChartUnit(const KpiOverview& overview, int category);

// "W47" style label of week i of the overview.
QString overviewWeekLabel(const KpiOverview& overview, int week);
QColor gradeColor(std::optional<KpiGrade> grade);
QColor disputeColor(DisputeLevel level);
// The ranking chart shows at most this many units: the best and the worst half of them
// (the full ranking is the report's table).
constexpr int kRankingChartUnits = 12;
constexpr int kOverdueChartUnits = 12;

} // namespace gridhall
