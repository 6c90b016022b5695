#pragma once
// A small demo district (three weeks of history ending Sunday 2026-11-22, the last day of
// ISO week 2026-W47) in a temporary store, and the KPI engine's own numbers for that week
// to compare the dashboard, PDF and XLSX against.

#include "app/server/demodata.h"
#include "models/domain/kpi.h"
#include "models/domain/taxonomy.h"
#include "models/store/kpioverview.h"
#include "models/store/kpiquery.h"
#include "models/store/store.h"

#include <QTemporaryDir>
#include <QTest>

namespace reporttest {
using namespace gridhall;

inline const QString kWeek = QStringLiteral("2026-W47");

struct Fixture {
    QTemporaryDir dir;
    QString dbPath;
    std::unique_ptr<Store> store;
    QDateTime asOf;

    bool make(int casesPerDay = 60)
    {
        if (!dir.isValid())
            return false;
        dbPath = dir.filePath(QStringLiteral("demo.sqlite"));
        StoreStatus status;
        store = Store::open(dbPath, &status);
        if (!store)
            return false;
        DemoCaseOptions options;
        options.seed = 7;
        options.end = QDate(2026, 11, 22);
        options.casesPerDay = casesPerDay;
        options.days = 21;
        asOf = demoAsOf(options);
        DemoWriteReport report;
        QString error;
        if (!writeDemoData(*store, generateDemoDistrict(options.seed), options, &report, &error)) {
            qWarning() << error;
            return false;
        }
        return true;
    }

    KpiOverviewRequest request(const QString& scope = QString()) const
    {
        KpiOverviewRequest r;
        r.weekStart = isoWeekStart(kWeek);
        r.scope = scope;
        r.asOf = asOf;
        r.trendWeeks = 5; // reaches before the history: the empty weeks are left out
        return r;
    }
};

// What the KPI engine says for the scope in one week, computed here straight from
// KpiQuery, independently of KpiOverview.
struct EngineWeek {
    KpiValues total;
    QHash<QString, KpiScore> units;
    QStringList ranking;
};

inline EngineWeek engineWeek(const Store& store, const QString& scope, const QDateTime& from)
{
    // The demo walked its cases with the shipped SLA policy and taxonomy; deadlines depend on both.
    KpiQuery query(store, SlaPolicy::builtIn(), &Taxonomy::builtIn());
    query.setArea(scope);
    QString error;
    const auto counts = query.counts(scope.isEmpty() ? KpiGrouping::Street : KpiGrouping::Community, from,
        from.addDays(7), &error);
    EngineWeek w;
    if (!counts)
        return w;
    KpiCounts sum;
    for (const KpiCounts& c : *counts)
        sum += c;
    w.total = KpiValues::from(sum);
    w.units = kpiScoreUnits(*counts);
    w.ranking = kpiRanking(w.units);
    return w;
}

} // namespace reporttest
