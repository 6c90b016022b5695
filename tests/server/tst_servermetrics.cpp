// GET /healthz and GET /metrics of the real gridhall-server (serve --metrics): scraped,
// then clients act, then scraped again and the counters have moved by what they did;
// /healthz answers 503 while another process holds the database's write lock and while
// the file is gone, 200 again after.
#include "serverharness.h"

#include <QTemporaryDir>

using namespace gridhall;
using namespace gridhall::protocol;
using namespace gridhall::testing;

namespace {
// "name{labels} value" lines of a Prometheus text, by "name{labels}".
QHash<QString, double> parseMetrics(const QByteArray& text)
{
    QHash<QString, double> values;
    for (const QByteArray& line : text.split('\n')) {
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        const qsizetype space = line.lastIndexOf(' ');
        values.insert(QString::fromUtf8(line.left(space)), line.mid(space + 1).toDouble());
    }
    return values;
}
} // namespace

class TestServerMetrics : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_db;
    QProcess m_server;
    quint16 m_port = 0, m_metricsPort = 0;

    QHash<QString, double> scrape()
    {
        int status = 0;
        const QByteArray body = httpGet(m_metricsPort, "/metrics", &status);
        return status == 200 ? parseMetrics(body) : QHash<QString, double>();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_db = m_dir.filePath("server.db");
        QVERIFY(makeDemoDb(m_db));
        m_server.start(serverBinary(), { "serve", "--db", m_db, "--listen", "127.0.0.1:0", "--metrics", "127.0.0.1:0" });
        QByteArray seen;
        const auto m = waitForOutput(m_server, QRegularExpression("metrics on 127\\.0\\.0\\.1:(\\d+)\\s+listening on 127\\.0\\.0\\.1:(\\d+)"), &seen);
        QVERIFY2(m.hasMatch(), seen.constData());
        m_metricsPort = quint16(m.captured(1).toUInt());
        m_port = quint16(m.captured(2).toUInt());
    }

    void cleanupTestCase()
    {
        m_server.terminate();
        QVERIFY(m_server.waitForFinished(10000));
        QCOMPARE(m_server.exitCode(), 0);
    }

    void countersMoveWithTraffic()
    {
        const QHash<QString, double> before = scrape();
        QVERIFY(!before.isEmpty());
        for (const char* name : { "gridhall_connections", "gridhall_sessions{role=\"district_operator\"}", "gridhall_actions_total{result=\"applied\"}",
                 "gridhall_actions_total{result=\"refused\"}", "gridhall_change_log_cursor", "gridhall_position_fixes_total",
                 "gridhall_snapshot_duration_seconds_count", "gridhall_action_latency_seconds_count" })
            QVERIFY2(before.contains(QLatin1String(name)), name);
        QCOMPARE(before.value("gridhall_sessions{role=\"district_operator\"}"), 0.0);

        const QUrl url(QStringLiteral("ws://127.0.0.1:%1/").arg(m_port));
        WireClient desk, worker;
        QVERIFY(desk.open(url) && worker.open(url));
        QVERIFY(desk.login("op", "metrics-desk"));
        QVERIFY(worker.login("WG00001", "metrics-wg"));
        desk.send(Type::Sync, { { "cursor", 0 } });
        const auto snapshot = readSnapshot(desk);
        QVERIFY(snapshot);
        const QString grid = homeGridOf(*snapshot, "WG00001");
        // One applied report, one refused (its sequence number skips one), one replayed.
        const QJsonObject report { { "clientSeq", 1 }, { "key", "m1" }, { "action", "report" },
            { "case", QJsonObject { { "categoryCode", "0101" }, { "description", "metrics" }, { "lon", 113.3 }, { "lat", 23.1 }, { "gridCode", grid } } } };
        desk.send(Type::Action, report);
        QCOMPARE(desk.next("action_result")->value("status").toString(), "applied");
        desk.send(Type::Action, { { "clientSeq", 5 }, { "key", "m5" }, { "action", "register" }, { "caseId", 1 }, { "seenVersion", 1 } });
        QCOMPARE(desk.next("action_result")->value("status").toString(), "refused");
        desk.send(Type::Action, report);
        QVERIFY(desk.next("action_result")->value("replayed").toBool());
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        worker.send(Type::Position, { { "items", QJsonArray { QJsonObject { { "lon", 113.3 }, { "lat", 23.1 }, { "at", now - 1000 } },
                                                  QJsonObject { { "lon", 113.31 }, { "lat", 23.1 }, { "at", now } } } } });

        QHash<QString, double> after;
        // The fixes arrive on another socket than the scrape: wait until they are counted.
        QVERIFY(waitFor([&] {
            after = scrape();
            return after.value("gridhall_position_fixes_total") >= before.value("gridhall_position_fixes_total") + 2;
        }));
        QCOMPARE(after.value("gridhall_position_fixes_total"), before.value("gridhall_position_fixes_total") + 2);
        QCOMPARE(after.value("gridhall_actions_total{result=\"applied\"}"), before.value("gridhall_actions_total{result=\"applied\"}") + 1);
        QCOMPARE(after.value("gridhall_actions_total{result=\"refused\"}"), before.value("gridhall_actions_total{result=\"refused\"}") + 1);
        QCOMPARE(after.value("gridhall_actions_total{result=\"replayed\"}"), before.value("gridhall_actions_total{result=\"replayed\"}") + 1);
        QCOMPARE(after.value("gridhall_action_latency_seconds_count"), before.value("gridhall_action_latency_seconds_count") + 3);
        QVERIFY(after.contains("gridhall_action_latency_seconds{quantile=\"0.99\"}"));
        QVERIFY(after.value("gridhall_action_latency_seconds{quantile=\"0.5\"}") <= after.value("gridhall_action_latency_seconds{quantile=\"0.99\"}"));
        QCOMPARE(after.value("gridhall_change_log_cursor"), before.value("gridhall_change_log_cursor") + 1);
        QCOMPARE(after.value("gridhall_snapshot_duration_seconds_count"), before.value("gridhall_snapshot_duration_seconds_count") + 1);
        QCOMPARE(after.value("gridhall_snapshot_duration_seconds_bucket{le=\"+Inf\"}"), after.value("gridhall_snapshot_duration_seconds_count"));
        QVERIFY(after.value("gridhall_snapshot_duration_seconds_sum") > before.value("gridhall_snapshot_duration_seconds_sum"));
        QCOMPARE(after.value("gridhall_sessions{role=\"district_operator\"}"), 1.0);
        QCOMPARE(after.value("gridhall_sessions{role=\"field_worker\"}"), 1.0);
        QCOMPARE(after.value("gridhall_connections"), 2.0);
    }

    void healthzFollowsTheDatabase()
    {
        int status = 0;
        QCOMPARE(httpGet(m_metricsPort, "/healthz", &status), QByteArray("ok\n"));
        QCOMPARE(status, 200);

        // Another process holds the write lock: nothing could commit.
        sqlite3* locker = nullptr;
        QCOMPARE(sqlite3_open_v2(m_db.toUtf8().constData(), &locker, SQLITE_OPEN_READWRITE, nullptr), SQLITE_OK);
        QCOMPARE(sqlite3_exec(locker, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
        QByteArray body = httpGet(m_metricsPort, "/healthz", &status);
        QCOMPARE(status, 503);
        QVERIFY2(body.contains("locked"), body.constData());
        sqlite3_exec(locker, "ROLLBACK", nullptr, nullptr, nullptr);
        sqlite3_close(locker);
        httpGet(m_metricsPort, "/healthz", &status);
        QCOMPARE(status, 200);

        // The file is gone (moved away): a restarted server would not find it.
        const QString away = m_db + ".away";
        QVERIFY(QFile::rename(m_db, away));
        body = httpGet(m_metricsPort, "/healthz", &status);
        QVERIFY(QFile::rename(away, m_db));
        QCOMPARE(status, 503);
        QVERIFY2(body.contains("unable to open"), body.constData());
        httpGet(m_metricsPort, "/healthz", &status);
        QCOMPARE(status, 200);
        // Anything else is not found.
        httpGet(m_metricsPort, "/nothing", &status);
        QCOMPARE(status, 404);
    }

    // Issue 14: the endpoint holds at most the descriptors the sync server keeps out of its
    // cap for it (its listener and 8 requests): a ninth connection is closed as soon as it
    // is accepted, and the endpoint answers again once the others go.
    void requestConnectionsAreCapped()
    {
        constexpr int kHeld = 12;
        std::vector<std::unique_ptr<QTcpSocket>> held;
        for (int i = 0; i < kHeld; ++i) {
            held.push_back(std::make_unique<QTcpSocket>());
            held.back()->connectToHost(QHostAddress::LocalHost, m_metricsPort);
            QVERIFY(held.back()->waitForConnected(5000));
        }
        auto open = [&] {
            QTest::qWait(50); // the sockets notice a close the server made
            return int(std::count_if(held.begin(), held.end(), [](const auto& s) { return s->state() == QAbstractSocket::ConnectedState; }));
        };
        constexpr int kRequests = 8; // MetricsEndpoint::kDescriptors less its listener
        QTRY_COMPARE_WITH_TIMEOUT(open(), kRequests, 10000);
        int status = -1;
        httpGet(m_metricsPort, "/metrics", &status);
        QCOMPARE(status, 0); // accepted and closed at once: no answer
        QCOMPARE(open(), kRequests);
        held.clear();
        QVERIFY(waitFor([&] {
            httpGet(m_metricsPort, "/metrics", &status);
            return status == 200;
        }));
    }
};

QTEST_GUILESS_MAIN(TestServerMetrics)
#include "tst_servermetrics.moc"
