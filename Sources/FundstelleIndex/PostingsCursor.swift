/// Walks one term's postings in a segment: documents in increasing order, each with its
/// frequency and, when asked, its positions. Reads the mapped file directly; a damaged
/// stream throws `IndexError.corrupt`.
public struct PostingsCursor {
    private var docs: ByteReader
    private var positions: ByteReader
    private var remaining: Int
    private var pendingPositions = 0
    private let withPositions: Bool
    /// The current document (segment-local), -1 before the first `next()`.
    public private(set) var doc: Int = -1
    public private(set) var freq: Int = 0
    public let docFreq: Int

    private let documentCount: Int

    init(docs: ByteReader, positions: ByteReader, docFreq: Int, documentCount: Int, withPositions: Bool) {
        self.documentCount = documentCount
        self.withPositions = withPositions
        self.docs = docs
        self.positions = positions
        self.remaining = docFreq
        self.docFreq = docFreq
    }

    /// Moves to the next document; false at the end.
    public mutating func next() throws(IndexError) -> Bool {
        guard remaining > 0 else { return false }
        remaining -= 1
        // Positions of the previous document that were not read stay behind the cursor.
        while pendingPositions > 0 {
            _ = try positions.varint()
            pendingPositions -= 1
        }
        let code = try docs.varint()
        guard code >> 1 > 0, code >> 1 <= UInt64(documentCount) else { throw .corrupt(file: docs.file, reason: "bad document delta") }
        doc += Int(code >> 1)
        guard doc < documentCount else { throw .corrupt(file: docs.file, reason: "document number beyond the segment") }
        freq = code & 1 == 1 ? 1 : try docs.int()
        guard freq > 0 else { throw .corrupt(file: docs.file, reason: "zero term frequency") }
        pendingPositions = withPositions ? freq : 0
        return true
    }

    /// Moves to the first document ≥ `target`; false when there is none.
    public mutating func advance(to target: Int) throws(IndexError) -> Bool {
        while doc < target {
            guard try next() else { return false }
        }
        return true
    }

    /// The positions of the current document, appended to `out` (which is cleared).
    /// Only for a cursor opened with positions.
    public mutating func readPositions(into out: inout [Int32]) throws(IndexError) {
        out.removeAll(keepingCapacity: true)
        var p: Int32 = 0
        while pendingPositions > 0 {
            p &+= Int32(truncatingIfNeeded: try positions.varint())
            out.append(p)
            pendingPositions -= 1
        }
    }
}
