#!/bin/sh
# xvfb-wrapper.sh — runs a UI test on a private Xvfb display with private XDG folders and an
# in-memory settings backend, so tests never touch the user's session or settings.
# SPDX-License-Identifier: LGPL-2.1-or-later
set -eu
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ekyc-ui-test-XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
export XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config" XDG_CACHE_HOME="$tmp/cache"
export XDG_RUNTIME_DIR="$tmp/runtime"
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
# A fresh case store per run, its key in a file beside it (no Secret Service here).
export EKYC_STORE_PATH="$tmp/data/cases.db" EKYC_STORE_NO_KEYRING=1
export GSETTINGS_BACKEND=memory GSK_RENDERER="${GSK_RENDERER:-cairo}" NO_AT_BRIDGE=1 GTK_A11Y=none
unset DISPLAY WAYLAND_DISPLAY
exec dbus-run-session -- xvfb-run -a -s "-screen 0 1280x1024x24 -nolisten tcp" "$@"
