#pragma once
// The vector basemap: water bodies, rivers, minor and major roads from the city's GIS
// data (BasemapFeature), in the wall or workstation theme. Fills the whole image with
// the theme background, so it is opaque and sits at the bottom of the stack.

#include "maps/layer.h"
#include "maps/maptheme.h"

#include "models/domain/area.h"

namespace gridhall {

class BasemapLayer : public MapLayer {
    Q_OBJECT
public:
    explicit BasemapLayer(QObject* parent = nullptr);
    ~BasemapLayer() override;

    void setFeatures(const QList<BasemapFeature>& features);
    qsizetype featureCount() const;
    MapTheme theme() const { return m_theme; }
    void setTheme(MapTheme theme);

    std::unique_ptr<LayerRenderer> createRenderer(const Viewport& viewport) const override;

    struct Data;

private:
    std::shared_ptr<const Data> m_data;
    MapTheme m_theme = MapTheme::Wall;
};

} // namespace gridhall
