/// Decodes windows-1252 (the superset browsers use for ISO-8859-1 and US-ASCII) to UTF-8.
enum Windows1252 {
    /// With `keepingValidUTF8`, well-formed UTF-8 sequences pass through unchanged and only the
    /// remaining bytes are read as windows-1252: right for pages that are UTF-8 except for a few
    /// Latin-1 bytes pasted in, and the same as plain windows-1252 for genuinely Latin-1 text
    /// (where such sequences practically never occur).
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, keepingValidUTF8: Bool = false) -> [UInt8] {
        guard let input = bytes.baseAddress else { return [] }
        let count = bytes.count
        // Every byte becomes at most three (the C1 block maps to U+2xxx).
        return [UInt8](unsafeUninitializedCapacity: count * 3) { output, written in
            var index = 0
            var end = 0
            while index < count {
                let byte = input[index]
                if byte < 0x80 {
                    output[end] = byte
                    end += 1
                    index += 1
                } else if keepingValidUTF8, let length = UTF8Validator.sequenceLength(input, at: index, count: count) {
                    for offset in 0..<length { output[end + offset] = input[index + offset] }
                    end += length
                    index += length
                } else {
                    end += write(codePoint(of: byte), to: output, at: end)
                    index += 1
                }
            }
            written = end
        }
    }

    private static func codePoint(of byte: UInt8) -> UInt16 {
        byte < 0xA0 ? c1Block[Int(byte - 0x80)] : UInt16(byte)
    }

    /// Writes a code point below U+10000 (and above U+007F) as UTF-8; returns the byte count.
    private static func write(_ scalar: UInt16, to output: UnsafeMutableBufferPointer<UInt8>, at index: Int) -> Int {
        if scalar < 0x800 {
            output[index] = UInt8(0xC0 | scalar >> 6)
            output[index + 1] = UInt8(0x80 | scalar & 0x3F)
            return 2
        }
        output[index] = UInt8(0xE0 | scalar >> 12)
        output[index + 1] = UInt8(0x80 | scalar >> 6 & 0x3F)
        output[index + 2] = UInt8(0x80 | scalar & 0x3F)
        return 3
    }

    /// Code points of 0x80…0x9F. The five bytes windows-1252 leaves undefined map to the
    /// C1 control with the same value, as in the WHATWG Encoding Standard.
    private static let c1Block: [UInt16] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]
}
