internal import CLibXML2

/// XML files: gii-norm law files (root `<dokumente>`) become one document per norm, RSS and
/// Atom feeds one per item, an export with `recordElement` one per record; sitemaps are not
/// pages (refused as such); anything else is one document with all its text.
enum XMLExtractor {
    static func extract(_ utf8: [UInt8], path: String, recordElement: String? = nil) throws(ExtractError) -> [Document] {
        let document = try LibXML2.parseXML(utf8)
        defer { LibXML2.free(document) }
        guard let root = LibXML2.rootElement(document) else { return [] }
        if let recordElement {
            let records = RecordExtractor.extract(root, element: recordElement, path: path)
            guard !records.isEmpty else { throw .noRecords(element: recordElement) }
            return records
        }
        if root.hasName("dokumente") {
            return LawExtractor(path: path).extract(root)
        }
        if root.hasLocalName("urlset") || root.hasLocalName("sitemapindex") { throw .sitemap }
        if FeedExtractor.isFeed(root) { return FeedExtractor.extract(root, path: path) }
        return [GenericXMLCollector.document(from: root, path: path, expectedTextSize: utf8.count / 2)]
    }
}
