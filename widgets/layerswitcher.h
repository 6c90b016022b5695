#pragma once
// A checkable list of a MapScene's layers with an opacity slider for the current one.
// Names are untranslated source texts (mark them with QT_TRANSLATE_NOOP("gridhall::LayerSwitcher", ...))
// so the list retranslates itself. The layers are not owned; a destroyed layer leaves the list,
// and visibility or opacity changed elsewhere shows up here.

#include <QPointer>
#include <QWidget>

class QListWidget;
class QListWidgetItem;
class QSlider;
class QLabel;

namespace gridhall {

class MapLayer;

class LayerSwitcher : public QWidget {
    Q_OBJECT
public:
    explicit LayerSwitcher(QWidget* parent = nullptr);
    ~LayerSwitcher() override;

    void addLayer(MapLayer* layer, const char* untranslatedName);
    void removeLayer(MapLayer* layer);
    void clear();
    int layerCount() const;
    // The row of layer, or -1.
    int rowOf(const MapLayer* layer) const;
    void setCurrentLayer(MapLayer* layer);
    MapLayer* currentLayer() const;
    QListWidget* list() const { return m_list; }
    QSlider* opacitySlider() const { return m_opacity; }

protected:
    void changeEvent(QEvent* event) override;

private:
    struct Row {
        QPointer<MapLayer> layer;
        const char* name;
    };
    void retranslate();
    void refreshRow(int row);
    void refreshSlider();
    void onItemChanged(QListWidgetItem* item);

    QListWidget* m_list = nullptr;
    QLabel* m_opacityLabel = nullptr;
    QSlider* m_opacity = nullptr;
    QList<Row> m_rows;
    bool m_updating = false;
};

} // namespace gridhall
