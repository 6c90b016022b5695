#include "models/domain/casefilter.h"

#include "models/domain/area.h"

namespace gridhall {

bool CaseFilter::isEmpty() const
{
    return *this == CaseFilter();
}

bool CaseFilter::matches(const Case& c) const
{
    if (!areaCode.isEmpty() && !areacode::isWithin(c.gridCode, areaCode) && c.streetCode != areaCode
        && c.communityCode != areaCode)
        return false;
    // Item codes start with their class code, so one prefix test serves both.
    if (!categoryCode.isEmpty() && !c.categoryCode.startsWith(categoryCode))
        return false;
    if (disputeLevel && c.disputeLevel != *disputeLevel)
        return false;
    const QDateTime& when = time == Time::Closed ? c.closedAt : c.reportedAt;
    if ((from.isValid() || to.isValid()) && !when.isValid())
        return false;
    if (from.isValid() && when < from)
        return false;
    if (to.isValid() && when >= to)
        return false;
    switch (status) {
    case Status::Any: break;
    case Status::Open:
        if (!isOpen(c.state))
            return false;
        break;
    case Status::Overdue: {
        const QDateTime at = asOf.isValid() ? asOf : QDateTime::currentDateTimeUtc();
        if (!isOpen(c.state) || !c.stepDeadline.isValid() || c.stepDeadline >= at)
            return false;
        break;
    }
    case Status::Parked:
        if (c.state != CaseState::Parked)
            return false;
        break;
    }
    return true;
}

} // namespace gridhall
