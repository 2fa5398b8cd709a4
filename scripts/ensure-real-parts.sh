#!/usr/bin/env bash
# Installs, when missing, the real parts that the tests and the benchmarks drive: Debian's Chromium,
# Ceph (with the AWS CLI), PostgreSQL and nginx. Each step does nothing when its part is present.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-chromium.sh
bash scripts/ceph/ensure-installed.sh
bash scripts/postgres/ensure-installed.sh
bash scripts/team/ensure-nginx.sh
