#pragma once
// Pre-rendered marker images: drawing a sprite is ~5× cheaper than drawEllipse (PERF.md).

#include <QColor>
#include <QImage>

namespace gridhall::sprites {

enum class Shape { Dot, Ring, Diamond };

// A premultiplied sprite of diameter logical pixels at the given device pixel ratio.
QImage make(Shape shape, const QColor& fill, const QColor& border, double diameter, qreal dpr,
    double borderWidth = 1.5);
// Top-left position that centres sprite on a logical point, on whole device pixels so the
// raster engine takes its unscaled blit path.
QPointF placeAt(const QImage& sprite, QPointF centre);

} // namespace gridhall::sprites
