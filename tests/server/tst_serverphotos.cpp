// Photos with feedback on the real gridhall-server process, driven by a bare client written
// from docs/PROTOCOL.md § Photos: a feedback's photos are checked, stored and thumbnailed;
// their facts and thumbnails reach desks in changes and snapshots within the street scope;
// get_photo returns the very bytes uploaded, or not_found / out_of_scope; bad photos refuse
// the whole feedback and leave nothing behind; change batches stay under the message limit.
#include "serverharness.h"

#include <QBuffer>
#include <QImage>
#include <QImageReader>
#include <QPainter>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <sqlite3.h>

using namespace gridhall;
using namespace gridhall::protocol;
using namespace gridhall::testing;

namespace {
QByteArray encodeImage(const QImage& image, const char* format, int quality = 85)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, format, quality);
    return bytes;
}

// A picture with some texture, so that its JPEG is tens of KB as a real one would be.
QImage scene(int width, int height, quint32 seed, QImage::Format format = QImage::Format_RGB32)
{
    QImage image(width, height, format);
    image.fill(Qt::transparent);
    QRandomGenerator random(seed);
    QPainter p(&image);
    for (int i = 0; i < 60; ++i)
        p.fillRect(int(random.bounded(width)), int(random.bounded(height)),
            10 + int(random.bounded(width / 3)), 10 + int(random.bounded(height / 3)),
            QColor::fromRgb(random.generate() | 0xff000000));
    return image;
}

QJsonObject upload(const QByteArray& bytes, const QString& mime, qint64 takenAt = 0)
{
    QJsonObject o { { "mime", mime }, { "data", QString::fromLatin1(bytes.toBase64()) } };
    if (takenAt)
        o.insert("takenAt", takenAt);
    return o;
}

QByteArray serverBlob(const QString& db, const QByteArray& sql)
{
    sqlite3* h = nullptr;
    sqlite3_open_v2(db.toUtf8().constData(), &h, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_stmt* q = nullptr;
    sqlite3_prepare_v2(h, sql.constData(), -1, &q, nullptr);
    QByteArray out;
    if (sqlite3_step(q) == SQLITE_ROW)
        out = QByteArray(
            static_cast<const char*>(sqlite3_column_blob(q, 0)), sqlite3_column_bytes(q, 0));
    sqlite3_finalize(q);
    sqlite3_close(h);
    return out;
}

QImage decodeJpeg(const QByteArray& bytes)
{
    return QImage::fromData(bytes, "JPEG");
}
} // namespace

class TestServerPhotos : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_db;
    ServerProcess m_server;
    std::unique_ptr<WireClient> m_op; // the district desk that sets cases up
    std::unique_ptr<WireClient> m_worker; // WG00001's handheld
    qint64 m_opSeq = 0, m_workerSeq = 0;
    QString m_workerGrid;
    int m_clients = 0;
    QList<qint64> m_photoIds; // of the first feedback: the JPEG, then the PNG
    QByteArray m_jpeg, m_png;

    QString newClientId() { return QStringLiteral("photo-test-%1").arg(++m_clients); }

    QJsonObject opAct(const QString& action, QJsonObject fields)
    {
        fields.insert("clientSeq", ++m_opSeq);
        fields.insert("key", QStringLiteral("op-%1").arg(m_opSeq));
        fields.insert("action", action);
        m_op->send(Type::Action, fields);
        const auto r = m_op->next("action_result");
        return r ? *r : QJsonObject();
    }

    QJsonObject workerAct(const QString& action, QJsonObject fields, const QString& key = {})
    {
        fields.insert("clientSeq", key.isEmpty() ? ++m_workerSeq : m_workerSeq);
        fields.insert("key", key.isEmpty() ? QStringLiteral("wg-%1").arg(m_workerSeq) : key);
        fields.insert("action", action);
        m_worker->send(Type::Action, fields);
        const auto r = m_worker->next("action_result");
        return r ? *r : QJsonObject();
    }

    // A case in WG00001's grid that WG00001 has accepted: the only state feedback applies to.
    QPair<qint64, qint64> handlingCase()
    {
        const QJsonObject reported = opAct("report",
            { { "case",
                QJsonObject { { "categoryCode", "0101" }, { "description", "photo test" },
                    { "lon", 113.3 }, { "lat", 23.1 }, { "gridCode", m_workerGrid } } } });
        const qint64 id = reported.value("caseId").toInteger();
        opAct("register", { { "caseId", id }, { "seenVersion", 1 } });
        opAct("dispatch",
            { { "caseId", id }, { "seenVersion", 2 }, { "targetKind", "worker" },
                { "target", "WG00001" } });
        const QJsonObject accepted
            = workerAct("accept", { { "caseId", id }, { "seenVersion", 3 } });
        if (accepted.value("status").toString() != "applied")
            qWarning() << "accept:" << accepted;
        return { id, accepted.value("version").toInteger() };
    }

    qint64 caseVersion(qint64 id)
    {
        return serverCount(m_db, "SELECT version FROM cases WHERE id = " + QByteArray::number(id));
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_db = m_dir.filePath("server.db");
        QVERIFY(makeDemoDb(m_db));
        QVERIFY(m_server.start(m_db));
        m_op = std::make_unique<WireClient>();
        m_worker = std::make_unique<WireClient>();
        QVERIFY(m_op->open(m_server.url()));
        QVERIFY(m_op->login("op", newClientId()));
        QVERIFY(m_worker->open(m_server.url()));
        QVERIFY(m_worker->login("WG00001", newClientId()));
        m_op->send(Type::Sync, { { "cursor", 0 } });
        const auto snapshot = readSnapshot(*m_op);
        QVERIFY(snapshot);
        m_workerGrid = homeGridOf(*snapshot, "WG00001");
        QVERIFY(m_workerGrid.startsWith("440199001"));
        m_jpeg = encodeImage(scene(1200, 900, 1), "JPEG");
        m_png = encodeImage(scene(300, 200, 2, QImage::Format_ARGB32), "PNG");
        QVERIFY(m_jpeg.size() > 10000);
    }

    void feedbackPhotosReachDesks()
    {
        // Two desks follow live: the district and another street's operator.
        WireClient district, otherStreet;
        QVERIFY(district.open(m_server.url()) && otherStreet.open(m_server.url()));
        QVERIFY(district.login("op2", newClientId()));
        QVERIFY(otherStreet.login("s2", newClientId()));
        district.send(Type::Sync, { { "cursor", 0 } });
        QVERIFY(readSnapshot(district));
        otherStreet.send(Type::Sync, { { "cursor", 0 } });
        QVERIFY(readSnapshot(otherStreet));
        const auto [caseId, version] = handlingCase();
        QVERIFY(caseId > 0);
        district.received().clear();
        otherStreet.received().clear();

        const qint64 takenAt = 1767225600000;
        const QJsonObject r = workerAct("feedback",
            { { "caseId", caseId }, { "seenVersion", version }, { "note", "清理完毕" },
                { "photos",
                    QJsonArray {
                        upload(m_jpeg, "image/jpeg", takenAt), upload(m_png, "image/png") } } });
        QCOMPARE(r.value("status").toString(), "applied");
        QCOMPARE(r.value("photos").toInt(), 2);

        // The district desk gets the case row, the event and both photos in one batch.
        const qint64 cursor = r.value("cursor").toInteger();
        auto batchUpTo = [cursor](WireClient& c) {
            std::optional<QJsonObject> b;
            do
                b = c.next("changes");
            while (b && b->value("to").toInteger() < cursor);
            return b;
        };
        const std::optional<QJsonObject> batch = batchUpTo(district);
        QVERIFY(batch);
        QCOMPARE(batch->value("to").toInteger(), cursor);
        const QJsonObject event = batch->value("events").toArray().last().toObject();
        QCOMPARE(event.value("action").toString(), "feedback");
        const QJsonArray photos = batch->value("photos").toArray();
        QCOMPARE(photos.size(), 2);
        CasePhoto jpeg, png;
        Problem problem;
        QVERIFY2(photoFromJson(photos[0].toObject(), &jpeg, &problem), qPrintable(problem.message));
        QVERIFY2(photoFromJson(photos[1].toObject(), &png, &problem), qPrintable(problem.message));
        QCOMPARE(jpeg.caseId, caseId);
        QCOMPARE(jpeg.eventId, event.value("id").toInteger());
        QCOMPARE(png.eventId, jpeg.eventId);
        QCOMPARE(jpeg.mime, "image/jpeg");
        QCOMPARE(png.mime, "image/png");
        QCOMPARE(jpeg.width, 1200);
        QCOMPARE(jpeg.height, 900);
        QCOMPARE(png.width, 300);
        QCOMPARE(png.height, 200);
        QCOMPARE(jpeg.bytes, m_jpeg.size());
        QCOMPARE(png.bytes, m_png.size());
        QCOMPARE(jpeg.takenAt, fromWireTime(takenAt));
        // Without takenAt the server's receiving time stands in.
        QVERIFY(qAbs(png.takenAt.secsTo(QDateTime::currentDateTimeUtc())) < 120);
        // Thumbnails: JPEG, the longer side 160 px, the shape kept.
        const QImage t1 = decodeJpeg(jpeg.thumbnail), t2 = decodeJpeg(png.thumbnail);
        QCOMPARE(t1.size(), QSize(160, 120));
        QCOMPARE(t2.width(), 160);
        QVERIFY(qAbs(t2.height() - 107) <= 1);
        QVERIFY(jpeg.thumbnail.size() < 20000);
        m_photoIds = { jpeg.id, png.id };

        // The other street's desk gets the cursor step and nothing of the case.
        const auto other = batchUpTo(otherStreet);
        QVERIFY(other);
        QCOMPARE(other->value("to").toInteger(), cursor);
        QVERIFY(other->value("cases").toArray().isEmpty());
        QVERIFY(!other->contains("photos"));

        // The server keeps the full photos as uploaded.
        QCOMPARE(serverBlob(m_db,
                     "SELECT data FROM photo_data WHERE photo_id = " + QByteArray::number(jpeg.id)),
            m_jpeg);

        // Snapshots carry the photos of the cases in scope, after the cases.
        WireClient fresh, street2;
        QVERIFY(fresh.open(m_server.url()) && street2.open(m_server.url()));
        QVERIFY(fresh.login("s1", newClientId()));
        QVERIFY(street2.login("s2", newClientId()));
        fresh.send(Type::Sync, { { "cursor", 0 } });
        const auto s = readSnapshot(fresh);
        QVERIFY(s);
        const QList<QJsonObject> rows = s->reference.value("photos");
        QCOMPARE(
            s->begin.value("counts").toObject().value("photos").toInteger(), qint64(rows.size()));
        QVERIFY(rows.size() >= 2);
        bool found = false;
        for (const QJsonObject& row : rows) {
            CasePhoto p;
            QVERIFY2(photoFromJson(row, &p, &problem), qPrintable(problem.message));
            QVERIFY2(s->cases.contains(p.caseId), "a photo of a case the snapshot does not hold");
            if (p.id == jpeg.id) {
                found = true;
                QCOMPARE(p.thumbnail, jpeg.thumbnail);
                QCOMPARE(p.eventId, jpeg.eventId);
                QCOMPARE(p.takenAt, jpeg.takenAt);
            }
        }
        QVERIFY(found);
        street2.send(Type::Sync, { { "cursor", 0 } });
        const auto s2 = readSnapshot(street2);
        QVERIFY(s2);
        QVERIFY(s2->reference.value("photos").isEmpty());
        QCOMPARE(s2->begin.value("counts").toObject().value("photos").toInteger(), 0);
    }

    void getPhotoInScope()
    {
        QVERIFY(!m_photoIds.isEmpty());
        auto get = [&](WireClient& c, const QJsonValue& id) {
            c.send(Type::GetPhoto, { { "id", id } });
            const auto answer = c.next("photo");
            return answer ? *answer : QJsonObject();
        };
        WireClient district, street1, street2;
        QVERIFY(district.open(m_server.url()) && street1.open(m_server.url())
            && street2.open(m_server.url()));
        QVERIFY(district.login("op2", newClientId()));
        QVERIFY(street1.login("s1", newClientId()));
        QVERIFY(street2.login("s2", newClientId()));

        const QJsonObject a = get(district, m_photoIds[0]);
        QCOMPARE(a.value("id").toInteger(), m_photoIds[0]);
        QCOMPARE(a.value("mime").toString(), "image/jpeg");
        QCOMPARE(a.value("bytes").toInteger(), m_jpeg.size());
        QCOMPARE(a.value("width").toInt(), 1200);
        QCOMPARE(QByteArray::fromBase64(a.value("data").toString().toLatin1()), m_jpeg);
        const QJsonObject b = get(street1, m_photoIds[1]);
        QCOMPARE(QByteArray::fromBase64(b.value("data").toString().toLatin1()), m_png);
        QCOMPARE(b.value("mime").toString(), "image/png");
        // The worker who took it may see it again.
        QCOMPARE(QByteArray::fromBase64(
                     get(*m_worker, m_photoIds[0]).value("data").toString().toLatin1()),
            m_jpeg);

        const QJsonObject outside = get(street2, m_photoIds[0]);
        QCOMPARE(outside.value("code").toString(), err::NotFound); // as if it did not exist
        QVERIFY(!outside.contains("data"));
        QVERIFY(!outside.value("message").toString().isEmpty());
        const QJsonObject missing = get(district, 99999999);
        QCOMPARE(missing.value("code").toString(), err::NotFound);
        QCOMPARE(missing.value("id").toInteger(), 99999999);

        // A malformed request is an error; the connection stays.
        district.send(Type::GetPhoto, { { "id", "seven" } });
        const auto e = district.next("error");
        QVERIFY(e);
        QCOMPARE(e->value("code").toString(), err::BadField);
        QCOMPARE(e->value("inReplyTo").toString(), "get_photo");
        district.send(Type::Ping, { { "t", 3 } });
        QVERIFY(district.next("pong"));
        // Before login nothing is served.
        WireClient anonymous;
        QVERIFY(anonymous.open(m_server.url()));
        anonymous.send(Type::GetPhoto, { { "id", m_photoIds[0] } });
        QCOMPARE(anonymous.next("error")->value("code").toString(), err::NotLoggedIn);
    }

    void badPhotosRefuseTheWholeFeedback()
    {
        const auto [caseId, version] = handlingCase();
        QVERIFY(caseId > 0);
        const QByteArray garbage = "this is not a picture at all, only words";
        QByteArray random(kMaxPhotoBytes + 1, Qt::Uninitialized);
        QRandomGenerator(5).fillRange(reinterpret_cast<quint32*>(random.data()), random.size() / 4);
        // 6000 × 6000 is 36 megapixels; as a one-bit PNG the file is small.
        QImage huge(6000, 6000, QImage::Format_Mono);
        huge.fill(0);
        const QByteArray hugePng = encodeImage(huge, "PNG");
        QVERIFY(hugePng.size() < kMaxPhotoBytes);
        struct Bad {
            const char* name;
            QJsonValue photos;
            QString code;
            const char* mentions;
        };
        const QJsonObject good = upload(m_jpeg, "image/jpeg");
        const QList<Bad> cases {
            { "four photos", QJsonArray { good, good, good, good }, err::BadField, "at most 3" },
            { "over 1 MiB", QJsonArray { upload(random, "image/jpeg") }, err::PhotoTooLarge,
                "photos[0].data" },
            { "not an image", QJsonArray { upload(garbage, "image/jpeg") }, err::BadPhoto,
                "Photo 1" },
            { "a PNG called JPEG", QJsonArray { upload(m_png, "image/jpeg") }, err::BadPhoto,
                "Photo 1" },
            { "second one bad", QJsonArray { good, upload(garbage, "image/png") }, err::BadPhoto,
                "Photo 2" },
            { "not base64",
                QJsonArray { QJsonObject { { "mime", "image/jpeg" }, { "data", "%%%%" } } },
                err::BadPhoto, "base64" },
            { "too many pixels", QJsonArray { upload(hugePng, "image/png") }, err::BadPhoto,
                "megapixels" },
            { "gif", QJsonArray { upload(m_jpeg, "image/gif") }, err::BadField, "mime" },
        };
        const qint64 photosBefore = serverCount(m_db, "SELECT count(*) FROM case_photos");
        const qint64 blobsBefore = serverCount(m_db, "SELECT count(*) FROM photo_data");
        const qint64 logBefore = serverCount(m_db, "SELECT count(*) FROM change_log");
        for (const Bad& b : cases) {
            const QJsonObject fields { { "caseId", caseId }, { "seenVersion", version },
                { "note", "done" }, { "photos", b.photos } };
            const QJsonObject r = workerAct("feedback", fields, QString());
            QVERIFY2(r.value("status").toString() == "refused", b.name);
            QVERIFY2(r.value("code").toString() == b.code,
                qPrintable(QString::fromLatin1(b.name) + ": " + r.value("code").toString()));
            QVERIFY2(r.value("message").toString().contains(QLatin1String(b.mentions)),
                qPrintable(QString::fromLatin1(b.name) + ": " + r.value("message").toString()));
            // Nothing half-applied: the case, the photos and the change log are as they were.
            QCOMPARE(caseVersion(caseId), version);
            QCOMPARE(serverCount(m_db, "SELECT count(*) FROM case_photos"), photosBefore);
            QCOMPARE(serverCount(m_db, "SELECT count(*) FROM photo_data"), blobsBefore);
            QCOMPARE(serverCount(m_db, "SELECT count(*) FROM change_log"), logBefore);
        }
        // Photos only come with a feedback.
        const QJsonObject withReport = workerAct("request_extension",
            { { "caseId", caseId }, { "seenVersion", version }, { "minutes", 60 }, { "note", "x" },
                { "photos", QJsonArray { good } } });
        QCOMPARE(withReport.value("code").toString(), err::BadField);
        QVERIFY(withReport.value("message").toString().contains("photos"));
        // The same case takes a good feedback afterwards.
        const QJsonObject ok = workerAct("feedback",
            { { "caseId", caseId }, { "seenVersion", version }, { "note", "done" },
                { "photos", QJsonArray { good, good, good } } });
        QCOMPARE(ok.value("status").toString(), "applied");
        QCOMPARE(ok.value("photos").toInt(), 3);
        QCOMPARE(
            serverCount(m_db,
                "SELECT count(*) FROM case_photos WHERE case_id = " + QByteArray::number(caseId)),
            3);
        // A retry of the applied feedback (same key) stores nothing twice.
        const QJsonObject retried = workerAct("feedback",
            { { "caseId", caseId }, { "seenVersion", version }, { "note", "done" },
                { "photos", QJsonArray { good, good, good } } },
            QStringLiteral("wg-%1").arg(m_workerSeq));
        QCOMPARE(retried.value("replayed").toBool(), true);
        QCOMPARE(retried.value("status").toString(), "applied");
        QCOMPARE(
            serverCount(m_db,
                "SELECT count(*) FROM case_photos WHERE case_id = " + QByteArray::number(caseId)),
            3);
        QCOMPARE(serverCount(m_db, "SELECT count(*) FROM photo_data"), blobsBefore + 3);
        // Every attempt is audited, refused ones with their code.
        QCOMPARE(serverCount(m_db,
                     "SELECT count(*) FROM audit WHERE case_id = " + QByteArray::number(caseId)
                         + " AND result = 'refused:bad_photo'"),
            5);
    }

    // A 16-bit PNG under the pixel limit decodes like an 8-bit one (it takes 8 bytes a
    // pixel, over Qt's default allocation limit of 128 MB).
    void sixteenBitPngUnderThePixelLimit()
    {
        const QByteArray png = blackPng16(5477, 5477);
        QVERIFY2(png.size() < kMaxPhotoBytes, qPrintable(QString::number(png.size())));
        const auto [caseId, version] = handlingCase();
        QVERIFY(caseId > 0);
        const QJsonObject r = workerAct("feedback",
            { { "caseId", caseId }, { "seenVersion", version }, { "note", "16-bit" },
                { "photos", QJsonArray { upload(png, "image/png") } } });
        QCOMPARE(r.value("status").toString(), "applied");
        QCOMPARE(r.value("photos").toInt(), 1);
    }

    // Photos are decoded off the event loop: two 30 MP PNGs (0.3 s each or more) hold back
    // nobody's pong.
    void decodingHoldsBackNobody()
    {
        const QByteArray png = blackPng16(5477, 5477);
        const auto [caseId, version] = handlingCase();
        QVERIFY(caseId > 0);
        WireClient watcher;
        QVERIFY(watcher.open(m_server.url()));
        QVERIFY(watcher.login("op2", newClientId()));
        QJsonObject fields { { "caseId", caseId }, { "seenVersion", version }, { "note", "two large" },
            { "photos", QJsonArray { upload(png, "image/png"), upload(png, "image/png") } } };
        fields.insert("clientSeq", ++m_workerSeq);
        fields.insert("key", QStringLiteral("wg-%1").arg(m_workerSeq));
        fields.insert("action", "feedback");
        QElapsedTimer timer;
        timer.start();
        m_worker->send(Type::Action, fields);
        qint64 worst = 0;
        int t = 0;
        while (!timer.hasExpired(60000)) {
            QElapsedTimer ping;
            ping.start();
            watcher.send(Type::Ping, { { "t", ++t } });
            QVERIFY(watcher.next("pong", 10000));
            worst = std::max(worst, ping.elapsed());
            if (std::any_of(m_worker->received().cbegin(), m_worker->received().cend(), [](const QJsonObject& o) { return o.value("type") == "action_result"; }))
                break;
            QTest::qWait(10);
        }
        const auto r = m_worker->next("action_result", 1000);
        QVERIFY(r);
        QCOMPARE(r->value("status").toString(), "applied");
        qInfo() << "two 30 MP photos took" << timer.elapsed() << "ms; slowest pong meanwhile" << worst << "ms";
        QVERIFY2(timer.elapsed() > 300, "the decode was too quick to show anything");
        QVERIFY2(worst < std::max<qint64>(150, timer.elapsed() / 3), qPrintable(QString::number(worst)));
    }

    void storedRefusalIsReplayed()
    {
        const auto [caseId, version] = handlingCase();
        const QJsonObject fields { { "caseId", caseId }, { "seenVersion", version },
            { "photos", QJsonArray { upload("junk", "image/jpeg") } } };
        const QJsonObject first = workerAct("feedback", fields);
        QCOMPARE(first.value("code").toString(), err::BadPhoto);
        const QJsonObject again
            = workerAct("feedback", fields, QStringLiteral("wg-%1").arg(m_workerSeq));
        QCOMPARE(again.value("replayed").toBool(), true);
        QCOMPARE(again.value("code").toString(), err::BadPhoto);
        QCOMPARE(caseVersion(caseId), version);
    }

    // Long rows (4,000-character descriptions) fill a change batch past 2 MiB quickly: the
    // server splits the range so that no message comes near the 4 MiB limit.
    void changeBatchesStayUnderTheMessageLimit()
    {
        WireClient late;
        QVERIFY(late.open(m_server.url()));
        QJsonObject welcome;
        QVERIFY(late.login("op2", newClientId(), &welcome));
        late.send(Type::Sync, { { "cursor", 0 } });
        const auto s = readSnapshot(late);
        QVERIFY(s);
        const qint64 from = s->begin.value("cursor").toInteger();
        late.socket().close();

        const QString longText = QString(4000, QChar(0x6c34)); // 水, three bytes in UTF-8
        const int n = 400;
        for (int i = 0; i < n; ++i) {
            ++m_opSeq;
            m_op->send(Type::Action,
                { { "clientSeq", m_opSeq }, { "key", QStringLiteral("op-%1").arg(m_opSeq) },
                    { "action", "report" },
                    { "case",
                        QJsonObject { { "categoryCode", "0101" }, { "description", longText },
                            { "lon", 113.3 }, { "lat", 23.1 }, { "gridCode", m_workerGrid } } } });
        }
        for (int i = 0; i < n; ++i) {
            const auto r = m_op->next("action_result", 60000);
            QVERIFY(r);
            QCOMPARE(r->value("status").toString(), "applied");
        }
        const qint64 serverCursor = serverCount(m_db, "SELECT max(seq) FROM change_log");
        QVERIFY(serverCursor >= from + n);

        WireClient back;
        QVERIFY(back.open(m_server.url()));
        QVERIFY(back.login("op2", newClientId()));
        back.send(Type::Sync, { { "cursor", from }, { "epoch", welcome.value("epoch") } });
        qint64 cursor = from;
        int batches = 0, cases = 0;
        while (cursor < serverCursor) {
            const auto batch = back.next("changes", 30000);
            QVERIFY(batch);
            QCOMPARE(batch->value("from").toInteger(), cursor);
            const qint64 size = QJsonDocument(*batch).toJson(QJsonDocument::Compact).size();
            QVERIFY2(size < kChangeBatchBytes + 64 * 1024, qPrintable(QString::number(size)));
            cases += int(batch->value("cases").toArray().size());
            cursor = batch->value("to").toInteger();
            ++batches;
        }
        QCOMPARE(cursor, serverCursor);
        QCOMPARE(cases, int(serverCursor - from));
        QVERIFY2(batches >= 3, qPrintable(QString::number(batches)));
    }
};

QTEST_GUILESS_MAIN(TestServerPhotos)
#include "tst_serverphotos.moc"
