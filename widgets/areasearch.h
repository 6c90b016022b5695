#pragma once
// A search box over streets, communities and grid cells: completes by name or by code
// (any part of either) and emits the chosen area's code. Enter picks an exact code or
// name first, then the first match in the list.

#include "models/domain/area.h"

#include <QLineEdit>

class QCompleter;

namespace gridhall {

class AreaSearch : public QLineEdit {
    Q_OBJECT
public:
    explicit AreaSearch(QWidget* parent = nullptr);
    ~AreaSearch() override;

    void setAreas(const QList<Street>& streets, const QList<Community>& communities,
        const QList<GridCell>& grids);
    int areaCount() const;
    // Codes of the areas text matches, in list order (streets, communities, grids).
    QStringList matches(const QString& text) const;
    // The code Enter would choose for text, or "".
    QString bestMatch(const QString& text) const;
    QCompleter* areaCompleter() const { return m_completer; }

signals:
    void areaChosen(const QString& code);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void choose(const QString& code);
    void onReturnPressed();

    struct Area {
        QString code;
        QString name;
        AreaLevel level;
    };
    class Model;
    Model* m_model = nullptr;
    QCompleter* m_completer = nullptr;
    bool m_choosing = false;
    QString m_lastChosen;
};

} // namespace gridhall
