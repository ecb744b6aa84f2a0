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
        var seen = Set<UInt64>()
        forEachCountedParagraph(of: doc) { paragraph in
            let key = Self.hash(paragraph, seed: site)
            if seen.insert(key).inserted { pages[key, default: 0] += 1 }
        }
    }

    /// `doc` without the paragraphs its site repeats.
    public mutating func removingTemplate(from doc: Document) -> Document {
        let site = Self.siteHash(of: doc)
        let sitePageCount = Double(sitePages[site] ?? 0)
        let required = max(UInt32(minimumPages), UInt32((minimumShare * sitePageCount).rounded(.up)))
        var paragraphs = doc.body.split(separator: "\n", omittingEmptySubsequences: false)
        let before = paragraphs.count
        var index = 0
        paragraphs.removeAll { paragraph in
            defer { index += 1 }
            guard isCounted(index: index, of: before), paragraph.utf8.count >= minimumLength else { return false }
            return (pages[Self.hash(paragraph, seed: site)] ?? 0) >= required
        }
        guard paragraphs.count < before, !paragraphs.isEmpty else { return doc }
        removedParagraphs += before - paragraphs.count
        trimmedDocuments += 1
        var trimmed = doc
        trimmed.body = paragraphs.joined(separator: "\n")
        return trimmed
    }

    private func isCounted(index: Int, of count: Int) -> Bool {
        index < edgeParagraphs || index >= count - edgeParagraphs
    }

    private func forEachCountedParagraph(of doc: Document, _ body: (Substring) -> Void) {
        let paragraphs = doc.body.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, paragraph) in paragraphs.enumerated()
        where isCounted(index: index, of: paragraphs.count) && paragraph.utf8.count >= minimumLength {
            body(paragraph)
        }
    }

    /// The site of a page: its URL's host, else the first folder of its path ("" at the root).
    public static func site(of doc: Document) -> Substring {
        for candidate in [doc.url, doc.path.split(separator: "#", maxSplits: 1).dropFirst().first.map(String.init) ?? ""] {
            if let scheme = candidate.range(of: "://") {
                let rest = candidate[scheme.upperBound...]
                return rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
            }
        }
        let path = doc.path.prefix { $0 != "#" }
        guard let slash = path.firstIndex(of: "/") else { return "" }
        return path[..<slash]
    }

    private static func siteHash(of doc: Document) -> UInt64 {
        hash(site(of: doc), seed: 0xcbf2_9ce4_8422_2325)
    }

    /// FNV-1a over the UTF-8 bytes, continuing from `seed`.
    private static func hash(_ text: Substring, seed: UInt64) -> UInt64 {
        var h = seed ^ 0x9E37_79B9_7F4A_7C15
        for byte in text.utf8 {
            h ^= UInt64(byte)
            h &*= 0x0000_0100_0000_01B3
        }
        return h
    }
}
