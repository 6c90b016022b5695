#include "app/server/systemdnotify.h"

#include <QTimer>
#include <algorithm>
#include <cerrno>
#include <cstddef>
#include <cstring>
#include <limits>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

namespace gridhall {

bool notifyServiceManager(const QByteArray& state)
{
    const QByteArray path = qgetenv("NOTIFY_SOCKET");
    if (path.isEmpty())
        return false;
    sockaddr_un address {};
    address.sun_family = AF_UNIX;
    // "/…" is a file; "@…" the abstract namespace, whose name starts with a zero byte.
    if ((path.front() != '/' && path.front() != '@') || size_t(path.size()) >= sizeof(address.sun_path))
        return false;
    std::memcpy(address.sun_path, path.constData(), size_t(path.size()));
    if (address.sun_path[0] == '@')
        address.sun_path[0] = '\0';
    const socklen_t length = socklen_t(offsetof(sockaddr_un, sun_path) + size_t(path.size()));
    const int fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return false;
    ssize_t sent;
    do
        sent = ::sendto(fd, state.constData(), size_t(state.size()), MSG_NOSIGNAL, reinterpret_cast<const sockaddr*>(&address), length);
    while (sent < 0 && errno == EINTR);
    ::close(fd);
    return sent == state.size();
}

int startServiceWatchdog(QObject* context)
{
    bool ok = false;
    const qint64 usec = qEnvironmentVariable("WATCHDOG_USEC").toLongLong(&ok);
    if (!ok || usec <= 0 || qEnvironmentVariable("NOTIFY_SOCKET").isEmpty())
        return 0;
    // WATCHDOG_PID, when given, says which process of the service is watched.
    const QString pid = qEnvironmentVariable("WATCHDOG_PID");
    if (!pid.isEmpty() && pid.toLongLong() != qint64(::getpid()))
        return 0;
    const int periodMs = int(std::clamp<qint64>(usec / 1000, 1, std::numeric_limits<int>::max()));
    auto* timer = new QTimer(context);
    QObject::connect(timer, &QTimer::timeout, timer, [] { notifyServiceManager("WATCHDOG=1"); });
    timer->start(qMax(1, periodMs / 2));
    notifyServiceManager("WATCHDOG=1");
    return periodMs;
}

} // namespace gridhall
