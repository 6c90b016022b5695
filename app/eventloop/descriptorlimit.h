#pragma once
// The descriptor limit of a program that holds thousands of sockets (server, simulator).

#include <QtGlobal>

namespace gridhall {

struct DescriptorLimit {
    qint64 soft = 0; // in effect now; -1: unlimited
    qint64 hard = 0; // the ceiling an unprivileged process may raise the soft limit to
    bool enough = true; // the soft limit reaches what was wanted
};

// Raises the soft limit to the hard one. When wanted is above that, raises the hard limit
// too where the process may (root, CAP_SYS_RESOURCE); otherwise `enough` is false and the
// caller says so.
DescriptorLimit raiseDescriptorLimit(qint64 wanted = 0);

// Descriptors this process has open now (the entries of /proc/self/fd); -1 where that
// cannot be read.
int openDescriptorCount();

} // namespace gridhall
