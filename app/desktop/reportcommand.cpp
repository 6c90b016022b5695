#include "app/desktop/reportcommand.h"

#include "app/desktop/subcommand.h"

#include "models/store/kpioverview.h"
#include "models/store/store.h"
#include "reports/weeklyreport.h"
#include "translations/translator.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTextStream>

#include <algorithm>

namespace gridhall {

int runReportCommand(const QStringList& args)
{
    Subcommand command(args, QStringLiteral("gridhall report"),
        QCoreApplication::translate("ReportCommand", "Usage: %1 --db FILE --week 2026-W47 [--street CODE] --out report.pdf [--xlsx FILE] [--lang zh_CN|en] [--as-of TIME]"));
    QCommandLineParser& parser = command.parser();
    parser.setApplicationDescription(QCoreApplication::translate("ReportCommand", "The weekly KPI report for leaders as PDF (and XLSX)."));
    const QCommandLineOption dbOption(QStringLiteral("db"), QCoreApplication::translate("ReportCommand", "Store (SQLite file) to read."),
        QCoreApplication::translate("ReportCommand", "FILE"));
    const QCommandLineOption weekOption(QStringLiteral("week"),
        QCoreApplication::translate("ReportCommand", "ISO week to report on, e.g. 2026-W47."), QCoreApplication::translate("ReportCommand", "WEEK"));
    const QCommandLineOption streetOption(QStringLiteral("street"),
        QCoreApplication::translate("ReportCommand", "Only this street (9-digit code); default: the whole district."),
        QCoreApplication::translate("ReportCommand", "CODE"));
    const QCommandLineOption outOption(QStringLiteral("out"), QCoreApplication::translate("ReportCommand", "PDF file to write."),
        QCoreApplication::translate("ReportCommand", "FILE"));
    const QCommandLineOption xlsxOption(QStringLiteral("xlsx"),
        QCoreApplication::translate("ReportCommand", "Also write the tables to this spreadsheet (XLSX)."), QCoreApplication::translate("ReportCommand", "FILE"));
    const QCommandLineOption langOption(QStringLiteral("lang"),
        QCoreApplication::translate("ReportCommand", "Report language: zh_CN or en (default: the system's)."), QCoreApplication::translate("ReportCommand", "LANG"));
    const QCommandLineOption asOfOption(QStringLiteral("as-of"),
        QCoreApplication::translate("ReportCommand", "Judge \"overdue now\" at this time (ISO 8601) instead of now."),
        QCoreApplication::translate("ReportCommand", "TIME"));
    parser.addOptions({ dbOption, weekOption, streetOption, outOption, xlsxOption, langOption, asOfOption });

    auto usageError = [&](const QString& message) { return command.usageError(message); };
    auto failure = [&](const QString& message) { return command.failure(message); };
    if (const std::optional<int> done = command.parse({ &dbOption, &weekOption, &outOption }))
        return *done;
    QTextStream& out = command.out();
    if (parser.isSet(langOption) && !installLanguage(parser.value(langOption)))
        return usageError(QCoreApplication::translate("ReportCommand", "unknown language %1; available: %2")
                              .arg(parser.value(langOption), availableLanguages().join(QStringLiteral(", "))));
    KpiOverviewRequest request;
    request.weekStart = isoWeekStart(parser.value(weekOption));
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
    const QString pdfPath = parser.value(outOption);
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
    return 0;
}

} // namespace gridhall
