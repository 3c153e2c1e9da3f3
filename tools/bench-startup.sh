#!/bin/sh
# bench-startup.sh — time from launching the app to the first painted frame with the preview,
# under Xvfb, with a still image as the source. Five runs.
#   tools/bench-startup.sh [BUILD-DIR] [SOURCE]
# SPDX-License-Identifier: LGPL-2.1-or-later
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
source=${2:-$root/../shared/data/faces/lfw/Phil_Jackson/Phil_Jackson_0001.jpg}
cat > "${TMPDIR:-/tmp}/ekyc-bench-run.sh" <<EOS
#!/bin/sh
for i in 1 2 3 4 5; do
  EKYC_BENCH_T0_US=\$((\$(date +%s%N) / 1000)) "$build/tests/ui/bench-startup" --source "$source"
done
EOS
chmod +x "${TMPDIR:-/tmp}/ekyc-bench-run.sh"
GSETTINGS_SCHEMA_DIR="$build/data" EKYC_MODEL_DIR="$build/data" \
  "$root/tests/ui/xvfb-wrapper.sh" "${TMPDIR:-/tmp}/ekyc-bench-run.sh"
