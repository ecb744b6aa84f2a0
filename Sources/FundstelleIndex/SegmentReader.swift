import FundstelleAnalysis
import FundstelleExtract

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads one segment file through a memory map. Opening reads only the footer;
/// everything else is decoded on demand. Immutable, so it is shared between threads.
public final class SegmentReader: @unchecked Sendable {
    public let name: String
    public let documentCount: Int
    /// Distinct (field, term) keys in the segment.
    public let termCount: Int
    /// Sum of the lengths (in tokens) of each text field, in `Field.text` order.
    public let sumLengths: [UInt64]
    public var sizeInBytes: Int { file.bytes.count }
    /// The segment file.
    public var path: String { file.path }
    /// Bytes of the file that hold stored text (records, their offsets and their compression
    /// dictionary), not the inverted index.
    public var storedBytes: Int {
        section(.stored).count + section(.storedOffsets).count + section(.storedBlocks).count + section(.storedCompression).count
    }

    /// Bytes of the dictionary the stored records were compressed with (0: none).
    var storedDictionaryBytes: Int { section(.storedCompression).count - 4 }

    private let file: MappedFile
    private let sections: [UnsafeRawBufferPointer]
    private let blockCount: Int
    /// The dictionary the stored records were compressed with (nil: none), and how many
    /// records a compressed block holds.
    private let storedDictionary: StoredDictionary?
    private let storedPerBlock: Int

    init(path: String, name: String) throws(IndexError) {
        self.name = name
        file = try MappedFile(path)
        let all = file.bytes
        var tail = ByteReader(all, offset: max(0, all.count - 12), file: path)
        guard all.count >= 8 + 12 + 8 else { throw .corrupt(file: path, reason: "too short (\(all.count) bytes)") }
        _ = try tail.u32()  // checksum, verified by `verify()`
        let version = try tail.u32()
        let magic = try tail.u32()
        guard magic == IndexFormat.footerMagic else { throw .corrupt(file: path, reason: "not a Fundstelle segment (bad footer)") }
        guard version == IndexFormat.version else { throw .unsupportedVersion(file: path, version: version) }
        var head = ByteReader(all, file: path)
        guard try head.u32() == IndexFormat.segmentMagic, try head.u32() == version else {
            throw .corrupt(file: path, reason: "not a Fundstelle segment (bad header)")
        }
        let sectionCount = Section.allCases.count
        let tableSize = sectionCount * 16 + 8
        var table = ByteReader(all, offset: all.count - 12 - tableSize, file: path)
        var sections: [UnsafeRawBufferPointer] = []
        for _ in 0..<sectionCount {
            let offset = try table.u64(), length = try table.u64()
            guard offset >= 8, offset <= UInt64(all.count), length <= UInt64(all.count - 12 - tableSize) - min(offset, UInt64(all.count - 12 - tableSize)) else {
                throw .corrupt(file: path, reason: "section outside the file")
            }
            sections.append(UnsafeRawBufferPointer(rebasing: all[Int(offset)..<Int(offset + length)]))
        }
        documentCount = Int(try table.u32())
        guard Int(try table.u32()) == sectionCount else { throw .corrupt(file: path, reason: "wrong section count") }
        self.sections = sections

        let docs = documentCount
        guard sections[Section.norms.rawValue].count == docs * Field.text.count,
              sections[Section.storedOffsets.rawValue].count == (docs + 1) * 8,
              sections[Section.ids.rawValue].count == docs * 8,
              sections[Section.blockIndex.rawValue].count % 8 == 0,
              sections[Section.stats.rawValue].count == 8 * (1 + Field.text.count),
              [0, docs * 16].contains(sections[Section.linkKeys.rawValue].count),
              sections[Section.links.rawValue].count >= 4,
              sections[Section.blockKeys.rawValue].count >= (sections[Section.blockIndex.rawValue].count / 8 + 1) * 4
        else { throw .corrupt(file: path, reason: "section sizes do not match \(docs) documents") }
        blockCount = sections[Section.blockIndex.rawValue].count / 8
        // Records per block, then the dictionary they were compressed with (none: empty).
        let compression = sections[Section.storedCompression.rawValue]
        var perBlock = ByteReader(compression, file: path)
        storedPerBlock = Int(try perBlock.u32())
        guard storedPerBlock >= 1, storedPerBlock <= 1 << 16,
              sections[Section.storedBlocks.rawValue].count == ((docs + storedPerBlock - 1) / storedPerBlock + 1) * 8
        else { throw .corrupt(file: path, reason: "stored blocks do not match \(docs) documents") }
        storedDictionary = try StoredDictionary.reading(UnsafeRawBufferPointer(rebasing: compression[4...]), file: path)
        var stats = ByteReader(sections[Section.stats.rawValue], file: path)
        termCount = Int(try stats.u64())
        var sums: [UInt64] = []
        for _ in Field.text { sums.append(try stats.u64()) }
        sumLengths = sums
    }

    private func section(_ s: Section) -> UnsafeRawBufferPointer { sections[s.rawValue] }

    /// Recomputes the file's checksum: reads every byte. O(size).
    public func verify() throws(IndexError) {
        let all = file.bytes
        let stored = UInt32(littleEndian: all.loadUnaligned(fromByteOffset: all.count - 12, as: UInt32.self))
        let actual = CRC32.checksum(UnsafeRawBufferPointer(rebasing: all[0..<all.count - 12]))
        guard stored == actual else { throw .corrupt(file: file.path, reason: "checksum mismatch") }
    }

    // MARK: Term dictionary

    private func blockStart(_ block: Int) throws(IndexError) -> Int {
        let v = UInt64(littleEndian: section(.blockIndex).loadUnaligned(fromByteOffset: block * 8, as: UInt64.self))
        guard v <= UInt64(section(.dictionary).count) else { throw .corrupt(file: file.path, reason: "term block outside the dictionary") }
        return Int(v)
    }

    /// The first key of a block, from the block keys section: the keys a binary search
    /// compares lie side by side there, so a look-up touches a few pages, not one page of the
    /// dictionary per step.
    private func firstKey(ofBlock block: Int) throws(IndexError) -> UnsafeRawBufferPointer {
        let keys = section(.blockKeys)
        let table = (blockCount + 1) * 4
        let start = Int(UInt32(littleEndian: keys.loadUnaligned(fromByteOffset: block * 4, as: UInt32.self)))
        let end = Int(UInt32(littleEndian: keys.loadUnaligned(fromByteOffset: block * 4 + 4, as: UInt32.self)))
        guard start <= end, table + end <= keys.count else {
            throw .corrupt(file: file.path, reason: "block key outside its section")
        }
        return UnsafeRawBufferPointer(rebasing: keys[(table + start)..<(table + end)])
    }

    /// The first key of a block as the dictionary holds it (stored whole: its shared prefix is 0).
    private func dictionaryFirstKey(ofBlock block: Int) throws(IndexError) -> UnsafeRawBufferPointer {
        var r = ByteReader(section(.dictionary), offset: try blockStart(block), file: file.path)
        try r.skipVarints(3)  // the block's two offsets, the first key's shared prefix (0)
        let n = try r.int()
        return try r.bytes(n)
    }

    /// Whether the block keys section repeats each block's first key. O(blocks).
    func verifyBlockKeys() throws(IndexError) {
        for block in 0..<blockCount {
            guard SegmentReader.compare(try firstKey(ofBlock: block), try dictionaryFirstKey(ofBlock: block)) == 0 else {
                throw .corrupt(file: file.path, reason: "block key \(block) differs from the dictionary's")
            }
        }
    }

    private static func compare(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Int {
        let n = min(a.count, b.count)
        if n > 0 {
            let c = memcmp(a.baseAddress!, b.baseAddress!, n)
            if c != 0 { return Int(c) }
        }
        return a.count - b.count
    }

    /// Looks up the key `field` + `term`. O(log blocks + block size).
    public func lookup(_ field: Field, _ kind: TermKind = .stem, _ term: UnsafeBufferPointer<UInt8>) throws(IndexError) -> TermInfo? {
        // The key (prefix byte + term) on the stack: a look-up allocates nothing.
        let found: Result<TermInfo?, IndexError> = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: term.count + 1) { key in
            key[0] = field.keyPrefix(kind)
            if let source = term.baseAddress { (key.baseAddress! + 1).update(from: source, count: term.count) }
            return Result { () throws(IndexError) in try lookup(key: UnsafeRawBufferPointer(key)) }
        }
        return try found.get()
    }

    public func lookup(_ field: Field, _ kind: TermKind = .stem, _ term: [UInt8]) throws(IndexError) -> TermInfo? {
        try term.withUnsafeBufferPointer { t in Result { () throws(IndexError) in try lookup(field, kind, t) } }.get()
    }

    /// Finds `key` in the one block that may hold it, without rebuilding the block's keys:
    /// `matched` counts the bytes the entry just read shares with `key` while the entries are
    /// still below it. An entry sharing more with the one before than that is below the key
    /// too; one sharing less is above it (the keys ascend and `shared` is their whole common
    /// prefix), so only an entry sharing exactly `matched` bytes is compared.
    func lookup(key: UnsafeRawBufferPointer) throws(IndexError) -> TermInfo? {
        guard blockCount > 0 else { return nil }
        // The last block whose first key is ≤ key.
        var lo = 0, hi = blockCount - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if SegmentReader.compare(try firstKey(ofBlock: mid), key) <= 0 { lo = mid } else { hi = mid - 1 }
        }
        var entries = try self.entries(ofBlock: lo)
        var matched = 0
        while let (shared, suffix, info) = try entries.next() {
            if shared < matched { return nil }
            if shared > matched { continue }
            var i = 0
            while i < suffix.count && matched + i < key.count && suffix[i] == key[matched + i] { i += 1 }
            if i == suffix.count {
                if matched + i == key.count { return info }
            } else if matched + i == key.count || suffix[i] > key[matched + i] {
                return nil
            }
            matched += i
        }
        return nil
    }

    /// The entries of one dictionary block, read in order: each key's prefix shared with the
    /// key before, the rest of it, and its term info (offsets summed up from the lengths of the
    /// lists before it in the block, or pointing back to an earlier term's list).
    private struct BlockEntries {
        var reader: ByteReader
        private var previousLength = 0
        /// Where the block's next list of its own starts, in the postings and positions sections.
        private var postings: Int, positions: Int
        /// Whether the current key's kind and field (its first byte) keep positions.
        private var keyHasPositions = false

        /// `reader` stands after the block's two offsets, `postings` and `positions`.
        init(_ reader: ByteReader, postings: Int, positions: Int) {
            self.reader = reader
            self.postings = postings
            self.positions = positions
        }

        @inline(__always)
        mutating func next() throws(IndexError) -> (shared: Int, suffix: UnsafeRawBufferPointer, info: TermInfo)? {
            guard !reader.isAtEnd else { return nil }
            let shared = try reader.int()
            let suffix = try reader.bytes(try reader.int())
            guard shared <= previousLength, shared > 0 || suffix.count > 0 else { throw .corrupt(file: reader.file, reason: "bad term prefix") }
            if shared == 0 { keyHasPositions = Field.hasPositions(keyPrefix: suffix[0]) }  // (else the same first byte)
            previousLength = shared + suffix.count
            var info = TermInfo(docFreq: try reader.int(), postingsOffset: postings, positionsOffset: positions)
            guard info.docFreq > 0 else { return (shared, suffix, info) }  // (a split record)
            let length = try reader.int()
            if length > 0 {
                postings += length
            } else {  // 0: the list of an earlier term, this many bytes back
                let distance = try reader.int()
                guard distance > 0, distance <= postings else { throw .corrupt(file: reader.file, reason: "shared postings outside the section") }
                info.postingsOffset = postings - distance
            }
            if keyHasPositions { positions += try reader.int() }
            return (shared, suffix, info)
        }
    }

    private func entries(ofBlock block: Int) throws(IndexError) -> BlockEntries {
        let dict = section(.dictionary)
        let end = block + 1 < blockCount ? try blockStart(block + 1) : dict.count
        var reader = ByteReader(UnsafeRawBufferPointer(rebasing: dict[0..<end]), offset: try blockStart(block), file: file.path)
        let postings = try reader.int()
        let positions = try reader.int()
        return BlockEntries(reader, postings: postings, positions: positions)
    }

    /// Decodes the entries of one block in order, while `body` returns true.
    private func scanBlock(
        _ block: Int, _ body: (UnsafeRawBufferPointer, TermInfo) throws(IndexError) -> Bool
    ) throws(IndexError) {
        var entries = try self.entries(ofBlock: block)
        var current: [UInt8] = []
        while let (shared, suffix, info) = try entries.next() {
            current.removeSubrange(shared...)
            current.append(contentsOf: suffix)
            let goOn = try current.withUnsafeBytes { c in Result { () throws(IndexError) in try body(c, info) } }.get()
            if !goOn { return }
        }
    }

    /// Calls `body(key, info)` for the keys that start with `prefix`, in byte order, while it
    /// returns true. O(log blocks + keys visited).
    public func forEachKey(
        withPrefix prefix: [UInt8], _ body: (UnsafeRawBufferPointer, TermInfo) throws(IndexError) -> Bool
    ) throws(IndexError) {
        guard blockCount > 0 else { return }
        var lo = 0, hi = blockCount - 1
        // The last block whose first key is below the prefix: the first key with it is there or later.
        let search: Result<Void, IndexError> = prefix.withUnsafeBytes { p in
            Result { () throws(IndexError) in
                while lo < hi {
                    let mid = (lo + hi + 1) / 2
                    if SegmentReader.compare(try firstKey(ofBlock: mid), p) < 0 { lo = mid } else { hi = mid - 1 }
                }
            }
        }
        try search.get()
        var done = false
        var block = lo
        while !done && block < blockCount {
            try scanBlock(block) { (key, info) throws(IndexError) in
                if key.count >= prefix.count, key.prefix(prefix.count).elementsEqual(prefix) {
                    if try !body(key, info) { done = true }
                    return !done
                }
                if prefix.lexicographicallyPrecedes(key) { done = true }  // past every key with the prefix
                return !done
            }
            block += 1
        }
    }

    /// Calls `body(field, kind, term, info)` for every key of the dictionary, in byte order.
    public func forEachTerm(_ body: (Field, TermKind, UnsafeRawBufferPointer, TermInfo) throws(IndexError) -> Void) throws(IndexError) {
        for block in 0..<blockCount {
            try scanBlock(block) { (key, info) throws(IndexError) in
                guard let f = key.first, let (field, kind) = Field.decode(keyPrefix: f) else {
                    throw .corrupt(file: file.path, reason: "term of an unknown field or kind")
                }
                try body(field, kind, UnsafeRawBufferPointer(rebasing: key[1...]), info)
                return true
            }
        }
    }

    // MARK: Postings

    public func postings(_ info: TermInfo, positions: Bool = false) throws(IndexError) -> PostingsCursor {
        let p = section(.postings), q = section(.positions)
        guard info.postingsOffset <= p.count, info.positionsOffset <= q.count else {
            throw .corrupt(file: file.path, reason: "postings offset outside the file")
        }
        return try PostingsCursor(
            docs: ByteReader(p, offset: info.postingsOffset, file: file.path),
            positions: ByteReader(q, offset: info.positionsOffset, file: file.path),
            docFreq: info.docFreq, documentCount: documentCount, withPositions: positions)
    }

    // MARK: Per-document data

    /// The length norm byte of a text field. `doc` must be < documentCount.
    @inline(__always)
    public func norm(_ slot: Int, _ doc: Int) -> UInt8 {
        section(.norms)[slot * documentCount + doc]
    }

    /// The length norm bytes of a text field, one per document.
    public func norms(_ slot: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: section(.norms).bindMemory(to: UInt8.self)[slot * documentCount..<(slot + 1) * documentCount])
    }

    public func documentHash(_ doc: Int) -> UInt64 {
        UInt64(littleEndian: section(.ids).loadUnaligned(fromByteOffset: doc * 8, as: UInt64.self))
    }

    /// Every document's stable hash, 8 bytes each in document order (valid while the reader lives).
    var documentHashes: UnsafeRawBufferPointer { section(.ids) }

    /// The segment-local number of the document with this stable hash, if it is here. O(documents).
    public func document(withHash hash: UInt64) -> Int? {
        for doc in 0..<documentCount where documentHash(doc) == hash { return doc }
        return nil
    }

    /// The hashes of the `LinkTarget` keys of a document's path and URL (0 where it has none).
    public func linkKeys(_ doc: Int) -> (path: UInt64, url: UInt64) {
        let keys = section(.linkKeys)
        guard keys.count > 0 else { return (0, 0) }  // a segment whose documents have none
        return (UInt64(littleEndian: keys.loadUnaligned(fromByteOffset: doc * 16, as: UInt64.self)),
                UInt64(littleEndian: keys.loadUnaligned(fromByteOffset: doc * 16 + 8, as: UInt64.self)))
    }

    /// Every document's links, in document order: decompresses and decodes the whole section.
    public func links() throws(IndexError) -> [[Link]] {
        let raw = section(.links)
        var sizeReader = ByteReader(raw, file: file.path)
        let size = Int(try sizeReader.u32())
        let bytes = try StoredBlocks.decompress(UnsafeRawBufferPointer(rebasing: raw[4...]), size: size, file: file.path)
        return try bytes.withUnsafeBytes { all in
            Result { () throws(IndexError) in
                var r = ByteReader(all, file: file.path)
                var result: [[Link]] = []
                result.reserveCapacity(documentCount)
                for _ in 0..<documentCount {
                    let count = try r.int()
                    guard count <= all.count else { throw .corrupt(file: file.path, reason: "bad link count") }
                    var links: [Link] = []
                    links.reserveCapacity(count)
                    for _ in 0..<count { links.append(Link(target: try r.string(), text: try r.string())) }
                    result.append(links)
                }
                guard r.isAtEnd else { throw .corrupt(file: file.path, reason: "links section longer than its documents") }
                return result
            }
        }.get()
    }

    public func storedDocument(_ doc: Int) throws(IndexError) -> StoredDocument {
        try storedRecord(doc, bodyAsBytes: false).document
    }

    /// Document `doc`'s stored record with its body as bytes (the `body` string left empty),
    /// as a snippet reads it: a long body is not checked and copied into a string.
    public func storedDocumentWithBodyBytes(_ doc: Int) throws(IndexError) -> (document: StoredDocument, body: [UInt8]) {
        try storedRecord(doc, bodyAsBytes: true)
    }

    /// The size of document `doc`'s stored record, decompressed (0 for a number out of range).
    public func storedSize(_ doc: Int) -> Int {
        guard doc >= 0, doc < documentCount else { return 0 }
        let (start, end) = recordOffsets(doc)
        return end >= start ? Int(clamping: end - start) : 0
    }

    /// Where document `doc`'s record starts and ends in the decompressed stream of all records
    /// (as written: not checked).
    private func recordOffsets(_ doc: Int) -> (start: UInt64, end: UInt64) {
        let offsets = section(.storedOffsets)
        return (UInt64(littleEndian: offsets.loadUnaligned(fromByteOffset: doc * 8, as: UInt64.self)),
                UInt64(littleEndian: offsets.loadUnaligned(fromByteOffset: doc * 8 + 8, as: UInt64.self)))
    }

    /// Document `doc`'s record, decompressed and decoded (see `decodeRecord`).
    private func storedRecord(_ doc: Int, bodyAsBytes: Bool) throws(IndexError) -> (document: StoredDocument, body: [UInt8]) {
        guard doc >= 0, doc < documentCount else { throw .corrupt(file: file.path, reason: "document \(doc) out of range") }
        let offsets = section(.storedOffsets)
        let (start, end) = recordOffsets(doc)
        // The document's block, decompressed; its record lies at its offset less the block's first.
        let block = doc / storedPerBlock
        let blockFirst = UInt64(littleEndian: offsets.loadUnaligned(fromByteOffset: block * storedPerBlock * 8, as: UInt64.self))
        let blocks = section(.storedBlocks)
        let from = UInt64(littleEndian: blocks.loadUnaligned(fromByteOffset: block * 8, as: UInt64.self))
        let to = UInt64(littleEndian: blocks.loadUnaligned(fromByteOffset: block * 8 + 8, as: UInt64.self))
        let stored = section(.stored)
        guard blockFirst <= start, start <= end, from + 4 <= to, to <= UInt64(stored.count) else {
            throw .corrupt(file: file.path, reason: "stored document outside the file")
        }
        var sizeReader = ByteReader(UnsafeRawBufferPointer(rebasing: stored[Int(from)..<Int(from) + 4]), file: file.path)
        let decompressed = try StoredBlocks.decompress(
            UnsafeRawBufferPointer(rebasing: stored[Int(from) + 4..<Int(to)]), size: Int(try sizeReader.u32()),
            dictionary: storedDictionary, file: file.path)
        guard end - blockFirst <= UInt64(decompressed.count) else { throw .corrupt(file: file.path, reason: "stored document outside its block") }
        let id = DocumentID.string(documentHash(doc))
        let file = file.path
        return try decompressed.withUnsafeBytes { raw in
            Result { () throws(IndexError) in
                try Self.decodeRecord(
                    UnsafeRawBufferPointer(rebasing: raw[Int(start - blockFirst)..<Int(end - blockFirst)]), id: id, file: file,
                    bodyAsBytes: bodyAsBytes)
            }
        }.get()
    }

    /// Decodes a record. With `bodyAsBytes` the body is returned as bytes and the document's is
    /// left empty; otherwise the bytes are empty.
    private static func decodeRecord(
        _ record: UnsafeRawBufferPointer, id: String, file: String, bodyAsBytes: Bool
    ) throws(IndexError) -> (document: StoredDocument, body: [UInt8]) {
        var r = ByteReader(record, file: file)
        let path = try r.string()
        let title = try r.string()
        let date = try r.string()
        let language = try r.string()
        let description = try r.string()
        let url = try r.string()
        let collection = try r.string()
        var headings: [String] = []
        for _ in 0..<(try r.int()) { headings.append(try r.string()) }
        var body = "", bodyBytes: [UInt8] = []
        if bodyAsBytes {
            let raw = try r.bytes(try r.int())
            let bytes = raw.assumingMemoryBound(to: UInt8.self)
            // What the string would hold: bytes that are no UTF-8 (a damaged file) repaired.
            bodyBytes = UTF8Validator.isWellFormed(bytes) ? Array(bytes) : Array(String(decoding: bytes, as: UTF8.self).utf8)
        } else {
            body = try r.string()
        }
        // Optional since format 2's first files: paths of duplicates.
        var duplicates: [String] = []
        if !r.isAtEnd { for _ in 0..<(try r.int()) { duplicates.append(try r.string()) } }
        let document = StoredDocument(
            id: id, path: path, title: title, date: date,
            language: language, description: description, url: url, collection: collection,
            headings: headings, body: body, duplicates: duplicates)
        return (document, bodyBytes)
    }
}
