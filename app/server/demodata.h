#pragma once
// The demo district: deterministic, realistic data to show and to test against.

#include <QStringList>

namespace gridhall {

// gridhall-server demo-data --db FILE [--seed N] [--gpkg FILE]; returns the exit code.
int runDemoDataCommand(const QStringList& args);

} // namespace gridhall
