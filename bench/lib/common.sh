# shellcheck shell=bash
# Shared by bench/failover, bench/soak and bench/footprint: dependencies, the namespace lab, the systems under test
# (Heartline and keepalived settings), starting and killing their daemons. Sourced, not run.
#
# Rules kept here (the same as tests-cluster's): every name carries a per-run prefix; private
# addresses only, only inside namespaces this run created; nothing is added to the root
# namespace (each veth is created in the switch namespace with its peer born in the host
# namespace); processes are stopped by pid only; everything is torn down on exit.

BENCH=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ROOT=$(dirname "$BENCH")
OUT=$BENCH/out
LIB=$BENCH/lib
DIST=${HEARTLINE_DIST:-$ROOT/dist/target/heartline}
VIP=10.77.0.10
PORT=8080
PY=/usr/bin/python3
[ -x "$PY" ] || PY=$(command -v python3 || true)

ALL_SETTINGS=(heartline-default heartline-fast heartline-fast-udp heartline-nort-fast keepalived-v2-1s keepalived-v3-100ms keepalived-v3-50ms
              keepalived-v3-20ms keepalived-rt-v3-20ms keepalived-v3-10ms)

BG_PIDS=()     # every process this run started (by pid)
LABS=()        # every lab prefix this run created
WORK=""        # this run's temp dir
KEEP_WORK=0

say() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { say "ERROR: $*"; exit 1; }
usec() { local t=$EPOCHREALTIME; echo "${t/./}"; }     # wall clock in microseconds (integer)

need_root() { [ "$(id -u)" -eq 0 ] || die "run as root (it creates network namespaces)"; }

# install_deps CMD:PACKAGE ...   installs the packages whose command is missing (apt-get update first)
install_deps() {
  local missing=() item cmd pkg
  for item in "$@"; do
    cmd=${item%%:*}; pkg=${item#*:}
    if [ "$cmd" = "python3" ]; then [ -n "$PY" ] && continue; fi
    command -v "$cmd" >/dev/null 2>&1 || [ -x "/usr/sbin/$cmd" ] || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "installing: ${missing[*]}"
  command -v apt-get >/dev/null || die "missing ${missing[*]} and no apt-get"
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  PY=/usr/bin/python3; [ -x "$PY" ] || PY=$(command -v python3)
}

# The chart needs gnuplot (or python3-matplotlib); try gnuplot-nox, but never fail the run for it.
install_chart_tool() {
  command -v gnuplot >/dev/null 2>&1 && return 0
  "$PY" -c 'import matplotlib' 2>/dev/null && return 0
  install_deps gnuplot:gnuplot-nox || say "warning: no gnuplot: the PNG chart will be skipped"
}

check_dist() {
  [ -x "$DIST/bin/hactl" ] && compgen -G "$DIST/lib/hactl-*.jar" >/dev/null \
    || die "no built Heartline distribution at $DIST (bin/hactl, lib/): build it first (mvn -DskipTests package)"
  [ -f "$DIST/etc/profiles/fast.conf" ] && [ -f "$DIST/etc/profiles/default.conf" ] \
    || die "no timing profiles in $DIST/etc/profiles: the distribution predates them; rebuild it (mvn -DskipTests package)"
  # A snapshot, so that a rebuild of the tree during a long run cannot swap jars under a running JVM.
  cp -a "$DIST" "$WORK/heartline"
  HACTL=$WORK/heartline/bin/hactl
}

make_work() {
  WORK=$(mktemp -d /tmp/hlb.XXXXXX)     # short: control sockets must stay under 107 bytes
  chmod 700 "$WORK"
}

# ---------------------------------------------------------------- processes

# start_bg NS LOG CMD...   starts CMD inside namespace NS (ip netns exec execs it: same pid), sets LASTPID
start_bg() {
  local ns=$1 log=$2; shift 2
  ip netns exec "$ns" "$@" >"$log" 2>&1 &
  LASTPID=$!
  BG_PIDS+=("$LASTPID")
}

alive() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null; }

# kill9 PID...   SIGKILL and reap (our children only; others are waited for by polling)
kill9() {
  local p
  for p in "$@"; do if [ -n "$p" ]; then kill -9 "$p" 2>/dev/null || true; fi; done
  for p in "$@"; do if [ -n "$p" ]; then wait "$p" 2>/dev/null || true; fi; done
  forget "$@"
}

# stop_pid PID [TIMEOUT_S]   SIGTERM, bounded wait, SIGKILL
stop_pid() {
  local p=$1 until=$(( $(usec) + ${2:-3} * 1000000 ))
  alive "$p" || { forget "$p"; return 0; }
  kill -TERM "$p" 2>/dev/null || true
  while alive "$p" && [ "$(usec)" -lt $until ]; do sleep 0.05; done
  kill9 "$p"
}

forget() {
  local p keep=() q
  for q in "${BG_PIDS[@]}"; do
    for p in "$@"; do [ "$q" = "$p" ] && continue 2; done
    keep+=("$q")
  done
  BG_PIDS=("${keep[@]}")
}

# ---------------------------------------------------------------- the lab

# lab_create PREFIX [client]   switch namespace with bridge br0 (mcast_snooping 0), node-a .1, node-b .2,
#                              and (with "client") a client .100, all on 10.77.0.0/24
lab_create() {
  local L=$1 with_client=${2:-} h addr
  LABS+=("$L")
  lab_destroy_ns "$L"          # leftovers of a crashed earlier run with the same pid: ours only
  ip netns add "${L}sw"
  ip -n "${L}sw" link set lo up
  ip -n "${L}sw" link add br0 type bridge
  ip -n "${L}sw" link set br0 type bridge mcast_snooping 0
  ip -n "${L}sw" link set br0 up
  local hosts=(a b); [ -n "$with_client" ] && hosts+=(client)
  for h in "${hosts[@]}"; do
    case $h in a) addr=10.77.0.1;; b) addr=10.77.0.2;; client) addr=10.77.0.100;; esac
    ip netns add "${L}$h"
    ip -n "${L}sw" link add "v$h" type veth peer name eth0 netns "${L}$h"
    ip -n "${L}sw" link set "v$h" master br0 up
    ip -n "${L}$h" link set lo up
    ip -n "${L}$h" link set eth0 up
    ip -n "${L}$h" addr add "$addr/24" dev eth0
  done
}

lab_destroy_ns() {
  local L=$1 ns
  for ns in $(ip netns list 2>/dev/null | awk '{print $1}'); do
    case $ns in "${L}"*) ;; *) continue;; esac
    ns_kill "$ns"
    ip netns del "$ns" 2>/dev/null
  done
  return 0
}

# ns_kill NS   kill -9, by pid, whatever still runs inside NS: only namespaces this run created are passed
#              here, so all of it was started by this run (keepalived's child, a Maven build's forked JVMs)
ns_kill() {
  local p
  for p in $(ip netns pids "$1" 2>/dev/null); do kill -9 "$p" 2>/dev/null; done
  return 0
}

lab_destroy() {
  local L=$1 keep=() x
  lab_destroy_ns "$L"
  for x in "${LABS[@]}"; do [ "$x" = "$L" ] || keep+=("$x"); done
  LABS=("${keep[@]}")
}

cleanup_all() {
  set +e
  trap - EXIT INT TERM
  local p L
  for p in "${BG_PIDS[@]}"; do kill -9 "$p" 2>/dev/null; done
  for p in "${BG_PIDS[@]}"; do wait "$p" 2>/dev/null; done
  BG_PIDS=()
  for L in "${LABS[@]}"; do lab_destroy_ns "$L"; done
  local left; left=$(ip netns list 2>/dev/null | awk -v p="$RUN_PREFIX" 'index($1, p) == 1 {print $1}')
  [ -n "$left" ] && say "warning: namespaces left: $left"
  if [ -n "$WORK" ] && [ "$KEEP_WORK" = 0 ]; then rm -rf "$WORK"; fi
  [ "$KEEP_WORK" = 1 ] && say "work dir kept: $WORK"
}

vip_del() {   # vip_del NS: remove the VIP if a killed daemon left it behind
  ip -n "$1" addr del "$VIP/24" dev eth0 2>/dev/null || true
}

# ---------------------------------------------------------------- the systems under test

# setting_info ID: sets SYS, KA_VERSION, KA_ADVERT, HL_PROFILE (the profile in the distribution's
# etc/profiles that the node configs include), HL_OVERRIDE (keys written after the include), RT, DOWN_S
# (a bound on the time the backup needs to notice a deaf peer)
setting_info() {
  SYS=""; KA_VERSION=""; KA_ADVERT=""; HL_PROFILE=""; HL_OVERRIDE=""; RT=0
  HL_MEDIA='{ type = multicast, interface = eth0, group = "239.192.76.1", port = 7640 }'
  case $1 in
    heartline-default)   SYS=heartline;  HL_PROFILE=default; DOWN_S=1.5 ;;
    heartline-fast)      SYS=heartline;  HL_PROFILE=fast;    DOWN_S=0.5 ;;
    heartline-fast-udp)  SYS=heartline;  HL_PROFILE=fast;    DOWN_S=0.5; HL_MEDIA='{ type = udp, port = 7641 }' ;;
    heartline-nort-fast) SYS=heartline;  HL_PROFILE=fast;    DOWN_S=0.5; HL_OVERRIDE="timing { realtime-priority = 0 }" ;;
    keepalived-v2-1s)    SYS=keepalived; KA_VERSION=2; KA_ADVERT=1;    DOWN_S=4 ;;
    keepalived-v3-100ms) SYS=keepalived; KA_VERSION=3; KA_ADVERT=0.1;  DOWN_S=0.6 ;;
    keepalived-v3-50ms)  SYS=keepalived; KA_VERSION=3; KA_ADVERT=0.05; DOWN_S=0.4 ;;
    keepalived-v3-20ms)  SYS=keepalived; KA_VERSION=3; KA_ADVERT=0.02; DOWN_S=0.3 ;;
    keepalived-rt-v3-20ms) SYS=keepalived; KA_VERSION=3; KA_ADVERT=0.02; DOWN_S=0.3; RT=20 ;;
    keepalived-v3-10ms)  SYS=keepalived; KA_VERSION=3; KA_ADVERT=0.01; DOWN_S=0.2 ;;
    *) die "unknown setting $1 (known: ${ALL_SETTINGS[*]})" ;;
  esac
}

# dead_ms SETTING   the silence after which the backup takes over, in ms: Heartline's deadtime (from the
#                   profile), keepalived's master-down interval (3 x advert_int + skew, backup priority 100)
dead_ms() {
  setting_info "$1"
  if [ "$SYS" = keepalived ]; then
    awk -v a="$KA_ADVERT" 'BEGIN{printf "%d", a * 1000 * (3 + (256 - 100) / 256) + 0.5}'
  else
    profile_ms "$(profile_file)" deadtime
  fi
}

# profile_file   the profile the current Heartline setting includes, in this run's copy of the distribution
profile_file() { echo "$WORK/heartline/etc/profiles/$HL_PROFILE.conf"; }

# profile_ms FILE KEY   a duration of FILE's timing block in ms (e.g. deadtime = 300ms -> 300)
profile_ms() {
  local v
  v=$(sed -n "s/^[[:space:]]*$2[[:space:]]*=[[:space:]]*\([0-9.]*[a-z]*\).*/\1/p" "$1" | head -1)
  case $v in
    *ms) echo "${v%ms}" ;;
    *s) awk -v s="${v%s}" 'BEGIN{printf "%d", s * 1000}' ;;
    *) die "no $2 in $1" ;;
  esac
}

# select_settings "ONLY"   prints the settings matching a comma-separated list of ids or id prefixes
select_settings() {
  local only=$1 s o found
  for s in "${ALL_SETTINGS[@]}"; do
    if [ -z "$only" ]; then echo "$s"; continue; fi
    found=0
    IFS=, read -ra os <<<"$only"
    for o in "${os[@]}"; do case $s in "$o"*) found=1;; esac; done
    [ $found = 1 ] && echo "$s"
  done
  return 0
}

# write the node's config into $PAIR/$node/ (heartline.conf or keepalived.conf)
write_config() {
  local setting=$1 node=$2 d=$PAIR/$2
  setting_info "$setting"
  mkdir -p "$d"
  if [ "$SYS" = heartline ]; then
    # The timing and GARP settings are the shipped profile itself, included as an operator would:
    # "profiles/NAME.conf" next to heartline.conf (a link to the distribution's etc/profiles).
    ln -sfn "$WORK/heartline/etc/profiles" "$d/profiles"
    cat >"$d/heartline.conf" <<CONF
heartline {
  include "profiles/$HL_PROFILE.conf"
  $HL_OVERRIDE
  cluster = bench
  node = node-$node
  nodes = [
    { name = node-a, address = "10.77.0.1", priority = 100 }
    { name = node-b, address = "10.77.0.2", priority = 50 }
  ]
  auth-key-file = "$PAIR/authkey"
  media = [ $HL_MEDIA ]
  groups = [ { name = web, vips = [ { address = "$VIP/24", interface = eth0 } ] } ]
  control-socket = "$d/ctl.sock"
  state-dir = "$d/state"
  fencing = off
}
CONF
  else
    local prio=150; [ "$node" = b ] && prio=100
    cat >"$d/keepalived.conf" <<CONF
global_defs {
  router_id node-$node
  vrrp_version $KA_VERSION$( [ "$RT" -gt 0 ] && printf '\n  vrrp_rt_priority %s' "$RT")
  max_auto_priority
}
vrrp_instance VI_1 {
  state BACKUP
  nopreempt
  interface eth0
  virtual_router_id 51
  priority $prio
  advert_int $KA_ADVERT
  garp_master_delay 1
  garp_master_repeat 3
  virtual_ipaddress {
    $VIP/24 dev eth0
  }
}
CONF
  fi
}

# pair_init LAB SETTING   a pair's directory, configs and key
pair_init() {
  PAIR_LAB=$1; PAIR_SETTING=$2
  PAIR=$WORK/$1; mkdir -p "$PAIR"
  head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$PAIR/authkey"
  chmod 600 "$PAIR/authkey"
  write_config "$2" a; write_config "$2" b
  declare -g DPID_a="" DPID_b="" DSTART_a=0 DSTART_b=0
}

# daemon_start NODE   starts the node's daemon (fresh state) with its log in $PAIR/NODE/daemon.log
daemon_start() {
  local n=$1 d=$PAIR/$1
  setting_info "$PAIR_SETTING"
  if [ "$SYS" = heartline ]; then
    rm -rf "$d/state" "$d/ctl.sock"
    start_bg "${PAIR_LAB}$n" "$d/daemon.log" "$HACTL" daemon --config "$d/heartline.conf"
  else
    rm -f "$d/keepalived.pid" "$d/vrrp.pid"
    start_bg "${PAIR_LAB}$n" "$d/daemon.log" keepalived -n -l -D -P -G -f "$d/keepalived.conf" \
      -p "$d/keepalived.pid" -r "$d/vrrp.pid"
  fi
  declare -g "DPID_$n=$LASTPID" "DSTART_$n=$(usec)"
}

# daemon_pids NODE   the node's daemon processes: Heartline's JVM; keepalived's VRRP child, then its parent
daemon_pids() {
  local n=$1 d=$PAIR/$1 main
  main=$(eval echo "\${DPID_$n}")
  setting_info "$PAIR_SETTING"
  if [ "$SYS" = keepalived ] && [ -s "$d/vrrp.pid" ]; then echo "$(cat "$d/vrrp.pid") $main"; else echo "$main"; fi
}

# daemon_kill9 NODE   kill -9 of the node's daemon: for keepalived the VRRP child and the parent at once
daemon_kill9() {
  local n=$1 main pids
  main=$(eval echo "\${DPID_$n}")
  pids=$(daemon_pids "$n")
  # child first: the parent must not see it die (and respawn it, or SIGTERM it on its own death)
  # shellcheck disable=SC2086
  kill -9 $pids 2>/dev/null || true
  { wait "$main" 2>/dev/null || true; }
  forget "$main"
  declare -g "DPID_$n="
}

# daemon_pause NODE MS   SIGSTOP of the node's daemon (every process of it, at once), MS ms, then SIGCONT;
#                        sets PAUSED_MS to the pause as it happened (a sleep overshoots by a few ms)
daemon_pause() {
  local pids secs fd t0 t1
  pids=$(daemon_pids "$1")
  secs=$(awk -v m="$2" 'BEGIN{printf "%.3f", m / 1000}')
  # the wait is bash's own read timeout on a pipe nobody writes to: no fork while the daemon is stopped
  exec {fd}<> <(:)
  t0=$(usec)
  # shellcheck disable=SC2086
  kill -STOP $pids
  read -r -t "$secs" -u "$fd" _ || true
  # shellcheck disable=SC2086
  kill -CONT $pids
  t1=$(usec)
  exec {fd}<&-
  PAUSED_MS=$(( (t1 - t0) / 1000 ))
}

# claims NODE   how many times the node's daemon has claimed the VIP so far, from its log:
#               Heartline "entering STARTING from" (a group claimed), keepalived "Entering MASTER STATE"
claims() {
  local c
  setting_info "$PAIR_SETTING"
  if [ "$SYS" = heartline ]; then c=$(grep -c 'entering STARTING from' "$PAIR/$1/daemon.log" 2>/dev/null)
  else c=$(grep -c 'Entering MASTER STATE' "$PAIR/$1/daemon.log" 2>/dev/null); fi
  echo "${c:-0}"
}

daemon_alive() { alive "$(eval echo "\${DPID_$1}")"; }

# hl_status NODE   hactl status --json of a Heartline node (empty when it does not answer)
hl_status() { timeout 10 "$HACTL" status --json --socket "$PAIR/$1/ctl.sock" 2>/dev/null || true; }
json_field() {   # json_field FIELD < status.json  -> groups[0].FIELD
  "$PY" -c 'import json,sys
try: print(json.load(sys.stdin)["groups"][0].get(sys.argv[1], ""))
except Exception: print("")' "$1"
}

# ka_state NODE   the last state keepalived logged for the instance: MASTER, BACKUP, FAULT or ""
ka_state() {
  grep -oE 'Entering (MASTER|BACKUP|FAULT) STATE' "$PAIR/$1/daemon.log" 2>/dev/null | tail -1 | awk '{print $2}'
}
ka_master_entries() { grep -c 'Entering MASTER STATE' "$PAIR/$1/daemon.log" 2>/dev/null || true; }

# ---------------------------------------------------------------- the watcher's log

# holders_now LOG   the last sampled holders "A B" (1 = holds the VIP on an up link)
holders_now() { grep '^H ' "$1" 2>/dev/null | tail -1 | awk '{print $3, $4}'; }
a_holds() { [ "$(holders_now "$WLOG")" = "1 0" ]; }   # node-a alone holds the VIP (on an up link)

# wait_until SECONDS CHECK...   true when CHECK passes in time; false on timeout or a dead daemon
wait_until() {
  local until=$(( $(usec) + $1 * 1000000 )) n p; shift
  until "$@"; do
    [ "$(usec)" -lt $until ] || return 1
    for n in a b; do
      p=$(eval echo "\${DPID_$n}")
      [ -z "$p" ] || alive "$p" || { WAIT_WHY="node-$n's daemon exited"; return 1; }
    done
    case $(holders_now "$WLOG") in *" 1") WAIT_WHY="node-b took the VIP during the start"; return 1;; esac
    sleep 0.05
  done
}
b_standby() {
  setting_info "$PAIR_SETTING"
  local el=$(( ($(usec) - DSTART_b) / 1000 )) need
  need=$(awk -v d="$DOWN_S" 'BEGIN{printf "%d", d * 1000}')
  if [ "$SYS" = heartline ]; then
    local st; st=$(hl_status b)
    [ "$(json_field owner <<<"$st")" = node-a ] && [ "$(json_field state <<<"$st")" != ACTIVE ]
  else
    # BACKUP, and up for longer than its master-down timer: had it not heard node-a, it would be MASTER by now
    [ "$(ka_state b)" = BACKUP ] && [ "$el" -ge "$need" ] && [ "$(ka_state a)" = MASTER ]
  fi
}

# b_flapped SINCE_USEC   true when node-b, started at or after SINCE_USEC (this set-up), has claimed the VIP
#                       (its log), held it (the watcher's samples) or answered the client since its start:
#                       with nothing failed, that is a false failover. Sets FLAP_NOTE.
b_flapped() {
  local bstart res c
  FLAP_NOTE=""
  [ "$DSTART_b" -ge "$1" ] || return 1        # node-b did not start in this set-up: its log is an older one
  bstart=$(awk -v u="$DSTART_b" 'BEGIN{printf "%.6f", u / 1e6}')
  c=$(claims b)
  res=$("$PY" "$LIB/labwatch.py" analyze --log "$WLOG" --t0 "$bstart" --tend "$EPOCHREALTIME" --from-time "$bstart" \
        --old node-a --new node-b)
  if [ "$c" -gt 0 ] || [ -n "${res%%,*}" ] || awk -v t="${res##*,}" 'BEGIN{exit !(t > 0)}'; then
    FLAP_NOTE="node-b claimed the VIP $c time(s) and held it ${res##*,} ms with nothing failed"
    return 0
  fi
  return 1
}

# A run with several pairs at once (bench/soak) keeps each pair's variables by name.
declare -A PAIRS_STATE=()
pair_save() {
  local v
  for v in PAIR PAIR_LAB PAIR_SETTING DPID_a DPID_b DSTART_a DSTART_b WLOG; do PAIRS_STATE[$1.$v]=${!v}; done
}
pair_load() {
  local v
  for v in PAIR PAIR_LAB PAIR_SETTING DPID_a DPID_b DSTART_a DSTART_b WLOG; do declare -g "$v=${PAIRS_STATE[$1.$v]}"; done
  setting_info "$PAIR_SETTING"
}

# pair_up [CHECK]   starts the current pair so that node-a owns the VIP and node-b is its standby;
#                   false on failure. node-a starts first and alone, node-b once node-a serves (CHECK,
#                   default a_holds): keepalived with nopreempt would otherwise race for the first claim,
#                   and Heartline's fast profile was seen to flap when both JVMs start together (node-b
#                   heard node-a once, then nothing for 60 ms while node-a's JVM was still starting).
pair_up() {
  local check=${1:-a_holds}
  setting_info "$PAIR_SETTING"
  WAIT_WHY=""
  local until=$(( $(usec) + 5000000 ))     # the watcher must have seen the VIP gone from both nodes
  until [ "$(holders_now "$WLOG")" = "0 0" ]; do
    [ "$(usec)" -lt $until ] || { WAIT_WHY="the VIP is still held before the start: $(holders_now "$WLOG")"; return 1; }
    sleep 0.02
  done
  daemon_start a
  wait_until 40 "$check" || { WAIT_WHY="node-a never served${WAIT_WHY:+ ($WAIT_WHY)}"; return 1; }
  daemon_start b
  wait_until 40 b_standby || { WAIT_WHY="node-b never became the standby${WAIT_WHY:+ ($WAIT_WHY)}"; return 1; }
  return 0
}
