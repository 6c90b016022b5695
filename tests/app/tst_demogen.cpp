// The demo generator's pure part: the district (counts, exact tiling, codes), the case
// history (determinism, states, replay through the state machine, closure, disputes),
// the shipped taxonomy, and the GeoPackage writer.

#include "app/server/demodata.h"
#include "maps/gisexport.h"
#include "models/domain/casemachine.h"
#include "models/domain/sla.h"
#include "models/domain/taxonomy.h"

#include <QCryptographicHash>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <cmath>

using namespace gridhall;

namespace {

DemoCaseOptions smallOptions(quint64 seed)
{
    DemoCaseOptions o;
    o.seed = seed;
    o.end = QDate(2026, 11, 20);
    // Mid-afternoon, so the last day's cases stand in every state of the loop.
    o.asOf = QDateTime(o.end, QTime(15, 30), QTimeZone(kDemoUtcOffsetSeconds)).toUTC();
    o.casesPerDay = 150;
    return o;
}

void addRing(QCryptographicHash& h, const Ring& r)
{
    for (const LonLat& p : r)
        h.addData(QByteArrayView(reinterpret_cast<const char*>(&p), sizeof p));
}

QByteArray districtDigest(const DemoDistrict& d)
{
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(d.district.boundary.toBlob());
    for (const Street& s : d.streets)
        h.addData(QByteArray((s.code + s.name).toUtf8() + s.boundary.toBlob()));
    for (const Community& c : d.communities)
        h.addData(QByteArray((c.code + c.name + c.streetCode).toUtf8() + c.boundary.toBlob()));
    for (const GridCell& g : d.grids) {
        h.addData((g.code + g.name + g.communityCode).toUtf8());
        addRing(h, g.boundary.parts.at(0).outer);
    }
    for (const Worker& w : d.workers)
        h.addData((w.code + w.name + w.homeGridCode + w.team + w.phone).toUtf8());
    for (const BasemapFeature& f : d.basemap)
        h.addData(QByteArray(f.name.toUtf8() + lineToBlob(f.line) + f.area.toBlob()));
    return h.result();
}

QByteArray caseDigest(const DemoCase& c)
{
    const Case& k = c.current;
    QByteArray b;
    b += QByteArray::number(k.id) + k.code.toUtf8() + k.categoryCode.toUtf8() + k.description.toUtf8()
        + k.address.toUtf8() + QByteArray::number(k.location.lon, 'g', 17) + QByteArray::number(k.location.lat, 'g', 17)
        + k.gridCode.toUtf8() + caseStateKey(k.state).toUtf8() + handlingLevelKey(k.level).toUtf8()
        + disputeLevelKey(k.disputeLevel).toUtf8() + k.holder.toUtf8() + k.reporter.toUtf8()
        + QByteArray::number(k.stepDeadline.toMSecsSinceEpoch()) + QByteArray::number(k.version);
    for (const CaseEvent& e : c.events)
        b += QByteArray::number(e.id) + QByteArray::number(e.at.toMSecsSinceEpoch()) + e.actor.toUtf8()
            + caseActionKey(e.action).toUtf8() + e.target.toUtf8() + e.note.toUtf8();
    return QCryptographicHash::hash(b, QCryptographicHash::Sha256);
}

QList<DemoCase> generateAll(const DemoDistrict& d, const DemoCaseOptions& o)
{
    QList<DemoCase> all;
    QString error;
    const bool ok = generateDemoCases(d, o, [&](const DemoCase& c) {
        all.append(c);
        return true;
    }, nullptr, &error);
    if (!ok)
        qWarning("%s", qPrintable(error));
    return ok ? all : QList<DemoCase> {};
}

double polygonArea(const MultiPolygon& m)
{
    return m.areaDeg2();
}

} // namespace

class TestDemoGen : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void taxonomyIsComplete();
    void districtCounts();
    void codesAndHierarchy();
    void cellsTileTheDistrict();
    void outlinesAreExact();
    void basemapIsPlausible();
    void districtIsDeterministic();
    void casesAreDeterministic();
    void everyStateIsPresent();
    void eventChainsReplay();
    void oldCasesAreMostlyClosed();
    void disputesAtAllLevels();
    void dailyRhythm();
    void geoPackageOpensWithOgr();

private:
    DemoDistrict m_district;
    QList<DemoCase> m_cases;
    DemoCaseOptions m_options;
};

void TestDemoGen::initTestCase()
{
    m_district = generateDemoDistrict(7);
    m_options = smallOptions(7);
    m_cases = generateAll(m_district, m_options);
    QVERIFY(!m_cases.isEmpty());
}

void TestDemoGen::taxonomyIsComplete()
{
    const Taxonomy& t = Taxonomy::builtIn();
    QVERIFY2(t.classes().size() >= 15, qPrintable(QString::number(t.classes().size())));
    QVERIFY2(t.itemCount() >= 80, qPrintable(QString::number(t.itemCount())));
    QSet<QString> departments;
    for (const Department& d : builtInDepartments())
        departments.insert(d.code);
    bool grades[4] = {};
    for (const CategoryClass& cls : t.classes()) {
        QCOMPARE(cls.code.size(), 2);
        for (const CategoryItem& item : cls.items) {
            QCOMPARE(item.code.size(), 4);
            QVERIFY(item.code.startsWith(cls.code));
            QVERIFY2(departments.contains(item.defaultDepartment), qPrintable(item.code));
            QVERIFY(item.handleLimitMinutes >= 1);
            grades[int(item.defaultDisputeLevel)] = true;
            // The dispute class grades every item; nothing else in it is "none".
            if (cls.nameZh == QStringLiteral("矛盾纠纷"))
                QVERIFY2(item.isDispute(), qPrintable(item.code));
        }
    }
    QVERIFY(grades[int(DisputeLevel::Yellow)] && grades[int(DisputeLevel::Orange)] && grades[int(DisputeLevel::Red)]);
}

void TestDemoGen::districtCounts()
{
    QCOMPARE(m_district.streets.size(), kDemoStreetCount);
    QCOMPARE(m_district.communities.size(), kDemoCommunityCount);
    QVERIFY2(m_district.grids.size() >= 2300, qPrintable(QString::number(m_district.grids.size())));
    QVERIFY(m_district.grids.size() <= 3000);
    // One grid worker per cell, each cell exactly once.
    QHash<QString, int> workersPerCell;
    int joint = 0, handlers = 0;
    QSet<QString> badges;
    for (const Worker& w : m_district.workers) {
        QVERIFY2(!badges.contains(w.code), qPrintable(w.code));
        badges.insert(w.code);
        QVERIFY(!w.name.isEmpty());
        if (w.kind == WorkerKind::GridWorker)
            workersPerCell[w.homeGridCode] += 1;
        joint += w.kind == WorkerKind::JointEnforcement ? 1 : 0;
        handlers += w.kind == WorkerKind::Handler ? 1 : 0;
    }
    QCOMPARE(workersPerCell.size(), m_district.grids.size());
    for (const GridCell& g : m_district.grids)
        QCOMPARE(workersPerCell.value(g.code), 1);
    QCOMPARE(joint, kDemoStreetCount * 12);
    QVERIFY(handlers >= m_district.departments.size());
    QVERIFY(m_district.departments.size() >= 10);
    // Every street has communities and every community cells.
    QHash<QString, int> communitiesPerStreet, cellsPerCommunity;
    for (const Community& c : m_district.communities)
        communitiesPerStreet[c.streetCode] += 1;
    for (const GridCell& g : m_district.grids)
        cellsPerCommunity[g.communityCode] += 1;
    for (const Street& s : m_district.streets)
        QVERIFY2(communitiesPerStreet.value(s.code) >= 2, qPrintable(s.code));
    for (const Community& c : m_district.communities)
        QVERIFY2(cellsPerCommunity.value(c.code) >= 1, qPrintable(c.code));
    // Other seeds keep the counts.
    for (quint64 seed : { 1ULL, 2ULL, 12345ULL }) {
        const DemoDistrict d = generateDemoDistrict(seed);
        QCOMPARE(d.streets.size(), kDemoStreetCount);
        QCOMPARE(d.communities.size(), kDemoCommunityCount);
        QVERIFY2(d.grids.size() >= 2300, qPrintable(QString::number(d.grids.size())));
    }
}

void TestDemoGen::codesAndHierarchy()
{
    AreaLevel level;
    QVERIFY(areacode::levelOf(m_district.district.code, &level) && level == AreaLevel::District);
    QSet<QString> codes, names;
    for (const Street& s : m_district.streets) {
        QVERIFY(areacode::levelOf(s.code, &level) && level == AreaLevel::Street);
        QCOMPARE(areacode::parentOf(s.code), m_district.district.code);
        QVERIFY(!names.contains(s.name));
        names.insert(s.name);
        codes.insert(s.code);
    }
    names.clear();
    for (const Community& c : m_district.communities) {
        QVERIFY(areacode::levelOf(c.code, &level) && level == AreaLevel::Community);
        QCOMPARE(areacode::parentOf(c.code), c.streetCode);
        QVERIFY(codes.contains(c.streetCode));
        QVERIFY2(!names.contains(c.name), qPrintable(c.name));
        names.insert(c.name);
    }
    QSet<QString> gridCodes;
    for (const GridCell& g : m_district.grids) {
        QVERIFY(areacode::levelOf(g.code, &level) && level == AreaLevel::Grid);
        QCOMPARE(areacode::parentOf(g.code), g.communityCode);
        QCOMPARE(areacode::parentOf(g.communityCode), g.streetCode);
        QVERIFY(!gridCodes.contains(g.code));
        gridCodes.insert(g.code);
        QVERIFY(g.boundary.contains(g.centroid));
    }
    // Within the brief's extent.
    const GeoBox box = m_district.district.boundary.bounds();
    QVERIFY(box.west >= 113.29 && box.east <= 113.46 && box.south >= 23.09 && box.north <= 23.21);
}

void TestDemoGen::cellsTileTheDistrict()
{
    double cellArea = 0;
    for (const GridCell& g : m_district.grids) {
        QCOMPARE(g.boundary.parts.size(), 1);
        QVERIFY(ringSignedAreaDeg2(g.boundary.parts[0].outer) > 0); // counter-clockwise, not degenerate
        cellArea += polygonArea(g.boundary);
    }
    const double districtArea = polygonArea(m_district.district.boundary);
    QVERIFY2(std::abs(cellArea - districtArea) <= 1e-9 * districtArea,
        qPrintable(QStringLiteral("%1 vs %2").arg(cellArea, 0, 'g', 17).arg(districtArea, 0, 'g', 17)));
    // Square kilometres: about the size of Tianhe (137 km²).
    const double km2 = districtArea * 102.4 * 110.7;
    QVERIFY2(km2 > 100 && km2 < 180, qPrintable(QString::number(km2)));

    // A few thousand deterministic points: inside the district each is in exactly one cell,
    // outside in none.
    const GeoBox box = m_district.district.boundary.bounds();
    int inside = 0, outside = 0;
    for (int a = 0; a < 70; ++a) {
        for (int b = 0; b < 50; ++b) {
            const LonLat p { box.west + (a + 0.37) / 70.0 * (box.east - box.west),
                box.south + (b + 0.61) / 50.0 * (box.north - box.south) };
            int hits = 0;
            for (const GridCell& g : m_district.grids)
                if (g.boundary.bounds().contains(p) && g.boundary.contains(p))
                    ++hits;
            if (m_district.district.boundary.contains(p)) {
                QVERIFY2(hits == 1, qPrintable(QStringLiteral("%1,%2: %3 cells").arg(p.lon, 0, 'f', 6).arg(p.lat, 0, 'f', 6).arg(hits)));
                ++inside;
            } else {
                QVERIFY2(hits == 0, qPrintable(QStringLiteral("%1,%2 outside but in a cell").arg(p.lon).arg(p.lat)));
                ++outside;
            }
        }
    }
    QVERIFY(inside > 2000);
    QVERIFY(outside > 0);
}

void TestDemoGen::outlinesAreExact()
{
    const double districtArea = polygonArea(m_district.district.boundary);
    QCOMPARE(m_district.district.boundary.parts.size(), 1);
    QVERIFY(m_district.district.boundary.parts[0].holes.isEmpty());
    QHash<QString, double> cellAreaPerStreet, cellAreaPerCommunity;
    for (const GridCell& g : m_district.grids) {
        cellAreaPerStreet[g.streetCode] += polygonArea(g.boundary);
        cellAreaPerCommunity[g.communityCode] += polygonArea(g.boundary);
    }
    double streets = 0, communities = 0;
    for (const Street& s : m_district.streets) {
        const double a = polygonArea(s.boundary);
        QVERIFY2(std::abs(a - cellAreaPerStreet.value(s.code)) <= 1e-9 * a, qPrintable(s.code));
        streets += a;
    }
    for (const Community& c : m_district.communities) {
        const double a = polygonArea(c.boundary);
        QVERIFY2(std::abs(a - cellAreaPerCommunity.value(c.code)) <= 1e-9 * a, qPrintable(c.code));
        communities += a;
    }
    QVERIFY(std::abs(streets - districtArea) <= 1e-9 * districtArea);
    QVERIFY(std::abs(communities - districtArea) <= 1e-9 * districtArea);
    // A cell's centroid lies in its own street and community outline.
    QHash<QString, const Street*> street;
    QHash<QString, const Community*> community;
    for (const Street& s : m_district.streets)
        street.insert(s.code, &s);
    for (const Community& c : m_district.communities)
        community.insert(c.code, &c);
    for (const GridCell& g : m_district.grids) {
        QVERIFY2(street.value(g.streetCode)->boundary.contains(g.centroid), qPrintable(g.code));
        QVERIFY2(community.value(g.communityCode)->boundary.contains(g.centroid), qPrintable(g.code));
    }
}

void TestDemoGen::basemapIsPlausible()
{
    int major = 0, minor = 0, river = 0, water = 0;
    QSet<qint64> ids;
    for (const BasemapFeature& f : m_district.basemap) {
        QVERIFY(!ids.contains(f.id));
        ids.insert(f.id);
        QVERIFY(!f.name.isEmpty());
        switch (f.kind) {
        case BasemapKind::MajorRoad: ++major; QVERIFY(f.line.size() >= 3); break;
        case BasemapKind::MinorRoad: ++minor; QVERIFY(f.line.size() >= 3); break;
        case BasemapKind::River: ++river; QVERIFY(f.line.size() >= 2); break;
        case BasemapKind::Water: ++water; QVERIFY(!f.area.isEmpty()); break;
        }
    }
    QVERIFY(major >= 8);
    QVERIFY(minor >= 40);
    QVERIFY(river >= 1);
    QCOMPARE(water, 1);
    // The river runs along the south: its water lies south of every cell centroid.
    for (const BasemapFeature& f : m_district.basemap) {
        if (f.kind != BasemapKind::Water)
            continue;
        for (const GridCell& g : m_district.grids)
            QVERIFY2(!f.area.contains(g.centroid), qPrintable(g.code));
        QVERIFY(f.area.bounds().south < m_district.district.boundary.bounds().south);
    }
}

void TestDemoGen::districtIsDeterministic()
{
    const QByteArray again = districtDigest(generateDemoDistrict(7));
    QCOMPARE(again, districtDigest(m_district));
    QVERIFY(districtDigest(generateDemoDistrict(8)) != again);
}

void TestDemoGen::casesAreDeterministic()
{
    DemoCaseOptions o = m_options;
    o.days = 10; // enough to tell; keeps the test fast
    auto digest = [&](const DemoDistrict& d, const DemoCaseOptions& opts) {
        QCryptographicHash h(QCryptographicHash::Sha256);
        qint64 n = 0;
        generateDemoCases(d, opts, [&](const DemoCase& c) {
            h.addData(caseDigest(c));
            ++n;
            return true;
        });
        return std::pair(h.result(), n);
    };
    const auto first = digest(m_district, o);
    const auto second = digest(m_district, o);
    QVERIFY(first.second > 1000);
    QCOMPARE(first, second);
    DemoCaseOptions other = o;
    other.seed = 8;
    QVERIFY(digest(generateDemoDistrict(8), other).first != first.first);
    DemoCaseOptions later = o;
    later.end = o.end.addDays(1);
    later.asOf = o.asOf.addDays(1);
    QVERIFY(digest(m_district, later).first != first.first);
}

void TestDemoGen::everyStateIsPresent()
{
    QHash<CaseState, int> byState;
    qint64 lastId = 0;
    for (const DemoCase& c : std::as_const(m_cases)) {
        byState[c.current.state] += 1;
        QCOMPARE(c.current.id, lastId + 1);
        lastId = c.current.id;
        QVERIFY(c.current.reportedAt <= m_options.asOf);
    }
    for (int s = 0; s < kCaseStateCount; ++s)
        QVERIFY2(byState.value(CaseState(s)) > 0, qPrintable(caseStateKey(CaseState(s))));
    // About the requested volume: 56 days × 150, less the evening of the last day.
    QVERIFY2(m_cases.size() > 56 * 150 * 0.85 && m_cases.size() < 56 * 150 * 1.1,
        qPrintable(QString::number(m_cases.size())));
    // Every action of the loop happens somewhere in the history.
    QSet<CaseAction> actions;
    for (const DemoCase& c : std::as_const(m_cases))
        for (const CaseEvent& e : c.events)
            actions.insert(e.action);
    // (A camera's still attached at a desk comes from a live view, not from the history.)
    for (int a = 0; a < kCaseActionCount; ++a)
        if (CaseAction(a) != CaseAction::AttachPhoto)
            QVERIFY2(actions.contains(CaseAction(a)), qPrintable(caseActionKey(CaseAction(a))));
}

void TestDemoGen::eventChainsReplay()
{
    QSet<QString> departments;
    for (const Department& d : m_district.departments)
        departments.insert(d.code);
    const SlaPolicy& sla = SlaPolicy::builtIn();
    const Taxonomy& taxonomy = Taxonomy::builtIn();
    qint64 lastEventId = 0;
    int overdueSteps = 0, steps = 0;
    for (const DemoCase& dc : std::as_const(m_cases)) {
        const Case& final = dc.current;
        QVERIFY(!dc.events.isEmpty());
        int escalations = 0;
        for (const CaseEvent& e : dc.events)
            escalations += e.action == CaseAction::Escalate ? 1 : 0;
        Case draft;
        draft.id = final.id;
        draft.code = final.code;
        draft.categoryCode = final.categoryCode;
        draft.description = final.description;
        draft.address = final.address;
        draft.location = final.location;
        draft.gridCode = final.gridCode;
        draft.communityCode = final.communityCode;
        draft.streetCode = final.streetCode;
        draft.level = HandlingLevel(int(final.level) - escalations);
        draft.disputeLevel = final.disputeLevel;
        draft.source = final.source;
        draft.reporter = final.reporter;
        const CaseEvent& first = dc.events.first();
        if (first.action == CaseAction::SelfHandle) {
            draft.holderKind = HolderKind::Worker;
            draft.holder = first.actor;
        }
        TransitionOutcome o = CaseMachine::open(draft, first.action, { first.actor, first.role }, first.at, sla, &taxonomy);
        QVERIFY2(o.ok(), qPrintable(final.code + QLatin1Char(' ') + o.reason));
        Case c = o.updated;
        for (qsizetype k = 0; k < dc.events.size(); ++k) {
            const CaseEvent& e = dc.events[k];
            QVERIFY(e.id > lastEventId);
            lastEventId = e.id;
            QCOMPARE(e.caseId, final.id);
            if (k == 0)
                continue;
            QVERIFY(e.at >= dc.events[k - 1].at);
            ActionRequest r;
            r.action = e.action;
            r.note = e.note;
            if (e.action == CaseAction::Dispatch) {
                r.target = e.target;
                r.targetKind = departments.contains(e.target) ? HolderKind::Department : HolderKind::Worker;
            }
            if (e.action == CaseAction::RequestExtension)
                r.extensionMinutes = e.target.toInt();
            if (c.stepDeadline.isValid() && e.fromState != e.toState) {
                ++steps;
                overdueSteps += e.at > c.stepDeadline ? 1 : 0;
            }
            o = CaseMachine::apply(c, r, { e.actor, e.role }, e.at, sla, &taxonomy);
            QVERIFY2(o.ok(), qPrintable(final.code + QLatin1Char(' ') + caseActionKey(e.action) + QLatin1Char(' ') + o.reason));
            QCOMPARE(o.event.fromState, e.fromState);
            QCOMPARE(o.event.toState, e.toState);
            QCOMPARE(o.event.target, e.target);
            c = o.updated;
        }
        QCOMPARE(c.state, final.state);
        QCOMPARE(c.level, final.level);
        QCOMPARE(c.holderKind, final.holderKind);
        QCOMPARE(c.holder, final.holder);
        QCOMPARE(c.stepDeadline, final.stepDeadline);
        QCOMPARE(c.closedAt, final.closedAt);
        QCOMPARE(c.reworkCount, final.reworkCount);
        QCOMPARE(c.extensionCount, final.extensionCount);
        QCOMPARE(c.version, final.version);
        QCOMPARE(c.version, qint64(dc.events.size()));
    }
    // Most steps are done in time, some are overdue.
    const double overdueShare = double(overdueSteps) / steps;
    QVERIFY2(overdueShare > 0.01 && overdueShare < 0.12, qPrintable(QString::number(overdueShare)));
}

void TestDemoGen::oldCasesAreMostlyClosed()
{
    const QDateTime cutoff = m_options.asOf.addDays(-14);
    qint64 counted = 0, closed = 0, recentOpen = 0, recent = 0;
    for (const DemoCase& c : std::as_const(m_cases)) {
        if (c.current.reportedAt < cutoff) {
            if (c.current.state == CaseState::Voided)
                continue;
            ++counted;
            closed += c.current.state == CaseState::Closed ? 1 : 0;
        } else if (c.current.reportedAt > m_options.asOf.addDays(-1)) {
            ++recent;
            recentOpen += isOpen(c.current.state) ? 1 : 0;
        }
    }
    const double rate = double(closed) / double(counted);
    QVERIFY2(rate >= 0.95 && rate <= 0.995, qPrintable(QString::number(rate)));
    // The last day still has live work in the queues.
    QVERIFY2(recentOpen > recent / 10, qPrintable(QStringLiteral("%1 of %2").arg(recentOpen).arg(recent)));
}

void TestDemoGen::disputesAtAllLevels()
{
    QHash<DisputeLevel, int> grades;
    for (const DemoCase& c : std::as_const(m_cases)) {
        grades[c.current.disputeLevel] += 1;
        const CategoryItem* item = Taxonomy::builtIn().item(c.current.categoryCode);
        QVERIFY(item);
        QCOMPARE(item->isDispute(), c.current.disputeLevel != DisputeLevel::None);
    }
    const int disputes = grades.value(DisputeLevel::Yellow) + grades.value(DisputeLevel::Orange) + grades.value(DisputeLevel::Red);
    const double share = double(disputes) / double(m_cases.size());
    QVERIFY2(share >= 0.15 && share <= 0.25, qPrintable(QString::number(share)));
    QVERIFY(grades.value(DisputeLevel::Yellow) > grades.value(DisputeLevel::Orange));
    QVERIFY(grades.value(DisputeLevel::Orange) > grades.value(DisputeLevel::Red));
    QVERIFY(grades.value(DisputeLevel::Red) > 0);
}

void TestDemoGen::dailyRhythm()
{
    int hours[24] = {};
    int weekday = 0, weekend = 0, weekdays = 0, weekends = 0;
    QSet<QDate> days;
    QHash<QString, int> items;
    for (const DemoCase& c : std::as_const(m_cases)) {
        const QDateTime local = c.current.reportedAt.toOffsetFromUtc(kDemoUtcOffsetSeconds);
        if (local.date() == m_options.end)
            continue; // the partial last day
        hours[local.time().hour()] += 1;
        (local.date().dayOfWeek() >= 6 ? weekend : weekday) += 1;
        if (!days.contains(local.date())) {
            days.insert(local.date());
            (local.date().dayOfWeek() >= 6 ? weekends : weekdays) += 1;
        }
        items[c.current.categoryCode] += 1;
    }
    QVERIFY(hours[10] > 5 * hours[3]);
    QVERIFY(hours[15] > 5 * hours[3]);
    QVERIFY(hours[10] > hours[13]);
    QVERIFY(double(weekday) / weekdays > 1.15 * double(weekend) / weekends);
    // A few items dominate: the top five make up a good share of all cases.
    QList<int> counts = items.values();
    std::sort(counts.begin(), counts.end(), std::greater<>());
    const int top5 = counts[0] + counts[1] + counts[2] + counts[3] + counts[4];
    QVERIFY(top5 > m_cases.size() / 5);
}

void TestDemoGen::geoPackageOpensWithOgr()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("district.gpkg"));
    GisExportData data;
    data.districts = { m_district.district };
    data.streets = m_district.streets;
    data.communities = m_district.communities;
    data.grids = m_district.grids;
    data.basemap = m_district.basemap;
    const GisExportResult result = writeGeoPackage(path, data);
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(result.featureCounts.value(QString::fromLatin1(gislayer::kGrids)), int(m_district.grids.size()));

    GDALAllRegister();
    std::unique_ptr<GDALDataset, void (*)(GDALDataset*)> ds(
        GDALDataset::Open(QFile::encodeName(path).constData(), GDAL_OF_VECTOR | GDAL_OF_READONLY),
        [](GDALDataset* d) { GDALClose(d); });
    QVERIFY(ds);
    QCOMPARE(QString::fromLatin1(ds->GetDriver()->GetDescription()), QStringLiteral("GPKG"));
    const QList<std::pair<const char*, qsizetype>> expected {
        { gislayer::kDistricts, 1 },
        { gislayer::kStreets, m_district.streets.size() },
        { gislayer::kCommunities, m_district.communities.size() },
        { gislayer::kGrids, m_district.grids.size() },
        { gislayer::kBasemapWater, 1 },
    };
    for (const auto& [name, count] : expected) {
        OGRLayer* layer = ds->GetLayerByName(name);
        QVERIFY2(layer, name);
        QCOMPARE(layer->GetFeatureCount(), GIntBig(count));
        const OGRSpatialReference* srs = layer->GetSpatialRef();
        QVERIFY(srs);
        QCOMPARE(QString::fromLatin1(srs->GetAuthorityCode(nullptr)), QStringLiteral("4490"));
    }
    OGRLayer* lines = ds->GetLayerByName(gislayer::kBasemapLines);
    QVERIFY(lines);
    QCOMPARE(lines->GetFeatureCount(), GIntBig(m_district.basemap.size() - 1));

    // Attributes and geometry come back: the first grid cell by code, Chinese name intact.
    OGRLayer* grids = ds->GetLayerByName(gislayer::kGrids);
    const GridCell& cell = m_district.grids.first();
    grids->SetAttributeFilter(QByteArray("code = '" + cell.code.toLatin1() + "'").constData());
    std::unique_ptr<OGRFeature, void (*)(OGRFeature*)> f(grids->GetNextFeature(), [](OGRFeature* x) { OGRFeature::DestroyFeature(x); });
    QVERIFY(f);
    QCOMPARE(QString::fromUtf8(f->GetFieldAsString("name")), cell.name);
    QCOMPARE(QString::fromUtf8(f->GetFieldAsString("parent_code")), cell.communityCode);
    QCOMPARE(QString::fromUtf8(f->GetFieldAsString("street_code")), cell.streetCode);
    const OGRGeometry* g = f->GetGeometryRef();
    QVERIFY(g);
    // Vertices come back bit for bit, the ring closed as OGC wants.
    const OGRMultiPolygon* multi = g->toMultiPolygon();
    QCOMPARE(multi->getNumGeometries(), 1);
    const OGRLinearRing* ring = multi->getGeometryRef(0)->getExteriorRing();
    const Ring& expectedRing = cell.boundary.parts[0].outer;
    QCOMPARE(ring->getNumPoints(), int(expectedRing.size()) + 1);
    for (int k = 0; k < ring->getNumPoints(); ++k) {
        QCOMPARE(ring->getX(k), expectedRing[k % expectedRing.size()].lon);
        QCOMPARE(ring->getY(k), expectedRing[k % expectedRing.size()].lat);
    }
    OGREnvelope env;
    g->getEnvelope(&env);
    QVERIFY(env.MinX > 113 && env.MaxX < 114 && env.MinY > 23 && env.MaxY < 24); // x is longitude

    // A path that cannot be written gives a clear error.
    const GisExportResult bad = writeGeoPackage(dir.filePath(QStringLiteral("no/such/dir/x.gpkg")), data);
    QVERIFY(!bad.ok);
    QVERIFY2(bad.error.contains(QStringLiteral("x.gpkg")), qPrintable(bad.error));
}

QTEST_GUILESS_MAIN(TestDemoGen)
#include "tst_demogen.moc"
