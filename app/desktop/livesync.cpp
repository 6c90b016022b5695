#include "app/desktop/livesync.h"

#include "models/store/storeservice.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QPointer>
#include <QSettings>

namespace gridhall {

namespace {
constexpr int kUndoWindowMs = 5000;
} // namespace

LiveSync::LiveSync(StoreService& store, const QList<QUrl>& servers, const QString& user,
    const QString& password, const QList<QSslCertificate>& trusted, QObject* parent)
    : QObject(parent)
    , m_store(store)
{
    qRegisterMetaType<SyncStatus>();
    qRegisterMetaType<QList<WorkerFix>>();
    const QString legacyId = QSettings().value(QStringLiteral("sync/clientId")).toString();
    QPointer<LiveSync> self(this);
    ChangeNotifier* notifier = &m_store.notifier();
    m_store.post([self, slot = m_client, servers, user, password, trusted, legacyId, notifier](Store& s) {
        auto* client = new SyncClient(s);
        *slot = client;
        // What it changes in the replica reaches every view through the store's one notifier.
        client->setNotifier(notifier);
        client->setServers(servers);
        client->setTrustedCertificates(trusted);
        client->setCredentials(user, password);
        // Per replica, not per machine: see SyncClient::replicaClientId.
        client->setClientId(SyncClient::replicaClientId(s, legacyId));
        client->setPositionsWanted(true);
        // An operator's action waits this long in the outbox before it is sent: time to
        // take a slip back with Ctrl+Z (docs/QUEUES.md § Undo and the outbox).
        client->setSendDelay(kUndoWindowMs);
        // Connected on the GUI thread first, started after: the first "connecting" status is
        // not lost. (The client stays idle if the LiveSync went away in between.)
        QMetaObject::invokeMethod(QCoreApplication::instance(), [self, client, slot] {
            if (!self)
                return;
            connect(client, &SyncClient::statusChanged, self.data(), [self](const SyncStatus& st) {
                self->m_status = st;
                emit self->statusChanged(st);
            });
            connect(client, &SyncClient::actionAnswered, self.data(), &LiveSync::actionAnswered);
            connect(client, &SyncClient::photoReady, self.data(), &LiveSync::photoReady);
            connect(client, &SyncClient::photoFailed, self.data(), &LiveSync::photoFailed);
            self->m_store.post([slot](Store&) {
                if (SyncClient* started = *slot)
                    started->start();
            });
        }, Qt::QueuedConnection);
    });
}

void LiveSync::setTrackDays(int days)
{
    // Posted after the client's creation, so it finds the client (and before its first positions).
    m_store.post([slot = m_client, days](Store&) {
        if (SyncClient* client = *slot)
            client->setTrackDays(days);
    });
}

std::function<std::optional<qint64>(Store&, const OutboxEntry&)> LiveSync::enqueueThroughClient() const
{
    return [slot = m_client](Store& store, const OutboxEntry& e) -> std::optional<qint64> {
        if (SyncClient* client = *slot)
            return client->queueAction(e.action, e.caseId, e.seenVersion, QJsonDocument::fromJson(e.payload).object());
        return store.enqueue(e);
    };
}

void LiveSync::requestPhoto(qint64 photoId)
{
    QPointer<LiveSync> self(this);
    m_store.post([self, slot = m_client, photoId](Store&) {
        if (SyncClient* client = *slot) {
            client->requestPhoto(photoId);
            return;
        }
        QMetaObject::invokeMethod(QCoreApplication::instance(), [self, photoId] {
            if (self)
                emit self->photoFailed(photoId, tr("Photo %1 cannot be loaded yet: the connection to the server is still being set up.").arg(photoId));
        }, Qt::QueuedConnection);
    });
}

LiveSync::~LiveSync()
{
    // Queued behind the job that made the client, ahead of the store's own close.
    m_store.post([slot = m_client](Store&) {
        if (SyncClient* client = *slot) {
            client->stop();
            delete client;
            *slot = nullptr;
        }
    });
}

int LiveSync::fetchTrack(const QStringList& workers, qint64 fromMs, qint64 toMs)
{
    const int ticket = ++m_nextTicket;
    QPointer<LiveSync> self(this);
    m_store.post([self, slot = m_client, workers, fromMs, toMs, ticket](Store&) {
        auto report = [self, ticket](int fixes, bool truncated, const QString& error) {
            QMetaObject::invokeMethod(QCoreApplication::instance(), [self, ticket, fixes, truncated, error] {
                if (self)
                    emit self->trackFetched(ticket, fixes, truncated, error);
            }, Qt::QueuedConnection);
        };
        SyncClient* client = *slot;
        if (!client) {
            report(0, false, QCoreApplication::translate("LiveSync", "Not connected to a server yet."));
            return;
        }
        // The live fixes recorded since the last write (up to 10 s of them) go into the
        // replica first, so a replay read after this answer has no gap at its end, even
        // when the server cannot be asked.
        client->writeTracks();
        // The client answers from its event loop, so connecting after asking is in time.
        const int request = client->requestTrack(workers, fromMs, toMs);
        auto connections = std::make_shared<QList<QMetaObject::Connection>>();
        auto finish = [connections] {
            for (const QMetaObject::Connection& c : std::as_const(*connections))
                QObject::disconnect(c);
        };
        connections->append(QObject::connect(client, &SyncClient::trackReceived, client,
            [request, report, finish](int r, int fixes, bool truncated) {
                if (r != request)
                    return;
                finish();
                report(fixes, truncated, {});
            }));
        connections->append(QObject::connect(client, &SyncClient::trackFailed, client,
            [request, report, finish](int r, const QString& why) {
                if (r != request)
                    return;
                finish();
                report(0, false, why);
            }));
    });
    return ticket;
}

void LiveSync::logInAgain(const QString& user, const QString& password)
{
    m_store.post([slot = m_client, user, password](Store&) {
        if (SyncClient* client = *slot) {
            client->setCredentials(user, password);
            client->start();
        }
    });
}

} // namespace gridhall
