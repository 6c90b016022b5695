#pragma once
// One screen's rotation: which entry is showing and when the next one comes. Paused while
// an alert is up; a playlist of one entry never rotates.

#include "widgets/walllayout.h"

#include <QObject>
#include <QTimer>

namespace gridhall {

class WallPlaylist : public QObject {
    Q_OBJECT
public:
    explicit WallPlaylist(QObject* parent = nullptr);

    // Starts from the first entry. msPerSecond shortens dwell times in tests.
    void setEntries(const QList<WallViewSpec>& entries, int msPerSecond = 1000);
    const QList<WallViewSpec>& entries() const { return m_entries; }
    int currentIndex() const { return m_index; }
    const WallViewSpec& current() const;

    // Moves to the next entry (wrapping) and restarts its dwell time.
    void advance();
    // Shows entry `index` now (e.g. the map when an alert comes in).
    void jumpTo(int index);
    // While paused nothing rotates; resuming gives the current entry its full dwell time.
    void setPaused(bool paused);
    bool isPaused() const { return m_paused; }
    bool isRotating() const { return m_timer.isActive(); }
    int remainingMs() const { return m_timer.remainingTime(); }

signals:
    void currentChanged(int index);

private:
    void restartTimer();

    QList<WallViewSpec> m_entries;
    int m_index = -1;
    int m_msPerSecond = 1000;
    bool m_paused = false;
    QTimer m_timer;
};

} // namespace gridhall
