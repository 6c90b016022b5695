#include "app/server/snapshotstream.h"

#include "models/sync/protocol.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QMutexLocker>
#include <QThreadPool>

namespace gridhall {

using namespace protocol;

namespace {
constexpr int kSnapshotPhotoRows = 1000; // and about kSnapshotChunkBytes: thumbnails are large rows
}

SnapshotStream::SnapshotStream(std::function<std::unique_ptr<SnapshotReader>()> open, QString epoch, std::function<void()> ready)
    : m_open(std::move(open))
    , m_epoch(std::move(epoch))
    , m_ready(std::move(ready))
{
}

void SnapshotStream::fill(QThreadPool& pool, qint64 aheadBytes)
{
    {
        QMutexLocker lock(&m_mutex);
        if (m_reading || m_ended || m_cancelled || m_queuedBytes >= aheadBytes)
            return;
        m_reading = true;
    }
    // The task holds the stream: a session that goes meanwhile only cancels it.
    pool.start([self = shared_from_this(), aheadBytes] { self->readSome(aheadBytes); });
}

bool SnapshotStream::take(QString* frame)
{
    QMutexLocker lock(&m_mutex);
    if (m_frames.empty())
        return false;
    *frame = std::move(m_frames.front());
    m_frames.pop_front();
    m_queuedBytes -= frame->size();
    return true;
}

bool SnapshotStream::finished() const
{
    QMutexLocker lock(&m_mutex);
    return m_ended && m_frames.empty();
}

QString SnapshotStream::error() const
{
    QMutexLocker lock(&m_mutex);
    return m_error;
}

qint64 SnapshotStream::cursor() const
{
    QMutexLocker lock(&m_mutex);
    return m_cursor;
}

void SnapshotStream::push(const QByteArray& json)
{
    // Made text here, not on the event loop: a chunk is up to 2 MiB.
    QString frame = QString::fromUtf8(json);
    QMutexLocker lock(&m_mutex);
    m_queuedBytes += frame.size();
    m_frames.push_back(std::move(frame));
}

void SnapshotStream::readSome(qint64 aheadBytes)
{
    auto queued = [this] {
        QMutexLocker lock(&m_mutex);
        return m_queuedBytes;
    };
    QString error;
    bool ended = false;
    if (!m_opened) {
        m_opened = true;
        m_reader = m_open();
        error = m_reader->error();
        if (error.isEmpty()) {
            const auto tables = m_reader->referenceTables();
            {
                QMutexLocker lock(&m_mutex);
                m_cursor = m_reader->cursor();
            }
            push(encode(Type::SnapshotBegin, { { "epoch", m_epoch }, { "cursor", m_reader->cursor() },
                { "counts", m_reader->counts() }, { "caseColumns", QJsonArray::fromStringList(caseColumns()) } }));
            // Chunks of at most 1000 rows and about kSnapshotChunkBytes (boundaries can be long).
            for (const auto& [table, rows] : tables) {
                QJsonArray part;
                qint64 bytes = 0;
                for (const QJsonValue& row : rows) {
                    const qint64 rowBytes = QJsonDocument(row.toObject()).toJson(QJsonDocument::Compact).size();
                    if (!part.isEmpty() && (part.size() >= 1000 || bytes + rowBytes > kSnapshotChunkBytes)) {
                        push(encode(Type::SnapshotChunk, { { "table", table }, { "rows", part } }));
                        part = QJsonArray();
                        bytes = 0;
                    }
                    part.append(row);
                    bytes += rowBytes + 1;
                }
                if (!part.isEmpty())
                    push(encode(Type::SnapshotChunk, { { "table", table }, { "rows", part } }));
            }
            m_ready();
        }
    }
    while (error.isEmpty() && !ended && !m_cancelled && queued() < aheadBytes) {
        int rows = 0;
        if (!m_casesDone) {
            const QByteArray json = m_reader->nextCasesJson(kSnapshotChunkRows, &rows);
            if (rows > 0) {
                push(QByteArray(R"({"v":1,"type":"snapshot_chunk","table":"cases","rows":)" + json + '}'));
                m_ready();
                continue;
            }
            m_casesDone = true;
        }
        // The photos of those cases follow them.
        const QByteArray photos = m_reader->nextPhotosJson(kSnapshotPhotoRows, &rows);
        if (rows > 0) {
            push(QByteArray(R"({"v":1,"type":"snapshot_chunk","table":"photos","rows":)" + photos + '}'));
            m_ready();
            continue;
        }
        error = m_reader->error();
        if (error.isEmpty())
            push(encode(Type::SnapshotEnd, { { "checksum", m_reader->checksum() } }));
        ended = true;
    }
    if (!error.isEmpty())
        ended = true;
    if (ended || m_cancelled)
        m_reader.reset(); // its read transaction and connection end now, on this thread
    {
        QMutexLocker lock(&m_mutex);
        m_reading = false;
        m_ended = ended;
        m_error = error;
    }
    m_ready();
}

} // namespace gridhall
