#include "models/store/kpioverview.h"

#include "models/domain/area.h"
#include "models/domain/sla.h"
#include "models/domain/taxonomy.h"
#include "models/store/schema.h"
#include "models/store/sqlstatement.h"
#include "models/store/store.h"
#include "models/store/storeservice.h"

#include <QCoreApplication>
#include <QPointer>
#include <QRegularExpression>
#include <QSet>

#include <sqlite3.h>

#include <algorithm>

namespace gridhall {

namespace {

// Cases in the loop (not parked); the index term lets SQLite read them from cases_open.
const QByteArray kInLoopWhere
    = QByteArray("state IN ('reported', 'registered', 'dispatched', 'handling', 'fed_back', 'verified') AND ")
    + schema::kOpenCaseTerm;

QString sqlError(const Store& store)
{
    return QCoreApplication::translate("KpiOverview", "Cannot read the KPI data from %1: %2")
        .arg(store.path(), QString::fromUtf8(sqlite3_errmsg(store.handle())));
}

int disputeIndex(DisputeLevel level)
{
    switch (level) {
    case DisputeLevel::Yellow: return 0;
    case DisputeLevel::Orange: return 1;
    case DisputeLevel::Red: return 2;
    case DisputeLevel::None: break;
    }
    return -1;
}

} // namespace

QDateTime isoWeekStart(const QString& isoWeek)
{
    static const QRegularExpression pattern(QStringLiteral("^(\\d{4})-?W(\\d{2})$"));
    const QRegularExpressionMatch m = pattern.match(isoWeek.trimmed());
    if (!m.hasMatch())
        return {};
    const int year = m.captured(1).toInt();
    const int week = m.captured(2).toInt();
    // ISO week 1 is the week with 4 January in it.
    const QDate jan4(year, 1, 4);
    const QDate monday1 = jan4.addDays(1 - jan4.dayOfWeek());
    const QDate monday = monday1.addDays(7 * (week - 1));
    int checkYear = 0;
    if (week < 1 || monday.weekNumber(&checkYear) != week || checkYear != year)
        return {}; // e.g. W53 of a year with 52 weeks
    return QDateTime(monday, QTime(0, 0));
}

QString isoWeekName(const QDate& date)
{
    int year = 0;
    const int week = date.weekNumber(&year);
    return QStringLiteral("%1-W%2").arg(year).arg(week, 2, 10, QLatin1Char('0'));
}

QDateTime weekStartOf(const QDateTime& at)
{
    const QDate d = at.toLocalTime().date();
    return QDateTime(d.addDays(1 - d.dayOfWeek()), QTime(0, 0));
}

std::optional<KpiOverview> gatherKpiOverview(const Store& store, const KpiOverviewRequest& request,
    QString* error, const std::function<void(double, const QString&)>& progress)
{
    auto step = [&](double fraction, const QString& what) {
        if (progress)
            progress(fraction, what);
    };
    if (!request.weekStart.isValid() || request.trendWeeks < 1 || request.trendWeeks > 104) {
        *error = QCoreApplication::translate("KpiOverview", "The report period is not a valid week.");
        return std::nullopt;
    }
    KpiOverview o;
    o.request = request;
    o.asOf = request.asOf.isValid() ? request.asOf : QDateTime::currentDateTimeUtc();
    const QByteArray asOfMs = QByteArray::number(o.asOf.toMSecsSinceEpoch());

    // Names of the areas in scope.
    step(0.02, QCoreApplication::translate("KpiOverview", "Reading areas"));
    const QList<District> districts = store.districts();
    const QList<Street> streets = store.streets();
    QHash<QString, QString> unitNames;
    if (!districts.isEmpty())
        o.districtName = districts.first().name;
    if (request.scope.isEmpty()) {
        o.scopeName = districts.size() == 1 ? districts.first().name
                                            : QCoreApplication::translate("KpiOverview", "All areas");
        o.unitGrouping = KpiGrouping::Street;
        o.unitGroupingName = QCoreApplication::translate("KpiOverview", "Street");
        for (const Street& s : streets)
            unitNames.insert(s.code, s.name);
    } else {
        AreaLevel level;
        const auto street = std::find_if(streets.begin(), streets.end(),
            [&](const Street& s) { return s.code == request.scope; });
        if (!areacode::levelOf(request.scope, &level) || level != AreaLevel::Street || street == streets.end()) {
            *error = QCoreApplication::translate("KpiOverview", "No street with the code %1 in %2.")
                         .arg(request.scope, store.path());
            return std::nullopt;
        }
        o.scopeName = street->name;
        o.unitGrouping = KpiGrouping::Community;
        o.unitGroupingName = QCoreApplication::translate("KpiOverview", "Community");
        for (const Community& c : store.communities())
            if (c.streetCode == request.scope)
                unitNames.insert(c.code, c.name);
    }
    auto unitOf = [&](const QString& street, const QString& community) {
        return o.unitGrouping == KpiGrouping::Street ? street : community;
    };
    auto nameOf = [&](const QString& code) { return unitNames.value(code, code); };

    // The SLA policy and taxonomy the cases were walked with, when the store has them.
    QString parseError;
    std::optional<SlaPolicy> storedSla = SlaPolicy::fromJson(store.meta(QStringLiteral("sla")), &parseError);
    std::optional<Taxonomy> storedTaxonomy = Taxonomy::fromJson(store.meta(QStringLiteral("taxonomy")), &parseError);
    const SlaPolicy& sla = storedSla ? *storedSla : SlaPolicy::builtIn();
    const Taxonomy& taxonomy = storedTaxonomy ? *storedTaxonomy : Taxonomy::builtIn();
    auto itemName = [&](const QString& code) {
        const CategoryItem* item = taxonomy.item(code);
        return item ? (request.chineseNames ? item->nameZh : item->nameEn) : code;
    };
    auto className = [&](const QString& code) {
        for (const CategoryClass& c : taxonomy.classes())
            if (c.code == code)
                return request.chineseNames ? c.nameZh : c.nameEn;
        return code;
    };

    // The KPI engine: one pass over every week for the units of the scope. A street's
    // report counts every community of the district in that pass, so the district's
    // streets can be ranked from the same counts (area units add up; holders would not).
    step(0.05, QCoreApplication::translate("KpiOverview", "Counting indicators"));
    for (int i = request.trendWeeks - 1; i >= 0; --i)
        o.boundaries.append(request.weekStart.addDays(-7 * i));
    o.boundaries.append(request.weekStart.addDays(7));
    KpiQuery query(store, sla, &taxonomy);
    query.setArea(request.scope.left(areacode::kDistrictDigits)); // "" for the district: everything
    std::optional<KpiTable> table = query.periods(o.unitGrouping, o.boundaries, error);
    if (!table)
        return std::nullopt;
    const int weeks = table->periodCount();
    if (!request.scope.isEmpty()) {
        QHash<QString, QString> streetOfCommunity;
        for (const Community& c : store.communities())
            streetOfCommunity.insert(c.code, c.streetCode);
        QHash<QString, KpiCounts> streetNow, streetBefore;
        for (auto it = table->units.cbegin(); it != table->units.cend(); ++it) {
            const QString street = streetOfCommunity.value(it.key(), it.key().left(areacode::kStreetDigits));
            streetNow[street] += it.value().at(weeks - 1);
            if (weeks > 1)
                streetBefore[street] += it.value().at(weeks - 2);
        }
        for (const Street& s : streets)
            if (s.code.startsWith(request.scope.left(areacode::kDistrictDigits)) && !streetNow.contains(s.code))
                streetNow.insert(s.code, KpiCounts());
        KpiCounts district;
        for (const KpiCounts& c : std::as_const(streetNow))
            district += c;
        o.districtCurrent = KpiValues::from(district);
        QHash<QString, QString> streetNames;
        for (const Street& s : streets)
            streetNames.insert(s.code, s.name);
        const QHash<QString, KpiScore> scores = kpiScoreUnits(streetNow, request.weights);
        const QHash<QString, KpiScore> before = kpiScoreUnits(streetBefore, request.weights);
        int rank = 0;
        for (const QString& code : kpiRanking(scores)) {
            KpiRankRow row;
            row.rank = ++rank;
            row.code = code;
            row.name = streetNames.value(code, code);
            row.score = scores.value(code);
            if (before.contains(code))
                row.previousComposite = before.value(code).composite;
            o.districtRanking.append(row);
        }
        const QStringList previousOrder = kpiRanking(before);
        if (before.value(request.scope).composite)
            o.districtPreviousRank = int(previousOrder.indexOf(request.scope)) + 1;
        // The street's own communities from here on.
        for (auto it = table->units.begin(); it != table->units.end();)
            it = streetOfCommunity.value(it.key(), it.key().left(areacode::kStreetDigits)) == request.scope
                ? std::next(it)
                : table->units.erase(it);
    }
    for (int i = 0; i < weeks; ++i)
        o.trend.append(KpiValues::from(table->total(i)));

    step(0.55, QCoreApplication::translate("KpiOverview", "Ranking"));
    // Every unit of the scope takes part, also those with nothing this week ("—").
    QHash<QString, KpiCounts> currentUnits = table->period(weeks - 1);
    for (auto it = unitNames.cbegin(); it != unitNames.cend(); ++it)
        if (!currentUnits.contains(it.key()))
            currentUnits.insert(it.key(), KpiCounts());
    const QHash<QString, KpiScore> scores = kpiScoreUnits(currentUnits, request.weights);
    QHash<QString, KpiScore> previousScores;
    if (weeks > 1)
        previousScores = kpiScoreUnits(table->period(weeks - 2), request.weights);
    int rank = 0;
    for (const QString& code : kpiRanking(scores)) {
        KpiRankRow row;
        row.rank = ++rank;
        row.code = code;
        row.name = nameOf(code);
        row.score = scores.value(code);
        if (previousScores.contains(code))
            row.previousComposite = previousScores.value(code).composite;
        o.ranking.append(row);
    }

    // Reported and closed cases per category and dispute grade, by the engine's rules.
    step(0.65, QCoreApplication::translate("KpiOverview", "Counting categories and disputes"));
    const QByteArray areaPattern = request.scope.toUtf8() + '%';
    {
        SqlStatement q(store.handle(),
            "SELECT e.case_id, e.at, e.action, c.category_code, c.dispute_level "
            "FROM case_events e JOIN cases c ON c.id = e.case_id "
            "WHERE e.at >= ?1 AND e.at < ?2 AND e.action IN ('report', 'self_handle', 'close') "
            "AND (c.grid_code LIKE ?3 OR c.street_code LIKE ?3)");
        if (!q.ok()) {
            *error = sqlError(store);
            return std::nullopt;
        }
        q.bind(1, o.boundaries.first().toMSecsSinceEpoch());
        q.bind(2, o.boundaries.last().toMSecsSinceEpoch());
        q.bind(3, areaPattern);
        QList<qint64> bounds;
        for (const QDateTime& b : o.boundaries)
            bounds.append(b.toMSecsSinceEpoch());
        QHash<QString, QList<qint64>> byItem; // item → reported per week
        QList<QSet<qint64>> reportedSeen(weeks), closedSeen(weeks);
        for (auto& list : o.disputeTrend)
            list = QList<qint64>(weeks, 0);
        while (q.next()) {
            const qint64 caseId = q.integer(0);
            const qint64 at = q.integer(1);
            const int week = int(std::upper_bound(bounds.begin(), bounds.end(), at) - bounds.begin()) - 1;
            if (week < 0 || week >= weeks)
                continue;
            const QString action = q.text(2);
            DisputeLevel dispute = DisputeLevel::None;
            disputeLevelFromKey(q.text(4), &dispute);
            const int d = disputeIndex(dispute);
            if (action != QLatin1String("close") && !reportedSeen[week].contains(caseId)) {
                reportedSeen[week].insert(caseId);
                QList<qint64>& perWeek = byItem[q.text(3)];
                if (perWeek.isEmpty())
                    perWeek = QList<qint64>(weeks, 0);
                ++perWeek[week];
                if (d >= 0) {
                    ++o.disputeTrend[d][week];
                    if (week == weeks - 1)
                        ++o.disputes[d].reported;
                    else if (week == weeks - 2)
                        ++o.disputes[d].previousReported;
                }
            }
            if (action != QLatin1String("report") && !closedSeen[week].contains(caseId)) {
                closedSeen[week].insert(caseId);
                if (d >= 0 && week == weeks - 1)
                    ++o.disputes[d].closed;
            }
        }
        // Items → top list; classes → stacked trend.
        QHash<QString, QList<qint64>> byClass;
        for (auto it = byItem.cbegin(); it != byItem.cend(); ++it) {
            const qint64 now = it.value().at(weeks - 1);
            const qint64 before = weeks > 1 ? it.value().at(weeks - 2) : 0;
            if (now > 0 || before > 0)
                o.topCategories.append({ it.key(), itemName(it.key()), now, before });
            const CategoryClass* cls = taxonomy.classOf(it.key());
            const QString classCode = cls ? cls->code : it.key().left(2);
            QList<qint64>& perWeek = byClass[classCode];
            if (perWeek.isEmpty())
                perWeek = QList<qint64>(weeks, 0);
            for (int w = 0; w < weeks; ++w)
                perWeek[w] += it.value().at(w);
        }
        std::sort(o.topCategories.begin(), o.topCategories.end(), [](const KpiNamedCount& a, const KpiNamedCount& b) {
            return a.count != b.count ? a.count > b.count : a.code < b.code;
        });
        if (o.topCategories.size() > request.topCategories)
            o.topCategories.resize(request.topCategories);
        QList<KpiNamedCount> classes;
        for (auto it = byClass.cbegin(); it != byClass.cend(); ++it) {
            qint64 total = 0;
            for (qint64 v : it.value())
                total += v;
            classes.append({ it.key(), className(it.key()), it.value().at(weeks - 1), total });
        }
        // Biggest over the whole trend first, so the stack order is stable week to week.
        std::sort(classes.begin(), classes.end(), [](const KpiNamedCount& a, const KpiNamedCount& b) {
            return a.previous != b.previous ? a.previous > b.previous : a.code < b.code;
        });
        QList<qint64> other(weeks, 0);
        qint64 otherNow = 0;
        for (int i = 0; i < classes.size(); ++i) {
            KpiNamedCount c = classes.at(i);
            const QList<qint64>& perWeek = byClass.value(c.code);
            if (i < request.categoryClasses) {
                c.previous = weeks > 1 ? perWeek.at(weeks - 2) : 0;
                o.categoryClasses.append(c);
                o.categoryTrend.append(perWeek);
            } else {
                for (int w = 0; w < weeks; ++w)
                    other[w] += perWeek.at(w);
                otherNow += c.count;
            }
        }
        if (classes.size() > request.categoryClasses) {
            o.categoryHasOther = true;
            o.categoryClasses.append({ QString(), QCoreApplication::translate("KpiOverview", "Other"), otherNow,
                weeks > 1 ? other.at(weeks - 2) : 0 });
            o.categoryTrend.append(other);
        }
    }

    step(0.8, QCoreApplication::translate("KpiOverview", "Listing overdue and parked cases"));
    {
        SqlStatement q(store.handle(),
            QByteArray("SELECT dispute_level, count(*), sum(step_deadline < ?1) FROM cases "
                       "WHERE ") + kInLoopWhere
                + " AND dispute_level != 'none' AND (grid_code LIKE ?2 OR street_code LIKE ?2) GROUP BY dispute_level");
        if (!q.ok()) {
            *error = sqlError(store);
            return std::nullopt;
        }
        q.bind(1, asOfMs.toLongLong());
        q.bind(2, areaPattern);
        while (q.next()) {
            DisputeLevel level = DisputeLevel::None;
            disputeLevelFromKey(q.text(0), &level);
            const int d = disputeIndex(level);
            if (d >= 0) {
                o.disputes[d].openNow = q.integer(1);
                o.disputes[d].overdueNow = q.integer(2);
            }
        }
        for (int d = 0; d < 3; ++d)
            o.disputes[d].level = DisputeLevel(d + 1);
    }
    auto listCases = [&](const QByteArray& where, const char* order, QList<KpiCaseRow>* rows,
                         qint64* total, QHash<QString, qint64>* perUnit) {
        SqlStatement q(store.handle(),
            "SELECT id, code, category_code, street_code, community_code, address, state, dispute_level, "
            "reported_at, step_started_at, step_deadline FROM cases WHERE "
                + where + " AND (grid_code LIKE ?2 OR street_code LIKE ?2) ORDER BY " + order);
        if (!q.ok())
            return false;
        q.bind(1, asOfMs.toLongLong());
        q.bind(2, areaPattern);
        while (q.next()) {
            ++*total;
            const QString unit = unitOf(q.text(3), q.text(4));
            if (perUnit)
                ++(*perUnit)[unit];
            if (rows->size() >= request.listLimit)
                continue;
            KpiCaseRow r;
            r.id = q.integer(0);
            r.code = q.text(1);
            r.categoryCode = q.text(2);
            r.categoryName = itemName(r.categoryCode);
            r.areaCode = unit;
            r.areaName = nameOf(unit);
            r.address = q.text(5);
            caseStateFromKey(q.text(6), &r.state);
            disputeLevelFromKey(q.text(7), &r.dispute);
            r.reportedAt = q.time(8);
            r.since = q.time(9);
            r.deadline = q.time(10);
            if (r.deadline.isValid() && r.deadline < o.asOf)
                r.overdueMinutes = r.deadline.secsTo(o.asOf) / 60;
            rows->append(r);
        }
        return true;
    };
    QHash<QString, qint64> overduePerUnit;
    // ?1 is bound in both queries; the parked one does not need it.
    if (!listCases(kInLoopWhere + " AND step_deadline < ?1", "step_deadline, id",
            &o.overdue, &o.overdueTotal, &overduePerUnit)
        || !listCases(QByteArray("state = 'parked' AND ") + schema::kOpenCaseTerm + " AND ?1 IS NOT NULL", "step_started_at, id", &o.parked, &o.parkedTotal, nullptr)) {
        *error = sqlError(store);
        return std::nullopt;
    }
    for (auto it = overduePerUnit.cbegin(); it != overduePerUnit.cend(); ++it)
        o.overdueByUnit.append({ it.key(), nameOf(it.key()), it.value(), 0 });
    std::sort(o.overdueByUnit.begin(), o.overdueByUnit.end(), [](const KpiNamedCount& a, const KpiNamedCount& b) {
        return a.count != b.count ? a.count > b.count : a.code < b.code;
    });
    // Leading weeks with nothing in scope (before the data begins) would draw a cliff.
    int empty = 0;
    auto weekIsEmpty = [&](int w) {
        if (!(o.trend.at(w).counts == KpiCounts()))
            return false;
        for (const QList<qint64>& perWeek : std::as_const(o.categoryTrend))
            if (perWeek.at(w) != 0)
                return false;
        for (const QList<qint64>& perWeek : o.disputeTrend)
            if (perWeek.at(w) != 0)
                return false;
        return true;
    };
    while (empty < weeks - 2 && weekIsEmpty(empty))
        ++empty;
    if (empty > 0) {
        o.boundaries.remove(0, empty);
        o.trend.remove(0, empty);
        for (QList<qint64>& perWeek : o.categoryTrend)
            perWeek.remove(0, empty);
        for (QList<qint64>& perWeek : o.disputeTrend)
            perWeek.remove(0, empty);
    }
    step(1.0, QCoreApplication::translate("KpiOverview", "Done"));
    return o;
}

const KpiRankRow* KpiOverview::scopeInDistrict() const
{
    for (const KpiRankRow& r : districtRanking)
        if (r.code == request.scope)
            return &r;
    return nullptr;
}

void requestKpiOverview(StoreService& service, const KpiOverviewRequest& request, QObject* context,
    std::function<void(const std::optional<KpiOverview>&, const QString&)> done,
    std::function<void(double, const QString&)> progress)
{
    // Answers travel through the application object, which outlives every context; the
    // guard is only looked at on the GUI thread.
    QPointer<QObject> guard(context);
    service.post([guard, request, done = std::move(done), progress = std::move(progress)](Store& store) {
        QString error;
        std::function<void(double, const QString&)> relay;
        if (progress)
            relay = [guard, progress](double fraction, const QString& step) {
                QMetaObject::invokeMethod(QCoreApplication::instance(), [guard, progress, fraction, step] {
                    if (guard)
                        progress(fraction, step);
                }, Qt::QueuedConnection);
            };
        const std::optional<KpiOverview> overview = gatherKpiOverview(store, request, &error, relay);
        QMetaObject::invokeMethod(QCoreApplication::instance(), [guard, done, overview, error] {
            if (guard)
                done(overview, error);
        }, Qt::QueuedConnection);
    });
}

} // namespace gridhall
