#pragma once
// A camera's live view in a window of its own, opened from the map or from a case. Opened
// for a case, it offers "Save still to case" (button, Ctrl+S): the picture on screen is
// handed to whoever saves it (the desk turns it into an attach_photo action) and the window
// says in words what became of it. Esc closes it; it deletes itself when closed.

#include "models/domain/camera.h"

#include <QImage>
#include <QWidget>

class QLabel;
class QPushButton;

namespace gridhall {

class CameraView;

class CameraWindow : public QWidget {
    Q_OBJECT
public:
    // Starts the main stream, else the sub-stream; a camera without a stream for this user
    // says so instead.
    explicit CameraWindow(const Camera& camera, QWidget* parent = nullptr);

    // The case a still goes into (caseCode is what the button names); 0: none, no button.
    void setCase(qint64 caseId, const QString& caseCode);
    qint64 caseId() const { return m_caseId; }
    const Camera& camera() const { return m_camera; }
    CameraView* view() const { return m_view; }
    QPushButton* saveButton() const { return m_save; }
    // Words under the picture about the last still ("Saved …", or why not).
    void setStillStatus(const QString& text);
    QString stillStatus() const;

signals:
    // The operator asked to save this picture into caseId.
    void stillRequested(qint64 caseId, const QImage& frame, const gridhall::Camera& camera);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void updateSave();
    void requestStill();

    Camera m_camera;
    CameraView* m_view = nullptr;
    QPushButton* m_save = nullptr;
    QLabel* m_status = nullptr;
    qint64 m_caseId = 0;
    QString m_caseCode;
};

} // namespace gridhall
