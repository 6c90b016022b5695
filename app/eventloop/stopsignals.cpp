#include "app/eventloop/stopsignals.h"

#include <QSocketNotifier>
#include <csignal>
#include <fcntl.h>
#include <unistd.h>

namespace gridhall {

namespace {
int stopPipe[2] = { -1, -1 };

void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(stopPipe[1], &byte, 1);
}
} // namespace

bool onStopSignals(QObject* context, std::function<void()> stop)
{
    if (stopPipe[0] < 0 && ::pipe2(stopPipe, O_CLOEXEC | O_NONBLOCK) != 0)
        return false;
    auto* notifier = new QSocketNotifier(stopPipe[0], QSocketNotifier::Read, context);
    QObject::connect(notifier, &QSocketNotifier::activated, notifier, [stop = std::move(stop)] {
        char bytes[16];
        while (::read(stopPipe[0], bytes, sizeof bytes) > 0) { }
        stop();
    });
    for (int signal : { SIGTERM, SIGINT, SIGHUP })
        std::signal(signal, onSignal);
    return true;
}

} // namespace gridhall
