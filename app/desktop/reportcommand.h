#pragma once
// `gridhall report`: the weekly KPI report for leaders as PDF (and XLSX), for scheduled
// jobs. Runs without a display (main() picks the offscreen platform when there is none).

#include <QStringList>

namespace gridhall {

// args[0] is the program name as shown in messages ("gridhall report"), then the options:
//   --db FILE --week 2026-W47 [--street CODE] --out report.pdf [--xlsx FILE]
//   [--lang zh_CN|en] [--as-of 2026-11-23T08:00]
// Returns 0 on success, 1 when reading the store or writing a file fails, 2 for a bad
// command line. Needs a QApplication (the charts are Qt Charts scene items).
int runReportCommand(const QStringList& args);

} // namespace gridhall
