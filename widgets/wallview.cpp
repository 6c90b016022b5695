#include "widgets/wallview.h"

namespace gridhall {

void WallViewRegistry::registerKind(const QString& kind, Factory factory)
{
    if (!m_factories.contains(kind))
        m_order.append(kind);
    m_factories.insert(kind, std::move(factory));
}

QStringList WallViewRegistry::kinds() const
{
    return m_order;
}

std::unique_ptr<WallView> WallViewRegistry::create(const QString& kind, QWidget* parent) const
{
    const auto it = m_factories.constFind(kind);
    return it == m_factories.cend() ? nullptr : (*it)(parent);
}

} // namespace gridhall
