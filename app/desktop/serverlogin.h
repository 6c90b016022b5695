#pragma once
// How the workstation and the wall reach the hall's central server: --server URL --user NAME,
// the password from --password-file (walls and scripts) or the login dialog (operators), and
// --ca FILE for a wss:// server whose certificate the system does not vouch for.

#include <QList>
#include <QSslCertificate>
#include <QString>
#include <QUrl>

class QWidget;

namespace gridhall {

struct ServerLogin {
    QUrl server;
    QString user;
    QString password; // empty: ask (workstation) or refuse (wall)
    QList<QSslCertificate> trusted;
};

// Checks the address (ws:// or wss:// with a host), reads the password file's first line and
// the CA file's PEM certificates. On a problem, *error says which option and why.
bool prepareServerLogin(const QString& url, const QString& user, const QString& passwordFile,
    const QString& caFile, ServerLogin* out, QString* error);

// Asks for what *login lacks with the login dialog (a user of "" is offered the system's);
// with identityFixed only the password may change. False when the operator cancels.
bool askLogin(ServerLogin* login, QWidget* parent = nullptr, const QString& message = {}, bool identityFixed = false);

// Where the replica of this server for this user lives unless --db says otherwise: one file
// per server and user in the app's data folder, so switching either never mixes replicas.
QString defaultReplicaPath(const QUrl& server, const QString& user);

} // namespace gridhall
