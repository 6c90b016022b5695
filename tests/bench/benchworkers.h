#pragma once
// Benches that need more field workers than the demo district has (20,000 handhelds) add
// grid workers to its database, spread over its grids, before the server starts.

#include "models/domain/area.h"
#include "models/domain/people.h"
#include "models/store/store.h"

namespace gridhall::bench {

// Grid workers up to `count` in the SQLite hall `db` (codes BW000000…); false when the
// database cannot be opened or written. The grids, for a bench that frames the district.
inline bool addGridWorkers(const QString& db, int count, QList<GridCell>* gridsOut = nullptr)
{
    StoreStatus status;
    auto store = Store::open(db, &status);
    if (!store)
        return false;
    const QList<GridCell> grids = store->grids();
    if (grids.isEmpty())
        return false;
    int existing = 0;
    for (const Worker& w : store->workers())
        existing += w.kind == WorkerKind::GridWorker ? 1 : 0;
    store->begin();
    for (int i = existing; i < count; ++i) {
        const GridCell& g = grids[i % grids.size()];
        Worker w;
        w.id = 1000000 + i;
        w.code = QStringLiteral("BW%1").arg(i, 6, 10, QLatin1Char('0'));
        w.name = w.code;
        w.homeGridCode = g.code;
        w.streetCode = g.streetCode;
        store->putWorker(w);
    }
    if (!store->commit())
        return false;
    if (gridsOut)
        *gridsOut = grids;
    return true;
}

} // namespace gridhall::bench
