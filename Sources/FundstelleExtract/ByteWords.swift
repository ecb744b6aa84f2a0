/// A fixed set of short byte strings (class-name words, roles), looked up without hashing
/// through `Hasher`: a word of up to 16 bytes is packed into two integers and found in an
/// open-addressing table; longer words (rare) are kept in a `Set`. The extractor asks for
/// every word of every class name.
struct ByteWords: Sendable {
    /// Packed words at the slot `slot(of:)` gives or the next free one after it; empty slots
    /// are (0, 0). A power of two, at least twice the number of packed words.
    private let table: [(UInt64, UInt64)]
    private let long: Set<[UInt8]>

    init(_ words: [String]) {
        let packable = words.filter { (1...16).contains($0.utf8.count) }
        var size = 16
        while size < 2 * packable.count { size *= 2 }
        var table = [(UInt64, UInt64)](repeating: (0, 0), count: size)
        for word in packable {
            let key = Array(word.utf8).withUnsafeBufferPointer(Self.pack)
            var slot = Self.slot(of: key, size: size)
            while table[slot] != (0, 0) && table[slot] != key { slot = (slot + 1) & (size - 1) }
            table[slot] = key
        }
        self.table = table
        long = Set(words.filter { $0.utf8.count > 16 }.map { Array($0.utf8) })
    }

    func contains(_ word: [UInt8]) -> Bool {
        guard word.count <= 16 else { return long.contains(word) }
        guard !word.isEmpty else { return false }
        let key = word.withUnsafeBufferPointer(Self.pack)
        return table.withUnsafeBufferPointer { table in
            var slot = Self.slot(of: key, size: table.count)
            while true {
                let entry = table[slot]
                if entry == key { return true }
                if entry == (0, 0) { return false }
                slot = (slot + 1) & (table.count - 1)
            }
        }
    }

    /// Up to 16 bytes as two little-endian integers, zero-padded (words hold no zero byte).
    @inline(__always)
    private static func pack(_ word: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64) {
        var low: UInt64 = 0, high: UInt64 = 0
        for i in 0..<min(word.count, 8) { low |= UInt64(word[i]) << (8 * UInt64(i)) }
        for i in min(word.count, 8)..<word.count { high |= UInt64(word[i]) << (8 * UInt64(i - 8)) }
        return (low, high)
    }

    @inline(__always)
    private static func slot(of key: (UInt64, UInt64), size: Int) -> Int {
        let h = (key.0 &* 0x9E37_79B9_7F4A_7C15) ^ (key.1 &* 0xC2B2_AE3D_27D4_EB4F)
        return Int(truncatingIfNeeded: h >> 32) & (size - 1)
    }
}
