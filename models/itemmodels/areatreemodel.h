#pragma once
// The administrative hierarchy as a tree: district → street → community → grid, with
// counts rolled up from the grids (cells, workers, open cases).
// Built from plain values; a rebuild keeps nothing but the data it was given.

#include "models/domain/area.h"

#include <QAbstractItemModel>
#include <QHash>
#include <vector>

namespace gridhall {

class AreaTreeModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Column { NameColumn, CodeColumn, GridsColumn, WorkersColumn, OpenCasesColumn, ColumnCount };
    enum Roles { CodeRole = Qt::UserRole, LevelRole };

    struct Input {
        QList<District> districts;
        QList<Street> streets;
        QList<Community> communities;
        QList<GridCell> grids;
        QHash<QString, int> workersByGrid; // grid code → workers whose home grid it is
        QHash<QString, int> openCasesByGrid;
    };

    explicit AreaTreeModel(QObject* parent = nullptr);
    ~AreaTreeModel() override;

    void setAreas(const Input& input);
    // The tree setAreas builds, made on any thread (10,000 grid cells took the GUI thread
    // 12-20 ms at start); setTree swaps it in with one reset.
    struct Node {
        QString code;
        QString name;
        AreaLevel level = AreaLevel::District;
        int parent = -1; // index into nodes
        int row = 0; // position under the parent
        std::vector<int> children;
        int grids = 0, workers = 0, openCases = 0;
    };
    struct Tree {
        std::vector<Node> nodes; // parents before their children
        std::vector<int> roots;
        QHash<QString, int> byCode;
    };
    static Tree buildTree(const Input& input);
    void setTree(Tree tree);
    // Updates the open-case counts in place (no reset), e.g. after sync.
    void setOpenCases(const QHash<QString, int>& openCasesByGrid);
    // One grid's count (a live change): the grid and the areas above it move, nothing else.
    void setOpenCases(const QString& gridCode, int openCases);

    QModelIndex indexForCode(const QString& code) const;
    // Characters in the longest area code (views size the code column by it).
    int longestCodeLength() const;

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    static void rollUp(std::vector<Node>& nodes);
    QModelIndex indexOfNode(int node, int column) const;

    std::vector<Node> m_nodes;
    std::vector<int> m_roots;
    QHash<QString, int> m_byCode;
};

} // namespace gridhall
