#pragma once
// gridhall-cameras, the demo's RTSP server, started by a test on loopback; and how far two
// pictures from it differ.

#include <QDeadlineTimer>
#include <QImage>
#include <QProcess>
#include <QRegularExpression>
#include <QUrl>

namespace gridhall::testing {

class CameraServer {
public:
    ~CameraServer() { stop(); }
    // port 0: a free one. Returns false when the server did not say it listens.
    bool start(quint16 port = 0)
    {
        m_process.start(QStringLiteral(GRIDHALL_BINARY_DIR "/app/gridhall-cameras"),
            { QStringLiteral("--listen"), QStringLiteral("127.0.0.1:%1").arg(port) });
        if (!m_process.waitForStarted(10000))
            return false;
        static const QRegularExpression re(QStringLiteral("listening on 127\\.0\\.0\\.1:(\\d+)"));
        QByteArray seen;
        QDeadlineTimer deadline(10000);
        while (!deadline.hasExpired() && m_process.state() == QProcess::Running) {
            m_process.waitForReadyRead(100);
            seen += m_process.readAllStandardOutput();
            const auto m = re.match(QString::fromUtf8(seen));
            if (m.hasMatch()) {
                m_port = quint16(m.captured(1).toUInt());
                return true;
            }
        }
        qWarning("gridhall-cameras did not start: %s %s", seen.constData(), m_process.readAllStandardError().constData());
        return false;
    }
    void stop()
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        m_process.terminate();
        if (!m_process.waitForFinished(5000)) {
            m_process.kill();
            m_process.waitForFinished(5000);
        }
    }
    quint16 port() const { return m_port; }
    QUrl url(const QString& path) const { return QUrl(QStringLiteral("rtsp://127.0.0.1:%1%2").arg(m_port).arg(path)); }

private:
    QProcess m_process;
    quint16 m_port = 0;
};

// Pixels whose grey differs by more than 40 between two pictures (all of them when the
// sizes differ): the test picture's ball moves and its clock turns.
inline int differingPixels(const QImage& a, const QImage& b)
{
    const QImage x = a.convertToFormat(QImage::Format_RGB32), y = b.convertToFormat(QImage::Format_RGB32);
    if (x.size() != y.size())
        return x.width() * x.height();
    int n = 0;
    for (int row = 0; row < x.height(); ++row) {
        const auto* p = reinterpret_cast<const QRgb*>(x.constScanLine(row));
        const auto* q = reinterpret_cast<const QRgb*>(y.constScanLine(row));
        for (int col = 0; col < x.width(); ++col)
            n += qAbs(qGray(p[col]) - qGray(q[col])) > 40 ? 1 : 0;
    }
    return n;
}

// Pixels clearly above black: the test picture's background is a dark blue-grey (grey level
// about 45), a tile with no picture is black.
inline int pixelsAboveBlack(const QImage& image)
{
    const QImage x = image.convertToFormat(QImage::Format_RGB32);
    int n = 0;
    for (int row = 0; row < x.height(); ++row) {
        const auto* p = reinterpret_cast<const QRgb*>(x.constScanLine(row));
        for (int col = 0; col < x.width(); ++col)
            n += qGray(p[col]) > 16 ? 1 : 0;
    }
    return n;
}

} // namespace gridhall::testing
