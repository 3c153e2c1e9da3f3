#!/bin/sh
# run-postgresql.sh — runs the server test programs against a real PostgreSQL
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Usage: run-postgresql.sh TEST-PROGRAM [ARGS…]
# Starts a private PostgreSQL (Debian's postgresql-15: initdb in a temporary directory, a free
# port on 127.0.0.1, trust authentication, fsync on), runs the program with
# EKYC_TEST_POSTGRESQL=postgresql://…, and stops the server. Each test fixture creates its own
# database in it. Exits 77 (skipped) when PostgreSQL is not installed.
set -eu

bindir=${EKYC_PG_BINDIR:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
  echo "1..0 # SKIP PostgreSQL is not installed (apt-get install postgresql)"
  exit 77
fi

dir=$(mktemp -d /tmp/ekyc-pg-XXXXXX)
# PostgreSQL refuses to run as root: use its own account then.
run=""
if [ "$(id -u)" = 0 ]; then
  chown postgres "$dir"
  run="runuser -u postgres --"
fi
port=$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

cleanup() {
  $run "$bindir/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT INT TERM

$run "$bindir/initdb" -D "$dir/data" -U ekyc --auth=trust -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 ||
  { cat "$dir/initdb.log" >&2; exit 1; }
$run "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
  -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null ||
  { cat "$dir/server.log" >&2; exit 1; }

EKYC_TEST_POSTGRESQL="postgresql://ekyc@127.0.0.1:$port/postgres"
export EKYC_TEST_POSTGRESQL
"$@"
