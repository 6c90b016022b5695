// The heatmap engine against a brute-force kernel sum, and its incremental behaviour.

#include "maps/heatmap.h"

#include <QRandomGenerator>
#include <QTest>

#include <cmath>

using namespace gridhall;

namespace {

// Every point to every pixel centre with the kernel formula: the definition, slowly.
std::vector<double> bruteForce(const HeatmapGridSpec& spec, const std::vector<HeatPoint>& points, double radius,
    HeatmapKernelOutput output = HeatmapKernelOutput::Raw)
{
    std::vector<double> out(size_t(spec.width) * size_t(spec.height), 0.0);
    for (int row = 0; row < spec.height; ++row) {
        for (int col = 0; col < spec.width; ++col) {
            double sum = 0;
            for (const HeatPoint& p : points) {
                const double d = std::hypot(spec.pixelCenterX(col) - p.x, spec.pixelCenterY(row) - p.y);
                sum += p.weight * HeatmapKernel::value(d, radius, output);
            }
            out[size_t(row) * size_t(spec.width) + size_t(col)] = sum;
        }
    }
    return out;
}

double maxAbsDifference(const HeatmapGrid& grid, const std::vector<double>& reference)
{
    const std::vector<float> densities = grid.densities();
    double worst = 0;
    for (size_t i = 0; i < reference.size(); ++i)
        worst = std::max(worst, std::abs(double(densities[i]) - reference[i]));
    return worst;
}

double maxOf(const std::vector<double>& values)
{
    double best = 0;
    for (double v : values)
        best = std::max(best, v);
    return best;
}

HeatmapGridSpec smallSpec()
{
    HeatmapGridSpec spec;
    spec.originX = 500000;
    spec.originY = 2560000;
    spec.pixelSize = 10;
    spec.width = 48;
    spec.height = 36;
    return spec;
}

// A point at the centre of sub-pixel cell (phaseCol, phaseRow) of pixel (col, row); cols and
// rows may lie outside the grid.
HeatPoint onPhase(const HeatmapGridSpec& spec, int col, int row, int subpixel, int phaseCol, int phaseRow, float w)
{
    return { spec.originX + (col + (phaseCol + 0.5) / subpixel) * spec.pixelSize,
        spec.originY - (row + (phaseRow + 0.5) / subpixel) * spec.pixelSize, w };
}

std::vector<HeatPoint> randomPoints(const HeatmapGridSpec& spec, int count, quint32 seed, double margin)
{
    QRandomGenerator rng(seed);
    std::vector<HeatPoint> points;
    const double w = spec.width * spec.pixelSize;
    const double h = spec.height * spec.pixelSize;
    for (int i = 0; i < count; ++i) {
        const double x = spec.originX - margin + rng.generateDouble() * (w + 2 * margin);
        const double y = spec.originY + margin - rng.generateDouble() * (h + 2 * margin);
        points.push_back({ x, y, float(1 + rng.bounded(4)) });
    }
    return points;
}

} // namespace

class TestHeatmap : public QObject {
    Q_OBJECT

private slots:
    void kernelFormula();
    void stampIsExactForSnappedPoints_data();
    void stampIsExactForSnappedPoints();
    void arbitraryPointsWithinSnappingBound_data();
    void arbitraryPointsWithinSnappingBound();
    void scaledOutputIsRawTimesConstant();
    void addThenRemoveReturnsToZero();
    void incrementalAddEqualsBatch();
    void binningSumsWeightsPerBin();
    void threadsDoNotChangeTheResult();
    void farPointsAreIgnored();
    void degenerateKernelChangesNothing();
    void disputeWeightsOrdered();
    void colorRampEndpoints();
    void colorizeScales();
};

void TestHeatmap::kernelFormula()
{
    QCOMPARE(HeatmapKernel::value(0, 300, HeatmapKernelOutput::Raw), 1.0);
    QCOMPARE(HeatmapKernel::value(150, 300, HeatmapKernelOutput::Raw), 0.5625); // (1 - 1/4)^2
    QCOMPARE(HeatmapKernel::value(300, 300, HeatmapKernelOutput::Raw), 0.0);
    QCOMPARE(HeatmapKernel::value(300.01, 300, HeatmapKernelOutput::Raw), 0.0);
    QCOMPARE(HeatmapKernel::value(std::nan(""), 300, HeatmapKernelOutput::Raw), 0.0);
    const HeatmapKernel kernel(300, 10, HeatmapKernelOutput::Raw, 1);
    // 300 m at 10 m: a point anywhere in its pixel reaches 30.5 pixel centres away.
    QCOMPARE(kernel.reach(), 31);
    // The snapped stamp's centre value is K(0) = 1 and its rows are symmetric.
    const HeatmapKernel::Stamp& stamp = kernel.stamp(0);
    const HeatmapKernel::Row& middle = stamp.rows[size_t(kernel.reach())];
    QCOMPARE(middle.firstCol, -29); // 30 pixels away is exactly the radius: value 0, not stored
    QCOMPARE(stamp.values[size_t(middle.offset - middle.firstCol)], 1.f);
    QCOMPARE(stamp.rows.front().count, 0);
    QCOMPARE(stamp.rows[1].count, stamp.rows[stamp.rows.size() - 2].count);
}

void TestHeatmap::stampIsExactForSnappedPoints_data()
{
    QTest::addColumn<double>("radius");
    QTest::addColumn<int>("subpixel");
    QTest::newRow("57 m, pixel centres") << 57.0 << 1;
    QTest::newRow("100 m, pixel centres") << 100.0 << 1;
    QTest::newRow("43 m, 2x2 phases") << 43.0 << 2;
    QTest::newRow("80 m, 4x4 phases") << 80.0 << 4;
}

void TestHeatmap::stampIsExactForSnappedPoints()
{
    QFETCH(double, radius);
    QFETCH(int, subpixel);
    const HeatmapGridSpec spec = smallSpec();
    QRandomGenerator rng(7);
    std::vector<HeatPoint> points;
    const int reach = int(std::ceil(radius / spec.pixelSize + 0.5));
    for (int i = 0; i < 300; ++i) {
        // Including points off the grid whose kernel still reaches in.
        const int col = int(rng.bounded(spec.width + 2 * reach)) - reach;
        const int row = int(rng.bounded(spec.height + 2 * reach)) - reach;
        points.push_back(onPhase(spec, col, row, subpixel, int(rng.bounded(subpixel)), int(rng.bounded(subpixel)),
            float(1 + rng.bounded(3))));
    }
    points.push_back(onPhase(spec, 0, 0, subpixel, 0, 0, 2)); // corners
    points.push_back(onPhase(spec, spec.width - 1, spec.height - 1, subpixel, subpixel - 1, subpixel - 1, 3));

    HeatmapOptions options;
    options.radius = radius;
    options.subpixel = subpixel;
    HeatmapGrid grid(spec, options);
    grid.addPoints(points);
    const std::vector<double> reference = bruteForce(spec, points, radius);
    const double peak = maxOf(reference);
    QVERIFY(peak > 1);
    QVERIFY2(maxAbsDifference(grid, reference) <= 1e-5 * peak,
        qPrintable(QStringLiteral("max difference %1 of peak %2").arg(maxAbsDifference(grid, reference)).arg(peak)));
    const std::vector<float> densities = grid.densities();
    QCOMPARE(densities.size(), size_t(spec.width * spec.height));
    QCOMPARE(grid.maxValue(), *std::max_element(densities.begin(), densities.end()));
}

void TestHeatmap::arbitraryPointsWithinSnappingBound_data()
{
    QTest::addColumn<int>("subpixel");
    QTest::newRow("pixel centres") << 1;
    QTest::newRow("2x2 phases") << 2;
    QTest::newRow("4x4 phases") << 4;
}

void TestHeatmap::arbitraryPointsWithinSnappingBound()
{
    // Snapping moves a point by at most half a sub-pixel diagonal; the raw quartic's slope
    // in d/r is at most 8/(3*sqrt(3)), so each pixel's error is bounded by the sum of
    // weights times that slope times the move over the radius.
    QFETCH(int, subpixel);
    const HeatmapGridSpec spec = smallSpec();
    const double radius = 120;
    const std::vector<HeatPoint> points = randomPoints(spec, 400, 11, radius);
    HeatmapOptions options;
    options.radius = radius;
    options.subpixel = subpixel;
    HeatmapGrid grid(spec, options);
    grid.addPoints(points);
    const std::vector<double> reference = bruteForce(spec, points, radius);
    double weights = 0;
    for (const HeatPoint& p : points)
        weights += p.weight;
    const double move = std::sqrt(2.0) * spec.pixelSize / (2.0 * subpixel);
    const double bound = weights * (8 / (3 * std::sqrt(3.0))) * move / radius;
    const double difference = maxAbsDifference(grid, reference);
    QVERIFY2(difference <= bound, qPrintable(QStringLiteral("%1 > %2").arg(difference).arg(bound)));
    // Realistic error is far below the worst case: errors of nearby points cancel.
    QVERIFY2(difference <= 0.05 * maxOf(reference) / subpixel,
        qPrintable(QStringLiteral("%1 of peak %2").arg(difference).arg(maxOf(reference))));
}

void TestHeatmap::scaledOutputIsRawTimesConstant()
{
    const HeatmapGridSpec spec = smallSpec();
    const std::vector<HeatPoint> points = randomPoints(spec, 50, 3, 0);
    HeatmapOptions options;
    options.radius = 90;
    HeatmapGrid raw(spec, options);
    options.output = HeatmapKernelOutput::Scaled;
    HeatmapGrid scaled(spec, options);
    raw.addPoints(points);
    scaled.addPoints(points);
    const double k = 116.0 / (5.0 * M_PI * 90.0 * 90.0) * 15.0 / 16.0;
    const std::vector<float> r = raw.densities();
    const std::vector<float> sc = scaled.densities();
    for (size_t i = 0; i < r.size(); ++i)
        QVERIFY(std::abs(sc[i] - k * r[i]) <= 1e-6 * k * raw.maxValue());
}

void TestHeatmap::addThenRemoveReturnsToZero()
{
    const HeatmapGridSpec spec = smallSpec();
    HeatmapOptions options;
    options.radius = 75;
    options.subpixel = 2;
    HeatmapGrid grid(spec, options);
    const double x = spec.originX + 123.4;
    const double y = spec.originY - 87.6;
    QVERIFY(grid.add(x, y, 4));
    QVERIFY(grid.maxValue() > 3.5);
    QVERIFY(grid.remove(x, y, 4));
    for (float v : grid.densities())
        QCOMPARE(v, 0.f); // one add and its removal cancel exactly
    for (int row = 0; row < spec.height; ++row) // padding after the rows stays zero too
        for (size_t col = size_t(spec.width); col < grid.stride(); ++col)
            QCOMPARE(grid.rowData(row)[col], 0.f);

    // Many overlapping disputes opened, then closed in another order: back to zero up to
    // float rounding.
    const std::vector<HeatPoint> points = randomPoints(spec, 200, 5, 50);
    for (const HeatPoint& p : points)
        grid.add(p.x, p.y, p.weight);
    const float peak = grid.maxValue();
    QVERIFY(peak > 5);
    for (auto it = points.begin(); it != points.end(); it += 2)
        grid.remove(it->x, it->y, it->weight);
    for (auto it = points.begin() + 1; it < points.end(); it += 2)
        grid.remove(it->x, it->y, it->weight);
    for (float v : grid.densities())
        QVERIFY2(std::abs(v) <= 1e-5f * peak, qPrintable(QString::number(v)));
}

void TestHeatmap::incrementalAddEqualsBatch()
{
    const HeatmapGridSpec spec = smallSpec();
    HeatmapOptions options;
    options.radius = 64;
    options.subpixel = 3;
    // Many points for few bins takes the dense binning path, few points for a big grid the
    // sorting path; both must equal point-by-point adds.
    for (int count : { 3000, 40 }) {
        const std::vector<HeatPoint> points = randomPoints(spec, count, quint32(count), 80);
        HeatmapGrid incremental(spec, options);
        for (const HeatPoint& p : points)
            incremental.add(p.x, p.y, p.weight);
        HeatmapGrid batch(spec, options);
        batch.addPoints(points);
        const float peak = batch.maxValue();
        QVERIFY(peak > 0);
        const std::vector<float> b = batch.densities();
        const std::vector<float> inc = incremental.densities();
        for (size_t i = 0; i < b.size(); ++i)
            QVERIFY2(std::abs(b[i] - inc[i]) <= 1e-5f * peak,
                qPrintable(QStringLiteral("%1 points, pixel %2").arg(count).arg(i)));
    }
}

void TestHeatmap::binningSumsWeightsPerBin()
{
    // Points anywhere in one pixel land in one bin and stamp once with the summed weight.
    const HeatmapGridSpec spec = smallSpec();
    HeatmapOptions options;
    options.radius = 55;
    HeatmapGrid spread(spec, options);
    const double left = spec.originX + 20 * spec.pixelSize;
    const double top = spec.originY - 10 * spec.pixelSize;
    const std::vector<HeatPoint> inOnePixel = { { left + 0.1, top - 0.1, 1 }, { left + 9.9, top - 9.9, 2 },
        { left + 5, top - 5, 0.5f }, { left, top - 9.99, 1.5f } };
    spread.addPoints(inOnePixel);
    HeatmapGrid single(spec, options);
    single.add(left + 5, top - 5, 5);
    const std::vector<float> a = spread.densities();
    const std::vector<float> b = single.densities();
    for (size_t i = 0; i < a.size(); ++i)
        QVERIFY(std::abs(a[i] - b[i]) <= 1e-6f * single.maxValue());
    QCOMPARE(single.value(20, 10), 5.f);
    QCOMPARE(spread.value(20, 10), 5.f);
}

void TestHeatmap::threadsDoNotChangeTheResult()
{
    HeatmapGridSpec spec = smallSpec();
    spec.width = 300;
    spec.height = 211;
    const std::vector<HeatPoint> points = randomPoints(spec, 20000, 9, 100);
    HeatmapOptions options;
    options.radius = 100;
    options.threads = 1;
    HeatmapGrid one(spec, options);
    one.addPoints(points);
    options.threads = 2;
    HeatmapGrid two(spec, options);
    two.addPoints(points);
    // Bands split rows, and each pixel sees the same bins in the same order: bit-identical.
    QVERIFY(one.densities() == two.densities());
    QVERIFY(one.maxValue() > 0);
}

void TestHeatmap::farPointsAreIgnored()
{
    const HeatmapGridSpec spec = smallSpec();
    HeatmapOptions options;
    options.radius = 30;
    HeatmapGrid grid(spec, options);
    QVERIFY(!grid.add(spec.originX - 1000, spec.originY, 1));
    QVERIFY(!grid.add(std::nan(""), spec.originY, 1));
    QVERIFY(!grid.add(spec.originX + 10, std::numeric_limits<double>::infinity(), 1));
    const std::vector<HeatPoint> far = { { spec.originX + 1e6, spec.originY, 1 }, { std::nan(""), 0, 1 } };
    grid.addPoints(far);
    QCOMPARE(grid.maxValue(), 0.f);
    // Just west of the grid: the kernel still reaches the first column.
    QVERIFY(grid.add(spec.originX - 15, spec.originY - 5, 1));
    // Snapped to the centre of column -2, 20 m from column 0's centre: (1 - (20/30)^2)^2.
    QVERIFY(std::abs(grid.value(0, 0) - 25.f / 81.f) < 1e-6f);
    QCOMPARE(grid.value(5, 0), 0.f);
}

void TestHeatmap::degenerateKernelChangesNothing()
{
    const HeatmapGridSpec spec = smallSpec();
    for (double radius : { 0.0, -50.0, std::nan("") }) {
        HeatmapOptions options;
        options.radius = radius;
        HeatmapGrid grid(spec, options);
        grid.add(spec.pixelCenterX(3), spec.pixelCenterY(3), 1);
        grid.addPoints(randomPoints(spec, 100, 1, 0));
        QCOMPARE(grid.maxValue(), 0.f);
    }
}

void TestHeatmap::disputeWeightsOrdered()
{
    DisputeHeatWeights weights;
    QVERIFY(weights.weight(DisputeLevel::Red) > weights.weight(DisputeLevel::Orange));
    QVERIFY(weights.weight(DisputeLevel::Orange) > weights.weight(DisputeLevel::Yellow));
    QVERIFY(weights.weight(DisputeLevel::Yellow) > 0);
    QCOMPARE(weights.weight(DisputeLevel::None), 0.f);
    weights.red = 10;
    QCOMPARE(weights.weight(DisputeLevel::Red), 10.f);
}

void TestHeatmap::colorRampEndpoints()
{
    const HeatmapColorRamp ramp;
    QCOMPARE(ramp.at(0), QRgb(0)); // no density: transparent
    const QColor low = QColor::fromRgba(qUnpremultiply(ramp.at(1)));
    const QColor high = QColor::fromRgba(qUnpremultiply(ramp.at(255)));
    QVERIFY(low.alpha() > 0 && low.alpha() < 80);
    QVERIFY(high.alpha() > 200);
    // Yellow at the bottom, red at the top.
    QVERIFY(low.red() > 240 && low.green() > 200 && low.blue() < 100);
    QVERIFY(high.red() > 180 && high.green() < 60 && high.blue() < 60);
    const QColor middle = QColor::fromRgba(qUnpremultiply(ramp.at(128)));
    QVERIFY(middle.red() > 240 && middle.green() > 100 && middle.green() < 180); // orange
    for (int i = 2; i < 256; ++i) {
        QVERIFY(qAlpha(ramp.at(i)) >= qAlpha(ramp.at(i - 1)));
        QVERIFY(qRed(ramp.at(i)) <= qAlpha(ramp.at(i))); // premultiplied
    }
}

void TestHeatmap::colorizeScales()
{
    const HeatmapGridSpec spec = smallSpec();
    HeatmapOptions options;
    options.radius = 100;
    HeatmapGrid grid(spec, options);
    grid.add(spec.pixelCenterX(10), spec.pixelCenterY(10), 2);
    const HeatmapColorRamp ramp;
    QImage image = colorizeHeatmap(grid, ramp);
    QCOMPARE(image.format(), QImage::Format_ARGB32_Premultiplied);
    QCOMPARE(image.size(), QSize(spec.width, spec.height));
    QCOMPARE(image.pixel(10, 10), ramp.at(255)); // the maximum
    QCOMPARE(image.pixel(47, 35), ramp.at(0)); // out of reach
    // A fixed scale of twice the peak puts the peak in the middle of the table.
    image = colorizeHeatmap(grid, ramp, 4);
    QCOMPARE(image.pixel(10, 10), ramp.at(128));
    // Float dust left by removals stays transparent.
    grid.remove(spec.pixelCenterX(10), spec.pixelCenterY(10), 2);
    image = colorizeHeatmap(grid, ramp);
    QCOMPARE(image.pixel(10, 10), ramp.at(0));
}

QTEST_GUILESS_MAIN(TestHeatmap)
#include "tst_heatmap.moc"
