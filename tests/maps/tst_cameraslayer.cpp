// The camera layer: icons look where the camera looks, overlapping icons merge into a
// counted bubble that resolves when zoomed in, and a click finds the camera under it.

#include "maps/cameraslayer.h"

#include <QImage>
#include <QPainter>
#include <QTest>

using namespace gridhall;

class TestCamerasLayer : public QObject {
    Q_OBJECT

private slots:
    void wedgePointsTheViewDirection();
    void overlappingCamerasCluster();
    void clickFindsTheCamera();

private:
    static Camera camera(const QString& code, LonLat at, double direction)
    {
        Camera c;
        c.code = code;
        c.name = code;
        c.position = at;
        c.direction = direction;
        return c;
    }
    static QImage render(const CamerasLayer& layer, const Viewport& v)
    {
        QImage image(v.size(), QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::transparent);
        QPainter p(&image);
        const std::atomic_bool cancel { false };
        layer.createRenderer(v)->render(p, cancel);
        return image;
    }
    const LonLat m_centre { 113.32, 23.13 };
};

void TestCamerasLayer::wedgePointsTheViewDirection()
{
    CamerasLayer layer;
    layer.setCameras({ camera("E", m_centre, 90) }); // looks east
    const Viewport v(m_centre, 18, QSize(200, 200));
    const QImage east = render(layer, v);
    QVERIFY(qAlpha(east.pixel(100 + 28, 100)) > 0);
    QCOMPARE(qAlpha(east.pixel(100 - 28, 100)), 0);
    QCOMPARE(qAlpha(east.pixel(100, 100 - 28)), 0);

    layer.setCameras({ camera("N", m_centre, 0) }); // looks north: up on the map
    const QImage north = render(layer, v);
    QVERIFY(qAlpha(north.pixel(100, 100 - 28)) > 0);
    QCOMPARE(qAlpha(north.pixel(100 + 28, 100)), 0);

    layer.setCameras({ camera("D", m_centre, -1) }); // a dome: no wedge, the icon only
    const QImage dome = render(layer, v);
    QCOMPARE(qAlpha(dome.pixel(100, 100 - 28)), 0);
    QVERIFY(qAlpha(dome.pixel(100, 100)) > 0);

    // Zoomed out to whole streets, the wedge is left out and the icon stays.
    layer.setCameras({ camera("E", m_centre, 90) });
    const QImage far = render(layer, Viewport(m_centre, CamerasLayer::kWedgeMinZoom - 1, QSize(200, 200)));
    QCOMPARE(qAlpha(far.pixel(100 + 28, 100)), 0);
    QVERIFY(qAlpha(far.pixel(100, 100)) > 0);
}

void TestCamerasLayer::overlappingCamerasCluster()
{
    CamerasLayer layer;
    // Three cameras at one crossing (a few metres apart) and one a kilometre away.
    layer.setCameras({ camera("A", m_centre, 0), camera("B", { m_centre.lon + 0.00003, m_centre.lat }, 90),
        camera("C", { m_centre.lon, m_centre.lat + 0.00003 }, 180), camera("D", { m_centre.lon + 0.01, m_centre.lat }, 270) });
    QList<CameraMark> marks = layer.marksFor(Viewport(m_centre, 13, QSize(800, 600)));
    QCOMPARE(marks.size(), 2);
    QList<int> counts { marks[0].count, marks[1].count };
    std::sort(counts.begin(), counts.end());
    QCOMPARE(counts, (QList<int> { 1, 3 }));
    // Zoomed in to the crossing, each camera stands alone.
    marks = layer.marksFor(Viewport(m_centre, 21, QSize(800, 600)));
    QCOMPARE(marks.size(), 3); // D is off screen now
    for (const CameraMark& m : marks)
        QCOMPARE(m.count, 1);
    // The cluster is drawn with its count: pixels near its centre are painted.
    const Viewport far(m_centre, 13, QSize(800, 600));
    const QImage image = render(layer, far);
    const QPointF c = far.toPixel(m_centre);
    QVERIFY(qAlpha(image.pixel(c.toPoint())) > 0);
}

void TestCamerasLayer::clickFindsTheCamera()
{
    CamerasLayer layer;
    layer.setCameras({ camera("A", m_centre, 0), camera("D", { m_centre.lon + 0.001, m_centre.lat }, 270) });
    const Viewport v(m_centre, 18, QSize(800, 600));
    const std::optional<Camera> hit = layer.cameraAt(v.toPixel(m_centre) + QPointF(3, -2), v);
    QVERIFY(hit);
    QCOMPARE(hit->code, QStringLiteral("A"));
    QCOMPARE(layer.cameraAt(v.toPixel({ m_centre.lon + 0.001, m_centre.lat }), v)->code, QStringLiteral("D"));
    QVERIFY(!layer.cameraAt(v.toPixel(m_centre) + QPointF(60, 60), v));
    // A cluster is no camera: a click there finds none.
    const Viewport far(m_centre, 10, QSize(800, 600));
    QVERIFY(!layer.cameraAt(far.toPixel(m_centre), far));
}

QTEST_MAIN(TestCamerasLayer)
#include "tst_cameraslayer.moc"
