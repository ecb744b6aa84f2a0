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

    /// The title is chosen by `PageTitle` (the headline, without the site's name); headings
    /// repeating the title are dropped.
    private static func assemble(_ collector: HTMLTextCollector, path: String) -> Document {
        let metadata = collector.metadata
        let title = PageTitle.choose(
            title: collector.title, socialTitle: metadata.socialTitle,
            firstHeading: collector.headings.first { $0.level == 1 }?.text)
        let headings = collector.headings
        return Document(
            path: path, title: title, headings: headings.map(\.text).filter { $0 != title },
            body: collector.bodyText, description: metadata.description, language: metadata.language,
            date: metadata.date, url: metadata.url)
    }
}
