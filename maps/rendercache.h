#pragma once
// One rendered image per layer, remembered with the viewport and layer revision it was
// rendered for. An image for another centre is still drawn, shifted (or scaled after a
// zoom), until its replacement arrives.

#include "maps/viewport.h"

#include <QImage>

#include <memory>
#include <unordered_map>

namespace gridhall {

class DrawnFrame;
class MapLayer;

class RenderCache {
public:
    struct Entry {
        QImage image;
        Viewport viewport;
        quint64 revision = 0;
        // What the renderer drew, for a partial next frame (null for most layers).
        std::shared_ptr<const DrawnFrame> drawn = {};
    };

    void store(const MapLayer* layer, Entry entry);
    const Entry* find(const MapLayer* layer) const;
    // The cached image is exactly what rendering layer at revision for viewport would give.
    bool isCurrent(const MapLayer* layer, quint64 revision, const Viewport& viewport) const;
    void remove(const MapLayer* layer);
    void clear() { m_entries.clear(); }
    std::size_t size() const { return m_entries.size(); }
    qint64 byteSize() const;

private:
    std::unordered_map<const MapLayer*, Entry> m_entries;
};

} // namespace gridhall
