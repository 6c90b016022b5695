#pragma once
// A desk with everything real but the server: a store on its own thread (SQLite in a
// temporary folder), the queue model, the outbox sink and the action controller.

#include "models/itemmodels/caseactioncontroller.h"
#include "models/itemmodels/casequeuemodel.h"
#include "models/itemmodels/dispatchtargetmodels.h"
#include "models/store/storeservice.h"
#include "tests/store/storetestdata.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

namespace queuetest {
using namespace gridhall;

inline const QString kStreet = QStringLiteral("440106001");
inline const QString kOtherStreet = QStringLiteral("440106002");

inline Worker worker(const QString& code, const QString& name, const QString& street)
{
    Worker w;
    w.code = code;
    w.name = name;
    w.streetCode = street;
    w.homeGridCode = street + QStringLiteral("002001");
    return w;
}

struct Desk {
    QTemporaryDir dir;
    StoreService service;
    CaseQueueModel model;
    std::unique_ptr<StoreActionSink> sink;
    std::unique_ptr<CaseActionController> controller;
    WorkerListModel workers;
    DepartmentListModel departments;
    QList<Case> cases;

    // Cases 1..n registered in street kStreet (street level, orange dispute), a few in
    // other states; workers online except GW0003; GW0002 in another street.
    bool open(int n = 12)
    {
        QSignalSpy opened(&service, &StoreService::opened);
        service.start(dir.filePath(QStringLiteral("desk.sqlite")));
        if (!opened.wait(10000) || !opened.at(0).at(0).value<StoreStatus>().ok())
            return false;
        for (int i = 1; i <= n; ++i) {
            Case c = storetest::makeCase(i, CaseState::Registered);
            c.holderKind = HolderKind::None;
            c.holder.clear();
            c.extensionPending = false;
            c.stepDeadline = QDateTime::currentDateTimeUtc().addSecs(3600 * i - 7200);
            cases.append(c);
        }
        cases[1].state = CaseState::Handling; // case 2: already being handled
        cases[1].holderKind = HolderKind::Worker;
        cases[1].holder = QStringLiteral("GW0001");
        cases[2].level = HandlingLevel::Community; // case 3: may go up to the street
        cases[3].streetCode = kOtherStreet; // case 4: another street's
        cases[3].communityCode = kOtherStreet + QStringLiteral("001");
        cases[3].gridCode = kOtherStreet + QStringLiteral("001001");
        cases[4].state = CaseState::Verified; // case 5: waiting to be closed
        bool written = false;
        service.write([list = cases](Store& s, QList<qint64>* changed) {
            for (const Case& c : list) {
                if (!s.putCase(c))
                    return false;
                changed->append(c.id);
            }
            return true;
        });
        QSignalSpy changed(&service, &StoreService::changed);
        written = changed.wait(10000);
        model.setCases(cases);
        workers.setWorkers({ worker(QStringLiteral("GW0001"), QStringLiteral("张三"), kStreet),
            worker(QStringLiteral("GW0002"), QStringLiteral("李四"), kOtherStreet),
            worker(QStringLiteral("GW0003"), QStringLiteral("王五"), kStreet) });
        const QDateTime now = QDateTime::currentDateTimeUtc();
        workers.setNow(now);
        workers.setPositions({ { QStringLiteral("GW0001"), { { 113.321, 23.131 }, now } },
            { QStringLiteral("GW0002"), { { 113.33, 23.14 }, now } } });
        workers.setPlaceNames({ { kStreet, QStringLiteral("天河南街") },
            { kStreet + QStringLiteral("002001"), QStringLiteral("G-0123") } });
        departments.setDepartments({ { QStringLiteral("CG"), QStringLiteral("城管"), QStringLiteral("City management") },
            { QStringLiteral("HW"), QStringLiteral("环卫"), QStringLiteral("Sanitation") } });
        sink = std::make_unique<StoreActionSink>(service, QStringLiteral("desk-test"));
        controller = std::make_unique<CaseActionController>(*sink, model);
        controller->setActor({ QStringLiteral("op1"), Role::Operator });
        return written;
    }

    // The outbox as the store has it now (waits for the store thread).
    QList<OutboxEntry> outbox()
    {
        QList<OutboxEntry> result;
        bool done = false;
        QObject receiver;
        service.post([&result, &done, r = &receiver](Store& s) {
            QList<OutboxEntry> rows = s.pendingOutbox();
            QMetaObject::invokeMethod(r, [&result, &done, rows] {
                result = rows;
                done = true;
            }, Qt::QueuedConnection);
        });
        if (!QTest::qWaitFor([&done] { return done; }, 10000))
            qWarning("outbox read timed out");
        return result;
    }

    void setStatus(qint64 seq, OutboxEntry::Status status)
    {
        bool done = false;
        QObject receiver;
        service.post([&done, seq, status, r = &receiver](Store& s) {
            s.setOutboxStatus(seq, status, {});
            QMetaObject::invokeMethod(r, [&done] { done = true; }, Qt::QueuedConnection);
        });
        if (!QTest::qWaitFor([&done] { return done; }, 10000))
            qWarning("setStatus: the store thread did not answer within 10 s");
    }
};

} // namespace queuetest
