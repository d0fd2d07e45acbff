#!/usr/bin/env bash
# Build time of the sample catalog: one binary against another, release
# builds, repeated runs, alternating so both see the same machine load.
#
#   bench/build-time.sh BEFORE_BINARY [AFTER_BINARY] [RUNS] [CATALOG]
#
# AFTER_BINARY defaults to target/release/coverguide, RUNS to 30, CATALOG to
# catalog/. BEFORE_CATALOG (environment) gives the before binary its own copy
# of the catalog, for when the format gained a field the older binary
# refuses (e.g. `git archive <commit> catalog | tar -x -C DIR`). Prints the wall time of each binary (min, median, mean, in ms)
# and what it wrote (files, pages, bytes). Each run builds into a fresh
# folder under a temporary directory, minified, as users run it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

before=${1:?usage: bench/build-time.sh BEFORE_BINARY [AFTER_BINARY] [RUNS] [CATALOG]}
after=${2:-target/release/coverguide}
runs=${3:-30}
catalog=${4:-catalog}
before_catalog=${BEFORE_CATALOG:-$catalog}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

declare -A times
one() { # binary label i catalog
  local out="$tmp/$2-$3" t0 t1
  t0=$(date +%s%N)
  "$1" build --catalog "$4" --out "$out" >/dev/null
  t1=$(date +%s%N)
  times[$2]+="$(( (t1 - t0) / 1000 )) "
  [[ $3 == 0 ]] || rm -rf "$out"
}

# One warm-up run each (file cache), not counted.
"$before" build --catalog "$before_catalog" --out "$tmp/warm-before" >/dev/null
"$after" build --catalog "$catalog" --out "$tmp/warm-after" >/dev/null
for ((i = 0; i < runs; i++)); do
  one "$before" before "$i" "$before_catalog"
  one "$after" after "$i" "$catalog"
done

stats() { # microsecond samples -> "min median mean" in ms
  tr ' ' '\n' | sed '/^$/d' | sort -n | awk '{a[NR]=$1; s+=$1} END {
    m = (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2;
    printf "%.1f %.1f %.1f", a[1]/1000, m/1000, s/NR/1000 }'
}
size() { # folder -> "files pages bytes" (bytes: the files' sizes summed)
  printf '%s %s %s' "$(find "$1" -type f | wc -l)" "$(find "$1" -name '*.html' | wc -l)" \
    "$(find "$1" -type f -printf '%s\n' | awk '{ s += $1 } END { print s }')"
}

echo "catalog: $catalog (before: $before_catalog), runs: $runs each, $(nproc) CPUs"
printf '| binary | min ms | median ms | mean ms | files | pages | bytes |\n|---|---|---|---|---|---|---|\n'
for label in before after; do
  read -r mn md mean <<<"$(echo "${times[$label]}" | stats)"
  read -r files pages bytes <<<"$(size "$tmp/$label-0")"
  printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$label" "$mn" "$md" "$mean" "$files" "$pages" "$bytes"
done
