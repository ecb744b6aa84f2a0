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

  lucene    Lucene 8 (Debian liblucene8-java, javac from default-jdk-headless): GermanAnalyzer
            (German stop words, light stemmer, umlaut folding), BM25 over title and body, the
            classic query parser's default OR (peers/LucenePeer.java, compiled on each run).
  xapian    Xapian's omindex (Debian xapian-omega) over one small HTML page per document
            (title and text), --stemmer=german; queries through `quest -s german` (xapian-tools),
            Xapian's default query parser (OR, BM25; capitalised words stay unstemmed, as there).

usage: peers.py FUNDSTELLE SHARED_DATA_DIR SOCIAL_DUMP_DIR [--limit-queries N]
                [--engines tantivy,fts5,lucene,xapian] [--without-toc]
   (pip install tantivy PyStemmer; apt-get install liblucene8-java default-jdk-headless xapian-omega xapian-tools)
"""
import glob, html, json, os, re, shutil, sqlite3, subprocess, sys, tempfile

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
        query, _errors = index.parse_query_lenient(words_only(q), ["title", "body"])
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


def words_only(q):
    return " ".join(re.findall(r"\w+", q))  # the query language's operators stay out of the way


def run_lucene(docs, queries, work):
    jars = [glob.glob(f"/usr/share/java/lucene-{name}-8*.jar")[0] for name in ["core", "analyzers-common", "queryparser"]]
    classpath = ":".join(jars)
    source = os.path.join(os.path.dirname(os.path.abspath(__file__)), "peers", "LucenePeer.java")
    subprocess.run(["javac", "-cp", classpath, "-d", work, source], check=True)
    clean = lambda t: " ".join(t.split())  # no tabs or newlines inside a field
    with open(os.path.join(work, "docs.tsv"), "w", encoding="utf-8") as f:
        for p, title, body in docs:
            f.write(f"{p}\t{clean(title)}\t{clean(body)}\n")
    with open(os.path.join(work, "queries.txt"), "w", encoding="utf-8") as f:
        f.write("".join(words_only(q) + "\n" for q, _ in queries))
    out = subprocess.run(["java", "-cp", classpath + ":" + work, "LucenePeer", os.path.join(work, "docs.tsv"),
                          os.path.join(work, "queries.txt"), os.path.join(work, "index")],
                         capture_output=True, text=True, check=True).stdout
    ranked = [line.split("\t") if line else [] for line in out.split("\n")[:len(queries)]]
    assert len(ranked) == len(queries), (len(ranked), len(queries))
    return ranked


def run_xapian(docs, queries, work):
    pages = os.path.join(work, "pages")
    os.makedirs(pages)
    for i, (_, title, body) in enumerate(docs):
        with open(os.path.join(pages, f"{i}.html"), "w", encoding="utf-8") as f:
            f.write(f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{html.escape(title)}</title></head>"
                    f"<body><p>{html.escape(body)}</p></body></html>")
    db = os.path.join(work, "db")
    subprocess.run(["omindex", "--db", db, "--url", "/", "--stemmer=german", pages], check=True, capture_output=True)
    url = re.compile(r"^url=/(\d+)\.html$", re.M)
    ranked = []
    for q, _ in queries:
        text = words_only(q)
        if not text:
            ranked.append([])
            continue
        out = subprocess.run(["quest", "-d", db, "-s", "german", "-m", "10", text], capture_output=True, text=True).stdout
        ranked.append([docs[int(m)][0] for m in url.findall(out)])
    return ranked


def main():
    if len(sys.argv) < 4:
        print(__doc__)
        sys.exit(64)
    binary, shared, dump = sys.argv[1:4]
    limit = int(sys.argv[sys.argv.index("--limit-queries") + 1]) if "--limit-queries" in sys.argv else 2000
    engines = sys.argv[sys.argv.index("--engines") + 1].split(",") if "--engines" in sys.argv else ["tantivy", "fts5", "lucene", "xapian"]
    work = tempfile.mkdtemp(prefix="fundstelle-peers-")
    results = {}
    try:
        for name, (pages, queries) in [("known-item (laws-dev)", relevance.known_item(shared, dump, work, limit, "--without-toc" in sys.argv)),
                                       ("xquad-de-dev", relevance.xquad(shared, work))]:
            docs = extract(binary, pages)
            print(f"{name}: {len(docs)} documents, {len(queries)} queries", file=sys.stderr)
            for engine in engines:
                sub = os.path.join(work, f"{engine}-{len(results)}")
                os.makedirs(sub)
                ranked = {"tantivy": run_tantivy, "fts5": run_fts5, "lucene": run_lucene, "xapian": run_xapian}[engine](docs, queries, sub)
                results[(engine, name)] = score(name, engine, queries, ranked)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
