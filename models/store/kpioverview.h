#pragma once
// KpiOverview: everything the KPI dashboard and the weekly report show for one scope and
// one week, gathered in one go on the store thread and handed to the GUI as plain values.
//
// Every indicator (counts, rates, composite scores, grades) comes from the KPI engine
// (KpiQuery + kpiScoreUnits). The extra breakdowns the engine has no grouping for — cases
// by category, disputes by grade, the overdue and parked lists — use the engine's own
// definitions: "reported" is a case with a 'report' or 'self_handle' event in the period,
// "closed" a case with a 'close' or 'self_handle' event in it, so a category breakdown
// adds up to the engine's 上报数.

#include "models/domain/casetypes.h"
#include "models/domain/kpi.h"
#include "models/store/kpiquery.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <array>
#include <functional>
#include <optional>

class QObject;

namespace gridhall {

class Store;
class StoreService;

struct KpiOverviewRequest {
    QString scope; // "" for everything in the store (the district), or a street code
    QDateTime weekStart; // Monday 00:00 of the main week (local time of the hall)
    int trendWeeks = 8; // weekly buckets ending with the main week
    double closureTarget = 0.95; // 结案率 target drawn on the chart
    QDateTime asOf; // "overdue now" is judged here; invalid: the current time
    int listLimit = 30; // rows of the overdue and parked lists
    int topCategories = 10;
    int categoryClasses = 5; // classes shown in the stacked chart; the rest are "other"
    KpiWeights weights = KpiWeights::standard();
    bool chineseNames = true; // category names in Chinese (zh_CN UI) or English
};

// One unit of a ranking or breakdown.
struct KpiNamedCount {
    QString code;
    QString name;
    qint64 count = 0;
    qint64 previous = 0; // the week before, where the table compares
};

struct KpiRankRow {
    int rank = 0; // 1 = best
    QString code;
    QString name;
    KpiScore score;
    std::optional<double> previousComposite;
};

struct KpiCaseRow {
    qint64 id = 0;
    QString code;
    QString categoryCode;
    QString categoryName;
    QString areaCode; // street (district scope) or community (street scope)
    QString areaName;
    QString address;
    CaseState state = CaseState::Reported;
    DisputeLevel dispute = DisputeLevel::None;
    QDateTime reportedAt;
    QDateTime since; // step start (parked: when it was parked)
    QDateTime deadline;
    qint64 overdueMinutes = 0; // past the deadline at asOf
};

// Dispute cases (矛盾纠纷) of one grade in the main week.
struct KpiDisputeRow {
    DisputeLevel level = DisputeLevel::Yellow;
    qint64 reported = 0;
    qint64 previousReported = 0;
    qint64 closed = 0;
    qint64 openNow = 0; // open at asOf, whenever reported
    qint64 overdueNow = 0;
};

struct KpiOverview {
    KpiOverviewRequest request;
    QDateTime asOf;
    QString scopeName; // district or street name
    QString districtName;
    KpiGrouping unitGrouping = KpiGrouping::Street; // units ranked: streets, or communities of a street
    QString unitGroupingName; // translated "Street" / "Community"

    // Week buckets, oldest first; the last is the main week, the one before it last week.
    // Weeks before the first one with any case in scope are left out (at least two stay),
    // so trends start where the data starts instead of with a cliff from zero.
    QList<QDateTime> boundaries; // weeks + 1 entries
    QList<KpiValues> trend; // scope totals per week
    KpiValues current() const { return trend.isEmpty() ? KpiValues() : trend.last(); }
    KpiValues previous() const { return trend.size() < 2 ? KpiValues() : trend.at(trend.size() - 2); }
    int weekCount() const { return int(trend.size()); }
    QDateTime weekFrom(int i) const { return boundaries.value(i); }
    QDateTime weekTo(int i) const { return boundaries.value(i + 1); }

    // Ranking of the units in the main week, best first (kpiRanking order).
    QList<KpiRankRow> ranking;

    // A street's report keeps the district's comparison: every street of the district
    // ranked in the main week (rank 1 = best, previousComposite from the week before) and
    // the district's own values. Empty for the district's report (ranking is that).
    QList<KpiRankRow> districtRanking;
    KpiValues districtCurrent;
    int districtPreviousRank = 0; // the street's rank the week before; 0 when it had none
    const KpiRankRow* scopeInDistrict() const; // the street's row of districtRanking, or null

    // Reported cases per category class and week, the biggest classes first; the last row
    // is "other" when there are more classes than request.categoryClasses.
    QList<KpiNamedCount> categoryClasses; // count = main week
    QList<QList<qint64>> categoryTrend; // [class row][week]
    bool categoryHasOther = false;
    // Taxonomy items with the most reported cases in the main week (previous = last week).
    QList<KpiNamedCount> topCategories;

    // Reported dispute cases per grade and week: index 0 yellow, 1 orange, 2 red.
    std::array<QList<qint64>, 3> disputeTrend;
    std::array<KpiDisputeRow, 3> disputes;

    // Open cases past their step deadline at asOf, per unit (most first), and a list.
    QList<KpiNamedCount> overdueByUnit;
    qint64 overdueTotal = 0;
    QList<KpiCaseRow> overdue; // most overdue first, at most listLimit
    qint64 parkedTotal = 0;
    QList<KpiCaseRow> parked; // longest parked first, at most listLimit
};

// Monday 00:00 (local time) of ISO week "2026-W47"; invalid when the text is not a week.
QDateTime isoWeekStart(const QString& isoWeek);
// "2026-W47" for the ISO week containing the date.
QString isoWeekName(const QDate& date);
// Monday 00:00 (local time) of the week containing `at`.
QDateTime weekStartOf(const QDateTime& at);

// Runs on the store's thread. progress (may be empty) gets a fraction 0…1 and a short
// translated description of the step. On failure returns nothing and sets *error.
std::optional<KpiOverview> gatherKpiOverview(const Store& store, const KpiOverviewRequest& request,
    QString* error, const std::function<void(double, const QString&)>& progress = {});

// The GUI's way to get one: gathers on the store thread of `service` and calls `done` on
// the thread of `context` (skipped when context is gone by then). For the dashboard and
// the report job; `progress` (may be empty) is called on context's thread too.
void requestKpiOverview(StoreService& service, const KpiOverviewRequest& request, QObject* context,
    std::function<void(const std::optional<KpiOverview>& overview, const QString& error)> done,
    std::function<void(double, const QString&)> progress = {});

} // namespace gridhall

Q_DECLARE_METATYPE(gridhall::KpiOverview)
