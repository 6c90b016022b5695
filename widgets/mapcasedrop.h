#pragma once
// Case drops on the map go through the same checks as drops on the lists: the map's
// target (a worker, or a grid cell, which means its grid worker) becomes a DispatchTarget,
// the caption under the cursor says what the drop would do or why not, and the drop is
// performed by the controller (undoable, through the outbox).

#include "maps/droptarget.h"
#include "models/itemmodels/caseactioncontroller.h"
#include "widgets/mapcanvas.h"

#include <functional>

namespace gridhall {

class WorkerListModel;

// A worker on the map is that worker; a grid cell is the grid worker whose home it is
// (一格一员). Kind None when the list has nobody for it.
DispatchTarget dispatchTargetFromMap(const DropTarget& target, const WorkerListModel& workers);

// Wraps the map's resolver: the caption becomes the plan's caption, or its refusal.
// draggedCases gives the ids being dragged (the queue's selection: drags carry it).
MapCanvas::DropResolver explainingDropResolver(MapCanvas::DropResolver base, CaseActionController& controller,
    const WorkerListModel& workers, std::function<QList<qint64>()> draggedCases);

// canvas.casesDropped → controller.perform(planDrop(…)).
void connectMapDrops(MapCanvas& canvas, CaseActionController& controller, const WorkerListModel& workers);

} // namespace gridhall
