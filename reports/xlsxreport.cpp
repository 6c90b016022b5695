#include "reports/weeklyreport.h"

#include <QCoreApplication>
#include <QSet>

#include <xlsxwriter.h>

namespace gridhall {

namespace {

// Excel forbids []:*?/\ in sheet names and allows 31 characters; names must be unique.
QByteArray sheetName(const QString& wanted, QSet<QString>* used)
{
    QString name = wanted;
    for (QChar c : { u'[', u']', u':', u'*', u'?', u'/', u'\\' })
        name.replace(c, QLatin1Char(' '));
    name = name.left(31).trimmed();
    if (name.isEmpty())
        name = QStringLiteral("Sheet");
    QString unique = name;
    for (int i = 2; used->contains(unique); ++i)
        unique = name.left(28) + QString::number(i);
    used->insert(unique);
    return unique.toUtf8();
}

} // namespace

bool writeWeeklyReportXlsx(const KpiOverview& overview, const QString& path, QString* error)
{
    const QByteArray file = path.toLocal8Bit();
    lxw_workbook_options options {};
    options.constant_memory = LXW_FALSE;
    options.tmpdir = nullptr;
    lxw_workbook* book = workbook_new_opt(file.constData(), &options);
    if (!book) {
        *error = QCoreApplication::translate("WeeklyReport", "Cannot write the spreadsheet %1.").arg(path);
        return false;
    }
    lxw_format* bold = workbook_add_format(book);
    format_set_bold(bold);
    lxw_format* title = workbook_add_format(book);
    format_set_bold(title);
    format_set_font_size(title, 14);
    lxw_format* header = workbook_add_format(book);
    format_set_bold(header);
    format_set_bg_color(header, 0xE4EBF2);
    format_set_text_wrap(header);
    lxw_format* percent = workbook_add_format(book);
    format_set_num_format(percent, "0.0%");
    lxw_format* score = workbook_add_format(book);
    format_set_num_format(score, "0.0");
    lxw_format* count = workbook_add_format(book);
    format_set_num_format(count, "0");
    lxw_format* right = workbook_add_format(book);
    format_set_align(right, LXW_ALIGN_RIGHT);

    QSet<QString> used;
    // First sheet: what the report is, and the generated summary.
    lxw_worksheet* cover = workbook_add_worksheet(book,
        sheetName(QCoreApplication::translate("WeeklyReport", "Report"), &used).constData());
    worksheet_set_column(cover, 0, 0, 100, nullptr);
    int row = 0;
    auto line = [&](lxw_worksheet* sheet, const QString& text, lxw_format* format) {
        worksheet_write_string(sheet, lxw_row_t(row++), 0, text.toUtf8().constData(), format);
    };
    line(cover, QCoreApplication::translate("WeeklyReport", "Weekly KPI report"), title);
    line(cover, QCoreApplication::translate("WeeklyReport", "Scope: %1").arg(overview.scopeName), nullptr);
    line(cover, QCoreApplication::translate("WeeklyReport", "Period: %1").arg(weeklyReportPeriod(overview)), nullptr);
    line(cover, QCoreApplication::translate("WeeklyReport", "Open cases and lists as of: %1")
                    .arg(overview.asOf.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"))), nullptr);
    ++row;
    line(cover, QCoreApplication::translate("WeeklyReport", "What changed most"), bold);
    for (const QString& s : weeklyReportSummary(overview))
        line(cover, s, nullptr);

    for (const ReportTable& t : weeklyReportTables(overview)) {
        lxw_worksheet* sheet = workbook_add_worksheet(book, sheetName(t.sheetName, &used).constData());
        row = 0;
        line(sheet, t.title, title);
        for (int c = 0; c < t.headers.size(); ++c) {
            worksheet_write_string(sheet, lxw_row_t(row), lxw_col_t(c), t.headers.at(c).toUtf8().constData(), header);
            worksheet_set_column(sheet, lxw_col_t(c), lxw_col_t(c), std::max(10.0, t.widths.value(c, 1.0) * 9.0), nullptr);
        }
        ++row;
        for (const QList<ReportCell>& cells : t.rows) {
            for (int c = 0; c < cells.size(); ++c) {
                const ReportCell& cell = cells.at(c);
                const auto r = lxw_row_t(row);
                const auto col = lxw_col_t(c);
                if (!cell.number) {
                    // Undefined values stay "—", never 0 or 100 %.
                    worksheet_write_string(sheet, r, col, cell.text.toUtf8().constData(),
                        cell.kind == ReportCell::Kind::Text ? nullptr : right);
                    continue;
                }
                lxw_format* format = count;
                switch (cell.kind) {
                case ReportCell::Kind::Rate: format = percent; break;
                case ReportCell::Kind::Score: format = score; break;
                case ReportCell::Kind::Change:
                    // Changes of rates are in rate units too: show them as percentage points.
                    if (cells.value(1).kind == ReportCell::Kind::Rate)
                        format = percent;
                    else if (t.key == QLatin1String("ranking"))
                        format = score;
                    break;
                default: break;
                }
                worksheet_write_number(sheet, r, col, *cell.number, format);
            }
            ++row;
        }
        if (!t.note.isEmpty()) {
            ++row;
            line(sheet, t.note, nullptr);
        }
        worksheet_freeze_panes(sheet, 2, 0);
    }

    const lxw_error rc = workbook_close(book);
    if (rc != LXW_NO_ERROR) {
        *error = QCoreApplication::translate("WeeklyReport", "Cannot write the spreadsheet %1: %2")
                     .arg(path, QString::fromUtf8(lxw_strerror(rc)));
        return false;
    }
    return true;
}

} // namespace gridhall
