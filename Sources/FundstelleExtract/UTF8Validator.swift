/// Checks whether bytes are well-formed UTF-8 (no overlongs, surrogates or values above U+10FFFF).
public enum UTF8Validator {
    /// Whether `bytes` are well-formed UTF-8 throughout, a cut-off sequence at the end included.
    public static func isWellFormed(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        switch verdict(bytes) {
        case .ascii: true
        case .multibyte: truncatedTailLength(bytes) == 0
        case .invalid: false
        }
    }

    enum Verdict: Equatable {
        case ascii
        /// Valid UTF-8 with at least one multi-byte sequence.
        case multibyte
        case invalid
    }

    /// A sequence cut off by the end of the data (a truncated download) does not make the
    /// bytes invalid; `Charset` drops it when converting.
    static func verdict(_ bytes: UnsafeBufferPointer<UInt8>) -> Verdict {
        let count = bytes.count
        guard let base = bytes.baseAddress else { return .ascii }
        var index = 0
        var sawMultibyte = false
        while index < count {
            if index + 8 <= count,
               UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                index += 8
                continue
            }
            if base[index] < 0x80 {
                index += 1
                continue
            }
            sawMultibyte = true
            switch sequenceLength(base, at: index, count: count) {
            case .some(let length): index += length
            case .none: return isTruncatedTail(base, at: index, count: count) ? .multibyte : .invalid
            }
        }
        return sawMultibyte ? .multibyte : .ascii
    }

    /// The number of bytes at the end of `bytes` that form an incomplete (truncated) sequence.
    static func truncatedTailLength(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        let count = bytes.count
        var start = count
        while start > 0, count - start < 3, base[start - 1] & 0xC0 == 0x80 { start -= 1 }
        guard start > 0, base[start - 1] >= 0xC2 else { return 0 }
        return isTruncatedTail(base, at: start - 1, count: count) ? count - start + 1 : 0
    }

    /// The bytes with every invalid or truncated sequence replaced by U+FFFD.
    static func repaired(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + 16)
        guard let base = bytes.baseAddress else { return output }
        var index = 0
        while index < bytes.count {
            if base[index] < 0x80 {
                output.append(base[index])
                index += 1
            } else if let length = sequenceLength(base, at: index, count: bytes.count) {
                output.append(contentsOf: UnsafeBufferPointer(start: base + index, count: length))
                index += length
            } else {
                UTF8Writer.append(UTF8Writer.replacementCharacter, to: &output)
                index += 1
            }
        }
        return output
    }

    /// Length of the valid sequence starting with a non-ASCII lead byte at `index`, nil if invalid.
    static func sequenceLength(_ base: UnsafePointer<UInt8>, at index: Int, count: Int) -> Int? {
        let lead = base[index]
        let (length, secondRange) = expectation(lead)
        guard length > 0, index + length <= count, secondRange.contains(base[index + 1]) else { return nil }
        for offset in 2..<max(length, 2) where base[index + offset] & 0xC0 != 0x80 {
            return nil
        }
        return length
    }

    /// True when the lead byte at `index` starts a sequence that is well-formed so far but
    /// runs past the end of the data.
    private static func isTruncatedTail(_ base: UnsafePointer<UInt8>, at index: Int, count: Int) -> Bool {
        let (length, secondRange) = expectation(base[index])
        let available = count - index
        guard length > 0, available < length else { return false }
        if available >= 2, !secondRange.contains(base[index + 1]) { return false }
        if available >= 3, base[index + 2] & 0xC0 != 0x80 { return false }
        return true
    }

    /// Sequence length for a lead byte and the allowed range of its second byte (0 = invalid lead).
    private static func expectation(_ lead: UInt8) -> (length: Int, second: ClosedRange<UInt8>) {
        switch lead {
        case 0xC2...0xDF: (2, 0x80...0xBF)
        case 0xE0: (3, 0xA0...0xBF)
        case 0xE1...0xEC, 0xEE...0xEF: (3, 0x80...0xBF)
        case 0xED: (3, 0x80...0x9F)
        case 0xF0: (4, 0x90...0xBF)
        case 0xF1...0xF3: (4, 0x80...0xBF)
        case 0xF4: (4, 0x80...0x8F)
        default: (0, 0x80...0xBF)
        }
    }
}
