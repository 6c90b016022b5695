// The weekly report: the PDF's pages rendered to images by poppler (page count, nothing
// blank, nothing drawn outside the page) and its text compared with the KPI engine's
// numbers for the fixture week; the XLSX opened as the zip it is and its sheets compared
// with the same numbers; the summary and tables from KpiOverview agree with KpiQuery.

#include "models/domain/taxonomy.h"
#include "reportfixture.h"
#include "reports/reporttables.h"
#include "reports/weeklyreport.h"
#include "reports/weeklyreportjob.h"
#include "models/store/storeservice.h"

#include <QApplication>
#include <QDir>
#include <QImage>
#include <QProcess>
#include <QRegularExpression>
#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>
#include <QSignalSpy>
#include <QTimer>
#include <QThread>

#include <algorithm>

using namespace gridhall;
using namespace reporttest;

namespace {

QByteArray run(const QString& program, const QStringList& args, int* exitCode = nullptr)
{
    QProcess p;
    p.start(program, args);
    if (!p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished();
    }
    if (exitCode)
        *exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    return p.readAllStandardOutput();
}

// Share of pixels that are not (near) white.
double inkShare(const QImage& image)
{
    qint64 ink = 0;
    const QImage img = image.convertToFormat(QImage::Format_RGB32);
    for (int y = 0; y < img.height(); ++y) {
        const auto* line = reinterpret_cast<const QRgb*>(img.constScanLine(y));
        for (int x = 0; x < img.width(); ++x)
            if (qGray(line[x]) < 235)
                ++ink;
    }
    return double(ink) / double(img.width() * img.height());
}

// pdftotext output with runs of spaces folded, so "98.2 %" matches whatever the layout did.
QString normalised(const QByteArray& text)
{
    QString s = QString::fromUtf8(text);
    s.replace(QRegularExpression(QStringLiteral("[ \\t]+")), QStringLiteral(" "));
    return s;
}

} // namespace

class TestWeeklyReport : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void isoWeeks();
    void overviewMatchesEngine();
    void pdfPagesAndNumbers();
    void pdfForOneStreet();
    void tablesHoldTogether_data();
    void tablesHoldTogether();
    void xlsxHoldsTheSameNumbers();
    void unwritablePathsFail();
    void emptyWeekShowsDashes();
    void guiJobWithProgress();
    void dialogMakesTheReport();

private:
    Fixture m_fx;
    std::optional<KpiOverview> m_overview;
    EngineWeek m_engine;
    QString m_out;
};

void TestWeeklyReport::initTestCase()
{
    QVERIFY(m_fx.make());
    QString error;
    m_overview = gatherKpiOverview(*m_fx.store, m_fx.request(), &error);
    QVERIFY2(m_overview, qPrintable(error));
    m_engine = engineWeek(*m_fx.store, QString(), isoWeekStart(kWeek));
    QVERIFY(m_engine.total.counts.reported > 100);
    // Files stay in the build tree for a look by eye.
    m_out = QStringLiteral(GRIDHALL_BINARY_DIR "/tests/reports/out");
    QDir().mkpath(m_out);
}

void TestWeeklyReport::isoWeeks()
{
    QCOMPARE(isoWeekStart(QStringLiteral("2026-W47")), QDateTime(QDate(2026, 11, 16), QTime(0, 0)));
    QCOMPARE(isoWeekStart(QStringLiteral("2026-W01")), QDateTime(QDate(2025, 12, 29), QTime(0, 0)));
    QCOMPARE(isoWeekStart(QStringLiteral("2026-W53")), QDateTime(QDate(2026, 12, 28), QTime(0, 0)));
    QVERIFY(!isoWeekStart(QStringLiteral("2025-W53")).isValid()); // 2025 has 52 weeks
    QVERIFY(!isoWeekStart(QStringLiteral("2026-W00")).isValid());
    QVERIFY(!isoWeekStart(QStringLiteral("2026-47")).isValid());
    QVERIFY(!isoWeekStart(QStringLiteral("last week")).isValid());
    QCOMPARE(isoWeekName(QDate(2026, 11, 22)), QStringLiteral("2026-W47"));
    QCOMPARE(isoWeekName(QDate(2027, 1, 1)), QStringLiteral("2026-W53"));
}

void TestWeeklyReport::overviewMatchesEngine()
{
    const KpiOverview& o = *m_overview;
    // Five weeks asked for; the fixture's history begins inside them, and the trend starts
    // where it does: the first week has cases, the engine finds none in the week before.
    QVERIFY2(o.weekCount() >= 2 && o.weekCount() < 5, qPrintable(QString::number(o.weekCount())));
    QVERIFY(!(o.trend.first().counts == KpiCounts()));
    QCOMPARE(engineWeek(*m_fx.store, QString(), o.weekFrom(0).addDays(-7)).total.counts, KpiCounts());
    QCOMPARE(o.weekFrom(o.weekCount() - 1), isoWeekStart(kWeek));
    for (const auto& perWeek : o.disputeTrend)
        QCOMPARE(perWeek.size(), qsizetype(o.weekCount()));
    for (const auto& perWeek : o.categoryTrend)
        QCOMPARE(perWeek.size(), qsizetype(o.weekCount()));
    auto show = [](const KpiCounts& c) {
        return QStringLiteral("rep %1 reg %2 dis %3 han %4 clo %5 ovd %6 rwl %7 dwl %8 awl %9")
            .arg(c.reported).arg(c.registered).arg(c.dispatched).arg(c.handled).arg(c.closed).arg(c.overdue)
            .arg(c.registeredWithinLimit).arg(c.dispatchedWithinLimit).arg(c.awaitingDispatchWithinLimit);
    };
    QVERIFY2(o.current().counts == m_engine.total.counts,
        qPrintable(show(o.current().counts) + QStringLiteral(" vs ") + show(m_engine.total.counts)));
    QCOMPARE(o.current().closureRate, m_engine.total.closureRate);
    // The ranking is the engine's, over every street of the district.
    QCOMPARE(o.ranking.size(), qsizetype(kDemoStreetCount));
    for (int i = 0; i < m_engine.ranking.size(); ++i) {
        QCOMPARE(o.ranking.at(i).code, m_engine.ranking.at(i));
        QCOMPARE(o.ranking.at(i).score.composite, m_engine.units.value(m_engine.ranking.at(i)).composite);
        QCOMPARE(o.ranking.at(i).score.grade, m_engine.units.value(m_engine.ranking.at(i)).grade);
    }
    // Category and dispute breakdowns add up to the engine's 上报数.
    qint64 byClass = 0;
    for (const QList<qint64>& perWeek : o.categoryTrend)
        byClass += perWeek.last();
    QCOMPARE(byClass, m_engine.total.counts.reported);
    // On the demo district's realistic mix too, every rate of every week and every street
    // stays within 0…100 % (or is "—").
    QList<KpiValues> all = o.trend;
    for (const KpiRankRow& r : o.ranking)
        all.append(r.score.values);
    for (const KpiValues& v : all)
        for (int i = 0; i < kKpiIndicatorCount; ++i)
            if (kpiIsRate(KpiIndicator(i)) && v.value(KpiIndicator(i)))
                QVERIFY2(*v.value(KpiIndicator(i)) >= 0.0 && *v.value(KpiIndicator(i)) <= 1.0,
                    qPrintable(kpiIndicatorKey(KpiIndicator(i))));
    QVERIFY(o.current().closureRate && *o.current().closureRate < 1.0);
    // Open-case lists are judged at asOf.
    for (const KpiCaseRow& r : o.overdue)
        QVERIFY(r.deadline < m_fx.asOf);
    QVERIFY(o.overdueTotal >= o.overdue.size());
    qint64 perUnit = 0;
    for (const KpiNamedCount& c : o.overdueByUnit)
        perUnit += c.count;
    QCOMPARE(perUnit, o.overdueTotal);
    QVERIFY(!weeklyReportSummary(o).isEmpty());
}

void TestWeeklyReport::pdfPagesAndNumbers()
{
    const QString pdfPath = m_out + QStringLiteral("/weekly-district.pdf");
    QFile::remove(pdfPath);
    WeeklyReportPdf pdf(*m_overview, pdfPath);
    QString error;
    QVERIFY2(pdf.begin(&error), qPrintable(error));
    for (int s = 0; s < pdf.sectionCount(); ++s)
        pdf.writeSection(s);
    QVERIFY2(pdf.finish(&error), qPrintable(error));
    const int pages = pdf.pageCount();
    QVERIFY2(pages >= 5 && pages <= 12, qPrintable(QString::number(pages)));

    // Every page rendered by poppler: as many as we drew, A4, none blank.
    const QString prefix = m_out + QStringLiteral("/page");
    for (const QString& old : QDir(m_out).entryList({ QStringLiteral("page-*.png") }))
        QFile::remove(m_out + QLatin1Char('/') + old);
    int rc = -1;
    run(QStringLiteral("pdftoppm"), { QStringLiteral("-r"), QStringLiteral("60"), QStringLiteral("-png"), pdfPath, prefix }, &rc);
    QCOMPARE(rc, 0);
    const QStringList images = QDir(m_out).entryList({ QStringLiteral("page-*.png") }, QDir::Files, QDir::Name);
    QCOMPARE(images.size(), pages);
    for (const QString& name : images) {
        const QImage page(m_out + QLatin1Char('/') + name);
        QVERIFY(!page.isNull());
        // A4 is 1 : 1.414.
        QVERIFY2(qAbs(double(page.height()) / page.width() - 1.414) < 0.01, qPrintable(name));
        const double ink = inkShare(page);
        QVERIFY2(ink > 0.01, qPrintable(QStringLiteral("%1 looks blank (%2)").arg(name).arg(ink)));
    }

    // The text carries the KPI engine's numbers for the week.
    const QString text = normalised(run(QStringLiteral("pdftotext"), { QStringLiteral("-layout"), pdfPath, QStringLiteral("-") }));
    const KpiValues& v = m_engine.total;
    QVERIFY(text.contains(m_overview->scopeName));
    QVERIFY(text.contains(QStringLiteral("2026-W47")));
    QVERIFY(text.contains(QStringLiteral("2026-11-16")));
    QVERIFY2(text.contains(QString::number(v.counts.reported)), qPrintable(QString::number(v.counts.reported)));
    QVERIFY(text.contains(QString::number(v.counts.closed)));
    QVERIFY2(text.contains(kpiFormatRate(v.closureRate)), qPrintable(kpiFormatRate(v.closureRate)));
    QVERIFY(text.contains(kpiFormatRate(v.onTimeHandlingRate)));
    QVERIFY(text.contains(kpiFormatRate(v.reworkRate)));
    // The best and worst streets with their engine scores.
    QStringList streetNames;
    for (const Street& s : m_fx.store->streets())
        if (s.code == m_engine.ranking.first() || s.code == m_engine.ranking.last())
            streetNames << s.name;
    for (const QString& name : streetNames)
        QVERIFY2(text.contains(name), qPrintable(name));
    const KpiScore best = m_engine.units.value(m_engine.ranking.first());
    QVERIFY(text.contains(kpiFormatScore(best.composite)));
    // Chinese category names came through the embedded CJK font.
    const QString topCategory = Taxonomy::builtIn().item(m_overview->topCategories.first().code)->nameZh;
    QVERIFY2(text.contains(topCategory), qPrintable(topCategory));
    // Red disputes of the week, as counted from the store.
    QVERIFY(text.contains(QString::number(m_overview->overdueTotal)));
}

void TestWeeklyReport::pdfForOneStreet()
{
    const QString street = m_engine.ranking.first();
    QString error;
    const std::optional<KpiOverview> o = gatherKpiOverview(*m_fx.store, m_fx.request(street), &error);
    QVERIFY2(o, qPrintable(error));
    QCOMPARE(o->unitGrouping, KpiGrouping::Community);
    const EngineWeek engine = engineWeek(*m_fx.store, street, isoWeekStart(kWeek));
    QCOMPARE(o->current().counts, engine.total.counts);
    // The street's week is part of the district's.
    QCOMPARE(o->current().counts.reported, m_engine.units.value(street).values.counts.reported);
    // It keeps the district's comparison: every street ranked as the engine ranks them with
    // a street grouping (here from the communities summed per street), the same scores.
    QCOMPARE(o->districtRanking.size(), qsizetype(kDemoStreetCount));
    for (int i = 0; i < m_engine.ranking.size(); ++i) {
        QCOMPARE(o->districtRanking.at(i).code, m_engine.ranking.at(i));
        QCOMPARE(o->districtRanking.at(i).score.composite, m_engine.units.value(m_engine.ranking.at(i)).composite);
    }
    QVERIFY(o->scopeInDistrict());
    QCOMPARE(o->scopeInDistrict()->rank, 1);
    QCOMPARE(o->districtCurrent.counts, m_engine.total.counts);
    // The district's report has no such table (its ranking is the comparison).
    QVERIFY(m_overview->districtRanking.isEmpty());
    const QString pdfPath = m_out + QStringLiteral("/weekly-street.pdf");
    QVERIFY2(WeeklyReportPdf::write(*o, pdfPath, &error), qPrintable(error));
    const QString text = normalised(run(QStringLiteral("pdftotext"), { pdfPath, QStringLiteral("-") }));
    QVERIFY(text.contains(o->scopeName));
    QVERIFY(text.contains(street));
    QVERIFY(text.contains(kpiFormatRate(engine.total.closureRate)));
    QVERIFY(text.contains(QStringLiteral("among the %1 streets").arg(kDemoStreetCount)));

    // An unknown street is refused with a message naming it.
    QVERIFY(!gatherKpiOverview(*m_fx.store, m_fx.request(QStringLiteral("440106999")), &error));
    QVERIFY(error.contains(QStringLiteral("440106999")));
}

void TestWeeklyReport::tablesHoldTogether_data()
{
    QTest::addColumn<QString>("scope");
    QTest::newRow("district") << QString();
    QTest::newRow("street") << m_engine.ranking.first();
}

void TestWeeklyReport::tablesHoldTogether()
{
    // Each table that fits on a page is on one page with its heading (the disputes table
    // was split over two pages), and no page but the last is left mostly empty.
    QFETCH(QString, scope);
    QString error;
    const std::optional<KpiOverview> o = gatherKpiOverview(*m_fx.store, m_fx.request(scope), &error);
    QVERIFY2(o, qPrintable(error));
    const QString pdfPath = m_out + QStringLiteral("/weekly-layout-%1.pdf").arg(scope.isEmpty() ? QStringLiteral("district") : scope);
    WeeklyReportPdf pdf(*o, pdfPath);
    QVERIFY2(pdf.begin(&error), qPrintable(error));
    for (int s = 0; s < pdf.sectionCount(); ++s)
        pdf.writeSection(s);
    QVERIFY2(pdf.finish(&error), qPrintable(error));
    const int pages = pdf.pageCount();
    QStringList pageText;
    for (int p = 1; p <= pages; ++p)
        pageText << normalised(run(QStringLiteral("pdftotext"), { QStringLiteral("-layout"), QStringLiteral("-f"), QString::number(p),
                                                                     QStringLiteral("-l"), QString::number(p), pdfPath, QStringLiteral("-") }));
    int checked = 0;
    for (const ReportTable& t : weeklyReportTables(*o)) {
        if (t.key == QLatin1String("trend") || t.key == QLatin1String("definitions") || t.rows.isEmpty())
            continue; // the trend is a spreadsheet sheet; the definitions are paragraphs
        int page = -1;
        for (int p = 0; p < pages && page < 0; ++p)
            if (pageText.at(p).contains(normalised(t.title.toUtf8())))
                page = p;
        QVERIFY2(page >= 0, qPrintable(t.title));
        for (const QList<ReportCell>& row : t.rows) {
            // The row's label: its first text cell (a ranking row starts with its rank).
            const ReportCell& cell = row.at(row.at(0).kind == ReportCell::Kind::Text ? 0 : 1);
            QVERIFY2(pageText.at(page).contains(cell.text),
                qPrintable(QStringLiteral("%1: \"%2\" is not on page %3 with the heading").arg(t.title, cell.text).arg(page + 1)));
        }
        ++checked;
    }
    QVERIFY(checked >= 5);

    for (const QString& old : QDir(m_out).entryList({ QStringLiteral("layout-*.png") }))
        QFile::remove(m_out + QLatin1Char('/') + old);
    int rc = -1;
    run(QStringLiteral("pdftoppm"), { QStringLiteral("-r"), QStringLiteral("30"), QStringLiteral("-png"), pdfPath, m_out + QStringLiteral("/layout") }, &rc);
    QCOMPARE(rc, 0);
    const QStringList images = QDir(m_out).entryList({ QStringLiteral("layout-*.png") }, QDir::Files, QDir::Name);
    QCOMPARE(images.size(), pages);
    for (int p = 0; p + 1 < pages; ++p) {
        const QImage img = QImage(m_out + QLatin1Char('/') + images.at(p)).convertToFormat(QImage::Format_RGB32);
        // The lowest ink above the footer (the bottom tenth of the page).
        int lowest = 0;
        for (int y = 0; y < img.height() * 9 / 10; ++y) {
            const auto* line = reinterpret_cast<const QRgb*>(img.constScanLine(y));
            for (int x = 0; x < img.width(); ++x)
                if (qGray(line[x]) < 200) {
                    lowest = y;
                    break;
                }
        }
        QVERIFY2(lowest > img.height() / 2,
            qPrintable(QStringLiteral("page %1 of %2 is more than half empty").arg(p + 1).arg(pages)));
    }
}

void TestWeeklyReport::xlsxHoldsTheSameNumbers()
{
    const QString path = m_out + QStringLiteral("/weekly-district.xlsx");
    QFile::remove(path);
    QString error;
    QVERIFY2(writeWeeklyReportXlsx(*m_overview, path, &error), qPrintable(error));
    int rc = -1;
    const QByteArray list = run(QStringLiteral("unzip"), { QStringLiteral("-l"), path }, &rc);
    QCOMPARE(rc, 0);
    // A cover sheet and one sheet per table.
    const int tables = int(weeklyReportTables(*m_overview).size());
    for (int i = 1; i <= tables + 1; ++i)
        QVERIFY(list.contains(QStringLiteral("xl/worksheets/sheet%1.xml").arg(i).toUtf8()));
    const QString strings = QString::fromUtf8(run(QStringLiteral("unzip"), { QStringLiteral("-p"), path, QStringLiteral("xl/sharedStrings.xml") }));
    QVERIFY(strings.contains(m_overview->scopeName));
    QVERIFY(strings.contains(m_overview->ranking.first().name));

    // Numbers of a sheet, in order.
    auto numbers = [&](int sheet) {
        const QByteArray xml = run(QStringLiteral("unzip"), { QStringLiteral("-p"), path,
                                                              QStringLiteral("xl/worksheets/sheet%1.xml").arg(sheet) });
        QList<double> out;
        static const QRegularExpression value(QStringLiteral("<c [^>]*r=\"([A-Z]+)(\\d+)\"[^>]*>(?:<f>[^<]*</f>)?<v>([^<]*)</v>"));
        auto it = value.globalMatch(QString::fromUtf8(xml));
        while (it.hasNext()) {
            const auto m = it.next();
            // Shared strings are stored as indices with t="s"; keep numbers only.
            if (!m.captured(0).contains(QStringLiteral("t=\"s\"")))
                out.append(m.captured(3).toDouble());
        }
        return out;
    };
    // Sheet 2: headline indicators. This week's reported and closed counts and the exact
    // closure rate (a fraction, shown with a percent format).
    const QList<double> headline = numbers(2);
    const KpiValues& v = m_engine.total;
    QVERIFY(headline.contains(double(v.counts.reported)));
    QVERIFY(headline.contains(double(v.counts.closed)));
    bool rateFound = false;
    for (double d : headline)
        rateFound = rateFound || qAbs(d - *v.closureRate) < 1e-12;
    QVERIFY2(rateFound, "closure rate missing from the headline sheet");
    // Sheet 3: the ranking, composite scores of the engine.
    const QList<double> ranking = numbers(3);
    for (const QString& code : m_engine.ranking) {
        const std::optional<double> c = m_engine.units.value(code).composite;
        if (!c)
            continue;
        bool found = false;
        for (double d : ranking)
            found = found || qAbs(d - *c) < 1e-9;
        QVERIFY2(found, qPrintable(code));
    }
}

void TestWeeklyReport::unwritablePathsFail()
{
    QString error;
    const QString bad = QStringLiteral("/nonexistent-dir-gridhall/report.pdf");
    QVERIFY(!WeeklyReportPdf::write(*m_overview, bad, &error));
    QVERIFY(error.contains(bad));
    error.clear();
    const QString badXlsx = QStringLiteral("/nonexistent-dir-gridhall/report.xlsx");
    QVERIFY(!writeWeeklyReportXlsx(*m_overview, badXlsx, &error));
    QVERIFY(error.contains(badXlsx));
}

void TestWeeklyReport::emptyWeekShowsDashes()
{
    // A week long before the history: every rate undefined, shown as "—", never NaN or 100 %.
    KpiOverviewRequest request = m_fx.request();
    request.weekStart = isoWeekStart(QStringLiteral("2026-W20"));
    QString error;
    const std::optional<KpiOverview> o = gatherKpiOverview(*m_fx.store, request, &error);
    QVERIFY2(o, qPrintable(error));
    QCOMPARE(o->current().counts, KpiCounts());
    const QString pdf = m_out + QStringLiteral("/weekly-empty.pdf");
    const QString xlsx = m_out + QStringLiteral("/weekly-empty.xlsx");
    QVERIFY2(WeeklyReportPdf::write(*o, pdf, &error), qPrintable(error));
    QVERIFY2(writeWeeklyReportXlsx(*o, xlsx, &error), qPrintable(error));
    const QString text = normalised(run(QStringLiteral("pdftotext"), { QStringLiteral("-layout"), pdf, QStringLiteral("-") }));
    QVERIFY(text.contains(QStringLiteral("2026-W20")));
    QVERIFY(text.contains(QStringLiteral("—")));
    QVERIFY(!text.contains(QRegularExpression(QStringLiteral("\\bnan\\b"), QRegularExpression::CaseInsensitiveOption)));
    QVERIFY(!text.contains(QStringLiteral("100.0 %")));
    // Every street is still ranked, without a grade.
    for (const KpiRankRow& r : o->ranking)
        QVERIFY(!r.score.grade);
}

void TestWeeklyReport::guiJobWithProgress()
{
    // The app's way: data gathered on the store thread, the PDF drawn section by section.
    StoreService service;
    QSignalSpy opened(&service, &StoreService::opened);
    service.start(m_fx.dbPath);
    QVERIFY(opened.wait(30000));
    QVERIFY(opened.first().at(0).value<StoreStatus>().ok());
    const QString pdf = m_out + QStringLiteral("/weekly-gui.pdf");
    const QString xlsx = m_out + QStringLiteral("/weekly-gui.xlsx");
    QFile::remove(pdf);
    QFile::remove(xlsx);
    WeeklyReportJob job(service, m_fx.request(), pdf, xlsx);
    QList<int> percents;
    QList<Qt::HANDLE> threads;
    connect(&job, &WeeklyReportJob::progress, this, [&](int percent, const QString&) {
        percents.append(percent);
        threads.append(QThread::currentThreadId());
    });
    QSignalSpy finished(&job, &WeeklyReportJob::finished);
    job.start();
    QVERIFY(finished.wait(60000));
    QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
    QVERIFY(QFileInfo(pdf).size() > 10000);
    QVERIFY(QFileInfo(xlsx).size() > 2000);
    // Progress rises from 0 to 100, with steps in between, always on the job's thread.
    QVERIFY(percents.size() >= 8);
    QCOMPARE(percents.first(), 0);
    QCOMPARE(percents.last(), 100);
    QVERIFY(std::is_sorted(percents.begin(), percents.end()));
    for (Qt::HANDLE t : threads)
        QCOMPARE(t, QThread::currentThreadId());
    // Same numbers as the direct path.
    const QString text = normalised(run(QStringLiteral("pdftotext"), { pdf, QStringLiteral("-") }));
    QVERIFY(text.contains(kpiFormatRate(m_engine.total.closureRate)));

    // Cancelled after start: no report, a "cancelled" answer.
    const QString cancelled = m_out + QStringLiteral("/weekly-cancelled.pdf");
    QFile::remove(cancelled);
    WeeklyReportJob second(service, m_fx.request(), cancelled, QString());
    QSignalSpy secondFinished(&second, &WeeklyReportJob::finished);
    second.start();
    second.cancel();
    QVERIFY(secondFinished.wait(60000));
    QVERIFY(!secondFinished.first().at(0).toBool());
    QVERIFY(!QFileInfo::exists(cancelled));
}

void TestWeeklyReport::dialogMakesTheReport()
{
    // File ▸ Weekly report… end to end: the dialog lists the streets from the store thread,
    // the chosen week and file go to the job, and the answer comes back in a message box.
    StoreService service;
    QSignalSpy opened(&service, &StoreService::opened);
    service.start(m_fx.dbPath);
    QVERIFY(opened.wait(30000));
    const QString pdf = m_out + QStringLiteral("/weekly-dialog.pdf");
    const QString xlsx = m_out + QStringLiteral("/weekly-dialog.xlsx");
    QFile::remove(pdf);
    QFile::remove(xlsx);
    QString answer;
    int streetsListed = 0;
    QTimer driver;
    driver.setInterval(50);
    connect(&driver, &QTimer::timeout, this, [&] {
        QWidget* modal = QApplication::activeModalWidget();
        if (!modal || qobject_cast<QProgressDialog*>(modal))
            return;
        if (auto* box = qobject_cast<QMessageBox*>(modal)) {
            answer = box->text();
            box->accept();
            return;
        }
        auto* scope = modal->findChild<QComboBox*>();
        if (!scope || scope->count() < 2)
            return; // streets still on their way from the store thread
        streetsListed = scope->count() - 1;
        modal->findChild<QDateEdit*>()->setDate(QDate(2026, 11, 18));
        for (QLineEdit* edit : modal->findChildren<QLineEdit*>())
            if (!edit->isReadOnly())
                edit->setText(pdf);
        modal->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->click();
    });
    driver.start();
    runWeeklyReportDialog(nullptr, service, QStringLiteral("en"));
    QTRY_VERIFY_WITH_TIMEOUT(!answer.isEmpty(), 60000);
    QCOMPARE(streetsListed, kDemoStreetCount);
    QVERIFY2(answer.contains(pdf) && answer.contains(xlsx), qPrintable(answer));
    const QString text = normalised(run(QStringLiteral("pdftotext"), { pdf, QStringLiteral("-") }));
    QVERIFY(text.contains(QStringLiteral("2026-W47")));
    QVERIFY(text.contains(kpiFormatRate(m_engine.total.closureRate)));
}

QTEST_MAIN(TestWeeklyReport)
#include "tst_weeklyreport.moc"
