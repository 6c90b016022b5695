#pragma once
// The places cases can be dispatched to, as lists: field workers (with live status,
// distance to the case in hand and current load) and departments (with load).
// Positions, loads and the reference point change often: those updates are dataChanged
// on the columns concerned, never a reset, so a filtered and sorted view keeps its rows.

#include "models/domain/geo.h"
#include "models/domain/people.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QTimer>
#include <optional>

namespace gridhall {

class CaseTable;

// Open cases per holder code (worker or department), in one pass over the columns.
QHash<QString, int> openLoadByHolder(const CaseTable& table);

enum class WorkerStatus { Offline, Patrolling, OnCase };
QString workerStatusDisplayName(WorkerStatus status);

struct WorkerFixInfo {
    LonLat position;
    QDateTime at;
};

class WorkerListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { NameColumn, StatusColumn, DistanceColumn, LoadColumn, PlaceColumn, ColumnCount };
    enum Roles {
        CodeRole = Qt::UserRole, // QString badge
        StatusRole, // int(WorkerStatus)
        DistanceRole, // double metres, or invalid when unknown
        LoadRole, // int open cases held
        StreetCodeRole, // QString
        SortRole, // what the column sorts by (numbers for numeric columns)
    };

    explicit WorkerListModel(QObject* parent = nullptr);

    void setWorkers(const QList<Worker>& workers); // a reset
    // Street and grid code → name, for the place column.
    void setPlaceNames(const QHash<QString, QString>& names);
    // Merged by worker code (a newer fix wins). Only the rows whose status or distance
    // changed are signalled: every changed row re-sorts the views above (20,000 workers
    // moving re-sorted the whole list on each batch of fixes).
    void setPositions(const QHash<QString, WorkerFixInfo>& latest);
    // For live feeds: positions are taken in at most once per interval, those given in
    // between merged (the newest fix per worker wins) and taken in at the interval's end.
    // 0, the default, takes them in at once.
    void setPositionsInterval(int ms) { m_positionsIntervalMs = std::max(0, ms); }
    void setLoads(const QHash<QString, int>& openByHolder);
    // New loads of the holders named (the others keep theirs): a delta's few, without a
    // pass over every worker.
    void changeLoads(const QHash<QString, int>& changed);
    // The case in hand; distances are to it (none: no distance column values).
    void setReference(std::optional<LonLat> point);
    void setNow(const QDateTime& now);
    void setStaleAfterSecs(int secs) { m_staleSecs = secs; }

    int rowOfWorker(const QString& code) const { return m_rowOf.value(code, -1); }
    const Worker& workerAt(int row) const { return m_workers[row]; }
    WorkerStatus statusAt(int row) const;
    std::optional<double> distanceAt(int row) const;
    // The order an operator picks a worker in: online workers first, nearest to the case
    // in hand first when there is one, offline workers last. What the distance column
    // sorts by (its default sort) and the order of the dispatch dialog.
    double availabilityKey(int row) const;
    QList<int> rowsByAvailability() const;
    QString placeAt(int row) const; // "天河南街 G-0123"

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    void columnsChanged(int first, int last);
    void takePositions(const QHash<QString, WorkerFixInfo>& latest);
    void takeWaitingPositions();

    QList<Worker> m_workers;
    QHash<QString, int> m_rowOf;
    QHash<QString, QString> m_placeNames;
    QHash<QString, WorkerFixInfo> m_fixes;
    QHash<QString, int> m_loads;
    std::optional<LonLat> m_reference;
    QDateTime m_now = QDateTime::currentDateTimeUtc();
    int m_staleSecs = 60;
    int m_positionsIntervalMs = 0;
    QHash<QString, WorkerFixInfo> m_positionsWaiting; // for the end of the interval
    QTimer m_positionsDue;
    QElapsedTimer m_positionsTaken;
};

class DepartmentListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { NameColumn, CodeColumn, LoadColumn, ColumnCount };
    enum Roles { CodeRole = Qt::UserRole, LoadRole, SortRole };
    explicit DepartmentListModel(QObject* parent = nullptr);

    void setDepartments(const QList<Department>& departments); // a reset
    void setLoads(const QHash<QString, int>& openByHolder);
    void changeLoads(const QHash<QString, int>& changed); // as WorkerListModel's
    void setChineseNames(bool chinese);
    const Department& departmentAt(int row) const { return m_departments[row]; }
    QString nameAt(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<Department> m_departments;
    QHash<QString, int> m_loads;
    bool m_chinese = true;
};

} // namespace gridhall
