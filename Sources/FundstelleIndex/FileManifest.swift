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

    /// The records after the header, compressed as one Zstandard frame: paths of one folder
    /// share most of their bytes, and most documents' ids are their file's path hash. (On the
    /// full law dump, 111,224 files: 7.6 MB written as fixed-width fields, 3.0 MB so.)
    static func encode(_ records: [FileRecord]) -> [UInt8] {
        var body = ByteWriter()
        var previousModified: Int64 = 0
        for r in records {
            body.string(r.path)
            body.varint(r.size)
            body.varint(zigzag(r.modified &- previousModified))
            previousModified = r.modified
            body.u64(r.hash)
            body.varint(r.documents.count)
            let pathID = DocumentID.hash(r.path)
            for (i, id) in r.documents.enumerated() {
                if id == pathID {
                    body.u8(0)
                } else {
                    body.u8(1)
                    body.u64(id)
                }
                body.u64(i < r.fingerprints.count ? r.fingerprints[i] : 0)
            }
        }
        var w = ByteWriter()
        w.u32(magic)
        w.u32(IndexFormat.version)
        w.u64(UInt64(records.count))
        w.u64(UInt64(body.count))
        w.append(StoredBlocks.compress(body.bytes[...]))
        w.u32(CRC32.checksum(w.bytes))
        return w.bytes
    }

    static func decode(_ raw: UnsafeRawBufferPointer, file: String) throws(IndexError) -> [FileRecord] {
        guard raw.count >= 28 else { throw .corrupt(file: file, reason: "too short") }
        let stored = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: raw.count - 4, as: UInt32.self))
        guard stored == CRC32.checksum(UnsafeRawBufferPointer(rebasing: raw[0..<raw.count - 4])) else {
            throw .corrupt(file: file, reason: "checksum mismatch")
        }
        var header = ByteReader(UnsafeRawBufferPointer(rebasing: raw[0..<raw.count - 4]), file: file)
        guard try header.u32() == magic else { throw .corrupt(file: file, reason: "not a Fundstelle file manifest") }
        let version = try header.u32()
        guard version == IndexFormat.version else { throw .unsupportedVersion(file: file, version: version) }
        let count = Int(try header.u64())
        let size = Int(try header.u64())
        let body = try StoredBlocks.decompress(UnsafeRawBufferPointer(rebasing: raw[24..<raw.count - 4]), size: size, file: file)
        return try body.withUnsafeBytes { bytes in Result { () throws(IndexError) in try decodeRecords(bytes, count: count, file: file) } }.get()
    }

    private static func decodeRecords(_ bytes: UnsafeRawBufferPointer, count: Int, file: String) throws(IndexError) -> [FileRecord] {
        let size = bytes.count
        var r = ByteReader(bytes, file: file)
        var records: [FileRecord] = []
        records.reserveCapacity(min(count, size))
        var modified: Int64 = 0
        for _ in 0..<count {
            let path = try r.string()
            let fileSize = Int(clamping: try r.varint())
            modified &+= unzigzag(try r.varint())
            let hash = try r.u64()
            let n = try r.int()
            guard n <= size / 9 else { throw .corrupt(file: file, reason: "bad document count") }
            let pathID = DocumentID.hash(path)
            var ids: [UInt64] = [], fingerprints: [UInt64] = []
            ids.reserveCapacity(n)
            fingerprints.reserveCapacity(n)
            for _ in 0..<n {
                switch try r.u8() {
                case 0: ids.append(pathID)
                case 1: ids.append(try r.u64())
                default: throw .corrupt(file: file, reason: "bad document id")
                }
                fingerprints.append(try r.u64())
            }
            records.append(FileRecord(path: path, size: fileSize, modified: modified, hash: hash, documents: ids, fingerprints: fingerprints))
        }
        guard r.isAtEnd else { throw .corrupt(file: file, reason: "bytes after the last file") }
        return records
    }

    private static func zigzag(_ v: Int64) -> UInt64 { UInt64(bitPattern: (v << 1) ^ (v >> 63)) }
    private static func unzigzag(_ v: UInt64) -> Int64 { Int64(bitPattern: v >> 1) ^ -Int64(bitPattern: v & 1) }
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
