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
    // One hall's server instances (--server URL1,URL2,…; they share one database); the
    // client moves to the next one when its link is lost.
    QList<QUrl> servers;
    bool valid() const { return !servers.isEmpty(); }
    QString serversText() const; // as given: "URL1,URL2"
    QString user;
    QString password; // empty: ask (workstation) or refuse (wall)
    QList<QSslCertificate> trusted;
};

// Checks the addresses (ws:// or wss:// with a host, comma-separated), reads the password file's first line and
// the CA file's PEM certificates. On a problem, *error says which option and why.
bool prepareServerLogin(const QString& url, const QString& user, const QString& passwordFile,
    const QString& caFile, ServerLogin* out, QString* error);

// Asks for what *login lacks with the login dialog (a user of "" is offered the system's);
// with identityFixed only the password may change. False when the operator cancels.
bool askLogin(ServerLogin* login, QWidget* parent = nullptr, const QString& message = {}, bool identityFixed = false);

// Where the replica of this hall for this user lives unless --db says otherwise: one file
// per hall and user in the app's data folder, so switching either never mixes replicas.
// A hall is named by the first of its instances: they share one database (one epoch and
// change log), so the replica stays valid whichever instance serves it, and the file
// cannot depend on the epoch, which is only known once a server answered.
QString defaultReplicaPath(const QList<QUrl>& servers, const QString& user);

} // namespace gridhall
