#!/usr/bin/env bash
# Usage: stop-gateway.sh STATE_DIR REGION_ID
# Stops one region's radosgw (to simulate an outage); the rest of the cluster keeps running.
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

(($# == 2)) || { echo "usage: $0 STATE_DIR REGION_ID" >&2; exit 2; }
[[ -d $1 ]] || die "no state directory $1"
STATE=$(cd "$1" && pwd)
region=$2
port=$(region_port "$region") || die "region $region is not part of the cluster in $STATE"
stop_pidfiles "$STATE/run/client.rgw.$region.pid"
# The listening socket closes with the process; make sure before returning.
for ((i = 0; i < 50; i++)); do
  port_in_use "$port" || exit 0
  sleep 0.1
done
die "127.0.0.1:$port still accepts connections after stopping the gateway of $region"
