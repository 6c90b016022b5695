#include "maps/sprites.h"

#include <QPainter>
#include <QPainterPath>

#include <cmath>

namespace gridhall::sprites {

QImage make(Shape shape, const QColor& fill, const QColor& border, double diameter, qreal dpr,
    double borderWidth)
{
    const int side = int(std::ceil((diameter + 2) * dpr));
    QImage image(side, side, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    image.setDevicePixelRatio(dpr);
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    const double logical = side / dpr;
    const QPointF c(logical / 2, logical / 2);
    const double r = diameter / 2 - borderWidth / 2;
    QPen pen(border, borderWidth);
    switch (shape) {
    case Shape::Dot:
        p.setPen(pen);
        p.setBrush(fill);
        p.drawEllipse(c, r, r);
        break;
    case Shape::Ring:
        p.setPen(QPen(fill, borderWidth * 1.6));
        p.setBrush(Qt::NoBrush);
        p.drawEllipse(c, r, r);
        break;
    case Shape::Diamond: {
        QPainterPath path;
        path.moveTo(c.x(), c.y() - r);
        path.lineTo(c.x() + r, c.y());
        path.lineTo(c.x(), c.y() + r);
        path.lineTo(c.x() - r, c.y());
        path.closeSubpath();
        p.setPen(pen);
        p.setBrush(fill);
        p.drawPath(path);
        break;
    }
    }
    return image;
}

QPointF placeAt(const QImage& sprite, QPointF centre)
{
    const qreal dpr = sprite.devicePixelRatio();
    const double half = sprite.width() / dpr / 2;
    return { std::round((centre.x() - half) * dpr) / dpr, std::round((centre.y() - half) * dpr) / dpr };
}

} // namespace gridhall::sprites
