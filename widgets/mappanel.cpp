#include "widgets/mappanel.h"

#include "maps/workerslayer.h"
#include "widgets/areasearch.h"
#include "widgets/gridinfo.h"
#include "widgets/layerswitcher.h"
#include "widgets/mapcanvas.h"
#include "widgets/maplegend.h"

#include <QAction>
#include <QEvent>
#include <QLineF>
#include <QMenu>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>
#include <QWidgetAction>

namespace gridhall {

namespace {
// Re-centre only when the worker drifts this far from the centre, so small jitter
// doesn't restart the flight on every fix.
constexpr double kFollowSlackPixels = 3;
constexpr int kFollowFlightMs = 250;
constexpr int kOverlayMargin = 10;
} // namespace

MapPanel::MapPanel(QWidget* parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("mapPanel"));
    m_canvas = new MapCanvas(this);
    m_canvas->setObjectName(QStringLiteral("mapCanvas"));
    m_canvas->installEventFilter(this);

    m_toolBar = new QToolBar(this);
    m_toolBar->setObjectName(QStringLiteral("mapToolBar"));
    m_search = new AreaSearch(m_toolBar);
    m_search->setMaximumWidth(360);
    m_toolBar->addWidget(m_search);

    m_layersButton = new QToolButton(m_toolBar);
    m_layersButton->setObjectName(QStringLiteral("layersButton"));
    m_layersButton->setPopupMode(QToolButton::InstantPopup);
    auto* menu = new QMenu(m_layersButton);
    m_switcher = new LayerSwitcher(menu);
    auto* switcherAction = new QWidgetAction(menu);
    switcherAction->setDefaultWidget(m_switcher);
    menu->addAction(switcherAction);
    m_layersButton->setMenu(menu);
    m_toolBar->addWidget(m_layersButton);

    m_follow = m_toolBar->addAction(QString());
    m_follow->setObjectName(QStringLiteral("followWorkerAction"));
    m_follow->setCheckable(true);
    m_follow->setEnabled(false);
    connect(m_follow, &QAction::toggled, this, [this](bool on) {
        if (on)
            followStep();
        emit followingChanged(on);
    });

    m_legend = new MapLegend(m_canvas);
    m_legend->setAutoFillBackground(true);
    connect(m_legend, &MapLegend::collapsedChanged, this, &MapPanel::placeOverlays);
    m_gridInfo = new GridInfo(m_canvas);
    m_gridInfo->setAutoFillBackground(true);
    m_gridInfo->attachTo(m_canvas);
    connect(m_gridInfo, &GridInfo::gridShown, this, &MapPanel::placeOverlays);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_toolBar);
    layout->addWidget(m_canvas, 1);

    connect(m_search, &AreaSearch::areaChosen, this, &MapPanel::areaRequested);
    // Dragging the map by hand ends following, as in any map app.
    connect(m_canvas, &MapCanvas::viewportChanged, this, [this] {
        if (isFollowing() && m_workers && !m_canvas->isAnimating()) {
            const auto pos = m_workers->position(m_worker);
            const Viewport& v = m_canvas->viewport();
            if (pos && QLineF(v.toPixel(pos->pos), QPointF(v.size().width(), v.size().height()) / 2).length()
                    > 4 * kFollowSlackPixels + 40)
                setFollowing(false);
        }
    });
    retranslate();
}

MapPanel::~MapPanel() = default;

void MapPanel::setWorkersLayer(WorkersLayer* workers)
{
    if (m_workers)
        disconnect(m_workers, nullptr, this, nullptr);
    m_workers = workers;
    if (m_workers)
        connect(m_workers, &MapLayer::repaintRequested, this, &MapPanel::followStep);
    setSelectedWorker(m_worker);
}

void MapPanel::setSelectedWorker(qint64 workerId)
{
    m_worker = workerId;
    const bool available = m_workers && workerId != 0;
    m_follow->setEnabled(available);
    if (!available)
        setFollowing(false);
    else
        followStep();
}

bool MapPanel::isFollowing() const { return m_follow->isChecked(); }

void MapPanel::setFollowing(bool follow) { m_follow->setChecked(follow && m_follow->isEnabled()); }

void MapPanel::followStep()
{
    if (!isFollowing() || !m_workers)
        return;
    const auto pos = m_workers->position(m_worker);
    if (!pos)
        return;
    const Viewport& v = m_canvas->viewport();
    const QPointF centre(v.size().width() / 2.0, v.size().height() / 2.0);
    if (QLineF(v.toPixel(pos->pos), centre).length() > kFollowSlackPixels)
        m_canvas->flyTo(pos->pos, v.zoom(), kFollowFlightMs);
}

void MapPanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

bool MapPanel::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_canvas && (event->type() == QEvent::Resize || event->type() == QEvent::LayoutRequest))
        placeOverlays();
    return QWidget::eventFilter(watched, event);
}

void MapPanel::retranslate()
{
    m_toolBar->setWindowTitle(tr("Map tools"));
    m_layersButton->setText(tr("&Layers"));
    m_layersButton->setToolTip(tr("Show or hide map layers and set their opacity"));
    m_follow->setText(tr("&Follow worker"));
    m_follow->setToolTip(tr("Keep the selected worker in the centre of the map"));
}

void MapPanel::placeOverlays()
{
    // On a small map the legend would hide most of it: it folds to its header there, unless
    // the operator opened or closed it by hand.
    if (!m_legend->collapsedByHand())
        m_legend->setCollapsed(m_legend->expandedHeight() > m_canvas->height() * 3 / 5);
    m_legend->adjustSize();
    m_legend->move(kOverlayMargin, m_canvas->height() - m_legend->height() - kOverlayMargin);
    m_gridInfo->adjustSize();
    m_gridInfo->move(m_canvas->width() - m_gridInfo->width() - kOverlayMargin, kOverlayMargin);
}

} // namespace gridhall
