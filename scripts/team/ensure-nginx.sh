#!/usr/bin/env bash
# Makes sure Debian's nginx (the load balancer of `npm run start:team` and the two-instance tests) is
# installed. Installs it when running as root on Debian (two packages, 1.7 MB; mostly the time of
# apt-get update, 10-90 s); otherwise explains and exits 3.
# Installing does not start or enable it: nginx.sh runs its own instance from a state directory.
set -euo pipefail

command -v nginx >/dev/null 2>&1 && exit 0
PATH=$PATH:/usr/sbin
command -v nginx >/dev/null 2>&1 && exit 0

if [[ $(id -u) == 0 && -f /etc/debian_version ]]; then
  echo "nginx: installing Debian's nginx (apt-get update + 2 packages, usually under a minute)..." >&2
  apt-get update >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends -o DPkg::Lock::Timeout=300 \
    nginx >&2
  command -v nginx >/dev/null 2>&1 || { echo "nginx: still missing after apt-get install" >&2; exit 1; }
  exit 0
fi

printf '%s\n' \
  "nginx: the team set-up puts nginx in front of the companions, but nginx is not installed." \
  "Install it (Debian/Ubuntu, as root: 'apt-get install --no-install-recommends nginx'), or run this" \
  "script as root on Debian to have it installed. No service is enabled: the scripts run their own." >&2
exit 3
