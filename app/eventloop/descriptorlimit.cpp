#include "app/eventloop/descriptorlimit.h"

#include <dirent.h>
#include <sys/resource.h>

namespace gridhall {

DescriptorLimit raiseDescriptorLimit(qint64 wanted)
{
    rlimit limit {};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0)
        return { -1, -1, true };
    if (wanted > 0 && limit.rlim_max != RLIM_INFINITY && rlim_t(wanted) > limit.rlim_max) {
        // Only a privileged process may raise the hard limit; a refusal leaves it as it was.
        const rlimit higher { rlim_t(wanted), rlim_t(wanted) };
        if (setrlimit(RLIMIT_NOFILE, &higher) == 0)
            limit = higher;
    }
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
    getrlimit(RLIMIT_NOFILE, &limit);
    auto value = [](rlim_t v) { return v == RLIM_INFINITY ? qint64(-1) : qint64(v); };
    const qint64 soft = value(limit.rlim_cur);
    return { soft, value(limit.rlim_max), soft < 0 || wanted <= soft };
}

int openDescriptorCount()
{
    DIR* dir = opendir("/proc/self/fd");
    if (!dir)
        return -1;
    int count = 0;
    while (const dirent* entry = readdir(dir))
        count += entry->d_name[0] != '.';
    closedir(dir);
    return count - 1; // the directory being read
}

} // namespace gridhall
