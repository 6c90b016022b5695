// The man pages the packages ship (docs/man) against the programs themselves: every
// gridhall-server command has its page in section 8, and every long option that a program's
// or subcommand's --help lists is described in its page; each page formats without a groff
// warning. A new option or command without its documentation fails here, not in a user's hands.
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

namespace {

QString binary(const QString& name)
{
    return QStringLiteral(GRIDHALL_BINARY_DIR "/app/") + name;
}

QString manPage(const QString& name)
{
    return QStringLiteral(GRIDHALL_SOURCE_DIR "/docs/man/") + name;
}

QString helpOf(const QString& program, const QStringList& args)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(binary(program), args + QStringList { QStringLiteral("--help") });
    if (!p.waitForFinished(30000))
        return {};
    return QString::fromUtf8(p.readAll());
}

// Long options from a Qt --help text: the ones that start an entry of the option list.
QStringList longOptions(const QString& help)
{
    static const QRegularExpression entry(QStringLiteral("^  (?:-\\w, )?--([a-z0-9-]+)"), QRegularExpression::MultilineOption);
    QStringList names;
    for (auto it = entry.globalMatch(help); it.hasNext();)
        names << it.next().captured(1);
    return names;
}

// gridhall-server's command names, from its own list.
QStringList serverCommands()
{
    QProcess p;
    p.start(binary(QStringLiteral("gridhall-server")), { QStringLiteral("--help") });
    p.waitForFinished(30000);
    static const QRegularExpression command(QStringLiteral("^  ([a-z][a-z-]+) "), QRegularExpression::MultilineOption);
    QStringList names;
    for (auto it = command.globalMatch(QString::fromUtf8(p.readAllStandardOutput())); it.hasNext();)
        names << it.next().captured(1);
    return names;
}

QString groffEscaped(const QString& text)
{
    return QString(text).replace(QLatin1Char('-'), QStringLiteral("\\-"));
}

} // namespace

class TestManPages : public QObject {
    Q_OBJECT
private slots:
    void everyServerCommandHasItsPage()
    {
        const QStringList commands = serverCommands();
        QVERIFY2(commands.size() >= 8, qPrintable(commands.join(QLatin1Char(' '))));
        QFile overview(manPage(QStringLiteral("gridhall-server.8")));
        QVERIFY(overview.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(overview.readAll());
        for (const QString& c : commands) {
            const QString page = QStringLiteral("gridhall-server-%1.8").arg(c);
            QVERIFY2(QFile::exists(manPage(page)), qPrintable(page + QStringLiteral(" is missing")));
            QVERIFY2(text.contains(QStringLiteral(".B ") + groffEscaped(c) + QLatin1Char('\n')),
                qPrintable(QStringLiteral("gridhall-server.8 does not list ") + c));
            QVERIFY2(text.contains(groffEscaped(QStringLiteral("gridhall-server-") + c) + QStringLiteral(" (8)")),
                qPrintable(QStringLiteral("gridhall-server.8 does not refer to ") + page));
        }
    }

    void pagesDescribeEveryOption_data()
    {
        QTest::addColumn<QString>("program");
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("page");
        QTest::newRow("gridhall") << "gridhall" << QStringList() << "gridhall.1";
        QTest::newRow("gridhall report") << "gridhall" << QStringList { "report" } << "gridhall-report.1";
        QTest::newRow("gridhall heatmap") << "gridhall" << QStringList { "heatmap" } << "gridhall-heatmap.1";
        QTest::newRow("gridhall-sim") << "gridhall-sim" << QStringList() << "gridhall-sim.1";
        QTest::newRow("gridhall-cameras") << "gridhall-cameras" << QStringList() << "gridhall-cameras.1";
        for (const QString& c : serverCommands())
            QTest::newRow(qPrintable(QStringLiteral("gridhall-server ") + c)) << "gridhall-server" << QStringList { c }
                                                                             << QStringLiteral("gridhall-server-%1.8").arg(c);
    }

    void pagesDescribeEveryOption()
    {
        QFETCH(QString, program);
        QFETCH(QStringList, args);
        QFETCH(QString, page);
        const QString help = helpOf(program, args);
        QVERIFY2(help.contains(QLatin1String("Usage:")), qPrintable(help));
        QFile file(manPage(page));
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(page));
        const QString text = QString::fromUtf8(file.readAll());
        QStringList missing;
        for (const QString& option : longOptions(help))
            if (!text.contains(QStringLiteral("\\-\\-") + groffEscaped(option)))
                missing << QStringLiteral("--") + option;
        QVERIFY2(missing.isEmpty(), qPrintable(page + QStringLiteral(" lacks ") + missing.join(QStringLiteral(", "))));
    }

    void pagesFormatWithoutWarnings()
    {
        const QStringList pages = QDir(QStringLiteral(GRIDHALL_SOURCE_DIR "/docs/man")).entryList({ "*.1", "*.8" }, QDir::Files);
        QVERIFY(pages.size() >= 8);
        for (const QString& page : pages) {
            QProcess groff;
            groff.start(QStringLiteral("groff"), { "-man", "-Tutf8", "-ww", "-z", manPage(page) });
            QVERIFY2(groff.waitForFinished(30000), "groff (groff-base) did not run");
            QCOMPARE(groff.exitCode(), 0);
            const QByteArray warnings = groff.readAllStandardError();
            QVERIFY2(warnings.isEmpty(), qPrintable(page + QStringLiteral(": ") + QString::fromUtf8(warnings)));
        }
    }
};

QTEST_GUILESS_MAIN(TestManPages)
#include "tst_manpages.moc"
