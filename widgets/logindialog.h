#pragma once
// Logging in to the central server at the start of a shift: the server's address (ws:// or
// wss://), the user name and the password. The password is never stored; the address and
// user are offered again next time by the app (QSettings).

#include <QDialog>
#include <QUrl>

class QLabel;
class QLineEdit;
class QPushButton;

namespace gridhall {

class LoginDialog : public QDialog {
    Q_OBJECT
public:
    explicit LoginDialog(QWidget* parent = nullptr);

    void setServer(const QString& url);
    void setUser(const QString& user);
    // Shown above the fields, e.g. why the last attempt failed.
    void setMessage(const QString& text);
    // Only the password may change (a new try for the same server and user, whose replica
    // is already open).
    void setIdentityFixed(bool fixed);

    QUrl server() const; // the first of servers()
    // The field may list several instances of the hall's server, separated by commas.
    QList<QUrl> servers() const;
    QString user() const;
    QString password() const;
    // Empty when the fields can be used; otherwise what is missing or wrong.
    QString problem() const;

    // A ws:// or wss:// URL with a host; *why says what is wrong otherwise.
    static bool isServerUrl(const QUrl& url, QString* why = nullptr);
    // "URL1,URL2,…": every one a server URL; *why names the bad one otherwise.
    static bool parseServerList(const QString& text, QList<QUrl>* urls, QString* why = nullptr);

private:
    void check();

    QLabel* m_message = nullptr;
    QLineEdit* m_server = nullptr;
    QLineEdit* m_user = nullptr;
    QLineEdit* m_password = nullptr;
    QLabel* m_problem = nullptr;
    QPushButton* m_ok = nullptr;
};

} // namespace gridhall
