#include "widgets/casedetailpanel.h"

#include "models/domain/taxonomy.h"
#include "widgets/casequeuedelegates.h"

#include <QCoreApplication>
#include <QEvent>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLocale>
#include <QPainter>
#include <QListWidget>
#include <QScrollArea>
#include <QTableView>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <algorithm>

namespace gridhall {

namespace {
enum RelatedRole { RelatedIdRole = Qt::UserRole };
enum PhotoRole { PhotoIndexRole = Qt::UserRole };
enum CameraRole { CameraIndexRole = Qt::UserRole };
constexpr int kPhotoIconSide = 112;

// A thumbnail the replica could not decode still gets a place to click.
QPixmap missingThumbnail()
{
    QPixmap pixmap(kPhotoIconSide, kPhotoIconSide * 3 / 4);
    pixmap.fill(QColor(0xd0, 0xd0, 0xd0));
    QPainter p(&pixmap);
    p.setPen(QPen(QColor(0x90, 0x90, 0x90), 2));
    p.drawRect(pixmap.rect().adjusted(1, 1, -2, -2));
    p.drawLine(pixmap.rect().topLeft(), pixmap.rect().bottomRight());
    p.drawLine(pixmap.rect().bottomLeft(), pixmap.rect().topRight());
    return pixmap;
}

QString sourceName(CaseSource s)
{
    switch (s) {
    case CaseSource::FieldWorker: return QCoreApplication::translate("gridhall::CaseDetailPanel", "Field worker");
    case CaseSource::Hotline: return QCoreApplication::translate("gridhall::CaseDetailPanel", "Hotline");
    case CaseSource::Camera: return QCoreApplication::translate("gridhall::CaseDetailPanel", "Camera");
    case CaseSource::ResidentApp: return QCoreApplication::translate("gridhall::CaseDetailPanel", "Resident app");
    case CaseSource::Operator: return QCoreApplication::translate("gridhall::CaseDetailPanel", "Operator");
    }
    return {};
}

QString minutesText(int minutes)
{
    if (minutes >= 24 * 60)
        return QCoreApplication::translate("gridhall::CaseDetailPanel", "%1 d %2 h").arg(minutes / 1440).arg((minutes % 1440) / 60);
    if (minutes >= 60)
        return QCoreApplication::translate("gridhall::CaseDetailPanel", "%1 h %2 min").arg(minutes / 60).arg(minutes % 60);
    return QCoreApplication::translate("gridhall::CaseDetailPanel", "%1 min").arg(minutes);
}
} // namespace

CaseDetailPanel::CaseDetailPanel(QWidget* parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_facts(new QLabel(this))
    , m_photosLabel(new QLabel(this))
    , m_photos(new QListWidget(this))
    , m_camerasLabel(new QLabel(this))
    , m_cameras(new QListWidget(this))
    , m_slaLabel(new QLabel(this))
    , m_sla(new QTreeWidget(this))
    , m_timelineLabel(new QLabel(this))
    , m_timeline(new QTableView(this))
    , m_events(new CaseEventsModel(this))
    , m_notesLabel(new QLabel(this))
    , m_notes(new QLabel(this))
    , m_relatedLabel(new QLabel(this))
    , m_related(new QListWidget(this))
{
    setObjectName(QStringLiteral("caseDetailPanel"));
    QFont big = font();
    big.setPointSizeF(big.pointSizeF() * 1.25);
    big.setBold(true);
    m_title->setFont(big);
    m_title->setWordWrap(true);
    m_facts->setWordWrap(true);
    m_facts->setTextFormat(Qt::RichText);
    m_facts->setTextInteractionFlags(Qt::TextBrowserInteraction);
    connect(m_facts, &QLabel::linkActivated, this, [this] {
        if (m_detail.found)
            emit showOnMapRequested(m_detail.item.location);
    });
    m_photos->setObjectName(QStringLiteral("casePhotos"));
    m_photos->setViewMode(QListView::IconMode);
    m_photos->setFlow(QListView::LeftToRight);
    m_photos->setWrapping(false); // one strip that scrolls sideways
    m_photos->setMovement(QListView::Static);
    m_photos->setIconSize(QSize(kPhotoIconSide, kPhotoIconSide));
    m_photos->setSpacing(4);
    m_photos->setUniformItemSizes(true);
    m_photos->setFixedHeight(kPhotoIconSide + 3 * fontMetrics().height());
    m_photos->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    m_photos->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_photos->installEventFilter(this);
    connect(m_photos, &QListWidget::itemClicked, this, [this](QListWidgetItem* item) {
        emit photoOpenRequested(item->data(PhotoIndexRole).toInt());
    });
    m_cameras->setObjectName(QStringLiteral("caseCameras"));
    m_cameras->installEventFilter(this);
    connect(m_cameras, &QListWidget::itemClicked, this, [this](QListWidgetItem* item) {
        if (item->flags() & Qt::ItemIsEnabled)
            emit cameraOpenRequested(item->data(CameraIndexRole).toInt());
    });
    m_sla->setColumnCount(4);
    m_sla->setRootIsDecorated(false);
    m_sla->setMaximumHeight(150);
    m_timeline->setModel(m_events);
    m_timeline->verticalHeader()->hide();
    m_timeline->horizontalHeader()->setStretchLastSection(true);
    m_timeline->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_timeline->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_timeline->setWordWrap(false);
    m_notes->setWordWrap(true);
    m_notes->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_related->setMaximumHeight(130);
    connect(m_related, &QListWidget::itemActivated, this, [this](QListWidgetItem* item) {
        emit relatedCaseActivated(item->data(RelatedIdRole).toLongLong());
    });
    for (QLabel* l : { m_photosLabel, m_camerasLabel, m_slaLabel, m_timelineLabel, m_notesLabel, m_relatedLabel }) {
        QFont f = l->font();
        f.setBold(true);
        l->setFont(f);
    }
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(m_title);
    layout->addWidget(m_facts);
    layout->addWidget(m_photosLabel);
    layout->addWidget(m_photos);
    layout->addWidget(m_camerasLabel);
    layout->addWidget(m_cameras);
    layout->addWidget(m_slaLabel);
    layout->addWidget(m_sla);
    layout->addWidget(m_timelineLabel);
    layout->addWidget(m_timeline, 1);
    layout->addWidget(m_notesLabel);
    layout->addWidget(m_notes);
    layout->addWidget(m_relatedLabel);
    layout->addWidget(m_related);
    retranslate();
    clear();
}

void CaseDetailPanel::clear()
{
    m_detail = {};
    fill();
}

void CaseDetailPanel::setDetail(const CaseDetail& detail, const QDateTime& now)
{
    m_detail = detail;
    m_now = now;
    fill();
}

void CaseDetailPanel::setRelated(const QList<QPair<qint64, QString>>& related)
{
    m_related->clear();
    for (const auto& [id, text] : related) {
        auto* item = new QListWidgetItem(text, m_related);
        item->setData(RelatedIdRole, id);
    }
    if (related.isEmpty()) {
        auto* none = new QListWidgetItem(tr("No other case in this grid in the last 30 days"), m_related);
        none->setFlags(Qt::NoItemFlags);
    }
}

void CaseDetailPanel::fill()
{
    const Case& c = m_detail.item;
    m_events->setEvents(m_detail.events);
    m_sla->clear();
    fillPhotos();
    fillCameras();
    if (!m_detail.found) {
        m_title->setText(c.id ? tr("Case %1 is not in the local store").arg(c.id) : tr("No case selected"));
        m_facts->clear();
        m_notes->clear();
        m_related->clear();
        return;
    }
    const CategoryItem* item = Taxonomy::builtIn().item(c.categoryCode);
    const QString category = item ? item->name() : c.categoryCode;
    m_title->setText(QStringLiteral("%1 · %2").arg(c.code, category));
    QString level;
    if (c.disputeLevel != DisputeLevel::None)
        level = QStringLiteral("<span style='background:%1;color:white;padding:0 4px'>&nbsp;%2&nbsp;</span> ")
                    .arg(queuecolours::dispute(c.disputeLevel).name(), disputeLevelDisplayName(c.disputeLevel).toHtmlEscaped());
    auto row = [](const QString& key, const QString& value) {
        return QStringLiteral("<tr><td style='color:gray;padding-right:8px'>%1</td><td>%2</td></tr>").arg(key, value);
    };
    QString html = QStringLiteral("<p>%1%2 · %3</p><table>")
                       .arg(level, caseStateDisplayName(c.state).toHtmlEscaped(), handlingLevelDisplayName(c.level).toHtmlEscaped());
    html += row(tr("Description"), c.description.toHtmlEscaped());
    html += row(tr("Address"), c.address.toHtmlEscaped() + QStringLiteral(" <a href='map'>%1</a>").arg(tr("show on map")));
    html += row(tr("Grid"), c.gridCode.toHtmlEscaped());
    html += row(tr("Reporter"), QStringLiteral("%1 (%2)").arg(c.reporter.toHtmlEscaped(), sourceName(c.source)));
    html += row(tr("Reported"), c.reportedAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")));
    if (!c.holder.isEmpty())
        html += row(tr("Holder"), c.holder.toHtmlEscaped());
    if (c.stepDeadline.isValid() && isOpen(c.state))
        html += row(tr("Step deadline"), c.stepDeadline.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")));
    if (c.reworkCount || c.extensionCount)
        html += row(tr("Rework / extensions"), QStringLiteral("%1 / %2").arg(c.reworkCount).arg(c.extensionCount));
    if (c.extensionPending)
        html += row(tr("Extension"), tr("%1 requested, waiting for approval").arg(minutesText(c.extensionMinutesRequested)));
    html += QStringLiteral("</table>");
    m_facts->setText(html);

    for (const StepSla& s : stepSlas(m_detail, m_now, SlaPolicy::builtIn())) {
        auto* it = new QTreeWidgetItem(m_sla);
        it->setText(0, slaStepDisplayName(s.step));
        it->setText(1, s.started.toLocalTime().toString(QStringLiteral("MM-dd HH:mm")));
        it->setText(2, minutesText(s.usedMinutes) + QStringLiteral(" / ") + minutesText(s.limitMinutes));
        it->setText(3, s.current ? tr("in progress") : (s.overdue() ? tr("late") : tr("on time")));
        const QColor colour = queuecolours::light(s.overdue() ? SlaLight::Red
                : (s.current && s.usedMinutes >= s.limitMinutes * SlaPolicy::builtIn().warningRatio()) ? SlaLight::Yellow
                                                                                                       : SlaLight::Green);
        it->setForeground(3, colour);
    }
    for (int i = 0; i < 4; ++i)
        m_sla->resizeColumnToContents(i);
    m_timeline->resizeColumnsToContents();

    QStringList notes;
    for (const CaseEvent& e : m_detail.events) {
        if (!e.note.isEmpty() && (e.role == Role::Operator || e.role == Role::Supervisor || e.role == Role::ShiftLeader))
            notes << QStringLiteral("%1 %2: %3").arg(e.at.toLocalTime().toString(QStringLiteral("MM-dd HH:mm")), e.actor, e.note);
    }
    m_notes->setText(notes.isEmpty() ? tr("No operator notes") : notes.join(QLatin1Char('\n')));
}

void CaseDetailPanel::fillPhotos()
{
    m_photos->clear();
    const QList<CasePhoto>& photos = m_detail.photos;
    const bool any = m_detail.found && !photos.isEmpty();
    m_photosLabel->setVisible(m_detail.found);
    m_photos->setVisible(any);
    m_photosLabel->setText(any ? tr("Photos (%1)").arg(photos.size()) : tr("No photos"));
    if (!any)
        return;
    for (int i = 0; i < photos.size(); ++i) {
        const CasePhoto& p = photos[i];
        QPixmap thumbnail;
        if (!thumbnail.loadFromData(p.thumbnail, "JPEG"))
            thumbnail = missingThumbnail();
        const QString when = p.takenAt.isValid() ? p.takenAt.toLocalTime().toString(QStringLiteral("MM-dd HH:mm")) : QString();
        auto* item = new QListWidgetItem(QIcon(thumbnail), when, m_photos);
        item->setData(PhotoIndexRole, i);
        const QString size = QLocale().formattedDataSize(p.bytes, 0);
        // A desk's still says where it came from; a feedback photo is from the field.
        QString from;
        for (const CaseEvent& e : m_detail.events)
            if (e.id == p.eventId && e.action == CaseAction::AttachPhoto)
                from = e.target.isEmpty() ? tr("Attached by %1").arg(e.actor) : tr("Still from camera %1, saved by %2").arg(e.target, e.actor);
        item->setToolTip((from.isEmpty() ? QString() : from + QStringLiteral(". "))
            + tr("Photo %1 of %2, taken %3 · %4 × %5 px · %6. Click or press Enter to open it full size.")
                             .arg(i + 1)
                             .arg(photos.size())
                             .arg(p.takenAt.isValid() ? p.takenAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")) : tr("at an unknown time"))
                             .arg(p.width)
                             .arg(p.height)
                             .arg(size));
        item->setData(Qt::AccessibleTextRole, tr("Photo %1 of %2").arg(i + 1).arg(photos.size()));
    }
    m_photos->setCurrentRow(0);
}

void CaseDetailPanel::fillCameras()
{
    m_cameras->clear();
    m_camerasLabel->setVisible(m_detail.found);
    m_cameras->setVisible(m_detail.found);
    if (!m_detail.found)
        return;
    const QList<NearbyCamera>& cameras = m_detail.cameras;
    const int metres = int(kCaseCameraMetres);
    m_camerasLabel->setText(tr("Cameras within %1 m (%2)").arg(metres).arg(cameras.size()));
    if (cameras.isEmpty()) {
        auto* none = new QListWidgetItem(tr("No camera within %1 m of this case").arg(metres), m_cameras);
        none->setFlags(Qt::NoItemFlags);
        fitCameraList();
        return;
    }
    for (int i = 0; i < cameras.size(); ++i) {
        const Camera& c = cameras[i].camera;
        const QString name = c.name.isEmpty() ? c.code : c.name;
        auto* item = new QListWidgetItem(tr("%1 · %2 m").arg(name).arg(qRound(cameras[i].metres)), m_cameras);
        item->setData(CameraIndexRole, i);
        item->setToolTip(tr("%1 (%2), %3 m from the case. Click or press Enter to watch it live.")
                             .arg(name, c.code)
                             .arg(qRound(cameras[i].metres)));
    }
    m_cameras->setCurrentRow(0);
    fitCameraList();
}

void CaseDetailPanel::fitCameraList()
{
    // As tall as its rows, up to five; more scroll.
    const int rows = std::clamp(m_cameras->count(), 1, 5);
    m_cameras->setFixedHeight(rows * std::max(m_cameras->sizeHintForRow(0), fontMetrics().height()) + 2 * m_cameras->frameWidth() + 2);
}

bool CaseDetailPanel::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_cameras && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent*>(event)->key();
        QListWidgetItem* item = m_cameras->currentItem();
        if ((key == Qt::Key_Return || key == Qt::Key_Enter) && item && (item->flags() & Qt::ItemIsEnabled)) {
            emit cameraOpenRequested(item->data(CameraIndexRole).toInt());
            return true;
        }
    }
    if (watched == m_photos && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent*>(event)->key();
        if ((key == Qt::Key_Return || key == Qt::Key_Enter) && m_photos->currentItem()) {
            emit photoOpenRequested(m_photos->currentItem()->data(PhotoIndexRole).toInt());
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void CaseDetailPanel::retranslate()
{
    m_slaLabel->setText(tr("Time limits per step"));
    m_sla->setHeaderLabels({ tr("Step"), tr("Started"), tr("Used / allowed"), tr("Light") });
    m_timelineLabel->setText(tr("Timeline"));
    m_notesLabel->setText(tr("Operator notes"));
    m_relatedLabel->setText(tr("Related cases (same grid, last 30 days)"));
    setWindowTitle(tr("Case detail"));
    fill();
}

void CaseDetailPanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

} // namespace gridhall
