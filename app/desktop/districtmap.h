#pragma once
// The district on the map: builds the scene's layers (basemap, areas, heat, cases,
// labels) and fills them from what the store thread read. App-level wiring only: the
// layers and the canvas know nothing of the store.

#include "maps/rasterbasemaplayer.h"
#include "maps/areaslayer.h"
#include "models/domain/camera.h"
#include "maps/caseslayer.h"
#include "maps/heatlayer.h"
#include "maps/labelslayer.h"
#include "maps/maptheme.h"
#include "maps/workerslayer.h"
#include "widgets/overviewpanel.h"

#include <QObject>
#include <QSet>
#include <array>
#include <memory>

namespace gridhall {

class BasemapLayer;
class CamerasLayer;
class LabelsLayer;
class MapCanvas;
class MapScene;

struct DistrictMapTallies;

// What the map shows, gathered on the store thread.
struct DistrictMapData {
    QList<Street> streets;
    QList<Community> communities;
    QList<GridCell> grids;
    QList<BasemapFeature> basemap;
    QList<Worker> workers;
    QList<Camera> cameras;
    QList<CaseMarker> openCases;
    QList<HeatSample> openDisputes;
    QHash<QString, GridStats> gridStats;
    QHash<qint64, QString> openCaseGrids; // open case id → its grid, to move its counts on a change
    GeoBox bounds;
    // The areas' outlines, bounds and hit-test buckets, and their labels, prepared on the
    // store thread from the lists above so the GUI thread only swaps them in (every map
    // view of the same read shares them). Null: setData prepares them itself.
    AreasLayer::Shapes areaShapes;
    LabelsLayer::Prepared labels;
    // The heatmap of openDisputes over bounds, prepared the same way; whoever changes
    // openDisputes afterwards resets it.
    std::shared_ptr<HeatmapGrid> heatGrid;
    // DistrictMap's lookups (open cases by id, counts per grid, workers), prepared the same
    // way from the lists above; whoever changes those lists afterwards resets it.
    std::shared_ptr<const DistrictMapTallies> tallies;
};

class Store;
struct CaseChange;
struct StoreCounts;
struct WorkerFix;
// Reads the map's data; `now` decides which cases count as overdue.
DistrictMapData readDistrictMap(Store& store, const QDateTime& now);
// The overview panel's figures (window and wall) from the store's counts.
OverviewFigures overviewFigures(const QList<District>& districts, const StoreCounts& counts);

class DistrictMap : public QObject {
    Q_OBJECT
public:
    explicit DistrictMap(MapCanvas& canvas, QObject* parent = nullptr);
    ~DistrictMap() override;

    // What each open case adds to its grid and the heatmap, so a change takes out exactly
    // what was put in.
    struct OpenCase {
        QString grid;
        bool overdue = false;
        DisputeLevel dispute = DisputeLevel::None;
        LonLat pos;
    };
    struct GridTally {
        int open = 0, overdue = 0;
        std::array<int, 4> disputes {}; // open cases per DisputeLevel
    };
    // setData's lookups from the lists of a read, made on any thread (readDistrictMap does).
    static std::shared_ptr<const DistrictMapTallies> prepareTallies(const DistrictMapData& data);

    // Everything at once: at start and after a snapshot swap.
    void setData(const DistrictMapData& data);
    // A delta from the replica's notifier: markers, the heatmap and the grid colours of the
    // grids concerned move; nothing else is read. `now` decides what is overdue. Applying a
    // delta the last setData already held changes nothing. Returns the grids whose figures
    // changed.
    QSet<QString> applyCaseChanges(const QList<CaseChange>& changes, const QDateTime& now);
    // The open cases, overdue cases and worst dispute of a grid as the map counts them now.
    GridStats gridStats(const QString& gridCode) const;
    qsizetype openCaseCount() const { return m_open.size(); }
    void setTheme(MapTheme theme);
    void setColourMode(AreaColourMode mode);
    // Live positions from sync: markers move, trails grow, old fixes show as stale.
    void updateWorkers(const QList<WorkerFix>& fixes);
    // Frames the whole district.
    void showAll();
    void showArea(const QString& code);
    MapScene& scene() const { return *m_scene; }
    MapCanvas& canvas() const { return m_canvas; }
    AreasLayer& areas() const { return *m_areas; }
    HeatLayer& heat() const { return *m_heat; }
    CasesLayer& cases() const { return *m_cases; }
    WorkersLayer& workers() const { return *m_workers; }
    // Recorded tracks being replayed (ReplayDesk); hidden, with the live workers shown,
    // unless replaying.
    WorkersLayer& replay() const { return *m_replay; }
    void setReplaying(bool on);
    bool isReplaying() const { return m_replay->isVisible(); }
    // The worker with this code, as the replica had it at the last setData.
    std::optional<Worker> worker(const QString& code) const;
    BasemapLayer& basemap() const { return *m_basemap; }
    // Raster tiles (a city's tile server, an MBTiles file, a GeoTIFF) over the vector
    // basemap, which hides while the tiles draw and comes back if the source fails.
    RasterBasemapLayer* setRasterBasemap(const TileSourceSpec& spec);
    RasterBasemapLayer* rasterBasemap() const { return m_raster; }
    LabelsLayer& labels() const { return *m_labels; }
    CamerasLayer& cameras() const { return *m_cameras; }
    // The name of the worker whose home grid this is ("" when none).
    QString gridWorkerName(const QString& gridCode) const;

private:
    MapCanvas& m_canvas;
    std::unique_ptr<MapScene> m_scene;
    BasemapLayer* m_basemap = nullptr;
    RasterBasemapLayer* m_raster = nullptr;
    AreasLayer* m_areas = nullptr;
    HeatLayer* m_heat = nullptr;
    CasesLayer* m_cases = nullptr;
    WorkersLayer* m_workers = nullptr;
    WorkersLayer* m_replay = nullptr;
    bool m_liveWorkersWereVisible = true;
    LabelsLayer* m_labels = nullptr;
    CamerasLayer* m_cameras = nullptr;
    static void count(QHash<QString, GridTally>& tally, const OpenCase& c, int sign);
    void count(const OpenCase& c, int sign) { count(m_tally, c, sign); }
    QHash<qint64, OpenCase> m_open;
    QHash<QString, GridTally> m_tally;
    QHash<QString, Worker> m_workerByCode;
    QHash<QString, QString> m_workerNameByGrid;
    DistrictMapData m_data;
};

struct DistrictMapTallies {
    QHash<qint64, DistrictMap::OpenCase> open;
    QHash<QString, DistrictMap::GridTally> tally;
    QHash<QString, Worker> workerByCode;
    QHash<QString, QString> workerNameByGrid;
};

} // namespace gridhall
