/// Folds a lower-cased word to its spelling key: ä/ae → a, ö/oe → o, ü/ue → u, ß → ss, and
/// accented Latin letters to their base letter (é → e, ç → c, ñ → n).
///
/// Two words with the same key are spelled "the same" for a German reader typing without
/// umlauts ("fachkraefte", "fachkräfte" → "fachkrafte"; "strasse", "straße" → "strasse").
/// The key conflates some distinct words (maße/masse, schon/schön), which is why the index keeps
/// the exact form beside it and ranks an exact match above a folded one.
/// "ue" after a vowel or q stays ("feuer", "quelle"), as does "ae"/"oe" after a vowel. Never
/// longer than its input, so it can be written into a buffer of the input's size.
public enum GermanFolding {
    /// Clears `out` and writes the key of `word` (lower-cased UTF-8) into it.
    public static func fold(_ word: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        if out.count < word.count { out.append(contentsOf: repeatElement(0, count: word.count - out.count)) }
        if let length = out.withUnsafeMutableBufferPointer({ key(of: word, into: $0) }) {
            out.removeLast(out.count - length)
            return
        }
        // Bytes that are no UTF-8: each becomes U+FFFD (three bytes for one), as decoding reads
        // them, and the key is that of the repaired word.
        var repaired: [UInt8] = []
        var i = 0
        while i < word.count {
            if word[i] < 0x80 {
                repaired.append(word[i])
                i += 1
                continue
            }
            let (s, length) = UTF8Scalar.decode(word, at: i)
            UTF8Scalar.append(s, to: &repaired)
            i += length
        }
        repaired.withUnsafeBufferPointer { fold($0, into: &out) }
    }

    /// Writes the key of `word` to the start of `out`, which holds at least `word.count` bytes,
    /// and returns its length; nil for bytes that are no UTF-8 (see `fold`). The key is never
    /// longer than valid UTF-8 (ß → ss keeps two bytes, the rest shrink or stay), so callers
    /// that look keys up many times keep one buffer and no array is resized per word.
    static func key(of word: UnsafeBufferPointer<UInt8>, into o: UnsafeMutableBufferPointer<UInt8>) -> Int? {
        let n = word.count
        precondition(o.count >= n, "key buffer shorter than the word")
        var i = 0, w = 0
        while i < n {
            let b = word[i]
            if b < 0x80 {
                // ae / oe / ue → a / o / u, unless the vowel pair belongs to a diphthong or "qu".
                if b == 0x65 /* e */, i > 0, isFoldableVowel(word[i - 1]), !isVowel(i >= 2 ? word[i - 2] : 0),
                   !(word[i - 1] == 0x75 && i >= 2 && word[i - 2] == 0x71) /* "que" */ {
                    i += 1
                    continue
                }
                o[w] = b
                w += 1
                i += 1
                continue
            }
            let (s, length) = UTF8Scalar.decode(word, at: i)
            if s == 0xFFFD && length == 1 { return nil }
            if s == 0xDF {  // ß
                o[w] = 0x73
                o[w + 1] = 0x73
                w += 2
            } else if let base = latinBase(s) {
                o[w] = base
                w += 1
            } else {
                for k in 0..<length { o[w + k] = word[i + k] }
                w += length
            }
            i += length
        }
        return w
    }

    @inline(__always)
    private static func isFoldableVowel(_ b: UInt8) -> Bool { b == 0x61 || b == 0x6F || b == 0x75 }  // a o u

    @inline(__always)
    private static func isVowel(_ b: UInt8) -> Bool {
        switch b {
        case 0x61, 0x65, 0x69, 0x6F, 0x75, 0x79: true  // a e i o u y
        default: false
        }
    }

    /// The ASCII base letter of a lower-case accented Latin-1 letter.
    private static func latinBase(_ s: UInt32) -> UInt8? {
        switch s {
        case 0xE0...0xE5: 0x61  // à á â ã ä å
        case 0xE7: 0x63  // ç
        case 0xE8...0xEB: 0x65  // è é ê ë
        case 0xEC...0xEF: 0x69  // ì í î ï
        case 0xF1: 0x6E  // ñ
        case 0xF2...0xF6, 0xF8: 0x6F  // ò ó ô õ ö ø
        case 0xF9...0xFC: 0x75  // ù ú û ü
        case 0xFD, 0xFF: 0x79  // ý ÿ
        default: nil
        }
    }

    /// Convenience for tests and tools.
    public static func fold(_ word: String) -> String {
        var out: [UInt8] = []
        var copy = word
        copy.withUTF8 { fold($0, into: &out) }
        return String(decoding: out, as: UTF8.self)
    }
}
