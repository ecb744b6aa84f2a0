import FundstelleExtract

/// What an index knows about the files it was built from, for updating it: per file its size,
/// modification time, content hash and the ids and fingerprints of its documents. Written as
/// `files_<generation>` beside the commit that names it.
public struct FileRecord: Sendable, Equatable {
    /// Path relative to the indexed root.
    public var path: String
    public var size: Int
    /// Modification time in nanoseconds since 1970.
    public var modified: Int64
    /// FNV-1a 64 of the file's bytes.
    public var hash: UInt64
    /// `DocumentID.hash` of each document the file gave.
    public var documents: [UInt64]
    /// `fingerprint(of:)` of each document, in the order of `documents` (0: unknown), so an
    /// update of a changed file of many records re-indexes only the records that changed.
    public var fingerprints: [UInt64]

    public init(path: String, size: Int, modified: Int64, hash: UInt64, documents: [UInt64] = [], fingerprints: [UInt64] = []) {
        self.path = path
        self.size = size
        self.modified = modified
        self.hash = hash
        self.documents = documents
        self.fingerprints = fingerprints
    }

    /// FNV-1a 64 of everything the index takes from `doc` as the extractor gave it: every
    /// field and link, each followed by 0xFF (which UTF-8 never holds), lists by their count.
    public static func fingerprint(of doc: Document) -> UInt64 {
        var h = FNV1a.offsetBasis
        func field(_ s: String) { h = FNV1a.hash(CollectionOfOne(0xFF), continuing: FNV1a.hash(s.utf8, continuing: h)) }
        for s in [doc.path, doc.title, doc.body, doc.description, doc.language, doc.date, doc.url, doc.collection] { field(s) }
        field(String(doc.headings.count))
        doc.headings.forEach(field)
        field(String(doc.links.count))
        for link in doc.links {
            field(link.target)
            field(link.text)
        }
        return h
    }

    /// FNV-1a 64 of `bytes`: the content hash of a file.
    public static func hash(_ bytes: [UInt8]) -> UInt64 {
        FNV1a.hash(bytes)
    }
}

enum FileManifest {
    static let magic: UInt32 = 0x4E41_4D46  // "FMAN"

    static func fileName(_ generation: Int) -> String { "files_\(generation)" }

    static func encode(_ records: [FileRecord]) -> [UInt8] {
        var w = ByteWriter()
        w.u32(magic)
        w.u32(IndexFormat.version)
        w.u64(UInt64(records.count))
        for r in records {
            w.string(r.path)
            w.u64(UInt64(r.size))
            w.u64(UInt64(bitPattern: r.modified))
            w.u64(r.hash)
            w.u64(UInt64(r.documents.count))
            for id in r.documents { w.u64(id) }
            for i in r.documents.indices { w.u64(i < r.fingerprints.count ? r.fingerprints[i] : 0) }
        }
        w.u32(CRC32.checksum(w.bytes))
        return w.bytes
    }

    static func decode(_ raw: UnsafeRawBufferPointer, file: String) throws(IndexError) -> [FileRecord] {
        guard raw.count >= 20 else { throw .corrupt(file: file, reason: "too short") }
        let stored = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: raw.count - 4, as: UInt32.self))
        guard stored == CRC32.checksum(UnsafeRawBufferPointer(rebasing: raw[0..<raw.count - 4])) else {
            throw .corrupt(file: file, reason: "checksum mismatch")
        }
        var r = ByteReader(UnsafeRawBufferPointer(rebasing: raw[0..<raw.count - 4]), file: file)
        guard try r.u32() == magic else { throw .corrupt(file: file, reason: "not a Fundstelle file manifest") }
        let version = try r.u32()
        guard version == IndexFormat.version else { throw .unsupportedVersion(file: file, version: version) }
        let count = Int(try r.u64())
        var records: [FileRecord] = []
        for _ in 0..<count {
            let path = try r.string()
            let size = Int(try r.u64())
            let modified = Int64(bitPattern: try r.u64())
            let hash = try r.u64()
            let n = Int(try r.u64())
            guard n <= raw.count / 8 else { throw .corrupt(file: file, reason: "bad document count") }
            var ids: [UInt64] = []
            ids.reserveCapacity(n)
            for _ in 0..<n { ids.append(try r.u64()) }
            var fingerprints: [UInt64] = []
            fingerprints.reserveCapacity(n)
            for _ in 0..<n { fingerprints.append(try r.u64()) }
            records.append(FileRecord(path: path, size: size, modified: modified, hash: hash, documents: ids, fingerprints: fingerprints))
        }
        return records
    }
}

/// Which documents of a segment are deleted: one bit per document, written as
/// `<segment>.<generation>.del` by the commit that deleted them (segments never change).
enum DeletionFile {
    static let magic: UInt32 = 0x4C45_4446  // "FDEL"

    static func encode(_ bits: [UInt8], documentCount: Int) -> [UInt8] {
        var w = ByteWriter()
        w.u32(magic)
        w.u32(IndexFormat.version)
        w.u64(UInt64(documentCount))
        for b in bits { w.u8(b) }
        w.u32(CRC32.checksum(w.bytes))
        return w.bytes
    }

    static func decode(_ raw: UnsafeRawBufferPointer, documentCount: Int, file: String) throws(IndexError) -> [UInt8] {
        let size = (documentCount + 7) / 8
        guard raw.count == 16 + size + 4 else { throw .corrupt(file: file, reason: "wrong size for \(documentCount) documents") }
        let stored = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: raw.count - 4, as: UInt32.self))
        guard stored == CRC32.checksum(UnsafeRawBufferPointer(rebasing: raw[0..<raw.count - 4])) else {
            throw .corrupt(file: file, reason: "checksum mismatch")
        }
        var r = ByteReader(raw, file: file)
        guard try r.u32() == magic else { throw .corrupt(file: file, reason: "not a Fundstelle deletion file") }
        let version = try r.u32()
        guard version == IndexFormat.version else { throw .unsupportedVersion(file: file, version: version) }
        guard Int(try r.u64()) == documentCount else { throw .corrupt(file: file, reason: "made for another segment") }
        return Array(raw[16..<(16 + size)])
    }
}
