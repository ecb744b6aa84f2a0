#!/usr/bin/env python3
"""Query sets of one type each, made from a file of § headings (one per line, as run-issue2.sh
and run-issue5.sh make them), for `fundstelle-bench queries` (issue 6: latency per query type).

  one-word      the heading's first content word (4+ letters, not a stop word)
  and-of-three  its first three content words
  phrase        its first two content words in quotes
  prefix        the first five letters of the first content word, then *
  fuzzy         the first content word with one letter dropped, then ~
  filter        the first content word and lang:de

usage: query-types.py HEADINGS OUT_PREFIX [--count N]
   then: fundstelle-bench queries --index DIR --queries OUT_PREFIX-TYPE.txt --min-hit-rate 0
"""
import random, re, sys

def main():
    if len(sys.argv) < 3:
        print(__doc__)
        sys.exit(64)
    headings, prefix = sys.argv[1], sys.argv[2]
    count = int(sys.argv[sys.argv.index("--count") + 1]) if "--count" in sys.argv else 500
    random.seed(7)  # the same typos every run
    stop = set("der die das und in zu den von mit ist im für auf dem nicht ein eine als auch es an sich "
               "des aus bei nach zum zur oder über vor bis".split())
    sets = {k: [] for k in ["one-word", "and-of-three", "phrase", "prefix", "fuzzy", "filter"]}
    for line in open(headings, encoding="utf-8"):
        words = [w for w in re.findall(r"[A-Za-zÄÖÜäöüß]+", line) if w.lower() not in stop and len(w) >= 4]
        if not words:
            continue
        first = words[0]
        sets["one-word"].append(first)
        if len(words) >= 3:
            sets["and-of-three"].append(" ".join(words[:3]))
        if len(words) >= 2:
            sets["phrase"].append('"' + " ".join(words[:2]) + '"')
        sets["prefix"].append(first[:5] + "*")
        if len(first) >= 5:
            i = random.randrange(1, len(first))
            sets["fuzzy"].append(first[:i] + first[i + 1:] + "~")
        sets["filter"].append(first + " lang:de")
    for name, queries in sets.items():
        with open(f"{prefix}-{name}.txt", "w", encoding="utf-8") as f:
            f.write("\n".join(queries[:count]) + "\n")
        print(f"{prefix}-{name}.txt: {min(count, len(queries))} queries")

if __name__ == "__main__":
    main()
