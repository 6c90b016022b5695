#include "models/store/kpiquery.h"

#include "models/domain/area.h"
#include "models/domain/taxonomy.h"
#include "models/store/sqlstatement.h"
#include "models/store/store.h"

#include <QCoreApplication>
#include <QSet>
#include <QTimeZone>

#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <limits>
#include <vector>

namespace gridhall {

namespace {
constexpr qint64 kNever = std::numeric_limits<qint64>::max();

// Cases open at some point of the range: touched at or after its start, or open now.
// reported_at < end drops cases that began after the range. The NOT IN repeats the
// condition of the partial index cases_open (schema::kOpenCaseTerm) so SQLite reads it.
const char* const kCasesSql = R"sql(
SELECT c.id, c.category_code, c.level, c.dispute_level, c.grid_code, c.community_code,
       c.street_code, e.id, e.at, e.action, e.to_state, e.target, e.actor
FROM cases c JOIN case_events e ON e.case_id = c.id
WHERE c.id IN (SELECT case_id FROM case_events WHERE at >= ?1
               UNION ALL
               SELECT id FROM cases WHERE state IN ('reported', 'registered', 'dispatched',
                                                     'handling', 'fed_back', 'verified')
                                      AND state NOT IN ('closed', 'voided'))
  AND c.reported_at < ?2
ORDER BY c.id
)sql";

QString columnText(sqlite3_stmt* stmt, int column)
{
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, column));
    return text ? QString::fromUtf8(text, sqlite3_column_bytes(stmt, column)) : QString();
}

// Action and state keys come as short ASCII strings; parse them without allocating.
template<typename Enum, int Count, typename KeyFn>
struct KeyTable {
    std::array<QByteArray, Count> keys;
    explicit KeyTable(KeyFn keyFn)
    {
        for (int i = 0; i < Count; ++i)
            keys[i] = keyFn(Enum(i)).toLatin1();
    }
    int find(sqlite3_stmt* stmt, int column) const
    {
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, column));
        const int size = sqlite3_column_bytes(stmt, column);
        if (!text)
            return -1;
        for (int i = 0; i < Count; ++i)
            if (keys[i].size() == size && memcmp(keys[i].constData(), text, size_t(size)) == 0)
                return i;
        return -1;
    }
};

struct EventRow {
    qint64 id = 0;
    qint64 at = 0;
    int action = -1;
    int toState = -1;
    QString target;
    QString actor;
};

struct CaseRow {
    qint64 id = 0;
    QString category;
    HandlingLevel level = HandlingLevel::Community;
    DisputeLevel dispute = DisputeLevel::None;
    QString grid, community, street;
    std::vector<EventRow> events;
};

// Replays one case at a time and adds its distinct-case counts to the table.
class Replayer {
public:
    Replayer(KpiGrouping grouping, const std::vector<qint64>& bounds, const SlaPolicy& sla,
        const Taxonomy* taxonomy, const QSet<QString>& departments, const QSet<QString>& workers,
        QHash<QString, QList<KpiCounts>>* out)
        : m_grouping(grouping)
        , m_bounds(bounds)
        , m_sla(sla)
        , m_taxonomy(taxonomy)
        , m_departments(departments)
        , m_workers(workers)
        , m_out(out)
    {
    }

    void run(CaseRow& c);

private:
    struct Entry {
        int period;
        QString unit;
        KpiCounts counts;
    };
    using Field = qint64 KpiCounts::*;

    bool areaGrouping() const
    {
        return m_grouping != KpiGrouping::Department && m_grouping != KpiGrouping::Worker;
    }
    QString holderUnit() const
    {
        if (m_grouping == KpiGrouping::Department && m_holderKind == HolderKind::Department)
            return m_holder;
        if (m_grouping == KpiGrouping::Worker && m_holderKind == HolderKind::Worker)
            return m_holder;
        return {};
    }
    QString unitNow() const { return areaGrouping() ? m_areaUnit : holderUnit(); }
    int periodOf(qint64 at) const
    {
        if (at < m_bounds.front())
            return -1;
        const auto it = std::upper_bound(m_bounds.begin(), m_bounds.end(), at);
        return int(it - m_bounds.begin()) - 1; // == periods when at ≥ the last bound
    }
    void set(int period, const QString& unit, Field field, bool value = true)
    {
        if (period < 0 || period >= int(m_bounds.size()) - 1 || unit.isEmpty())
            return;
        for (Entry& e : m_entries) {
            if (e.period == period && e.unit == unit) {
                e.counts.*field = value ? 1 : 0;
                return;
            }
        }
        m_entries.push_back({ period, unit, KpiCounts {} });
        m_entries.back().counts.*field = value ? 1 : 0;
    }
    qint64 limitMs(SlaStep step) const;
    void snapshotsUpTo(qint64 at);
    void snapshot(int period, qint64 end);

    const KpiGrouping m_grouping;
    const std::vector<qint64>& m_bounds;
    const SlaPolicy& m_sla;
    const Taxonomy* m_taxonomy;
    const QSet<QString>& m_departments;
    const QSet<QString>& m_workers;
    QHash<QString, QList<KpiCounts>>* m_out;
    mutable QHash<QString, std::array<qint64, kSlaStepCount>> m_limitCache;

    // The case being replayed.
    const CaseRow* m_case = nullptr;
    QString m_areaUnit;
    std::vector<Entry> m_entries;
    bool m_started = false;
    CaseState m_state = CaseState::Reported;
    qint64 m_deadline = kNever; // kNever: no step with a limit (closed, parked, voided)
    HandlingLevel m_level = HandlingLevel::Community;
    HolderKind m_holderKind = HolderKind::None;
    QString m_holder;
    qint64 m_pendingExtensionMinutes = 0;
    bool m_everLate = false;
    int m_registerPeriod = -1;
    bool m_dispatchedSinceRegister = false;
    bool m_firstDispatchOnTime = false; // the first dispatch since the last registration
    bool m_reworkedSinceRegister = false;
    bool m_extendedSinceRegister = false;
    bool m_closedAtGrassroots = false;
    int m_dispatchPeriod = -1;
    QString m_dispatchUnit;
    bool m_fedBackSinceDispatch = false;
    bool m_fedBackOnTime = false; // the first feedback since the last dispatch
    size_t m_nextBound = 1;
};

qint64 Replayer::limitMs(SlaStep step) const
{
    const CaseRow& c = *m_case;
    const QString key = c.category + QChar(u'0' + int(m_level)) + QChar(u'0' + int(c.dispute));
    auto it = m_limitCache.constFind(key);
    if (it == m_limitCache.constEnd()) {
        std::array<qint64, kSlaStepCount> limits {};
        for (int s = 0; s < kSlaStepCount; ++s)
            limits[s] = qint64(m_sla.limitMinutes(SlaStep(s), c.category, m_level, c.dispute, m_taxonomy)) * 60'000;
        it = m_limitCache.insert(key, limits);
    }
    return (*it)[int(step)];
}

void Replayer::snapshot(int period, qint64 end)
{
    if (!m_started)
        return;
    const bool overdue = m_deadline != kNever && m_deadline < end;
    const bool closed = m_state == CaseState::Closed;
    if (overdue)
        set(period, unitNow(), &KpiCounts::overdue);
    // Cases registered in the period: due for closing when closed or past a deadline now
    // (the "within limit" rest is not), and the rates' numerators from the same cases.
    const QString registerUnit = areaGrouping() ? m_areaUnit : QString();
    if (m_registerPeriod == period) {
        if (closed) {
            set(period, registerUnit, &KpiCounts::dueClosed);
            set(period, registerUnit, &KpiCounts::dueClosedOnTime, !m_everLate);
            set(period, registerUnit, &KpiCounts::dueClosedAtGrassroots, m_closedAtGrassroots);
        }
        if (closed || overdue)
            set(period, registerUnit, &KpiCounts::dueReworked, m_reworkedSinceRegister);
        set(period, registerUnit, &KpiCounts::registeredExtended, m_extendedSinceRegister);
        if (m_dispatchedSinceRegister) {
            set(period, registerUnit, &KpiCounts::dueDispatchedOnTime, m_firstDispatchOnTime);
            set(period, registerUnit, &KpiCounts::dueDispatchedAccurately, !m_reworkedSinceRegister);
        }
        if (!overdue && !closed) {
            set(period, registerUnit, &KpiCounts::registeredWithinLimit);
            if (!m_dispatchedSinceRegister)
                set(period, registerUnit, &KpiCounts::awaitingDispatchWithinLimit);
        }
    }
    // Cases dispatched in the period: handled when fed back since the last dispatch.
    if (m_dispatchPeriod == period) {
        if (m_fedBackSinceDispatch || closed) {
            set(period, m_dispatchUnit, &KpiCounts::dueHandled);
            set(period, m_dispatchUnit, &KpiCounts::dueHandledOnTime, m_fedBackSinceDispatch && m_fedBackOnTime);
        } else if (!overdue) {
            set(period, m_dispatchUnit, &KpiCounts::dispatchedWithinLimit);
        }
    }
}

void Replayer::snapshotsUpTo(qint64 at)
{
    while (m_nextBound < m_bounds.size() && m_bounds[m_nextBound] <= at) {
        snapshot(int(m_nextBound) - 1, m_bounds[m_nextBound]);
        ++m_nextBound;
    }
}

void Replayer::run(CaseRow& c)
{
    m_case = &c;
    switch (m_grouping) {
    case KpiGrouping::District: m_areaUnit = c.street.left(areacode::kDistrictDigits); break;
    case KpiGrouping::Street: m_areaUnit = c.street; break;
    case KpiGrouping::Community: m_areaUnit = c.community; break;
    case KpiGrouping::Grid: m_areaUnit = c.grid; break;
    default: m_areaUnit.clear(); break;
    }
    m_entries.clear();
    m_started = false;
    m_state = CaseState::Reported;
    m_deadline = kNever;
    m_holderKind = HolderKind::None;
    m_holder.clear();
    m_pendingExtensionMinutes = 0;
    m_everLate = false;
    m_registerPeriod = -1;
    m_dispatchedSinceRegister = false;
    m_firstDispatchOnTime = false;
    m_reworkedSinceRegister = false;
    m_extendedSinceRegister = false;
    m_closedAtGrassroots = false;
    m_dispatchPeriod = -1;
    m_dispatchUnit.clear();
    m_fedBackSinceDispatch = false;
    m_fedBackOnTime = false;
    m_nextBound = 1;

    std::sort(c.events.begin(), c.events.end(), [](const EventRow& a, const EventRow& b) {
        return a.at != b.at ? a.at < b.at : a.id < b.id;
    });
    // Each escalation raised the level by one; undo them to find the starting level.
    int escalations = 0;
    for (const EventRow& e : c.events)
        escalations += e.action == int(CaseAction::Escalate) ? 1 : 0;
    m_level = HandlingLevel(std::max(0, int(c.level) - escalations));

    const qint64 end = m_bounds.back();
    for (const EventRow& e : c.events) {
        if (e.at >= end)
            break;
        snapshotsUpTo(e.at);
        if (e.action < 0 || e.toState < 0)
            continue; // a key this build does not know: skip rather than guess
        const auto action = CaseAction(e.action);
        const auto toState = CaseState(e.toState);
        const int period = periodOf(e.at);
        const bool stepEnds = !m_started || toState != m_state || action == CaseAction::Escalate;
        if (m_started && stepEnds && m_deadline != kNever && e.at > m_deadline) {
            m_everLate = true;
            set(period, unitNow(), &KpiCounts::overdue);
        }
        const QString reporterUnit = areaGrouping()
            ? m_areaUnit
            : (m_grouping == KpiGrouping::Worker && m_workers.contains(e.actor) ? e.actor : QString());
        switch (action) {
        case CaseAction::Report:
            set(period, reporterUnit, &KpiCounts::reported);
            break;
        case CaseAction::SelfHandle:
            for (Field f : { &KpiCounts::reported, &KpiCounts::registered, &KpiCounts::selfHandled,
                     &KpiCounts::handled, &KpiCounts::handledOnTime, &KpiCounts::closed,
                     &KpiCounts::closedOnTime })
                set(period, reporterUnit, f);
            if (m_level != HandlingLevel::District)
                set(period, reporterUnit, &KpiCounts::closedAtGrassroots);
            // Due and done at once: its own cohort of one in every rate it takes part in.
            for (Field f : { &KpiCounts::dueClosed, &KpiCounts::dueClosedOnTime, &KpiCounts::dueHandled,
                     &KpiCounts::dueHandledOnTime })
                set(period, reporterUnit, f);
            set(period, reporterUnit, &KpiCounts::dueClosedAtGrassroots, m_level != HandlingLevel::District);
            break;
        case CaseAction::Register:
            m_registerPeriod = period;
            m_dispatchedSinceRegister = false;
            m_reworkedSinceRegister = false;
            m_extendedSinceRegister = false;
            if (areaGrouping())
                set(period, m_areaUnit, &KpiCounts::registered);
            break;
        case CaseAction::Dispatch: {
            const bool onTime = m_deadline == kNever || e.at <= m_deadline;
            m_holder = e.target;
            m_holderKind = m_departments.contains(e.target) ? HolderKind::Department : HolderKind::Worker;
            if (!m_dispatchedSinceRegister)
                m_firstDispatchOnTime = onTime;
            m_dispatchedSinceRegister = true;
            m_dispatchPeriod = period;
            m_fedBackSinceDispatch = false;
            m_fedBackOnTime = false;
            m_dispatchUnit = unitNow();
            set(period, m_dispatchUnit, &KpiCounts::dispatched);
            set(period, m_dispatchUnit, &KpiCounts::dispatchedOnTime, onTime);
            break;
        }
        case CaseAction::Feedback:
            if (!m_fedBackSinceDispatch)
                m_fedBackOnTime = m_deadline == kNever || e.at <= m_deadline;
            m_fedBackSinceDispatch = true;
            set(period, unitNow(), &KpiCounts::handled);
            set(period, unitNow(), &KpiCounts::handledOnTime, m_deadline == kNever || e.at <= m_deadline);
            break;
        case CaseAction::VerifyFail:
            m_reworkedSinceRegister = true;
            set(period, unitNow(), &KpiCounts::reworked);
            break;
        case CaseAction::Close:
            m_closedAtGrassroots = m_level != HandlingLevel::District;
            set(period, unitNow(), &KpiCounts::closed);
            set(period, unitNow(), &KpiCounts::closedOnTime, !m_everLate);
            if (m_level != HandlingLevel::District)
                set(period, unitNow(), &KpiCounts::closedAtGrassroots);
            break;
        case CaseAction::RequestExtension:
            m_pendingExtensionMinutes = e.target.toLongLong();
            break;
        case CaseAction::ApproveExtension:
            m_extendedSinceRegister = true;
            set(period, unitNow(), &KpiCounts::extended);
            if (m_deadline != kNever)
                m_deadline += m_pendingExtensionMinutes * 60'000;
            m_pendingExtensionMinutes = 0;
            break;
        case CaseAction::RejectExtension:
            m_pendingExtensionMinutes = 0;
            break;
        case CaseAction::Return:
            if (toState == CaseState::Registered || toState == CaseState::Reported) {
                m_holderKind = HolderKind::None;
                m_holder.clear();
            }
            break;
        case CaseAction::Escalate: {
            HandlingLevel next;
            m_level = handlingLevelFromKey(e.target, &next)
                ? next
                : HandlingLevel(std::min(int(HandlingLevel::District), int(m_level) + 1));
            m_holderKind = HolderKind::Level;
            m_holder.clear();
            break;
        }
        default:
            break;
        }
        if (stepEnds) {
            if (toState != m_state || !m_started)
                m_pendingExtensionMinutes = 0;
            m_state = toState;
            const std::optional<SlaStep> step = slaStepFor(toState);
            m_deadline = step ? e.at + limitMs(*step) : kNever;
        }
        m_started = true;
    }
    snapshotsUpTo(kNever);

    const int periods = int(m_bounds.size()) - 1;
    for (const Entry& entry : m_entries) {
        auto it = m_out->find(entry.unit);
        if (it == m_out->end())
            it = m_out->insert(entry.unit, QList<KpiCounts>(periods));
        (*it)[entry.period] += entry.counts;
    }
}

QSet<QString> codesOf(sqlite3* db, const char* sql)
{
    QSet<QString> codes;
    SqlStatement stmt(db, sql);
    if (!stmt.ok())
        return codes;
    while (sqlite3_step(stmt.get()) == SQLITE_ROW)
        codes.insert(columnText(stmt.get(), 0));
    return codes;
}
} // namespace

QString kpiGroupingKey(KpiGrouping grouping)
{
    static const char* const keys[] = { "district", "street", "community", "grid", "department", "worker" };
    return QString::fromLatin1(keys[int(grouping)]);
}

KpiCounts KpiTable::at(const QString& unit, int period) const
{
    const auto it = units.constFind(unit);
    if (it == units.constEnd() || period < 0 || period >= it->size())
        return {};
    return it->at(period);
}

QHash<QString, KpiCounts> KpiTable::period(int period) const
{
    QHash<QString, KpiCounts> result;
    for (auto it = units.begin(); it != units.end(); ++it)
        if (period >= 0 && period < it->size())
            result.insert(it.key(), it->at(period));
    return result;
}

KpiCounts KpiTable::total(int period) const
{
    KpiCounts sum;
    for (const QList<KpiCounts>& list : units)
        if (period >= 0 && period < list.size())
            sum += list.at(period);
    return sum;
}

KpiQuery::KpiQuery(const Store& store, const SlaPolicy& sla, const Taxonomy* taxonomy)
    : m_store(store)
    , m_sla(sla)
    , m_taxonomy(taxonomy)
{
}

std::optional<KpiTable> KpiQuery::periods(KpiGrouping grouping, const QList<QDateTime>& boundaries,
    QString* error) const
{
    if (boundaries.size() < 2) {
        *error = QCoreApplication::translate("KpiQuery", "A KPI period needs a start and an end");
        return std::nullopt;
    }
    std::vector<qint64> bounds;
    bounds.reserve(size_t(boundaries.size()));
    for (const QDateTime& b : boundaries) {
        if (!b.isValid()) {
            *error = QCoreApplication::translate("KpiQuery", "A KPI period boundary is not a valid time");
            return std::nullopt;
        }
        if (!bounds.empty() && b.toMSecsSinceEpoch() <= bounds.back()) {
            *error = QCoreApplication::translate("KpiQuery", "KPI periods must follow each other: %1 is not after the previous boundary")
                         .arg(b.toString(Qt::ISODate));
            return std::nullopt;
        }
        bounds.push_back(b.toMSecsSinceEpoch());
    }
    sqlite3* db = m_store.handle();
    if (!db) {
        *error = QCoreApplication::translate("KpiQuery", "The store is not open");
        return std::nullopt;
    }

    const QSet<QString> departments = codesOf(db, "SELECT code FROM departments");
    const QSet<QString> workers = grouping == KpiGrouping::Worker
        ? codesOf(db, "SELECT code FROM workers")
        : QSet<QString>();

    SqlStatement stmt(db, kCasesSql);
    if (!stmt.ok()) {
        *error = QCoreApplication::translate("KpiQuery", "Cannot read the cases for the KPIs: %1").arg(QString::fromUtf8(sqlite3_errmsg(db)));
        return std::nullopt;
    }
    sqlite3_bind_int64(stmt.get(), 1, bounds.front());
    sqlite3_bind_int64(stmt.get(), 2, bounds.back());

    static const KeyTable<CaseAction, kCaseActionCount, QString (*)(CaseAction)> actions(&caseActionKey);
    static const KeyTable<CaseState, kCaseStateCount, QString (*)(CaseState)> states(&caseStateKey);

    KpiTable table;
    table.boundaries = boundaries;
    Replayer replayer(grouping, bounds, m_sla, m_taxonomy, departments, workers, &table.units);
    CaseRow current;
    bool haveCase = false;
    bool inArea = true;
    int rc;
    while ((rc = sqlite3_step(stmt.get())) == SQLITE_ROW) {
        sqlite3_stmt* s = stmt.get();
        const qint64 caseId = sqlite3_column_int64(s, 0);
        if (!haveCase || caseId != current.id) {
            if (haveCase && inArea)
                replayer.run(current);
            haveCase = true;
            current.id = caseId;
            current.events.clear();
            current.grid = columnText(s, 4);
            current.street = columnText(s, 6);
            inArea = m_area.isEmpty()
                || (current.grid.isEmpty() ? current.street : current.grid).startsWith(m_area);
            if (inArea) {
                current.category = columnText(s, 1);
                if (!handlingLevelFromKey(columnText(s, 2), &current.level))
                    current.level = HandlingLevel::Community;
                if (!disputeLevelFromKey(columnText(s, 3), &current.dispute))
                    current.dispute = DisputeLevel::None;
                current.community = columnText(s, 5);
            }
        }
        if (!inArea)
            continue;
        EventRow e;
        e.id = sqlite3_column_int64(s, 7);
        e.at = sqlite3_column_int64(s, 8);
        e.action = actions.find(s, 9);
        e.toState = states.find(s, 10);
        if (e.action == int(CaseAction::Dispatch) || e.action == int(CaseAction::Escalate)
            || e.action == int(CaseAction::RequestExtension))
            e.target = columnText(s, 11);
        if (grouping == KpiGrouping::Worker
            && (e.action == int(CaseAction::Report) || e.action == int(CaseAction::SelfHandle)))
            e.actor = columnText(s, 12);
        current.events.push_back(std::move(e));
    }
    if (rc != SQLITE_DONE) {
        *error = QCoreApplication::translate("KpiQuery", "Cannot read the cases for the KPIs: %1").arg(QString::fromUtf8(sqlite3_errmsg(db)));
        return std::nullopt;
    }
    if (haveCase && inArea)
        replayer.run(current);
    return table;
}

std::optional<QHash<QString, KpiCounts>> KpiQuery::counts(KpiGrouping grouping, const QDateTime& from,
    const QDateTime& to, QString* error) const
{
    const std::optional<KpiTable> table = periods(grouping, { from, to }, error);
    if (!table)
        return std::nullopt;
    return table->period(0);
}

std::optional<KpiTable> KpiQuery::withPrevious(KpiGrouping grouping, const QDateTime& from,
    const QDateTime& to, QString* error) const
{
    if (!from.isValid() || !to.isValid() || from >= to) {
        *error = QCoreApplication::translate("KpiQuery", "A KPI period must start before it ends");
        return std::nullopt;
    }
    const QDateTime previous = from.addMSecs(-from.msecsTo(to));
    return periods(grouping, { previous, from, to }, error);
}

std::optional<KpiTable> KpiQuery::trend(KpiGrouping grouping, KpiBucket bucket, const QDateTime& from,
    const QDateTime& to, QString* error) const
{
    if (!from.isValid() || !to.isValid() || from >= to) {
        *error = QCoreApplication::translate("KpiQuery", "A KPI period must start before it ends");
        return std::nullopt;
    }
    return periods(grouping, bucketBoundaries(from, to, bucket), error);
}

QList<QDateTime> KpiQuery::bucketBoundaries(const QDateTime& from, const QDateTime& to, KpiBucket bucket)
{
    QList<QDateTime> result;
    if (!from.isValid() || !to.isValid() || from >= to)
        return result;
    QDate day = from.date();
    if (bucket == KpiBucket::Week)
        day = day.addDays(1 - day.dayOfWeek());
    else if (bucket == KpiBucket::Month)
        day = QDate(day.year(), day.month(), 1);
    auto startOf = [&](const QDate& d) { return d.startOfDay(from.timeZone()); };
    QDateTime start = startOf(day);
    result.append(start);
    while (start < to) {
        switch (bucket) {
        case KpiBucket::Day: day = day.addDays(1); break;
        case KpiBucket::Week: day = day.addDays(7); break;
        case KpiBucket::Month: day = day.addMonths(1); break;
        }
        start = startOf(day);
        result.append(start);
    }
    return result;
}

} // namespace gridhall
