#!/usr/bin/env bash
# Makes sure PostgreSQL's server programs (Debian's postgresql: initdb, pg_ctl, postgres, createdb) are
# installed. Installs them when running as root on Debian; otherwise explains and exits 3.
set -euo pipefail
here="$(dirname "$0")"
# shellcheck source=lib.sh
source "$here/lib.sh"

pg_bin_dir >/dev/null 2>&1 && exit 0

if [[ $(id -u) == 0 && -f /etc/debian_version ]]; then
  echo "postgres: installing PostgreSQL from Debian (postgresql)..." >&2
  apt-get update >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends -o DPkg::Lock::Timeout=300 \
    postgresql >&2
  pg_bin_dir >/dev/null || { echo "postgres: initdb is still missing after apt-get install" >&2; exit 1; }
  exit 0
fi

printf '%s\n' \
  "postgres: the tests and the team setup need PostgreSQL's server programs, which are missing." \
  "Install the Debian/Ubuntu package postgresql (as root: 'apt-get install --no-install-recommends" \
  "postgresql'), or run this script as root on Debian to have it install them. No systemd service is" \
  "needed: scripts/postgres/start.sh runs its own server under a state directory." >&2
exit 3
