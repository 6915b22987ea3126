#!/usr/bin/env bash
# Starts a local Restaking cluster: Redis on loopback (membership table + run checkpoints, password-protected, data in
# the cluster folder) and N silo processes with Redis membership; or stops exactly what it started.
#
#   ./run-cluster.sh [--silos N] [--scenario FILE] [--plugin DLL]... [--bind ADDR [--advertise ADDR]] [--dir DIR]
#   ./run-cluster.sh --stop [--dir DIR]
#
# --plugin (repeatable) loads a plug-in's service kinds into every silo (and the run of --scenario): docs/plugins.md.
# The cluster folder (default .restaking-cluster/, or $RESTAKING_CLUSTER) holds cluster.json (how clients reach it:
# `restaking run FILE --cluster` reads it), redis.conf, the PID files and the logs. $RESTAKING_CLI overrides how the
# restaking command is started (default: build src/Restaking.Cli in Release once, then `dotnet restaking.dll`).
set -euo pipefail

root="$(cd "$(dirname "$0")" && pwd)"
silos=3
scenario=""
stop=false
bind="127.0.0.1"
advertise=""
dir="${RESTAKING_CLUSTER:-.restaking-cluster}"
plugins=()

usage() { sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; }
fail() { echo "run-cluster.sh: $*" >&2; exit 2; }

while [ $# -gt 0 ]; do
  case "$1" in
    --silos) [ $# -ge 2 ] || fail "--silos needs a number"; silos="$2"; shift 2 ;;
    --scenario) [ $# -ge 2 ] || fail "--scenario needs a file"; scenario="$2"; shift 2 ;;
    --plugin) [ $# -ge 2 ] || fail "--plugin needs a .dll"; [ -f "$2" ] || fail "--plugin: $2: no such file"
      plugins+=(--plugin "$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"); shift 2 ;;
    --bind) [ $# -ge 2 ] || fail "--bind needs an address"; bind="$2"; shift 2 ;;
    --advertise) [ $# -ge 2 ] || fail "--advertise needs an address"; advertise="$2"; shift 2 ;;
    --dir) [ $# -ge 2 ] || fail "--dir needs a folder"; dir="$2"; shift 2 ;;
    --stop) stop=true; shift ;;
    -h|--help) usage; exit 0 ;;
    *) fail "unknown argument '$1' (see --help)" ;;
  esac
done
case "$silos" in ''|*[!0-9]*) fail "--silos: '$silos' is not a whole number" ;; esac
[ "$silos" -ge 1 ] && [ "$silos" -le 32 ] || fail "--silos: must be 1 … 32, got $silos"
if [ "$bind" = "0.0.0.0" ] && [ -z "$advertise" ]; then fail "--bind 0.0.0.0 listens on every interface: give the address other hosts reach the silos at with --advertise ADDR"; fi
if [ -n "$scenario" ] && [ ! -f "$scenario" ]; then fail "--scenario: $scenario: no such file"; fi
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"

# A PID file's process, if it is still the one we started (PIDs get reused): its command line names what we ran.
live_pid() {
  local file="$1" expect="$2" pid
  [ -f "$file" ] || return 1
  pid="$(cat "$file")"
  [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' < "/proc/$pid/cmdline" | grep -q -- "$expect" && echo "$pid"
}

stop_one() {
  local file="$1" expect="$2" name="$3" pid
  if pid="$(live_pid "$file" "$expect")"; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; echo "$name (pid $pid): killed"; else echo "$name (pid $pid): stopped"; fi
  fi
  rm -f "$file"
}

if $stop; then
  found=false
  for f in "$dir"/silo-*.pid; do
    [ -e "$f" ] || continue
    found=true
    stop_one "$f" "restaking" "$(basename "$f" .pid)"
  done
  if [ -e "$dir/redis.pid" ]; then found=true; stop_one "$dir/redis.pid" "redis-server" "redis"; fi
  $found || echo "nothing to stop in $dir"
  rm -f "$dir/cluster.json"
  exit 0
fi

for f in "$dir"/silo-*.pid "$dir/redis.pid"; do
  [ -e "$f" ] || continue
  if live_pid "$f" "restaking\|redis-server" >/dev/null; then fail "a cluster is already running from $dir: stop it first with $0 --stop --dir $dir"; fi
  rm -f "$f"
done

# 1. Redis.
if ! command -v redis-server >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "redis-server not found: installing the Debian package redis-server" >&2
    (apt-get install -y redis-server || { apt-get update && apt-get install -y redis-server; }) >"$dir/apt.log" 2>&1 \
      || { echo "run-cluster.sh: could not install redis-server (see $dir/apt.log); install it with: sudo apt-get install -y redis-server" >&2; exit 1; }
  else
    echo "run-cluster.sh: redis-server not found; install it with: sudo apt-get install -y redis-server" >&2
    exit 1
  fi
fi

# A free TCP port on loopback, below the kernel's ephemeral range (which outgoing connections and port-0 listeners
# draw from at any moment, so a port seen free there may be taken before the silo binds it), from a random start
# (several clusters may share the machine).
low=10000; high=32767
if [ -r /proc/sys/net/ipv4/ip_local_port_range ]; then
  read -r ephemeral_start _ < /proc/sys/net/ipv4/ip_local_port_range
  [ "$ephemeral_start" -gt $((low + 1000)) ] && high=$((ephemeral_start - 1))
fi
taken=" "
free_port() {
  local port=$(( low + (RANDOM * 32768 + RANDOM) % (high - low) ))
  while :; do
    if [[ "$taken" != *" $port "* ]] && ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      taken="$taken$port "
      echo "$port"
      return
    fi
    port=$(( port >= high ? low : port + 1 ))
  done
}

redis_port="$(free_port)"; taken=" $redis_port "
password="$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
mkdir -p "$dir/redis"
umask 077
cat > "$dir/redis.conf" <<EOF
# Written by run-cluster.sh: loopback only, password required, data in this folder.
bind 127.0.0.1
protected-mode yes
port $redis_port
requirepass $password
dir $dir/redis
daemonize no
appendonly no
EOF
redis-server "$dir/redis.conf" >"$dir/redis.log" 2>&1 </dev/null &
echo $! > "$dir/redis.pid"
for _ in $(seq 1 100); do
  [ "$(redis-cli -h 127.0.0.1 -p "$redis_port" -a "$password" --no-auth-warning ping 2>/dev/null)" = PONG ] && break
  sleep 0.1
done
[ "$(redis-cli -h 127.0.0.1 -p "$redis_port" -a "$password" --no-auth-warning ping 2>/dev/null)" = PONG ] \
  || { echo "run-cluster.sh: redis did not start (see $dir/redis.log)" >&2; exit 1; }

# 2. The restaking command.
if [ -n "${RESTAKING_CLI:-}" ]; then
  read -r -a cli <<< "$RESTAKING_CLI"
else
  dll="$root/src/Restaking.Cli/bin/Release/net10.0/restaking.dll"
  echo "building src/Restaking.Cli (Release)" >&2
  dotnet build -c Release "$root/src/Restaking.Cli" -v quiet -nologo >"$dir/build.log" 2>&1 \
    || { echo "run-cluster.sh: build failed (see $dir/build.log)" >&2; exit 1; }
  cli=(dotnet "$dll")
fi

# 3. cluster.json: what clients (and the silos) read.
silo_lines=""
declare -a silo_ports gateway_ports web_ports
for i in $(seq 1 "$silos"); do
  silo_ports[$i]="$(free_port)"; gateway_ports[$i]="$(free_port)"; web_ports[$i]="$(free_port)"
  silo_lines="$silo_lines    {\"index\": $i, \"siloPort\": ${silo_ports[$i]}, \"gatewayPort\": ${gateway_ports[$i]}, \"webPort\": ${web_ports[$i]}}"
  [ "$i" -lt "$silos" ] && silo_lines="$silo_lines,"
  silo_lines="$silo_lines"$'\n'
done
dashboard_host="$bind"; [ "$bind" = "0.0.0.0" ] && dashboard_host="127.0.0.1"
cat > "$dir/cluster.json" <<EOF
{
  "redis": "127.0.0.1:$redis_port",
  "password": "$password",
  "clusterId": "restaking",
  "dashboard": "http://$dashboard_host:${web_ports[1]}/dashboard/",
  "silos": [
$silo_lines  ]
}
EOF
umask 022

# 4. The silos.
for i in $(seq 1 "$silos"); do
  nohup "${cli[@]}" silo --cluster "$dir" --silo-port "${silo_ports[$i]}" --gateway-port "${gateway_ports[$i]}" \
    --web-port "${web_ports[$i]}" --bind "$bind" ${advertise:+--advertise "$advertise"} ${plugins[@]+"${plugins[@]}"} >"$dir/silo-$i.log" 2>&1 </dev/null &
  echo $! > "$dir/silo-$i.pid"
done
echo "waiting for $silos silos to join (logs: $dir/silo-*.log)" >&2
# Ready means joined and serving: a silo joins the membership before its web host binds, so wait for both.
for i in $(seq 1 "$silos"); do
  for _ in $(seq 1 1800); do
    grep -q "^silo ready" "$dir/silo-$i.log" 2>/dev/null && break
    kill -0 "$(cat "$dir/silo-$i.pid")" 2>/dev/null || break
    sleep 0.1
  done
  if ! grep -q "^silo ready" "$dir/silo-$i.log" 2>/dev/null; then
    echo "run-cluster.sh: silo $i did not start; its log ($dir/silo-$i.log) ends:" >&2
    tail -n 5 "$dir/silo-$i.log" >&2
    echo "stop the others with $0 --stop --dir $dir" >&2
    exit 1
  fi
done
if ! "${cli[@]}" cluster status --cluster "$dir" --wait "$silos" --timeout 180; then
  echo "run-cluster.sh: not every silo joined; see $dir/silo-*.log; stop with $0 --stop --dir $dir" >&2
  exit 1
fi

echo "dashboard: http://$dashboard_host:${web_ports[1]}/dashboard/"
echo "submit a run:  ${cli[*]} run scenarios/quickstart.json --cluster $dir${plugins[@]+ ${plugins[*]}}"
echo "stop:          $0 --stop --dir $dir"

if [ -n "$scenario" ]; then
  exec "${cli[@]}" run "$scenario" --cluster "$dir" ${plugins[@]+"${plugins[@]}"}
fi
