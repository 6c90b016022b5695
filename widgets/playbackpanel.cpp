#include "widgets/playbackpanel.h"

#include "maps/workerslayer.h"

#include <QComboBox>
#include <QDateTime>
#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPainter>
#include <QSignalBlocker>
#include <QStyle>
#include <QStyleOptionSlider>
#include <QToolButton>

#include <algorithm>
#include <climits>

namespace gridhall {

PlaybackScrubber::PlaybackScrubber(QWidget* parent)
    : QSlider(Qt::Horizontal, parent)
{
    setObjectName(QStringLiteral("playbackScrubber"));
    setSingleStep(1);
    setPageStep(60);
    setMinimumHeight(28);
}

void PlaybackScrubber::setMarks(const QList<QPair<int, int>>& marks)
{
    m_marks = marks;
    update();
}

void PlaybackScrubber::paintEvent(QPaintEvent* event)
{
    QSlider::paintEvent(event);
    if (m_marks.isEmpty() || maximum() <= minimum())
        return;
    QStyleOptionSlider opt;
    initStyleOption(&opt);
    const QRect groove = style()->subControlRect(QStyle::CC_Slider, &opt, QStyle::SC_SliderGroove, this);
    const int handle = style()->pixelMetric(QStyle::PM_SliderLength, &opt, this);
    const int span = std::max(1, groove.width() - handle);
    auto xOf = [&](int value) {
        return groove.left() + handle / 2
            + QStyle::sliderPositionFromValue(minimum(), maximum(), value, span, opt.upsideDown);
    };
    QPainter p(this);
    const QColor colour(0xe9, 0x71, 0x32);
    const int y = std::min(height() - 5, groove.bottom() + 2);
    for (const auto& [first, last] : m_marks) {
        const int x0 = xOf(first);
        const int x1 = std::max(x0 + 3, xOf(last));
        p.fillRect(QRect(x0, y, x1 - x0, 4), colour);
    }
}

PlaybackPanel::PlaybackPanel(QWidget* parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("playbackPanel"));
    m_timer.setInterval(100);
    connect(&m_timer, &QTimer::timeout, this, &PlaybackPanel::step);

    m_play = new QToolButton(this);
    m_play->setObjectName(QStringLiteral("playButton"));
    m_play->setCheckable(true);
    m_play->setFocusPolicy(Qt::StrongFocus);
    connect(m_play, &QToolButton::clicked, this, &PlaybackPanel::togglePlay);

    m_speedLabel = new QLabel(this);
    m_speedLabel->setObjectName(QStringLiteral("speedLabel"));
    m_speedBox = new QComboBox(this);
    m_speedBox->setObjectName(QStringLiteral("speedBox"));
    for (int s : kSpeeds)
        m_speedBox->addItem(QString(), s);
    m_speedLabel->setBuddy(m_speedBox);
    connect(m_speedBox, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (!m_updating && index >= 0)
            setSpeed(m_speedBox->itemData(index).toInt());
    });

    m_scrubber = new PlaybackScrubber(this);
    connect(m_scrubber, &QSlider::valueChanged, this, [this](int value) {
        if (!m_updating)
            setCurrentTime(m_from + qint64(value) * 1000);
    });

    m_time = new QLabel(this);
    m_time->setObjectName(QStringLiteral("playbackTime"));
    m_distanceLabel = new QLabel(this);
    m_distanceLabel->setObjectName(QStringLiteral("playbackDistance"));
    m_gridsLabel = new QLabel(this);
    m_gridsLabel->setObjectName(QStringLiteral("playbackGrids"));

    auto* layout = new QGridLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    auto* controls = new QHBoxLayout;
    controls->addWidget(m_play);
    controls->addWidget(m_speedLabel);
    controls->addWidget(m_speedBox);
    controls->addWidget(m_time, 1);
    layout->addLayout(controls, 0, 0, 1, 2);
    layout->addWidget(m_scrubber, 1, 0, 1, 2);
    layout->addWidget(m_distanceLabel, 2, 0);
    layout->addWidget(m_gridsLabel, 2, 1);
    setFocusProxy(m_play);
    retranslate();
    recompute();
}

PlaybackPanel::~PlaybackPanel() = default;

void PlaybackPanel::setTracks(const QList<PlaybackTrack>& tracks)
{
    pause();
    m_tracks = tracks;
    m_shownMs = LLONG_MIN; // the layer shows other tracks
    qint64 from = LLONG_MAX;
    qint64 to = LLONG_MIN;
    for (const PlaybackTrack& t : std::as_const(m_tracks)) {
        if (t.track.isEmpty())
            continue;
        from = std::min(from, t.track.startMs());
        to = std::max(to, t.track.endMs());
    }
    if (from > to)
        from = to = 0;
    m_from = from;
    m_to = to;
    m_now = from;
    recompute();
    setCurrentTime(from);
}

bool PlaybackPanel::appendFixes(const QList<PlaybackTrack>& more)
{
    auto endOfTracks = [this] {
        qint64 end = LLONG_MIN;
        for (const PlaybackTrack& t : std::as_const(m_tracks))
            if (!t.track.isEmpty())
                end = std::max(end, t.track.endMs());
        return end;
    };
    const qint64 endBefore = endOfTracks();
    bool added = false;
    for (const PlaybackTrack& m : more) {
        if (m.track.isEmpty())
            continue;
        auto it = std::find_if(m_tracks.begin(), m_tracks.end(), [&m](const PlaybackTrack& t) { return t.code == m.code; });
        if (it == m_tracks.end()) {
            m_tracks.append(m);
            added = true;
            continue;
        }
        const qsizetype before = it->track.size();
        it->track = TrackPlayback(it->track.fixes() + m.track.fixes()); // sorted, repeats dropped
        added = added || it->track.size() > before;
    }
    if (!added)
        return false;
    if (m_to >= endBefore)
        m_to = std::max(m_to, endOfTracks());
    recompute();
    return true;
}

bool PlaybackPanel::setPeriod(qint64 fromMs, qint64 toMs)
{
    // The scrubber counts seconds in an int.
    if (toMs <= fromMs || (toMs - fromMs) / 1000 > INT_MAX)
        return false;
    m_from = fromMs;
    m_to = toMs;
    recompute();
    setCurrentTime(std::clamp(m_now, m_from, m_to));
    return true;
}

void PlaybackPanel::setGridLookup(GridLookup lookup)
{
    m_gridAt = std::move(lookup);
    recompute();
}

void PlaybackPanel::setStopMinutes(int minutes)
{
    m_stopMinutes = std::max(1, minutes);
    recompute();
}

bool PlaybackPanel::setSpeed(int speed)
{
    const int* found = std::find(std::begin(kSpeeds), std::end(kSpeeds), speed);
    if (found == std::end(kSpeeds))
        return false;
    m_speed = speed;
    m_updating = true;
    m_speedBox->setCurrentIndex(int(found - std::begin(kSpeeds)));
    m_updating = false;
    return true;
}

void PlaybackPanel::play()
{
    if (isPlaying() || m_to <= m_from)
        return;
    if (m_now >= m_to)
        setCurrentTime(m_from); // play again from the start
    m_timer.start();
    updateTimeUi();
    emit playingChanged(true);
}

void PlaybackPanel::pause()
{
    if (!isPlaying())
        return;
    m_timer.stop();
    updateTimeUi();
    emit playingChanged(false);
}

void PlaybackPanel::togglePlay()
{
    if (isPlaying())
        pause();
    else
        play();
    updateTimeUi();
}

void PlaybackPanel::setTickIntervalMs(int ms) { m_timer.setInterval(std::max(1, ms)); }

void PlaybackPanel::step()
{
    setCurrentTime(m_now + qint64(m_timer.interval()) * m_speed);
    if (m_now >= m_to && isPlaying()) {
        pause();
        emit finished();
    }
}

void PlaybackPanel::setCurrentTime(qint64 timeMs)
{
    const qint64 previous = m_now;
    m_now = std::clamp(timeMs, m_from, m_to);
    updateTimeUi();
    feedLayer(previous);
    emit positionsChanged(m_now, positionsAt(m_now));
}

PlaybackPanel::Positions PlaybackPanel::positionsAt(qint64 timeMs) const
{
    Positions out;
    for (const PlaybackTrack& t : m_tracks)
        if (const auto pos = t.track.positionAt(timeMs))
            out.append({ t.workerId, *pos });
    return out;
}

void PlaybackPanel::setWorkersLayer(WorkersLayer* layer)
{
    if (m_layer == layer)
        return;
    if (m_layer) // back to live time
        m_layer->setClock([] { return QDateTime::currentMSecsSinceEpoch(); });
    m_layer = layer;
    if (!m_layer)
        return;
    // Falls back to the wall clock if the panel goes away first.
    m_layer->setClock([panel = QPointer<PlaybackPanel>(this)] {
        return panel ? panel->m_now : QDateTime::currentMSecsSinceEpoch();
    });
    m_layer->clear();
    m_shownMs = LLONG_MIN;
    feedLayer(m_now);
}

void PlaybackPanel::feedLayer(qint64 previousMs)
{
    if (!m_layer)
        return;
    // A step forward only adds the fixes passed since; any other jump redraws the trail
    // window up to now (the layer never moves a marker back in time).
    const qint64 window = qint64(m_layer->trailWindowSecs()) * 1000;
    const bool continues = m_shownMs == previousMs && m_now >= previousMs && m_now - previousMs <= window;
    qint64 from = previousMs + 1;
    if (!continues) {
        m_layer->clear();
        from = m_now - window;
    }
    QList<WorkerPosition> batch;
    for (const PlaybackTrack& t : std::as_const(m_tracks)) {
        const auto now = t.track.positionAt(m_now);
        if (!now)
            continue;
        for (const TrackFix& f : t.track.fixesBetween(from, m_now))
            batch.append({ t.workerId, t.code, t.name, f.pos, f.timeMs, WorkerStatus::Patrolling });
        batch.append({ t.workerId, t.code, t.name, *now, m_now, WorkerStatus::Patrolling });
    }
    // Workers whose track has ended or not begun leave the map.
    for (const PlaybackTrack& t : std::as_const(m_tracks))
        if (!t.track.positionAt(m_now))
            m_layer->removeWorker(t.workerId);
    m_layer->updatePositions(batch);
    m_shownMs = m_now;
}

QString PlaybackPanel::distanceText() const
{
    const QLocale locale;
    return m_distance >= 1000 ? tr("Distance: %1 km").arg(locale.toString(m_distance / 1000, 'f', 2))
                              : tr("Distance: %1 m").arg(locale.toString(m_distance, 'f', 0));
}

QString PlaybackPanel::gridsText() const { return tr("Grids covered: %n", nullptr, int(m_grids.size())); }

void PlaybackPanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void PlaybackPanel::recompute()
{
    m_stops.clear();
    m_distance = 0;
    m_grids.clear();
    QList<QPair<int, int>> marks;
    const qint64 minStop = qint64(m_stopMinutes) * 60'000;
    for (const PlaybackTrack& t : std::as_const(m_tracks)) {
        if (t.track.isEmpty() || m_to <= m_from)
            continue;
        for (const TrackStop& s : t.track.stops(minStop)) {
            if (s.endMs < m_from || s.startMs > m_to)
                continue;
            m_stops.append({ t.workerId, s });
            marks.append({ sliderValue(s.startMs), sliderValue(s.endMs) });
        }
        m_distance += t.track.distanceMetres(m_from, m_to);
        if (m_gridAt) {
            // Only the part of the track inside the period, cut at its ends.
            QList<TrackFix> part;
            if (const auto p = t.track.positionAt(m_from))
                part.append({ *p, m_from });
            part += t.track.fixesBetween(m_from + 1, m_to);
            if (const auto p = t.track.positionAt(m_to))
                part.append({ *p, m_to });
            for (const QString& g : TrackPlayback(part).gridsCovered(m_gridAt))
                if (!m_grids.contains(g))
                    m_grids.append(g);
        }
    }
    m_updating = true;
    m_scrubber->setRange(0, sliderValue(m_to));
    m_scrubber->setMarks(marks);
    m_updating = false;
    m_distanceLabel->setText(distanceText());
    m_gridsLabel->setText(gridsText());
    m_gridsLabel->setToolTip(m_grids.join(QStringLiteral(", ")));
    updateTimeUi();
}

void PlaybackPanel::retranslate()
{
    m_speedLabel->setText(tr("&Speed"));
    m_speedBox->setAccessibleName(tr("Playback speed"));
    for (int i = 0; i < m_speedBox->count(); ++i)
        //: Playback speed multiplier, e.g. 8×.
        m_speedBox->setItemText(i, tr("%1×").arg(m_speedBox->itemData(i).toInt()));
    m_scrubber->setAccessibleName(tr("Playback time"));
    m_scrubber->setToolTip(tr("Drag to jump in time; marks show stops of %n minutes or longer", nullptr,
        m_stopMinutes));
    m_distanceLabel->setText(distanceText());
    m_gridsLabel->setText(gridsText());
    updateTimeUi();
}

void PlaybackPanel::updateTimeUi()
{
    m_updating = true;
    m_scrubber->setValue(sliderValue(m_now));
    m_updating = false;
    m_play->setChecked(isPlaying());
    m_play->setText(isPlaying() ? tr("Pause") : tr("Play"));
    m_play->setIcon(style()->standardIcon(isPlaying() ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
    m_play->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_play->setEnabled(m_to > m_from);
    m_time->setText(m_to > m_from
            ? QLocale().toString(QDateTime::fromMSecsSinceEpoch(m_now), QStringLiteral("yyyy-MM-dd HH:mm:ss"))
            : tr("No track in this period"));
}

int PlaybackPanel::sliderValue(qint64 timeMs) const
{
    return int(std::clamp<qint64>((timeMs - m_from) / 1000, 0, std::max<qint64>(0, (m_to - m_from) / 1000)));
}

} // namespace gridhall
