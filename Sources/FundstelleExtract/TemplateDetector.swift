/// Recognises the blocks a site's template repeats on many of its pages — a contact box, a
/// "Barrierefreiheit" line, a newsletter teaser that the main-content step left in — and takes
/// them out of the bodies. A single page cannot tell its template from its content; a dump can.
///
/// It counts, per site, on how many pages each paragraph of the body occurs (the first and
/// last `edgeParagraphs` paragraphs of each page: templates frame the content). A paragraph
/// on at least `minimumPages` pages and on at least `minimumShare` of the site's pages seen so
/// far is template. A site is the host of the page's URL, else the first folder of its path,
/// so the pages of one mirrored website (or one law) are one site.
///
/// Paragraphs shorter than `minimumLength` bytes are never template ("(weggefallen)", "Fußnote"
/// repeat because they are short, not because they are furniture), and a body is never emptied.
/// Memory: one 8-byte hash and a count per distinct counted paragraph.
public struct TemplateDetector: Sendable {
    public var minimumPages = 5
    public var minimumShare = 0.1
    public var minimumLength = 20
    public var edgeParagraphs = 6

    /// Pages that named a paragraph, by hash of site and paragraph.
    private var pages: [UInt64: UInt32] = [:]
    /// Pages seen per site hash.
    private var sitePages: [UInt64: UInt32] = [:]
    /// Paragraphs taken out so far.
    public private(set) var removedParagraphs = 0
    /// Documents that lost at least one paragraph.
    public private(set) var trimmedDocuments = 0

    public init() {}

    /// Counts the paragraphs of `doc` towards its site.
    public mutating func observe(_ doc: Document) {
        let site = Self.siteHash(of: doc)
        sitePages[site, default: 0] += 1
        let keys = Set(Self.countedParagraphs(of: doc.body, edge: edgeParagraphs, minimumLength: minimumLength)
            .map { Self.hash($0.bytes, seed: site) })
        for key in keys { pages[key, default: 0] += 1 }
    }

    /// `doc` without the paragraphs its site repeats.
    public mutating func removingTemplate(from doc: Document) -> Document {
        let site = Self.siteHash(of: doc)
        let required = max(UInt32(minimumPages), UInt32((minimumShare * Double(sitePages[site] ?? 0)).rounded(.up)))
        var drop: [Range<Int>] = []
        for paragraph in Self.countedParagraphs(of: doc.body, edge: edgeParagraphs, minimumLength: minimumLength)
        where (pages[Self.hash(paragraph.bytes, seed: site)] ?? 0) >= required {
            drop.append(paragraph.range)
        }
        guard !drop.isEmpty else { return doc }
        // What is left, paragraph by paragraph, joined again.
        let utf8 = Array(doc.body.utf8)
        var kept: [UInt8] = []
        kept.reserveCapacity(utf8.count)
        var next = 0
        var keptParagraphs = 0
        func keep(_ range: Range<Int>) {
            guard !range.isEmpty || range.lowerBound < utf8.count else { return }
            if keptParagraphs > 0 { kept.append(0x0A) }
            kept.append(contentsOf: utf8[range])
            keptParagraphs += 1
        }
        var start = 0
        for (i, byte) in utf8.enumerated() where byte == 0x0A {
            if next < drop.count, drop[next].lowerBound == start { next += 1 } else { keep(start..<i) }
            start = i + 1
        }
        if next < drop.count, drop[next].lowerBound == start { next += 1 } else { keep(start..<utf8.count) }
        guard keptParagraphs > 0 else { return doc }  // never empty a body
        removedParagraphs += drop.count
        trimmedDocuments += 1
        var trimmed = doc
        trimmed.body = String(decoding: kept, as: UTF8.self)
        return trimmed
    }

    /// The paragraphs of a body (split at "\n") that are counted: the first and last `edge`,
    /// at least `minimumLength` bytes long; each as its byte range and bytes.
    private static func countedParagraphs(of body: String, edge: Int, minimumLength: Int) -> [(range: Range<Int>, bytes: ArraySlice<UInt8>)] {
        let utf8 = Array(body.utf8)
        var ranges: [Range<Int>] = []
        var start = 0
        for (i, byte) in utf8.enumerated() where byte == 0x0A {
            ranges.append(start..<i)
            start = i + 1
        }
        ranges.append(start..<utf8.count)
        var result: [(range: Range<Int>, bytes: ArraySlice<UInt8>)] = []
        for (index, range) in ranges.enumerated()
        where (index < edge || index >= ranges.count - edge) && range.count >= minimumLength {
            result.append((range, utf8[range]))
        }
        return result
    }

    /// The site of a page: its URL's host, else the first folder of its path ("" at the root).
    public static func site(of doc: Document) -> Substring {
        for candidate in [doc.url, doc.path.split(separator: "#", maxSplits: 1).dropFirst().first.map(String.init) ?? ""] {
            if let scheme = candidate.firstRange(of: "://") {
                let rest = candidate[scheme.upperBound...]
                return rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
            }
        }
        let path = doc.path.prefix { $0 != "#" }
        guard let slash = path.firstIndex(of: "/") else { return "" }
        return path[..<slash]
    }

    private static func siteHash(of doc: Document) -> UInt64 {
        hash(ArraySlice(site(of: doc).utf8), seed: 0xcbf2_9ce4_8422_2325)
    }

    /// FNV-1a over the bytes, continuing from `seed`.
    private static func hash(_ bytes: ArraySlice<UInt8>, seed: UInt64) -> UInt64 {
        var h = seed ^ 0x9E37_79B9_7F4A_7C15
        for byte in bytes {
            h ^= UInt64(byte)
            h &*= 0x0000_0100_0000_01B3
        }
        return h
    }
}
