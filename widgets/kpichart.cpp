#include "widgets/kpichart.h"

#include <QApplication>
#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QGraphicsLayout>
#include <QGraphicsScene>
#include <QHorizontalStackedBarSeries>
#include <QLegendMarker>
#include <QLineSeries>
#include <QPainter>
#include <QStackedBarSeries>
#include <QVBoxLayout>
#include <QValueAxis>

#include <cmath>
#include <functional>

namespace gridhall {

QColor ChartTheme::background() const { return dark ? QColor(0x0f, 0x17, 0x22) : QColor(Qt::white); }
QColor ChartTheme::text() const { return dark ? QColor(0xe6, 0xed, 0xf3) : QColor(0x1f, 0x29, 0x33); }
QColor ChartTheme::mutedText() const { return dark ? QColor(0x9a, 0xa8, 0xb6) : QColor(0x5f, 0x6b, 0x77); }
QColor ChartTheme::gridLine() const { return dark ? QColor(0x2a, 0x36, 0x44) : QColor(0xdd, 0xe2, 0xe7); }

QColor ChartTheme::accent(int index) const
{
    // Chosen to stay apart from each other and from the dispute red/orange/yellow.
    static const QColor light[] = { QColor(0x1f, 0x6f, 0xd1), QColor(0x2e, 0x9e, 0x5b), QColor(0x8e, 0x4e, 0xc6),
        QColor(0x00, 0x96, 0xa6), QColor(0xb0, 0x7d, 0x2b), QColor(0x6b, 0x7b, 0x8c), QColor(0xc2, 0x4e, 0x8a) };
    static const QColor darkSet[] = { QColor(0x4d, 0xa3, 0xff), QColor(0x4c, 0xd1, 0x83), QColor(0xb3, 0x86, 0xf0),
        QColor(0x2e, 0xd3, 0xe0), QColor(0xe0, 0xb0, 0x60), QColor(0x9a, 0xaa, 0xbb), QColor(0xf0, 0x7c, 0xbc) };
    const int n = int(std::size(light));
    const int i = ((index % n) + n) % n;
    return dark ? darkSet[i] : light[i];
}

namespace {

double multiplier(ChartValueFormat format)
{
    return format == ChartValueFormat::Percent ? 100.0 : 1.0;
}

bool isBarKind(ChartKind kind)
{
    return kind != ChartKind::Line;
}

bool isStacked(ChartKind kind)
{
    return kind == ChartKind::StackedBar || kind == ChartKind::HorizontalStackedBar;
}

double finiteOr0(double v)
{
    return std::isfinite(v) ? v : 0.0;
}

// A round tick step near `raw`: 1, 2 or 5 times a power of ten (2.5 too, above 10, so
// count axes never get fractional ticks).
double niceStep(double raw, bool integral)
{
    if (!(raw > 0))
        return 1.0;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    for (double f : { 1.0, 2.0, 2.5, 5.0, 10.0 }) {
        const double step = f * magnitude;
        if (integral && (step < 1.0 || std::floor(step) != step))
            continue;
        if (step >= raw)
            return step;
    }
    return std::max(1.0, 10.0 * magnitude);
}

QFont scaledFont(double points, const ChartTheme& theme, bool bold = false)
{
    const double scale = theme.scale;
    QFont f = QApplication::font();
    if (!theme.fontFamilies.isEmpty())
        f.setFamilies(theme.fontFamilies);
    f.setPointSizeF(points * scale);
    f.setBold(bold);
    return f;
}

using ClickHandler = std::function<void(int series, int category)>;

// Fills chart from data: series, axes, target line, theme. Clears what was there.
void buildChart(QChart* chart, const KpiChartData& data, const ChartTheme& theme, const ClickHandler& onClick)
{
    chart->removeAllSeries();
    const auto oldAxes = chart->axes();
    for (QAbstractAxis* axis : oldAxes) {
        chart->removeAxis(axis);
        delete axis;
    }
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->setBackgroundBrush(theme.background());
    chart->setBackgroundPen(Qt::NoPen);
    chart->setBackgroundRoundness(0);
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->setTitle(data.title);
    chart->setTitleFont(scaledFont(11, theme, true));
    chart->setTitleBrush(theme.text());
    chart->legend()->setVisible(data.legend && (data.series.size() > 1 || data.target));
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->legend()->setFont(scaledFont(8.5, theme));
    chart->legend()->setLabelColor(theme.text());

    const double mult = multiplier(data.format);
    const int n = int(data.categories.size());
    const bool horizontal = data.kind == ChartKind::HorizontalStackedBar;

    auto* categoryAxis = new QBarCategoryAxis;
    categoryAxis->append(data.categories);
    categoryAxis->setLabelsFont(scaledFont(8, theme));
    categoryAxis->setLabelsColor(theme.text());
    categoryAxis->setGridLineVisible(false);
    categoryAxis->setTruncateLabels(false); // street names are short; "…" in their place helps nobody
    categoryAxis->setLinePenColor(theme.gridLine());
    auto* valueAxis = new QValueAxis;
    valueAxis->setLabelsFont(scaledFont(8, theme));
    valueAxis->setLabelsColor(theme.mutedText());
    valueAxis->setGridLineColor(theme.gridLine());
    valueAxis->setLinePenColor(theme.gridLine());
    valueAxis->setLabelFormat(data.format == ChartValueFormat::Percent ? QStringLiteral("%.0f%%") : QStringLiteral("%.0f"));
    valueAxis->setTickCount(5);
    chart->addAxis(categoryAxis, horizontal ? Qt::AlignLeft : Qt::AlignBottom);
    chart->addAxis(valueAxis, horizontal ? Qt::AlignBottom : Qt::AlignLeft);

    double maxValue = 0;
    QList<double> stackSums(n, 0.0);
    for (const ChartSeries& s : data.series)
        for (int i = 0; i < n && i < s.values.size(); ++i) {
            const double v = finiteOr0(s.values.at(i)) * mult;
            stackSums[i] += v;
            maxValue = std::max(maxValue, v);
        }
    if (isStacked(data.kind))
        for (double s : stackSums)
            maxValue = std::max(maxValue, s);
    if (data.target)
        maxValue = std::max(maxValue, *data.target * mult);
    // About four intervals of a round size, so the labels are round numbers.
    double axisMax = 100.0;
    double step = 25.0;
    if (data.format != ChartValueFormat::Score || maxValue > 100.0) {
        const double top = maxValue > 0 ? maxValue * 1.04 : (data.format == ChartValueFormat::Percent ? 100.0 : 4.0);
        step = niceStep(top / 4, data.format == ChartValueFormat::Count);
        axisMax = std::ceil(top / step) * step;
    }
    valueAxis->setRange(0, axisMax);
    valueAxis->setTickCount(int(std::lround(axisMax / step)) + 1);
    if (data.rotateLabels)
        categoryAxis->setLabelsAngle(-40);

    if (isBarKind(data.kind)) {
        QAbstractBarSeries* bars = nullptr;
        switch (data.kind) {
        case ChartKind::StackedBar: bars = new QStackedBarSeries; break;
        case ChartKind::HorizontalStackedBar: bars = new QHorizontalStackedBarSeries; break;
        default: bars = new QBarSeries; break;
        }
        bars->setBarWidth(0.7);
        for (int k = 0; k < data.series.size(); ++k) {
            const ChartSeries& s = data.series.at(k);
            auto* set = new QBarSet(s.name);
            for (int i = 0; i < n; ++i)
                set->append(finiteOr0(s.values.value(i, 0.0)) * mult);
            const QColor c = s.color.isValid() ? s.color : theme.accent(k);
            set->setColor(c);
            set->setBorderColor(c);
            bars->append(set);
        }
        chart->addSeries(bars);
        bars->attachAxis(categoryAxis);
        bars->attachAxis(valueAxis);
        if (onClick)
            QObject::connect(bars, &QAbstractBarSeries::clicked, chart, [bars, onClick](int index, QBarSet* set) {
                onClick(int(bars->barSets().indexOf(set)), index);
            });
    } else {
        for (int k = 0; k < data.series.size(); ++k) {
            const ChartSeries& s = data.series.at(k);
            auto* line = new QLineSeries;
            line->setName(s.name);
            for (int i = 0; i < n; ++i) {
                const double v = s.values.value(i, qQNaN());
                if (std::isfinite(v))
                    line->append(i, v * mult);
            }
            QPen pen(s.color.isValid() ? s.color : theme.accent(k));
            pen.setWidthF(2.5 * theme.scale);
            line->setPen(pen);
            line->setPointsVisible(true);
            chart->addSeries(line);
            line->attachAxis(categoryAxis);
            line->attachAxis(valueAxis);
            if (onClick)
                QObject::connect(line, &QLineSeries::clicked, chart,
                    [k, onClick](const QPointF& p) { onClick(k, qRound(p.x())); });
        }
    }

    if (data.target && n > 0) {
        auto* target = new QLineSeries;
        target->setName(data.targetLabel);
        const double t = *data.target * mult;
        // Bars sit on category positions 0 … n−1, half a category wide either side.
        const double from = isBarKind(data.kind) ? -0.5 : 0.0;
        const double to = isBarKind(data.kind) ? n - 0.5 : n - 1.0;
        if (horizontal) {
            target->append(t, from);
            target->append(t, to);
        } else {
            target->append(from, t);
            target->append(to, t);
        }
        QPen pen(theme.dark ? QColor(0xff, 0x6b, 0x6b) : QColor(0xc6, 0x28, 0x28));
        pen.setWidthF(1.5 * theme.scale);
        pen.setStyle(Qt::DashLine);
        target->setPen(pen);
        chart->addSeries(target);
        target->attachAxis(categoryAxis);
        target->attachAxis(valueAxis);
    }
}

} // namespace

// The Qt Charts view; only this file knows it.
class KpiChartEngine : public QChartView {
public:
    explicit KpiChartEngine(QWidget* parent)
        : QChartView(new QChart, parent)
    {
        setRenderHint(QPainter::Antialiasing);
        setFrameShape(QFrame::NoFrame);
    }
};

KpiChart::KpiChart(QWidget* parent)
    : QWidget(parent)
    , m_engine(new KpiChartEngine(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_engine);
    setMinimumSize(240, 160);
    rebuild();
}

KpiChart::~KpiChart() = default;

void KpiChart::setData(const KpiChartData& data)
{
    m_data = data;
    rebuild();
}

void KpiChart::setTheme(const ChartTheme& theme)
{
    m_theme = theme;
    rebuild();
}

void KpiChart::rebuild()
{
    m_engine->setBackgroundBrush(m_theme.background());
    buildChart(m_engine->chart(), m_data, m_theme, [this](int series, int category) {
        if (series >= 0 && series < m_data.series.size() && category >= 0 && category < m_data.categories.size())
            emit elementClicked(series, category);
    });
}

std::optional<QPoint> KpiChart::elementCenter(int series, int category) const
{
    if (series < 0 || series >= m_data.series.size() || category < 0 || category >= m_data.categories.size())
        return std::nullopt;
    QChart* chart = m_engine->chart();
    const QList<QAbstractSeries*> all = chart->series();
    if (all.isEmpty())
        return std::nullopt;
    const double mult = multiplier(m_data.format);
    const double v = m_data.series.at(series).values.value(category, qQNaN()) * mult;
    if (!std::isfinite(v) || (isBarKind(m_data.kind) && v <= 0))
        return std::nullopt;
    QPointF value;
    QAbstractSeries* mapping = nullptr;
    if (m_data.kind == ChartKind::Line) {
        mapping = all.value(series);
        value = QPointF(category, v);
    } else {
        mapping = all.first();
        double below = 0;
        for (int k = 0; k < series; ++k)
            below += finiteOr0(m_data.series.at(k).values.value(category, 0.0)) * mult;
        const int count = int(m_data.series.size());
        switch (m_data.kind) {
        case ChartKind::StackedBar: value = QPointF(category, below + v / 2); break;
        case ChartKind::HorizontalStackedBar: value = QPointF(below + v / 2, category); break;
        default: {
            // Grouped bars share the bar width (0.7 of a category) side by side.
            const double width = 0.7 / count;
            value = QPointF(category - 0.35 + (series + 0.5) * width, v / 2);
            break;
        }
        }
    }
    if (!mapping)
        return std::nullopt;
    const QPointF inChart = chart->mapToPosition(value, mapping);
    const QPoint inViewport = m_engine->mapFromScene(chart->mapToScene(inChart));
    return m_engine->viewport()->mapTo(this, inViewport);
}

void KpiChart::render(QPainter* painter, const QRectF& target, const KpiChartData& data, const ChartTheme& theme,
    const QSizeF& size)
{
    QGraphicsScene scene;
    auto* chart = new QChart; // owned by the scene
    scene.addItem(chart);
    buildChart(chart, data, theme, {});
    chart->setGeometry(QRectF(QPointF(0, 0), size));
    // The chart lays itself out on a posted LayoutRequest; run it now, we are not in a window.
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
    if (chart->layout())
        chart->layout()->activate();
    scene.setSceneRect(QRectF(QPointF(0, 0), size));
    scene.render(painter, target, scene.sceneRect(), Qt::IgnoreAspectRatio);
}

} // namespace gridhall
