#pragma once
// The threads that decode, convert and scale pictures off the GUI thread: camera frames
// (CameraView) and case photos (PhotoViewer). Not Qt's global pool: Qt 6.4's raster engine
// hands the GUI thread's own large fills to the global pool and waits for them, so a photo
// decoding there held up every repaint meanwhile (maps render on mapRenderPool() for the
// same reason). Owned by the application and made on first use, which must be on the GUI
// thread: its threads end with the application, before Qt Multimedia's statics that the
// frame conversions refer to (a static pool crashed at exit).

class QThreadPool;

namespace gridhall {

QThreadPool& picturePool();

} // namespace gridhall
