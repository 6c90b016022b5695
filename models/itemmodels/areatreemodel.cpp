#include "models/itemmodels/areatreemodel.h"

#include <algorithm>

namespace gridhall {

AreaTreeModel::AreaTreeModel(QObject* parent)
    : QAbstractItemModel(parent)
{
}

AreaTreeModel::~AreaTreeModel() = default;

void AreaTreeModel::setAreas(const Input& input)
{
    setTree(buildTree(input));
}

void AreaTreeModel::setTree(Tree tree)
{
    beginResetModel();
    m_nodes = std::move(tree.nodes);
    m_roots = std::move(tree.roots);
    m_byCode = std::move(tree.byCode);
    endResetModel();
}

AreaTreeModel::Tree AreaTreeModel::buildTree(const Input& input)
{
    Tree tree;
    std::vector<Node>& nodes = tree.nodes;
    nodes.reserve(size_t(input.districts.size() + input.streets.size() + input.communities.size() + input.grids.size()));
    tree.byCode.reserve(qsizetype(nodes.capacity()));
    auto add = [&tree, &nodes](const QString& code, const QString& name, AreaLevel level, const QString& parentCode) {
        const int id = int(nodes.size());
        Node node;
        node.code = code;
        node.name = name.isEmpty() ? code : name;
        node.level = level;
        const auto parentIt = tree.byCode.constFind(parentCode);
        if (parentIt != tree.byCode.cend()) {
            node.parent = *parentIt;
            node.row = int(nodes[*parentIt].children.size());
            nodes[*parentIt].children.push_back(id);
        } else {
            // An orphan (its parent is missing) still shows, at the top, rather than vanishing.
            node.row = int(tree.roots.size());
            tree.roots.push_back(id);
        }
        nodes.push_back(std::move(node));
        tree.byCode.insert(code, id);
        return id;
    };

    for (const District& d : input.districts)
        add(d.code, d.name, AreaLevel::District, {});
    for (const Street& s : input.streets)
        add(s.code, s.name, AreaLevel::Street, s.districtCode);
    for (const Community& c : input.communities)
        add(c.code, c.name, AreaLevel::Community, c.streetCode);
    for (const GridCell& g : input.grids) {
        const int id = add(g.code, g.name, AreaLevel::Grid, g.communityCode);
        nodes[id].grids = 1;
        nodes[id].workers = input.workersByGrid.value(g.code);
        nodes[id].openCases = input.openCasesByGrid.value(g.code);
    }
    rollUp(nodes);
    return tree;
}

void AreaTreeModel::rollUp(std::vector<Node>& nodes)
{
    // Children always come after their parents, so one backward pass sums every level.
    for (Node& n : nodes)
        if (n.level != AreaLevel::Grid)
            n.grids = n.workers = n.openCases = 0;
    for (int i = int(nodes.size()) - 1; i >= 0; --i) {
        const Node& n = nodes[i];
        if (n.parent >= 0) {
            Node& p = nodes[n.parent];
            p.grids += n.grids;
            p.workers += n.workers;
            p.openCases += n.openCases;
        }
    }
}

void AreaTreeModel::setOpenCases(const QHash<QString, int>& openCasesByGrid)
{
    for (Node& n : m_nodes)
        if (n.level == AreaLevel::Grid)
            n.openCases = openCasesByGrid.value(n.code);
    rollUp(m_nodes);
    // Every row's count may have changed; tell the views column by column per parent.
    std::vector<int> parents { -1 };
    for (int i = 0; i < int(m_nodes.size()); ++i)
        if (!m_nodes[i].children.empty())
            parents.push_back(i);
    for (int p : parents) {
        const int rows = p < 0 ? int(m_roots.size()) : int(m_nodes[p].children.size());
        if (rows == 0)
            continue;
        const QModelIndex parentIndex = p < 0 ? QModelIndex() : indexOfNode(p, 0);
        emit dataChanged(index(0, OpenCasesColumn, parentIndex),
            index(rows - 1, OpenCasesColumn, parentIndex), { Qt::DisplayRole });
    }
}

void AreaTreeModel::setOpenCases(const QString& gridCode, int openCases)
{
    const auto it = m_byCode.constFind(gridCode);
    if (it == m_byCode.cend() || m_nodes[*it].level != AreaLevel::Grid)
        return;
    const int delta = openCases - m_nodes[*it].openCases;
    if (delta == 0)
        return;
    for (int n = *it; n >= 0; n = m_nodes[n].parent) {
        m_nodes[n].openCases += delta;
        const QModelIndex changed = indexOfNode(n, OpenCasesColumn);
        emit dataChanged(changed, changed, { Qt::DisplayRole });
    }
}

QModelIndex AreaTreeModel::indexOfNode(int node, int column) const
{
    return createIndex(m_nodes[node].row, column, quintptr(node));
}

int AreaTreeModel::longestCodeLength() const
{
    qsizetype longest = 0;
    for (const Node& n : m_nodes)
        longest = std::max(longest, n.code.size());
    return int(longest);
}

QModelIndex AreaTreeModel::indexForCode(const QString& code) const
{
    const auto it = m_byCode.constFind(code);
    return it == m_byCode.cend() ? QModelIndex() : indexOfNode(*it, 0);
}

QModelIndex AreaTreeModel::index(int row, int column, const QModelIndex& parent) const
{
    if (column < 0 || column >= ColumnCount || row < 0)
        return {};
    const std::vector<int>& siblings
        = parent.isValid() ? m_nodes[parent.internalId()].children : m_roots;
    if (parent.isValid() && parent.column() != 0)
        return {};
    if (row >= int(siblings.size()))
        return {};
    return createIndex(row, column, quintptr(siblings[row]));
}

QModelIndex AreaTreeModel::parent(const QModelIndex& child) const
{
    if (!child.isValid())
        return {};
    const int p = m_nodes[child.internalId()].parent;
    return p < 0 ? QModelIndex() : indexOfNode(p, 0);
}

int AreaTreeModel::rowCount(const QModelIndex& parent) const
{
    if (!parent.isValid())
        return int(m_roots.size());
    if (parent.column() != 0)
        return 0;
    return int(m_nodes[parent.internalId()].children.size());
}

int AreaTreeModel::columnCount(const QModelIndex&) const
{
    return ColumnCount;
}

QVariant AreaTreeModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid())
        return {};
    const Node& n = m_nodes[index.internalId()];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn: return n.name;
        case CodeColumn: return n.code;
        case GridsColumn: return n.grids;
        case WorkersColumn: return n.workers;
        case OpenCasesColumn: return n.openCases;
        }
        break;
    case Qt::TextAlignmentRole:
        if (index.column() >= GridsColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case CodeRole: return n.code;
    case LevelRole: return int(n.level);
    }
    return {};
}

QVariant AreaTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn: return tr("Area");
    case CodeColumn: return tr("Code");
    case GridsColumn: return tr("Grid cells");
    case WorkersColumn: return tr("Workers");
    case OpenCasesColumn: return tr("Open cases");
    }
    return {};
}

} // namespace gridhall
