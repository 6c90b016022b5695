// serve --config FILE with the real gridhall-server: the shipped deploy/server.conf is
// valid, the file's settings apply, the command line wins over them, and a bad file is
// refused with its file and line named (exit 2) before anything opens.
#include "serverharness.h"

#include <QTemporaryDir>

using namespace gridhall;
using namespace gridhall::testing;

class TestServerConfig : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_db;

    QString writeConfig(const QString& name, const QByteArray& text)
    {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write(text) != text.size())
            return {};
        return path;
    }

    // Starts serve with these arguments, waits for its "listening on" line and stops it;
    // the output until then, or "" when it did not listen.
    QByteArray serveOnce(const QStringList& args)
    {
        QProcess p;
        p.start(serverBinary(), QStringList { "serve" } + args);
        QByteArray seen;
        const bool listening = waitForOutput(p, QRegularExpression("listening on "), &seen).hasMatch();
        p.terminate();
        p.waitForFinished(10000);
        seen += p.readAllStandardOutput();
        if (!listening)
            qWarning("serve did not listen: %s %s", seen.constData(), p.readAllStandardError().constData());
        return listening ? seen : QByteArray();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_db = m_dir.filePath("server.db");
        QVERIFY(makeDemoDb(m_db));
    }

    void shippedFileIsValid()
    {
        // Every key of deploy/server.conf is known and its values pass; the command line
        // points it at this test's database and free ports.
        const QByteArray out = serveOnce({ "--config", QStringLiteral(GRIDHALL_SOURCE_DIR "/deploy/server.conf"), "--db", m_db,
            "--listen", "127.0.0.1:0", "--metrics", "127.0.0.1:0" });
        QVERIFY(out.contains("metrics on 127.0.0.1:"));
    }

    void fileSettingsApplyAndCommandLineWins()
    {
        const QString config = writeConfig("a.conf",
            "# a hall\n\n  listen = 127.0.0.1:0\ndb = " + m_db.toUtf8() + "\nmetrics = 127.0.0.1:0\ntrack-days = 7\ninsecure = false\n");
        QByteArray out = serveOnce({ "--config", config });
        QVERIFY(out.contains("metrics on 127.0.0.1:")); // metrics came from the file alone

        // The file's database does not exist; the command line's does.
        const QString missing = writeConfig("b.conf", "db = " + m_dir.filePath("missing.db").toUtf8() + "\nlisten = 127.0.0.1:0\n");
        QByteArray errors;
        QCOMPARE(runServerCommand({ "serve", "--config", missing }, {}, &errors), 1);
        QVERIFY2(errors.contains("b.conf:1") && errors.contains("missing.db"), errors.constData());
        QVERIFY(!serveOnce({ "--config", missing, "--db", m_db }).isEmpty());

        // A bad value in the file does not matter when the command line replaces it.
        const QString badDays = writeConfig("c.conf", "db = " + m_db.toUtf8() + "\nlisten = 127.0.0.1:0\ntrack-days = forever\n");
        QCOMPARE(runServerCommand({ "serve", "--config", badDays }, {}, &errors), 2);
        QVERIFY2(errors.contains("c.conf:3: track-days = forever:"), errors.constData());
        QVERIFY(!serveOnce({ "--config", badDays, "--track-days", "3" }).isEmpty());

        // A flag: insecure = true lets a non-loopback address serve ws://.
        const QString open = writeConfig("d.conf", "db = " + m_db.toUtf8() + "\nlisten = 0.0.0.0:0\n");
        QCOMPARE(runServerCommand({ "serve", "--config", open }, {}, &errors), 2);
        QVERIFY2(errors.contains("Refusing"), errors.constData());
        const QString insecure = writeConfig("e.conf", "db = " + m_db.toUtf8() + "\nlisten = 0.0.0.0:0\ninsecure = true\n");
        QVERIFY(!serveOnce({ "--config", insecure }).isEmpty());
    }

    void badFilesAreRefused_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("unknown key") << QByteArray("listen = 127.0.0.1:0\nlisten-port = 8765\n") << QByteArray(":2: unknown key listen-port");
        QTest::newRow("no equals") << QByteArray("# x\nlisten 127.0.0.1:0\n") << QByteArray(":2: expected \"key = value\"");
        QTest::newRow("set twice") << QByteArray("metrics = 127.0.0.1:0\n\nmetrics = 127.0.0.1:1\n") << QByteArray(":3: metrics is set twice (first at ");
        QTest::newRow("empty value") << QByteArray("db =\n") << QByteArray(":1: db has no value");
        QTest::newRow("bad flag") << QByteArray("insecure = maybe\n") << QByteArray(":1: insecure is true or false");
        QTest::newRow("bad address") << QByteArray("listen = 127.0.0.1:0\nmetrics = localhost\n") << QByteArray(":2: metrics = localhost:");
        QTest::newRow("bad number") << QByteArray("max-connections = -5\n") << QByteArray(":1: max-connections = -5:");
        QTest::newRow("help is no key") << QByteArray("help = true\n") << QByteArray(":1: unknown key help");
    }

    void badFilesAreRefused()
    {
        QFETCH(QByteArray, text);
        QFETCH(QByteArray, expected);
        const QString config = writeConfig(QStringLiteral("bad-%1.conf").arg(QTest::currentDataTag()).replace(' ', '-'), text);
        QByteArray errors;
        QCOMPARE(runServerCommand({ "serve", "--config", config, "--db", m_db }, {}, &errors), 2);
        QVERIFY2(errors.contains(QByteArray(QFileInfo(config).fileName().toUtf8() + expected)), errors.constData());
        // A file that is not there is an error too, not an empty configuration.
        QCOMPARE(runServerCommand({ "serve", "--config", m_dir.filePath("none.conf"), "--db", m_db }, {}, &errors), 2);
        QVERIFY2(errors.contains("none.conf"), errors.constData());
    }
};

QTEST_GUILESS_MAIN(TestServerConfig)
#include "tst_serverconfig.moc"
