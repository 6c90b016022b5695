#pragma once
// A camera's live picture (Qt Multimedia; GStreamer underneath on Debian) that keeps itself
// alive: when the stream fails or stops sending pictures it says so in words, on the
// picture, and connects again on its own (1 s, doubling up to 10 s) until it is back.
// Pictures are converted, and scaled to the widget, on the stream's own (GStreamer) thread:
// the GUI thread only draws ready images, so sixteen tiles on a wall stay cheap to paint.

#include <QElapsedTimer>
#include <QImage>
#include <QUrl>
#include <QWidget>

#include <memory>

#include "models/domain/camera.h"

class QMediaPlayer;
class QTimer;
class QVideoFrame;
class QVideoSink;

namespace gridhall {

class CameraView : public QWidget {
    Q_OBJECT
public:
    enum class State { Idle, Connecting, Live, Retrying };
    Q_ENUM(State)

    explicit CameraView(QWidget* parent = nullptr);
    ~CameraView() override;

    // Starts showing the stream; title names the camera on the picture and in messages.
    // The URL's password is never shown.
    void play(const QUrl& url, const QString& title);
    void stop();
    // Shows words instead of a picture (no stream to play).
    void showMessage(const QString& text);

    State state() const { return m_state; }
    // What the operator reads about the stream now ("" while the picture is live).
    QString statusText() const { return m_status; }
    // The newest picture (null before the first one): what "save a still" keeps.
    QImage currentFrame() const { return m_frame; }
    // Pictures handed to the screen; when the GUI thread is busy only the newest waiting
    // one is shown, so this can be less than the stream sent.
    qint64 framesShown() const { return m_frames; }
    QString title() const { return m_title; }

    // A stream that sends no picture for this long is taken as lost (default 5 s).
    void setStallTimeout(int ms) { m_stallMs = ms; }

signals:
    void stateChanged(gridhall::CameraView::State state);
    void frameShown();

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    // Where the picture is drawn: the picture area, fitted to the picture's shape.
    QRect pictureRect() const;
    // The widget less a band at the bottom that a subclass draws on (a wall tile's name):
    // pictures are scaled to fit above it, and a new picture repaints only itself.
    QRect pictureArea() const { return rect().adjusted(0, 0, 0, -m_reservedBottom); }
    void setReservedBottom(int pixels);

private:
    struct FrameRelay;
    void connectStream();
    void dropPlayer();
    void takeFrame(const std::shared_ptr<FrameRelay>& relay);
    void fail(const QString& why);
    void setState(State state, const QString& status);
    void checkStall();

    QMediaPlayer* m_player = nullptr;
    QVideoSink* m_sink = nullptr;
    QTimer* m_retry = nullptr;
    QTimer* m_watchdog = nullptr;
    QUrl m_url;
    QString m_title;
    State m_state = State::Idle;
    QString m_status;
    std::shared_ptr<FrameRelay> m_relay; // the current player's pictures on their way
    QImage m_frame;
    QImage m_shown; // m_frame scaled for the widget
    qint64 m_frames = 0;
    QElapsedTimer m_sinceFrame; // since the last picture, or since connecting
    int m_backoffMs = 1000;
    int m_reservedBottom = 0;
    int m_stallMs = 5000;
};

// Opens a camera's live view in a window of its own (closed with Esc, deleted on close):
// the main stream, else the sub-stream; a camera without a stream for this user says so.
CameraView* openCameraWindow(QWidget* parent, const Camera& camera);

} // namespace gridhall
