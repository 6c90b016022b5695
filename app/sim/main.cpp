// gridhall-sim: the handheld terminals of a district, on the sync protocol.
#include "app/eventloop/descriptorlimit.h"
#include "app/eventloop/epolleventdispatcher.h"
#include "app/eventloop/stopsignals.h"
#include "app/sim/simulator.h"
#include "models/store/store.h"
#include "translations/translator.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

using namespace gridhall;

int main(int argc, char** argv)
{
    // Thousands of WebSockets: GLib's loop walks its notifier lists and poll() every socket
    // on each pass (20k handhelds reached the client at 960 fixes/s under GLib).
    installEventLoopForManySockets();
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("gridhall-sim"));
    installLanguage(defaultLanguage());
    QTextStream out(stdout), err(stderr);
    auto tr = [](const char* t) { return QCoreApplication::translate("SimMain", t); };

    QCommandLineParser parser;
    parser.setApplicationDescription(tr("Simulates a district's field workers against gridhall-server."));
    parser.addHelpOption();
    const QCommandLineOption serverOpt("server", tr("Server URL (default ws://127.0.0.1:8765/), or several instances of the hall's server separated by commas: a handheld whose link is lost comes back on the next one."), "URL[,URL…]", "ws://127.0.0.1:8765/");
    const QCommandLineOption dbOpt("db", tr("The district database (workers, grids, roads), e.g. the server's."), "FILE");
    const QCommandLineOption passwordOpt("password", tr("Password of the workers' users (add-user --all-workers)."), "PW");
    const QCommandLineOption workersOpt("workers", tr("Number of workers (default 100; 0: all)."), "N", "100");
    const QCommandLineOption speedupOpt("speedup", tr("Sim time per real time (default 1)."), "X", "1");
    const QCommandLineOption seedOpt("seed", tr("Random seed (default 1)."), "S", "1");
    const QCommandLineOption intervalOpt("interval", tr("Seconds between position reports per worker (default 5)."), "SECS", "5");
    const QCommandLineOption rateOpt("reports-per-hour", tr("New cases per worker per hour at the daily peak (default 0.2)."), "R", "0.2");
    const QCommandLineOption supervisorOpt("supervisor", tr("User that verifies fed-back cases and watches dispatches."), "USER");
    const QCommandLineOption supervisorPwOpt("supervisor-password", tr("Its password."), "PW");
    const QCommandLineOption dropoutOpt("dropout", tr("Share of position fixes lost (default 0.02)."), "P", "0.02");
    const QCommandLineOption photoOpt("photo-rate", tr("Share of feedbacks that carry a photo of the scene (default 0.8)."), "P", "0.8");
    const QCommandLineOption durationOpt("duration", tr("Stop after this many real seconds (default: run until stopped)."), "SECS", "0");
    const QCommandLineOption spreadOpt("spread", tr("Start the handhelds spread evenly over the --server instances instead of all on the first."));
    parser.addOptions({ serverOpt, dbOpt, passwordOpt, workersOpt, speedupOpt, seedOpt, intervalOpt, rateOpt,
        supervisorOpt, supervisorPwOpt, durationOpt, dropoutOpt, photoOpt, spreadOpt });
    parser.process(app);

    auto usageError = [&](const QString& message) {
        err << message << "\n";
        return 2;
    };
    SimOptions o;
    for (const QString& part : parser.value(serverOpt).split(QLatin1Char(','))) {
        const QUrl url(part.trimmed());
        if (!url.isValid() || url.host().isEmpty() || (url.scheme() != "ws" && url.scheme() != "wss"))
            return usageError(tr("--server must be a ws:// or wss:// URL, or several separated by commas"));
        o.servers.append(url);
    }
    if (parser.value(dbOpt).isEmpty())
        return usageError(tr("--db FILE is required"));
    o.password = parser.value(passwordOpt);
    o.spread = parser.isSet(spreadOpt);
    bool ok1, ok2, ok3, ok4, ok5, ok6;
    o.workers = parser.value(workersOpt).toInt(&ok1);
    o.speedup = parser.value(speedupOpt).toDouble(&ok2);
    o.seed = parser.value(seedOpt).toULongLong(&ok3);
    o.positionIntervalSecs = parser.value(intervalOpt).toDouble(&ok4);
    o.reportsPerWorkerHour = parser.value(rateOpt).toDouble(&ok5);
    o.durationSecs = parser.value(durationOpt).toInt(&ok6);
    if (!ok1 || o.workers < 0 || o.workers > 100000)
        return usageError(tr("--workers must be from 0 to 100000"));
    if (!ok2 || !(o.speedup > 0 && o.speedup <= 10000))
        return usageError(tr("--speedup must be above 0 and at most 10000"));
    if (!ok3)
        return usageError(tr("--seed must be a whole number"));
    if (!ok4 || !(o.positionIntervalSecs >= 0.1 && o.positionIntervalSecs <= 3600))
        return usageError(tr("--interval must be from 0.1 to 3600 seconds"));
    if (!ok5 || !(o.reportsPerWorkerHour >= 0 && o.reportsPerWorkerHour <= 1000))
        return usageError(tr("--reports-per-hour must be from 0 to 1000"));
    if (!ok6 || o.durationSecs < 0)
        return usageError(tr("--duration must be a whole number of seconds"));
    bool ok7;
    o.dropoutRate = parser.value(dropoutOpt).toDouble(&ok7);
    if (!ok7 || !(o.dropoutRate >= 0 && o.dropoutRate <= 1))
        return usageError(tr("--dropout must be from 0 to 1"));
    bool ok8;
    o.photoRate = parser.value(photoOpt).toDouble(&ok8);
    if (!ok8 || !(o.photoRate >= 0 && o.photoRate <= 1))
        return usageError(tr("--photo-rate must be from 0 to 1"));
    o.supervisor = parser.value(supervisorOpt);
    o.supervisorPassword = parser.value(supervisorPwOpt);

    StoreStatus status;
    std::unique_ptr<Store> store = Store::open(parser.value(dbOpt), &status);
    if (!store) {
        err << status.message << "\n";
        return 1;
    }
    QList<Worker> workers;
    for (const Worker& w : store->workers())
        if (w.kind != WorkerKind::Handler)
            workers.append(w);
    if (workers.isEmpty()) {
        err << tr("No field workers in %1").arg(parser.value(dbOpt)) << "\n";
        return 1;
    }
    // One socket per handheld, and a few for the program itself (files, event loop, pipes).
    const int handhelds = qMin(o.workers ? o.workers : int(workers.size()), int(workers.size())) + (o.supervisor.isEmpty() ? 0 : 1);
    constexpr int kOwnDescriptors = 64;
    const DescriptorLimit limit = raiseDescriptorLimit(handhelds + kOwnDescriptors);
    if (!limit.enough)
        err << QCoreApplication::translate("SimMain", "Warning: %1 handhelds need about %2 descriptors, but this process may open only %3 (the hard limit, "
                                                      "ulimit -Hn); about %4 handhelds cannot connect and keep retrying. Raise the hard limit (ulimit -Hn, "
                                                      "LimitNOFILE=) or simulate fewer workers.")
                   .arg(handhelds).arg(handhelds + kOwnDescriptors).arg(limit.soft).arg(handhelds + kOwnDescriptors - limit.soft)
            << Qt::endl;
    Simulator sim(o, workers, store->grids(), store->basemap());
    store.reset(); // everything needed is copied
    QObject::connect(&sim, &Simulator::finished, &app, [&] {
        const SimStats& s = sim.stats();
        out << tr("positions %1, reports %2, accepts %3, feedbacks %4 (%9 with a photo), verifications %5; applied %6, refused %7, unanswered %10, errors %8")
                   .arg(s.positionsSent).arg(s.reportsSent).arg(s.acceptsSent).arg(s.feedbacksSent).arg(s.verifiesSent)
                   .arg(s.applied).arg(s.refused).arg(s.errors).arg(s.photosSent).arg(s.unanswered)
            << Qt::endl;
        app.quit();
    });
    // SIGTERM, SIGINT and SIGHUP: log the handhelds out, then end as after --duration.
    onStopSignals(&sim, [&sim] { sim.stop(); });
    sim.start();
    out << tr("simulating %1 workers against %2").arg(qMin(o.workers ? o.workers : int(workers.size()), int(workers.size()))).arg(parser.value(serverOpt)) << Qt::endl;
    return app.exec();
}
