#include "maps/cameraslayer.h"

#include <QHash>
#include <QPainter>
#include <QPainterPath>

#include <cmath>

namespace gridhall {

namespace {

struct Bin {
    double sx = 0, sy = 0;
    int count = 0;
    int first = -1;
};

QList<CameraMark> binCameras(const QList<Camera>& cameras, const Viewport& viewport)
{
    // Cells keyed by their column and row; a camera off screen (with a margin for its wedge)
    // is left out.
    const QRectF shown = QRectF(QPointF(0, 0), QSizeF(viewport.size())).adjusted(-CamerasLayer::kWedgeLength,
        -CamerasLayer::kWedgeLength, CamerasLayer::kWedgeLength, CamerasLayer::kWedgeLength);
    QHash<quint64, Bin> bins;
    QList<quint64> order;
    for (int i = 0; i < cameras.size(); ++i) {
        const QPointF px = viewport.toPixel(cameras[i].position);
        if (!shown.contains(px))
            continue;
        const auto col = qint64(std::floor(px.x() / CamerasLayer::kClusterCell));
        const auto row = qint64(std::floor(px.y() / CamerasLayer::kClusterCell));
        const quint64 key = (quint64(quint32(col)) << 32) | quint32(row);
        Bin& b = bins[key];
        if (b.count == 0) {
            b.first = i;
            order.append(key);
        }
        b.sx += px.x();
        b.sy += px.y();
        ++b.count;
    }
    QList<CameraMark> marks;
    marks.reserve(order.size());
    for (quint64 key : std::as_const(order)) {
        const Bin& b = bins[key];
        if (b.count == 1)
            marks.append({ viewport.toPixel(cameras[b.first].position), 1, b.first });
        else
            marks.append({ QPointF(b.sx / b.count, b.sy / b.count), b.count, -1 });
    }
    return marks;
}

class CamerasRenderer : public LayerRenderer {
public:
    CamerasRenderer(QList<Camera> cameras, const Viewport& viewport)
        : m_cameras(std::move(cameras))
        , m_viewport(viewport)
    {
    }

    void render(QPainter& p, const std::atomic_bool& cancel) override
    {
        p.setRenderHint(QPainter::Antialiasing);
        const QList<CameraMark> marks = binCameras(m_cameras, m_viewport);
        QFont font = p.font();
        font.setBold(true);
        font.setPixelSize(12);
        p.setFont(font);
        const bool wedges = m_viewport.zoom() >= CamerasLayer::kWedgeMinZoom;
        int drawn = 0;
        for (const CameraMark& m : marks) {
            if ((++drawn & 255) == 0 && cancel)
                return;
            if (m.count > 1)
                CamerasLayer::paintCluster(p, m.pixel, m.count);
            else
                CamerasLayer::paintCamera(p, m_cameras[m.index], m.pixel, wedges);
        }
    }

private:
    QList<Camera> m_cameras;
    Viewport m_viewport;
};

} // namespace

CamerasLayer::CamerasLayer(QObject* parent)
    : MapLayer(RenderStage::Cases, parent)
{
    setZOrder(-1); // under the case markers: a red dispute stays on top
}

void CamerasLayer::setCameras(const QList<Camera>& cameras)
{
    m_cameras = cameras;
    requestRepaint();
}

void CamerasLayer::paintCluster(QPainter& p, QPointF at, int count)
{
    // A rounded square, not a disc: it must not pass for a cluster of cases.
    const double r = 10 + std::min(8.0, std::log2(double(count)) * 2);
    p.setPen(QPen(Qt::white, 2));
    p.setBrush(QColor(70, 70, 80));
    p.drawRoundedRect(QRectF(at.x() - r, at.y() - r, 2 * r, 2 * r), 5, 5);
    p.setPen(Qt::white);
    p.drawText(QRectF(at.x() - r, at.y() - r, 2 * r, 2 * r), Qt::AlignCenter, QString::number(count));
}

void CamerasLayer::paintCamera(QPainter& p, const Camera& c, QPointF at, bool withWedge)
{
    const QColor colour = CamerasLayer::kindColour(c.kind);
    if (withWedge && c.hasDirection()) {
        // The field of view: a 60° wedge towards the view direction (0° = north, up).
        QPainterPath wedge(at);
        const QRectF arc(at.x() - CamerasLayer::kWedgeLength, at.y() - CamerasLayer::kWedgeLength,
            2 * CamerasLayer::kWedgeLength, 2 * CamerasLayer::kWedgeLength);
        wedge.arcTo(arc, 90 - c.direction + 30, -60);
        wedge.closeSubpath();
        QColor fill = colour;
        fill.setAlpha(90);
        p.setPen(Qt::NoPen);
        p.setBrush(fill);
        p.drawPath(wedge);
    }
    const double s = CamerasLayer::kIconSize;
    const QRectF body(at.x() - s / 2, at.y() - s * 0.35, s * 0.72, s * 0.7);
    p.setPen(QPen(Qt::white, 1.5));
    p.setBrush(colour);
    p.drawRoundedRect(body, 2.5, 2.5);
    // The lens side: a small triangle to the right of the body.
    const QPolygonF lens { QPointF(body.right(), at.y()), QPointF(at.x() + s / 2, at.y() - s * 0.3),
        QPointF(at.x() + s / 2, at.y() + s * 0.3) };
    p.drawPolygon(lens);
}

QColor CamerasLayer::kindColour(CameraKind kind)
{
    switch (kind) {
    case CameraKind::Road: return QColor(30, 110, 200);
    case CameraKind::Compound: return QColor(0, 140, 120);
    case CameraKind::FaceMatching: return QColor(130, 60, 180);
    }
    return QColor(30, 110, 200);
}

QList<CameraMark> CamerasLayer::marksFor(const Viewport& viewport) const
{
    return binCameras(m_cameras, viewport);
}

std::optional<Camera> CamerasLayer::cameraAt(QPointF pixel, const Viewport& viewport) const
{
    std::optional<Camera> best;
    double bestD2 = kIconSize * kIconSize / 2;
    for (const CameraMark& m : marksFor(viewport)) {
        const QPointF d = m.pixel - pixel;
        const double d2 = d.x() * d.x() + d.y() * d.y();
        if (m.count == 1 && d2 <= bestD2) {
            best = m_cameras[m.index];
            bestD2 = d2;
        }
    }
    return best;
}

std::unique_ptr<LayerRenderer> CamerasLayer::createRenderer(const Viewport& viewport) const
{
    return std::make_unique<CamerasRenderer>(m_cameras, viewport);
}

} // namespace gridhall
