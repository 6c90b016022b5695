#include "widgets/kpidashboard.h"

#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

#include <cmath>

namespace gridhall {

namespace {

// The headline tiles: what a leader asks first.
constexpr KpiIndicator kTileIndicators[] = { KpiIndicator::Reported, KpiIndicator::Closed, KpiIndicator::ClosureRate,
    KpiIndicator::OnTimeClosureRate, KpiIndicator::ReworkRate, KpiIndicator::Overdue };

QString tileValue(KpiIndicator indicator, const KpiValues& values)
{
    const std::optional<double> v = values.value(indicator);
    if (kpiIsRate(indicator))
        return kpiFormatRate(v);
    return v ? QLocale().toString(qint64(*v)) : kpiFormatRate(std::nullopt);
}

} // namespace

KpiDashboard::KpiDashboard(QWidget* parent)
    : QWidget(parent)
{
    auto* outer = new QVBoxLayout(this);
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("kpiDashboardTitle"));
    outer->addWidget(m_title);

    auto* tiles = new QHBoxLayout;
    for (Tile& t : m_tiles) {
        t.frame = new QWidget(this);
        t.frame->setObjectName(QStringLiteral("kpiTile"));
        t.frame->setAttribute(Qt::WA_StyledBackground);
        auto* v = new QVBoxLayout(t.frame);
        t.name = new QLabel(t.frame);
        t.name->setObjectName(QStringLiteral("kpiTileName"));
        t.value = new QLabel(t.frame);
        t.value->setObjectName(QStringLiteral("kpiTileValue"));
        t.change = new QLabel(t.frame);
        t.change->setObjectName(QStringLiteral("kpiTileChange"));
        v->addWidget(t.name);
        v->addWidget(t.value);
        v->addWidget(t.change);
        tiles->addWidget(t.frame);
    }
    outer->addLayout(tiles);

    auto* grid = new QGridLayout;
    for (int i = 0; i < kOverviewChartCount; ++i) {
        auto* c = new KpiChart(this);
        m_charts[i] = c;
        grid->addWidget(c, i / 3, i % 3);
        const auto which = OverviewChart(i);
        connect(c, &KpiChart::elementClicked, this, [this, which](int series, int category) {
            if (const std::optional<CaseFilter> f = overviewChartFilter(which, m_overview, series, category))
                emit caseFilterRequested(*f);
        });
    }
    for (int r = 0; r < 2; ++r)
        grid->setRowStretch(r, 1);
    outer->addLayout(grid, 1);
    applyTheme();
    refresh();
}

void KpiDashboard::setOverview(const KpiOverview& overview)
{
    m_overview = overview;
    refresh();
}

void KpiDashboard::setTheme(const ChartTheme& theme)
{
    m_theme = theme;
    applyTheme();
    refresh();
}

QStringList KpiDashboard::headlineTexts() const
{
    QStringList out;
    for (const Tile& t : m_tiles)
        out << t.name->text() + QLatin1Char(' ') + t.value->text() + QLatin1Char(' ') + t.change->text();
    return out;
}

void KpiDashboard::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        refresh();
    QWidget::changeEvent(event);
}

void KpiDashboard::applyTheme()
{
    const ChartTheme& t = m_theme;
    // One style sheet on the dashboard: it outranks the application's (which colours every
    // QWidget), so the dashboard reads the same on the wall and at a desk whatever the app
    // theme is.
    const QString tileBg = t.dark ? QStringLiteral("#172231") : QStringLiteral("#f2f5f8");
    auto pt = [&](double points) { return QString::number(int(std::lround(points * t.scale))); };
    setStyleSheet(QStringLiteral(
        "QWidget { background: %1; color: %2; }"
        "QWidget#kpiTile { background: %3; border-radius: %4px; }"
        "QLabel#kpiTileName, QLabel#kpiTileChange { background: transparent; color: %5; font-size: %6pt; }"
        "QLabel#kpiTileValue { background: transparent; color: %2; font-size: %7pt; font-weight: 700; }"
        "QLabel#kpiDashboardTitle { background: transparent; font-size: %8pt; font-weight: 700; }")
                      .arg(t.background().name(), t.text().name(), tileBg, pt(6), t.mutedText().name(), pt(9.5),
                          pt(20), pt(14)));
    for (KpiChart* c : m_charts)
        c->setTheme(t);
}

void KpiDashboard::refresh()
{
    const KpiOverview& o = m_overview;
    if (o.weekCount() == 0) {
        m_title->setText(tr("KPI dashboard: no data yet"));
    } else {
        const QDate from = o.weekFrom(o.weekCount() - 1).date();
        m_title->setText(tr("%1 — week %2 (%3 to %4)")
                             .arg(o.scopeName, isoWeekName(from), QLocale().toString(from, QLocale::ShortFormat),
                                 QLocale().toString(from.addDays(6), QLocale::ShortFormat)));
    }
    const KpiValues current = o.current();
    const KpiValues previous = o.previous();
    for (int i = 0; i < int(m_tiles.size()); ++i) {
        const KpiIndicator ind = kTileIndicators[i];
        m_tiles[i].name->setText(kpiIndicatorDisplayName(ind));
        m_tiles[i].value->setText(o.weekCount() ? tileValue(ind, current) : kpiFormatRate(std::nullopt));
        const KpiChange change = kpiChange(current.value(ind), previous.value(ind));
        m_tiles[i].change->setText(tr("%1 vs last week").arg(kpiFormatChange(change, kpiIsRate(ind))));
    }
    m_chartsBehind = true;
    if (isVisible())
        setChartData();
}

void KpiDashboard::setChartData()
{
    m_chartsBehind = false;
    for (int i = 0; i < kOverviewChartCount; ++i)
        m_charts[i]->setData(overviewChartData(OverviewChart(i), m_overview));
}

void KpiDashboard::showEvent(QShowEvent* event)
{
    if (m_chartsBehind)
        setChartData();
    QWidget::showEvent(event);
}

} // namespace gridhall
