#!/usr/bin/env python3
"""Relevance of fundstelle's ranking (issue 6): MRR@10 and Success@10 on two test sets.

  known-item  the social laws listed in laws-dev.txt, pages of `make-gii-dump --social`:
              each norm page's § heading (<span class="jnentitel">) is a query; the answer is
              that page with its heading removed (so the page must be found by its text).
              Each law's table of contents (index.html) stays: it links every norm page with its
              heading, which an engine that reads link texts (anchor text) uses. With --without-toc
              the tables of contents are left out, and only the text of the pages counts.
  xquad       XQuAD-de dev: each paragraph is a page; each question's answer is its paragraph.

usage: relevance.py FUNDSTELLE SHARED_DATA_DIR SOCIAL_DUMP_DIR [--limit-queries N] [--show N] [--without-toc]
"""
import html, json, os, re, shutil, subprocess, sys, tempfile

def run_set(binary, name, pages_dir, queries, work, show):
    index = os.path.join(work, name + ".index")
    subprocess.run([binary, "index", pages_dir, "--index", index], check=True, capture_output=True)
    qfile = os.path.join(work, name + ".queries")
    with open(qfile, "w", encoding="utf-8") as f:
        f.write("\n".join(q for q, _ in queries) + "\n")
    out = subprocess.run([binary, "search", "--batch", qfile, "--json", "--limit", "10", "--index", index],
                         capture_output=True, text=True, check=True).stdout
    results = [json.loads(l) for l in out.splitlines() if l.strip()]
    assert len(results) == len(queries), (len(results), len(queries))
    rr, hits, misses = 0.0, 0, []
    for (q, answer), r in zip(queries, results):
        paths = []
        for h in r["hits"]:
            paths.append([h["path"]] + h.get("duplicates", []))
        rank = next((i + 1 for i, ps in enumerate(paths) if answer in ps), None)
        if rank:
            rr += 1 / rank
            hits += 1
        else:
            misses.append((q, answer, [p[0] for p in paths[:3]]))
    n = len(queries)
    print(f"{name}: {n} queries, MRR@10 {rr / n:.4f}, Success@10 {hits / n:.4f}")
    for q, a, top in misses[:show]:
        print(f"  missed  {q!r} → {a}; got {top}")
    return rr / n, hits / n

def known_item(shared, dump, work, limit, without_toc=False):
    laws = [l.strip() for l in open(os.path.join(shared, "laws-dev.txt"), encoding="utf-8")
            if l.strip() and not l.startswith("#")]
    pages = os.path.join(work, "laws")
    heading = re.compile(rb'(<span class="jnentitel">)(.*?)(</span>)', re.S)
    queries = []
    for law in laws:
        src = os.path.join(dump, law)
        if not os.path.isdir(src):
            continue
        dst = os.path.join(pages, law)
        os.makedirs(dst, exist_ok=True)
        for f in sorted(os.listdir(src)):
            if not f.endswith(".html") or (without_toc and f == "index.html"):
                continue
            raw = open(os.path.join(src, f), "rb").read()
            m = heading.search(raw)
            text = ""
            if m and f != "index.html":
                text = " ".join(html.unescape(re.sub(r"<[^>]*>", " ", m.group(2).decode("latin-1"))).split())
                raw = raw[:m.start(2)] + raw[m.end(2):]  # the page without its heading
            open(os.path.join(dst, f), "wb").write(raw)
            if text:
                queries.append((text, f"{law}/{f}"))
    k = max(1, len(queries) // limit) if limit else 1
    return pages, queries[::k][:limit or None]

def xquad(shared, work):
    data = json.load(open(os.path.join(shared, "qa", "xquad-de-dev", "xquad.de.dev.json"), encoding="utf-8"))
    pages = os.path.join(work, "xquad")
    os.makedirs(pages)
    queries, n = [], 0
    for article in data["data"]:
        for para in article["paragraphs"]:
            n += 1
            name = f"p{n:04d}.html"
            with open(os.path.join(pages, name), "w", encoding="utf-8") as f:
                f.write("<!DOCTYPE html><html lang=\"de\"><head><meta charset=\"utf-8\"><title>"
                        + html.escape(article.get("title", "")) + "</title></head><body><p>"
                        + html.escape(para["context"]) + "</p></body></html>")
            for qa in para["qas"]:
                queries.append((" ".join(qa["question"].split()), name))
    return pages, queries

def main():
    if len(sys.argv) < 4:
        print(__doc__)
        sys.exit(64)
    binary, shared, dump = sys.argv[1:4]
    limit = int(sys.argv[sys.argv.index("--limit-queries") + 1]) if "--limit-queries" in sys.argv else 2000
    show = int(sys.argv[sys.argv.index("--show") + 1]) if "--show" in sys.argv else 0
    work = tempfile.mkdtemp(prefix="fundstelle-relevance-")
    try:
        pages, queries = known_item(shared, dump, work, limit, "--without-toc" in sys.argv)
        a = run_set(binary, "known-item (laws-dev)", pages, queries, work, show)
        pages, queries = xquad(shared, work)
        b = run_set(binary, "xquad-de-dev", pages, queries, work, show)
        print(f"RESULT knownitem_mrr={a[0]:.4f} knownitem_s10={a[1]:.4f} xquad_mrr={b[0]:.4f} xquad_s10={b[1]:.4f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)

if __name__ == "__main__":
    main()
