#pragma once
// The one definition of how cases travel in a drag: queue views produce it, the map
// canvas (and anything else that accepts case drops) reads it.

#include <QList>
#include <QMimeData>

#include <memory>

namespace gridhall {

inline constexpr char kCaseIdsMimeType[] = "application/x-gridhall-case-ids";

// Encodes case ids as ASCII decimal, comma separated.
QByteArray encodeCaseIds(const QList<qint64>& ids);
// Empty list (and *ok = false) on anything malformed; never a partial list.
QList<qint64> decodeCaseIds(const QByteArray& data, bool* ok = nullptr);

std::unique_ptr<QMimeData> makeCaseMimeData(const QList<qint64>& ids);
bool hasCaseIds(const QMimeData* mime);
QList<qint64> caseIdsFromMime(const QMimeData* mime);

} // namespace gridhall
