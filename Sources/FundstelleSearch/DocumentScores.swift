/// What a query has found so far: for each document it touched, the score and a bit per
/// required word group the document matched.
///
/// Rows are kept only for touched documents, in the order they were first touched; a table of
/// four bytes per document of the index leads from a document to its row. The table, the
/// rows and the row count live in `ZeroedBuffer`s (calloc'ed), so the pages a query never
/// writes are never faulted in. A query that touches a few thousand documents writes their rows
/// and the table pages that hold them, not a score and a mask for every document of the index
/// (on the full law dump that was 1.3 MB of fresh pages per query). Unsafe storage, not arrays:
/// the rows are written once per posting, and an array in a class pays a uniqueness and an
/// exclusivity check on each write.
final class DocumentScores {
    private struct Row {
        var score: Float
        var document: Int32
        var mask: UInt64
    }

    /// Per document: 1 + its row, 0 when untouched.
    private let rowOf: ZeroedBuffer<Int32>
    private let rows: ZeroedBuffer<Row>
    /// How many rows are in use (element 0; a buffer, so writing it is no class-property access).
    private let used = ZeroedBuffer<Int>(count: 1)

    init(documentCount: Int) {
        rowOf = ZeroedBuffer(count: documentCount)
        rows = ZeroedBuffer(count: documentCount)
    }

    var count: Int { used[0] }

    /// Forgets every document, clearing only the rows in use (so a searcher reuses one
    /// instance from query to query at the cost of what the last query touched).
    func reset() {
        for i in 0..<used[0] { rowOf[Int(rows[i].document)] = 0 }
        used[0] = 0
    }

    /// Adds `score` to document `d`'s and sets `bits` in its mask (touching it).
    @inline(__always)
    func add(_ d: Int, score: Float, bits: UInt64 = 0) {
        let r = Int(rowOf[d])
        if r == 0 {
            let n = used[0]
            rows[n] = Row(score: score, document: Int32(d), mask: bits)
            used[0] = n + 1
            rowOf[d] = Int32(n + 1)
        } else {
            rows[r - 1].score += score
            rows[r - 1].mask |= bits
        }
    }

    /// Document `d`'s score, 0 when untouched.
    @inline(__always)
    func score(_ d: Int) -> Float {
        let r = Int(rowOf[d])
        return r == 0 ? 0 : rows[r - 1].score
    }

    /// The word groups document `d` matched, 0 when untouched.
    @inline(__always)
    func mask(_ d: Int) -> UInt64 {
        let r = Int(rowOf[d])
        return r == 0 ? 0 : rows[r - 1].mask
    }

    /// Takes document `d` out of the result (an excluded word, a deleted document).
    func clearMask(_ d: Int) {
        let r = Int(rowOf[d])
        if r != 0 { rows[r - 1].mask = 0 }
    }

    /// Takes out every touched document `isOut` says so of (deleted documents), in no order.
    func clearMasks(where isOut: (Int) -> Bool) {
        for i in 0..<used[0] where isOut(Int(rows[i].document)) { rows[i].mask = 0 }
    }

    /// Multiplies document `d`'s score by `factor`.
    func scale(_ d: Int, by factor: Float) {
        let r = Int(rowOf[d])
        if r != 0 { rows[r - 1].score *= factor }
    }

    /// The touched documents in increasing order: sorted when they are few, else read off
    /// the table in one pass.
    func documentsInOrder() -> [Int32] {
        let n = used[0]
        if n > rowOf.count / 16 {
            var result: [Int32] = []
            result.reserveCapacity(n)
            for d in 0..<rowOf.count where rowOf[d] != 0 { result.append(Int32(d)) }
            return result
        }
        return (0..<n).map { rows[$0].document }.sorted()
    }
}
