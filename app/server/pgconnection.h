#pragma once
// A thin libpq wrapper for the PostgreSQL server storage and copy-db: one connection,
// statements with bound parameters only (text for numbers and text, binary for bytea),
// results read as text and decoded here.

#include <QByteArray>
#include <QList>
#include <QString>
#include <memory>

struct pg_conn;
struct pg_result;

namespace gridhall {

// Parameters $1 … $n of one statement.
class PgParams {
public:
    PgParams& add(qint64 v);
    PgParams& add(int v) { return add(qint64(v)); }
    PgParams& add(double v);
    PgParams& add(const QString& v);
    PgParams& addText(const QByteArray& utf8); // text given as its UTF-8 bytes
    PgParams& addBytea(const QByteArray& v); // sent in binary, byte for byte
    PgParams& addNull();
    int size() const { return int(m_values.size()); }

private:
    friend class PgConnection;
    QList<QByteArray> m_values;
    QList<bool> m_null, m_binary;
};

class PgResult {
public:
    PgResult() = default;
    explicit PgResult(pg_result* r);
    ~PgResult();
    PgResult(PgResult&& other) noexcept;
    PgResult& operator=(PgResult&& other) noexcept;
    PgResult(const PgResult&) = delete;
    PgResult& operator=(const PgResult&) = delete;

    bool ok() const; // a command or query that succeeded
    QString error() const;
    int rows() const;
    int columns() const;
    bool isNull(int row, int column) const;
    qint64 integer(int row, int column) const; // 0 for NULL
    double real(int row, int column) const;
    QString text(int row, int column) const;
    QByteArray raw(int row, int column) const; // the value's text form, as sent
    QByteArray bytea(int row, int column) const; // a bytea column decoded
    const char* value(int row, int column) const;
    int length(int row, int column) const;
    unsigned type(int column) const; // the column's type oid
    qint64 affected() const; // rows an INSERT/UPDATE/DELETE touched
    pg_result* get() const { return m_result; }

private:
    pg_result* m_result = nullptr;
};

// Type oids the readers tell apart.
namespace pgtype {
constexpr unsigned kBool = 16, kBytea = 17, kInt8 = 20, kInt2 = 21, kInt4 = 23, kText = 25, kFloat4 = 700, kFloat8 = 701;
}

class PgConnection {
public:
    // Connects with a libpq URI or key=value string; null with *error set on failure.
    static std::unique_ptr<PgConnection> open(const QString& conninfo, QString* error);
    ~PgConnection();

    PgResult exec(const char* sql, const PgParams& params = {}) const;
    PgResult exec(const QByteArray& sql, const PgParams& params = {}) const { return exec(sql.constData(), params); }
    // Runs one or more statements without parameters (DDL); false with lastError().
    bool run(const char* sql) const;
    QString lastError() const { return m_lastError; }
    void setLastError(const QString& e) const { m_lastError = e; }
    bool ok() const; // the connection is up
    int socket() const;
    int backendPid() const;
    pg_conn* handle() const { return m_conn; }
    // Quotes an identifier for DDL built from fixed names (never client values).
    static QByteArray quoteIdentifier(const QByteArray& name);

private:
    PgConnection() = default;
    void reconnectIfLost() const;
    pg_conn* m_conn = nullptr;
    mutable QString m_lastError;
};

} // namespace gridhall
