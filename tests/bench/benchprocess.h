#pragma once
// What the sync benches share: running gridhall-server's commands and starting `serve` on a
// free loopback port.

#include <QByteArray>
#include <QDeadlineTimer>
#include <QHostAddress>
#include <QProcess>
#include <QRegularExpression>
#include <QStringList>
#include <QTcpSocket>

namespace gridhall::bench {

// The benches' users' password: passes add-user's policy (10+ characters, three kinds, no
// user name in it).
inline constexpr const char* kBenchPassword = "Quick-Run-2026";

// Runs a program to the end (standard input optional); its exit code, or -1.
inline int runProgram(const QString& program, const QStringList& args, const QByteArray& input = {})
{
    QProcess p;
    p.start(program, args);
    if (!p.waitForStarted(10000))
        return -1;
    if (!input.isEmpty())
        p.write(input);
    p.closeWriteChannel();
    return p.waitForFinished(-1) ? p.exitCode() : -1;
}

// Readies a gridhall window process as a first start with nothing of the user's settings:
// offscreen, its start-up trace on, HOME (and so its settings) in `home`, output merged.
inline void prepareWindowProcess(QProcess& p, const QString& home)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("gridhall.startup.info=true"));
    env.insert(QStringLiteral("HOME"), home);
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home + QStringLiteral("/config"));
    p.setProcessEnvironment(env);
    p.setProcessChannelMode(QProcess::MergedChannels);
}

// Starts `server serve --listen 127.0.0.1:0 args…` and waits until it says where it
// listens; the port, or 0.
inline quint16 startServe(QProcess& serve, const QString& server, const QStringList& args)
{
    serve.start(server, QStringList { "serve", "--listen", "127.0.0.1:0" } + args);
    static const QRegularExpression listening(QStringLiteral("listening on 127\\.0\\.0\\.1:(\\d+)"));
    QByteArray seen;
    // A million-case hall after a run that left a large WAL takes a while to open.
    QDeadlineTimer deadline(120000);
    while (!deadline.hasExpired()) {
        serve.waitForReadyRead(100);
        seen += serve.readAllStandardOutput();
        const auto m = listening.match(QString::fromUtf8(seen));
        if (m.hasMatch())
            return quint16(m.captured(1).toUInt());
        if (serve.state() == QProcess::NotRunning)
            break;
    }
    return 0;
}

// The server's field-worker sessions from its GET /metrics, -1 when it does not answer
// within patienceMs (to connect, and again to answer: in a login storm of 20,000 the event
// loop answers late).
inline qint64 fieldWorkerSessions(quint16 metricsPort, int patienceMs)
{
    QTcpSocket http;
    http.connectToHost(QHostAddress::LocalHost, metricsPort);
    if (!http.waitForConnected(patienceMs))
        return -1;
    http.write("GET /metrics HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n");
    QByteArray answer;
    QDeadlineTimer deadline(patienceMs);
    while (!deadline.hasExpired() && http.state() == QAbstractSocket::ConnectedState)
        if (http.waitForReadyRead(100))
            answer += http.readAll();
    answer += http.readAll();
    static const QRegularExpression workers(QStringLiteral("gridhall_sessions\\{role=\"field_worker\"\\} (\\d+)"));
    const auto m = workers.match(QString::fromUtf8(answer));
    return m.hasMatch() ? m.captured(1).toLongLong() : -1;
}

} // namespace gridhall::bench
