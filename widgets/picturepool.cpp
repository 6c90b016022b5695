#include "widgets/picturepool.h"

#include <QCoreApplication>
#include <QThreadPool>

namespace gridhall {

QThreadPool& picturePool()
{
    static QThreadPool* const threads = new QThreadPool(QCoreApplication::instance());
    return *threads;
}

} // namespace gridhall
