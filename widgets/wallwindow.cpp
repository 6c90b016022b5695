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
    // Hours and minutes read the same in every language; the date only when it is not
    // today, because at 3 a.m. "23:10" yesterday matters.
    const QDateTime local = at.toLocalTime();
    if (local.date() == QDate::currentDate())
        return local.toString(QStringLiteral("HH:mm"));
    return local.toString(QStringLiteral("MM-dd HH:mm"));
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
    m_bannerStatus = new QLabel(m_banner);
    m_bannerStatus->setObjectName(QStringLiteral("wallBannerStatus"));
    // One line each, cut at the screen's edge rather than widening the window.
    for (QLabel* l : { m_bannerTitle, m_bannerDetail, m_bannerStatus }) {
        l->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
        bannerLayout->addWidget(l);
    }
    m_banner->hide();
    layout->addWidget(m_banner);

    m_staleBar = new QWidget(this);
    m_staleBar->setObjectName(QStringLiteral("wallStale"));
    m_staleBar->setAttribute(Qt::WA_StyledBackground);
    auto* staleLayout = new QVBoxLayout(m_staleBar);
    m_stale = new QLabel(m_staleBar);
    m_stale->setObjectName(QStringLiteral("wallStaleTitle"));
    m_staleDetail = new QLabel(m_staleBar);
    m_staleDetail->setObjectName(QStringLiteral("wallStaleDetail"));
    for (QLabel* l : { m_stale, m_staleDetail }) {
        l->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
        staleLayout->addWidget(l);
    }
    m_staleBar->hide();
    layout->addWidget(m_staleBar);

    // The frame turns amber around the view while the data is stale.
    m_frame = new QWidget(this);
    m_frame->setObjectName(QStringLiteral("wallFrame"));
    m_frame->setAttribute(Qt::WA_StyledBackground);
    auto* frameLayout = new QVBoxLayout(m_frame);
    m_stack = new QStackedWidget(m_frame);
    // A view's minimum size must never push the window past its screen.
    m_stack->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Ignored);
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
    // The clock, and captions that name what a view's data brought after it was shown
    // (the district's name, a street's); labels whose text is unchanged are left alone.
    connect(&m_clockTimer, &QTimer::timeout, this, &WallWindow::retranslate);
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
    // Never so large that a line of a few words or a row of figures no longer fits.
    const int most = qMax(12, qMin(pixels.height() / 18, pixels.width() / 48));
    return qBound(qMin(most, qMax(12, pixels.height() / 70)), px, most);
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
        "#wallWindow #wallBanner { background: #c8102e; border-bottom: @rule@px solid #ffffff; }"
        "#wallWindow #wallBannerTitle { color: #ffffff; font-size: @big@px; font-weight: 800; background: transparent; }"
        "#wallWindow #wallBannerDetail { color: #ffffff; font-size: @body@px; font-weight: 700; background: transparent; }"
        "#wallWindow #wallBannerStatus { color: #ffe3e6; font-size: @small@px; background: transparent; }"
        "#wallWindow #wallStale { background: #ffb000; }"
        "#wallWindow #wallStaleTitle { color: #000000; font-size: @big@px; font-weight: 800; background: transparent; }"
        "#wallWindow #wallStaleDetail { color: #000000; font-size: @small@px; background: transparent; }"
        "#wallWindow #wallFrame { background: #05080d; border: @frame@px solid #05080d; }"
        "#wallWindow #wallFrame[stale=\"true\"] { border-color: #ffb000; }"
        "#wallWindow #wallFooter { background: #0b1119; border-top: 1px solid #24364d; }"
        "#wallWindow #wallCaption { color: #ffffff; font-size: @body@px; font-weight: 700; background: transparent; }"
        "#wallWindow #wallDataTime { color: #c9d6e3; font-size: @small@px; background: transparent; }"
        "#wallWindow #wallDataTime[stale=\"true\"] { color: #ffb000; font-weight: 700; }"
        "#wallWindow #wallClock { color: #ffffff; font-size: @body@px; font-weight: 700; background: transparent; }"
        "#wallWindow QScrollBar { width: 0px; height: 0px; }"
        "#wallWindow #overviewPanel { background: #05080d; }"
        "#wallWindow #overviewTitle { font-size: @big@px; font-weight: 800; color: #ffffff; background: transparent; }"
        "#wallWindow #tile { background: #101a26; border: 2px solid #2f4560; border-radius: 8px; }"
        "#wallWindow #tileValue { font-size: @huge@px; font-weight: 800; color: #ffffff; background: transparent; }"
        "#wallWindow #tileCaption { font-size: @body@px; color: #c9d6e3; background: transparent; }");
    // Sizes in body-text units, so the whole wall scales with one number.
    const std::pair<const char*, double> sizes[] = { { "@rule@", 0.12 }, { "@big@", 1.5 }, { "@body@", 1.0 },
        { "@frame@", 0.25 }, { "@small@", 0.8 }, { "@huge@", 2.6 } };
    for (const auto& [token, factor] : sizes)
        sheet.replace(QLatin1String(token), px(factor));
    setStyleSheet(sheet);
    const int margin = int(b * 0.5);
    m_banner->layout()->setContentsMargins(margin, margin / 2, margin, margin / 2);
    m_staleBar->layout()->setContentsMargins(margin, margin / 3, margin, margin / 3);
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
    return isBannerShown() ? QStringList { m_bannerTitle->text(), m_bannerDetail->text(), m_bannerStatus->text() }.join(QLatin1Char('\n'))
                           : QString();
}

void WallWindow::setStale(bool stale, const QDateTime& asOf)
{
    m_staleOn = stale;
    m_staleAsOf = asOf;
    m_staleBar->setVisible(stale);
    for (QWidget* w : { m_frame, static_cast<QWidget*>(m_dataTime) }) {
        w->setProperty("stale", stale);
        w->style()->unpolish(w);
        w->style()->polish(w);
    }
    retranslate();
}

bool WallWindow::isStaleShown() const
{
    return !m_staleBar->isHidden();
}

QString WallWindow::staleText() const
{
    return isStaleShown() ? m_stale->text() + QLatin1Char('\n') + m_staleDetail->text() : QString();
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
    m_clock->setText(QTime::currentTime().toString(QStringLiteral("HH:mm")));
    m_dataTime->setText(m_staleOn ? tr("STALE — last update %1").arg(timeText(m_staleAsOf))
                                  : m_dataAt.isValid() ? tr("Data as of %1").arg(timeText(m_dataAt))
                                                       : QString());
    if (m_staleOn) {
        m_stale->setText(tr("STALE DATA · last update %1").arg(timeText(m_staleAsOf)));
        m_staleDetail->setText(tr("Connection to the server lost. Showing the last data received; "
                                  "it updates by itself when the link returns."));
    }
    if (!m_alerts.isEmpty()) {
        const WallAlert& newest = m_alerts.constLast();
        m_bannerTitle->setText(QStringLiteral("⚠ ") + newest.title);
        QString detail = newest.detail;
        if (newest.raisedAt.isValid())
            detail += QStringLiteral(" · ") + tr("reported %1").arg(timeText(newest.raisedAt));
        m_bannerDetail->setText(detail);
        QString status = tr("Awaiting acknowledgement from a workstation");
        if (m_alerts.size() > 1)
            status += QStringLiteral(" · ") + tr("%n more alert(s) waiting", nullptr, int(m_alerts.size() - 1));
        m_bannerStatus->setText(status);
    }
}

} // namespace gridhall
