#include "app/sim/simulator.h"

#include "app/sim/simphoto.h"
#include "models/domain/taxonomy.h"
#include "models/sync/protocol.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QElapsedTimer>
#include <QTimer>
#include <QWebSocket>
#include <algorithm>
#include <cmath>
#include <map>

Q_LOGGING_CATEGORY(lcSim, "gridhall.sim")

namespace gridhall {

using namespace protocol;

namespace {
constexpr double kMetresPerDegLat = 111320.0;
constexpr double kTickMs = 200;

LonLat offsetMetres(LonLat p, double east, double north)
{
    return { p.lon + east / (kMetresPerDegLat * std::cos(p.lat * M_PI / 180.0)), p.lat + north / kMetresPerDegLat };
}
} // namespace

struct Simulator::Agent {
    enum class Task { Patrol, ToCase, Handling };
    std::unique_ptr<QWebSocket> socket;
    QString user;
    QString password;
    Worker worker;
    bool online = false;
    int homeServer = 0; // into SimOptions::servers: where --spread put it
    int serverIndex = 0; // into SimOptions::servers: the instance tried now
    int failures = 0; // links in a row that ended before a welcome
    bool linked = false; // the current link got through the WebSocket handshake
    bool reconnecting = false;
    qint64 nextSeq = 1;
    // Sent and not answered yet, by clientSeq: sent again after a reconnect with the same
    // sequence number and key, as a handheld's outbox does (the server answers a retry of
    // what it applied from its store), so a killed instance loses no report.
    std::map<qint64, QJsonObject> unanswered;
    LonLat position;
    LonLat target;
    double speed = 1.3; // m/s
    Task task = Task::Patrol;
    qint64 caseId = 0;
    qint64 caseVersion = 0;
    QString caseCode; // stamped on the feedback photo
    double handlingLeft = 0; // sim seconds
    double nextFixIn = 0; // real seconds
    double silentFor = 0; // real seconds of dropout left
    QJsonArray pendingFixes;
    QList<QPair<qint64, qint64>> toVerify; // supervisor: case id, version
};

Simulator::Simulator(SimOptions options, QList<Worker> workers, QList<GridCell> grids, QList<BasemapFeature> roads, QObject* parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_random(m_options.seed)
{
    for (const GridCell& g : grids)
        m_grids.insert(g.code, g);
    for (const BasemapFeature& f : roads)
        if ((f.kind == BasemapKind::MajorRoad || f.kind == BasemapKind::MinorRoad) && f.line.size() >= 2)
            m_roads.append(f.line);
    for (const CategoryClass& c : Taxonomy::builtIn().classes())
        for (const CategoryItem& i : c.items)
            m_categories.append(i.code);
    // Grid workers first (the bulk of a district's handhelds), then teams, each by code.
    std::sort(workers.begin(), workers.end(), [](const Worker& a, const Worker& b) {
        return std::pair(int(a.kind), a.code) < std::pair(int(b.kind), b.code);
    });
    // Fewer handhelds than workers: spread them over the whole district in proportion to its
    // grid cells. Grid workers (one per cell, by code, so street after street) are taken at
    // an even stride from the first; the first N of them were the northern streets alone.
    if (m_options.workers > 0 && workers.size() > m_options.workers) {
        const qsizetype n = m_options.workers;
        const qsizetype gridWorkers = std::count_if(workers.cbegin(), workers.cend(),
            [](const Worker& w) { return w.kind == WorkerKind::GridWorker; });
        if (n <= gridWorkers) {
            QList<Worker> spread;
            spread.reserve(n);
            for (qsizetype i = 0; i < n; ++i)
                spread.append(workers[i * gridWorkers / n]);
            workers = spread;
        } else {
            workers = workers.mid(0, n);
        }
    }
    for (const Worker& w : workers) {
        auto a = std::make_unique<Agent>();
        a->worker = w;
        a->user = w.code;
        a->password = m_options.password;
        if (m_options.spread)
            a->homeServer = a->serverIndex = int(m_agents.size() % m_options.servers.size());
        const GridCell home = m_grids.value(w.homeGridCode);
        LonLat start = home.centroid;
        if (start.lon == 0 && !m_grids.isEmpty()) {
            // Team members and handlers start in a grid of their street.
            for (const GridCell& g : std::as_const(m_grids))
                if (g.streetCode == w.streetCode) {
                    start = g.centroid;
                    break;
                }
        }
        a->position = start;
        a->speed = m_random.bounded(4) == 0 ? 4.0 : 1.3; // some ride e-bikes
        a->nextFixIn = m_random.generateDouble() * m_options.positionIntervalSecs; // spread the load
        pickTarget(*a);
        m_byWorker.insert(w.code, a.get());
        m_agents.push_back(std::move(a));
    }
    if (!m_options.supervisor.isEmpty()) {
        m_supervisor = std::make_unique<Agent>();
        m_supervisor->user = m_options.supervisor;
        m_supervisor->password = m_options.supervisorPassword;
    }
    m_timer.setInterval(int(kTickMs));
    connect(&m_timer, &QTimer::timeout, this, &Simulator::tick);
}

Simulator::~Simulator() = default;

void Simulator::start()
{
    m_simStart = QDateTime::currentDateTimeUtc();
    m_clock.start();
    for (auto& a : m_agents)
        connectAgent(*a);
    if (m_supervisor)
        connectAgent(*m_supervisor);
    m_timer.start();
}

void Simulator::connectAgent(Agent& a)
{
    a.socket = std::make_unique<QWebSocket>();
    a.socket->setMaxAllowedIncomingMessageSize(kMaxMessageBytes);
    a.socket->setMaxAllowedIncomingFrameSize(kMaxMessageBytes); // one frame per message
    a.socket->setOutgoingFrameSize(kMaxFrameBytes);
    Agent* agent = &a;
    a.linked = false;
    connect(a.socket.get(), &QWebSocket::connected, this, [this, agent] {
        agent->linked = true;
        agent->socket->sendTextMessage(QString::fromUtf8(encode(Type::Login,
            { { "user", agent->user }, { "password", agent->password },
                { "clientId", QStringLiteral("sim-%1-%2").arg(agent->user).arg(m_options.seed) } })));
    });
    connect(a.socket.get(), &QWebSocket::textMessageReceived, this, [this, agent](const QString& t) { onMessage(*agent, t); });
    // A lost link comes back on the handheld's own instance, so --spread stays spread after
    // a server's bad moment. A link that could not be made (instance gone) tries the next
    // instance, and once all have failed waits longer each round, up to a minute, so
    // thousands of handhelds do not storm a hall that cannot take them.
    auto lost = [this, agent, socket = a.socket.get()] {
        if (agent->socket.get() != socket || agent->reconnecting || m_stopping)
            return;
        agent->reconnecting = true;
        const int instances = int(m_options.servers.size());
        int delayMs = 2000 + int(m_random.bounded(3000));
        if (agent->online) {
            --m_stats.connected;
            agent->failures = 0;
        } else {
            ++agent->failures;
            const int rounds = (agent->failures - 1) / instances; // every instance failed this often
            if (rounds == 0 && agent->failures % instances != 0)
                delayMs = 500 + int(m_random.bounded(1000)); // the next instance may well be up
            else
                delayMs = std::min(60'000, delayMs << std::min(rounds, 5));
        }
        agent->online = false;
        // An instance that took the link but no login in time (swamped by a district's
        // logins, it closed with login_timeout) is alive: try it again, later each time.
        // Only one that cannot be reached, or that says it is full, hands the handheld to
        // the next.
        const bool full = socket->closeCode() == QWebSocketProtocol::CloseCode(kCloseFull);
        if (agent->linked && !full && agent->failures > 0)
            delayMs = std::min(60'000, (2000 + int(m_random.bounded(3000))) << std::min(agent->failures - 1, 4));
        else
            agent->serverIndex = (agent->homeServer + agent->failures) % instances;
        QTimer::singleShot(delayMs, this, [this, agent] {
            agent->reconnecting = false;
            connectAgent(*agent);
        });
    };
    connect(a.socket.get(), &QWebSocket::disconnected, this, lost);
    connect(a.socket.get(), qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this, [socket = a.socket.get(), lost](QAbstractSocket::SocketError) {
        if (socket->state() == QAbstractSocket::UnconnectedState)
            lost();
    });
    a.socket->open(m_options.servers.value(a.serverIndex));
}

void Simulator::onMessage(Agent& a, const QString& text)
{
    Type type;
    Problem p;
    const std::optional<QJsonObject> o = decode(text.toUtf8(), &type, &p);
    if (!o)
        return;
    switch (type) {
    case Type::Welcome:
        a.online = true;
        ++m_stats.connected;
        a.nextSeq = o->value(QLatin1String("lastClientSeq")).toInteger() + 1;
        for (const auto& [seq, action] : a.unanswered)
            a.socket->sendTextMessage(QString::fromUtf8(encode(Type::Action, action)));
        if (!a.unanswered.empty())
            a.nextSeq = std::max(a.nextSeq, a.unanswered.rbegin()->first + 1);
        if (&a == m_supervisor.get()) // the sim's eye on dispatches and feedback
            a.socket->sendTextMessage(QString::fromUtf8(encode(Type::Sync, { { "cursor", 0 } })));
        break;
    case Type::Error:
        ++m_stats.errors;
        qCWarning(lcSim) << a.user << o->value(QLatin1String("code")).toString() << o->value(QLatin1String("message")).toString();
        break;
    case Type::ActionResult: {
        const QString status = o->value(QLatin1String("status")).toString();
        const QString code = o->value(QLatin1String("code")).toString();
        // Counted once per action: a stored answer to a retry of one answered before (its
        // answer crossed the reconnect) is not counted again. `internal` (storage failed)
        // leaves it to be sent again.
        if (code == err::Internal || a.unanswered.erase(o->value(QLatin1String("clientSeq")).toInteger()) == 0)
            break;
        if (status == QLatin1String("applied")) {
            ++m_stats.applied;
            if (a.caseId && o->value(QLatin1String("caseId")).toInteger() == a.caseId)
                a.caseVersion = o->value(QLatin1String("version")).toInteger();
        } else {
            ++m_stats.refused;
            if (o->value(QLatin1String("code")).toString() == err::SeqGap)
                a.nextSeq = o->value(QLatin1String("expected")).toInteger();
            if (a.caseId && o->value(QLatin1String("caseId")).toInteger() == a.caseId) {
                a.task = Agent::Task::Patrol; // someone else has it now
                a.caseId = 0;
            }
        }
        break;
    }
    case Type::SnapshotChunk:
        if (o->value(QLatin1String("table")).toString() == QLatin1String("cases"))
            for (const QJsonValue& row : o->value(QLatin1String("rows")).toArray())
                watchCase(row.toArray());
        break;
    case Type::Changes:
        for (const QJsonValue& row : o->value(QLatin1String("cases")).toArray())
            watchCase(row.toArray());
        break;
    default:
        break;
    }
}

void Simulator::watchCase(const QJsonArray& row)
{
    Case c;
    Problem p;
    if (!caseFromRow(row, &c, &p))
        return;
    if (c.state == CaseState::Dispatched && c.holderKind == HolderKind::Worker) {
        Agent* a = m_byWorker.value(c.holder);
        if (a && a->online && a->task == Agent::Task::Patrol) {
            a->caseId = c.id;
            a->caseVersion = c.version;
            a->caseCode = c.code;
            sendAction(*a, QStringLiteral("accept"), { { "caseId", c.id }, { "seenVersion", c.version } });
            ++m_stats.acceptsSent;
            a->task = Agent::Task::ToCase;
            a->target = c.location;
        }
    } else if (c.state == CaseState::FedBack && m_supervisor) {
        m_supervisor->toVerify.append({ c.id, c.version });
    }
}

void Simulator::sendAction(Agent& a, const QString& action, const QJsonObject& fields)
{
    if (!a.online)
        return;
    QJsonObject o = fields;
    o.insert(QStringLiteral("clientSeq"), a.nextSeq);
    o.insert(QStringLiteral("key"), QStringLiteral("sim-%1-%2-%3").arg(a.user).arg(m_options.seed).arg(a.nextSeq));
    o.insert(QStringLiteral("action"), action);
    a.unanswered.emplace(a.nextSeq, o);
    ++a.nextSeq;
    a.socket->sendTextMessage(QString::fromUtf8(encode(Type::Action, o)));
}

bool Simulator::anyUnanswered() const
{
    const auto waiting = [](const std::unique_ptr<Agent>& a) { return a && !a->unanswered.empty(); };
    return std::any_of(m_agents.cbegin(), m_agents.cend(), waiting) || waiting(m_supervisor);
}

void Simulator::pickTarget(Agent& a)
{
    // Walk to a road vertex near home when there is one, else somewhere in the grid.
    const GridCell home = m_grids.value(a.worker.homeGridCode);
    const LonLat centre = home.centroid.lon != 0 ? home.centroid : a.position;
    for (int attempt = 0; attempt < 8 && !m_roads.isEmpty(); ++attempt) {
        const LineString& road = m_roads[m_random.bounded(int(m_roads.size()))];
        const LonLat v = road[m_random.bounded(int(road.size()))];
        if (distanceMetres(v, centre) < 600) {
            a.target = v;
            return;
        }
    }
    a.target = offsetMetres(centre, (m_random.generateDouble() - 0.5) * 400, (m_random.generateDouble() - 0.5) * 400);
}

double Simulator::rhythm(const QDateTime& simNow) const
{
    // Few reports at night, peaks mid-morning and mid-afternoon (local time, UTC+8).
    const double hour = std::fmod(simNow.toMSecsSinceEpoch() / 3600000.0 + 8.0, 24.0);
    const double day = std::max(0.0, std::sin((hour - 6.0) / 14.0 * M_PI));
    return 0.1 + 0.9 * day;
}

void Simulator::stepAgent(Agent& a, double simSecs, qint64 nowMs)
{
    // Movement toward the target.
    const double dist = distanceMetres(a.position, a.target);
    const double step = a.speed * simSecs;
    if (a.task == Agent::Task::Handling) {
        a.handlingLeft -= simSecs;
        if (a.handlingLeft <= 0) {
            QJsonObject fields { { "caseId", a.caseId }, { "seenVersion", a.caseVersion }, { "note", "done" } };
            if (m_random.generateDouble() < m_options.photoRate) {
                // Stamped like a handheld's camera: the case and the local time (UTC+8).
                const QDateTime simNow = m_simStart.addMSecs(qint64(m_clock.elapsed() * m_options.speedup));
                const QString stamp = a.caseCode + QLatin1Char('\n')
                    + simNow.toOffsetFromUtc(8 * 3600).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
                const QByteArray jpeg = simPhotoJpeg(stamp, m_random.generate64());
                if (!jpeg.isEmpty()) {
                    fields.insert(QStringLiteral("photos"), QJsonArray { QJsonObject { { "mime", "image/jpeg" },
                        { "data", QString::fromLatin1(jpeg.toBase64()) }, { "takenAt", simNow.toMSecsSinceEpoch() } } });
                    ++m_stats.photosSent;
                }
            }
            sendAction(a, QStringLiteral("feedback"), fields);
            ++m_stats.feedbacksSent;
            a.task = Agent::Task::Patrol;
            a.caseId = 0;
            pickTarget(a);
        }
    } else if (dist <= step || dist < 1) {
        a.position = a.target;
        if (a.task == Agent::Task::ToCase) {
            a.task = Agent::Task::Handling;
            a.handlingLeft = 120 + m_random.bounded(480);
        } else {
            pickTarget(a);
        }
    } else {
        const double f = step / dist;
        a.position = { a.position.lon + (a.target.lon - a.position.lon) * f, a.position.lat + (a.target.lat - a.position.lat) * f };
    }
    // New reports, Poisson-like at the configured rate and the time of day.
    const QDateTime simNow = m_simStart.addMSecs(qint64(m_clock.elapsed() * m_options.speedup));
    const double p = m_options.reportsPerWorkerHour * rhythm(simNow) * simSecs / 3600.0;
    if (a.online && a.task == Agent::Task::Patrol && !a.worker.homeGridCode.isEmpty() && m_random.generateDouble() < p) {
        const QString category = m_categories[m_random.bounded(int(m_categories.size()))];
        // Described as a grid worker would write it: the hall shows it (the wall's red banner).
        const QString description = QStringLiteral("巡查发现：%1").arg(Taxonomy::builtIn().item(category)->nameZh);
        QJsonObject draft { { "categoryCode", category }, { "description", description },
            { "lon", a.position.lon }, { "lat", a.position.lat }, { "gridCode", a.worker.homeGridCode } };
        // Dispute items get a grade now and then above their default.
        if (Taxonomy::builtIn().item(category)->isDispute() && m_random.bounded(10) == 0)
            draft.insert(QStringLiteral("disputeLevel"), m_random.bounded(3) == 0 ? "red" : "orange");
        sendAction(a, m_random.bounded(5) == 0 ? QStringLiteral("self_handle") : QStringLiteral("report"), { { "case", draft } });
        ++m_stats.reportsSent;
    }
    Q_UNUSED(nowMs);
}

void Simulator::tick()
{
    const qint64 now = m_clock.elapsed();
    const double realSecs = (now - m_lastTickMs) / 1000.0;
    m_lastTickMs = now;
    const double simSecs = realSecs * m_options.speedup;
    const qint64 wallMs = QDateTime::currentMSecsSinceEpoch();
    for (auto& agent : m_agents) {
        Agent& a = *agent;
        stepAgent(a, simSecs, wallMs);
        a.nextFixIn -= realSecs;
        if (a.silentFor > 0)
            a.silentFor -= realSecs;
        if (a.nextFixIn > 0)
            continue;
        a.nextFixIn += m_options.positionIntervalSecs;
        if (!a.online || a.silentFor > 0)
            continue;
        if (m_random.generateDouble() < m_options.dropoutRate) {
            if (m_random.bounded(10) == 0)
                a.silentFor = 30; // a tunnel, a dead battery
            continue;
        }
        // GPS jitter: a few metres, now and then much worse.
        const double sigma = m_random.bounded(20) == 0 ? 25.0 : 4.0;
        const LonLat fix = offsetMetres(a.position, sigma * (m_random.generateDouble() * 2 - 1), sigma * (m_random.generateDouble() * 2 - 1));
        // Stamped as it leaves, as a handheld stamps its fix, not when this tick began.
        a.socket->sendTextMessage(QString::fromUtf8(encode(Type::Position,
            { { "items", QJsonArray { QJsonObject { { "lon", fix.lon }, { "lat", fix.lat },
                  { "at", QDateTime::currentMSecsSinceEpoch() }, { "accuracy", sigma } } } } })));
        a.socket->flush(); // out now, not when this tick of thousands of sends returns
        ++m_stats.positionsSent;
    }
    if (m_supervisor && m_supervisor->online) {
        while (!m_supervisor->toVerify.isEmpty()) {
            const auto [id, version] = m_supervisor->toVerify.takeFirst();
            const bool pass = m_random.bounded(10) != 0;
            sendAction(*m_supervisor, pass ? QStringLiteral("verify_pass") : QStringLiteral("verify_fail"),
                { { "caseId", id }, { "seenVersion", version }, { "note", pass ? "" : "not finished" } });
            ++m_stats.verifiesSent;
        }
    }
    if (m_options.durationSecs > 0 && now >= m_options.durationSecs * 1000LL) {
        m_timer.stop();
        // Ends once every action sent has its answer (at most 15 s more): the counts then
        // say what the server applied, not what was still on the way.
        QElapsedTimer waited;
        waited.start();
        auto* poll = new QTimer(this);
        connect(poll, &QTimer::timeout, this, [this, poll, waited] {
            if (anyUnanswered() && !waited.hasExpired(15'000))
                return;
            poll->stop();
            poll->deleteLater();
            m_stats.unanswered = 0;
            for (const auto& a : m_agents)
                m_stats.unanswered += qint64(a->unanswered.size());
            if (m_supervisor)
                m_stats.unanswered += qint64(m_supervisor->unanswered.size());
            emit finished();
        });
        poll->start(50);
    }
}

void Simulator::stop()
{
    if (m_stopping)
        return;
    m_stopping = true;
    m_timer.stop();
    auto logOut = [](Agent& a) {
        if (a.socket && a.online) {
            a.socket->sendTextMessage(QString::fromUtf8(encode(Type::Logout, {})));
            a.socket->flush();
        }
    };
    for (auto& a : m_agents)
        logOut(*a);
    if (m_supervisor)
        logOut(*m_supervisor);
    // The server closes each link after its logout; whatever is still open then goes.
    QElapsedTimer waited;
    waited.start();
    auto* poll = new QTimer(this);
    connect(poll, &QTimer::timeout, this, [this, poll, waited] {
        const bool open = std::any_of(m_agents.cbegin(), m_agents.cend(), [](const auto& a) {
            return a->socket && a->socket->state() == QAbstractSocket::ConnectedState;
        });
        if (open && !waited.hasExpired(2000))
            return;
        poll->stop();
        emit finished();
    });
    poll->start(50);
}

} // namespace gridhall
