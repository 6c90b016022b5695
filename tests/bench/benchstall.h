#pragma once
// The GUI thread's longest block, as the benches measure it: an application that times
// every outermost event the GUI thread handles while `measuring` is on, and keeps the
// longest with what it was (event type, receiver's class and name).

#include <QApplication>
#include <QElapsedTimer>
#include <QThread>

namespace gridhall::bench {

class StallTimingApplication : public QApplication {
public:
    using QApplication::QApplication;
    bool measuring = false;
    double longestMs = 0;
    QString longestWhat;
    qint64 events = 0;
    double totalMs = 0; // the GUI thread's time in events, for how busy it was

    bool notify(QObject* receiver, QEvent* event) override
    {
        if (!measuring || m_depth > 0 || QThread::currentThread() != thread())
            return QApplication::notify(receiver, event);
        ++m_depth;
        // Named before the event is handled: a deferred delete ends its receiver.
        const int type = int(event->type());
        const char* cls = receiver->metaObject()->className();
        QElapsedTimer t;
        t.start();
        const bool handled = QApplication::notify(receiver, event);
        const double ms = t.nsecsElapsed() / 1e6;
        --m_depth;
        ++events;
        totalMs += ms;
        if (ms > longestMs) {
            longestMs = ms;
            longestWhat = QStringLiteral("event %1 to %2").arg(type).arg(QLatin1String(cls));
        }
        return handled;
    }

private:
    int m_depth = 0;
};

} // namespace gridhall::bench
