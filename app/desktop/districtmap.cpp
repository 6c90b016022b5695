#include "app/desktop/districtmap.h"

#include "maps/cameraslayer.h"
#include "maps/basemaplayer.h"
#include "maps/heatmap.h"
#include "maps/labelslayer.h"
#include "maps/mapscene.h"
#include "models/store/changenotifier.h"
#include "models/store/store.h"
#include "models/sync/syncclient.h"
#include "widgets/mapcanvas.h"

#include <QLoggingCategory>

namespace gridhall {

Q_LOGGING_CATEGORY(lcDistrictMap, "gridhall.desk.map")

DistrictMapData readDistrictMap(Store& store, const QDateTime& now)
{
    DistrictMapData d;
    d.streets = store.streets();
    d.communities = store.communities();
    d.grids = store.grids();
    d.basemap = store.basemap();
    d.workers = store.workers();
    d.cameras = store.cameras();
    for (const Street& s : d.streets)
        d.bounds.include(s.boundary.bounds());
    for (const GridCell& g : d.grids)
        d.bounds.include(g.boundary.bounds());
    d.areaShapes = AreasLayer::prepareShapes(d.streets, d.communities, d.grids);
    d.labels = LabelsLayer::prepare(AreasLayer::labelsOf(*d.areaShapes));

    const DisputeHeatWeights weights;
    // Through the open-case index: most of a replica is closed cases, which the map never shows.
    store.forEachOpenCase([&](const Case& c) {
        const bool overdue = c.stepDeadline.isValid() && c.stepDeadline < now;
        d.openCases.append({ c.id, c.location, c.state, c.disputeLevel, overdue, true });
        d.openCaseGrids.insert(c.id, c.gridCode);
        GridStats& stats = d.gridStats[c.gridCode];
        stats.openCases += 1;
        stats.overdueCases += overdue ? 1 : 0;
        if (int(c.disputeLevel) > int(stats.highestDispute))
            stats.highestDispute = c.disputeLevel;
        if (c.disputeLevel != DisputeLevel::None)
            d.openDisputes.append({ c.location, weights.weight(c.disputeLevel) });
    });
    if (d.bounds.valid)
        d.heatGrid = HeatLayer::prepareGrid(d.bounds, d.openDisputes);
    d.tallies = DistrictMap::prepareTallies(d);
    return d;
}

OverviewFigures overviewFigures(const QList<District>& districts, const StoreCounts& counts)
{
    OverviewFigures f;
    f.districtName = districts.isEmpty() ? QString() : districts.first().name;
    f.streets = counts.streets;
    f.communities = counts.communities;
    f.grids = counts.grids;
    f.workers = counts.workers;
    f.departments = counts.departments;
    f.cases = counts.cases;
    f.casesByState = counts.casesByState;
    return f;
}

RasterBasemapLayer* DistrictMap::setRasterBasemap(const TileSourceSpec& spec)
{
    if (m_raster)
        m_scene->removeLayer(m_raster);
    m_raster = m_scene->addLayer(std::make_unique<RasterBasemapLayer>(spec));
    // Drawn before the vector basemap (same stage, added later: moved first).
    m_raster->setZOrder(m_basemap->zOrder() - 1);
    auto follow = [this] {
        const bool failed = m_raster->status() == RasterBasemapLayer::Status::Unreachable
            || m_raster->status() == RasterBasemapLayer::Status::FileUnreadable;
        m_basemap->setVisible(failed); // the map keeps its own basemap when the tiles fail
    };
    connect(m_raster, &RasterBasemapLayer::statusChanged, this, follow);
    follow();
    return m_raster;
}

DistrictMap::DistrictMap(MapCanvas& canvas, QObject* parent)
    : QObject(parent)
    , m_canvas(canvas)
    , m_scene(std::make_unique<MapScene>())
{
    m_basemap = m_scene->addLayer(std::make_unique<BasemapLayer>());
    m_areas = m_scene->addLayer(std::make_unique<AreasLayer>());
    m_heat = m_scene->addLayer(std::make_unique<HeatLayer>());
    m_cases = m_scene->addLayer(std::make_unique<CasesLayer>());
    m_cameras = m_scene->addLayer(std::make_unique<CamerasLayer>());
    m_workers = m_scene->addLayer(std::make_unique<WorkersLayer>());
    // Live markers follow the fixes at up to 10 frames a second (the fixes in between are
    // coalesced), blended over the rest of the map at paint time; the costly trails catch
    // up once a second.
    m_workers->setLive(true);
    m_workers->setFrameInterval(WorkersLayer::kLiveFrameIntervalMs);
    m_scene->addLayer(m_workers->splitTrailsLayer());
    m_replay = m_scene->addLayer(std::make_unique<WorkersLayer>());
    m_replay->setVisible(false);
    // A replay shows whole patrols: the longest trail window.
    m_replay->setTrailWindowSecs(WorkersLayer::kMaxTrailWindowSecs);
    m_labels = m_scene->addLayer(std::make_unique<LabelsLayer>());
    m_canvas.setScene(m_scene.get());
    connect(m_cases, &CasesLayer::pulsesChanged, this, [this] {
        QList<LonLat> pulses;
        for (const CaseMarker& m : m_cases->pulsingCases())
            pulses.append(m.pos);
        m_canvas.setPulses(pulses);
    });
}

DistrictMap::~DistrictMap()
{
    // The canvas keeps a pointer to the scene; let go of it before the scene goes.
    m_canvas.setScene(nullptr);
}

void DistrictMap::setData(const DistrictMapData& data)
{
    m_data = data;
    m_basemap->setFeatures(data.basemap);
    m_areas->setGridStats(data.gridStats);
    // Prepared on the store thread when the data came from readDistrictMap.
    m_areas->setShapes(data.areaShapes ? data.areaShapes
                                       : AreasLayer::prepareShapes(data.streets, data.communities, data.grids));
    m_labels->setPrepared(data.labels ? data.labels : LabelsLayer::prepare(m_areas->labels()));
    if (data.heatGrid) {
        m_heat->setGrid(data.heatGrid);
        m_data.heatGrid.reset(); // the layer's alone, so deltas change it without a copy
    } else if (data.bounds.valid) {
        m_heat->setExtent(data.bounds);
        m_heat->setSamples(data.openDisputes);
    }
    m_cases->setCases(data.openCases);
    m_cameras->setCameras(data.cameras);
    // Shared with the read (and the wall's other maps) until the first delta changes them.
    const std::shared_ptr<const DistrictMapTallies> tallies = data.tallies ? data.tallies : prepareTallies(data);
    m_data.tallies.reset();
    m_open = tallies->open;
    m_tally = tallies->tally;
    m_workerByCode = tallies->workerByCode;
    m_workerNameByGrid = tallies->workerNameByGrid;
}

std::shared_ptr<const DistrictMapTallies> DistrictMap::prepareTallies(const DistrictMapData& data)
{
    auto t = std::make_shared<DistrictMapTallies>();
    t->open.reserve(data.openCases.size());
    for (const CaseMarker& m : data.openCases) {
        const OpenCase c { data.openCaseGrids.value(m.caseId), m.overdue, m.dispute, m.pos };
        t->open.insert(m.caseId, c);
        count(t->tally, c, 1);
    }
    for (const Worker& w : data.workers) {
        t->workerByCode.insert(w.code, w);
        if (w.kind == WorkerKind::GridWorker && !w.homeGridCode.isEmpty())
            t->workerNameByGrid.insert(w.homeGridCode, w.name);
    }
    return t;
}

void DistrictMap::count(QHash<QString, GridTally>& tally, const OpenCase& c, int sign)
{
    GridTally& t = tally[c.grid];
    t.open += sign;
    t.overdue += c.overdue ? sign : 0;
    t.disputes[size_t(c.dispute)] += sign;
}

GridStats DistrictMap::gridStats(const QString& gridCode) const
{
    const GridTally t = m_tally.value(gridCode);
    GridStats s;
    s.openCases = t.open;
    s.overdueCases = t.overdue;
    for (int level = int(t.disputes.size()) - 1; level > 0; --level)
        if (t.disputes[size_t(level)] > 0) {
            s.highestDispute = DisputeLevel(level);
            break;
        }
    return s;
}

QSet<QString> DistrictMap::applyCaseChanges(const QList<CaseChange>& changes, const QDateTime& now)
{
    const DisputeHeatWeights weights;
    QSet<QString> grids;
    const bool heat = m_heat->hasExtent();
    for (const CaseChange& change : changes) {
        const Case& c = change.after;
        // A red dispute still pulsing on this map keeps pulsing while it is open, red and
        // not acknowledged.
        const std::optional<CaseMarker> shown = m_cases->marker(c.id);
        const bool pulsing = shown && !shown->acknowledged;
        if (const auto it = m_open.constFind(c.id); it != m_open.constEnd()) {
            count(*it, -1);
            grids.insert(it->grid);
            if (heat && it->dispute != DisputeLevel::None)
                m_heat->removeSample({ it->pos, weights.weight(it->dispute) });
            m_open.erase(it);
        }
        if (!isOpen(c.state)) {
            m_cases->removeCase(c.id);
            continue;
        }
        const bool overdue = c.stepDeadline.isValid() && c.stepDeadline < now;
        const OpenCase open { c.gridCode, overdue, c.disputeLevel, c.location };
        m_open.insert(c.id, open);
        count(open, 1);
        grids.insert(c.gridCode);
        if (heat && c.disputeLevel != DisputeLevel::None)
            m_heat->addSample({ c.location, weights.weight(c.disputeLevel) });
        const bool stillPulsing = pulsing && c.disputeLevel == DisputeLevel::Red && !c.alertAckedAt.isValid();
        m_cases->upsertCase({ c.id, c.location, c.state, c.disputeLevel, overdue, !stillPulsing });
    }
    // Cell by cell: a refill of every cell (and a copy of every cell's figures) per delta
    // held the GUI thread up through a burst of changes.
    for (const QString& grid : std::as_const(grids)) {
        const GridStats stats = gridStats(grid);
        m_data.gridStats.insert(grid, stats);
        m_areas->setGridStats(grid, stats);
    }
    return grids;
}

void DistrictMap::setReplaying(bool on)
{
    if (on == m_replay->isVisible())
        return;
    // Live markers would mix with the replayed ones: they step aside while it runs.
    if (on) {
        m_liveWorkersWereVisible = m_workers->isVisible();
        m_workers->setVisible(false);
    } else {
        m_workers->setVisible(m_liveWorkersWereVisible);
        m_replay->clear();
    }
    m_replay->setVisible(on);
}

std::optional<Worker> DistrictMap::worker(const QString& code) const
{
    const auto it = m_workerByCode.constFind(code);
    if (it == m_workerByCode.constEnd())
        return std::nullopt;
    return *it;
}

QString DistrictMap::gridWorkerName(const QString& gridCode) const
{
    return m_workerNameByGrid.value(gridCode);
}

void DistrictMap::updateWorkers(const QList<WorkerFix>& fixes)
{
    QList<WorkerPosition> positions;
    positions.reserve(fixes.size());
    for (const WorkerFix& fix : fixes) {
        const Worker w = m_workerByCode.value(fix.worker);
        WorkerPosition p;
        // Workers the replica does not know yet still show, under an id derived from the code.
        p.workerId = w.id ? w.id : qint64(qHash(fix.worker) & 0x7fffffffffff) + (qint64(1) << 48);
        p.code = fix.worker;
        p.name = w.name;
        p.pos = fix.position;
        p.timeMs = fix.at.toMSecsSinceEpoch();
        positions.append(p);
    }
    m_workers->updatePositions(positions);
}

void DistrictMap::setTheme(MapTheme theme)
{
    m_basemap->setTheme(theme);
    m_areas->setTheme(theme);
    m_workers->setTheme(theme);
    m_replay->setTheme(theme);
    m_labels->setTheme(theme);
    m_canvas.setTheme(theme);
    m_scene->setBackgroundColor(paletteFor(theme).background);
}

void DistrictMap::setColourMode(AreaColourMode mode)
{
    m_areas->setColourMode(mode);
}

void DistrictMap::showAll()
{
    if (!m_data.bounds.valid)
        return;
    qCDebug(lcDistrictMap) << "framing the whole district";
    m_canvas.zoomToBox(m_data.bounds, 24, 0);
}

void DistrictMap::showArea(const QString& code)
{
    MultiPolygon boundary;
    for (const Street& s : m_data.streets)
        if (s.code == code)
            boundary = s.boundary;
    for (const Community& c : m_data.communities)
        if (c.code == code)
            boundary = c.boundary;
    if (boundary.isEmpty())
        boundary = m_areas->gridBoundary(code);
    if (boundary.isEmpty()) {
        m_canvas.clearSelectedArea();
        showAll();
        return;
    }
    m_canvas.zoomToBox(boundary.bounds(), 60);
    m_canvas.setSelectedArea(boundary);
}

} // namespace gridhall
