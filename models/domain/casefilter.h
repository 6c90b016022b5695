#pragma once
// CaseFilter: which cases a chart element stands for. The KPI dashboard emits one when a
// bar or point is clicked; the case queue applies it. Plain values, so both sides (and
// tests) agree on the meaning without knowing each other.

#include "models/domain/casetypes.h"

#include <QDateTime>
#include <QMetaType>
#include <QString>
#include <optional>

namespace gridhall {

struct CaseFilter {
    // Which moment of a case [from, to) applies to.
    enum class Time {
        Reported, // reportedAt in the period (上报数 style counts)
        Closed, // closedAt in the period (结案数)
    };
    enum class Status {
        Any,
        Open, // isOpen(state)
        Overdue, // open and past the current step's deadline at `asOf`
        Parked, // 挂账
    };

    QString areaCode; // district, street, community or grid code; empty: everywhere
    QString categoryCode; // taxonomy class ("01") or item ("0103"); empty: any category
    std::optional<DisputeLevel> disputeLevel; // only disputes of this grade
    QDateTime from; // invalid: no lower bound
    QDateTime to; // exclusive; invalid: no upper bound
    Time time = Time::Reported;
    Status status = Status::Any;
    QDateTime asOf; // the moment "overdue" is judged at; invalid: now

    bool isEmpty() const;
    bool matches(const Case& c) const;
    bool operator==(const CaseFilter& other) const = default;
};

} // namespace gridhall

Q_DECLARE_METATYPE(gridhall::CaseFilter)
