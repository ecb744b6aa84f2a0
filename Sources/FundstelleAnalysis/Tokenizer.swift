/// What kind of token the tokenizer found, beyond a plain word.
public struct TokenFlags: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// Digits, possibly with inner separators: "27", "1.234,56", "03.07.2025", "2025-07-03".
    public static let number = TokenFlags(rawValue: 1)
    /// "§" or "§§".
    public static let section = TokenFlags(rawValue: 2)
    /// A word cut off before a hyphen, as in "Sozial- und Jugendamt" (the token is "Sozial").
    public static let truncatedEnd = TokenFlags(rawValue: 4)
    /// A word that starts with a hyphen, as in "Arbeitgeber und -nehmer" (the token is "nehmer").
    public static let truncatedStart = TokenFlags(rawValue: 8)
    /// A gender-inclusive form with a joiner: "Bürger*innen", "Bürger:innen", "Pfleger/-innen".
    public static let gendered = TokenFlags(rawValue: 16)
    /// Single letters with dots: "z. B.", "u. a.", "i. d. R." (the token spans the dots).
    public static let abbreviation = TokenFlags(rawValue: 32)
}

/// A token as the tokenizer finds it: a byte range of the input and its position.
public struct Token: Sendable, Equatable {
    /// Byte offsets into the scanned UTF-8 text: `text[start..<end]` is the token.
    public var start: Int
    public var end: Int
    /// Ordinal of the token among all tokens of the field (0, 1, 2, …).
    public var position: Int
    public var flags: TokenFlags

    public init(start: Int, end: Int, position: Int, flags: TokenFlags = []) {
        self.start = start
        self.end = end
        self.position = position
        self.flags = flags
    }
}

/// Splits UTF-8 text into words: maximal runs of letters, digits and combining marks, with
/// the joins German administrative text needs:
/// - gender forms stay one word: "Bürger*innen", "Bürger:innen", "Bürger_innen",
///   "Bürger/innen", "Bürger/-innen", "Mitarbeiter*in";
/// - numbers keep their inner separators: "1.234,56", "03.07.2025", ISO dates "2025-07-03";
/// - "§" and "§§" are tokens;
/// - a word ending in a hyphen before a space or comma ("Sozial- und") or starting with one
///   after a space ("und -nehmer") is flagged, so the analyzer can complete the ellipsis.
///
/// Works on bytes. ASCII goes through arithmetic; only bytes ≥ 0x80 are decoded, and scalars
/// below U+0800 (all of Latin, Greek, Cyrillic) are classified through a table built once.
/// Typographic punctuation (U+2000–U+206F) is rejected without a property look-up. Soft
/// hyphens (U+00AD) stay inside a word; the normaliser removes them.
public enum Tokenizer {
    /// Calls `body` for every token of `text`, numbering positions from `firstPosition`.
    /// Returns the position after the last token. O(n) in the length of `text`.
    @discardableResult
    public static func tokenize(
        _ text: UnsafeBufferPointer<UInt8>, firstPosition: Int = 0, _ body: (Token) -> Void
    ) -> Int {
        var position = firstPosition
        var i = 0
        let n = text.count
        while i < n {
            let b = text[i]
            // Fast skip of ASCII separators.
            if b < 0x80 && !WordClass.ascii(b) {
                if b == 0x2D /* - */, i + 1 < n, isLetterStart(text, i + 1), i == 0 || isWordBoundary(text[i - 1]) {
                    let end = scanWord(text, from: i + 1, flags: [.truncatedStart])
                    body(Token(start: i + 1, end: end.end, position: position, flags: end.flags))
                    position += 1
                    i = end.next
                    continue
                }
                i += 1
                continue
            }
            if b >= 0x80 {
                let (s, length) = UTF8Scalar.decode(text, at: i)
                if s == 0xA7 {  // §, §§
                    var end = i + length
                    while end + 1 < n && text[end] == 0xC2 && text[end + 1] == 0xA7 { end += 2 }
                    body(Token(start: i, end: end, position: position, flags: .section))
                    position += 1
                    i = end
                    continue
                }
                if !WordClass.isWordScalar(s) {
                    i += length
                    continue
                }
            }
            var word = scanWord(text, from: i, flags: [])
            if hasInnerCapitalI(text, from: i, to: word.end) { word.flags.insert(.gendered) }
            body(Token(start: i, end: word.end, position: position, flags: word.flags))
            position += 1
            i = word.next
        }
        return position
    }

    /// Scans one word starting at `from` (a word character). Returns where the token ends,
    /// where scanning goes on, and its flags.
    private static func scanWord(
        _ text: UnsafeBufferPointer<UInt8>, from: Int, flags initial: TokenFlags
    ) -> (end: Int, next: Int, flags: TokenFlags) {
        let n = text.count
        var flags = initial
        var i = from
        var digits = 0  // length of the current run of ASCII digits
        var allDigits = true
        var lastWasLetter = false
        while i < n {
            // Most of a word is a run of ASCII letters: read it in a tight loop.
            if (text[i] | 0x20) &- 0x61 < 26 {
                repeat { i += 1 } while i < n && (text[i] | 0x20) &- 0x61 < 26
                allDigits = false
                digits = 0
                lastWasLetter = true
                continue
            }
            let b = text[i]
            if b < 0x80 {
                if WordClass.ascii(b) {
                    let isDigit = b &- 0x30 < 10
                    digits = isDigit ? digits + 1 : 0
                    if !isDigit { allDigits = false }
                    lastWasLetter = !isDigit
                    i += 1
                    continue
                }
                // A space or line break ends the word: none of the joins below starts with one.
                if b <= 0x20 { break }
                // "z. B.": one letter and a dot, followed by more of the same.
                if b == 0x2E, i - from == 1, !allDigits, let end = abbreviationEnd(text, from) {
                    flags.insert(.abbreviation)
                    return (end, end, flags)
                }
                // Inner separators of numbers: 1.234,56 and 03.07.2025.
                if (b == 0x2E || b == 0x2C), allDigits, digits > 0, i + 1 < n, text[i + 1] &- 0x30 < 10 {
                    flags.insert(.number)
                    digits = 0
                    i += 1
                    continue
                }
                // ISO date 2025-07-03.
                if b == 0x2D, allDigits, digits == 4, i - from == 4, isISODateTail(text, i) {
                    flags.insert(.number)
                    return (i + 6, i + 6, flags)
                }
                // Gender joiners: * : _ / /- followed by "in" or "innen" and the end of the word.
                if lastWasLetter, let end = genderSuffixEnd(text, i) {
                    flags.insert(.gendered)
                    return (end, end, flags)
                }
                // "Sozial- und": a hyphen right after the word, then a space or a comma.
                if b == 0x2D, lastWasLetter, i + 1 >= n || isWordBoundary(text[i + 1]) || text[i + 1] == 0x2C {
                    flags.insert(.truncatedEnd)
                    return (i, i + 1, flags)
                }
                break
            }
            let (s, length) = UTF8Scalar.decode(text, at: i)
            guard WordClass.isWordScalar(s) else { break }
            allDigits = false
            digits = 0
            lastWasLetter = true
            i += length
        }
        if allDigits { flags.insert(.number) }
        return (i, i, flags)
    }

    /// Whitespace or "(": what may stand before "-nehmer" in "(Arbeitgeber und -nehmer)".
    @inline(__always)
    private static func isWordBoundary(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D || b == 0x28 }

    private static func isLetterStart(_ text: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        let b = text[i]
        if b < 0x80 { return WordClass.ascii(b) && b &- 0x30 >= 10 }
        return WordClass.isWordScalar(UTF8Scalar.decode(text, at: i).scalar)
    }

    /// Abbreviations of single letters with dots, as their lower-case letters: "z. B." is "zb".
    /// Only these join, so a run like "z. B. u. a." still gives two tokens.
    static let letterAbbreviations: Set<String> = [
        "zb", "ua", "dh", "idr", "uu", "va", "so", "ia", "zt", "me", "ue", "sa", "vs", "ggf", "usw", "ev",
    ]

    /// The end of "z. B." / "u.a." / "i. d. R." starting at `from`: the longest run of two or three
    /// single ASCII letters, each followed by a dot (all with one space between, or none), that is
    /// a known abbreviation; nil otherwise.
    private static func abbreviationEnd(_ text: UnsafeBufferPointer<UInt8>, _ from: Int) -> Int? {
        let n = text.count
        func isLetter(_ k: Int) -> Bool { k < n && WordClass.ascii(text[k]) && text[k] &- 0x30 >= 10 }
        func isUnit(_ k: Int) -> Bool { isLetter(k) && k + 1 < n && text[k + 1] == 0x2E }  // "x."
        guard isUnit(from) else { return nil }
        let spaced = from + 2 < n && text[from + 2] == 0x20
        var ends = [from + 2]
        var letters = [text[from] | 0x20]
        while letters.count < 3, isUnit(ends[ends.count - 1] + (spaced ? 1 : 0)),
              !spaced || text[ends[ends.count - 1]] == 0x20
        {
            let k = ends[ends.count - 1] + (spaced ? 1 : 0)
            letters.append(text[k] | 0x20)
            ends.append(k + 2)
        }
        for count in stride(from: letters.count, through: 2, by: -1) {
            if !isLetter(ends[count - 1]), letterAbbreviations.contains(String(decoding: letters[0..<count], as: UTF8.self)) {
                return ends[count - 1]
            }
        }
        return nil
    }

    /// "-07-03" after four digits at `i` (the first hyphen), followed by a non-word byte.
    private static func isISODateTail(_ text: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        guard i + 6 <= text.count else { return false }
        let d = { (k: Int) in text[i + k] &- 0x30 < 10 }
        guard d(1), d(2), text[i + 3] == 0x2D, d(4), d(5) else { return false }
        return i + 6 == text.count || !WordClass.ascii(text[i + 6])
    }

    /// "BürgerInnen", "MitarbeiterIn": the word ends in "In" or "Innen" right after a lower-case
    /// ASCII letter.
    private static func hasInnerCapitalI(_ text: UnsafeBufferPointer<UInt8>, from: Int, to end: Int) -> Bool {
        func matches(_ suffix: StaticString) -> Bool {
            let n = suffix.utf8CodeUnitCount
            guard end - from > n + 1 else { return false }
            let before = text[end - n - 1]
            guard before &- 0x61 < 26 else { return false }
            return suffix.withUTF8Buffer { s in (0..<n).allSatisfy { text[end - n + $0] == s[$0] } }
        }
        return matches("Innen") || matches("In")
    }

    /// The end of "*innen", ":in", "/-innen", … at `i`, when the word ends right after it.
    private static func genderSuffixEnd(_ text: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int? {
        let n = text.count
        var j = i
        switch text[i] {
        case 0x2A, 0x3A, 0x5F: j += 1  // * : _
        case 0x2F: j += (j + 1 < n && text[j + 1] == 0x2D) ? 2 : 1  // / or /-
        default: return nil
        }
        guard j + 2 <= n, text[j] == 0x69, text[j + 1] == 0x6E else { return nil }  // "in"
        var end = j + 2
        if end + 3 <= n, text[end] == 0x6E, text[end + 1] == 0x65, text[end + 2] == 0x6E { end += 3 }  // "nen"
        if end < n {
            let b = text[end]
            if b < 0x80 ? WordClass.ascii(b) : WordClass.isWordScalar(UTF8Scalar.decode(text, at: end).scalar) { return nil }
        }
        return end
    }

    /// Convenience for tests and tools: the tokens of a string.
    public static func tokens(_ text: String) -> [Token] {
        var result: [Token] = []
        var copy = text
        _ = copy.withUTF8 { buffer in
            tokenize(buffer) { result.append($0) }
        }
        return result
    }
}

/// Character classes for the tokenizer.
public enum WordClass {
    @inline(__always)
    static func ascii(_ b: UInt8) -> Bool {
        // 0-9, A-Z, a-z
        (b &- 0x30) < 10 || ((b | 0x20) &- 0x61) < 26
    }

    /// Scalars below U+0800 that belong to words, one flag each.
    static let lowTable: [Bool] = (0..<0x800).map { value in
        guard let s = Unicode.Scalar(UInt32(value)) else { return false }
        return classify(s)
    }

    static func classify(_ s: Unicode.Scalar) -> Bool {
        if s == "\u{AD}" { return true }  // soft hyphen: removed by the normaliser
        let p = s.properties
        if p.isAlphabetic { return true }
        switch p.generalCategory {
        case .decimalNumber, .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    @inline(__always)
    static func isWordScalar(_ value: UInt32) -> Bool {
        if value < 0x800 { return lowTable[Int(value)] }
        if (0x2000...0x206F).contains(value) || value == 0xFFFD { return false }
        guard let s = Unicode.Scalar(value) else { return false }
        return classify(s)
    }
}
