# Shared by the PostgreSQL scripts: where the server programs are, and how to run them as `postgres`
# (the server refuses to run as root).

# Prints the newest /usr/lib/postgresql/<version>/bin holding initdb; fails when there is none.
pg_bin_dir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [[ -n $dir && -x $dir/initdb ]] || return 1
  echo "$dir"
}

# Runs a command as the `postgres` system user when we are root, else as ourselves.
as_postgres() {
  if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}
