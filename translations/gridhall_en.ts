<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>ActionSink</name>
    <message>
        <source>it has already been sent to the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>later actions were queued after it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is no longer in the outbox</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ActionTable</name>
    <message>
        <source>Usage: %1 (prints the Markdown table of PROTOCOL.md § Actions)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ActionTracker</name>
    <message>
        <source>taken by %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undoing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conflict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Audit</name>
    <message>
        <source>entry %1 follows entry %2: entries are missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>entry %1 does not link to the hash of entry %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>entry %1 was altered: its hash does not match its fields</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 entries are keyed (key %2) and there is no key to check them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 entries are keyed with key %2, not with %3 (key %4): they cannot be checked with this key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot add the keyed audit columns: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The audit log was keyed with key %1 until now; from here on it is keyed with %2 (key %3). verify-audit checks each part only with its own key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>checkpoint line %1 of %2 does not carry this key&apos;s signature: the file was edited, or written with another key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>entries %1 to %2 were cut from the end: the checkpoint of %3 (line %4) signed entry %2, the log ends at entry %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>entry %1 has an unknown hash scheme %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>entry %1 is not keyed, yet the log is keyed from entry %2 on: it was rewritten without the key, or written by a tool that had none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>entry %1 is not the entry the checkpoint of %2 (line %3) signed: the log was rewritten</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>entry %1 was altered: its keyed hash does not match its fields</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>there is no checkpoint file %1, yet %2 entries are keyed with this key: entries cut from the end cannot be found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>without the key the checkpoints were not read: entries cut from the end are not detected</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AuditKey</name>
    <message>
        <source>FILE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key of the audit log&apos;s hash chain, kept outside the database (default: the database&apos;s name + .audit-key; made, mode 0600, when missing). Checkpoints go beside it, in FILE.checkpoints.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the audit key %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the audit checkpoints %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the audit checkpoints %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the audit key %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write the audit checkpoints %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write the audit key %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The audit key %1 is not a regular file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The audit key %1 is open to group or others (mode %2); it must be readable by its owner only: chmod 600 %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The audit key %1 must hold 32 bytes, as 64 hex digits or raw</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--audit-key FILE is required with a PostgreSQL database (every server and command on it uses the same key)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Backup</name>
    <message>
        <source>%1: %2 cases, %3 events, %4 users, %5 audit entries (last %6); case checksum %7</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unexpected argument: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writes a consistent copy of a hall into one SQLite file while its servers go on serving: SQLite&apos;s online backup, or a REPEATABLE READ read of a PostgreSQL hall. The checkpoints that sign its audit entries go beside it (FILE.checkpoints); the audit key does not: keep it apart.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The hall: a SQLite file or a postgresql:// URI.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup file to write (refused when it exists).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FILE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>backup needs --db DB and --out FILE (see --help)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 exists: a backup never replaces a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No database %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backup failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backup failed: the copy does not pass SQLite&apos;s quick check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>backup %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup is written, its audit checkpoints are not: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>audit checkpoints: %1 lines up to entry %2 in %3.checkpoints; check it with the hall&apos;s key: gridhall-server check --db %3 --audit-key %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>note: no audit checkpoints copied (%1): cut entries at the end of the backup&apos;s log cannot be told</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Puts a backup back: into a SQLite file (the old one, with --force, is kept as FILE.before-restore-TIME) or an empty PostgreSQL database. Refuses a database a server has open. The backup&apos;s audit checkpoints replace the key&apos;s (the old ones are kept the same way), and the restore is written to the audit log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The hall to restore: a SQLite file, or an empty PostgreSQL database (postgresql://…).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace a SQLite hall that holds data (it is moved aside, not deleted).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>restore needs --from FILE and --db DB (see --help)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A PostgreSQL hall has no file beside which its audit key lives: give --audit-key FILE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--force replaces SQLite files only: restore a PostgreSQL hall into an empty database (createdb)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a GridHall backup (a hall in a SQLite file that passes SQLite&apos;s quick check)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The backup&apos;s audit entries are keyed, and the key is not there: %1. Put the hall&apos;s audit key there (or name it with --audit-key) before restoring.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is in use (a server or another command has it open): stop it first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 holds data: give --force to replace it (it is kept as %1.before-restore-TIME)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore failed, %1 is untouched: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the hall that was there is kept as %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the audit checkpoints written before the restore are kept as %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restored, but the restore&apos;s audit entry is not written: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>restored %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>audit broken after the restore: %1 problems</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>audit intact: %1 entries (the restore is entry %2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Camera</name>
    <message>
        <source>(invalid URL)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CamerasMain</name>
    <message>
        <source>Serves synthetic camera streams over RTSP for the demo and the tests:
rtsp://ADDRESS:PORT/cam/CODE (704×576, 25 fps) and rtsp://ADDRESS:PORT/cam/CODE/sub (352×288, 15 fps),
a moving test picture with the camera&apos;s code and the time, for any CODE.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address and port to listen on (default 127.0.0.1:0, a free port; the port is printed).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--listen must be ADDRESS:PORT, e.g. 127.0.0.1:8554, not &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot listen on %1 (in use, or not an address of this machine).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CaseAction</name>
    <message>
        <source>Report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Handle on the spot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Register</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Void</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dispatch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Feed back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verify: pass</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verify: rework</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Return</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request extension</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approve extension</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reject extension</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Park</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unpark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Escalate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledge alert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attach photo</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CaseActionController</name>
    <message>
        <source>Case %1 is not loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is outside your area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No case selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 %n case(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Escalated to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not a place cases can go</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 %n case(s) → %2</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1 is offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 works outside your area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is handled at the %2 level; escalation goes one level up at a time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 does not belong to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” has already reached the server and cannot be undone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not undo “%1”: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CaseEventsModel</name>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CaseMachine</name>
    <message>
        <source>%1 is not possible for a case that is %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A %1 may not %2 a case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 needs a reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dispatch needs a worker or a department</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An extension request for this case is already waiting for approval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An extension must be between 1 minute and 90 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No extension request is waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A district case cannot be escalated further</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 does not create a case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only a red dispute raises an alert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The alert was already acknowledged</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CaseQueue</name>
    <message>
        <source>All cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To accept and verify</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To register</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To dispatch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In handling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To verify</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Extension requests</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CaseState</name>
    <message>
        <source>Reported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dispatched</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Handling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fed back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Voided</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CheckCommand</name>
    <message>
        <source>cannot open %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>integrity: ok (SQLite integrity_check, foreign_key_check)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>integrity: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>integrity: %1 rows refer to rows that are not there (foreign_key_check)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>schema: version %1 with audit format 2, as this server expects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>schema: version %1 is newer than this server&apos;s %2: run the newer gridhall-server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>schema: version %1%2, this server expects %3 with audit format 2: the first serve (or any command that writes) upgrades it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> with audit format %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>integrity: %1 invalid indexes, %2 constraints not validated (REINDEX, ALTER TABLE … VALIDATE CONSTRAINT)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>integrity: ok (no invalid indexes, every constraint validated)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>schema: version %1, as this server expects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>schema: version %1, this server expects %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checks a hall in one report: the database answers, its integrity, its schema version against this server&apos;s and the audit chain. Exit 0 when all is well, 1 on any problem. It changes nothing (an old schema is reported, not upgraded) and may run while servers serve.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The hall: a SQLite file (a backup, too) or a postgresql:// URI.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>check needs --db DB (see --help)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>check of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no database %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>database: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>database: answers (reads, and could write)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cursor: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>audit: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>audit: … and %1 more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>audit: %1 keyed entries not checked: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>audit: intact, %1 entries (%2 keyed and checked, %3 from before keying), %4 checkpoints compared</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PROBLEM: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>check failed: %n problem(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>check passed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CopyDb</name>
    <message>
        <source>Copies a hall from one database to another, SQLite or PostgreSQL either way, and checks the copy: rows per table, the case checksum, the change log&apos;s cursor and the audit chain. The target must hold no hall yet. Stop the servers on the source first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source: a SQLite file or a postgresql:// URI.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target: a SQLite file (made when missing) or a postgresql:// URI.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>copy-db needs --from DB and --to DB (see --help)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--from and --to name the same database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The target already holds a hall (%1 rows in %2): copy-db fills only an empty database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy failed, nothing was written to the target: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>copied in %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 rows in the source, %3 in the target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>case checksum: %1 (%2 cases) in the source, %3 (%4 cases) in the target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cursor: %1 in the source, %2 in the target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>epoch: %1 in the source, %2 in the target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>audit broken on the target: %1 problems</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>audit intact on the target: %1 entries, %2 keyed and checked with %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>audit chain links on the target: %1 entries; keyed hashes not checked (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The copy does not match its source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>copy verified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>audit: no entries yet on the target</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DemoData</name>
    <message>
        <source>Case %1 broke the state machine: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The demo history needs a valid end date, at least one day and a district</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped while writing the case history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped while writing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write the demo data into %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creates the demo district: 21 streets, about 120 communities, over 2,300 grid cells, one grid worker per cell, joint-enforcement teams, department handlers, a basemap and eight weeks of case history, the same for the same seed and end date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FILE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Random seed (default 1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>N</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last day of the history, YYYY-MM-DD (default: today; the history then stops now).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DATE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Average number of cases a day (default 1800).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also write the areas and basemap into this GeoPackage.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace existing files.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run %1 --help for the options.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unexpected argument: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--db FILE is required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--seed must be a non-negative whole number, not &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--cases-per-day must be a whole number from 0 to 100000, not &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--end must be a date YYYY-MM-DD between 2000 and 2100, not &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 already exists and is not empty; nothing was changed. Use --force to replace it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is a folder; give a file name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generating the demo district (seed %1)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  %1 streets, %2 communities, %3 grid cells, %4 workers, %5 basemap features (%6 ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing %1 days of cases ending %2 (about %3 a day)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  day %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not move %1 to %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrote %1 (%2 ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cases by state: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disputes: %1 yellow, %2 orange, %3 red</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done: %1 cases and %2 events in %3 (cases %4 ms, total %5 ms).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot make a temporary folder: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SQLite file to create, or the postgresql:// URI of an empty database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also place cameras over the district, streaming from URL/CODE and URL/CODE/sub (gridhall-cameras, e.g. rtsp://127.0.0.1:8554/cam).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  %1 cameras streaming from %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DepartmentListModel</name>
    <message>
        <source>Department</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open cases</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DisputeLevel</name>
    <message>
        <source>Not a dispute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yellow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Orange</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Red</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GisExport</name>
    <message>
        <source>unknown GDAL error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write layer %1 of %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This GDAL has no GeoPackage driver</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not replace %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not create %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GDAL does not know EPSG:4490 (CGCS2000): %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not finish %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GisImport</name>
    <message>
        <source>street</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>street code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>community</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>community code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>grid code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>grid name</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 had an invalid geometry (e.g. a self-intersection); repaired into %n part(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Feature %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Feature %1 (grid %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer &quot;%1&quot; of %2 has no features.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File not found: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File not readable: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a vector format GDAL can read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read %1 as a GIS file: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 contains no layers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has no layer &quot;%2&quot;; its layers are: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown coordinate reference system &quot;%1&quot; given to assume.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 declares no coordinate reference system (e.g. a Shapefile without its .prj); pass the one it uses, e.g. --assume-srs EPSG:4547.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The coordinate reference system of %1 (%2) is neither geographic nor projected; it cannot be placed on the map.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No transformation from the coordinate reference system of %1 (%2) to longitude/latitude: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>. The field names look garbled: if the file is in GBK, pass its encoding (--encoding CP936).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer &quot;%1&quot; has no field &quot;%2&quot; (given as the %3 field); its fields are: %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No grid code field found in layer &quot;%1&quot; (looked for 网格编码, GRID_CODE, WGBM …); name it with --grid-field. Its fields are: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No street field found in layer &quot;%1&quot; (looked for 街道名称, STREET_NAME, JD …); name it with --street-field. Its fields are: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No community field found in layer &quot;%1&quot; (looked for 社区名称, COMMUNITY, SQ …); name it with --community-field. Its fields are: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has no grid code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has no street.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has no community.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 lies outside the plausible area after reprojection from %2 (first bad point %3); is the coordinate reference system right?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is truncated or damaged: read %2 of %3 features (%4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has no geometry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is a %2, not a polygon.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be read as polygons.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has an invalid geometry that cannot be repaired (no area left).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(transformation failed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Features %1 and %2 have the same grid code %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The district code &quot;%1&quot; is not 6 digits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the grid code is not a 15-digit CJ/T 213 code like the others in the file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the grid code is outside district %2; import one district at a time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the %2 code %3 does not match the grid code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: area %2 is named %3 here but %4 in feature %5.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The grid codes in %1 are not 15-digit CJ/T 213 codes, so GridHall derives them; pass the 6-digit district code (--district-code) to derive them from.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the street code %2 is neither 9 digits in district %3 nor 3 digits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: street %2 has code %3 here but %4 in feature %5.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>More than 999 streets in district %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the community code %2 is neither 12 digits in street %3 nor 3 digits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: community %2 has code %3 here but %4 elsewhere.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>More than 999 communities in street %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>More than 999 grids in community %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Feature %1 (camera %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>camera code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>camera name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>main stream URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sub-stream URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>view direction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>camera kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No camera code field found in layer &quot;%1&quot; (looked for 摄像头编码, CAMERA_CODE, DEVICE_CODE …); name it with --code-field. Its fields are: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No stream URL field found in layer &quot;%1&quot; (looked for 主码流, MAIN_URL, RTSP, URL …); name it with --main-url-field. Its fields are: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has no camera code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the camera code is longer than 64 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has the same camera code as feature %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has no stream URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not an rtsp, rtsps, http or https URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the sub-stream &quot;%2&quot; is not an rtsp, rtsps, http or https URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the view direction &quot;%2&quot; is not a number of degrees from 0 to 360.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: unknown camera kind &quot;%2&quot; (road, compound, face_matching, or 道路, 小区, 人脸 …).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has no location.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is a %2, not a point.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 could not be reprojected from %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 lies outside the plausible area after reprojection from %2 (%3); is the coordinate reference system right?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 at %2 lies in none of the hall&apos;s grids (import the grids first, or check the coordinate reference system).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GridImport</name>
    <message>
        <source>error: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>warning: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>… and %1 more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading grids: %1 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>District %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imports grid boundaries (Shapefile, GeoPackage, GeoJSON, KML …) into a GridHall database.
The whole file is checked first; if anything is wrong, nothing is written.
Street, community and grid code fields are detected from common names (街道名称, STREET_NAME, JD;
社区名称, COMMUNITY, SQ; 网格编码, GRID_CODE, WGBM; 网格名称, GRID_NAME) unless given.
Grid codes that are not 15-digit CJ/T 213 codes are replaced by derived ones (needs --district-code).
Importing the same file again updates the grids by code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The GridHall database to write.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FILE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The layer to read (default: the first).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NAME</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The field with the street name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The field with the street code (9 or 3 digits).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The field with the community name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The field with the community code (12 or 3 digits).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The field with the grid code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The field with the grid name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The coordinate reference system of a file that declares none, e.g. EPSG:4547.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>EPSG:N</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The attribute encoding of a Shapefile without a .cpg file, e.g. CP936.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The 6-digit district code (needed when the grid codes are derived).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CODE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The district&apos;s name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the file and report; write nothing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The GIS file (or Shapefile folder) to import.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run %1 --help for the options.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage: %1 [options] SOURCE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give exactly one SOURCE file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--db FILE is required (or --dry-run to only check the file).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 problem(s) in %2; nothing was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 streets, %2 communities, %3 grids (%4 repaired) in district %5, from layer &quot;%6&quot; in %7</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>note: the grid codes in the file are not CJ/T 213 codes; derived codes were assigned and the file&apos;s codes kept as grid names where no name field was found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dry run, nothing written: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>error: writing to %1 failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported %1 into %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imports the hall&apos;s cameras (a point layer: Shapefile, GeoPackage, GeoJSON, KML …) into a GridHall database.
The whole file is checked first; if anything is wrong, nothing is written.
Each camera takes the grid and street its point lies in: import the grids first.
Fields are detected from common names (摄像头编码, CAMERA_CODE, DEVICE_CODE; 摄像头名称, NAME;
主码流, MAIN_URL, RTSP, URL; 子码流, SUB_URL; 朝向, DIRECTION, AZIMUTH; 类型, KIND, TYPE) unless given.
Importing the same file again updates the cameras by code. Passwords in stream URLs are never printed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The field with the camera code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The field with the camera name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The field with the main stream URL (rtsp, http or https).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The field with the sub-stream URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The field with the view direction (degrees clockwise from north).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The field with the kind (road, compound, face_matching).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the file and report; write nothing (with --db the cameras are placed in its grids too).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>error: no database %1; import the grids first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>error: %1 has no grids to place the cameras in; import the grids first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cameras from layer &quot;%2&quot; in %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>note: %1 camera(s) have a user name or password in their stream URLs; they are kept on the server and sent only to roles that may watch video (docs/CAMERAS.md).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HandlingLevel</name>
    <message>
        <source>Community</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Street</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>District</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HealthCheck</name>
    <message>
        <source>%1: %2 (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 (connect)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 (read, or a standby that takes no writes)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Heatmap</name>
    <message>
        <source>unknown GDAL error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>coordinate is not a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>longitude %1 is outside -180..180</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>latitude %1 is outside Web Mercator&apos;s -85.05..85.05</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot set up the transformation to Web Mercator: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot project the points to Web Mercator: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: line %2: no column named &quot;%3&quot; in the header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: --weight-field needs a header line naming the columns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: line %2: expected lon,lat[,weight] but found %3 field(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: line %2: &quot;%3&quot; is not a lon,lat pair of numbers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: line %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: line %2: weight &quot;%3&quot; is not a number &gt;= 0</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: line %2: the weight column is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: no points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a GIS file GDAL can read: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has no vector layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: layer &quot;%2&quot; holds %3 geometries, not points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: layer &quot;%2&quot; declares no coordinate reference system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: layer &quot;%2&quot; is neither in a projected nor in a geographic CRS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: cannot transform its CRS to lon/lat: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: layer &quot;%2&quot; has no field &quot;%3&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: layer &quot;%2&quot;, feature %3: %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the weight field &quot;%1&quot; is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>weight %1 is not a number &gt;= 0</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a %1 is not a point</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: reading failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: layer &quot;%2&quot; has no points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: cannot transform the points to lon/lat: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: layer &quot;%2&quot;, point %3: %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: no such file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GDAL has no GeoTIFF driver</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot move %1 into place: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HeatmapCommand</name>
    <message>
        <source>Kernel density (quartic) of points into a Float32 GeoTIFF.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Points: a CSV of lon,lat[,weight], or any GIS point layer (first layer).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FILE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kernel radius in metres.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>M</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pixel size in metres.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output GeoTIFF.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field (or CSV header column) holding each point&apos;s weight.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Raster extent in the output CRS; default: the points&apos; extent padded by the radius.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>xmin,ymin,xmax,ymax</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scaled densities (QGIS &quot;scaled&quot; output) instead of raw kernel sums.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sub-pixel positions per pixel axis, 1 to 4 (default 1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>N</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage: %1 --points FILE --radius M --pixel M --out FILE.tif [--weight-field F] [--extent xmin,ymin,xmax,ymax] [--scaled] [--subpixel N]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--radius must be a number of metres &gt; 0, not &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--pixel must be a number of metres &gt; 0, not &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the radius is %1 pixels wide; at most %2 are allowed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--subpixel must be 1, 2, 3 or 4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--extent must be xmin,ymin,xmax,ymax with xmin &lt; xmax and ymin &lt; ymax</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the raster would be %1 x %2 pixels; at most %3 x %3 are allowed (use a larger --pixel or a smaller --extent)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrote %1: %2 x %3 pixels of %4 m, %5 points, radius %6 m, maximum density %7</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lon/lat input: the raster is in Web Mercator (EPSG:3857).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skipped %1 feature(s) without a geometry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Times: reading %1 ms, density %2 ms, writing %3 ms</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Kpi</name>
    <message>
        <source>Reported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dispatched</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dispatched on time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Handled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Handled on time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed on time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reworked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Extended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due for closing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due for handling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due for dispatch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed at community or street level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closure rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On-time closure rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Handling rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On-time handling rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rework rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Extension rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On-time dispatch rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accurate dispatch rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grassroots handling rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registered cases score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Composite score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KPI weights are not a JSON object: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KPI weights: &quot;%1&quot; is not a rate or &quot;registered_score&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KPI weights: &quot;%1&quot; must be a number between 0 and 1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KPI weights must add up to 1, not %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>—</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1%2 pp</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KpiCharts</name>
    <message>
        <source>W%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reported and closed cases per week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closure rate against the target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reported cases by category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Best and worst %1 by composite score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ranking by composite score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grade %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1. %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disputes reported by grade</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overdue now: %1 open cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overdue now</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KpiOverview</name>
    <message>
        <source>Cannot read the KPI data from %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The report period is not a valid week.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading areas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All areas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Street</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No street with the code %1 in %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Community</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counting indicators</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ranking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counting categories and disputes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listing overdue and parked cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KpiQuery</name>
    <message>
        <source>A KPI period needs a start and an end</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A KPI period boundary is not a valid time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KPI periods must follow each other: %1 is not after the previous boundary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store is not open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the cases for the KPIs: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A KPI period must start before it ends</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LiveSync</name>
    <message>
        <source>Not connected to a server yet.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>GridHall command-hall workstation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local store (SQLite file) to open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run on the demo district (created on first use).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User interface language: zh_CN or en.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the window to FILE once data has settled, then quit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Window size in pixels, e.g. 1920x1080.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Colour theme: light or dark.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unexpected argument: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--theme must be light or dark, not %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--size must look like 1920x1080 (between 320x240 and 16384x16384)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown language %1; available: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Simulated field workers in the demo (default 300).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wall mode: one full-screen window per screen, for the command hall&apos;s video wall.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wall layout (JSON): which screen shows which views, and for how long.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wall drill: raise an alert for the newest open red dispute once data is shown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--layout and --wall-drill need --wall</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--demo-workers must be a number from 0 to 20000</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replay the recorded tracks of these workers (codes, comma-separated) over the last 8 hours.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--replay needs worker codes, e.g. --replay GW0001,GW0002</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--replay is for the workstation, not --wall</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--size and --theme are for the workstation; the wall fills its screens in its dark theme (a layout file sets the viewing distance)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User name on the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the password from the first line of FILE (walls and scripts; the workstation asks otherwise).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PEM certificates to trust for a wss:// server (the hall&apos;s own CA).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--user, --password-file and --ca go with --server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--demo runs its own server; leave out --server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--server here needs --user and --password-file: %1 shows no login dialog</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give --server URL (the hall&apos;s server), --db FILE (a local store) or --demo (the demo district).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Raster tiles under the map, from a tile source file (JSON: an XYZ URL, an MBTiles file or a GeoTIFF, with its datum).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--tiles is for the workstation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The hall&apos;s GridHall server, e.g. wss://gridhall.example.gov.cn:8443, or several instances of it separated by commas, tried in turn (remembered for next time).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PgStorage</name>
    <message>
        <source>Cannot connect to PostgreSQL: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot prepare the PostgreSQL database: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the database has schema version %1; this server knows up to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot listen for other servers&apos; changes: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lost the connection that listens for other servers&apos; changes: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot share live positions with other servers: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Protocol</name>
    <message>
        <source>Field &quot;%1&quot;: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message of %1 bytes exceeds the limit of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message nested deeper than %1 levels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not valid JSON at offset %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A message must be a JSON object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsupported protocol version (this side speaks %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown message type &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be a string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>longer than %1 characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be an integer from %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be a finite number from %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A case row needs %1 values, got %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be an integer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>out of range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A case needs a positive id and version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An event names an unknown role, action or state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a geometry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not an area code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field &quot;%1&quot;: bad value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown basemap kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be a base64 string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field &quot;%1&quot;: more than %2 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field &quot;%1&quot;: not base64</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be image/jpeg or image/png</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be an array</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at most %1 photos, got %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be an object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must not be empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be -1 or from 0 to below 360</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be an rtsp, rtsps, http or https URL</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>GridHall</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused the login: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReportCommand</name>
    <message>
        <source>The weekly KPI report for leaders as PDF (and XLSX).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store (SQLite file) to read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FILE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WEEK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only this street (9-digit code); default: the whole district.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CODE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF file to write.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also write the tables to this spreadsheet (XLSX).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report language: zh_CN or en (default: the system&apos;s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LANG</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Judge &quot;overdue now&quot; at this time (ISO 8601) instead of now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TIME</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown language %1; available: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--week must be an ISO week like 2026-W47, not &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--street must be a 9-digit street code, not &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--as-of must be a time like 2026-11-23T08:00, not &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--out and --xlsx must be different files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no such store: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrote %1: %2 pages, %3, %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrote %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Times: reading %1 ms, writing %2 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage: %1 --db FILE --week 2026-W47|last [--street CODE] --out report.pdf|--out-dir DIR [--xlsx FILE] [--lang zh_CN|en] [--as-of TIME] [--mail-to ADDRESS,…]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ISO week to report on, e.g. 2026-W47, or &quot;last&quot; for the week before the current one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the PDF into this folder as gridhall-report-WEEK[-STREET].pdf (for scheduled runs).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DIR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also mail the report to these addresses through the local sendmail.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ADDRESS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>give either --out or --out-dir</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot make the folder %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--mail-to needs mail addresses, not &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot mail the report: no sendmail on PATH or in /usr/sbin (the report is in %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weekly KPI report %1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 did not accept the report for %2: %3 (the report is in %4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mailed to %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Role</name>
    <message>
        <source>Field worker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Department handler</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Street supervisor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shift leader</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leader</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ServeCommands</name>
    <message>
        <source>Run %1 --help for the options.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unexpected argument: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Serves the sync protocol (docs/PROTOCOL.md) over WebSocket.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FILE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address and port (default 127.0.0.1:8765; port 0 picks a free one).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ADDR:PORT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PEM certificate: serve wss://.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PEM private key for --tls-cert.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session token lifetime in seconds (default 43200).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SECS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--listen must be ADDRESS:PORT, e.g. 127.0.0.1:8765, not &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--tls-cert and --tls-key go together</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--token-lifetime must be a positive number of seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No database %1 (create one with gridhall-server demo-data)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot listen on %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NAME</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ROLE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Street code the user is scoped to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CODE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Worker code a field worker acts as (default: the user name).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>N</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make every worker a field_worker user named by its worker code, all with this password (simulator, demo).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--role must be one of district_operator, street_operator, supervisor, shift_leader, leader, field_worker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--all-workers makes field_worker users and takes no --user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--user NAME is required (at most 64 characters)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--street must be a 9-digit street code, not &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A %1 needs --street</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--iterations must be from 1000 to 10000000</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No password on standard input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 field worker users saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No worker %1 in %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User %1 saved as %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>audit intact: %1 entries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep workers&apos; tracks for replay this many days (default 30).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DAYS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--track-days must be a number of days from 1 to 3650</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--max-connections must be a positive number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checks the whole audit log: its hash chain, the keyed hashes (with the audit key) and the signed checkpoints; lists every broken entry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No database %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>audit broken: problems found: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>audit log: %1 entries, %2 keyed and checked, %3 unkeyed (SHA-256, from before keying), %4 not checked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>audit not verified: %1 keyed entries could not be checked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot check the keys: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>checkpoints: %1 compared, the newest signs entry %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>checkpoints: none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>note: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>… and %1 more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password is too short: it needs at least 10 characters (it has %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password is too long: a login carries at most 256 characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password is too simple: it needs at least three of lower-case letters, upper-case letters, digits and other characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password must not contain the user name (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Serve ws:// without TLS on an address other than loopback (a trusted network only: passwords and tokens cross it in clear).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close connections that have not logged in after this many seconds (default %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close sessions that send nothing for this many seconds (default %1; clients ping every 5).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connections from one address not logged in yet, at most (default %1; 0: no limit).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Snapshots streamed at once; more wait their turn (default %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close a connection whose snapshot it has not read for this many seconds (default %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refusing to serve on %1 without TLS: passwords and session tokens would cross the network in clear. Give --tls-cert and --tls-key, or --insecure on a trusted network.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warning: serving ws:// without TLS on %1 (--insecure): passwords and session tokens cross the network in clear.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--%1 must be a number from %2 to %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adds, replaces or changes a user. A new password is read from the first line of standard input; it needs at least 10 characters, three of lower case, upper case, digits and other characters, and must not contain the user name. Every change but --enable ends the user&apos;s sessions (revokes its tokens) and is written to the audit log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adds the user, or replaces it (password, role, scope): district_operator, street_operator, supervisor, shift_leader, leader or field_worker.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PBKDF2-SHA256 iterations of a new password (default 600000, at least 1000).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give an existing user a new password (from standard input); role and scope stay.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The user can no longer log in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A disabled user can log in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--disable and --enable contradict each other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--all-workers takes no --reset-password, --disable or --enable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--reset-password keeps the user&apos;s role and scope: give no --role (add-user --role replaces the user)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--role ROLE adds or replaces a user; --reset-password, --disable or --enable change an existing one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--street and --worker go with --role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The change is saved but its audit entry is not: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No user %1 in %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password could not be hashed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New password of %1 saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User %1 is disabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User %1 is enabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sessions of %1 ended (its tokens are revoked)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--db FILE (or postgresql://…) is required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database to serve: a SQLite file, or a PostgreSQL URI (postgresql://…).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Serve GET /healthz and Prometheus GET /metrics over plain HTTP on this address (docs/OPERATIONS.md).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read settings from this file first (lines &quot;key = value&quot;, keys as these options without dashes); the command line wins. Without --config and --db: %1 when it exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--metrics must be ADDRESS:PORT, e.g. 127.0.0.1:9765, not &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot serve metrics on %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sessions at most; further connections are turned away at once as full (default: what the descriptor limit allows, less a reserve for files and the database&apos;s connections).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sessions kept for the desks (every role but field workers): handhelds past the rest are sent to another instance (default %1, at most half the sessions).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connections not logged in yet, at most, from all addresses (default: the sessions less those kept for desks); past it a newcomer takes the place of the oldest that has sent no login for a second, or is turned away as full.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ServerConfig</name>
    <message>
        <source>Cannot read the configuration file %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected &quot;key = value&quot;, not &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a key (keys are serve&apos;s options without the dashes, such as listen or db)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has no value (leave the line out, or comment it out, for the default)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is set twice (first at %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown key %1 (the keys are: %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is true or false, not &quot;%2&quot;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ServerLogin</name>
    <message>
        <source>--password-file: cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--password-file: the first line of %1 is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--ca: no such file %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--ca: %1 holds no PEM certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--ca is for a wss:// server; %1 is not encrypted</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ServerMain</name>
    <message>
        <source>Usage: gridhall-server COMMAND [options]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Commands:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run gridhall-server COMMAND --help for its options.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown command: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>copy a hall between SQLite and PostgreSQL and check the copy (--from DB --to DB)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>print which action is allowed from which state for which role (Markdown, as in PROTOCOL.md)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>create the demo district (--db FILE|postgresql://… [--seed N] [--end DATE] [--gpkg FILE] [--force])</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>import grid boundaries from a GIS file (--db FILE|postgresql://… SOURCE)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>add or change a user, password from stdin (--db DB --user U --role R [--street CODE] | --reset-password | --disable | --enable)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>check the audit log&apos;s keyed hash chain and checkpoints (--db DB [--audit-key F])</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>import the hall&apos;s cameras from a GIS point layer (--db FILE|postgresql://… SOURCE)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>serve the sync protocol (--db FILE|postgresql://… [--listen ADDR:PORT] [--tls-cert F --tls-key F] [--audit-key F] [--metrics ADDR:PORT] [--config FILE]); stops cleanly on SIGTERM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>write a consistent backup while servers serve (--db DB --out FILE [--audit-key F])</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>put a backup back; refuses a database in use (--from FILE --db DB [--force] [--audit-key F])</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>check integrity, schema version and audit chain in one report (--db DB [--audit-key F])</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ServerStorage</name>
    <message>
        <source>%1 could be read by other users (mode %2): now 0600</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 can be read by other users (mode %2) and cannot be made 0600: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session tokens of the old format (stored in clear) were deleted: clients log in with their passwords once more.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SimMain</name>
    <message>
        <source>Warning: %1 handhelds need about %2 descriptors, but this process may open only %3 (the hard limit, ulimit -Hn); about %4 handhelds cannot connect and keep retrying. Raise the hard limit (ulimit -Hn, LimitNOFILE=) or simulate fewer workers.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SlaPolicy</name>
    <message>
        <source>%1: unknown step &quot;%2&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: minutes for &quot;%2&quot; must be between 1 and %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SLA policy is not a JSON object: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;warningRatio&quot; must be a number between 0 and 1 (exclusive)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;defaults&quot; must give minutes for every step; &quot;%1&quot; is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rule #%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: unknown level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: unknown dispute level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: needs a &quot;steps&quot; object</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SlaStep</name>
    <message>
        <source>Register</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dispatch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reach the scene</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Handle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verify</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Store</name>
    <message>
        <source>Cannot open the local data file %1: it is not a GridHall data file (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the local data file %1 for writing (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The local data file %1 is damaged (%2). GridHall will resync from the server instead of showing wrong data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot prepare the local data file %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no file name given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The local data file %1 was written by a newer GridHall (schema version %2; this version reads up to %3). Update GridHall, or remove the file to resync from the server.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Subcommand</name>
    <message>
        <source>Usage: %1 [options]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unexpected argument: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--%1 is required</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncClient</name>
    <message>
        <source>Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Syncing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No answer from the server for %1 s; reconnecting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bad message from the server: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot prepare the snapshot: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unexpected message &quot;%1&quot; from the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bad change from the server: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot apply changes: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server sends cases in columns this version does not know</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Snapshot data without a snapshot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Snapshot of an unknown table &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bad snapshot row in %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Snapshot end without a snapshot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Snapshot incomplete: %1 %2 of %3 rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Snapshot checksum does not match; asking again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot swap in the snapshot: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Photo %1 could not be loaded: the connection to the server was closed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection to the server was lost before photo %1 arrived. Try again once the server is reachable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The action is too large to send (%1 KiB; one message may hold %2 KiB). Send fewer or smaller photos.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline: photo %1 is not on this computer yet, and the server cannot be reached now. It opens once the connection is back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server has no photo %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server could not send photo %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server sent photo %1 in a form this version cannot read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server sent photo %1 damaged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server did not send photo %1 within %2 s. Try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s TLS certificate was refused: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection to the server was closed before the track arrived.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection to the server was lost before the track arrived.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline: the server&apos;s track cannot be fetched now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server did not send the track within %1 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server could not send the track: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server sent the track in a form this version cannot read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The track could not be stored: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No server address given</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncServer</name>
    <message>
        <source>Binary frames are not part of the protocol</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already logged in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log in first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field &quot;on&quot;: must be true or false</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A client may not send &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field &quot;clientId&quot;: 1-64 letters, digits, &apos;-&apos;, &apos;_&apos; or &apos;.&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The session token has expired; log in with the password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown user or wrong password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The user&apos;s worker %1 does not exist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field &quot;key&quot;: must not be empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sequence number %1 was already used with another key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sequence number %1 skips %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field &quot;action&quot;: unknown action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A leader may read but not change cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field &quot;categoryCode&quot;: unknown category %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field &quot;disputeLevel&quot;: unknown value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field &quot;source&quot;: unknown value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No grid %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No case %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Case changed by %1 (%2) at %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Case changed since version %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown or out-of-scope dispatch target %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server could not store the action; nothing was applied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only field workers send positions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field &quot;items&quot;: 1 to %1 positions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A position must be an object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Photo %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the data is not an image of type %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the image size cannot be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 × %2 pixels is more than %3 megapixels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the image cannot be decoded (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no thumbnail could be made</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No photo %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field &quot;workers&quot;: 1 to %1 worker codes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fields &quot;from&quot;, &quot;to&quot;: a period of up to %1 days, ending after it starts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A handheld does not replay tracks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No field worker %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server could not read the track; try again later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many messages; slow down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your account was changed or its sessions revoked; log in again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many messages while the last one is handled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field workers send positions but do not receive them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A login needs &quot;token&quot;, or &quot;user&quot; and &quot;password&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many failed logins; try again later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server is checking many logins; try again in a moment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Case %1 is not held by you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You fed case %1 back yourself; someone else verifies and closes it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field &quot;at&quot;: a position must be from the last 24 hours, not ahead of the server&apos;s clock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field &quot;photos&quot;: only a feedback or attach_photo carries photos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field &quot;photos&quot;: attach_photo needs 1 to 3 photos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This instance keeps its remaining sessions for the desks; log in at another instance of the hall</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server could not store the login; try again</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Taxonomy</name>
    <message>
        <source>Taxonomy is not valid JSON at offset %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Taxonomy needs a non-empty &quot;classes&quot; array</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Class #%1 needs &quot;code&quot;, &quot;zh&quot; and &quot;en&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Class code %1 appears twice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Class %1 has no items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Item #%1 of class %2 needs &quot;code&quot;, &quot;zh&quot;, &quot;en&quot; and &quot;department&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Item code %1 appears twice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Item %1: unknown level &quot;%2&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Item %1: unknown dispute level &quot;%2&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Item %1: &quot;limitMinutes&quot; must be between 1 and 525600</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Tls</name>
    <message>
        <source>Cannot read the TLS %1 file %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No PEM certificate in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No unencrypted PEM RSA or EC private key in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The private key in %1 does not match the certificate in %2 (the server&apos;s own certificate must come first)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WallLayout</name>
    <message>
        <source>line %1, column %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nothing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: expected an object like {&quot;view&quot;: &quot;map&quot;}, found %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: &quot;view&quot; must name a view, e.g. &quot;map&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: unknown view &quot;%2&quot;; known views: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: &quot;dwell&quot; must be whole seconds from %2 to %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: expected an object with &quot;screen&quot; and &quot;views&quot;, found %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: unknown key &quot;%2&quot; (a screen has &quot;screen&quot; and &quot;views&quot;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: &quot;screen&quot; number must be from 1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: &quot;screen&quot; must be a number (1 is the first screen), a screen name or &quot;*&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: &quot;views&quot; must be a list of at least one view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not valid JSON at %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected an object with a &quot;screens&quot; list at the top</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown key &quot;%1&quot; at the top (known: version, viewingDistance, screens)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unsupported layout version %1 (this GridHall reads version 1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;viewingDistance&quot; must be in metres, from 0.5 to 50</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;screens&quot; must be a list of at least one screen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: screen %2 is already given a playlist above</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read wall layout %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>wall layout %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write wall layout %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WallMode</name>
    <message>
        <source>DRILL — new red dispute: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New red dispute: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close-up: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>District map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>District map · %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>District overview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key indicators this week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Case queues</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown option &quot;%1&quot;; this view takes none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown option &quot;%1&quot;; known: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; must be a non-empty string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;colour&quot; must be disputes, open or overdue, not %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WallVideo</name>
    <message>
        <source>&quot;tiles&quot; must be columns × rows from 1x1 to %1x%1, e.g. &quot;3x3&quot;, not %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;area&quot; must name a street, by its code or its name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;cycle&quot; must be whole seconds from %1 to %2 (how long each tile shows a camera)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown option &quot;%1&quot; for a video view (known: tiles, area, cycle)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This wall&apos;s account receives no stream addresses (they go to desk roles and leaders).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No cameras in %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No cameras in this district.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cameras nearest the alert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cameras · whole district</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cameras · %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WeeklyReport</name>
    <message>
        <source>%1 d %2 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Headline indicators</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Indicators</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ranking with grades</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ranking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rank</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grade</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 among the %2 streets of %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>District comparison</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Best: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Best street</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rank this week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rank last week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Appendix: how each indicator is counted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Definitions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Definition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cases reported (or reported and handled at once by a grid worker, 自处理) in the week.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cases registered (立案) or self-handled in the week.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cases closed in the week, whenever they were registered. A count of the week&apos;s work; no rate divides it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cases with a step that ended after its time limit in the week, or still open and past its limit at the week&apos;s end.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cases registered in the week that are due at its end: closed, or past a time limit. Cases still within their limit, parked or voided are not due yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Of the cases due for closing, those closed by the week&apos;s end, divided by the cases due for closing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Of the cases due for closing, those closed with no step past its time limit, divided by the cases due for closing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Of the cases dispatched in the week (and self-handled), those fed back by its end, divided by those due for handling: all of them except those still being handled within their limit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As the handling rate, counting only a first feedback after the dispatch within the handling time limit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Of the cases due for closing, those that failed verification (返工) at least once since registration, divided by the cases due for closing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Of the cases registered in the week, those with an approved extension, divided by the cases registered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Of the cases due for dispatch (registered in the week, not self-handled, except those still waiting within their limit), those whose first dispatch was within its time limit, divided by the cases due for dispatch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Of the cases due for dispatch, those dispatched and never reworked since, divided by the cases due for dispatch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Of the due cases that were closed, those closed at community or street level.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The weighted mean of the rates named on the cover (less-is-better rates as 1 − rate) and the registered cases score (100 × registered ÷ the most registered by a unit of the same ranking); a rate without cases drops out. Grades: A ≥ 90, B ≥ 75, C ≥ 60, D ≥ 40, E below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Same cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every rate counts the same cases above and below the line, following the evaluation practice of digital urban management (数字化城市管理), so no rate can exceed 100 %. A case closed after the week it fell due in counts in that later week&apos;s closed cases, not in a second rate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top categories (reported cases)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Categories</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disputes by grade</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disputes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reported this week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed this week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overdue now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parked cases (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overdue open cases at %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parked since</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overdue by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 shown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No parked cases.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No open case is past its deadline.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weekly trend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disputes: yellow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disputes: orange</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disputes: red</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2 – %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reported cases rose by %1 (%2) to %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reported cases fell by %1 (%2) to %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reported cases stayed at %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed cases rose by %1 (%2) to %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed cases fell by %1 (%2) to %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed cases stayed at %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overdue cases rose by %1 (%2) to %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overdue cases fell by %1 (%2) to %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overdue cases stayed at %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The closure rate moved %1 to %2, meeting the %3 target.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The closure rate moved %1 to %2, below the %3 target.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 moved most in the ranking: composite score %2 → %3 (grade %4, rank %5).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The category that grew most: %1, %2 → %3 reported cases.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Red disputes: %1 reported this week (%2 last week); %3 open now, %4 of them overdue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 open cases are past their deadline now, the most in %2 (%3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GridHall weekly KPI report · %1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Page %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(1 − %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grid governance command hall</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weekly KPI report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scope: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Street code: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rank among the %1 streets of %2: %3 (last week: %4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Period: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compared with: the week before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open cases and lists as of: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Composite score weights: %1; grades A ≥ 90, B ≥ 75, C ≥ 60, D ≥ 40, E below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 vs last week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What changed most</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weekly KPI report %1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write the PDF %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cover and summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Categories and disputes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overdue and parked cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write the spreadsheet %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write the spreadsheet %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WeeklyReportDialog</name>
    <message>
        <source>Weekly report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any day of the week:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whole district</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scope:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the weekly report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also write the tables as a spreadsheet (XLSX)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Making the weekly report…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WorkerKind</name>
    <message>
        <source>Grid worker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Joint-enforcement member</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Department handler</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WorkerListModel</name>
    <message>
        <source>Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Patrolling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On a case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 m</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 km</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Worker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Distance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Area</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gridhall::AlertBanner</name>
    <message>
        <source>New red dispute: %1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n new red disputes — latest: %1 · %2</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledge all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n case(s) overdue</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Counting overdue cases…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gridhall::AreaSearch</name>
    <message>
        <source>Find a street, community or grid by name or code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Area search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>street</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>community</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>grid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2, %3)</source>
        <extracomment>Completion row: area name, area code, level (street, community or grid).</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gridhall::AreaTreeModel</name>
    <message>
        <source>Area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grid cells</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Workers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open cases</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gridhall::AreaTreeWidget</name>
    <message>
        <source>Find a street, community or grid by name or code</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gridhall::CameraView</name>
    <message>
        <source>the stream ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the stream cannot be played</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no picture for %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the stream failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1: no live picture (%2). Trying again in %n s…</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (%2) — live</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: no stream for your role (stream addresses go to desk roles and leaders).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gridhall::CameraWindow</name>
    <message>
        <source>Save still to case %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saves the picture on screen into case %1 as a photo (Ctrl+S). Offline it waits in the outbox.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gridhall::CaseDesk</name>
    <message>
        <source>Case queues</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Workers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Departments and levels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Case detail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No server is connected: this desk works from its local data file only, and photo %1 was not opened here before. Full-size photos load when GridHall runs with a server (for example --demo).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sound for new red disputes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The still was not saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the picture could not be encoded as JPEG</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Still for case %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gridhall::CaseDetailPanel</name>
    <message>
        <source>Field worker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hotline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resident app</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No other case in this grid in the last 30 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Case %1 is not in the local store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No case selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>show on map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reporter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Holder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step deadline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rework / extensions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Extension</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 requested, waiting for approval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>late</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>on time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No operator notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time limits per step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Used / allowed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operator notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Related cases (same grid, last 30 days)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Case detail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Photo %1 of %2, taken %3 · %4 × %5 px · %6. Click or press Enter to open it full size.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at an unknown time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Photo %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Photos (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No photos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attached by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Still from camera %1, saved by %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cameras within %1 m (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No camera within %1 m of this case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2 m</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2), %3 m from the case. Click or press Enter to watch it live.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gridhall::CaseQueueModel</name>
    <message>
        <source>%1 d %2 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1:%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 overdue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Place</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Holder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gridhall::CaseQueuePanel</name>
    <message>
        <source>Save filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name of this filter:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved filters…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dispatch to…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No case selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your role can take no action on these cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select one or more cases first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason (recorded with the case):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Extra hours:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All areas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All categories</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Red</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Red and orange</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All disputes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not a dispute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Holder code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search code, description, address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the current filter under a name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the chosen saved filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Case queues</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reported %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>closed %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From the KPI dashboard: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>all cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the whole queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave the chart&apos;s selection (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gridhall::CaseQueueView</name>
    <message numerus="yes">
        <source>%n case(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>gridhall::DemoLauncher</name>
    <message>
        <source>Cannot create the folder for the demo data: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creating the demo district…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The demo needs %1 next to gridhall (%2); build it first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting the demo district…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adding the demo users…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adding the field workers&apos; handhelds…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preparing the demo failed at &quot;%1&quot;:
%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting the server…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The demo server stopped (exit %1):
%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting the field simulator…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The demo&apos;s camera streams are not running (no %1).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gridhall::DepartmentsPanel</name>
    <message>
        <source>Dispatch to a department</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Escalate to a higher level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Departments</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gridhall::DispatchTargetDialog</name>
    <message numerus="yes">
        <source>Dispatch %n case(s) to…</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Type a worker or department</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Department</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Worker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Worker (offline)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gridhall::DropTarget</name>
    <message>
        <source>Dispatch to %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dispatch to grid %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dispatch to grid %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gridhall::GridInfo</name>
    <message>
        <source>Grid information</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Point at a grid cell</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown grid %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <extracomment>Grid name and code.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Worker: none assigned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Worker: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open cases: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overdue: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Highest dispute: none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Highest dispute: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gridhall::KpiDashboard</name>
    <message>
        <source>KPI dashboard: no data yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — week %2 (%3 to %4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 vs last week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KPI dashboard</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gridhall::LayerSwitcher</name>
    <message>
        <source>Labels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field workers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dispute heatmap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Streets, communities and grids</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Basemap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Map layers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tick a layer to show it; Space toggles the selected layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Opacity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opacity of the selected layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 % opaque</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Raster tiles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cameras</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gridhall::LiveSync</name>
    <message>
        <source>Photo %1 cannot be loaded yet: the connection to the server is still being set up.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gridhall::LoginDialog</name>
    <message>
        <source>Log in to the GridHall server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server address needs a host, e.g. wss://gridhall.example.gov.cn:8443</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server address must start with wss:// (or ws:// on a trusted network), not %1://</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the server address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter your user name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server list has an empty entry; separate addresses with single commas</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gridhall::MainWindow</name>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GridHall</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GridHall — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reload from the local store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dark (wall)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Light (desk)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Areas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data as of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local replica: %1 · not connected to a server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>offline since %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>last change %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n action(s) waiting to be sent</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Weekly report…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>District overview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the &amp;whole district</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Colour grid cells by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Highest open dispute level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overdue cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing (outlines only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;KPI dashboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2) selected: Follow keeps them in view; Ctrl+Shift+R replays their track</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export dispute heatmap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no heatmap yet: the district has not loaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GeoTIFF (*.tif *.tiff)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing the heatmap to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Heatmap written to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export dispute &amp;heatmap (GeoTIFF)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Raster tiles &quot;%1&quot;: %2. The map goes on with its own basemap.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server: %1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the case queues (every case in the local data)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>moved here from %1 at %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gridhall::MapCanvas</name>
    <message>
        <source>N</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>W</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1° %2, %3° %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 km</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 m</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gridhall::MapCaseDrop</name>
    <message>
        <source>No worker here to dispatch to</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gridhall::MapLegend</name>
    <message>
        <source>1–2 open cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>3–5 open cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>6–10 open cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>11–20 open cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>21 or more open cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Red dispute open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Orange dispute open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yellow dispute open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1–2 overdue cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>3–5 overdue cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>6 or more overdue cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Red dispute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Orange dispute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yellow dispute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registered or dispatched</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Being handled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fed back or verified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overdue (red ring)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Patrolling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On a case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Position out of date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grid cells</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Workers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Map legend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Legend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Case clusters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Count; colour of the worst dispute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Red ring: some overdue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Road camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compound gate camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Face-matching camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Several cameras: their count</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cameras</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Several workers: count (grey: all offline)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gridhall::MapPanel</name>
    <message>
        <source>Map tools</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Layers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show or hide map layers and set their opacity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Follow worker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the selected worker in the centre of the map</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gridhall::OverviewPanel</name>
    <message>
        <source>No district loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Streets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Communities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grid cells</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field workers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Departments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cases on record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open cases</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gridhall::PhotoViewer</name>
    <message>
        <source>The photo arrived but cannot be shown: it is not an image this computer can read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the full-size photo… The thumbnail is shown meanwhile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Photo %1 of %2 · %3 · taken %4 · %5 × %6 px · %7</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Photos of case %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No picture to show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>◀ Previous</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous photo (Left arrow)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next photo (Right arrow)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No answer came for this photo. Step to another photo and back, or open it again, to retry.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gridhall::PlaybackPanel</name>
    <message>
        <source>Distance: %1 km</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Distance: %1 m</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Grids covered: %n</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Speed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Playback speed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1×</source>
        <extracomment>Playback speed multiplier, e.g. 8×.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Playback time</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Drag to jump in time; marks show stops of %n minutes or longer</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No track in this period</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gridhall::RasterBasemapLayer</name>
    <message>
        <source>GDAL cannot open %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has no raster bands</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has no coordinate system</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be warped to Web Mercator: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 holds no tiles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ok</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>loading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unreachable: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>file unreadable: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gridhall::ReplayDesk</name>
    <message>
        <source>Name one or more field workers (name or code).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the recorded tracks…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Replaying %n worker(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>No field worker is called %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Workers to replay: names or codes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 8 hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to live</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End the replay and show the workers&apos; live positions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Track replay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fetching the tracks from the server…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No recorded track in this period for: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s tracks could not be fetched (%1); this shows what this workstation recorded itself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The period holds more than the server sends at once; choose fewer workers or a shorter period to see all of it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gridhall::StoreService</name>
    <message>
        <source>The local data file is not open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write to the local data file: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A change to the local data file failed and was undone: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A change to the local data file was cancelled and undone.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gridhall::TileCache</name>
    <message>
        <source>%1 does not exist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot create the folder for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a usable MBTiles cache: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not an MBTiles file: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gridhall::TileFetcher</name>
    <message>
        <source>%1 did not answer within %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP status %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gridhall::TileSourceSpec</name>
    <message>
        <source>Tile source is not valid JSON at offset %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tile source must be a JSON object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tile source has no &quot;name&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tile source &quot;%1&quot;: &quot;kind&quot; must be &quot;xyz&quot;, &quot;mbtiles&quot; or &quot;gdal&quot;, not &quot;%2&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tile source &quot;%1&quot; does not declare its &quot;datum&quot; (&quot;wgs84&quot; or &quot;gcj02&quot;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tile source &quot;%1&quot;: unknown datum &quot;%2&quot; (use &quot;wgs84&quot; or &quot;gcj02&quot;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tile source &quot;%1&quot;: &quot;%2&quot; must be a whole number from 0 to %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tile source &quot;%1&quot;: minZoom %2 is above maxZoom %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tile source &quot;%1&quot;: &quot;url&quot; must be an http or https URL template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tile source &quot;%1&quot;: the url template lacks %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tile source &quot;%1&quot;: &quot;subdomains&quot; must be a list of non-empty strings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tile source &quot;%1&quot;: the url uses {s} but no &quot;subdomains&quot; are given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tile source &quot;%1&quot; needs a &quot;path&quot; to its file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read tile source %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gridhall::WallQueueBoard</name>
    <message>
        <source>%1 d %2 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overdue %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Most urgent open cases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No open case is waiting.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gridhall::WallVideoTile</name>
    <message>
        <source>%1: no stream for this wall&apos;s account.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>gridhall::WallWindow</name>
    <message>
        <source>rotation paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>STALE — last update %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data as of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>STALE DATA · last update %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection to the server lost. Showing the last data received; it updates by itself when the link returns.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reported %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Awaiting acknowledgement from a workstation</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n more alert(s) waiting</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>gridhall::WeeklyReportJob</name>
    <message>
        <source>Reading the data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing the spreadsheet</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Wrote %1 (%n page(s)).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Wrote %1 (%n page(s)) and %2.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>gridhall::WorkersPanel</name>
    <message>
        <source>Search name, badge or area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All workers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Workers</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
