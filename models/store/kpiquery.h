#pragma once
// KPI counts over the store: per district, street, community, grid, department or worker,
// for any [from, to) range or a series of day / week / month buckets. The formulas that
// turn counts into rates and grades live in models/domain/kpi.h.
//
// How the counts are made. One SQL pass reads every case that was open at some point of
// the range (cases with an event at or after `from`, plus cases in an open state now)
// with all its events, in case order; each case's events are then replayed in time order
// (at, then event id) to recover its step deadlines exactly as CaseMachine set them: a
// step starts when an event changes the state (or escalates), its deadline is the start
// plus SlaPolicy::limitMinutes(step for the new state, category, level, dispute grade,
// taxonomy), and every approved extension moves it by the minutes requested. The level
// before the first escalation is the case's level minus its escalations.
//
// Every count is a number of DISTINCT CASES per unit and period; an event counts in the
// period [b_k, b_k+1) that contains its time:
//   reported           'report' or 'self_handle' event
//   registered         'register' or 'self_handle' event
//   selfHandled        'self_handle' event (reported, registered, handled and closed at once)
//   dispatched         'dispatch' event; on time when at ≤ the dispatch step's deadline
//                      (the last dispatch in the period decides)
//   handled            'feedback' or 'self_handle' event; on time when at ≤ the handling
//                      step's deadline (self-handling is always on time)
//   closed             'close' or 'self_handle' event; on time when no step of the case,
//                      from its report to this close, ended after its deadline
//   closedAtGrassroots closed while the case's level was community or street
//   reworked           'verify_fail' event (核查不通过 → 返工)
//   extended           'approve_extension' event
//   overdue            a step ended in the period after its deadline, or a step was
//                      still open at the period's end and past its deadline then
//   At each period's end b_k+1, among the cases with a step still open:
//   registeredWithinLimit        registered in the period, not closed, not past the
//                                current step's deadline (parked and voided cases count
//                                here: they are not due for closing)
//   dispatchedWithinLimit        dispatched in the period, no feedback since, not closed,
//                                not past the current step's deadline
//   awaitingDispatchWithinLimit  registered in the period, not dispatched since, not
//                                closed, not past the current step's deadline
//   The rates' numerators, from the same cases as their denominators (docs/REPORTS.md):
//   dueClosed(OnTime, AtGrassroots)  registered in the period and closed at its end (no
//                                step late; closed at community or street level);
//                                self-handled cases count at once
//   dueReworked                  registered in the period, due (closed or past a deadline)
//                                at its end, a 'verify_fail' since the registration
//   registeredExtended           registered in the period, an 'approve_extension' since
//   dueDispatchedOnTime          registered in the period, the first dispatch since on time
//   dueDispatchedAccurately      registered in the period, dispatched, no rework since
//   dueHandled(OnTime)           dispatched in the period, fed back since the last dispatch
//                                (or closed) at its end (the first feedback within the
//                                handling step's deadline); self-handled cases count at once
//
// Units. Area groupings use the case's own codes (district = the first 6 digits of the
// street code). Department and worker groupings use the holder at the moment of the
// event: the target of the latest 'dispatch' (a department when the code is in the
// departments table, otherwise a worker), cleared by a return to registered/reported and
// replaced by the level on escalation. Reports and self-handling count for the worker who
// made them (the event's actor, when it is a known worker code). Events with no holder of
// the grouping's kind count for no unit of that grouping.
//
// Uses Store::handle() on the calling thread, which must be the store's own thread.
// An index on case_events(at, case_id) lets the first part of the query read only the
// index instead of scanning the events table (schema v2 should add it; see the report).

#include "models/domain/kpi.h"
#include "models/domain/sla.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>
#include <optional>

namespace gridhall {

class Store;
class Taxonomy;

enum class KpiGrouping { District, Street, Community, Grid, Department, Worker };
QString kpiGroupingKey(KpiGrouping grouping);

enum class KpiBucket { Day, Week, Month };

// Counts per unit and period. boundaries has one more entry than each unit's list.
struct KpiTable {
    QList<QDateTime> boundaries; // b_0 < b_1 < … < b_n; period k is [b_k, b_k+1)
    QHash<QString, QList<KpiCounts>> units; // unit code → counts for periods 0 … n−1

    int periodCount() const { return int(boundaries.size()) - 1; }
    // Counts of one unit in one period; zeros when the unit had nothing then.
    KpiCounts at(const QString& unit, int period) const;
    // One period of every unit, ready for kpiScoreUnits().
    QHash<QString, KpiCounts> period(int period) const;
    // The sum over every unit (not meaningful for holder groupings, whose units overlap
    // with nothing-held cases missing).
    KpiCounts total(int period) const;
};

class KpiQuery {
public:
    // The SLA policy and taxonomy must be the ones the cases were walked with, since the
    // deadlines are recomputed from them. Both must outlive the query.
    explicit KpiQuery(const Store& store, const SlaPolicy& sla = SlaPolicy::builtIn(),
        const Taxonomy* taxonomy = nullptr);

    // Restricts every count to cases in this area (a district, street, community or
    // grid code); empty for all cases.
    void setArea(const QString& areaCode) { m_area = areaCode; }

    // Counts for consecutive periods. Boundaries must be valid and strictly increasing,
    // at least two. On failure returns nothing and sets *error (translated).
    std::optional<KpiTable> periods(KpiGrouping grouping, const QList<QDateTime>& boundaries,
        QString* error) const;
    // One range [from, to).
    std::optional<QHash<QString, KpiCounts>> counts(KpiGrouping grouping, const QDateTime& from,
        const QDateTime& to, QString* error) const;
    // The range and the one of equal length before it: period 0 previous, period 1 current.
    std::optional<KpiTable> withPrevious(KpiGrouping grouping, const QDateTime& from,
        const QDateTime& to, QString* error) const;
    // Buckets covering [from, to) for trends: see bucketBoundaries().
    std::optional<KpiTable> trend(KpiGrouping grouping, KpiBucket bucket, const QDateTime& from,
        const QDateTime& to, QString* error) const;

    // Starts of the calendar days / ISO weeks (Monday 00:00) / months in from's time zone,
    // from the one containing `from` up to the first start at or after `to`.
    static QList<QDateTime> bucketBoundaries(const QDateTime& from, const QDateTime& to,
        KpiBucket bucket);

private:
    const Store& m_store;
    const SlaPolicy& m_sla;
    const Taxonomy* m_taxonomy;
    QString m_area;
};

} // namespace gridhall
