#pragma once
// Replay of recorded tracks (轨迹回放) in the workstation window: a dock to choose who and
// which period, and the PlaybackPanel that plays them on the map's replay layer. Tracks
// are what the sync client recorded from the live stream (models/store/trackstore.h),
// read on the store thread; the GUI never waits for them.

#include "models/domain/people.h"

#include <QDockWidget>
#include <QObject>
#include <QPointer>

class QComboBox;
class QLabel;
class QLineEdit;
class QMainWindow;
class QMenu;
class QPushButton;

namespace gridhall {

class DistrictMap;
class PlaybackPanel;
class StoreService;

class ReplayDesk : public QObject {
    Q_OBJECT
public:
    enum class Period { LastHour, LastEightHours, Today, Yesterday };

    ReplayDesk(StoreService& store, QMainWindow& window, DistrictMap& map);
    ~ReplayDesk() override;

    // Adds the dock (hidden until asked for; then a tab beside `neighbour`, when given)
    // and its toggle to the menu.
    void dock(QMenu* viewMenu, QDockWidget* neighbour = nullptr);
    // Who may be replayed, for the name completer and to find worker ids.
    void setWorkers(const QList<Worker>& workers);
    // Shows the dock and loads these workers (codes) over the chosen period.
    void replay(const QStringList& workerCodes);
    void setPeriod(Period period);
    // [from, to) in UTC ms for a period, as of `nowMs` in the local time zone.
    static QPair<qint64, qint64> periodRange(Period period, qint64 nowMs);

    PlaybackPanel* panel() const { return m_panel; }
    QDockWidget* dockWidget() const { return m_dock; }
    QString statusText() const;

    void retranslate();

signals:
    // A load finished: how many workers had a track in the period.
    void loaded(int tracks);

private:
    void load();
    void stop();
    // Worker codes named in the field; names or codes it does not know go to *unknown.
    QStringList codesFromField(QStringList* unknown) const;

    StoreService& m_store;
    QMainWindow& m_window;
    DistrictMap& m_map;
    bool m_docked = false;
    QPointer<QDockWidget> m_dock;
    QPointer<QDockWidget> m_neighbour;
    QWidget* m_box = nullptr;
    QLineEdit* m_who = nullptr;
    QComboBox* m_period = nullptr;
    QPushButton* m_load = nullptr;
    QPushButton* m_close = nullptr;
    QLabel* m_status = nullptr;
    PlaybackPanel* m_panel = nullptr;
    QList<Worker> m_workers;
    int m_generation = 0; // answers of older loads are dropped
    // The last load, for the status line: tracks shown (-1 reading, -2 nobody named) and
    // the codes without a track (or the store's error).
    int m_lastTracks = 0;
    QStringList m_lastMissing;
    QStringList m_lastUnknown;
};

} // namespace gridhall
