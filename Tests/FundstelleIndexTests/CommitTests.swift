import FundstelleExtract
import Foundation
import Testing
import TestSupport
@testable import FundstelleIndex

@Suite struct CommitTests {
    @Test func missingIndexSaysSo() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        #expect(throws: IndexError.missing(directory: dir.path)) { try IndexReader.open(dir.path) }
        #expect(throws: IndexError.missing(directory: dir.path + "/nope")) { try IndexReader.open(dir.path + "/nope") }
    }

    @Test func newCommitReplacesTheOldAndRemovesItsFiles() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try "keep me".write(toFile: dir.path + "/README.md", atomically: false, encoding: .utf8)
        for round in 1...3 {
            let writer = try IndexWriter(directory: dir.path)
            for i in 0..<round { try writer.add(Document(path: "p\(i)", body: "runde \(round) seite \(i)")) }
            try writer.commit(root: "/")
        }
        let reader = try IndexReader.open(dir.path)
        #expect(reader.documentCount == 3)
        #expect(reader.generation == 3)
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(files == ["README.md", "s3_0.seg", "segments_3", "write.lock"])
    }

    /// Commits one document, "old", as generation 1 of an index in `dir`.
    private func commitOldDocument(in dir: TemporaryDirectory) throws {
        let first = try IndexWriter(directory: dir.path)
        try first.add(Document(path: "old", body: "alt"))
        try first.commit(root: "/")
    }

    @Test func anUncommittedWriterLeavesThePreviousCommit() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try commitOldDocument(in: dir)
        do {
            let second = try IndexWriter(directory: dir.path, ramBudget: 1)
            for i in 0..<10 { try second.add(Document(path: "new\(i)", body: "neu")) }  // segments written, no commit
        }
        // A crashed writer's leftover temporary commit is ignored too.
        try "garbage".write(toFile: dir.path + "/segments_9.tmp", atomically: false, encoding: .utf8)
        let reader = try IndexReader.open(dir.path)
        #expect(reader.documentCount == 1)
        #expect(try reader.storedDocument(0)?.path == "old")
        // The dropped writer took its segments with it (their space is free again).
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(files == ["s1_0.seg", "segments_1", "segments_9.tmp", "write.lock"])
    }

    /// The files a crashed writer left (its generation's segments, manifest, temporary commit)
    /// are removed by the next writer as it starts, before it needs the space; older commits' files stay.
    @Test func theNextWriterRemovesACrashedWritersFiles() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try commitOldDocument(in: dir)
        let crashed = ["s2_0.seg", "s2_13.seg", "s1_0_2.del", "a2.seg", "files_2", "segments_2.tmp"]
        for name in crashed { try "left over".write(toFile: dir.path + "/" + name, atomically: false, encoding: .utf8) }
        try "ours".write(toFile: dir.path + "/s12_0.seg.bak", atomically: false, encoding: .utf8)
        let second = try IndexWriter(directory: dir.path)
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(files == ["s12_0.seg.bak", "s1_0.seg", "segments_1", "write.lock"])
        try second.add(Document(path: "new", body: "neu"))
        try second.commit(root: "/")
        #expect(try IndexReader.open(dir.path).documentCount == 1)
    }

    /// Analysis runs on all cores; the segment must not depend on the scheduling.
    @Test func sameDocumentsGiveTheSameSegmentBytes() throws {
        let docs = randomDocuments(400, seed: 5) + [
            Document(path: "c1", body: "Pflegeeinrichtungen und Pflege und Einrichtungen, Sozial- und Jugendamt, Bürger*innen"),
            Document(path: "c2", body: String(repeating: "Pflege Einrichtungen Jugend Amt ", count: 12)),
        ]
        var files: [Data] = []
        for _ in 0..<3 {
            let dir = try TemporaryDirectory()
            defer { dir.remove() }
            let writer = try IndexWriter(directory: dir.path)
            for doc in docs { try writer.add(doc) }
            try writer.commit(root: "/")
            files.append(try Data(contentsOf: URL(fileURLWithPath: dir.path + "/s1_0.seg")))
        }
        #expect(files[0] == files[1] && files[1] == files[2])
    }

    @Test func oneWriterAtATime() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let first = try IndexWriter(directory: dir.path)
        #expect(throws: IndexError.locked(directory: dir.path)) { try IndexWriter(directory: dir.path) }
        _ = first
    }

    /// Flipping or cutting bytes of a segment gives a clear error, never a trap: anywhere in a
    /// small segment, and in the stored records' compression dictionary of a larger one (the
    /// last section before the footer).
    @Test(arguments: [(30, false), (400, true)])
    func damagedSegmentsThrow(documents: Int, inDictionary: Bool) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let writer = try IndexWriter(directory: dir.path)
        for doc in randomDocuments(documents, seed: 3) { try writer.add(doc) }
        try writer.commit(root: "/")
        let segmentPath = dir.path + "/s1_0.seg"
        let original = try Data(contentsOf: URL(fileURLWithPath: segmentPath))
        // The bytes flipped: the whole file, or the dictionary (before the footer's section
        // table of 16 bytes per section, 8 bytes of counts and 12 of checksum and marks).
        var target = 0..<original.count
        if inDictionary {
            let dictionary = try IndexReader.open(dir.path).segments[0].storedDictionaryBytes
            #expect(dictionary > 0)
            let end = original.count - 16 * Section.allCases.count - 8 - 12
            target = (end - dictionary)..<end
        }
        var rng = SplitMix64(seed: 99)
        for trial in 0..<60 {
            var damaged = original
            if trial % 3 == 0 && !inDictionary {
                damaged = damaged.prefix(Int(rng.next() % UInt64(original.count)))
            } else {
                for _ in 0..<4 {
                    let i = target.lowerBound + Int(rng.next() % UInt64(target.count))
                    damaged[i] ^= UInt8(truncatingIfNeeded: rng.next() | 1)
                }
            }
            try damaged.write(to: URL(fileURLWithPath: segmentPath))
            // Opening may succeed (a flipped byte inside postings); verify() must then catch it,
            // and reading everything must throw or succeed, never trap.
            guard let reader = try? IndexReader.open(dir.path) else { continue }
            #expect(throws: IndexError.self) { try reader.verify() }
            for segment in reader.segments {
                try? segment.forEachTerm { (field, kind, _, info) throws(IndexError) in
                    var cursor = try segment.postings(info, positions: field.hasPositions(kind))
                    var positions: [Int32] = []
                    while try cursor.next() {
                        #expect(cursor.doc < segment.documentCount)
                        try cursor.readPositions(into: &positions)
                    }
                }
                for d in 0..<segment.documentCount { _ = try? segment.storedDocument(d) }
            }
        }
    }
}
