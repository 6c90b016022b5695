#include "maps/heatmap.h"

#include "maps/renderjob.h"

#include <QtConcurrent/QtConcurrentMap>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <numbers>

namespace gridhall {

namespace {

constexpr int kLanes = 8; // floats per vector in the stamping loop

struct BinnedWeight {
    uint64_t key; // row-major over the padded bin grid, phase fastest
    float weight;
};

// dst[i] += weight * src[i]. Written with vector extensions because -O2 does not vectorise
// loops of unknown length. No FMA on purpose: an add followed by the same subtract then
// cancels exactly.
inline __attribute__((always_inline)) void addWeighted(
    float* __restrict dst, const float* __restrict src, float weight, int count)
{
    using Floats = float __attribute__((vector_size(kLanes * sizeof(float))));
    const Floats w = Floats {} + weight;
    int i = 0;
    for (; i + kLanes <= count; i += kLanes) {
        Floats d;
        Floats s;
        std::memcpy(&d, dst + i, sizeof d);
        std::memcpy(&s, src + i, sizeof s);
        d += w * s;
        std::memcpy(dst + i, &d, sizeof d);
    }
    for (; i < count; ++i)
        dst[i] += weight * src[i];
}

// Where stamps go: the density rows [rowBegin, rowEnd) of a grid.
struct StampTarget {
    const HeatmapKernel* kernel;
    float* density;
    size_t stride;
    int width;
    int rowBegin;
    int rowEnd;
};

inline __attribute__((always_inline)) void stampOne(const StampTarget& t, int col, int row, int phase, float weight)
{
    const HeatmapKernel::Stamp& stamp = t.kernel->stamp(phase);
    const int reach = t.kernel->reach();
    const int firstRow = std::max(t.rowBegin, row - reach);
    const int lastRow = std::min(t.rowEnd, row + reach + 1);
    for (int r = firstRow; r < lastRow; ++r) {
        const HeatmapKernel::Row& k = stamp.rows[size_t(r - row + reach)];
        if (k.count == 0)
            continue;
        int begin = col + k.firstCol;
        const int end = begin + k.count;
        const float* src = stamp.values.data() + k.offset;
        int count = k.paddedCount;
        if (begin < 0 || end > t.width) {
            // At the grid's edges: exact clipping (the padding only covers whole vectors).
            const int clippedBegin = std::max(begin, 0);
            const int clippedEnd = std::min(end, t.width);
            if (clippedEnd <= clippedBegin)
                continue;
            src += clippedBegin - begin;
            begin = clippedBegin;
            count = clippedEnd - clippedBegin;
        }
        addWeighted(t.density + size_t(r) * t.stride + size_t(begin), src, weight, count);
    }
}

// The hot loops, compiled twice; the AVX2 copy is picked at load time where the CPU has it.
__attribute__((target_clones("avx2", "default"))) void stampBins(const StampTarget& t,
    const BinnedWeight* begin, const BinnedWeight* end, uint64_t keysPerRow, int phases)
{
    const int reach = t.kernel->reach();
    for (const BinnedWeight* b = begin; b != end; ++b) {
        const int row = int(b->key / keysPerRow) - reach;
        const uint64_t inRow = b->key % keysPerRow;
        stampOne(t, int(inRow / uint64_t(phases)) - reach, row, int(inRow % uint64_t(phases)), b->weight);
    }
}

__attribute__((target_clones("avx2", "default"))) void stampSingle(
    const StampTarget& t, int col, int row, int phase, float weight)
{
    stampOne(t, col, row, phase, weight);
}

} // namespace

bool HeatmapGridSpec::isValid() const
{
    return width > 0 && height > 0 && std::isfinite(pixelSize) && pixelSize > 0 && std::isfinite(originX)
        && std::isfinite(originY);
}

std::array<double, 6> HeatmapGridSpec::geoTransform() const
{
    return { originX, pixelSize, 0, originY, 0, -pixelSize };
}

float DisputeHeatWeights::weight(DisputeLevel level) const
{
    switch (level) {
    case DisputeLevel::Red:
        return red;
    case DisputeLevel::Orange:
        return orange;
    case DisputeLevel::Yellow:
        return yellow;
    case DisputeLevel::None:
        break;
    }
    return none;
}

double HeatmapKernel::value(double distance, double radius, HeatmapKernelOutput output)
{
    if (!(distance <= radius) || radius <= 0)
        return 0;
    const double u = distance / radius;
    const double raw = (1 - u * u) * (1 - u * u);
    if (output == HeatmapKernelOutput::Raw)
        return raw;
    // QGIS's normalising constant for its quartic kernel, kept as QGIS has it so that
    // "scaled" rasters compare one to one.
    const double k = 116.0 / (5.0 * std::numbers::pi * radius * radius);
    return k * (15.0 / 16.0) * raw;
}

HeatmapKernel::HeatmapKernel(double radius, double pixelSize, HeatmapKernelOutput output, int subpixel)
    : m_radius(radius)
    , m_subpixel(std::clamp(subpixel, 1, 4))
{
    // A point anywhere inside its pixel reaches at most radius/pixel + 0.5 pixel centres
    // away. Callers keep that to a sensible size (the command allows 1000 pixels).
    const double radiusPx = radius / pixelSize;
    if (!(radius > 0) || !(pixelSize > 0) || !std::isfinite(radiusPx) || radiusPx > 100000)
        m_radius = 0; // an empty kernel: stamps change nothing
    m_reach = m_radius > 0 ? int(std::ceil(radiusPx + 0.5)) : 0;
    const int side = 2 * m_reach + 1;
    m_stamps.resize(size_t(m_subpixel * m_subpixel));
    for (int phaseRow = 0; phaseRow < m_subpixel; ++phaseRow) {
        for (int phaseCol = 0; phaseCol < m_subpixel; ++phaseCol) {
            Stamp& stamp = m_stamps[size_t(phaseRow * m_subpixel + phaseCol)];
            // Where the snapped point sits inside its pixel, in pixels from the west/north edges.
            const double pointCol = (phaseCol + 0.5) / m_subpixel;
            const double pointRow = (phaseRow + 0.5) / m_subpixel;
            stamp.rows.resize(size_t(side));
            for (int dr = -m_reach; dr <= m_reach; ++dr) {
                Row& row = stamp.rows[size_t(dr + m_reach)];
                row = { 0, 0, 0, int(stamp.values.size()) };
                const double dy = (dr + 0.5 - pointRow) * pixelSize;
                for (int dc = -m_reach; dc <= m_reach; ++dc) {
                    const double dx = (dc + 0.5 - pointCol) * pixelSize;
                    const double v = value(std::sqrt(dx * dx + dy * dy), m_radius, output);
                    if (v <= 0)
                        continue;
                    if (row.count == 0)
                        row.firstCol = dc;
                    // Values of one row are contiguous: the disc is convex, so no gaps.
                    row.count = dc - row.firstCol + 1;
                    stamp.values.resize(size_t(row.offset + row.count), 0.f);
                    stamp.values[size_t(row.offset + dc - row.firstCol)] = float(v);
                }
                row.paddedCount = (row.count + kLanes - 1) / kLanes * kLanes;
                stamp.values.resize(size_t(row.offset + row.paddedCount), 0.f);
            }
        }
    }
}

HeatmapGrid::HeatmapGrid(const HeatmapGridSpec& spec, const HeatmapOptions& options)
    : m_spec(spec)
    , m_options(options)
    , m_kernel(options.radius, spec.pixelSize, options.output, options.subpixel)
{
    m_options.subpixel = m_kernel.subpixel();
    // Padding after each row lets in-grid stamps run whole vectors past the last column.
    m_stride = size_t(std::max(0, spec.width)) + kLanes;
    m_density.assign(m_stride * size_t(std::max(0, spec.height)), 0.f);
}

void HeatmapGrid::clear()
{
    std::fill(m_density.begin(), m_density.end(), 0.f);
}

std::vector<float> HeatmapGrid::densities() const
{
    std::vector<float> out;
    out.reserve(size_t(m_spec.width) * size_t(m_spec.height));
    for (int row = 0; row < m_spec.height; ++row)
        out.insert(out.end(), rowData(row), rowData(row) + m_spec.width);
    return out;
}

bool HeatmapGrid::binOf(double x, double y, Bin* bin) const
{
    const double fx = (x - m_spec.originX) / m_spec.pixelSize;
    const double fy = (m_spec.originY - y) / m_spec.pixelSize;
    const int reach = m_kernel.reach();
    // Also rejects NaN and infinities.
    if (!(fx >= -reach && fx < m_spec.width + reach && fy >= -reach && fy < m_spec.height + reach))
        return false;
    const double col = std::floor(fx);
    const double row = std::floor(fy);
    const int s = m_kernel.subpixel();
    const int phaseCol = std::min(s - 1, int((fx - col) * s));
    const int phaseRow = std::min(s - 1, int((fy - row) * s));
    *bin = { int(col), int(row), phaseRow * s + phaseCol };
    return true;
}

bool HeatmapGrid::add(double x, double y, float weight)
{
    Bin bin;
    if (!binOf(x, y, &bin) || weight == 0 || !std::isfinite(weight))
        return false;
    const StampTarget target { &m_kernel, m_density.data(), m_stride, m_spec.width, 0, m_spec.height };
    stampSingle(target, bin.col, bin.row, bin.phase, weight);
    return true;
}

void HeatmapGrid::addPoints(std::span<const HeatPoint> points)
{
    if (points.empty() || m_density.empty())
        return;
    const int reach = m_kernel.reach();
    const int phases = m_kernel.subpixel() * m_kernel.subpixel();
    const uint64_t binCols = uint64_t(m_spec.width + 2 * reach);
    const uint64_t binRows = uint64_t(m_spec.height + 2 * reach);
    const uint64_t keysPerRow = binCols * uint64_t(phases);
    const uint64_t keyCount = keysPerRow * binRows;
    auto keyOf = [&](const Bin& b) {
        return uint64_t(b.row + reach) * keysPerRow + uint64_t(b.col + reach) * uint64_t(phases) + uint64_t(b.phase);
    };

    // Sum weights per bin, in row-major order. Dense accumulation when points are many
    // compared with bins (one pass, no sort); sorting when they are few.
    std::vector<BinnedWeight> bins;
    if (points.size() * 8 >= keyCount) {
        std::vector<float> dense(keyCount, 0.f);
        for (const HeatPoint& p : points) {
            Bin b;
            if (binOf(p.x, p.y, &b) && std::isfinite(p.weight))
                dense[keyOf(b)] += p.weight;
        }
        for (uint64_t key = 0; key < keyCount; ++key) {
            if (dense[key] != 0.f)
                bins.push_back({ key, dense[key] });
        }
    } else {
        bins.reserve(points.size());
        for (const HeatPoint& p : points) {
            Bin b;
            if (binOf(p.x, p.y, &b) && std::isfinite(p.weight) && p.weight != 0.f)
                bins.push_back({ keyOf(b), p.weight });
        }
        std::sort(bins.begin(), bins.end(), [](const BinnedWeight& a, const BinnedWeight& b) { return a.key < b.key; });
        size_t out = 0;
        for (size_t i = 0; i < bins.size(); ++i) {
            if (out > 0 && bins[out - 1].key == bins[i].key)
                bins[out - 1].weight += bins[i].weight;
            else
                bins[out++] = bins[i];
        }
        bins.resize(out);
    }
    if (bins.empty())
        return;

    // Horizontal bands of output rows; each band stamps every bin whose kernel reaches it,
    // clipped to its rows, so bands never write to the same pixel.
    struct Band {
        int rowBegin;
        int rowEnd;
    };
    const int threads = std::max(1, m_options.threads);
    const int bandCount = std::min(m_spec.height, threads == 1 ? 1 : threads * 4);
    std::vector<Band> bands;
    for (int i = 0; i < bandCount; ++i)
        bands.push_back({ int(int64_t(m_spec.height) * i / bandCount), int(int64_t(m_spec.height) * (i + 1) / bandCount) });

    auto stampBand = [&](const Band& band) {
        // Bins on padded rows [rowBegin, rowEnd + 2 * reach) reach this band.
        const uint64_t firstKey = uint64_t(band.rowBegin) * keysPerRow;
        const uint64_t endKey = uint64_t(std::min<int64_t>(int64_t(binRows), band.rowEnd + 2 * reach)) * keysPerRow;
        auto less = [](const BinnedWeight& b, uint64_t key) { return b.key < key; };
        const auto first = std::lower_bound(bins.begin(), bins.end(), firstKey, less);
        const auto last = std::lower_bound(first, bins.end(), endKey, less);
        const StampTarget target { &m_kernel, m_density.data(), m_stride, m_spec.width, band.rowBegin, band.rowEnd };
        stampBins(target, bins.data() + (first - bins.begin()), bins.data() + (last - bins.begin()), keysPerRow, phases);
    };
    if (bands.size() == 1)
        stampBand(bands.front());
    else
        // The map pool, not Qt's global one: the GUI thread's own paints wait on that (renderjob.h).
        QtConcurrent::blockingMap(&mapRenderPool(), bands, stampBand);
}

float HeatmapGrid::maxValue() const
{
    float best = 0;
    for (int row = 0; row < m_spec.height; ++row) {
        const float* values = rowData(row);
        for (int col = 0; col < m_spec.width; ++col)
            best = std::max(best, values[col]);
    }
    return best;
}

HeatmapColorRamp::HeatmapColorRamp()
{
    struct Stop {
        double t;
        double r, g, b;
    };
    // Yellow (ordinary) through orange to red (serious), as the hall's dispute grades.
    const Stop stops[] = { { 0.0, 255, 232, 60 }, { 0.5, 255, 145, 0 }, { 1.0, 215, 20, 30 } };
    m_table[0] = 0; // no density: fully transparent
    for (int i = 1; i < 256; ++i) {
        const double t = (i - 1) / 254.0;
        const Stop& a = t <= 0.5 ? stops[0] : stops[1];
        const Stop& b = t <= 0.5 ? stops[1] : stops[2];
        const double f = (t - a.t) / (b.t - a.t);
        const int red = int(std::lround(a.r + (b.r - a.r) * f));
        const int green = int(std::lround(a.g + (b.g - a.g) * f));
        const int blue = int(std::lround(a.b + (b.b - a.b) * f));
        // Faint where density is low so the map stays readable, nearly opaque at the peak.
        const int alpha = int(std::lround(40 + (225 - 40) * t));
        m_table[size_t(i)] = qPremultiply(qRgba(red, green, blue, alpha));
    }
}

QImage colorizeHeatmap(const HeatmapGrid& grid, const HeatmapColorRamp& ramp, float scaleMax)
{
    const HeatmapGridSpec& spec = grid.spec();
    QImage image(spec.width, spec.height, QImage::Format_ARGB32_Premultiplied);
    if (image.isNull())
        return image;
    const float scale = scaleMax > 0 ? scaleMax : grid.maxValue();
    const float toIndex = scale > 0 ? 255.f / scale : 0.f;
    const int width = spec.width;
    uchar* bits = image.bits(); // detach once, before the workers share the image
    const qsizetype bytesPerLine = image.bytesPerLine();
    auto colourRows = [&](const std::pair<int, int>& rows) {
        for (int row = rows.first; row < rows.second; ++row) {
            auto* line = reinterpret_cast<QRgb*>(bits + row * bytesPerLine);
            const float* values = grid.rowData(row);
            for (int col = 0; col < width; ++col) {
                const float v = std::min(values[col] * toIndex, 255.f);
                // Anything above zero gets at least the faintest colour; <= 0 (and float
                // dust left by removals) stays transparent.
                const int index = v > 1e-6f ? std::max(1, int(v + 0.5f)) : 0;
                line[col] = ramp.at(index);
            }
        }
    };
    std::vector<std::pair<int, int>> bands;
    constexpr int kBands = 8;
    for (int i = 0; i < kBands; ++i)
        bands.emplace_back(spec.height * i / kBands, spec.height * (i + 1) / kBands);
    QtConcurrent::blockingMap(&mapRenderPool(), bands, colourRows);
    return image;
}

} // namespace gridhall
