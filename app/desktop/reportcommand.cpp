#include "app/desktop/reportcommand.h"

#include "app/desktop/subcommand.h"

#include "models/store/kpioverview.h"
#include "models/store/store.h"
#include "reports/weeklyreport.h"
#include "translations/translator.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTextStream>
#include <QUuid>

#include <algorithm>

namespace gridhall {

namespace {

// RFC 2047 encoded word, so a Chinese subject survives any mail transport.
QByteArray encodedHeader(const QString& text)
{
    return "=?UTF-8?B?" + text.toUtf8().toBase64() + "?=";
}

// A plain MIME message: the summary as text, the PDF (and XLSX) attached. The local MTA
// (sendmail -t) reads the recipients from the To: header.
QByteArray reportMail(const QStringList& to, const QString& subject, const QString& body, const QStringList& files)
{
    const QByteArray boundary = "gridhall-" + QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
    QByteArray m;
    m += "To: " + to.join(QStringLiteral(", ")).toUtf8() + "\r\n";
    m += "Subject: " + encodedHeader(subject) + "\r\n";
    m += "MIME-Version: 1.0\r\n";
    m += "Content-Type: multipart/mixed; boundary=\"" + boundary + "\"\r\n\r\n";
    m += "--" + boundary + "\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n";
    const QByteArray text = body.toUtf8().toBase64();
    for (qsizetype i = 0; i < text.size(); i += 76)
        m += text.mid(i, 76) + "\r\n";
    for (const QString& path : files) {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            return {};
        const QByteArray name = QFileInfo(path).fileName().toUtf8();
        const QByteArray type = path.endsWith(QLatin1String(".pdf"))
            ? QByteArray("application/pdf")
            : QByteArray("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        m += "--" + boundary + "\r\nContent-Type: " + type + "; name=\"" + name + "\"\r\n"
            + "Content-Disposition: attachment; filename=\"" + name + "\"\r\nContent-Transfer-Encoding: base64\r\n\r\n";
        const QByteArray data = f.readAll().toBase64();
        for (qsizetype i = 0; i < data.size(); i += 76)
            m += data.mid(i, 76) + "\r\n";
    }
    m += "--" + boundary + "--\r\n";
    return m;
}

} // namespace

int runReportCommand(const QStringList& args)
{
    Subcommand command(args, QStringLiteral("gridhall report"),
        QCoreApplication::translate("ReportCommand", "Usage: %1 --db FILE --week 2026-W47|last [--street CODE] --out report.pdf|--out-dir DIR [--xlsx FILE] [--lang zh_CN|en] [--as-of TIME] [--mail-to ADDRESS,…]"));
    QCommandLineParser& parser = command.parser();
    parser.setApplicationDescription(QCoreApplication::translate("ReportCommand", "The weekly KPI report for leaders as PDF (and XLSX)."));
    const QCommandLineOption dbOption(QStringLiteral("db"), QCoreApplication::translate("ReportCommand", "Store (SQLite file) to read."),
        QCoreApplication::translate("ReportCommand", "FILE"));
    const QCommandLineOption weekOption(QStringLiteral("week"),
        QCoreApplication::translate("ReportCommand", "ISO week to report on, e.g. 2026-W47, or \"last\" for the week before the current one."), QCoreApplication::translate("ReportCommand", "WEEK"));
    const QCommandLineOption streetOption(QStringLiteral("street"),
        QCoreApplication::translate("ReportCommand", "Only this street (9-digit code); default: the whole district."),
        QCoreApplication::translate("ReportCommand", "CODE"));
    const QCommandLineOption outOption(QStringLiteral("out"), QCoreApplication::translate("ReportCommand", "PDF file to write."),
        QCoreApplication::translate("ReportCommand", "FILE"));
    const QCommandLineOption outDirOption(QStringLiteral("out-dir"),
        QCoreApplication::translate("ReportCommand", "Write the PDF into this folder as gridhall-report-WEEK[-STREET].pdf (for scheduled runs)."),
        QCoreApplication::translate("ReportCommand", "DIR"));
    const QCommandLineOption mailOption(QStringLiteral("mail-to"),
        QCoreApplication::translate("ReportCommand", "Also mail the report to these addresses through the local sendmail."),
        QCoreApplication::translate("ReportCommand", "ADDRESS"));
    const QCommandLineOption xlsxOption(QStringLiteral("xlsx"),
        QCoreApplication::translate("ReportCommand", "Also write the tables to this spreadsheet (XLSX)."), QCoreApplication::translate("ReportCommand", "FILE"));
    const QCommandLineOption langOption(QStringLiteral("lang"),
        QCoreApplication::translate("ReportCommand", "Report language: zh_CN or en (default: the system's)."), QCoreApplication::translate("ReportCommand", "LANG"));
    const QCommandLineOption asOfOption(QStringLiteral("as-of"),
        QCoreApplication::translate("ReportCommand", "Judge \"overdue now\" at this time (ISO 8601) instead of now."),
        QCoreApplication::translate("ReportCommand", "TIME"));
    parser.addOptions({ dbOption, weekOption, streetOption, outOption, outDirOption, xlsxOption, langOption, asOfOption, mailOption });

    auto usageError = [&](const QString& message) { return command.usageError(message); };
    auto failure = [&](const QString& message) { return command.failure(message); };
    if (const std::optional<int> done = command.parse({ &dbOption, &weekOption }))
        return *done;
    if (parser.isSet(outOption) == parser.isSet(outDirOption))
        return usageError(QCoreApplication::translate("ReportCommand", "give either --out or --out-dir"));
    QTextStream& out = command.out();
    if (parser.isSet(langOption) && !installLanguage(parser.value(langOption)))
        return usageError(QCoreApplication::translate("ReportCommand", "unknown language %1; available: %2")
                              .arg(parser.value(langOption), availableLanguages().join(QStringLiteral(", "))));
    KpiOverviewRequest request;
    // "last": the week before the one containing now, for a Monday timer.
    request.weekStart = parser.value(weekOption) == QLatin1String("last")
        ? weekStartOf(QDateTime::currentDateTime()).addDays(-7)
        : isoWeekStart(parser.value(weekOption));
    if (!request.weekStart.isValid())
        return usageError(QCoreApplication::translate("ReportCommand", "--week must be an ISO week like 2026-W47, not \"%1\"").arg(parser.value(weekOption)));
    request.scope = parser.value(streetOption);
    if (parser.isSet(streetOption) && (request.scope.size() != 9 || !std::all_of(request.scope.begin(), request.scope.end(), [](QChar c) { return c.isDigit(); })))
        return usageError(QCoreApplication::translate("ReportCommand", "--street must be a 9-digit street code, not \"%1\"").arg(request.scope));
    if (parser.isSet(asOfOption)) {
        request.asOf = QDateTime::fromString(parser.value(asOfOption), Qt::ISODate);
        if (!request.asOf.isValid())
            return usageError(QCoreApplication::translate("ReportCommand", "--as-of must be a time like 2026-11-23T08:00, not \"%1\"").arg(parser.value(asOfOption)));
    }
    request.chineseNames = currentLanguage().startsWith(QLatin1String("zh"));
    QString pdfPath = parser.value(outOption);
    if (parser.isSet(outDirOption)) {
        const QDir dir(parser.value(outDirOption));
        if (!dir.exists() && !QDir().mkpath(dir.path()))
            return failure(QCoreApplication::translate("ReportCommand", "cannot make the folder %1").arg(dir.path()));
        QString name = QStringLiteral("gridhall-report-") + isoWeekName(request.weekStart.date());
        if (!request.scope.isEmpty())
            name += QLatin1Char('-') + request.scope;
        pdfPath = dir.filePath(name + QStringLiteral(".pdf"));
    }
    QStringList mailTo;
    for (const QString& a : parser.values(mailOption))
        for (const QString& part : a.split(QLatin1Char(','), Qt::SkipEmptyParts))
            mailTo << part.trimmed();
    for (const QString& a : mailTo)
        if (!a.contains(QLatin1Char('@')) || a.contains(QLatin1Char(' ')) || a.contains(QLatin1Char('\n')))
            return usageError(QCoreApplication::translate("ReportCommand", "--mail-to needs mail addresses, not \"%1\"").arg(a));
    const QString xlsxPath = parser.value(xlsxOption);
    if (!xlsxPath.isEmpty() && QFileInfo(xlsxPath).absoluteFilePath() == QFileInfo(pdfPath).absoluteFilePath())
        return usageError(QCoreApplication::translate("ReportCommand", "--out and --xlsx must be different files"));

    const QString dbPath = parser.value(dbOption);
    // Store::open would create a missing file; a report of an empty new store is a mistake.
    if (!QFileInfo(dbPath).isFile())
        return failure(QCoreApplication::translate("ReportCommand", "no such store: %1").arg(dbPath));
    QElapsedTimer timer;
    timer.start();
    StoreStatus status;
    std::unique_ptr<Store> store = Store::open(dbPath, &status);
    if (!store)
        return failure(status.message);
    QString error;
    const std::optional<KpiOverview> overview = gatherKpiOverview(*store, request, &error);
    if (!overview)
        return failure(error);
    const qint64 gatherMs = timer.restart();
    WeeklyReportPdf pdf(*overview, pdfPath);
    if (!pdf.begin(&error))
        return failure(error);
    for (int s = 0; s < pdf.sectionCount(); ++s)
        pdf.writeSection(s);
    if (!pdf.finish(&error))
        return failure(error);
    if (!xlsxPath.isEmpty() && !writeWeeklyReportXlsx(*overview, xlsxPath, &error))
        return failure(error);
    const qint64 writeMs = timer.elapsed();
    out << QCoreApplication::translate("ReportCommand", "Wrote %1: %2 pages, %3, %4").arg(pdfPath).arg(pdf.pageCount()).arg(overview->scopeName, weeklyReportPeriod(*overview)) << "\n";
    if (!xlsxPath.isEmpty())
        out << QCoreApplication::translate("ReportCommand", "Wrote %1").arg(xlsxPath) << "\n";
    out << QCoreApplication::translate("ReportCommand", "Times: reading %1 ms, writing %2 ms").arg(gatherMs).arg(writeMs) << "\n";
    if (!mailTo.isEmpty()) {
        // The local MTA is the boundary: queueing and delivery are its job.
        QString sendmail = QStandardPaths::findExecutable(QStringLiteral("sendmail"));
        if (sendmail.isEmpty())
            sendmail = QStandardPaths::findExecutable(QStringLiteral("sendmail"), { QStringLiteral("/usr/sbin"), QStringLiteral("/usr/lib") });
        if (sendmail.isEmpty())
            return failure(QCoreApplication::translate("ReportCommand", "cannot mail the report: no sendmail on PATH or in /usr/sbin (the report is in %1)").arg(pdfPath));
        QStringList files { pdfPath };
        if (!xlsxPath.isEmpty())
            files << xlsxPath;
        const QString subject = QCoreApplication::translate("ReportCommand", "Weekly KPI report %1 %2")
                                    .arg(overview->scopeName, weeklyReportPeriod(*overview));
        const QByteArray message = reportMail(mailTo, subject, weeklyReportSummary(*overview).join(QLatin1Char('\n')), files);
        QProcess mail;
        mail.start(sendmail, { QStringLiteral("-t"), QStringLiteral("-oi") });
        const bool sent = mail.waitForStarted(10000) && mail.write(message) == message.size()
            && (mail.closeWriteChannel(), mail.waitForFinished(60000)) && mail.exitStatus() == QProcess::NormalExit
            && mail.exitCode() == 0;
        if (!sent)
            return failure(QCoreApplication::translate("ReportCommand", "%1 did not accept the report for %2: %3 (the report is in %4)")
                               .arg(sendmail, mailTo.join(QStringLiteral(", ")),
                                   QString::fromLocal8Bit(mail.readAllStandardError()).trimmed(), pdfPath));
        out << QCoreApplication::translate("ReportCommand", "Mailed to %1").arg(mailTo.join(QStringLiteral(", "))) << "\n";
    }
    return 0;
}

} // namespace gridhall
