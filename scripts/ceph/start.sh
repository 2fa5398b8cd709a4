#!/usr/bin/env bash
# Usage: start.sh STATE_DIR REGION_ID:PORT [REGION_ID:PORT ...]
#
# Starts a throw-away one-node Ceph cluster (1 mon, 1 memstore OSD, no mgr) with one realm and one
# radosgw per region, everything under STATE_DIR and bound to 127.0.0.1 only, then writes
# STATE_DIR/cluster.json. When the same STATE_DIR already runs the same regions, it is reused.
# memstore keeps data in RAM: a cluster that was stopped is bootstrapped afresh, but each region's
# admin secret (admin-ID.secret) is kept, so admin credentials stay stable across restarts.
#
# Env: CEPH_MON_PORT  mon port (v2; v1 is +1, daemons bind +2..+39). Default: a 40-port slot in
#                     20000-27999 picked from a hash of STATE_DIR, so clusters in different dirs differ.
#      CEPH_MEMSTORE_BYTES  OSD capacity in RAM (default 1 GiB, only what is written is used).
set -euo pipefail
# shellcheck source=lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

started_us=${EPOCHREALTIME/./}

usage() {
  echo "usage: $0 STATE_DIR REGION_ID:PORT [REGION_ID:PORT ...]" >&2
  exit 2
}
(($# >= 2)) || usage
STATE=$(abs_dir "$1")
shift
chmod 700 "$STATE"

regions=() ports=()
for arg in "$@"; do
  [[ $arg =~ ^([A-Za-z0-9][A-Za-z0-9_-]{0,62}):([0-9]{1,5})$ ]] || die "bad region '$arg' (want ID:PORT, ID of letters, digits, - and _)"
  id=${BASH_REMATCH[1]} port=$((10#${BASH_REMATCH[2]}))
  ((port >= 1024 && port <= 65535)) || die "port $port of region $id is outside 1024-65535"
  for ((i = 0; i < ${#regions[@]}; i++)); do
    [[ ${regions[i]} != "$id" ]] || die "region $id is listed twice"
    [[ ${ports[i]} != "$port" ]] || die "port $port is listed twice"
  done
  regions+=("$id") ports+=("$port")
done

command -v radosgw >/dev/null && command -v ceph-mon >/dev/null && command -v radosgw-admin >/dev/null ||
  die "Ceph is not installed; run $CEPH_SCRIPTS_DIR/ensure-installed.sh first"

# One start at a time per state dir. Daemons are started with fd 9 closed, or they would hold the lock.
exec 9>"$STATE/.lock"
flock -w 300 9 || die "another start.sh holds $STATE/.lock"

CONF=$STATE/ceph.conf
wanted=$(for ((i = 0; i < ${#regions[@]}; i++)); do echo "${regions[i]} ${ports[i]}"; done)

elapsed() {
  local us=$((${EPOCHREALTIME/./} - started_us))
  printf '%d.%02d' $((us / 1000000)) $((us % 1000000 / 10000))
}

# Fixed per region so the admin access key id never changes: 20 chars of A-Z0-9.
admin_access_key() {
  local hash
  hash=$(printf '%s' "$1" | sha256sum)
  hash=${hash:0:14}
  echo "S3KADM${hash^^}"
}

# Random 40-char secret made once per region and kept (0600) so restarts reuse it.
admin_secret_file() {
  local file="$STATE/admin-$1.secret"
  if [[ ! -s $file ]]; then
    (umask 077 && LC_ALL=C tr -dc 'A-Za-z0-9' </dev/urandom 2>/dev/null | head -c 40 >"$file.tmp") || true
    [[ $(wc -c <"$file.tmp") == 40 ]] || die "could not generate the admin secret for region $1"
    mv "$file.tmp" "$file"
  fi
  chmod 600 "$file"
  echo "$file"
}

write_cluster_json() {
  local i sep='' out='{"regions":['
  for ((i = 0; i < ${#regions[@]}; i++)); do
    local file="$STATE/admin-${regions[i]}.secret"
    file=${file//\\/\\\\}
    file=${file//\"/\\\"}
    out+="$sep{\"id\":\"${regions[i]}\",\"endpoint\":\"http://127.0.0.1:${ports[i]}\",\"adminAccessKeyId\":\"$(admin_access_key "${regions[i]}")\",\"adminSecretFile\":\"$file\"}"
    sep=,
  done
  printf '%s]}\n' "$out" >"$STATE/cluster.json.tmp"
  mv "$STATE/cluster.json.tmp" "$STATE/cluster.json"
}

# ---- reuse a running cluster of this state dir ----
if [[ -f $STATE/regions.list && $(<"$STATE/regions.list") == "$wanted" ]] &&
  live_pid "$STATE/run/mon.a.pid" >/dev/null && live_pid "$STATE/run/osd.0.pid" >/dev/null; then
  for ((i = 0; i < ${#regions[@]}; i++)); do
    if ! live_pid "$STATE/run/client.rgw.${regions[i]}.pid" >/dev/null; then
      start_gateway "${regions[i]}" "${ports[i]}"
    elif ! http_answers "${ports[i]}"; then
      die "radosgw of region ${regions[i]} runs but does not answer on 127.0.0.1:${ports[i]}; run stop.sh $STATE and start again"
    fi
  done
  write_cluster_json
  echo "ceph: reused the running cluster in $STATE ($(elapsed) s)" >&2
  exit 0
fi

# ---- fresh bootstrap ----
# Leftovers of an earlier run (some daemons alive, or a different region set) are stopped first:
# with memstore an OSD restart loses all data, so a partial reuse would be inconsistent.
"$CEPH_SCRIPTS_DIR/stop.sh" "$STATE"
for ((i = 0; i < ${#regions[@]}; i++)); do
  ! port_in_use "${ports[i]}" || die "port ${ports[i]} (gateway of region ${regions[i]}) is already in use by another program"
done
rm -rf "$STATE/mon" "$STATE/osd" "$STATE/run" "$STATE/keyrings" "$STATE/log" "$STATE/regions.list" "$STATE/cluster.json"
mkdir -p "$STATE/mon/ceph-a" "$STATE/osd/ceph-0" "$STATE/run" "$STATE/keyrings" "$STATE/log"

# On failure, stop what was started so no daemons linger.
bootstrapped=0
cleanup() {
  if ((bootstrapped == 0)); then
    echo "ceph: start failed; stopping the daemons started so far (logs kept in $STATE/log)" >&2
    "$CEPH_SCRIPTS_DIR/stop.sh" "$STATE" || true
  fi
}
trap cleanup EXIT

# Ports: a 40-port slot (mon v2, mon v1, then the range daemons bind in).
range_free() {
  local p
  for ((p = $1; p < $1 + 40; p++)); do
    port_in_use "$p" && return 1
  done
  for p in "${ports[@]}"; do
    ((p < $1 || p >= $1 + 40)) || return 1
  done
  return 0
}
if [[ -n ${CEPH_MON_PORT:-} ]]; then
  MON_PORT=$CEPH_MON_PORT
  [[ $MON_PORT =~ ^[0-9]+$ ]] && ((MON_PORT >= 1024 && MON_PORT <= 65495)) || die "CEPH_MON_PORT must be a port number in 1024-65495"
  range_free "$MON_PORT" || die "ports $MON_PORT-$((MON_PORT + 39)) (CEPH_MON_PORT) are in use or overlap a gateway port"
else
  # Below Linux's ephemeral range (32768+), so outgoing connections never take them.
  slot=$(($(printf '%s' "$STATE" | cksum | cut -d' ' -f1) % 200))
  MON_PORT=
  for ((i = 0; i < 200; i++)); do
    candidate=$((20000 + (slot + i) % 200 * 40))
    if range_free "$candidate"; then MON_PORT=$candidate; break; fi
  done
  [[ -n $MON_PORT ]] || die "no free 40-port range in 20000-27999 for the Ceph monitor"
fi
echo "MON_PORT=$MON_PORT" >"$STATE/ports.env"

fsid=$(</proc/sys/kernel/random/uuid)
osd_uuid=$(</proc/sys/kernel/random/uuid)
{
  cat <<EOF
[global]
fsid = $fsid
mon host = [v2:127.0.0.1:$MON_PORT,v1:127.0.0.1:$((MON_PORT + 1))]
public addr = 127.0.0.1
cluster addr = 127.0.0.1
ms bind port min = $((MON_PORT + 2))
ms bind port max = $((MON_PORT + 39))
auth cluster required = cephx
auth service required = cephx
auth client required = cephx
keyring = $STATE/keyrings/\$cluster.\$name.keyring
run dir = $STATE/run
pid file = $STATE/run/\$name.pid
log file = $STATE/log/\$name.log
mon cluster log file = $STATE/log/cluster.log
osd pool default size = 1
osd pool default min size = 1
osd pool default pg num = 8
osd pool default pgp num = 8
osd pool default pg autoscale mode = off
mon allow pool size one = true
mon max pg per osd = 1000
osd crush chooseleaf type = 0
# The default 1 s makes the start ~16 s instead of ~5 s.
paxos propose interval = 0.1
mon data avail crit = 1

[mon]
mon data = $STATE/mon/\$cluster-\$id
keyring = $STATE/mon/ceph-a/keyring
admin socket = $STATE/run/\$name.asok

[osd]
osd data = $STATE/osd/\$cluster-\$id
osd objectstore = memstore
memstore device bytes = ${CEPH_MEMSTORE_BYTES:-1073741824}
admin socket = $STATE/run/\$name.asok
EOF
  for ((i = 0; i < ${#regions[@]}; i++)); do
    cat <<EOF

[client.rgw.${regions[i]}]
# tcp_nodelay: without it, small admin answers sometimes wait ~40 ms for a delayed ACK (Nagle).
rgw frontends = beast endpoint=127.0.0.1:${ports[i]} tcp_nodelay=1
# The access log (level 1) records request URLs, and Admin Ops key creation carries the secret in the query.
debug rgw = 0/0
# The usage log answers "when was this pair last used" (Admin Ops GET /admin/usage, one-hour buckets).
# Flushed every second instead of every 30 s, so a request shows there at once.
rgw enable usage log = true
rgw usage log tick interval = 1
rgw usage log flush threshold = 1
rgw realm = ${regions[i]}
rgw zonegroup = ${regions[i]}
rgw zone = ${regions[i]}
admin socket = $STATE/run/\$name.asok
EOF
  done
} >"$CONF"

# Every key goes into the mon's keyring before mkfs, so no `ceph auth` round trips are needed later.
K=$STATE/keyrings
{
  ceph-authtool --create-keyring "$K/mon.keyring" --gen-key -n mon. --cap mon 'allow *'
  ceph-authtool --create-keyring "$K/ceph.client.admin.keyring" --gen-key -n client.admin \
    --cap mon 'allow *' --cap osd 'allow *' --cap mgr 'allow *' --cap mds 'allow *'
  ceph-authtool --create-keyring "$K/ceph.osd.0.keyring" --gen-key -n osd.0 \
    --cap mon 'allow profile osd' --cap mgr 'allow profile osd' --cap osd 'allow *'
  for r in "${regions[@]}"; do
    ceph-authtool --create-keyring "$K/ceph.client.rgw.$r.keyring" --gen-key -n "client.rgw.$r" \
      --cap mon 'allow rw' --cap osd 'allow rwx'
  done
  for f in "$K"/ceph.*.keyring; do ceph-authtool "$K/mon.keyring" --import-keyring "$f"; done
  monmaptool --create --clobber --fsid "$fsid" --addv a "[v2:127.0.0.1:$MON_PORT,v1:127.0.0.1:$((MON_PORT + 1))]" "$STATE/run/monmap"
} >"$STATE/log/bootstrap.log" 2>&1 || { show_log_tail "$STATE/log/bootstrap.log"; die "creating keyrings/monmap failed"; }
chmod 600 "$K"/*

ceph-mon -c "$CONF" --mkfs -i a --monmap "$STATE/run/monmap" --keyring "$K/mon.keyring" >>"$STATE/log/bootstrap.log" 2>&1 ||
  { show_log_tail "$STATE/log/bootstrap.log"; show_log_tail "$STATE/log/mon.a.log"; die "ceph-mon --mkfs failed"; }
ceph-mon -c "$CONF" -i a 9>&- >>"$STATE/log/bootstrap.log" 2>&1 ||
  { show_log_tail "$STATE/log/mon.a.log"; die "ceph-mon failed to start"; }

# Registers osd.0 (its key is already known to the mon); this also waits for the mon to form quorum.
timeout 60 ceph -c "$CONF" --connect-timeout 50 osd new "$osd_uuid" 0 >>"$STATE/log/bootstrap.log" 2>&1 ||
  { show_log_tail "$STATE/log/bootstrap.log"; show_log_tail "$STATE/log/mon.a.log"; die "the monitor did not accept 'osd new' (is it up on 127.0.0.1:$MON_PORT?)"; }
ceph-osd -c "$CONF" -i 0 --mkfs --osd-uuid "$osd_uuid" >>"$STATE/log/bootstrap.log" 2>&1 ||
  { show_log_tail "$STATE/log/osd.0.log"; die "ceph-osd --mkfs failed"; }
ceph-osd -c "$CONF" -i 0 9>&- >>"$STATE/log/bootstrap.log" 2>&1 ||
  { show_log_tail "$STATE/log/osd.0.log"; die "ceph-osd failed to start"; }

# Per region: realm/zonegroup/zone named after it (the zonegroup's api_name is its name, so
# `aws --region ID` and the SDKs' LocationConstraint match), the admin user, then the gateway.
# radosgw-admin prints keys on stdout, so stdout is discarded and only stderr is logged.
setup_region() {
  local r=$1 port=$2 log="$STATE/log/setup-$1.log" secret_file
  local -a at=(--rgw-realm="$r" --rgw-zonegroup="$r" --rgw-zone="$r")
  rgwa() { timeout 120 radosgw-admin -c "$CONF" "$@" >/dev/null 2>>"$log"; }
  secret_file=$(admin_secret_file "$r")
  rgwa realm create --rgw-realm="$r" &&
    rgwa zonegroup create --rgw-realm="$r" --rgw-zonegroup="$r" --master --endpoints="http://127.0.0.1:$port" &&
    rgwa zone create "${at[@]}" --master --endpoints="http://127.0.0.1:$port" &&
    rgwa period update --commit "${at[@]}" &&
    rgwa user create "${at[@]}" --uid="$ADMIN_UID" --display-name="S3 Keys admin" --caps="users=*;buckets=*;usage=read" \
      --access-key="$(admin_access_key "$r")" --secret-key="$(<"$secret_file")" ||
    { show_log_tail "$log"; show_log_tail "$STATE/log/osd.0.log"; die "setting up realm $r with radosgw-admin failed"; }
  start_gateway "$r" "$port"
}

jobs_pids=()
for ((i = 0; i < ${#regions[@]}; i++)); do
  setup_region "${regions[i]}" "${ports[i]}" &
  jobs_pids+=($!)
done
failed=0
for pid in "${jobs_pids[@]}"; do wait "$pid" || failed=1; done
((failed == 0)) || die "a region failed to start (see above)"

echo "$wanted" >"$STATE/regions.list"
write_cluster_json
bootstrapped=1
echo "ceph: cluster up in $STATE (mon 127.0.0.1:$MON_PORT; $(elapsed) s)" >&2
