#include "app/server/healthcheck.h"

#include "app/server/pgconnection.h"
#include "app/server/storagefactory.h"

#include <QCoreApplication>
#include <QFile>
#include <QUrlQuery>
#include <sqlite3.h>

namespace gridhall {

namespace {
bool probeSqlite(const QString& path, int timeoutMs, QString* why)
{
    sqlite3* db = nullptr;
    // No SQLITE_OPEN_CREATE: a file that is gone must not come back empty.
    int rc = sqlite3_open_v2(QFile::encodeName(path).constData(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr);
    auto fail = [&](const char* step) {
        *why = QCoreApplication::translate("HealthCheck", "%1: %2 (%3)").arg(displayDatabaseName(path), QString::fromUtf8(db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)), QString::fromLatin1(step));
        sqlite3_close(db);
        return false;
    };
    if (rc != SQLITE_OK)
        return fail("open");
    sqlite3_busy_timeout(db, timeoutMs);
    // A write transaction that starts and ends: an action could commit now.
    if (sqlite3_exec(db, "SELECT count(*) FROM server_meta", nullptr, nullptr, nullptr) != SQLITE_OK)
        return fail("read");
    if (sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK)
        return fail("write lock");
    sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_close(db);
    return true;
}

bool probePostgres(const QString& uri, int timeoutMs, QString* why)
{
    // libpq's connect_timeout is in whole seconds (at least 2 in practice).
    QString conninfo = uri;
    if (!uri.contains(QLatin1String("connect_timeout=")))
        conninfo += (uri.contains(QLatin1Char('?')) ? QLatin1Char('&') : QLatin1Char('?')) + QStringLiteral("connect_timeout=%1").arg(std::max(2, (timeoutMs + 999) / 1000));
    QString error;
    std::unique_ptr<PgConnection> c = PgConnection::open(conninfo, &error);
    if (!c) {
        *why = QCoreApplication::translate("HealthCheck", "%1: %2 (connect)").arg(displayDatabaseName(uri), error.trimmed());
        return false;
    }
    c->run(QStringLiteral("SET statement_timeout = %1").arg(timeoutMs).toUtf8().constData());
    if (!c->exec("SELECT count(*) FROM server_meta").ok() || !c->exec("SELECT 1 WHERE NOT pg_is_in_recovery()").rows()) {
        *why = QCoreApplication::translate("HealthCheck", "%1: %2 (read, or a standby that takes no writes)").arg(displayDatabaseName(uri), c->lastError().trimmed());
        return false;
    }
    return true;
}
} // namespace

bool probeDatabase(const QString& db, int timeoutMs, QString* why)
{
    return isPostgresUri(db) ? probePostgres(db, timeoutMs, why) : probeSqlite(db, timeoutMs, why);
}

} // namespace gridhall
