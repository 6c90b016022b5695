#include "maps/mapscene.h"

#include "maps/renderjob.h"

#include <QDeadlineTimer>
#include <QCoreApplication>
#include <QPainter>
#include <QtConcurrent>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <functional>

namespace gridhall {

namespace {
// How long the scale must stay put before layers other than the live ones render for it:
// longer than a frame of a flight or the gap between wheel steps.
constexpr int kRescaleSettleMs = 120;

// Draws an image rendered for source into target's pixels: a whole-pixel blit when only
// the centre moved, a scaled draw after a zoom.
void blit(QPainter& painter, const QImage& image, const Viewport& source, const Viewport& target)
{
    const QTransform t = target.transformFrom(source);
    if (t.m11() == 1.0) {
        const qreal dpr = target.devicePixelRatio();
        const QPointF at(std::round(t.dx() * dpr) / dpr, std::round(t.dy() * dpr) / dpr);
        painter.drawImage(at, image);
        return;
    }
    const QRectF sourceRect(QPointF(0, 0), QSizeF(source.size()));
    painter.drawImage(t.mapRect(sourceRect), image);
}
} // namespace

MapScene::MapScene(QObject* parent)
    : QObject(parent)
{
    connect(&m_flatWatcher, &QFutureWatcher<Flat>::finished, this, &MapScene::onFlattened);
    m_renderTimer.setSingleShot(true);
    m_renderTimer.setInterval(0);
    connect(&m_renderTimer, &QTimer::timeout, this, &MapScene::startRender);
    m_rescaling.setSingleShot(true);
    m_rescaling.setInterval(kRescaleSettleMs);
    connect(&m_rescaling, &QTimer::timeout, this, &MapScene::scheduleRender);
    m_liveSettled.setSingleShot(true);
    m_liveSettled.setInterval(250);
    connect(&m_liveSettled, &QTimer::timeout, this, &MapScene::startFlatten);
}

MapScene::~MapScene()
{
    // The jobs' renderers hold no pointers into the layers, but stop work promptly.
    m_jobs.clear();
    m_flatWatcher.waitForFinished();
}

void MapScene::adoptLayer(std::unique_ptr<MapLayer> layer)
{
    MapLayer* raw = layer.get();
    connect(raw, &MapLayer::repaintRequested, this, &MapScene::scheduleRender);
    connect(raw, &MapLayer::appearanceChanged, this, [this] {
        invalidateFlat();
        scheduleRender(); // a layer made visible may have no image yet
        emit changed();
    });
    m_layers.push_back(std::move(layer));
    invalidateFlat();
    scheduleRender();
}

void MapScene::removeLayer(MapLayer* layer)
{
    auto it = std::find_if(m_layers.begin(), m_layers.end(),
        [layer](const std::unique_ptr<MapLayer>& l) { return l.get() == layer; });
    if (it == m_layers.end())
        return;
    // A running job for this layer would deliver an image for a layer that is gone.
    std::erase_if(m_jobs, [layer](const std::unique_ptr<RenderJob>& job) { return job->layer() == layer; });
    m_cache.remove(layer);
    m_previous.erase(layer);
    std::erase_if(m_flat.parts, [layer](const Flat::Part& p) { return p.layer == layer; });
    m_layers.erase(it);
    invalidateFlat();
    scheduleRender();
    emit changed();
}

QList<MapLayer*> MapScene::layers() const
{
    QList<MapLayer*> out;
    out.reserve(qsizetype(m_layers.size()));
    for (const auto& l : m_layers)
        out.append(l.get());
    std::stable_sort(out.begin(), out.end(), &MapLayer::drawsBefore);
    return out;
}

void MapScene::setBackgroundColor(const QColor& color)
{
    m_background = color;
    invalidateFlat();
    emit changed();
}

QImage MapScene::renderToImage(const Viewport& viewport) const
{
    std::vector<RenderJob::Task> tasks;
    QList<qreal> opacities;
    QList<MapLayer*> order = layers();
    // Live layers over the others, as compose() draws them.
    std::stable_partition(order.begin(), order.end(), [](const MapLayer* l) { return !l->isLive(); });
    for (MapLayer* layer : order) {
        if (!layer->isVisible())
            continue;
        tasks.push_back({ layer, layer->revision(), layer->createRenderer(viewport) });
        opacities.append(layer->opacity());
    }
    RenderJob job(viewport, std::move(tasks));
    job.run(m_pool);
    QImage out(viewport.deviceSize(), QImage::Format_ARGB32_Premultiplied);
    out.setDevicePixelRatio(viewport.devicePixelRatio());
    out.fill(m_background);
    QPainter painter(&out);
    auto results = job.takeResults();
    for (std::size_t i = 0; i < results.size(); ++i) {
        if (!results[i].complete)
            continue;
        painter.setOpacity(opacities[qsizetype(i)]);
        painter.drawImage(QPointF(0, 0), results[i].image);
    }
    return out;
}

void MapScene::setViewport(const Viewport& viewport)
{
    if (viewport == m_viewport)
        return;
    const bool rescaled = !viewport.sameScale(m_viewport);
    m_viewport = viewport;
    // A running job for another zoom would only give blurry images: stop it. A job for
    // the same zoom is still worth finishing: its images are shifted into place.
    if (rescaled) {
        for (const auto& job : m_jobs)
            job->cancel();
        m_rescaling.start();
    }
    scheduleRender();
}

void MapScene::setOverscan(int pixels)
{
    m_overscan = std::max(0, pixels);
    scheduleRender();
}

Viewport MapScene::renderViewport() const
{
    Viewport v = m_viewport;
    v.setSize(m_viewport.size() + QSize(2 * m_overscan, 2 * m_overscan));
    return v;
}

bool MapScene::isUpToDate() const
{
    if (m_viewport.isEmpty())
        return true;
    const Viewport target = renderViewport();
    for (const auto& l : m_layers)
        if (l->isVisible() && !m_cache.isCurrent(l.get(), l->revision(), target))
            return false;
    return true;
}

void MapScene::scheduleRender()
{
    if (!m_renderTimer.isActive())
        m_renderTimer.start();
}

void MapScene::startRender()
{
    if (m_viewport.isEmpty())
        return;
    const Viewport target = renderViewport();
    for (MapLayer* layer : layers()) {
        if (!layer->isVisible() || m_cache.isCurrent(layer, layer->revision(), target))
            continue;
        // During a flight the area, heat and label layers took 10-130 ms a step, each step
        // cancelled by the next, and the render threads starved the GUI thread of a core.
        if (m_rescaling.isActive() && !layer->isLive())
            continue;
        // One job per layer at a time; when it finishes, onJobFinished() starts the next.
        if (std::any_of(m_jobs.begin(), m_jobs.end(), [layer](const auto& job) { return job->layer() == layer; }))
            continue;
        RenderJob::Task task { layer, layer->revision(), layer->createRenderer(target) };
        auto previous = m_previous.find(layer);
        if (m_partialFrames && layer->isLive() && previous != m_previous.end()
            && previous->second.image.size() == target.deviceSize()) {
            task.recycled = std::move(previous->second.image);
            task.recycledDrawn = std::move(previous->second.drawn);
            const RenderCache::Entry* shown = m_cache.find(layer);
            if (shown && shown->viewport == target)
                task.shownDrawn = shown->drawn;
        } else {
            task.recycled = takeSpare(target.deviceSize(), QImage::Format_ARGB32_Premultiplied);
        }
        if (previous != m_previous.end()) {
            recycle(std::move(previous->second.image)); // unless moved into the task above
            m_previous.erase(previous);
        }
        std::vector<RenderJob::Task> tasks;
        tasks.push_back(std::move(task));
        ++m_layerRenderCount;
        auto job = std::make_unique<RenderJob>(target, std::move(tasks));
        RenderJob* raw = job.get();
        connect(raw, &RenderJob::finished, this, [this, raw] { onJobFinished(raw); });
        m_jobs.push_back(std::move(job));
        raw->start(m_pool ? m_pool : layer->isLive() ? &liveRenderPool() : &mapRenderPool());
    }
}

void MapScene::onJobFinished(RenderJob* finished)
{
    auto it = std::find_if(m_jobs.begin(), m_jobs.end(), [finished](const auto& job) { return job.get() == finished; });
    if (it == m_jobs.end())
        return;
    std::unique_ptr<RenderJob> job = std::move(*it);
    m_jobs.erase(it);
    bool stored = false, storedBase = false;
    // Where the frame changed, when every new image says so (live layers' partial frames).
    std::optional<std::vector<QRect>> changedRects = std::vector<QRect>();
    std::optional<Viewport> changedSource;
    for (RenderedLayer& r : job->takeResults()) {
        if (!r.complete)
            continue;
        // Keep a newer revision's image if a previous job already delivered one.
        const RenderCache::Entry* old = m_cache.find(r.layer);
        if (old && old->revision > r.revision)
            continue;
        qCDebug(lcMap) << "layer" << r.layer->metaObject()->className() << r.milliseconds << "ms"
                       << (r.partial ? "(partial)" : "");
        m_partialRenderCount += r.partial ? 1 : 0;
        const bool known = old && r.changedSinceShown && r.comparedWith && r.comparedWith == old->drawn.get()
            && old->viewport == r.viewport && (!changedSource || *changedSource == r.viewport);
        if (known && changedRects) {
            changedRects->insert(changedRects->end(), r.changedSinceShown->begin(), r.changedSinceShown->end());
            changedSource = r.viewport;
        } else {
            changedRects.reset();
        }
        Previous replaced { old ? old->image : QImage(), old ? old->drawn : nullptr };
        m_cache.store(r.layer, { std::move(r.image), r.viewport, r.revision, std::move(r.drawn) });
        // A live layer's replaced frame is where its next one starts.
        if (m_partialFrames && r.layer->isLive() && replaced.drawn)
            m_previous[r.layer] = std::move(replaced);
        else
            recycle(std::move(replaced.image));
        stored = true;
        storedBase = storedBase || !r.layer->isLive();
    }
    job.reset();
    if (stored) {
        const bool hadFlat = !m_flat.image.isNull();
        invalidateFlat(storedBase);
        // Only live layers changed, and each knows where: compose() would differ only there.
        const std::optional<QList<QRect>> within
            = !storedBase && changedRects && changedSource ? changedInView(*changedRects, *changedSource) : std::nullopt;
        if (within)
            emit changedWithin(*within);
        else if (!(storedBase && hadFlat && !m_flat.image.isNull()))
            emit changed();
        // else compose() shows the previous flat until its replacement: onFlattened() tells.
    }
    emit renderFinished();
    if (!isUpToDate())
        scheduleRender();
}

bool MapScene::waitUntilUpToDate(int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    m_rescaling.stop(); // render for the view as it is now
    while (!deadline.hasExpired()) {
        if (m_renderTimer.isActive()) {
            m_renderTimer.stop();
            startRender();
        }
        if (!m_jobs.empty()) {
            RenderJob* job = m_jobs.front().get();
            job->waitForFinished();
            onJobFinished(job);
            continue;
        }
        if (isUpToDate()) {
            if (m_liveSettled.isActive()) {
                m_liveSettled.stop();
                startFlatten();
            }
            while (m_flattenInFlight) {
                m_flatWatcher.waitForFinished();
                onFlattened();
            }
            return true;
        }
        startRender();
        if (m_jobs.empty())
            return isUpToDate();
    }
    return false;
}

void MapScene::invalidateFlat(bool baseToo)
{
    // The previous flat image stays on screen until its replacement is ready (tens of
    // milliseconds): briefly stale beats blending every layer on the GUI thread meanwhile.
    ++m_flatGeneration;
    if (!baseToo && !m_flat.image.isNull()) {
        // Only live layers changed: compose() blends their new images over the flat's base
        // at once; the whole flat waits until they pause, so a busy live layer costs one
        // blend per paint rather than a new flat per image. With no flat at all (after a
        // zoom, until the layers agree), waiting would leave compose() blending them all.
        m_liveSettled.start();
        return;
    }
    ++m_baseGeneration;
    m_liveSettled.stop();
    startFlatten();
}

void MapScene::startFlatten()
{
    if (m_flattenInFlight) {
        m_flattenPending = true; // onFlattened() starts the next one
        return;
    }
    m_flattenPending = false;
    // Every visible layer that has an image. When they were rendered for different views
    // (during a flight, after a resize, while a slow layer catches up) they are drawn into
    // the current render view, shifted or scaled as compose() would draw them: one copy
    // per paint instead of one blend per layer, which at a wall's size took 5-36 ms a frame.
    const Viewport* common = nullptr;
    bool agree = true;
    QList<QImage> baseImages, liveImages;
    QList<Viewport> baseViews, liveViews;
    QList<qreal> baseOpacities, liveOpacities;
    std::vector<Flat::Part> parts;
    for (MapLayer* layer : layers()) {
        if (!layer->isVisible())
            continue;
        const RenderCache::Entry* e = m_cache.find(layer);
        if (!e)
            continue; // nothing to show yet; compose() has nothing of it either
        agree = agree && (!common || e->viewport == *common);
        common = common ? common : &e->viewport;
        // Implicitly shared, read-only on the worker.
        (layer->isLive() ? liveImages : baseImages).append(e->image);
        (layer->isLive() ? liveViews : baseViews).append(e->viewport);
        (layer->isLive() ? liveOpacities : baseOpacities).append(layer->opacity());
        parts.push_back({ layer, e->revision, layer->isLive() });
    }
    if (!common || (!agree && m_viewport.isEmpty())) {
        m_flat = {};
        return;
    }
    const Viewport viewport = agree ? *common : renderViewport();
    const QColor background = m_background;
    const quint64 generation = m_flatGeneration, baseGeneration = m_baseGeneration;
    // Only live layers changed: start from the flattened others instead of blending all.
    const bool reuseBase = !m_flat.base.isNull() && m_flat.baseGeneration == baseGeneration && m_flat.viewport == viewport;
    QImage base = reuseBase ? m_flat.base : takeSpare(viewport.deviceSize(), QImage::Format_RGB32);
    QImage full = liveImages.isEmpty() ? QImage() : takeSpare(viewport.deviceSize(), QImage::Format_RGB32);
    auto flatten = [=, base = std::move(base), full = std::move(full)]() mutable -> Flat {
        auto blank = [&](QImage& image) {
            if (image.isNull())
                image = QImage(viewport.deviceSize(), QImage::Format_RGB32);
            image.setDevicePixelRatio(viewport.devicePixelRatio());
        };
        auto blend = [&viewport](QImage& onto, const QList<QImage>& images, const QList<Viewport>& views,
                         const QList<qreal>& opacities) {
            QPainter p(&onto);
            for (qsizetype i = 0; i < images.size(); ++i) {
                p.setOpacity(opacities[i]);
                blit(p, images[i], views[i], viewport);
            }
        };
        if (!reuseBase) {
            blank(base);
            base.fill(background.rgb());
            blend(base, baseImages, baseViews, baseOpacities);
        }
        if (liveImages.isEmpty())
            return { base, viewport, generation, parts, base, baseGeneration };
        blank(full);
        std::memcpy(full.bits(), base.constBits(), size_t(base.sizeInBytes())); // same size and format
        blend(full, liveImages, liveViews, liveOpacities);
        return { std::move(full), viewport, generation, parts, std::move(base), baseGeneration };
    };
    // Moved, not copied: a copy would keep the recycled buffers shared and the worker would
    // detach (copy) them on its first write.
    m_flattenInFlight = true;
    m_flatWatcher.setFuture(QtConcurrent::run(m_pool ? m_pool : &mapRenderPool(), std::move(flatten)));
}

void MapScene::onFlattened()
{
    // Called by waitUntilUpToDate() as well as by the watcher: take each result once.
    if (!m_flattenInFlight || !m_flatWatcher.isFinished())
        return;
    m_flattenInFlight = false;
    Flat flat = m_flatWatcher.result();
    // Newer than what is shown, though maybe not the newest: show it. While layers finish
    // faster than flattens, insisting on the newest would show nothing new at all; the
    // pending flatten follows at once.
    if (flat.generation > m_flat.generation || m_flat.image.isNull()) {
        Flat replaced = std::exchange(m_flat, std::move(flat));
        // The new flat may share the old one's base; recycle only buffers it let go.
        for (QImage& old : { std::ref(replaced.image), std::ref(replaced.base) }) {
            if (old.cacheKey() >> 32 != m_flat.base.cacheKey() >> 32 && old.cacheKey() >> 32 != m_flat.image.cacheKey() >> 32)
                recycle(std::exchange(old, {}));
        }
        emit changed();
    }
    if (m_flattenPending)
        startFlatten();
}

std::optional<QList<QRect>> MapScene::changedInView(const std::vector<QRect>& rects, const Viewport& source) const
{
    const QTransform t = m_viewport.transformFrom(source);
    if (t.m11() != 1.0 || m_viewport.devicePixelRatio() != source.devicePixelRatio() || m_viewport.isEmpty())
        return std::nullopt;
    // As blit() places the image: on whole device pixels.
    const qreal dpr = source.devicePixelRatio();
    const QPointF at(std::round(t.dx() * dpr) / dpr, std::round(t.dy() * dpr) / dpr);
    const QRect view(QPoint(0, 0), m_viewport.size());
    // Coalesced on a grid of cells, each dirty cell whole: runs of cells along a row,
    // joined with the run below when it spans the same cells. Finer cells cover less, but
    // make more rectangles; past kMostChangedRects the next coarser grid is tried.
    for (const int cell : { 16, 32, 64, 128 }) {
        const int cols = (view.width() + cell - 1) / cell, rows = (view.height() + cell - 1) / cell;
        std::vector<char> dirty(std::size_t(cols) * std::size_t(rows), 0);
        for (const QRect& r : rects) {
            // One pixel more each side: the logical edges of a device rectangle round outwards.
            const QRect in = QRectF(QPointF(r.topLeft()) / dpr + at, QSizeF(r.size()) / dpr).toAlignedRect().adjusted(-1, -1, 1, 1) & view;
            if (in.isEmpty())
                continue;
            for (int y = in.top() / cell; y <= in.bottom() / cell; ++y)
                std::fill_n(dirty.begin() + std::ptrdiff_t(y) * cols + in.left() / cell, in.right() / cell - in.left() / cell + 1, 1);
        }
        QList<QRect> out;
        qint64 area = 0;
        std::vector<qsizetype> open(std::size_t(cols), -1); // the rectangle a run starting at x continues
        for (int y = 0; y < rows && out.size() <= kMostChangedRects; ++y) {
            std::vector<qsizetype> next(std::size_t(cols), -1);
            for (int x = 0; x < cols;) {
                if (!dirty[std::size_t(y) * cols + x]) {
                    ++x;
                    continue;
                }
                int end = x;
                while (end < cols && dirty[std::size_t(y) * cols + end])
                    ++end;
                const QRect run = QRect(x * cell, y * cell, (end - x) * cell, cell) & view;
                const qsizetype above = open[std::size_t(x)];
                if (above >= 0 && out[above].left() == run.left() && out[above].right() == run.right()) {
                    out[above].setBottom(run.bottom());
                    next[std::size_t(x)] = above;
                } else {
                    next[std::size_t(x)] = out.size();
                    out.append(run);
                }
                area += qint64(run.width()) * run.height();
                x = end;
            }
            open = std::move(next);
        }
        if (out.size() > kMostChangedRects)
            continue;
        if (area > 0.6 * view.width() * view.height())
            return std::nullopt;
        return out;
    }
    return std::nullopt;
}

QImage MapScene::takeSpare(QSize size, QImage::Format format)
{
    for (auto it = m_spares.begin(); it != m_spares.end(); ++it) {
        if (it->size() == size && it->format() == format && it->isDetached()) {
            QImage image = std::move(*it);
            m_spares.erase(it);
            return image;
        }
    }
    return {};
}

void MapScene::recycle(QImage image)
{
    constexpr std::size_t kMaxSpares = 4;
    // A flatten in flight may still read it; takeSpare() only hands out images nobody
    // else holds by then.
    if (image.isNull() || image.size() != renderViewport().deviceSize())
        return;
    const qint64 buffer = image.cacheKey() >> 32; // names the pixel buffer
    if (std::any_of(m_spares.begin(), m_spares.end(), [buffer](const QImage& s) { return s.cacheKey() >> 32 == buffer; }))
        return;
    // Spares of an old view size (after a resize) are never taken again: drop them first.
    std::erase_if(m_spares, [this](const QImage& s) { return s.size() != renderViewport().deviceSize(); });
    if (m_spares.size() >= kMaxSpares)
        m_spares.erase(m_spares.begin());
    m_spares.push_back(std::move(image));
}

bool MapScene::flatHasNewestLiveImages() const
{
    for (const Flat::Part& part : m_flat.parts) {
        if (!part.live)
            continue;
        const RenderCache::Entry* e = m_cache.find(part.layer);
        if (e && e->revision != part.revision)
            return false;
    }
    for (const auto& l : m_layers) {
        if (l->isLive() && l->isVisible() && m_cache.find(l.get())
            && std::none_of(m_flat.parts.begin(), m_flat.parts.end(), [&l](const Flat::Part& p) { return p.layer == l.get(); }))
            return false;
    }
    return true;
}

quint64 MapScene::shownRevision(const MapLayer* layer) const
{
    if (layer->isLive()) {
        // compose() always shows the newest image of a live layer, in the flat or over it.
        const RenderCache::Entry* e = layer->isVisible() ? m_cache.find(layer) : nullptr;
        return e ? e->revision : 0;
    }
    if (!m_flat.image.isNull()) {
        for (const Flat::Part& part : m_flat.parts)
            if (part.layer == layer)
                return part.revision;
        return 0;
    }
    const RenderCache::Entry* e = layer->isVisible() ? m_cache.find(layer) : nullptr;
    return e ? e->revision : 0;
}

bool MapScene::coversView(const Viewport& target)
{
    if (m_flat.image.isNull() || target.devicePixelRatio() != m_flat.viewport.devicePixelRatio())
        return false;
    const QRectF drawn = target.transformFrom(m_flat.viewport).mapRect(QRectF(QPointF(0, 0), QSizeF(m_flat.viewport.size())));
    // Whole pixels: blit() rounds the offset.
    return drawn.adjusted(0.5, 0.5, -0.5, -0.5).contains(QRectF(QPointF(0, 0), QSizeF(target.size())));
}

void MapScene::compose(QPainter& painter, const Viewport& target)
{
    const qreal opacity = painter.opacity();
    if (!m_flat.image.isNull()) {
        // The whole flat, or while live layers are busy its base and their newest images.
        const bool whole = flatHasNewestLiveImages();
        // Opaque: a plain copy. SourceOver of an RGB32 image onto a premultiplied target
        // takes Qt's slow generic path (~5× a copy at 4K).
        const QPainter::CompositionMode mode = painter.compositionMode();
        painter.setCompositionMode(QPainter::CompositionMode_Source);
        blit(painter, whole ? m_flat.image : m_flat.base, m_flat.viewport, target);
        painter.setCompositionMode(mode);
        if (whole)
            return;
    }
    // Without a flat (none built yet) every layer one by one; live layers
    // last, as in the flat.
    for (const bool live : { false, true }) {
        if (!live && !m_flat.image.isNull())
            continue;
        for (MapLayer* layer : layers()) {
            const RenderCache::Entry* e = layer->isVisible() && layer->isLive() == live ? m_cache.find(layer) : nullptr;
            if (!e)
                continue;
            painter.setOpacity(opacity * layer->opacity());
            blit(painter, e->image, e->viewport, target);
        }
    }
    painter.setOpacity(opacity);
}

} // namespace gridhall
