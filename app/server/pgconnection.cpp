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
    c->run("SET client_min_messages = warning");
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
    if (m_conn && PQstatus(m_conn) == CONNECTION_BAD)
        PQreset(m_conn);
}

PgResult PgConnection::exec(const char* sql, const PgParams& params) const
{
    reconnectIfLost();
    const int n = params.size();
    QList<const char*> values(n);
    QList<int> lengths(n), formats(n);
    QList<Oid> types(n);
    for (int i = 0; i < n; ++i) {
        values[i] = params.m_null[i] ? nullptr : params.m_values[i].constData();
        lengths[i] = int(params.m_values[i].size());
        formats[i] = params.m_binary[i] ? 1 : 0;
        types[i] = params.m_binary[i] ? pgtype::kBytea : 0;
    }
    PgResult r(PQexecParams(m_conn, sql, n, types.constData(), values.constData(), lengths.constData(), formats.constData(), 0));
    if (!r.ok())
        m_lastError = r.get() ? r.error() : QString::fromUtf8(PQerrorMessage(m_conn)).trimmed();
    return r;
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

} // namespace gridhall
