// A clean stop of the real gridhall-server on each of SIGTERM, SIGINT and SIGHUP, sent
// while a feedback with two large photos is being decoded: the action in flight is applied
// and answered, every client is told 1001 "going away", and the server exits 0 with its
// audit chain intact.
#include "serverharness.h"

#include <QTemporaryDir>

using namespace gridhall;
using namespace gridhall::protocol;
using namespace gridhall::testing;

class TestServerShutdown : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_db;
    int m_run = 0;

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_db = m_dir.filePath("server.db");
        QVERIFY(makeDemoDb(m_db));
    }

    void stopsCleanly_data()
    {
        QTest::addColumn<int>("signal");
        QTest::newRow("SIGTERM") << int(SIGTERM);
        QTest::newRow("SIGINT") << int(SIGINT);
        QTest::newRow("SIGHUP") << int(SIGHUP);
    }

    void stopsCleanly()
    {
        QFETCH(int, signal);
        ++m_run;
        ServerProcess server;
        QVERIFY(server.start(m_db));
        WireClient desk, worker;
        QVERIFY(desk.open(server.url()) && worker.open(server.url()));
        QVERIFY(desk.login("op", QStringLiteral("stop-desk-%1").arg(m_run)));
        QVERIFY(worker.login("WG00001", QStringLiteral("stop-wg-%1").arg(m_run)));
        desk.send(Type::Sync, { { "cursor", 0 } });
        const auto snapshot = readSnapshot(desk);
        QVERIFY(snapshot);
        const QString grid = homeGridOf(*snapshot, "WG00001");
        // A case WG00001 is handling.
        qint64 deskSeq = 0;
        auto deskAct = [&](QJsonObject fields) {
            fields.insert("clientSeq", ++deskSeq);
            fields.insert("key", QStringLiteral("stop-%1-desk-%2").arg(m_run).arg(deskSeq));
            desk.send(Type::Action, fields);
            const auto r = desk.next("action_result");
            return r ? *r : QJsonObject();
        };
        QJsonObject r = deskAct({ { "action", "report" },
            { "case", QJsonObject { { "categoryCode", "0101" }, { "description", "stop test" }, { "lon", 113.3 }, { "lat", 23.1 }, { "gridCode", grid } } } });
        const qint64 id = r.value("caseId").toInteger();
        r = deskAct({ { "action", "register" }, { "caseId", id }, { "seenVersion", r.value("version") } });
        r = deskAct({ { "action", "dispatch" }, { "caseId", id }, { "seenVersion", r.value("version") }, { "targetKind", "worker" }, { "target", "WG00001" } });
        worker.send(Type::Action, { { "clientSeq", 1 }, { "key", QStringLiteral("stop-%1-accept").arg(m_run) }, { "action", "accept" }, { "caseId", id }, { "seenVersion", r.value("version") } });
        r = *worker.next("action_result");
        QCOMPARE(r.value("status").toString(), "applied");

        // The feedback's photos take the server a second or two to decode; the signal comes
        // in the middle of it.
        const QByteArray png = blackPng16(5477, 5477);
        const QJsonObject photo { { "mime", "image/png" }, { "data", QString::fromLatin1(png.toBase64()) } };
        worker.send(Type::Action, { { "clientSeq", 2 }, { "key", QStringLiteral("stop-%1-feedback").arg(m_run) }, { "action", "feedback" },
            { "caseId", id }, { "seenVersion", r.value("version") }, { "note", "done" }, { "photos", QJsonArray { photo, photo } } });
        worker.socket().flush();
        QTest::qWait(800); // the 5 MiB message arrives and is parsed; the decode has begun
        QElapsedTimer stopping;
        stopping.start();
        const int exitCode = server.signalAndWait(signal, 30000);
        // Let the clients take in what the server sent before it went.
        QVERIFY(worker.waitClosed(5000) && desk.waitClosed(5000));
        qInfo() << "stopped in" << stopping.elapsed() << "ms";
        QCOMPARE(exitCode, 0);
        const auto answer = worker.next("action_result", 1000);
        QVERIFY2(answer, "the action in flight was not answered before the stop");
        QCOMPARE(answer->value("status").toString(), "applied");
        QCOMPARE(answer->value("photos").toInt(), 2);
        QCOMPARE(worker.socket().closeCode(), QWebSocketProtocol::CloseCodeGoingAway);
        QCOMPARE(desk.socket().closeCode(), QWebSocketProtocol::CloseCodeGoingAway);
        // Stored, once.
        QCOMPARE(queryServerDb(m_db, "SELECT count(*) FROM case_events WHERE case_id = " + QByteArray::number(id) + " AND action = 'feedback'")
                     .value(0)
                     .value(0),
            QStringLiteral("1"));
        QByteArray output;
        QCOMPARE(runServerCommand({ "verify-audit", "--db", m_db }, {}, &output), 0);
    }
};

QTEST_GUILESS_MAIN(TestServerShutdown)
#include "tst_servershutdown.moc"
