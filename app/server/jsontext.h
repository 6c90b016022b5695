#pragma once
// JSON text written straight from database columns (snapshots are the hot path, PERF.md):
// shared by both storage backends.

#include <QByteArray>

namespace gridhall {

// JSON string literal of UTF-8 text: quotes, backslashes and control characters escaped.
inline void appendJsonString(QByteArray* out, const char* text, int size)
{
    static const char hex[] = "0123456789abcdef";
    *out += '"';
    int runStart = 0;
    for (int i = 0; i < size; ++i) {
        const unsigned char ch = static_cast<unsigned char>(text[i]);
        if (ch >= 0x20 && ch != '"' && ch != '\\')
            continue;
        out->append(text + runStart, i - runStart);
        runStart = i + 1;
        if (ch == '"' || ch == '\\') {
            *out += '\\';
            *out += char(ch);
        } else {
            *out += "\\u00";
            *out += hex[ch >> 4];
            *out += hex[ch & 15];
        }
    }
    out->append(text + runStart, size - runStart);
    *out += '"';
}

} // namespace gridhall
