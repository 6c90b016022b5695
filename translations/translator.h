#pragma once
// Installs GridHall's and Qt's own translations for a language ("zh_CN", "en"),
// replacing whatever was installed before, so the language can change at run time.

#include <QString>

namespace gridhall {

// The language to start with: the --lang option if given, else the system locale
// (Chinese systems get zh_CN, everything else English).
QString defaultLanguage();
// Returns false (and keeps the previous language) when the language is not shipped.
bool installLanguage(const QString& language);
QString currentLanguage();
QStringList availableLanguages();

} // namespace gridhall
