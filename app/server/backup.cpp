#include "app/server/backup.h"

#include "app/server/copydb.h"
#include "app/server/servecommands.h"
#include "app/server/storagefactory.h"
#include "models/store/sqlstatement.h"
#include "models/sync/protocol.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QTextStream>
#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

namespace gridhall {

namespace {
struct Sqlite {
    sqlite3* db = nullptr;
    ~Sqlite() { sqlite3_close(db); }
    QString error() const { return QString::fromUtf8(sqlite3_errmsg(db)); }
    bool exec(const char* sql) const { return sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK; }
    qint64 number(const char* sql) const
    {
        SqlStatement q(db, sql);
        return q.ok() && q.next() ? q.integer(0) : -1;
    }
};

bool openSqlite(const QString& path, int flags, Sqlite* s, QString* error)
{
    if (sqlite3_open_v2(QFile::encodeName(path).constData(), &s->db, flags, nullptr) == SQLITE_OK)
        return true;
    *error = QStringLiteral("%1: %2").arg(path, s->error());
    return false;
}

// A new file only its owner may read (a hall's data, password hashes included).
bool createPrivateFile(const QString& path, QString* error)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        *error = QStringLiteral("%1: %2").arg(path, QString::fromLocal8Bit(strerror(errno)));
        return false;
    }
    ::close(fd);
    return true;
}

// All pages of from's main database into to, in one step: one read transaction on the
// source, so the copy is one consistent state even while a server commits (WAL readers
// do not wait for writers, nor writers for them).
bool copyPages(sqlite3* from, sqlite3* to, QString* error)
{
    sqlite3_backup* b = sqlite3_backup_init(to, "main", from, "main");
    if (!b) {
        *error = QString::fromUtf8(sqlite3_errmsg(to));
        return false;
    }
    int rc;
    do {
        rc = sqlite3_backup_step(b, -1);
        if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
            sqlite3_sleep(50);
    } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
    sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE) {
        *error = QString::fromUtf8(sqlite3_errstr(rc));
        return false;
    }
    return true;
}

// What a hall in a SQLite file holds, for the report after a backup or restore.
struct HallSummary {
    qint64 cases = -1, events = -1, audit = -1, users = -1, lastAuditSeq = 0, keyedEntries = 0;
    QString checksum;
};

HallSummary summarize(const QString& path)
{
    HallSummary h;
    Sqlite s;
    QString error;
    if (!openSqlite(path, SQLITE_OPEN_READONLY, &s, &error))
        return h;
    s.exec("BEGIN");
    h.cases = s.number("SELECT count(*) FROM cases");
    h.events = s.number("SELECT count(*) FROM case_events");
    h.audit = s.number("SELECT count(*) FROM audit");
    h.users = s.number("SELECT count(*) FROM users");
    h.lastAuditSeq = std::max<qint64>(0, s.number("SELECT coalesce(max(seq), 0) FROM audit"));
    h.keyedEntries = std::max<qint64>(0, s.number("SELECT count(*) FROM audit WHERE scheme = 3"));
    protocol::CaseChecksum sum;
    SqlStatement q(s.db, "SELECT id, version, state, street_code FROM cases");
    while (q.next())
        sum.add(q.integer(0), q.integer(1), q.text(2), q.text(3));
    h.checksum = sum.hex();
    return h;
}

void printSummary(QTextStream& out, const QString& what, const HallSummary& h)
{
    out << QCoreApplication::translate("Backup", "%1: %2 cases, %3 events, %4 users, %5 audit entries (last %6); case checksum %7")
               .arg(what).arg(h.cases).arg(h.events).arg(h.users).arg(h.audit).arg(h.lastAuditSeq).arg(h.checksum)
        << "\n";
}

// Copies the checkpoint lines that sign entries up to lastSeq: the lines are signed and
// hold no secret.
bool copyCheckpoints(const QString& from, const QString& to, qint64 lastSeq, int* copied, QString* error)
{
    QFile in(from);
    if (!in.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: %2").arg(from, in.errorString());
        return false;
    }
    QByteArray kept;
    *copied = 0;
    while (!in.atEnd()) {
        const QByteArray line = in.readLine();
        bool ok = false;
        const qint64 seq = line.left(line.indexOf(' ')).toLongLong(&ok);
        if (ok && seq <= lastSeq) {
            kept += line.endsWith('\n') ? line : line + '\n';
            ++*copied;
        }
    }
    QSaveFile out(to);
    if (!out.open(QIODevice::WriteOnly) || out.write(kept) != kept.size() || !out.commit()) {
        *error = QStringLiteral("%1: %2").arg(to, out.errorString());
        return false;
    }
    QFile::setPermissions(to, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return true;
}

QString stamp()
{
    return QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
}

// Whether some process holds the SQLite file open (a server, add-user …): an exclusive
// lock is refused while any other connection is open on a WAL database.
bool sqliteInUse(const QString& path)
{
    Sqlite s;
    QString error;
    if (!openSqlite(path, SQLITE_OPEN_READWRITE, &s, &error))
        return false;
    const bool locked = !(s.exec("PRAGMA locking_mode = EXCLUSIVE") && s.exec("BEGIN EXCLUSIVE"));
    s.exec("ROLLBACK");
    return locked;
}

bool parseOrStop(QCommandLineParser& parser, const QStringList& args, const QCommandLineOption& help, int* code)
{
    QTextStream err(stderr);
    if (!parser.parse(args)) {
        err << parser.errorText() << "\n";
        *code = 2;
        return false;
    }
    if (parser.isSet(help)) {
        QTextStream(stdout) << parser.helpText();
        *code = 0;
        return false;
    }
    if (!parser.positionalArguments().isEmpty()) {
        err << QCoreApplication::translate("Backup", "Unexpected argument: %1").arg(parser.positionalArguments().constFirst()) << "\n";
        *code = 2;
        return false;
    }
    return true;
}
} // namespace

std::optional<AuditKey> auditKeyForChecking(const QString& db, const QString& keyOption, QString* error)
{
    std::optional<AuditKey> key = loadAuditKeyFor(db, keyOption, AuditKeyMode::MustExist, error);
    const QString own = db + QStringLiteral(".checkpoints");
    if (key && !isPostgresUri(db) && QFileInfo::exists(own))
        key->checkpointPath = own;
    return key;
}

int runBackupCommand(const QStringList& args)
{
    QTextStream out(stdout), err(stderr);
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate("Backup", "Writes a consistent copy of a hall into one SQLite file while its servers go on serving: SQLite's online "
                                        "backup, or a REPEATABLE READ read of a PostgreSQL hall. The checkpoints that sign its audit "
                                        "entries go beside it (FILE.checkpoints); the audit key does not: keep it apart."));
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption db(QStringLiteral("db"), QCoreApplication::translate("Backup", "The hall: a SQLite file or a postgresql:// URI."), QCoreApplication::translate("Backup", "DB"));
    const QCommandLineOption outFile(QStringLiteral("out"), QCoreApplication::translate("Backup", "The backup file to write (refused when it exists)."), QCoreApplication::translate("Backup", "FILE"));
    const QCommandLineOption auditKey = auditKeyOption();
    parser.addOptions({ db, outFile, auditKey });
    int code = 0;
    if (!parseOrStop(parser, args, help, &code))
        return code;
    if (parser.value(db).isEmpty() || parser.value(outFile).isEmpty()) {
        err << QCoreApplication::translate("Backup", "backup needs --db DB and --out FILE (see --help)") << "\n";
        return 2;
    }
    const QString source = parser.value(db), target = parser.value(outFile);
    if (QFileInfo::exists(target)) {
        err << QCoreApplication::translate("Backup", "%1 exists: a backup never replaces a file").arg(target) << "\n";
        return 1;
    }
    const QString partial = target + QStringLiteral(".partial");
    QFile::remove(partial);
    QString error;
    if (isPostgresUri(source)) {
        // copy-db's read: one REPEATABLE READ READ ONLY transaction, then its proofs.
        QTextStream quiet(&error);
        if (copyDatabase(source, partial, parser.value(auditKey), quiet, err) != 0) {
            err << error;
            QFile::remove(partial);
            return 1;
        }
    } else {
        Sqlite from, to;
        if (!QFileInfo::exists(source)) {
            err << QCoreApplication::translate("Backup", "No database %1").arg(source) << "\n";
            return 1;
        }
        const bool ok = openSqlite(source, SQLITE_OPEN_READONLY, &from, &error) && createPrivateFile(partial, &error)
            && openSqlite(partial, SQLITE_OPEN_READWRITE, &to, &error);
        if (ok)
            sqlite3_busy_timeout(from.db, 10000);
        // One file, no WAL beside it.
        if (!ok || !copyPages(from.db, to.db, &error) || !to.exec("PRAGMA journal_mode = DELETE")) {
            err << QCoreApplication::translate("Backup", "Backup failed: %1").arg(error) << "\n";
            QFile::remove(partial);
            return 1;
        }
    }
    {
        Sqlite check;
        if (!openSqlite(partial, SQLITE_OPEN_READONLY, &check, &error) || check.number("SELECT count(*) FROM pragma_quick_check WHERE quick_check <> 'ok'") != 0) {
            err << QCoreApplication::translate("Backup", "Backup failed: the copy does not pass SQLite's quick check") << "\n";
            QFile::remove(partial);
            return 1;
        }
    }
    if (::rename(QFile::encodeName(partial).constData(), QFile::encodeName(target).constData()) != 0) {
        err << QCoreApplication::translate("Backup", "Backup failed: %1").arg(QString::fromLocal8Bit(strerror(errno))) << "\n";
        return 1;
    }
    const HallSummary h = summarize(target);
    printSummary(out, QCoreApplication::translate("Backup", "backup %1").arg(target), h);
    // The checkpoints that sign what the backup holds travel with it.
    QString keyError;
    const std::optional<AuditKey> key = isPostgresUri(source) && !parser.isSet(auditKey)
        ? std::nullopt
        : loadAuditKeyFor(source, parser.value(auditKey), AuditKeyMode::MustExist, &keyError);
    if (key && QFileInfo::exists(key->checkpointPath)) {
        int copied = 0;
        if (!copyCheckpoints(key->checkpointPath, target + QStringLiteral(".checkpoints"), h.lastAuditSeq, &copied, &error)) {
            err << QCoreApplication::translate("Backup", "The backup is written, its audit checkpoints are not: %1").arg(error) << "\n";
            return 1;
        }
        out << QCoreApplication::translate("Backup", "audit checkpoints: %1 lines up to entry %2 in %3.checkpoints; check it with the hall's key: "
                  "gridhall-server check --db %3 --audit-key %4")
                   .arg(copied).arg(h.lastAuditSeq).arg(target, key->path)
            << "\n";
    } else if (h.keyedEntries > 0) {
        out << QCoreApplication::translate("Backup", "note: no audit checkpoints copied (%1): cut entries at the end of the backup's log cannot be told").arg(key ? key->checkpointPath : keyError) << "\n";
    }
    return 0;
}

int runRestoreCommand(const QStringList& args)
{
    QTextStream out(stdout), err(stderr);
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate("Backup", "Puts a backup back: into a SQLite file (the old one, with --force, is kept as "
                                        "FILE.before-restore-TIME) or an empty PostgreSQL database. Refuses a database a server "
                                        "has open. The backup's audit checkpoints replace the key's (the old ones are kept the same "
                                        "way), and the restore is written to the audit log."));
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption from(QStringLiteral("from"), QCoreApplication::translate("Backup", "The backup file."), QCoreApplication::translate("Backup", "FILE"));
    const QCommandLineOption db(QStringLiteral("db"), QCoreApplication::translate("Backup", "The hall to restore: a SQLite file, or an empty PostgreSQL database (postgresql://…)."), QCoreApplication::translate("Backup", "DB"));
    const QCommandLineOption force(QStringLiteral("force"), QCoreApplication::translate("Backup", "Replace a SQLite hall that holds data (it is moved aside, not deleted)."));
    const QCommandLineOption auditKey = auditKeyOption();
    parser.addOptions({ from, db, force, auditKey });
    int code = 0;
    if (!parseOrStop(parser, args, help, &code))
        return code;
    const QString backup = parser.value(from), target = parser.value(db);
    if (backup.isEmpty() || target.isEmpty()) {
        err << QCoreApplication::translate("Backup", "restore needs --from FILE and --db DB (see --help)") << "\n";
        return 2;
    }
    if (isPostgresUri(target) && !parser.isSet(auditKey)) {
        err << QCoreApplication::translate("Backup", "A PostgreSQL hall has no file beside which its audit key lives: give --audit-key FILE") << "\n";
        return 2;
    }
    if (isPostgresUri(target) && parser.isSet(force)) {
        err << QCoreApplication::translate("Backup", "--force replaces SQLite files only: restore a PostgreSQL hall into an empty database (createdb)") << "\n";
        return 2;
    }
    QString error;
    {
        Sqlite b;
        if (!QFileInfo::exists(backup) || !openSqlite(backup, SQLITE_OPEN_READONLY, &b, &error)
            || b.number("SELECT count(*) FROM pragma_quick_check WHERE quick_check <> 'ok'") != 0
            || b.number("SELECT count(*) FROM server_meta WHERE key = 'epoch'") != 1) {
            err << QCoreApplication::translate("Backup", "%1 is not a GridHall backup (a hall in a SQLite file that passes SQLite's quick check)").arg(backup) << "\n";
            return 1;
        }
    }
    const HallSummary saved = summarize(backup);
    // The key checks the backup's keyed entries: without it they could never be verified.
    QString keyError;
    std::optional<AuditKey> key = loadAuditKeyFor(target, parser.value(auditKey), AuditKeyMode::MustExist, &keyError);
    if (!key && saved.keyedEntries > 0) {
        err << QCoreApplication::translate("Backup", "The backup's audit entries are keyed, and the key is not there: %1. Put the hall's audit key there "
                  "(or name it with --audit-key) before restoring.")
                   .arg(keyError)
            << "\n";
        return 1;
    }

    // The backup's checkpoints become the key's before the copy is verified: those written
    // after the backup signed entries the restored log no longer has. Put back when the
    // restore does not happen.
    QString keptCheckpoints;
    auto installCheckpoints = [&] {
        if (!key)
            return true;
        if (QFileInfo::exists(key->checkpointPath)) {
            keptCheckpoints = key->checkpointPath + QStringLiteral(".before-restore-") + stamp();
            if (!QFile::rename(key->checkpointPath, keptCheckpoints))
                return false;
        }
        int copied = 0;
        return !QFileInfo::exists(backup + QStringLiteral(".checkpoints"))
            || copyCheckpoints(backup + QStringLiteral(".checkpoints"), key->checkpointPath, saved.lastAuditSeq, &copied, &error);
    };
    auto restoreCheckpoints = [&] {
        if (!key)
            return;
        QFile::remove(key->checkpointPath);
        if (!keptCheckpoints.isEmpty())
            QFile::rename(keptCheckpoints, key->checkpointPath);
        keptCheckpoints.clear();
    };

    if (isPostgresUri(target)) {
        QTextStream quiet(&error);
        if (!installCheckpoints() || copyDatabase(backup, target, key ? key->path : QString(), quiet, err) != 0) {
            restoreCheckpoints();
            err << error;
            return 1;
        }
    } else {
        const QString moved = target + QStringLiteral(".before-restore-") + stamp();
        if (QFileInfo::exists(target)) {
            if (sqliteInUse(target)) {
                err << QCoreApplication::translate("Backup", "%1 is in use (a server or another command has it open): stop it first").arg(target) << "\n";
                return 1;
            }
            if (QFileInfo(target).size() > 0 && !parser.isSet(force)) {
                err << QCoreApplication::translate("Backup", "%1 holds data: give --force to replace it (it is kept as %1.before-restore-TIME)").arg(target) << "\n";
                return 1;
            }
        }
        const QString partial = target + QStringLiteral(".restoring");
        QFile::remove(partial);
        {
            Sqlite b, to;
            if (!openSqlite(backup, SQLITE_OPEN_READONLY, &b, &error) || !createPrivateFile(partial, &error)
                || !openSqlite(partial, SQLITE_OPEN_READWRITE, &to, &error) || !copyPages(b.db, to.db, &error) || !installCheckpoints()) {
                restoreCheckpoints();
                err << QCoreApplication::translate("Backup", "Restore failed, %1 is untouched: %2").arg(target, error) << "\n";
                QFile::remove(partial);
                return 1;
            }
        }
        if (QFileInfo::exists(target)) {
            for (const QString& suffix : { QString(), QStringLiteral("-wal"), QStringLiteral("-shm") })
                if (QFileInfo::exists(target + suffix))
                    QFile::rename(target + suffix, moved + suffix);
            out << QCoreApplication::translate("Backup", "the hall that was there is kept as %1").arg(moved) << "\n";
        }
        if (::rename(QFile::encodeName(partial).constData(), QFile::encodeName(target).constData()) != 0) {
            err << QCoreApplication::translate("Backup", "Restore failed: %1").arg(QString::fromLocal8Bit(strerror(errno))) << "\n";
            return 1;
        }
    }

    if (!key)
        key = loadAuditKeyFor(target, parser.value(auditKey), AuditKeyMode::CreateIfMissing, &keyError);
    if (!key) {
        err << keyError << "\n";
        return 1;
    }
    if (!keptCheckpoints.isEmpty())
        out << QCoreApplication::translate("Backup", "the audit checkpoints written before the restore are kept as %1").arg(keptCheckpoints) << "\n";
    std::unique_ptr<ServerStorage> storage = openServerStorage(target, &error, true);
    QString warning;
    if (!storage || !storage->setAuditKey(*key, &error, &warning)) {
        err << error << "\n";
        return 1;
    }
    if (!auditLocalCommand(*storage, QStringLiteral("db_restore"), QStringLiteral("restore:") + QFileInfo(backup).fileName())) {
        err << QCoreApplication::translate("Backup", "Restored, but the restore's audit entry is not written: %1").arg(storage->lastError()) << "\n";
        return 1;
    }
    const AuditVerification v = storage->verifyAudit(&*key);
    printSummary(out, QCoreApplication::translate("Backup", "restored %1").arg(displayDatabaseName(target)), saved);
    if (!v.intact()) {
        out << QCoreApplication::translate("Backup", "audit broken after the restore: %1 problems").arg(v.problemCount) << "\n";
        for (const QString& p : v.problems)
            out << "  " << p << "\n";
        return 1;
    }
    out << QCoreApplication::translate("Backup", "audit intact: %1 entries (the restore is entry %2)").arg(v.entries).arg(v.entries) << "\n";
    return 0;
}

} // namespace gridhall
