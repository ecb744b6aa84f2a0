internal import CLibXML2

/// HTML (and XHTML) pages: libxml2's forgiving HTML parser, then one walk over the tree.
enum HTMLExtractor {
    static func extract(_ utf8: [UInt8], path: String, honorsNoindex: Bool = true) throws(ExtractError) -> Document {
        let document = try LibXML2.parseHTML(utf8)
        defer { LibXML2.free(document) }
        // Tag soup can leave more than one top-level element (a second <html> after </html>).
        var roots: [xmlNodePtr] = []
        var topLevel = document.pointee.children
        while let node = topLevel {
            if node.isElement { roots.append(node) }
            topLevel = node.pointee.next
        }
        let content = MainContent(PageLayout.measure(roots))
        var collector = HTMLTextCollector(expectedTextSize: utf8.count / 4, content: content)
        for root in roots { TreeWalker.walk(root, with: &collector) }
        if collector.isBodyEmpty {
            // Nothing looked like content (a page that builds itself with scripts): all its text.
            collector = HTMLTextCollector(expectedTextSize: utf8.count / 4)
            for root in roots { TreeWalker.walk(root, with: &collector) }
        }
        if honorsNoindex, collector.metadata.noindex { throw .noindex }
        return assemble(collector, path: path)
    }

    /// A website mirror (`wget --mirror`) keeps each page under a folder named after its host:
    /// "www.stadt.example/soziales/wohngeld.html" was https://www.stadt.example/soziales/wohngeld.html.
    static func mirrorURL(_ path: String) -> String? {
        guard !path.contains("#"), let slash = path.firstIndex(of: "/") else { return nil }
        let host = path[..<slash]
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") } }),
              let top = labels.last, top.count >= 2, top.allSatisfy(\.isLetter) else { return nil }
        return "https://" + path
    }

    /// The title is chosen by `PageTitle` (the headline, without the site's name); headings
    /// are the content's, with the page's first h1 in front when it stands outside the content;
    /// headings repeating the title are dropped.
    private static func assemble(_ collector: HTMLTextCollector, path: String) -> Document {
        let metadata = collector.metadata
        let title = PageTitle.choose(
            title: collector.title, socialTitle: metadata.socialTitle,
            firstHeading: collector.firstTopHeading, contentHeading: collector.firstContentHeading)
        var headings = collector.headings.map(\.text)
        // The page's headline often stands above the content's container; it names the page.
        if let h1 = collector.firstTopHeading, collector.firstContentHeading == nil, !headings.contains(h1) {
            headings.insert(h1, at: 0)
        }
        let url = metadata.url.isEmpty ? mirrorURL(path) ?? "" : metadata.url
        var document = Document(
            path: path, title: title, headings: headings.filter { $0 != title },
            body: collector.bodyText, description: metadata.description, language: metadata.language,
            date: metadata.date, url: url)
        // Links to the page itself (its own URL or path) say nothing about it.
        let own = [LinkTarget.key(path: path), LinkTarget.key(url: url)]
        for (href, text) in collector.links {
            guard let target = LinkTarget.resolve(href, path: path, url: url), !own.contains(target) else { continue }
            document.links.append(Link(target: target, text: text))
        }
        return document
    }
}
