#pragma once
// Live field workers: a sprite per worker by status (patrolling, on a case, offline,
// stale), recent trails thinned as fixes arrive (see Trail) and fading with age, and
// clusters with counts when zoomed out. Positions arrive at any rate; the layer only
// asks for a repaint, and the scene coalesces repaints into one render job.

#include "maps/framethrottle.h"
#include "maps/layer.h"
#include "maps/maptheme.h"
#include "maps/trail.h"

#include <QPointer>

#include <functional>
#include <optional>
#include <unordered_map>

namespace gridhall {

enum class WorkerStatus { Patrolling, OnCase, Offline };
// What the map shows: a live status, or Stale when the last fix is too old.
enum class WorkerDisplayStatus { Patrolling, OnCase, Offline, Stale };

struct WorkerPosition {
    qint64 workerId = 0;
    QString code; // badge number
    QString name;
    LonLat pos;
    qint64 timeMs = 0; // ms since epoch
    WorkerStatus status = WorkerStatus::Patrolling;
};

class WorkersLayer : public MapLayer {
    Q_OBJECT
public:
    static constexpr int kMinTrailWindowSecs = 10 * 60;
    static constexpr int kMaxTrailWindowSecs = 8 * 60 * 60;

    // What live views use as frameInterval(): at most 20 frames a second of markers. A
    // frame redraws and recomposes only where markers moved (LayerRenderer::renderWithin,
    // MapScene::changedWithin), so its cost follows the movement rather than the rate:
    // with 20,000 workers on a 4K wall, 50 ms frames cost the client less CPU than
    // 100 ms frames drawn whole did, and halve the wait for a frame.
    static constexpr int kLiveFrameIntervalMs = 50;

    explicit WorkersLayer(QObject* parent = nullptr);
    ~WorkersLayer() override;

    // Updates the worker's marker and extends its trail. Invalid coordinates are ignored
    // (returns false); an older fix than the one shown never moves the marker back.
    bool updatePosition(const WorkerPosition& position);
    // Many fixes, one repaint.
    int updatePositions(const QList<WorkerPosition>& positions);
    // A frame budget for live views: markers moved by fixes are repainted at most once per
    // interval, the fixes in between coalesced into that frame (each still extends its
    // trail; the newest fix of a worker is what its marker shows). 0, the default, repaints
    // on every update. Other changes (status, look, removal) repaint at once.
    int frameInterval() const { return m_frames.interval(); }
    void setFrameInterval(int ms) { m_frames.setInterval(ms); }
    // The revision whose image shows every fix applied so far: revision(), or the next one
    // while the markers wait for their frame (live-latency measurements, tests).
    quint64 revisionWithLatestFixes() const { return m_frames.isPending() ? revision() + 1 : revision(); }
    void setStatus(qint64 workerId, WorkerStatus status);
    void removeWorker(qint64 workerId);
    void clear();
    qsizetype workerCount() const { return qsizetype(m_workers.size()); }
    std::optional<WorkerPosition> position(qint64 workerId) const;
    const Trail* trail(qint64 workerId) const;

    // A fix older than this is drawn as stale (default 60 s).
    int staleAfterSecs() const { return m_staleAfterSecs; }
    void setStaleAfterSecs(int secs);
    // How much trail to show, clamped to 10 min – 8 h (default 30 min).
    int trailWindowSecs() const { return m_trailWindowSecs; }
    void setTrailWindowSecs(int secs);
    bool trailsVisible() const { return m_trailsVisible; }
    void setTrailsVisible(bool visible);
    // Below this zoom, nearby workers merge into clusters with counts (default 14).
    double clusterBelowZoom() const { return m_clusterBelowZoom; }
    void setClusterBelowZoom(double zoom);
    // Also at any zoom where the workers in view would crowd it (on by default): their
    // markers would cover a quarter of the view.
    void setClusterCrowds(bool on);
    // Whether workers are drawn as clusters in this view.
    bool clustersAt(const Viewport& viewport) const;
    void setTheme(MapTheme theme);
    // Sprites, clusters and counts grow by this factor (1 for a desk; more on the wall).
    double markerScale() const { return m_scale; }
    void setMarkerScale(double scale);
    // The clock for staleness and trail age; tests and playback replace it.
    void setClock(std::function<qint64()> nowMs);
    qint64 now() const { return m_clock(); }
    WorkerDisplayStatus displayStatus(const WorkerPosition& p) const;
    // Drops trail vertices older than the window; call now and then (the renderer only hides them).
    void pruneTrails();

    // The worker whose marker is nearest to pixel within radius pixels, or nullopt.
    std::optional<qint64> workerNear(QPointF pixel, const Viewport& viewport, double radius = 14) const;

    // For live views: moves the trails into a layer of their own, returned for the scene to
    // own, drawn just below the markers and repainted at most every minIntervalMs. Drawing
    // 20k trails at 4K takes ~150 ms; split off, they no longer hold back the markers,
    // which re-render in milliseconds on every batch of fixes. The trails layer follows
    // this layer's visibility and opacity.
    std::unique_ptr<MapLayer> splitTrailsLayer(int minIntervalMs = 1000);
    bool trailsSplit() const { return !m_trailsLayer.isNull(); }

    std::unique_ptr<LayerRenderer> createRenderer(const Viewport& viewport) const override;

private:
    friend class WorkerTrailsLayer;
    WorkerDisplayStatus displayStatusAt(const WorkerPosition& p, qint64 nowMs) const;
    // One fix into the worker's entry and trail; the markers' repaint is the caller's.
    bool apply(const WorkerPosition& position);
    // Markers changed: from fixes within the frame budget, anything else at once.
    void markersChanged(bool byFixes);
    // The trails' look or content changed: now, or (contentOnly) within the split layer's interval.
    void trailsChanged(bool contentOnly);
    std::unique_ptr<LayerRenderer> createRendererFor(const Viewport& viewport, bool markers, bool trails) const;

    struct Entry {
        WorkerPosition pos;
        QPointF mercator;
        Trail trail;
    };
    std::unordered_map<qint64, Entry> m_workers;
    int m_staleAfterSecs = 60;
    int m_trailWindowSecs = 30 * 60;
    bool m_trailsVisible = true;
    double m_clusterBelowZoom = 14.0;
    bool m_clusterCrowds = true;
    double m_scale = 1;
    MapTheme m_theme = MapTheme::Wall;
    std::function<qint64()> m_clock;
    Trail::Options m_trailOptions;
    QPointer<MapLayer> m_trailsLayer; // a WorkerTrailsLayer once split
    FrameThrottle m_frames;
};

} // namespace gridhall
