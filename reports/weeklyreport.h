#pragma once
// The weekly KPI report for leaders: an A4 PDF (QPdfWriter + QPainter, charts through
// KpiChart so they stay vector) and an XLSX of the same tables (libxlsxwriter).
//
// The PDF is written in sections so a GUI can run one section per turn of the event loop
// and show progress; the command line just runs them all. Text is translated with the
// installed translator: Chinese when the UI is zh_CN, English when it is en.

#include "models/store/kpioverview.h"
#include "reports/reporttables.h"

#include <QString>
#include <memory>

namespace gridhall {

class WeeklyReportPdf {
public:
    WeeklyReportPdf(const KpiOverview& overview, const QString& path);
    ~WeeklyReportPdf();
    WeeklyReportPdf(const WeeklyReportPdf&) = delete;
    WeeklyReportPdf& operator=(const WeeklyReportPdf&) = delete;

    // Opens the file; false with *error naming the file when it cannot be written.
    bool begin(QString* error);
    int sectionCount() const;
    QString sectionName(int section) const; // translated, for progress
    void writeSection(int section);
    // Closes the file; false with *error when writing failed.
    bool finish(QString* error);
    int pageCount() const;

    // All of it: begin, every section, finish.
    static bool write(const KpiOverview& overview, const QString& path, QString* error);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

// Writes every table of weeklyReportTables() as one sheet each; rates are stored as
// fractions with a percent format, undefined values as "—". False with *error naming
// the file when it cannot be written.
bool writeWeeklyReportXlsx(const KpiOverview& overview, const QString& path, QString* error);

} // namespace gridhall
