#!/usr/bin/env bash
# The whole test suite, as CI runs it after `npm ci`: installs what the tests need when it is missing
# (Debian's Chromium and Firefox ESR, Ceph, the AWS CLI, PostgreSQL and nginx), type-checks, builds the
# extension for Chrome and Firefox, lints the Firefox build with Mozilla's web-ext, then runs unit,
# component, API, process, real-RGW, team (nginx + PostgreSQL) and end-to-end tests (Chromium and
# Firefox), and ends with one summary line.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-real-parts.sh
bash scripts/ensure-firefox.sh
npm run --silent lint
npm run --silent typecheck
npx wxt build >/dev/null
npm run --silent build:firefox >/dev/null
npm run --silent lint:firefox
mkdir -p test-results
status=0
npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json || status=$?
node -e '
  const r = JSON.parse(require("fs").readFileSync("test-results/vitest.json", "utf8"));
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed` + (r.numPendingTests ? `, ${r.numPendingTests} skipped` : ""));
' || true
exit "$status"
