// demo-data and import-grids given a postgresql:// URI, against a real PostgreSQL cluster
// (pgcluster.h): demo-data builds the hall in SQLite and moves it with copy-db's copy and
// proofs; import-grids upserts into a live hall while a server serves it.

#include "tests/server/serverharness.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace gridhall;
using namespace gridhall::testing;

class TestServerPgCommands : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_uri;

    // One number from psql.
    qint64 scalar(const QString& sql)
    {
        QByteArray out;
        if (testCluster()->psql(sql, &out, QStringLiteral("demopg")) != 0)
            return -1;
        return out.trimmed().toLongLong();
    }

    // Two grid cells of a district the demo does not have, in GeoJSON with the field names
    // import-grids detects.
    QString writeGrids(const QString& name, const QString& secondName)
    {
        auto feature = [](const QString& code, const QString& gridName, double w) {
            return QStringLiteral(R"({"type":"Feature","properties":{"网格编码":"%1","网格名称":"%2","街道名称":"林和街道","社区名称":"龙口社区"},)"
                                  R"("geometry":{"type":"Polygon","coordinates":[[[%3,23.12],[%4,23.12],[%4,23.125],[%3,23.125],[%3,23.12]]]}})")
                .arg(code, gridName)
                .arg(w, 0, 'f', 3)
                .arg(w + 0.005, 0, 'f', 3);
        };
        const QString json = QStringLiteral(R"({"type":"FeatureCollection","features":[%1,%2]})")
                                 .arg(feature(QStringLiteral("440106002001001"), QStringLiteral("龙口第1网格"), 113.300),
                                     feature(QStringLiteral("440106002001002"), secondName, 113.305));
        QFile f(m_dir.filePath(name));
        if (!f.open(QIODevice::WriteOnly))
            return {};
        f.write(json.toUtf8());
        return f.fileName();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QString error;
        PgCluster* cluster = testCluster(&error);
        QVERIFY2(cluster, qPrintable(error));
        QVERIFY2(cluster->createDatabase(QStringLiteral("demopg"), &error), qPrintable(error));
        m_uri = cluster->uri(QStringLiteral("demopg"));
    }

    void demoDataOnPostgres()
    {
        QByteArray out;
        QCOMPARE(runServerCommand({ "demo-data", "--db", m_uri, "--cases-per-day", "20", "--end", "2026-11-20", "--seed", "3" }, {}, &out), 0);
        QVERIFY2(out.contains("copy verified") && out.contains("Done:"), out.constData());
        // A new hall has no audit entries: nothing about a key it cannot read.
        QVERIFY2(out.contains("audit: no entries yet on the target") && !out.contains("audit key"), out.constData());
        static const QRegularExpression sum(QStringLiteral("case checksum: ([0-9a-f]{16}) \\((\\d+) cases\\) in the source, ([0-9a-f]{16})"));
        const QRegularExpressionMatch m = sum.match(QString::fromUtf8(out));
        QVERIFY2(m.hasMatch() && m.captured(1) == m.captured(3), out.constData());
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM cases")), m.captured(2).toLongLong());
        QVERIFY(scalar(QStringLiteral("SELECT count(*) FROM grids")) > 2000);
        // The same as the SQLite hall of the same seed: the same cases.
        const QString file = m_dir.filePath("demo.db");
        QByteArray fileOut;
        QCOMPARE(runServerCommand({ "demo-data", "--db", file, "--cases-per-day", "20", "--end", "2026-11-20", "--seed", "3" }, {}, &fileOut), 0);
        static const QRegularExpression done(QStringLiteral("Done: (\\d+) cases and (\\d+) events"));
        QCOMPARE(done.match(QString::fromUtf8(out)).captured(0), done.match(QString::fromUtf8(fileOut)).captured(0));
        // A database that holds a hall is refused, and keeps it.
        QCOMPARE(runServerCommand({ "demo-data", "--db", m_uri, "--cases-per-day", "5", "--seed", "4" }, {}, &out), 1);
        QVERIFY2(out.contains("already holds a hall"), out.constData());
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM cases")), m.captured(2).toLongLong());
    }

    void importGridsIntoLiveHall()
    {
        const qint64 grids = scalar(QStringLiteral("SELECT count(*) FROM grids"));
        const qint64 cases = scalar(QStringLiteral("SELECT count(*) FROM cases"));
        QVERIFY(grids > 0 && cases > 0);
        // A server serves the hall meanwhile; the import runs beside it.
        ServerProcess server;
        QVERIFY(server.start(m_uri, 0, { "--audit-key", m_dir.filePath("demopg.audit-key") }));
        QByteArray out;
        QCOMPARE(runServerCommand({ "import-grids", "--db", m_uri, "--district-name", "天河区", writeGrids("a.geojson", "龙口第2网格") }, {}, &out), 0);
        QVERIFY2(out.contains("Imported"), out.constData());
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM grids")), grids + 2);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM districts WHERE code = '440106' AND name = '天河区'")), 1);
        // Again with a renamed cell: updated by code, nothing added, cases untouched.
        QCOMPARE(runServerCommand({ "import-grids", "--db", m_uri, writeGrids("b.geojson", "新名字网格") }, {}, &out), 0);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM grids")), grids + 2);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM grids WHERE code = '440106002001002' AND name = '新名字网格'")), 1);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM districts WHERE code = '440106' AND name = '天河区'")), 1);
        QCOMPARE(scalar(QStringLiteral("SELECT count(*) FROM cases")), cases);
        QVERIFY(server.processId() > 0); // still serving
    }

    // Issue 14: bulk paths use COPY. The cells go by one COPY into a temporary table and one
    // upsert from it (PostgreSQL's statement log: one INSERT INTO grids for three cells, not
    // one each), and the result is the same as the SQLite hall's of the same file, a name
    // with a backslash and a tab included.
    void importGridsCopiesAndMatchesSqlite()
    {
        QString error;
        QVERIFY2(testCluster()->createDatabase(QStringLiteral("importpg"), &error), qPrintable(error));
        QCOMPARE(testCluster()->psql(QStringLiteral("ALTER DATABASE importpg SET log_statement = 'all'")), 0);
        QFile log(testCluster()->path() + QStringLiteral("/log"));
        QVERIFY(log.open(QIODevice::ReadOnly));
        log.seek(log.size());
        // The second file renames a cell: its second import updates by code.
        const QString first = writeGrids("c1.geojson", "龙口\\t第2网格");
        const QString second = writeGrids("c2.geojson", "龙口\\\\第2\\t网格");
        const QString file = m_dir.filePath("import.db");
        QByteArray out;
        for (const QString& db : { testCluster()->uri(QStringLiteral("importpg")), file })
            for (const QString& source : { first, second })
                QVERIFY2(runServerCommand({ "import-grids", "--db", db, "--district-name", "天河区", source }, {}, &out) == 0, out.constData());
        int copies = 0, upserts = 0;
        for (const QByteArray& line : log.readAll().split('\n')) {
            copies += line.contains("COPY import_grids");
            upserts += line.contains("INSERT INTO grids");
        }
        QCOMPARE(copies, 2);
        QCOMPARE(upserts, 2);

        const QList<QStringList> lite = queryServerDb(file, "SELECT code, name, community_code, street_code, hex(boundary), centroid_lon, centroid_lat FROM grids ORDER BY code");
        QByteArray pgOut;
        QCOMPARE(testCluster()->psql(QStringLiteral("SELECT code, name, community_code, street_code, upper(encode(boundary, 'hex')), centroid_lon, centroid_lat "
                                                    "FROM grids ORDER BY code"),
                     &pgOut, QStringLiteral("importpg")),
            0);
        const QList<QByteArray> pgRows = pgOut.trimmed().split('\n');
        QCOMPARE(lite.size(), 2);
        QCOMPARE(pgRows.size(), 2);
        QCOMPARE(lite[1][1], QStringLiteral("龙口\\第2\t网格"));
        for (int i = 0; i < 2; ++i) {
            const QStringList pg = QString::fromUtf8(pgRows[i]).split(QChar(0x1f));
            QCOMPARE(pg.mid(0, 5), lite[i].mid(0, 5));
            QCOMPARE(pg[5].toDouble(), lite[i][5].toDouble());
            QCOMPARE(pg[6].toDouble(), lite[i][6].toDouble());
        }
    }
};

QTEST_GUILESS_MAIN(TestServerPgCommands)
#include "tst_serverpgcommands.moc"
