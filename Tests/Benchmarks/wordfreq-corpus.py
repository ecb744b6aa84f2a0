#!/usr/bin/env python3
"""A pseudo-corpus of general German for `fundstelle-bench compounds` (issue 3): each word of
the `wordfreq` package's large German list written as often as its frequency says (per 10^7
words, at least once), one word per space, into OUT_DIR/wordfreq-de.txt.

The decompounder splits with the word counts of what it indexes; the law texts and web pages
beside the project know few everyday words ("Chiffon", "Molch"). With this pseudo-corpus the
benchmark shows what the same algorithm does with a general vocabulary.

usage: wordfreq-corpus.py OUT_DIR        (needs `pip install wordfreq`)
"""
import os, sys

def main():
    if len(sys.argv) != 2:
        print(__doc__)
        sys.exit(64)
    from wordfreq import get_frequency_dict
    os.makedirs(sys.argv[1], exist_ok=True)
    path = os.path.join(sys.argv[1], "wordfreq-de.txt")
    words = tokens = 0
    with open(path, "w", encoding="utf-8") as out:
        for word, share in get_frequency_dict("de", wordlist="large").items():
            if not word.isalpha():
                continue
            count = max(1, round(share * 1e7))
            out.write((word + " ") * count + "\n")
            words += 1
            tokens += count
    print(f"{path}: {words} words, {tokens} tokens")

if __name__ == "__main__":
    main()
