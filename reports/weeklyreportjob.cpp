#include "reports/weeklyreportjob.h"

#include "models/store/storeservice.h"
#include "reports/weeklyreport.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDateEdit>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFile>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>
#include <QTimer>

namespace gridhall {

WeeklyReportJob::WeeklyReportJob(StoreService& store, const KpiOverviewRequest& request, const QString& pdfPath,
    const QString& xlsxPath, QObject* parent)
    : QObject(parent)
    , m_store(store)
    , m_request(request)
    , m_pdfPath(pdfPath)
    , m_xlsxPath(xlsxPath)
{
}

WeeklyReportJob::~WeeklyReportJob() = default;

void WeeklyReportJob::start()
{
    if (m_running)
        return;
    m_running = true;
    // A store that is not open answers with failed() instead of running the job.
    connect(&m_store, &StoreService::failed, this, [this](const QString& message) {
        if (m_running && !m_overview)
            done(false, message);
    });
    emit progress(0, tr("Reading the data"));
    requestKpiOverview(
        m_store, m_request, this,
        [this](const std::optional<KpiOverview>& overview, const QString& error) { onGathered(overview, error); },
        [this](double fraction, const QString& step) {
            if (m_running)
                emit progress(int(fraction * 60), step);
        });
}

void WeeklyReportJob::cancel()
{
    m_cancelled = true;
}

void WeeklyReportJob::onGathered(const std::optional<KpiOverview>& overview, const QString& error)
{
    if (!m_running)
        return;
    if (!overview) {
        done(false, error);
        return;
    }
    if (m_cancelled) {
        done(false, tr("Cancelled."));
        return;
    }
    m_overview = overview;
    m_pdf = std::make_unique<WeeklyReportPdf>(*m_overview, m_pdfPath);
    QString pdfError;
    if (!m_pdf->begin(&pdfError)) {
        done(false, pdfError);
        return;
    }
    m_section = 0;
    QTimer::singleShot(0, this, &WeeklyReportJob::nextSection);
}

void WeeklyReportJob::nextSection()
{
    if (!m_running)
        return;
    if (m_cancelled) {
        m_pdf.reset();
        QFile::remove(m_pdfPath); // a half-written report helps nobody
        done(false, tr("Cancelled."));
        return;
    }
    const int count = m_pdf->sectionCount();
    if (m_section < count) {
        emit progress(60 + 35 * m_section / count, m_pdf->sectionName(m_section));
        m_pdf->writeSection(m_section++);
        QTimer::singleShot(0, this, &WeeklyReportJob::nextSection);
        return;
    }
    QString error;
    if (!m_pdf->finish(&error)) {
        done(false, error);
        return;
    }
    if (!m_xlsxPath.isEmpty()) {
        emit progress(96, tr("Writing the spreadsheet"));
        if (!writeWeeklyReportXlsx(*m_overview, m_xlsxPath, &error)) {
            done(false, error);
            return;
        }
    }
    done(true, m_xlsxPath.isEmpty() ? tr("Wrote %1 (%n page(s)).", nullptr, m_pdf->pageCount()).arg(m_pdfPath)
                                    : tr("Wrote %1 (%n page(s)) and %2.", nullptr, m_pdf->pageCount()).arg(m_pdfPath, m_xlsxPath));
}

void WeeklyReportJob::done(bool ok, const QString& message)
{
    if (!m_running)
        return;
    m_running = false;
    emit progress(100, message);
    emit finished(ok, message);
}

void runWeeklyReportDialog(QWidget* parent, StoreService& store, const QString& language)
{
    QDialog dialog(parent);
    dialog.setWindowTitle(QCoreApplication::translate("WeeklyReportDialog", "Weekly report"));
    auto* form = new QFormLayout(&dialog);
    auto* week = new QDateEdit(QDate::currentDate().addDays(-7), &dialog);
    week->setCalendarPopup(true);
    week->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    auto* weekName = new QLineEdit(&dialog);
    weekName->setReadOnly(true);
    auto updateWeek = [week, weekName] { weekName->setText(isoWeekName(week->date())); };
    QObject::connect(week, &QDateEdit::dateChanged, &dialog, updateWeek);
    updateWeek();
    auto* weekRow = new QHBoxLayout;
    weekRow->addWidget(week);
    weekRow->addWidget(weekName);
    form->addRow(QCoreApplication::translate("WeeklyReportDialog", "Any day of the week:"), weekRow);

    auto* scope = new QComboBox(&dialog);
    scope->addItem(QCoreApplication::translate("WeeklyReportDialog", "Whole district"), QString());
    form->addRow(QCoreApplication::translate("WeeklyReportDialog", "Scope:"), scope);
    // Street names come from the store thread; the combo fills in when they arrive.
    QPointer<QComboBox> scopeGuard(scope);
    store.post([scopeGuard](Store& s) {
        const QList<Street> streets = s.streets();
        QMetaObject::invokeMethod(QCoreApplication::instance(), [scopeGuard, streets] {
            if (!scopeGuard)
                return;
            for (const Street& st : streets)
                scopeGuard->addItem(st.name + QStringLiteral(" (") + st.code + QLatin1Char(')'), st.code);
        }, Qt::QueuedConnection);
    });

    auto* path = new QLineEdit(QDir::home().filePath(QStringLiteral("weekly-report-%1.pdf").arg(isoWeekName(week->date()))),
        &dialog);
    auto* browse = new QPushButton(QCoreApplication::translate("WeeklyReportDialog", "Browse…"), &dialog);
    QObject::connect(browse, &QPushButton::clicked, &dialog, [&dialog, path] {
        const QString chosen = QFileDialog::getSaveFileName(&dialog,
            QCoreApplication::translate("WeeklyReportDialog", "Save the weekly report"), path->text(),
            QCoreApplication::translate("WeeklyReportDialog", "PDF files (*.pdf)"));
        if (!chosen.isEmpty())
            path->setText(chosen);
    });
    auto* pathRow = new QHBoxLayout;
    pathRow->addWidget(path, 1);
    pathRow->addWidget(browse);
    form->addRow(QCoreApplication::translate("WeeklyReportDialog", "PDF file:"), pathRow);
    auto* xlsx = new QCheckBox(QCoreApplication::translate("WeeklyReportDialog", "Also write the tables as a spreadsheet (XLSX)"),
        &dialog);
    xlsx->setChecked(true);
    form->addRow(QString(), xlsx);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    buttons->button(QDialogButtonBox::Ok)->setText(QCoreApplication::translate("WeeklyReportDialog", "Make report"));
    QObject::connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    QObject::connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    form->addRow(buttons);
    if (dialog.exec() != QDialog::Accepted)
        return;

    KpiOverviewRequest request;
    request.weekStart = QDateTime(week->date().addDays(1 - week->date().dayOfWeek()), QTime(0, 0));
    request.scope = scope->currentData().toString();
    request.chineseNames = language.startsWith(QLatin1String("zh"));
    QString pdfPath = path->text();
    if (!pdfPath.endsWith(QLatin1String(".pdf"), Qt::CaseInsensitive))
        pdfPath += QStringLiteral(".pdf");
    const QString xlsxPath = xlsx->isChecked() ? pdfPath.left(pdfPath.size() - 4) + QStringLiteral(".xlsx") : QString();

    // The job and its progress dialog live on after this function returns.
    auto* job = new WeeklyReportJob(store, request, pdfPath, xlsxPath, parent);
    auto* progress = new QProgressDialog(QCoreApplication::translate("WeeklyReportDialog", "Making the weekly report…"),
        QCoreApplication::translate("WeeklyReportDialog", "Cancel"), 0, 100, parent);
    progress->setWindowModality(Qt::WindowModal);
    progress->setMinimumDuration(0);
    progress->setAutoClose(false);
    progress->setAutoReset(false);
    QObject::connect(job, &WeeklyReportJob::progress, progress, [progress](int percent, const QString& step) {
        progress->setValue(percent);
        progress->setLabelText(step);
    });
    QObject::connect(progress, &QProgressDialog::canceled, job, &WeeklyReportJob::cancel);
    QPointer<QWidget> owner(parent);
    QObject::connect(job, &WeeklyReportJob::finished, job, [job, progress, owner](bool ok, const QString& message) {
        progress->deleteLater();
        job->deleteLater();
        if (ok)
            QMessageBox::information(owner, QCoreApplication::translate("WeeklyReportDialog", "Weekly report"), message);
        else
            QMessageBox::warning(owner, QCoreApplication::translate("WeeklyReportDialog", "Weekly report"), message);
    });
    job->start();
}

} // namespace gridhall
