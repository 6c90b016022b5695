#include "app/desktop/wallmode.h"

#include "app/desktop/demolauncher.h"
#include "app/desktop/livesync.h"
#include "app/desktop/startuptrace.h"
#include "maps/heatmap.h"
#include "maps/labelslayer.h"
#include "maps/mapscene.h"
#include "models/domain/taxonomy.h"
#include "models/itemmodels/casetable.h"
#include "models/store/store.h"
#include "models/store/storeservice.h"
#include "translations/translator.h"
#include "widgets/kpidashboard.h"
#include "widgets/mapcanvas.h"
#include "widgets/wallvideoboard.h"
#include "widgets/wallwindow.h"

#include <QApplication>
#include <QBoxLayout>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QPointer>
#include <cstdio>

namespace gridhall {

Q_LOGGING_CATEGORY(lcWallMode, "gridhall.wall.app")

namespace {

// Zoom the map flies to for an alert: a few blocks around the dispute.
constexpr double kAlertZoom = 15.5;
constexpr int kAlertFlightMs = 1500;
// Red disputes that changed longer ago than this are not announced when they first show up.
constexpr qint64 kNewsSeconds = 3600;

// What the wall keeps of an open case; `now` decides whether it is overdue.
WallOpenCase wallOpenCase(const Case& c, const QHash<QString, QString>& streetNames, const QDateTime& now)
{
    WallOpenCase o;
    const bool overdue = c.stepDeadline.isValid() && c.stepDeadline < now;
    o.marker = { c.id, c.location, c.state, c.disputeLevel, overdue, true };
    o.gridCode = c.gridCode;
    o.source = c.source;
    o.extensionPending = c.extensionPending;
    o.row = { c.code, c.categoryCode, streetNames.value(c.streetCode, c.streetCode), c.disputeLevel, c.state,
        c.stepDeadline };
    return o;
}

RedDispute redDisputeFrom(const Case& c, const QHash<QString, QString>& streetNames)
{
    RedDispute red;
    red.id = c.id;
    red.location = c.location;
    red.code = c.code;
    red.description = c.description;
    red.address = c.address;
    red.streetName = streetNames.value(c.streetCode);
    red.gridCode = c.gridCode;
    red.reportedAt = c.reportedAt;
    red.updatedAt = c.updatedAt;
    red.acknowledged = c.alertAckedAt.isValid();
    return red;
}

// The queue board's counts per step and its most urgent rows, from the open cases alone
// (in memory: after a delta as after a read).
QueueBoardData queueBoardFrom(const QHash<qint64, WallOpenCase>& open, const QDateTime& nowUtc)
{
    constexpr int kUrgentRows = 40; // more than a 4K screen shows
    QueueBoardData out;
    const quint32 now = CaseTable::toSeconds(nowUtc);
    QList<QPair<quint32, const QueueBoardRow*>> waiting;
    for (const WallOpenCase& c : open) {
        const quint32 deadline = CaseTable::toSeconds(c.row.deadline);
        for (const QueueView view : WallQueueBoard::kSteps)
            if (isInQueueView(view, c.row.state, c.source, c.extensionPending, deadline, now))
                out.counts[size_t(view)] += 1;
        if (c.row.state == CaseState::Parked || deadline == CaseTable::kNoTime)
            continue; // parked cases wait by decision, not against a clock
        waiting.append({ deadline, &c.row });
    }
    const auto byDeadline = [](const auto& a, const auto& b) { return a.first < b.first; };
    const qsizetype keep = std::min<qsizetype>(kUrgentRows, waiting.size());
    std::partial_sort(waiting.begin(), waiting.begin() + keep, waiting.end(), byDeadline);
    for (qsizetype i = 0; i < keep; ++i)
        out.urgent.append(*waiting.at(i).second);
    return out;
}

QHash<QString, QString> streetNamesOf(const QList<Street>& streets)
{
    QHash<QString, QString> names;
    for (const Street& s : streets)
        names.insert(s.code, s.name);
    return names;
}

// Runs on the store thread. known: reds announced or baselined already; alerted: reds whose
// alert is up. Full details (and whether acknowledged) are read for new reds and alerted
// ones only (all of them when `known` is empty and `baseline` is false, e.g. for a drill).
WallData readWall(Store& store, const QSet<qint64>& known, const QSet<qint64>& alerted, bool baseline)
{
    WallData d;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    d.map = readDistrictMap(store, now);
    d.figures = overviewFigures(store.districts(), store.counts());

    const QHash<QString, QString> streetNames = streetNamesOf(d.map.streets);
    for (const CaseMarker& m : d.map.openCases) {
        if (m.dispute != DisputeLevel::Red)
            continue;
        RedDispute red;
        red.id = m.caseId;
        red.location = m.pos;
        if ((!baseline && !known.contains(m.caseId)) || alerted.contains(m.caseId)) {
            if (const std::optional<Case> c = store.caseById(m.caseId))
                red = redDisputeFrom(*c, streetNames);
        }
        d.redDisputes.append(red);
    }
    store.forEachOpenCase([&](const Case& c) { d.open.insert(c.id, wallOpenCase(c, streetNames, now)); });
    d.queues = queueBoardFrom(d.open, now);
    if (!store.lastError().isEmpty())
        d.error = store.lastError();
    return d;
}

WallAlert alertFor(const RedDispute& red, bool drill)
{
    WallAlert a;
    a.id = red.id;
    const QString what = red.description.isEmpty() ? red.code : red.description;
    a.title = drill ? QCoreApplication::translate("WallMode", "DRILL — new red dispute: %1").arg(what)
                    : QCoreApplication::translate("WallMode", "New red dispute: %1").arg(what);
    QStringList where;
    for (const QString& part : { red.streetName, red.address, red.code })
        if (!part.isEmpty())
            where.append(part);
    a.detail = where.join(QStringLiteral(" · "));
    a.position = red.location;
    a.hasPosition = true;
    a.areaCode = red.gridCode;
    a.raisedAt = red.reportedAt;
    return a;
}

// Checks a map or KPI entry's options when the layout is read: a misspelt colour or an
// unknown option refuses the file instead of quietly showing the default.
bool checkAreaOptions(const QVariantMap& options, const QStringList& known, QString* error)
{
    for (auto it = options.cbegin(); it != options.cend(); ++it) {
        if (!known.contains(it.key())) {
            *error = known.isEmpty()
                ? QCoreApplication::translate("WallMode", "unknown option \"%1\"; this view takes none").arg(it.key())
                : QCoreApplication::translate("WallMode", "unknown option \"%1\"; known: %2")
                      .arg(it.key(), known.join(QStringLiteral(", ")));
            return false;
        }
        if (it.value().typeId() != QMetaType::QString || it.value().toString().trimmed().isEmpty()) {
            *error = QCoreApplication::translate("WallMode", "\"%1\" must be a non-empty string").arg(it.key());
            return false;
        }
    }
    const QString colour = options.value(QStringLiteral("colour"), QStringLiteral("disputes")).toString();
    if (colour != QLatin1String("disputes") && colour != QLatin1String("open") && colour != QLatin1String("overdue")) {
        *error = QCoreApplication::translate("WallMode", "\"colour\" must be disputes, open or overdue, not %1").arg(colour);
        return false;
    }
    return true;
}

// The district map on a wall screen: no tool bar, no mouse, dispute colours; an entry's
// "area" option (street, community or grid code, or a street's name) makes it a close-up.
class WallMapView final : public WallView {
public:
    WallMapView(WallMode& mode, QWidget* parent)
        : m_canvas(new MapCanvas(parent))
        , m_map(std::make_unique<DistrictMap>(*m_canvas))
    {
        m_canvas->setObjectName(QStringLiteral("wallMap"));
        m_canvas->setAttribute(Qt::WA_TransparentForMouseEvents);
        m_canvas->setFocusPolicy(Qt::NoFocus);
        m_canvas->setCoordinatesVisible(false);
        m_map->setTheme(MapTheme::Wall);
        m_map->setColourMode(AreaColourMode::DisputeLevel);
        m_connections << QObject::connect(&mode, &WallMode::dataReady, m_canvas,
            [this](const WallData& d) { setData(d); });
        m_connections << QObject::connect(&mode, &WallMode::positionsReceived, m_canvas,
            [this](const QList<WorkerFix>& fixes) { m_map->updateWorkers(fixes); });
        m_connections << QObject::connect(&mode, &WallMode::casesChanged, m_canvas,
            [this](const QList<CaseChange>& changes) {
                if (m_loaded)
                    m_map->applyCaseChanges(changes, QDateTime::currentDateTimeUtc());
            });
        if (mode.hasData())
            setData(mode.data());
    }
    ~WallMapView() override
    {
        for (const QMetaObject::Connection& c : std::as_const(m_connections))
            QObject::disconnect(c);
    }

    QWidget* widget() override { return m_canvas; }

    void showEntry(const WallViewSpec& spec) override
    {
        m_area = spec.options.value(QStringLiteral("area")).toString();
        const QString colour = spec.options.value(QStringLiteral("colour")).toString();
        m_map->setColourMode(colour == QLatin1String("open") ? AreaColourMode::OpenCases
                : colour == QLatin1String("overdue")        ? AreaColourMode::OverdueCases
                                                            : AreaColourMode::DisputeLevel);
        frame();
    }

    QString caption() const override
    {
        const QString name = areaName();
        if (!name.isEmpty())
            return QCoreApplication::translate("WallMode", "Close-up: %1").arg(name);
        return m_district.isEmpty() ? QCoreApplication::translate("WallMode", "District map")
                                    : QCoreApplication::translate("WallMode", "District map · %1").arg(m_district);
    }

    bool canShowAlert() const override { return true; }
    void showAlert(const WallAlert& alert) override
    {
        if (!alert.hasPosition)
            return;
        // Its grid cell outlined, so it stands out among the other red disputes nearby.
        const MultiPolygon cell = m_map->areas().gridBoundary(alert.areaCode);
        if (cell.isEmpty())
            m_canvas->clearSelectedArea();
        else
            m_canvas->setSelectedArea(cell);
        m_canvas->flyTo(alert.position, kAlertZoom, kAlertFlightMs);
        if (std::optional<CaseMarker> marker = m_map->cases().marker(alert.id)) {
            marker->acknowledged = false; // pulses until acknowledged
            m_map->cases().upsertCase(*marker);
        }
    }
    void alertCleared(qint64 id) override { m_map->cases().acknowledge(id); }

    void setTypeSize(int bodyPixels) override
    {
        // Map labels are 12-16 px for a desk; on the wall they grow with the body text.
        for (MapLayer* layer : m_map->scene().layers())
            if (auto* labels = qobject_cast<LabelsLayer*>(layer))
                labels->setTextScale(bodyPixels / 24.0);
        // Markers and clusters too, so counts read from 5 m like the text (issue 15).
        m_map->cases().setMarkerScale(bodyPixels / 24.0);
        m_map->workers().setMarkerScale(bodyPixels / 24.0);
        QFont font = m_canvas->font();
        font.setPixelSize(qMax(12, bodyPixels * 2 / 3));
        m_canvas->setFont(font); // the scale bar
    }

    bool isSettled() const override
    {
        return m_loaded && m_map->scene().isUpToDate() && !m_map->scene().isRendering()
            && !m_canvas->isAnimating();
    }

private:
    void setData(const WallData& d)
    {
        // A live replica starts empty: frame the district once there is one.
        const bool first = !m_framed && d.map.bounds.valid;
        m_data = d.map;
        m_district = d.figures.districtName;
        m_map->setData(d.map);
        m_loaded = true;
        if (first) {
            m_framed = true;
            frame();
        }
    }

    // The area code an entry names, by code or by name.
    QString areaCode() const
    {
        if (m_area.isEmpty())
            return {};
        for (const Street& s : m_data.streets)
            if (s.code == m_area || s.name == m_area)
                return s.code;
        for (const Community& c : m_data.communities)
            if (c.code == m_area || c.name == m_area)
                return c.code;
        return m_area; // maybe a grid code
    }

    QString areaName() const
    {
        const QString code = areaCode();
        for (const Street& s : m_data.streets)
            if (s.code == code)
                return s.name;
        for (const Community& c : m_data.communities)
            if (c.code == code)
                return c.name;
        return code;
    }

    void frame()
    {
        if (!m_loaded)
            return;
        m_canvas->clearSelectedArea();
        if (m_area.isEmpty())
            m_map->showAll();
        else
            m_map->showArea(areaCode()); // an unknown area falls back to the whole district
    }

    MapCanvas* m_canvas;
    std::unique_ptr<DistrictMap> m_map;
    QList<QMetaObject::Connection> m_connections;
    DistrictMapData m_data;
    QString m_district;
    QString m_area;
    bool m_loaded = false;
    bool m_framed = false;
};

class WallOverviewView final : public WallView {
public:
    WallOverviewView(WallMode& mode, QWidget* parent)
        : m_panel(new OverviewPanel(parent))
    {
        // On a wall the tiles fill the screen instead of leaving its lower half empty.
        if (auto* box = qobject_cast<QBoxLayout*>(m_panel->layout()); box && box->count() == 3) {
            box->setStretch(1, 1);
            box->setStretch(2, 0);
        }
        m_connection = QObject::connect(&mode, &WallMode::dataReady, m_panel,
            [this](const WallData& d) { m_panel->setFigures(d.figures); });
        m_delta = QObject::connect(&mode, &WallMode::deltaApplied, m_panel,
            [this, &mode] { m_panel->setFigures(mode.figures()); });
        if (mode.hasData())
            m_panel->setFigures(mode.data().figures);
    }
    ~WallOverviewView() override
    {
        QObject::disconnect(m_connection);
        QObject::disconnect(m_delta);
    }
    QWidget* widget() override { return m_panel; }
    void showEntry(const WallViewSpec&) override { }
    QString caption() const override { return QCoreApplication::translate("WallMode", "District overview"); }

private:
    OverviewPanel* m_panel;
    QMetaObject::Connection m_connection;
    QMetaObject::Connection m_delta;
};

// The case queues on a wall screen: counts along the loop and the most urgent cases.
class WallQueueView final : public WallView {
public:
    WallQueueView(WallMode& mode, QWidget* parent)
        : m_board(new WallQueueBoard(parent))
    {
        m_connection = QObject::connect(&mode, &WallMode::dataReady, m_board, [this](const WallData& d) { show(d.queues); });
        m_delta = QObject::connect(&mode, &WallMode::deltaApplied, m_board, [this, &mode] { show(mode.queues()); });
        if (mode.hasData())
            show(mode.queues());
        // Countdowns move between reloads.
        m_tick.setInterval(30'000);
        QObject::connect(&m_tick, &QTimer::timeout, m_board, qOverload<>(&QWidget::update));
        m_tick.start();
    }
    ~WallQueueView() override
    {
        QObject::disconnect(m_connection);
        QObject::disconnect(m_delta);
    }
    QWidget* widget() override { return m_board; }
    void showEntry(const WallViewSpec&) override { }
    QString caption() const override { return QCoreApplication::translate("WallMode", "Case queues"); }
    void setTypeSize(int bodyPixels) override { m_board->setTypeSize(bodyPixels); }

private:
    void show(const QueueBoardData& queues)
    {
        QueueBoardData data = queues;
        const bool chinese = currentLanguage() == QLatin1String("zh_CN");
        for (QueueBoardRow& r : data.urgent) {
            if (const CategoryItem* item = Taxonomy::builtIn().item(r.category))
                r.category = chinese ? item->nameZh : item->nameEn;
        }
        m_board->setData(data);
    }

    WallQueueBoard* m_board;
    QTimer m_tick;
    QMetaObject::Connection m_connection;
    QMetaObject::Connection m_delta;
};

// The leaders' KPI dashboard on a wall screen: this week against the last, dark and large.
class WallKpiView final : public WallView {
public:
    WallKpiView(WallMode& mode, StoreService& store, QWidget* parent)
        : m_store(store)
        , m_board(new KpiDashboard(parent))
    {
        m_board->setObjectName(QStringLiteral("wallKpi"));
        m_board->setTheme(ChartTheme::wall());
        m_connection = QObject::connect(&mode, &WallMode::dataReady, m_board, [this] { refresh(); });
        m_delta = QObject::connect(&mode, &WallMode::deltaApplied, m_board, [this] { refresh(); });
        if (mode.hasData())
            refresh();
    }
    ~WallKpiView() override
    {
        QObject::disconnect(m_connection);
        QObject::disconnect(m_delta);
    }
    QWidget* widget() override { return m_board; }
    void showEntry(const WallViewSpec& spec) override
    {
        const QString scope = spec.options.value(QStringLiteral("area")).toString();
        if (scope != m_scope) {
            m_scope = scope;
            m_since.invalidate();
            refresh();
        }
    }
    QString caption() const override
    {
        return QCoreApplication::translate("WallMode", "Key indicators this week");
    }
    void setTypeSize(int bodyPixels) override
    {
        // The wall theme is sized for a 4K screen from 4 m (body text about 60 px).
        ChartTheme theme = ChartTheme::wall();
        theme.scale *= bodyPixels / 60.0;
        m_board->setTheme(theme);
    }
    bool isSettled() const override { return m_loaded; }

private:
    void refresh()
    {
        // Indicators move slowly and cost a pass over the cases: at most once a minute.
        if (m_pending || (m_since.isValid() && m_since.elapsed() < 60'000))
            return;
        m_pending = true;
        KpiOverviewRequest request;
        request.scope = m_scope;
        request.weekStart = weekStartOf(QDateTime::currentDateTime());
        request.chineseNames = currentLanguage() == QLatin1String("zh_CN");
        requestKpiOverview(m_store, request, m_board,
            [this](const std::optional<KpiOverview>& overview, const QString& error) {
                m_pending = false;
                m_since.start();
                if (overview)
                    m_board->setOverview(*overview);
                else
                    std::fprintf(stderr, "gridhall: %s\n", qPrintable(error));
                m_loaded = true; // settled either way: a failure should not hold up a screenshot
            });
    }

    StoreService& m_store;
    KpiDashboard* m_board;
    QMetaObject::Connection m_connection;
    QMetaObject::Connection m_delta;
    QString m_scope;
    QElapsedTimer m_since;
    bool m_pending = false;
    bool m_loaded = false;
};

} // namespace

WallMode::WallMode(StoreService& store, QObject* parent)
    : QObject(parent)
    , m_store(store)
    , m_controller(m_registry)
{
    qRegisterMetaType<WallData>();
    m_registry.registerKind(QStringLiteral("map"),
        [this](QWidget* parent) { return std::make_unique<WallMapView>(*this, parent); });
    m_registry.registerKind(QStringLiteral("overview"),
        [this](QWidget* parent) { return std::make_unique<WallOverviewView>(*this, parent); });
    m_registry.registerKind(QStringLiteral("queue"),
        [this](QWidget* parent) { return std::make_unique<WallQueueView>(*this, parent); });
    m_registry.registerKind(QStringLiteral("kpi"),
        [this](QWidget* parent) { return std::make_unique<WallKpiView>(*this, m_store, parent); });
    // Cameras come with a full read only: they are reference data, not in the deltas.
    m_registry.registerKind(QStringLiteral("video"), [this](QWidget* parent) {
        auto view = std::make_unique<WallVideoView>(parent);
        WallVideoView* v = view.get();
        connect(this, &WallMode::dataReady, v->widget(), [v](const WallData& d) { v->setCameras(d.map.cameras, d.map.streets); });
        if (hasData())
            v->setCameras(m_data.map.cameras, m_data.map.streets);
        return view;
    });
    m_registry.registerOptionCheck(QStringLiteral("video"), &WallVideoView::checkOptions);
    m_registry.registerOptionCheck(QStringLiteral("map"), [](const QVariantMap& options, QString* error) {
        return checkAreaOptions(options, { QStringLiteral("area"), QStringLiteral("colour") }, error);
    });
    m_registry.registerOptionCheck(QStringLiteral("kpi"), [](const QVariantMap& options, QString* error) {
        return checkAreaOptions(options, { QStringLiteral("area") }, error);
    });
    for (const QString& kind : { QStringLiteral("overview"), QStringLiteral("queue") })
        m_registry.registerOptionCheck(kind, [](const QVariantMap& options, QString* error) {
            return checkAreaOptions(options, {}, error);
        });

    // The one change path: deltas from the replica's notifier; a snapshot swap reads all.
    ChangeNotifier& notifier = m_store.notifier();
    connect(&notifier, &ChangeNotifier::casesChanged, this, &WallMode::applyChanges);
    connect(&notifier, &ChangeNotifier::snapshotSwapped, this, &WallMode::reload);
    connect(&notifier, &ChangeNotifier::positionsMoved, this, &WallMode::positionsReceived);
    // A burst of deltas queues many at once: the queue board and the figures follow once
    // for the run, not once per delta (each a pass over every open case).
    m_deltaRefresh.setSingleShot(true);
    m_deltaRefresh.setInterval(0);
    connect(&m_deltaRefresh, &QTimer::timeout, this, &WallMode::deltaApplied);
    m_settleCheck.setInterval(250);
    connect(&m_settleCheck, &QTimer::timeout, this, &WallMode::checkSettled);
    m_staleGrace.setSingleShot(true);
    connect(&m_staleGrace, &QTimer::timeout, this, [this] { m_controller.setStale(true, m_staleAsOf); });
    connect(&m_controller, &WallController::acknowledged, this, [this](qint64 id) {
        m_drills.remove(id);
        qCInfo(lcWallMode) << "alert acknowledged for case" << id;
    });
}

WallMode::~WallMode() = default;

void WallMode::start()
{
    m_controller.start();
}

void WallMode::reload()
{
    QPointer<WallMode> self(this);
    const QSet<qint64> known = m_knownReds;
    QSet<qint64> alerted;
    for (const WallAlert& a : m_controller.alerts())
        alerted.insert(a.id);
    const bool baseline = !m_baselined;
    m_reading = true;
    ++m_fullReads;
    const ChangeNotifier* notifier = &m_store.notifier();
    m_store.read([self, known, alerted, baseline, notifier](Store& store) {
        const quint64 serial = notifier->lastPublished(); // what this read holds
        WallData data = readWall(store, known, alerted, baseline);
        data.serial = serial;
        QMetaObject::invokeMethod(qApp, [self, data] {
            if (self)
                self->showData(data);
        }, Qt::QueuedConnection);
    });
}

void WallMode::showData(const WallData& in)
{
    WallData data = in;
    if (!data.error.isEmpty())
        std::fprintf(stderr, "gridhall: %s\n", qPrintable(data.error));
    // Alerts still up keep pulsing on the map after a reload.
    QSet<qint64> alerted;
    for (const WallAlert& a : m_controller.alerts())
        alerted.insert(a.id);
    for (CaseMarker& m : data.map.openCases)
        if (alerted.contains(m.caseId))
            m.acknowledged = false;
    m_data = data;
    m_mapBehind = false;
    m_queuesBehind = false;
    m_streetNames = streetNamesOf(data.map.streets);
    m_loaded = true;
    m_reading = false;
    m_controller.setDataTime(QDateTime::currentDateTime());
    emit dataReady(m_data);
    if (!m_baselined) {
        // Red disputes open when the wall starts are known; only new ones are announced.
        // A live replica starts empty: the baseline is the first read that has the district.
        for (const RedDispute& r : data.redDisputes)
            m_knownReds.insert(r.id);
        m_baselined = !data.map.grids.isEmpty();
    } else {
        takeDownSettledAlerts(data);
        announceNewReds(data);
    }
    if (!m_settled)
        m_settleCheck.start();
    for (const ReplicaChanges& held : std::exchange(m_heldWhileReading, {}))
        applyChanges(held);
}

const QueueBoardData& WallMode::queues() const
{
    if (m_queuesBehind) {
        m_queuesBehind = false;
        m_data.queues = queueBoardFrom(m_data.open, QDateTime::currentDateTimeUtc());
    }
    return m_data.queues;
}

const WallData& WallMode::data() const
{
    queues();
    if (m_mapBehind) {
        // The map's lists as a read would give them, from the open cases the deltas keep.
        m_mapBehind = false;
        DistrictMapData& map = m_data.map;
        map.openCases.clear();
        map.openCaseGrids.clear();
        map.openDisputes.clear();
        map.heatGrid.reset(); // made from the read's lists; views make theirs from these
        map.tallies.reset();
        map.gridStats.clear();
        const DisputeHeatWeights weights;
        for (auto it = m_data.open.cbegin(); it != m_data.open.cend(); ++it) {
            const CaseMarker& m = it->marker;
            map.openCases.append(m);
            map.openCaseGrids.insert(m.caseId, it->gridCode);
            GridStats& stats = map.gridStats[it->gridCode];
            stats.openCases += 1;
            stats.overdueCases += m.overdue ? 1 : 0;
            if (int(m.dispute) > int(stats.highestDispute))
                stats.highestDispute = m.dispute;
            if (m.dispute != DisputeLevel::None)
                map.openDisputes.append({ m.pos, weights.weight(m.dispute) });
        }
    }
    return m_data;
}

void WallMode::applyChanges(const ReplicaChanges& changes)
{
    if (m_reading || !m_loaded) {
        m_heldWhileReading.append(changes);
        return;
    }
    if (changes.serial <= m_data.serial || changes.cases.isEmpty())
        return; // the read shown holds it (and announced what was new), or no rows changed
    const QDateTime now = QDateTime::currentDateTimeUtc();
    OverviewFigures& f = m_data.figures;
    for (const CaseChange& change : changes.cases) {
        const Case& c = change.after;
        if (change.before)
            f.casesByState[change.before->state] -= 1;
        else
            f.cases += 1;
        f.casesByState[c.state] += 1;
        m_data.open.remove(c.id);
        m_data.redDisputes.removeIf([&c](const RedDispute& r) { return r.id == c.id; });
        if (!isOpen(c.state))
            continue;
        m_data.open.insert(c.id, wallOpenCase(c, m_streetNames, now));
        if (c.disputeLevel == DisputeLevel::Red)
            m_data.redDisputes.append(redDisputeFrom(c, m_streetNames));
    }
    m_queuesBehind = true;
    m_mapBehind = true;
    m_controller.setDataTime(QDateTime::currentDateTime());
    // Markers first, so an alert's map finds the new dispute's marker to pulse.
    emit casesChanged(changes.cases);
    m_deltaRefresh.start();
    if (!m_baselined)
        return; // the first read with the district decides what is news
    takeDownSettledAlerts(m_data);
    announceNewReds(m_data);
}

void WallMode::takeDownSettledAlerts(const WallData& data)
{
    if (!data.error.isEmpty() || data.map.grids.isEmpty())
        return; // a failed or empty read says nothing about the alerts
    QHash<qint64, bool> openReds; // id → acknowledged
    for (const RedDispute& r : data.redDisputes)
        openReds.insert(r.id, r.acknowledged);
    const QList<WallAlert> alerts = m_controller.alerts();
    for (const WallAlert& a : alerts) {
        if (m_drills.contains(a.id))
            continue;
        const auto it = openReds.constFind(a.id);
        if (it == openReds.constEnd() || it.value()) {
            qCInfo(lcWallMode) << "alert for case" << a.id
                               << (it == openReds.constEnd() ? "settled (closed, voided or no longer red)" : "acknowledged by a workstation");
            m_controller.acknowledge(a.id);
        }
    }
}

void WallMode::announceNewReds(const WallData& data)
{
    for (const RedDispute& r : data.redDisputes) {
        if (m_knownReds.contains(r.id))
            continue;
        m_knownReds.insert(r.id);
        if (r.acknowledged) {
            qCInfo(lcWallMode) << "red dispute" << r.id << "acknowledged before it reached the wall";
            continue;
        }
        // A red dispute that last changed long ago is a resync catching up, not news.
        if (r.updatedAt.isValid() && r.updatedAt.secsTo(QDateTime::currentDateTimeUtc()) > kNewsSeconds) {
            qCInfo(lcWallMode) << "red dispute" << r.id << "arrived late; not announced";
            continue;
        }
        m_controller.raiseAlert(alertFor(r, false));
        // The moment the banner is up on every screen, for the hall's logs and bench
        // alert-latency: wall-clock milliseconds since the epoch.
        qCInfo(lcWallMode).noquote() << QStringLiteral("alert shown: case %1 %2 at %3 ms")
                                            .arg(r.id)
                                            .arg(r.code)
                                            .arg(QDateTime::currentMSecsSinceEpoch());
    }
}

void WallMode::raiseDrill()
{
    QPointer<WallMode> self(this);
    m_store.post([self](Store& store) {
        // Every red's details: pick the newest.
        WallData data = readWall(store, {}, {}, false);
        RedDispute newest;
        for (const RedDispute& r : std::as_const(data.redDisputes))
            if (!newest.id || r.reportedAt > newest.reportedAt)
                newest = r;
        QMetaObject::invokeMethod(qApp, [self, newest] {
            if (!self)
                return;
            if (newest.id) {
                self->m_drills.insert(newest.id);
                self->m_controller.raiseAlert(alertFor(newest, true));
            }
            else
                std::fprintf(stderr, "gridhall: no open red dispute to run a drill with\n");
        }, Qt::QueuedConnection);
    });
}

bool WallMode::acknowledge(qint64 caseId)
{
    return m_controller.acknowledge(caseId);
}

void WallMode::setLiveSync(LiveSync* sync)
{
    m_sync = sync;
    // A wall replays nothing: recording 20,000 workers' tracks only kept its store thread
    // from the change batches (most of its time, in the replica's log, in bench alert-latency).
    sync->setTrackDays(0);
    connect(sync, &LiveSync::statusChanged, this, &WallMode::showSyncStatus);
    showSyncStatus(sync->status());
}

void WallMode::showSyncStatus(const SyncStatus& st)
{
    const bool linked = st.state == SyncState::Online || st.state == SyncState::Syncing;
    if (linked) {
        m_lastOnline = QDateTime::currentDateTime();
        m_staleGrace.stop();
        m_controller.setStale(false, {});
        return;
    }
    // The data was current until the link went; without that, as of the last change.
    QDateTime asOf = st.offlineSince.isValid() ? st.offlineSince : m_lastOnline;
    if (!asOf.isValid())
        asOf = st.lastChangeAt;
    m_staleAsOf = asOf;
    // Down since offlineSince (for a wall just started: since it began to connect, so its
    // first connection gets the same grace). Clamped: a step of the clock must not put the
    // mark off beyond the grace, nor overflow the timer.
    const qint64 downMs = st.offlineSince.isValid()
        ? std::clamp<qint64>(st.offlineSince.msecsTo(QDateTime::currentDateTimeUtc()), 0, m_staleGraceMs)
        : m_staleGraceMs;
    if (downMs >= m_staleGraceMs || m_controller.isStale()) {
        m_staleGrace.stop();
        m_controller.setStale(true, asOf);
    }
    else if (!m_staleGrace.isActive())
        m_staleGrace.start(int(m_staleGraceMs - downMs));
}

void WallMode::checkSettled()
{
    if (m_settled || !m_loaded)
        return;
    // A live replica starts empty: the first snapshot has to arrive first.
    if (m_sync && m_data.map.grids.isEmpty())
        return;
    if (!m_controller.allSettled())
        return;
    m_settled = true;
    m_settleCheck.stop();
    emit dataSettled();
}

bool WallMode::saveScreenshots(const QString& file, QString* error) const
{
    const QList<WallWindow*> windows = m_controller.windows();
    if (windows.size() == 1) {
        if (!windows.first()->grab().save(file)) {
            *error = QCoreApplication::translate("WallMode", "cannot write %1").arg(file);
            return false;
        }
        return true;
    }
    const QFileInfo info(file);
    const QString suffix = info.suffix().isEmpty() ? QStringLiteral("png") : info.suffix();
    for (int i = 0; i < windows.size(); ++i) {
        const QString path = info.dir().filePath(QStringLiteral("%1-%2.%3").arg(info.completeBaseName()).arg(i + 1).arg(suffix));
        if (!windows.at(i)->grab().save(path)) {
            *error = QCoreApplication::translate("WallMode", "cannot write %1").arg(path);
            return false;
        }
    }
    return true;
}

int runWallMode(const WallModeOptions& options)
{
    StoreService store;
    WallMode wall(store);
    if (!options.layoutFile.isEmpty()) {
        WallLayout layout;
        QString error;
        if (!WallLayout::load(options.layoutFile, wall.registry().kinds(), &layout, &error, wall.registry().optionChecks())) {
            std::fprintf(stderr, "gridhall: %s\n", qPrintable(error));
            return 2;
        }
        wall.controller().setLayout(layout);
    } else if (options.demo) {
        // The demo's cameras stream from its own gridhall-cameras: its wall plays them too.
        WallLayout layout = WallLayout::defaultLayout();
        layout.screens.first().views.append({ QStringLiteral("video"), { { QStringLiteral("tiles"), QStringLiteral("3x3") } }, 30 });
        wall.controller().setLayout(layout);
    }
    // No workstation in a demo or a drill: the wall's own keyboard may acknowledge.
    wall.controller().setDemoShortcutsEnabled(options.demo || options.drill);

    int exitCode = 0;
    bool drillRaised = false;
    // Damage is found by the check that runs beside the first reads (StoreService::start).
    QObject::connect(&store, &StoreService::damaged, &wall, [&](const StoreStatus& status) {
        std::fprintf(stderr, "gridhall: %s\n", qPrintable(status.message));
        exitCode = 1;
        qApp->quit();
    });
    QObject::connect(&store, &StoreService::opened, &wall, [&](const StoreStatus& status) {
        if (!status.ok()) {
            // No dialogs on a wall: say why and stop, so the kiosk supervisor sees it.
            std::fprintf(stderr, "gridhall: %s\n", qPrintable(status.message));
            exitCode = 1;
            qApp->quit();
            return;
        }
        wall.reload();
    });
    QObject::connect(&wall, &WallMode::dataSettled, &wall, [] {
        // The wall reads what it shows in one go: its first full frame is all it loads.
        startup::mark("first full frame");
        startup::finished();
    }, Qt::SingleShotConnection);
    QObject::connect(&wall, &WallMode::dataSettled, &wall, [&] {
        if (options.drill && !drillRaised) {
            drillRaised = true;
            wall.raiseDrill();
        }
        if (options.screenshot.isEmpty())
            return;
        // Give a drill alert's flight time to land, and fonts a frame to settle.
        const int wait = options.drill ? kAlertFlightMs + 1500 : 300;
        QTimer::singleShot(wait, &wall, [&] {
            auto grabWhenDrawn = std::make_shared<std::function<void()>>();
            *grabWhenDrawn = [&, grabWhenDrawn] {
                if (!wall.controller().allSettled()) {
                    QTimer::singleShot(200, &wall, *grabWhenDrawn);
                    return;
                }
                QString error;
                if (!wall.saveScreenshots(options.screenshot, &error)) {
                    std::fprintf(stderr, "gridhall: %s\n", qPrintable(error));
                    exitCode = 1;
                }
                qApp->quit();
            };
            (*grabWhenDrawn)();
        });
    });
    if (!options.screenshot.isEmpty()) {
        QTimer::singleShot(120'000, &wall, [&] {
            std::fprintf(stderr, "gridhall: no data settled within two minutes; no screenshot saved\n");
            exitCode = 1;
            qApp->quit();
        });
    }

    wall.start();
    // Declared after the store: destroyed first, so the client leaves before the store closes.
    std::unique_ptr<LiveSync> live;
    DemoLauncher demo;
    if (options.demo && options.db.isEmpty()) {
        QObject::connect(&demo, &DemoLauncher::ready, &wall, [&](const QString& replica, const QUrl& server) {
            store.start(replica);
            live = std::make_unique<LiveSync>(store, server, QString::fromLatin1(DemoLauncher::kOperator),
                QString::fromLatin1(DemoLauncher::kPassword));
            wall.setLiveSync(live.get());
        });
        QObject::connect(&demo, &DemoLauncher::failed, &wall, [&](const QString& message) {
            std::fprintf(stderr, "gridhall: %s\n", qPrintable(message));
            exitCode = 1;
            // Queued: this may come before the event loop runs, when quit() would be lost.
            QMetaObject::invokeMethod(qApp, &QCoreApplication::quit, Qt::QueuedConnection);
        });
        demo.start(true, options.demoWorkers); // quiet: no progress dialog on a wall
    } else if (options.login.valid()) {
        const ServerLogin& login = options.login;
        store.start(options.db.isEmpty() ? defaultReplicaPath(login.servers, login.user) : options.db);
        live = std::make_unique<LiveSync>(store, login.servers, login.user, login.password, login.trusted);
        wall.setLiveSync(live.get());
        // A wall asks nobody: a refused login is reported for the kiosk supervisor; the wall
        // keeps its last data, marked stale, and a screenshot run ends.
        QObject::connect(live.get(), &LiveSync::statusChanged, &wall, [&](const SyncStatus& st) {
            if (!st.loginRefused)
                return;
            std::fprintf(stderr, "gridhall: %s: %s\n", qPrintable(options.login.serversText()), qPrintable(st.lastError));
            if (!options.screenshot.isEmpty()) {
                exitCode = 1;
                qApp->quit();
            }
        });
    } else {
        store.start(options.db);
    }
    const int rc = qApp->exec();
    return exitCode ? exitCode : rc;
}

} // namespace gridhall
