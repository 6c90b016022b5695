#pragma once
// One prepared SQLite statement for the length of a call, finalized on the way out. For
// the store's query helpers that work on Store::handle() (KPI queries, recorded tracks).

#include <QByteArray>
#include <sqlite3.h>

namespace gridhall {

class SqlStatement {
public:
    SqlStatement(sqlite3* db, const QByteArray& sql)
    {
        m_rc = sqlite3_prepare_v2(db, sql.constData(), int(sql.size()), &m_stmt, nullptr);
    }
    ~SqlStatement() { sqlite3_finalize(m_stmt); }
    SqlStatement(const SqlStatement&) = delete;
    SqlStatement& operator=(const SqlStatement&) = delete;
    bool ok() const { return m_rc == SQLITE_OK; }
    sqlite3_stmt* get() const { return m_stmt; }

private:
    sqlite3_stmt* m_stmt = nullptr;
    int m_rc = SQLITE_OK;
};

} // namespace gridhall
