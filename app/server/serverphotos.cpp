#include "app/server/serverphotos.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QImageReader>
#include <QImageWriter>
#include <QPainter>

namespace gridhall {

using namespace protocol;

namespace {
constexpr int kThumbnailQuality = 70;

QByteArray formatFor(const QString& mime)
{
    return mime == QLatin1String("image/png") ? QByteArray("png") : QByteArray("jpeg");
}

bool refuse(Problem* problem, int index, const QString& what)
{
    if (problem)
        *problem = { err::BadPhoto,
            QCoreApplication::translate("SyncServer", "Photo %1: %2").arg(index + 1).arg(what) };
    return false;
}
} // namespace

QByteArray thumbnailJpeg(const QImage& image)
{
    if (image.isNull())
        return {};
    QImage scaled = image;
    if (std::max(image.width(), image.height()) > kThumbnailMaxSide)
        scaled = image.scaled(
            kThumbnailMaxSide, kThumbnailMaxSide, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    // JPEG has no alpha: what is transparent would come out black.
    QImage opaque(scaled.size(), QImage::Format_RGB32);
    opaque.fill(Qt::white);
    {
        QPainter painter(&opaque);
        painter.drawImage(0, 0, scaled);
    }
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QImageWriter writer(&buffer, "jpeg");
    writer.setQuality(kThumbnailQuality);
    writer.setOptimizedWrite(true);
    return writer.write(opaque) ? bytes : QByteArray();
}

bool preparePhoto(const PhotoUpload& upload, int index, const QDateTime& receivedAt, NewPhoto* out,
    Problem* problem)
{
    // Decoding relies on the server's raised QImageReader::allocationLimit() (SyncServer's
    // constructor): a 16-bit photo at the pixel limit takes 8 bytes a pixel.
    QByteArray data = upload.data;
    QBuffer buffer(&data);
    buffer.open(QIODevice::ReadOnly);
    // The declared type only: a PNG labelled image/jpeg is refused, not guessed at.
    QImageReader reader(&buffer, formatFor(upload.mime));
    reader.setDecideFormatFromContent(false);
    reader.setAutoTransform(true); // phones store portraits sideways with an EXIF turn
    if (!reader.canRead())
        return refuse(problem, index,
            QCoreApplication::translate("SyncServer", "the data is not an image of type %1")
                .arg(upload.mime));
    const QSize stored = reader.size();
    if (!stored.isValid() || stored.isEmpty())
        return refuse(problem, index,
            QCoreApplication::translate("SyncServer", "the image size cannot be read"));
    if (qint64(stored.width()) * stored.height() > kMaxPhotoPixels)
        return refuse(problem, index,
            QCoreApplication::translate("SyncServer", "%1 × %2 pixels is more than %3 megapixels")
                .arg(stored.width())
                .arg(stored.height())
                .arg(kMaxPhotoPixels / 1000000));
    // Decoding at thumbnail size reads the whole file (a JPEG decoder scales while it
    // decodes) without holding the full-size pixels.
    const QSize target = stored.scaled(kThumbnailMaxSide, kThumbnailMaxSide, Qt::KeepAspectRatio);
    if (target.width() < stored.width())
        reader.setScaledSize(target.expandedTo(QSize(1, 1)));
    const bool turned = reader.transformation().testFlag(QImageIOHandler::TransformationRotate90);
    const QImage image = reader.read();
    if (image.isNull())
        return refuse(problem, index,
            QCoreApplication::translate("SyncServer", "the image cannot be decoded (%1)")
                .arg(reader.errorString()));
    out->meta = {};
    out->meta.mime = upload.mime;
    out->meta.width = turned ? stored.height() : stored.width();
    out->meta.height = turned ? stored.width() : stored.height();
    out->meta.bytes = upload.data.size();
    out->meta.takenAt = upload.takenAt > 0 ? fromWireTime(upload.takenAt) : receivedAt;
    out->meta.thumbnail = thumbnailJpeg(image);
    if (out->meta.thumbnail.isEmpty())
        return refuse(problem, index,
            QCoreApplication::translate("SyncServer", "no thumbnail could be made"));
    out->data = upload.data;
    return true;
}

} // namespace gridhall
