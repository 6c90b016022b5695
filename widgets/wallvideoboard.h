#pragma once
// The wall's video view: 1×1 up to 4×4 tiles of camera sub-streams, each a CameraView
// labelled with the camera's name and code. It cycles through a list of cameras: every
// cycle period each tile moves on once, one tile at a time (the tile that has shown its
// camera longest), so the wall never goes dark all at once and a tile whose turn it is not
// keeps its stream. While an alert is up it shows the cameras it is given (the nearest to
// the dispute, nearest first) and goes back to cycling, where it was, when the alert clears.
// A tile whose stream fails says so on the picture and retries on its own (CameraView).

#include "models/domain/area.h"
#include "models/domain/camera.h"
#include "widgets/cameraview.h"
#include "widgets/wallview.h"

#include <QList>
#include <QTimer>
#include <QVariantMap>
#include <QWidget>

class QGridLayout;

namespace gridhall {

// A layout entry's options for the video view (docs/WALL.md).
struct VideoWallOptions {
    static constexpr int kMaxTiles = 4; // per side
    static constexpr int kDefaultCycleSeconds = 20;
    static constexpr int kMinCycleSeconds = 2;
    static constexpr int kMaxCycleSeconds = 3600;

    int columns = 2;
    int rows = 2;
    QString area; // a street's code or name; empty: the whole district
    int cycleSeconds = kDefaultCycleSeconds;

    // "tiles": "3x3" (or 3 for 3×3), "area": "…", "cycle": seconds. False and a translated
    // message naming the option on anything else.
    static bool parse(const QVariantMap& options, VideoWallOptions* out, QString* error);
};

// One tile: a camera's live picture with its name and code along the bottom.
class WallVideoTile : public CameraView {
    Q_OBJECT
public:
    explicit WallVideoTile(QWidget* parent = nullptr);
    // Plays the camera's sub-stream (else its main stream) once the tile is on screen; the
    // same camera again keeps its stream. A camera with no code empties the tile.
    void showCamera(const Camera& camera);
    const Camera& camera() const { return m_camera; }
    // Stops the stream but keeps the camera (the view is not on screen); resume() plays it again.
    void suspend() { stop(); }
    void resume() { showCamera(Camera(m_camera)); }
    QString label() const;
    void setLabelPixels(int pixels);

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    Camera m_camera;
    int m_labelPx = 24;
};

class WallVideoBoard : public QWidget {
    Q_OBJECT
public:
    explicit WallVideoBoard(QWidget* parent = nullptr);
    ~WallVideoBoard() override;

    void setGrid(int columns, int rows);
    // The cameras to cycle through, in order (those without a stream are skipped). The
    // tiles keep what they show where it is still in the list.
    void setCameras(const QList<Camera>& cameras);
    void setCycleSeconds(int seconds);
    // While an alert is up: these cameras, first tile first; cycling pauses.
    void showCameras(const QList<Camera>& cameras);
    // Back to cycling, with the tiles as they were before showCameras().
    void resumeCycling();
    bool isCycling() const { return !m_pinned; }
    // Moves the tile whose turn it is to the next camera (what the cycle timer does).
    void cycleOnce();

    void setTypeSize(int bodyPixels);
    QList<WallVideoTile*> tiles() const { return m_tiles; }
    // Words shown instead of tiles when there is no camera to show (empty: tiles).
    QString emptyText() const { return m_emptyText; }
    void setEmptyText(const QString& text);
    // Pictures shown by all tiles so far (bench video).
    qint64 framesShown() const;

protected:
    void paintEvent(QPaintEvent* event) override;
    // A board not on screen (another view of the playlist is) plays nothing and does not cycle.
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;

private:
    void fillTiles();
    void restartCycle();
    int indexOf(const QString& code) const;

    QGridLayout* m_grid;
    QList<WallVideoTile*> m_tiles;
    QList<Camera> m_cameras; // what cycling goes through
    QList<Camera> m_beforePin; // what the tiles showed when an alert pinned them
    int m_next = 0; // the camera cycling shows next
    int m_dueTile = 0; // the tile that moves on next
    bool m_pinned = false;
    int m_cycleSeconds = VideoWallOptions::kDefaultCycleSeconds;
    QTimer m_cycle;
    QString m_emptyText;
    int m_bodyPx = 24;
};

// The `video` view kind of wall layouts: a WallVideoBoard cycling through the cameras of
// the entry's street (option "area") or of the whole district; an alert shows the cameras
// nearest the dispute, nearest first, until it is taken down. The app hands it the cameras.
class WallVideoView final : public WallView {
public:
    explicit WallVideoView(QWidget* parent);
    ~WallVideoView() override;

    // A layout entry's options (WallViewRegistry::registerOptionCheck).
    static bool checkOptions(const QVariantMap& options, QString* error);

    // The district's cameras (those this account may watch have stream URLs) and streets.
    void setCameras(const QList<Camera>& cameras, const QList<Street>& streets);

    QWidget* widget() override { return m_board; }
    void showEntry(const WallViewSpec& spec) override;
    QString caption() const override;
    bool canShowAlert() const override { return true; }
    void showAlert(const WallAlert& alert) override;
    void alertCleared(qint64 id) override;
    void setTypeSize(int bodyPixels) override { m_board->setTypeSize(bodyPixels); }
    // Every tile with a camera has a picture or has said why not.
    bool isSettled() const override;

    WallVideoBoard* board() const { return m_board; }

private:
    void applyArea();
    QString streetCode() const;

    WallVideoBoard* m_board;
    QList<Camera> m_cameras;
    QList<Street> m_streets;
    VideoWallOptions m_options;
    qint64 m_alertId = 0;
    QString m_alertTitle;
};

} // namespace gridhall
