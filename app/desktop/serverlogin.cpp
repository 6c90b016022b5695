#include "app/desktop/serverlogin.h"

#include "widgets/logindialog.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QStandardPaths>

namespace gridhall {

bool prepareServerLogin(const QString& url, const QString& user, const QString& passwordFile,
    const QString& caFile, ServerLogin* out, QString* error)
{
    auto fail = [&](const QString& why) {
        *error = why;
        return false;
    };
    ServerLogin login;
    QString why;
    if (!LoginDialog::parseServerList(url.trimmed(), &login.servers, &why))
        return fail(QStringLiteral("--server: ") + why);
    login.user = user.trimmed();
    if (!passwordFile.isEmpty()) {
        QFile f(passwordFile);
        if (!f.open(QIODevice::ReadOnly))
            return fail(QCoreApplication::translate("ServerLogin", "--password-file: cannot read %1: %2").arg(passwordFile, f.errorString()));
        const QByteArray first = f.readLine(4096);
        login.password = QString::fromUtf8(first).remove(QRegularExpression(QStringLiteral("[\\r\\n]+$")));
        if (login.password.isEmpty())
            return fail(QCoreApplication::translate("ServerLogin", "--password-file: the first line of %1 is empty").arg(passwordFile));
    }
    if (!caFile.isEmpty()) {
        if (!QFile::exists(caFile))
            return fail(QCoreApplication::translate("ServerLogin", "--ca: no such file %1").arg(caFile));
        login.trusted = QSslCertificate::fromPath(caFile, QSsl::Pem);
        if (login.trusted.isEmpty())
            return fail(QCoreApplication::translate("ServerLogin", "--ca: %1 holds no PEM certificate").arg(caFile));
        for (const QUrl& server : std::as_const(login.servers))
            if (server.scheme() != QLatin1String("wss"))
                return fail(QCoreApplication::translate("ServerLogin", "--ca is for a wss:// server; %1 is not encrypted").arg(server.toString()));
    }
    *out = login;
    return true;
}

bool askLogin(ServerLogin* login, QWidget* parent, const QString& message, bool identityFixed)
{
    LoginDialog dialog(parent);
    dialog.setServer(login->serversText());
    dialog.setUser(login->user.isEmpty() ? QString::fromLocal8Bit(qgetenv("USER")) : login->user);
    dialog.setMessage(message);
    dialog.setIdentityFixed(identityFixed);
    if (dialog.exec() != QDialog::Accepted)
        return false;
    login->servers = dialog.servers();
    login->user = dialog.user();
    login->password = dialog.password();
    return true;
}

QString ServerLogin::serversText() const
{
    QStringList parts;
    for (const QUrl& url : servers)
        parts.append(url.toString());
    return parts.join(QLatin1Char(','));
}

QString defaultReplicaPath(const QList<QUrl>& servers, const QString& user)
{
    const QUrl server = servers.value(0);
    QString name = QStringLiteral("replica-%1-%2-%3.sqlite")
                       .arg(server.host())
                       .arg(server.port(server.scheme() == QLatin1String("wss") ? 443 : 80))
                       .arg(user);
    // Host names and user names could hold characters a file name must not.
    name.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9._-]")), QStringLiteral("_"));
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    QDir().mkpath(dir);
    return QDir(dir).filePath(name);
}

} // namespace gridhall
