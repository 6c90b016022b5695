// The resources themselves are compiled in by qt_add_resources; a static library
// needs one translation unit of its own.
namespace gridhall {
int resourcesLibraryAnchor = 0;
}
