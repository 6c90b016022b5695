#pragma once
// `gridhall --wall`: the video wall of the command hall. Wires the store, the sync link and
// the wall framework (widgets/wall*) together: registers the view kinds the app has (the
// district map, the overview), reads the replica on the store thread and hands every
// view the same data, raises an alert for each new red dispute, and marks the wall stale
// while the server link is down.
//
// Acknowledging an alert: a workstation sends acknowledge_alert; when the case arrives with
// alertAckedAt set (or closed, voided, no longer red) the wall takes the alert down. In demo
// and drill runs also Ctrl+Alt+A on the wall keyboard; acknowledge() for tests.

#include "app/desktop/districtmap.h"
#include "app/desktop/serverlogin.h"
#include "models/store/changenotifier.h"
#include "widgets/overviewpanel.h"
#include "widgets/wallqueueboard.h"
#include "widgets/wallcontroller.h"
#include "widgets/wallview.h"

#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTimer>

namespace gridhall {

class LiveSync;
class StoreService;
struct SyncStatus;

// An open red dispute, as the wall announces it.
struct RedDispute {
    qint64 id = 0;
    QString code;
    QString description;
    QString address;
    QString streetName;
    QString gridCode;
    LonLat location;
    QDateTime reportedAt;
    QDateTime updatedAt; // when the case last changed (e.g. became red)
    bool acknowledged = false; // a workstation acknowledged its alert (read for new and alerted reds)
};

// What the wall keeps of an open case, so a change moves the queue board and the map
// without reading the replica again.
struct WallOpenCase {
    CaseMarker marker;
    QString gridCode;
    CaseSource source = CaseSource::FieldWorker;
    bool extensionPending = false;
    QueueBoardRow row; // deadline invalid: none
};

// Everything the wall's views show, read on the store thread in one pass, then kept
// current by the replica's deltas.
struct WallData {
    DistrictMapData map;
    OverviewFigures figures;
    QList<RedDispute> redDisputes;
    QueueBoardData queues; // rows' category holds the code; the view names it
    QHash<qint64, WallOpenCase> open; // every open case
    QString error;
    quint64 serial = 0; // ChangeNotifier::lastPublished() when read: later deltas are news
};

class WallMode : public QObject {
    Q_OBJECT
public:
    explicit WallMode(StoreService& store, QObject* parent = nullptr);
    ~WallMode() override;

    WallViewRegistry& registry() { return m_registry; }
    WallController& controller() { return m_controller; }
    // Everything, the map's open cases brought up to date with the deltas first.
    const WallData& data() const;
    const OverviewFigures& figures() const { return m_data.figures; }
    const QueueBoardData& queues() const;
    bool hasData() const { return m_loaded; }

    // Opens the windows; reload() fills them once the store is open.
    void start();
    // Reads the replica whole: at start and after a snapshot swap (the notifier says when).
    void reload();
    // A delta from the replica's notifier: the views move by it, new red disputes raise
    // their alert at once, settled ones come down; nothing is read again.
    void applyChanges(const ReplicaChanges& changes);
    // How many times the wall read the whole replica (tests: a live change must not).
    int fullReads() const { return m_fullReads; }
    void setLiveSync(LiveSync* sync);
    // Raises an alert for the newest open red dispute, marked as a drill.
    void raiseDrill();
    // A workstation acknowledged the alert for this case.
    bool acknowledge(qint64 caseId);
    // Saves each window: FILE for one screen, FILE-1.png, FILE-2.png … for several.
    bool saveScreenshots(const QString& file, QString* error) const;
    // The link's state: not online or syncing marks every screen stale, once it has been
    // down for the stale grace (kStaleGraceMs by default; tests set their own).
    void showSyncStatus(const SyncStatus& status);
    // A failover to another instance takes about a second (the client's first backoff):
    // the wall does not flash "stale" across the hall for that, only for a real outage.
    static constexpr int kStaleGraceMs = 5000;
    void setStaleGrace(int ms) { m_staleGraceMs = ms; }

signals:
    // A full read is shown: views take everything.
    void dataReady(const gridhall::WallData& data);
    // A delta was applied: map views move their markers, the others take figures() and
    // queues() again.
    void casesChanged(const QList<gridhall::CaseChange>& changes);
    void deltaApplied();
    void positionsReceived(const QList<gridhall::WorkerFix>& fixes);
    // First data shown and drawn on every screen.
    void dataSettled();

private:
    void showData(const WallData& data);
    void announceNewReds(const WallData& data);
    // Alerts whose case a workstation acknowledged, or that was closed, voided or downgraded.
    void takeDownSettledAlerts(const WallData& data);
    void checkSettled();

    StoreService& m_store;
    WallViewRegistry m_registry;
    WallController m_controller;
    QPointer<LiveSync> m_sync;
    QTimer m_settleCheck;
    mutable WallData m_data;
    mutable bool m_mapBehind = false; // m_data.map's open cases wait for data() to catch up
    mutable bool m_queuesBehind = false; // m_data.queues waits for queues() to catch up
    QTimer m_deltaRefresh; // deltaApplied() once for a run of deltas
    QHash<QString, QString> m_streetNames;
    QList<ReplicaChanges> m_heldWhileReading; // deltas heard while a read was on its way
    bool m_reading = false;
    int m_fullReads = 0;
    bool m_loaded = false;
    bool m_settled = false;
    bool m_baselined = false; // red disputes known once a replica with data was first read
    QSet<qint64> m_knownReds;
    QSet<qint64> m_drills; // alerts raised as drills: no workstation acknowledges those
    QDateTime m_lastOnline;
    int m_staleGraceMs = kStaleGraceMs;
    QTimer m_staleGrace; // marks the screens stale once the link stayed down this long
    QDateTime m_staleAsOf; // what the screens will say the data was current until
};

// Runs the wall until it quits; returns the exit code.
struct WallModeOptions {
    QString db;
    bool demo = false;
    int demoWorkers = 300;
    QString screenshot;
    QString layoutFile;
    bool drill = false;
    ServerLogin login; // valid(): sync with the hall's server (password given)
};
int runWallMode(const WallModeOptions& options);

} // namespace gridhall

Q_DECLARE_METATYPE(gridhall::WallData)
