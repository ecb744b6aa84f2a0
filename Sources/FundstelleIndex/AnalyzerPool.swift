import Dispatch
import FundstelleAnalysis
import FundstelleExtract

/// One analyzer per core, each keeping its word cache from batch to batch. Documents are
/// analysed in batches, one per analyzer at a time, on worker threads. The result is in
/// document order and does not depend on the scheduling: an analyzer's cache changes only how
/// fast it answers, never what.
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
                var workspace = Decompounder.Workspace()
                for i in stride(from: w, to: words.count, by: workers) {
                    out[i] = words[i].withUnsafeBufferPointer { SplitTable.split($0, with: decompounder, in: &workspace) }
                }
            }
        }
        var all = table
        for (word, split) in zip(words, found) { all.add(word, split) }
        return all
    }

    /// One batch's analysed documents, filled by a worker thread.
    private final class Batch: @unchecked Sendable {
        var terms: [DocumentTerms] = []
        let done = DispatchSemaphore(value: 0)
    }

    /// Analyses `documents` in batches of `batchSize`, one batch per analyzer at a time on
    /// worker threads, and hands each document's terms to `consume` in document order on the
    /// calling thread, which so adds one batch while the next ones are analysed (adding is
    /// serial; analysing alone would leave a core idle while it runs).
    func analyze(_ documents: [Document], batchSize: Int, _ consume: (Int, DocumentTerms) -> Void) {
        let workers = analyzers.count
        let count = (documents.count + batchSize - 1) / batchSize
        let batches = (0..<count).map { _ in Batch() }
        analyzers.withUnsafeMutableBufferPointer { pool in
            nonisolated(unsafe) let pool = pool
            // Batch b uses analyzer b mod workers, and batch b + workers is launched only when
            // batch b is done: an analyzer never serves two batches at once.
            func launch(_ b: Int) {
                let range = (b * batchSize)..<min((b + 1) * batchSize, documents.count)
                let batch = batches[b]
                DispatchQueue.global().async {
                    var result: [DocumentTerms] = []
                    result.reserveCapacity(range.count)
                    var scratch = DocumentTerms.Scratch()
                    for d in range { result.append(DocumentTerms(documents[d], analyzer: &pool[b % workers], scratch: &scratch)) }
                    batch.terms = result
                    batch.done.signal()
                }
            }
            for b in 0..<min(workers, count) { launch(b) }
            for b in 0..<count {
                batches[b].done.wait()
                if b + workers < count { launch(b + workers) }
                for (k, terms) in batches[b].terms.enumerated() { consume(b * batchSize + k, terms) }
                batches[b].terms = []
            }
        }
    }
}
