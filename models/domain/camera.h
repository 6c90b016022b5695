#pragma once
// The hall's cameras: reference data like the grids, placed on the map, listed near a case
// and tiled on the wall. A camera belongs to the grid (and so the street) its point lies in,
// which is what scopes it for street users.

#include "models/domain/geo.h"

#include <QList>
#include <QString>

namespace gridhall {

enum class CameraKind { Road, Compound, FaceMatching };
QString cameraKindKey(CameraKind kind); // road, compound, face_matching
bool cameraKindFromKey(const QString& key, CameraKind* kind);

struct Camera {
    QString code; // the city's camera code, unique in the hall
    QString name;
    CameraKind kind = CameraKind::Road;
    LonLat position;
    // Degrees clockwise from north the camera looks, 0 <= d < 360; negative: not known
    // (a dome camera that turns, or a file without the field).
    double direction = -1;
    QString mainUrl; // full-resolution stream (rtsp://, http://, https:// …)
    QString subUrl; // the low-resolution sub-stream walls tile; may be empty
    QString gridCode;
    QString streetCode;

    bool hasDirection() const { return direction >= 0; }
    friend bool operator==(const Camera&, const Camera&) = default;
};

// A camera with its distance from some place (a case, a dispute).
struct NearbyCamera {
    Camera camera;
    double metres = 0;
};
// The cameras within `withinMetres` of `at` (the edge included), nearest first (ties by
// code), at most `limit` of them (negative: all).
QList<NearbyCamera> nearestCameras(const QList<Camera>& cameras, LonLat at, double withinMetres,
    qsizetype limit = -1);

namespace streamurl {
// Schemes a camera stream may use.
bool isSupported(const QString& url);
// True when the URL carries a user name or password (rtsp://user:pass@host/…).
bool hasCredentials(const QString& url);
// The URL with its password replaced by "***", for messages, logs and the screen: a
// password must never be printed, even to the operator who may use it.
QString forDisplay(const QString& url);
} // namespace streamurl

} // namespace gridhall
