/// Blocks of bit-packed postings: a long list's documents go in blocks of
/// `PostingsBlocks.size`, each holding its document deltas and frequencies with the fewest bits
/// that hold the block's largest (frame-of-reference bit packing, as in Lemire & Boytsov,
/// "Decoding billions of integers per second through vectorization", and in Lucene's postings).
/// A dense list's blocks cost a few bits per document where varints cost one or two bytes.
///
/// A block: `u8` bits per delta, `u8` bits per frequency, then the 128 values (document delta
/// − 1, then frequency − 1), each in that many bits, low bits first, `16 × bits` bytes each.
enum PostingsBlocks {
    /// Documents per block: a skip entry's, so each skip entry begins a block.
    static let size = PostingsCursor.skipInterval

    /// The fewest bits that hold every value.
    static func bitWidth(_ values: ArraySlice<UInt32>) -> Int {
        let all = values.reduce(0, |)
        return all == 0 ? 0 : UInt32.bitWidth - all.leadingZeroBitCount
    }

    /// Appends `values` (exactly `size` of them) in `bits` bits each.
    static func pack(_ values: ArraySlice<UInt32>, bits: Int, into out: inout ByteWriter) {
        precondition(values.count == size && bits <= 32)
        guard bits > 0 else { return }
        var acc: UInt64 = 0
        var filled = 0
        var bytes: [UInt8] = []
        bytes.reserveCapacity(16 * bits)
        for v in values {
            acc |= UInt64(v) << UInt64(filled)
            filled += bits
            while filled >= 8 {
                bytes.append(UInt8(truncatingIfNeeded: acc))
                acc >>= 8
                filled -= 8
            }
        }
        // 128 values fill whole bytes: 128 × bits / 8.
        out.append(bytes)
    }

    /// Value `index` of the values packed at `start` (a block's deltas or frequencies) with
    /// `bits` bits each (`mask`: the low `bits` bits set): cut from the 8 bytes that hold it,
    /// read at once (a value of at most 32 bits starts within its first byte, so it lies within
    /// 39 bits). The caller has checked that 7 bytes follow the values: the postings section
    /// ends with `padding` zero bytes for the last block's last value.
    @inline(__always)
    static func value(at index: Int, bits: Int, mask: UInt64, start: Int, base: UnsafeRawPointer) -> UInt32 {
        let bit = index &* bits
        let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: start &+ (bit &>> 3), as: UInt64.self))
        return UInt32(truncatingIfNeeded: (word &>> UInt64(bit & 7)) & mask)
    }

    /// Zero bytes at the end of the postings section (see `value`).
    static let padding = 8

    /// Re-encodes a long list, as the builder collected it (varint documents and skip entries,
    /// see FORMAT.md), with its full blocks bit-packed: returns the skip entries (each one's
    /// document offset now the packed block's size) and the documents.
    static func pack(docs varints: [UInt8], skips: [UInt8], docFreq: Int) throws(IndexError) -> (skips: ByteWriter, docs: ByteWriter) {
        var deltas: [UInt32] = [], freqs: [UInt32] = []
        deltas.reserveCapacity(docFreq)
        freqs.reserveCapacity(docFreq)
        try varints.withUnsafeBytes { bytes in
            Result { () throws(IndexError) in
                var r = ByteReader(bytes, file: "postings being written")
                for _ in 0..<docFreq {
                    let code = try r.varint()
                    deltas.append(UInt32(code >> 1))
                    freqs.append(code & 1 == 1 ? 1 : UInt32(try r.varint()))
                }
            }
        }.get()
        let blocks = docFreq / size
        var docs = ByteWriter()
        var blockSizes: [Int] = []
        for b in 0..<blocks {
            let start = docs.count
            let range = (b * size)..<((b + 1) * size)
            let d = ArraySlice(deltas[range].map { $0 - 1 }), f = ArraySlice(freqs[range].map { $0 - 1 })
            let db = bitWidth(d), fb = bitWidth(f)
            docs.u8(UInt8(db))
            docs.u8(UInt8(fb))
            pack(d, bits: db, into: &docs)
            pack(f, bits: fb, into: &docs)
            blockSizes.append(docs.count - start)
        }
        for k in (blocks * size)..<docFreq {
            if freqs[k] == 1 {
                docs.varint(UInt64(deltas[k]) << 1 | 1)
            } else {
                docs.varint(UInt64(deltas[k]) << 1)
                docs.varint(Int(freqs[k]))
            }
        }
        var entries = ByteWriter()
        try skips.withUnsafeBytes { bytes in
            Result { () throws(IndexError) in
                var r = ByteReader(bytes, file: "postings being written")
                for k in 0..<((docFreq - 1) / size) {
                    entries.varint(try r.varint())  // the block's last document
                    _ = try r.varint()  // the varint block's size, replaced by the packed block's
                    entries.varint(blockSizes[k])
                    entries.varint(try r.varint())  // where the next block's positions start
                }
            }
        }.get()
        return (entries, docs)
    }
}
