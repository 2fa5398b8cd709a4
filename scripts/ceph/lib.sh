# Helpers shared by the scripts in this directory (sourced, never run on its own).
# Layout of a state directory, all made by start.sh:
#   ceph.conf  ports.env  regions.list ("ID PORT" lines)  admin-ID.secret  cluster.json
#   keyrings/  mon/  osd/  run/ (pid files, admin sockets)  log/
set -euo pipefail

CEPH_SCRIPTS_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ADMIN_UID=s3keys-admin

die() {
  echo "ceph: $*" >&2
  exit 1
}

# Shows the end of a daemon log after a failure, since the reason is usually there.
show_log_tail() {
  local log=$1
  if [[ -s $log ]]; then
    echo "---- last lines of $log ----" >&2
    tail -n 25 "$log" >&2
    echo "----" >&2
  fi
}

abs_dir() {
  mkdir -p "$1"
  (cd "$1" && pwd)
}

# Prints the pid from PIDFILE when that process is alive and is one of THIS state dir's daemons
# (its command line names our ceph.conf), so a recycled pid is never mistaken for ours.
# A zombie has an empty cmdline and so counts as dead.
live_pid() {
  local file=$1 pid cmdline
  [[ -s $file ]] || return 1
  pid=$(<"$file")
  pid=${pid//[^0-9]/}
  [[ -n $pid ]] || return 1
  cmdline=$(tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline") || return 1
  [[ $cmdline == *ceph* || $cmdline == *radosgw* ]] || return 1
  [[ $cmdline == *"$STATE/ceph.conf"* ]] || return 1
  echo "$pid"
}

# True when something accepts TCP connections on 127.0.0.1:PORT.
port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# True when 127.0.0.1:PORT answers an HTTP request (any status). Pure bash: no curl needed.
http_answers() {
  (
    exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
    printf 'GET / HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3
    IFS= read -r -t 3 line <&3 || exit 1
    [[ $line == HTTP/* ]]
  ) 2>/dev/null
}

# SIGTERM the daemons behind the given pid files, SIGKILL whatever is left after ~5 s.
stop_pidfiles() {
  local file pid pids=() i
  for file in "$@"; do
    if pid=$(live_pid "$file"); then
      kill -TERM "$pid" 2>/dev/null || true
      pids+=("$file")
    fi
  done
  for ((i = 0; i < 50 && ${#pids[@]} > 0; i++)); do
    local left=()
    for file in "${pids[@]}"; do
      live_pid "$file" >/dev/null && left+=("$file")
    done
    pids=(${left[@]+"${left[@]}"})
    ((${#pids[@]} == 0)) || sleep 0.1
  done
  for file in ${pids[@]+"${pids[@]}"}; do
    if pid=$(live_pid "$file"); then
      echo "ceph: $(basename "$file" .pid) ignored SIGTERM for 5 s, sending SIGKILL" >&2
      kill -KILL "$pid" 2>/dev/null || true
    fi
  done
  for file in "$@"; do rm -f "$file"; done
}

# The port a region's gateway listens on, from regions.list.
region_port() {
  local id port
  [[ -f $STATE/regions.list ]] || return 1
  while read -r id port; do
    [[ $id == "$1" ]] && { echo "$port"; return 0; }
  done <"$STATE/regions.list"
  return 1
}

# Starts REGION's radosgw (it daemonizes and writes its own pid file) and waits until it answers HTTP.
start_gateway() {
  local region=$1 port=$2 name="client.rgw.$1" i pid
  local log="$STATE/log/$name.log" pidfile="$STATE/run/$name.pid"
  if port_in_use "$port"; then
    die "port $port (gateway of region $region) is already in use by another program"
  fi
  # fd 9 is start.sh's lock: the daemon must not inherit it.
  radosgw -c "$STATE/ceph.conf" -n "$name" 9>&- || {
    show_log_tail "$log"
    die "radosgw for region $region failed to start"
  }
  # radosgw answers once it has loaded its realm and created its pools; 60 s is far above the ~1-2 s it takes.
  for ((i = 0; i < 600; i++)); do
    http_answers "$port" && return 0
    if ((i > 20)) && ! live_pid "$pidfile" >/dev/null; then
      show_log_tail "$log"
      die "radosgw for region $region exited before answering on 127.0.0.1:$port"
    fi
    sleep 0.1
  done
  show_log_tail "$log"
  die "radosgw for region $region did not answer on 127.0.0.1:$port within 60 s"
}
