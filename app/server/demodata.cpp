#include "app/server/demodata.h"

#include "app/server/copydb.h"
#include "app/server/storagefactory.h"

#include "maps/gisexport.h"
#include "models/domain/casemachine.h"
#include "models/domain/sla.h"
#include "models/domain/taxonomy.h"
#include "models/store/store.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QSet>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimeZone>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <numbers>
#include <queue>
#include <vector>

namespace gridhall {

namespace {

// ---------------------------------------------------------------------------------------
// Randomness: our own generator and distributions, so the data is the same with every
// standard library (std:: distributions are implementation-defined).

quint64 splitmix(quint64 x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

quint64 mixKey(quint64 a, quint64 b, quint64 c = 0, quint64 d = 0)
{
    return splitmix(splitmix(splitmix(splitmix(a) ^ b) ^ c) ^ d);
}

class Rng {
public:
    explicit Rng(quint64 seed) : m_state(splitmix(seed)) { }
    quint64 next()
    {
        m_state += 0x9e3779b97f4a7c15ULL;
        return splitmix(m_state);
    }
    double uniform() { return double(next() >> 11) * 0x1.0p-53; } // [0, 1)
    double range(double lo, double hi) { return lo + (hi - lo) * uniform(); }
    int below(int n) { return n <= 0 ? 0 : int(uniform() * n); }
    bool chance(double p) { return uniform() < p; }
    double normal()
    {
        const double u = 1.0 - uniform(); // (0, 1]
        const double v = uniform();
        return std::sqrt(-2.0 * std::log(u)) * std::cos(2.0 * std::numbers::pi * v);
    }
    // Log-normal with the given median; sigma is the spread of the logarithm.
    double logNormal(double median, double sigma) { return median * std::exp(sigma * normal()); }
    template <typename T>
    const T& pick(const QList<T>& list) { return list.at(below(int(list.size()))); }

private:
    quint64 m_state;
};

// Picks an index from cumulative weights.
int pickCumulative(const std::vector<double>& cumulative, double u)
{
    const double target = u * cumulative.back();
    const auto it = std::upper_bound(cumulative.begin(), cumulative.end(), target);
    return int(std::min<std::ptrdiff_t>(it - cumulative.begin(), std::ptrdiff_t(cumulative.size()) - 1));
}

// ---------------------------------------------------------------------------------------
// Names. Fictional but plausible; the district is a demo, not real data.

const QStringList kStreetNames {
    QStringLiteral("云溪街道"), QStringLiteral("榕荫街道"), QStringLiteral("东湖街道"),
    QStringLiteral("翠岗街道"), QStringLiteral("龙口街道"), QStringLiteral("石岭街道"),
    QStringLiteral("沙涌街道"), QStringLiteral("华景街道"), QStringLiteral("棠溪街道"),
    QStringLiteral("凤凰街道"), QStringLiteral("珠岸街道"), QStringLiteral("员岭街道"),
    QStringLiteral("新塘街道"), QStringLiteral("长湴街道"), QStringLiteral("天园街道"),
    QStringLiteral("林和街道"), QStringLiteral("车陂街道"), QStringLiteral("岑村街道"),
    QStringLiteral("兴华街道"), QStringLiteral("猎桥街道"), QStringLiteral("南岗街道"),
};

const QStringList kPlaceFirst { QStringLiteral("榕"), QStringLiteral("云"), QStringLiteral("翠"),
    QStringLiteral("华"), QStringLiteral("荔"), QStringLiteral("棠"), QStringLiteral("东"),
    QStringLiteral("南"), QStringLiteral("西"), QStringLiteral("北"), QStringLiteral("金"),
    QStringLiteral("银"), QStringLiteral("松"), QStringLiteral("柏"), QStringLiteral("桂"),
    QStringLiteral("兰"), QStringLiteral("锦"), QStringLiteral("明"), QStringLiteral("新"),
    QStringLiteral("康"), QStringLiteral("乐"), QStringLiteral("富"), QStringLiteral("丰"),
    QStringLiteral("瑞"), QStringLiteral("龙"), QStringLiteral("凤"), QStringLiteral("宝"),
    QStringLiteral("碧"), QStringLiteral("绿"), QStringLiteral("青") };
const QStringList kPlaceSecond { QStringLiteral("苑"), QStringLiteral("园"), QStringLiteral("景"),
    QStringLiteral("湖"), QStringLiteral("溪"), QStringLiteral("岗"), QStringLiteral("塘"),
    QStringLiteral("村"), QStringLiteral("庭"), QStringLiteral("城"), QStringLiteral("峰"),
    QStringLiteral("湾"), QStringLiteral("林"), QStringLiteral("坊"), QStringLiteral("港"),
    QStringLiteral("桥"), QStringLiteral("岭"), QStringLiteral("洲"), QStringLiteral("田"),
    QStringLiteral("泉") };
const QStringList kRoadSuffix { QStringLiteral("路"), QStringLiteral("路"), QStringLiteral("街"),
    QStringLiteral("大街"), QStringLiteral("二路"), QStringLiteral("横路") };

// Surnames with rough frequency weights; given-name characters.
struct WeightedName {
    const char* text;
    double weight;
};
const WeightedName kSurnames[] = { { "王", 7.1 }, { "李", 7.0 }, { "张", 6.7 }, { "刘", 5.4 },
    { "陈", 5.9 }, { "杨", 3.1 }, { "黄", 4.6 }, { "赵", 2.3 }, { "吴", 2.6 }, { "周", 2.1 },
    { "徐", 1.7 }, { "孙", 1.5 }, { "马", 1.5 }, { "朱", 1.3 }, { "胡", 1.3 }, { "郭", 1.2 },
    { "何", 1.6 }, { "林", 2.4 }, { "罗", 1.5 }, { "梁", 2.0 }, { "郑", 1.3 }, { "谢", 1.2 },
    { "宋", 0.9 }, { "唐", 0.9 }, { "许", 0.9 }, { "邓", 1.3 }, { "冯", 0.8 }, { "韩", 0.7 },
    { "曾", 1.2 }, { "彭", 0.8 }, { "蔡", 0.9 }, { "潘", 0.8 }, { "钟", 1.0 }, { "叶", 0.9 },
    { "欧阳", 0.3 }, { "司徒", 0.1 } };
const char* const kGivenChars[] = { "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋",
    "勇", "艳", "杰", "涛", "明", "超", "秀", "霞", "平", "刚", "桂", "华", "建", "文", "斌",
    "辉", "玲", "婷", "燕", "鹏", "志", "荣", "海", "宇", "欣", "晓", "嘉", "俊", "浩", "凯",
    "锦", "思", "颖", "琳", "雪", "佳", "子", "梓", "泽", "晨", "宏", "国", "永", "家", "丹",
    "慧", "德", "少", "伟", "嘉", "炜", "健", "瑶", "蕾" };

QString personName(Rng& rng)
{
    static const std::vector<double> cumulative = [] {
        std::vector<double> c;
        double sum = 0;
        for (const WeightedName& s : kSurnames)
            c.push_back(sum += s.weight);
        return c;
    }();
    constexpr int givenCount = int(std::size(kGivenChars));
    QString name = QString::fromUtf8(kSurnames[pickCumulative(cumulative, rng.uniform())].text);
    name += QString::fromUtf8(kGivenChars[rng.below(givenCount)]);
    if (rng.chance(0.75))
        name += QString::fromUtf8(kGivenChars[rng.below(givenCount)]);
    return name;
}

QString phoneNumber(Rng& rng)
{
    static const char* const prefixes[] = { "135", "136", "137", "138", "139", "150", "158",
        "186", "188", "189", "133", "177" };
    QString phone = QString::fromLatin1(prefixes[rng.below(int(std::size(prefixes)))]);
    for (int i = 0; i < 8; ++i)
        phone += QChar(u'0' + rng.below(10));
    return phone;
}

// ---------------------------------------------------------------------------------------
// The lattice: cells between jittered vertices. Neighbouring cells share vertex indices,
// so the tiling is exact; outlines are computed on the integer lattice.

constexpr int kColumns = 66;
constexpr int kRows = 46;
constexpr double kWest = 113.30, kEast = 113.45, kSouth = 23.10, kNorth = 23.20;
constexpr double kCellLon = (kEast - kWest) / kColumns;
constexpr double kCellLat = (kNorth - kSouth) / kRows;
constexpr double kJitter = 0.22; // of a cell side; keeps every quad convex

struct Lattice {
    std::vector<LonLat> vertices; // (kColumns + 1) × (kRows + 1)
    static int vertexIndex(int i, int j) { return j * (kColumns + 1) + i; }
    static int cellIndex(int i, int j) { return j * kColumns + i; }
    LonLat vertex(int i, int j) const { return vertices[std::size_t(vertexIndex(i, j))]; }
};

Lattice buildLattice(quint64 seed)
{
    Lattice lattice;
    lattice.vertices.resize(std::size_t((kColumns + 1) * (kRows + 1)));
    for (int j = 0; j <= kRows; ++j) {
        for (int i = 0; i <= kColumns; ++i) {
            double dx = 0, dy = 0;
            if (i > 0 && i < kColumns && j > 0 && j < kRows) {
                Rng rng(mixKey(seed, 0x1a771ce, quint64(i), quint64(j)));
                dx = rng.range(-kJitter, kJitter);
                dy = rng.range(-kJitter, kJitter);
            }
            lattice.vertices[std::size_t(Lattice::vertexIndex(i, j))]
                = { kWest + (i + dx) * kCellLon, kSouth + (j + dy) * kCellLat };
        }
    }
    return lattice;
}

Ring cellRing(const Lattice& lattice, int i, int j)
{
    // Counter-clockwise, like every outer ring GridHall writes.
    return { lattice.vertex(i, j), lattice.vertex(i + 1, j), lattice.vertex(i + 1, j + 1),
        lattice.vertex(i, j + 1) };
}

// The district's shape in lattice units (x = column, y = row): wavy edges, the river
// along the south. Returns the south edge (river side) for a column position.
struct DistrictShape {
    double phase[6] {};
    double south(double x) const
    {
        const double u = x / kColumns;
        return kRows * (0.075 + 0.035 * std::sin(2 * std::numbers::pi * (0.9 * u + phase[0]))
                           + 0.015 * std::sin(2 * std::numbers::pi * (2.3 * u + phase[1])));
    }
    double north(double x) const
    {
        const double u = x / kColumns;
        return kRows * (0.955 + 0.03 * std::sin(2 * std::numbers::pi * (1.3 * u + phase[2])));
    }
    double west(double y) const
    {
        const double v = y / kRows;
        return kColumns * (0.04 + 0.025 * std::sin(2 * std::numbers::pi * (1.1 * v + phase[3])));
    }
    double east(double y) const
    {
        const double v = y / kRows;
        return kColumns * (0.96 + 0.025 * std::sin(2 * std::numbers::pi * (0.8 * v + phase[4])));
    }
};

using CellSet = std::vector<char>; // one flag per lattice cell

bool inSet(const CellSet& set, int i, int j)
{
    return i >= 0 && j >= 0 && i < kColumns && j < kRows && set[std::size_t(Lattice::cellIndex(i, j))];
}

constexpr int kNeighbours[4][2] = { { 1, 0 }, { -1, 0 }, { 0, 1 }, { 0, -1 } };

// Makes the cell set one hole-free piece without spikes or corner-only contacts, so the
// district outline is one simple ring.
void tidyCells(CellSet& set)
{
    for (int pass = 0; pass < 20; ++pass) {
        bool changed = false;
        // Keep the largest 4-connected piece.
        std::vector<int> label(set.size(), -1);
        int best = -1, bestSize = 0, labels = 0;
        for (int start = 0; start < int(set.size()); ++start) {
            if (!set[std::size_t(start)] || label[std::size_t(start)] >= 0)
                continue;
            std::vector<int> stack { start };
            label[std::size_t(start)] = labels;
            int size = 0;
            while (!stack.empty()) {
                const int c = stack.back();
                stack.pop_back();
                ++size;
                for (const auto& n : kNeighbours) {
                    const int i = c % kColumns + n[0], j = c / kColumns + n[1];
                    if (inSet(set, i, j) && label[std::size_t(Lattice::cellIndex(i, j))] < 0) {
                        label[std::size_t(Lattice::cellIndex(i, j))] = labels;
                        stack.push_back(Lattice::cellIndex(i, j));
                    }
                }
            }
            if (size > bestSize) {
                bestSize = size;
                best = labels;
            }
            ++labels;
        }
        for (std::size_t c = 0; c < set.size(); ++c) {
            if (set[c] && label[c] != best) {
                set[c] = 0;
                changed = true;
            }
        }
        // Fill holes: empty cells not reachable from outside the lattice.
        std::vector<char> outside(set.size(), 0);
        std::vector<int> stack;
        for (int i = 0; i < kColumns; ++i)
            for (int j : { 0, kRows - 1 })
                stack.push_back(Lattice::cellIndex(i, j));
        for (int j = 0; j < kRows; ++j)
            for (int i : { 0, kColumns - 1 })
                stack.push_back(Lattice::cellIndex(i, j));
        while (!stack.empty()) {
            const int c = stack.back();
            stack.pop_back();
            if (set[std::size_t(c)] || outside[std::size_t(c)])
                continue;
            outside[std::size_t(c)] = 1;
            for (const auto& n : kNeighbours) {
                const int i = c % kColumns + n[0], j = c / kColumns + n[1];
                if (i >= 0 && j >= 0 && i < kColumns && j < kRows)
                    stack.push_back(Lattice::cellIndex(i, j));
            }
        }
        for (std::size_t c = 0; c < set.size(); ++c) {
            if (!set[c] && !outside[c]) {
                set[c] = 1;
                changed = true;
            }
        }
        // Remove spikes (cells with at most one neighbour).
        for (int j = 0; j < kRows; ++j) {
            for (int i = 0; i < kColumns; ++i) {
                if (!inSet(set, i, j))
                    continue;
                int neighbours = 0;
                for (const auto& n : kNeighbours)
                    neighbours += inSet(set, i + n[0], j + n[1]) ? 1 : 0;
                if (neighbours <= 1) {
                    set[std::size_t(Lattice::cellIndex(i, j))] = 0;
                    changed = true;
                }
            }
        }
        // Corner-only contacts: fill one of the two empty cells of the 2×2 block.
        for (int j = 0; j + 1 < kRows; ++j) {
            for (int i = 0; i + 1 < kColumns; ++i) {
                const bool a = inSet(set, i, j), b = inSet(set, i + 1, j);
                const bool c = inSet(set, i, j + 1), d = inSet(set, i + 1, j + 1);
                if (a && d && !b && !c) {
                    set[std::size_t(Lattice::cellIndex(i + 1, j))] = 1;
                    changed = true;
                } else if (b && c && !a && !d) {
                    set[std::size_t(Lattice::cellIndex(i, j))] = 1;
                    changed = true;
                }
            }
        }
        if (!changed)
            return;
    }
}

// The exact outline of a set of lattice cells: boundary edges (used by exactly one cell
// of the set) chained into rings. Outer rings come out counter-clockwise, holes clockwise.
MultiPolygon outlineOf(const Lattice& lattice, const std::vector<int>& cells)
{
    struct Edge {
        int from, to;
        bool used = false;
    };
    QSet<quint64> directed;
    auto key = [](int from, int to) { return (quint64(quint32(from)) << 32) | quint32(to); };
    auto cellEdges = [](int c, int out[4][2]) {
        const int i = c % kColumns, j = c / kColumns;
        const int v00 = Lattice::vertexIndex(i, j), v10 = Lattice::vertexIndex(i + 1, j);
        const int v11 = Lattice::vertexIndex(i + 1, j + 1), v01 = Lattice::vertexIndex(i, j + 1);
        const int e[4][2] = { { v00, v10 }, { v10, v11 }, { v11, v01 }, { v01, v00 } };
        std::copy(&e[0][0], &e[0][0] + 8, &out[0][0]);
    };
    for (int c : cells) {
        int e[4][2];
        cellEdges(c, e);
        for (const auto& edge : e)
            directed.insert(key(edge[0], edge[1]));
    }
    std::vector<Edge> boundary;
    QHash<int, QList<int>> outgoing; // vertex → boundary edge indices
    for (int c : cells) {
        int e[4][2];
        cellEdges(c, e);
        for (const auto& edge : e) {
            if (directed.contains(key(edge[1], edge[0])))
                continue;
            outgoing[edge[0]].append(int(boundary.size()));
            boundary.push_back({ edge[0], edge[1] });
        }
    }
    auto coords = [](int v) { return std::pair<int, int>(v % (kColumns + 1), v / (kColumns + 1)); };
    QList<QList<int>> rings; // vertex indices
    for (std::size_t start = 0; start < boundary.size(); ++start) {
        if (boundary[start].used)
            continue;
        QList<int> ring;
        int current = int(start);
        while (!boundary[std::size_t(current)].used) {
            Edge& e = boundary[std::size_t(current)];
            e.used = true;
            ring.append(e.from);
            // At a vertex with two ways on, turn as far left as possible: the ring then
            // hugs the interior and never crosses itself.
            const auto [fx, fy] = coords(e.from);
            const auto [tx, ty] = coords(e.to);
            const int dx = tx - fx, dy = ty - fy;
            int next = -1, bestTurn = -2;
            for (int candidate : outgoing.value(e.to)) {
                if (boundary[std::size_t(candidate)].used)
                    continue;
                const auto [cx, cy] = coords(boundary[std::size_t(candidate)].to);
                const int ndx = cx - tx, ndy = cy - ty;
                const int cross = dx * ndy - dy * ndx; // > 0: left turn
                const int dot = dx * ndx + dy * ndy;
                const int turn = cross > 0 ? 2 : (dot > 0 ? 1 : (cross < 0 ? 0 : -1));
                if (turn > bestTurn) {
                    bestTurn = turn;
                    next = candidate;
                }
            }
            if (next < 0)
                break;
            current = next;
        }
        rings.append(ring);
    }
    auto latticeArea = [&](const QList<int>& ring) {
        qint64 sum = 0;
        for (qsizetype a = 0, b = ring.size() - 1; a < ring.size(); b = a++) {
            const auto [ax, ay] = coords(ring[a]);
            const auto [bx, by] = coords(ring[b]);
            sum += qint64(bx) * ay - qint64(ax) * by;
        }
        return sum; // twice the area
    };
    auto latticeContains = [&](const QList<int>& ring, double px, double py) {
        bool inside = false;
        for (qsizetype a = 0, b = ring.size() - 1; a < ring.size(); b = a++) {
            const auto [ax, ay] = coords(ring[a]);
            const auto [bx, by] = coords(ring[b]);
            if ((ay > py) != (by > py) && px < double(bx - ax) * (py - ay) / double(by - ay) + ax)
                inside = !inside;
        }
        return inside;
    };
    auto toRing = [&](const QList<int>& ring) {
        Ring out;
        out.reserve(ring.size());
        for (int v : ring)
            out.append(lattice.vertices[std::size_t(v)]);
        return out;
    };
    MultiPolygon result;
    QList<QList<int>> outers;
    for (const QList<int>& ring : rings) {
        if (latticeArea(ring) > 0) {
            outers.append(ring);
            result.parts.append(Polygon { toRing(ring), {} });
        }
    }
    for (const QList<int>& ring : rings) {
        if (latticeArea(ring) > 0)
            continue;
        // The cell left of the hole's first edge lies in the set; its centre tells which
        // outer ring the hole belongs to.
        const auto [ax, ay] = coords(ring[0]);
        const auto [bx, by] = coords(ring[1 % ring.size()]);
        const double px = (ax + bx) / 2.0 - (by - ay) * 0.5;
        const double py = (ay + by) / 2.0 + (bx - ax) * 0.5;
        for (qsizetype o = 0; o < outers.size(); ++o) {
            if (latticeContains(outers[o], px, py)) {
                result.parts[o].holes.append(toRing(ring));
                break;
            }
        }
    }
    return result;
}

struct CellPoint {
    double x, y; // lattice units, cell centre
};

CellPoint centreOf(int cell)
{
    return { cell % kColumns + 0.5, cell / kColumns + 0.5 };
}

double distance2(CellPoint a, CellPoint b)
{
    // Cells are nearly square on the ground (233 m × 241 m).
    const double dx = a.x - b.x, dy = (a.y - b.y) * (kCellLat * 110.7) / (kCellLon * 102.4);
    return dx * dx + dy * dy;
}

// Seeds spread by farthest-point sampling from a random start.
std::vector<int> spreadSeeds(const std::vector<int>& cells, int count, Rng& rng)
{
    std::vector<int> seeds;
    if (cells.empty())
        return seeds;
    std::vector<double> nearest(cells.size(), 1e300);
    int next = cells[std::size_t(rng.below(int(cells.size())))];
    while (int(seeds.size()) < count) {
        const int seed = next;
        seeds.push_back(seed);
        double farthest = -1;
        for (std::size_t k = 0; k < cells.size(); ++k) {
            nearest[k] = std::min(nearest[k], distance2(centreOf(cells[k]), centreOf(seed)));
            // A little noise keeps the seeds from lining up on the lattice.
            const double score = nearest[k] * (1.0 + 0.15 * Rng(mixKey(quint64(seed), quint64(cells[k]))).uniform());
            if (score > farthest) {
                farthest = score;
                next = cells[k];
            }
        }
    }
    return seeds;
}

// Grows contiguous regions from seeds over the given cells (a multi-source Dijkstra on the
// 4-neighbour graph with weighted, noisy distances). Returns the region index per cell.
QHash<int, int> growRegions(const std::vector<int>& cells, const std::vector<int>& seeds,
    const std::vector<double>& weights, quint64 noiseSeed)
{
    QSet<int> allowed(cells.begin(), cells.end());
    QHash<int, int> region;
    using Item = std::tuple<double, int, int>; // key, cell, region
    std::priority_queue<Item, std::vector<Item>, std::greater<>> queue;
    for (std::size_t s = 0; s < seeds.size(); ++s)
        queue.emplace(0.0, seeds[s], int(s));
    while (!queue.empty()) {
        const auto [priority, cell, r] = queue.top();
        queue.pop();
        if (region.contains(cell))
            continue;
        region.insert(cell, r);
        for (const auto& n : kNeighbours) {
            const int i = cell % kColumns + n[0], j = cell / kColumns + n[1];
            if (i < 0 || j < 0 || i >= kColumns || j >= kRows)
                continue;
            const int neighbour = Lattice::cellIndex(i, j);
            if (!allowed.contains(neighbour) || region.contains(neighbour))
                continue;
            const double d = std::sqrt(distance2(centreOf(neighbour), centreOf(seeds[std::size_t(r)])));
            const double noise = Rng(mixKey(noiseSeed, quint64(neighbour))).uniform();
            queue.emplace(d / weights[std::size_t(r)] + 1.2 * noise, neighbour, r);
        }
    }
    return region;
}

// Orders regions north to south in bands, west to east within a band (codes read like a map).
std::vector<int> mapOrder(const std::vector<std::vector<int>>& regionCells, double bandRows)
{
    std::vector<std::pair<double, int>> keys;
    for (std::size_t r = 0; r < regionCells.size(); ++r) {
        double sx = 0, sy = 0;
        for (int c : regionCells[r]) {
            sx += centreOf(c).x;
            sy += centreOf(c).y;
        }
        const double n = std::max<double>(1, double(regionCells[r].size()));
        const double band = std::floor((kRows - sy / n) / bandRows);
        keys.emplace_back(band * 1000 + sx / n, int(r));
    }
    std::sort(keys.begin(), keys.end());
    std::vector<int> order;
    for (const auto& k : keys)
        order.push_back(k.second);
    return order;
}

QString threeDigits(int n)
{
    return QStringLiteral("%1").arg(n, 3, 10, QLatin1Char('0'));
}

// Unique two-character place names ("榕苑", "云溪" …).
class PlaceNames {
public:
    explicit PlaceNames(quint64 seed) : m_rng(seed) { }
    QString next()
    {
        for (int attempt = 0; attempt < 1000; ++attempt) {
            QString name = m_rng.pick(kPlaceFirst) + m_rng.pick(kPlaceSecond);
            if (!m_used.contains(name)) {
                m_used.insert(name);
                return name;
            }
        }
        return m_rng.pick(kPlaceFirst) + m_rng.pick(kPlaceSecond) + QString::number(m_used.size());
    }
    void reserve(const QString& name) { m_used.insert(name); }

private:
    Rng m_rng;
    QSet<QString> m_used;
};

// Roads along lattice lines, cut where they leave the district. A horizontal line at row
// j runs from column i0 to i1; vertical lines likewise.
QList<LineString> latticeRoad(const Lattice& lattice, const CellSet& district, bool horizontal,
    int line, int from, int to)
{
    QList<LineString> parts;
    LineString current;
    // The edge from lattice vertex a to a + 1 along the line borders a district cell.
    auto onDistrict = [&](int a) {
        if (horizontal)
            return inSet(district, a, line - 1) || inSet(district, a, line);
        return inSet(district, line - 1, a) || inSet(district, line, a);
    };
    for (int a = from; a < to; ++a) {
        if (onDistrict(a)) {
            const LonLat p = horizontal ? lattice.vertex(a, line) : lattice.vertex(line, a);
            const LonLat q = horizontal ? lattice.vertex(a + 1, line) : lattice.vertex(line, a + 1);
            if (current.isEmpty())
                current.append(p);
            current.append(q);
        } else if (!current.isEmpty()) {
            if (current.size() >= 3)
                parts.append(current);
            current.clear();
        }
    }
    if (current.size() >= 3)
        parts.append(current);
    return parts;
}

} // namespace

QString DemoDistrict::supervisorOf(const QString& streetCode)
{
    return QStringLiteral("sup") + streetCode.right(3);
}

// ---------------------------------------------------------------------------------------

DemoDistrict generateDemoDistrict(quint64 seed)
{
    DemoDistrict out;
    const Lattice lattice = buildLattice(seed);
    Rng shapeRng(mixKey(seed, 0x5ba9e));
    DistrictShape shape;
    for (double& p : shape.phase)
        p = shapeRng.uniform();

    CellSet district(std::size_t(kColumns * kRows), 0);
    for (int j = 0; j < kRows; ++j) {
        for (int i = 0; i < kColumns; ++i) {
            const double x = i + 0.5, y = j + 0.5;
            district[std::size_t(Lattice::cellIndex(i, j))] = y > shape.south(x) + 0.5
                && y < shape.north(x) && x > shape.west(y) && x < shape.east(y);
        }
    }
    tidyCells(district);
    std::vector<int> districtCells;
    for (int c = 0; c < kColumns * kRows; ++c)
        if (district[std::size_t(c)])
            districtCells.push_back(c);

    out.district.code = QStringLiteral("440199");
    out.district.name = QStringLiteral("GridHall 演示区");
    out.district.boundary = outlineOf(lattice, districtCells);

    // Streets: 21 contiguous regions of varied size.
    Rng streetRng(mixKey(seed, 0x57ee7));
    const std::vector<int> streetSeeds = spreadSeeds(districtCells, kDemoStreetCount, streetRng);
    std::vector<double> streetWeights;
    for (int s = 0; s < kDemoStreetCount; ++s)
        streetWeights.push_back(streetRng.range(0.75, 1.3));
    const QHash<int, int> streetOf = growRegions(districtCells, streetSeeds, streetWeights,
        mixKey(seed, 0x5eed5));
    std::vector<std::vector<int>> streetCells(kDemoStreetCount);
    for (int c : districtCells)
        streetCells[std::size_t(streetOf.value(c))].push_back(c);
    const std::vector<int> streetOrder = mapOrder(streetCells, 9);

    // Communities per street in proportion to its cells (largest remainder, at least 2).
    std::vector<int> communityCount(kDemoStreetCount, 2);
    {
        const int spare = kDemoCommunityCount - 2 * kDemoStreetCount;
        std::vector<std::pair<double, int>> remainders;
        int given = 0;
        for (int s = 0; s < kDemoStreetCount; ++s) {
            const double share = double(spare) * double(streetCells[std::size_t(s)].size())
                / double(districtCells.size());
            communityCount[std::size_t(s)] += int(share);
            given += int(share);
            remainders.emplace_back(-(share - std::floor(share)), s);
        }
        std::sort(remainders.begin(), remainders.end());
        for (int k = 0; k < spare - given; ++k)
            communityCount[std::size_t(remainders[std::size_t(k)].second)] += 1;
    }

    PlaceNames places(mixKey(seed, 0x9a3e5));
    QStringList streetNames = kStreetNames;
    {
        Rng nameRng(mixKey(seed, 0x3a3e));
        for (qsizetype k = streetNames.size() - 1; k > 0; --k)
            streetNames.swapItemsAt(k, nameRng.below(int(k + 1)));
    }
    for (const QString& name : std::as_const(streetNames))
        places.reserve(name.left(2));

    QList<GridCell> grids;
    for (int rank = 0; rank < kDemoStreetCount; ++rank) {
        const int s = streetOrder[std::size_t(rank)];
        Street street;
        street.code = out.district.code + threeDigits(rank + 1);
        street.name = streetNames.at(rank);
        street.districtCode = out.district.code;
        street.boundary = outlineOf(lattice, streetCells[std::size_t(s)]);
        out.streets.append(street);

        Rng communityRng(mixKey(seed, 0xc0111, quint64(rank)));
        const int count = communityCount[std::size_t(s)];
        const std::vector<int> seeds = spreadSeeds(streetCells[std::size_t(s)], count, communityRng);
        std::vector<double> weights;
        for (int k = 0; k < count; ++k)
            weights.push_back(communityRng.range(0.8, 1.25));
        const QHash<int, int> communityOf = growRegions(streetCells[std::size_t(s)], seeds,
            weights, mixKey(seed, 0xc0112, quint64(rank)));
        std::vector<std::vector<int>> communityCells(static_cast<std::size_t>(count));
        for (int c : streetCells[std::size_t(s)])
            communityCells[std::size_t(communityOf.value(c))].push_back(c);
        const std::vector<int> communityOrder = mapOrder(communityCells, 4);
        for (int crank = 0; crank < count; ++crank) {
            std::vector<int> cells = communityCells[std::size_t(communityOrder[std::size_t(crank)])];
            Community community;
            community.code = street.code + threeDigits(crank + 1);
            community.name = places.next() + QStringLiteral("社区");
            community.streetCode = street.code;
            community.boundary = outlineOf(lattice, cells);
            out.communities.append(community);
            // Cells numbered north to south, west to east.
            std::sort(cells.begin(), cells.end(), [](int a, int b) {
                const int ja = a / kColumns, jb = b / kColumns;
                return ja != jb ? ja > jb : a < b;
            });
            for (std::size_t g = 0; g < cells.size(); ++g) {
                const int c = cells[g];
                GridCell cell;
                cell.code = community.code + threeDigits(int(g) + 1);
                cell.name = community.name + QStringLiteral("第%1网格").arg(int(g) + 1, 2, 10, QLatin1Char('0'));
                cell.communityCode = community.code;
                cell.streetCode = street.code;
                cell.boundary.parts.append(Polygon { cellRing(lattice, c % kColumns, c / kColumns), {} });
                cell.centroid = cell.boundary.centroid();
                grids.append(cell);
            }
        }
    }
    out.grids = grids;

    // Basemap: arterials and a ring road along lattice lines, minor roads, the river.
    qint64 featureId = 0;
    auto addRoad = [&](BasemapKind kind, const QString& name, bool horizontal, int line, int from, int to) {
        for (const LineString& part : latticeRoad(lattice, district, horizontal, line, from, to)) {
            BasemapFeature f;
            f.id = ++featureId;
            f.kind = kind;
            f.name = name;
            f.line = part;
            out.basemap.append(f);
        }
    };
    Rng roadRng(mixKey(seed, 0x20ad5));
    struct Arterial {
        const char* name;
        bool horizontal;
        double at; // share of the lattice
    };
    const Arterial arterials[] = { { "黄埔大道", true, 0.30 }, { "天河路", true, 0.55 },
        { "中山大道", true, 0.16 }, { "广园快速路", true, 0.82 }, { "广州大道", false, 0.18 },
        { "天河东路", false, 0.40 }, { "科韵路", false, 0.62 }, { "车陂路", false, 0.85 } };
    QSet<int> majorRows, majorColumns;
    for (const Arterial& a : arterials) {
        const int span = a.horizontal ? kRows : kColumns;
        const int line = std::clamp(int(std::lround(a.at * span)) + roadRng.below(3) - 1, 1, span - 1);
        (a.horizontal ? majorRows : majorColumns).insert(line);
        addRoad(BasemapKind::MajorRoad, QString::fromUtf8(a.name), a.horizontal, line, 0,
            a.horizontal ? kColumns : kRows);
    }
    {
        // A ring road around the centre: four lattice runs joined at the corners.
        const int i0 = int(kColumns * 0.30), i1 = int(kColumns * 0.70);
        const int j0 = int(kRows * 0.38), j1 = int(kRows * 0.72);
        BasemapFeature ring;
        ring.id = ++featureId;
        ring.kind = BasemapKind::MajorRoad;
        ring.name = QStringLiteral("内环路");
        for (int i = i0; i < i1; ++i)
            ring.line.append(lattice.vertex(i, j0));
        for (int j = j0; j < j1; ++j)
            ring.line.append(lattice.vertex(i1, j));
        for (int i = i1; i > i0; --i)
            ring.line.append(lattice.vertex(i, j1));
        for (int j = j1; j >= j0; --j)
            ring.line.append(lattice.vertex(i0, j));
        out.basemap.append(ring);
    }
    PlaceNames roadNames(mixKey(seed, 0x20ad6));
    for (int j = 3; j < kRows; j += 3) {
        if (majorRows.contains(j) || majorRows.contains(j - 1) || majorRows.contains(j + 1))
            continue;
        for (int from = 0; from < kColumns;) {
            const int length = 5 + roadRng.below(14);
            if (roadRng.chance(0.7))
                addRoad(BasemapKind::MinorRoad, roadNames.next() + roadRng.pick(kRoadSuffix), true, j,
                    from, std::min(kColumns, from + length));
            from += length + roadRng.below(4);
        }
    }
    for (int i = 3; i < kColumns; i += 3) {
        if (majorColumns.contains(i) || majorColumns.contains(i - 1) || majorColumns.contains(i + 1))
            continue;
        for (int from = 0; from < kRows;) {
            const int length = 5 + roadRng.below(12);
            if (roadRng.chance(0.7))
                addRoad(BasemapKind::MinorRoad, roadNames.next() + roadRng.pick(kRoadSuffix), false, i,
                    from, std::min(kRows, from + length));
            from += length + roadRng.below(4);
        }
    }
    {
        // The river along the south edge, just clear of the southernmost cells, ~500 m wide.
        constexpr double halfWidth = 0.0023; // degrees of latitude
        LineString centre, northBank, southBank;
        for (int k = -4; k <= kColumns * 2 + 4; ++k) {
            const double x = k / 2.0;
            double lowest = 1e9; // lowest cell corner near this column
            for (int i = std::max(0, int(x) - 1); i <= std::min(kColumns - 1, int(x) + 1); ++i)
                for (int j = 0; j < kRows; ++j)
                    if (inSet(district, i, j)) {
                        lowest = std::min({ lowest, lattice.vertex(i, j).lat, lattice.vertex(i + 1, j).lat });
                        break;
                    }
            const double shoreline = std::min(lowest, kSouth + shape.south(x) * kCellLat) - 0.0004;
            const double lon = kWest + x * kCellLon;
            const double mid = shoreline - halfWidth;
            centre.append({ lon, mid });
            northBank.append({ lon, shoreline });
            southBank.prepend({ lon, mid - halfWidth });
        }
        BasemapFeature river;
        river.id = ++featureId;
        river.kind = BasemapKind::River;
        river.name = QStringLiteral("珠江");
        river.line = centre;
        out.basemap.append(river);
        BasemapFeature water;
        water.id = ++featureId;
        water.kind = BasemapKind::Water;
        water.name = QStringLiteral("珠江");
        water.area.parts.append(Polygon { southBank + northBank, {} });
        if (ringSignedAreaDeg2(water.area.parts[0].outer) < 0)
            std::reverse(water.area.parts[0].outer.begin(), water.area.parts[0].outer.end());
        out.basemap.append(water);
        // A creek (涌) from the river north along a lattice column.
        const int creekColumn = int(kColumns * 0.52) + roadRng.below(5);
        BasemapFeature creek;
        creek.id = ++featureId;
        creek.kind = BasemapKind::River;
        creek.name = QStringLiteral("沙溪涌");
        // Its longest stretch inside the district, from the south.
        for (const LineString& part : latticeRoad(lattice, district, false, creekColumn, 0, int(kRows * 0.6)))
            if (part.size() > creek.line.size())
                creek.line = part;
        if (creek.line.size() >= 2)
            out.basemap.append(creek);
    }

    // People: one grid worker per cell, joint-enforcement teams per street, handlers.
    out.departments = builtInDepartments();
    Rng peopleRng(mixKey(seed, 0x9e091e));
    qint64 workerId = 0;
    for (qsizetype g = 0; g < out.grids.size(); ++g) {
        Worker w;
        w.id = ++workerId;
        w.code = QStringLiteral("WG%1").arg(g + 1, 5, 10, QLatin1Char('0'));
        w.name = personName(peopleRng);
        w.kind = WorkerKind::GridWorker;
        w.homeGridCode = out.grids[g].code;
        w.streetCode = out.grids[g].streetCode;
        w.phone = phoneNumber(peopleRng);
        out.workers.append(w);
    }
    static const char* const teamNumbers[] = { "一", "二", "三" };
    for (qsizetype s = 0; s < out.streets.size(); ++s) {
        for (int team = 0; team < 2; ++team) {
            for (int member = 0; member < 6; ++member) {
                Worker w;
                w.id = ++workerId;
                w.code = QStringLiteral("LQ%1%2%3")
                             .arg(threeDigits(int(s) + 1))
                             .arg(team + 1)
                             .arg(member + 1, 2, 10, QLatin1Char('0'));
                w.name = personName(peopleRng);
                w.kind = WorkerKind::JointEnforcement;
                w.streetCode = out.streets[s].code;
                w.team = out.streets[s].name + QStringLiteral("联勤") + QString::fromUtf8(teamNumbers[team])
                    + QStringLiteral("队");
                w.phone = phoneNumber(peopleRng);
                out.workers.append(w);
            }
        }
    }
    for (const Department& d : std::as_const(out.departments)) {
        const int handlers = (d.code == QLatin1String("CG") || d.code == QLatin1String("HW")
                                 || d.code == QLatin1String("GA"))
            ? 10
            : 5;
        for (int k = 0; k < handlers; ++k) {
            Worker w;
            w.id = ++workerId;
            w.code = QStringLiteral("CZ%1%2").arg(d.code).arg(k + 1, 2, 10, QLatin1Char('0'));
            w.name = personName(peopleRng);
            w.kind = WorkerKind::Handler;
            w.team = d.code;
            w.phone = phoneNumber(peopleRng);
            out.workers.append(w);
        }
    }
    for (int k = 1; k <= 8; ++k)
        out.operators.append(QStringLiteral("op%1").arg(k, 2, 10, QLatin1Char('0')));
    for (int k = 1; k <= 4; ++k)
        out.shiftLeaders.append(QStringLiteral("leader%1").arg(k));
    return out;
}

// ---------------------------------------------------------------------------------------
// Cases

namespace {

// Share of each day's cases per local hour: few at night, peaks mid-morning and afternoon.
constexpr double kHourWeights[24] = { 0.6, 0.35, 0.25, 0.2, 0.25, 0.5, 1.3, 3.0, 5.2, 7.4,
    8.0, 7.1, 4.6, 4.3, 6.2, 7.2, 6.9, 5.9, 4.1, 3.1, 2.5, 1.9, 1.3, 0.9 };
// Monday … Sunday; the mean is 1 so --cases-per-day is the average.
constexpr double kWeekdayFactor[7] = { 1.12, 1.08, 1.07, 1.08, 1.10, 0.80, 0.75 };

// Items that dominate the daily mix (relative weights; everything else weighs 1).
const QHash<QString, double>& itemWeights()
{
    static const QHash<QString, double> weights {
        { QStringLiteral("0101"), 30 }, { QStringLiteral("0102"), 22 }, { QStringLiteral("0103"), 18 },
        { QStringLiteral("0104"), 14 }, { QStringLiteral("0107"), 8 }, { QStringLiteral("0201"), 12 },
        { QStringLiteral("0301"), 16 }, { QStringLiteral("0302"), 10 }, { QStringLiteral("0303"), 6 },
        { QStringLiteral("0603"), 15 }, { QStringLiteral("0604"), 14 }, { QStringLiteral("1601"), 10 },
        { QStringLiteral("1602"), 4 }, { QStringLiteral("0901"), 5 }, { QStringLiteral("0902"), 6 },
        { QStringLiteral("0503"), 4 }, { QStringLiteral("0504"), 4 }, { QStringLiteral("0501"), 3 },
        { QStringLiteral("0401"), 3 }, { QStringLiteral("1502"), 4 }, { QStringLiteral("1501"), 3 },
        { QStringLiteral("1206"), 3 }, { QStringLiteral("1802"), 4 },
        // Disputes, relative to each other; scaled below to their share of all cases.
        { QStringLiteral("1101"), 10 }, { QStringLiteral("1102"), 8 }, { QStringLiteral("1103"), 5 },
        { QStringLiteral("1104"), 1.5 }, { QStringLiteral("1105"), 5 }, { QStringLiteral("1106"), 5 },
        { QStringLiteral("1107"), 5 }, { QStringLiteral("1108"), 4 }, { QStringLiteral("1109"), 0.6 },
        { QStringLiteral("1110"), 0.5 }, { QStringLiteral("1111"), 1 }, { QStringLiteral("1112"), 3 },
        { QStringLiteral("1113"), 2 }, { QStringLiteral("1803"), 3 },
    };
    return weights;
}
constexpr double kDisputeShare = 0.19;

const QStringList kPlaces { QStringLiteral("小区门口"), QStringLiteral("路口东侧"),
    QStringLiteral("公交站旁"), QStringLiteral("商铺门前"), QStringLiteral("绿化带内"),
    QStringLiteral("楼道内"), QStringLiteral("巷口"), QStringLiteral("农贸市场旁"),
    QStringLiteral("学校附近"), QStringLiteral("地铁站出口"), QStringLiteral("天桥下"),
    QStringLiteral("城中村内"), QStringLiteral("停车场"), QStringLiteral("河涌边") };
const QStringList kDetails { QStringLiteral("影响通行"), QStringLiteral("群众反映强烈"),
    QStringLiteral("现场已拍照"), QStringLiteral("多次出现"), QStringLiteral("请尽快处理"),
    QStringLiteral("影响市容"), QStringLiteral("存在安全隐患") };
const QStringList kDisputeDetails { QStringLiteral("双方情绪激动"), QStringLiteral("已初步调解"),
    QStringLiteral("涉及多户居民"), QStringLiteral("当事人多次来访"), QStringLiteral("需相关部门协调") };

const QStringList kVoidNotes { QStringLiteral("重复上报"), QStringLiteral("不属于受理范围"),
    QStringLiteral("信息不全，无法核实"), QStringLiteral("现场核实无此问题") };
const QStringList kReturnNotes { QStringLiteral("非本部门职责"), QStringLiteral("地址有误，请重新派遣"),
    QStringLiteral("需其他部门牵头") };
const QStringList kEscalateNotes { QStringLiteral("超出社区调处能力"), QStringLiteral("需多部门联合处置"),
    QStringLiteral("有升级为群体事件的风险") };
const QStringList kExtensionNotes { QStringLiteral("需协调相关部门"), QStringLiteral("等待材料配件"),
    QStringLiteral("当事人暂时联系不上"), QStringLiteral("天气原因无法施工") };
const QStringList kReworkNotes { QStringLiteral("现场仍有问题，需返工"), QStringLiteral("处置不彻底"),
    QStringLiteral("照片与现场不符") };
const QStringList kParkNotes { QStringLiteral("需协调资金，列入长期整改"), QStringLiteral("涉及历史遗留问题"),
    QStringLiteral("等待上级政策") };
const QStringList kRejectNotes { QStringLiteral("理由不充分"), QStringLiteral("请按原期限完成") };
const QStringList kBackNotes { QStringLiteral("核查材料不全"), QStringLiteral("处置照片缺失") };

// Departments whose simple matters a grid worker may settle on the spot (自处理).
const QSet<QString>& selfHandleDepartments()
{
    static const QSet<QString> set { QStringLiteral("HW"), QStringLiteral("CG"), QStringLiteral("YL"),
        QStringLiteral("SQ"), QStringLiteral("JT"), QStringLiteral("WY") };
    return set;
}

struct CaseContext {
    const DemoDistrict& district;
    const Taxonomy& taxonomy;
    const SlaPolicy& sla;
    std::vector<double> cellCumulative;
    std::vector<double> itemCumulative;
    QList<const CategoryItem*> items;
    QHash<QString, QList<const Worker*>> handlersByDepartment;
    QHash<QString, QList<const Worker*>> jointByStreet;
    QHash<QString, const Worker*> gridWorkerOf; // grid code → worker
    QHash<QString, QString> streetNameOf;
    QStringList roadNames;
    QSet<QString> departmentCodes;
};

CaseContext buildContext(const DemoDistrict& d, quint64 seed)
{
    CaseContext ctx { d, Taxonomy::builtIn(), SlaPolicy::builtIn(), {}, {}, {}, {}, {}, {}, {}, {}, {} };
    // Busier cells: a few hot spots (business centres, transport hubs) over lognormal noise.
    Rng rng(mixKey(seed, 0xce115));
    const GeoBox box = d.district.boundary.bounds();
    QList<LonLat> hotSpots;
    for (int k = 0; k < 4; ++k)
        hotSpots.append({ rng.range(box.west, box.east), rng.range(box.south, box.north) });
    double sum = 0;
    for (const GridCell& g : d.grids) {
        double w = rng.logNormal(1.0, 0.55);
        for (const LonLat& h : hotSpots) {
            const double km = distanceMetres(g.centroid, h) / 1000.0;
            w *= 1.0 + 1.6 * std::exp(-km * km / 2.0);
        }
        ctx.cellCumulative.push_back(sum += w);
    }
    double ordinary = 0, disputes = 0;
    for (const CategoryClass& cls : ctx.taxonomy.classes())
        for (const CategoryItem& item : cls.items)
            (item.isDispute() ? disputes : ordinary) += itemWeights().value(item.code, 1.0);
    const double disputeScale = disputes > 0 ? kDisputeShare / (1 - kDisputeShare) * ordinary / disputes : 0;
    sum = 0;
    for (const CategoryClass& cls : ctx.taxonomy.classes()) {
        for (const CategoryItem& item : cls.items) {
            const double w = itemWeights().value(item.code, 1.0) * (item.isDispute() ? disputeScale : 1.0);
            ctx.items.append(&item);
            ctx.itemCumulative.push_back(sum += w);
        }
    }
    for (const Worker& w : d.workers) {
        switch (w.kind) {
        case WorkerKind::GridWorker: ctx.gridWorkerOf.insert(w.homeGridCode, &w); break;
        case WorkerKind::JointEnforcement: ctx.jointByStreet[w.streetCode].append(&w); break;
        case WorkerKind::Handler: ctx.handlersByDepartment[w.team].append(&w); break;
        }
    }
    for (const Street& s : d.streets)
        ctx.streetNameOf.insert(s.code, s.name);
    for (const BasemapFeature& f : d.basemap)
        if (f.kind != BasemapKind::River && f.kind != BasemapKind::Water && !ctx.roadNames.contains(f.name))
            ctx.roadNames.append(f.name);
    if (ctx.roadNames.isEmpty())
        ctx.roadNames.append(QStringLiteral("中心路"));
    for (const Department& dep : d.departments)
        ctx.departmentCodes.insert(dep.code);
    return ctx;
}

// A point inside the (convex) cell: bilinear in its four corners.
LonLat pointInCell(const GridCell& cell, Rng& rng)
{
    const Ring& r = cell.boundary.parts.at(0).outer;
    const double u = rng.range(0.04, 0.96), v = rng.range(0.04, 0.96);
    const double lon = (1 - u) * (1 - v) * r[0].lon + u * (1 - v) * r[1].lon + u * v * r[2].lon + (1 - u) * v * r[3].lon;
    const double lat = (1 - u) * (1 - v) * r[0].lat + u * (1 - v) * r[1].lat + u * v * r[2].lat + (1 - u) * v * r[3].lat;
    return { lon, lat };
}

DisputeLevel gradeDispute(DisputeLevel itemDefault, Rng& rng)
{
    const double u = rng.uniform();
    switch (itemDefault) {
    case DisputeLevel::None: return DisputeLevel::None;
    case DisputeLevel::Yellow: return u < 0.84 ? DisputeLevel::Yellow : (u < 0.97 ? DisputeLevel::Orange : DisputeLevel::Red);
    case DisputeLevel::Orange: return u < 0.30 ? DisputeLevel::Yellow : (u < 0.88 ? DisputeLevel::Orange : DisputeLevel::Red);
    case DisputeLevel::Red: return u < 0.10 ? DisputeLevel::Yellow : (u < 0.45 ? DisputeLevel::Orange : DisputeLevel::Red);
    }
    return DisputeLevel::None;
}

// Walks one case through the state machine until it is done or asOf is reached.
class CaseWalker {
public:
    CaseWalker(const CaseContext& ctx, Rng& rng, const QDateTime& asOf, DemoCase& out, QString* error)
        : m_ctx(ctx), m_rng(rng), m_asOf(asOf), m_out(out), m_error(error)
    {
    }

    bool failed() const { return m_failed; }

    // Opens the case at time t (Report or SelfHandle). False when it could not be opened.
    bool open(const Case& draft, CaseAction action, const Actor& actor, const QDateTime& t)
    {
        const TransitionOutcome o = CaseMachine::open(draft, action, actor, t, m_ctx.sla, &m_ctx.taxonomy);
        if (!o.ok())
            return fail(o.reason);
        m_out.current = o.updated;
        m_out.events.append(o.event);
        m_now = t;
        return true;
    }

    // Applies an action after `seconds`; false when asOf comes first (the walk stops there).
    bool act(double seconds, CaseAction action, const Actor& actor, const QString& note = {},
        HolderKind targetKind = HolderKind::None, const QString& target = {}, int extensionMinutes = 0)
    {
        if (m_stopped || m_failed)
            return false;
        const QDateTime at = m_now.addSecs(std::max<qint64>(20, qint64(std::llround(seconds))));
        if (at > m_asOf) {
            m_stopped = true;
            return false;
        }
        ActionRequest request;
        request.action = action;
        request.note = note;
        request.targetKind = targetKind;
        request.target = target;
        request.extensionMinutes = extensionMinutes;
        const TransitionOutcome o = CaseMachine::apply(m_out.current, request, actor, at, m_ctx.sla, &m_ctx.taxonomy);
        if (!o.ok())
            return fail(caseActionKey(action) + QLatin1String(": ") + o.reason);
        m_out.current = o.updated;
        m_out.events.append(o.event);
        m_now = at;
        return true;
    }

    // Seconds for the current step: a share of its time limit drawn log-normally, so most
    // steps finish in time and a tail runs over.
    double stepSeconds(double medianShare, double sigma) const
    {
        const Case& c = m_out.current;
        const double limit = c.stepDeadline.isValid() ? double(c.stepStartedAt.secsTo(c.stepDeadline)) : 3600.0;
        return limit * m_rng.logNormal(medianShare, sigma);
    }
    double secondsUntilDeadline() const
    {
        return double(m_now.secsTo(m_out.current.stepDeadline));
    }
    const Case& current() const { return m_out.current; }

private:
    bool fail(const QString& reason)
    {
        m_failed = true;
        if (m_error && m_error->isEmpty())
            *m_error = QCoreApplication::translate("DemoData", "Case %1 broke the state machine: %2").arg(m_out.current.code, reason);
        return false;
    }

    const CaseContext& m_ctx;
    Rng& m_rng;
    QDateTime m_asOf;
    DemoCase& m_out;
    QString* m_error;
    QDateTime m_now;
    bool m_stopped = false;
    bool m_failed = false;
};

struct DeskActors {
    Actor op, supervisor, leader;
};

// The life of one registered-or-reported case after it was opened with Report.
void walkReportedCase(CaseWalker& w, const CaseContext& ctx, Rng& rng, const CategoryItem& item,
    const GridCell& cell, const DeskActors& desk)
{
    const Case& c = w.current();
    const bool dispute = c.disputeLevel != DisputeLevel::None;
    const Actor approver = rng.chance(0.6) ? desk.supervisor : desk.leader;

    // A red dispute raises the hall's alert; the operator on duty acknowledges it within minutes.
    if (c.disputeLevel == DisputeLevel::Red && !w.act(rng.range(20, 240), CaseAction::AcknowledgeAlert, desk.op))
        return;

    // Intake: void a few (duplicates, out of scope), register the rest.
    if (!dispute && rng.chance(0.025)) {
        w.act(w.stepSeconds(0.3, 0.7), CaseAction::Void, desk.op, rng.pick(kVoidNotes));
        return;
    }
    if (!w.act(w.stepSeconds(0.28, 0.65), CaseAction::Register, desk.op))
        return;

    // Hard matters: long handling (weeks), some parked as long-term.
    double stallChance = 0.02;
    if (c.disputeLevel == DisputeLevel::Red)
        stallChance = 0.08;
    else if (c.disputeLevel == DisputeLevel::Orange)
        stallChance = 0.03;
    if (item.defaultLevel == HandlingLevel::District || item.handleLimitMinutes >= 2880)
        stallChance += 0.03;
    const bool stalled = rng.chance(stallChance);

    // Escalations: orange/red disputes and some community matters go up a level.
    double escalateChance = 0.03;
    if (c.disputeLevel == DisputeLevel::Orange)
        escalateChance = 0.2;
    if (c.disputeLevel == DisputeLevel::Red)
        escalateChance = 0.35;
    int reworks = 0;
    bool returned = false;
    bool escalatedInHandling = false;
    for (int round = 0; round < 4; ++round) {
        // Registered: maybe escalate, then dispatch.
        if (c.level != HandlingLevel::District && rng.chance(escalateChance)) {
            if (!w.act(w.stepSeconds(0.25, 0.6), CaseAction::Escalate, desk.op, rng.pick(kEscalateNotes)))
                return;
            escalateChance *= 0.3;
        }
        HolderKind kind = HolderKind::Department;
        QString target = item.defaultDepartment;
        Actor handler;
        const QList<const Worker*> joint = ctx.jointByStreet.value(cell.streetCode);
        if (c.level == HandlingLevel::Community && !dispute && rng.chance(0.45)) {
            kind = HolderKind::Worker;
            const Worker* worker = (item.defaultDepartment == QLatin1String("CG") && !joint.isEmpty() && rng.chance(0.6))
                ? joint.at(rng.below(int(joint.size())))
                : ctx.gridWorkerOf.value(cell.code);
            target = worker->code;
            handler = { worker->code, Role::FieldWorker };
        } else {
            if (returned)
                target = rng.chance(0.5) ? QStringLiteral("SQ") : QStringLiteral("CG");
            const QList<const Worker*> handlers = ctx.handlersByDepartment.value(target);
            handler = handlers.isEmpty() ? Actor { ctx.gridWorkerOf.value(cell.code)->code, Role::FieldWorker }
                                         : Actor { handlers.at(rng.below(int(handlers.size())))->code, Role::Handler };
        }
        if (!w.act(w.stepSeconds(0.3, 0.65), CaseAction::Dispatch, desk.op, {}, kind, target))
            return;
        // Dispatched: a few come back as not theirs.
        if (!returned && kind == HolderKind::Department && rng.chance(0.025)) {
            returned = true;
            if (!w.act(w.stepSeconds(0.4, 0.6), CaseAction::Return, handler, rng.pick(kReturnNotes)))
                return;
            continue;
        }
        if (!w.act(w.stepSeconds(0.42, 0.5), CaseAction::Accept, handler))
            return;
        // Handling: escalate a few disputes mid-way, park or drag out the hard ones,
        // extensions for some, then feedback.
        if (!escalatedInHandling && dispute && c.level == HandlingLevel::Community && rng.chance(0.05)) {
            escalatedInHandling = true;
            if (!w.act(w.stepSeconds(0.3, 0.5), CaseAction::Escalate, approver.role == Role::Supervisor ? desk.supervisor : desk.op,
                    rng.pick(kEscalateNotes)))
                return;
            continue;
        }
        if (stalled) {
            if (rng.chance(0.35)) {
                if (!w.act(rng.range(2, 20) * 86400.0, CaseAction::Park, approver, rng.pick(kParkNotes)))
                    return;
                if (!rng.chance(0.3) || !w.act(rng.range(5, 30) * 86400.0, CaseAction::Unpark, approver))
                    return;
                continue; // back to registered: dispatch again
            }
        }
        bool extended = false;
        const double extensionChance = item.handleLimitMinutes >= 1440 ? 0.10 : 0.03;
        if (stalled || rng.chance(extensionChance)) {
            const double limitMinutes = std::max(30.0, w.stepSeconds(1.0, 0.0) / 60.0);
            const int minutes = std::max(30, int(std::lround(limitMinutes * rng.range(0.5, 2.0) / 30.0)) * 30);
            if (!w.act(w.stepSeconds(0.55, 0.3), CaseAction::RequestExtension, handler, rng.pick(kExtensionNotes),
                    HolderKind::None, {}, minutes))
                return;
            if (rng.chance(0.85)) {
                if (!w.act(rng.range(600, 7200), CaseAction::ApproveExtension, approver))
                    return;
                extended = true;
            } else if (!w.act(rng.range(600, 7200), CaseAction::RejectExtension, approver, rng.pick(kRejectNotes))) {
                return;
            }
        }
        double handleSeconds;
        if (stalled)
            handleSeconds = rng.range(3, 60) * 86400.0;
        else if (extended)
            handleSeconds = std::max(600.0, w.secondsUntilDeadline() * rng.logNormal(0.6, 0.35));
        else
            handleSeconds = std::max(300.0, w.secondsUntilDeadline() * rng.logNormal(0.42, 0.55));
        if (!w.act(handleSeconds, CaseAction::Feedback, handler))
            return;
        // Fed back: verification on site by the grid worker or the street supervisor.
        for (;;) {
            const Actor verifier = rng.chance(0.7) ? Actor { ctx.gridWorkerOf.value(cell.code)->code, Role::FieldWorker }
                                                   : desk.supervisor;
            if (reworks < 2 && rng.chance(0.06)) {
                ++reworks;
                if (!w.act(w.stepSeconds(0.3, 0.6), CaseAction::VerifyFail, verifier, rng.pick(kReworkNotes)))
                    return;
                if (!w.act(w.stepSeconds(0.35, 0.55), CaseAction::Feedback, handler))
                    return;
                continue;
            }
            if (!w.act(w.stepSeconds(0.3, 0.6), CaseAction::VerifyPass, verifier))
                return;
            if (rng.chance(0.006)) {
                if (!w.act(w.stepSeconds(0.2, 0.5), CaseAction::Return, approver, rng.pick(kBackNotes)))
                    return;
                continue;
            }
            break;
        }
        w.act(w.stepSeconds(0.25, 0.7), CaseAction::Close, approver);
        return;
    }
}

} // namespace

QDateTime demoAsOf(const DemoCaseOptions& options)
{
    if (options.asOf.isValid())
        return options.asOf.toUTC();
    const QTimeZone china(kDemoUtcOffsetSeconds);
    return QDateTime(options.end.addDays(1), QTime(0, 0), china).toUTC();
}

bool generateDemoCases(const DemoDistrict& district, const DemoCaseOptions& options,
    const std::function<bool(const DemoCase&)>& sink, DemoCaseStats* stats, QString* error)
{
    QString localError;
    QString* err = error ? error : &localError;
    if (!options.end.isValid() || options.casesPerDay < 0 || options.days < 1 || district.grids.isEmpty()) {
        *err = QCoreApplication::translate("DemoData", "The demo history needs a valid end date, at least one day and a district");
        return false;
    }
    const CaseContext ctx = buildContext(district, options.seed);
    const QDateTime asOf = demoAsOf(options);
    const QTimeZone china(kDemoUtcOffsetSeconds);
    std::vector<double> hourCumulative;
    double hourSum = 0;
    for (double w : kHourWeights)
        hourCumulative.push_back(hourSum += w);

    qint64 caseId = 0, eventId = 0;
    DemoCaseStats local;
    for (int day = 0; day < options.days; ++day) {
        const QDate date = options.end.addDays(day - options.days + 1);
        const QDateTime midnight = QDateTime(date, QTime(0, 0), china).toUTC();
        if (midnight >= asOf)
            break;
        Rng dayRng(mixKey(options.seed, 0xda7, quint64(date.toJulianDay())));
        const double expected = options.casesPerDay * kWeekdayFactor[date.dayOfWeek() - 1]
            * (1.0 + 0.05 * dayRng.normal());
        const int count = std::max(0, int(std::lround(expected)));
        std::vector<int> seconds(static_cast<std::size_t>(count));
        for (int& s : seconds)
            s = pickCumulative(hourCumulative, dayRng.uniform()) * 3600 + dayRng.below(3600);
        std::sort(seconds.begin(), seconds.end());

        for (int k = 0; k < count; ++k) {
            const QDateTime reportedAt = midnight.addSecs(seconds[std::size_t(k)]);
            if (reportedAt > asOf)
                break;
            Rng rng(mixKey(options.seed, 0xca5e, quint64(date.toJulianDay()), quint64(k)));
            const GridCell& cell = district.grids.at(pickCumulative(ctx.cellCumulative, rng.uniform()));
            const CategoryItem& item = *ctx.items.at(pickCumulative(ctx.itemCumulative, rng.uniform()));

            Case draft;
            draft.id = ++caseId;
            draft.code = district.district.code + QLatin1Char('-') + date.toString(QStringLiteral("yyyyMMdd"))
                + QLatin1Char('-') + QStringLiteral("%1").arg(k + 1, 5, 10, QLatin1Char('0'));
            draft.categoryCode = item.code;
            draft.location = pointInCell(cell, rng);
            draft.gridCode = cell.code;
            draft.communityCode = cell.communityCode;
            draft.streetCode = cell.streetCode;
            draft.disputeLevel = gradeDispute(item.defaultDisputeLevel, rng);
            draft.level = item.defaultLevel;
            if (draft.disputeLevel == DisputeLevel::Red && draft.level == HandlingLevel::Community)
                draft.level = HandlingLevel::Street;
            const bool dispute = draft.disputeLevel != DisputeLevel::None;
            draft.description = item.nameZh + QStringLiteral("：") + rng.pick(kPlaces) + QStringLiteral("，")
                + (dispute ? rng.pick(kDisputeDetails) : rng.pick(kDetails));
            draft.address = ctx.streetNameOf.value(cell.streetCode) + rng.pick(ctx.roadNames)
                + QString::number(1 + rng.below(380)) + QStringLiteral("号");
            const double u = rng.uniform();
            if (dispute)
                draft.source = u < 0.45 ? CaseSource::FieldWorker : (u < 0.85 ? CaseSource::Hotline : CaseSource::ResidentApp);
            else
                draft.source = u < 0.62 ? CaseSource::FieldWorker
                    : u < 0.80          ? CaseSource::Hotline
                    : u < 0.89          ? CaseSource::Camera
                    : u < 0.98          ? CaseSource::ResidentApp
                                        : CaseSource::Operator;
            const Worker* gridWorker = ctx.gridWorkerOf.value(cell.code);
            DeskActors desk { { district.operators.at(rng.below(int(district.operators.size()))), Role::Operator },
                { DemoDistrict::supervisorOf(cell.streetCode), Role::Supervisor },
                { district.shiftLeaders.at(rng.below(int(district.shiftLeaders.size()))), Role::ShiftLeader } };
            switch (draft.source) {
            case CaseSource::FieldWorker: draft.reporter = gridWorker->code; break;
            case CaseSource::Hotline: draft.reporter = QStringLiteral("12345"); break;
            case CaseSource::Camera: draft.reporter = QStringLiteral("CAM") + cell.code.right(9); break;
            case CaseSource::ResidentApp: draft.reporter = QStringLiteral("APP%1").arg(100000 + rng.below(900000)); break;
            case CaseSource::Operator: draft.reporter = desk.op.name; break;
            }

            DemoCase demoCase;
            CaseWalker walker(ctx, rng, asOf, demoCase, err);
            const bool canSelfHandle = draft.source == CaseSource::FieldWorker && !dispute
                && item.defaultLevel == HandlingLevel::Community && item.handleLimitMinutes <= 240
                && selfHandleDepartments().contains(item.defaultDepartment);
            if (canSelfHandle && rng.chance(0.35)) {
                draft.holderKind = HolderKind::Worker;
                draft.holder = gridWorker->code;
                walker.open(draft, CaseAction::SelfHandle, { gridWorker->code, Role::FieldWorker }, reportedAt);
            } else {
                const Actor reporter = draft.source == CaseSource::FieldWorker
                    ? Actor { gridWorker->code, Role::FieldWorker }
                    : desk.op;
                if (walker.open(draft, CaseAction::Report, reporter, reportedAt))
                    walkReportedCase(walker, ctx, rng, item, cell, desk);
            }
            if (walker.failed())
                return false;
            for (CaseEvent& e : demoCase.events) {
                e.id = ++eventId;
                e.caseId = demoCase.current.id;
            }
            local.cases += 1;
            local.events += demoCase.events.size();
            local.byState[int(demoCase.current.state)] += 1;
            local.byDispute[int(demoCase.current.disputeLevel)] += 1;
            if (stats)
                *stats = local;
            if (!sink(demoCase)) {
                if (err->isEmpty())
                    *err = QCoreApplication::translate("DemoData", "Stopped while writing the case history");
                return false;
            }
        }
    }
    if (stats)
        *stats = local;
    return true;
}

bool writeDemoData(Store& store, const DemoDistrict& d, const DemoCaseOptions& options,
    DemoWriteReport* report, QString* error,
    const std::function<void(int daysDone, int daysTotal)>& progress)
{
    QElapsedTimer timer;
    timer.start();
    QString generatorError;
    DemoCaseStats stats;
    QFile slaFile(QStringLiteral(":/gridhall/domain/sla.json"));
    const QByteArray slaJson = slaFile.open(QIODevice::ReadOnly) ? slaFile.readAll() : QByteArray();
    const QDateTime asOf = demoAsOf(options);
    const bool ok = store.bulkLoad([&] {
        bool good = store.putDistrict(d.district);
        for (const Street& s : d.streets)
            good = good && store.putStreet(s);
        for (const Community& c : d.communities)
            good = good && store.putCommunity(c);
        for (const GridCell& g : d.grids)
            good = good && store.putGrid(g);
        for (const Department& dep : d.departments)
            good = good && store.putDepartment(dep);
        for (const Worker& w : d.workers)
            good = good && store.putWorker(w);
        for (const BasemapFeature& f : d.basemap)
            good = good && store.putBasemapFeature(f);
        good = good && store.setMeta(QStringLiteral("taxonomy"), Taxonomy::builtIn().toJson())
            && store.setMeta(QStringLiteral("sla"), slaJson)
            && store.setMeta(QStringLiteral("demo.seed"), QByteArray::number(options.seed))
            && store.setMeta(QStringLiteral("demo.end"), options.end.toString(Qt::ISODate).toUtf8())
            && store.setMeta(QStringLiteral("demo.asOf"), asOf.toString(Qt::ISODate).toUtf8())
            && store.setMeta(QStringLiteral("demo.casesPerDay"), QByteArray::number(options.casesPerDay));
        if (!good)
            return false;
        const QDate first = options.end.addDays(1 - options.days);
        int lastDay = -1;
        return generateDemoCases(
            d, options,
            [&](const DemoCase& c) {
                if (progress) {
                    const QDateTime local = c.current.reportedAt.toOffsetFromUtc(kDemoUtcOffsetSeconds);
                    const int day = int(first.daysTo(local.date()));
                    if (day != lastDay) {
                        if (lastDay >= 0)
                            progress(day, options.days);
                        lastDay = day;
                    }
                }
                if (!store.putCase(c.current))
                    return false;
                for (const CaseEvent& e : c.events)
                    if (!store.appendEvent(e))
                        return false;
                return true;
            },
            &stats, &generatorError);
    });
    if (progress && ok)
        progress(options.days, options.days);
    if (report) {
        report->cases = stats;
        report->generateAndWriteMs = timer.elapsed();
    }
    if (!ok && error) {
        *error = !generatorError.isEmpty() && !generatorError.startsWith(QCoreApplication::translate("DemoData", "Stopped while writing"))
            ? generatorError
            : QCoreApplication::translate("DemoData", "Could not write the demo data into %1: %2").arg(store.path(), store.lastError());
    }
    return ok;
}

// ---------------------------------------------------------------------------------------
// The command

namespace {

bool nonEmptyFile(const QString& path)
{
    const QFileInfo info(path);
    return info.exists() && (!info.isFile() || info.size() > 0);
}

void removeDatabaseFiles(const QString& path)
{
    for (const char* suffix : { "", "-wal", "-shm", "-journal" })
        QFile::remove(path + QLatin1String(suffix));
}

} // namespace

QList<Camera> demoCameras(const DemoDistrict& district, const QString& streamBase)
{
    QList<Camera> cameras;
    for (qsizetype i = 0; i < district.grids.size(); i += 10) {
        const GridCell& g = district.grids[i];
        const int n = int(cameras.size()) + 1;
        Camera c;
        c.code = QStringLiteral("CAM%1").arg(n, 5, 10, QLatin1Char('0'));
        // Every seventh a face-matching checkpoint, every third a compound gate, else a road.
        c.kind = n % 7 == 0 ? CameraKind::FaceMatching : n % 3 == 0 ? CameraKind::Compound : CameraKind::Road;
        const QString what = c.kind == CameraKind::FaceMatching ? QStringLiteral("人脸卡口")
            : c.kind == CameraKind::Compound                    ? QStringLiteral("小区门口")
                                                                : QStringLiteral("路口");
        c.name = g.name + what;
        c.position = g.centroid;
        c.direction = double((n * 47) % 360);
        c.mainUrl = streamBase + QLatin1Char('/') + c.code;
        c.subUrl = c.mainUrl + QStringLiteral("/sub");
        c.gridCode = g.code;
        c.streetCode = g.streetCode;
        cameras.append(c);
    }
    return cameras;
}

int runDemoDataCommand(const QStringList& args)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("DemoData", "Creates the demo district: 21 streets, about 120 communities, over 2,300 grid cells, "
           "one grid worker per cell, joint-enforcement teams, department handlers, a basemap and "
           "eight weeks of case history, the same for the same seed and end date."));
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption dbOption(QStringLiteral("db"), QCoreApplication::translate("DemoData", "SQLite file to create, or the postgresql:// URI of an empty database."), QCoreApplication::translate("DemoData", "FILE"));
    const QCommandLineOption seedOption(QStringLiteral("seed"), QCoreApplication::translate("DemoData", "Random seed (default 1)."), QCoreApplication::translate("DemoData", "N"),
        QStringLiteral("1"));
    const QCommandLineOption endOption(QStringLiteral("end"),
        QCoreApplication::translate("DemoData", "Last day of the history, YYYY-MM-DD (default: today; the history then stops now)."),
        QCoreApplication::translate("DemoData", "DATE"));
    const QCommandLineOption perDayOption(QStringLiteral("cases-per-day"),
        QCoreApplication::translate("DemoData", "Average number of cases a day (default 1800)."), QCoreApplication::translate("DemoData", "N"), QStringLiteral("1800"));
    const QCommandLineOption gpkgOption(QStringLiteral("gpkg"),
        QCoreApplication::translate("DemoData", "Also write the areas and basemap into this GeoPackage."), QCoreApplication::translate("DemoData", "FILE"));
    const QCommandLineOption forceOption(QStringLiteral("force"), QCoreApplication::translate("DemoData", "Replace existing files."));
    const QCommandLineOption camerasOption(QStringLiteral("camera-streams"),
        QCoreApplication::translate("DemoData", "Also place cameras over the district, streaming from URL/CODE and URL/CODE/sub "
                                                "(gridhall-cameras, e.g. rtsp://127.0.0.1:8554/cam)."),
        QCoreApplication::translate("DemoData", "URL"));
    parser.addOptions({ dbOption, seedOption, endOption, perDayOption, gpkgOption, forceOption, camerasOption });

    auto usageError = [&](const QString& message) {
        err << message << "\n" << QCoreApplication::translate("DemoData", "Run %1 --help for the options.").arg(args.value(0)) << "\n";
        return 2;
    };
    if (!parser.parse(args))
        return usageError(parser.errorText());
    if (parser.isSet(helpOption)) {
        out << parser.helpText();
        return 0;
    }
    if (!parser.positionalArguments().isEmpty())
        return usageError(QCoreApplication::translate("DemoData", "Unexpected argument: %1").arg(parser.positionalArguments().constFirst()));
    const QString dbPath = parser.value(dbOption);
    if (dbPath.isEmpty())
        return usageError(QCoreApplication::translate("DemoData", "--db FILE is required"));
    bool ok = false;
    DemoCaseOptions options;
    options.seed = parser.value(seedOption).toULongLong(&ok);
    if (!ok)
        return usageError(QCoreApplication::translate("DemoData", "--seed must be a non-negative whole number, not \"%1\"").arg(parser.value(seedOption)));
    options.casesPerDay = parser.value(perDayOption).toInt(&ok);
    if (!ok || options.casesPerDay < 0 || options.casesPerDay > 100000)
        return usageError(QCoreApplication::translate("DemoData", "--cases-per-day must be a whole number from 0 to 100000, not \"%1\"")
                              .arg(parser.value(perDayOption)));
    if (parser.isSet(endOption)) {
        options.end = QDate::fromString(parser.value(endOption), Qt::ISODate);
        if (!options.end.isValid() || options.end.year() < 2000 || options.end.year() > 2100)
            return usageError(QCoreApplication::translate("DemoData", "--end must be a date YYYY-MM-DD between 2000 and 2100, not \"%1\"")
                                  .arg(parser.value(endOption)));
    } else {
        // Today in the district's time, with the history stopping at this minute.
        const QDateTime now = QDateTime::currentDateTimeUtc().toOffsetFromUtc(kDemoUtcOffsetSeconds);
        options.end = now.date();
        options.asOf = QDateTime(now.date(), QTime(now.time().hour(), now.time().minute()),
            QTimeZone(kDemoUtcOffsetSeconds))
                           .toUTC();
    }
    const QString gpkgPath = parser.value(gpkgOption);
    const bool force = parser.isSet(forceOption);
    // PostgreSQL: the hall is built in a SQLite file with the same code, then moved and proved
    // by copy-db's copy, which also refuses a database that already holds a hall.
    const bool postgres = isPostgresUri(dbPath);
    QTemporaryDir stagingDir;
    if (postgres && !stagingDir.isValid()) {
        err << QCoreApplication::translate("DemoData", "Cannot make a temporary folder: %1").arg(stagingDir.errorString()) << "\n";
        return 1;
    }
    const QString sqlitePath = postgres ? stagingDir.filePath(QStringLiteral("demo.sqlite")) : dbPath;
    if (!force) {
        if (!postgres && nonEmptyFile(dbPath)) {
            err << QCoreApplication::translate("DemoData", "%1 already exists and is not empty; nothing was changed. Use --force to replace it.")
                       .arg(dbPath)
                << "\n";
            return 1;
        }
        // A GeoPackage this program wrote before is an export, regenerated freely.
        if (!gpkgPath.isEmpty() && nonEmptyFile(gpkgPath) && !isGridHallGeoPackage(gpkgPath)) {
            err << QCoreApplication::translate("DemoData", "%1 already exists and is not empty; nothing was changed. Use --force to replace it.")
                       .arg(gpkgPath)
                << "\n";
            return 1;
        }
    }
    if (QFileInfo(sqlitePath).isDir() || (!gpkgPath.isEmpty() && QFileInfo(gpkgPath).isDir())) {
        err << QCoreApplication::translate("DemoData", "%1 is a folder; give a file name.").arg(QFileInfo(sqlitePath).isDir() ? sqlitePath : gpkgPath) << "\n";
        return 1;
    }

    QElapsedTimer total;
    total.start();
    out << QCoreApplication::translate("DemoData", "Generating the demo district (seed %1)…").arg(options.seed) << "\n";
    out.flush();
    QElapsedTimer phase;
    phase.start();
    const DemoDistrict district = generateDemoDistrict(options.seed);
    const qint64 districtMs = phase.elapsed();
    out << QCoreApplication::translate("DemoData", "  %1 streets, %2 communities, %3 grid cells, %4 workers, %5 basemap features (%6 ms)")
               .arg(district.streets.size())
               .arg(district.communities.size())
               .arg(district.grids.size())
               .arg(district.workers.size())
               .arg(district.basemap.size())
               .arg(districtMs)
        << "\n";
    out.flush();

    // Write next to the target and move it into place at the end, so a failure (or a
    // replaced file) never leaves a half-written database behind.
    const QString partial = sqlitePath + QStringLiteral(".partial");
    removeDatabaseFiles(partial);
    DemoWriteReport report;
    {
        StoreStatus status;
        std::unique_ptr<Store> store = Store::open(partial, &status);
        if (!store) {
            err << status.message << "\n";
            removeDatabaseFiles(partial);
            return 1;
        }
        out << QCoreApplication::translate("DemoData", "Writing %1 days of cases ending %2 (about %3 a day)…")
                   .arg(options.days)
                   .arg(options.end.toString(Qt::ISODate))
                   .arg(options.casesPerDay)
            << "\n";
        out.flush();
        QString error;
        const bool written = writeDemoData(*store, district, options, &report, &error,
            [&](int done, int totalDays) {
                if (done % 7 == 0 || done == totalDays) {
                    out << QCoreApplication::translate("DemoData", "  day %1 of %2").arg(done).arg(totalDays) << "\n";
                    out.flush();
                }
            });
        const QString streamBase = parser.value(camerasOption);
        if (written && !streamBase.isEmpty()) {
            const QList<Camera> cameras = demoCameras(district, streamBase);
            bool placed = store->begin();
            for (const Camera& c : cameras)
                placed = placed && store->putCamera(c);
            if (!placed || !store->commit()) {
                store->rollback();
                err << store->lastError() << "\n";
                store.reset();
                removeDatabaseFiles(partial);
                return 1;
            }
            out << QCoreApplication::translate("DemoData", "  %1 cameras streaming from %2").arg(cameras.size()).arg(streamBase) << "\n";
        }
        if (!written) {
            store.reset();
            removeDatabaseFiles(partial);
            err << error << "\n";
            return 1;
        }
    }
    std::error_code ec;
    for (const char* suffix : { "-wal", "-shm", "-journal" })
        QFile::remove(sqlitePath + QLatin1String(suffix));
    std::filesystem::rename(QFile::encodeName(partial).toStdString(), QFile::encodeName(sqlitePath).toStdString(), ec);
    if (ec) {
        err << QCoreApplication::translate("DemoData", "Could not move %1 to %2: %3").arg(partial, sqlitePath, QString::fromLocal8Bit(ec.message().c_str()))
            << "\n";
        return 1;
    }

    if (postgres) {
        const int copied = copyDatabase(sqlitePath, dbPath, {}, out, err);
        if (copied != 0)
            return copied;
    }

    qint64 gpkgMs = 0;
    if (!gpkgPath.isEmpty()) {
        phase.restart();
        GisExportData gis;
        gis.districts = { district.district };
        gis.streets = district.streets;
        gis.communities = district.communities;
        gis.grids = district.grids;
        gis.basemap = district.basemap;
        const GisExportResult result = writeGeoPackage(gpkgPath, gis);
        gpkgMs = phase.elapsed();
        if (!result.ok) {
            err << result.error << "\n";
            return 1;
        }
        out << QCoreApplication::translate("DemoData", "Wrote %1 (%2 ms)").arg(gpkgPath).arg(gpkgMs) << "\n";
    }

    QStringList states;
    for (int st = 0; st < kCaseStateCount; ++st)
        states.append(QStringLiteral("%1 %2").arg(caseStateDisplayName(CaseState(st)).toLower()).arg(report.cases.byState[st]));
    out << QCoreApplication::translate("DemoData", "Cases by state: %1").arg(states.join(QStringLiteral(", "))) << "\n";
    out << QCoreApplication::translate("DemoData", "Disputes: %1 yellow, %2 orange, %3 red")
               .arg(report.cases.byDispute[int(DisputeLevel::Yellow)])
               .arg(report.cases.byDispute[int(DisputeLevel::Orange)])
               .arg(report.cases.byDispute[int(DisputeLevel::Red)])
        << "\n";
    out << QCoreApplication::translate("DemoData", "Done: %1 cases and %2 events in %3 (cases %4 ms, total %5 ms).")
               .arg(report.cases.cases)
               .arg(report.cases.events)
               .arg(displayDatabaseName(dbPath))
               .arg(report.generateAndWriteMs)
               .arg(total.elapsed())
        << "\n";
    return 0;
}

} // namespace gridhall
