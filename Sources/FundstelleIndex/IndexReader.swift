import FundstelleAnalysis

/// A consistent, read-only snapshot of an index: the segments of its newest commit.
///
/// Opening reads the commit file and each segment's footer, and maps the segment files;
/// nothing else is read until a query needs it. A snapshot stays valid while a writer in
/// another process commits (the files it maps are never rewritten, only unlinked).
public final class IndexReader: Sendable {
    public let directory: String
    public let segments: [SegmentReader]
    /// Document number where each segment starts in the global numbering.
    public let bases: [Int]
    public let documentCount: Int
    public let generation: Int
    public let root: String
    public let created: Int
    /// Average length in tokens of each text field, in `Field.text` order.
    public let averageLengths: [Float]
    /// Per segment, its deletion bits (one per document), nil when none is deleted.
    let deletions: [[UInt8]?]
    /// Documents not deleted.
    public let liveDocumentCount: Int
    /// The file manifest's name ("" when the index was not built from files).
    let manifestName: String
    /// The commit's anchor segment (see `AnchorSegment`): the texts of links, as the field
    /// `.anchor` of documents whose stable id is the global number of the document linked to.
    /// Nil when no link reaches a document.
    public let anchors: SegmentReader?
    /// The anchor segment's document hashes (its documents' targets), read directly: a search
    /// maps many anchor documents to their targets.
    /// (Read-only mapped memory: safe to share between threads.)
    nonisolated(unsafe) private let anchorTargets: UnsafeRawBufferPointer

    public static func open(_ directory: String) throws(IndexError) -> IndexReader {
        // A writer may delete an old commit between our listing and our opening it: retry.
        var attempt = 0
        while true {
            do {
                return try IndexReader(directory: directory)
            } catch let error {
                attempt += 1
                if attempt >= 3 { throw error }
                if case .io = error { continue }
                throw error
            }
        }
    }

    /// The generation of the newest commit in `directory` (nil when there is none): one
    /// directory listing, so a server can poll it to see a writer's commit.
    public static func newestGeneration(_ directory: String) throws(IndexError) -> Int? {
        try FileIO.listDirectory(directory).compactMap(Commit.generation(ofFile:)).max()
    }

    private init(directory: String) throws(IndexError) {
        self.directory = directory
        let names = try FileIO.listDirectory(directory)
        guard let generation = names.compactMap(Commit.generation(ofFile:)).max() else {
            throw .missing(directory: directory)
        }
        let commitPath = directory + "/" + Commit.fileName(generation)
        let commitFile = try MappedFile(commitPath)
        let commit = try Commit.decode(commitFile.bytes, file: commitPath)
        var segments: [SegmentReader] = []
        var bases: [Int] = []
        var deletions: [[UInt8]?] = []
        var deleted = 0
        var total = 0
        for s in commit.segments {
            let path = directory + "/" + s.name
            let reader = try SegmentReader(path: path, name: s.name)
            guard reader.documentCount == s.documentCount else {
                throw .corrupt(file: path, reason: "holds \(reader.documentCount) documents, the commit says \(s.documentCount)")
            }
            bases.append(total)
            total += reader.documentCount
            segments.append(reader)
            if s.deletions.isEmpty {
                deletions.append(nil)
            } else {
                let file = try MappedFile(directory + "/" + s.deletions)
                let bits = try withExtendedLifetime(file) { () throws(IndexError) in
                    try DeletionFile.decode(file.bytes, documentCount: reader.documentCount, file: file.path)
                }
                deleted += bits.reduce(0) { $0 + $1.nonzeroBitCount }
                deletions.append(bits)
            }
        }
        var anchors: SegmentReader?
        if !commit.anchors.isEmpty {
            anchors = try SegmentReader(path: directory + "/" + commit.anchors, name: commit.anchors)
        }
        self.anchors = anchors
        anchorTargets = anchors?.documentHashes ?? UnsafeRawBufferPointer(start: nil, count: 0)
        self.deletions = deletions
        deletionNames = commit.segments.map(\.deletions).filter { !$0.isEmpty }
        self.liveDocumentCount = total - deleted
        self.manifestName = commit.manifest
        self.segments = segments
        self.bases = bases
        self.documentCount = total
        self.generation = generation
        self.root = commit.root
        self.created = commit.created
        var averages: [Float] = []
        for (slot, field) in Field.text.enumerated() {
            if field == .anchor {
                // Over the documents links reach, not all: most have no anchor text at all.
                averages.append(anchors.map { Float(Double($0.sumLengths[slot]) / Double(max(1, $0.documentCount))) } ?? 0)
                continue
            }
            let sum = segments.reduce(UInt64(0)) { $0 + $1.sumLengths[slot] }
            averages.append(total > 0 ? Float(Double(sum) / Double(total)) : 0)
        }
        averageLengths = averages
    }

    /// Bytes on disk of every file of the commit: segments, the anchor segment, deletion files,
    /// the file manifest and the commit file itself.
    public var sizeInBytes: Int {
        let others = [Commit.fileName(generation), manifestName] + deletionNames
        return segments.reduce(0) { $0 + $1.sizeInBytes } + (anchors?.sizeInBytes ?? 0)
            + others.reduce(0) { $0 + ($1.isEmpty ? 0 : FileIO.fileSize(directory + "/" + $1) ?? 0) }
    }

    /// The commit's deletion files.
    private let deletionNames: [String]

    /// The global number of the document that document `local` of the anchor segment is about.
    @inline(__always)
    public func anchorTarget(_ local: Int) -> Int {
        Int(truncatingIfNeeded: UInt64(littleEndian: anchorTargets.loadUnaligned(fromByteOffset: local * 8, as: UInt64.self)))
    }

    /// The anchor documents about `documents` (global numbers, ascending), as local numbers of
    /// the anchor segment, ascending; documents no link text reaches have none.
    ///
    /// Both lists ascend, so each search starts where the last one ended; and as most
    /// documents have anchor text, an anchor document's number is about its target's less the
    /// gap the last match had: that guess is tried first, then the search gallops forward
    /// from it, or halves the range below it.
    public func anchorDocuments(about documents: [Int32]) -> [Int32] {
        guard let anchors else { return [] }
        let count = anchors.documentCount
        var found: [Int32] = []
        var a = 0, gap = 0
        for d in documents {
            guard a < count else { break }
            let target = Int(d)
            var lo = a, hi = count
            let guess = min(max(target - gap, lo), count - 1)
            if anchorTarget(guess) >= target {
                hi = guess  // the first anchor document ≥ target is at most the guess
                if guess == lo || anchorTarget(guess - 1) < target { lo = guess }
            } else {
                var step = 1, probe = guess + 1
                lo = probe
                while probe < count && anchorTarget(probe) < target { lo = probe + 1; probe += step; step *= 2 }
                hi = min(probe, count)
            }
            while lo < hi {
                let mid = (lo + hi) / 2
                if anchorTarget(mid) < target { lo = mid + 1 } else { hi = mid }
            }
            a = lo
            if a < count && anchorTarget(a) == target {
                found.append(Int32(a))
                gap = target - a
            }
        }
        return found
    }

    /// The segment and local number of a global document number.
    public func locate(_ doc: Int) -> (segment: SegmentReader, local: Int)? {
        guard doc >= 0, doc < documentCount else { return nil }
        var i = segments.count - 1
        while bases[i] > doc { i -= 1 }
        return (segments[i], doc - bases[i])
    }

    /// Whether a later update deleted the document (its file changed or went away).
    public func isDeleted(_ doc: Int) -> Bool {
        guard doc >= 0, doc < documentCount else { return true }
        var i = segments.count - 1
        while bases[i] > doc { i -= 1 }
        guard let bits = deletions[i] else { return false }
        let local = doc - bases[i]
        return bits[local >> 3] & (1 << UInt8(local & 7)) != 0
    }

    /// Whether any document of the snapshot is deleted.
    public var hasDeletions: Bool { liveDocumentCount < documentCount }

    /// The files the index was built from, as its manifest records them ([] when it has none).
    public func files() throws(IndexError) -> [FileRecord] {
        guard !manifestName.isEmpty else { return [] }
        let file = try MappedFile(directory + "/" + manifestName)
        return try withExtendedLifetime(file) { () throws(IndexError) in try FileManifest.decode(file.bytes, file: file.path) }
    }

    /// The stored fields of a document; nil for a number out of range or a deleted document.
    public func storedDocument(_ doc: Int) throws(IndexError) -> StoredDocument? {
        guard let (segment, local) = locate(doc), !isDeleted(doc) else { return nil }
        return try segment.storedDocument(local)
    }

    /// The size in bytes of document `doc`'s stored record (its text, mostly), 0 when unknown.
    public func storedSize(_ doc: Int) -> Int {
        guard let (segment, local) = locate(doc) else { return 0 }
        return segment.storedSize(local)
    }

    /// `storedDocument` with the body as bytes (the document's `body` left empty), for snippets.
    public func storedDocumentWithBodyBytes(_ doc: Int) throws(IndexError) -> (document: StoredDocument, body: [UInt8])? {
        guard let (segment, local) = locate(doc), !isDeleted(doc) else { return nil }
        return try segment.storedDocumentWithBodyBytes(local)
    }

    /// The global number of the document with this path, if indexed.
    public func document(path: String) throws(IndexError) -> Int? {
        for (i, segment) in segments.enumerated() {
            if let info = try segment.lookup(.path, .stem, Array(path.utf8)) {
                var cursor = try segment.postings(info)
                while try cursor.next() {
                    if !isDeleted(bases[i] + cursor.doc) { return bases[i] + cursor.doc }
                }
            }
        }
        return nil
    }

    /// The global number of the document with this stable id (16 hex digits), if indexed.
    public func document(id: String) -> Int? {
        guard let hash = DocumentID.parse(id) else { return nil }
        for (i, segment) in segments.enumerated() {
            if let local = segment.document(withHash: hash), !isDeleted(bases[i] + local) { return bases[i] + local }
        }
        return nil
    }

    /// The index's vocabulary as word frequencies: each exact form with the number of documents
    /// (per text field, added up) that hold it. What a decompounder needs to split words the way
    /// the index did. O(keys).
    public func wordFrequencies() throws(IndexError) -> WordFrequencies {
        var frequencies = WordFrequencies()
        for segment in segments {
            try segment.forEachTerm { (field, kind, term, info) throws(IndexError) in
                guard kind == .exact, field.isText else { return }
                let bytes = term.bindMemory(to: UInt8.self)
                frequencies.add(bytes, amount: UInt32(clamping: info.docFreq))
            }
        }
        return frequencies
    }

    /// Verifies the checksum of every file of the snapshot.
    public func verify() throws(IndexError) {
        for s in segments { try s.verify() }
        try anchors?.verify()
    }

    /// What `check` looked at.
    public struct CheckReport: Sendable {
        public var segments = 0
        public var documents = 0
        /// Of `documents`, those deleted by later updates.
        public var deleted = 0
        public var keys = 0
        public var postings = 0
        public var bytes = 0
    }

    /// Reads everything and proves it consistent: each segment's checksum, every key of the
    /// dictionary in order, every posting list (documents ascending, inside the segment, as
    /// many as the dictionary says, positions readable), every stored document. Throws the
    /// first problem, naming the file. O(size of the index).
    public func check() throws(IndexError) -> CheckReport {
        var report = CheckReport()
        var positions: [Int32] = []
        if let anchors {
            // Each anchor document names a document of the commit, in ascending order.
            var last = -1
            for local in 0..<anchors.documentCount {
                let target = anchors.documentHash(local)
                guard target < UInt64(documentCount), Int(target) > last else {
                    throw .corrupt(file: anchors.path, reason: "anchor document \(local) names document \(target) of \(documentCount)")
                }
                last = Int(target)
            }
        }
        for segment in segments + (anchors.map { [$0] } ?? []) {
            try segment.verify()
            try segment.verifyBlockKeys()
            var previous: [UInt8] = []
            var first = true
            try segment.forEachKey(withPrefix: []) { (key, info) throws(IndexError) in
                let bytes = Array(key.bindMemory(to: UInt8.self))
                guard first || previous.lexicographicallyPrecedes(bytes) else {
                    throw .corrupt(file: segment.path, reason: "dictionary keys out of order")
                }
                first = false
                previous = bytes
                let withPositions = bytes.first.map(Field.hasPositions(keyPrefix:)) ?? false
                var cursor = try segment.postings(info, positions: withPositions)
                var count = 0
                while try cursor.next() {
                    count += 1
                    if withPositions {
                        positions.removeAll(keepingCapacity: true)
                        try cursor.readPositions(into: &positions)
                    }
                }
                guard count == info.docFreq else {
                    throw .corrupt(file: segment.path, reason: "a posting list holds \(count) documents, the dictionary says \(info.docFreq)")
                }
                report.keys += 1
                report.postings += count
                return true
            }
            for doc in 0..<segment.documentCount { _ = try segment.storedDocument(doc) }
            _ = try segment.links()
            report.bytes += segment.sizeInBytes
            guard segment !== anchors else { continue }
            report.segments += 1
            report.documents += segment.documentCount
        }
        report.deleted = documentCount - liveDocumentCount
        return report
    }
}
