#include "app/server/gridimport.h"

#include "app/server/pgserverstorage.h"
#include "app/server/storagefactory.h"

#include "maps/gisimport.h"
#include "models/store/store.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QHash>
#include <QTextStream>

#include <algorithm>
#include <functional>
#include <optional>

namespace gridhall {

namespace {

// lupdate files these strings under "GridImport" (a free Text::tr() would land in a wrong context).
struct Text {
    Q_DECLARE_TR_FUNCTIONS(GridImport)
};

constexpr int kMaxListedProblems = 50;

// Prints at most kMaxListedProblems lines, then how many more there are.
void printProblems(QTextStream& err, const QList<GisProblem>& problems, bool errors)
{
    int listed = 0, skipped = 0;
    for (const GisProblem& p : problems) {
        if (p.isError != errors)
            continue;
        if (listed == kMaxListedProblems) {
            ++skipped;
            continue;
        }
        err << (errors ? Text::tr("error: ") : Text::tr("warning: ")) << p.message << "\n";
        ++listed;
    }
    if (skipped > 0)
        err << Text::tr("… and %1 more.").arg(skipped) << "\n";
}

// Progress on stderr for files that take a while: nothing in the first second, then at
// most one line a second.
class ProgressPrinter {
public:
    explicit ProgressPrinter(QTextStream& err)
        : m_err(err)
    {
        m_sinceStart.start();
    }
    void operator()(qint64 done, qint64 total)
    {
        if (total <= 0 || m_sinceStart.elapsed() < 1000)
            return;
        if (m_lastPrint.isValid() && m_lastPrint.elapsed() < 1000)
            return;
        m_lastPrint.start();
        const int percent = int(std::clamp<qint64>(done * 100 / total, 0, 100));
        m_err << Text::tr("Reading grids: %1 %").arg(percent) << "\n";
        m_err.flush();
    }

private:
    QTextStream& m_err;
    QElapsedTimer m_sinceStart;
    QElapsedTimer m_lastPrint;
};

// The file's areas as they are written: a known district keeps its outline (it may cover more
// than this file) and its name unless told; streets and communities named only by their code
// take the names the database already has.
struct NamedAreas {
    District district;
    QList<Street> streets;
    QList<Community> communities;
};

NamedAreas nameAreas(const GridImportResult& result, const QString& districtName, const std::optional<District>& known,
    const QHash<QString, QString>& knownNames)
{
    NamedAreas areas { result.district, result.streets, result.communities };
    if (known) {
        areas.district.boundary = known->boundary;
        areas.district.name = districtName.isEmpty() ? known->name : districtName;
    } else {
        areas.district.name = districtName.isEmpty() ? Text::tr("District %1").arg(areas.district.code) : districtName;
    }
    auto nameFor = [&knownNames](const QString& code, const QString& name) {
        return name == code ? knownNames.value(code, name) : name;
    };
    for (Street& s : areas.streets)
        s.name = nameFor(s.code, s.name);
    for (Community& c : areas.communities)
        c.name = nameFor(c.code, c.name);
    return areas;
}

bool writeAll(Store& store, const GridImportResult& result, const QString& districtName)
{
    std::optional<District> known;
    for (const District& existing : store.districts()) {
        if (existing.code == result.district.code)
            known = existing;
    }
    QHash<QString, QString> knownNames;
    for (const Street& s : store.streets())
        knownNames.insert(s.code, s.name);
    for (const Community& c : store.communities())
        knownNames.insert(c.code, c.name);
    const NamedAreas areas = nameAreas(result, districtName, known, knownNames);

    if (!store.begin())
        return false;
    bool ok = store.putDistrict(areas.district);
    for (const Street& s : areas.streets)
        ok = ok && store.putStreet(s);
    for (const Community& c : areas.communities)
        ok = ok && store.putCommunity(c);
    for (const GridCell& g : result.grids)
        ok = ok && store.putGrid(g);
    if (!ok) {
        store.rollback();
        return false;
    }
    return store.commit();
}

// A PostgreSQL hall is written in place, in one transaction of upserts by code: servers on
// the same database keep working, and cases written meanwhile are not touched.
bool writeAllPostgres(PgConnection& db, const GridImportResult& result, const QString& districtName, QString* error)
{
    auto failed = [&](const PgResult& r) {
        *error = r.error();
        db.run("ROLLBACK");
        return false;
    };
    auto blob = [](PgParams& p, const MultiPolygon& m) -> PgParams& {
        return m.isEmpty() ? p.addNull() : p.addBytea(m.toBlob());
    };
    if (!db.run("BEGIN")) {
        *error = db.lastError();
        return false;
    }
    std::optional<District> known;
    PgResult r = db.exec("SELECT name, boundary FROM districts WHERE code = $1", PgParams().add(result.district.code));
    if (!r.ok())
        return failed(r);
    if (r.rows() == 1)
        known = District { result.district.code, r.text(0, 0), MultiPolygon::fromBlob(r.bytea(0, 1)) };
    QHash<QString, QString> knownNames;
    r = db.exec("SELECT code, name FROM streets UNION ALL SELECT code, name FROM communities");
    if (!r.ok())
        return failed(r);
    for (int i = 0; i < r.rows(); ++i)
        knownNames.insert(r.text(i, 0), r.text(i, 1));
    const NamedAreas areas = nameAreas(result, districtName, known, knownNames);

    PgParams district;
    district.add(areas.district.code).add(areas.district.name);
    r = db.exec("INSERT INTO districts (code, name, boundary) VALUES ($1, $2, $3) "
                "ON CONFLICT (code) DO UPDATE SET name = excluded.name, boundary = excluded.boundary",
        blob(district, areas.district.boundary));
    if (!r.ok())
        return failed(r);
    // Each table in one statement: its rows by COPY into a temporary table, then one
    // upsert by code from it (the last row of a code wins, as row-by-row upserts did).
    auto copyUpsert = [&](const char* table, const QByteArray& columnDefs, const QByteArrayList& columns,
                          const std::function<bool(PgCopyIn&)>& rows) {
        const QByteArray staging = QByteArray("import_") + table;
        if (!db.run(QByteArray("CREATE TEMP TABLE " + staging + " (ord bigserial, " + columnDefs + ") ON COMMIT DROP").constData()))
            return false;
        PgCopyIn copy(db, "COPY " + staging + " (" + columns.join(", ") + ") FROM STDIN");
        if (!rows(copy) || !copy.finish())
            return false;
        QByteArrayList updates;
        for (const QByteArray& c : columns.mid(1))
            updates << c + " = excluded." + c;
        r = db.exec("INSERT INTO " + QByteArray(table) + " (" + columns.join(", ") + ") SELECT DISTINCT ON (code) " + columns.join(", ") + " FROM " + staging
            + " ORDER BY code, ord DESC ON CONFLICT (code) DO UPDATE SET " + updates.join(", "));
        return r.ok();
    };
    auto outline = [](PgCopyIn& copy, const MultiPolygon& m) -> PgCopyIn& { return m.isEmpty() ? copy.null() : copy.bytea(m.toBlob()); };
    auto copyFailed = [&] {
        *error = db.lastError();
        db.run("ROLLBACK");
        return false;
    };
    const bool written = copyUpsert("streets", "code text, name text, district_code text, boundary bytea", { "code", "name", "district_code", "boundary" },
                             [&](PgCopyIn& copy) {
                                 for (const Street& s : areas.streets)
                                     if (!outline(copy.text(s.code).text(s.name).text(s.districtCode), s.boundary).endRow())
                                         return false;
                                 return true;
                             })
        && copyUpsert("communities", "code text, name text, street_code text, boundary bytea", { "code", "name", "street_code", "boundary" },
            [&](PgCopyIn& copy) {
                for (const Community& c : areas.communities)
                    if (!outline(copy.text(c.code).text(c.name).text(c.streetCode), c.boundary).endRow())
                        return false;
                return true;
            })
        && copyUpsert("grids",
            "code text, name text, community_code text, street_code text, boundary bytea, centroid_lon double precision, centroid_lat double precision",
            { "code", "name", "community_code", "street_code", "boundary", "centroid_lon", "centroid_lat" }, [&](PgCopyIn& copy) {
                for (const GridCell& g : result.grids)
                    if (!outline(copy.text(g.code).text(g.name).text(g.communityCode).text(g.streetCode), g.boundary).number(g.centroid.lon).number(g.centroid.lat).endRow())
                        return false;
                return true;
            });
    if (!written)
        return r.ok() ? copyFailed() : failed(r);
    if (!db.run("COMMIT")) {
        *error = db.lastError();
        return false;
    }
    return true;
}

// Parses an import command's arguments; an exit code when the command ends here (help,
// usage errors), nothing when it goes on with exactly one SOURCE in *sources.
std::optional<int> parseImportArguments(QCommandLineParser& parser, const QCommandLineOption& helpOption,
    const QStringList& args, QTextStream& out, QTextStream& err, QStringList* sources)
{
    if (!parser.parse(args)) {
        err << parser.errorText() << "\n" << Text::tr("Run %1 --help for the options.").arg(args.value(0)) << "\n";
        return 2;
    }
    if (parser.isSet(helpOption)) {
        // QCommandLineParser names the executable only; the command is part of the name here.
        const QString help = parser.helpText();
        out << Text::tr("Usage: %1 [options] SOURCE").arg(args.value(0)) << help.mid(help.indexOf(QLatin1Char('\n')));
        return 0;
    }
    *sources = parser.positionalArguments();
    if (sources->size() != 1) {
        err << Text::tr("Give exactly one SOURCE file.") << "\n" << Text::tr("Run %1 --help for the options.").arg(args.value(0)) << "\n";
        return 2;
    }
    return std::nullopt;
}

} // namespace

int runImportGridsCommand(const QStringList& args)
{
    QTextStream out(stdout);
    QTextStream err(stderr);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        Text::tr("Imports grid boundaries (Shapefile, GeoPackage, GeoJSON, KML …) into a GridHall database.\n"
           "The whole file is checked first; if anything is wrong, nothing is written.\n"
           "Street, community and grid code fields are detected from common names (街道名称, STREET_NAME, JD;\n"
           "社区名称, COMMUNITY, SQ; 网格编码, GRID_CODE, WGBM; 网格名称, GRID_NAME) unless given.\n"
           "Grid codes that are not 15-digit CJ/T 213 codes are replaced by derived ones (needs --district-code).\n"
           "Importing the same file again updates the grids by code."));
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption dbOption(QStringLiteral("db"), Text::tr("The GridHall database to write."), Text::tr("FILE"));
    const QCommandLineOption layerOption(QStringLiteral("layer"), Text::tr("The layer to read (default: the first)."), Text::tr("NAME"));
    const QCommandLineOption streetOption(QStringLiteral("street-field"), Text::tr("The field with the street name."), Text::tr("F"));
    const QCommandLineOption streetCodeOption(
        QStringLiteral("street-code-field"), Text::tr("The field with the street code (9 or 3 digits)."), Text::tr("F"));
    const QCommandLineOption communityOption(
        QStringLiteral("community-field"), Text::tr("The field with the community name."), Text::tr("F"));
    const QCommandLineOption communityCodeOption(
        QStringLiteral("community-code-field"), Text::tr("The field with the community code (12 or 3 digits)."), Text::tr("F"));
    const QCommandLineOption gridOption(QStringLiteral("grid-field"), Text::tr("The field with the grid code."), Text::tr("F"));
    const QCommandLineOption nameOption(QStringLiteral("name-field"), Text::tr("The field with the grid name."), Text::tr("F"));
    const QCommandLineOption srsOption(QStringLiteral("assume-srs"),
        Text::tr("The coordinate reference system of a file that declares none, e.g. EPSG:4547."), Text::tr("EPSG:N"));
    const QCommandLineOption encodingOption(QStringLiteral("encoding"),
        Text::tr("The attribute encoding of a Shapefile without a .cpg file, e.g. CP936."), Text::tr("NAME"));
    const QCommandLineOption districtCodeOption(QStringLiteral("district-code"),
        Text::tr("The 6-digit district code (needed when the grid codes are derived)."), Text::tr("CODE"));
    const QCommandLineOption districtNameOption(QStringLiteral("district-name"), Text::tr("The district's name."), Text::tr("NAME"));
    const QCommandLineOption dryRunOption(QStringLiteral("dry-run"), Text::tr("Check the file and report; write nothing."));
    parser.addOptions({ dbOption, layerOption, streetOption, streetCodeOption, communityOption, communityCodeOption,
        gridOption, nameOption, srsOption, encodingOption, districtCodeOption, districtNameOption, dryRunOption });
    parser.addPositionalArgument(QStringLiteral("SOURCE"), Text::tr("The GIS file (or Shapefile folder) to import."));

    QStringList sources;
    if (const std::optional<int> exit = parseImportArguments(parser, helpOption, args, out, err, &sources))
        return *exit;
    const bool dryRun = parser.isSet(dryRunOption);
    const QString dbPath = parser.value(dbOption);
    if (dbPath.isEmpty() && !dryRun) {
        err << Text::tr("--db FILE is required (or --dry-run to only check the file).") << "\n";
        return 2;
    }

    GisImportOptions options;
    options.layerName = parser.value(layerOption);
    options.fields.street = parser.value(streetOption);
    options.fields.streetCode = parser.value(streetCodeOption);
    options.fields.community = parser.value(communityOption);
    options.fields.communityCode = parser.value(communityCodeOption);
    options.fields.gridCode = parser.value(gridOption);
    options.fields.gridName = parser.value(nameOption);
    options.assumeSrs = parser.value(srsOption);
    options.encoding = parser.value(encodingOption);
    options.districtCode = parser.value(districtCodeOption);
    options.districtName = parser.value(districtNameOption);
    ProgressPrinter progress(err);
    options.progress = [&progress](qint64 done, qint64 total) { progress(done, total); };

    const QString source = sources.first();
    const GridImportResult result = readGridBoundaries(source, options);
    printProblems(err, result.problems, false);
    if (!result.ok()) {
        printProblems(err, result.problems, true);
        err << Text::tr("%1 problem(s) in %2; nothing was written.").arg(result.errorCount()).arg(source) << "\n";
        return 1;
    }

    const QString counts = Text::tr("%1 streets, %2 communities, %3 grids (%4 repaired) in district %5, from layer \"%6\" in %7")
                               .arg(result.streets.size())
                               .arg(result.communities.size())
                               .arg(result.grids.size())
                               .arg(result.repairedCount)
                               .arg(result.district.code, result.layerName, result.sourceCrs);
    if (result.codesDerived)
        err << Text::tr("note: the grid codes in the file are not CJ/T 213 codes; derived codes were assigned "
                  "and the file's codes kept as grid names where no name field was found.")
            << "\n";
    if (dryRun) {
        out << Text::tr("Dry run, nothing written: %1.").arg(counts) << "\n";
        return 0;
    }

    if (isPostgresUri(dbPath)) {
        QString error;
        // Opening it as a server would makes the schema of a new database.
        const std::unique_ptr<ServerStorage> storage = openServerStorage(dbPath, &error);
        auto* pg = dynamic_cast<PgServerStorage*>(storage.get());
        if (!pg || !writeAllPostgres(pg->connection(), result, options.districtName, &error)) {
            err << Text::tr("error: writing to %1 failed: %2").arg(displayDatabaseName(dbPath), error) << "\n"
                << Text::tr("Nothing was written.") << "\n";
            return 1;
        }
        out << Text::tr("Imported %1 into %2.").arg(counts, displayDatabaseName(dbPath)) << "\n";
        return 0;
    }
    StoreStatus status;
    std::unique_ptr<Store> store = Store::open(dbPath, &status);
    if (!store) {
        err << Text::tr("error: ") << status.message << "\n" << Text::tr("Nothing was written.") << "\n";
        return 1;
    }
    if (!writeAll(*store, result, options.districtName)) {
        err << Text::tr("error: writing to %1 failed: %2").arg(dbPath, store->lastError()) << "\n"
            << Text::tr("Nothing was written.") << "\n";
        return 1;
    }
    out << Text::tr("Imported %1 into %2.").arg(counts, dbPath) << "\n";
    return 0;
}

int runImportCamerasCommand(const QStringList& args)
{
    QTextStream out(stdout);
    QTextStream err(stderr);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        Text::tr("Imports the hall's cameras (a point layer: Shapefile, GeoPackage, GeoJSON, KML …) into a GridHall database.\n"
                 "The whole file is checked first; if anything is wrong, nothing is written.\n"
                 "Each camera takes the grid and street its point lies in: import the grids first.\n"
                 "Fields are detected from common names (摄像头编码, CAMERA_CODE, DEVICE_CODE; 摄像头名称, NAME;\n"
                 "主码流, MAIN_URL, RTSP, URL; 子码流, SUB_URL; 朝向, DIRECTION, AZIMUTH; 类型, KIND, TYPE) unless given.\n"
                 "Importing the same file again updates the cameras by code. Passwords in stream URLs are never printed."));
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption dbOption(QStringLiteral("db"), Text::tr("The GridHall database to write."), Text::tr("FILE"));
    const QCommandLineOption layerOption(QStringLiteral("layer"), Text::tr("The layer to read (default: the first)."), Text::tr("NAME"));
    const QCommandLineOption codeOption(QStringLiteral("code-field"), Text::tr("The field with the camera code."), Text::tr("F"));
    const QCommandLineOption nameOption(QStringLiteral("name-field"), Text::tr("The field with the camera name."), Text::tr("F"));
    const QCommandLineOption mainOption(
        QStringLiteral("main-url-field"), Text::tr("The field with the main stream URL (rtsp, http or https)."), Text::tr("F"));
    const QCommandLineOption subOption(QStringLiteral("sub-url-field"), Text::tr("The field with the sub-stream URL."), Text::tr("F"));
    const QCommandLineOption directionOption(
        QStringLiteral("direction-field"), Text::tr("The field with the view direction (degrees clockwise from north)."), Text::tr("F"));
    const QCommandLineOption kindOption(
        QStringLiteral("kind-field"), Text::tr("The field with the kind (road, compound, face_matching)."), Text::tr("F"));
    const QCommandLineOption srsOption(QStringLiteral("assume-srs"),
        Text::tr("The coordinate reference system of a file that declares none, e.g. EPSG:4547."), Text::tr("EPSG:N"));
    const QCommandLineOption encodingOption(QStringLiteral("encoding"),
        Text::tr("The attribute encoding of a Shapefile without a .cpg file, e.g. CP936."), Text::tr("NAME"));
    const QCommandLineOption dryRunOption(QStringLiteral("dry-run"),
        Text::tr("Check the file and report; write nothing (with --db the cameras are placed in its grids too)."));
    parser.addOptions({ dbOption, layerOption, codeOption, nameOption, mainOption, subOption, directionOption, kindOption,
        srsOption, encodingOption, dryRunOption });
    parser.addPositionalArgument(QStringLiteral("SOURCE"), Text::tr("The GIS file (or Shapefile folder) to import."));
    QStringList sources;
    if (const std::optional<int> exit = parseImportArguments(parser, helpOption, args, out, err, &sources))
        return *exit;
    const bool dryRun = parser.isSet(dryRunOption);
    const QString dbPath = parser.value(dbOption);
    if (dbPath.isEmpty() && !dryRun) {
        err << Text::tr("--db FILE is required (or --dry-run to only check the file).") << "\n";
        return 2;
    }

    CameraImportOptions options;
    options.layerName = parser.value(layerOption);
    options.fields = { parser.value(codeOption), parser.value(nameOption), parser.value(mainOption), parser.value(subOption),
        parser.value(directionOption), parser.value(kindOption) };
    options.assumeSrs = parser.value(srsOption);
    options.encoding = parser.value(encodingOption);

    std::unique_ptr<ServerStorage> storage;
    if (!dbPath.isEmpty()) {
        // Cameras go into a hall that has its grids: a mistyped path makes no new file.
        if (!isPostgresUri(dbPath) && !QFileInfo::exists(dbPath)) {
            err << Text::tr("error: no database %1; import the grids first.").arg(dbPath) << "\n"
                << Text::tr("Nothing was written.") << "\n";
            return 1;
        }
        QString error;
        storage = openServerStorage(dbPath, &error);
        if (!storage) {
            err << Text::tr("error: ") << error << "\n" << Text::tr("Nothing was written.") << "\n";
            return 1;
        }
        options.grids = storage->grids();
        if (options.grids.isEmpty()) {
            err << Text::tr("error: %1 has no grids to place the cameras in; import the grids first.").arg(displayDatabaseName(dbPath)) << "\n"
                << Text::tr("Nothing was written.") << "\n";
            return 1;
        }
    }

    const QString source = sources.first();
    const CameraImportResult result = readCameraPoints(source, options);
    printProblems(err, result.problems, false);
    if (!result.ok()) {
        printProblems(err, result.problems, true);
        err << Text::tr("%1 problem(s) in %2; nothing was written.").arg(result.errorCount()).arg(source) << "\n";
        return 1;
    }
    QString counts = Text::tr("%1 cameras from layer \"%2\" in %3").arg(result.cameras.size()).arg(result.layerName, result.sourceCrs);
    if (result.withCredentials > 0)
        err << Text::tr("note: %1 camera(s) have a user name or password in their stream URLs; they are kept on the server "
                        "and sent only to roles that may watch video (docs/CAMERAS.md).")
                   .arg(result.withCredentials)
            << "\n";
    if (dryRun) {
        out << Text::tr("Dry run, nothing written: %1.").arg(counts) << "\n";
        return 0;
    }
    if (!storage->putCameras(result.cameras)) {
        err << Text::tr("error: writing to %1 failed: %2").arg(displayDatabaseName(dbPath), storage->lastError()) << "\n"
            << Text::tr("Nothing was written.") << "\n";
        return 1;
    }
    out << Text::tr("Imported %1 into %2.").arg(counts, displayDatabaseName(dbPath)) << "\n";
    return 0;
}

} // namespace gridhall
