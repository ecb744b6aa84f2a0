#!/usr/bin/env bash
# Measures the figures of issue 5 on the federal-law page dump, side by side, in one run:
# libxml2's parse alone (`xmllint --html --noout`, 2 processes: the floor), `fundstelle index`
# (wall, peak RSS, size with and without stored text), updating that index after no change and
# after 1 % of the pages changed, Xapian's omindex (`--stemmer=german`) when it is installed,
# query latency over 1,000 § headings in process (with snippets, and ranking alone), and one
# whole `fundstelle search` process.
#
# Usage: Tests/Benchmarks/run-issue5.sh [--social] [--runs N] [--keep] [--no-install]
#   --social      the social-law dump (12,894 pages) instead of the full one (111,224 pages)
#   --runs N      timed passes over the query set (default 3)
#   --keep        keep the temporary folder and print its path
#   --no-install  do not apt-get install hyperfine, libxml2-utils (xmllint) or xapian-omega
# Exit code: non-zero when a build or a check fails.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
MAKE_DUMP="$REPO/../shared/tools/make-gii-dump"
SEARCH_QUERY="Hilfe zum Lebensunterhalt"
QUERY_COUNT=1000
SEARCH_RUNS=20
DUMP=${FUNDSTELLE_BENCH_DUMP_FULL:-/tmp/fundstelle-bench-dump-full}
DUMP_FLAGS=()
LABEL="full dump"
RUNS=3
KEEP=0
INSTALL=1
while (($#)); do
    case "$1" in
        --social) DUMP=${FUNDSTELLE_BENCH_DUMP_SOCIAL:-/tmp/fundstelle-bench-dump-social}; DUMP_FLAGS=(--social); LABEL="social dump" ;;
        --runs) RUNS=${2:?--runs needs a number}; shift ;;
        --keep) KEEP=1 ;;
        --no-install) INSTALL=0 ;;
        -h | --help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
        *) echo "run-issue5.sh: unknown argument '$1' (see --help)" >&2; exit 64 ;;
    esac
    shift
done
[[ -f $MAKE_DUMP ]] || { echo "run-issue5.sh: $MAKE_DUMP not found (the shared/ folder beside the repository)" >&2; exit 1; }

WORK=$(mktemp -d "${FUNDSTELLE_BENCH_TMP:-/tmp}/fundstelle-bench5.XXXXXX")
if ((KEEP)); then trap 'echo "kept $WORK" >&2' EXIT; else trap 'rm -rf "$WORK"' EXIT; fi

source "$HERE/bench-lib.sh"

install_if_missing() {  # install_if_missing COMMAND DEBIAN_PACKAGE
    have "$1" && return 0
    ((INSTALL)) && [[ $(id -u) == 0 ]] && have apt-get || return 1
    echo "$1 is missing: apt-get install -y $2" >&2
    timeout 300 apt-get install -y -qq "$2" >&2 || { timeout 120 apt-get update -qq >&2 && timeout 300 apt-get install -y -qq "$2" >&2; } || true
    have "$1"
}

# timed NAME COMMAND...: runs COMMAND under /usr/bin/time -v; sets WALL (s) and RSS (MB).
timed() {
    local name=$1; shift
    /usr/bin/time -v -o "$WORK/$name.time" "$@" >"$WORK/$name.log" 2>&1
    WALL=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; printf "%.2f", s }' "$WORK/$name.time")
    RSS=$(awk -F': ' '/Maximum resident set size/ { printf "%.1f", $2 / 1024 }' "$WORK/$name.time")
}

make_dump "$DUMP" "${DUMP_FLAGS[@]}"
PAGES=$(find "$DUMP" -name '*.html' | wc -l)
BYTES=$(find "$DUMP" -name '*.html' -printf '%s\n' | awk '{ s += $1 } END { print s }')
row "$LABEL" "$PAGES pages, $(mb "$BYTES")"

step "the floor: xmllint --html --noout over every page, 2 processes"
if install_if_missing xmllint libxml2-utils; then
    find "$DUMP" -name '*.html' -print0 >"$WORK/pages.list"
    timed xmllint sh -c "xargs -0 -n 500 -P 2 xmllint --html --noout <'$WORK/pages.list' 2>/dev/null || true"
    FLOOR=$WALL
    row "xmllint --html --noout, 2 processes: wall / peak RSS" "$WALL s / $RSS MB"
else
    FLOOR=""
    row "xmllint" "not installed"
fi

index_run full "$DUMP" "$LABEL"
INDEX=$IDX
STORED=$("$FUNDSTELLE" stats --json --index "$INDEX" | python3 -c 'import json, sys; d = json.load(sys.stdin); print(d["size_bytes"], d["stored_bytes"])')
row "index size: with / without stored text" "$(mb "${STORED% *}") / $(mb $((${STORED% *} - ${STORED#* })))"
if [[ -n $FLOOR ]]; then
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; printf "%.2f", s }' "$WORK/full.time")
    row "index time / xmllint floor" "$(awk -v a="$wall" -v b="$FLOOR" 'BEGIN { printf "%.2f ×", a / b }') (target ≤ 1.5 ×)"
fi

step "check"
"$FUNDSTELLE" check --index "$INDEX" >&2 || STATUS=1

step "update after no change"
timed update0 "$FUNDSTELLE" index "$DUMP" --index "$INDEX"
cat "$WORK/update0.log" >&2
row "update, nothing changed: wall / peak RSS" "$WALL s / $RSS MB ($(tail -1 "$WORK/update0.log"))"

step "update after 1 % of the pages changed (a copy of the dump, every 100th page edited)"
COPY="$WORK/dump-copy"
cp -a "$DUMP" "$COPY"
"$FUNDSTELLE" index "$COPY" --index "$WORK/copy.index" >/dev/null 2>&1
find "$COPY" -name '*.html' | LC_ALL=C sort | awk 'NR % 100 == 0' >"$WORK/changed.list"
while IFS= read -r f; do printf '<!-- geändert --><p>Geänderter Absatz.</p>\n' >>"$f"; done <"$WORK/changed.list"
timed update1 "$FUNDSTELLE" index "$COPY" --index "$WORK/copy.index"
cat "$WORK/update1.log" >&2
row "update, $(wc -l <"$WORK/changed.list") pages changed: wall / peak RSS" "$WALL s / $RSS MB ($(grep '^Updated' "$WORK/update1.log" || true))"
"$FUNDSTELLE" check --index "$WORK/copy.index" >&2 || STATUS=1
rm -rf "$COPY" "$WORK/copy.index"

make_queries "$DUMP" "$WORK/headings.txt"
query_run full "$INDEX" "$WORK/headings.txt" "$LABEL"
# The same ranking without reading stored records or cutting snippets (what the peers'
# figures measure: the ids of the best 10).
query_run ranking "$INDEX" "$WORK/headings.txt" "$LABEL, ranking only (--limit 0)" --limit 0
search_process_run "$INDEX" "$LABEL"

step "Xapian omindex --stemmer=german"
if install_if_missing omindex xapian-omega; then
    timed omindex omindex --db "$WORK/xapian" --url / --stemmer=german "$DUMP"
    row "omindex: wall / peak RSS / size" "$WALL s / $RSS MB / $(mb "$(du -sb "$WORK/xapian" | cut -f1)")"
else
    row "omindex" "not installed"
fi

echo
REVISION=$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo "unknown")
echo "Fundstelle benchmarks (issue 5) — $(date -u '+%Y-%m-%d %H:%M UTC'), commit $REVISION, $(nproc) cores, $(uname -m)"
echo
echo "| measurement | value |"
echo "| --- | --- |"
for r in "${ROWS[@]}"; do echo "| ${r%%$'\t'*} | ${r#*$'\t'} |"; done
exit "$STATUS"
