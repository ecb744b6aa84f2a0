#!/usr/bin/env python3
"""tantivy's query latency per query type on a page dump, next to `fundstelle-bench queries`
(issue 6). The dump's text is what `fundstelle extract --json` takes from each page, indexed
into tantivy (Python package) with a German analyzer: simple tokenizer, lower-case, Snowball
German stemmer; fields title and body, and lang as a raw field for the filter queries.

The query files are those of query-types.py (PREFIX-one-word.txt, …). Per type, each query
runs RUNS times after a warm-up pass; its median counts; printed are the median and p95 over
the queries, in ms, for the search plus fetching the top 10 stored paths (no snippets; ours
make snippets). Timing is in Python around the tantivy call, so it includes the binding's
call overhead.

  one-word      QueryParser, the word over title and body
  and-of-three  QueryParser with +word +word +word
  phrase        QueryParser with "word word"
  prefix        RegexQuery on body: the prefix's letters then .*
  fuzzy         FuzzyTermQuery on body, distance 1
  filter        BooleanQuery: the word (QueryParser) and lang:de (TermQuery)

usage: peers-latency.py FUNDSTELLE DUMP_DIR QUERY_PREFIX [--runs N] [--keep-index DIR]
"""
import json, os, re, statistics, subprocess, sys, tempfile, time
from concurrent.futures import ThreadPoolExecutor

import tantivy

TYPES = ["one-word", "and-of-three", "phrase", "prefix", "fuzzy", "filter"]


def extract_all(binary, root):
    files = sorted(os.path.join(d, f) for d, ds, fs in os.walk(root) for f in fs
                   if f.endswith(".html") and not f.startswith("."))
    chunks = [files[i:i + 1000] for i in range(0, len(files), 1000)]

    def run(chunk):
        out = subprocess.run([binary, "extract", "--json"] + chunk, capture_output=True, text=True).stdout
        return [json.loads(line) for line in out.splitlines()]

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        for docs in pool.map(run, chunks):
            yield from docs


def german():
    return (tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
            .filter(tantivy.Filter.lowercase()).filter(tantivy.Filter.stemmer("german")).build())


def build(binary, dump, path):
    sb = tantivy.SchemaBuilder()
    sb.add_text_field("path", stored=True, tokenizer_name="raw")
    sb.add_text_field("title", tokenizer_name="de")
    sb.add_text_field("body", tokenizer_name="de")
    sb.add_text_field("lang", tokenizer_name="raw")
    schema = sb.build()
    index = tantivy.Index(schema, path=path)
    index.register_tokenizer("de", german())
    writer = index.writer(heap_size=512_000_000)
    n = 0
    started = time.time()
    for d in extract_all(binary, dump):
        writer.add_document(tantivy.Document(path=d["path"], title=d["title"], body=d["text"], lang=(d["lang"] or "de")[:2]))
        n += 1
    writer.commit()
    writer.wait_merging_threads()
    print(f"tantivy: {n} documents indexed in {time.time() - started:.1f} s (extraction included)", file=sys.stderr)
    return index, schema


def make_query(index, schema, kind, q):
    words = re.findall(r"\w+", q)
    if kind == "one-word":
        return index.parse_query(words[0], ["title", "body"])
    if kind == "and-of-three":
        return index.parse_query(" ".join("+" + w for w in words), ["title", "body"])
    if kind == "phrase":
        return index.parse_query('"' + " ".join(words) + '"', ["title", "body"])
    if kind == "prefix":
        return tantivy.Query.regex_query(schema, "body", re.escape(q.rstrip("*").lower()) + ".*")
    if kind == "fuzzy":
        return tantivy.Query.fuzzy_term_query(schema, "body", q.rstrip("~").lower(), distance=1)
    if kind == "filter":
        word = index.parse_query(words[0], ["title", "body"])
        lang = tantivy.Query.term_query(schema, "lang", "de")
        return tantivy.Query.boolean_query([(tantivy.Occur.Must, word), (tantivy.Occur.Must, lang)])
    raise ValueError(kind)


def main():
    if len(sys.argv) < 4:
        print(__doc__)
        sys.exit(64)
    binary, dump, prefix = sys.argv[1:4]
    runs = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 3
    keep = sys.argv[sys.argv.index("--keep-index") + 1] if "--keep-index" in sys.argv else None
    path = keep or tempfile.mkdtemp(prefix="fundstelle-tantivy-")
    if keep and os.path.exists(os.path.join(keep, "meta.json")):
        index = tantivy.Index.open(keep)
        index.register_tokenizer("de", german())
        schema = index.schema
    else:
        os.makedirs(path, exist_ok=True)
        index, schema = build(binary, dump, path)
    index.reload()
    searcher = index.searcher()
    print("| query type | queries | tantivy median ms | tantivy p95 ms |")
    print("| --- | --- | --- | --- |")
    for kind in TYPES:
        queries = [l.strip() for l in open(f"{prefix}-{kind}.txt", encoding="utf-8") if l.strip()]
        built = [make_query(index, schema, kind, q) for q in queries]
        for query in built:  # warm-up
            searcher.search(query, 10)
        times = []
        for query in built:
            per = []
            for _ in range(runs):
                t0 = time.perf_counter()
                hits = searcher.search(query, 10).hits
                for _, address in hits:
                    searcher.doc(address)["path"]
                per.append((time.perf_counter() - t0) * 1000)
            times.append(statistics.median(per))
        times.sort()
        p95 = times[min(len(times) - 1, int(0.95 * len(times)))]
        print(f"| {kind} | {len(times)} | {statistics.median(times):.3f} | {p95:.3f} |")


if __name__ == "__main__":
    main()
