// `gridhall report` end to end: the real program writes the PDF and XLSX for the fixture
// without a display, and refuses bad options with exit code 2 and failures with 1, naming
// the file.

#include "reportfixture.h"

#include <QFileInfo>
#include <QProcess>

using namespace gridhall;
using namespace reporttest;

namespace {

struct RunResult {
    int exitCode = -1;
    QString out, err;
};

RunResult runReport(const QStringList& args)
{
    QProcess p;
    p.setProgram(QStringLiteral(GRIDHALL_BINARY_DIR "/app/gridhall"));
    p.setArguments(QStringList { QStringLiteral("report") } + args);
    // No display at all: the command must pick the offscreen platform itself.
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
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

QTEST_MAIN(TestReportCommand)
#include "tst_reportcommand.moc"
