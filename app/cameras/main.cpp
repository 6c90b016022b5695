// gridhall-cameras: synthetic camera streams for the demo and the tests. An RTSP server on
// loopback (GStreamer's gst-rtsp-server) that serves, for any camera code, a moving test
// picture with the code and the time burnt in, H.264 over RTP:
//   rtsp://127.0.0.1:PORT/cam/CODE       main stream, 704×576, 25 fps
//   rtsp://127.0.0.1:PORT/cam/CODE/sub   sub-stream, 352×288, 15 fps (what walls tile)
// The code is taken from the path: one server stands in for every camera of a hall.

// GLib's headers first: Qt's signals/slots macros would clash with their struct fields.
#include <gst/gst.h>
#include <gst/rtsp-server/rtsp-server.h>

#include "app/eventloop/stopsignals.h"
#include "translations/translator.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

namespace {

// The context lupdate files this program's strings under (zh_CN in translations/).
struct CamerasMain {
    Q_DECLARE_TR_FUNCTIONS(CamerasMain)
};

constexpr const char* kMountPrefix = "/cam";

// A camera code as it may appear in a path and a text overlay: letters, digits, - and _.
QString codeFromPath(const char* abspath, bool* sub)
{
    QString path = QString::fromUtf8(abspath);
    if (!path.startsWith(QLatin1String(kMountPrefix) + QLatin1Char('/')))
        return {};
    path = path.mid(int(qstrlen(kMountPrefix)));
    QStringList parts = path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    // SETUP requests name the track after the stream: …/CODE[/sub]/stream=0.
    if (!parts.isEmpty() && parts.last().startsWith(QLatin1String("stream=")))
        parts.removeLast();
    *sub = parts.size() == 2 && parts[1] == QLatin1String("sub");
    if (parts.isEmpty() || parts.size() > 2 || (parts.size() == 2 && !*sub))
        return {};
    const QString code = parts.first();
    for (QChar c : code)
        if (!(c.isLetterOrNumber() || c == QLatin1Char('-') || c == QLatin1Char('_')))
            return {};
    return code.left(64);
}

} // namespace

// The camera's pipeline: a moving ball on a test pattern, the code top left and the wall
// clock bottom right; zerolatency H.264 with a key frame every second so a viewer starts at once.
static QByteArray launchFor(const QString& code, bool sub)
{
    const int width = sub ? 352 : 704, height = sub ? 288 : 576, fps = sub ? 15 : 25;
    return QStringLiteral(
        "( videotestsrc is-live=true pattern=ball background-color=0xff203040 foreground-color=0xffe0e0e0 "
        "! video/x-raw,width=%1,height=%2,framerate=%3/1 "
        "! textoverlay text=\"%4%5\" valignment=top halignment=left font-desc=\"Sans %6\" "
        "! clockoverlay time-format=\"%Y-%m-%d %H:%M:%S\" valignment=bottom halignment=right font-desc=\"Sans %6\" "
        "! videoconvert ! x264enc tune=zerolatency speed-preset=ultrafast key-int-max=%3 bitrate=%7 "
        "! rtph264pay name=pay0 pt=96 config-interval=1 )")
        .arg(width)
        .arg(height)
        .arg(fps)
        .arg(code, sub ? QStringLiteral(" sub") : QString())
        .arg(sub ? 12 : 20)
        .arg(sub ? 256 : 1024)
        .toUtf8();
}

// Mount points that make a camera's mount the first time its path is asked for, so one
// server stands in for every camera of a hall without a list.
G_BEGIN_DECLS
#define GRIDHALL_TYPE_CAMERA_MOUNTS (gridhall_camera_mounts_get_type())
G_DECLARE_FINAL_TYPE(GridhallCameraMounts, gridhall_camera_mounts, GRIDHALL, CAMERA_MOUNTS, GstRTSPMountPoints)
G_END_DECLS

struct _GridhallCameraMounts {
    GstRTSPMountPoints parent;
    GHashTable* made; // mount paths already added
};
G_DEFINE_TYPE(GridhallCameraMounts, gridhall_camera_mounts, GST_TYPE_RTSP_MOUNT_POINTS)

static gchar* makeCameraPath(GstRTSPMountPoints* mounts, const GstRTSPUrl* url)
{
    auto* self = reinterpret_cast<GridhallCameraMounts*>(mounts);
    bool sub = false;
    const QString code = codeFromPath(url->abspath, &sub);
    if (!code.isEmpty()) {
        const QByteArray mount = QByteArray(kMountPrefix) + '/' + code.toUtf8() + (sub ? "/sub" : "");
        if (!g_hash_table_contains(self->made, mount.constData())) {
            GstRTSPMediaFactory* factory = gst_rtsp_media_factory_new();
            gst_rtsp_media_factory_set_launch(factory, launchFor(code, sub).constData());
            // One encoder per stream however many viewers watch it.
            gst_rtsp_media_factory_set_shared(factory, TRUE);
            gst_rtsp_mount_points_add_factory(mounts, mount.constData(), factory);
            g_hash_table_add(self->made, g_strdup(mount.constData()));
        }
    }
    return g_strdup(url->abspath);
}

static void finalizeCameraMounts(GObject* object)
{
    g_hash_table_destroy(reinterpret_cast<GridhallCameraMounts*>(object)->made);
    G_OBJECT_CLASS(gridhall_camera_mounts_parent_class)->finalize(object);
}

static void gridhall_camera_mounts_class_init(GridhallCameraMountsClass* klass)
{
    GST_RTSP_MOUNT_POINTS_CLASS(klass)->make_path = makeCameraPath;
    G_OBJECT_CLASS(klass)->finalize = finalizeCameraMounts;
}

static void gridhall_camera_mounts_init(GridhallCameraMounts* self)
{
    self->made = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, nullptr);
}

int main(int argc, char** argv)
{
    gst_init(&argc, &argv);
    // Qt's default event dispatcher on Linux is GLib's: the RTSP server attaches to the
    // same main context and runs in QCoreApplication's loop.
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("gridhall-cameras"));
    gridhall::installLanguage(gridhall::defaultLanguage());
    QTextStream out(stdout), err(stderr);

    QCommandLineParser parser;
    parser.setApplicationDescription(CamerasMain::tr("Serves synthetic camera streams over RTSP for the demo and the tests:\n"
                                        "rtsp://ADDRESS:PORT/cam/CODE (704×576, 25 fps) and rtsp://ADDRESS:PORT/cam/CODE/sub "
                                        "(352×288, 15 fps),\na moving test picture with the camera's code and the time, for any CODE."));
    parser.addHelpOption();
    const QCommandLineOption listenOpt(QStringLiteral("listen"),
        CamerasMain::tr("Address and port to listen on (default 127.0.0.1:0, a free port; the port is printed)."), QStringLiteral("ADDR:PORT"),
        QStringLiteral("127.0.0.1:0"));
    parser.addOption(listenOpt);
    parser.process(app);
    const QString listen = parser.value(listenOpt);
    const qsizetype colon = listen.lastIndexOf(QLatin1Char(':'));
    bool portOk = false;
    const uint port = listen.mid(colon + 1).toUInt(&portOk);
    if (colon <= 0 || !portOk || port > 65535) {
        err << CamerasMain::tr("--listen must be ADDRESS:PORT, e.g. 127.0.0.1:8554, not \"%1\"").arg(listen) << "\n";
        return 2;
    }

    GstRTSPServer* server = gst_rtsp_server_new();
    gst_rtsp_server_set_address(server, listen.left(colon).toUtf8().constData());
    gst_rtsp_server_set_service(server, QByteArray::number(port).constData());
    auto* mounts = GST_RTSP_MOUNT_POINTS(g_object_new(GRIDHALL_TYPE_CAMERA_MOUNTS, nullptr));
    gst_rtsp_server_set_mount_points(server, mounts);
    g_object_unref(mounts);
    if (gst_rtsp_server_attach(server, nullptr) == 0) {
        err << CamerasMain::tr("Cannot listen on %1 (in use, or not an address of this machine).").arg(listen) << "\n";
        g_object_unref(server);
        return 1;
    }
    out << QStringLiteral("gridhall-cameras listening on %1:%2")
               .arg(listen.left(colon))
               .arg(gst_rtsp_server_get_bound_port(server))
        << Qt::endl;
    gridhall::onStopSignals(&app, [] { QCoreApplication::quit(); });
    const int code = app.exec();
    g_object_unref(server);
    return code;
}
