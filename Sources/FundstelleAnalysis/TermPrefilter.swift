/// Which words of a text may stem to one of a few terms, judged from their raw bytes alone, so
/// that a scan of a long text for those terms (a snippet's) stems only those words.
///
/// A stem starts with its word's first letter, lower-cased; only a non-ASCII first letter can
/// fold to another one. So a word whose first byte is an ASCII character no term starts with
/// cannot stem to a term, unless it is a compound ending in one ("Pflegeeinrichtungen" for
/// "einrichtung"): such a word holds bytes 1–3 of that term in lower case whatever its first
/// letter (byte 0 is left out: it may be an umlaut the term has folded), past its own first two.
public struct TermPrefilter: Sendable {
    /// ASCII bytes a term starts with.
    private let firstLetters: [Bool]
    /// Bytes 1–3 of every term of four bytes or more, three by three.
    private let anchors: [UInt8]
    /// Words shorter than this cannot hold a part before a term with an anchor.
    private let anchoredWordLength: Int

    public init(terms: some Collection<[UInt8]>) {
        var first = [Bool](repeating: false, count: 128)
        for t in terms { if let f = t.first, f < 0x80 { first[Int(f)] = true } }
        firstLetters = first
        let long = terms.filter { $0.count >= 4 }
        anchors = long.flatMap { $0[1..<4] }
        anchoredWordLength = (long.map(\.count).min() ?? 0) + 3
    }

    /// Whether `word` (a token's raw bytes, not empty) may stem to one of the terms.
    @inline(__always)
    func admits(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        let b = word[0]
        return b >= 0x80 || firstLetters[Int(b &- 0x41 < 26 ? b | 0x20 : b)] || holdsAnchor(word)
    }

    /// Whether `word` holds the anchor of a term past its first two bytes.
    private func holdsAnchor(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        guard word.count >= anchoredWordLength else { return false }
        var a = 0
        while a < anchors.count {
            let (x, y, z) = (anchors[a], anchors[a + 1], anchors[a + 2])
            var i = 2
            while i + 2 < word.count {
                if word[i] == x && word[i + 1] == y && word[i + 2] == z { return true }
                i += 1
            }
            a += 3
        }
        return false
    }
}
