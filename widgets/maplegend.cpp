#include "widgets/maplegend.h"

#include "maps/cameraslayer.h"
#include "maps/caseslayer.h"
#include "maps/workerslayer.h"

#include <QEvent>
#include <QGridLayout>
#include <QLabel>
#include <QPainter>
#include <QPixmap>
#include <QToolButton>
#include <QVBoxLayout>
#include <tuple>

namespace gridhall {

namespace {

// WorkersLayer keeps its status colours private; these mirror maps/workerslayer.cpp.
QColor workerColour(WorkerDisplayStatus s)
{
    switch (s) {
    case WorkerDisplayStatus::Patrolling:
        return QColor(0x2e, 0xcc, 0x71);
    case WorkerDisplayStatus::OnCase:
        return QColor(0x3d, 0x8b, 0xff);
    case WorkerDisplayStatus::Offline:
        return QColor(0x80, 0x80, 0x88);
    case WorkerDisplayStatus::Stale:
        return QColor(0xa8, 0xa8, 0xb0);
    }
    return {};
}

constexpr int kIconSize = 18;
// Cluster swatches are the map's own cluster sprites, a little bigger than the others.
constexpr int kClusterIconSize = 22;

} // namespace

MapLegend::MapLegend(QWidget* parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("mapLegend"));
    m_layout = new QVBoxLayout(this);
    m_layout->setContentsMargins(6, 6, 6, 6);
    m_header = new QToolButton(this);
    m_header->setObjectName(QStringLiteral("legendHeader"));
    m_header->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_header->setAutoRaise(true);
    m_header->setCheckable(true);
    m_header->setChecked(true);
    connect(m_header, &QToolButton::clicked, this, [this](bool open) {
        m_byHand = true;
        setCollapsed(!open);
    });
    m_layout->addWidget(m_header);
    rebuild();
}

void MapLegend::setCollapsed(bool collapsed)
{
    m_header->setChecked(!collapsed);
    m_header->setArrowType(collapsed ? Qt::RightArrow : Qt::DownArrow);
    if (collapsed == m_collapsed)
        return;
    m_collapsed = collapsed;
    if (m_body)
        m_body->setVisible(!collapsed);
    adjustSize();
    emit collapsedChanged(collapsed);
}

int MapLegend::expandedHeight() const
{
    const QMargins m = m_layout->contentsMargins();
    return m.top() + m_header->sizeHint().height() + m_layout->spacing() + m_body->sizeHint().height() + m.bottom();
}

MapLegend::~MapLegend() = default;

void MapLegend::setColourMode(AreaColourMode mode)
{
    if (mode == m_mode)
        return;
    m_mode = mode;
    rebuild();
}

void MapLegend::setTheme(MapTheme theme)
{
    if (theme == m_theme)
        return;
    m_theme = theme;
    rebuild();
}

void MapLegend::setAreaOpacity(qreal opacity)
{
    opacity = std::clamp(opacity, 0.0, 1.0);
    if (qFuzzyCompare(opacity, m_areaOpacity))
        return;
    m_areaOpacity = opacity;
    rebuild();
}

void MapLegend::setCamerasShown(bool shown)
{
    if (shown == m_camerasShown)
        return;
    m_camerasShown = shown;
    rebuild();
}

QList<MapLegend::Entry> MapLegend::entries(Section section) const
{
    QList<Entry> out;
    for (const Entry& e : m_entries)
        if (e.section == section)
            out.append(e);
    return out;
}

QColor MapLegend::gridFill(const GridStats& stats, AreaColourMode mode)
{
    // Ask the layer itself, so the legend can never drift from the map's ramp.
    static const QString kProbe = QStringLiteral("probe");
    GridCell cell;
    cell.code = kProbe;
    cell.boundary.parts.append(Polygon { Ring { { 0, 0 }, { 0.001, 0 }, { 0.001, -0.001 }, { 0, -0.001 } }, {} });
    AreasLayer probe;
    probe.setAreas({}, {}, { cell });
    probe.setColourMode(mode);
    probe.setGridStats(kProbe, stats);
    return probe.fillColour(kProbe);
}

void MapLegend::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        rebuild();
    QWidget::changeEvent(event);
}

void MapLegend::rebuild()
{
    m_entries.clear();
    const MapPalette palette = paletteFor(m_theme);

    auto addFill = [&](const GridStats& stats, const QString& text, const QString& key) {
        const QColor fill = gridFill(stats, m_mode);
        if (!fill.isValid())
            return;
        const QColor shown = preblend(fill, palette.background, m_areaOpacity);
        m_entries.append({ Section::GridFill, text, sprites::Shape::Dot, shown, shown, key });
    };
    auto open = [](int n) { return GridStats { n, DisputeLevel::None, 0 }; };
    auto overdue = [](int n) { return GridStats { 0, DisputeLevel::None, n }; };
    auto dispute = [](DisputeLevel l) { return GridStats { 0, l, 0 }; };
    switch (m_mode) {
    case AreaColourMode::None:
        break;
    case AreaColourMode::OpenCases:
        addFill(open(1), tr("1–2 open cases"), QStringLiteral("open-1"));
        addFill(open(3), tr("3–5 open cases"), QStringLiteral("open-3"));
        addFill(open(6), tr("6–10 open cases"), QStringLiteral("open-6"));
        addFill(open(11), tr("11–20 open cases"), QStringLiteral("open-11"));
        addFill(open(21), tr("21 or more open cases"), QStringLiteral("open-21"));
        break;
    case AreaColourMode::DisputeLevel:
        addFill(dispute(DisputeLevel::Red), tr("Red dispute open"), QStringLiteral("dispute-red"));
        addFill(dispute(DisputeLevel::Orange), tr("Orange dispute open"), QStringLiteral("dispute-orange"));
        addFill(dispute(DisputeLevel::Yellow), tr("Yellow dispute open"), QStringLiteral("dispute-yellow"));
        break;
    case AreaColourMode::OverdueCases:
        addFill(overdue(1), tr("1–2 overdue cases"), QStringLiteral("overdue-1"));
        addFill(overdue(3), tr("3–5 overdue cases"), QStringLiteral("overdue-3"));
        addFill(overdue(6), tr("6 or more overdue cases"), QStringLiteral("overdue-6"));
        break;
    }

    auto addCase = [&](CaseState state, DisputeLevel level, const QString& text, const QString& key) {
        CaseMarker m;
        m.state = state;
        m.dispute = level;
        const bool isDispute = level != DisputeLevel::None;
        m_entries.append({ Section::Cases, text, isDispute ? sprites::Shape::Diamond : sprites::Shape::Dot,
            CasesLayer::markerColour(m), Qt::white, key });
    };
    addCase(CaseState::Reported, DisputeLevel::Red, tr("Red dispute"), QStringLiteral("case-red"));
    addCase(CaseState::Reported, DisputeLevel::Orange, tr("Orange dispute"), QStringLiteral("case-orange"));
    addCase(CaseState::Reported, DisputeLevel::Yellow, tr("Yellow dispute"), QStringLiteral("case-yellow"));
    addCase(CaseState::Reported, DisputeLevel::None, tr("Reported"), QStringLiteral("case-reported"));
    addCase(CaseState::Dispatched, DisputeLevel::None, tr("Registered or dispatched"), QStringLiteral("case-dispatched"));
    addCase(CaseState::Handling, DisputeLevel::None, tr("Being handled"), QStringLiteral("case-handling"));
    addCase(CaseState::FedBack, DisputeLevel::None, tr("Fed back or verified"), QStringLiteral("case-fedback"));
    m_entries.append({ Section::Cases, tr("Overdue (red ring)"), sprites::Shape::Dot, palette.background,
        CasesLayer::overdueRingColour(), QStringLiteral("case-overdue") });

    // Where markers would overlap the map shows clusters: the number of cases inside, the
    // colour of the worst dispute among them (slate: none), a red ring when one is overdue.
    // Two rows only: a taller legend folds away on a laptop-sized map.
    m_entries.append({ Section::Clusters, tr("Count; colour of the worst dispute"),
        sprites::Shape::Dot, CasesLayer::clusterColour(DisputeLevel::Red), Qt::white, QStringLiteral("cluster-worst") });
    m_entries.append({ Section::Clusters, tr("Red ring: some overdue"), sprites::Shape::Dot,
        CasesLayer::clusterColour(DisputeLevel::None), CasesLayer::overdueRingColour(), QStringLiteral("cluster-overdue") });

    auto addWorker = [&](WorkerDisplayStatus s, sprites::Shape shape, const QColor& border, const QString& text,
                         const QString& key) {
        m_entries.append({ Section::Workers, text, shape, workerColour(s), border, key });
    };
    addWorker(WorkerDisplayStatus::Patrolling, sprites::Shape::Dot, Qt::white, tr("Patrolling"),
        QStringLiteral("worker-patrolling"));
    addWorker(WorkerDisplayStatus::OnCase, sprites::Shape::Dot, Qt::white, tr("On a case"),
        QStringLiteral("worker-oncase"));
    addWorker(WorkerDisplayStatus::Offline, sprites::Shape::Dot, QColor(0x30, 0x30, 0x30), tr("Offline"),
        QStringLiteral("worker-offline"));
    addWorker(WorkerDisplayStatus::Stale, sprites::Shape::Ring, workerColour(WorkerDisplayStatus::Stale),
        tr("Position out of date"), QStringLiteral("worker-stale"));
    // Zoomed out, WorkersLayer gathers workers into bubbles with their count, green when
    // some of them are on duty, grey when all are offline: at 20,000 workers most of the
    // desk's map is such bubbles, which look like case clusters unless explained.
    m_entries.append({ Section::Workers, tr("Several workers: count (grey: all offline)"), sprites::Shape::Dot,
        workerColour(WorkerDisplayStatus::Patrolling).darker(130), Qt::white, QStringLiteral("worker-cluster") });

    // The cameras, as CamerasLayer draws them: a colour per kind, a grey square for several.
    if (m_camerasShown) {
        for (const auto& [kind, text, key] : { std::tuple { CameraKind::Road, tr("Road camera"), QStringLiteral("camera-road") },
                 std::tuple { CameraKind::Compound, tr("Compound gate camera"), QStringLiteral("camera-compound") },
                 std::tuple { CameraKind::FaceMatching, tr("Face-matching camera"), QStringLiteral("camera-face") } })
            m_entries.append({ Section::Cameras, text, sprites::Shape::Dot, CamerasLayer::kindColour(kind), Qt::white, key });
        m_entries.append({ Section::Cameras, tr("Several cameras: their count"), sprites::Shape::Dot, QColor(70, 70, 80),
            Qt::white, QStringLiteral("camera-cluster") });
    }

    // Rebuild the widgets from the entries.
    delete m_body;
    m_body = new QWidget(this);
    m_body->setObjectName(QStringLiteral("legendBody"));
    auto* grid = new QGridLayout(m_body);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setHorizontalSpacing(6);
    grid->setVerticalSpacing(2);
    const qreal dpr = devicePixelRatioF();
    // Two columns, so the legend stays short enough to stay open over a desk's map: grid
    // cells and workers on the left, cases and their clusters on the right.
    int rows[2] = { 0, 0 };
    int side = 0;
    grid->setColumnMinimumWidth(2, 10);
    auto columnOf = [](Section s) { return s == Section::Cases || s == Section::Clusters ? 1 : 0; };
    auto heading = [&](const QString& text, const QString& name) {
        auto* label = new QLabel(text, m_body);
        label->setObjectName(name);
        QFont f = label->font();
        f.setBold(true);
        label->setFont(f);
        grid->addWidget(label, rows[side]++, side * 3, 1, 2);
    };
    Section last = Section::Workers;
    bool first = true;
    for (const Entry& e : std::as_const(m_entries)) {
        if (first || e.section != last) {
            side = columnOf(e.section);
            switch (e.section) {
            case Section::GridFill:
                heading(tr("Grid cells"), QStringLiteral("legendGridHeading"));
                break;
            case Section::Cases:
                heading(tr("Cases"), QStringLiteral("legendCasesHeading"));
                break;
            case Section::Clusters:
                heading(tr("Case clusters"), QStringLiteral("legendClustersHeading"));
                break;
            case Section::Workers:
                heading(tr("Workers"), QStringLiteral("legendWorkersHeading"));
                break;
            case Section::Cameras:
                heading(tr("Cameras"), QStringLiteral("legendCamerasHeading"));
                break;
            }
            first = false;
            last = e.section;
        }
        const bool countBubble = e.key == QLatin1String("camera-cluster") || e.key == QLatin1String("worker-cluster");
        const int iconSide = e.section == Section::Clusters || countBubble ? kClusterIconSize : kIconSize;
        QImage icon(QSize(iconSide, iconSide) * dpr, QImage::Format_ARGB32_Premultiplied);
        icon.setDevicePixelRatio(dpr);
        icon.fill(Qt::transparent);
        {
            QPainter p(&icon);
            if (e.section == Section::Clusters) {
                const bool worst = e.key == QLatin1String("cluster-worst");
                const QImage s = CasesLayer::clusterSprite(worst ? DisputeLevel::Red : DisputeLevel::None,
                    e.key == QLatin1String("cluster-overdue"), worst ? 12 : 8, dpr, 0.8);
                p.drawImage(sprites::placeAt(s, QPointF(iconSide / 2.0, iconSide / 2.0)), s);
            } else if (e.section == Section::Cameras) {
                p.setRenderHint(QPainter::Antialiasing);
                const QPointF centre(iconSide / 2.0, iconSide / 2.0);
                if (e.key == QLatin1String("camera-cluster")) {
                    QFont f = font();
                    f.setBold(true);
                    f.setPixelSize(10);
                    p.setFont(f);
                    p.scale(0.8, 0.8); // the smallest square is 20 px across
                    CamerasLayer::paintCluster(p, centre / 0.8, 3);
                } else {
                    Camera c;
                    c.kind = e.key == QLatin1String("camera-road") ? CameraKind::Road
                        : e.key == QLatin1String("camera-compound") ? CameraKind::Compound
                                                                     : CameraKind::FaceMatching;
                    CamerasLayer::paintCamera(p, c, centre);
                }
            } else if (e.key == QLatin1String("worker-cluster")) {
                // As WorkersLayer draws its smallest bubble: white count on the darker green.
                const QImage s = sprites::make(e.shape, e.fill, e.border, iconSide - 2, dpr, 1.5);
                const QPointF at = sprites::placeAt(s, QPointF(iconSide / 2.0, iconSide / 2.0));
                p.drawImage(at, s);
                QFont f = font();
                f.setBold(true);
                f.setPixelSize(10);
                p.setFont(f);
                p.setPen(Qt::white);
                p.drawText(QRectF(at, QSizeF(s.size()) / dpr), Qt::AlignCenter, QStringLiteral("8"));
            } else if (e.section == Section::GridFill) {
                p.fillRect(QRectF(2, 3, kIconSize - 4, kIconSize - 6), e.fill);
                p.setPen(palette.gridOutline);
                p.drawRect(QRectF(2.5, 3.5, kIconSize - 5, kIconSize - 7));
            } else {
                const bool ring = e.key == QLatin1String("case-overdue");
                const QImage s = sprites::make(e.shape, e.fill, e.border, e.shape == sprites::Shape::Diamond ? 16 : 12,
                    dpr, ring ? 3 : 1.5);
                p.drawImage(sprites::placeAt(s, QPointF(kIconSize / 2.0, kIconSize / 2.0)), s);
            }
        }
        auto* swatch = new QLabel(m_body);
        swatch->setObjectName(QStringLiteral("legendSwatch-") + e.key);
        swatch->setPixmap(QPixmap::fromImage(icon));
        auto* text = new QLabel(e.text, m_body);
        text->setObjectName(QStringLiteral("legendText-") + e.key);
        grid->addWidget(swatch, rows[side], side * 3);
        grid->addWidget(text, rows[side], side * 3 + 1);
        ++rows[side];
    }
    m_body->setVisible(!m_collapsed);
    m_layout->addWidget(m_body);
    m_header->setText(tr("Legend"));
    m_header->setArrowType(m_collapsed ? Qt::RightArrow : Qt::DownArrow);
    setAccessibleName(tr("Map legend"));
}

} // namespace gridhall
