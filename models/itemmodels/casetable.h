#pragma once
// Cases as columns (struct of arrays) for queues of a million rows: small integer and
// interned-string columns that sort and filter without touching a QString, plus one
// case-folded UTF-8 text buffer for free-text search.
// A row is a case for the table's lifetime: upserting a known id updates its row in place.

#include "models/domain/casetypes.h"

#include <QByteArray>
#include <QHash>
#include <QString>
#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace gridhall {

// Strings stored once and referred to by a small id; id 0 is always the empty string.
class CaseStringPool {
public:
    CaseStringPool();
    int intern(const QString& text);
    int find(const QString& text) const; // -1 when unknown
    const QString& at(int id) const { return m_strings[size_t(id)]; }
    int size() const { return int(m_strings.size()); }

private:
    std::vector<QString> m_strings;
    QHash<QString, int> m_ids;
};

class CaseTable {
public:
    // Times are whole seconds since 2000-01-01 UTC in 32 bits; 0 means "no time".
    static constexpr quint32 kNoTime = 0;
    static quint32 toSeconds(const QDateTime& t);
    static QDateTime fromSeconds(quint32 seconds);
    // How free text is matched: case-folded, as UTF-8 bytes.
    static QByteArray foldForSearch(const QString& text);

    struct Upsert {
        int row = -1;
        bool inserted = false;
        bool changed = false; // false: same or older version, nothing written
    };
    // Adds a case or updates the row of its id. An older version never overwrites a newer one.
    Upsert upsert(const Case& c);
    void reserve(int rows);
    void clear();

    int rowCount() const { return int(m_ids.size()); }
    int rowOf(qint64 id) const { return m_rowOfId.value(id, -1); }

    qint64 id(int row) const { return m_ids[size_t(row)]; }
    const QString& code(int row) const { return m_codes[size_t(row)]; }
    int categoryId(int row) const { return m_category[size_t(row)]; }
    const QString& categoryCode(int row) const { return m_categories.at(categoryId(row)); }
    CaseState state(int row) const { return CaseState(m_state[size_t(row)]); }
    DisputeLevel disputeLevel(int row) const { return DisputeLevel(m_dispute[size_t(row)]); }
    HandlingLevel handlingLevel(int row) const { return HandlingLevel(m_handlingLevel[size_t(row)]); }
    CaseSource source(int row) const { return CaseSource(m_source[size_t(row)]); }
    HolderKind holderKind(int row) const { return HolderKind(m_holderKind[size_t(row)]); }
    bool extensionPending(int row) const { return m_extensionPending[size_t(row)] != 0; }
    // The most specific area the case is in (grid, else community, else street).
    int placeId(int row) const { return m_place[size_t(row)]; }
    const QString& placeCode(int row) const { return m_places.at(placeId(row)); }
    const QString& streetCode(int row) const { return m_places.at(m_street[size_t(row)]); }
    const QString& communityCode(int row) const { return m_places.at(m_community[size_t(row)]); }
    const QString& gridCode(int row) const { return m_places.at(m_grid[size_t(row)]); }
    int holderId(int row) const { return m_holder[size_t(row)]; }
    const QString& holder(int row) const { return m_holders.at(holderId(row)); }
    quint32 reportedAt(int row) const { return m_reported[size_t(row)]; }
    quint32 stepStartedAt(int row) const { return m_stepStarted[size_t(row)]; }
    quint32 stepDeadline(int row) const { return m_deadline[size_t(row)]; }
    quint32 closedAt(int row) const { return m_closed[size_t(row)]; } // closed or voided
    quint32 alertAckedAt(int row) const { return m_alertAcked[size_t(row)]; } // 0: not acknowledged
    qint64 version(int row) const { return m_version[size_t(row)]; }

    // Raw columns for tight loops.
    const std::vector<quint8>& stateColumn() const { return m_state; }
    const std::vector<quint8>& disputeColumn() const { return m_dispute; }
    const std::vector<quint8>& sourceColumn() const { return m_source; }
    const std::vector<quint8>& extensionColumn() const { return m_extensionPending; }
    const std::vector<int>& placeColumn() const { return m_place; }
    const std::vector<int>& categoryColumn() const { return m_category; }
    const std::vector<int>& holderColumn() const { return m_holder; }
    const std::vector<quint32>& reportedColumn() const { return m_reported; }
    const std::vector<quint32>& deadlineColumn() const { return m_deadline; }
    const std::vector<quint32>& closedColumn() const { return m_closed; }

    const CaseStringPool& categories() const { return m_categories; }
    const CaseStringPool& places() const { return m_places; }
    const CaseStringPool& holders() const { return m_holders; }

    // A folded needle prepared for this table's text: it is searched by its two rarest
    // bytes (by the buffer's byte counts) sixteen positions at a time, then compared.
    class Needle {
    public:
        Needle() = default;
        Needle(const QByteArray& folded, const CaseTable& table);
        bool isEmpty() const { return m_bytes.isEmpty(); }
        const QByteArray& bytes() const { return m_bytes; }
        // The first match in [begin, end), or nullptr.
        const char* find(const char* begin, const char* end) const;

    private:
        QByteArray m_bytes;
        int m_first = 0, m_second = 0; // offsets of the two rarest bytes
    };

    // Whether the row's code, description or address contains the needle.
    bool textContains(int row, const Needle& needle) const;
    bool textContains(int row, const QByteArray& foldedNeedle) const
    {
        return textContains(row, Needle(foldedNeedle, *this));
    }
    // Sets hits[row] = 1 for every row whose text contains the needle, scanning the
    // whole buffer at once (faster than row by row when most rows are candidates).
    void markTextHits(const Needle& needle, std::vector<quint8>* hits) const;
    size_t textBytes() const { return m_text.size(); }

private:
    void writeText(int row, const Case& c);
    void compactText();

    std::vector<qint64> m_ids;
    std::vector<QString> m_codes;
    std::vector<int> m_category;
    std::vector<quint8> m_state, m_dispute, m_handlingLevel, m_source, m_holderKind, m_extensionPending;
    std::vector<int> m_place, m_street, m_community, m_grid, m_holder;
    std::vector<quint32> m_reported, m_stepStarted, m_deadline, m_closed, m_alertAcked;
    std::vector<qint64> m_version;
    QHash<qint64, int> m_rowOfId;
    CaseStringPool m_categories, m_places, m_holders;

    // Each row's text is "code␟description␟address", then a 0 byte, then the row number
    // in five continuation bytes (0x80 | 6 bits) — no valid UTF-8 needle can start there
    // or cross the 0 byte, so every hit lies inside one row's text.
    std::string m_text;
    std::array<quint64, 256> m_byteCounts {};
    std::vector<quint32> m_textStart, m_textLength;
    size_t m_deadTextBytes = 0;
};

} // namespace gridhall
