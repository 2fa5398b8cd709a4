#!/usr/bin/env bash
# Makes sure Debian's Firefox ESR is installed for the Firefox end-to-end tests (puppeteer-core drives it
# over WebDriver BiDi; nothing downloads a browser). Installs it when missing, as root on Debian;
# otherwise says what to do.
set -euo pipefail

if [ -x /usr/bin/firefox-esr ]; then exit 0; fi

if [ "$(id -u)" = 0 ] && [ -f /etc/debian_version ]; then
  exec bash "$(dirname "$0")/apt-install.sh" "for the Firefox end-to-end tests" firefox-esr
fi

cat >&2 <<'MSG'
The Firefox end-to-end tests need Firefox ESR at /usr/bin/firefox-esr. Install it with your package
manager (on Debian: sudo apt-get install firefox-esr), then run the tests again.
MSG
exit 3
