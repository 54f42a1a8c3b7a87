#!/usr/bin/env bash
# A throwaway PostgreSQL (Debian's packages) for the tests, on 127.0.0.1 only; prints the URL the tests read:
#   export TEST_POSTGRES_URL="$(bash test/support/postgres.sh)"     # installs if missing, starts, creates role and db
#   bash test/support/postgres.sh stop
# Its own cluster in a temp folder (never the machine's), without fsync: the tests check behaviour, not durability.
set -euo pipefail
PORT="${TEST_POSTGRES_PORT:-55432}"
DIR="${TMPDIR:-/tmp}/synpunkt-test-postgres-$PORT"
NAME=synpunkt_test

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if [ "${1:-start}" = stop ]; then
  [ -d "$DIR" ] && as_owner "$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)/pg_ctl" -D "$DIR" -m fast stop >&2 || true
  exit 0
fi

if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
  [ "$(id -u)" = 0 ] || { echo "PostgreSQL is not installed: apt-get install postgresql (as root)" >&2; exit 1; }
  { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql; } >&2
fi
BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"

if [ ! -f "$DIR/PG_VERSION" ]; then
  mkdir -p "$DIR"
  [ "$(id -u)" = 0 ] && chown postgres: "$DIR"
  chmod 700 "$DIR"
  as_owner "$BIN/initdb" -D "$DIR" -U postgres --auth-local=trust --auth-host=scram-sha-256 --encoding=UTF8 --no-sync >&2
fi
if ! as_owner "$BIN/pg_ctl" -D "$DIR" status >/dev/null 2>&1; then
  as_owner "$BIN/pg_ctl" -D "$DIR" -l "$DIR/server.log" -w -t 60 start \
    -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" >&2
fi
psql_() { as_owner "$BIN/psql" -h "$DIR" -p "$PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qtA "$@"; }
if [ "$(psql_ -c "SELECT 1 FROM pg_roles WHERE rolname = '$NAME'")" != 1 ]; then
  psql_ -c "CREATE ROLE $NAME LOGIN PASSWORD '$NAME'" >&2
fi
# CREATEDB: a readiness test takes a database of its own offline (ALLOW_CONNECTIONS false) and drops it after.
psql_ -c "ALTER ROLE $NAME CREATEDB" >&2
if [ "$(psql_ -c "SELECT 1 FROM pg_database WHERE datname = '$NAME'")" != 1 ]; then
  psql_ -c "CREATE DATABASE $NAME OWNER $NAME" >&2
fi
echo "postgres://$NAME:$NAME@127.0.0.1:$PORT/$NAME"
