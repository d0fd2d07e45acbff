#!/usr/bin/env bash
# Vendors MiniSearch's browser build into the default theme.
#
#   tools/update-minisearch.sh [VERSION]     (default: the version pinned below)
#
# Downloads the package tarball from the npm registry with `npm pack` (no
# install, no dependencies: MiniSearch has none), checks it against the
# registry's integrity hash, and copies two files:
#
#   dist/umd/index.js -> themes/default/static/minisearch/minisearch.js
#   LICENSE.txt       -> themes/default/static/minisearch/LICENSE.txt
#
# The build file is copied byte for byte except its last line, the
# `//# sourceMappingURL=` comment, which names a map we do not ship. To update:
# run with the new version, update PINNED below and the version in
# ARCHITECTURE.md, rebuild, and run `cargo test` (the browser tests exercise
# the search pages) before committing.
set -euo pipefail

PINNED=7.2.0
VERSION="${1:-$PINNED}"
cd "$(dirname "${BASH_SOURCE[0]}")/.."
DEST=themes/default/static/minisearch

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

expected="$(npm view "minisearch@$VERSION" dist.integrity)"
(cd "$work" && npm pack --silent "minisearch@$VERSION" >/dev/null)
tarball="$work/minisearch-$VERSION.tgz"
actual="sha512-$(openssl dgst -sha512 -binary "$tarball" | base64 -w0)"
if [[ "$actual" != "$expected" ]]; then
  echo "error: minisearch-$VERSION.tgz does not match the registry's integrity hash" >&2
  echo "  expected $expected" >&2
  echo "  got      $actual" >&2
  exit 1
fi
tar -xzf "$tarball" -C "$work"

mkdir -p "$DEST"
grep -v '^//# sourceMappingURL=' "$work/package/dist/umd/index.js" > "$DEST/minisearch.js"
cp "$work/package/LICENSE.txt" "$DEST/LICENSE.txt"
echo "vendored minisearch $VERSION ($expected) into $DEST"
sha256sum "$DEST/minisearch.js" "$DEST/LICENSE.txt"
