#!/usr/bin/env bash
# Installs Debian packages and says so: what, why, how many packages and roughly how long, then a
# progress line per tenth of the download and of the install instead of apt's whole log (which is
# shown only when apt fails). Progress goes to stdout; callers may keep stderr for their own messages.
# Usage: apt-install.sh "WHY" PACKAGE...   (as root on Debian)
set -euo pipefail

why=$1
shift
export DEBIAN_FRONTEND=noninteractive
options=(-y -q --no-install-recommends -o DPkg::Lock::Timeout=300)
log=$(mktemp)
trap 'rm -f "$log"' EXIT

fail() {
  echo "apt-get $1 failed; its output:" >&2
  cat "$log" >&2
  exit 1
}

echo "Updating Debian's package lists (a few seconds)…"
apt-get update -q >"$log" 2>&1 || fail update

count=$(apt-get install -s "${options[@]}" "$@" 2>/dev/null | grep -c '^Inst ' || true)
# --print-uris lists what is still to download ("'URI' FILE BYTES HASH") without installing anything.
megabytes=$(apt-get install --print-uris -qq "${options[@]}" "$@" 2>/dev/null |
  awk "/^'/ { bytes += \$3 } END { printf \"%d\", bytes / 1e6 }")
# Measured here: Firefox ESR (81 MB, 2 packages) took 96 s, Chromium (137 packages) 55 s.
seconds=$((megabytes + count * 3 / 10 + 5))
echo "Installing Debian's $* $why (about $seconds s: $count packages, $megabytes MB to download)…"

# apt reports "dlstatus:…:PERCENT:TEXT" and "pmstatus:PKG:PERCENT:TEXT" lines on the status fd;
# print one line each time a phase passes another 10 %.
started=$SECONDS
if ! apt-get install "${options[@]}" -o APT::Status-Fd=3 "$@" 3>&1 >"$log" 2>&1 |
  awk -F: '
    $1 == "dlstatus" { phase = "downloading" }
    $1 == "pmstatus" { phase = "installing " }
    phase != "" {
      step = int($3 / 10) * 10
      if (step > shown[phase] || !(phase in shown)) {
        shown[phase] = step
        printf "  %s %3d%%  %s\n", phase, step, $4
        fflush()
      }
      phase = ""
    }'; then
  fail install
fi
echo "Installed $* in $((SECONDS - started)) s."
