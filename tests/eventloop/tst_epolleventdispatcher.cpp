// The epoll dispatcher as the main thread's loop: timers, socket notifiers on pipes, files
// and loopback TCP, posted events, wake-ups from other threads, and the slips a loop must
// survive (a notifier deleted while ready, a descriptor reused, a handler that re-enters).
#include "app/eventloop/epolleventdispatcher.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QPointer>
#include <QSocketNotifier>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryFile>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <fcntl.h>
#include <memory>
#include <unistd.h>

using namespace gridhall;

namespace {
struct Pipe {
    int fds[2] = { -1, -1 };
    Pipe()
    {
        if (pipe2(fds, O_CLOEXEC | O_NONBLOCK) != 0)
            qFatal("pipe2 failed");
    }
    ~Pipe()
    {
        closeRead();
        if (fds[1] >= 0)
            close(fds[1]);
    }
    void closeRead()
    {
        if (fds[0] >= 0)
            close(fds[0]);
        fds[0] = -1;
    }
    int readEnd() const { return fds[0]; }
    void put(char c = 'x') { QCOMPARE_EQ(write(fds[1], &c, 1), 1); }
    void drain()
    {
        char buf[64];
        while (read(fds[0], buf, sizeof buf) > 0) { }
    }
};

// A timer whose handler spins a nested loop, to see that the timer is not re-entered,
// and that the nested loop blocks (counting its passes) rather than spinning on it.
class ReentrantTimer : public QObject {
public:
    int depth = 0, maxDepth = 0, calls = 0, nestedPasses = 0;
    void timerEvent(QTimerEvent*) override
    {
        ++calls;
        maxDepth = std::max(maxDepth, ++depth);
        if (calls == 1) {
            QEventLoop nested;
            QTimer::singleShot(120, &nested, &QEventLoop::quit);
            const auto counter = connect(QCoreApplication::eventDispatcher(), &QAbstractEventDispatcher::awake,
                this, [this] { ++nestedPasses; });
            nested.exec();
            disconnect(counter);
        }
        --depth;
    }
};
} // namespace

class TestEpollEventDispatcher : public QObject {
    Q_OBJECT
private slots:
    void isTheMainLoop()
    {
        QVERIFY(qobject_cast<EpollEventDispatcher*>(QCoreApplication::eventDispatcher()));
    }

    void timersFireInOrderAndRepeat()
    {
        QStringList order;
        QTimer::singleShot(60, this, [&] { order << "late"; });
        QTimer::singleShot(10, this, [&] { order << "early"; });
        QTimer repeating;
        int ticks = 0;
        connect(&repeating, &QTimer::timeout, this, [&] { ++ticks; });
        repeating.start(20);
        QTRY_COMPARE_WITH_TIMEOUT(order.size(), 2, 2000);
        QCOMPARE(order, (QStringList { "early", "late" }));
        QTRY_VERIFY_WITH_TIMEOUT(ticks >= 4, 2000);
        const int left = repeating.remainingTime();
        QVERIFY2(left >= 0 && left <= 20, qPrintable(QString::number(left)));
        repeating.stop();
        QCOMPARE(repeating.remainingTime(), -1);
        const int stoppedAt = ticks;
        QTest::qWait(80);
        QCOMPARE(ticks, stoppedAt);
    }

    void timerIntervalIsKept()
    {
        // 10 ticks of 30 ms: not early (the loop must block, not spin) and not much late.
        QTimer t;
        int ticks = 0;
        QElapsedTimer clock;
        connect(&t, &QTimer::timeout, this, [&] { ++ticks; });
        t.setTimerType(Qt::PreciseTimer);
        clock.start();
        t.start(30);
        QTRY_VERIFY_WITH_TIMEOUT(ticks >= 10, 5000);
        QVERIFY2(clock.elapsed() >= 290, qPrintable(QString::number(clock.elapsed())));
    }

    void zeroTimerRunsEveryPassWithoutStarvingOthers()
    {
        QTimer zero, other;
        int zeroTicks = 0;
        bool otherFired = false;
        connect(&zero, &QTimer::timeout, this, [&] { ++zeroTicks; });
        connect(&other, &QTimer::timeout, this, [&] { otherFired = true; });
        other.setSingleShot(true);
        zero.start(0);
        other.start(30);
        QTRY_VERIFY_WITH_TIMEOUT(otherFired, 2000);
        QVERIFY(zeroTicks > 10);
    }

    void timerStoppedInItsOwnHandler()
    {
        QTimer t;
        int ticks = 0;
        connect(&t, &QTimer::timeout, this, [&] {
            if (++ticks == 3)
                t.stop();
        });
        t.start(5);
        QTest::qWait(150);
        QCOMPARE(ticks, 3);
        QVERIFY(QCoreApplication::eventDispatcher()->registeredTimers(&t).isEmpty());
    }

    void timerIsNotReenteredByANestedLoop()
    {
        ReentrantTimer r;
        const int id = r.startTimer(10);
        QTRY_VERIFY_WITH_TIMEOUT(r.calls >= 3, 3000);
        r.killTimer(id);
        QCOMPARE(r.maxDepth, 1);
        // 120 ms of nested loop with the outer timer overdue: a handful of passes, not thousands.
        QVERIFY2(r.nestedPasses < 50, qPrintable(QString::number(r.nestedPasses)));
    }

    void timersOfADeletedObjectAreGone()
    {
        auto* owner = new QObject;
        auto* t = new QTimer(owner);
        t->start(10000);
        owner->startTimer(20000);
        auto* dispatcher = QCoreApplication::eventDispatcher();
        QCOMPARE(dispatcher->registeredTimers(owner).size(), 1);
        QCOMPARE(dispatcher->registeredTimers(t).size(), 1);
        QCOMPARE(dispatcher->registeredTimers(t).first().interval, 10000);
        delete owner;
        // A new timer may reuse the ids; it must not inherit the old ones' deadlines.
        QTimer fresh;
        bool fired = false;
        connect(&fresh, &QTimer::timeout, this, [&] { fired = true; });
        fresh.setSingleShot(true);
        fresh.start(20);
        QTRY_VERIFY_WITH_TIMEOUT(fired, 2000);
    }

    void pipeNotifierFiresWhileDataWaits()
    {
        Pipe p;
        QSocketNotifier n(p.readEnd(), QSocketNotifier::Read);
        int activations = 0;
        connect(&n, &QSocketNotifier::activated, this, [&] { ++activations; });
        QTest::qWait(30);
        QCOMPARE(activations, 0);
        p.put();
        QTRY_VERIFY_WITH_TIMEOUT(activations >= 1, 2000);
        // Level-triggered, as Qt's loop: unread data keeps it firing.
        const int before = activations;
        QTRY_VERIFY_WITH_TIMEOUT(activations > before + 2, 2000);
        p.drain();
        QTest::qWait(20);
        const int settled = activations;
        QTest::qWait(50);
        QCOMPARE(activations, settled);
        n.setEnabled(false);
        p.put();
        QTest::qWait(50);
        QCOMPARE(activations, settled);
        n.setEnabled(true);
        QTRY_VERIFY_WITH_TIMEOUT(activations > settled, 2000);
    }

    void notifierDeletedWhileReadyIsNotActivated()
    {
        // Two pipes ready in the same pass; whichever handler runs first deletes the other's
        // notifier. The deleted one must not be activated (it would be a dangling pointer).
        Pipe a, b;
        auto* na = new QSocketNotifier(a.readEnd(), QSocketNotifier::Read);
        auto* nb = new QSocketNotifier(b.readEnd(), QSocketNotifier::Read);
        QPointer<QSocketNotifier> pa(na), pb(nb);
        int fired = 0;
        connect(na, &QSocketNotifier::activated, this, [&] {
            ++fired;
            delete pb.data();
            a.drain();
        });
        connect(nb, &QSocketNotifier::activated, this, [&] {
            ++fired;
            delete pa.data();
            b.drain();
        });
        a.put();
        b.put();
        QTest::qWait(5); // both ready before the loop looks
        QTRY_COMPARE_WITH_TIMEOUT(fired, 1, 2000);
        QTest::qWait(50);
        QCOMPARE(fired, 1);
        QCOMPARE(int(pa.isNull()) + int(pb.isNull()), 1);
        delete pa.data();
        delete pb.data();
    }

    void descriptorReusedAfterClose()
    {
        auto first = std::make_unique<Pipe>();
        const int fd = first->readEnd();
        int oldFired = 0, newFired = 0;
        {
            QSocketNotifier old(fd, QSocketNotifier::Read);
            connect(&old, &QSocketNotifier::activated, this, [&] { ++oldFired; });
            // Closed before its notifier goes, as sockets sometimes are: the kernel drops it
            // from the epoll set; the dispatcher must not trip over that.
            first->closeRead();
        }
        Pipe second; // very likely gets the same descriptor number
        QSocketNotifier fresh(second.readEnd(), QSocketNotifier::Read);
        connect(&fresh, &QSocketNotifier::activated, this, [&] {
            ++newFired;
            second.drain();
        });
        second.put();
        QTRY_VERIFY_WITH_TIMEOUT(newFired >= 1, 2000);
        QCOMPARE(oldFired, 0);
        if (second.readEnd() != fd)
            qInfo("descriptor not reused this time (%d vs %d); the notifier still worked", second.readEnd(), fd);
    }

    void regularFileIsAlwaysReady()
    {
        // epoll refuses regular files; poll() calls them readable, and so must we.
        QTemporaryFile file;
        QVERIFY(file.open());
        file.write("data");
        file.flush();
        QSocketNotifier n(file.handle(), QSocketNotifier::Read);
        int activations = 0;
        connect(&n, &QSocketNotifier::activated, this, [&] { ++activations; });
        QTRY_VERIFY_WITH_TIMEOUT(activations >= 2, 2000);
        n.setEnabled(false);
        // With it gone the loop blocks again: a timer 50 ms away is not overtaken by spinning.
        QElapsedTimer clock;
        clock.start();
        QEventLoop loop;
        QTimer::singleShot(50, &loop, &QEventLoop::quit);
        int passes = 0;
        connect(QCoreApplication::eventDispatcher(), &QAbstractEventDispatcher::awake, &loop, [&] { ++passes; });
        loop.exec();
        QVERIFY2(passes < 20, qPrintable(QString::number(passes)));
    }

    void excludedNotifiersWaitTheirTurn()
    {
        Pipe p;
        QSocketNotifier n(p.readEnd(), QSocketNotifier::Read);
        int activations = 0;
        connect(&n, &QSocketNotifier::activated, this, [&] { ++activations; });
        p.put();
        QElapsedTimer clock;
        clock.start();
        QCoreApplication::processEvents(QEventLoop::ExcludeSocketNotifiers);
        QCoreApplication::processEvents(QEventLoop::ExcludeSocketNotifiers);
        QCOMPARE(activations, 0);
        QVERIFY(clock.elapsed() < 1000); // not waiting either
        QTRY_VERIFY_WITH_TIMEOUT(activations >= 1, 2000);
    }

    void postedEventsAndDeleteLater()
    {
        QPointer<QObject> doomed(new QObject);
        doomed->deleteLater();
        bool called = false;
        QMetaObject::invokeMethod(this, [&] { called = true; }, Qt::QueuedConnection);
        QTRY_VERIFY_WITH_TIMEOUT(called, 2000);
        QTRY_VERIFY_WITH_TIMEOUT(doomed.isNull(), 2000);
    }

    void anotherThreadWakesABlockedLoop()
    {
        // No timers, no sockets: the loop blocks until the other thread posts.
        QEventLoop loop;
        QElapsedTimer clock;
        bool arrived = false;
        std::unique_ptr<QThread> poster(QThread::create([&] {
            QThread::msleep(100);
            QMetaObject::invokeMethod(&loop, [&] {
                arrived = true;
                loop.quit();
            }, Qt::QueuedConnection);
        }));
        QTimer guard;
        guard.setSingleShot(true);
        connect(&guard, &QTimer::timeout, &loop, &QEventLoop::quit);
        guard.start(5000);
        clock.start();
        poster->start();
        loop.exec();
        poster->wait();
        QVERIFY(arrived);
        QVERIFY2(clock.elapsed() < 2000, qPrintable(QString::number(clock.elapsed())));
    }

    void loopbackTcpWithManyClients()
    {
        // 300 clients each send 20 lines; the server echoes every line; all echoes arrive.
        // Exercises read and write notifiers turning on and off across hundreds of sockets.
        constexpr int clients = 300, lines = 20;
        QTcpServer server;
        // All connect in one pass; with Qt's backlog of 50 the rest would wait on SYN retransmits.
        server.setListenBacklogSize(clients);
        QVERIFY(server.listen(QHostAddress::LocalHost));
        connect(&server, &QTcpServer::newConnection, this, [&] {
            while (QTcpSocket* s = server.nextPendingConnection()) {
                connect(s, &QTcpSocket::readyRead, s, [s] {
                    while (s->canReadLine())
                        s->write(s->readLine());
                });
                connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
            }
        });
        std::vector<std::unique_ptr<QTcpSocket>> sockets;
        int echoed = 0, connected = 0;
        for (int i = 0; i < clients; ++i) {
            auto s = std::make_unique<QTcpSocket>();
            QTcpSocket* raw = s.get();
            connect(raw, &QTcpSocket::connected, this, [raw, i, &connected] {
                ++connected;
                for (int l = 0; l < lines; ++l)
                    raw->write(QStringLiteral("client %1 line %2\n").arg(i).arg(l).toUtf8());
            });
            connect(raw, &QTcpSocket::readyRead, this, [raw, &echoed] {
                while (raw->canReadLine()) {
                    raw->readLine();
                    ++echoed;
                }
            });
            raw->connectToHost(QHostAddress::LocalHost, server.serverPort());
            sockets.push_back(std::move(s));
        }
        QTRY_COMPARE_WITH_TIMEOUT(connected, clients, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(echoed, clients * lines, 20000);
        // Hang-ups reach the other side: every server socket is deleted.
        for (auto& s : sockets)
            s->disconnectFromHost();
        QTRY_COMPARE_WITH_TIMEOUT(server.findChildren<QTcpSocket*>().size(), 0, 20000);
    }
};

int main(int argc, char** argv)
{
    QCoreApplication::setEventDispatcher(new EpollEventDispatcher);
    QCoreApplication app(argc, argv);
    TestEpollEventDispatcher test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_epolleventdispatcher.moc"
