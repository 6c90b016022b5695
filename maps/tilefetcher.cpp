#include "maps/tilefetcher.h"

#include <QCoreApplication>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QUrl>

#include <algorithm>

namespace gridhall {

namespace {

// Errors that say the host, not the tile, is the problem.
bool isHostFailure(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::ConnectionRefusedError:
    case QNetworkReply::RemoteHostClosedError:
    case QNetworkReply::HostNotFoundError:
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError: // the transfer timeout aborts this way
    case QNetworkReply::SslHandshakeFailedError:
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError:
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::ProxyTimeoutError:
    case QNetworkReply::ServiceUnavailableError:
    case QNetworkReply::UnknownNetworkError:
        return true;
    default:
        return false;
    }
}

} // namespace

TileFetcher::TileFetcher(TileSourceSpec spec, Options options, QObject* parent)
    : QObject(parent)
    , m_spec(std::move(spec))
    , m_options(options)
    , m_network(std::make_unique<QNetworkAccessManager>())
{
    qRegisterMetaType<gridhall::TileKey>();
    connect(m_network.get(), &QNetworkAccessManager::finished, this, &TileFetcher::finished);
}

TileFetcher::~TileFetcher()
{
    // Abort without delivering: the receivers are going away with us.
    disconnect(m_network.get(), nullptr, this, nullptr);
    for (QNetworkReply* reply : m_replies.keys()) {
        reply->abort();
        reply->deleteLater();
    }
}

QString TileFetcher::hostOf(const TileKey& key) const
{
    return QUrl(m_spec.tileUrl(key.z, key.x, key.y)).authority();
}

bool TileFetcher::isUnreachable() const
{
    return std::any_of(m_hosts.cbegin(), m_hosts.cend(), [](const HostState& h) { return h.unreachable; });
}

void TileFetcher::request(const TileKey& key)
{
    if (m_pending.contains(key))
        return;
    const HostState host = m_hosts.value(hostOf(key));
    if (host.unreachable && !host.retryAfter.hasExpired()) {
        emit tileFailed(key, false, m_lastReason);
        return;
    }
    m_pending.insert(key);
    m_queue.push_back(key);
    pump();
}

void TileFetcher::pump()
{
    while (!m_queue.empty() && m_replies.size() < m_options.maxConcurrent) {
        const TileKey key = m_queue.front();
        m_queue.pop_front();
        QNetworkRequest request { QUrl(m_spec.tileUrl(key.z, key.x, key.y)) };
        request.setTransferTimeout(m_options.timeoutMs);
        request.setHeader(QNetworkRequest::UserAgentHeader, QStringLiteral("GridHall"));
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
        m_replies.insert(m_network->get(request), key);
        ++m_sent;
    }
}

void TileFetcher::finished(QNetworkReply* reply)
{
    reply->deleteLater();
    const auto it = m_replies.find(reply);
    if (it == m_replies.end())
        return;
    const TileKey key = it.value();
    m_replies.erase(it);
    m_pending.remove(key);
    const QString host = hostOf(key);
    HostState& state = m_hosts[host];

    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (reply->error() == QNetworkReply::NoError && status == 200) {
        const bool wasUnreachable = state.unreachable;
        state = HostState {};
        emit tileArrived(key, reply->readAll());
        if (wasUnreachable)
            emit hostReachable(host);
    } else if (isHostFailure(reply->error())) {
        const QString reason = reply->error() == QNetworkReply::OperationCanceledError
            ? tr("%1 did not answer within %2 s").arg(host).arg(m_options.timeoutMs / 1000.0)
            : tr("%1: %2").arg(host, reply->errorString());
        // Requests already in flight when the host was marked fail together: one strike.
        if (!state.unreachable || state.retryAfter.hasExpired()) {
            state.backoffMs = state.backoffMs == 0 ? m_options.initialBackoffMs
                                                   : std::min(state.backoffMs * 2, m_options.maxBackoffMs);
            state.retryAfter = QDeadlineTimer(state.backoffMs);
        }
        state.unreachable = true;
        m_lastReason = reason;
        emit tileFailed(key, false, reason);
        emit hostUnreachable(host, reason);
        // Everything else queued for this host would fail the same way: fail it now.
        std::deque<TileKey> keep;
        for (const TileKey& queuedKey : m_queue) {
            if (hostOf(queuedKey) == host) {
                m_pending.remove(queuedKey);
                emit tileFailed(queuedKey, false, reason);
            } else {
                keep.push_back(queuedKey);
            }
        }
        m_queue.swap(keep);
    } else {
        // The host answered: this tile is simply not there (404, 204, bad request...).
        emit tileFailed(key, true, reply->error() == QNetworkReply::NoError
                ? tr("HTTP status %1").arg(status) : reply->errorString());
    }
    pump();
}

} // namespace gridhall
