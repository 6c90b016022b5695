#pragma once
// One full-screen window of the video wall: the current view of its playlist, a red
// full-width banner while an alert is up, an amber bar and frame while the data is stale,
// and a footer with the view's caption, the clock and the data time. Type is sized for
// the screen and the viewing distance. Nothing on it edits anything (see WallController).

#include "widgets/wallplaylist.h"
#include "widgets/wallview.h"

#include <QDateTime>
#include <QHash>
#include <QTimer>
#include <QWidget>

#include <memory>

class QLabel;
class QStackedWidget;

namespace gridhall {

class WallWindow : public QWidget {
    Q_OBJECT
public:
    WallWindow(const WallViewRegistry& registry, QWidget* parent = nullptr);
    ~WallWindow() override;

    // Creates the views the playlist names (unknown kinds are skipped) and shows the first.
    void setPlaylist(const QList<WallViewSpec>& entries, int msPerSecond = 1000);
    WallPlaylist& playlist() { return m_playlist; }
    WallView* currentView() const;
    WallView* view(const QString& kind) const;

    // Font pixel size of body text for a screen of `pixels` and `physicalMm` seen from
    // `distanceMetres`; a physical size that makes no sense is taken as a 55-inch panel.
    static int bodyPixelSize(QSize pixels, QSizeF physicalMm, double distanceMetres);
    void setBodyPixelSize(int pixels);
    int bodyPixelSize() const { return m_bodyPx; }

    // Active alerts, oldest first; the newest is shown. Empty clears the banner.
    void setAlerts(const QList<WallAlert>& alerts);
    bool isBannerShown() const;
    QString bannerText() const;

    // Stale: the link to the server is down; asOf is when the data was last known current.
    void setStale(bool stale, const QDateTime& asOf);
    bool isStaleShown() const;
    QString staleText() const;
    // When the data shown was read (footer), while not stale.
    void setDataTime(const QDateTime& at);

    bool isSettled() const;

protected:
    void changeEvent(QEvent* event) override;

private:
    void showCurrent();
    void retranslate();
    void applyStyle();

    const WallViewRegistry& m_registry;
    WallPlaylist m_playlist;
    QHash<QString, std::shared_ptr<WallView>> m_views;
    QWidget* m_banner = nullptr;
    QLabel* m_bannerTitle = nullptr;
    QLabel* m_bannerDetail = nullptr;
    QLabel* m_bannerStatus = nullptr;
    QWidget* m_staleBar = nullptr;
    QLabel* m_stale = nullptr;
    QLabel* m_staleDetail = nullptr;
    QWidget* m_frame = nullptr;
    QStackedWidget* m_stack = nullptr;
    QLabel* m_caption = nullptr;
    QLabel* m_dataTime = nullptr;
    QLabel* m_clock = nullptr;
    QTimer m_clockTimer;
    QList<WallAlert> m_alerts;
    qint64 m_shownAlert = 0;
    bool m_staleOn = false;
    QDateTime m_staleAsOf;
    QDateTime m_dataAt;
    int m_bodyPx = 24;
};

} // namespace gridhall
