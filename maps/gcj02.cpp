#include "maps/gcj02.h"

#include <cmath>
#include <numbers>

namespace gridhall::gcj02 {

namespace {

// Krasovsky 1940 ellipsoid, which the published formula uses.
constexpr double kSemiMajor = 6378245.0;
constexpr double kEccentricitySquared = 0.00669342162296594323;
constexpr double kPi = std::numbers::pi;

double harmonics(double a, double b)
{
    return (20.0 * std::sin(6.0 * a * kPi) + 20.0 * std::sin(2.0 * a * kPi)) * 2.0 / 3.0
        + (20.0 * std::sin(b * kPi) + 40.0 * std::sin(b / 3.0 * kPi)) * 2.0 / 3.0;
}

// Northward shift in "metres-like" units before scaling by the meridian radius.
double latitudeShift(double x, double y)
{
    double s = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * std::sqrt(std::abs(x));
    s += (20.0 * std::sin(6.0 * x * kPi) + 20.0 * std::sin(2.0 * x * kPi)) * 2.0 / 3.0;
    s += (20.0 * std::sin(y * kPi) + 40.0 * std::sin(y / 3.0 * kPi)) * 2.0 / 3.0;
    s += (160.0 * std::sin(y / 12.0 * kPi) + 320.0 * std::sin(y * kPi / 30.0)) * 2.0 / 3.0;
    return s;
}

double longitudeShift(double x, double y)
{
    double s = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * std::sqrt(std::abs(x));
    s += harmonics(x, x);
    s += (150.0 * std::sin(x / 12.0 * kPi) + 300.0 * std::sin(x / 30.0 * kPi)) * 2.0 / 3.0;
    return s;
}

} // namespace

bool outsideChina(LonLat p)
{
    return p.lon < 72.004 || p.lon > 137.8347 || p.lat < 0.8293 || p.lat > 55.8271;
}

LonLat fromWgs84(LonLat p)
{
    if (outsideChina(p))
        return p;
    const double x = p.lon - 105.0;
    const double y = p.lat - 35.0;
    const double latRad = p.lat / 180.0 * kPi;
    const double sinLat = std::sin(latRad);
    const double w = 1.0 - kEccentricitySquared * sinLat * sinLat;
    const double sqrtW = std::sqrt(w);
    // Meridian and prime-vertical radii turn the shifts into degrees.
    const double meridianRadius = kSemiMajor * (1.0 - kEccentricitySquared) / (w * sqrtW);
    const double primeVerticalRadius = kSemiMajor / sqrtW;
    const double dLat = latitudeShift(x, y) * 180.0 / (meridianRadius * kPi);
    const double dLon = longitudeShift(x, y) * 180.0 / (primeVerticalRadius * std::cos(latRad) * kPi);
    return { p.lon + dLon, p.lat + dLat };
}

LonLat toWgs84(LonLat gcj)
{
    if (outsideChina(gcj))
        return gcj;
    // The offset varies slowly, so subtracting the offset at the current guess converges
    // in a handful of steps.
    LonLat guess = gcj;
    for (int i = 0; i < 30; ++i) {
        const LonLat forward = fromWgs84(guess);
        const double errLon = forward.lon - gcj.lon;
        const double errLat = forward.lat - gcj.lat;
        guess.lon -= errLon;
        guess.lat -= errLat;
        if (std::abs(errLon) < 1e-10 && std::abs(errLat) < 1e-10)
            break;
    }
    return guess;
}

} // namespace gridhall::gcj02
