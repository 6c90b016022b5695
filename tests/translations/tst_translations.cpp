// zh_CN is a first-class language: every string the sources mark for translation must
// have a finished Chinese translation in the committed .ts file.

#include "translations/translator.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

namespace {
struct Message {
    QString context;
    QString source;
    QString translation;
    bool unfinished = false;
};

QList<Message> readTs(const QString& path, QString* error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot open ") + path;
        return {};
    }
    QList<Message> messages;
    QXmlStreamReader xml(&file);
    QString context;
    Message current;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (xml.name() == QLatin1String("message")) {
            current = Message { context, {}, {}, false };
        } else if (xml.name() == QLatin1String("source")) {
            current.source = xml.readElementText();
        } else if (xml.name() == QLatin1String("translation")) {
            const QString type = xml.attributes().value(QLatin1String("type")).toString();
            current.unfinished = type == QLatin1String("unfinished");
            const bool obsolete = type == QLatin1String("obsolete") || type == QLatin1String("vanished");
            current.translation = xml.readElementText(QXmlStreamReader::IncludeChildElements);
            if (!obsolete)
                messages.append(current);
        }
    }
    if (xml.hasError())
        *error = path + QStringLiteral(": ") + xml.errorString();
    return messages;
}

// Top-level folders of the tree that build code shipped to users (a CMakeLists.txt of
// their own), apart from tests and the translations themselves.
QStringList sourceFolders(const QString& root)
{
    QStringList folders;
    const QStringList notShipped { QStringLiteral("tests"), QStringLiteral("translations"), QStringLiteral("cmake"),
        QStringLiteral("deploy"), QStringLiteral("docs"), QStringLiteral("resources") };
    for (const QString& name : QDir(root).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        if (notShipped.contains(name) || name.startsWith(QLatin1String("build"))
            || !QFileInfo::exists(root + QLatin1Char('/') + name + QStringLiteral("/CMakeLists.txt")))
            continue;
        folders << name;
    }
    return folders;
}

QString key(const Message& m)
{
    return m.context + QLatin1Char('\x1f') + m.source;
}
} // namespace

class TestTranslations : public QObject {
    Q_OBJECT
private slots:
    void chineseIsComplete();
    void tsFilesMatchTheSources();
    void chineseReportHasNoEnglish();
    void datesFollowTheInterfaceLanguage();
};

void TestTranslations::chineseIsComplete()
{
    QString error;
    const QList<Message> messages
        = readTs(QStringLiteral(GRIDHALL_SOURCE_DIR "/translations/gridhall_zh_CN.ts"), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(messages.size() > 50);
    QStringList missing;
    for (const Message& m : messages) {
        if (m.unfinished || m.translation.trimmed().isEmpty())
            missing << m.context + QStringLiteral(": ") + m.source;
    }
    QVERIFY2(missing.isEmpty(),
        qPrintable(QStringLiteral("%1 untranslated (run `make translations`, then translate):\n")
                       .arg(missing.size())
            + missing.mid(0, 40).join(QLatin1Char('\n'))));
}

void TestTranslations::tsFilesMatchTheSources()
{
    // Run lupdate over the sources into a scratch file and compare the set of strings.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString scratch = dir.filePath(QStringLiteral("scratch_zh_CN.ts"));
    const QString root = QStringLiteral(GRIDHALL_SOURCE_DIR);
    QStringList args { QStringLiteral("-silent"), QStringLiteral("-locations"), QStringLiteral("none"),
        QStringLiteral("-I"), root };
    // Every library and program folder, not a list that a new folder can be missing from
    // (reports/ was, and the weekly report went out in English to zh_CN readers).
    const QStringList folders = sourceFolders(root);
    QVERIFY2(folders.contains(QStringLiteral("reports")) && folders.contains(QStringLiteral("app")),
        qPrintable(folders.join(QLatin1Char(' '))));
    for (const QString& folder : folders)
        args << root + QLatin1Char('/') + folder;
    args << QStringLiteral("-ts") << scratch;
    QProcess lupdate;
    lupdate.setProcessChannelMode(QProcess::MergedChannels);
    lupdate.start(QStringLiteral(LUPDATE_EXECUTABLE), args);
    QVERIFY2(lupdate.waitForFinished(120'000), "lupdate did not finish");
    QVERIFY2(lupdate.exitCode() == 0, lupdate.readAll().constData());

    QString error;
    const QList<Message> fromSources = readTs(scratch, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(!fromSources.isEmpty());
    for (const char* language : { "zh_CN", "en" }) {
        const QList<Message> committed = readTs(
            root + QStringLiteral("/translations/gridhall_%1.ts").arg(QLatin1String(language)), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QSet<QString> known;
        for (const Message& m : committed)
            known.insert(key(m));
        QStringList absent;
        for (const Message& m : fromSources)
            if (!known.contains(key(m)))
                absent << m.context + QStringLiteral(": ") + m.source;
        QVERIFY2(absent.isEmpty(),
            qPrintable(QStringLiteral("gridhall_%1.ts lacks %2 strings (run `make translations`):\n")
                           .arg(QLatin1String(language))
                           .arg(absent.size())
                + absent.mid(0, 40).join(QLatin1Char('\n'))));
    }
}

namespace {
QByteArray runProgram(const QString& program, const QStringList& args, int* exitCode)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("DISPLAY")); // the report picks the offscreen platform itself
    env.remove(QStringLiteral("QT_QPA_PLATFORM"));
    p.setProcessEnvironment(env);
    p.start(program, args);
    if (!p.waitForFinished(180'000)) {
        p.kill();
        p.waitForFinished();
    }
    *exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    return p.readAllStandardOutput() + p.readAllStandardError();
}
} // namespace

void TestTranslations::chineseReportHasNoEnglish()
{
    // The .ts files only know the strings lupdate finds; text drawn into PDFs and charts
    // can still come out English (a folder lupdate never read, a string without tr()). So
    // the real program writes the zh_CN weekly report of the demo district, for the district
    // and for one street, and the text poppler extracts from it must hold no Latin word
    // beyond the few allowed here.
    const QStringList allowed {
        QStringLiteral("GridHall"), // the product's name
    };
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString hall = dir.filePath(QStringLiteral("hall.sqlite"));
    int rc = -1;
    QByteArray output = runProgram(QStringLiteral(GRIDHALL_BINARY_DIR "/app/gridhall-server"),
        { QStringLiteral("demo-data"), QStringLiteral("--db"), hall, QStringLiteral("--end"), QStringLiteral("2026-11-22") }, &rc);
    QVERIFY2(rc == 0, output.constData());
    const QByteArray street = runProgram(QStringLiteral("sqlite3"),
        { hall, QStringLiteral("SELECT code FROM streets ORDER BY code LIMIT 1") }, &rc).trimmed();
    QVERIFY2(rc == 0 && street.size() == 9, street.constData());
    for (const QStringList& scope : { QStringList {}, QStringList { QStringLiteral("--street"), QString::fromLatin1(street) } }) {
        const QString pdf = dir.filePath(QStringLiteral("report%1.pdf").arg(scope.size()));
        output = runProgram(QStringLiteral(GRIDHALL_BINARY_DIR "/app/gridhall"),
            QStringList { QStringLiteral("report"), QStringLiteral("--db"), hall, QStringLiteral("--week"), QStringLiteral("2026-W47"),
                QStringLiteral("--lang"), QStringLiteral("zh_CN"), QStringLiteral("--as-of"), QStringLiteral("2026-11-23T08:00"),
                QStringLiteral("--out"), pdf }
                + scope,
            &rc);
        QVERIFY2(rc == 0, output.constData());
        const QString text = QString::fromUtf8(runProgram(QStringLiteral("pdftotext"), { pdf, QStringLiteral("-") }, &rc));
        QCOMPARE(rc, 0);
        // Extraction works: headings, charts' titles and the appendix are there in Chinese.
        for (const QString& expected : { QStringLiteral("主要指标"), QStringLiteral("结案率"), QStringLiteral("附录") })
            QVERIFY2(text.contains(expected), qPrintable(expected));
        // Words of two or more Latin letters (codes and week ids like 2026-W47 have one).
        QStringList english;
        static const QRegularExpression word(QStringLiteral("[A-Za-z]{2,}"));
        for (auto it = word.globalMatch(text); it.hasNext();) {
            const QRegularExpressionMatch m = it.next();
            if (allowed.contains(m.captured(0)))
                continue;
            const qsizetype from = std::max<qsizetype>(0, m.capturedStart() - 30);
            english << text.mid(from, m.capturedEnd() - from + 30).simplified();
        }
        english.removeDuplicates();
        QVERIFY2(english.isEmpty(), qPrintable(QStringLiteral("English in the zh_CN report %1:\n").arg(scope.join(QLatin1Char(' ')))
                                        + english.mid(0, 30).join(QLatin1Char('\n'))));
    }
}

void TestTranslations::datesFollowTheInterfaceLanguage()
{
    // A hall's PCs often run an English (or C) system locale under the Chinese interface:
    // the status bar's "data as of" must not read "7 Dec 2026" among Chinese words.
    const QDateTime at(QDate(2026, 12, 7), QTime(7, 16));
    QVERIFY(gridhall::installLanguage(QStringLiteral("zh_CN")));
    QCOMPARE(QLocale().language(), QLocale::Chinese);
    const QString chinese = QLocale().toString(at, QLocale::LongFormat);
    QVERIFY2(chinese.contains(QStringLiteral("12月")), qPrintable(chinese));
    QVERIFY(gridhall::installLanguage(QStringLiteral("en")));
    QCOMPARE(QLocale().language(), QLocale::English);
    const QString english = QLocale().toString(at, QLocale::LongFormat);
    QVERIFY2(english.contains(QStringLiteral("December")), qPrintable(english));
    const QString time = QLocale().toString(at.time().addSecs(12 * 3600), QLocale::ShortFormat);
    QVERIFY2(time.startsWith(QStringLiteral("19")), qPrintable(time)); // a 24-hour clock
}

QTEST_GUILESS_MAIN(TestTranslations)
#include "tst_translations.moc"
