#!/usr/bin/env bash
# Usage: nginx.sh start STATE_DIR [ADDRESS:]LISTEN_PORT CERT KEY UPSTREAM [UPSTREAM ...]
#        nginx.sh stop STATE_DIR
#
# start: runs nginx as a TLS load balancer in front of companions (each UPSTREAM is HOST:PORT, plain HTTP
# on loopback), round robin with keepalive connections. TLS ends here with CERT/KEY (PEM). Everything —
# nginx.conf, pid file, error log, temp paths — lives in STATE_DIR; /etc/nginx is never read or changed.
# Listens on 127.0.0.1 unless ADDRESS is given. Installs Debian's nginx first when it is missing.
# Waits until the port accepts connections, then returns with nginx running in the background.
# stop: graceful stop (SIGQUIT, SIGTERM after 5 s, SIGKILL after 10 s) of the nginx started from
# STATE_DIR, found by its pid file and checked against its command line. Idempotent.
set -euo pipefail
PATH=$PATH:/usr/sbin
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

die() {
  echo "nginx: $*" >&2
  exit 1
}
usage() {
  echo "usage: $0 start STATE_DIR [ADDRESS:]LISTEN_PORT CERT KEY HOST:PORT [HOST:PORT ...]" >&2
  echo "       $0 stop STATE_DIR" >&2
  exit 2
}

# The pid of the nginx master started from STATE (its command line names STATE/nginx.conf), so a
# recycled pid is never mistaken for ours.
live_pid() {
  local pid cmdline
  [[ -s $STATE/nginx.pid ]] || return 1
  pid=$(<"$STATE/nginx.pid")
  pid=${pid//[^0-9]/}
  [[ -n $pid ]] || return 1
  cmdline=$(tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline") || return 1
  [[ $cmdline == *nginx* && $cmdline == *"$STATE/nginx.conf"* ]] || return 1
  echo "$pid"
}

stop() {
  local pid i
  pid=$(live_pid) || { rm -f "$STATE/nginx.pid"; return 0; }
  kill -QUIT "$pid" 2>/dev/null || true
  for ((i = 0; i < 100; i++)); do
    [[ -d /proc/$pid ]] && [[ $(tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline") == *nginx* ]] || break
    ((i == 50)) && kill -TERM "$pid" 2>/dev/null
    sleep 0.1
  done
  if [[ -d /proc/$pid ]] && live_pid >/dev/null; then
    echo "nginx: master $pid still running after 10 s, sending SIGKILL" >&2
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$STATE/nginx.pid"
}

write_config() {
  local address=$1 port=$2 cert=$3 key=$4
  shift 4
  local servers='' upstream
  for upstream in "$@"; do
    # A companion that refuses connections is skipped for 5 s; requests go to the others meanwhile.
    servers+="    server $upstream max_fails=1 fail_timeout=5s;"$'\n'
  done
  cat >"$STATE/nginx.conf" <<CONF
# Written by scripts/team/nginx.sh; rewritten on every start.
daemon on;
worker_processes auto;
pid $STATE/nginx.pid;
error_log $STATE/error.log warn;

events {
  worker_connections 1024;
}

http {
  # Request lines carry no secrets, but a load balancer's own log is not needed here.
  access_log off;
  server_tokens off;
  client_body_temp_path $STATE/temp/client_body;
  proxy_temp_path $STATE/temp/proxy;
  fastcgi_temp_path $STATE/temp/fastcgi;
  uwsgi_temp_path $STATE/temp/uwsgi;
  scgi_temp_path $STATE/temp/scgi;

  upstream companions {
$servers    # Idle connections kept per worker: more than a worker has requests in flight at a peak, or it
    # closes and reopens connections to the companions under load (16 did: ~1,900 reconnections in a
    # 50,000-request bench run). Dropped after 4 s idle, before a companion's own 5 s keep-alive
    # timeout (Node's default) ends them, so nginx never sends a request on a connection being closed.
    keepalive 64;
    keepalive_timeout 4s;
  }

  server {
    listen $address:$port ssl;
    ssl_certificate $cert;
    ssl_certificate_key $key;
    ssl_protocols TLSv1.2 TLSv1.3;
    ssl_session_cache shared:tls:1m;

    # The companion enforces its own (smaller) body limit with its error shape; bodies and answers
    # stay in memory (the API's are a few bytes), so no temp file is ever written.
    client_max_body_size 1m;
    client_body_buffer_size 1m;
    proxy_max_temp_file_size 0;

    location / {
      proxy_pass http://companions;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host;
      # Replaces whatever the client sent: the companion trusts this header only from this proxy.
      proxy_set_header X-Forwarded-For \$remote_addr;
      proxy_set_header X-Forwarded-Proto \$scheme;
      proxy_connect_timeout 2s;
      # Default retry policy kept on purpose: a POST already sent to a companion is never replayed on
      # another (the client retries with its Idempotency-Key instead).
      proxy_next_upstream error timeout;
    }

    # When no companion answers, say so in the API's error shape instead of an HTML page.
    error_page 502 503 504 = @no_companion;
    location @no_companion {
      default_type application/json;
      return 502 '{"error":{"code":"backend_unavailable","message":"No S3 Keys companion answered behind the load balancer; try again in a few seconds (a key change is safe to retry with the same Idempotency-Key)."}}';
    }
  }
}
CONF
}

start() {
  (($# >= 4)) || usage
  local listen=$1 cert=$2 key=$3 address=127.0.0.1 port upstream i
  shift 3
  if [[ $listen =~ ^(.+):([0-9]{1,5})$ ]]; then
    address=${BASH_REMATCH[1]} port=$((10#${BASH_REMATCH[2]}))
  elif [[ $listen =~ ^[0-9]{1,5}$ ]]; then
    port=$((10#$listen))
  else
    die "bad listen port '$listen' (want PORT or ADDRESS:PORT)"
  fi
  ((port >= 1 && port <= 65535)) || die "listen port $port is outside 1-65535"
  [[ -r $cert ]] || die "cannot read the certificate $cert"
  [[ -r $key ]] || die "cannot read the key $key"
  local host_port='^[][A-Za-z0-9.:-]+:[0-9]{1,5}$'
  for upstream in "$@"; do
    [[ $upstream =~ $host_port ]] || die "bad upstream '$upstream' (want HOST:PORT)"
  done
  command -v nginx >/dev/null 2>&1 || bash "$HERE/ensure-nginx.sh"

  local probe=$address
  [[ $probe == 0.0.0.0 || $probe == '*' ]] && probe=127.0.0.1
  [[ $probe == '[::]' ]] && probe=::1
  probe=${probe#[}
  probe=${probe%]}

  mkdir -p "$STATE/temp"
  chmod 700 "$STATE"
  stop
  # Said at once: nginx itself retries a busy port for about 5 s, then reports it a dozen times.
  ! (exec 3<>"/dev/tcp/$probe/$port") 2>/dev/null ||
    die "port $port on $address is already in use by another program; stop it, or listen on another port"
  write_config "$address" "$port" "$(realpath "$cert")" "$(realpath "$key")" "$@"
  # nginx checks the config and binds the port before it detaches, so a failure shows in its exit code.
  nginx -p "$STATE" -c "$STATE/nginx.conf" || {
    [[ -s $STATE/error.log ]] && tail -n 20 "$STATE/error.log" >&2
    die "nginx did not start (config: $STATE/nginx.conf)"
  }
  for ((i = 0; i < 100; i++)); do
    live_pid >/dev/null && (exec 3<>"/dev/tcp/$probe/$port") 2>/dev/null && return 0
    sleep 0.1
  done
  die "nginx did not accept connections on $address:$port within 10 s (see $STATE/error.log)"
}

(($# >= 2)) || usage
command=$1 STATE=$2
shift 2
case $command in
  start)
    mkdir -p "$STATE"
    STATE=$(cd "$STATE" && pwd)
    start "$@"
    ;;
  stop)
    (($# == 0)) || usage
    [[ -d $STATE ]] || exit 0
    STATE=$(cd "$STATE" && pwd)
    stop
    ;;
  *) usage ;;
esac
