/// Decodes UTF-16 (either byte order) to UTF-8; unpaired surrogates become U+FFFD.
enum UTF16Decoder {
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, bigEndian: Bool) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        var pendingHighSurrogate: UInt32?
        while index + 1 < bytes.count {
            let unit = bigEndian
                ? UInt32(bytes[index]) << 8 | UInt32(bytes[index + 1])
                : UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index])
            index += 2
            switch unit {
            case 0xD800...0xDBFF:
                if pendingHighSurrogate != nil { UTF8Writer.append(UTF8Writer.replacementCharacter, to: &output) }
                pendingHighSurrogate = unit
            case 0xDC00...0xDFFF:
                if let high = pendingHighSurrogate {
                    UTF8Writer.append(0x10000 + ((high - 0xD800) << 10 | (unit - 0xDC00)), to: &output)
                } else {
                    UTF8Writer.append(UTF8Writer.replacementCharacter, to: &output)
                }
                pendingHighSurrogate = nil
            default:
                if pendingHighSurrogate != nil { UTF8Writer.append(UTF8Writer.replacementCharacter, to: &output) }
                pendingHighSurrogate = nil
                UTF8Writer.append(unit, to: &output)
            }
        }
        if pendingHighSurrogate != nil { UTF8Writer.append(UTF8Writer.replacementCharacter, to: &output) }
        return output
    }
}
