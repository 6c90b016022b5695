#pragma once
// Alerts every operator must notice: a banner for new red disputes that stays until
// acknowledged (many at once are grouped into one line with a count), and the overdue
// count with a gentle highlight when it grows. The banner only shows; the app decides
// what is new (considerCases with live changes) and what "show" does.

#include "models/domain/casetypes.h"

#include <QDateTime>
#include <QFrame>
#include <QSet>
#include <QTimer>

class QLabel;
class QPushButton;

namespace gridhall {

class AlertBanner : public QFrame {
    Q_OBJECT
public:
    struct Alert {
        qint64 caseId = 0;
        QString code;
        QString text; // category · place
        QDateTime at;
    };

    explicit AlertBanner(QWidget* parent = nullptr);

    // A new red dispute; ignored when already shown or acknowledged.
    void addRedDispute(const Alert& alert);
    // Live changes: open red disputes not seen before become alerts; an alert whose case
    // was acknowledged elsewhere (another workstation), closed or downgraded goes away.
    void considerCases(const QList<Case>& cases);
    void acknowledgeAll();
    int pendingCount() const { return int(m_pending.size()); }
    QString bannerText() const;

    // Until the first count the badge says the cases are being counted, at the height the
    // count will have: the banner's dock does not appear when the queues load and push the
    // whole window down (a full repaint of it at 1M cases, issue 15).
    void setOverdueCount(int count);
    int overdueCount() const { return m_overdue; }
    bool overdueCounted() const { return m_overdueKnown; }
    QString overdueText() const;
    // Something to show: red disputes waiting, overdue cases, or a count still to come.
    bool isShown() const { return !m_pending.isEmpty() || m_overdue > 0 || !m_overdueKnown; }
    bool overdueHighlighted() const { return m_overdueFlash.isActive(); }
    void setSoundEnabled(bool on) { m_sound = on; }
    bool soundEnabled() const { return m_sound; }
    // Hides itself when idle (default); off when a container (a dock) hides instead.
    void setAutoHide(bool on);

signals:
    void acknowledged(const QList<qint64>& caseIds);
    void showCaseRequested(qint64 caseId);
    void pendingChanged(int count);
    // The banner shows only while there is something to show; a dock around it follows.
    void shownChanged(bool shown);

protected:
    void changeEvent(QEvent* event) override;

private:
    void refresh();

    QList<Alert> m_pending; // oldest first
    QSet<qint64> m_seen;
    int m_overdue = 0;
    bool m_overdueKnown = false;
    int m_overdueStyled = -1; // the badge's style sheet: 1 highlighted, 0 plain, -1 none yet
    bool m_sound = false;
    bool m_autoHide = true;
    QFrame* m_redRow = nullptr;
    QLabel* m_redText = nullptr;
    QPushButton* m_show = nullptr;
    QPushButton* m_ack = nullptr;
    QLabel* m_overdueLabel = nullptr;
    QTimer m_overdueFlash;
};

} // namespace gridhall
