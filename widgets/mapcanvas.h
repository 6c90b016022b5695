#pragma once
// The map on screen. paintEvent only blits the scene's cached layer images (shifted or
// scaled while the view moves) and draws light overlays: selection, hover, the drop
// highlight, pulses of new red disputes, the scale bar and the coordinate readout.
// Rendering happens in the scene's background jobs, never here.
//
// Input: drag to pan (with inertia), wheel and +/- to zoom around the cursor (or centre),
// arrow keys to pan, pinch to zoom. Cases dragged from a queue (kCaseIdsMimeType) can be
// dropped on a worker or a grid cell; the target under the cursor is highlighted with a
// caption while the drag hovers.

#include "maps/droptarget.h"
#include "maps/mapscene.h"
#include "maps/maptheme.h"
#include "maps/viewport.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QTimer>
#include <QWidget>

#include <functional>
#include <optional>

class QVariantAnimation;

namespace gridhall {


class MapCanvas : public QWidget {
    Q_OBJECT
public:
    explicit MapCanvas(QWidget* parent = nullptr);
    ~MapCanvas() override;

    // The scene is not owned; it must outlive the canvas or be reset first.
    void setScene(MapScene* scene);
    MapScene* scene() const { return m_scene; }

    const Viewport& viewport() const { return m_viewport; }
    // Centre and zoom; the size and pixel ratio always follow the widget.
    void setView(LonLat center, double zoom);
    void flyTo(LonLat center, double zoom, int durationMs = 600);
    void zoomToBox(const GeoBox& box, int marginPixels = 40, int durationMs = 600);
    void zoomAround(QPointF anchor, double factor);
    void panBy(QPointF delta);
    bool isAnimating() const;
    void stopMotion();

    void setTheme(MapTheme theme);
    void setScaleBarVisible(bool visible);
    void setCoordinatesVisible(bool visible);

    // Overlays, drawn over the layer images without re-rendering them.
    void setSelectedArea(const MultiPolygon& area);
    void clearSelectedArea();
    void setHoverPoint(std::optional<LonLat> pos);
    // Positions of red disputes nobody has acknowledged yet; they pulse until cleared.
    void setPulses(const QList<LonLat>& positions);
    int pulseCount() const { return int(m_pulses.size()); }

    // Decides what a case drop at a pixel would target. Without one, nothing accepts drops.
    using DropResolver = std::function<DropTarget(QPointF pixel, const Viewport& viewport)>;
    void setDropResolver(DropResolver resolver);
    const DropTarget& hoveredDropTarget() const { return m_dropTarget; }

    // Text of the coordinate readout for the last cursor position ("" when none).
    QString coordinateText() const;
    // Text and length in pixels of the scale bar for the current view.
    struct ScaleBar {
        QString text;
        double pixels = 0;
        double metres = 0;
    };
    ScaleBar scaleBar() const;
    quint64 paintCount() const { return m_paintCount; }

    QSize sizeHint() const override { return { 800, 600 }; }

signals:
    void viewportChanged(const gridhall::Viewport& viewport);
    // A click without a drag.
    void clicked(gridhall::LonLat pos, QPointF pixel);
    void hovered(gridhall::LonLat pos);
    void dropTargetChanged(const gridhall::DropTarget& target);
    void casesDropped(const QList<qint64>& caseIds, const gridhall::DropTarget& target);

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dragMoveEvent(QDragMoveEvent* event) override;
    void dragLeaveEvent(QDragLeaveEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    bool event(QEvent* event) override;

private:
    void applyViewport(const Viewport& viewport);
    void syncViewportGeometry();
    void inertiaStep();
    void setDropTarget(const DropTarget& target);
    void paintOverlays(QPainter& painter);
    void paintPulses(QPainter& painter);
    QList<QPointF> pulseSpots() const; // where rings show, each pixel once
    void updatePulses();
    void paintScaleBar(QPainter& painter);
    void paintReadout(QPainter& painter);
    QPolygonF areaPixels(const Polygon& part) const;

    QPointer<MapScene> m_scene;
    Viewport m_viewport;
    MapTheme m_theme = MapTheme::Wall;
    MapPalette m_palette;
    bool m_showScaleBar = true;
    bool m_showCoordinates = true;

    // Dragging and inertia.
    bool m_pressed = false;
    bool m_dragging = false;
    QPointF m_pressPos;
    QPointF m_lastPos;
    struct Sample {
        QPointF pos;
        qint64 ms;
    };
    QList<Sample> m_samples;
    QElapsedTimer m_clock;
    QPointF m_velocity; // pixels per ms
    qint64 m_lastInertiaMs = 0;
    QTimer m_inertiaTimer;
    QVariantAnimation* m_flight = nullptr;
    std::optional<std::pair<LonLat, double>> m_flightTarget; // centre and zoom of m_flight
    // The box last framed by zoomToBox, kept framed through resizes until the user moves the map.
    GeoBox m_fitBox;
    int m_fitMargin = 0;

    std::optional<QPointF> m_cursor;
    MultiPolygon m_selected;
    std::optional<LonLat> m_hover;
    QList<LonLat> m_pulses;
    QTimer m_pulseTimer;
    QList<QImage> m_pulseSprites; // the ring at each step of its animation, drawn on first use
    qreal m_pulseDpr = 0; // the pixel ratio they were drawn for
    DropResolver m_dropResolver;
    DropTarget m_dropTarget;
    std::optional<QPointF> m_dropPos;
    quint64 m_paintCount = 0;
};

} // namespace gridhall
