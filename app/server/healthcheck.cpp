#include "app/server/healthcheck.h"

#include "app/server/backup.h"
#include "app/server/pgconnection.h"
#include "app/server/pgserverstorage.h"
#include "app/server/storagefactory.h"
#include "models/store/sqlstatement.h"
#include "models/store/store.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>
#include <QFile>
#include <QFileInfo>
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

namespace {
// Integrity and schema of a SQLite hall, read without changing it (opening it as a
// server would upgrade an old file).
void checkSqlite(const QString& path, QTextStream& out, QStringList* problems, bool* current)
{
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(QFile::encodeName(path).constData(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        problems->append(QCoreApplication::translate("CheckCommand", "cannot open %1: %2").arg(path, QString::fromUtf8(sqlite3_errmsg(db))));
        sqlite3_close(db);
        return;
    }
    sqlite3_busy_timeout(db, 5000);
    QStringList integrity;
    {
        SqlStatement q(db, "PRAGMA integrity_check(20)");
        while (q.next())
            if (q.text(0) != QLatin1String("ok"))
                integrity.append(q.text(0));
        if (q.rc() != SQLITE_DONE)
            integrity.append(QString::fromUtf8(sqlite3_errmsg(db)));
    }
    qint64 orphans = 0;
    {
        SqlStatement q(db, "PRAGMA foreign_key_check");
        while (q.next())
            ++orphans;
    }
    if (integrity.isEmpty() && orphans == 0) {
        out << QCoreApplication::translate("CheckCommand", "integrity: ok (SQLite integrity_check, foreign_key_check)") << "\n";
    } else {
        for (const QString& i : std::as_const(integrity))
            problems->append(QCoreApplication::translate("CheckCommand", "integrity: %1").arg(i));
        if (orphans > 0)
            problems->append(QCoreApplication::translate("CheckCommand", "integrity: %1 rows refer to rows that are not there (foreign_key_check)").arg(orphans));
    }
    qint64 version = -1;
    {
        SqlStatement q(db, "PRAGMA user_version");
        version = q.next() ? q.integer(0) : -1;
    }
    QString auditFormat;
    {
        SqlStatement q(db, "SELECT value FROM server_meta WHERE key = 'audit_format'");
        if (q.ok() && q.next())
            auditFormat = q.text(0);
    }
    sqlite3_close(db);
    *current = version == Store::kSchemaVersion && auditFormat == QLatin1String("2");
    if (*current)
        out << QCoreApplication::translate("CheckCommand", "schema: version %1 with audit format 2, as this server expects").arg(version) << "\n";
    else if (version > Store::kSchemaVersion)
        problems->append(QCoreApplication::translate("CheckCommand", "schema: version %1 is newer than this server's %2: run the newer gridhall-server").arg(version).arg(Store::kSchemaVersion));
    else
        problems->append(QCoreApplication::translate("CheckCommand", "schema: version %1%2, this server expects %3 with audit format 2: the first serve (or any command that writes) upgrades it")
                             .arg(version).arg(auditFormat.isEmpty() ? QString() : QCoreApplication::translate("CheckCommand", " with audit format %1").arg(auditFormat)).arg(Store::kSchemaVersion));
}

void checkPostgres(const QString& uri, QTextStream& out, QStringList* problems, bool* current)
{
    QString error;
    std::unique_ptr<PgConnection> c = PgConnection::open(uri, &error);
    if (!c) {
        problems->append(error.trimmed());
        return;
    }
    // What PostgreSQL can be asked without extensions: indexes a failed build left invalid,
    // constraints added NOT VALID and never validated. Heap and index pages carry
    // checksums the server checks as it reads them (initdb --data-checksums).
    PgResult bad = c->exec("SELECT count(*) FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace "
                           "WHERE n.nspname = current_schema() AND NOT (i.indisvalid AND i.indisready)");
    PgResult unvalidated = c->exec("SELECT count(*) FROM pg_constraint k JOIN pg_namespace n ON n.oid = k.connamespace WHERE n.nspname = current_schema() AND NOT k.convalidated");
    if (!bad.ok() || !unvalidated.ok())
        problems->append(QCoreApplication::translate("CheckCommand", "integrity: %1").arg(c->lastError()));
    else if (bad.integer(0, 0) > 0 || unvalidated.integer(0, 0) > 0)
        problems->append(QCoreApplication::translate("CheckCommand", "integrity: %1 invalid indexes, %2 constraints not validated (REINDEX, ALTER TABLE … VALIDATE CONSTRAINT)").arg(bad.integer(0, 0)).arg(unvalidated.integer(0, 0)));
    else
        out << QCoreApplication::translate("CheckCommand", "integrity: ok (no invalid indexes, every constraint validated)") << "\n";
    PgResult v = c->exec("SELECT value FROM server_meta WHERE key = 'schema_version'");
    const int version = v.ok() && v.rows() == 1 ? v.text(0, 0).toInt() : -1;
    *current = version == PgServerStorage::kSchemaVersion;
    if (*current)
        out << QCoreApplication::translate("CheckCommand", "schema: version %1, as this server expects").arg(version) << "\n";
    else
        problems->append(QCoreApplication::translate("CheckCommand", "schema: version %1, this server expects %2").arg(version).arg(PgServerStorage::kSchemaVersion));
}
} // namespace

int runCheckCommand(const QStringList& args)
{
    QTextStream out(stdout), err(stderr);
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate("CheckCommand", "Checks a hall in one report: the database answers, its integrity, its schema version against "
                                        "this server's and the audit chain. Exit 0 when all is well, 1 on any problem. It changes nothing "
                                        "(an old schema is reported, not upgraded) and may run while servers serve."));
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption db(QStringLiteral("db"), QCoreApplication::translate("CheckCommand", "The hall: a SQLite file (a backup, too) or a postgresql:// URI."), QCoreApplication::translate("CheckCommand", "DB"));
    const QCommandLineOption auditKey = auditKeyOption();
    parser.addOptions({ db, auditKey });
    if (!parser.parse(args)) {
        err << parser.errorText() << "\n";
        return 2;
    }
    if (parser.isSet(help)) {
        out << parser.helpText();
        return 0;
    }
    if (parser.value(db).isEmpty() || !parser.positionalArguments().isEmpty()) {
        err << QCoreApplication::translate("CheckCommand", "check needs --db DB (see --help)") << "\n";
        return 2;
    }
    const QString name = parser.value(db);
    out << QCoreApplication::translate("CheckCommand", "check of %1").arg(displayDatabaseName(name)) << "\n";
    QStringList problems;
    QString why;
    if (!isPostgresUri(name) && !QFileInfo::exists(name)) {
        problems.append(QCoreApplication::translate("CheckCommand", "no database %1").arg(name));
    } else if (!probeDatabase(name, 5000, &why)) {
        problems.append(QCoreApplication::translate("CheckCommand", "database: %1").arg(why));
    } else {
        out << QCoreApplication::translate("CheckCommand", "database: answers (reads, and could write)") << "\n";
        bool current = false;
        if (isPostgresUri(name))
            checkPostgres(name, out, &problems, &current);
        else
            checkSqlite(name, out, &problems, &current);
        // The audit chain, read through the storage as verify-audit does; only a current
        // schema, since opening an old one upgrades it.
        if (current) {
            QString error;
            std::unique_ptr<ServerStorage> storage = openServerStorage(name, &error, true);
            if (!storage) {
                problems.append(error);
            } else {
                QString keyError;
                const std::optional<AuditKey> key = auditKeyForChecking(name, parser.value(auditKey), &keyError);
                const AuditVerification v = storage->verifyAudit(key ? &*key : nullptr);
                out << QCoreApplication::translate("CheckCommand", "cursor: %1").arg(storage->cursor()) << "\n";
                if (v.problemCount > 0) {
                    for (const QString& p : v.problems)
                        problems.append(QCoreApplication::translate("CheckCommand", "audit: %1").arg(p));
                    if (v.problemCount > v.problems.size())
                        problems.append(QCoreApplication::translate("CheckCommand", "audit: … and %1 more").arg(v.problemCount - v.problems.size()));
                } else if (v.unchecked > 0) {
                    problems.append(QCoreApplication::translate("CheckCommand", "audit: %1 keyed entries not checked: %2").arg(v.unchecked).arg(key ? v.keyNote : keyError));
                } else {
                    out << QCoreApplication::translate("CheckCommand", "audit: intact, %1 entries (%2 keyed and checked, %3 from before keying), %4 checkpoints compared")
                               .arg(v.entries).arg(v.keyed).arg(v.unkeyed).arg(v.checkpoints)
                        << "\n";
                }
            }
        }
    }
    for (const QString& p : std::as_const(problems))
        out << QCoreApplication::translate("CheckCommand", "PROBLEM: %1").arg(p) << "\n";
    if (!problems.isEmpty()) {
        out << QCoreApplication::translate("CheckCommand", "check failed: %n problem(s)", nullptr, int(problems.size())) << "\n";
        return 1;
    }
    out << QCoreApplication::translate("CheckCommand", "check passed") << "\n";
    return 0;
}

} // namespace gridhall
