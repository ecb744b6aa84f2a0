import ArgumentParser
import FundstelleIndex
import FundstelleSearch

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search the index.",
        discussion: """
            QUERY SYNTAX
              pflege kosten          both words, in any inflected or folded form
                                     ("Fachkraefte" finds "Fachkräfte"); fewer than
                                     10 documents with all words: the best partial
                                     matches follow (score × √share of words)
              Fünf-Tage-Woche        each part required, together or apart
                                     (together ranks higher)
              "hilfe zur pflege"     the words next to each other, in this order
              "hilfe pflege"~2       in this order, at most 2 other words between
                                     each two
              -pflegegeld            leave out documents with this word
                                     (also -"a phrase")
              pflege OR betreuung    either word; OR binds tighter than AND
              (hilfe pflege) OR wohngeld
                                     parentheses group; -( … ) leaves out what is
                                     inside
              pflegeeinr*            words that begin so (2 letters or more
                                     before the *; at most 256 per field and
                                     segment)
              wohngelt~, mite~2      words within 1 (or 2) edits, with the same
                                     first letter
              title:wohngeld         the word in one field: title:, headings:,
                                     body:, description:, anchor: (the texts of
                                     links to the page)
              path:soziales/         documents whose path begins so (a filter:
                                     adds no score); -path:… leaves them out
              site:www.stadt.de      documents of a site (the URL's host, else the
                                     first folder)
              year:2024 lang:de      documents of a year, a language
              date:2024-01..2024-06  a date range; also date:>=2025,
                                     date:<2024-07, date:2024
              wohngeld^2             the word counts twice (boosts from 0 to 100)
            Stop words (der, zum, und, …) are not required unless inside a phrase. Pages
            where the words stand next to each other, in the order typed, rank higher. A
            compound no page has ("Zuordnungsgrundsätze") is split as the indexer would,
            and its parts are required, near each other. A bare * asks for nothing; a query
            starting with - needs -- before it (fundstelle search -- -x y). A query with a
            mistake still searches what it can read (an unclosed quote runs to the end, a
            stray OR or ")" is ignored, an unclosed "(" closes at the end) and says so: on
            stderr, or as "warnings" in JSON, each with its position. Queries longer than
            4096 bytes are cut at a space, and required words beyond 64 are ignored; the
            result then says "truncated": true.

            JSON (--json, one object; with --batch one per line)
              {"query", "total", "partial", "complete", "took_ms",
               "hits": [{"id", "path", "url", "title", "date", "score",
                         "snippet", "highlights",
                         "duplicates" (only when the page is at other paths too)}],
               "facets" (with --facets):
                 {"site": [[value, count], …], "year": …, "lang": …}}
              "did_you_mean": a corrected query, when fewer than 3 hits have every
                word and one can be made
              with --explain each hit also has "explain": {"proximity",
                "items": [{"item", "score", "idf", "fields": {"title": tf, …},
                           "exact_bonus", "folded_bonus"}]}
              highlights are [start, end) offsets into snippet, counted in Unicode
              code points; partial is true when no hit has every word; the first
              "complete" hits have every word, the rest (when fewer than 10 have
              them all) are the best partial matches.
            """
    )

    @Argument(help: "The query (see QUERY SYNTAX). Not used with --batch.")
    var query: [String] = []

    @OptionGroup var location: IndexLocation

    @Option(help: "Number of hits to show.")
    var limit: Int = 10

    @Option(help: "Number of hits to skip (for paging).")
    var offset: Int = 0

    @Flag(help: "Print one JSON object instead of text.")
    var json = false

    @Option(help: ArgumentHelp("Run one query per line of FILE ('-' for stdin); with --json, one JSON line each.", valueName: "FILE"))
    var batch: String?

    @Flag(help: "Count the matching documents per site, year and language.")
    var facets = false

    @Flag(help: "Show per hit what each query word added to the score, by field and bonus.")
    var explain = false

    @Option(help: ArgumentHelp("Only documents with this site, year, date or language (repeatable): site:www.stadt.example, year:2024, date:2024-01..2024-06, lang:de.", valueName: "NAME:VALUE"))
    var filter: [String] = []

    func validate() throws {
        if let problem = SearchRun(self).problem { throw ValidationError(problem) }
    }

    func run() throws {
        try SearchRun(self).run()
    }
}

/// A search as `fundstelle search` runs it, its options as plain values: made from a
/// `SearchCommand` that ArgumentParser parsed and validated, or straight from the plain
/// argument lists scripts send most (`SearchRun(quick:)`).
struct SearchRun {
    var query: [String] = []
    var directory = "Index"
    var limit = 10
    var offset = 0
    var json = false
    var batch: String?
    var facets = false
    var explain = false
    var filter: [String] = []

    init(_ command: SearchCommand) {
        query = command.query
        directory = command.location.directory
        limit = command.limit
        offset = command.offset
        json = command.json
        batch = command.batch
        facets = command.facets
        explain = command.explain
        filter = command.filter
    }

    /// The search `arguments` (after `search`) ask for when they hold only query words (not
    /// starting with "-"), the flags `--json`, `--facets` and `--explain` and the options
    /// `--index`, `--limit`, `--offset`, `--batch` and `--filter` (repeatable), each followed
    /// by its value, each option and flag at most once, and pass the checks (`problem`); nil
    /// for anything else, which ArgumentParser then parses (and explains, when it is wrong).
    /// ArgumentParser builds its view of every command by reflection, and the runtime's
    /// protocol look-ups that takes were 43 % of the instructions of a whole search process
    /// on the full law dump (12.5 of 28.8 M, callgrind).
    init?(quick arguments: some Collection<String>) {
        var seen: Set<String> = []
        var it = arguments.makeIterator()
        while let argument = it.next() {
            guard argument.hasPrefix("-") else {
                query.append(argument)
                continue
            }
            guard argument == "--filter" || seen.insert(argument).inserted else { return nil }
            switch argument {
            case "--json": json = true
            case "--facets": facets = true
            case "--explain": explain = true
            case "--index", "--limit", "--offset", "--batch", "--filter":
                guard let value = it.next(), !value.hasPrefix("-") else { return nil }
                switch argument {
                case "--index": directory = value
                case "--limit": guard let n = Int(value) else { return nil }; limit = n
                case "--offset": guard let n = Int(value) else { return nil }; offset = n
                case "--batch": batch = value
                default: filter.append(value)
                }
            default: return nil
            }
        }
        guard problem == nil else { return nil }
    }

    /// What is wrong with these options, as `fundstelle search` says it; nil when nothing is.
    var problem: String? {
        guard (0...10_000).contains(limit) else { return "--limit must be between 0 and 10000" }
        guard offset >= 0 else { return "--offset must not be negative" }
        if batch == nil && query.isEmpty { return "give a QUERY or --batch FILE" }
        if batch != nil && !query.isEmpty { return "give either a QUERY or --batch FILE, not both" }
        if let f = filter.first(where: { !Query.isFilter($0) }) {
            return "--filter '\(f)': use site:VALUE, year:VALUE, date:VALUE or lang:VALUE"
        }
        return nil
    }

    func run() throws {
        try failing {
            let searcher = Searcher(reader: try openIndex(directory))
            if let batch {
                try runBatch(batch, searcher: searcher)
                return
            }
            let result = try search(query.joined(separator: " "), searcher)
            if json { print(result.json()) } else { printHuman(result) }
        }
    }

    private func search(_ text: String, _ searcher: Searcher) throws -> SearchResult {
        do {
            let filtered = filter.isEmpty ? text : text + " " + filter.joined(separator: " ")
            return try searcher.search(filtered, limit: limit, offset: offset, facets: facets, explain: explain)
        } catch .index(let error) {
            throw Failure(error, directory: directory)
        } catch {
            throw Failure(error.description)
        }
    }

    /// Answers each line as soon as it is read, so a script can write a query and wait for its answer.
    private func runBatch(_ file: String, searcher: Searcher) throws {
        var lines: AnyIterator<String>
        if file == "-" {
            lines = AnyIterator { readLine() }
        } else {
            let bytes: [UInt8]
            do { bytes = try readFile(file) } catch { throw Failure("cannot read '\(file)': \(error.reason)") }
            var all = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).makeIterator()
            lines = AnyIterator { all.next().map(String.init) }
        }
        while let line = lines.next() {
            let text = line.trimmingSpaces()
            if text.isEmpty && file != "-" { continue }
            let result = try search(text, searcher)
            if json { Terminal.line(result.json()) } else { printHuman(result) }
        }
    }

    private func printHuman(_ result: SearchResult) {
        let took = (result.tookMilliseconds * 100).rounded() / 100
        let kind = result.partial ? " (partial matches: no document has every word)"
            : result.complete < result.total ? " (\(result.complete) with every word, then partial matches)" : ""
        // A phrase query brings its own quotes: "Hilfe zum Lebensunterhalt", not ""…"".
        let q = result.query
        let shown = q.count > 1 && q.hasPrefix("\"") && q.hasSuffix("\"") ? q : "\"\(q)\""
        print(Terminal.dim("\(result.total) \(result.total == 1 ? "hit" : "hits") for \(shown)\(kind), \(took) ms"))
        for (i, hit) in result.hits.enumerated() {
            if !result.partial, offset + i == result.complete { print(Terminal.dim("\n  ─── these lack some of the words ───")) }
            print("")
            print("\(String(offset + i + 1).leftPadded(3)). \(Terminal.bold(hit.title.isEmpty ? hit.path : hit.title))")
            var line = Terminal.green(hit.path)
            if !hit.date.isEmpty { line += Terminal.dim(" · \(hit.date)") }
            print("     \(line)")
            if !hit.snippet.isEmpty { print("     \(highlighted(hit))") }
            if !hit.explanation.isEmpty {
                let round = { (x: Float) in String((x * 1000).rounded() / 1000) }
                print(Terminal.dim("     score \(round(hit.score)) = (items" + (hit.proximity != 1 ? ") × proximity \(round(hit.proximity))" : ")")))
                for e in hit.explanation {
                    var line = "       \(e.item): \(round(e.score)) (idf \(round(e.idf)); " + e.fields.map { "\($0.field) \(round($0.tf))" }.joined(separator: ", ") + ")"
                    if e.exactBonus > 0 { line += " + exact spelling \(round(e.exactBonus))" }
                    if e.foldedBonus > 0 { line += " + folded spelling \(round(e.foldedBonus))" }
                    print(Terminal.dim(line))
                }
            }
        }
        if result.total > offset + result.hits.count, !result.hits.isEmpty {
            print(Terminal.dim("\nmore: --offset \(offset + result.hits.count)"))
        }
        if let suggestion = result.suggestion { print(Terminal.dim("\nDid you mean: ") + suggestion) }
        for warning in result.warnings { Terminal.error("fundstelle: query: \(warning)") }
        for facet in result.facets where !facet.values.isEmpty {
            print(Terminal.dim("\n\(facet.name): ") + facet.values.map { "\($0.value) (\($0.count))" }.joined(separator: ", "))
        }
    }

    private func highlighted(_ hit: Hit) -> String {
        let scalars = Array(hit.snippet.unicodeScalars)
        var out = String.UnicodeScalarView()
        var cursor = 0
        for h in hit.highlights where h.count == 2 && h[0] >= cursor && h[1] <= scalars.count && h[0] < h[1] {
            out.append(contentsOf: scalars[cursor..<h[0]])
            out.append(contentsOf: Terminal.highlight(String(String.UnicodeScalarView(scalars[h[0]..<h[1]]))).unicodeScalars)
            cursor = h[1]
        }
        out.append(contentsOf: scalars[cursor...])
        return String(out)
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
