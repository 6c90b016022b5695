#include "maps/layer.h"

#include <algorithm>

namespace gridhall {

Q_LOGGING_CATEGORY(lcMap, "gridhall.map", QtInfoMsg)

MapLayer::MapLayer(RenderStage stage, QObject* parent)
    : QObject(parent)
    , m_stage(stage)
{
}

void MapLayer::setZOrder(int z)
{
    if (z == m_zOrder)
        return;
    m_zOrder = z;
    emit appearanceChanged();
}

void MapLayer::setVisible(bool visible)
{
    if (visible == m_visible)
        return;
    m_visible = visible;
    emit appearanceChanged();
}

void MapLayer::setLive(bool live)
{
    if (live == m_live)
        return;
    m_live = live;
    emit appearanceChanged();
}

void MapLayer::setOpacity(qreal opacity)
{
    opacity = std::clamp(opacity, 0.0, 1.0);
    if (opacity == m_opacity)
        return;
    m_opacity = opacity;
    emit appearanceChanged();
}

void MapLayer::requestRepaint()
{
    ++m_revision;
    emit repaintRequested();
}

bool MapLayer::drawsBefore(const MapLayer* a, const MapLayer* b)
{
    if (a->m_stage != b->m_stage)
        return a->m_stage < b->m_stage;
    return a->m_zOrder < b->m_zOrder;
}

} // namespace gridhall
