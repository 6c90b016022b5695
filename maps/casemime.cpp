#include "maps/casemime.h"

namespace gridhall {

QByteArray encodeCaseIds(const QList<qint64>& ids)
{
    QByteArray out;
    for (qsizetype i = 0; i < ids.size(); ++i) {
        if (i)
            out += ',';
        out += QByteArray::number(ids[i]);
    }
    return out;
}

QList<qint64> decodeCaseIds(const QByteArray& data, bool* ok)
{
    QList<qint64> ids;
    bool good = !data.isEmpty();
    if (good) {
        for (const QByteArray& part : data.split(',')) {
            bool partOk = false;
            const qint64 id = part.trimmed().toLongLong(&partOk);
            if (!partOk || id <= 0) {
                good = false;
                break;
            }
            ids.append(id);
        }
    }
    if (!good)
        ids.clear();
    if (ok)
        *ok = good;
    return ids;
}

std::unique_ptr<QMimeData> makeCaseMimeData(const QList<qint64>& ids)
{
    auto mime = std::make_unique<QMimeData>();
    mime->setData(QString::fromLatin1(kCaseIdsMimeType), encodeCaseIds(ids));
    return mime;
}

bool hasCaseIds(const QMimeData* mime)
{
    return mime && mime->hasFormat(QString::fromLatin1(kCaseIdsMimeType));
}

QList<qint64> caseIdsFromMime(const QMimeData* mime)
{
    if (!hasCaseIds(mime))
        return {};
    return decodeCaseIds(mime->data(QString::fromLatin1(kCaseIdsMimeType)));
}

} // namespace gridhall
