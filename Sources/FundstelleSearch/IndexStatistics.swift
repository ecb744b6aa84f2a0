import FundstelleIndex

/// What an index holds: documents, terms per field, size on disk. Counting the terms walks
/// every segment's dictionary once (O(keys)), so a caller that asks often keeps the result
/// per snapshot.
public struct IndexStatistics: Sendable {
    public var documents: Int
    public var deleted: Int
    /// Stems (and path and meta keys) per field, summed over segments.
    public var terms: [Field: Int]
    /// All dictionary keys: stems, exact and folded spellings, compound parts.
    public var keys: Int
    /// Average tokens per document of each text field.
    public var averageLengths: [Field: Float]
    public var segments: Int
    public var sizeBytes: Int
    public var storedBytes: Int
    public var generation: Int
    public var root: String

    public var totalTerms: Int { terms.values.reduce(0, +) }

    public init(_ reader: IndexReader) throws(IndexError) {
        var terms = [Field: Int]()
        var keys = 0
        for segment in reader.segments {
            try segment.forEachTerm { field, kind, _, _ in
                if kind == .stem { terms[field, default: 0] += 1 }
                keys += 1
            }
        }
        self.terms = terms
        self.keys = keys
        documents = reader.liveDocumentCount
        deleted = reader.documentCount - reader.liveDocumentCount
        averageLengths = [:]
        for (slot, field) in Field.text.enumerated() { averageLengths[field] = reader.averageLengths[slot] }
        segments = reader.segments.count
        sizeBytes = reader.sizeInBytes
        storedBytes = reader.segments.reduce(0) { $0 + $1.storedBytes }
        generation = reader.generation
        root = reader.root
    }

    /// `{"index","documents","deleted","terms","keys","fields":[{"name","terms","average_length"?}],
    /// "segments","size_bytes","stored_bytes","generation","root"}` on one line.
    public func json(directory: String) -> String {
        var w = JSONWriter()
        w.beginObject()
        w.string(directory, key: "index")
        w.number(documents, key: "documents")
        w.number(deleted, key: "deleted")
        w.number(totalTerms, key: "terms")
        w.number(keys, key: "keys")
        w.beginArray("fields")
        for field in Field.allCases {
            w.beginObject()
            w.string(field.name, key: "name")
            w.number(terms[field] ?? 0, key: "terms")
            if let average = averageLengths[field] { w.number(Double(average), digits: 1, key: "average_length") }
            w.endObject()
        }
        w.endArray()
        w.number(segments, key: "segments")
        w.number(sizeBytes, key: "size_bytes")
        w.number(storedBytes, key: "stored_bytes")
        w.number(generation, key: "generation")
        w.string(root, key: "root")
        w.endObject()
        return w.output
    }
}
