#pragma once
// gridhall-server serve / add-user / verify-audit. Each returns the process exit code:
// 0 success, 1 failure at run time, 2 bad options.

#include <QStringList>

namespace gridhall {

class ServerStorage;

int runServeCommand(const QStringList& args);
int runAddUserCommand(const QStringList& args);
int runVerifyAuditCommand(const QStringList& args);
// Who runs a command (the OS user), for the audit log.
QString localUserName();
// An audit entry (not a numbered action) for a local command run by localUserName(), peer
// "local"; false when it could not be written (storage.lastError()).
bool auditLocalCommand(ServerStorage& storage, const QString& action, const QString& clientId);

} // namespace gridhall
