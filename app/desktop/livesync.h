#pragma once
// Keeps the local replica in sync with a server: runs a SyncClient on the store thread
// (it shares the Store there) and brings its news to the GUI thread as signals. What the
// client changes in the replica (change batches, snapshot swaps) and the live positions
// reach the views through the store's one ChangeNotifier (StoreService::notifier), not here.

#include "models/sync/syncclient.h"

#include <QObject>
#include <QUrl>
#include <functional>
#include <memory>

namespace gridhall {

class StoreService;

class LiveSync : public QObject {
    Q_OBJECT
public:
    // Starts syncing once the store is open (call after StoreService::start()).
    // servers: the hall's instances, tried in turn (SyncClient::setServers).
    // trusted: certificates to trust for a wss:// server besides the system's (--ca).
    LiveSync(StoreService& store, const QList<QUrl>& servers, const QString& user,
        const QString& password, const QList<QSslCertificate>& trusted = {}, QObject* parent = nullptr);
    LiveSync(StoreService& store, const QUrl& server, const QString& user, const QString& password,
        const QList<QSslCertificate>& trusted = {}, QObject* parent = nullptr)
        : LiveSync(store, QList<QUrl> { server }, user, password, trusted, parent)
    {
    }
    ~LiveSync() override; // the client is deleted on the store thread, before the store closes

    const SyncStatus& status() const { return m_status; }
    // For StoreActionSink::setEnqueue: runs on the store thread and hands the entry to the
    // sync client (outbox first, then sent at once when online); straight into the outbox
    // while there is no client.
    std::function<std::optional<qint64>(Store&, const OutboxEntry&)> enqueueThroughClient() const;
    // A full-size photo through the sync client (its cache, else the server) → photoReady or
    // photoFailed on this thread. Before the client exists it fails at once, saying so.
    void requestPhoto(qint64 photoId);
    // Fetches these workers' track over [fromMs, toMs) from the server into the replica's
    // recorded track; then trackFetched(ticket, …) with an empty error when it arrived.
    // Returns the ticket.
    int fetchTrack(const QStringList& workers, qint64 fromMs, qint64 toMs);
    // How many days of live positions the replica records for replay (SyncClient::
    // setTrackDays); 0 records none.
    void setTrackDays(int days);
    // After SyncStatus::loginRefused: tries again with these credentials.
    void logInAgain(const QString& user, const QString& password);

signals:
    void statusChanged(const gridhall::SyncStatus& status);
    // The server's answer to an operator action (SyncClient::actionAnswered).
    void actionAnswered(qint64 clientSeq, int status, const QString& result);
    // Answers to requestPhoto (SyncClient::photoReady, photoFailed).
    void photoReady(qint64 photoId, const QByteArray& data, const QString& mime, bool fromCache);
    void photoFailed(qint64 photoId, const QString& reason);
    void trackFetched(int ticket, int fixes, bool truncated, const QString& error);

private:
    StoreService& m_store;
    // The client lives on the store thread; the slot is written and read only there.
    std::shared_ptr<SyncClient*> m_client = std::make_shared<SyncClient*>(nullptr);
    SyncStatus m_status;
    int m_nextTicket = 0;
};

} // namespace gridhall

Q_DECLARE_METATYPE(gridhall::SyncStatus)
