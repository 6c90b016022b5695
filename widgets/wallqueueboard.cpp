#include "widgets/wallqueueboard.h"

#include "widgets/casequeuedelegates.h"

#include <QEvent>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>

namespace gridhall {

namespace {
const QColor kBackground(0x0b, 0x12, 0x1c);
const QColor kTile(0x16, 0x22, 0x33);
const QColor kText(0xe8, 0xee, 0xf5);
const QColor kMuted(0x8f, 0xa3, 0xb8);
const QColor kAlarm(0xff, 0x5a, 0x4e);
const QColor kWarn(0xf2, 0xb4, 0x00);
} // namespace

WallQueueBoard::WallQueueBoard(QWidget* parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("wallQueueBoard"));
    setAttribute(Qt::WA_OpaquePaintEvent);
}

void WallQueueBoard::setData(const QueueBoardData& data)
{
    m_data = data;
    update();
}

void WallQueueBoard::setTypeSize(int bodyPixels)
{
    m_body = std::max(10, bodyPixels);
    update();
}

int WallQueueBoard::tileHeight() const
{
    return m_body * 4;
}

int WallQueueBoard::rowHeight() const
{
    return m_body * 2;
}

int WallQueueBoard::visibleRows() const
{
    const int top = m_body + tileHeight() + m_body * 4; // margin, tiles, heading
    return std::max(0, (height() - top - m_body) / rowHeight());
}

QString WallQueueBoard::countdownText(const QDateTime& deadline, const QDateTime& now)
{
    if (!deadline.isValid())
        return QString();
    const qint64 secs = now.secsTo(deadline);
    const qint64 minutes = std::abs(secs) / 60;
    const QString span = minutes >= 24 * 60
        ? tr("%1 d %2 h").arg(minutes / (24 * 60)).arg(minutes / 60 % 24)
        : tr("%1 h %2 min").arg(minutes / 60).arg(minutes % 60, 2, 10, QLatin1Char('0'));
    return secs < 0 ? tr("Overdue %1").arg(span) : tr("%1 left").arg(span);
}

void WallQueueBoard::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.fillRect(rect(), kBackground);
    const QDateTime now = m_now.isValid() ? m_now : QDateTime::currentDateTimeUtc();
    const int margin = m_body;
    const QLocale locale;

    // The steps of the loop, one tile each.
    const int steps = int(std::size(kSteps));
    const int gap = m_body / 2;
    const double tileWidth = (width() - 2.0 * margin - gap * (steps - 1)) / steps;
    QFont label = font();
    label.setPixelSize(m_body * 3 / 4);
    QFont number = font();
    number.setPixelSize(m_body * 2);
    number.setBold(true);
    for (int i = 0; i < steps; ++i) {
        const QueueView view = kSteps[i];
        const int count = m_data.counts[size_t(view)];
        const QRectF tile(margin + i * (tileWidth + gap), margin, tileWidth, tileHeight());
        QPainterPath shape;
        shape.addRoundedRect(tile, m_body / 3.0, m_body / 3.0);
        p.fillPath(shape, kTile);
        const bool alarm = (view == QueueView::Overdue || view == QueueView::ExtensionRequests) && count > 0;
        p.setFont(number);
        p.setPen(alarm ? (view == QueueView::Overdue ? kAlarm : kWarn) : kText);
        p.drawText(tile.adjusted(gap, gap / 2, -gap, -tile.height() * 0.35), Qt::AlignLeft | Qt::AlignVCenter,
            locale.toString(count));
        p.setFont(label);
        p.setPen(kMuted);
        p.drawText(tile.adjusted(gap, tile.height() * 0.62, -gap, -gap / 2), Qt::AlignLeft | Qt::AlignVCenter,
            p.fontMetrics().elidedText(queueViewDisplayName(view), Qt::ElideRight, int(tile.width() - 2 * gap)));
    }

    // The most urgent open cases.
    int y = margin + tileHeight() + m_body * 2;
    QFont heading = font();
    heading.setPixelSize(m_body);
    heading.setBold(true);
    p.setFont(heading);
    p.setPen(kText);
    p.drawText(QRect(margin, y - m_body, width() - 2 * margin, m_body * 2), Qt::AlignLeft | Qt::AlignVCenter,
        tr("Most urgent open cases"));
    y += m_body * 2;
    QFont body = font();
    body.setPixelSize(m_body);
    p.setFont(body);
    const int usable = width() - 2 * margin;
    // Columns: chip, code, category, place, state, countdown (fractions of the width).
    const double columns[] = { 0.0, 0.05, 0.31, 0.49, 0.63, 0.76, 1.0 };
    auto column = [&](int c) { return QRect(margin + int(usable * columns[c]), y, int(usable * (columns[c + 1] - columns[c])) - gap, rowHeight()); };
    const int rows = std::min<int>(visibleRows(), int(m_data.urgent.size()));
    if (m_data.urgent.isEmpty()) {
        p.setPen(kMuted);
        p.drawText(QRect(margin, y, usable, rowHeight()), Qt::AlignLeft | Qt::AlignVCenter, tr("No open case is waiting."));
        return;
    }
    for (int i = 0; i < rows; ++i, y += rowHeight()) {
        const QueueBoardRow& r = m_data.urgent.at(i);
        if (i % 2 == 1)
            p.fillRect(QRect(margin, y, usable, rowHeight()), kTile);
        const QColor chip = queuecolours::dispute(r.level);
        if (chip.isValid()) {
            const QRect c = column(0);
            QPainterPath dot;
            dot.addRoundedRect(QRectF(c.x(), c.center().y() - m_body * 0.45, std::min(c.width(), m_body * 3), m_body * 0.9),
                m_body * 0.45, m_body * 0.45);
            p.fillPath(dot, chip);
        }
        auto cell = [&](int c, const QString& text, const QColor& colour) {
            p.setPen(colour);
            const QRect box = column(c);
            p.drawText(box, Qt::AlignLeft | Qt::AlignVCenter, p.fontMetrics().elidedText(text, Qt::ElideRight, box.width()));
        };
        cell(1, r.code, kText);
        cell(2, r.category, kText);
        cell(3, r.place, kText);
        cell(4, caseStateDisplayName(r.state), kMuted);
        const bool overdue = r.deadline.isValid() && r.deadline < now;
        cell(5, countdownText(r.deadline, now), overdue ? kAlarm : kText);
    }
}

void WallQueueBoard::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        update();
    QWidget::changeEvent(event);
}

} // namespace gridhall
