#include "app/server/copydb.h"

#include "app/server/auditchain.h"
#include "app/server/auditkey.h"
#include "app/server/pgserverstorage.h"
#include "app/server/sqliteserverstorage.h"
#include "app/server/storagefactory.h"
#include "models/store/sqlstatement.h"
#include "models/sync/protocol.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>
#include <libpq-fe.h>
#include <sqlite3.h>

namespace gridhall {

namespace {
// Column kinds: i integer, r real, t text, b blob/bytea, x text hashed as bytes (the audit's
// fields: TEXT in SQLite, bytea in PostgreSQL).
struct TableSpec {
    const char* name;
    const char* columns; // comma-separated
    const char* kinds; // one letter per column
};

// Every table of a hall the server keeps, parents before children. The client store's own
// tables (meta, outbox, photo_cache) are not the server's and stay behind.
const TableSpec kTables[] = {
    { "server_meta", "key,value", "tt" },
    { "districts", "code,name,boundary", "ttb" },
    { "streets", "code,name,district_code,boundary", "tttb" },
    { "communities", "code,name,street_code,boundary", "tttb" },
    { "grids", "code,name,community_code,street_code,boundary,centroid_lon,centroid_lat", "ttttbrr" },
    { "workers", "code,id,name,kind,home_grid_code,street_code,team,phone", "titttttt" },
    { "departments", "code,name_zh,name_en", "ttt" },
    { "basemap_features", "id,kind,name,line,area", "ittbb" },
    { "cases",
        "id,code,category_code,description,address,lon,lat,grid_code,community_code,street_code,state,level,dispute_level,"
        "source,reporter,holder_kind,holder,reported_at,step_started_at,step_deadline,closed_at,rework_count,extension_count,"
        "extension_pending,extension_minutes_requested,parked_from,version,updated_at,alert_acked_at",
        "ittttrrtttttttttt" "iiiiiiiitiii" },
    { "case_events", "id,case_id,at,actor,role,action,from_state,to_state,target,note", "iiitttttt" "t" },
    { "case_photos", "id,case_id,event_id,taken_at,mime,width,height,bytes,thumbnail", "iiiitiiib" },
    { "photo_data", "photo_id,data", "ib" },
    { "worker_fixes", "worker_code,at,lon,lat", "tirr" },
    { "users", "name,role,street,worker,salt,hash,iterations,disabled", "ttttbbii" },
    { "tokens", "token_hash,user,expires_at", "tti" },
    { "change_log", "seq,case_id,street_code,case_row,event", "iitbb" },
    { "applied_actions", "user,client_id,client_seq,key,result", "ttitb" },
    { "audit", "seq,at,user,client,action,case_id,result,prev_hash,hash,peer,scheme,key_id", "iixxxixttxit" },
    // Last so the indexes above (kTables[8] is cases) stay put; nothing refers to it.
    { "cameras", "code,name,kind,lon,lat,direction,main_url,sub_url,grid_code,street_code", "tttrrrtttt" },
};

struct Cell {
    enum Kind { Null, Int, Real, Bytes } kind = Null;
    qint64 i = 0;
    double r = 0;
    QByteArray bytes; // text as UTF-8, or blob
};
using Row = QList<Cell>;
using RowSink = std::function<bool(const Row&)>;

QList<QByteArray> columnList(const TableSpec& t)
{
    return QByteArray(t.columns).split(',');
}

QByteArray quotedColumns(const TableSpec& t)
{
    QByteArray out;
    for (const QByteArray& c : columnList(t))
        out += (out.isEmpty() ? "" : ",") + PgConnection::quoteIdentifier(c);
    return out;
}

// One side of the copy: reads tables (in one consistent read transaction) or writes them
// (in one write transaction).
class Side {
public:
    virtual ~Side() = default;
    virtual bool beginRead() = 0;
    virtual bool read(const TableSpec& t, const RowSink& sink) = 0;
    virtual bool beginWrite() = 0;
    virtual bool write(const TableSpec& t, const std::function<bool(const RowSink&)>& produce) = 0;
    virtual bool finishWrite() = 0;
    virtual void abort() = 0;
    virtual qint64 count(const char* table) = 0;
    virtual QString error() const = 0;
    ServerStorage* storage = nullptr;
};

class SqliteSide : public Side {
public:
    explicit SqliteSide(SqliteServerStorage* s)
        : m_s(s)
        , m_db(s->store().handle())
    {
        storage = s;
    }
    bool beginRead() override { return exec("BEGIN"); }
    bool read(const TableSpec& t, const RowSink& sink) override
    {
        SqlStatement stmt(m_db, "SELECT " + quotedColumns(t) + " FROM " + t.name);
        if (!stmt.ok())
            return fail(t.name);
        sqlite3_stmt* q = stmt.get();
        const int n = sqlite3_column_count(q);
        bool ok = true;
        int rc;
        while (ok && (rc = stmt.step()) == SQLITE_ROW) {
            Row row(n);
            for (int c = 0; c < n; ++c) {
                switch (sqlite3_column_type(q, c)) {
                case SQLITE_NULL: break;
                case SQLITE_INTEGER: row[c].kind = Cell::Int; row[c].i = sqlite3_column_int64(q, c); break;
                case SQLITE_FLOAT: row[c].kind = Cell::Real; row[c].r = sqlite3_column_double(q, c); break;
                default:
                    row[c].kind = Cell::Bytes;
                    row[c].bytes = QByteArray(static_cast<const char*>(sqlite3_column_blob(q, c)), sqlite3_column_bytes(q, c));
                }
            }
            ok = sink(row);
        }
        if (ok && rc != SQLITE_DONE)
            ok = fail(t.name);
        return ok;
    }
    bool beginWrite() override { return exec("BEGIN IMMEDIATE"); }
    bool write(const TableSpec& t, const std::function<bool(const RowSink&)>& produce) override
    {
        const QList<QByteArray> columns = columnList(t);
        QByteArray placeholders;
        for (int i = 1; i <= columns.size(); ++i)
            placeholders += (i > 1 ? ",?" : "?") + QByteArray::number(i);
        // server_meta: the source's epoch replaces the one the new file was given.
        const QByteArray sql = QByteArray(qstrcmp(t.name, "server_meta") == 0 ? "INSERT OR REPLACE" : "INSERT") + " INTO " + t.name + " ("
            + quotedColumns(t) + ") VALUES (" + placeholders + ")";
        SqlStatement stmt(m_db, sql);
        if (!stmt.ok())
            return fail(t.name);
        sqlite3_stmt* q = stmt.get();
        return produce([&](const Row& row) {
            for (int c = 0; c < row.size(); ++c) {
                const Cell& v = row[c];
                switch (v.kind) {
                case Cell::Null: sqlite3_bind_null(q, c + 1); break;
                case Cell::Int: sqlite3_bind_int64(q, c + 1, v.i); break;
                case Cell::Real: sqlite3_bind_double(q, c + 1, v.r); break;
                case Cell::Bytes:
                    if (t.kinds[c] == 'b')
                        sqlite3_bind_blob(q, c + 1, v.bytes.constData() ? v.bytes.constData() : "", int(v.bytes.size()), SQLITE_TRANSIENT);
                    else
                        sqlite3_bind_text(q, c + 1, v.bytes.constData() ? v.bytes.constData() : "", int(v.bytes.size()), SQLITE_TRANSIENT);
                }
            }
            const bool stepped = sqlite3_step(q) == SQLITE_DONE;
            sqlite3_reset(q);
            return stepped || fail(t.name);
        });
    }
    bool finishWrite() override { return exec("COMMIT"); }
    void abort() override { sqlite3_exec(m_db, "ROLLBACK", nullptr, nullptr, nullptr); }
    qint64 count(const char* table) override
    {
        SqlStatement q(m_db, QByteArray("SELECT count(*) FROM ") + table);
        return q.ok() && q.next() ? q.integer(0) : -1;
    }
    QString error() const override { return m_error; }

private:
    bool exec(const char* sql)
    {
        return sqlite3_exec(m_db, sql, nullptr, nullptr, nullptr) == SQLITE_OK || fail(sql);
    }
    bool fail(const char* what)
    {
        if (m_error.isEmpty())
            m_error = QString::fromUtf8(what) + QLatin1String(": ") + QString::fromUtf8(sqlite3_errmsg(m_db));
        return false;
    }
    SqliteServerStorage* m_s;
    sqlite3* m_db;
    QString m_error;
};

class PgSide : public Side {
public:
    explicit PgSide(PgServerStorage* s)
        : m_s(s)
        , m_db(s->connection())
    {
        storage = s;
    }
    bool beginRead() override { return run("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"); }
    bool read(const TableSpec& t, const RowSink& sink) override
    {
        if (!run(QByteArray("DECLARE copy_read NO SCROLL CURSOR FOR SELECT " + quotedColumns(t) + " FROM " + t.name).constData()))
            return false;
        bool ok = true;
        while (ok) {
            PgResult r = m_db.exec("FETCH FORWARD 5000 FROM copy_read");
            if (!r.ok())
                return fail(t.name);
            if (r.rows() == 0)
                break;
            for (int i = 0; ok && i < r.rows(); ++i) {
                Row row(r.columns());
                for (int c = 0; c < r.columns(); ++c) {
                    if (r.isNull(i, c))
                        continue;
                    switch (r.type(c)) {
                    case pgtype::kInt2:
                    case pgtype::kInt4:
                    case pgtype::kInt8: row[c].kind = Cell::Int; row[c].i = r.integer(i, c); break;
                    case pgtype::kFloat4:
                    case pgtype::kFloat8: row[c].kind = Cell::Real; row[c].r = r.real(i, c); break;
                    case pgtype::kBytea: row[c].kind = Cell::Bytes; row[c].bytes = r.bytea(i, c); break;
                    default: row[c].kind = Cell::Bytes; row[c].bytes = r.raw(i, c);
                    }
                }
                ok = sink(row);
            }
        }
        return run("CLOSE copy_read") && ok;
    }
    bool beginWrite() override { return run("BEGIN"); }
    bool write(const TableSpec& t, const std::function<bool(const RowSink&)>& produce) override
    {
        const bool changeLog = qstrcmp(t.name, "change_log") == 0;
        if (qstrcmp(t.name, "server_meta") == 0) {
            // The source's epoch replaces the new database's; the schema version stays.
            return produce([&](const Row& row) {
                if (row[0].bytes == "schema_version")
                    return true;
                return m_db.exec("INSERT INTO server_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                               PgParams().addText(row[0].bytes).addText(row[1].bytes))
                           .ok()
                    || fail(t.name);
            });
        }
        // COPY in text format: one round trip per megabyte, not per row.
        const QByteArray sql = "COPY " + QByteArray(t.name) + " (" + quotedColumns(t) + (changeLog ? ",event_id" : "") + ") FROM STDIN";
        PgCopyIn copy(m_db, sql);
        const bool ok = produce([&](const Row& row) {
            for (int c = 0; c < row.size(); ++c)
                appendCopyValue(copy, row[c], t.kinds[c]);
            if (changeLog) {
                // The event's id, by which a change batch finds its photos.
                const qint64 eventId = QJsonDocument::fromJson(row[4].bytes).object().value(QLatin1String("id")).toInteger();
                eventId > 0 ? copy.integer(eventId) : copy.null();
            }
            return copy.endRow();
        });
        if (!copy.finish(ok))
            return fail(t.name);
        return ok;
    }
    bool finishWrite() override { return m_s->resetSequences() ? run("COMMIT") : fail("sequences"); }
    void abort() override { m_db.run("ROLLBACK"); }
    qint64 count(const char* table) override
    {
        PgResult r = m_db.exec(QByteArray("SELECT count(*) FROM ") + table);
        return r.ok() ? r.integer(0, 0) : -1;
    }
    QString error() const override { return m_error; }

private:
    static void appendCopyValue(PgCopyIn& copy, const Cell& v, char kind)
    {
        switch (v.kind) {
        case Cell::Null: copy.null(); return;
        case Cell::Int: copy.integer(v.i); return;
        case Cell::Real: copy.number(v.r); return;
        case Cell::Bytes: break;
        }
        if (kind == 'b' || kind == 'x')
            copy.bytea(v.bytes);
        else
            copy.text(v.bytes);
    }
    bool run(const char* sql) { return m_db.run(sql) || fail(sql); }
    bool fail(const char* what)
    {
        if (m_error.isEmpty())
            m_error = QString::fromUtf8(what) + QLatin1String(": ") + m_db.lastError();
        return false;
    }
    PgServerStorage* m_s;
    PgConnection& m_db;
    QString m_error;
};

std::unique_ptr<Side> sideFor(ServerStorage* s)
{
    if (auto* pg = dynamic_cast<PgServerStorage*>(s))
        return std::make_unique<PgSide>(pg);
    return std::make_unique<SqliteSide>(static_cast<SqliteServerStorage*>(s));
}

// The snapshot checksum over every case (protocol::CaseChecksum), and how many there are.
QString caseChecksum(Side& side, const TableSpec& cases, qint64* n)
{
    protocol::CaseChecksum sum;
    *n = 0;
    side.read(cases, [&](const Row& row) {
        sum.add(row[0].i, row[26].i, QString::fromUtf8(row[10].bytes), QString::fromUtf8(row[9].bytes));
        ++*n;
        return true;
    });
    return sum.hex();
}
} // namespace

int copyDatabase(const QString& from, const QString& to, const QString& auditKeyPath, QTextStream& out, QTextStream& err)
{
    QString error;
    std::unique_ptr<ServerStorage> source = openServerStorage(from, &error, true);
    if (!source) {
        err << error << "\n";
        return 1;
    }
    std::unique_ptr<ServerStorage> target = openServerStorage(to, &error);
    if (!target) {
        err << error << "\n";
        return 1;
    }
    std::unique_ptr<Side> src = sideFor(source.get()), dst = sideFor(target.get());
    for (const char* table : { "cases", "audit", "users", "streets" }) {
        if (const qint64 n = dst->count(table); n != 0) {
            err << QCoreApplication::translate("CopyDb", "The target already holds a hall (%1 rows in %2): copy-db fills only an empty database").arg(n).arg(QString::fromLatin1(table)) << "\n";
            return 1;
        }
    }

    QElapsedTimer timer;
    timer.start();
    QHash<QString, qint64> copied;
    bool ok = src->beginRead() && dst->beginWrite();
    for (const TableSpec& t : kTables) {
        if (!ok)
            break;
        qint64 rows = 0;
        ok = dst->write(t, [&](const RowSink& sink) {
            return src->read(t, [&](const Row& row) {
                ++rows;
                return sink(row);
            });
        });
        copied.insert(QString::fromLatin1(t.name), rows);
        if (ok)
            out << QCoreApplication::translate("CopyDb", "%1: %2 rows").arg(QString::fromLatin1(t.name), -18).arg(rows) << "\n";
    }
    ok = ok && dst->finishWrite();
    if (!ok) {
        dst->abort();
        err << QCoreApplication::translate("CopyDb", "Copy failed, nothing was written to the target: %1").arg(!dst->error().isEmpty() ? dst->error() : src->error()) << "\n";
        return 1;
    }
    out << QCoreApplication::translate("CopyDb", "copied in %1 s").arg(double(timer.elapsed()) / 1000.0, 0, 'f', 1) << "\n";
    // Read back through a fresh open, as a server would see it.
    dst.reset();
    target = openServerStorage(to, &error);
    if (!target) {
        err << error << "\n";
        return 1;
    }
    dst = sideFor(target.get());

    // Proof: counts, the case checksum, the cursor and the audit chain, read back.
    int problems = 0;
    for (const TableSpec& t : kTables) {
        const qint64 n = dst->count(t.name);
        // server_meta: the target keeps its own schema version row.
        const bool meta = qstrcmp(t.name, "server_meta") == 0;
        if (meta ? n < copied.value(QString::fromLatin1(t.name)) : n != copied.value(QString::fromLatin1(t.name))) {
            err << QCoreApplication::translate("CopyDb", "%1: %2 rows in the source, %3 in the target").arg(QString::fromLatin1(t.name)).arg(copied.value(QString::fromLatin1(t.name))).arg(n) << "\n";
            ++problems;
        }
    }
    const TableSpec& cases = kTables[8];
    qint64 sourceCases = 0, targetCases = 0;
    const QString sourceSum = caseChecksum(*src, cases, &sourceCases);
    dst->beginRead();
    const QString targetSum = caseChecksum(*dst, cases, &targetCases);
    dst->abort();
    out << QCoreApplication::translate("CopyDb", "case checksum: %1 (%2 cases) in the source, %3 (%4 cases) in the target").arg(sourceSum).arg(sourceCases).arg(targetSum).arg(targetCases) << "\n";
    if (sourceSum != targetSum || sourceCases != targetCases)
        ++problems;
    out << QCoreApplication::translate("CopyDb", "cursor: %1 in the source, %2 in the target").arg(source->cursor()).arg(target->cursor()) << "\n";
    if (source->cursor() != target->cursor())
        ++problems;
    if (source->epoch() != target->epoch()) {
        err << QCoreApplication::translate("CopyDb", "epoch: %1 in the source, %2 in the target").arg(source->epoch(), target->epoch()) << "\n";
        ++problems;
    }
    QString keyError;
    const std::optional<AuditKey> key = !auditKeyPath.isEmpty()
        ? loadAuditKey(auditKeyPath, AuditKeyMode::MustExist, &keyError)
        : (isPostgresUri(from) ? std::nullopt : loadAuditKeyFor(from, {}, AuditKeyMode::MustExist, &keyError));
    const AuditVerification v = target->verifyAudit(key ? &*key : nullptr);
    if (v.problemCount > 0) {
        out << QCoreApplication::translate("CopyDb", "audit broken on the target: %1 problems").arg(v.problemCount) << "\n";
        for (const QString& p : v.problems)
            out << "  " << p << "\n";
        ++problems;
    } else if (v.entries == 0) {
        // A new hall (demo-data into PostgreSQL copies one): nothing to check, and no key to
        // miss. Saying "keyed hashes not checked (cannot read the audit key …)" read as an error.
        out << QCoreApplication::translate("CopyDb", "audit: no entries yet on the target") << "\n";
    } else if (key && v.unchecked == 0) {
        out << QCoreApplication::translate("CopyDb", "audit intact on the target: %1 entries, %2 keyed and checked with %3").arg(v.entries).arg(v.keyed).arg(key->path) << "\n";
    } else {
        out << QCoreApplication::translate("CopyDb", "audit chain links on the target: %1 entries; keyed hashes not checked (%2)").arg(v.entries).arg(key ? v.keyNote : keyError) << "\n";
    }
    src->abort(); // ends the read transaction
    if (problems > 0) {
        err << QCoreApplication::translate("CopyDb", "The copy does not match its source") << "\n";
        return 1;
    }
    out << QCoreApplication::translate("CopyDb", "copy verified") << "\n";
    return 0;
}

int runCopyDbCommand(const QStringList& args)
{
    QTextStream out(stdout), err(stderr);
    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate("CopyDb", "Copies a hall from one database to another, SQLite or PostgreSQL either way, and checks the copy: "
                                        "rows per table, the case checksum, the change log's cursor and the audit chain. The target must "
                                        "hold no hall yet. Stop the servers on the source first."));
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption from(QStringLiteral("from"), QCoreApplication::translate("CopyDb", "Source: a SQLite file or a postgresql:// URI."), QCoreApplication::translate("CopyDb", "DB"));
    const QCommandLineOption to(QStringLiteral("to"), QCoreApplication::translate("CopyDb", "Target: a SQLite file (made when missing) or a postgresql:// URI."), QCoreApplication::translate("CopyDb", "DB"));
    const QCommandLineOption auditKey = auditKeyOption();
    parser.addOptions({ from, to, auditKey });
    if (!parser.parse(args)) {
        err << parser.errorText() << "\n";
        return 2;
    }
    if (parser.isSet(help)) {
        out << parser.helpText();
        return 0;
    }
    if (parser.value(from).isEmpty() || parser.value(to).isEmpty() || !parser.positionalArguments().isEmpty()) {
        err << QCoreApplication::translate("CopyDb", "copy-db needs --from DB and --to DB (see --help)") << "\n";
        return 2;
    }
    if (parser.value(from) == parser.value(to)) {
        err << QCoreApplication::translate("CopyDb", "--from and --to name the same database") << "\n";
        return 2;
    }
    return copyDatabase(parser.value(from), parser.value(to), parser.isSet(auditKey) ? parser.value(auditKey) : QString(), out, err);
}

} // namespace gridhall
