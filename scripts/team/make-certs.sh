#!/usr/bin/env bash
# Usage: make-certs.sh OUT_DIR NAME...
# Makes a throw-away CA and one server certificate signed by it, for a team companion (or the load
# balancer in front of it) reached as NAME...:
#   OUT_DIR/ca.crt, ca.key          the CA (trust ca.crt in a test browser or client only, never system-wide)
#   OUT_DIR/server.crt, server.key  the server's certificate (SANs DNS:NAME... and IP:127.0.0.1) and key
# Keys are EC P-256, written 0600; the certificates are valid for 2 days. Existing files are replaced.
set -euo pipefail

(($# >= 2)) || { echo "usage: $0 OUT_DIR NAME..." >&2; exit 2; }
OUT=$1
shift
for name in "$@"; do
  # A SAN entry is a bare DNS name; anything else would make openssl write a broken certificate.
  [[ $name =~ ^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$ ]] || { echo "make-certs: not a host name: $name" >&2; exit 2; }
done
command -v openssl >/dev/null || { echo "make-certs: openssl is not installed (apt-get install openssl)" >&2; exit 1; }

mkdir -p "$OUT"
umask 077
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

sans=""
for name in "$@"; do sans+="DNS:$name,"; done
sans+="IP:127.0.0.1"
printf 'subjectAltName=%s\nbasicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n' \
  "$sans" >"$work/ext.cnf"

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 \
  -subj "/CN=S3 Keys throw-away test CA" -keyout "$work/ca.key" -out "$work/ca.crt" 2>/dev/null
openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj "/CN=$1" \
  -keyout "$work/server.key" -out "$work/server.csr" 2>/dev/null
openssl x509 -req -in "$work/server.csr" -CA "$work/ca.crt" -CAkey "$work/ca.key" -CAcreateserial \
  -days 2 -extfile "$work/ext.cnf" -out "$work/server.crt" 2>/dev/null

for file in ca.crt ca.key server.crt server.key; do mv -f "$work/$file" "$OUT/$file"; done
chmod 0644 "$OUT/ca.crt" "$OUT/server.crt"
echo "make-certs: CA and certificate for $* (and 127.0.0.1) in $OUT" >&2
