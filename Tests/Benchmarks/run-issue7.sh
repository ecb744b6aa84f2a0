#!/usr/bin/env bash
# Measures the figures of issue 7: `fundstelle serve` under load from wrk on loopback, against
# the index of the federal-law page dump, with a mixed list of real queries (the dump's §
# headings, and from them one-word, AND-of-three, phrase, prefix, fuzzy and filtered queries,
# shuffled). For 1, 16 and 64 connections: requests per second, p50 and p99 latency, errors
# (socket errors and non-2xx answers); the server's resident memory before and after; and
# whether it stops cleanly on SIGTERM.
#
# Usage: Tests/Benchmarks/run-issue7.sh [--social] [--index DIR] [--duration S] [--keep] [--no-install]
#   --social      the social-law dump (12,894 pages) instead of the full one (111,224 pages)
#   --index DIR   serve this index of the dump instead of building one
#   --duration S  seconds of load per connection count (default 70: over 100,000 requests in all)
#   --keep        keep the temporary folder and print its path
#   --no-install  do not apt-get install wrk
# wrk and the server share the machine's cores; the figures are for both on one machine.
# Exit code: non-zero when a build fails, a request fails, or the server does not stop cleanly.
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
RUNS=1
KEEP=0
INSTALL=1
INDEX=""
DURATION=70
PORT=${FUNDSTELLE_BENCH_PORT:-18080}
while (($#)); do
    case "$1" in
        --social) DUMP=${FUNDSTELLE_BENCH_DUMP_SOCIAL:-/tmp/fundstelle-bench-dump-social}; DUMP_FLAGS=(--social); LABEL="social dump" ;;
        --index) INDEX=${2:?--index needs a folder}; shift ;;
        --duration) DURATION=${2:?--duration needs seconds}; shift ;;
        --keep) KEEP=1 ;;
        --no-install) INSTALL=0 ;;
        -h | --help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
        *) echo "run-issue7.sh: unknown argument '$1' (see --help)" >&2; exit 64 ;;
    esac
    shift
done
[[ -f $MAKE_DUMP ]] || { echo "run-issue7.sh: $MAKE_DUMP not found (the shared/ folder beside the repository)" >&2; exit 1; }

WORK=$(mktemp -d "${FUNDSTELLE_BENCH_TMP:-/tmp}/fundstelle-bench7.XXXXXX")
SERVER_PID=""
cleanup() {
    [[ -n $SERVER_PID ]] && kill "$SERVER_PID" 2>/dev/null || true
    if ((KEEP)); then echo "kept $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

source "$HERE/bench-lib.sh"

if ! have wrk; then
    ((INSTALL)) && [[ $(id -u) == 0 ]] && { apt-get install -y -qq wrk >&2 || { apt-get update -qq >&2 && apt-get install -y -qq wrk >&2; }; }
    have wrk || { echo "run-issue7.sh: wrk is not installed (Debian package 'wrk')" >&2; exit 1; }
fi

make_dump "$DUMP" "${DUMP_FLAGS[@]}"
if [[ -z $INDEX ]]; then
    index_run serve "$DUMP" "$LABEL"
    INDEX=$IDX
fi
row "index" "$LABEL, $("$FUNDSTELLE" stats --json --index "$INDEX" | python3 -c 'import json, sys; d = json.load(sys.stdin); print(d["documents"], "documents,", round(d["size_bytes"] / 1e6, 1), "MB")')"

step "the mixed query list"
make_queries "$DUMP" "$WORK/headings.txt"
python3 "$HERE/query-types.py" "$WORK/headings.txt" "$WORK/typed" --count 500 >&2
python3 - "$WORK/mix.txt" "$WORK/headings.txt" "$WORK"/typed-*.txt <<'PY'
import random, sys
out, files = sys.argv[1], sys.argv[2:]
queries = [line.strip() for f in files for line in open(f, encoding="utf-8") if line.strip()]
random.seed(7)
random.shuffle(queries)
open(out, "w", encoding="utf-8").write("".join(q + "\n" for q in queries))
print(f"{len(queries)} queries from {len(files)} files", file=sys.stderr)
PY
row "queries" "$(wc -l <"$WORK/mix.txt") (§ headings, and one-word, AND-of-three, phrase, prefix, fuzzy, filtered ones made of them), shuffled"

# Each wrk thread walks the list from its own start; every request is a new query.
cat >"$WORK/mix.lua" <<'LUA'
local queries, at = {}, 0
function init(args)
    for line in io.lines(args[1]) do queries[#queries + 1] = line end
    at = math.random(#queries)
end
local function encode(s)
    return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end
function request()
    at = at % #queries + 1
    return wrk.format("GET", "/search?q=" .. encode(queries[at]) .. "&limit=10")
end
function done(summary, latency, requests)
    local e = summary.errors
    io.write(string.format("RESULT requests=%d seconds=%.2f rps=%.1f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f errors=%d non2xx=%d timeouts=%d\n",
        summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
        latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
        e.connect + e.read + e.write + e.timeout, e.status, e.timeout))
end
LUA

# rss PID: resident memory, and of it what the process allocated (RssAnon) and the index pages
# it has mapped in (RssFile: shared with the page cache, given back under memory pressure).
rss() { awk '/^VmRSS/ { v = $2 } /^RssAnon/ { a = $2 } /^RssFile/ { f = $2 } END { printf "%.1f MB (%.1f MB allocated, %.1f MB index pages mapped)", v / 1024, a / 1024, f / 1024 }' "/proc/$1/status"; }

step "fundstelle serve --index $INDEX --port $PORT"
"$FUNDSTELLE" serve --index "$INDEX" --port "$PORT" 2>"$WORK/serve.log" &
SERVER_PID=$!
for _ in $(seq 100); do
    curl -sf "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break
    sleep 0.1
done
curl -sf "http://127.0.0.1:$PORT/health" >&2 || { echo "the server did not start:" >&2; cat "$WORK/serve.log" >&2; exit 1; }
echo >&2
RSS_BEFORE=$(rss "$SERVER_PID")

TOTAL=0
ERRORS=0
for connections in 1 16 64; do
    threads=$((connections < 2 ? 1 : 2))
    step "wrk -t $threads -c $connections -d ${DURATION}s --latency (mixed queries)"
    wrk -t "$threads" -c "$connections" -d "${DURATION}s" --timeout 10s --latency -s "$WORK/mix.lua" \
        "http://127.0.0.1:$PORT" -- "$WORK/mix.txt" >"$WORK/wrk-$connections.txt"
    cat "$WORK/wrk-$connections.txt" >&2
    result=$(grep '^RESULT ' "$WORK/wrk-$connections.txt")
    field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$result"; }
    requests=$(field requests); errors=$(($(field errors) + $(field non2xx)))
    TOTAL=$((TOTAL + requests)); ERRORS=$((ERRORS + errors))
    row "$connections connection(s): requests/s, p50, p99, max" "$(field rps) /s, $(field p50_ms) ms, $(field p99_ms) ms, $(field max_ms) ms ($requests requests, $errors errors)"
done
RSS_AFTER=$(rss "$SERVER_PID")
row "requests, errors (socket errors and non-2xx answers)" "$TOTAL, $ERRORS"
row "server resident memory before the load" "$RSS_BEFORE"
row "server resident memory after the load" "$RSS_AFTER"
((ERRORS == 0)) || STATUS=1
lines=$(grep -c ' GET /search ' "$WORK/serve.log" || true)
row "log lines (one per request)" "$lines"

step "SIGTERM"
kill -TERM "$SERVER_PID"
rc=0
wait "$SERVER_PID" || rc=$?
SERVER_PID=""
row "exit after SIGTERM" "$rc"
((rc == 0)) || STATUS=1

echo
REVISION=$(git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo "unknown")
echo "Fundstelle HTTP service (issue 7) — $(date -u '+%Y-%m-%d %H:%M UTC'), commit $REVISION, $(nproc) cores, $(uname -m), wrk on the same machine"
echo
echo "| measurement | value |"
echo "| --- | --- |"
for r in "${ROWS[@]}"; do echo "| ${r%%$'\t'*} | ${r#*$'\t'} |"; done
exit "$STATUS"
