// gridhall-server: the reference central server and its maintenance commands.

#include "app/eventloop/epolleventdispatcher.h"
#include "app/eventloop/journallog.h"
#include "app/server/actiontable.h"
#include "app/server/backup.h"
#include "app/server/copydb.h"
#include "app/server/demodata.h"
#include "app/server/gridimport.h"
#include "app/server/healthcheck.h"
#include "app/server/servecommands.h"
#include "translations/translator.h"

#include <QCoreApplication>
#include <QTextStream>

namespace {
struct Command {
    const char* name;
    const char* summary;
    int (*run)(const QStringList& args);
};

const Command kCommands[] = {
    { "demo-data", QT_TRANSLATE_NOOP("ServerMain", "create the demo district (--db FILE|postgresql://… [--seed N] [--end DATE] [--gpkg FILE] [--force])"),
        gridhall::runDemoDataCommand },
    { "import-grids", QT_TRANSLATE_NOOP("ServerMain", "import grid boundaries from a GIS file (--db FILE|postgresql://… SOURCE)"),
        gridhall::runImportGridsCommand },
    { "import-cameras", QT_TRANSLATE_NOOP("ServerMain", "import the hall's cameras from a GIS point layer (--db FILE|postgresql://… SOURCE)"),
        gridhall::runImportCamerasCommand },
    { "serve", QT_TRANSLATE_NOOP("ServerMain", "serve the sync protocol (--db FILE|postgresql://… [--listen ADDR:PORT] [--tls-cert F --tls-key F] [--audit-key F] [--metrics ADDR:PORT] [--config FILE]); stops cleanly on SIGTERM"),
        gridhall::runServeCommand },
    { "add-user", QT_TRANSLATE_NOOP("ServerMain", "add or change a user, password from stdin (--db DB --user U --role R [--street CODE] | --reset-password | --disable | --enable)"),
        gridhall::runAddUserCommand },
    { "verify-audit", QT_TRANSLATE_NOOP("ServerMain", "check the audit log's keyed hash chain and checkpoints (--db DB [--audit-key F])"),
        gridhall::runVerifyAuditCommand },
    { "backup", QT_TRANSLATE_NOOP("ServerMain", "write a consistent backup while servers serve (--db DB --out FILE [--audit-key F])"),
        gridhall::runBackupCommand },
    { "restore", QT_TRANSLATE_NOOP("ServerMain", "put a backup back; refuses a database in use (--from FILE --db DB [--force] [--audit-key F])"),
        gridhall::runRestoreCommand },
    { "check", QT_TRANSLATE_NOOP("ServerMain", "check integrity, schema version and audit chain in one report (--db DB [--audit-key F])"),
        gridhall::runCheckCommand },
    { "copy-db", QT_TRANSLATE_NOOP("ServerMain", "copy a hall between SQLite and PostgreSQL and check the copy (--from DB --to DB)"),
        gridhall::runCopyDbCommand },
    { "action-table", QT_TRANSLATE_NOOP("ServerMain", "print which action is allowed from which state for which role (Markdown, as in PROTOCOL.md)"),
        gridhall::runActionTableCommand },
};

int usage(QTextStream& out)
{
    out << QCoreApplication::translate("ServerMain", "Usage: gridhall-server COMMAND [options]") << "\n\n"
        << QCoreApplication::translate("ServerMain", "Commands:") << "\n";
    for (const Command& c : kCommands)
        out << "  " << QString::fromLatin1(c.name).leftJustified(14) << " "
            << QCoreApplication::translate("ServerMain", c.summary) << "\n";
    out << "\n" << QCoreApplication::translate("ServerMain", "Run gridhall-server COMMAND --help for its options.") << "\n";
    return 2;
}
} // namespace

int main(int argc, char** argv)
{
    // Thousands of WebSockets: GLib's loop walks its notifier lists and poll() every socket
    // on each pass (20k handhelds reached the client at 960 fixes/s under GLib).
    gridhall::installEventLoopForManySockets();
    QCoreApplication app(argc, argv);
    // As a systemd service, warnings reach the journal as warnings (deploy/gridhall-server.service).
    gridhall::installJournalLogLevels();
    QCoreApplication::setApplicationName(QStringLiteral("gridhall-server"));
    QCoreApplication::setOrganizationName(QStringLiteral("GridHall"));
    gridhall::installLanguage(gridhall::defaultLanguage());

    QStringList args = QCoreApplication::arguments();
    QTextStream err(stderr);
    if (args.size() < 2)
        return usage(err);
    const QString name = args.at(1);
    if (name == QLatin1String("--help") || name == QLatin1String("-h")) {
        QTextStream out(stdout);
        usage(out);
        return 0;
    }
    for (const Command& c : kCommands) {
        if (name == QLatin1String(c.name)) {
            // The command sees "gridhall-server COMMAND" as its program name.
            args.removeAt(1);
            args[0] = QStringLiteral("gridhall-server ") + name;
            return c.run(args);
        }
    }
    err << QCoreApplication::translate("ServerMain", "Unknown command: %1").arg(name) << "\n\n";
    return usage(err);
}
