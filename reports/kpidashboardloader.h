#pragma once
// Keeps a KpiDashboard fed from the app's store (here, not in widgets/, which never sees
// the store): gathers the overview of the current week
// on the store thread (requestKpiOverview) at start and again, at most once per interval,
// after the store announces changed cases. The dashboard itself only ever sees finished
// values on the GUI thread.
//
// openKpiDashboard(): the View ▸ KPI dashboard window, for the app to call.

#include "models/store/kpioverview.h"
#include "widgets/kpichart.h"

#include <QObject>
#include <QTimer>

class QWidget;

namespace gridhall {

class KpiDashboard;
class StoreService;

class KpiDashboardLoader : public QObject {
    Q_OBJECT
public:
    // request.weekStart is ignored: the loader always shows the week containing now.
    KpiDashboardLoader(StoreService& store, KpiDashboard& dashboard, const KpiOverviewRequest& request,
        QObject* parent = nullptr);

    void reload();
    void setMinimumInterval(int ms) { m_throttle.setInterval(ms); }

signals:
    void loaded();
    void failed(const QString& message);

private:
    StoreService& m_store;
    KpiDashboard& m_dashboard;
    KpiOverviewRequest m_request;
    QTimer m_throttle; // coalesces bursts of changes into one reload
    bool m_loading = false;
    bool m_again = false;
};

// A top-level window with a dashboard for the current week, refreshed as the store changes;
// deleted when closed. Returns the dashboard so the caller can connect caseFilterRequested.
// language "zh_CN" or "en" picks the category names.
KpiDashboard* openKpiDashboard(QWidget* parent, StoreService& store, const QString& language,
    const ChartTheme& theme);

} // namespace gridhall
