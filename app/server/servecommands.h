#pragma once
// gridhall-server serve / add-user / verify-audit. Each returns the process exit code:
// 0 success, 1 failure at run time, 2 bad options.

#include <QStringList>

namespace gridhall {

int runServeCommand(const QStringList& args);
int runAddUserCommand(const QStringList& args);
int runVerifyAuditCommand(const QStringList& args);
// Who runs a command (the OS user), for the audit log.
QString localUserName();

} // namespace gridhall
