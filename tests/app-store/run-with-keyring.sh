#!/bin/sh
# run-with-keyring.sh PROGRAM ARGS… — runs a test on a private D-Bus session with its own
# gnome-keyring (Secret Service), in a throw-away HOME, so the real keyring is never touched.
# SPDX-License-Identifier: LGPL-2.1-or-later
set -eu
if ! command -v dbus-run-session >/dev/null || ! command -v gnome-keyring-daemon >/dev/null; then
  echo "1..0 # SKIP dbus-run-session or gnome-keyring-daemon missing"
  exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -m 0700 "$tmp/runtime"
export HOME="$tmp" XDG_DATA_HOME="$tmp/data" XDG_RUNTIME_DIR="$tmp/runtime"
exec dbus-run-session -- sh -c '
  printf "test" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  "$@"' sh "$@"
