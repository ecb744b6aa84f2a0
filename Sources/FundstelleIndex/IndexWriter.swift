import FundstelleAnalysis
import FundstelleExtract

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a new index generation into a folder.
///
/// Documents are analysed into an in-memory segment; when it holds more than the RAM
/// budget it is written out and a new one begins. `commit()` writes the last segment and
/// then the commit point, atomically: segment files are fsynced, the commit is written to
/// a temporary name, fsynced, renamed to `segments_N` and the folder is fsynced. Only then
/// are the files of older commits removed. A crash at any moment leaves the previous commit
/// readable. One writer at a time: the writer holds an exclusive `flock` on `write.lock`,
/// which the kernel releases when the process dies, so a crashed writer never leaves it stuck.
public final class IndexWriter {
    public let directory: String
    public let ramBudget: Int
    /// Finds the paragraphs each site repeats on its pages; they are taken out of the bodies
    /// when a segment is written (counted over everything added until then).
    public private(set) var templates = TemplateDetector()
    /// Documents not added because an earlier one of this run had the same title and text.
    public private(set) var duplicateCount = 0
    /// Where a document of this run is: the segment (its number in `written`; `written.count`
    /// is the one being built) and its number there.
    private struct Slot {
        var segment: Int
        var local: Int
    }
    /// Content hash → the document of this run with that content.
    private var contentIndex: [UInt64: Slot] = [:]
    /// Per segment written in this run: deletion bits of the documents moved on to a later
    /// segment (to list a duplicate's path), or nil when none was.
    private var writtenDeletions: [[UInt8]?] = []
    /// Readers and links of segments written in this run, opened when a duplicate needs them.
    private var writtenReaders: [Int: (reader: SegmentReader, links: [[Link]])] = [:]
    /// Documents moved on to a later segment (counted once in `documentCount`).
    private var movedCount = 0
    /// Ids of the documents of files this writer removed: other documents may list their
    /// paths as duplicates, which then must go (see `dropRemovedDuplicatePaths`).
    private var removedIDs: Set<UInt64> = []
    /// Documents this writer removed, per previous segment: a copy of one whose file stays
    /// must stay findable.
    private var removedLocals: [Int: Set<Int>] = [:]

    /// Title and body, a byte that UTF-8 never holds (0xFF) after each.
    private static func contentHash(_ doc: Document) -> UInt64 {
        let title = FNV1a.hash(CollectionOfOne(0xFF), continuing: FNV1a.hash(doc.title.utf8))
        return FNV1a.hash(CollectionOfOne(0xFF), continuing: FNV1a.hash(doc.body.utf8, continuing: title))
    }
    private let generation: Int
    private var builder = SegmentBuilder()
    /// Words of everything added in this run, for splitting compounds.
    private var frequencies = WordFrequencies()
    /// The splits of the words of the segments this run wrote: each word is split once, when
    /// the first segment holding it is written, and alike in every later one.
    private var splits = SplitTable()
    /// The decompounder made from `frequencies` for the last segment; nil once words were added since.
    private var decompounder: Decompounder?
    private var written: [Commit.Segment] = []
    private var writtenBytes = 0
    private var lockFD: Int32 = -1
    private var committed = false

    // MARK: Updating a previous commit

    /// The commit this writer updates; nil when it builds a new index.
    private var previous: IndexReader?
    private var previousSegments: [Commit.Segment] = []
    /// Deletion bits per previous segment, changed ones marked.
    private var deletionBits: [[UInt8]?] = []
    private var deletionsChanged: [Bool] = []
    /// The files of the previous commit, by path (empty for a new index).
    public private(set) var previousFiles: [String: FileRecord] = [:]
    /// The root folder of the previous commit ("" for a new index).
    public private(set) var previousRoot = ""
    /// Files of the new commit's manifest.
    private var files: [FileRecord] = []
    /// Documents of the previous commit deleted by this writer.
    public private(set) var deletedCount = 0
    /// Previous segments merged into new ones by this writer.
    public private(set) var mergedSegments = 0
    /// More segments than this after an update, and the smallest are merged.
    public var maximumSegments = 8
    /// Told before a segment is analysed and written (its number in this run, from 1, and its
    /// documents): the run's longest pauses, for a progress display.
    public var willWriteSegment: ((_ number: Int, _ documents: Int) -> Void)?

    /// Opens `directory` for writing (creating it), taking the writer's lock.
    /// - Parameters:
    ///   - ramBudget: bytes of analysed documents held before a segment is written.
    ///   - updating: keep the segments of the newest commit, for `remove`/`keep`/`add(_:from:)`
    ///     to change; otherwise the commit replaces everything.
    ///   - root: when updating, the folder the new commit indexes: a previous index of another
    ///     folder, without a file manifest, or unreadable is replaced, not updated
    ///     (`previousFiles` is then empty).
    public init(directory: String, ramBudget: Int = 600 << 20, updating: Bool = false, root: String? = nil) throws(IndexError) {
        self.directory = directory
        self.ramBudget = ramBudget
        try FileIO.makeDirectory(directory)
        let lockPath = directory + "/write.lock"
        lockFD = open(lockPath, O_RDWR | O_CREAT, 0o644)
        guard lockFD >= 0 else { throw .io(path: lockPath, reason: FileIO.errorText()) }
        guard flock(lockFD, LOCK_EX | LOCK_NB) == 0 else {
            close(lockFD)
            lockFD = -1
            throw .locked(directory: directory)
        }
        let names = try FileIO.listDirectory(directory)
        let newest = names.compactMap(Commit.generation(ofFile:)).max()
        generation = (newest ?? 0) + 1
        // A writer that crashed wrote files of this generation and never committed them:
        // their space is needed now (a full disk is a common reason for the crash).
        removeUncommittedFiles(among: names)
        guard updating, let newest else { return }
        let reader: IndexReader, commit: Commit, files: [FileRecord]
        do {
            reader = try IndexReader.open(directory)
            let commitPath = directory + "/" + Commit.fileName(newest)
            let commitFile = try MappedFile(commitPath)
            commit = try withExtendedLifetime(commitFile) { () throws(IndexError) in
                try Commit.decode(commitFile.bytes, file: commitPath)
            }
            files = try reader.files()
        } catch {
            // Given a root, an unreadable previous index is rebuilt rather than updated.
            if root != nil { return }
            throw error
        }
        // Given a root, only an index of that folder built from files is updated.
        if let root, commit.root != root || files.isEmpty { return }
        previous = reader
        previousSegments = commit.segments
        deletionBits = reader.deletions
        deletionsChanged = Array(repeating: false, count: commit.segments.count)
        previousRoot = commit.root
        for record in files { previousFiles[record.path] = record }
        // Compounds split with the words of the whole index, not only of what changed.
        frequencies = try reader.wordFrequencies()
    }

    /// Keeps a file of the previous commit as it is (unchanged).
    public func keep(_ record: FileRecord) {
        files.append(record)
    }

    /// Deletes the documents a file of the previous commit gave (it changed or is gone).
    public func remove(_ record: FileRecord) {
        remove(ids: record.documents)
    }

    /// Deletes documents of the previous commit by id.
    private func remove(ids: [UInt64]) {
        guard let previous else { return }
        removedIDs.formUnion(ids)
        for id in ids {
            for (i, segment) in previous.segments.enumerated() {
                guard let local = segment.document(withHash: id),
                      Self.delete(local, in: &deletionBits[i], documentCount: segment.documentCount) else { continue }
                deletionsChanged[i] = true
                deletedCount += 1
                removedLocals[i, default: []].insert(local)
            }
        }
    }

    /// Adds the documents of one file and records the file for later updates.
    public func add(_ documents: [Document], from file: FileRecord) throws(IndexError) {
        var record = file
        record.documents = documents.map { DocumentID.hash($0.path) }
        record.fingerprints = documents.map { FileRecord.fingerprint(of: $0) }
        for doc in documents { try add(doc) }
        files.append(record)
    }

    /// What an update did with the records of a changed file.
    public struct RecordChanges: Sendable, Equatable {
        public var added = 0, changed = 0, removed = 0, unchanged = 0
        public init() {}
    }

    /// Puts a changed file of the previous commit in its place record by record: a document
    /// with the path (a record's URL or id) and fingerprint it had stays where it is, a changed
    /// one is deleted and added again, a new one added, a gone one deleted. For files of many
    /// records (a WARC, a feed, an XML dump), where one changed page must not re-index all.
    public func update(_ old: FileRecord, with documents: [Document], from file: FileRecord) throws(IndexError) -> RecordChanges {
        var before: [UInt64: UInt64] = [:]
        if old.fingerprints.count == old.documents.count {
            for (id, fingerprint) in zip(old.documents, old.fingerprints) where fingerprint != 0 { before[id] = fingerprint }
        }
        var record = file
        record.documents = documents.map { DocumentID.hash($0.path) }
        record.fingerprints = documents.map { FileRecord.fingerprint(of: $0) }
        var kept = Set<UInt64>()
        for (id, fingerprint) in zip(record.documents, record.fingerprints) where before[id] == fingerprint { kept.insert(id) }
        remove(ids: old.documents.filter { !kept.contains($0) })
        let oldIDs = Set(old.documents)
        var changes = RecordChanges()
        for (doc, id) in zip(documents, record.documents) {
            if kept.contains(id) {
                changes.unchanged += 1
                continue
            }
            if oldIDs.contains(id) { changes.changed += 1 } else { changes.added += 1 }
            try add(doc)
        }
        changes.removed = oldIDs.subtracting(record.documents).count
        files.append(record)
        return changes
    }

    deinit {
        // Gone without a commit (an error, a full disk): the files written are of no use.
        if !committed && lockFD >= 0 { removeUncommittedFiles() }
        if lockFD >= 0 { close(lockFD) }
    }

    /// Documents added so far.
    public var documentCount: Int { written.reduce(0) { $0 + $1.documentCount } + builder.documentCount - movedCount }

    /// Analyses `doc` and adds it to the new generation.
    public func add(_ doc: Document) throws(IndexError) {
        precondition(!committed, "IndexWriter.add after commit")
        // The same page at a second path (a mirror's alias, a copy) is one document listing both.
        if !doc.body.isEmpty {
            let key = Self.contentHash(doc)
            if let original = contentIndex[key] {
                duplicateCount += 1
                if original.segment == written.count {
                    builder.addDuplicate(path: doc.path, of: original.local)
                } else {
                    try moveToBuilder(original, key: key, addingPath: doc.path)
                }
                return
            }
            contentIndex[key] = Slot(segment: written.count, local: builder.documentCount)
        }
        decompounder = nil
        for field in Field.text {
            for value in DocumentTerms.values(of: field, in: doc) {
                var text = value
                text.withUTF8 { frequencies.addText($0) }
            }
        }
        templates.observe(doc)
        builder.add(doc)
        if builder.estimatedBytes >= ramBudget { try flush() }
    }

    /// A duplicate of a document in a segment this run has written: the document is deleted
    /// there and added again to the segment being built, with the duplicate's path among its
    /// own. (Its words and paragraphs were counted when it first came.)
    private func moveToBuilder(_ slot: Slot, key: UInt64, addingPath path: String) throws(IndexError) {
        let written = try writtenSegment(slot.segment)
        var doc = Document(stored: try written.reader.storedDocument(slot.local))
        doc.duplicates.append(path)
        doc.links = written.links[slot.local]
        Self.delete(slot.local, in: &writtenDeletions[slot.segment], documentCount: written.reader.documentCount)
        movedCount += 1
        contentIndex[key] = Slot(segment: self.written.count, local: builder.documentCount)
        builder.add(doc)
        if builder.estimatedBytes >= ramBudget { try flush() }
    }

    private func writtenSegment(_ i: Int) throws(IndexError) -> (reader: SegmentReader, links: [[Link]]) {
        if let open = writtenReaders[i] { return open }
        let reader = try SegmentReader(path: directory + "/" + written[i].name, name: written[i].name)
        let opened = (reader, try reader.links())
        writtenReaders[i] = opened
        return opened
    }

    private func flush() throws(IndexError) {
        guard builder.documentCount > 0 else { return }
        willWriteSegment?(written.count + 1, builder.documentCount)
        builder.transformDocuments { templates.removingTemplate(from: $0) }
        let name = "s\(generation)_\(written.count).seg"
        let decompounder = Decompounder(frequencies: frequencies)
        self.decompounder = decompounder
        // Splitting the whole vocabulary ahead, on all cores, pays for a segment that holds a
        // good part of the index; an update's small segment splits its words as they come (the
        // splits are the same either way). The vocabulary of a large index is 600,000 words.
        let all = (previous?.liveDocumentCount ?? 0) + documentCount
        let ahead = builder.documentCount * 4 >= all ? frequencies : WordFrequencies()
        writtenBytes += try builder.write(to: directory + "/" + name, decompounder: decompounder, vocabulary: ahead, knownSplits: splits)
        splits = builder.splits
        written.append(Commit.Segment(name: name, documentCount: builder.documentCount))
        writtenDeletions.append(nil)
        builder = SegmentBuilder()
    }

    /// Makes the documents added so far the index, replacing the previous commit, and
    /// releases the lock: a writer commits once.
    /// - Parameter root: the folder the documents' paths are relative to, kept in the commit.
    /// - Returns: the size of the new index in bytes.
    @discardableResult
    public func commit(root: String) throws(IndexError) -> Int {
        precondition(!committed, "IndexWriter.commit twice")
        try dropRemovedDuplicatePaths()
        try mergeSmallSegments()
        try flush()
        var segments: [Commit.Segment] = []
        var sources: [AnchorSegment.Source] = []
        var base = 0
        var extraBytes = 0
        for (i, old) in previousSegments.enumerated() {
            var segment = old
            if deletionsChanged[i], let bits = deletionBits[i] {
                guard let written = try writeDeletions(bits, of: &segment) else { continue }  // nothing left: the segment goes
                extraBytes += written
            }
            segments.append(segment)
            if let reader = previous?.segments[i] {
                extraBytes += reader.sizeInBytes
                sources.append(AnchorSegment.Source(reader: reader, base: base, deletions: deletionBits[i]))
            }
            base += old.documentCount
        }
        for (i, new) in written.enumerated() {
            var segment = new
            if let bits = writtenDeletions[i] {
                guard let written = try writeDeletions(bits, of: &segment) else { continue }  // every document moved on
                extraBytes += written
            }
            let reader: SegmentReader
            if let open = writtenReaders[i]?.reader {
                reader = open
            } else {
                reader = try SegmentReader(path: directory + "/" + new.name, name: new.name)
            }
            sources.append(AnchorSegment.Source(reader: reader, base: base, deletions: writtenDeletions[i]))
            segments.append(segment)
            base += new.documentCount
        }
        writtenReaders = [:]
        // The texts of links, gathered for the documents they point to (see AnchorSegment).
        var anchors = ""
        let targets = try AnchorSegment.gather(sources)
        if !targets.isEmpty {
            anchors = "a\(generation).seg"
            extraBytes += try AnchorSegment.write(
                targets, to: directory + "/" + anchors, decompounder: decompounder ?? Decompounder(frequencies: frequencies),
                knownSplits: splits)
        }
        var manifest = ""
        if !files.isEmpty {
            manifest = FileManifest.fileName(generation)
            let bytes = FileManifest.encode(files.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) })
            try FileIO.writeDurably(directory + "/" + manifest, bytes)
            extraBytes += bytes.count
        }
        let commit = Commit(
            generation: generation, segments: segments, root: root, created: Int(time(nil)), manifest: manifest,
            anchors: anchors)
        let bytes = commit.encoded()
        let temporary = directory + "/" + Commit.fileName(generation) + ".tmp"
        let final = directory + "/" + Commit.fileName(generation)
        try FileIO.writeDurably(temporary, bytes)
        guard rename(temporary, final) == 0 else { throw .io(path: final, reason: "rename: \(FileIO.errorText())") }
        try FileIO.fsyncDirectory(directory)
        removeUnreferencedFiles(keeping: commit)
        committed = true
        close(lockFD)
        lockFD = -1
        return writtenBytes + extraBytes + bytes.count
    }

    /// Duplicate paths after removals. A previous document that lists the path of a removed
    /// file as a duplicate of its own (the copy changed or is gone) is deleted and added again
    /// without that path; such documents are found through the path terms, which a
    /// duplicate's path has too. A removed document whose copies' files stay is added again
    /// under the first of them.
    private func dropRemovedDuplicatePaths() throws(IndexError) {
        guard let previous, !removedIDs.isEmpty else { return }
        let prefix = [Field.path.keyPrefix(.stem)]
        for (i, segment) in previous.segments.enumerated() {
            // Path terms per document (a document with more than one has copies), and the
            // documents holding a removed path.
            var pathTerms = [UInt8](repeating: 0, count: segment.documentCount)
            var listing: Set<Int> = []
            try segment.forEachKey(withPrefix: prefix) { (key, info) throws(IndexError) in
                let removed = removedIDs.contains(FNV1a.hash(key[1...]))
                var cursor = try segment.postings(info)
                while try cursor.next() {
                    if pathTerms[cursor.doc] < 2 { pathTerms[cursor.doc] += 1 }
                    if removed { listing.insert(cursor.doc) }
                }
                return true
            }
            var links: [[Link]]?
            // Removed documents with copies whose files stay: added again under the first copy.
            for local in (removedLocals[i] ?? []).sorted() where pathTerms[local] > 1 {
                let stored = try segment.storedDocument(local)
                let staying = stored.duplicates.filter { !removedIDs.contains(DocumentID.hash($0)) }
                guard let first = staying.first else { continue }
                var doc = Document(stored: stored)
                doc.path = first
                doc.duplicates = Array(staying.dropFirst())
                if links == nil { links = try segment.links() }
                doc.links = links![local]
                try add(doc)
            }
            // Live documents listing a removed path: added again without it.
            for local in listing.sorted() {
                // (A document whose own file went is deleted already.)
                guard Self.delete(local, in: &deletionBits[i], documentCount: segment.documentCount) else { continue }
                deletionsChanged[i] = true
                var doc = Document(stored: try segment.storedDocument(local))
                doc.duplicates.removeAll { removedIDs.contains(DocumentID.hash($0)) }
                if links == nil { links = try segment.links() }
                doc.links = links![local]
                try add(doc)
            }
        }
    }

    /// Sets document `local`'s deletion bit in `bits` (made for `documentCount` documents
    /// when nil); false when it was set already.
    @discardableResult
    private static func delete(_ local: Int, in bits: inout [UInt8]?, documentCount: Int) -> Bool {
        if bits == nil { bits = [UInt8](repeating: 0, count: (documentCount + 7) / 8) }
        let mask = UInt8(1) << UInt8(local & 7)
        guard bits![local >> 3] & mask == 0 else { return false }
        bits![local >> 3] |= mask
        return true
    }

    /// Writes `bits` as the deletion file of `segment` for this generation and names it there;
    /// returns its size, or nil (writing nothing) when every document of the segment is deleted.
    private func writeDeletions(_ bits: [UInt8], of segment: inout Commit.Segment) throws(IndexError) -> Int? {
        let deleted = bits.reduce(0) { $0 + $1.nonzeroBitCount }
        guard deleted < segment.documentCount else { return nil }
        segment.deletions = String(segment.name.dropLast(".seg".count)) + "_\(generation).del"
        let bytes = DeletionFile.encode(bits, documentCount: segment.documentCount)
        try FileIO.writeDurably(directory + "/" + segment.deletions, bytes)
        return bytes.count
    }

    /// Size-tiered merging: when an update leaves more than `maximumSegments` segments, the
    /// smallest previous ones are read back (their live stored documents) and written again
    /// with the new documents, so many small updates do not slow queries down.
    private func mergeSmallSegments() throws(IndexError) {
        guard let previous else { return }
        let liveCounts = previousSegments.indices.map { i in
            previousSegments[i].documentCount - (deletionBits[i]?.reduce(0) { $0 + $1.nonzeroBitCount } ?? 0)
        }
        let newSegments = written.count + (builder.documentCount > 0 ? 1 : 0)
        let total = liveCounts.filter { $0 > 0 }.count + newSegments
        guard total > maximumSegments else { return }
        // Merge the smallest until half the budget is left.
        let order = previousSegments.indices.filter { liveCounts[$0] > 0 }.sorted { liveCounts[$0] < liveCounts[$1] }
        let toMerge = order.prefix(total - maximumSegments / 2)
        for i in toMerge {
            let segment = previous.segments[i]
            let links = try segment.links()
            for local in 0..<segment.documentCount {
                if let bits = deletionBits[i], bits[local >> 3] & (1 << UInt8(local & 7)) != 0 { continue }
                var doc = Document(stored: try segment.storedDocument(local))
                doc.links = links[local]
                try add(doc)
            }
            deletionBits[i] = [UInt8](repeating: 0xFF, count: (segment.documentCount + 7) / 8)
            deletionsChanged[i] = true
            mergedSegments += 1
        }
    }

    /// Whether `name` is a file a writer of generation `g` writes before it commits: a segment,
    /// a deletion file, the anchor segment, the file manifest, the commit's temporary file.
    static func isUncommittedFile(_ name: String, generation g: Int) -> Bool {
        (name.hasPrefix("s\(g)_") && name.hasSuffix(".seg")) || name.hasSuffix("_\(g).del") || name == "a\(g).seg"
            || name == FileManifest.fileName(g) || name == Commit.fileName(g) + ".tmp"
    }

    /// Removes the files of this writer's generation (of `listed`, the folder's names when the
    /// caller has them, else of a fresh listing): no commit names them before it commits.
    /// Called holding the lock, so no other writer is writing them. Once the commit file is in
    /// place (a commit that failed after its rename), they are the index: nothing is removed.
    private func removeUncommittedFiles(among listed: [String]? = nil) {
        guard let names = listed ?? (try? FileIO.listDirectory(directory)), !names.contains(Commit.fileName(generation)) else { return }
        for name in names where Self.isUncommittedFile(name, generation: generation) { unlink(directory + "/" + name) }
    }

    /// Deletes older commits, their segments, and leftovers of crashed writers.
    /// Failures are ignored: a leftover file costs space, never correctness.
    private func removeUnreferencedFiles(keeping commit: Commit) {
        guard let names = try? FileIO.listDirectory(directory) else { return }
        let live = Set(commit.segments.map(\.name) + commit.segments.map(\.deletions)
            + [Commit.fileName(commit.generation), commit.manifest, commit.anchors])
        for name in names where !live.contains(name) {
            let ours = name.hasSuffix(".seg") || name.hasSuffix(".tmp") || name.hasSuffix(".del")
                || name.hasPrefix("files_") || Commit.generation(ofFile: name) != nil
            if ours { unlink(directory + "/" + name) }
        }
    }
}

extension Document {
    /// A stored document as a document to add again (its links apart, which are stored per segment).
    init(stored: StoredDocument) {
        self.init(
            path: stored.path, title: stored.title, headings: stored.headings, body: stored.body,
            description: stored.description, language: stored.language, date: stored.date,
            url: stored.url, collection: stored.collection)
        duplicates = stored.duplicates
    }
}
