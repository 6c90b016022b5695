#pragma once
// Values the store tests write and expect back: a small, complete district.

#include "models/domain/area.h"
#include "models/domain/casetypes.h"
#include "models/domain/people.h"

#include <QDateTime>
#include <QTest>

namespace storetest {
using namespace gridhall;

inline MultiPolygon square(double x, double y, double size)
{
    Polygon p;
    p.outer = { { x, y }, { x + size, y }, { x + size, y + size }, { x, y + size } };
    return MultiPolygon { { p } };
}

// Two parts, one with a hole: what a grid split by a river with a pond in it looks like.
inline MultiPolygon awkwardShape(double x, double y)
{
    MultiPolygon m = square(x, y, 0.01);
    m.parts[0].holes.append({ { x + 0.002, y + 0.002 }, { x + 0.004, y + 0.002 }, { x + 0.004, y + 0.004 } });
    m.parts.append(square(x + 0.02, y, 0.003).parts);
    return m;
}

inline QDateTime utc(qint64 msSinceEpoch)
{
    return QDateTime::fromMSecsSinceEpoch(msSinceEpoch, Qt::UTC);
}

constexpr qint64 kMonday = 1767571200000; // 2026-01-05 00:00 UTC

inline Case makeCase(qint64 id, CaseState state = CaseState::Registered, qint64 version = 1)
{
    Case c;
    c.id = id;
    c.code = QStringLiteral("440106-20260105-%1").arg(id, 6, 10, QLatin1Char('0'));
    c.categoryCode = QStringLiteral("01.03");
    c.description = QStringLiteral("占道经营：流动摊贩在人行道卖水果 #%1").arg(id);
    c.address = QStringLiteral("天河路%1号").arg(id % 300 + 1);
    c.location = { 113.32 + (id % 100) * 1e-4, 23.13 + (id % 77) * 1e-4 };
    c.gridCode = QStringLiteral("440106001002%1").arg(id % 20 + 1, 3, 10, QLatin1Char('0'));
    c.communityCode = QStringLiteral("440106001002");
    c.streetCode = QStringLiteral("440106001");
    c.state = state;
    c.level = HandlingLevel::Street;
    c.disputeLevel = DisputeLevel::Orange;
    c.source = CaseSource::Hotline;
    c.reporter = QStringLiteral("12345");
    c.holderKind = HolderKind::Department;
    c.holder = QStringLiteral("CG");
    c.reportedAt = utc(kMonday + id * 60000);
    c.stepStartedAt = utc(kMonday + id * 60000 + 300000);
    c.stepDeadline = utc(kMonday + id * 60000 + 7200000);
    c.closedAt = QDateTime(); // still open: stored as NULL
    c.reworkCount = int(id % 3);
    c.extensionCount = 1;
    c.extensionPending = id % 2 == 0;
    c.extensionMinutesRequested = 90;
    c.parkedFrom = CaseState::Dispatched;
    c.version = version;
    c.updatedAt = utc(kMonday + id * 60000 + 400000);
    if (id % 2)
        c.alertAckedAt = utc(kMonday + id * 60000 + 350000); // even ids: stored as NULL
    return c;
}

// QCOMPARE per field, so a failure names the field.
inline void compareCases(const Case& actual, const Case& expected)
{
    QCOMPARE(actual.id, expected.id);
    QCOMPARE(actual.code, expected.code);
    QCOMPARE(actual.categoryCode, expected.categoryCode);
    QCOMPARE(actual.description, expected.description);
    QCOMPARE(actual.address, expected.address);
    QCOMPARE(actual.location, expected.location);
    QCOMPARE(actual.gridCode, expected.gridCode);
    QCOMPARE(actual.communityCode, expected.communityCode);
    QCOMPARE(actual.streetCode, expected.streetCode);
    QCOMPARE(actual.state, expected.state);
    QCOMPARE(actual.level, expected.level);
    QCOMPARE(actual.disputeLevel, expected.disputeLevel);
    QCOMPARE(actual.source, expected.source);
    QCOMPARE(actual.reporter, expected.reporter);
    QCOMPARE(actual.holderKind, expected.holderKind);
    QCOMPARE(actual.holder, expected.holder);
    QCOMPARE(actual.reportedAt, expected.reportedAt);
    QCOMPARE(actual.stepStartedAt, expected.stepStartedAt);
    QCOMPARE(actual.stepDeadline, expected.stepDeadline);
    QCOMPARE(actual.closedAt.isValid(), expected.closedAt.isValid());
    QCOMPARE(actual.closedAt, expected.closedAt);
    QCOMPARE(actual.reworkCount, expected.reworkCount);
    QCOMPARE(actual.extensionCount, expected.extensionCount);
    QCOMPARE(actual.extensionPending, expected.extensionPending);
    QCOMPARE(actual.extensionMinutesRequested, expected.extensionMinutesRequested);
    QCOMPARE(actual.parkedFrom, expected.parkedFrom);
    QCOMPARE(actual.version, expected.version);
    QCOMPARE(actual.updatedAt, expected.updatedAt);
    QCOMPARE(actual.alertAckedAt, expected.alertAckedAt);
}

} // namespace storetest
