internal import CLibXML2

/// HTML (and XHTML) pages: libxml2's forgiving HTML parser, then one walk over the tree.
enum HTMLExtractor {
    static func extract(_ utf8: [UInt8], path: String) throws(ExtractError) -> Document {
        guard let document = LibXML2.parseHTML(utf8) else { throw .htmlUnparseable }
        defer { xmlFreeDoc(document) }
        var collector = HTMLTextCollector(expectedTextSize: utf8.count / 4)
        // Tag soup can leave more than one top-level element (a second <html> after </html>).
        var topLevel = document.pointee.children
        while let node = topLevel {
            if node.isElement { TreeWalker.walk(node, with: &collector) }
            topLevel = node.pointee.next
        }
        return assemble(collector, path: path)
    }

    /// The `<title>` is the title, else the first h1 (which then no longer counts as a heading);
    /// headings repeating the title are dropped.
    private static func assemble(_ collector: HTMLTextCollector, path: String) -> Document {
        var title = collector.title
        var headings = collector.headings
        if title.isEmpty, let first = headings.firstIndex(where: { $0.level == 1 }) {
            title = headings.remove(at: first).text
        }
        let metadata = collector.metadata
        return Document(
            path: path, title: title, headings: headings.map(\.text).filter { $0 != title },
            body: collector.bodyText, description: metadata.description, language: metadata.language,
            date: metadata.date, url: metadata.url)
    }
}
