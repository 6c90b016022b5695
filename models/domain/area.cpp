#include "models/domain/area.h"

namespace gridhall {

namespace areacode {

static bool allDigits(const QString& s)
{
    for (QChar c : s)
        if (!c.isDigit())
            return false;
    return !s.isEmpty();
}

bool levelOf(const QString& code, AreaLevel* level)
{
    if (!allDigits(code))
        return false;
    switch (code.size()) {
    case kDistrictDigits: *level = AreaLevel::District; return true;
    case kStreetDigits: *level = AreaLevel::Street; return true;
    case kCommunityDigits: *level = AreaLevel::Community; return true;
    case kGridDigits: *level = AreaLevel::Grid; return true;
    default: return false;
    }
}

QString parentOf(const QString& code)
{
    switch (code.size()) {
    case kStreetDigits: return code.left(kDistrictDigits);
    case kCommunityDigits: return code.left(kStreetDigits);
    case kGridDigits: return code.left(kCommunityDigits);
    default: return {};
    }
}

bool isWithin(const QString& code, const QString& ancestor)
{
    return !ancestor.isEmpty() && code.startsWith(ancestor);
}

} // namespace areacode

QString basemapKindKey(BasemapKind kind)
{
    switch (kind) {
    case BasemapKind::MajorRoad: return QStringLiteral("major_road");
    case BasemapKind::MinorRoad: return QStringLiteral("minor_road");
    case BasemapKind::River: return QStringLiteral("river");
    case BasemapKind::Water: return QStringLiteral("water");
    }
    return {};
}

bool basemapKindFromKey(const QString& key, BasemapKind* kind)
{
    for (BasemapKind k : { BasemapKind::MajorRoad, BasemapKind::MinorRoad, BasemapKind::River,
             BasemapKind::Water }) {
        if (basemapKindKey(k) == key) {
            *kind = k;
            return true;
        }
    }
    return false;
}

} // namespace gridhall
