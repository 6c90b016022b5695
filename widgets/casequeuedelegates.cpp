#include "widgets/casequeuedelegates.h"

#include "models/itemmodels/caseactions.h"
#include "models/itemmodels/casequeuemodel.h"

#include <QAbstractItemView>
#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>

namespace gridhall {

namespace queuecolours {
QColor dispute(DisputeLevel level)
{
    switch (level) {
    case DisputeLevel::Red: return QColor(0xd9, 0x30, 0x25);
    case DisputeLevel::Orange: return QColor(0xf2, 0x7a, 0x00);
    case DisputeLevel::Yellow: return QColor(0xf2, 0xc0, 0x00);
    case DisputeLevel::None: break;
    }
    return {};
}

QColor light(SlaLight light)
{
    switch (light) {
    case SlaLight::Green: return QColor(0x1e, 0x8e, 0x3e);
    case SlaLight::Yellow: return QColor(0xf2, 0xb4, 0x00);
    case SlaLight::Red: return QColor(0xd9, 0x30, 0x25);
    case SlaLight::None: break;
    }
    return {};
}
} // namespace queuecolours

namespace {
QColor textColour(const QStyleOptionViewItem& option)
{
    return option.state & QStyle::State_Selected ? option.palette.color(QPalette::HighlightedText)
                                                 : option.palette.color(QPalette::Text);
}
} // namespace

void QueueCellDelegate::paintBackground(QPainter* painter, const QStyleOptionViewItem& option,
    const QModelIndex& index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.text.clear();
    const QWidget* widget = option.widget;
    if (QStyle* style = widget ? widget->style() : nullptr)
        style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);
}

void LevelChipDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    paintBackground(painter, option, index);
    const auto level = DisputeLevel(index.data(CaseQueueModel::DisputeLevelRole).toInt());
    const QColor colour = queuecolours::dispute(level);
    if (!colour.isValid())
        return;
    const QString text = index.data(Qt::DisplayRole).toString();
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    const QFontMetrics fm(option.font);
    const int h = std::min(option.rect.height() - 6, fm.height() + 2);
    const int w = fm.horizontalAdvance(text) + h;
    const QRect chip(option.rect.left() + 4, option.rect.center().y() - h / 2, w, h);
    painter->setPen(Qt::NoPen);
    painter->setBrush(colour);
    painter->drawRoundedRect(chip, h / 2.0, h / 2.0);
    // Yellow needs dark text to stay readable; red and orange take white.
    painter->setPen(level == DisputeLevel::Yellow ? QColor(0x33, 0x2b, 0x00) : QColor(Qt::white));
    painter->drawText(chip, Qt::AlignCenter, text);
    painter->restore();
}

void CountdownDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    paintBackground(painter, option, index);
    const auto light = SlaLight(index.data(CaseQueueModel::SlaLightRole).toInt());
    const QColor colour = queuecolours::light(light);
    const QString text = index.data(Qt::DisplayRole).toString();
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    QRect textRect = option.rect.adjusted(4, 0, -4, 0);
    if (colour.isValid()) {
        const int d = std::min(option.rect.height() - 8, 12);
        const QRect dot(option.rect.left() + 6, option.rect.center().y() - d / 2, d, d);
        painter->setPen(QPen(colour.darker(130), 1));
        painter->setBrush(colour);
        painter->drawEllipse(dot);
        textRect.setLeft(dot.right() + 6);
    }
    painter->setPen(light == SlaLight::Red && !(option.state & QStyle::State_Selected) ? colour : textColour(option));
    painter->drawText(textRect, Qt::AlignVCenter | Qt::AlignLeft, text);
    painter->restore();
}

CaseStateDelegate::CaseStateDelegate(ActionTracker* tracker, QObject* parent)
    : QueueCellDelegate(parent)
    , m_tracker(tracker)
{
}

void CaseStateDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    const qint64 id = index.data(CaseQueueModel::CaseIdRole).toLongLong();
    const std::optional<TrackedAction> action = m_tracker ? m_tracker->forCase(id) : std::nullopt;
    if (!action || action->status == ActionStatus::Withdrawn) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    paintBackground(painter, option, index);
    QColor badge;
    switch (action->status) {
    case ActionStatus::Submitting:
    case ActionStatus::Queued:
    case ActionStatus::Withdrawing: badge = QColor(0x5f, 0x6b, 0x7a); break;
    case ActionStatus::Applied: badge = QColor(0x1e, 0x8e, 0x3e); break;
    case ActionStatus::Conflict:
    case ActionStatus::Refused:
    case ActionStatus::Failed: badge = QColor(0xd9, 0x30, 0x25); break;
    case ActionStatus::Withdrawn: break;
    }
    painter->save();
    const QRect r = option.rect.adjusted(4, 0, -4, 0);
    const QString state = index.data(Qt::DisplayRole).toString();
    const QFontMetrics fm(option.font);
    painter->setPen(textColour(option));
    painter->drawText(r, Qt::AlignVCenter | Qt::AlignLeft, state);
    QRect b = r.adjusted(fm.horizontalAdvance(state) + 8, 3, 0, -3);
    const QString text = fm.elidedText(ActionTracker::describeStatus(*action), Qt::ElideRight, b.width() - 8);
    b.setWidth(std::min(b.width(), fm.horizontalAdvance(text) + 10));
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    painter->setBrush(badge);
    painter->drawRoundedRect(b, 3, 3);
    painter->setPen(Qt::white);
    painter->drawText(b, Qt::AlignCenter, text);
    painter->restore();
}

QSize CaseStateDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QSize s = QStyledItemDelegate::sizeHint(option, index);
    s.setWidth(s.width() + 160); // room for the action badge
    return s;
}

bool CaseStateDelegate::helpEvent(QHelpEvent* event, QAbstractItemView* view, const QStyleOptionViewItem& option,
    const QModelIndex& index)
{
    const qint64 id = index.data(CaseQueueModel::CaseIdRole).toLongLong();
    if (m_tracker && event->type() == QEvent::ToolTip) {
        if (const auto action = m_tracker->forCase(id)) {
            QToolTip::showText(event->globalPos(), ActionTracker::describe(*action), view);
            return true;
        }
    }
    return QStyledItemDelegate::helpEvent(event, view, option, index);
}

} // namespace gridhall
