#pragma once
// Whether a server database answers: the probe behind GET /healthz and the first line of
// gridhall-server check. It uses a connection of its own, so it sees what a new server,
// an add-user or a restarted one would see: a deleted or moved SQLite file, a write lock
// another process holds, a PostgreSQL server that is down or refuses the login.

#include <QString>

namespace gridhall {

// True when the database opens, its server_meta reads and (SQLite) a write transaction
// could start within timeoutMs; else false with *why saying what failed.
bool probeDatabase(const QString& db, int timeoutMs, QString* why);

} // namespace gridhall
