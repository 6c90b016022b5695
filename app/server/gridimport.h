#pragma once
// Importing grid boundaries and cameras from the city GIS office's files into a hall's database.

#include <QStringList>

namespace gridhall {

// gridhall-server import-grids --db FILE [field options] SOURCE; returns the exit code.
int runImportGridsCommand(const QStringList& args);
// gridhall-server import-cameras --db FILE [field options] SOURCE: the hall's cameras, a
// point layer, placed in the grids already in the database; returns the exit code.
int runImportCamerasCommand(const QStringList& args);

} // namespace gridhall
