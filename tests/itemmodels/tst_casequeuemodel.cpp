// The case queue model against brute force over the same Case values: view membership,
// filters, sort orders, text search, counts per view, and live updates that keep the
// operator's selection without a reset.

#include "models/itemmodels/casequeuemodel.h"
#include "models/itemmodels/casesample.h"
#include "models/domain/taxonomy.h"

#include <QAbstractItemModelTester>
#include <QItemSelectionModel>
#include <QSignalSpy>
#include <QTest>
#include <QThread>
#include <QTimeZone>

using namespace gridhall;

namespace {
const QDateTime kNow(QDate(2026, 11, 20), QTime(9, 30), QTimeZone::utc());

// The reference: the cases in table order (first arrival), updated by id.
struct Reference {
    QList<Case> cases;
    QHash<qint64, int> rowOfId;
    void apply(const Case& c)
    {
        const int row = rowOfId.value(c.id, -1);
        if (row < 0) {
            rowOfId.insert(c.id, int(cases.size()));
            cases.append(c);
        } else if (cases[row].version <= c.version) {
            cases[row] = c;
        }
    }
};

bool needsVerification(CaseSource s)
{
    return s == CaseSource::Hotline || s == CaseSource::Camera || s == CaseSource::ResidentApp;
}

bool refInView(const Case& c, QueueView view, const QDateTime& now)
{
    switch (view) {
    case QueueView::All: return true;
    case QueueView::ToAcceptVerify: return c.state == CaseState::Reported && needsVerification(c.source);
    case QueueView::ToRegister: return c.state == CaseState::Reported && !needsVerification(c.source);
    case QueueView::ToDispatch: return c.state == CaseState::Registered;
    case QueueView::InHandling: return c.state == CaseState::Dispatched || c.state == CaseState::Handling;
    case QueueView::ToVerify: return c.state == CaseState::FedBack;
    case QueueView::ToClose: return c.state == CaseState::Verified;
    case QueueView::Overdue:
        // Whole seconds, as the queue keeps them.
        return isOpen(c.state) && c.stepDeadline.isValid()
            && now.toSecsSinceEpoch() > c.stepDeadline.toSecsSinceEpoch();
    case QueueView::Parked: return c.state == CaseState::Parked;
    case QueueView::ExtensionRequests: return c.extensionPending && isOpen(c.state);
    }
    return false;
}

QString placeOf(const Case& c)
{
    return !c.gridCode.isEmpty() ? c.gridCode : (!c.communityCode.isEmpty() ? c.communityCode : c.streetCode);
}

bool refAccepts(const Case& c, const CaseQueueFilter& f, const QDateTime& now)
{
    if (!refInView(c, f.view, now))
        return false;
    if (!f.areaPrefix.isEmpty() && !placeOf(c).startsWith(f.areaPrefix))
        return false;
    if (!f.categoryPrefix.isEmpty() && !c.categoryCode.startsWith(f.categoryPrefix))
        return false;
    if (f.disputeLevels && !(f.disputeLevels & (1u << int(c.disputeLevel))))
        return false;
    if (!f.holder.isEmpty() && c.holder != f.holder)
        return false;
    if (f.reportedFrom.isValid() && c.reportedAt.toSecsSinceEpoch() < f.reportedFrom.toSecsSinceEpoch())
        return false;
    if (f.reportedTo.isValid() && c.reportedAt.toSecsSinceEpoch() >= f.reportedTo.toSecsSinceEpoch())
        return false;
    if ((f.closedFrom.isValid() || f.closedTo.isValid()) && !c.closedAt.isValid())
        return false;
    if (f.closedFrom.isValid() && c.closedAt.toSecsSinceEpoch() < f.closedFrom.toSecsSinceEpoch())
        return false;
    if (f.closedTo.isValid() && c.closedAt.toSecsSinceEpoch() >= f.closedTo.toSecsSinceEpoch())
        return false;
    if (f.openOnly && !isOpen(c.state))
        return false;
    if (!f.text.isEmpty() && !c.code.contains(f.text, Qt::CaseInsensitive)
        && !c.description.contains(f.text, Qt::CaseInsensitive) && !c.address.contains(f.text, Qt::CaseInsensitive))
        return false;
    return true;
}

QList<qint64> modelIds(const CaseQueueModel& m)
{
    QList<qint64> ids;
    for (int row = 0; row < m.rowCount(); ++row)
        ids.append(m.index(row, 0).data(CaseQueueModel::CaseIdRole).toLongLong());
    return ids;
}

QList<qint64> refIds(const Reference& ref, const CaseQueueFilter& f, const QDateTime& now)
{
    QList<qint64> ids;
    for (const Case& c : ref.cases) {
        if (refAccepts(c, f, now))
            ids.append(c.id);
    }
    return ids;
}

CaseSampler sampler()
{
    CaseSampler s;
    s.now = kNow;
    s.streets = 4;
    s.communitiesPerStreet = 3;
    s.gridsPerCommunity = 5;
    s.workers = 40;
    return s;
}

struct Fixture {
    CaseSampler sample = sampler();
    Reference ref;
    std::unique_ptr<CaseQueueModel> model = std::make_unique<CaseQueueModel>();
    QHash<QString, QString> places = sample.placeNames();
    QHash<QString, QString> workers = sample.workerNames();

    explicit Fixture(int count)
    {
        QList<Case> cases;
        for (int i = 0; i < count; ++i)
            cases.append(sample.make(i));
        for (const Case& c : cases)
            ref.apply(c);
        model->setNow(kNow);
        model->setPlaceNames(places);
        model->setHolderNames(workers);
        model->setCases(cases);
    }

    // The value a column sorts by, computed from the Case (text columns as text).
    QVariant refKey(const Case& c, int column) const
    {
        switch (column) {
        case CaseQueueModel::CodeColumn: return c.code;
        case CaseQueueModel::CategoryColumn: {
            const CategoryItem* item = Taxonomy::builtIn().item(c.categoryCode);
            return item ? item->nameZh : c.categoryCode;
        }
        case CaseQueueModel::LevelColumn: return int(c.disputeLevel);
        case CaseQueueModel::PlaceColumn: return places.value(placeOf(c), placeOf(c));
        case CaseQueueModel::ReportedColumn: return c.reportedAt.toSecsSinceEpoch();
        case CaseQueueModel::HolderColumn: return workers.value(c.holder, c.holder);
        case CaseQueueModel::CountdownColumn:
            return c.stepDeadline.isValid() ? c.stepDeadline.toSecsSinceEpoch() : std::numeric_limits<qint64>::max();
        case CaseQueueModel::StateColumn: return int(c.state);
        }
        return {};
    }

    QList<qint64> refSorted(const CaseQueueFilter& f, int column, Qt::SortOrder order) const
    {
        QList<Case> matching;
        for (const Case& c : ref.cases) {
            if (refAccepts(c, f, model->now()))
                matching.append(c);
        }
        const bool text = column == CaseQueueModel::CodeColumn || column == CaseQueueModel::CategoryColumn
            || column == CaseQueueModel::PlaceColumn || column == CaseQueueModel::HolderColumn;
        auto less = [&](const Case& a, const Case& b) {
            const QVariant ka = refKey(a, column), kb = refKey(b, column);
            if (text)
                return order == Qt::AscendingOrder ? ka.toString() < kb.toString() : kb.toString() < ka.toString();
            return order == Qt::AscendingOrder ? ka.toLongLong() < kb.toLongLong() : kb.toLongLong() < ka.toLongLong();
        };
        std::stable_sort(matching.begin(), matching.end(), less);
        QList<qint64> ids;
        for (const Case& c : matching)
            ids.append(c.id);
        return ids;
    }
};

Case changed(Case c, qint64 newVersion)
{
    c.version = newVersion;
    return c;
}
} // namespace

class TestCaseQueueModel : public QObject {
    Q_OBJECT
private slots:
    void modelContract();
    void viewMembership_data();
    void viewMembership();
    void filters_data();
    void filters();
    void chartSelections_data();
    void chartSelections();
    void sortOrders_data();
    void sortOrders();
    void textSearchBothPaths();
    void textSearchAfterEdits();
    void textScanOnTwoThreads();
    void countsPerView();
    void tableBuiltElsewhereShowsTheSame();
    void liveUpdateKeepsSelection();
    void liveUpdateUnsortedAndBigBatch();
    void staleVersionIgnored();
    void nowMovesOverdue();
    void categoryLanguageAndRoles();
};

void TestCaseQueueModel::modelContract()
{
    Fixture f(600);
    QAbstractItemModelTester tester(f.model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    CaseQueueFilter filter;
    filter.view = QueueView::InHandling;
    f.model->setFilter(filter);
    f.model->sort(CaseQueueModel::HolderColumn, Qt::DescendingOrder);
    QList<Case> updates;
    for (int i = 0; i < 40; ++i) {
        Case c = f.sample.make(i * 7);
        c.state = i % 2 ? CaseState::Handling : CaseState::FedBack;
        c.holder = QStringLiteral("W%1").arg(i % 9, 5, 10, QLatin1Char('0'));
        updates.append(changed(c, 2));
    }
    updates.append(f.sample.make(5000));
    f.model->applyCases(updates);
    f.model->setNow(kNow.addSecs(3 * 3600));
    filter.view = QueueView::All;
    filter.text = QStringLiteral("路");
    f.model->setFilter(filter);
    f.model->sort(CaseQueueModel::CodeColumn);
    QVERIFY(f.model->rowCount() > 0);
}

void TestCaseQueueModel::viewMembership_data()
{
    QTest::addColumn<int>("view");
    for (int v = 0; v < kQueueViewCount; ++v)
        QTest::newRow(qPrintable(queueViewKey(QueueView(v)))) << v;
}

void TestCaseQueueModel::viewMembership()
{
    QFETCH(int, view);
    Fixture f(3000);
    CaseQueueFilter filter;
    filter.view = QueueView(view);
    f.model->setFilter(filter);
    const QList<qint64> expected = refIds(f.ref, filter, kNow);
    QVERIFY2(!expected.isEmpty(), "the sample should populate every view");
    QCOMPARE(modelIds(*f.model), expected);
}

void TestCaseQueueModel::filters_data()
{
    QTest::addColumn<int>("view");
    QTest::addColumn<QString>("area");
    QTest::addColumn<QString>("category");
    QTest::addColumn<int>("levels");
    QTest::addColumn<QString>("holder");
    QTest::addColumn<int>("fromHoursAgo");
    QTest::addColumn<int>("toHoursAgo");
    QTest::addColumn<QString>("text");
    const QString street = CaseSampler::districtCode() + QStringLiteral("002");
    const QString community = street + QStringLiteral("003");
    const QString someClass = Taxonomy::builtIn().classes().at(1).code;
    const QString someItem = Taxonomy::builtIn().classes().at(0).items.at(0).code;
    const int redOrOrange = CaseQueueFilter::levelBit(DisputeLevel::Red) | CaseQueueFilter::levelBit(DisputeLevel::Orange);
    const int notNone = redOrOrange | CaseQueueFilter::levelBit(DisputeLevel::Yellow);
    QTest::newRow("street") << 0 << street << QString() << 0 << QString() << -1 << -1 << QString();
    QTest::newRow("community in handling") << int(QueueView::InHandling) << community << QString() << 0 << QString() << -1 << -1 << QString();
    QTest::newRow("class") << 0 << QString() << someClass << 0 << QString() << -1 << -1 << QString();
    QTest::newRow("item") << 0 << QString() << someItem << 0 << QString() << -1 << -1 << QString();
    QTest::newRow("red or orange") << 0 << QString() << QString() << redOrOrange << QString() << -1 << -1 << QString();
    QTest::newRow("worker") << 0 << QString() << QString() << 0 << QStringLiteral("W00007") << -1 << -1 << QString();
    QTest::newRow("department") << int(QueueView::InHandling) << QString() << QString() << 0 << QStringLiteral("CG") << -1 << -1 << QString();
    QTest::newRow("unknown holder") << 0 << QString() << QString() << 0 << QStringLiteral("nobody") << -1 << -1 << QString();
    QTest::newRow("last 30 days") << 0 << QString() << QString() << 0 << QString() << 30 * 24 << -1 << QString();
    QTest::newRow("a window") << 0 << QString() << QString() << 0 << QString() << 24 * 200 << 24 * 100 << QString();
    QTest::newRow("text zh") << 0 << QString() << QString() << 0 << QString() << -1 << -1 << QStringLiteral("体育西路");
    QTest::newRow("text en, other case") << 0 << QString() << QString() << 0 << QString() << -1 << -1 << QStringLiteral("HUANGPU avenue");
    QTest::newRow("text in code") << 0 << QString() << QString() << 0 << QString() << -1 << -1 << QStringLiteral("-0000123");
    QTest::newRow("everything") << int(QueueView::All) << street << QString() << notNone << QString() << 24 * 300 << -1 << QStringLiteral("路");
}

void TestCaseQueueModel::filters()
{
    QFETCH(int, view);
    QFETCH(QString, area);
    QFETCH(QString, category);
    QFETCH(int, levels);
    QFETCH(QString, holder);
    QFETCH(int, fromHoursAgo);
    QFETCH(int, toHoursAgo);
    QFETCH(QString, text);
    Fixture f(3000);
    CaseQueueFilter filter;
    filter.view = QueueView(view);
    filter.areaPrefix = area;
    filter.categoryPrefix = category;
    filter.disputeLevels = quint8(levels);
    filter.holder = holder;
    if (fromHoursAgo >= 0)
        filter.reportedFrom = kNow.addSecs(-3600 * fromHoursAgo);
    if (toHoursAgo >= 0)
        filter.reportedTo = kNow.addSecs(-3600 * toHoursAgo);
    filter.text = text;
    QSignalSpy resets(f.model.get(), &QAbstractItemModel::modelReset);
    f.model->setFilter(filter);
    QCOMPARE(resets.size(), 1);
    const QList<qint64> expected = refIds(f.ref, filter, kNow);
    if (holder != QStringLiteral("nobody"))
        QVERIFY2(!expected.isEmpty(), "a filter test needs matches to mean something");
    QVERIFY(expected.size() < f.ref.cases.size());
    QCOMPARE(modelIds(*f.model), expected);
}

// A chart element's CaseFilter, turned into a queue filter, shows exactly the cases the
// KPI side counts for it (CaseFilter::matches), on both filter paths (reset and live).
void TestCaseQueueModel::chartSelections_data()
{
    QTest::addColumn<CaseFilter>("chart");
    const QString street = CaseSampler::districtCode() + QStringLiteral("002");
    const QDateTime weekStart = kNow.addDays(-7 * 6);
    CaseFilter reported;
    reported.from = weekStart;
    reported.to = weekStart.addDays(7);
    QTest::newRow("reported in a week") << reported;
    CaseFilter closed = reported;
    closed.time = CaseFilter::Time::Closed;
    closed.from = kNow.addDays(-60);
    closed.to = kNow;
    QTest::newRow("closed in a period") << closed;
    closed.areaCode = street;
    QTest::newRow("closed in a street") << closed;
    CaseFilter category = reported;
    category.from = kNow.addDays(-200);
    category.categoryCode = Taxonomy::builtIn().classes().at(1).code;
    QTest::newRow("a category class") << category;
    CaseFilter dispute = category;
    dispute.categoryCode.clear();
    dispute.disputeLevel = DisputeLevel::Red;
    QTest::newRow("red disputes") << dispute;
    CaseFilter overdue;
    overdue.areaCode = street;
    overdue.status = CaseFilter::Status::Overdue;
    overdue.asOf = kNow;
    QTest::newRow("overdue in a street") << overdue;
    CaseFilter open;
    open.status = CaseFilter::Status::Open;
    open.disputeLevel = DisputeLevel::Orange;
    QTest::newRow("open orange") << open;
    CaseFilter parked;
    parked.status = CaseFilter::Status::Parked;
    QTest::newRow("parked") << parked;
}

void TestCaseQueueModel::chartSelections()
{
    QFETCH(CaseFilter, chart);
    Fixture f(3000);
    f.model->setFilter(queueFilterFor(chart));
    QList<qint64> expected;
    for (const Case& c : f.ref.cases) {
        if (chart.matches(c))
            expected.append(c.id);
    }
    QVERIFY2(!expected.isEmpty(), "the sample should have cases for every chart element");
    QVERIFY2(expected.size() < f.ref.cases.size(), "the selection should narrow");
    QCOMPARE(modelIds(*f.model), expected);

    // Live: cases closing now enter a closed-period selection ending later, and leave
    // the open ones; the model's per-row path agrees with the reference too.
    QList<Case> updates;
    for (int i = 0; i < 30; ++i) {
        Case c = f.ref.cases.at(i * 53);
        if (!isOpen(c.state))
            continue;
        c.state = CaseState::Closed;
        c.closedAt = kNow.addSecs(-3600);
        c.version += 1;
        updates.append(c);
    }
    QVERIFY(!updates.isEmpty());
    for (const Case& c : updates)
        f.ref.apply(c);
    f.model->applyCases(updates);
    expected.clear();
    for (const Case& c : f.ref.cases) {
        if (chart.matches(c))
            expected.append(c.id);
    }
    QCOMPARE(modelIds(*f.model), expected);
}

void TestCaseQueueModel::sortOrders_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<bool>("descending");
    QTest::addColumn<int>("view");
    const char* const names[] = { "code", "category", "level", "place", "reported", "holder", "countdown", "state" };
    for (int c = 0; c < CaseQueueModel::ColumnCount; ++c) {
        QTest::addRow("%s asc", names[c]) << c << false << int(QueueView::All);
        QTest::addRow("%s desc", names[c]) << c << true << int(QueueView::All);
        QTest::addRow("%s desc, in handling", names[c]) << c << true << int(QueueView::InHandling);
    }
}

void TestCaseQueueModel::sortOrders()
{
    QFETCH(int, column);
    QFETCH(bool, descending);
    QFETCH(int, view);
    Fixture f(1500);
    CaseQueueFilter filter;
    filter.view = QueueView(view);
    f.model->setFilter(filter);
    const Qt::SortOrder order = descending ? Qt::DescendingOrder : Qt::AscendingOrder;
    f.model->sort(column, order);
    QCOMPARE(modelIds(*f.model), f.refSorted(filter, column, order));
    // A filter change keeps the sort (through the cached full order when most rows match).
    filter.view = QueueView::All;
    filter.text = QStringLiteral("路");
    f.model->setFilter(filter);
    QCOMPARE(modelIds(*f.model), f.refSorted(filter, column, order));
    filter.text.clear();
    f.model->setFilter(filter);
    QCOMPARE(modelIds(*f.model), f.refSorted(filter, column, order));
    // Sort keys agree with the order.
    for (int row = 1; row < f.model->rowCount(); ++row) {
        const quint64 a = f.model->index(row - 1, column).data(CaseQueueModel::SortKeyRole).toULongLong();
        const quint64 b = f.model->index(row, column).data(CaseQueueModel::SortKeyRole).toULongLong();
        QVERIFY(descending ? a >= b : a <= b);
    }
}

void TestCaseQueueModel::textSearchBothPaths()
{
    Fixture f(3000);
    // All view: most rows are candidates, so the whole text buffer is scanned at once.
    CaseQueueFilter all;
    all.text = QStringLiteral("Near TIANHE");
    f.model->setFilter(all);
    QList<qint64> expected = refIds(f.ref, all, kNow);
    QVERIFY(!expected.isEmpty());
    QCOMPARE(modelIds(*f.model), expected);
    // A narrow view: row-by-row search of the few candidates.
    CaseQueueFilter narrow = all;
    narrow.view = QueueView::ToVerify;
    f.model->setFilter(narrow);
    expected = refIds(f.ref, narrow, kNow);
    QVERIFY(!expected.isEmpty());
    QCOMPARE(modelIds(*f.model), expected);
    // Text that spans two fields or the row tag never matches.
    all.text = QStringLiteral("号") + QChar(0x1f);
    f.model->setFilter(all);
    QCOMPARE(f.model->rowCount(), f.model->table().rowCount()); // control characters are dropped
    all.text = QStringLiteral("号西");
    f.model->setFilter(all);
    QCOMPARE(modelIds(*f.model), refIds(f.ref, all, kNow));
}

void TestCaseQueueModel::textSearchAfterEdits()
{
    Fixture f(2000);
    // Rewrite descriptions many times so old copies pile up and the buffer compacts.
    const QString marker = QStringLiteral("独特标记xq");
    for (int round = 0; round < 6; ++round) {
        QList<Case> updates;
        for (int i = 0; i < 2000; i += 3) {
            Case c = f.ref.cases[i];
            c.description = round % 2 ? marker + QString::number(round) : QStringLiteral("普通描述%1").arg(round);
            c.version += 1;
            updates.append(c);
            f.ref.apply(c);
        }
        f.model->applyCases(updates);
    }
    CaseQueueFilter filter;
    filter.text = marker;
    f.model->setFilter(filter);
    const QList<qint64> expected = refIds(f.ref, filter, kNow);
    QCOMPARE(expected.size(), qsizetype((2000 + 2) / 3));
    QCOMPARE(modelIds(*f.model), expected);
    filter.text = QStringLiteral("普通描述");
    f.model->setFilter(filter);
    QCOMPARE(modelIds(*f.model), refIds(f.ref, filter, kNow)); // none left: the old copies are dead
    QCOMPARE(f.model->rowCount(), 0);
    for (int row = 0; row < f.model->table().rowCount(); row += 97)
        QCOMPARE(f.model->table().textContains(row, CaseTable::foldForSearch(f.ref.cases[row].code)), true);
}

void TestCaseQueueModel::textScanOnTwoThreads()
{
    // Big enough a text buffer (> 8 MB) to be scanned in two halves.
    const CaseSampler sample = sampler();
    CaseTable table;
    for (int i = 0; i < 75000; ++i)
        table.upsert(sample.make(i));
    QVERIFY(table.textBytes() > (8u << 20));
    for (const QString& text : { QStringLiteral("体育西路"), QStringLiteral("REF 1"), QStringLiteral("-00374") }) {
        const CaseTable::Needle needle(CaseTable::foldForSearch(text), table);
        std::vector<quint8> hits;
        table.markTextHits(needle, &hits);
        int count = 0;
        for (int row = 0; row < table.rowCount(); ++row) {
            const Case c = sample.make(row);
            const bool expected = c.code.contains(text, Qt::CaseInsensitive)
                || c.description.contains(text, Qt::CaseInsensitive) || c.address.contains(text, Qt::CaseInsensitive);
            QCOMPARE(bool(hits[size_t(row)]), expected);
            QCOMPARE(table.textContains(row, needle), expected);
            count += expected;
        }
        QVERIFY2(count > 0, qPrintable(text));
    }
}

// The desk builds its table on the store thread and hands it over whole (setTable): the
// queues must show exactly what a load of the same cases through setCases shows.
void TestCaseQueueModel::tableBuiltElsewhereShowsTheSame()
{
    Fixture f(3000);
    CaseTable table;
    std::unique_ptr<QThread> builder(QThread::create([&] {
        for (const Case& c : f.ref.cases)
            table.upsert(c);
    }));
    builder->start();
    QVERIFY(builder->wait(60000));
    CaseQueueModel handed;
    handed.setNow(kNow);
    handed.setPlaceNames(f.places);
    handed.setHolderNames(f.workers);
    QSignalSpy reset(&handed, &QAbstractItemModel::modelReset);
    handed.setTable(std::move(table));
    QCOMPARE(reset.count(), 1);
    for (int v = 0; v < kQueueViewCount; ++v) {
        CaseQueueFilter filter;
        filter.view = QueueView(v);
        f.model->setFilter(filter);
        handed.setFilter(filter);
        QCOMPARE(handed.viewCount(QueueView(v)), f.model->viewCount(QueueView(v)));
        QCOMPARE(modelIds(handed), modelIds(*f.model));
        QCOMPARE(modelIds(handed), refIds(f.ref, filter, kNow));
    }
    // Live changes apply to a handed-over table as to any other.
    Case c = f.ref.cases[10];
    c.state = CaseState::Closed;
    c.version += 1;
    f.ref.apply(c);
    handed.applyCases({ c });
    CaseQueueFilter all;
    handed.setFilter(all);
    QCOMPARE(modelIds(handed), refIds(f.ref, all, kNow));
}

void TestCaseQueueModel::countsPerView()
{
    Fixture f(3000);
    auto check = [&](const QDateTime& now) {
        for (int v = 0; v < kQueueViewCount; ++v) {
            CaseQueueFilter filter;
            filter.view = QueueView(v);
            QCOMPARE(f.model->viewCount(QueueView(v)), int(refIds(f.ref, filter, now).size()));
        }
    };
    check(kNow);
    QSignalSpy countsChanged(f.model.get(), &CaseQueueModel::viewCountsChanged);
    QList<Case> updates;
    for (int i = 0; i < 300; i += 2) {
        Case c = f.ref.cases[i];
        c.state = CaseState((i / 2) % kCaseStateCount);
        c.extensionPending = i % 3 == 0;
        c.version += 1;
        updates.append(c);
        f.ref.apply(c);
    }
    for (int i = 0; i < 50; ++i) {
        updates.append(f.sample.make(10000 + i));
        f.ref.apply(updates.last());
    }
    f.model->applyCases(updates);
    QCOMPARE(countsChanged.size(), 1);
    check(kNow);
    f.model->setNow(kNow.addSecs(6 * 3600));
    check(kNow.addSecs(6 * 3600));
    f.model->setNow(kNow.addSecs(-3600));
    check(kNow.addSecs(-3600));
}

void TestCaseQueueModel::liveUpdateKeepsSelection()
{
    Fixture f(3000);
    QAbstractItemModelTester tester(f.model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    CaseQueueFilter filter;
    filter.view = QueueView::InHandling;
    f.model->setFilter(filter);
    f.model->sort(CaseQueueModel::HolderColumn, Qt::AscendingOrder);
    QVERIFY(f.model->rowCount() > 50);

    QItemSelectionModel selection(f.model.get());
    const int selectedRow = f.model->rowCount() / 2;
    const qint64 selectedId = f.model->caseIdAt(selectedRow);
    const qint64 otherSelectedId = f.model->caseIdAt(3);
    selection.select(f.model->index(selectedRow, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
    selection.select(f.model->index(3, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
    selection.setCurrentIndex(f.model->index(selectedRow, 2), QItemSelectionModel::NoUpdate);

    QSignalSpy resets(f.model.get(), &QAbstractItemModel::modelReset);
    QSignalSpy layouts(f.model.get(), &QAbstractItemModel::layoutChanged);
    QSignalSpy inserted(f.model.get(), &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(f.model.get(), &QAbstractItemModel::rowsRemoved);
    QSignalSpy moved(f.model.get(), &QAbstractItemModel::rowsMoved);
    QSignalSpy changedData(f.model.get(), &QAbstractItemModel::dataChanged);

    QList<Case> updates;
    // The selected case is handed to another holder: it moves, and stays selected.
    Case selectedCase = f.ref.cases[f.ref.rowOfId.value(selectedId)];
    selectedCase.holder = QStringLiteral("W00000");
    selectedCase.holderKind = HolderKind::Worker;
    selectedCase.state = CaseState::Handling;
    updates.append(changed(selectedCase, selectedCase.version + 1));
    int leaving = 0, entering = 0, staying = 0;
    for (const Case& c : f.ref.cases) {
        if (c.id == selectedId || c.id == otherSelectedId)
            continue;
        if (c.state == CaseState::Handling && leaving < 10) {
            Case u = changed(c, c.version + 1);
            u.state = CaseState::FedBack;
            updates.append(u);
            ++leaving;
        } else if (c.state == CaseState::Registered && entering < 10) {
            Case u = changed(c, c.version + 1);
            u.state = CaseState::Dispatched;
            u.holderKind = HolderKind::Worker;
            u.holder = QStringLiteral("W%1").arg(entering * 3, 5, 10, QLatin1Char('0'));
            updates.append(u);
            ++entering;
        } else if (c.state == CaseState::Dispatched && staying < 10) {
            Case u = changed(c, c.version + 1);
            u.state = CaseState::Handling; // same holder: stays where it is
            updates.append(u);
            ++staying;
        }
    }
    Case fresh = f.sample.make(20000);
    fresh.state = CaseState::Dispatched;
    fresh.holderKind = HolderKind::Worker;
    fresh.holder = QStringLiteral("W00011");
    fresh.stepDeadline = kNow.addSecs(3600);
    updates.append(fresh);
    for (const Case& c : updates)
        f.ref.apply(c);
    f.model->applyCases(updates);

    QCOMPARE(resets.size(), 0);
    QCOMPARE(layouts.size(), 0);
    QCOMPARE(removed.size(), 10);
    QCOMPARE(inserted.size(), 11);
    QVERIFY(moved.size() >= 1);
    QVERIFY(changedData.size() >= 11);
    QCOMPARE(modelIds(*f.model), f.refSorted(filter, CaseQueueModel::HolderColumn, Qt::AscendingOrder));

    QList<qint64> selectedIds;
    for (const QModelIndex& index : selection.selectedRows())
        selectedIds.append(index.data(CaseQueueModel::CaseIdRole).toLongLong());
    std::sort(selectedIds.begin(), selectedIds.end());
    QList<qint64> wanted { selectedId, otherSelectedId };
    std::sort(wanted.begin(), wanted.end());
    QCOMPARE(selectedIds, wanted);
    QCOMPARE(selection.currentIndex().data(CaseQueueModel::CaseIdRole).toLongLong(), selectedId);
    QCOMPARE(selection.currentIndex().column(), 2);

    // The selected case leaves the view: its selection goes, the other one stays.
    Case gone = changed(f.ref.cases[f.ref.rowOfId.value(selectedId)], selectedCase.version + 2);
    gone.state = CaseState::FedBack;
    f.ref.apply(gone);
    f.model->applyCases({ gone });
    QCOMPARE(resets.size(), 0);
    QCOMPARE(selection.selectedRows().size(), 1);
    QCOMPARE(selection.selectedRows().first().data(CaseQueueModel::CaseIdRole).toLongLong(), otherSelectedId);
    QCOMPARE(modelIds(*f.model), f.refSorted(filter, CaseQueueModel::HolderColumn, Qt::AscendingOrder));

    // After live changes, clearing and setting a filter still agrees with brute force
    // (the cached full order was kept up to date).
    filter.view = QueueView::All;
    f.model->setFilter(filter);
    QCOMPARE(modelIds(*f.model), f.refSorted(filter, CaseQueueModel::HolderColumn, Qt::AscendingOrder));
}

void TestCaseQueueModel::liveUpdateUnsortedAndBigBatch()
{
    Fixture f(3000);
    QAbstractItemModelTester tester(f.model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    CaseQueueFilter filter;
    filter.view = QueueView::All;
    f.model->setFilter(filter);
    f.model->sort(CaseQueueModel::ReportedColumn, Qt::DescendingOrder);
    QSignalSpy resets(f.model.get(), &QAbstractItemModel::modelReset);
    // A big batch (more than the cached order is kept for): re-reported times and new cases.
    QList<Case> updates;
    for (int i = 0; i < 3000; i += 11) {
        Case c = changed(f.ref.cases[i], f.ref.cases[i].version + 1);
        c.reportedAt = kNow.addSecs(-i * 97);
        updates.append(c);
    }
    for (int i = 0; i < 120; ++i)
        updates.append(f.sample.make(30000 + i));
    for (const Case& c : updates)
        f.ref.apply(c);
    f.model->applyCases(updates);
    QCOMPARE(resets.size(), 0);
    QCOMPARE(modelIds(*f.model), f.refSorted(filter, CaseQueueModel::ReportedColumn, Qt::DescendingOrder));
    filter.text = QStringLiteral("路");
    f.model->setFilter(filter);
    QCOMPARE(modelIds(*f.model), f.refSorted(filter, CaseQueueModel::ReportedColumn, Qt::DescendingOrder));

    // Unsorted: table order, new cases at the end.
    f.model->sort(-1);
    filter.text.clear();
    f.model->setFilter(filter);
    f.model->applyCases({ f.sample.make(40000) });
    QCOMPARE(f.model->caseIdAt(f.model->rowCount() - 1), f.sample.make(40000).id);
}

void TestCaseQueueModel::staleVersionIgnored()
{
    Fixture f(100);
    Case c = f.ref.cases[5];
    Case newer = changed(c, 5);
    newer.description = QStringLiteral("新版本");
    f.model->applyCases({ newer });
    Case older = changed(c, 3);
    older.description = QStringLiteral("旧版本");
    QSignalSpy changedData(f.model.get(), &QAbstractItemModel::dataChanged);
    f.model->applyCases({ older });
    QCOMPARE(changedData.size(), 0);
    CaseQueueFilter filter;
    filter.text = QStringLiteral("新版本");
    f.model->setFilter(filter);
    QCOMPARE(modelIds(*f.model), QList<qint64> { c.id });
    QCOMPARE(f.model->table().rowCount(), 100);
}

void TestCaseQueueModel::nowMovesOverdue()
{
    Fixture f(3000);
    QAbstractItemModelTester tester(f.model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    CaseQueueFilter filter;
    filter.view = QueueView::Overdue;
    f.model->setFilter(filter);
    f.model->sort(CaseQueueModel::CountdownColumn);
    QItemSelectionModel selection(f.model.get());
    const qint64 selectedId = f.model->caseIdAt(0);
    selection.select(f.model->index(0, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
    QSignalSpy resets(f.model.get(), &QAbstractItemModel::modelReset);
    QSignalSpy inserted(f.model.get(), &QAbstractItemModel::rowsInserted);
    const int before = f.model->rowCount();
    const QDateTime later = kNow.addSecs(4 * 3600);
    f.model->setNow(later);
    QCOMPARE(resets.size(), 0);
    QVERIFY(inserted.size() > 0);
    QVERIFY(f.model->rowCount() > before);
    QCOMPARE(modelIds(*f.model), f.refSorted(filter, CaseQueueModel::CountdownColumn, Qt::AscendingOrder));
    QCOMPARE(selection.selectedRows().size(), 1);
    QCOMPARE(selection.selectedRows().first().data(CaseQueueModel::CaseIdRole).toLongLong(), selectedId);
    // Countdown and light follow "now".
    const QModelIndex first = f.model->index(0, CaseQueueModel::CountdownColumn);
    QVERIFY(first.data(CaseQueueModel::CountdownSecondsRole).toLongLong() < 0);
    QCOMPARE(first.data(CaseQueueModel::SlaLightRole).toInt(), int(SlaLight::Red));
    QVERIFY(first.data().toString().contains(QStringLiteral("overdue")));
}

void TestCaseQueueModel::categoryLanguageAndRoles()
{
    Fixture f(200);
    const QModelIndex cell = f.model->index(0, CaseQueueModel::CategoryColumn);
    const qint64 id = cell.data(CaseQueueModel::CaseIdRole).toLongLong();
    const Case& c = f.ref.cases[f.ref.rowOfId.value(id)];
    const CategoryItem* item = Taxonomy::builtIn().item(c.categoryCode);
    QVERIFY(item);
    QCOMPARE(cell.data().toString(), item->nameZh);
    QSignalSpy changedData(f.model.get(), &QAbstractItemModel::dataChanged);
    f.model->setCategoryNames(CaseQueueModel::CategoryNames::English);
    QCOMPARE(changedData.size(), 1);
    QCOMPARE(cell.data().toString(), item->nameEn);
    QCOMPARE(cell.data(Qt::ToolTipRole).toString(), c.categoryCode);
    QCOMPARE(f.model->index(0, CaseQueueModel::CodeColumn).data().toString(), c.code);
    QCOMPARE(f.model->index(0, 0).data(CaseQueueModel::DisputeLevelRole).toInt(), int(c.disputeLevel));
    QCOMPARE(f.model->index(0, 0).data(CaseQueueModel::StateRole).toInt(), int(c.state));
    QCOMPARE(f.model->index(0, CaseQueueModel::PlaceColumn).data().toString(), f.places.value(c.gridCode));
    QCOMPARE(f.model->headerData(CaseQueueModel::CountdownColumn, Qt::Horizontal).toString(), QStringLiteral("Time left"));
    // An open case's light matches the SLA policy for its step.
    for (int row = 0; row < f.model->rowCount(); ++row) {
        const QModelIndex index = f.model->index(row, 0);
        const Case& rc = f.ref.cases[f.ref.rowOfId.value(index.data(CaseQueueModel::CaseIdRole).toLongLong())];
        if (!isOpen(rc.state))
            continue;
        const SlaLight expected = SlaPolicy::builtIn().light(rc.stepStartedAt, rc.stepDeadline, kNow);
        QCOMPARE(index.data(CaseQueueModel::SlaLightRole).toInt(), int(expected));
        QCOMPARE(index.data(CaseQueueModel::StepDeadlineRole).toDateTime().toSecsSinceEpoch(),
            rc.stepDeadline.toSecsSinceEpoch());
    }
}

QTEST_GUILESS_MAIN(TestCaseQueueModel)
#include "tst_casequeuemodel.moc"
