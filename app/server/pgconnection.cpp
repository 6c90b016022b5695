#include "app/server/pgconnection.h"

#include <QCoreApplication>
#include <libpq-fe.h>

namespace gridhall {

PgParams& PgParams::add(qint64 v)
{
    m_values.append(QByteArray::number(v));
    m_null.append(false);
    m_binary.append(false);
    return *this;
}

PgParams& PgParams::add(double v)
{
    m_values.append(QByteArray::number(v, 'g', 17));
    m_null.append(false);
    m_binary.append(false);
    return *this;
}

PgParams& PgParams::add(const QString& v)
{
    return addText(v.toUtf8());
}

PgParams& PgParams::addText(const QByteArray& utf8)
{
    // libpq reads a text parameter up to its NUL: the buffer must carry one.
    m_values.append(utf8.isNull() ? QByteArray("") : utf8);
    m_null.append(false);
    m_binary.append(false);
    return *this;
}

PgParams& PgParams::addBytea(const QByteArray& v)
{
    m_values.append(v.isNull() ? QByteArray("") : v);
    m_null.append(false);
    m_binary.append(true);
    return *this;
}

PgParams& PgParams::addNull()
{
    m_values.append(QByteArray());
    m_null.append(true);
    m_binary.append(false);
    return *this;
}

PgResult::PgResult(pg_result* r)
    : m_result(r)
{
}

PgResult::~PgResult()
{
    if (m_result)
        PQclear(m_result);
}

PgResult::PgResult(PgResult&& other) noexcept
    : m_result(std::exchange(other.m_result, nullptr))
{
}

PgResult& PgResult::operator=(PgResult&& other) noexcept
{
    if (this != &other) {
        if (m_result)
            PQclear(m_result);
        m_result = std::exchange(other.m_result, nullptr);
    }
    return *this;
}

bool PgResult::ok() const
{
    if (!m_result)
        return false;
    const ExecStatusType s = PQresultStatus(m_result);
    return s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK || s == PGRES_COPY_IN;
}

QByteArray PgResult::sqlState() const
{
    return m_result ? QByteArray(PQresultErrorField(m_result, PG_DIAG_SQLSTATE)) : QByteArray();
}

QString PgResult::error() const
{
    return m_result ? QString::fromUtf8(PQresultErrorMessage(m_result)).trimmed() : QStringLiteral("no result");
}

int PgResult::rows() const { return m_result ? PQntuples(m_result) : 0; }
int PgResult::columns() const { return m_result ? PQnfields(m_result) : 0; }
bool PgResult::isNull(int row, int column) const { return PQgetisnull(m_result, row, column); }
qint64 PgResult::integer(int row, int column) const { return isNull(row, column) ? 0 : QByteArray(PQgetvalue(m_result, row, column)).toLongLong(); }
double PgResult::real(int row, int column) const { return isNull(row, column) ? 0 : QByteArray(PQgetvalue(m_result, row, column)).toDouble(); }
const char* PgResult::value(int row, int column) const { return PQgetvalue(m_result, row, column); }
int PgResult::length(int row, int column) const { return PQgetlength(m_result, row, column); }
unsigned PgResult::type(int column) const { return PQftype(m_result, column); }

QString PgResult::text(int row, int column) const
{
    return QString::fromUtf8(PQgetvalue(m_result, row, column), PQgetlength(m_result, row, column));
}

QByteArray PgResult::raw(int row, int column) const
{
    return QByteArray(PQgetvalue(m_result, row, column), PQgetlength(m_result, row, column));
}

QByteArray PgResult::bytea(int row, int column) const
{
    if (isNull(row, column))
        return {};
    // The hex output format (the default since PostgreSQL 9.0): "\x" and two digits a byte.
    const char* v = PQgetvalue(m_result, row, column);
    const int n = PQgetlength(m_result, row, column);
    if (n >= 2 && v[0] == '\\' && v[1] == 'x')
        return QByteArray::fromHex(QByteArray::fromRawData(v + 2, n - 2));
    size_t size = 0;
    unsigned char* bytes = PQunescapeBytea(reinterpret_cast<const unsigned char*>(v), &size);
    QByteArray out(reinterpret_cast<const char*>(bytes), qsizetype(size));
    PQfreemem(bytes);
    return out;
}

QByteArray PgResult::commandTag() const
{
    return m_result ? QByteArray(PQcmdStatus(m_result)) : QByteArray();
}

qint64 PgResult::affected() const
{
    return m_result ? QByteArray(PQcmdTuples(m_result)).toLongLong() : 0;
}

std::unique_ptr<PgConnection> PgConnection::open(const QString& conninfo, QString* error)
{
    std::unique_ptr<PgConnection> c(new PgConnection);
    c->m_conn = PQconnectdb(conninfo.toUtf8().constData());
    if (!c->m_conn || PQstatus(c->m_conn) != CONNECTION_OK) {
        *error = QCoreApplication::translate("PgStorage", "Cannot connect to PostgreSQL: %1")
                     .arg(c->m_conn ? QString::fromUtf8(PQerrorMessage(c->m_conn)).trimmed() : QStringLiteral("out of memory"));
        return nullptr;
    }
    // Notices (e.g. "relation already exists, skipping") are not for the operator's terminal.
    PQsetNoticeProcessor(c->m_conn, [](void*, const char*) { }, nullptr);
    c->runOnEverySession("SET client_min_messages = warning");
    return c;
}

PgConnection::~PgConnection()
{
    if (m_conn)
        PQfinish(m_conn);
}

void PgConnection::reconnectIfLost() const
{
    // The database restarted or failed over: the next statement gets a new connection (a
    // transaction that was open is gone; its statements failed and were rolled back).
    if (m_conn && PQstatus(m_conn) == CONNECTION_BAD) {
        PQreset(m_conn);
        m_prepared.clear(); // a new server session knows none of them
        if (PQstatus(m_conn) == CONNECTION_OK)
            for (const QByteArray& sql : m_sessionSetup)
                PgResult(PQexec(m_conn, sql.constData()));
    }
}

namespace {
// Statements worth preparing: those a server repeats. Transaction control, cursors and
// COPY go as they are (COPY cannot run in a pipeline).
bool preparable(const char* sql)
{
    while (*sql == ' ' || *sql == '\n' || *sql == '\t' || *sql == '(')
        ++sql;
    for (const char* verb : { "SELECT", "INSERT", "UPDATE", "DELETE", "WITH" })
        if (qstrnicmp(sql, verb, int(qstrlen(verb))) == 0)
            return true;
    return false;
}

struct ParamArrays {
    explicit ParamArrays(const PgParams& params, const QList<QByteArray>& v, const QList<bool>& null, const QList<bool>& binary)
        : values(params.size())
        , lengths(params.size())
        , formats(params.size())
        , types(params.size())
    {
        for (int i = 0; i < params.size(); ++i) {
            values[i] = null[i] ? nullptr : v[i].constData();
            lengths[i] = int(v[i].size());
            formats[i] = binary[i] ? 1 : 0;
            types[i] = binary[i] ? pgtype::kBytea : 0;
        }
    }
    QList<const char*> values;
    QList<int> lengths, formats;
    QList<Oid> types;
};
} // namespace

PgResult PgConnection::exec(const char* sql, const PgParams& params) const
{
    if (preparable(sql)) {
        // Prepared (the first time) and executed in one round trip.
        PgPipeline one(*this);
        const int i = one.add(sql, params);
        one.run();
        return one.take(i);
    }
    reconnectIfLost();
    const ParamArrays a(params, params.m_values, params.m_null, params.m_binary);
    PgResult r(PQexecParams(m_conn, sql, params.size(), a.types.constData(), a.values.constData(), a.lengths.constData(), a.formats.constData(), 0));
    if (!r.ok())
        m_lastError = r.get() ? r.error() : QString::fromUtf8(PQerrorMessage(m_conn)).trimmed();
    return r;
}

PgPipeline::PgPipeline(const PgConnection& db)
    : m_db(db)
{
    db.reconnectIfLost();
    m_inPipeline = PQenterPipelineMode(db.m_conn) == 1;
    if (!m_inPipeline) {
        m_ok = false;
        db.m_lastError = QString::fromUtf8(PQerrorMessage(db.m_conn)).trimmed();
    }
}

PgPipeline::~PgPipeline()
{
    // Never leave the connection in pipeline mode with results unread.
    if (m_inPipeline)
        run();
}

int PgPipeline::add(const char* sql, const PgParams& params)
{
    const int index = int(m_results.size());
    m_results.emplace_back();
    m_sent.append(Sent {});
    if (!m_inPipeline || !m_ok)
        return index;
    pg_conn* conn = m_db.m_conn;
    const ParamArrays a(params, params.m_values, params.m_null, params.m_binary);
    bool sent = false;
    if (preparable(sql)) {
        const QByteArray key(sql);
        QByteArray name = m_db.m_prepared.value(key);
        if (name.isEmpty()) {
            name = "gh" + QByteArray::number(++m_db.m_preparedCount);
            if (PQsendPrepare(conn, name.constData(), sql, params.size(), a.types.constData()) == 1) {
                m_db.m_prepared.insert(key, name);
                m_sent.last().prepareSql = key;
            } else {
                name.clear();
            }
        }
        sent = !name.isEmpty()
            && PQsendQueryPrepared(conn, name.constData(), params.size(), a.values.constData(), a.lengths.constData(), a.formats.constData(), 0) == 1;
    } else {
        sent = PQsendQueryParams(conn, sql, params.size(), a.types.constData(), a.values.constData(), a.lengths.constData(), a.formats.constData(), 0) == 1;
    }
    m_sent.last().sent = sent;
    if (!sent) {
        m_ok = false;
        m_db.m_lastError = QString::fromUtf8(PQerrorMessage(conn)).trimmed();
    }
    return index;
}

bool PgPipeline::run()
{
    if (!m_inPipeline)
        return false;
    m_inPipeline = false;
    pg_conn* conn = m_db.m_conn;
    bool ok = m_ok;
    auto failed = [&](const QString& error) {
        if (ok)
            m_db.m_lastError = error;
        ok = false;
    };
    if (PQpipelineSync(conn) != 1) {
        failed(QString::fromUtf8(PQerrorMessage(conn)).trimmed());
        return false; // the connection is gone; the next statement resets it
    }
    // One result and a null for each prepare and each statement, then the sync.
    auto next = [&]() -> pg_result* {
        pg_result* r = PQgetResult(conn);
        if (r)
            while (pg_result* extra = PQgetResult(conn))
                PQclear(extra);
        return r;
    };
    bool lost = false;
    for (qsizetype i = 0; i < m_sent.size() && !lost; ++i) {
        if (!m_sent[i].prepareSql.isEmpty()) {
            PgResult prepared(next());
            if (!prepared.ok()) {
                m_db.m_prepared.remove(m_sent[i].prepareSql);
                if (!prepared.get())
                    lost = true;
            }
        }
        if (!m_sent[i].sent || lost)
            continue;
        m_results[size_t(i)] = PgResult(next());
        const PgResult& r = m_results[size_t(i)];
        if (!r.get())
            lost = true;
        if (!r.ok())
            failed(r.get() && !r.error().isEmpty() ? r.error() : QString::fromUtf8(PQerrorMessage(conn)).trimmed());
    }
    if (lost) {
        failed(QString::fromUtf8(PQerrorMessage(conn)).trimmed());
        return false;
    }
    if (pg_result* sync = PQgetResult(conn))
        PQclear(sync);
    PQexitPipelineMode(conn);
    return ok;
}

bool PgConnection::run(const char* sql) const
{
    reconnectIfLost();
    PgResult r(PQexec(m_conn, sql));
    if (r.ok())
        return true;
    m_lastError = r.get() ? r.error() : QString::fromUtf8(PQerrorMessage(m_conn)).trimmed();
    return false;
}

bool PgConnection::runOnEverySession(const char* sql)
{
    m_sessionSetup.append(QByteArray(sql));
    return run(sql);
}

bool PgConnection::ok() const
{
    return m_conn && PQstatus(m_conn) == CONNECTION_OK;
}

int PgConnection::socket() const
{
    return PQsocket(m_conn);
}

int PgConnection::backendPid() const
{
    return PQbackendPID(m_conn);
}

QByteArray PgConnection::quoteIdentifier(const QByteArray& name)
{
    QByteArray out = name;
    out.replace('"', "\"\"");
    return '"' + out + '"';
}

PgCopyIn::PgCopyIn(const PgConnection& db, const QByteArray& copySql)
    : m_db(db)
{
    PgResult start(PQexec(db.handle(), copySql.constData()));
    m_started = m_ok = PQresultStatus(start.get()) == PGRES_COPY_IN;
    if (!m_ok)
        db.setLastError(start.error());
}

void PgCopyIn::separate()
{
    if (m_rowStarted)
        m_buffer += '\t';
    m_rowStarted = true;
}

PgCopyIn& PgCopyIn::text(const QByteArray& utf8)
{
    separate();
    for (const char ch : utf8) {
        switch (ch) {
        case '\\': m_buffer += "\\\\"; break;
        case '\n': m_buffer += "\\n"; break;
        case '\r': m_buffer += "\\r"; break;
        case '\t': m_buffer += "\\t"; break;
        default: m_buffer += ch;
        }
    }
    return *this;
}

PgCopyIn& PgCopyIn::bytea(const QByteArray& value)
{
    separate();
    m_buffer += "\\\\x" + value.toHex(); // COPY unescapes "\\" to the "\" of bytea's hex form
    return *this;
}

PgCopyIn& PgCopyIn::integer(qint64 value)
{
    separate();
    m_buffer += QByteArray::number(value);
    return *this;
}

PgCopyIn& PgCopyIn::number(double value)
{
    separate();
    m_buffer += QByteArray::number(value, 'g', 17);
    return *this;
}

PgCopyIn& PgCopyIn::null()
{
    separate();
    m_buffer += "\\N";
    return *this;
}

bool PgCopyIn::endRow()
{
    m_buffer += '\n';
    m_rowStarted = false;
    return (m_buffer.size() < (1 << 20) || flush()) && m_ok;
}

bool PgCopyIn::flush()
{
    if (m_ok && !m_buffer.isEmpty())
        m_ok = PQputCopyData(m_db.handle(), m_buffer.constData(), int(m_buffer.size())) == 1;
    m_buffer.clear();
    return m_ok;
}

bool PgCopyIn::finish(bool complete)
{
    if (!m_started)
        return false;
    flush();
    m_ok = m_ok && complete;
    if (PQputCopyEnd(m_db.handle(), m_ok ? nullptr : "copy stopped") != 1)
        m_ok = false;
    PgResult end(PQgetResult(m_db.handle()));
    while (PGresult* more = PQgetResult(m_db.handle()))
        PQclear(more);
    if (!end.ok()) {
        m_db.setLastError(end.error());
        m_ok = false;
    }
    return m_ok;
}

} // namespace gridhall
