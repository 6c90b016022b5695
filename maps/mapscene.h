#pragma once
// The map without a widget: the layers in drawing order, their cached images and the
// render job that refreshes them. renderToImage() draws synchronously (tests,
// screenshots); setViewport() + compose() is the asynchronous path the canvas uses:
// compose() only blits cached images, shifted or scaled to the requested viewport, while
// a background job renders whatever is stale.

#include "maps/layer.h"
#include "maps/rendercache.h"

#include <QColor>
#include <QFutureWatcher>
#include <QImage>
#include <QObject>
#include <QTimer>

#include <memory>
#include <optional>
#include <unordered_map>
#include <vector>

class QPainter;
class QThreadPool;

namespace gridhall {

class RenderJob;

class MapScene : public QObject {
    Q_OBJECT
public:
    explicit MapScene(QObject* parent = nullptr);
    ~MapScene() override;

    // The scene owns its layers.
    template <class T> T* addLayer(std::unique_ptr<T> layer)
    {
        T* raw = layer.get();
        adoptLayer(std::move(layer));
        return raw;
    }
    void removeLayer(MapLayer* layer);
    // Visible and hidden layers in drawing order.
    QList<MapLayer*> layers() const;

    QColor backgroundColor() const { return m_background; }
    void setBackgroundColor(const QColor& color);

    // Renders every visible layer for viewport now (in parallel) and composes them over
    // the background. Leaves the cache alone.
    QImage renderToImage(const Viewport& viewport) const;

    // --- the asynchronous path ---
    const Viewport& viewport() const { return m_viewport; }
    // Remembers the view; stale layers are re-rendered in the background.
    void setViewport(const Viewport& viewport);
    // Extra pixels rendered around the view so a pan shows content before re-rendering.
    int overscan() const { return m_overscan; }
    void setOverscan(int pixels);
    // Blits the cached images for target (no rendering). Does not fill the background.
    void compose(QPainter& painter, const Viewport& target);
    // compose() for target would paint every pixel opaquely (one flattened image covers
    // the view), so the caller can skip clearing the background.
    bool coversView(const Viewport& target);
    bool isRendering() const { return !m_jobs.empty(); }
    // Every visible layer has an image for the current view and revision.
    bool isUpToDate() const;
    // Blocks until no job runs and nothing is stale (tests, screenshots). Returns false on timeout.
    bool waitUntilUpToDate(int timeoutMs = 30000);
    // How long the scale must stay put before layers that are not live render again
    // (default 120 ms; tests that step slowly on a loaded machine need longer).
    void setRescaleSettleInterval(int ms) { m_rescaling.setInterval(ms); }
    // The revision of layer's image that compose() draws now, 0 when none: what the next
    // paint puts on screen (live-latency measurements, tests).
    quint64 shownRevision(const MapLayer* layer) const;
    // Layer renders started so far (each layer of each job counts once).
    quint64 layerRenderCount() const { return m_layerRenderCount; }
    const RenderCache& cache() const { return m_cache; }
    // Live layers' frames drawn and announced (changedWithin) only where they changed; on
    // by default. Off, every frame is rendered and composed whole (comparisons).
    void setPartialFrames(bool on) { m_partialFrames = on; }
    // Frames of live layers that were drawn only where they changed (tests, benchmarks).
    quint64 partialRenderCount() const { return m_partialRenderCount; }
    // Beyond this many rectangles (or most of the view), changedWithin() gives way to changed().
    static constexpr int kMostChangedRects = 256;
    void setThreadPool(QThreadPool* pool) { m_pool = pool; }

signals:
    // Something compose() draws has changed: new images arrived, or a layer's look changed.
    void changed();
    // Instead of changed() when a live layer's new image differs from the one composed
    // before only within rects (logical pixels of viewport(), coalesced into at most
    // kMostChangedRects): composing just those brings a frame up to date. Empty when
    // nothing visible moved.
    void changedWithin(const QList<QRect>& rects);
    // A layer's render job finished; milliseconds per layer are logged to gridhall.map.
    void renderFinished();

private:
    void adoptLayer(std::unique_ptr<MapLayer> layer);
    Viewport renderViewport() const;
    void scheduleRender();
    void startRender();
    void onJobFinished(RenderJob* job);
    // Drops the flattened image and starts building a new one on a worker thread; baseToo
    // when a layer other than the live ones changed.
    void invalidateFlat(bool baseToo = true);
    void startFlatten();
    void onFlattened();
    // The flat holds the image each live layer has in the cache (so compose() may copy it whole).
    bool flatHasNewestLiveImages() const;
    // Images of the view's size are 30–40 MB at 4K. Fresh ones cost page faults (glibc
    // maps and unmaps each), which on this class of machine took a third of the client's
    // CPU at ten frames a second; replaced images nobody else holds are kept and reused.
    QImage takeSpare(QSize size, QImage::Format format);
    void recycle(QImage image);
    // Rectangles of a live layer's image (device pixels, rendered for source) in the
    // view's logical pixels, coalesced; nullopt when they cover most of the view or
    // cannot be mapped.
    std::optional<QList<QRect>> changedInView(const std::vector<QRect>& rects, const Viewport& source) const;

    std::vector<std::unique_ptr<MapLayer>> m_layers;
    QColor m_background { 0x10, 0x18, 0x24 };
    Viewport m_viewport;
    int m_overscan = 128;
    RenderCache m_cache;
    // One job per layer being rendered, so a slow layer (trails, heat) never holds back
    // the image of a fast one (live markers).
    std::vector<std::unique_ptr<RenderJob>> m_jobs;
    QTimer m_renderTimer;
    // Runs while the scale keeps changing (a flight, a pinch, wheel steps): the layers that
    // are not live wait for it, since every step would cancel their render again. Meanwhile
    // compose() scales the images it has.
    QTimer m_rescaling;
    QTimer m_liveSettled; // the whole flat is rebuilt once live layers pause
    quint64 m_layerRenderCount = 0;
    QThreadPool* m_pool = nullptr;
    // All visible layers flattened onto the background for one render viewport (images
    // still rendered for another view drawn shifted or scaled into it), so a paint costs
    // one opaque copy instead of one blend per layer. Built off the GUI thread
    // (at 4K, six blends cost tens of milliseconds); the previous one is shown until
    // then, and compose() blends the layer images itself when there is none.
    struct Flat {
        QImage image;
        Viewport viewport;
        quint64 generation = 0;
        // The images flattened. The pointers are only compared, never followed: a layer may
        // be removed while its flat is in flight.
        struct Part {
            const MapLayer* layer;
            quint64 revision;
            bool live;
        };
        std::vector<Part> parts;
        // The layers other than the live ones, kept so that a change of only live layers
        // costs one copy and their blends, not a blend of every layer.
        QImage base;
        quint64 baseGeneration = 0;
    } m_flat;
    quint64 m_flatGeneration = 0;
    quint64 m_baseGeneration = 0;
    QFutureWatcher<Flat> m_flatWatcher;
    bool m_flattenPending = false;
    // Started and not yet taken by onFlattened(). Not the watcher's isRunning(): a flatten
    // that has finished but whose signal is still queued is not running, yet not shown.
    bool m_flattenInFlight = false;
    std::vector<QImage> m_spares;
    // Each live layer's frame before the cached one, with what it shows: its next render
    // starts from it and redraws only where the frames differ (the cached image cannot be
    // drawn into: compose() may read it meanwhile).
    struct Previous {
        QImage image;
        std::shared_ptr<const DrawnFrame> drawn;
    };
    std::unordered_map<const MapLayer*, Previous> m_previous;
    quint64 m_partialRenderCount = 0;
    bool m_partialFrames = true;
};

} // namespace gridhall
