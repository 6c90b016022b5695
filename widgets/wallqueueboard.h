#pragma once
// The case queues on a wall screen (队列看板): how many cases wait at each step of the loop,
// and the most urgent open ones — overdue first — in type readable across the hall. Painted
// in one piece: no scroll bars, nothing to click (the wall is kiosk-locked).

#include "models/itemmodels/casequeuemodel.h"

#include <QDateTime>
#include <QWidget>

#include <array>

namespace gridhall {

struct QueueBoardRow {
    QString code;
    QString category; // display name
    QString place; // street (or community) name
    DisputeLevel level = DisputeLevel::None;
    CaseState state = CaseState::Registered;
    QDateTime deadline; // current step's; invalid: none
};

struct QueueBoardData {
    std::array<int, kQueueViewCount> counts {}; // by QueueView
    QList<QueueBoardRow> urgent; // nearest deadline first
};

class WallQueueBoard : public QWidget {
    Q_OBJECT
public:
    // The steps shown, in the order of the loop.
    static constexpr QueueView kSteps[] = { QueueView::ToAcceptVerify, QueueView::ToRegister, QueueView::ToDispatch,
        QueueView::InHandling, QueueView::ToVerify, QueueView::ToClose, QueueView::Overdue, QueueView::Parked,
        QueueView::ExtensionRequests };

    explicit WallQueueBoard(QWidget* parent = nullptr);
    void setData(const QueueBoardData& data);
    const QueueBoardData& data() const { return m_data; }
    // Countdowns are judged at this time (default: now, on every paint).
    void setNow(const QDateTime& now) { m_now = now; update(); }
    // Body text size in pixels (the wall scales it to the screen and viewing distance).
    void setTypeSize(int bodyPixels);
    // How many urgent rows fit the current height.
    int visibleRows() const;
    // "Overdue 3 h 20 min" or "2 h 05 min left" for a deadline at `now`.
    static QString countdownText(const QDateTime& deadline, const QDateTime& now);

protected:
    void paintEvent(QPaintEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    int tileHeight() const;
    int rowHeight() const;

    QueueBoardData m_data;
    QDateTime m_now;
    int m_body = 28;
};

} // namespace gridhall
