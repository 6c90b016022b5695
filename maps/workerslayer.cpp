#include "maps/workerslayer.h"

#include "maps/sprites.h"

#include <QDateTime>
#include <QFontMetricsF>
#include <QPainter>

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

namespace gridhall {

namespace {

// A cluster's cell on screen, and a live worker's marker, in pixels at marker scale 1.
constexpr double kClusterCellPx = 56;
constexpr double kMarkerPx = 12;
// Workers cluster at any zoom once their markers would cover this much of the view.
constexpr double kCrowdedCover = 0.25;

// A cluster's count as white bold text, drawn once per render thread and reused: a wall
// of clusters redrew thousands of counts through the text layout at every live frame.
const QImage& countLabel(int count, int pixelSize, qreal dpr)
{
    struct Key {
        int count, pixelSize;
        qreal dpr;
        bool operator==(const Key&) const = default;
    };
    struct KeyHash {
        std::size_t operator()(const Key& k) const { return qHashMulti(0, k.count, k.pixelSize, k.dpr); }
    };
    thread_local std::unordered_map<Key, QImage, KeyHash> labels;
    if (labels.size() > 4096)
        labels.clear();
    const Key key { count, pixelSize, dpr };
    if (const auto it = labels.find(key); it != labels.end())
        return it->second;
    QFont font;
    font.setPixelSize(pixelSize);
    font.setBold(true);
    const QString text = QString::number(count);
    const QSizeF size = QFontMetricsF(font).size(Qt::TextSingleLine, text);
    QImage image((size * dpr).toSize() + QSize(2, 2), QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(dpr);
    image.fill(Qt::transparent);
    QPainter p(&image);
    p.setFont(font);
    p.setPen(Qt::white);
    p.drawText(QRectF(QPointF(0, 0), QSizeF(image.size()) / dpr), Qt::AlignCenter, text);
    p.end();
    return labels.emplace(key, std::move(image)).first->second;
}

struct RenderWorker {
    qint64 id;
    QPointF mercator;
    WorkerDisplayStatus status;
    QList<TrailPoint> trail; // implicitly shared with the layer: no vertex copy
};

QColor statusColour(WorkerDisplayStatus s)
{
    switch (s) {
    case WorkerDisplayStatus::Patrolling:
        return QColor(0x2e, 0xcc, 0x71);
    case WorkerDisplayStatus::OnCase:
        return QColor(0x3d, 0x8b, 0xff);
    case WorkerDisplayStatus::Offline:
        return QColor(0x80, 0x80, 0x88);
    case WorkerDisplayStatus::Stale:
        return QColor(0xa8, 0xa8, 0xb0);
    }
    return Qt::gray;
}

// One worker's sprite as drawn: the frame's markers in drawing order (offline and stale
// ones first, then by worker), so that two frames can be compared marker by marker.
struct Mark {
    bool live;
    qint64 id;
    QPoint at; // the sprite's top left, device pixels
    int look; // into the sprites, by WorkerDisplayStatus
    friend bool operator==(const Mark&, const Mark&) = default;
    bool before(const Mark& o) const { return live != o.live ? !live : id < o.id; }
};

struct DrawnMarkers : DrawnFrame {
    Viewport viewport;
    double scale = 1;
    std::array<QSize, 4> spriteSizes;
    std::vector<Mark> marks; // in drawing order

    QRect bounds(const Mark& m) const { return QRect(m.at, spriteSizes[std::size_t(m.look)]); }
};

class WorkersRenderer : public LayerRenderer {
public:
    static constexpr int kFadeSteps = 3;

    WorkersRenderer(std::vector<RenderWorker> workers, MapPalette palette, const Viewport& viewport,
        qint64 nowMs, int windowSecs, bool markers, bool trails, bool clustered, double scale = 1)
        : m_workers(std::move(workers))
        , m_palette(palette)
        , m_viewport(viewport)
        , m_nowMs(nowMs)
        , m_windowMs(qint64(windowSecs) * 1000)
        , m_markers(markers)
        , m_trails(trails)
        , m_clustered(clustered)
        , m_scale(scale)
    {
    }

    void render(QPainter& painter, const std::atomic_bool& cancel) override
    {
        // Clusters replace both markers and trails when zoomed out.
        if (m_clustered) {
            if (m_markers)
                renderClusters(painter, cancel);
            return;
        }
        if (m_trails)
            renderTrails(painter, cancel);
        if (m_markers)
            renderSprites(painter, cancel);
    }

    std::shared_ptr<const DrawnFrame> drawn() const override { return comparable() ? frame() : nullptr; }

    std::optional<std::vector<QRect>> differences(const DrawnFrame& before) const override
    {
        const auto* old = dynamic_cast<const DrawnMarkers*>(&before);
        if (!comparable() || !old || !(old->viewport == m_viewport) || old->scale != m_scale)
            return std::nullopt;
        const DrawnMarkers& now = *frame();
        if (old->spriteSizes != now.spriteSizes)
            return std::nullopt;
        // Outside every marker that moved, changed look, came or went, each pixel is covered
        // by the same markers in the same order, so it is the same.
        std::vector<QRect> rects;
        auto a = old->marks.begin(), b = now.marks.begin();
        while (a != old->marks.end() || b != now.marks.end()) {
            if (b == now.marks.end() || (a != old->marks.end() && a->before(*b))) {
                rects.push_back(old->bounds(*a++));
            } else if (a == old->marks.end() || b->before(*a)) {
                rects.push_back(now.bounds(*b++));
            } else {
                if (!(*a == *b)) {
                    const QRect was = old->bounds(*a), is = now.bounds(*b);
                    if (was.intersects(is)) {
                        rects.push_back(was | is);
                    } else {
                        rects.push_back(was);
                        rects.push_back(is);
                    }
                }
                ++a;
                ++b;
            }
        }
        // Whole logical pixels, so that clips fall on device pixels exactly.
        const int d = int(m_viewport.devicePixelRatio());
        if (d > 1) {
            for (QRect& r : rects) {
                const int x0 = r.left() / d * d, y0 = r.top() / d * d;
                r = QRect(x0, y0, (r.right() + d) / d * d - x0, (r.bottom() + d) / d * d - y0);
            }
        }
        return rects;
    }

    void renderWithin(QPainter& painter, const std::vector<QRect>& rects, const std::atomic_bool& cancel) override
    {
        const DrawnMarkers& now = *frame();
        const qreal dpr = m_viewport.devicePixelRatio();
        const std::array<QImage, 4> sprites = singleSprites(dpr);
        // The markers by the cells (64 device pixels) they touch, to find those under a rectangle.
        constexpr int kCell = 64;
        const QSize size = m_viewport.deviceSize();
        const int cols = size.width() / kCell + 1, rows = size.height() / kCell + 1;
        auto cellRange = [&](const QRect& r, auto&& each) {
            for (int y = std::max(0, r.top() / kCell); y <= std::min(rows - 1, r.bottom() / kCell); ++y)
                for (int x = std::max(0, r.left() / kCell); x <= std::min(cols - 1, r.right() / kCell); ++x)
                    each(std::size_t(y) * std::size_t(cols) + std::size_t(x));
        };
        // Cell c holds marks index[first[c]] .. index[first[c + 1]], in drawing order.
        std::vector<int> first(std::size_t(cols) * std::size_t(rows) + 1, 0), index;
        for (const Mark& m : now.marks)
            cellRange(now.bounds(m), [&](std::size_t c) { ++first[c + 1]; });
        for (std::size_t c = 1; c < first.size(); ++c)
            first[c] += first[c - 1];
        index.resize(std::size_t(first.back()));
        std::vector<int> fill(first.begin(), first.end() - 1);
        for (int i = 0; i < int(now.marks.size()); ++i)
            cellRange(now.bounds(now.marks[std::size_t(i)]), [&](std::size_t c) { index[std::size_t(fill[c]++)] = i; });
        std::vector<int> under;
        for (std::size_t k = 0; k < rects.size(); ++k) {
            if (k % 64 == 0 && cancel.load())
                return;
            const QRect& r = rects[k];
            under.clear();
            cellRange(r, [&](std::size_t c) {
                for (int k = first[c]; k < first[c + 1]; ++k)
                    if (now.bounds(now.marks[std::size_t(index[std::size_t(k)])]).intersects(r))
                        under.push_back(index[std::size_t(k)]);
            });
            std::sort(under.begin(), under.end());
            under.erase(std::unique(under.begin(), under.end()), under.end());
            const QRect logical(r.topLeft() / int(dpr), r.size() / int(dpr));
            painter.setClipRect(logical);
            painter.setCompositionMode(QPainter::CompositionMode_Source);
            painter.fillRect(logical, Qt::transparent);
            painter.setCompositionMode(QPainter::CompositionMode_SourceOver);
            for (int i : under) {
                const Mark& m = now.marks[std::size_t(i)];
                painter.drawImage(QPointF(m.at) / dpr, sprites[std::size_t(m.look)]);
            }
        }
        painter.setClipping(false);
    }

private:
    // Frames can be compared when they are markers only, on whole device pixels.
    bool comparable() const
    {
        const qreal dpr = m_viewport.devicePixelRatio();
        return m_markers && !m_trails && !m_clustered && dpr >= 1 && dpr == std::round(dpr);
    }

    // The markers to draw, worked out once per renderer.
    const std::shared_ptr<DrawnMarkers>& frame() const
    {
        if (m_frame)
            return m_frame;
        auto f = std::make_shared<DrawnMarkers>();
        f->viewport = m_viewport;
        f->scale = m_scale;
        const qreal dpr = m_viewport.devicePixelRatio();
        const std::array<QImage, 4> sprites = singleSprites(dpr);
        for (std::size_t i = 0; i < sprites.size(); ++i)
            f->spriteSizes[i] = sprites[i].size();
        const PixelProjector project(m_viewport);
        const QRectF area = clip(16 * m_scale);
        f->marks.reserve(m_workers.size());
        for (const RenderWorker& rw : m_workers) {
            const QPointF px = project(rw.mercator);
            if (!area.contains(px))
                continue;
            const QImage& sprite = sprites[std::size_t(rw.status)];
            const QPointF at = sprites::placeAt(sprite, px) * dpr;
            const bool live = rw.status == WorkerDisplayStatus::Patrolling || rw.status == WorkerDisplayStatus::OnCase;
            f->marks.push_back({ live, rw.id, QPoint(int(std::lround(at.x())), int(std::lround(at.y()))), int(rw.status) });
        }
        std::sort(f->marks.begin(), f->marks.end(), [](const Mark& a, const Mark& b) { return a.before(b); });
        m_frame = std::move(f);
        return m_frame;
    }

    std::array<QImage, 4> singleSprites(qreal dpr) const
    {
        const double k = m_scale;
        return {
            sprites::make(sprites::Shape::Dot, statusColour(WorkerDisplayStatus::Patrolling), Qt::white, 12 * k, dpr, 1.5 * k),
            sprites::make(sprites::Shape::Dot, statusColour(WorkerDisplayStatus::OnCase), Qt::white, 12 * k, dpr, 1.5 * k),
            sprites::make(sprites::Shape::Dot, statusColour(WorkerDisplayStatus::Offline), QColor(0x30, 0x30, 0x30), 10 * k, dpr, 1.5 * k),
            sprites::make(sprites::Shape::Ring, statusColour(WorkerDisplayStatus::Stale), Qt::transparent, 11 * k, dpr, 1.5 * k),
        };
    }

    QRectF clip(double margin) const
    {
        return QRectF(QPointF(0, 0), QSizeF(m_viewport.size())).adjusted(-margin, -margin, margin, margin);
    }

    void renderTrails(QPainter& painter, const std::atomic_bool& cancel)
    {
        // 1-px cosmetic pens without antialiasing: the measured cheap way for bulk trails.
        // Fading uses opaque colours pre-blended towards the background, one polyline
        // per age step, so there is no per-pixel blending either.
        QPen pens[kFadeSteps];
        for (int i = 0; i < kFadeSteps; ++i) {
            pens[i] = QPen(preblend(m_palette.trail, m_palette.background, 1.0 - 0.3 * i), 1.0);
            pens[i].setCosmetic(true);
        }
        painter.setRenderHint(QPainter::Antialiasing, false);
        const PixelProjector project(m_viewport);
        const QRectF area = clip(64);
        const qint64 cutoff = m_nowMs - m_windowMs;
        const double stepMs = double(m_windowMs) / kFadeSteps;
        QPolygonF run;
        for (std::size_t w = 0; w < m_workers.size(); ++w) {
            if (w % 512 == 0 && cancel.load())
                return;
            const QList<TrailPoint>& t = m_workers[w].trail;
            if (t.size() < 2 || !area.contains(project(t.constLast().mercator)))
                continue;
            run.clear();
            int runStep = -1;
            QPointF last;
            for (qsizetype i = 0; i < t.size(); ++i) {
                const TrailPoint& tp = t[i];
                if (tp.timeMs < cutoff && i + 1 < t.size() && t[i + 1].timeMs < cutoff)
                    continue; // whole segment outside the window
                const QPointF px = project(tp.mercator);
                const int step = std::clamp(int((m_nowMs - tp.timeMs) / stepMs), 0, kFadeSteps - 1);
                if (!run.isEmpty()) {
                    // Level of detail: vertices closer than a pixel add nothing.
                    if (i + 1 < t.size() && std::abs(px.x() - last.x()) < 1.0 && std::abs(px.y() - last.y()) < 1.0)
                        continue;
                    if (step != runStep) {
                        run.append(px);
                        if (run.size() >= 2) {
                            painter.setPen(pens[runStep]);
                            painter.drawPolyline(run);
                        }
                        run.clear();
                    }
                }
                run.append(px);
                runStep = step;
                last = px;
            }
            if (run.size() >= 2) {
                painter.setPen(pens[runStep]);
                painter.drawPolyline(run);
            }
        }
    }

    void renderSprites(QPainter& painter, const std::atomic_bool& cancel)
    {
        // Live workers on top of offline and stale ones; renderWithin() draws them alike.
        const qreal dpr = m_viewport.devicePixelRatio();
        const std::array<QImage, 4> sprites = singleSprites(dpr);
        const std::vector<Mark>& marks = frame()->marks;
        for (std::size_t i = 0; i < marks.size(); ++i) {
            if (i % 1024 == 0 && cancel.load())
                return;
            painter.drawImage(QPointF(marks[i].at) / dpr, sprites[std::size_t(marks[i].look)]);
        }
    }

    void renderClusters(QPainter& painter, const std::atomic_bool& cancel)
    {
        const double cell = kClusterCellPx * m_scale;
        const PixelProjector project(m_viewport);
        const QSize size = m_viewport.size();
        const int cols = int(size.width() / cell) + 1, rows = int(size.height() / cell) + 1;
        struct Cluster {
            int count = 0;
            int live = 0;
            double sx = 0, sy = 0;
            WorkerDisplayStatus first = WorkerDisplayStatus::Offline;
        };
        std::vector<Cluster> cells(std::size_t(cols * rows));
        for (std::size_t w = 0; w < m_workers.size(); ++w) {
            if (w % 4096 == 0 && cancel.load())
                return;
            const QPointF px = project(m_workers[w].mercator);
            if (px.x() < 0 || px.y() < 0 || px.x() >= size.width() || px.y() >= size.height())
                continue;
            Cluster& c = cells[std::size_t(int(px.y() / cell) * cols + int(px.x() / cell))];
            if (c.count == 0)
                c.first = m_workers[w].status;
            ++c.count;
            const auto s = m_workers[w].status;
            if (s == WorkerDisplayStatus::Patrolling || s == WorkerDisplayStatus::OnCase)
                ++c.live;
            c.sx += px.x();
            c.sy += px.y();
        }
        const qreal dpr = m_viewport.devicePixelRatio();
        const QColor liveColour = statusColour(WorkerDisplayStatus::Patrolling);
        const QColor idleColour = statusColour(WorkerDisplayStatus::Offline);
        const double k = m_scale;
        const QImage bubbles[2][3] = {
            { sprites::make(sprites::Shape::Dot, idleColour, Qt::white, 22 * k, dpr, 2 * k),
                sprites::make(sprites::Shape::Dot, idleColour, Qt::white, 28 * k, dpr, 2 * k),
                sprites::make(sprites::Shape::Dot, idleColour, Qt::white, 36 * k, dpr, 2 * k) },
            { sprites::make(sprites::Shape::Dot, liveColour.darker(130), Qt::white, 22 * k, dpr, 2 * k),
                sprites::make(sprites::Shape::Dot, liveColour.darker(130), Qt::white, 28 * k, dpr, 2 * k),
                sprites::make(sprites::Shape::Dot, liveColour.darker(130), Qt::white, 36 * k, dpr, 2 * k) },
        };
        const std::array<QImage, 4> single = singleSprites(dpr);
        const int labelPx = int(std::lround(12 * m_scale));
        for (const Cluster& c : cells) {
            if (c.count == 0)
                continue;
            const QPointF centre(c.sx / c.count, c.sy / c.count);
            if (c.count == 1) {
                const QImage& s = single[int(c.first)];
                painter.drawImage(sprites::placeAt(s, centre), s);
                continue;
            }
            const int sizeClass = c.count < 10 ? 0 : c.count < 100 ? 1 : 2;
            const QImage& bubble = bubbles[c.live > 0 ? 1 : 0][sizeClass];
            painter.drawImage(sprites::placeAt(bubble, centre), bubble);
            const QImage& label = countLabel(c.count, labelPx, dpr);
            const QPointF half = QPointF(label.width(), label.height()) / dpr / 2;
            painter.drawImage(QPointF(std::round((centre.x() - half.x()) * dpr), std::round((centre.y() - half.y()) * dpr)) / dpr, label);
        }
    }

    std::vector<RenderWorker> m_workers;
    MapPalette m_palette;
    Viewport m_viewport;
    qint64 m_nowMs;
    qint64 m_windowMs;
    bool m_markers;
    bool m_trails;
    bool m_clustered;
    double m_scale;
    mutable std::shared_ptr<DrawnMarkers> m_frame;
};

bool validLonLat(LonLat p)
{
    return std::isfinite(p.lon) && std::isfinite(p.lat) && p.lon >= -180 && p.lon <= 180
        && p.lat >= -90 && p.lat <= 90;
}

} // namespace

// The trails of a WorkersLayer, drawn from its data; see WorkersLayer::splitTrailsLayer().
class WorkerTrailsLayer : public MapLayer {
public:
    WorkerTrailsLayer(const WorkersLayer* source, int minIntervalMs)
        : MapLayer(RenderStage::Workers)
        , m_source(source)
        , m_throttle(minIntervalMs, [this] { requestRepaint(); })
    {
        setZOrder(source->zOrder() - 1);
        setVisible(source->isVisible());
        setOpacity(source->opacity());
        connect(source, &MapLayer::appearanceChanged, this, [this] {
            if (m_source) {
                setVisible(m_source->isVisible());
                setOpacity(m_source->opacity());
            }
        });
    }

    void contentChanged() { m_throttle.request(); }
    void repaintNow() { m_throttle.runNow(); }

    std::unique_ptr<LayerRenderer> createRenderer(const Viewport& viewport) const override
    {
        if (!m_source)
            return std::make_unique<WorkersRenderer>(std::vector<RenderWorker>(), MapPalette(), viewport, 0, 0, false, false, false);
        return m_source->createRendererFor(viewport, false, m_source->m_trailsVisible);
    }

private:
    QPointer<const WorkersLayer> m_source;
    FrameThrottle m_throttle;
};

WorkersLayer::WorkersLayer(QObject* parent)
    : MapLayer(RenderStage::Workers, parent)
    , m_clock([] { return QDateTime::currentMSecsSinceEpoch(); })
    , m_frames(0, [this] { requestRepaint(); })
{
}

WorkersLayer::~WorkersLayer() = default;

bool WorkersLayer::updatePosition(const WorkerPosition& position)
{
    if (!apply(position))
        return false;
    markersChanged(true);
    return true;
}

bool WorkersLayer::apply(const WorkerPosition& position)
{
    if (!validLonLat(position.pos))
        return false;
    auto [it, inserted] = m_workers.try_emplace(position.workerId, Entry { position, {}, Trail(m_trailOptions) });
    Entry& e = it->second;
    if (!inserted && position.timeMs < e.pos.timeMs)
        return false;
    e.pos = position;
    e.mercator = mercator::fromLonLat(position.pos);
    bool trailChanged = e.trail.add(position.pos, position.timeMs) != Trail::Change::Ignored;
    // Keep at most the longest window a user can pick, so memory stays bounded without
    // anyone calling pruneTrails().
    if (e.trail.size() > 2 && e.trail.points().constFirst().timeMs < position.timeMs - qint64(kMaxTrailWindowSecs) * 1000) {
        e.trail.dropOlderThan(position.timeMs - qint64(kMaxTrailWindowSecs) * 1000);
        trailChanged = true;
    }
    if (trailChanged)
        trailsChanged(true);
    return true;
}

int WorkersLayer::updatePositions(const QList<WorkerPosition>& positions)
{
    int applied = 0;
    for (const WorkerPosition& p : positions)
        applied += apply(p) ? 1 : 0;
    if (applied > 0)
        markersChanged(true);
    return applied;
}

void WorkersLayer::markersChanged(bool byFixes)
{
    if (byFixes)
        m_frames.request();
    else
        m_frames.runNow(); // also takes in the fixes waiting for their frame
}

void WorkersLayer::setStatus(qint64 workerId, WorkerStatus status)
{
    auto it = m_workers.find(workerId);
    if (it == m_workers.end() || it->second.pos.status == status)
        return;
    it->second.pos.status = status;
    markersChanged(false);
}

void WorkersLayer::removeWorker(qint64 workerId)
{
    if (m_workers.erase(workerId)) {
        trailsChanged(false);
        markersChanged(false);
    }
}

void WorkersLayer::clear()
{
    m_workers.clear();
    trailsChanged(false);
    markersChanged(false);
}

std::optional<WorkerPosition> WorkersLayer::position(qint64 workerId) const
{
    auto it = m_workers.find(workerId);
    if (it == m_workers.end())
        return std::nullopt;
    return it->second.pos;
}

const Trail* WorkersLayer::trail(qint64 workerId) const
{
    auto it = m_workers.find(workerId);
    return it == m_workers.end() ? nullptr : &it->second.trail;
}

void WorkersLayer::setStaleAfterSecs(int secs)
{
    m_staleAfterSecs = std::max(1, secs);
    markersChanged(false);
}

void WorkersLayer::setTrailWindowSecs(int secs)
{
    m_trailWindowSecs = std::clamp(secs, kMinTrailWindowSecs, kMaxTrailWindowSecs);
    trailsChanged(false);
    markersChanged(false);
}

void WorkersLayer::setTrailsVisible(bool visible)
{
    if (visible == m_trailsVisible)
        return;
    m_trailsVisible = visible;
    trailsChanged(false);
    markersChanged(false);
}

void WorkersLayer::setClusterBelowZoom(double zoom)
{
    m_clusterBelowZoom = zoom;
    trailsChanged(false);
    markersChanged(false);
}

void WorkersLayer::setClusterCrowds(bool on)
{
    m_clusterCrowds = on;
    trailsChanged(false);
    markersChanged(false);
}

bool WorkersLayer::clustersAt(const Viewport& viewport) const
{
    if (viewport.zoom() < m_clusterBelowZoom)
        return true;
    if (!m_clusterCrowds || viewport.isEmpty())
        return false;
    // Crowded: the markers in view would cover a quarter of it. A 4K wall shows the whole
    // district above the zoom threshold, and 20,000 separate markers hid grid colours,
    // cases and names under a green carpet.
    const double marker = kMarkerPx * m_scale;
    const QSize size = viewport.size();
    const double most = kCrowdedCover * size.width() * size.height() / (marker * marker);
    const PixelProjector project(viewport);
    int inView = 0;
    for (const auto& [id, e] : m_workers) {
        const QPointF px = project(e.mercator);
        if (px.x() >= 0 && px.y() >= 0 && px.x() < size.width() && px.y() < size.height() && ++inView > most)
            return true;
    }
    return false;
}

void WorkersLayer::setTheme(MapTheme theme)
{
    if (theme == m_theme)
        return;
    m_theme = theme;
    trailsChanged(false);
    markersChanged(false);
}

void WorkersLayer::setMarkerScale(double scale)
{
    scale = std::clamp(scale, 0.5, 8.0);
    if (scale == m_scale)
        return;
    m_scale = scale;
    markersChanged(false);
}

void WorkersLayer::setClock(std::function<qint64()> nowMs)
{
    m_clock = std::move(nowMs);
    trailsChanged(false);
    markersChanged(false);
}

WorkerDisplayStatus WorkersLayer::displayStatus(const WorkerPosition& p) const
{
    return displayStatusAt(p, m_clock());
}

WorkerDisplayStatus WorkersLayer::displayStatusAt(const WorkerPosition& p, qint64 nowMs) const
{
    if (p.status == WorkerStatus::Offline)
        return WorkerDisplayStatus::Offline;
    if (nowMs - p.timeMs > qint64(m_staleAfterSecs) * 1000)
        return WorkerDisplayStatus::Stale;
    return p.status == WorkerStatus::OnCase ? WorkerDisplayStatus::OnCase : WorkerDisplayStatus::Patrolling;
}

void WorkersLayer::pruneTrails()
{
    const qint64 cutoff = m_clock() - qint64(m_trailWindowSecs) * 1000;
    for (auto& [id, e] : m_workers)
        e.trail.dropOlderThan(cutoff);
    trailsChanged(true);
}

std::optional<qint64> WorkersLayer::workerNear(QPointF pixel, const Viewport& viewport, double radius) const
{
    const PixelProjector project(viewport);
    std::optional<qint64> best;
    double bestD2 = radius * radius;
    for (const auto& [id, e] : m_workers) {
        const QPointF d = project(e.mercator) - pixel;
        const double d2 = d.x() * d.x() + d.y() * d.y();
        if (d2 <= bestD2) {
            bestD2 = d2;
            best = id;
        }
    }
    return best;
}

std::unique_ptr<MapLayer> WorkersLayer::splitTrailsLayer(int minIntervalMs)
{
    if (m_trailsLayer)
        return nullptr; // split once; the scene owns the first
    auto layer = std::make_unique<WorkerTrailsLayer>(this, minIntervalMs);
    m_trailsLayer = layer.get();
    markersChanged(false); // the markers' image no longer carries the trails
    return layer;
}

void WorkersLayer::trailsChanged(bool contentOnly)
{
    auto* layer = static_cast<WorkerTrailsLayer*>(m_trailsLayer.data());
    if (!layer)
        return;
    if (contentOnly)
        layer->contentChanged();
    else
        layer->repaintNow();
}

std::unique_ptr<LayerRenderer> WorkersLayer::createRenderer(const Viewport& viewport) const
{
    return createRendererFor(viewport, true, m_trailsVisible && !m_trailsLayer);
}

std::unique_ptr<LayerRenderer> WorkersLayer::createRendererFor(const Viewport& viewport, bool markers, bool trails) const
{
    const qint64 now = m_clock();
    std::vector<RenderWorker> workers;
    workers.reserve(m_workers.size());
    // Trails are shared with the layer, not copied; leave them out when not drawn, so the
    // layer's next fixes do not have to detach them.
    for (const auto& [id, e] : m_workers)
        workers.push_back({ id, e.mercator, displayStatusAt(e.pos, now), trails ? e.trail.points() : QList<TrailPoint>() });
    return std::make_unique<WorkersRenderer>(std::move(workers), paletteFor(m_theme), viewport, now,
        m_trailWindowSecs, markers, trails, clustersAt(viewport), m_scale);
}

} // namespace gridhall
