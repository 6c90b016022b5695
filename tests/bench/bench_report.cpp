// bench report-week: the weekly KPI report as the Monday timer makes it, with the real
// programs on the 100k-case demo district: `gridhall report` for the whole district and
// for one street, zh_CN, three rounds each, the median of what the command says it spent
// reading (the KPI engine over 8 weeks, the breakdowns and lists) and writing (PDF).
// Goal (issue 18): about 2 s on the demo district; the bench fails above 3 s, which
// leaves room for a 2-core machine shared with builds.

#include <QCoreApplication>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>

namespace {

QByteArray runProgram(const QString& program, const QStringList& args, int* exitCode)
{
    QProcess p;
    p.start(program, args);
    if (!p.waitForFinished(600'000)) {
        p.kill();
        p.waitForFinished();
    }
    *exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    return p.readAllStandardOutput() + p.readAllStandardError();
}

double median(QList<double> v)
{
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? 0 : v.at(v.size() / 2);
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QString bin = QCoreApplication::applicationDirPath() + QStringLiteral("/../app/");
    QTemporaryDir dir;
    if (!dir.isValid()) {
        std::printf("bench report-week: no folder to write the hall in\n");
        return 1;
    }
    const QString hall = dir.filePath(QStringLiteral("hall.sqlite"));
    int rc = -1;
    QByteArray out = runProgram(bin + QStringLiteral("gridhall-server"),
        { QStringLiteral("demo-data"), QStringLiteral("--db"), hall, QStringLiteral("--end"), QStringLiteral("2026-11-29") }, &rc);
    if (rc != 0) {
        std::printf("bench report-week: demo-data failed: %s\n", out.constData());
        return 1;
    }
    const QByteArray street = runProgram(QStringLiteral("sqlite3"),
        { hall, QStringLiteral("SELECT code FROM streets ORDER BY code LIMIT 1") }, &rc).trimmed();
    static const QRegularExpression times(QStringLiteral("reading (\\d+) ms, writing (\\d+) ms"));
    struct Scope {
        const char* name;
        QStringList args;
        QList<double> reading, writing;
    } scopes[] = { { "district", {}, {}, {} },
        { "street", { QStringLiteral("--street"), QString::fromLatin1(street) }, {}, {} } };
    for (int round = 0; round < 3; ++round) {
        for (Scope& s : scopes) {
            out = runProgram(bin + QStringLiteral("gridhall"),
                QStringList { QStringLiteral("report"), QStringLiteral("--db"), hall, QStringLiteral("--week"),
                    QStringLiteral("2026-W48"), QStringLiteral("--lang"), QStringLiteral("en"), QStringLiteral("--as-of"),
                    QStringLiteral("2026-11-30T08:00"), QStringLiteral("--out"), dir.filePath(QStringLiteral("r.pdf")) }
                    + s.args,
                &rc);
            const QRegularExpressionMatch m = times.match(QString::fromUtf8(out));
            if (rc != 0 || !m.hasMatch()) {
                std::printf("bench report-week: gridhall report failed: %s\n", out.constData());
                return 1;
            }
            s.reading.append(m.captured(1).toDouble() / 1000.0);
            s.writing.append(m.captured(2).toDouble() / 1000.0);
        }
    }
    bool ok = true;
    QStringList parts;
    for (const Scope& s : scopes) {
        const double total = median(s.reading) + median(s.writing);
        ok = ok && total <= 3.0;
        parts << QStringLiteral("%1 %2 s (reading %3, writing %4)")
                     .arg(QLatin1String(s.name))
                     .arg(total, 0, 'f', 2)
                     .arg(median(s.reading), 0, 'f', 2)
                     .arg(median(s.writing), 0, 'f', 2);
    }
    std::printf("bench report-week: %s; goal about 2 s, limit 3 s %s\n", qPrintable(parts.join(QStringLiteral(", "))),
        ok ? "ok" : "SLOW");
    return ok ? 0 : 1;
}
