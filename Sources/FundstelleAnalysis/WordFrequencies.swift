/// A compact table of lower-cased words and how often each occurs in a corpus.
///
/// Keys are UTF-8 bytes stored back to back in one arena; an open-addressing hash
/// table (linear probing, FNV-1a) maps a key to its entry. No `String` is made per
/// key, so counting a large corpus and looking words up allocate nothing per word.
/// The decompounder reads it to decide which word parts exist; the index can store
/// it with `encoded()` and read it back with `init(decoding:)`.
public struct WordFrequencies: Sendable {
    /// Why `init(decoding:)` rejected its input.
    public struct DecodingError: Error, Equatable, Sendable {
        public var message: String
        init(_ message: String) { self.message = message }
    }

    /// All keys, back to back.
    private var arena: [UInt8] = []
    /// Entry `i` is `arena[starts[i]..<starts[i + 1]]`; one more element than entries.
    private var starts: [UInt32] = [0]
    /// How often entry `i` was counted.
    private var counts: [UInt32] = []
    /// Hash slots: an entry index, or -1 when empty. The length is a power of two.
    private var slots: [Int32] = Array(repeating: -1, count: 1024)

    /// Number of distinct words.
    public var count: Int { counts.count }
    /// Sum of all counts (the number of word occurrences seen).
    public private(set) var total: UInt64 = 0

    public init() {}

    // MARK: - Counting

    /// Adds `amount` to the count of `word` (lower-cased UTF-8; empty words are ignored).
    public mutating func add(_ word: UnsafeBufferPointer<UInt8>, amount: UInt32 = 1) {
        guard !word.isEmpty, amount > 0 else { return }
        total &+= UInt64(amount)
        let (slot, entry) = find(word)
        if let entry {
            let (sum, overflow) = counts[entry].addingReportingOverflow(amount)
            counts[entry] = overflow ? .max : sum
            return
        }
        slots[slot] = Int32(counts.count)
        arena.append(contentsOf: word)
        starts.append(UInt32(arena.count))
        counts.append(amount)
        if counts.count * 2 > slots.count { grow() }
    }

    /// Counts every word of `text` (UTF-8), tokenized and lower-cased like the index does.
    public mutating func addText(_ text: UnsafeBufferPointer<UInt8>) {
        var lower: [UInt8] = []
        lower.reserveCapacity(64)
        Tokenizer.tokenize(text) { token in
            Lowercaser.lowercase(UnsafeBufferPointer(rebasing: text[token.start..<token.end]), into: &lower)
            lower.withUnsafeBufferPointer { add($0) }
        }
    }

    /// Convenience for tests and tools: adds `amount` for `word` (lower-cased by the caller).
    public mutating func add(_ word: String, amount: UInt32 = 1) {
        var word = word
        word.withUTF8 { add($0, amount: amount) }
    }

    // MARK: - Reading

    /// How often `word` (lower-cased UTF-8) was counted; 0 when never.
    public func frequency(of word: UnsafeBufferPointer<UInt8>) -> Int {
        guard let entry = find(word).entry else { return 0 }
        return Int(counts[entry])
    }

    /// Convenience for tests and tools.
    public func frequency(of word: String) -> Int {
        var word = word
        return word.withUTF8 { frequency(of: $0) }
    }

    /// Calls `body(word, count)` for every entry, in the order the words were first added.
    public func forEach(_ body: (UnsafeBufferPointer<UInt8>, Int) -> Void) {
        arena.withUnsafeBufferPointer { arena in
            for i in 0..<counts.count {
                body(UnsafeBufferPointer(rebasing: arena[Int(starts[i])..<Int(starts[i + 1])]), Int(counts[i]))
            }
        }
    }

    // MARK: - Serialisation

    /// The format: "FSWF", version byte 1, the entry count as a LEB128 varint, then per
    /// entry the key length (varint), the key bytes and the count (varint).
    private static let magic: [UInt8] = Array("FSWF".utf8)

    /// The table as bytes, for storing beside an index.
    public func encoded() -> [UInt8] {
        var out = Self.magic
        out.reserveCapacity(arena.count + counts.count * 4 + 16)
        out.append(1)
        Self.appendVarint(UInt64(counts.count), to: &out)
        for i in 0..<counts.count {
            let start = Int(starts[i]), end = Int(starts[i + 1])
            Self.appendVarint(UInt64(end - start), to: &out)
            out.append(contentsOf: arena[start..<end])
            Self.appendVarint(UInt64(counts[i]), to: &out)
        }
        return out
    }

    /// Reads a table written by `encoded()`. Throws on anything else, never traps.
    public init(decoding bytes: [UInt8]) throws {
        guard bytes.count >= 5, Array(bytes[0..<4]) == Self.magic else { throw DecodingError("not a word-frequency table") }
        guard bytes[4] == 1 else { throw DecodingError("unknown version \(bytes[4])") }
        var i = 5
        let entries = try Self.readVarint(bytes, at: &i)
        // Each entry takes at least three bytes; a larger count cannot be genuine.
        guard entries <= UInt64(bytes.count) / 3 else { throw DecodingError("entry count \(entries) too large") }
        var capacity = 1024
        while capacity < Int(entries) * 2 + 2 { capacity *= 2 }
        slots = Array(repeating: -1, count: capacity)
        for _ in 0..<Int(entries) {
            let length = try Self.readVarint(bytes, at: &i)
            guard length > 0, length <= UInt64(bytes.count - i) else { throw DecodingError("bad key length at byte \(i)") }
            let keyStart = i
            i += Int(length)
            let amount = try Self.readVarint(bytes, at: &i)
            guard amount > 0, amount <= UInt64(UInt32.max) else { throw DecodingError("bad count at byte \(i)") }
            let before = counts.count
            bytes.withUnsafeBufferPointer { add(UnsafeBufferPointer(rebasing: $0[keyStart..<keyStart + Int(length)]), amount: UInt32(amount)) }
            guard counts.count == before + 1 else { throw DecodingError("duplicate key at byte \(keyStart)") }
        }
        guard i == bytes.count else { throw DecodingError("\(bytes.count - i) trailing bytes") }
    }

    private static func appendVarint(_ value: UInt64, to out: inout [UInt8]) {
        var v = value
        while v >= 0x80 {
            out.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        out.append(UInt8(v))
    }

    private static func readVarint(_ bytes: [UInt8], at i: inout Int) throws -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while i < bytes.count {
            let b = bytes[i]
            i += 1
            guard shift < 63 || (shift == 63 && b <= 1) else { throw DecodingError("varint too long at byte \(i)") }
            value |= UInt64(b & 0x7F) << shift
            if b < 0x80 { return value }
            shift += 7
        }
        throw DecodingError("truncated varint")
    }

    /// The slot holding `word`, or the empty slot where it would go.
    private func find(_ word: UnsafeBufferPointer<UInt8>) -> (slot: Int, entry: Int?) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: ByteHash.hash(word)) & mask
        return arena.withUnsafeBufferPointer { arena in
            while true {
                let entry = Int(slots[slot])
                if entry < 0 { return (slot, nil) }
                let start = Int(starts[entry]), end = Int(starts[entry + 1])
                if end - start == word.count, memoryEqual(arena, start, word) { return (slot, entry) }
                slot = (slot + 1) & mask
            }
        }
    }

    @inline(__always)
    private func memoryEqual(_ arena: UnsafeBufferPointer<UInt8>, _ start: Int, _ word: UnsafeBufferPointer<UInt8>) -> Bool {
        for k in 0..<word.count where arena[start + k] != word[k] { return false }
        return true
    }

    /// Doubles the slot table and re-inserts every entry.
    private mutating func grow() {
        let capacity = slots.count * 2
        var fresh = [Int32](repeating: -1, count: capacity)
        let mask = capacity - 1
        arena.withUnsafeBufferPointer { arena in
            for entry in 0..<counts.count {
                let key = UnsafeBufferPointer(rebasing: arena[Int(starts[entry])..<Int(starts[entry + 1])])
                var slot = Int(truncatingIfNeeded: ByteHash.hash(key)) & mask
                while fresh[slot] >= 0 { slot = (slot + 1) & mask }
                fresh[slot] = Int32(entry)
            }
        }
        slots = fresh
    }
}
