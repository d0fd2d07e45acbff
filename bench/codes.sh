#!/usr/bin/env bash
# What code-set validation costs: time added to `check` and `build` of the
# sample catalog, and the size of the shipped data in the repository and in
# the binary. Compares release binaries of a base commit (before code sets)
# and of the working tree.
#
#   bash bench/codes.sh [BASE_COMMIT] [RUNS]      # defaults: 67715da, 30
#
# Builds both binaries with the shared target folder (only coverguide itself
# recompiles), then runs each command RUNS times on the base commit's sample
# catalog, alternating binaries, and prints median and mean wall time. Paste
# the output into bench/RESULTS-codes.md.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
BASE="${1:-67715da}"
RUNS="${2:-30}"
ROOT="$PWD"
OUT="$ROOT/target/bench"
mkdir -p "$OUT"

tree="$(mktemp -d)"
trap 'git -C "$ROOT" worktree remove --force "$tree/base" >/dev/null 2>&1 || true; rm -rf "$tree"' EXIT
git worktree add --detach "$tree/base" "$BASE" >/dev/null
(cd "$tree/base" && CARGO_TARGET_DIR="$ROOT/target" cargo build --release --quiet)
cp "$ROOT/target/release/coverguide" "$OUT/coverguide-base"
cargo build --release --quiet
cp "$ROOT/target/release/coverguide" "$OUT/coverguide-head"

# Both binaries read the base commit's sample catalog (the base binary cannot
# read fields added since), so the difference is the cost of the checks.
python3 - "$OUT" "$RUNS" "$tree/base/catalog" <<'PY'
import os, statistics, subprocess, sys, tempfile, time
out, runs, catalog = sys.argv[1], int(sys.argv[2]), sys.argv[3]
bins = {"base": f"{out}/coverguide-base", "head": f"{out}/coverguide-head"}
site = tempfile.mkdtemp()
cmds = {
    "check": lambda b: [b, "check", "--catalog", catalog],
    "build": lambda b: [b, "build", "--catalog", catalog, "--out", f"{site}/out"],
}
print(f"runs per command: {runs}, CPU cores: {os.cpu_count()}")
for name, cmd in cmds.items():
    times = {k: [] for k in bins}
    for _ in range(runs):
        for k, b in bins.items():
            t = time.perf_counter()
            subprocess.run(cmd(b), check=True, stdout=subprocess.DEVNULL)
            times[k].append((time.perf_counter() - t) * 1000)
    for k in bins:
        v = times[k]
        print(f"{name:5} {k}: median {statistics.median(v):7.1f} ms  mean {statistics.mean(v):7.1f} ms  min {min(v):7.1f} ms")
    print(f"{name:5} added: median {statistics.median(times['head']) - statistics.median(times['base']):+.1f} ms")
for k, b in bins.items():
    print(f"binary {k}: {os.path.getsize(b):,} bytes")
print(f"binary growth: {os.path.getsize(bins['head']) - os.path.getsize(bins['base']):+,} bytes")
PY
for f in data/icd10cm/*.tsv.gz data/pos.tsv data/modifiers.tsv; do
  printf 'repo %s: %s bytes\n' "$f" "$(wc -c < "$f" | tr -d ' ')"
done
printf 'uncompressed ICD-10-CM table: %s bytes\n' "$(gzip -dc data/icd10cm/*.tsv.gz | wc -c | tr -d ' ')"
