#!/usr/bin/env bash
# Stops a throwaway PostgreSQL that start.sh started and deletes its data directory.
#   scripts/postgres/stop.sh URL|PORT
# Without an argument: the port of $TRADELOOM_PG_URL, else $TRADELOOM_PG_PORT, else 54329.
set -euo pipefail

arg="${1:-${TRADELOOM_PG_URL:-${TRADELOOM_PG_PORT:-54329}}}"
if [[ "$arg" =~ ^[0-9]+$ ]]; then
  PORT="$arg"
elif [[ "$arg" =~ :([0-9]+)(/|$) ]]; then
  PORT="${BASH_REMATCH[1]}"
else
  echo "stop.sh: expected a postgres:// URL or a port, got: $arg" >&2
  exit 2
fi

CLAIM="/tmp/tradeloom-pg-${PORT}.claim"
if [ ! -d "$CLAIM" ]; then
  echo "no throwaway PostgreSQL from start.sh on port ${PORT} (nothing to stop)" >&2
  exit 0
fi
DIR="$(cat "$CLAIM/datadir" 2>/dev/null || true)"

BIN="${PG_BIN:-}"
if [ -z "$BIN" ]; then
  for candidate in /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
    if [ -x "$candidate/pg_ctl" ]; then BIN="$candidate"; break; fi
  done
fi
[ -n "$BIN" ] || BIN="$(dirname "$(command -v pg_ctl)")"

if [ -n "$DIR" ] && [ -d "$DIR/data" ]; then
  if [ "$(id -u)" = "0" ]; then
    runuser -u postgres -- "$BIN/pg_ctl" -D "$DIR/data" -m fast -w stop >&2
  else
    "$BIN/pg_ctl" -D "$DIR/data" -m fast -w stop >&2
  fi
fi
case "$DIR" in
  /tmp/tradeloom-pg.*) rm -rf "$DIR" ;;
esac
rm -rf "$CLAIM"
echo "stopped PostgreSQL on port ${PORT} and removed ${DIR:-its data}" >&2
