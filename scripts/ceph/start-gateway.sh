#!/usr/bin/env bash
# Usage: start-gateway.sh STATE_DIR REGION_ID
# (Re)starts one region's radosgw with the cluster's configuration and waits until it answers.
# Does nothing when it already runs.
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

(($# == 2)) || { echo "usage: $0 STATE_DIR REGION_ID" >&2; exit 2; }
[[ -d $1 ]] || die "no state directory $1"
STATE=$(cd "$1" && pwd)
region=$2
port=$(region_port "$region") || die "region $region is not part of the cluster in $STATE"
live_pid "$STATE/run/mon.a.pid" >/dev/null && live_pid "$STATE/run/osd.0.pid" >/dev/null ||
  die "the cluster in $STATE is not running; use start.sh"
if live_pid "$STATE/run/client.rgw.$region.pid" >/dev/null; then
  http_answers "$port" && exit 0
  die "radosgw of $region runs but does not answer on 127.0.0.1:$port"
fi
start_gateway "$region" "$port"
