// Recorded tracks: which fixes the thinner keeps, and writing, reading and pruning them in
// a real replica file.

#include "models/store/store.h"
#include "models/store/trackstore.h"

#include <QTemporaryDir>
#include <QTest>

using namespace gridhall;

namespace {
constexpr qint64 kT0 = 1764547200000; // 2025-12-01 00:00 UTC
// About 11 m per 0.0001° of latitude.
RecordedFix fix(const char* worker, double northMetres, qint64 seconds)
{
    return { QString::fromLatin1(worker), { 113.33, 23.12 + northMetres / 111195.0 }, kT0 + seconds * 1000 };
}
} // namespace

class TestTrackStore : public QObject {
    Q_OBJECT
private slots:
    void thinnerKeepsMovesAndGaps();
    void appendReadPrune();
};

void TestTrackStore::thinnerKeepsMovesAndGaps()
{
    TrackThinner thinner(15, 60000);
    QVERIFY(thinner.keep(fix("W1", 0, 0))); // first fix of a worker
    QVERIFY(!thinner.keep(fix("W1", 10, 5))); // 10 m: not yet
    QVERIFY(thinner.keep(fix("W1", 16, 10))); // 16 m from the kept one
    QVERIFY(!thinner.keep(fix("W1", 20, 69))); // 4 m, 59 s
    QVERIFY(thinner.keep(fix("W1", 20, 70))); // standing still, but 60 s passed: the stop shows
    QVERIFY(!thinner.keep(fix("W1", 500, 70))); // same time again
    QVERIFY(!thinner.keep(fix("W1", 500, 50))); // older than the last kept
    QVERIFY(thinner.keep(fix("W2", 20, 71))); // workers are independent
    thinner.reset();
    QVERIFY(thinner.keep(fix("W1", 20, 71)));
}

void TestTrackStore::appendReadPrune()
{
    QTemporaryDir dir;
    StoreStatus status;
    auto store = Store::open(dir.filePath(QStringLiteral("tracks.sqlite")), &status);
    QVERIFY2(store, qPrintable(status.message));
    QList<RecordedFix> fixes;
    for (int i = 0; i < 50; ++i) {
        fixes.append(fix("W2", i * 20, i * 30));
        fixes.append(fix("W1", i * 20, i * 30 + 7));
    }
    QString error;
    QVERIFY2(appendRecordedFixes(*store, fixes, &error), qPrintable(error));
    QVERIFY2(appendRecordedFixes(*store, fixes.mid(0, 10), &error), qPrintable(error)); // repeats ignored

    const QList<RecordedFix> w1 = recordedFixes(*store, { QStringLiteral("W1") }, kT0, kT0 + 3600 * 1000, &error);
    QCOMPARE(w1.size(), 50);
    for (int i = 1; i < w1.size(); ++i)
        QVERIFY(w1[i - 1].atMs < w1[i].atMs);
    QCOMPARE(w1.first(), fix("W1", 0, 7));
    // A window: [from, to).
    const QList<RecordedFix> window
        = recordedFixes(*store, { QStringLiteral("W1"), QStringLiteral("W2") }, kT0 + 30000, kT0 + 90000, &error);
    QCOMPARE(window.size(), 4); // W1 at 37 s and 67 s, W2 at 30 s and 60 s
    QCOMPARE(window.at(0).worker, QStringLiteral("W1"));
    QCOMPARE(window.at(2).worker, QStringLiteral("W2"));
    QCOMPARE(recordedFixes(*store, {}, 0, kT0 + 3600 * 1000, &error).size(), 100);
    QVERIFY(recordedFixes(*store, { QStringLiteral("nobody") }, 0, kT0 + 3600 * 1000, &error).isEmpty());
    // A limit (the server's answer size) stops the read there, across workers, without error.
    error.clear();
    const QList<RecordedFix> limited
        = recordedFixes(*store, { QStringLiteral("W1"), QStringLiteral("W2") }, 0, kT0 + 3600 * 1000, &error, 60);
    QVERIFY(error.isEmpty());
    QCOMPARE(limited.size(), 60);
    QCOMPARE(limited.last().worker, QStringLiteral("W2"));
    QCOMPARE(recordedFixes(*store, { QStringLiteral("W1"), QStringLiteral("W2") }, 0, kT0 + 3600 * 1000, &error, 50).size(), 50);

    QCOMPARE(pruneRecordedFixes(*store, kT0 + 750 * 1000, &error), 50); // the first 25 of each
    QCOMPARE(recordedFixes(*store, {}, 0, kT0 + 3600 * 1000, &error).size(), 50);

    // The track survives a reopen (it is in the file, not in memory).
    store.reset();
    store = Store::open(dir.filePath(QStringLiteral("tracks.sqlite")), &status);
    QVERIFY(store);
    QCOMPARE(recordedFixes(*store, { QStringLiteral("W2") }, 0, kT0 + 3600 * 1000, &error).size(), 25);
}

QTEST_GUILESS_MAIN(TestTrackStore)
#include "tst_trackstore.moc"
