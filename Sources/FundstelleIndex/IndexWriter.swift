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
    /// Documents not added because an earlier one (in the same segment) had the same title and text.
    public private(set) var duplicateCount = 0
    /// Content hash → index of the held document with that content.
    private var contentIndex: [UInt64: Int] = [:]

    private static func contentHash(_ doc: Document) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for part in [doc.title, doc.body] {
            for byte in part.utf8 {
                h ^= UInt64(byte)
                h &*= 0x0000_0100_0000_01B3
            }
            h ^= 0xFF
            h &*= 0x0000_0100_0000_01B3
        }
        return h
    }
    private let generation: Int
    private var builder = SegmentBuilder()
    /// Words of everything added in this run, for splitting compounds.
    private var frequencies = WordFrequencies()
    private var written: [Commit.Segment] = []
    private var writtenBytes = 0
    private var lockFD: Int32 = -1
    private var committed = false

    /// Opens `directory` for writing (creating it), taking the writer's lock.
    /// - Parameter ramBudget: bytes of analysed documents held before a segment is written.
    public init(directory: String, ramBudget: Int = 256 << 20) throws(IndexError) {
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
        generation = (names.compactMap(Commit.generation(ofFile:)).max() ?? 0) + 1
    }

    deinit { if lockFD >= 0 { close(lockFD) } }

    /// Documents added so far.
    public var documentCount: Int { written.reduce(0) { $0 + $1.documentCount } + builder.documentCount }

    /// Analyses `doc` and adds it to the new generation.
    public func add(_ doc: Document) throws(IndexError) {
        precondition(!committed, "IndexWriter.add after commit")
        // The same page at a second path (a mirror's alias, a copy) is one document listing both.
        if !doc.body.isEmpty {
            let key = Self.contentHash(doc)
            if let original = contentIndex[key] {
                builder.addDuplicate(path: doc.path, of: original)
                duplicateCount += 1
                return
            }
            contentIndex[key] = builder.documentCount
        }
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

    private func flush() throws(IndexError) {
        guard builder.documentCount > 0 else { return }
        builder.transformDocuments { templates.removingTemplate(from: $0) }
        let name = "s\(generation)_\(written.count).seg"
        writtenBytes += try builder.write(to: directory + "/" + name, frequencies: frequencies)
        written.append(Commit.Segment(name: name, documentCount: builder.documentCount))
        builder = SegmentBuilder()
        contentIndex.removeAll(keepingCapacity: true)
    }

    /// Makes the documents added so far the index, replacing the previous commit, and
    /// releases the lock: a writer commits once.
    /// - Parameter root: the folder the documents' paths are relative to, kept in the commit.
    /// - Returns: the size of the new index in bytes.
    @discardableResult
    public func commit(root: String) throws(IndexError) -> Int {
        precondition(!committed, "IndexWriter.commit twice")
        try flush()
        let commit = Commit(
            generation: generation, segments: written, root: root, created: Int(time(nil)))
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
        return writtenBytes + bytes.count
    }

    /// Deletes older commits, their segments, and leftovers of crashed writers.
    /// Failures are ignored: a leftover file costs space, never correctness.
    private func removeUnreferencedFiles(keeping commit: Commit) {
        guard let names = try? FileIO.listDirectory(directory) else { return }
        let live = Set(commit.segments.map(\.name) + [Commit.fileName(commit.generation)])
        for name in names where !live.contains(name) {
            let ours = name.hasSuffix(".seg") || name.hasSuffix(".tmp") || Commit.generation(ofFile: name) != nil
            if ours { unlink(directory + "/" + name) }
        }
    }
}
