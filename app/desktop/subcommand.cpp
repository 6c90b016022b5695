#include "app/desktop/subcommand.h"

#include <QCoreApplication>

namespace gridhall {

Subcommand::Subcommand(const QStringList& args, const QString& fallbackProgram, const QString& usage)
    : m_args(args)
    , m_program(args.isEmpty() ? fallbackProgram : args.first())
    , m_usage(usage)
{
    m_parser.addHelpOption();
    if (m_args.isEmpty())
        m_args << m_program;
}

std::optional<int> Subcommand::parse(std::initializer_list<const QCommandLineOption*> required)
{
    if (!m_parser.parse(m_args))
        return usageError(m_parser.errorText());
    if (m_parser.isSet(QStringLiteral("help"))) {
        // The parser names the executable; show the subcommand instead.
        QString help = m_parser.helpText();
        help.replace(0, help.indexOf(QLatin1Char('\n')), QCoreApplication::translate("Subcommand", "Usage: %1 [options]").arg(m_program));
        m_out << help;
        return 0;
    }
    if (!m_parser.positionalArguments().isEmpty())
        return usageError(QCoreApplication::translate("Subcommand", "unexpected argument: %1").arg(m_parser.positionalArguments().first()));
    for (const QCommandLineOption* option : required) {
        if (!m_parser.isSet(*option) || m_parser.value(*option).isEmpty())
            return usageError(QCoreApplication::translate("Subcommand", "--%1 is required").arg(option->names().first()));
    }
    return std::nullopt;
}

int Subcommand::usageError(const QString& message)
{
    m_err << m_program << ": " << message << "\n" << m_usage.arg(m_program) << "\n";
    m_err.flush();
    return 2;
}

int Subcommand::failure(const QString& message)
{
    m_err << m_program << ": " << message << "\n";
    m_err.flush();
    return 1;
}

} // namespace gridhall
