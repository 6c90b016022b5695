#pragma once
// A thin libpq wrapper for the PostgreSQL server storage and copy-db: one connection,
// statements with bound parameters only (text for numbers and text, binary for bytea),
// results read as text and decoded here. Queries and writes (SELECT, INSERT, UPDATE,
// DELETE, WITH) are prepared once per connection and then only bound and executed; several
// statements can travel in one round trip (PgPipeline, libpq's pipeline mode).

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <memory>
#include <vector>

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
    friend class PgPipeline;
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
    QByteArray sqlState() const; // the error's SQLSTATE ("23505" …), empty without one
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
    QByteArray commandTag() const; // "COMMIT", "INSERT 0 1" … (a failed transaction's COMMIT says ROLLBACK)
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
    // Runs sql now and again on every new session after a lost connection was reset
    // (session settings).
    bool runOnEverySession(const char* sql);
    QString lastError() const { return m_lastError; }
    void setLastError(const QString& e) const { m_lastError = e; }
    bool ok() const; // the connection is up
    int socket() const;
    int backendPid() const;
    pg_conn* handle() const { return m_conn; }
    // Quotes an identifier for DDL built from fixed names (never client values).
    static QByteArray quoteIdentifier(const QByteArray& name);

private:
    friend class PgPipeline;
    PgConnection() = default;
    void reconnectIfLost() const;
    pg_conn* m_conn = nullptr;
    mutable QString m_lastError;
    // Statements prepared on this connection: SQL text → statement name. A new connection
    // (after a reset) has none.
    mutable QHash<QByteArray, QByteArray> m_prepared;
    QList<QByteArray> m_sessionSetup;
    mutable int m_preparedCount = 0;
};

// COPY … FROM STDIN in text format (import-grids, copy-db): fields added one by one, rows
// sent a megabyte at a time, not one round trip per row. finish() ends the COPY; false with
// the connection's lastError() when it, the start or any send failed.
class PgCopyIn {
public:
    PgCopyIn(const PgConnection& db, const QByteArray& copySql);
    PgCopyIn(const PgCopyIn&) = delete;
    PgCopyIn& operator=(const PgCopyIn&) = delete;
    PgCopyIn& text(const QByteArray& utf8);
    PgCopyIn& text(const QString& value) { return text(value.toUtf8()); }
    PgCopyIn& bytea(const QByteArray& value);
    PgCopyIn& integer(qint64 value);
    PgCopyIn& number(double value);
    PgCopyIn& null();
    bool endRow();
    // complete = false aborts the COPY (the caller's rows went wrong): nothing of it stays.
    bool finish(bool complete = true);

private:
    void separate();
    bool flush();
    const PgConnection& m_db;
    QByteArray m_buffer;
    bool m_started = false; // the server took the COPY
    bool m_ok = false;
    bool m_rowStarted = false;
};

// Statements sent one after another without waiting, their results read after one sync:
// one round trip for all of them. An error aborts the statements after it (their results
// say so); an explicit transaction begun in a pipeline stays open across its sync.
class PgPipeline {
public:
    explicit PgPipeline(const PgConnection& db);
    ~PgPipeline();
    PgPipeline(const PgPipeline&) = delete;
    PgPipeline& operator=(const PgPipeline&) = delete;
    // Queues a statement; the index of its result.
    int add(const char* sql, const PgParams& params = {});
    int add(const QByteArray& sql, const PgParams& params = {}) { return add(sql.constData(), params); }
    // Sends the sync and reads every result; false if any statement failed (the
    // connection's lastError() names the first failure).
    bool run();
    const PgResult& result(int i) const { return m_results[i]; }
    PgResult take(int i) { return std::move(m_results[i]); }

private:
    struct Sent {
        QByteArray prepareSql; // not empty: a prepare was sent before the statement
        bool sent = false;
    };
    const PgConnection& m_db;
    bool m_ok = true;
    bool m_inPipeline = false;
    QList<Sent> m_sent;
    std::vector<PgResult> m_results;
};

} // namespace gridhall
