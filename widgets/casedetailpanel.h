#pragma once
// The case in hand: what, where, who reported it, who holds it, the photos from the field
// and desks' camera stills (thumbnails; a click or Enter asks for the full photo), the
// cameras within 300 m (a click or Enter opens the live view), the SLA of every step, the
// timeline of events (who, when, what, note), the operator notes among them and the related
// cases of the same grid in the last 30 days. Fed a CaseDetail (read on the store thread by
// CaseDetailLoader); it never reads the store itself.

#include "models/itemmodels/casedetail.h"

#include <QWidget>

class QLabel;
class QListWidget;
class QTableView;
class QTreeWidget;

namespace gridhall {

class CaseDetailPanel : public QWidget {
    Q_OBJECT
public:
    explicit CaseDetailPanel(QWidget* parent = nullptr);

    void setDetail(const CaseDetail& detail, const QDateTime& now = QDateTime::currentDateTimeUtc());
    // Related cases as (id, one line of text), newest first.
    void setRelated(const QList<QPair<qint64, QString>>& related);
    void clear();
    const CaseDetail& detail() const { return m_detail; }

    CaseEventsModel* eventsModel() const { return m_events; }
    QTreeWidget* slaTree() const { return m_sla; }
    QListWidget* relatedList() const { return m_related; }
    QListWidget* photoList() const { return m_photos; }
    QListWidget* cameraList() const { return m_cameras; }

signals:
    void relatedCaseActivated(qint64 caseId);
    void showOnMapRequested(gridhall::LonLat position);
    // The operator wants photo `index` of detail().photos full size.
    void photoOpenRequested(int index);
    // The operator wants the live view of camera `index` of detail().cameras.
    void cameraOpenRequested(int index);

protected:
    void changeEvent(QEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void retranslate();
    void fill();
    void fillPhotos();
    void fillCameras();
    void fitCameraList();

    CaseDetail m_detail;
    QDateTime m_now;
    QLabel* m_title = nullptr;
    QLabel* m_facts = nullptr;
    QLabel* m_photosLabel = nullptr;
    QListWidget* m_photos = nullptr;
    QLabel* m_camerasLabel = nullptr;
    QListWidget* m_cameras = nullptr;
    QLabel* m_slaLabel = nullptr;
    QTreeWidget* m_sla = nullptr;
    QLabel* m_timelineLabel = nullptr;
    QTableView* m_timeline = nullptr;
    CaseEventsModel* m_events = nullptr;
    QLabel* m_notesLabel = nullptr;
    QLabel* m_notes = nullptr;
    QLabel* m_relatedLabel = nullptr;
    QListWidget* m_related = nullptr;
};

} // namespace gridhall
