#pragma once
// Time limits per step (SLA) and the standard green/yellow/red light.
// Limits differ by category, level and dispute grade, so they are configuration:
// a JSON policy of defaults plus rules applied in order, each overriding the steps it names.

#include "models/domain/casetypes.h"

#include <QList>
#include <QString>
#include <array>
#include <optional>

namespace gridhall {

class Taxonomy;

enum class SlaStep { Register, Dispatch, Accept, Handle, Verify, Close };
constexpr int kSlaStepCount = 6;
QString slaStepKey(SlaStep step);
QString slaStepDisplayName(SlaStep step);
// The step a case in this state is working on; nothing for closed, voided and parked cases.
std::optional<SlaStep> slaStepFor(CaseState state);

enum class SlaLight { None, Green, Yellow, Red };
QString slaLightKey(SlaLight light);

class SlaPolicy {
public:
    static std::optional<SlaPolicy> fromJson(const QByteArray& json, QString* error);
    // The shipped default: Guiyang 水东's "1011" (10 min on scene, 1 h ordinary, 1 day hard).
    static const SlaPolicy& builtIn();

    // Minutes allowed for a step of a case of this category, level and dispute grade.
    // The item's own handling limit is the default for the Handle step.
    int limitMinutes(SlaStep step, const QString& categoryCode, HandlingLevel level,
        DisputeLevel dispute, const Taxonomy* taxonomy = nullptr) const;
    double warningRatio() const { return m_warningRatio; }

    // Green until the warning threshold, yellow from it, red once past the deadline.
    SlaLight light(const QDateTime& stepStarted, const QDateTime& deadline,
        const QDateTime& now) const;

private:
    struct Rule {
        QString categoryPrefix; // "" matches all; a class code matches its items
        std::optional<HandlingLevel> level;
        std::optional<DisputeLevel> dispute;
        std::array<int, kSlaStepCount> minutes {}; // 0: not set by this rule
    };
    double m_warningRatio = 0.8;
    std::array<int, kSlaStepCount> m_defaults {};
    QList<Rule> m_rules;
};

} // namespace gridhall
