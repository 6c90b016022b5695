#pragma once
// GCJ-02, the obfuscated datum that Chinese map services (Gaode, Tencent, many city tile
// servers) publish their tiles in. Points inside China sit a few hundred metres away from
// their WGS84 position; outside China the datum equals WGS84. GridHall keeps everything in
// WGS84 and converts only where a source declares GCJ-02 — never guessed.

#include "models/domain/geo.h"

namespace gridhall::gcj02 {

// True when the point lies outside the rectangle the offset applies to (passthrough).
bool outsideChina(LonLat wgs84);

LonLat fromWgs84(LonLat wgs84);
// Inverse by fixed-point iteration; the residual is below 1e-7 degrees.
LonLat toWgs84(LonLat gcj02);

} // namespace gridhall::gcj02
