#include "models/itemmodels/casedetail.h"

#include "models/domain/taxonomy.h"
#include "models/itemmodels/casetable.h"
#include "models/store/storeservice.h"

#include <QCoreApplication>
#include <QPointer>
#include <cmath>
#include <algorithm>

namespace gridhall {

QList<StepSla> stepSlas(const CaseDetail& detail, const QDateTime& now, const SlaPolicy& sla)
{
    QList<StepSla> steps;
    const Case& c = detail.item;
    for (const CaseEvent& e : detail.events) {
        const bool entersStep = steps.isEmpty() || e.fromState != e.toState || e.action == CaseAction::Escalate;
        if (!entersStep)
            continue;
        if (!steps.isEmpty() && !steps.last().ended.isValid())
            steps.last().ended = e.at;
        const std::optional<SlaStep> step = slaStepFor(e.toState);
        if (!step)
            continue;
        StepSla s;
        s.step = *step;
        s.started = e.at;
        s.limitMinutes = sla.limitMinutes(*step, c.categoryCode, c.level, c.disputeLevel, &Taxonomy::builtIn());
        steps.append(s);
    }
    for (StepSla& s : steps) {
        const QDateTime end = s.ended.isValid() ? s.ended : now;
        s.current = !s.ended.isValid();
        s.usedMinutes = int(s.started.secsTo(end) / 60);
    }
    return steps;
}

QList<qint64> relatedCases(const CaseTable& table, qint64 caseId, const QDateTime& now, int days, int limit)
{
    const int row = table.rowOf(caseId);
    if (row < 0 || table.gridCode(row).isEmpty())
        return {};
    const QString& grid = table.gridCode(row);
    const quint32 from = CaseTable::toSeconds(now.addDays(-days));
    QList<QPair<quint32, qint64>> hits;
    const auto& reported = table.reportedColumn();
    for (int r = 0, n = table.rowCount(); r < n; ++r) {
        // Time first: an integer compare rules out most rows before any string is read.
        if (r == row || reported[size_t(r)] < from || table.gridCode(r) != grid)
            continue;
        hits.append({ reported[size_t(r)], table.id(r) });
    }
    std::sort(hits.begin(), hits.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    QList<qint64> ids;
    for (int i = 0; i < hits.size() && i < limit; ++i)
        ids.append(hits[i].second);
    return ids;
}

CaseDetailLoader::CaseDetailLoader(StoreService& store, QObject* parent)
    : QObject(parent)
    , m_store(store)
{
    qRegisterMetaType<CaseDetail>();
}

void CaseDetailLoader::load(qint64 caseId)
{
    const quint64 generation = ++m_generation;
    QPointer<CaseDetailLoader> self(this);
    m_store.post([self, caseId, generation](Store& store) {
        CaseDetail d;
        if (const std::optional<Case> c = store.caseById(caseId)) {
            d.item = *c;
            d.found = true;
            d.events = store.eventsFor(caseId);
            std::stable_sort(d.events.begin(), d.events.end(),
                [](const CaseEvent& a, const CaseEvent& b) { return a.at < b.at; });
            d.photos = store.photosFor(caseId);
            // The box around the circle (a degree of longitude shrinks with the latitude),
            // then the exact distance.
            const double dLat = kCaseCameraMetres / 111'000.0;
            const double dLon = dLat / std::max(0.01, std::cos(c->location.lat * M_PI / 180));
            const LonLat at = c->location;
            d.cameras = nearestCameras(store.camerasIn(at.lon - dLon, at.lat - dLat, at.lon + dLon, at.lat + dLat),
                at, kCaseCameraMetres);
        } else {
            d.item.id = caseId;
        }
        if (self)
            QMetaObject::invokeMethod(self.data(), [self, d, generation] {
                if (self && generation == self->m_generation)
                    emit self->loaded(d);
            }, Qt::QueuedConnection);
    });
}

CaseEventsModel::CaseEventsModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void CaseEventsModel::setEvents(const QList<CaseEvent>& events)
{
    beginResetModel();
    m_events = events;
    endResetModel();
}

int CaseEventsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_events.size());
}

int CaseEventsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CaseEventsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const CaseEvent& e = m_events[index.row()];
    if (role == Qt::ToolTipRole && index.column() == NoteColumn)
        return e.note;
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case TimeColumn:
        return e.at.toLocalTime().toString(QStringLiteral("MM-dd HH:mm"));
    case ActorColumn:
        return e.actor.isEmpty() ? roleDisplayName(e.role)
                                 : QStringLiteral("%1 (%2)").arg(e.actor, roleDisplayName(e.role));
    case ActionColumn: {
        QString text = caseActionDisplayName(e.action);
        if (e.fromState != e.toState)
            text += QStringLiteral(" · %1 → %2").arg(caseStateDisplayName(e.fromState), caseStateDisplayName(e.toState));
        if (!e.target.isEmpty())
            text += QStringLiteral(" · ") + e.target;
        return text;
    }
    case NoteColumn:
        return e.note;
    }
    return {};
}

QVariant CaseEventsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn: return QCoreApplication::translate("CaseEventsModel", "When");
    case ActorColumn: return QCoreApplication::translate("CaseEventsModel", "Who");
    case ActionColumn: return QCoreApplication::translate("CaseEventsModel", "What");
    case NoteColumn: return QCoreApplication::translate("CaseEventsModel", "Note");
    }
    return {};
}

} // namespace gridhall
