#pragma once
// The audit log's key and checkpoints (docs/SECURITY.md § Audit log). The key lives in a
// file outside the database, so whoever can write the database alone cannot rewrite the
// keyed hash chain; the checkpoints, signed with it and appended to a file beside it,
// show when entries were cut from the end of the log.

#include <QByteArray>
#include <QCommandLineOption>
#include <QList>
#include <QString>
#include <optional>

namespace gridhall {

struct AuditKey {
    QString path; // the key file
    QByteArray secret; // 32 bytes
    QString checkpointPath; // path + ".checkpoints"

    // Short public name of the key (16 hex digits), stored with each keyed entry.
    QByteArray id() const;
    // HMAC-SHA256 of message with the key, as 64 hex digits.
    QByteArray mac(const QByteArray& message) const;
};

// <db>.audit-key: used when no --audit-key is given.
QString defaultAuditKeyPath(const QString& dbPath);

enum class AuditKeyMode {
    CreateIfMissing, // the server and commands that write entries
    MustExist, // verify-audit
};

// Loads the key file (64 hex digits, or 32 raw bytes); makes a new random one, mode 0600,
// when it is missing and mode allows. Refuses a key file that group or others may read.
std::optional<AuditKey> loadAuditKey(const QString& keyPath, AuditKeyMode mode, QString* error);
// The same for a command's --audit-key value: keyOption, or the default beside dbPath when
// it is empty. Commands that write audit entries call this, then
// SqliteServerStorage::setAuditKey().
std::optional<AuditKey> loadAuditKeyFor(const QString& dbPath, const QString& keyOption, AuditKeyMode mode, QString* error);
// The --audit-key FILE option, with the same help text everywhere.
QCommandLineOption auditKeyOption();

// One line of the checkpoint file: "<seq> <hash> <unix ms> <hmac>".
struct AuditCheckpoint {
    qint64 seq = 0;
    QByteArray hash; // hex, of entry seq (64 zeros for seq 0: an empty log)
    qint64 atMs = 0;
    int line = 0; // 1-based, in the file
    bool signatureOk = false;
};

// Appends a signed checkpoint and flushes it to disk (fsync).
bool appendAuditCheckpoint(const AuditKey& key, qint64 seq, const QByteArray& hash, QString* error);
// Every line of the checkpoint file, signatures checked; *exists false when there is none.
QList<AuditCheckpoint> readAuditCheckpoints(const AuditKey& key, bool* exists, QString* error);

} // namespace gridhall
