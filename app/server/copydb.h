#pragma once
// gridhall-server copy-db --from A --to B: moves a hall between SQLite and PostgreSQL (either
// way) and proves the copy: row counts per table, the case checksum of snapshots, the last
// change-log position and an intact audit chain on the target.

#include <QStringList>

namespace gridhall {

int runCopyDbCommand(const QStringList& args);

} // namespace gridhall
