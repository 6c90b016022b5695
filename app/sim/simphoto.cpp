#include "app/sim/simphoto.h"

#include <QBuffer>
#include <QImageWriter>
#include <QPainter>
#include <QPainterPath>
#include <QRandomGenerator>
#include <QStringList>

namespace gridhall {

namespace {
// 5×7 glyphs, one row per byte, the top row first, bit 4 the leftmost pixel. Enough for
// case codes and times; other characters are left blank.
const quint8* glyph(QChar c)
{
    static const quint8 digits[10][7] = {
        { 0x0e, 0x11, 0x13, 0x15, 0x19, 0x11, 0x0e },
        { 0x04, 0x0c, 0x04, 0x04, 0x04, 0x04, 0x0e },
        { 0x0e, 0x11, 0x01, 0x02, 0x04, 0x08, 0x1f },
        { 0x1f, 0x02, 0x04, 0x02, 0x01, 0x11, 0x0e },
        { 0x02, 0x06, 0x0a, 0x12, 0x1f, 0x02, 0x02 },
        { 0x1f, 0x10, 0x1e, 0x01, 0x01, 0x11, 0x0e },
        { 0x06, 0x08, 0x10, 0x1e, 0x11, 0x11, 0x0e },
        { 0x1f, 0x01, 0x02, 0x04, 0x08, 0x08, 0x08 },
        { 0x0e, 0x11, 0x11, 0x0e, 0x11, 0x11, 0x0e },
        { 0x0e, 0x11, 0x11, 0x0f, 0x01, 0x02, 0x0c },
    };
    static const quint8 dash[7] = { 0, 0, 0, 0x1f, 0, 0, 0 };
    static const quint8 colon[7] = { 0, 0x0c, 0x0c, 0, 0x0c, 0x0c, 0 };
    static const quint8 dot[7] = { 0, 0, 0, 0, 0, 0x0c, 0x0c };
    if (c.isDigit() && c.unicode() < 128)
        return digits[c.unicode() - '0'];
    if (c == QLatin1Char('-'))
        return dash;
    if (c == QLatin1Char(':'))
        return colon;
    if (c == QLatin1Char('.'))
        return dot;
    return nullptr;
}

// Lines of text from the bottom-left corner up, each on a dark band that keeps it legible
// on any scene.
void drawStamp(QPainter& p, const QString& text, QPoint bottomLeft, int pixel)
{
    const int advance = 6 * pixel, lineHeight = 10 * pixel;
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (qsizetype l = 0; l < lines.size(); ++l) {
        const QString& line = lines[l];
        const QPoint at(
            bottomLeft.x(), bottomLeft.y() - int(lines.size() - l) * lineHeight + 2 * pixel);
        p.fillRect(
            QRect(at.x() - pixel, at.y() - pixel, int(line.size()) * advance + pixel, 9 * pixel),
            QColor(0, 0, 0, 150));
        for (qsizetype i = 0; i < line.size(); ++i) {
            const quint8* rows = glyph(line[i]);
            if (!rows)
                continue;
            for (int y = 0; y < 7; ++y)
                for (int x = 0; x < 5; ++x)
                    if (rows[y] & (0x10 >> x))
                        p.fillRect(at.x() + int(i) * advance + x * pixel, at.y() + y * pixel, pixel,
                            pixel, QColor(255, 214, 0));
        }
    }
}
} // namespace

QImage simPhotoImage(const QString& stamp, quint64 seed, int width, int height)
{
    QRandomGenerator random(seed);
    QImage image(width, height, QImage::Format_RGB32);
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    const int horizon = height * (45 + int(random.bounded(15))) / 100;
    QLinearGradient sky(0, 0, 0, horizon);
    sky.setColorAt(0, QColor(120 + int(random.bounded(40)), 170, 225));
    sky.setColorAt(1, QColor(215, 230, 240));
    p.fillRect(0, 0, width, horizon, sky);
    // Buildings along the street.
    for (int x = -20; x < width;) {
        const int w = 60 + int(random.bounded(90));
        const int h = horizon / 3 + int(random.bounded(quint32(horizon * 2 / 3)));
        const int shade = 120 + int(random.bounded(100));
        p.fillRect(x, horizon - h, w - 6, h, QColor(shade, shade - 10, shade - 25));
        for (int wy = horizon - h + 10; wy < horizon - 16; wy += 22)
            for (int wx = x + 8; wx < x + w - 18; wx += 18)
                p.fillRect(wx, wy, 9, 12, QColor(70, 90, 110));
        x += w;
    }
    // The pavement and the road, in perspective.
    p.fillRect(0, horizon, width, height - horizon, QColor(150, 150, 145));
    QPainterPath road;
    road.moveTo(width * 0.42, horizon);
    road.lineTo(width * 0.58, horizon);
    road.lineTo(width * 0.95, height);
    road.lineTo(width * 0.05, height);
    road.closeSubpath();
    p.fillPath(road, QColor(70, 70, 72));
    // The thing the case is about: a pile, a stall or a pothole in the foreground.
    const QColor things[]
        = { QColor(180, 60, 40), QColor(60, 140, 70), QColor(200, 160, 40), QColor(90, 60, 40) };
    p.setBrush(things[random.bounded(4)]);
    p.setPen(Qt::NoPen);
    const int cx = width / 4 + int(random.bounded(quint32(width / 2)));
    // Above the stamp, on the near part of the pavement.
    const int cy = horizon + (height - horizon) * 3 / 10
        + int(random.bounded(quint32((height - horizon) / 4)));
    p.drawEllipse(QPoint(cx, cy), 40 + int(random.bounded(60)), 20 + int(random.bounded(30)));
    drawStamp(p, stamp, QPoint(12, height - 8), 3);
    return image;
}

QByteArray simPhotoJpeg(const QString& stamp, quint64 seed, int quality)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QImageWriter writer(&buffer, "jpeg");
    writer.setQuality(quality);
    return writer.write(simPhotoImage(stamp, seed)) ? bytes : QByteArray();
}

} // namespace gridhall
