#include "maps/droptarget.h"

#include "maps/areaslayer.h"
#include "maps/workerslayer.h"

namespace gridhall {

DropTarget resolveDropTarget(const WorkersLayer* workers, const AreasLayer* areas, QPointF pixel,
    const Viewport& viewport, double radius)
{
    DropTarget target;
    if (workers) {
        if (const auto id = workers->workerNear(pixel, viewport, radius)) {
            const WorkerPosition p = *workers->position(*id);
            target.kind = DropTarget::Kind::Worker;
            target.code = p.code;
            target.workerId = p.workerId;
            target.anchor = p.pos;
            target.caption = QCoreApplication::translate("gridhall::DropTarget", "Dispatch to %1 (%2)")
                                 .arg(p.name.isEmpty() ? p.code : p.name, p.code);
            return target;
        }
    }
    if (areas) {
        const QString code = areas->gridAt(viewport.toLonLat(pixel));
        if (!code.isEmpty()) {
            target.kind = DropTarget::Kind::Grid;
            target.code = code;
            target.outline = areas->gridBoundary(code);
            target.anchor = target.outline.centroid();
            const QString name = areas->gridName(code);
            target.caption = name.isEmpty()
                ? QCoreApplication::translate("gridhall::DropTarget", "Dispatch to grid %1").arg(code)
                : QCoreApplication::translate("gridhall::DropTarget", "Dispatch to grid %1 (%2)").arg(name, code);
        }
    }
    return target;
}

} // namespace gridhall
