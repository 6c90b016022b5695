#pragma once
// What the server does with a photo that arrives with a feedback: make sure it is an image
// of the type it claims, find its upright size and make the thumbnail that travels to the
// desks (docs/PROTOCOL.md § Photos). The full photo is kept as uploaded.

#include "app/server/serverstorage.h"
#include "models/sync/protocol.h"

#include <QImage>

namespace gridhall {

// Fills *out (facts, thumbnail, data) from one upload; false with bad_photo and a message
// naming the photo when it is not a readable image of its mime type or has too many pixels.
// receivedAt stands in for the time taken when the handheld gave none.
bool preparePhoto(const protocol::PhotoUpload& upload, int index, const QDateTime& receivedAt,
    NewPhoto* out, protocol::Problem* problem);

// A JPEG of the image with its longer side at most protocol::kThumbnailMaxSide pixels
// (never enlarged); transparent parts are laid on white.
QByteArray thumbnailJpeg(const QImage& image);

} // namespace gridhall
