/// How a word was split into compound parts, as the index records it: the word, a 0 byte,
/// then the index terms of its parts, each after a 0x1F byte. Neither byte occurs in a term.
/// "pflegeeinrichtungen\0\u{1F}pfleg\u{1F}einrichtung". A query looks up the prefix "word\0".
public enum SplitKey {
    /// The key's start: the word and the 0 byte; parts follow with `append`.
    static func make(word: [UInt8]) -> [UInt8] { word + [0] }

    static func append(part: UnsafeBufferPointer<UInt8>, to key: inout [UInt8]) {
        key.append(0x1F)
        key.append(contentsOf: part)
    }

    /// The prefix under which the split of `word` is found.
    public static func prefix(of word: [UInt8]) -> [UInt8] { word + [0] }

    /// The part terms of a split key (the bytes after the prefix).
    public static func parts(_ key: UnsafeRawBufferPointer) -> [[UInt8]] {
        guard let zero = key.firstIndex(of: 0) else { return [] }
        return key[(zero + 1)...].split(separator: 0x1F).map(Array.init)
    }
}
