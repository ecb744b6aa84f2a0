#!/usr/bin/env python3
"""The relevance sets of relevance.py (known items of laws-dev, XQuAD-de dev) run through peer
engines, for MRR@10 and Success@10 next to fundstelle's.

Every engine gets the same text: what `fundstelle extract --json` takes from each page (title
and main text), so the figures compare ranking and analysis, not HTML extraction. Queries are
the same strings; each engine ranks all documents with any query word (its default OR).

  tantivy   Python package `tantivy`: simple tokenizer, lower-case, tantivy's German stop
            words, Snowball German stemmer; BM25 over title and body (QueryParser, lenient).
  fts5      SQLite FTS5 (Python's sqlite3) with Snowball German (PyStemmer) applied to the
            text and the query before FTS5 sees them, no stop words; bm25() ranking, title
            weighted 2.

usage: peers.py FUNDSTELLE SHARED_DATA_DIR SOCIAL_DUMP_DIR [--limit-queries N] [--engines tantivy,fts5]
   (pip install tantivy PyStemmer)
"""
import json, os, re, shutil, sqlite3, subprocess, sys, tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import relevance  # noqa: E402  (the same test sets)

# Stop words: tantivy uses its own German list; FTS5 keeps every word (bm25 weighs them down).


def extract(binary, pages_dir):
    files = sorted(os.path.join(d, f) for d, _, fs in os.walk(pages_dir) for f in fs if f.endswith(".html"))
    docs = []
    for i in range(0, len(files), 500):
        out = subprocess.run([binary, "extract", "--json"] + files[i:i + 500], capture_output=True, text=True).stdout
        for line in out.splitlines():
            d = json.loads(line)
            docs.append((os.path.relpath(d["path"], pages_dir), d["title"], d["text"]))
    return docs


def score(name, engine, queries, ranked):
    rr, hits = 0.0, 0
    for (q, answer), top in zip(queries, ranked):
        rank = next((i + 1 for i, p in enumerate(top[:10]) if p == answer), None)
        if rank:
            rr += 1 / rank
            hits += 1
    n = len(queries)
    print(f"{engine:8s} {name}: {n} queries, MRR@10 {rr / n:.4f}, Success@10 {hits / n:.4f}")
    return rr / n, hits / n


def run_tantivy(docs, queries, work):
    import tantivy
    analyzer = (tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
                .filter(tantivy.Filter.lowercase())
                .filter(tantivy.Filter.stopword("german"))
                .filter(tantivy.Filter.stemmer("german"))
                .build())
    sb = tantivy.SchemaBuilder()
    sb.add_text_field("path", stored=True, tokenizer_name="raw")
    sb.add_text_field("title", tokenizer_name="de")
    sb.add_text_field("body", tokenizer_name="de")
    path = os.path.join(work, "tantivy")
    os.makedirs(path)
    index = tantivy.Index(sb.build(), path=path)
    index.register_tokenizer("de", analyzer)
    writer = index.writer()
    for p, title, body in docs:
        writer.add_document(tantivy.Document(path=p, title=title, body=body))
    writer.commit()
    writer.wait_merging_threads()
    index.reload()
    searcher = index.searcher()
    ranked = []
    for q, _ in queries:
        words = re.findall(r"\w+", q)  # the query language's operators stay out of the way
        query, _errors = index.parse_query_lenient(" ".join(words), ["title", "body"])
        ranked.append([searcher.doc(a)["path"][0] for _, a in searcher.search(query, 10).hits])
    return ranked


def run_fts5(docs, queries, work):
    import Stemmer
    stem = Stemmer.Stemmer("german")

    def terms(text):
        return [stem.stemWord(w) for w in re.findall(r"\w+", text.lower())]

    db = sqlite3.connect(os.path.join(work, "fts5.db"))
    db.execute("CREATE VIRTUAL TABLE pages USING fts5(path UNINDEXED, title, body, tokenize='unicode61 remove_diacritics 0')")
    db.executemany("INSERT INTO pages VALUES (?, ?, ?)", ((p, " ".join(terms(t)), " ".join(terms(b))) for p, t, b in docs))
    db.commit()
    ranked = []
    for q, _ in queries:
        ts = sorted(set(terms(q)))
        if not ts:
            ranked.append([])
            continue
        match = " OR ".join('"' + t.replace('"', '""') + '"' for t in ts)
        rows = db.execute("SELECT path FROM pages WHERE pages MATCH ? ORDER BY bm25(pages, 0, 2.0, 1.0) LIMIT 10", (match,)).fetchall()
        ranked.append([r[0] for r in rows])
    return ranked


def main():
    if len(sys.argv) < 4:
        print(__doc__)
        sys.exit(64)
    binary, shared, dump = sys.argv[1:4]
    limit = int(sys.argv[sys.argv.index("--limit-queries") + 1]) if "--limit-queries" in sys.argv else 2000
    engines = sys.argv[sys.argv.index("--engines") + 1].split(",") if "--engines" in sys.argv else ["tantivy", "fts5"]
    work = tempfile.mkdtemp(prefix="fundstelle-peers-")
    results = {}
    try:
        for name, (pages, queries) in [("known-item (laws-dev)", relevance.known_item(shared, dump, work, limit)),
                                       ("xquad-de-dev", relevance.xquad(shared, work))]:
            docs = extract(binary, pages)
            print(f"{name}: {len(docs)} documents, {len(queries)} queries", file=sys.stderr)
            for engine in engines:
                sub = os.path.join(work, f"{engine}-{len(results)}")
                os.makedirs(sub)
                ranked = {"tantivy": run_tantivy, "fts5": run_fts5}[engine](docs, queries, sub)
                results[(engine, name)] = score(name, engine, queries, ranked)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
