#include "models/itemmodels/casequeuemodel.h"

#include "models/domain/taxonomy.h"

#include <QCoreApplication>
#include <QSet>
#include <QTimeZone>
#include <algorithm>
#include <numeric>

namespace gridhall {

QString queueViewKey(QueueView view)
{
    static const char* const keys[] = { "all", "to-accept", "to-register", "to-dispatch",
        "in-handling", "to-verify", "to-close", "overdue", "parked", "extension-requests" };
    return QString::fromLatin1(keys[int(view)]);
}

QString queueViewDisplayName(QueueView view)
{
    switch (view) {
    case QueueView::All:
        return QCoreApplication::translate("CaseQueue", "All cases");
    case QueueView::ToAcceptVerify:
        return QCoreApplication::translate("CaseQueue", "To accept and verify");
    case QueueView::ToRegister:
        return QCoreApplication::translate("CaseQueue", "To register");
    case QueueView::ToDispatch:
        return QCoreApplication::translate("CaseQueue", "To dispatch");
    case QueueView::InHandling:
        return QCoreApplication::translate("CaseQueue", "In handling");
    case QueueView::ToVerify:
        return QCoreApplication::translate("CaseQueue", "To verify");
    case QueueView::ToClose:
        return QCoreApplication::translate("CaseQueue", "To close");
    case QueueView::Overdue:
        return QCoreApplication::translate("CaseQueue", "Overdue");
    case QueueView::Parked:
        return QCoreApplication::translate("CaseQueue", "Parked");
    case QueueView::ExtensionRequests:
        return QCoreApplication::translate("CaseQueue", "Extension requests");
    }
    return {};
}

// The filter compiled once: per-id yes/no tables for interned columns, seconds for times.
struct CaseQueueModel::Prepared {
    std::vector<quint8> placeOk, categoryOk; // by pool id; ids added later are checked by string
    bool anyPlace = true, anyCategory = true;
    int holderId = 0; // -1: the holder is not in the pool (yet); 0 with anyHolder: any
    bool anyHolder = true;
    quint32 from = 0, to = 0; // reported; 0: open
    quint32 closedFrom = 0, closedTo = 0; // 0: open
    bool anyClosed = true; // no closed-time bound
    CaseTable::Needle needle;
};

namespace {
bool isReportNeedingVerification(CaseSource source)
{
    return source == CaseSource::Hotline || source == CaseSource::Camera
        || source == CaseSource::ResidentApp;
}

// A case with no closing time is outside every closed-time range.
bool closedWithin(quint32 from, quint32 to, quint32 closed)
{
    return closed != CaseTable::kNoTime && (!from || closed >= from) && (!to || closed < to);
}

// Views in small batches of changes touch a row at a time; beyond this, one
// re-filter is cheaper than many shifts of a million-entry vector.
constexpr quint32 kNoDeadlineKey = UINT32_MAX;
} // namespace

CaseQueueFilter queueFilterFor(const CaseFilter& filter)
{
    CaseQueueFilter q;
    q.areaPrefix = filter.areaCode; // codes nest: a street's code starts every code inside it
    q.categoryPrefix = filter.categoryCode;
    if (filter.disputeLevel)
        q.disputeLevels = CaseQueueFilter::levelBit(*filter.disputeLevel);
    if (filter.time == CaseFilter::Time::Closed) {
        q.closedFrom = filter.from;
        q.closedTo = filter.to;
    } else {
        q.reportedFrom = filter.from;
        q.reportedTo = filter.to;
    }
    switch (filter.status) {
    case CaseFilter::Status::Any: break;
    case CaseFilter::Status::Open: q.openOnly = true; break;
    case CaseFilter::Status::Overdue: q.view = QueueView::Overdue; break;
    case CaseFilter::Status::Parked: q.view = QueueView::Parked; break;
    }
    return q;
}

CaseQueueModel::CaseQueueModel(QObject* parent)
    : QAbstractTableModel(parent)
    , m_prepared(std::make_unique<Prepared>())
    , m_sla(SlaPolicy::builtIn())
{
    m_now = CaseTable::toSeconds(QDateTime::currentDateTimeUtc());
    invalidateRanks();
}

CaseQueueModel::~CaseQueueModel() = default;

void CaseQueueModel::setCases(const QList<Case>& cases)
{
    setCases(int(cases.size()), [&cases](int i) -> const Case& { return cases[i]; });
}

void CaseQueueModel::setTable(CaseTable table)
{
    beginResetModel();
    m_table = std::move(table);
    rebuildAll();
    endResetModel();
    emit viewCountsChanged();
}

CaseQueueModel::PreparedTable::PreparedTable() = default;
CaseQueueModel::PreparedTable::~PreparedTable() = default;
CaseQueueModel::PreparedTable::PreparedTable(PreparedTable&&) noexcept = default;
CaseQueueModel::PreparedTable& CaseQueueModel::PreparedTable::operator=(PreparedTable&&) noexcept = default;

const CaseTable& CaseQueueModel::PreparedTable::table() const
{
    static const CaseTable kEmpty;
    return m_model ? m_model->m_table : kEmpty;
}

int CaseQueueModel::PreparedTable::viewCount(QueueView view) const
{
    return m_model ? m_model->viewCount(view) : 0;
}

CaseQueueModel::Settings CaseQueueModel::settings() const
{
    return { m_filter, m_sortColumn, m_sortOrder, m_categoryNames, m_sla, m_now, m_generation };
}

CaseQueueModel::PreparedTable CaseQueueModel::prepare(CaseTable table, const Settings& settings,
    const QHash<QString, QString>& placeNames, const QHash<QString, QString>& holderNames)
{
    PreparedTable prepared;
    prepared.m_generation = settings.generation;
    // The model's own code on a model nobody views, so the result is what setTable gives.
    prepared.m_model = std::make_unique<CaseQueueModel>();
    CaseQueueModel& m = *prepared.m_model;
    // Belongs to no thread's event loop: it is made here and used or dropped elsewhere.
    m.moveToThread(nullptr);
    m.m_filter = settings.filter;
    m.m_sortColumn = settings.sortColumn;
    m.m_sortOrder = settings.sortOrder;
    m.m_categoryNames = settings.categoryNames;
    m.m_sla = settings.sla;
    m.m_now = settings.now;
    m.m_placeNames = placeNames;
    m.m_holderNames = holderNames;
    m.m_table = std::move(table);
    m.rebuildAll();
    // The full order a later filter change walks (refilter may not have needed it).
    if (m.m_sortColumn >= 0)
        m.ensureSortedAll();
    return prepared;
}

bool CaseQueueModel::setPrepared(PreparedTable& prepared)
{
    if (!prepared.m_model)
        return false;
    CaseQueueModel& p = *prepared.m_model;
    if (prepared.m_generation != m_generation) {
        // Filter or sort moved while it was prepared: the rows are counted and sorted here.
        m_placeNames = p.m_placeNames;
        m_holderNames = p.m_holderNames;
        setTable(std::move(p.m_table));
        return false;
    }
    const quint32 now = m_now;
    beginResetModel();
    std::swap(m_table, p.m_table);
    std::swap(m_prepared, p.m_prepared);
    std::swap(m_visible, p.m_visible);
    std::swap(m_sortedAll, p.m_sortedAll);
    std::swap(m_sortedAllValid, p.m_sortedAllValid);
    std::swap(m_viewCounts, p.m_viewCounts);
    std::swap(m_placeNames, p.m_placeNames);
    std::swap(m_holderNames, p.m_holderNames);
    std::swap(m_ranks, p.m_ranks);
    std::swap(m_rankSourceSize, p.m_rankSourceSize);
    m_now = p.m_now;
    endResetModel();
    emit viewCountsChanged();
    // The clock may have moved on since the prepare: only the rows it crossed change.
    setNow(CaseTable::fromSeconds(now));
    return true;
}

void CaseQueueModel::rebuildAll()
{
    invalidateRanks();
    m_sortedAllValid = false;
    countViews();
    prepareFilter();
    refilter();
}

bool isInQueueView(QueueView view, CaseState state, CaseSource source, bool extensionPending, quint32 deadline,
    quint32 now)
{
    switch (view) {
    case QueueView::All:
        return true;
    case QueueView::ToAcceptVerify:
        return state == CaseState::Reported && isReportNeedingVerification(source);
    case QueueView::ToRegister:
        return state == CaseState::Reported && !isReportNeedingVerification(source);
    case QueueView::ToDispatch:
        return state == CaseState::Registered;
    case QueueView::InHandling:
        return state == CaseState::Dispatched || state == CaseState::Handling;
    case QueueView::ToVerify:
        return state == CaseState::FedBack;
    case QueueView::ToClose:
        return state == CaseState::Verified;
    case QueueView::Overdue:
        return isOpen(state) && deadline != CaseTable::kNoTime && now > deadline;
    case QueueView::Parked:
        return state == CaseState::Parked;
    case QueueView::ExtensionRequests:
        return extensionPending && isOpen(state);
    }
    return false;
}

bool CaseQueueModel::inView(QueueView view, int tableRow) const
{
    return isInQueueView(view, m_table.state(tableRow), m_table.source(tableRow), m_table.extensionPending(tableRow),
        m_table.stepDeadline(tableRow), m_now);
}

void CaseQueueModel::addToCounts(int tableRow, int delta)
{
    for (int v = 0; v < kQueueViewCount; ++v) {
        if (inView(QueueView(v), tableRow))
            m_viewCounts[size_t(v)] += delta;
    }
}

void CaseQueueModel::countViews()
{
    m_viewCounts.fill(0);
    for (int r = 0, n = m_table.rowCount(); r < n; ++r)
        addToCounts(r, 1);
}

void CaseQueueModel::prepareFilter()
{
    Prepared& p = *m_prepared;
    p = Prepared();
    if (!m_filter.areaPrefix.isEmpty()) {
        p.anyPlace = false;
        const CaseStringPool& pool = m_table.places();
        p.placeOk.resize(size_t(pool.size()));
        for (int i = 0; i < pool.size(); ++i)
            p.placeOk[size_t(i)] = pool.at(i).startsWith(m_filter.areaPrefix);
    }
    if (!m_filter.categoryPrefix.isEmpty()) {
        p.anyCategory = false;
        const CaseStringPool& pool = m_table.categories();
        p.categoryOk.resize(size_t(pool.size()));
        for (int i = 0; i < pool.size(); ++i)
            p.categoryOk[size_t(i)] = pool.at(i).startsWith(m_filter.categoryPrefix);
    }
    if (!m_filter.holder.isEmpty()) {
        p.anyHolder = false;
        p.holderId = m_table.holders().find(m_filter.holder);
    }
    p.from = CaseTable::toSeconds(m_filter.reportedFrom);
    p.to = CaseTable::toSeconds(m_filter.reportedTo);
    p.closedFrom = CaseTable::toSeconds(m_filter.closedFrom);
    p.closedTo = CaseTable::toSeconds(m_filter.closedTo);
    p.anyClosed = !p.closedFrom && !p.closedTo;
    p.needle = CaseTable::Needle(CaseTable::foldForSearch(m_filter.text), m_table);
}

bool CaseQueueModel::accepts(int r) const
{
    const Prepared& p = *m_prepared;
    if (!inView(m_filter.view, r))
        return false;
    if (!p.anyPlace) {
        const int id = m_table.placeId(r);
        const bool ok = size_t(id) < p.placeOk.size() ? p.placeOk[size_t(id)] != 0
                                                       : m_table.placeCode(r).startsWith(m_filter.areaPrefix);
        if (!ok)
            return false;
    }
    if (!p.anyCategory) {
        const int id = m_table.categoryId(r);
        const bool ok = size_t(id) < p.categoryOk.size()
            ? p.categoryOk[size_t(id)] != 0
            : m_table.categoryCode(r).startsWith(m_filter.categoryPrefix);
        if (!ok)
            return false;
    }
    if (m_filter.disputeLevels && !(m_filter.disputeLevels & CaseQueueFilter::levelBit(m_table.disputeLevel(r))))
        return false;
    if (!p.anyHolder) {
        if (p.holderId >= 0 ? m_table.holderId(r) != p.holderId : m_table.holder(r) != m_filter.holder)
            return false;
    }
    const quint32 reported = m_table.reportedAt(r);
    if (p.from && reported < p.from)
        return false;
    if (p.to && reported >= p.to)
        return false;
    if (!p.anyClosed && !closedWithin(p.closedFrom, p.closedTo, m_table.closedAt(r)))
        return false;
    if (m_filter.openOnly && !isOpen(m_table.state(r)))
        return false;
    return m_table.textContains(r, p.needle);
}

void CaseQueueModel::computeMask(std::vector<quint8>* mask) const
{
    const int n = m_table.rowCount();
    mask->assign(size_t(n), 0);
    const Prepared& p = *m_prepared;
    const auto& state = m_table.stateColumn();
    const auto& place = m_table.placeColumn();
    const auto& category = m_table.categoryColumn();
    const auto& dispute = m_table.disputeColumn();
    const auto& holder = m_table.holderColumn();
    const auto& reported = m_table.reportedColumn();
    const auto& closed = m_table.closedColumn();
    // The filter was prepared against the current pools, so every id is in the tables.
    const bool stateOnlyView = m_filter.view != QueueView::All && m_filter.view != QueueView::Overdue
        && m_filter.view != QueueView::ToAcceptVerify && m_filter.view != QueueView::ToRegister
        && m_filter.view != QueueView::ExtensionRequests;
    std::array<quint8, kCaseStateCount> stateOk {};
    if (stateOnlyView) {
        for (int s = 0; s < kCaseStateCount; ++s) {
            const CaseState cs = CaseState(s);
            switch (m_filter.view) {
            case QueueView::ToDispatch: stateOk[size_t(s)] = cs == CaseState::Registered; break;
            case QueueView::InHandling: stateOk[size_t(s)] = cs == CaseState::Dispatched || cs == CaseState::Handling; break;
            case QueueView::ToVerify: stateOk[size_t(s)] = cs == CaseState::FedBack; break;
            case QueueView::ToClose: stateOk[size_t(s)] = cs == CaseState::Verified; break;
            case QueueView::Parked: stateOk[size_t(s)] = cs == CaseState::Parked; break;
            default: break;
            }
        }
    }
    const bool anyHolderId = p.anyHolder || p.holderId < 0;
    size_t candidates = 0;
    for (size_t r = 0; r < size_t(n); ++r) {
        bool ok;
        if (m_filter.view == QueueView::All)
            ok = true;
        else if (stateOnlyView)
            ok = stateOk[state[r]] != 0;
        else
            ok = inView(m_filter.view, int(r));
        ok = ok && (p.anyPlace || p.placeOk[size_t(place[r])]);
        ok = ok && (p.anyCategory || p.categoryOk[size_t(category[r])]);
        ok = ok && (!m_filter.disputeLevels || (m_filter.disputeLevels & (1u << dispute[r])));
        ok = ok && (anyHolderId || holder[r] == p.holderId);
        ok = ok && (!p.from || reported[r] >= p.from) && (!p.to || reported[r] < p.to);
        ok = ok && (p.anyClosed || closedWithin(p.closedFrom, p.closedTo, closed[r]));
        ok = ok && (!m_filter.openOnly || isOpen(CaseState(state[r])));
        (*mask)[r] = ok;
        candidates += ok;
    }
    if (!p.anyHolder && p.holderId < 0) {
        // A holder no case has: nothing matches.
        std::fill(mask->begin(), mask->end(), 0);
        return;
    }
    if (p.needle.isEmpty() || candidates == 0)
        return;
    if (candidates * 3 > size_t(n)) {
        // Most rows are candidates: one scan of the whole text buffer beats row by row.
        std::vector<quint8> hits;
        m_table.markTextHits(p.needle, &hits);
        for (size_t r = 0; r < size_t(n); ++r)
            (*mask)[r] &= hits[r];
    } else {
        for (size_t r = 0; r < size_t(n); ++r) {
            if ((*mask)[r])
                (*mask)[r] = m_table.textContains(int(r), p.needle);
        }
    }
}

void CaseQueueModel::refilter()
{
    std::vector<quint8> mask;
    computeMask(&mask);
    const size_t n = mask.size();
    const size_t matches = size_t(std::count(mask.begin(), mask.end(), quint8(1)));
    m_visible.clear();
    m_visible.reserve(matches);
    if (m_sortColumn >= 0 && (m_sortedAllValid || matches * 4 > n)) {
        // Walking the cached full order keeps the result sorted without sorting again.
        ensureSortedAll();
        for (const int r : m_sortedAll) {
            if (mask[size_t(r)])
                m_visible.push_back(r);
        }
        return;
    }
    for (size_t r = 0; r < n; ++r) {
        if (mask[r])
            m_visible.push_back(int(r));
    }
    if (m_sortColumn >= 0)
        m_visible = sortedRows(std::move(m_visible));
}

void CaseQueueModel::setFilter(const CaseQueueFilter& filter)
{
    ++m_generation;
    beginResetModel();
    m_filter = filter;
    prepareFilter();
    refilter();
    endResetModel();
}

bool CaseQueueModel::isTextColumn(int column) const
{
    return column == CodeColumn || column == CategoryColumn || column == PlaceColumn
        || column == HolderColumn;
}

QString CaseQueueModel::categoryName(int categoryId) const
{
    const QString& code = m_table.categories().at(categoryId);
    const CategoryItem* item = Taxonomy::builtIn().item(code);
    if (!item)
        return code;
    return m_categoryNames == CategoryNames::Chinese ? item->nameZh : item->nameEn;
}

QString CaseQueueModel::placeName(int placeId) const
{
    const QString& code = m_table.places().at(placeId);
    return m_placeNames.value(code, code);
}

QString CaseQueueModel::holderName(int holderId) const
{
    const QString& code = m_table.holders().at(holderId);
    return m_holderNames.value(code, code);
}

const std::vector<quint32>& CaseQueueModel::ranks(int column) const
{
    const int sourceSize = column == CodeColumn ? m_table.rowCount()
        : column == CategoryColumn                ? m_table.categories().size()
        : column == PlaceColumn                   ? m_table.places().size()
                                                  : m_table.holders().size();
    std::vector<quint32>& rank = m_ranks[size_t(column)];
    if (m_rankSourceSize[size_t(column)] == sourceSize)
        return rank;
    std::vector<QString> names(static_cast<size_t>(sourceSize));
    for (int i = 0; i < sourceSize; ++i) {
        names[size_t(i)] = column == CodeColumn ? m_table.code(i)
            : column == CategoryColumn          ? categoryName(i)
            : column == PlaceColumn             ? placeName(i)
                                                : holderName(i);
    }
    std::vector<int> order(static_cast<size_t>(sourceSize));
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(),
        [&names](int a, int b) { return names[size_t(a)] < names[size_t(b)]; });
    rank.assign(size_t(sourceSize), 0);
    quint32 next = 0;
    for (size_t i = 0; i < order.size(); ++i) {
        if (i > 0 && names[size_t(order[i])] != names[size_t(order[i - 1])])
            ++next; // equal names share a rank, as they compare equal
        rank[size_t(order[i])] = next;
    }
    m_rankSourceSize[size_t(column)] = sourceSize;
    return rank;
}

quint32 CaseQueueModel::sortKey(int column, int r) const
{
    switch (column) {
    case CodeColumn:
        return ranks(column)[size_t(r)];
    case CategoryColumn:
        return ranks(column)[size_t(m_table.categoryId(r))];
    case LevelColumn:
        return quint32(m_table.disputeLevel(r));
    case PlaceColumn:
        return ranks(column)[size_t(m_table.placeId(r))];
    case ReportedColumn:
        return m_table.reportedAt(r);
    case HolderColumn:
        return ranks(column)[size_t(m_table.holderId(r))];
    case CountdownColumn: {
        const quint32 deadline = m_table.stepDeadline(r);
        return deadline == CaseTable::kNoTime ? kNoDeadlineKey : deadline;
    }
    case StateColumn:
        return quint32(m_table.state(r));
    }
    return 0;
}

std::vector<int> CaseQueueModel::sortedRows(std::vector<int> rows) const
{
    if (m_sortColumn < 0) {
        std::sort(rows.begin(), rows.end());
        return rows;
    }
    static const std::vector<quint32> kNone;
    const std::vector<quint32>& rank = isTextColumn(m_sortColumn) ? ranks(m_sortColumn) : kNone;
    // One 64-bit integer per row, key above row: the row breaks ties, so the plain sort
    // is stable with respect to table order in both directions.
    const bool descending = m_sortOrder == Qt::DescendingOrder;
    std::vector<quint64> keys(rows.size());
    const int column = m_sortColumn;
    auto fill = [&](auto keyOf) {
        for (size_t i = 0; i < rows.size(); ++i) {
            const quint32 key = keyOf(rows[i]);
            keys[i] = (quint64(descending ? ~key : key) << 32) | quint32(rows[i]);
        }
    };
    switch (column) {
    case CodeColumn: fill([&](int r) { return rank[size_t(r)]; }); break;
    case CategoryColumn: {
        const auto& ids = m_table.categoryColumn();
        fill([&](int r) { return rank[size_t(ids[size_t(r)])]; });
        break;
    }
    case PlaceColumn: {
        const auto& ids = m_table.placeColumn();
        fill([&](int r) { return rank[size_t(ids[size_t(r)])]; });
        break;
    }
    case HolderColumn: {
        const auto& ids = m_table.holderColumn();
        fill([&](int r) { return rank[size_t(ids[size_t(r)])]; });
        break;
    }
    case ReportedColumn: {
        const auto& t = m_table.reportedColumn();
        fill([&](int r) { return t[size_t(r)]; });
        break;
    }
    case CountdownColumn: {
        const auto& t = m_table.deadlineColumn();
        fill([&](int r) { return t[size_t(r)] == CaseTable::kNoTime ? kNoDeadlineKey : t[size_t(r)]; });
        break;
    }
    default: fill([&](int r) { return sortKey(column, r); }); break;
    }
    std::sort(keys.begin(), keys.end());
    for (size_t i = 0; i < rows.size(); ++i)
        rows[i] = int(quint32(keys[i]));
    return rows;
}

void CaseQueueModel::ensureSortedAll()
{
    if (m_sortedAllValid)
        return;
    std::vector<int> all(size_t(m_table.rowCount()));
    std::iota(all.begin(), all.end(), 0);
    m_sortedAll = sortedRows(std::move(all));
    m_sortedAllValid = true;
}

void CaseQueueModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= ColumnCount)
        column = -1;
    m_sortColumn = column;
    m_sortOrder = order;
    ++m_generation;
    m_sortedAllValid = false;
    std::vector<int> rows;
    if (m_sortColumn >= 0 && m_visible.size() == size_t(m_table.rowCount())) {
        ensureSortedAll();
        rows = m_sortedAll;
    } else {
        rows = sortedRows(m_visible);
    }
    relayout(std::move(rows));
}

void CaseQueueModel::relayout(std::vector<int> newVisible)
{
    emit layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList before = persistentIndexList();
    std::vector<int> tableRows;
    tableRows.reserve(size_t(before.size()));
    for (const QModelIndex& index : before)
        tableRows.push_back(m_visible[size_t(index.row())]);
    m_visible = std::move(newVisible);
    if (!before.isEmpty()) {
        std::vector<int> positionOf(size_t(m_table.rowCount()), -1);
        for (size_t i = 0; i < m_visible.size(); ++i)
            positionOf[size_t(m_visible[i])] = int(i);
        QModelIndexList after;
        after.reserve(before.size());
        for (qsizetype i = 0; i < before.size(); ++i) {
            const int row = positionOf[size_t(tableRows[size_t(i)])];
            after.append(row < 0 ? QModelIndex() : index(row, before[i].column()));
        }
        changePersistentIndexList(before, after);
    }
    emit layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

CaseQueueModel::RowValue CaseQueueModel::rowValue(int r) const
{
    RowValue v;
    switch (m_sortColumn) {
    case CodeColumn: v.text = m_table.code(r); break;
    case CategoryColumn: v.text = categoryName(m_table.categoryId(r)); break;
    case PlaceColumn: v.text = placeName(m_table.placeId(r)); break;
    case HolderColumn: v.text = holderName(m_table.holderId(r)); break;
    case -1: break;
    default: v.number = sortKey(m_sortColumn, r); break;
    }
    return v;
}

bool CaseQueueModel::before(const RowValue& a, int rowA, const RowValue& b, int rowB) const
{
    if (m_sortColumn >= 0) {
        int c;
        if (isTextColumn(m_sortColumn))
            c = a.text < b.text ? -1 : (b.text < a.text ? 1 : 0);
        else
            c = a.number < b.number ? -1 : (a.number > b.number ? 1 : 0);
        if (m_sortOrder == Qt::DescendingOrder)
            c = -c;
        if (c != 0)
            return c < 0;
    }
    return rowA < rowB;
}

namespace {
// Values of rows not yet re-placed in this batch are their old ones, so the vector stays
// consistently ordered for binary searches while rows move one at a time.
template<typename ValueOf, typename Before>
size_t insertionPoint(const std::vector<int>& rows, size_t first, size_t last, int row,
    const typename std::invoke_result_t<ValueOf, int>& value, ValueOf valueOf, Before before)
{
    const auto it = std::partition_point(rows.begin() + qsizetype(first), rows.begin() + qsizetype(last),
        [&](int other) { return before(valueOf(other), other, value, row); });
    return size_t(it - rows.begin());
}
} // namespace

void CaseQueueModel::updateSortedAll(const std::vector<int>& rows, const QHash<int, RowValue>& oldValues)
{
    if (m_sortColumn < 0 || !m_sortedAllValid)
        return;
    QHash<int, RowValue> pending = oldValues;
    auto valueOf = [&](int r) { return pending.contains(r) ? pending.value(r) : rowValue(r); };
    auto less = [this](const RowValue& a, int ra, const RowValue& b, int rb) { return before(a, ra, b, rb); };
    for (const int r : rows) {
        if (pending.contains(r)) {
            const size_t at = insertionPoint(m_sortedAll, 0, m_sortedAll.size(), r, pending.value(r), valueOf, less);
            Q_ASSERT(at < m_sortedAll.size() && m_sortedAll[at] == r);
            if (at >= m_sortedAll.size() || m_sortedAll[at] != r) {
                m_sortedAllValid = false; // never expected; rebuild rather than be wrong
                return;
            }
            m_sortedAll.erase(m_sortedAll.begin() + qsizetype(at));
            pending.remove(r);
        }
        const size_t to = insertionPoint(m_sortedAll, 0, m_sortedAll.size(), r, rowValue(r), valueOf, less);
        m_sortedAll.insert(m_sortedAll.begin() + qsizetype(to), r);
    }
}

void CaseQueueModel::reevaluate(const std::vector<int>& rows, const QHash<int, RowValue>& oldValues)
{
    // oldValues holds exactly the rows that were shown before the change.
    QHash<int, RowValue> pending = oldValues;
    auto valueOf = [&](int r) { return pending.contains(r) ? pending.value(r) : rowValue(r); };
    auto less = [this](const RowValue& a, int ra, const RowValue& b, int rb) { return before(a, ra, b, rb); };
    const int lastColumn = ColumnCount - 1;
    for (const int r : rows) {
        size_t oldPos = size_t(-1);
        if (pending.contains(r)) {
            oldPos = insertionPoint(m_visible, 0, m_visible.size(), r, pending.value(r), valueOf, less);
            if (oldPos >= m_visible.size() || m_visible[oldPos] != r) {
                // Never expected: fall back to finding it by scanning.
                oldPos = size_t(std::find(m_visible.begin(), m_visible.end(), r) - m_visible.begin());
            }
            pending.remove(r);
        }
        const bool wasShown = oldPos < m_visible.size();
        const bool matches = accepts(r);
        if (wasShown && !matches) {
            beginRemoveRows({}, int(oldPos), int(oldPos));
            m_visible.erase(m_visible.begin() + qsizetype(oldPos));
            endRemoveRows();
        } else if (wasShown) {
            const RowValue value = rowValue(r);
            const bool leftOk = oldPos == 0 || less(valueOf(m_visible[oldPos - 1]), m_visible[oldPos - 1], value, r);
            const bool rightOk = oldPos + 1 >= m_visible.size()
                || less(value, r, valueOf(m_visible[oldPos + 1]), m_visible[oldPos + 1]);
            size_t now = oldPos;
            if (!leftOk) {
                const size_t dest = insertionPoint(m_visible, 0, oldPos, r, value, valueOf, less);
                beginMoveRows({}, int(oldPos), int(oldPos), {}, int(dest));
                std::rotate(m_visible.begin() + qsizetype(dest), m_visible.begin() + qsizetype(oldPos),
                    m_visible.begin() + qsizetype(oldPos) + 1);
                endMoveRows();
                now = dest;
            } else if (!rightOk) {
                const size_t dest = insertionPoint(m_visible, oldPos + 1, m_visible.size(), r, value, valueOf, less);
                beginMoveRows({}, int(oldPos), int(oldPos), {}, int(dest));
                std::rotate(m_visible.begin() + qsizetype(oldPos), m_visible.begin() + qsizetype(oldPos) + 1,
                    m_visible.begin() + qsizetype(dest));
                endMoveRows();
                now = dest - 1;
            }
            emit dataChanged(index(int(now), 0), index(int(now), lastColumn));
        } else if (matches) {
            const size_t at = insertionPoint(m_visible, 0, m_visible.size(), r, rowValue(r), valueOf, less);
            beginInsertRows({}, int(at), int(at));
            m_visible.insert(m_visible.begin() + qsizetype(at), r);
            endInsertRows();
        }
    }
}

void CaseQueueModel::applyCases(const QList<Case>& cases)
{
    if (cases.isEmpty())
        return;
    // Old sort values of the rows concerned, taken before the table changes under them.
    QHash<int, RowValue> oldShown, oldAll;
    std::vector<int> rows; // each changed table row once
    QSet<int> touched;
    for (const Case& c : cases) {
        const int existing = m_table.rowOf(c.id);
        if (existing >= 0 && !touched.contains(existing)) {
            if (m_table.version(existing) > c.version)
                continue; // stale: the upsert would ignore it
            const RowValue v = rowValue(existing);
            oldAll.insert(existing, v);
            if (accepts(existing))
                oldShown.insert(existing, v);
            addToCounts(existing, -1);
            touched.insert(existing);
            rows.push_back(existing);
        }
        const CaseTable::Upsert u = m_table.upsert(c);
        if (u.inserted) {
            touched.insert(u.row);
            rows.push_back(u.row);
        }
    }
    if (rows.empty())
        return;
    for (const int r : rows)
        addToCounts(r, 1);
    invalidateRanks();
    // Keeping the full order cache costs a shift of it per row; for big batches drop it.
    if (rows.size() > 64)
        m_sortedAllValid = false;
    updateSortedAll(rows, oldAll);
    reevaluate(rows, oldShown);
    emit viewCountsChanged();
}

void CaseQueueModel::setNow(const QDateTime& nowTime)
{
    const quint32 now = CaseTable::toSeconds(nowTime);
    if (now == m_now)
        return;
    // Only rows whose deadline lies between the old and the new "now" change membership.
    const quint32 low = std::min(now, m_now);
    const quint32 high = std::max(now, m_now);
    const auto& deadlines = m_table.deadlineColumn();
    std::vector<int> crossed;
    for (size_t r = 0; r < deadlines.size(); ++r) {
        const quint32 d = deadlines[r];
        if (d != CaseTable::kNoTime && d >= low && d < high)
            crossed.push_back(int(r));
    }
    QHash<int, RowValue> oldShown;
    for (const int r : crossed) {
        if (accepts(r))
            oldShown.insert(r, rowValue(r));
        addToCounts(r, -1);
    }
    m_now = now;
    for (const int r : crossed)
        addToCounts(r, 1);
    reevaluate(crossed, oldShown);
    if (!m_visible.empty()) {
        const QModelIndex first = index(0, CountdownColumn);
        const QModelIndex last = index(int(m_visible.size()) - 1, CountdownColumn);
        emit dataChanged(first, last, { Qt::DisplayRole, CountdownSecondsRole, SlaLightRole });
    }
    if (!crossed.empty())
        emit viewCountsChanged();
}

void CaseQueueModel::setPlaceNames(const QHash<QString, QString>& names)
{
    m_placeNames = names;
    invalidateRanks();
    if (m_sortColumn == PlaceColumn)
        sort(m_sortColumn, m_sortOrder);
    if (!m_visible.empty())
        emit dataChanged(index(0, PlaceColumn), index(int(m_visible.size()) - 1, PlaceColumn));
}

void CaseQueueModel::setHolderNames(const QHash<QString, QString>& names)
{
    m_holderNames = names;
    invalidateRanks();
    if (m_sortColumn == HolderColumn)
        sort(m_sortColumn, m_sortOrder);
    if (!m_visible.empty())
        emit dataChanged(index(0, HolderColumn), index(int(m_visible.size()) - 1, HolderColumn));
}

void CaseQueueModel::setCategoryNames(CategoryNames names)
{
    if (names == m_categoryNames)
        return;
    m_categoryNames = names;
    ++m_generation;
    invalidateRanks();
    if (m_sortColumn == CategoryColumn)
        sort(m_sortColumn, m_sortOrder);
    if (!m_visible.empty())
        emit dataChanged(index(0, CategoryColumn), index(int(m_visible.size()) - 1, CategoryColumn));
}

int CaseQueueModel::rowOfCase(qint64 id) const
{
    const int r = m_table.rowOf(id);
    if (r < 0)
        return -1;
    const auto it = std::find(m_visible.begin(), m_visible.end(), r);
    return it == m_visible.end() ? -1 : int(it - m_visible.begin());
}

int CaseQueueModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_visible.size());
}

int CaseQueueModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CaseQueueModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int r = m_visible[size_t(index.row())];
    const quint32 deadline = m_table.stepDeadline(r);
    const bool hasDeadline = deadline != CaseTable::kNoTime && isOpen(m_table.state(r));
    switch (role) {
    case CaseIdRole:
        return m_table.id(r);
    case CaseCodeRole:
        return m_table.code(r);
    case StateRole:
        return int(m_table.state(r));
    case DisputeLevelRole:
        return int(m_table.disputeLevel(r));
    case SlaLightRole:
        if (!hasDeadline)
            return int(SlaLight::None);
        return int(m_sla.light(CaseTable::fromSeconds(m_table.stepStartedAt(r)),
            CaseTable::fromSeconds(deadline), CaseTable::fromSeconds(m_now)));
    case StepDeadlineRole:
        return hasDeadline ? CaseTable::fromSeconds(deadline) : QDateTime();
    case CountdownSecondsRole:
        return hasDeadline ? QVariant(qint64(deadline) - qint64(m_now)) : QVariant();
    case SortKeyRole:
        return quint64(sortKey(index.column(), r));
    case Qt::ToolTipRole:
        if (index.column() == CategoryColumn)
            return m_table.categoryCode(r);
        if (index.column() == PlaceColumn)
            return m_table.placeCode(r);
        return {};
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (index.column()) {
    case CodeColumn:
        return m_table.code(r);
    case CategoryColumn:
        return categoryName(m_table.categoryId(r));
    case LevelColumn:
        return m_table.disputeLevel(r) == DisputeLevel::None ? QString()
                                                             : disputeLevelDisplayName(m_table.disputeLevel(r));
    case PlaceColumn:
        return placeName(m_table.placeId(r));
    case ReportedColumn:
        return CaseTable::fromSeconds(m_table.reportedAt(r)).toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"));
    case HolderColumn:
        return holderName(m_table.holderId(r));
    case CountdownColumn: {
        if (!hasDeadline)
            return QString();
        const qint64 left = qint64(deadline) - qint64(m_now);
        const qint64 magnitude = left < 0 ? -left : left;
        const QString span = magnitude >= 86400
            ? tr("%1 d %2 h").arg(magnitude / 86400).arg((magnitude % 86400) / 3600)
            : tr("%1:%2").arg(magnitude / 3600).arg((magnitude % 3600) / 60, 2, 10, QLatin1Char('0'));
        return left < 0 ? tr("%1 overdue").arg(span) : span;
    }
    case StateColumn:
        return caseStateDisplayName(m_table.state(r));
    }
    return {};
}

Qt::ItemFlags CaseQueueModel::flags(const QModelIndex& index) const
{
    const Qt::ItemFlags f = QAbstractTableModel::flags(index);
    return index.isValid() ? f | Qt::ItemIsDragEnabled : f;
}

QVariant CaseQueueModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case CodeColumn: return tr("Code");
    case CategoryColumn: return tr("Category");
    case LevelColumn: return tr("Level");
    case PlaceColumn: return tr("Place");
    case ReportedColumn: return tr("Reported");
    case HolderColumn: return tr("Holder");
    case CountdownColumn: return tr("Time left");
    case StateColumn: return tr("State");
    }
    return {};
}

} // namespace gridhall
