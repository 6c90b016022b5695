// The GIS reader: formats, CRSs, field detection, code derivation and every kind of bad input.

#include "gisfixtures.h"
#include "maps/gisimport.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace gridhall;
using namespace gistest;

class TestGisImport : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void formatsAndCrs_data();
    void formatsAndCrs();
    void englishFieldsDeriveCodes();
    void explicitFieldsOverrideDetection();
    void missingGridField();
    void parentBoundariesAreUnions();
    void overlappingCellsStillUnion();
    void progressReachesTotal();
    void bowTieIsRepaired();
    void collapsedPolygonIsAnError();
    void duplicateCodes();
    void missingStreetValues();
    void emptyLayer();
    void shapefileWithoutPrj();
    void wrongAssumedCrsIsOutOfRange();
    void shapefileWithoutCpgNeedsEncoding();
    void truncatedShapefile();
    void garbageFile();
    void missingFile();
    void pointsInsteadOfPolygons();
    void mixedCodeStylesAreErrors();
    void unknownLayer();

private:
    QString path(const QString& name) const { return m_dir.filePath(name); }
    static bool hasProblem(const GridImportResult& r, GisProblemKind kind, const QString& needle = {}, qint64 fid = -2);
    static QString problemsText(const GridImportResult& r);
    // Every original vertex has an imported vertex within tolerance, and counts agree.
    static void compareToSample(const GridImportResult& r, bool localCodes, double tolerance);

    QTemporaryDir m_dir;
    QList<CellSpec> m_cells;
};

void TestGisImport::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_cells = sampleCells();
    QCOMPARE(m_cells.size(), 24);
}

bool TestGisImport::hasProblem(const GridImportResult& r, GisProblemKind kind, const QString& needle, qint64 fid)
{
    for (const GisProblem& p : r.problems)
        if (p.kind == kind && (needle.isEmpty() || p.message.contains(needle)) && (fid == -2 || p.fid == fid))
            return true;
    return false;
}

QString TestGisImport::problemsText(const GridImportResult& r)
{
    QStringList lines;
    for (const GisProblem& p : r.problems)
        lines.append(p.message);
    return lines.join(QLatin1Char('\n'));
}

void TestGisImport::compareToSample(const GridImportResult& r, bool localCodes, double tolerance)
{
    QCOMPARE(r.grids.size(), 24);
    QCOMPARE(r.communities.size(), 6);
    QCOMPARE(r.streets.size(), 3);
    QHash<QString, const GridCell*> byName;
    for (const GridCell& g : r.grids)
        byName.insert(g.name, &g);
    for (const CellSpec& cell : sampleCells()) {
        // With local codes and a name field the name is the grid name; the code is derived.
        const GridCell* g = byName.value(cell.gridName);
        QVERIFY2(g, qPrintable(cell.gridName));
        if (!localCodes)
            QCOMPARE(g->code, cell.gridCode);
        QCOMPARE(g->code.size(), 15);
        QCOMPARE(g->streetCode, g->code.left(9));
        QCOMPARE(g->communityCode, g->code.left(12));
        QCOMPARE(g->boundary.parts.size(), 1);
        const Ring& ring = g->boundary.parts.first().outer;
        QCOMPARE(ring.size(), cell.ring.size());
        for (const LonLat& expected : cell.ring) {
            bool found = false;
            for (const LonLat& got : ring)
                found = found || (std::abs(got.lon - expected.lon) < tolerance && std::abs(got.lat - expected.lat) < tolerance);
            QVERIFY2(found, qPrintable(QStringLiteral("%1: vertex %2 %3 missing").arg(cell.gridName).arg(expected.lon).arg(expected.lat)));
        }
        const LonLat c = g->centroid;
        QVERIFY(g->boundary.contains(c));
    }
    QHash<QString, QString> streetNames;
    for (const Street& s : r.streets)
        streetNames.insert(s.code, s.name);
    for (const GridCell& g : r.grids)
        QVERIFY(streetNames.contains(g.streetCode));
    QVERIFY(streetNames.values().contains(QStringLiteral("林和街道")));
}

void TestGisImport::formatsAndCrs_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("driver");
    QTest::addColumn<int>("epsg");
    QTest::addColumn<QStringList>("layerOptions");
    QTest::addColumn<QString>("expectedCrs");

    QTest::newRow("shapefile GBK in CGCS2000 GK CM114E") << "gk.shp" << "ESRI Shapefile" << 4547
                                                         << QStringList { QStringLiteral("ENCODING=CP936") } << "EPSG:4547";
    QTest::newRow("geopackage in CGCS2000") << "cgcs.gpkg" << "GPKG" << 4490 << QStringList {} << "EPSG:4490";
    QTest::newRow("geojson in WGS84") << "wgs.geojson" << "GeoJSON" << 4326 << QStringList {} << "EPSG:4326";
    QTest::newRow("kml") << "grids.kml" << "KML" << 4326 << QStringList {} << "EPSG:4326";
}

void TestGisImport::formatsAndCrs()
{
    QFETCH(QString, file);
    QFETCH(QString, driver);
    QFETCH(int, epsg);
    QFETCH(QStringList, layerOptions);
    QFETCH(QString, expectedCrs);

    const QString written = writeLayer(path(file), driver.toUtf8().constData(), epsg,
        featuresFor(m_cells, chineseFields()), layerOptions);
    QVERIFY2(written.isEmpty(), qPrintable(written));

    const GridImportResult r = readGridBoundaries(path(file));
    QVERIFY2(r.ok(), qPrintable(problemsText(r)));
    QCOMPARE(r.sourceCrs, expectedCrs);
    QVERIFY(!r.codesDerived);
    QCOMPARE(r.fieldsUsed.gridCode, QStringLiteral("网格编码"));
    QCOMPARE(r.fieldsUsed.street, QStringLiteral("街道名称"));
    QCOMPARE(r.fieldsUsed.community, QStringLiteral("社区名称"));
    QCOMPARE(r.fieldsUsed.gridName, QStringLiteral("网格名称"));
    QCOMPARE(r.district.code, QStringLiteral("440106"));
    QCOMPARE(r.repairedCount, 0);
    compareToSample(r, false, 1e-6);
}

void TestGisImport::englishFieldsDeriveCodes()
{
    const FieldNames english { QStringLiteral("GRID_CODE"), {}, QStringLiteral("STREET_NAME"), {},
        QStringLiteral("COMMUNITY"), {} };
    QList<CellSpec> shuffled = m_cells;
    std::reverse(shuffled.begin(), shuffled.end()); // order in the file must not matter
    QVERIFY(writeLayer(path("english.gpkg"), "GPKG", 4490, featuresFor(shuffled, english, true)).isEmpty());

    GisImportOptions options;
    GridImportResult r = readGridBoundaries(path("english.gpkg"), options);
    QVERIFY(!r.ok());
    QVERIFY2(hasProblem(r, GisProblemKind::BadCode, QStringLiteral("--district-code")), qPrintable(problemsText(r)));

    options.districtCode = QStringLiteral("440106");
    r = readGridBoundaries(path("english.gpkg"), options);
    QVERIFY2(r.ok(), qPrintable(problemsText(r)));
    QVERIFY(r.codesDerived);
    QCOMPARE(r.fieldsUsed.gridCode, QStringLiteral("GRID_CODE"));
    QCOMPARE(r.fieldsUsed.street, QStringLiteral("STREET_NAME"));
    QCOMPARE(r.fieldsUsed.community, QStringLiteral("COMMUNITY"));
    QVERIFY(r.fieldsUsed.gridName.isEmpty());
    QCOMPARE(r.grids.size(), 24);
    QSet<QString> codes;
    for (const GridCell& g : r.grids) {
        QVERIFY(g.code.startsWith(QStringLiteral("440106")));
        QVERIFY(g.name.startsWith(QStringLiteral("TH-"))); // the local code stays visible
        codes.insert(g.code);
    }
    QCOMPARE(codes.size(), 24);
    // Natural order within a community: TH-2-1-1 … TH-2-1-4 get 001 … 004.
    for (const GridCell& g : r.grids)
        QCOMPARE(g.code.right(3), QStringLiteral("%1").arg(g.name.section(QLatin1Char('-'), 3).toInt(), 3, 10, QLatin1Char('0')));

    // Deterministic: the same file in another order and format yields the same codes.
    QVERIFY(writeLayer(path("english.geojson"), "GeoJSON", 4326, featuresFor(m_cells, english, true)).isEmpty());
    const GridImportResult again = readGridBoundaries(path("english.geojson"), options);
    QVERIFY2(again.ok(), qPrintable(problemsText(again)));
    QHash<QString, QString> first, second;
    for (const GridCell& g : r.grids)
        first.insert(g.name, g.code);
    for (const GridCell& g : again.grids)
        second.insert(g.name, g.code);
    QCOMPARE(first, second);

    // Given street and community codes are kept.
    const FieldNames withCodes { QStringLiteral("WGBM"), QStringLiteral("WGMC"), QStringLiteral("JD"),
        QStringLiteral("STREET_CODE"), QStringLiteral("SQ"), QStringLiteral("COMMUNITY_CODE") };
    QVERIFY(writeLayer(path("codes.geojson"), "GeoJSON", 4326, featuresFor(m_cells, withCodes, true)).isEmpty());
    const GridImportResult coded = readGridBoundaries(path("codes.geojson"), options);
    QVERIFY2(coded.ok(), qPrintable(problemsText(coded)));
    QCOMPARE(coded.fieldsUsed.streetCode, QStringLiteral("STREET_CODE"));
    QCOMPARE(coded.fieldsUsed.communityCode, QStringLiteral("COMMUNITY_CODE"));
    compareToSample(coded, false, 1e-9); // the derived grid codes equal the sample's
}

void TestGisImport::explicitFieldsOverrideDetection()
{
    // STREET holds a wrong value; the operator says the street is in 所属街道.
    QList<FeatureSpec> features = featuresFor(m_cells, chineseFields());
    for (int i = 0; i < features.size(); ++i) {
        const QString street = features[i].attributes[2].second;
        features[i].attributes[2] = { QStringLiteral("所属街道"), street };
        features[i].attributes.append({ QStringLiteral("STREET"), QStringLiteral("旧街道") });
    }
    QVERIFY(writeLayer(path("override.gpkg"), "GPKG", 4490, features).isEmpty());

    GridImportResult r = readGridBoundaries(path("override.gpkg"));
    QVERIFY2(r.ok(), qPrintable(problemsText(r)));
    QCOMPARE(r.fieldsUsed.street, QStringLiteral("STREET"));
    QCOMPARE(r.district.code, QStringLiteral("440106"));
    QCOMPARE(r.streets.first().name, QStringLiteral("旧街道"));

    GisImportOptions options;
    options.fields.street = QStringLiteral("所属街道");
    r = readGridBoundaries(path("override.gpkg"), options);
    QVERIFY2(r.ok(), qPrintable(problemsText(r)));
    QCOMPARE(r.fieldsUsed.street, QStringLiteral("所属街道"));
    compareToSample(r, false, 1e-9);

    options.fields.street = QStringLiteral("NO_SUCH_FIELD");
    r = readGridBoundaries(path("override.gpkg"), options);
    QVERIFY(!r.ok());
    QVERIFY2(hasProblem(r, GisProblemKind::MissingField, QStringLiteral("NO_SUCH_FIELD")), qPrintable(problemsText(r)));
    QVERIFY(r.grids.isEmpty());
}

void TestGisImport::missingGridField()
{
    const FieldNames noCode { {}, QStringLiteral("网格名称"), QStringLiteral("街道"), {}, QStringLiteral("社区"), {} };
    QVERIFY(writeLayer(path("nocode.geojson"), "GeoJSON", 4326, featuresFor(m_cells, noCode)).isEmpty());
    GridImportResult r = readGridBoundaries(path("nocode.geojson"));
    QVERIFY(!r.ok());
    QVERIFY2(hasProblem(r, GisProblemKind::MissingField, QStringLiteral("--grid-field")), qPrintable(problemsText(r)));
    QVERIFY(hasProblem(r, GisProblemKind::MissingField, QStringLiteral("网格名称"))); // lists the fields there are
    QVERIFY(r.grids.isEmpty());

    // Naming the field by hand makes the same file importable (the names are unique).
    GisImportOptions options;
    options.fields.gridCode = QStringLiteral("网格名称");
    options.districtCode = QStringLiteral("440106");
    r = readGridBoundaries(path("nocode.geojson"), options);
    QVERIFY2(r.ok(), qPrintable(problemsText(r)));
    QCOMPARE(r.grids.size(), 24);
}

void TestGisImport::parentBoundariesAreUnions()
{
    QVERIFY(writeLayer(path("union.shp"), "ESRI Shapefile", 4547, featuresFor(m_cells, chineseFields()),
                { QStringLiteral("ENCODING=CP936") })
                .isEmpty());
    const GridImportResult r = readGridBoundaries(path("union.shp"));
    QVERIFY2(r.ok(), qPrintable(problemsText(r)));
    QHash<QString, double> cellArea;
    for (const GridCell& g : r.grids)
        cellArea[g.communityCode] += g.boundary.areaDeg2();
    for (const Community& c : r.communities) {
        // Four adjacent cells merge into one part with the same area.
        QCOMPARE(c.boundary.parts.size(), 1);
        QVERIFY(std::abs(c.boundary.areaDeg2() - cellArea.value(c.code)) < 1e-9);
        for (const GridCell& g : r.grids)
            QCOMPARE(c.boundary.contains(g.centroid), g.communityCode == c.code);
    }
    for (const Street& s : r.streets) {
        QCOMPARE(s.boundary.parts.size(), 1);
        QCOMPARE(s.districtCode, QStringLiteral("440106"));
    }
    QCOMPARE(r.district.boundary.parts.size(), 1);
    const GeoBox box = r.district.boundary.bounds();
    QVERIFY(std::abs(box.west - 113.30) < 1e-6 && std::abs(box.east - 113.36) < 1e-6);
    QVERIFY(std::abs(box.south - 23.12) < 1e-6 && std::abs(box.north - 23.13) < 1e-6);

    GisImportOptions options;
    options.deriveParentBoundaries = false;
    const GridImportResult plain = readGridBoundaries(path("union.shp"), options);
    QVERIFY(plain.ok());
    QVERIFY(plain.streets.first().boundary.isEmpty());
    QCOMPARE(plain.grids.size(), 24);
}

void TestGisImport::overlappingCellsStillUnion()
{
    // Cell 0 reaches halfway into cell 2 above it: not a clean coverage, so the fast union's
    // result must be rejected and the general one used. The community's outline is unchanged.
    QList<CellSpec> cells = m_cells;
    cells[0].ring[3].lat += 0.0025;
    cells[0].ring[4].lat += 0.0025;
    QVERIFY(writeLayer(path("overlap.gpkg"), "GPKG", 4490, featuresFor(cells, chineseFields())).isEmpty());
    const GridImportResult r = readGridBoundaries(path("overlap.gpkg"));
    QVERIFY2(r.ok(), qPrintable(problemsText(r)));
    double expected = 0;
    for (int i = 0; i < 4; ++i) {
        MultiPolygon original;
        original.parts.append(Polygon { m_cells[i].ring, {} });
        expected += original.areaDeg2();
    }
    bool checked = false;
    for (const Community& c : r.communities) {
        if (c.code != m_cells[0].communityCode)
            continue;
        checked = true;
        QCOMPARE(c.boundary.parts.size(), 1);
        QVERIFY2(std::abs(c.boundary.areaDeg2() - expected) < 1e-12,
            qPrintable(QStringLiteral("%1 vs %2").arg(c.boundary.areaDeg2()).arg(expected)));
    }
    QVERIFY(checked);
}

void TestGisImport::progressReachesTotal()
{
    QList<CellSpec> many;
    for (int copy = 0; copy < 30; ++copy)
        for (CellSpec cell : m_cells) {
            cell.gridCode = cell.communityCode + QStringLiteral("%1").arg(copy * 4 + cell.gridCode.right(3).toInt(), 3, 10, QLatin1Char('0'));
            for (LonLat& p : cell.ring)
                p.lat += 0.01 * copy;
            many.append(cell);
        }
    QVERIFY(writeLayer(path("many.gpkg"), "GPKG", 4490, featuresFor(many, chineseFields())).isEmpty());
    QList<QPair<qint64, qint64>> calls;
    GisImportOptions options;
    options.progress = [&](qint64 done, qint64 total) { calls.append({ done, total }); };
    const GridImportResult r = readGridBoundaries(path("many.gpkg"), options);
    QVERIFY2(r.ok(), qPrintable(problemsText(r)));
    QCOMPARE(r.grids.size(), 720);
    QVERIFY(calls.size() >= 3);
    for (int i = 1; i < calls.size(); ++i)
        QVERIFY(calls[i].first >= calls[i - 1].first);
    QCOMPARE(calls.last().first, calls.last().second);
    QVERIFY(calls.last().second >= 720);
}

void TestGisImport::bowTieIsRepaired()
{
    QList<FeatureSpec> features = featuresFor(m_cells, chineseFields());
    // Cell 5 becomes a bow-tie: its top edge crosses its bottom edge.
    const Ring& r5 = m_cells[5].ring;
    const Ring bowTie = { r5[0], r5[2], r5[4], r5[3] };
    features[5].wkt = polygonWkt(bowTie);
    QList<qint64> fids;
    QVERIFY(writeLayer(path("bowtie.gpkg"), "GPKG", 4490, features, {}, &fids).isEmpty());

    const GridImportResult r = readGridBoundaries(path("bowtie.gpkg"));
    QVERIFY2(r.ok(), qPrintable(problemsText(r)));
    QCOMPARE(r.repairedCount, 1);
    QVERIFY(hasProblem(r, GisProblemKind::RepairedGeometry, m_cells[5].gridCode, fids[5]));
    QVERIFY(hasProblem(r, GisProblemKind::RepairedGeometry, QStringLiteral("Feature %1").arg(fids[5])));
    for (const GridCell& g : r.grids)
        if (g.code == m_cells[5].gridCode)
            QCOMPARE(g.boundary.parts.size(), 2); // two triangles
    QCOMPARE(r.grids.size(), 24);
}

void TestGisImport::collapsedPolygonIsAnError()
{
    QList<FeatureSpec> features = featuresFor(m_cells, chineseFields());
    features[7].wkt = QStringLiteral("POLYGON ((113.3 23.12, 113.31 23.12, 113.32 23.12, 113.3 23.12))");
    QList<qint64> fids;
    QVERIFY(writeLayer(path("collapsed.gpkg"), "GPKG", 4490, features, {}, &fids).isEmpty());
    const GridImportResult r = readGridBoundaries(path("collapsed.gpkg"));
    QVERIFY(!r.ok());
    QCOMPARE(r.errorCount(), 1);
    QVERIFY2(hasProblem(r, GisProblemKind::InvalidGeometry, m_cells[7].gridCode, fids[7]), qPrintable(problemsText(r)));
    QVERIFY(r.grids.isEmpty()); // nothing importable when anything is wrong
}

void TestGisImport::duplicateCodes()
{
    QList<FeatureSpec> features = featuresFor(m_cells, chineseFields());
    features[9].attributes[0].second = m_cells[3].gridCode;
    QList<qint64> fids;
    QVERIFY(writeLayer(path("dup.gpkg"), "GPKG", 4490, features, {}, &fids).isEmpty());
    const GridImportResult r = readGridBoundaries(path("dup.gpkg"));
    QVERIFY(!r.ok());
    const QString expected = QStringLiteral("Features %1 and %2 have the same grid code %3").arg(fids[3]).arg(fids[9]).arg(m_cells[3].gridCode);
    QVERIFY2(hasProblem(r, GisProblemKind::DuplicateCode, expected, fids[9]), qPrintable(problemsText(r)));
    QVERIFY(r.grids.isEmpty());
}

void TestGisImport::missingStreetValues()
{
    QList<FeatureSpec> features = featuresFor(m_cells, chineseFields());
    features[2].attributes[2].second = QString(); // null
    features[11].attributes[2].second = QStringLiteral("  "); // blank
    features[12].attributes[3].second = QString(); // no community
    QList<qint64> fids;
    QVERIFY(writeLayer(path("nostreet.gpkg"), "GPKG", 4490, features, {}, &fids).isEmpty());
    const GridImportResult r = readGridBoundaries(path("nostreet.gpkg"));
    QVERIFY(!r.ok());
    QCOMPARE(r.errorCount(), 3);
    QVERIFY2(hasProblem(r, GisProblemKind::MissingStreet, m_cells[2].gridCode, fids[2]), qPrintable(problemsText(r)));
    QVERIFY(hasProblem(r, GisProblemKind::MissingStreet, QStringLiteral("Feature %1").arg(fids[11]), fids[11]));
    QVERIFY(hasProblem(r, GisProblemKind::MissingCommunity, m_cells[12].gridCode, fids[12]));
}

void TestGisImport::emptyLayer()
{
    QVERIFY(writeLayer(path("empty.gpkg"), "GPKG", 4490, {}, {}, nullptr, wkbPolygon).isEmpty());
    const GridImportResult r = readGridBoundaries(path("empty.gpkg"));
    QVERIFY(!r.ok());
    QVERIFY2(hasProblem(r, GisProblemKind::EmptyLayer, QStringLiteral("no features")), qPrintable(problemsText(r)));
}

void TestGisImport::shapefileWithoutPrj()
{
    QVERIFY(writeLayer(path("noprj.shp"), "ESRI Shapefile", 4547, featuresFor(m_cells, chineseFields()),
                { QStringLiteral("ENCODING=CP936") })
                .isEmpty());
    QVERIFY(QFile::remove(path("noprj.prj")));

    GridImportResult r = readGridBoundaries(path("noprj.shp"));
    QVERIFY(!r.ok());
    QVERIFY2(hasProblem(r, GisProblemKind::MissingCrs, QStringLiteral("--assume-srs")), qPrintable(problemsText(r)));
    QVERIFY(r.grids.isEmpty());

    GisImportOptions options;
    options.assumeSrs = QStringLiteral("EPSG:4547");
    r = readGridBoundaries(path("noprj.shp"), options);
    QVERIFY2(r.ok(), qPrintable(problemsText(r)));
    QCOMPARE(r.sourceCrs, QStringLiteral("EPSG:4547"));
    compareToSample(r, false, 1e-6);

    options.assumeSrs = QStringLiteral("EPSG:99999999");
    r = readGridBoundaries(path("noprj.shp"), options);
    QVERIFY(hasProblem(r, GisProblemKind::UnknownCrs, QStringLiteral("EPSG:99999999")));
}

void TestGisImport::wrongAssumedCrsIsOutOfRange()
{
    // Gauss-Krüger metres read as degrees land far outside China.
    QVERIFY(writeLayer(path("wrongcrs.shp"), "ESRI Shapefile", 4547, featuresFor(m_cells, chineseFields()),
                { QStringLiteral("ENCODING=CP936") })
                .isEmpty());
    QVERIFY(QFile::remove(path("wrongcrs.prj")));
    GisImportOptions options;
    options.assumeSrs = QStringLiteral("EPSG:4326");
    const GridImportResult r = readGridBoundaries(path("wrongcrs.shp"), options);
    QVERIFY(!r.ok());
    QCOMPARE(r.errorCount(), 24);
    QVERIFY2(hasProblem(r, GisProblemKind::OutOfRange, m_cells[0].gridCode, 0), qPrintable(problemsText(r)));
}

void TestGisImport::shapefileWithoutCpgNeedsEncoding()
{
    QVERIFY(writeLayer(path("gbk.shp"), "ESRI Shapefile", 4547, featuresFor(m_cells, chineseFields()),
                { QStringLiteral("ENCODING=CP936") })
                .isEmpty());
    QVERIFY(QFile::remove(path("gbk.cpg")));
    GridImportResult r = readGridBoundaries(path("gbk.shp"));
    QVERIFY(!r.ok());
    QVERIFY2(hasProblem(r, GisProblemKind::MissingField, QStringLiteral("--encoding CP936")), qPrintable(problemsText(r)));

    GisImportOptions options;
    options.encoding = QStringLiteral("CP936");
    r = readGridBoundaries(path("gbk.shp"), options);
    QVERIFY2(r.ok(), qPrintable(problemsText(r)));
    compareToSample(r, false, 1e-6);
}

void TestGisImport::truncatedShapefile()
{
    QVERIFY(writeLayer(path("cut.shp"), "ESRI Shapefile", 4547, featuresFor(m_cells, chineseFields()),
                { QStringLiteral("ENCODING=CP936") })
                .isEmpty());
    QFile shp(path("cut.shp"));
    QVERIFY(shp.open(QIODevice::ReadWrite));
    QVERIFY(shp.resize(shp.size() / 2));
    shp.close();
    const GridImportResult r = readGridBoundaries(path("cut.shp"));
    QVERIFY(!r.ok());
    QVERIFY2(hasProblem(r, GisProblemKind::Unreadable, QStringLiteral("truncated")), qPrintable(problemsText(r)));
    QVERIFY(r.grids.isEmpty());
}

void TestGisImport::garbageFile()
{
    QFile f(path("garbage.geojson"));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("{\"type\": \"FeatureCollection\", \"features\": [ {\"type\": \"Feat");
    f.close();
    GridImportResult r = readGridBoundaries(path("garbage.geojson"));
    QVERIFY(!r.ok());
    QVERIFY2(hasProblem(r, GisProblemKind::Unreadable, path("garbage.geojson")), qPrintable(problemsText(r)));

    QFile b(path("noise.shp"));
    QVERIFY(b.open(QIODevice::WriteOnly));
    b.write(QByteArray(5000, '\x5a'));
    b.close();
    r = readGridBoundaries(path("noise.shp"));
    QVERIFY(!r.ok());
    QVERIFY(hasProblem(r, GisProblemKind::Unreadable, QStringLiteral("noise.shp")));
}

void TestGisImport::missingFile()
{
    const GridImportResult r = readGridBoundaries(path("does/not/exist.shp"));
    QVERIFY(!r.ok());
    QVERIFY(hasProblem(r, GisProblemKind::Unreadable, QStringLiteral("File not found")));
}

void TestGisImport::pointsInsteadOfPolygons()
{
    QList<FeatureSpec> features = featuresFor(m_cells.mid(0, 4), chineseFields());
    for (int i = 0; i < features.size(); ++i)
        features[i].wkt = QStringLiteral("POINT (113.3%1 23.12)").arg(i);
    QList<qint64> fids;
    QVERIFY(writeLayer(path("points.gpkg"), "GPKG", 4490, features, {}, &fids).isEmpty());
    const GridImportResult r = readGridBoundaries(path("points.gpkg"));
    QCOMPARE(r.errorCount(), 4);
    QVERIFY2(hasProblem(r, GisProblemKind::NotPolygon, QStringLiteral("is a POINT, not a polygon"), fids[2]), qPrintable(problemsText(r)));
    QVERIFY(hasProblem(r, GisProblemKind::NotPolygon, m_cells[2].gridCode, fids[2]));

    // Missing geometry is its own problem.
    features = featuresFor(m_cells.mid(0, 2), chineseFields());
    features[1].wkt.clear();
    QVERIFY(writeLayer(path("nogeom.gpkg"), "GPKG", 4490, features).isEmpty());
    const GridImportResult g = readGridBoundaries(path("nogeom.gpkg"));
    QVERIFY(hasProblem(g, GisProblemKind::EmptyGeometry, m_cells[1].gridCode));
}

void TestGisImport::mixedCodeStylesAreErrors()
{
    QList<FeatureSpec> features = featuresFor(m_cells, chineseFields());
    features[4].attributes[0].second = QStringLiteral("TH-X");
    features[6].attributes[0].second = QStringLiteral("440107001002003"); // another district
    QVERIFY(writeLayer(path("mixed.geojson"), "GeoJSON", 4326, features).isEmpty());
    const GridImportResult r = readGridBoundaries(path("mixed.geojson"));
    QCOMPARE(r.errorCount(), 2);
    QVERIFY2(hasProblem(r, GisProblemKind::BadCode, QStringLiteral("TH-X")), qPrintable(problemsText(r)));
    QVERIFY(hasProblem(r, GisProblemKind::BadCode, QStringLiteral("outside district 440106")));
}

void TestGisImport::unknownLayer()
{
    QVERIFY(writeLayer(path("layers.gpkg"), "GPKG", 4490, featuresFor(m_cells, chineseFields())).isEmpty());
    GisImportOptions options;
    options.layerName = QStringLiteral("roads");
    const GridImportResult r = readGridBoundaries(path("layers.gpkg"), options);
    QVERIFY(hasProblem(r, GisProblemKind::NoSuchLayer, QStringLiteral("grids")));
}

QTEST_GUILESS_MAIN(TestGisImport)
#include "tst_gisimport.moc"
