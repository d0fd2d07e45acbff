#!/usr/bin/env bash
# Build speed and memory: coverguide against Hugo on the same synthetic catalog.
#
#   bash bench/run.sh [--sizes "1000 10000 50000"] [--runs R] [--runs-50k R]
#                     [--sample-runs R] [--seed S] [--work DIR] [--results FILE]
#
# For each N (services over the 56 jurisdictions), in one run on one machine:
#   - bench/gen_catalog.py writes coverguide's catalog, and the shared
#     gen_corpus.py (GEN_CORPUS, default ../shared/bench/gen_corpus.py) writes
#     the same services as a Hugo site (bench/check_same_as_corpus.py proves
#     the two carry the same titles, text and codes);
#   - bench/hugo_same_pages.py makes a copy of that Hugo site build the page
#     families coverguide builds (code pages, printable guides, downloads,
#     search data), so Hugo is also timed on the same work;
#   - `coverguide build` (release, search data and minification: the default),
#     `hugo --minify` on both Hugo sites and the floor, `cp -r` of coverguide's
#     output folder, are each run R times, interleaved so all see the same
#     machine load, after one warm-up run each; every run writes into a fresh
#     folder;
#   - reports the median wall time, the median peak memory (/usr/bin/time %M)
#     and the output size (bytes summed over files, and file count);
#   - and the floor under a build on this machine, timed in the same loop:
#     `coverguide check` (reading, parsing and validating the catalog, with
#     nothing rendered) plus the write floor (benches/write_floor.rs: writing
#     coverguide's output files from memory on every core). A build cannot
#     take less than their sum, however fast it renders.
# Then the sample catalog's build time (median of --sample-runs).
# Writes the table, machine details, load averages and commands to
# bench/RESULTS.md (or --results FILE) and prints it.
#
# Needs python3, GNU time (/usr/bin/time) and Hugo (Debian's `hugo` package;
# installed here with apt-get if missing and running as root).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

SIZES="1000 10000 50000"
RUNS=5
RUNS_50K=""
SAMPLE_RUNS=10
SEED=20250101
WORK=""
RESULTS=bench/RESULTS.md
GEN_CORPUS=${GEN_CORPUS:-../shared/bench/gen_corpus.py}
while (($#)); do
  case "$1" in
    --sizes) SIZES="$2"; shift 2 ;;
    --runs) RUNS="$2"; shift 2 ;;
    --runs-50k) RUNS_50K="$2"; shift 2 ;;
    --sample-runs) SAMPLE_RUNS="$2"; shift 2 ;;
    --seed) SEED="$2"; shift 2 ;;
    --work) WORK="$2"; shift 2 ;;
    --results) RESULTS="$2"; shift 2 ;;
    *) sed -n '2,5p' "$0" >&2; exit 2 ;;
  esac
done
RUNS_50K=${RUNS_50K:-$RUNS}

if ! command -v hugo >/dev/null; then
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
    echo "installing Hugo: apt-get install -y hugo" >&2
    apt-get install -y hugo >&2
  else
    echo "bench/run.sh needs Hugo: sudo apt-get install -y hugo (Debian's package)" >&2
    exit 2
  fi
fi
[[ -x /usr/bin/time ]] || { echo "bench/run.sh needs GNU time: apt-get install -y time" >&2; exit 2; }
[[ -f $GEN_CORPUS ]] || { echo "gen_corpus.py not found at $GEN_CORPUS (set GEN_CORPUS)" >&2; exit 2; }

cargo build --release --quiet
BIN=$PWD/target/release/coverguide
WFLOOR=$(cargo bench --bench write_floor --no-run --message-format=json 2>/dev/null | python3 -c '
import json, sys
for m in map(json.loads, sys.stdin):
    if m.get("reason") == "compiler-artifact" and m["target"]["name"] == "write_floor" and m.get("executable"):
        print(m["executable"])' | tail -1)
[[ -x $WFLOOR ]] || { echo "bench/run.sh: could not build benches/write_floor.rs" >&2; exit 2; }
if [[ -z $WORK ]]; then
  WORK=$(mktemp -d)
  trap 'rm -rf "$WORK"' EXIT
fi
mkdir -p "$WORK"

# run LABEL CMD...: one timed run; appends "seconds kib" to $WORK/LABEL.
run() {
  local label=$1 t0 t1
  shift
  # Flush the previous command's dirty pages first, so no run pays for the
  # writeback of another's output (on this VM's disk that swung cp -r of the
  # same folder between 1.3 s and 15 s).
  sync
  t0=$(date +%s%N)
  /usr/bin/time -f %M -o "$WORK/mem" "$@" >/dev/null 2>"$WORK/err" || { cat "$WORK/err" >&2; exit 1; }
  t1=$(date +%s%N)
  echo "$(((t1 - t0) / 1000000)) $(tail -1 "$WORK/mem")" >>"$WORK/$label"
}
median() { # column file -> median of that column
  awk -v c="$1" '{print $c}' "$2" | sort -n | awk '{a[NR]=$1} END {
    print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2 }'
}
size() { # folder -> "bytes files"
  find "$1" -type f -printf '%s\n' | awk '{ s += $1; n++ } END { print s, n }'
}
secs() { awk -v ms="$1" 'BEGIN { printf "%.2f", ms / 1000 }'; }
mib() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

load_start=$(cut -d' ' -f1-3 /proc/loadavg)
rows=""
floors=""
declare -A CG_MS CG_KB
for n in $SIZES; do
  runs=$RUNS
  ((n >= 50000)) && runs=$RUNS_50K
  echo "N=$n: generating inputs" >&2
  python3 bench/gen_catalog.py "$n" "$WORK/cat-$n" --seed "$SEED" --force >/dev/null
  rm -rf "$WORK/corpus-$n"
  python3 "$GEN_CORPUS" "$n" "$WORK/corpus-$n" --seed "$SEED" --formats hugo >/dev/null
  cp -r "$WORK/corpus-$n/hugo" "$WORK/corpus-$n/hugo-same"
  python3 bench/hugo_same_pages.py "$WORK/corpus-$n/hugo-same"
  rm -f "$WORK"/{cg,hugo,same,cp,check,wfloor}-"$n"
  cg() { rm -rf "$WORK/out-cg"; run "cg-$n" "$BIN" build --catalog "$WORK/cat-$n" --out "$WORK/out-cg"; }
  hg() { rm -rf "$WORK/out-hugo"; run "hugo-$n" hugo --minify --quiet -s "$WORK/corpus-$n/hugo" -d "$WORK/out-hugo"; }
  hs() { rm -rf "$WORK/out-same"; run "same-$n" hugo --minify --quiet -s "$WORK/corpus-$n/hugo-same" -d "$WORK/out-same"; }
  cpr() { rm -rf "$WORK/out-cp"; run "cp-$n" cp -r "$WORK/out-cg" "$WORK/out-cp"; }
  chk() { run "check-$n" "$BIN" check --catalog "$WORK/cat-$n"; }
  wfl() { # its own timing: the writing only, not the reading before it
    rm -rf "$WORK/out-wf"
    sync
    "$WFLOOR" "$WORK/out-cg" "$WORK/out-wf" | awk '{ printf "%d 0\n", $1 * 1000 }' >>"$WORK/wfloor-$n"
  }
  echo "N=$n: warm-up, then $runs runs each (load $(cut -d' ' -f1-3 /proc/loadavg))" >&2
  cg; hg; hs; cpr; chk; wfl
  rm -f "$WORK"/{cg,hugo,same,cp,check,wfloor}-"$n"
  for ((i = 0; i < runs; i++)); do cg; hg; hs; cpr; chk; wfl; done
  read -r cg_bytes cg_files <<<"$(size "$WORK/out-cg")"
  read -r hugo_bytes hugo_files <<<"$(size "$WORK/out-hugo")"
  read -r same_bytes same_files <<<"$(size "$WORK/out-same")"
  CG_MS[$n]=$(median 1 "$WORK/cg-$n")
  CG_KB[$n]=$(median 2 "$WORK/cg-$n")
  hugo_ms=$(median 1 "$WORK/hugo-$n")
  same_ms=$(median 1 "$WORK/same-$n")
  cp_ms=$(median 1 "$WORK/cp-$n")
  check_ms=$(median 1 "$WORK/check-$n")
  wfloor_ms=$(median 1 "$WORK/wfloor-$n")
  # Medians of an even count end in .5: summed by awk, not by the shell.
  sum_ms=$(awk -v a="$check_ms" -v b="$wfloor_ms" 'BEGIN { print a + b }')
  floors+="| $n | $(secs "$check_ms") | $(secs "$wfloor_ms") | $(secs "$sum_ms") "
  floors+="| $(secs "$cp_ms") | $(ratio "$sum_ms" "$cp_ms")x | $(ratio "${CG_MS[$n]}" "$cp_ms")x |"$'\n'
  rows+="| $n | $runs | $(secs "${CG_MS[$n]}") | $(mib "${CG_KB[$n]}") | $cg_bytes ($cg_files files) "
  rows+="| $(secs "$hugo_ms") | $(mib "$(median 2 "$WORK/hugo-$n")") | $hugo_bytes ($hugo_files files) "
  rows+="| $(secs "$same_ms") | $(mib "$(median 2 "$WORK/same-$n")") | $same_bytes ($same_files files) "
  rows+="| $(secs "$cp_ms") | $(ratio "$hugo_ms" "${CG_MS[$n]}")x | $(ratio "$same_ms" "${CG_MS[$n]}")x "
  rows+="| $(ratio "${CG_MS[$n]}" "$cp_ms")x |"$'\n'
  echo "N=$n: coverguide $(secs "${CG_MS[$n]}") s, hugo $(secs "$hugo_ms") s, hugo same pages $(secs "$same_ms") s, cp -r $(secs "$cp_ms") s" >&2
  rm -rf "$WORK/out-cg" "$WORK/out-hugo" "$WORK/out-same" "$WORK/out-cp" "$WORK/out-wf" "$WORK/cat-$n" "$WORK/corpus-$n"
done

echo "sample catalog: $SAMPLE_RUNS runs" >&2
rm -f "$WORK/sample"
for ((i = 0; i < SAMPLE_RUNS; i++)); do
  rm -rf "$WORK/out-sample"
  run sample "$BIN" build --catalog catalog --out "$WORK/out-sample"
done
sample_ms=$(median 1 "$WORK/sample")
load_end=$(cut -d' ' -f1-3 /proc/loadavg)

scaling=""
if [[ -n ${CG_MS[10000]:-} && -n ${CG_MS[50000]:-} ]]; then
  scaling="- N=50,000 against N=10,000: $(ratio "${CG_MS[50000]}" "${CG_MS[10000]}")x the time (target at most 5.5x); peak memory $(mib "${CG_KB[50000]}") MiB (target under 300 MB)."
fi
commit=$(git rev-parse --short HEAD)
git diff --quiet HEAD -- src themes Cargo.toml Cargo.lock || commit+=" (with uncommitted changes)"

{
  cat <<EOF
# Build speed and memory: coverguide and Hugo

Measured by \`bash bench/run.sh --sizes "$SIZES" --runs $RUNS --runs-50k $RUNS_50K --sample-runs $SAMPLE_RUNS --seed $SEED\`
on commit $commit, $(date -u '+%Y-%m-%d %H:%M UTC').

Machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(nproc) CPUs visible,
$(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo) RAM, $(uname -sr), $(df -T "$WORK" | awk 'NR==2 {print $2}') file system for the work folder.
Load average (1, 5, 15 min) at the start: $load_start; at the end: $load_end. The machine is shared, so the
absolute times carry the other work's noise; the three commands of each size are interleaved run by run, so
they see the same load.

Tools: $("$BIN" --version), $(hugo version | cut -d' ' -f1-2), $(cp --version | head -1).

| N services | runs | coverguide s | coverguide MiB | coverguide output | hugo --minify s | hugo MiB | hugo output | hugo, same pages s | MiB | output | cp -r s | hugo / coverguide | hugo same pages / coverguide | coverguide / cp -r |
|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|
${rows}
Times are medians of wall time; MiB is the median peak resident memory (\`/usr/bin/time -f %M\`); output is
bytes summed over the files written. The sample catalog (\`catalog/\`) builds in $(secs "$sample_ms") s
(median of $SAMPLE_RUNS, target under 0.5 s).
$scaling

The floor under a build, timed in the same loop (medians): \`coverguide check\` reads, parses and validates
the catalog and renders nothing; the write floor (\`benches/write_floor.rs\`) writes coverguide's output files,
already in memory, on every core, as the write stage does. A build does both, so it cannot take less than
their sum however fast it renders; the last column is the build itself, for comparison.

| N services | check s | write floor s | sum s | cp -r s | sum / cp -r | coverguide / cp -r |
|---|---|---|---|---|---|---|
${floors}
Commands, per N (each run into a fresh, removed folder):

\`\`\`sh
python3 bench/gen_catalog.py N cat --seed $SEED
python3 $GEN_CORPUS N corpus --seed $SEED --formats hugo
cp -r corpus/hugo corpus/hugo-same && python3 bench/hugo_same_pages.py corpus/hugo-same
target/release/coverguide build --catalog cat --out out-cg
hugo --minify --quiet -s corpus/hugo -d out-hugo
hugo --minify --quiet -s corpus/hugo-same -d out-same
cp -r out-cg out-cp
target/release/coverguide check --catalog cat
cargo bench --bench write_floor -- out-cg out-wf
\`\`\`

coverguide builds more than Hugo from the same services: besides one page per service, each state's
home, services list, codes pages (one per billing code a state uses), sources, search pages and search
data, the comparison pages and the CSV and JSON downloads. The Hugo site gen_corpus.py writes builds one page
per service, one per jurisdiction and the home page; \`bench/hugo_same_pages.py\` makes a copy of it build, with
Hugo's own means, the same page families as coverguide ("hugo, same pages"): a page per billing code
nationally and per jurisdiction (taxonomies), a printable guide per jurisdiction, JSON and CSV downloads and
search data per jurisdiction and for all (output formats). It leaves out coverguide's comparison, sources,
A-Z, crosswalk and guidance pages and the sitemap, which are small beside these.
EOF
} >"$WORK/results-table.md"

# Keep any hand-written sections below the generated part.
marker='<!-- end of bench/run.sh output -->'
{
  cat "$WORK/results-table.md"
  echo
  echo "$marker"
  if [[ -f $RESULTS ]] && grep -qF "$marker" "$RESULTS"; then
    # Everything after the marker line (compared as a string: it holds a `/`).
    awk -v m="$marker" 'found { print } $0 == m { found = 1 }' "$RESULTS"
  fi
} >"$RESULTS.new"
mv "$RESULTS.new" "$RESULTS"
cat "$WORK/results-table.md"
