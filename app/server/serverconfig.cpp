#include "app/server/serverconfig.h"

#include <QCoreApplication>
#include <QFile>
#include <QRegularExpression>

namespace gridhall {

QString ServerConfig::origin(const QString& key) const
{
    for (const ConfigSetting& s : settings)
        if (s.key == key)
            return QStringLiteral("%1:%2").arg(path).arg(s.line);
    return {};
}

QString defaultServerConfigPath()
{
    return QStringLiteral("/etc/gridhall/server.conf");
}

std::optional<ServerConfig> readServerConfig(const QString& path, QString* error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QCoreApplication::translate("ServerConfig", "Cannot read the configuration file %1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    static const QRegularExpression keyPattern(QStringLiteral("^[a-z][a-z0-9-]*$"));
    ServerConfig config;
    config.path = path;
    int number = 0;
    while (!file.atEnd()) {
        ++number;
        const QString line = QString::fromUtf8(file.readLine()).trimmed();
        // Comments are whole lines only: a value (a PostgreSQL URI's password) may hold "#".
        if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
            continue;
        const QString where = QStringLiteral("%1:%2: ").arg(path).arg(number);
        const qsizetype equals = line.indexOf(QLatin1Char('='));
        if (equals < 0) {
            *error = where + QCoreApplication::translate("ServerConfig", "expected \"key = value\", not \"%1\"").arg(line);
            return std::nullopt;
        }
        ConfigSetting s { line.left(equals).trimmed(), line.mid(equals + 1).trimmed(), number };
        if (!keyPattern.match(s.key).hasMatch()) {
            *error = where + QCoreApplication::translate("ServerConfig", "\"%1\" is not a key (keys are serve's options without the dashes, such as listen or db)").arg(s.key);
            return std::nullopt;
        }
        if (s.value.isEmpty()) {
            *error = where + QCoreApplication::translate("ServerConfig", "%1 has no value (leave the line out, or comment it out, for the default)").arg(s.key);
            return std::nullopt;
        }
        if (const QString first = config.origin(s.key); !first.isEmpty()) {
            *error = where + QCoreApplication::translate("ServerConfig", "%1 is set twice (first at %2)").arg(s.key, first);
            return std::nullopt;
        }
        config.settings.append(s);
    }
    return config;
}

bool configArguments(const ServerConfig& config, const QList<QCommandLineOption>& options, QStringList* args, QString* error)
{
    for (const ConfigSetting& s : config.settings) {
        const QString where = QStringLiteral("%1:%2: ").arg(config.path).arg(s.line);
        const QCommandLineOption* option = nullptr;
        for (const QCommandLineOption& o : options)
            if (o.names().contains(s.key) && s.key.size() > 1)
                option = &o;
        if (!option) {
            QStringList known;
            for (const QCommandLineOption& o : options)
                known.append(o.names().constLast());
            *error = where + QCoreApplication::translate("ServerConfig", "unknown key %1 (the keys are: %2)").arg(s.key, known.join(QLatin1String(", ")));
            return false;
        }
        if (!option->valueName().isEmpty()) {
            *args << QLatin1String("--") + s.key << s.value;
            continue;
        }
        const QString v = s.value.toLower();
        if (v == QLatin1String("true") || v == QLatin1String("yes") || v == QLatin1String("on") || v == QLatin1String("1")) {
            *args << QLatin1String("--") + s.key;
        } else if (!(v == QLatin1String("false") || v == QLatin1String("no") || v == QLatin1String("off") || v == QLatin1String("0"))) {
            *error = where + QCoreApplication::translate("ServerConfig", "%1 is true or false, not \"%2\"").arg(s.key, s.value);
            return false;
        }
    }
    return true;
}

} // namespace gridhall
