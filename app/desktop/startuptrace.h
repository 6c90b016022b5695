#pragma once
// Start-up milestones on the logging category gridhall.startup, off unless asked for
// (QT_LOGGING_RULES="gridhall.startup.info=true"): milliseconds since main() began, and,
// once everything has loaded, the longest the GUI thread was held up meanwhile, seen by a
// timer that should fire every 5 ms. Hold-ups count from the window's first paint on
// screen ("usable while anything else loads"); the longest before it is logged apart. `bench startup` reads these lines; an operator can
// too, to see where a slow start goes.

#include <QApplication>

namespace gridhall::startup {

// Right after the QApplication is made: starts the stall watch when the category is on.
// The clock runs from before main().
void begin();
// Logs "<what> after N ms".
void mark(const char* what);
// Logs "everything loaded after N ms" once; a second later (the handover's layout and
// repaint count) "settled …: longest GUI-thread stall M ms since the window was on screen
// after S ms (before: B ms, …)", and stops the watch.
void finished();

// Times a piece of start-up work on the GUI thread, to find what holds it up: logs
// "<what> took N ms (ending after T ms)" for anything over a millisecond while the trace
// is on and start-up has not finished. The watch also logs each stall over 16 ms with
// when it ended, so the two can be lined up.
// The desktop program's application: while the trace is on and start-up has not finished,
// it times every outermost event the GUI thread handles and logs those over 16 ms with
// what they were ("event <type> to <class> '<name>' took N ms (ending after T ms)"); from
// GRIDHALL_STARTUP_EVENT_MS milliseconds instead when that is set, for a closer look.
class TracingApplication : public QApplication {
public:
    using QApplication::QApplication;
    bool notify(QObject* receiver, QEvent* event) override;

private:
    int m_depth = 0;
};

class Span {
public:
    explicit Span(const char* what);
    ~Span();
    Span(const Span&) = delete;
    Span& operator=(const Span&) = delete;

private:
    const char* m_what;
    qint64 m_startNs = -1; // -1: not timing
    qint64 m_cpuStartNs = 0;
};

} // namespace gridhall::startup
