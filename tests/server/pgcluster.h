#pragma once
// A throwaway PostgreSQL cluster for one test run: initdb into a temporary folder, started
// with pg_ctl on a unix socket in that folder only (no TCP port, so parallel test runs
// cannot collide), trust authentication, fsync off (setDurable: on, for benchmarks); stopped
// and removed at the end.
//
// The server binaries are found with `pg_config --bindir` (libpq-dev), else under
// /usr/lib/postgresql/<version>/bin, else on PATH. initdb refuses to run as root: as root
// the cluster runs as the `postgres` system user (runuser), its folder handed over to it.

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <grp.h>
#include <pwd.h>
#include <unistd.h>

namespace gridhall::testing {

class PgCluster {
public:
    ~PgCluster() { stop(); }

    static QString binDir()
    {
        QProcess p;
        p.start(QStringLiteral("pg_config"), { QStringLiteral("--bindir") });
        if (p.waitForFinished(5000) && p.exitCode() == 0) {
            const QString dir = QString::fromLocal8Bit(p.readAllStandardOutput()).trimmed();
            if (QFileInfo::exists(dir + QStringLiteral("/initdb")))
                return dir;
        }
        QDir versions(QStringLiteral("/usr/lib/postgresql"));
        QStringList found = versions.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
        std::sort(found.begin(), found.end(), [](const QString& a, const QString& b) { return a.toInt() > b.toInt(); });
        for (const QString& v : found)
            if (QFileInfo::exists(versions.filePath(v + QStringLiteral("/bin/initdb"))))
                return versions.filePath(v + QStringLiteral("/bin"));
        const QString onPath = QStandardPaths::findExecutable(QStringLiteral("initdb"));
        return onPath.isEmpty() ? QString() : QFileInfo(onPath).absolutePath();
    }

    // Before start(): PostgreSQL's own defaults for durability (fsync, full-page writes,
    // synchronous commit, 128 MB of shared buffers) instead of a test's fast settings, so a
    // benchmark compares it with SQLite at synchronous = FULL, each commit on disk.
    void setDurable(bool durable) { m_durable = durable; }

    // Creates and starts the cluster and a database named `gridhall`.
    bool start(QString* error)
    {
        if (!makeFolder(error))
            return false;
        const QString data = m_dir->filePath(QStringLiteral("data"));
        QByteArray out;
        if (run(QStringLiteral("initdb"), { QStringLiteral("-D"), data, QStringLiteral("-U"), QStringLiteral("postgres"),
                    QStringLiteral("-A"), QStringLiteral("trust"), QStringLiteral("--no-sync"), QStringLiteral("-E"), QStringLiteral("UTF8"),
                    QStringLiteral("--locale=C") }, &out) != 0)
            return fail(error, QStringLiteral("initdb failed: ") + QString::fromLocal8Bit(out));
        return startServer(error) && createDatabase(QStringLiteral("gridhall"), error);
    }
    // A streaming-replication standby of a running primary, as docs/DEPLOY.md makes one:
    // pg_basebackup -R (standby.signal and primary_conninfo), then started. A fast checkpoint:
    // the default spread one waits minutes on an idle primary.
    bool startStandbyOf(const PgCluster& primary, QString* error)
    {
        if (!makeFolder(error))
            return false;
        QByteArray out;
        if (run(QStringLiteral("pg_basebackup"), { QStringLiteral("-h"), primary.path(), QStringLiteral("-U"), QStringLiteral("postgres"),
                    QStringLiteral("-D"), m_dir->filePath(QStringLiteral("data")), QStringLiteral("-R"), QStringLiteral("-X"), QStringLiteral("stream"), QStringLiteral("-c"), QStringLiteral("fast"),
                    QStringLiteral("--no-sync") }, &out) != 0)
            return fail(error, QStringLiteral("pg_basebackup failed: ") + QString::fromLocal8Bit(out));
        return startServer(error);
    }
    // pg_ctl promote: the standby becomes a primary that accepts writes.
    bool promote(QString* error)
    {
        QByteArray out;
        if (run(QStringLiteral("pg_ctl"), { QStringLiteral("-D"), m_dir->filePath(QStringLiteral("data")), QStringLiteral("-w"), QStringLiteral("promote") }, &out) != 0)
            return fail(error, QStringLiteral("pg_ctl promote failed: ") + QString::fromLocal8Bit(out) + log());
        return true;
    }
    // Stops the server and keeps the folder (a primary that went away).
    void halt()
    {
        if (m_running)
            run(QStringLiteral("pg_ctl"), { QStringLiteral("-D"), m_dir->filePath(QStringLiteral("data")), QStringLiteral("-m"),
                                              QStringLiteral("immediate"), QStringLiteral("-w"), QStringLiteral("stop") });
        m_running = false;
    }
    bool createDatabase(const QString& name, QString* error)
    {
        QByteArray out;
        if (run(QStringLiteral("createdb"), { QStringLiteral("-h"), m_dir->path(), QStringLiteral("-U"), QStringLiteral("postgres"), name }, &out) != 0)
            return fail(error, QStringLiteral("createdb failed: ") + QString::fromLocal8Bit(out));
        return true;
    }
    // A libpq URI of a database of this cluster (the socket folder as host).
    QString uri(const QString& database = QStringLiteral("gridhall")) const
    {
        return QStringLiteral("postgresql://postgres@/%1?host=%2").arg(database, m_dir->path());
    }
    QString path() const { return m_dir ? m_dir->path() : QString(); }
    // Runs SQL through psql; the output rows, unaligned, fields separated by \x1f.
    int psql(const QString& sql, QByteArray* output = nullptr, const QString& database = QStringLiteral("gridhall")) const
    {
        return run(QStringLiteral("psql"), { QStringLiteral("-X"), QStringLiteral("-q"), QStringLiteral("-At"), QStringLiteral("-F"), QStringLiteral("\x1f"), QStringLiteral("-v"),
                                               QStringLiteral("ON_ERROR_STOP=1"), QStringLiteral("-d"), uri(database), QStringLiteral("-c"), sql },
            output, false);
    }
    void stop()
    {
        if (!m_running)
            return;
        m_running = false;
        run(QStringLiteral("pg_ctl"), { QStringLiteral("-D"), m_dir->filePath(QStringLiteral("data")), QStringLiteral("-m"),
                                          QStringLiteral("immediate"), QStringLiteral("-w"), QStringLiteral("stop") });
        m_dir.reset(); // removes the folder
    }
    // CPU seconds the cluster has used so far: the postmaster with its children that have
    // ended, plus those still running (backends, WAL writer …), from /proc; -1 if unreadable.
    double cpuSeconds() const
    {
        QFile pidFile(m_dir ? m_dir->filePath(QStringLiteral("data/postmaster.pid")) : QString());
        if (!pidFile.open(QIODevice::ReadOnly))
            return -1;
        const QByteArray postmaster = pidFile.readLine().trimmed();
        auto fields = [](const QString& pid) {
            QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
            const QByteArray line = stat.open(QIODevice::ReadOnly) ? stat.readAll() : QByteArray();
            return line.mid(line.lastIndexOf(')') + 2).split(' '); // from the state on
        };
        const double tick = double(sysconf(_SC_CLK_TCK));
        const QList<QByteArray> own = fields(QString::fromLatin1(postmaster));
        if (own.size() < 15)
            return -1;
        double ticks = own[11].toDouble() + own[12].toDouble() + own[13].toDouble() + own[14].toDouble();
        for (const QString& pid : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs)) {
            const QList<QByteArray> f = pid.front().isDigit() ? fields(pid) : QList<QByteArray>();
            if (f.size() >= 13 && f[1] == postmaster)
                ticks += f[11].toDouble() + f[12].toDouble();
        }
        return ticks / tick;
    }
    QString log() const
    {
        QFile f(m_dir->filePath(QStringLiteral("log")));
        return f.open(QIODevice::ReadOnly) ? QString::fromLocal8Bit(f.readAll().right(4000)) : QString();
    }

private:
    bool makeFolder(QString* error)
    {
        m_bin = binDir();
        if (m_bin.isEmpty())
            return fail(error, QStringLiteral("no PostgreSQL server binaries (initdb): install postgresql-15"));
        // Short path: a unix socket path has at most 107 bytes, so the system's temporary
        // folder itself, not a deeper one.
        m_dir = std::make_unique<QTemporaryDir>(QDir::tempPath() + QStringLiteral("/ghpg-XXXXXX"));
        if (!m_dir->isValid())
            return fail(error, QStringLiteral("no temporary folder"));
        if (::getuid() == 0) {
            const passwd* pw = ::getpwnam("postgres");
            if (!pw)
                return fail(error, QStringLiteral("running as root and there is no postgres user"));
            if (::chown(QFile::encodeName(m_dir->path()).constData(), pw->pw_uid, pw->pw_gid) != 0)
                return fail(error, QStringLiteral("cannot hand the folder to postgres"));
            m_asPostgres = true;
        }
        return true;
    }
    bool startServer(QString* error)
    {
        const QString data = m_dir->filePath(QStringLiteral("data"));
        QByteArray out;
        QString options = QStringLiteral("-c listen_addresses='' -c unix_socket_directories='%1' -c max_connections=200").arg(m_dir->path());
        if (!m_durable)
            options += QStringLiteral(" -c fsync=off -c full_page_writes=off -c synchronous_commit=off -c shared_buffers=32MB");
        if (run(QStringLiteral("pg_ctl"), { QStringLiteral("-D"), data, QStringLiteral("-l"), m_dir->filePath(QStringLiteral("log")),
                    QStringLiteral("-w"), QStringLiteral("-o"), options, QStringLiteral("start") }, &out) != 0)
            return fail(error, QStringLiteral("pg_ctl start failed: ") + QString::fromLocal8Bit(out) + log());
        m_running = true;
        return true;
    }
    int run(const QString& tool, const QStringList& args, QByteArray* output = nullptr, bool asOwner = true) const
    {
        QProcess p;
        p.setWorkingDirectory(QDir::tempPath()); // postgres may not enter the build folder
        const QString program = m_bin + QLatin1Char('/') + tool;
        if (m_asPostgres && asOwner)
            p.start(QStringLiteral("runuser"), QStringList { QStringLiteral("-u"), QStringLiteral("postgres"), QStringLiteral("--"), program } + args);
        else
            p.start(program, args);
        if (!p.waitForStarted(10000))
            return -1;
        p.closeWriteChannel();
        if (!p.waitForFinished(60000)) {
            p.kill();
            p.waitForFinished();
            return -1;
        }
        if (output) {
            *output = p.readAllStandardOutput();
            *output += p.readAllStandardError();
        }
        return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    }
    static bool fail(QString* error, const QString& message)
    {
        if (error)
            *error = message;
        return false;
    }

    QString m_bin;
    std::unique_ptr<QTemporaryDir> m_dir;
    bool m_asPostgres = false;
    bool m_running = false;
    bool m_durable = false;
};

} // namespace gridhall::testing
