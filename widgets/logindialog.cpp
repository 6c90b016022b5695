#include "widgets/logindialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace gridhall {

LoginDialog::LoginDialog(QWidget* parent)
    : QDialog(parent)
    , m_message(new QLabel(this))
    , m_server(new QLineEdit(this))
    , m_user(new QLineEdit(this))
    , m_password(new QLineEdit(this))
    , m_problem(new QLabel(this))
{
    setWindowTitle(tr("Log in to the GridHall server"));
    m_message->setObjectName(QStringLiteral("loginMessage"));
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("color: #b3261e; font-weight: bold;")); // why it asks again
    m_message->hide();
    m_server->setObjectName(QStringLiteral("loginServer"));
    m_server->setPlaceholderText(QStringLiteral("wss://gridhall.example.gov.cn:8443"));
    m_user->setObjectName(QStringLiteral("loginUser"));
    m_password->setObjectName(QStringLiteral("loginPassword"));
    m_password->setEchoMode(QLineEdit::Password);
    m_problem->setObjectName(QStringLiteral("loginProblem"));
    m_problem->setStyleSheet(QStringLiteral("color: #b3261e;"));
    m_problem->setWordWrap(true);

    auto* form = new QFormLayout;
    form->addRow(tr("&Server:"), m_server);
    form->addRow(tr("&User:"), m_user);
    form->addRow(tr("&Password:"), m_password);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("Log in"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addWidget(buttons);
    for (QLineEdit* e : { m_server, m_user, m_password })
        connect(e, &QLineEdit::textChanged, this, &LoginDialog::check);
    setMinimumWidth(440);
    check();
}

void LoginDialog::setServer(const QString& url)
{
    m_server->setText(url);
}

void LoginDialog::setUser(const QString& user)
{
    m_user->setText(user);
    // The usual case: address and user known from last time, only the password to type.
    if (!m_server->text().isEmpty() && !user.isEmpty())
        m_password->setFocus();
}

void LoginDialog::setMessage(const QString& text)
{
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
}

void LoginDialog::setIdentityFixed(bool fixed)
{
    m_server->setReadOnly(fixed);
    m_user->setReadOnly(fixed);
    if (fixed)
        m_password->setFocus();
}

QUrl LoginDialog::server() const
{
    return servers().value(0);
}

QList<QUrl> LoginDialog::servers() const
{
    QList<QUrl> urls;
    for (const QString& part : m_server->text().split(QLatin1Char(','), Qt::SkipEmptyParts))
        if (!part.trimmed().isEmpty())
            urls.append(QUrl(part.trimmed()));
    return urls;
}

bool LoginDialog::parseServerList(const QString& text, QList<QUrl>* urls, QString* why)
{
    QList<QUrl> out;
    for (const QString& part : text.split(QLatin1Char(','))) {
        const QUrl url(part.trimmed());
        QString problem;
        if (part.trimmed().isEmpty())
            problem = tr("The server list has an empty entry; separate addresses with single commas");
        else if (!isServerUrl(url, &problem) && text.contains(QLatin1Char(',')))
            problem = QStringLiteral("%1: %2").arg(part.trimmed(), problem);
        if (!problem.isEmpty()) {
            if (why)
                *why = problem;
            return false;
        }
        out.append(url);
    }
    if (urls)
        *urls = out;
    return true;
}

QString LoginDialog::user() const
{
    return m_user->text().trimmed();
}

QString LoginDialog::password() const
{
    return m_password->text();
}

bool LoginDialog::isServerUrl(const QUrl& url, QString* why)
{
    QString problem;
    if (!url.isValid() || url.host().isEmpty())
        problem = tr("The server address needs a host, e.g. wss://gridhall.example.gov.cn:8443");
    else if (url.scheme() != QLatin1String("ws") && url.scheme() != QLatin1String("wss"))
        problem = tr("The server address must start with wss:// (or ws:// on a trusted network), not %1://").arg(url.scheme());
    if (why)
        *why = problem;
    return problem.isEmpty();
}

QString LoginDialog::problem() const
{
    QString why;
    if (m_server->text().trimmed().isEmpty())
        return tr("Enter the server address.");
    if (!parseServerList(m_server->text().trimmed(), nullptr, &why))
        return why;
    if (user().isEmpty())
        return tr("Enter your user name.");
    if (password().isEmpty())
        return tr("Enter your password.");
    return {};
}

void LoginDialog::check()
{
    const QString why = problem();
    // Say what is wrong with the address as it is typed; "enter X" only shows as a disabled button.
    const bool typedBadAddress = !m_server->text().trimmed().isEmpty() && !isServerUrl(server());
    m_problem->setText(typedBadAddress ? why : QString());
    m_problem->setVisible(typedBadAddress);
    m_ok->setEnabled(why.isEmpty());
}

} // namespace gridhall
