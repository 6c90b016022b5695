#include "models/sync/protocol.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QTimeZone>
#include <cmath>

namespace gridhall::protocol {

namespace {
bool problemOut(Problem* p, const QString& code, const QString& message)
{
    if (p)
        *p = { code, message };
    return false;
}

const char* const kTypeNames[] = { "login", "welcome", "ping", "pong", "error", "sync",
    "snapshot_begin", "snapshot_chunk", "snapshot_end", "changes", "action", "action_result",
    "position", "positions", "subscribe_positions", "get_photo", "photo", "get_track", "track", "logout" };
constexpr int kTypeCount = int(sizeof(kTypeNames) / sizeof(kTypeNames[0]));

bool badField(Problem* p, const QString& key, const QString& what)
{
    return problemOut(p, err::BadField, QCoreApplication::translate("Protocol", "Field \"%1\": %2").arg(key, what));
}

} // namespace

QString typeName(Type t)
{
    return QString::fromLatin1(kTypeNames[int(t)]);
}

std::optional<Type> typeFromName(const QString& name)
{
    for (int i = 0; i < kTypeCount; ++i)
        if (name == QLatin1String(kTypeNames[i]))
            return Type(i);
    return std::nullopt;
}

int nestingDepth(const QByteArray& bytes, int limit)
{
    int depth = 0, deepest = 0;
    bool inString = false, escaped = false;
    for (const char ch : bytes) {
        if (inString) {
            if (escaped)
                escaped = false;
            else if (ch == '\\')
                escaped = true;
            else if (ch == '"')
                inString = false;
            continue;
        }
        if (ch == '"') {
            inString = true;
        } else if (ch == '{' || ch == '[') {
            deepest = std::max(deepest, ++depth);
            if (deepest > limit)
                return deepest; // no need to look further
        } else if (ch == '}' || ch == ']') {
            --depth;
        }
    }
    return deepest;
}

std::optional<QJsonObject> decode(const QByteArray& bytes, Type* type, Problem* problem)
{
    if (bytes.size() > kMaxMessageBytes) {
        problemOut(problem, err::TooLarge,
            QCoreApplication::translate("Protocol", "Message of %1 bytes exceeds the limit of %2").arg(bytes.size()).arg(kMaxMessageBytes));
        return std::nullopt;
    }
    // Qt's parser recurses; refuse deep input before it gets there.
    if (nestingDepth(bytes, kMaxDepth) > kMaxDepth) {
        problemOut(problem, err::TooDeep, QCoreApplication::translate("Protocol", "Message nested deeper than %1 levels").arg(kMaxDepth));
        return std::nullopt;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        problemOut(problem, err::BadJson,
            QCoreApplication::translate("Protocol", "Not valid JSON at offset %1: %2").arg(parseError.offset).arg(parseError.errorString()));
        return std::nullopt;
    }
    if (!doc.isObject()) {
        problemOut(problem, err::BadJson, QCoreApplication::translate("Protocol", "A message must be a JSON object"));
        return std::nullopt;
    }
    const QJsonObject o = doc.object();
    const QJsonValue v = o.value(QLatin1String("v"));
    if (!v.isDouble() || v.toDouble() != kVersion) {
        problemOut(problem, err::BadVersion, QCoreApplication::translate("Protocol", "Unsupported protocol version (this side speaks %1)").arg(kVersion));
        return std::nullopt;
    }
    const QJsonValue t = o.value(QLatin1String("type"));
    const std::optional<Type> known = t.isString() ? typeFromName(t.toString()) : std::nullopt;
    if (!known) {
        problemOut(problem, err::UnknownType,
            QCoreApplication::translate("Protocol", "Unknown message type \"%1\"").arg(t.isString() ? t.toString().left(64) : QStringLiteral("?")));
        return std::nullopt;
    }
    if (type)
        *type = *known;
    return o;
}

QByteArray encode(Type type, QJsonObject fields)
{
    fields.insert(QLatin1String("v"), kVersion);
    fields.insert(QLatin1String("type"), typeName(type));
    return QJsonDocument(fields).toJson(QJsonDocument::Compact);
}

bool readString(const QJsonObject& o, const QString& key, QString* out, Problem* problem,
    bool required, int maxChars)
{
    const QJsonValue v = o.value(key);
    if (v.isUndefined() || v.isNull()) {
        if (required)
            return badField(problem, key, QCoreApplication::translate("Protocol", "missing"));
        out->clear();
        return true;
    }
    if (!v.isString())
        return badField(problem, key, QCoreApplication::translate("Protocol", "must be a string"));
    if (v.toString().size() > maxChars)
        return badField(problem, key, QCoreApplication::translate("Protocol", "longer than %1 characters").arg(maxChars));
    *out = v.toString();
    return true;
}

bool readInt(const QJsonObject& o, const QString& key, qint64* out, Problem* problem,
    qint64 min, qint64 max, bool required)
{
    const QJsonValue v = o.value(key);
    if (v.isUndefined() || v.isNull()) {
        if (required)
            return badField(problem, key, QCoreApplication::translate("Protocol", "missing"));
        *out = 0;
        return true;
    }
    if (!v.isDouble())
        return badField(problem, key, QCoreApplication::translate("Protocol", "must be a number"));
    const double d = v.toDouble();
    if (!std::isfinite(d) || d != std::floor(d) || d < double(min) || d > double(max))
        return badField(problem, key, QCoreApplication::translate("Protocol", "must be an integer from %1 to %2").arg(min).arg(max));
    *out = qint64(d);
    return true;
}

bool readFinite(const QJsonObject& o, const QString& key, double* out, Problem* problem,
    double min, double max)
{
    const QJsonValue v = o.value(key);
    if (!v.isDouble())
        return badField(problem, key, QCoreApplication::translate("Protocol", "must be a number"));
    const double d = v.toDouble();
    if (!std::isfinite(d) || d < min || d > max)
        return badField(problem, key, QCoreApplication::translate("Protocol", "must be a finite number from %1 to %2").arg(min).arg(max));
    *out = d;
    return true;
}

bool readLonLat(const QJsonObject& o, LonLat* out, Problem* problem)
{
    return readFinite(o, QStringLiteral("lon"), &out->lon, problem, -180, 180)
        && readFinite(o, QStringLiteral("lat"), &out->lat, problem, -90, 90);
}

qint64 toWireTime(const QDateTime& t)
{
    return t.isValid() ? t.toMSecsSinceEpoch() : 0;
}

QDateTime fromWireTime(qint64 ms)
{
    return ms == 0 ? QDateTime() : QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
}

const QStringList& caseColumns()
{
    static const QStringList columns { "id", "code", "category_code", "description", "address",
        "lon", "lat", "grid_code", "community_code", "street_code", "state", "level",
        "dispute_level", "source", "reporter", "holder_kind", "holder", "reported_at",
        "step_started_at", "step_deadline", "closed_at", "rework_count", "extension_count",
        "extension_pending", "extension_minutes_requested", "parked_from", "version", "updated_at",
        "alert_acked_at" };
    return columns;
}

QJsonArray caseToRow(const Case& c)
{
    return QJsonArray { c.id, c.code, c.categoryCode, c.description, c.address, c.location.lon,
        c.location.lat, c.gridCode, c.communityCode, c.streetCode, caseStateKey(c.state),
        handlingLevelKey(c.level), disputeLevelKey(c.disputeLevel), caseSourceKey(c.source),
        c.reporter, holderKindKey(c.holderKind), c.holder, toWireTime(c.reportedAt),
        toWireTime(c.stepStartedAt), toWireTime(c.stepDeadline), toWireTime(c.closedAt),
        c.reworkCount, c.extensionCount, c.extensionPending ? 1 : 0, c.extensionMinutesRequested,
        c.parkedFrom ? caseStateKey(*c.parkedFrom) : QString(), c.version, toWireTime(c.updatedAt), toWireTime(c.alertAckedAt) };
}

bool caseFromRow(const QJsonArray& row, Case* c, Problem* problem)
{
    const QStringList& cols = caseColumns();
    // A row without the last column (alert_acked_at) was written before it existed, e.g. in
    // a server's change log from then: it reads as not acknowledged.
    const bool withoutAck = row.size() == cols.size() - 1;
    if (row.size() != cols.size() && !withoutAck)
        return problemOut(problem, err::BadField, QCoreApplication::translate("Protocol", "A case row needs %1 values, got %2").arg(cols.size()).arg(row.size()));
    auto text = [&](int i, QString* out) {
        if (!row[i].isString() || row[i].toString().size() > kMaxStringChars)
            return badField(problem, cols[i], QCoreApplication::translate("Protocol", "must be a string"));
        *out = row[i].toString();
        return true;
    };
    auto integer = [&](int i, qint64* out) {
        const double d = row[i].toDouble(std::nan(""));
        if (!row[i].isDouble() || !std::isfinite(d) || d != std::floor(d) || std::fabs(d) > 9.0e15)
            return badField(problem, cols[i], QCoreApplication::translate("Protocol", "must be an integer"));
        *out = qint64(d);
        return true;
    };
    auto time = [&](int i, QDateTime* out) {
        qint64 ms = 0;
        if (!integer(i, &ms))
            return false;
        *out = fromWireTime(ms);
        return true;
    };
    auto small = [&](int i, int* out) {
        qint64 v = 0;
        if (!integer(i, &v) || v < 0 || v > 1000000000)
            return badField(problem, cols[i], QCoreApplication::translate("Protocol", "out of range"));
        *out = int(v);
        return true;
    };
    auto key = [&](int i, auto fromKey, auto* out) {
        if (!row[i].isString() || !fromKey(row[i].toString(), out))
            return badField(problem, cols[i], QCoreApplication::translate("Protocol", "unknown value"));
        return true;
    };
    // parked_from: "" when the case was never parked.
    auto parkedFrom = [&](int i) {
        if (row[i].isString() && row[i].toString().isEmpty()) {
            c->parkedFrom.reset();
            return true;
        }
        CaseState from = CaseState::Registered;
        if (!key(i, caseStateFromKey, &from))
            return false;
        c->parkedFrom = from;
        return true;
    };
    QJsonObject coords { { QStringLiteral("lon"), row[5] }, { QStringLiteral("lat"), row[6] } };
    qint64 pending = 0;
    bool ok = integer(0, &c->id) && text(1, &c->code) && text(2, &c->categoryCode)
        && text(3, &c->description) && text(4, &c->address) && readLonLat(coords, &c->location, problem)
        && text(7, &c->gridCode) && text(8, &c->communityCode) && text(9, &c->streetCode)
        && key(10, caseStateFromKey, &c->state) && key(11, handlingLevelFromKey, &c->level)
        && key(12, disputeLevelFromKey, &c->disputeLevel) && key(13, caseSourceFromKey, &c->source)
        && text(14, &c->reporter) && key(15, holderKindFromKey, &c->holderKind) && text(16, &c->holder)
        && time(17, &c->reportedAt) && time(18, &c->stepStartedAt) && time(19, &c->stepDeadline)
        && time(20, &c->closedAt) && small(21, &c->reworkCount) && small(22, &c->extensionCount)
        && integer(23, &pending) && small(24, &c->extensionMinutesRequested)
        && parkedFrom(25) && integer(26, &c->version) && time(27, &c->updatedAt)
        && (withoutAck || time(28, &c->alertAckedAt));
    if (withoutAck)
        c->alertAckedAt = {};
    c->extensionPending = pending != 0;
    if (ok && (c->id <= 0 || c->version <= 0))
        return problemOut(problem, err::BadField, QCoreApplication::translate("Protocol", "A case needs a positive id and version"));
    return ok;
}

QJsonObject eventToJson(const CaseEvent& e)
{
    return { { "id", e.id }, { "caseId", e.caseId }, { "at", toWireTime(e.at) }, { "actor", e.actor },
        { "role", roleKey(e.role) }, { "action", caseActionKey(e.action) },
        { "from", caseStateKey(e.fromState) }, { "to", caseStateKey(e.toState) },
        { "target", e.target }, { "note", e.note } };
}

bool eventFromJson(const QJsonObject& o, CaseEvent* e, Problem* problem)
{
    qint64 at = 0;
    QString role, action, from, to;
    if (!(readInt(o, QStringLiteral("id"), &e->id, problem, 1, qint64(9e15))
            && readInt(o, QStringLiteral("caseId"), &e->caseId, problem, 1, qint64(9e15))
            && readInt(o, QStringLiteral("at"), &at, problem, 0, qint64(9e15))
            && readString(o, QStringLiteral("actor"), &e->actor, problem)
            && readString(o, QStringLiteral("role"), &role, problem)
            && readString(o, QStringLiteral("action"), &action, problem)
            && readString(o, QStringLiteral("from"), &from, problem)
            && readString(o, QStringLiteral("to"), &to, problem)
            && readString(o, QStringLiteral("target"), &e->target, problem)
            && readString(o, QStringLiteral("note"), &e->note, problem)))
        return false;
    e->at = fromWireTime(at);
    if (!roleFromKey(role, &e->role) || !caseActionFromKey(action, &e->action)
        || !caseStateFromKey(from, &e->fromState) || !caseStateFromKey(to, &e->toState))
        return problemOut(problem, err::BadField, QCoreApplication::translate("Protocol", "An event names an unknown role, action or state"));
    return true;
}

namespace {
QString blob64(const MultiPolygon& m)
{
    return m.isEmpty() ? QString() : QString::fromLatin1(m.toBlob().toBase64());
}

bool readBoundary(const QJsonObject& o, MultiPolygon* out, Problem* problem)
{
    QString text;
    if (!readString(o, QStringLiteral("boundary"), &text, problem, false, 16 * 1024 * 1024))
        return false;
    if (text.isEmpty()) {
        *out = {};
        return true;
    }
    bool ok = false;
    *out = MultiPolygon::fromBlob(QByteArray::fromBase64(text.toLatin1()), &ok);
    return ok || badField(problem, QStringLiteral("boundary"), QCoreApplication::translate("Protocol", "not a geometry"));
}

bool readCode(const QJsonObject& o, const char* key, QString* out, Problem* problem)
{
    AreaLevel level;
    if (!readString(o, QString::fromLatin1(key), out, problem, true, 32))
        return false;
    return areacode::levelOf(*out, &level) || badField(problem, QString::fromLatin1(key), QCoreApplication::translate("Protocol", "not an area code"));
}
} // namespace

QJsonObject streetToJson(const Street& s)
{
    return { { "code", s.code }, { "name", s.name }, { "districtCode", s.districtCode }, { "boundary", blob64(s.boundary) } };
}

QJsonObject communityToJson(const Community& c)
{
    return { { "code", c.code }, { "name", c.name }, { "streetCode", c.streetCode }, { "boundary", blob64(c.boundary) } };
}

QJsonObject gridToJson(const GridCell& g)
{
    return { { "code", g.code }, { "name", g.name }, { "communityCode", g.communityCode },
        { "streetCode", g.streetCode }, { "boundary", blob64(g.boundary) },
        { "lon", g.centroid.lon }, { "lat", g.centroid.lat } };
}

QJsonObject workerToJson(const Worker& w)
{
    return { { "id", w.id }, { "code", w.code }, { "name", w.name }, { "kind", workerKindKey(w.kind) },
        { "homeGridCode", w.homeGridCode }, { "streetCode", w.streetCode }, { "team", w.team },
        { "phone", w.phone } };
}

std::optional<Role> deskRoleForUserRole(const QString& key)
{
    if (key == QLatin1String("district_operator") || key == QLatin1String("street_operator"))
        return Role::Operator;
    if (key == QLatin1String("supervisor"))
        return Role::Supervisor;
    if (key == QLatin1String("shift_leader"))
        return Role::ShiftLeader;
    if (key == QLatin1String("leader"))
        return Role::Leader; // reads only: the state machine lets a leader do nothing
    if (key == QLatin1String("field_worker"))
        return Role::FieldWorker;
    return std::nullopt;
}

bool districtFromJson(const QJsonObject& o, District* d, Problem* problem)
{
    return readCode(o, "code", &d->code, problem) && readString(o, QStringLiteral("name"), &d->name, problem)
        && readBoundary(o, &d->boundary, problem);
}

bool basemapFeatureFromJson(const QJsonObject& o, BasemapFeature* f, Problem* problem)
{
    QString kind, line, area;
    if (!(readInt(o, QStringLiteral("id"), &f->id, problem, 0, qint64(9e15))
            && readString(o, QStringLiteral("kind"), &kind, problem, true, 32)
            && readString(o, QStringLiteral("name"), &f->name, problem, false)
            && readString(o, QStringLiteral("line"), &line, problem, false, 16 * 1024 * 1024)
            && readString(o, QStringLiteral("area"), &area, problem, false, 16 * 1024 * 1024)))
        return false;
    if (!basemapKindFromKey(kind, &f->kind))
        return badField(problem, QStringLiteral("kind"), QCoreApplication::translate("Protocol", "unknown basemap kind"));
    bool ok = true;
    f->line = line.isEmpty() ? LineString() : lineFromBlob(QByteArray::fromBase64(line.toLatin1()), &ok);
    if (!ok)
        return badField(problem, QStringLiteral("line"), QCoreApplication::translate("Protocol", "not a line"));
    f->area = area.isEmpty() ? MultiPolygon() : MultiPolygon::fromBlob(QByteArray::fromBase64(area.toLatin1()), &ok);
    if (!ok)
        return badField(problem, QStringLiteral("area"), QCoreApplication::translate("Protocol", "not a geometry"));
    return true;
}

bool streetFromJson(const QJsonObject& o, Street* s, Problem* problem)
{
    return readCode(o, "code", &s->code, problem) && readString(o, QStringLiteral("name"), &s->name, problem)
        && readCode(o, "districtCode", &s->districtCode, problem) && readBoundary(o, &s->boundary, problem);
}

bool communityFromJson(const QJsonObject& o, Community* c, Problem* problem)
{
    return readCode(o, "code", &c->code, problem) && readString(o, QStringLiteral("name"), &c->name, problem)
        && readCode(o, "streetCode", &c->streetCode, problem) && readBoundary(o, &c->boundary, problem);
}

bool gridFromJson(const QJsonObject& o, GridCell* g, Problem* problem)
{
    return readCode(o, "code", &g->code, problem) && readString(o, QStringLiteral("name"), &g->name, problem)
        && readCode(o, "communityCode", &g->communityCode, problem)
        && readCode(o, "streetCode", &g->streetCode, problem) && readBoundary(o, &g->boundary, problem)
        && readLonLat(o, &g->centroid, problem);
}

bool workerFromJson(const QJsonObject& o, Worker* w, Problem* problem)
{
    QString kind;
    if (!(readInt(o, QStringLiteral("id"), &w->id, problem, 0, qint64(9e15))
            && readString(o, QStringLiteral("code"), &w->code, problem, true, 64)
            && readString(o, QStringLiteral("name"), &w->name, problem)
            && readString(o, QStringLiteral("kind"), &kind, problem)
            && readString(o, QStringLiteral("homeGridCode"), &w->homeGridCode, problem)
            && readString(o, QStringLiteral("streetCode"), &w->streetCode, problem)
            && readString(o, QStringLiteral("team"), &w->team, problem)
            && readString(o, QStringLiteral("phone"), &w->phone, problem)))
        return false;
    return workerKindFromKey(kind, &w->kind) || badField(problem, QStringLiteral("kind"), QCoreApplication::translate("Protocol", "unknown value"));
}

QJsonObject cameraToJson(const Camera& c, bool withStreams)
{
    return { { "code", c.code }, { "name", c.name }, { "kind", cameraKindKey(c.kind) }, { "lon", c.position.lon },
        { "lat", c.position.lat }, { "direction", c.hasDirection() ? c.direction : -1.0 },
        { "mainUrl", withStreams ? c.mainUrl : QString() }, { "subUrl", withStreams ? c.subUrl : QString() },
        { "gridCode", c.gridCode }, { "streetCode", c.streetCode } };
}

bool cameraFromJson(const QJsonObject& o, Camera* c, Problem* problem)
{
    QString kind;
    if (!(readString(o, QStringLiteral("code"), &c->code, problem, true, 64)
            && readString(o, QStringLiteral("name"), &c->name, problem)
            && readString(o, QStringLiteral("kind"), &kind, problem) && readLonLat(o, &c->position, problem)
            && readFinite(o, QStringLiteral("direction"), &c->direction, problem, -1, 360)
            && readString(o, QStringLiteral("mainUrl"), &c->mainUrl, problem)
            && readString(o, QStringLiteral("subUrl"), &c->subUrl, problem)
            && readCode(o, "gridCode", &c->gridCode, problem) && readCode(o, "streetCode", &c->streetCode, problem)))
        return false;
    if (c->code.isEmpty())
        return badField(problem, QStringLiteral("code"), QCoreApplication::translate("Protocol", "must not be empty"));
    if (c->direction >= 360 || (c->direction < 0 && c->direction != -1))
        return badField(problem, QStringLiteral("direction"), QCoreApplication::translate("Protocol", "must be -1 or from 0 to below 360"));
    for (const QString* url : { &c->mainUrl, &c->subUrl })
        if (!url->isEmpty() && !streamurl::isSupported(*url))
            return badField(problem, url == &c->mainUrl ? QStringLiteral("mainUrl") : QStringLiteral("subUrl"),
                QCoreApplication::translate("Protocol", "must be an rtsp, rtsps, http or https URL"));
    return cameraKindFromKey(kind, &c->kind) || badField(problem, QStringLiteral("kind"), QCoreApplication::translate("Protocol", "unknown value"));
}

QJsonObject photoToJson(const CasePhoto& p)
{
    return { { "id", p.id }, { "caseId", p.caseId }, { "eventId", p.eventId }, { "takenAt", toWireTime(p.takenAt) },
        { "mime", p.mime }, { "width", p.width }, { "height", p.height }, { "bytes", p.bytes },
        { "thumbnail", QString::fromLatin1(p.thumbnail.toBase64()) } };
}

bool isPhotoMime(const QString& mime)
{
    return mime == QLatin1String("image/jpeg") || mime == QLatin1String("image/png");
}

std::optional<QByteArray> decodePhotoData(const QJsonValue& v, const QString& field, qint64 maxBytes, Problem* problem)
{
    if (!v.isString()) {
        badField(problem, field, QCoreApplication::translate("Protocol", "must be a base64 string"));
        return std::nullopt;
    }
    // Base64 of n bytes is 4 × ceil(n / 3) characters: anything longer decodes to too much.
    const QString text = v.toString();
    if (text.size() > 4 * ((maxBytes + 2) / 3)) {
        problemOut(problem, err::PhotoTooLarge,
            QCoreApplication::translate("Protocol", "Field \"%1\": more than %2 bytes").arg(field).arg(maxBytes));
        return std::nullopt;
    }
    auto decoded = QByteArray::fromBase64Encoding(text.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || text.isEmpty() || text.size() % 4 != 0) {
        problemOut(problem, err::BadPhoto,
            QCoreApplication::translate("Protocol", "Field \"%1\": not base64").arg(field));
        return std::nullopt;
    }
    // The length test above lets up to two bytes over through (a base64 block is 3 bytes).
    if (decoded.decoded.size() > maxBytes) {
        problemOut(problem, err::PhotoTooLarge,
            QCoreApplication::translate("Protocol", "Field \"%1\": more than %2 bytes").arg(field).arg(maxBytes));
        return std::nullopt;
    }
    return *decoded;
}

bool photoFromJson(const QJsonObject& o, CasePhoto* p, Problem* problem)
{
    qint64 takenAt = 0, width = 0, height = 0;
    if (!(readInt(o, QStringLiteral("id"), &p->id, problem, 1, qint64(9e15))
            && readInt(o, QStringLiteral("caseId"), &p->caseId, problem, 1, qint64(9e15))
            && readInt(o, QStringLiteral("eventId"), &p->eventId, problem, 0, qint64(9e15), false)
            && readInt(o, QStringLiteral("takenAt"), &takenAt, problem, 0, qint64(9e15), false)
            && readString(o, QStringLiteral("mime"), &p->mime, problem, true, 32)
            && readInt(o, QStringLiteral("width"), &width, problem, 1, 100000)
            && readInt(o, QStringLiteral("height"), &height, problem, 1, 100000)
            && readInt(o, QStringLiteral("bytes"), &p->bytes, problem, 1, kMaxPhotoBytes)))
        return false;
    if (!isPhotoMime(p->mime))
        return badField(problem, QStringLiteral("mime"), QCoreApplication::translate("Protocol", "must be image/jpeg or image/png"));
    p->takenAt = fromWireTime(takenAt);
    p->width = int(width);
    p->height = int(height);
    const QJsonValue thumbnail = o.value(QLatin1String("thumbnail"));
    if (thumbnail.isString() && thumbnail.toString().isEmpty()) {
        p->thumbnail.clear(); // the server could not make one
        return true;
    }
    const std::optional<QByteArray> bytes = decodePhotoData(thumbnail, QStringLiteral("thumbnail"), kMaxThumbnailBytes, problem);
    if (!bytes)
        return false;
    p->thumbnail = *bytes;
    return true;
}

bool readPhotoUploads(const QJsonObject& action, QList<PhotoUpload>* out, Problem* problem)
{
    out->clear();
    const QJsonValue photos = action.value(QLatin1String("photos"));
    if (photos.isUndefined() || photos.isNull())
        return true;
    if (!photos.isArray())
        return badField(problem, QStringLiteral("photos"), QCoreApplication::translate("Protocol", "must be an array"));
    const QJsonArray list = photos.toArray();
    if (list.size() > kMaxPhotosPerAction)
        return badField(problem, QStringLiteral("photos"),
            QCoreApplication::translate("Protocol", "at most %1 photos, got %2").arg(kMaxPhotosPerAction).arg(list.size()));
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QString field = QStringLiteral("photos[%1]").arg(i);
        if (!list[i].isObject())
            return badField(problem, field, QCoreApplication::translate("Protocol", "must be an object"));
        const QJsonObject item = list[i].toObject();
        PhotoUpload upload;
        if (!readString(item, QStringLiteral("mime"), &upload.mime, problem, true, 32)
            || !readInt(item, QStringLiteral("takenAt"), &upload.takenAt, problem, 0, qint64(9e15), false)) {
            if (problem)
                problem->message = field + QStringLiteral(": ") + problem->message;
            return false;
        }
        if (!isPhotoMime(upload.mime))
            return badField(problem, field + QStringLiteral(".mime"), QCoreApplication::translate("Protocol", "must be image/jpeg or image/png"));
        const std::optional<QByteArray> data = decodePhotoData(item.value(QLatin1String("data")), field + QStringLiteral(".data"), kMaxPhotoBytes, problem);
        if (!data)
            return false;
        upload.data = *data;
        out->append(upload);
    }
    return true;
}

void CaseChecksum::add(qint64 id, qint64 version, const QString& stateKey, const QString& streetCode)
{
    const QByteArray text = QByteArray::number(id) + ':' + QByteArray::number(version) + ':'
        + stateKey.toUtf8() + ':' + streetCode.toUtf8();
    quint64 h = 14695981039346656037ULL;
    for (const char ch : text) {
        h ^= quint8(ch);
        h *= 1099511628211ULL;
    }
    m_sum += h;
}

QString CaseChecksum::hex() const
{
    return QStringLiteral("%1").arg(m_sum, 16, 16, QLatin1Char('0'));
}

} // namespace gridhall::protocol
