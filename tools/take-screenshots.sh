#!/bin/sh
# take-screenshots.sh — a PNG of every page of the desktop app, in Vietnamese and English, taken
# under Xvfb from a synthetic card (valid today) whose holder is the person of the shared real.mov,
# into docs/screenshots/{vi,en}/.
#   tools/take-screenshots.sh [BUILD-DIR]      (default: build; run `ninja -C build` first)
# The selfie page shows the liveness challenges on the shared real.mov (EKYC_LIVENESS_SEED picks
# challenges the person in it performs: smile, turn right, turn left); the result page is that
# live selfie against the card. Two more verifications with a still selfie (of this card and of a
# second one) are saved as REVIEW cases, for the case list and the supervisor's review queue.
# SPDX-License-Identifier: LGPL-2.1-or-later
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
shared=${EKYC_SHARED_DATA:-$root/../shared/data}
work=$(mktemp -d "${TMPDIR:-/tmp}/ekyc-shots-XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM

video="$shared/liveness/replay-video/real.mov"
# The card holder is the person of real.mov (a face cut from its first frame), so that the
# live selfie on that video matches the card; the card has not expired today.
mkdir -p "$work/faces"
gst-launch-1.0 -q filesrc location="$video" ! decodebin ! videoconvert \
  ! videocrop left=270 right=290 top=120 bottom=20 ! jpegenc snapshot=true quality=95 \
  ! filesink location="$work/faces/real-mov.jpg"
"$build/tools/synth-cards/ekyc-synth-cards" --out "$work/cards" --count 1 --difficulty clean \
  --layout cccd-2021 --seed 2026 --faces "$work/faces" --valid-on "$(date +%F)" > /dev/null
selfie="$work/faces/real-mov.jpg"
# A second factory card (another holder, from the shared LFW faces): its verification with a
# still selfie is one of the REVIEW cases in the supervisor's queue.
"$build/tools/synth-cards/ekyc-synth-cards" --out "$work/cards2" --count 1 --difficulty clean \
  --layout cancuoc-2024 --seed 7 --faces "$shared/faces/lfw" --valid-on "$(date +%F)" > /dev/null
portrait2=$(sed -n 's/.*"portrait_source" *: *"\([^"]*\)".*/\1/p' "$work/cards2/0000.json")

for lang in vi en; do
  out="$root/docs/screenshots/$lang"
  mkdir -p "$out"
  LANGUAGE=$lang LC_ALL=C.UTF-8 EKYC_LOCALEDIR="$build/po" EKYC_LIVENESS_SEED=${EKYC_LIVENESS_SEED:-85} \
  GSETTINGS_SCHEMA_DIR="$build/data" EKYC_MODEL_DIR="$build/data" \
    "$root/tests/ui/xvfb-wrapper.sh" "$build/tests/ui/ekyc-screenshots" "$out" \
    "$work/cards/0000-front.jpg" "$work/cards/0000-back.jpg" "$selfie" \
    "$video" \
    "$work/cards2/0000-front.jpg" "$work/cards2/0000-back.jpg" "$shared/faces/lfw/$portrait2"
done
