#!/usr/bin/env bash
# `npm run bench [-- NAME…]`: installs what the benchmarks need when it is missing (Debian's Chromium,
# Ceph, PostgreSQL and nginx), then runs them (bench/run.ts).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-chromium.sh
bash scripts/ceph/ensure-installed.sh
bash scripts/postgres/ensure-installed.sh
bash scripts/team/ensure-nginx.sh
exec npx tsx bench/run.ts "$@"
