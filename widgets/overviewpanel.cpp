#include "widgets/overviewpanel.h"

#include <QEvent>
#include <QGridLayout>
#include <QLabel>
#include <QLocale>
#include <QResizeEvent>
#include <QVBoxLayout>
#include <algorithm>

namespace gridhall {

namespace {
// Tile names double as object names, so style sheets and tests can find them.
// What the hall watches first comes first: a narrow dock shows the top rows without scrolling.
const char* const kTileNames[] = { "open", "cases", "reported", "registered", "dispatched", "handling",
    "fedBack", "verified", "closed", "parked", "voided", "streets", "communities", "grids", "workers",
    "departments" };
constexpr int kMostColumns = 4;
} // namespace

OverviewPanel::OverviewPanel(QWidget* parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
{
    setObjectName(QStringLiteral("overviewPanel"));
    m_title->setObjectName(QStringLiteral("overviewTitle"));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    // The panel's width is the dock's, not the tiles' (minimumSizeHint() is one tile).
    layout->setSizeConstraint(QLayout::SetNoConstraint);
    m_grid = new QGridLayout;
    m_grid->setSpacing(12);
    layout->addLayout(m_grid);
    layout->addStretch(1);
    for (const char* name : kTileNames)
        addTile(QString::fromLatin1(name));
    placeTiles(kMostColumns);
    retranslate();
}

void OverviewPanel::addTile(const QString& name)
{
    auto* frame = new QWidget(this);
    frame->setObjectName(QStringLiteral("tile"));
    frame->setAttribute(Qt::WA_StyledBackground);
    auto* box = new QVBoxLayout(frame);
    Tile tile { name, new QLabel(frame), new QLabel(frame) };
    tile.value->setObjectName(QStringLiteral("tileValue"));
    tile.caption->setObjectName(QStringLiteral("tileCaption"));
    tile.value->setProperty("tile", name);
    box->addWidget(tile.value);
    box->addWidget(tile.caption);
    m_frames.append(frame);
    m_tiles.append(tile);
}

void OverviewPanel::placeTiles(int columns)
{
    if (columns == m_columns)
        return;
    m_columns = columns;
    for (QWidget* frame : std::as_const(m_frames))
        m_grid->removeWidget(frame);
    for (int i = 0; i < m_frames.size(); ++i)
        m_grid->addWidget(m_frames[i], i / columns, i % columns);
    for (int c = 0; c < kMostColumns; ++c)
        m_grid->setColumnStretch(c, c < columns ? 1 : 0);
    updateGeometry();
}

int OverviewPanel::tileWidth() const
{
    int widest = 0;
    for (const QWidget* frame : m_frames)
        widest = std::max(widest, frame->sizeHint().width());
    return widest;
}

QSize OverviewPanel::minimumSizeHint() const
{
    const QMargins m = layout()->contentsMargins();
    const int width = std::max(tileWidth(), m_title->minimumSizeHint().width()) + m.left() + m.right();
    return { width, layout()->minimumSize().height() };
}

void OverviewPanel::fitColumns()
{
    const QMargins m = layout()->contentsMargins();
    const int spacing = m_grid->horizontalSpacing();
    const int room = width() - m.left() - m.right();
    placeTiles(std::clamp((room + spacing) / std::max(1, tileWidth() + spacing), 1, kMostColumns));
}

void OverviewPanel::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    fitColumns();
}

bool OverviewPanel::event(QEvent* event)
{
    // A tile grows with its number (1,003,513 cases) or its style sheet's font: fit again.
    if (event->type() == QEvent::LayoutRequest)
        fitColumns();
    return QWidget::event(event);
}

void OverviewPanel::setFigures(const OverviewFigures& figures)
{
    m_figures = figures;
    refresh();
}

QString OverviewPanel::tileValue(const QString& tileName) const
{
    for (const Tile& t : m_tiles)
        if (t.name == tileName)
            return t.value->text();
    return {};
}

void OverviewPanel::refresh()
{
    const QLocale locale;
    const auto byState = [this](CaseState s) { return m_figures.casesByState.value(s); };
    // Open as the map, the area tree and the queues' index count it (parked included, with
    // a tile of its own), so the window shows one open figure, not two.
    qint64 open = 0;
    for (auto it = m_figures.casesByState.cbegin(); it != m_figures.casesByState.cend(); ++it)
        if (isOnTheBooks(it.key()))
            open += it.value();
    const QHash<QString, qint64> values {
        { QStringLiteral("streets"), m_figures.streets },
        { QStringLiteral("communities"), m_figures.communities },
        { QStringLiteral("grids"), m_figures.grids },
        { QStringLiteral("workers"), m_figures.workers },
        { QStringLiteral("departments"), m_figures.departments },
        { QStringLiteral("cases"), m_figures.cases },
        { QStringLiteral("open"), open },
        { QStringLiteral("reported"), byState(CaseState::Reported) },
        { QStringLiteral("registered"), byState(CaseState::Registered) },
        { QStringLiteral("dispatched"), byState(CaseState::Dispatched) },
        { QStringLiteral("handling"), byState(CaseState::Handling) },
        { QStringLiteral("fedBack"), byState(CaseState::FedBack) },
        { QStringLiteral("verified"), byState(CaseState::Verified) },
        { QStringLiteral("closed"), byState(CaseState::Closed) },
        { QStringLiteral("parked"), byState(CaseState::Parked) },
        { QStringLiteral("voided"), byState(CaseState::Voided) },
    };
    const QStringList uncounted { QStringLiteral("cases"), QStringLiteral("closed"), QStringLiteral("voided") };
    for (Tile& t : m_tiles)
        t.value->setText(!m_figures.allCasesCounted && uncounted.contains(t.name) ? QStringLiteral("…")
                                                                                   : locale.toString(values.value(t.name)));
    m_title->setText(m_figures.districtName.isEmpty() ? tr("No district loaded")
                                                       : m_figures.districtName);
}

void OverviewPanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void OverviewPanel::retranslate()
{
    const QHash<QString, QString> captions {
        { QStringLiteral("streets"), tr("Streets") },
        { QStringLiteral("communities"), tr("Communities") },
        { QStringLiteral("grids"), tr("Grid cells") },
        { QStringLiteral("workers"), tr("Field workers") },
        { QStringLiteral("departments"), tr("Departments") },
        { QStringLiteral("cases"), tr("Cases on record") },
        { QStringLiteral("open"), tr("Open cases") },
        { QStringLiteral("reported"), caseStateDisplayName(CaseState::Reported) },
        { QStringLiteral("registered"), caseStateDisplayName(CaseState::Registered) },
        { QStringLiteral("dispatched"), caseStateDisplayName(CaseState::Dispatched) },
        { QStringLiteral("handling"), caseStateDisplayName(CaseState::Handling) },
        { QStringLiteral("fedBack"), caseStateDisplayName(CaseState::FedBack) },
        { QStringLiteral("verified"), caseStateDisplayName(CaseState::Verified) },
        { QStringLiteral("closed"), caseStateDisplayName(CaseState::Closed) },
        { QStringLiteral("parked"), caseStateDisplayName(CaseState::Parked) },
        { QStringLiteral("voided"), caseStateDisplayName(CaseState::Voided) },
    };
    for (Tile& t : m_tiles)
        t.caption->setText(captions.value(t.name));
    refresh();
}

} // namespace gridhall
