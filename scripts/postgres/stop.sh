#!/usr/bin/env bash
# Stops the PostgreSQL server that start.sh runs under STATE_DIR (fast shutdown: open sessions are
# ended, committed data stays). Nothing to do when it is not running.
set -euo pipefail
here="$(dirname "$0")"
# shellcheck source=lib.sh
source "$here/lib.sh"

state=${1:?usage: stop.sh STATE_DIR}
bin=$(pg_bin_dir) || exit 0
data="$state/data"
[[ -f $data/PG_VERSION ]] || exit 0
if as_postgres "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
  as_postgres "$bin/pg_ctl" -D "$data" -m fast -w stop >&2
fi
