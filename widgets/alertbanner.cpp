#include "widgets/alertbanner.h"

#include "models/domain/taxonomy.h"

#include <QApplication>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace gridhall {

AlertBanner::AlertBanner(QWidget* parent)
    : QFrame(parent)
    , m_redRow(new QFrame(this))
    , m_redText(new QLabel(m_redRow))
    , m_show(new QPushButton(m_redRow))
    , m_ack(new QPushButton(m_redRow))
    , m_overdueLabel(new QLabel(this))
{
    setObjectName(QStringLiteral("alertBanner"));
    m_redRow->setObjectName(QStringLiteral("redDisputeBanner"));
    m_redRow->setStyleSheet(QStringLiteral(
        "#redDisputeBanner { background: #c5221f; border-radius: 4px; }"
        "#redDisputeBanner QLabel { color: white; font-weight: bold; }"
        "#redDisputeBanner QPushButton { background: white; color: #c5221f; border-radius: 3px; padding: 3px 10px; font-weight: bold; }"));
    QFont f = m_redText->font();
    f.setPointSizeF(f.pointSizeF() * 1.2);
    m_redText->setFont(f);
    m_redText->setWordWrap(true);
    auto* row = new QHBoxLayout(m_redRow);
    row->setContentsMargins(10, 6, 6, 6);
    row->addWidget(m_redText, 1);
    row->addWidget(m_show);
    row->addWidget(m_ack);
    m_overdueLabel->setObjectName(QStringLiteral("overdueBadge"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_redRow);
    layout->addWidget(m_overdueLabel);
    m_overdueFlash.setSingleShot(true);
    m_overdueFlash.setInterval(4000);
    connect(&m_overdueFlash, &QTimer::timeout, this, &AlertBanner::refresh);
    connect(m_ack, &QPushButton::clicked, this, &AlertBanner::acknowledgeAll);
    connect(m_show, &QPushButton::clicked, this, [this] {
        if (!m_pending.isEmpty())
            emit showCaseRequested(m_pending.last().caseId);
    });
    refresh();
}

void AlertBanner::addRedDispute(const Alert& alert)
{
    if (m_seen.contains(alert.caseId))
        return;
    m_seen.insert(alert.caseId);
    m_pending.append(alert);
    if (m_sound)
        QApplication::beep();
    refresh();
    emit pendingChanged(pendingCount());
}

void AlertBanner::considerCases(const QList<Case>& cases)
{
    bool dropped = false;
    for (const Case& c : cases) {
        if (c.disputeLevel != DisputeLevel::Red || !isOpen(c.state) || c.alertAckedAt.isValid()) {
            // Settled without this desk (or never red): no alert, or none any more.
            if (c.disputeLevel == DisputeLevel::Red)
                m_seen.insert(c.id);
            dropped |= m_pending.removeIf([&c](const Alert& a) { return a.caseId == c.id; }) > 0;
            continue;
        }
        if (m_seen.contains(c.id))
            continue;
        const CategoryItem* item = Taxonomy::builtIn().item(c.categoryCode);
        Alert a;
        a.caseId = c.id;
        a.code = c.code;
        // Category in the interface language, then the address when the report had one
        // (a handheld's report may have none: no dangling separator then).
        QStringList what { item ? item->name() : c.categoryCode };
        if (!c.address.trimmed().isEmpty())
            what.append(c.address);
        a.text = what.join(QStringLiteral(" · "));
        a.at = c.reportedAt;
        addRedDispute(a);
    }
    if (dropped) {
        refresh();
        emit pendingChanged(pendingCount());
    }
}

void AlertBanner::acknowledgeAll()
{
    if (m_pending.isEmpty())
        return;
    QList<qint64> ids;
    for (const Alert& a : m_pending)
        ids.append(a.caseId);
    m_pending.clear();
    refresh();
    emit acknowledged(ids);
    emit pendingChanged(0);
}

QString AlertBanner::bannerText() const
{
    if (m_pending.isEmpty())
        return {};
    const Alert& newest = m_pending.last();
    if (m_pending.size() == 1)
        return tr("New red dispute: %1 · %2").arg(newest.code, newest.text);
    return tr("%n new red disputes — latest: %1 · %2", nullptr, int(m_pending.size())).arg(newest.code, newest.text);
}

QString AlertBanner::overdueText() const
{
    return m_overdueKnown ? tr("%n case(s) overdue", nullptr, m_overdue) : tr("Counting overdue cases…");
}

void AlertBanner::setOverdueCount(int count)
{
    // A short, stronger highlight when more cases turn overdue; the first count (at
    // start) is the baseline, not news.
    if (m_overdueKnown && count == m_overdue)
        return; // every delta tells; few change it
    if (m_overdueKnown && count > m_overdue)
        m_overdueFlash.start();
    m_overdueKnown = true;
    m_overdue = count;
    refresh();
}

void AlertBanner::refresh()
{
    m_redRow->setVisible(!m_pending.isEmpty());
    m_redText->setText(bannerText());
    m_show->setText(tr("Show"));
    m_ack->setText(m_pending.size() > 1 ? tr("Acknowledge all") : tr("Acknowledge"));
    m_overdueLabel->setVisible(m_overdue > 0 || !m_overdueKnown);
    m_overdueLabel->setText(overdueText());
    // Only when the highlight turns on or off: a style sheet set re-polishes the badge,
    // which at every delta of a burst was a tenth of the GUI thread's time.
    const int flash = m_overdueFlash.isActive() ? 1 : 0;
    if (flash != m_overdueStyled) {
        m_overdueStyled = flash;
        m_overdueLabel->setStyleSheet(flash
                ? QStringLiteral("#overdueBadge { background: #f29900; color: black; padding: 3px 8px; border-radius: 3px; font-weight: bold; }")
                : QStringLiteral("#overdueBadge { background: #fef0cd; color: #7a4a00; padding: 3px 8px; border-radius: 3px; }"));
    }
    const bool shown = isShown();
    if (m_autoHide)
        setVisible(shown);
    emit shownChanged(shown);
}

void AlertBanner::setAutoHide(bool on)
{
    m_autoHide = on;
    if (!on)
        show();
    refresh();
}

void AlertBanner::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        refresh();
    QFrame::changeEvent(event);
}

} // namespace gridhall
