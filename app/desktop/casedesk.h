#pragma once
// The operators' case desk in the workstation window (issue 5): the queues, the workers
// and departments to drag cases onto, the case detail and the red-dispute banner, as
// docks. Owns the models and the action controller; reads the replica on the store
// thread through StoreService and never waits for it. MainWindow creates one and calls
// dock(); everything else is wired here.

#include "maps/droptarget.h"
#include "models/domain/camera.h"
#include "models/domain/casefilter.h"
#include "models/domain/casemachine.h"
#include "models/sync/syncclient.h"
#include "widgets/mapcanvas.h"

#include <QObject>
#include <QPointer>
#include <QTimer>
#include <memory>

class QDockWidget;
class QMainWindow;
class QAction;
class QMenu;

namespace gridhall {

class AlertBanner;
class CameraWindow;
class CaseActionController;
class CaseDetailLoader;
class CaseDetailPanel;
class CaseQueueModel;
class CaseQueuePanel;
class DepartmentListModel;
class DepartmentsPanel;
class LiveSync;
class PhotoViewer;
class StoreActionSink;
class StoreService;
class WorkerListModel;
class WorkersPanel;

class CaseDesk : public QObject {
    Q_OBJECT
public:
    CaseDesk(StoreService& store, QMainWindow& window);
    ~CaseDesk() override;

    // Adds the docks to the window and their toggles to the menu; loads the cases.
    void dock(QMenu* viewMenu);
    // Case drops on the map: base finds the worker or grid under the cursor.
    void connectMap(MapCanvas& canvas, MapCanvas::DropResolver base);
    // Who acts and where (the server enforces both; the desk only offers what may work).
    void setActor(const Actor& actor, const QString& scope);
    // The server link: live changes and positions come in through it, actions go out
    // through its client, and full-size photos come from its cache or the server. Without
    // one, actions wait in the outbox and the desk reads its local photo cache only.
    void setLiveSync(LiveSync* sync);

    // Reads every case (at start and after a snapshot replaced the replica).
    void reloadAll();
    // A delta from the replica's notifier: the rows in it are applied in place (queues,
    // loads, the red-dispute banner), nothing is read again but the detail of the case in
    // hand when it is among them.
    void applyChanges(const ReplicaChanges& changes);
    void updatePositions(const QList<WorkerFix>& fixes);
    // How many times the desk read every case (tests: a live change must not).
    int fullReads() const { return m_fullReads; }
    // A KPI chart was clicked: the queue shows the cases behind it, in front.
    void showChartSelection(const CaseFilter& filter);

    StoreActionSink& sink() { return *m_sink; }
    CaseActionController& controller() { return *m_controller; }
    CaseQueuePanel* queuePanel() const { return m_queue; }
    const CaseQueueModel& queueModel() const { return *m_model; }

    void retranslate();

    CaseDetailPanel* detailPanel() const { return m_detail; }
    PhotoViewer* photoViewer() const; // the open viewer, if any
    AlertBanner* alertBanner() const { return m_banner; }

    // The operator acknowledged these alerts: each red dispute this desk may acknowledge
    // gets an acknowledge_alert action through the outbox (no undo: nothing to take back),
    // so walls and other workstations take their banners down. Returns how many were queued.
    int acknowledgeAlerts(const QList<qint64>& caseIds);
    // Opens a camera's live view, one window per camera and case (asked again, it comes to
    // the front). Its stills go into caseId, or with 0 into the case in hand, if any.
    CameraWindow* openCamera(const Camera& camera, qint64 caseId = 0);
    // Saves a picture into a case as a photo (issue 17): a JPEG within the photo limit in an
    // attach_photo action through the outbox, like every operator action (queued offline,
    // never lost; no undo). False with *error when it cannot be queued.
    bool saveStill(qint64 caseId, const QImage& frame, const QString& cameraCode, QString* error = nullptr);
    // Every case is being read (at start, in the background after the map's first frame).
    bool isLoading() const { return m_loading || !m_loaded; }

signals:
    // A full read is in the queues.
    void loaded();

private:
    void showCase(qint64 caseId);
    void openPhoto(int index); // of the case in the detail panel
    void fetchPhoto(qint64 photoId);
    void showStillStatus(CameraWindow* window, qint64 caseId);

    StoreService& m_store;
    QMainWindow& m_window;
    std::unique_ptr<CaseQueueModel> m_model;
    std::unique_ptr<WorkerListModel> m_workers;
    std::unique_ptr<DepartmentListModel> m_departments;
    std::unique_ptr<StoreActionSink> m_sink;
    std::unique_ptr<CaseActionController> m_controller;
    std::unique_ptr<CaseDetailLoader> m_loader;
    CaseQueuePanel* m_queue = nullptr;
    WorkersPanel* m_workersPanel = nullptr;
    DepartmentsPanel* m_departmentsPanel = nullptr;
    CaseDetailPanel* m_detail = nullptr;
    AlertBanner* m_banner = nullptr;
    bool m_docked = false;
    QPointer<QAction> m_soundAction; // View ▸ Sound for new red disputes
    QPointer<PhotoViewer> m_viewer;
    QList<QPointer<CameraWindow>> m_cameraWindows;
    QPointer<LiveSync> m_sync;
    QPointer<QDockWidget> m_queueDock;
    QPointer<QDockWidget> m_workersDock;
    QPointer<QDockWidget> m_departmentsDock;
    QPointer<QDockWidget> m_detailDock;
    QPointer<QDockWidget> m_bannerDock;
    QTimer m_clock; // countdowns, overdue, stale workers
    // Deltas heard while a read was on its way: their rows are in it (the notifier and the
    // store thread's answers queue in one line), but the banner still considers them.
    QList<ReplicaChanges> m_heldWhileLoading;
    bool m_loading = false;
    quint64 m_readSerial = 0; // the notifier's last serial when the shown read was made
    int m_fullReads = 0;
    QHash<QString, int> m_loads; // open cases per holder, as the worker and department lists show
    bool m_loaded = false;
};

} // namespace gridhall
