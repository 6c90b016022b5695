#pragma once
// For tests and benches that run the real server and simulator beside themselves: another
// process's CPU time on this machine, from /proc (Linux), and a free loopback port.

#include <QByteArray>
#include <QFile>
#include <QList>
#include <QTcpServer>
#include <unistd.h>

namespace gridhall::testing {

// User + system CPU seconds process pid has used so far; -1 if it cannot be read.
inline double processCpuSeconds(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray line = stat.readAll();
    // The fields after the command name, which is in parentheses and may hold spaces;
    // utime and stime are the 14th and 15th of the whole line, in clock ticks.
    const QList<QByteArray> f = line.mid(line.lastIndexOf(')') + 2).split(' ');
    if (f.size() < 13)
        return -1;
    return (f[11].toDouble() + f[12].toDouble()) / double(sysconf(_SC_CLK_TCK));
}

// A loopback port free a moment ago (0 if none), for a process that must be told its port
// in advance (haproxy's bind, a --metrics address): another process may take it meanwhile,
// so use port 0 and read the port back wherever the program says where it listens.
inline quint16 freePort()
{
    QTcpServer probe;
    return probe.listen(QHostAddress::LocalHost, 0) ? probe.serverPort() : 0;
}

} // namespace gridhall::testing
