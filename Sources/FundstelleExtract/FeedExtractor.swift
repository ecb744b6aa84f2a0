internal import CLibXML2

/// RSS (2.0 and 1.0) and Atom feeds: one document per item or entry, at `file#link`.
///
/// Item text (`description`, `content:encoded`, Atom `content`/`summary`) is usually HTML,
/// escaped or in CDATA; it goes through the HTML extractor. The channel's title becomes each
/// item's collection, its language the items' language.
enum FeedExtractor {
    static func isFeed(_ root: xmlNodePtr) -> Bool {
        root.hasLocalName("rss") || root.hasLocalName("feed") || (root.hasLocalName("RDF") && root.firstDescendant(named: "item") != nil)
    }

    static func extract(_ root: xmlNodePtr, path: String) -> [Document] {
        let channel = root.hasLocalName("rss") ? root.firstChild(named: "channel") ?? root : root
        let feedTitle = channel.firstChild(named: "title").map(text) ?? ""
        let language = channel.firstChild(named: "language").map(text) ?? root.attribute("xml:lang") ?? root.attribute("lang") ?? ""
        var items: [xmlNodePtr] = []
        root.forEachDescendant { node in
            if node.hasLocalName("item") || node.hasLocalName("entry") {
                items.append(node)
                return false
            }
            return true
        }
        var documents: [Document] = []
        var seen: Set<String> = []
        for (number, item) in items.enumerated() {
            let title = item.firstChild(named: "title").map(text) ?? ""
            let url = link(of: item)
            let dateText = ["pubDate", "published", "date", "updated", "issued", "modified"].lazy
                .compactMap { item.firstChild(named: $0).map(text) }.first ?? ""
            let date = DateNormalizer.normalize(dateText) ?? DateNormalizer.rfc822(dateText) ?? ""
            var body = ""
            for name in ["encoded", "content", "description", "summary"] {
                guard let element = item.firstChild(named: name) else { continue }
                let markup = text(element)
                body = (try? HTMLExtractor.extract(Array(markup.utf8), path: path).body) ?? markup
                if !body.isEmpty { break }
            }
            guard !title.isEmpty || !body.isEmpty else { continue }
            var name = url.isEmpty ? (item.firstChild(named: "guid").map(text) ?? item.firstChild(named: "id").map(text) ?? "") : url
            if name.isEmpty || !seen.insert(name).inserted { name = "item\(number + 1)" }
            documents.append(Document(
                path: path + "#" + name, title: TextBuffer.collapsed(title), body: body,
                language: language, date: date, url: url, collection: TextBuffer.collapsed(feedTitle)))
        }
        return documents
    }

    /// RSS `<link>` text, else the Atom link to the entry itself (rel="alternate" or none).
    private static func link(of item: xmlNodePtr) -> String {
        var href = ""
        var child = item.pointee.children
        while let node = child {
            if node.isElement, node.hasLocalName("link") {
                if let target = node.attribute("href") {
                    let rel = node.attribute("rel") ?? "alternate"
                    if rel == "alternate", href.isEmpty { href = target }
                } else if href.isEmpty {
                    href = text(node)
                }
            }
            child = node.pointee.next
        }
        return href.trimmingASCIIWhitespace()
    }

    static func text(_ element: xmlNodePtr) -> String {
        String(decoding: TreeText.bytes(of: element), as: UTF8.self).trimmingASCIIWhitespace()
    }
}

/// `--record ELEMENT`: an XML export of many records, one document per element of that name
/// (records nested inside a record belong to it). The title is the record's first title-like
/// child, the date its first date-like one, the path `file#id` (an id attribute or child) or
/// `file#N`.
enum RecordExtractor {
    static func extract(_ root: xmlNodePtr, element: String, path: String) -> [Document] {
        var records: [xmlNodePtr] = []
        root.forEachDescendant { node in
            if node.hasLocalName(element) {
                records.append(node)
                return false
            }
            return true
        }
        var documents: [Document] = []
        var seen: Set<String> = []
        for (number, record) in records.enumerated() {
            let title = titleNames.lazy.compactMap { record.firstDescendant(named: $0).map(FeedExtractor.text) }.first ?? ""
            let dateText = dateNames.lazy.compactMap { record.firstDescendant(named: $0).map(FeedExtractor.text) }.first ?? ""
            let body = GenericXMLCollector.document(from: record, path: path, expectedTextSize: 256).body
            guard !body.isEmpty else { continue }
            var id = record.attribute("id") ?? record.attribute("xml:id") ?? record.firstChild(named: "id").map(FeedExtractor.text) ?? ""
            if id.isEmpty || !seen.insert(id).inserted { id = String(number + 1) }
            documents.append(Document(
                path: path + "#" + id, title: TextBuffer.collapsed(title), body: body,
                language: record.attribute("xml:lang") ?? record.attribute("lang") ?? "",
                date: DateNormalizer.normalize(dateText) ?? DateNormalizer.rfc822(dateText) ?? ""))
        }
        return documents
    }

    private static let titleNames = ["title", "titel", "name", "headline", "heading", "ueberschrift", "überschrift"]
    private static let dateNames = ["date", "datum", "published", "pubDate", "created", "modified", "updated"]
}
