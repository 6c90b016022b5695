#pragma once
// SIGTERM, SIGINT and SIGHUP as a call on the event loop's thread: the handler only writes a
// byte to a pipe (all a signal handler may safely do), and a socket notifier on the pipe's
// other end calls stop. Programs then end cleanly (sessions closed, children stopped,
// databases closed) instead of dying in the middle of a write.

#include <functional>

class QObject;

namespace gridhall {

// Once per process. The notifier lives as a child of context; stop runs on its thread each
// time one of the signals arrives. False (with the signals left as they were) when the pipe
// cannot be made.
bool onStopSignals(QObject* context, std::function<void()> stop);

} // namespace gridhall
