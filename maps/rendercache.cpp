#include "maps/rendercache.h"

namespace gridhall {

void RenderCache::store(const MapLayer* layer, Entry entry) { m_entries[layer] = std::move(entry); }

const RenderCache::Entry* RenderCache::find(const MapLayer* layer) const
{
    auto it = m_entries.find(layer);
    return it == m_entries.end() ? nullptr : &it->second;
}

bool RenderCache::isCurrent(const MapLayer* layer, quint64 revision, const Viewport& viewport) const
{
    const Entry* e = find(layer);
    return e && e->revision == revision && e->viewport == viewport;
}

void RenderCache::remove(const MapLayer* layer) { m_entries.erase(layer); }

qint64 RenderCache::byteSize() const
{
    qint64 total = 0;
    for (const auto& [layer, entry] : m_entries)
        total += entry.image.sizeInBytes();
    return total;
}

} // namespace gridhall
