// docs/PROTOCOL.md read as a client author reads it, checked against the real
// gridhall-server on 127.0.0.1: the size limits and their answers, which errors close the
// connection, a number JSON cannot hold inside an action, parked_from's "not set", and
// the action table, which must be what the server's own domain table says. Runs on SQLite
// and, as tst_protocoldoc_pg, on PostgreSQL: the document holds for both backends.
#include "serverharness.h"

#include <QFile>
#include <QTemporaryDir>

using namespace gridhall;
using namespace gridhall::protocol;
using namespace gridhall::testing;

namespace {
int columnOf(const QString& name)
{
    return int(caseColumns().indexOf(name));
}
} // namespace

class TestProtocolDoc : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_db;
    ServerProcess m_server;
    int m_clients = 0;

    // A logged-in bare client; each under its own client id.
    std::unique_ptr<WireClient> loggedIn(const QString& user)
    {
        auto c = std::make_unique<WireClient>();
        if (!c->open(m_server.url()) || !c->login(user, QStringLiteral("doc-%1").arg(++m_clients)))
            return nullptr;
        return c;
    }

    // Qt splits outgoing messages into 512 KiB frames by default; PROTOCOL.md says one frame.
    static void sendOneFrame(WireClient& c, const QByteArray& text)
    {
        c.socket().setOutgoingFrameSize(quint64(text.size()) + 16);
        c.sendRaw(text);
    }

    static QByteArray pingOfSize(qint64 bytes)
    {
        const QByteArray head = "{\"v\":1,\"type\":\"ping\",\"t\":1,\"pad\":\"", tail = "\"}";
        return head + QByteArray(bytes - head.size() - tail.size(), 'x') + tail;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_db = makeDemoDatabase(m_dir.filePath("doc.db"));
        QVERIFY(!m_db.isEmpty());
        QVERIFY(m_server.start(m_db));
    }

    // § Limits: over 4 MiB (up to the WebSocket layer's 5 MiB) the decoder answers
    // too_large and closes (1008); the WebSocket layer closed with 1009 before, unanswered.
    void messageOverTheLimitIsAnsweredTooLarge()
    {
        auto c = loggedIn("op");
        QVERIFY(c);
        sendOneFrame(*c, pingOfSize(kMaxMessageBytes + 1000));
        const auto e = c->next("error");
        QVERIFY2(e, "no error before the connection closed");
        QCOMPARE(e->value("code").toString(), err::TooLarge);
        QVERIFY(c->waitClosed());
        QCOMPARE(int(c->socket().closeCode()), 1008);
        QCOMPARE(c->socket().closeReason(), err::TooLarge);

        // Exactly at the limit it is a message like any other.
        auto d = loggedIn("op");
        QVERIFY(d);
        sendOneFrame(*d, pingOfSize(kMaxMessageBytes));
        QVERIFY(d->next("pong"));
        QVERIFY(!d->closed());

        // Beyond the WebSocket layer's limit nothing reads it: closed with 1009, no answer.
        auto f = loggedIn("op");
        QVERIFY(f);
        sendOneFrame(*f, pingOfSize(kMaxWireMessageBytes + 1000));
        QVERIFY(f->waitClosed());
        QCOMPARE(int(f->socket().closeCode()), 1009);
        QVERIFY(!f->next("error", 200));
    }

    // § Limits: before login a message may be 16 KiB; a larger one closes with 1009.
    void messagesBeforeLoginAreSmall()
    {
        WireClient small;
        QVERIFY(small.open(m_server.url()));
        small.sendRaw(pingOfSize(16 * 1024));
        QVERIFY(small.next("pong"));
        WireClient large;
        QVERIFY(large.open(m_server.url()));
        sendOneFrame(large, pingOfSize(16 * 1024 + 1));
        QVERIFY(large.waitClosed());
        QCOMPARE(int(large.socket().closeCode()), 1009);
    }

    // § Error message: which errors close the connection.
    void loginErrorsCloseTheConnection_data()
    {
        QTest::addColumn<QByteArray>("login");
        QTest::addColumn<QString>("code");
        QTest::newRow("bad clientId") << QByteArray(R"({"v":1,"type":"login","user":"op","password":"x","clientId":"no spaces"})") << err::BadField;
        QTest::newRow("no password, no token") << QByteArray(R"({"v":1,"type":"login","user":"op","clientId":"d"})") << err::BadField;
        QTest::newRow("user of the wrong type") << QByteArray(R"({"v":1,"type":"login","user":7,"password":"x","clientId":"d"})") << err::BadField;
        QTest::newRow("unknown token") << QByteArray(R"({"v":1,"type":"login","token":"00","clientId":"d"})") << err::BadCredentials;
        QTest::newRow("not logged in") << QByteArray(R"({"v":1,"type":"sync","cursor":0})") << err::NotLoggedIn;
    }
    void loginErrorsCloseTheConnection()
    {
        QFETCH(QByteArray, login);
        QFETCH(QString, code);
        WireClient c;
        QVERIFY(c.open(m_server.url()));
        c.sendRaw(login);
        const auto e = c.next("error");
        QVERIFY(e);
        QCOMPARE(e->value("code").toString(), code);
        QVERIFY(c.waitClosed());
        QCOMPARE(int(c.socket().closeCode()), 1008);
    }

    // …and which do not: a bad message after login is answered and the session goes on.
    void errorsAfterLoginKeepTheConnection()
    {
        auto c = loggedIn("op");
        QVERIFY(c);
        c->sendRaw(R"({"v":1,"type":"sync","cursor":"x"})");
        QCOMPARE(c->next("error")->value("code").toString(), err::BadField);
        c->sendRaw(R"({"v":1,"type":"login","user":"op","password":"x","clientId":"d"})");
        QCOMPARE(c->next("error")->value("code").toString(), err::BadField); // already logged in
        c->sendRaw(R"({"v":1,"type":"nonsense"})");
        QCOMPARE(c->next("error")->value("code").toString(), err::UnknownType);
        c->sendRaw(R"({"v":1,"type":"ping","t":2})");
        QVERIFY(c->next("pong"));
        QVERIFY(!c->closed());
    }

    // § action: 1e999 makes the whole message bad_json; no action_result, the number is
    // not used, and the same clientSeq with the same key is applied afterwards.
    void infinityInAnActionLeavesItsNumberUnused()
    {
        auto c = loggedIn("op");
        QVERIFY(c);
        c->sendRaw(R"({"v":1,"type":"action","clientSeq":1,"key":"inf-1","action":"report",)"
                   R"("case":{"categoryCode":"0101","description":"x","lon":1e999,"lat":23.1,"gridCode":"440199001001001"}})");
        QCOMPARE(c->next("error")->value("code").toString(), err::BadJson);
        QVERIFY(!c->next("action_result", 300));
        c->send(Type::Action, { { "clientSeq", 1 }, { "key", "inf-1" }, { "action", "report" },
            { "case", QJsonObject { { "categoryCode", "0101" }, { "description", "x" }, { "lon", 113.3 }, { "lat", 23.1 }, { "gridCode", "440199001001001" } } } });
        const auto r = c->next("action_result");
        QVERIFY(r);
        QCOMPARE(r->value("status").toString(), "applied");
        QCOMPARE(r->value("clientSeq").toInteger(), 1);
    }

    // § Case columns: parked_from is "" for a case never parked, the state it came from after.
    void parkedFromIsEmptyUntilParked()
    {
        auto c = loggedIn("lead");
        QVERIFY(c);
        c->send(Type::Sync, { { "cursor", 0 } });
        const auto snapshot = readSnapshot(*c);
        QVERIFY(snapshot);
        const int column = columnOf("parked_from");
        QVERIFY(column > 0);
        int never = 0;
        for (const QJsonArray& row : snapshot->cases)
            never += row.at(column).toString().isEmpty();
        QVERIFY(never > 0); // demo cases never parked: "" (they read "registered" before)
        // Every case row that comes by, by id and version; each action waits for its row, so
        // that no batch carries two versions of the case (a batch sends the newest only).
        QHash<qint64, QMap<qint64, QString>> parkedFromOf;
        std::optional<QJsonObject> result;
        auto pump = [&](const std::function<bool()>& done) {
            QDeadlineTimer deadline(10000);
            while (!done() && !deadline.hasExpired()) {
                while (!c->received().isEmpty()) {
                    const QJsonObject o = c->received().takeFirst();
                    if (o.value("type").toString() == "action_result")
                        result = o;
                    for (const QJsonValue& v : o.value("cases").toArray())
                        parkedFromOf[v.toArray().at(0).toInteger()].insert(v.toArray().at(columnOf("version")).toInteger(), v.toArray().at(column).toString());
                }
                QTest::qWait(5);
            }
            return done();
        };
        auto act = [&](const QJsonObject& action) -> QString {
            result.reset();
            c->send(Type::Action, action);
            if (!pump([&] { return result.has_value(); }) || result->value("status").toString() != "applied")
                return QStringLiteral("not applied");
            const qint64 id = result->value("caseId").toInteger();
            const qint64 version = result->value("version").toInteger();
            return pump([&] { return parkedFromOf.value(id).contains(version); }) ? parkedFromOf.value(id).value(version, "?") : QStringLiteral("?");
        };
        QCOMPARE(act({ { "clientSeq", 1 }, { "key", "park-1" }, { "action", "report" },
                     { "case", QJsonObject { { "categoryCode", "0101" }, { "description", "x" }, { "lon", 113.3 }, { "lat", 23.1 }, { "gridCode", "440199001001001" } } } }),
            QString());
        const qint64 id = result->value("caseId").toInteger();
        QCOMPARE(act({ { "clientSeq", 2 }, { "key", "park-2" }, { "action", "register" }, { "caseId", id }, { "seenVersion", 1 } }), QString());
        QCOMPARE(act({ { "clientSeq", 3 }, { "key", "park-3" }, { "action", "park" }, { "caseId", id }, { "seenVersion", 2 }, { "note", "waits for the owner" } }),
            QStringLiteral("registered"));
        // The client codec reads both, and an old row's "registered" still reads as a state.
        QJsonArray row = snapshot->cases.begin().value();
        Case read;
        Problem p;
        row[column] = QString();
        QVERIFY2(caseFromRow(row, &read, &p), qPrintable(p.message));
        QVERIFY(!read.parkedFrom);
        row[column] = QStringLiteral("registered");
        QVERIFY(caseFromRow(row, &read, &p));
        QCOMPARE(read.parkedFrom, std::optional<CaseState>(CaseState::Registered));
    }

    // § Actions: the table between the markers is what `gridhall-server action-table` prints
    // from the domain's transition table; a change to either side without the other fails.
    void actionTableMatchesTheDomain()
    {
        QByteArray printed;
        QCOMPARE(runServerCommand({ "action-table" }, {}, &printed), 0);
        QVERIFY(printed.startsWith("| action |"));
        QFile doc(QStringLiteral(GRIDHALL_SOURCE_DIR "/docs/PROTOCOL.md"));
        QVERIFY(doc.open(QIODevice::ReadOnly));
        const QByteArray text = doc.readAll();
        const QByteArray begin = "<!-- action-table: begin", end = "<!-- action-table: end -->";
        const qsizetype from = text.indexOf(begin), to = text.indexOf(end);
        QVERIFY2(from >= 0 && to > from, "PROTOCOL.md has no action table between its markers");
        const qsizetype body = text.indexOf('\n', from) + 1;
        const QByteArray inDoc = text.mid(body, to - body);
        if (inDoc != printed) {
            const QList<QByteArray> a = inDoc.split('\n'), b = printed.split('\n');
            for (int i = 0; i < std::max(a.size(), b.size()); ++i)
                if (a.value(i) != b.value(i))
                    QFAIL(qPrintable(QStringLiteral("line %1 differs; PROTOCOL.md: %2\naction-table: %3\n"
                                                    "(run gridhall-server action-table and paste its output between the markers)")
                                         .arg(i + 1).arg(QString::fromUtf8(a.value(i)), QString::fromUtf8(b.value(i)))));
        }
        // Every action the document lists reaches the table, and leaders appear nowhere.
        for (const char* action : { "report", "self_handle", "register", "void", "dispatch", "accept", "feedback", "verify_pass",
                 "verify_fail", "close", "return", "request_extension", "approve_extension", "reject_extension", "park", "unpark",
                 "escalate", "acknowledge_alert", "attach_photo" })
            QVERIFY2(printed.contains(QByteArray(QByteArray("| `") + action + "` |")), action);
        QVERIFY(!printed.contains("`leader`"));
    }
};

QTEST_GUILESS_MAIN(TestProtocolDoc)
#include "tst_protocoldoc.moc"
