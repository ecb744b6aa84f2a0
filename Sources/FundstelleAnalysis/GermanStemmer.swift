/// Snowball German stemmer working on UTF-8 bytes. Input: one lower-cased word.
///
/// This is the German algorithm as published at snowballstem.org since
/// Snowball 3.0: besides the classic rules it folds the transliterations
/// "ae", "oe", "ue" into ä, ö, ü (formerly the "german2" variant), keeps
/// "-system" intact, turns "-ln"/"-lns" into "-l", removes the feminine
/// endings "-erin"/"-erinnen", and removes "-et" where that is safe.
///
/// Outline (each part is described where it is implemented):
/// 1. prelude: mark u/y between vowels as consonants (U, Y); ß → ss,
///    ae → ä, oe → ö, ue → ü (not after q);
/// 2. regions R1 and R2;
/// 3. steps 1–3 remove suffixes from the end of the word;
/// 4. postlude: U, Y → u, y and ä, ö, ü → a, o, u.
///
/// Characters: the word is decoded into Unicode scalars. Letters the
/// algorithm does not name (é, ç, digits, Cyrillic, …) are simply
/// non-vowels that match no suffix, which is exactly how the reference
/// implementation treats them, so they pass through unchanged. Byte
/// sequences that are not valid UTF-8 are returned unchanged.
///
/// Like the reference, upper-case "U" and "Y" in the input are taken for the
/// prelude's consonant marks and come out lower-case; other upper-case
/// letters are left alone. Callers are expected to lower-case first.
///
/// The struct owns two scratch buffers that grow to the longest word seen and
/// are then reused, so stemming allocates nothing in the steady state (given
/// an `output` array that is reused too). Use one stemmer per thread.
public struct GermanStemmer: Sendable {
    /// The word being stemmed, one Unicode scalar per element.
    private var letters: [Unicode.Scalar]
    /// The stem as UTF-8, before it is copied to the caller's output.
    private var bytes: [UInt8]

    public init() {
        letters = Array(repeating: "\0", count: 64)
        bytes = Array(repeating: 0, count: 64)
    }

    /// Clears `output` and writes the stem of `word` (UTF-8) into it.
    public mutating func stem(_ word: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        output.removeLast(output.count)  // keeps the capacity (and is cheaper than removeAll here)
        // Both buffers need room for one element per byte of the word.
        if letters.count < word.count {
            letters = Array(repeating: "\0", count: word.count)
            bytes = Array(repeating: 0, count: word.count)
        }
        letters.withUnsafeMutableBufferPointer { letters in
            bytes.withUnsafeMutableBufferPointer { bytes in
                guard let w = letters.baseAddress, var n = Self.decodeAndPrelude(word, into: w) else {
                    output.append(contentsOf: word)
                    return
                }
                let (p1, p2) = Self.regions(w, count: n)
                n = Self.step1(w, count: n, p1: p1)
                n = Self.step2(w, count: n, p1: p1)
                n = Self.step3(w, count: n, p1: p1, p2: p2)
                let length = Self.postlude(w, count: n, into: bytes)
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[..<length]))
            }
        }
    }

    /// Convenience for tests and the CLI.
    public mutating func stem(_ word: String) -> String {
        var word = word
        var output: [UInt8] = []
        word.withUTF8 { stem($0, into: &output) }
        return String(decoding: output, as: UTF8.self)
    }

    private typealias Letters = UnsafeMutablePointer<Unicode.Scalar>

    // MARK: - Letter classes

    /// a e i o u y ä ö ü. The marks U and Y are not vowels.
    @inline(__always)
    private static func isVowel(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case "a", "e", "i", "o", "u", "y", "ä", "ö", "ü": return true
        default: return false
        }
    }

    /// Letters after which a final "s" may be removed (step 1).
    @inline(__always)
    private static func isSEnding(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case "b", "d", "f", "g", "h", "k", "l", "m", "n", "r", "t": return true
        default: return false
        }
    }

    /// Letters after which a final "st" may be removed (step 2): the s-endings without r.
    @inline(__always)
    private static func isSTEnding(_ c: Unicode.Scalar) -> Bool {
        c != "r" && isSEnding(c)
    }

    /// Letters after which a final "et" may be removed (step 2).
    @inline(__always)
    private static func isETEnding(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case "d", "f", "g", "k", "l", "m", "n", "r", "s", "t", "U", "z", "ä": return true
        default: return false
        }
    }

    /// True when the letters before position `end` spell `suffix` (ASCII).
    @inline(__always)
    private static func ends(_ w: Letters, at end: Int, with suffix: StaticString) -> Bool {
        let length = suffix.utf8CodeUnitCount
        guard end >= length else { return false }
        let bytes = suffix.utf8Start
        for k in 0..<length where w[end - length + k].value != UInt32(bytes[k]) {
            return false
        }
        return true
    }

    // MARK: - Decoding and prelude

    /// Decodes the UTF-8 `bytes` into `w`, applying the prelude on the way.
    /// Returns the number of letters, or nil when `bytes` is not valid UTF-8.
    ///
    /// The prelude marks u and y between vowels as consonants (U, Y), then
    /// rewrites ß → ss, ae → ä, oe → ö and ue → ü, except for a u that
    /// follows q. Snowball does this in two left-to-right passes, marking
    /// first; a single pass gives the same result because each decision
    /// depends only on the letter already written before it and the original
    /// letter after it:
    /// - u or y is marked when the letter before it (as marked, so a U or Y
    ///   does not count) and the letter after it are vowels. Where a pair
    ///   was rewritten, the letter before is the umlaut instead of the
    ///   pair's e — a vowel either way.
    /// - a or o followed by e becomes ä or ö; so does an unmarked u, unless
    ///   it follows q. Hence "quelle" keeps its ue, and so do "feuer" and
    ///   "aue", whose u is marked.
    /// - ß is neither a vowel nor part of a pair, so it can become "ss" at once.
    ///
    /// `w` must have room for `bytes.count` letters: each letter takes at
    /// least one byte, and ß takes two bytes for its two letters.
    private static func decodeAndPrelude(_ bytes: UnsafeBufferPointer<UInt8>, into w: Letters) -> Int? {
        let count = bytes.count
        var i = 0
        var n = 0
        var previous: Unicode.Scalar = "\0"
        while i < count {
            guard var c = decodeScalar(bytes, at: &i) else { return nil }
            if c == "ß" {
                w[n] = "s"
                w[n + 1] = "s"
                n += 2
                previous = "s"
                continue
            }
            if (c == "u" || c == "y") && isVowel(previous) && startsWithVowel(bytes, at: i) {
                c = c == "u" ? "U" : "Y"
            } else if (c == "a" || c == "o" || (c == "u" && previous != "q"))
                && i < count && bytes[i] == UInt8(ascii: "e")
            {
                c = c == "a" ? "ä" : c == "o" ? "ö" : "ü"
                i += 1
            }
            w[n] = c
            n += 1
            previous = c
        }
        return n
    }

    /// True when the UTF-8 text at `i` starts with a vowel. Only looks; a
    /// malformed sequence there is reported by `decodeScalar` later.
    @inline(__always)
    private static func startsWithVowel(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        guard i < bytes.count else { return false }
        let b = bytes[i]
        if b < 0x80 { return isVowel(Unicode.Scalar(b)) }
        // ä, ö, ü are C3 A4, C3 B6, C3 BC.
        guard b == 0xC3 && i + 1 < bytes.count else { return false }
        let second = bytes[i + 1]
        return second == 0xA4 || second == 0xB6 || second == 0xBC
    }

    /// Decodes the scalar starting at `i` and advances `i` past it; nil for
    /// an invalid sequence (overlong forms, surrogates, values over U+10FFFF,
    /// stray or missing continuation bytes).
    @inline(__always)
    private static func decodeScalar(_ bytes: UnsafeBufferPointer<UInt8>, at i: inout Int) -> Unicode.Scalar? {
        let lead = bytes[i]
        if lead < 0x80 {
            i += 1
            return Unicode.Scalar(lead)
        }
        // Sequence length, payload bits of the lead byte, and the allowed
        // range of the second byte.
        let length: Int
        var value = UInt32(lead)
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2; value &= 0x1F
        case 0xE0: length = 3; value &= 0x0F; low = 0xA0
        case 0xED: length = 3; value &= 0x0F; high = 0x9F
        case 0xE1...0xEF: length = 3; value &= 0x0F
        case 0xF0: length = 4; value &= 0x07; low = 0x90
        case 0xF4: length = 4; value &= 0x07; high = 0x8F
        case 0xF1...0xF3: length = 4; value &= 0x07
        default: return nil
        }
        guard bytes.count - i >= length else { return nil }
        let second = bytes[i + 1]
        guard second >= low && second <= high else { return nil }
        value = value << 6 | UInt32(second & 0x3F)
        var k = 2
        while k < length {
            let next = bytes[i + k]
            guard next & 0xC0 == 0x80 else { return nil }
            value = value << 6 | UInt32(next & 0x3F)
            k += 1
        }
        i += length
        return Unicode.Scalar(value)
    }

    // MARK: - Regions

    /// Computes the starts of R1 and R2.
    ///
    /// R1 begins after the first non-vowel that follows a vowel; R2 applies
    /// the same rule again from the start of R1. Either is empty (starts at
    /// the end of the word) when there is no such position. R1 is then moved
    /// right so that at least three letters precede it — but R2 is still
    /// searched from the unadjusted R1 start. Words of fewer than three
    /// letters get empty regions.
    private static func regions(_ w: Letters, count n: Int) -> (p1: Int, p2: Int) {
        guard n >= 3 else { return (n, n) }
        /// Position just after the first non-vowel that follows a vowel, at or after `from`.
        func afterVowelThenNonVowel(from start: Int) -> Int? {
            var i = start
            while i < n && !isVowel(w[i]) { i += 1 }
            i += 1
            while i < n && isVowel(w[i]) { i += 1 }
            return i < n ? i + 1 : nil
        }
        guard let r1 = afterVowelThenNonVowel(from: 0) else { return (n, n) }
        let p2 = afterVowelThenNonVowel(from: r1) ?? n
        return (max(r1, 3), p2)
    }

    // MARK: - Suffix steps

    // In every step only the longest listed suffix the word ends with is
    // considered. If it fails its conditions (region, preceding letters),
    // the step does nothing: no shorter suffix is tried instead.

    /// Step 1: -e -em -en -ern -er -erin -erinnen -es -s -ln -lns, in R1.
    ///
    /// "-em" stays after "syst" (system); "-s" only goes after a valid
    /// s-ending letter (which itself need not be in R1); "-ln"/"-lns" become
    /// "-l". After "-e", "-en" or "-es" is removed, a remaining "-niss" loses
    /// its last s (bedürfnissen → bedürfnis).
    private static func step1(_ w: Letters, count n: Int, p1: Int) -> Int {
        guard n > 0 else { return n }
        switch w[n - 1] {
        case "e":
            return removeBeforeNiss(w, count: n, suffixLength: 1, p1: p1)
        case "m":
            guard ends(w, at: n, with: "em") else { return n }
            let start = n - 2
            return start >= p1 && !ends(w, at: start, with: "syst") ? start : n
        case "n":
            if ends(w, at: n, with: "erinnen") { return n - 7 >= p1 ? n - 7 : n }
            if ends(w, at: n, with: "erin") { return n - 4 >= p1 ? n - 4 : n }
            if ends(w, at: n, with: "ern") { return n - 3 >= p1 ? n - 3 : n }
            if ends(w, at: n, with: "en") { return removeBeforeNiss(w, count: n, suffixLength: 2, p1: p1) }
            if ends(w, at: n, with: "ln") { return n - 2 >= p1 ? n - 1 : n }  // keep the l
            return n
        case "r":
            return ends(w, at: n, with: "er") && n - 2 >= p1 ? n - 2 : n
        case "s":
            if ends(w, at: n, with: "lns") { return n - 3 >= p1 ? n - 2 : n }  // keep the l
            if ends(w, at: n, with: "es") { return removeBeforeNiss(w, count: n, suffixLength: 2, p1: p1) }
            let start = n - 1
            return start >= p1 && start >= 1 && isSEnding(w[start - 1]) ? start : n
        default:
            return n
        }
    }

    /// Removes the final `suffixLength` letters when they lie in R1, and
    /// then the last s of a "niss" that is left at the end.
    private static func removeBeforeNiss(_ w: Letters, count n: Int, suffixLength: Int, p1: Int) -> Int {
        let start = n - suffixLength
        guard start >= p1 else { return n }
        return ends(w, at: start, with: "niss") ? start - 1 : start
    }

    /// Step 2: -en -er -est -st -et, in R1.
    ///
    /// "-st" needs a valid st-ending letter before it, itself preceded by at
    /// least three letters (derbst → derb). "-et" needs a valid et-ending
    /// letter before it and must not follow geordn, intern, plan, tick or tr
    /// (planet, ticket, internet and untergeordnet stay).
    private static func step2(_ w: Letters, count n: Int, p1: Int) -> Int {
        guard n > 0 else { return n }
        switch w[n - 1] {
        case "n":
            return ends(w, at: n, with: "en") && n - 2 >= p1 ? n - 2 : n
        case "r":
            return ends(w, at: n, with: "er") && n - 2 >= p1 ? n - 2 : n
        case "t":
            if ends(w, at: n, with: "est") { return n - 3 >= p1 ? n - 3 : n }
            let start = n - 2
            guard start >= p1 && start >= 1 else { return n }
            if ends(w, at: n, with: "st") {
                return start - 1 >= 3 && isSTEnding(w[start - 1]) ? start : n
            }
            if ends(w, at: n, with: "et") {
                guard isETEnding(w[start - 1]) else { return n }
                for exception: StaticString in ["geordn", "intern", "plan", "tick", "tr"]
                where ends(w, at: start, with: exception) {
                    return n
                }
                return start
            }
            return n
        default:
            return n
        }
    }

    /// Step 3: derivational suffixes -end -ung -ig -ik -isch -lich -heit -keit, in R2.
    ///
    /// - end, ung: remove; then remove a preceding "ig" if it is in R2 and
    ///   not preceded by e.
    /// - ig, ik, isch: remove unless preceded by e.
    /// - lich, heit: remove; then remove a preceding "er" or "en" if in R1.
    /// - keit: remove; then remove a preceding "lich" or "ig" if in R2.
    private static func step3(_ w: Letters, count n: Int, p1: Int, p2: Int) -> Int {
        // The eight suffixes never end one another, so at most one matches.
        if ends(w, at: n, with: "end") || ends(w, at: n, with: "ung") {
            let start = n - 3
            guard start >= p2 else { return n }
            let igStart = start - 2
            if ends(w, at: start, with: "ig") && igStart >= p2 && (igStart == 0 || w[igStart - 1] != "e") {
                return igStart
            }
            return start
        }
        if ends(w, at: n, with: "ig") || ends(w, at: n, with: "ik") || ends(w, at: n, with: "isch") {
            let start = w[n - 1] == "h" ? n - 4 : n - 2
            guard start >= p2 else { return n }
            return start == 0 || w[start - 1] != "e" ? start : n
        }
        if ends(w, at: n, with: "lich") || ends(w, at: n, with: "heit") {
            let start = n - 4
            guard start >= p2 else { return n }
            if (ends(w, at: start, with: "er") || ends(w, at: start, with: "en")) && start - 2 >= p1 {
                return start - 2
            }
            return start
        }
        if ends(w, at: n, with: "keit") {
            let start = n - 4
            guard start >= p2 else { return n }
            if ends(w, at: start, with: "lich") && start - 4 >= p2 { return start - 4 }
            if ends(w, at: start, with: "ig") && start - 2 >= p2 { return start - 2 }
            return start
        }
        return n
    }

    // MARK: - Postlude

    /// Undoes the consonant marks, removes the umlauts and writes the letters
    /// to `out` as UTF-8. Returns the number of bytes written.
    ///
    /// `out` has room for as many bytes as the original word, which is
    /// enough: every letter takes no more bytes than it did in the word (ß
    /// took two bytes and became "ss"; ae, oe, ue took two bytes and became
    /// one umlaut, which ends up as one ASCII letter), and letters were only
    /// removed since.
    private static func postlude(_ w: Letters, count n: Int, into out: UnsafeMutableBufferPointer<UInt8>) -> Int {
        var length = 0
        for k in 0..<n {
            let c: Unicode.Scalar
            switch w[k] {
            case "Y": c = "y"
            case "U", "ü": c = "u"
            case "ä": c = "a"
            case "ö": c = "o"
            default: c = w[k]
            }
            let v = c.value
            if v < 0x80 {
                out[length] = UInt8(truncatingIfNeeded: v)
                length += 1
            } else if v < 0x800 {
                out[length] = UInt8(truncatingIfNeeded: 0xC0 | v >> 6)
                out[length + 1] = UInt8(truncatingIfNeeded: 0x80 | v & 0x3F)
                length += 2
            } else if v < 0x1_0000 {
                out[length] = UInt8(truncatingIfNeeded: 0xE0 | v >> 12)
                out[length + 1] = UInt8(truncatingIfNeeded: 0x80 | v >> 6 & 0x3F)
                out[length + 2] = UInt8(truncatingIfNeeded: 0x80 | v & 0x3F)
                length += 3
            } else {
                out[length] = UInt8(truncatingIfNeeded: 0xF0 | v >> 18)
                out[length + 1] = UInt8(truncatingIfNeeded: 0x80 | v >> 12 & 0x3F)
                out[length + 2] = UInt8(truncatingIfNeeded: 0x80 | v >> 6 & 0x3F)
                out[length + 3] = UInt8(truncatingIfNeeded: 0x80 | v & 0x3F)
                length += 4
            }
        }
        return length
    }
}
