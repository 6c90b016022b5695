#pragma once
// Finds the demo district's store, creating it on first use by running
// `gridhall-server demo-data` (the program next to this one) in the background.

#include <QObject>
#include <QProcess>
#include <memory>

class QProgressDialog;

namespace gridhall {

class DemoLauncher : public QObject {
    Q_OBJECT
public:
    explicit DemoLauncher(QObject* parent = nullptr);
    ~DemoLauncher() override;

    // Where the demo store lives for this user.
    static QString demoStorePath();
    // Emits ready(path) at once if the store exists, else after creating it; failed() otherwise.
    // quiet: no progress dialog (screenshots, tests).
    void prepare(bool quiet);

signals:
    void ready(const QString& path);
    void failed(const QString& message);

private:
    void finish(int exitCode, QProcess::ExitStatus status);

    std::unique_ptr<QProcess> m_process;
    QProgressDialog* m_progress = nullptr;
    QString m_target;
    QString m_log;
};

} // namespace gridhall
