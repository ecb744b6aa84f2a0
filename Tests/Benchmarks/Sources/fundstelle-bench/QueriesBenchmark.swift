import FundstelleIndex
import FundstelleSearch

/// `fundstelle-bench queries`: query latency in process, the index opened once.
struct QueriesBenchmark {
    var index: String
    var queriesFile: String
    var runs: Int
    var limit: Int
    var useMinimum: Bool
    var minHitRate: Double
    var maxP95: Double?
    var slowest: Int

    init(arguments: [String]) throws {
        let a = try Arguments(
            arguments,
            options: ["index", "queries", "runs", "limit", "per-query", "min-hit-rate", "max-p95-ms", "slowest"])
        guard a.positional.isEmpty else { throw UsageError("unexpected argument '\(a.positional[0])'") }
        guard let index = a.string("index") else { throw UsageError("queries needs --index DIR") }
        guard let file = a.string("queries") else { throw UsageError("queries needs --queries FILE") }
        self.index = index
        queriesFile = file
        runs = try a.int("runs", default: 3, range: 1...1000)
        limit = try a.int("limit", default: 10, range: 0...10_000)
        slowest = try a.int("slowest", default: 10, range: 0...10_000)
        switch a.string("per-query") ?? "median" {
        case "median": useMinimum = false
        case "min": useMinimum = true
        case let other: throw UsageError("--per-query must be median or min, not '\(other)'")
        }
        minHitRate = try a.double("min-hit-rate") ?? 0.95
        guard minHitRate <= 1 else { throw UsageError("--min-hit-rate must be between 0 and 1") }
        maxP95 = try a.double("max-p95-ms")
    }

    func run() throws -> Int32 {
        let text = String(decoding: try readFile(queriesFile), as: UTF8.self)
        let queries = text.split(separator: "\n", omittingEmptySubsequences: true)
            .map { $0.trimmingCharacters() }
            .filter { !$0.isEmpty }
        guard !queries.isEmpty else { throw Failure("no queries in '\(queriesFile)'") }

        let openStarted = now()
        let reader: IndexReader
        do {
            reader = try IndexReader.open(index)
        } catch {
            throw Failure("cannot open index '\(index)': \(error)")
        }
        let openMs = (now() - openStarted) * 1000
        let searcher = Searcher(reader: reader)

        // Warm-up: pages in the mapped files, grows the searcher's buffers.
        let warmStarted = now()
        var totals = [Int](repeating: 0, count: queries.count)
        var returned = [Int](repeating: 0, count: queries.count)
        for (i, q) in queries.enumerated() {
            let result = try searcher.search(q, limit: limit)
            totals[i] = result.total
            returned[i] = result.hits.count
        }
        let warmMs = (now() - warmStarted) * 1000

        var times = [[Double]](repeating: [], count: queries.count)
        for _ in 0..<runs {
            for (i, q) in queries.enumerated() {
                let started = now()
                let result = try searcher.search(q, limit: limit)
                let ms = (now() - started) * 1000
                times[i].append(ms)
                guard result.total == totals[i], result.hits.count == returned[i] else {
                    throw Failure("query '\(q)' gave \(result.total) hits, in the warm-up \(totals[i]): the searcher is not deterministic")
                }
            }
        }

        let perQuery = times.map { useMinimum ? ($0.min() ?? 0) : median($0) }
        let sorted = perQuery.sorted()
        let mean = perQuery.reduce(0, +) / Double(perQuery.count)
        let p50 = median(perQuery), p95 = percentile(sorted, 95), p99 = percentile(sorted, 99), max = sorted.last ?? 0
        let withHits = totals.filter { $0 > 0 }.count
        let hitRate = Double(withHits) / Double(queries.count)
        let hitsReturned = returned.reduce(0, +)
        let matched = totals.reduce(0, +)
        let over100 = perQuery.filter { $0 > 100 }.count

        print("index:           \(index) (\(reader.documentCount) documents, \(reader.segments.count) segments, \(fixed(Double(reader.sizeInBytes) / 1e6, 1)) MB), opened in \(fixed(openMs, 2)) ms")
        print("queries:         \(queries.count) from \(queriesFile), limit \(limit), snippets on")
        print("passes:          1 warm-up (\(fixed(warmMs / 1000, 2)) s), \(runs) timed; per query the \(useMinimum ? "fastest" : "median") of \(runs)")
        print("latency ms:      median \(fixed(p50, 3))  mean \(fixed(mean, 3))  p95 \(fixed(p95, 3))  p99 \(fixed(p99, 3))  max \(fixed(max, 3))")
        print("queries > 100 ms: \(over100)")
        print("hits:            \(hitsReturned) returned, \(matched) matched in all; \(withHits) of \(queries.count) queries (\(fixed(hitRate * 100, 1)) %) find ≥ 1 document")
        if slowest > 0 {
            print("slowest queries (ms, matched, query):")
            let order = perQuery.indices.sorted { perQuery[$0] > perQuery[$1] }
            for i in order.prefix(slowest) {
                print("  \(fixed(perQuery[i], 3).leftPadded(9))  \(String(totals[i]).leftPadded(7))  \(queries[i])")
            }
        }
        let noHits = queries.indices.filter { totals[$0] == 0 }
        if !noHits.isEmpty {
            print("queries without hits (first 10 of \(noHits.count)):")
            for i in noHits.prefix(10) { print("  \(queries[i])") }
        }
        // One line for scripts.
        print("RESULT queries=\(queries.count) runs=\(runs) median_ms=\(fixed(p50, 3)) mean_ms=\(fixed(mean, 3)) p95_ms=\(fixed(p95, 3)) p99_ms=\(fixed(p99, 3)) max_ms=\(fixed(max, 3)) over_100ms=\(over100) hits_returned=\(hitsReturned) hit_rate=\(fixed(hitRate, 4)) documents=\(reader.documentCount)")

        var failed = false
        if hitRate < minHitRate {
            printError("FAIL: only \(withHits) of \(queries.count) queries (\(fixed(hitRate * 100, 1)) %) find a document, want ≥ \(fixed(minHitRate * 100, 1)) %")
            failed = true
        }
        if let maxP95, p95 > maxP95 {
            printError("FAIL: p95 \(fixed(p95, 3)) ms is above --max-p95-ms \(fixed(maxP95, 3))")
            failed = true
        }
        return failed ? 1 : 0
    }
}

extension Substring {
    func trimmingCharacters() -> String {
        var s = self
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
