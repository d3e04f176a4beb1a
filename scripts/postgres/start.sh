#!/usr/bin/env bash
# Starts a throwaway PostgreSQL 15 for the storage tests: a fresh data directory under /tmp,
# listening on 127.0.0.1 only, on a port of our own: the first free one from 54329 (or from
# TRADELOOM_PG_PORT) upwards, so that several test runs on one machine never share or stop
# each other's server. Prints the connection URL (one line on stdout); the rest goes to stderr:
#   url="$(scripts/postgres/start.sh)" && export TRADELOOM_PG_URL="$url"
#   ...
#   scripts/postgres/stop.sh "$url"
# Runs the server as the `postgres` user when started as root (PostgreSQL refuses root).
# Exit 3 when PostgreSQL's binaries are missing (the message names the install command).
set -euo pipefail

BASE="${TRADELOOM_PG_PORT:-54329}"

BIN="${PG_BIN:-}"
if [ -z "$BIN" ]; then
  for candidate in /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
    if [ -x "$candidate/initdb" ] && [ -x "$candidate/pg_ctl" ]; then BIN="$candidate"; break; fi
  done
fi
if [ -z "$BIN" ] && command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
  BIN="$(dirname "$(command -v pg_ctl)")"
fi
if [ -z "$BIN" ]; then
  echo "PostgreSQL binaries (initdb, pg_ctl) not found; install them with: apt-get install -y postgresql-15" >&2
  exit 3
fi

as_pg() {
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Claim a port: /tmp/tradeloom-pg-PORT.claim is created atomically (mkdir) and holds the data
# directory's path. A claim whose server is gone is stale and taken over.
PORT=""
for candidate in $(seq "$BASE" $((BASE + 40))); do
  claim="/tmp/tradeloom-pg-${candidate}.claim"
  if ! mkdir "$claim" 2>/dev/null; then
    old="$(cat "$claim/datadir" 2>/dev/null || true)"
    if [ -n "$old" ] && ! port_in_use "$candidate" && ! as_pg "$BIN/pg_ctl" -D "$old/data" status >/dev/null 2>&1; then
      case "$old" in /tmp/tradeloom-pg.*) rm -rf "$old" ;; esac
      rm -rf "$claim"
      mkdir "$claim" 2>/dev/null || continue
    else
      continue
    fi
  fi
  if port_in_use "$candidate"; then
    rm -rf "$claim"
    continue
  fi
  PORT="$candidate"
  break
done
if [ -z "$PORT" ]; then
  echo "no free port for PostgreSQL between $BASE and $((BASE + 40))" >&2
  exit 1
fi
CLAIM="/tmp/tradeloom-pg-${PORT}.claim"

DIR="$(mktemp -d /tmp/tradeloom-pg.XXXXXX)"
echo "$DIR" > "$CLAIM/datadir"
chmod 755 "$DIR"
if [ "$(id -u)" = "0" ]; then chown postgres: "$DIR"; fi

as_pg "$BIN/initdb" -D "$DIR/data" -U postgres --auth=trust -E UTF8 --no-locale >"$DIR/initdb.log" 2>&1 || {
  echo "initdb failed; see $DIR/initdb.log:" >&2
  tail -n 20 "$DIR/initdb.log" >&2
  exit 1
}
as_pg "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 \
  -o "-p ${PORT} -k ${DIR} -c listen_addresses=127.0.0.1 -c max_connections=100" start >&2 || {
  echo "PostgreSQL did not start; see $DIR/server.log:" >&2
  tail -n 20 "$DIR/server.log" >&2
  exit 1
}
URL="postgres://postgres@127.0.0.1:${PORT}/postgres"
echo "PostgreSQL running at $URL (data in $DIR; stop with: scripts/postgres/stop.sh $URL)" >&2
echo "$URL"
