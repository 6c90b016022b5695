#include "models/domain/sla.h"

#include "models/domain/taxonomy.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace gridhall {

namespace {
constexpr int kMaxMinutes = 60 * 24 * 365;

bool readSteps(const QJsonObject& o, std::array<int, kSlaStepCount>* minutes, QString* error,
    const QString& where)
{
    for (auto it = o.begin(); it != o.end(); ++it) {
        int index = -1;
        for (int s = 0; s < kSlaStepCount; ++s)
            if (slaStepKey(SlaStep(s)) == it.key())
                index = s;
        if (index < 0) {
            *error = QCoreApplication::translate("SlaPolicy", "%1: unknown step \"%2\"").arg(where, it.key());
            return false;
        }
        const double v = it.value().toDouble(-1);
        if (!it.value().isDouble() || v < 1 || v > kMaxMinutes) {
            *error = QCoreApplication::translate("SlaPolicy", "%1: minutes for \"%2\" must be between 1 and %3")
                         .arg(where, it.key())
                         .arg(kMaxMinutes);
            return false;
        }
        (*minutes)[index] = int(v);
    }
    return true;
}
} // namespace

QString slaStepKey(SlaStep step)
{
    static const char* const keys[] = { "register", "dispatch", "accept", "handle", "verify", "close" };
    return QString::fromLatin1(keys[int(step)]);
}

QString slaStepDisplayName(SlaStep step)
{
    switch (step) {
    case SlaStep::Register: return QCoreApplication::translate("SlaStep", "Register");
    case SlaStep::Dispatch: return QCoreApplication::translate("SlaStep", "Dispatch");
    case SlaStep::Accept: return QCoreApplication::translate("SlaStep", "Reach the scene");
    case SlaStep::Handle: return QCoreApplication::translate("SlaStep", "Handle");
    case SlaStep::Verify: return QCoreApplication::translate("SlaStep", "Verify");
    case SlaStep::Close: return QCoreApplication::translate("SlaStep", "Close");
    }
    return {};
}

std::optional<SlaStep> slaStepFor(CaseState state)
{
    switch (state) {
    case CaseState::Reported: return SlaStep::Register;
    case CaseState::Registered: return SlaStep::Dispatch;
    case CaseState::Dispatched: return SlaStep::Accept;
    case CaseState::Handling: return SlaStep::Handle;
    case CaseState::FedBack: return SlaStep::Verify;
    case CaseState::Verified: return SlaStep::Close;
    case CaseState::Closed:
    case CaseState::Parked:
    case CaseState::Voided: return std::nullopt;
    }
    return std::nullopt;
}

QString slaLightKey(SlaLight light)
{
    static const char* const keys[] = { "none", "green", "yellow", "red" };
    return QString::fromLatin1(keys[int(light)]);
}

std::optional<SlaPolicy> SlaPolicy::fromJson(const QByteArray& json, QString* error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        *error = QCoreApplication::translate("SlaPolicy", "SLA policy is not a JSON object: %1").arg(parseError.errorString());
        return std::nullopt;
    }
    const QJsonObject root = doc.object();
    SlaPolicy policy;
    const QJsonValue ratio = root.value(QLatin1String("warningRatio"));
    if (!ratio.isUndefined()) {
        if (!ratio.isDouble() || ratio.toDouble() <= 0 || ratio.toDouble() >= 1) {
            *error = QCoreApplication::translate("SlaPolicy", "\"warningRatio\" must be a number between 0 and 1 (exclusive)");
            return std::nullopt;
        }
        policy.m_warningRatio = ratio.toDouble();
    }
    if (!readSteps(root.value(QLatin1String("defaults")).toObject(), &policy.m_defaults, error,
            QStringLiteral("defaults")))
        return std::nullopt;
    for (int s = 0; s < kSlaStepCount; ++s) {
        if (policy.m_defaults[s] == 0) {
            *error = QCoreApplication::translate("SlaPolicy", "\"defaults\" must give minutes for every step; \"%1\" is missing")
                         .arg(slaStepKey(SlaStep(s)));
            return std::nullopt;
        }
    }
    const QJsonArray rules = root.value(QLatin1String("rules")).toArray();
    for (qsizetype i = 0; i < rules.size(); ++i) {
        const QJsonObject ro = rules.at(i).toObject();
        const QString where = QCoreApplication::translate("SlaPolicy", "rule #%1").arg(i + 1);
        Rule rule;
        rule.categoryPrefix = ro.value(QLatin1String("category")).toString();
        if (ro.contains(QLatin1String("level"))) {
            HandlingLevel level;
            if (!handlingLevelFromKey(ro.value(QLatin1String("level")).toString(), &level)) {
                *error = QCoreApplication::translate("SlaPolicy", "%1: unknown level").arg(where);
                return std::nullopt;
            }
            rule.level = level;
        }
        if (ro.contains(QLatin1String("dispute"))) {
            DisputeLevel dispute;
            if (!disputeLevelFromKey(ro.value(QLatin1String("dispute")).toString(), &dispute)) {
                *error = QCoreApplication::translate("SlaPolicy", "%1: unknown dispute level").arg(where);
                return std::nullopt;
            }
            rule.dispute = dispute;
        }
        if (!ro.value(QLatin1String("steps")).isObject()) {
            *error = QCoreApplication::translate("SlaPolicy", "%1: needs a \"steps\" object").arg(where);
            return std::nullopt;
        }
        if (!readSteps(ro.value(QLatin1String("steps")).toObject(), &rule.minutes, error, where))
            return std::nullopt;
        policy.m_rules.append(rule);
    }
    return policy;
}

const SlaPolicy& SlaPolicy::builtIn()
{
    static const SlaPolicy policy = [] {
        QFile file(QStringLiteral(":/gridhall/domain/sla.json"));
        QString error;
        std::optional<SlaPolicy> p;
        if (file.open(QIODevice::ReadOnly))
            p = fromJson(file.readAll(), &error);
        if (!p)
            qFatal("GridHall's built-in SLA policy does not load: %s", qPrintable(error));
        return p.value_or(SlaPolicy {});
    }();
    return policy;
}

int SlaPolicy::limitMinutes(SlaStep step, const QString& categoryCode, HandlingLevel level,
    DisputeLevel dispute, const Taxonomy* taxonomy) const
{
    int minutes = m_defaults[int(step)];
    if (step == SlaStep::Handle && taxonomy) {
        if (const CategoryItem* item = taxonomy->item(categoryCode))
            minutes = item->handleLimitMinutes;
    }
    for (const Rule& rule : m_rules) {
        if (!categoryCode.startsWith(rule.categoryPrefix))
            continue;
        if (rule.level && *rule.level != level)
            continue;
        if (rule.dispute && *rule.dispute != dispute)
            continue;
        if (rule.minutes[int(step)] > 0)
            minutes = rule.minutes[int(step)];
    }
    return minutes > 0 ? minutes : 60;
}

SlaLight SlaPolicy::light(const QDateTime& stepStarted, const QDateTime& deadline,
    const QDateTime& now) const
{
    if (!stepStarted.isValid() || !deadline.isValid())
        return SlaLight::None;
    if (now > deadline)
        return SlaLight::Red;
    const qint64 span = stepStarted.msecsTo(deadline);
    const qint64 warnAt = qint64(double(span) * m_warningRatio);
    return stepStarted.msecsTo(now) >= warnAt ? SlaLight::Yellow : SlaLight::Green;
}

} // namespace gridhall
