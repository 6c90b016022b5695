#pragma once
// gridhall-server backup / restore (docs/OPERATIONS.md § Backup and restore).
//
// A backup is always one SQLite file, whatever the hall's backend: SQLite halls are copied
// with SQLite's online backup API in one read transaction (a consistent copy while the
// server commits), PostgreSQL halls with copy-db's REPEATABLE READ read into a new file.
// The audit key does not travel with it (whoever can write a database is not trusted
// with its audit log, docs/SECURITY.md); the checkpoints that sign the backup's entries
// do, in FILE.checkpoints beside it, so the backup verifies with the hall's key alone.

#include "app/server/auditkey.h"

#include <QStringList>
#include <optional>

namespace gridhall {

int runBackupCommand(const QStringList& args);
int runRestoreCommand(const QStringList& args);

// The audit key to check db with (--audit-key, or the default beside db): a backup's own
// checkpoints (db + ".checkpoints") stand in for the key's when they are there.
std::optional<AuditKey> auditKeyForChecking(const QString& db, const QString& keyOption, QString* error);

} // namespace gridhall
