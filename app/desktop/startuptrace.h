#pragma once
// Start-up milestones on the logging category gridhall.startup, off unless asked for
// (QT_LOGGING_RULES="gridhall.startup.info=true"): milliseconds since main() began, and,
// once everything has loaded, the longest the GUI thread was held up meanwhile, seen by a
// timer that should fire every 5 ms. `bench startup` reads these lines; an operator can
// too, to see where a slow start goes.

namespace gridhall::startup {

// Right after the QApplication is made: starts the stall watch when the category is on.
// The clock runs from before main().
void begin();
// Logs "<what> after N ms".
void mark(const char* what);
// Logs "everything loaded after N ms; longest GUI-thread stall M ms" once, and stops the watch.
void finished();

} // namespace gridhall::startup
