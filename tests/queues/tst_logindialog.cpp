// The login dialog at the start of a shift: Log in stays disabled until the address is a
// ws:// or wss:// URL with a host and user and password are given; a wrong scheme is named as
// it is typed; the password is never shown.

#include "widgets/logindialog.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTest>

using namespace gridhall;

class TestLoginDialog : public QObject {
    Q_OBJECT
private slots:
    void logInOnlyWithEverythingGiven()
    {
        LoginDialog dialog;
        auto* server = dialog.findChild<QLineEdit*>(QStringLiteral("loginServer"));
        auto* user = dialog.findChild<QLineEdit*>(QStringLiteral("loginUser"));
        auto* password = dialog.findChild<QLineEdit*>(QStringLiteral("loginPassword"));
        auto* problem = dialog.findChild<QLabel*>(QStringLiteral("loginProblem"));
        QPushButton* ok = dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
        QVERIFY(server && user && password && problem && ok);
        QCOMPARE(password->echoMode(), QLineEdit::Password);
        QVERIFY(!ok->isEnabled());

        QTest::keyClicks(server, QStringLiteral("http://hall.example:8443"));
        QVERIFY(!problem->isHidden());
        QVERIFY2(problem->text().contains(QStringLiteral("wss://")), qPrintable(problem->text()));
        server->clear();
        QTest::keyClicks(server, QStringLiteral("wss://hall.example:8443"));
        QVERIFY(problem->isHidden());
        QVERIFY(!ok->isEnabled()); // no user, no password yet
        QTest::keyClicks(user, QStringLiteral("op"));
        QVERIFY(!ok->isEnabled());
        QTest::keyClicks(password, QStringLiteral("s3cret"));
        QVERIFY(ok->isEnabled());
        QVERIFY(dialog.problem().isEmpty());
        QCOMPARE(dialog.server(), QUrl(QStringLiteral("wss://hall.example:8443")));
        QCOMPARE(dialog.user(), QStringLiteral("op"));
        QCOMPARE(dialog.password(), QStringLiteral("s3cret"));

        QVERIFY(!LoginDialog::isServerUrl(QUrl(QStringLiteral("ws://"))));
        QVERIFY(LoginDialog::isServerUrl(QUrl(QStringLiteral("ws://127.0.0.1:9000"))));
    }

    void knownServerAndUserAskOnlyForThePassword()
    {
        LoginDialog dialog;
        dialog.setServer(QStringLiteral("wss://hall.example:8443"));
        dialog.setUser(QStringLiteral("op"));
        dialog.setMessage(QStringLiteral("The server refused the login: Unknown user or wrong password"));
        // Asked again for the replica already open: only the password may change.
        dialog.setIdentityFixed(true);
        QVERIFY(dialog.findChild<QLineEdit*>(QStringLiteral("loginServer"))->isReadOnly());
        QVERIFY(dialog.findChild<QLineEdit*>(QStringLiteral("loginUser"))->isReadOnly());
        QVERIFY(!dialog.findChild<QLineEdit*>(QStringLiteral("loginPassword"))->isReadOnly());
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QCOMPARE(QApplication::focusWidget(), dialog.findChild<QLineEdit*>(QStringLiteral("loginPassword")));
        const QString shot = QStringLiteral(GRIDHALL_BINARY_DIR) + QStringLiteral("/login-dialog.png");
        QVERIFY(dialog.grab().save(shot));
        qInfo("screenshot: %s", qPrintable(shot));
        QTest::keyClicks(QApplication::focusWidget(), QStringLiteral("pw"));
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
    }
};

QTEST_MAIN(TestLoginDialog)
#include "tst_logindialog.moc"
