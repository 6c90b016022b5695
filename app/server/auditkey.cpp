#include "app/server/auditkey.h"

#include "app/server/storagefactory.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QMessageAuthenticationCode>
#include <QRandomGenerator>
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace gridhall {

namespace {
QString osError()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

bool writeAll(int fd, const QByteArray& data)
{
    qsizetype done = 0;
    while (done < data.size()) {
        const ssize_t n = ::write(fd, data.constData() + done, size_t(data.size() - done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        done += n;
    }
    return true;
}

QByteArray checkpointMessage(qint64 seq, const QByteArray& hash, qint64 atMs)
{
    return "gridhall-audit-checkpoint-1\x1f" + QByteArray::number(seq) + '\x1f' + hash + '\x1f' + QByteArray::number(atMs);
}

// A new key: 32 bytes from the system's random source, written as hex, readable by the
// owner only. O_EXCL: two processes starting at once do not overwrite each other's key.
bool createKeyFile(const QString& path, QString* error)
{
    QByteArray secret(32, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32*>(secret.data()), secret.size() / 4);
    const int fd = ::open(QFile::encodeName(path).constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        if (errno == EEXIST)
            return true; // someone else made it: load theirs
        *error = QCoreApplication::translate("AuditKey", "Cannot create the audit key %1: %2").arg(path, osError());
        return false;
    }
    const bool ok = writeAll(fd, secret.toHex() + '\n') && ::fsync(fd) == 0;
    if (!ok)
        *error = QCoreApplication::translate("AuditKey", "Cannot write the audit key %1: %2").arg(path, osError());
    ::close(fd);
    return ok;
}
} // namespace

QByteArray AuditKey::id() const
{
    return QMessageAuthenticationCode::hash("gridhall-audit-key-id", secret, QCryptographicHash::Sha256).toHex().left(16);
}

QByteArray AuditKey::mac(const QByteArray& message) const
{
    return QMessageAuthenticationCode::hash(message, secret, QCryptographicHash::Sha256).toHex();
}

QString defaultAuditKeyPath(const QString& dbPath)
{
    return dbPath + QStringLiteral(".audit-key");
}

std::optional<AuditKey> loadAuditKey(const QString& keyPath, AuditKeyMode mode, QString* error)
{
    const QByteArray native = QFile::encodeName(keyPath);
    struct stat st;
    if (::stat(native.constData(), &st) != 0) {
        if (errno != ENOENT || mode == AuditKeyMode::MustExist) {
            *error = QCoreApplication::translate("AuditKey", "Cannot read the audit key %1: %2").arg(keyPath, osError());
            return std::nullopt;
        }
        if (!createKeyFile(keyPath, error))
            return std::nullopt;
        if (::stat(native.constData(), &st) != 0) {
            *error = QCoreApplication::translate("AuditKey", "Cannot read the audit key %1: %2").arg(keyPath, osError());
            return std::nullopt;
        }
    }
    if (!S_ISREG(st.st_mode)) {
        *error = QCoreApplication::translate("AuditKey", "The audit key %1 is not a regular file").arg(keyPath);
        return std::nullopt;
    }
    // A key others can read lets them forge the chain: refuse it rather than use it.
    if (st.st_mode & 077) {
        *error = QCoreApplication::translate("AuditKey", "The audit key %1 is open to group or others (mode %2); it must be readable by its owner only: chmod 600 %1")
                     .arg(keyPath, QString::number(st.st_mode & 0777, 8));
        return std::nullopt;
    }
    QFile f(keyPath);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = QCoreApplication::translate("AuditKey", "Cannot read the audit key %1: %2").arg(keyPath, f.errorString());
        return std::nullopt;
    }
    const QByteArray content = f.read(4096);
    AuditKey key;
    key.path = keyPath;
    key.checkpointPath = keyPath + QStringLiteral(".checkpoints");
    const QByteArray trimmed = content.trimmed();
    static const QByteArray hexDigits("0123456789abcdefABCDEF");
    const bool isHex = trimmed.size() == 64 && std::all_of(trimmed.begin(), trimmed.end(), [](char c) { return hexDigits.contains(c); });
    if (isHex)
        key.secret = QByteArray::fromHex(trimmed);
    else if (content.size() == 32)
        key.secret = content;
    else {
        *error = QCoreApplication::translate("AuditKey", "The audit key %1 must hold 32 bytes, as 64 hex digits or raw").arg(keyPath);
        return std::nullopt;
    }
    return key;
}

std::optional<AuditKey> loadAuditKeyFor(const QString& dbPath, const QString& keyOption, AuditKeyMode mode, QString* error)
{
    // A database URI names no folder for the key: it is given where the servers run.
    if (keyOption.isEmpty() && isPostgresUri(dbPath)) {
        *error = QCoreApplication::translate("AuditKey", "--audit-key FILE is required with a PostgreSQL database (every server and command on it uses the same key)");
        return std::nullopt;
    }
    return loadAuditKey(keyOption.isEmpty() ? defaultAuditKeyPath(dbPath) : keyOption, mode, error);
}

QCommandLineOption auditKeyOption()
{
    return QCommandLineOption(QStringLiteral("audit-key"),
        QCoreApplication::translate("AuditKey", "Key of the audit log's hash chain, kept outside the database (default: the database's name + .audit-key; made, mode 0600, when missing). Checkpoints go beside it, in FILE.checkpoints."),
        QCoreApplication::translate("AuditKey", "FILE"));
}

bool appendAuditCheckpoint(const AuditKey& key, qint64 seq, const QByteArray& hash, QString* error)
{
    const qint64 atMs = QDateTime::currentMSecsSinceEpoch();
    const QByteArray line = QByteArray::number(seq) + ' ' + hash + ' ' + QByteArray::number(atMs) + ' '
        + key.mac(checkpointMessage(seq, hash, atMs)) + '\n';
    // O_APPEND: a command writing entries while the server runs appends whole lines too.
    const int fd = ::open(QFile::encodeName(key.checkpointPath).constData(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (fd < 0) {
        *error = QCoreApplication::translate("AuditKey", "Cannot open the audit checkpoints %1: %2").arg(key.checkpointPath, osError());
        return false;
    }
    const bool ok = writeAll(fd, line) && ::fdatasync(fd) == 0;
    if (!ok)
        *error = QCoreApplication::translate("AuditKey", "Cannot write the audit checkpoints %1: %2").arg(key.checkpointPath, osError());
    ::close(fd);
    return ok;
}

QList<AuditCheckpoint> readAuditCheckpoints(const AuditKey& key, bool* exists, QString* error)
{
    QList<AuditCheckpoint> out;
    QFile f(key.checkpointPath);
    *exists = f.exists();
    if (!*exists)
        return out;
    if (!f.open(QIODevice::ReadOnly)) {
        *error = QCoreApplication::translate("AuditKey", "Cannot read the audit checkpoints %1: %2").arg(key.checkpointPath, f.errorString());
        return out;
    }
    int lineNo = 0;
    while (!f.atEnd()) {
        const QByteArray line = f.readLine().trimmed();
        ++lineNo;
        if (line.isEmpty())
            continue;
        const QList<QByteArray> parts = line.split(' ');
        AuditCheckpoint c;
        c.line = lineNo;
        if (parts.size() == 4) {
            bool seqOk = false, atOk = false;
            c.seq = parts[0].toLongLong(&seqOk);
            c.hash = parts[1];
            c.atMs = parts[2].toLongLong(&atOk);
            c.signatureOk = seqOk && atOk && key.mac(checkpointMessage(c.seq, c.hash, c.atMs)) == parts[3];
        }
        out.append(c);
    }
    return out;
}

} // namespace gridhall
