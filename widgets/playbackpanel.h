#pragma once
// Replays the recorded tracks of one worker or a group (轨迹回放) over a chosen period:
// play/pause, speed 1×–64×, a scrubber with the long stops marked, and the distance and
// grid cells covered in the period. The panel owns only the clock: at every tick it
// advances playback time by tick interval × speed and emits where each worker was, so the
// app can show them in a WorkersLayer. Tests drive the clock with step().

#include "maps/playback.h"

#include <QPair>
#include <QPointer>
#include <QSlider>
#include <QTimer>
#include <QWidget>

#include <functional>

class QComboBox;
class QLabel;
class QToolButton;

namespace gridhall {

class WorkersLayer;

// A time slider (seconds from the period's start) that marks stops as bands under the groove.
class PlaybackScrubber : public QSlider {
    Q_OBJECT
public:
    explicit PlaybackScrubber(QWidget* parent = nullptr);
    // Each mark spans slider values [first, second].
    void setMarks(const QList<QPair<int, int>>& marks);
    QList<QPair<int, int>> marks() const { return m_marks; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QList<QPair<int, int>> m_marks;
};

struct PlaybackTrack {
    qint64 workerId = 0;
    QString name;
    TrackPlayback track;
    QString code; // badge number, shown on the map
};

class PlaybackPanel : public QWidget {
    Q_OBJECT
public:
    static constexpr int kSpeeds[] = { 1, 2, 4, 8, 16, 32, 64 };
    using GridLookup = std::function<QString(LonLat)>;
    using Positions = QList<QPair<qint64, LonLat>>;

    explicit PlaybackPanel(QWidget* parent = nullptr);
    ~PlaybackPanel() override;

    // One worker or a group. Resets the period to the tracks' whole span and pauses.
    void setTracks(const QList<PlaybackTrack>& tracks);
    const QList<PlaybackTrack>& tracks() const { return m_tracks; }
    // Live fixes for a replay whose period reaches the present: each extends its worker's
    // track (matched by code; a worker without one gets one), and a period that ended where
    // the tracks ended follows them on. Playback time and playing go on as they were.
    // Returns whether any fix was new.
    bool appendFixes(const QList<PlaybackTrack>& more);
    // Playback is confined to [fromMs, toMs]; an empty or inverted period is refused.
    bool setPeriod(qint64 fromMs, qint64 toMs);
    qint64 periodStart() const { return m_from; }
    qint64 periodEnd() const { return m_to; }
    // Finds the grid at a point, for grids covered. Without one, none are counted.
    void setGridLookup(GridLookup lookup);
    // Stops at least this long are marked (default 5 minutes).
    int stopMinutes() const { return m_stopMinutes; }
    void setStopMinutes(int minutes);

    int speed() const { return m_speed; }
    // One of kSpeeds; other values are refused.
    bool setSpeed(int speed);
    bool isPlaying() const { return m_timer.isActive(); }
    void play();
    void pause();
    void togglePlay();
    qint64 currentTime() const { return m_now; }
    // Clamped to the period. Emits positionsAt.
    void setCurrentTime(qint64 timeMs);
    // Real milliseconds between ticks (default 100).
    int tickIntervalMs() const { return m_timer.interval(); }
    void setTickIntervalMs(int ms);
    // One clock tick: playback time advances by tickIntervalMs() × speed().
    void step();

    // Where each worker with a fix around timeMs was.
    Positions positionsAt(qint64 timeMs) const;
    // Stops of all tracks that overlap the period, with the worker they belong to.
    QList<QPair<qint64, TrackStop>> stops() const { return m_stops; }
    // Over the period: summed over the tracks; grids in order of first visit by anyone.
    double distanceMetres() const { return m_distance; }
    QStringList gridsCovered() const { return m_grids; }
    PlaybackScrubber* scrubber() const { return m_scrubber; }
    // Shows the replay in layer (not owned; typically a WorkersLayer of its own, since it is
    // cleared on every jump): markers at the playback time, trails up to it, and the
    // layer's clock set to playback time so trails fade as they would have live.
    void setWorkersLayer(WorkersLayer* layer);
    QString distanceText() const;
    QString gridsText() const;

signals:
    void positionsChanged(qint64 timeMs, const gridhall::PlaybackPanel::Positions& positions);
    void playingChanged(bool playing);
    void finished();

protected:
    void changeEvent(QEvent* event) override;

private:
    void recompute();
    void retranslate();
    void updateTimeUi();
    int sliderValue(qint64 timeMs) const;
    void feedLayer(qint64 previousMs);

    QList<PlaybackTrack> m_tracks;
    GridLookup m_gridAt;
    qint64 m_from = 0;
    qint64 m_to = 0;
    qint64 m_now = 0;
    int m_speed = 1;
    int m_stopMinutes = 5;
    QTimer m_timer;
    QList<QPair<qint64, TrackStop>> m_stops;
    double m_distance = 0;
    QStringList m_grids;

    QToolButton* m_play = nullptr;
    QLabel* m_speedLabel = nullptr;
    QComboBox* m_speedBox = nullptr;
    PlaybackScrubber* m_scrubber = nullptr;
    QLabel* m_time = nullptr;
    QLabel* m_distanceLabel = nullptr;
    QLabel* m_gridsLabel = nullptr;
    bool m_updating = false;
    QPointer<WorkersLayer> m_layer;
    qint64 m_shownMs = 0; // playback time the layer shows
};

} // namespace gridhall
