#pragma once
// A map layer hands out renderers. On the GUI thread createRenderer() copies everything
// the renderer needs (implicitly shared containers make that cheap); the renderer then
// draws on a worker thread without touching the layer again, so no locks are needed.

#include "maps/viewport.h"

#include <QLoggingCategory>
#include <QObject>
#include <QString>

#include <atomic>
#include <memory>

class QPainter;

namespace gridhall {

Q_DECLARE_LOGGING_CATEGORY(lcMap)

// Drawing order: stages first, then z-order within a stage. Area names go under the case
// and worker markers: a name must never hide a red dispute or a cluster's count (issue 15).
enum class RenderStage { Basemap, Areas, Heat, Labels, Cases, Workers };

class LayerRenderer {
public:
    virtual ~LayerRenderer() = default;
    // Draws onto a transparent premultiplied image the size of the viewport (the painter's
    // coordinates are logical pixels). Checks cancel between batches of features and
    // returns early when it is set.
    virtual void render(QPainter& painter, const std::atomic_bool& cancel) = 0;
};

class MapLayer : public QObject {
    Q_OBJECT
public:
    MapLayer(RenderStage stage, QObject* parent = nullptr);

    RenderStage stage() const { return m_stage; }
    int zOrder() const { return m_zOrder; }
    void setZOrder(int z);
    bool isVisible() const { return m_visible; }
    void setVisible(bool visible);
    // Applied once when the layer's image is blitted, so renderers draw opaque colours.
    qreal opacity() const { return m_opacity; }
    void setOpacity(qreal opacity);
    // A live layer changes many times a second (worker positions). The scene keeps the
    // other layers flattened and, on a new image of a live layer, copies that and blends
    // the live layers over it, instead of blending every layer again; live layers are
    // drawn above every other layer.
    bool isLive() const { return m_live; }
    void setLive(bool live);
    // Bumped whenever the layer's content changes; cached images of older revisions are stale.
    quint64 revision() const { return m_revision; }

    virtual std::unique_ptr<LayerRenderer> createRenderer(const Viewport& viewport) const = 0;

    // True when stage/z-order say a comes before b.
    static bool drawsBefore(const MapLayer* a, const MapLayer* b);

signals:
    // The content changed: the layer must be rendered again.
    void repaintRequested();
    // Visibility, opacity or order changed: the cached image stays valid, compose again.
    void appearanceChanged();

protected:
    // Call after every content change.
    void requestRepaint();

private:
    RenderStage m_stage;
    int m_zOrder = 0;
    bool m_visible = true;
    bool m_live = false;
    qreal m_opacity = 1.0;
    quint64 m_revision = 1;
};

} // namespace gridhall
