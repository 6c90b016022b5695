// SyncClient against the real gridhall-server on loopback: snapshot into an empty store,
// actions through the outbox, changes from other desks, street scope, and faults — the
// server killed and restarted, the link cut while the outbox drains, a frozen server.
#include "models/sync/protocol.h"
#include "models/sync/syncclient.h"
#include "tests/server/serverharness.h"

#include <QBuffer>
#include <QImage>
#include <QStandardPaths>
#include <QProcess>
#include <QSslCertificate>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <csignal>
#include <sqlite3.h>

using namespace gridhall;
using namespace gridhall::protocol;
using namespace gridhall::testing;

namespace {
using Versions = QMap<qint64, qint64>; // case id → version

Versions serverVersions(const QString& db, const QString& street)
{
    Versions out;
    sqlite3* h = nullptr;
    sqlite3_open_v2(db.toUtf8().constData(), &h, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_stmt* q = nullptr;
    sqlite3_prepare_v2(h, "SELECT id, version FROM cases WHERE substr(street_code, 1, length(?1)) = ?1", -1, &q, nullptr);
    const QByteArray s = street.toUtf8();
    sqlite3_bind_text(q, 1, s.constData(), int(s.size()), SQLITE_TRANSIENT);
    while (sqlite3_step(q) == SQLITE_ROW)
        out.insert(sqlite3_column_int64(q, 0), sqlite3_column_int64(q, 1));
    sqlite3_finalize(q);
    sqlite3_close(h);
    return out;
}

Versions clientVersions(const Store& store)
{
    Versions out;
    store.forEachCase([&](const Case& c) { out.insert(c.id, c.version); });
    return out;
}

} // namespace

class TestSyncClient : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_db;
    ServerProcess m_server;
    quint16 m_port = 0;
    QList<QPair<qint64, QString>> m_registered; // case id, street: registered at version 2
    int m_stores = 0;

    std::unique_ptr<Store> newStore()
    {
        StoreStatus status;
        auto store = Store::open(m_dir.filePath(QStringLiteral("client-%1.db").arg(++m_stores)), &status);
        if (!store)
            qWarning() << status.message;
        return store;
    }

    std::unique_ptr<SyncClient> newClient(Store& store, const QString& user)
    {
        auto c = std::make_unique<SyncClient>(store);
        c->setServer(QUrl(QStringLiteral("ws://127.0.0.1:%1/").arg(m_port)));
        c->setCredentials(user, kTestPassword);
        c->setClientId(QStringLiteral("desk-%1").arg(m_stores));
        c->setBackoff(50, 400);
        c->setHeartbeat(300, 1500);
        return c;
    }

    qint64 takeRegistered(const QString& street)
    {
        for (int i = 0; i < m_registered.size(); ++i)
            if (m_registered[i].second == street)
                return m_registered.takeAt(i).first;
        return 0;
    }

    bool restartServer()
    {
        // Same port, so the client's URL stays valid; retry briefly while the port frees.
        for (int attempt = 0; attempt < 20; ++attempt) {
            if (m_server.start(m_db, m_port))
                return true;
            QTest::qWait(200);
        }
        return false;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_db = m_dir.filePath("server.db");
        QVERIFY(makeDemoDb(m_db));
        QVERIFY(m_server.start(m_db));
        m_port = m_server.port();
        WireClient c;
        QVERIFY(c.open(m_server.url()));
        QVERIFY(c.login("op", "seeder"));
        c.send(Type::Sync, { { "cursor", 0 } });
        const auto s = readSnapshot(c);
        QVERIFY(s);
        QHash<QString, QString> gridOfStreet;
        for (const QJsonObject& g : s->reference.value("grids"))
            gridOfStreet.insert(g.value("streetCode").toString(), g.value("code").toString());
        qint64 seq = 0;
        for (int i = 0; i < 60; ++i) {
            const QString street = i % 3 ? "440199001" : "440199002";
            c.send(Type::Action, { { "clientSeq", ++seq }, { "key", QString("seed-%1").arg(seq) }, { "action", "report" },
                { "case", QJsonObject { { "categoryCode", "0101" }, { "description", "seed" }, { "lon", 113.3 }, { "lat", 23.1 }, { "gridCode", gridOfStreet.value(street) } } } });
            const auto r = c.next("action_result");
            QVERIFY(r && r->value("status").toString() == "applied");
            c.send(Type::Action, { { "clientSeq", ++seq }, { "key", QString("seed-%1").arg(seq) }, { "action", "register" },
                { "caseId", r->value("caseId") }, { "seenVersion", 1 } });
            QCOMPARE(c.next("action_result")->value("status").toString(), "applied");
            m_registered.append({ r->value("caseId").toInteger(), street });
        }
    }

    void snapshotIntoEmptyStore()
    {
        auto store = newStore();
        QVERIFY(store);
        auto client = newClient(*store, "op");
        QSignalSpy applied(client.get(), &SyncClient::snapshotApplied);
        QCOMPARE(client->status().state, SyncState::Offline);
        client->start();
        QVERIFY(waitFor([&] { return applied.count() == 1; }));
        QVERIFY(waitFor([&] { return client->status().state == SyncState::Online; }));
        QCOMPARE(clientVersions(*store), serverVersions(m_db, ""));
        const StoreCounts counts = store->counts();
        QCOMPARE(counts.streets, 21);
        QCOMPARE(qint64(counts.grids), serverCount(m_db, "SELECT count(*) FROM grids"));
        QCOMPARE(qint64(counts.workers), serverCount(m_db, "SELECT count(*) FROM workers"));
        QVERIFY(client->status().lastChangeAt.isValid());
        // Who the server says this login is, for the desk's role and scope.
        QCOMPARE(client->status().user, QStringLiteral("op"));
        QCOMPARE(client->status().userRole, QStringLiteral("district_operator"));
        QCOMPARE(client->status().street, QString());
        QCOMPARE(protocol::deskRoleForUserRole(client->status().userRole), std::optional<Role>(Role::Operator));
        QVERIFY(!client->status().offlineSince.isValid());
        QCOMPARE(store->meta("sync.cursor").toLongLong(), serverCount(m_db, "SELECT max(seq) FROM change_log"));
        // The grid geometry survives the trip, and so do the district and the basemap.
        QVERIFY(!store->grids().first().boundary.isEmpty());
        QCOMPARE(store->districts().size(), 1);
        QVERIFY(!store->districts().first().name.isEmpty());
        QCOMPARE(qint64(store->basemap().size()), serverCount(m_db, "SELECT count(*) FROM basemap_features"));
        QVERIFY(serverCount(m_db, "SELECT count(*) FROM basemap_features") > 0);

        // A second run of the same store resumes from its cursor: no snapshot this time.
        client->stop();
        auto again = newClient(*store, "op");
        QSignalSpy applied2(again.get(), &SyncClient::snapshotApplied);
        again->start();
        QVERIFY(waitFor([&] { return again->status().state == SyncState::Online; }));
        QTest::qWait(200);
        QCOMPARE(applied2.count(), 0);
    }

    void actionsAndChangesFromOthers()
    {
        auto store = newStore();
        auto client = newClient(*store, "op");
        QSignalSpy answered(client.get(), &SyncClient::actionAnswered);
        QSignalSpy changed(client.get(), &SyncClient::casesChanged);
        client->start();
        QVERIFY(waitFor([&] { return client->status().state == SyncState::Online; }));

        const qint64 id = takeRegistered("440199001");
        const std::optional<qint64> seq = client->queueAction("dispatch", id, 2, { { "targetKind", "department" }, { "target", "CG" } });
        QVERIFY(seq);
        // Committed before queueAction returned: it is in the outbox file already.
        QVERIFY(waitFor([&] { return answered.count() == 1; }));
        QCOMPARE(answered.first().at(0).toLongLong(), *seq);
        QCOMPARE(answered.first().at(1).toInt(), int(OutboxEntry::Status::Applied));
        QVERIFY(waitFor([&] { return store->caseById(id) && store->caseById(id)->version == 3; }));
        QCOMPARE(store->caseById(id)->state, CaseState::Dispatched);
        QVERIFY(!store->eventsFor(id).isEmpty());
        QCOMPARE(client->status().pendingActions, 0);

        // Another desk's change arrives by itself.
        const qint64 other = takeRegistered("440199002");
        WireClient desk;
        QVERIFY(desk.open(m_server.url()));
        QVERIFY(desk.login("op2", "other-desk"));
        desk.send(Type::Action, { { "clientSeq", 1 }, { "key", "other-desk-1" }, { "caseId", other }, { "seenVersion", 2 },
            { "action", "dispatch" }, { "targetKind", "department" }, { "target", "GA" } });
        QCOMPARE(desk.next("action_result")->value("status").toString(), "applied");
        QVERIFY(waitFor([&] { return store->caseById(other) && store->caseById(other)->holder == "GA"; }));
        QVERIFY(changed.count() >= 2);

        // A stale action comes back as a conflict naming who changed the case.
        client->queueAction("dispatch", other, 2, { { "targetKind", "department" }, { "target", "CG" } });
        QVERIFY(waitFor([&] { return answered.count() == 2; }));
        QCOMPARE(answered.last().at(1).toInt(), int(OutboxEntry::Status::Conflict));
        QVERIFY(answered.last().at(2).toString().contains("op2"));
        QCOMPARE(clientVersions(*store), serverVersions(m_db, ""));
    }

    // With a send delay an action waits in the outbox, where the operator can still take
    // it back: the server never hears of a withdrawn one, and the next action reuses its
    // sequence number without a gap.
    // wss:// with the hall's own certificate: a client that does not trust it is refused and
    // says why (never silently ignored); given the certificate, it syncs as over ws://.
    void tlsServerNeedsATrustedCertificate()
    {
        const QString openssl = QStandardPaths::findExecutable(QStringLiteral("openssl"));
        QVERIFY2(!openssl.isEmpty(), "openssl is in the Makefile's packages");
        const QString cert = m_dir.filePath("hall-cert.pem"), key = m_dir.filePath("hall-key.pem");
        QProcess req;
        req.start(openssl, { "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
                               "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1" });
        QVERIFY(req.waitForFinished(60000));
        QCOMPARE(req.exitCode(), 0);
        const QString tlsDb = m_dir.filePath("tls-server.db");
        QVERIFY(makeDemoDb(tlsDb));
        ServerProcess tlsServer;
        QVERIFY(tlsServer.start(tlsDb, 0, { "--tls-cert", cert, "--tls-key", key }));
        const QUrl url(QStringLiteral("wss://127.0.0.1:%1/").arg(tlsServer.port()));

        auto untrustingStore = newStore();
        auto untrusting = newClient(*untrustingStore, "op");
        untrusting->setServer(url);
        untrusting->start();
        QVERIFY(waitFor([&] { return untrusting->status().lastError.contains(QLatin1String("certificate")); }));
        QVERIFY2(untrusting->status().lastError.contains(QLatin1String("self signed"), Qt::CaseInsensitive)
                || untrusting->status().lastError.contains(QLatin1String("self-signed"), Qt::CaseInsensitive),
            qPrintable(untrusting->status().lastError));
        QVERIFY(untrusting->status().state != SyncState::Online);
        QCOMPARE(untrustingStore->counts().cases, 0);
        untrusting->stop();

        auto store = newStore();
        auto client = newClient(*store, "op");
        client->setServer(url);
        const QList<QSslCertificate> trusted = QSslCertificate::fromPath(cert);
        QCOMPARE(trusted.size(), 1);
        client->setTrustedCertificates(trusted);
        QSignalSpy applied(client.get(), &SyncClient::snapshotApplied);
        client->start();
        QVERIFY(waitFor([&] { return !applied.isEmpty(); }));
        QCOMPARE(client->status().state, SyncState::Online);
        QVERIFY(store->counts().cases > 0);
        QCOMPARE(store->counts().cases, qint64(serverVersions(tlsDb, "").size()));
        client->stop();
    }

    // A wrong password: the client says so and stops; it does not hammer the server (whose
    // answers to failed logins slow down) until started again with new credentials.
    void refusedLoginStopsTrying()
    {
        auto store = newStore();
        auto client = newClient(*store, "op");
        client->setCredentials("op", "wrong-password");
        QSignalSpy statuses(client.get(), &SyncClient::statusChanged);
        client->start();
        QVERIFY(waitFor([&] { return client->status().loginRefused; }));
        QCOMPARE(client->status().state, SyncState::Offline);
        QVERIFY(!client->status().lastError.isEmpty());
        const int seen = int(statuses.count());
        // Backoff here is 50-400 ms: a retry would have come, saying "connecting" again.
        QTest::qWait(1500);
        QCOMPARE(int(statuses.count()), seen);
        QCOMPARE(client->status().state, SyncState::Offline);

        client->setCredentials("op", kTestPassword);
        client->start();
        QVERIFY(!client->status().loginRefused);
        QVERIFY(waitFor([&] { return client->status().state == SyncState::Online; }));
        client->stop();
    }

    // The client id belongs to the replica: made once and kept, different for another
    // replica; a replica that synced under an older machine-wide id keeps that one.
    void clientIdBelongsToTheReplica()
    {
        auto first = newStore();
        auto second = newStore();
        const QString a = SyncClient::replicaClientId(*first, QStringLiteral("machine-id"));
        QVERIFY(!a.isEmpty());
        QVERIFY(a != QStringLiteral("machine-id")); // a new replica: its own id
        QCOMPARE(SyncClient::replicaClientId(*first, QStringLiteral("machine-id")), a);
        QVERIFY(SyncClient::replicaClientId(*second) != a);
        auto synced = newStore();
        QVERIFY(synced->setMeta(QStringLiteral("sync.epoch"), "e1"));
        QCOMPARE(SyncClient::replicaClientId(*synced, QStringLiteral("machine-id")), QStringLiteral("machine-id"));
    }

    // An alert's acknowledgement has no undo: it is not held for one (the walls' banners
    // stayed up for the whole hold), but it still goes after a held action ahead of it.
    void acknowledgementsAreNotHeld()
    {
        auto store = newStore();
        auto client = newClient(*store, "op");
        client->setSendDelay(60'000);
        QSignalSpy answered(client.get(), &SyncClient::actionAnswered);
        client->start();
        QVERIFY(waitFor([&] { return client->status().state == SyncState::Online; }));
        // A registered case has no alert: the server refuses, which is answer enough.
        const std::optional<qint64> ack = client->queueAction("acknowledge_alert", takeRegistered("440199001"), 2, {});
        QVERIFY(ack);
        QVERIFY(waitFor([&] { return answered.count() == 1; }));
        QCOMPARE(answered.at(0).at(0).toLongLong(), *ack);

        const std::optional<qint64> held = client->queueAction("void", takeRegistered("440199001"), 2, { { "note", "slip" } });
        const std::optional<qint64> behind = client->queueAction("acknowledge_alert", takeRegistered("440199002"), 2, {});
        QVERIFY(held && behind);
        QTest::qWait(1500);
        QCOMPARE(answered.count(), 1);
        const QList<OutboxEntry> waiting = store->pendingOutbox();
        QCOMPARE(waiting.size(), 2);
        QCOMPARE(waiting.at(1).status, OutboxEntry::Status::Queued);
    }

    void heldActionCanBeWithdrawn()
    {
        auto store = newStore();
        auto client = newClient(*store, "op");
        client->setSendDelay(1500);
        QSignalSpy answered(client.get(), &SyncClient::actionAnswered);
        client->start();
        QVERIFY(waitFor([&] { return client->status().state == SyncState::Online; }));
        const QString clientId = QStringLiteral("desk-%1").arg(m_stores);
        const QByteArray auditOfClient = "SELECT count(*) FROM audit WHERE client = '" + clientId.toUtf8() + "'";
        const qint64 auditBefore = serverCount(m_db, auditOfClient);

        const qint64 slip = takeRegistered("440199001");
        const std::optional<qint64> seq = client->queueAction("void", slip, 2, { { "note", "slip" } });
        QVERIFY(seq);
        QCOMPARE(client->status().pendingActions, 1);
        QString reason;
        QVERIFY2(store->withdrawQueued({ *seq }, &reason), qPrintable(reason));
        QTest::qWait(2500);
        QCOMPARE(answered.count(), 0);
        QCOMPARE(serverCount(m_db, auditOfClient), auditBefore);
        QCOMPARE(serverVersions(m_db, "").value(slip), 2);

        // Two more, in order, each held about as long as the delay.
        const qint64 first = takeRegistered("440199001");
        const qint64 second = takeRegistered("440199002");
        QElapsedTimer held;
        held.start();
        const std::optional<qint64> a
            = client->queueAction("dispatch", first, 2, { { "targetKind", "department" }, { "target", "CG" } });
        const std::optional<qint64> b
            = client->queueAction("dispatch", second, 2, { { "targetKind", "department" }, { "target", "SW" } });
        QVERIFY(a && b);
        QCOMPARE(*a, *seq); // the withdrawn number, used again
        QTest::qWait(500);
        QCOMPARE(answered.count(), 0);
        const QList<OutboxEntry> waiting = store->pendingOutbox();
        QCOMPARE(waiting.size(), 2);
        QCOMPARE(waiting.at(0).status, OutboxEntry::Status::Queued);
        QVERIFY(waitFor([&] { return answered.count() == 2; }));
        QVERIFY2(held.elapsed() >= 1400, qPrintable(QString::number(held.elapsed())));
        QCOMPARE(answered.at(0).at(0).toLongLong(), *a);
        QCOMPARE(answered.at(1).at(0).toLongLong(), *b);
        QCOMPARE(answered.at(0).at(1).toInt(), int(OutboxEntry::Status::Applied));
        QCOMPARE(answered.at(1).at(1).toInt(), int(OutboxEntry::Status::Applied));
        // Once sent it is the server's: withdrawing is refused.
        QVERIFY(!store->withdrawQueued({ *b }, &reason));
        QVERIFY(!reason.isEmpty());
    }

    void streetScopedReplica()
    {
        auto store = newStore();
        auto client = newClient(*store, "s1");
        QSignalSpy answered(client.get(), &SyncClient::actionAnswered);
        client->start();
        QVERIFY(waitFor([&] { return client->status().state == SyncState::Online; }));
        QCOMPARE(client->street(), "440199001");
        QCOMPARE(client->status().street, QStringLiteral("440199001"));
        QCOMPARE(client->status().userRole, QStringLiteral("street_operator"));
        QCOMPARE(clientVersions(*store), serverVersions(m_db, "440199001"));
        QCOMPARE(store->streets().size(), 1);
        QCOMPARE(store->districts().size(), 1); // its own district, for the name
        // The same installation used by a district operator: the scope changed, so a
        // fresh snapshot replaces the street replica.
        {
            auto wider = newClient(*store, "op");
            QSignalSpy applied(wider.get(), &SyncClient::snapshotApplied);
            client->stop();
            wider->start();
            QVERIFY(waitFor([&] { return applied.count() == 1; }));
            QCOMPARE(store->streets().size(), 21);
            wider->stop();
            QSignalSpy back(client.get(), &SyncClient::snapshotApplied);
            client->start();
            QVERIFY(waitFor([&] { return back.count() == 1; }));
            QCOMPARE(store->streets().size(), 1);
        }
        // Out of its street: refused, and nothing changes on the server.
        const qint64 outside = takeRegistered("440199002");
        const Versions before = serverVersions(m_db, "");
        client->queueAction("dispatch", outside, 2, { { "targetKind", "department" }, { "target", "CG" } });
        QVERIFY(waitFor([&] { return answered.count() == 1; }));
        QCOMPARE(answered.first().at(1).toInt(), int(OutboxEntry::Status::Refused));
        QVERIFY(answered.first().at(2).toString().contains("not_found"));
        QCOMPARE(serverVersions(m_db, ""), before);
        // Changes elsewhere never reach it.
        WireClient desk;
        QVERIFY(desk.open(m_server.url()));
        QVERIFY(desk.login("op2", "other-desk-2"));
        const qint64 far = takeRegistered("440199002");
        desk.send(Type::Action, { { "clientSeq", 1 }, { "key", "other-desk-2-1" }, { "caseId", far }, { "seenVersion", 2 },
            { "action", "dispatch" }, { "targetKind", "department" }, { "target", "GA" } });
        QCOMPARE(desk.next("action_result")->value("status").toString(), "applied");
        const qint64 cursorAfter = serverCount(m_db, "SELECT max(seq) FROM change_log");
        QVERIFY(waitFor([&] { return client->status().cursor == cursorAfter; }));
        QVERIFY(!store->caseById(far));
    }

    void serverKilledAndRestarted()
    {
        auto store = newStore();
        auto client = newClient(*store, "op");
        QSignalSpy answered(client.get(), &SyncClient::actionAnswered);
        client->start();
        QVERIFY(waitFor([&] { return client->status().state == SyncState::Online; }));
        m_server.kill(); // SIGKILL: no goodbye
        QVERIFY(waitFor([&] { return client->status().state != SyncState::Online; }));
        QVERIFY(client->status().offlineSince.isValid());
        QList<qint64> ids;
        for (int i = 0; i < 3; ++i) {
            ids << takeRegistered("440199001");
            QVERIFY(client->queueAction("dispatch", ids.last(), 2, { { "targetKind", "department" }, { "target", "CG" } }));
        }
        QCOMPARE(client->status().pendingActions, 3);
        QCOMPARE(store->pendingOutbox().size(), 3);
        QVERIFY(restartServer());
        QVERIFY(waitFor([&] { return answered.count() == 3; }));
        for (const auto& call : answered)
            QCOMPARE(call.at(1).toInt(), int(OutboxEntry::Status::Applied));
        QVERIFY(waitFor([&] { return clientVersions(*store) == serverVersions(m_db, ""); }));
        for (qint64 id : ids)
            QCOMPARE(store->caseById(id)->version, 3); // applied exactly once
        QCOMPARE(client->status().pendingActions, 0);
    }

    void connectionCutWhileOutboxDrains()
    {
        auto store = newStore();
        auto client = newClient(*store, "op");
        QSignalSpy answered(client.get(), &SyncClient::actionAnswered);
        client->start();
        QVERIFY(waitFor([&] { return client->status().state == SyncState::Online; }));
        m_server.kill();
        QVERIFY(waitFor([&] { return client->status().state != SyncState::Online; }));
        QList<qint64> ids;
        for (int i = 0; i < 12; ++i) {
            ids << takeRegistered("440199001");
            QVERIFY(ids.last() > 0);
            QVERIFY(client->queueAction("dispatch", ids.last(), 2, { { "targetKind", "department" }, { "target", "CG" } }));
        }
        QVERIFY(restartServer());
        // Cut the link again as soon as the first answers come back.
        QVERIFY(waitFor([&] { return answered.count() >= 1; }));
        m_server.kill();
        QVERIFY(restartServer());
        QVERIFY(waitFor([&] { return store->pendingOutbox().isEmpty(); }, 30000));
        QVERIFY(waitFor([&] { return clientVersions(*store) == serverVersions(m_db, ""); }));
        for (qint64 id : ids)
            QCOMPARE(store->caseById(id)->version, 3);
        // Exactly once on the server: one stored result per outbox entry of this client.
        QCOMPARE(serverCount(m_db, "SELECT count(*) FROM applied_actions WHERE client_id = 'desk-" + QByteArray::number(m_stores) + "'"), 12);
    }

    void frozenServerIsDetected()
    {
        auto store = newStore();
        auto client = newClient(*store, "op");
        client->start();
        QVERIFY(waitFor([&] { return client->status().state == SyncState::Online; }));
        const qint64 pid = m_server.processId();
        QVERIFY(pid > 0);
        ::kill(pid_t(pid), SIGSTOP); // TCP stays up; only heartbeats can tell
        QElapsedTimer t;
        t.start();
        QVERIFY(waitFor([&] { return client->status().state != SyncState::Online; }, 10000));
        QVERIFY2(t.elapsed() < 5000, qPrintable(QString::number(t.elapsed())));
        ::kill(pid_t(pid), SIGCONT);
        QVERIFY(waitFor([&] { return client->status().state == SyncState::Online; }));
    }

    void expiredTokenFallsBackToPassword()
    {
        ServerProcess shortTokens;
        QVERIFY(shortTokens.start(m_db, 0, { "--token-lifetime", "1" }));
        auto store = newStore();
        auto first = std::make_unique<SyncClient>(*store);
        first->setServer(shortTokens.url());
        first->setCredentials("op", kTestPassword);
        first->start();
        QVERIFY(waitFor([&] { return first->status().state == SyncState::Online; }));
        const QByteArray token = store->meta("sync.token");
        QVERIFY(!token.isEmpty());
        first->stop();
        QTest::qWait(1200); // the token expires
        auto second = std::make_unique<SyncClient>(*store);
        second->setServer(shortTokens.url());
        second->setCredentials("op", kTestPassword);
        second->setBackoff(50, 200);
        second->start();
        QVERIFY(waitFor([&] { return second->status().state == SyncState::Online; }));
        QVERIFY(store->meta("sync.token") != token); // a fresh token from the password login
        second->stop();
    }

    void livePositionsGoStale()
    {
        auto store = newStore();
        auto client = newClient(*store, "op");
        client->setPositionsWanted(true);
        client->setStaleAfterSecs(60);
        client->setTrackWriteInterval(200);
        QSignalSpy fixes(client.get(), &SyncClient::positionsReceived);
        client->start();
        QVERIFY(waitFor([&] { return client->status().state == SyncState::Online; }));
        WireClient worker;
        QVERIFY(worker.open(m_server.url()));
        QVERIFY(worker.login("WG00001", "handheld-1"));
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        worker.send(Type::Position, { { "items", QJsonArray { QJsonObject { { "lon", 113.31 }, { "lat", 23.11 }, { "at", now - 120000 } },
                                                  QJsonObject { { "lon", 113.32 }, { "lat", 23.12 }, { "at", now } } } } });
        QVERIFY(waitFor([&] { return !client->livePositions().isEmpty(); }));
        const QList<WorkerFix> live = client->livePositions();
        QCOMPARE(live.size(), 1);
        QCOMPARE(live.first().position.lon, 113.32); // latest wins
        QVERIFY(!live.first().stale);
        QVERIFY(client->livePositions(QDateTime::currentDateTimeUtc().addSecs(120)).first().stale);
        // The replica records the track for replay, within the track's write interval.
        QList<RecordedFix> recorded;
        QVERIFY(waitFor([&] {
            recorded = recordedFixes(*store, { QStringLiteral("WG00001") }, 0, now + 1);
            return !recorded.isEmpty();
        }));
        QCOMPARE(recorded.last().atMs, now);
        QCOMPARE(recorded.last().pos.lon, 113.32);
        QVERIFY(recordedFixes(*store, { QStringLiteral("WG00002") }, 0, now + 1).isEmpty());
    }

    // A change batch that comes in while fixes flood in is applied without waiting for the
    // record of the fixes ahead of it: the track is written once per interval (here only
    // at stop()), and then holds every fix the thinner kept, in order, the newest last.
    void changesGoAheadOfTheTrackWrites()
    {
        auto store = newStore();
        auto client = newClient(*store, "op");
        client->setPositionsWanted(true);
        client->setTrackWriteInterval(3600 * 1000);
        QSignalSpy fixes(client.get(), &SyncClient::positionsReceived);
        client->start();
        QVERIFY(waitFor([&] { return client->status().state == SyncState::Online; }));
        WireClient worker;
        QVERIFY(worker.open(m_server.url()));
        QVERIFY(worker.login("WG00001", "handheld-3"));
        // One fix at a time, each 30 m on (the thinner keeps every one); the server sends a
        // desk only the newest fix of each of its flushes, so each waits for the last.
        QList<qint64> sent;
        for (int i = 0; i < 8; ++i) {
            const qint64 at = QDateTime::currentMSecsSinceEpoch();
            sent.append(at);
            const int before = int(fixes.count());
            worker.send(Type::Position, { { "items", QJsonArray { QJsonObject { { "lon", 113.30 + 0.0003 * i }, { "lat", 23.13 }, { "at", at } } } } });
            QVERIFY(waitFor([&] { return fixes.count() > before; }));
        }
        const qint64 other = takeRegistered("440199002");
        QVERIFY(other);
        WireClient desk;
        QVERIFY(desk.open(m_server.url()));
        QVERIFY(desk.login("op2", "other-desk-3"));
        desk.send(Type::Action, { { "clientSeq", 1 }, { "key", "other-desk-3-1" }, { "caseId", other }, { "seenVersion", 2 },
            { "action", "dispatch" }, { "targetKind", "department" }, { "target", "GA" } });
        QCOMPARE(desk.next("action_result")->value("status").toString(), "applied");
        QVERIFY(waitFor([&] { return store->caseById(other) && store->caseById(other)->holder == "GA"; }));
        // The change is in the replica; the fixes that came before it are not written yet.
        QVERIFY(recordedFixes(*store, { QStringLiteral("WG00001") }, sent.first(), sent.last() + 1).isEmpty());
        QCOMPARE(client->livePositions().size(), 1);
        QCOMPARE(client->livePositions().first().at.toMSecsSinceEpoch(), sent.last()); // the newest wins
        client->stop();
        const QList<RecordedFix> recorded = recordedFixes(*store, { QStringLiteral("WG00001") }, sent.first(), sent.last() + 1);
        QCOMPARE(recorded.size(), sent.size());
        for (int i = 0; i < sent.size(); ++i)
            QCOMPARE(recorded[i].atMs, sent[i]);
        QCOMPARE(recorded.last().pos.lon, 113.30 + 0.0003 * 7);
    }

    // The server keeps a thinned track of every worker; a desk that was not connected while
    // the worker walked fetches the period into its replica. Scope, bad periods and being
    // offline are refused with reasons. (After livePositionsGoStale: the server keeps a
    // worker's fixes only in time order, so this walk comes later.)
    void serverTrackIsFetchedIntoTheReplica()
    {
        WireClient worker;
        QVERIFY(worker.open(m_server.url()));
        QVERIFY(worker.login("WG00001", "handheld-2"));
        const qint64 start = QDateTime::currentMSecsSinceEpoch() + 1000;
        QJsonArray walk;
        // 30 m and 9 s apart: every fix is kept, and the last is within the 5 minutes ahead
        // of the server's clock that a fix may be.
        for (int i = 0; i < 30; ++i)
            walk.append(QJsonObject { { "lon", 113.30 + 0.0003 * i }, { "lat", 23.11 }, { "at", start + i * 9000 } });
        worker.send(Type::Position, { { "items", walk } });
        QTest::qWait(300);

        auto offlineStore = newStore();
        auto offline = newClient(*offlineStore, "op");
        QSignalSpy offlineFailed(offline.get(), &SyncClient::trackFailed);
        const int never = offline->requestTrack({ "WG00001" }, start, start + 700000);
        QVERIFY(waitFor([&] { return !offlineFailed.isEmpty(); }));
        QCOMPARE(offlineFailed.first().at(0).toInt(), never);
        QVERIFY(offlineFailed.first().at(1).toString().startsWith(QLatin1String("Offline")));

        auto store = newStore();
        auto client = newClient(*store, "op");
        QSignalSpy received(client.get(), &SyncClient::trackReceived);
        QSignalSpy failed(client.get(), &SyncClient::trackFailed);
        client->start();
        QVERIFY(waitFor([&] { return client->status().state == SyncState::Online; }));
        QVERIFY(recordedFixes(*store, { "WG00001" }, start, start + 700000).isEmpty());
        const int request = client->requestTrack({ "WG00001" }, start, start + 700000);
        QVERIFY(waitFor([&] { return !received.isEmpty() || !failed.isEmpty(); }));
        QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().at(1).toString()));
        QCOMPARE(received.first().at(0).toInt(), request);
        QCOMPARE(received.first().at(1).toInt(), 30);
        QCOMPARE(received.first().at(2).toBool(), false);
        const QList<RecordedFix> fetched = recordedFixes(*store, { "WG00001" }, start, start + 700000);
        QCOMPARE(fetched.size(), 30);
        QCOMPARE(fetched.first().atMs, start);
        QCOMPARE(fetched.last().atMs, start + 29 * 9000);
        QCOMPARE(fetched.last().pos.lon, 113.30 + 0.0003 * 29);
        // Asking again stores nothing twice.
        client->requestTrack({ "WG00001" }, start, start + 700000);
        QVERIFY(waitFor([&] { return received.size() == 2; }));
        QCOMPARE(recordedFixes(*store, { "WG00001" }, start, start + 700000).size(), 30);

        // A period that ends before it starts, or an unknown worker: refused with the reason.
        const int backwards = client->requestTrack({ "WG00001" }, start, start - 1);
        QVERIFY(waitFor([&] { return !failed.isEmpty(); }));
        QCOMPARE(failed.last().at(0).toInt(), backwards);
        const int nobody = client->requestTrack({ "NOBODY" }, start, start + 1000);
        QVERIFY(waitFor([&] { return failed.size() == 2; }));
        QCOMPARE(failed.last().at(0).toInt(), nobody);
        QVERIFY2(failed.last().at(1).toString().contains(QLatin1String("NOBODY")), qPrintable(failed.last().at(1).toString()));

        // Another street's operator may not follow WG00001 (the first street's grid worker).
        auto otherStore = newStore();
        auto other = newClient(*otherStore, "s2");
        QSignalSpy otherFailed(other.get(), &SyncClient::trackFailed);
        other->start();
        QVERIFY(waitFor([&] { return other->status().state == SyncState::Online; }));
        other->requestTrack({ "WG00001" }, start, start + 700000);
        QVERIFY(waitFor([&] { return !otherFailed.isEmpty(); }));
        QVERIFY2(otherFailed.first().at(1).toString().contains(QLatin1String("No field worker")), qPrintable(otherFailed.first().at(1).toString()));
        QVERIFY(recordedFixes(*otherStore, { "WG00001" }, start, start + 700000).isEmpty());
        other->stop();
        client->stop();
    }

    // A feedback with a photo, sent by a handheld, reaches the desk's replica as a thumbnail;
    // the full photo opens byte for byte from the server, the second time from the cache,
    // and offline only from the cache. A later snapshot brings the photo too; another
    // street's desk may not open it.
    void photosFromFeedbackReachTheReplica()
    {
        auto store = newStore();
        auto client = newClient(*store, "op");
        QSignalSpy ready(client.get(), &SyncClient::photoReady);
        QSignalSpy failed(client.get(), &SyncClient::photoFailed);
        QSignalSpy changed(client.get(), &SyncClient::casesChanged);
        client->start();
        QVERIFY(waitFor([&] { return client->status().state == SyncState::Online; }));

        QImage picture(800, 600, QImage::Format_RGB32);
        for (int y = 0; y < picture.height(); ++y)
            for (int x = 0; x < picture.width(); ++x)
                picture.setPixel(x, y, qRgb(x % 256, y % 256, (x * y) % 256));
        QByteArray jpeg;
        {
            QBuffer buffer(&jpeg);
            buffer.open(QIODevice::WriteOnly);
            QVERIFY(picture.save(&buffer, "JPEG", 80));
        }
        const qint64 id = takeRegistered("440199001");
        QVERIFY(id);
        WireClient desk, handheld;
        QVERIFY(desk.open(m_server.url()) && handheld.open(m_server.url()));
        QVERIFY(desk.login("op", "photo-desk"));
        QVERIFY(handheld.login("WG00001", "photo-handheld"));
        desk.send(Type::Action, { { "clientSeq", 1 }, { "key", "pd-1" }, { "action", "dispatch" }, { "caseId", id },
            { "seenVersion", 2 }, { "targetKind", "worker" }, { "target", "WG00001" } });
        QCOMPARE(desk.next("action_result")->value("status").toString(), "applied");
        handheld.send(Type::Action, { { "clientSeq", 1 }, { "key", "ph-1" }, { "action", "accept" }, { "caseId", id }, { "seenVersion", 3 } });
        QCOMPARE(handheld.next("action_result")->value("status").toString(), "applied");
        handheld.send(Type::Action, { { "clientSeq", 2 }, { "key", "ph-2" }, { "action", "feedback" }, { "caseId", id },
            { "seenVersion", 4 }, { "note", "已清理" },
            { "photos", QJsonArray { QJsonObject { { "mime", "image/jpeg" }, { "data", QString::fromLatin1(jpeg.toBase64()) } } } } });
        QCOMPARE(handheld.next("action_result")->value("status").toString(), "applied");

        QVERIFY(waitFor([&] { return store->photosFor(id).size() == 1; }));
        QCOMPARE(store->caseById(id)->state, CaseState::FedBack);
        const CasePhoto photo = store->photosFor(id).first();
        QCOMPARE(photo.width, 800);
        QCOMPARE(photo.height, 600);
        QCOMPARE(photo.bytes, jpeg.size());
        QCOMPARE(photo.mime, QStringLiteral("image/jpeg"));
        const QImage thumbnail = QImage::fromData(photo.thumbnail, "JPEG");
        QCOMPARE(thumbnail.size(), QSize(160, 120));
        QVERIFY(photo.eventId > 0);
        bool eventStored = false;
        for (const CaseEvent& e : store->eventsFor(id))
            eventStored = eventStored || (e.id == photo.eventId && e.action == CaseAction::Feedback);
        QVERIFY(eventStored);
        QVERIFY(waitFor([&] {
            for (const QList<QVariant>& args : changed)
                if (args.at(0).value<QList<qint64>>().contains(id))
                    return true;
            return false;
        }));

        // The full photo: from the server first, byte for byte, never inside the call.
        client->requestPhoto(photo.id);
        QCOMPARE(ready.count(), 0);
        QVERIFY(waitFor([&] { return ready.count() == 1; }));
        QCOMPARE(ready.at(0).at(0).toLongLong(), photo.id);
        QCOMPARE(ready.at(0).at(1).toByteArray(), jpeg);
        QCOMPARE(ready.at(0).at(2).toString(), QStringLiteral("image/jpeg"));
        QCOMPARE(ready.at(0).at(3).toBool(), false);
        QCOMPARE(store->photoCacheUsage().entries, 1);
        // Then from the cache.
        client->requestPhoto(photo.id);
        QCOMPARE(ready.count(), 1);
        QVERIFY(waitFor([&] { return ready.count() == 2; }));
        QCOMPARE(ready.at(1).at(1).toByteArray(), jpeg);
        QCOMPARE(ready.at(1).at(3).toBool(), true);
        // A photo the server does not have.
        client->requestPhoto(photo.id + 100000);
        QVERIFY(waitFor([&] { return failed.count() == 1; }));
        QCOMPARE(failed.at(0).at(0).toLongLong(), photo.id + 100000);
        QVERIFY(!failed.at(0).at(1).toString().isEmpty());

        // Another street's desk may not open it.
        auto otherStore = newStore();
        auto other = newClient(*otherStore, "s2");
        QSignalSpy otherFailed(other.get(), &SyncClient::photoFailed);
        other->start();
        QVERIFY(waitFor([&] { return other->status().state == SyncState::Online; }));
        QVERIFY(otherStore->photosFor(id).isEmpty());
        other->requestPhoto(photo.id);
        QVERIFY(waitFor([&] { return otherFailed.count() == 1; }));
        QVERIFY2(otherFailed.at(0).at(1).toString().contains(QLatin1String("has no photo")),
            qPrintable(otherFailed.at(0).at(1).toString()));
        other->stop();

        // A fresh replica gets the photo with the snapshot.
        auto freshStore = newStore();
        auto fresh = newClient(*freshStore, "s1");
        QSignalSpy freshApplied(fresh.get(), &SyncClient::snapshotApplied);
        fresh->start();
        QVERIFY(waitFor([&] { return freshApplied.count() == 1; }));
        QCOMPARE(freshStore->photosFor(id).size(), 1);
        QCOMPARE(freshStore->photosFor(id).first().thumbnail, photo.thumbnail);
        QCOMPARE(freshStore->photosFor(id).first().eventId, photo.eventId);
        fresh->stop();

        // Offline: the cached photo still opens; another one says why it cannot.
        m_server.stop();
        QVERIFY(waitFor([&] { return client->status().state != SyncState::Online; }));
        client->requestPhoto(photo.id);
        QVERIFY(waitFor([&] { return ready.count() == 3; }));
        QCOMPARE(ready.at(2).at(1).toByteArray(), jpeg);
        QCOMPARE(ready.at(2).at(3).toBool(), true);
        client->requestPhoto(photo.id + 1);
        QVERIFY(waitFor([&] { return failed.count() == 2; }));
        QVERIFY2(failed.at(1).at(1).toString().startsWith(QLatin1String("Offline")), qPrintable(failed.at(1).at(1).toString()));
        client->stop();
        QVERIFY(restartServer());
    }

    // An action too large for one message never enters the outbox, where the server would
    // refuse it on every reconnect.
    void oversizedActionIsRefusedBeforeTheOutbox()
    {
        auto store = newStore();
        auto client = newClient(*store, "op");
        QJsonArray photos;
        for (int i = 0; i < 3; ++i)
            photos.append(QJsonObject { { "mime", "image/jpeg" }, { "data", QString::fromLatin1(QByteArray(kMaxPhotoBytes, char('a' + i)).toBase64()) } });
        const std::optional<qint64> seq = client->queueAction("feedback", 1, 1, { { "photos", photos } });
        QVERIFY(!seq);
        QVERIFY(client->status().lastError.contains(QLatin1String("too large")));
        QVERIFY(store->pendingOutbox().isEmpty());
        // Two such photos fit in one message.
        photos.removeLast();
        QVERIFY(client->queueAction("feedback", 1, 1, { { "photos", photos } }));
        QCOMPARE(store->pendingOutbox().size(), 1);
    }

    // Last: it rewrites every case. Snapshot chunks far over Qt's 512 KiB default frame,
    // full of three-byte characters, arrive whole (a message split into frames mid-character
    // is refused by Qt 6.4's per-frame UTF-8 check).
    void largeChineseSnapshotArrives()
    {
        m_server.stop();
        const QString text = QString(1300, QChar(0x5360)); // 占 × 1300 = 3.9 KB per case
        sqlite3* h = nullptr;
        QCOMPARE(sqlite3_open(m_db.toUtf8().constData(), &h), SQLITE_OK);
        sqlite3_stmt* q = nullptr;
        QCOMPARE(sqlite3_prepare_v2(h, "UPDATE cases SET description = ?1", -1, &q, nullptr), SQLITE_OK);
        const QByteArray utf8 = text.toUtf8();
        sqlite3_bind_text(q, 1, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
        QCOMPARE(sqlite3_step(q), SQLITE_DONE);
        sqlite3_finalize(q);
        sqlite3_close(h);
        const qint64 cases = serverCount(m_db, "SELECT count(*) FROM cases");
        QVERIFY2(cases * utf8.size() > 3 * 1024 * 1024, "the cases must need several large chunks");
        QVERIFY(restartServer());

        auto store = newStore();
        auto client = newClient(*store, "op");
        QSignalSpy applied(client.get(), &SyncClient::snapshotApplied);
        client->start();
        QVERIFY(waitFor([&] { return applied.count() == 1; }));
        QCOMPARE(qint64(store->counts().cases), cases);
        QCOMPARE(store->caseById(m_registered.isEmpty() ? 1 : m_registered.first().first)->description, text);
    }
};

QTEST_GUILESS_MAIN(TestSyncClient)
#include "tst_syncclient.moc"
