import FundstelleAnalysis
import FundstelleExtract

/// One document analysed into its dictionary keys and their positions: what the segment
/// builder needs to add it to the postings. Computing it is the costly part of indexing and
/// depends on nothing but the document and the analyzer's settings, so it runs on all cores;
/// adding it to the postings happens one document after another, in order.
struct DocumentTerms {
    /// The keys one after another: field-and-kind prefix byte, then the term's bytes.
    var keys: [UInt8] = []
    /// Where each key ends in `keys`.
    var ends: [Int32] = []
    /// The position of each key's occurrence (unused for keys without positions).
    var positions: [Int32] = []
    /// Length in tokens of each text field, in `Field.text` order.
    var lengths: [Int] = []

    /// Positions between two values of one field (two headings), so phrases do not cross them.
    static let valueGap = 100

    init(_ doc: Document, analyzer: inout Analyzer) {
        keys.reserveCapacity(doc.body.utf8.count * 3)
        for field in Field.text {
            lengths.append(add(field, values: DocumentTerms.values(of: field, in: doc), analyzer: &analyzer))
        }
        // A duplicate's path finds the document as its own path does (`show`, `path:`).
        for path in [doc.path] + doc.duplicates {
            keys.append(Field.path.keyPrefix(.stem))
            keys.append(contentsOf: path.utf8)
            ends.append(Int32(keys.count))
            positions.append(0)
        }
        for key in DocumentTerms.metaKeys(of: doc) {
            keys.append(Field.meta.keyPrefix(.stem))
            keys.append(contentsOf: key.utf8)
            ends.append(Int32(keys.count))
            positions.append(0)
        }
    }

    /// The filter and facet keys of a document: its date, year, language and site.
    static func metaKeys(of doc: Document) -> [String] {
        var keys: [String] = []
        if !doc.date.isEmpty {
            keys.append("date:" + doc.date)
            if doc.date.utf8.count >= 4 { keys.append("year:" + doc.date.prefix(4)) }
        }
        if let language = doc.language.split(separator: "-").first, !language.isEmpty {
            keys.append("lang:" + language.lowercased())
        }
        let site = TemplateDetector.site(of: doc)
        if !site.isEmpty { keys.append("site:" + site) }
        return keys
    }

    /// The texts a field is made of.
    static func values(of field: Field, in doc: Document) -> [String] {
        switch field {
        case .title: [doc.title]
        case .headings: doc.collection.isEmpty ? doc.headings : doc.headings + [doc.collection]
        case .body: [doc.body]
        case .description: [doc.description]
        case .path: [doc.path]
        case .meta: []
        case .anchor: doc.anchors
        }
    }

    /// Analyses the values of one field; returns the field's length in tokens.
    private mutating func add(_ field: Field, values: [String], analyzer: inout Analyzer) -> Int {
        var position = 0
        var length = 0
        var lastPosition = -1  // tokens are counted by their first term; completions come later
        for value in values where !value.isEmpty {
            var text = value
            let next = text.withUTF8 { utf8 in
                analyzer.analyze(utf8, firstPosition: position) { term in
                    if term.token.position > lastPosition {
                        lastPosition = term.token.position
                        length += 1
                    }
                    // A split is a record of the dictionary, the same for every field.
                    keys.append(term.kind == .split ? Field.title.keyPrefix(.split) : field.keyPrefix(term.kind))
                    keys.append(contentsOf: term.bytes)
                    ends.append(Int32(keys.count))
                    positions.append(Int32(term.token.position))
                }
            }
            position = next + DocumentTerms.valueGap
        }
        return length
    }

    /// Calls `body(key, position)` for every key, in the order they were added.
    func forEach(_ body: (UnsafeBufferPointer<UInt8>, Int32) -> Void) {
        keys.withUnsafeBufferPointer { all in
            var start = 0
            for (i, end) in ends.enumerated() {
                body(UnsafeBufferPointer(rebasing: all[start..<Int(end)]), positions[i])
                start = Int(end)
            }
        }
    }
}
