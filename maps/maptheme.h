#pragma once
// Colours of the map for the two places GridHall is used: the dark video wall of the
// command hall and the light operator workstation. All colours are opaque: layers that
// should look translucent get their opacity once, when their image is blitted.

#include <QColor>

namespace gridhall {

enum class MapTheme { Wall, Workstation };

struct MapPalette {
    QColor background;
    QColor water;
    QColor river;
    QColor majorRoad;
    QColor minorRoad;
    QColor streetOutline;
    QColor communityOutline;
    QColor gridOutline;
    QColor label;
    QColor labelHalo;
    QColor trail;
    QColor selection;
    QColor dropHighlight;
    QColor scaleBar;
};

MapPalette paletteFor(MapTheme theme);

// Pre-blends colour over background with alpha (0..1): an opaque colour that looks like
// the translucent one would over that background, without the cost of blending.
QColor preblend(const QColor& color, const QColor& background, double alpha);

} // namespace gridhall
