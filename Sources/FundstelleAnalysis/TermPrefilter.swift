/// Which words of a text may stem to one of a few terms, judged from their raw bytes alone, so
/// that a scan of a long text for those terms (a snippet's) stems only those words.
///
/// A stem starts with its word's first letter, lower-cased; only a non-ASCII first letter can
/// fold to another one. So a word whose first byte is an ASCII character no term starts with
/// cannot stem to a term, unless it is a compound ending in one ("Pflegeeinrichtungen" for
/// "einrichtung"): such a word holds bytes 1–3 of that term in lower case whatever its first
/// letter (byte 0 is left out: it may be an umlaut the term has folded), past its own first two.
/// The word may spell the anchor's a, o, u or ss as ä, ö, ü (or ae, oe, ue) or ß
/// ("Modulprüfungen" holds "ruf" of "prufung" as "rüf"): each such spelling is an anchor too.
public struct TermPrefilter: Sendable {
    /// ASCII bytes a term starts with.
    private let firstLetters: [Bool]
    /// Bytes 1–3 of every term of four bytes or more in each of their spellings (`spellings`),
    /// one after the other; `anchorEnds` says where each ends.
    private let anchors: [UInt8]
    private let anchorEnds: [Int]
    /// One bit per `trigramHash` of the anchors' first three bytes: a word is checked against
    /// the anchors only where its bytes hash to a set bit.
    private let trigrams: [UInt64]
    /// Words shorter than this cannot hold a part before a term with an anchor.
    private let anchoredWordLength: Int

    public init(terms: some Collection<[UInt8]>) {
        var first = [Bool](repeating: false, count: 128)
        for t in terms { if let f = t.first, f < 0x80 { first[Int(f)] = true } }
        firstLetters = first
        let long = terms.filter { $0.count >= 4 }
        var anchors: [UInt8] = [], ends: [Int] = []
        for t in long {
            for spelling in Self.spellings(Array(t[1..<4])) {
                anchors += spelling
                ends.append(anchors.count)
            }
        }
        self.anchors = anchors
        anchorEnds = ends
        var bits = [UInt64](repeating: 0, count: 1 << 10)
        var start = 0
        for end in ends {
            let h = Self.trigramHash(anchors[start], anchors[start + 1], anchors[start + 2])
            bits[h >> 6] |= 1 << UInt64(h & 63)
            start = end
        }
        trigrams = bits
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
        var i = 2
        while i + 3 <= word.count {
            let h = Self.trigramHash(word[i], word[i + 1], word[i + 2])
            if trigrams[h >> 6] & (1 << UInt64(h & 63)) != 0 && holdsAnchor(word, at: i) { return true }
            i += 1
        }
        return false
    }

    /// Whether an anchor's spelling starts at byte `i` of `word`.
    private func holdsAnchor(_ word: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        var start = 0
        for end in anchorEnds {
            if i + end - start <= word.count {
                var k = 0
                while start + k < end && word[i + k] == anchors[start + k] { k += 1 }
                if start + k == end { return true }
            }
            start = end
        }
        return false
    }

    /// A 16-bit hash of three bytes.
    @inline(__always)
    private static func trigramHash(_ x: UInt8, _ y: UInt8, _ z: UInt8) -> Int {
        Int((UInt32(x) &* 0x9E37 ^ UInt32(y) &* 0x85EB ^ UInt32(z) &* 0xC2B3) & 0xFFFF)
    }

    /// `anchor` as a word may write it: each a, o, u also as ä, ö, ü or ae, oe, ue, and "ss" also as ß.
    static func spellings(_ anchor: [UInt8]) -> [[UInt8]] {
        var result: [[UInt8]] = [[]]
        var i = 0
        while i < anchor.count {
            let b = anchor[i]
            var options: [[UInt8]] = [[b]]
            switch b {
            case 0x61: options += [[0xC3, 0xA4], [0x61, 0x65]]  // ä, ae
            case 0x6F: options += [[0xC3, 0xB6], [0x6F, 0x65]]  // ö, oe
            case 0x75: options += [[0xC3, 0xBC], [0x75, 0x65]]  // ü, ue
            default: break
            }
            if b == 0x73, i + 1 < anchor.count, anchor[i + 1] == 0x73 {
                options = [[0x73, 0x73], [0xC3, 0x9F]]  // ss, ß
                i += 1
            }
            result = result.flatMap { prefix in options.map { prefix + $0 } }
            i += 1
        }
        return result
    }
}
