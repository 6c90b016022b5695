#pragma once
// What `gridhall report` and `gridhall heatmap` share on their command lines: the program
// name they go by, usage errors (exit 2, with the usage line), failures (exit 1), --help
// that names the subcommand, no stray arguments, and required options.

#include <QCommandLineParser>
#include <QString>
#include <QStringList>
#include <QTextStream>
#include <initializer_list>
#include <optional>

namespace gridhall {

class Subcommand {
public:
    // args[0] is the program as the user typed it ("gridhall report"); usage is the
    // translated usage line with %1 for it.
    Subcommand(const QStringList& args, const QString& fallbackProgram, const QString& usage);

    QCommandLineParser& parser() { return m_parser; }
    const QString& program() const { return m_program; }
    QTextStream& out() { return m_out; }

    // Parses the arguments. An exit code when the command ends here (0 after --help, 2 for
    // a bad or missing option), nothing when it goes on.
    std::optional<int> parse(std::initializer_list<const QCommandLineOption*> required);
    int usageError(const QString& message);
    int failure(const QString& message);

private:
    QStringList m_args;
    QString m_program;
    QString m_usage;
    QCommandLineParser m_parser;
    QTextStream m_out { stdout };
    QTextStream m_err { stderr };
};

} // namespace gridhall
