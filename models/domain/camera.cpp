#include "models/domain/camera.h"

#include <QCoreApplication>
#include <QUrl>
#include <algorithm>

namespace gridhall {

QString cameraKindKey(CameraKind kind)
{
    switch (kind) {
    case CameraKind::Road: return QStringLiteral("road");
    case CameraKind::Compound: return QStringLiteral("compound");
    case CameraKind::FaceMatching: return QStringLiteral("face_matching");
    }
    return QStringLiteral("road");
}

bool cameraKindFromKey(const QString& key, CameraKind* kind)
{
    for (CameraKind k : { CameraKind::Road, CameraKind::Compound, CameraKind::FaceMatching }) {
        if (key == cameraKindKey(k)) {
            *kind = k;
            return true;
        }
    }
    return false;
}

QList<NearbyCamera> nearestCameras(const QList<Camera>& cameras, LonLat at, double withinMetres, qsizetype limit)
{
    QList<NearbyCamera> near;
    for (const Camera& c : cameras)
        if (const double d = distanceMetres(at, c.position); d <= withinMetres)
            near.append({ c, d });
    const auto closer = [](const NearbyCamera& a, const NearbyCamera& b) {
        return a.metres != b.metres ? a.metres < b.metres : a.camera.code < b.camera.code;
    };
    if (limit >= 0 && limit < near.size()) {
        std::partial_sort(near.begin(), near.begin() + limit, near.end(), closer);
        near.resize(limit);
    } else {
        std::sort(near.begin(), near.end(), closer);
    }
    return near;
}

namespace streamurl {

bool isSupported(const QString& url)
{
    const QUrl u(url, QUrl::StrictMode);
    if (!u.isValid() || u.host().isEmpty())
        return false;
    const QString scheme = u.scheme().toLower();
    return scheme == QLatin1String("rtsp") || scheme == QLatin1String("rtsps") || scheme == QLatin1String("http")
        || scheme == QLatin1String("https");
}

bool hasCredentials(const QString& url)
{
    const QUrl u(url);
    return !u.userName().isEmpty() || !u.password().isEmpty();
}

QString forDisplay(const QString& url)
{
    QUrl u(url);
    if (!u.isValid())
        return QCoreApplication::translate("Camera", "(invalid URL)");
    if (!u.password().isEmpty())
        u.setPassword(QStringLiteral("***"));
    return u.toString();
}

} // namespace streamurl

} // namespace gridhall
