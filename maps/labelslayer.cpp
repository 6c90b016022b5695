#include "maps/labelslayer.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace gridhall {

struct LabelsLayer::Data {
    struct Entry {
        MapLabel label;
        QPointF mercator;
    };
    std::vector<Entry> entries; // sorted by priority, highest first
};

namespace {

QFont labelFont(const QString& family, int priority, double scale)
{
    QFont font;
    if (!family.isEmpty())
        font.setFamily(family);
    font.setPixelSize(int(std::lround((priority >= 3 ? 16 : priority == 2 ? 14 : 12) * scale)));
    font.setBold(priority >= 3);
    return font;
}

struct Placed {
    const LabelsLayer::Data::Entry* entry;
    QRectF rect;
    QPointF baseline;
    int fontIndex;
};

// Greedy placement in priority order with a coarse bucket index of placed rectangles.
std::vector<Placed> place(const LabelsLayer::Data& data, const Viewport& viewport,
    const QString& family, double scale, const std::atomic_bool* cancel)
{
    std::vector<Placed> placed;
    const PixelProjector project(viewport);
    const QRectF clip(QPointF(0, 0), QSizeF(viewport.size()));
    constexpr double kBucket = 128;
    const int cols = int(viewport.size().width() / kBucket) + 2;
    const int rows = int(viewport.size().height() / kBucket) + 2;
    std::vector<std::vector<int>> buckets(std::size_t(cols * rows));
    QFontMetricsF metrics[4] = { QFontMetricsF(labelFont(family, 0, scale)), QFontMetricsF(labelFont(family, 1, scale)),
        QFontMetricsF(labelFont(family, 2, scale)), QFontMetricsF(labelFont(family, 3, scale)) };
    const double zoom = viewport.zoom();
    int n = 0;
    for (const auto& e : data.entries) {
        if (cancel && ++n % 128 == 0 && cancel->load())
            break;
        if (zoom < e.label.minZoom || zoom >= e.label.maxZoom || e.label.text.isEmpty())
            continue;
        const QPointF at = project(e.mercator);
        if (!clip.contains(at))
            continue;
        const int fi = std::clamp(e.label.priority, 0, 3);
        const QFontMetricsF& fm = metrics[fi];
        const double w = fm.horizontalAdvance(e.label.text);
        const QRectF rect(at.x() - w / 2 - 3, at.y() - fm.height() / 2 - 2, w + 6, fm.height() + 4);
        const int c0 = std::max(0, int(rect.left() / kBucket)), c1 = std::min(cols - 1, int(rect.right() / kBucket));
        const int r0 = std::max(0, int(rect.top() / kBucket)), r1 = std::min(rows - 1, int(rect.bottom() / kBucket));
        bool clash = false;
        for (int r = r0; r <= r1 && !clash; ++r)
            for (int c = c0; c <= c1 && !clash; ++c)
                for (int idx : buckets[std::size_t(r * cols + c)])
                    if (placed[std::size_t(idx)].rect.intersects(rect)) {
                        clash = true;
                        break;
                    }
        if (clash)
            continue;
        const int index = int(placed.size());
        placed.push_back({ &e, rect, QPointF(at.x() - w / 2, at.y() + (fm.ascent() - fm.descent()) / 2), fi });
        for (int r = r0; r <= r1; ++r)
            for (int c = c0; c <= c1; ++c)
                buckets[std::size_t(r * cols + c)].push_back(index);
    }
    return placed;
}

class LabelsRenderer : public LayerRenderer {
public:
    LabelsRenderer(std::shared_ptr<const LabelsLayer::Data> data, MapPalette palette,
        QString family, double scale, const Viewport& viewport)
        : m_data(std::move(data))
        , m_palette(palette)
        , m_family(std::move(family))
        , m_scale(scale)
        , m_viewport(viewport)
    {
    }

    void render(QPainter& painter, const std::atomic_bool& cancel) override
    {
        const std::vector<Placed> placed = place(*m_data, m_viewport, m_family, m_scale, &cancel);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setRenderHint(QPainter::TextAntialiasing);
        QFont fonts[4] = { labelFont(m_family, 0, m_scale), labelFont(m_family, 1, m_scale),
            labelFont(m_family, 2, m_scale), labelFont(m_family, 3, m_scale) };
        // Halo: the text drawn offset in the halo colour, cheaper than stroking glyph paths;
        // larger text (the wall) gets a wider halo.
        const double h = std::max(1.0, std::round(m_scale));
        const QPointF kHalo[] = { { -h, 0 }, { h, 0 }, { 0, -h }, { 0, h } };
        int n = 0;
        for (const Placed& p : placed) {
            if (++n % 64 == 0 && cancel.load())
                return;
            painter.setFont(fonts[p.fontIndex]);
            painter.setPen(m_palette.labelHalo);
            for (QPointF d : kHalo)
                painter.drawText(p.baseline + d, p.entry->label.text);
            painter.setPen(m_palette.label);
            painter.drawText(p.baseline, p.entry->label.text);
        }
    }

private:
    std::shared_ptr<const LabelsLayer::Data> m_data;
    MapPalette m_palette;
    QString m_family;
    double m_scale = 1;
    Viewport m_viewport;
};

} // namespace

LabelsLayer::LabelsLayer(QObject* parent)
    : MapLayer(RenderStage::Labels, parent)
    , m_data(std::make_shared<Data>())
{
}

LabelsLayer::~LabelsLayer() = default;

void LabelsLayer::setLabels(const QList<MapLabel>& labels)
{
    setPrepared(prepare(labels));
}

void LabelsLayer::setPrepared(Prepared labels)
{
    m_data = labels ? std::move(labels) : std::make_shared<const Data>();
    requestRepaint();
}

LabelsLayer::Prepared LabelsLayer::prepare(const QList<MapLabel>& labels)
{
    auto data = std::make_shared<Data>();
    data->entries.reserve(std::size_t(labels.size()));
    for (const MapLabel& l : labels)
        data->entries.push_back({ l, mercator::fromLonLat(l.pos) });
    std::stable_sort(data->entries.begin(), data->entries.end(),
        [](const Data::Entry& a, const Data::Entry& b) { return a.label.priority > b.label.priority; });
    return data;
}

qsizetype LabelsLayer::labelCount() const { return qsizetype(m_data->entries.size()); }

void LabelsLayer::setTheme(MapTheme theme)
{
    if (theme == m_theme)
        return;
    m_theme = theme;
    requestRepaint();
}

void LabelsLayer::setTextScale(double scale)
{
    scale = std::clamp(scale, 0.5, 8.0);
    if (scale == m_textScale)
        return;
    m_textScale = scale;
    requestRepaint();
}

void LabelsLayer::setFontFamily(const QString& family)
{
    m_fontFamily = family;
    requestRepaint();
}

std::unique_ptr<LayerRenderer> LabelsLayer::createRenderer(const Viewport& viewport) const
{
    return std::make_unique<LabelsRenderer>(m_data, paletteFor(m_theme), m_fontFamily, m_textScale, viewport);
}

QList<MapLabel> LabelsLayer::placedLabels(const Viewport& viewport) const
{
    QList<MapLabel> out;
    for (const Placed& p : place(*m_data, viewport, m_fontFamily, m_textScale, nullptr))
        out.append(p.entry->label);
    return out;
}

} // namespace gridhall
