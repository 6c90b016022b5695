#pragma once
// One prepared SQLite statement for the length of a call, finalized on the way out. The one
// wrapper for the store, its query helpers (KPIs, recorded tracks) and the server's SQLite
// storage, so binding and reading columns work the same everywhere.

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <sqlite3.h>

namespace gridhall {

class SqlStatement {
public:
    SqlStatement(sqlite3* db, const char* sql)
    {
        m_rc = sqlite3_prepare_v2(db, sql, -1, &m_stmt, nullptr);
        m_prepared = m_rc == SQLITE_OK;
    }
    SqlStatement(sqlite3* db, const QByteArray& sql) : SqlStatement(db, sql.constData()) { }
    ~SqlStatement() { sqlite3_finalize(m_stmt); }
    SqlStatement(const SqlStatement&) = delete;
    SqlStatement& operator=(const SqlStatement&) = delete;

    // Whether it was prepared; stays true after steps.
    bool ok() const { return m_prepared; }
    sqlite3_stmt* get() const { return m_stmt; }
    // The last result: of preparing, then of each step().
    int rc() const { return m_rc; }

    void bind(int i, qint64 v) { sqlite3_bind_int64(m_stmt, i, v); }
    void bind(int i, const QByteArray& utf8) { sqlite3_bind_text(m_stmt, i, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT); }
    void bind(int i, const QString& s) { bind(i, s.toUtf8()); }
    void bindBlob(int i, const QByteArray& b) { sqlite3_bind_blob(m_stmt, i, b.constData(), int(b.size()), SQLITE_TRANSIENT); }

    // SQLITE_ROW, SQLITE_DONE, or an error code.
    int step() { return m_rc = sqlite3_step(m_stmt); }
    bool next() { return step() == SQLITE_ROW; }

    qint64 integer(int c) const { return sqlite3_column_int64(m_stmt, c); }
    // A null QString for NULL.
    QString text(int c) const
    {
        const auto* t = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, c));
        return t ? QString::fromUtf8(t, sqlite3_column_bytes(m_stmt, c)) : QString();
    }
    QByteArray blob(int c) const
    {
        return QByteArray(static_cast<const char*>(sqlite3_column_blob(m_stmt, c)), sqlite3_column_bytes(m_stmt, c));
    }
    // Milliseconds since the epoch in UTC; invalid for NULL.
    QDateTime time(int c) const
    {
        if (sqlite3_column_type(m_stmt, c) == SQLITE_NULL)
            return {};
        return QDateTime::fromMSecsSinceEpoch(sqlite3_column_int64(m_stmt, c), Qt::UTC);
    }

private:
    sqlite3_stmt* m_stmt = nullptr;
    int m_rc = SQLITE_OK;
    bool m_prepared = false;
};

} // namespace gridhall
