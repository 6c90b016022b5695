#include "models/itemmodels/casesample.h"

#include "models/domain/taxonomy.h"

namespace gridhall {

namespace {
quint64 mix(quint64 x)
{
    // splitmix64: cheap, well spread, and the same everywhere.
    x += 0x9e3779b97f4a7c15ull;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
    return x ^ (x >> 31);
}

const QList<const CategoryItem*>& allItems()
{
    static const QList<const CategoryItem*> items = [] {
        QList<const CategoryItem*> list;
        for (const CategoryClass& c : Taxonomy::builtIn().classes()) {
            for (const CategoryItem& item : c.items)
                list.append(&item);
        }
        return list;
    }();
    return items;
}

const QStringList& roadNames()
{
    static const QStringList names { QStringLiteral("天河路"), QStringLiteral("体育西路"),
        QStringLiteral("林和西路"), QStringLiteral("龙口东路"), QStringLiteral("五山路"),
        QStringLiteral("中山大道"), QStringLiteral("黄埔大道"), QStringLiteral("员村二横路"),
        QStringLiteral("Huangpu Avenue"), QStringLiteral("Tianhe North Road") };
    return names;
}

const QStringList& findings()
{
    static const QStringList words { QStringLiteral("发现"), QStringLiteral("居民反映"),
        QStringLiteral("巡查发现"), QStringLiteral("热线转来"), QStringLiteral("视频识别") };
    return words;
}
} // namespace

Case CaseSampler::make(qint64 index) const
{
    const quint64 h = mix(quint64(index) * 0x2545F4914F6CDD1Dull + 17);
    const quint64 h2 = mix(h);
    Case c;
    c.id = index + 1;
    const CategoryItem* item = allItems()[qsizetype(h % quint64(allItems().size()))];
    c.categoryCode = item->code;

    const int street = 1 + int((h >> 8) % quint64(streets));
    const int community = 1 + int((h >> 16) % quint64(communitiesPerStreet));
    const int grid = 1 + int((h >> 24) % quint64(gridsPerCommunity));
    c.streetCode = districtCode() + QString::asprintf("%03d", street);
    c.communityCode = c.streetCode + QString::asprintf("%03d", community);
    c.gridCode = c.communityCode + QString::asprintf("%03d", grid);

    // States as a year of a hall leaves them: most closed, a tail of open work.
    const int roll = int((h >> 32) % 1000);
    static const struct {
        int upTo;
        CaseState state;
    } spread[] = { { 30, CaseState::Reported }, { 50, CaseState::Registered }, { 80, CaseState::Dispatched },
        { 120, CaseState::Handling }, { 140, CaseState::FedBack }, { 155, CaseState::Verified },
        { 165, CaseState::Parked }, { 185, CaseState::Voided }, { 1000, CaseState::Closed } };
    for (const auto& s : spread) {
        if (roll < s.upTo) {
            c.state = s.state;
            break;
        }
    }
    const bool open = isOpen(c.state);
    c.source = CaseSource(int((h2 >> 4) % 5));
    c.disputeLevel = item->defaultDisputeLevel;
    if (c.disputeLevel == DisputeLevel::None && (h2 >> 8) % 20 == 0)
        c.disputeLevel = DisputeLevel::Yellow;
    else if (c.disputeLevel != DisputeLevel::None && (h2 >> 8) % 5 == 0)
        c.disputeLevel = DisputeLevel::Red;
    c.level = item->defaultLevel;

    // Open cases are recent; closed ones spread over the past year.
    const qint64 ageSeconds = open ? qint64((h2 >> 12) % (3 * 86400)) : qint64((h2 >> 12) % (365 * 86400));
    c.reportedAt = now.addSecs(-ageSeconds - 60);
    c.stepStartedAt = c.reportedAt.addSecs(qint64((h2 >> 40) % 3600));
    if (c.stepStartedAt > now)
        c.stepStartedAt = now;
    const int limitMinutes = 30 + int((h2 >> 20) % (24 * 60));
    c.stepDeadline = c.stepStartedAt.addSecs(qint64(limitMinutes) * 60);
    if (c.state == CaseState::Closed || c.state == CaseState::Voided) {
        c.closedAt = c.stepStartedAt;
        c.stepDeadline = {};
    }

    const bool held = c.state == CaseState::Dispatched || c.state == CaseState::Handling
        || c.state == CaseState::FedBack || c.state == CaseState::Verified || c.state == CaseState::Closed;
    if (held) {
        if ((h2 >> 28) % 3 == 0 && !item->defaultDepartment.isEmpty()) {
            c.holderKind = HolderKind::Department;
            c.holder = item->defaultDepartment;
        } else {
            c.holderKind = HolderKind::Worker;
            c.holder = QString::asprintf("W%05d", int((h2 >> 30) % quint64(workers)));
        }
    }
    c.extensionPending = open && c.state == CaseState::Handling && (h2 >> 50) % 8 == 0;
    c.reporter = QString::asprintf("W%05d", int((h >> 40) % quint64(workers)));

    c.code = districtCode() + QLatin1Char('-') + c.reportedAt.date().toString(QStringLiteral("yyyyMMdd"))
        + QLatin1Char('-') + QString::asprintf("%07lld", index);
    const QString road = roadNames()[qsizetype((h >> 44) % quint64(roadNames().size()))];
    c.address = road + QString::number(1 + (h >> 48) % 400) + QStringLiteral("号");
    c.description = findings()[qsizetype((h2 >> 56) % quint64(findings().size()))] + item->nameZh
        + QStringLiteral("，") + item->nameEn + QStringLiteral(" near ") + road
        + QStringLiteral(" ref ") + QString::number(h2 % 100000, 36).toUpper();
    c.version = 1;
    c.updatedAt = c.stepStartedAt;
    return c;
}

QHash<QString, QString> CaseSampler::placeNames() const
{
    QHash<QString, QString> names;
    for (int s = 1; s <= streets; ++s) {
        const QString street = districtCode() + QString::asprintf("%03d", s);
        names.insert(street, QStringLiteral("街道%1").arg(s));
        for (int c = 1; c <= communitiesPerStreet; ++c) {
            const QString community = street + QString::asprintf("%03d", c);
            names.insert(community, QStringLiteral("社区%1-%2").arg(s).arg(c));
            for (int g = 1; g <= gridsPerCommunity; ++g)
                names.insert(community + QString::asprintf("%03d", g),
                    QStringLiteral("网格%1-%2-%3").arg(s).arg(c).arg(g));
        }
    }
    return names;
}

QHash<QString, QString> CaseSampler::workerNames() const
{
    static const QStringList family { QStringLiteral("张"), QStringLiteral("王"), QStringLiteral("李"),
        QStringLiteral("赵"), QStringLiteral("陈"), QStringLiteral("刘"), QStringLiteral("黄") };
    static const QStringList given { QStringLiteral("伟"), QStringLiteral("芳"), QStringLiteral("娜"),
        QStringLiteral("敏"), QStringLiteral("静"), QStringLiteral("强"), QStringLiteral("磊"), QStringLiteral("军") };
    QHash<QString, QString> names;
    for (int w = 0; w < workers; ++w) {
        const quint64 h = mix(quint64(w) + 99);
        names.insert(QString::asprintf("W%05d", w),
            family[qsizetype(h % quint64(family.size()))] + given[qsizetype((h >> 8) % quint64(given.size()))]);
    }
    return names;
}

} // namespace gridhall
