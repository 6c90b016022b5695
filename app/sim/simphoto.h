#pragma once
// The photo a simulated handheld attaches to a feedback: a small street scene drawn with
// the case code and the time stamped in the corner, as field workers' camera apps do.
// Drawn without fonts (the simulator runs without a GUI), encoded as JPEG.

#include <QByteArray>
#include <QDateTime>
#include <QImage>
#include <QString>

namespace gridhall {

// A 640×480 scene varied by seed, with `stamp` (digits, '-', ':', '.', ' '; '\n' starts a
// line) written in the bottom-left corner.
QImage simPhotoImage(const QString& stamp, quint64 seed, int width = 640, int height = 480);
// The same as JPEG at the given quality (tens of KB at 70).
QByteArray simPhotoJpeg(const QString& stamp, quint64 seed, int quality = 70);

} // namespace gridhall
