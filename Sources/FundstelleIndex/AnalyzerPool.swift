import Dispatch
import FundstelleAnalysis
import FundstelleExtract

/// One analyzer per core, each keeping its word cache from batch to batch. A batch of
/// documents is cut into one contiguous run per analyzer; runs are analysed at the same time.
/// The result is in document order and does not depend on the scheduling: an analyzer's cache
/// changes only how fast it answers, never what.
final class AnalyzerPool: @unchecked Sendable {
    private var analyzers: [Analyzer]

    init(count: Int, decompounder: Decompounder, vocabulary: WordFrequencies) {
        let splits = AnalyzerPool.splitAll(vocabulary, decompounder: decompounder, workers: count)
        // One analyzer (and word cache) each: copies of an analyzer would share one cache.
        analyzers = (0..<count).map { _ in Analyzer(decompounder: decompounder, splits: splits) }
    }

    /// Splits every word of `vocabulary` long enough to be a compound, on all cores.
    static func splitAll(_ vocabulary: WordFrequencies, decompounder: Decompounder, workers: Int) -> SplitTable {
        var candidates: [[UInt8]] = []
        vocabulary.forEach { word, _ in
            if word.count >= SplitTable.minimumLength { candidates.append(Array(word)) }
        }
        let words = candidates
        var found = [[[UInt8]: SplitTable.Split]](repeating: [:], count: workers)
        found.withUnsafeMutableBufferPointer { out in
            nonisolated(unsafe) let out = out
            DispatchQueue.concurrentPerform(iterations: workers) { w in
                var mine: [[UInt8]: SplitTable.Split] = [:]
                for i in stride(from: w, to: words.count, by: workers) {
                    if let split = words[i].withUnsafeBufferPointer({ SplitTable.split($0, with: decompounder) }) {
                        mine[words[i]] = split
                    }
                }
                out[w] = mine
            }
        }
        var all: [[UInt8]: SplitTable.Split] = [:]
        for part in found { all.merge(part) { a, _ in a } }
        return SplitTable(words: Set(words), splits: all)
    }

    func analyze(_ documents: [Document]) -> [DocumentTerms] {
        let workers = analyzers.count
        let runLength = (documents.count + workers - 1) / workers
        var runs = [[DocumentTerms]](repeating: [], count: workers)
        runs.withUnsafeMutableBufferPointer { out in
            analyzers.withUnsafeMutableBufferPointer { pool in
                nonisolated(unsafe) let out = out
                nonisolated(unsafe) let pool = pool
                // Iteration w touches only run w and analyzer w.
                DispatchQueue.concurrentPerform(iterations: workers) { w in
                    let from = min(w * runLength, documents.count)
                    let to = min(from + runLength, documents.count)
                    var result: [DocumentTerms] = []
                    result.reserveCapacity(to - from)
                    for doc in documents[from..<to] { result.append(DocumentTerms(doc, analyzer: &pool[w])) }
                    out[w] = result
                }
            }
        }
        return runs.flatMap { $0 }
    }
}
