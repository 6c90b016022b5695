#pragma once
// The field simulator: one WebSocket per field worker, like the district's handhelds.
// Workers walk their grids along the roads at walking or riding speed with GPS jitter and
// dropouts, report positions, report new cases with a daily rhythm, accept cases
// dispatched to them, travel there, handle them and feed back, most feedbacks with a photo
// of the scene (--photo-rate). An optional supervisor
// connection verifies fed-back cases. Sim time runs --speedup times faster than real time.

#include "models/domain/area.h"
#include "models/domain/people.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QRandomGenerator>
#include <QTimer>
#include <QUrl>
#include <memory>
#include <vector>

class QWebSocket;

namespace gridhall {

struct SimOptions {
    // The hall's server instances: each handheld starts on the first (or on its own with
    // spread); a lost link comes back there, a link that cannot be made tries the next one,
    // backing off longer once every instance has failed.
    QList<QUrl> servers;
    QString password; // shared by the workers' users (add-user --all-workers)
    int workers = 100; // 0: all
    double speedup = 1;
    quint64 seed = 1;
    double positionIntervalSecs = 5; // real seconds between fixes per worker
    double reportsPerWorkerHour = 0.2; // new cases, at the daily peak
    double dropoutRate = 0.02; // share of fixes lost
    double photoRate = 0.8; // share of feedbacks that carry a photo
    QString supervisor; // user that verifies fed-back cases ("" = nobody)
    QString supervisorPassword;
    int durationSecs = 0; // real seconds; 0 runs until stopped
    bool spread = false; // handheld i starts on servers[i % n] instead of the first
};

struct SimStats {
    qint64 positionsSent = 0, reportsSent = 0, acceptsSent = 0, feedbacksSent = 0, verifiesSent = 0, photosSent = 0;
    qint64 applied = 0, refused = 0, errors = 0;
    qint64 unanswered = 0; // actions still without an answer when the run ended
    int connected = 0;
};

class Simulator : public QObject {
    Q_OBJECT
public:
    Simulator(SimOptions options, QList<Worker> workers, QList<GridCell> grids, QList<BasemapFeature> roads,
        QObject* parent = nullptr);
    ~Simulator() override;
    void start();
    // Logs every handheld out (its token is revoked on the server) and emits finished once
    // their links have closed, at most two seconds later: a signal ends the simulation cleanly.
    void stop();
    const SimStats& stats() const { return m_stats; }
    bool anyUnanswered() const; // an action sent is still waiting for its answer

signals:
    void finished();

private:
    struct Agent;
    void tick();
    void connectAgent(Agent& a);
    void onMessage(Agent& a, const QString& text);
    void sendAction(Agent& a, const QString& action, const QJsonObject& fields);
    void pickTarget(Agent& a);
    void stepAgent(Agent& a, double simSecs, qint64 nowMs);
    void watchCase(const QJsonArray& row);
    double rhythm(const QDateTime& simNow) const;

    SimOptions m_options;
    QRandomGenerator m_random;
    std::vector<std::unique_ptr<Agent>> m_agents;
    QHash<QString, Agent*> m_byWorker;
    std::unique_ptr<Agent> m_supervisor;
    QHash<QString, GridCell> m_grids;
    QList<LineString> m_roads;
    QStringList m_categories;
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_lastTickMs = 0;
    QDateTime m_simStart;
    SimStats m_stats;
    bool m_stopping = false;
};

} // namespace gridhall
