#!/usr/bin/env bash
# Builds the fuzz corpus from every fixture catalog and the sample catalog:
# one input per catalog (all its files, each after a `#file: <path>` line),
# plus one input per file, so the fuzzer starts from real, valid shapes.
# Writes fuzz/corpus/catalog/ (not committed); fuzz/seeds/catalog/ holds the
# small committed seeds.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
out=fuzz/corpus/catalog
mkdir -p "$out"
n=0
for cat in catalog tests/fixtures/*/catalog; do
  [[ -d $cat ]] || continue
  name=$(echo "$cat" | tr '/' '_')
  whole="$out/whole_$name"
  : > "$whole"
  while IFS= read -r -d '' f; do
    rel=${f#"$cat"/}
    # Skip files the fixtures generate at test time or that are huge.
    [[ $(stat -c %s "$f") -le 65536 ]] || continue
    { printf '#file: %s\n' "$rel"; cat "$f"; printf '\n'; } >> "$whole"
    { printf '#file: %s\n' "$rel"; cat "$f"; } > "$out/file_${name}_$(echo "$rel" | tr '/' '_')"
    n=$((n + 1))
  done < <(find "$cat" -type f -print0 | sort -z)
done
echo "fuzz corpus: $(ls "$out" | wc -l) inputs from $n files in $out"
