#pragma once
// The weekly report's tables and generated summary, built once from a KpiOverview and
// written by both the PDF and the XLSX writer, so the two always carry the same numbers.

#include "models/store/kpioverview.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace gridhall {

struct ReportCell {
    enum class Kind { Text, Count, Rate, Score, Change };
    Kind kind = Kind::Text;
    QString text; // what the PDF prints ("98.2 %", "—")
    std::optional<double> number; // what the spreadsheet stores (fractions for rates); empty: text only

    static ReportCell label(const QString& text) { return { Kind::Text, text, std::nullopt }; }
    static ReportCell count(qint64 value);
    static ReportCell rate(std::optional<double> value);
    static ReportCell score(std::optional<double> value);
    static ReportCell change(const QString& text) { return { Kind::Change, text, std::nullopt }; }
};

struct ReportTable {
    QString key; // stable id: "headline", "ranking" …
    QString title; // translated
    QString sheetName; // translated, ≤ 31 characters (Excel's limit)
    QStringList headers;
    QList<double> widths; // relative column widths for the PDF
    QList<QList<ReportCell>> rows;
    QString note; // shown under the table, e.g. "30 of 120 shown"
};

// Headline indicators against last week; for a street, where it stands among the
// district's streets ("district"); unit ranking with grades; top categories; disputes by
// grade; overdue and parked lists; the weekly trend (spreadsheet only); the definitions
// of every indicator ("definitions": name, definition).
QList<ReportTable> weeklyReportTables(const KpiOverview& overview);
// A few sentences on what changed most against last week, most notable first.
QStringList weeklyReportSummary(const KpiOverview& overview);
// "2026-W47 (2026-11-16 – 2026-11-22)"
QString weeklyReportPeriod(const KpiOverview& overview);

} // namespace gridhall
