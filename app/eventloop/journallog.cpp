#include "app/eventloop/journallog.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QtGlobal>
#include <cstdio>
#include <sys/stat.h>

namespace gridhall {

namespace {

int syslogPriority(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return 7;
    case QtInfoMsg:
        return 6;
    case QtWarningMsg:
        return 4;
    case QtCriticalMsg:
        return 3;
    case QtFatalMsg:
        return 2;
    }
    return 6;
}

void writeWithPriority(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    const QString text = qFormatLogMessage(type, context, message);
    const QByteArray prefix = '<' + QByteArray::number(syslogPriority(type)) + '>';
    // Every line of a message carries the prefix: the journal takes each line as an entry.
    QByteArray out;
    for (const QStringView line : QStringView(text).split(QLatin1Char('\n')))
        out += prefix + line.toUtf8() + '\n';
    std::fwrite(out.constData(), 1, size_t(out.size()), stderr);
    std::fflush(stderr);
}

// JOURNAL_STREAM is "DEVICE:INODE" of the stream systemd connected; a child whose standard
// error was redirected elsewhere inherits the variable but not the stream.
bool stderrIsJournal()
{
    const QByteArray stream = qgetenv("JOURNAL_STREAM");
    const qsizetype colon = stream.indexOf(':');
    if (colon <= 0)
        return false;
    bool devOk = false, inoOk = false;
    const qulonglong device = stream.left(colon).toULongLong(&devOk);
    const qulonglong inode = stream.mid(colon + 1).toULongLong(&inoOk);
    struct stat st {};
    return devOk && inoOk && ::fstat(fileno(stderr), &st) == 0 && qulonglong(st.st_dev) == device && qulonglong(st.st_ino) == inode;
}

} // namespace

bool installJournalLogLevels()
{
    if (!stderrIsJournal())
        return false;
    qInstallMessageHandler(writeWithPriority);
    return true;
}

} // namespace gridhall
