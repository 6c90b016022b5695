// bench video (issue 17): 16 camera sub-streams (352x288, 15 fps) from gridhall-cameras on a
// 3840x2160 wall's 4x4 video view for 30 s: pictures shown per second across the tiles,
// against ffmpeg decoding the same 16 streams to null in the same run (before the wall, so
// the two do not share the machine); goal ≥ 0.8×. And the GUI thread's longest block while
// the wall plays: its longest event, at most 16 ms (one frame at 60 Hz). A 1 ms timer's
// lateness is printed beside it: it also counts the time the machine gave to others.
//
// GH_BENCH_SECONDS sets both measuring windows (default 30).

#include "../video/cameraserver.h"
#include "benchstall.h"
#include "widgets/wallvideoboard.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTextStream>
#include <QTimer>

#include <functional>
#include <memory>

using namespace gridhall;

namespace {

QTextStream out(stdout);

constexpr int kStreams = 16;
constexpr double kGoalRatio = 0.8;
constexpr double kLimitMs = 16;
constexpr int kWarmUpMs = 3000; // streams connecting and decoders starting are not timed

void runFor(int ms, const std::function<bool()>& done = {})
{
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < ms && !(done && done()))
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
}

QString urlOf(const testing::CameraServer& server, int i)
{
    return server.url(QStringLiteral("/cam/B%1/sub").arg(i + 1, 2, 10, QLatin1Char('0'))).toString();
}

// ffmpeg decoding one stream to null, its frame count read from -progress.
struct Decoder {
    QProcess process;
    qint64 frames = 0;
    QByteArray pending;
    void read()
    {
        pending += process.readAllStandardOutput();
        qsizetype end;
        while ((end = pending.indexOf('\n')) >= 0) {
            const QByteArray line = pending.left(end).trimmed();
            pending.remove(0, end + 1);
            if (line.startsWith("frame="))
                frames = line.mid(6).toLongLong();
        }
    }
};

// Frames per second ffmpeg decodes over `seconds`, across the streams; -1 if it cannot run.
double ffmpegFps(const testing::CameraServer& server, int seconds, QString* problem)
{
    std::vector<std::unique_ptr<Decoder>> decoders;
    for (int i = 0; i < kStreams; ++i) {
        auto d = std::make_unique<Decoder>();
        Decoder* raw = d.get();
        QObject::connect(&d->process, &QProcess::readyReadStandardOutput, [raw] { raw->read(); });
        d->process.start(QStringLiteral("ffmpeg"),
            { "-nostdin", "-hide_banner", "-loglevel", "error", "-progress", "pipe:1", "-stats_period", "0.5",
                "-rtsp_transport", "tcp", "-i", urlOf(server, i), "-f", "null", "-" });
        decoders.push_back(std::move(d));
    }
    for (auto& d : decoders) {
        if (!d->process.waitForStarted(10000)) {
            *problem = QStringLiteral("ffmpeg did not start: %1").arg(d->process.errorString());
            return -1;
        }
    }
    runFor(kWarmUpMs);
    qint64 before = 0;
    for (auto& d : decoders)
        before += d->frames;
    QElapsedTimer t;
    t.start();
    runFor(seconds * 1000);
    qint64 after = 0;
    for (auto& d : decoders)
        after += d->frames;
    const double elapsed = t.elapsed() / 1000.0;
    for (auto& d : decoders) {
        d->process.terminate();
        if (!d->process.waitForFinished(5000))
            d->process.kill();
    }
    return (after - before) / elapsed;
}

} // namespace

int main(int argc, char** argv)
{
    bench::StallTimingApplication app(argc, argv);
    const int seconds = qEnvironmentVariableIsSet("GH_BENCH_SECONDS") ? qEnvironmentVariableIntValue("GH_BENCH_SECONDS") : 30;

    testing::CameraServer server;
    if (!server.start()) {
        out << "bench video: failed: gridhall-cameras did not start" << Qt::endl;
        return 1;
    }
    QString problem;
    const double ffmpeg = ffmpegFps(server, seconds, &problem);
    if (ffmpeg <= 0) {
        out << "bench video: failed: " << (problem.isEmpty() ? QStringLiteral("ffmpeg decoded nothing") : problem) << Qt::endl;
        return 1;
    }

    // The wall: one 3840x2160 screen, a 4x4 video view of the 16 streams.
    QWidget wall;
    wall.setStyleSheet(QStringLiteral("background: #0b1016;"));
    wall.resize(3840, 2160);
    auto* board = new WallVideoBoard(&wall);
    board->setGeometry(0, 0, 3840, 2160);
    board->setGrid(4, 4);
    board->setTypeSize(60); // the body text of a 55-inch 4K screen seen from 4 m
    QList<Camera> cameras;
    for (int i = 0; i < kStreams; ++i) {
        Camera c;
        c.code = QStringLiteral("B%1").arg(i + 1, 2, 10, QLatin1Char('0'));
        c.name = QStringLiteral("Bench %1").arg(i + 1);
        c.subUrl = urlOf(server, i);
        cameras.append(c);
    }
    wall.show();
    board->setCameras(cameras);
    const auto allLive = [&] {
        return std::all_of(board->tiles().cbegin(), board->tiles().cend(),
            [](const WallVideoTile* t) { return t->state() == CameraView::State::Live; });
    };
    runFor(30'000, allLive);
    if (!allLive()) {
        int live = 0;
        for (const WallVideoTile* t : board->tiles())
            live += t->state() == CameraView::State::Live ? 1 : 0;
        out << QStringLiteral("bench video: failed: %1 of %2 tiles live after 30 s").arg(live).arg(kStreams) << Qt::endl;
        return 1;
    }
    runFor(kWarmUpMs);

    // The GUI thread's longest block: how late a 1 ms timer fires.
    QElapsedTimer sinceTick;
    double longestGapMs = 0;
    QTimer tick;
    tick.setTimerType(Qt::PreciseTimer);
    tick.setInterval(1);
    QObject::connect(&tick, &QTimer::timeout, [&] {
        if (sinceTick.isValid())
            longestGapMs = std::max(longestGapMs, sinceTick.nsecsElapsed() / 1e6);
        sinceTick.start();
    });
    const qint64 before = board->framesShown();
    QElapsedTimer t;
    t.start();
    tick.start();
    app.measuring = true;
    runFor(seconds * 1000);
    app.measuring = false;
    tick.stop();
    const double elapsed = t.elapsed() / 1000.0;
    const double shown = (board->framesShown() - before) / elapsed;
    const double lateMs = std::max(0.0, longestGapMs - 1);
    const double ratio = shown / ffmpeg;
    const bool ok = ratio >= kGoalRatio && app.longestMs <= kLimitMs;
    out << QStringLiteral("bench video: %1 sub-streams 352x288 15 fps on a 3840x2160 4x4 video view for %2 s: "
                          "%3 frames/s shown across the tiles, ffmpeg %4 frames/s decoding the same streams to null; "
                          "ratio %5 (goal >= %6)")
               .arg(kStreams)
               .arg(elapsed, 0, 'f', 0)
               .arg(shown, 0, 'f', 1)
               .arg(ffmpeg, 0, 'f', 1)
               .arg(ratio, 0, 'f', 2)
               .arg(kGoalRatio, 0, 'f', 1)
        << Qt::endl;
    out << QStringLiteral("bench video: longest GUI-thread block %1 ms (%2; limit %3 ms) over %4 events, "
                          "the GUI thread busy %5% of the time; a 1 ms timer was at most %6 ms late; %7")
               .arg(app.longestMs, 0, 'f', 1)
               .arg(app.longestWhat)
               .arg(kLimitMs, 0, 'f', 0)
               .arg(app.events)
               .arg(100 * app.totalMs / (elapsed * 1000), 0, 'f', 0)
               .arg(lateMs, 0, 'f', 1)
               .arg(ok ? QStringLiteral("ok") : QStringLiteral("short"))
        << Qt::endl;

    // A stream never blocks the wall: four tiles' cameras gone in four ways (a closed port,
    // an address nobody answers, a path the server does not serve, a server that takes the
    // connection and says nothing), connecting and retrying beside twelve live ones.
    QTcpServer silent;
    silent.listen(QHostAddress::LocalHost, 0);
    QList<QTcpSocket*> held; // accepted and never answered
    QObject::connect(&silent, &QTcpServer::newConnection, [&] {
        while (QTcpSocket* s = silent.nextPendingConnection())
            held.append(s);
    });
    const QStringList dead { QStringLiteral("rtsp://127.0.0.1:1/cam/D01/sub"), QStringLiteral("rtsp://10.255.255.1/cam/D02/sub"),
        server.url(QStringLiteral("/no/such/D03")).toString(), QStringLiteral("rtsp://127.0.0.1:%1/cam/D04/sub").arg(silent.serverPort()) };
    QList<Camera> mixed = cameras.mid(0, kStreams - int(dead.size()));
    for (int i = 0; i < dead.size(); ++i) {
        Camera c;
        c.code = QStringLiteral("D%1").arg(i + 1, 2, 10, QLatin1Char('0'));
        c.name = QStringLiteral("Gone %1").arg(i + 1);
        c.subUrl = dead.at(i);
        mixed.append(c);
    }
    const int deadSeconds = std::max(5, seconds / 2);
    app.longestMs = 0;
    app.events = 0;
    app.totalMs = 0;
    const qint64 deadBefore = board->framesShown();
    QElapsedTimer deadTime;
    deadTime.start();
    app.measuring = true;
    board->setCameras(mixed); // the tiles whose camera went take the dead ones
    runFor(deadSeconds * 1000);
    app.measuring = false;
    const double liveShown = (board->framesShown() - deadBefore) / (deadTime.elapsed() / 1000.0);
    int retrying = 0;
    for (const WallVideoTile* tile : board->tiles())
        retrying += tile->state() == CameraView::State::Retrying || tile->state() == CameraView::State::Connecting ? 1 : 0;
    out << QStringLiteral("bench video: %1 dead tiles (%2 of them retrying at the end) beside %3 live ones for %4 s: "
                          "%5 frames/s shown, longest GUI-thread block %6 ms (%7; limit %8 ms) %9")
               .arg(dead.size())
               .arg(retrying)
               .arg(kStreams - dead.size())
               .arg(deadSeconds)
               .arg(liveShown, 0, 'f', 1)
               .arg(app.longestMs, 0, 'f', 1)
               .arg(app.longestWhat)
               .arg(kLimitMs, 0, 'f', 0)
               .arg(app.longestMs <= kLimitMs ? QStringLiteral("ok") : QStringLiteral("short"))
        << Qt::endl;
    qDeleteAll(held);
    return 0;
}
