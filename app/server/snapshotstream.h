#pragma once
// One client's snapshot, read and encoded off the event loop (issue 15). Opening it (the
// counts scan every case in scope), the reference tables and every chunk of cases and
// photos are made by a pool thread on the snapshot's own database connection, a little
// ahead of the socket; the event loop only takes finished frames and writes them. So a
// million-case snapshot costs the event loop a few copies per chunk, and everyone's pings,
// logins, positions and changes keep being served while it streams.

#include "app/server/serverstorage.h"

#include <QByteArray>
#include <QList>
#include <QMutex>
#include <QString>
#include <atomic>
#include <deque>
#include <functional>
#include <memory>

class QThreadPool;

namespace gridhall {

class SnapshotStream : public std::enable_shared_from_this<SnapshotStream> {
public:
    // open runs on a pool thread (ServerStorage::openSnapshot touches only a new connection);
    // ready is called from pool threads whenever frames become available or the stream
    // ends: it must only post to the event loop. epoch goes into snapshot_begin.
    SnapshotStream(std::function<std::unique_ptr<SnapshotReader>()> open, QString epoch, std::function<void()> ready);

    // Reads on (on the pool) while fewer than aheadBytes wait to be sent and none is being
    // read already. Event loop only.
    void fill(QThreadPool& pool, qint64 aheadBytes);
    // The next finished frame (a whole protocol message), or none for now.
    bool take(QString* frame);
    // The reader has sent its last frame (snapshot_end) or failed; both after take() ran dry.
    bool finished() const;
    QString error() const; // why it failed ("" if it did not)
    qint64 cursor() const; // the change log position the snapshot is consistent with
    // Stops reading: a chunk being read is finished and dropped, the connection closed.
    void cancel() { m_cancelled = true; }

private:
    void readSome(qint64 aheadBytes); // on a pool thread
    void push(const QByteArray& json);

    std::function<std::unique_ptr<SnapshotReader>()> m_open;
    const QString m_epoch;
    const std::function<void()> m_ready;
    std::unique_ptr<SnapshotReader> m_reader; // used by one pool thread at a time
    bool m_opened = false, m_casesDone = false; // pool side
    std::atomic_bool m_cancelled { false };
    mutable QMutex m_mutex; // guards what follows
    std::deque<QString> m_frames;
    qint64 m_queuedBytes = 0;
    bool m_reading = false;
    bool m_ended = false;
    QString m_error;
    qint64 m_cursor = 0;
};

} // namespace gridhall
