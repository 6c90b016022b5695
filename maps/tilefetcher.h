#pragma once
// Downloads tiles of one XYZ source on the thread it lives on (the GUI thread's event
// loop: network I/O is asynchronous, only the small bookkeeping runs there). At most
// maxConcurrent requests are in flight, each with a transfer timeout; a host that fails
// to connect or times out is marked unreachable and not asked again until its backoff
// (doubling up to a cap) has passed, and everything queued for it fails at once.

#include "maps/tilecache.h"
#include "maps/tilesource.h"

#include <QDeadlineTimer>
#include <QHash>
#include <QObject>
#include <QSet>

#include <deque>

class QNetworkAccessManager;
class QNetworkReply;

namespace gridhall {

class TileFetcher : public QObject {
    Q_OBJECT
public:
    struct Options {
        int maxConcurrent = 6;
        int timeoutMs = 10000;
        int initialBackoffMs = 2000;
        int maxBackoffMs = 5 * 60 * 1000;
    };

    TileFetcher(TileSourceSpec spec, Options options, QObject* parent = nullptr);
    ~TileFetcher() override;

    // Queues the tile unless it is queued or in flight already. Fails at once (tileFailed)
    // while its host is marked unreachable.
    void request(const TileKey& key);
    int inFlight() const { return int(m_replies.size()); }
    int queued() const { return int(m_queue.size()); }
    bool isBusy() const { return inFlight() + queued() > 0; }
    // Whether any host of this source is currently marked unreachable, and why.
    bool isUnreachable() const;
    QString unreachableReason() const { return m_lastReason; }
    // Requests sent over the fetcher's life (for tests and statistics).
    int requestsSent() const { return m_sent; }

signals:
    void tileArrived(gridhall::TileKey key, QByteArray data);
    // missing: the server answered but has no such tile (e.g. 404); don't ask again.
    void tileFailed(gridhall::TileKey key, bool missing, QString reason);
    void hostUnreachable(QString host, QString reason);
    void hostReachable(QString host);

private:
    struct HostState {
        QDeadlineTimer retryAfter { 0 };
        int backoffMs = 0;
        bool unreachable = false;
    };
    void pump();
    void finished(QNetworkReply* reply);
    QString hostOf(const TileKey& key) const;

    TileSourceSpec m_spec;
    Options m_options;
    std::unique_ptr<QNetworkAccessManager> m_network;
    std::deque<TileKey> m_queue;
    QSet<TileKey> m_pending; // queued or in flight
    QHash<QNetworkReply*, TileKey> m_replies;
    QHash<QString, HostState> m_hosts;
    QString m_lastReason;
    int m_sent = 0;
};

} // namespace gridhall

Q_DECLARE_METATYPE(gridhall::TileKey)
