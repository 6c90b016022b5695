#include "app/server/servecommands.h"

#include "app/eventloop/descriptorlimit.h"
#include "app/eventloop/stopsignals.h"
#include "app/server/backup.h"
#include "app/server/metricsendpoint.h"
#include "app/server/serverconfig.h"
#include "app/server/storagefactory.h"
#include "app/server/syncserver.h"
#include "app/server/systemdnotify.h"
#include "app/server/tlsconfig.h"
#include "models/domain/area.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QFileInfo>
#include <QSslConfiguration>
#include <QTextStream>
#include <QTimer>
#include <pwd.h>
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
        err << QCoreApplication::translate("ServeCommands", "--db FILE (or postgresql://…) is required") << "\n";
        return { 2 };
    }
    return {};
}

// Password rules (docs/SECURITY.md § Accounts and passwords); "" when the password passes.
QString passwordPolicyProblem(const QString& password, const QStringList& userNames)
{
    const qsizetype length = password.toUcs4().size();
    if (length < 10)
        return QCoreApplication::translate("ServeCommands", "The password is too short: it needs at least 10 characters (it has %1)").arg(length);
    if (password.size() > 256)
        return QCoreApplication::translate("ServeCommands", "The password is too long: a login carries at most 256 characters");
    bool lower = false, upper = false, digit = false, other = false;
    for (const uint c : password.toUcs4()) {
        if (QChar::isLower(c))
            lower = true;
        else if (QChar::isUpper(c))
            upper = true;
        else if (QChar::isDigit(c))
            digit = true;
        else
            other = true;
    }
    if (int(lower) + int(upper) + int(digit) + int(other) < 3)
        return QCoreApplication::translate("ServeCommands", "The password is too simple: it needs at least three of lower-case letters, upper-case letters, digits and other characters");
    for (const QString& name : userNames)
        if (!name.isEmpty() && password.contains(name, Qt::CaseInsensitive))
            return QCoreApplication::translate("ServeCommands", "The password must not contain the user name (%1)").arg(name);
    return {};
}

// "ADDRESS:PORT" (IPv6 as [::1]:8765 or ::1:8765); false when it is not one.
bool parseHostPort(const QString& text, QHostAddress* address, quint16* port)
{
    const qsizetype colon = text.lastIndexOf(QLatin1Char(':'));
    bool portOk = false;
    const uint p = text.mid(colon + 1).toUInt(&portOk);
    QString host = text.left(colon);
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    *address = QHostAddress(host);
    *port = quint16(p);
    return colon > 0 && portOk && p <= 65535 && !address->isNull();
}

} // namespace

QString localUserName()
{
    if (const passwd* pw = ::getpwuid(::getuid()); pw && pw->pw_name && *pw->pw_name)
        return QString::fromLocal8Bit(pw->pw_name);
    return QStringLiteral("admin");
}

bool auditLocalCommand(ServerStorage& storage, const QString& action, const QString& clientId)
{
    ActionCommit c;
    c.store = false;
    c.user = localUserName();
    c.clientId = clientId;
    c.audit.at = QDateTime::currentDateTimeUtc();
    c.audit.user = c.user;
    c.audit.client = clientId;
    c.audit.action = action;
    c.audit.result = QStringLiteral("applied");
    c.audit.peer = QStringLiteral("local");
    return storage.commitAction(c) >= 0;
}

int runServeCommand(const QStringList& args)
{
    // Errors and warnings go through Qt's messages, so that under systemd the journal gets
    // their level (journallog.h); elsewhere they read the same on standard error.
    QTextStream out(stdout);
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate("ServeCommands", "Serves the sync protocol (docs/PROTOCOL.md) over WebSocket."));
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption db(QStringLiteral("db"), QCoreApplication::translate("ServeCommands", "Database to serve: a SQLite file, or a PostgreSQL URI (postgresql://…)."), QCoreApplication::translate("ServeCommands", "FILE"));
    const QCommandLineOption listen(QStringLiteral("listen"), QCoreApplication::translate("ServeCommands", "Address and port (default 127.0.0.1:8765; port 0 picks a free one)."),
        QCoreApplication::translate("ServeCommands", "ADDR:PORT"), QStringLiteral("127.0.0.1:8765"));
    const QCommandLineOption cert(QStringLiteral("tls-cert"), QCoreApplication::translate("ServeCommands", "PEM certificate: serve wss://."), QCoreApplication::translate("ServeCommands", "FILE"));
    const QCommandLineOption key(QStringLiteral("tls-key"), QCoreApplication::translate("ServeCommands", "PEM private key for --tls-cert."), QCoreApplication::translate("ServeCommands", "FILE"));
    const QCommandLineOption tokenSecs(QStringLiteral("token-lifetime"), QCoreApplication::translate("ServeCommands", "Session token lifetime in seconds (default 43200)."),
        QCoreApplication::translate("ServeCommands", "SECS"), QStringLiteral("43200"));
    const QCommandLineOption trackDays(QStringLiteral("track-days"), QCoreApplication::translate("ServeCommands", "Keep workers' tracks for replay this many days (default 30)."),
        QCoreApplication::translate("ServeCommands", "DAYS"), QStringLiteral("30"));
    const QCommandLineOption maxConnections(QStringLiteral("max-connections"),
        QCoreApplication::translate("ServeCommands", "Sessions at most; further connections are turned away at once as full (default: what the descriptor limit allows, less a reserve for files and the database's connections)."),
        QCoreApplication::translate("ServeCommands", "N"));
    const QCommandLineOption auditKey = auditKeyOption();
    const QCommandLineOption insecure(QStringLiteral("insecure"),
        QCoreApplication::translate("ServeCommands", "Serve ws:// without TLS on an address other than loopback (a trusted network only: passwords and tokens cross it in clear)."));
    const QCommandLineOption metrics(QStringLiteral("metrics"),
        QCoreApplication::translate("ServeCommands", "Serve GET /healthz and Prometheus GET /metrics over plain HTTP on this address (docs/OPERATIONS.md)."),
        QCoreApplication::translate("ServeCommands", "ADDR:PORT"));
    const QCommandLineOption config(QStringLiteral("config"),
        QCoreApplication::translate("ServeCommands", "Read settings from this file first (lines \"key = value\", keys as these options without dashes); the command line wins. "
                                                     "Without --config and --db: %1 when it exists.").arg(defaultServerConfigPath()),
        QCoreApplication::translate("ServeCommands", "FILE"));
    parser.addOptions({ db, listen, cert, key, tokenSecs, trackDays, maxConnections, auditKey, insecure, metrics, config });
    // Resource limits (docs/SECURITY.md § Resource control): name, help, default.
    struct Limit {
        QCommandLineOption option;
        int* target;
        int min, max;
    };
    ServerOptions options;
    const QString secs = QCoreApplication::translate("ServeCommands", "SECS"), n = QCoreApplication::translate("ServeCommands", "N");
    Limit limits[] = {
        { QCommandLineOption(QStringLiteral("login-timeout"), QCoreApplication::translate("ServeCommands", "Close connections that have not logged in after this many seconds (default %1).").arg(options.loginTimeoutSecs), secs),
            &options.loginTimeoutSecs, 1, 3600 },
        { QCommandLineOption(QStringLiteral("idle-timeout"), QCoreApplication::translate("ServeCommands", "Close sessions that send nothing for this many seconds (default %1; clients ping every 5).").arg(options.idleTimeoutSecs), secs),
            &options.idleTimeoutSecs, 1, 86400 },
        { QCommandLineOption(QStringLiteral("max-unauthenticated-per-address"), QCoreApplication::translate("ServeCommands", "Connections from one address not logged in yet, at most (default %1; 0: no limit).").arg(options.maxUnauthenticatedPerAddress), n),
            &options.maxUnauthenticatedPerAddress, 0, 1 << 30 },
        { QCommandLineOption(QStringLiteral("max-unauthenticated"), QCoreApplication::translate("ServeCommands", "Connections not logged in yet, at most, from all addresses (default: the sessions less those kept for desks); past it a newcomer takes the place of the oldest that has sent no login for a second, or is turned away as full."), n),
            &options.maxUnauthenticated, 1, 1 << 30 },
        { QCommandLineOption(QStringLiteral("max-snapshots"), QCoreApplication::translate("ServeCommands", "Snapshots streamed at once; more wait their turn (default %1).").arg(options.maxConcurrentSnapshots), n),
            &options.maxConcurrentSnapshots, 1, 1000 },
        { QCommandLineOption(QStringLiteral("desk-sessions"), QCoreApplication::translate("ServeCommands", "Sessions kept for the desks (every role but field workers): handhelds past the rest are sent to another instance (default %1, at most half the sessions).").arg(ServerOptions::kDefaultDeskSessions), n),
            &options.deskSessions, 0, 1 << 30 },
        { QCommandLineOption(QStringLiteral("snapshot-stall"), QCoreApplication::translate("ServeCommands", "Close a connection whose snapshot it has not read for this many seconds (default %1).").arg(options.snapshotStallSecs), secs),
            &options.snapshotStallSecs, 1, 86400 },
    };
    for (const Limit& l : limits)
        parser.addOption(l.option);

    // The configuration file's settings go first, so that the command line wins.
    std::optional<ServerConfig> configFile;
    QStringList merged = args;
    if (parser.parse(args) && !parser.isSet(help)) {
        const QString configPath = parser.isSet(config) ? parser.value(config)
            : (!parser.isSet(db) && QFileInfo::exists(defaultServerConfigPath()) ? defaultServerConfigPath() : QString());
        if (!configPath.isEmpty()) {
            QString configError;
            QStringList fromFile;
            configFile = readServerConfig(configPath, &configError);
            QList<QCommandLineOption> settable { db, listen, cert, key, tokenSecs, trackDays, maxConnections, auditKey, insecure, metrics };
            for (const Limit& l : limits)
                settable.append(l.option);
            if (!configFile || !configArguments(*configFile, settable, &fromFile, &configError)) {
                qCritical().noquote() << configError;
                return 2;
            }
            merged = args.mid(0, 1) + fromFile + args.mid(1);
        }
    }
    if (const Parsed p = parseCommon(parser, merged, help, db); p.exitCode >= 0)
        return p.exitCode;
    // A bad value names where it came from: the file's line, when the command line did not
    // give it.
    auto badValue = [&](const QCommandLineOption& option, const QString& message) {
        const QString name = option.names().constLast();
        const bool onCommandLine = std::any_of(args.cbegin() + 1, args.cend(), [&](const QString& a) {
            return a == QLatin1String("--") + name || a.startsWith(QLatin1String("--") + name + QLatin1Char('='));
        });
        const QString origin = configFile && !onCommandLine ? configFile->origin(name) : QString();
        qCritical().noquote() << (origin.isEmpty() ? message : origin + QLatin1String(": ") + name + QLatin1String(" = ") + parser.value(option) + QLatin1String(": ") + message);
        return 2;
    };

    QHostAddress address;
    quint16 port = 0;
    const QString listenText = parser.value(listen);
    if (!parseHostPort(listenText, &address, &port))
        return badValue(listen, QCoreApplication::translate("ServeCommands", "--listen must be ADDRESS:PORT, e.g. 127.0.0.1:8765, not \"%1\"").arg(listenText));
    QHostAddress metricsAddress;
    quint16 metricsPort = 0;
    if (parser.isSet(metrics) && !parseHostPort(parser.value(metrics), &metricsAddress, &metricsPort))
        return badValue(metrics, QCoreApplication::translate("ServeCommands", "--metrics must be ADDRESS:PORT, e.g. 127.0.0.1:9765, not \"%1\"").arg(parser.value(metrics)));
    if (parser.isSet(cert) != parser.isSet(key))
        return badValue(parser.isSet(cert) ? cert : key, QCoreApplication::translate("ServeCommands", "--tls-cert and --tls-key go together"));
    if (!parser.isSet(cert) && !address.isLoopback()) {
        if (!parser.isSet(insecure)) {
            qCritical().noquote() << QCoreApplication::translate("ServeCommands",
                       "Refusing to serve on %1 without TLS: passwords and session tokens would cross the network in clear. "
                       "Give --tls-cert and --tls-key, or --insecure on a trusted network.")
                       .arg(listenText);
            return 2;
        }
        qWarning().noquote() << QCoreApplication::translate("ServeCommands", "Warning: serving ws:// without TLS on %1 (--insecure): passwords and session tokens cross the network in clear.")
                   .arg(listenText);
    }
    if (parser.isSet(cert)) {
        // Checked before the database opens: a wrong file is a wrong option.
        QSslConfiguration tlsConfig;
        QString tlsError;
        if (!makeServerTlsConfiguration(parser.value(cert), parser.value(key), &tlsConfig, &tlsError))
            return badValue(cert, tlsError);
    }
    for (const Limit& l : limits) {
        if (!parser.isSet(l.option))
            continue;
        bool ok = false;
        const int value = parser.value(l.option).toInt(&ok);
        if (!ok || value < l.min || value > l.max)
            return badValue(l.option, QCoreApplication::translate("ServeCommands", "--%1 must be a number from %2 to %3").arg(l.option.names().constFirst()).arg(l.min).arg(l.max));
        *l.target = value;
    }
    options.tlsCertFile = parser.value(cert);
    options.tlsKeyFile = parser.value(key);
    bool lifeOk = false;
    options.tokenLifetimeSecs = parser.value(tokenSecs).toInt(&lifeOk);
    if (!lifeOk || options.tokenLifetimeSecs < 1)
        return badValue(tokenSecs, QCoreApplication::translate("ServeCommands", "--token-lifetime must be a positive number of seconds"));
    bool daysOk = false;
    options.trackDays = parser.value(trackDays).toInt(&daysOk);
    if (!daysOk || options.trackDays < 1 || options.trackDays > 3650)
        return badValue(trackDays, QCoreApplication::translate("ServeCommands", "--track-days must be a number of days from 1 to 3650"));
    if (parser.isSet(maxConnections)) {
        bool ok = false;
        options.maxConnections = parser.value(maxConnections).toInt(&ok);
        if (!ok || options.maxConnections < 1)
            return badValue(maxConnections, QCoreApplication::translate("ServeCommands", "--max-connections must be a positive number"));
    }
    if (!isPostgresUri(parser.value(db)) && !QFileInfo::exists(parser.value(db))) {
        badValue(db, QCoreApplication::translate("ServeCommands", "No database %1 (create one with gridhall-server demo-data)").arg(parser.value(db)));
        return 1;
    }
    QString error;
    std::unique_ptr<ServerStorage> storage = openServerStorage(parser.value(db), &error);
    if (!storage) {
        qCritical().noquote() << error;
        return 1;
    }
    // One descriptor per connected handheld: a district has thousands.
    raiseDescriptorLimit();
    // The audit chain is keyed from the start: a key that cannot be had stops the server.
    const std::optional<AuditKey> auditKeyFile = loadAuditKeyFor(parser.value(db), parser.value(auditKey), AuditKeyMode::CreateIfMissing, &error);
    QString keyWarning;
    if (!auditKeyFile || !storage->setAuditKey(*auditKeyFile, &error, &keyWarning)) {
        qCritical().noquote() << error;
        return 1;
    }
    if (!keyWarning.isEmpty())
        qWarning().noquote() << keyWarning;
    // Entries since the last checkpoint are the ones a cut of the tail could lose unseen.
    QTimer checkpoints;
    QObject::connect(&checkpoints, &QTimer::timeout, &checkpoints, [&storage] { storage->checkpointAudit(); });
    checkpoints.start(int(ServerStorage::kAuditCheckpointMs));
    if (parser.isSet(metrics)) {
        // Kept out of the connection cap: /healthz checks the database on a connection of
        // its own, and the endpoint's listener and requests are descriptors too.
        options.otherDatabaseConnections = 1;
        options.otherDescriptors = MetricsEndpoint::kDescriptors;
    }
    SyncServer server(*storage, options);
    if (!server.listen(address, quint16(port), &error)) {
        qCritical().noquote() << QCoreApplication::translate("ServeCommands", "Cannot listen on %1: %2").arg(listenText, error);
        return 1;
    }
    std::unique_ptr<MetricsEndpoint> metricsEndpoint;
    if (parser.isSet(metrics)) {
        metricsEndpoint = std::make_unique<MetricsEndpoint>(server, *storage, parser.value(db));
        const quint16 bound = metricsEndpoint->listen(metricsAddress, metricsPort, &error);
        if (bound == 0) {
            qCritical().noquote() << QCoreApplication::translate("ServeCommands", "Cannot serve metrics on %1: %2").arg(parser.value(metrics), error);
            return 1;
        }
        out << "metrics on " << metricsAddress.toString() << ":" << bound << Qt::endl;
    }
    // SIGTERM, SIGINT and SIGHUP stop the server cleanly: actions in flight finish, sessions
    // are closed with 1001, then the event loop ends and the database closes (exit 0).
    onStopSignals(&server, [&server] {
        notifyServiceManager("STOPPING=1");
        server.shutdown([] { QCoreApplication::quit(); });
    });
    out << "listening on " << address.toString() << ":" << server.port() << Qt::endl;
    out << "sessions: at most " << server.maxConnections() << ", " << server.deskSessions() << " of them kept for desks, "
        << server.maxUnauthenticated() << " for connections not logged in yet" << Qt::endl;
    // Under systemd (deploy/gridhall-server.service, Type=notify): ready once listening, and
    // alive as long as the event loop turns.
    notifyServiceManager("READY=1");
    startServiceWatchdog(&server);
    return QCoreApplication::exec();
}

int runAddUserCommand(const QStringList& args)
{
    QTextStream out(stdout), err(stderr);
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate("ServeCommands", "Adds, replaces or changes a user. A new password is read from the first line of standard input; it "
                                        "needs at least 10 characters, three of lower case, upper case, digits and other characters, and "
                                        "must not contain the user name. Every change but --enable ends the user's sessions (revokes "
                                        "its tokens) and is written to the audit log."));
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption db(QStringLiteral("db"), QCoreApplication::translate("ServeCommands", "Server database."), QCoreApplication::translate("ServeCommands", "FILE"));
    const QCommandLineOption user(QStringLiteral("user"), QCoreApplication::translate("ServeCommands", "User name."), QCoreApplication::translate("ServeCommands", "NAME"));
    const QCommandLineOption role(QStringLiteral("role"),
        QCoreApplication::translate("ServeCommands", "Adds the user, or replaces it (password, role, scope): district_operator, street_operator, supervisor, shift_leader, leader or field_worker."), QCoreApplication::translate("ServeCommands", "ROLE"));
    const QCommandLineOption street(QStringLiteral("street"), QCoreApplication::translate("ServeCommands", "Street code the user is scoped to."), QCoreApplication::translate("ServeCommands", "CODE"));
    const QCommandLineOption worker(QStringLiteral("worker"), QCoreApplication::translate("ServeCommands", "Worker code a field worker acts as (default: the user name)."), QCoreApplication::translate("ServeCommands", "CODE"));
    const QCommandLineOption iterations(QStringLiteral("iterations"), QCoreApplication::translate("ServeCommands", "PBKDF2-SHA256 iterations of a new password (default 600000, at least 1000)."), QCoreApplication::translate("ServeCommands", "N"),
        QStringLiteral("600000"));
    const QCommandLineOption allWorkers(QStringLiteral("all-workers"),
        QCoreApplication::translate("ServeCommands", "Make every worker a field_worker user named by its worker code, all with this password (simulator, demo)."));
    const QCommandLineOption resetPassword(QStringLiteral("reset-password"), QCoreApplication::translate("ServeCommands", "Give an existing user a new password (from standard input); role and scope stay."));
    const QCommandLineOption disable(QStringLiteral("disable"), QCoreApplication::translate("ServeCommands", "The user can no longer log in."));
    const QCommandLineOption enable(QStringLiteral("enable"), QCoreApplication::translate("ServeCommands", "A disabled user can log in again."));
    const QCommandLineOption auditKey = auditKeyOption();
    parser.addOptions({ db, user, role, street, worker, iterations, allWorkers, resetPassword, disable, enable, auditKey });
    if (const Parsed p = parseCommon(parser, args, help, db); p.exitCode >= 0)
        return p.exitCode;
    auto usageError = [&err](const QString& message) {
        err << message << "\n";
        return 2;
    };
    const bool all = parser.isSet(allWorkers), reset = parser.isSet(resetPassword);
    const bool replace = parser.isSet(role) || all; // a whole new record, password included
    if (parser.isSet(disable) && parser.isSet(enable))
        return usageError(QCoreApplication::translate("ServeCommands", "--disable and --enable contradict each other"));
    if (all && (reset || parser.isSet(disable) || parser.isSet(enable)))
        return usageError(QCoreApplication::translate("ServeCommands", "--all-workers takes no --reset-password, --disable or --enable"));
    if (reset && parser.isSet(role))
        return usageError(QCoreApplication::translate("ServeCommands", "--reset-password keeps the user's role and scope: give no --role (add-user --role replaces the user)"));
    if (!replace && !reset && !parser.isSet(disable) && !parser.isSet(enable))
        return usageError(QCoreApplication::translate("ServeCommands", "--role ROLE adds or replaces a user; --reset-password, --disable or --enable change an existing one"));
    if (!replace && (parser.isSet(street) || parser.isSet(worker)))
        return usageError(QCoreApplication::translate("ServeCommands", "--street and --worker go with --role"));
    UserRole r = UserRole::FieldWorker;
    if (parser.isSet(role) && !userRoleFromKey(parser.value(role), &r))
        return usageError(QCoreApplication::translate("ServeCommands", "--role must be one of district_operator, street_operator, supervisor, shift_leader, leader, field_worker"));
    const QString name = parser.value(user);
    if (all && (r != UserRole::FieldWorker || !name.isEmpty()))
        return usageError(QCoreApplication::translate("ServeCommands", "--all-workers makes field_worker users and takes no --user"));
    if (!all && (name.isEmpty() || name.size() > 64))
        return usageError(QCoreApplication::translate("ServeCommands", "--user NAME is required (at most 64 characters)"));
    AreaLevel level;
    const QString streetCode = parser.value(street);
    if (!streetCode.isEmpty() && (!areacode::levelOf(streetCode, &level) || level != AreaLevel::Street))
        return usageError(QCoreApplication::translate("ServeCommands", "--street must be a 9-digit street code, not \"%1\"").arg(streetCode));
    if (parser.isSet(role) && (r == UserRole::StreetOperator || r == UserRole::Supervisor) && streetCode.isEmpty())
        return usageError(QCoreApplication::translate("ServeCommands", "A %1 needs --street").arg(userRoleKey(r)));
    bool itOk = false;
    const int iterationCount = parser.value(iterations).toInt(&itOk);
    if (!itOk || iterationCount < 1000 || iterationCount > 10000000)
        return usageError(QCoreApplication::translate("ServeCommands", "--iterations must be from 1000 to 10000000"));
    QString password;
    if (replace || reset) {
        password = QTextStream(stdin).readLine();
        if (password.isEmpty())
            return usageError(QCoreApplication::translate("ServeCommands", "No password on standard input"));
        // The user name rule needs the workers' codes: checked once the database is open.
        if (const QString problem = passwordPolicyProblem(password, all ? QStringList() : QStringList { name }); !problem.isEmpty())
            return usageError(problem);
    }

    QString error;
    std::unique_ptr<ServerStorage> storage = openServerStorage(parser.value(db), &error);
    if (!storage) {
        err << error << "\n";
        return 1;
    }
    // Entries keyed like the server's, so verify-audit checks them too.
    const std::optional<AuditKey> key = loadAuditKeyFor(parser.value(db), parser.value(auditKey), AuditKeyMode::CreateIfMissing, &error);
    QString keyWarning;
    if (!key || !storage->setAuditKey(*key, &error, &keyWarning)) {
        err << error << "\n";
        return 1;
    }
    if (!keyWarning.isEmpty())
        err << keyWarning << "\n";
    auto audit = [&](const QString& action, const QString& target) {
        if (auditLocalCommand(*storage, action, QStringLiteral("add-user:") + target))
            return true;
        err << QCoreApplication::translate("ServeCommands", "The change is saved but its audit entry is not: %1").arg(storage->lastError()) << "\n";
        return false;
    };

    if (all) {
        const QList<Worker> workers = storage->workers();
        QStringList codes;
        for (const Worker& w : workers)
            codes.append(w.code);
        if (const QString problem = passwordPolicyProblem(password, codes); !problem.isEmpty())
            return usageError(problem);
        bool ok = storage->beginTransaction();
        for (const Worker& w : workers) {
            UserRecord u = makeUser(w.code, UserRole::FieldWorker, {}, w.code, password.toUtf8(), iterationCount);
            const std::optional<UserRecord> before = ok ? storage->user(w.code) : std::nullopt;
            if (before) {
                u.disabled = before->disabled;
                ok = storage->revokeTokensOf(w.code); // a new password
            }
            ok = ok && !u.hash.isEmpty() && storage->putUser(u);
        }
        ok = ok && storage->commitTransaction();
        if (!ok) {
            storage->rollbackTransaction();
            err << storage->lastError() << "\n";
            return 1;
        }
        if (!audit(QStringLiteral("user_add"), QStringLiteral("--all-workers")))
            return 1;
        out << QCoreApplication::translate("ServeCommands", "%1 field worker users saved").arg(workers.size()) << "\n";
        return 0;
    }

    const std::optional<UserRecord> before = storage->user(name);
    if (!replace && !before) {
        err << QCoreApplication::translate("ServeCommands", "No user %1 in %2").arg(name, parser.value(db)) << "\n";
        return 1;
    }
    UserRecord u;
    QStringList actions;
    if (replace) {
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
        u = makeUser(name, r, streetCode, workerCode, password.toUtf8(), iterationCount);
        u.disabled = before && before->disabled; // replacing a user does not enable it
        actions.append(before ? QStringLiteral("user_change") : QStringLiteral("user_add"));
    } else {
        u = *before;
        if (reset) {
            const UserRecord fresh = makeUser(name, u.role, u.street, u.worker, password.toUtf8(), iterationCount);
            u.salt = fresh.salt;
            u.hash = fresh.hash;
            u.iterations = fresh.iterations;
            actions.append(QStringLiteral("user_password"));
        }
    }
    if (u.hash.isEmpty()) {
        err << QCoreApplication::translate("ServeCommands", "The password could not be hashed") << "\n";
        return 1;
    }
    if (parser.isSet(disable)) {
        u.disabled = true;
        actions.append(QStringLiteral("user_disable"));
    } else if (parser.isSet(enable)) {
        u.disabled = false;
        actions.append(QStringLiteral("user_enable"));
    }
    // Only enabling leaves the sessions: a new password, role, scope or a disabled user
    // must not go on under the old tokens.
    const bool revoke = before && (replace || reset || u.disabled);
    bool ok = storage->beginTransaction() && storage->putUser(u) && (!revoke || storage->revokeTokensOf(name));
    ok = ok && storage->commitTransaction();
    if (!ok) {
        storage->rollbackTransaction();
        err << storage->lastError() << "\n";
        return 1;
    }
    for (const QString& action : std::as_const(actions))
        if (!audit(action, name))
            return 1;
    if (replace)
        out << QCoreApplication::translate("ServeCommands", "User %1 saved as %2").arg(name, userRoleKey(r)) << "\n";
    else if (reset)
        out << QCoreApplication::translate("ServeCommands", "New password of %1 saved").arg(name) << "\n";
    if (parser.isSet(disable))
        out << QCoreApplication::translate("ServeCommands", "User %1 is disabled").arg(name) << "\n";
    else if (parser.isSet(enable))
        out << QCoreApplication::translate("ServeCommands", "User %1 is enabled").arg(name) << "\n";
    if (revoke)
        out << QCoreApplication::translate("ServeCommands", "Sessions of %1 ended (its tokens are revoked)").arg(name) << "\n";
    return 0;
}

int runVerifyAuditCommand(const QStringList& args)
{
    QTextStream out(stdout), err(stderr);
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate("ServeCommands",
        "Checks the whole audit log: its hash chain, the keyed hashes (with the audit key) and the signed checkpoints; lists every broken entry."));
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption db(QStringLiteral("db"), QCoreApplication::translate("ServeCommands", "Server database."), QCoreApplication::translate("ServeCommands", "FILE"));
    const QCommandLineOption auditKey = auditKeyOption();
    parser.addOptions({ db, auditKey });
    if (const Parsed p = parseCommon(parser, args, help, db); p.exitCode >= 0)
        return p.exitCode;
    QString error;
    std::unique_ptr<ServerStorage> storage = openServerStorage(parser.value(db), &error, true);
    if (!storage) {
        err << error << "\n";
        return 1;
    }
    // Checking never makes a key: a missing one is reported, and unkeyed entries are
    // still checked.
    QString keyError;
    // A backup's own checkpoints (FILE.checkpoints) stand in for the key's.
    const std::optional<AuditKey> key = auditKeyForChecking(parser.value(db), parser.value(auditKey), &keyError);
    const AuditVerification v = storage->verifyAudit(key ? &*key : nullptr);
    out << QCoreApplication::translate("ServeCommands", "audit log: %1 entries, %2 keyed and checked, %3 unkeyed (SHA-256, from before keying), %4 not checked")
               .arg(v.entries).arg(v.keyed).arg(v.unkeyed).arg(v.unchecked)
        << "\n";
    if (key) {
        out << (v.newestCheckpoint >= 0
                       ? QCoreApplication::translate("ServeCommands", "checkpoints: %1 compared, the newest signs entry %2").arg(v.checkpoints).arg(v.newestCheckpoint)
                       : QCoreApplication::translate("ServeCommands", "checkpoints: none"))
            << "\n";
    }
    if (!key)
        out << QCoreApplication::translate("ServeCommands", "cannot check the keys: %1").arg(keyError) << "\n";
    if (!v.keyNote.isEmpty())
        out << (v.unchecked ? QCoreApplication::translate("ServeCommands", "cannot check the keys: %1") : QCoreApplication::translate("ServeCommands", "note: %1")).arg(v.keyNote)
            << "\n";
    if (v.problemCount > 0) {
        out << QCoreApplication::translate("ServeCommands", "audit broken: problems found: %1").arg(v.problemCount) << "\n";
        for (const QString& p : v.problems)
            out << "  " << p << "\n";
        if (v.problemCount > v.problems.size())
            out << "  " << QCoreApplication::translate("ServeCommands", "… and %1 more").arg(v.problemCount - v.problems.size()) << "\n";
        return 1;
    }
    if (v.unchecked > 0) {
        out << QCoreApplication::translate("ServeCommands", "audit not verified: %1 keyed entries could not be checked").arg(v.unchecked) << "\n";
        return 1;
    }
    out << QCoreApplication::translate("ServeCommands", "audit intact: %1 entries").arg(v.entries) << "\n";
    return 0;
}

} // namespace gridhall
