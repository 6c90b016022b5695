#pragma once
// Importing grid boundaries from the city GIS office's files into a store.

#include <QStringList>

namespace gridhall {

// gridhall-server import-grids --db FILE [field options] SOURCE; returns the exit code.
int runImportGridsCommand(const QStringList& args);

} // namespace gridhall
