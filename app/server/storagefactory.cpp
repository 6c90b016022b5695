#include "app/server/storagefactory.h"

#include "app/server/pgserverstorage.h"
#include "app/server/sqliteserverstorage.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QUrl>

namespace gridhall {

bool isPostgresUri(const QString& db)
{
    return db.startsWith(QLatin1String("postgresql://")) || db.startsWith(QLatin1String("postgres://"));
}

std::unique_ptr<ServerStorage> openServerStorage(const QString& db, QString* error, bool mustExist)
{
    if (isPostgresUri(db))
        return PgServerStorage::open(db, error);
    if (mustExist && !QFileInfo::exists(db)) {
        *error = QCoreApplication::translate("ServeCommands", "No database %1").arg(db);
        return nullptr;
    }
    return SqliteServerStorage::open(db, error);
}

QString displayDatabaseName(const QString& db)
{
    if (!isPostgresUri(db))
        return db;
    QUrl url(db);
    url.setPassword({});
    return url.toString();
}

} // namespace gridhall
