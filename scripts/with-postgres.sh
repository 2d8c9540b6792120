#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL 15 server on loopback:
#   scripts/with-postgres.sh pnpm check
# Finds the server binaries (/usr/lib/postgresql/*/bin, or PG_BIN), installs Debian's
# `postgresql` when they are missing and we are root, creates a cluster in a temp folder
# owned by `postgres`, exports DATABASE_URL and SESSION_LINKS_TEST_DATABASE_URL, runs the
# command and removes the cluster on exit. Without PostgreSQL: the command runs without
# the variables (the PostgreSQL tests say they skip), except under CI=true, where that
# is a failure.
set -euo pipefail

if [ $# -eq 0 ]; then
  echo "usage: scripts/with-postgres.sh <command> [args…]" >&2
  exit 2
fi

find_bin() {
  if [ -n "${PG_BIN:-}" ] && [ -x "$PG_BIN/initdb" ]; then echo "$PG_BIN"; return; fi
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then echo "$d"; return; fi
  done
}

no_postgres() {
  local why=$1
  shift
  if [ "${CI:-}" = "true" ]; then
    echo "with-postgres: $why — CI needs PostgreSQL (Debian: apt-get install -y postgresql)" >&2
    exit 1
  fi
  echo "with-postgres: $why; the PostgreSQL tests will be skipped (Debian: sudo apt-get install -y postgresql)" >&2
  exec "$@"
}

bin=$(find_bin)
if [ -z "$bin" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "with-postgres: installing Debian's postgresql…" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  bin=$(find_bin)
fi
if [ -z "$bin" ]; then
  no_postgres "no PostgreSQL server binaries found (looked in /usr/lib/postgresql/*/bin)" "$@"
fi

# PostgreSQL refuses to run as root: the cluster belongs to `postgres` then.
as_pg=()
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
  as_pg=(runuser -u postgres --)
fi

dir=$(mktemp -d /tmp/session-links-pg.XXXXXX)
chmod 755 "$dir"
[ "$(id -u)" = 0 ] && chown postgres "$dir"
port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')

cleanup() {
  "${as_pg[@]}" "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

"${as_pg[@]}" "$bin/initdb" -D "$dir/data" -A trust -U postgres --no-sync >"$dir/initdb.log" 2>&1 || {
  cat "$dir/initdb.log" >&2
  echo "with-postgres: initdb failed" >&2
  exit 1
}
"${as_pg[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
  -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null || {
  cat "$dir/server.log" >&2
  echo "with-postgres: the server did not start" >&2
  exit 1
}

export DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres"
export SESSION_LINKS_TEST_DATABASE_URL="$DATABASE_URL"
echo "with-postgres: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port" >&2
# Not exec: the trap removes the cluster when the command ends.
set +e
"$@"
status=$?
exit $status
