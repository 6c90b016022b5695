#include "app/desktop/replaydesk.h"

#include "app/desktop/districtmap.h"
#include "app/desktop/livesync.h"
#include "models/store/storeservice.h"
#include "models/store/trackstore.h"
#include "widgets/mapcanvas.h"
#include "widgets/playbackpanel.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QCompleter>
#include <QDockWidget>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMainWindow>
#include <QMenu>
#include <QPushButton>
#include <QRegularExpression>
#include <QTimeZone>
#include <QVBoxLayout>

namespace gridhall {

namespace {
// A worker's track for the panel, named as the map knows the worker; a code it does not
// know gets an id of its own, clear of real worker ids.
PlaybackTrack playbackTrack(const DistrictMap& map, const QString& code, const QList<TrackFix>& fixes)
{
    const std::optional<Worker> w = map.worker(code);
    PlaybackTrack t;
    t.workerId = w ? w->id : qint64(qHash(code) & 0x7fffffffffff) + (qint64(1) << 48);
    t.name = w ? w->name : code;
    t.code = code;
    t.track = TrackPlayback(fixes);
    return t;
}
} // namespace

ReplayDesk::ReplayDesk(StoreService& store, QMainWindow& window, DistrictMap& map)
    : QObject(&window)
    , m_store(store)
    , m_window(window)
    , m_map(map)
{
    m_box = new QWidget;
    m_who = new QLineEdit(m_box);
    m_who->setObjectName(QStringLiteral("replayWho"));
    m_who->setClearButtonEnabled(true);
    m_period = new QComboBox(m_box);
    m_period->setObjectName(QStringLiteral("replayPeriod"));
    for (int i = 0; i < 4; ++i)
        m_period->addItem(QString(), i);
    m_period->setCurrentIndex(int(Period::LastEightHours));
    m_load = new QPushButton(m_box);
    m_load->setObjectName(QStringLiteral("replayLoad"));
    m_load->setDefault(true);
    m_close = new QPushButton(m_box);
    m_close->setObjectName(QStringLiteral("replayStop"));
    m_status = new QLabel(m_box);
    m_status->setObjectName(QStringLiteral("replayStatus"));
    m_status->setWordWrap(true);
    m_panel = new PlaybackPanel(m_box);
    m_panel->setGridLookup([&map = m_map](LonLat p) { return map.areas().gridAt(p); });

    auto* row = new QHBoxLayout;
    row->addWidget(m_who, 1);
    m_who->setMinimumWidth(120);
    row->addWidget(m_period);
    row->addWidget(m_load);
    row->addWidget(m_close);
    auto* layout = new QVBoxLayout(m_box);
    // Compact: the dock shares the bottom with the queues and must not push the window
    // taller than a 1080-line screen.
    layout->setContentsMargins(2, 2, 2, 0);
    layout->setSpacing(2);
    layout->addLayout(row);
    layout->addWidget(m_status);
    layout->addWidget(m_panel);
    layout->addStretch(1);

    connect(m_load, &QPushButton::clicked, this, &ReplayDesk::load);
    connect(m_who, &QLineEdit::returnPressed, this, &ReplayDesk::load);
    connect(m_close, &QPushButton::clicked, this, &ReplayDesk::stop);
    // The one change path: live fixes extend the replay shown; a new replica is read again.
    connect(&m_store.notifier(), &ChangeNotifier::positionsMoved, this, &ReplayDesk::followPositions);
    connect(&m_store.notifier(), &ChangeNotifier::snapshotSwapped, this, [this] {
        if (m_shownCodes.isEmpty())
            return;
        const auto [from, to] = periodRange(m_shownPeriod, QDateTime::currentMSecsSinceEpoch());
        readRecorded(m_shownCodes, from, to, ++m_generation);
    });
    retranslate();
}

ReplayDesk::~ReplayDesk()
{
    // Docked, the box belongs to the dock (which the window may have deleted already).
    if (!m_docked)
        delete m_box;
}

void ReplayDesk::dock(QMenu* viewMenu, QDockWidget* neighbour)
{
    m_docked = true;
    m_dock = new QDockWidget(&m_window);
    m_dock->setObjectName(QStringLiteral("replayDock"));
    m_dock->setWidget(m_box);
    m_window.addDockWidget(neighbour ? m_window.dockWidgetArea(neighbour) : Qt::BottomDockWidgetArea, m_dock);
    m_neighbour = neighbour;
    m_dock->hide();
    QAction* toggle = m_dock->toggleViewAction();
    // Closing the dock (not switching to the queue's tab) ends the replay and gives the
    // map back to the live workers.
    connect(toggle, &QAction::toggled, this, [this](bool open) {
        if (!open)
            stop();
    });
    toggle->setShortcut(Qt::CTRL | Qt::SHIFT | Qt::Key_R);
    viewMenu->addAction(toggle);
    retranslate();
}

void ReplayDesk::setWorkers(const QList<Worker>& workers)
{
    m_workers = workers;
    QStringList entries;
    entries.reserve(workers.size());
    for (const Worker& w : workers)
        entries.append(w.name + QLatin1Char(' ') + w.code);
    auto* completer = new QCompleter(entries, m_who);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setFilterMode(Qt::MatchContains);
    delete m_who->completer();
    m_who->setCompleter(completer);
}

void ReplayDesk::setPeriod(Period period)
{
    m_period->setCurrentIndex(int(period));
}

void ReplayDesk::replay(const QStringList& workerCodes)
{
    m_who->setText(workerCodes.join(QStringLiteral(", ")));
    if (m_dock && !m_dock->isVisible()) {
        m_dock->show();
        // A tab beside its neighbour: the map keeps its size while a patrol replays.
        if (m_neighbour && m_neighbour->isVisible() && !m_dock->isFloating()
            && !m_window.tabifiedDockWidgets(m_neighbour).contains(m_dock))
            m_window.tabifyDockWidget(m_neighbour, m_dock);
    }
    if (m_dock)
        m_dock->raise();
    load();
}

QPair<qint64, qint64> ReplayDesk::periodRange(Period period, qint64 nowMs)
{
    const QDateTime now = QDateTime::fromMSecsSinceEpoch(nowMs);
    const QDateTime midnight = now.date().startOfDay();
    switch (period) {
    case Period::LastHour: return { nowMs - 3600 * 1000, nowMs + 1 };
    case Period::LastEightHours: return { nowMs - 8 * 3600 * 1000, nowMs + 1 };
    case Period::Today: return { midnight.toMSecsSinceEpoch(), nowMs + 1 };
    case Period::Yesterday:
        return { now.date().addDays(-1).startOfDay().toMSecsSinceEpoch(), midnight.toMSecsSinceEpoch() };
    }
    return { nowMs, nowMs + 1 };
}

// Codes, names or "name code" entries from the completer, separated by commas or spaces.
QStringList ReplayDesk::codesFromField(QStringList* unknown) const
{
    QHash<QString, QString> byName, byCode;
    for (const Worker& w : m_workers) {
        byCode.insert(w.code.toCaseFolded(), w.code);
        byName.insert(w.name, w.code);
    }
    QStringList codes;
    static const QRegularExpression separators(QStringLiteral("[,，;；\\s]+"));
    for (const QString& part : m_who->text().split(separators, Qt::SkipEmptyParts)) {
        QString code = byCode.value(part.toCaseFolded());
        if (code.isEmpty())
            code = byName.value(part);
        if (code.isEmpty() && m_workers.isEmpty())
            code = part; // no list yet: take it as a code
        if (code.isEmpty())
            unknown->append(part);
        else if (!codes.contains(code))
            codes.append(code);
    }
    return codes;
}

void ReplayDesk::load()
{
    m_lastUnknown.clear();
    const QStringList codes = codesFromField(&m_lastUnknown);
    m_lastMissing.clear();
    if (codes.isEmpty()) {
        // Nobody to replay: say why (nobody named, or names not known) and stay live.
        ++m_generation;
        m_lastTracks = m_lastUnknown.isEmpty() ? -2 : 0;
        m_status->setText(statusText());
        m_who->setFocus();
        stop();
        emit loaded(0);
        return;
    }
    m_shownPeriod = Period(m_period->currentIndex());
    const auto [from, to] = periodRange(m_shownPeriod, QDateTime::currentMSecsSinceEpoch());
    const int generation = ++m_generation;
    m_fetchProblem.clear();
    m_fetchTruncated = false;
    if (m_sync) {
        // The server's track first (it has the whole period), then the replica's.
        m_lastTracks = -3;
        m_status->setText(statusText());
        m_fetch = { m_sync->fetchTrack(codes, from, to), codes, from, to, generation };
        return;
    }
    readRecorded(codes, from, to, generation);
}

void ReplayDesk::setLiveSync(LiveSync* sync)
{
    if (m_sync)
        m_sync->disconnect(this);
    m_sync = sync;
    if (!sync)
        return;
    connect(sync, &LiveSync::trackFetched, this, [this](int ticket, int, bool truncated, const QString& error) {
        // Only the answer the newest load waits for; older ones were superseded.
        if (ticket != m_fetch.ticket || m_fetch.generation != m_generation)
            return;
        m_fetchProblem = error;
        m_fetchTruncated = truncated;
        readRecorded(m_fetch.codes, m_fetch.from, m_fetch.to, m_fetch.generation);
    });
}

void ReplayDesk::readRecorded(const QStringList& codes, qint64 from, qint64 to, int generation)
{
    m_lastTracks = -1;
    m_status->setText(statusText());
    QPointer<ReplayDesk> self(this);
    m_store.post([self, codes, from = from, to = to, generation](Store& store) {
        QString error;
        auto fixes = std::make_shared<QList<RecordedFix>>(recordedFixes(store, codes, from, to, &error));
        QMetaObject::invokeMethod(qApp, [self, codes, fixes, error, from, to, generation] {
            if (!self || generation != self->m_generation)
                return;
            QHash<QString, QList<TrackFix>> byWorker;
            for (const RecordedFix& f : *fixes)
                byWorker[f.worker].append({ f.pos, f.atMs });
            QList<PlaybackTrack> tracks;
            GeoBox box;
            for (const QString& code : codes) {
                const QList<TrackFix> track = byWorker.value(code);
                if (track.isEmpty()) {
                    self->m_lastMissing.append(code);
                    continue;
                }
                for (const TrackFix& f : track)
                    box.include(f.pos);
                tracks.append(playbackTrack(self->m_map, code, track));
            }
            self->m_lastTracks = int(tracks.size());
            if (!error.isEmpty())
                self->m_lastMissing = { error };
            self->m_status->setText(self->statusText());
            if (tracks.isEmpty()) {
                self->stop();
                emit self->loaded(0);
                return;
            }
            self->m_shownCodes = codes;
            self->m_followsLive = self->m_shownPeriod != Period::Yesterday; // the others end now
            self->m_panel->setTracks(tracks);
            self->m_panel->setPeriod(std::max(from, self->m_panel->periodStart()),
                std::min(to, self->m_panel->periodEnd()));
            self->m_map.setReplaying(true);
            self->m_panel->setWorkersLayer(&self->m_map.replay());
            self->m_panel->setCurrentTime(self->m_panel->periodStart());
            if (box.valid)
                self->m_map.canvas().zoomToBox(box, 140); // clear of the legend in the corner
            emit self->loaded(int(tracks.size()));
        }, Qt::QueuedConnection);
    });
}

void ReplayDesk::followPositions(const QList<WorkerFix>& fixes)
{
    if (m_shownCodes.isEmpty() || !m_followsLive)
        return;
    QHash<QString, QList<TrackFix>> byWorker;
    for (const WorkerFix& f : fixes)
        if (f.at.isValid() && m_shownCodes.contains(f.worker))
            byWorker[f.worker].append({ f.position, f.at.toMSecsSinceEpoch() });
    if (byWorker.isEmpty())
        return;
    QList<PlaybackTrack> more;
    for (auto it = byWorker.cbegin(); it != byWorker.cend(); ++it)
        more.append(playbackTrack(m_map, it.key(), it.value()));
    if (m_panel->appendFixes(more)) {
        m_lastMissing.removeIf([&byWorker](const QString& code) { return byWorker.contains(code); });
        m_lastTracks = int(m_panel->tracks().size());
        m_status->setText(statusText());
    }
}

void ReplayDesk::stop()
{
    m_shownCodes.clear();
    m_panel->pause();
    m_panel->setWorkersLayer(nullptr);
    m_map.setReplaying(false);
}

QString ReplayDesk::statusText() const
{
    QString text;
    if (m_lastTracks == -2)
        return tr("Name one or more field workers (name or code).");
    if (m_lastTracks == -3)
        return tr("Fetching the tracks from the server…");
    if (m_lastTracks == -1)
        return tr("Reading the recorded tracks…");
    if (m_lastTracks > 0)
        text = tr("Replaying %n worker(s).", nullptr, m_lastTracks);
    auto add = [&text](const QString& more) { text += (text.isEmpty() ? QString() : QStringLiteral(" ")) + more; };
    if (!m_lastUnknown.isEmpty())
        add(tr("No field worker is called %1.").arg(m_lastUnknown.join(QStringLiteral(", "))));
    if (!m_lastMissing.isEmpty())
        add(tr("No recorded track in this period for: %1.").arg(m_lastMissing.join(QStringLiteral(", "))));
    if (!m_fetchProblem.isEmpty())
        add(tr("The server's tracks could not be fetched (%1); this shows what this workstation recorded itself.")
                .arg(m_fetchProblem));
    else if (m_fetchTruncated)
        add(tr("The period holds more than the server sends at once; choose fewer workers or a shorter period to see all of it."));
    return text;
}

void ReplayDesk::retranslate()
{
    m_who->setPlaceholderText(tr("Workers to replay: names or codes"));
    m_period->setItemText(int(Period::LastHour), tr("Last hour"));
    m_period->setItemText(int(Period::LastEightHours), tr("Last 8 hours"));
    m_period->setItemText(int(Period::Today), tr("Today"));
    m_period->setItemText(int(Period::Yesterday), tr("Yesterday"));
    m_load->setText(tr("Replay"));
    m_close->setText(tr("Back to live"));
    m_close->setToolTip(tr("End the replay and show the workers' live positions"));
    if (m_dock)
        m_dock->setWindowTitle(tr("Track replay"));
    m_status->setText(statusText());
}

} // namespace gridhall
