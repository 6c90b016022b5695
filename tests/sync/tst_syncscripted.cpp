// SyncClient against a scripted server in this process, to deliver what the real server
// never sends on purpose: a snapshot with a wrong checksum or missing rows, duplicated,
// reordered and gapped change batches, older row versions and malformed rows.
#include "models/sync/protocol.h"
#include "models/sync/syncclient.h"

#include <QDeadlineTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>
#include <QWebSocketServer>

using namespace gridhall;
using namespace gridhall::protocol;

namespace {
bool waitFor(const std::function<bool()>& done, int timeoutMs = 10000)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!done()) {
        if (deadline.hasExpired())
            return false;
        QTest::qWait(5);
    }
    return true;
}

Case sampleCase(qint64 id, qint64 version)
{
    Case c;
    c.id = id;
    c.code = QStringLiteral("C%1").arg(id);
    c.categoryCode = "0101";
    c.description = "d";
    c.location = { 113.3, 23.1 };
    c.gridCode = "440199001001001";
    c.communityCode = "440199001001";
    c.streetCode = "440199001";
    c.state = CaseState::Registered;
    c.version = version;
    return c;
}
} // namespace

class TestSyncScripted : public QObject {
    Q_OBJECT
private:
    QWebSocketServer m_server { QStringLiteral("script"), QWebSocketServer::NonSecureMode };
    QWebSocket* m_peer = nullptr;
    QList<QJsonObject> m_got;
    QList<QWebSocket*> m_accepted;
    QTemporaryDir m_dir;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<SyncClient> m_client;

    void send(Type t, const QJsonObject& o) { m_peer->sendTextMessage(QString::fromUtf8(encode(t, o))); }
    std::optional<QJsonObject> next(const QString& type)
    {
        QJsonObject found;
        const bool ok = waitFor([&] {
            for (int i = 0; i < m_got.size(); ++i) {
                if (m_got[i].value("type").toString() == type) {
                    found = m_got.takeAt(i);
                    return true;
                }
            }
            return false;
        });
        return ok ? std::optional(found) : std::nullopt;
    }
    // Accepts the client's (re)connection and its login.
    bool acceptLogin()
    {
        if (!waitFor([&] { return !m_accepted.isEmpty(); }))
            return false;
        m_peer = m_accepted.takeFirst();
        if (!next("login"))
            return false;
        send(Type::Welcome, { { "user", "op" }, { "role", "district_operator" }, { "street", "" }, { "token", "t" },
            { "expiresAt", QDateTime::currentMSecsSinceEpoch() + 60000 }, { "epoch", "e1" }, { "lastClientSeq", 0 }, { "worker", "" } });
        return true;
    }
    void sendSnapshot(qint64 cursor, const QList<Case>& cases, qint64 claimedCases, bool goodChecksum)
    {
        CaseChecksum sum;
        QJsonArray rows;
        for (const Case& c : cases) {
            rows.append(caseToRow(c));
            sum.add(c.id, c.version, caseStateKey(c.state), c.streetCode);
        }
        QJsonObject counts { { "streets", 0 }, { "communities", 0 }, { "grids", 0 }, { "workers", 0 }, { "departments", 0 }, { "cases", claimedCases } };
        send(Type::SnapshotBegin, { { "epoch", "e1" }, { "cursor", cursor }, { "counts", counts }, { "caseColumns", QJsonArray::fromStringList(caseColumns()) } });
        send(Type::SnapshotChunk, { { "table", "cases" }, { "rows", rows } });
        send(Type::SnapshotEnd, { { "checksum", goodChecksum ? sum.hex() : QStringLiteral("0000000000000bad") } });
    }
    void sendChanges(qint64 from, qint64 to, const QList<Case>& cases)
    {
        QJsonArray rows;
        for (const Case& c : cases)
            rows.append(caseToRow(c));
        send(Type::Changes, { { "from", from }, { "to", to }, { "cases", rows }, { "events", QJsonArray() } });
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_server.listen(QHostAddress::LocalHost, 0));
        // Take each connection at once so no message arrives before we listen to it.
        connect(&m_server, &QWebSocketServer::newConnection, this, [this] {
            while (QWebSocket* peer = m_server.nextPendingConnection()) {
                connect(peer, &QWebSocket::textMessageReceived, this,
                    [this](const QString& t) { m_got.append(QJsonDocument::fromJson(t.toUtf8()).object()); });
                m_accepted.append(peer);
            }
        });
        StoreStatus status;
        m_store = Store::open(m_dir.filePath("client.db"), &status);
        QVERIFY(m_store);
        m_client = std::make_unique<SyncClient>(*m_store);
        m_client->setServer(QUrl(QStringLiteral("ws://127.0.0.1:%1/").arg(m_server.serverPort())));
        m_client->setCredentials("op", "pw");
        m_client->setClientId("scripted");
        m_client->setBackoff(20, 100);
        m_client->start();
    }

    void badSnapshotsAreNeverSwappedIn()
    {
        QVERIFY(acceptLogin());
        QCOMPARE(next("sync")->value("cursor").toInteger(), 0);
        // Wrong checksum: discarded, the (empty) replica stays, the client asks again.
        sendSnapshot(10, { sampleCase(1, 1), sampleCase(2, 1) }, 2, false);
        QVERIFY(acceptLogin());
        QCOMPARE(m_store->counts().cases, 0);
        QCOMPARE(m_store->meta("sync.cursor"), QByteArray());
        QCOMPARE(next("sync")->value("cursor").toInteger(), 0);
        // A row missing against the counts: discarded too.
        sendSnapshot(10, { sampleCase(1, 1) }, 2, true);
        QVERIFY(acceptLogin());
        QCOMPARE(m_store->counts().cases, 0);
        QCOMPARE(next("sync")->value("cursor").toInteger(), 0);
        sendSnapshot(10, { sampleCase(1, 1), sampleCase(2, 1) }, 2, true);
        QVERIFY(waitFor([&] { return m_client->status().state == SyncState::Online; }));
        QCOMPARE(m_store->counts().cases, 2);
        QCOMPARE(m_store->meta("sync.cursor"), "10");
        QCOMPARE(m_store->meta("sync.epoch"), "e1");
    }

    void duplicatesOlderVersionsAndGaps()
    {
        sendChanges(10, 12, { sampleCase(1, 2) });
        QVERIFY(waitFor([&] { return m_client->status().cursor == 12; }));
        QCOMPARE(m_store->caseById(1)->version, 2);
        // The same batch again (a duplicate delivery): dropped.
        Case changed = sampleCase(1, 3);
        changed.state = CaseState::Voided;
        sendChanges(10, 12, { changed });
        // An older version of a row never overwrites a newer one.
        sendChanges(12, 13, { sampleCase(1, 1) });
        QVERIFY(waitFor([&] { return m_client->status().cursor == 13; }));
        QCOMPARE(m_store->caseById(1)->version, 2);
        QCOMPARE(m_store->caseById(1)->state, CaseState::Registered);
        // A gap (a batch from the future, e.g. reordered): not applied; the client resyncs.
        m_got.clear();
        sendChanges(20, 21, { sampleCase(2, 5) });
        const auto sync = next("sync");
        QVERIFY(sync);
        QCOMPARE(sync->value("cursor").toInteger(), 13);
        QCOMPARE(m_store->caseById(2)->version, 1);
        QCOMPARE(m_store->meta("sync.cursor"), "13");
        // The missing batches then arrive in order.
        sendChanges(13, 21, { sampleCase(2, 5) });
        QVERIFY(waitFor([&] { return m_client->status().cursor == 21; }));
        QCOMPARE(m_store->caseById(2)->version, 5);
    }

    void malformedBatchAppliesNothing()
    {
        QJsonArray bad = caseToRow(sampleCase(1, 9));
        bad[5] = 999.0; // longitude out of range
        send(Type::Changes, { { "from", 21 }, { "to", 22 }, { "cases", QJsonArray { caseToRow(sampleCase(2, 9)), bad } }, { "events", QJsonArray() } });
        QVERIFY(waitFor([&] { return m_client->status().lastError.contains("lon"); }));
        QVERIFY(acceptLogin()); // the client dropped the link and came back
        QCOMPARE(m_store->caseById(2)->version, 5); // not even the good row of the batch
        QCOMPARE(m_store->meta("sync.cursor"), "21");
        QCOMPARE(next("sync")->value("cursor").toInteger(), 21);
    }
};

QTEST_GUILESS_MAIN(TestSyncScripted)
#include "tst_syncscripted.moc"
