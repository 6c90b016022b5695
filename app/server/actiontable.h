#pragma once
// The table of PROTOCOL.md § Which action, from which state, for whom: generated from the
// case machine's transitions (CaseMachine::transitions) and the server's user roles
// (domainRoleFor), so the document cannot drift from what the server enforces.
// `gridhall-server action-table` prints it; tst_actiontable compares it with the document.

#include <QString>
#include <QStringList>

namespace gridhall {

// The Markdown table, one row per transition, ending with a newline.
QString actionTableMarkdown();

// gridhall-server action-table: prints actionTableMarkdown() to stdout.
int runActionTableCommand(const QStringList& args);

} // namespace gridhall
