#pragma once
// Where dropped cases go: the worker under the cursor, else the grid cell under it.

#include "maps/viewport.h"

#include <QCoreApplication>
#include <QString>

namespace gridhall {

class WorkersLayer;
class AreasLayer;

struct DropTarget {
    enum class Kind { None, Worker, Grid };
    Kind kind = Kind::None;
    QString code; // worker badge or grid code
    qint64 workerId = 0;
    QString caption; // e.g. "Dispatch to 王伟 (GW0012)"
    LonLat anchor; // the worker's position or the grid's centre, for highlighting
    MultiPolygon outline; // the grid's boundary, for highlighting
    bool isValid() const { return kind != Kind::None; }
    friend bool operator==(const DropTarget& a, const DropTarget& b)
    {
        return a.kind == b.kind && a.code == b.code && a.workerId == b.workerId;
    }
};

// Either layer may be null. A worker within radius pixels wins over the grid.
DropTarget resolveDropTarget(const WorkersLayer* workers, const AreasLayer* areas, QPointF pixel,
    const Viewport& viewport, double radius = 16);

} // namespace gridhall
