#pragma once
// A small panel about one grid cell: name and code, its worker, open cases, overdue cases
// and the highest open dispute. Follows the grid under the cursor on a MapCanvas; a click
// pins a grid (another click elsewhere pins that one, a click outside any grid unpins).

#include <QFrame>
#include <QPointer>

#include <functional>

class QLabel;

namespace gridhall {

class AreasLayer;
class MapCanvas;
struct LonLat;

class GridInfo : public QFrame {
    Q_OBJECT
public:
    // Names the worker responsible for a grid ("" when none).
    using WorkerLookup = std::function<QString(const QString& gridCode)>;

    explicit GridInfo(QWidget* parent = nullptr);
    ~GridInfo() override;

    // Neither is owned.
    void setAreasLayer(AreasLayer* areas);
    void setWorkerLookup(WorkerLookup lookup);
    // Follows hover and clicks on canvas (and nothing else).
    void attachTo(MapCanvas* canvas);

    void showGrid(const QString& code);
    void clear();
    QString gridCode() const { return m_code; }
    bool isPinned() const { return m_pinned; }
    // Refreshes the shown grid (its stats or worker may have changed).
    void refresh();
    // What the panel says, one line per field (tests, tooltips).
    QString text() const;

signals:
    void gridShown(const QString& code);

protected:
    void changeEvent(QEvent* event) override;

private:
    void onHovered(const LonLat& pos);
    void onClicked(const LonLat& pos);

    QPointer<AreasLayer> m_areas;
    QPointer<MapCanvas> m_canvas;
    WorkerLookup m_lookup;
    QString m_code;
    bool m_pinned = false;
    QLabel* m_title = nullptr;
    QLabel* m_worker = nullptr;
    QLabel* m_open = nullptr;
    QLabel* m_overdue = nullptr;
    QLabel* m_dispute = nullptr;
};

} // namespace gridhall
