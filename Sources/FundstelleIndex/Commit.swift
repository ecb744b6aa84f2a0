/// A commit point: the list of segments that make up the index at one generation.
/// Stored as `segments_<generation>`; the highest readable generation is the index.
struct Commit: Equatable {
    struct Segment: Equatable {
        var name: String
        var documentCount: Int
        /// The segment's deletion file, "" when none of its documents is deleted.
        var deletions = ""
    }

    var generation: Int
    var segments: [Segment]
    /// The folder the documents' paths are relative to (absolute), as given to `index`.
    var root: String
    /// Seconds since 1970 when the commit was written.
    var created: Int
    /// The file manifest (`files_N`), "" when the index was not built from files.
    var manifest = ""
    /// The anchor segment (`aN.seg`, see `AnchorSegment`), "" when no link reaches a document.
    var anchors = ""

    static func fileName(_ generation: Int) -> String { "segments_\(generation)" }

    /// The generation in a file name `segments_N`, nil for other names.
    static func generation(ofFile name: String) -> Int? {
        guard name.hasPrefix("segments_") else { return nil }
        return Int(name.dropFirst("segments_".count))
    }

    func encoded() -> [UInt8] {
        var w = ByteWriter()
        w.u32(IndexFormat.commitMagic)
        w.u32(IndexFormat.version)
        w.u64(UInt64(generation))
        w.u64(UInt64(created))
        w.string(root)
        w.u32(UInt32(segments.count))
        for s in segments {
            w.string(s.name)
            w.u64(UInt64(s.documentCount))
            w.string(s.deletions)
        }
        w.string(manifest)
        w.string(anchors)
        w.u32(CRC32.checksum(w.bytes))
        return w.bytes
    }

    static func decode(_ raw: UnsafeRawBufferPointer, file: String) throws(IndexError) -> Commit {
        guard raw.count >= 12 else { throw .corrupt(file: file, reason: "too short") }
        let body = UnsafeRawBufferPointer(rebasing: raw[0..<raw.count - 4])
        var r = ByteReader(raw, file: file)
        guard try r.u32() == IndexFormat.commitMagic else { throw .corrupt(file: file, reason: "not a Fundstelle commit") }
        let version = try r.u32()
        guard version == IndexFormat.version else { throw .unsupportedVersion(file: file, version: version) }
        let stored = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: raw.count - 4, as: UInt32.self))
        guard stored == CRC32.checksum(body) else { throw .corrupt(file: file, reason: "checksum mismatch") }
        let generation = Int(try r.u64())
        let created = Int(try r.u64())
        let root = try r.string()
        let count = Int(try r.u32())
        var segments: [Segment] = []
        for _ in 0..<count {
            let name = try r.string()
            guard !name.contains("/"), name.hasSuffix(".seg") else { throw .corrupt(file: file, reason: "bad segment name") }
            let documentCount = Int(try r.u64())
            let deletions = try r.string()
            guard !deletions.contains("/"), deletions.isEmpty || deletions.hasSuffix(".del") else {
                throw .corrupt(file: file, reason: "bad deletion file name")
            }
            segments.append(Segment(name: name, documentCount: documentCount, deletions: deletions))
        }
        let manifest = try r.string()
        guard !manifest.contains("/"), manifest.isEmpty || manifest.hasPrefix("files_") else {
            throw .corrupt(file: file, reason: "bad manifest name")
        }
        let anchors = try r.string()
        guard !anchors.contains("/"), anchors.isEmpty || anchors.hasSuffix(".seg") else {
            throw .corrupt(file: file, reason: "bad anchor segment name")
        }
        return Commit(
            generation: generation, segments: segments, root: root, created: created, manifest: manifest, anchors: anchors)
    }
}
