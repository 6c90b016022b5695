// The hall's cameras as reference data: import-cameras into the demo hall, then what a real
// server sends in snapshots — only the cameras of the user's street scope, stream URLs only
// to roles that may watch (never to a field worker's handheld) — on SQLite and on
// PostgreSQL (copy-db carries the cameras over; import-cameras updates them in place), and
// the SyncClient replica keeping them.

#include "serverharness.h"

#include "models/store/store.h"
#include "models/sync/syncclient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace gridhall;
using namespace gridhall::testing;

class TestServerCameras : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void snapshotsAreScopedAndStreamsWithheld();
    void replicaKeepsCameras();
    void postgresCopyAndReimport();
    void demoDataPlacesCameras();

private:
    QString path(const QString& name) const { return m_dir.filePath(name); }
    // The cameras a user's snapshot carries, by code.
    static QHash<QString, QJsonObject> camerasFor(const QUrl& url, const QString& user, QJsonObject* counts = nullptr);
    // Runs import-cameras (no audit key: it writes no audit entries).
    static int importCameras(const QString& db, const QString& file, QByteArray* output);
    void writeCameras(const QString& file, const QString& suffix) const;

    QTemporaryDir m_dir;
    QString m_db;
    // Camera code → street, four cameras over three streets.
    QList<QPair<QString, QString>> m_placed;
    QList<QPair<double, double>> m_points;
};

void TestServerCameras::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_db = path("hall.sqlite");
    QVERIFY(makeDemoDb(m_db));
    // One camera at the centre of the first grid of each street 1-3, a second one in street 1.
    const QList<QStringList> grids = queryServerDb(m_db,
        "SELECT street_code, min(code) FROM grids WHERE street_code IN ('440199001', '440199002', '440199003') "
        "GROUP BY street_code ORDER BY street_code");
    QCOMPARE(grids.size(), 3);
    const QList<QStringList> second = queryServerDb(m_db, "SELECT max(code) FROM grids WHERE street_code = '440199001'");
    QStringList codes { grids[0][1], grids[1][1], grids[2][1], second[0][0] };
    const QStringList streets { "440199001", "440199002", "440199003", "440199001" };
    for (int i = 0; i < codes.size(); ++i) {
        const QList<QStringList> c = queryServerDb(m_db, "SELECT centroid_lon, centroid_lat FROM grids WHERE code = '" + codes[i].toLatin1() + "'");
        m_points.append({ c[0][0].toDouble(), c[0][1].toDouble() });
        m_placed.append({ QStringLiteral("CAM%1").arg(i + 1), streets[i] });
    }
    writeCameras(path("cameras.geojson"), {});
    QByteArray out;
    QVERIFY2(importCameras(m_db, path("cameras.geojson"), &out) == 0, out.constData());
    QVERIFY2(out.contains("4 cameras"), out.constData());
    QCOMPARE(serverCount(m_db, "SELECT count(*) FROM cameras WHERE main_url LIKE 'rtsp://viewer:Pw-%'"), 4);
}

void TestServerCameras::writeCameras(const QString& file, const QString& suffix) const
{
    QJsonArray features;
    for (int i = 0; i < m_placed.size(); ++i) {
        const QString code = m_placed[i].first;
        features.append(QJsonObject { { "type", "Feature" },
            { "properties", QJsonObject { { "CAMERA_CODE", code }, { "NAME", QString(code + QStringLiteral(" gate") + suffix) },
                                { "MAIN_URL", QStringLiteral("rtsp://viewer:Pw-%1@10.20.0.%2/main").arg(code).arg(i + 1) },
                                { "SUB_URL", QStringLiteral("rtsp://viewer:Pw-%1@10.20.0.%2/sub").arg(code).arg(i + 1) },
                                { "DIRECTION", 45 * i }, { "KIND", i == 1 ? "face_matching" : "road" } } },
            { "geometry", QJsonObject { { "type", "Point" }, { "coordinates", QJsonArray { m_points[i].first, m_points[i].second } } } } });
    }
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(QJsonDocument(QJsonObject { { "type", "FeatureCollection" }, { "features", features } }).toJson());
}

int TestServerCameras::importCameras(const QString& db, const QString& file, QByteArray* output)
{
    QProcess p;
    p.start(serverBinary(), { "import-cameras", "--db", db, file });
    if (!p.waitForFinished(60000))
        return -1;
    *output = p.readAllStandardOutput() + p.readAllStandardError();
    return p.exitCode();
}

QHash<QString, QJsonObject> TestServerCameras::camerasFor(const QUrl& url, const QString& user, QJsonObject* counts)
{
    WireClient c;
    if (!c.open(url) || !c.login(user, user + QStringLiteral("-client")))
        return {};
    c.send(protocol::Type::Sync, { { "cursor", 0 }, { "epoch", "" } });
    const std::optional<Snapshot> s = readSnapshot(c);
    if (!s)
        return {};
    if (counts)
        *counts = s->begin.value("counts").toObject();
    QHash<QString, QJsonObject> byCode;
    for (const QJsonObject& o : s->reference.value(QStringLiteral("cameras")))
        byCode.insert(o.value("code").toString(), o);
    return byCode;
}

void TestServerCameras::snapshotsAreScopedAndStreamsWithheld()
{
    ServerProcess server;
    QVERIFY(server.start(m_db));

    // The district operator: every camera, with its streams as imported.
    QJsonObject counts;
    QHash<QString, QJsonObject> cams = camerasFor(server.url(), "op", &counts);
    QCOMPARE(cams.size(), 4);
    QCOMPARE(counts.value("cameras").toInt(), 4);
    QCOMPARE(cams["CAM2"].value("mainUrl").toString(), QStringLiteral("rtsp://viewer:Pw-CAM2@10.20.0.2/main"));
    QCOMPARE(cams["CAM2"].value("subUrl").toString(), QStringLiteral("rtsp://viewer:Pw-CAM2@10.20.0.2/sub"));
    QCOMPARE(cams["CAM2"].value("kind").toString(), QStringLiteral("face_matching"));
    QCOMPARE(cams["CAM3"].value("direction").toDouble(), 90.0);
    QCOMPARE(cams["CAM3"].value("streetCode").toString(), QStringLiteral("440199003"));
    Camera parsed;
    protocol::Problem problem;
    QVERIFY2(protocol::cameraFromJson(cams["CAM1"], &parsed, &problem), qPrintable(problem.message));
    QCOMPARE(parsed.position.lon, m_points[0].first);

    // A street operator: its street's two cameras and nothing of the others.
    cams = camerasFor(server.url(), "s1", &counts);
    QCOMPARE(QSet<QString>(cams.keyBegin(), cams.keyEnd()), (QSet<QString> { "CAM1", "CAM4" }));
    QCOMPARE(counts.value("cameras").toInt(), 2);
    QVERIFY(cams["CAM4"].value("mainUrl").toString().startsWith(QStringLiteral("rtsp://viewer:")));

    // A leader watches video too.
    QCOMPARE(camerasFor(server.url(), "boss").value("CAM3").value("mainUrl").toString(),
        QStringLiteral("rtsp://viewer:Pw-CAM3@10.20.0.3/main"));

    // A field worker's handheld: the cameras of its street to see on its map, no stream URL.
    cams = camerasFor(server.url(), "WG00001");
    QVERIFY(!cams.isEmpty());
    for (const QJsonObject& o : std::as_const(cams)) {
        QCOMPARE(o.value("mainUrl").toString(), QString());
        QCOMPARE(o.value("subUrl").toString(), QString());
        QVERIFY(!o.value("name").toString().isEmpty());
    }
}

void TestServerCameras::replicaKeepsCameras()
{
    ServerProcess server;
    QVERIFY(server.start(m_db));
    StoreStatus status;
    std::unique_ptr<Store> store = Store::open(path("replica.sqlite"), &status);
    QVERIFY2(store, qPrintable(status.message));
    SyncClient client(*store);
    client.setServer(server.url());
    client.setCredentials("s1", kTestPassword);
    QSignalSpy applied(&client, &SyncClient::snapshotApplied);
    client.start();
    QVERIFY(applied.wait(30000));
    const QList<Camera> cameras = store->cameras();
    QCOMPARE(cameras.size(), 2);
    QCOMPARE(cameras[0].code, QStringLiteral("CAM1"));
    QCOMPARE(cameras[0].streetCode, QStringLiteral("440199001"));
    QCOMPARE(cameras[0].direction, 0.0);
    QCOMPARE(cameras[1].direction, 135.0);
    QCOMPARE(cameras[1].mainUrl, QStringLiteral("rtsp://viewer:Pw-CAM4@10.20.0.4/main"));
    client.stop();
}

void TestServerCameras::postgresCopyAndReimport()
{
    const QString key = path("pg.audit-key");
    const QString uri = newPostgresDatabase(key);
    QVERIFY(!uri.isEmpty());
    QByteArray out;
    QVERIFY2(runServerCommand({ "copy-db", "--from", m_db, "--to", uri, "--audit-key", key }, {}, &out) == 0, out.constData());

    ServerProcess server;
    QVERIFY(server.start(uri));
    QHash<QString, QJsonObject> cams = camerasFor(server.url(), "s1");
    QCOMPARE(cams.size(), 2);
    QCOMPARE(cams["CAM1"].value("name").toString(), QStringLiteral("CAM1 gate"));
    QCOMPARE(camerasFor(server.url(), "WG00001").value("CAM1").value("mainUrl").toString(), QString());

    // The city renames its cameras: imported again into the running hall, updated by code.
    writeCameras(path("renamed.geojson"), QStringLiteral(" (new)"));
    QVERIFY2(importCameras(uri, path("renamed.geojson"), &out) == 0, out.constData());
    cams = camerasFor(server.url(), "op");
    QCOMPARE(cams.size(), 4);
    QCOMPARE(cams["CAM3"].value("name").toString(), QStringLiteral("CAM3 gate (new)"));
    QCOMPARE(cams["CAM3"].value("mainUrl").toString(), QStringLiteral("rtsp://viewer:Pw-CAM3@10.20.0.3/main"));
}

void TestServerCameras::demoDataPlacesCameras()
{
    const QString db = path("demo-cameras.sqlite");
    QByteArray out;
    QVERIFY2(runServerCommand({ "demo-data", "--db", db, "--cases-per-day", "2", "--end", "2026-11-20", "--camera-streams",
                                  "rtsp://127.0.0.1:8554/cam" },
                 {}, &out)
            == 0,
        out.constData());
    // One camera in every tenth grid, every street has some, each in the grid it names.
    QCOMPARE(serverCount(db, "SELECT count(*) FROM cameras"), (serverCount(db, "SELECT count(*) FROM grids") + 9) / 10);
    QCOMPARE(serverCount(db, "SELECT count(DISTINCT street_code) FROM cameras"), serverCount(db, "SELECT count(*) FROM streets"));
    QCOMPARE(serverCount(db, "SELECT count(*) FROM cameras c JOIN grids g ON g.code = c.grid_code AND g.street_code = c.street_code"),
        serverCount(db, "SELECT count(*) FROM cameras"));
    QCOMPARE(serverCount(db, "SELECT count(*) FROM cameras WHERE sub_url <> 'rtsp://127.0.0.1:8554/cam/' || code || '/sub'"), 0);
    QVERIFY(serverCount(db, "SELECT count(DISTINCT kind) FROM cameras") == 3);
    // Without the option the demo district has none (the other tests import their own).
    QCOMPARE(serverCount(m_db, "SELECT count(*) FROM cameras WHERE code LIKE 'CAM0%'"), 0);
}

QTEST_MAIN(TestServerCameras)
#include "tst_servercameras.moc"
