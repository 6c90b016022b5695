#include "reports/kpidashboardloader.h"

#include "models/store/storeservice.h"
#include "widgets/kpidashboard.h"

#include <QVBoxLayout>

namespace gridhall {

KpiDashboardLoader::KpiDashboardLoader(StoreService& store, KpiDashboard& dashboard,
    const KpiOverviewRequest& request, QObject* parent)
    : QObject(parent)
    , m_store(store)
    , m_dashboard(dashboard)
    , m_request(request)
{
    // Live changes arrive every few seconds at peak; the KPIs of a week move slowly.
    m_throttle.setSingleShot(true);
    m_throttle.setInterval(30'000);
    connect(&m_throttle, &QTimer::timeout, this, &KpiDashboardLoader::reload);
    connect(&m_store, &StoreService::changed, this, [this] {
        if (!m_throttle.isActive())
            m_throttle.start();
    });
}

void KpiDashboardLoader::reload()
{
    if (m_loading) {
        m_again = true;
        return;
    }
    m_loading = true;
    KpiOverviewRequest request = m_request;
    request.weekStart = weekStartOf(QDateTime::currentDateTime());
    request.asOf = QDateTime();
    requestKpiOverview(m_store, request, this, [this](const std::optional<KpiOverview>& overview, const QString& error) {
        m_loading = false;
        if (overview) {
            m_dashboard.setOverview(*overview);
            emit loaded();
        } else {
            emit failed(error);
        }
        if (m_again) {
            m_again = false;
            reload();
        }
    });
}

KpiDashboard* openKpiDashboard(QWidget* parent, StoreService& store, const QString& language, const ChartTheme& theme)
{
    auto* window = new QWidget(parent, Qt::Window);
    window->setAttribute(Qt::WA_DeleteOnClose);
    window->setWindowTitle(KpiDashboard::tr("KPI dashboard"));
    auto* layout = new QVBoxLayout(window);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* dashboard = new KpiDashboard(window);
    dashboard->setTheme(theme);
    layout->addWidget(dashboard);
    KpiOverviewRequest request;
    request.chineseNames = language.startsWith(QLatin1String("zh"));
    auto* loader = new KpiDashboardLoader(store, *dashboard, request, window);
    loader->reload();
    window->resize(1600, 900);
    window->show();
    return dashboard;
}

} // namespace gridhall
