// gridhall-server as a systemd service (deploy/gridhall-server.service) without systemd: the
// test plays the service manager. It binds the unix datagram socket it names in NOTIFY_SOCKET
// and reads what the real server process sends there (READY=1 once it listens, WATCHDOG=1
// from its event loop, STOPPING=1 on SIGTERM), and it hands the server a standard error whose
// device and inode it names in JOURNAL_STREAM, as systemd does, to see the journal's "<N>"
// priorities on Qt's messages.
#include "serverharness.h"

#include <QFile>
#include <QSocketNotifier>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

using namespace gridhall::testing;

namespace {

// The service manager's end: a bound unix datagram socket and every datagram it got.
class NotifySocket {
public:
    // path "/…" is a file; "@…" the abstract namespace.
    bool bind(const QByteArray& path)
    {
        m_fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
        sockaddr_un address {};
        address.sun_family = AF_UNIX;
        if (m_fd < 0 || size_t(path.size()) >= sizeof(address.sun_path))
            return false;
        std::memcpy(address.sun_path, path.constData(), size_t(path.size()));
        if (address.sun_path[0] == '@')
            address.sun_path[0] = '\0';
        const socklen_t length = socklen_t(offsetof(sockaddr_un, sun_path) + size_t(path.size()));
        if (::bind(m_fd, reinterpret_cast<const sockaddr*>(&address), length) != 0)
            return false;
        m_notifier = std::make_unique<QSocketNotifier>(m_fd, QSocketNotifier::Read);
        QObject::connect(m_notifier.get(), &QSocketNotifier::activated, m_notifier.get(), [this] {
            char buffer[4096];
            ssize_t n;
            while ((n = ::recv(m_fd, buffer, sizeof buffer, 0)) > 0)
                m_received << QByteArray(buffer, n);
        });
        return true;
    }
    ~NotifySocket()
    {
        m_notifier.reset();
        if (m_fd >= 0)
            ::close(m_fd);
    }
    const QList<QByteArray>& received() const { return m_received; }
    qsizetype count(const QByteArray& datagram) const { return m_received.count(datagram); }

private:
    int m_fd = -1;
    std::unique_ptr<QSocketNotifier> m_notifier;
    QList<QByteArray> m_received;
};

quint16 listeningPort(const QByteArray& output)
{
    static const QRegularExpression re(QStringLiteral("listening on 127\\.0\\.0\\.1:(\\d+)"));
    return quint16(re.match(QString::fromUtf8(output)).captured(1).toUInt());
}

} // namespace

class TestServiceNotify : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_db;

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_db = m_dir.filePath("hall.db");
        QCOMPARE(runServerCommand({ "demo-data", "--db", m_db, "--cases-per-day", "2", "--end", "2026-11-20", "--seed", "5" }), 0);
    }

    void readyWatchdogStopping_data()
    {
        QTest::addColumn<bool>("abstract");
        QTest::newRow("socket file") << false;
        QTest::newRow("abstract socket") << true;
    }

    // READY=1 comes once the port takes connections; WATCHDOG=1 keeps coming while the loop
    // turns; SIGTERM says STOPPING=1 and the server still exits 0.
    void readyWatchdogStopping()
    {
        QFETCH(bool, abstract);
        const QByteArray path = abstract ? QByteArray("@gridhall-notify-test-") + QByteArray::number(::getpid())
                                         : QFile::encodeName(m_dir.filePath("notify"));
        NotifySocket manager;
        QVERIFY(manager.bind(path));

        QProcess server;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("NOTIFY_SOCKET", QString::fromLocal8Bit(path));
        env.insert("WATCHDOG_USEC", "300000"); // WatchdogSec=0.3: a ping every 150 ms
        server.setProcessEnvironment(env);
        server.start(serverBinary(), { "serve", "--db", m_db, "--listen", "127.0.0.1:0" });
        QVERIFY(server.waitForStarted(10000));

        QVERIFY2(waitFor([&] { return manager.count("READY=1") == 1; }), qPrintable(server.readAllStandardError()));
        // Ready means listening: the port is printed and a connection is taken.
        const quint16 port = listeningPort(server.readAllStandardOutput());
        QVERIFY(port != 0);
        QTcpSocket probe;
        probe.connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(probe.waitForConnected(5000));
        probe.abort();

        QVERIFY(waitFor([&] { return manager.count("WATCHDOG=1") >= 4; }));
        QCOMPARE(manager.count("STOPPING=1"), 0);
        ::kill(pid_t(server.processId()), SIGTERM);
        QVERIFY(server.waitForFinished(20000));
        QCOMPARE(server.exitStatus(), QProcess::NormalExit);
        QCOMPARE(server.exitCode(), 0);
        QCoreApplication::processEvents(); // the last datagrams
        QCOMPARE(manager.count("STOPPING=1"), 1);
        QCOMPARE(manager.count("READY=1"), 1);
        // Nothing but the three kinds of message was said.
        for (const QByteArray& d : manager.received())
            QVERIFY2(d == "READY=1" || d == "WATCHDOG=1" || d == "STOPPING=1", d.constData());
    }

    // WATCHDOG_PID names the process systemd watches; a child that inherited the variables
    // (here: any other pid) must not ping for it, but still says READY=1.
    void watchdogOnlyForTheWatchedProcess()
    {
        NotifySocket manager;
        QVERIFY(manager.bind(QFile::encodeName(m_dir.filePath("notify-pid"))));
        QProcess server;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("NOTIFY_SOCKET", m_dir.filePath("notify-pid"));
        env.insert("WATCHDOG_USEC", "100000");
        env.insert("WATCHDOG_PID", QString::number(::getpid())); // this test, not the server
        server.setProcessEnvironment(env);
        server.start(serverBinary(), { "serve", "--db", m_db, "--listen", "127.0.0.1:0" });
        QVERIFY(server.waitForStarted(10000));
        QVERIFY(waitFor([&] { return manager.count("READY=1") == 1; }));
        QTest::qWait(600); // six watchdog periods
        QCOMPARE(manager.count("WATCHDOG=1"), 0);
        ::kill(pid_t(server.processId()), SIGTERM);
        QVERIFY(server.waitForFinished(20000));
        QCOMPARE(server.exitCode(), 0);
    }

    void journalPriorities_data()
    {
        QTest::addColumn<bool>("toJournal");
        QTest::newRow("standard error is the journal stream") << true;
        QTest::newRow("JOURNAL_STREAM names another stream") << false;
    }

    // A warning (the database readable by others, tightened at start) and an info line (the
    // clean stop) from the real server; with the journal's stream they carry <4> and <6>.
    void journalPriorities()
    {
        QFETCH(bool, toJournal);
        QVERIFY(QFile::setPermissions(m_db, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther));
        const QString errPath = m_dir.filePath(toJournal ? "stderr-journal" : "stderr-other");
        QFile errFile(errPath);
        QVERIFY(errFile.open(QIODevice::WriteOnly));
        errFile.close();
        struct stat st {};
        QCOMPARE(::stat(QFile::encodeName(errPath).constData(), &st), 0);

        QProcess server;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove("NOTIFY_SOCKET");
        env.remove("QT_MESSAGE_PATTERN");
        env.insert("JOURNAL_STREAM", toJournal ? QStringLiteral("%1:%2").arg(st.st_dev).arg(st.st_ino) : QStringLiteral("%1:%2").arg(st.st_dev).arg(st.st_ino + 1));
        server.setProcessEnvironment(env);
        server.setStandardErrorFile(errPath, QIODevice::Append);
        server.start(serverBinary(), { "serve", "--db", m_db, "--listen", "127.0.0.1:0" });
        QVERIFY(server.waitForStarted(10000));
        QVERIFY(waitFor([&] { return listeningPort(server.readAllStandardOutput()) != 0 || server.state() == QProcess::NotRunning; }));
        ::kill(pid_t(server.processId()), SIGTERM);
        QVERIFY(server.waitForFinished(20000));
        QCOMPARE(server.exitCode(), 0);

        QVERIFY(errFile.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = errFile.readAll().split('\n');
        auto lineWith = [&](const char* text) {
            for (const QByteArray& l : lines)
                if (l.contains(text))
                    return l;
            return QByteArray();
        };
        const QByteArray warning = lineWith("could be read by other users");
        const QByteArray info = lineWith("stopping:");
        QVERIFY2(!warning.isEmpty() && !info.isEmpty(), lines.join('\n').constData());
        if (toJournal) {
            QVERIFY2(warning.startsWith("<4>"), warning.constData());
            QVERIFY2(info.startsWith("<6>"), info.constData());
        } else {
            QVERIFY2(!warning.startsWith('<'), warning.constData());
            QVERIFY2(!info.startsWith('<'), info.constData());
        }
    }

    // A server that cannot start says why at the journal's error level, so that a failed
    // unit's reason stands out in `journalctl -p err`.
    void journalStartErrorIsAnError()
    {
        const QString errPath = m_dir.filePath("stderr-start-error");
        QFile errFile(errPath);
        QVERIFY(errFile.open(QIODevice::WriteOnly));
        errFile.close();
        struct stat st {};
        QCOMPARE(::stat(QFile::encodeName(errPath).constData(), &st), 0);
        QProcess server;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove("NOTIFY_SOCKET");
        env.remove("QT_MESSAGE_PATTERN");
        env.insert("JOURNAL_STREAM", QStringLiteral("%1:%2").arg(st.st_dev).arg(st.st_ino));
        server.setProcessEnvironment(env);
        server.setStandardErrorFile(errPath, QIODevice::Append);
        server.start(serverBinary(), { "serve", "--db", m_dir.filePath("no-such-hall.sqlite"), "--listen", "127.0.0.1:0" });
        QVERIFY(server.waitForFinished(20000));
        QCOMPARE(server.exitCode(), 1);
        QVERIFY(errFile.open(QIODevice::ReadOnly));
        const QByteArray text = errFile.readAll();
        QVERIFY2(text.startsWith("<3>") && text.contains("no-such-hall.sqlite"), text.constData());
    }
};

QTEST_GUILESS_MAIN(TestServiceNotify)
#include "tst_servicenotify.moc"
