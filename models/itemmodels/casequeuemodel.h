#pragma once
// The operators' case queues over a million cases: a CaseTable (columns) and one
// permutation of its rows — the rows that pass the current view and filter, in the
// current sort order. No QSortFilterProxyModel: sorting sorts packed integer keys, and
// filtering is one pass over the columns.
//
// Live changes (applyCases, setNow) touch only the rows concerned: rows that still match
// get dataChanged (or move to their new sorted place), new matches are inserted where
// they sort, rows that stop matching are removed — never a reset, so views keep their
// selection and scroll position. Only setCases and setFilter reset.

#include "models/itemmodels/casetable.h"
#include "models/domain/casefilter.h"
#include "models/domain/sla.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QHash>
#include <array>
#include <vector>

namespace gridhall {

// The tabs along the loop. Reports from field workers and operators were seen on site and
// go straight to registration; reports from the hotline, cameras and the resident app need
// accepting and verifying first.
enum class QueueView {
    All,
    ToAcceptVerify, // reported, from hotline, camera or resident app
    ToRegister, // reported by a field worker or an operator
    ToDispatch, // registered
    InHandling, // dispatched or handling
    ToVerify, // fed back
    ToClose, // verified
    Overdue, // open, step deadline past now
    Parked,
    ExtensionRequests, // an extension request waits for approval
};
constexpr int kQueueViewCount = 10;
QString queueViewKey(QueueView view);
QString queueViewDisplayName(QueueView view);
// Whether a case belongs to a tab. deadline and now count seconds on one clock (e.g.
// CaseTable::toSeconds); a deadline of 0 is none.
bool isInQueueView(QueueView view, CaseState state, CaseSource source, bool extensionPending, quint32 deadline,
    quint32 now);

struct CaseQueueFilter {
    QueueView view = QueueView::All;
    QString areaPrefix; // street, community or grid code (or any prefix of one)
    QString categoryPrefix; // an item code, or a class code for all its items
    quint8 disputeLevels = 0; // bit 1 << int(DisputeLevel) per accepted level; 0: any
    QString holder; // worker or department code; "": any
    QDateTime reportedFrom; // inclusive; invalid: open
    QDateTime reportedTo; // exclusive; invalid: open
    QDateTime closedFrom; // closed (or voided) at or after; invalid: open
    QDateTime closedTo; // exclusive; invalid: open
    bool openOnly = false; // only cases still in the loop or parked
    QString text; // in code, description or address, case-insensitive
    static quint8 levelBit(DisputeLevel level) { return quint8(1u << int(level)); }
    bool operator==(const CaseQueueFilter&) const = default;
};

// The queue filter that shows the cases a KPI chart element counts (CaseFilter::matches).
// Overdue is judged at the queue's own "now", which moves on, not at the chart's asOf.
CaseQueueFilter queueFilterFor(const CaseFilter& filter);

class CaseQueueModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        CodeColumn,
        CategoryColumn,
        LevelColumn,
        PlaceColumn,
        ReportedColumn,
        HolderColumn,
        CountdownColumn,
        StateColumn,
        ColumnCount
    };
    enum Roles {
        CaseIdRole = Qt::UserRole, // qint64
        CaseCodeRole, // QString
        StateRole, // int(CaseState)
        DisputeLevelRole, // int(DisputeLevel): the level chip
        SlaLightRole, // int(SlaLight) of the current step
        StepDeadlineRole, // QDateTime (UTC), invalid when the state has no deadline
        CountdownSecondsRole, // qint64 seconds left until the step deadline (negative: overdue)
        SortKeyRole, // quint64: the integer this cell sorts by (text columns: rank)
    };
    enum class CategoryNames { Chinese, English };

    explicit CaseQueueModel(QObject* parent = nullptr);
    ~CaseQueueModel() override;

    // Replaces all cases (a reset).
    void setCases(const QList<Case>& cases);
    // Bulk load through a callback, for very large sets: produce(i) for i in [0, count).
    template<typename Produce> void setCases(int count, Produce produce)
    {
        beginResetModel();
        m_table.clear();
        m_table.reserve(count);
        for (int i = 0; i < count; ++i)
            m_table.upsert(produce(i));
        rebuildAll();
        endResetModel();
        emit viewCountsChanged();
    }
    // Replaces all cases with a table built elsewhere (a reset): a million rows are built on
    // the store thread straight from SQLite, so the GUI thread only counts, filters and sorts.
    void setTable(CaseTable table);

    // The same handover with the work done before it: prepare() runs on any thread (the
    // desk's store thread) and does what setTable would (view counts, the rows in view
    // and their order, text ranks) for the filter, sort and names the model had when
    // settings() was taken; setPrepared() then swaps it in, a reset without a pass over
    // the rows. The model's old table goes back in the PreparedTable, to be dropped off
    // the GUI thread too. If the filter, sort, category names or SLA policy changed in
    // between, setPrepared() falls back to setTable() and returns false.
    struct Settings {
        CaseQueueFilter filter;
        int sortColumn = -1;
        Qt::SortOrder sortOrder = Qt::AscendingOrder;
        CategoryNames categoryNames = CategoryNames::Chinese;
        SlaPolicy sla;
        quint32 now = 0;
        quint64 generation = 0; // counts the changes above but "now"
    };
    class PreparedTable {
    public:
        PreparedTable();
        ~PreparedTable();
        PreparedTable(PreparedTable&&) noexcept;
        PreparedTable& operator=(PreparedTable&&) noexcept;
        const CaseTable& table() const;
        int viewCount(QueueView view) const;

    private:
        friend class CaseQueueModel;
        std::unique_ptr<CaseQueueModel> m_model; // a model nobody views, holding the state
        quint64 m_generation = 0;
    };
    Settings settings() const;
    static PreparedTable prepare(CaseTable table, const Settings& settings, const QHash<QString, QString>& placeNames,
        const QHash<QString, QString>& holderNames);
    bool setPrepared(PreparedTable& prepared);
    // Live changes from sync: upserts by id, re-evaluating only these rows.
    void applyCases(const QList<Case>& cases);

    // Changing the filter re-filters everything (a reset).
    void setFilter(const CaseQueueFilter& filter);
    const CaseQueueFilter& filter() const { return m_filter; }

    // "Now" for the overdue view, countdowns and lights. Moving it re-evaluates only the
    // rows whose deadline was crossed.
    void setNow(const QDateTime& now);
    QDateTime now() const { return CaseTable::fromSeconds(m_now); }

    // Display lookups: area code → name (grid or community), holder code → name.
    void setPlaceNames(const QHash<QString, QString>& names);
    void setHolderNames(const QHash<QString, QString>& names);
    void setCategoryNames(CategoryNames names);
    void setSlaPolicy(const SlaPolicy& policy)
    {
        m_sla = policy;
        ++m_generation;
    }

    // Cases per view over all cases (not narrowed by the filter), kept up to date.
    int viewCount(QueueView view) const { return m_viewCounts[size_t(view)]; }
    bool inView(QueueView view, int tableRow) const;

    qint64 caseIdAt(int row) const { return m_table.id(m_visible[size_t(row)]); }
    int tableRowAt(int row) const { return m_visible[size_t(row)]; }
    int rowOfCase(qint64 id) const; // -1 when not shown
    const CaseTable& table() const { return m_table; }
    int sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const { return m_sortOrder; }
    // The integer a table row sorts by in a column, ascending (text columns: rank).
    quint32 sortKey(int column, int tableRow) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    // Rows drag out as case ids; the views encode them (maps/casemime.h).
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    // Sorting keeps selections (a layout change). Ties keep table order in both directions.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

signals:
    void viewCountsChanged();

private:
    struct Prepared; // the filter compiled to masks and integers
    struct RowValue {
        quint32 number = 0;
        QString text;
    };

    void rebuildAll(); // table changed wholesale: counts, ranks, filter, sort
    void prepareFilter();
    bool accepts(int tableRow) const;
    void computeMask(std::vector<quint8>* mask) const;
    void refilter();
    std::vector<int> sortedRows(std::vector<int> rows) const;
    void ensureSortedAll();
    void countViews();
    void addToCounts(int tableRow, int delta);

    bool isTextColumn(int column) const;
    RowValue rowValue(int tableRow) const;
    // Strictly before in the current order: by value (reversed for descending), then row.
    bool before(const RowValue& a, int rowA, const RowValue& b, int rowB) const;
    QString categoryName(int categoryId) const;
    QString placeName(int placeId) const;
    QString holderName(int holderId) const;

    // Re-evaluates these table rows (their data may have changed; old values given for
    // rows that were visible). Emits insert/remove/move/dataChanged, or one layout change
    // for large batches.
    void reevaluate(const std::vector<int>& rows, const QHash<int, RowValue>& oldValues);
    void updateSortedAll(const std::vector<int>& rows, const QHash<int, RowValue>& oldValues);
    void relayout(std::vector<int> newVisible);

    CaseTable m_table;
    CaseQueueFilter m_filter;
    std::unique_ptr<Prepared> m_prepared;
    std::vector<int> m_visible; // table rows in view order
    std::vector<int> m_sortedAll; // every table row in the current order (a cache)
    bool m_sortedAllValid = false;
    int m_sortColumn = -1;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
    quint32 m_now = 0;
    std::array<int, kQueueViewCount> m_viewCounts {};

    QHash<QString, QString> m_placeNames, m_holderNames;
    CategoryNames m_categoryNames = CategoryNames::Chinese;
    SlaPolicy m_sla;
    quint64 m_generation = 0; // see Settings
    // Per text column: ranks of pool entries (of rows for codes) by display text; rebuilt
    // when the pool grew or names changed.
    const std::vector<quint32>& ranks(int column) const;
    void invalidateRanks() const { m_rankSourceSize.fill(-1); }
    mutable std::array<std::vector<quint32>, ColumnCount> m_ranks;
    mutable std::array<int, ColumnCount> m_rankSourceSize {};
};

} // namespace gridhall
