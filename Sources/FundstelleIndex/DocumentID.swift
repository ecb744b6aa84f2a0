/// The stable identifier of a document: 16 hex digits of the FNV-1a 64-bit hash of its path.
/// It stays the same across rebuilds, so scripts can keep it.
public enum DocumentID {
    public static func hash(_ path: String) -> UInt64 {
        FNV1a.hash(path.utf8)
    }

    public static func string(_ hash: UInt64) -> String {
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    public static func parse(_ text: String) -> UInt64? {
        guard text.utf8.count == 16 else { return nil }
        return UInt64(text, radix: 16)
    }
}

/// FNV-1a, 64 bits: the hash the index writes into its files (document ids, file content
/// hashes in the manifest), so it must never change. Tables in memory use `ByteHash`.
public enum FNV1a {
    public static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325

    /// The hash of `bytes`, or its continuation from `seed` (a hash of earlier bytes).
    @inlinable
    public static func hash<Bytes: Sequence<UInt8>>(_ bytes: Bytes, continuing seed: UInt64 = offsetBasis) -> UInt64 {
        var h = seed
        for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        return h
    }

    /// The hash of a string's UTF-8, read from its contiguous storage (a native string's) rather
    /// than byte by byte through the view, which costs several times as much.
    @inlinable
    public static func hash(_ utf8: String.UTF8View, continuing seed: UInt64 = offsetBasis) -> UInt64 {
        if let h = utf8.withContiguousStorageIfAvailable({ hash($0, continuing: seed) }) { return h }
        var h = seed
        for b in utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        return h
    }
}
