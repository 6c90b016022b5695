#pragma once
// Recorded worker tracks for replay (轨迹回放). The server keeps a thinned copy of every
// worker's positions and sends a period of it on request (get_track); the hall's replica
// keeps what it received live and what it fetched, so a supervisor can replay a patrol
// after the fact. TrackThinner decides which fixes are
// worth keeping; the functions below write, read and prune them on the store's thread.

#include "models/domain/geo.h"

#include <QHash>
#include <QList>
#include <QStringList>

namespace gridhall {

class Store;

struct RecordedFix {
    QString worker; // worker code
    LonLat pos;
    qint64 atMs = 0; // UTC milliseconds
    bool operator==(const RecordedFix& other) const = default;
};

// Keeps a fix when the worker moved at least minMetres since the last kept one, or when
// maxGapMs passed (so stops show with their length); drops fixes older than the last
// kept (the stream may repeat or reorder). A walker at 1.4 m/s keeps about one fix in 11 s.
class TrackThinner {
public:
    explicit TrackThinner(double minMetres = 15, qint64 maxGapMs = 60000)
        : m_minMetres(minMetres)
        , m_maxGapMs(maxGapMs)
    {
    }
    bool keep(const RecordedFix& fix);
    void reset() { m_last.clear(); }

private:
    double m_minMetres;
    qint64 m_maxGapMs;
    QHash<QString, RecordedFix> m_last;
};

// In one transaction (or the caller's, if one is open); a repeated (worker, time) is ignored.
bool appendRecordedFixes(Store& store, const QList<RecordedFix>& fixes, QString* error = nullptr);
// The fixes of these workers (all workers when empty) with fromMs <= at < toMs, ordered
// by worker, then time; at most `limit` of them (0: all).
QList<RecordedFix> recordedFixes(const Store& store, const QStringList& workers, qint64 fromMs, qint64 toMs,
    QString* error = nullptr, int limit = 0);
// Deletes fixes older than beforeMs; returns how many, or -1 on failure.
qint64 pruneRecordedFixes(Store& store, qint64 beforeMs, QString* error = nullptr);

} // namespace gridhall
