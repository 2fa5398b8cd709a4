#!/usr/bin/env bash
# Usage: stop.sh STATE_DIR
# Stops the daemons start.sh started from STATE_DIR, found through its own pid files only (never by
# name): SIGTERM, then SIGKILL after ~5 s. Idempotent. memstore data is gone afterwards.
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

(($# == 1)) || { echo "usage: $0 STATE_DIR" >&2; exit 2; }
[[ -d $1 ]] || exit 0
STATE=$(cd "$1" && pwd)
shopt -s nullglob
# Gateways, then the OSD, then the mon: an OSD whose mon is already gone waits 5 s
# (osd_mon_shutdown_timeout) to report its shutdown.
gateways=("$STATE"/run/client.*.pid)
((${#gateways[@]} == 0)) || stop_pidfiles "${gateways[@]}"
osds=("$STATE"/run/osd.*.pid)
((${#osds[@]} == 0)) || stop_pidfiles "${osds[@]}"
rest=("$STATE"/run/*.pid)
((${#rest[@]} == 0)) || stop_pidfiles "${rest[@]}"
