#!/usr/bin/env bash
# Serve benchmark: how long `coverguide serve` takes to rebuild after a
# one-service edit, on a synthetic catalog of 56 jurisdictions x K services.
#
#   bash bench/serve-rebuild.sh [--per-state K] [--seed S] [--edits E] [--work DIR] [--results FILE]
#
# Defaults: K=200 (11,200 services), S=20250101, E=9, DIR=target/bench-serve,
# FILE=bench/RESULTS-serve.md. Needs python3 and a release build (cargo bench
# makes it).
#
# The catalog from bench/gen_catalog.py uses billing modifiers that a state
# must declare (see docs/catalog-format.md, "state modifier");
# bench/declare_modifiers.py adds the declarations, marked illustrative, so
# the catalog validates. benches/serve_rebuild.rs then builds it with the
# serve engine, edits one service E times (a different state each time),
# times each rebuild, and checks that the result equals a full build.
# A benchmark, not a test: nothing here fails on a slow machine.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

PER_STATE=200
SEED=20250101
EDITS=9
WORK=target/bench-serve
RESULTS=bench/RESULTS-serve.md
while [[ $# -gt 0 ]]; do
  case "$1" in
    --per-state) PER_STATE="$2"; shift 2 ;;
    --seed) SEED="$2"; shift 2 ;;
    --edits) EDITS="$2"; shift 2 ;;
    --work) WORK="$2"; shift 2 ;;
    --results) RESULTS="$2"; shift 2 ;;
    *) echo "usage: bash bench/serve-rebuild.sh [--per-state K] [--seed S] [--edits E] [--work DIR] [--results FILE]" >&2; exit 2 ;;
  esac
done

step() { printf '\n==> %s\n' "$*" >&2; }
mkdir -p "$WORK"

step "generate 56 x $PER_STATE services (seed $SEED)"
python3 bench/gen_catalog.py --per-state "$PER_STATE" --seed "$SEED" --force "$WORK/catalog" >&2
python3 bench/declare_modifiers.py "$WORK/catalog"

step "cargo bench --bench serve_rebuild ($EDITS edits)"
out=$(cargo bench --quiet --bench serve_rebuild -- "$WORK/catalog" "$EDITS")
echo "$out" >&2
val() { echo "$out" | awk -v k="$1" '$1 == k {$1 = ""; sub(/^ /, ""); print}'; }

COMMIT=$(git rev-parse --short HEAD)
DIRTY=$(git diff --quiet && git diff --cached --quiet || echo " (with uncommitted changes)")
CPU=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')
NPROC=$(nproc)
LOADAVG=$(cut -d' ' -f1-3 /proc/loadavg)

cat > "$RESULTS" <<EOT
# Serve rebuild benchmark results

Measured by \`bash bench/serve-rebuild.sh --per-state $PER_STATE --seed $SEED --edits $EDITS\` on commit
\`$COMMIT\`$DIRTY: a synthetic catalog of 56 jurisdictions x $PER_STATE services ($((56 * PER_STATE)) services)
from \`bench/gen_catalog.py\` (modifiers declared by \`bench/declare_modifiers.py\`), built in release mode.
Machine: $CPU, $NPROC cores visible, shared with other builds while this ran (load average
$LOADAVG over the last 1, 5 and 15 minutes when it finished).

| Measure | Result | Goal (issue #6) |
|---|---|---|
| Rebuild after a one-service edit, until the new pages are served | median $(val rebuild_median_ms) ms over $EDITS edits (each: $(val rebuild_all_ms) ms) | under 100 ms |
| Served site after the edits equals a full build, byte for byte | $(val identical_to_full_build) | yes |

## Details

- First build in serve (every page, every file parsed): $(val first_build_ms) ms, $(val pages_total) pages.
- Per rebuild, medians: load (re-read the edited file, no walk) $(val stage_load_median_ms) ms,
  validate (the edited state, the national folder, catalog-wide ids) $(val stage_validate_median_ms) ms,
  render $(val stage_render_median_ms) ms (the edited state's pages but those of its unchanged services, the
  national pages, and the national code pages of the edited service's codes: $(val pages_rendered_median)
  pages whose view changed rendered, $(val pages_kept_median) whose view did not kept; of the rendered pages'
  parts, a printable guide's sections and a national code page's rows of one state, $(val parts_rendered_median)
  rendered and $(val parts_kept_median) kept), merge into the served site $(val stage_merge_median_ms) ms.
- The downloads, search data, side-by-side comparison data and sitemap (made from the whole catalog) are
  made on a worker thread after the new pages are served; a request for one waits for them:
  $(val data_files_ms) ms. The site is served at \`http://127.0.0.1:1111/\`, as \`coverguide serve\` does, so it
  has a sitemap.
- For comparison, a full in-memory render of the same catalog (load, validate, every page, every file):
  $(val full_render_ms) ms.

Each edit:

\`\`\`
$(echo "$out" | grep '^edit ')
\`\`\`
EOT
echo "wrote $RESULTS" >&2
