#include "maps/maptheme.h"

#include <algorithm>

namespace gridhall {

MapPalette paletteFor(MapTheme theme)
{
    if (theme == MapTheme::Wall) {
        return {
            .background = QColor(0x0d, 0x15, 0x22),
            .water = QColor(0x12, 0x2b, 0x45),
            .river = QColor(0x1c, 0x41, 0x66),
            .majorRoad = QColor(0x3a, 0x4a, 0x60),
            .minorRoad = QColor(0x22, 0x2e, 0x3e),
            .streetOutline = QColor(0x7f, 0xd4, 0xff),
            .communityOutline = QColor(0x4a, 0x8f, 0xc0),
            .gridOutline = QColor(0x2c, 0x4c, 0x6a),
            .label = QColor(0xdc, 0xe8, 0xf5),
            .labelHalo = QColor(0x0d, 0x15, 0x22),
            .trail = QColor(0x35, 0xd0, 0xe0),
            .selection = QColor(0xff, 0xe0, 0x4a),
            .dropHighlight = QColor(0x52, 0xff, 0x9a),
            .scaleBar = QColor(0xdc, 0xe8, 0xf5),
        };
    }
    return {
        .background = QColor(0xf2, 0xef, 0xe9),
        .water = QColor(0xaa, 0xd3, 0xdf),
        .river = QColor(0x8c, 0xc0, 0xd8),
        .majorRoad = QColor(0xff, 0xff, 0xff),
        .minorRoad = QColor(0xfb, 0xfa, 0xf7),
        .streetOutline = QColor(0x5a, 0x3e, 0x9c),
        .communityOutline = QColor(0x8a, 0x72, 0xc0),
        .gridOutline = QColor(0xb8, 0xb0, 0xc8),
        .label = QColor(0x22, 0x22, 0x2a),
        .labelHalo = QColor(0xff, 0xff, 0xff),
        .trail = QColor(0x1f, 0x6f, 0xd0),
        .selection = QColor(0xe0, 0x6a, 0x00),
        .dropHighlight = QColor(0x00, 0xa0, 0x50),
        .scaleBar = QColor(0x22, 0x22, 0x2a),
    };
}

QColor preblend(const QColor& color, const QColor& background, double alpha)
{
    alpha = std::clamp(alpha, 0.0, 1.0);
    auto mix = [alpha](int c, int b) { return int(c * alpha + b * (1 - alpha) + 0.5); };
    return QColor(mix(color.red(), background.red()), mix(color.green(), background.green()),
        mix(color.blue(), background.blue()));
}

} // namespace gridhall
