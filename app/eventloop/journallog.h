#pragma once
// Log levels for the systemd journal. A service's standard error goes to the journal, which
// reads a leading "<N>" on each line as its syslog priority (sd-daemon(3)); without one every
// line is the unit's default level and warnings cannot be told from chatter. When this
// process's standard error is the journal's stream (JOURNAL_STREAM names its device and inode)
// Qt's messages get that prefix: qDebug <7>, qInfo <6>, qWarning <4>, qCritical <3>,
// qFatal <2>. Anywhere else the output stays as Qt writes it.

namespace gridhall {

// Once, early in main. Whether the prefixes are on.
bool installJournalLogLevels();

} // namespace gridhall
