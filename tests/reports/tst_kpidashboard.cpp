// The KPI dashboard offscreen on the fixture week: it paints (wall and desk themes differ
// where they should), its headline tiles carry the engine's numbers, and clicking a point
// or bar emits the case filter for exactly the cases behind it.

#include "models/domain/casefilter.h"
#include "models/store/storeservice.h"
#include "reports/kpidashboardloader.h"
#include "reportfixture.h"
#include "widgets/kpichart.h"
#include "widgets/kpidashboard.h"

#include <QApplication>
#include <QDir>
#include <QLabel>
#include <QSignalSpy>

#include <algorithm>

using namespace gridhall;
using namespace reporttest;

namespace {

// Share of pixels that differ clearly from the background colour.
double shareUnlike(const QImage& image, const QColor& background)
{
    const QImage img = image.convertToFormat(QImage::Format_RGB32);
    qint64 differ = 0;
    for (int y = 0; y < img.height(); ++y) {
        const auto* line = reinterpret_cast<const QRgb*>(img.constScanLine(y));
        for (int x = 0; x < img.width(); ++x) {
            const QRgb p = line[x];
            if (qAbs(qRed(p) - background.red()) + qAbs(qGreen(p) - background.green()) + qAbs(qBlue(p) - background.blue()) > 60)
                ++differ;
        }
    }
    return double(differ) / double(img.width() * img.height());
}

bool click(KpiChart* chart, int series, int category)
{
    const std::optional<QPoint> at = chart->elementCenter(series, category);
    if (!at)
        return false;
    QWidget* target = chart->childAt(*at);
    if (!target)
        return false;
    QTest::mouseClick(target, Qt::LeftButton, {}, target->mapFrom(chart, *at));
    return true;
}

} // namespace

class TestKpiDashboard : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void rendersOnTheWall();
    void rendersAtTheDesk();
    void chartsTakeWhatCameWhileHidden();
    void clickOpensTheCasesBehindAPoint();
    void clickOnRankingAndDisputes();
    void emptyOverviewShowsDashes();
    void loaderFeedsTheDashboard();

private:
    Fixture m_fx;
    std::optional<KpiOverview> m_overview;
    EngineWeek m_engine;
    QString m_out;
};

void TestKpiDashboard::initTestCase()
{
    QVERIFY(m_fx.make(40));
    QString error;
    m_overview = gatherKpiOverview(*m_fx.store, m_fx.request(), &error);
    QVERIFY2(m_overview, qPrintable(error));
    m_engine = engineWeek(*m_fx.store, QString(), isoWeekStart(kWeek));
    m_out = QStringLiteral(GRIDHALL_BINARY_DIR "/tests/reports/out");
    QDir().mkpath(m_out);
}

void TestKpiDashboard::rendersOnTheWall()
{
    KpiDashboard dashboard;
    dashboard.setTheme(ChartTheme::wall());
    dashboard.setOverview(*m_overview);
    dashboard.resize(3840, 2160); // one 4K screen of the wall
    dashboard.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dashboard));
    const QImage shot = dashboard.grab().toImage();
    shot.save(m_out + QStringLiteral("/dashboard-wall.png"));
    // Dark: the corners are the theme's background; charts and text cover a good part.
    const QColor bg = ChartTheme::wall().background();
    QCOMPARE(QColor(shot.pixel(2, shot.height() - 3)).name(), bg.name());
    const double ink = shareUnlike(shot, bg);
    QVERIFY2(ink > 0.04 && ink < 0.6, qPrintable(QString::number(ink)));
    // Every chart got its data and painted something of its own.
    for (int i = 0; i < kOverviewChartCount; ++i) {
        KpiChart* chart = dashboard.chart(OverviewChart(i));
        QVERIFY(!chart->data().categories.isEmpty() || OverviewChart(i) == OverviewChart::Overdue);
        const QImage part = chart->grab().toImage();
        QVERIFY2(shareUnlike(part, bg) > 0.01, qPrintable(chart->data().title));
    }
    // The headline tiles carry the engine's numbers.
    const QString tiles = dashboard.headlineTexts().join(QLatin1Char('\n'));
    QVERIFY2(tiles.contains(QLocale().toString(m_engine.total.counts.reported)), qPrintable(tiles));
    QVERIFY(tiles.contains(kpiFormatRate(m_engine.total.closureRate)));
    // Type is large on the wall: the tile values are at least 30 pt.
    double largest = 0;
    for (const QLabel* label : dashboard.findChildren<QLabel*>())
        largest = std::max(largest, label->font().pointSizeF());
    QVERIFY2(largest >= 30, qPrintable(QString::number(largest)));
}

void TestKpiDashboard::rendersAtTheDesk()
{
    KpiDashboard dashboard;
    dashboard.setOverview(*m_overview);
    dashboard.resize(1600, 900);
    dashboard.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dashboard));
    const QImage shot = dashboard.grab().toImage();
    shot.save(m_out + QStringLiteral("/dashboard-desk.png"));
    QCOMPARE(QColor(shot.pixel(2, shot.height() - 3)).name(), ChartTheme::desk().background().name());
    QVERIFY(shareUnlike(shot, Qt::white) > 0.03);
}

// A wall view not on screen takes new indicators without laying its charts out; shown
// again, the charts show them (issue 15).
void TestKpiDashboard::chartsTakeWhatCameWhileHidden()
{
    KpiDashboard dashboard;
    dashboard.resize(1600, 900);
    dashboard.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dashboard));
    KpiChart* trend = dashboard.chart(OverviewChart::Trend);
    QVERIFY(trend->data().categories.isEmpty()); // no overview yet
    dashboard.hide();
    dashboard.setOverview(*m_overview);
    QVERIFY(!dashboard.headlineTexts().join(QLatin1Char(' ')).isEmpty());
    dashboard.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dashboard));
    QCOMPARE(trend->data().categories.size(), m_overview->weekCount());
    QCOMPARE(trend->data().title, overviewChartData(OverviewChart::Trend, *m_overview).title);
}

void TestKpiDashboard::clickOpensTheCasesBehindAPoint()
{
    KpiDashboard dashboard;
    dashboard.setOverview(*m_overview);
    dashboard.resize(1600, 900);
    dashboard.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dashboard));
    QSignalSpy spy(&dashboard, &KpiDashboard::caseFilterRequested);

    // The last week's "reported" point of the trend.
    const int last = m_overview->weekCount() - 1;
    QVERIFY(click(dashboard.chart(OverviewChart::Trend), 0, last));
    QCOMPARE(spy.count(), 1);
    const CaseFilter f = spy.takeFirst().at(0).value<CaseFilter>();
    QCOMPARE(f.from, isoWeekStart(kWeek));
    QCOMPARE(f.to, isoWeekStart(kWeek).addDays(7));
    QCOMPARE(f.time, CaseFilter::Time::Reported);
    QVERIFY(f.areaCode.isEmpty());
    // The filter picks exactly the cases the point counts.
    qint64 matching = 0;
    m_fx.store->forEachCase([&](const Case& c) { matching += f.matches(c) ? 1 : 0; });
    QCOMPARE(matching, m_engine.total.counts.reported);

    // The closed series and the category stack.
    QVERIFY(click(dashboard.chart(OverviewChart::Trend), 1, last));
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.takeFirst().at(0).value<CaseFilter>().time, CaseFilter::Time::Closed);
    QVERIFY(click(dashboard.chart(OverviewChart::Categories), 0, last));
    QCOMPARE(spy.count(), 1);
    const CaseFilter cat = spy.takeFirst().at(0).value<CaseFilter>();
    QCOMPARE(cat.categoryCode, m_overview->categoryClasses.first().code);
    qint64 inClass = 0;
    m_fx.store->forEachCase([&](const Case& c) { inClass += cat.matches(c) ? 1 : 0; });
    QCOMPARE(inClass, m_overview->categoryTrend.first().at(last));
}

void TestKpiDashboard::clickOnRankingAndDisputes()
{
    KpiDashboard dashboard;
    dashboard.setOverview(*m_overview);
    dashboard.resize(1600, 1000);
    dashboard.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dashboard));
    QSignalSpy spy(&dashboard, &KpiDashboard::caseFilterRequested);

    // The top bar of the ranking is the best street; its grade is its series.
    KpiChart* ranking = dashboard.chart(OverviewChart::Ranking);
    const int top = int(ranking->data().categories.size()) - 1;
    const KpiRankRow& best = m_overview->ranking.first();
    QVERIFY(best.score.grade);
    QVERIFY(click(ranking, int(*best.score.grade), top));
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.takeFirst().at(0).value<CaseFilter>().areaCode, m_engine.ranking.first());

    // A dispute bar: the grade and week behind it.
    KpiChart* disputes = dashboard.chart(OverviewChart::Disputes);
    const int last = m_overview->weekCount() - 1;
    int series = -1;
    for (int s = 0; s < 3 && series < 0; ++s)
        if (m_overview->disputeTrend[s].at(last) > 0)
            series = s;
    QVERIFY(series >= 0);
    QVERIFY(click(disputes, series, last));
    QCOMPARE(spy.count(), 1);
    const CaseFilter d = spy.takeFirst().at(0).value<CaseFilter>();
    QCOMPARE(d.disputeLevel, std::optional<DisputeLevel>(DisputeLevel(series + 1)));
    qint64 matching = 0;
    m_fx.store->forEachCase([&](const Case& c) { matching += d.matches(c) ? 1 : 0; });
    QCOMPARE(matching, m_overview->disputeTrend[series].at(last));

    // Overdue now: a street's bar opens its overdue cases at asOf.
    if (!m_overview->overdueByUnit.isEmpty()) {
        QVERIFY(click(dashboard.chart(OverviewChart::Overdue), 0, 0));
        QCOMPARE(spy.count(), 1);
        const CaseFilter o = spy.takeFirst().at(0).value<CaseFilter>();
        QCOMPARE(o.status, CaseFilter::Status::Overdue);
        QCOMPARE(o.areaCode, m_overview->overdueByUnit.first().code);
        qint64 overdue = 0;
        m_fx.store->forEachCase([&](const Case& c) { overdue += o.matches(c) ? 1 : 0; });
        QCOMPARE(overdue, m_overview->overdueByUnit.first().count);
    }
}

void TestKpiDashboard::emptyOverviewShowsDashes()
{
    KpiDashboard dashboard;
    dashboard.resize(1200, 800);
    dashboard.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dashboard));
    const QString tiles = dashboard.headlineTexts().join(QLatin1Char('\n'));
    QVERIFY(tiles.contains(QStringLiteral("—")));
    QVERIFY(!tiles.contains(QStringLiteral("nan"), Qt::CaseInsensitive));
    QVERIFY(!tiles.contains(QStringLiteral("100.0 %")));
    QVERIFY(!dashboard.grab().isNull());
}

void TestKpiDashboard::loaderFeedsTheDashboard()
{
    StoreService service;
    QSignalSpy opened(&service, &StoreService::opened);
    service.start(m_fx.dbPath);
    QVERIFY(opened.wait(30000));
    KpiDashboard dashboard;
    KpiOverviewRequest request;
    KpiDashboardLoader loader(service, dashboard, request);
    loader.setMinimumInterval(10);
    QSignalSpy loaded(&loader, &KpiDashboardLoader::loaded);
    loader.reload();
    QVERIFY(loaded.wait(30000));
    // Always the week containing now, with up to the default eight weeks of trend (the
    // weeks before the fixture's history are left out).
    const int weeks = dashboard.overview().weekCount();
    QVERIFY2(weeks >= 2 && weeks <= 8, qPrintable(QString::number(weeks)));
    QCOMPARE(dashboard.overview().weekFrom(weeks - 1), weekStartOf(QDateTime::currentDateTime()));
    QCOMPARE(dashboard.overview().ranking.size(), qsizetype(kDemoStreetCount));
    // Changed cases bring a fresh overview (throttled).
    service.write([](Store&, QList<qint64>* ids) {
        ids->append(1);
        return true;
    });
    QVERIFY(loaded.wait(30000));
    QCOMPARE(loaded.count(), 2);
}

QTEST_MAIN(TestKpiDashboard)
#include "tst_kpidashboard.moc"
