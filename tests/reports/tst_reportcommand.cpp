// `gridhall report` end to end: the real program writes the PDF and XLSX for the fixture
// without a display, and refuses bad options with exit code 2 and failures with 1, naming
// the file.

#include "reportfixture.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>

using namespace gridhall;
using namespace reporttest;

namespace {

struct RunResult {
    int exitCode = -1;
    QString out, err;
};

RunResult runReport(const QStringList& args, QProcessEnvironment env = QProcessEnvironment::systemEnvironment())
{
    QProcess p;
    p.setProgram(QStringLiteral(GRIDHALL_BINARY_DIR "/app/gridhall"));
    p.setArguments(QStringList { QStringLiteral("report") } + args);
    // No display at all: the command must pick the offscreen platform itself.
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    env.remove(QStringLiteral("QT_QPA_PLATFORM"));
    p.setProcessEnvironment(env);
    p.start();
    RunResult r;
    if (!p.waitForFinished(120000)) {
        p.kill();
        p.waitForFinished();
        r.err = QStringLiteral("timed out");
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

} // namespace

class TestReportCommand : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(m_fx.make(30)); }
    void writesPdfAndXlsx();
    void oneStreet();
    void badOptions_data();
    void badOptions();
    void failuresNameTheFile();
    void timerUnitWritesLastWeekAndMails();

private:
    Fixture m_fx;
};

void TestReportCommand::writesPdfAndXlsx()
{
    const QString pdf = m_fx.dir.filePath(QStringLiteral("r.pdf"));
    const QString xlsx = m_fx.dir.filePath(QStringLiteral("r.xlsx"));
    const RunResult r = runReport({ QStringLiteral("--db"), m_fx.dbPath, QStringLiteral("--week"), kWeek,
        QStringLiteral("--out"), pdf, QStringLiteral("--xlsx"), xlsx, QStringLiteral("--lang"), QStringLiteral("en"),
        QStringLiteral("--as-of"), m_fx.asOf.toString(Qt::ISODate) });
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY(r.out.contains(pdf));
    QVERIFY(QFileInfo(pdf).size() > 10000);
    QVERIFY(QFileInfo(xlsx).size() > 2000);
    QProcess text;
    text.start(QStringLiteral("pdftotext"), { pdf, QStringLiteral("-") });
    QVERIFY(text.waitForFinished(60000));
    const QString content = QString::fromUtf8(text.readAllStandardOutput());
    const EngineWeek engine = engineWeek(*m_fx.store, QString(), isoWeekStart(kWeek));
    QVERIFY(content.contains(QString::number(engine.total.counts.reported)));
    QVERIFY(content.contains(QStringLiteral("Weekly KPI report")));
}

void TestReportCommand::oneStreet()
{
    const QString street = m_fx.store->streets().first().code;
    const QString pdf = m_fx.dir.filePath(QStringLiteral("s.pdf"));
    const RunResult r = runReport({ QStringLiteral("--db"), m_fx.dbPath, QStringLiteral("--week"), kWeek,
        QStringLiteral("--street"), street, QStringLiteral("--out"), pdf });
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY(QFileInfo(pdf).size() > 10000);
}

void TestReportCommand::badOptions_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    const QString db = QStringLiteral("DB");
    QTest::newRow("no db") << QStringList { "--week", "2026-W47", "--out", "x.pdf" } << "--db";
    QTest::newRow("no week") << QStringList { "--db", db, "--out", "x.pdf" } << "--week";
    QTest::newRow("no out") << QStringList { "--db", db, "--week", "2026-W47" } << "--out";
    QTest::newRow("bad week") << QStringList { "--db", db, "--week", "2026-47", "--out", "x.pdf" } << "2026-47";
    QTest::newRow("week 53 of a 52-week year") << QStringList { "--db", db, "--week", "2025-W53", "--out", "x.pdf" } << "2025-W53";
    QTest::newRow("bad street") << QStringList { "--db", db, "--week", "2026-W47", "--street", "12ab", "--out", "x.pdf" } << "12ab";
    QTest::newRow("bad as-of") << QStringList { "--db", db, "--week", "2026-W47", "--out", "x.pdf", "--as-of", "tomorrow" } << "tomorrow";
    QTest::newRow("bad lang") << QStringList { "--db", db, "--week", "2026-W47", "--out", "x.pdf", "--lang", "xx" } << "xx";
    QTest::newRow("unknown option") << QStringList { "--db", db, "--week", "2026-W47", "--out", "x.pdf", "--colour" } << "colour";
    QTest::newRow("stray argument") << QStringList { "--db", db, "--week", "2026-W47", "--out", "x.pdf", "extra" } << "extra";
    QTest::newRow("same file twice") << QStringList { "--db", db, "--week", "2026-W47", "--out", "x.pdf", "--xlsx", "x.pdf" } << "--xlsx";
}

void TestReportCommand::badOptions()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    for (QString& a : args)
        if (a == QLatin1String("DB"))
            a = m_fx.dbPath;
    const RunResult r = runReport(args);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains(message), qPrintable(r.err));
    QVERIFY(r.err.contains(QStringLiteral("Usage")));
}

void TestReportCommand::failuresNameTheFile()
{
    const QString missing = m_fx.dir.filePath(QStringLiteral("missing.sqlite"));
    RunResult r = runReport({ QStringLiteral("--db"), missing, QStringLiteral("--week"), kWeek, QStringLiteral("--out"),
        m_fx.dir.filePath(QStringLiteral("m.pdf")) });
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(missing), qPrintable(r.err));
    QVERIFY(!QFileInfo::exists(missing)); // not created by the attempt

    const QString unwritable = QStringLiteral("/nonexistent-dir-gridhall/r.pdf");
    r = runReport({ QStringLiteral("--db"), m_fx.dbPath, QStringLiteral("--week"), kWeek, QStringLiteral("--out"), unwritable });
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(unwritable), qPrintable(r.err));

    const QString unknownStreet = QStringLiteral("440106999");
    r = runReport({ QStringLiteral("--db"), m_fx.dbPath, QStringLiteral("--week"), kWeek, QStringLiteral("--street"),
        unknownStreet, QStringLiteral("--out"), m_fx.dir.filePath(QStringLiteral("u.pdf")) });
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(unknownStreet), qPrintable(r.err));
}

void TestReportCommand::timerUnitWritesLastWeekAndMails()
{
    // The command line of deploy/gridhall-report.service, run as systemd would run it
    // (its Environment= settings filled in), with a sendmail on PATH that keeps its input:
    // the local MTA is where the report leaves us.
    QFile unit(QStringLiteral(GRIDHALL_SOURCE_DIR "/deploy/gridhall-report.service"));
    QVERIFY(unit.open(QIODevice::ReadOnly | QIODevice::Text));
    QHash<QString, QString> settings;
    QString execStart;
    for (const QString& line : QString::fromUtf8(unit.readAll()).split(QLatin1Char('\n'))) {
        if (line.startsWith(QLatin1String("Environment="))) {
            const QString kv = line.mid(12);
            settings.insert(kv.section(QLatin1Char('='), 0, 0), kv.section(QLatin1Char('='), 1));
        } else if (line.startsWith(QLatin1String("ExecStart="))) {
            execStart = line.mid(10);
        }
    }
    QVERIFY2(execStart.startsWith(QLatin1String("/usr/bin/gridhall report ")), qPrintable(execStart));
    QVERIFY(settings.contains(QStringLiteral("GRIDHALL_REPORT_DIR")));
    const QString folder = m_fx.dir.filePath(QStringLiteral("reports"));
    settings[QStringLiteral("GRIDHALL_REPORT_DB")] = m_fx.dbPath;
    settings[QStringLiteral("GRIDHALL_REPORT_DIR")] = folder;
    settings[QStringLiteral("GRIDHALL_REPORT_LANG")] = QStringLiteral("zh_CN");
    settings[QStringLiteral("GRIDHALL_REPORT_MAIL")] = QStringLiteral("--mail-to leader@example.org,office@example.org");
    QStringList args;
    for (const QString& word : execStart.split(QLatin1Char(' '), Qt::SkipEmptyParts).mid(2)) {
        QString w = word;
        if (w.startsWith(QLatin1String("${")))
            args << settings.value(w.mid(2, w.size() - 3));
        else if (w.startsWith(QLatin1Char('$')))
            args << settings.value(w.mid(1)).split(QLatin1Char(' '), Qt::SkipEmptyParts);
        else
            args << w;
    }
    const QString bin = m_fx.dir.filePath(QStringLiteral("bin"));
    QVERIFY(QDir().mkpath(bin));
    const QString log = m_fx.dir.filePath(QStringLiteral("mail.txt"));
    QFile fake(bin + QStringLiteral("/sendmail"));
    QVERIFY(fake.open(QIODevice::WriteOnly));
    fake.write("#!/bin/sh\necho \"$@\" > \"$MAIL_LOG.args\"\ncat > \"$MAIL_LOG\"\n");
    fake.close();
    fake.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PATH"), bin + QLatin1Char(':') + env.value(QStringLiteral("PATH")));
    env.insert(QStringLiteral("MAIL_LOG"), log);
    const RunResult r = runReport(args, env);
    QVERIFY2(r.exitCode == 0, qPrintable(r.err + r.out));

    // Last week's report, named by its ISO week, in the folder.
    const QString week = isoWeekName(weekStartOf(QDateTime::currentDateTime()).addDays(-7).date());
    const QString pdf = folder + QStringLiteral("/gridhall-report-") + week + QStringLiteral(".pdf");
    QVERIFY2(QFileInfo(pdf).size() > 10000, qPrintable(pdf + QStringLiteral(" / ") + r.out));
    QCOMPARE(QDir(folder).entryList(QDir::Files), QStringList { QFileInfo(pdf).fileName() });

    // One message for sendmail -t: both recipients, a Chinese subject naming the week,
    // and the PDF itself attached.
    QFile mail(log);
    QVERIFY(mail.open(QIODevice::ReadOnly));
    const QByteArray message = mail.readAll();
    QVERIFY(message.contains("To: leader@example.org, office@example.org\r\n"));
    QFile argsFile(log + QStringLiteral(".args"));
    QVERIFY(argsFile.open(QIODevice::ReadOnly));
    QVERIFY(argsFile.readAll().startsWith("-t"));
    const qsizetype subjectAt = message.indexOf("Subject: =?UTF-8?B?");
    QVERIFY(subjectAt >= 0);
    const QByteArray encoded = message.mid(subjectAt + 19, message.indexOf("?=", subjectAt) - subjectAt - 19);
    const QString subject = QString::fromUtf8(QByteArray::fromBase64(encoded));
    QVERIFY2(subject.contains(week) && subject.contains(QStringLiteral("报告")), qPrintable(subject));
    QVERIFY(message.contains(QByteArray("filename=\"" + QFileInfo(pdf).fileName().toUtf8() + "\"")));
    QFile pdfFile(pdf);
    QVERIFY(pdfFile.open(QIODevice::ReadOnly));
    QVERIFY(message.contains(pdfFile.read(57).toBase64())); // the attachment's first line
}

QTEST_MAIN(TestReportCommand)
#include "tst_reportcommand.moc"
