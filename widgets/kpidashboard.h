#pragma once
// KpiDashboard: the leaders' KPI view — headline indicators against last week and the six
// overview charts. Takes a finished KpiOverview (gathered on the store thread by whoever
// owns the store) and a theme: dark with large type on the wall, light at a desk.
// Clicking a bar or point emits caseFilterRequested with the cases behind it, for the app
// to open the case queue filtered to them.

#include "models/domain/casefilter.h"
#include "models/store/kpioverview.h"
#include "widgets/kpichart.h"
#include "widgets/kpioverviewcharts.h"

#include <QWidget>
#include <array>

class QLabel;
class QGridLayout;

namespace gridhall {

class KpiDashboard : public QWidget {
    Q_OBJECT
public:
    explicit KpiDashboard(QWidget* parent = nullptr);

    void setOverview(const KpiOverview& overview);
    const KpiOverview& overview() const { return m_overview; }
    void setTheme(const ChartTheme& theme);
    const ChartTheme& theme() const { return m_theme; }

    KpiChart* chart(OverviewChart which) const { return m_charts.at(int(which)); }
    // The headline tile texts, in order (for tests and screen readers).
    QStringList headlineTexts() const;

signals:
    void caseFilterRequested(const gridhall::CaseFilter& filter);

protected:
    void changeEvent(QEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    void refresh();
    void applyTheme();
    void setChartData();

    KpiOverview m_overview;
    ChartTheme m_theme = ChartTheme::desk();
    QLabel* m_title = nullptr;
    struct Tile {
        QWidget* frame = nullptr;
        QLabel* name = nullptr;
        QLabel* value = nullptr;
        QLabel* change = nullptr;
    };
    std::array<Tile, 6> m_tiles;
    std::array<KpiChart*, kOverviewChartCount> m_charts {};
    // Data set while hidden (a wall view not on screen): the charts take it when shown. Their
    // layout at a new overview held a wall's GUI thread 10-14 ms at start (issue 15).
    bool m_chartsBehind = false;
};

} // namespace gridhall
