#include "app/desktop/demolauncher.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProgressDialog>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTcpServer>
#include <csignal>
#include <cstdio>
#include <sys/prctl.h>
#include <unistd.h>

namespace gridhall {

namespace {
// The children end with the app even when it is killed outright (SIGKILL, a crash): the
// kernel sends them SIGTERM when their parent dies.
void endWithParent(QProcess& p)
{
    const pid_t parent = ::getpid();
    p.setChildProcessModifier([parent] {
        ::prctl(PR_SET_PDEATHSIG, SIGTERM);
        if (::getppid() != parent) // the parent died before the line above
            ::_exit(1);
    });
}

void stopChild(std::unique_ptr<QProcess>& p)
{
    if (!p || p->state() == QProcess::NotRunning)
        return;
    // A child we stop on purpose is no failure: without this, a stop during start-up (a
    // SIGTERM before the server listens) reported "the demo server stopped" from the
    // destructor, in a message box nobody could close after the event loop had ended.
    p->disconnect();
    p->terminate();
    if (!p->waitForFinished(3000)) {
        p->kill();
        p->waitForFinished(2000);
    }
}
} // namespace

DemoLauncher::DemoLauncher(QObject* parent)
    : QObject(parent)
{
}

DemoLauncher::~DemoLauncher()
{
    stopChild(m_sim);
    stopChild(m_cameras);
    stopChild(m_server);
    stopChild(m_step);
    delete m_progress;
}

QString DemoLauncher::demoDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation)
        + QStringLiteral("/demo");
}

QString DemoLauncher::serverProgram() const
{
    return QCoreApplication::applicationDirPath() + QStringLiteral("/gridhall-server");
}

void DemoLauncher::setProgress(const QString& text)
{
    if (m_progress)
        m_progress->setLabelText(text);
}

void DemoLauncher::start(bool quiet, int workers)
{
    m_workers = workers;
    const QString dir = demoDirectory();
    if (!QDir().mkpath(dir)) {
        emit failed(tr("Cannot create the folder for the demo data: %1").arg(dir));
        return;
    }
    for (const char* program : { "gridhall-server", "gridhall-sim" }) {
        const QString path = QCoreApplication::applicationDirPath() + QLatin1Char('/') + QLatin1String(program);
        if (!QFileInfo(path).isExecutable()) {
            emit failed(tr("The demo needs %1 next to gridhall (%2); build it first.")
                            .arg(QLatin1String(program), path));
            return;
        }
    }
    if (!quiet) {
        m_progress = new QProgressDialog(tr("Starting the demo district…"), QString(), 0, 0);
        m_progress->setMinimumDuration(0);
        m_progress->setWindowModality(Qt::ApplicationModal);
        m_progress->show();
    }
    m_serverDb = dir + QStringLiteral("/server.sqlite");
    // The district and its users are made once; a marker says the users exist, so an
    // interrupted first run starts over instead of leaving a district nobody can log in to.
    // "ready-2": demo folders made before the password policy have users whose password
    // ("demo") no longer matches kPassword; they are set up again.
    // "ready-3": districts made before the demo had cameras are made again with them.
    const QString marker = dir + QStringLiteral("/ready-3");
    if (!QFileInfo::exists(marker) || !QFileInfo::exists(m_serverDb)) {
        QFile::remove(marker);
        const QByteArray pw = QByteArray(kPassword) + '\n';
        m_steps = {
            { { QStringLiteral("demo-data"), QStringLiteral("--db"), m_serverDb, QStringLiteral("--gpkg"),
                  dir + QStringLiteral("/district.gpkg"), QStringLiteral("--force"), QStringLiteral("--camera-streams"),
                  QStringLiteral("rtsp://127.0.0.1:%1/cam").arg(cameraPort(true)) },
                {}, tr("Creating the demo district…") },
            { { QStringLiteral("add-user"), QStringLiteral("--db"), m_serverDb, QStringLiteral("--user"),
                  QLatin1String(kOperator), QStringLiteral("--role"), QStringLiteral("district_operator") },
                pw, tr("Adding the demo users…") },
            { { QStringLiteral("add-user"), QStringLiteral("--db"), m_serverDb, QStringLiteral("--user"),
                  QLatin1String(kSupervisor), QStringLiteral("--role"), QStringLiteral("shift_leader") },
                pw, tr("Adding the demo users…") },
            // Thousands of handheld users: fewer PBKDF2 rounds keep the first start short.
            { { QStringLiteral("add-user"), QStringLiteral("--db"), m_serverDb, QStringLiteral("--all-workers"),
                  QStringLiteral("--iterations"), QStringLiteral("1000") },
                pw, tr("Adding the field workers' handhelds…") },
        };
        connect(this, &DemoLauncher::ready, this, [marker] {
            QFile f(marker);
            if (f.open(QIODevice::WriteOnly))
                f.write("ok\n");
        }, Qt::SingleShotConnection);
        runNextStep();
        return;
    }
    startServer();
}

void DemoLauncher::runNextStep()
{
    if (m_steps.isEmpty()) {
        startServer();
        return;
    }
    const Step step = m_steps.takeFirst();
    setProgress(step.what);
    m_step = std::make_unique<QProcess>();
    endWithParent(*m_step);
    m_step->setProcessChannelMode(QProcess::MergedChannels);
    connect(m_step.get(), &QProcess::readyRead, this, [this] { m_log += QString::fromUtf8(m_step->readAll()); });
    connect(m_step.get(), &QProcess::finished, this, [this, step](int code, QProcess::ExitStatus status) {
        if (status != QProcess::NormalExit || code != 0) {
            emit failed(tr("Preparing the demo failed at \"%1\":\n%2")
                            .arg(step.args.value(0), m_log.trimmed().right(2000)));
            return;
        }
        runNextStep();
    });
    m_step->start(serverProgram(), step.args);
    if (!step.input.isEmpty()) {
        m_step->write(step.input);
        m_step->closeWriteChannel();
    }
}

quint16 DemoLauncher::cameraPort(bool choose)
{
    QFile file(demoDirectory() + QStringLiteral("/cameras.port"));
    if (!choose && file.open(QIODevice::ReadOnly))
        return quint16(file.readAll().trimmed().toUInt());
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    const quint16 port = probe.serverPort();
    if (file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        file.write(QByteArray::number(port) + '\n');
    return port;
}

void DemoLauncher::startCameras()
{
    const QString program = QCoreApplication::applicationDirPath() + QStringLiteral("/gridhall-cameras");
    const quint16 port = cameraPort(false);
    if (!QFileInfo(program).isExecutable() || port == 0) {
        std::fprintf(stderr, "%s\n", qPrintable(tr("The demo's camera streams are not running (no %1).").arg(program)));
        return;
    }
    m_cameras = std::make_unique<QProcess>();
    endWithParent(*m_cameras);
    m_cameras->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_cameras->setStandardOutputFile(QProcess::nullDevice());
    m_cameras->start(program, { QStringLiteral("--listen"), QStringLiteral("127.0.0.1:%1").arg(port) });
}

void DemoLauncher::startServer()
{
    startCameras();
    setProgress(tr("Starting the server…"));
    m_server = std::make_unique<QProcess>();
    endWithParent(*m_server);
    m_server->setProcessChannelMode(QProcess::SeparateChannels);
    connect(m_server.get(), &QProcess::readyReadStandardOutput, this, [this] {
        m_log += QString::fromUtf8(m_server->readAllStandardOutput());
        static const QRegularExpression listening(QStringLiteral("listening on ([0-9.]+):(\\d+)"));
        const QRegularExpressionMatch m = listening.match(m_log);
        if (m.hasMatch() && m_url.isEmpty()) {
            m_url = QUrl(QStringLiteral("ws://%1:%2/").arg(m.captured(1), m.captured(2)));
            startSimulator();
        }
    });
    // Read stderr as it comes: an unread pipe would fill up and stall the server. It goes
    // to our own stderr, and its tail explains a server that stops before listening.
    connect(m_server.get(), &QProcess::readyReadStandardError, this, [this] {
        const QByteArray text = m_server->readAllStandardError();
        std::fwrite(text.constData(), 1, size_t(text.size()), stderr);
        m_serverErrors = QString(m_serverErrors + QString::fromUtf8(text)).right(2000);
    });
    connect(m_server.get(), &QProcess::finished, this, [this](int code, QProcess::ExitStatus) {
        if (m_url.isEmpty())
            emit failed(tr("The demo server stopped (exit %1):\n%2").arg(code).arg(m_serverErrors.trimmed()));
    });
    // The simulator's handhelds all connect from 127.0.0.1 at once: no per-address cap.
    m_server->start(serverProgram(), { QStringLiteral("serve"), QStringLiteral("--db"), m_serverDb,
                                         QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                                         QStringLiteral("--max-unauthenticated-per-address"), QStringLiteral("0") });
}

void DemoLauncher::startSimulator()
{
    setProgress(tr("Starting the field simulator…"));
    m_sim = std::make_unique<QProcess>();
    endWithParent(*m_sim);
    m_sim->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_sim->setStandardOutputFile(QProcess::nullDevice());
    m_sim->start(QCoreApplication::applicationDirPath() + QStringLiteral("/gridhall-sim"),
        { QStringLiteral("--server"), m_url.toString(), QStringLiteral("--db"), m_serverDb,
            QStringLiteral("--password"), QLatin1String(kPassword), QStringLiteral("--workers"),
            QString::number(m_workers), QStringLiteral("--supervisor"), QLatin1String(kSupervisor),
            QStringLiteral("--supervisor-password"), QLatin1String(kPassword) });
    if (m_progress) {
        m_progress->close();
        m_progress->deleteLater();
        m_progress = nullptr;
    }
    emit ready(demoDirectory() + QStringLiteral("/replica.sqlite"), m_url);
}

} // namespace gridhall
