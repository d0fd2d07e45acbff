#!/usr/bin/env bash
# Search benchmark: builds a synthetic catalog of 56 jurisdictions x K
# services and measures what issue #3 sets targets for.
#
#   bash bench/search.sh [--per-state K] [--seed S] [--runs R] [--work DIR] [--results FILE]
#
# Defaults: K=200, S=20250101, R=5, DIR=target/bench-search,
# FILE=bench/RESULTS-search.md. Needs a release build (made here), python3,
# node, Chromium and `npm ci --prefix tests/browser` (as for the tests).
#
# Reports, and writes to FILE:
#   - per-state search data, gzip -9 (target: at most 60 KB);
#   - national search payload before the first result, gzip -9 (at most 300 KB);
#   - keystroke to rendered results in headless Chromium, median of 20
#     queries (at most 50 ms);
#   - the search index's share of build time (under 5%).
# A benchmark, not a test: nothing here fails on a slow machine.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

PER_STATE=200
SEED=20250101
RUNS=5
WORK=target/bench-search
RESULTS=bench/RESULTS-search.md
while [[ $# -gt 0 ]]; do
  case "$1" in
    --per-state) PER_STATE="$2"; shift 2 ;;
    --seed) SEED="$2"; shift 2 ;;
    --runs) RUNS="$2"; shift 2 ;;
    --work) WORK="$2"; shift 2 ;;
    --results) RESULTS="$2"; shift 2 ;;
    *) echo "usage: bash bench/search.sh [--per-state K] [--seed S] [--runs R] [--work DIR] [--results FILE]" >&2; exit 2 ;;
  esac
done

step() { printf '\n==> %s\n' "$*" >&2; }
mkdir -p "$WORK"

step "cargo build --release"
cargo build --release --quiet
BIN=target/release/coverguide

step "generate 56 x $PER_STATE services (seed $SEED)"
python3 bench/gen_catalog.py --per-state "$PER_STATE" --seed "$SEED" --force "$WORK/catalog" >&2

step "coverguide build, $RUNS runs"
build_times=()
for ((i = 0; i < RUNS; i++)); do
  start=$(date +%s.%N)
  "$BIN" build --catalog "$WORK/catalog" --out "$WORK/site" >&2
  end=$(date +%s.%N)
  build_times+=("$(echo "$end - $start" | bc)")
done
BUILD_MEDIAN=$(printf '%s\n' "${build_times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.2f", a[int((NR+1)/2)]}')
BUILD_ALL=$(printf '%.2f ' "${build_times[@]}")

step "search data sizes (gzip -9)"
gz() { gzip -9 -c "$1" | wc -c; }
state_sizes=$(for f in "$WORK"/site/search/??.js; do gz "$f"; done | sort -n)
STATE_FILES=$(echo "$state_sizes" | wc -l)
STATE_MAX=$(echo "$state_sizes" | tail -1)
STATE_MEDIAN=$(echo "$state_sizes" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
STATE_RAW_MAX=$(for f in "$WORK"/site/search/??.js; do wc -c < "$f"; done | sort -n | tail -1)
DIRECTORY=$(gz "$WORK/site/search/directory.js")
PAGE=$(gz "$WORK/site/search/index.html")
CSS=$(gz "$WORK/site/static/style.css")
MINISEARCH=$(gz "$WORK/site/static/minisearch/minisearch.js")
SCRIPT=$(gz "$WORK/site/static/search.js")

step "index generation share (cargo bench --bench search_index, $RUNS runs)"
share=$(cargo bench --quiet --bench search_index -- "$WORK/catalog" "$RUNS")
echo "$share" >&2
val() { echo "$share" | awk -v k="$1" '$1 == k {print $2}'; }

step "headless Chromium (bench/search_latency.mjs)"
node bench/search_latency.mjs --site "$WORK/site" --out "$WORK/latency.json" > /dev/null
lat() { node -e "const r=require('./$WORK/latency.json'); console.log($1)"; }

kb() { echo "scale=1; $1 / 1024" | bc; }
COMMIT=$(git rev-parse --short HEAD)
DIRTY=$(git diff --quiet && git diff --cached --quiet || echo " (with uncommitted changes)")
CPU=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')
NPROC=$(nproc)

cat > "$RESULTS" <<EOF
# Search benchmark results

Measured by \`bash bench/search.sh --per-state $PER_STATE --seed $SEED --runs $RUNS\` on commit \`$COMMIT\`$DIRTY:
a synthetic catalog of 56 jurisdictions x $PER_STATE services ($((56 * PER_STATE)) services) from
\`bench/gen_catalog.py\`, built with the release binary. Machine: $CPU, $NPROC cores visible, shared
with other builds while this ran; Chromium $(lat 'r.chromium'). Sizes are gzip -9 of the files as written.

| Target (issue #3) | Measured | Goal |
|---|---|---|
| Search data per state, gzipped | largest $(kb "$STATE_MAX") KB, median $(kb "$STATE_MEDIAN") KB ($STATE_FILES files; largest $(kb "$STATE_RAW_MAX") KB before gzip) | at most 60 KB |
| National search payload before the first result, gzipped | median $(lat 'r.national_payload.before_first_kb.median') KB, largest $(lat 'r.national_payload.before_first_kb.max') KB over 20 queries | at most 300 KB |
| Keystroke to rendered results, state page (${PER_STATE} services) | median $(lat 'r.state.ms.median') ms (90th percentile $(lat 'r.state.ms.p90') ms, largest $(lat 'r.state.ms.max') ms) over 20 queries | at most 50 ms |
| Keystroke to rendered results, national page, states loaded | median $(lat 'r.national.ms.median') ms (90th percentile $(lat 'r.national.ms.p90') ms, largest $(lat 'r.national.ms.max') ms) over 20 queries, $(lat 'r.national.files_loaded') files loaded | at most 50 ms |
| Index generation share of build time | wall time: median $(val search_share_percent)% of each run's build (runs: $(val search_share_all)); the median search time, $(val search_seconds) s, is $(val search_share_of_fastest_percent)% of the fastest build, $(val build_fastest_seconds) s. CPU time: median $(val search_cpu_share_percent)% (runs: $(val search_cpu_share_all)), $(val search_cpu_seconds) s of $(val build_cpu_seconds) s | under 5% |

## Details

- \`coverguide build\` wall time, $RUNS runs: median ${BUILD_MEDIAN} s (all, in order: ${BUILD_ALL% }).
- In-process build (\`benches/search_index.rs\`, $(val runs) runs, medians, the disk flushed before each run):
  whole build $(val build_seconds) s: load and validate $(val load_seconds) s, render including search data
  $(val render_seconds) s, write (minify and write $((56 * PER_STATE)) pages and more) $(val write_seconds) s. The
  search stage alone, timed right after each build: $(val search_seconds) s for $(val search_files) files, of which
  building the documents and the directory $(val search_documents_seconds) s and writing them as scripts the rest.
  The write stage dominates and varies most with other work on the machine, which is why the share is taken
  per run, against the fastest build, and in CPU time (this process's user and system time, which other
  programs on the machine change far less than wall time).
- What a national search page loads before any state: the page $(kb "$PAGE") KB, style.css $(kb "$CSS") KB,
  minisearch.js $(kb "$MINISEARCH") KB, search.js $(kb "$SCRIPT") KB, search/directory.js $(kb "$DIRECTORY") KB.
  It then loads the state files the query's terms appear in (search/directory.js says which): one file until
  there are results to show, then three at a time, showing results as each arrives.
- Until a national query's results are complete: median $(lat 'r.national_payload.complete_kb.median') KB,
  largest $(lat 'r.national_payload.complete_kb.max') KB (a query such as \`school\` appears in every state).
- Keystroke latency is from the \`keydown\` of the query's last key to the first frame after the complete
  results for the whole query are in the page (\`requestAnimationFrame\` then a task).

### Per query

| Query | State page ms | National page ms | National KB before first result | National KB complete | State files loaded |
|---|---|---|---|---|---|
$(node -e "
const r = require('./$WORK/latency.json');
r.queries.forEach((q, i) => {
  const s = r.state.per_query[i], n = r.national.per_query[i], p = r.national_payload.per_query[i];
  console.log('| \`' + q + '\` | ' + s.ms.toFixed(1) + ' | ' + n.ms.toFixed(1) + ' | ' + p.before_first_kb + ' | ' + p.complete_kb + ' | ' + p.shards_loaded + ' |');
});")

To reproduce: \`npm ci --prefix tests/browser\` once, then \`bash bench/search.sh\`. The raw browser numbers are
in \`$WORK/latency.json\`.
EOF
step "wrote $RESULTS"
cat "$RESULTS"
