#include "maps/caseslayer.h"

#include "maps/sprites.h"

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

struct RenderCase {
    QPointF mercator;
    quint8 sprite;
    quint8 rank; // disputes draw last, red on top
};

class CasesRenderer : public LayerRenderer {
public:
    CasesRenderer(std::vector<RenderCase> cases, const Viewport& viewport)
        : m_cases(std::move(cases))
        , m_viewport(viewport)
    {
    }

    void render(QPainter& painter, const std::atomic_bool& cancel) override
    {
        // Sorted here, off the GUI thread.
        std::stable_sort(m_cases.begin(), m_cases.end(),
            [](const RenderCase& a, const RenderCase& b) { return a.rank < b.rank; });
        const qreal dpr = m_viewport.devicePixelRatio();
        QImage sprites[16];
        for (int c = 0; c < 8; ++c) {
            const bool dispute = c < 3;
            const auto shape = dispute ? sprites::Shape::Diamond : sprites::Shape::Dot;
            const double d = dispute ? 16 : 11;
            sprites[c * 2] = sprites::make(shape, kColours[c], Qt::white, d, dpr);
            sprites[c * 2 + 1] = sprites::make(shape, kColours[c], QColor(0xff, 0x20, 0x20), d + 3, dpr, 3);
        }
        const PixelProjector project(m_viewport);
        const QRectF area = QRectF(QPointF(0, 0), QSizeF(m_viewport.size())).adjusted(-12, -12, 12, 12);
        for (std::size_t i = 0; i < m_cases.size(); ++i) {
            if (i % 1024 == 0 && cancel.load())
                return;
            const QPointF px = project(m_cases[i].mercator);
            if (!area.contains(px))
                continue;
            const QImage& s = sprites[m_cases[i].sprite];
            painter.drawImage(sprites::placeAt(s, px), s);
        }
    }

private:
    std::vector<RenderCase> m_cases;
    Viewport m_viewport;
};

} // namespace

CasesLayer::CasesLayer(QObject* parent)
    : MapLayer(RenderStage::Cases, parent)
{
}

CasesLayer::~CasesLayer() = default;

QColor CasesLayer::markerColour(const CaseMarker& marker) { return kColours[colourClass(marker)]; }

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
    std::vector<RenderCase> cases;
    cases.reserve(m_cases.size());
    for (const auto& [id, e] : m_cases) {
        const int c = colourClass(e.marker);
        cases.push_back({ e.mercator, quint8(c * 2 + (e.marker.overdue ? 1 : 0)), quint8(c < 3 ? 3 - c : 0) });
    }
    return std::make_unique<CasesRenderer>(std::move(cases), viewport);
}

} // namespace gridhall
