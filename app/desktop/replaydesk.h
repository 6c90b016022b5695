#pragma once
// Replay of recorded tracks (轨迹回放) in the workstation window: a dock to choose who and
// which period, and the PlaybackPanel that plays them on the map's replay layer. With a
// server link the period's track is first fetched from the server into the replica; then
// the replica's recorded track (models/store/trackstore.h) is read on the store thread.
// Offline, what this workstation recorded from the live stream plays. The GUI never waits.
// While a replay of a period that reaches the present is shown, the live positions the
// replica's change notifier delivers extend it (no read of the store); a snapshot swap
// reads it again.

#include "models/domain/people.h"
#include "models/store/changenotifier.h"

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
class LiveSync;
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
    // The server link tracks are fetched through (none: the replica's own recording only).
    void setLiveSync(LiveSync* sync);
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
    // The replica's live positions: fixes of the workers replayed extend their tracks.
    void followPositions(const QList<WorkerFix>& fixes);
    void readRecorded(const QStringList& codes, qint64 from, qint64 to, int generation);
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
    QPointer<LiveSync> m_sync;
    struct Fetch {
        int ticket = 0;
        QStringList codes;
        qint64 from = 0, to = 0;
        int generation = 0;
    } m_fetch; // the server fetch the newest load waits for
    QString m_fetchProblem; // why the server's track did not come (empty: it came, or no link)
    bool m_fetchTruncated = false;
    int m_generation = 0; // answers of older loads are dropped
    // The replay shown: its workers' codes (empty when none is shown) and whether its
    // period reaches the present, so that live fixes belong in it.
    QStringList m_shownCodes;
    Period m_shownPeriod = Period::LastEightHours;
    bool m_followsLive = false;
    // The last load, for the status line: tracks shown (-1 reading, -2 nobody named,
    // -3 fetching from the server) and
    // the codes without a track (or the store's error).
    int m_lastTracks = 0;
    QStringList m_lastMissing;
    QStringList m_lastUnknown;
};

} // namespace gridhall
