#include "app/server/servecommands.h"

#include "app/server/sqliteserverstorage.h"
#include "app/server/syncserver.h"
#include "models/domain/area.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>
#include <QSocketNotifier>
#include <QTextStream>
#include <csignal>
#include <sys/resource.h>
#include <unistd.h>

namespace gridhall {

namespace {
struct Parsed {
    int exitCode = -1; // >= 0: stop with this code
};

// Shared option handling: help, no stray arguments, --db required.
Parsed parseCommon(QCommandLineParser& parser, const QStringList& args, const QCommandLineOption& help,
    const QCommandLineOption& db)
{
    QTextStream err(stderr);
    if (!parser.parse(args)) {
        err << parser.errorText() << "\n" << QCoreApplication::translate("ServeCommands", "Run %1 --help for the options.").arg(args.value(0)) << "\n";
        return { 2 };
    }
    if (parser.isSet(help)) {
        QTextStream(stdout) << parser.helpText();
        return { 0 };
    }
    if (!parser.positionalArguments().isEmpty()) {
        err << QCoreApplication::translate("ServeCommands", "Unexpected argument: %1").arg(parser.positionalArguments().constFirst()) << "\n";
        return { 2 };
    }
    if (parser.value(db).isEmpty()) {
        err << QCoreApplication::translate("ServeCommands", "--db FILE is required") << "\n";
        return { 2 };
    }
    return {};
}

int sigtermPipe[2] = { -1, -1 };
void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(sigtermPipe[1], &byte, 1);
}
} // namespace

int runServeCommand(const QStringList& args)
{
    QTextStream out(stdout), err(stderr);
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate("ServeCommands", "Serves the sync protocol (docs/PROTOCOL.md) over WebSocket."));
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption db(QStringLiteral("db"), QCoreApplication::translate("ServeCommands", "SQLite database to serve."), QCoreApplication::translate("ServeCommands", "FILE"));
    const QCommandLineOption listen(QStringLiteral("listen"), QCoreApplication::translate("ServeCommands", "Address and port (default 127.0.0.1:8765; port 0 picks a free one)."),
        QCoreApplication::translate("ServeCommands", "ADDR:PORT"), QStringLiteral("127.0.0.1:8765"));
    const QCommandLineOption cert(QStringLiteral("tls-cert"), QCoreApplication::translate("ServeCommands", "PEM certificate: serve wss://."), QCoreApplication::translate("ServeCommands", "FILE"));
    const QCommandLineOption key(QStringLiteral("tls-key"), QCoreApplication::translate("ServeCommands", "PEM private key for --tls-cert."), QCoreApplication::translate("ServeCommands", "FILE"));
    const QCommandLineOption tokenSecs(QStringLiteral("token-lifetime"), QCoreApplication::translate("ServeCommands", "Session token lifetime in seconds (default 43200)."),
        QCoreApplication::translate("ServeCommands", "SECS"), QStringLiteral("43200"));
    const QCommandLineOption trackDays(QStringLiteral("track-days"), QCoreApplication::translate("ServeCommands", "Keep workers' tracks for replay this many days (default 30)."),
        QCoreApplication::translate("ServeCommands", "DAYS"), QStringLiteral("30"));
    const QCommandLineOption maxConnections(QStringLiteral("max-connections"),
        QCoreApplication::translate("ServeCommands", "Open connections at most; more wait until one closes (default: what the descriptor limit allows)."),
        QCoreApplication::translate("ServeCommands", "N"));
    parser.addOptions({ db, listen, cert, key, tokenSecs, trackDays, maxConnections });
    if (const Parsed p = parseCommon(parser, args, help, db); p.exitCode >= 0)
        return p.exitCode;

    const QString listenText = parser.value(listen);
    const int colon = listenText.lastIndexOf(QLatin1Char(':'));
    bool portOk = false;
    const uint port = listenText.mid(colon + 1).toUInt(&portOk);
    const QHostAddress address(listenText.left(colon));
    if (colon <= 0 || !portOk || port > 65535 || address.isNull()) {
        err << QCoreApplication::translate("ServeCommands", "--listen must be ADDRESS:PORT, e.g. 127.0.0.1:8765, not \"%1\"").arg(listenText) << "\n";
        return 2;
    }
    if (parser.isSet(cert) != parser.isSet(key)) {
        err << QCoreApplication::translate("ServeCommands", "--tls-cert and --tls-key go together") << "\n";
        return 2;
    }
    ServerOptions options;
    options.tlsCertFile = parser.value(cert);
    options.tlsKeyFile = parser.value(key);
    bool lifeOk = false;
    options.tokenLifetimeSecs = parser.value(tokenSecs).toInt(&lifeOk);
    if (!lifeOk || options.tokenLifetimeSecs < 1) {
        err << QCoreApplication::translate("ServeCommands", "--token-lifetime must be a positive number of seconds") << "\n";
        return 2;
    }
    bool daysOk = false;
    options.trackDays = parser.value(trackDays).toInt(&daysOk);
    if (!daysOk || options.trackDays < 1 || options.trackDays > 3650) {
        err << QCoreApplication::translate("ServeCommands", "--track-days must be a number of days from 1 to 3650") << "\n";
        return 2;
    }
    if (parser.isSet(maxConnections)) {
        bool ok = false;
        options.maxConnections = parser.value(maxConnections).toInt(&ok);
        if (!ok || options.maxConnections < 1) {
            err << QCoreApplication::translate("ServeCommands", "--max-connections must be a positive number") << "\n";
            return 2;
        }
    }
    if (!QFileInfo::exists(parser.value(db))) {
        err << QCoreApplication::translate("ServeCommands", "No database %1 (create one with gridhall-server demo-data)").arg(parser.value(db)) << "\n";
        return 1;
    }
    QString error;
    std::unique_ptr<SqliteServerStorage> storage = SqliteServerStorage::open(parser.value(db), &error);
    if (!storage) {
        err << error << "\n";
        return 1;
    }
    // One descriptor per connected handheld: a district has thousands.
    rlimit limit;
    if (getrlimit(RLIMIT_NOFILE, &limit) == 0) {
        limit.rlim_cur = limit.rlim_max;
        setrlimit(RLIMIT_NOFILE, &limit);
    }
    SyncServer server(*storage, options);
    if (!server.listen(address, quint16(port), &error)) {
        err << QCoreApplication::translate("ServeCommands", "Cannot listen on %1: %2").arg(listenText, error) << "\n";
        return 1;
    }
    // SIGTERM/SIGINT end the event loop so the database closes cleanly.
    if (::pipe(sigtermPipe) == 0) {
        std::signal(SIGTERM, onSignal);
        std::signal(SIGINT, onSignal);
    }
    QSocketNotifier notifier(sigtermPipe[0], QSocketNotifier::Read);
    QObject::connect(&notifier, &QSocketNotifier::activated, QCoreApplication::instance(), &QCoreApplication::quit);
    out << "listening on " << address.toString() << ":" << server.port() << Qt::endl;
    return QCoreApplication::exec();
}

int runAddUserCommand(const QStringList& args)
{
    QTextStream err(stderr);
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate("ServeCommands", "Adds or replaces a user; the password is read from the first line of standard input."));
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption db(QStringLiteral("db"), QCoreApplication::translate("ServeCommands", "Server database."), QCoreApplication::translate("ServeCommands", "FILE"));
    const QCommandLineOption user(QStringLiteral("user"), QCoreApplication::translate("ServeCommands", "User name."), QCoreApplication::translate("ServeCommands", "NAME"));
    const QCommandLineOption role(QStringLiteral("role"),
        QCoreApplication::translate("ServeCommands", "district_operator, street_operator, supervisor, shift_leader, leader or field_worker."), QCoreApplication::translate("ServeCommands", "ROLE"));
    const QCommandLineOption street(QStringLiteral("street"), QCoreApplication::translate("ServeCommands", "Street code the user is scoped to."), QCoreApplication::translate("ServeCommands", "CODE"));
    const QCommandLineOption worker(QStringLiteral("worker"), QCoreApplication::translate("ServeCommands", "Worker code a field worker acts as (default: the user name)."), QCoreApplication::translate("ServeCommands", "CODE"));
    const QCommandLineOption iterations(QStringLiteral("iterations"), QCoreApplication::translate("ServeCommands", "PBKDF2 iterations (default 60000)."), QCoreApplication::translate("ServeCommands", "N"), QStringLiteral("60000"));
    const QCommandLineOption allWorkers(QStringLiteral("all-workers"),
        QCoreApplication::translate("ServeCommands", "Make every worker a field_worker user named by its worker code, all with this password (simulator, demo)."));
    parser.addOptions({ db, user, role, street, worker, iterations, allWorkers });
    if (const Parsed p = parseCommon(parser, args, help, db); p.exitCode >= 0)
        return p.exitCode;
    UserRole r;
    if (parser.isSet(allWorkers) && !parser.isSet(role))
        r = UserRole::FieldWorker;
    else if (!userRoleFromKey(parser.value(role), &r)) {
        err << QCoreApplication::translate("ServeCommands", "--role must be one of district_operator, street_operator, supervisor, shift_leader, leader, field_worker") << "\n";
        return 2;
    }
    const QString name = parser.value(user);
    if (parser.isSet(allWorkers) && (r != UserRole::FieldWorker || !name.isEmpty())) {
        err << QCoreApplication::translate("ServeCommands", "--all-workers makes field_worker users and takes no --user") << "\n";
        return 2;
    }
    if (!parser.isSet(allWorkers) && (name.isEmpty() || name.size() > 64)) {
        err << QCoreApplication::translate("ServeCommands", "--user NAME is required (at most 64 characters)") << "\n";
        return 2;
    }
    AreaLevel level;
    const QString streetCode = parser.value(street);
    if (!streetCode.isEmpty() && (!areacode::levelOf(streetCode, &level) || level != AreaLevel::Street)) {
        err << QCoreApplication::translate("ServeCommands", "--street must be a 9-digit street code, not \"%1\"").arg(streetCode) << "\n";
        return 2;
    }
    if ((r == UserRole::StreetOperator || r == UserRole::Supervisor) && streetCode.isEmpty()) {
        err << QCoreApplication::translate("ServeCommands", "A %1 needs --street").arg(userRoleKey(r)) << "\n";
        return 2;
    }
    bool itOk = false;
    const int iterationCount = parser.value(iterations).toInt(&itOk);
    if (!itOk || iterationCount < 1000 || iterationCount > 10000000) {
        err << QCoreApplication::translate("ServeCommands", "--iterations must be from 1000 to 10000000") << "\n";
        return 2;
    }
    QTextStream in(stdin);
    const QString password = in.readLine();
    if (password.isEmpty()) {
        err << QCoreApplication::translate("ServeCommands", "No password on standard input") << "\n";
        return 2;
    }
    QString error;
    std::unique_ptr<SqliteServerStorage> storage = SqliteServerStorage::open(parser.value(db), &error);
    if (!storage) {
        err << error << "\n";
        return 1;
    }
    if (parser.isSet(allWorkers)) {
        const QList<Worker> workers = storage->workers();
        bool ok = storage->store().begin();
        for (const Worker& w : workers)
            ok = ok && storage->putUser(makeUser(w.code, UserRole::FieldWorker, {}, w.code, password.toUtf8(), iterationCount));
        ok = ok && storage->store().commit();
        if (!ok) {
            storage->store().rollback();
            err << storage->lastError() << "\n";
            return 1;
        }
        QTextStream(stdout) << QCoreApplication::translate("ServeCommands", "%1 field worker users saved").arg(workers.size()) << "\n";
        return 0;
    }
    const QString workerCode = r == UserRole::FieldWorker ? (parser.isSet(worker) ? parser.value(worker) : name) : QString();
    if (r == UserRole::FieldWorker) {
        bool found = false;
        for (const Worker& w : storage->workers())
            found = found || w.code == workerCode;
        if (!found) {
            err << QCoreApplication::translate("ServeCommands", "No worker %1 in %2").arg(workerCode, parser.value(db)) << "\n";
            return 1;
        }
    }
    if (!storage->putUser(makeUser(name, r, streetCode, workerCode, password.toUtf8(), iterationCount))) {
        err << storage->lastError() << "\n";
        return 1;
    }
    QTextStream(stdout) << QCoreApplication::translate("ServeCommands", "User %1 saved as %2").arg(name, userRoleKey(r)) << "\n";
    return 0;
}

int runVerifyAuditCommand(const QStringList& args)
{
    QTextStream out(stdout), err(stderr);
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate("ServeCommands", "Checks the audit log's hash chain and reports the first broken link."));
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption db(QStringLiteral("db"), QCoreApplication::translate("ServeCommands", "Server database."), QCoreApplication::translate("ServeCommands", "FILE"));
    parser.addOption(db);
    if (const Parsed p = parseCommon(parser, args, help, db); p.exitCode >= 0)
        return p.exitCode;
    QString error;
    std::unique_ptr<SqliteServerStorage> storage = SqliteServerStorage::open(parser.value(db), &error);
    if (!storage) {
        err << error << "\n";
        return 1;
    }
    qint64 entries = 0;
    QString detail;
    const qint64 broken = storage->verifyAudit(&entries, &detail);
    if (broken) {
        out << QCoreApplication::translate("ServeCommands", "audit broken at entry %1: %2").arg(broken).arg(detail) << "\n";
        return 1;
    }
    out << QCoreApplication::translate("ServeCommands", "audit intact: %1 entries").arg(entries) << "\n";
    return 0;
}

} // namespace gridhall
