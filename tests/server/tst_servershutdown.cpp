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

    // Issue 14: a stop with many sessions, half of them logged out and gone just before it
    // (their logouts commit together with the pass's other logins and logouts), while
    // desks' reports are in flight: every report a desk was told is applied is in the
    // database after the stop, every one stored was told, and the audit chain verifies.
    void aStopWithManySessionsLosesNothing()
    {
        ServerProcess server;
        QVERIFY(server.start(m_db));
        std::vector<std::unique_ptr<WireClient>> handhelds, desks;
        for (int i = 0; i < 80; ++i) {
            handhelds.push_back(std::make_unique<WireClient>());
            QVERIFY(handhelds.back()->open(server.url()));
            handhelds.back()->send(Type::Login, { { "user", "WG00001" }, { "password", kTestPassword }, { "clientId", QStringLiteral("many-wg-%1").arg(i) } });
        }
        for (int i = 0; i < 10; ++i) {
            desks.push_back(std::make_unique<WireClient>());
            QVERIFY(desks.back()->open(server.url()) && desks.back()->login("op", QStringLiteral("many-desk-%1").arg(i)));
        }
        for (auto& h : handhelds)
            QVERIFY(h->next("welcome"));
        for (int i = 0; i < 40; ++i)
            handhelds[i]->send(Type::Logout, {});
        for (int i = 0; i < 40; ++i)
            QVERIFY(handhelds[i]->waitClosed());
        // Each desk sends five reports at once; the stop comes while they are handled.
        const qint64 casesBefore = serverCount(m_db, "SELECT count(*) FROM cases");
        for (size_t d = 0; d < desks.size(); ++d)
            for (int seq = 1; seq <= 5; ++seq)
                desks[d]->send(Type::Action, { { "clientSeq", seq }, { "key", QStringLiteral("many-%1-%2").arg(d).arg(seq) }, { "action", "report" },
                    { "case", QJsonObject { { "categoryCode", "0101" }, { "description", "stop with many" }, { "lon", 113.3 }, { "lat", 23.1 }, { "gridCode", "440199001001001" } } } });
        for (auto& d : desks)
            d->socket().flush();
        QCOMPARE(server.signalAndWait(SIGTERM, 30000), 0);
        QSet<qint64> told;
        for (auto& d : desks) {
            QVERIFY(d->waitClosed(5000));
            while (const auto r = d->next("action_result", 0))
                if (r->value("status").toString() == "applied")
                    told.insert(r->value("caseId").toInteger());
        }
        for (int i = 40; i < 80; ++i)
            QVERIFY(handhelds[i]->waitClosed(5000));
        QSet<qint64> stored;
        for (const QStringList& row : queryServerDb(m_db, "SELECT id FROM cases ORDER BY id DESC LIMIT " + QByteArray::number(50)))
            stored.insert(row.value(0).toLongLong());
        QCOMPARE(serverCount(m_db, "SELECT count(*) FROM cases") - casesBefore, qint64(told.size()));
        for (const qint64 id : std::as_const(told))
            QVERIFY2(stored.contains(id), qPrintable(QString::number(id)));
        // The forty logouts are stored with their audit entries.
        QCOMPARE(serverCount(m_db, "SELECT count(*) FROM audit WHERE action = 'logout' AND client LIKE 'many-wg-%'"), qint64(40));
        QByteArray output;
        QCOMPARE(runServerCommand({ "verify-audit", "--db", m_db }, {}, &output), 0);
    }
};

QTEST_GUILESS_MAIN(TestServerShutdown)
#include "tst_servershutdown.moc"
