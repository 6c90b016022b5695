#include "models/itemmodels/casetable.h"

#include <QTimeZone>
#include <algorithm>
#include <cstring>
#include <thread>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace gridhall {

namespace {
const qint64 kEpochOffset = QDateTime(QDate(2000, 1, 1), QTime(0, 0), QTimeZone::utc()).toSecsSinceEpoch();
constexpr char kFieldSeparator = '\x1f';
constexpr int kRowTagBytes = 5;

void appendRowTag(std::string* out, quint32 row)
{
    out->push_back('\0');
    for (int i = 0; i < kRowTagBytes; ++i)
        out->push_back(char(0x80 | ((row >> (6 * i)) & 0x3f)));
}

quint32 readRowTag(const char* p)
{
    quint32 row = 0;
    for (int i = 0; i < kRowTagBytes; ++i)
        row |= quint32(quint8(p[i]) & 0x3f) << (6 * i);
    return row;
}
} // namespace

CaseStringPool::CaseStringPool()
{
    m_strings.emplace_back();
    m_ids.insert(QString(), 0);
}

int CaseStringPool::intern(const QString& text)
{
    if (text.isEmpty())
        return 0;
    const auto it = m_ids.constFind(text);
    if (it != m_ids.constEnd())
        return it.value();
    const int id = int(m_strings.size());
    m_strings.push_back(text);
    m_ids.insert(text, id);
    return id;
}

int CaseStringPool::find(const QString& text) const
{
    return text.isEmpty() ? 0 : m_ids.value(text, -1);
}

quint32 CaseTable::toSeconds(const QDateTime& t)
{
    if (!t.isValid())
        return kNoTime;
    const qint64 s = t.toSecsSinceEpoch() - kEpochOffset;
    return quint32(std::clamp<qint64>(s, 1, qint64(UINT32_MAX)));
}

QDateTime CaseTable::fromSeconds(quint32 seconds)
{
    if (seconds == kNoTime)
        return {};
    return QDateTime::fromSecsSinceEpoch(qint64(seconds) + kEpochOffset, QTimeZone::utc());
}

QByteArray CaseTable::foldForSearch(const QString& text)
{
    QString folded = text.toCaseFolded();
    // Control characters never match: they are our separators.
    folded.removeIf([](QChar c) { return c.unicode() < 0x20; });
    return folded.toUtf8();
}

void CaseTable::reserve(int rows)
{
    const size_t n = size_t(rows);
    m_ids.reserve(n);
    m_codes.reserve(n);
    m_category.reserve(n);
    for (auto* v : { &m_state, &m_dispute, &m_handlingLevel, &m_source, &m_holderKind, &m_extensionPending })
        v->reserve(n);
    for (auto* v : { &m_place, &m_street, &m_community, &m_grid, &m_holder })
        v->reserve(n);
    for (auto* v : { &m_reported, &m_stepStarted, &m_deadline, &m_closed, &m_alertAcked, &m_textStart, &m_textLength })
        v->reserve(n);
    m_version.reserve(n);
    m_rowOfId.reserve(rows);
}

void CaseTable::clear()
{
    *this = CaseTable();
}

CaseTable::Upsert CaseTable::upsert(const Case& c)
{
    Upsert result;
    result.row = rowOf(c.id);
    if (result.row >= 0 && m_version[size_t(result.row)] > c.version)
        return result;
    if (result.row < 0) {
        result.row = rowCount();
        result.inserted = true;
        m_rowOfId.insert(c.id, result.row);
        m_ids.push_back(c.id);
        m_codes.emplace_back();
        m_category.push_back(0);
        for (auto* v : { &m_state, &m_dispute, &m_handlingLevel, &m_source, &m_holderKind, &m_extensionPending })
            v->push_back(0);
        for (auto* v : { &m_place, &m_street, &m_community, &m_grid, &m_holder })
            v->push_back(0);
        for (auto* v : { &m_reported, &m_stepStarted, &m_deadline, &m_closed, &m_alertAcked, &m_textStart, &m_textLength })
            v->push_back(0);
        m_version.push_back(0);
    }
    result.changed = true;
    const size_t r = size_t(result.row);
    const bool textChanged = result.inserted || m_codes[r] != c.code;
    m_codes[r] = c.code;
    m_category[r] = m_categories.intern(c.categoryCode);
    m_state[r] = quint8(c.state);
    m_dispute[r] = quint8(c.disputeLevel);
    m_handlingLevel[r] = quint8(c.level);
    m_source[r] = quint8(c.source);
    m_holderKind[r] = quint8(c.holderKind);
    m_extensionPending[r] = c.extensionPending ? 1 : 0;
    m_street[r] = m_places.intern(c.streetCode);
    m_community[r] = m_places.intern(c.communityCode);
    m_grid[r] = m_places.intern(c.gridCode);
    m_place[r] = m_grid[r] ? m_grid[r] : (m_community[r] ? m_community[r] : m_street[r]);
    m_holder[r] = m_holders.intern(c.holder);
    m_reported[r] = toSeconds(c.reportedAt);
    m_stepStarted[r] = toSeconds(c.stepStartedAt);
    m_deadline[r] = toSeconds(c.stepDeadline);
    m_closed[r] = toSeconds(c.closedAt);
    m_alertAcked[r] = toSeconds(c.alertAckedAt);
    m_version[r] = c.version;
    // Description and address change rarely; rewriting the text only then keeps the
    // buffer from filling with dead copies.
    if (textChanged) {
        writeText(result.row, c);
    } else {
        const QByteArray text = foldForSearch(c.code) + kFieldSeparator + foldForSearch(c.description)
            + kFieldSeparator + foldForSearch(c.address);
        if (size_t(text.size()) != m_textLength[r]
            || std::memcmp(text.constData(), m_text.data() + m_textStart[r], size_t(text.size())) != 0)
            writeText(result.row, c);
    }
    return result;
}

void CaseTable::writeText(int row, const Case& c)
{
    const size_t r = size_t(row);
    if (m_textLength[r] != 0 || m_textStart[r] != 0) {
        // The old copy stays in the buffer but its tag no longer matches the row's range.
        m_deadTextBytes += m_textLength[r] + 1 + kRowTagBytes;
    }
    const QByteArray text = foldForSearch(c.code) + kFieldSeparator + foldForSearch(c.description)
        + kFieldSeparator + foldForSearch(c.address);
    m_textStart[r] = quint32(m_text.size());
    m_textLength[r] = quint32(text.size());
    m_text.append(text.constData(), size_t(text.size()));
    for (const char ch : text)
        ++m_byteCounts[quint8(ch)];
    appendRowTag(&m_text, quint32(row));
    if (m_deadTextBytes > (1u << 20) && m_deadTextBytes > m_text.size() / 2)
        compactText();
}

void CaseTable::compactText()
{
    std::string packed;
    packed.reserve(m_text.size() - m_deadTextBytes);
    for (size_t r = 0; r < m_textStart.size(); ++r) {
        const quint32 start = quint32(packed.size());
        packed.append(m_text, m_textStart[r], m_textLength[r]);
        appendRowTag(&packed, quint32(r));
        m_textStart[r] = start;
    }
    m_text.swap(packed);
    m_deadTextBytes = 0;
}

CaseTable::Needle::Needle(const QByteArray& folded, const CaseTable& table)
    : m_bytes(folded)
{
    if (m_bytes.size() < 2)
        return;
    // The rarer the bytes tested first, the fewer full comparisons.
    std::vector<int> order(size_t(m_bytes.size()));
    for (size_t i = 0; i < order.size(); ++i)
        order[i] = int(i);
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
        return table.m_byteCounts[quint8(m_bytes[a])] < table.m_byteCounts[quint8(m_bytes[b])];
    });
    m_first = order[0];
    m_second = order[1];
    for (size_t i = 1; i < order.size(); ++i) {
        if (m_bytes[order[i]] != m_bytes[m_first]) {
            m_second = order[i];
            break;
        }
    }
}

const char* CaseTable::Needle::find(const char* begin, const char* end) const
{
    const size_t length = size_t(m_bytes.size());
    if (length == 0)
        return begin;
    if (size_t(end - begin) < length)
        return nullptr;
    const char* const needle = m_bytes.constData();
    if (length == 1)
        return static_cast<const char*>(std::memchr(begin, needle[0], size_t(end - begin)));
    const char* p = begin;
    const char* const lastStart = end - length; // inclusive
#if defined(__SSE2__)
    const __m128i first = _mm_set1_epi8(needle[m_first]);
    const __m128i second = _mm_set1_epi8(needle[m_second]);
    // Sixteen candidate starts at a time, while every load stays inside [begin, end).
    while (p + 15 <= lastStart) {
        const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + m_first));
        const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + m_second));
        unsigned mask = unsigned(_mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(a, first), _mm_cmpeq_epi8(b, second))));
        while (mask) {
            const int bit = __builtin_ctz(mask);
            if (std::memcmp(p + bit, needle, length) == 0)
                return p + bit;
            mask &= mask - 1;
        }
        p += 16;
    }
#endif
    for (; p <= lastStart; ++p) {
        if (p[m_first] == needle[m_first] && std::memcmp(p, needle, length) == 0)
            return p;
    }
    return nullptr;
}

bool CaseTable::textContains(int row, const Needle& needle) const
{
    if (needle.isEmpty())
        return true;
    const char* begin = m_text.data() + m_textStart[size_t(row)];
    return needle.find(begin, begin + m_textLength[size_t(row)]) != nullptr;
}

void CaseTable::markTextHits(const Needle& needle, std::vector<quint8>* hits) const
{
    hits->assign(size_t(rowCount()), needle.isEmpty() ? 1 : 0);
    if (needle.isEmpty())
        return;
    const char* const begin = m_text.data();
    const char* const end = begin + m_text.size();
    auto scan = [&](const char* from, const char* to) {
        const char* p = from;
        while (p < to) {
            const char* hit = needle.find(p, to);
            if (!hit)
                break;
            const char* terminator = static_cast<const char*>(std::memchr(hit, 0, size_t(to - hit)));
            const quint32 row = readRowTag(terminator + 1);
            // A dead copy's range no longer ends at this terminator. Rows are distinct
            // bytes of hits, so two threads never write the same one.
            if (row < m_textStart.size() && begin + m_textStart[row] + m_textLength[row] == terminator)
                (*hits)[row] = 1;
            p = terminator + 1 + kRowTagBytes; // one hit per row is enough
        }
    };
    // Large buffers: two halves on two threads, split after a row's tag.
    constexpr size_t kSplitAbove = 8u << 20;
    if (m_text.size() <= kSplitAbove || std::thread::hardware_concurrency() < 2) {
        scan(begin, end);
        return;
    }
    const char* middle = static_cast<const char*>(std::memchr(begin + m_text.size() / 2, 0, size_t(end - begin) / 2));
    middle = middle ? middle + 1 + kRowTagBytes : end;
    std::thread other([&] { scan(middle, end); });
    scan(begin, middle);
    other.join();
}

} // namespace gridhall
