#pragma once
// Area names placed by zoom without overlaps: higher-priority labels claim their space
// first; a label that would touch one already placed is left out.

#include "maps/layer.h"
#include "maps/maptheme.h"

#include <QFont>

namespace gridhall {

struct MapLabel {
    LonLat pos;
    QString text;
    int priority = 0; // higher first; also picks the font size
    double minZoom = 0; // shown when minZoom <= zoom < maxZoom
    double maxZoom = 99;
};

class LabelsLayer : public MapLayer {
    Q_OBJECT
public:
    explicit LabelsLayer(QObject* parent = nullptr);
    ~LabelsLayer() override;

    void setLabels(const QList<MapLabel>& labels);
    // What setLabels builds, made on any thread (12,000 labels sorted by priority);
    // setPrepared swaps it in.
    struct Data;
    using Prepared = std::shared_ptr<const Data>;
    static Prepared prepare(const QList<MapLabel>& labels);
    void setPrepared(Prepared labels);
    qsizetype labelCount() const;
    void setTheme(MapTheme theme);
    void setFontFamily(const QString& family);
    // Multiplies the label sizes (12-16 px at 1), e.g. for a wall read from metres away.
    void setTextScale(double scale);
    double textScale() const { return m_textScale; }

    std::unique_ptr<LayerRenderer> createRenderer(const Viewport& viewport) const override;

    // Which labels a viewport shows: exposed so tests can check the overlap rule.
    QList<MapLabel> placedLabels(const Viewport& viewport) const;

private:
    std::shared_ptr<const Data> m_data;
    MapTheme m_theme = MapTheme::Wall;
    QString m_fontFamily;
    double m_textScale = 1;
};

} // namespace gridhall
