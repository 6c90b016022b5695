#pragma once
// What the case detail panel shows: the case, its events (the timeline), the photos from
// the field, the SLA of each step and related cases. CaseDetailLoader reads it on the store thread; the timeline is
// an item model.

#include "models/domain/camera.h"
#include "models/domain/casetypes.h"
#include "models/domain/sla.h"

#include <QAbstractTableModel>
#include <QObject>
#include <optional>

namespace gridhall {

class CaseTable;
class StoreService;

// How far from a case the detail lists cameras (issue 17).
constexpr double kCaseCameraMetres = 300;

struct CaseDetail {
    Case item;
    QList<CaseEvent> events; // oldest first
    QList<CasePhoto> photos; // from the field and desks' stills, oldest first; thumbnails only
    QList<NearbyCamera> cameras; // within kCaseCameraMetres of the case, nearest first
    bool found = false;
};

// How long each step took (or has taken so far) against its limit.
struct StepSla {
    SlaStep step = SlaStep::Register;
    QDateTime started;
    QDateTime ended; // invalid while the step is current
    int limitMinutes = 0;
    int usedMinutes = 0;
    bool current = false;
    bool overdue() const { return usedMinutes > limitMinutes; }
};
QList<StepSla> stepSlas(const CaseDetail& detail, const QDateTime& now, const SlaPolicy& sla);

// Cases in the same grid reported within `days` before now, newest first, without the case itself.
QList<qint64> relatedCases(const CaseTable& table, qint64 caseId, const QDateTime& now, int days = 30,
    int limit = 50);

class CaseDetailLoader : public QObject {
    Q_OBJECT
public:
    explicit CaseDetailLoader(StoreService& store, QObject* parent = nullptr);
    // Reads the case, its events, its photos and the cameras near it on the store thread →
    // loaded(). A newer request wins.
    void load(qint64 caseId);

signals:
    void loaded(const gridhall::CaseDetail& detail);

private:
    StoreService& m_store;
    quint64 m_generation = 0;
};

class CaseEventsModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { TimeColumn, ActorColumn, ActionColumn, NoteColumn, ColumnCount };
    explicit CaseEventsModel(QObject* parent = nullptr);
    void setEvents(const QList<CaseEvent>& events); // a reset: another case
    const CaseEvent& eventAt(int row) const { return m_events[row]; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<CaseEvent> m_events;
};

} // namespace gridhall

Q_DECLARE_METATYPE(gridhall::CaseDetail)
