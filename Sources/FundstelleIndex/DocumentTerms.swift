import FundstelleAnalysis
import FundstelleExtract
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One document analysed into its dictionary keys and their positions: what the segment
/// builder needs to add it to the postings. Computing it is the costly part of indexing and
/// depends on nothing but the document and the analyzer's settings, so it runs on all cores;
/// adding it to the postings happens one document after another, in order.
struct DocumentTerms {
    /// Every key occurrence one after another, in the order the analyzer gave them: a
    /// field-and-kind prefix byte, then the term's bytes.
    private var keys: [UInt8] = []
    /// Where each occurrence ends in `keys`.
    private var ends: [Int32] = []
    /// Per distinct key, in the order they first occur: the occurrence that is its first.
    private var firstOccurrence: [Int32] = []
    /// Per distinct key: its `ByteHash`, so that adding it to the segment need not hash it again.
    private var hashes: [UInt64] = []
    /// Per distinct key: how often it occurs.
    private var freqs: [Int32] = []
    /// The positions of the distinct keys that keep them (`Field.hasPositions`), one key after
    /// another: ascending, each as the varint of its difference to the one before (the first to
    /// 0), as the segment stores them. Where each key's bytes end (keys without have none).
    private var positionBytes = ByteWriter()
    private var positionEnds: [Int32] = []
    /// Length in tokens of each text field, in `Field.text` order.
    private(set) var lengths: [Int] = []

    /// Positions between two values of one field (two headings), so phrases do not cross them.
    static let valueGap = 100

    /// Buffers one analysing thread reuses from document to document.
    struct Scratch {
        /// The position of each occurrence.
        fileprivate var positions: [Int32] = []
        /// Per occurrence: the number of its distinct key.
        fileprivate var keyOf: [Int32] = []
        /// Hash slots: a distinct key's number, or -1. The length is a power of two; empty
        /// between documents.
        fileprivate var slots = [Int32](repeating: -1, count: 1024)
        /// The positions grouped by key (a counting sort), and where each key's group starts.
        fileprivate var grouped: [Int32] = []
        fileprivate var groupStarts: [Int32] = []

        init() {}
    }

    init(_ doc: Document, analyzer: inout Analyzer, scratch: inout Scratch) {
        keys.reserveCapacity(doc.body.utf8.count * 3)
        scratch.positions.removeAll(keepingCapacity: true)
        for field in Field.text {
            lengths.append(add(field, values: DocumentTerms.values(of: field, in: doc), analyzer: &analyzer, positions: &scratch.positions))
        }
        // A duplicate's path finds the document as its own path does (`show`, `path:`).
        for path in [doc.path] + doc.duplicates {
            keys.append(Field.path.keyPrefix(.stem))
            keys.append(contentsOf: path.utf8)
            ends.append(Int32(keys.count))
            scratch.positions.append(0)
        }
        for key in DocumentTerms.metaKeys(of: doc) {
            keys.append(Field.meta.keyPrefix(.stem))
            keys.append(contentsOf: key.utf8)
            ends.append(Int32(keys.count))
            scratch.positions.append(0)
        }
        group(&scratch)
    }

    /// Finds the distinct keys among the occurrences, counts them, and groups, sorts and
    /// encodes their positions.
    private mutating func group(_ scratch: inout Scratch) {
        let occurrences = ends.count
        var size = scratch.slots.count
        while size < occurrences * 2 { size *= 2 }
        if size != scratch.slots.count { scratch.slots = [Int32](repeating: -1, count: size) }
        let mask = size - 1
        scratch.keyOf.removeAll(keepingCapacity: true)
        scratch.keyOf.reserveCapacity(occurrences)
        keys.withUnsafeBufferPointer { all in
            ends.withUnsafeBufferPointer { ends in
                scratch.slots.withUnsafeMutableBufferPointer { slots in
                    func key(_ i: Int) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: all[Self.keyRange(i, ends: ends)]) }
                    for i in 0..<occurrences {
                        let k = key(i)
                        let h = ByteHash.hash(k)
                        var slot = Int(truncatingIfNeeded: h) & mask
                        while true {
                            let j = Int(slots[slot])
                            if j < 0 {
                                slots[slot] = Int32(firstOccurrence.count)
                                scratch.keyOf.append(Int32(firstOccurrence.count))
                                firstOccurrence.append(Int32(i))
                                hashes.append(h)
                                freqs.append(1)
                                break
                            }
                            if hashes[j] == h {
                                let other = key(Int(firstOccurrence[j]))
                                if other.count == k.count && (k.isEmpty || memcmp(other.baseAddress!, k.baseAddress!, k.count) == 0) {
                                    scratch.keyOf.append(Int32(j))
                                    freqs[j] += 1
                                    break
                                }
                            }
                            slot = (slot + 1) & mask
                        }
                    }
                    // Empty the table for the next document: the runs of slots this one used.
                    for h in hashes {
                        var slot = Int(truncatingIfNeeded: h) & mask
                        while slots[slot] >= 0 {
                            slots[slot] = -1
                            slot = (slot + 1) & mask
                        }
                    }
                }
            }
        }

        // Positions grouped by key in two passes (a counting sort); a key's positions must rise.
        scratch.groupStarts.removeAll(keepingCapacity: true)
        var next: Int32 = 0
        for f in freqs {
            scratch.groupStarts.append(next)
            next += f
        }
        if scratch.grouped.count < occurrences { scratch.grouped = [Int32](repeating: 0, count: occurrences * 2) }
        for (i, j) in scratch.keyOf.enumerated() {
            scratch.grouped[Int(scratch.groupStarts[Int(j)])] = scratch.positions[i]
            scratch.groupStarts[Int(j)] += 1
        }
        positionBytes.reserve(occurrences)
        positionEnds.reserveCapacity(freqs.count)
        var start = 0
        for j in freqs.indices {
            let end = Int(scratch.groupStarts[j])  // the end of its group now
            if Field.hasPositions(keyPrefix: keys[keyRange(Int(firstOccurrence[j])).lowerBound]) {
                // Completions of an ellipsis come after their token: the rare group that does not rise is sorted.
                if ((start + 1)..<end).contains(where: { scratch.grouped[$0] < scratch.grouped[$0 - 1] }) {
                    scratch.grouped[start..<end].sort()
                }
                var last: Int32 = 0
                for k in start..<end {
                    positionBytes.varint(UInt64(scratch.grouped[k] - last))
                    last = scratch.grouped[k]
                }
            }
            positionEnds.append(Int32(positionBytes.count))
            start = end
        }
    }

    /// The filter and facet keys of a document: its date, year, language and site.
    static func metaKeys(of doc: Document) -> [String] {
        var keys: [String] = []
        if !doc.date.isEmpty {
            keys.append("date:" + doc.date)
            if doc.date.utf8.count >= 4 { keys.append("year:" + doc.date.prefix(4)) }
        }
        if let language = doc.language.split(separator: "-").first, !language.isEmpty {
            keys.append("lang:" + language.lowercased())
        }
        let site = TemplateDetector.site(of: doc)
        if !site.isEmpty { keys.append("site:" + site) }
        return keys
    }

    /// The texts a field is made of.
    static func values(of field: Field, in doc: Document) -> [String] {
        switch field {
        case .title: [doc.title]
        case .headings: doc.collection.isEmpty ? doc.headings : doc.headings + [doc.collection]
        case .body: [doc.body]
        case .description: [doc.description]
        case .path: [doc.path]
        case .meta: []
        case .anchor: doc.anchors
        }
    }

    /// Where occurrence `i` lies in `keys`.
    private func keyRange(_ i: Int) -> Range<Int> { ends.withUnsafeBufferPointer { Self.keyRange(i, ends: $0) } }

    /// Where occurrence `i` lies in the keys whose ends are `ends`.
    @inline(__always)
    private static func keyRange(_ i: Int, ends: UnsafeBufferPointer<Int32>) -> Range<Int> {
        (i == 0 ? 0 : Int(ends[i - 1]))..<Int(ends[i])
    }

    /// Analyses the values of one field into the occurrences (their positions into
    /// `positions`); returns the field's length in tokens.
    private mutating func add(_ field: Field, values: [String], analyzer: inout Analyzer, positions: inout [Int32]) -> Int {
        var position = 0
        var length = 0
        var lastPosition = -1  // tokens are counted by their first term; completions come later
        for value in values where !value.isEmpty {
            var text = value
            let next = text.withUTF8 { utf8 in
                analyzer.analyze(utf8, firstPosition: position) { term in
                    if term.token.position > lastPosition {
                        lastPosition = term.token.position
                        length += 1
                    }
                    // A split is a record of the dictionary, the same for every field.
                    keys.append(term.kind == .split ? Field.title.keyPrefix(.split) : field.keyPrefix(term.kind))
                    keys.append(contentsOf: term.bytes)
                    ends.append(Int32(keys.count))
                    positions.append(Int32(term.token.position))
                }
            }
            position = next + DocumentTerms.valueGap
        }
        return length
    }

    /// Calls `body(key, hash, freq, positions)` for every distinct key, in the order they first
    /// occur; `positions` are its encoded positions (empty for a key without).
    func forEach(_ body: (UnsafeBufferPointer<UInt8>, UInt64, Int, UnsafeBufferPointer<UInt8>) -> Void) {
        keys.withUnsafeBufferPointer { all in
            positionBytes.bytes.withUnsafeBufferPointer { positions in
                var positionsStart = 0
                for j in freqs.indices {
                    let key = UnsafeBufferPointer(rebasing: all[keyRange(Int(firstOccurrence[j]))])
                    let positionsEnd = Int(positionEnds[j])
                    body(key, hashes[j], Int(freqs[j]), UnsafeBufferPointer(rebasing: positions[positionsStart..<positionsEnd]))
                    positionsStart = positionsEnd
                }
            }
        }
    }
}
