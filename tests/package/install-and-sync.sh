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
#  6. the packages are purged again and what the test made is deleted (the machine is
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
server_pid=
cleanup() {
    local rc=$?
    set +e
    if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
        kill -TERM "$server_pid"
        wait "$server_pid"
    fi
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

step "the demo's camera streams: the installed gridhall-cameras"
gridhall-cameras --listen 127.0.0.1:0 >"$work/cameras.log" 2>&1 &
cameras_pid=$!
for _ in $(seq 50); do grep -q 'listening on' "$work/cameras.log" && break; sleep 0.2; done
cameras_port=$(sed -n 's/.*listening on 127\.0\.0\.1:\([0-9]*\).*/\1/p' "$work/cameras.log")
[ -n "$cameras_port" ] || { cat "$work/cameras.log"; fail "gridhall-cameras did not listen"; }
timeout 30 ffmpeg -nostdin -loglevel error -rtsp_transport tcp -i "rtsp://127.0.0.1:$cameras_port/cam/PKG01/sub" \
    -frames:v 5 -f null - || fail "no picture from the installed gridhall-cameras"
kill "$cameras_pid"; wait "$cameras_pid" 2>/dev/null || true
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
# setpriv execs the server itself (no su session in between), so signals reach it as
# systemd's would.
(ulimit -n "$nofile" && cd / && exec setpriv --reuid="$unit_user" --regid="$unit_user" --init-groups \
    env HOME="$(getent passwd "$unit_user" | cut -d: -f6)" NOTIFY_SOCKET="$work/notify" "${argv[@]}") \
    >"$work/serve.out" 2>"$work/serve.err" &
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
wait "$server_pid" && rc=0 || rc=$?
server_pid=
[ $rc = 0 ] || { cat "$work/serve.err"; fail "serve exited $rc on SIGTERM"; }
as_service gridhall-server verify-audit --db "$db" >/dev/null || fail "the audit log does not verify"
echo "serve exited 0; audit log verified"
