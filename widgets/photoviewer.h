#pragma once
// A case's photos from the field, full size, one at a time, fitted to the screen. The viewer
// does not fetch: it asks with photoWanted(id) and is answered with showPhoto or
// showFailure, so the app decides where photos come from (the local cache, the server).
// While a photo loads its thumbnail stands in, enlarged, with a line saying so; a failure
// says why in words. Esc closes; Left/Right (and the buttons) step through the photos.

#include "models/domain/casetypes.h"

#include <QDialog>
#include <QHash>
#include <QImage>
#include <QSet>
#include <QTimer>

class QLabel;
class QPushButton;

namespace gridhall {

class PhotoViewer : public QDialog {
    Q_OBJECT
public:
    explicit PhotoViewer(QWidget* parent = nullptr);

    // The photos of one case, starting at `current`; asks for it unless it is known.
    void setPhotos(const QString& caseCode, const QList<CasePhoto>& photos, int current);
    void showIndex(int index);
    int currentIndex() const { return m_current; }
    qint64 currentPhotoId() const;
    int photoCount() const { return int(m_photos.size()); }
    // Answers to photoWanted. Answers for another photo of the case are kept for later.
    void showPhoto(qint64 photoId, const QByteArray& data);
    void showFailure(qint64 photoId, const QString& reason);
    // How long to wait for an answer before saying that none came.
    void setAnswerTimeout(int ms) { m_timeout.setInterval(ms); }

    bool isLoading() const; // the current photo was asked for and not answered yet
    bool showsFullPhoto() const; // the current photo is shown full size, not its thumbnail
    QString statusText() const;
    QImage shownImage() const { return m_shown; }

signals:
    void photoWanted(qint64 photoId);

protected:
    void keyPressEvent(QKeyEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void render();
    void photoDecoded(qint64 photoId, const QImage& image);
    void retranslate();
    QSize fitSize() const; // the largest the photo can be shown on this screen

    QString m_caseCode;
    QList<CasePhoto> m_photos;
    int m_current = -1;
    QHash<qint64, QImage> m_full; // decoded at fitSize(), per photo id
    QHash<qint64, QString> m_failed; // photo id → why it could not be loaded
    QSet<qint64> m_asked; // asked for and not answered yet
    QImage m_shown;
    QLabel* m_image = nullptr;
    QLabel* m_caption = nullptr;
    QLabel* m_status = nullptr;
    QPushButton* m_previous = nullptr;
    QPushButton* m_next = nullptr;
    QTimer m_timeout;
};

} // namespace gridhall
