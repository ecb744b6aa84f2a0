/// Where `Searcher.collect` sums the tf' of one segment's documents, field after field and
/// list after list: a score per document, and which documents were touched (as a list and as
/// bits), in buffers the searcher owns and keeps zeroed between segments.
///
/// A plain struct of pointers, passed `inout` to the code reading the lists, so adding a
/// posting is a few instructions inlined into the reading loop, not a closure call.
struct Accumulator {
    private let scores: UnsafeMutablePointer<Float>
    private let bits: UnsafeMutablePointer<UInt64>
    private let touched: UnsafeMutablePointer<Int32>
    private(set) var touchedCount = 0
    /// Documents of the segment being read; the buffers hold at least this many.
    var documentCount = 0
    /// The current field's weight per norm byte, and its norm bytes (one per document).
    var factor: UnsafePointer<Float> = UnsafePointer(bitPattern: 1)!
    var norms: UnsafePointer<UInt8> = UnsafePointer(bitPattern: 1)!

    init(scores: UnsafeMutablePointer<Float>, bits: UnsafeMutablePointer<UInt64>, touched: UnsafeMutablePointer<Int32>) {
        self.scores = scores
        self.bits = bits
        self.touched = touched
    }

    /// Adds `freq` occurrences (weighted by kind) of the current field in document `doc`.
    @inline(__always)
    mutating func add(_ doc: Int, _ freq: Float) {
        precondition(doc >= 0 && doc < documentCount, "document outside the segment")
        addWeight(doc, freq * factor[Int(norms[doc])])
    }

    /// Adds an already weighted tf' to document `doc`.
    @inline(__always)
    mutating func addWeight(_ doc: Int, _ weight: Float) {
        precondition(doc >= 0 && doc < documentCount, "document outside the segment")
        let bit: UInt64 = 1 << UInt64(doc & 63)
        if bits[doc >> 6] & bit == 0 {
            bits[doc >> 6] |= bit
            touched[touchedCount] = Int32(doc)
            touchedCount += 1
        }
        scores[doc] += weight
    }

    /// Hands the touched documents to `body` in increasing order with their tf', and zeroes
    /// what they used. Few are sorted; many are read off the bits in one pass (cheaper than a
    /// sort once more than one word in eight has a document).
    mutating func drain(_ body: (Int, Float) -> Void) {
        let words = (documentCount + 63) / 64
        if touchedCount * 8 <= words {
            var list = UnsafeMutableBufferPointer(start: touched, count: touchedCount)
            list.sort()
            for d in list {
                let doc = Int(d)
                bits[doc >> 6] = 0
                body(doc, scores[doc])
                scores[doc] = 0
            }
        } else {
            for w in 0..<words where bits[w] != 0 {
                var word = bits[w]
                bits[w] = 0
                while word != 0 {
                    let doc = w << 6 | word.trailingZeroBitCount
                    word &= word &- 1
                    body(doc, scores[doc])
                    scores[doc] = 0
                }
            }
        }
        touchedCount = 0
    }
}
