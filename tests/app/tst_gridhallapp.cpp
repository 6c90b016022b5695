// The real gridhall program, end to end: options, a damaged store, and a screenshot of the
// window on a real demo district.

#include <QFile>
#include <QImage>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {
const QString kApp = QStringLiteral(GRIDHALL_BINARY_DIR "/app/gridhall");
const QString kServer = QStringLiteral(GRIDHALL_BINARY_DIR "/app/gridhall-server");

struct Run {
    int exitCode = -1;
    QString output;
};

Run run(const QString& program, const QStringList& args, const QString& home, int timeoutMs = 180'000)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    // Settings and demo data go to a scratch home, never the developer's own.
    env.insert(QStringLiteral("HOME"), home);
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home + QStringLiteral("/config"));
    env.insert(QStringLiteral("XDG_DATA_HOME"), home + QStringLiteral("/data"));
    p.setProcessEnvironment(env);
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, args);
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        return { -1, QStringLiteral("timed out") };
    }
    return { p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAll()) };
}
} // namespace

class TestGridhallApp : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void badOptions_data();
    void badOptions();
    void damagedStoreIsReported();
    void screenshotShowsTheDistrict_data();
    void screenshotShowsTheDistrict();

private:
    QTemporaryDir m_home;
    QString m_db;
};

void TestGridhallApp::initTestCase()
{
    QVERIFY(QFile::exists(kApp));
    QVERIFY(m_home.isValid());
    m_db = m_home.filePath(QStringLiteral("district.sqlite"));
    const Run r = run(kServer, { QStringLiteral("demo-data"), QStringLiteral("--db"), m_db,
                                   QStringLiteral("--end"), QStringLiteral("2026-11-20"),
                                   QStringLiteral("--cases-per-day"), QStringLiteral("200") },
        m_home.path());
    QVERIFY2(r.exitCode == 0, qPrintable(r.output));
}

void TestGridhallApp::badOptions_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("mentions");
    QTest::addRow("no store") << QStringList {} << QStringLiteral("--db");
    QTest::addRow("unknown language") << QStringList { QStringLiteral("--db"), QStringLiteral("x.sqlite"), QStringLiteral("--lang"), QStringLiteral("fr") } << QStringLiteral("fr");
    QTest::addRow("bad size") << QStringList { QStringLiteral("--db"), QStringLiteral("x.sqlite"), QStringLiteral("--size"), QStringLiteral("big") } << QStringLiteral("--size");
    QTest::addRow("bad theme") << QStringList { QStringLiteral("--db"), QStringLiteral("x.sqlite"), QStringLiteral("--theme"), QStringLiteral("pink") } << QStringLiteral("pink");
    QTest::addRow("stray argument") << QStringList { QStringLiteral("--db"), QStringLiteral("x.sqlite"), QStringLiteral("extra") } << QStringLiteral("extra");
}

void TestGridhallApp::badOptions()
{
    QFETCH(QStringList, args);
    QFETCH(QString, mentions);
    const Run r = run(kApp, args, m_home.path(), 30'000);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.output.contains(mentions), qPrintable(r.output));
}

void TestGridhallApp::damagedStoreIsReported()
{
    const QString bad = m_home.filePath(QStringLiteral("garbage.sqlite"));
    QFile f(bad);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray(8192, 'x'));
    f.close();
    const QString shot = m_home.filePath(QStringLiteral("never.png"));
    const Run r = run(kApp, { QStringLiteral("--db"), bad, QStringLiteral("--screenshot"), shot }, m_home.path(), 60'000);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.output.contains(QStringLiteral("garbage.sqlite")), qPrintable(r.output));
    QVERIFY(!QFile::exists(shot));
    // Nothing was written over the file the user pointed at.
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), QByteArray(8192, 'x'));
}

void TestGridhallApp::screenshotShowsTheDistrict_data()
{
    QTest::addColumn<QString>("lang");
    QTest::addColumn<QString>("theme");
    QTest::addColumn<QSize>("size");
    QTest::addRow("zh desk") << QStringLiteral("zh_CN") << QStringLiteral("light") << QSize(1920, 1080);
    QTest::addRow("en wall") << QStringLiteral("en") << QStringLiteral("dark") << QSize(3840, 2160);
}

void TestGridhallApp::screenshotShowsTheDistrict()
{
    QFETCH(QString, lang);
    QFETCH(QString, theme);
    QFETCH(QSize, size);
    const QString shot = m_home.filePath(QStringLiteral("shot-%1.png").arg(lang));
    const Run r = run(kApp, { QStringLiteral("--db"), m_db, QStringLiteral("--lang"), lang,
                                QStringLiteral("--theme"), theme, QStringLiteral("--size"),
                                QStringLiteral("%1x%2").arg(size.width()).arg(size.height()),
                                QStringLiteral("--screenshot"), shot },
        m_home.path());
    QVERIFY2(r.exitCode == 0, qPrintable(r.output));
    const QImage image(shot);
    QVERIFY(!image.isNull());
    QCOMPARE(image.size(), size);
    // Not a blank window: many distinct colours (text, tiles, tree).
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 7)
        for (int x = 0; x < image.width(); x += 7)
            colours.insert(image.pixel(x, y));
    QVERIFY2(colours.size() > 20, qPrintable(QString::number(colours.size())));
}

QTEST_GUILESS_MAIN(TestGridhallApp)
#include "tst_gridhallapp.moc"
