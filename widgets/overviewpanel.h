#pragma once
// A glanceable summary of the district: how much is loaded and where the cases stand.
// Large numbers with short captions, readable from a few metres away.

#include "models/domain/casetypes.h"

#include <QHash>
#include <QWidget>

class QGridLayout;
class QLabel;

namespace gridhall {

struct OverviewFigures {
    QString districtName;
    int streets = 0, communities = 0, grids = 0, workers = 0, departments = 0;
    qint64 cases = 0;
    QHash<CaseState, qint64> casesByState;
    // false: the open cases are counted, the total, closed and voided not yet (shown as "…").
    bool allCasesCounted = true;
};

class OverviewPanel : public QWidget {
    Q_OBJECT
public:
    explicit OverviewPanel(QWidget* parent = nullptr);
    void setFigures(const OverviewFigures& figures);
    // The number shown on a tile, for tests and screenshots ("" if no such tile).
    QString tileValue(const QString& tileName) const;
    // Tiles per row now: as many as the width holds, from one up to four.
    int columns() const { return m_columns; }
    // One tile wide, so a narrow dock wraps the tiles instead of scrolling sideways.
    QSize minimumSizeHint() const override;

protected:
    void changeEvent(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    bool event(QEvent* event) override;

private:
    struct Tile {
        QString name;
        QLabel* value = nullptr;
        QLabel* caption = nullptr;
    };
    void addTile(const QString& name);
    void placeTiles(int columns);
    void fitColumns();
    int tileWidth() const;
    void retranslate();
    void refresh();

    QLabel* m_title = nullptr;
    QGridLayout* m_grid = nullptr;
    QList<QWidget*> m_frames;
    int m_columns = 0;
    QList<Tile> m_tiles;
    OverviewFigures m_figures;
};

} // namespace gridhall
