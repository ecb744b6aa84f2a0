/// The hash of the project's byte-keyed tables (word cache, word frequencies, the index's term
/// table): FNV-1a over the bytes, with the high bits folded into the low ones the tables mask.
/// Only table layouts depend on it, never a file format. (For index keys and words — mostly
/// under 16 bytes — it costs fewer instructions than an eight-bytes-at-a-time hash with a
/// full finaliser: measured with callgrind on `fundstelle index Corpus`.)
public enum ByteHash {
    @inlinable @inline(__always)
    public static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        return h ^ (h >> 29)
    }
}
