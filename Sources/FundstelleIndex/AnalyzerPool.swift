import Dispatch
import FundstelleAnalysis
import FundstelleExtract

/// One analyzer per core, each keeping its word cache from batch to batch. A batch of
/// documents is cut into one contiguous run per analyzer; runs are analysed at the same time.
/// The result is in document order and does not depend on the scheduling: an analyzer's cache
/// changes only how fast it answers, never what.
final class AnalyzerPool: @unchecked Sendable {
    private var analyzers: [Analyzer]
    /// The splits the analyzers use: those of `known` and of the vocabulary's other words.
    let splits: SplitTable

    init(count: Int, decompounder: Decompounder, vocabulary: WordFrequencies, known: SplitTable = SplitTable()) {
        let splits = AnalyzerPool.splitAll(vocabulary, decompounder: decompounder, workers: count, adding: known)
        self.splits = splits
        // One analyzer (and word cache) each: copies of an analyzer would share one cache.
        analyzers = (0..<count).map { _ in Analyzer(decompounder: decompounder, splits: splits) }
    }

    /// Splits every word of `vocabulary` long enough to be a compound that `table` does not
    /// know yet, on all cores, and returns `table` with them.
    static func splitAll(
        _ vocabulary: WordFrequencies, decompounder: Decompounder, workers: Int, adding table: SplitTable = SplitTable()
    ) -> SplitTable {
        var candidates: [[UInt8]] = []
        vocabulary.forEach { word, _ in
            guard word.count >= SplitTable.minimumLength else { return }
            let bytes = Array(word)
            if !table.knows(bytes) { candidates.append(bytes) }
        }
        let words = candidates
        var found = [SplitTable.Split?](repeating: nil, count: words.count)
        found.withUnsafeMutableBufferPointer { out in
            nonisolated(unsafe) let out = out
            // Iteration w splits every workers-th word, starting at w.
            DispatchQueue.concurrentPerform(iterations: workers) { w in
                for i in stride(from: w, to: words.count, by: workers) {
                    out[i] = words[i].withUnsafeBufferPointer { SplitTable.split($0, with: decompounder) }
                }
            }
        }
        var all = table
        for (word, split) in zip(words, found) { all.add(word, split) }
        return all
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
