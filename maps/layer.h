#pragma once
// A map layer hands out renderers. On the GUI thread createRenderer() copies everything
// the renderer needs (implicitly shared containers make that cheap); the renderer then
// draws on a worker thread without touching the layer again, so no locks are needed.

#include "maps/viewport.h"

#include <QLoggingCategory>
#include <QObject>
#include <QRect>
#include <QString>

#include <atomic>
#include <memory>
#include <optional>
#include <vector>

class QPainter;

namespace gridhall {

Q_DECLARE_LOGGING_CATEGORY(lcMap)

// Drawing order: stages first, then z-order within a stage. Area names go under the case
// and worker markers: a name must never hide a red dispute or a cluster's count (issue 15).
enum class RenderStage { Basemap, Areas, Heat, Labels, Cases, Workers };

// What a renderer drew into an image, kept beside it so that a later renderer of the same
// layer can tell which pixels it would draw differently (see LayerRenderer::differences).
class DrawnFrame {
public:
    virtual ~DrawnFrame() = default;
};

class LayerRenderer {
public:
    virtual ~LayerRenderer() = default;
    // Draws onto a transparent premultiplied image the size of the viewport (the painter's
    // coordinates are logical pixels). Checks cancel between batches of features and
    // returns early when it is set.
    virtual void render(QPainter& painter, const std::atomic_bool& cancel) = 0;

    // Partial frames, for live layers whose frames differ in small spots (20,000 workers at
    // 4K: a new frame moves a few thousand 14-pixel markers). The default cannot compare.
    // What render() or renderWithin() draws, to compare a later frame with; null when frames
    // cannot be compared.
    virtual std::shared_ptr<const DrawnFrame> drawn() const { return nullptr; }
    // Rectangles in device pixels (they may overlap) outside which an image drawn as
    // before equals what render() would draw; nullopt when that cannot be told (another
    // viewport, look or renderer).
    virtual std::optional<std::vector<QRect>> differences(const DrawnFrame& before) const
    {
        Q_UNUSED(before);
        return std::nullopt;
    }
    // Brings an image that shows an earlier frame up to date within rects (device pixels):
    // each is cleared and drawn again, so afterwards the image equals render()'s wherever
    // differences() found the two frames apart.
    virtual void renderWithin(QPainter& painter, const std::vector<QRect>& rects, const std::atomic_bool& cancel)
    {
        Q_UNUSED(painter);
        Q_UNUSED(rects);
        Q_UNUSED(cancel);
    }
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
