// In-process fuzz of the codec: protocol::decode and the field and row readers get many
// mutated messages (200,000 by default). Nothing may crash, every refusal carries a known
// error code and a message, and whatever is accepted keeps the limits it was checked for.
//
// GRIDHALL_FUZZ_SEED replays a run (the seed is printed); GRIDHALL_FUZZ_ITERATIONS sets the
// number of inputs (`make fuzz` runs more).
#include "models/sync/protocol.h"

#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTest>
#include <cmath>
#include <functional>

using namespace gridhall;
using namespace gridhall::protocol;

namespace {

qint64 envNumber(const char* name, qint64 fallback)
{
    bool ok = false;
    const qint64 v = qEnvironmentVariable(name).toLongLong(&ok);
    return ok ? v : fallback;
}

int depthOf(const QJsonValue& v)
{
    int deepest = 0;
    if (v.isArray()) {
        for (const QJsonValue& item : v.toArray())
            deepest = std::max(deepest, depthOf(item));
        return deepest + 1;
    }
    if (v.isObject()) {
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            deepest = std::max(deepest, depthOf(it.value()));
        return deepest + 1;
    }
    return 0;
}

QString escaped(const QByteArray& bytes)
{
    QString s = QString::fromLatin1(bytes.left(600).toPercentEncoding(" {}[]\":,._-+!@#$^&*()=<>/?;'|~`"));
    if (bytes.size() > 600)
        s += QStringLiteral("…(%1 bytes)").arg(bytes.size());
    return s;
}

MultiPolygon square()
{
    Polygon p;
    p.outer = { { 113.30, 23.10 }, { 113.31, 23.10 }, { 113.31, 23.11 }, { 113.30, 23.11 } };
    p.holes = { { { 113.301, 23.101 }, { 113.302, 23.101 }, { 113.302, 23.102 } } };
    MultiPolygon m;
    m.parts.append(p);
    return m;
}

// Valid messages of every type, both directions, the seeds of the mutations.
QList<QByteArray> seedMessages()
{
    Case c;
    c.id = 17;
    c.code = "440199-20261120-0001";
    c.categoryCode = "0101";
    c.description = QString::fromUtf8("占道经营 \"quoted\"");
    c.address = "road 1";
    c.location = { 113.3, 23.1 };
    c.gridCode = "440199001001001";
    c.communityCode = "440199001001";
    c.streetCode = "440199001";
    c.reportedAt = QDateTime::fromMSecsSinceEpoch(1767225600000LL, Qt::UTC);
    c.updatedAt = c.reportedAt;
    c.version = 4;
    CaseEvent e;
    e.id = 991;
    e.caseId = 17;
    e.at = c.reportedAt;
    e.actor = "op";
    e.role = Role::Operator;
    e.action = CaseAction::Dispatch;
    e.fromState = CaseState::Registered;
    e.toState = CaseState::Dispatched;
    e.target = "CG";
    CasePhoto p;
    p.id = 57;
    p.caseId = 17;
    p.eventId = 992;
    p.takenAt = c.reportedAt;
    p.mime = "image/png";
    p.width = 40;
    p.height = 30;
    p.bytes = 1000;
    p.thumbnail = QByteArray("\x89PNG\r\n\x1a\nthumb", 14);
    Street street { "440199001", QString::fromUtf8("街道"), "440199", square() };
    GridCell grid { "440199001001001", "grid", "440199001001", "440199001", square(), { 113.305, 23.105 } };
    Community community { "440199001001", "community", "440199001", square() };
    Worker worker;
    worker.id = 3;
    worker.code = "WG00001";
    worker.name = "Li";
    worker.homeGridCode = grid.code;
    worker.streetCode = street.code;
    const QJsonObject district { { "code", "440199" }, { "name", "district" }, { "boundary", QString::fromLatin1(square().toBlob().toBase64()) } };
    const QJsonObject basemap { { "id", 5 }, { "kind", "river" }, { "name", "river" },
        { "line", QString::fromLatin1(lineToBlob({ { 113.3, 23.1 }, { 113.4, 23.2 } }).toBase64()) }, { "area", "" } };
    const QString photoData = QString::fromLatin1(QByteArray("\x89PNG\r\n\x1a\n0123456789", 18).toBase64());

    QList<QByteArray> seeds;
    auto add = [&](Type t, const QJsonObject& fields) { seeds.append(encode(t, fields)); };
    add(Type::Login, { { "user", "op" }, { "password", "secret" }, { "clientId", "desk-7f3a" } });
    add(Type::Login, { { "token", "9c1e" }, { "clientId", "desk-7f3a" } });
    add(Type::Welcome, { { "user", "op" }, { "role", "street_operator" }, { "street", "440199001" }, { "token", "9c1e" },
                           { "expiresAt", 1767312000000LL }, { "epoch", "5d1c" }, { "lastClientSeq", 12 }, { "worker", "" } });
    add(Type::Ping, { { "t", 1767225600000LL } });
    add(Type::Pong, { { "t", 1767225600000LL } });
    add(Type::Error, { { "code", "bad_field" }, { "message", "Field \"lon\"" }, { "inReplyTo", "action" } });
    add(Type::Sync, { { "cursor", 1234 }, { "epoch", "5d1c" } });
    add(Type::SnapshotBegin, { { "epoch", "5d1c" }, { "cursor", 5000 }, { "counts", QJsonObject { { "cases", 1 } } },
                                 { "caseColumns", QJsonArray::fromStringList(caseColumns()) } });
    add(Type::SnapshotChunk, { { "table", "cases" }, { "rows", QJsonArray { caseToRow(c) } } });
    add(Type::SnapshotChunk, { { "table", "streets" }, { "rows", QJsonArray { streetToJson(street) } } });
    add(Type::SnapshotChunk, { { "table", "grids" }, { "rows", QJsonArray { gridToJson(grid) } } });
    add(Type::SnapshotChunk, { { "table", "communities" }, { "rows", QJsonArray { communityToJson(community) } } });
    add(Type::SnapshotChunk, { { "table", "workers" }, { "rows", QJsonArray { workerToJson(worker) } } });
    add(Type::SnapshotChunk, { { "table", "districts" }, { "rows", QJsonArray { district } } });
    add(Type::SnapshotChunk, { { "table", "basemap" }, { "rows", QJsonArray { basemap } } });
    add(Type::SnapshotChunk, { { "table", "photos" }, { "rows", QJsonArray { photoToJson(p) } } });
    add(Type::SnapshotEnd, { { "checksum", "00af3c0e9d1b2a44" } });
    add(Type::Changes, { { "from", 1234 }, { "to", 1240 }, { "cases", QJsonArray { caseToRow(c) } },
                           { "events", QJsonArray { eventToJson(e) } }, { "photos", QJsonArray { photoToJson(p) } } });
    for (int a = 0; a < kCaseActionCount; ++a) {
        const CaseAction action = CaseAction(a);
        QJsonObject fields { { "clientSeq", 13 }, { "key", "desk-13" }, { "action", caseActionKey(action) } };
        if (action == CaseAction::Report || action == CaseAction::SelfHandle) {
            fields.insert("case", QJsonObject { { "categoryCode", "0101" }, { "description", "x" }, { "address", "" },
                                      { "lon", 113.3 }, { "lat", 23.1 }, { "gridCode", grid.code }, { "disputeLevel", "red" },
                                      { "source", "hotline" } });
        } else {
            fields.insert("caseId", 17);
            fields.insert("seenVersion", 4);
            fields.insert("targetKind", "department");
            fields.insert("target", "CG");
            fields.insert("note", "n");
            fields.insert("minutes", 60);
        }
        if (action == CaseAction::Feedback || action == CaseAction::AttachPhoto)
            fields.insert("photos", QJsonArray { QJsonObject { { "mime", "image/png" }, { "data", photoData }, { "takenAt", 1 } } });
        add(Type::Action, fields);
    }
    add(Type::ActionResult, { { "clientSeq", 13 }, { "key", "k" }, { "status", "conflict" }, { "caseId", 17 }, { "code", "conflict" },
                                { "by", "op2" }, { "byAction", "dispatch" }, { "at", 1767254400000LL }, { "version", 5 } });
    add(Type::Position, { { "items", QJsonArray { QJsonObject { { "lon", 113.361 }, { "lat", 23.124 }, { "at", 1767225600000LL }, { "accuracy", 8.5 } } } } });
    add(Type::Positions, { { "items", QJsonArray { QJsonObject { { "worker", "W1" }, { "lon", 113.36 }, { "lat", 23.12 }, { "at", 1 } } } } });
    add(Type::SubscribePositions, { { "on", true } });
    add(Type::GetPhoto, { { "id", 57 } });
    add(Type::Photo, { { "id", 57 }, { "caseId", 17 }, { "mime", "image/png" }, { "width", 4 }, { "height", 3 }, { "bytes", 18 }, { "data", photoData } });
    add(Type::GetTrack, { { "request", 7 }, { "workers", QJsonArray { "W0001", "W0002" } }, { "from", 1767218400000LL }, { "to", 1767225600000LL } });
    add(Type::Track, { { "request", 7 }, { "workers", QJsonArray { "W0001" } }, { "fixes", QJsonArray { QJsonArray { 0, 1767218410000LL, 113.361, 23.124 } } }, { "truncated", false } });
    return seeds;
}

class Fuzzer {
public:
    explicit Fuzzer(quint32 seed)
        : m_rng(seed)
        , m_corpus(seedMessages())
    {
    }

    // Runs one input through everything; false (with failure()) when a property breaks.
    bool run(const QByteArray& bytes)
    {
        m_input = bytes;
        Type type = Type::Ping;
        Problem problem { "unset", {} };
        const std::optional<QJsonObject> o = decode(bytes, &type, &problem);
        if (m_rng.bounded(16) == 0)
            decode(bytes, nullptr, nullptr); // callers may leave both out
        if (!o) {
            static const QStringList envelope { err::TooLarge, err::TooDeep, err::BadJson, err::BadVersion, err::UnknownType };
            return check(envelope.contains(problem.code) && !problem.message.isEmpty(),
                QStringLiteral("decode refused with code \"%1\", message \"%2\"").arg(problem.code, problem.message));
        }
        ++m_accepted;
        if (!check(bytes.size() <= kMaxMessageBytes, "decode accepted a message over the size limit")
            || !check(depthOf(*o) <= kMaxDepth, QStringLiteral("decode accepted nesting %1 deep").arg(depthOf(*o)))
            || !check(nestingDepth(bytes, kMaxDepth) <= kMaxDepth, "nestingDepth disagrees with an accepted message")
            || !check(o->value("v").toDouble() == kVersion, "decode accepted another version")
            || !check(o->value("type").toString() == typeName(type), "decode's type differs from the message's"))
            return false;
        if (m_corpus.size() < 3000 && bytes.size() < 20000 && m_rng.bounded(8) == 0)
            m_corpus.append(bytes); // accepted mutants breed further
        return readers(*o, 0);
    }

    // The field and row readers on every field, row and nested object of an accepted message.
    bool readers(const QJsonObject& o, int level)
    {
        const QStringList keys = o.keys();
        for (const QString& key : keys) {
            const QJsonValue v = o.value(key);
            const bool required = m_rng.bounded(2);
            {
                QString out = "before";
                Problem p { "unset", {} };
                const int maxChars = m_rng.bounded(4) ? kMaxStringChars : int(m_rng.bounded(70));
                if (readString(o, key, &out, &p, required, maxChars)) {
                    if (!check(out.size() <= maxChars && (v.isString() ? out == v.toString() : (out.isEmpty() && !required && (v.isNull() || v.isUndefined()))),
                            QStringLiteral("readString(\"%1\") accepted a wrong value").arg(key)))
                        return false;
                } else if (!fieldRefusal(p, QStringLiteral("readString(\"%1\")").arg(key))) {
                    return false;
                }
            }
            {
                static const qint64 bounds[][2] = { { 0, qint64(9e15) }, { 1, qint64(9e15) }, { 1, 100000 }, { 0, 129600 }, { -5, 5 } };
                const auto& b = bounds[m_rng.bounded(int(std::size(bounds)))];
                qint64 out = -777;
                Problem p { "unset", {} };
                if (readInt(o, key, &out, &p, b[0], b[1], required)) {
                    const bool absent = v.isNull() || v.isUndefined();
                    if (!check(absent ? (!required && out == 0) : (out >= b[0] && out <= b[1] && double(out) == v.toDouble()),
                            QStringLiteral("readInt(\"%1\", %2..%3) gave %4").arg(key).arg(b[0]).arg(b[1]).arg(out)))
                        return false;
                } else if (!fieldRefusal(p, QStringLiteral("readInt(\"%1\")").arg(key))) {
                    return false;
                }
            }
            {
                double out = 0;
                Problem p { "unset", {} };
                if (readFinite(o, key, &out, &p, -180, 180)) {
                    if (!check(std::isfinite(out) && out >= -180 && out <= 180, QStringLiteral("readFinite(\"%1\") gave %2").arg(key).arg(out)))
                        return false;
                } else if (!fieldRefusal(p, QStringLiteral("readFinite(\"%1\")").arg(key))) {
                    return false;
                }
            }
            if (v.isString() && (key == "data" || key == "thumbnail")) {
                Problem p { "unset", {} };
                const qint64 limit = key == "data" ? kMaxPhotoBytes : kMaxThumbnailBytes;
                const auto bytes = decodePhotoData(v, key, limit, &p);
                if (bytes ? !check(bytes->size() <= limit && !v.toString().isEmpty(), "decodePhotoData accepted too much or nothing")
                          : !photoRefusal(p, "decodePhotoData"))
                    return false;
            }
            if (key == "role")
                deskRoleForUserRole(v.toString()); // only must not crash
            if (v.isArray() && !rows(key, v.toArray(), level))
                return false;
            if (v.isObject() && level < 3 && !readers(v.toObject(), level + 1))
                return false;
        }
        LonLat ll;
        Problem p { "unset", {} };
        if (readLonLat(o, &ll, &p)) {
            if (!check(std::isfinite(ll.lon) && std::isfinite(ll.lat) && std::fabs(ll.lon) <= 180 && std::fabs(ll.lat) <= 90, "readLonLat out of range"))
                return false;
        } else if (!fieldRefusal(p, "readLonLat")) {
            return false;
        }
        QList<PhotoUpload> uploads;
        p = { "unset", {} };
        if (readPhotoUploads(o, &uploads, &p)) {
            if (!check(uploads.size() <= kMaxPhotosPerAction, "readPhotoUploads accepted too many photos"))
                return false;
            for (const PhotoUpload& u : uploads)
                if (!check(isPhotoMime(u.mime) && u.data.size() <= kMaxPhotoBytes && !u.data.isEmpty() && u.takenAt >= 0,
                        "readPhotoUploads accepted a bad photo"))
                    return false;
        } else if (!photoRefusal(p, "readPhotoUploads")) {
            return false;
        }
        return true;
    }

    // Rows of every kind a snapshot or a change batch carries; accepted rows round-trip.
    bool rows(const QString& key, const QJsonArray& list, int level)
    {
        for (const QJsonValue& item : list) {
            Problem p { "unset", {} };
            if (item.isArray()) {
                Case c;
                if (caseFromRow(item.toArray(), &c, &p)) {
                    Case again;
                    Problem p2;
                    if (!check(c.id > 0 && c.version > 0, "caseFromRow accepted a case without id or version")
                        || !check(caseFromRow(caseToRow(c), &again, &p2), QStringLiteral("an accepted case row does not read back: %1").arg(p2.message)))
                        return false;
                } else if (!fieldRefusal(p, "caseFromRow")) {
                    return false;
                }
                continue;
            }
            if (!item.isObject())
                continue;
            const QJsonObject o = item.toObject();
            CaseEvent e;
            if (eventFromJson(o, &e, &p)) {
                CaseEvent again;
                Problem p2;
                if (!check(eventFromJson(eventToJson(e), &again, &p2), QStringLiteral("an accepted event does not read back: %1").arg(p2.message)))
                    return false;
            } else if (!fieldRefusal(p, "eventFromJson")) {
                return false;
            }
            CasePhoto photo;
            p = { "unset", {} };
            if (photoFromJson(o, &photo, &p)) {
                CasePhoto again;
                Problem p2;
                if (!check(photo.thumbnail.size() <= kMaxThumbnailBytes && isPhotoMime(photo.mime), "photoFromJson accepted a bad photo row")
                    || !check(photoFromJson(photoToJson(photo), &again, &p2), QStringLiteral("an accepted photo row does not read back: %1").arg(p2.message)))
                    return false;
            } else if (!photoRefusal(p, "photoFromJson")) {
                return false;
            }
            // Reference rows: the readers must refuse cleanly whatever they get.
            District d;
            BasemapFeature f;
            Street s;
            Community cm;
            GridCell g;
            Worker w;
            const std::pair<const char*, std::function<bool(Problem*)>> readersOf[] = {
                { "districtFromJson", [&](Problem* q) { return districtFromJson(o, &d, q); } },
                { "basemapFeatureFromJson", [&](Problem* q) { return basemapFeatureFromJson(o, &f, q); } },
                { "streetFromJson", [&](Problem* q) { return streetFromJson(o, &s, q); } },
                { "communityFromJson", [&](Problem* q) { return communityFromJson(o, &cm, q); } },
                { "gridFromJson", [&](Problem* q) { return gridFromJson(o, &g, q); } },
                { "workerFromJson", [&](Problem* q) { return workerFromJson(o, &w, q); } },
            };
            for (const auto& [name, read] : readersOf) {
                p = { "unset", {} };
                if (!read(&p) && !fieldRefusal(p, QString::fromLatin1(name)))
                    return false;
            }
            if (level < 3 && !readers(o, level + 1))
                return false;
        }
        Q_UNUSED(key);
        return true;
    }

    QByteArray next()
    {
        QByteArray b = m_corpus.at(qsizetype(m_rng.bounded(m_corpus.size())));
        const int roll = int(m_rng.bounded(100));
        if (roll < 45) {
            for (int i = 0, n = 1 + int(m_rng.bounded(4)); i < n; ++i)
                mutateBytes(b);
        } else if (roll < 90) {
            b = mutateJson(b);
            if (m_rng.bounded(4) == 0)
                mutateBytes(b);
        } else if (roll < 97) {
            const QByteArray other = m_corpus.at(qsizetype(m_rng.bounded(m_corpus.size())));
            b = b.left(m_rng.bounded(b.size() + 1)) + other.mid(m_rng.bounded(other.size() + 1));
        } else {
            b = special();
        }
        return b;
    }

    qint64 accepted() const { return m_accepted; }
    const QString& failure() const { return m_failure; }

private:
    bool check(bool ok, const QString& what)
    {
        if (!ok && m_failure.isEmpty())
            m_failure = what + QStringLiteral("\ninput: ") + escaped(m_input);
        return ok;
    }
    bool fieldRefusal(const Problem& p, const QString& who)
    {
        return check(p.code == err::BadField && !p.message.isEmpty(),
            QStringLiteral("%1 refused with code \"%2\", message \"%3\"").arg(who, p.code, p.message));
    }
    bool photoRefusal(const Problem& p, const QString& who)
    {
        return check((p.code == err::BadField || p.code == err::BadPhoto || p.code == err::PhotoTooLarge) && !p.message.isEmpty(),
            QStringLiteral("%1 refused with code \"%2\", message \"%3\"").arg(who, p.code, p.message));
    }

    void mutateBytes(QByteArray& b)
    {
        static const char* tokens[] = { "[", "]", "{", "}", "\"", "\\", "\\u", "\\ud800", "\\u0000", ",", ":", "1e999", "-",
            "0", "null", "true", "\xff", "\xc0\x80", "\xed\xa0\x80", "\xef\xbb\xbf", "9007199254740993", "-0.0", "1e-999",
            "\"v\":1,", "\"type\":\"action\",", "[[[[[[[[[" };
        const qsizetype at = qsizetype(m_rng.bounded(b.size() + 1));
        switch (m_rng.bounded(8)) {
        case 0:
            if (!b.isEmpty())
                b[qMin(at, b.size() - 1)] ^= char(1 << m_rng.bounded(8));
            break;
        case 1: b.insert(at, char(m_rng.bounded(256))); break;
        case 2: b.remove(at, qsizetype(m_rng.bounded(16))); break;
        case 3: b.insert(at, b.mid(qsizetype(m_rng.bounded(b.size() + 1)), qsizetype(m_rng.bounded(32)))); break;
        case 4: b.truncate(at); break;
        default: b.insert(at, tokens[m_rng.bounded(int(std::size(tokens)))]);
        }
    }

    QByteArray mutateJson(const QByteArray& b)
    {
        QJsonObject o = QJsonDocument::fromJson(b).object();
        mutateObject(o, 0);
        QByteArray out = QJsonDocument(o).toJson(QJsonDocument::Compact);
        for (const auto& [marker, text] : std::as_const(m_raw))
            out.replace(QByteArray('"' + marker + '"'), text);
        m_raw.clear();
        return out;
    }

    void mutateObject(QJsonObject& o, int level)
    {
        const QStringList keys = o.keys();
        if (!keys.isEmpty() && level < 4 && m_rng.bounded(3) == 0) {
            const QString key = keys.at(qsizetype(m_rng.bounded(keys.size())));
            QJsonValue v = o.value(key);
            if (v.isObject()) {
                QJsonObject inner = v.toObject();
                mutateObject(inner, level + 1);
                o.insert(key, inner);
                return;
            }
            if (v.isArray() && !v.toArray().isEmpty()) {
                QJsonArray a = v.toArray();
                const qsizetype i = qsizetype(m_rng.bounded(a.size()));
                if (a.at(i).isObject()) {
                    QJsonObject inner = a.at(i).toObject();
                    mutateObject(inner, level + 1);
                    a.replace(i, inner);
                } else if (a.at(i).isArray() && m_rng.bounded(2)) {
                    QJsonArray row = a.at(i).toArray(); // a case row or a fix: one column changes or goes
                    const qsizetype j = qsizetype(m_rng.bounded(row.size() + 1));
                    if (j < row.size() && m_rng.bounded(4))
                        row.replace(j, odd());
                    else if (j < row.size())
                        row.removeAt(j);
                    else
                        row.append(odd());
                    a.replace(i, row);
                } else {
                    a.replace(i, odd());
                }
                o.insert(key, a);
                return;
            }
        }
        const int r = int(m_rng.bounded(5));
        if (r == 0 && !keys.isEmpty())
            o.remove(keys.at(qsizetype(m_rng.bounded(keys.size()))));
        else if (r == 1 || keys.isEmpty())
            o.insert(QStringLiteral("x%1").arg(m_rng.bounded(4)), odd());
        else
            o.insert(keys.at(qsizetype(m_rng.bounded(keys.size()))), odd());
    }

    QJsonValue odd()
    {
        switch (m_rng.bounded(26)) {
        case 0: return QJsonValue::Null;
        case 1: return bool(m_rng.bounded(2));
        case 2: return QString();
        case 3: return QStringLiteral("1");
        case 4: return 0;
        case 5: return -1;
        case 6: return 0.5;
        case 7: return -0.0;
        case 8: return 1e300;
        case 9: return 9007199254740993.0;
        case 10: return 9.0e15 + 2;
        case 11: return 9.223372036854775808e18;
        case 12: return QJsonArray();
        case 13: return QJsonObject();
        case 14: {
            QJsonValue v = 1;
            for (int i = 0, n = 1 + int(m_rng.bounded(10)); i < n; ++i)
                v = m_rng.bounded(2) ? QJsonValue(QJsonArray { v }) : QJsonValue(QJsonObject { { "a", v } });
            return v;
        }
        case 15: return QString(int(m_rng.bounded(2)) ? 4000 : 4001, QChar(m_rng.bounded(2) ? 'a' : 0x5360));
        case 16: return QString(QString(QChar(0xfeff)) + QChar(0) + QChar(0x1b) + QChar('\n') + QChar(0xd800));
        case 17: return raw(m_rng.bounded(2) ? "1e999" : "-1e999");
        case 18: return raw(R"("\ud800")");
        case 19: return raw(R"("\u0000")");
        case 20: return QString::fromLatin1(QByteArray(int(m_rng.bounded(40)), 'A').toBase64()); // base64 of junk
        case 21: return QStringLiteral("UE1IRwEAAAD/////"); // a boundary blob: one part of 4294967295 vertices
        case 22: return QStringLiteral("image/png");
        case 23: return double(m_rng.generate64() >> m_rng.bounded(64));
        case 24: return QJsonArray { 0, 1, 113.3, 23.1 };
        default: return QString(int(m_rng.bounded(20)), QChar('A' + int(m_rng.bounded(26))));
        }
    }
    QJsonValue raw(const QByteArray& text)
    {
        const QString marker = QStringLiteral("@@RAW%1@@").arg(m_raw.size());
        m_raw.append({ marker.toLatin1(), text });
        return marker;
    }

    QByteArray special()
    {
        switch (m_rng.bounded(8)) {
        case 0: return {};
        case 1: return QByteArray(int(m_rng.bounded(20000)), '[');
        case 2: return QByteArray(int(m_rng.bounded(200)), char(m_rng.bounded(256)));
        case 3: return "{\"v\":1,\"type\":\"ping\",\"x\":" + QByteArray(kMaxDepth - 1, '[') + QByteArray(kMaxDepth - 1, ']') + "}";
        case 4: return "{\"v\":1,\"type\":\"ping\",\"x\":" + QByteArray(kMaxDepth, '[') + QByteArray(kMaxDepth, ']') + "}";
        case 5: return "]]]]]]]]]]{\"v\":1,\"type\":\"ping\",\"x\":" + QByteArray(12, '[') + QByteArray(12, ']') + "}";
        case 6: // around the size limit; rare, parsing 4 MiB takes a while
            if (m_rng.bounded(40) == 0)
                return "{\"v\":1,\"type\":\"ping\",\"x\":\"" + QByteArray(kMaxMessageBytes - 30 + int(m_rng.bounded(10)), 'a') + "\"}";
            return "{\"v\":1,\"type\":\"ping\",\"x\":\"" + QByteArray(int(m_rng.bounded(70000)), 'a') + "\"}";
        default: return "{\"v\":1,\"type\":\"ping\",\"t\":" + QByteArray(5000, '9') + "}";
        }
    }

    QRandomGenerator m_rng;
    QList<QByteArray> m_corpus;
    QList<std::pair<QByteArray, QByteArray>> m_raw;
    QByteArray m_input;
    QString m_failure;
    qint64 m_accepted = 0;
};

} // namespace

class TestProtocolFuzz : public QObject {
    Q_OBJECT
private slots:
    void seedsAreAccepted()
    {
        // The fuzz starts from valid messages: each must pass every check on its own.
        Fuzzer f(1);
        for (const QByteArray& bytes : seedMessages()) {
            Type type;
            Problem problem;
            QVERIFY2(decode(bytes, &type, &problem), qPrintable(problem.message));
            QVERIFY2(f.run(bytes), qPrintable(f.failure()));
        }
    }

    void mutatedInputs()
    {
        const quint32 seed = quint32(envNumber("GRIDHALL_FUZZ_SEED", QRandomGenerator::system()->generate()));
        const qint64 iterations = envNumber("GRIDHALL_FUZZ_ITERATIONS", 200000);
        qInfo("protocol fuzz seed %u (replay: GRIDHALL_FUZZ_SEED=%u), %lld inputs", seed, seed, iterations);
        Fuzzer f(seed);
        QElapsedTimer t;
        t.start();
        for (qint64 i = 0; i < iterations; ++i) {
            const QByteArray input = f.next();
            if (!f.run(input))
                QFAIL(qPrintable(QStringLiteral("seed %1, input %2: %3").arg(seed).arg(i).arg(f.failure())));
        }
        qInfo("%lld inputs, %lld accepted by decode, in %lld ms", iterations, f.accepted(), t.elapsed());
        // A fuzz that never gets past the envelope tests little of the readers.
        QVERIFY2(f.accepted() > iterations / 10, qPrintable(QString::number(f.accepted())));
    }
};

QTEST_GUILESS_MAIN(TestProtocolFuzz)
#include "tst_protocolfuzz.moc"
