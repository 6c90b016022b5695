#include "widgets/gridinfo.h"

#include "maps/areaslayer.h"
#include "widgets/mapcanvas.h"

#include <QEvent>
#include <QLabel>
#include <QVBoxLayout>

namespace gridhall {

GridInfo::GridInfo(QWidget* parent)
    : QFrame(parent)
{
    setObjectName(QStringLiteral("gridInfo"));
    setFrameShape(QFrame::StyledPanel);
    auto make = [this](const char* name) {
        auto* label = new QLabel(this);
        label->setObjectName(QLatin1String(name));
        label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
        return label;
    };
    m_title = make("gridInfoTitle");
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_worker = make("gridInfoWorker");
    m_open = make("gridInfoOpen");
    m_overdue = make("gridInfoOverdue");
    m_dispute = make("gridInfoDispute");
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 6, 8, 6);
    layout->setSpacing(2);
    for (QLabel* l : { m_title, m_worker, m_open, m_overdue, m_dispute })
        layout->addWidget(l);
    refresh();
}

GridInfo::~GridInfo() = default;

void GridInfo::setAreasLayer(AreasLayer* areas)
{
    if (m_areas)
        disconnect(m_areas, nullptr, this, nullptr);
    m_areas = areas;
    // Stats arrive as content changes of the layer.
    if (m_areas)
        connect(m_areas, &MapLayer::repaintRequested, this, &GridInfo::refresh);
    refresh();
}

void GridInfo::setWorkerLookup(WorkerLookup lookup)
{
    m_lookup = std::move(lookup);
    refresh();
}

void GridInfo::attachTo(MapCanvas* canvas)
{
    if (m_canvas)
        disconnect(m_canvas, nullptr, this, nullptr);
    m_canvas = canvas;
    if (!canvas)
        return;
    connect(canvas, &MapCanvas::hovered, this, &GridInfo::onHovered);
    connect(canvas, &MapCanvas::clicked, this, [this](LonLat pos, QPointF) { onClicked(pos); });
}

void GridInfo::showGrid(const QString& code)
{
    if (code == m_code)
        return;
    m_code = code;
    refresh();
    emit gridShown(code);
}

void GridInfo::clear()
{
    m_pinned = false;
    showGrid(QString());
}

void GridInfo::onHovered(const LonLat& pos)
{
    if (m_pinned || !m_areas)
        return;
    showGrid(m_areas->gridAt(pos));
}

void GridInfo::onClicked(const LonLat& pos)
{
    if (!m_areas)
        return;
    const QString code = m_areas->gridAt(pos);
    m_pinned = !code.isEmpty();
    showGrid(code);
}

void GridInfo::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        refresh();
    QFrame::changeEvent(event);
}

void GridInfo::refresh()
{
    setAccessibleName(tr("Grid information"));
    const bool known = m_areas && !m_code.isEmpty() && !m_areas->gridName(m_code).isEmpty();
    for (QLabel* l : { m_worker, m_open, m_overdue, m_dispute })
        l->setVisible(known);
    if (!known) {
        m_title->setText(m_code.isEmpty() ? tr("Point at a grid cell") : tr("Unknown grid %1").arg(m_code));
        for (QLabel* l : { m_worker, m_open, m_overdue, m_dispute })
            l->clear();
        setToolTip(QString());
        return;
    }
    const GridStats stats = m_areas->gridStats(m_code);
    //: Grid name and code.
    m_title->setText(tr("%1 (%2)").arg(m_areas->gridName(m_code), m_code));
    const QString worker = m_lookup ? m_lookup(m_code) : QString();
    m_worker->setText(worker.isEmpty() ? tr("Worker: none assigned") : tr("Worker: %1").arg(worker));
    m_open->setText(tr("Open cases: %1").arg(stats.openCases));
    m_overdue->setText(tr("Overdue: %1").arg(stats.overdueCases));
    m_dispute->setText(stats.highestDispute == DisputeLevel::None
            ? tr("Highest dispute: none")
            : tr("Highest dispute: %1").arg(disputeLevelDisplayName(stats.highestDispute)));
    setToolTip(text());
}

QString GridInfo::text() const
{
    QStringList lines { m_title->text() };
    for (QLabel* l : { m_worker, m_open, m_overdue, m_dispute })
        if (!l->text().isEmpty())
            lines.append(l->text());
    return lines.join(QLatin1Char('\n'));
}

} // namespace gridhall
