#pragma once
// The workstation window. For now: the area hierarchy and the district overview, loaded
// from the local store on the store thread; panels of the later issues dock around it.

#include "app/desktop/districtmap.h"
#include "models/store/changenotifier.h"
#include "models/domain/casemachine.h"
#include "models/domain/area.h"
#include "models/itemmodels/areatreemodel.h"
#include "widgets/overviewpanel.h"

#include <QHash>
#include <QMainWindow>
#include <QPointer>
#include <QSet>
#include <QTimer>

class QLabel;
class QActionGroup;

namespace gridhall {

struct TileSourceSpec;

class AreaTreeModel;
class AreaTreeWidget;
class CaseDesk;
class ReplayDesk;
class MapCanvas;
class MapPanel;
class OverviewPanel;
class LiveSync;
class StoreService;
struct SyncStatus;

// What the window shows of the store, gathered on the store thread in one go.
struct DistrictData {
    QList<District> districts;
    QList<Street> streets;
    QList<Community> communities;
    QList<GridCell> grids;
    QHash<QString, int> workersByGrid;
    QHash<QString, int> openCasesByGrid;
    OverviewFigures figures;
    DistrictMapData map;
    // The area dock's tree, built on the store thread; taken by the window when shown.
    std::shared_ptr<AreaTreeModel::Tree> areaTree;
    QString error; // non-empty when the store could not be read
    quint64 serial = 0; // ChangeNotifier::lastPublished() when read: later deltas are news
};

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    MainWindow(StoreService& store, const QString& storePath, QWidget* parent = nullptr);
    ~MainWindow() override;

    // Asks the store thread for the hierarchy and counts; dataSettled() follows. At start,
    // after a snapshot swap and on File ▸ Reload only: live changes come as deltas.
    void reload();
    // A delta from the replica's notifier: the map, the area tree's open counts and the
    // overview's figures move by it; nothing is read again.
    void applyChanges(const ReplicaChanges& changes);
    // How many times the window read the whole replica (tests: a live change must not).
    int fullReads() const { return m_fullReads; }
    // Shows the sync state and follows the replica as the server changes it.
    void setLiveSync(LiveSync* sync);
    // Raster tiles under the map (--tiles); a source that fails is named in the status bar
    // and on stderr, and the map goes on with its vector basemap.
    void setRasterBasemap(const TileSourceSpec& spec);
    // Raster tiles are being read or fetched (screenshots wait for them).
    bool rasterTilesBusy() const;
    bool hasData() const { return m_loaded; }
    const DistrictData& data() const { return m_data; }
    DistrictMap& districtMap() const { return *m_map; }

    // File ▸ Export dispute heatmap: asks where, then writes a GeoTIFF.
    void exportHeatmap();
    // Opens the track replay on these workers (codes) over the last 8 hours.
    void replayWorkers(const QStringList& codes);

signals:
    void dataSettled();
    // The map is settled and the case queues hold every case (they load after the map).
    void everythingLoaded();
    // A replay was loaded: tracks shown, their distance and the grid cells they crossed.
    void replayLoaded(int tracks, double metres, int grids);

protected:
    void changeEvent(QEvent* event) override;
    void closeEvent(QCloseEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    void buildMenus();
    void wireMapPanel();
    void retranslate();
    void showData(const DistrictData& data);
    void setTheme(const QString& theme);
    void emitWhenMapSettled();
    void emitIfEverythingLoaded();
    void showSyncStatus();
    void showFreshness(); // the status bar's "data as of" (or the store's error)

    StoreService& m_store;
    QString m_storePath;
    AreaTreeModel* m_areaModel = nullptr;
    AreaTreeWidget* m_areaTree = nullptr;
    OverviewPanel* m_overview = nullptr;
    CaseDesk* m_caseDesk = nullptr; // queues, dispatch, case detail, alerts
    ReplayDesk* m_replayDesk = nullptr; // track replay dock
    MapPanel* m_mapPanel = nullptr;
    MapCanvas* m_canvas = nullptr; // the panel's
    std::unique_ptr<DistrictMap> m_map;
    QDockWidget* m_areaDock = nullptr;
    QDockWidget* m_overviewDock = nullptr;
    QMenu* m_mapColourMenu = nullptr;
    QActionGroup* m_mapColourGroup = nullptr;
    QLabel* m_sourceLabel = nullptr;
    QLabel* m_freshnessLabel = nullptr;
    QMenu* m_fileMenu = nullptr;
    QMenu* m_viewMenu = nullptr;
    QMenu* m_languageMenu = nullptr;
    QMenu* m_themeMenu = nullptr;
    QAction* m_reloadAction = nullptr;
    QAction* m_showAllAction = nullptr;
    QAction* m_quitAction = nullptr;
    QActionGroup* m_languageGroup = nullptr;
    QActionGroup* m_themeGroup = nullptr;
    QPointer<LiveSync> m_sync;
    Actor m_deskActor; // as the server named it in its last welcome
    QString m_deskScope;
    DistrictData m_data;
    QList<ReplicaChanges> m_heldWhileReading; // deltas heard while a read was on its way
    QTimer m_figuresRefresh; // the overview, grid info and area tree after a run of deltas
    QSet<QString> m_areaRowsDue; // grids whose area-tree rows the next refresh updates
    bool m_reading = false;
    int m_fullReads = 0;
    bool m_loaded = false;
    bool m_mapSettled = false; // the last read is on the map
    bool m_framedDistrict = false;
    bool m_layoutRestored = false; // the operator's own dock layout came back from QSettings
    bool m_docksFitted = false;
    QDateTime m_loadedAt;
};

} // namespace gridhall
