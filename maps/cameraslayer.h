#pragma once
// The hall's cameras on the map: a camera icon, coloured by kind, with a wedge showing where
// it looks; where icons would overlap they merge into a grey rounded square with the count, which resolves
// as the user zooms in. A click finds the camera (cameraAt) to open its live view.
//
// The clustering here is a simple screen-space binning of its own (cells of kClusterCell
// pixels); the case layer's clustering (maps/caseslayer) is the one to merge it into.

#include "maps/layer.h"
#include "models/domain/camera.h"

#include <QList>
#include <QPointF>
#include <optional>

class QPainter;

namespace gridhall {

// What the layer draws for a view: one camera, or a cluster of several.
struct CameraMark {
    QPointF pixel;
    int count = 1;
    int index = -1; // the camera (count 1), into cameras()
};

class CamerasLayer : public MapLayer {
    Q_OBJECT
public:
    explicit CamerasLayer(QObject* parent = nullptr);

    void setCameras(const QList<Camera>& cameras);
    const QList<Camera>& cameras() const { return m_cameras; }

    static constexpr double kClusterCell = 44;
    static constexpr double kIconSize = 18;
    static constexpr double kWedgeLength = 34;
    // Below this zoom (whole streets on screen) the view wedges are left out: hundreds of
    // them over the district hid the grid colours and the cases beneath.
    static constexpr double kWedgeMinZoom = 16;

    QList<CameraMark> marksFor(const Viewport& viewport) const;
    // The single camera whose icon covers pixel (a cluster gives none: zoom in first).
    std::optional<Camera> cameraAt(QPointF pixel, const Viewport& viewport) const;
    static QColor kindColour(CameraKind kind);
    // How the layer draws one camera and a cluster of count cameras centred at `at` (the
    // legend draws its swatches with them).
    static void paintCamera(QPainter& p, const Camera& c, QPointF at, bool withWedge = true);
    static void paintCluster(QPainter& p, QPointF at, int count);

    std::unique_ptr<LayerRenderer> createRenderer(const Viewport& viewport) const override;

private:
    QList<Camera> m_cameras;
};

} // namespace gridhall
