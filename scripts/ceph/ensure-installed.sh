#!/usr/bin/env bash
# Makes sure the Ceph programs the other scripts need are installed (Debian's radosgw, ceph-mon,
# ceph-osd, ceph-common), and Debian's AWS CLI v2 (/usr/bin/aws), the independent S3 client the tests and
# the README use. Installs them when running as root on Debian; otherwise explains and exits 3.
set -euo pipefail

needed=(radosgw ceph-mon ceph-osd ceph-authtool monmaptool radosgw-admin ceph)
missing=()
for cmd in "${needed[@]}"; do
  command -v "$cmd" >/dev/null 2>&1 || missing+=("$cmd")
done
# Debian's awscli is v2; a v1 elsewhere on PATH crashes on RGW's empty error messages.
[[ -x /usr/bin/aws ]] || missing+=(aws)
((${#missing[@]} == 0)) && exit 0

if [[ $(id -u) == 0 && -f /etc/debian_version ]]; then
  bash "$(dirname "$0")/../apt-install.sh" \
    "for the local S3 regions (Ceph RADOS Gateway) and the AWS CLI (missing: ${missing[*]})" \
    radosgw ceph-mon ceph-osd ceph-common awscli
  for cmd in "${needed[@]}" /usr/bin/aws; do
    command -v "$cmd" >/dev/null 2>&1 || { echo "ceph: $cmd is still missing after apt-get install" >&2; exit 1; }
  done
  exit 0
fi

# printf is a builtin: this must work on a machine missing more than Ceph.
printf '%s\n' \
  "ceph: the local S3 test service needs Ceph, but these programs are missing: ${missing[*]}." \
  "Install the Debian/Ubuntu packages radosgw, ceph-mon, ceph-osd, ceph-common and awscli (as root:" \
  "'apt-get install --no-install-recommends radosgw ceph-mon ceph-osd ceph-common awscli'; other" \
  "distributions ship them as ceph/ceph-radosgw), or run this script as root on Debian to have it" \
  "install them. No systemd service is needed: the scripts start their own daemons." >&2
exit 3
