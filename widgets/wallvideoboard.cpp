#include "widgets/wallvideoboard.h"

#include "widgets/walllayout.h"

#include <QCoreApplication>
#include <QGridLayout>
#include <QPaintEvent>
#include <QPainter>
#include <QRegularExpression>

#include <algorithm>
#include <limits>

namespace gridhall {

namespace {

// JSON numbers arrive as doubles or, when whole, as 64-bit integers.
bool isNumber(const QVariant& v)
{
    const int type = v.typeId();
    return type == QMetaType::Double || type == QMetaType::LongLong || type == QMetaType::Int;
}

QString streamOf(const Camera& camera)
{
    return camera.subUrl.isEmpty() ? camera.mainUrl : camera.subUrl;
}

} // namespace

bool VideoWallOptions::parse(const QVariantMap& options, VideoWallOptions* out, QString* error)
{
    VideoWallOptions o;
    for (auto it = options.cbegin(); it != options.cend(); ++it) {
        const QString& key = it.key();
        const QVariant& value = it.value();
        if (key == QLatin1String("tiles")) {
            static const QRegularExpression grid(QStringLiteral("^\\s*(\\d+)\\s*[x×*]\\s*(\\d+)\\s*$"));
            const QRegularExpressionMatch m = grid.match(value.toString());
            bool whole = false;
            const double n = value.toDouble(&whole);
            if (isNumber(value) && whole && n == int(n)) {
                o.columns = o.rows = int(n);
            } else if (value.typeId() == QMetaType::QString && m.hasMatch()) {
                o.columns = m.captured(1).toInt();
                o.rows = m.captured(2).toInt();
            } else {
                o.columns = 0;
            }
            if (o.columns < 1 || o.rows < 1 || o.columns > kMaxTiles || o.rows > kMaxTiles) {
                *error = QCoreApplication::translate("WallVideo",
                    "\"tiles\" must be columns × rows from 1x1 to %1x%1, e.g. \"3x3\", not %2")
                             .arg(kMaxTiles)
                             .arg(value.toString().isEmpty() ? QStringLiteral("\"\"") : value.toString());
                return false;
            }
        } else if (key == QLatin1String("area")) {
            if (value.typeId() != QMetaType::QString || value.toString().trimmed().isEmpty()) {
                *error = QCoreApplication::translate("WallVideo",
                    "\"area\" must name a street, by its code or its name");
                return false;
            }
            o.area = value.toString().trimmed();
        } else if (key == QLatin1String("cycle")) {
            const double seconds = value.toDouble();
            if (!isNumber(value) || seconds != int(seconds) || seconds < kMinCycleSeconds
                || seconds > kMaxCycleSeconds) {
                *error = QCoreApplication::translate("WallVideo",
                    "\"cycle\" must be whole seconds from %1 to %2 (how long each tile shows a camera)")
                             .arg(kMinCycleSeconds)
                             .arg(kMaxCycleSeconds);
                return false;
            }
            o.cycleSeconds = int(seconds);
        } else {
            *error = QCoreApplication::translate("WallVideo",
                "unknown option \"%1\" for a video view (known: tiles, area, cycle)")
                         .arg(key);
            return false;
        }
    }
    *out = o;
    return true;
}

WallVideoTile::WallVideoTile(QWidget* parent)
    : CameraView(parent)
{
    setMinimumSize(64, 48);
    setStallTimeout(5000);
}

void WallVideoTile::showCamera(const Camera& camera)
{
    if (camera.code == m_camera.code && streamOf(camera) == streamOf(m_camera) && state() != State::Idle)
        return;
    m_camera = camera;
    if (camera.code.isEmpty()) {
        showMessage(QString());
        return;
    }
    if (!isVisible()) {
        stop(); // not on screen: the board resumes it when it is
        return;
    }
    const QString title = camera.name.isEmpty() ? camera.code : camera.name;
    if (streamOf(camera).isEmpty())
        showMessage(tr("%1: no stream for this wall's account.").arg(title));
    else
        play(QUrl(streamOf(camera)), title);
}

QString WallVideoTile::label() const
{
    if (m_camera.code.isEmpty())
        return {};
    if (m_camera.name.isEmpty() || m_camera.name == m_camera.code)
        return m_camera.code;
    return QStringLiteral("%1  %2").arg(m_camera.name, m_camera.code);
}

void WallVideoTile::setLabelPixels(int pixels)
{
    m_labelPx = qMax(10, pixels);
    setReservedBottom(m_labelPx * 3 / 2); // the name's band, under the picture
    QFont f = font();
    f.setPixelSize(qMax(10, pixels * 3 / 4)); // CameraView's words over the picture
    setFont(f);
    update();
}

void WallVideoTile::paintEvent(QPaintEvent* event)
{
    CameraView::paintEvent(event);
    if (m_camera.code.isEmpty())
        return;
    // Name and code on a dark band under the picture, white, to read from across the hall:
    // the code whole at the right, the name in bold before it, shortened if it must be.
    // A new picture repaints only the picture (CameraView), not the band.
    const QRect bar = rect().adjusted(0, pictureArea().height(), 0, 0);
    if (!event->rect().intersects(bar))
        return;
    QPainter p(this);
    p.fillRect(bar, QColor(0x10, 0x16, 0x1e));
    const QRect text = bar.adjusted(m_labelPx / 2, 0, -m_labelPx / 2, 0);
    QFont codeFont = font();
    codeFont.setPixelSize(m_labelPx * 4 / 5);
    p.setFont(codeFont);
    p.setPen(QColor(0xc9, 0xd6, 0xe3));
    const bool named = !m_camera.name.isEmpty() && m_camera.name != m_camera.code;
    const int codeWidth = p.fontMetrics().horizontalAdvance(m_camera.code);
    p.drawText(text, Qt::AlignVCenter | (named ? Qt::AlignRight : Qt::AlignLeft), m_camera.code);
    if (!named)
        return;
    QFont nameFont = font();
    nameFont.setPixelSize(m_labelPx);
    nameFont.setBold(true);
    p.setFont(nameFont);
    p.setPen(Qt::white);
    const int room = text.width() - codeWidth - m_labelPx / 2;
    p.drawText(text, Qt::AlignVCenter | Qt::AlignLeft, p.fontMetrics().elidedText(m_camera.name, Qt::ElideRight, room));
}

WallVideoBoard::WallVideoBoard(QWidget* parent)
    : QWidget(parent)
    , m_grid(new QGridLayout(this))
{
    setObjectName(QStringLiteral("wallVideo"));
    setAttribute(Qt::WA_OpaquePaintEvent);
    m_grid->setContentsMargins(0, 0, 0, 0);
    m_grid->setSpacing(4);
    connect(&m_cycle, &QTimer::timeout, this, &WallVideoBoard::cycleOnce);
    setGrid(2, 2);
}

WallVideoBoard::~WallVideoBoard() = default;

void WallVideoBoard::setGrid(int columns, int rows)
{
    columns = qBound(1, columns, VideoWallOptions::kMaxTiles);
    rows = qBound(1, rows, VideoWallOptions::kMaxTiles);
    if (m_grid->columnCount() == columns && m_grid->rowCount() == rows && m_tiles.size() == columns * rows)
        return;
    QList<Camera> shown;
    for (WallVideoTile* tile : std::as_const(m_tiles))
        shown.append(tile->camera());
    qDeleteAll(m_tiles);
    m_tiles.clear();
    // A fresh layout: QGridLayout keeps the row and column counts it once had.
    delete m_grid;
    m_grid = new QGridLayout(this);
    m_grid->setContentsMargins(0, 0, 0, 0);
    m_grid->setSpacing(4);
    for (int r = 0; r < rows; ++r) {
        for (int c = 0; c < columns; ++c) {
            auto* tile = new WallVideoTile(this);
            tile->setObjectName(QStringLiteral("wallVideoTile%1").arg(m_tiles.size()));
            tile->setLabelPixels(m_bodyPx);
            tile->setVisible(!m_cameras.isEmpty() || m_pinned);
            m_grid->addWidget(tile, r, c);
            m_tiles.append(tile);
        }
    }
    for (int i = 0; i < m_tiles.size() && i < shown.size(); ++i)
        m_tiles.at(i)->showCamera(shown.at(i));
    m_dueTile = 0;
    fillTiles();
    restartCycle();
}

void WallVideoBoard::setCameras(const QList<Camera>& cameras)
{
    m_cameras.clear();
    for (const Camera& c : cameras)
        if (!streamOf(c).isEmpty())
            m_cameras.append(c);
    if (m_next >= m_cameras.size())
        m_next = 0;
    for (WallVideoTile* tile : std::as_const(m_tiles))
        tile->setVisible(!m_cameras.isEmpty() || m_pinned);
    if (!m_pinned) {
        // Tiles whose camera left the list (or changed) take the next ones.
        for (WallVideoTile* tile : std::as_const(m_tiles)) {
            const int at = indexOf(tile->camera().code);
            if (at < 0)
                tile->showCamera({});
            else
                tile->showCamera(m_cameras.at(at));
        }
        fillTiles();
    }
    restartCycle();
    update();
}

void WallVideoBoard::setCycleSeconds(int seconds)
{
    m_cycleSeconds = qBound(VideoWallOptions::kMinCycleSeconds, seconds, VideoWallOptions::kMaxCycleSeconds);
    restartCycle();
}

void WallVideoBoard::showCameras(const QList<Camera>& cameras)
{
    if (!m_pinned) {
        m_beforePin.clear();
        for (WallVideoTile* tile : std::as_const(m_tiles))
            m_beforePin.append(tile->camera());
    }
    m_pinned = true;
    m_cycle.stop();
    for (int i = 0; i < m_tiles.size(); ++i) {
        m_tiles.at(i)->setVisible(true);
        m_tiles.at(i)->showCamera(i < cameras.size() ? cameras.at(i) : Camera());
    }
    update();
}

void WallVideoBoard::resumeCycling()
{
    if (!m_pinned)
        return;
    m_pinned = false;
    for (int i = 0; i < m_tiles.size(); ++i) {
        const Camera before = i < m_beforePin.size() ? m_beforePin.at(i) : Camera();
        const int at = indexOf(before.code);
        m_tiles.at(i)->setVisible(!m_cameras.isEmpty());
        m_tiles.at(i)->showCamera(at >= 0 ? m_cameras.at(at) : Camera());
    }
    m_beforePin.clear();
    fillTiles();
    restartCycle();
    update();
}

void WallVideoBoard::cycleOnce()
{
    if (m_pinned || m_tiles.isEmpty() || m_cameras.size() <= m_tiles.size())
        return; // all of them fit: nothing to cycle
    m_dueTile %= m_tiles.size();
    WallVideoTile* tile = m_tiles.at(m_dueTile);
    m_dueTile = (m_dueTile + 1) % m_tiles.size();
    // The next camera in the list that no other tile shows.
    for (int tried = 0; tried < m_cameras.size(); ++tried) {
        const Camera& candidate = m_cameras.at(m_next);
        m_next = (m_next + 1) % m_cameras.size();
        const bool elsewhere = std::any_of(m_tiles.cbegin(), m_tiles.cend(),
            [&](const WallVideoTile* t) { return t != tile && t->camera().code == candidate.code; });
        if (!elsewhere) {
            tile->showCamera(candidate);
            return;
        }
    }
}

void WallVideoBoard::fillTiles()
{
    if (m_pinned || m_cameras.isEmpty())
        return;
    for (WallVideoTile* tile : std::as_const(m_tiles)) {
        if (!tile->camera().code.isEmpty())
            continue;
        for (int tried = 0; tried < m_cameras.size(); ++tried) {
            const Camera& candidate = m_cameras.at(m_next);
            m_next = (m_next + 1) % m_cameras.size();
            const bool shown = std::any_of(m_tiles.cbegin(), m_tiles.cend(),
                [&](const WallVideoTile* t) { return t->camera().code == candidate.code; });
            if (!shown) {
                tile->showCamera(candidate);
                break;
            }
        }
    }
}

void WallVideoBoard::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    for (WallVideoTile* tile : std::as_const(m_tiles))
        tile->resume();
    restartCycle();
}

void WallVideoBoard::hideEvent(QHideEvent* event)
{
    QWidget::hideEvent(event);
    for (WallVideoTile* tile : std::as_const(m_tiles))
        tile->suspend();
    m_cycle.stop();
}

void WallVideoBoard::restartCycle()
{
    // Each tile moves on once a period, one tile at a time.
    const int tiles = qMax<int>(1, int(m_tiles.size()));
    m_cycle.setInterval(qMax(250, m_cycleSeconds * 1000 / tiles));
    if (m_pinned || m_cameras.size() <= m_tiles.size() || !isVisible())
        m_cycle.stop();
    else if (!m_cycle.isActive())
        m_cycle.start();
}

int WallVideoBoard::indexOf(const QString& code) const
{
    if (code.isEmpty())
        return -1;
    for (int i = 0; i < m_cameras.size(); ++i)
        if (m_cameras.at(i).code == code)
            return i;
    return -1;
}

void WallVideoBoard::setTypeSize(int bodyPixels)
{
    m_bodyPx = bodyPixels;
    for (WallVideoTile* tile : std::as_const(m_tiles))
        tile->setLabelPixels(bodyPixels);
    QFont f = font();
    f.setPixelSize(bodyPixels);
    setFont(f);
}

void WallVideoBoard::setEmptyText(const QString& text)
{
    m_emptyText = text;
    update();
}

qint64 WallVideoBoard::framesShown() const
{
    qint64 n = 0;
    for (const WallVideoTile* tile : m_tiles)
        n += tile->framesShown();
    return n;
}

void WallVideoBoard::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.fillRect(rect(), QColor(0x0b, 0x10, 0x16));
    if (m_cameras.isEmpty() && !m_pinned && !m_emptyText.isEmpty()) {
        p.setPen(QColor(0xc9, 0xd6, 0xe3));
        p.drawText(rect().adjusted(m_bodyPx, m_bodyPx, -m_bodyPx, -m_bodyPx), Qt::AlignCenter | Qt::TextWordWrap,
            m_emptyText);
    }
}

WallVideoView::WallVideoView(QWidget* parent)
    : m_board(new WallVideoBoard(parent))
{
}

WallVideoView::~WallVideoView() = default;

bool WallVideoView::checkOptions(const QVariantMap& options, QString* error)
{
    VideoWallOptions parsed;
    return VideoWallOptions::parse(options, &parsed, error);
}

void WallVideoView::setCameras(const QList<Camera>& cameras, const QList<Street>& streets)
{
    m_cameras = cameras;
    m_streets = streets;
    applyArea();
}

void WallVideoView::showEntry(const WallViewSpec& spec)
{
    QString error;
    VideoWallOptions options;
    if (!VideoWallOptions::parse(spec.options, &options, &error))
        options = VideoWallOptions(); // a checked layout never gets here
    m_options = options;
    m_board->setGrid(options.columns, options.rows);
    m_board->setCycleSeconds(options.cycleSeconds);
    applyArea();
}

QString WallVideoView::streetCode() const
{
    for (const Street& s : m_streets)
        if (s.code == m_options.area || s.name == m_options.area)
            return s.code;
    return m_options.area;
}

void WallVideoView::applyArea()
{
    const QString street = m_options.area.isEmpty() ? QString() : streetCode();
    QList<Camera> shown;
    for (const Camera& c : std::as_const(m_cameras))
        if (street.isEmpty() || c.streetCode == street)
            shown.append(c);
    m_board->setCameras(shown);
    const bool anyStream = std::any_of(shown.cbegin(), shown.cend(),
        [](const Camera& c) { return !c.subUrl.isEmpty() || !c.mainUrl.isEmpty(); });
    if (anyStream)
        m_board->setEmptyText({});
    else if (!shown.isEmpty())
        m_board->setEmptyText(QCoreApplication::translate("WallVideo",
            "This wall's account receives no stream addresses (they go to desk roles and leaders)."));
    else if (!street.isEmpty())
        m_board->setEmptyText(QCoreApplication::translate("WallVideo", "No cameras in %1.").arg(m_options.area));
    else
        m_board->setEmptyText(QCoreApplication::translate("WallVideo", "No cameras in this district."));
}

QString WallVideoView::caption() const
{
    if (m_alertId)
        return QCoreApplication::translate("WallVideo", "Cameras nearest the alert");
    if (m_options.area.isEmpty())
        return QCoreApplication::translate("WallVideo", "Cameras · whole district");
    QString name = m_options.area;
    for (const Street& s : m_streets)
        if (s.code == m_options.area)
            name = s.name;
    return QCoreApplication::translate("WallVideo", "Cameras · %1").arg(name);
}

void WallVideoView::showAlert(const WallAlert& alert)
{
    if (!alert.hasPosition)
        return;
    QList<Camera> playable;
    for (const Camera& c : std::as_const(m_cameras))
        if (!c.subUrl.isEmpty() || !c.mainUrl.isEmpty())
            playable.append(c);
    QList<Camera> nearest;
    for (const NearbyCamera& n : nearestCameras(playable, alert.position, std::numeric_limits<double>::infinity(), m_board->tiles().size()))
        nearest.append(n.camera);
    m_alertId = alert.id;
    m_board->showCameras(nearest);
}

void WallVideoView::alertCleared(qint64 id)
{
    if (id != m_alertId)
        return;
    m_alertId = 0;
    // Later in this turn of the event loop another alert may still be up and be shown:
    // cycling resumes only if none is.
    QTimer::singleShot(0, m_board, [this] {
        if (!m_alertId)
            m_board->resumeCycling();
    });
}

bool WallVideoView::isSettled() const
{
    for (const WallVideoTile* tile : m_board->tiles())
        if (!tile->camera().code.isEmpty() && tile->state() == CameraView::State::Connecting)
            return false;
    return true;
}

} // namespace gridhall
