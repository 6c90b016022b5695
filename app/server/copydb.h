#pragma once
// gridhall-server copy-db --from A --to B: moves a hall between SQLite and PostgreSQL (either
// way) and proves the copy: row counts per table, the case checksum of snapshots, the last
// change-log position and an intact audit chain on the target.

#include <QStringList>

class QTextStream;

namespace gridhall {

int runCopyDbCommand(const QStringList& args);
// The copy and its proofs behind copy-db, for commands that build a hall in SQLite and move
// it (demo-data on PostgreSQL). auditKeyPath may be empty. Returns the exit code.
int copyDatabase(const QString& from, const QString& to, const QString& auditKeyPath, QTextStream& out, QTextStream& err);

} // namespace gridhall
