#!/usr/bin/env bash
# `make package-test`: the Debian packages as a district's IT office meets them, on this
# machine (root; CI is a fresh Debian 12 without systemd running).
#  1. lintian (no errors), desktop-file-validate and appstreamcli validate on what is shipped;
#  2. apt-get install ./gridhall_….deb ./gridhall-server_….deb, pulling their dependencies;
#  3. the installed layout: the service's user, the conffile, the unit, man pages;
#  4. the hall's database made as the service's user, users added, and the server started
#     with the unit's own ExecStart line, as the unit's User, under its LimitNOFILE; a real
#     NOTIFY_SOCKET must get READY=1 from it;
#  5. one sync: the installed gridhall-sim's handhelds log in and report cases the server
#     applies, and the installed gridhall syncs a replica that holds every case of the server;
#  6. a highly available hall as docs/DEPLOY.md § The service on PostgreSQL makes one: a
#     PostgreSQL cluster (initdb as postgres, in the test's folder), the role's password in
#     the service user's ~/.pgpass, the audit key in /var/lib/gridhall, server.conf pointing
#     at the database, two instances started with the unit's ExecStart line (the second with
#     the drop-in's --listen/--metrics), the installed gridhall-sim spread over both; one
#     instance is SIGKILLed and started again 3 s later as Restart=on-failure would: every
#     handheld is back on the live one, every report is applied once, the chain verifies;
#  7. the packages are purged again and what the test made is deleted (the machine is
#     left as it was), also when a step fails.
# Usage: tests/package/install-and-sync.sh [BUILD_DIR]
set -euo pipefail

BUILD=${1:-build}
UNIT=/lib/systemd/system/gridhall-server.service
APP_ID=org.gridhall.GridHall
step() { printf '\n== %s\n' "$*"; }
fail() { echo "package-test: FAILED: $*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || fail "installs packages: run as root"
shopt -s nullglob
debs=("$BUILD"/gridhall_*.deb "$BUILD"/gridhall-server_*.deb)
[ ${#debs[@]} = 2 ] || fail "expected one gridhall_*.deb and one gridhall-server_*.deb in $BUILD (make package), found: ${debs[*]:-none}"
# A hall already on this machine is never touched.
if dpkg-query -W -f='${Status}' gridhall-server 2>/dev/null | grep -q '^install ok installed'; then
    fail "gridhall-server is already installed here; this test installs and removes it"
fi
[ ! -e /var/lib/gridhall ] || fail "/var/lib/gridhall exists: a hall may live here; not touching it"

work=$(mktemp -d)
chmod 0755 "$work"
user_existed=no
getent passwd gridhall >/dev/null && user_existed=yes
server_pid= ha1_pid= ha2_pid= sim_pid= cameras_pid= pg_data=
# True once the process has ended, false if it still runs after 30 s: a process stuck in
# its stop must not hang the run.
ended_within_30s() {
    for _ in $(seq 300); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done
    return 1
}
# SIGTERM, then SIGKILL after 30 s.
stop_pid() {
    kill -TERM "$1" 2>/dev/null || return 0
    ended_within_30s "$1" || kill -KILL "$1" 2>/dev/null
    wait "$1" 2>/dev/null
}
cleanup() {
    local rc=$?
    set +e
    for pid in $server_pid $ha1_pid $ha2_pid $sim_pid $cameras_pid; do stop_pid "$pid"; done
    [ -n "$pg_data" ] && (cd / && runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_data" -m immediate -w stop >/dev/null)
    step "removing the packages and what the test made"
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 purge -y -qq gridhall gridhall-server >/dev/null
    rm -rf /var/lib/gridhall /etc/gridhall "$work"
    if [ "$user_existed" = no ] && getent passwd gridhall >/dev/null; then
        deluser --system --quiet gridhall >/dev/null 2>&1
        getent group gridhall >/dev/null && delgroup --system --quiet gridhall >/dev/null 2>&1
    fi
    [ $rc = 0 ] && echo "package-test: ok" || echo "package-test: FAILED (exit $rc)"
    exit $rc
}
trap cleanup EXIT

step "lintian ${debs[*]##*/}"
# Errors fail the test; warnings are shown (those that cannot be fixed are in docs/DEPLOY.md).
lintian --fail-on error --tag-display-limit 0 "${debs[@]}" || fail "lintian reports errors"

step "apt-get install ${debs[*]##*/}"
abs=()
for d in "${debs[@]}"; do abs+=("$(realpath "$d")"); done
DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq "${abs[@]}" >"$work/apt.log" 2>&1 || { cat "$work/apt.log"; fail "apt-get install"; }
dpkg-query -W gridhall gridhall-server

step "installed files"
desktop-file-validate /usr/share/applications/$APP_ID.desktop || fail "desktop-file-validate"
appstreamcli validate --no-net /usr/share/metainfo/$APP_ID.metainfo.xml || fail "appstreamcli validate"
for size in 16 32 48 256 512; do
    [ -s /usr/share/icons/hicolor/${size}x${size}/apps/$APP_ID.png ] || fail "no ${size}px icon"
done
dpkg-query -W -f='${Conffiles}\n' gridhall-server | grep -q '/etc/gridhall/server.conf' || fail "server.conf is not a conffile"
getent passwd gridhall >/dev/null || fail "no system user gridhall"
[ "$(stat -c %U /var/lib/gridhall)" = gridhall ] || fail "/var/lib/gridhall is not gridhall's"
for page in gridhall gridhall-report gridhall-heatmap gridhall-cameras gridhall-sim gridhall-server gridhall-server-serve; do
    man -w "$page" >/dev/null || fail "no man page $page"
done
# DEPLOY.md § HAProxy: the shipped example is a valid config as it is.
haproxy_example=/usr/share/doc/gridhall-server/examples/haproxy.cfg
[ -s /usr/share/doc/gridhall-server/DEPLOY.md ] || fail "DEPLOY.md is not in the package"
haproxy -c -f "$haproxy_example" >/dev/null || fail "haproxy -c -f $haproxy_example"

step "the demo's camera streams: the installed gridhall-cameras"
gridhall-cameras --listen 127.0.0.1:0 >"$work/cameras.log" 2>&1 &
cameras_pid=$!
for _ in $(seq 50); do grep -q 'listening on' "$work/cameras.log" && break; sleep 0.2; done
cameras_port=$(sed -n 's/.*listening on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$work/cameras.log")
[ -n "$cameras_port" ] || { cat "$work/cameras.log"; fail "gridhall-cameras did not listen"; }
timeout 30 ffmpeg -nostdin -loglevel error -rtsp_transport tcp -i "rtsp://127.0.0.1:$cameras_port/cam/PKG01/sub" \
    -frames:v 5 -f null - || fail "no picture from the installed gridhall-cameras"
stop_pid "$cameras_pid"; cameras_pid=
[ -f "$UNIT" ] || fail "no $UNIT"

step "the unit's command line"
exec_start=$(sed -n 's/^ExecStart=//p' "$UNIT")
unit_user=$(sed -n 's/^User=//p' "$UNIT")
nofile=$(sed -n 's/^LimitNOFILE=//p' "$UNIT")
echo "ExecStart=$exec_start  User=$unit_user  LimitNOFILE=$nofile"
[ -n "$exec_start" ] && [ -n "$unit_user" ] && [ -n "$nofile" ] || fail "the unit lacks ExecStart, User or LimitNOFILE"
conf=$(grep -o -- '--config [^ ]*' <<<"$exec_start" | cut -d' ' -f2)
setting() { sed -n "s/^[[:space:]]*$1[[:space:]]*=[[:space:]]*//p" "$conf" | tail -1; }
db=$(setting db)
listen=$(setting listen)
listen=${listen:-127.0.0.1:8765}
echo "$conf: db = $db, listen = $listen"
[[ "$db" == /var/lib/gridhall/* ]] || fail "$conf's db is not in the service's state folder: $db"

step "the hall's database, as $unit_user"
as_service() { (cd / && runuser -u "$unit_user" -- "$@"); }
as_service gridhall-server demo-data --db "$db" --cases-per-day 30 --end 2026-11-20 --seed 16 >"$work/demo.log"
password='Package-Test-2026'
printf '%s\n' "$password" | as_service gridhall-server add-user --db "$db" --user desk1 --role district_operator --iterations 1000
printf '%s\n' "$password" | as_service gridhall-server add-user --db "$db" --all-workers --iterations 1000 >/dev/null
printf '%s\n' "$password" >"$work/desk.pw"

step "serve, as the unit starts it"
# The service manager's end of NOTIFY_SOCKET, as systemd would hold it for Type=notify.
python3 - "$work/notify" "$work/ready" <<'PY' &
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
import os
os.chmod(sys.argv[1], 0o777)
while True:
    msg = s.recv(4096).decode()
    if "READY=1" in msg.split("\n"):
        open(sys.argv[2], "w").write(msg)
        break
PY
notify_pid=$!
for _ in $(seq 50); do [ -S "$work/notify" ] && break; sleep 0.1; done
read -r -a argv <<<"$exec_start"
# systemd would set LimitNOFILE; a container may cap root below it, then its hard limit it is.
if ! (ulimit -n "$nofile") 2>/dev/null; then
    echo "LimitNOFILE=$nofile is above this machine's hard limit; serving with $(ulimit -Hn)"
    nofile=$(ulimit -Hn)
fi
# The unit's ExecStart line (plus extra options) as its User under its LimitNOFILE, output
# in $work/NAME.out and .err. setpriv execs the server itself (no su session in between),
# so signals reach it as systemd's would.
serve_as_unit() {
    local name=$1; shift
    (ulimit -n "$nofile" && cd / && exec setpriv --reuid="$unit_user" --regid="$unit_user" --init-groups \
        env HOME="$(getent passwd "$unit_user" | cut -d: -f6)" ${NOTIFY_SOCKET:+NOTIFY_SOCKET="$NOTIFY_SOCKET"} "${argv[@]}" "$@") \
        >"$work/$name.out" 2>"$work/$name.err" &
}
NOTIFY_SOCKET="$work/notify" serve_as_unit serve
server_pid=$!
for _ in $(seq 600); do
    [ -f "$work/ready" ] || ! kill -0 "$server_pid" 2>/dev/null && break
    sleep 0.1
done
kill "$notify_pid" 2>/dev/null || true
[ -f "$work/ready" ] || { cat "$work/serve.out" "$work/serve.err"; fail "no READY=1 from the server"; }
grep -q "listening on $listen" "$work/serve.out" || { cat "$work/serve.out" "$work/serve.err"; fail "not listening on $listen"; }
echo "READY=1 received; $(cat "$work/serve.out")"
url="ws://$listen/"
metrics=$(setting metrics)
if [ -n "$metrics" ]; then
    health=$(python3 -c 'import sys, urllib.request; print(urllib.request.urlopen("http://" + sys.argv[1] + "/healthz", timeout=10).status)' "$metrics") \
        || fail "GET http://$metrics/healthz"
    echo "GET http://$metrics/healthz: $health"
    [ "$health" = 200 ] || fail "healthz says $health"
fi

step "handhelds: the installed gridhall-sim"
# The simulator reads the district from a copy (the service's folder is its own).
cases_before=$(sqlite3 "$db" "SELECT count(*) FROM cases")
cp "$db" "$work/district.db"
chmod 0644 "$work/district.db"
QT_QPA_PLATFORM=offscreen gridhall-sim --server "$url" --db "$work/district.db" --password "$password" \
    --workers 5 --speedup 60 --interval 1 --reports-per-hour 30 --duration 12 >"$work/sim.log" 2>&1 \
    || { tail -20 "$work/sim.log"; fail "gridhall-sim"; }
tail -1 "$work/sim.log"
logins=$(sqlite3 "$db" "SELECT count(*) FROM audit WHERE action = 'login' AND result = 'applied'")
new_cases=$(( $(sqlite3 "$db" "SELECT count(*) FROM cases") - cases_before ))
sim_reports=$(sed -n 's/.*reports \([0-9]*\),.*/\1/p' "$work/sim.log" | tail -1)
echo "server: $logins handheld logins, $new_cases new cases; the simulator reported $sim_reports"
[ "$logins" -ge 5 ] || fail "expected 5 handheld logins, the audit log has $logins"
grep -q 'errors 0$' "$work/sim.log" || fail "the simulator saw errors"
[ "${sim_reports:-0}" -ge 1 ] && [ "$new_cases" = "$sim_reports" ] || fail "the server has $new_cases of the simulator's ${sim_reports:-0} new cases"

step "a workstation: the installed gridhall syncs its replica"
mkdir -p "$work/home"
HOME="$work/home" XDG_RUNTIME_DIR="$work/home" QT_QPA_PLATFORM=offscreen timeout 120 \
    gridhall --server "$url" --user desk1 --password-file "$work/desk.pw" --lang en \
    --screenshot "$work/desk.png" >"$work/desk.log" 2>&1 || { cat "$work/desk.log"; fail "gridhall --screenshot"; }
[ -s "$work/desk.png" ] || fail "no screenshot"
replica=$(find "$work/home/.local/share" -name '*.sqlite' -o -name '*.db' | head -1)
[ -n "$replica" ] || fail "no replica under the workstation's data folder"
server_cases=$(sqlite3 "$db" "SELECT count(*) FROM cases")
replica_cases=$(sqlite3 "$replica" "SELECT count(*) FROM cases")
echo "cases: server $server_cases, workstation replica $replica_cases"
[ "$server_cases" -gt 0 ] && [ "$replica_cases" = "$server_cases" ] || fail "the replica does not hold the server's cases"

step "clean stop"
kill -TERM "$server_pid"
ended_within_30s "$server_pid" || fail "serve did not stop within 30 s of SIGTERM"
wait "$server_pid" && rc=0 || rc=$?
server_pid=
[ $rc = 0 ] || { cat "$work/serve.err"; fail "serve exited $rc on SIGTERM"; }
as_service gridhall-server verify-audit --db "$db" >/dev/null || fail "the audit log does not verify"
echo "serve exited 0; audit log verified"

step "a highly available hall: PostgreSQL, as DEPLOY.md § The service on PostgreSQL says"
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
as_postgres() { (cd / && runuser -u postgres -- "$@"); }
mkdir "$work/pg"
chown postgres:postgres "$work/pg"
pg_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# The admin over the socket (Debian's peer authentication), the hall's role by password over TCP.
as_postgres "$pg_bin/initdb" -D "$work/pg/data" -U postgres -E UTF8 --locale=C --auth-local=trust --auth-host=scram-sha-256 >"$work/initdb.log" \
    || { cat "$work/initdb.log"; fail "initdb"; }
pg_data="$work/pg/data"
as_postgres "$pg_bin/pg_ctl" -D "$pg_data" -l "$work/pg/log" -w -o "-p $pg_port -k $work/pg -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null \
    || { cat "$work/pg/log"; fail "pg_ctl start"; }
pg_env=(env PGHOST="$work/pg" PGPORT="$pg_port")
pg_count() { as_postgres "${pg_env[@]}" psql -X -At -d gridhall -c "SELECT count(*) FROM cases"; }
pg_password='Hall-Db-Pass-2026'
printf '%s\n%s\n' "$pg_password" "$pg_password" | as_postgres "${pg_env[@]}" createuser --pwprompt gridhall 2>/dev/null \
    || fail "createuser --pwprompt gridhall"
as_postgres "${pg_env[@]}" createdb --owner gridhall --encoding UTF8 gridhall || fail "createdb"
uri="postgresql://gridhall@127.0.0.1:$pg_port/gridhall"
key=/var/lib/gridhall/audit-key
as_service sh -c "umask 077; echo '127.0.0.1:$pg_port:gridhall:gridhall:$pg_password' > ~/.pgpass"
as_service gridhall-server demo-data --db "$uri" --cases-per-day 30 --end 2026-11-20 --seed 16 >"$work/pg-demo.log" \
    || { tail -5 "$work/pg-demo.log"; fail "demo-data --db $uri"; }
printf '%s\n' "$password" | as_service gridhall-server add-user --db "$uri" --audit-key "$key" --all-workers --iterations 1000 >/dev/null \
    || fail "add-user --db $uri --audit-key $key"
[ "$(stat -c %U "$key")" = "$unit_user" ] || fail "the audit key $key is not the service's"
sed -i -e "s|^db = .*|db = $uri|" -e "s|^#audit-key = .*|audit-key = $key|" "$conf"
grep -q "^audit-key = $key" "$conf" || fail "server.conf has no audit-key line to set"
# The simulator's district: a backup of the hall, as DEPLOY.md says.
as_service gridhall-server backup --db "$uri" --audit-key "$key" --out /var/lib/gridhall/district.db >/dev/null || fail "backup --db $uri"
cp /var/lib/gridhall/district.db "$work/pg-district.db"
chmod 0644 "$work/pg-district.db"

step "two instances, one killed"
listening() { for _ in $(seq 150); do grep -q "listening on 127.0.0.1:$2" "$work/$1.out" && return 0; sleep 0.1; done; cat "$work/$1.out" "$work/$1.err"; return 1; }
handhelds() { python3 -c 'import sys, urllib.request, re
try: m = re.search(r"gridhall_sessions\{role=\"field_worker\"\} (\d+)", urllib.request.urlopen("http://127.0.0.1:" + sys.argv[1] + "/metrics", timeout=5).read().decode())
except OSError: m = None
print(m.group(1) if m else -1)' "$1"; }
serve_as_unit ha1
ha1_pid=$!
listening ha1 8765 || fail "the first instance did not listen"
# The second unit's drop-in (DEPLOY.md): the same settings, ports of its own.
serve_as_unit ha2 --listen 127.0.0.1:8767 --metrics 127.0.0.1:9767
ha2_pid=$!
listening ha2 8767 || fail "the second instance did not listen"
cases_before=$(pg_count)
QT_QPA_PLATFORM=offscreen gridhall-sim --server ws://127.0.0.1:8765/,ws://127.0.0.1:8767/ --spread --db "$work/pg-district.db" \
    --password "$password" --workers 10 --speedup 60 --interval 1 --reports-per-hour 30 --duration 25 >"$work/pg-sim.log" 2>&1 &
sim_pid=$!
for _ in $(seq 100); do [ "$(handhelds 9765)" -ge 1 ] && [ "$(handhelds 9767)" -ge 1 ] && break; sleep 0.2; done
echo "handhelds: $(handhelds 9765) on the first instance, $(handhelds 9767) on the second"
[ "$(handhelds 9765)" -ge 1 ] && [ "$(handhelds 9767)" -ge 1 ] || fail "the handhelds are not spread over both instances"
kill -KILL "$ha1_pid"
wait "$ha1_pid" 2>/dev/null || true
ha1_pid=
for _ in $(seq 50); do [ "$(handhelds 9767)" = 10 ] && break; sleep 0.2; done
echo "after SIGKILL of the first: $(handhelds 9767) handhelds on the second"
[ "$(handhelds 9767)" = 10 ] || fail "not every handheld came back on the live instance within 10 s"
sleep 3 # RestartSec=3s
serve_as_unit ha1
ha1_pid=$!
listening ha1 8765 || fail "the first instance did not start again"
wait "$sim_pid" || { tail -5 "$work/pg-sim.log"; fail "gridhall-sim against two instances"; }
sim_pid=
tail -1 "$work/pg-sim.log"
grep -q 'unanswered 0, errors 0$' "$work/pg-sim.log" || fail "the simulator saw errors or went without answers"
sim_reports=$(sed -n 's/.*reports \([0-9]*\),.*/\1/p' "$work/pg-sim.log" | tail -1)
new_cases=$(( $(pg_count) - cases_before ))
echo "the simulator reported $sim_reports, the database has $new_cases new cases"
[ "${sim_reports:-0}" -ge 1 ] && [ "$new_cases" = "$sim_reports" ] || fail "lost or duplicated reports: $new_cases of ${sim_reports:-0}"
for pid in $ha1_pid $ha2_pid; do
    kill -TERM "$pid"
    ended_within_30s "$pid" || fail "an instance did not stop within 30 s of SIGTERM"
    wait "$pid" || fail "an instance exited $? on SIGTERM"
done
ha1_pid= ha2_pid=
as_service gridhall-server verify-audit --db "$uri" --audit-key "$key" >/dev/null || fail "the audit log on PostgreSQL does not verify"
echo "both instances exited 0; audit log verified"
