#pragma once
// Deterministic synthetic cases for tests, benchmarks and demos of the queues: one demo
// district of streets, communities and grids, categories from the shipped taxonomy, and
// states spread like a year of a real hall (most cases closed, the open ones recent).
// The same index and "now" always give the same case.

#include "models/domain/casetypes.h"

#include <QHash>
#include <QString>

namespace gridhall {

struct CaseSampler {
    QDateTime now;
    int streets = 12;
    int communitiesPerStreet = 8;
    int gridsPerCommunity = 25;
    int workers = 3000;

    Case make(qint64 index) const;
    // Grid and community code → name, for CaseQueueModel::setPlaceNames.
    QHash<QString, QString> placeNames() const;
    // Worker code → name, for CaseQueueModel::setHolderNames.
    QHash<QString, QString> workerNames() const;
    static QString districtCode() { return QStringLiteral("440106"); }
};

} // namespace gridhall
