#include "widgets/wallwindow.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QStackedWidget>
#include <QStyle>
#include <QVBoxLayout>

namespace gridhall {

namespace {
// Assumed when a screen reports no believable physical size: a 55-inch 16:9 panel.
constexpr double kFallbackHeightMm = 685;
// Body text about 1/250 of the viewing distance tall reads comfortably across a hall.
constexpr double kDistancePerTextHeight = 250;

QString timeText(const QDateTime& at)
{
    if (!at.isValid())
        return QStringLiteral("—");
    const QDateTime local = at.toLocalTime();
    const QLocale locale;
    // The date only when it is not today: at 3 a.m. "yesterday 23:10" matters.
    if (local.date() == QDate::currentDate())
        return locale.toString(local.time(), QLocale::ShortFormat);
    return locale.toString(local, QLocale::ShortFormat);
}
} // namespace

WallWindow::WallWindow(const WallViewRegistry& registry, QWidget* parent)
    : QWidget(parent)
    , m_registry(registry)
{
    setObjectName(QStringLiteral("wallWindow"));
    setAttribute(Qt::WA_StyledBackground);
    setContextMenuPolicy(Qt::NoContextMenu);
    setAcceptDrops(false);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);

    m_banner = new QWidget(this);
    m_banner->setObjectName(QStringLiteral("wallBanner"));
    m_banner->setAttribute(Qt::WA_StyledBackground);
    auto* bannerLayout = new QVBoxLayout(m_banner);
    m_bannerTitle = new QLabel(m_banner);
    m_bannerTitle->setObjectName(QStringLiteral("wallBannerTitle"));
    m_bannerDetail = new QLabel(m_banner);
    m_bannerDetail->setObjectName(QStringLiteral("wallBannerDetail"));
    m_bannerDetail->setWordWrap(true);
    bannerLayout->addWidget(m_bannerTitle);
    bannerLayout->addWidget(m_bannerDetail);
    m_banner->hide();
    layout->addWidget(m_banner);

    m_stale = new QLabel(this);
    m_stale->setObjectName(QStringLiteral("wallStale"));
    m_stale->setWordWrap(true);
    m_stale->hide();
    layout->addWidget(m_stale);

    // The frame turns amber around the view while the data is stale.
    m_frame = new QWidget(this);
    m_frame->setObjectName(QStringLiteral("wallFrame"));
    m_frame->setAttribute(Qt::WA_StyledBackground);
    auto* frameLayout = new QVBoxLayout(m_frame);
    m_stack = new QStackedWidget(m_frame);
    frameLayout->addWidget(m_stack);
    layout->addWidget(m_frame, 1);

    auto* footer = new QWidget(this);
    footer->setObjectName(QStringLiteral("wallFooter"));
    footer->setAttribute(Qt::WA_StyledBackground);
    auto* footerLayout = new QHBoxLayout(footer);
    m_caption = new QLabel(footer);
    m_caption->setObjectName(QStringLiteral("wallCaption"));
    m_dataTime = new QLabel(footer);
    m_dataTime->setObjectName(QStringLiteral("wallDataTime"));
    m_clock = new QLabel(footer);
    m_clock->setObjectName(QStringLiteral("wallClock"));
    footerLayout->addWidget(m_caption, 1);
    footerLayout->addWidget(m_dataTime);
    footerLayout->addSpacing(32);
    footerLayout->addWidget(m_clock);
    layout->addWidget(footer);

    connect(&m_playlist, &WallPlaylist::currentChanged, this, &WallWindow::showCurrent);
    m_clockTimer.setInterval(1000);
    connect(&m_clockTimer, &QTimer::timeout, this, [this] {
        m_clock->setText(QLocale().toString(QTime::currentTime(), QLocale::ShortFormat));
    });
    m_clockTimer.start();
    applyStyle();
    retranslate();
}

WallWindow::~WallWindow()
{
    // Views refer to their widgets; let them go while the widgets still exist.
    m_views.clear();
}

void WallWindow::setPlaylist(const QList<WallViewSpec>& entries, int msPerSecond)
{
    QList<WallViewSpec> usable;
    for (const WallViewSpec& e : entries) {
        if (!m_views.contains(e.kind)) {
            std::unique_ptr<WallView> v = m_registry.create(e.kind, m_stack);
            if (!v)
                continue;
            QWidget* w = v->widget();
            w->setContextMenuPolicy(Qt::NoContextMenu);
            m_stack->addWidget(w);
            v->setTypeSize(m_bodyPx);
            m_views.insert(e.kind, std::shared_ptr<WallView>(std::move(v)));
        }
        usable.append(e);
    }
    m_playlist.setEntries(usable, msPerSecond);
}

WallView* WallWindow::currentView() const
{
    return view(m_playlist.current().kind);
}

WallView* WallWindow::view(const QString& kind) const
{
    return m_views.value(kind).get();
}

void WallWindow::showCurrent()
{
    WallView* v = currentView();
    if (!v)
        return;
    v->showEntry(m_playlist.current());
    m_stack->setCurrentWidget(v->widget());
    retranslate();
}

int WallWindow::bodyPixelSize(QSize pixels, QSizeF physicalMm, double distanceMetres)
{
    const double heightMm = physicalMm.height() >= 100 && physicalMm.height() <= 3000
        ? physicalMm.height()
        : kFallbackHeightMm;
    const double pxPerMm = pixels.height() / heightMm;
    const double textMm = distanceMetres * 1000 / kDistancePerTextHeight;
    const int px = int(std::lround(textMm * pxPerMm));
    return qBound(qMax(12, pixels.height() / 70), px, qMax(12, pixels.height() / 18));
}

void WallWindow::setBodyPixelSize(int pixels)
{
    if (pixels == m_bodyPx || pixels <= 0)
        return;
    m_bodyPx = pixels;
    applyStyle();
    for (const auto& v : std::as_const(m_views))
        v->setTypeSize(pixels);
}

void WallWindow::applyStyle()
{
    const int b = m_bodyPx;
    const auto px = [b](double factor) { return QString::number(qMax(8, int(std::lround(b * factor)))); };
    // Near-black ground and white type for contrast; red only for alerts, amber only for
    // stale data, so each colour means one thing from across the hall.
    QString sheet = QStringLiteral(
        "#wallWindow { background: #05080d; }"
        "#wallWindow QWidget { color: #f2f6fa; }"
        "#wallBanner { background: #c8102e; border-bottom: %1px solid #ffffff; }"
        "#wallBannerTitle { color: #ffffff; font-size: %2px; font-weight: 800; background: transparent; }"
        "#wallBannerDetail { color: #ffffff; font-size: %3px; background: transparent; }"
        "#wallStale { background: #ffb000; color: #000000; font-size: %3px; font-weight: 700; padding: %4px; }"
        "#wallFrame { background: #05080d; border: %5px solid #05080d; }"
        "#wallFrame[stale=\"true\"] { border-color: #ffb000; }"
        "#wallFooter { background: #0b1119; border-top: 1px solid #24364d; }"
        "#wallCaption { color: #ffffff; font-size: %3px; font-weight: 700; background: transparent; }"
        "#wallDataTime { color: #c9d6e3; font-size: %6px; background: transparent; }"
        "#wallClock { color: #ffffff; font-size: %3px; font-weight: 700; background: transparent; }"
        "#wallWindow QScrollBar { width: 0px; height: 0px; }"
        "#wallWindow #overviewPanel { background: #05080d; }"
        "#wallWindow #overviewTitle { font-size: %2px; font-weight: 800; color: #ffffff; background: transparent; }"
        "#wallWindow #tile { background: #101a26; border: 2px solid #2f4560; border-radius: 8px; }"
        "#wallWindow #tileValue { font-size: %7px; font-weight: 800; color: #ffffff; background: transparent; }"
        "#wallWindow #tileCaption { font-size: %6px; color: #c9d6e3; background: transparent; }")
                        .arg(px(0.12), px(1.5), px(1.0), px(0.4), px(0.25), px(0.8), px(2.2));
    setStyleSheet(sheet);
    const int margin = int(b * 0.5);
    m_banner->layout()->setContentsMargins(margin, margin / 2, margin, margin / 2);
}

void WallWindow::setAlerts(const QList<WallAlert>& alerts)
{
    // Views that showed an alert now gone let it go (the map stops pulsing there).
    for (const WallAlert& old : std::as_const(m_alerts)) {
        const bool still = std::any_of(alerts.cbegin(), alerts.cend(),
            [&](const WallAlert& a) { return a.id == old.id; });
        if (!still)
            for (const auto& v : std::as_const(m_views))
                v->alertCleared(old.id);
    }
    m_alerts = alerts;
    m_playlist.setPaused(!alerts.isEmpty());
    if (alerts.isEmpty()) {
        m_shownAlert = 0;
        m_banner->hide();
        showCurrent(); // back to the entry's own framing
        return;
    }
    const WallAlert& newest = alerts.constLast();
    if (newest.id != m_shownAlert) {
        m_shownAlert = newest.id;
        // Bring forward a view that can show where it is, and let every such view fly there.
        const QList<WallViewSpec>& entries = m_playlist.entries();
        WallView* current = currentView();
        if (!current || !current->canShowAlert()) {
            for (int i = 0; i < entries.size(); ++i) {
                WallView* v = view(entries.at(i).kind);
                if (v && v->canShowAlert()) {
                    m_playlist.jumpTo(i);
                    break;
                }
            }
        }
        for (const auto& v : std::as_const(m_views))
            if (v->canShowAlert())
                v->showAlert(newest);
    }
    m_banner->show();
    retranslate();
}

bool WallWindow::isBannerShown() const
{
    return !m_banner->isHidden();
}

QString WallWindow::bannerText() const
{
    return isBannerShown() ? m_bannerTitle->text() + QLatin1Char('\n') + m_bannerDetail->text() : QString();
}

void WallWindow::setStale(bool stale, const QDateTime& asOf)
{
    m_staleOn = stale;
    m_staleAsOf = asOf;
    m_stale->setVisible(stale);
    m_frame->setProperty("stale", stale);
    m_frame->style()->unpolish(m_frame);
    m_frame->style()->polish(m_frame);
    retranslate();
}

bool WallWindow::isStaleShown() const
{
    return !m_stale->isHidden();
}

QString WallWindow::staleText() const
{
    return isStaleShown() ? m_stale->text() : QString();
}

void WallWindow::setDataTime(const QDateTime& at)
{
    m_dataAt = at;
    retranslate();
}

bool WallWindow::isSettled() const
{
    const WallView* v = currentView();
    return !v || v->isSettled();
}

void WallWindow::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void WallWindow::retranslate()
{
    const WallView* v = currentView();
    const int count = int(m_playlist.entries().size());
    QString caption = v ? v->caption() : QString();
    if (count > 1) {
        caption += QStringLiteral("   %1/%2").arg(m_playlist.currentIndex() + 1).arg(count);
        if (m_playlist.isPaused())
            caption += QStringLiteral(" · ") + tr("rotation paused");
    }
    m_caption->setText(caption);
    m_clock->setText(QLocale().toString(QTime::currentTime(), QLocale::ShortFormat));
    m_dataTime->setText(m_staleOn ? tr("STALE — last update %1").arg(timeText(m_staleAsOf))
                                  : m_dataAt.isValid() ? tr("Data as of %1").arg(timeText(m_dataAt))
                                                       : QString());
    if (m_staleOn)
        m_stale->setText(tr("Connection to the server lost. Showing the last data received, as of %1. "
                            "It is not current and will update by itself when the link returns.")
                             .arg(timeText(m_staleAsOf)));
    if (!m_alerts.isEmpty()) {
        const WallAlert& newest = m_alerts.constLast();
        m_bannerTitle->setText(QStringLiteral("⚠ ") + newest.title);
        QString detail = newest.detail;
        if (newest.raisedAt.isValid())
            detail += QStringLiteral(" · ") + tr("reported %1").arg(timeText(newest.raisedAt));
        detail += QStringLiteral(" · ") + tr("Awaiting acknowledgement from a workstation");
        if (m_alerts.size() > 1)
            detail += QStringLiteral(" · ") + tr("%n more alert(s) waiting", nullptr, int(m_alerts.size() - 1));
        m_bannerDetail->setText(detail);
    }
}

} // namespace gridhall
