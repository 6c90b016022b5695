#include "widgets/kpioverviewcharts.h"

#include <QCoreApplication>

#include <algorithm>

namespace gridhall {

QString overviewWeekLabel(const KpiOverview& overview, int week)
{
    int year = 0;
    const int number = overview.weekFrom(week).date().weekNumber(&year);
    return QCoreApplication::translate("KpiCharts", "W%1").arg(number);
}

QColor gradeColor(std::optional<KpiGrade> grade)
{
    if (!grade)
        return QColor(0x8a, 0x94, 0x9e);
    switch (*grade) {
    case KpiGrade::A: return QColor(0x2e, 0x9e, 0x5b);
    case KpiGrade::B: return QColor(0x7c, 0xb3, 0x42);
    case KpiGrade::C: return QColor(0xd4, 0xa0, 0x17);
    case KpiGrade::D: return QColor(0xe0, 0x6c, 0x1f);
    case KpiGrade::E: return QColor(0xc6, 0x28, 0x28);
    }
    return {};
}

QColor disputeColor(DisputeLevel level)
{
    switch (level) {
    case DisputeLevel::Red: return QColor(0xd7, 0x26, 0x3d);
    case DisputeLevel::Orange: return QColor(0xf0, 0x8a, 0x24);
    case DisputeLevel::Yellow: return QColor(0xe8, 0xc2, 0x2e);
    case DisputeLevel::None: break;
    }
    return QColor(0x8a, 0x94, 0x9e);
}

namespace {

QList<double> toDoubles(const QList<qint64>& values)
{
    QList<double> out;
    out.reserve(values.size());
    for (qint64 v : values)
        out.append(double(v));
    return out;
}

// Units drawn in the ranking chart, bottom (worst) to top (best).
QList<int> rankingRows(const KpiOverview& overview)
{
    QList<int> shown;
    const int n = int(overview.ranking.size());
    for (int i = 0; i < n; ++i)
        if (n <= kRankingChartUnits || i < kRankingChartUnits / 2 || i >= n - kRankingChartUnits / 2)
            shown.append(i);
    std::reverse(shown.begin(), shown.end());
    return shown;
}

} // namespace

QString rankingChartUnit(const KpiOverview& overview, int category)
{
    const QList<int> rows = rankingRows(overview);
    return category >= 0 && category < rows.size() ? overview.ranking.at(rows.at(category)).code : QString();
}

KpiChartData overviewChartData(OverviewChart chart, const KpiOverview& o)
{
    KpiChartData d;
    const int weeks = o.weekCount();
    QStringList weekLabels;
    for (int w = 0; w < weeks; ++w)
        weekLabels.append(overviewWeekLabel(o, w));
    switch (chart) {
    case OverviewChart::Trend: {
        d.title = QCoreApplication::translate("KpiCharts", "Reported and closed cases per week");
        d.kind = ChartKind::Line;
        d.categories = weekLabels;
        ChartSeries reported { kpiIndicatorDisplayName(KpiIndicator::Reported), {}, {} };
        ChartSeries closed { kpiIndicatorDisplayName(KpiIndicator::Closed), {}, {} };
        for (const KpiValues& v : o.trend) {
            reported.values.append(double(v.counts.reported));
            closed.values.append(double(v.counts.closed));
        }
        d.series = { reported, closed };
        break;
    }
    case OverviewChart::ClosureRate: {
        d.title = QCoreApplication::translate("KpiCharts", "Closure rate against the target");
        d.kind = ChartKind::Line;
        d.format = ChartValueFormat::Percent;
        d.categories = weekLabels;
        ChartSeries rate { kpiIndicatorDisplayName(KpiIndicator::ClosureRate), {}, {} };
        ChartSeries onTime { kpiIndicatorDisplayName(KpiIndicator::OnTimeClosureRate), {}, {} };
        for (const KpiValues& v : o.trend) {
            rate.values.append(v.closureRate.value_or(qQNaN()));
            onTime.values.append(v.onTimeClosureRate.value_or(qQNaN()));
        }
        d.series = { rate, onTime };
        d.target = o.request.closureTarget;
        d.targetLabel = QCoreApplication::translate("KpiCharts", "Target %1").arg(kpiFormatRate(o.request.closureTarget, 0));
        break;
    }
    case OverviewChart::Categories: {
        d.title = QCoreApplication::translate("KpiCharts", "Reported cases by category");
        d.kind = ChartKind::StackedBar;
        d.categories = weekLabels;
        for (int i = 0; i < o.categoryClasses.size(); ++i)
            d.series.append({ o.categoryClasses.at(i).name, toDoubles(o.categoryTrend.value(i)), {} });
        break;
    }
    case OverviewChart::Ranking: {
        d.title = o.ranking.size() > kRankingChartUnits
            ? QCoreApplication::translate("KpiCharts", "Best and worst %1 by composite score").arg(kRankingChartUnits / 2)
            : QCoreApplication::translate("KpiCharts", "Ranking by composite score");
        d.kind = ChartKind::HorizontalStackedBar;
        d.format = ChartValueFormat::Score;
        const QList<int> rows = rankingRows(o);
        // One series per grade, so each bar takes its grade's colour and the legend explains it.
        const KpiGrade grades[] = { KpiGrade::A, KpiGrade::B, KpiGrade::C, KpiGrade::D, KpiGrade::E };
        for (KpiGrade g : grades)
            d.series.append({ QCoreApplication::translate("KpiCharts", "Grade %1").arg(kpiGradeKey(g)), {}, gradeColor(g) });
        for (int row : rows) {
            const KpiRankRow& r = o.ranking.at(row);
            d.categories.append(QCoreApplication::translate("KpiCharts", "%1. %2")
                                    .arg(r.rank)
                                    .arg(r.name));
            for (int g = 0; g < 5; ++g)
                d.series[g].values.append(r.score.grade && int(*r.score.grade) == g ? *r.score.composite : 0.0);
        }
        break;
    }
    case OverviewChart::Disputes: {
        d.title = QCoreApplication::translate("KpiCharts", "Disputes reported by grade");
        d.kind = ChartKind::StackedBar;
        d.categories = weekLabels;
        const DisputeLevel levels[] = { DisputeLevel::Yellow, DisputeLevel::Orange, DisputeLevel::Red };
        for (int i = 0; i < 3; ++i)
            d.series.append({ disputeLevelDisplayName(levels[i]), toDoubles(o.disputeTrend[i]), disputeColor(levels[i]) });
        break;
    }
    case OverviewChart::Overdue: {
        d.title = QCoreApplication::translate("KpiCharts", "Overdue now: %1 open cases").arg(o.overdueTotal);
        d.rotateLabels = o.overdueByUnit.size() > 5;
        d.kind = ChartKind::Bar;
        ChartSeries s { QCoreApplication::translate("KpiCharts", "Overdue now"), {}, QColor(0xc6, 0x28, 0x28) };
        for (int i = 0; i < o.overdueByUnit.size() && i < kOverdueChartUnits; ++i) {
            d.categories.append(o.overdueByUnit.at(i).name);
            s.values.append(double(o.overdueByUnit.at(i).count));
        }
        d.series = { s };
        d.legend = false;
        break;
    }
    }
    return d;
}

std::optional<CaseFilter> overviewChartFilter(OverviewChart chart, const KpiOverview& o, int series, int category)
{
    CaseFilter f;
    f.areaCode = o.request.scope;
    auto week = [&](int w) {
        f.from = o.weekFrom(w);
        f.to = o.weekTo(w);
    };
    switch (chart) {
    case OverviewChart::Trend:
        if (category < 0 || category >= o.weekCount())
            return std::nullopt;
        week(category);
        f.time = series == 1 ? CaseFilter::Time::Closed : CaseFilter::Time::Reported;
        return f;
    case OverviewChart::ClosureRate:
        if (category < 0 || category >= o.weekCount() || series > 1)
            return std::nullopt;
        week(category);
        f.time = CaseFilter::Time::Closed;
        return f;
    case OverviewChart::Categories:
        if (category < 0 || category >= o.weekCount() || series < 0 || series >= o.categoryClasses.size())
            return std::nullopt;
        week(category);
        f.categoryCode = o.categoryClasses.at(series).code; // "" for "other": every category
        return f;
    case OverviewChart::Ranking: {
        const QString unit = rankingChartUnit(o, category);
        if (unit.isEmpty())
            return std::nullopt;
        week(o.weekCount() - 1);
        f.areaCode = unit;
        return f;
    }
    case OverviewChart::Disputes:
        if (category < 0 || category >= o.weekCount() || series < 0 || series > 2)
            return std::nullopt;
        week(category);
        f.disputeLevel = DisputeLevel(series + 1);
        return f;
    case OverviewChart::Overdue:
        if (category < 0 || category >= o.overdueByUnit.size())
            return std::nullopt;
        f.areaCode = o.overdueByUnit.at(category).code;
        f.status = CaseFilter::Status::Overdue;
        f.asOf = o.asOf;
        return f;
    }
    return std::nullopt;
}

} // namespace gridhall
