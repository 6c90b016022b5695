#pragma once
// Picks the storage backend from a --db value: a libpq URI (postgresql://… or postgres://…)
// opens PgServerStorage, anything else is a SQLite file (SqliteServerStorage).

#include "app/server/serverstorage.h"

namespace gridhall {

bool isPostgresUri(const QString& db);
// Null with *error set when the database cannot be opened (or the SQLite file is missing
// and mustExist is set).
std::unique_ptr<ServerStorage> openServerStorage(const QString& db, QString* error, bool mustExist = false);
// The database named for people: a URI without its password.
QString displayDatabaseName(const QString& db);

} // namespace gridhall
