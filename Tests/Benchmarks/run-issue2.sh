#!/usr/bin/env bash
# Measures the figures of issue 2 (indexing time, peak memory and size; query latency; the time of one
# `fundstelle search` process; analysis throughput) and prints them as a table at the end.
#
# Usage: Tests/Benchmarks/run-issue2.sh [--full] [--runs N] [--keep] [--no-install]
#   --full        also the full federal-law dump (~111,000 pages; takes several minutes more)
#   --runs N      timed passes over the query set (default 3)
#   --keep        keep the temporary folder (indexes, query files, logs) and print its path
#   --no-install  do not try `apt-get install hyperfine` when it is missing
# Environment: FUNDSTELLE_BENCH_DUMP_SOCIAL, FUNDSTELLE_BENCH_DUMP_FULL (where the page dumps are
# made and reused; default /tmp/fundstelle-bench-dump-social and -full), FUNDSTELLE_BENCH_TMP
# (parent of the temporary folder, default /tmp).
# Exit code: non-zero when a build fails or a check fails (a query set where fewer than 95 % of
# the heading queries find a page; a search process that finds nothing).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
MAKE_DUMP="$REPO/../shared/tools/make-gii-dump"
DUMP_SOCIAL=${FUNDSTELLE_BENCH_DUMP_SOCIAL:-/tmp/fundstelle-bench-dump-social}
DUMP_FULL=${FUNDSTELLE_BENCH_DUMP_FULL:-/tmp/fundstelle-bench-dump-full}
SEARCH_QUERY="Hilfe zum Lebensunterhalt"
QUERY_COUNT=1000
SEARCH_RUNS=20

FULL=0
RUNS=3
KEEP=0
INSTALL=1
while (($#)); do
    case "$1" in
        --full) FULL=1 ;;
        --runs) RUNS=${2:?--runs needs a number}; shift ;;
        --runs=*) RUNS=${1#--runs=} ;;
        --keep) KEEP=1 ;;
        --no-install) INSTALL=0 ;;
        -h | --help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
        *) echo "run-issue2.sh: unknown argument '$1' (see --help)" >&2; exit 64 ;;
    esac
    shift
done
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || { echo "run-issue2.sh: --runs must be a positive number" >&2; exit 64; }

WORK=$(mktemp -d "${FUNDSTELLE_BENCH_TMP:-/tmp}/fundstelle-bench.XXXXXX")
if ((KEEP)); then
    trap 'echo "kept $WORK" >&2' EXIT
else
    trap 'rm -rf "$WORK"' EXIT
fi

source "$HERE/bench-lib.sh"

# --------------------------------------------------------------------------------- measurements
index_run corpus "$REPO/Corpus" "Corpus/"
search_process_run "$IDX" "Corpus/"

if [[ ! -f $MAKE_DUMP ]]; then
    echo >&2
    echo "skipping the page dumps: $MAKE_DUMP not found (the shared/ folder beside the repository)" >&2
    row "page dumps" "skipped: no $MAKE_DUMP"
elif ! have python3; then
    echo "skipping the page dumps: python3 not found" >&2
    row "page dumps" "skipped: no python3"
else
    dump_part social "social dump" "$DUMP_SOCIAL" --social
    if ((FULL)); then
        dump_part full "full dump" "$DUMP_FULL"
    fi
fi

step "analysis throughput (fundstelle-bench analyze over Corpus XML)"
mapfile -t XML < <(find "$REPO/Corpus" -name '*.xml' -type f | LC_ALL=C sort)
"$BENCH" analyze "${XML[@]}" >"$WORK/analyze.out"
cat "$WORK/analyze.out" >&2
result=$(grep '^RESULT ' "$WORK/analyze.out")
row "analysis Corpus XML (extracted text, 1 thread)" \
    "$(sed -n 's/.* mb_per_s=\([^ ]*\).*/\1/p' <<<"$result") MB/s, $(awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^tokens_per_s=/) { split($i, p, "="); printf "%.2f", p[2] / 1e6 } }' <<<"$result") M tokens/s"

# ---------------------------------------------------------------------------------------- table
echo
REVISION=$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo "unknown")
if [[ -n $(git -C "$REPO" status --porcelain -- Sources Package.swift 2>/dev/null) ]]; then REVISION+=" + local changes"; fi
echo "Fundstelle benchmarks (issue 2) — $(date -u '+%Y-%m-%d %H:%M UTC'), commit $REVISION, $(nproc) cores, $(uname -m), $(swift --version 2>/dev/null | head -1 | sed 's/ *(.*//')"
echo
echo "| measurement | value |"
echo "| --- | --- |"
for r in "${ROWS[@]}"; do
    echo "| ${r%%$'\t'*} | ${r#*$'\t'} |"
done
if ((STATUS != 0)); then
    echo
    echo "a check failed (see above)" >&2
fi
exit "$STATUS"
