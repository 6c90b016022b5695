#pragma once
// Open cases as markers: a diamond coloured by dispute grade for disputes, a dot coloured
// by step for other cases, a red ring when overdue. A new red dispute pulses until an
// operator acknowledges it; the pulse is a light overlay the canvas animates from
// pulsingCases(), never a re-render of this layer.

#include "maps/layer.h"

#include "models/domain/casetypes.h"

#include <optional>
#include <unordered_map>

namespace gridhall {

struct CaseMarker {
    qint64 caseId = 0;
    LonLat pos;
    CaseState state = CaseState::Reported;
    DisputeLevel dispute = DisputeLevel::None;
    bool overdue = false;
    bool acknowledged = true; // false for a new dispute nobody has looked at yet
};

class CasesLayer : public MapLayer {
    Q_OBJECT
public:
    explicit CasesLayer(QObject* parent = nullptr);
    ~CasesLayer() override;

    void setCases(const QList<CaseMarker>& cases);
    // Inserts or replaces one case; a case that is no longer open disappears.
    void upsertCase(const CaseMarker& marker);
    void removeCase(qint64 caseId);
    void acknowledge(qint64 caseId);
    qsizetype caseCount() const { return qsizetype(m_cases.size()); }
    std::optional<CaseMarker> marker(qint64 caseId) const;
    // Red disputes not yet acknowledged.
    QList<CaseMarker> pulsingCases() const;

    // The case whose marker is nearest to pixel within radius, or nullopt.
    std::optional<qint64> caseNear(QPointF pixel, const Viewport& viewport, double radius = 10) const;

    std::unique_ptr<LayerRenderer> createRenderer(const Viewport& viewport) const override;

    // The marker colour for a case (exposed for legends and tests).
    static QColor markerColour(const CaseMarker& marker);

signals:
    void pulsesChanged();

private:
    struct Entry {
        CaseMarker marker;
        QPointF mercator;
    };
    bool store(const CaseMarker& marker); // returns whether the pulse set changed
    std::unordered_map<qint64, Entry> m_cases;
    int m_pulsing = 0;
};

} // namespace gridhall
