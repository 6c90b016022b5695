#include "maps/caseslayer.h"

#include "maps/sprites.h"

#include <QHash>
#include <QPainter>

#include <algorithm>
#include <cmath>
#include <vector>

namespace gridhall {

namespace {

bool pulses(const CaseMarker& m) { return m.dispute == DisputeLevel::Red && !m.acknowledged; }

bool drawable(const CaseMarker& m)
{
    return isOpen(m.state) && std::isfinite(m.pos.lon) && std::isfinite(m.pos.lat);
}

// Sprite index: colour class (0..7) * 2 + overdue.
int colourClass(const CaseMarker& m)
{
    switch (m.dispute) {
    case DisputeLevel::Red:
        return 0;
    case DisputeLevel::Orange:
        return 1;
    case DisputeLevel::Yellow:
        return 2;
    case DisputeLevel::None:
        break;
    }
    switch (m.state) {
    case CaseState::Reported:
        return 3;
    case CaseState::Registered:
    case CaseState::Dispatched:
        return 4;
    case CaseState::Handling:
        return 5;
    case CaseState::FedBack:
    case CaseState::Verified:
        return 6;
    default:
        return 7;
    }
}

const QColor kColours[8] = {
    QColor(0xe0, 0x20, 0x1b), QColor(0xff, 0x7a, 0x00), QColor(0xf2, 0xc2, 0x00), QColor(0x5d, 0xa9, 0xff),
    QColor(0x00, 0xc2, 0xd1), QColor(0xb0, 0x6a, 0xff), QColor(0x4c, 0xd9, 0x64), QColor(0x90, 0x90, 0x98),
};

const QColor kOverdueRing(0xff, 0x20, 0x20);
// Clusters without a dispute inside: a quiet slate, so the disputes' colours carry.
const QColor kPlainCluster(0x4f, 0x67, 0x86);

struct RenderCase {
    QPointF mercator;
    qint64 id;
    quint8 colour; // colourClass()
    bool overdue;
};

// Disputes draw last, red on top.
int rank(const RenderCase& c) { return c.colour < 3 ? 3 - c.colour : 0; }

DisputeLevel disputeOfClass(int colour)
{
    return colour == 0 ? DisputeLevel::Red : colour == 1 ? DisputeLevel::Orange : colour == 2 ? DisputeLevel::Yellow
                                                                                              : DisputeLevel::None;
}

// Marker diameter in logical pixels at scale 1; two markers closer than this overlap.
constexpr double kDotSize = 11;
constexpr double kDiamondSize = 16;
constexpr double kMarkerSpacing = kDiamondSize + 2;
// A group this small whose markers would not overlap shows them instead of a bubble.
constexpr int kMaxSplit = 6;

// Bubble sizes by count: 1–9, 10–99, 100–999, more.
int sizeClass(int count) { return count < 10 ? 0 : count < 100 ? 1 : count < 1000 ? 2 : 3; }
constexpr double kBubbleSize[4] = { 24, 28, 34, 40 };

QString countText(int count)
{
    return count < 10000 ? QString::number(count) : QString::number(count / 1000) + QLatin1Char('k');
}

struct Group {
    double sx = 0, sy = 0;
    int count = 0;
    int head = -1, tail = -1; // members, linked through next
    int bin = 0;
    int worst = 7; // lowest colour class inside: 0 red dispute … 3+ no dispute
    int overdue = 0;
    bool alive = true;
};

struct Clustering {
    std::vector<QPointF> pixel; // per case, projected
    std::vector<int> next;
    std::vector<Group> groups;
};

// Grid-bins the cases in screen space, then merges neighbouring bins whose centres lie
// closer than a cell (two bins straddling a cell border would otherwise draw two bubbles
// on top of each other). False when cancelled.
bool cluster(const std::vector<RenderCase>& cases, const Viewport& viewport, double scale, Clustering& out,
    const std::atomic_bool& cancel)
{
    const double cell = CasesLayer::kClusterCell * scale;
    const PixelProjector project(viewport);
    // One cell of margin: cases just outside still pull their cluster to the right place.
    const double x0 = -cell, y0 = -cell;
    const int cols = int(std::ceil((viewport.size().width() + 2 * cell) / cell));
    const int rows = int(std::ceil((viewport.size().height() + 2 * cell) / cell));
    std::vector<int> binGroup(std::size_t(cols) * std::size_t(rows), -1);
    out.pixel.assign(cases.size(), QPointF());
    out.next.assign(cases.size(), -1);
    out.groups.clear();
    for (std::size_t i = 0; i < cases.size(); ++i) {
        if (i % 4096 == 0 && cancel.load())
            return false;
        const QPointF px = project(cases[i].mercator);
        const double fx = (px.x() - x0) / cell, fy = (px.y() - y0) / cell;
        if (!(fx >= 0 && fy >= 0 && fx < cols && fy < rows))
            continue;
        const int bin = int(fy) * cols + int(fx);
        int& g = binGroup[std::size_t(bin)];
        if (g < 0) {
            g = int(out.groups.size());
            out.groups.push_back(Group {});
            out.groups.back().bin = bin;
        }
        Group& group = out.groups[std::size_t(g)];
        out.pixel[i] = px;
        group.sx += px.x();
        group.sy += px.y();
        if (group.tail >= 0)
            out.next[std::size_t(group.tail)] = int(i);
        else
            group.head = int(i);
        group.tail = int(i);
        ++group.count;
        group.worst = std::min(group.worst, int(cases[i].colour));
        group.overdue += cases[i].overdue ? 1 : 0;
    }
    // Biggest groups first take their close neighbours.
    std::vector<int> order(out.groups.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = int(i);
    std::sort(order.begin(), order.end(),
        [&](int a, int b) { return out.groups[std::size_t(a)].count > out.groups[std::size_t(b)].count; });
    for (int gi : order) {
        Group& g = out.groups[std::size_t(gi)];
        if (!g.alive)
            continue;
        const int bc = g.bin % cols, br = g.bin / cols;
        for (int dr = -1; dr <= 1; ++dr)
            for (int dc = -1; dc <= 1; ++dc) {
                const int c = bc + dc, r = br + dr;
                if ((dr == 0 && dc == 0) || c < 0 || r < 0 || c >= cols || r >= rows)
                    continue;
                const int hi = binGroup[std::size_t(r * cols + c)];
                if (hi < 0)
                    continue;
                Group& h = out.groups[std::size_t(hi)];
                if (!h.alive)
                    continue;
                const double dx = g.sx / g.count - h.sx / h.count, dy = g.sy / g.count - h.sy / h.count;
                if (dx * dx + dy * dy >= cell * cell)
                    continue;
                g.sx += h.sx;
                g.sy += h.sy;
                g.count += h.count;
                g.worst = std::min(g.worst, h.worst);
                g.overdue += h.overdue;
                out.next[std::size_t(g.tail)] = h.head;
                g.tail = h.tail;
                h.alive = false;
            }
    }
    return true;
}

// Whether a small group's markers would stand apart.
bool markersApart(const Clustering& c, const Group& g, double spacing)
{
    if (g.count > kMaxSplit)
        return false;
    for (int i = g.head; i >= 0; i = c.next[std::size_t(i)])
        for (int j = c.next[std::size_t(i)]; j >= 0; j = c.next[std::size_t(j)]) {
            const QPointF d = c.pixel[std::size_t(i)] - c.pixel[std::size_t(j)];
            if (d.x() * d.x() + d.y() * d.y() < spacing * spacing)
                return false;
        }
    return true;
}

// Calls marker(caseIndex, pixel) for each case shown alone and bubble(group, clustering)
// for each cluster.
template <class Marker, class Bubble>
bool forEachShown(const std::vector<RenderCase>& cases, const Viewport& viewport, double scale,
    const std::atomic_bool& cancel, Marker marker, Bubble bubble)
{
    Clustering c;
    if (!cluster(cases, viewport, scale, c, cancel))
        return false;
    for (const Group& g : c.groups) {
        if (!g.alive)
            continue;
        if (g.count == 1 || markersApart(c, g, kMarkerSpacing * scale)) {
            for (int i = g.head; i >= 0; i = c.next[std::size_t(i)])
                marker(std::size_t(i), c.pixel[std::size_t(i)]);
        } else {
            bubble(g, c);
        }
    }
    return true;
}

QImage makeClusterSprite(int worst, bool overdue, int count, qreal dpr, double scale, const QFont& font)
{
    const DisputeLevel level = disputeOfClass(worst);
    const double d = kBubbleSize[sizeClass(count)] * scale;
    QImage s = overdue ? sprites::make(sprites::Shape::Dot, CasesLayer::clusterColour(level), kOverdueRing, d, dpr, 3.5 * scale)
                       : sprites::make(sprites::Shape::Dot, CasesLayer::clusterColour(level), Qt::white, d, dpr, 2 * scale);
    QPainter p(&s);
    p.setFont(font);
    p.setPen(level == DisputeLevel::Yellow ? QColor(0x20, 0x20, 0x20) : Qt::white);
    p.drawText(QRectF(QPointF(0, 0), QSizeF(s.size()) / dpr), Qt::AlignCenter, countText(count));
    return s;
}

QFont clusterFont(double scale)
{
    QFont font;
    font.setPixelSize(std::max(8, int(std::lround(12 * scale))));
    font.setBold(true);
    return font;
}

// The renderer's copy of the layer's cases (a template only so it need not name the
// layer's private entry type).
template <class Entries> std::vector<RenderCase> renderCases(const Entries& entries)
{
    std::vector<RenderCase> cases;
    cases.reserve(entries.size());
    for (const auto& [id, e] : entries)
        cases.push_back({ e.mercator, id, quint8(colourClass(e.marker)), e.marker.overdue });
    return cases;
}

class CasesRenderer : public LayerRenderer {
public:
    CasesRenderer(std::vector<RenderCase> cases, const Viewport& viewport, double scale)
        : m_cases(std::move(cases))
        , m_viewport(viewport)
        , m_scale(scale)
    {
    }

    void render(QPainter& painter, const std::atomic_bool& cancel) override
    {
        const qreal dpr = m_viewport.devicePixelRatio();
        struct Shown {
            QPointF px;
            int sprite;
            int rank;
        };
        std::vector<Shown> markers;
        struct Bubble {
            QPointF px;
            int worst;
            bool overdue;
            int count;
        };
        std::vector<Bubble> bubbles;
        const bool done = forEachShown(
            m_cases, m_viewport, m_scale, cancel,
            [&](std::size_t i, QPointF px) {
                const RenderCase& c = m_cases[i];
                markers.push_back({ px, c.colour * 2 + (c.overdue ? 1 : 0), rank(c) });
            },
            [&](const Group& g, const Clustering&) {
                bubbles.push_back({ QPointF(g.sx / g.count, g.sy / g.count), g.worst, g.overdue > 0, g.count });
            });
        if (!done)
            return;
        const QRectF area = QRectF(QPointF(0, 0), QSizeF(m_viewport.size())).adjusted(-48 * m_scale, -48 * m_scale,
            48 * m_scale, 48 * m_scale);

        // Clusters, worst on top; one sprite per look, the count drawn into it once.
        std::sort(bubbles.begin(), bubbles.end(), [](const Bubble& a, const Bubble& b) { return a.worst > b.worst; });
        const QFont font = clusterFont(m_scale);
        QHash<quint64, QImage> bubbleSprites;
        for (std::size_t i = 0; i < bubbles.size(); ++i) {
            if (i % 256 == 0 && cancel.load())
                return;
            const Bubble& b = bubbles[i];
            if (!area.contains(b.px))
                continue;
            const quint64 key = (quint64(b.count) << 8) | (quint64(std::min(b.worst, 3)) << 1) | (b.overdue ? 1 : 0);
            auto it = bubbleSprites.find(key);
            if (it == bubbleSprites.end())
                it = bubbleSprites.insert(key, makeClusterSprite(std::min(b.worst, 3), b.overdue, b.count, dpr, m_scale, font));
            painter.drawImage(sprites::placeAt(*it, b.px), *it);
        }

        // Single markers over the clusters, disputes last, red on top.
        std::stable_sort(markers.begin(), markers.end(), [](const Shown& a, const Shown& b) { return a.rank < b.rank; });
        QImage sprites[16];
        for (int c = 0; c < 8; ++c) {
            const bool dispute = c < 3;
            const auto shape = dispute ? sprites::Shape::Diamond : sprites::Shape::Dot;
            const double d = (dispute ? kDiamondSize : kDotSize) * m_scale;
            sprites[c * 2] = sprites::make(shape, kColours[c], Qt::white, d, dpr, 1.5 * m_scale);
            sprites[c * 2 + 1] = sprites::make(shape, kColours[c], kOverdueRing, d + 3 * m_scale, dpr, 3 * m_scale);
        }
        for (std::size_t i = 0; i < markers.size(); ++i) {
            if (i % 1024 == 0 && cancel.load())
                return;
            if (!area.contains(markers[i].px))
                continue;
            const QImage& s = sprites[markers[i].sprite];
            painter.drawImage(sprites::placeAt(s, markers[i].px), s);
        }
    }

private:
    std::vector<RenderCase> m_cases;
    Viewport m_viewport;
    double m_scale;
};

} // namespace

CasesLayer::CasesLayer(QObject* parent)
    : MapLayer(RenderStage::Cases, parent)
{
}

CasesLayer::~CasesLayer() = default;

QColor CasesLayer::markerColour(const CaseMarker& marker) { return kColours[colourClass(marker)]; }

QColor CasesLayer::clusterColour(DisputeLevel worstDispute)
{
    switch (worstDispute) {
    case DisputeLevel::Red:
        return kColours[0];
    case DisputeLevel::Orange:
        return kColours[1];
    case DisputeLevel::Yellow:
        return kColours[2];
    case DisputeLevel::None:
        break;
    }
    return kPlainCluster;
}

QColor CasesLayer::overdueRingColour() { return kOverdueRing; }

QImage CasesLayer::clusterSprite(DisputeLevel worstDispute, bool overdue, int count, qreal dpr, double scale)
{
    const int worst = worstDispute == DisputeLevel::Red ? 0 : worstDispute == DisputeLevel::Orange ? 1
        : worstDispute == DisputeLevel::Yellow                                                      ? 2
                                                                                                    : 3;
    return makeClusterSprite(worst, overdue, count, dpr, scale, clusterFont(scale));
}

void CasesLayer::setMarkerScale(double scale)
{
    scale = std::clamp(scale, 0.5, 8.0);
    if (scale == m_scale)
        return;
    m_scale = scale;
    requestRepaint();
}

bool CasesLayer::store(const CaseMarker& marker)
{
    const int before = m_pulsing;
    auto it = m_cases.find(marker.caseId);
    if (it != m_cases.end()) {
        m_pulsing -= pulses(it->second.marker) ? 1 : 0;
        if (!drawable(marker)) {
            m_cases.erase(it);
            return before != m_pulsing;
        }
        it->second = { marker, mercator::fromLonLat(marker.pos) };
    } else {
        if (!drawable(marker))
            return false;
        m_cases.emplace(marker.caseId, Entry { marker, mercator::fromLonLat(marker.pos) });
    }
    m_pulsing += pulses(marker) ? 1 : 0;
    // Any change to a pulsing case (or the count) matters to the overlay.
    return before != m_pulsing || pulses(marker);
}

void CasesLayer::setCases(const QList<CaseMarker>& cases)
{
    const bool hadPulses = m_pulsing > 0;
    m_cases.clear();
    m_pulsing = 0;
    for (const CaseMarker& m : cases)
        store(m);
    requestRepaint();
    if (hadPulses || m_pulsing > 0)
        emit pulsesChanged();
}

void CasesLayer::upsertCase(const CaseMarker& marker)
{
    const bool pulseChange = store(marker);
    requestRepaint();
    if (pulseChange)
        emit pulsesChanged();
}

void CasesLayer::removeCase(qint64 caseId)
{
    auto it = m_cases.find(caseId);
    if (it == m_cases.end())
        return;
    const bool pulsed = pulses(it->second.marker);
    m_pulsing -= pulsed ? 1 : 0;
    m_cases.erase(it);
    requestRepaint();
    if (pulsed)
        emit pulsesChanged();
}

void CasesLayer::acknowledge(qint64 caseId)
{
    auto it = m_cases.find(caseId);
    if (it == m_cases.end() || it->second.marker.acknowledged)
        return;
    const bool pulsed = pulses(it->second.marker);
    it->second.marker.acknowledged = true;
    m_pulsing -= pulsed ? 1 : 0;
    // The marker itself looks the same acknowledged or not: no re-render needed.
    if (pulsed)
        emit pulsesChanged();
}

std::optional<CaseMarker> CasesLayer::marker(qint64 caseId) const
{
    auto it = m_cases.find(caseId);
    if (it == m_cases.end())
        return std::nullopt;
    return it->second.marker;
}

QList<CaseMarker> CasesLayer::pulsingCases() const
{
    QList<CaseMarker> out;
    if (m_pulsing == 0)
        return out;
    for (const auto& [id, e] : m_cases)
        if (pulses(e.marker))
            out.append(e.marker);
    return out;
}

std::optional<qint64> CasesLayer::caseNear(QPointF pixel, const Viewport& viewport, double radius) const
{
    const PixelProjector project(viewport);
    std::optional<qint64> best;
    double bestD2 = radius * radius;
    for (const auto& [id, e] : m_cases) {
        const QPointF d = project(e.mercator) - pixel;
        const double d2 = d.x() * d.x() + d.y() * d.y();
        if (d2 <= bestD2) {
            bestD2 = d2;
            best = id;
        }
    }
    return best;
}

std::unique_ptr<LayerRenderer> CasesLayer::createRenderer(const Viewport& viewport) const
{
    return std::make_unique<CasesRenderer>(renderCases(m_cases), viewport, m_scale);
}

QList<CaseCluster> CasesLayer::clustersFor(const Viewport& viewport) const
{
    const std::vector<RenderCase> cases = renderCases(m_cases);
    QList<CaseCluster> out;
    const std::atomic_bool never { false };
    forEachShown(
        cases, viewport, m_scale, never,
        [&](std::size_t i, QPointF px) {
            const RenderCase& rc = cases[i];
            CaseCluster one { px, 1, rc.id, disputeOfClass(rc.colour), rc.overdue ? 1 : 0, {},
                (rc.colour < 3 ? kDiamondSize : kDotSize) * m_scale / 2 };
            one.bounds.include(mercator::toLonLat(rc.mercator));
            out.append(one);
        },
        [&](const Group& g, const Clustering& c) {
            CaseCluster many { QPointF(g.sx / g.count, g.sy / g.count), g.count, 0, disputeOfClass(g.worst), g.overdue,
                {}, kBubbleSize[sizeClass(g.count)] * m_scale / 2 };
            for (int i = g.head; i >= 0; i = c.next[std::size_t(i)])
                many.bounds.include(mercator::toLonLat(cases[std::size_t(i)].mercator));
            out.append(many);
        });
    return out;
}

std::optional<CaseCluster> CasesLayer::clusterAt(QPointF pixel, const Viewport& viewport) const
{
    std::optional<CaseCluster> best;
    double bestD2 = 0;
    for (const CaseCluster& c : clustersFor(viewport)) {
        const QPointF d = c.pixel - pixel;
        const double d2 = d.x() * d.x() + d.y() * d.y();
        if (c.count > 1 && d2 <= c.radius * c.radius && (!best || d2 < bestD2)) {
            best = c;
            bestD2 = d2;
        }
    }
    return best;
}

} // namespace gridhall
