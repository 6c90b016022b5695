// Taxonomy loading: the shipped file and every way a file can be wrong.

#include "models/domain/taxonomy.h"

#include <QSet>
#include <QTest>

using namespace gridhall;

class TestTaxonomy : public QObject {
    Q_OBJECT
private slots:
    void builtInIsComplete();
    void roundTrip();
    void loadErrors_data();
    void loadErrors();
};

void TestTaxonomy::builtInIsComplete()
{
    const Taxonomy& t = Taxonomy::builtIn();
    QVERIFY2(t.classes().size() >= 15, "DOMAIN.md: at least 15 classes");
    QVERIFY2(t.itemCount() >= 80, "DOMAIN.md: at least 80 items");
    QSet<QString> departments;
    for (const Department& d : builtInDepartments())
        departments.insert(d.code);
    QVERIFY(departments.size() >= 10);
    bool anyDispute[4] = {};
    for (const CategoryClass& cls : t.classes()) {
        for (const CategoryItem& item : cls.items) {
            QVERIFY2(departments.contains(item.defaultDepartment),
                qPrintable(item.code + QLatin1String(" → ") + item.defaultDepartment));
            QVERIFY2(item.code.startsWith(cls.code), qPrintable(item.code));
            QCOMPARE(t.item(item.code), &item);
            QCOMPARE(t.classOf(item.code), &cls);
            anyDispute[int(item.defaultDisputeLevel)] = true;
        }
    }
    QVERIFY2(anyDispute[int(DisputeLevel::Yellow)] && anyDispute[int(DisputeLevel::Orange)]
            && anyDispute[int(DisputeLevel::Red)],
        "the taxonomy grades disputes at all three levels");
    QVERIFY(!t.item(QStringLiteral("nope")));
}

void TestTaxonomy::roundTrip()
{
    const Taxonomy& t = Taxonomy::builtIn();
    QString error;
    const auto again = Taxonomy::fromJson(t.toJson(), &error);
    QVERIFY2(again, qPrintable(error));
    QCOMPARE(again->itemCount(), t.itemCount());
    QCOMPARE(again->toJson(), t.toJson());
}

void TestTaxonomy::loadErrors_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("mentions");
    QTest::addRow("truncated") << QByteArray(R"({"classes":[{"code":"01")") << QStringLiteral("offset");
    QTest::addRow("no classes") << QByteArray(R"({"version":1})") << QStringLiteral("classes");
    QTest::addRow("empty classes") << QByteArray(R"({"classes":[]})") << QStringLiteral("classes");
    QTest::addRow("class without name") << QByteArray(R"({"classes":[{"code":"01","en":"A","items":[]}]})") << QStringLiteral("#1");
    QTest::addRow("class without items") << QByteArray(R"({"classes":[{"code":"01","zh":"甲","en":"A","items":[]}]})") << QStringLiteral("01");
    QTest::addRow("item without department") << QByteArray(R"({"classes":[{"code":"01","zh":"甲","en":"A","items":[{"code":"0101","zh":"乙","en":"B"}]}]})") << QStringLiteral("department");
    QTest::addRow("duplicate item") << QByteArray(R"({"classes":[{"code":"01","zh":"甲","en":"A","items":[{"code":"0101","zh":"乙","en":"B","department":"CG"},{"code":"0101","zh":"丙","en":"C","department":"CG"}]}]})") << QStringLiteral("0101");
    QTest::addRow("duplicate class") << QByteArray(R"({"classes":[{"code":"01","zh":"甲","en":"A","items":[{"code":"0101","zh":"乙","en":"B","department":"CG"}]},{"code":"01","zh":"甲","en":"A","items":[{"code":"0102","zh":"乙","en":"B","department":"CG"}]}]})") << QStringLiteral("01");
    QTest::addRow("bad level") << QByteArray(R"({"classes":[{"code":"01","zh":"甲","en":"A","items":[{"code":"0101","zh":"乙","en":"B","department":"CG","level":"city"}]}]})") << QStringLiteral("city");
    QTest::addRow("bad dispute") << QByteArray(R"({"classes":[{"code":"01","zh":"甲","en":"A","items":[{"code":"0101","zh":"乙","en":"B","department":"CG","dispute":"blue"}]}]})") << QStringLiteral("blue");
    QTest::addRow("zero limit") << QByteArray(R"({"classes":[{"code":"01","zh":"甲","en":"A","items":[{"code":"0101","zh":"乙","en":"B","department":"CG","limitMinutes":0}]}]})") << QStringLiteral("limitMinutes");
    QTest::addRow("string limit") << QByteArray(R"({"classes":[{"code":"01","zh":"甲","en":"A","items":[{"code":"0101","zh":"乙","en":"B","department":"CG","limitMinutes":"60"}]}]})") << QStringLiteral("limitMinutes");
}

void TestTaxonomy::loadErrors()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, mentions);
    QString error;
    QVERIFY(!Taxonomy::fromJson(json, &error));
    QVERIFY2(error.contains(mentions), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestTaxonomy)
#include "tst_taxonomy.moc"
