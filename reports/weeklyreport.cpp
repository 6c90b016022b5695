#include "reports/weeklyreport.h"

#include "widgets/kpichart.h"
#include "widgets/kpioverviewcharts.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QFontMetricsF>
#include <QPainter>
#include <QPdfWriter>

#include <algorithm>

namespace gridhall {

namespace {

// The PDF is laid out in points: at 72 dpi one device unit is one point, so font point
// sizes and coordinates agree without scaling the painter.
constexpr int kDpi = 72;
constexpr double kMargin = 42; // ≈ 15 mm
constexpr double kFooter = 20;

QStringList reportFontFamilies()
{
    return { QStringLiteral("DejaVu Sans"), QStringLiteral("WenQuanYi Micro Hei"), QStringLiteral("Noto Sans CJK SC") };
}

QFont reportFont(double points, bool bold = false)
{
    QFont f;
    // Latin letters and digits from DejaVu, Chinese from WenQuanYi Micro Hei. Qt's PDF writer
    // maps each glyph back to the lowest code point that uses it; Noto Sans CJK shares
    // glyphs between ideographs and radicals (示 / ⽰, 长 / ⻓) and loses digits that way,
    // so text copied or searched in the PDF would be wrong with Noto first.
    f.setFamilies(reportFontFamilies());
    f.setPointSizeF(points);
    f.setBold(bold);
    return f;
}

const QColor kInk(0x1f, 0x29, 0x33);
const QColor kMuted(0x5f, 0x6b, 0x77);
const QColor kBand(0x16, 0x3d, 0x6b);
const QColor kHeaderFill(0xe4, 0xeb, 0xf2);
const QColor kZebra(0xf6, 0xf8, 0xfa);

enum Section { Cover, Headline, Breakdown, Ranking, Lists, Appendix, SectionCount };

constexpr double kHeadingGap = 8; // below a heading's rule
constexpr double kChartGap = 8;

} // namespace

struct WeeklyReportPdf::Private {
    KpiOverview o;
    QString path;
    QList<ReportTable> tables;
    QStringList summary;
    std::unique_ptr<QPdfWriter> writer;
    QPainter painter;
    QRectF page; // content area, points
    double y = 0;
    int pages = 0;

    const ReportTable& table(const QString& key) const
    {
        for (const ReportTable& t : tables)
            if (t.key == key)
                return t;
        return tables.first();
    }

    void startPage()
    {
        if (pages > 0)
            writer->newPage();
        ++pages;
        y = page.top();
        painter.setFont(reportFont(7.5));
        painter.setPen(kMuted);
        const QRectF footer(page.left(), page.bottom() + 6, page.width(), kFooter);
        painter.drawText(footer, Qt::AlignLeft | Qt::AlignVCenter,
            QCoreApplication::translate("WeeklyReport", "GridHall weekly KPI report · %1 · %2")
                .arg(o.scopeName, weeklyReportPeriod(o)));
        painter.drawText(footer, Qt::AlignRight | Qt::AlignVCenter,
            QCoreApplication::translate("WeeklyReport", "Page %1").arg(pages));
    }

    void ensure(double height)
    {
        if (y + height > page.bottom())
            startPage();
    }

    double headingHeight() const
    {
        return QFontMetricsF(reportFont(13, true), writer.get()).height() + 8 + kHeadingGap;
    }

    // Starts a new page when a block that fits on one page does not fit on this one; a
    // block taller than a page starts where it is and breaks as it must.
    void keepTogether(double height)
    {
        if (height <= page.height() && y + height > page.bottom())
            startPage();
    }

    void heading(const QString& text)
    {
        const QFont f = reportFont(13, true);
        const double h = QFontMetricsF(f, writer.get()).height() + 8;
        ensure(h + 60); // never a heading alone at the foot of a page
        painter.setFont(f);
        painter.setPen(kBand);
        painter.drawText(QRectF(page.left(), y, page.width(), h), Qt::AlignLeft | Qt::AlignVCenter, text);
        y += h;
        painter.setPen(QPen(kBand, 1.2));
        painter.drawLine(QPointF(page.left(), y), QPointF(page.right(), y));
        y += kHeadingGap;
    }

    double paragraphHeight(const QString& text, const QFont& font, double indent = 0)
    {
        painter.setFont(font);
        return painter.boundingRect(QRectF(page.left() + indent, 0, page.width() - indent, 1000),
                   Qt::TextWordWrap | Qt::AlignLeft, text)
                   .height()
            + 3;
    }

    void paragraph(const QString& text, const QFont& font, const QColor& colour = kInk, double indent = 0)
    {
        painter.setFont(font);
        painter.setPen(colour);
        const QRectF box(page.left() + indent, y, page.width() - indent, 1000);
        const QRectF need = painter.boundingRect(box, Qt::TextWordWrap | Qt::AlignLeft, text);
        ensure(need.height());
        painter.drawText(QRectF(page.left() + indent, y, page.width() - indent, need.height()),
            Qt::TextWordWrap | Qt::AlignLeft, text);
        y += need.height() + 3;
    }

    void chart(OverviewChart which, double height)
    {
        keepTogether(height + kChartGap);
        ChartTheme theme = ChartTheme::desk();
        theme.fontFamilies = reportFontFamilies();
        KpiChart::render(&painter, QRectF(page.left(), y, page.width(), height), overviewChartData(which, o), theme,
            QSizeF(page.width() * 1.3, height * 1.3));
        y += height + kChartGap;
    }

    // Column positions, header type and row heights of one table.
    struct TableLayout {
        QFont body;
        double rowH = 0;
        double headerH = 0;
        QList<double> xs;
        QList<QFont> headFonts;
    };

    TableLayout tableLayout(const ReportTable& t, double fontSize)
    {
        TableLayout l;
        l.body = reportFont(fontSize);
        const QFont head = reportFont(fontSize, true);
        l.rowH = QFontMetricsF(l.body, writer.get()).height() + 5;
        double total = 0;
        for (double w : t.widths)
            total += w;
        l.xs = { page.left() };
        for (double w : t.widths)
            l.xs.append(l.xs.last() + page.width() * w / total);
        // Headers wrap at spaces; a word wider than its column gets a smaller type instead of
        // being cut ("Registered" in a narrow numeric column).
        for (int c = 0; c < t.headers.size(); ++c) {
            QFont f = head;
            const double width = l.xs[c + 1] - l.xs[c] - 6;
            for (const QString& word : t.headers.at(c).split(QLatin1Char(' '))) {
                while (f.pointSizeF() > 5.5 && QFontMetricsF(f, writer.get()).horizontalAdvance(word) > width)
                    f.setPointSizeF(f.pointSizeF() - 0.5);
            }
            l.headFonts.append(f);
        }
        l.headerH = l.rowH;
        for (int c = 0; c < t.headers.size(); ++c) {
            painter.setFont(l.headFonts.at(c));
            const QRectF need = painter.boundingRect(QRectF(0, 0, l.xs[c + 1] - l.xs[c] - 6, 1000),
                Qt::TextWordWrap, t.headers.at(c));
            l.headerH = std::max(l.headerH, need.height() + 6);
        }
        return l;
    }

    // Heading, header, rows and note: what drawTable() takes when nothing breaks it.
    double tableHeight(const ReportTable& t, double fontSize = 8.5)
    {
        const TableLayout l = tableLayout(t, fontSize);
        double h = headingHeight() + l.headerH + l.rowH * double(t.rows.size()) + 4 + 10;
        if (!t.note.isEmpty())
            h += paragraphHeight(t.note, reportFont(8));
        return h;
    }

    void drawTable(const ReportTable& t, double fontSize = 8.5)
    {
        // A table that fits on a page stays on one page with its heading; a longer one
        // starts with at least three rows under its heading.
        const TableLayout l = tableLayout(t, fontSize);
        keepTogether(tableHeight(t, fontSize));
        ensure(headingHeight() + l.headerH + 3 * l.rowH);
        heading(t.title);
        const QFont& body = l.body;
        const double rowH = l.rowH;
        const QList<double>& xs = l.xs;
        const QList<QFont>& headFonts = l.headFonts;
        auto alignOf = [&](int col, const QList<ReportCell>* row) {
            const bool numeric = row ? row->at(col).kind != ReportCell::Kind::Text
                                     : (!t.rows.isEmpty() && t.rows.first().at(col).kind != ReportCell::Kind::Text);
            return Qt::AlignVCenter | (numeric ? Qt::AlignRight : Qt::AlignLeft);
        };
        auto header = [&] {
            const double h = l.headerH;
            painter.fillRect(QRectF(page.left(), y, page.width(), h), kHeaderFill);
            painter.setPen(kInk);
            for (int c = 0; c < t.headers.size(); ++c) {
                painter.setFont(headFonts.at(c));
                painter.drawText(QRectF(xs[c] + 3, y, xs[c + 1] - xs[c] - 6, h),
                    int(alignOf(c, nullptr)) | Qt::TextWordWrap, t.headers.at(c));
            }
            y += h;
        };
        header();
        for (int r = 0; r < t.rows.size(); ++r) {
            if (y + rowH > page.bottom()) {
                startPage();
                header();
            }
            if (r % 2 == 1)
                painter.fillRect(QRectF(page.left(), y, page.width(), rowH), kZebra);
            painter.setFont(body);
            painter.setPen(kInk);
            const QList<ReportCell>& row = t.rows.at(r);
            for (int c = 0; c < row.size() && c < t.headers.size(); ++c) {
                const double w = xs[c + 1] - xs[c] - 6;
                const QString text = QFontMetricsF(body, writer.get()).elidedText(row.at(c).text, Qt::ElideRight, w);
                painter.drawText(QRectF(xs[c] + 3, y, w, rowH), int(alignOf(c, &row)), text);
            }
            y += rowH;
        }
        painter.setPen(QPen(kHeaderFill.darker(115), 0.8));
        painter.drawLine(QPointF(page.left(), y), QPointF(page.right(), y));
        y += 4;
        if (!t.note.isEmpty())
            paragraph(t.note, reportFont(8), kMuted);
        y += 10;
    }

    // The definitions as paragraphs: the indicator's name in bold, then how it is counted.
    void appendix(const ReportTable& t)
    {
        const QFont nameFont = reportFont(9, true);
        const QFont textFont = reportFont(9);
        double firstRows = headingHeight();
        for (int r = 0; r < t.rows.size() && r < 3; ++r)
            firstRows += paragraphHeight(t.rows.at(r).value(0).text, nameFont) + paragraphHeight(t.rows.at(r).value(1).text, textFont, 12);
        keepTogether(firstRows);
        heading(t.title);
        for (const QList<ReportCell>& row : t.rows) {
            const QString name = row.value(0).text;
            const QString text = row.value(1).text;
            ensure(paragraphHeight(name, nameFont) + paragraphHeight(text, textFont, 12));
            paragraph(name, nameFont, kBand);
            paragraph(text, textFont, kInk, 12);
            y += 2;
        }
    }

    // The weights actually used, e.g. "closure rate 30 %, (1 − rework rate) 30 %".
    QString weightsText() const
    {
        QStringList parts;
        for (const auto& [indicator, weight] : o.request.weights.entries()) {
            const QString name = kpiLowerIsBetter(indicator)
                ? QCoreApplication::translate("WeeklyReport", "(1 − %1)").arg(kpiIndicatorDisplayName(indicator))
                : kpiIndicatorDisplayName(indicator);
            parts << QCoreApplication::translate("WeeklyReport", "%1 %2").arg(name, kpiFormatRate(weight, 0));
        }
        return parts.join(QCoreApplication::translate("WeeklyReport", ", "));
    }

    void cover()
    {
        // A band with the title, then period, scope and the generated summary.
        const double bandH = 150;
        painter.fillRect(QRectF(0, 0, page.right() + kMargin, page.top() + bandH), kBand);
        painter.setPen(Qt::white);
        painter.setFont(reportFont(11));
        painter.drawText(QRectF(page.left(), page.top() + 10, page.width(), 20), Qt::AlignLeft | Qt::AlignVCenter,
            QCoreApplication::translate("WeeklyReport", "Grid governance command hall"));
        painter.setFont(reportFont(26, true));
        painter.drawText(QRectF(page.left(), page.top() + 38, page.width(), 44), Qt::AlignLeft | Qt::AlignVCenter,
            QCoreApplication::translate("WeeklyReport", "Weekly KPI report"));
        painter.setFont(reportFont(14));
        painter.drawText(QRectF(page.left(), page.top() + 88, page.width(), 24), Qt::AlignLeft | Qt::AlignVCenter,
            o.scopeName);
        painter.drawText(QRectF(page.left(), page.top() + 112, page.width(), 24), Qt::AlignLeft | Qt::AlignVCenter,
            weeklyReportPeriod(o));
        y = page.top() + bandH + 24;

        QStringList facts;
        facts << QCoreApplication::translate("WeeklyReport", "Scope: %1").arg(o.scopeName);
        if (!o.request.scope.isEmpty())
            facts << QCoreApplication::translate("WeeklyReport", "Street code: %1").arg(o.request.scope);
        if (const KpiRankRow* self = o.scopeInDistrict(); self && self->score.composite)
            facts << QCoreApplication::translate("WeeklyReport", "Rank among the %1 streets of %2: %3 (last week: %4)")
                         .arg(o.districtRanking.size())
                         .arg(o.districtName)
                         .arg(self->rank)
                         .arg(o.districtPreviousRank > 0 ? QString::number(o.districtPreviousRank) : kpiFormatRate(std::nullopt));
        facts << QCoreApplication::translate("WeeklyReport", "Period: %1").arg(weeklyReportPeriod(o))
              << QCoreApplication::translate("WeeklyReport", "Compared with: the week before")
              << QCoreApplication::translate("WeeklyReport", "Open cases and lists as of: %1")
                     .arg(o.asOf.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")))
              << QCoreApplication::translate("WeeklyReport", "Composite score weights: %1; grades A ≥ 90, B ≥ 75, C ≥ 60, D ≥ 40, E below.")
                     .arg(weightsText());
        for (const QString& f : facts)
            paragraph(f, reportFont(10), kInk);
        y += 10;

        // Four headline figures in large type.
        const KpiValues cur = o.current();
        const KpiValues prev = o.previous();
        const KpiIndicator tiles[] = { KpiIndicator::Reported, KpiIndicator::Closed, KpiIndicator::ClosureRate,
            KpiIndicator::Overdue };
        const double tileW = (page.width() - 3 * 10) / 4;
        const double tileH = 78;
        for (int i = 0; i < 4; ++i) {
            const QRectF box(page.left() + i * (tileW + 10), y, tileW, tileH);
            painter.fillRect(box, kZebra);
            const KpiIndicator ind = tiles[i];
            const std::optional<double> v = cur.value(ind);
            const QString value = kpiIsRate(ind) ? kpiFormatRate(v) : QString::number(qint64(v.value_or(0)));
            painter.setPen(kMuted);
            painter.setFont(reportFont(9));
            painter.drawText(box.adjusted(8, 6, -8, 0), Qt::AlignLeft | Qt::AlignTop, kpiIndicatorDisplayName(ind));
            painter.setPen(kInk);
            painter.setFont(reportFont(20, true));
            painter.drawText(box.adjusted(8, 22, -8, 0), Qt::AlignLeft | Qt::AlignTop, value);
            painter.setPen(kMuted);
            painter.setFont(reportFont(8.5));
            painter.drawText(box.adjusted(8, 0, -8, -6), Qt::AlignLeft | Qt::AlignBottom,
                QCoreApplication::translate("WeeklyReport", "%1 vs last week")
                    .arg(kpiFormatChange(kpiChange(v, prev.value(ind)), kpiIsRate(ind))));
        }
        y += tileH + 22;

        heading(QCoreApplication::translate("WeeklyReport", "What changed most"));
        for (const QString& s : summary)
            paragraph(QStringLiteral("•  ") + s, reportFont(10.5), kInk, 4);
    }
};

WeeklyReportPdf::WeeklyReportPdf(const KpiOverview& overview, const QString& path)
    : d(std::make_unique<Private>())
{
    d->o = overview;
    d->path = path;
    d->tables = weeklyReportTables(overview);
    d->summary = weeklyReportSummary(overview);
}

WeeklyReportPdf::~WeeklyReportPdf()
{
    if (d->painter.isActive())
        d->painter.end();
}

bool WeeklyReportPdf::begin(QString* error)
{
    d->writer = std::make_unique<QPdfWriter>(d->path);
    d->writer->setResolution(kDpi);
    d->writer->setPageSize(QPageSize(QPageSize::A4));
    d->writer->setPageMargins(QMarginsF(0, 0, 0, 0));
    d->writer->setTitle(QCoreApplication::translate("WeeklyReport", "Weekly KPI report %1 %2")
                            .arg(d->o.scopeName, weeklyReportPeriod(d->o)));
    d->writer->setCreator(QStringLiteral("GridHall"));
    if (!d->painter.begin(d->writer.get())) {
        *error = QCoreApplication::translate("WeeklyReport", "Cannot write the PDF %1.").arg(d->path);
        return false;
    }
    const QSizeF a4 = QPageSize(QPageSize::A4).size(QPageSize::Point);
    d->page = QRectF(kMargin, kMargin, a4.width() - 2 * kMargin, a4.height() - 2 * kMargin - kFooter);
    d->painter.setRenderHint(QPainter::Antialiasing);
    return true;
}

int WeeklyReportPdf::sectionCount() const
{
    return SectionCount;
}

QString WeeklyReportPdf::sectionName(int section) const
{
    switch (section) {
    case Cover: return QCoreApplication::translate("WeeklyReport", "Cover and summary");
    case Headline: return QCoreApplication::translate("WeeklyReport", "Headline indicators");
    case Breakdown: return QCoreApplication::translate("WeeklyReport", "Categories and disputes");
    case Ranking: return QCoreApplication::translate("WeeklyReport", "Ranking");
    case Lists: return QCoreApplication::translate("WeeklyReport", "Overdue and parked cases");
    case Appendix: return QCoreApplication::translate("WeeklyReport", "Definitions");
    default: return {};
    }
}

void WeeklyReportPdf::writeSection(int section)
{
    Private& p = *d;
    if (!p.painter.isActive())
        return;
    // Only the cover and the headline start a page; the rest flows, each chart and table
    // kept on one page, so no page is left nearly empty.
    switch (section) {
    case Cover:
        p.startPage();
        p.cover();
        break;
    case Headline:
        p.startPage();
        p.drawTable(p.table(QStringLiteral("headline")));
        if (!p.o.districtRanking.isEmpty())
            p.drawTable(p.table(QStringLiteral("district")));
        p.chart(OverviewChart::Trend, 190);
        p.chart(OverviewChart::ClosureRate, 190);
        break;
    case Breakdown:
        p.chart(OverviewChart::Categories, 230);
        p.drawTable(p.table(QStringLiteral("categories")));
        p.chart(OverviewChart::Disputes, 190);
        p.drawTable(p.table(QStringLiteral("disputes")));
        break;
    case Ranking:
        p.chart(OverviewChart::Ranking,
            std::clamp(60.0 + 15.0 * std::min<qsizetype>(p.o.ranking.size(), kRankingChartUnits), 150.0, 300.0));
        p.drawTable(p.table(QStringLiteral("ranking")), 8);
        break;
    case Lists:
        p.chart(OverviewChart::Overdue, 190);
        p.drawTable(p.table(QStringLiteral("overdue")), 7.5);
        p.drawTable(p.table(QStringLiteral("parked")), 7.5);
        break;
    case Appendix:
        p.appendix(p.table(QStringLiteral("definitions")));
        break;
    default: break;
    }
}

bool WeeklyReportPdf::finish(QString* error)
{
    if (!d->painter.isActive() || !d->painter.end()) {
        *error = QCoreApplication::translate("WeeklyReport", "Cannot write the PDF %1.").arg(d->path);
        return false;
    }
    d->writer.reset(); // flushes and closes the file
    if (QFileInfo(d->path).size() <= 0) {
        *error = QCoreApplication::translate("WeeklyReport", "Cannot write the PDF %1.").arg(d->path);
        return false;
    }
    return true;
}

int WeeklyReportPdf::pageCount() const
{
    return d->pages;
}

bool WeeklyReportPdf::write(const KpiOverview& overview, const QString& path, QString* error)
{
    WeeklyReportPdf pdf(overview, path);
    if (!pdf.begin(error))
        return false;
    for (int s = 0; s < pdf.sectionCount(); ++s)
        pdf.writeSection(s);
    return pdf.finish(error);
}

} // namespace gridhall
