#pragma once
// The sync protocol's codec: message envelope, limits, validation of untrusted input and
// the wire form of replicated rows. Shared by the server, SyncClient and gridhall-sim.
// docs/PROTOCOL.md is the normative description; keep the two in step.

#include "models/domain/area.h"
#include "models/domain/camera.h"
#include "models/domain/casetypes.h"
#include "models/domain/people.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <optional>

namespace gridhall::protocol {

constexpr int kVersion = 1;

// Limits (PROTOCOL.md § Limits). Frames and messages stay far below Qt's INT_MAX default.
constexpr qint64 kMaxMessageBytes = 4 * 1024 * 1024; // client → server and server → client
// Every message travels as one frame: Qt 6.4 checks UTF-8 frame by frame, so a message
// split inside a multi-byte character would be refused. Frames may therefore be as large as
// messages in both directions (a feedback with photos is over 1 MiB). Servers keep each
// snapshot chunk under kSnapshotChunkBytes and each change batch under kChangeBatchBytes.
constexpr qint64 kMaxFrameBytes = kMaxMessageBytes;
// What the server's WebSocket layer takes in one frame and message after login: more than
// kMaxMessageBytes, so that a message somewhat over the limit reaches the decoder and is
// answered too_large as documented, instead of being cut off by the WebSocket layer (1009).
constexpr qint64 kMaxWireMessageBytes = kMaxMessageBytes + 1024 * 1024;
constexpr qint64 kSnapshotChunkBytes = 2 * 1024 * 1024;
constexpr qint64 kChangeBatchBytes = 2 * 1024 * 1024;
constexpr int kMaxDepth = 8; // nesting of arrays/objects, the top object counts as 1
constexpr int kMaxStringChars = 4000; // any single string field
// Case rows per snapshot chunk: encoding one takes the server ~10 ms, so snapshots being
// streamed never hold its event loop (and everyone's pong) for long.
constexpr int kSnapshotChunkRows = 1000;
constexpr int kChangeBatchMax = 2000;
constexpr int kMaxPositionsPerMessage = 500;
// Photos (PROTOCOL.md § Photos).
constexpr int kMaxPhotosPerAction = 3;
constexpr qint64 kMaxPhotoBytes = 1024 * 1024; // one photo, decoded
constexpr qint64 kMaxPhotoPixels = 30'000'000; // width × height the server will decode
constexpr int kThumbnailMaxSide = 160; // pixels, the thumbnail's longer side
constexpr qint64 kMaxThumbnailBytes = 64 * 1024; // what a client accepts
// Worker tracks for replay (PROTOCOL.md § Tracks).
constexpr int kMaxTrackWorkers = 50; // workers in one get_track
constexpr qint64 kMaxTrackSpanMs = 7LL * 24 * 3600 * 1000; // longest period in one get_track
constexpr int kMaxTrackFixes = 40000; // fixes in one answer; more: "truncated"
// WebSocket close code of an instance at its session cap: the client goes to another
// instance of the hall at once. From the private range: Qt 6.4's WebSocket clients refuse
// 1013 ("try again later"), as they do every code RFC 6455 did not list.
constexpr int kCloseFull = 4503;
constexpr int kHeartbeatIntervalMs = 5000; // client sends ping this often
constexpr int kDeadLinkMs = 15000; // no traffic for this long: the link is dead

// Error codes sent in "error" messages and in action results.
namespace err {
inline const QString TooLarge = QStringLiteral("too_large");
inline const QString TooDeep = QStringLiteral("too_deep");
inline const QString BadJson = QStringLiteral("bad_json");
inline const QString BadVersion = QStringLiteral("bad_version");
inline const QString UnknownType = QStringLiteral("unknown_type");
inline const QString BadField = QStringLiteral("bad_field");
inline const QString NotLoggedIn = QStringLiteral("not_logged_in");
inline const QString BadCredentials = QStringLiteral("bad_credentials");
inline const QString TokenExpired = QStringLiteral("token_expired");
inline const QString Forbidden = QStringLiteral("forbidden");
inline const QString OutOfScope = QStringLiteral("out_of_scope");
inline const QString ReadOnly = QStringLiteral("read_only");
inline const QString NotFound = QStringLiteral("not_found");
inline const QString SeqGap = QStringLiteral("seq_gap");
inline const QString SeqReused = QStringLiteral("seq_reused");
inline const QString Conflict = QStringLiteral("conflict");
inline const QString Refused = QStringLiteral("refused");
inline const QString Internal = QStringLiteral("internal");
inline const QString BadPhoto = QStringLiteral("bad_photo");
inline const QString PhotoTooLarge = QStringLiteral("photo_too_large");
// Too many messages, logins or failed logins: wait "retryAfterMs" and try again.
inline const QString RateLimited = QStringLiteral("rate_limited");
// The server is at a limit of its own (concurrent snapshots, send buffer): try again later.
inline const QString Busy = QStringLiteral("busy");
// A field worker's login past the handhelds' share of an instance (the rest is kept for the
// desks): log in at another instance; the connection is closed with kCloseFull.
inline const QString Full = QStringLiteral("full");
} // namespace err

// A validation failure: a stable code and a human-readable message naming the field.
struct Problem {
    QString code;
    QString message;
};

// Every message type a peer may send. The names are the wire "type" strings.
enum class Type {
    Login, Welcome, Ping, Pong, Error,
    Sync, SnapshotBegin, SnapshotChunk, SnapshotEnd, Changes,
    Action, ActionResult,
    Position, Positions, SubscribePositions,
    GetPhoto, Photo,
    GetTrack, Track,
    Logout,
};
QString typeName(Type t);
std::optional<Type> typeFromName(const QString& name);

// Checks size and nesting before any JSON parser sees the bytes, then parses, then checks
// the envelope ("v" == kVersion, a known "type"). On failure returns nothing and fills *problem.
std::optional<QJsonObject> decode(const QByteArray& bytes, Type* type, Problem* problem);
// Nesting depth of JSON text without parsing it; stops counting beyond limit.
int nestingDepth(const QByteArray& bytes, int limit);

// Builds a message: the envelope plus the given fields.
QByteArray encode(Type type, QJsonObject fields);

// Field readers for untrusted objects. Each returns false and fills *problem on a missing
// field, a wrong type or a value out of range.
bool readString(const QJsonObject& o, const QString& key, QString* out, Problem* problem,
    bool required = true, int maxChars = kMaxStringChars);
bool readInt(const QJsonObject& o, const QString& key, qint64* out, Problem* problem,
    qint64 min, qint64 max, bool required = true);
bool readFinite(const QJsonObject& o, const QString& key, double* out, Problem* problem,
    double min, double max);
bool readLonLat(const QJsonObject& o, LonLat* out, Problem* problem); // "lon", "lat"

// Replicated rows travel as arrays in a fixed column order (compact for snapshots).
const QStringList& caseColumns();
QJsonArray caseToRow(const Case& c);
bool caseFromRow(const QJsonArray& row, Case* c, Problem* problem);
QJsonObject eventToJson(const CaseEvent& e);
bool eventFromJson(const QJsonObject& o, CaseEvent* e, Problem* problem);
QJsonObject streetToJson(const Street& s); // areas without boundaries travel as reference data
QJsonObject gridToJson(const GridCell& g);
QJsonObject communityToJson(const Community& c);
QJsonObject workerToJson(const Worker& w);
// The role a desk acts in for a user role key of `welcome` (district_operator …); nullopt
// for keys this version does not know.
std::optional<Role> deskRoleForUserRole(const QString& key);

bool districtFromJson(const QJsonObject& o, District* d, Problem* problem);
bool basemapFeatureFromJson(const QJsonObject& o, BasemapFeature* f, Problem* problem);
bool streetFromJson(const QJsonObject& o, Street* s, Problem* problem);
bool communityFromJson(const QJsonObject& o, Community* c, Problem* problem);
bool gridFromJson(const QJsonObject& o, GridCell* g, Problem* problem);
bool workerFromJson(const QJsonObject& o, Worker* w, Problem* problem);
// A camera row; withStreams false leaves mainUrl and subUrl "" (a role that may not view).
QJsonObject cameraToJson(const Camera& c, bool withStreams);
bool cameraFromJson(const QJsonObject& o, Camera* c, Problem* problem);

// Photos: the replicated row (facts and thumbnail, as in snapshots and changes) and the
// photos an action carries. readPhotoUploads checks form and size only; whether the bytes
// are an image is for the server to find out (it has the image decoders).
QJsonObject photoToJson(const CasePhoto& p);
bool photoFromJson(const QJsonObject& o, CasePhoto* p, Problem* problem);
bool isPhotoMime(const QString& mime); // image/jpeg, image/png
// Strict base64 of at most maxBytes decoded: nullopt with bad_photo or photo_too_large.
std::optional<QByteArray> decodePhotoData(const QJsonValue& v, const QString& field, qint64 maxBytes, Problem* problem);

struct PhotoUpload {
    QString mime;
    QByteArray data; // decoded
    qint64 takenAt = 0; // ms since the epoch as the handheld says; 0: not given
};
// An action's optional "photos" array; absent or empty gives an empty list.
bool readPhotoUploads(const QJsonObject& action, QList<PhotoUpload>* out, Problem* problem);

// Snapshot checksum: order-independent sum (mod 2^64) of FNV-1a 64 over
// "id:version:state:street" of every case, written as 16 lower-case hex digits.
class CaseChecksum {
public:
    void add(qint64 id, qint64 version, const QString& stateKey, const QString& streetCode);
    QString hex() const;

private:
    quint64 m_sum = 0;
};

qint64 toWireTime(const QDateTime& t); // ms since the epoch, 0 for invalid
QDateTime fromWireTime(qint64 ms);

} // namespace gridhall::protocol
