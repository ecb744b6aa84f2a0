/// A bounds-checked cursor over a byte region of a mapped file.
///
/// Every read checks the region's end and throws `IndexError.corrupt` instead of
/// trapping, so a damaged file gives an error, never a crash.
struct ByteReader {
    let base: UnsafeRawPointer
    let end: Int
    var offset: Int
    let file: String

    init(_ region: UnsafeRawBufferPointer, offset: Int = 0, file: String) {
        self.base = region.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!
        self.end = region.count
        self.offset = offset
        self.file = file
    }

    var isAtEnd: Bool { offset >= end }

    @inline(__always)
    mutating func varint() throws(IndexError) -> UInt64 {
        // Most numbers of the index are below 128: one byte, no loop.
        if offset < end {
            let b = base.load(fromByteOffset: offset, as: UInt8.self)
            if b < 0x80 {
                offset += 1
                return UInt64(b)
            }
        }
        return try longVarint()
    }

    private mutating func longVarint() throws(IndexError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard offset < end, shift < 64 else { throw IndexError.corrupt(file: file, reason: "truncated number at byte \(offset)") }
            let b = base.load(fromByteOffset: offset, as: UInt8.self)
            offset += 1
            result |= UInt64(b & 0x7F) << shift
            if b < 0x80 { return result }
            shift += 7
        }
    }

    /// Steps over `count` varints. A varint ends at its one byte below 0x80, so eight bytes
    /// at a time are stepped over by counting such bytes while fewer than the rest are left
    /// (fewer, not as many: the eight may end inside the varint after the last one to skip).
    mutating func skipVarints(_ count: Int) throws(IndexError) {
        var left = count
        while left > 8 && offset + 8 <= end {
            let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            let ends = (~word & 0x8080_8080_8080_8080).nonzeroBitCount
            guard ends < left else { break }
            left -= ends
            offset += 8
        }
        while left > 0 {
            guard offset < end else { throw IndexError.corrupt(file: file, reason: "truncated number at byte \(offset)") }
            if base.load(fromByteOffset: offset, as: UInt8.self) < 0x80 { left -= 1 }
            offset += 1
        }
    }

    @inline(__always)
    mutating func int() throws(IndexError) -> Int {
        let v = try varint()
        guard v <= UInt64(Int32.max) * 4096 else { throw IndexError.corrupt(file: file, reason: "number out of range at byte \(offset)") }
        return Int(v)
    }

    mutating func u8() throws(IndexError) -> UInt8 {
        guard offset < end else { throw IndexError.corrupt(file: file, reason: "truncated at byte \(offset)") }
        defer { offset += 1 }
        return base.load(fromByteOffset: offset, as: UInt8.self)
    }

    mutating func u32() throws(IndexError) -> UInt32 {
        guard offset + 4 <= end else { throw IndexError.corrupt(file: file, reason: "truncated at byte \(offset)") }
        defer { offset += 4 }
        return UInt32(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    mutating func u64() throws(IndexError) -> UInt64 {
        guard offset + 8 <= end else { throw IndexError.corrupt(file: file, reason: "truncated at byte \(offset)") }
        defer { offset += 8 }
        return UInt64(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    /// `count` bytes at the cursor, without copying.
    @inline(__always)
    mutating func bytes(_ count: Int) throws(IndexError) -> UnsafeRawBufferPointer {
        guard count >= 0, offset + count <= end else { throw IndexError.corrupt(file: file, reason: "truncated at byte \(offset)") }
        defer { offset += count }
        return UnsafeRawBufferPointer(start: base + offset, count: count)
    }

    mutating func string() throws(IndexError) -> String {
        let n = try int()
        let raw = try bytes(n)
        return String(decoding: raw, as: UTF8.self)
    }
}
