/// Splits computed ahead of analysis for a whole vocabulary, shared read-only by every
/// analyzer: each distinct word is split once, not once per analyzer. Words not in the table
/// are split on demand.
public struct SplitTable: Sendable {
    /// A word's split: the index terms of its parts and where its last part begins.
    public struct Split: Sendable, Equatable {
        public var parts: [[UInt8]]
        public var headOffset: Int

        public init(parts: [[UInt8]], headOffset: Int) {
            self.parts = parts
            self.headOffset = headOffset
        }
    }

    /// Words looked at, split or not: a word here without a split stays whole.
    private let words: Set<[UInt8]>
    private let splits: [[UInt8]: Split]

    public init(words: Set<[UInt8]>, splits: [[UInt8]: Split]) {
        self.words = words
        self.splits = splits
    }

    /// The split of `word`: `.some(nil)` when it was looked at and stays whole, `nil` when the
    /// table does not know it.
    func lookUp(_ word: [UInt8]) -> Split?? {
        guard words.contains(word) else { return nil }
        return .some(splits[word])
    }

    /// Splits `word` with `decompounder` into the form the table keeps; nil when it stays whole.
    public static func split(_ word: UnsafeBufferPointer<UInt8>, with decompounder: Decompounder) -> Split? {
        let parts = decompounder.split(word)
        guard parts.count >= 2 else { return nil }
        var terms: [[UInt8]] = []
        var scratch: [UInt8] = []
        for part in parts {
            part.normalized.withUnsafeBufferPointer { GermanConflation.indexTerm($0, into: &scratch) }
            terms.append(scratch)
        }
        return Split(parts: terms, headOffset: parts[parts.count - 1].range.lowerBound)
    }

    /// Shortest word worth splitting, in bytes.
    public static let minimumLength = 7
}
