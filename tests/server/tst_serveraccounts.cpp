// Accounts, session tokens, database file modes and TLS of the real gridhall-server
// (docs/SECURITY.md): the server process on loopback, its database read with SQLite
// directly, certificates made with the openssl command and refused handshakes tried with
// openssl s_client.
#include "serverharness.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QFile>
#include <QPasswordDigestor>
#include <QSslCertificate>
#include <QSslCipher>
#include <QSslConfiguration>
#include <QTemporaryDir>
#include <sqlite3.h>
#include <sys/stat.h>

using namespace gridhall;
using namespace gridhall::protocol;
using namespace gridhall::testing;

namespace {
// Every cell of every row a query returns, as text.
QList<QStringList> query(const QString& db, const QString& sql)
{
    QList<QStringList> rows;
    sqlite3* h = nullptr;
    if (sqlite3_open_v2(db.toUtf8().constData(), &h, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
        sqlite3_busy_timeout(h, 5000);
        sqlite3_stmt* q = nullptr;
        if (sqlite3_prepare_v2(h, sql.toUtf8().constData(), -1, &q, nullptr) == SQLITE_OK) {
            while (sqlite3_step(q) == SQLITE_ROW) {
                QStringList row;
                for (int c = 0; c < sqlite3_column_count(q); ++c)
                    row.append(QString::fromUtf8(reinterpret_cast<const char*>(sqlite3_column_text(q, c))));
                rows.append(row);
            }
        } else {
            qWarning() << "query failed:" << sqlite3_errmsg(h) << sql;
        }
        sqlite3_finalize(q);
    }
    sqlite3_close(h);
    return rows;
}

bool execSql(const QString& db, const char* sql)
{
    sqlite3* h = nullptr;
    bool ok = sqlite3_open_v2(db.toUtf8().constData(), &h, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK;
    char* message = nullptr;
    ok = ok && sqlite3_exec(h, sql, nullptr, nullptr, &message) == SQLITE_OK;
    if (message)
        qWarning() << "sql failed:" << message;
    sqlite3_free(message);
    sqlite3_close(h);
    return ok;
}

int modeOf(const QString& path)
{
    struct stat st;
    return ::stat(QFile::encodeName(path).constData(), &st) == 0 ? int(st.st_mode & 0777) : -1;
}

QByteArray fileBytes(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// A command that must end by itself, quickly (the old server would have kept serving).
struct Ended {
    int exitCode = -1; // -1: still running after the timeout (then killed)
    QString output;
};
Ended runBriefly(const QString& program, const QStringList& args, int timeoutMs = 10000, const QProcessEnvironment& env = {})
{
    QProcess p;
    if (!env.isEmpty())
        p.setProcessEnvironment(env);
    p.start(program, args);
    Ended e;
    if (!p.waitForStarted(10000))
        return e;
    p.closeWriteChannel();
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished(5000);
        e.output = QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError());
        return e;
    }
    e.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    e.output = QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError());
    return e;
}

// Logs in (password or token) and says how it went: "welcome" or the error's code.
QString loginResult(const QUrl& url, const QJsonObject& credentials, QJsonObject* welcome = nullptr,
    const QSslConfiguration* tls = nullptr)
{
    WireClient c;
    if (tls)
        c.socket().setSslConfiguration(*tls);
    if (!c.open(url))
        return QStringLiteral("no connection");
    QJsonObject o = credentials;
    o.insert("clientId", QStringLiteral("acct-%1").arg(QDateTime::currentMSecsSinceEpoch()));
    c.send(Type::Login, o);
    QDeadlineTimer deadline(20000);
    while (!deadline.hasExpired()) {
        for (const QJsonObject& m : std::as_const(c.received())) {
            if (m.value("type") == "welcome") {
                if (welcome)
                    *welcome = m;
                return QStringLiteral("welcome");
            }
            if (m.value("type") == "error")
                return m.value("code").toString();
        }
        if (c.closed())
            return QStringLiteral("closed");
        QTest::qWait(10);
    }
    return QStringLiteral("timeout");
}

QString passwordLogin(const QUrl& url, const QString& user, const QString& password, QJsonObject* welcome = nullptr)
{
    return loginResult(url, { { "user", user }, { "password", password } }, welcome);
}

QString tokenLogin(const QUrl& url, const QString& token)
{
    return loginResult(url, { { "token", token } });
}

QString sha256Hex(const QString& text)
{
    return QString::fromLatin1(QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Sha256).toHex());
}
} // namespace

class TestServerAccounts : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_template; // the demo district with the test users, made once
    int m_copies = 0;
    bool m_certs = false;

    QString path(const QString& name) const { return m_dir.filePath(name); }

    // A database of its own for one test: a copy of the template, with its audit key.
    QString freshDb()
    {
        const QString db = path(QStringLiteral("db-%1.sqlite").arg(++m_copies));
        for (const char* suffix : { ".audit-key", ".audit-key.checkpoints" })
            if (QFile::exists(m_template + suffix) && !QFile::copy(m_template + suffix, db + suffix))
                return {};
        return QFile::copy(m_template, db) ? db : QString();
    }

    int addUser(const QString& db, const QStringList& args, const QString& password = {}, QByteArray* output = nullptr)
    {
        return runServerCommand(QStringList { "add-user", "--db", db } + args, password.isNull() ? QByteArray() : password.toUtf8() + "\n", output);
    }

    bool openssl(const QStringList& args)
    {
        QProcess p;
        p.setWorkingDirectory(m_dir.path());
        p.start(QStringLiteral("openssl"), args);
        if (!p.waitForFinished(30000) || p.exitCode() != 0) {
            qWarning() << "openssl" << args << p.readAllStandardError();
            return false;
        }
        return true;
    }

    // A root CA, an intermediate CA and an EC server certificate for 127.0.0.1 signed by
    // the intermediate; an RSA server certificate signed by the root; a stray EC key.
    bool makeCertificates()
    {
        QFile ca(path("ca.ext")), leaf(path("leaf.ext"));
        if (!ca.open(QIODevice::WriteOnly) || !leaf.open(QIODevice::WriteOnly))
            return false;
        ca.write("basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n");
        leaf.write("basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\n"
                   "extendedKeyUsage=serverAuth\nsubjectAltName=IP:127.0.0.1\n");
        ca.close();
        leaf.close();
        const QStringList ec { "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes" };
        return openssl(QStringList { "req", "-x509" } + ec + QStringList { "-keyout", "root.key", "-out", "root.pem", "-days", "2", "-subj", "/CN=GridHall Test Root",
                   "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign" })
            && openssl(QStringList { "req" } + ec + QStringList { "-keyout", "inter.key", "-out", "inter.csr", "-subj", "/CN=GridHall Test Intermediate" })
            && openssl({ "x509", "-req", "-in", "inter.csr", "-CA", "root.pem", "-CAkey", "root.key", "-CAcreateserial", "-out", "inter.pem", "-days", "2", "-extfile", "ca.ext" })
            && openssl(QStringList { "req" } + ec + QStringList { "-keyout", "leaf-ec.key", "-out", "leaf-ec.csr", "-subj", "/CN=127.0.0.1" })
            && openssl({ "x509", "-req", "-in", "leaf-ec.csr", "-CA", "inter.pem", "-CAkey", "inter.key", "-CAcreateserial", "-out", "leaf-ec.pem", "-days", "2", "-extfile", "leaf.ext" })
            && openssl({ "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "leaf-rsa.key", "-out", "leaf-rsa.csr", "-subj", "/CN=127.0.0.1" })
            && openssl({ "x509", "-req", "-in", "leaf-rsa.csr", "-CA", "root.pem", "-CAkey", "root.key", "-CAcreateserial", "-out", "leaf-rsa.pem", "-days", "2", "-extfile", "leaf.ext" })
            && openssl({ "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "stray.key" })
            && QFile::copy(path("leaf-ec.pem"), path("chain.pem"))
            && [this] {
                   QFile chain(path("chain.pem"));
                   return chain.open(QIODevice::Append) && chain.write(fileBytes(path("inter.pem"))) > 0;
               }();
    }

    // openssl s_client against the server: true when the handshake completed. The client's
    // own configuration is emptied and its security level lowered, so that what it offers
    // is refused by the server, not by the client itself.
    bool handshake(quint16 port, const QStringList& options, QString* output)
    {
        QFile empty(path("empty-openssl.cnf"));
        if (!empty.exists() && empty.open(QIODevice::WriteOnly))
            empty.close();
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("OPENSSL_CONF", empty.fileName());
        const Ended e = runBriefly(QStringLiteral("openssl"),
            QStringList { "s_client", "-connect", QStringLiteral("127.0.0.1:%1").arg(port) } + options, 10000, env);
        *output = e.output;
        return e.exitCode == 0 && !e.output.contains(QLatin1String("Cipher is (NONE)"));
    }

private slots:
    void initTestCase()
    {
        // Files made with the usual umask: the server, not the umask, must keep them private.
        ::umask(022);
        QVERIFY(m_dir.isValid());
        m_template = path("template.sqlite");
        QVERIFY(makeDemoDb(m_template));
        m_certs = makeCertificates();
        QVERIFY(m_certs);
    }

    // The database keeps SHA-256(token), never the token: no stored value logs in.
    void tokensAreStoredHashed()
    {
        const QString db = freshDb();
        ServerProcess server;
        QVERIFY(server.start(db));
        QJsonObject welcome;
        QCOMPARE(passwordLogin(server.url(), "op", kTestPassword, &welcome), "welcome");
        const QString token = welcome.value("token").toString();
        QVERIFY(token.size() >= 32);
        const QList<QStringList> rows = query(db, "SELECT * FROM tokens");
        QVERIFY(!rows.isEmpty());
        bool hashFound = false;
        for (const QStringList& row : rows) {
            QVERIFY2(!row.contains(token), qPrintable(row.join(' ')));
            hashFound = hashFound || row.contains(sha256Hex(token));
        }
        QVERIFY2(hashFound, "the token's SHA-256 is not in the tokens table");
        for (const QStringList& row : rows)
            for (const QString& cell : row)
                if (cell.size() >= 32)
                    QCOMPARE(tokenLogin(server.url(), cell), err::BadCredentials);
        QVERIFY(!fileBytes(db).contains(token.toLatin1()));
        QVERIFY(!fileBytes(db + "-wal").contains(token.toLatin1()));
        QCOMPARE(tokenLogin(server.url(), token), "welcome");
    }

    // A database from before: plaintext tokens are dropped (they may have been read from
    // the old 0644 file) and wiped from the file; users get the disabled column.
    void oldPlaintextTokensAreDropped()
    {
        const QString db = freshDb();
        const QByteArray old = QByteArray(64, 'a') + "0123456789";
        const QByteArray sql = "DROP TABLE tokens; CREATE TABLE tokens (token TEXT PRIMARY KEY NOT NULL, user TEXT NOT NULL, expires_at INTEGER NOT NULL);"
                               "INSERT INTO tokens VALUES ('" + old + "', 'op', " + QByteArray::number(QDateTime::currentMSecsSinceEpoch() + 3600000) + ");";
        QVERIFY(execSql(db, sql.constData()));
        if (query(db, "SELECT count(*) FROM pragma_table_info('users') WHERE name = 'disabled'").value(0).value(0) == "1")
            QVERIFY(execSql(db, "ALTER TABLE users DROP COLUMN disabled"));
        QVERIFY(fileBytes(db).contains(old) || fileBytes(db + "-wal").contains(old));
        ServerProcess server;
        QVERIFY(server.start(db));
        QCOMPARE(tokenLogin(server.url(), QString::fromLatin1(old)), err::BadCredentials);
        QCOMPARE(query(db, "SELECT count(*) FROM pragma_table_info('users') WHERE name = 'disabled'").value(0).value(0), "1");
        QCOMPARE(query(db, "SELECT count(*) FROM pragma_table_info('tokens') WHERE name = 'token'").value(0).value(0), "0");
        QVERIFY(!fileBytes(db).contains(old));
        QVERIFY(!fileBytes(db + "-wal").contains(old));
        QCOMPARE(passwordLogin(server.url(), "op", kTestPassword), "welcome");
    }

    // Tokens are written through (commitSessions, before the welcome): tokens sent in
    // welcomes right before a SIGKILL log in after the restart.
    void tokensSurviveAKill()
    {
        const QString db = freshDb();
        ServerProcess server;
        QVERIFY(server.start(db));
        QStringList tokens;
        for (const char* user : { "op", "op2", "boss" }) {
            QJsonObject welcome;
            QCOMPARE(passwordLogin(server.url(), user, kTestPassword, &welcome), "welcome");
            tokens.append(welcome.value("token").toString());
        }
        server.kill();
        ServerProcess again;
        QVERIFY(again.start(db));
        for (const QString& token : std::as_const(tokens))
            QCOMPARE(tokenLogin(again.url(), token), "welcome");
    }

    void changesRevokeTokens_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("newPassword"); // "" when the user cannot log in at all
        const QString fresh = QStringLiteral("Fresh-Pass-77");
        QTest::addRow("password reset") << QStringList { "--user", "s1", "--reset-password", "--iterations", "1000" } << fresh << fresh;
        QTest::addRow("disabled") << QStringList { "--user", "s1", "--disable" } << QString() << QString();
        QTest::addRow("role") << QStringList { "--user", "s1", "--role", "supervisor", "--street", "440199001", "--iterations", "1000" } << fresh << fresh;
        QTest::addRow("scope") << QStringList { "--user", "s1", "--role", "street_operator", "--street", "440199002", "--iterations", "1000" } << fresh << fresh;
    }

    // Password, role, scope changes and disabling end the user's tokens, not others'.
    void changesRevokeTokens()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, input);
        QFETCH(QString, newPassword);
        const QString db = freshDb();
        ServerProcess server;
        QVERIFY(server.start(db));
        QJsonObject mine, other;
        QCOMPARE(passwordLogin(server.url(), "s1", kTestPassword, &mine), "welcome");
        QCOMPARE(passwordLogin(server.url(), "op", kTestPassword, &other), "welcome");
        QByteArray output;
        QCOMPARE(addUser(db, args, input, &output), 0);
        QVERIFY2(output.contains("tokens are revoked"), output.constData());
        QCOMPARE(tokenLogin(server.url(), mine.value("token").toString()), err::BadCredentials);
        QCOMPARE(tokenLogin(server.url(), other.value("token").toString()), "welcome");
        QCOMPARE(query(db, "SELECT count(*) FROM tokens WHERE user = 's1'").value(0).value(0), "0");
        if (!newPassword.isEmpty())
            QCOMPARE(passwordLogin(server.url(), "s1", newPassword), "welcome");
    }

    // A disabled user's password no longer logs in; --enable lets it in again. Both are
    // audited as the OS user, locally, and the entries verify with the audit key.
    void disabledUserCannotLogIn()
    {
        const QString db = freshDb();
        QCOMPARE(addUser(db, { "--user", "lead", "--disable" }), 0);
        QCOMPARE(query(db, "SELECT disabled FROM users WHERE name = 'lead'").value(0).value(0), "1");
        // Only an existing user can be disabled.
        QCOMPARE(addUser(db, { "--user", "nobody", "--disable" }), 1);
        {
            ServerProcess server;
            QVERIFY(server.start(db));
            QCOMPARE(passwordLogin(server.url(), "lead", kTestPassword), err::BadCredentials);
            QCOMPARE(addUser(db, { "--user", "lead", "--enable" }), 0);
            QCOMPARE(passwordLogin(server.url(), "lead", kTestPassword), "welcome");
        }
        const QList<QStringList> audit = query(db, "SELECT client, action, result, peer, user FROM audit WHERE client = 'add-user:lead' ORDER BY seq");
        QCOMPARE(audit.size(), 3); // makeDemoDb's user_add first
        QCOMPARE(audit.at(0).mid(0, 4), (QStringList { "add-user:lead", "user_add", "applied", "local" }));
        QCOMPARE(audit.at(1).mid(0, 4), (QStringList { "add-user:lead", "user_disable", "applied", "local" }));
        QCOMPARE(audit.at(2).mid(0, 4), (QStringList { "add-user:lead", "user_enable", "applied", "local" }));
        QVERIFY(!audit.at(1).at(4).isEmpty());
        QByteArray output;
        QCOMPARE(runServerCommand({ "verify-audit", "--db", db }, {}, &output), 0);
        QVERIFY2(output.contains("audit intact"), output.constData());
    }

    void passwordPolicy_data()
    {
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("password");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        QTest::addRow("9 characters") << "carol" << "Abcdef-12" << 2 << "at least 10 characters";
        QTest::addRow("two kinds") << "carol" << "abcdefgh1234" << 2 << "at least three";
        QTest::addRow("letters only") << "carol" << "abcdeFGHIJK" << 2 << "at least three";
        QTest::addRow("the user name") << "carol" << "xCAROL-2026a" << 2 << "user name";
        QTest::addRow("upper lower digits") << "carol" << "Abcdefgh12" << 0 << "";
        QTest::addRow("lower digits other") << "carol" << "abc-def-12" << 0 << "";
        QTest::addRow("CJK counts as other") << "carol" << QString::fromUtf8("网格abcdef12") << 0 << "";
    }

    void passwordPolicy()
    {
        QFETCH(QString, user);
        QFETCH(QString, password);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        static const QString db = freshDb();
        QByteArray output;
        QCOMPARE(addUser(db, { "--user", user, "--role", "leader", "--iterations", "1000" }, password, &output), exitCode);
        QVERIFY2(output.contains(message.toUtf8()), output.constData());
        if (exitCode == 0)
            QCOMPARE(query(db, QStringLiteral("SELECT count(*) FROM users WHERE name = '%1'").arg(user)).value(0).value(0), "1");
    }

    // The same rules for --reset-password and --all-workers (no worker code inside); the
    // iteration count has a floor.
    void passwordPolicyEverywhere()
    {
        const QString db = freshDb();
        QByteArray output;
        QCOMPARE(addUser(db, { "--user", "op", "--reset-password", "--iterations", "1000" }, "password", &output), 2);
        QVERIFY2(output.contains("at least 10 characters"), output.constData());
        QCOMPARE(addUser(db, { "--all-workers", "--iterations", "1000" }, "pw", &output), 2);
        QCOMPARE(addUser(db, { "--all-workers", "--iterations", "1000" }, "wg00001-Hall-x", &output), 2);
        QVERIFY2(output.contains("WG00001"), output.constData());
        QCOMPARE(addUser(db, { "--user", "dora", "--role", "leader", "--iterations", "999" }, kTestPassword, &output), 2);
        QCOMPARE(addUser(db, { "--user", "op", "--reset-password", "--role", "leader" }, kTestPassword, &output), 2);
        QCOMPARE(addUser(db, { "--user", "op", "--disable", "--enable" }, {}, &output), 2);
        QCOMPARE(query(db, "SELECT count(*) FROM users WHERE name = 'dora' OR name = 'WG00002'").value(0).value(0), "0");
    }

    // 600,000 PBKDF2-SHA256 rounds by default, and the bytes of Qt's PBKDF2 (the hashes of
    // existing users keep verifying) for a long non-ASCII password too.
    void hashMatchesQtsPbkdf2()
    {
        const QString db = freshDb();
        const QString longPassword = QString::fromUtf8("长密码-") + QString(70, QLatin1Char('x')) + QStringLiteral("Z9");
        QCOMPARE(addUser(db, { "--user", "longpw", "--role", "leader", "--iterations", "1000" }, longPassword), 0);
        QElapsedTimer t;
        t.start();
        QCOMPARE(addUser(db, { "--user", "dflt", "--role", "leader" }, kTestPassword), 0);
        const qint64 addMs = t.elapsed();
        for (const auto& [user, password] : { std::pair { QStringLiteral("longpw"), longPassword }, std::pair { QStringLiteral("dflt"), kTestPassword } }) {
            const QStringList row = query(db, QStringLiteral("SELECT hex(salt), hex(hash), iterations FROM users WHERE name = '%1'").arg(user)).value(0);
            QCOMPARE(row.size(), 3);
            const QByteArray qt = QPasswordDigestor::deriveKeyPbkdf2(QCryptographicHash::Sha256, password.toUtf8(),
                QByteArray::fromHex(row.at(0).toLatin1()), row.at(2).toInt(), 32);
            QCOMPARE(row.at(1).toLower(), QString::fromLatin1(qt.toHex()));
        }
        QCOMPARE(query(db, "SELECT iterations FROM users WHERE name = 'dflt'").value(0).value(0), "600000");
        ServerProcess server;
        QVERIFY(server.start(db));
        t.restart();
        QCOMPARE(passwordLogin(server.url(), "dflt", kTestPassword), "welcome");
        qInfo("add-user at 600000 rounds: %lld ms; a password login with them: %lld ms", addMs, t.elapsed());
    }

    // The database, its WAL and shared memory are the server's alone: made 0600, and
    // tightened (with a warning) when found readable by others.
    void databaseFilesAreOwnerOnly()
    {
        QCOMPARE(modeOf(m_template), 0600);
        const QString db = freshDb();
        for (const char* suffix : { "-wal", "-shm" }) {
            QFile f(db + suffix);
            QVERIFY(f.open(QIODevice::WriteOnly));
        }
        for (const char* suffix : { "", "-wal", "-shm" })
            QVERIFY(::chmod(QFile::encodeName(db + suffix).constData(), 0644) == 0);
        ServerProcess server;
        QVERIFY(server.start(db));
        QCOMPARE(passwordLogin(server.url(), "op", kTestPassword), "welcome");
        for (const char* suffix : { "", "-wal", "-shm" })
            QVERIFY2(modeOf(db + suffix) == 0600, suffix);
        QVERIFY(server.stderrText().contains("now 0600"));
        // A database's new WAL and shared memory take its mode.
        const QString other = freshDb();
        QVERIFY(!QFile::exists(other + "-wal"));
        ServerProcess second;
        QVERIFY(second.start(other));
        QCOMPARE(passwordLogin(second.url(), "op", kTestPassword), "welcome");
        for (const char* suffix : { "", "-wal", "-shm" })
            QVERIFY2(modeOf(other + suffix) == 0600, suffix);
    }

    // An EC certificate issued by an intermediate: the server sends the chain, so a client
    // that trusts only the root connects and logs in, over TLS 1.2+ with an AEAD cipher.
    void tlsWithAnEcChain()
    {
        QVERIFY(m_certs);
        const QString db = freshDb();
        ServerProcess server;
        QVERIFY(server.start(db, 0, { "--tls-cert", path("chain.pem"), "--tls-key", path("leaf-ec.key") }));
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setCaCertificates(QSslCertificate::fromPath(path("root.pem")));
        const QUrl url(QStringLiteral("wss://127.0.0.1:%1/").arg(server.port()));
        WireClient c;
        c.socket().setSslConfiguration(tls);
        QVERIFY(c.open(url));
        QVERIFY(c.login("op", "tls-1"));
        const QSslConfiguration used = c.socket().sslConfiguration();
        QVERIFY(used.sessionProtocol() == QSsl::TlsV1_2 || used.sessionProtocol() == QSsl::TlsV1_3);
        QVERIFY2(used.sessionCipher().encryptionMethod().contains("GCM") || used.sessionCipher().encryptionMethod().contains("CHACHA20"),
            qPrintable(used.sessionCipher().name()));
        QCOMPARE(used.peerCertificateChain().size(), 2);
    }

    // Old protocols, RSA key exchange and CBC ciphers are refused; TLS 1.3 and ECDHE with
    // AES-GCM or ChaCha20-Poly1305 are taken (an RSA certificate: it would allow them all).
    void tlsRefusesWeakHandshakes()
    {
        QVERIFY(m_certs);
        const QString db = freshDb();
        ServerProcess server;
        QVERIFY(server.start(db, 0, { "--tls-cert", path("leaf-rsa.pem"), "--tls-key", path("leaf-rsa.key") }));
        struct Try {
            QStringList options;
            bool accepted;
        };
        const Try tries[] = {
            { { "-tls1_3" }, true },
            { { "-tls1_2", "-cipher", "ECDHE-RSA-AES128-GCM-SHA256:@SECLEVEL=0" }, true },
            { { "-tls1_2", "-cipher", "ECDHE-RSA-CHACHA20-POLY1305:@SECLEVEL=0" }, true },
            { { "-tls1_2", "-cipher", "AES128-SHA:@SECLEVEL=0" }, false },
            { { "-tls1_2", "-cipher", "AES128-GCM-SHA256:@SECLEVEL=0" }, false },
            { { "-tls1_2", "-cipher", "ECDHE-RSA-AES128-SHA256:@SECLEVEL=0" }, false },
            { { "-tls1_1", "-cipher", "DEFAULT:@SECLEVEL=0" }, false },
        };
        for (const Try& t : tries) {
            QString output;
            const bool done = handshake(server.port(), t.options, &output);
            QVERIFY2(done == t.accepted, qPrintable(t.options.join(' ') + "\n" + output.left(1500)));
        }
    }

    void tlsFileErrors()
    {
        QVERIFY(m_certs);
        const QString db = freshDb();
        const QString serve = serverBinary();
        auto serveWith = [&](const QString& cert, const QString& key) {
            return runBriefly(serve, { "serve", "--db", db, "--listen", "127.0.0.1:0", "--tls-cert", cert, "--tls-key", key });
        };
        Ended e = serveWith(path("missing.pem"), path("leaf-ec.key"));
        QCOMPARE(e.exitCode, 2);
        QVERIFY2(e.output.contains("missing.pem"), qPrintable(e.output));
        e = serveWith(path("leaf-ec.key"), path("leaf-ec.key"));
        QCOMPARE(e.exitCode, 2);
        QVERIFY2(e.output.contains("No PEM certificate"), qPrintable(e.output));
        e = serveWith(path("chain.pem"), path("stray.key"));
        QCOMPARE(e.exitCode, 2);
        QVERIFY2(e.output.contains("does not match"), qPrintable(e.output));
        e = serveWith(path("chain.pem"), path("leaf-ec.csr"));
        QCOMPARE(e.exitCode, 2);
        QVERIFY2(e.output.contains("private key"), qPrintable(e.output));
    }

    // Beyond loopback, ws:// only with --insecure (and a warning). Nothing is sent to the
    // wildcard address: the accepted case only listens.
    void nonLoopbackNeedsTls()
    {
        const QString db = freshDb();
        const Ended refused = runBriefly(serverBinary(), { "serve", "--db", db, "--listen", "0.0.0.0:0" });
        QCOMPARE(refused.exitCode, 2);
        QVERIFY2(refused.output.contains("--insecure"), qPrintable(refused.output));

        QProcess p;
        p.start(serverBinary(), { "serve", "--db", db, "--listen", "0.0.0.0:0", "--insecure" });
        QVERIFY(p.waitForStarted(10000));
        QByteArray seen;
        QDeadlineTimer deadline(15000);
        while (!seen.contains("listening on 0.0.0.0:") && !deadline.hasExpired() && p.state() == QProcess::Running) {
            p.waitForReadyRead(200);
            seen += p.readAllStandardOutput();
        }
        QVERIFY2(seen.contains("listening on 0.0.0.0:"), seen.constData());
        p.terminate();
        QVERIFY(p.waitForFinished(10000));
        QVERIFY(p.readAllStandardError().contains("without TLS"));
    }
};

QTEST_MAIN(TestServerAccounts)
#include "tst_serveraccounts.moc"
