#pragma once
// The local SQLite replica (and, on the server, the embedded SQLite storage).
// A Store is one connection and is used by exactly one thread: the store thread in the
// app (see StoreService), the main thread in command-line tools. Never share it.
//
// Settings (ARCHITECTURE.md § SQLite): WAL, synchronous=FULL by default (the outbox and
// operator actions), NORMAL only inside bulkLoad(); foreign_keys=ON; busy_timeout;
// integrity_check on open.

#include "models/domain/area.h"
#include "models/domain/camera.h"
#include "models/domain/casetypes.h"
#include "models/domain/people.h"

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>
#include <atomic>
#include <functional>
#include <memory>
#include <optional>

struct sqlite3;

namespace gridhall {

enum class StoreError {
    None,
    CannotOpen, // path not writable, not a database
    Damaged, // integrity_check failed: resync from the server instead of showing wrong data
    TooNew, // written by a newer GridHall
    Sql, // anything else, with SQLite's message
};

struct StoreStatus {
    StoreError error = StoreError::None;
    QString message; // translated, for the operator; names the file
    bool ok() const { return error == StoreError::None; }
};

// An operator action waiting in the outbox until the server has applied it.
struct OutboxEntry {
    qint64 clientSeq = 0; // per-client order, assigned by enqueue
    QString idempotencyKey; // unique; a retry carries the same key
    qint64 caseId = 0;
    qint64 seenVersion = 0; // case version the operator acted on
    QString action; // caseActionKey()
    QByteArray payload; // JSON of the request (target, note, minutes …)
    QDateTime queuedAt;
    enum class Status { Queued, Sent, Applied, Conflict, Refused } status = Status::Queued;
    QString result; // server's answer for applied / conflict / refused
};

// A full-size photo kept in the local cache (schema 4's photo_cache).
struct CachedPhoto {
    QString mime;
    QByteArray data;
};

struct PhotoCacheUsage {
    qint64 bytes = 0;
    int entries = 0;
};

struct StoreCounts {
    int districts = 0, streets = 0, communities = 0, grids = 0;
    int workers = 0, departments = 0, basemapFeatures = 0;
    qint64 cases = 0, events = 0;
    QHash<CaseState, qint64> casesByState;
};

class Store {
public:
    static constexpr int kSchemaVersion = 7; // the last entry of schema::migrations()
    // The full-size photo cache's budget unless setPhotoCacheLimits says otherwise.
    static constexpr qint64 kDefaultPhotoCacheBytes = 200LL * 1024 * 1024;
    static constexpr int kDefaultPhotoCacheEntries = 2000;

    ~Store();
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    // When open() checks the file for damage: at once, or Later by checkFile() on a thread
    // of its own (StoreService), so a window can show a large replica while it is checked.
    enum class Check { Now, Later };
    // Opens or creates the file, checks integrity and migrates the schema.
    // On failure returns null and fills *status with a clear message.
    static std::unique_ptr<Store> open(const QString& path, StoreStatus* status, Check check = Check::Now);
    // The check open() makes, on a read-only connection of its own (any thread): ok, or
    // Damaged naming the problems. Setting *cancel stops it soon (the result is then Sql).
    static StoreStatus checkFile(const QString& path, const std::atomic_bool* cancel = nullptr);

    QString path() const { return m_path; }
    int schemaVersion() const;
    QString lastError() const { return m_lastError; }

    // Explicit transactions; nested calls are not supported.
    bool begin();
    bool commit();
    void rollback();

    // Runs fn inside one transaction with synchronous=NORMAL and the case indexes dropped;
    // rebuilds the indexes and restores FULL afterwards. For snapshots and demo data.
    bool bulkLoad(const std::function<bool()>& fn);

    // Upserts. Areas, workers and departments replace by code.
    bool putDistrict(const District& d);
    bool putStreet(const Street& s);
    bool putCommunity(const Community& c);
    bool putGrid(const GridCell& g);
    bool putWorker(const Worker& w);
    bool putDepartment(const Department& d);
    bool putBasemapFeature(const BasemapFeature& f);
    bool putCamera(const Camera& c); // replaces by code
    // A case row is written only if its version is newer than the stored one.
    // Returns false on SQL errors only; *written says whether the row changed.
    bool putCase(const Case& c, bool* written = nullptr);
    bool appendEvent(const CaseEvent& e);

    // Reads.
    QList<District> districts() const;
    QList<Street> streets() const;
    QList<Community> communities() const;
    QList<GridCell> grids() const;
    QList<Worker> workers() const;
    QList<Department> departments() const;
    QList<BasemapFeature> basemap() const;
    QList<Camera> cameras() const; // by code
    // The cameras whose point lies in [west, east] × [south, north] (degrees), by code.
    QList<Camera> camerasIn(double west, double south, double east, double north) const;
    std::optional<Case> caseById(qint64 id) const;
    QList<CaseEvent> eventsFor(qint64 caseId) const;
    // Calls fn for every case (in id order) without materialising them all.
    bool forEachCase(const std::function<void(const Case&)>& fn) const;
    // The same for the cases still open (not closed or voided), through their index.
    bool forEachOpenCase(const std::function<void(const Case&)>& fn) const;
    StoreCounts counts() const;

    // Photos sent with feedback. A photo never changes once the server has it, so a stored
    // id is left alone (a duplicate batch). An id of 0 lets SQLite assign the next one (the
    // server's storage); *id receives the photo's id either way.
    bool putPhoto(const CasePhoto& photo, qint64* id = nullptr);
    QList<CasePhoto> photosFor(qint64 caseId) const; // oldest first
    std::optional<CasePhoto> photoById(qint64 id) const;

    // Full-size photos opened here, kept within a budget: after each put the least recently
    // used go until at most maxBytes and maxEntries remain, so a photo larger than the whole
    // budget is not kept at all. Reading a photo counts as using it. Atomic.
    void setPhotoCacheLimits(qint64 maxBytes, int maxEntries);
    bool putCachedPhoto(qint64 photoId, const QString& mime, const QByteArray& data);
    std::optional<CachedPhoto> cachedPhoto(qint64 photoId);
    PhotoCacheUsage photoCacheUsage() const;
    bool clearPhotoCache();

    // Key/value settings: sync cursor, server epoch, taxonomy and SLA JSON …
    bool setMeta(const QString& key, const QByteArray& value);
    QByteArray meta(const QString& key) const;

    // Outbox: committed with synchronous=FULL before the UI calls an action queued.
    std::optional<qint64> enqueue(OutboxEntry entry);
    QList<OutboxEntry> pendingOutbox() const; // Queued and Sent, in clientSeq order
    bool setOutboxStatus(qint64 clientSeq, OutboxEntry::Status status, const QString& result);
    // Undo of actions the server has never seen: deletes these entries only if every one
    // is still Queued (never sent) and together they are the newest entries; the sequence
    // counter steps back so the next action reuses the numbers and no gap reaches the
    // server. Nothing is deleted otherwise; *reason is "sent", "not_newest", "unknown" or
    // SQLite's message. Atomic.
    bool withdrawQueued(const QList<qint64>& clientSeqs, QString* reason = nullptr);

    sqlite3* handle() const { return m_db; }

private:
    struct Statements; // prepared statements, one per kind of write, and bind scratch
    Store();
    bool exec(const char* sql);
    bool fail(const char* what) const; // records SQLite's message; always returns false
    sqlite3* m_db = nullptr;
    QString m_path;
    mutable QString m_lastError;
    std::unique_ptr<Statements> m_stmts;
    mutable qint64 m_failures = 0; // failures so far; bulkLoad rolls back when the count grows
    qint64 m_photoCacheBytes = kDefaultPhotoCacheBytes;
    int m_photoCacheEntries = kDefaultPhotoCacheEntries;
};

QString outboxStatusKey(OutboxEntry::Status status);
bool outboxStatusFromKey(const QString& key, OutboxEntry::Status* status);

} // namespace gridhall
