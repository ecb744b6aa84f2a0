# Shared by run-issue2.sh and run-issue5.sh (sourced, not run): building the tools, making the
# page dumps and their query sets, and measuring an index run, a query set and a search process.
# Expects HERE, REPO, WORK, MAKE_DUMP, RUNS, INSTALL, QUERY_COUNT, SEARCH_RUNS, SEARCH_QUERY.

step() { printf '\n==> %s\n' "$*" >&2; }
have() { command -v "$1" >/dev/null 2>&1; }

STATUS=0                 # set to 1 when a check fails; the table is still printed
ROWS=()                  # "label<TAB>value" lines of the final table
row() { ROWS+=("$1"$'\t'"$2"); }

# ---------------------------------------------------------------------------------------- build
step "building fundstelle (release, scratch path Tests/Benchmarks/.build-root)"
# --static-swift-stdlib as in the README: a process starts without resolving the runtime's symbols.
swift build -c release --static-swift-stdlib --package-path "$REPO" --scratch-path "$HERE/.build-root" --product fundstelle >&2
FUNDSTELLE=$(swift build -c release --static-swift-stdlib --package-path "$REPO" --scratch-path "$HERE/.build-root" --show-bin-path)/fundstelle

step "building fundstelle-bench (release)"
swift build -c release --static-swift-stdlib --package-path "$HERE" --product fundstelle-bench >&2
BENCH=$(swift build -c release --static-swift-stdlib --package-path "$HERE" --show-bin-path)/fundstelle-bench

# ------------------------------------------------------------------------------------ helpers
mb() { awk -v b="$1" 'BEGIN { printf "%.1f MB", b / 1e6 }'; }

# index_run NAME SOURCE_DIR: indexes SOURCE_DIR into $WORK/NAME.index under /usr/bin/time -v.
# Sets IDX, and adds a table row "index NAME".
index_run() {
    local name=$1 source=$2 label=$3
    IDX="$WORK/$name.index"
    rm -rf "$IDX"
    step "indexing $label ($source)"
    local wall rss docs
    if [[ -x /usr/bin/time ]]; then
        /usr/bin/time -v -o "$WORK/$name.time" "$FUNDSTELLE" index "$source" --index "$IDX" >"$WORK/$name.log"
        # "Elapsed (wall clock) time (h:mm:ss or m:ss): 1:02.53" → seconds
        wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; printf "%.2f", s }' "$WORK/$name.time")
        rss=$(awk -F': ' '/Maximum resident set size/ { printf "%.1f MB", $2 / 1024 }' "$WORK/$name.time")
    else
        echo "/usr/bin/time is not installed (Debian package 'time'): peak RSS not measured" >&2
        local t0 t1
        t0=$(date +%s%N)
        "$FUNDSTELLE" index "$source" --index "$IDX" >"$WORK/$name.log"
        t1=$(date +%s%N)
        wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", (b - a) / 1e9 }')
        rss="n/a"
    fi
    cat "$WORK/$name.log" >&2
    docs=$(sed -n 's/^Indexed \([0-9]*\) documents.*/\1/p' "$WORK/$name.log")
    local size
    size=$(du -sb "$IDX" | cut -f1)
    echo "wall ${wall} s, peak RSS ${rss}, index $(mb "$size") ($size bytes), $docs documents" >&2
    row "index $label: wall / peak RSS / size" "${wall} s / ${rss} / $(mb "$size") (${docs} docs)"
}

# make_dump DIR [--social]: makes the page dump once; a finished dump has a marker file (hidden,
# so the indexer leaves it out) and is reused.
make_dump() {
    local dir=$1; shift
    if [[ -f "$dir/.fundstelle-bench-complete" ]]; then
        echo "reusing $dir ($(find "$dir" -name '*.html' | wc -l) pages)" >&2
        return 0
    fi
    rm -rf "$dir.partial"
    python3 "$MAKE_DUMP" "$dir.partial" "$@" >&2
    rm -rf "$dir"
    mv "$dir.partial" "$dir"
    touch "$dir/.fundstelle-bench-complete"
}

# make_queries DUMP OUT: the § headings (<span class="jnentitel">) of the dump's norm pages, entities
# decoded, empty ones left out; in sorted path order every k-th, the first $QUERY_COUNT.
make_queries() {
    python3 - "$1" "$2" "$QUERY_COUNT" <<'PY'
import html, os, re, sys
root, out, want = sys.argv[1], sys.argv[2], int(sys.argv[3])
heading = re.compile(rb'<span class="jnentitel">(.*?)</span>', re.S)
paths = []
for d, dirs, files in os.walk(root):
    dirs[:] = [x for x in dirs if not x.startswith(".")]
    for f in files:
        # index.html is a law's table of contents ("Inhaltsverzeichnis"), not a norm page
        if f.endswith(".html") and f != "index.html" and not f.startswith("."):
            paths.append(os.path.relpath(os.path.join(d, f), root))
paths.sort()
heads = []
for p in paths:
    with open(os.path.join(root, p), "rb") as fh:
        m = heading.search(fh.read())
    if not m:
        continue
    # pages are ISO-8859-1 with numeric entities for everything else
    text = " ".join(html.unescape(re.sub(r"<[^>]*>", " ", m.group(1).decode("latin-1"))).split())
    if text:
        heads.append(text)
k = max(1, len(heads) // want)
chosen = heads[::k][:want]
with open(out, "w", encoding="utf-8") as fh:
    fh.write("".join(t + "\n" for t in chosen))
print(f"{len(chosen)} queries from {len(heads)} non-empty headings of {len(paths)} norm pages (every {k}th)", file=sys.stderr)
PY
}

# query_run NAME INDEX QUERIES LABEL [ARGS...]: fundstelle-bench queries (ARGS passed on);
# adds table rows.
query_run() {
    local name=$1 idx=$2 queries=$3 label=$4
    shift 4
    step "query latency on $label (fundstelle-bench queries, $RUNS passes)"
    local rc=0
    "$BENCH" queries --index "$idx" --queries "$queries" --runs "$RUNS" "$@" >"$WORK/$name.queries" || rc=$?
    cat "$WORK/$name.queries" >&2
    if ((rc != 0)); then
        echo "fundstelle-bench queries failed (exit $rc)" >&2
        STATUS=1
    fi
    local result
    result=$(grep '^RESULT ' "$WORK/$name.queries" || true)
    if [[ -z $result ]]; then
        row "queries $label" "FAILED"
        return
    fi
    field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$result"; }
    row "queries $label ($(field queries) headings): median / p95 / p99 / max" \
        "$(field median_ms) / $(field p95_ms) / $(field p99_ms) / $(field max_ms) ms (hit rate $(field hit_rate), $(field over_100ms) over 100 ms)"
}

HYPERFINE_TRIED=0
# search_process_run INDEX LABEL: median wall time of one whole `fundstelle search --json` process.
search_process_run() {
    local idx=$1 label=$2
    step "one search process on $label: fundstelle search --json \"$SEARCH_QUERY\""
    local out
    out=$("$FUNDSTELLE" search --json "$SEARCH_QUERY" --index "$idx")
    local total
    total=$(python3 -c 'import json, sys; print(json.loads(sys.stdin.read())["total"])' <<<"$out")
    echo "$total hits" >&2
    if ((total < 1)); then
        echo "FAIL: \"$SEARCH_QUERY\" finds nothing in $idx" >&2
        STATUS=1
    fi
    if ! have hyperfine && ((INSTALL)) && ((!HYPERFINE_TRIED)) && [[ $(id -u) == 0 ]] && have apt-get; then
        HYPERFINE_TRIED=1
        echo "hyperfine is missing: trying apt-get install -y hyperfine" >&2
        timeout 120 apt-get install -y -qq hyperfine >&2 ||
            { timeout 120 apt-get update -qq >&2 && timeout 120 apt-get install -y -qq hyperfine >&2; } ||
            echo "could not install hyperfine: timing with date +%s%N instead" >&2
    fi
    local median how
    if have hyperfine; then
        local cmd
        printf -v cmd '%q search --json %q --index %q' "$FUNDSTELLE" "$SEARCH_QUERY" "$idx"
        hyperfine -N --warmup 3 --runs "$SEARCH_RUNS" --export-json "$WORK/hyperfine.json" "$cmd" >&2
        median=$(python3 -c 'import json, sys; r = json.load(open(sys.argv[1]))["results"][0]; print("%.2f" % (r["median"] * 1000))' "$WORK/hyperfine.json")
        how="hyperfine, $SEARCH_RUNS runs"
    else
        local times=() i t0 t1
        for i in 1 2 3; do "$FUNDSTELLE" search --json "$SEARCH_QUERY" --index "$idx" >/dev/null; done
        for ((i = 0; i < SEARCH_RUNS; i++)); do
            t0=$(date +%s%N)
            "$FUNDSTELLE" search --json "$SEARCH_QUERY" --index "$idx" >/dev/null
            t1=$(date +%s%N)
            times+=($(((t1 - t0) / 1000)))
        done
        median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.2f", m / 1000 }')
        how="date +%s%N loop, $SEARCH_RUNS runs"
        echo "median ${median} ms over $SEARCH_RUNS runs" >&2
    fi
    row "search process $label: median wall" "${median} ms ($how, $total hits)"
}

# dump_part NAME LABEL DIR [make-gii-dump flags]: dump, index, queries, one search process.
dump_part() {
    local name=$1 label=$2 dir=$3; shift 3
    step "page dump $label in $dir"
    make_dump "$dir" "$@"
    index_run "$name" "$dir" "$label"
    local idx=$IDX
    make_queries "$dir" "$WORK/$name.headings.txt"
    query_run "$name" "$idx" "$WORK/$name.headings.txt" "$label"
    search_process_run "$idx" "$label"
}

