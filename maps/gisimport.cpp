#include "maps/gisimport.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QHash>
#include <QMap>
#include <QSet>

#include <gdal_priv.h>
#include <ogr_geometry.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <geos_c.h>

#include <cmath>
#include <memory>
#include <mutex>

namespace gridhall {

namespace {

// lupdate files these strings under "GisImport" (a free Text::tr() would land in a wrong context).
struct Text {
    Q_DECLARE_TR_FUNCTIONS(GisImport)
};

// Every GDAL/OGR handle is owned by a unique_ptr with the matching deleter.
struct DatasetCloser {
    void operator()(GDALDataset* d) const { GDALClose(d); }
};
struct FeatureDeleter {
    void operator()(OGRFeature* f) const { OGRFeature::DestroyFeature(f); }
};
struct GeometryDeleter {
    void operator()(OGRGeometry* g) const { OGRGeometryFactory::destroyGeometry(g); }
};
struct TransformDeleter {
    void operator()(OGRCoordinateTransformation* t) const { OGRCoordinateTransformation::DestroyCT(t); }
};
struct SrsReleaser {
    void operator()(OGRSpatialReference* s) const { s->Release(); }
};
using DatasetPtr = std::unique_ptr<GDALDataset, DatasetCloser>;
using FeaturePtr = std::unique_ptr<OGRFeature, FeatureDeleter>;
using GeometryPtr = std::unique_ptr<OGRGeometry, GeometryDeleter>;
using TransformPtr = std::unique_ptr<OGRCoordinateTransformation, TransformDeleter>;
using SrsPtr = std::unique_ptr<OGRSpatialReference, SrsReleaser>;

// Collects GDAL's messages instead of letting them go to stderr, so they can be shown in
// the problem list (and so a truncated file is noticed even when OGR just stops reading).
class GdalMessages {
public:
    GdalMessages() { CPLPushErrorHandlerEx(&GdalMessages::handle, this); }
    ~GdalMessages() { CPLPopErrorHandler(); }
    GdalMessages(const GdalMessages&) = delete;
    GdalMessages& operator=(const GdalMessages&) = delete;

    QStringList failures;
    QString failureText() const { return failures.join(QStringLiteral("; ")); }

private:
    static void CPL_STDCALL handle(CPLErr level, CPLErrorNum, const char* message)
    {
        auto* self = static_cast<GdalMessages*>(CPLGetErrorHandlerUserData());
        if (self && level >= CE_Failure && self->failures.size() < 20)
            self->failures.append(QString::fromUtf8(message).trimmed());
    }
};

void registerDriversOnce()
{
    static std::once_flag once;
    std::call_once(once, [] { GDALAllRegister(); });
}

// Detection lists, best first; matched case-insensitively against the whole field name.
const QStringList& candidatesFor(QString GisFieldMapping::*role)
{
    static const QStringList street = { QStringLiteral("街道名称"), QStringLiteral("街道"),
        QStringLiteral("街道名"), QStringLiteral("镇街名称"), QStringLiteral("镇街"),
        QStringLiteral("STREET_NAME"), QStringLiteral("STREETNAME"), QStringLiteral("STREET"),
        QStringLiteral("JDMC"), QStringLiteral("JD") };
    static const QStringList streetCode = { QStringLiteral("街道编码"), QStringLiteral("街道代码"),
        QStringLiteral("STREET_CODE"), QStringLiteral("STREETCODE"), QStringLiteral("JDBM"),
        QStringLiteral("JDDM") };
    static const QStringList community = { QStringLiteral("社区名称"), QStringLiteral("社区"),
        QStringLiteral("社区名"), QStringLiteral("村社区"), QStringLiteral("COMMUNITY_NAME"),
        QStringLiteral("COMMUNITYNAME"), QStringLiteral("COMMUNITY"), QStringLiteral("COMM_NAME"),
        QStringLiteral("SQMC"), QStringLiteral("SQ") };
    static const QStringList communityCode = { QStringLiteral("社区编码"), QStringLiteral("社区代码"),
        QStringLiteral("COMMUNITY_CODE"), QStringLiteral("COMMUNITYCODE"), QStringLiteral("COMM_CODE"),
        QStringLiteral("SQBM"), QStringLiteral("SQDM") };
    static const QStringList gridCode = { QStringLiteral("网格编码"), QStringLiteral("网格代码"),
        QStringLiteral("网格编号"), QStringLiteral("GRID_CODE"), QStringLiteral("GRIDCODE"),
        QStringLiteral("GRID_ID"), QStringLiteral("WGBM"), QStringLiteral("WGDM"), QStringLiteral("WGBH"),
        QStringLiteral("CODE") };
    static const QStringList gridName = { QStringLiteral("网格名称"), QStringLiteral("网格名"),
        QStringLiteral("GRID_NAME"), QStringLiteral("GRIDNAME"), QStringLiteral("WGMC"),
        QStringLiteral("名称"), QStringLiteral("NAME") };
    if (role == &GisFieldMapping::street)
        return street;
    if (role == &GisFieldMapping::streetCode)
        return streetCode;
    if (role == &GisFieldMapping::community)
        return community;
    if (role == &GisFieldMapping::communityCode)
        return communityCode;
    if (role == &GisFieldMapping::gridCode)
        return gridCode;
    return gridName;
}

bool allDigits(const QString& s, int length)
{
    if (s.size() != length)
        return false;
    for (QChar c : s)
        if (c < QLatin1Char('0') || c > QLatin1Char('9'))
            return false;
    return true;
}

// "A2" before "A10": digit runs compare by value. Deterministic, locale-free.
bool naturalLess(const QString& a, const QString& b)
{
    int i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
        if (a[i].isDigit() && b[j].isDigit()) {
            int si = i, sj = j;
            while (si < a.size() && a[si] == QLatin1Char('0'))
                ++si;
            while (sj < b.size() && b[sj] == QLatin1Char('0'))
                ++sj;
            int ei = si, ej = sj;
            while (ei < a.size() && a[ei].isDigit())
                ++ei;
            while (ej < b.size() && b[ej].isDigit())
                ++ej;
            if (ei - si != ej - sj)
                return ei - si < ej - sj;
            const int c = QStringView(a).mid(si, ei - si).compare(QStringView(b).mid(sj, ej - sj));
            if (c != 0)
                return c < 0;
            i = ei;
            j = ej;
        } else {
            if (a[i] != b[j])
                return a[i] < b[j];
            ++i;
            ++j;
        }
    }
    if (a.size() - i != b.size() - j)
        return a.size() - i < b.size() - j;
    return a < b;
}

QString threeDigits(int n)
{
    return QStringLiteral("%1").arg(n, 3, 10, QLatin1Char('0'));
}

// One feature as read, before codes are resolved. Geometry stays in the source CRS so the
// street and community unions happen where the cells share exact vertices.
struct RawCell {
    qint64 fid = -1;
    QString sourceCode;
    QString name;
    QString street, streetCode;
    QString community, communityCode;
    GeometryPtr sourceGeometry; // an OGRMultiPolygon
    MultiPolygon lonLat;
    bool usable = true; // false once an error excludes it from the hierarchy
    QString code; // resolved 15-digit code
};

// A lon/lat the map can place: finite, on the globe and, when the area is given, inside it.
bool plausibleLonLat(LonLat p, const GeoBox& area)
{
    return std::isfinite(p.lon) && std::isfinite(p.lat) && p.lon >= -180 && p.lon <= 180 && p.lat >= -90 && p.lat <= 90
        && (!area.valid || area.contains(p));
}

QString lonLatText(LonLat p)
{
    return QStringLiteral("%1, %2").arg(p.lon, 0, 'f', 6).arg(p.lat, 0, 'f', 6);
}

// What every layer reader shares (grid boundaries, camera points): opening the file and its
// layer, the reprojection to lon/lat and finding the attribute fields, with problems reported
// the same way into the result's problems, layerName and sourceCrs.
template <class Result>
class LayerReader {
protected:
    explicit LayerReader(const QString& path)
        : m_path(path)
    {
    }
    void error(GisProblemKind kind, const QString& message, qint64 fid = -1, const QString& code = {})
    {
        m_result.problems.append({ kind, true, fid, code, message });
    }
    void warning(GisProblemKind kind, const QString& message, qint64 fid, const QString& code)
    {
        m_result.problems.append({ kind, false, fid, code, message });
    }
    bool openLayer(const QString& layerName, const QString& encoding);
    void setUpTransform(const QString& assumeSrs);
    // The layer's field names, and the text listing them for messages (with a hint when they
    // look like GBK read as Latin-1).
    QStringList fieldNames() const;
    QString availableFieldsText(const QStringList& names) const;
    // The field given by name (an error when missing, naming what it was given as), else the
    // first candidate present; -1 when none.
    int findField(const QStringList& names, const QString& explicitName, const QStringList& candidates,
        const QString& what, const QString& available);
    // After reading: GDAL complained, or fewer features came than the layer counts.
    void reportIfTruncated(int failuresBefore, qint64 read, qint64 count)
    {
        if (m_messages.failures.size() > failuresBefore || (count > 0 && read < count)) {
            error(GisProblemKind::Unreadable,
                Text::tr("%1 is truncated or damaged: read %2 of %3 features (%4)")
                    .arg(m_path)
                    .arg(read)
                    .arg(count)
                    .arg(m_messages.failures.mid(failuresBefore).join(QStringLiteral("; "))));
        }
    }

    QString m_path;
    Result m_result;
    GdalMessages m_messages;
    DatasetPtr m_dataset;
    OGRLayer* m_layer = nullptr; // owned by m_dataset
    TransformPtr m_transform; // null: source is already lon/lat WGS84
    bool m_crsKnown = false;
};

class Reader : public LayerReader<GridImportResult> {
public:
    Reader(const QString& path, const GisImportOptions& options)
        : LayerReader(path)
        , m_options(options)
    {
    }

    GridImportResult run();

private:
    QString featureLabel(const RawCell& cell) const
    {
        if (cell.sourceCode.isEmpty())
            return Text::tr("Feature %1").arg(cell.fid);
        return Text::tr("Feature %1 (grid %2)").arg(cell.fid).arg(cell.sourceCode);
    }

    void mapFields();
    void readFeatures();
    GeometryPtr polygonal(GeometryPtr geometry, RawCell& cell);
    bool toLonLat(const OGRGeometry& source, MultiPolygon* out, QString* firstBad) const;
    void checkDuplicates();
    void resolveCodes();
    void resolveGivenCodes(QList<RawCell*>& cells);
    void deriveCodes(QList<RawCell*>& cells);
    void buildAreas();
    void report(qint64 done)
    {
        if (m_options.progress)
            m_options.progress(done, m_progressTotal);
    }

    const GisImportOptions& m_options;
    int m_fieldIndex[6] = { -1, -1, -1, -1, -1, -1 };
    std::vector<RawCell> m_cells;
    qint64 m_progressTotal = 0;
    qint64 m_progressDone = 0;
};

enum FieldSlot { StreetSlot, StreetCodeSlot, CommunitySlot, CommunityCodeSlot, GridCodeSlot, GridNameSlot };

GridImportResult Reader::run()
{
    registerDriversOnce();
    if (!openLayer(m_options.layerName, m_options.encoding))
        return std::move(m_result);
    setUpTransform(m_options.assumeSrs);
    mapFields();
    readFeatures();
    if (m_cells.empty()) {
        if (m_result.errorCount() == 0 || m_layer->GetFeatureCount(FALSE) == 0)
            error(GisProblemKind::EmptyLayer, Text::tr("Layer \"%1\" of %2 has no features.").arg(m_result.layerName, m_path));
        return std::move(m_result);
    }
    checkDuplicates();
    resolveCodes();
    if (m_result.errorCount() == 0)
        buildAreas();
    report(m_progressTotal);
    return std::move(m_result);
}

template <class Result>
bool LayerReader<Result>::openLayer(const QString& layerName, const QString& encoding)
{
    const QFileInfo info(m_path);
    if (!info.exists()) {
        error(GisProblemKind::Unreadable, Text::tr("File not found: %1").arg(m_path));
        return false;
    }
    if (info.isFile() && !info.isReadable()) {
        error(GisProblemKind::Unreadable, Text::tr("File not readable: %1").arg(m_path));
        return false;
    }
    CPLStringList openOptions;
    if (!encoding.isEmpty())
        openOptions.SetNameValue("ENCODING", encoding.toUtf8().constData());
    const QByteArray path = QFile::encodeName(m_path);
    // Only ask the Shapefile driver for the encoding option; others would warn about it.
    const bool isShapefile = info.suffix().compare(QLatin1String("shp"), Qt::CaseInsensitive) == 0 || info.isDir();
    m_dataset.reset(GDALDataset::Open(path.constData(), GDAL_OF_VECTOR | GDAL_OF_READONLY | GDAL_OF_VERBOSE_ERROR,
        nullptr, isShapefile ? openOptions.List() : nullptr, nullptr));
    if (!m_dataset) {
        QString detail = m_messages.failureText();
        if (detail.isEmpty())
            detail = Text::tr("not a vector format GDAL can read");
        error(GisProblemKind::Unreadable, Text::tr("Cannot read %1 as a GIS file: %2").arg(m_path, detail));
        return false;
    }
    if (m_dataset->GetLayerCount() == 0) {
        error(GisProblemKind::EmptyLayer, Text::tr("%1 contains no layers.").arg(m_path));
        return false;
    }
    if (layerName.isEmpty()) {
        m_layer = m_dataset->GetLayer(0);
    } else {
        m_layer = m_dataset->GetLayerByName(layerName.toUtf8().constData());
        if (!m_layer) {
            QStringList names;
            for (int i = 0; i < m_dataset->GetLayerCount(); ++i)
                names.append(QString::fromUtf8(m_dataset->GetLayer(i)->GetName()));
            error(GisProblemKind::NoSuchLayer,
                Text::tr("%1 has no layer \"%2\"; its layers are: %3").arg(m_path, layerName, names.join(QStringLiteral(", "))));
            return false;
        }
    }
    m_result.layerName = QString::fromUtf8(m_layer->GetName());
    return true;
}

QString describeSrs(const OGRSpatialReference& srs)
{
    const char* authority = srs.GetAuthorityName(nullptr);
    const char* code = srs.GetAuthorityCode(nullptr);
    if (authority && code)
        return QStringLiteral("%1:%2").arg(QString::fromUtf8(authority), QString::fromUtf8(code));
    const char* name = srs.GetName();
    return name ? QString::fromUtf8(name) : QString();
}

template <class Result>
void LayerReader<Result>::setUpTransform(const QString& assumeSrs)
{
    SrsPtr source;
    if (const OGRSpatialReference* declared = m_layer->GetSpatialRef()) {
        source.reset(declared->Clone());
    } else if (!assumeSrs.isEmpty()) {
        source.reset(new OGRSpatialReference());
        if (source->SetFromUserInput(assumeSrs.toUtf8().constData()) != OGRERR_NONE) {
            error(GisProblemKind::UnknownCrs, Text::tr("Unknown coordinate reference system \"%1\" given to assume.").arg(assumeSrs));
            return;
        }
    } else {
        error(GisProblemKind::MissingCrs,
            Text::tr("%1 declares no coordinate reference system (e.g. a Shapefile without its .prj); "
               "pass the one it uses, e.g. --assume-srs EPSG:4547.")
                .arg(m_path));
        return;
    }
    source->SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    m_result.sourceCrs = describeSrs(*source);

    OGRSpatialReference target;
    target.importFromEPSG(4326);
    target.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    if (source->IsSame(&target)) {
        m_crsKnown = true;
        return;
    }
    if (!source->IsGeographic() && !source->IsProjected()) {
        error(GisProblemKind::UnknownCrs,
            Text::tr("The coordinate reference system of %1 (%2) is neither geographic nor projected; "
               "it cannot be placed on the map.")
                .arg(m_path, m_result.sourceCrs));
        return;
    }
    m_transform.reset(OGRCreateCoordinateTransformation(source.get(), &target));
    if (!m_transform) {
        error(GisProblemKind::UnknownCrs,
            Text::tr("No transformation from the coordinate reference system of %1 (%2) to longitude/latitude: %3")
                .arg(m_path, m_result.sourceCrs, m_messages.failureText()));
        return;
    }
    m_crsKnown = true;
}

template <class Result>
QStringList LayerReader<Result>::fieldNames() const
{
    const OGRFeatureDefn* definition = m_layer->GetLayerDefn();
    QStringList names;
    for (int i = 0; i < definition->GetFieldCount(); ++i)
        names.append(QString::fromUtf8(definition->GetFieldDefn(i)->GetNameRef()));
    return names;
}

template <class Result>
QString LayerReader<Result>::availableFieldsText(const QStringList& names) const
{
    QString available = names.isEmpty() ? Text::tr("(none)") : names.join(QStringLiteral(", "));
    // GBK names decoded as Latin-1 (a Shapefile without .cpg) come out as accented letters.
    bool garbled = false;
    for (const QString& name : names)
        for (QChar c : name)
            garbled = garbled || c == QChar::ReplacementCharacter || (c.unicode() >= 0x80 && c.unicode() <= 0xff);
    if (garbled)
        available += Text::tr(". The field names look garbled: if the file is in GBK, pass its encoding (--encoding CP936).");
    return available;
}

template <class Result>
int LayerReader<Result>::findField(const QStringList& names, const QString& explicitName, const QStringList& candidates,
    const QString& what, const QString& available)
{
    auto indexOf = [&](const QString& wanted) {
        for (int i = 0; i < names.size(); ++i)
            if (names[i].trimmed().compare(wanted, Qt::CaseInsensitive) == 0)
                return i;
        return -1;
    };
    if (!explicitName.isEmpty()) {
        const int index = indexOf(explicitName);
        if (index < 0)
            error(GisProblemKind::MissingField,
                Text::tr("Layer \"%1\" has no field \"%2\" (given as the %3 field); its fields are: %4")
                    .arg(m_result.layerName, explicitName, what, available));
        return index;
    }
    for (const QString& candidate : candidates) {
        const int index = indexOf(candidate);
        if (index >= 0)
            return index;
    }
    return -1;
}

void Reader::mapFields()
{
    const QStringList names = fieldNames();

    struct Role {
        QString GisFieldMapping::*member;
        FieldSlot slot;
        const char* what;
    };
    const Role roles[] = {
        { &GisFieldMapping::street, StreetSlot, QT_TRANSLATE_NOOP("GisImport", "street") },
        { &GisFieldMapping::streetCode, StreetCodeSlot, QT_TRANSLATE_NOOP("GisImport", "street code") },
        { &GisFieldMapping::community, CommunitySlot, QT_TRANSLATE_NOOP("GisImport", "community") },
        { &GisFieldMapping::communityCode, CommunityCodeSlot, QT_TRANSLATE_NOOP("GisImport", "community code") },
        { &GisFieldMapping::gridCode, GridCodeSlot, QT_TRANSLATE_NOOP("GisImport", "grid code") },
        { &GisFieldMapping::gridName, GridNameSlot, QT_TRANSLATE_NOOP("GisImport", "grid name") },
    };
    const QString available = availableFieldsText(names);
    for (const Role& role : roles) {
        const int index = findField(names, m_options.fields.*role.member, candidatesFor(role.member), Text::tr(role.what), available);
        m_fieldIndex[role.slot] = index;
        if (index >= 0)
            m_result.fieldsUsed.*role.member = names[index];
    }
    // A name or a code identifies a street or community; the grid needs its code.
    if (m_fieldIndex[GridCodeSlot] < 0 && m_options.fields.gridCode.isEmpty())
        error(GisProblemKind::MissingField,
            Text::tr("No grid code field found in layer \"%1\" (looked for 网格编码, GRID_CODE, WGBM …); "
               "name it with --grid-field. Its fields are: %2")
                .arg(m_result.layerName, available));
    if (m_fieldIndex[StreetSlot] < 0 && m_fieldIndex[StreetCodeSlot] < 0 && m_options.fields.street.isEmpty())
        error(GisProblemKind::MissingField,
            Text::tr("No street field found in layer \"%1\" (looked for 街道名称, STREET_NAME, JD …); "
               "name it with --street-field. Its fields are: %2")
                .arg(m_result.layerName, available));
    if (m_fieldIndex[CommunitySlot] < 0 && m_fieldIndex[CommunityCodeSlot] < 0 && m_options.fields.community.isEmpty())
        error(GisProblemKind::MissingField,
            Text::tr("No community field found in layer \"%1\" (looked for 社区名称, COMMUNITY, SQ …); "
               "name it with --community-field. Its fields are: %2")
                .arg(m_result.layerName, available));
}

void Reader::readFeatures()
{
    const GIntBig count = m_layer->GetFeatureCount(TRUE);
    const qint64 expected = count > 0 ? qint64(count) : 0;
    // Reading is the first half of the work when the unions follow.
    m_progressTotal = qMax<qint64>(1, m_options.deriveParentBoundaries ? 2 * expected : expected);
    const int failuresBefore = m_messages.failures.size();
    m_layer->ResetReading();
    m_cells.reserve(size_t(expected));
    auto text = [](OGRFeature& feature, int index) {
        if (index < 0 || !feature.IsFieldSetAndNotNull(index))
            return QString();
        return QString::fromUtf8(feature.GetFieldAsString(index)).trimmed();
    };
    qint64 read = 0;
    for (FeaturePtr feature(m_layer->GetNextFeature()); feature; feature.reset(m_layer->GetNextFeature())) {
        RawCell cell;
        cell.fid = feature->GetFID();
        cell.sourceCode = text(*feature, m_fieldIndex[GridCodeSlot]);
        cell.name = text(*feature, m_fieldIndex[GridNameSlot]);
        cell.street = text(*feature, m_fieldIndex[StreetSlot]);
        cell.streetCode = text(*feature, m_fieldIndex[StreetCodeSlot]);
        cell.community = text(*feature, m_fieldIndex[CommunitySlot]);
        cell.communityCode = text(*feature, m_fieldIndex[CommunityCodeSlot]);
        // A code without a name still identifies the area; it is shown until renamed.
        if (cell.street.isEmpty())
            cell.street = cell.streetCode;
        if (cell.community.isEmpty())
            cell.community = cell.communityCode;

        if (m_fieldIndex[GridCodeSlot] >= 0 && cell.sourceCode.isEmpty()) {
            error(GisProblemKind::MissingGridCode, Text::tr("%1 has no grid code.").arg(featureLabel(cell)), cell.fid);
            cell.usable = false;
        }
        if (cell.street.isEmpty() && (m_fieldIndex[StreetSlot] >= 0 || m_fieldIndex[StreetCodeSlot] >= 0)) {
            error(GisProblemKind::MissingStreet, Text::tr("%1 has no street.").arg(featureLabel(cell)), cell.fid, cell.sourceCode);
            cell.usable = false;
        }
        if (cell.community.isEmpty() && (m_fieldIndex[CommunitySlot] >= 0 || m_fieldIndex[CommunityCodeSlot] >= 0)) {
            error(GisProblemKind::MissingCommunity, Text::tr("%1 has no community.").arg(featureLabel(cell)), cell.fid, cell.sourceCode);
            cell.usable = false;
        }

        cell.sourceGeometry = polygonal(GeometryPtr(feature->StealGeometry()), cell);
        if (!cell.sourceGeometry) {
            cell.usable = false;
        } else if (m_crsKnown) {
            QString firstBad;
            if (!toLonLat(*cell.sourceGeometry, &cell.lonLat, &firstBad)) {
                error(GisProblemKind::OutOfRange,
                    Text::tr("%1 lies outside the plausible area after reprojection from %2 (first bad point %3); "
                       "is the coordinate reference system right?")
                        .arg(featureLabel(cell), m_result.sourceCrs, firstBad),
                    cell.fid, cell.sourceCode);
                cell.usable = false;
            }
        }
        m_cells.push_back(std::move(cell));
        if ((++read & 255) == 0)
            report(m_progressDone = read);
    }
    m_progressDone = read;
    report(read);
    reportIfTruncated(failuresBefore, read, count);
}

// Returns the geometry as an OGRMultiPolygon, repaired if needed, or null after recording why not.
GeometryPtr Reader::polygonal(GeometryPtr geometry, RawCell& cell)
{
    if (!geometry || geometry->IsEmpty()) {
        error(GisProblemKind::EmptyGeometry, Text::tr("%1 has no geometry.").arg(featureLabel(cell)), cell.fid, cell.sourceCode);
        return {};
    }
    geometry->flattenTo2D();
    auto isPolygonal = [](const OGRGeometry& g) {
        switch (wkbFlatten(g.getGeometryType())) {
        case wkbPolygon:
        case wkbMultiPolygon:
        case wkbCurvePolygon:
        case wkbMultiSurface:
            return true;
        default:
            return false;
        }
    };
    bool ok = isPolygonal(*geometry);
    if (!ok && wkbFlatten(geometry->getGeometryType()) == wkbGeometryCollection) {
        // KML's MultiGeometry arrives as a collection; fine if every member is a polygon.
        const auto* collection = geometry->toGeometryCollection();
        ok = collection->getNumGeometries() > 0;
        for (const OGRGeometry* member : *collection)
            ok = ok && isPolygonal(*member);
    }
    if (!ok) {
        error(GisProblemKind::NotPolygon,
            Text::tr("%1 is a %2, not a polygon.").arg(featureLabel(cell), QString::fromUtf8(geometry->getGeometryName())),
            cell.fid, cell.sourceCode);
        return {};
    }
    geometry.reset(OGRGeometryFactory::forceToMultiPolygon(geometry.release()));
    if (!geometry || wkbFlatten(geometry->getGeometryType()) != wkbMultiPolygon) {
        error(GisProblemKind::NotPolygon, Text::tr("%1 cannot be read as polygons.").arg(featureLabel(cell)), cell.fid, cell.sourceCode);
        return {};
    }
    if (geometry->IsValid())
        return geometry;

    GeometryPtr repaired(geometry->MakeValid());
    if (repaired) {
        // MakeValid may return a collection with lines or points left over from collapsed
        // parts; only the polygonal parts are a boundary.
        auto polygons = std::make_unique<OGRMultiPolygon>();
        auto take = [&](const OGRGeometry& g) {
            const auto type = wkbFlatten(g.getGeometryType());
            if (type == wkbPolygon)
                polygons->addGeometry(&g);
            else if (type == wkbMultiPolygon)
                for (const OGRPolygon* p : *g.toMultiPolygon())
                    polygons->addGeometry(p);
        };
        if (wkbFlatten(repaired->getGeometryType()) == wkbGeometryCollection) {
            for (const OGRGeometry* member : *repaired->toGeometryCollection())
                take(*member);
        } else {
            take(*repaired);
        }
        if (!polygons->IsEmpty() && polygons->get_Area() > 0 && polygons->IsValid()) {
            ++m_result.repairedCount;
            warning(GisProblemKind::RepairedGeometry,
                QCoreApplication::translate("GisImport",
                    "%1 had an invalid geometry (e.g. a self-intersection); repaired into %n part(s).", nullptr,
                    polygons->getNumGeometries())
                    .arg(featureLabel(cell)),
                cell.fid, cell.sourceCode);
            return GeometryPtr(polygons.release());
        }
    }
    error(GisProblemKind::InvalidGeometry,
        Text::tr("%1 has an invalid geometry that cannot be repaired (no area left).").arg(featureLabel(cell)), cell.fid,
        cell.sourceCode);
    return {};
}

bool Reader::toLonLat(const OGRGeometry& source, MultiPolygon* out, QString* firstBad) const
{
    GeometryPtr copy;
    const OGRGeometry* geometry = &source;
    if (m_transform) {
        copy.reset(source.clone());
        if (copy->transform(m_transform.get()) != OGRERR_NONE) {
            *firstBad = Text::tr("(transformation failed)");
            return false;
        }
        geometry = copy.get();
    }
    const GeoBox& area = m_options.plausibleArea;
    bool ok = true;
    auto convertRing = [&](const OGRLinearRing& ring) {
        Ring out;
        int n = ring.getNumPoints();
        if (n > 1 && ring.getX(0) == ring.getX(n - 1) && ring.getY(0) == ring.getY(n - 1))
            --n; // the domain's rings are closed implicitly
        out.reserve(n);
        for (int i = 0; i < n; ++i) {
            const LonLat p { ring.getX(i), ring.getY(i) };
            if (!plausibleLonLat(p, area) && ok) {
                ok = false;
                *firstBad = lonLatText(p);
            }
            out.append(p);
        }
        return out;
    };
    out->parts.clear();
    for (const OGRPolygon* polygon : *geometry->toMultiPolygon()) {
        Polygon part;
        part.outer = convertRing(*polygon->getExteriorRing());
        for (int i = 0; i < polygon->getNumInteriorRings(); ++i)
            part.holes.append(convertRing(*polygon->getInteriorRing(i)));
        out->parts.append(std::move(part));
    }
    return ok;
}

void Reader::checkDuplicates()
{
    QHash<QString, qint64> firstFid;
    for (RawCell& cell : m_cells) {
        if (cell.sourceCode.isEmpty())
            continue;
        auto it = firstFid.constFind(cell.sourceCode);
        if (it == firstFid.constEnd()) {
            firstFid.insert(cell.sourceCode, cell.fid);
            continue;
        }
        error(GisProblemKind::DuplicateCode,
            Text::tr("Features %1 and %2 have the same grid code %3.").arg(it.value()).arg(cell.fid).arg(cell.sourceCode),
            cell.fid, cell.sourceCode);
        cell.usable = false;
    }
}

void Reader::resolveCodes()
{
    QList<RawCell*> cells;
    bool anyStandard = false;
    for (RawCell& cell : m_cells) {
        // The code style is the file's, whatever else is wrong with a feature.
        anyStandard = anyStandard || allDigits(cell.sourceCode, areacode::kGridDigits);
        if (cell.usable)
            cells.append(&cell);
    }
    if (cells.isEmpty())
        return;
    if (!m_options.districtCode.isEmpty() && !allDigits(m_options.districtCode, areacode::kDistrictDigits)) {
        error(GisProblemKind::BadCode, Text::tr("The district code \"%1\" is not 6 digits.").arg(m_options.districtCode));
        return;
    }
    m_result.codesDerived = !anyStandard;
    if (anyStandard)
        resolveGivenCodes(cells);
    else
        deriveCodes(cells);
}

// The file carries CJ/T 213 grid codes: every grid must, and street and community codes,
// where given, must agree with them.
void Reader::resolveGivenCodes(QList<RawCell*>& cells)
{
    QString district = m_options.districtCode;
    QHash<QString, const RawCell*> firstWithCode; // street or community code → first feature
    for (RawCell* cell : cells) {
        const QString& code = cell->sourceCode;
        if (!allDigits(code, areacode::kGridDigits)) {
            error(GisProblemKind::BadCode,
                Text::tr("%1: the grid code is not a 15-digit CJ/T 213 code like the others in the file.").arg(featureLabel(*cell)),
                cell->fid, code);
            cell->usable = false;
            continue;
        }
        if (district.isEmpty())
            district = code.left(areacode::kDistrictDigits);
        if (!code.startsWith(district)) {
            error(GisProblemKind::BadCode,
                Text::tr("%1: the grid code is outside district %2; import one district at a time.").arg(featureLabel(*cell), district),
                cell->fid, code);
            cell->usable = false;
            continue;
        }
        auto check = [&](const QString& given, int digits, const char* what) {
            if (given.isEmpty())
                return true;
            const QString expected = code.left(digits);
            if (given == expected || (given.size() == 3 && expected.endsWith(given)))
                return true;
            error(GisProblemKind::BadCode,
                Text::tr("%1: the %2 code %3 does not match the grid code.").arg(featureLabel(*cell), Text::tr(what), given), cell->fid, code);
            return false;
        };
        const bool streetOk = check(cell->streetCode, areacode::kStreetDigits, QT_TRANSLATE_NOOP("GisImport", "street"));
        const bool communityOk
            = check(cell->communityCode, areacode::kCommunityDigits, QT_TRANSLATE_NOOP("GisImport", "community"));
        if (!streetOk || !communityOk) {
            cell->usable = false;
            continue;
        }
        cell->code = code;
        cell->streetCode = code.left(areacode::kStreetDigits);
        cell->communityCode = code.left(areacode::kCommunityDigits);
        // One code, one name: a different name means a typo or a wrong code in the file.
        for (const auto& [areaCode, name] : { std::pair { cell->streetCode, cell->street },
                 std::pair { cell->communityCode, cell->community } }) {
            const RawCell* first = firstWithCode.value(areaCode);
            if (!first) {
                firstWithCode.insert(areaCode, cell);
                continue;
            }
            const QString& firstName = areaCode.size() == areacode::kStreetDigits ? first->street : first->community;
            if (firstName != name) {
                error(GisProblemKind::BadCode,
                    Text::tr("%1: area %2 is named %3 here but %4 in feature %5.")
                        .arg(featureLabel(*cell), areaCode, name, firstName)
                        .arg(first->fid),
                    cell->fid, code);
                cell->usable = false;
            }
        }
    }
    m_result.district.code = district;
}

// Local grid identifiers: codes are derived from the district code, in a stable order
// (streets and communities by name or given code, grids by their identifier in natural
// order), so re-importing the same file yields the same codes.
void Reader::deriveCodes(QList<RawCell*>& cells)
{
    const QString district = m_options.districtCode;
    if (district.isEmpty()) {
        error(GisProblemKind::BadCode,
            Text::tr("The grid codes in %1 are not 15-digit CJ/T 213 codes, so GridHall derives them; "
               "pass the 6-digit district code (--district-code) to derive them from.")
                .arg(m_path));
        return;
    }
    m_result.district.code = district;

    // Street keys → code. A given code (9 digits, or 3 within the district) wins.
    QMap<QString, QString> streetCodes; // key → code ("" until derived)
    QHash<QString, qint64> streetKeyFid;
    for (RawCell* cell : cells) {
        QString given;
        if (!cell->streetCode.isEmpty()) {
            if (allDigits(cell->streetCode, areacode::kStreetDigits) && cell->streetCode.startsWith(district))
                given = cell->streetCode;
            else if (allDigits(cell->streetCode, 3))
                given = district + cell->streetCode;
            else {
                error(GisProblemKind::BadCode,
                    Text::tr("%1: the street code %2 is neither 9 digits in district %3 nor 3 digits.")
                        .arg(featureLabel(*cell), cell->streetCode, district),
                    cell->fid, cell->sourceCode);
                cell->usable = false;
                continue;
            }
        }
        auto it = streetCodes.find(cell->street);
        if (it == streetCodes.end()) {
            streetCodes.insert(cell->street, given);
            streetKeyFid.insert(cell->street, cell->fid);
        } else if (it.value() != given) {
            error(GisProblemKind::BadCode,
                Text::tr("%1: street %2 has code %3 here but %4 in feature %5.")
                    .arg(featureLabel(*cell), cell->street, given, it.value())
                    .arg(streetKeyFid.value(cell->street)),
                cell->fid, cell->sourceCode);
            cell->usable = false;
        }
    }
    QSet<QString> usedStreetCodes;
    for (const QString& code : std::as_const(streetCodes))
        if (!code.isEmpty())
            usedStreetCodes.insert(code);
    int next = 1;
    for (auto it = streetCodes.begin(); it != streetCodes.end(); ++it) {
        if (!it.value().isEmpty())
            continue;
        while (next <= 999 && usedStreetCodes.contains(district + threeDigits(next)))
            ++next;
        if (next > 999) {
            error(GisProblemKind::TooMany, Text::tr("More than 999 streets in district %1.").arg(district));
            return;
        }
        it.value() = district + threeDigits(next++);
    }

    // Communities within each street, the same way.
    using CommunityKey = QPair<QString, QString>; // street code, community name
    QMap<CommunityKey, QString> communityCodes;
    for (RawCell* cell : cells) {
        if (!cell->usable)
            continue;
        const QString streetCode = streetCodes.value(cell->street);
        QString given;
        if (!cell->communityCode.isEmpty()) {
            if (allDigits(cell->communityCode, areacode::kCommunityDigits) && cell->communityCode.startsWith(streetCode))
                given = cell->communityCode;
            else if (allDigits(cell->communityCode, 3))
                given = streetCode + cell->communityCode;
            else {
                error(GisProblemKind::BadCode,
                    Text::tr("%1: the community code %2 is neither 12 digits in street %3 nor 3 digits.")
                        .arg(featureLabel(*cell), cell->communityCode, streetCode),
                    cell->fid, cell->sourceCode);
                cell->usable = false;
                continue;
            }
        }
        const CommunityKey key { streetCode, cell->community };
        auto it = communityCodes.find(key);
        if (it == communityCodes.end())
            communityCodes.insert(key, given);
        else if (it.value() != given) {
            error(GisProblemKind::BadCode,
                Text::tr("%1: community %2 has code %3 here but %4 elsewhere.").arg(featureLabel(*cell), cell->community, given, it.value()),
                cell->fid, cell->sourceCode);
            cell->usable = false;
        }
        cell->streetCode = streetCode;
    }
    QSet<QString> usedCommunityCodes;
    for (const QString& code : std::as_const(communityCodes))
        if (!code.isEmpty())
            usedCommunityCodes.insert(code);
    QHash<QString, int> nextInStreet;
    for (auto it = communityCodes.begin(); it != communityCodes.end(); ++it) {
        if (!it.value().isEmpty())
            continue;
        const QString& streetCode = it.key().first;
        int& n = nextInStreet[streetCode];
        do
            ++n;
        while (n <= 999 && usedCommunityCodes.contains(streetCode + threeDigits(n)));
        if (n > 999) {
            error(GisProblemKind::TooMany, Text::tr("More than 999 communities in street %1.").arg(streetCode));
            return;
        }
        it.value() = streetCode + threeDigits(n);
    }

    // Grids within each community, in natural order of their identifiers.
    QHash<QString, QList<RawCell*>> byCommunity;
    for (RawCell* cell : cells) {
        if (!cell->usable)
            continue;
        cell->communityCode = communityCodes.value({ cell->streetCode, cell->community });
        byCommunity[cell->communityCode].append(cell);
    }
    for (auto it = byCommunity.begin(); it != byCommunity.end(); ++it) {
        QList<RawCell*>& members = it.value();
        if (members.size() > 999) {
            error(GisProblemKind::TooMany, Text::tr("More than 999 grids in community %1.").arg(it.key()));
            return;
        }
        std::sort(members.begin(), members.end(),
            [](const RawCell* a, const RawCell* b) { return naturalLess(a->sourceCode, b->sourceCode); });
        for (int i = 0; i < members.size(); ++i) {
            members[i]->code = it.key() + threeDigits(i + 1);
            // Keep the local identifier visible when the file names no grid.
            if (members[i]->name.isEmpty())
                members[i]->name = members[i]->sourceCode;
        }
    }
}

GeometryPtr asMultiPolygon(GeometryPtr g)
{
    if (g)
        g.reset(OGRGeometryFactory::forceToMultiPolygon(g.release()));
    if (!g || wkbFlatten(g->getGeometryType()) != wkbMultiPolygon)
        return {};
    return g;
}

// GEOS's coverage union: for cells that tile without overlaps and meet at shared
// vertices (what a GIS office's topology-checked grid file is) it is many times faster
// than the cascaded union. Null when GEOS fails.
GeometryPtr coverageUnion(const OGRMultiPolygon& all)
{
    struct Context {
        GEOSContextHandle_t handle = OGRGeometry::createGEOSContext();
        ~Context() { OGRGeometry::freeGEOSContext(handle); }
    } context;
    auto geosDeleter = [&context](GEOSGeometry* g) { GEOSGeom_destroy_r(context.handle, g); };
    std::unique_ptr<GEOSGeometry, decltype(geosDeleter)> input(all.exportToGEOS(context.handle), geosDeleter);
    if (!input)
        return {};
    std::unique_ptr<GEOSGeometry, decltype(geosDeleter)> merged(GEOSCoverageUnion_r(context.handle, input.get()), geosDeleter);
    if (!merged)
        return {};
    return asMultiPolygon(GeometryPtr(OGRGeometryFactory::createFromGEOS(context.handle, merged.get())));
}

// The union of polygonal geometries in the source CRS, as an OGRMultiPolygon (or null).
GeometryPtr unionOf(const QList<const OGRGeometry*>& parts)
{
    OGRMultiPolygon all;
    double areaSum = 0;
    for (const OGRGeometry* part : parts)
        for (const OGRPolygon* polygon : *part->toMultiPolygon()) {
            all.addGeometry(polygon);
            areaSum += polygon->get_Area();
        }
    if (all.IsEmpty())
        return {};
    // The fast path is trusted only when nothing overlapped or went missing: the same area,
    // and valid. Otherwise (overlaps, T-junctions, gaps) the general union decides.
    if (GeometryPtr merged = coverageUnion(all)) {
        const double area = merged->toMultiPolygon()->get_Area();
        if (std::abs(area - areaSum) <= 1e-9 * areaSum && merged->IsValid())
            return merged;
    }
    return asMultiPolygon(GeometryPtr(all.UnionCascaded()));
}

void Reader::buildAreas()
{
    District& district = m_result.district;
    district.name = m_options.districtName;

    QMap<QString, Street> streets;
    QMap<QString, Community> communities;
    QMap<QString, QList<const OGRGeometry*>> cellsOfCommunity;
    std::vector<const RawCell*> ordered;
    for (const RawCell& cell : m_cells) {
        if (!cell.usable || cell.code.isEmpty())
            continue;
        ordered.push_back(&cell);
        Street& street = streets[cell.streetCode];
        if (street.code.isEmpty())
            street = { cell.streetCode, cell.street, district.code, {} };
        Community& community = communities[cell.communityCode];
        if (community.code.isEmpty())
            community = { cell.communityCode, cell.community, cell.streetCode, {} };
        cellsOfCommunity[cell.communityCode].append(cell.sourceGeometry.get());
    }
    std::sort(ordered.begin(), ordered.end(), [](const RawCell* a, const RawCell* b) { return a->code < b->code; });
    m_result.grids.reserve(qsizetype(ordered.size()));
    for (const RawCell* cell : ordered) {
        GridCell grid;
        grid.code = cell->code;
        grid.name = cell->name.isEmpty() ? cell->code : cell->name;
        grid.communityCode = cell->communityCode;
        grid.streetCode = cell->streetCode;
        grid.boundary = cell->lonLat;
        grid.centroid = grid.boundary.centroid();
        m_result.grids.append(std::move(grid));
    }

    if (m_options.deriveParentBoundaries && m_crsKnown) {
        // Unions in the source CRS, where neighbouring cells share exact vertices.
        QString ignored;
        QMap<QString, QList<const OGRGeometry*>> communitiesOfStreet;
        std::vector<GeometryPtr> keep;
        for (auto it = cellsOfCommunity.cbegin(); it != cellsOfCommunity.cend(); ++it) {
            if (GeometryPtr merged = unionOf(it.value())) {
                toLonLat(*merged, &communities[it.key()].boundary, &ignored);
                communitiesOfStreet[areacode::parentOf(it.key())].append(merged.get());
                keep.push_back(std::move(merged));
            }
            m_progressDone += it.value().size();
            report(m_progressDone);
        }
        QList<const OGRGeometry*> streetShapes;
        for (auto it = communitiesOfStreet.cbegin(); it != communitiesOfStreet.cend(); ++it) {
            if (GeometryPtr merged = unionOf(it.value())) {
                toLonLat(*merged, &streets[it.key()].boundary, &ignored);
                streetShapes.append(merged.get());
                keep.push_back(std::move(merged));
            }
        }
        if (GeometryPtr merged = unionOf(streetShapes))
            toLonLat(*merged, &district.boundary, &ignored);
    }

    for (const Street& street : std::as_const(streets))
        m_result.streets.append(street);
    for (const Community& community : std::as_const(communities))
        m_result.communities.append(community);
}

// Camera points ---------------------------------------------------------------------------

enum CameraSlot { CameraCodeSlot, CameraNameSlot, MainUrlSlot, SubUrlSlot, DirectionSlot, KindSlot, CameraSlotCount };

const QStringList& cameraCandidatesFor(CameraSlot slot)
{
    static const QStringList lists[CameraSlotCount] = {
        { QStringLiteral("摄像头编码"), QStringLiteral("摄像机编码"), QStringLiteral("设备编码"), QStringLiteral("点位编码"),
            QStringLiteral("国标编码"), QStringLiteral("CAMERA_CODE"), QStringLiteral("CAMERACODE"), QStringLiteral("CAM_CODE"),
            QStringLiteral("DEVICE_CODE"), QStringLiteral("DEVICE_ID"), QStringLiteral("SBBM"), QStringLiteral("CODE") },
        { QStringLiteral("摄像头名称"), QStringLiteral("摄像机名称"), QStringLiteral("设备名称"), QStringLiteral("点位名称"),
            QStringLiteral("CAMERA_NAME"), QStringLiteral("DEVICE_NAME"), QStringLiteral("SBMC"), QStringLiteral("名称"),
            QStringLiteral("NAME") },
        { QStringLiteral("主码流"), QStringLiteral("主码流地址"), QStringLiteral("视频地址"), QStringLiteral("取流地址"),
            QStringLiteral("MAIN_URL"), QStringLiteral("MAIN_STREAM"), QStringLiteral("STREAM_URL"), QStringLiteral("RTSP"),
            QStringLiteral("URL") },
        { QStringLiteral("子码流"), QStringLiteral("子码流地址"), QStringLiteral("SUB_URL"), QStringLiteral("SUB_STREAM") },
        { QStringLiteral("朝向"), QStringLiteral("方向"), QStringLiteral("方位角"), QStringLiteral("DIRECTION"),
            QStringLiteral("AZIMUTH"), QStringLiteral("HEADING"), QStringLiteral("BEARING") },
        { QStringLiteral("摄像头类型"), QStringLiteral("设备类型"), QStringLiteral("类型"), QStringLiteral("用途"),
            QStringLiteral("CAMERA_TYPE"), QStringLiteral("KIND"), QStringLiteral("TYPE") },
    };
    return lists[slot];
}

// A kind as the city writes it: GridHall's keys, or the usual Chinese words.
bool cameraKindFromText(const QString& text, CameraKind* kind)
{
    if (text.isEmpty()) {
        *kind = CameraKind::Road;
        return true;
    }
    if (cameraKindFromKey(text.toLower(), kind))
        return true;
    struct Word {
        const char* text;
        CameraKind kind;
    };
    static const Word words[] = { { "人脸", CameraKind::FaceMatching }, { "小区", CameraKind::Compound },
        { "社区", CameraKind::Compound }, { "住宅", CameraKind::Compound }, { "道路", CameraKind::Road },
        { "交通", CameraKind::Road }, { "治安", CameraKind::Road }, { "路口", CameraKind::Road } };
    for (const Word& w : words) {
        if (text.contains(QString::fromUtf8(w.text))) {
            *kind = w.kind;
            return true;
        }
    }
    return false;
}

class CameraReader : public LayerReader<CameraImportResult> {
public:
    CameraReader(const QString& path, const CameraImportOptions& options)
        : LayerReader(path)
        , m_options(options)
    {
    }

    CameraImportResult run()
    {
        registerDriversOnce();
        if (!openLayer(m_options.layerName, m_options.encoding))
            return std::move(m_result);
        setUpTransform(m_options.assumeSrs);
        mapFields();
        if (m_result.errorCount() > 0)
            return std::move(m_result);
        readFeatures();
        if (m_result.cameras.isEmpty() && m_result.errorCount() == 0)
            error(GisProblemKind::EmptyLayer, Text::tr("Layer \"%1\" of %2 has no features.").arg(m_result.layerName, m_path));
        return std::move(m_result);
    }

private:
    QString label(qint64 fid, const QString& code) const
    {
        if (code.isEmpty())
            return Text::tr("Feature %1").arg(fid);
        return Text::tr("Feature %1 (camera %2)").arg(fid).arg(code);
    }

    void mapFields()
    {
        const QStringList names = fieldNames();
        const QString available = availableFieldsText(names);
        struct Role {
            QString CameraFieldMapping::*member;
            CameraSlot slot;
            const char* what;
        };
        const Role roles[] = {
            { &CameraFieldMapping::code, CameraCodeSlot, QT_TRANSLATE_NOOP("GisImport", "camera code") },
            { &CameraFieldMapping::name, CameraNameSlot, QT_TRANSLATE_NOOP("GisImport", "camera name") },
            { &CameraFieldMapping::mainUrl, MainUrlSlot, QT_TRANSLATE_NOOP("GisImport", "main stream URL") },
            { &CameraFieldMapping::subUrl, SubUrlSlot, QT_TRANSLATE_NOOP("GisImport", "sub-stream URL") },
            { &CameraFieldMapping::direction, DirectionSlot, QT_TRANSLATE_NOOP("GisImport", "view direction") },
            { &CameraFieldMapping::kind, KindSlot, QT_TRANSLATE_NOOP("GisImport", "camera kind") },
        };
        for (const Role& role : roles) {
            const int index = findField(names, m_options.fields.*role.member, cameraCandidatesFor(role.slot), Text::tr(role.what), available);
            m_field[role.slot] = index;
            if (index >= 0)
                m_result.fieldsUsed.*role.member = names[index];
        }
        if (m_field[CameraCodeSlot] < 0 && m_options.fields.code.isEmpty())
            error(GisProblemKind::MissingField,
                Text::tr("No camera code field found in layer \"%1\" (looked for 摄像头编码, CAMERA_CODE, DEVICE_CODE …); "
                         "name it with --code-field. Its fields are: %2")
                    .arg(m_result.layerName, available));
        if (m_field[MainUrlSlot] < 0 && m_options.fields.mainUrl.isEmpty())
            error(GisProblemKind::MissingField,
                Text::tr("No stream URL field found in layer \"%1\" (looked for 主码流, MAIN_URL, RTSP, URL …); "
                         "name it with --main-url-field. Its fields are: %2")
                    .arg(m_result.layerName, available));
    }

    void readFeatures()
    {
        const GIntBig count = m_layer->GetFeatureCount(TRUE);
        const int failuresBefore = m_messages.failures.size();
        QHash<QString, qint64> fidOfCode;
        auto text = [](OGRFeature& feature, int index) {
            if (index < 0 || !feature.IsFieldSetAndNotNull(index))
                return QString();
            return QString::fromUtf8(feature.GetFieldAsString(index)).trimmed();
        };
        qint64 read = 0;
        m_layer->ResetReading();
        for (FeaturePtr feature(m_layer->GetNextFeature()); feature; feature.reset(m_layer->GetNextFeature())) {
            ++read;
            const qint64 fid = feature->GetFID();
            Camera camera;
            camera.code = text(*feature, m_field[CameraCodeSlot]);
            camera.name = text(*feature, m_field[CameraNameSlot]);
            camera.mainUrl = text(*feature, m_field[MainUrlSlot]);
            camera.subUrl = text(*feature, m_field[SubUrlSlot]);
            const QString where = label(fid, camera.code);
            bool usable = true;
            auto bad = [&](GisProblemKind kind, const QString& message) {
                error(kind, message, fid, camera.code);
                usable = false;
            };
            if (camera.code.isEmpty())
                bad(GisProblemKind::MissingGridCode, Text::tr("%1 has no camera code.").arg(where));
            else if (camera.code.size() > 64)
                bad(GisProblemKind::BadCode, Text::tr("%1: the camera code is longer than 64 characters.").arg(where));
            else if (fidOfCode.contains(camera.code))
                bad(GisProblemKind::DuplicateCode,
                    Text::tr("%1 has the same camera code as feature %2.").arg(where).arg(fidOfCode.value(camera.code)));
            else
                fidOfCode.insert(camera.code, fid);
            if (camera.name.isEmpty())
                camera.name = camera.code;
            // A URL is named by its display form: a password never reaches a message.
            if (camera.mainUrl.isEmpty())
                bad(GisProblemKind::BadStreamUrl, Text::tr("%1 has no stream URL.").arg(where));
            else if (!streamurl::isSupported(camera.mainUrl))
                bad(GisProblemKind::BadStreamUrl,
                    Text::tr("%1: \"%2\" is not an rtsp, rtsps, http or https URL.").arg(where, streamurl::forDisplay(camera.mainUrl)));
            if (!camera.subUrl.isEmpty() && !streamurl::isSupported(camera.subUrl))
                bad(GisProblemKind::BadStreamUrl,
                    Text::tr("%1: the sub-stream \"%2\" is not an rtsp, rtsps, http or https URL.").arg(where, streamurl::forDisplay(camera.subUrl)));
            const QString direction = text(*feature, m_field[DirectionSlot]);
            if (!direction.isEmpty()) {
                bool isNumber = false;
                const double degrees = direction.toDouble(&isNumber);
                if (!isNumber || !std::isfinite(degrees) || degrees < 0 || degrees > 360)
                    bad(GisProblemKind::BadValue,
                        Text::tr("%1: the view direction \"%2\" is not a number of degrees from 0 to 360.").arg(where, direction));
                else
                    camera.direction = degrees == 360 ? 0 : degrees;
            }
            const QString kind = text(*feature, m_field[KindSlot]);
            if (!cameraKindFromText(kind, &camera.kind))
                bad(GisProblemKind::BadValue,
                    Text::tr("%1: unknown camera kind \"%2\" (road, compound, face_matching, or 道路, 小区, 人脸 …).").arg(where, kind));
            readPoint(*feature, camera, where, &usable, fid);
            if (usable && !m_options.grids.isEmpty())
                placeInGrid(camera, where, &usable, fid);
            if (usable) {
                if (streamurl::hasCredentials(camera.mainUrl) || streamurl::hasCredentials(camera.subUrl))
                    ++m_result.withCredentials;
                m_result.cameras.append(camera);
            }
        }
        reportIfTruncated(failuresBefore, read, count);
    }

    void readPoint(OGRFeature& feature, Camera& camera, const QString& where, bool* usable, qint64 fid)
    {
        const OGRGeometry* geometry = feature.GetGeometryRef();
        if (!geometry || geometry->IsEmpty()) {
            error(GisProblemKind::EmptyGeometry, Text::tr("%1 has no location.").arg(where), fid, camera.code);
            *usable = false;
            return;
        }
        const OGRPoint* point = nullptr;
        const auto type = wkbFlatten(geometry->getGeometryType());
        if (type == wkbPoint)
            point = geometry->toPoint();
        else if (type == wkbMultiPoint && geometry->toMultiPoint()->getNumGeometries() == 1)
            point = geometry->toMultiPoint()->getGeometryRef(0);
        if (!point) {
            error(GisProblemKind::NotPoint,
                Text::tr("%1 is a %2, not a point.").arg(where, QString::fromUtf8(geometry->getGeometryName())), fid, camera.code);
            *usable = false;
            return;
        }
        if (!m_crsKnown) {
            *usable = false; // the layer's CRS problem is reported once
            return;
        }
        double x = point->getX(), y = point->getY();
        if (m_transform && !m_transform->Transform(1, &x, &y)) {
            error(GisProblemKind::OutOfRange, Text::tr("%1 could not be reprojected from %2.").arg(where, m_result.sourceCrs), fid, camera.code);
            *usable = false;
            return;
        }
        camera.position = { x, y };
        if (!plausibleLonLat(camera.position, m_options.plausibleArea)) {
            error(GisProblemKind::OutOfRange,
                Text::tr("%1 lies outside the plausible area after reprojection from %2 (%3); "
                         "is the coordinate reference system right?")
                    .arg(where, m_result.sourceCrs, lonLatText(camera.position)),
                fid, camera.code);
            *usable = false;
        }
    }

    void placeInGrid(Camera& camera, const QString& where, bool* usable, qint64 fid)
    {
        if (m_gridBounds.isEmpty()) {
            for (const GridCell& g : m_options.grids)
                m_gridBounds.append(g.boundary.bounds());
        }
        for (int i = 0; i < m_options.grids.size(); ++i) {
            if (m_gridBounds[i].contains(camera.position) && m_options.grids[i].boundary.contains(camera.position)) {
                camera.gridCode = m_options.grids[i].code;
                camera.streetCode = m_options.grids[i].streetCode;
                return;
            }
        }
        error(GisProblemKind::OutsideGrids,
            Text::tr("%1 at %2 lies in none of the hall's grids (import the grids first, or check the coordinate reference system).")
                .arg(where, lonLatText(camera.position)),
            fid, camera.code);
        *usable = false;
    }

    const CameraImportOptions& m_options;
    int m_field[CameraSlotCount] = { -1, -1, -1, -1, -1, -1 };
    QList<GeoBox> m_gridBounds;
};

} // namespace

namespace {
// Warnings do not stop an import; errors do.
int countErrors(const QList<GisProblem>& problems)
{
    int n = 0;
    for (const GisProblem& p : problems)
        n += p.isError ? 1 : 0;
    return n;
}
} // namespace

int GridImportResult::errorCount() const
{
    return countErrors(problems);
}

GridImportResult readGridBoundaries(const QString& path, const GisImportOptions& options)
{
    Reader reader(path, options);
    return reader.run();
}

int CameraImportResult::errorCount() const
{
    return countErrors(problems);
}

CameraImportResult readCameraPoints(const QString& path, const CameraImportOptions& options)
{
    CameraReader reader(path, options);
    return reader.run();
}

} // namespace gridhall
