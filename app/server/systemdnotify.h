#pragma once
// systemd's service notifications (sd_notify(3)) without libsystemd: one datagram to the
// unix socket systemd names in NOTIFY_SOCKET. The unit is Type=notify with WatchdogSec, so
// the server says READY=1 once it listens, WATCHDOG=1 from its event loop (a hung loop stops
// sending and systemd restarts it) and STOPPING=1 when a clean stop begins. Outside systemd
// (no NOTIFY_SOCKET) every call does nothing.

#include <QByteArray>

class QObject;

namespace gridhall {

// Sends state lines such as "READY=1" to the service manager. False when there is none or the
// datagram could not be sent (a service manager that went away is no reason to stop serving).
bool notifyServiceManager(const QByteArray& state);

// When systemd watches this process (WATCHDOG_USEC, and WATCHDOG_PID naming it if set), starts
// a timer owned by context that sends WATCHDOG=1 at half the period; the period in ms, else 0.
int startServiceWatchdog(QObject* context);

} // namespace gridhall
