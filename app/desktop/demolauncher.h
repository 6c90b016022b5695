#pragma once
// `gridhall --demo`: a live district on this machine with no setup. On first use creates
// the demo district and its users with `gridhall-server`; then starts the server on a
// free loopback port, `gridhall-sim` and `gridhall-cameras` (the cameras' synthetic
// streams, on a loopback port chosen once per demo folder) as child processes (stopped when
// GridHall quits), and hands over where the local replica lives and which server to sync from.

#include <QObject>
#include <QProcess>
#include <QUrl>
#include <memory>

class QProgressDialog;

namespace gridhall {

class DemoLauncher : public QObject {
    Q_OBJECT
public:
    static constexpr const char* kOperator = "operator";
    static constexpr const char* kSupervisor = "supervisor";
    // Meets add-user's password policy (10+ characters, three kinds, no user name).
    static constexpr const char* kPassword = "GridHall-Demo-2026";

    explicit DemoLauncher(QObject* parent = nullptr);
    ~DemoLauncher() override; // stops the simulator and the server

    static QString demoDirectory();
    // quiet: no progress dialog (screenshots, tests). workers: simulated handhelds.
    void start(bool quiet, int workers);

signals:
    void ready(const QString& replicaPath, const QUrl& server);
    void failed(const QString& message);

private:
    struct Step {
        QStringList args;
        QByteArray input; // written to the program's standard input
        QString what; // shown in the progress dialog
    };
    void runSetup();
    void runNextStep();
    void startServer();
    void startSimulator();
    // The demo's camera streams; a demo without them still runs (the views say so).
    void startCameras();
    // The loopback port the demo's cameras stream on, chosen (a free one) and kept in the
    // demo folder when the district is made, since the cameras' URLs name it.
    quint16 cameraPort(bool choose);
    void setProgress(const QString& text);
    QString serverProgram() const;

    QList<Step> m_steps;
    std::unique_ptr<QProcess> m_step;
    std::unique_ptr<QProcess> m_server;
    std::unique_ptr<QProcess> m_sim;
    std::unique_ptr<QProcess> m_cameras;
    QProgressDialog* m_progress = nullptr;
    QString m_serverDb;
    QString m_log;
    QString m_serverErrors; // the tail of the server's stderr
    QUrl m_url;
    int m_workers = 300;
};

} // namespace gridhall
