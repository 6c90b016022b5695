#pragma once
// WeeklyReportJob: makes the weekly report from the app. The data is gathered on the store
// thread (the slow part: SQL over weeks of cases); the PDF is then drawn on this object's
// (the GUI) thread one section per turn of the event loop, since the charts are Qt Charts
// scene items and belong to the GUI thread. progress() reports 0 … 100 throughout.
//
// runWeeklyReportDialog(): the File ▸ Weekly report… dialog — week, scope, files — with a
// QProgressDialog while the job runs.

#include "models/store/kpioverview.h"

#include <QObject>
#include <QPointer>
#include <memory>

class QWidget;

namespace gridhall {

class StoreService;
class WeeklyReportPdf;

class WeeklyReportJob : public QObject {
    Q_OBJECT
public:
    // xlsxPath may be empty (PDF only).
    WeeklyReportJob(StoreService& store, const KpiOverviewRequest& request, const QString& pdfPath,
        const QString& xlsxPath, QObject* parent = nullptr);
    ~WeeklyReportJob() override;

    void start();
    void cancel(); // stops after the current step; finished(false, …) follows

signals:
    void progress(int percent, const QString& step);
    void finished(bool ok, const QString& message);

private:
    void onGathered(const std::optional<KpiOverview>& overview, const QString& error);
    void nextSection();
    void done(bool ok, const QString& message);

    StoreService& m_store;
    KpiOverviewRequest m_request;
    QString m_pdfPath;
    QString m_xlsxPath;
    std::optional<KpiOverview> m_overview;
    std::unique_ptr<WeeklyReportPdf> m_pdf;
    int m_section = 0;
    bool m_running = false;
    bool m_cancelled = false;
};

// Asks for the week, scope and output file, then runs a WeeklyReportJob with progress.
// language: "zh_CN" or "en" (category names follow it; the text follows the translator).
void runWeeklyReportDialog(QWidget* parent, StoreService& store, const QString& language);

} // namespace gridhall
