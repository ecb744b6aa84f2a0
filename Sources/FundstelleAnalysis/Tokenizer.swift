/// A token as the tokenizer finds it: a byte range of the input and its position.
public struct Token: Sendable, Equatable {
    /// Byte offsets into the scanned UTF-8 text: `text[start..<end]` is the token.
    public var start: Int
    public var end: Int
    /// Ordinal of the token among all tokens of the field (0, 1, 2, …).
    public var position: Int

    public init(start: Int, end: Int, position: Int) {
        self.start = start
        self.end = end
        self.position = position
    }
}

/// Splits UTF-8 text into words: maximal runs of letters, digits and combining marks.
///
/// Works on bytes. ASCII goes through a 128-entry table; only bytes ≥ 0x80 are decoded,
/// and scalars below U+0800 (all of Latin, Greek, Cyrillic) are classified through a
/// second table built once. Typographic punctuation (U+2000–U+206F: dashes, „“ quotes)
/// is rejected without a property look-up. Soft hyphens (U+00AD) stay inside a word;
/// the normaliser removes them.
public enum Tokenizer {
    /// Calls `body` for every token of `text`, numbering positions from `firstPosition`.
    /// Returns the position after the last token. O(n) in the length of `text`.
    @inlinable
    @discardableResult
    public static func tokenize(
        _ text: UnsafeBufferPointer<UInt8>, firstPosition: Int = 0, _ body: (Token) -> Void
    ) -> Int {
        var position = firstPosition
        var i = 0
        let n = text.count
        var start = -1
        while i < n {
            let b = text[i]
            let isWord: Bool
            let length: Int
            if b < 0x80 {
                isWord = WordClass.ascii(b)
                length = 1
            } else {
                let (s, l) = WordClass.decode(text, at: i)
                isWord = WordClass.isWordScalar(s)
                length = l
            }
            if isWord {
                if start < 0 { start = i }
            } else if start >= 0 {
                body(Token(start: start, end: i, position: position))
                position += 1
                start = -1
            }
            i += length
        }
        if start >= 0 {
            body(Token(start: start, end: n, position: position))
            position += 1
        }
        return position
    }

    /// Convenience for tests and tools: the tokens of a string.
    public static func tokens(_ text: String) -> [Token] {
        var result: [Token] = []
        var copy = text
        copy.withUTF8 { buffer in
            tokenize(buffer) { result.append($0) }
        }
        return result
    }
}

/// Character classes for the tokenizer, kept behind a small inlinable surface.
public enum WordClass {
    @inlinable @inline(__always)
    static func ascii(_ b: UInt8) -> Bool {
        // 0-9, A-Z, a-z
        (b &- 0x30) < 10 || ((b | 0x20) &- 0x61) < 26
    }

    @usableFromInline
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> (UInt32, Int) {
        let r = UTF8Scalar.decode(bytes, at: i)
        return (r.scalar, r.length)
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

    @usableFromInline
    static func isWordScalar(_ value: UInt32) -> Bool {
        if value < 0x800 { return lowTable[Int(value)] }
        if (0x2000...0x206F).contains(value) || value == 0xFFFD { return false }
        guard let s = Unicode.Scalar(value) else { return false }
        return classify(s)
    }
}
