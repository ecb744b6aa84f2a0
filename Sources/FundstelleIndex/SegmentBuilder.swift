import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FundstelleAnalysis
import FundstelleExtract

/// Sections of a segment file, in file order (see FORMAT.md).
enum Section: Int, CaseIterable {
    case postings, positions, dictionary, blockIndex, norms, stored, storedOffsets, ids, stats, storedBlocks
    case linkKeys, links, blockKeys, storedCompression
}

/// Builds one segment in memory: holds documents, and when written analyses them, collects
/// postings per term, and writes the segment file in one pass.
///
/// Analysis waits for the write so that it can split compounds with the word frequencies of
/// everything added by then (the index's own knowledge, in the manner of Koehn & Knight).
/// Terms are interned into a byte arena (`TermTable`); each term's postings grow in their own
/// byte streams, already in the on-disk encoding.
struct SegmentBuilder {
    private struct Postings {
        var docs = ByteWriter()
        var positions = ByteWriter()
        var lastDoc: Int32 = -1
        var docFreq: Int32 = 0
        /// One entry per `PostingsCursor.skipInterval` documents (see FORMAT.md).
        var skips = ByteWriter()
        var skipDoc: Int32 = -1
        var skipDocs = 0
        var skipPositions = 0

        /// After every full block of documents: where the next block starts.
        mutating func noteBlockEnd() {
            guard docFreq % Int32(PostingsCursor.skipInterval) == 0 else { return }
            skips.varint(Int(lastDoc - skipDoc))
            skips.varint(docs.count - skipDocs)
            skips.varint(positions.count - skipPositions)
            (skipDoc, skipDocs, skipPositions) = (lastDoc, docs.count, positions.count)
        }
    }

    /// Documents added and not yet analysed.
    private var documents: [Document] = []
    private var terms = TermTable()
    private var postings: [Postings] = []
    /// Per term id: whether its key kind keeps positions.
    private var hasPositions: [Bool] = []
    private var norms: [[UInt8]] = Array(repeating: [], count: Field.text.count)
    private var sumLengths: [UInt64] = Array(repeating: 0, count: Field.text.count)
    private var stored = ByteWriter()
    private var storedOffsets: [UInt64] = [0]
    private var ids: [UInt64] = []
    /// Per document: the hashes of the keys links reach it by (`LinkTarget`: path, URL; 0: none).
    private var linkKeys: [UInt64] = []
    /// Per document: its links, encoded (varint count, then target and text strings).
    private var links = ByteWriter()
    private(set) var documentCount = 0
    /// The splits `write` used: those it was given and those of the vocabulary it split.
    private(set) var splits = SplitTable()
    /// Bytes held, roughly: what the RAM budget is checked against.
    private(set) var estimatedBytes = 0

    init() {}

    /// Keeps `doc` for storing and analysis at `write`. `id` replaces the hash of its path
    /// as its stable id (the anchor segment numbers its documents by the commit's).
    mutating func add(_ doc: Document, id: UInt64? = nil) {
        documents.append(doc)
        ids.append(id ?? DocumentID.hash(doc.path))
        linkKeys.append(LinkTarget.key(path: doc.path).map { FNV1a.hash($0.utf8) } ?? 0)
        linkKeys.append(LinkTarget.key(url: doc.url).map { FNV1a.hash($0.utf8) } ?? 0)
        links.varint(doc.links.count)
        for link in doc.links {
            links.string(link.target)
            links.string(link.text)
        }
        // The document itself, its stored record, and the postings its text will make.
        let text = Field.text.reduce(0) { sum, field in sum + DocumentTerms.values(of: field, in: doc).reduce(0) { $0 + $1.utf8.count } }
        estimatedBytes += 2 * (text + doc.body.utf8.count + doc.path.utf8.count) + 3 * text + 64
            + doc.links.reduce(0) { $0 + $1.target.utf8.count + $1.text.utf8.count + 2 }
        documentCount += 1
    }

    /// Replaces each held document by `transform` of it (before `write` stores and analyses them).
    mutating func transformDocuments(_ transform: (Document) -> Document) {
        for i in documents.indices { documents[i] = transform(documents[i]) }
    }

    /// Adds one analysed document, number `docIndex`, to the postings: each of its distinct
    /// keys once, its positions already grouped and encoded by the analysing thread.
    private mutating func add(_ doc: DocumentTerms, _ docIndex: Int32) {
        for (slot, length) in doc.lengths.enumerated() {
            norms[slot].append(FieldNorm.encode(length))
            sumLengths[slot] += UInt64(length)
        }
        doc.forEach { key, hash, freq, positions in
            let term = Int(terms.intern(key, hash: hash))
            if postings.count < terms.count {
                postings.append(Postings())
                hasPositions.append(Field.hasPositions(keyPrefix: key[0]))
            }
            guard key[0] >> 4 != TermKind.split.rawValue else { return }  // a record, no document's term
            let delta = UInt64(docIndex - postings[term].lastDoc)
            // doc delta shifted left one bit; the low bit says "frequency is 1".
            if freq == 1 {
                postings[term].docs.varint(delta << 1 | 1)
            } else {
                postings[term].docs.varint(delta << 1)
                postings[term].docs.varint(freq)
            }
            if hasPositions[term] { postings[term].positions.bytes.append(contentsOf: positions) }
            postings[term].lastDoc = docIndex
            postings[term].docFreq += 1
            postings[term].noteBlockEnd()
        }
    }

    /// Cores to spread a segment's analysis and compression over.
    private static let cores = max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN)))

    /// The stored records in blocks of `StoredBlocks.documentsPerBlock(dictionary:)`, each
    /// compressed with `dictionary` on `workers` threads: its raw size and its bytes.
    private static func compressedBlocks(
        stored: [UInt8], offsets: [UInt64], documents: Int, dictionary: StoredDictionary?, workers: Int
    ) -> [(raw: Int, packed: [UInt8])] {
        let perBlock = StoredBlocks.documentsPerBlock(dictionary: dictionary)
        let count = (documents + perBlock - 1) / perBlock
        var blocks = [(raw: Int, packed: [UInt8])](repeating: (0, []), count: count)
        let workers = max(1, min(count, workers))
        blocks.withUnsafeMutableBufferPointer { out in
            nonisolated(unsafe) let out = out
            // Iteration w compresses every workers-th block, starting at w.
            DispatchQueue.concurrentPerform(iterations: workers) { w in
                for b in stride(from: w, to: count, by: workers) {
                    let first = b * perBlock
                    let last = min(first + perBlock, documents)
                    let raw = stored[Int(offsets[first])..<Int(offsets[last])]
                    out[b] = (raw.count, StoredBlocks.compress(raw, dictionary: dictionary))
                }
            }
        }
        return blocks
    }

    /// The stored records' dictionary (`StoredDictionary`) and compressed blocks, made on other
    /// threads while this one writes the postings and the dictionary (compression is much of
    /// the time a segment takes to write, and the rest is one thread's work).
    private final class StoredCompression: @unchecked Sendable {
        private let done = DispatchSemaphore(value: 0)
        private var result: (dictionary: StoredDictionary?, blocks: [(raw: Int, packed: [UInt8])])?

        init(stored: [UInt8], offsets: [UInt64], documents: Int, workers: Int) {
            DispatchQueue.global().async { [self] in
                let dictionary = StoredDictionary.trained(on: stored, offsets: offsets)
                let blocks = SegmentBuilder.compressedBlocks(
                    stored: stored, offsets: offsets, documents: documents, dictionary: dictionary, workers: workers)
                result = (dictionary, blocks)
                done.signal()
            }
        }

        /// The result, once it is made (asked for once).
        func wait() -> (dictionary: StoredDictionary?, blocks: [(raw: Int, packed: [UInt8])]) {
            done.wait()
            return result!
        }
    }

    /// Analyses the held documents on all cores, in batches, and adds them in order.
    private mutating func analyzeDocuments(decompounder: Decompounder, vocabulary: WordFrequencies, knownSplits: SplitTable) {
        let analyzers = AnalyzerPool(count: Self.cores, decompounder: decompounder, vocabulary: vocabulary, known: knownSplits)
        splits = analyzers.splits
        analyzers.analyze(documents, batchSize: 64) { d, terms in add(terms, Int32(d)) }
    }

    private mutating func storeRecord(_ doc: Document) {
        stored.string(doc.path)
        stored.string(doc.title)
        stored.string(doc.date)
        stored.string(doc.language)
        stored.string(doc.description)
        stored.string(doc.url)
        stored.string(doc.collection)
        stored.varint(doc.headings.count)
        for h in doc.headings { stored.string(h) }
        stored.string(doc.body)
        if !doc.duplicates.isEmpty {
            stored.varint(doc.duplicates.count)
            for path in doc.duplicates { stored.string(path) }
        }
    }

    /// Records `path` as another path of held document `index` (same content).
    mutating func addDuplicate(path: String, of index: Int) {
        documents[index].duplicates.append(path)
        estimatedBytes += path.utf8.count + 16
    }

    /// Lists shorter than this are written again rather than shared: a pointer to an earlier
    /// list takes three or four bytes itself.
    static let smallestSharedList = 4

    /// Whether pointing `distance` bytes back costs fewer dictionary bytes than writing a list
    /// of `length` bytes again and saying its length.
    static func sharingSaves(length: Int, distance: Int) -> Bool {
        func varintSize(_ v: Int) -> Int { v < 1 << 7 ? 1 : v < 1 << 14 ? 2 : v < 1 << 21 ? 3 : v < 1 << 28 ? 4 : 5 }
        return 1 + varintSize(distance) < length + varintSize(length)
    }

    /// Analyses the documents, splitting compounds with `decompounder` (made from the words of
    /// everything indexed in this run so far), and writes the segment file at `path` (fsynced).
    /// The words of `vocabulary` are split ahead, once each, on all cores; others as they come
    /// (pass none for a segment of few words), except those `knownSplits` holds: an earlier
    /// segment's splits, kept so that a word is split alike in every segment of a run (and
    /// not split again). `splits` then holds the splits used. Returns its size in bytes.
    mutating func write(
        to path: String, decompounder: Decompounder, vocabulary: WordFrequencies, knownSplits: SplitTable = SplitTable()
    ) throws(IndexError) -> Int {
        for doc in documents {
            storeRecord(doc)
            storedOffsets.append(UInt64(stored.count))
        }
        analyzeDocuments(decompounder: decompounder, vocabulary: vocabulary, knownSplits: knownSplits)
        documents = []
        let compression = StoredCompression(
            stored: stored.bytes, offsets: storedOffsets, documents: ids.count, workers: max(1, Self.cores - 1))
        let out = try OutputFile(path)
        var table: [(offset: Int, length: Int)] = []
        func section(_ body: () throws(IndexError) -> Void) throws(IndexError) {
            let start = out.offset
            try body()
            table.append((start, out.offset - start))
        }
        var header = ByteWriter()
        header.u32(IndexFormat.segmentMagic)
        header.u32(IndexFormat.version)
        try out.write(header.bytes)

        let order = terms.sortedIDs()
        // Where each term's postings start, and how many bytes its own list takes (0: it
        // shares the list of an earlier term with the same bytes, see below).
        var postingsOffsets = [Int](repeating: 0, count: order.count)
        var postingsLengths = [Int](repeating: 0, count: order.count)
        var positionsOffsets = [Int](repeating: 0, count: order.count)

        try section { () throws(IndexError) in
            var offset = 0
            var head = ByteWriter()
            // Short lists by their bytes' hash: a term whose list is byte for byte an earlier
            // one's points to it (a word's exact form in the same documents as its stem, a folded
            // key with the documents of its one spelling).
            var earlier: [UInt64: Int32] = [:]
            for (rank, id) in order.enumerated() {
                postingsOffsets[rank] = offset
                let p = postings[Int(id)]
                // A list longer than one block: skip entries, then its whole blocks bit-packed.
                if Int(p.docFreq) > PostingsCursor.skipInterval {
                    let (skips, docs) = try PostingsBlocks.pack(docs: p.docs.bytes, skips: p.skips.bytes, docFreq: Int(p.docFreq))
                    head.bytes.removeAll(keepingCapacity: true)
                    head.varint(skips.count)
                    try out.write(head.bytes)
                    try out.write(skips.bytes)
                    try out.write(docs.bytes)
                    postingsLengths[rank] = head.count + skips.count + docs.count
                } else if p.docs.count >= Self.smallestSharedList {
                    let hash = p.docs.bytes.withUnsafeBufferPointer(ByteHash.hash)
                    if let first = earlier[hash], postings[Int(order[Int(first)])].docs.bytes == p.docs.bytes,
                       Self.sharingSaves(length: p.docs.count, distance: offset - postingsOffsets[Int(first)]) {
                        postingsOffsets[rank] = postingsOffsets[Int(first)]
                        continue
                    }
                    earlier[hash] = Int32(rank)  // the nearest copy: pointers to it are shorter
                    try out.write(p.docs.bytes)
                    postingsLengths[rank] = p.docs.count
                } else {
                    try out.write(p.docs.bytes)
                    postingsLengths[rank] = p.docs.count
                }
                offset += postingsLengths[rank]
            }
            try out.write([UInt8](repeating: 0, count: PostingsBlocks.padding))
        }
        try section { () throws(IndexError) in
            var offset = 0
            for (rank, id) in order.enumerated() {
                positionsOffsets[rank] = offset
                try out.write(postings[Int(id)].positions.bytes)
                offset += postings[Int(id)].positions.count
            }
        }
        var blockStarts: [UInt64] = []
        // The first key of each block once more, side by side, for the binary search.
        var blockKeys = ByteWriter(), blockKeyEnds: [UInt32] = [0]
        try section { () throws(IndexError) in
            var dict = ByteWriter()
            var previous: [UInt8] = []
            var nextPostings = 0  // where the next list of its own starts
            for (rank, id) in order.enumerated() {
                if rank % IndexFormat.termsPerBlock == 0 {
                    blockStarts.append(UInt64(dict.count))
                    previous.removeAll(keepingCapacity: true)
                    terms.withKey(Int(id)) { term in blockKeys.append(term[...]) }
                    blockKeyEnds.append(UInt32(blockKeys.count))
                    dict.varint(nextPostings)
                    dict.varint(positionsOffsets[rank])
                }
                var prefix: UInt8 = 0
                terms.withKey(Int(id)) { term in
                    var shared = 0
                    let limit = min(previous.count, term.count)
                    while shared < limit && previous[shared] == term[shared] { shared += 1 }
                    dict.varint(shared)
                    dict.varint(term.count - shared)
                    dict.append(term[shared...])
                    previous.replaceSubrange(previous.indices, with: term)
                    prefix = term[0]
                }
                let p = postings[Int(id)]
                dict.varint(Int(p.docFreq))
                guard p.docFreq > 0 else { continue }  // a split record: no lists
                if postingsLengths[rank] > 0 {
                    dict.varint(postingsLengths[rank])
                    nextPostings += postingsLengths[rank]
                } else {
                    dict.varint(0)
                    dict.varint(nextPostings - postingsOffsets[rank])
                }
                if Field.hasPositions(keyPrefix: prefix) { dict.varint(p.positions.count) }
            }
            try out.write(dict.bytes)
        }
        try section { () throws(IndexError) in
            var w = ByteWriter()
            for s in blockStarts { w.u64(s) }
            try out.write(w.bytes)
        }
        try section { () throws(IndexError) in
            for n in norms { try out.write(n) }
        }
        // Records in compressed blocks (one record each with a dictionary trained on them, see
        // `StoredDictionary`); storedOffsets stay the records' offsets in the decompressed
        // stream, storedBlocks say where blocks lie, section 13 holds the block size and dictionary.
        var blockOffsets: [UInt64] = [0]
        let (dictionary, blocks) = compression.wait()
        try section { () throws(IndexError) in
            var written = 0
            for (raw, packed) in blocks {
                var block = ByteWriter()
                block.u32(UInt32(raw))
                try out.write(block.bytes)
                try out.write(packed)
                written += 4 + packed.count
                blockOffsets.append(UInt64(written))
            }
        }
        try section { () throws(IndexError) in
            var w = ByteWriter()
            for o in storedOffsets { w.u64(o) }
            try out.write(w.bytes)
        }
        try section { () throws(IndexError) in
            var w = ByteWriter()
            for id in ids { w.u64(id) }
            try out.write(w.bytes)
        }
        try section { () throws(IndexError) in
            var w = ByteWriter()
            w.u64(UInt64(order.count))
            for s in sumLengths { w.u64(s) }
            try out.write(w.bytes)
        }
        try section { () throws(IndexError) in
            var w = ByteWriter()
            for o in blockOffsets { w.u64(o) }
            try out.write(w.bytes)
        }

        try section { () throws(IndexError) in
            // None at all (the anchor segment's documents): the section stays empty.
            guard linkKeys.contains(where: { $0 != 0 }) else { return }
            var w = ByteWriter()
            for k in linkKeys { w.u64(k) }
            try out.write(w.bytes)
        }
        try section { () throws(IndexError) in
            var w = ByteWriter()
            w.u32(UInt32(links.count))
            try out.write(w.bytes)
            try out.write(StoredBlocks.compress(links.bytes[...]))
        }
        try section { () throws(IndexError) in
            var w = ByteWriter()
            for end in blockKeyEnds { w.u32(end) }
            try out.write(w.bytes)
            try out.write(blockKeys.bytes)
        }
        try section { () throws(IndexError) in
            var w = ByteWriter()
            w.u32(UInt32(StoredBlocks.documentsPerBlock(dictionary: dictionary)))
            try out.write(w.bytes)
            try out.write(dictionary?.bytes ?? [])
        }

        var footer = ByteWriter()
        for entry in table {
            footer.u64(UInt64(entry.offset))
            footer.u64(UInt64(entry.length))
        }
        footer.u32(UInt32(documentCount))
        footer.u32(UInt32(table.count))
        try out.write(footer.bytes)
        var tail = ByteWriter()
        tail.u32(out.crc)
        tail.u32(IndexFormat.version)
        tail.u32(IndexFormat.footerMagic)
        try out.write(tail.bytes)
        let size = out.offset
        try out.finish()
        return size
    }
}
