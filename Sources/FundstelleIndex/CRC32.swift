/// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), table-driven, slicing by 4.
enum CRC32 {
    private static let tables: [[UInt32]] = {
        var t = [[UInt32]](repeating: [UInt32](repeating: 0, count: 256), count: 4)
        for i in 0..<256 {
            var c = UInt32(i)
            for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
            t[0][i] = c
        }
        for i in 0..<256 {
            for k in 1..<4 { t[k][i] = (t[k - 1][i] >> 8) ^ t[0][Int(t[k - 1][i] & 0xFF)] }
        }
        return t
    }()

    static func checksum(_ data: UnsafeRawBufferPointer, seed: UInt32 = 0) -> UInt32 {
        var c = ~seed
        let t0 = tables[0], t1 = tables[1], t2 = tables[2], t3 = tables[3]
        var i = 0
        let n = data.count
        while i + 4 <= n {
            c ^= UInt32(littleEndian: data.loadUnaligned(fromByteOffset: i, as: UInt32.self))
            c = t3[Int(c & 0xFF)] ^ t2[Int(c >> 8 & 0xFF)] ^ t1[Int(c >> 16 & 0xFF)] ^ t0[Int(c >> 24)]
            i += 4
        }
        while i < n {
            c = t0[Int((c ^ UInt32(data[i])) & 0xFF)] ^ (c >> 8)
            i += 1
        }
        return ~c
    }

    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBytes { checksum($0) }
    }
}
