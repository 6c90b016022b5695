#include "widgets/wallplaylist.h"

namespace gridhall {

WallPlaylist::WallPlaylist(QObject* parent)
    : QObject(parent)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &WallPlaylist::advance);
}

void WallPlaylist::setEntries(const QList<WallViewSpec>& entries, int msPerSecond)
{
    m_entries = entries;
    m_msPerSecond = qMax(1, msPerSecond);
    m_index = entries.isEmpty() ? -1 : 0;
    restartTimer();
    emit currentChanged(m_index);
}

const WallViewSpec& WallPlaylist::current() const
{
    static const WallViewSpec none;
    return m_index >= 0 ? m_entries.at(m_index) : none;
}

void WallPlaylist::advance()
{
    if (m_entries.size() < 2)
        return;
    jumpTo((m_index + 1) % int(m_entries.size()));
}

void WallPlaylist::jumpTo(int index)
{
    if (index < 0 || index >= m_entries.size())
        return;
    const bool changed = index != m_index;
    m_index = index;
    restartTimer();
    if (changed)
        emit currentChanged(m_index);
}

void WallPlaylist::setPaused(bool paused)
{
    if (paused == m_paused)
        return;
    m_paused = paused;
    restartTimer();
}

void WallPlaylist::restartTimer()
{
    m_timer.stop();
    if (m_paused || m_entries.size() < 2 || m_index < 0)
        return;
    m_timer.start(m_entries.at(m_index).dwellSeconds * m_msPerSecond);
}

} // namespace gridhall
