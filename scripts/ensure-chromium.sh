#!/usr/bin/env bash
# Makes sure Debian's Chromium is installed for the end-to-end tests (Playwright drives it; it never
# downloads a browser of its own). Installs it when missing, as root on Debian; otherwise says what to do.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then exit 0; fi

if [ "$(id -u)" = 0 ] && [ -f /etc/debian_version ]; then
  exec bash "$(dirname "$0")/apt-install.sh" "for the Chromium end-to-end tests" chromium
fi

cat >&2 <<'MSG'
The end-to-end tests need Chromium at /usr/bin/chromium. Install it with your package manager
(on Debian or Ubuntu: sudo apt-get install chromium), then run the tests again.
MSG
exit 3
