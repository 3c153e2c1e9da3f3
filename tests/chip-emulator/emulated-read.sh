#!/bin/sh
# emulated-read.sh — one `ekyc-cli read-chip` against the chip emulator through a private pcscd,
# by hand or for BENCHMARKS.md (the test is test-chip-e2e). Needs root or user namespaces.
#   tests/chip-emulator/emulated-read.sh BUILD_DIR CHIP_DIR [read-chip options…]
# CHIP_DIR comes from `BUILD_DIR/tests/chip/make-test-chip --no-pace CHIP_DIR` (BAC only).
# SPDX-License-Identifier: LGPL-2.1-or-later
set -eu
build=$(realpath "$1"); chip=$(realpath "$2"); shift 2
work=$(mktemp -d /tmp/ekyc-emulated-read-XXXXXX)
port=$((36000 + $$ % 1000))
mkdir "$work/run" "$work/conf"
printf 'FRIENDLYNAME "Virtual PCD"\nDEVICENAME /dev/null:0x%04X\nLIBPATH /usr/lib/pcsc/drivers/serial/libifdvpcd.so\nCHANNELID 0x%04X\n' \
  "$port" "$port" > "$work/conf/vpcd"
if [ "$(id -u)" = 0 ]; then ns="--mount --propagation private"; else ns="--user --map-root-user --mount"; fi
# shellcheck disable=SC2086
unshare $ns sh -c "mkdir -p /run/pcscd && mount --bind '$work/run' /run/pcscd && exec pcscd -f -c '$work/conf'" \
  > "$work/pcscd.log" 2>&1 &
pcscd_pid=$!
"$build/tests/chip-emulator/chip-emulator" --files "$chip" --port "$port" > /dev/null &
emulator_pid=$!
trap 'kill $emulator_pid $pcscd_pid 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT
while [ ! -S "$work/run/pcscd.comm" ]; do sleep 0.1; done
PCSCLITE_CSOCK_NAME="$work/run/pcscd.comm" "$build/engine/cli/ekyc-cli" read-chip \
  --mrz-key "$(cat "$chip/mrz-key.txt")" --trust-dir "$chip/trust" "$@"
