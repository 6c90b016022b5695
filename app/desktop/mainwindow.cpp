#include "app/desktop/mainwindow.h"

#include "app/desktop/casedesk.h"
#include "app/desktop/handoverturns.h"
#include "app/desktop/livesync.h"
#include "app/desktop/replaydesk.h"
#include "app/desktop/startuptrace.h"
#include "maps/basemaplayer.h"
#include "maps/cameraslayer.h"
#include "maps/heatmapio.h"
#include "maps/labelslayer.h"
#include "maps/mapscene.h"
#include "maps/renderjob.h"
#include "models/itemmodels/areatreemodel.h"
#include "models/itemmodels/caseactions.h"
#include "models/store/changenotifier.h"
#include "models/store/store.h"
#include "models/store/storeservice.h"
#include "models/sync/protocol.h"
#include "reports/kpidashboardloader.h"
#include "reports/weeklyreportjob.h"
#include "translations/translator.h"
#include "widgets/areasearch.h"
#include "widgets/areatreewidget.h"
#include "widgets/cameraview.h"
#include "widgets/gridinfo.h"
#include "widgets/kpidashboard.h"
#include "widgets/layerswitcher.h"
#include "widgets/mapcanvas.h"
#include "widgets/maplegend.h"
#include "widgets/mappanel.h"
#include "maps/rasterbasemaplayer.h"
#include "widgets/overviewpanel.h"
#include "widgets/scrollpanel.h"
#include "widgets/playbackpanel.h"

#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPointer>
#include <QSettings>
#include <cstdio>
#include <QStandardPaths>
#include <QStatusBar>
#include <QThreadPool>
#include <QTreeView>

namespace gridhall {

namespace {
// Runs on the store thread: everything the window needs, read in one pass.
DistrictData readDistrict(Store& store)
{
    DistrictData d;
    d.districts = store.districts();
    d.streets = store.streets();
    d.communities = store.communities();
    d.grids = store.grids();
    const QList<Worker> workers = store.workers();
    for (const Worker& w : workers)
        if (!w.homeGridCode.isEmpty())
            d.workersByGrid[w.homeGridCode] += 1;
    d.map = readDistrictMap(store, QDateTime::currentDateTimeUtc());
    // The map's pass over the cases has counted them per grid already.
    for (auto it = d.map.gridStats.cbegin(); it != d.map.gridStats.cend(); ++it)
        d.openCasesByGrid.insert(it.key(), it.value().openCases);
    d.areaTree = std::make_shared<AreaTreeModel::Tree>(AreaTreeModel::buildTree(
        { d.districts, d.streets, d.communities, d.grids, d.workersByGrid, d.openCasesByGrid }));
    // The overview without a pass over every case (0.6 s at a million: reload() counts them
    // once this has gone to the window): areas and people from the lists read, open cases by
    // state from the map's pass.
    StoreCounts counts;
    counts.districts = int(d.districts.size());
    counts.streets = int(d.streets.size());
    counts.communities = int(d.communities.size());
    counts.grids = int(d.grids.size());
    counts.workers = int(workers.size());
    counts.departments = int(store.departments().size());
    for (const CaseMarker& m : d.map.openCases)
        counts.casesByState[m.state] += 1;
    d.figures = overviewFigures(d.districts, counts);
    d.figures.allCasesCounted = false;
    if (!store.lastError().isEmpty())
        d.error = store.lastError();
    return d;
}
} // namespace

MainWindow::MainWindow(StoreService& store, const QString& storePath, QWidget* parent)
    : QMainWindow(parent)
    , m_store(store)
    , m_storePath(storePath)
    , m_areaModel(new AreaTreeModel(this))
    , m_areaTree(new AreaTreeWidget(this))
    , m_overview(new OverviewPanel(this))
    , m_mapPanel(new MapPanel(this))
    , m_sourceLabel(new QLabel(this))
    , m_freshnessLabel(new QLabel(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    m_areaTree->setModel(m_areaModel);
    m_canvas = m_mapPanel->canvas();
    m_canvas->setObjectName(QStringLiteral("mapCanvas"));
    m_map = std::make_unique<DistrictMap>(*m_canvas);
    setCentralWidget(m_mapPanel);
    wireMapPanel();
    connect(m_areaTree, &AreaTreeWidget::areaActivated, this,
        [this](const QString& code) { m_map->showArea(code); });

    const auto dockFeatures = QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable
        | QDockWidget::DockWidgetClosable;
    m_areaDock = new QDockWidget(this);
    m_areaDock->setObjectName(QStringLiteral("areaDock"));
    m_areaDock->setWidget(m_areaTree);
    m_areaDock->setFeatures(dockFeatures);
    addDockWidget(Qt::LeftDockWidgetArea, m_areaDock);
    m_overviewDock = new QDockWidget(this);
    m_overviewDock->setObjectName(QStringLiteral("overviewDock"));
    // The overview scrolls rather than forcing a laptop-sized window taller than its screen.
    m_overviewDock->setWidget(new ScrollPanel(m_overview));
    m_overviewDock->setFeatures(dockFeatures);
    addDockWidget(Qt::RightDockWidgetArea, m_overviewDock);

    // The one change path: deltas from the replica's notifier; a snapshot swap reads all.
    ChangeNotifier& notifier = m_store.notifier();
    connect(&notifier, &ChangeNotifier::casesChanged, this, &MainWindow::applyChanges);
    connect(&notifier, &ChangeNotifier::snapshotSwapped, this, &MainWindow::reload);
    connect(&notifier, &ChangeNotifier::positionsMoved, this,
        [this](const QList<WorkerFix>& fixes) { m_map->updateWorkers(fixes); });
    m_figuresRefresh.setSingleShot(true);
    m_figuresRefresh.setInterval(0);
    connect(&m_figuresRefresh, &QTimer::timeout, this, [this] {
        // Each grid's row and the rows above it, once for a run of deltas: the district's
        // row, first in the tree, has its size measured again at each change (7.6 % of the
        // GUI thread in bench change-burst when it was once per delta).
        for (const QString& grid : std::exchange(m_areaRowsDue, {}))
            m_areaModel->setOpenCases(grid, m_data.openCasesByGrid.value(grid));
        m_overview->setFigures(m_data.figures);
        m_mapPanel->gridInfo()->refresh();
    });

    m_sourceLabel->setObjectName(QStringLiteral("syncStatusLabel"));
    statusBar()->addWidget(m_sourceLabel, 1);
    m_freshnessLabel->setObjectName(QStringLiteral("freshnessLabel"));
    statusBar()->addPermanentWidget(m_freshnessLabel);
    buildMenus();
    // Case queues, workers/departments to drag onto, case detail and alerts (issue 5).
    m_caseDesk = new CaseDesk(m_store, *this);
    // Start order: the map's read goes to the store thread first (areas, open cases, the
    // heatmap's disputes: what the first frame needs); the desk's read of every case is
    // queued behind it and goes on while the map draws.
    connect(&m_store, &StoreService::opened, this, [this](const StoreStatus& status) {
        if (!status.ok())
            return;
        reload();
        m_caseDesk->reloadAll();
        statusBar()->showMessage(tr("Loading the case queues (every case in the local data)…"));
    });
    connect(m_caseDesk, &CaseDesk::loaded, this, [this] {
        startup::mark("case queues loaded");
        statusBar()->clearMessage();
        emitIfEverythingLoaded();
    });
    m_caseDesk->dock(m_viewMenu);
    m_caseDesk->connectMap(*m_canvas, [this](QPointF pixel, const Viewport& viewport) {
        return resolveDropTarget(&m_map->workers(), &m_map->areas(), pixel, viewport);
    });
    // Track replay (issue 4): View ▸ Track replay, or a click on a worker while it is open.
    m_replayDesk = new ReplayDesk(m_store, *this, *m_map);
    // Beside the area tree, whose column has height to spare (the bottom does not at 1080 lines).
    m_replayDesk->dock(m_viewMenu, m_areaDock);
    connect(m_replayDesk, &ReplayDesk::loaded, this, [this](int tracks) {
        PlaybackPanel* panel = m_replayDesk->panel();
        emit replayLoaded(tracks, tracks ? panel->distanceMetres() : 0, tracks ? int(panel->gridsCovered().size()) : 0);
    });
    connect(m_canvas, &MapCanvas::clicked, this, [this](LonLat, QPointF pixel) {
        const bool workersShown = !m_map->isReplaying() && m_map->workers().isVisible();
        const std::optional<qint64> id = workersShown ? m_map->workers().workerNear(pixel, m_canvas->viewport()) : std::nullopt;
        if (!id && m_map->cameras().isVisible()) {
            if (const std::optional<Camera> camera = m_map->cameras().cameraAt(pixel, m_canvas->viewport())) {
                m_caseDesk->openCamera(*camera); // stills go into the case in hand
                return;
            }
        }
        if (!id) {
            // A click on a case cluster zooms in until its cases stand apart (issue 15).
            if (const auto cluster = m_map->cases().clusterAt(pixel, m_canvas->viewport()); cluster && m_map->cases().isVisible())
                m_canvas->zoomToBox(cluster->bounds, 80);
            return;
        }
        m_mapPanel->setSelectedWorker(*id);
        const std::optional<WorkerPosition> p = m_map->workers().position(*id);
        if (p && m_replayDesk->dockWidget()->isVisible())
            m_replayDesk->replay({ p->code });
        else if (p)
            statusBar()->showMessage(tr("%1 (%2) selected: Follow keeps them in view; Ctrl+Shift+R replays their track")
                                         .arg(p->name, p->code), 8000);
    });

    QSettings settings;
    setTheme(settings.value(QStringLiteral("ui/theme"), QStringLiteral("light")).toString());
    restoreGeometry(settings.value(QStringLiteral("ui/geometry")).toByteArray());
    m_layoutRestored = restoreState(settings.value(QStringLiteral("ui/state")).toByteArray());
    retranslate();
}

MainWindow::~MainWindow() = default;

void MainWindow::showEvent(QShowEvent* event)
{
    QMainWindow::showEvent(event);
    if (m_docksFitted || m_layoutRestored)
        return;
    m_docksFitted = true;
    // First start: side docks in proportion to the window, so a laptop keeps a usable map
    // and a wall-sized workstation does not get thin side panels.
    const int w = width();
    resizeDocks({ m_areaDock, m_overviewDock },
        { std::clamp(w / 5, 220, 460), std::clamp(w * 28 / 100, 300, 540) }, Qt::Horizontal);
    // The overview's figures whole when there is room; the case detail below scrolls.
    resizeDocks({ m_overviewDock }, { std::min(m_overviewDock->sizeHint().height(), height() * 45 / 100) }, Qt::Vertical);
    // The queues are the dispatcher's work list: 30 % of the height (eight rows at 1080
    // lines), not the two rows their minimum leaves under a map that takes the rest.
    if (auto* queues = findChild<QDockWidget*>(QStringLiteral("caseQueueDock")))
        resizeDocks({ queues }, { std::clamp(height() * 3 / 10, 240, 720) }, Qt::Vertical);
}

void MainWindow::wireMapPanel()
{
    m_mapPanel->setWorkersLayer(&m_map->workers());
    connect(m_mapPanel, &MapPanel::areaRequested, this, [this](const QString& code) { m_map->showArea(code); });
    GridInfo* info = m_mapPanel->gridInfo();
    info->setAreasLayer(&m_map->areas());
    info->setWorkerLookup([this](const QString& grid) { return m_map->gridWorkerName(grid); });
    LayerSwitcher* layers = m_mapPanel->layerSwitcher();
    layers->addLayer(&m_map->labels(), QT_TRANSLATE_NOOP("gridhall::LayerSwitcher", "Labels"));
    layers->addLayer(&m_map->workers(), QT_TRANSLATE_NOOP("gridhall::LayerSwitcher", "Field workers"));
    layers->addLayer(&m_map->cases(), QT_TRANSLATE_NOOP("gridhall::LayerSwitcher", "Open cases"));
    layers->addLayer(&m_map->cameras(), QT_TRANSLATE_NOOP("gridhall::LayerSwitcher", "Cameras"));
    layers->addLayer(&m_map->heat(), QT_TRANSLATE_NOOP("gridhall::LayerSwitcher", "Dispute heatmap"));
    layers->addLayer(&m_map->areas(), QT_TRANSLATE_NOOP("gridhall::LayerSwitcher", "Streets, communities and grids"));
    layers->addLayer(&m_map->basemap(), QT_TRANSLATE_NOOP("gridhall::LayerSwitcher", "Basemap"));
    // The legend explains the cameras while their layer shows some.
    const auto cameraLegend = [this] {
        m_mapPanel->legend()->setCamerasShown(m_map->cameras().isVisible() && !m_map->cameras().cameras().isEmpty());
    };
    connect(&m_map->cameras(), &MapLayer::appearanceChanged, this, cameraLegend);
    connect(&m_map->cameras(), &MapLayer::repaintRequested, this, cameraLegend);
    cameraLegend();
}

void MainWindow::buildMenus()
{
    m_fileMenu = menuBar()->addMenu(QString());
    m_reloadAction = m_fileMenu->addAction(QString(), this, &MainWindow::reload);
    m_reloadAction->setShortcut(QKeySequence::Refresh);
    // The weekly KPI report: gathered on the store thread, drawn with a progress dialog.
    QAction* report = m_fileMenu->addAction(QString(), this,
        [this] { runWeeklyReportDialog(this, m_store, currentLanguage()); });
    report->setObjectName(QStringLiteral("weeklyReportAction"));
    QAction* heatExport = m_fileMenu->addAction(QString(), this, &MainWindow::exportHeatmap);
    heatExport->setObjectName(QStringLiteral("exportHeatmapAction"));
    m_fileMenu->addSeparator();
    m_quitAction = m_fileMenu->addAction(QString(), this, &QWidget::close);
    m_quitAction->setShortcut(QKeySequence::Quit);

    m_viewMenu = menuBar()->addMenu(QString());
    // The leaders' KPI dashboard for the current week (reports/kpidashboardloader.h).
    QAction* kpi = m_viewMenu->addAction(QString(), this, [this] {
        const bool dark = QSettings().value(QStringLiteral("ui/theme")).toString() == QLatin1String("dark");
        KpiDashboard* dashboard = openKpiDashboard(
            this, m_store, currentLanguage(), dark ? ChartTheme { true, 1.2, {} } : ChartTheme::desk());
        // A click on a bar or point opens the queue on the cases it counts.
        connect(dashboard, &KpiDashboard::caseFilterRequested, m_caseDesk, &CaseDesk::showChartSelection);
    });
    kpi->setObjectName(QStringLiteral("kpiDashboardAction"));
    m_viewMenu->addAction(m_areaDock->toggleViewAction());
    m_viewMenu->addAction(m_overviewDock->toggleViewAction());
    m_showAllAction = m_viewMenu->addAction(QString(), this, [this] { m_map->showAll(); });
    m_showAllAction->setShortcut(Qt::Key_Home);

    m_mapColourMenu = m_viewMenu->addMenu(QString());
    m_mapColourGroup = new QActionGroup(this);
    for (AreaColourMode mode : { AreaColourMode::OpenCases, AreaColourMode::DisputeLevel,
             AreaColourMode::OverdueCases, AreaColourMode::None }) {
        QAction* a = m_mapColourMenu->addAction(QString());
        a->setCheckable(true);
        a->setData(int(mode));
        a->setChecked(mode == AreaColourMode::OpenCases);
        m_mapColourGroup->addAction(a);
    }
    connect(m_mapColourGroup, &QActionGroup::triggered, this, [this](QAction* a) {
        const auto mode = AreaColourMode(a->data().toInt());
        m_map->setColourMode(mode);
        m_mapPanel->legend()->setColourMode(mode);
        m_mapPanel->gridInfo()->refresh();
    });

    m_languageMenu = m_viewMenu->addMenu(QString());
    m_languageGroup = new QActionGroup(this);
    for (const QString& language : availableLanguages()) {
        // Each language names itself, so a user who cannot read the current one finds theirs.
        QAction* a = m_languageMenu->addAction(
            language == QLatin1String("zh_CN") ? QStringLiteral("中文") : QStringLiteral("English"));
        a->setCheckable(true);
        a->setData(language);
        a->setChecked(language == currentLanguage());
        m_languageGroup->addAction(a);
    }
    connect(m_languageGroup, &QActionGroup::triggered, this, [](QAction* a) {
        if (installLanguage(a->data().toString()))
            QSettings().setValue(QStringLiteral("ui/language"), a->data().toString());
    });

    m_themeMenu = m_viewMenu->addMenu(QString());
    m_themeGroup = new QActionGroup(this);
    for (const char* theme : { "light", "dark" }) {
        QAction* a = m_themeMenu->addAction(QString());
        a->setCheckable(true);
        a->setData(QString::fromLatin1(theme));
        m_themeGroup->addAction(a);
    }
    connect(m_themeGroup, &QActionGroup::triggered, this, [this](QAction* a) {
        setTheme(a->data().toString());
        QSettings().setValue(QStringLiteral("ui/theme"), a->data().toString());
    });
}

void MainWindow::setRasterBasemap(const TileSourceSpec& spec)
{
    RasterBasemapLayer* raster = m_map->setRasterBasemap(spec);
    m_mapPanel->layerSwitcher()->addLayer(raster, QT_TRANSLATE_NOOP("gridhall::LayerSwitcher", "Raster tiles"));
    connect(raster, &RasterBasemapLayer::statusChanged, this, [this, raster] {
        const auto status = raster->status();
        if (status != RasterBasemapLayer::Status::Unreachable && status != RasterBasemapLayer::Status::FileUnreadable)
            return;
        const QString text = tr("Raster tiles \"%1\": %2. The map goes on with its own basemap.")
                                 .arg(raster->spec().name, raster->statusText());
        statusBar()->showMessage(text, 15000);
        std::fprintf(stderr, "gridhall: %s\n", qPrintable(text));
    });
}

bool MainWindow::rasterTilesBusy() const
{
    const RasterBasemapLayer* raster = m_map->rasterBasemap();
    return raster && raster->isBusy();
}

void MainWindow::setLiveSync(LiveSync* sync)
{
    m_sync = sync;
    connect(sync, &LiveSync::statusChanged, this, &MainWindow::showSyncStatus);
    // The case desk follows the replica too and sends its actions through the link.
    m_caseDesk->setLiveSync(sync);
    // Track replay fetches the server's tracks through it.
    m_replayDesk->setLiveSync(sync);
    // The desk acts as the server says this login is: its role and its street scope.
    connect(sync, &LiveSync::statusChanged, this, [this](const SyncStatus& st) {
        const std::optional<Role> role = protocol::deskRoleForUserRole(st.userRole);
        if (!role)
            return;
        const Actor actor { st.user, *role };
        if (actor.name == m_deskActor.name && actor.role == m_deskActor.role && st.street == m_deskScope)
            return;
        m_deskActor = actor;
        m_deskScope = st.street;
        m_caseDesk->setActor(actor, st.street);
    });
    showSyncStatus();
}

void MainWindow::showSyncStatus()
{
    if (!m_sync) {
        m_sourceLabel->setText(tr("Local replica: %1 · not connected to a server")
                                   .arg(QFileInfo(m_storePath).fileName()));
        return;
    }
    const SyncStatus& st = m_sync->status();
    // Named by the instance it is on, since a hall may run several (--server URL1,URL2, or
    // a load balancer in front): the instance's own name once it welcomed this client.
    const bool linked = st.state == SyncState::Online || st.state == SyncState::Syncing;
    const QString where = linked && !st.instance.isEmpty() ? st.instance : st.server;
    QString text = where.isEmpty() ? tr("Server: %1").arg(syncStateDisplayName(st.state))
                                   : tr("Server: %1 · %2").arg(syncStateDisplayName(st.state), where);
    // After a failover: that it moved, from where and when.
    if (linked && st.movedAt.isValid())
        text += QStringLiteral(" · ") + tr("moved here from %1 at %2").arg(st.movedFrom, QLocale().toString(st.movedAt.toLocalTime(), QLocale::ShortFormat));
    if (st.state != SyncState::Online && st.offlineSince.isValid())
        text += QStringLiteral(" · ") + tr("offline since %1").arg(QLocale().toString(st.offlineSince.toLocalTime(), QLocale::ShortFormat));
    if (st.lastChangeAt.isValid())
        text += QStringLiteral(" · ") + tr("last change %1").arg(QLocale().toString(st.lastChangeAt.toLocalTime(), QLocale::ShortFormat));
    if (st.pendingActions > 0)
        text += QStringLiteral(" · ") + tr("%n action(s) waiting to be sent", nullptr, st.pendingActions);
    if (!st.lastError.isEmpty() && st.state != SyncState::Online)
        text += QStringLiteral(" · ") + st.lastError;
    m_sourceLabel->setText(text);
    // Live changes keep the replica current between full reads: "data as of" follows the
    // last one applied, not the start (which read as stale after hours of live work).
    if (m_loaded && m_data.error.isEmpty() && st.lastChangeAt.isValid() && st.lastChangeAt.toLocalTime() > m_loadedAt) {
        m_loadedAt = st.lastChangeAt.toLocalTime();
        showFreshness();
    }
}

void MainWindow::showFreshness()
{
    if (!m_data.error.isEmpty())
        m_freshnessLabel->setText(tr("Store error: %1").arg(m_data.error));
    else if (m_loaded)
        m_freshnessLabel->setText(tr("Data as of %1").arg(QLocale().toString(m_loadedAt, QLocale::ShortFormat)));
}

void MainWindow::setTheme(const QString& theme)
{
    const QString name = theme == QLatin1String("dark") ? theme : QStringLiteral("light");
    QFile file(QStringLiteral(":/gridhall/styles/%1.qss").arg(name));
    if (file.open(QIODevice::ReadOnly))
        qApp->setStyleSheet(QString::fromUtf8(file.readAll()));
    const MapTheme mapTheme = name == QLatin1String("dark") ? MapTheme::Wall : MapTheme::Workstation;
    m_map->setTheme(mapTheme);
    m_mapPanel->legend()->setTheme(mapTheme);
    for (QAction* a : m_themeGroup->actions())
        a->setChecked(a->data().toString() == name);
}

void MainWindow::reload()
{
    m_mapSettled = false;
    m_freshnessLabel->setText(tr("Loading…"));
    m_reading = true;
    ++m_fullReads;
    QPointer<MainWindow> self(this);
    const ChangeNotifier* notifier = &m_store.notifier();
    m_store.read([self, notifier](Store& store) {
        const quint64 serial = notifier->lastPublished(); // what this read holds
        DistrictData data = readDistrict(store);
        data.serial = serial;
        QMetaObject::invokeMethod(qApp, [self, data] {
            if (self)
                self->showData(data);
        }, Qt::QueuedConnection);
        // Every case by state, for the overview. Deltas published before this read reach the
        // window before its answer (one queue), so the counts replace figures they moved.
        const StoreCounts counts = store.counts();
        QMetaObject::invokeMethod(qApp, [self, counts] {
            if (!self)
                return;
            self->m_data.figures = overviewFigures(self->m_data.districts, counts);
            self->m_overview->setFigures(self->m_data.figures);
        }, Qt::QueuedConnection);
    });
}

// The heatmap as the map shows it, for GIS analysts: a Float32 GeoTIFF in Web Mercator,
// written off the GUI thread from a snapshot of the layer's grid.
void MainWindow::exportHeatmap()
{
    const std::shared_ptr<const HeatmapGrid> grid = m_map->heat().grid();
    if (!grid) {
        QMessageBox::information(this, tr("Export dispute heatmap"), tr("There is no heatmap yet: the district has not loaded."));
        return;
    }
    QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (folder.isEmpty())
        folder = QDir::homePath();
    const QString suggested = QDir(folder).filePath(
        QStringLiteral("disputes-%1.tif").arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmm"))));
    const QString path = QFileDialog::getSaveFileName(this, tr("Export dispute heatmap"), suggested, tr("GeoTIFF (*.tif *.tiff)"));
    if (path.isEmpty())
        return;
    statusBar()->showMessage(tr("Writing the heatmap to %1…").arg(QDir::toNativeSeparators(path)));
    QPointer<MainWindow> self(this);
    // Not Qt's global pool: the GUI thread's paints wait on that (maps/renderjob.h).
    mapRenderPool().start([self, grid, path] {
        QString error;
        const bool ok = writeHeatmapGeoTiff(*grid, webMercatorWkt(), path, &error);
        QMetaObject::invokeMethod(qApp, [self, ok, error, path] {
            if (!self)
                return;
            if (ok)
                self->statusBar()->showMessage(tr("Heatmap written to %1").arg(QDir::toNativeSeparators(path)), 10000);
            else
                QMessageBox::warning(self, tr("Export dispute heatmap"), error);
        }, Qt::QueuedConnection);
    });
}

void MainWindow::replayWorkers(const QStringList& codes)
{
    m_replayDesk->setPeriod(ReplayDesk::Period::LastEightHours);
    m_replayDesk->replay(codes);
}

void MainWindow::showData(const DistrictData& data)
{
    const bool firstLoad = !m_loaded;
    if (firstLoad)
        startup::mark("district read");
    // In two turns, each with its repaint: the map first (what the first frame needs),
    // then the area tree, overview, search and the rest. Deltas wait until the second.
    const int read = m_fullReads; // a reload() meanwhile drops the second turn
    runInTurns(this, {
        [this, data] {
            startup::Span span("window: handover of the district (map)");
            m_data = data;
            m_loaded = true;
            m_loadedAt = QDateTime::currentDateTime();
            m_map->setData(data.map);
            // The map's own from here: deltas change them without copying what the read shared.
            m_data.map.heatGrid.reset();
            m_data.map.tallies.reset();
            // A live replica starts empty: frame the district once there is one, as the wall does.
            if (!m_framedDistrict && data.map.bounds.valid) {
                m_framedDistrict = true;
                m_map->showAll();
            }
        },
        [this, firstLoad] {
            startup::Span span("window: handover of the district (areas, overview, search)");
            if (m_data.areaTree)
                m_areaModel->setTree(std::move(*m_data.areaTree));
            m_data.areaTree.reset();
            // m_data's figures: the count of every case may have come in since the first turn.
            m_overview->setFigures(m_data.figures);
            m_replayDesk->setWorkers(m_data.map.workers);
            // Rebuilding the completer while someone types would lose their text: only when areas change.
            if (firstLoad || m_mapPanel->search()->areaCount()
                    != m_data.streets.size() + m_data.communities.size() + m_data.grids.size())
                m_mapPanel->search()->setAreas(m_data.streets, m_data.communities, m_data.grids);
            m_mapPanel->gridInfo()->refresh();
            retranslate();
            m_reading = false;
            for (const ReplicaChanges& held : std::exchange(m_heldWhileReading, {}))
                applyChanges(held);
            emitWhenMapSettled();
        },
    }, [this, read] { return m_fullReads == read; });
}

void MainWindow::applyChanges(const ReplicaChanges& changes)
{
    if (m_reading || !m_loaded) {
        m_heldWhileReading.append(changes);
        return;
    }
    if (changes.serial <= m_data.serial || changes.cases.isEmpty())
        return; // in the read shown already, or events and photos only (the desk's detail)
    const QSet<QString> grids = m_map->applyCaseChanges(changes.cases, QDateTime::currentDateTimeUtc());
    for (const QString& grid : grids) {
        m_data.openCasesByGrid.insert(grid, m_map->gridStats(grid).openCases);
        m_areaRowsDue.insert(grid);
    }
    // The overview counts every case of the replica by state.
    OverviewFigures& f = m_data.figures;
    for (const CaseChange& c : changes.cases) {
        if (c.before) {
            f.casesByState[c.before->state] -= 1;
        } else {
            f.cases += 1;
        }
        f.casesByState[c.after.state] += 1;
    }
    // Once for a run of deltas (a burst queues many): the labels' relayout is the cost.
    m_figuresRefresh.start();
}

void MainWindow::emitIfEverythingLoaded()
{
    if (m_mapSettled && !m_caseDesk->isLoading())
        emit everythingLoaded();
}

void MainWindow::emitWhenMapSettled()
{
    // A live replica starts empty: wait for the first snapshot before calling it settled.
    if (m_sync && m_data.map.grids.isEmpty())
        return;
    // "Settled" means the map shows the data, not just that the rows arrived.
    if (m_map->scene().isUpToDate() && !m_map->scene().isRendering()) {
        m_mapSettled = true;
        emit dataSettled();
        emitIfEverythingLoaded();
        return;
    }
    auto connection = std::make_shared<QMetaObject::Connection>();
    *connection = connect(&m_map->scene(), &MapScene::renderFinished, this, [this, connection] {
        if (m_map->scene().isUpToDate()) {
            disconnect(*connection);
            m_mapSettled = true;
            emit dataSettled();
            emitIfEverythingLoaded();
        }
    });
}

void MainWindow::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QMainWindow::changeEvent(event);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    QSettings settings;
    settings.setValue(QStringLiteral("ui/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("ui/state"), saveState());
    event->accept();
}

void MainWindow::retranslate()
{
    const QString district = m_data.figures.districtName;
    setWindowTitle(district.isEmpty() ? tr("GridHall") : tr("GridHall — %1").arg(district));
    m_fileMenu->setTitle(tr("&File"));
    m_reloadAction->setText(tr("&Reload from the local store"));
    if (auto* report = findChild<QAction*>(QStringLiteral("weeklyReportAction")))
        report->setText(tr("&Weekly report…"));
    if (auto* heat = findChild<QAction*>(QStringLiteral("exportHeatmapAction")))
        heat->setText(tr("Export dispute &heatmap (GeoTIFF)…"));
    if (auto* kpi = findChild<QAction*>(QStringLiteral("kpiDashboardAction")))
        kpi->setText(tr("&KPI dashboard"));
    m_quitAction->setText(tr("&Quit"));
    m_viewMenu->setTitle(tr("&View"));
    m_languageMenu->setTitle(tr("&Language"));
    m_themeMenu->setTitle(tr("&Theme"));
    for (QAction* a : m_themeGroup->actions())
        a->setText(a->data().toString() == QLatin1String("dark") ? tr("Dark (wall)") : tr("Light (desk)"));
    m_replayDesk->retranslate();
    m_areaDock->setWindowTitle(tr("Areas"));
    m_overviewDock->setWindowTitle(tr("District overview"));
    m_showAllAction->setText(tr("Show the &whole district"));
    m_mapColourMenu->setTitle(tr("Colour grid cells by"));
    for (QAction* a : m_mapColourGroup->actions()) {
        switch (AreaColourMode(a->data().toInt())) {
        case AreaColourMode::OpenCases: a->setText(tr("Open cases")); break;
        case AreaColourMode::DisputeLevel: a->setText(tr("Highest open dispute level")); break;
        case AreaColourMode::OverdueCases: a->setText(tr("Overdue cases")); break;
        case AreaColourMode::None: a->setText(tr("Nothing (outlines only)")); break;
        }
    }
    showSyncStatus();
    showFreshness();
}

} // namespace gridhall
