#include "app/server/auditchain.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>

namespace gridhall::auditchain {

const QByteArray& genesisHash()
{
    static const QByteArray hash(64, '0');
    return hash;
}

QByteArray hashV1(const AuditBytes& r)
{
    QCryptographicHash h(QCryptographicHash::Sha256);
    const QByteArray sep("\x1f");
    h.addData(r.prevHash);
    for (const QByteArray& field : { QByteArray::number(r.seq), QByteArray::number(r.at), r.user, r.client, r.action,
             QByteArray::number(r.caseId), r.result }) {
        h.addData(sep);
        h.addData(field);
    }
    return h.result().toHex();
}

QByteArray encodingV2(const AuditBytes& r)
{
    QByteArray out;
    out.reserve(256);
    out += "gridhall-audit-2";
    auto add = [&out](const QByteArray& field) {
        const quint32 n = quint32(field.size());
        const char length[4] = { char(n >> 24), char(n >> 16), char(n >> 8), char(n) };
        out.append(length, 4);
        out.append(field);
    };
    add(QByteArray::number(r.scheme));
    add(QByteArray::number(r.seq));
    add(QByteArray::number(r.at));
    add(r.user);
    add(r.client);
    add(r.action);
    add(QByteArray::number(r.caseId));
    add(r.result);
    add(r.peer);
    add(r.keyId);
    add(r.prevHash);
    return out;
}

QByteArray unkeyedHash(const AuditBytes& r)
{
    if (r.scheme == kSchemeSha256V1)
        return hashV1(r);
    if (r.scheme == kSchemeSha256V2)
        return QCryptographicHash::hash(encodingV2(r), QCryptographicHash::Sha256).toHex();
    return {};
}

AuditBytes nextEntry(const AuditRecord& record, qint64 lastSeq, const QByteArray& lastHash, const AuditKey* key,
    const QByteArray& keyId, QByteArray* hash)
{
    AuditBytes b;
    b.seq = lastSeq + 1;
    b.prevHash = lastSeq > 0 ? lastHash : genesisHash();
    b.at = record.at.toMSecsSinceEpoch();
    b.caseId = record.caseId;
    b.user = record.user.toUtf8();
    b.client = record.client.toUtf8();
    b.action = record.action.toUtf8();
    b.result = record.result.toUtf8();
    b.peer = record.peer.toUtf8();
    // Without a key (a tool that did not load one) the entry is hashed, not keyed:
    // verify-audit reports it when it follows keyed entries.
    b.scheme = key ? kSchemeHmacV2 : kSchemeSha256V2;
    b.keyId = key ? keyId : QByteArray();
    *hash = key ? key->mac(encodingV2(b)) : unkeyedHash(b);
    return b;
}

namespace {
QString when(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODate);
}
} // namespace

Verifier::Verifier(const AuditKey* key)
    : m_key(key)
    , m_previous(genesisHash())
{
    // The signed checkpoints by entry. Entries after the first one must all be keyed.
    m_newest.seq = -1;
    if (key) {
        QString error;
        const QList<AuditCheckpoint> all = readAuditCheckpoints(*key, &m_checkpointFile, &error);
        if (!error.isEmpty())
            problem(error);
        for (const AuditCheckpoint& c : all) {
            if (!c.signatureOk) {
                problem(QCoreApplication::translate("Audit", "checkpoint line %1 of %2 does not carry this key's signature: the file was edited, or written with another key")
                            .arg(c.line).arg(key->checkpointPath));
                continue;
            }
            m_checkpoints[c.seq].append(c);
            ++m_v.checkpoints;
            if (m_keyedFrom < 0 || c.seq < m_keyedFrom)
                m_keyedFrom = c.seq;
            if (c.seq > m_newest.seq)
                m_newest = c;
        }
        m_v.newestCheckpoint = m_newest.seq;
    }
    m_keyId = key ? key->id() : QByteArray();
}

void Verifier::problem(const QString& text)
{
    ++m_v.problemCount;
    if (m_v.problems.size() < AuditVerification::kMaxListed)
        m_v.problems.append(text);
}

void Verifier::add(const AuditBytes& b, const QByteArray& stored)
{
    ++m_v.entries;
    if (b.seq != m_expected)
        problem(QCoreApplication::translate("Audit", "entry %1 follows entry %2: entries are missing").arg(b.seq).arg(m_expected - 1));
    else if (b.prevHash != m_previous)
        problem(QCoreApplication::translate("Audit", "entry %1 does not link to the hash of entry %2").arg(b.seq).arg(b.seq - 1));

    if (b.scheme == kSchemeHmacV2) {
        if (m_firstKeyed < 0)
            m_firstKeyed = b.seq;
        if (!m_key || b.keyId != m_keyId) {
            ++m_v.unchecked;
            if (m_v.uncheckedKeyId.isEmpty())
                m_v.uncheckedKeyId = b.keyId;
        } else {
            ++m_v.keyed;
            ++m_keyedWithThisKey;
            if (m_key->mac(encodingV2(b)) != stored)
                problem(QCoreApplication::translate("Audit", "entry %1 was altered: its keyed hash does not match its fields").arg(b.seq));
        }
    } else if (b.scheme == kSchemeSha256V1 || b.scheme == kSchemeSha256V2) {
        ++m_v.unkeyed;
        // Anyone can recompute a plain SHA-256: past the start of keying it proves nothing.
        const qint64 keyedSince = m_firstKeyed >= 0 ? m_firstKeyed : (m_keyedFrom >= 0 && b.seq > m_keyedFrom ? m_keyedFrom + 1 : -1);
        if (keyedSince >= 0)
            problem(QCoreApplication::translate("Audit", "entry %1 is not keyed, yet the log is keyed from entry %2 on: it was rewritten without the key, or written by a tool that had none")
                        .arg(b.seq).arg(keyedSince));
        else if (unkeyedHash(b) != stored)
            problem(QCoreApplication::translate("Audit", "entry %1 was altered: its hash does not match its fields").arg(b.seq));
    } else {
        problem(QCoreApplication::translate("Audit", "entry %1 has an unknown hash scheme %2").arg(b.seq).arg(b.scheme));
    }
    if (const auto it = m_checkpoints.constFind(b.seq); it != m_checkpoints.constEnd()) {
        for (const AuditCheckpoint& c : *it) {
            if (c.hash != stored) {
                problem(QCoreApplication::translate("Audit", "entry %1 is not the entry the checkpoint of %2 (line %3) signed: the log was rewritten")
                            .arg(b.seq).arg(when(c.atMs)).arg(c.line));
                break;
            }
        }
    }
    m_previous = stored;
    m_expected = b.seq + 1;
    m_lastSeq = b.seq;
}

AuditVerification Verifier::finish()
{
    if (m_newest.seq > m_lastSeq)
        problem(QCoreApplication::translate("Audit", "entries %1 to %2 were cut from the end: the checkpoint of %3 (line %4) signed entry %2, the log ends at entry %5")
                    .arg(m_lastSeq + 1).arg(m_newest.seq).arg(when(m_newest.atMs)).arg(m_newest.line).arg(m_lastSeq));
    if (m_key && m_keyedWithThisKey > 0 && !m_checkpointFile)
        problem(QCoreApplication::translate("Audit", "there is no checkpoint file %1, yet %2 entries are keyed with this key: entries cut from the end cannot be found")
                    .arg(m_key->checkpointPath).arg(m_keyedWithThisKey));
    if (m_v.unchecked > 0)
        m_v.keyNote = m_key
            ? QCoreApplication::translate("Audit", "%1 entries are keyed with key %2, not with %3 (key %4): they cannot be checked with this key")
                  .arg(m_v.unchecked).arg(QString::fromLatin1(m_v.uncheckedKeyId), m_key->path, QString::fromLatin1(m_keyId))
            : QCoreApplication::translate("Audit", "%1 entries are keyed (key %2) and there is no key to check them")
                  .arg(m_v.unchecked).arg(QString::fromLatin1(m_v.uncheckedKeyId));
    else if (!m_key)
        m_v.keyNote = QCoreApplication::translate("Audit", "without the key the checkpoints were not read: entries cut from the end are not detected");
    return m_v;
}

} // namespace gridhall::auditchain
