#pragma once
// What the map's colours mean: the grid fill of the current colour mode, the case markers,
// the case clusters, the worker sprites and, while their layer is shown, the cameras, drawn
// with the colours the layers themselves use. Rebuilt when the mode, the theme, the cameras'
// layer or the language changes.

#include "maps/areaslayer.h"
#include "maps/maptheme.h"
#include "maps/sprites.h"

#include <QWidget>

class QToolButton;
class QVBoxLayout;

namespace gridhall {

class MapLegend : public QWidget {
    Q_OBJECT
public:
    enum class Section { GridFill, Cases, Clusters, Workers, Cameras };
    struct Entry {
        Section section;
        QString text;
        sprites::Shape shape;
        QColor fill;
        QColor border;
        QString key; // stable identifier for tests and style sheets
    };

    explicit MapLegend(QWidget* parent = nullptr);
    ~MapLegend() override;

    AreaColourMode colourMode() const { return m_mode; }
    void setColourMode(AreaColourMode mode);
    MapTheme theme() const { return m_theme; }
    void setTheme(MapTheme theme);
    // Grid fills are shown pre-blended at the areas layer's opacity over the theme's
    // background, as they look on the map.
    qreal areaOpacity() const { return m_areaOpacity; }
    void setAreaOpacity(qreal opacity);
    // Whether the map shows the Cameras layer: only then are cameras explained.
    bool camerasShown() const { return m_camerasShown; }
    void setCamerasShown(bool shown);
    QList<Entry> entries() const { return m_entries; }
    QList<Entry> entries(Section section) const;

    // Collapsed, only the "Legend" header shows (a click or setCollapsed opens it again).
    bool isCollapsed() const { return m_collapsed; }
    void setCollapsed(bool collapsed);
    // Whether the operator opened or closed it by hand (then the map leaves it so).
    bool collapsedByHand() const { return m_byHand; }
    // Height with the body shown, whatever the state.
    int expandedHeight() const;

    // The fill AreasLayer gives a grid with these stats in mode (invalid when unfilled).
    static QColor gridFill(const GridStats& stats, AreaColourMode mode);

signals:
    void collapsedChanged(bool collapsed);

protected:
    void changeEvent(QEvent* event) override;

private:
    void rebuild();

    AreaColourMode m_mode = AreaColourMode::OpenCases;
    MapTheme m_theme = MapTheme::Wall;
    qreal m_areaOpacity = 0.6;
    bool m_camerasShown = false;
    QList<Entry> m_entries;
    QVBoxLayout* m_layout = nullptr;
    QWidget* m_body = nullptr;
    QToolButton* m_header = nullptr;
    bool m_collapsed = false;
    bool m_byHand = false;
};

} // namespace gridhall
