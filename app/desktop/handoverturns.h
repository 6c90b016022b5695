#pragma once
// A handover of loaded data that changes many widgets, in turns of the event loop: each
// step runs a millisecond after the one before, so the repaint a step causes (posted at
// low priority, after any queued call) has happened before the next step starts. The GUI
// thread is then held for one step and its paint at a time rather than for all of them
// at once: at a million cases the desk's handover and its one repaint took 16-19 ms of
// CPU together, over the 16 ms a frame has (issue 15).

#include <QList>
#include <QPointer>
#include <QTimer>
#include <functional>

namespace gridhall {

// Runs `steps` in order on `context`'s thread, the first now; the rest are dropped if
// `context` goes or `stillWanted` (checked before each later step) says a newer handover
// has started.
inline void runInTurns(QObject* context, QList<std::function<void()>> steps, std::function<bool()> stillWanted)
{
    if (steps.isEmpty())
        return;
    steps.takeFirst()();
    if (steps.isEmpty())
        return;
    QTimer::singleShot(1, context, [context, steps = std::move(steps), stillWanted = std::move(stillWanted)]() mutable {
        if (stillWanted())
            runInTurns(context, std::move(steps), std::move(stillWanted));
    });
}

} // namespace gridhall
