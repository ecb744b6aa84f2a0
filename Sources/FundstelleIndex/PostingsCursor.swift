/// Walks one term's postings in a segment: documents in increasing order, each with its
/// frequency and, when asked, its positions. Reads the mapped file directly; a damaged
/// stream throws `IndexError.corrupt`.
public struct PostingsCursor {
    private var docs: ByteReader
    private var positions: ByteReader
    private var remaining: Int
    /// Position varints of documents passed over without reading them, before the current
    /// document's: stepped over all at once when positions are next read.
    private var passedPositions = 0
    /// The current document's positions not yet read.
    private var pendingPositions = 0
    private let withPositions: Bool
    /// The current document (segment-local), -1 before the first `next()`.
    public private(set) var doc: Int = -1
    public private(set) var freq: Int = 0
    public let docFreq: Int

    private let documentCount: Int

    /// Documents per skip entry: a list longer than this starts with its skip entries.
    public static let skipInterval = 128

    /// The skip entries (nil for a short list) and the next one, decoded ahead: the last
    /// document of its block, and where the following block's documents and positions start.
    private var skips: ByteReader?
    private var skipsLeft = 0
    private var skipDoc = -1
    private var skipDocs = 0
    private var skipPositions = 0
    /// Documents read or skipped so far.
    private var consumed = 0
    /// Documents in bit-packed blocks at the start of the list (whole blocks of a long list).
    private var packed = 0
    /// The current packed block: where its deltas and frequencies start in `docs`, and their
    /// bits per value. Values are read where they lie, one per `next()`, never a whole block.
    private var blockDeltas = 0, blockFreqs = 0, deltaBits = 0, freqBits = 0
    private var deltaMask: UInt64 = 0, freqMask: UInt64 = 0
    /// The block the next skip entry ends.
    private var skipIndex = 0

    init(docs: ByteReader, positions: ByteReader, docFreq: Int, documentCount: Int, withPositions: Bool) throws(IndexError) {
        self.documentCount = documentCount
        self.withPositions = withPositions
        self.docs = docs
        self.positions = positions
        self.remaining = docFreq
        self.docFreq = docFreq
        guard docFreq > Self.skipInterval else { return }
        let length = try self.docs.int()
        guard length <= self.docs.end - self.docs.offset else { throw .corrupt(file: docs.file, reason: "skip entries outside the postings") }
        skips = ByteReader(
            UnsafeRawBufferPointer(start: self.docs.base + self.docs.offset, count: length), file: docs.file)
        self.docs.offset += length
        skipsLeft = (docFreq - 1) / Self.skipInterval
        packed = docFreq / PostingsBlocks.size * PostingsBlocks.size
        skipDocs = self.docs.offset
        skipPositions = self.positions.offset
        try loadSkip()
    }

    /// Decodes the next skip entry (when there is one) into skipDoc, skipDocs, skipPositions.
    private mutating func loadSkip() throws(IndexError) {
        guard skipsLeft > 0, var r = skips else { return }
        skipDoc += Int(try r.varint())
        skipDocs += try r.int()
        skipPositions += try r.int()
        skips = r
        guard skipDoc < documentCount, skipDocs <= docs.end, skipPositions <= positions.end else {
            throw .corrupt(file: docs.file, reason: "skip entry outside the postings")
        }
    }

    /// Moves over up to `capacity` documents, writing each one's number and frequency to
    /// `docs` and `freqs`; returns how many (0 at the end). The cursor then stands on the last.
    /// One call per block instead of one per document: the loop keeps the cursor in registers.
    public mutating func fill(
        docs: UnsafeMutablePointer<Int32>, freqs: UnsafeMutablePointer<Float>, capacity: Int
    ) throws(IndexError) -> Int {
        var n = 0
        guard !withPositions else {
            while n < capacity, try next() {
                docs[n] = Int32(truncatingIfNeeded: doc)
                freqs[n] = Float(freq)
                n += 1
            }
            return n
        }
        // Without positions: whole runs of a packed block at once, the cursor's state in locals.
        var doc = self.doc, freq = self.freq
        while n < capacity && remaining > 0 {
            if consumed < packed {
                let k = consumed & (PostingsBlocks.size - 1)
                if k == 0 { try readBlock() }
                let count = min(PostingsBlocks.size - k, capacity - n)
                let base = self.docs.base
                for j in k..<(k + count) {
                    doc += Int(PostingsBlocks.value(at: j, bits: deltaBits, mask: deltaMask, start: blockDeltas, base: base)) + 1
                    freq = Int(PostingsBlocks.value(at: j, bits: freqBits, mask: freqMask, start: blockFreqs, base: base)) + 1
                    docs[n] = Int32(truncatingIfNeeded: doc)
                    freqs[n] = Float(freq)
                    n += 1
                }
                consumed += count
                remaining -= count
            } else {
                let (delta, f) = try varintPosting()
                doc += delta
                freq = f
                docs[n] = Int32(truncatingIfNeeded: doc)
                freqs[n] = Float(freq)
                n += 1
                consumed += 1
                remaining -= 1
            }
            // Documents ascend: the last one in range means all are.
            guard doc < documentCount else { throw .corrupt(file: self.docs.file, reason: "document number beyond the segment") }
        }
        (self.doc, self.freq) = (doc, freq)
        return n
    }

    /// Moves to the next document; false at the end.
    @inline(__always)
    public mutating func next() throws(IndexError) -> Bool {
        guard remaining > 0 else { return false }
        remaining -= 1
        consumed += 1
        // Positions of the previous document that were not read are stepped over later.
        passedPositions &+= pendingPositions
        let index = consumed - 1
        if index < packed {
            let k = index & (PostingsBlocks.size - 1)
            if k == 0 { try readBlock() }
            doc += Int(PostingsBlocks.value(at: k, bits: deltaBits, mask: deltaMask, start: blockDeltas, base: docs.base)) + 1
            freq = Int(PostingsBlocks.value(at: k, bits: freqBits, mask: freqMask, start: blockFreqs, base: docs.base)) + 1
        } else {
            let (delta, f) = try varintPosting()
            doc += delta
            freq = f
        }
        guard doc < documentCount else { throw .corrupt(file: docs.file, reason: "document number beyond the segment") }
        pendingPositions = withPositions ? freq : 0
        return true
    }

    /// Reads one document of the varint part of the list: its delta from the one before and
    /// its frequency.
    @inline(__always)
    private mutating func varintPosting() throws(IndexError) -> (delta: Int, freq: Int) {
        let code = try docs.varint()
        guard code >> 1 > 0, code >> 1 <= UInt64(documentCount) else { throw .corrupt(file: docs.file, reason: "bad document delta") }
        let freq = code & 1 == 1 ? 1 : try docs.int()
        guard freq > 0 else { throw .corrupt(file: docs.file, reason: "zero term frequency") }
        return (Int(code >> 1), freq)
    }

    /// Enters the packed block at the cursor: reads its bit widths and steps over its values.
    private mutating func readBlock() throws(IndexError) {
        deltaBits = Int(try docs.u8())
        freqBits = Int(try docs.u8())
        guard deltaBits <= 32, freqBits <= 32 else { throw .corrupt(file: docs.file, reason: "bad bit width in a postings block") }
        blockDeltas = docs.offset
        _ = try docs.bytes(16 * deltaBits)
        blockFreqs = docs.offset
        _ = try docs.bytes(16 * freqBits)
        // Each value is read as the 8 bytes from its first: 7 bytes must follow the block.
        guard docs.offset + 7 <= docs.end else { throw .corrupt(file: docs.file, reason: "postings block at the end of its section") }
        deltaMask = (1 << UInt64(deltaBits)) &- 1
        freqMask = (1 << UInt64(freqBits)) &- 1
    }

    /// Moves to the first document ≥ `target`; false when there is none.
    public mutating func advance(to target: Int) throws(IndexError) -> Bool {
        // Whole blocks that end before the target are jumped over.
        while skipsLeft > 0 && skipDoc < target {
            let ends = (skipIndex + 1) * Self.skipInterval
            if consumed < ends {
                docs.offset = skipDocs
                positions.offset = skipPositions
                doc = skipDoc
                remaining = docFreq - ends
                consumed = ends
                passedPositions = 0
                pendingPositions = 0
            }
            skipIndex += 1
            skipsLeft -= 1
            try loadSkip()
        }
        while doc < target {
            guard consumed < packed else {
                guard try next() else { return false }
                continue
            }
            // Within a packed block: its values read in a tight loop, the cursor's state in
            // locals, the positions of the documents stepped over only counted.
            var k = consumed & (PostingsBlocks.size - 1)
            if k == 0 { try readBlock() }
            let base = docs.base
            var d = doc, f = freq, steps = 0
            var passed = passedPositions &+ pendingPositions
            repeat {
                if steps > 0 && withPositions { passed &+= f }
                d += Int(PostingsBlocks.value(at: k, bits: deltaBits, mask: deltaMask, start: blockDeltas, base: base)) + 1
                f = Int(PostingsBlocks.value(at: k, bits: freqBits, mask: freqMask, start: blockFreqs, base: base)) + 1
                k += 1
                steps += 1
            } while d < target && k < PostingsBlocks.size
            consumed += steps
            remaining -= steps
            (doc, freq) = (d, f)
            passedPositions = passed
            pendingPositions = withPositions ? f : 0
            guard doc < documentCount else { throw .corrupt(file: docs.file, reason: "document number beyond the segment") }
        }
        return true
    }

    /// The positions of the current document, appended to `out` (which is cleared).
    /// Only for a cursor opened with positions.
    public mutating func readPositions(into out: inout [Int32]) throws(IndexError) {
        out.removeAll(keepingCapacity: true)
        if passedPositions > 0 {
            try positions.skipVarints(passedPositions)
            passedPositions = 0
        }
        var p: Int32 = 0
        while pendingPositions > 0 {
            p &+= Int32(truncatingIfNeeded: try positions.varint())
            out.append(p)
            pendingPositions -= 1
        }
    }
}
