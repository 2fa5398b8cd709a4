#!/usr/bin/env bash
# Starts a PostgreSQL server for S3 Keys under STATE_DIR, listening on 127.0.0.1:PORT only, and creates
# the database `s3keys`: postgres://postgres@127.0.0.1:PORT/s3keys. Trust authentication on loopback is
# for tests and the local team demo; a deployment uses passwords or certificates. Progress goes to
# stderr; stdout stays empty. Running it again on a running server only makes sure the database exists.
set -euo pipefail
here="$(dirname "$0")"
# shellcheck source=lib.sh
source "$here/lib.sh"

state=${1:?usage: start.sh STATE_DIR PORT}
port=${2:?usage: start.sh STATE_DIR PORT}
bin=$(pg_bin_dir) || { echo "postgres: not installed; run scripts/postgres/ensure-installed.sh" >&2; exit 3; }

mkdir -p "$state"
state=$(cd "$state" && pwd)
data="$state/data"
sockets="$state/sockets"
mkdir -p "$sockets"
[[ $(id -u) == 0 ]] && chown postgres:postgres "$state" "$sockets"

# initdb skips its final fsync: a crash of the machine within seconds of the first start is the only loss.
if [[ ! -f $data/PG_VERSION ]]; then
  echo "postgres: initialising a cluster in $data" >&2
  mkdir -p "$data"
  [[ $(id -u) == 0 ]] && chown postgres:postgres "$data"
  as_postgres "$bin/initdb" -D "$data" -A trust -U postgres -E UTF8 --no-sync >/dev/null
fi
if ! as_postgres "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
  echo "postgres: starting on 127.0.0.1:$port" >&2
  as_postgres "$bin/pg_ctl" -D "$data" -w -t 60 -l "$state/postgres.log" \
    -o "-p $port -k $sockets -c listen_addresses=127.0.0.1 -c max_connections=200" start >&2
fi
if ! as_postgres "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -tAc \
  "SELECT 1 FROM pg_database WHERE datname = 's3keys'" | grep -q 1; then
  as_postgres "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres s3keys >&2
fi
