#pragma once
// How queue cells look: the dispute level as a coloured chip, the step countdown with
// the standard green/yellow/red light, and the state with the fate of the operator's
// own last action on the row (queued → applied, conflict with who took it).

#include "models/domain/casetypes.h"
#include "models/domain/sla.h"

#include <QColor>
#include <QPointer>
#include <QStyledItemDelegate>

namespace gridhall {

class ActionTracker;

namespace queuecolours {
QColor dispute(DisputeLevel level); // invalid for None
QColor light(SlaLight light); // invalid for None
} // namespace queuecolours

// Paints the cell's background (selection, hover) the style's way, text left to the subclass.
class QueueCellDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void paintBackground(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const;
};

class LevelChipDelegate : public QueueCellDelegate {
    Q_OBJECT
public:
    using QueueCellDelegate::QueueCellDelegate;
    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
};

class CountdownDelegate : public QueueCellDelegate {
    Q_OBJECT
public:
    using QueueCellDelegate::QueueCellDelegate;
    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
};

class CaseStateDelegate : public QueueCellDelegate {
    Q_OBJECT
public:
    explicit CaseStateDelegate(ActionTracker* tracker, QObject* parent = nullptr);
    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    bool helpEvent(QHelpEvent* event, QAbstractItemView* view, const QStyleOptionViewItem& option,
        const QModelIndex& index) override;

private:
    QPointer<ActionTracker> m_tracker;
};

} // namespace gridhall
