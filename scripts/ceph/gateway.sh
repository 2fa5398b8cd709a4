#!/usr/bin/env bash
# Usage: gateway.sh start|stop STATE_DIR REGION_ID
# Stops one region's radosgw (to simulate an outage; the rest of the cluster keeps running), or
# (re)starts it with the cluster's configuration and waits until it answers (nothing when it runs).
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

(($# == 3)) && [[ $1 == start || $1 == stop ]] || { echo "usage: $0 start|stop STATE_DIR REGION_ID" >&2; exit 2; }
action=$1
[[ -d $2 ]] || die "no state directory $2"
STATE=$(cd "$2" && pwd)
region=$3
port=$(region_port "$region") || die "region $region is not part of the cluster in $STATE"

if [[ $action == stop ]]; then
  stop_pidfiles "$STATE/run/client.rgw.$region.pid"
  # The listening socket closes with the process; make sure before returning.
  for ((i = 0; i < 50; i++)); do
    port_in_use "$port" || exit 0
    sleep 0.1
  done
  die "127.0.0.1:$port still accepts connections after stopping the gateway of $region"
fi

live_pid "$STATE/run/mon.a.pid" >/dev/null && live_pid "$STATE/run/osd.0.pid" >/dev/null ||
  die "the cluster in $STATE is not running; use start.sh"
if live_pid "$STATE/run/client.rgw.$region.pid" >/dev/null; then
  http_answers "$port" && exit 0
  die "radosgw of $region runs but does not answer on 127.0.0.1:$port"
fi
start_gateway "$region" "$port"
