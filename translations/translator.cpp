#include "translations/translator.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>
#include <memory>

namespace gridhall {

namespace {
struct Installed {
    std::unique_ptr<QTranslator> app;
    std::unique_ptr<QTranslator> qt;
    QString language = QStringLiteral("en");
};

Installed& installed()
{
    static Installed state;
    return state;
}
} // namespace

QString defaultLanguage()
{
    return QLocale::system().language() == QLocale::Chinese ? QStringLiteral("zh_CN")
                                                            : QStringLiteral("en");
}

QStringList availableLanguages()
{
    return { QStringLiteral("zh_CN"), QStringLiteral("en") };
}

bool installLanguage(const QString& language)
{
    if (!availableLanguages().contains(language))
        return false;
    auto app = std::make_unique<QTranslator>();
    // English is the source language: its catalogue may be empty, and that is fine.
    const bool haveApp = app->load(QStringLiteral(":/gridhall/i18n/gridhall_%1.qm").arg(language));
    if (!haveApp && language != QLatin1String("en"))
        return false;
    auto qt = std::make_unique<QTranslator>();
    const bool haveQt = qt->load(QLocale(language), QStringLiteral("qtbase"), QStringLiteral("_"),
        QLibraryInfo::path(QLibraryInfo::TranslationsPath));

    Installed& state = installed();
    if (state.app)
        QCoreApplication::removeTranslator(state.app.get());
    if (state.qt)
        QCoreApplication::removeTranslator(state.qt.get());
    state.app = haveApp ? std::move(app) : nullptr;
    state.qt = haveQt ? std::move(qt) : nullptr;
    if (state.app)
        QCoreApplication::installTranslator(state.app.get());
    if (state.qt)
        QCoreApplication::installTranslator(state.qt.get());
    state.language = language;
    // Dates, times and numbers follow the interface language, not the machine's locale:
    // a hall's PCs often run an English system locale under a Chinese interface. English
    // is British English for its 24-hour clock, which the hall's shifts read by.
    QLocale::setDefault(language == QLatin1String("en") ? QLocale(QLocale::English, QLocale::UnitedKingdom)
                                                        : QLocale(language));
    return true;
}

QString currentLanguage()
{
    return installed().language;
}

} // namespace gridhall
