#include "app/desktop/casedesk.h"

#include "app/desktop/handoverturns.h"
#include "app/desktop/livesync.h"
#include "app/desktop/startuptrace.h"
#include "models/domain/area.h"
#include "models/domain/taxonomy.h"
#include "models/itemmodels/caseactioncontroller.h"
#include "models/itemmodels/casedetail.h"
#include "models/itemmodels/casequeuemodel.h"
#include "models/itemmodels/dispatchtargetmodels.h"
#include "models/store/storeservice.h"
#include "models/sync/protocol.h"
#include "widgets/alertbanner.h"
#include "widgets/camerawindow.h"
#include "widgets/casedetailpanel.h"
#include "widgets/casequeuepanel.h"
#include "widgets/dispatchpanels.h"
#include "widgets/mapcasedrop.h"
#include "widgets/photoviewer.h"

#include <QApplication>
#include <QBuffer>
#include <QDockWidget>
#include <QMainWindow>
#include <QLabel>
#include <QLoggingCategory>
#include <QMenu>
#include <QScrollArea>
#include <QSettings>
#include <QUuid>

namespace gridhall {

Q_LOGGING_CATEGORY(lcDeskAlerts, "gridhall.desk.alerts")

namespace {
// Everything the desk shows, read on the store thread in one go.
struct DeskData {
    // Every case, as the queues hold them: built row by row on the store thread, never a
    // list of a million Case values (a gigabyte at its peak, and seconds on the GUI thread),
    // and counted, filtered and sorted there too.
    CaseQueueModel::PreparedTable queues;
    QHash<QString, int> loads; // open cases per holder
    QList<Worker> workers;
    QList<Department> departments;
    QHash<QString, QString> places; // area code → name
    QList<QPair<QString, QString>> areas; // streets, each followed by its communities
    QList<DispatchTarget> levels; // the streets and the district, to escalate to
    quint64 serial = 0; // ChangeNotifier::lastPublished() when read
};

// A stable id for this desk's outbox keys, kept across restarts.
QString clientId()
{
    QSettings settings;
    QString id = settings.value(QStringLiteral("desk/clientId")).toString();
    if (id.isEmpty()) {
        id = QStringLiteral("desk-") + QUuid::createUuid().toString(QUuid::Id128).left(12);
        settings.setValue(QStringLiteral("desk/clientId"), id);
    }
    return id;
}

// A still as the server takes photos: a JPEG of at most kMaxPhotoBytes (the quality drops,
// then the picture halves, until it fits). Empty if it cannot be encoded.
QByteArray stillJpeg(QImage frame)
{
    while (!frame.isNull()) {
        for (const int quality : { 90, 75, 60 }) {
            QByteArray jpeg;
            QBuffer buffer(&jpeg);
            if (!buffer.open(QIODevice::WriteOnly) || !frame.save(&buffer, "JPEG", quality))
                return {};
            if (jpeg.size() <= protocol::kMaxPhotoBytes)
                return jpeg;
        }
        frame = frame.scaled(frame.size() / 2, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    }
    return {};
}
} // namespace

CaseDesk::CaseDesk(StoreService& store, QMainWindow& window)
    : QObject(&window)
    , m_store(store)
    , m_window(window)
    , m_model(std::make_unique<CaseQueueModel>())
    , m_workers(std::make_unique<WorkerListModel>())
    , m_departments(std::make_unique<DepartmentListModel>())
    , m_sink(std::make_unique<StoreActionSink>(store, clientId()))
    , m_controller(std::make_unique<CaseActionController>(*m_sink, *m_model))
    , m_loader(std::make_unique<CaseDetailLoader>(store))
{
    // Until the server says otherwise: the role and user this desk was set up with.
    QSettings settings;
    Role role = Role::Operator;
    roleFromKey(settings.value(QStringLiteral("desk/role"), QStringLiteral("operator")).toString(), &role);
    const QString user = settings.value(QStringLiteral("desk/user"), QString::fromLocal8Bit(qgetenv("USER"))).toString();
    m_controller->setActor({ user, role });
    // Category and department names follow the interface language, as the labels do.
    m_model->setCategoryNames(chineseNames() ? CaseQueueModel::CategoryNames::Chinese : CaseQueueModel::CategoryNames::English);
    m_departments->setChineseNames(chineseNames());

    m_queue = new CaseQueuePanel(*m_model, *m_controller);
    m_queue->setDispatchModels(m_workers.get(), m_departments.get());
    // Thousands of moving workers: the list takes their fixes in once a second, not per batch.
    m_workers->setPositionsInterval(1000);
    m_workersPanel = new WorkersPanel(*m_workers, *m_controller);
    m_departmentsPanel = new DepartmentsPanel(*m_departments, *m_controller);
    m_detail = new CaseDetailPanel;
    m_banner = new AlertBanner;

    connect(m_queue, &CaseQueuePanel::currentCaseChanged, this, [this](qint64 id) {
        if (id)
            m_loader->load(id);
        else
            m_detail->clear();
    });
    connect(m_loader.get(), &CaseDetailLoader::loaded, this, [this](const CaseDetail& detail) {
        m_detail->setDetail(detail);
        m_workers->setReference(detail.found ? std::optional<LonLat>(detail.item.location) : std::nullopt);
        QList<QPair<qint64, QString>> related;
        const CaseTable& table = m_model->table();
        for (const qint64 id : relatedCases(table, detail.item.id, QDateTime::currentDateTimeUtc())) {
            const int r = table.rowOf(id);
            related.append({ id, QStringLiteral("%1 · %2").arg(table.code(r), caseStateDisplayName(table.state(r))) });
        }
        m_detail->setRelated(related);
    });
    connect(m_detail, &CaseDetailPanel::relatedCaseActivated, this, &CaseDesk::showCase);
    connect(m_detail, &CaseDetailPanel::photoOpenRequested, this, &CaseDesk::openPhoto);
    connect(m_detail, &CaseDetailPanel::cameraOpenRequested, this, [this](int index) {
        const CaseDetail& d = m_detail->detail();
        if (index >= 0 && index < d.cameras.size())
            openCamera(d.cameras[index].camera, d.item.id);
    });
    connect(m_banner, &AlertBanner::showCaseRequested, this, &CaseDesk::showCase);
    connect(m_banner, &AlertBanner::acknowledged, this, &CaseDesk::acknowledgeAlerts);
    connect(m_model.get(), &CaseQueueModel::viewCountsChanged, this, [this] {
        m_banner->setOverdueCount(m_model->viewCount(QueueView::Overdue));
    });

    // Countdowns, lights and the overdue tab move with the clock; rows change only when
    // a delta from the notifier names them (applyChanges) or a snapshot arrives (reloadAll).
    m_clock.setInterval(10000);
    connect(&m_clock, &QTimer::timeout, this, [this] {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        m_model->setNow(now);
        m_workers->setNow(now);
        m_banner->setOverdueCount(m_model->viewCount(QueueView::Overdue));
    });
    // The one change path: deltas from the replica's notifier; a snapshot swap reads all.
    ChangeNotifier& notifier = m_store.notifier();
    connect(&notifier, &ChangeNotifier::casesChanged, this, &CaseDesk::applyChanges);
    connect(&notifier, &ChangeNotifier::snapshotSwapped, this, &CaseDesk::reloadAll);
    connect(&notifier, &ChangeNotifier::positionsMoved, this, &CaseDesk::updatePositions);
}

CaseDesk::~CaseDesk()
{
    // Panels refer to the models: they go first. Docked, they belong to their docks, which
    // the window may have deleted already (QPointer then says so); never docked, to us.
    if (!m_docked) {
        delete m_queue;
        delete m_workersPanel;
        delete m_departmentsPanel;
        delete m_detail;
        delete m_banner;
    }
    for (QDockWidget* d : { m_queueDock.data(), m_workersDock.data(), m_departmentsDock.data(),
             m_detailDock.data(), m_bannerDock.data() })
        delete d;
}

void CaseDesk::dock(QMenu* viewMenu)
{
    m_docked = true;
    const auto features = QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable
        | QDockWidget::DockWidgetClosable;
    auto make = [this, features](QWidget* widget, const char* name, Qt::DockWidgetArea area) {
        auto* dock = new QDockWidget(&m_window);
        dock->setObjectName(QLatin1String(name));
        dock->setWidget(widget);
        dock->setFeatures(features);
        m_window.addDockWidget(area, dock);
        return dock;
    };
    m_queueDock = make(m_queue, "caseQueueDock", Qt::BottomDockWidgetArea);
    m_workersDock = make(m_workersPanel, "workersDock", Qt::RightDockWidgetArea);
    m_departmentsDock = make(m_departmentsPanel, "departmentsDock", Qt::RightDockWidgetArea);
    m_window.tabifyDockWidget(m_workersDock, m_departmentsDock);
    m_workersDock->raise();
    // The detail scrolls rather than forcing the window taller than the screen.
    auto* detailScroll = new QScrollArea;
    detailScroll->setWidget(m_detail);
    detailScroll->setWidgetResizable(true);
    detailScroll->setFrameShape(QFrame::NoFrame);
    m_detailDock = make(detailScroll, "caseDetailDock", Qt::RightDockWidgetArea);
    // The banner is a strip over everything, without a title bar.
    m_bannerDock = make(m_banner, "alertBannerDock", Qt::TopDockWidgetArea);
    // An empty label, not a bare QWidget: the dock needs a valid size hint for its title.
    auto* noTitle = new QLabel(m_bannerDock);
    noTitle->setFixedHeight(0);
    m_bannerDock->setTitleBarWidget(noTitle);
    m_bannerDock->setFeatures(QDockWidget::NoDockWidgetFeatures);
    m_banner->setAutoHide(false);
    m_bannerDock->setVisible(m_banner->isShown());
    connect(m_banner, &AlertBanner::shownChanged, m_bannerDock, &QDockWidget::setVisible);
    if (viewMenu) {
        viewMenu->addSeparator();
        for (QDockWidget* d : { m_queueDock, m_workersDock, m_departmentsDock, m_detailDock })
            viewMenu->addAction(d->toggleViewAction());
        // A sound with each new red dispute, for halls where the banner may go unseen.
        m_soundAction = viewMenu->addAction(QString());
        m_soundAction->setObjectName(QStringLiteral("alertSoundAction"));
        m_soundAction->setCheckable(true);
        m_soundAction->setChecked(QSettings().value(QStringLiteral("alerts/sound"), false).toBool());
        m_banner->setSoundEnabled(m_soundAction->isChecked());
        connect(m_soundAction, &QAction::toggled, this, [this](bool on) {
            m_banner->setSoundEnabled(on);
            QSettings().setValue(QStringLiteral("alerts/sound"), on);
        });
        QAction* undo = m_controller->undoStack()->createUndoAction(viewMenu);
        undo->setVisible(false); // Ctrl+Z lives in the queue panel, where it checks the outbox
        Q_UNUSED(undo);
    }
    m_window.resizeDocks({ m_queueDock }, { 300 }, Qt::Vertical);
    retranslate();
    m_clock.start();
}

void CaseDesk::connectMap(MapCanvas& canvas, MapCanvas::DropResolver base)
{
    canvas.setDropResolver(explainingDropResolver(std::move(base), *m_controller, *m_workers,
        [this] { return m_queue->selectedCaseIds(); }));
    connectMapDrops(canvas, *m_controller, *m_workers);
}

void CaseDesk::setActor(const Actor& actor, const QString& scope)
{
    m_controller->setActor(actor);
    m_controller->setScope(scope);
}

void CaseDesk::setLiveSync(LiveSync* sync)
{
    if (m_sync) {
        m_sync->disconnect(this);
        m_sync->disconnect(m_sink.get());
    }
    m_sync = sync;
    if (!sync) {
        m_sink->setEnqueue({}); // back to the outbox alone, sent at the next connection
        return;
    }
    // Actions go through the sync client (sent when the undo window ends) and come back answered.
    m_sink->setEnqueue(sync->enqueueThroughClient());
    connect(sync, &LiveSync::actionAnswered, m_sink.get(), &StoreActionSink::deliverAnswer);
    // Full-size photos of the case detail come through the sync client too.
    connect(sync, &LiveSync::photoReady, this, [this](qint64 id, const QByteArray& data) {
        if (m_viewer)
            m_viewer->showPhoto(id, data);
    });
    connect(sync, &LiveSync::photoFailed, this, [this](qint64 id, const QString& reason) {
        if (m_viewer)
            m_viewer->showFailure(id, reason);
    });
}

PhotoViewer* CaseDesk::photoViewer() const
{
    return m_viewer;
}

void CaseDesk::openPhoto(int index)
{
    const CaseDetail& detail = m_detail->detail();
    if (!detail.found || index < 0 || index >= detail.photos.size())
        return;
    if (!m_viewer) {
        m_viewer = new PhotoViewer(&m_window);
        m_viewer->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_viewer, &PhotoViewer::photoWanted, this, &CaseDesk::fetchPhoto);
    }
    m_viewer->setPhotos(detail.item.code, detail.photos, index);
    m_viewer->show();
    m_viewer->raise();
    m_viewer->activateWindow();
}

void CaseDesk::fetchPhoto(qint64 photoId)
{
    if (m_sync) {
        m_sync->requestPhoto(photoId);
        return;
    }
    // No server: a photo opened here before is still in the local cache.
    QPointer<CaseDesk> self(this);
    m_store.post([self, photoId](Store& store) {
        const std::optional<CachedPhoto> cached = store.cachedPhoto(photoId);
        QMetaObject::invokeMethod(qApp, [self, photoId, cached] {
            if (!self || !self->m_viewer)
                return;
            if (cached)
                self->m_viewer->showPhoto(photoId, cached->data);
            else
                self->m_viewer->showFailure(photoId,
                    tr("No server is connected: this desk works from its local data file only, and photo %1 was not "
                       "opened here before. Full-size photos load when GridHall runs with a server (for example --demo).")
                        .arg(photoId));
        }, Qt::QueuedConnection);
    });
}

void CaseDesk::reloadAll()
{
    QPointer<CaseDesk> self(this);
    m_loading = true;
    ++m_fullReads;
    const ChangeNotifier* notifier = &m_store.notifier();
    // Filter, sort and clock as they are now: the queues' rows are counted, filtered and
    // sorted for them on the store thread, so the handover below is a swap.
    const CaseQueueModel::Settings settings = m_model->settings();
    const int read = m_fullReads; // a later reloadAll() drops this one's handover
    m_store.read([self, notifier, settings, read](Store& store) {
        auto data = std::make_shared<DeskData>();
        data->serial = notifier->lastPublished(); // what this read holds
        CaseTable table;
        store.forEachCase([&table](const Case& c) { table.upsert(c); });
        data->workers = store.workers();
        data->departments = store.departments();
        const QList<Street> streets = store.streets();
        const QList<Community> communities = store.communities();
        const QList<GridCell> grids = store.grids();
        const QList<District> districts = store.districts();
        // Names and lists for the panels, made here rather than on the GUI thread.
        for (const Street& s : streets) {
            data->places.insert(s.code, s.name);
            data->areas.append({ s.code, s.name });
            for (const Community& c : communities)
                if (c.streetCode == s.code)
                    data->areas.append({ c.code, c.name });
            data->levels.append({ DispatchTarget::Kind::Street, s.code, s.name, {}, {}, true });
        }
        if (!districts.isEmpty())
            data->levels.append({ DispatchTarget::Kind::District, districts.first().code, districts.first().name, {}, {}, true });
        for (const Community& c : communities)
            data->places.insert(c.code, c.name);
        for (const GridCell& g : grids)
            data->places.insert(g.code, g.name);
        QHash<QString, QString> holders;
        for (const Worker& w : data->workers)
            holders.insert(w.code, w.name);
        for (const Department& dep : data->departments)
            holders.insert(dep.code, settings.categoryNames == CaseQueueModel::CategoryNames::Chinese ? dep.nameZh : dep.nameEn);
        data->loads = openLoadByHolder(table);
        data->queues = CaseQueueModel::prepare(std::move(table), settings, data->places, holders);
        QMetaObject::invokeMethod(qApp, [self, data, read] {
            if (!self || self->m_fullReads != read)
                return;
            // In three turns, each with its repaint: the queues, then the worker and
            // department lists, then the rest. Deltas meanwhile wait in m_heldWhileLoading.
            CaseDesk* desk = self;
            runInTurns(desk, {
                [desk, data] {
                    startup::Span span("case desk: handover of every case (queues)");
                    desk->m_model->setPrepared(data->queues);
                    // The table the queues had (empty at start; the old replica's after a
                    // snapshot) is freed on the store thread: a million rows take tens of
                    // milliseconds to free.
                    desk->m_store.post([data](Store&) { data->queues = {}; });
                },
                [desk, data] {
                    startup::Span span("case desk: handover of every case (workers, departments)");
                    desk->m_workers->setWorkers(data->workers);
                    desk->m_workers->setPlaceNames(data->places);
                    desk->m_departments->setDepartments(
                        data->departments.isEmpty() ? builtInDepartments() : data->departments);
                    desk->m_loads = std::move(data->loads);
                    desk->m_workers->setLoads(desk->m_loads);
                    desk->m_departments->setLoads(desk->m_loads);
                },
                [desk, data] {
                    startup::Span span("case desk: handover of every case (areas, banner)");
                    CaseDesk& d = *desk;
                    d.m_queue->setAreas(data->areas);
                    d.m_departmentsPanel->setEscalationTargets(data->levels);
                    d.m_banner->setOverdueCount(d.m_model->viewCount(QueueView::Overdue));
                    d.m_loaded = true;
                    d.m_loading = false;
                    d.m_readSerial = data->serial;
                    for (const ReplicaChanges& held : std::exchange(d.m_heldWhileLoading, {}))
                        d.applyChanges(held);
                    emit d.loaded();
                },
            }, [self, read] { return self && self->m_fullReads == read; });
        }, Qt::QueuedConnection);
    });
}

void CaseDesk::applyChanges(const ReplicaChanges& changes)
{
    if (m_loading || !m_loaded) {
        m_heldWhileLoading.append(changes);
        return;
    }
    const QList<Case> rows = changes.casesAfter();
    // Rows the shown read already held are in the queues; the banner may not know them.
    if (changes.serial > m_readSerial && !rows.isEmpty()) {
        m_model->applyCases(rows);
        // Loads move by the rows that changed holder or closed; no pass over every case,
        // nor over every worker.
        QHash<QString, int> moved;
        for (const CaseChange& change : changes.cases) {
            if (change.before && isOpen(change.before->state) && !change.before->holder.isEmpty())
                moved[change.before->holder] = (m_loads[change.before->holder] -= 1);
            if (isOpen(change.after.state) && !change.after.holder.isEmpty())
                moved[change.after.holder] = (m_loads[change.after.holder] += 1);
        }
        m_workers->changeLoads(moved);
        m_departments->changeLoads(moved);
    }
    if (!rows.isEmpty()) {
        const int pending = m_banner->pendingCount();
        m_banner->considerCases(rows);
        // The moment the workstation's alert is up, for the hall's logs and bench
        // alert-latency: wall-clock milliseconds since the epoch.
        if (m_banner->pendingCount() > pending)
            for (const Case& c : rows)
                if (c.disputeLevel == DisputeLevel::Red && isOpen(c.state) && !c.alertAckedAt.isValid())
                    qCInfo(lcDeskAlerts).noquote() << QStringLiteral("alert shown: case %1 %2 at %3 ms")
                                                          .arg(c.id)
                                                          .arg(c.code)
                                                          .arg(QDateTime::currentMSecsSinceEpoch());
    }
    // The case in hand changed (a feedback, its photos): its detail is read again.
    const qint64 inHand = m_detail->detail().item.id;
    if (inHand && changes.caseIds().contains(inHand))
        m_loader->load(inHand);
}

int CaseDesk::acknowledgeAlerts(const QList<qint64>& caseIds)
{
    // Only what this operator may acknowledge: a leader's desk (read-only) or a case
    // outside the street, acknowledged already or not loaded takes the banner down here only.
    QList<qint64> mine;
    for (const qint64 id : caseIds)
        if (m_controller->availableActions({ id }).contains(CaseAction::AcknowledgeAlert))
            mine.append(id);
    if (mine.isEmpty())
        return 0;
    ActionRequest request;
    request.action = CaseAction::AcknowledgeAlert;
    return m_controller->performWithoutUndo(m_controller->plan(mine, request)) ? int(mine.size()) : 0;
}

CameraWindow* CaseDesk::openCamera(const Camera& camera, qint64 caseId)
{
    if (!caseId && m_detail->detail().found)
        caseId = m_detail->detail().item.id;
    // A role that may not attach photos (a leader) watches without the save button.
    if (!CaseMachine::roleMay(CaseAction::AttachPhoto, m_controller->actor().role))
        caseId = 0;
    m_cameraWindows.removeAll(nullptr);
    for (const QPointer<CameraWindow>& w : std::as_const(m_cameraWindows)) {
        if (w->camera().code == camera.code && w->caseId() == caseId) {
            w->show();
            w->raise();
            w->activateWindow();
            return w;
        }
    }
    auto* window = new CameraWindow(camera, &m_window);
    if (caseId) {
        const std::optional<Case> c = m_controller->caseFor(caseId);
        window->setCase(caseId, c ? c->code : QString::number(caseId));
    }
    connect(window, &CameraWindow::stillRequested, this, [this, window](qint64 id, const QImage& frame, const Camera& cam) {
        QString error;
        if (saveStill(id, frame, cam.code, &error))
            showStillStatus(window, id);
        else
            window->setStillStatus(tr("The still was not saved: %1").arg(error));
    });
    connect(m_controller->tracker(), &ActionTracker::caseChanged, window, [this, window](qint64 id) {
        if (id == window->caseId() && !window->stillStatus().isEmpty())
            showStillStatus(window, id);
    });
    m_cameraWindows.append(window);
    window->show();
    window->raise();
    window->activateWindow();
    return window;
}

bool CaseDesk::saveStill(qint64 caseId, const QImage& frame, const QString& cameraCode, QString* error)
{
    const QByteArray jpeg = stillJpeg(frame);
    if (jpeg.isEmpty()) {
        if (error)
            *error = tr("the picture could not be encoded as JPEG");
        return false;
    }
    ActionRequest request;
    request.action = CaseAction::AttachPhoto;
    request.target = cameraCode;
    ActionPlan plan = m_controller->plan({ caseId }, request);
    if (!plan.ok()) {
        if (error)
            *error = plan.refusal;
        return false;
    }
    plan.drafts.first().photos = { { QStringLiteral("image/jpeg"), jpeg, QDateTime::currentDateTimeUtc() } };
    return m_controller->performWithoutUndo(plan);
}

void CaseDesk::showStillStatus(CameraWindow* window, qint64 caseId)
{
    const std::optional<TrackedAction> t = m_controller->tracker()->forCase(caseId);
    if (!t || t->action != CaseAction::AttachPhoto)
        return;
    window->setStillStatus(tr("Still for case %1: %2").arg(m_controller->caseFor(caseId) ? m_controller->caseFor(caseId)->code : QString::number(caseId),
        ActionTracker::describeStatus(*t)));
}

void CaseDesk::showChartSelection(const CaseFilter& filter)
{
    m_queue->showChartSelection(queueFilterFor(filter));
    if (m_queueDock) {
        m_queueDock->show();
        m_queueDock->raise();
    }
    m_window.raise();
    m_window.activateWindow();
    m_queue->view()->setFocus();
}

void CaseDesk::updatePositions(const QList<WorkerFix>& fixes)
{
    QHash<QString, WorkerFixInfo> latest;
    for (const WorkerFix& f : fixes)
        latest.insert(f.worker, { f.position, f.at });
    m_workers->setPositions(latest);
}

void CaseDesk::showCase(qint64 caseId)
{
    m_queueDock->raise();
    m_queue->selectCase(caseId);
    m_loader->load(caseId);
}

void CaseDesk::retranslate()
{
    if (!m_queueDock)
        return;
    m_queueDock->setWindowTitle(tr("Case queues"));
    m_workersDock->setWindowTitle(tr("Workers"));
    m_departmentsDock->setWindowTitle(tr("Departments and levels"));
    m_detailDock->setWindowTitle(tr("Case detail"));
    m_bannerDock->setWindowTitle(tr("Alerts"));
    if (m_soundAction)
        m_soundAction->setText(tr("Sound for new red disputes"));
}

} // namespace gridhall
