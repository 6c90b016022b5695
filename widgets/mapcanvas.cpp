#include "widgets/mapcanvas.h"

#include "maps/casemime.h"
#include "maps/mapscene.h"

#include <QDragEnterEvent>
#include <QElapsedTimer>
#include <QGestureEvent>
#include <QKeyEvent>
#include <QLoggingCategory>
#include <QMimeData>
#include <QNativeGestureEvent>
#include <QPainter>
#include <QPinchGesture>
#include <QSet>
#include <QVariantAnimation>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace gridhall {

// Each paint: its milliseconds, the rectangles of its region and whether one flattened
// image covered the view (QT_LOGGING_RULES="gridhall.map.paint.debug=true").
Q_LOGGING_CATEGORY(lcMapPaint, "gridhall.map.paint", QtInfoMsg)

namespace {
constexpr double kInertiaTimeConstantMs = 325.0;
constexpr double kMinInertiaSpeed = 0.05; // px/ms
constexpr double kKeyPanStep = 80.0;
constexpr int kPulsePeriodMs = 1200;
constexpr int kPulseSteps = 30; // one per frame of the 40 ms pulse timer
constexpr int kPulsePen = 3;
constexpr int kPulseReach = 10 + 26 + kPulsePen; // the largest ring's radius and pen
} // namespace

MapCanvas::MapCanvas(QWidget* parent)
    : QWidget(parent)
    , m_palette(paletteFor(m_theme))
{
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    setAcceptDrops(true);
    setAttribute(Qt::WA_OpaquePaintEvent);
    grabGesture(Qt::PinchGesture);
    m_clock.start();
    m_inertiaTimer.setInterval(16);
    connect(&m_inertiaTimer, &QTimer::timeout, this, &MapCanvas::inertiaStep);
    m_pulseTimer.setInterval(40);
    connect(&m_pulseTimer, &QTimer::timeout, this, &MapCanvas::updatePulses);
    m_viewport = Viewport(LonLat { 113.3245, 23.1291 }, 12, QSize());
    syncViewportGeometry();
}

MapCanvas::~MapCanvas() = default;

void MapCanvas::setScene(MapScene* scene)
{
    if (m_scene)
        disconnect(m_scene, nullptr, this, nullptr);
    m_scene = scene;
    if (m_scene) {
        connect(m_scene, &MapScene::changed, this, qOverload<>(&QWidget::update));
        // Live markers moved: repaint where they were and are, not the whole map.
        connect(m_scene, &MapScene::changedWithin, this, [this](const QList<QRect>& rects) {
            QRegion region;
            for (const QRect& r : rects)
                region += r;
            update(region);
        });
        m_scene->setViewport(m_viewport);
    }
    update();
}

void MapCanvas::syncViewportGeometry()
{
    Viewport v = m_viewport;
    v.setSize(size());
    v.setDevicePixelRatio(devicePixelRatioF());
    applyViewport(v);
}

void MapCanvas::applyViewport(const Viewport& viewport)
{
    if (viewport == m_viewport)
        return;
    m_viewport = viewport;
    if (m_scene)
        m_scene->setViewport(m_viewport);
    update();
    emit viewportChanged(m_viewport);
}

void MapCanvas::setView(LonLat center, double zoom)
{
    m_fitBox = {};
    stopMotion();
    Viewport v = m_viewport;
    v.setCenter(center);
    v.setZoom(zoom);
    applyViewport(v);
}

void MapCanvas::zoomAround(QPointF anchor, double factor)
{
    Viewport v = m_viewport;
    v.zoomAround(anchor, factor);
    applyViewport(v);
}

void MapCanvas::panBy(QPointF delta)
{
    Viewport v = m_viewport;
    v.panBy(delta);
    applyViewport(v);
}

void MapCanvas::flyTo(LonLat center, double zoom, int durationMs)
{
    // A flight somewhere else ends keeping a framed box framed (zoomToBox sets it again).
    m_fitBox = {};
    // Asked again for where it is flying already (a wall raising alert after alert at one
    // spot): it flies on. Starting over eased in again each time, so during a burst the
    // map crept and never arrived, every layer re-rendering at each step.
    if (m_flight && m_flightTarget && m_flightTarget->first.lon == center.lon && m_flightTarget->first.lat == center.lat
        && m_flightTarget->second == zoom && durationMs > 0)
        return;
    stopMotion();
    const QPointF from = m_viewport.centerNormalised();
    const double fromZoom = m_viewport.zoom();
    Viewport target = m_viewport;
    target.setCenter(center);
    target.setZoom(zoom);
    const QPointF to = target.centerNormalised();
    const double toZoom = target.zoom();
    if (durationMs <= 0) {
        applyViewport(target);
        return;
    }
    m_flightTarget = { center, zoom };
    m_flight = new QVariantAnimation(this);
    m_flight->setStartValue(0.0);
    m_flight->setEndValue(1.0);
    m_flight->setDuration(durationMs);
    m_flight->setEasingCurve(QEasingCurve::InOutCubic);
    connect(m_flight, &QVariantAnimation::valueChanged, this, [this, from, to, fromZoom, toZoom](const QVariant& value) {
        const double t = value.toDouble();
        Viewport v = m_viewport;
        v.setCenterNormalised(from + (to - from) * t);
        v.setZoom(fromZoom + (toZoom - fromZoom) * t);
        applyViewport(v);
    });
    connect(m_flight, &QVariantAnimation::finished, this, [this] {
        m_flight->deleteLater();
        m_flight = nullptr;
    });
    m_flight->start();
}

void MapCanvas::zoomToBox(const GeoBox& box, int marginPixels, int durationMs)
{
    if (!box.valid)
        return;
    Viewport v = m_viewport;
    v.fitBox(box, marginPixels);
    flyTo(v.center(), v.zoom(), durationMs);
    m_fitBox = box;
    m_fitMargin = marginPixels;
}

bool MapCanvas::isAnimating() const { return m_flight != nullptr || m_inertiaTimer.isActive(); }

void MapCanvas::stopMotion()
{
    m_inertiaTimer.stop();
    m_velocity = {};
    if (m_flight) {
        m_flight->stop();
        m_flight->deleteLater();
        m_flight = nullptr;
    }
}

void MapCanvas::setTheme(MapTheme theme)
{
    m_theme = theme;
    m_palette = paletteFor(theme);
    update();
}

void MapCanvas::setScaleBarVisible(bool visible)
{
    m_showScaleBar = visible;
    update();
}

void MapCanvas::setCoordinatesVisible(bool visible)
{
    m_showCoordinates = visible;
    update();
}

void MapCanvas::setSelectedArea(const MultiPolygon& area)
{
    m_selected = area;
    update();
}

void MapCanvas::clearSelectedArea() { setSelectedArea({}); }

void MapCanvas::setHoverPoint(std::optional<LonLat> pos)
{
    m_hover = pos;
    update();
}

void MapCanvas::setPulses(const QList<LonLat>& positions)
{
    m_pulses = positions;
    if (m_pulses.isEmpty())
        m_pulseTimer.stop();
    else if (!m_pulseTimer.isActive())
        m_pulseTimer.start();
    update();
}

void MapCanvas::setDropResolver(DropResolver resolver) { m_dropResolver = std::move(resolver); }

void MapCanvas::setDropTarget(const DropTarget& target)
{
    if (target == m_dropTarget && target.caption == m_dropTarget.caption)
        return;
    m_dropTarget = target;
    update();
    emit dropTargetChanged(m_dropTarget);
}

QString MapCanvas::coordinateText() const
{
    if (!m_cursor)
        return {};
    const LonLat p = m_viewport.toLonLat(*m_cursor);
    const QString ns = p.lat >= 0 ? tr("N") : tr("S");
    const QString ew = p.lon >= 0 ? tr("E") : tr("W");
    return tr("%1° %2, %3° %4")
        .arg(std::abs(p.lat), 0, 'f', 5)
        .arg(ns)
        .arg(std::abs(p.lon), 0, 'f', 5)
        .arg(ew);
}

MapCanvas::ScaleBar MapCanvas::scaleBar() const
{
    const double mpp = m_viewport.metresPerPixel();
    ScaleBar bar;
    if (!(mpp > 0))
        return bar;
    // The largest 1-2-5 distance that fits in about 120 pixels.
    const double maxMetres = mpp * 120.0;
    const double magnitude = std::pow(10.0, std::floor(std::log10(maxMetres)));
    double nice = magnitude;
    for (double f : { 5.0, 2.0, 1.0 })
        if (f * magnitude <= maxMetres) {
            nice = f * magnitude;
            break;
        }
    bar.metres = nice;
    bar.pixels = nice / mpp;
    bar.text = nice >= 1000 ? tr("%1 km").arg(nice / 1000.0) : tr("%1 m").arg(nice);
    return bar;
}

// --- painting ---------------------------------------------------------------

void MapCanvas::paintEvent(QPaintEvent* event)
{
    ++m_paintCount;
    QElapsedTimer timer;
    timer.start();
    QPainter painter(this);
    const bool covered = m_scene && m_scene->coversView(m_viewport);
    // One rectangle at a time: the legend and grid card over the map make the region to
    // paint several rectangles, and under such a clip Qt 6.4 draws images span by span on
    // its global thread pool while the GUI thread waits (5-11 ms a paint in bench
    // change-burst); under a rectangle it copies them at once.
    for (const QRect& part : event->region()) {
        painter.setClipRect(part);
        if (!covered)
            painter.fillRect(part, m_scene ? m_scene->backgroundColor() : m_palette.background);
        if (m_scene)
            m_scene->compose(painter, m_viewport);
    }
    painter.setClipping(false);
    paintOverlays(painter);
    qCDebug(lcMapPaint).nospace() << objectName() << " painted " << event->region().boundingRect() << " ("
                                  << event->region().rectCount() << " rectangles) in "
                                  << timer.nsecsElapsed() / 1e6 << " ms, " << (covered ? "flat" : "layer by layer")
                                  << (isAnimating() ? ", moving" : "");
}

QPolygonF MapCanvas::areaPixels(const Polygon& part) const
{
    QPolygonF out;
    out.reserve(part.outer.size());
    for (const LonLat& p : part.outer)
        out.append(m_viewport.toPixel(p));
    return out;
}

void MapCanvas::paintOverlays(QPainter& painter)
{
    painter.setRenderHint(QPainter::Antialiasing);
    if (!m_selected.isEmpty()) {
        painter.setPen(QPen(m_palette.selection, 3));
        painter.setBrush(Qt::NoBrush);
        for (const Polygon& part : m_selected.parts)
            painter.drawPolygon(areaPixels(part));
    }
    if (m_dropTarget.isValid()) {
        painter.setPen(QPen(m_palette.dropHighlight, 3));
        painter.setBrush(Qt::NoBrush);
        if (m_dropTarget.kind == DropTarget::Kind::Grid) {
            for (const Polygon& part : m_dropTarget.outline.parts)
                painter.drawPolygon(areaPixels(part));
        } else {
            painter.drawEllipse(m_viewport.toPixel(m_dropTarget.anchor), 14, 14);
        }
    }
    if (m_hover) {
        painter.setPen(QPen(m_palette.selection, 2));
        painter.setBrush(Qt::NoBrush);
        painter.drawEllipse(m_viewport.toPixel(*m_hover), 11, 11);
    }
    paintPulses(painter);
    if (m_dropTarget.isValid() && m_dropPos && !m_dropTarget.caption.isEmpty()) {
        const QFontMetrics fm(font());
        const QRect text = fm.boundingRect(m_dropTarget.caption).adjusted(-6, -4, 6, 4);
        QRect box(m_dropPos->toPoint() + QPoint(16, 16), text.size());
        box.moveRight(std::min(box.right(), width() - 4));
        box.moveBottom(std::min(box.bottom(), height() - 4));
        painter.setPen(m_palette.dropHighlight);
        painter.setBrush(m_palette.background);
        painter.drawRoundedRect(box, 4, 4);
        painter.setPen(m_palette.label);
        painter.drawText(box, Qt::AlignCenter, m_dropTarget.caption);
    }
    paintScaleBar(painter);
    paintReadout(painter);
}

QList<QPointF> MapCanvas::pulseSpots() const
{
    // Each spot once: a burst of reports may put dozens of red disputes on one pixel.
    const QRectF visible = QRectF(rect()).adjusted(-kPulseReach, -kPulseReach, kPulseReach, kPulseReach);
    QList<QPointF> spots;
    QSet<quint64> seen;
    for (const LonLat& p : m_pulses) {
        const QPointF px = m_viewport.toPixel(p);
        const QPoint at = px.toPoint();
        const quint64 key = (quint64(quint32(at.x())) << 32) | quint32(at.y());
        if (!visible.contains(px) || seen.contains(key))
            continue;
        seen.insert(key);
        spots.append(px);
    }
    return spots;
}

void MapCanvas::updatePulses()
{
    // Only the squares the rings sweep: a repaint of the whole map 25 times a second
    // re-blended every layer while the map had no flattened image (after a change).
    const QList<QPointF> spots = pulseSpots();
    constexpr int kMostSquares = 32; // beyond that one rectangle around them all
    QRegion region;
    QRect around;
    for (const QPointF& px : spots) {
        const QRect square(px.toPoint() - QPoint(kPulseReach, kPulseReach), QSize(2 * kPulseReach, 2 * kPulseReach));
        around |= square;
        if (spots.size() <= kMostSquares)
            region += square;
    }
    update(spots.size() <= kMostSquares ? region : QRegion(around));
}

void MapCanvas::paintPulses(QPainter& painter)
{
    if (m_pulses.isEmpty())
        return;
    // An expanding, fading ring, drawn once into a small image and stamped at each spot:
    // an antialiased translucent stroke per red dispute cost 5-10 ms a frame in a burst.
    // One image per step of the animation, drawn once: Qt 6.4 hands the ring's stroke to
    // its global thread pool and the GUI thread waited for it in every frame (bench
    // change-burst: 100 such waits in a burst, several milliseconds each on a busy machine).
    const qreal dpr = devicePixelRatioF();
    const int step = int(m_clock.elapsed() % kPulsePeriodMs) * kPulseSteps / kPulsePeriodMs;
    if (m_pulseSprites.size() != kPulseSteps || m_pulseDpr != dpr) { // first pulse, or another screen
        m_pulseSprites = QList<QImage>(kPulseSteps);
        m_pulseDpr = dpr;
    }
    const int half = kPulseReach;
    QImage& sprite = m_pulseSprites[step];
    if (sprite.isNull()) {
        const double phase = double(step) / kPulseSteps;
        QColor ring(0xff, 0x30, 0x30);
        ring.setAlphaF(1.0 - phase);
        const double radius = 10 + 26 * phase;
        sprite = QImage(QSize(2 * half, 2 * half) * dpr, QImage::Format_ARGB32_Premultiplied);
        sprite.setDevicePixelRatio(dpr);
        sprite.fill(Qt::transparent);
        QPainter p(&sprite);
        p.setRenderHint(QPainter::Antialiasing);
        p.setPen(QPen(ring, kPulsePen));
        p.setBrush(Qt::NoBrush);
        p.drawEllipse(QPointF(half, half), radius, radius);
    }
    for (const QPointF& px : pulseSpots())
        painter.drawImage(px - QPointF(half, half), sprite);
}

void MapCanvas::paintScaleBar(QPainter& painter)
{
    if (!m_showScaleBar)
        return;
    const ScaleBar bar = scaleBar();
    if (bar.pixels <= 0)
        return;
    const QPointF origin(16, height() - 18);
    painter.setPen(QPen(m_palette.labelHalo, 5, Qt::SolidLine, Qt::FlatCap));
    painter.drawLine(origin, origin + QPointF(bar.pixels, 0));
    painter.setPen(QPen(m_palette.scaleBar, 2, Qt::SolidLine, Qt::FlatCap));
    painter.drawLine(origin, origin + QPointF(bar.pixels, 0));
    painter.drawLine(origin, origin + QPointF(0, -6));
    painter.drawLine(origin + QPointF(bar.pixels, 0), origin + QPointF(bar.pixels, -6));
    painter.drawText(origin + QPointF(4, -8), bar.text);
}

void MapCanvas::paintReadout(QPainter& painter)
{
    if (!m_showCoordinates || !m_cursor)
        return;
    const QString text = coordinateText();
    const QFontMetrics fm(font());
    QRect box = fm.boundingRect(text).adjusted(-6, -3, 6, 3);
    box.moveBottomRight(QPoint(width() - 8, height() - 8));
    painter.setPen(Qt::NoPen);
    painter.setBrush(m_palette.background);
    painter.drawRect(box);
    painter.setPen(m_palette.label);
    painter.drawText(box, Qt::AlignCenter, text);
}

// --- input ------------------------------------------------------------------

void MapCanvas::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    syncViewportGeometry();
    // A window still settling its layout should not leave the framed area small or cut off.
    if (m_fitBox.valid) {
        stopMotion();
        Viewport v = m_viewport;
        v.fitBox(m_fitBox, m_fitMargin);
        applyViewport(v);
    }
}

void MapCanvas::mousePressEvent(QMouseEvent* event)
{
    m_fitBox = {}; // the user takes over
    if (event->button() != Qt::LeftButton) {
        QWidget::mousePressEvent(event);
        return;
    }
    stopMotion();
    m_pressed = true;
    m_dragging = false;
    m_pressPos = m_lastPos = event->position();
    m_samples = { { event->position(), m_clock.elapsed() } };
}

void MapCanvas::mouseMoveEvent(QMouseEvent* event)
{
    m_cursor = event->position();
    if (m_pressed) {
        if (!m_dragging && (event->position() - m_pressPos).manhattanLength() >= 4)
            m_dragging = true;
        if (m_dragging) {
            panBy(event->position() - m_lastPos);
            m_lastPos = event->position();
            const qint64 now = m_clock.elapsed();
            m_samples.append({ event->position(), now });
            while (m_samples.size() > 2 && now - m_samples.first().ms > 100)
                m_samples.removeFirst();
        }
    } else {
        emit hovered(m_viewport.toLonLat(event->position()));
    }
    update(); // the readout follows the cursor
}

void MapCanvas::mouseReleaseEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton || !m_pressed) {
        QWidget::mouseReleaseEvent(event);
        return;
    }
    m_pressed = false;
    if (!m_dragging) {
        emit clicked(m_viewport.toLonLat(event->position()), event->position());
        return;
    }
    m_dragging = false;
    // Inertia from the last ~100 ms of the drag; a drag that stopped before release has none.
    const qint64 now = m_clock.elapsed();
    if (m_samples.size() >= 2 && now - m_samples.last().ms < 50) {
        const Sample& a = m_samples.first();
        const Sample& b = m_samples.last();
        const double dt = std::max<qint64>(1, b.ms - a.ms);
        m_velocity = (b.pos - a.pos) / dt;
        if (std::hypot(m_velocity.x(), m_velocity.y()) >= kMinInertiaSpeed) {
            m_lastInertiaMs = now;
            m_inertiaTimer.start();
        }
    }
}

void MapCanvas::inertiaStep()
{
    const qint64 now = m_clock.elapsed();
    const double dt = std::max<qint64>(1, now - m_lastInertiaMs);
    m_lastInertiaMs = now;
    panBy(m_velocity * dt);
    m_velocity *= std::exp(-dt / kInertiaTimeConstantMs);
    if (std::hypot(m_velocity.x(), m_velocity.y()) < kMinInertiaSpeed) {
        m_inertiaTimer.stop();
        m_velocity = {};
    }
}

void MapCanvas::leaveEvent(QEvent* event)
{
    m_cursor.reset();
    update();
    QWidget::leaveEvent(event);
}

void MapCanvas::wheelEvent(QWheelEvent* event)
{
    m_fitBox = {}; // the user takes over
    const QPoint angle = event->angleDelta();
    if (angle.y() == 0) {
        event->ignore();
        return;
    }
    stopMotion();
    // One notch (120) is half a zoom level; smooth wheels send smaller deltas.
    zoomAround(event->position(), std::exp2(angle.y() / 240.0));
    event->accept();
}

void MapCanvas::keyPressEvent(QKeyEvent* event)
{
    m_fitBox = {}; // the user takes over
    const double step = (event->modifiers() & Qt::ShiftModifier) ? kKeyPanStep * 4 : kKeyPanStep;
    const QPointF centre(width() / 2.0, height() / 2.0);
    const QPointF anchor = m_cursor && rect().contains(m_cursor->toPoint()) ? *m_cursor : centre;
    switch (event->key()) {
    case Qt::Key_Left:
        panBy({ step, 0 });
        break;
    case Qt::Key_Right:
        panBy({ -step, 0 });
        break;
    case Qt::Key_Up:
        panBy({ 0, step });
        break;
    case Qt::Key_Down:
        panBy({ 0, -step });
        break;
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomAround(anchor, 2.0);
        break;
    case Qt::Key_Minus:
    case Qt::Key_Underscore:
        zoomAround(anchor, 0.5);
        break;
    default:
        QWidget::keyPressEvent(event);
        return;
    }
    stopMotion();
    event->accept();
}

bool MapCanvas::event(QEvent* event)
{
    if (event->type() == QEvent::NativeGesture) {
        auto* g = static_cast<QNativeGestureEvent*>(event);
        if (g->gestureType() == Qt::ZoomNativeGesture) {
            zoomAround(g->position(), 1.0 + g->value());
            return true;
        }
    } else if (event->type() == QEvent::Gesture) {
        auto* g = static_cast<QGestureEvent*>(event);
        if (auto* pinch = static_cast<QPinchGesture*>(g->gesture(Qt::PinchGesture))) {
            if (pinch->changeFlags() & QPinchGesture::ScaleFactorChanged)
                zoomAround(mapFromGlobal(pinch->centerPoint().toPoint()), pinch->scaleFactor());
            g->accept(pinch);
            return true;
        }
    }
    return QWidget::event(event);
}

// --- case drops ---------------------------------------------------------------

void MapCanvas::dragEnterEvent(QDragEnterEvent* event)
{
    if (m_dropResolver && hasCaseIds(event->mimeData()))
        event->acceptProposedAction();
    else
        event->ignore();
}

void MapCanvas::dragMoveEvent(QDragMoveEvent* event)
{
    if (!m_dropResolver || !hasCaseIds(event->mimeData())) {
        event->ignore();
        return;
    }
    m_dropPos = event->position();
    const DropTarget target = m_dropResolver(event->position(), m_viewport);
    setDropTarget(target);
    if (target.isValid())
        event->acceptProposedAction();
    else
        event->ignore();
    update();
}

void MapCanvas::dragLeaveEvent(QDragLeaveEvent* event)
{
    m_dropPos.reset();
    setDropTarget({});
    QWidget::dragLeaveEvent(event);
}

void MapCanvas::dropEvent(QDropEvent* event)
{
    const DropTarget target = m_dropResolver ? m_dropResolver(event->position(), m_viewport) : DropTarget {};
    const QList<qint64> ids = caseIdsFromMime(event->mimeData());
    m_dropPos.reset();
    setDropTarget({});
    if (!target.isValid() || ids.isEmpty()) {
        event->ignore();
        return;
    }
    event->acceptProposedAction();
    emit casesDropped(ids, target);
}

} // namespace gridhall
