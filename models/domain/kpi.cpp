#include "models/domain/kpi.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cmath>

namespace gridhall {

namespace {
struct IndicatorInfo {
    const char* key;
    bool rate;
};
constexpr IndicatorInfo kInfo[kKpiIndicatorCount] = {
    { "reported", false },
    { "registered", false },
    { "dispatched", false },
    { "dispatched_on_time", false },
    { "handled", false },
    { "handled_on_time", false },
    { "closed", false },
    { "closed_on_time", false },
    { "reworked", false },
    { "extended", false },
    { "overdue", false },
    { "should_close", false },
    { "should_handle", false },
    { "should_dispatch", false },
    { "closed_at_grassroots", false },
    { "closure_rate", true },
    { "on_time_closure_rate", true },
    { "handling_rate", true },
    { "on_time_handling_rate", true },
    { "rework_rate", true },
    { "extension_rate", true },
    { "on_time_dispatch_rate", true },
    { "accurate_dispatch_rate", true },
    { "grassroots_rate", true },
    { "registered_score", false },
    { "composite_score", false },
};

double clamp01(double v)
{
    return std::clamp(v, 0.0, 1.0);
}
} // namespace

QString kpiIndicatorKey(KpiIndicator indicator)
{
    return QString::fromLatin1(kInfo[int(indicator)].key);
}

bool kpiIndicatorFromKey(const QString& key, KpiIndicator* indicator)
{
    for (int i = 0; i < kKpiIndicatorCount; ++i) {
        if (key == QLatin1String(kInfo[i].key)) {
            *indicator = KpiIndicator(i);
            return true;
        }
    }
    return false;
}

QString kpiIndicatorDisplayName(KpiIndicator indicator)
{
    switch (indicator) {
    case KpiIndicator::Reported: return QCoreApplication::translate("Kpi", "Reported");
    case KpiIndicator::Registered: return QCoreApplication::translate("Kpi", "Registered");
    case KpiIndicator::Dispatched: return QCoreApplication::translate("Kpi", "Dispatched");
    case KpiIndicator::DispatchedOnTime: return QCoreApplication::translate("Kpi", "Dispatched on time");
    case KpiIndicator::Handled: return QCoreApplication::translate("Kpi", "Handled");
    case KpiIndicator::HandledOnTime: return QCoreApplication::translate("Kpi", "Handled on time");
    case KpiIndicator::Closed: return QCoreApplication::translate("Kpi", "Closed");
    case KpiIndicator::ClosedOnTime: return QCoreApplication::translate("Kpi", "Closed on time");
    case KpiIndicator::Reworked: return QCoreApplication::translate("Kpi", "Reworked");
    case KpiIndicator::Extended: return QCoreApplication::translate("Kpi", "Extended");
    case KpiIndicator::Overdue: return QCoreApplication::translate("Kpi", "Overdue");
    case KpiIndicator::ShouldClose: return QCoreApplication::translate("Kpi", "Due for closing");
    case KpiIndicator::ShouldHandle: return QCoreApplication::translate("Kpi", "Due for handling");
    case KpiIndicator::ShouldDispatch: return QCoreApplication::translate("Kpi", "Due for dispatch");
    case KpiIndicator::ClosedAtGrassroots: return QCoreApplication::translate("Kpi", "Closed at community or street level");
    case KpiIndicator::ClosureRate: return QCoreApplication::translate("Kpi", "Closure rate");
    case KpiIndicator::OnTimeClosureRate: return QCoreApplication::translate("Kpi", "On-time closure rate");
    case KpiIndicator::HandlingRate: return QCoreApplication::translate("Kpi", "Handling rate");
    case KpiIndicator::OnTimeHandlingRate: return QCoreApplication::translate("Kpi", "On-time handling rate");
    case KpiIndicator::ReworkRate: return QCoreApplication::translate("Kpi", "Rework rate");
    case KpiIndicator::ExtensionRate: return QCoreApplication::translate("Kpi", "Extension rate");
    case KpiIndicator::OnTimeDispatchRate: return QCoreApplication::translate("Kpi", "On-time dispatch rate");
    case KpiIndicator::AccurateDispatchRate: return QCoreApplication::translate("Kpi", "Accurate dispatch rate");
    case KpiIndicator::GrassrootsRate: return QCoreApplication::translate("Kpi", "Grassroots handling rate");
    case KpiIndicator::RegisteredScore: return QCoreApplication::translate("Kpi", "Registered cases score");
    case KpiIndicator::CompositeScore: return QCoreApplication::translate("Kpi", "Composite score");
    }
    return {};
}

bool kpiIsRate(KpiIndicator indicator)
{
    return kInfo[int(indicator)].rate;
}

bool kpiLowerIsBetter(KpiIndicator indicator)
{
    return indicator == KpiIndicator::ReworkRate || indicator == KpiIndicator::ExtensionRate;
}

qint64 KpiCounts::shouldClose() const
{
    return std::max<qint64>(0, registered - registeredWithinLimit);
}

qint64 KpiCounts::shouldHandle() const
{
    return std::max<qint64>(0, dispatched + selfHandled - dispatchedWithinLimit);
}

qint64 KpiCounts::shouldDispatch() const
{
    return std::max<qint64>(0, registered - selfHandled - awaitingDispatchWithinLimit);
}

KpiCounts& KpiCounts::operator+=(const KpiCounts& o)
{
    reported += o.reported;
    registered += o.registered;
    dispatched += o.dispatched;
    dispatchedOnTime += o.dispatchedOnTime;
    handled += o.handled;
    handledOnTime += o.handledOnTime;
    closed += o.closed;
    closedOnTime += o.closedOnTime;
    reworked += o.reworked;
    extended += o.extended;
    overdue += o.overdue;
    closedAtGrassroots += o.closedAtGrassroots;
    registeredWithinLimit += o.registeredWithinLimit;
    dispatchedWithinLimit += o.dispatchedWithinLimit;
    awaitingDispatchWithinLimit += o.awaitingDispatchWithinLimit;
    selfHandled += o.selfHandled;
    dueClosed += o.dueClosed;
    dueClosedOnTime += o.dueClosedOnTime;
    dueClosedAtGrassroots += o.dueClosedAtGrassroots;
    dueReworked += o.dueReworked;
    registeredExtended += o.registeredExtended;
    dueHandled += o.dueHandled;
    dueHandledOnTime += o.dueHandledOnTime;
    dueDispatchedOnTime += o.dueDispatchedOnTime;
    dueDispatchedAccurately += o.dueDispatchedAccurately;
    return *this;
}

std::optional<double> kpiRatio(qint64 numerator, qint64 denominator)
{
    if (denominator <= 0)
        return std::nullopt;
    return double(numerator) / double(denominator);
}

KpiValues KpiValues::from(const KpiCounts& c)
{
    KpiValues v;
    v.counts = c;
    const qint64 shouldClose = c.shouldClose();
    const qint64 shouldHandle = c.shouldHandle();
    const qint64 shouldDispatch = c.shouldDispatch();
    v.closureRate = kpiRatio(c.dueClosed, shouldClose);
    v.onTimeClosureRate = kpiRatio(c.dueClosedOnTime, shouldClose);
    v.handlingRate = kpiRatio(c.dueHandled, shouldHandle);
    v.onTimeHandlingRate = kpiRatio(c.dueHandledOnTime, shouldHandle);
    v.reworkRate = kpiRatio(c.dueReworked, shouldClose);
    v.extensionRate = kpiRatio(c.registeredExtended, c.registered);
    v.onTimeDispatchRate = kpiRatio(c.dueDispatchedOnTime, shouldDispatch);
    v.accurateDispatchRate = kpiRatio(c.dueDispatchedAccurately, shouldDispatch);
    v.grassrootsRate = kpiRatio(c.dueClosedAtGrassroots, c.dueClosed);
    return v;
}

std::optional<double> KpiValues::value(KpiIndicator indicator) const
{
    const KpiCounts& c = counts;
    switch (indicator) {
    case KpiIndicator::Reported: return double(c.reported);
    case KpiIndicator::Registered: return double(c.registered);
    case KpiIndicator::Dispatched: return double(c.dispatched);
    case KpiIndicator::DispatchedOnTime: return double(c.dispatchedOnTime);
    case KpiIndicator::Handled: return double(c.handled);
    case KpiIndicator::HandledOnTime: return double(c.handledOnTime);
    case KpiIndicator::Closed: return double(c.closed);
    case KpiIndicator::ClosedOnTime: return double(c.closedOnTime);
    case KpiIndicator::Reworked: return double(c.reworked);
    case KpiIndicator::Extended: return double(c.extended);
    case KpiIndicator::Overdue: return double(c.overdue);
    case KpiIndicator::ShouldClose: return double(c.shouldClose());
    case KpiIndicator::ShouldHandle: return double(c.shouldHandle());
    case KpiIndicator::ShouldDispatch: return double(c.shouldDispatch());
    case KpiIndicator::ClosedAtGrassroots: return double(c.closedAtGrassroots);
    case KpiIndicator::ClosureRate: return closureRate;
    case KpiIndicator::OnTimeClosureRate: return onTimeClosureRate;
    case KpiIndicator::HandlingRate: return handlingRate;
    case KpiIndicator::OnTimeHandlingRate: return onTimeHandlingRate;
    case KpiIndicator::ReworkRate: return reworkRate;
    case KpiIndicator::ExtensionRate: return extensionRate;
    case KpiIndicator::OnTimeDispatchRate: return onTimeDispatchRate;
    case KpiIndicator::AccurateDispatchRate: return accurateDispatchRate;
    case KpiIndicator::GrassrootsRate: return grassrootsRate;
    case KpiIndicator::RegisteredScore:
    case KpiIndicator::CompositeScore: return std::nullopt;
    }
    return std::nullopt;
}

KpiGrade kpiGradeFor(double score)
{
    if (score >= 90)
        return KpiGrade::A;
    if (score >= 75)
        return KpiGrade::B;
    if (score >= 60)
        return KpiGrade::C;
    if (score >= 40)
        return KpiGrade::D;
    return KpiGrade::E;
}

std::optional<KpiGrade> kpiGradeFor(std::optional<double> score)
{
    if (!score)
        return std::nullopt;
    return kpiGradeFor(*score);
}

QString kpiGradeKey(KpiGrade grade)
{
    return QString(QChar(u'A' + int(grade)));
}

KpiWeights KpiWeights::standard()
{
    KpiWeights w;
    w.m_entries = {
        { KpiIndicator::ClosureRate, 0.3 },
        { KpiIndicator::OnTimeHandlingRate, 0.3 },
        { KpiIndicator::ReworkRate, 0.3 },
        { KpiIndicator::RegisteredScore, 0.1 },
    };
    return w;
}

std::optional<KpiWeights> KpiWeights::fromJson(const QByteArray& json, QString* error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        *error = QCoreApplication::translate("Kpi", "KPI weights are not a JSON object: %1").arg(parseError.errorString());
        return std::nullopt;
    }
    const QJsonObject root = doc.object();
    KpiWeights w;
    double sum = 0;
    for (auto it = root.begin(); it != root.end(); ++it) {
        KpiIndicator indicator;
        if (!kpiIndicatorFromKey(it.key(), &indicator)
            || !(kpiIsRate(indicator) || indicator == KpiIndicator::RegisteredScore)) {
            *error = QCoreApplication::translate("Kpi", "KPI weights: \"%1\" is not a rate or \"registered_score\"").arg(it.key());
            return std::nullopt;
        }
        const double v = it.value().toDouble(-1);
        if (!it.value().isDouble() || !std::isfinite(v) || v < 0 || v > 1) {
            *error = QCoreApplication::translate("Kpi", "KPI weights: \"%1\" must be a number between 0 and 1").arg(it.key());
            return std::nullopt;
        }
        sum += v;
        if (v > 0)
            w.m_entries.append({ indicator, v });
    }
    if (std::abs(sum - 1.0) > 0.001) {
        *error = QCoreApplication::translate("Kpi", "KPI weights must add up to 1, not %1").arg(sum, 0, 'g', 6);
        return std::nullopt;
    }
    std::sort(w.m_entries.begin(), w.m_entries.end(),
        [](const auto& a, const auto& b) { return int(a.first) < int(b.first); });
    return w;
}

QByteArray KpiWeights::toJson() const
{
    QJsonObject o;
    for (const auto& [indicator, weight] : m_entries)
        o.insert(kpiIndicatorKey(indicator), weight);
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

double KpiWeights::weight(KpiIndicator indicator) const
{
    for (const auto& [i, w] : m_entries)
        if (i == indicator)
            return w;
    return 0;
}

std::optional<double> kpiRegisteredScore(qint64 registered, qint64 bestRegistered)
{
    if (bestRegistered <= 0)
        return std::nullopt;
    return 100.0 * clamp01(double(registered) / double(bestRegistered));
}

std::optional<double> kpiCompositeScore(const KpiValues& values,
    std::optional<double> registeredScore, const KpiWeights& weights)
{
    double weighted = 0;
    double weightSum = 0;
    bool anyRate = false;
    for (const auto& [indicator, weight] : weights.entries()) {
        std::optional<double> component;
        if (indicator == KpiIndicator::RegisteredScore) {
            component = registeredScore;
        } else if (const std::optional<double> rate = values.value(indicator)) {
            const double r = clamp01(*rate);
            component = 100.0 * (kpiLowerIsBetter(indicator) ? 1.0 - r : r);
            anyRate = true;
        }
        if (!component)
            continue;
        weighted += weight * *component;
        weightSum += weight;
    }
    if (!anyRate || weightSum <= 0)
        return std::nullopt;
    return weighted / weightSum;
}

QHash<QString, KpiScore> kpiScoreUnits(const QHash<QString, KpiCounts>& units,
    const KpiWeights& weights)
{
    qint64 best = 0;
    for (const KpiCounts& c : units)
        best = std::max(best, c.registered);
    QHash<QString, KpiScore> scores;
    scores.reserve(units.size());
    for (auto it = units.begin(); it != units.end(); ++it) {
        KpiScore s;
        s.values = KpiValues::from(it.value());
        s.registeredScore = kpiRegisteredScore(it.value().registered, best);
        s.composite = kpiCompositeScore(s.values, s.registeredScore, weights);
        s.grade = kpiGradeFor(s.composite);
        scores.insert(it.key(), s);
    }
    return scores;
}

QStringList kpiRanking(const QHash<QString, KpiScore>& scores)
{
    QStringList codes = scores.keys();
    // Empty values sort after every defined one.
    auto key = [](const std::optional<double>& v) { return v ? *v : -1e300; };
    std::sort(codes.begin(), codes.end(), [&](const QString& a, const QString& b) {
        const KpiScore& sa = scores[a];
        const KpiScore& sb = scores[b];
        if (key(sa.composite) != key(sb.composite))
            return key(sa.composite) > key(sb.composite);
        if (key(sa.values.closureRate) != key(sb.values.closureRate))
            return key(sa.values.closureRate) > key(sb.values.closureRate);
        return a < b;
    });
    return codes;
}

KpiChange kpiChange(std::optional<double> current, std::optional<double> previous)
{
    KpiChange change;
    if (!current || !previous)
        return change;
    change.absolute = *current - *previous;
    if (*previous != 0)
        change.relative = (*current - *previous) / std::abs(*previous);
    return change;
}

KpiChange kpiChange(qint64 current, qint64 previous)
{
    return kpiChange(std::optional<double>(double(current)), std::optional<double>(double(previous)));
}

WorkerValues kpiWorkerValues(const WorkerActivity& a)
{
    WorkerValues v;
    v.onlineRate = a.scheduledSeconds > 0
        ? std::optional<double>(clamp01(double(a.onlineSeconds) / double(a.scheduledSeconds)))
        : std::nullopt;
    v.patrolKm = std::max(0.0, a.patrolMeters) / 1000.0;
    v.gridsCovered = std::max(0, a.gridsVisited);
    v.coverageRate = a.gridsAssigned > 0
        ? std::optional<double>(clamp01(double(v.gridsCovered) / double(a.gridsAssigned)))
        : std::nullopt;
    v.reportsMade = a.reportsMade;
    v.onTimeHandlingRate = kpiRatio(a.handledOnTime, a.handled);
    return v;
}

QString kpiFormatRate(std::optional<double> rate, int decimals)
{
    if (!rate || !std::isfinite(*rate))
        return QCoreApplication::translate("Kpi", "—");
    return QCoreApplication::translate("Kpi", "%1 %").arg(*rate * 100.0, 0, 'f', decimals);
}

QString kpiFormatScore(std::optional<double> score, int decimals)
{
    if (!score || !std::isfinite(*score))
        return QCoreApplication::translate("Kpi", "—");
    return QString::number(*score, 'f', decimals);
}

QString kpiFormatChange(const KpiChange& change, bool isRate)
{
    if (!change.absolute || !std::isfinite(*change.absolute))
        return QCoreApplication::translate("Kpi", "—");
    const double v = isRate ? *change.absolute * 100.0 : *change.absolute;
    // U+2212 minus reads better than a hyphen on the wall.
    const QString sign = v > 0 ? QStringLiteral("+") : (v < 0 ? QStringLiteral("\u2212") : QString());
    const QString number = QString::number(std::abs(v), 'f', isRate ? 1 : 0);
    return isRate ? QCoreApplication::translate("Kpi", "%1%2 pp").arg(sign, number) : sign + number;
}

} // namespace gridhall
