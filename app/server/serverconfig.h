#pragma once
// gridhall-server serve --config FILE (docs/OPERATIONS.md § Configuration file): lines
// "key = value", "#" comments and blank lines; a key is one of serve's long options without
// its dashes. The file's settings go ahead of the command line, so the command line wins.

#include <QCommandLineOption>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace gridhall {

struct ConfigSetting {
    QString key;
    QString value;
    int line = 0; // 1-based
};

struct ServerConfig {
    QString path;
    QList<ConfigSetting> settings;
    // "FILE:LINE" of a key's setting; "" when the file does not set it.
    QString origin(const QString& key) const;
};

// The file serve reads when it is given neither --config nor --db, if it exists.
QString defaultServerConfigPath();

// Reads and checks the file's syntax; nullopt with *error "FILE:LINE: …" on a bad line, a key
// set twice, or a file that cannot be read.
std::optional<ServerConfig> readServerConfig(const QString& path, QString* error);

// The file's settings as command-line arguments for these options (flags take true/false).
// False with *error "FILE:LINE: …" on a key that is no option or a flag that is not a truth
// value.
bool configArguments(const ServerConfig& config, const QList<QCommandLineOption>& options, QStringList* args, QString* error);

} // namespace gridhall
