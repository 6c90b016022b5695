#pragma once
// Open cases as markers: a diamond coloured by dispute grade for disputes, a dot coloured
// by step for other cases, a red ring when overdue. A new red dispute pulses until an
// operator acknowledges it; the pulse is a light overlay the canvas animates from
// pulsingCases(), never a re-render of this layer.
//
// Level of detail: where markers would overlap, cases aggregate into clusters that show
// their count and take the colour of the worst dispute inside (red over orange over
// yellow) with a red ring when any case inside is overdue, so one red dispute stands out
// among thousands and the grid colours and heatmap stay visible between the clusters.
// Clustering bins the cases in screen space (one pass, cells of a fixed pixel size), then
// merges neighbouring bins whose centres are closer than a cell; a small group whose
// markers would not overlap shows its markers. It runs in the renderer, off the GUI thread.

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

// One thing the layer draws for a view: a single marker (count 1) or a cluster.
struct CaseCluster {
    QPointF pixel; // centre in the view's logical pixels
    int count = 0;
    qint64 caseId = 0; // the case, for a single marker
    DisputeLevel worstDispute = DisputeLevel::None;
    int overdue = 0; // overdue cases inside
    GeoBox bounds; // of the cases inside
    double radius = 0; // of its marker or bubble, logical pixels
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

    // Markers, clusters and their text grow by this factor (1 for a desk; the wall, read
    // from metres away, sets more). Clusters form over cells of kClusterCell × scale pixels.
    static constexpr double kClusterCell = 56;
    double markerScale() const { return m_scale; }
    void setMarkerScale(double scale);
    // What a render for viewport draws: single markers and clusters (tests, hit testing).
    QList<CaseCluster> clustersFor(const Viewport& viewport) const;
    // The cluster (two cases or more) whose bubble covers pixel, for a click to zoom into.
    std::optional<CaseCluster> clusterAt(QPointF pixel, const Viewport& viewport) const;

    // The marker colour for a case (exposed for legends and tests).
    static QColor markerColour(const CaseMarker& marker);
    // A cluster's fill for the worst dispute inside (None: a cluster without disputes), and
    // the ring drawn around markers and clusters holding overdue cases.
    static QColor clusterColour(DisputeLevel worstDispute);
    static QColor overdueRingColour();
    // The cluster sprite the map draws, count included (for the legend).
    static QImage clusterSprite(DisputeLevel worstDispute, bool overdue, int count, qreal dpr, double scale = 1);

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
    double m_scale = 1;
};

} // namespace gridhall
