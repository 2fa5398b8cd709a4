#!/usr/bin/env bash
# Makes sure Debian's Chromium is installed for the end-to-end tests (Playwright drives it; it never
# downloads a browser of its own). Installs it when missing, as root on Debian; otherwise says what to do.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then exit 0; fi

if [ "$(id -u)" = 0 ] && [ -f /etc/debian_version ]; then
  echo "Installing Debian's chromium for the end-to-end tests (about a minute)…" >&2
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends -o DPkg::Lock::Timeout=300 chromium >/dev/null
  exit 0
fi

cat >&2 <<'MSG'
The end-to-end tests need Chromium at /usr/bin/chromium. Install it with your package manager
(on Debian or Ubuntu: sudo apt-get install chromium), then run the tests again.
MSG
exit 3
