#include "widgets/overviewpanel.h"

#include <QEvent>
#include <QGridLayout>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

namespace gridhall {

namespace {
// Tile names double as object names, so style sheets and tests can find them.
const char* const kTileNames[] = { "streets", "communities", "grids", "workers", "departments",
    "cases", "open", "reported", "registered", "dispatched", "handling", "fedBack", "verified",
    "closed", "parked", "voided" };
} // namespace

OverviewPanel::OverviewPanel(QWidget* parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
{
    setObjectName(QStringLiteral("overviewPanel"));
    m_title->setObjectName(QStringLiteral("overviewTitle"));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    auto* grid = new QGridLayout;
    grid->setSpacing(12);
    layout->addLayout(grid);
    layout->addStretch(1);
    const int columns = 4;
    int i = 0;
    for (const char* name : kTileNames) {
        addTile(grid, i / columns, i % columns, QString::fromLatin1(name));
        ++i;
    }
    retranslate();
}

void OverviewPanel::addTile(QGridLayout* grid, int row, int column, const QString& name)
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
    grid->addWidget(frame, row, column);
    m_tiles.append(tile);
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
    qint64 open = 0;
    for (auto it = m_figures.casesByState.cbegin(); it != m_figures.casesByState.cend(); ++it)
        if (isOpen(it.key()))
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
