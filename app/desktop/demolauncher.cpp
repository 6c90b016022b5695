#include "app/desktop/demolauncher.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProgressDialog>
#include <QStandardPaths>

namespace gridhall {

DemoLauncher::DemoLauncher(QObject* parent)
    : QObject(parent)
{
}

DemoLauncher::~DemoLauncher()
{
    if (m_process && m_process->state() != QProcess::NotRunning) {
        m_process->kill();
        m_process->waitForFinished(2000);
    }
}

QString DemoLauncher::demoStorePath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation)
        + QStringLiteral("/demo/district.sqlite");
}

void DemoLauncher::prepare(bool quiet)
{
    m_target = demoStorePath();
    if (QFileInfo::exists(m_target)) {
        emit ready(m_target);
        return;
    }
    const QString dir = QFileInfo(m_target).absolutePath();
    if (!QDir().mkpath(dir)) {
        emit failed(tr("Cannot create the folder for the demo data: %1").arg(dir));
        return;
    }
    const QString server = QCoreApplication::applicationDirPath() + QStringLiteral("/gridhall-server");
    if (!QFileInfo(server).isExecutable()) {
        emit failed(tr("The demo needs gridhall-server next to gridhall (%1); build both.").arg(server));
        return;
    }
    // Written under a temporary name and renamed at the end, so an interrupted run
    // never leaves a half-made district behind.
    const QString temp = m_target + QStringLiteral(".partial");
    QFile::remove(temp);
    m_process = std::make_unique<QProcess>();
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    connect(m_process.get(), &QProcess::readyRead, this, [this] {
        m_log += QString::fromUtf8(m_process->readAll());
        if (m_progress) {
            const QString last = m_log.trimmed().section(QLatin1Char('\n'), -1).section(QLatin1Char('\r'), -1);
            m_progress->setLabelText(tr("Creating the demo district…\n%1").arg(last));
        }
    });
    connect(m_process.get(), &QProcess::finished, this, &DemoLauncher::finish);
    if (!quiet) {
        m_progress = new QProgressDialog(tr("Creating the demo district…"), QString(), 0, 0);
        m_progress->setAttribute(Qt::WA_DeleteOnClose);
        m_progress->setMinimumDuration(0);
        m_progress->setWindowModality(Qt::ApplicationModal);
        m_progress->show();
    }
    m_process->start(server, { QStringLiteral("demo-data"), QStringLiteral("--db"), temp,
                                 QStringLiteral("--gpkg"), dir + QStringLiteral("/district.gpkg") });
}

void DemoLauncher::finish(int exitCode, QProcess::ExitStatus status)
{
    if (m_progress)
        m_progress->close();
    const QString temp = m_target + QStringLiteral(".partial");
    if (status != QProcess::NormalExit || exitCode != 0) {
        QFile::remove(temp);
        emit failed(tr("Creating the demo district failed:\n%1").arg(m_log.trimmed().right(2000)));
        return;
    }
    if (!QFile::rename(temp, m_target)) {
        emit failed(tr("Cannot move the demo data into place: %1").arg(m_target));
        return;
    }
    emit ready(m_target);
}

} // namespace gridhall
