#!/bin/sh
# check-potfiles.sh — po/POTFILES.in must list every source file with a translatable string
# (`_(`, `N_(`, `C_(` or translatable="yes"), and nothing that does not exist.
# SPDX-License-Identifier: LGPL-2.1-or-later
set -eu
cd "$1"
listed=$(mktemp) found=$(mktemp)
trap 'rm -f "$listed" "$found"' EXIT
grep -v '^#' po/POTFILES.in | sed '/^$/d' | sort -u > "$listed"
git ls-files -co --exclude-standard -- app ui data engine server tools 2>/dev/null \
  | grep -E '\.(c|ui|xml|in)$' \
  | while read -r f; do
      [ -f "$f" ] || continue
      if grep -qE '(^|[^A-Za-z0-9_])(N_|C_|NC_|_)\(|translatable="yes"' "$f"; then echo "$f"; fi
    done | grep -v -e '\.gresource\.xml$' -e '/tests\?/' | sort -u > "$found"
status=0
missing=$(comm -13 "$listed" "$found")
if [ -n "$missing" ]; then
  echo "# po/POTFILES.in lacks files with translatable strings:"; echo "$missing" | sed 's/^/#   /'
  status=1
fi
for f in $(cat "$listed"); do
  if [ ! -f "$f" ]; then echo "# po/POTFILES.in lists a missing file: $f"; status=1; fi
done
if [ $status = 0 ]; then echo "1..1"; echo "ok 1 POTFILES.in lists every translatable file"
else echo "1..1"; echo "not ok 1 POTFILES.in is out of date"; fi
exit $status
