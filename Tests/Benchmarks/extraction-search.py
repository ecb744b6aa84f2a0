#!/usr/bin/env python3
"""The web-de pages seen through search (issue 4): index the pages, then run two query sets
with `fundstelle search --batch --json --limit 10`.

  content      each page's first gold `with` string (its words) as a query: the page must be
               among the hits (found).
  boilerplate  each `without` string as a query: the page must not be among the hits (leaked).

Queries are the strings' words, lower-cased, with punctuation turned into spaces, so no query
operator ("-", quotes, OR) comes from the text. Search is AND: only the hits with every word
count (the first "complete" of a response; the engine shows its best partial matches after them
when fewer than 10 documents have every word, or instead of them when none does), as in an
AND-only engine; with --with-partial all hits count as the hits they are (what a
user of fundstelle sees).

usage: extraction-search.py FUNDSTELLE GOLD.json PAGES_DIR [--show] [--with-partial]
"""
import json, os, re, subprocess, sys, tempfile, time

def words(s):
    return " ".join(w.lower() for w in re.findall(r"\w+", s))

def main():
    if len(sys.argv) < 4:
        print(__doc__)
        sys.exit(64)
    binary, gold_path, pages = sys.argv[1:4]
    partial_counts = "--with-partial" in sys.argv
    gold = json.load(open(gold_path, encoding="utf-8"))
    work = tempfile.mkdtemp(prefix="fundstelle-extraction-search-")
    index = os.path.join(work, "index")
    started = time.time()
    # --ignore-noindex: five of the pages carry robots noindex; they are part of the test set.
    run = subprocess.run([binary, "index", pages, "--index", index, "--ignore-noindex"], capture_output=True, text=True)
    if run.returncode != 0:
        print(run.stdout, run.stderr)
        sys.exit(1)
    print(f"indexed {pages} in {time.time() - started:.1f} s: {run.stdout.strip().splitlines()[-1] if run.stdout.strip() else ''}")

    def search(queries):
        path = os.path.join(work, "queries.txt")
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(q for _, q in queries) + "\n")
        out = subprocess.run([binary, "search", "--batch", path, "--json", "--limit", "10", "--index", index],
                             capture_output=True, text=True, check=True).stdout
        results = [json.loads(line) for line in out.splitlines() if line.strip()]
        assert len(results) == len(queries), (len(results), len(queries))
        # A page indexed once for two paths (same content) is found under both. Only the hits
        # with every word count (the first "complete"), unless --with-partial.
        def paths(r):
            hits = r["hits"] if partial_counts else r["hits"][:r.get("complete", 0 if r.get("partial") else len(r["hits"]))]
            return {p for h in hits for p in [h["path"]] + h.get("duplicates", [])}
        return [paths(r) for r in results]

    content = [(name, words(g["with"][0])) for name, g in sorted(gold.items()) if g.get("with") and words(g["with"][0])]
    boiler = [(name, words(s)) for name, g in sorted(gold.items()) for s in g.get("without", []) if words(s)]
    found = [name in hits for (name, _), hits in zip(content, search(content))]
    leaked = [name in hits for (name, _), hits in zip(boiler, search(boiler))]
    show = "--show" in sys.argv
    if show:
        for (name, q), ok in zip(content, found):
            if not ok: print(f"  not found  {name}: {q}")
        for (name, q), bad in zip(boiler, leaked):
            if bad: print(f"  leaked     {name}: {q}")
    print(f"content found:     {sum(found)}/{len(found)} = {sum(found) / len(found):.3f}  (target >= 0.96)")
    print(f"boilerplate leaked: {sum(leaked)}/{len(leaked)} = {sum(leaked) / len(leaked):.3f}  (target <= 0.10)")
    print(f"RESULT content={sum(found) / len(found):.4f} leaked={sum(leaked) / len(leaked):.4f}")

if __name__ == "__main__":
    main()
