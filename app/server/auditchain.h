#pragma once
// The audit chain's hashing and its verification walk, shared by both storage backends
// (docs/SECURITY.md § Audit log): what a backend does is read and write the rows.

#include "app/server/serverstorage.h"

#include <QHash>

namespace gridhall::auditchain {

// An audit entry's fields as the bytes the database holds: the hash is computed over
// exactly what is stored and read back raw, so any text verifies (a leading BOM that
// QString::fromUtf8 would drop, say).
struct AuditBytes {
    qint64 seq = 0;
    qint64 at = 0;
    qint64 caseId = 0;
    qint64 scheme = 0;
    QByteArray user, client, action, result, peer, keyId, prevHash;
};

// 1 SHA-256 of the first format (entries from before keying), 2 SHA-256 of all fields
// (written with no key), 3 HMAC-SHA256 of all fields with the key key_id names.
enum Scheme : qint64 { kSchemeSha256V1 = 1, kSchemeSha256V2 = 2, kSchemeHmacV2 = 3 };

// The previous hash of entry 1.
const QByteArray& genesisHash();

QByteArray hashV1(const AuditBytes& r);
// What schemes 2 and 3 hash: every field with its length first.
QByteArray encodingV2(const AuditBytes& r);
// The unkeyed schemes' hash (empty for a keyed or unknown scheme).
QByteArray unkeyedHash(const AuditBytes& r);

// The next entry after (lastSeq, lastHash) for this record, hashed with the key when there
// is one (scheme 3), else with SHA-256 (scheme 2). *hash receives the entry's hash.
AuditBytes nextEntry(const AuditRecord& record, qint64 lastSeq, const QByteArray& lastHash, const AuditKey* key,
    const QByteArray& keyId, QByteArray* hash);

// Walks a chain entry by entry in seq order and compares it with the key's checkpoints.
class Verifier {
public:
    explicit Verifier(const AuditKey* key);
    void add(const AuditBytes& entry, const QByteArray& storedHash);
    AuditVerification finish();

private:
    void problem(const QString& text);
    const AuditKey* m_key;
    QByteArray m_keyId;
    AuditVerification m_v;
    QHash<qint64, QList<AuditCheckpoint>> m_checkpoints;
    qint64 m_keyedFrom = -1;
    bool m_checkpointFile = false;
    AuditCheckpoint m_newest;
    QByteArray m_previous;
    qint64 m_expected = 1, m_lastSeq = 0, m_firstKeyed = -1, m_keyedWithThisKey = 0;
};

} // namespace gridhall::auditchain
