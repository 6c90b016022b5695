#pragma once
// The map as a panel: the canvas with the area search and the layer switcher in a tool
// bar, the legend bottom-left and the grid info top-right over the canvas, and a
// "follow worker" toggle that keeps the view on the selected worker as it moves.
// The panel does not know the data: the app fills the layers and answers areaRequested.

#include <QPointer>
#include <QWidget>

class QAction;
class QToolBar;
class QToolButton;

namespace gridhall {

class AreaSearch;
class GridInfo;
class LayerSwitcher;
class MapCanvas;
class MapLegend;
class WorkersLayer;

class MapPanel : public QWidget {
    Q_OBJECT
public:
    explicit MapPanel(QWidget* parent = nullptr);
    ~MapPanel() override;

    MapCanvas* canvas() const { return m_canvas; }
    AreaSearch* search() const { return m_search; }
    LayerSwitcher* layerSwitcher() const { return m_switcher; }
    MapLegend* legend() const { return m_legend; }
    GridInfo* gridInfo() const { return m_gridInfo; }
    QAction* followAction() const { return m_follow; }

    // The layer whose selected worker is followed (not owned).
    void setWorkersLayer(WorkersLayer* workers);
    // 0 for none; following stops when no worker is selected.
    void setSelectedWorker(qint64 workerId);
    qint64 selectedWorker() const { return m_worker; }
    bool isFollowing() const;
    void setFollowing(bool follow);

signals:
    // The user picked an area in the search box; the app frames it (DistrictMap::showArea).
    void areaRequested(const QString& code);
    void followingChanged(bool following);

protected:
    void changeEvent(QEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void retranslate();
    void placeOverlays();
    void followStep();

    MapCanvas* m_canvas = nullptr;
    QToolBar* m_toolBar = nullptr;
    AreaSearch* m_search = nullptr;
    QToolButton* m_layersButton = nullptr;
    LayerSwitcher* m_switcher = nullptr;
    MapLegend* m_legend = nullptr;
    GridInfo* m_gridInfo = nullptr;
    QAction* m_follow = nullptr;
    QPointer<WorkersLayer> m_workers;
    qint64 m_worker = 0;
};

} // namespace gridhall
