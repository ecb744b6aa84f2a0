/// A fixed set of short byte strings (class-name words, roles), looked up by a hash of all
/// their bytes at once: `Set<[UInt8]>` feeds the hasher an array element by element, which
/// costs several times as much, and the extractor asks for every word of every class name.
struct ByteWords: Sendable {
    private struct Key: Hashable, Sendable {
        let bytes: [UInt8]
        func hash(into hasher: inout Hasher) { bytes.withUnsafeBytes { hasher.combine(bytes: $0) } }
    }

    private let keys: Set<Key>

    init(_ words: [String]) {
        keys = Set(words.map { Key(bytes: Array($0.utf8)) })
    }

    func contains(_ word: [UInt8]) -> Bool { keys.contains(Key(bytes: word)) }
}
