// gridhall: the desktop app (workstation window; demo mode; screenshots for checks).

#include "app/eventloop/stopsignals.h"
#include "app/desktop/demolauncher.h"
#include "app/desktop/heatmapcommand.h"
#include "app/desktop/livesync.h"
#include "app/desktop/mainwindow.h"
#include "app/desktop/reportcommand.h"
#include "app/desktop/serverlogin.h"
#include "app/desktop/startuptrace.h"
#include "app/desktop/wallmode.h"
#include "maps/tilesource.h"
#include "models/store/store.h"
#include "models/store/storeservice.h"
#include "translations/translator.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QMessageBox>
#include <QScreen>
#include <QSettings>
#include <QTimer>
#include <cstdio>
#include <functional>
#include <memory>
#include <optional>

using namespace gridhall;

namespace {

struct Options {
    QString db;
    bool demo = false;
    QString screenshot;
    QSize size;
    QString theme;
    int workers = 300;
    bool wall = false;
    QString layout;
    bool wallDrill = false;
    QStringList replay; // worker codes
    ServerLogin login; // valid(): sync with the hall's server
    std::optional<TileSourceSpec> tiles; // --tiles
};

// Parses the options; on a bad one prints the reason and returns false.
bool parseOptions(const QStringList& arguments, Options* options, QString* error)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("Main", "GridHall command-hall workstation."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dbOption(QStringLiteral("db"),
        QCoreApplication::translate("Main", "Local store (SQLite file) to open."),
        QStringLiteral("FILE"));
    const QCommandLineOption demoOption(QStringLiteral("demo"),
        QCoreApplication::translate("Main", "Run on the demo district (created on first use)."));
    const QCommandLineOption langOption(QStringLiteral("lang"),
        QCoreApplication::translate("Main", "User interface language: zh_CN or en."),
        QStringLiteral("LANG"));
    const QCommandLineOption shotOption(QStringLiteral("screenshot"),
        QCoreApplication::translate("Main", "Save the window to FILE once data has settled, then quit."),
        QStringLiteral("FILE"));
    const QCommandLineOption sizeOption(QStringLiteral("size"),
        QCoreApplication::translate("Main", "Window size in pixels, e.g. 1920x1080."),
        QStringLiteral("WxH"));
    const QCommandLineOption themeOption(QStringLiteral("theme"),
        QCoreApplication::translate("Main", "Colour theme: light or dark."), QStringLiteral("THEME"));
    const QCommandLineOption workersOption(QStringLiteral("demo-workers"),
        QCoreApplication::translate("Main", "Simulated field workers in the demo (default 300)."),
        QStringLiteral("N"), QStringLiteral("300"));
    const QCommandLineOption wallOption(QStringLiteral("wall"),
        QCoreApplication::translate("Main", "Wall mode: one full-screen window per screen, for the command hall's video wall."));
    const QCommandLineOption layoutOption(QStringLiteral("layout"),
        QCoreApplication::translate("Main", "Wall layout (JSON): which screen shows which views, and for how long."),
        QStringLiteral("FILE"));
    const QCommandLineOption drillOption(QStringLiteral("wall-drill"),
        QCoreApplication::translate("Main", "Wall drill: raise an alert for the newest open red dispute once data is shown."));
    parser.addOptions({ dbOption, demoOption, langOption, shotOption, sizeOption, themeOption, workersOption });
    const QCommandLineOption replayOption(QStringLiteral("replay"),
        QCoreApplication::translate("Main", "Replay the recorded tracks of these workers (codes, comma-separated) over the last 8 hours."),
        QStringLiteral("CODES"));
    parser.addOptions({ wallOption, layoutOption, drillOption, replayOption });
    const QCommandLineOption serverOption(QStringLiteral("server"),
        QCoreApplication::translate("Main", "The hall's GridHall server, e.g. wss://gridhall.example.gov.cn:8443, or several instances of it separated by commas, tried in turn (remembered for next time)."),
        QStringLiteral("URL[,URL…]"));
    const QCommandLineOption userOption(QStringLiteral("user"),
        QCoreApplication::translate("Main", "User name on the server."), QStringLiteral("NAME"));
    const QCommandLineOption passwordFileOption(QStringLiteral("password-file"),
        QCoreApplication::translate("Main", "Read the password from the first line of FILE (walls and scripts; the workstation asks otherwise)."),
        QStringLiteral("FILE"));
    const QCommandLineOption caOption(QStringLiteral("ca"),
        QCoreApplication::translate("Main", "PEM certificates to trust for a wss:// server (the hall's own CA)."),
        QStringLiteral("FILE"));
    parser.addOptions({ serverOption, userOption, passwordFileOption, caOption });
    const QCommandLineOption tilesOption(QStringLiteral("tiles"),
        QCoreApplication::translate("Main", "Raster tiles under the map, from a tile source file (JSON: an XYZ URL, an MBTiles file or a GeoTIFF, with its datum)."),
        QStringLiteral("FILE"));
    parser.addOption(tilesOption);
    parser.process(arguments); // --help and --version exit here

    if (!parser.positionalArguments().isEmpty()) {
        *error = QCoreApplication::translate("Main", "Unexpected argument: %1")
                     .arg(parser.positionalArguments().first());
        return false;
    }
    options->db = parser.value(dbOption);
    options->demo = parser.isSet(demoOption);
    options->screenshot = parser.value(shotOption);
    options->theme = parser.value(themeOption);
    options->wall = parser.isSet(wallOption);
    options->layout = parser.value(layoutOption);
    options->wallDrill = parser.isSet(drillOption);
    options->replay = parser.value(replayOption).split(QLatin1Char(','), Qt::SkipEmptyParts);
    if (parser.isSet(replayOption) && options->replay.isEmpty()) {
        *error = QCoreApplication::translate("Main", "--replay needs worker codes, e.g. --replay GW0001,GW0002");
        return false;
    }
    if (!options->replay.isEmpty() && options->wall) {
        *error = QCoreApplication::translate("Main", "--replay is for the workstation, not --wall");
        return false;
    }
    // The wall takes its size from its screens and is always dark: say so rather than ignore.
    if (options->wall && (parser.isSet(sizeOption) || parser.isSet(themeOption))) {
        *error = QCoreApplication::translate("Main", "--size and --theme are for the workstation; the wall fills its screens in its dark theme (a layout file sets the viewing distance)");
        return false;
    }
    if ((!options->layout.isEmpty() || options->wallDrill) && !options->wall) {
        *error = QCoreApplication::translate("Main", "--layout and --wall-drill need --wall");
        return false;
    }
    if (!options->theme.isEmpty() && options->theme != QLatin1String("light")
        && options->theme != QLatin1String("dark")) {
        *error = QCoreApplication::translate("Main", "--theme must be light or dark, not %1").arg(options->theme);
        return false;
    }
    bool workersOk = false;
    options->workers = parser.value(workersOption).toInt(&workersOk);
    if (!workersOk || options->workers < 0 || options->workers > 20000) {
        *error = QCoreApplication::translate("Main", "--demo-workers must be a number from 0 to 20000");
        return false;
    }
    if (parser.isSet(sizeOption)) {
        const QStringList wh = parser.value(sizeOption).split(QLatin1Char('x'));
        bool okW = false, okH = false;
        const int w = wh.value(0).toInt(&okW), h = wh.value(1).toInt(&okH);
        if (wh.size() != 2 || !okW || !okH || w < 320 || h < 240 || w > 16384 || h > 16384) {
            *error = QCoreApplication::translate("Main", "--size must look like 1920x1080 (between 320x240 and 16384x16384)");
            return false;
        }
        options->size = QSize(w, h);
    }
    if (parser.isSet(langOption)) {
        const QString lang = parser.value(langOption);
        if (!installLanguage(lang)) {
            *error = QCoreApplication::translate("Main", "Unknown language %1; available: %2")
                         .arg(lang, availableLanguages().join(QStringLiteral(", ")));
            return false;
        }
    }
    if (parser.isSet(tilesOption)) {
        if (options->wall) {
            *error = QCoreApplication::translate("Main", "--tiles is for the workstation");
            return false;
        }
        QString why;
        options->tiles = TileSourceSpec::fromFile(parser.value(tilesOption), &why);
        if (!options->tiles) {
            *error = QStringLiteral("--tiles: ") + why;
            return false;
        }
    }
    const bool serverGiven = parser.isSet(serverOption);
    if (!serverGiven && (parser.isSet(userOption) || parser.isSet(passwordFileOption) || parser.isSet(caOption))) {
        *error = QCoreApplication::translate("Main", "--user, --password-file and --ca go with --server");
        return false;
    }
    if (serverGiven && options->demo) {
        *error = QCoreApplication::translate("Main", "--demo runs its own server; leave out --server");
        return false;
    }
    // Nobody to type a password: a wall, or a run that only takes a screenshot.
    const bool unattended = options->wall || !options->screenshot.isEmpty();
    QString server = parser.value(serverOption);
    QString user = parser.value(userOption);
    if (!serverGiven && options->db.isEmpty() && !options->demo && !unattended) {
        // An operator starting GridHall again: the server and user of last time.
        const QSettings settings;
        server = settings.value(QStringLiteral("sync/server")).toString();
        user = settings.value(QStringLiteral("sync/user")).toString();
    }
    if (!server.isEmpty()) {
        if (!prepareServerLogin(server, user, parser.value(passwordFileOption), parser.value(caOption), &options->login, error))
            return false;
        if (unattended && (options->login.user.isEmpty() || options->login.password.isEmpty())) {
            *error = QCoreApplication::translate("Main", "--server here needs --user and --password-file: %1 shows no login dialog")
                         .arg(options->wall ? QStringLiteral("--wall") : QStringLiteral("--screenshot"));
            return false;
        }
        return true;
    }
    if (options->db.isEmpty() && !options->demo) {
        *error = QCoreApplication::translate("Main", "Give --server URL (the hall's server), --db FILE (a local store) or --demo (the demo district).");
        return false;
    }
    return true;
}

} // namespace

int main(int argc, char** argv)
{
    // Subcommands run without a display, for scheduled jobs and GIS analysts.
    if (argc > 1 && qstrcmp(argv[1], "heatmap") == 0) {
        QCoreApplication app(argc, argv);
        QCoreApplication::setApplicationName(QStringLiteral("GridHall"));
        installLanguage(defaultLanguage());
        QStringList args = QCoreApplication::arguments();
        args.removeAt(1);
        args[0] = QStringLiteral("gridhall heatmap");
        return runHeatmapCommand(args);
    }
    if (argc > 1 && qstrcmp(argv[1], "report") == 0) {
        // The charts are Qt Charts scene items and need a QApplication; without a display
        // (cron, a server) it runs on the offscreen platform.
        if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")
            && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        QApplication app(argc, argv);
        QCoreApplication::setApplicationName(QStringLiteral("GridHall"));
        installLanguage(defaultLanguage());
        QStringList args = QCoreApplication::arguments();
        args.removeAt(1);
        args[0] = QStringLiteral("gridhall report");
        return runReportCommand(args);
    }

    // --help and --version print and quit: no display needed (an IT office reads them over ssh).
    for (int i = 1; i < argc; ++i)
        for (const char* flag : { "-h", "--help", "--help-all", "-v", "--version" })
            if (qstrcmp(argv[i], flag) == 0 && qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")
                && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
                qputenv("QT_QPA_PLATFORM", "offscreen");
    startup::TracingApplication app(argc, argv);
    startup::begin();
    QCoreApplication::setApplicationName(QStringLiteral("GridHall"));
    QCoreApplication::setOrganizationName(QStringLiteral("GridHall"));
    QCoreApplication::setApplicationVersion(QStringLiteral(GRIDHALL_VERSION));
    // Desktops find the packaged entry and icon by it (deploy/org.gridhall.GridHall.desktop).
    QGuiApplication::setDesktopFileName(QStringLiteral("org.gridhall.GridHall"));
    // A stop signal ends the event loop, so the demo's server and simulator are stopped and
    // the replica is closed on the way out.
    onStopSignals(&app, [] { QCoreApplication::quit(); });
    installLanguage(QSettings().value(QStringLiteral("ui/language"), defaultLanguage()).toString());

    Options options;
    QString error;
    if (!parseOptions(QCoreApplication::arguments(), &options, &error)) {
        std::fprintf(stderr, "gridhall: %s\n", qPrintable(error));
        return 2;
    }
    if (!options.theme.isEmpty())
        QSettings().setValue(QStringLiteral("ui/theme"), options.theme);
    if (options.wall)
        return runWallMode({ .db = options.db, .demo = options.demo, .demoWorkers = options.workers,
            .screenshot = options.screenshot, .layoutFile = options.layout, .drill = options.wallDrill,
            .login = options.login });

    StoreService store;
    std::unique_ptr<MainWindow> window;
    int exitCode = 0;

    auto openStore = [&](const QString& path) {
        window = std::make_unique<MainWindow>(store, path);
        if (options.tiles)
            window->setRasterBasemap(*options.tiles);
        if (options.size.isValid())
            window->resize(options.size);
        else
            window->resize(app.primaryScreen()->availableSize() * 0.9);
        auto storeFailed = [&](const StoreStatus& status) {
            std::fprintf(stderr, "gridhall: %s\n", qPrintable(status.message));
            if (!options.screenshot.isEmpty()) {
                exitCode = 1;
                app.quit();
                return;
            }
            QMessageBox::critical(window.get(), QObject::tr("GridHall"), status.message);
        };
        QObject::connect(&store, &StoreService::opened, window.get(), [&, storeFailed](const StoreStatus& status) {
            if (!status.ok())
                storeFailed(status);
            else
                startup::mark("store open"); // the window reads it (MainWindow's own connection)
        });
        // Found by the check that runs beside the first reads (StoreService::start).
        QObject::connect(&store, &StoreService::damaged, window.get(), storeFailed);
        QObject::connect(window.get(), &MainWindow::dataSettled, window.get(), [&] {
            // The settled map painted before it is called shown: the canvas, which is what the
            // read changed; the rest of the window repaints its dirty parts as it would anyway
            // (a whole-window repaint here held the GUI thread 17-45 ms at 1920x1080).
            if (auto* canvas = window->findChild<QWidget*>(QStringLiteral("mapCanvas")))
                canvas->repaint();
            startup::mark("first full frame");
        }, Qt::SingleShotConnection);
        QObject::connect(window.get(), &MainWindow::everythingLoaded, window.get(), [] { startup::finished(); });
        // With --replay the screenshot waits for the replay, which waits for the data.
        if (!options.replay.isEmpty()) {
            QObject::connect(window.get(), &MainWindow::dataSettled, window.get(),
                [&] { window->replayWorkers(options.replay); }, Qt::SingleShotConnection);
            QObject::connect(window.get(), &MainWindow::replayLoaded, window.get(), [&](int tracks, double metres, int grids) {
                std::printf("replay: %d of %d workers, %.0f m, %d grid cells\n", tracks, int(options.replay.size()), metres, grids);
                std::fflush(stdout);
            });
        }
        if (!options.screenshot.isEmpty()) {
            auto grabSoon = [&] {
                // Let layouts and fonts settle for a frame (a replay: its flight) before grabbing.
                // Raster tiles still loading are waited for (a broken source stops being busy).
                auto grabWhenDrawn = std::make_shared<std::function<void()>>();
                *grabWhenDrawn = [&, grabWhenDrawn] {
                    if (window->rasterTilesBusy()) {
                        QTimer::singleShot(200, window.get(), *grabWhenDrawn);
                        return;
                    }
                    if (!window->grab().save(options.screenshot)) {
                        std::fprintf(stderr, "gridhall: cannot write %s\n", qPrintable(options.screenshot));
                        exitCode = 1;
                    }
                    app.quit();
                };
                QTimer::singleShot(options.replay.isEmpty() ? 300 : 1200, window.get(), *grabWhenDrawn);
            };
            if (options.replay.isEmpty()) // the queues too, which load after the map
                QObject::connect(window.get(), &MainWindow::everythingLoaded, window.get(), grabSoon);
            else
                QObject::connect(window.get(), &MainWindow::replayLoaded, window.get(), grabSoon);
        }
        window->show();
        store.start(path);
    };

    if (!options.screenshot.isEmpty()) {
        // A screenshot run must end even if the data never arrives.
        QTimer::singleShot(120'000, &app, [&] {
            std::fprintf(stderr, "gridhall: no data settled within two minutes; no screenshot saved\n");
            exitCode = 1;
            app.quit();
        });
    }

    // Declared after the store: destroyed first, so the client leaves before the store closes.
    std::unique_ptr<LiveSync> live;
    DemoLauncher demo;
    if (options.demo && options.db.isEmpty()) {
        QObject::connect(&demo, &DemoLauncher::ready, &app, [&](const QString& replica, const QUrl& server) {
            openStore(replica);
            live = std::make_unique<LiveSync>(store, server, QString::fromLatin1(DemoLauncher::kOperator),
                QString::fromLatin1(DemoLauncher::kPassword));
            window->setLiveSync(live.get());
        });
        QObject::connect(&demo, &DemoLauncher::failed, &app, [&](const QString& message) {
            std::fprintf(stderr, "gridhall: %s\n", qPrintable(message));
            if (options.screenshot.isEmpty())
                QMessageBox::critical(nullptr, QObject::tr("GridHall"), message);
            exitCode = 1;
            app.quit();
        });
        demo.start(!options.screenshot.isEmpty(), options.workers);
    } else if (options.login.valid()) {
        ServerLogin login = options.login;
        if ((login.user.isEmpty() || login.password.isEmpty()) && !askLogin(&login))
            return 0;
        // The address and user (never the password) are offered again at the next start.
        QSettings settings;
        settings.setValue(QStringLiteral("sync/server"), login.serversText());
        settings.setValue(QStringLiteral("sync/user"), login.user);
        openStore(options.db.isEmpty() ? defaultReplicaPath(login.servers, login.user) : options.db);
        live = std::make_unique<LiveSync>(store, login.servers, login.user, login.password, login.trusted);
        window->setLiveSync(live.get());
        // A refused login: a screenshot run ends with the reason; an operator is asked again.
        QObject::connect(live.get(), &LiveSync::statusChanged, window.get(), [&, login](const SyncStatus& st) mutable {
            if (!st.loginRefused)
                return;
            std::fprintf(stderr, "gridhall: %s: %s\n", qPrintable(login.serversText()), qPrintable(st.lastError));
            if (!options.screenshot.isEmpty()) {
                exitCode = 1;
                app.quit();
                return;
            }
            // The same server and user: their replica is open; another user means a restart.
            QTimer::singleShot(0, window.get(), [&, login, reason = st.lastError]() mutable {
                if (askLogin(&login, window.get(), QObject::tr("The server refused the login: %1").arg(reason), true))
                    live->logInAgain(login.user, login.password);
            });
        });
    } else {
        openStore(options.db);
    }
    const int rc = app.exec();
    return exitCode ? exitCode : rc;
}
