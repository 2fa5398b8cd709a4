#!/usr/bin/env bash
# Makes sure Debian's Firefox ESR is installed for the Firefox end-to-end tests (puppeteer-core drives it
# over WebDriver BiDi; nothing downloads a browser), with NSS's certutil (libnss3-tools), which makes a
# test profile trust a throw-away CA. Installs them when missing, as root on Debian; otherwise says what to do.
set -euo pipefail

if [ -x /usr/bin/firefox-esr ] && command -v certutil >/dev/null; then exit 0; fi

if [ "$(id -u)" = 0 ] && [ -f /etc/debian_version ]; then
  exec bash "$(dirname "$0")/apt-install.sh" "for the Firefox end-to-end tests" firefox-esr libnss3-tools
fi

cat >&2 <<'MSG'
The Firefox end-to-end tests need Firefox ESR at /usr/bin/firefox-esr and NSS's certutil. Install them
with your package manager (on Debian: sudo apt-get install firefox-esr libnss3-tools), then run the tests
again.
MSG
exit 3
