#pragma once
// Renders a set of layers in parallel (QtConcurrent), each into its own premultiplied
// image for one viewport. Renderers were created on the GUI thread and own copies of
// their data. Cancelling sets one flag that every renderer checks per batch of features.

#include "maps/layer.h"

#include <QFutureWatcher>
#include <QImage>
#include <QObject>

#include <vector>

class QThreadPool;

namespace gridhall {

// The threads map layers render and flatten on, apart from Qt's global pool. Qt 6.4's
// raster engine splits every large fill of any thread (the GUI thread's paints included)
// into tasks on the global pool and waits for them: with renders on that pool, a paint
// of the GUI thread waited for a whole layer render (50-130 ms in bench change-burst).
QThreadPool& mapRenderPool();
// One thread of its own for live layers' frames (a few milliseconds each when partial), so
// that they never queue behind a trails render or a flatten of the whole view on the other
// pool (100-200 ms at 4K): the frame waits for a core, not for those to finish.
QThreadPool& liveRenderPool();

struct RenderedLayer {
    const MapLayer* layer = nullptr;
    quint64 revision = 0;
    Viewport viewport;
    QImage image;
    double milliseconds = 0;
    bool complete = false; // false when cancelled before the renderer returned
    // What the renderer drew (null when it cannot compare frames).
    std::shared_ptr<const DrawnFrame> drawn;
    // Only the rectangles of recycledDrawn that differed were drawn again.
    bool partial = false;
    // Where image differs from the task's shownDrawn (device pixels), when the renderer could tell.
    std::optional<std::vector<QRect>> changedSinceShown;
    const DrawnFrame* comparedWith = nullptr; // the shownDrawn it was compared with
};

class RenderJob : public QObject {
    Q_OBJECT
public:
    struct Task {
        const MapLayer* layer = nullptr;
        quint64 revision = 0;
        std::unique_ptr<LayerRenderer> renderer;
        // An image no one else holds, to draw into instead of allocating (see MapScene's
        // spares); used when its size and format fit, cleared first.
        QImage recycled = {};
        // What recycled shows, when it is the layer's previous frame: the job then draws
        // only where the renderer's frame differs from it (LayerRenderer::differences).
        std::shared_ptr<const DrawnFrame> recycledDrawn = {};
        // The frame on screen now, to tell where the new one differs from it.
        std::shared_ptr<const DrawnFrame> shownDrawn = {};
    };

    RenderJob(const Viewport& viewport, std::vector<Task> tasks, QObject* parent = nullptr);
    // Cancels and waits: renderers never outlive the job.
    ~RenderJob() override;

    // Starts on the pool (mapRenderPool() by default); finished() is emitted on this
    // object's thread.
    void start(QThreadPool* pool = nullptr);
    // Renders on the pool and blocks until done (tests, screenshots).
    void run(QThreadPool* pool = nullptr);
    void cancel();
    bool isCancelled() const { return m_cancel.load(); }
    bool isRunning() const { return m_watcher.isRunning(); }
    void waitForFinished();
    const Viewport& viewport() const { return m_viewport; }
    std::size_t taskCount() const { return m_tasks.size(); }
    // The layer of the first task (a scene's jobs render one layer each).
    const MapLayer* layer() const { return m_tasks.empty() ? nullptr : m_tasks.front().layer; }
    // Results, one per task in task order; valid after finishing.
    std::vector<RenderedLayer> takeResults();

    // Renders one renderer into a transparent image for viewport: recycled when it fits,
    // else a fresh one.
    static QImage renderLayer(const Viewport& viewport, LayerRenderer& renderer,
        const std::atomic_bool& cancel, QImage recycled = {});
    // Above this share of the image, a partial frame redraws everything instead.
    static constexpr double kMostPartialArea = 0.4;

signals:
    void finished();

private:
    void renderSlot(int index);

    Viewport m_viewport;
    std::vector<Task> m_tasks;
    std::vector<RenderedLayer> m_results;
    std::vector<int> m_indices;
    std::atomic_bool m_cancel { false };
    QFutureWatcher<void> m_watcher;
};

} // namespace gridhall
