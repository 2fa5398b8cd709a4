#!/usr/bin/env bash
# `npm run bench [-- NAME…]`: installs what the benchmarks need when it is missing (Debian's Chromium,
# Ceph, PostgreSQL and nginx), then runs them (bench/run.ts).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-real-parts.sh
exec npx tsx bench/run.ts "$@"
