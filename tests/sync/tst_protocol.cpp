// The codec on its own: envelope, limits, field validation and row round trips.
#include "models/sync/protocol.h"

#include <QJsonDocument>
#include <QTest>
#include <QTimeZone>

using namespace gridhall;
using namespace gridhall::protocol;

class TestProtocol : public QObject {
    Q_OBJECT
private slots:
    void encodeDecodeRoundTrip()
    {
        const QByteArray bytes = encode(Type::Ping, { { "t", 42 } });
        Type type;
        Problem problem;
        const auto o = decode(bytes, &type, &problem);
        QVERIFY(o);
        QCOMPARE(type, Type::Ping);
        QCOMPARE(o->value("t").toInt(), 42);
        QCOMPARE(o->value("v").toInt(), kVersion);
    }

    void refusesBadInput_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("code");
        QTest::newRow("not json") << QByteArray("{\"v\":1,") << err::BadJson;
        QTest::newRow("array") << QByteArray("[1,2]") << err::BadJson;
        QTest::newRow("no version") << QByteArray("{\"type\":\"ping\"}") << err::BadVersion;
        QTest::newRow("version 2") << QByteArray("{\"v\":2,\"type\":\"ping\"}") << err::BadVersion;
        QTest::newRow("version string") << QByteArray("{\"v\":\"1\",\"type\":\"ping\"}") << err::BadVersion;
        QTest::newRow("unknown type") << QByteArray("{\"v\":1,\"type\":\"launch\"}") << err::UnknownType;
        QTest::newRow("type number") << QByteArray("{\"v\":1,\"type\":3}") << err::UnknownType;
        QTest::newRow("deep") << (QByteArray("{\"v\":1,\"type\":\"ping\",\"x\":") + QByteArray(50, '[')
                                     + QByteArray(50, ']') + "}") << err::TooDeep;
        QTest::newRow("very deep") << QByteArray(200000, '[') << err::TooDeep;
        QByteArray big = "{\"v\":1,\"type\":\"ping\",\"x\":\"" + QByteArray(kMaxMessageBytes, 'a') + "\"}";
        QTest::newRow("too large") << big << err::TooLarge;
    }
    void refusesBadInput()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, code);
        Problem problem;
        QVERIFY(!decode(bytes, nullptr, &problem));
        QCOMPARE(problem.code, code);
        QVERIFY(!problem.message.isEmpty());
    }

    void depthIgnoresBracketsInStrings()
    {
        QCOMPARE(nestingDepth("{\"a\":\"[[[[[[[[[[[[\\\"[[[[\"}", 8), 1);
        QCOMPARE(nestingDepth("{\"a\":[{\"b\":[]}]}", 8), 4);
    }

    void fieldReaders()
    {
        const QJsonObject o = QJsonDocument::fromJson(
            "{\"s\":\"abc\",\"n\":5,\"f\":2.5,\"big\":1e300,\"lon\":113.3,\"lat\":23.1,\"neg\":-1}").object();
        Problem p;
        QString s;
        qint64 n = 0;
        double f = 0;
        QVERIFY(readString(o, "s", &s, &p));
        QVERIFY(!readString(o, "n", &s, &p));
        QCOMPARE(p.code, err::BadField);
        QVERIFY(p.message.contains("\"n\""));
        QVERIFY(!readString(o, "missing", &s, &p));
        QVERIFY(readString(o, "missing", &s, &p, false));
        QVERIFY(!readString(o, "s", &s, &p, true, 2));
        QVERIFY(readInt(o, "n", &n, &p, 0, 10));
        QCOMPARE(n, 5);
        QVERIFY(!readInt(o, "f", &n, &p, 0, 10)); // not an integer
        QVERIFY(!readInt(o, "neg", &n, &p, 0, 10));
        QVERIFY(!readInt(o, "big", &n, &p, 0, std::numeric_limits<qint64>::max()));
        QVERIFY(readFinite(o, "f", &f, &p, 0, 3));
        QVERIFY(!readFinite(o, "big", &f, &p, -1e299, 1e299));
        LonLat ll;
        QVERIFY(readLonLat(o, &ll, &p));
        QCOMPARE(ll.lon, 113.3);
        // 1e999 parses as infinity in some parsers; either way it is refused.
        const QJsonObject inf = QJsonDocument::fromJson("{\"lon\":1e999,\"lat\":0}").object();
        QVERIFY(!readLonLat(inf, &ll, &p));
        const QJsonObject far = QJsonDocument::fromJson("{\"lon\":181,\"lat\":0}").object();
        QVERIFY(!readLonLat(far, &ll, &p));
    }

    void caseRowRoundTrip()
    {
        Case c;
        c.id = 77;
        c.code = "440106-20260101-0001";
        c.categoryCode = "0103";
        c.description = QString::fromUtf8("占道经营");
        c.address = "x";
        c.location = { 113.36, 23.12 };
        c.gridCode = "440106001002015";
        c.communityCode = "440106001002";
        c.streetCode = "440106001";
        c.state = CaseState::Handling;
        c.level = HandlingLevel::Street;
        c.disputeLevel = DisputeLevel::Red;
        c.holderKind = HolderKind::Worker;
        c.holder = "W1";
        c.reportedAt = QDateTime::fromMSecsSinceEpoch(1767225600123, Qt::UTC);
        c.stepStartedAt = c.reportedAt.addSecs(60);
        c.stepDeadline = c.reportedAt.addSecs(3600);
        c.reworkCount = 2;
        c.extensionPending = true;
        c.extensionMinutesRequested = 90;
        c.parkedFrom = CaseState::Dispatched;
        c.version = 9;
        c.updatedAt = c.stepStartedAt;
        c.alertAckedAt = c.stepStartedAt.addSecs(30);
        const QJsonArray row = caseToRow(c);
        QCOMPARE(row.size(), caseColumns().size());
        Case back;
        Problem p;
        QVERIFY2(caseFromRow(QJsonDocument::fromJson(QJsonDocument(row).toJson()).array(), &back, &p), qPrintable(p.message));
        QCOMPARE(back.id, c.id);
        QCOMPARE(back.description, c.description);
        QCOMPARE(back.location, c.location);
        QCOMPARE(back.state, c.state);
        QCOMPARE(back.disputeLevel, c.disputeLevel);
        QCOMPARE(back.reportedAt, c.reportedAt);
        QVERIFY(!back.closedAt.isValid());
        QCOMPARE(back.extensionPending, true);
        QCOMPARE(back.parkedFrom, CaseState::Dispatched);
        QCOMPARE(back.version, 9);
        QCOMPARE(back.alertAckedAt, c.alertAckedAt);

        // A row from before alert_acked_at existed (e.g. an old server's change log).
        QJsonArray older = row;
        older.removeLast();
        QVERIFY2(caseFromRow(older, &back, &p), qPrintable(p.message));
        QVERIFY(!back.alertAckedAt.isValid());
        QCOMPARE(back.version, 9);

        QJsonArray bad = row;
        bad[10] = "flying";
        QVERIFY(!caseFromRow(bad, &back, &p));
        QVERIFY(p.message.contains("state"));
        bad = row;
        bad[5] = 500.0;
        QVERIFY(!caseFromRow(bad, &back, &p));
        bad = row;
        bad.removeLast();
        bad.removeLast();
        QVERIFY(!caseFromRow(bad, &back, &p));
        bad = row;
        bad.append(0);
        QVERIFY(!caseFromRow(bad, &back, &p));
        bad = row;
        bad[26] = 0;
        QVERIFY(!caseFromRow(bad, &back, &p));
    }

    void eventAndReferenceRoundTrip()
    {
        CaseEvent e;
        e.id = 5;
        e.caseId = 77;
        e.at = QDateTime::fromMSecsSinceEpoch(1767225600000, Qt::UTC);
        e.actor = "op1";
        e.role = Role::Operator;
        e.action = CaseAction::Dispatch;
        e.fromState = CaseState::Registered;
        e.toState = CaseState::Dispatched;
        e.target = "CG";
        CaseEvent back;
        Problem p;
        QVERIFY(eventFromJson(eventToJson(e), &back, &p));
        QCOMPARE(back.action, CaseAction::Dispatch);
        QCOMPARE(back.at, e.at);
        QCOMPARE(back.target, e.target);

        GridCell g;
        g.code = "440106001002015";
        g.name = "g";
        g.communityCode = "440106001002";
        g.streetCode = "440106001";
        g.boundary.parts.append(Polygon { { { 113, 23 }, { 113.01, 23 }, { 113.01, 23.01 } }, {} });
        g.centroid = { 113.005, 23.003 };
        GridCell gb;
        QVERIFY(gridFromJson(gridToJson(g), &gb, &p));
        QCOMPARE(gb.boundary, g.boundary);
        QJsonObject badGrid = gridToJson(g);
        badGrid["streetCode"] = "abc";
        QVERIFY(!gridFromJson(badGrid, &gb, &p));
    }

    void checksumIsOrderIndependentAndSensitive()
    {
        CaseChecksum a, b, c;
        a.add(1, 1, "reported", "440106001");
        a.add(2, 3, "closed", "440106002");
        b.add(2, 3, "closed", "440106002");
        b.add(1, 1, "reported", "440106001");
        c.add(1, 1, "reported", "440106001");
        c.add(2, 4, "closed", "440106002");
        QCOMPARE(a.hex(), b.hex());
        QVERIFY(a.hex() != c.hex());
        QCOMPARE(a.hex().size(), 16);
    }

    void photoRowRoundTrip()
    {
        CasePhoto p;
        p.id = 57;
        p.caseId = 17;
        p.eventId = 991;
        p.takenAt = fromWireTime(1767225600000);
        p.mime = QStringLiteral("image/jpeg");
        p.width = 4000;
        p.height = 3000;
        p.bytes = 1048576;
        p.thumbnail = QByteArray("\xff\xd8\xff\0\x01 thumb", 11);
        const QJsonObject o = photoToJson(p);
        CasePhoto back;
        Problem problem;
        QVERIFY2(photoFromJson(o, &back, &problem), qPrintable(problem.message));
        QCOMPARE(back.id, p.id);
        QCOMPARE(back.caseId, p.caseId);
        QCOMPARE(back.eventId, p.eventId);
        QCOMPARE(back.takenAt, p.takenAt);
        QCOMPARE(back.mime, p.mime);
        QCOMPARE(back.width, p.width);
        QCOMPARE(back.height, p.height);
        QCOMPARE(back.bytes, p.bytes);
        QCOMPARE(back.thumbnail, p.thumbnail);

        auto refused = [&](const char* key, const QJsonValue& value) {
            QJsonObject bad = o;
            bad.insert(QLatin1String(key), value);
            CasePhoto x;
            Problem why;
            return !photoFromJson(bad, &x, &why) && !why.message.isEmpty();
        };
        QVERIFY(refused("id", 0));
        QVERIFY(refused("mime", "image/gif"));
        QVERIFY(refused("width", 0));
        QVERIFY(refused("bytes", double(kMaxPhotoBytes + 1)));
        QVERIFY(refused("thumbnail", "not base64!"));
        QVERIFY(refused("thumbnail", QString(int(kMaxThumbnailBytes * 2), QLatin1Char('A'))));
    }

    void photoUploads_data()
    {
        QTest::addColumn<QJsonValue>("photos");
        QTest::addColumn<QString>("code"); // "" when accepted
        const QString small = QString::fromLatin1(QByteArray("jpeg bytes").toBase64());
        const QJsonObject one { { "mime", "image/jpeg" }, { "data", small } };
        QTest::newRow("none") << QJsonValue() << QString();
        QTest::newRow("empty") << QJsonValue(QJsonArray()) << QString();
        QTest::newRow("three") << QJsonValue(QJsonArray { one, one, one }) << QString();
        QTest::newRow("with time") << QJsonValue(QJsonArray { QJsonObject { { "mime", "image/png" }, { "data", small }, { "takenAt", qint64(1767225600000) } } }) << QString();
        QTest::newRow("four") << QJsonValue(QJsonArray { one, one, one, one }) << err::BadField;
        QTest::newRow("not an array") << QJsonValue(one) << err::BadField;
        QTest::newRow("not an object") << QJsonValue(QJsonArray { 5 }) << err::BadField;
        QTest::newRow("no mime") << QJsonValue(QJsonArray { QJsonObject { { "data", small } } }) << err::BadField;
        QTest::newRow("gif") << QJsonValue(QJsonArray { QJsonObject { { "mime", "image/gif" }, { "data", small } } }) << err::BadField;
        QTest::newRow("no data") << QJsonValue(QJsonArray { QJsonObject { { "mime", "image/jpeg" } } }) << err::BadField;
        QTest::newRow("bad time") << QJsonValue(QJsonArray { QJsonObject { { "mime", "image/jpeg" }, { "data", small }, { "takenAt", -5 } } }) << err::BadField;
        QTest::newRow("not base64") << QJsonValue(QJsonArray { QJsonObject { { "mime", "image/jpeg" }, { "data", "a!b?" } } }) << err::BadPhoto;
        QTest::newRow("empty data") << QJsonValue(QJsonArray { QJsonObject { { "mime", "image/jpeg" }, { "data", "" } } }) << err::BadPhoto;
        const QString exactly = QString::fromLatin1(QByteArray(kMaxPhotoBytes, 'x').toBase64());
        const QString over = QString::fromLatin1(QByteArray(kMaxPhotoBytes + 1, 'x').toBase64());
        QTest::newRow("1 MiB") << QJsonValue(QJsonArray { QJsonObject { { "mime", "image/jpeg" }, { "data", exactly } } }) << QString();
        QTest::newRow("1 MiB + 1") << QJsonValue(QJsonArray { QJsonObject { { "mime", "image/jpeg" }, { "data", over } } }) << err::PhotoTooLarge;
    }
    void photoUploads()
    {
        QFETCH(QJsonValue, photos);
        QFETCH(QString, code);
        QJsonObject action { { "action", "feedback" } };
        if (!photos.isNull())
            action.insert("photos", photos);
        QList<PhotoUpload> uploads;
        Problem problem;
        const bool ok = readPhotoUploads(action, &uploads, &problem);
        QCOMPARE(ok, code.isEmpty());
        if (ok) {
            QCOMPARE(uploads.size(), photos.toArray().size());
            if (!uploads.isEmpty())
                QVERIFY(uploads.first().data == "jpeg bytes" || uploads.first().data.size() == kMaxPhotoBytes);
        } else {
            QCOMPARE(problem.code, code);
            QVERIFY(problem.message.contains(QLatin1String("photos")));
        }
    }
};

QTEST_GUILESS_MAIN(TestProtocol)
#include "tst_protocol.moc"
