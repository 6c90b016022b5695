#include "reports/reporttables.h"

#include <QCoreApplication>
#include <QLocale>

#include <algorithm>
#include <cmath>

namespace gridhall {

ReportCell ReportCell::count(qint64 value)
{
    return { Kind::Count, QString::number(value), double(value) };
}

ReportCell ReportCell::rate(std::optional<double> value)
{
    return { Kind::Rate, kpiFormatRate(value), value };
}

ReportCell ReportCell::score(std::optional<double> value)
{
    return { Kind::Score, kpiFormatScore(value), value };
}

namespace {


QString timeText(const QDateTime& t)
{
    return t.isValid() ? t.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")) : QString();
}

// "2 d 5 h" style durations for the overdue list.
QString durationText(qint64 minutes)
{
    if (minutes >= 24 * 60)
        return QCoreApplication::translate("WeeklyReport", "%1 d %2 h").arg(minutes / (24 * 60)).arg(minutes % (24 * 60) / 60);
    if (minutes >= 60)
        return QCoreApplication::translate("WeeklyReport", "%1 h %2 min").arg(minutes / 60).arg(minutes % 60);
    return QCoreApplication::translate("WeeklyReport", "%1 min").arg(minutes);
}

QString gradeText(const std::optional<KpiGrade>& grade)
{
    return grade ? kpiGradeKey(*grade) : kpiFormatRate(std::nullopt);
}

ReportTable headlineTable(const KpiOverview& o)
{
    ReportTable t;
    t.key = QStringLiteral("headline");
    t.title = QCoreApplication::translate("WeeklyReport", "Headline indicators");
    t.sheetName = QCoreApplication::translate("WeeklyReport", "Indicators");
    t.headers = { QCoreApplication::translate("WeeklyReport", "Indicator"),
        QCoreApplication::translate("WeeklyReport", "This week"), QCoreApplication::translate("WeeklyReport", "Last week"),
        QCoreApplication::translate("WeeklyReport", "Change") };
    t.widths = { 3.2, 1.4, 1.4, 1.4 };
    const KpiValues cur = o.current();
    const KpiValues prev = o.previous();
    const KpiIndicator indicators[] = { KpiIndicator::Reported, KpiIndicator::Registered, KpiIndicator::Dispatched,
        KpiIndicator::Handled, KpiIndicator::Closed, KpiIndicator::ClosedOnTime, KpiIndicator::Reworked,
        KpiIndicator::Extended, KpiIndicator::Overdue, KpiIndicator::ShouldClose, KpiIndicator::ClosureRate,
        KpiIndicator::OnTimeClosureRate, KpiIndicator::HandlingRate, KpiIndicator::OnTimeHandlingRate,
        KpiIndicator::ReworkRate, KpiIndicator::ExtensionRate, KpiIndicator::OnTimeDispatchRate,
        KpiIndicator::AccurateDispatchRate, KpiIndicator::GrassrootsRate };
    for (KpiIndicator ind : indicators) {
        const bool rate = kpiIsRate(ind);
        const std::optional<double> a = cur.value(ind);
        const std::optional<double> b = prev.value(ind);
        auto cell = [&](std::optional<double> v) {
            return rate ? ReportCell::rate(v) : ReportCell::count(qint64(v.value_or(0)));
        };
        ReportCell change = ReportCell::change(kpiFormatChange(kpiChange(a, b), rate));
        change.number = kpiChange(a, b).absolute;
        t.rows.append({ ReportCell::label(kpiIndicatorDisplayName(ind)), cell(a), cell(b), change });
    }
    return t;
}

ReportTable rankingTable(const KpiOverview& o)
{
    ReportTable t;
    t.key = QStringLiteral("ranking");
    t.title = QCoreApplication::translate("WeeklyReport", "%1 ranking with grades").arg(o.unitGroupingName);
    t.sheetName = QCoreApplication::translate("WeeklyReport", "Ranking");
    t.headers = { QCoreApplication::translate("WeeklyReport", "Rank"), o.unitGroupingName,
        kpiIndicatorDisplayName(KpiIndicator::Registered), kpiIndicatorDisplayName(KpiIndicator::Closed),
        kpiIndicatorDisplayName(KpiIndicator::ClosureRate), kpiIndicatorDisplayName(KpiIndicator::OnTimeHandlingRate),
        kpiIndicatorDisplayName(KpiIndicator::ReworkRate), kpiIndicatorDisplayName(KpiIndicator::CompositeScore),
        QCoreApplication::translate("WeeklyReport", "Grade"), QCoreApplication::translate("WeeklyReport", "Change") };
    t.widths = { 0.7, 1.9, 1.4, 1.0, 1.1, 1.3, 1.1, 1.4, 0.8, 1.0 };
    for (const KpiRankRow& r : o.ranking) {
        const KpiValues& v = r.score.values;
        ReportCell change = ReportCell::change(kpiFormatChange(kpiChange(r.score.composite, r.previousComposite), false));
        change.number = kpiChange(r.score.composite, r.previousComposite).absolute;
        // Score changes read better with one decimal than as whole counts.
        if (change.number)
            change.text = (*change.number > 0 ? QStringLiteral("+") : (*change.number < 0 ? QStringLiteral("\u2212") : QString()))
                + QString::number(std::abs(*change.number), 'f', 1);
        t.rows.append({ ReportCell::count(r.rank), ReportCell::label(r.name), ReportCell::count(v.counts.registered),
            ReportCell::count(v.counts.closed), ReportCell::rate(v.closureRate), ReportCell::rate(v.onTimeHandlingRate),
            ReportCell::rate(v.reworkRate), ReportCell::score(r.score.composite), ReportCell::label(gradeText(r.score.grade)),
            change });
    }
    return t;
}

// A street's place among the district's streets: rank, composite, grade and the main
// rates beside the district's and the best street's.
ReportTable districtTable(const KpiOverview& o)
{
    ReportTable t;
    t.key = QStringLiteral("district");
    t.title = QCoreApplication::translate("WeeklyReport", "%1 among the %2 streets of %3")
                  .arg(o.scopeName)
                  .arg(o.districtRanking.size())
                  .arg(o.districtName);
    t.sheetName = QCoreApplication::translate("WeeklyReport", "District comparison");
    const KpiRankRow* self = o.scopeInDistrict();
    const KpiRankRow* best = o.districtRanking.isEmpty() ? nullptr : &o.districtRanking.first();
    t.headers = { QCoreApplication::translate("WeeklyReport", "Indicator"), o.scopeName, o.districtName,
        best ? QCoreApplication::translate("WeeklyReport", "Best: %1").arg(best->name)
             : QCoreApplication::translate("WeeklyReport", "Best street") };
    t.widths = { 2.6, 1.6, 1.6, 1.8 };
    if (!self)
        return t;
    const QString none = kpiFormatRate(std::nullopt);
    // Values in the right-aligned value columns, also where they are words or dashes.
    auto value = [](const QString& text) { return ReportCell::change(text); };
    const QString rankText = self->score.composite
        ? QCoreApplication::translate("WeeklyReport", "%1 of %2").arg(self->rank).arg(o.districtRanking.size())
        : none;
    const QString previousRank = o.districtPreviousRank > 0 ? QString::number(o.districtPreviousRank) : none;
    ReportCell rank = value(rankText);
    if (self->score.composite)
        rank.number = self->rank;
    t.rows.append({ ReportCell::label(QCoreApplication::translate("WeeklyReport", "Rank this week")), rank,
        value(none), ReportCell::count(1) });
    ReportCell before = value(previousRank);
    if (o.districtPreviousRank > 0)
        before.number = o.districtPreviousRank;
    t.rows.append({ ReportCell::label(QCoreApplication::translate("WeeklyReport", "Rank last week")), before,
        value(none), value(none) });
    t.rows.append({ ReportCell::label(kpiIndicatorDisplayName(KpiIndicator::CompositeScore)),
        ReportCell::score(self->score.composite), value(none), ReportCell::score(best->score.composite) });
    t.rows.append({ ReportCell::label(QCoreApplication::translate("WeeklyReport", "Grade")),
        value(gradeText(self->score.grade)), value(none), value(gradeText(best->score.grade)) });
    for (KpiIndicator ind : { KpiIndicator::ClosureRate, KpiIndicator::OnTimeClosureRate,
             KpiIndicator::OnTimeHandlingRate, KpiIndicator::ReworkRate }) {
        t.rows.append({ ReportCell::label(kpiIndicatorDisplayName(ind)), ReportCell::rate(self->score.values.value(ind)),
            ReportCell::rate(o.districtCurrent.value(ind)), ReportCell::rate(best->score.values.value(ind)) });
    }
    return t;
}

ReportTable definitionsTable()
{
    ReportTable t;
    t.key = QStringLiteral("definitions");
    t.title = QCoreApplication::translate("WeeklyReport", "Appendix: how each indicator is counted");
    t.sheetName = QCoreApplication::translate("WeeklyReport", "Definitions");
    t.headers = { QCoreApplication::translate("WeeklyReport", "Indicator"), QCoreApplication::translate("WeeklyReport", "Definition") };
    t.widths = { 1.5, 6 };
    auto add = [&](const QString& name, const char* text) {
        t.rows.append({ ReportCell::label(name), ReportCell::label(QCoreApplication::translate("WeeklyReport", text)) });
    };
    auto name = [](KpiIndicator i) { return kpiIndicatorDisplayName(i); };
    add(name(KpiIndicator::Reported), QT_TRANSLATE_NOOP("WeeklyReport", "Cases reported (or reported and handled at once by a grid worker, 自处理) in the week."));
    add(name(KpiIndicator::Registered), QT_TRANSLATE_NOOP("WeeklyReport", "Cases registered (立案) or self-handled in the week."));
    add(name(KpiIndicator::Closed), QT_TRANSLATE_NOOP("WeeklyReport", "Cases closed in the week, whenever they were registered. A count of the week's work; no rate divides it."));
    add(name(KpiIndicator::Overdue), QT_TRANSLATE_NOOP("WeeklyReport", "Cases with a step that ended after its time limit in the week, or still open and past its limit at the week's end."));
    add(name(KpiIndicator::ShouldClose), QT_TRANSLATE_NOOP("WeeklyReport", "Cases registered in the week that are due at its end: closed, or past a time limit. Cases still within their limit, parked or voided are not due yet."));
    add(name(KpiIndicator::ClosureRate), QT_TRANSLATE_NOOP("WeeklyReport", "Of the cases due for closing, those closed by the week's end, divided by the cases due for closing."));
    add(name(KpiIndicator::OnTimeClosureRate), QT_TRANSLATE_NOOP("WeeklyReport", "Of the cases due for closing, those closed with no step past its time limit, divided by the cases due for closing."));
    add(name(KpiIndicator::HandlingRate), QT_TRANSLATE_NOOP("WeeklyReport", "Of the cases dispatched in the week (and self-handled), those fed back by its end, divided by those due for handling: all of them except those still being handled within their limit."));
    add(name(KpiIndicator::OnTimeHandlingRate), QT_TRANSLATE_NOOP("WeeklyReport", "As the handling rate, counting only a first feedback after the dispatch within the handling time limit."));
    add(name(KpiIndicator::ReworkRate), QT_TRANSLATE_NOOP("WeeklyReport", "Of the cases due for closing, those that failed verification (返工) at least once since registration, divided by the cases due for closing."));
    add(name(KpiIndicator::ExtensionRate), QT_TRANSLATE_NOOP("WeeklyReport", "Of the cases registered in the week, those with an approved extension, divided by the cases registered."));
    add(name(KpiIndicator::OnTimeDispatchRate), QT_TRANSLATE_NOOP("WeeklyReport", "Of the cases due for dispatch (registered in the week, not self-handled, except those still waiting within their limit), those whose first dispatch was within its time limit, divided by the cases due for dispatch."));
    add(name(KpiIndicator::AccurateDispatchRate), QT_TRANSLATE_NOOP("WeeklyReport", "Of the cases due for dispatch, those dispatched and never reworked since, divided by the cases due for dispatch."));
    add(name(KpiIndicator::GrassrootsRate), QT_TRANSLATE_NOOP("WeeklyReport", "Of the due cases that were closed, those closed at community or street level."));
    add(name(KpiIndicator::CompositeScore), QT_TRANSLATE_NOOP("WeeklyReport", "The weighted mean of the rates named on the cover (less-is-better rates as 1 − rate) and the registered cases score (100 × registered ÷ the most registered by a unit of the same ranking); a rate without cases drops out. Grades: A ≥ 90, B ≥ 75, C ≥ 60, D ≥ 40, E below."));
    add(QCoreApplication::translate("WeeklyReport", "Same cases"),
        QT_TRANSLATE_NOOP("WeeklyReport", "Every rate counts the same cases above and below the line, following the evaluation practice of digital urban management (数字化城市管理), so no rate can exceed 100 %. A case closed after the week it fell due in counts in that later week's closed cases, not in a second rate."));
    return t;
}

ReportTable categoryTable(const KpiOverview& o)
{
    ReportTable t;
    t.key = QStringLiteral("categories");
    t.title = QCoreApplication::translate("WeeklyReport", "Top categories (reported cases)");
    t.sheetName = QCoreApplication::translate("WeeklyReport", "Categories");
    t.headers = { QCoreApplication::translate("WeeklyReport", "Code"), QCoreApplication::translate("WeeklyReport", "Category"),
        QCoreApplication::translate("WeeklyReport", "This week"), QCoreApplication::translate("WeeklyReport", "Last week"),
        QCoreApplication::translate("WeeklyReport", "Change") };
    t.widths = { 0.9, 3.0, 1.2, 1.2, 1.2 };
    for (const KpiNamedCount& c : o.topCategories) {
        ReportCell change = ReportCell::change(kpiFormatChange(kpiChange(c.count, c.previous), false));
        change.number = double(c.count - c.previous);
        t.rows.append({ ReportCell::label(c.code), ReportCell::label(c.name), ReportCell::count(c.count),
            ReportCell::count(c.previous), change });
    }
    return t;
}

ReportTable disputeTable(const KpiOverview& o)
{
    ReportTable t;
    t.key = QStringLiteral("disputes");
    t.title = QCoreApplication::translate("WeeklyReport", "Disputes by grade");
    t.sheetName = QCoreApplication::translate("WeeklyReport", "Disputes");
    t.headers = { QCoreApplication::translate("WeeklyReport", "Grade"),
        QCoreApplication::translate("WeeklyReport", "Reported this week"), QCoreApplication::translate("WeeklyReport", "Last week"),
        QCoreApplication::translate("WeeklyReport", "Closed this week"), QCoreApplication::translate("WeeklyReport", "Open now"),
        QCoreApplication::translate("WeeklyReport", "Overdue now") };
    t.widths = { 1.2, 1.4, 1.2, 1.4, 1.2, 1.2 };
    // Red first: the grade that must catch the eye.
    for (int i = 2; i >= 0; --i) {
        const KpiDisputeRow& d = o.disputes[size_t(i)];
        t.rows.append({ ReportCell::label(disputeLevelDisplayName(d.level)), ReportCell::count(d.reported),
            ReportCell::count(d.previousReported), ReportCell::count(d.closed), ReportCell::count(d.openNow),
            ReportCell::count(d.overdueNow) });
    }
    return t;
}

ReportTable caseList(const KpiOverview& o, bool parked)
{
    ReportTable t;
    t.key = parked ? QStringLiteral("parked") : QStringLiteral("overdue");
    const QList<KpiCaseRow>& rows = parked ? o.parked : o.overdue;
    const qint64 total = parked ? o.parkedTotal : o.overdueTotal;
    t.title = parked ? QCoreApplication::translate("WeeklyReport", "Parked cases (%1)").arg(total)
                     : QCoreApplication::translate("WeeklyReport", "Overdue open cases at %1 (%2)").arg(timeText(o.asOf)).arg(total);
    t.sheetName = parked ? QCoreApplication::translate("WeeklyReport", "Parked") : QCoreApplication::translate("WeeklyReport", "Overdue");
    t.headers = { QCoreApplication::translate("WeeklyReport", "Case"), QCoreApplication::translate("WeeklyReport", "Category"),
        o.unitGroupingName, QCoreApplication::translate("WeeklyReport", "State"),
        parked ? QCoreApplication::translate("WeeklyReport", "Parked since") : QCoreApplication::translate("WeeklyReport", "Deadline"),
        parked ? QCoreApplication::translate("WeeklyReport", "Reported") : QCoreApplication::translate("WeeklyReport", "Overdue by") };
    t.widths = { 2.7, 2.0, 1.3, 1.0, 1.9, 1.7 };
    for (const KpiCaseRow& r : rows) {
        ReportCell last = parked ? ReportCell::label(timeText(r.reportedAt)) : ReportCell::label(durationText(r.overdueMinutes));
        if (!parked) {
            last.kind = ReportCell::Kind::Count;
            last.number = double(r.overdueMinutes) / 60.0; // hours in the spreadsheet
        }
        t.rows.append({ ReportCell::label(r.code), ReportCell::label(r.categoryName), ReportCell::label(r.areaName),
            ReportCell::label(caseStateDisplayName(r.state)),
            ReportCell::label(timeText(parked ? r.since : r.deadline)), last });
    }
    if (total > rows.size())
        t.note = QCoreApplication::translate("WeeklyReport", "%1 of %2 shown.").arg(rows.size()).arg(total);
    else if (total == 0)
        t.note = parked ? QCoreApplication::translate("WeeklyReport", "No parked cases.")
                        : QCoreApplication::translate("WeeklyReport", "No open case is past its deadline.");
    return t;
}

ReportTable trendTable(const KpiOverview& o)
{
    ReportTable t;
    t.key = QStringLiteral("trend");
    t.title = QCoreApplication::translate("WeeklyReport", "Weekly trend");
    t.sheetName = QCoreApplication::translate("WeeklyReport", "Trend");
    t.headers = { QCoreApplication::translate("WeeklyReport", "Week"), QCoreApplication::translate("WeeklyReport", "From"),
        kpiIndicatorDisplayName(KpiIndicator::Reported), kpiIndicatorDisplayName(KpiIndicator::Registered),
        kpiIndicatorDisplayName(KpiIndicator::Closed), kpiIndicatorDisplayName(KpiIndicator::Overdue),
        kpiIndicatorDisplayName(KpiIndicator::ClosureRate), kpiIndicatorDisplayName(KpiIndicator::OnTimeClosureRate),
        QCoreApplication::translate("WeeklyReport", "Disputes: yellow"), QCoreApplication::translate("WeeklyReport", "Disputes: orange"),
        QCoreApplication::translate("WeeklyReport", "Disputes: red") };
    t.widths = { 1, 1.4, 1, 1, 1, 1, 1, 1, 1, 1, 1 };
    for (int w = 0; w < o.weekCount(); ++w) {
        const KpiValues& v = o.trend.at(w);
        t.rows.append({ ReportCell::label(isoWeekName(o.weekFrom(w).date())),
            ReportCell::label(o.weekFrom(w).date().toString(Qt::ISODate)), ReportCell::count(v.counts.reported),
            ReportCell::count(v.counts.registered), ReportCell::count(v.counts.closed), ReportCell::count(v.counts.overdue),
            ReportCell::rate(v.closureRate), ReportCell::rate(v.onTimeClosureRate),
            ReportCell::count(o.disputeTrend[0].value(w)), ReportCell::count(o.disputeTrend[1].value(w)),
            ReportCell::count(o.disputeTrend[2].value(w)) });
    }
    return t;
}

} // namespace

QList<ReportTable> weeklyReportTables(const KpiOverview& o)
{
    QList<ReportTable> tables { headlineTable(o), rankingTable(o), categoryTable(o), disputeTable(o),
        caseList(o, false), caseList(o, true), trendTable(o), definitionsTable() };
    if (!o.districtRanking.isEmpty())
        tables.insert(1, districtTable(o));
    return tables;
}

QString weeklyReportPeriod(const KpiOverview& o)
{
    if (o.weekCount() == 0)
        return {};
    const QDate from = o.weekFrom(o.weekCount() - 1).date();
    return QCoreApplication::translate("WeeklyReport", "%1 (%2 – %3)")
        .arg(isoWeekName(from), from.toString(Qt::ISODate), from.addDays(6).toString(Qt::ISODate));
}

QStringList weeklyReportSummary(const KpiOverview& o)
{
    struct Sentence {
        double weight; // how notable: the size of the relative change
        QString text;
    };
    QList<Sentence> changes;
    const KpiValues cur = o.current();
    const KpiValues prev = o.previous();
    auto countSentence = [&](KpiIndicator ind, const char* rose, const char* fell, const char* same) {
        const qint64 a = qint64(cur.value(ind).value_or(0));
        const qint64 b = qint64(prev.value(ind).value_or(0));
        const KpiChange c = kpiChange(a, b);
        const QString rel = c.relative ? kpiFormatRate(std::abs(*c.relative), 1) : kpiFormatRate(std::nullopt);
        if (a == b)
            changes.append({ 0.0, QCoreApplication::translate("WeeklyReport", same).arg(a) });
        else
            changes.append({ c.relative ? std::abs(*c.relative) : 1.0,
                QCoreApplication::translate("WeeklyReport", a > b ? rose : fell).arg(std::abs(a - b)).arg(rel).arg(a) });
    };
    countSentence(KpiIndicator::Reported, QT_TRANSLATE_NOOP("WeeklyReport", "Reported cases rose by %1 (%2) to %3."),
        QT_TRANSLATE_NOOP("WeeklyReport", "Reported cases fell by %1 (%2) to %3."),
        QT_TRANSLATE_NOOP("WeeklyReport", "Reported cases stayed at %1."));
    countSentence(KpiIndicator::Closed, QT_TRANSLATE_NOOP("WeeklyReport", "Closed cases rose by %1 (%2) to %3."),
        QT_TRANSLATE_NOOP("WeeklyReport", "Closed cases fell by %1 (%2) to %3."),
        QT_TRANSLATE_NOOP("WeeklyReport", "Closed cases stayed at %1."));
    countSentence(KpiIndicator::Overdue, QT_TRANSLATE_NOOP("WeeklyReport", "Overdue cases rose by %1 (%2) to %3."),
        QT_TRANSLATE_NOOP("WeeklyReport", "Overdue cases fell by %1 (%2) to %3."),
        QT_TRANSLATE_NOOP("WeeklyReport", "Overdue cases stayed at %1."));
    if (cur.closureRate && prev.closureRate) {
        const double pp = (*cur.closureRate - *prev.closureRate);
        const QString target = kpiFormatRate(o.request.closureTarget, 0);
        const QString text = *cur.closureRate >= o.request.closureTarget
            ? QCoreApplication::translate("WeeklyReport", "The closure rate moved %1 to %2, meeting the %3 target.")
            : QCoreApplication::translate("WeeklyReport", "The closure rate moved %1 to %2, below the %3 target.");
        // A point of closure rate weighs like 10 % more cases.
        changes.append({ std::abs(pp) * 10, text.arg(kpiFormatChange(kpiChange(cur.closureRate, prev.closureRate), true),
                                                kpiFormatRate(cur.closureRate), target) });
    }
    // The unit whose composite moved most.
    const KpiRankRow* mover = nullptr;
    double moverDelta = 0;
    for (const KpiRankRow& r : o.ranking) {
        const KpiChange c = kpiChange(r.score.composite, r.previousComposite);
        if (c.absolute && std::abs(*c.absolute) > std::abs(moverDelta)) {
            moverDelta = *c.absolute;
            mover = &r;
        }
    }
    if (mover && std::abs(moverDelta) >= 0.05)
        changes.append({ std::abs(moverDelta) / 20.0,
            QCoreApplication::translate("WeeklyReport", "%1 moved most in the ranking: composite score %2 → %3 (grade %4, rank %5).")
                .arg(mover->name, kpiFormatScore(mover->previousComposite), kpiFormatScore(mover->score.composite),
                    gradeText(mover->score.grade))
                .arg(mover->rank) });
    // The category that grew most.
    const KpiNamedCount* riser = nullptr;
    for (const KpiNamedCount& c : o.topCategories)
        if (c.count > c.previous && (!riser || c.count - c.previous > riser->count - riser->previous))
            riser = &c;
    if (riser)
        changes.append({ riser->previous ? double(riser->count - riser->previous) / double(riser->previous) : 1.0,
            QCoreApplication::translate("WeeklyReport", "The category that grew most: %1, %2 → %3 reported cases.")
                .arg(riser->name)
                .arg(riser->previous)
                .arg(riser->count) });
    std::stable_sort(changes.begin(), changes.end(), [](const Sentence& a, const Sentence& b) { return a.weight > b.weight; });
    QStringList out;
    for (const Sentence& s : changes)
        out.append(s.text);
    const KpiDisputeRow& red = o.disputes[2];
    out.append(QCoreApplication::translate("WeeklyReport", "Red disputes: %1 reported this week (%2 last week); %3 open now, %4 of them overdue.")
                   .arg(red.reported)
                   .arg(red.previousReported)
                   .arg(red.openNow)
                   .arg(red.overdueNow));
    if (o.overdueTotal > 0 && !o.overdueByUnit.isEmpty())
        out.append(QCoreApplication::translate("WeeklyReport", "%1 open cases are past their deadline now, the most in %2 (%3).")
                       .arg(o.overdueTotal)
                       .arg(o.overdueByUnit.first().name)
                       .arg(o.overdueByUnit.first().count));
    return out;
}

} // namespace gridhall
