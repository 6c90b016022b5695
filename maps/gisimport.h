#pragma once
// Reading grid boundaries from the city GIS office's files (Shapefile, GeoPackage, GeoJSON,
// KML, anything else GDAL/OGR reads) into domain values, reprojected to lon/lat.
//
// Everything is validated before anything is returned as importable: the caller writes the
// result only when ok() holds. Problems carry the feature id (FID) and the grid code so the
// operator can find the feature in the source file.

#include "models/domain/area.h"
#include "models/domain/camera.h"

#include <QList>
#include <QString>
#include <functional>

namespace gridhall {

// Which attribute holds what. An empty name means "detect it" from the common Chinese and
// English field names (街道名称/STREET_NAME/JD, 社区名称/COMMUNITY/SQ, 网格编码/GRID_CODE/WGBM …).
struct GisFieldMapping {
    QString street; // street (街道) name
    QString streetCode; // optional: 9-digit street code, or its 3-digit local part
    QString community; // community (社区) name
    QString communityCode; // optional: 12-digit community code, or its 3-digit local part
    QString gridCode; // grid code: a 15-digit CJ/T 213 code or any local identifier
    QString gridName; // optional
};

struct GisImportOptions {
    QString layerName; // empty: the first layer
    GisFieldMapping fields; // explicit names override detection
    QString assumeSrs; // CRS for files that declare none, e.g. "EPSG:4547"
    QString encoding; // attribute encoding for files without one (e.g. "CP936"), Shapefile only
    // The 6-digit district code. Needed when the grid codes are not CJ/T 213 codes and the
    // codes have to be derived; must match the codes' prefix when they are.
    QString districtCode;
    QString districtName;
    // Street and community boundaries as the union of their cells (GEOS through OGR).
    bool deriveParentBoundaries = true;
    // Coordinates outside this box after reprojection are errors: GridHall serves Chinese
    // cities, and a point outside China almost always means a wrong or assumed CRS.
    GeoBox plausibleArea { 73.0, 3.0, 136.0, 54.0, true };
    // Called every few hundred features and at the end; total may be an estimate.
    std::function<void(qint64 done, qint64 total)> progress;
};

enum class GisProblemKind {
    Unreadable, // missing, truncated or not a GIS file
    NoSuchLayer,
    EmptyLayer,
    MissingCrs,
    UnknownCrs,
    MissingField, // a required attribute could not be found
    InvalidGeometry, // could not be repaired
    RepairedGeometry, // a warning: repaired with MakeValid
    NotPolygon,
    EmptyGeometry,
    OutOfRange,
    DuplicateCode,
    MissingStreet,
    MissingCommunity,
    MissingGridCode,
    BadCode, // malformed, inconsistent or outside the district
    TooMany, // more than 999 children for a derived code
    NotPoint, // a camera that is not a point
    BadStreamUrl, // a camera stream URL GridHall cannot play
    BadValue, // an attribute with a value out of its range (a camera's direction or kind)
    OutsideGrids, // a camera in none of the hall's grids
};

struct GisProblem {
    GisProblemKind kind = GisProblemKind::Unreadable;
    bool isError = true; // false: a warning, the import may go on
    qint64 fid = -1; // -1: about the file or layer, not one feature
    QString gridCode; // as in the source file, when known
    QString message; // translated, names the feature and the code
};

struct GridImportResult {
    District district; // code, name; boundary = union of the streets when derived
    QList<Street> streets;
    QList<Community> communities;
    QList<GridCell> grids;
    QList<GisProblem> problems;
    int repairedCount = 0;
    bool codesDerived = false; // true when the source had no CJ/T 213 grid codes
    QString layerName;
    QString sourceCrs; // e.g. "EPSG:4547" or the CRS name
    GisFieldMapping fieldsUsed;

    int errorCount() const;
    bool ok() const { return errorCount() == 0; }
};

// Reads, reprojects and validates one layer. Never throws; every problem is in problems.
GridImportResult readGridBoundaries(const QString& path, const GisImportOptions& options = {});

// Cameras: a point layer. Empty names are detected like the grid fields (摄像头编码/
// CAMERA_CODE/DEVICE_CODE, 主码流/MAIN_URL/RTSP, 子码流/SUB_URL, 朝向/DIRECTION/AZIMUTH,
// 类型/KIND/TYPE …).
struct CameraFieldMapping {
    QString code; // required
    QString name; // optional: the code is shown
    QString mainUrl; // required: rtsp(s)://, http(s):// (HLS too)
    QString subUrl; // optional
    QString direction; // optional: degrees clockwise from north
    QString kind; // optional: road (default), compound, face_matching, or 道路/小区/人脸 …
};

struct CameraImportOptions {
    QString layerName; // empty: the first layer
    CameraFieldMapping fields;
    QString assumeSrs;
    QString encoding;
    GeoBox plausibleArea { 73.0, 3.0, 136.0, 54.0, true };
    // The hall's grids: every camera takes the grid (and street) its point lies in, and one
    // in none of them is an error. Empty: cameras are read without a grid (a dry run).
    QList<GridCell> grids;
};

struct CameraImportResult {
    QList<Camera> cameras;
    QList<GisProblem> problems; // GisProblem::gridCode holds the camera code here
    QString layerName;
    QString sourceCrs;
    CameraFieldMapping fieldsUsed;
    int withCredentials = 0; // cameras whose URLs carry a user name or password

    int errorCount() const;
    bool ok() const { return errorCount() == 0; }
};

CameraImportResult readCameraPoints(const QString& path, const CameraImportOptions& options = {});

} // namespace gridhall
