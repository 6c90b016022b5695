<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ActionSink</name>
    <message>
        <source>it has already been sent to the server</source>
        <translation>它已发送到服务器</translation>
    </message>
    <message>
        <source>later actions were queued after it</source>
        <translation>其后已有其他操作在排队</translation>
    </message>
    <message>
        <source>it is no longer in the outbox</source>
        <translation>它已不在待发送队列中</translation>
    </message>
</context>
<context>
    <name>ActionTable</name>
    <message>
        <source>Usage: %1 (prints the Markdown table of PROTOCOL.md § Actions)</source>
        <translation>用法：%1（输出 PROTOCOL.md § Actions 中的 Markdown 表格）</translation>
    </message>
</context>
<context>
    <name>ActionTracker</name>
    <message>
        <source>taken by %1 (%2)</source>
        <translation>已被 %1 处理（%2）</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>待发送</translation>
    </message>
    <message>
        <source>Undoing…</source>
        <translation>正在撤销…</translation>
    </message>
    <message>
        <source>Applied</source>
        <translation>已生效</translation>
    </message>
    <message>
        <source>Conflict</source>
        <translation>冲突</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>被拒绝</translation>
    </message>
    <message>
        <source>Undone</source>
        <translation>已撤销</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
</context>
<context>
    <name>Audit</name>
    <message>
        <source>entry %1 follows entry %2: entries are missing</source>
        <translation>第 %1 条记录紧接在第 %2 条之后：中间有记录缺失</translation>
    </message>
    <message>
        <source>entry %1 does not link to the hash of entry %2</source>
        <translation>第 %1 条记录未链接到第 %2 条记录的哈希值</translation>
    </message>
    <message>
        <source>entry %1 was altered: its hash does not match its fields</source>
        <translation>第 %1 条记录已被篡改：其哈希值与字段内容不符</translation>
    </message>
    <message>
        <source>%1 entries are keyed (key %2) and there is no key to check them</source>
        <translation>%1 条记录带密钥（密钥 %2），但没有可用于核验的密钥</translation>
    </message>
    <message>
        <source>%1 entries are keyed with key %2, not with %3 (key %4): they cannot be checked with this key</source>
        <translation>%1 条记录使用密钥 %2，而不是 %3（密钥 %4）：无法用此密钥核验</translation>
    </message>
    <message>
        <source>Cannot add the keyed audit columns: %1</source>
        <translation>无法添加带密钥审计所需的列：%1</translation>
    </message>
    <message>
        <source>The audit log was keyed with key %1 until now; from here on it is keyed with %2 (key %3). verify-audit checks each part only with its own key.</source>
        <translation>审计日志此前使用密钥 %1；此后改用 %2（密钥 %3）。verify-audit 只能用各部分自己的密钥核验该部分。</translation>
    </message>
    <message>
        <source>checkpoint line %1 of %2 does not carry this key's signature: the file was edited, or written with another key</source>
        <translation>%2 第 %1 行检查点没有此密钥的签名：文件被修改过，或由其他密钥写入</translation>
    </message>
    <message>
        <source>entries %1 to %2 were cut from the end: the checkpoint of %3 (line %4) signed entry %2, the log ends at entry %5</source>
        <translation>第 %1 至 %2 条记录被从末尾截去：%3 的检查点（第 %4 行）签署了第 %2 条，而日志止于第 %5 条</translation>
    </message>
    <message>
        <source>entry %1 has an unknown hash scheme %2</source>
        <translation>第 %1 条记录的哈希方案 %2 未知</translation>
    </message>
    <message>
        <source>entry %1 is not keyed, yet the log is keyed from entry %2 on: it was rewritten without the key, or written by a tool that had none</source>
        <translation>第 %1 条记录不带密钥，而日志自第 %2 条起均带密钥：它在没有密钥的情况下被改写，或由未加载密钥的工具写入</translation>
    </message>
    <message>
        <source>entry %1 is not the entry the checkpoint of %2 (line %3) signed: the log was rewritten</source>
        <translation>第 %1 条记录与 %2 的检查点（第 %3 行）所签署的不一致：日志被改写过</translation>
    </message>
    <message>
        <source>entry %1 was altered: its keyed hash does not match its fields</source>
        <translation>第 %1 条记录被篡改：其带密钥哈希与字段不符</translation>
    </message>
    <message>
        <source>there is no checkpoint file %1, yet %2 entries are keyed with this key: entries cut from the end cannot be found</source>
        <translation>检查点文件 %1 不存在，但有 %2 条记录使用此密钥：无法发现从末尾截去的记录</translation>
    </message>
    <message>
        <source>without the key the checkpoints were not read: entries cut from the end are not detected</source>
        <translation>没有密钥，未读取检查点：无法发现从末尾截去的记录</translation>
    </message>
</context>
<context>
    <name>AuditKey</name>
    <message>
        <source>FILE</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Key of the audit log's hash chain, kept outside the database (default: the database's name + .audit-key; made, mode 0600, when missing). Checkpoints go beside it, in FILE.checkpoints.</source>
        <translation>审计日志哈希链的密钥，保存在数据库之外（默认：数据库文件名 + .audit-key；不存在时自动生成，权限 0600）。检查点写在其旁的 FILE.checkpoints 中。</translation>
    </message>
    <message>
        <source>Cannot create the audit key %1: %2</source>
        <translation>无法创建审计密钥 %1：%2</translation>
    </message>
    <message>
        <source>Cannot open the audit checkpoints %1: %2</source>
        <translation>无法打开审计检查点文件 %1：%2</translation>
    </message>
    <message>
        <source>Cannot read the audit checkpoints %1: %2</source>
        <translation>无法读取审计检查点文件 %1：%2</translation>
    </message>
    <message>
        <source>Cannot read the audit key %1: %2</source>
        <translation>无法读取审计密钥 %1：%2</translation>
    </message>
    <message>
        <source>Cannot write the audit checkpoints %1: %2</source>
        <translation>无法写入审计检查点文件 %1：%2</translation>
    </message>
    <message>
        <source>Cannot write the audit key %1: %2</source>
        <translation>无法写入审计密钥 %1：%2</translation>
    </message>
    <message>
        <source>The audit key %1 is not a regular file</source>
        <translation>审计密钥 %1 不是普通文件</translation>
    </message>
    <message>
        <source>The audit key %1 is open to group or others (mode %2); it must be readable by its owner only: chmod 600 %1</source>
        <translation>审计密钥 %1 对同组或其他用户开放（权限 %2）；它只能由属主读取：chmod 600 %1</translation>
    </message>
    <message>
        <source>The audit key %1 must hold 32 bytes, as 64 hex digits or raw</source>
        <translation>审计密钥 %1 必须是 32 字节：64 位十六进制数字或原始字节</translation>
    </message>
    <message>
        <source>--audit-key FILE is required with a PostgreSQL database (every server and command on it uses the same key)</source>
        <translation>PostgreSQL 数据库必须指定 --audit-key FILE（其上的每个服务器和命令都使用同一密钥）</translation>
    </message>
</context>
<context>
    <name>Backup</name>
    <message>
        <source>%1: %2 cases, %3 events, %4 users, %5 audit entries (last %6); case checksum %7</source>
        <translation>%1：%2 个案件，%3 条事件，%4 个用户，%5 条审计记录（最后一条 %6）；案件校验和 %7</translation>
    </message>
    <message>
        <source>Unexpected argument: %1</source>
        <translation>多余的参数：%1</translation>
    </message>
    <message>
        <source>Writes a consistent copy of a hall into one SQLite file while its servers go on serving: SQLite's online backup, or a REPEATABLE READ read of a PostgreSQL hall. The checkpoints that sign its audit entries go beside it (FILE.checkpoints); the audit key does not: keep it apart.</source>
        <translation>在服务器继续服务的同时，把指挥大厅写成一个一致的 SQLite 备份文件：SQLite 在线备份，或对 PostgreSQL 大厅的一次 REPEATABLE READ 读取。为其审计记录签名的检查点放在旁边（FILE.checkpoints）；审计密钥不随备份：请另行保管。</translation>
    </message>
    <message>
        <source>The hall: a SQLite file or a postgresql:// URI.</source>
        <translation>指挥大厅：SQLite 文件或 postgresql:// URI。</translation>
    </message>
    <message>
        <source>DB</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>The backup file to write (refused when it exists).</source>
        <translation>要写入的备份文件（已存在时拒绝）。</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>backup needs --db DB and --out FILE (see --help)</source>
        <translation>backup 需要 --db DB 和 --out FILE（见 --help）</translation>
    </message>
    <message>
        <source>%1 exists: a backup never replaces a file</source>
        <translation>%1 已存在：备份从不覆盖文件</translation>
    </message>
    <message>
        <source>No database %1</source>
        <translation>数据库 %1 不存在</translation>
    </message>
    <message>
        <source>Backup failed: %1</source>
        <translation>备份失败：%1</translation>
    </message>
    <message>
        <source>Backup failed: the copy does not pass SQLite's quick check</source>
        <translation>备份失败：副本未通过 SQLite 快速检查</translation>
    </message>
    <message>
        <source>backup %1</source>
        <translation>备份 %1</translation>
    </message>
    <message>
        <source>The backup is written, its audit checkpoints are not: %1</source>
        <translation>备份已写入，但其审计检查点未写入：%1</translation>
    </message>
    <message>
        <source>audit checkpoints: %1 lines up to entry %2 in %3.checkpoints; check it with the hall's key: gridhall-server check --db %3 --audit-key %4</source>
        <translation>审计检查点：%1 行，截至第 %2 条，写入 %3.checkpoints；用大厅的密钥检查：gridhall-server check --db %3 --audit-key %4</translation>
    </message>
    <message>
        <source>note: no audit checkpoints copied (%1): cut entries at the end of the backup's log cannot be told</source>
        <translation>注意：未复制审计检查点（%1）：无法发现备份日志末尾被截去的记录</translation>
    </message>
    <message>
        <source>Puts a backup back: into a SQLite file (the old one, with --force, is kept as FILE.before-restore-TIME) or an empty PostgreSQL database. Refuses a database a server has open. The backup's audit checkpoints replace the key's (the old ones are kept the same way), and the restore is written to the audit log.</source>
        <translation>恢复备份：恢复到 SQLite 文件（使用 --force 时旧文件保留为 FILE.before-restore-TIME）或空的 PostgreSQL 数据库。拒绝服务器正在打开的数据库。备份的审计检查点替换密钥的检查点（旧的同样保留），恢复操作写入审计日志。</translation>
    </message>
    <message>
        <source>The backup file.</source>
        <translation>备份文件。</translation>
    </message>
    <message>
        <source>The hall to restore: a SQLite file, or an empty PostgreSQL database (postgresql://…).</source>
        <translation>要恢复的指挥大厅：SQLite 文件，或空的 PostgreSQL 数据库（postgresql://…）。</translation>
    </message>
    <message>
        <source>Replace a SQLite hall that holds data (it is moved aside, not deleted).</source>
        <translation>替换已有数据的 SQLite 大厅（旧文件被移到一旁，不删除）。</translation>
    </message>
    <message>
        <source>restore needs --from FILE and --db DB (see --help)</source>
        <translation>restore 需要 --from FILE 和 --db DB（见 --help）</translation>
    </message>
    <message>
        <source>A PostgreSQL hall has no file beside which its audit key lives: give --audit-key FILE</source>
        <translation>PostgreSQL 大厅旁没有可存放审计密钥的文件：请给出 --audit-key FILE</translation>
    </message>
    <message>
        <source>--force replaces SQLite files only: restore a PostgreSQL hall into an empty database (createdb)</source>
        <translation>--force 只替换 SQLite 文件：PostgreSQL 大厅请恢复到空数据库（createdb）</translation>
    </message>
    <message>
        <source>%1 is not a GridHall backup (a hall in a SQLite file that passes SQLite's quick check)</source>
        <translation>%1 不是 GridHall 备份（应为通过 SQLite 快速检查的 SQLite 大厅文件）</translation>
    </message>
    <message>
        <source>The backup's audit entries are keyed, and the key is not there: %1. Put the hall's audit key there (or name it with --audit-key) before restoring.</source>
        <translation>备份的审计记录带有密钥签名，但密钥不在：%1。恢复前请把大厅的审计密钥放到该处（或用 --audit-key 指定）。</translation>
    </message>
    <message>
        <source>%1 is in use (a server or another command has it open): stop it first</source>
        <translation>%1 正在使用中（服务器或其他命令打开了它）：请先停止</translation>
    </message>
    <message>
        <source>%1 holds data: give --force to replace it (it is kept as %1.before-restore-TIME)</source>
        <translation>%1 已有数据：使用 --force 替换（旧文件保留为 %1.before-restore-TIME）</translation>
    </message>
    <message>
        <source>Restore failed, %1 is untouched: %2</source>
        <translation>恢复失败，%1 未改动：%2</translation>
    </message>
    <message>
        <source>the hall that was there is kept as %1</source>
        <translation>原有的大厅保留为 %1</translation>
    </message>
    <message>
        <source>Restore failed: %1</source>
        <translation>恢复失败：%1</translation>
    </message>
    <message>
        <source>the audit checkpoints written before the restore are kept as %1</source>
        <translation>恢复前写入的审计检查点保留为 %1</translation>
    </message>
    <message>
        <source>Restored, but the restore's audit entry is not written: %1</source>
        <translation>已恢复，但恢复操作的审计记录未写入：%1</translation>
    </message>
    <message>
        <source>restored %1</source>
        <translation>已恢复 %1</translation>
    </message>
    <message>
        <source>audit broken after the restore: %1 problems</source>
        <translation>恢复后审计链损坏：%1 个问题</translation>
    </message>
    <message>
        <source>audit intact: %1 entries (the restore is entry %2)</source>
        <translation>审计完好：%1 条记录（恢复操作为第 %2 条）</translation>
    </message>
</context>
<context>
    <name>Camera</name>
    <message>
        <source>(invalid URL)</source>
        <translation>（无效的地址）</translation>
    </message>
</context>
<context>
    <name>CamerasMain</name>
    <message>
        <source>Serves synthetic camera streams over RTSP for the demo and the tests:
rtsp://ADDRESS:PORT/cam/CODE (704×576, 25 fps) and rtsp://ADDRESS:PORT/cam/CODE/sub (352×288, 15 fps),
a moving test picture with the camera's code and the time, for any CODE.</source>
        <translation>为演示和测试通过 RTSP 提供合成的摄像头视频流：
rtsp://ADDRESS:PORT/cam/CODE（704×576，25 帧/秒）和 rtsp://ADDRESS:PORT/cam/CODE/sub（352×288，15 帧/秒），
任意 CODE 均可，画面为移动的测试图案，叠加摄像头编码和时间。</translation>
    </message>
    <message>
        <source>Address and port to listen on (default 127.0.0.1:0, a free port; the port is printed).</source>
        <translation>监听的地址和端口（默认 127.0.0.1:0，即任一空闲端口；启动后打印实际端口）。</translation>
    </message>
    <message>
        <source>--listen must be ADDRESS:PORT, e.g. 127.0.0.1:8554, not "%1"</source>
        <translation>--listen 必须为 ADDRESS:PORT 格式，例如 127.0.0.1:8554，不能是“%1”</translation>
    </message>
    <message>
        <source>Cannot listen on %1 (in use, or not an address of this machine).</source>
        <translation>无法在 %1 上监听（端口已被占用，或不是本机地址）。</translation>
    </message>
</context>
<context>
    <name>CaseAction</name>
    <message>
        <source>Report</source>
        <translation>上报</translation>
    </message>
    <message>
        <source>Handle on the spot</source>
        <translation>自处理</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>立案</translation>
    </message>
    <message>
        <source>Void</source>
        <translation>作废</translation>
    </message>
    <message>
        <source>Dispatch</source>
        <translation>派遣</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>签收</translation>
    </message>
    <message>
        <source>Feed back</source>
        <translation>反馈</translation>
    </message>
    <message>
        <source>Verify: pass</source>
        <translation>核查通过</translation>
    </message>
    <message>
        <source>Verify: rework</source>
        <translation>核查返工</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>结案</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>回退</translation>
    </message>
    <message>
        <source>Request extension</source>
        <translation>申请延期</translation>
    </message>
    <message>
        <source>Approve extension</source>
        <translation>批准延期</translation>
    </message>
    <message>
        <source>Reject extension</source>
        <translation>驳回延期</translation>
    </message>
    <message>
        <source>Park</source>
        <translation>挂账</translation>
    </message>
    <message>
        <source>Unpark</source>
        <translation>解除挂账</translation>
    </message>
    <message>
        <source>Escalate</source>
        <translation>提级</translation>
    </message>
    <message>
        <source>Acknowledge alert</source>
        <translation>确认告警</translation>
    </message>
    <message>
        <source>Attach photo</source>
        <translation>附加照片</translation>
    </message>
</context>
<context>
    <name>CaseActionController</name>
    <message>
        <source>Case %1 is not loaded</source>
        <translation>案件 %1 未加载</translation>
    </message>
    <message>
        <source>%1 is outside your area</source>
        <translation>%1 不在您的管辖范围内</translation>
    </message>
    <message>
        <source>No case selected</source>
        <translation>未选择案件</translation>
    </message>
    <message numerus="yes">
        <source>%1 %n case(s)</source>
        <translation>
            <numerusform>%1 %n 件案件</numerusform>
        </translation>
    </message>
    <message>
        <source>Escalated to %1</source>
        <translation>已上报上级：%1</translation>
    </message>
    <message>
        <source>Not a place cases can go</source>
        <translation>案件不能转往此处</translation>
    </message>
    <message numerus="yes">
        <source>%1 %n case(s) → %2</source>
        <translation>
            <numerusform>%1 %n 件案件 → %2</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 is offline</source>
        <translation>%1 已离线</translation>
    </message>
    <message>
        <source>%1 works outside your area</source>
        <translation>%1 的工作区域不在您的管辖范围内</translation>
    </message>
    <message>
        <source>%1 is handled at the %2 level; escalation goes one level up at a time</source>
        <translation>%1 当前由%2处置；只能逐级上报上级</translation>
    </message>
    <message>
        <source>%1 does not belong to %2</source>
        <translation>%1 不属于 %2</translation>
    </message>
    <message>
        <source>Nothing to undo</source>
        <translation>没有可撤销的操作</translation>
    </message>
    <message>
        <source>“%1” has already reached the server and cannot be undone</source>
        <translation>“%1”已送达服务器，无法撤销</translation>
    </message>
    <message>
        <source>Could not undo “%1”: %2</source>
        <translation>无法撤销“%1”：%2</translation>
    </message>
</context>
<context>
    <name>CaseEventsModel</name>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>What</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>CaseMachine</name>
    <message>
        <source>%1 is not possible for a case that is %2</source>
        <translation>案件处于“%2”状态，不能执行“%1”</translation>
    </message>
    <message>
        <source>A %1 may not %2 a case</source>
        <translation>%1无权对案件执行“%2”</translation>
    </message>
    <message>
        <source>%1 needs a reason</source>
        <translation>“%1”需要填写理由</translation>
    </message>
    <message>
        <source>Dispatch needs a worker or a department</source>
        <translation>派遣需要指定人员或部门</translation>
    </message>
    <message>
        <source>An extension request for this case is already waiting for approval</source>
        <translation>该案件已有延期申请在等待审批</translation>
    </message>
    <message>
        <source>An extension must be between 1 minute and 90 days</source>
        <translation>延期时长必须在 1 分钟到 90 天之间</translation>
    </message>
    <message>
        <source>No extension request is waiting</source>
        <translation>没有待审批的延期申请</translation>
    </message>
    <message>
        <source>A district case cannot be escalated further</source>
        <translation>区级案件无法再提级</translation>
    </message>
    <message>
        <source>%1 does not create a case</source>
        <translation>“%1”不能用于新建案件</translation>
    </message>
    <message>
        <source>Only a red dispute raises an alert</source>
        <translation>只有红色纠纷才会告警</translation>
    </message>
    <message>
        <source>The alert was already acknowledged</source>
        <translation>该告警已被确认</translation>
    </message>
</context>
<context>
    <name>CaseQueue</name>
    <message>
        <source>All cases</source>
        <translation>全部案件</translation>
    </message>
    <message>
        <source>To accept and verify</source>
        <translation>待受理核实</translation>
    </message>
    <message>
        <source>To register</source>
        <translation>待立案</translation>
    </message>
    <message>
        <source>To dispatch</source>
        <translation>待派遣</translation>
    </message>
    <message>
        <source>In handling</source>
        <translation>处置中</translation>
    </message>
    <message>
        <source>To verify</source>
        <translation>待核查</translation>
    </message>
    <message>
        <source>To close</source>
        <translation>待结案</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已超期</translation>
    </message>
    <message>
        <source>Parked</source>
        <translation>挂账</translation>
    </message>
    <message>
        <source>Extension requests</source>
        <translation>延期申请</translation>
    </message>
</context>
<context>
    <name>CaseState</name>
    <message>
        <source>Reported</source>
        <translation>上报</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>立案</translation>
    </message>
    <message>
        <source>Dispatched</source>
        <translation>派遣</translation>
    </message>
    <message>
        <source>Handling</source>
        <translation>处置中</translation>
    </message>
    <message>
        <source>Fed back</source>
        <translation>反馈</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>核查</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>结案</translation>
    </message>
    <message>
        <source>Parked</source>
        <translation>挂账</translation>
    </message>
    <message>
        <source>Voided</source>
        <translation>作废</translation>
    </message>
</context>
<context>
    <name>CheckCommand</name>
    <message>
        <source>cannot open %1: %2</source>
        <translation>无法打开 %1：%2</translation>
    </message>
    <message>
        <source>integrity: ok (SQLite integrity_check, foreign_key_check)</source>
        <translation>完整性：正常（SQLite integrity_check、foreign_key_check）</translation>
    </message>
    <message>
        <source>integrity: %1</source>
        <translation>完整性：%1</translation>
    </message>
    <message>
        <source>integrity: %1 rows refer to rows that are not there (foreign_key_check)</source>
        <translation>完整性：%1 行引用了不存在的行（foreign_key_check）</translation>
    </message>
    <message>
        <source>schema: version %1 with audit format 2, as this server expects</source>
        <translation>结构：版本 %1，审计格式 2，与本服务器要求一致</translation>
    </message>
    <message>
        <source>schema: version %1 is newer than this server's %2: run the newer gridhall-server</source>
        <translation>结构：版本 %1 比本服务器的 %2 新：请运行更新版的 gridhall-server</translation>
    </message>
    <message>
        <source>schema: version %1%2, this server expects %3 with audit format 2: the first serve (or any command that writes) upgrades it</source>
        <translation>结构：版本 %1%2，本服务器要求 %3 及审计格式 2：首次 serve（或任何写入的命令）会升级它</translation>
    </message>
    <message>
        <source> with audit format %1</source>
        <translation>，审计格式 %1</translation>
    </message>
    <message>
        <source>integrity: %1 invalid indexes, %2 constraints not validated (REINDEX, ALTER TABLE … VALIDATE CONSTRAINT)</source>
        <translation>完整性：%1 个无效索引，%2 个未验证的约束（REINDEX、ALTER TABLE … VALIDATE CONSTRAINT）</translation>
    </message>
    <message>
        <source>integrity: ok (no invalid indexes, every constraint validated)</source>
        <translation>完整性：正常（无无效索引，所有约束均已验证）</translation>
    </message>
    <message>
        <source>schema: version %1, as this server expects</source>
        <translation>结构：版本 %1，与本服务器要求一致</translation>
    </message>
    <message>
        <source>schema: version %1, this server expects %2</source>
        <translation>结构：版本 %1，本服务器要求 %2</translation>
    </message>
    <message>
        <source>Checks a hall in one report: the database answers, its integrity, its schema version against this server's and the audit chain. Exit 0 when all is well, 1 on any problem. It changes nothing (an old schema is reported, not upgraded) and may run while servers serve.</source>
        <translation>在一份报告中检查指挥大厅：数据库是否响应、完整性、结构版本是否与本服务器一致、审计链。全部正常时退出码 0，有任何问题时为 1。不做任何修改（旧结构只报告，不升级），可在服务器运行时执行。</translation>
    </message>
    <message>
        <source>The hall: a SQLite file (a backup, too) or a postgresql:// URI.</source>
        <translation>指挥大厅：SQLite 文件（也可以是备份）或 postgresql:// URI。</translation>
    </message>
    <message>
        <source>DB</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>check needs --db DB (see --help)</source>
        <translation>check 需要 --db DB（见 --help）</translation>
    </message>
    <message>
        <source>check of %1</source>
        <translation>检查 %1</translation>
    </message>
    <message>
        <source>no database %1</source>
        <translation>数据库 %1 不存在</translation>
    </message>
    <message>
        <source>database: %1</source>
        <translation>数据库：%1</translation>
    </message>
    <message>
        <source>database: answers (reads, and could write)</source>
        <translation>数据库：有响应（可读，也可写）</translation>
    </message>
    <message>
        <source>cursor: %1</source>
        <translation>游标：%1</translation>
    </message>
    <message>
        <source>audit: %1</source>
        <translation>审计：%1</translation>
    </message>
    <message>
        <source>audit: … and %1 more</source>
        <translation>审计：……另有 %1 个</translation>
    </message>
    <message>
        <source>audit: %1 keyed entries not checked: %2</source>
        <translation>审计：%1 条带密钥的记录未能检查：%2</translation>
    </message>
    <message>
        <source>audit: intact, %1 entries (%2 keyed and checked, %3 from before keying), %4 checkpoints compared</source>
        <translation>审计：完好，%1 条记录（%2 条带密钥并已检查，%3 条为启用密钥之前），比对了 %4 个检查点</translation>
    </message>
    <message>
        <source>PROBLEM: %1</source>
        <translation>问题：%1</translation>
    </message>
    <message numerus="yes">
        <source>check failed: %n problem(s)</source>
        <translation>
            <numerusform>检查未通过：%n 个问题</numerusform>
        </translation>
    </message>
    <message>
        <source>check passed</source>
        <translation>检查通过</translation>
    </message>
</context>
<context>
    <name>CopyDb</name>
    <message>
        <source>Copies a hall from one database to another, SQLite or PostgreSQL either way, and checks the copy: rows per table, the case checksum, the change log's cursor and the audit chain. The target must hold no hall yet. Stop the servers on the source first.</source>
        <translation>将指挥中心数据从一个数据库复制到另一个数据库（SQLite 与 PostgreSQL 双向均可），并核对副本：各表行数、案件校验和、变更日志游标和审计链。目标库中不得已有数据。请先停止源库上的服务器。</translation>
    </message>
    <message>
        <source>Source: a SQLite file or a postgresql:// URI.</source>
        <translation>源：SQLite 文件或 postgresql:// URI。</translation>
    </message>
    <message>
        <source>DB</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>Target: a SQLite file (made when missing) or a postgresql:// URI.</source>
        <translation>目标：SQLite 文件（不存在时创建）或 postgresql:// URI。</translation>
    </message>
    <message>
        <source>copy-db needs --from DB and --to DB (see --help)</source>
        <translation>copy-db 需要 --from DB 和 --to DB（见 --help）</translation>
    </message>
    <message>
        <source>--from and --to name the same database</source>
        <translation>--from 与 --to 指向同一个数据库</translation>
    </message>
    <message>
        <source>The target already holds a hall (%1 rows in %2): copy-db fills only an empty database</source>
        <translation>目标库中已有数据（%2 中有 %1 行）：copy-db 只写入空数据库</translation>
    </message>
    <message>
        <source>%1: %2 rows</source>
        <translation>%1：%2 行</translation>
    </message>
    <message>
        <source>Copy failed, nothing was written to the target: %1</source>
        <translation>复制失败，未向目标写入任何内容：%1</translation>
    </message>
    <message>
        <source>copied in %1 s</source>
        <translation>复制用时 %1 秒</translation>
    </message>
    <message>
        <source>%1: %2 rows in the source, %3 in the target</source>
        <translation>%1：源 %2 行，目标 %3 行</translation>
    </message>
    <message>
        <source>case checksum: %1 (%2 cases) in the source, %3 (%4 cases) in the target</source>
        <translation>案件校验和：源 %1（%2 件），目标 %3（%4 件）</translation>
    </message>
    <message>
        <source>cursor: %1 in the source, %2 in the target</source>
        <translation>游标：源 %1，目标 %2</translation>
    </message>
    <message>
        <source>epoch: %1 in the source, %2 in the target</source>
        <translation>纪元：源 %1，目标 %2</translation>
    </message>
    <message>
        <source>audit broken on the target: %1 problems</source>
        <translation>目标库审计链已损坏：%1 处问题</translation>
    </message>
    <message>
        <source>audit intact on the target: %1 entries, %2 keyed and checked with %3</source>
        <translation>目标库审计链完整：%1 条记录，其中 %2 条已用 %3 校验密钥</translation>
    </message>
    <message>
        <source>audit chain links on the target: %1 entries; keyed hashes not checked (%2)</source>
        <translation>目标库审计链链接完整：%1 条记录；带密钥的哈希未校验（%2）</translation>
    </message>
    <message>
        <source>The copy does not match its source</source>
        <translation>副本与源不一致</translation>
    </message>
    <message>
        <source>copy verified</source>
        <translation>副本已核对</translation>
    </message>
    <message>
        <source>audit: no entries yet on the target</source>
        <translation>审计：目标库中尚无记录</translation>
    </message>
</context>
<context>
    <name>DemoData</name>
    <message>
        <source>Case %1 broke the state machine: %2</source>
        <translation>案件 %1 违反了状态机规则：%2</translation>
    </message>
    <message>
        <source>The demo history needs a valid end date, at least one day and a district</source>
        <translation>生成演示历史数据需要有效的结束日期、至少一天的时长和一个区</translation>
    </message>
    <message>
        <source>Stopped while writing the case history</source>
        <translation>写入案件历史时已中止</translation>
    </message>
    <message>
        <source>Stopped while writing</source>
        <translation>写入时已中止</translation>
    </message>
    <message>
        <source>Could not write the demo data into %1: %2</source>
        <translation>无法将演示数据写入 %1：%2</translation>
    </message>
    <message>
        <source>Creates the demo district: 21 streets, about 120 communities, over 2,300 grid cells, one grid worker per cell, joint-enforcement teams, department handlers, a basemap and eight weeks of case history, the same for the same seed and end date.</source>
        <translation>创建演示区：21 个街道、约 120 个社区、2300 多个网格、每格一名网格员、联勤队伍、部门处置员、底图以及八周的案件历史；种子和结束日期相同时，生成的数据完全相同。</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>FILE</translation>
    </message>
    <message>
        <source>Random seed (default 1).</source>
        <translation>随机种子（默认 1）。</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>Last day of the history, YYYY-MM-DD (default: today; the history then stops now).</source>
        <translation>历史数据的最后一天，格式 YYYY-MM-DD（默认：今天，此时历史数据截至当前时刻）。</translation>
    </message>
    <message>
        <source>DATE</source>
        <translation>DATE</translation>
    </message>
    <message>
        <source>Average number of cases a day (default 1800).</source>
        <translation>平均每天的案件数（默认 1800）。</translation>
    </message>
    <message>
        <source>Also write the areas and basemap into this GeoPackage.</source>
        <translation>同时将区域和底图写入此 GeoPackage。</translation>
    </message>
    <message>
        <source>Replace existing files.</source>
        <translation>覆盖已有文件。</translation>
    </message>
    <message>
        <source>Run %1 --help for the options.</source>
        <translation>运行 %1 --help 查看选项。</translation>
    </message>
    <message>
        <source>Unexpected argument: %1</source>
        <translation>多余的参数：%1</translation>
    </message>
    <message>
        <source>--db FILE is required</source>
        <translation>必须指定 --db FILE</translation>
    </message>
    <message>
        <source>--seed must be a non-negative whole number, not "%1"</source>
        <translation>--seed 必须是非负整数，不能是“%1”</translation>
    </message>
    <message>
        <source>--cases-per-day must be a whole number from 0 to 100000, not "%1"</source>
        <translation>--cases-per-day 必须是 0 到 100000 之间的整数，不能是“%1”</translation>
    </message>
    <message>
        <source>--end must be a date YYYY-MM-DD between 2000 and 2100, not "%1"</source>
        <translation>--end 必须是 2000 年至 2100 年之间的日期，格式为 YYYY-MM-DD，不能是“%1”</translation>
    </message>
    <message>
        <source>%1 already exists and is not empty; nothing was changed. Use --force to replace it.</source>
        <translation>%1 已存在且不为空；未做任何更改。使用 --force 可将其覆盖。</translation>
    </message>
    <message>
        <source>%1 is a folder; give a file name.</source>
        <translation>%1 是文件夹；请指定文件名。</translation>
    </message>
    <message>
        <source>Generating the demo district (seed %1)…</source>
        <translation>正在生成演示区（种子 %1）…</translation>
    </message>
    <message>
        <source>  %1 streets, %2 communities, %3 grid cells, %4 workers, %5 basemap features (%6 ms)</source>
        <translation>  %1 个街道、%2 个社区、%3 个网格、%4 名人员、%5 个底图要素（%6 毫秒）</translation>
    </message>
    <message>
        <source>Writing %1 days of cases ending %2 (about %3 a day)…</source>
        <translation>正在写入截至 %2 的 %1 天案件（每天约 %3 件）…</translation>
    </message>
    <message>
        <source>  day %1 of %2</source>
        <translation>  第 %1 天，共 %2 天</translation>
    </message>
    <message>
        <source>Could not move %1 to %2: %3</source>
        <translation>无法将 %1 移动到 %2：%3</translation>
    </message>
    <message>
        <source>Wrote %1 (%2 ms)</source>
        <translation>已写入 %1（%2 毫秒）</translation>
    </message>
    <message>
        <source>Cases by state: %1</source>
        <translation>各状态案件数：%1</translation>
    </message>
    <message>
        <source>Disputes: %1 yellow, %2 orange, %3 red</source>
        <translation>矛盾纠纷：黄色 %1 件，橙色 %2 件，红色 %3 件</translation>
    </message>
    <message>
        <source>Done: %1 cases and %2 events in %3 (cases %4 ms, total %5 ms).</source>
        <translation>完成：%3 中共 %1 件案件、%2 条流转记录（案件 %4 毫秒，总计 %5 毫秒）。</translation>
    </message>
    <message>
        <source>Cannot make a temporary folder: %1</source>
        <translation>无法创建临时文件夹：%1</translation>
    </message>
    <message>
        <source>SQLite file to create, or the postgresql:// URI of an empty database.</source>
        <translation>要创建的 SQLite 文件，或一个空 PostgreSQL 数据库的 postgresql:// URI。</translation>
    </message>
    <message>
        <source>Also place cameras over the district, streaming from URL/CODE and URL/CODE/sub (gridhall-cameras, e.g. rtsp://127.0.0.1:8554/cam).</source>
        <translation>同时在辖区内布设摄像头，视频流地址为 URL/CODE 和 URL/CODE/sub（gridhall-cameras，例如 rtsp://127.0.0.1:8554/cam）。</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>  %1 cameras streaming from %2</source>
        <translation>  %1 个摄像头，视频流来自 %2</translation>
    </message>
</context>
<context>
    <name>DepartmentListModel</name>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Open cases</source>
        <translation>在办案件</translation>
    </message>
</context>
<context>
    <name>DisputeLevel</name>
    <message>
        <source>Not a dispute</source>
        <translation>非矛盾纠纷</translation>
    </message>
    <message>
        <source>Yellow</source>
        <translation>黄色</translation>
    </message>
    <message>
        <source>Orange</source>
        <translation>橙色</translation>
    </message>
    <message>
        <source>Red</source>
        <translation>红色</translation>
    </message>
</context>
<context>
    <name>GisExport</name>
    <message>
        <source>unknown GDAL error</source>
        <translation>未知 GDAL 错误</translation>
    </message>
    <message>
        <source>Could not write layer %1 of %2: %3</source>
        <translation>无法写入 %2 的图层 %1：%3</translation>
    </message>
    <message>
        <source>This GDAL has no GeoPackage driver</source>
        <translation>当前 GDAL 没有 GeoPackage 驱动</translation>
    </message>
    <message>
        <source>Could not replace %1</source>
        <translation>无法替换 %1</translation>
    </message>
    <message>
        <source>Could not create %1: %2</source>
        <translation>无法创建 %1：%2</translation>
    </message>
    <message>
        <source>GDAL does not know EPSG:4490 (CGCS2000): %1</source>
        <translation>GDAL 无法识别 EPSG:4490（CGCS2000）：%1</translation>
    </message>
    <message>
        <source>Could not finish %1: %2</source>
        <translation>无法完成 %1：%2</translation>
    </message>
</context>
<context>
    <name>GisImport</name>
    <message>
        <source>street</source>
        <translation>街道</translation>
    </message>
    <message>
        <source>street code</source>
        <translation>街道编码</translation>
    </message>
    <message>
        <source>community</source>
        <translation>社区</translation>
    </message>
    <message>
        <source>community code</source>
        <translation>社区编码</translation>
    </message>
    <message>
        <source>grid code</source>
        <translation>网格编码</translation>
    </message>
    <message>
        <source>grid name</source>
        <translation>网格名称</translation>
    </message>
    <message numerus="yes">
        <source>%1 had an invalid geometry (e.g. a self-intersection); repaired into %n part(s).</source>
        <translation>
            <numerusform>%1 的几何图形无效（如自相交），已修复为 %n 个部分。</numerusform>
        </translation>
    </message>
    <message>
        <source>Feature %1</source>
        <translation>要素 %1</translation>
    </message>
    <message>
        <source>Feature %1 (grid %2)</source>
        <translation>要素 %1（网格 %2）</translation>
    </message>
    <message>
        <source>Layer "%1" of %2 has no features.</source>
        <translation>%2 的图层“%1”中没有要素。</translation>
    </message>
    <message>
        <source>File not found: %1</source>
        <translation>找不到文件：%1</translation>
    </message>
    <message>
        <source>File not readable: %1</source>
        <translation>无法读取文件：%1</translation>
    </message>
    <message>
        <source>not a vector format GDAL can read</source>
        <translation>不是 GDAL 可读取的矢量格式</translation>
    </message>
    <message>
        <source>Cannot read %1 as a GIS file: %2</source>
        <translation>无法将 %1 作为 GIS 文件读取：%2</translation>
    </message>
    <message>
        <source>%1 contains no layers.</source>
        <translation>%1 中没有图层。</translation>
    </message>
    <message>
        <source>%1 has no layer "%2"; its layers are: %3</source>
        <translation>%1 中没有图层“%2”；其图层有：%3</translation>
    </message>
    <message>
        <source>Unknown coordinate reference system "%1" given to assume.</source>
        <translation>指定的假定坐标参考系“%1”无法识别。</translation>
    </message>
    <message>
        <source>%1 declares no coordinate reference system (e.g. a Shapefile without its .prj); pass the one it uses, e.g. --assume-srs EPSG:4547.</source>
        <translation>%1 未声明坐标参考系（例如缺少 .prj 文件的 Shapefile）；请指定其实际使用的坐标参考系，例如 --assume-srs EPSG:4547。</translation>
    </message>
    <message>
        <source>The coordinate reference system of %1 (%2) is neither geographic nor projected; it cannot be placed on the map.</source>
        <translation>%1 的坐标参考系（%2）既不是地理坐标系也不是投影坐标系，无法在地图上定位。</translation>
    </message>
    <message>
        <source>No transformation from the coordinate reference system of %1 (%2) to longitude/latitude: %3</source>
        <translation>无法将 %1 的坐标参考系（%2）转换为经纬度：%3</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>. The field names look garbled: if the file is in GBK, pass its encoding (--encoding CP936).</source>
        <translation>。字段名疑似乱码：如文件为 GBK 编码，请指定其编码（--encoding CP936）。</translation>
    </message>
    <message>
        <source>Layer "%1" has no field "%2" (given as the %3 field); its fields are: %4</source>
        <translation>图层“%1”中没有字段“%2”（指定为%3字段）；其字段有：%4</translation>
    </message>
    <message>
        <source>No grid code field found in layer "%1" (looked for 网格编码, GRID_CODE, WGBM …); name it with --grid-field. Its fields are: %2</source>
        <translation>图层“%1”中未找到网格编码字段（已查找 网格编码、GRID_CODE、WGBM 等）；请用 --grid-field 指定。其字段有：%2</translation>
    </message>
    <message>
        <source>No street field found in layer "%1" (looked for 街道名称, STREET_NAME, JD …); name it with --street-field. Its fields are: %2</source>
        <translation>图层“%1”中未找到街道字段（已查找 街道名称、STREET_NAME、JD 等）；请用 --street-field 指定。其字段有：%2</translation>
    </message>
    <message>
        <source>No community field found in layer "%1" (looked for 社区名称, COMMUNITY, SQ …); name it with --community-field. Its fields are: %2</source>
        <translation>图层“%1”中未找到社区字段（已查找 社区名称、COMMUNITY、SQ 等）；请用 --community-field 指定。其字段有：%2</translation>
    </message>
    <message>
        <source>%1 has no grid code.</source>
        <translation>%1 缺少网格编码。</translation>
    </message>
    <message>
        <source>%1 has no street.</source>
        <translation>%1 缺少街道。</translation>
    </message>
    <message>
        <source>%1 has no community.</source>
        <translation>%1 缺少社区。</translation>
    </message>
    <message>
        <source>%1 lies outside the plausible area after reprojection from %2 (first bad point %3); is the coordinate reference system right?</source>
        <translation>%1 从 %2 重投影后超出合理范围（第一个异常点 %3）；请确认坐标参考系是否正确。</translation>
    </message>
    <message>
        <source>%1 is truncated or damaged: read %2 of %3 features (%4)</source>
        <translation>%1 不完整或已损坏：%3 个要素中仅读取了 %2 个（%4）</translation>
    </message>
    <message>
        <source>%1 has no geometry.</source>
        <translation>%1 没有几何图形。</translation>
    </message>
    <message>
        <source>%1 is a %2, not a polygon.</source>
        <translation>%1 的几何类型为 %2，不是面。</translation>
    </message>
    <message>
        <source>%1 cannot be read as polygons.</source>
        <translation>%1 无法作为面读取。</translation>
    </message>
    <message>
        <source>%1 has an invalid geometry that cannot be repaired (no area left).</source>
        <translation>%1 的几何图形无效且无法修复（修复后面积为零）。</translation>
    </message>
    <message>
        <source>(transformation failed)</source>
        <translation>（坐标转换失败）</translation>
    </message>
    <message>
        <source>Features %1 and %2 have the same grid code %3.</source>
        <translation>要素 %1 与要素 %2 的网格编码相同：%3。</translation>
    </message>
    <message>
        <source>The district code "%1" is not 6 digits.</source>
        <translation>区编码“%1”不是 6 位数字。</translation>
    </message>
    <message>
        <source>%1: the grid code is not a 15-digit CJ/T 213 code like the others in the file.</source>
        <translation>%1：网格编码不是 15 位 CJ/T 213 编码，与文件中其他网格不一致。</translation>
    </message>
    <message>
        <source>%1: the grid code is outside district %2; import one district at a time.</source>
        <translation>%1：网格编码不属于区 %2；请每次只导入一个区。</translation>
    </message>
    <message>
        <source>%1: the %2 code %3 does not match the grid code.</source>
        <translation>%1：%2编码 %3 与网格编码不符。</translation>
    </message>
    <message>
        <source>%1: area %2 is named %3 here but %4 in feature %5.</source>
        <translation>%1：区域 %2 在此处名为 %3，但在要素 %5 中名为 %4。</translation>
    </message>
    <message>
        <source>The grid codes in %1 are not 15-digit CJ/T 213 codes, so GridHall derives them; pass the 6-digit district code (--district-code) to derive them from.</source>
        <translation>%1 中的网格编码不是 15 位 CJ/T 213 编码，GridHall 将自动生成编码；请提供 6 位区编码（--district-code）作为生成依据。</translation>
    </message>
    <message>
        <source>%1: the street code %2 is neither 9 digits in district %3 nor 3 digits.</source>
        <translation>%1：街道编码 %2 既不是区 %3 下的 9 位编码，也不是 3 位编码。</translation>
    </message>
    <message>
        <source>%1: street %2 has code %3 here but %4 in feature %5.</source>
        <translation>%1：街道 %2 在此处的编码为 %3，但在要素 %5 中为 %4。</translation>
    </message>
    <message>
        <source>More than 999 streets in district %1.</source>
        <translation>区 %1 的街道超过 999 个。</translation>
    </message>
    <message>
        <source>%1: the community code %2 is neither 12 digits in street %3 nor 3 digits.</source>
        <translation>%1：社区编码 %2 既不是街道 %3 下的 12 位编码，也不是 3 位编码。</translation>
    </message>
    <message>
        <source>%1: community %2 has code %3 here but %4 elsewhere.</source>
        <translation>%1：社区 %2 在此处的编码为 %3，但在其他位置为 %4。</translation>
    </message>
    <message>
        <source>More than 999 communities in street %1.</source>
        <translation>街道 %1 的社区超过 999 个。</translation>
    </message>
    <message>
        <source>More than 999 grids in community %1.</source>
        <translation>社区 %1 的网格超过 999 个。</translation>
    </message>
    <message>
        <source>Feature %1 (camera %2)</source>
        <translation>要素 %1（摄像头 %2）</translation>
    </message>
    <message>
        <source>camera code</source>
        <translation>摄像头编码</translation>
    </message>
    <message>
        <source>camera name</source>
        <translation>摄像头名称</translation>
    </message>
    <message>
        <source>main stream URL</source>
        <translation>主码流地址</translation>
    </message>
    <message>
        <source>sub-stream URL</source>
        <translation>子码流地址</translation>
    </message>
    <message>
        <source>view direction</source>
        <translation>朝向</translation>
    </message>
    <message>
        <source>camera kind</source>
        <translation>摄像头类型</translation>
    </message>
    <message>
        <source>No camera code field found in layer "%1" (looked for 摄像头编码, CAMERA_CODE, DEVICE_CODE …); name it with --code-field. Its fields are: %2</source>
        <translation>图层“%1”中找不到摄像头编码字段（已查找 摄像头编码、CAMERA_CODE、DEVICE_CODE …）；请用 --code-field 指定。其字段为：%2</translation>
    </message>
    <message>
        <source>No stream URL field found in layer "%1" (looked for 主码流, MAIN_URL, RTSP, URL …); name it with --main-url-field. Its fields are: %2</source>
        <translation>图层“%1”中找不到视频流地址字段（已查找 主码流、MAIN_URL、RTSP、URL …）；请用 --main-url-field 指定。其字段为：%2</translation>
    </message>
    <message>
        <source>%1 has no camera code.</source>
        <translation>%1 没有摄像头编码。</translation>
    </message>
    <message>
        <source>%1: the camera code is longer than 64 characters.</source>
        <translation>%1：摄像头编码超过 64 个字符。</translation>
    </message>
    <message>
        <source>%1 has the same camera code as feature %2.</source>
        <translation>%1 与要素 %2 的摄像头编码相同。</translation>
    </message>
    <message>
        <source>%1 has no stream URL.</source>
        <translation>%1 没有视频流地址。</translation>
    </message>
    <message>
        <source>%1: "%2" is not an rtsp, rtsps, http or https URL.</source>
        <translation>%1：“%2”不是 rtsp、rtsps、http 或 https 地址。</translation>
    </message>
    <message>
        <source>%1: the sub-stream "%2" is not an rtsp, rtsps, http or https URL.</source>
        <translation>%1：子码流“%2”不是 rtsp、rtsps、http 或 https 地址。</translation>
    </message>
    <message>
        <source>%1: the view direction "%2" is not a number of degrees from 0 to 360.</source>
        <translation>%1：朝向“%2”不是 0 到 360 之间的度数。</translation>
    </message>
    <message>
        <source>%1: unknown camera kind "%2" (road, compound, face_matching, or 道路, 小区, 人脸 …).</source>
        <translation>%1：未知的摄像头类型“%2”（road、compound、face_matching，或 道路、小区、人脸 …）。</translation>
    </message>
    <message>
        <source>%1 has no location.</source>
        <translation>%1 没有位置。</translation>
    </message>
    <message>
        <source>%1 is a %2, not a point.</source>
        <translation>%1 是 %2，不是点。</translation>
    </message>
    <message>
        <source>%1 could not be reprojected from %2.</source>
        <translation>%1 无法从 %2 重投影。</translation>
    </message>
    <message>
        <source>%1 lies outside the plausible area after reprojection from %2 (%3); is the coordinate reference system right?</source>
        <translation>%1 从 %2 重投影后位于合理范围之外（%3）；坐标参考系是否正确？</translation>
    </message>
    <message>
        <source>%1 at %2 lies in none of the hall's grids (import the grids first, or check the coordinate reference system).</source>
        <translation>%1 位于 %2，不在本中心的任何网格内（请先导入网格，或检查坐标参考系）。</translation>
    </message>
</context>
<context>
    <name>GridImport</name>
    <message>
        <source>error: </source>
        <translation>错误：</translation>
    </message>
    <message>
        <source>warning: </source>
        <translation>警告：</translation>
    </message>
    <message>
        <source>… and %1 more.</source>
        <translation>… 另有 %1 条。</translation>
    </message>
    <message>
        <source>Reading grids: %1 %</source>
        <translation>正在读取网格：%1%</translation>
    </message>
    <message>
        <source>District %1</source>
        <translation>区 %1</translation>
    </message>
    <message>
        <source>Imports grid boundaries (Shapefile, GeoPackage, GeoJSON, KML …) into a GridHall database.
The whole file is checked first; if anything is wrong, nothing is written.
Street, community and grid code fields are detected from common names (街道名称, STREET_NAME, JD;
社区名称, COMMUNITY, SQ; 网格编码, GRID_CODE, WGBM; 网格名称, GRID_NAME) unless given.
Grid codes that are not 15-digit CJ/T 213 codes are replaced by derived ones (needs --district-code).
Importing the same file again updates the grids by code.</source>
        <translation>将网格边界（Shapefile、GeoPackage、GeoJSON、KML 等）导入 GridHall 数据库。
先检查整个文件；只要有任何问题，就不写入任何内容。
未指定时，街道、社区和网格编码字段按常见名称自动识别（街道名称、STREET_NAME、JD；
社区名称、COMMUNITY、SQ；网格编码、GRID_CODE、WGBM；网格名称、GRID_NAME）。
不是 15 位 CJ/T 213 编码的网格编码将替换为自动生成的编码（需要 --district-code）。
再次导入同一文件时，按编码更新网格。</translation>
    </message>
    <message>
        <source>The GridHall database to write.</source>
        <translation>要写入的 GridHall 数据库。</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>FILE</translation>
    </message>
    <message>
        <source>The layer to read (default: the first).</source>
        <translation>要读取的图层（默认：第一个图层）。</translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>NAME</translation>
    </message>
    <message>
        <source>The field with the street name.</source>
        <translation>街道名称所在的字段。</translation>
    </message>
    <message>
        <source>F</source>
        <translation>F</translation>
    </message>
    <message>
        <source>The field with the street code (9 or 3 digits).</source>
        <translation>街道编码所在的字段（9 位或 3 位）。</translation>
    </message>
    <message>
        <source>The field with the community name.</source>
        <translation>社区名称所在的字段。</translation>
    </message>
    <message>
        <source>The field with the community code (12 or 3 digits).</source>
        <translation>社区编码所在的字段（12 位或 3 位）。</translation>
    </message>
    <message>
        <source>The field with the grid code.</source>
        <translation>网格编码所在的字段。</translation>
    </message>
    <message>
        <source>The field with the grid name.</source>
        <translation>网格名称所在的字段。</translation>
    </message>
    <message>
        <source>The coordinate reference system of a file that declares none, e.g. EPSG:4547.</source>
        <translation>文件未声明坐标参考系时采用的坐标参考系，例如 EPSG:4547。</translation>
    </message>
    <message>
        <source>EPSG:N</source>
        <translation>EPSG:N</translation>
    </message>
    <message>
        <source>The attribute encoding of a Shapefile without a .cpg file, e.g. CP936.</source>
        <translation>缺少 .cpg 文件的 Shapefile 的属性编码，例如 CP936。</translation>
    </message>
    <message>
        <source>The 6-digit district code (needed when the grid codes are derived).</source>
        <translation>6 位区编码（自动生成网格编码时必需）。</translation>
    </message>
    <message>
        <source>CODE</source>
        <translation>CODE</translation>
    </message>
    <message>
        <source>The district's name.</source>
        <translation>区名称。</translation>
    </message>
    <message>
        <source>Check the file and report; write nothing.</source>
        <translation>仅检查文件并报告结果，不写入任何内容。</translation>
    </message>
    <message>
        <source>The GIS file (or Shapefile folder) to import.</source>
        <translation>要导入的 GIS 文件（或 Shapefile 文件夹）。</translation>
    </message>
    <message>
        <source>Run %1 --help for the options.</source>
        <translation>运行 %1 --help 查看选项。</translation>
    </message>
    <message>
        <source>Usage: %1 [options] SOURCE</source>
        <translation>用法：%1 [选项] SOURCE</translation>
    </message>
    <message>
        <source>Give exactly one SOURCE file.</source>
        <translation>请指定且仅指定一个 SOURCE 文件。</translation>
    </message>
    <message>
        <source>--db FILE is required (or --dry-run to only check the file).</source>
        <translation>必须指定 --db FILE（或使用 --dry-run 仅检查文件）。</translation>
    </message>
    <message>
        <source>%1 problem(s) in %2; nothing was written.</source>
        <translation>%2 中有 %1 个问题；未写入任何内容。</translation>
    </message>
    <message>
        <source>%1 streets, %2 communities, %3 grids (%4 repaired) in district %5, from layer "%6" in %7</source>
        <translation>区 %5：%1 个街道、%2 个社区、%3 个网格（其中 %4 个已修复），来自 %7 的图层“%6”</translation>
    </message>
    <message>
        <source>note: the grid codes in the file are not CJ/T 213 codes; derived codes were assigned and the file's codes kept as grid names where no name field was found.</source>
        <translation>注意：文件中的网格编码不是 CJ/T 213 编码；已分配自动生成的编码，未找到名称字段时，文件原有的编码保留为网格名称。</translation>
    </message>
    <message>
        <source>Dry run, nothing written: %1.</source>
        <translation>试运行，未写入任何内容：%1。</translation>
    </message>
    <message>
        <source>Nothing was written.</source>
        <translation>未写入任何内容。</translation>
    </message>
    <message>
        <source>error: writing to %1 failed: %2</source>
        <translation>错误：写入 %1 失败：%2</translation>
    </message>
    <message>
        <source>Imported %1 into %2.</source>
        <translation>已将 %1 导入 %2。</translation>
    </message>
    <message>
        <source>Imports the hall's cameras (a point layer: Shapefile, GeoPackage, GeoJSON, KML …) into a GridHall database.
The whole file is checked first; if anything is wrong, nothing is written.
Each camera takes the grid and street its point lies in: import the grids first.
Fields are detected from common names (摄像头编码, CAMERA_CODE, DEVICE_CODE; 摄像头名称, NAME;
主码流, MAIN_URL, RTSP, URL; 子码流, SUB_URL; 朝向, DIRECTION, AZIMUTH; 类型, KIND, TYPE) unless given.
Importing the same file again updates the cameras by code. Passwords in stream URLs are never printed.</source>
        <translation>把本中心的摄像头（点图层：Shapefile、GeoPackage、GeoJSON、KML …）导入 GridHall 数据库。
先检查整个文件；只要有任何错误，就不写入任何内容。
每个摄像头归入其所在的网格和街道：请先导入网格。
字段按常见名称识别（摄像头编码、CAMERA_CODE、DEVICE_CODE；摄像头名称、NAME；
主码流、MAIN_URL、RTSP、URL；子码流、SUB_URL；朝向、DIRECTION、AZIMUTH；类型、KIND、TYPE），也可指定。
再次导入同一文件按编码更新摄像头。视频流地址中的密码从不打印。</translation>
    </message>
    <message>
        <source>The field with the camera code.</source>
        <translation>摄像头编码所在的字段。</translation>
    </message>
    <message>
        <source>The field with the camera name.</source>
        <translation>摄像头名称所在的字段。</translation>
    </message>
    <message>
        <source>The field with the main stream URL (rtsp, http or https).</source>
        <translation>主码流地址所在的字段（rtsp、http 或 https）。</translation>
    </message>
    <message>
        <source>The field with the sub-stream URL.</source>
        <translation>子码流地址所在的字段。</translation>
    </message>
    <message>
        <source>The field with the view direction (degrees clockwise from north).</source>
        <translation>朝向所在的字段（自正北顺时针的度数）。</translation>
    </message>
    <message>
        <source>The field with the kind (road, compound, face_matching).</source>
        <translation>类型所在的字段（road、compound、face_matching）。</translation>
    </message>
    <message>
        <source>Check the file and report; write nothing (with --db the cameras are placed in its grids too).</source>
        <translation>只检查文件并报告，不写入（给出 --db 时也把摄像头落到其网格中）。</translation>
    </message>
    <message>
        <source>error: no database %1; import the grids first.</source>
        <translation>错误：没有数据库 %1；请先导入网格。</translation>
    </message>
    <message>
        <source>error: %1 has no grids to place the cameras in; import the grids first.</source>
        <translation>错误：%1 中没有可放置摄像头的网格；请先导入网格。</translation>
    </message>
    <message>
        <source>%1 cameras from layer "%2" in %3</source>
        <translation>%1 个摄像头，来自图层“%2”，坐标系 %3</translation>
    </message>
    <message>
        <source>note: %1 camera(s) have a user name or password in their stream URLs; they are kept on the server and sent only to roles that may watch video (docs/CAMERAS.md).</source>
        <translation>提示：%1 个摄像头的视频流地址中带有用户名或密码；它们保存在服务器上，只发送给有权观看视频的角色（docs/CAMERAS.md）。</translation>
    </message>
</context>
<context>
    <name>HandlingLevel</name>
    <message>
        <source>Community</source>
        <translation>社区级</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>街道级</translation>
    </message>
    <message>
        <source>District</source>
        <translation>区级</translation>
    </message>
</context>
<context>
    <name>HealthCheck</name>
    <message>
        <source>%1: %2 (%3)</source>
        <translation>%1：%2（%3）</translation>
    </message>
    <message>
        <source>%1: %2 (connect)</source>
        <translation>%1：%2（连接）</translation>
    </message>
    <message>
        <source>%1: %2 (read, or a standby that takes no writes)</source>
        <translation>%1：%2（读取失败，或为不接受写入的备库）</translation>
    </message>
</context>
<context>
    <name>Heatmap</name>
    <message>
        <source>unknown GDAL error</source>
        <translation>未知 GDAL 错误</translation>
    </message>
    <message>
        <source>coordinate is not a number</source>
        <translation>坐标不是数字</translation>
    </message>
    <message>
        <source>longitude %1 is outside -180..180</source>
        <translation>经度 %1 超出 -180..180 范围</translation>
    </message>
    <message>
        <source>latitude %1 is outside Web Mercator's -85.05..85.05</source>
        <translation>纬度 %1 超出 Web 墨卡托的 -85.05..85.05 范围</translation>
    </message>
    <message>
        <source>Cannot set up the transformation to Web Mercator: %1</source>
        <translation>无法建立到 Web 墨卡托的坐标转换：%1</translation>
    </message>
    <message>
        <source>Cannot project the points to Web Mercator: %1</source>
        <translation>无法将点投影到 Web 墨卡托：%1</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>无法打开 %1：%2</translation>
    </message>
    <message>
        <source>%1: line %2: no column named "%3" in the header</source>
        <translation>%1：第 %2 行：表头中没有名为“%3”的列</translation>
    </message>
    <message>
        <source>%1: --weight-field needs a header line naming the columns</source>
        <translation>%1：--weight-field 需要一行列名表头</translation>
    </message>
    <message>
        <source>%1: line %2: expected lon,lat[,weight] but found %3 field(s)</source>
        <translation>%1：第 %2 行：应为 lon,lat[,weight]，实际有 %3 个字段</translation>
    </message>
    <message>
        <source>%1: line %2: "%3" is not a lon,lat pair of numbers</source>
        <translation>%1：第 %2 行：“%3”不是 lon,lat 数值对</translation>
    </message>
    <message>
        <source>%1: line %2: %3</source>
        <translation>%1：第 %2 行：%3</translation>
    </message>
    <message>
        <source>%1: line %2: weight "%3" is not a number &gt;= 0</source>
        <translation>%1：第 %2 行：权重“%3”不是 &gt;= 0 的数字</translation>
    </message>
    <message>
        <source>%1: line %2: the weight column is empty</source>
        <translation>%1：第 %2 行：权重列为空</translation>
    </message>
    <message>
        <source>%1: no points</source>
        <translation>%1：没有点</translation>
    </message>
    <message>
        <source>%1 is not a GIS file GDAL can read: %2</source>
        <translation>%1 不是 GDAL 可读取的 GIS 文件：%2</translation>
    </message>
    <message>
        <source>%1 has no vector layer</source>
        <translation>%1 中没有矢量图层</translation>
    </message>
    <message>
        <source>%1: layer "%2" holds %3 geometries, not points</source>
        <translation>%1：图层“%2”的几何类型为 %3，不是点</translation>
    </message>
    <message>
        <source>%1: layer "%2" declares no coordinate reference system</source>
        <translation>%1：图层“%2”未声明坐标参考系</translation>
    </message>
    <message>
        <source>%1: layer "%2" is neither in a projected nor in a geographic CRS</source>
        <translation>%1：图层“%2”的坐标参考系既不是投影坐标系也不是地理坐标系</translation>
    </message>
    <message>
        <source>%1: cannot transform its CRS to lon/lat: %2</source>
        <translation>%1：无法将其坐标参考系转换为经纬度：%2</translation>
    </message>
    <message>
        <source>%1: layer "%2" has no field "%3"</source>
        <translation>%1：图层“%2”中没有字段“%3”</translation>
    </message>
    <message>
        <source>%1: layer "%2", feature %3: %4</source>
        <translation>%1：图层“%2”，要素 %3：%4</translation>
    </message>
    <message>
        <source>the weight field "%1" is empty</source>
        <translation>权重字段“%1”为空</translation>
    </message>
    <message>
        <source>weight %1 is not a number &gt;= 0</source>
        <translation>权重 %1 不是 &gt;= 0 的数字</translation>
    </message>
    <message>
        <source>a %1 is not a point</source>
        <translation>%1 不是点</translation>
    </message>
    <message>
        <source>%1: reading failed: %2</source>
        <translation>%1：读取失败：%2</translation>
    </message>
    <message>
        <source>%1: layer "%2" has no points</source>
        <translation>%1：图层“%2”中没有点</translation>
    </message>
    <message>
        <source>%1: cannot transform the points to lon/lat: %2</source>
        <translation>%1：无法将点转换为经纬度：%2</translation>
    </message>
    <message>
        <source>%1: layer "%2", point %3: %4</source>
        <translation>%1：图层“%2”，点 %3：%4</translation>
    </message>
    <message>
        <source>%1: no such file</source>
        <translation>%1：文件不存在</translation>
    </message>
    <message>
        <source>GDAL has no GeoTIFF driver</source>
        <translation>GDAL 没有 GeoTIFF 驱动</translation>
    </message>
    <message>
        <source>Cannot create %1: %2</source>
        <translation>无法创建 %1：%2</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Cannot move %1 into place: %2</source>
        <translation>无法将 %1 移动到目标位置：%2</translation>
    </message>
</context>
<context>
    <name>HeatmapCommand</name>
    <message>
        <source>Kernel density (quartic) of points into a Float32 GeoTIFF.</source>
        <translation>计算点的核密度（四次核函数），输出为 Float32 GeoTIFF。</translation>
    </message>
    <message>
        <source>Points: a CSV of lon,lat[,weight], or any GIS point layer (first layer).</source>
        <translation>点数据：lon,lat[,weight] 格式的 CSV，或任意 GIS 点图层（取第一个图层）。</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>FILE</translation>
    </message>
    <message>
        <source>Kernel radius in metres.</source>
        <translation>核半径（米）。</translation>
    </message>
    <message>
        <source>M</source>
        <translation>M</translation>
    </message>
    <message>
        <source>Pixel size in metres.</source>
        <translation>像元大小（米）。</translation>
    </message>
    <message>
        <source>Output GeoTIFF.</source>
        <translation>输出的 GeoTIFF 文件。</translation>
    </message>
    <message>
        <source>Field (or CSV header column) holding each point's weight.</source>
        <translation>存放各点权重的字段（或 CSV 表头中的列）。</translation>
    </message>
    <message>
        <source>F</source>
        <translation>F</translation>
    </message>
    <message>
        <source>Raster extent in the output CRS; default: the points' extent padded by the radius.</source>
        <translation>输出坐标参考系下的栅格范围；默认：点的范围向外扩展一个半径。</translation>
    </message>
    <message>
        <source>xmin,ymin,xmax,ymax</source>
        <translation>xmin,ymin,xmax,ymax</translation>
    </message>
    <message>
        <source>Scaled densities (QGIS "scaled" output) instead of raw kernel sums.</source>
        <translation>输出缩放后的密度（即 QGIS 的“scaled”输出），而非原始核函数之和。</translation>
    </message>
    <message>
        <source>Sub-pixel positions per pixel axis, 1 to 4 (default 1).</source>
        <translation>每个像元每个轴向的子像元采样数，1 到 4（默认 1）。</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>Usage: %1 --points FILE --radius M --pixel M --out FILE.tif [--weight-field F] [--extent xmin,ymin,xmax,ymax] [--scaled] [--subpixel N]</source>
        <translation>用法：%1 --points FILE --radius M --pixel M --out FILE.tif [--weight-field F] [--extent xmin,ymin,xmax,ymax] [--scaled] [--subpixel N]</translation>
    </message>
    <message>
        <source>--radius must be a number of metres &gt; 0, not "%1"</source>
        <translation>--radius 必须是大于 0 的米数，不能是“%1”</translation>
    </message>
    <message>
        <source>--pixel must be a number of metres &gt; 0, not "%1"</source>
        <translation>--pixel 必须是大于 0 的米数，不能是“%1”</translation>
    </message>
    <message>
        <source>the radius is %1 pixels wide; at most %2 are allowed</source>
        <translation>半径宽 %1 个像元；最多允许 %2 个</translation>
    </message>
    <message>
        <source>--subpixel must be 1, 2, 3 or 4</source>
        <translation>--subpixel 只能是 1、2、3 或 4</translation>
    </message>
    <message>
        <source>--extent must be xmin,ymin,xmax,ymax with xmin &lt; xmax and ymin &lt; ymax</source>
        <translation>--extent 必须为 xmin,ymin,xmax,ymax，且 xmin &lt; xmax、ymin &lt; ymax</translation>
    </message>
    <message>
        <source>the raster would be %1 x %2 pixels; at most %3 x %3 are allowed (use a larger --pixel or a smaller --extent)</source>
        <translation>栅格将达 %1 x %2 像元；最多允许 %3 x %3（请增大 --pixel 或缩小 --extent）</translation>
    </message>
    <message>
        <source>Wrote %1: %2 x %3 pixels of %4 m, %5 points, radius %6 m, maximum density %7</source>
        <translation>已写入 %1：%2 x %3 像元，像元大小 %4 米，%5 个点，半径 %6 米，最大密度 %7</translation>
    </message>
    <message>
        <source>Lon/lat input: the raster is in Web Mercator (EPSG:3857).</source>
        <translation>输入为经纬度：栅格采用 Web 墨卡托投影（EPSG:3857）。</translation>
    </message>
    <message>
        <source>Skipped %1 feature(s) without a geometry.</source>
        <translation>已跳过 %1 个没有几何图形的要素。</translation>
    </message>
    <message>
        <source>Times: reading %1 ms, density %2 ms, writing %3 ms</source>
        <translation>耗时：读取 %1 毫秒，密度计算 %2 毫秒，写入 %3 毫秒</translation>
    </message>
</context>
<context>
    <name>Kpi</name>
    <message>
        <source>Reported</source>
        <translation>上报数</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>立案数</translation>
    </message>
    <message>
        <source>Dispatched</source>
        <translation>派遣数</translation>
    </message>
    <message>
        <source>Dispatched on time</source>
        <translation>按时派遣数</translation>
    </message>
    <message>
        <source>Handled</source>
        <translation>处置数</translation>
    </message>
    <message>
        <source>Handled on time</source>
        <translation>按期处置数</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>结案数</translation>
    </message>
    <message>
        <source>Closed on time</source>
        <translation>按期结案数</translation>
    </message>
    <message>
        <source>Reworked</source>
        <translation>返工数</translation>
    </message>
    <message>
        <source>Extended</source>
        <translation>延期数</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>超期数</translation>
    </message>
    <message>
        <source>Due for closing</source>
        <translation>应结案数</translation>
    </message>
    <message>
        <source>Due for handling</source>
        <translation>应处置数</translation>
    </message>
    <message>
        <source>Due for dispatch</source>
        <translation>应派遣数</translation>
    </message>
    <message>
        <source>Closed at community or street level</source>
        <translation>社区或街道级结案数</translation>
    </message>
    <message>
        <source>Closure rate</source>
        <translation>结案率</translation>
    </message>
    <message>
        <source>On-time closure rate</source>
        <translation>按期结案率</translation>
    </message>
    <message>
        <source>Handling rate</source>
        <translation>处置率</translation>
    </message>
    <message>
        <source>On-time handling rate</source>
        <translation>按期处置率</translation>
    </message>
    <message>
        <source>Rework rate</source>
        <translation>返工率</translation>
    </message>
    <message>
        <source>Extension rate</source>
        <translation>延期率</translation>
    </message>
    <message>
        <source>On-time dispatch rate</source>
        <translation>按时派遣率</translation>
    </message>
    <message>
        <source>Accurate dispatch rate</source>
        <translation>准确派遣率</translation>
    </message>
    <message>
        <source>Grassroots handling rate</source>
        <translation>基层处置率</translation>
    </message>
    <message>
        <source>Registered cases score</source>
        <translation>立案数分值</translation>
    </message>
    <message>
        <source>Composite score</source>
        <translation>综合指标值</translation>
    </message>
    <message>
        <source>KPI weights are not a JSON object: %1</source>
        <translation>指标权重不是 JSON 对象：%1</translation>
    </message>
    <message>
        <source>KPI weights: "%1" is not a rate or "registered_score"</source>
        <translation>指标权重："%1" 既不是比率指标，也不是 "registered_score"</translation>
    </message>
    <message>
        <source>KPI weights: "%1" must be a number between 0 and 1</source>
        <translation>指标权重："%1" 必须是 0 到 1 之间的数</translation>
    </message>
    <message>
        <source>KPI weights must add up to 1, not %1</source>
        <translation>指标权重之和必须为 1，而不是 %1</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1%</translation>
    </message>
    <message>
        <source>%1%2 pp</source>
        <translation>%1%2 个百分点</translation>
    </message>
</context>
<context>
    <name>KpiCharts</name>
    <message>
        <source>W%1</source>
        <translation>第%1周</translation>
    </message>
    <message>
        <source>Reported and closed cases per week</source>
        <translation>每周上报数与结案数</translation>
    </message>
    <message>
        <source>Closure rate against the target</source>
        <translation>结案率与目标对比</translation>
    </message>
    <message>
        <source>Target %1</source>
        <translation>目标 %1</translation>
    </message>
    <message>
        <source>Reported cases by category</source>
        <translation>各类别上报案件数</translation>
    </message>
    <message>
        <source>Best and worst %1 by composite score</source>
        <translation>综合指标值前 %1 名与后 %1 名</translation>
    </message>
    <message>
        <source>Ranking by composite score</source>
        <translation>综合指标值排名</translation>
    </message>
    <message>
        <source>Grade %1</source>
        <translation>%1 级</translation>
    </message>
    <message>
        <source>%1. %2</source>
        <translation>%1. %2</translation>
    </message>
    <message>
        <source>Disputes reported by grade</source>
        <translation>各等级矛盾纠纷上报数</translation>
    </message>
    <message>
        <source>Overdue now: %1 open cases</source>
        <translation>当前超期：%1 件未结案件</translation>
    </message>
    <message>
        <source>Overdue now</source>
        <translation>当前超期</translation>
    </message>
</context>
<context>
    <name>KpiOverview</name>
    <message>
        <source>Cannot read the KPI data from %1: %2</source>
        <translation>无法从 %1 读取指标数据：%2</translation>
    </message>
    <message>
        <source>The report period is not a valid week.</source>
        <translation>报告周期不是有效的周。</translation>
    </message>
    <message>
        <source>Reading areas</source>
        <translation>正在读取区域</translation>
    </message>
    <message>
        <source>All areas</source>
        <translation>全部区域</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>街道级</translation>
    </message>
    <message>
        <source>No street with the code %1 in %2.</source>
        <translation>%2 中没有编码为 %1 的街道。</translation>
    </message>
    <message>
        <source>Community</source>
        <translation>社区级</translation>
    </message>
    <message>
        <source>Counting indicators</source>
        <translation>正在统计指标</translation>
    </message>
    <message>
        <source>Ranking</source>
        <translation>正在排名</translation>
    </message>
    <message>
        <source>Counting categories and disputes</source>
        <translation>正在统计类别和矛盾纠纷</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Listing overdue and parked cases</source>
        <translation>正在列出超期和挂账案件</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
</context>
<context>
    <name>KpiQuery</name>
    <message>
        <source>A KPI period needs a start and an end</source>
        <translation>指标统计周期必须有开始和结束时间</translation>
    </message>
    <message>
        <source>A KPI period boundary is not a valid time</source>
        <translation>指标统计周期的边界不是有效时间</translation>
    </message>
    <message>
        <source>KPI periods must follow each other: %1 is not after the previous boundary</source>
        <translation>指标统计周期必须按时间先后排列：%1 不晚于上一个边界</translation>
    </message>
    <message>
        <source>The store is not open</source>
        <translation>本地数据文件未打开</translation>
    </message>
    <message>
        <source>Cannot read the cases for the KPIs: %1</source>
        <translation>无法读取用于指标统计的案件：%1</translation>
    </message>
    <message>
        <source>A KPI period must start before it ends</source>
        <translation>指标统计周期的开始时间必须早于结束时间</translation>
    </message>
</context>
<context>
    <name>LiveSync</name>
    <message>
        <source>Not connected to a server yet.</source>
        <translation>尚未连接服务器。</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>GridHall command-hall workstation.</source>
        <translation>GridHall 指挥大厅工作站。</translation>
    </message>
    <message>
        <source>Local store (SQLite file) to open.</source>
        <translation>要打开的本地数据文件（SQLite 文件）。</translation>
    </message>
    <message>
        <source>Run on the demo district (created on first use).</source>
        <translation>在演示区上运行（首次使用时创建）。</translation>
    </message>
    <message>
        <source>User interface language: zh_CN or en.</source>
        <translation>界面语言：zh_CN 或 en。</translation>
    </message>
    <message>
        <source>Save the window to FILE once data has settled, then quit.</source>
        <translation>数据加载完成后将窗口截图保存到 FILE，然后退出。</translation>
    </message>
    <message>
        <source>Window size in pixels, e.g. 1920x1080.</source>
        <translation>窗口尺寸（像素），例如 1920x1080。</translation>
    </message>
    <message>
        <source>Colour theme: light or dark.</source>
        <translation>配色主题：light（浅色）或 dark（深色）。</translation>
    </message>
    <message>
        <source>Unexpected argument: %1</source>
        <translation>多余的参数：%1</translation>
    </message>
    <message>
        <source>--theme must be light or dark, not %1</source>
        <translation>--theme 只能是 light 或 dark，不能是 %1</translation>
    </message>
    <message>
        <source>--size must look like 1920x1080 (between 320x240 and 16384x16384)</source>
        <translation>--size 的格式应形如 1920x1080（介于 320x240 与 16384x16384 之间）</translation>
    </message>
    <message>
        <source>Unknown language %1; available: %2</source>
        <translation>未知语言 %1；可用语言：%2</translation>
    </message>
    <message>
        <source>Simulated field workers in the demo (default 300).</source>
        <translation>演示中模拟的外勤人员数（默认 300）。</translation>
    </message>
    <message>
        <source>Wall mode: one full-screen window per screen, for the command hall's video wall.</source>
        <translation>大屏模式：每块屏幕一个全屏窗口，用于指挥大厅的拼接大屏。</translation>
    </message>
    <message>
        <source>Wall layout (JSON): which screen shows which views, and for how long.</source>
        <translation>大屏布局（JSON）：各屏幕显示哪些视图、每个视图显示多长时间。</translation>
    </message>
    <message>
        <source>Wall drill: raise an alert for the newest open red dispute once data is shown.</source>
        <translation>大屏演练：数据显示后，为最新一件未结的红色纠纷发出告警。</translation>
    </message>
    <message>
        <source>--layout and --wall-drill need --wall</source>
        <translation>--layout 和 --wall-drill 需要同时指定 --wall</translation>
    </message>
    <message>
        <source>--demo-workers must be a number from 0 to 20000</source>
        <translation>--demo-workers 必须是 0 到 20000 之间的数字</translation>
    </message>
    <message>
        <source>Replay the recorded tracks of these workers (codes, comma-separated) over the last 8 hours.</source>
        <translation>回放这些外勤人员（编码，用逗号分隔）最近 8 小时记录的轨迹。</translation>
    </message>
    <message>
        <source>--replay needs worker codes, e.g. --replay GW0001,GW0002</source>
        <translation>--replay 需要人员编码，例如 --replay GW0001,GW0002</translation>
    </message>
    <message>
        <source>--replay is for the workstation, not --wall</source>
        <translation>--replay 用于工作站，不能与 --wall 同用</translation>
    </message>
    <message>
        <source>--size and --theme are for the workstation; the wall fills its screens in its dark theme (a layout file sets the viewing distance)</source>
        <translation>--size 和 --theme 用于工作站；大屏始终以深色主题铺满各屏幕（观看距离由布局文件设定）</translation>
    </message>
    <message>
        <source>User name on the server.</source>
        <translation>服务器上的用户名。</translation>
    </message>
    <message>
        <source>Read the password from the first line of FILE (walls and scripts; the workstation asks otherwise).</source>
        <translation>从 FILE 的第一行读取密码（用于大屏和脚本；工作站否则会弹窗询问）。</translation>
    </message>
    <message>
        <source>PEM certificates to trust for a wss:// server (the hall's own CA).</source>
        <translation>wss:// 服务器所信任的 PEM 证书（指挥中心自有 CA）。</translation>
    </message>
    <message>
        <source>--user, --password-file and --ca go with --server</source>
        <translation>--user、--password-file 和 --ca 需与 --server 一起使用</translation>
    </message>
    <message>
        <source>--demo runs its own server; leave out --server</source>
        <translation>--demo 会启动自己的服务器；请去掉 --server</translation>
    </message>
    <message>
        <source>--server here needs --user and --password-file: %1 shows no login dialog</source>
        <translation>此处 --server 需要 --user 和 --password-file：%1 不显示登录对话框</translation>
    </message>
    <message>
        <source>Give --server URL (the hall's server), --db FILE (a local store) or --demo (the demo district).</source>
        <translation>请给出 --server URL（指挥中心服务器）、--db FILE（本地数据库）或 --demo（演示辖区）。</translation>
    </message>
    <message>
        <source>Raster tiles under the map, from a tile source file (JSON: an XYZ URL, an MBTiles file or a GeoTIFF, with its datum).</source>
        <translation>地图底层的栅格瓦片，来自瓦片源文件（JSON：XYZ 地址、MBTiles 文件或 GeoTIFF，并注明坐标系）。</translation>
    </message>
    <message>
        <source>--tiles is for the workstation</source>
        <translation>--tiles 仅用于工作站</translation>
    </message>
    <message>
        <source>The hall's GridHall server, e.g. wss://gridhall.example.gov.cn:8443, or several instances of it separated by commas, tried in turn (remembered for next time).</source>
        <translation>指挥中心的 GridHall 服务器，例如 wss://gridhall.example.gov.cn:8443；也可用逗号分隔列出多个服务器实例，依次尝试（下次启动时记住）。</translation>
    </message>
</context>
<context>
    <name>PgStorage</name>
    <message>
        <source>Cannot connect to PostgreSQL: %1</source>
        <translation>无法连接 PostgreSQL：%1</translation>
    </message>
    <message>
        <source>Cannot prepare the PostgreSQL database: %1</source>
        <translation>无法准备 PostgreSQL 数据库：%1</translation>
    </message>
    <message>
        <source>the database has schema version %1; this server knows up to %2</source>
        <translation>数据库的架构版本为 %1；本服务器最高支持 %2</translation>
    </message>
    <message>
        <source>Cannot listen for other servers' changes: %1</source>
        <translation>无法监听其他服务器的变更：%1</translation>
    </message>
    <message>
        <source>Lost the connection that listens for other servers' changes: %1</source>
        <translation>监听其他服务器变更的连接已断开：%1</translation>
    </message>
    <message>
        <source>Cannot share live positions with other servers: %1</source>
        <translation>无法与其他服务器共享实时位置：%1</translation>
    </message>
</context>
<context>
    <name>Protocol</name>
    <message>
        <source>Field "%1": %2</source>
        <translation>字段 "%1"：%2</translation>
    </message>
    <message>
        <source>Message of %1 bytes exceeds the limit of %2</source>
        <translation>消息长度 %1 字节，超出上限 %2</translation>
    </message>
    <message>
        <source>Message nested deeper than %1 levels</source>
        <translation>消息嵌套超过 %1 层</translation>
    </message>
    <message>
        <source>Not valid JSON at offset %1: %2</source>
        <translation>偏移 %1 处不是有效的 JSON：%2</translation>
    </message>
    <message>
        <source>A message must be a JSON object</source>
        <translation>消息必须是 JSON 对象</translation>
    </message>
    <message>
        <source>Unsupported protocol version (this side speaks %1)</source>
        <translation>不支持的协议版本（本端使用版本 %1）</translation>
    </message>
    <message>
        <source>Unknown message type "%1"</source>
        <translation>未知消息类型 "%1"</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>缺失</translation>
    </message>
    <message>
        <source>must be a string</source>
        <translation>必须是字符串</translation>
    </message>
    <message>
        <source>longer than %1 characters</source>
        <translation>超过 %1 个字符</translation>
    </message>
    <message>
        <source>must be a number</source>
        <translation>必须是数字</translation>
    </message>
    <message>
        <source>must be an integer from %1 to %2</source>
        <translation>必须是 %1 到 %2 之间的整数</translation>
    </message>
    <message>
        <source>must be a finite number from %1 to %2</source>
        <translation>必须是 %1 到 %2 之间的有限数值</translation>
    </message>
    <message>
        <source>A case row needs %1 values, got %2</source>
        <translation>案件行需要 %1 个值，实际为 %2 个</translation>
    </message>
    <message>
        <source>must be an integer</source>
        <translation>必须是整数</translation>
    </message>
    <message>
        <source>out of range</source>
        <translation>超出范围</translation>
    </message>
    <message>
        <source>unknown value</source>
        <translation>未知取值</translation>
    </message>
    <message>
        <source>A case needs a positive id and version</source>
        <translation>案件的 id 和版本号必须为正数</translation>
    </message>
    <message>
        <source>An event names an unknown role, action or state</source>
        <translation>流转记录中含有未知的角色、操作或状态</translation>
    </message>
    <message>
        <source>not a geometry</source>
        <translation>不是几何图形</translation>
    </message>
    <message>
        <source>not an area code</source>
        <translation>不是区域编码</translation>
    </message>
    <message>
        <source>Field "%1": bad value</source>
        <translation>字段 "%1"：取值无效</translation>
    </message>
    <message>
        <source>unknown basemap kind</source>
        <translation>未知的底图要素类型</translation>
    </message>
    <message>
        <source>not a line</source>
        <translation>不是有效的线</translation>
    </message>
    <message>
        <source>must be a base64 string</source>
        <translation>必须是 base64 字符串</translation>
    </message>
    <message>
        <source>Field "%1": more than %2 bytes</source>
        <translation>字段 "%1"：超过 %2 字节</translation>
    </message>
    <message>
        <source>Field "%1": not base64</source>
        <translation>字段 "%1"：不是有效的 base64</translation>
    </message>
    <message>
        <source>must be image/jpeg or image/png</source>
        <translation>必须是 image/jpeg 或 image/png</translation>
    </message>
    <message>
        <source>must be an array</source>
        <translation>必须是数组</translation>
    </message>
    <message>
        <source>at most %1 photos, got %2</source>
        <translation>最多 %1 张照片，收到 %2 张</translation>
    </message>
    <message>
        <source>must be an object</source>
        <translation>必须是对象</translation>
    </message>
    <message>
        <source>must not be empty</source>
        <translation>不能为空</translation>
    </message>
    <message>
        <source>must be -1 or from 0 to below 360</source>
        <translation>必须为 -1 或不小于 0 且小于 360</translation>
    </message>
    <message>
        <source>must be an rtsp, rtsps, http or https URL</source>
        <translation>必须是 rtsp、rtsps、http 或 https 地址</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>GridHall</source>
        <translation>GridHall</translation>
    </message>
    <message>
        <source>The server refused the login: %1</source>
        <translation>服务器拒绝登录：%1</translation>
    </message>
</context>
<context>
    <name>ReportCommand</name>
    <message>
        <source>The weekly KPI report for leaders as PDF (and XLSX).</source>
        <translation>生成面向领导的每周指标周报，输出 PDF（及 XLSX）。</translation>
    </message>
    <message>
        <source>Store (SQLite file) to read.</source>
        <translation>要读取的数据文件（SQLite 文件）。</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>FILE</translation>
    </message>
    <message>
        <source>WEEK</source>
        <translation>WEEK</translation>
    </message>
    <message>
        <source>Only this street (9-digit code); default: the whole district.</source>
        <translation>仅统计该街道（9 位编码）；默认：全区。</translation>
    </message>
    <message>
        <source>CODE</source>
        <translation>CODE</translation>
    </message>
    <message>
        <source>PDF file to write.</source>
        <translation>要写入的 PDF 文件。</translation>
    </message>
    <message>
        <source>Also write the tables to this spreadsheet (XLSX).</source>
        <translation>同时将表格写入此电子表格（XLSX）。</translation>
    </message>
    <message>
        <source>Report language: zh_CN or en (default: the system's).</source>
        <translation>报告语言：zh_CN 或 en（默认：系统语言）。</translation>
    </message>
    <message>
        <source>LANG</source>
        <translation>LANG</translation>
    </message>
    <message>
        <source>Judge "overdue now" at this time (ISO 8601) instead of now.</source>
        <translation>以此时间（ISO 8601）而非当前时间判定“当前超期”。</translation>
    </message>
    <message>
        <source>TIME</source>
        <translation>TIME</translation>
    </message>
    <message>
        <source>unknown language %1; available: %2</source>
        <translation>未知语言 %1；可用语言：%2</translation>
    </message>
    <message>
        <source>--week must be an ISO week like 2026-W47, not "%1"</source>
        <translation>--week 必须是形如 2026-W47 的 ISO 周，不能是“%1”</translation>
    </message>
    <message>
        <source>--street must be a 9-digit street code, not "%1"</source>
        <translation>--street 必须是 9 位街道编码，不能是“%1”</translation>
    </message>
    <message>
        <source>--as-of must be a time like 2026-11-23T08:00, not "%1"</source>
        <translation>--as-of 必须是形如 2026-11-23T08:00 的时间，不能是“%1”</translation>
    </message>
    <message>
        <source>--out and --xlsx must be different files</source>
        <translation>--out 和 --xlsx 必须是不同的文件</translation>
    </message>
    <message>
        <source>no such store: %1</source>
        <translation>数据文件不存在：%1</translation>
    </message>
    <message>
        <source>Wrote %1: %2 pages, %3, %4</source>
        <translation>已写入 %1：共 %2 页，%3，%4</translation>
    </message>
    <message>
        <source>Wrote %1</source>
        <translation>已写入 %1</translation>
    </message>
    <message>
        <source>Times: reading %1 ms, writing %2 ms</source>
        <translation>耗时：读取 %1 毫秒，写入 %2 毫秒</translation>
    </message>
    <message>
        <source>Usage: %1 --db FILE --week 2026-W47|last [--street CODE] --out report.pdf|--out-dir DIR [--xlsx FILE] [--lang zh_CN|en] [--as-of TIME] [--mail-to ADDRESS,…]</source>
        <translation>用法：%1 --db 文件 --week 2026-W47|last [--street 编码] --out report.pdf|--out-dir 目录 [--xlsx 文件] [--lang zh_CN|en] [--as-of 时间] [--mail-to 地址,…]</translation>
    </message>
    <message>
        <source>ISO week to report on, e.g. 2026-W47, or "last" for the week before the current one.</source>
        <translation>报告的 ISO 周，例如 2026-W47；"last" 表示本周的前一周。</translation>
    </message>
    <message>
        <source>Write the PDF into this folder as gridhall-report-WEEK[-STREET].pdf (for scheduled runs).</source>
        <translation>将 PDF 写入该目录，文件名为 gridhall-report-周[-街道].pdf（用于定时任务）。</translation>
    </message>
    <message>
        <source>DIR</source>
        <translation>目录</translation>
    </message>
    <message>
        <source>Also mail the report to these addresses through the local sendmail.</source>
        <translation>同时通过本机 sendmail 将报告发送到这些邮件地址。</translation>
    </message>
    <message>
        <source>ADDRESS</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>give either --out or --out-dir</source>
        <translation>请给出 --out 或 --out-dir 之一</translation>
    </message>
    <message>
        <source>cannot make the folder %1</source>
        <translation>无法创建目录 %1</translation>
    </message>
    <message>
        <source>--mail-to needs mail addresses, not "%1"</source>
        <translation>--mail-to 需要邮件地址，而不是"%1"</translation>
    </message>
    <message>
        <source>cannot mail the report: no sendmail on PATH or in /usr/sbin (the report is in %1)</source>
        <translation>无法发送报告邮件：PATH 和 /usr/sbin 中都没有 sendmail（报告已保存在 %1）</translation>
    </message>
    <message>
        <source>Weekly KPI report %1 %2</source>
        <translation>每周绩效报告 %1 %2</translation>
    </message>
    <message>
        <source>%1 did not accept the report for %2: %3 (the report is in %4)</source>
        <translation>%1 未接受发给 %2 的报告：%3（报告已保存在 %4）</translation>
    </message>
    <message>
        <source>Mailed to %1</source>
        <translation>已发送给 %1</translation>
    </message>
</context>
<context>
    <name>Role</name>
    <message>
        <source>Field worker</source>
        <translation>外勤人员</translation>
    </message>
    <message>
        <source>Department handler</source>
        <translation>部门处置员</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>受理派遣员</translation>
    </message>
    <message>
        <source>Street supervisor</source>
        <translation>街道网格长</translation>
    </message>
    <message>
        <source>Shift leader</source>
        <translation>值班长</translation>
    </message>
    <message>
        <source>Leader</source>
        <translation>领导</translation>
    </message>
    <message>
        <source>System</source>
        <translation>系统</translation>
    </message>
</context>
<context>
    <name>ServeCommands</name>
    <message>
        <source>Run %1 --help for the options.</source>
        <translation>运行 %1 --help 查看选项。</translation>
    </message>
    <message>
        <source>Unexpected argument: %1</source>
        <translation>多余的参数：%1</translation>
    </message>
    <message>
        <source>Serves the sync protocol (docs/PROTOCOL.md) over WebSocket.</source>
        <translation>通过 WebSocket 提供同步协议（docs/PROTOCOL.md）服务。</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>FILE</translation>
    </message>
    <message>
        <source>Address and port (default 127.0.0.1:8765; port 0 picks a free one).</source>
        <translation>监听地址和端口（默认 127.0.0.1:8765；端口为 0 时自动选择空闲端口）。</translation>
    </message>
    <message>
        <source>ADDR:PORT</source>
        <translation>ADDR:PORT</translation>
    </message>
    <message>
        <source>PEM certificate: serve wss://.</source>
        <translation>PEM 证书：以 wss:// 提供服务。</translation>
    </message>
    <message>
        <source>PEM private key for --tls-cert.</source>
        <translation>与 --tls-cert 配套的 PEM 私钥。</translation>
    </message>
    <message>
        <source>Session token lifetime in seconds (default 43200).</source>
        <translation>会话令牌有效期，单位为秒（默认 43200）。</translation>
    </message>
    <message>
        <source>SECS</source>
        <translation>SECS</translation>
    </message>
    <message>
        <source>--listen must be ADDRESS:PORT, e.g. 127.0.0.1:8765, not "%1"</source>
        <translation>--listen 必须为 ADDRESS:PORT 格式，例如 127.0.0.1:8765，不能是“%1”</translation>
    </message>
    <message>
        <source>--tls-cert and --tls-key go together</source>
        <translation>--tls-cert 与 --tls-key 必须同时指定</translation>
    </message>
    <message>
        <source>--token-lifetime must be a positive number of seconds</source>
        <translation>--token-lifetime 必须是正的秒数</translation>
    </message>
    <message>
        <source>No database %1 (create one with gridhall-server demo-data)</source>
        <translation>数据库 %1 不存在（可用 gridhall-server demo-data 创建）</translation>
    </message>
    <message>
        <source>Cannot listen on %1: %2</source>
        <translation>无法监听 %1：%2</translation>
    </message>
    <message>
        <source>Server database.</source>
        <translation>服务器数据库。</translation>
    </message>
    <message>
        <source>User name.</source>
        <translation>用户名。</translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>NAME</translation>
    </message>
    <message>
        <source>ROLE</source>
        <translation>ROLE</translation>
    </message>
    <message>
        <source>Street code the user is scoped to.</source>
        <translation>限定该用户权限范围的街道编码。</translation>
    </message>
    <message>
        <source>CODE</source>
        <translation>CODE</translation>
    </message>
    <message>
        <source>Worker code a field worker acts as (default: the user name).</source>
        <translation>外勤人员对应的人员编码（默认：用户名）。</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>Make every worker a field_worker user named by its worker code, all with this password (simulator, demo).</source>
        <translation>为每名人员创建一个 field_worker 用户，用户名为其人员编码，密码统一为此密码（用于模拟器、演示）。</translation>
    </message>
    <message>
        <source>--role must be one of district_operator, street_operator, supervisor, shift_leader, leader, field_worker</source>
        <translation>--role 必须是以下之一：district_operator、street_operator、supervisor、shift_leader、leader、field_worker</translation>
    </message>
    <message>
        <source>--all-workers makes field_worker users and takes no --user</source>
        <translation>--all-workers 用于创建 field_worker 用户，不能同时指定 --user</translation>
    </message>
    <message>
        <source>--user NAME is required (at most 64 characters)</source>
        <translation>必须指定 --user NAME（最多 64 个字符）</translation>
    </message>
    <message>
        <source>--street must be a 9-digit street code, not "%1"</source>
        <translation>--street 必须是 9 位街道编码，不能是“%1”</translation>
    </message>
    <message>
        <source>A %1 needs --street</source>
        <translation>%1 需要指定 --street</translation>
    </message>
    <message>
        <source>--iterations must be from 1000 to 10000000</source>
        <translation>--iterations 必须在 1000 到 10000000 之间</translation>
    </message>
    <message>
        <source>No password on standard input</source>
        <translation>标准输入中没有密码</translation>
    </message>
    <message>
        <source>%1 field worker users saved</source>
        <translation>已保存 %1 个外勤人员用户</translation>
    </message>
    <message>
        <source>No worker %1 in %2</source>
        <translation>%2 中没有人员 %1</translation>
    </message>
    <message>
        <source>User %1 saved as %2</source>
        <translation>已保存用户 %1（角色 %2）</translation>
    </message>
    <message>
        <source>audit intact: %1 entries</source>
        <translation>审计日志完整：共 %1 条记录</translation>
    </message>
    <message>
        <source>Keep workers' tracks for replay this many days (default 30).</source>
        <translation>外勤人员轨迹保留天数，用于回放（默认 30）。</translation>
    </message>
    <message>
        <source>DAYS</source>
        <translation>天数</translation>
    </message>
    <message>
        <source>--track-days must be a number of days from 1 to 3650</source>
        <translation>--track-days 须为 1 到 3650 之间的天数</translation>
    </message>
    <message>
        <source>--max-connections must be a positive number</source>
        <translation>--max-connections 须为正整数</translation>
    </message>
    <message>
        <source>Checks the whole audit log: its hash chain, the keyed hashes (with the audit key) and the signed checkpoints; lists every broken entry.</source>
        <translation>检查整个审计日志：哈希链、带密钥哈希（使用审计密钥）和已签名的检查点；列出所有损坏的记录。</translation>
    </message>
    <message>
        <source>No database %1</source>
        <translation>数据库 %1 不存在</translation>
    </message>
    <message>
        <source>audit broken: problems found: %1</source>
        <translation>审计日志已损坏：发现问题 %1 处</translation>
    </message>
    <message>
        <source>audit log: %1 entries, %2 keyed and checked, %3 unkeyed (SHA-256, from before keying), %4 not checked</source>
        <translation>审计日志：%1 条记录，%2 条带密钥并已核验，%3 条不带密钥（SHA-256，启用密钥之前），%4 条未核验</translation>
    </message>
    <message>
        <source>audit not verified: %1 keyed entries could not be checked</source>
        <translation>审计日志未能核验：%1 条带密钥记录无法核验</translation>
    </message>
    <message>
        <source>cannot check the keys: %1</source>
        <translation>无法核验密钥：%1</translation>
    </message>
    <message>
        <source>checkpoints: %1 compared, the newest signs entry %2</source>
        <translation>检查点：已比对 %1 个，最新的签署第 %2 条记录</translation>
    </message>
    <message>
        <source>checkpoints: none</source>
        <translation>检查点：无</translation>
    </message>
    <message>
        <source>note: %1</source>
        <translation>注意：%1</translation>
    </message>
    <message>
        <source>… and %1 more</source>
        <translation>……另有 %1 处</translation>
    </message>
    <message>
        <source>The password is too short: it needs at least 10 characters (it has %1)</source>
        <translation>密码太短：至少需要 10 个字符（当前 %1 个）</translation>
    </message>
    <message>
        <source>The password is too long: a login carries at most 256 characters</source>
        <translation>密码太长：登录最多携带 256 个字符</translation>
    </message>
    <message>
        <source>The password is too simple: it needs at least three of lower-case letters, upper-case letters, digits and other characters</source>
        <translation>密码太简单：小写字母、大写字母、数字和其他字符中至少需要三类</translation>
    </message>
    <message>
        <source>The password must not contain the user name (%1)</source>
        <translation>密码不得包含用户名（%1）</translation>
    </message>
    <message>
        <source>Serve ws:// without TLS on an address other than loopback (a trusted network only: passwords and tokens cross it in clear).</source>
        <translation>在非回环地址上不使用 TLS 提供 ws:// 服务（仅限可信网络：密码和令牌以明文传输）。</translation>
    </message>
    <message>
        <source>Close connections that have not logged in after this many seconds (default %1).</source>
        <translation>连接在此秒数内未登录即关闭（默认 %1）。</translation>
    </message>
    <message>
        <source>Close sessions that send nothing for this many seconds (default %1; clients ping every 5).</source>
        <translation>会话在此秒数内无任何消息即关闭（默认 %1；客户端每 5 秒发送一次 ping）。</translation>
    </message>
    <message>
        <source>Connections from one address not logged in yet, at most (default %1; 0: no limit).</source>
        <translation>同一地址尚未登录的连接数上限（默认 %1；0：不限）。</translation>
    </message>
    <message>
        <source>Snapshots streamed at once; more wait their turn (default %1).</source>
        <translation>同时传输的快照数；其余排队等候（默认 %1）。</translation>
    </message>
    <message>
        <source>Close a connection whose snapshot it has not read for this many seconds (default %1).</source>
        <translation>客户端在此秒数内未读取快照即断开连接（默认 %1）。</translation>
    </message>
    <message>
        <source>Refusing to serve on %1 without TLS: passwords and session tokens would cross the network in clear. Give --tls-cert and --tls-key, or --insecure on a trusted network.</source>
        <translation>拒绝在 %1 上不使用 TLS 提供服务：密码和会话令牌将以明文在网络上传输。请指定 --tls-cert 和 --tls-key，或在可信网络上使用 --insecure。</translation>
    </message>
    <message>
        <source>Warning: serving ws:// without TLS on %1 (--insecure): passwords and session tokens cross the network in clear.</source>
        <translation>警告：正在 %1 上不使用 TLS 提供 ws:// 服务（--insecure）：密码和会话令牌以明文在网络上传输。</translation>
    </message>
    <message>
        <source>--%1 must be a number from %2 to %3</source>
        <translation>--%1 必须是 %2 到 %3 之间的数字</translation>
    </message>
    <message>
        <source>Adds, replaces or changes a user. A new password is read from the first line of standard input; it needs at least 10 characters, three of lower case, upper case, digits and other characters, and must not contain the user name. Every change but --enable ends the user's sessions (revokes its tokens) and is written to the audit log.</source>
        <translation>添加、替换或修改用户。新密码从标准输入的第一行读取；至少 10 个字符，包含小写字母、大写字母、数字和其他字符中的三类，且不得包含用户名。除 --enable 外的每项修改都会结束该用户的会话（吊销其令牌）并写入审计日志。</translation>
    </message>
    <message>
        <source>Adds the user, or replaces it (password, role, scope): district_operator, street_operator, supervisor, shift_leader, leader or field_worker.</source>
        <translation>添加用户或替换其密码、角色和范围：district_operator、street_operator、supervisor、shift_leader、leader 或 field_worker。</translation>
    </message>
    <message>
        <source>PBKDF2-SHA256 iterations of a new password (default 600000, at least 1000).</source>
        <translation>新密码的 PBKDF2-SHA256 迭代次数（默认 600000，至少 1000）。</translation>
    </message>
    <message>
        <source>Give an existing user a new password (from standard input); role and scope stay.</source>
        <translation>为已有用户设置新密码（从标准输入读取）；角色和范围不变。</translation>
    </message>
    <message>
        <source>The user can no longer log in.</source>
        <translation>该用户不能再登录。</translation>
    </message>
    <message>
        <source>A disabled user can log in again.</source>
        <translation>已停用的用户可以重新登录。</translation>
    </message>
    <message>
        <source>--disable and --enable contradict each other</source>
        <translation>--disable 与 --enable 互相矛盾</translation>
    </message>
    <message>
        <source>--all-workers takes no --reset-password, --disable or --enable</source>
        <translation>--all-workers 不能与 --reset-password、--disable 或 --enable 同用</translation>
    </message>
    <message>
        <source>--reset-password keeps the user's role and scope: give no --role (add-user --role replaces the user)</source>
        <translation>--reset-password 保留用户的角色和范围：不要指定 --role（add-user --role 会替换该用户）</translation>
    </message>
    <message>
        <source>--role ROLE adds or replaces a user; --reset-password, --disable or --enable change an existing one</source>
        <translation>--role ROLE 添加或替换用户；--reset-password、--disable 或 --enable 修改已有用户</translation>
    </message>
    <message>
        <source>--street and --worker go with --role</source>
        <translation>--street 和 --worker 须与 --role 同用</translation>
    </message>
    <message>
        <source>The change is saved but its audit entry is not: %1</source>
        <translation>修改已保存，但其审计记录未能写入：%1</translation>
    </message>
    <message>
        <source>No user %1 in %2</source>
        <translation>%2 中没有用户 %1</translation>
    </message>
    <message>
        <source>The password could not be hashed</source>
        <translation>无法计算密码哈希</translation>
    </message>
    <message>
        <source>New password of %1 saved</source>
        <translation>已保存 %1 的新密码</translation>
    </message>
    <message>
        <source>User %1 is disabled</source>
        <translation>用户 %1 已停用</translation>
    </message>
    <message>
        <source>User %1 is enabled</source>
        <translation>用户 %1 已启用</translation>
    </message>
    <message>
        <source>Sessions of %1 ended (its tokens are revoked)</source>
        <translation>%1 的会话已结束（其令牌已吊销）</translation>
    </message>
    <message>
        <source>--db FILE (or postgresql://…) is required</source>
        <translation>必须指定 --db FILE（或 postgresql://…）</translation>
    </message>
    <message>
        <source>Database to serve: a SQLite file, or a PostgreSQL URI (postgresql://…).</source>
        <translation>要服务的数据库：SQLite 文件或 PostgreSQL URI（postgresql://…）。</translation>
    </message>
    <message>
        <source>Serve GET /healthz and Prometheus GET /metrics over plain HTTP on this address (docs/OPERATIONS.md).</source>
        <translation>在此地址以普通 HTTP 提供 GET /healthz 和 Prometheus 的 GET /metrics（docs/OPERATIONS.md）。</translation>
    </message>
    <message>
        <source>Read settings from this file first (lines "key = value", keys as these options without dashes); the command line wins. Without --config and --db: %1 when it exists.</source>
        <translation>先从此文件读取设置（每行 "key = value"，键为去掉短横线的这些选项名）；命令行优先。未给出 --config 和 --db 时：若 %1 存在则读取它。</translation>
    </message>
    <message>
        <source>--metrics must be ADDRESS:PORT, e.g. 127.0.0.1:9765, not "%1"</source>
        <translation>--metrics 必须是 地址:端口，例如 127.0.0.1:9765，而不是 "%1"</translation>
    </message>
    <message>
        <source>Cannot serve metrics on %1: %2</source>
        <translation>无法在 %1 提供指标：%2</translation>
    </message>
    <message>
        <source>Sessions at most; further connections are turned away at once as full (default: what the descriptor limit allows, less a reserve for files and the database's connections).</source>
        <translation>最多的会话数；超出的连接立即以“已满”拒绝（默认：文件描述符上限所允许的数量，减去为文件和数据库连接保留的部分）。</translation>
    </message>
    <message>
        <source>Sessions kept for the desks (every role but field workers): handhelds past the rest are sent to another instance (default %1, at most half the sessions).</source>
        <translation>为坐席（除网格员外的所有角色）保留的会话数：超出其余份额的手持终端被转到另一个实例（默认 %1，最多为会话总数的一半）。</translation>
    </message>
    <message>
        <source>Connections not logged in yet, at most, from all addresses (default: the sessions less those kept for desks); past it a newcomer takes the place of the oldest that has sent no login for a second, or is turned away as full.</source>
        <translation>所有地址合计尚未登录的连接数上限（默认：会话上限减去为坐席保留的会话）；超过后，新连接将顶替最早一个已超过一秒仍未发送登录的连接，若无可顶替者则以“已满”拒绝。</translation>
    </message>
</context>
<context>
    <name>ServerConfig</name>
    <message>
        <source>Cannot read the configuration file %1: %2</source>
        <translation>无法读取配置文件 %1：%2</translation>
    </message>
    <message>
        <source>expected "key = value", not "%1"</source>
        <translation>应为 "key = value"，而不是 "%1"</translation>
    </message>
    <message>
        <source>"%1" is not a key (keys are serve's options without the dashes, such as listen or db)</source>
        <translation>"%1" 不是键（键为去掉短横线的 serve 选项名，如 listen 或 db）</translation>
    </message>
    <message>
        <source>%1 has no value (leave the line out, or comment it out, for the default)</source>
        <translation>%1 没有值（要用默认值请删去或注释掉这一行）</translation>
    </message>
    <message>
        <source>%1 is set twice (first at %2)</source>
        <translation>%1 设置了两次（第一次在 %2）</translation>
    </message>
    <message>
        <source>unknown key %1 (the keys are: %2)</source>
        <translation>未知的键 %1（可用的键：%2）</translation>
    </message>
    <message>
        <source>%1 is true or false, not "%2"</source>
        <translation>%1 应为 true 或 false，而不是 "%2"</translation>
    </message>
</context>
<context>
    <name>ServerLogin</name>
    <message>
        <source>--password-file: cannot read %1: %2</source>
        <translation>--password-file：无法读取 %1：%2</translation>
    </message>
    <message>
        <source>--password-file: the first line of %1 is empty</source>
        <translation>--password-file：%1 的第一行为空</translation>
    </message>
    <message>
        <source>--ca: no such file %1</source>
        <translation>--ca：文件 %1 不存在</translation>
    </message>
    <message>
        <source>--ca: %1 holds no PEM certificate</source>
        <translation>--ca：%1 中没有 PEM 证书</translation>
    </message>
    <message>
        <source>--ca is for a wss:// server; %1 is not encrypted</source>
        <translation>--ca 用于 wss:// 服务器；%1 未加密</translation>
    </message>
</context>
<context>
    <name>ServerMain</name>
    <message>
        <source>Usage: gridhall-server COMMAND [options]</source>
        <translation>用法：gridhall-server COMMAND [选项]</translation>
    </message>
    <message>
        <source>Commands:</source>
        <translation>命令：</translation>
    </message>
    <message>
        <source>Run gridhall-server COMMAND --help for its options.</source>
        <translation>运行 gridhall-server COMMAND --help 查看该命令的选项。</translation>
    </message>
    <message>
        <source>Unknown command: %1</source>
        <translation>未知命令：%1</translation>
    </message>
    <message>
        <source>copy a hall between SQLite and PostgreSQL and check the copy (--from DB --to DB)</source>
        <translation>在 SQLite 与 PostgreSQL 之间复制指挥中心数据并核对副本（--from DB --to DB）</translation>
    </message>
    <message>
        <source>print which action is allowed from which state for which role (Markdown, as in PROTOCOL.md)</source>
        <translation>输出哪个操作可在哪个状态下由哪些角色执行（Markdown，与 PROTOCOL.md 相同）</translation>
    </message>
    <message>
        <source>create the demo district (--db FILE|postgresql://… [--seed N] [--end DATE] [--gpkg FILE] [--force])</source>
        <translation>创建演示辖区（--db FILE|postgresql://… [--seed N] [--end DATE] [--gpkg FILE] [--force]）</translation>
    </message>
    <message>
        <source>import grid boundaries from a GIS file (--db FILE|postgresql://… SOURCE)</source>
        <translation>从 GIS 文件导入网格边界（--db FILE|postgresql://… SOURCE）</translation>
    </message>
    <message>
        <source>add or change a user, password from stdin (--db DB --user U --role R [--street CODE] | --reset-password | --disable | --enable)</source>
        <translation>添加或修改用户，密码从标准输入读取（--db DB --user U --role R [--street CODE] | --reset-password | --disable | --enable）</translation>
    </message>
    <message>
        <source>check the audit log's keyed hash chain and checkpoints (--db DB [--audit-key F])</source>
        <translation>检查审计日志的带密钥哈希链和检查点（--db DB [--audit-key F]）</translation>
    </message>
    <message>
        <source>import the hall's cameras from a GIS point layer (--db FILE|postgresql://… SOURCE)</source>
        <translation>从 GIS 点图层导入本中心的摄像头（--db FILE|postgresql://… SOURCE）</translation>
    </message>
    <message>
        <source>serve the sync protocol (--db FILE|postgresql://… [--listen ADDR:PORT] [--tls-cert F --tls-key F] [--audit-key F] [--metrics ADDR:PORT] [--config FILE]); stops cleanly on SIGTERM</source>
        <translation>提供同步协议服务（--db FILE|postgresql://… [--listen ADDR:PORT] [--tls-cert F --tls-key F] [--audit-key F] [--metrics ADDR:PORT] [--config FILE]）；收到 SIGTERM 时干净地停止</translation>
    </message>
    <message>
        <source>write a consistent backup while servers serve (--db DB --out FILE [--audit-key F])</source>
        <translation>在服务器运行时写出一致的备份（--db DB --out FILE [--audit-key F]）</translation>
    </message>
    <message>
        <source>put a backup back; refuses a database in use (--from FILE --db DB [--force] [--audit-key F])</source>
        <translation>恢复备份；拒绝正在使用的数据库（--from FILE --db DB [--force] [--audit-key F]）</translation>
    </message>
    <message>
        <source>check integrity, schema version and audit chain in one report (--db DB [--audit-key F])</source>
        <translation>在一份报告中检查完整性、结构版本和审计链（--db DB [--audit-key F]）</translation>
    </message>
</context>
<context>
    <name>ServerStorage</name>
    <message>
        <source>%1 could be read by other users (mode %2): now 0600</source>
        <translation>%1 曾可被其他用户读取（权限 %2）：现已改为 0600</translation>
    </message>
    <message>
        <source>%1 can be read by other users (mode %2) and cannot be made 0600: %3</source>
        <translation>%1 可被其他用户读取（权限 %2），且无法改为 0600：%3</translation>
    </message>
    <message>
        <source>Session tokens of the old format (stored in clear) were deleted: clients log in with their passwords once more.</source>
        <translation>旧格式（明文存储）的会话令牌已删除：客户端需再用密码登录一次。</translation>
    </message>
</context>
<context>
    <name>SimMain</name>
    <message>
        <source>Warning: %1 handhelds need about %2 descriptors, but this process may open only %3 (the hard limit, ulimit -Hn); about %4 handhelds cannot connect and keep retrying. Raise the hard limit (ulimit -Hn, LimitNOFILE=) or simulate fewer workers.</source>
        <translation>警告：%1 个手持终端约需 %2 个文件描述符，但本进程最多只能打开 %3 个（硬限制，ulimit -Hn）；约 %4 个手持终端无法连接并会不断重试。请提高硬限制（ulimit -Hn、LimitNOFILE=）或减少模拟的网格员人数。</translation>
    </message>
</context>
<context>
    <name>SlaPolicy</name>
    <message>
        <source>%1: unknown step "%2"</source>
        <translation>%1：未知环节“%2”</translation>
    </message>
    <message>
        <source>%1: minutes for "%2" must be between 1 and %3</source>
        <translation>%1：“%2”的时限分钟数必须在 1 到 %3 之间</translation>
    </message>
    <message>
        <source>SLA policy is not a JSON object: %1</source>
        <translation>时限策略不是 JSON 对象：%1</translation>
    </message>
    <message>
        <source>"warningRatio" must be a number between 0 and 1 (exclusive)</source>
        <translation>"warningRatio" 必须是大于 0 且小于 1 的数</translation>
    </message>
    <message>
        <source>"defaults" must give minutes for every step; "%1" is missing</source>
        <translation>"defaults" 必须为每个环节给出分钟数；缺少 "%1"</translation>
    </message>
    <message>
        <source>rule #%1</source>
        <translation>第 %1 条规则</translation>
    </message>
    <message>
        <source>%1: unknown level</source>
        <translation>%1：未知层级</translation>
    </message>
    <message>
        <source>%1: unknown dispute level</source>
        <translation>%1：未知矛盾纠纷等级</translation>
    </message>
    <message>
        <source>%1: needs a "steps" object</source>
        <translation>%1：需要 "steps" 对象</translation>
    </message>
</context>
<context>
    <name>SlaStep</name>
    <message>
        <source>Register</source>
        <translation>立案</translation>
    </message>
    <message>
        <source>Dispatch</source>
        <translation>派遣</translation>
    </message>
    <message>
        <source>Reach the scene</source>
        <translation>到达现场</translation>
    </message>
    <message>
        <source>Handle</source>
        <translation>处置</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>核查</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>结案</translation>
    </message>
</context>
<context>
    <name>Store</name>
    <message>
        <source>Cannot open the local data file %1: it is not a GridHall data file (%2).</source>
        <translation>无法打开本地数据文件 %1：它不是 GridHall 数据文件（%2）。</translation>
    </message>
    <message>
        <source>Cannot open the local data file %1 for writing (%2).</source>
        <translation>无法以写入方式打开本地数据文件 %1（%2）。</translation>
    </message>
    <message>
        <source>The local data file %1 is damaged (%2). GridHall will resync from the server instead of showing wrong data.</source>
        <translation>本地数据文件 %1 已损坏（%2）。GridHall 将从服务器重新同步，以免显示错误数据。</translation>
    </message>
    <message>
        <source>Cannot prepare the local data file %1: %2</source>
        <translation>无法准备本地数据文件 %1：%2</translation>
    </message>
    <message>
        <source>no file name given</source>
        <translation>未指定文件名</translation>
    </message>
    <message>
        <source>The local data file %1 was written by a newer GridHall (schema version %2; this version reads up to %3). Update GridHall, or remove the file to resync from the server.</source>
        <translation>本地数据文件 %1 由更新版本的 GridHall 写入（数据结构版本 %2；当前版本最高只能读取 %3）。请升级 GridHall，或删除该文件以从服务器重新同步。</translation>
    </message>
</context>
<context>
    <name>Subcommand</name>
    <message>
        <source>Usage: %1 [options]</source>
        <translation>用法：%1 [选项]</translation>
    </message>
    <message>
        <source>unexpected argument: %1</source>
        <translation>多余的参数：%1</translation>
    </message>
    <message>
        <source>--%1 is required</source>
        <translation>必须指定 --%1</translation>
    </message>
</context>
<context>
    <name>SyncClient</name>
    <message>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>Connecting</source>
        <translation>连接中</translation>
    </message>
    <message>
        <source>Syncing</source>
        <translation>同步中</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <source>No answer from the server for %1 s; reconnecting</source>
        <translation>服务器 %1 秒无响应，正在重新连接</translation>
    </message>
    <message>
        <source>Bad message from the server: %1</source>
        <translation>服务器发来的消息无效：%1</translation>
    </message>
    <message>
        <source>Cannot prepare the snapshot: %1</source>
        <translation>无法准备快照：%1</translation>
    </message>
    <message>
        <source>Unexpected message "%1" from the server</source>
        <translation>服务器发来意外的消息 "%1"</translation>
    </message>
    <message>
        <source>Bad change from the server: %1</source>
        <translation>服务器发来的变更无效：%1</translation>
    </message>
    <message>
        <source>Cannot apply changes: %1</source>
        <translation>无法应用变更：%1</translation>
    </message>
    <message>
        <source>The server sends cases in columns this version does not know</source>
        <translation>服务器发送的案件包含当前版本无法识别的列</translation>
    </message>
    <message>
        <source>Snapshot data without a snapshot</source>
        <translation>收到快照数据，但快照尚未开始</translation>
    </message>
    <message>
        <source>Snapshot of an unknown table "%1"</source>
        <translation>快照包含未知数据表 "%1"</translation>
    </message>
    <message>
        <source>Bad snapshot row in %1: %2</source>
        <translation>%1 中的快照行无效：%2</translation>
    </message>
    <message>
        <source>Snapshot end without a snapshot</source>
        <translation>收到快照结束消息，但快照尚未开始</translation>
    </message>
    <message>
        <source>Snapshot incomplete: %1 %2 of %3 rows</source>
        <translation>快照不完整：%1 表收到 %2 行，应为 %3 行</translation>
    </message>
    <message>
        <source>Snapshot checksum does not match; asking again</source>
        <translation>快照校验和不匹配，正在重新请求</translation>
    </message>
    <message>
        <source>Cannot swap in the snapshot: %1</source>
        <translation>无法启用快照：%1</translation>
    </message>
    <message>
        <source>Photo %1 could not be loaded: the connection to the server was closed.</source>
        <translation>照片 %1 无法加载：与服务器的连接已关闭。</translation>
    </message>
    <message>
        <source>The connection to the server was lost before photo %1 arrived. Try again once the server is reachable.</source>
        <translation>照片 %1 送达之前与服务器的连接已断开。服务器恢复连接后请重试。</translation>
    </message>
    <message>
        <source>The action is too large to send (%1 KiB; one message may hold %2 KiB). Send fewer or smaller photos.</source>
        <translation>该操作过大，无法发送（%1 KiB；一条消息最多 %2 KiB）。请减少照片数量或缩小照片。</translation>
    </message>
    <message>
        <source>Offline: photo %1 is not on this computer yet, and the server cannot be reached now. It opens once the connection is back.</source>
        <translation>离线：照片 %1 尚未保存在本机，目前也无法连接服务器。连接恢复后即可打开。</translation>
    </message>
    <message>
        <source>The server has no photo %1.</source>
        <translation>服务器上没有照片 %1。</translation>
    </message>
    <message>
        <source>The server could not send photo %1: %2</source>
        <translation>服务器无法发送照片 %1：%2</translation>
    </message>
    <message>
        <source>The server sent photo %1 in a form this version cannot read.</source>
        <translation>服务器发送的照片 %1 格式无法被本版本读取。</translation>
    </message>
    <message>
        <source>The server sent photo %1 damaged.</source>
        <translation>服务器发送的照片 %1 已损坏。</translation>
    </message>
    <message>
        <source>The server did not send photo %1 within %2 s. Try again.</source>
        <translation>服务器未在 %2 秒内发送照片 %1，请重试。</translation>
    </message>
    <message>
        <source>The server's TLS certificate was refused: %1</source>
        <translation>服务器的 TLS 证书未被信任：%1</translation>
    </message>
    <message>
        <source>The connection to the server was closed before the track arrived.</source>
        <translation>轨迹到达之前，与服务器的连接已关闭。</translation>
    </message>
    <message>
        <source>The connection to the server was lost before the track arrived.</source>
        <translation>轨迹到达之前，与服务器的连接已中断。</translation>
    </message>
    <message>
        <source>Offline: the server's track cannot be fetched now.</source>
        <translation>离线：当前无法从服务器获取轨迹。</translation>
    </message>
    <message>
        <source>The server did not send the track within %1 s.</source>
        <translation>服务器未在 %1 秒内发送轨迹。</translation>
    </message>
    <message>
        <source>The server could not send the track: %1</source>
        <translation>服务器无法发送轨迹：%1</translation>
    </message>
    <message>
        <source>The server sent the track in a form this version cannot read.</source>
        <translation>服务器发送的轨迹格式本版本无法读取。</translation>
    </message>
    <message>
        <source>The track could not be stored: %1</source>
        <translation>轨迹无法保存：%1</translation>
    </message>
    <message>
        <source>No server address given</source>
        <translation>未指定服务器地址</translation>
    </message>
</context>
<context>
    <name>SyncServer</name>
    <message>
        <source>Binary frames are not part of the protocol</source>
        <translation>协议不支持二进制帧</translation>
    </message>
    <message>
        <source>Already logged in</source>
        <translation>已登录</translation>
    </message>
    <message>
        <source>Log in first</source>
        <translation>请先登录</translation>
    </message>
    <message>
        <source>Field "on": must be true or false</source>
        <translation>字段 "on"：必须为 true 或 false</translation>
    </message>
    <message>
        <source>A client may not send "%1"</source>
        <translation>客户端不能发送 "%1"</translation>
    </message>
    <message>
        <source>Field "clientId": 1-64 letters, digits, '-', '_' or '.'</source>
        <translation>字段 "clientId"：须为 1-64 个字母、数字、'-'、'_' 或 '.'</translation>
    </message>
    <message>
        <source>Unknown token</source>
        <translation>未知令牌</translation>
    </message>
    <message>
        <source>The session token has expired; log in with the password</source>
        <translation>会话令牌已过期；请使用密码登录</translation>
    </message>
    <message>
        <source>Unknown user or wrong password</source>
        <translation>用户不存在或密码错误</translation>
    </message>
    <message>
        <source>The user's worker %1 does not exist</source>
        <translation>该用户对应的人员 %1 不存在</translation>
    </message>
    <message>
        <source>Field "key": must not be empty</source>
        <translation>字段 "key"：不能为空</translation>
    </message>
    <message>
        <source>Sequence number %1 was already used with another key</source>
        <translation>序号 %1 已用于另一个 key</translation>
    </message>
    <message>
        <source>Sequence number %1 skips %2</source>
        <translation>序号 %1 跳号（应为 %2）</translation>
    </message>
    <message>
        <source>Field "action": unknown action</source>
        <translation>字段 "action"：未知操作</translation>
    </message>
    <message>
        <source>A leader may read but not change cases</source>
        <translation>领导只能查看案件，不能修改</translation>
    </message>
    <message>
        <source>Field "categoryCode": unknown category %1</source>
        <translation>字段 "categoryCode"：未知类别 %1</translation>
    </message>
    <message>
        <source>Field "disputeLevel": unknown value</source>
        <translation>字段 "disputeLevel"：未知取值</translation>
    </message>
    <message>
        <source>Field "source": unknown value</source>
        <translation>字段 "source"：未知取值</translation>
    </message>
    <message>
        <source>No grid %1</source>
        <translation>网格 %1 不存在</translation>
    </message>
    <message>
        <source>No case %1</source>
        <translation>案件 %1 不存在</translation>
    </message>
    <message>
        <source>Case changed by %1 (%2) at %3</source>
        <translation>案件已于 %3 被 %1 更改（%2）</translation>
    </message>
    <message>
        <source>Case changed since version %1</source>
        <translation>案件自版本 %1 之后已被更改</translation>
    </message>
    <message>
        <source>Unknown or out-of-scope dispatch target %1</source>
        <translation>派遣对象 %1 不存在或不在权限范围内</translation>
    </message>
    <message>
        <source>The server could not store the action; nothing was applied</source>
        <translation>服务器无法保存该操作；未做任何更改</translation>
    </message>
    <message>
        <source>Only field workers send positions</source>
        <translation>只有外勤人员可以上报位置</translation>
    </message>
    <message>
        <source>Field "items": 1 to %1 positions</source>
        <translation>字段 "items"：须包含 1 到 %1 个位置</translation>
    </message>
    <message>
        <source>A position must be an object</source>
        <translation>位置必须是 JSON 对象</translation>
    </message>
    <message>
        <source>Photo %1: %2</source>
        <translation>照片 %1：%2</translation>
    </message>
    <message>
        <source>the data is not an image of type %1</source>
        <translation>数据不是 %1 类型的图片</translation>
    </message>
    <message>
        <source>the image size cannot be read</source>
        <translation>无法读取图片尺寸</translation>
    </message>
    <message>
        <source>%1 × %2 pixels is more than %3 megapixels</source>
        <translation>%1 × %2 像素超过 %3 百万像素</translation>
    </message>
    <message>
        <source>the image cannot be decoded (%1)</source>
        <translation>图片无法解码（%1）</translation>
    </message>
    <message>
        <source>no thumbnail could be made</source>
        <translation>无法生成缩略图</translation>
    </message>
    <message>
        <source>No photo %1</source>
        <translation>没有照片 %1</translation>
    </message>
    <message>
        <source>Field "workers": 1 to %1 worker codes</source>
        <translation>字段“workers”：1 到 %1 个人员编码</translation>
    </message>
    <message>
        <source>Fields "from", "to": a period of up to %1 days, ending after it starts</source>
        <translation>字段“from”“to”：最长 %1 天、结束晚于开始的时段</translation>
    </message>
    <message>
        <source>A handheld does not replay tracks</source>
        <translation>手持终端不能回放轨迹</translation>
    </message>
    <message>
        <source>No field worker %1</source>
        <translation>没有外勤人员 %1</translation>
    </message>
    <message>
        <source>The server could not read the track; try again later</source>
        <translation>服务器无法读取轨迹，请稍后重试</translation>
    </message>
    <message>
        <source>Too many messages; slow down</source>
        <translation>消息过多，请放慢速度</translation>
    </message>
    <message>
        <source>Your account was changed or its sessions revoked; log in again</source>
        <translation>您的账户已变更或其会话已被吊销，请重新登录</translation>
    </message>
    <message>
        <source>Too many messages while the last one is handled</source>
        <translation>上一条消息处理期间收到的消息过多</translation>
    </message>
    <message>
        <source>Field workers send positions but do not receive them</source>
        <translation>网格员只发送位置，不接收位置</translation>
    </message>
    <message>
        <source>A login needs "token", or "user" and "password"</source>
        <translation>登录需要 "token"，或 "user" 和 "password"</translation>
    </message>
    <message>
        <source>Too many failed logins; try again later</source>
        <translation>登录失败次数过多，请稍后再试</translation>
    </message>
    <message>
        <source>The server is checking many logins; try again in a moment</source>
        <translation>服务器正在核验大量登录，请稍候再试</translation>
    </message>
    <message>
        <source>Case %1 is not held by you</source>
        <translation>案件 %1 不在您手中</translation>
    </message>
    <message>
        <source>You fed case %1 back yourself; someone else verifies and closes it</source>
        <translation>案件 %1 由您本人反馈，须由他人核查和结案</translation>
    </message>
    <message>
        <source>Field "at": a position must be from the last 24 hours, not ahead of the server's clock</source>
        <translation>字段 "at"：位置须为最近 24 小时内的，且不得超前于服务器时钟</translation>
    </message>
    <message>
        <source>Field "photos": only a feedback or attach_photo carries photos</source>
        <translation>字段“photos”：只有反馈（feedback）或附加照片（attach_photo）可以带照片</translation>
    </message>
    <message>
        <source>Field "photos": attach_photo needs 1 to 3 photos</source>
        <translation>字段“photos”：附加照片（attach_photo）需要 1 至 3 张照片</translation>
    </message>
    <message>
        <source>This instance keeps its remaining sessions for the desks; log in at another instance of the hall</source>
        <translation>本实例余下的会话留给坐席；请登录大厅的另一个实例</translation>
    </message>
    <message>
        <source>The server could not store the login; try again</source>
        <translation>服务器未能保存此次登录；请重试</translation>
    </message>
</context>
<context>
    <name>Taxonomy</name>
    <message>
        <source>Taxonomy is not valid JSON at offset %1: %2</source>
        <translation>案件分类表在偏移 %1 处不是有效的 JSON：%2</translation>
    </message>
    <message>
        <source>Taxonomy needs a non-empty "classes" array</source>
        <translation>案件分类表需要非空的 "classes" 数组</translation>
    </message>
    <message>
        <source>Class #%1 needs "code", "zh" and "en"</source>
        <translation>第 %1 个大类需要 "code"、"zh" 和 "en"</translation>
    </message>
    <message>
        <source>Class code %1 appears twice</source>
        <translation>大类编码 %1 重复</translation>
    </message>
    <message>
        <source>Class %1 has no items</source>
        <translation>大类 %1 下没有小类</translation>
    </message>
    <message>
        <source>Item #%1 of class %2 needs "code", "zh", "en" and "department"</source>
        <translation>大类 %2 的第 %1 个小类需要 "code"、"zh"、"en" 和 "department"</translation>
    </message>
    <message>
        <source>Item code %1 appears twice</source>
        <translation>小类编码 %1 重复</translation>
    </message>
    <message>
        <source>Item %1: unknown level "%2"</source>
        <translation>小类 %1：未知层级 "%2"</translation>
    </message>
    <message>
        <source>Item %1: unknown dispute level "%2"</source>
        <translation>小类 %1：未知矛盾纠纷等级 "%2"</translation>
    </message>
    <message>
        <source>Item %1: "limitMinutes" must be between 1 and 525600</source>
        <translation>小类 %1："limitMinutes" 必须在 1 到 525600 之间</translation>
    </message>
</context>
<context>
    <name>Tls</name>
    <message>
        <source>Cannot read the TLS %1 file %2: %3</source>
        <translation>无法读取 TLS %1 文件 %2：%3</translation>
    </message>
    <message>
        <source>certificate</source>
        <translation>证书</translation>
    </message>
    <message>
        <source>key</source>
        <translation>私钥</translation>
    </message>
    <message>
        <source>No PEM certificate in %1</source>
        <translation>%1 中没有 PEM 证书</translation>
    </message>
    <message>
        <source>No unencrypted PEM RSA or EC private key in %1</source>
        <translation>%1 中没有未加密的 PEM RSA 或 EC 私钥</translation>
    </message>
    <message>
        <source>The private key in %1 does not match the certificate in %2 (the server's own certificate must come first)</source>
        <translation>%1 中的私钥与 %2 中的证书不匹配（服务器自身的证书必须排在最前）</translation>
    </message>
</context>
<context>
    <name>WallLayout</name>
    <message>
        <source>line %1, column %2</source>
        <translation>第 %1 行第 %2 列</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>数字</translation>
    </message>
    <message>
        <source>text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>a list</source>
        <translation>列表</translation>
    </message>
    <message>
        <source>an object</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>空值</translation>
    </message>
    <message>
        <source>%1: expected an object like {"view": "map"}, found %2</source>
        <translation>%1：应为形如 {"view": "map"} 的对象，实际为%2</translation>
    </message>
    <message>
        <source>%1: "view" must name a view, e.g. "map"</source>
        <translation>%1："view" 必须是视图名称，例如 "map"</translation>
    </message>
    <message>
        <source>%1: unknown view "%2"; known views: %3</source>
        <translation>%1：未知视图 "%2"；可用视图：%3</translation>
    </message>
    <message>
        <source>%1: "dwell" must be whole seconds from %2 to %3</source>
        <translation>%1："dwell" 必须是 %2 到 %3 之间的整秒数</translation>
    </message>
    <message>
        <source>%1: expected an object with "screen" and "views", found %2</source>
        <translation>%1：应为包含 "screen" 和 "views" 的对象，实际为%2</translation>
    </message>
    <message>
        <source>%1: unknown key "%2" (a screen has "screen" and "views")</source>
        <translation>%1：未知键 "%2"（屏幕只能包含 "screen" 和 "views"）</translation>
    </message>
    <message>
        <source>%1: "screen" number must be from 1 to %2</source>
        <translation>%1："screen" 编号必须在 1 到 %2 之间</translation>
    </message>
    <message>
        <source>%1: "screen" must be a number (1 is the first screen), a screen name or "*"</source>
        <translation>%1："screen" 必须是编号（1 表示第一块屏幕）、屏幕名称或 "*"</translation>
    </message>
    <message>
        <source>%1: "views" must be a list of at least one view</source>
        <translation>%1："views" 必须是至少包含一个视图的列表</translation>
    </message>
    <message>
        <source>not valid JSON at %1: %2</source>
        <translation>%1 处不是有效的 JSON：%2</translation>
    </message>
    <message>
        <source>expected an object with a "screens" list at the top</source>
        <translation>顶层应为包含 "screens" 列表的对象</translation>
    </message>
    <message>
        <source>unknown key "%1" at the top (known: version, viewingDistance, screens)</source>
        <translation>顶层有未知键 "%1"（可用键：version、viewingDistance、screens）</translation>
    </message>
    <message>
        <source>unsupported layout version %1 (this GridHall reads version 1)</source>
        <translation>不支持的布局版本 %1（当前 GridHall 只能读取版本 1）</translation>
    </message>
    <message>
        <source>"viewingDistance" must be in metres, from 0.5 to 50</source>
        <translation>"viewingDistance" 必须以米为单位，取值 0.5 到 50</translation>
    </message>
    <message>
        <source>"screens" must be a list of at least one screen</source>
        <translation>"screens" 必须是至少包含一块屏幕的列表</translation>
    </message>
    <message>
        <source>%1: screen %2 is already given a playlist above</source>
        <translation>%1：屏幕 %2 已在前面指定了播放列表</translation>
    </message>
    <message>
        <source>cannot read wall layout %1: %2</source>
        <translation>无法读取大屏布局 %1：%2</translation>
    </message>
    <message>
        <source>wall layout %1: %2</source>
        <translation>大屏布局 %1：%2</translation>
    </message>
    <message>
        <source>cannot write wall layout %1: %2</source>
        <translation>无法写入大屏布局 %1：%2</translation>
    </message>
</context>
<context>
    <name>WallMode</name>
    <message>
        <source>DRILL — new red dispute: %1</source>
        <translation>演练 — 新增红色纠纷：%1</translation>
    </message>
    <message>
        <source>New red dispute: %1</source>
        <translation>新增红色纠纷：%1</translation>
    </message>
    <message>
        <source>Close-up: %1</source>
        <translation>聚焦：%1</translation>
    </message>
    <message>
        <source>District map</source>
        <translation>全区地图</translation>
    </message>
    <message>
        <source>District map · %1</source>
        <translation>全区地图 · %1</translation>
    </message>
    <message>
        <source>District overview</source>
        <translation>全区概览</translation>
    </message>
    <message>
        <source>Key indicators this week</source>
        <translation>本周关键指标</translation>
    </message>
    <message>
        <source>cannot write %1</source>
        <translation>无法写入 %1</translation>
    </message>
    <message>
        <source>Case queues</source>
        <translation>案件队列</translation>
    </message>
    <message>
        <source>unknown option "%1"; this view takes none</source>
        <translation>未知选项“%1”；此视图不接受任何选项</translation>
    </message>
    <message>
        <source>unknown option "%1"; known: %2</source>
        <translation>未知选项“%1”；可用选项：%2</translation>
    </message>
    <message>
        <source>"%1" must be a non-empty string</source>
        <translation>“%1”必须是非空字符串</translation>
    </message>
    <message>
        <source>"colour" must be disputes, open or overdue, not %1</source>
        <translation>"colour" 只能是 disputes、open 或 overdue，而不是 %1</translation>
    </message>
</context>
<context>
    <name>WallVideo</name>
    <message>
        <source>"tiles" must be columns × rows from 1x1 to %1x%1, e.g. "3x3", not %2</source>
        <translation>“tiles”必须为列数×行数，从 1x1 到 %1x%1，例如“3x3”，不能是 %2</translation>
    </message>
    <message>
        <source>"area" must name a street, by its code or its name</source>
        <translation>“area”必须指定一个街道（编码或名称）</translation>
    </message>
    <message>
        <source>"cycle" must be whole seconds from %1 to %2 (how long each tile shows a camera)</source>
        <translation>“cycle”必须为 %1 到 %2 之间的整秒数（每个画格显示一个摄像头的时长）</translation>
    </message>
    <message>
        <source>unknown option "%1" for a video view (known: tiles, area, cycle)</source>
        <translation>视频视图没有选项“%1”（可用选项：tiles、area、cycle）</translation>
    </message>
    <message>
        <source>This wall's account receives no stream addresses (they go to desk roles and leaders).</source>
        <translation>此大屏的账号收不到视频流地址（流地址只发给坐席角色和领导）。</translation>
    </message>
    <message>
        <source>No cameras in %1.</source>
        <translation>%1 没有摄像头。</translation>
    </message>
    <message>
        <source>No cameras in this district.</source>
        <translation>本区没有摄像头。</translation>
    </message>
    <message>
        <source>Cameras nearest the alert</source>
        <translation>告警附近的摄像头</translation>
    </message>
    <message>
        <source>Cameras · whole district</source>
        <translation>摄像头 · 全区</translation>
    </message>
    <message>
        <source>Cameras · %1</source>
        <translation>摄像头 · %1</translation>
    </message>
</context>
<context>
    <name>WeeklyReport</name>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1 天 %2 小时</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <source>Headline indicators</source>
        <translation>主要指标</translation>
    </message>
    <message>
        <source>Indicators</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>This week</source>
        <translation>本周</translation>
    </message>
    <message>
        <source>Last week</source>
        <translation>上周</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <source>%1 ranking with grades</source>
        <translation>%1排名与等级</translation>
    </message>
    <message>
        <source>Ranking</source>
        <translation>排名</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>名次</translation>
    </message>
    <message>
        <source>Grade</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>%1 among the %2 streets of %3</source>
        <translation>%1在%3 %2 个街道中的位置</translation>
    </message>
    <message>
        <source>District comparison</source>
        <translation>全区对比</translation>
    </message>
    <message>
        <source>Best: %1</source>
        <translation>最佳：%1</translation>
    </message>
    <message>
        <source>Best street</source>
        <translation>最佳街道</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>第 %1 / %2</translation>
    </message>
    <message>
        <source>Rank this week</source>
        <translation>本周名次</translation>
    </message>
    <message>
        <source>Rank last week</source>
        <translation>上周名次</translation>
    </message>
    <message>
        <source>Appendix: how each indicator is counted</source>
        <translation>附录：各项指标的计算口径</translation>
    </message>
    <message>
        <source>Definitions</source>
        <translation>指标口径</translation>
    </message>
    <message>
        <source>Definition</source>
        <translation>口径</translation>
    </message>
    <message>
        <source>Cases reported (or reported and handled at once by a grid worker, 自处理) in the week.</source>
        <translation>本周上报的案件（含网格员自处理的案件）。</translation>
    </message>
    <message>
        <source>Cases registered (立案) or self-handled in the week.</source>
        <translation>本周立案或自处理的案件。</translation>
    </message>
    <message>
        <source>Cases closed in the week, whenever they were registered. A count of the week's work; no rate divides it.</source>
        <translation>本周结案的案件，不论何时立案。反映本周工作量，不作为任何比率的分子。</translation>
    </message>
    <message>
        <source>Cases with a step that ended after its time limit in the week, or still open and past its limit at the week's end.</source>
        <translation>本周有环节超过时限才完成的案件，或周末时仍未完成且已超过时限的案件。</translation>
    </message>
    <message>
        <source>Cases registered in the week that are due at its end: closed, or past a time limit. Cases still within their limit, parked or voided are not due yet.</source>
        <translation>本周立案、到周末已到期的案件：已结案或已超过时限。仍在时限内、已挂账或已作废的案件尚未到期。</translation>
    </message>
    <message>
        <source>Of the cases due for closing, those closed by the week's end, divided by the cases due for closing.</source>
        <translation>应结案案件中到周末已结案的数量，除以应结案数。</translation>
    </message>
    <message>
        <source>Of the cases due for closing, those closed with no step past its time limit, divided by the cases due for closing.</source>
        <translation>应结案案件中各环节均未超时并已结案的数量，除以应结案数。</translation>
    </message>
    <message>
        <source>Of the cases dispatched in the week (and self-handled), those fed back by its end, divided by those due for handling: all of them except those still being handled within their limit.</source>
        <translation>本周派遣（及自处理）的案件中到周末已反馈的数量，除以应处置数：即这些案件中除仍在处置时限内者以外的全部案件。</translation>
    </message>
    <message>
        <source>As the handling rate, counting only a first feedback after the dispatch within the handling time limit.</source>
        <translation>同处置率，但只计派遣后首次反馈在处置时限内的案件。</translation>
    </message>
    <message>
        <source>Of the cases due for closing, those that failed verification (返工) at least once since registration, divided by the cases due for closing.</source>
        <translation>应结案案件中自立案以来至少一次核查不通过（返工）的数量，除以应结案数。</translation>
    </message>
    <message>
        <source>Of the cases registered in the week, those with an approved extension, divided by the cases registered.</source>
        <translation>本周立案案件中获批延期的数量，除以立案数。</translation>
    </message>
    <message>
        <source>Of the cases due for dispatch (registered in the week, not self-handled, except those still waiting within their limit), those whose first dispatch was within its time limit, divided by the cases due for dispatch.</source>
        <translation>应派遣案件（本周立案、非自处理、且不在时限内等待派遣）中首次派遣在时限内的数量，除以应派遣数。</translation>
    </message>
    <message>
        <source>Of the cases due for dispatch, those dispatched and never reworked since, divided by the cases due for dispatch.</source>
        <translation>应派遣案件中已派遣且此后未返工的数量，除以应派遣数。</translation>
    </message>
    <message>
        <source>Of the due cases that were closed, those closed at community or street level.</source>
        <translation>已到期并结案的案件中，在社区或街道层级结案的比例。</translation>
    </message>
    <message>
        <source>The weighted mean of the rates named on the cover (less-is-better rates as 1 − rate) and the registered cases score (100 × registered ÷ the most registered by a unit of the same ranking); a rate without cases drops out. Grades: A ≥ 90, B ≥ 75, C ≥ 60, D ≥ 40, E below.</source>
        <translation>封面所列各比率（越低越好的比率按 1 − 比率计）与立案数分值（100 × 立案数 ÷ 同一排名中立案最多单位的立案数）的加权平均；没有案件的比率不参与计算。等级：A ≥ 90，B ≥ 75，C ≥ 60，D ≥ 40，其余为 E。</translation>
    </message>
    <message>
        <source>Same cases</source>
        <translation>同一批案件</translation>
    </message>
    <message>
        <source>Every rate counts the same cases above and below the line, following the evaluation practice of digital urban management (数字化城市管理), so no rate can exceed 100 %. A case closed after the week it fell due in counts in that later week's closed cases, not in a second rate.</source>
        <translation>按照数字化城市管理绩效评价的做法，每个比率的分子和分母统计同一批案件，因此任何比率都不会超过 100%。到期后下一周才结案的案件计入那一周的结案数，不再计入第二个比率。</translation>
    </message>
    <message>
        <source>Top categories (reported cases)</source>
        <translation>上报最多的类别</translation>
    </message>
    <message>
        <source>Categories</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Disputes by grade</source>
        <translation>矛盾纠纷分级统计</translation>
    </message>
    <message>
        <source>Disputes</source>
        <translation>矛盾纠纷</translation>
    </message>
    <message>
        <source>Reported this week</source>
        <translation>本周上报</translation>
    </message>
    <message>
        <source>Closed this week</source>
        <translation>本周结案</translation>
    </message>
    <message>
        <source>Open now</source>
        <translation>当前未结</translation>
    </message>
    <message>
        <source>Overdue now</source>
        <translation>当前超期</translation>
    </message>
    <message>
        <source>Parked cases (%1)</source>
        <translation>挂账案件（%1）</translation>
    </message>
    <message>
        <source>Overdue open cases at %1 (%2)</source>
        <translation>截至 %1 的超期未结案件（%2）</translation>
    </message>
    <message>
        <source>Parked</source>
        <translation>挂账</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>超期</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Parked since</source>
        <translation>挂账时间</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>时限</translation>
    </message>
    <message>
        <source>Reported</source>
        <translation>上报时间</translation>
    </message>
    <message>
        <source>Overdue by</source>
        <translation>超期时长</translation>
    </message>
    <message>
        <source>%1 of %2 shown.</source>
        <translation>显示 %1 / %2 件。</translation>
    </message>
    <message>
        <source>No parked cases.</source>
        <translation>没有挂账案件。</translation>
    </message>
    <message>
        <source>No open case is past its deadline.</source>
        <translation>没有超过时限的未结案件。</translation>
    </message>
    <message>
        <source>Weekly trend</source>
        <translation>每周趋势</translation>
    </message>
    <message>
        <source>Trend</source>
        <translation>趋势</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>周</translation>
    </message>
    <message>
        <source>From</source>
        <translation>起始日</translation>
    </message>
    <message>
        <source>Disputes: yellow</source>
        <translation>矛盾纠纷：黄色</translation>
    </message>
    <message>
        <source>Disputes: orange</source>
        <translation>矛盾纠纷：橙色</translation>
    </message>
    <message>
        <source>Disputes: red</source>
        <translation>矛盾纠纷：红色</translation>
    </message>
    <message>
        <source>%1 (%2 – %3)</source>
        <translation>%1（%2 – %3）</translation>
    </message>
    <message>
        <source>Reported cases rose by %1 (%2) to %3.</source>
        <translation>上报案件增加 %1 件（%2），达到 %3 件。</translation>
    </message>
    <message>
        <source>Reported cases fell by %1 (%2) to %3.</source>
        <translation>上报案件减少 %1 件（%2），降至 %3 件。</translation>
    </message>
    <message>
        <source>Reported cases stayed at %1.</source>
        <translation>上报案件持平，为 %1 件。</translation>
    </message>
    <message>
        <source>Closed cases rose by %1 (%2) to %3.</source>
        <translation>结案数增加 %1 件（%2），达到 %3 件。</translation>
    </message>
    <message>
        <source>Closed cases fell by %1 (%2) to %3.</source>
        <translation>结案数减少 %1 件（%2），降至 %3 件。</translation>
    </message>
    <message>
        <source>Closed cases stayed at %1.</source>
        <translation>结案数持平，为 %1 件。</translation>
    </message>
    <message>
        <source>Overdue cases rose by %1 (%2) to %3.</source>
        <translation>超期案件增加 %1 件（%2），达到 %3 件。</translation>
    </message>
    <message>
        <source>Overdue cases fell by %1 (%2) to %3.</source>
        <translation>超期案件减少 %1 件（%2），降至 %3 件。</translation>
    </message>
    <message>
        <source>Overdue cases stayed at %1.</source>
        <translation>超期案件持平，为 %1 件。</translation>
    </message>
    <message>
        <source>The closure rate moved %1 to %2, meeting the %3 target.</source>
        <translation>结案率变化 %1，为 %2，达到 %3 的目标。</translation>
    </message>
    <message>
        <source>The closure rate moved %1 to %2, below the %3 target.</source>
        <translation>结案率变化 %1，为 %2，低于 %3 的目标。</translation>
    </message>
    <message>
        <source>%1 moved most in the ranking: composite score %2 → %3 (grade %4, rank %5).</source>
        <translation>排名变化最大的是%1：综合指标值 %2 → %3（等级 %4，第 %5 名）。</translation>
    </message>
    <message>
        <source>The category that grew most: %1, %2 → %3 reported cases.</source>
        <translation>增长最多的类别：%1，上报 %2 → %3 件。</translation>
    </message>
    <message>
        <source>Red disputes: %1 reported this week (%2 last week); %3 open now, %4 of them overdue.</source>
        <translation>红色矛盾纠纷：本周上报 %1 件（上周 %2 件）；当前未结 %3 件，其中超期 %4 件。</translation>
    </message>
    <message>
        <source>%1 open cases are past their deadline now, the most in %2 (%3).</source>
        <translation>当前有 %1 件未结案件超过时限，最多的是%2（%3 件）。</translation>
    </message>
    <message>
        <source>GridHall weekly KPI report · %1 · %2</source>
        <translation>GridHall 每周绩效报告 · %1 · %2</translation>
    </message>
    <message>
        <source>Page %1</source>
        <translation>第 %1 页</translation>
    </message>
    <message>
        <source>(1 − %1)</source>
        <translation>（1 − %1）</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <source>Grid governance command hall</source>
        <translation>网格化治理指挥大厅</translation>
    </message>
    <message>
        <source>Weekly KPI report</source>
        <translation>每周绩效报告</translation>
    </message>
    <message>
        <source>Scope: %1</source>
        <translation>范围：%1</translation>
    </message>
    <message>
        <source>Street code: %1</source>
        <translation>街道编码：%1</translation>
    </message>
    <message>
        <source>Rank among the %1 streets of %2: %3 (last week: %4)</source>
        <translation>在%2 %1 个街道中排名：第 %3 名（上周：%4）</translation>
    </message>
    <message>
        <source>Period: %1</source>
        <translation>统计周期：%1</translation>
    </message>
    <message>
        <source>Compared with: the week before</source>
        <translation>对比：上一周</translation>
    </message>
    <message>
        <source>Open cases and lists as of: %1</source>
        <translation>未结案件及清单截至：%1</translation>
    </message>
    <message>
        <source>Composite score weights: %1; grades A ≥ 90, B ≥ 75, C ≥ 60, D ≥ 40, E below.</source>
        <translation>综合指标值权重：%1；等级 A ≥ 90，B ≥ 75，C ≥ 60，D ≥ 40，其余为 E。</translation>
    </message>
    <message>
        <source>%1 vs last week</source>
        <translation>较上周 %1</translation>
    </message>
    <message>
        <source>What changed most</source>
        <translation>本周主要变化</translation>
    </message>
    <message>
        <source>Weekly KPI report %1 %2</source>
        <translation>每周绩效报告 %1 %2</translation>
    </message>
    <message>
        <source>Cannot write the PDF %1.</source>
        <translation>无法写入 PDF 文件 %1。</translation>
    </message>
    <message>
        <source>Cover and summary</source>
        <translation>封面与摘要</translation>
    </message>
    <message>
        <source>Categories and disputes</source>
        <translation>类别与矛盾纠纷</translation>
    </message>
    <message>
        <source>Overdue and parked cases</source>
        <translation>超期与挂账案件</translation>
    </message>
    <message>
        <source>Cannot write the spreadsheet %1.</source>
        <translation>无法写入电子表格 %1。</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>报告</translation>
    </message>
    <message>
        <source>Cannot write the spreadsheet %1: %2</source>
        <translation>无法写入电子表格 %1：%2</translation>
    </message>
</context>
<context>
    <name>WeeklyReportDialog</name>
    <message>
        <source>Weekly report</source>
        <translation>每周报告</translation>
    </message>
    <message>
        <source>Any day of the week:</source>
        <translation>该周任意一天：</translation>
    </message>
    <message>
        <source>Whole district</source>
        <translation>全区</translation>
    </message>
    <message>
        <source>Scope:</source>
        <translation>范围：</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Save the weekly report</source>
        <translation>保存每周报告</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>PDF file:</source>
        <translation>PDF 文件：</translation>
    </message>
    <message>
        <source>Also write the tables as a spreadsheet (XLSX)</source>
        <translation>同时将表格写入电子表格（XLSX）</translation>
    </message>
    <message>
        <source>Make report</source>
        <translation>生成报告</translation>
    </message>
    <message>
        <source>Making the weekly report…</source>
        <translation>正在生成每周报告…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>WorkerKind</name>
    <message>
        <source>Grid worker</source>
        <translation>网格员</translation>
    </message>
    <message>
        <source>Joint-enforcement member</source>
        <translation>联勤队员</translation>
    </message>
    <message>
        <source>Department handler</source>
        <translation>部门处置员</translation>
    </message>
</context>
<context>
    <name>WorkerListModel</name>
    <message>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>Patrolling</source>
        <translation>巡查中</translation>
    </message>
    <message>
        <source>On a case</source>
        <translation>办案中</translation>
    </message>
    <message>
        <source>%1 m</source>
        <translation>%1 米</translation>
    </message>
    <message>
        <source>%1 km</source>
        <translation>%1 公里</translation>
    </message>
    <message>
        <source>Worker</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Distance</source>
        <translation>距离</translation>
    </message>
    <message>
        <source>Open cases</source>
        <translation>在办案件</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>区域</translation>
    </message>
</context>
<context>
    <name>gridhall::AlertBanner</name>
    <message>
        <source>New red dispute: %1 · %2</source>
        <translation>新增红色纠纷：%1 · %2</translation>
    </message>
    <message numerus="yes">
        <source>%n new red disputes — latest: %1 · %2</source>
        <translation>
            <numerusform>新增红色纠纷 %n 件 — 最新：%1 · %2</numerusform>
        </translation>
    </message>
    <message>
        <source>Show</source>
        <translation>查看</translation>
    </message>
    <message>
        <source>Acknowledge all</source>
        <translation>全部确认</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>确认</translation>
    </message>
    <message numerus="yes">
        <source>%n case(s) overdue</source>
        <translation>
            <numerusform>%n 件案件已超期</numerusform>
        </translation>
    </message>
    <message>
        <source>Counting overdue cases…</source>
        <translation>正在统计超期案件…</translation>
    </message>
</context>
<context>
    <name>gridhall::AreaSearch</name>
    <message>
        <source>Find a street, community or grid by name or code</source>
        <translation>按名称或编码查找街道、社区或网格</translation>
    </message>
    <message>
        <source>Area search</source>
        <translation>区域搜索</translation>
    </message>
    <message>
        <source>street</source>
        <translation>街道</translation>
    </message>
    <message>
        <source>community</source>
        <translation>社区</translation>
    </message>
    <message>
        <source>grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>%1 (%2, %3)</source>
        <extracomment>Completion row: area name, area code, level (street, community or grid).</extracomment>
        <translation>%1（%2，%3）</translation>
    </message>
</context>
<context>
    <name>gridhall::AreaTreeModel</name>
    <message>
        <source>Area</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Grid cells</source>
        <translation>网格数</translation>
    </message>
    <message>
        <source>Workers</source>
        <translation>人员数</translation>
    </message>
    <message>
        <source>Open cases</source>
        <translation>在办案件数</translation>
    </message>
</context>
<context>
    <name>gridhall::AreaTreeWidget</name>
    <message>
        <source>Find a street, community or grid by name or code</source>
        <translation>按名称或编码查找街道、社区或网格</translation>
    </message>
</context>
<context>
    <name>gridhall::CameraView</name>
    <message>
        <source>the stream ended</source>
        <translation>视频流已结束</translation>
    </message>
    <message>
        <source>the stream cannot be played</source>
        <translation>视频流无法播放</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>正在连接 %1…</translation>
    </message>
    <message>
        <source>no picture for %1 s</source>
        <translation>%1 秒没有画面</translation>
    </message>
    <message>
        <source>the stream failed</source>
        <translation>视频流出错</translation>
    </message>
    <message numerus="yes">
        <source>%1: no live picture (%2). Trying again in %n s…</source>
        <translation>
            <numerusform>%1：没有实时画面（%2）。%n 秒后重试…</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (%2) — live</source>
        <translation>%1（%2）— 实时画面</translation>
    </message>
    <message>
        <source>%1: no stream for your role (stream addresses go to desk roles and leaders).</source>
        <translation>%1：您的角色没有视频流（视频流地址只发给坐席角色和领导）。</translation>
    </message>
</context>
<context>
    <name>gridhall::CameraWindow</name>
    <message>
        <source>Save still to case %1</source>
        <translation>截图存入案件 %1</translation>
    </message>
    <message>
        <source>Saves the picture on screen into case %1 as a photo (Ctrl+S). Offline it waits in the outbox.</source>
        <translation>把当前画面作为照片存入案件 %1（Ctrl+S）。离线时在待发队列中等待。</translation>
    </message>
</context>
<context>
    <name>gridhall::CaseDesk</name>
    <message>
        <source>Case queues</source>
        <translation>案件队列</translation>
    </message>
    <message>
        <source>Workers</source>
        <translation>外勤人员</translation>
    </message>
    <message>
        <source>Departments and levels</source>
        <translation>部门与层级</translation>
    </message>
    <message>
        <source>Case detail</source>
        <translation>案件详情</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>告警</translation>
    </message>
    <message>
        <source>No server is connected: this desk works from its local data file only, and photo %1 was not opened here before. Full-size photos load when GridHall runs with a server (for example --demo).</source>
        <translation>未连接服务器：本工作台仅使用本地数据文件，照片 %1 此前未在本机打开过。GridHall 连接服务器运行时（例如使用 --demo）才能加载原图。</translation>
    </message>
    <message>
        <source>Sound for new red disputes</source>
        <translation>新红色纠纷提示音</translation>
    </message>
    <message>
        <source>The still was not saved: %1</source>
        <translation>截图未保存：%1</translation>
    </message>
    <message>
        <source>the picture could not be encoded as JPEG</source>
        <translation>画面无法编码为 JPEG</translation>
    </message>
    <message>
        <source>Still for case %1: %2</source>
        <translation>案件 %1 的截图：%2</translation>
    </message>
</context>
<context>
    <name>gridhall::CaseDetailPanel</name>
    <message>
        <source>Field worker</source>
        <translation>外勤人员</translation>
    </message>
    <message>
        <source>Hotline</source>
        <translation>热线</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>视频监控</translation>
    </message>
    <message>
        <source>Resident app</source>
        <translation>居民 App</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>受理派遣员</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1天%2小时</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分钟</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <source>No other case in this grid in the last 30 days</source>
        <translation>该网格近 30 天内无其他案件</translation>
    </message>
    <message>
        <source>Case %1 is not in the local store</source>
        <translation>本地副本中没有案件 %1</translation>
    </message>
    <message>
        <source>No case selected</source>
        <translation>未选择案件</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>问题描述</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>show on map</source>
        <translation>在地图上显示</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>Reporter</source>
        <translation>上报人</translation>
    </message>
    <message>
        <source>Reported</source>
        <translation>上报时间</translation>
    </message>
    <message>
        <source>Holder</source>
        <translation>当前承办</translation>
    </message>
    <message>
        <source>Step deadline</source>
        <translation>环节时限</translation>
    </message>
    <message>
        <source>Rework / extensions</source>
        <translation>返工/延期次数</translation>
    </message>
    <message>
        <source>Extension</source>
        <translation>延期</translation>
    </message>
    <message>
        <source>%1 requested, waiting for approval</source>
        <translation>已申请延期 %1，待审批</translation>
    </message>
    <message>
        <source>in progress</source>
        <translation>进行中</translation>
    </message>
    <message>
        <source>late</source>
        <translation>超时</translation>
    </message>
    <message>
        <source>on time</source>
        <translation>按时</translation>
    </message>
    <message>
        <source>No operator notes</source>
        <translation>无坐席备注</translation>
    </message>
    <message>
        <source>Time limits per step</source>
        <translation>各环节时限</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>环节</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>Used / allowed</source>
        <translation>已用 / 时限</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>信号灯</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>流转记录</translation>
    </message>
    <message>
        <source>Operator notes</source>
        <translation>坐席备注</translation>
    </message>
    <message>
        <source>Related cases (same grid, last 30 days)</source>
        <translation>相关案件（同一网格，近 30 天）</translation>
    </message>
    <message>
        <source>Case detail</source>
        <translation>案件详情</translation>
    </message>
    <message>
        <source>Photo %1 of %2, taken %3 · %4 × %5 px · %6. Click or press Enter to open it full size.</source>
        <translation>照片 %1/%2，拍摄于 %3 · %4 × %5 像素 · %6。单击或按回车键查看原图。</translation>
    </message>
    <message>
        <source>at an unknown time</source>
        <translation>时间未知</translation>
    </message>
    <message>
        <source>Photo %1 of %2</source>
        <translation>照片 %1/%2</translation>
    </message>
    <message>
        <source>Photos (%1)</source>
        <translation>照片（%1）</translation>
    </message>
    <message>
        <source>No photos</source>
        <translation>没有照片</translation>
    </message>
    <message>
        <source>Attached by %1</source>
        <translation>由 %1 附加</translation>
    </message>
    <message>
        <source>Still from camera %1, saved by %2</source>
        <translation>来自摄像头 %1 的截图，由 %2 保存</translation>
    </message>
    <message>
        <source>Cameras within %1 m (%2)</source>
        <translation>%1 米内的摄像头（%2）</translation>
    </message>
    <message>
        <source>No camera within %1 m of this case</source>
        <translation>本案件 %1 米内没有摄像头</translation>
    </message>
    <message>
        <source>%1 · %2 m</source>
        <translation>%1 · %2 米</translation>
    </message>
    <message>
        <source>%1 (%2), %3 m from the case. Click or press Enter to watch it live.</source>
        <translation>%1（%2），距案件 %3 米。单击或按回车键查看实时画面。</translation>
    </message>
</context>
<context>
    <name>gridhall::CaseQueueModel</name>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1天%2小时</translation>
    </message>
    <message>
        <source>%1:%2</source>
        <translation>%1:%2</translation>
    </message>
    <message>
        <source>%1 overdue</source>
        <translation>超期 %1</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>层级</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Reported</source>
        <translation>上报时间</translation>
    </message>
    <message>
        <source>Holder</source>
        <translation>当前承办</translation>
    </message>
    <message>
        <source>Time left</source>
        <translation>剩余时限</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>gridhall::CaseQueuePanel</name>
    <message>
        <source>Save filter</source>
        <translation>保存筛选条件</translation>
    </message>
    <message>
        <source>Name of this filter:</source>
        <translation>筛选条件名称：</translation>
    </message>
    <message>
        <source>Saved filters…</source>
        <translation>已保存的筛选条件…</translation>
    </message>
    <message>
        <source>Dispatch to…</source>
        <translation>派遣至…</translation>
    </message>
    <message>
        <source>No case selected</source>
        <translation>未选择案件</translation>
    </message>
    <message>
        <source>Your role can take no action on these cases</source>
        <translation>您的角色无权对这些案件执行操作</translation>
    </message>
    <message>
        <source>Undo “%1”</source>
        <translation>撤销“%1”</translation>
    </message>
    <message>
        <source>Select one or more cases first</source>
        <translation>请先选择一个或多个案件</translation>
    </message>
    <message>
        <source>Reason (recorded with the case):</source>
        <translation>理由（将随案件一并记录）：</translation>
    </message>
    <message>
        <source>Extra hours:</source>
        <translation>延长小时数：</translation>
    </message>
    <message>
        <source>All areas</source>
        <translation>全部区域</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <source>Any level</source>
        <translation>不限等级</translation>
    </message>
    <message>
        <source>Red</source>
        <translation>红色</translation>
    </message>
    <message>
        <source>Red and orange</source>
        <translation>红色和橙色</translation>
    </message>
    <message>
        <source>All disputes</source>
        <translation>全部矛盾纠纷</translation>
    </message>
    <message>
        <source>Not a dispute</source>
        <translation>非矛盾纠纷</translation>
    </message>
    <message>
        <source>Holder code</source>
        <translation>承办编码</translation>
    </message>
    <message>
        <source>Any time</source>
        <translation>不限时间</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>近 24 小时</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>近 7 天</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>近 30 天</translation>
    </message>
    <message>
        <source>Search code, description, address</source>
        <translation>搜索编号、描述、地址</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Save the current filter under a name</source>
        <translation>将当前筛选条件命名保存</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Delete the chosen saved filter</source>
        <translation>删除所选的已保存筛选条件</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Case queues</source>
        <translation>案件队列</translation>
    </message>
    <message>
        <source>reported %1</source>
        <translation>%1 上报</translation>
    </message>
    <message>
        <source>closed %1</source>
        <translation>%1 结案</translation>
    </message>
    <message>
        <source>open</source>
        <translation>未结</translation>
    </message>
    <message>
        <source>From the KPI dashboard: %1</source>
        <translation>来自指标看板：%1</translation>
    </message>
    <message>
        <source>all cases</source>
        <translation>全部案件</translation>
    </message>
    <message>
        <source>Show the whole queue</source>
        <translation>显示整个队列</translation>
    </message>
    <message>
        <source>Leave the chart's selection (Esc)</source>
        <translation>退出图表选择（Esc）</translation>
    </message>
</context>
<context>
    <name>gridhall::CaseQueueView</name>
    <message numerus="yes">
        <source>%n case(s)</source>
        <translation>
            <numerusform>%n 件案件</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>gridhall::DemoLauncher</name>
    <message>
        <source>Cannot create the folder for the demo data: %1</source>
        <translation>无法创建演示数据文件夹：%1</translation>
    </message>
    <message>
        <source>Creating the demo district…</source>
        <translation>正在创建演示区…</translation>
    </message>
    <message>
        <source>The demo needs %1 next to gridhall (%2); build it first.</source>
        <translation>演示需要与 gridhall 位于同一目录下的 %1（%2）；请先构建该程序。</translation>
    </message>
    <message>
        <source>Starting the demo district…</source>
        <translation>正在启动演示区…</translation>
    </message>
    <message>
        <source>Adding the demo users…</source>
        <translation>正在添加演示用户…</translation>
    </message>
    <message>
        <source>Adding the field workers' handhelds…</source>
        <translation>正在添加外勤人员的手持终端…</translation>
    </message>
    <message>
        <source>Preparing the demo failed at "%1":
%2</source>
        <translation>准备演示时在“%1”步骤失败：
%2</translation>
    </message>
    <message>
        <source>Starting the server…</source>
        <translation>正在启动服务器…</translation>
    </message>
    <message>
        <source>The demo server stopped (exit %1):
%2</source>
        <translation>演示服务器已停止（退出码 %1）：
%2</translation>
    </message>
    <message>
        <source>Starting the field simulator…</source>
        <translation>正在启动外勤模拟器…</translation>
    </message>
    <message>
        <source>The demo's camera streams are not running (no %1).</source>
        <translation>演示的摄像头视频流没有运行（缺少 %1）。</translation>
    </message>
</context>
<context>
    <name>gridhall::DepartmentsPanel</name>
    <message>
        <source>Dispatch to a department</source>
        <translation>派遣至部门</translation>
    </message>
    <message>
        <source>Escalate to a higher level</source>
        <translation>上报上级</translation>
    </message>
    <message>
        <source>Departments</source>
        <translation>部门</translation>
    </message>
</context>
<context>
    <name>gridhall::DispatchTargetDialog</name>
    <message numerus="yes">
        <source>Dispatch %n case(s) to…</source>
        <translation>
            <numerusform>将 %n 件案件派遣至…</numerusform>
        </translation>
    </message>
    <message>
        <source>Type a worker or department</source>
        <translation>输入人员或部门</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>派遣对象</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Worker</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Worker (offline)</source>
        <translation>人员（离线）</translation>
    </message>
</context>
<context>
    <name>gridhall::DropTarget</name>
    <message>
        <source>Dispatch to %1 (%2)</source>
        <translation>派遣给 %1（%2）</translation>
    </message>
    <message>
        <source>Dispatch to grid %1</source>
        <translation>派遣至网格 %1</translation>
    </message>
    <message>
        <source>Dispatch to grid %1 (%2)</source>
        <translation>派遣至网格 %1（%2）</translation>
    </message>
</context>
<context>
    <name>gridhall::GridInfo</name>
    <message>
        <source>Grid information</source>
        <translation>网格信息</translation>
    </message>
    <message>
        <source>Point at a grid cell</source>
        <translation>将鼠标指向网格</translation>
    </message>
    <message>
        <source>Unknown grid %1</source>
        <translation>未知网格 %1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <extracomment>Grid name and code.</extracomment>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Worker: none assigned</source>
        <translation>网格员：未配备</translation>
    </message>
    <message>
        <source>Worker: %1</source>
        <translation>网格员：%1</translation>
    </message>
    <message>
        <source>Open cases: %1</source>
        <translation>在办案件：%1</translation>
    </message>
    <message>
        <source>Overdue: %1</source>
        <translation>超期：%1</translation>
    </message>
    <message>
        <source>Highest dispute: none</source>
        <translation>最高纠纷等级：无</translation>
    </message>
    <message>
        <source>Highest dispute: %1</source>
        <translation>最高纠纷等级：%1</translation>
    </message>
</context>
<context>
    <name>gridhall::KpiDashboard</name>
    <message>
        <source>KPI dashboard: no data yet</source>
        <translation>指标看板：暂无数据</translation>
    </message>
    <message>
        <source>%1 — week %2 (%3 to %4)</source>
        <translation>%1 — 周次 %2（%3 至 %4）</translation>
    </message>
    <message>
        <source>%1 vs last week</source>
        <translation>较上周 %1</translation>
    </message>
    <message>
        <source>KPI dashboard</source>
        <translation>指标看板</translation>
    </message>
</context>
<context>
    <name>gridhall::LayerSwitcher</name>
    <message>
        <source>Labels</source>
        <translation>注记</translation>
    </message>
    <message>
        <source>Field workers</source>
        <translation>外勤人员</translation>
    </message>
    <message>
        <source>Open cases</source>
        <translation>在办案件</translation>
    </message>
    <message>
        <source>Dispute heatmap</source>
        <translation>矛盾纠纷热力图</translation>
    </message>
    <message>
        <source>Streets, communities and grids</source>
        <translation>街道、社区和网格</translation>
    </message>
    <message>
        <source>Basemap</source>
        <translation>底图</translation>
    </message>
    <message>
        <source>Map layers</source>
        <translation>地图图层</translation>
    </message>
    <message>
        <source>Tick a layer to show it; Space toggles the selected layer</source>
        <translation>勾选图层即可显示；按空格键切换所选图层</translation>
    </message>
    <message>
        <source>&amp;Opacity</source>
        <translation>不透明度(&amp;O)</translation>
    </message>
    <message>
        <source>Opacity of the selected layer</source>
        <translation>所选图层的不透明度</translation>
    </message>
    <message>
        <source>%1 % opaque</source>
        <translation>不透明度 %1%</translation>
    </message>
    <message>
        <source>Raster tiles</source>
        <translation>栅格瓦片</translation>
    </message>
    <message>
        <source>Cameras</source>
        <translation>摄像头</translation>
    </message>
</context>
<context>
    <name>gridhall::LiveSync</name>
    <message>
        <source>Photo %1 cannot be loaded yet: the connection to the server is still being set up.</source>
        <translation>照片 %1 暂时无法加载：与服务器的连接仍在建立中。</translation>
    </message>
</context>
<context>
    <name>gridhall::LoginDialog</name>
    <message>
        <source>Log in to the GridHall server</source>
        <translation>登录 GridHall 服务器</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>服务器(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>The server address needs a host, e.g. wss://gridhall.example.gov.cn:8443</source>
        <translation>服务器地址需要主机名，例如 wss://gridhall.example.gov.cn:8443</translation>
    </message>
    <message>
        <source>The server address must start with wss:// (or ws:// on a trusted network), not %1://</source>
        <translation>服务器地址须以 wss://（可信网络内也可用 ws://）开头，而不是 %1://</translation>
    </message>
    <message>
        <source>Enter the server address.</source>
        <translation>请输入服务器地址。</translation>
    </message>
    <message>
        <source>Enter your user name.</source>
        <translation>请输入用户名。</translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation>请输入密码。</translation>
    </message>
    <message>
        <source>The server list has an empty entry; separate addresses with single commas</source>
        <translation>服务器列表中有空项；请用单个逗号分隔各地址</translation>
    </message>
</context>
<context>
    <name>gridhall::MainWindow</name>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>GridHall</source>
        <translation>GridHall</translation>
    </message>
    <message>
        <source>GridHall — %1</source>
        <translation>GridHall — %1</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Reload from the local store</source>
        <translation>从本地数据重新加载(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <source>Dark (wall)</source>
        <translation>深色（大屏）</translation>
    </message>
    <message>
        <source>Light (desk)</source>
        <translation>浅色（桌面）</translation>
    </message>
    <message>
        <source>Areas</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>Store error: %1</source>
        <translation>本地数据错误：%1</translation>
    </message>
    <message>
        <source>Data as of %1</source>
        <translation>数据截至 %1</translation>
    </message>
    <message>
        <source>Local replica: %1 · not connected to a server</source>
        <translation>本地副本：%1 · 未连接服务器</translation>
    </message>
    <message>
        <source>Server: %1</source>
        <translation>服务器：%1</translation>
    </message>
    <message>
        <source>offline since %1</source>
        <translation>自 %1 起离线</translation>
    </message>
    <message>
        <source>last change %1</source>
        <translation>最近更改 %1</translation>
    </message>
    <message numerus="yes">
        <source>%n action(s) waiting to be sent</source>
        <translation>
            <numerusform>%n 项操作待发送</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Weekly report…</source>
        <translation>周报(&amp;W)…</translation>
    </message>
    <message>
        <source>District overview</source>
        <translation>全区概况</translation>
    </message>
    <message>
        <source>Show the &amp;whole district</source>
        <translation>显示全区(&amp;W)</translation>
    </message>
    <message>
        <source>Colour grid cells by</source>
        <translation>网格着色依据</translation>
    </message>
    <message>
        <source>Open cases</source>
        <translation>在办案件</translation>
    </message>
    <message>
        <source>Highest open dispute level</source>
        <translation>在办矛盾纠纷最高等级</translation>
    </message>
    <message>
        <source>Overdue cases</source>
        <translation>超期案件</translation>
    </message>
    <message>
        <source>Nothing (outlines only)</source>
        <translation>无（仅显示边界）</translation>
    </message>
    <message>
        <source>&amp;KPI dashboard</source>
        <translation>综合评价看板(&amp;K)</translation>
    </message>
    <message>
        <source>%1 (%2) selected: Follow keeps them in view; Ctrl+Shift+R replays their track</source>
        <translation>已选中 %1（%2）：“跟随人员”让其保持在视野中；Ctrl+Shift+R 回放其轨迹</translation>
    </message>
    <message>
        <source>Export dispute heatmap</source>
        <translation>导出纠纷热力图</translation>
    </message>
    <message>
        <source>There is no heatmap yet: the district has not loaded.</source>
        <translation>尚无热力图：辖区数据还未载入。</translation>
    </message>
    <message>
        <source>GeoTIFF (*.tif *.tiff)</source>
        <translation>GeoTIFF（*.tif *.tiff）</translation>
    </message>
    <message>
        <source>Writing the heatmap to %1…</source>
        <translation>正在把热力图写入 %1…</translation>
    </message>
    <message>
        <source>Heatmap written to %1</source>
        <translation>热力图已写入 %1</translation>
    </message>
    <message>
        <source>Export dispute &amp;heatmap (GeoTIFF)…</source>
        <translation>导出纠纷热力图（GeoTIFF）(&amp;H)…</translation>
    </message>
    <message>
        <source>Raster tiles "%1": %2. The map goes on with its own basemap.</source>
        <translation>栅格瓦片“%1”：%2。地图改用自带底图继续显示。</translation>
    </message>
    <message>
        <source>Server: %1 · %2</source>
        <translation>服务器：%1 · %2</translation>
    </message>
    <message>
        <source>Loading the case queues (every case in the local data)…</source>
        <translation>正在加载案件队列（本地数据中的全部案件）…</translation>
    </message>
    <message>
        <source>moved here from %1 at %2</source>
        <translation>已于 %2 从 %1 切换至此</translation>
    </message>
</context>
<context>
    <name>gridhall::MapCanvas</name>
    <message>
        <source>N</source>
        <translation>北</translation>
    </message>
    <message>
        <source>S</source>
        <translation>南</translation>
    </message>
    <message>
        <source>E</source>
        <translation>东</translation>
    </message>
    <message>
        <source>W</source>
        <translation>西</translation>
    </message>
    <message>
        <source>%1° %2, %3° %4</source>
        <translation>%2纬 %1°，%4经 %3°</translation>
    </message>
    <message>
        <source>%1 km</source>
        <translation>%1 公里</translation>
    </message>
    <message>
        <source>%1 m</source>
        <translation>%1 米</translation>
    </message>
</context>
<context>
    <name>gridhall::MapCaseDrop</name>
    <message>
        <source>No worker here to dispatch to</source>
        <translation>此处没有可派遣的人员</translation>
    </message>
</context>
<context>
    <name>gridhall::MapLegend</name>
    <message>
        <source>1–2 open cases</source>
        <translation>1–2 件在办案件</translation>
    </message>
    <message>
        <source>3–5 open cases</source>
        <translation>3–5 件在办案件</translation>
    </message>
    <message>
        <source>6–10 open cases</source>
        <translation>6–10 件在办案件</translation>
    </message>
    <message>
        <source>11–20 open cases</source>
        <translation>11–20 件在办案件</translation>
    </message>
    <message>
        <source>21 or more open cases</source>
        <translation>21 件及以上在办案件</translation>
    </message>
    <message>
        <source>Red dispute open</source>
        <translation>有在办红色纠纷</translation>
    </message>
    <message>
        <source>Orange dispute open</source>
        <translation>有在办橙色纠纷</translation>
    </message>
    <message>
        <source>Yellow dispute open</source>
        <translation>有在办黄色纠纷</translation>
    </message>
    <message>
        <source>1–2 overdue cases</source>
        <translation>1–2 件超期案件</translation>
    </message>
    <message>
        <source>3–5 overdue cases</source>
        <translation>3–5 件超期案件</translation>
    </message>
    <message>
        <source>6 or more overdue cases</source>
        <translation>6 件及以上超期案件</translation>
    </message>
    <message>
        <source>Red dispute</source>
        <translation>红色纠纷</translation>
    </message>
    <message>
        <source>Orange dispute</source>
        <translation>橙色纠纷</translation>
    </message>
    <message>
        <source>Yellow dispute</source>
        <translation>黄色纠纷</translation>
    </message>
    <message>
        <source>Reported</source>
        <translation>上报</translation>
    </message>
    <message>
        <source>Registered or dispatched</source>
        <translation>立案或派遣</translation>
    </message>
    <message>
        <source>Being handled</source>
        <translation>处置中</translation>
    </message>
    <message>
        <source>Fed back or verified</source>
        <translation>反馈或核查</translation>
    </message>
    <message>
        <source>Overdue (red ring)</source>
        <translation>超期（红圈）</translation>
    </message>
    <message>
        <source>Patrolling</source>
        <translation>巡查中</translation>
    </message>
    <message>
        <source>On a case</source>
        <translation>办案中</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>Position out of date</source>
        <translation>位置已过时</translation>
    </message>
    <message>
        <source>Grid cells</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>Workers</source>
        <translation>外勤人员</translation>
    </message>
    <message>
        <source>Map legend</source>
        <translation>图例</translation>
    </message>
    <message>
        <source>Legend</source>
        <translation>图例</translation>
    </message>
    <message>
        <source>Case clusters</source>
        <translation>案件聚合</translation>
    </message>
    <message>
        <source>Count; colour of the worst dispute</source>
        <translation>案件数；颜色取其中最严重纠纷</translation>
    </message>
    <message>
        <source>Red ring: some overdue</source>
        <translation>红圈：含超期案件</translation>
    </message>
    <message>
        <source>Road camera</source>
        <translation>道路摄像头</translation>
    </message>
    <message>
        <source>Compound gate camera</source>
        <translation>小区门口摄像头</translation>
    </message>
    <message>
        <source>Face-matching camera</source>
        <translation>人脸识别摄像头</translation>
    </message>
    <message>
        <source>Several cameras: their count</source>
        <translation>多个摄像头：显示数量</translation>
    </message>
    <message>
        <source>Cameras</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <source>Several workers: count (grey: all offline)</source>
        <translation>人员聚合：人数（灰色：全部离线）</translation>
    </message>
</context>
<context>
    <name>gridhall::MapPanel</name>
    <message>
        <source>Map tools</source>
        <translation>地图工具</translation>
    </message>
    <message>
        <source>&amp;Layers</source>
        <translation>图层(&amp;L)</translation>
    </message>
    <message>
        <source>Show or hide map layers and set their opacity</source>
        <translation>显示或隐藏地图图层并设置不透明度</translation>
    </message>
    <message>
        <source>&amp;Follow worker</source>
        <translation>跟随人员(&amp;F)</translation>
    </message>
    <message>
        <source>Keep the selected worker in the centre of the map</source>
        <translation>使所选人员始终位于地图中心</translation>
    </message>
</context>
<context>
    <name>gridhall::OverviewPanel</name>
    <message>
        <source>No district loaded</source>
        <translation>未加载区数据</translation>
    </message>
    <message>
        <source>Streets</source>
        <translation>街道</translation>
    </message>
    <message>
        <source>Communities</source>
        <translation>社区</translation>
    </message>
    <message>
        <source>Grid cells</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>Field workers</source>
        <translation>外勤人员</translation>
    </message>
    <message>
        <source>Departments</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>Cases on record</source>
        <translation>案件总数</translation>
    </message>
    <message>
        <source>Open cases</source>
        <translation>在办案件</translation>
    </message>
</context>
<context>
    <name>gridhall::PhotoViewer</name>
    <message>
        <source>No answer came for this photo. Step to another photo and back, or open it again, to retry.</source>
        <translation>未收到这张照片的回复。切换到其他照片再切回来，或重新打开，即可重试。</translation>
    </message>
    <message>
        <source>The photo arrived but cannot be shown: it is not an image this computer can read.</source>
        <translation>照片已收到但无法显示：本机无法读取该图片。</translation>
    </message>
    <message>
        <source>Loading the full-size photo… The thumbnail is shown meanwhile.</source>
        <translation>正在加载原图……暂时显示缩略图。</translation>
    </message>
    <message>
        <source>unknown time</source>
        <translation>时间未知</translation>
    </message>
    <message>
        <source>Photo %1 of %2 · %3 · taken %4 · %5 × %6 px · %7</source>
        <translation>照片 %1/%2 · %3 · 拍摄于 %4 · %5 × %6 像素 · %7</translation>
    </message>
    <message>
        <source>Photos of case %1</source>
        <translation>案件 %1 的照片</translation>
    </message>
    <message>
        <source>No picture to show</source>
        <translation>没有可显示的图片</translation>
    </message>
    <message>
        <source>◀ Previous</source>
        <translation>◀ 上一张</translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation>下一张 ▶</translation>
    </message>
    <message>
        <source>Previous photo (Left arrow)</source>
        <translation>上一张照片（左方向键）</translation>
    </message>
    <message>
        <source>Next photo (Right arrow)</source>
        <translation>下一张照片（右方向键）</translation>
    </message>
</context>
<context>
    <name>gridhall::PlaybackPanel</name>
    <message>
        <source>Distance: %1 km</source>
        <translation>里程：%1 公里</translation>
    </message>
    <message>
        <source>Distance: %1 m</source>
        <translation>里程：%1 米</translation>
    </message>
    <message numerus="yes">
        <source>Grids covered: %n</source>
        <translation>
            <numerusform>途经网格：%n 个</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Speed</source>
        <translation>速度(&amp;S)</translation>
    </message>
    <message>
        <source>Playback speed</source>
        <translation>回放速度</translation>
    </message>
    <message>
        <source>%1×</source>
        <extracomment>Playback speed multiplier, e.g. 8×.</extracomment>
        <translation>%1×</translation>
    </message>
    <message>
        <source>Playback time</source>
        <translation>回放时间</translation>
    </message>
    <message numerus="yes">
        <source>Drag to jump in time; marks show stops of %n minutes or longer</source>
        <translation>
            <numerusform>拖动可跳转时间；标记表示停留 %n 分钟及以上的位置</numerusform>
        </translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>No track in this period</source>
        <translation>该时段内无轨迹</translation>
    </message>
</context>
<context>
    <name>gridhall::RasterBasemapLayer</name>
    <message>
        <source>GDAL cannot open %1</source>
        <translation>GDAL 无法打开 %1</translation>
    </message>
    <message>
        <source>%1 has no raster bands</source>
        <translation>%1 中没有栅格波段</translation>
    </message>
    <message>
        <source>%1 has no coordinate system</source>
        <translation>%1 没有坐标系</translation>
    </message>
    <message>
        <source>%1 cannot be warped to Web Mercator: %2</source>
        <translation>%1 无法重投影到 Web 墨卡托：%2</translation>
    </message>
    <message>
        <source>%1 holds no tiles</source>
        <translation>%1 中没有瓦片</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>loading</source>
        <translation>加载中</translation>
    </message>
    <message>
        <source>unreachable: %1</source>
        <translation>无法访问：%1</translation>
    </message>
    <message>
        <source>file unreadable: %1</source>
        <translation>文件无法读取：%1</translation>
    </message>
</context>
<context>
    <name>gridhall::ReplayDesk</name>
    <message>
        <source>Name one or more field workers (name or code).</source>
        <translation>请填写一名或多名外勤人员（姓名或编码）。</translation>
    </message>
    <message>
        <source>Reading the recorded tracks…</source>
        <translation>正在读取记录的轨迹…</translation>
    </message>
    <message numerus="yes">
        <source>Replaying %n worker(s).</source>
        <translation>
            <numerusform>正在回放 %n 名人员的轨迹。</numerusform>
        </translation>
    </message>
    <message>
        <source>No field worker is called %1.</source>
        <translation>没有名为 %1 的外勤人员。</translation>
    </message>
    <message>
        <source>Workers to replay: names or codes</source>
        <translation>要回放的人员：姓名或编码</translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation>最近 1 小时</translation>
    </message>
    <message>
        <source>Last 8 hours</source>
        <translation>最近 8 小时</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>昨天</translation>
    </message>
    <message>
        <source>Replay</source>
        <translation>回放</translation>
    </message>
    <message>
        <source>Back to live</source>
        <translation>回到实时</translation>
    </message>
    <message>
        <source>End the replay and show the workers' live positions</source>
        <translation>结束回放，显示人员实时位置</translation>
    </message>
    <message>
        <source>Track replay</source>
        <translation>轨迹回放</translation>
    </message>
    <message>
        <source>Fetching the tracks from the server…</source>
        <translation>正在从服务器获取轨迹…</translation>
    </message>
    <message>
        <source>No recorded track in this period for: %1.</source>
        <translation>以下人员在此时段内没有轨迹：%1。</translation>
    </message>
    <message>
        <source>The server's tracks could not be fetched (%1); this shows what this workstation recorded itself.</source>
        <translation>无法从服务器获取轨迹（%1）；此处显示本工作站自行记录的轨迹。</translation>
    </message>
    <message>
        <source>The period holds more than the server sends at once; choose fewer workers or a shorter period to see all of it.</source>
        <translation>该时段的轨迹超过服务器单次发送的上限；请减少人员或缩短时段以查看全部。</translation>
    </message>
</context>
<context>
    <name>gridhall::StoreService</name>
    <message>
        <source>The local data file is not open.</source>
        <translation>本地数据文件未打开。</translation>
    </message>
    <message>
        <source>Cannot write to the local data file: %1</source>
        <translation>无法写入本地数据文件：%1</translation>
    </message>
    <message>
        <source>A change to the local data file failed and was undone: %1</source>
        <translation>对本地数据文件的修改失败，已撤销：%1</translation>
    </message>
    <message>
        <source>A change to the local data file was cancelled and undone.</source>
        <translation>对本地数据文件的修改已取消并撤销。</translation>
    </message>
</context>
<context>
    <name>gridhall::TileCache</name>
    <message>
        <source>%1 does not exist</source>
        <translation>%1 不存在</translation>
    </message>
    <message>
        <source>cannot create the folder for %1</source>
        <translation>无法为 %1 创建文件夹</translation>
    </message>
    <message>
        <source>%1 is not a usable MBTiles cache: %2</source>
        <translation>%1 不是可用的 MBTiles 缓存：%2</translation>
    </message>
    <message>
        <source>%1 is not an MBTiles file: %2</source>
        <translation>%1 不是 MBTiles 文件：%2</translation>
    </message>
</context>
<context>
    <name>gridhall::TileFetcher</name>
    <message>
        <source>%1 did not answer within %2 s</source>
        <translation>%1 在 %2 秒内未响应</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>HTTP status %1</source>
        <translation>HTTP 状态码 %1</translation>
    </message>
</context>
<context>
    <name>gridhall::TileSourceSpec</name>
    <message>
        <source>Tile source is not valid JSON at offset %1: %2</source>
        <translation>瓦片源在偏移 %1 处不是有效的 JSON：%2</translation>
    </message>
    <message>
        <source>Tile source must be a JSON object</source>
        <translation>瓦片源必须是 JSON 对象</translation>
    </message>
    <message>
        <source>Tile source has no "name"</source>
        <translation>瓦片源缺少 "name"</translation>
    </message>
    <message>
        <source>Tile source "%1": "kind" must be "xyz", "mbtiles" or "gdal", not "%2"</source>
        <translation>瓦片源“%1”："kind" 必须是 "xyz"、"mbtiles" 或 "gdal"，不能是 "%2"</translation>
    </message>
    <message>
        <source>Tile source "%1" does not declare its "datum" ("wgs84" or "gcj02")</source>
        <translation>瓦片源“%1”未声明 "datum"（"wgs84" 或 "gcj02"）</translation>
    </message>
    <message>
        <source>Tile source "%1": unknown datum "%2" (use "wgs84" or "gcj02")</source>
        <translation>瓦片源“%1”：未知 datum "%2"（请使用 "wgs84" 或 "gcj02"）</translation>
    </message>
    <message>
        <source>Tile source "%1": "%2" must be a whole number from 0 to %3</source>
        <translation>瓦片源“%1”："%2" 必须是 0 到 %3 之间的整数</translation>
    </message>
    <message>
        <source>Tile source "%1": minZoom %2 is above maxZoom %3</source>
        <translation>瓦片源“%1”：minZoom %2 大于 maxZoom %3</translation>
    </message>
    <message>
        <source>Tile source "%1": "url" must be an http or https URL template</source>
        <translation>瓦片源“%1”："url" 必须是 http 或 https 的 URL 模板</translation>
    </message>
    <message>
        <source>Tile source "%1": the url template lacks %2</source>
        <translation>瓦片源“%1”：url 模板中缺少 %2</translation>
    </message>
    <message>
        <source>Tile source "%1": "subdomains" must be a list of non-empty strings</source>
        <translation>瓦片源“%1”："subdomains" 必须是由非空字符串组成的列表</translation>
    </message>
    <message>
        <source>Tile source "%1": the url uses {s} but no "subdomains" are given</source>
        <translation>瓦片源“%1”：url 中使用了 {s}，但未提供 "subdomains"</translation>
    </message>
    <message>
        <source>Tile source "%1" needs a "path" to its file</source>
        <translation>瓦片源“%1”需要指定其文件的 "path"</translation>
    </message>
    <message>
        <source>Cannot read tile source %1: %2</source>
        <translation>无法读取瓦片源 %1：%2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
</context>
<context>
    <name>gridhall::WallQueueBoard</name>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1天%2小时</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分钟</translation>
    </message>
    <message>
        <source>Overdue %1</source>
        <translation>超期 %1</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>剩余 %1</translation>
    </message>
    <message>
        <source>Most urgent open cases</source>
        <translation>最紧急的在办案件</translation>
    </message>
    <message>
        <source>No open case is waiting.</source>
        <translation>没有待办案件。</translation>
    </message>
</context>
<context>
    <name>gridhall::WallVideoTile</name>
    <message>
        <source>%1: no stream for this wall's account.</source>
        <translation>%1：此大屏的账号没有该视频流。</translation>
    </message>
</context>
<context>
    <name>gridhall::WallWindow</name>
    <message>
        <source>rotation paused</source>
        <translation>轮播已暂停</translation>
    </message>
    <message>
        <source>STALE — last update %1</source>
        <translation>数据已过期 — 最后更新 %1</translation>
    </message>
    <message>
        <source>Data as of %1</source>
        <translation>数据截至 %1</translation>
    </message>
    <message>
        <source>STALE DATA · last update %1</source>
        <translation>数据已过期 · 最后更新 %1</translation>
    </message>
    <message>
        <source>Connection to the server lost. Showing the last data received; it updates by itself when the link returns.</source>
        <translation>与服务器的连接已中断。当前显示最后收到的数据；连接恢复后将自动更新。</translation>
    </message>
    <message>
        <source>reported %1</source>
        <translation>%1 上报</translation>
    </message>
    <message>
        <source>Awaiting acknowledgement from a workstation</source>
        <translation>等待坐席确认</translation>
    </message>
    <message numerus="yes">
        <source>%n more alert(s) waiting</source>
        <translation>
            <numerusform>另有 %n 条告警待处理</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>gridhall::WeeklyReportJob</name>
    <message>
        <source>Reading the data</source>
        <translation>正在读取数据</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>Writing the spreadsheet</source>
        <translation>正在写入电子表格</translation>
    </message>
    <message numerus="yes">
        <source>Wrote %1 (%n page(s)).</source>
        <translation>
            <numerusform>已写入 %1（共 %n 页）。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Wrote %1 (%n page(s)) and %2.</source>
        <translation>
            <numerusform>已写入 %1（共 %n 页）和 %2。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>gridhall::WorkersPanel</name>
    <message>
        <source>Search name, badge or area</source>
        <translation>搜索姓名、工号或区域</translation>
    </message>
    <message>
        <source>All workers</source>
        <translation>全部人员</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>Workers</source>
        <translation>外勤人员</translation>
    </message>
</context>
</TS>
