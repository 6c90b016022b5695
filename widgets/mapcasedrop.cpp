#include "widgets/mapcasedrop.h"

#include "models/itemmodels/dispatchtargetmodels.h"
#include "widgets/dispatchpanels.h"

#include <QCoreApplication>
#include <QPointer>

namespace gridhall {

DispatchTarget dispatchTargetFromMap(const DropTarget& target, const WorkerListModel& workers)
{
    if (target.kind == DropTarget::Kind::Worker) {
        const int row = workers.rowOfWorker(target.code);
        if (row >= 0)
            return workerTarget(workers, row);
    } else if (target.kind == DropTarget::Kind::Grid) {
        for (int row = 0; row < workers.rowCount(); ++row)
            if (workers.workerAt(row).homeGridCode == target.code)
                return workerTarget(workers, row);
    }
    return {};
}

MapCanvas::DropResolver explainingDropResolver(MapCanvas::DropResolver base, CaseActionController& controller,
    const WorkerListModel& workers, std::function<QList<qint64>()> draggedCases)
{
    QPointer<CaseActionController> guard(&controller);
    const WorkerListModel* list = &workers;
    return [base, guard, list, draggedCases](QPointF pixel, const Viewport& viewport) {
        DropTarget target = base(pixel, viewport);
        if (!target.isValid() || !guard)
            return target;
        const DispatchTarget to = dispatchTargetFromMap(target, *list);
        if (to.kind == DispatchTarget::Kind::None) {
            target.caption = QCoreApplication::translate("gridhall::MapCaseDrop", "No worker here to dispatch to");
            return target;
        }
        const ActionPlan plan = guard->planDrop(draggedCases(), to);
        target.caption = plan.ok() ? plan.caption
                                   : plan.caption + QStringLiteral(" — ") + plan.refusal;
        return target;
    };
}

void connectMapDrops(MapCanvas& canvas, CaseActionController& controller, const WorkerListModel& workers)
{
    const WorkerListModel* list = &workers;
    QObject::connect(&canvas, &MapCanvas::casesDropped, &controller,
        [&controller, list](const QList<qint64>& ids, const DropTarget& target) {
            const DispatchTarget to = dispatchTargetFromMap(target, *list);
            ActionPlan plan;
            if (to.kind == DispatchTarget::Kind::None)
                plan.refusal = QCoreApplication::translate("gridhall::MapCaseDrop", "No worker here to dispatch to");
            else
                plan = controller.planDrop(ids, to);
            controller.perform(plan);
        });
}

} // namespace gridhall
