#pragma once
// `gridhall heatmap`: kernel density of dispute points into a Float32 GeoTIFF, the same
// computation as the hall's heat layer, comparable with QGIS's heatmap (kernel density
// estimation) tool.

#include <QStringList>

namespace gridhall {

// args[0] is the program name as shown in messages ("gridhall heatmap"), then the options:
//   --points FILE --radius M --pixel M --out FILE.tif [--weight-field F]
//   [--extent xmin,ymin,xmax,ymax] [--scaled] [--subpixel N]
// Returns 0 on success, 1 when the input or output fails, 2 for a bad command line.
int runHeatmapCommand(const QStringList& args);

} // namespace gridhall
