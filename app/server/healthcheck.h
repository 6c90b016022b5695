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

#include <QStringList>

namespace gridhall {

// gridhall-server check --db DB [--audit-key F]: the database answers, its integrity
// (SQLite's integrity_check and foreign_key_check; PostgreSQL's invalid indexes and
// constraints), its schema version against this server's, and the audit chain, in one
// report; exit 0 only when all is well, 1 on any problem, 2 on bad options.
int runCheckCommand(const QStringList& args);

} // namespace gridhall
