// The real gridhall-server process on loopback, driven by a bare client written from
// docs/PROTOCOL.md: login, scope, snapshot, actions (idempotency, order, conflicts),
// audit, positions and untrusted input.
#include "serverharness.h"

#include <QTemporaryDir>
#include <QThread>
#include <sqlite3.h>
#include <thread>

using namespace gridhall;
using namespace gridhall::protocol;
using namespace gridhall::testing;

namespace {
// Text the snapshot writer must escape: quotes, backslashes, control characters, CJK.
const QString kTrickyText = QString::fromUtf8("seed \"quoted\" \\ back\nline\ttab\x01 占道经营 /");

qint64 col(const QJsonArray& row, const char* name)
{
    return row.at(caseColumns().indexOf(QString::fromLatin1(name))).toInteger();
}
QString scol(const QJsonArray& row, const char* name)
{
    return row.at(caseColumns().indexOf(QString::fromLatin1(name))).toString();
}
} // namespace

class TestServerProtocol : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_db;
    ServerProcess m_server;
    Snapshot m_full; // the district operator's snapshot
    int m_clients = 0;

    QString newClientId() { return QStringLiteral("test-%1").arg(++m_clients); }

    // A registered case of this street that nobody touched in this test run yet.
    QJsonArray takeRegistered(const QString& streetPrefix)
    {
        for (auto it = m_full.cases.begin(); it != m_full.cases.end(); ++it) {
            if (scol(it.value(), "state") == "registered" && scol(it.value(), "street_code").startsWith(streetPrefix)) {
                const QJsonArray row = it.value();
                m_full.cases.erase(it);
                return row;
            }
        }
        return {};
    }

    QJsonObject act(WireClient& c, qint64 seq, const QString& key, const QJsonArray& row, const QString& action,
        QJsonObject extra = {})
    {
        extra.insert("clientSeq", seq);
        extra.insert("key", key);
        extra.insert("caseId", col(row, "id"));
        extra.insert("seenVersion", col(row, "version"));
        extra.insert("action", action);
        c.send(Type::Action, extra);
        const auto r = c.next("action_result");
        return r ? *r : QJsonObject();
    }

    // A connection that logs in with this token as soon as it is connected: a session,
    // which a newcomer never crowds out as it does connections that say nothing.
    std::unique_ptr<QWebSocket> loggingIn(const QUrl& url, const QString& token)
    {
        auto socket = std::make_unique<QWebSocket>();
        QWebSocket* raw = socket.get();
        QObject::connect(raw, &QWebSocket::connected, raw, [raw, token, id = newClientId()] {
            raw->sendTextMessage(QString::fromUtf8(encode(Type::Login, { { "token", token }, { "clientId", id } })));
        });
        socket->open(url);
        return socket;
    }

    QString deskToken(const QUrl& url)
    {
        WireClient c;
        QJsonObject welcome;
        return c.open(url) && c.login("op", newClientId(), &welcome) ? welcome.value("token").toString() : QString();
    }

    // A report committed by this client (its first action on this connection's clientId).
    static bool reportCommits(WireClient& c, const QString& key)
    {
        c.send(Type::Action, { { "clientSeq", 1 }, { "key", key }, { "action", "report" },
            { "case", QJsonObject { { "categoryCode", "0101" }, { "description", key }, { "lon", 113.3 }, { "lat", 23.1 }, { "gridCode", "440199001001001" } } } });
        const auto r = c.next("action_result", 20000);
        return r && r->value("status").toString() == "applied";
    }

    QList<QStringList> auditRows()
    {
        QList<QStringList> rows;
        if (testOnPostgres()) {
            QByteArray out;
            testCluster()->psql(QStringLiteral("SELECT convert_from(\"user\", 'UTF8'), convert_from(action, 'UTF8'), case_id, "
                                               "convert_from(result, 'UTF8') FROM audit ORDER BY seq"),
                &out, QUrl(m_db).path().mid(1));
            for (const QByteArray& line : out.split('\n'))
                if (!line.isEmpty())
                    rows << QString::fromUtf8(line).split(QChar(0x1f));
            return rows;
        }
        return queryServerDb(m_db, "SELECT user, action, case_id, result FROM audit ORDER BY seq");
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // GRIDHALL_TEST_BACKEND=postgresql (ctest tst_serverprotocol_pg): the same tests on
        // PostgreSQL, the demo copied there with copy-db.
        m_db = makeDemoDatabase(m_dir.filePath("server.db"));
        QVERIFY(!m_db.isEmpty());
        QVERIFY(m_server.start(m_db));
        WireClient c;
        QVERIFY(c.open(m_server.url()));
        QVERIFY(c.login("op", newClientId()));
        c.send(Type::Sync, { { "cursor", 0 } });
        auto s = readSnapshot(c);
        QVERIFY(s);
        // The demo history is finished; report and register fresh cases in two streets.
        QHash<QString, QString> gridOfStreet;
        for (const QJsonObject& g : s->reference.value("grids"))
            gridOfStreet.insert(g.value("streetCode").toString(), g.value("code").toString());
        qint64 seq = 0;
        for (int i = 0; i < 16; ++i) {
            const QString grid = gridOfStreet.value(i % 2 ? "440199002" : "440199001");
            c.send(Type::Action, { { "clientSeq", ++seq }, { "key", QString("seed-%1").arg(seq) }, { "action", "report" },
                { "case", QJsonObject { { "categoryCode", "0101" }, { "description", kTrickyText }, { "lon", 113.3 }, { "lat", 23.1 }, { "gridCode", grid } } } });
            const auto r = c.next("action_result");
            QVERIFY(r && r->value("status").toString() == "applied");
            c.send(Type::Action, { { "clientSeq", ++seq }, { "key", QString("seed-%1").arg(seq) }, { "action", "register" },
                { "caseId", r->value("caseId") }, { "seenVersion", 1 } });
            const auto r2 = c.next("action_result");
            QVERIFY2(r2 && r2->value("status").toString() == "applied", qPrintable(QJsonDocument(*r2).toJson()));
        }
        WireClient fresh;
        QVERIFY(fresh.open(m_server.url()));
        QVERIFY(fresh.login("op", newClientId()));
        fresh.send(Type::Sync, { { "cursor", 0 } });
        s = readSnapshot(fresh);
        QVERIFY(s);
        m_full = *s;
    }

    void loginFailsAndSlowsDown()
    {
        QElapsedTimer t;
        for (int attempt = 1; attempt <= 3; ++attempt) {
            WireClient c;
            QVERIFY(c.open(m_server.url()));
            t.start();
            c.send(Type::Login, { { "user", "op2" }, { "password", "wrong" }, { "clientId", "x1" } });
            const auto e = c.next("error");
            QVERIFY(e);
            QCOMPARE(e->value("code").toString(), err::BadCredentials);
            QVERIFY(c.waitClosed());
            // 250 ms, 500 ms, 1 s: later failures wait longer.
            QVERIFY2(t.elapsed() >= 200 * (1 << (attempt - 1)), qPrintable(QString::number(t.elapsed())));
        }
        WireClient ok;
        QVERIFY(ok.open(m_server.url()));
        QJsonObject welcome;
        QVERIFY(ok.login("op2", newClientId(), &welcome));
        QCOMPARE(welcome.value("role").toString(), "district_operator");
        QCOMPARE(welcome.value("street").toString(), "");
        QCOMPARE(welcome.value("lastClientSeq").toInteger(), 0);
        QVERIFY(welcome.value("expiresAt").toInteger() > QDateTime::currentMSecsSinceEpoch());

        // The token logs in without the password; a made-up one does not.
        WireClient byToken;
        QVERIFY(byToken.open(m_server.url()));
        byToken.send(Type::Login, { { "token", welcome.value("token") }, { "clientId", "tok-1" } });
        const auto w2 = byToken.next("welcome");
        QVERIFY(w2);
        QCOMPARE(w2->value("user").toString(), "op2");
        WireClient badToken;
        QVERIFY(badToken.open(m_server.url()));
        badToken.send(Type::Login, { { "token", "00ff" }, { "clientId", "tok-2" } });
        QCOMPARE(badToken.next("error")->value("code").toString(), err::BadCredentials);
        QVERIFY(badToken.waitClosed());
    }

    void nothingBeforeLogin()
    {
        WireClient c;
        QVERIFY(c.open(m_server.url()));
        c.send(Type::Ping, { { "t", 5 } });
        QCOMPARE(c.next("pong")->value("t").toInteger(), 5);
        c.send(Type::Sync, { { "cursor", 0 } });
        QCOMPARE(c.next("error")->value("code").toString(), err::NotLoggedIn);
        QVERIFY(c.waitClosed());
    }

    void snapshotCountsAndChecksum()
    {
        QVERIFY(m_full.cases.size() > 500);
        const QJsonObject counts = m_full.begin.value("counts").toObject();
        QCOMPARE(counts.value("cases").toInteger(), m_full.cases.size());
        QCOMPARE(counts.value("grids").toInteger(), m_full.reference.value("grids").size());
        QCOMPARE(counts.value("workers").toInteger(), m_full.reference.value("workers").size());
        QCOMPARE(counts.value("streets").toInteger(), 21);
        CaseChecksum sum;
        for (const QJsonArray& row : std::as_const(m_full.cases))
            sum.add(col(row, "id"), col(row, "version"), scol(row, "state"), scol(row, "street_code"));
        QCOMPARE(m_full.end.value("checksum").toString(), sum.hex());
        QCOMPARE(m_full.begin.value("caseColumns").toArray().size(), caseColumns().size());
        int tricky = 0;
        for (const QJsonArray& row : std::as_const(m_full.cases))
            tricky += scol(row, "description") == kTrickyText ? 1 : 0;
        QCOMPARE(tricky, 16);
    }

    void streetOperatorSeesOnlyItsStreet()
    {
        WireClient c;
        QVERIFY(c.open(m_server.url()));
        QJsonObject welcome;
        QVERIFY(c.login("s1", newClientId(), &welcome));
        QCOMPARE(welcome.value("street").toString(), "440199001");
        c.send(Type::Sync, { { "cursor", 0 } });
        const auto s = readSnapshot(c);
        QVERIFY(s);
        QVERIFY(!s->cases.isEmpty());
        for (const QJsonArray& row : s->cases)
            QVERIFY(scol(row, "street_code").startsWith("440199001"));
        for (const QJsonObject& g : s->reference.value("grids"))
            QVERIFY(g.value("streetCode").toString() == "440199001");
        QCOMPARE(s->reference.value("streets").size(), 1);
        QCOMPARE(s->begin.value("counts").toObject().value("cases").toInteger(), s->cases.size());
        qint64 expected = 0;
        for (const QJsonArray& row : std::as_const(m_full.cases))
            expected += scol(row, "street_code").startsWith("440199001") ? 1 : 0;
        QVERIFY(s->cases.size() >= expected); // m_full lost taken rows only
    }

    void actionAppliedOnceAndPushed()
    {
        WireClient a, watcher, other;
        QVERIFY(a.open(m_server.url()) && watcher.open(m_server.url()) && other.open(m_server.url()));
        const QString clientId = newClientId();
        QVERIFY(a.login("op", clientId));
        QVERIFY(watcher.login("op2", newClientId()));
        QVERIFY(other.login("s2", newClientId()));
        watcher.send(Type::Sync, { { "cursor", 0 } });
        QVERIFY(readSnapshot(watcher));
        other.send(Type::Sync, { { "cursor", 0 } });
        QVERIFY(readSnapshot(other));

        const QJsonArray row = takeRegistered("440199001");
        QVERIFY(!row.isEmpty());
        const QJsonObject r = act(a, 1, "k-apply-1", row, "dispatch", { { "targetKind", "department" }, { "target", "CG" } });
        QCOMPARE(r.value("status").toString(), "applied");
        QCOMPARE(r.value("version").toInteger(), col(row, "version") + 1);
        QVERIFY(r.value("cursor").toInteger() > 0);

        // Another desk sees the change, with its event, pushed without asking.
        const auto ch = watcher.next("changes");
        QVERIFY(ch);
        QCOMPARE(ch->value("to").toInteger(), r.value("cursor").toInteger());
        const QJsonArray changed = ch->value("cases").toArray().at(0).toArray();
        QCOMPARE(col(changed, "id"), col(row, "id"));
        QCOMPARE(scol(changed, "state"), "dispatched");
        QCOMPARE(scol(changed, "holder"), "CG");
        const QJsonObject event = ch->value("events").toArray().at(0).toObject();
        QCOMPARE(event.value("actor").toString(), "op");
        QCOMPARE(event.value("action").toString(), "dispatch");
        // Another street's operator gets the cursor step but not the row.
        const auto otherCh = other.next("changes");
        QVERIFY(otherCh);
        QCOMPARE(otherCh->value("to").toInteger(), r.value("cursor").toInteger());
        QVERIFY(otherCh->value("cases").toArray().isEmpty());

        // A retry with the same key gets the stored answer; nothing is applied twice.
        const QJsonObject again = act(a, 1, "k-apply-1", row, "dispatch", { { "targetKind", "department" }, { "target", "CG" } });
        QCOMPARE(again.value("status").toString(), "applied");
        QCOMPARE(again.value("replayed").toBool(), true);
        QCOMPARE(again.value("cursor"), r.value("cursor"));
        watcher.drain(300);
        for (const QJsonObject& o : watcher.received())
            QVERIFY(o.value("type").toString() != "changes");

        // Order: a gap is refused and not applied; a reused number with a new key too.
        const QJsonArray row2 = takeRegistered("440199001");
        QJsonObject gap = act(a, 3, "k-apply-3", row2, "dispatch", { { "targetKind", "department" }, { "target", "CG" } });
        QCOMPARE(gap.value("code").toString(), err::SeqGap);
        QCOMPARE(gap.value("expected").toInteger(), 2);
        QJsonObject reused = act(a, 1, "k-apply-other", row2, "dispatch", { { "targetKind", "department" }, { "target", "CG" } });
        QCOMPARE(reused.value("code").toString(), err::SeqReused);
        // Reconnecting: the welcome says where to resume.
        WireClient again2;
        QVERIFY(again2.open(m_server.url()));
        QJsonObject welcome;
        QVERIFY(again2.login("op", clientId, &welcome));
        QCOMPARE(welcome.value("lastClientSeq").toInteger(), 1);
    }

    void twoOperatorsOneCase()
    {
        WireClient a, b;
        QVERIFY(a.open(m_server.url()) && b.open(m_server.url()));
        QVERIFY(a.login("op", newClientId()));
        QVERIFY(b.login("op2", newClientId()));
        const QJsonArray row = takeRegistered("");
        QVERIFY(!row.isEmpty());
        const QJsonObject fields { { "clientSeq", 1 }, { "caseId", col(row, "id") }, { "seenVersion", col(row, "version") },
            { "action", "dispatch" }, { "targetKind", "department" }, { "target", "CG" } };
        QJsonObject fa = fields, fb = fields;
        fa.insert("key", "both-a");
        fb.insert("key", "both-b");
        fb.insert("target", "GA");
        a.send(Type::Action, fa); // both on the wire at once
        b.send(Type::Action, fb);
        const QJsonObject ra = *a.next("action_result");
        const QJsonObject rb = *b.next("action_result");
        const QStringList statuses { ra.value("status").toString(), rb.value("status").toString() };
        QVERIFY2(statuses.count("applied") == 1 && statuses.count("conflict") == 1, qPrintable(statuses.join(',')));
        const QJsonObject& loser = ra.value("status").toString() == "conflict" ? ra : rb;
        const QString winner = ra.value("status").toString() == "applied" ? "op" : "op2";
        QCOMPARE(loser.value("by").toString(), winner);
        QCOMPARE(loser.value("byAction").toString(), "dispatch");
        QVERIFY(loser.value("message").toString().contains(winner));
    }

    void scopeLeaderAndAudit()
    {
        WireClient s1, boss;
        QVERIFY(s1.open(m_server.url()) && boss.open(m_server.url()));
        QVERIFY(s1.login("s1", newClientId()));
        QVERIFY(boss.login("boss", newClientId()));
        const QJsonArray outside = takeRegistered("440199002");
        const QJsonArray inside = takeRegistered("440199001");
        QVERIFY(!outside.isEmpty() && !inside.isEmpty());
        QJsonObject r = act(s1, 1, "scope-1", outside, "dispatch", { { "targetKind", "department" }, { "target", "CG" } });
        // Answered as if there were no such case: scope does not reveal what is elsewhere.
        QCOMPARE(r.value("code").toString(), err::NotFound);
        // Inside its street, but to a worker of another street: refused too.
        r = act(s1, 2, "scope-2", inside, "dispatch", { { "targetKind", "worker" }, { "target", "WG09999" } });
        QCOMPARE(r.value("status").toString(), "refused");
        r = act(s1, 3, "scope-3", inside, "dispatch", { { "targetKind", "worker" }, { "target", "WG00001" } });
        QCOMPARE(r.value("status").toString(), "applied");
        r = act(boss, 1, "boss-1", outside, "register");
        QCOMPARE(r.value("code").toString(), err::ReadOnly);
        // State machine refusals come back with the machine's reason.
        r = act(s1, 4, "scope-4", inside, "close");
        QCOMPARE(r.value("status").toString(), "conflict"); // version moved with scope-3
        // Every attempt is in the audit log with its result.
        const QList<QStringList> rows = auditRows();
        auto has = [&](const QString& user, const QString& result) {
            for (const QStringList& row : rows)
                if (row[0] == user && row[3] == result)
                    return true;
            return false;
        };
        QVERIFY(has("s1", "refused:not_found"));
        QVERIFY(has("s1", "refused:bad_field"));
        QVERIFY(has("s1", "applied"));
        QVERIFY(has("s1", "conflict"));
        QVERIFY(has("boss", "refused:read_only"));
    }

    void reportAndPositions()
    {
        WireClient worker, desk, otherStreet;
        QVERIFY(worker.open(m_server.url()) && desk.open(m_server.url()) && otherStreet.open(m_server.url()));
        QJsonObject welcome;
        QVERIFY(worker.login("WG00001", newClientId(), &welcome));
        QCOMPARE(welcome.value("worker").toString(), "WG00001");
        QCOMPARE(welcome.value("street").toString(), "440199001");
        QVERIFY(desk.login("op", newClientId()));
        QVERIFY(otherStreet.login("s2", newClientId()));
        desk.send(Type::SubscribePositions, { { "on", true } });
        otherStreet.send(Type::SubscribePositions, { { "on", true } });
        desk.drain(200);
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        worker.send(Type::Position, { { "items", QJsonArray { QJsonObject { { "lon", 113.3 }, { "lat", 23.1 }, { "at", now }, { "accuracy", 5 } } } } });
        const auto pos = desk.next("positions");
        QVERIFY(pos);
        const QJsonObject fix = pos->value("items").toArray().at(0).toObject();
        QCOMPARE(fix.value("worker").toString(), "WG00001");
        QCOMPARE(fix.value("lon").toDouble(), 113.3);
        QVERIFY(!otherStreet.next("positions", 500));
        // A desk user may not send positions; a bad fix is refused whole.
        desk.send(Type::Position, { { "items", QJsonArray { QJsonObject { { "lon", 1 }, { "lat", 1 }, { "at", now } } } } });
        QCOMPARE(desk.next("error")->value("code").toString(), err::Forbidden);
        worker.sendRaw(R"({"v":1,"type":"position","items":[{"lon":113.3,"lat":23.1,"at":5},{"lon":113.3,"lat":91,"at":6}]})");
        QCOMPARE(worker.next("error")->value("code").toString(), err::BadField);
        worker.sendRaw(R"({"v":1,"type":"position","items":[{"lon":113.3,"lat":23.1,"at":5},{"lon":1e999,"lat":23.1,"at":6}]})");
        QVERIFY(worker.next("error"));
        QVERIFY(!desk.next("positions", 400));

        // The worker reports a new case in its grid; out of its street is refused.
        const QString grid = m_full.reference.value("grids").first().value("code").toString();
        QVERIFY(grid.startsWith("440199001"));
        worker.send(Type::Action, { { "clientSeq", 1 }, { "key", "rep-1" }, { "action", "report" },
            { "case", QJsonObject { { "categoryCode", "0101" }, { "description", "test" }, { "lon", 113.3 }, { "lat", 23.1 }, { "gridCode", grid } } } });
        const QJsonObject r = *worker.next("action_result");
        QVERIFY2(r.value("status").toString() == "applied", qPrintable(QJsonDocument(r).toJson()));
        QVERIFY(r.value("caseId").toInteger() > 0);
        QString farGrid;
        for (const QJsonObject& g : m_full.reference.value("grids"))
            if (!g.value("streetCode").toString().startsWith("440199001"))
                farGrid = g.value("code").toString();
        worker.send(Type::Action, { { "clientSeq", 2 }, { "key", "rep-2" }, { "action", "report" },
            { "case", QJsonObject { { "categoryCode", "0101" }, { "description", "x" }, { "lon", 113.3 }, { "lat", 23.1 }, { "gridCode", farGrid } } } });
        QCOMPARE(worker.next("action_result")->value("code").toString(), err::NotFound); // a grid outside the scope reads as missing
    }

    void untrustedInput()
    {
        WireClient bystander;
        QVERIFY(bystander.open(m_server.url()));
        QVERIFY(bystander.login("op2", newClientId()));
        struct Case { QByteArray text; QString code; bool closes; };
        const QList<Case> cases {
            { "{not json", err::BadJson, false },
            { R"({"v":1,"type":"fly"})", err::UnknownType, false },
            { R"({"v":7,"type":"ping"})", err::BadVersion, false },
            { R"({"v":1,"type":"sync","cursor":"zero"})", err::BadField, false },
            { R"({"v":1,"type":"sync","cursor":-1})", err::BadField, false },
            { R"({"v":1,"type":"action","clientSeq":1.5,"key":"k"})", err::BadField, false },
            { R"({"v":1,"type":"welcome"})", err::UnknownType, false },
            { "{\"v\":1,\"type\":\"ping\",\"x\":" + QByteArray(40, '[') + QByteArray(40, ']') + "}", err::TooDeep, true },
        };
        for (const Case& c : cases) {
            WireClient w;
            QVERIFY(w.open(m_server.url()));
            QVERIFY(w.login("op", newClientId()));
            w.sendRaw(c.text);
            const auto e = w.next("error");
            QVERIFY2(e, c.text.constData());
            QCOMPARE(e->value("code").toString(), c.code);
            if (c.closes)
                QVERIFY(w.waitClosed());
            else {
                w.send(Type::Ping, { { "t", 1 } });
                QVERIFY(w.next("pong"));
            }
        }
        // Oversized: a 5 MiB frame (over the 4 MiB message and frame limit) is cut off by the
        // WebSocket layer.
        WireClient big;
        QVERIFY(big.open(m_server.url()));
        QVERIFY(big.login("op", newClientId()));
        big.socket().setOutgoingFrameSize(8 * 1024 * 1024);
        big.sendRaw("{\"v\":1,\"type\":\"ping\",\"x\":\"" + QByteArray(5 * 1024 * 1024, 'a') + "\"}");
        QVERIFY(big.waitClosed());
        // The bystander is still served.
        bystander.send(Type::Ping, { { "t", 9 } });
        QCOMPARE(bystander.next("pong")->value("t").toInteger(), 9);
    }

    void auditChainVerifiesAndDetectsTampering()
    {
        m_server.stop();
        QByteArray out;
        QCOMPARE(runServerCommand({ "verify-audit", "--db", m_db }, {}, &out), 0);
        QVERIFY2(out.contains("intact"), out.constData());
        if (testOnPostgres()) {
            // A copy of the database; the trigger refuses edits until someone with the
            // rights of its owner disables it.
            PgCluster& cluster = *testCluster();
            const QString name = QUrl(m_db).path().mid(1);
            QCOMPARE(cluster.psql(QStringLiteral("CREATE DATABASE tampered TEMPLATE %1").arg(name), nullptr, QStringLiteral("postgres")), 0);
            QVERIFY(auditRows().size() > 10);
            QVERIFY(cluster.psql(QStringLiteral("UPDATE audit SET result = 'applied' WHERE seq = 3"), nullptr, QStringLiteral("tampered")) != 0);
            QCOMPARE(cluster.psql(QStringLiteral("ALTER TABLE audit DISABLE TRIGGER audit_no_update; UPDATE audit SET \"user\" = 'nobody' WHERE seq = 3"),
                         nullptr, QStringLiteral("tampered")),
                0);
            QCOMPARE(runServerCommand({ "verify-audit", "--db", cluster.uri(QStringLiteral("tampered")), "--audit-key", auditKeysOfUris().value(m_db) }, {}, &out), 1);
            QVERIFY2(out.contains("entry 3"), out.constData());
            return;
        }
        const QString copy = m_dir.filePath("tampered.db");
        QVERIFY(QFile::copy(m_db, copy));
        QVERIFY(auditRows().size() > 10);
        sqlite3* db = nullptr;
        QCOMPARE(sqlite3_open(copy.toUtf8().constData(), &db), SQLITE_OK);
        // The triggers refuse edits; someone with file access drops them first.
        QVERIFY(sqlite3_exec(db, "UPDATE audit SET result = 'applied' WHERE seq = 3", nullptr, nullptr, nullptr) != SQLITE_OK);
        QCOMPARE(sqlite3_exec(db, "DROP TRIGGER audit_no_update; UPDATE audit SET user = 'nobody' WHERE seq = 3",
                     nullptr, nullptr, nullptr), SQLITE_OK);
        sqlite3_close(db);
        // The key stays with the original database; the copy is checked with it.
        QCOMPARE(runServerCommand({ "verify-audit", "--db", copy, "--audit-key", m_db + ".audit-key" }, {}, &out), 1);
        QVERIFY2(out.contains("entry 3"), out.constData());
    }

    void connectionsPastTheCapAreTurnedAway()
    {
        // A server allowed 200 descriptors keeps those it has open, those it opens later
        // (snapshot readers, temporary files, a margin) and 32 for connections being turned
        // away out of its cap, and says how many sessions that leaves. Further connections
        // are closed at once with 4503 "full", so that a client moves to another instance
        // (they used to wait in the listen queue). The connections log in (with a desk's
        // token): connections that say nothing would make room for newcomers instead. No
        // desks' share: connections logging in may take the whole cap.
        ServerProcess small;
        small.setDescriptorLimit(200);
        QVERIFY(small.start(m_db, 0, { "--desk-sessions", "0" }));
        const int cap = small.maxSessions(), extra = 180; // 220 in all and more: past the descriptor limit itself
        QVERIFY2(cap > 60 && cap < 200 - 32 - 32, qPrintable(QString::number(cap)));
        const QString token = deskToken(small.url());
        QVERIFY(!token.isEmpty());
        std::vector<std::unique_ptr<QWebSocket>> sockets;
        for (int i = 0; i < cap + extra; ++i)
            sockets.push_back(loggingIn(small.url(), token));
        auto count = [&](QAbstractSocket::SocketState state) {
            return int(std::count_if(sockets.begin(), sockets.end(), [state](const auto& s) { return s->state() == state; }));
        };
        auto turnedAway = [&] {
            return int(std::count_if(sockets.begin(), sockets.end(), [](const auto& s) {
                return s->state() == QAbstractSocket::UnconnectedState && int(s->closeCode()) == kCloseFull
                    && s->closeReason().startsWith(QLatin1String("full"));
            }));
        };
        QTRY_COMPARE_WITH_TIMEOUT(turnedAway(), extra, 20000);
        QCOMPARE(count(QAbstractSocket::ConnectedState), cap);
        const double cpuBefore = small.cpuSeconds();
        QVERIFY(cpuBefore >= 0);
        QTest::qWait(1000);
        QCOMPARE(count(QAbstractSocket::ConnectedState), cap);
        // Nothing spins meanwhile (failed accepts in a loop would take a whole core).
        QVERIFY2(small.cpuSeconds() - cpuBefore < 0.4, qPrintable(QString::number(small.cpuSeconds() - cpuBefore)));
        // Ten leave: ten newcomers are taken, the eleventh is turned away.
        int closed = 0;
        for (auto& s : sockets) {
            if (closed < 10 && s->state() == QAbstractSocket::ConnectedState) {
                s->close();
                ++closed;
            }
        }
        QTRY_COMPARE_WITH_TIMEOUT(count(QAbstractSocket::ConnectedState), cap - 10, 5000);
        QTest::qWait(300); // the server has seen them go
        std::vector<std::unique_ptr<WireClient>> newcomers;
        for (int i = 0; i < 10; ++i) {
            newcomers.push_back(std::make_unique<WireClient>());
            QVERIFY(newcomers.back()->open(small.url()));
            newcomers.back()->send(Type::Login, { { "token", token }, { "clientId", newClientId() } });
            QVERIFY(newcomers.back()->next("welcome")); // and the sessions it took work
        }
        WireClient eleventh;
        eleventh.open(small.url());
        QVERIFY(eleventh.waitClosed(5000));
        QCOMPARE(int(eleventh.socket().closeCode()), kCloseFull);
        QVERIFY(std::none_of(newcomers.begin(), newcomers.end(), [](const auto& c) { return c->closed(); }));
    }

    void loginWaitingOnTheServerOutlivesTheDeadline()
    {
        // The login deadline is the client's: a login that arrived while the server was
        // held up (here: blocked on a database lock longer than the deadline) and waits
        // unread in its socket is answered, not closed as late. A connection that says
        // nothing is still closed.
        ServerProcess server;
        QVERIFY(server.start(m_db, 0, { "--login-timeout", "1" }));
        WireClient busy, waiting, silent;
        QVERIFY(busy.open(server.url()));
        QVERIFY(busy.login("op", newClientId()));
        QVERIFY(waiting.open(server.url()));
        QVERIFY(silent.open(server.url()));
        // Another writer holds the database for 2.5 s ...
        sqlite3* lockHolder = nullptr;
        std::thread pgLock;
        if (testOnPostgres()) {
            PgCluster* cluster = testCluster();
            QVERIFY(cluster);
            const QString database = QUrl(m_db).path().mid(1);
            pgLock = std::thread([cluster, database] {
                cluster->psql(QStringLiteral("BEGIN; LOCK TABLE audit IN EXCLUSIVE MODE; SELECT pg_sleep(2.5); COMMIT;"), nullptr, database);
            });
            QTest::qWait(500); // psql has the lock
        } else {
            QCOMPARE(sqlite3_open(m_db.toUtf8().constData(), &lockHolder), SQLITE_OK);
            QCOMPARE(sqlite3_exec(lockHolder, "BEGIN EXCLUSIVE", nullptr, nullptr, nullptr), SQLITE_OK);
        }
        // ... and an action makes the server wait for it on its event loop.
        busy.send(Type::Action, { { "clientSeq", 1 }, { "key", "held-up" }, { "action", "report" },
            { "case", QJsonObject { { "categoryCode", "0101" }, { "description", "x" }, { "lon", 113.3 }, { "lat", 23.1 }, { "gridCode", "440199001001001" } } } });
        QTest::qWait(300);
        waiting.send(Type::Login, { { "user", "op" }, { "password", kTestPassword }, { "clientId", newClientId() } });
        waiting.socket().flush();
        QTest::qWait(100); // on its way before this thread waits for the lock below
        if (lockHolder) {
            QTest::qWait(2200);
            sqlite3_exec(lockHolder, "COMMIT", nullptr, nullptr, nullptr);
            sqlite3_close(lockHolder);
        } else {
            pgLock.join();
        }
        QVERIFY(busy.next("action_result"));
        QVERIFY2(waiting.next("welcome", 5000), qPrintable(QStringLiteral("closed %1 (%2); server: %3").arg(int(waiting.socket().closeCode()))
                                                        .arg(waiting.socket().closeReason(), server.stderrText().right(1500))));
        QVERIFY(silent.waitClosed(5000));
        QCOMPARE(int(silent.socket().closeCode()), int(QWebSocketProtocol::CloseCodePolicyViolated));
    }

    void acceptResumesAfterDescriptorsRunOut()
    {
        // The descriptor limit lowered under a running server (prlimit): its cap is above
        // what the descriptors allow, and accept() itself fails (EMFILE). The server backs
        // off instead of spinning (Qt would retry at once, for ever), and takes connections
        // again once descriptors are free.
        ServerProcess small;
        small.setDescriptorLimit(400);
        QVERIFY(small.start(m_db));
        QVERIFY(small.maxSessions() > 220);
        const rlimit lower { 200, 200 };
        QCOMPARE(prlimit(pid_t(small.processId()), RLIMIT_NOFILE, &lower, nullptr), 0);
        std::vector<std::unique_ptr<QWebSocket>> sockets;
        for (int i = 0; i < 220; ++i) {
            sockets.push_back(std::make_unique<QWebSocket>());
            sockets.back()->open(small.url());
        }
        auto connected = [&] {
            return int(std::count_if(sockets.begin(), sockets.end(),
                [](const auto& s) { return s->state() == QAbstractSocket::ConnectedState; }));
        };
        QTRY_VERIFY_WITH_TIMEOUT(connected() > 150, 15000);
        QTest::qWait(1000);
        const int atLimit = connected();
        QVERIFY2(atLimit < 200, qPrintable(QString::number(atLimit)));
        const double cpuBefore = small.cpuSeconds();
        QVERIFY(cpuBefore >= 0);
        // Retries spin for a quarter of a second each, after 1, 2, 4 … s of pause; Qt's own
        // retrying would take the whole 3 s.
        QTest::qWait(3000);
        QVERIFY2(small.cpuSeconds() - cpuBefore < 1.0, qPrintable(QString::number(small.cpuSeconds() - cpuBefore)));
        int closed = 0;
        for (auto& s : sockets) {
            if (closed < 20 && s->state() == QAbstractSocket::ConnectedState) {
                s->close();
                ++closed;
            }
        }
        // The freed descriptors go to waiting connections (a few of them to the server's
        // own housekeeping at most).
        QTRY_VERIFY_WITH_TIMEOUT(connected() >= atLimit - 20 + 15, 15000);
        QVERIFY(small.stderrText().contains("connections are waiting but none can be accepted"));
    }

    // Issue 14: a flood of connections past the cap leaves the server what it opens
    // itself: a snapshot's database connection, a commit, /healthz's own check of the
    // database. An explicit --max-connections past the descriptors is lowered to what they
    // allow (it used to be taken as given, and the flood took every descriptor).
    void aFloodLeavesTheServerItsOwnDescriptors()
    {
        ServerProcess small;
        small.setDescriptorLimit(160);
        QVERIFY(small.start(m_db, 0, { "--max-connections", "100000", "--metrics", "127.0.0.1:0", "--desk-sessions", "0" }));
        const quint16 metricsPort = small.metricsPort();
        QVERIFY(metricsPort != 0);
        const int cap = small.maxSessions();
        QVERIFY2(cap > 1 && cap < 160, qPrintable(QString::number(cap)));
        QByteArray errors;
        QTRY_VERIFY((errors += small.stderrText()).contains("--max-connections 100000 is more than the descriptor limit allows"));
        WireClient desk;
        QJsonObject welcome;
        QVERIFY(desk.open(small.url()) && desk.login("op", newClientId(), &welcome));
        std::vector<std::unique_ptr<QWebSocket>> flood; // sessions, not connections that say nothing
        for (int i = 0; i < 200; ++i)
            flood.push_back(loggingIn(small.url(), welcome.value("token").toString()));
        auto settled = [&] {
            return int(std::count_if(flood.begin(), flood.end(), [](const auto& s) {
                return s->state() == QAbstractSocket::ConnectedState || s->state() == QAbstractSocket::UnconnectedState;
            }));
        };
        // The cap is full (the desk and cap - 1 of the flood) and the rest turned away.
        QTRY_VERIFY_WITH_TIMEOUT(int(std::count_if(flood.begin(), flood.end(), [](const auto& s) { return s->state() == QAbstractSocket::ConnectedState; })) == cap - 1, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(settled() > cap, 20000);
        int status = 0;
        QCOMPARE(httpGet(metricsPort, "/healthz", &status), QByteArray("ok\n"));
        QCOMPARE(status, 200);
        desk.send(Type::Action, { { "clientSeq", 1 }, { "key", "flood-1" }, { "action", "report" },
            { "case", QJsonObject { { "categoryCode", "0101" }, { "description", "in a flood" }, { "lon", 113.3 }, { "lat", 23.1 }, { "gridCode", "440199001001001" } } } });
        const auto r = desk.next("action_result");
        QVERIFY(r);
        QCOMPARE(r->value("status").toString(), "applied");
        desk.send(Type::Sync, { { "cursor", 0 } });
        const auto snapshot = readSnapshot(desk);
        QVERIFY(snapshot);
        QVERIFY(snapshot->cases.contains(r->value("caseId").toInteger()));
        QCOMPARE(httpGet(metricsPort, "/healthz", &status), QByteArray("ok\n"));
    }

    // Issue 14: the logins of one pass of the event loop are stored together, and their
    // welcomes go out only after that: every token a client received in a storm of logins
    // still logs in after a SIGKILL that follows the last welcome at once.
    void tokensOfALoginStormSurviveAKill()
    {
        ServerProcess server;
        QVERIFY(server.start(m_db));
        const QStringList users { "op", "op2", "s1", "s2", "boss", "lead" };
        std::vector<std::unique_ptr<WireClient>> clients;
        for (int i = 0; i < 36; ++i) {
            clients.push_back(std::make_unique<WireClient>());
            QVERIFY(clients.back()->open(server.url()));
        }
        for (int i = 0; i < int(clients.size()); ++i)
            clients[i]->send(Type::Login, { { "user", users[i % users.size()] }, { "password", kTestPassword }, { "clientId", newClientId() } });
        QStringList tokens;
        QDeadlineTimer deadline(30000);
        while (tokens.size() < int(clients.size()) && !deadline.hasExpired()) {
            QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
            for (auto& c : clients) {
                for (const QJsonObject& o : std::exchange(c->received(), {}))
                    if (o.value("type") == "welcome")
                        tokens << o.value("token").toString();
            }
        }
        server.kill(); // at once after the last welcome
        QCOMPARE(tokens.size(), int(clients.size()));
        ServerProcess again;
        QVERIFY(again.start(m_db));
        for (const QString& token : std::as_const(tokens)) {
            WireClient c;
            QVERIFY(c.open(again.url()));
            c.send(Type::Login, { { "token", token }, { "clientId", newClientId() } });
            QVERIFY2(c.next("welcome"), qPrintable(token));
        }
    }

    // Issue 14: the last sessions of the cap are kept for desks. A handheld's login past
    // the handhelds' share is answered `full` and closed with 4503 (it goes to another
    // instance); a desk still gets in. Before, handhelds took every session and the desk
    // was turned away.
    void sessionsAreKeptForDesks()
    {
        ServerProcess server;
        QVERIFY(server.start(m_db, 0, { "--max-connections", "6", "--desk-sessions", "2" }));
        QCOMPARE(server.maxSessions(), 6);
        QCOMPARE(server.deskSessions(), 2);
        std::vector<std::unique_ptr<WireClient>> handhelds;
        for (int i = 0; i < 5; ++i) {
            handhelds.push_back(std::make_unique<WireClient>());
            QVERIFY(handhelds.back()->open(server.url()));
            handhelds.back()->send(Type::Login, { { "user", "WG00001" }, { "password", kTestPassword }, { "clientId", newClientId() } });
        }
        auto welcomed = [&](WireClient& c) {
            return std::any_of(c.received().cbegin(), c.received().cend(), [](const QJsonObject& o) { return o.value("type") == "welcome"; });
        };
        QTRY_VERIFY_WITH_TIMEOUT(std::count_if(handhelds.begin(), handhelds.end(), [&](const auto& c) { return welcomed(*c) || c->closed(); }) == 5, 20000);
        QCOMPARE(std::count_if(handhelds.begin(), handhelds.end(), [&](const auto& c) { return welcomed(*c); }), 4);
        WireClient* refused = nullptr;
        for (const auto& c : handhelds)
            if (c->closed())
                refused = c.get();
        QVERIFY(refused);
        const auto error = refused->next("error", 1000);
        QVERIFY(error);
        QCOMPARE(error->value("code").toString(), err::Full);
        QCOMPARE(error->value("inReplyTo").toString(), "login");
        QCOMPARE(int(refused->socket().closeCode()), kCloseFull);
        QVERIFY(refused->socket().closeReason().startsWith("full"));
        // Both sessions kept go to desks.
        WireClient desk1, desk2;
        QVERIFY(desk1.open(server.url()) && desk1.login("op", newClientId()));
        QVERIFY(desk2.open(server.url()) && desk2.login("s1", newClientId()));
        // A handheld that leaves makes room for another.
        handhelds.front()->socket().close();
        QVERIFY(handhelds.front()->waitClosed());
        // The server sees it go on its next pass: until then a login may still be "full".
        bool roomAgain = false;
        for (int attempt = 0; attempt < 100 && !roomAgain; ++attempt) {
            WireClient next;
            roomAgain = next.open(server.url()) && next.login("WG00001", newClientId());
            if (!roomAgain)
                QTest::qWait(100);
        }
        QVERIFY2(roomAgain, "no room for a handheld after one left");
    }

    // Issue 14: a storm of connections under the cap, arriving while the event loop is held
    // up (here by another writer's lock on the database, as a long commit holds it), is
    // taken without the server ever thinking it is out of descriptors and backing off:
    // the old check took "readable at two checks, nothing accepted between" for that.
    void aStormUnderTheCapNeverBacksOff()
    {
        ServerProcess server;
        // The storm never logs in: a long login deadline keeps the first round's connections
        // open until the last round's are counted, however slow the machine.
        QVERIFY(server.start(m_db, 0, { "--max-unauthenticated-per-address", "0", "--login-timeout", "300" }));
        WireClient busy;
        QVERIFY(busy.open(server.url()) && busy.login("op", newClientId()));
        std::vector<std::unique_ptr<QWebSocket>> storm;
        for (int round = 0; round < 3; ++round) {
            sqlite3* lockHolder = nullptr;
            std::thread pgLock;
            if (testOnPostgres()) {
                PgCluster* cluster = testCluster();
                const QString database = QUrl(m_db).path().mid(1);
                pgLock = std::thread([cluster, database] {
                    cluster->psql(QStringLiteral("BEGIN; LOCK TABLE audit IN EXCLUSIVE MODE; SELECT pg_sleep(1.5); COMMIT;"), nullptr, database);
                });
                QTest::qWait(300); // psql has the lock
            } else {
                QCOMPARE(sqlite3_open(m_db.toUtf8().constData(), &lockHolder), SQLITE_OK);
                QCOMPARE(sqlite3_exec(lockHolder, "BEGIN EXCLUSIVE", nullptr, nullptr, nullptr), SQLITE_OK);
            }
            busy.send(Type::Action, { { "clientSeq", round + 1 }, { "key", QStringLiteral("storm-%1").arg(round) }, { "action", "report" },
                { "case", QJsonObject { { "categoryCode", "0101" }, { "description", "x" }, { "lon", 113.3 }, { "lat", 23.1 }, { "gridCode", "440199001001001" } } } });
            QTest::qWait(200); // the server waits for the lock on its event loop ...
            for (int i = 0; i < 300; ++i) { // ... while a storm queues up
                storm.push_back(std::make_unique<QWebSocket>());
                storm.back()->open(server.url());
            }
            if (lockHolder) {
                QTest::qWait(1200);
                sqlite3_exec(lockHolder, "COMMIT", nullptr, nullptr, nullptr);
                sqlite3_close(lockHolder);
            } else {
                pgLock.join();
            }
            QVERIFY(busy.next("action_result", 20000));
        }
        QTRY_COMPARE_WITH_TIMEOUT(int(std::count_if(storm.begin(), storm.end(), [](const auto& s) { return s->state() == QAbstractSocket::ConnectedState; })),
            int(storm.size()), 30000);
        const QByteArray errors = server.stderrText();
        QVERIFY2(!errors.contains("none can be accepted"), errors.right(2000).constData());
    }

    // Issue 14: connections that never log in hold their own share of the cap at most
    // (--max-unauthenticated), and a newcomer takes the place of the oldest of them that has
    // sent no login for a second, closed with 1008 "log in first". A desk connecting after
    // such a flood logs in and commits; before, the flood held every session until the login
    // deadline and the desk was turned away as full.
    void connectionsThatNeverLogInCannotKeepADeskOut()
    {
        ServerProcess server;
        QVERIFY(server.start(m_db, 0, { "--max-connections", "40", "--desk-sessions", "8", "--max-unauthenticated", "16",
                                          "--max-unauthenticated-per-address", "0", "--login-timeout", "300" }));
        std::vector<std::unique_ptr<QWebSocket>> flood;
        for (int i = 0; i < 100; ++i) {
            flood.push_back(std::make_unique<QWebSocket>());
            flood.back()->open(server.url());
        }
        auto count = [&](const std::function<bool(const QWebSocket&)>& which) {
            return int(std::count_if(flood.begin(), flood.end(), [&](const auto& s) { return which(*s); }));
        };
        auto connected = [](const QWebSocket& s) { return s.state() == QAbstractSocket::ConnectedState; };
        QTRY_COMPARE_WITH_TIMEOUT(count([](const QWebSocket& s) { return s.state() == QAbstractSocket::ConnectedState || s.state() == QAbstractSocket::UnconnectedState; }), 100, 20000);
        QVERIFY2(count(connected) <= 16, qPrintable(QString::number(count(connected))));
        // The desk may come while the flood is younger than a second: then it is turned away
        // as full, and tries again as GridHall does.
        std::unique_ptr<WireClient> desk;
        const QDeadlineTimer deadline(30000);
        while (!desk && !deadline.hasExpired()) {
            auto c = std::make_unique<WireClient>();
            auto welcomed = [&c] {
                return std::any_of(c->received().cbegin(), c->received().cend(), [](const QJsonObject& o) { return o.value("type") == "welcome"; });
            };
            if (c->open(server.url())) {
                c->send(Type::Login, { { "user", "op" }, { "password", kTestPassword }, { "clientId", newClientId() } });
                waitFor([&] { return c->closed() || welcomed(); }, 10000);
            }
            if (welcomed() && !c->closed())
                desk = std::move(c);
            else
                QTest::qWait(200);
        }
        QVERIFY2(desk, "the desk never got in");
        QVERIFY(reportCommits(*desk, "after-a-silent-flood"));
        QTRY_VERIFY(count([](const QWebSocket& s) {
            return s.state() == QAbstractSocket::UnconnectedState && int(s.closeCode()) == int(QWebSocketProtocol::CloseCodePolicyViolated)
                && s.closeReason() == QLatin1String("log in first");
        }) >= 1);
        QVERIFY(count(connected) <= 16);
    }

    // From the review: an address at its limit of connections not logged in was admitted
    // first and refused after, so at the share its newcomer crowded out another address's
    // connection on its way out. Now it is refused before it takes or frees any place.
    void anAddressAtItsLimitCrowdsOutNobody()
    {
        ServerProcess server;
        QVERIFY(server.start(m_db, 0, { "--max-unauthenticated", "3", "--max-unauthenticated-per-address", "2", "--login-timeout", "300" }));
        QWebSocket other; // the oldest, from 127.0.0.1: the one a crowd-out would pick
        other.open(server.url());
        QTRY_COMPARE_WITH_TIMEOUT(other.state(), QAbstractSocket::ConnectedState, 10000);
        NonReadingClient first, second;
        QVERIFY(first.open(server.port(), QHostAddress(QStringLiteral("127.0.0.2"))));
        QVERIFY(second.open(server.port(), QHostAddress(QStringLiteral("127.0.0.2"))));
        QTest::qWait(1200); // all three are now old enough to be crowded out
        for (int i = 0; i < 3; ++i) {
            NonReadingClient third; // 127.0.0.2 is at its limit of two
            QVERIFY(third.open(server.port(), QHostAddress(QStringLiteral("127.0.0.2"))));
        }
        QTest::qWait(1500); // a crowd-out's close would have reached it by now
        QCOMPARE(other.state(), QAbstractSocket::ConnectedState);
        QVERIFY(first.connected() && second.connected());
    }

    // Issue 14: a flood of password guesses from many addresses (each under the address
    // lock) does not stand between a desk and its login: checks of an address a user
    // logged in from lately go first, and strangers wait behind a few seconds of hashing at
    // most (the rest are answered busy). The guesses cost 600,000 rounds each, as unknown
    // names cost what the users' hashes cost. Before, the desk's check waited behind every
    // guess and was welcomed after nearly all of them had been answered.
    void aPasswordFloodDoesNotHoldBackADesk()
    {
        QCOMPARE(runServerCommand({ "add-user", "--db", m_db, "--user", "heavy", "--role", "leader", "--iterations", "600000" }, kTestPassword.toUtf8() + "\n"), 0);
        ServerProcess server;
        QVERIFY(server.start(m_db, 0, { "--max-unauthenticated-per-address", "0" }));
        {
            WireClient before; // the desk has logged in from its address before
            QVERIFY(before.open(server.url()) && before.login("op", newClientId()));
        }
        {
            WireClient wrong; // a failed check of the heavy user: strangers' checks cost as much now
            QVERIFY(wrong.open(server.url()));
            wrong.send(Type::Login, { { "user", "heavy" }, { "password", "not-the-password" }, { "clientId", newClientId() } });
            QVERIFY(wrong.next("error", 20000));
        }
        constexpr int kGuesses = 24;
        std::vector<std::unique_ptr<NonReadingClient>> flood;
        for (int i = 0; i < kGuesses; ++i) {
            flood.push_back(std::make_unique<NonReadingClient>());
            // Four guesses an address: far from its lock at 20 failures.
            QVERIFY(flood.back()->open(server.port(), QHostAddress(QStringLiteral("127.0.1.%1").arg(1 + i / 4))));
            flood.back()->startReading();
        }
        for (int i = 0; i < kGuesses; ++i)
            flood[i]->send(encode(Type::Login, { { "user", QStringLiteral("nobody-%1").arg(i) }, { "password", "guess" }, { "clientId", newClientId() } }));
        auto answered = [&](const QString& code) {
            return int(std::count_if(flood.begin(), flood.end(), [&](const auto& c) {
                return std::any_of(c->messages().cbegin(), c->messages().cend(), [&](const QJsonObject& o) { return o.value("code").toString() == code; });
            }));
        };
        WireClient desk;
        QVERIFY(desk.open(server.url()));
        // Counted from the desk's login, not from the flood: how long the desk's handshake
        // takes on a loaded machine is not what is asked. Behind its check only the ones
        // already on the hashing thread may finish first (and answers already on their way).
        const int answeredBefore = answered(err::BadCredentials) + answered(err::Busy);
        desk.send(Type::Login, { { "user", "op" }, { "password", kTestPassword }, { "clientId", newClientId() } });
        QVERIFY(desk.next("welcome", 60000));
        const int answeredMeanwhile = answered(err::BadCredentials) + answered(err::Busy) - answeredBefore;
        // The server hashes on up to idealThreadCount() - 1 threads; one more may be read first.
        const int inFlight = std::max(2, QThread::idealThreadCount());
        QVERIFY2(answeredMeanwhile <= inFlight, qPrintable(QStringLiteral("%1 guesses answered between the desk's login and its welcome (of %2, %3 before)")
                                                          .arg(answeredMeanwhile).arg(kGuesses).arg(answeredBefore)));
        QVERIFY(reportCommits(desk, "during-a-password-flood"));
    }

    void badCommandLines()
    {
        QCOMPARE(runServerCommand({ "serve" }), 2);
        QCOMPARE(runServerCommand({ "serve", "--db", m_db, "--listen", "nowhere" }), 2);
        QCOMPARE(runServerCommand({ "serve", "--db", m_db, "--max-connections", "0" }), 2);
        QCOMPARE(runServerCommand({ "serve", "--db", m_dir.filePath("missing.db") }), 1);
        QCOMPARE(runServerCommand({ "add-user", "--db", m_db, "--user", "x", "--role", "king" }, "pw\n"), 2);
        QCOMPARE(runServerCommand({ "add-user", "--db", m_db, "--user", "x", "--role", "street_operator" }, "pw\n"), 2);
        QCOMPARE(runServerCommand({ "add-user", "--db", m_db, "--user", "x", "--role", "leader" }), 2); // no password
        QCOMPARE(runServerCommand({ "add-user", "--db", m_db, "--user", "nobody", "--role", "field_worker" }, kTestPassword.toUtf8() + "\n"), 1);
    }
};

QTEST_GUILESS_MAIN(TestServerProtocol)
#include "tst_serverprotocol.moc"
