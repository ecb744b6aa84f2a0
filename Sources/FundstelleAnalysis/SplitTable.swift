/// Splits computed ahead of analysis for a whole vocabulary, shared read-only by every
/// analyzer: each distinct word is split once, not once per analyzer. Words not in the table
/// are split on demand. An indexing run keeps one table for all its segments, so a word is
/// split the same way in each of them.
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

    /// A word as a key hashed over all its bytes at once (an array hashes element by element).
    private struct Key: Hashable, Sendable {
        let bytes: [UInt8]
        func hash(into hasher: inout Hasher) { bytes.withUnsafeBytes { hasher.combine(bytes: $0) } }
    }

    /// Every word looked at: its split, or nil when it stays whole.
    private var entries: [Key: Split?] = [:]

    public init() {}

    /// Words looked at, split or not.
    public var count: Int { entries.count }

    /// Notes `word`'s split (nil: it stays whole).
    public mutating func add(_ word: [UInt8], _ split: Split?) {
        entries[Key(bytes: word)] = .some(split)
    }

    /// Whether the table has looked at `word`.
    public func knows(_ word: [UInt8]) -> Bool { entries[Key(bytes: word)] != nil }

    /// The split of `word`: `.some(nil)` when it was looked at and stays whole, `nil` when the
    /// table does not know it.
    func lookUp(_ word: [UInt8]) -> Split?? {
        entries[Key(bytes: word)]
    }

    /// Splits `word` with `decompounder` into the form the table keeps (nil when it stays
    /// whole), in the buffers of a workspace the caller keeps for many words.
    public static func split(
        _ word: UnsafeBufferPointer<UInt8>, with decompounder: Decompounder, in workspace: inout Decompounder.Workspace
    ) -> Split? {
        let parts = decompounder.split(word, in: &workspace)
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
