#include "maps/renderjob.h"

#include <QElapsedTimer>
#include <QPainter>
#include <QThreadPool>
#include <QtConcurrent>

#include <numeric>

namespace gridhall {

QThreadPool& mapRenderPool()
{
    static QThreadPool pool; // one thread per core, as the global pool
    return pool;
}

QThreadPool& liveRenderPool()
{
    struct OneThread : QThreadPool {
        OneThread() { setMaxThreadCount(1); }
    };
    static OneThread pool;
    return pool;
}

RenderJob::RenderJob(const Viewport& viewport, std::vector<Task> tasks, QObject* parent)
    : QObject(parent)
    , m_viewport(viewport)
    , m_tasks(std::move(tasks))
    , m_results(m_tasks.size())
    , m_indices(m_tasks.size())
{
    std::iota(m_indices.begin(), m_indices.end(), 0);
    connect(&m_watcher, &QFutureWatcher<void>::finished, this, &RenderJob::finished);
}

RenderJob::~RenderJob()
{
    cancel();
    waitForFinished();
}

QImage RenderJob::renderLayer(const Viewport& viewport, LayerRenderer& renderer,
    const std::atomic_bool& cancel, QImage recycled)
{
    const bool fits = recycled.size() == viewport.deviceSize() && recycled.format() == QImage::Format_ARGB32_Premultiplied;
    QImage image = fits ? std::move(recycled) : QImage(viewport.deviceSize(), QImage::Format_ARGB32_Premultiplied);
    if (image.isNull())
        return image;
    image.setDevicePixelRatio(viewport.devicePixelRatio());
    image.fill(Qt::transparent);
    QPainter painter(&image);
    renderer.render(painter, cancel);
    return image;
}

void RenderJob::renderSlot(int index)
{
    Task& task = m_tasks[std::size_t(index)];
    RenderedLayer& out = m_results[std::size_t(index)];
    out.layer = task.layer;
    out.revision = task.revision;
    out.viewport = m_viewport;
    if (m_cancel.load() || !task.renderer)
        return;
    QElapsedTimer timer;
    timer.start();
    LayerRenderer& renderer = *task.renderer;
    if (task.recycledDrawn && task.recycled.size() == m_viewport.deviceSize()
        && task.recycled.format() == QImage::Format_ARGB32_Premultiplied) {
        // The layer's previous frame: draw again only where this one differs.
        const std::optional<std::vector<QRect>> rects = renderer.differences(*task.recycledDrawn);
        qint64 area = 0;
        for (const QRect& r : rects ? *rects : std::vector<QRect>())
            area += qint64(r.width()) * r.height();
        if (rects && area <= kMostPartialArea * m_viewport.deviceSize().width() * m_viewport.deviceSize().height()) {
            out.image = std::move(task.recycled);
            QPainter painter(&out.image);
            renderer.renderWithin(painter, *rects, m_cancel);
            out.partial = true;
        }
    }
    if (!out.partial)
        out.image = renderLayer(m_viewport, renderer, m_cancel, std::move(task.recycled));
    out.drawn = renderer.drawn();
    if (task.shownDrawn) {
        out.changedSinceShown = renderer.differences(*task.shownDrawn);
        out.comparedWith = task.shownDrawn.get();
    }
    out.milliseconds = timer.nsecsElapsed() / 1e6;
    out.complete = !m_cancel.load() && !out.image.isNull();
    // Free the renderer's data copy on the worker thread, not the GUI thread.
    task.renderer.reset();
}

void RenderJob::start(QThreadPool* pool)
{
    if (!pool)
        pool = &mapRenderPool();
    m_watcher.setFuture(QtConcurrent::map(pool, m_indices, [this](int& i) { renderSlot(i); }));
}

void RenderJob::run(QThreadPool* pool)
{
    start(pool);
    waitForFinished();
}

void RenderJob::cancel() { m_cancel.store(true); }

void RenderJob::waitForFinished() { m_watcher.waitForFinished(); }

std::vector<RenderedLayer> RenderJob::takeResults() { return std::exchange(m_results, {}); }

} // namespace gridhall
