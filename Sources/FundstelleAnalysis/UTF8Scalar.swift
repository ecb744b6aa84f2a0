/// Small UTF-8 helpers for byte scanners. Nothing here allocates.
enum UTF8Scalar {
    /// Decodes the scalar starting at `i` (which must hold a byte ≥ 0x80).
    /// Returns the scalar and its length in bytes; an invalid or truncated sequence
    /// decodes as U+FFFD with length 1, so a scanner always makes progress.
    @inline(__always)
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> (scalar: UInt32, length: Int) {
        let b0 = UInt32(bytes[i])
        let n = bytes.count
        if b0 & 0xE0 == 0xC0, b0 >= 0xC2, i + 1 < n {
            let b1 = UInt32(bytes[i + 1])
            if b1 & 0xC0 == 0x80 { return ((b0 & 0x1F) << 6 | (b1 & 0x3F), 2) }
        } else if b0 & 0xF0 == 0xE0, i + 2 < n {
            let b1 = UInt32(bytes[i + 1]), b2 = UInt32(bytes[i + 2])
            if b1 & 0xC0 == 0x80, b2 & 0xC0 == 0x80 {
                let s = (b0 & 0x0F) << 12 | (b1 & 0x3F) << 6 | (b2 & 0x3F)
                if s >= 0x800, !(0xD800...0xDFFF).contains(s) { return (s, 3) }
            }
        } else if b0 & 0xF8 == 0xF0, i + 3 < n {
            let b1 = UInt32(bytes[i + 1]), b2 = UInt32(bytes[i + 2]), b3 = UInt32(bytes[i + 3])
            if b1 & 0xC0 == 0x80, b2 & 0xC0 == 0x80, b3 & 0xC0 == 0x80 {
                let s = (b0 & 0x07) << 18 | (b1 & 0x3F) << 12 | (b2 & 0x3F) << 6 | (b3 & 0x3F)
                if (0x10000...0x10FFFF).contains(s) { return (s, 4) }
            }
        }
        return (0xFFFD, 1)
    }

    /// Appends the UTF-8 encoding of `scalar` to `out`.
    @inline(__always)
    static func append(_ scalar: UInt32, to out: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            out.append(UInt8(scalar))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | scalar >> 6))
            out.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | scalar >> 12))
            out.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            out.append(UInt8(0x80 | scalar & 0x3F))
        default:
            out.append(UInt8(0xF0 | scalar >> 18))
            out.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            out.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            out.append(UInt8(0x80 | scalar & 0x3F))
        }
    }
}
