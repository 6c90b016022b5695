#pragma once
// KpiChart: GridHall's one chart wrapper. Everything else (dashboard, weekly report) says
// what to show in KpiChartData — categories, series, a target line — and never touches the
// chart engine, so Qt Charts (deprecated from Qt 6.10) can be swapped for Qt Graphs or
// plain QPainter code here alone.
//
// The same data renders into the widget (the dashboard; clicks come back as
// elementClicked(series, category)) or onto any QPainter (the PDF report, vector output).

#include <QColor>
#include <QList>
#include <QString>
#include <QStringList>
#include <QWidget>
#include <optional>

class QPainter;

namespace gridhall {

class KpiChartEngine;

// Colours and type size: a desk (light, normal type) or the hall's wall (dark, large type).
struct ChartTheme {
    bool dark = false;
    double scale = 1.0; // type and line size multiplier
    QStringList fontFamilies; // empty: the application font (the PDF report names its own)

    static ChartTheme desk() { return { false, 1.0, {} }; }
    static ChartTheme wall() { return { true, 2.6, {} }; } // sized for one 4K screen of the wall
    QColor background() const;
    QColor text() const;
    QColor mutedText() const;
    QColor gridLine() const;
    QColor accent(int index) const; // series colours, distinct on both backgrounds
    bool operator==(const ChartTheme&) const = default;
};

enum class ChartKind {
    Line, // one line per series over the categories
    Bar, // grouped vertical bars
    StackedBar, // vertical bars, series stacked
    HorizontalStackedBar, // horizontal bars, series stacked (rankings: one series per grade)
};

enum class ChartValueFormat {
    Count, // 1,234
    Percent, // values are fractions; the axis shows 0 … 100 %
    Score, // 0 … 100
};

struct ChartSeries {
    QString name;
    QList<double> values; // one per category; NaN where undefined (not drawn)
    QColor color; // invalid: the theme's accent for its position
};

struct KpiChartData {
    QString title;
    ChartKind kind = ChartKind::Bar;
    ChartValueFormat format = ChartValueFormat::Count;
    QStringList categories;
    QList<ChartSeries> series;
    std::optional<double> target; // a dashed line at this value (e.g. the 结案率 target)
    QString targetLabel;
    bool legend = true;
    bool rotateLabels = false; // slanted category labels, for long names side by side
};

class KpiChart : public QWidget {
    Q_OBJECT
public:
    explicit KpiChart(QWidget* parent = nullptr);
    ~KpiChart() override;

    void setData(const KpiChartData& data);
    const KpiChartData& data() const { return m_data; }
    void setTheme(const ChartTheme& theme);
    const ChartTheme& theme() const { return m_theme; }

    // Centre of one bar or point in this widget's coordinates (what a click would hit);
    // nothing when the element is not drawn.
    std::optional<QPoint> elementCenter(int series, int category) const;

    // Draws the chart into target on any painter (PDF, image) without a widget; vector
    // output on vector devices. `size` is the layout size in points (type is laid out for
    // it, then scaled to target).
    static void render(QPainter* painter, const QRectF& target, const KpiChartData& data,
        const ChartTheme& theme, const QSizeF& size = QSizeF(640, 360));

signals:
    // A bar or a line point was clicked.
    void elementClicked(int series, int category);

private:
    void rebuild();
    KpiChartData m_data;
    ChartTheme m_theme = ChartTheme::desk();
    KpiChartEngine* m_engine = nullptr; // the chart view, a child widget
};

} // namespace gridhall
