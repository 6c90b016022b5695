#include "models/itemmodels/dispatchtargetmodels.h"

#include "models/itemmodels/casetable.h"

#include <QCoreApplication>
#include <QLocale>

#include <algorithm>
#include <utility>
#include <vector>

namespace gridhall {

namespace {

// Takes a live delta's loads into `loads`; returns the holders whose load moved, the only
// rows either list signals (a change of every row re-sorted the views above).
QStringList takeChangedLoads(QHash<QString, int>& loads, const QHash<QString, int>& changed)
{
    QStringList moved;
    for (auto it = changed.cbegin(); it != changed.cend(); ++it) {
        int& load = loads[it.key()];
        if (load != it.value()) {
            load = it.value();
            moved.append(it.key());
        }
    }
    return moved;
}

} // namespace

QHash<QString, int> openLoadByHolder(const CaseTable& table)
{
    // Count by pool id first: integers, no string hashing per row.
    std::vector<int> byId(size_t(table.holders().size()), 0);
    const auto& holders = table.holderColumn();
    const auto& states = table.stateColumn();
    for (size_t r = 0; r < holders.size(); ++r) {
        if (holders[r] != 0 && isOpen(CaseState(states[r])))
            ++byId[size_t(holders[r])];
    }
    QHash<QString, int> out;
    for (size_t id = 1; id < byId.size(); ++id) {
        if (byId[id])
            out.insert(table.holders().at(int(id)), byId[id]);
    }
    return out;
}

QString workerStatusDisplayName(WorkerStatus status)
{
    switch (status) {
    case WorkerStatus::Offline: return QCoreApplication::translate("WorkerListModel", "Offline");
    case WorkerStatus::Patrolling: return QCoreApplication::translate("WorkerListModel", "Patrolling");
    case WorkerStatus::OnCase: return QCoreApplication::translate("WorkerListModel", "On a case");
    }
    return {};
}

WorkerListModel::WorkerListModel(QObject* parent)
    : QAbstractTableModel(parent)
{
    m_positionsDue.setSingleShot(true);
    connect(&m_positionsDue, &QTimer::timeout, this, &WorkerListModel::takeWaitingPositions);
}

void WorkerListModel::setWorkers(const QList<Worker>& workers)
{
    beginResetModel();
    m_workers = workers;
    m_rowOf.clear();
    for (int i = 0; i < m_workers.size(); ++i)
        m_rowOf.insert(m_workers[i].code, i);
    endResetModel();
}

void WorkerListModel::columnsChanged(int first, int last)
{
    if (!m_workers.isEmpty())
        emit dataChanged(index(0, first), index(int(m_workers.size()) - 1, last));
}

void WorkerListModel::setPlaceNames(const QHash<QString, QString>& names)
{
    m_placeNames = names;
    columnsChanged(PlaceColumn, PlaceColumn);
}

void WorkerListModel::setPositions(const QHash<QString, WorkerFixInfo>& latest)
{
    if (m_positionsIntervalMs == 0) {
        takePositions(latest);
        return;
    }
    for (auto it = latest.begin(); it != latest.end(); ++it) {
        const auto waiting = m_positionsWaiting.constFind(it.key());
        if (waiting == m_positionsWaiting.constEnd() || waiting->at <= it->at)
            m_positionsWaiting.insert(it.key(), *it);
    }
    if (m_positionsDue.isActive())
        return;
    const qint64 since = m_positionsTaken.isValid() ? m_positionsTaken.elapsed() : m_positionsIntervalMs;
    if (since >= m_positionsIntervalMs)
        takeWaitingPositions();
    else
        m_positionsDue.start(int(m_positionsIntervalMs - since));
}

void WorkerListModel::takeWaitingPositions()
{
    m_positionsDue.stop();
    m_positionsTaken.start();
    takePositions(std::exchange(m_positionsWaiting, {}));
}

void WorkerListModel::takePositions(const QHash<QString, WorkerFixInfo>& latest)
{
    int first = -1, last = -1;
    for (auto it = latest.begin(); it != latest.end(); ++it) {
        const auto old = m_fixes.constFind(it.key());
        if (old != m_fixes.constEnd() && old->at > it->at)
            continue;
        const int row = m_rowOf.value(it.key(), -1);
        if (row < 0) {
            m_fixes.insert(it.key(), *it);
            continue;
        }
        const WorkerStatus statusBefore = statusAt(row);
        const std::optional<double> distanceBefore = distanceAt(row);
        m_fixes.insert(it.key(), *it);
        if (statusAt(row) != statusBefore || distanceAt(row) != distanceBefore) {
            first = first < 0 ? row : std::min(first, row);
            last = std::max(last, row);
        }
    }
    if (first >= 0)
        emit dataChanged(index(first, StatusColumn), index(last, DistanceColumn));
}

void WorkerListModel::setLoads(const QHash<QString, int>& openByHolder)
{
    // Only the rows whose load moved: a change of every row re-sorts the proxies above
    // (by distance and status), which at each live delta held the GUI thread up.
    int first = -1, last = -1;
    for (int row = 0; row < int(m_workers.size()); ++row) {
        const QString& code = m_workers[row].code;
        if (m_loads.value(code) != openByHolder.value(code)) {
            first = first < 0 ? row : first;
            last = row;
        }
    }
    m_loads = openByHolder;
    if (first >= 0)
        emit dataChanged(index(first, StatusColumn), index(last, LoadColumn));
}

void WorkerListModel::changeLoads(const QHash<QString, int>& changed)
{
    for (const QString& holder : takeChangedLoads(m_loads, changed))
        if (const int row = rowOfWorker(holder); row >= 0)
            emit dataChanged(index(row, StatusColumn), index(row, LoadColumn));
}

void WorkerListModel::setReference(std::optional<LonLat> point)
{
    m_reference = point;
    columnsChanged(DistanceColumn, DistanceColumn);
}

void WorkerListModel::setNow(const QDateTime& now)
{
    // Only the rows whose fix went stale (or, with the clock set back, fresh again); status
    // decides the distance column's order too (online first).
    std::vector<WorkerStatus> before(std::size_t(m_workers.size()));
    for (int row = 0; row < int(m_workers.size()); ++row)
        before[std::size_t(row)] = statusAt(row);
    m_now = now;
    int first = -1, last = -1;
    for (int row = 0; row < int(m_workers.size()); ++row) {
        if (statusAt(row) != before[std::size_t(row)]) {
            first = first < 0 ? row : first;
            last = row;
        }
    }
    if (first >= 0)
        emit dataChanged(index(first, StatusColumn), index(last, DistanceColumn));
}

WorkerStatus WorkerListModel::statusAt(int row) const
{
    const Worker& w = m_workers[row];
    const auto fix = m_fixes.constFind(w.code);
    if (fix == m_fixes.constEnd() || fix->at.secsTo(m_now) > m_staleSecs)
        return WorkerStatus::Offline;
    return m_loads.value(w.code) > 0 ? WorkerStatus::OnCase : WorkerStatus::Patrolling;
}

std::optional<double> WorkerListModel::distanceAt(int row) const
{
    const auto fix = m_fixes.constFind(m_workers[row].code);
    if (!m_reference || fix == m_fixes.constEnd())
        return std::nullopt;
    return distanceMetres(fix->position, *m_reference);
}

double WorkerListModel::availabilityKey(int row) const
{
    // Offline workers a band of their own after every online one; within a band, distance
    // (unknown after known).
    constexpr double kBand = 1e12, kUnknown = 1e11;
    const double band = statusAt(row) == WorkerStatus::Offline ? kBand : 0;
    return band + distanceAt(row).value_or(kUnknown);
}

QList<int> WorkerListModel::rowsByAvailability() const
{
    QList<int> rows(m_workers.size());
    std::vector<double> keys(std::size_t(m_workers.size()));
    for (int r = 0; r < int(m_workers.size()); ++r) {
        rows[r] = r;
        keys[std::size_t(r)] = availabilityKey(r);
    }
    std::stable_sort(rows.begin(), rows.end(), [&](int a, int b) { return keys[std::size_t(a)] < keys[std::size_t(b)]; });
    return rows;
}

QString WorkerListModel::placeAt(int row) const
{
    const Worker& w = m_workers[row];
    QStringList parts;
    if (!w.streetCode.isEmpty())
        parts << m_placeNames.value(w.streetCode, w.streetCode);
    if (!w.homeGridCode.isEmpty())
        parts << m_placeNames.value(w.homeGridCode, w.homeGridCode);
    return parts.join(QLatin1Char(' '));
}

int WorkerListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_workers.size());
}

int WorkerListModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant WorkerListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int row = index.row();
    const Worker& w = m_workers[row];
    switch (role) {
    case CodeRole: return w.code;
    case StatusRole: return int(statusAt(row));
    case DistanceRole: {
        const auto d = distanceAt(row);
        return d ? QVariant(*d) : QVariant();
    }
    case LoadRole: return m_loads.value(w.code);
    case StreetCodeRole: return w.streetCode;
    case SortRole:
        switch (index.column()) {
        case StatusColumn: {
            // Free workers first, then those on a case, offline last.
            const WorkerStatus st = statusAt(row);
            return st == WorkerStatus::Patrolling ? 0 : st == WorkerStatus::OnCase ? 1 : 2;
        }
        case DistanceColumn: return availabilityKey(row);
        case LoadColumn: return m_loads.value(w.code);
        default: return data(index, Qt::DisplayRole);
        }
    case Qt::ToolTipRole:
        return QStringLiteral("%1 (%2) %3").arg(w.name, w.code, w.phone);
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn: return w.name.isEmpty() ? w.code : w.name;
        case StatusColumn: return workerStatusDisplayName(statusAt(row));
        case DistanceColumn: {
            const auto d = distanceAt(row);
            if (!d)
                return QString();
            return *d < 1000 ? QCoreApplication::translate("WorkerListModel", "%1 m").arg(qRound(*d))
                             : QCoreApplication::translate("WorkerListModel", "%1 km").arg(*d / 1000, 0, 'f', 1);
        }
        case LoadColumn: return m_loads.value(w.code);
        case PlaceColumn: return placeAt(row);
        }
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == DistanceColumn || index.column() == LoadColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    default:
        return {};
    }
}

QVariant WorkerListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn: return QCoreApplication::translate("WorkerListModel", "Worker");
    case StatusColumn: return QCoreApplication::translate("WorkerListModel", "Status");
    case DistanceColumn: return QCoreApplication::translate("WorkerListModel", "Distance");
    case LoadColumn: return QCoreApplication::translate("WorkerListModel", "Open cases");
    case PlaceColumn: return QCoreApplication::translate("WorkerListModel", "Area");
    }
    return {};
}

// --- departments ---------------------------------------------------------------------

DepartmentListModel::DepartmentListModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void DepartmentListModel::setDepartments(const QList<Department>& departments)
{
    beginResetModel();
    m_departments = departments;
    endResetModel();
}

void DepartmentListModel::setLoads(const QHash<QString, int>& openByHolder)
{
    int first = -1, last = -1;
    for (int row = 0; row < int(m_departments.size()); ++row) {
        const QString& code = m_departments[row].code;
        if (m_loads.value(code) != openByHolder.value(code)) {
            first = first < 0 ? row : first;
            last = row;
        }
    }
    m_loads = openByHolder;
    if (first >= 0)
        emit dataChanged(index(first, LoadColumn), index(last, LoadColumn));
}

void DepartmentListModel::changeLoads(const QHash<QString, int>& changed)
{
    for (const QString& holder : takeChangedLoads(m_loads, changed))
        for (int row = 0; row < int(m_departments.size()); ++row) // a few dozen
            if (m_departments[row].code == holder)
                emit dataChanged(index(row, LoadColumn), index(row, LoadColumn));
}

void DepartmentListModel::setChineseNames(bool chinese)
{
    m_chinese = chinese;
    if (!m_departments.isEmpty())
        emit dataChanged(index(0, NameColumn), index(int(m_departments.size()) - 1, NameColumn));
}

QString DepartmentListModel::nameAt(int row) const
{
    const Department& d = m_departments[row];
    const QString& name = m_chinese ? d.nameZh : d.nameEn;
    return name.isEmpty() ? d.code : name;
}

int DepartmentListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_departments.size());
}

int DepartmentListModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DepartmentListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Department& d = m_departments[index.row()];
    switch (role) {
    case CodeRole: return d.code;
    case LoadRole: return m_loads.value(d.code);
    case SortRole:
        return index.column() == LoadColumn ? QVariant(m_loads.value(d.code)) : data(index, Qt::DisplayRole);
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn: return nameAt(index.row());
        case CodeColumn: return d.code;
        case LoadColumn: return m_loads.value(d.code);
        }
        return {};
    case Qt::TextAlignmentRole:
        return index.column() == LoadColumn ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter)) : QVariant();
    default:
        return {};
    }
}

QVariant DepartmentListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn: return QCoreApplication::translate("DepartmentListModel", "Department");
    case CodeColumn: return QCoreApplication::translate("DepartmentListModel", "Code");
    case LoadColumn: return QCoreApplication::translate("DepartmentListModel", "Open cases");
    }
    return {};
}

} // namespace gridhall
