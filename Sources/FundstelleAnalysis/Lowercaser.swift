/// Lower-cases one UTF-8 word for German text and drops soft hyphens.
///
/// ASCII and Latin-1 are mapped by arithmetic; other scalars through the Unicode
/// lower-case mapping (so "ẞ" → "ß", "Σ" → "σ", "İ" → "i̇"). "ß" stays "ß": the stemmer
/// and the folding step decide what it matches. The output is never longer than
/// needed and is written to a reusable buffer.
public enum Lowercaser {
    /// Clears `out` and writes the lower-cased form of `word` into it.
    public static func lowercase(_ word: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        // Most words are ASCII: copy them whole (one call, cheaper than clearing and appending)
        // and lower-case in place.
        if !word.contains(where: { $0 >= 0x80 }) {
            out.replaceSubrange(out.indices, with: word)
            out.withUnsafeMutableBufferPointer { p in
                for i in p.indices where p[i] &- 0x41 < 26 { p[i] |= 0x20 }
            }
            return
        }
        out.removeAll(keepingCapacity: true)
        var i = 0
        let n = word.count
        while i < n {
            let b = word[i]
            if b < 0x80 {
                out.append(b &- 0x41 < 26 ? b | 0x20 : b)
                i += 1
                continue
            }
            let (s, length) = UTF8Scalar.decode(word, at: i)
            i += length
            switch s {
            case 0xAD:
                continue  // soft hyphen
            case 0xC0...0xDE where s != 0xD7:
                UTF8Scalar.append(s + 0x20, to: &out)  // À–Þ → à–þ (not ×)
            case 0x80..<0x100:
                UTF8Scalar.append(s, to: &out)
            default:
                appendLowercased(s, to: &out)
            }
        }
    }

    private static func appendLowercased(_ value: UInt32, to out: inout [UInt8]) {
        guard let scalar = Unicode.Scalar(value) else { return }
        let p = scalar.properties
        if !p.changesWhenLowercased {
            UTF8Scalar.append(value, to: &out)
            return
        }
        for s in p.lowercaseMapping.unicodeScalars { UTF8Scalar.append(s.value, to: &out) }
    }

    /// Convenience for tests and tools.
    public static func lowercase(_ word: String) -> String {
        var out: [UInt8] = []
        var copy = word
        copy.withUTF8 { lowercase($0, into: &out) }
        return String(decoding: out, as: UTF8.self)
    }
}
