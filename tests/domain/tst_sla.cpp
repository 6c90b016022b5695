// SLA policy: loading, rule precedence and the green/yellow/red light at its boundaries.

#include "models/domain/sla.h"
#include "models/domain/taxonomy.h"

#include <QTest>

using namespace gridhall;

class TestSla : public QObject {
    Q_OBJECT
private slots:
    void lightAtBoundaries_data();
    void lightAtBoundaries();
    void builtInIs1011();
    void rulesOverrideInOrder();
    void taxonomyLimitIsHandleDefault();
    void badPolicies_data();
    void badPolicies();
    void stepForState();
};

void TestSla::lightAtBoundaries_data()
{
    // A 100-minute step with the shipped 0.8 warning ratio: yellow from minute 80,
    // red only once past minute 100.
    QTest::addColumn<qint64>("elapsedMs");
    QTest::addColumn<int>("light");
    const qint64 min = 60'000;
    QTest::addRow("start") << qint64(0) << int(SlaLight::Green);
    QTest::addRow("just before warning") << 80 * min - 1 << int(SlaLight::Green);
    QTest::addRow("at warning") << 80 * min << int(SlaLight::Yellow);
    QTest::addRow("at deadline") << 100 * min << int(SlaLight::Yellow);
    QTest::addRow("just past deadline") << 100 * min + 1 << int(SlaLight::Red);
    QTest::addRow("long overdue") << 1000 * min << int(SlaLight::Red);
}

void TestSla::lightAtBoundaries()
{
    QFETCH(qint64, elapsedMs);
    QFETCH(int, light);
    const QDateTime start(QDate(2026, 11, 16), QTime(8, 0), Qt::UTC);
    const QDateTime deadline = start.addSecs(100 * 60);
    QCOMPARE(SlaPolicy::builtIn().warningRatio(), 0.8);
    QCOMPARE(int(SlaPolicy::builtIn().light(start, deadline, start.addMSecs(elapsedMs))), light);
}

void TestSla::builtInIs1011()
{
    const SlaPolicy& p = SlaPolicy::builtIn();
    // On scene within 10 minutes, ordinary problems within an hour, hard ones within a day.
    QCOMPARE(p.limitMinutes(SlaStep::Accept, QStringLiteral("9999"), HandlingLevel::Community, DisputeLevel::None), 10);
    QCOMPARE(p.limitMinutes(SlaStep::Handle, QStringLiteral("9999"), HandlingLevel::Community, DisputeLevel::None), 60);
    QCOMPARE(p.limitMinutes(SlaStep::Handle, QStringLiteral("9999"), HandlingLevel::District, DisputeLevel::None), 1440);
    QCOMPARE(p.limitMinutes(SlaStep::Handle, QStringLiteral("9999"), HandlingLevel::Community, DisputeLevel::Red), 1440);
    QCOMPARE(p.limitMinutes(SlaStep::Dispatch, QStringLiteral("9999"), HandlingLevel::Community, DisputeLevel::Red), 5);
}

void TestSla::rulesOverrideInOrder()
{
    QString error;
    const auto p = SlaPolicy::fromJson(R"({
        "defaults": {"register":30,"dispatch":15,"accept":10,"handle":60,"verify":120,"close":240},
        "rules": [
          {"category":"01","steps":{"handle":90}},
          {"category":"0105","steps":{"handle":45}},
          {"category":"01","level":"street","steps":{"handle":300}},
          {"dispute":"red","steps":{"dispatch":3}}
        ]})",
        &error);
    QVERIFY2(p, qPrintable(error));
    QCOMPARE(p->limitMinutes(SlaStep::Handle, QStringLiteral("0201"), HandlingLevel::Community, DisputeLevel::None), 60);
    QCOMPARE(p->limitMinutes(SlaStep::Handle, QStringLiteral("0101"), HandlingLevel::Community, DisputeLevel::None), 90);
    QCOMPARE(p->limitMinutes(SlaStep::Handle, QStringLiteral("0105"), HandlingLevel::Community, DisputeLevel::None), 45);
    QCOMPARE(p->limitMinutes(SlaStep::Handle, QStringLiteral("0105"), HandlingLevel::Street, DisputeLevel::None), 300);
    QCOMPARE(p->limitMinutes(SlaStep::Dispatch, QStringLiteral("0105"), HandlingLevel::Street, DisputeLevel::Red), 3);
    QCOMPARE(p->limitMinutes(SlaStep::Verify, QStringLiteral("0105"), HandlingLevel::Street, DisputeLevel::Red), 120);
}

void TestSla::taxonomyLimitIsHandleDefault()
{
    QString error;
    const auto t = Taxonomy::fromJson(R"({"classes":[{"code":"01","zh":"甲","en":"A","items":[
        {"code":"0101","zh":"乙","en":"B","department":"CG","limitMinutes":25}]}]})",
        &error);
    QVERIFY2(t, qPrintable(error));
    const auto p = SlaPolicy::fromJson(R"({"defaults": {"register":30,"dispatch":15,"accept":10,"handle":60,"verify":120,"close":240},
        "rules":[{"level":"district","steps":{"handle":999}}]})",
        &error);
    QVERIFY2(p, qPrintable(error));
    QCOMPARE(p->limitMinutes(SlaStep::Handle, QStringLiteral("0101"), HandlingLevel::Community, DisputeLevel::None, &*t), 25);
    // A rule is more specific than the item's default.
    QCOMPARE(p->limitMinutes(SlaStep::Handle, QStringLiteral("0101"), HandlingLevel::District, DisputeLevel::None, &*t), 999);
    QCOMPARE(p->limitMinutes(SlaStep::Verify, QStringLiteral("0101"), HandlingLevel::Community, DisputeLevel::None, &*t), 120);
}

void TestSla::badPolicies_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("mentions");
    const QByteArray defaults = R"("defaults": {"register":30,"dispatch":15,"accept":10,"handle":60,"verify":120,"close":240})";
    QTest::addRow("not json") << QByteArray("{ nope") << QStringLiteral("JSON");
    QTest::addRow("missing step") << QByteArray(R"({"defaults":{"register":30}})") << QStringLiteral("dispatch");
    QTest::addRow("unknown step") << QByteArray("{" + defaults + R"(,"rules":[{"steps":{"lunch":5}}]})") << QStringLiteral("lunch");
    QTest::addRow("negative minutes") << QByteArray("{" + defaults + R"(,"rules":[{"steps":{"handle":-5}}]})") << QStringLiteral("handle");
    QTest::addRow("string minutes") << QByteArray("{" + defaults + R"(,"rules":[{"steps":{"handle":"60"}}]})") << QStringLiteral("handle");
    QTest::addRow("bad level") << QByteArray("{" + defaults + R"(,"rules":[{"level":"galaxy","steps":{"handle":5}}]})") << QStringLiteral("rule #1");
    QTest::addRow("bad dispute") << QByteArray("{" + defaults + R"(,"rules":[{"dispute":"purple","steps":{"handle":5}}]})") << QStringLiteral("rule #1");
    QTest::addRow("rule without steps") << QByteArray("{" + defaults + R"(,"rules":[{"level":"street"}]})") << QStringLiteral("steps");
    QTest::addRow("ratio out of range") << QByteArray("{" + defaults + R"(,"warningRatio":1.5})") << QStringLiteral("warningRatio");
}

void TestSla::badPolicies()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, mentions);
    QString error;
    QVERIFY(!SlaPolicy::fromJson(json, &error));
    QVERIFY2(error.contains(mentions), qPrintable(error));
}

void TestSla::stepForState()
{
    QCOMPARE(slaStepFor(CaseState::Reported), SlaStep::Register);
    QCOMPARE(slaStepFor(CaseState::Verified), SlaStep::Close);
    QVERIFY(!slaStepFor(CaseState::Closed));
    QVERIFY(!slaStepFor(CaseState::Parked));
    QVERIFY(!slaStepFor(CaseState::Voided));
    QCOMPARE(SlaPolicy::builtIn().light({}, {}, QDateTime::currentDateTimeUtc()), SlaLight::None);
}

QTEST_GUILESS_MAIN(TestSla)
#include "tst_sla.moc"
