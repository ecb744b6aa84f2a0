// fundstelle-bench: in-process measurements of the Fundstelle libraries.
//
//   fundstelle-bench queries --index DIR --queries FILE [--runs N] [--min-hit-rate R] ...
//   fundstelle-bench analyze [--raw] [--runs N] FILE|DIR...
//   fundstelle-bench compounds --jwordsplitter FILE --dweiss FILE [--frequencies FILE] CORPUS...
//
// Exit codes: 0 success, 1 a check failed or an input could not be read, 64 usage error.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

let usage = """
    usage: fundstelle-bench <command> [options]

    commands:
      queries --index DIR --queries FILE [options]
          Opens the index once and runs every non-empty line of FILE as a query through one
          Searcher (limit 10, snippets: what `fundstelle search` does in process): one warm-up
          pass, then N timed passes. Per query it keeps the median (or fastest) of its runs and
          prints count, median, mean, p95, p99 and max in milliseconds, hits returned and the
          slowest queries.
            --runs N             timed passes (default 3)
            --per-query median|min
                                 which of a query's N times counts (default median)
            --limit N            hits per query (default 10)
            --min-hit-rate R     fail (exit 1) when fewer than this fraction of the queries
                                 find at least one document (default 0.95; 0 turns it off)
            --max-p95-ms MS      fail (exit 1) when p95 is above MS (default: no check)
            --slowest N          list the N slowest queries (default 10)

      analyze [options] FILE|DIR...
          Analysis throughput, single-threaded: each file (folders are walked for .xml, .html,
          .htm, .xhtml, .txt) is extracted with FundstelleExtract.Extractor, and the text of its
          documents (title, headings, body, description — what the index analyses) is run
          through Analyzer (tokenize + lower-case + stop words + stem). Prints MB/s (10^6 bytes
          of UTF-8 text) and tokens/s of the analysis alone, and the extraction rate separately.
            --raw                analyse the raw file bytes instead of the extracted text
            --decompound         also split compounds (with the input's own word counts)
            --runs N             timed passes over all text, the fastest counts (default 3)

      compounds [options] [CORPUS FILE|DIR...]
          Decompounder accuracy and speed. Word frequencies are counted from the corpus files
          (.xml, .html, .htm, .xhtml, .txt; markup stripped crudely), never from the test lists.
            --jwordsplitter FILE test-de-large.txt: exact splits / words kept whole
            --dweiss FILE        test-compounds.utf8: exact splits
            --frequencies FILE   read the frequency table from FILE, or count and write it there
            --min-split R, --min-whole R
                                 fail (exit 1) below these jwordsplitter rates (0–1)
            --min-part-frequency N, --min-part-length N, --short-part-frequency N,
            --rare-word-length N, --part-penalty X
                                 override the Decompounder defaults
            --show-errors N      list up to N wrong answers

      extraction --gold FILE [--show-errors N] DIR
          Scores the extractor on pages with gold annotations (../shared/data/web-de): a `with`
          string found in the page's text (headings and body) is a true positive, a `without`
          string found a false positive; precision, recall, F1, title and date accuracy.

      conflation FILE...
          Pairwise precision, recall and F1 of stems on gold clusters of word forms (one
          cluster per line, forms separated by spaces: CISTEM's gold standards) for Snowball
          German, CISTEM, and Fundstelle's index term.

    """

var arguments = Array(CommandLine.arguments.dropFirst())
guard let command = arguments.first else {
    printError(usage)
    exit(64)
}
arguments.removeFirst()

do {
    switch command {
    case "queries":
        exit(try QueriesBenchmark(arguments: arguments).run())
    case "analyze":
        exit(try AnalyzeBenchmark(arguments: arguments).run())
    case "extraction":
        exit(try ExtractionBenchmark(arguments: arguments).run())
    case "conflation":
        exit(try ConflationBenchmark(arguments: arguments).run())
    case "compounds":
        exit(try CompoundsBenchmark(arguments: arguments).run())
    case "-h", "--help", "help":
        print(usage, terminator: "")
        exit(0)
    default:
        throw UsageError("unknown command '\(command)'")
    }
} catch let error as UsageError {
    printError("fundstelle-bench: \(error.message)\n\n\(usage)")
    exit(64)
} catch {
    printError("fundstelle-bench: \(error)")
    exit(1)
}
