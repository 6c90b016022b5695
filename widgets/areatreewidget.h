#pragma once
// The hierarchy panel: a search box over the district → street → community → grid tree.
// Typing filters by name or code (keeping the ancestors of matches); Enter or a double
// click asks to show the area.

#include <QWidget>

class QLineEdit;
class QTreeView;

namespace gridhall {

class AreaTreeModel;
class AreaFilterProxy;

class AreaTreeWidget : public QWidget {
    Q_OBJECT
public:
    explicit AreaTreeWidget(QWidget* parent = nullptr);
    void setModel(AreaTreeModel* model);
    QTreeView* view() const { return m_view; }
    QLineEdit* searchField() const { return m_search; }

signals:
    void areaActivated(const QString& code);

protected:
    void changeEvent(QEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void retranslate();
    void applyFilter(const QString& text);
    void fitColumns();
    void sizeColumns();
    int fixedWidth(int column) const;

    QLineEdit* m_search = nullptr;
    QTreeView* m_view = nullptr;
    AreaFilterProxy* m_proxy = nullptr;
    AreaTreeModel* m_model = nullptr;
};

} // namespace gridhall
