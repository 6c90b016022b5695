#include "widgets/layerswitcher.h"

#include "maps/layer.h"

#include <QEvent>
#include <QLabel>
#include <QListWidget>
#include <QSignalBlocker>
#include <QSlider>
#include <QVBoxLayout>

#include <cmath>

namespace gridhall {

LayerSwitcher::LayerSwitcher(QWidget* parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("layerSwitcher"));
    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("layerList"));
    m_opacityLabel = new QLabel(this);
    m_opacityLabel->setObjectName(QStringLiteral("opacityLabel"));
    m_opacity = new QSlider(Qt::Horizontal, this);
    m_opacity->setObjectName(QStringLiteral("opacitySlider"));
    m_opacity->setRange(0, 100);
    m_opacity->setPageStep(10);
    m_opacityLabel->setBuddy(m_opacity);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_list);
    layout->addWidget(m_opacityLabel);
    layout->addWidget(m_opacity);

    connect(m_list, &QListWidget::itemChanged, this, &LayerSwitcher::onItemChanged);
    connect(m_list, &QListWidget::currentRowChanged, this, &LayerSwitcher::refreshSlider);
    connect(m_opacity, &QSlider::valueChanged, this, [this](int value) {
        if (m_updating)
            return;
        if (MapLayer* layer = currentLayer())
            layer->setOpacity(value / 100.0);
    });
    retranslate();
    refreshSlider();
}

LayerSwitcher::~LayerSwitcher() = default;

void LayerSwitcher::addLayer(MapLayer* layer, const char* untranslatedName)
{
    if (!layer || rowOf(layer) >= 0)
        return;
    m_rows.append({ layer, untranslatedName });
    auto* item = new QListWidgetItem;
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
    {
        const QSignalBlocker block(m_list);
        m_list->addItem(item);
    }
    refreshRow(int(m_rows.size()) - 1);
    connect(layer, &MapLayer::appearanceChanged, this, [this, layer] {
        const int row = rowOf(layer);
        if (row >= 0)
            refreshRow(row);
        if (layer == currentLayer())
            refreshSlider();
    });
    connect(layer, &QObject::destroyed, this, [this] {
        // The QPointer is already null: drop every row whose layer is gone.
        for (int row = int(m_rows.size()) - 1; row >= 0; --row)
            if (!m_rows[row].layer) {
                m_rows.removeAt(row);
                delete m_list->takeItem(row);
            }
        refreshSlider();
    });
    if (m_list->currentRow() < 0)
        m_list->setCurrentRow(0);
}

void LayerSwitcher::removeLayer(MapLayer* layer)
{
    const int row = rowOf(layer);
    if (row < 0)
        return;
    disconnect(layer, nullptr, this, nullptr);
    m_rows.removeAt(row);
    delete m_list->takeItem(row);
    refreshSlider();
}

void LayerSwitcher::clear()
{
    for (const Row& r : std::as_const(m_rows))
        if (r.layer)
            disconnect(r.layer, nullptr, this, nullptr);
    m_rows.clear();
    m_list->clear();
    refreshSlider();
}

int LayerSwitcher::layerCount() const { return int(m_rows.size()); }

int LayerSwitcher::rowOf(const MapLayer* layer) const
{
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].layer == layer)
            return i;
    return -1;
}

void LayerSwitcher::setCurrentLayer(MapLayer* layer)
{
    const int row = rowOf(layer);
    if (row >= 0)
        m_list->setCurrentRow(row);
}

MapLayer* LayerSwitcher::currentLayer() const
{
    const int row = m_list->currentRow();
    return row >= 0 && row < m_rows.size() ? m_rows[row].layer.data() : nullptr;
}

void LayerSwitcher::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void LayerSwitcher::retranslate()
{
    m_list->setAccessibleName(tr("Map layers"));
    m_list->setToolTip(tr("Tick a layer to show it; Space toggles the selected layer"));
    m_opacityLabel->setText(tr("&Opacity"));
    m_opacity->setAccessibleName(tr("Opacity of the selected layer"));
    for (int i = 0; i < m_rows.size(); ++i)
        refreshRow(i);
    refreshSlider();
}

void LayerSwitcher::refreshRow(int row)
{
    QListWidgetItem* item = m_list->item(row);
    const Row& r = m_rows[row];
    if (!item || !r.layer)
        return;
    m_updating = true;
    const QSignalBlocker block(m_list);
    item->setText(tr(r.name));
    item->setCheckState(r.layer->isVisible() ? Qt::Checked : Qt::Unchecked);
    m_updating = false;
}

void LayerSwitcher::refreshSlider()
{
    MapLayer* layer = currentLayer();
    m_updating = true;
    m_opacity->setEnabled(layer != nullptr);
    m_opacity->setValue(layer ? int(std::lround(layer->opacity() * 100)) : 100);
    m_opacity->setToolTip(layer ? tr("%1 % opaque").arg(m_opacity->value()) : QString());
    m_updating = false;
}

void LayerSwitcher::onItemChanged(QListWidgetItem* item)
{
    if (m_updating)
        return;
    const int row = m_list->row(item);
    if (row < 0 || row >= m_rows.size() || !m_rows[row].layer)
        return;
    m_rows[row].layer->setVisible(item->checkState() == Qt::Checked);
}

} // namespace gridhall
