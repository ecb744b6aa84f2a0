internal import CLibXML2

/// Text of an XML vocabulary we know nothing about. An element that stands between other
/// elements (no text right beside it) is taken as a block; one inside running text as inline,
/// so `foo<em>bar</em>` stays one word.
struct GenericXMLCollector: TreeVisitor {
    private var body: TextBuffer
    private var titleText = TextBuffer(paragraphSeparator: 0x20)
    private var titleDepth = 0
    private var titleSeen = false

    static func document(from root: xmlNodePtr, path: String, expectedTextSize: Int) -> Document {
        var collector = GenericXMLCollector(body: TextBuffer(capacity: expectedTextSize))
        TreeWalker.walk(root, with: &collector)
        let language = root.attribute("lang") ?? ""
        return Document(path: path, title: collector.titleText.text, body: collector.body.text, language: language)
    }

    private init(body: TextBuffer) {
        self.body = body
    }

    mutating func enter(_ node: xmlNodePtr) -> Bool {
        if node.isText, let content = node.pointee.content {
            body.append(cString: content)
            if titleDepth > 0 { titleText.append(cString: content) }
            return false
        }
        guard node.isElement else { return false }
        if isBlock(node) { body.endParagraph() }
        if !titleSeen, fundstelle_xmlStrcasecmp(node.pointee.name, "title") == 0 { titleDepth += 1 }
        return true
    }

    mutating func leave(_ node: xmlNodePtr) {
        if isBlock(node) { body.endParagraph() }
        if titleDepth > 0, fundstelle_xmlStrcasecmp(node.pointee.name, "title") == 0 {
            titleDepth -= 1
            titleSeen = titleDepth == 0
        }
    }

    private func isBlock(_ element: xmlNodePtr) -> Bool {
        !hasText(element.pointee.prev) && !hasText(element.pointee.next)
    }

    private func hasText(_ sibling: xmlNodePtr?) -> Bool {
        guard let sibling, sibling.isText, let content = sibling.pointee.content else { return false }
        var byte = content
        while byte.pointee != 0 {
            if !byte.pointee.isASCIIWhitespace { return true }
            byte += 1
        }
        return false
    }
}
